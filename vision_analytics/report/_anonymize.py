"""Pseudonymise an analysis: people's names and addresses → "Person A", ``person-a@…``.

Used for briefs and files that leave the account team. Roles, titles,
departments and organisations are kept (they are what a workshop discusses);
every person's name, address and ``person_id`` is replaced by a stable
pseudonym wherever it appears: frames, free text (subjects, bodies, excerpts,
evidence lines, answers), the stakeholder graph and the finding.
"""

from __future__ import annotations

import dataclasses
import re
import string
import unicodedata
from collections import Counter

import networkx as nx
import numpy as np
import pandas as pd

__all__ = ["Pseudonyms", "anonymize_analysis"]

_EMAIL = re.compile(r"[\w.+'-]+@([\w-]+(?:\.[\w-]+)+)", re.UNICODE)
_NAME_TOKEN = re.compile(r"^[^\W\d_][\w'’-]*$", re.UNICODE)
#: Columns and keys holding lower-cased keyword lists, where a name is replaced in any case.
KEYWORD_FIELDS = frozenset({"label", "topic_label", "top_terms", "terms", "vision_terms",
                            "feature"})
# Words too common to blank out when they happen to be someone's first or last name.
_COMMON = {
    "will", "may", "mark", "june", "april", "august", "grant", "bill", "rose", "price",
    "long", "young", "white", "black", "green", "brown", "king", "hall", "page", "read",
    "reading", "chase", "bishop", "cook", "lane", "miles", "new", "best", "team", "the",
    "and", "for", "per", "via", "van", "von", "der", "den", "del", "de", "la", "le", "di",
    "da", "du", "st", "mr", "mrs", "ms", "dr", "sales", "support", "admin", "info", "service",
    "services", "office", "help", "noreply", "no-reply", "accounts", "billing", "finance",
    "it", "hr", "it team", "unknown",
}


def _letters(i: int) -> str:
    """0 → A, 25 → Z, 26 → AA, …"""
    out = ""
    i += 1
    while i:
        i, rem = divmod(i - 1, 26)
        out = string.ascii_uppercase[rem] + out
    return out


def _fold(text: str) -> str:
    """Case- and accent-insensitive key ("Çağlar" and "CAGLAR" give the same)."""
    decomposed = unicodedata.normalize("NFKD", text.replace("ı", "i").replace("İ", "I"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _trie_pattern(words) -> str:
    """One regex alternation for many words, shaped as a prefix tree.

    ``a|ab|abc`` written as ``a(?:b(?:c)?)?`` lets the regex engine walk the
    text once per position instead of trying every word in turn (thousands of
    names in a large mailbox); greedy optional groups keep longest-match-first.
    """
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:
        chain = []
        while len(node) == 1 and "" not in node:  # a run with no branching: one literal
            ((char, node),) = node.items()
            chain.append(char)
        head = re.escape("".join(chain))
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items())
                    if char]
        if not branches:
            return head
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return head + (f"(?:{body})?" if "" in node else body)

    return build(trie)


def _is_missing(value) -> bool:
    return value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA \
        or value is pd.NaT


class Pseudonyms:
    """A name/address → pseudonym mapping and the text rewriting that applies it.

    Build it with :meth:`from_analysis`; :meth:`text` rewrites one string,
    :meth:`apply` any value (frames, dicts, lists, dataclasses, graphs).
    """

    def __init__(self):
        self.people: dict[str, dict] = {}  # key → {"name", "email", "id"}
        self._replacements: dict[str, str] = {}  # lower-case variant → replacement
        self._tokens: dict[str, str] = {}  # case-sensitive single name → replacement
        self._domains: dict[str, str] = {}
        self._unknown: dict[str, str] = {}
        self._pattern = None
        self._token_pattern = None
        self._keyword_pattern = None
        self._tokens_any_case: dict[str, str] = {}
        self._folded: dict[str, str] = {}
        self._locals: dict[str, str] = {}  # "first.last" → pseudonymous address
        self._next = 0  # index of the next letter for an address met while rewriting

    # -- building -----------------------------------------------------------------------

    @classmethod
    def from_analysis(cls, analysis) -> Pseudonyms:
        """Collect every person and address an analysis holds, in a stable order."""
        self = cls()
        corpus = getattr(analysis, "corpus", None)
        seller = {d.lower() for d in getattr(corpus, "seller_domains", ()) or ()}
        people = getattr(getattr(analysis, "identities", None), "people", None)
        entries: list[dict] = []
        if isinstance(people, pd.DataFrame) and "person_id" in people.columns:
            first = pd.to_datetime(people.get("first_seen"), utc=True, errors="coerce") \
                if "first_seen" in people.columns else pd.Series(pd.NaT, index=people.index)
            order = people.assign(_first=first).sort_values(
                ["_first", "person_id"], kind="stable", na_position="last")
            for row in order.itertuples(index=False):
                emails = [str(e) for e in (row.emails if isinstance(row.emails, list) else [])]
                aliases = getattr(row, "aliases", [])
                aliases = [str(a) for a in aliases] if isinstance(aliases, list) else []
                entries.append({"id": str(row.person_id), "name": _text(getattr(row, "name", "")),
                                "emails": emails, "aliases": aliases,
                                "side": _text(getattr(row, "side", ""))})
        known = {e.lower() for entry in entries for e in entry["emails"]}
        extra: dict[str, str] = {}
        graph = getattr(analysis, "graph", None)
        if graph is not None:
            for node, data in graph.nodes(data=True):
                email = _text(data.get("email", "")).lower()
                if email and email not in known:
                    extra.setdefault(email, _text(data.get("name", "")))
                elif not email and str(node) not in {e["id"] for e in entries} and \
                        not str(node).startswith("org:"):
                    entries.append({"id": str(node), "name": _text(data.get("name", "")),
                                    "emails": [], "aliases": [], "side": _text(
                                        data.get("side", ""))})
        for frame, email_col, name_col in _address_columns(analysis):
            emails = frame[email_col].fillna("").astype(str) if email_col in frame else None
            names = frame[name_col].fillna("").astype(str) if name_col in frame else None
            if emails is None:
                continue
            for i, email in enumerate(emails):
                email = email.strip().lower()
                if "@" in email and email not in known:
                    extra.setdefault(email, names.iloc[i] if names is not None else "")
        for frame, column in _list_address_columns(analysis):
            for values in frame[column]:
                if isinstance(values, list):
                    for email in values:
                        email = str(email).strip().lower()
                        if "@" in email and email not in known:
                            extra.setdefault(email, "")
        source = (getattr(analysis, "vision", None) or {}).get("source") or {}
        email = _text(source.get("email", "")).lower()
        if email and email not in known:
            extra.setdefault(email, _text(source.get("name", "")))
        for email in sorted(extra):
            entries.append({"id": "", "name": extra[email], "emails": [email], "aliases": [],
                            "side": ""})
        all_domains = Counter(e.split("@", 1)[1].lower() for entry in entries
                              for e in entry["emails"] if "@" in e)
        customer = [d for d, _ in sorted(all_domains.items(), key=lambda kv: (-kv[1], kv[0]))
                    if d not in seller]
        for domain in sorted(all_domains):
            if domain in seller:
                self._domains[domain] = "seller.example"
            elif customer and domain == customer[0]:
                self._domains[domain] = "customer.example"
            else:
                self._domains[domain] = f"org-{len(self._domains) + 1}.example"
        for domain in seller:
            self._domains.setdefault(domain, "seller.example")
        names_taken: dict[str, str] = {}
        for i, entry in enumerate(entries):
            letter = _letters(i)
            side_domain = "seller.example" if entry["side"] == "seller" else None
            first_email = entry["emails"][0].lower() if entry["emails"] else ""
            domain = self._domains.get(first_email.split("@", 1)[1], "") if "@" in first_email \
                else (side_domain or "customer.example")
            pseudo = {"name": f"Person {letter}", "email": f"person-{letter.lower()}@"
                      f"{side_domain or domain or 'customer.example'}",
                      "id": f"person-{letter.lower()}"}
            key = entry["id"] or first_email
            self.people[key] = pseudo
            if entry["id"]:
                self._replacements[entry["id"].lower()] = pseudo["id"]
            for email in entry["emails"]:
                self._replacements[email.lower()] = pseudo["email"]
                local = email.split("@", 1)[0].lower()
                if len(local) >= 4 and local not in _COMMON and not local.isdigit():
                    # the address's user name on its own ("gconceicao") names the person too
                    self._replacements.setdefault(local, pseudo["id"])
                    self._locals.setdefault(_fold(local), pseudo["email"])
            full_names = [entry["name"]] + [a for a in entry["aliases"] if "@" not in a
                                            and not a.lower().startswith("x500:")]
            for name in full_names:
                self._add_name(name, pseudo["name"], names_taken, pseudo["email"])
        self._next = len(entries)
        self._compile()
        return self

    def _add_name(self, name: str, pseudo: str, taken: dict[str, str], email: str = "") -> None:
        name = " ".join(str(name or "").replace('"', " ").split()).strip(" ,")
        if not name or "@" in name:
            return
        if "," in name:  # "Last, First"
            last, _, first = name.partition(",")
            self._replacements.setdefault(name.lower(), pseudo)
            name = f"{first.strip()} {last.strip()}".strip()
        parts = [p for p in re.split(r"[\s._]+", name) if p]
        if len(parts) >= 2:
            for sep in (" ", ".", "_", "-", ""):
                self._replacements.setdefault(sep.join(parts).lower(), pseudo)
            if email:
                for sep in (".", "_", "-"):
                    self._locals.setdefault(_fold(sep.join([parts[0], parts[-1]])), email)
            self._replacements.setdefault(f"{parts[-1]}, {' '.join(parts[:-1])}".lower(),
                                          pseudo)
            self._replacements.setdefault(f"{parts[0][0]}. {parts[-1]}".lower(), pseudo)
        for part in parts:
            if len(part) >= 3 and _NAME_TOKEN.match(part) and part.lower() not in _COMMON:
                for form in (part[:1].upper() + part[1:], part.upper()):
                    if form not in taken:
                        taken[form] = pseudo
                        self._tokens[form] = pseudo

    def _compile(self) -> None:
        self._folded = {}
        for variant, pseudo in list(self._replacements.items()):
            self._folded.setdefault(_fold(variant), pseudo)
            # the same name typed without its accents ("Caglar" for "Çağlar")
            self._replacements.setdefault(_fold(variant), pseudo)
        for token, pseudo in list(self._tokens.items()):
            plain = _fold(token)
            for form in (plain[:1].upper() + plain[1:], plain.upper()):
                self._tokens.setdefault(form, pseudo)
        if self._replacements:
            self._pattern = re.compile(
                r"(?<![\w.+-])(" + _trie_pattern(self._replacements) + r")(?![\w@-])",
                re.IGNORECASE)
        if self._tokens:
            self._token_pattern = re.compile(
                r"(?<![\w@.-])(" + _trie_pattern(self._tokens) + r")(?![\w@-])")
            self._tokens_any_case = {t.lower(): p for t, p in sorted(self._tokens.items())}
            self._keyword_pattern = re.compile(
                r"(?<![\w@.-])(" + _trie_pattern(self._tokens_any_case) + r")(?![\w@-])",
                re.IGNORECASE)

    # -- applying -----------------------------------------------------------------------

    def text(self, value: str, *, keywords: bool = False) -> str:
        """``value`` with every known name, address and id replaced.

        A lone first or last name is replaced when capitalised ("Dana", "WHITFIELD");
        with ``keywords`` (topic labels, top terms, vision terms — lower-cased
        word lists) in any case.
        """
        if not value:
            return value
        out = value
        if self._pattern is not None:
            out = self._pattern.sub(self._known, out)
        out = _EMAIL.sub(self._unknown_email, out)
        if keywords and self._keyword_pattern is not None:
            out = self._keyword_pattern.sub(
                lambda m: self._tokens_any_case.get(m.group(1).lower(), "[name]"), out)
        elif self._token_pattern is not None:
            out = self._token_pattern.sub(lambda m: self._tokens.get(m.group(1), "[name]"), out)
        return out

    def _known(self, match: re.Match) -> str:
        found = match.group(1)
        return self._replacements.get(found.lower()) or self._folded.get(
            _fold(found), "[name]")

    def _unknown_email(self, match: re.Match) -> str:
        """An address no person row knows: replaced when its domain is a people's domain."""
        address = match.group(0)
        domain = match.group(1).lower()
        if address.startswith("person-"):
            return address
        local = _fold(address.split("@", 1)[0])
        if local in self._locals:  # a known person at another address ("first.last@…")
            return self._locals[local]
        if domain not in self._domains:
            return address
        key = address.lower()
        if key not in self._unknown:
            letter = _letters(self._next).lower()
            self._next += 1
            self._unknown[key] = f"person-{letter}@{self._domains[domain]}"
        return self._unknown[key]

    def node(self, node):
        if isinstance(node, str):
            return self.text(node)
        return node

    def apply(self, value, *, keywords: bool = False):
        """A copy of ``value`` with names replaced (frames, containers, dataclasses, graphs).

        Columns and keys that hold keyword lists (:data:`KEYWORD_FIELDS`) are
        rewritten with ``keywords=True`` (see :meth:`text`).
        """
        if isinstance(value, str):
            return self.text(value, keywords=keywords)
        if isinstance(value, pd.DataFrame):
            return self._frame(value)
        if isinstance(value, pd.Series):
            return self._series(value)
        if isinstance(value, pd.Index):
            return self._index(value)
        if isinstance(value, dict):
            return {self.apply(k) if isinstance(k, str) else k:
                    self.apply(v, keywords=keywords or k in KEYWORD_FIELDS)
                    for k, v in value.items()}
        if isinstance(value, list):
            return [self.apply(v, keywords=keywords) for v in value]
        if isinstance(value, tuple) and not hasattr(value, "_fields"):
            return tuple(self.apply(v, keywords=keywords) for v in value)
        if isinstance(value, nx.Graph):
            return self._graph(value)
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            changes = {f.name: self.apply(getattr(value, f.name))
                       for f in dataclasses.fields(value) if f.init and f.name != "clusterer"}
            return dataclasses.replace(value, **changes)
        return value

    def _series(self, series: pd.Series) -> pd.Series:
        out = series.copy()
        if out.dtype == object or pd.api.types.is_string_dtype(out.dtype):
            out = out.map(lambda v: v if _is_missing(v) else self.apply(v))
            if pd.api.types.is_string_dtype(series.dtype) and series.dtype != object:
                out = out.astype(series.dtype)
        out.index = self._index(series.index)
        if isinstance(out.name, str):
            out.name = series.name
        return out

    def _index(self, index: pd.Index) -> pd.Index:
        if isinstance(index, pd.MultiIndex) or not (
                index.dtype == object or pd.api.types.is_string_dtype(index.dtype)):
            return index
        return pd.Index([v if _is_missing(v) or not isinstance(v, str) else self.text(v)
                         for v in index], dtype=index.dtype, name=index.name)

    def _frame(self, frame: pd.DataFrame) -> pd.DataFrame:
        out = frame.copy()
        for column in out.columns:
            series = out[column]
            if series.dtype == object or pd.api.types.is_string_dtype(series.dtype):
                keywords = column in KEYWORD_FIELDS
                values = series.map(lambda v, k=keywords: v if _is_missing(v) else self.apply(
                    v, keywords=k))
                if pd.api.types.is_string_dtype(series.dtype) and series.dtype != object:
                    values = values.astype(series.dtype)
                out[column] = values
        out.index = self._index(frame.index)
        return out

    def _graph(self, graph: nx.Graph) -> nx.Graph:
        out = graph.__class__()
        out.graph.update(self.apply(dict(graph.graph)))
        for node, data in graph.nodes(data=True):
            out.add_node(self.node(node), **self.apply(dict(data)))
        for u, v, data in graph.edges(data=True):
            out.add_edge(self.node(u), self.node(v), **self.apply(dict(data)))
        return out


def _text(value) -> str:
    return "" if _is_missing(value) else str(value)


def _frames(analysis):
    corpus = getattr(analysis, "corpus", None)
    for owner, name in ((analysis, "messages"), (analysis, "requests"), (analysis, "segments"),
                        (corpus, "request_log"), (corpus, "org_chart"),
                        (analysis, "stakeholders")):
        frame = getattr(owner, name, None)
        if isinstance(frame, pd.DataFrame):
            yield name, frame


def _address_columns(analysis):
    pairs = {"messages": [("sender", "sender_name")], "requests": [("sender", "sender_name")],
             "request_log": [("sender", "sender_name")],
             "segments": [("author_email", "author")], "org_chart": [("email", "name")],
             "stakeholders": [("email", "name")]}
    for name, frame in _frames(analysis):
        for email_col, name_col in pairs.get(name, []):
            if email_col in frame.columns:
                yield frame, email_col, name_col


def _list_address_columns(analysis):
    for name, frame in _frames(analysis):
        if name == "messages":
            for column in ("to", "cc"):
                if column in frame.columns:
                    yield frame, column


def anonymize_analysis(analysis):
    """A copy of ``analysis`` with people's names and addresses pseudonymised.

    Every person gets a stable pseudonym — ``Person A``, ``person-a@customer.example``
    (``seller.example`` for the account team), id ``person-a`` — in the order
    they first appear. Titles, departments and organisations are kept. The
    replacement reaches every frame (messages, segments, requests with their
    senders, originators and evidence lines, topics, evidence excerpts,
    stakeholders, load errors, request log, org chart), the stakeholder graph,
    the shared-source test's features and the ``vision`` finding (source,
    answers, clues). In derived text (the finding, topic labels and terms) a
    first or last name is replaced in any case ("gonçalo"); in the mail itself
    only when capitalised, so that "a park nearby" survives a Mr Park. The
    fitted topic model is shared, not copied.

    Parameters
    ----------
    analysis : Analysis

    Returns
    -------
    Analysis
        A new object; the input is not modified.

    Examples
    --------
    >>> import pandas as pd
    >>> from vision_analytics.report import Pseudonyms
    >>> from types import SimpleNamespace
    >>> people = pd.DataFrame({"person_id": ["p1"], "name": ["Ada Lovelace"],
    ...     "emails": [["ada@engine.org"]], "first_seen": [pd.Timestamp("2024-01-01", tz="UTC")]})
    >>> names = Pseudonyms.from_analysis(SimpleNamespace(identities=SimpleNamespace(people=people)))
    >>> names.text("Ada Lovelace <ada@engine.org> asked; thanks, Ada")
    'Person A <person-a@customer.example> asked; thanks, Person A'
    """
    names = Pseudonyms.from_analysis(analysis)
    out = names.apply(analysis)
    # The finding and the topics are derived text — terms, labels, sentences quoting
    # lower-cased terms ("speaks of “gonçalo”") — so a name part goes in any case there.
    changes = {key: names.apply(getattr(analysis, key), keywords=True)
               for key in ("vision", "topics") if hasattr(analysis, key)}
    if changes and dataclasses.is_dataclass(out):
        out = dataclasses.replace(out, **changes)
    corpus = getattr(out, "corpus", None)
    if corpus is not None and dataclasses.is_dataclass(corpus):
        domains = tuple(dict.fromkeys(names._domains.get(str(d).lower(), "seller.example")
                                      for d in corpus.seller_domains))
        out = dataclasses.replace(out, corpus=dataclasses.replace(corpus, seller_domains=domains))
    return out
