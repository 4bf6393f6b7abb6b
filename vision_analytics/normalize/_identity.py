"""Identity resolution: the many spellings of one person → one ``person_id``.

Every address seen is a node; rules join nodes, and every join is written to
``IdentityResult.merges`` with its rule and evidence. The rules, in order:

``alias_table``
    the user's table forces a merge (``alias,person``) or a split (``alias,``).
``same_x500``
    one Exchange X.500 mailbox (``/O=ORG/OU=…/CN=RECIPIENTS/CN=KPRESTO``) seen
    with several addresses.
``display_name``
    two addresses of one organisation domain carry the same full name
    ("Presto, Kevin M." and "Kevin M Presto"; middle initials may be missing but
    must not conflict). Two of the seller's or the customer's own domains that
    name one organisation (a mail move, "mistassini.com" → "mistassinigroup.eu")
    count as one domain here and in the two rules below. The name may come from a
    display name, a Lotus Notes form ("Kevin M Presto/HOU/ECT@ECT"), an org chart,
    or the address itself (``kevin.presto@``).
``nickname``
    same as ``display_name`` with a common short form of the first name
    (Mike / Michael), only when exactly one candidate exists in the domain.
``exchange_initials``
    Exchange-made addresses ``m..presto@`` (middle or first initial, two dots,
    last name) join the only person of that domain with that last name and
    initial.
``inner_header_name``
    a name seen only in quoted / forwarded headers or signatures (a segments
    frame) joins the only person with that full name.

Generic names ("John", "Team", "Support", "noreply"…) and role addresses are
never joined on a name. Person ids are ``"p_"`` + a slug of the canonical
address (the most used one), so they do not depend on input order.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from .._schema import validate_frame
from .._unionfind import UnionFind
from ._threads import fallback_new_text
from ._zoning import ONE_LINE_SPLIT as _ONE_LINE_SPLIT
from ._zoning import TITLE_WORDS as _TITLE_WORDS

__all__ = [
    "GENERIC_NAME_TOKENS",
    "PUBLIC_MAIL_DOMAINS",
    "IdentityResult",
    "customer_domain_sides",
    "organization_from_domain",
    "outside_organizations",
    "parse_name",
    "resolve_identities",
    "title_from_signature",
]

#: Tokens that make a name or an address local part a role, not a person.
GENERIC_NAME_TOKENS = frozenset({
    "team", "support", "info", "admin", "administrator", "noreply", "no", "reply",
    "donotreply", "do", "not", "help", "helpdesk", "desk", "service", "services",
    "sales", "office", "contact", "customer", "customers", "hr", "it", "marketing",
    "newsletter", "newsletters", "news", "notification", "notifications", "alert",
    "alerts", "mailer", "daemon", "postmaster", "webmaster", "system", "systems",
    "announcement", "announcements", "all", "everyone", "group", "list", "lists",
    "mail", "mailbox", "email", "unknown", "user", "staff", "department", "dept",
    "account", "accounts", "billing", "feedback", "enquiries", "inquiries", "root",
    "bounce", "bounces", "owner", "request", "requests", "digest", "editor",
    "distribution", "address", "undisclosed", "recipients", "the", "and",
    # organisation words: "Continental Airlines" is a sender, not a person
    "inc", "corp", "corporation", "llc", "ltd", "plc", "gmbh", "company", "airlines",
    "airways", "bank", "capital", "partners", "holdings", "international", "network",
    "online", "daily", "weekly", "monthly", "magazine", "journal", "report", "times",
    "club", "travel", "store", "shop", "deals", "rewards", "offers", "update", "updates",
    "center", "centre", "foundation", "association", "institute", "university",
    "committee", "council", "board", "operations", "hotline", "calendar",
})

#: Free webmail: an address there belongs to an individual, not an organisation.
PUBLIC_MAIL_DOMAINS = frozenset({
    "gmail.com", "googlemail.com", "hotmail.com", "hotmail.co.uk", "outlook.com",
    "live.com", "msn.com", "yahoo.com", "yahoo.co.uk", "yahoo.fr", "ymail.com",
    "aol.com", "icloud.com", "me.com", "mac.com", "mail.com", "gmx.com", "gmx.de",
    "gmx.net", "web.de", "protonmail.com", "proton.me", "qq.com", "163.com",
    "126.com", "yandex.ru", "mail.ru", "comcast.net", "earthlink.net", "att.net",
    "verizon.net", "sbcglobal.net", "bellsouth.net", "juno.com", "excite.com",
    "zoho.com", "fastmail.com", "free.fr", "orange.fr", "laposte.net", "libero.it",
    "t-online.de", "naver.com", "hanmail.net", "rediffmail.com",
})

# Common English short forms; both directions are looked up.
_NICKNAMES = {
    "michael": {"mike", "mick", "mickey"}, "richard": {"rick", "dick", "rich", "ricky"},
    "robert": {"rob", "bob", "bobby", "robbie"}, "william": {"bill", "will", "billy", "willy"},
    "james": {"jim", "jimmy", "jamie"}, "john": {"jack", "johnny"},
    "peter": {"pete"}, "andrew": {"andy", "drew"}, "thomas": {"tom", "tommy"},
    "joseph": {"joe", "joey"}, "charles": {"charlie", "chuck"}, "daniel": {"dan", "danny"},
    "david": {"dave"}, "steven": {"steve"}, "stephen": {"steve"}, "edward": {"ed", "ted", "eddie"},
    "christopher": {"chris"}, "christine": {"chris", "christy"}, "christina": {"chris"},
    "matthew": {"matt"}, "anthony": {"tony"}, "kenneth": {"ken", "kenny"},
    "jeffrey": {"jeff"}, "gerald": {"jerry"}, "timothy": {"tim"}, "patrick": {"pat"},
    "patricia": {"pat", "patty", "trish"}, "elizabeth": {"liz", "beth", "betty", "lisa"},
    "katherine": {"kate", "kathy", "katie"}, "kathleen": {"kathy", "kate"},
    "margaret": {"maggie", "peggy", "meg"}, "jennifer": {"jen", "jenny"},
    "susan": {"sue", "susie"}, "deborah": {"deb", "debbie"}, "rebecca": {"becky"},
    "samuel": {"sam"}, "samantha": {"sam"}, "benjamin": {"ben"}, "nicholas": {"nick"},
    "alexander": {"alex"}, "gregory": {"greg"}, "ronald": {"ron"}, "donald": {"don"},
    "douglas": {"doug"}, "lawrence": {"larry"}, "frederick": {"fred"}, "philip": {"phil"},
    "phillip": {"phil"}, "raymond": {"ray"}, "jonathan": {"jon"}, "joshua": {"josh"},
    "zachary": {"zach"}, "vincent": {"vince"}, "theodore": {"ted", "theo"},
    "leonard": {"len", "leo"}, "gary": set(), "eugene": {"gene"}, "harold": {"harry"},
    "henry": {"hank", "harry"}, "victoria": {"vicky"}, "barbara": {"barb"},
    "cynthia": {"cindy"}, "pamela": {"pam"}, "sandra": {"sandy"}, "teresa": {"terri"},
    "jacqueline": {"jackie"}, "stanley": {"stan"}, "mitchell": {"mitch"},
    "terrence": {"terry"}, "bradley": {"brad"}, "jeffery": {"jeff"}, "gerard": {"gerry"},
}
_NICK_TO_FULL: dict[str, set[str]] = defaultdict(set)
for _full, _shorts in _NICKNAMES.items():
    for _short in _shorts:
        _NICK_TO_FULL[_short].add(_full)

_X500 = re.compile(r"/o=[^<>\s]*?/cn=([^/<>\s]+)\s*>?\s*$", re.IGNORECASE)
_X500_ANY = re.compile(r"(/o=[^<>]+)", re.IGNORECASE)
_EMAIL = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
_PAREN = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_TITLES = {"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "jr", "sr", "ii", "iii", "iv",
           "phd", "md", "esq", "mba", "cpa"}

# ------------------------------------------------------------------------ name parsing


#: Words that join a surname rather than stand as a middle name ("Iris de Boer",
#: "Anouk van der Heijden", "João dos Santos"): shown as written, lower case.
_PARTICLES = {"de", "da", "das", "do", "dos", "del", "della", "delle", "dei", "degli", "di",
              "du", "des", "van", "von", "der", "den", "ter", "ten", "te", "la", "le", "lo",
              "zu", "af", "av", "'t"}


@dataclass(frozen=True)
class _Name:
    first: str
    middles: tuple[str, ...]
    last: str
    #: the name's words as written (accents and particles kept), for display only
    shown: tuple[str, ...] = field(default=(), compare=False)

    @property
    def key(self) -> str:
        return f"{self.first} {self.last}"

    @property
    def display(self) -> str:
        if self.shown:
            return " ".join(_shown_word(w, i, len(self.shown)) for i, w in enumerate(self.shown))
        parts = [self.first.title(), *[m.upper() if len(m) == 1 else m.title()
                                       for m in self.middles], self.last.title()]
        return " ".join(p for p in parts if p)


def _shown_word(word: str, position: int, count: int) -> str:
    """One word of a displayed name: a particle inside it lower case, an initial upper
    case, a word written all in one case capitalised ("IRIS" → "Iris", "o'brien" →
    "O'Brien"), any other as written ("McKay", "DeWitt")."""
    if 0 < position < count - 1 and _fold(word) in _PARTICLES:
        return word.lower()
    if len(word) == 1:
        return word.upper()
    if word.islower() or word.isupper():
        return word.title()
    return word


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def parse_name(text) -> tuple[str, tuple[str, ...], str] | None:
    """``(first, middles, last)`` from a display name in any common form, or None.

    Accepts "First M Last", "Last, First M.", Lotus "First M Last/HOU/ECT@ECT",
    Exchange "Last, First </O=…>" and quoted names; returns None for generic or
    one-word names and for bare addresses.

    Examples
    --------
    >>> parse_name("Presto, Kevin M. </O=ENRON/OU=NA/CN=RECIPIENTS/CN=KPRESTO>")
    ('kevin', ('m',), 'presto')
    >>> parse_name("Kevin M Presto/HOU/ECT@ECT")
    ('kevin', ('m',), 'presto')
    >>> parse_name("Support Team") is None
    True
    """
    name = _parse_name(text)
    return None if name is None else (name.first, name.middles, name.last)


def _parse_name(text) -> _Name | None:
    if not isinstance(text, str):
        return None
    text = _X500_ANY.sub("", text)
    text = re.sub(r"<[^<>]*>", "", text)
    text = _PAREN.sub(" ", text)
    text = text.strip().strip("'\"").strip()
    if "@" in text and "/" not in text:
        return None  # an address, not a name
    if "/" in text:  # Lotus Notes canonical form: name/OU/ORG@DOMAIN
        text = text.split("/", 1)[0]
    text = text.split("@", 1)[0]
    text = unicodedata.normalize("NFC", text).strip("'\" ")
    if "," in text:
        last, _, rest = text.partition(",")
        rest_tokens = _written_tokens(rest)
        if rest_tokens and rest_tokens[-1][0] in _TITLES:
            rest_tokens = rest_tokens[:-1]
        if rest_tokens and not {t for t, _ in _written_tokens(last)} & _TITLES:
            pairs = [*rest_tokens, *_written_tokens(last)]
        else:
            pairs = _written_tokens(last)
    else:
        pairs = _written_tokens(text)
    pairs = [(t, w) for t, w in pairs if t not in _TITLES]
    tokens = [t for t, _ in pairs]
    if len(tokens) < 2 or len(tokens) > 5:
        return None
    if any(t in GENERIC_NAME_TOKENS for t in tokens) or any(ch.isdigit() for t in tokens
                                                          for ch in t):
        return None
    first, *middles, last = tokens
    if len(first) < 2 or len(last) < 2:
        # "J Smith" / "Smith J": keep as an initial-only name, never matched on its own
        return None
    return _Name(first, tuple(m[0] for m in middles), last, shown=tuple(w for _, w in pairs))


def _tokens(text: str) -> list[str]:
    return [t for t in re.split(r"[^\w'-]+", text.replace(".", " ")) if t and t != "-"]


def _written_tokens(text: str) -> list[tuple[str, str]]:
    """``(folded, as written)`` for each word of a name: "Noëlle" → ("noelle", "Noëlle")."""
    out = []
    for word in _tokens(text):
        folded = _fold(word).strip("'\" ")
        if folded and folded != "-":
            out.append((folded, word.strip("'\" ")))
    return out


def _name_from_address(address: str) -> _Name | None:
    """``kevin.presto@`` → Kevin Presto; ``kevin.m.presto@`` too. None otherwise."""
    local = address.split("@", 1)[0]
    if ".." in local or "+" in local:
        local = local.split("+", 1)[0]
    parts = [p for p in re.split(r"[._]", _fold(local)) if p]
    if len(parts) < 2 or len(parts) > 3 or ".." in local:
        return None
    if any(not p.isalpha() for p in parts) or any(p in GENERIC_NAME_TOKENS for p in parts):
        return None
    first, *middles, last = parts
    if len(first) < 2 or len(last) < 2 or any(len(m) > 1 for m in middles):
        return None
    return _Name(first, tuple(middles), last)


def _is_generic_address(address: str) -> bool:
    local = _fold(address.split("@", 1)[0])
    parts = [p for p in re.split(r"[^a-z]+", local) if p]
    joined = "".join(parts)
    return (not parts or any(p in GENERIC_NAME_TOKENS for p in parts)
            or joined in GENERIC_NAME_TOKENS or joined.startswith(("noreply", "donotreply")))


def _all_nicknames(keys: set[str]) -> bool:
    """True when the full names differ only by a short form of the first name."""
    split = [k.rsplit(" ", 1) for k in keys]
    if len({last for _, last in split}) != 1:
        return False
    firsts = sorted({first for first, _ in split})
    return all(_nick_equivalent(firsts[0], f) for f in firsts[1:])


def _compatible(a: _Name, b: _Name) -> bool:
    if a.first != b.first or a.last != b.last:
        return False
    return not (a.middles and b.middles and a.middles[0] != b.middles[0])


def _nick_equivalent(a: str, b: str) -> bool:
    if a == b:
        return False
    return b in _NICKNAMES.get(a, ()) or a in _NICKNAMES.get(b, ()) or bool(
        _NICK_TO_FULL.get(a, set()) & _NICK_TO_FULL.get(b, set()))


# ------------------------------------------------------------------------ organisations


def organization_from_domain(domain: str) -> str:
    """An organisation name from a mail domain; "individual" for public webmail.

    Examples
    --------
    >>> organization_from_domain("mail.acme-corp.co.uk")
    'Acme Corp'
    >>> organization_from_domain("hotmail.com")
    'individual'
    """
    domain = (domain or "").lower().strip(". ")
    if not domain:
        return ""
    if domain in PUBLIC_MAIL_DOMAINS:
        return "individual"
    parts = domain.split(".")
    if len(parts) >= 3 and parts[-2] in {"co", "com", "ac", "gov", "org", "net", "edu", "ne",
                                          "or"} and len(parts[-1]) == 2:
        core = parts[-3]
    elif len(parts) >= 2:
        core = parts[-2]
    else:
        core = parts[0]
    return " ".join(w.capitalize() for w in re.split(r"[-_]+", core) if w)


def _corresponding_domains(contacts: Counter, share: float = 0.2,
                           message_share: float = 0.05) -> set[str]:
    """The customer's domains among those of the people who wrote with the seller.

    ``contacts`` counts, for each address, the messages it exchanged with the
    seller. The customer is the organisation most of them work for: a domain with
    more than ``share`` as many correspondents as the largest and more than
    ``message_share`` as many messages as the busiest, or one naming the same
    organisation ("acme-ag.de" beside "acme.de"). A competitor's two reps or a
    newsletter among fifteen of the customer's people are outsiders, and so are a
    competitor's three reps who wrote four messages in a year of the customer's
    hundreds.

    >>> sorted(_corresponding_domains(Counter({
    ...     "ann@acme.de": 40, "bo@acme.de": 30, "cy@acme.de": 9, "dee@acme.de": 5,
    ...     "eve@acme.de": 3, "fay@mail.acme-ag.de": 2, "rep@rival.io": 6, "me@gmail.com": 1})))
    ['acme-ag.de', 'acme.de']
    >>> sorted(_corresponding_domains(Counter({
    ...     "ann@acme.de": 40, "bo@acme.de": 30, "cy@acme.de": 9, "dee@acme.de": 5,
    ...     "rep@rival.io": 2, "am@rival.io": 1, "se@rival.io": 1})))
    ['acme.de']
    """
    people: Counter = Counter()
    messages: Counter = Counter()
    for address, n in contacts.items():
        domain = _domain(address)
        if domain and domain not in PUBLIC_MAIL_DOMAINS:
            people[_org_domain(domain)] += 1
            messages[_org_domain(domain)] += n
    if not people:
        return set()
    top_people, top_messages = max(people.values()), max(messages.values())
    major = {d for d in people
             if people[d] > share * top_people and messages[d] > message_share * top_messages}
    stems = {s for s in map(_stem, major) if len(s) >= 4}
    return {d for d in people if d in major or _stem(d) in stems}


def _same_organisation(domains: set[str], own: set[str]) -> dict[str, str]:
    """Domains of one organisation, each → the one that names it for the name rules.

    A company that moves its mail ("mistassini.com" → "mistassinigroup.eu") or keeps a
    second domain ("acme.de", "acme-ag.de") has each person under two addresses with
    one name. Among the seller's and the customer's own domains (``own``, given or
    found as the domains the seller corresponds with), those whose organisation's
    first word begins the other's ("mistassini", "mistassinigroup"; four letters at
    least) are one organisation, named by the shortest. An outsider's domain is never
    joined to them.

    >>> _same_organisation({"mistassini.com", "mistassinigroup.eu", "rival.io"},
    ...                    {"mistassini.com", "mistassinigroup.eu"})
    {'mistassinigroup.eu': 'mistassini.com'}
    """
    mine = sorted((d for d in domains if _in(f"x@{d}", tuple(own))),
                  key=lambda d: (len(_stem(d)), d))
    out: dict[str, str] = {}
    for i, domain in enumerate(mine):
        stem = _stem(domain)
        if len(stem) < 4 or domain in out:
            continue
        for other in mine[i + 1:]:
            if other not in out and other != domain and _stem(other).startswith(stem):
                out[other] = domain
    return out


def _stem(domain: str) -> str:
    """The first word of the organisation a domain names ("acme" of acme-ag.de)."""
    words = organization_from_domain(domain).lower().split()
    return words[0] if words else ""


def _org_domain(domain: str) -> str:
    """The registrable part of a domain ("mail.acme.co.uk" → "acme.co.uk")."""
    parts = domain.split(".")
    if len(parts) >= 3 and len(parts[-1]) == 2 and parts[-2] in {"co", "com", "ac", "gov",
                                                                  "org", "net", "edu"}:
        return ".".join(parts[-3:])
    return ".".join(parts[-2:])


# ------------------------------------------------------------------------ result


@dataclass
class IdentityResult:
    """What :func:`resolve_identities` found.

    Attributes
    ----------
    people : DataFrame
        The people contract frame plus ``aliases`` (list) and ``side``
        ("seller" / "customer" / "external").
    alias_map : dict
        Every alias string seen (address, display name, X.500, Lotus form), in
        lower case, → ``person_id``. Names shared by several people are left out.
    merges : DataFrame
        One row per join: ``rule``, ``alias_a``, ``alias_b``, ``person_id``,
        ``evidence``.
    """

    people: pd.DataFrame
    alias_map: dict[str, str]
    merges: pd.DataFrame
    _names: dict[str, str] = field(default_factory=dict, repr=False)
    _logins: dict[str, str] | None = field(default=None, repr=False)

    def lookup(self, text) -> str | None:
        """The ``person_id`` of an address, display name, X.500 or Lotus string.

        Returns None when the text is unknown or ambiguous.
        """
        if not isinstance(text, str) or not text.strip():
            return None
        key = text.strip().lower()
        if key in self.alias_map:
            return self.alias_map[key]
        found = _EMAIL.search(key)
        if found and found.group(0) in self.alias_map:
            return self.alias_map[found.group(0)]
        x500 = _X500.search(key)
        if x500 and f"x500:{x500.group(1).lower()}" in self.alias_map:
            return self.alias_map[f"x500:{x500.group(1).lower()}"]
        name = _parse_name(text)
        if name is not None:
            return self._names.get(name.key)
        if _LOGIN.fullmatch(key):
            if self._logins is None:
                self._logins = _logins(self.people)
            return self._logins.get(key)
        return None

    def __repr__(self) -> str:
        sides = Counter(self.people["side"]) if len(self.people) else Counter()
        return (f"IdentityResult({len(self.people)} people: {dict(sorted(sides.items()))}; "
                f"{len(self.merges)} merges)")


# a user name as a ticket system writes it ("ismit", "j.jansen", "avanderheijden")
_LOGIN = re.compile(r"[a-z][a-z0-9._-]{2,40}")


def _logins(people: pd.DataFrame) -> dict[str, str]:
    """The user names each person's name is commonly made into (first initial and
    surname "ismit", "i.smit"; first name and surname "ilsesmit", "ilse.smit",
    "ilse_smit") and the dotted local parts of their addresses, → ``person_id``. A name two
    people could have is left out: a login joins only the one person it can be.

    >>> people = pd.DataFrame({"person_id": ["p1", "p2", "p3"],
    ...     "name": ["Ilse Smit", "Anouk V D Heijden", "Isaac Smit"],
    ...     "emails": [["ilse.smit@x.nl"], [], []],
    ...     "aliases": [[], ["Anouk van der Heijden", "a.vdh@x.nl"], []]})
    >>> found = _logins(people)
    >>> found["avanderheijden"], found["ilse.smit"], "ismit" in found
    ('p2', 'p1', False)
    """
    owners: dict[str, set[str]] = defaultdict(set)
    aliases = people["aliases"] if "aliases" in people else pd.Series([()] * len(people))
    for pid, name, emails, seen in zip(people["person_id"], people["name"], people["emails"],
                                       aliases, strict=True):
        forms = set()
        # the names as written ("Anouk van der Heijden"), not only the canonical one
        written = [a for a in _listed(seen) if "@" not in str(a) and "/" not in str(a)]
        for text in {str(name or ""), *map(str, written)}:
            name_ = _parse_name(text)
            tokens = [t for t in _tokens(_fold(text)) if t.isalpha()]
            if name_ is None or not 2 <= len(tokens) <= 5 or tokens[0] != name_.first:
                continue  # "Smit, Ilse": only the first-name-first forms are read
            first, rest = tokens[0], tokens[1:]
            surname = "".join(rest)
            forms |= {first[0] + surname, f"{first[0]}.{surname}", first + surname,
                      f"{first}.{'.'.join(rest)}", f"{first}_{'_'.join(rest)}"}
        for email in _listed(emails):
            local = str(email).lower().split("@", 1)[0]
            # "ilse.smit"; a bare "dana" is a first name, which many could have
            if _LOGIN.fullmatch(local) and re.search(r"[._-]", local) \
                    and not _is_generic_address(str(email)):
                forms.add(local)
        for form in forms:
            owners[form].add(pid)
    return {form: next(iter(pids)) for form, pids in owners.items() if len(pids) == 1}


def _listed(value) -> list:
    return list(value) if isinstance(value, (list, tuple, set, np.ndarray)) else []


# ------------------------------------------------------------------------ resolution


class _Graph(UnionFind):
    """Union-find over addresses and name-only nodes, with merge records."""

    def __init__(self):
        super().__init__()
        self.blocked: set[str] = set()
        self.merges: list[tuple[str, str, str, str]] = []
        # per root: Exchange mailboxes (X.500 CN) and middle initials seen; two groups
        # with disjoint non-empty sets are different people (a "cannot link")
        self.mailboxes: dict[str, set[str]] = defaultdict(set)
        self.middles: dict[str, set[str]] = defaultdict(set)

    def conflict(self, a: str, b: str) -> str:
        ra, rb = self.find(a), self.find(b)
        for label, sets in (("X.500 mailboxes", self.mailboxes), ("middle initials", self.middles)):
            if sets[ra] and sets[rb] and not sets[ra] & sets[rb]:
                return f"different {label}: {sorted(sets[ra])} vs {sorted(sets[rb])}"
        return ""

    def union(self, a: str, b: str, rule: str, evidence: str, *, force: bool = False) -> bool:
        if not force and (a in self.blocked or b in self.blocked or self.conflict(a, b)):
            return False
        joined = super().union(a, b)
        if joined is None:
            return False
        keep, gone = joined
        self.mailboxes[keep] |= self.mailboxes.pop(gone, set())
        self.middles[keep] |= self.middles.pop(gone, set())
        self.merges.append((rule, a, b, evidence))
        return True


def resolve_identities(
    messages: pd.DataFrame,
    *,
    org_chart: pd.DataFrame | None = None,
    alias_table=None,
    seller_domains: Iterable[str] | str = (),
    segments: pd.DataFrame | None = None,
    customer_domains: Iterable[str] | str = (),
) -> IdentityResult:
    """Merge the spellings of each person into one identity.

    Parameters
    ----------
    messages : DataFrame
        The messages frame: ``sender``, ``sender_name``, ``to``, ``cc``,
        ``sent_at``. Optional columns used when present: ``x_from``, ``x_to``,
        ``x_cc`` (Exchange / Lotus display forms, as in Enron exports; ``x_to``
        is paired with ``to`` by position when both have as many entries).
    org_chart : DataFrame, optional
        Columns ``name``, ``email``, ``title``, ``department`` (any may be
        empty); gives titles and departments, and names for addresses.
    alias_table : DataFrame or path to a CSV, optional
        Columns ``alias``, ``person``. A non-empty ``person`` (an address,
        a person id or another alias) forces ``alias`` into that person; an
        empty one forces ``alias`` to stay apart from every automatic merge.
    seller_domains : str or list of str
        The seller's own domains: their people get ``side == "seller"``.
    segments : DataFrame, optional
        The zoning stage's segments (``author``, ``author_email``, ``kind``,
        ``text``): names and addresses of quoted / forwarded authors, and
        titles from signature lines.
    customer_domains : str or list of str, optional
        Domains of the customer. When omitted, anyone who corresponded with the
        seller side (and is not on the seller side) is a customer, and so is anyone
        at the mail domain of one of them (public webmail domains excepted); the
        rest are "external".

    Returns
    -------
    IdentityResult

    Examples
    --------
    >>> import pandas as pd
    >>> msgs = pd.DataFrame({
    ...     "sender": ["m..presto@enron.com", "kevin.presto@enron.com"],
    ...     "sender_name": ["Presto, Kevin M.", "Kevin M Presto"],
    ...     "to": [["dana@acme.com"], ["dana@acme.com"]], "cc": [[], []],
    ...     "sent_at": pd.to_datetime(["2001-01-02", "2001-01-03"], utc=True),
    ... })
    >>> result = resolve_identities(msgs, seller_domains="enron.com")
    >>> result.lookup("m..presto@enron.com") == result.lookup("Kevin M Presto")
    True
    >>> sorted(result.people["side"])
    ['customer', 'seller']
    """
    frame = _prepare_messages(messages)
    sellers = _domains(seller_domains, "seller_domains")
    customers = _domains(customer_domains, "customer_domains")
    table = _read_alias_table(alias_table)
    chart = _prepare_org_chart(org_chart)

    graph = _Graph()
    names: dict[str, Counter] = defaultdict(Counter)  # address → display forms
    x500s: dict[str, set[str]] = defaultdict(set)      # x500 cn → addresses
    raw_aliases: dict[str, set[str]] = defaultdict(set)  # node → alias strings
    sent_count: Counter = Counter()
    seen_count: Counter = Counter()
    first_seen: dict[str, pd.Timestamp] = {}
    last_seen: dict[str, pd.Timestamp] = {}
    contacts_seller: Counter = Counter()  # messages each outsider exchanged with the seller

    def observe(address: str, display: str, when) -> None:
        graph.add(address)
        seen_count[address] += 1
        raw_aliases[address].add(address)
        if display and display.strip().lower() != address:
            raw_aliases[address].add(display.strip())
            names[address][display.strip()] += 1
            cn = _mailbox(display)
            if cn:
                x500s[cn].add(address)
        if when is not None and not pd.isna(when):
            if address not in first_seen or when < first_seen[address]:
                first_seen[address] = when
            if address not in last_seen or when > last_seen[address]:
                last_seen[address] = when

    for row in frame.itertuples(index=False):
        when = row.sent_at
        sender = _clean_address(row.sender)
        recipients = [_clean_address(a) for a in [*row.to, *row.cc]]
        recipients = [a for a in recipients if a]
        if sender:
            sent_count[sender] += 1
            observe(sender, row.sender_name, when)
            if row.x_from:
                observe(sender, row.x_from, when)
        x_to = _split_display_list(row.x_to)
        if x_to and len(x_to) == len(row.to):
            for address, display in zip(row.to, x_to, strict=True):
                address = _clean_address(address)
                if address:
                    observe(address, display, when)
        x_cc = _split_display_list(row.x_cc)
        if x_cc and len(x_cc) == len(row.cc):
            for address, display in zip(row.cc, x_cc, strict=True):
                address = _clean_address(address)
                if address:
                    observe(address, display, when)
        for address in recipients:
            observe(address, "", when)
        everyone = [a for a in [sender, *recipients] if a]
        if sellers and any(_in(a, sellers) for a in everyone):
            contacts_seller.update({a for a in everyone if not _in(a, sellers)})

    for chart_row in chart.itertuples(index=False):
        address = _clean_address(chart_row.email)
        if address:
            graph.add(address)
            raw_aliases[address].add(address)
            if chart_row.name:
                names[address][chart_row.name] += 1
                raw_aliases[address].add(chart_row.name)

    # name-only nodes: authors from inner headers / signatures without an address
    name_nodes: dict[str, str] = {}
    if segments is not None and len(segments):
        # a slimmed frame's row may stand for several identical segments
        repeats = (segments["n_segments"] if "n_segments" in segments.columns
                   else pd.Series(1, index=segments.index))
        # a pasted passage's signature ("Sergio") names someone already known, or no one
        pasted = (segments["header_style"] == "pasted").to_numpy() \
            if "header_style" in segments.columns else np.zeros(len(segments), dtype=bool)
        for author, email, repeat, paste in zip(
                segments.get("author", pd.Series(dtype=str)).fillna(""),
                segments.get("author_email", pd.Series(dtype=str)).fillna(""),
                repeats, pasted, strict=False):
            if paste:
                continue
            address = _clean_address(email)
            if address:
                graph.add(address)
                raw_aliases[address].add(address)
                if author:
                    names[address][author] += int(repeat)
                    raw_aliases[address].add(author)
            elif author:
                parsed = _parse_name(author)
                if parsed is not None:
                    node = f"name:{parsed.key}"
                    graph.add(node)
                    name_nodes[node] = parsed.display
                    raw_aliases[node].add(author)

    # -- alias table: splits block, merges force --------------------------------------
    forced: list[tuple[str, str]] = []
    for alias, person in table:
        node = _node_for(alias, graph, names)
        if not person:
            for n in node or [_clean_address(alias) or f"name:{alias.lower()}"]:
                graph.blocked.add(n)
            continue
        forced.append((alias, person))

    # -- automatic rules -------------------------------------------------------------------
    parsed_names: dict[str, list[tuple[_Name, str]]] = {}
    for address in sorted(graph.parent):
        if address.startswith("name:"):
            continue
        found = []
        for display, _ in sorted(names.get(address, Counter()).items()):
            parsed = _parse_name(display)
            if parsed is not None:
                found.append((parsed, display))
        from_address = _name_from_address(address)
        if from_address is not None:
            found.append((from_address, address))
        parsed_names[address] = found

    variants: dict[str, list[str]] = defaultdict(list)
    for address in sorted(graph.parent):
        if "@" in address:
            local, _, domain = address.partition("@")
            variants[re.sub(r"['\"`]", "", local) + "@" + domain].append(address)
    for _key, addresses in sorted(variants.items()):
        for other in addresses[1:]:
            graph.union(addresses[0], other, "address_variant",
                        f"{addresses[0]} and {other} differ only by quote marks")

    # an address seen with two Exchange mailboxes or two different full names is a
    # shared or garbled address: it takes part in no name or mailbox rule
    cns_of: dict[str, set[str]] = defaultdict(set)
    for cn, addresses in x500s.items():
        for address in addresses:
            cns_of[address].add(cn)
    ambiguous = {a for a, cns in cns_of.items() if len(cns) > 1}
    for address, found in parsed_names.items():
        keys = {p.key for p, display in found if display != address}
        if len(keys) > 1 and not _all_nicknames(keys):
            ambiguous.add(address)
        if address not in ambiguous:
            graph.mailboxes[address] |= cns_of.get(address, set())
            graph.middles[address] |= {p.middles[0] for p, _ in found if p.middles}

    def usable(address: str) -> bool:
        return "@" in address and not _is_generic_address(address) and address not in ambiguous

    for cn, addresses in sorted(x500s.items()):
        ordered = sorted(a for a in addresses if usable(a))
        for other in ordered[1:]:
            graph.union(ordered[0], other, "same_x500", f"X.500 CN={cn.upper()} seen with both")

    by_domain_name: dict[tuple[str, str], list[tuple[str, _Name, str]]] = defaultdict(list)
    by_domain_last: dict[tuple[str, str], list[tuple[str, _Name, str]]] = defaultdict(list)
    # Without the customer's domains, theirs are those of the people who corresponded
    # with the seller (public webmail aside): a colleague at one of them seen only in
    # a cc line or a quoted header is the customer's too, not an outsider.
    corresponding = _corresponding_domains(contacts_seller) if sellers and not customers \
        else set()
    organisation = _same_organisation({_org_domain(_domain(a)) for a in parsed_names},
                                      set(sellers) | set(customers) | corresponding)
    for address, found in parsed_names.items():
        if not usable(address):
            continue
        org = _org_domain(_domain(address))
        org = organisation.get(org, org)
        for parsed, display in found:
            by_domain_name[(org, parsed.key)].append((address, parsed, display))
            by_domain_last[(org, parsed.last)].append((address, parsed, display))

    for (org, _key), entries in sorted(by_domain_name.items()):
        if org in PUBLIC_MAIL_DOMAINS:
            continue  # a name on two webmail accounts is not evidence enough
        entries = sorted(entries, key=lambda e: (e[0], e[2]))
        anchor = entries[0]
        for other in entries[1:]:
            if other[0] == anchor[0] or not _compatible(anchor[1], other[1]):
                continue
            rule = "display_name"
            if anchor[2] == anchor[0] or other[2] == other[0]:
                rule = "address_name"
            graph.union(anchor[0], other[0], rule,
                        f"name {anchor[2]!r} on {anchor[0]} and {other[2]!r} on {other[0]}")

    for (org, _last), entries in sorted(by_domain_last.items()):
        if org in PUBLIC_MAIL_DOMAINS:
            continue
        firsts = sorted({e[1].first for e in entries})
        for i, a in enumerate(firsts):
            for b in firsts[i + 1:]:
                if not _nick_equivalent(a, b):
                    continue
                # only when each side is one person: two Mikes would be ambiguous
                side_a = {graph.find(e[0]) for e in entries if e[1].first == a}
                side_b = {graph.find(e[0]) for e in entries if e[1].first == b}
                if len(side_a) == 1 and len(side_b) == 1:
                    ea = min((e for e in entries if e[1].first == a), key=lambda e: (e[0], e[2]))
                    eb = min((e for e in entries if e[1].first == b), key=lambda e: (e[0], e[2]))
                    graph.union(ea[0], eb[0], "nickname",
                                f"{ea[2]!r} and {eb[2]!r}: {a}/{b}, same last name and domain")

    for address in sorted(graph.parent):
        if "@" not in address:
            continue
        local = address.split("@", 1)[0]
        match = re.fullmatch(r"([a-z])\.\.([a-z][a-z'-]+)", local)
        if not match or not usable(address):
            continue
        initial, last = match.groups()
        org = _org_domain(_domain(address))
        org = organisation.get(org, org)
        candidates = {
            graph.find(e[0]) for e in by_domain_last.get((org, last), [])
            if e[0] != address and e[1].middles and e[1].middles[0] == initial
        }
        candidates.discard(graph.find(address))
        if len(candidates) == 1:
            target = candidates.pop()
            graph.union(address, target, "exchange_initials",
                        f"{address}: initial {initial!r} + last name {last!r}; the only match "
                        f"in {org}")

    groups_by_key: dict[str, set[str]] = defaultdict(set)
    for address, found in parsed_names.items():
        if usable(address):
            for parsed, _ in found:
                groups_by_key[parsed.key].add(graph.find(address))
    for node in sorted(name_nodes):
        key = node[len("name:"):]
        targets = groups_by_key.get(key, set())
        if len(targets) == 1:
            target = next(iter(targets))
            graph.union(node, target, "inner_header_name",
                        f"name {name_nodes[node]!r} from a quoted header or signature")

    for alias, person in forced:
        left = _node_for(alias, graph, names) or [_ensure(graph, alias, raw_aliases)]
        right = _node_for(person, graph, names) or [_ensure(graph, person, raw_aliases)]
        for node in left:
            graph.union(node, right[0], "alias_table", f"alias table: {alias!r} → {person!r}",
                        force=True)

    bodies = messages["body_text"] if "body_text" in messages.columns else None
    return _build(graph, names, raw_aliases, parsed_names, name_nodes, sent_count, seen_count,
                  first_seen, last_seen, chart, segments, frame, bodies, sellers, customers,
                  contacts_seller, corresponding)


# ------------------------------------------------------------------------ building people


def _build(graph, names, raw_aliases, parsed_names, name_nodes, sent_count, seen_count,
           first_seen, last_seen, chart, segments, frame, bodies, sellers, customers,
           contacts_seller, corresponding):
    members: dict[str, list[str]] = defaultdict(list)
    for node in sorted(graph.parent):
        members[graph.find(node)].append(node)

    chart_by_email = {_clean_address(r.email): r for r in chart.itertuples(index=False)
                      if _clean_address(r.email)}
    chart_by_name: dict[str, list] = defaultdict(list)
    for r in chart.itertuples(index=False):
        parsed = _parse_name(r.name)
        if parsed is not None:
            chart_by_name[parsed.key].append(r)
    signature_titles = _signature_titles(segments)
    body_titles = (_body_signature_titles(frame["sender"], bodies, parsed_names)
                   if not signature_titles and bodies is not None else {})
    introduced = _introduced_titles(frame["sender"], bodies) if bodies is not None else {}

    rows = []
    node_to_person: dict[str, str] = {}
    canonical_of: dict[str, str] = {}
    for root, nodes in members.items():
        emails = [n for n in nodes if "@" in n]
        if emails:
            # the org chart's address, else a first.last address, else the most used one
            canonical_of[root] = min(emails, key=lambda a: (
                a not in chart_by_email, _name_from_address(a) is None, -sent_count[a],
                -seen_count[a], a))
        else:
            canonical_of[root] = ""
    ids = _unique_ids({
        root: "p_" + _slug(canonical_of[root] or name_nodes.get(nodes[0], nodes[0][5:]))
        for root, nodes in members.items()
    })
    for root, nodes in members.items():
        emails = [n for n in nodes if "@" in n]
        canonical = canonical_of[root]
        person_id = ids[root]
        for n in nodes:
            node_to_person[n] = person_id
        name = _best_name(nodes, names, parsed_names, name_nodes)
        domain = _domain(canonical)
        chart_row = None
        for a in emails:
            if a in chart_by_email:
                chart_row = chart_by_email[a]
                break
        parsed = _parse_name(name)
        if chart_row is None and parsed is not None and len(chart_by_name.get(parsed.key, [])) == 1:
            chart_row = chart_by_name[parsed.key][0]
        # the org chart first, then the person's own signature, then what others'
        # mail or their self-introduction says; a blank cell of the chart is filled
        # from the next source rather than hiding it
        sources = [(chart_row.title, chart_row.department)] if chart_row is not None else []
        if parsed is not None and parsed.key in signature_titles:
            sources.append(signature_titles[parsed.key])
        sources += [body_titles[a] for a in emails if a in body_titles] or \
            [introduced[a] for a in emails if a in introduced]
        title = next((t for t, _ in sources if t), "")
        department = next((d for _, d in sources if d), "")
        if any(_in(a, sellers) for a in emails):
            side = "seller"
        elif customers:
            side = "customer" if any(_in(a, customers) for a in emails) else "external"
        elif sellers:
            # someone on webmail who wrote with the seller is the customer's; at a
            # company, only when it is one of the customer's domains (a vendor's rep or
            # a newsletter in the same threads is not)
            side = "customer" if any(
                _org_domain(_domain(a)) in corresponding
                or (a in contacts_seller and _domain(a) in PUBLIC_MAIL_DOMAINS)
                for a in emails) else "external"
        else:
            side = "external"
        firsts = [first_seen[a] for a in emails if a in first_seen]
        lasts = [last_seen[a] for a in emails if a in last_seen]
        aliases = sorted({alias for n in nodes for alias in raw_aliases.get(n, ())}, key=str.lower)
        rows.append({
            "person_id": person_id,
            "name": name,
            "emails": sorted(emails, key=lambda a: (a != canonical, a)),
            "organization": organization_from_domain(domain),
            "domain": domain,
            "department": department or "",
            "title": title or "",
            "first_seen": min(firsts) if firsts else pd.NaT,
            "last_seen": max(lasts) if lasts else pd.NaT,
            "n_sent": int(sum(sent_count[a] for a in emails)),
            "aliases": aliases,
            "side": side,
        })
    people = _people_frame(rows)

    alias_map: dict[str, str] = {}
    ambiguous: set[str] = set()
    for node, person_id in node_to_person.items():
        for alias in raw_aliases.get(node, ()):
            key = alias.strip().lower()
            if key in alias_map and alias_map[key] != person_id:
                ambiguous.add(key)
            alias_map.setdefault(key, person_id)
            cn = _X500.search(key)
            if cn:
                alias_map.setdefault(f"x500:{cn.group(1)}", person_id)
    for key in ambiguous:
        alias_map.pop(key, None)
    name_index: dict[str, set[str]] = defaultdict(set)
    for node, person_id in node_to_person.items():
        for parsed, _ in parsed_names.get(node, []):
            name_index[parsed.key].add(person_id)
        if node.startswith("name:"):
            name_index[node[5:]].add(person_id)
    unique_names = {k: next(iter(v)) for k, v in name_index.items() if len(v) == 1}

    merges = pd.DataFrame(graph.merges, columns=["rule", "alias_a", "alias_b", "evidence"])
    merges.insert(3, "person_id", [node_to_person.get(a, "") for a in merges["alias_a"]])
    merges = merges.astype(dict.fromkeys(merges.columns, "str"))
    return IdentityResult(people=people, alias_map=dict(sorted(alias_map.items())),
                          merges=merges, _names=unique_names)


def _people_frame(rows: list[dict]) -> pd.DataFrame:
    columns = ["person_id", "name", "emails", "organization", "domain", "department", "title",
               "first_seen", "last_seen", "n_sent", "aliases", "side"]
    if not rows:
        frame = pd.DataFrame({c: pd.Series([], dtype="str") for c in columns})
        frame["emails"] = pd.Series([], dtype=object)
        frame["aliases"] = pd.Series([], dtype=object)
    else:
        frame = pd.DataFrame(rows, columns=columns)
    for col in ("first_seen", "last_seen"):
        frame[col] = pd.to_datetime(frame[col], utc=True).astype("datetime64[us, UTC]")
    frame["n_sent"] = frame["n_sent"].astype("int64")
    for col in ("emails", "aliases"):
        frame[col] = frame[col].astype(object)
    for col in ("person_id", "name", "organization", "domain", "department", "title", "side"):
        frame[col] = frame[col].fillna("").astype("str")
    frame = frame.sort_values("person_id", kind="stable").reset_index(drop=True)
    return validate_frame(frame, "people")


def _unique_ids(ids: dict[str, str]) -> dict[str, str]:
    """Suffix ``_2``, ``_3``… to ids two groups share (slugs can collide)."""
    out: dict[str, str] = {}
    taken: Counter = Counter()
    for root in sorted(ids, key=lambda r: (ids[r], r)):
        taken[ids[root]] += 1
        out[root] = ids[root] if taken[ids[root]] == 1 else f"{ids[root]}_{taken[ids[root]]}"
    return out


def _best_name(nodes, names, parsed_names, name_nodes) -> str:
    tally: Counter = Counter()
    for node in nodes:
        if node in name_nodes:
            tally[name_nodes[node]] += 1
        for display, count in names.get(node, Counter()).items():
            parsed = _parse_name(display)
            if parsed is not None:
                tally[parsed.display] += count
    if tally:
        return min(tally.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))[0]
    for node in nodes:
        for parsed, _ in parsed_names.get(node, []):
            return parsed.display
    for node in nodes:
        for display in sorted(names.get(node, Counter())):
            if "/o=" not in display.lower():
                return display.strip("'\" ")
    return ""


def customer_domain_sides(people: pd.DataFrame) -> pd.DataFrame:
    """People of the customer's own domain are the customer's, whatever else says so.

    Someone seen only in a quoted header or a cc line (they never sent a message) can
    come out of identity resolution as an outsider; an outside organisation is not
    one that shares the customer's mail domain.
    """
    if "side" not in people or "domain" not in people:
        return people
    domains = people["domain"].fillna("").astype(str).str.lower()
    customer = set(domains[(people["side"] == "customer") & (domains != "")])
    fix = (people["side"] == "external") & domains.isin(customer)
    if not fix.any():
        return people
    return people.assign(side=people["side"].where(~fix, "customer"))


def outside_organizations(people: pd.DataFrame) -> dict[str, str]:
    """``person_id`` → organisation, for the people of outside organisations.

    Neither the seller's nor the customer's people (nor anyone of a customer domain,
    see :func:`customer_domain_sides`), nobody on public webmail, and no organisation
    whose name begins with a customer organisation's first word (a subsidiary's
    domain, "meridian-group.com", is the customer's own).
    """
    if people.empty or "side" not in people or "organization" not in people:
        return {}
    frame = people.set_index("person_id") if "person_id" in people else people
    frame = customer_domain_sides(frame)
    organizations = frame["organization"].fillna("").astype(str).str.strip()
    own = {o.split()[0].lower() for o in organizations[frame["side"] == "customer"] if o}
    return {pid: org for pid, side, org in zip(frame.index, frame["side"], organizations,
                                                strict=True)
            if side == "external" and org not in ("", "individual")
            and org.split()[0].lower() not in own}


def people_by_first_name(people: pd.DataFrame) -> dict[str, list[str]]:
    """Folded first name → the ``person_id`` of everyone outside the seller who bears
    it, in the frame's order ("Åsa" and "Asa" are one key)."""
    out: dict[str, list[str]] = {}
    sides = people["side"] if "side" in people else pd.Series("", index=people.index)
    for pid, name, side in zip(people["person_id"], people["name"].fillna(""), sides,
                               strict=True):
        if name and side != "seller":
            out.setdefault(_fold(str(name).split()[0]), []).append(pid)
    return out


def _signature_titles(segments) -> dict[str, tuple[str, str]]:
    """``name key → (title, department)`` from "Name\\nTitle, Department" lines."""
    out: dict[str, tuple[str, str]] = {}
    if segments is None or not len(segments) or "text" not in segments.columns:
        return out
    kinds = segments["kind"] if "kind" in segments.columns else pd.Series("signature",
                                                                           index=segments.index)
    for kind, text in zip(kinds, segments["text"].fillna(""), strict=True):
        if kind != "signature":
            continue
        found = title_from_signature(text)
        if found is not None:
            key, title, department = found
            out.setdefault(key, (title, department))
    return out


def _body_signature_titles(senders, bodies, parsed_names, per_sender: int = 20):
    """``address → (title, department)`` from the signatures at the end of sent mail.

    Used when no segments frame is given: the last lines of a sender's own new
    text, when they hold the sender's name followed by a title line.
    """
    out: dict[str, tuple[str, str]] = {}
    tried: Counter = Counter()
    for sender, body in zip(senders, bodies, strict=True):
        address = _clean_address(sender)
        if (not address or address in out or tried[address] >= per_sender
                or not isinstance(body, str) or not body):
            continue
        tried[address] += 1
        lines = [ln for ln in fallback_new_text(body).splitlines() if ln.strip()]
        found = title_from_signature("\n".join(lines[-8:]))
        if found is None:
            continue
        keys = {p.key for p, _ in parsed_names.get(address, [])}
        if found[0] in keys:
            out[address] = (found[1], found[2])
    return out


def _introduced_titles(senders, bodies, head: int = 600) -> dict[str, tuple[str, str]]:
    """``address → (title, "")`` from a sender introducing themselves at the top of
    their own message ("I joined Acme as Chief Operating Officer this month")."""
    out: dict[str, tuple[str, str]] = {}
    for sender, body in zip(senders, bodies, strict=True):
        if not isinstance(body, str) or "I" not in body[:head]:
            continue
        # the cheap look first; the sender's own new text (not a quoted introduction
        # by someone else) only for the rare body that has one
        found = title_introduced(body[:head]) and title_introduced(
            fallback_new_text(body)[:head])
        address = _clean_address(sender)
        if found and address:
            out.setdefault(address, (found, ""))
    return out


def title_introduced(text: str) -> str:
    """The title a writer gives themselves on joining, or "".

    >>> title_introduced("let me introduce myself: I joined Acme SA as Chief Operating "
    ...                  "Officer this month.")
    'Chief Operating Officer'
    >>> title_introduced("In my new role as Head of Digital Platforms and IT, I ...")
    'Head of Digital Platforms and IT'
    >>> title_introduced("I joined the call as a listener.")
    ''
    """
    match = _INTRODUCED.search(text)
    if match is None:
        return ""
    title = _TRAILING_JOINER.sub("", match.group("title"))
    # the sentence's full stop ("as our new CISO.") is not the title's; "V.P." keeps its own
    if title.endswith(".") and "." not in title.split()[-1][:-1]:
        title = title[:-1]
    return title if _TITLE_WORDS.search(title) else ""


# "I joined Acme as Chief Operating Officer", "I have just joined ... as our new CIO",
# "in my new role as Head of IT": a capitalised title after "as"
_INTRODUCED = re.compile(
    r"(?:\bI(?:'ve| have)?(?: just| recently)? (?:joined|started at|started with)\b"
    r"[^.!?\n]{0,80}?|\b[Mm]y new (?:role|position|job) )"
    r"\bas (?:the |our |its |your |a |an )?(?:new )?"
    r"(?P<title>[A-Z][\w&/.-]*(?: (?:of|for|and|&|[A-Z][\w&/.-]*))*)")
_TRAILING_JOINER = re.compile(r"(?: (?:of|for|and|&))+$")


def title_from_signature(text: str) -> tuple[str, str, str] | None:
    """``(name key, title, department)`` from a signature block, or None.

    The title is the line after the name ("Dana Whitfield" / "Director, IT"), or
    follows it on the name's own line ("Dana Whitfield | Director | IT").
    """
    # a quoted signature ("> Dana Whitfield") reads the same without its markers
    lines = [_QUOTE_MARKS.sub("", ln).strip(" -–|*") for ln in text.splitlines()]
    lines = [ln for ln in lines if ln]
    for line in lines:
        parts = _ONE_LINE_SPLIT.split(line, maxsplit=1)
        if len(parts) < 2 or len(parts[0]) > 40 or len(parts[1]) > 80:
            continue
        parsed = _parse_name(parts[0])
        if parsed is not None and _TITLE_WORDS.search(parts[1].split("|")[0]):
            title, department = _split_title(parts[1])
            return parsed.key, title, department
    for i, line in enumerate(lines[:-1]):
        parsed = _parse_name(line)
        if parsed is None or len(line) > 40:
            continue
        nxt = lines[i + 1]
        if len(nxt) > 80 or not _TITLE_WORDS.search(nxt):
            continue
        title, department = _split_title(nxt)
        return parsed.key, title, department
    return None


_QUOTE_MARKS = re.compile(r"^\s*(?:>\s?)+")

# what separates a signature's title from its department: "Director, IT",
# "Head of Sales | EMEA", "CTO · Platform", "Lead – Data" (not a hyphen inside a word)
_TITLE_SPLIT = re.compile(r"\s*(?:[,|·•]|\s[-–—]\s)\s*")


def _split_title(line: str) -> tuple[str, str]:
    """``(title, department)`` of a signature's title line."""
    parts = _TITLE_SPLIT.split(line.strip(), maxsplit=1)
    return parts[0].strip(), (parts[1].strip() if len(parts) > 1 else "")


# ------------------------------------------------------------------------ small helpers


def _prepare_messages(messages) -> pd.DataFrame:
    if not isinstance(messages, pd.DataFrame):
        raise TypeError(f"messages must be a pandas DataFrame (the messages frame), got "
                        f"{type(messages).__name__}.")
    # bodies stay in the messages frame (read once, for signatures): a second copy
    # of every body as Python strings would double the memory of a large stream
    frame = pd.DataFrame(index=range(len(messages)))
    for col in ("sender", "sender_name", "x_from", "x_to", "x_cc"):
        values = messages[col] if col in messages.columns else pd.Series("", index=messages.index)
        frame[col] = values.fillna("").astype(str).to_numpy()
    for col in ("to", "cc"):
        if col in messages.columns:
            # lists are only read: the messages frame's own lists are reused
            frame[col] = [v if isinstance(v, list) else list(v) if isinstance(
                v, (tuple, np.ndarray)) else [] for v in messages[col]]
        else:
            frame[col] = [[] for _ in range(len(messages))]
    if "sent_at" in messages.columns:
        frame["sent_at"] = pd.to_datetime(messages["sent_at"], utc=True, errors="coerce").to_numpy()
        frame["sent_at"] = pd.to_datetime(frame["sent_at"], utc=True)
    else:
        frame["sent_at"] = pd.Series(pd.NaT, index=frame.index, dtype="datetime64[us, UTC]")
    return frame


def _mailbox(display: str) -> str:
    """The Exchange mailbox (last X.500 CN, lower case) in a display form, or "".

    Lotus Notes gateway entries (``CN=Notesaddr/cn=<hex>``) name a routing
    record, not a mailbox, and are ignored.
    """
    found = _X500.search(display)
    if not found or "/cn=notesaddr/" in display.lower():
        return ""
    return found.group(1).lower()


def _clean_address(value) -> str:
    if not isinstance(value, str):
        return ""
    value = value.strip().strip("<>'\" ").lower()
    if value.startswith("mailto:"):
        value = value[7:]
    return value if "@" in value and " " not in value and len(value) <= 254 else ""


def _domain(address: str) -> str:
    return address.rsplit("@", 1)[1].strip(".> ") if "@" in address else ""


def _in(address: str, domains: tuple[str, ...]) -> bool:
    domain = _domain(address)
    return bool(domain) and any(domain == d or domain.endswith("." + d) for d in domains)


def _domains(value, parameter: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    try:
        items = [str(v).lower().lstrip("@").strip() for v in value]
    except TypeError:
        raise TypeError(f"The '{parameter}' parameter of resolve_identities must be a domain or "
                        f"a list of domains such as ['acme.com']. Got {value!r} instead.") from None
    return tuple(sorted({d for d in items if d}))


def _split_display_list(value: str) -> list[str]:
    """Split an ``X-To`` style list whose names themselves contain commas."""
    if not value:
        return []
    items = []
    pattern = re.compile(
        r'\s*("[^"]*"\s*<[^<>]*>(?:@\w+)?'      # "Name" <addr>
        r"|[^,<>]+,[^,<>]+<[^<>]*>"              # Last, First </O=…>
        r"|[^,<>]+<[^<>]*>(?:@\w+)?"             # Name <addr>
        r"|[^,]+)\s*(?:,|$)"
    )
    pos = 0
    while pos < len(value):
        match = pattern.match(value, pos)
        if not match or match.end() == pos:
            break
        item = match.group(1).strip()
        if item:
            items.append(item)
        pos = match.end()
    return items


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", _fold(text)).strip("_") or "unknown"


def _read_alias_table(table) -> list[tuple[str, str]]:
    if table is None:
        return []
    if isinstance(table, (str, Path)):
        path = Path(table)
        if not path.exists():
            raise FileNotFoundError(f"alias_table {str(path)!r} does not exist; give a CSV with "
                                    "columns 'alias,person' or a DataFrame.")
        table = pd.read_csv(path, dtype=str, keep_default_na=False)
    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"The 'alias_table' parameter of resolve_identities must be a DataFrame "
                        f"or a CSV path with columns 'alias,person'. Got "
                        f"{type(table).__name__} instead.")
    missing = [c for c in ("alias", "person") if c not in table.columns]
    if missing:
        raise ValueError(f"alias_table: missing column(s) {missing}; columns in the table: "
                         f"{list(table.columns)}. Expected 'alias,person' (empty person = keep "
                         "the alias apart).")
    out = []
    for alias, person in zip(table["alias"], table["person"], strict=True):
        alias = "" if pd.isna(alias) else str(alias).strip()
        person = "" if pd.isna(person) else str(person).strip()
        if alias:
            out.append((alias, person))
    return out


def _prepare_org_chart(chart) -> pd.DataFrame:
    columns = ["name", "email", "title", "department"]
    if chart is None:
        return pd.DataFrame({c: pd.Series([], dtype="str") for c in columns})
    if not isinstance(chart, pd.DataFrame):
        raise TypeError(f"The 'org_chart' parameter of resolve_identities must be a DataFrame "
                        f"with columns {columns}. Got {type(chart).__name__} instead.")
    out = pd.DataFrame(index=range(len(chart)))
    for c in columns:
        out[c] = chart[c].fillna("").astype(str).to_numpy() if c in chart.columns else ""
    return out


def _node_for(text: str, graph: _Graph, names) -> list[str]:
    """Graph nodes an alias-table entry refers to (address, person id, or display name)."""
    address = _clean_address(text)
    if address and address in graph.parent:
        return [address]
    lowered = text.strip().lower()
    if lowered.startswith("p_"):
        for node in sorted(graph.parent):
            if "@" in node and "p_" + _slug(node) == lowered:
                return [node]
    found = sorted(a for a, displays in names.items()
                   if any(d.strip().lower() == lowered for d in displays))
    if found:
        return found
    parsed = _parse_name(text)
    if parsed is not None and f"name:{parsed.key}" in graph.parent:
        return [f"name:{parsed.key}"]
    return []


def _ensure(graph: _Graph, text: str, raw_aliases) -> str:
    address = _clean_address(text)
    node = address or f"name:{text.strip().lower()}"
    graph.add(node)
    raw_aliases[node].add(text.strip())
    return node
