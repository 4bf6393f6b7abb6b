"""Outside names that arrive with a vision: products or brands nobody in the account used before.

A competitor can shape a customer's vision without writing to the seller at all: its
material reaches the team pasted or retold by the customer's own people. What travels
then is its proper nouns — a product name written with a capital in the middle of a
sentence, in asks of several unrelated topics, that appears nowhere in the account's
mail before the onset and is not the name of anyone or any organisation already known.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..normalize._identity import customer_domain_sides, outside_organizations
from ._shared_source import MACHINE_STATUS, STOP_WORDS, contains_term

__all__ = ["EmergingName", "OutsideParty", "emerging_names", "outside_parties", "stray_names"]

_WORD = re.compile(r"[^\W\d_]+")
# A word is mid-sentence when the text before it on its line ends in a word, a comma, a
# semicolon, a colon or a closing parenthesis, then a space: not capitalised only
# because it starts a sentence, a greeting or a list item.
_AFTER = re.compile(r"[\w,;:)] $")
_MODIFIER = re.compile(r"-[^\W\d_A-Z]")
# After a colon a capital may open a sentence ("answer by 7 April: Does your platform
# …?", a list flattened into one line): there a function word or a question's opening
# word is that sentence's first word, not a name.
_OPENERS = frozenset(STOP_WORDS) | frozenset(
    "does do did is are was were can could would will should shall may might must have "
    "has had how what which who whom whose when where why whether please kindly".split())
# In a text where many mid-sentence words are capitalised (German nouns, headline
# case), a capital says nothing about a name.
_MAX_CAPITALISED = 0.2
# Calendar words are capitalised mid-sentence in English and German and, in a stream that
# starts in August, "July" is new in the spring: dates, not names.
_CALENDAR = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday januar februar märz mai juni "
    "juli oktober dezember montag dienstag mittwoch donnerstag freitag samstag sonntag "
    "sept".split())


# German function words (none of them an English word): a sentence with two of them
# is German, and its nouns all carry capitals
_GERMAN = frozenset(
    "der das und ist nicht mit für von dem den des ein eine einen einem einer sind auch auf "
    "aus bei wir sie ihr ihre ihren ihrer ihnen uns unser unsere noch oder aber wie wenn dass "
    "zum zur über nach wird werden kann können gibt sehr hier sich ich soll sollen sollte "
    "muss müssen möchte möchten würde würden könnte könnten bitte außerdem nahezu bereits "
    "derzeit sowie bzw im zu schon nur alle diese dieser dieses welche welcher welches wann "
    "warum wer wo jetzt haben habe hatte sein seine ob weil damit durch gegen ohne unter vom "
    "beim".split())
_GERMAN_HINT = re.compile(r"\b(?:" + "|".join(sorted(_GERMAN)) + r")\b", re.IGNORECASE)
_SENTENCE = re.compile(r"[^.!?\n]+")


@dataclass
class EmergingName:
    """A proper noun that emerged with the vision requests."""

    name: str
    n_requests: int
    share: float
    n_topics: int
    first_seen: pd.Timestamp | None
    variants: list[str] = field(default_factory=list)


@dataclass
class OutsideParty:
    """An outside organisation whose people exchanged mail with the customer's people."""

    organization: str
    #: its people in that mail, the most active first
    people: list[str]
    n_messages: int
    first_seen: pd.Timestamp
    #: the subject of the first such message
    subject: str = ""


def outside_parties(messages: pd.DataFrame, identities) -> list[OutsideParty]:
    """Outside organisations in conversation with the customer, earliest first.

    A message counts when one of the customer's people sends it to (or copies)
    someone of an outside organisation, or someone of an outside organisation
    sends it to the customer's people. Newsletters and notices sent to the
    seller's team are not conversations with the customer; a person on public
    webmail belongs to no organisation.

    Parameters
    ----------
    messages : DataFrame
        The messages frame (``sender``, ``to``, ``cc``, ``sent_at``, ``subject``).
    identities : IdentityResult
        Resolves addresses (``lookup``) to people with a ``side`` and ``organization``.
    """
    people = identities.people
    if messages.empty or "side" not in people or people.empty:
        return []
    organization = outside_organizations(people)
    side = customer_domain_sides(people.set_index("person_id"))["side"].to_dict()
    found: dict[str, str | None] = {}

    def who(address) -> str | None:
        if address not in found:
            found[address] = identities.lookup(address)
        return found[address]

    def outside(person) -> bool:
        return person in organization

    seen: dict[str, dict] = {}
    for sender, to, cc, sent, subject in zip(
            messages["sender"], messages["to"], messages["cc"], messages["sent_at"],
            messages["subject"], strict=True):
        author = who(sender)
        if side.get(author) not in ("customer", "external"):
            continue
        recipients = [who(a) for a in (to if isinstance(to, list) else [])
                      + (cc if isinstance(cc, list) else [])]
        if side.get(author) == "customer":
            involved = {p for p in recipients if outside(p)}
        elif outside(author) and any(side.get(p) == "customer" for p in recipients):
            involved = {author}
        else:
            continue
        for person in involved:
            party = seen.setdefault(organization[person], {"people": {}, "messages": set(),
                                                           "first": None, "subject": ""})
            party["people"][person] = party["people"].get(person, 0) + 1
            party["messages"].add((sender, sent, subject))
            if pd.notna(sent) and (party["first"] is None or sent < party["first"]):
                party["first"], party["subject"] = sent, str(subject or "")
    out = [OutsideParty(organization=org, n_messages=len(party["messages"]),
                        people=sorted(party["people"], key=lambda p: (-party["people"][p], p)),
                        first_seen=party["first"], subject=party["subject"])
           for org, party in seen.items() if party["first"] is not None]
    return sorted(out, key=lambda party: (party.first_seen, party.organization))


def _is_name_like(word: str) -> bool:
    """Title or CamelCase ("Summit", "OmniCore"); not an acronym, plural or not ("SLAs")."""
    return len(word) > 1 and word[0].isupper() and word[1].islower()


def _leading_capitalised(words: list[str]) -> list[str]:
    out = []
    for word in words:
        if not word[:1].isupper():
            break
        out.append(word)
    return out


def _german_spans(text: str) -> list[tuple[int, int]]:
    """Sentences written in German, where every noun has a capital.

    >>> text = "We love Kestrel. Wir stellen vieles auf den Prüfstand."
    >>> [text[a:b].strip() for a, b in _german_spans(text)]
    ['Wir stellen vieles auf den Prüfstand']
    """
    spans = []
    for sentence in _SENTENCE.finditer(text):
        words = _WORD.findall(sentence.group(0).lower())
        if sum(w in _GERMAN for w in words) >= 2:
            spans.append(sentence.span())
    return spans


def _mid_sentence_names(text: str) -> list[tuple[str, int]]:
    """Capitalised words in mid-sentence that head a name: (word, end offset).

    The second and later words of a capitalised run ("Summit Unified Ops") belong to
    the run's head; a capitalised word hyphened to a small one ("GitOps-managed") is a
    modifier, not a name. Nothing is returned for a text where capitals mark more than
    names (over a fifth of its mid-sentence words capitalised), nor from a German
    sentence (its nouns all have capitals) in a text of several languages, nor from
    a server's status line ("HTTP 504 Gateway Timeout").
    """
    found, n_mid, previous_end, previous_capital = [], 0, -1, False
    skipped = _german_spans(text) if _GERMAN_HINT.search(text) else []
    # a server's status line ("HTTP 504 Gateway Timeout") names no product
    skipped += [m.span() for m in MACHINE_STATUS.finditer(text)]
    for match in _WORD.finditer(text):
        if skipped and any(a <= match.start() < b for a, b in skipped):
            previous_end, previous_capital = match.end(), True
            continue
        start, word = match.start(), match.group(0)
        line_start = text.rfind("\n", 0, start) + 1
        before = text[max(line_start, start - 2):start]
        mid = bool(_AFTER.search(before)) and not (
            before.startswith(":") and word.lower() in _OPENERS)
        # "GitOps-managed", "Kubernetes-native": a capitalised word joined to a small
        # word is a modifier of the phrase, not a product heading a name
        capital = _is_name_like(word) and not _MODIFIER.match(text, match.end())
        if mid:
            n_mid += 1
            follows_capital = previous_capital and text[previous_end:start].strip() == ""
            if capital and not follows_capital:
                found.append((word, match.end()))
        previous_end, previous_capital = match.end(), word[0].isupper()
    if n_mid and len(found) > _MAX_CAPITALISED * n_mid:
        return []
    return found


def _known_words(people: pd.DataFrame) -> set[str]:
    """Words of every known person's and organisation's names, e-mails and titles."""
    words: set[str] = set()
    for column in ("name", "organization", "department", "title", "domain"):
        if column in people:
            for value in people[column].dropna().astype(str):
                words.update(w.lower() for w in _WORD.findall(value))
    for column in ("aliases", "emails"):
        if column in people:
            for values in people[column]:
                if isinstance(values, list):
                    for value in values:
                        words.update(w.lower() for w in _WORD.findall(str(value)))
    return words


def emerging_names(requests: pd.DataFrame, members: pd.Series, onset,
                   earlier_text: str, people: pd.DataFrame, *, min_share: float = 0.15,
                   min_requests: int = 4, min_topics: int = 2,
                   min_concentration: float = 0.6, terms: list[str] | None = None,
                   min_lift: float = 2.0) -> list[EmergingName]:
    """Proper nouns of the vision requests that the account never wrote before the onset.

    Parameters
    ----------
    requests : DataFrame
        The requests, with ``text``, ``sent_at`` and ``topic_id``.
    members : Series of bool
        Which requests belong to the vision.
    onset : Timestamp or None
        Only text before it counts as the account's earlier traffic.
    earlier_text : str or set of str
        All mail text (bodies, subjects, attachment names) sent before the onset, or
        the set of its words.
    people : DataFrame
        Known identities: their names, organisations and titles are not outside names.
    min_share, min_requests, min_topics : float, int, int
        A name must appear mid-sentence in at least this share and number of the vision
        requests, across at least this many topics.
    min_concentration : float
        At least this share of the requests from the onset on that write the name must
        be vision requests: a name that arrived with the vision travels with it, while
        the name of a product the account simply uses (one that happened not to be
        named before the onset) turns up in its everyday asks as well.
    terms : list of str, optional
        The phrases that made ``members`` vision requests. With them, a name must also
        travel with the vision on evidence other than itself: of the requests from the
        onset on that write it, those that are vision requests by a phrase not holding
        the name (or by who originated them) must be at least ``min_lift`` times as
        common as among the requests that do not write it, and at least two. A
        company programme's name that everyone starts to add to their asks ("This is
        for Growth Engine") rises as sharply as a competitor's product and may itself
        become a vision phrase, but it is written beside the vision's other phrases no
        more often than beside anything else; a product the vision is built on is
        written beside them.

    Returns
    -------
    list of EmergingName
        Most widespread first; the candidate's variants are the capitalised phrases it
        heads ("Summit AI").

    Examples
    --------
    >>> import pandas as pd
    >>> requests = pd.DataFrame({
    ...     "text": [f"Can you match what Kestrel Flow offers for area {i}?" for i in range(6)],
    ...     "sent_at": pd.date_range("2024-03-01", periods=6, freq="7D", tz="UTC"),
    ...     "topic_id": ["t0", "t1", "t2", "t0", "t1", "t2"]})
    >>> people = pd.DataFrame({"name": ["Ana Lima"], "organization": ["Meridian"]})
    >>> found = emerging_names(requests, pd.Series(True, index=requests.index),
    ...                        requests["sent_at"].min(), "Invoices as usual.", people)
    >>> [(f.name, f.n_requests, f.n_topics, f.variants) for f in found]
    [('Kestrel', 6, 3, ['Kestrel Flow'])]
    """
    return _emerging(requests, members, onset, earlier_text, people, min_share=min_share,
                     min_requests=min_requests, min_topics=min_topics,
                     min_concentration=min_concentration, terms=terms, min_lift=min_lift)[0]


def stray_names(requests: pd.DataFrame, members: pd.Series, onset, earlier_text: str,
                people: pd.DataFrame, terms: list[str], **kwargs) -> list[str]:
    """Names that emerged with the vision's requests but do not travel with it, as the
    words of their commonest written form ("Growth", "Engine").

    They pass every test of :func:`emerging_names` but the last: written beside the
    vision's other phrases no more often than beside anything else, they are a
    separate thing that began about the same time — a company programme's name
    everyone adds to their asks — and the phrases holding them are not the vision's.
    Parameters as for :func:`emerging_names`.
    """
    return _emerging(requests, members, onset, earlier_text, people, terms=terms,
                     **kwargs)[1]


def _emerging(requests, members, onset, earlier_text, people, *, min_share: float = 0.15,
              min_requests: int = 4, min_topics: int = 2, min_concentration: float = 0.6,
              terms=None, min_lift: float = 2.0) -> tuple[list[EmergingName], list[str]]:
    vision = requests[members.reindex(requests.index).fillna(False).astype(bool)]
    if vision.empty or onset is None:
        return [], []
    known = _known_words(people)
    # the capitalised form: an ordinary word ("summit", "horizon") used before in lower
    # case does not make a product name used before
    earlier = set(earlier_text) if isinstance(earlier_text, (set, frozenset)) else set(
        _WORD.findall(earlier_text))
    seen: dict[str, set] = {}
    topics: dict[str, set] = {}
    firsts: dict[str, pd.Timestamp] = {}
    variants: dict[str, dict[str, int]] = {}
    for request_id, text, topic, sent in zip(vision.index, vision["text"].fillna(""),
                                             vision["topic_id"], vision["sent_at"],
                                             strict=True):
        text = str(text)
        for word, end in _mid_sentence_names(text):
            low = word.lower()
            if len(word) < 4 or low in known or low in _CALENDAR or word in earlier:
                continue
            seen.setdefault(word, set()).add(request_id)
            topics.setdefault(word, set()).add(topic)
            if pd.notna(sent) and (word not in firsts or sent < firsts[word]):
                firsts[word] = sent
            tail = re.match(r"(?:[ \t]+[^\W\d_][\w-]*){1,3}", text[end:])
            tail = " ".join(w for w in (tail.group(0).split() if tail else [])[:3])
            tail = " ".join(_leading_capitalised(tail.split()))
            phrase = f"{word} {tail}".strip()
            variants.setdefault(word, {})
            variants[word][phrase] = variants[word].get(phrase, 0) + 1
    n = len(vision)
    later = requests.loc[requests["sent_at"] >= onset, "text"].fillna("").astype(str)
    hits = None
    if terms:
        lowered = later.str.lower()
        hits = {t: contains_term(lowered, t).to_numpy() for t in dict.fromkeys(terms)}
    in_vision = later.index.isin(vision.index)
    out, strays = [], []
    for word, ids in seen.items():
        share = len(ids) / n
        if len(ids) < min_requests or share < min_share or len(topics[word]) < min_topics:
            continue
        naming = later.str.contains(r"\b" + re.escape(word) + r"\b", regex=True).to_numpy()
        if in_vision[naming].mean() < min_concentration:
            continue
        ranked = sorted(variants[word].items(), key=lambda kv: (-kv[1], kv[0]))
        if hits is not None and not _travels_with(word, naming, in_vision, hits, min_lift):
            # the name as it is most often written ("Growth Engine"), word by word
            strays.extend(ranked[0][0].split())
            continue
        out.append(EmergingName(name=word, n_requests=len(ids), share=share,
                                n_topics=len(topics[word]), first_seen=firsts.get(word),
                                variants=[v for v, _ in ranked[:3]]))
    return sorted(out, key=lambda e: (-e.n_requests, e.name)), sorted(set(strays))


def _travels_with(word: str, naming, in_vision, hits: dict, min_lift: float) -> bool:
    """Is ``word`` written in the vision's requests on evidence other than itself?

    ``naming`` and ``in_vision`` mark the requests from the onset on that write the
    word and that belong to the vision; ``hits`` the requests each vision phrase is
    written in. A vision request counts here unless the phrases holding the word are
    all that made it one. With no phrase free of the word, there is nothing to tell
    by, and the word stands.

    >>> import numpy as np
    >>> naming = np.array([1, 1, 1, 1, 0, 0, 0, 0, 0, 0], dtype=bool)
    >>> hits = {"growth engine": naming.copy(),
    ...         "audit on demand": np.array([0, 0, 0, 0, 1, 1, 0, 0, 0, 0], dtype=bool)}
    >>> in_vision = naming | hits["audit on demand"]
    >>> _travels_with("Growth", naming, in_vision, hits, 2.0)
    False
    >>> hits["audit on demand"][:3] = True
    >>> _travels_with("Growth", naming, in_vision, hits, 2.0)
    True
    """
    own = [h for t, h in hits.items() if holds_name(t, [word])]
    other = [h for t, h in hits.items() if not holds_name(t, [word])]
    if not other or naming.all():
        return True
    by_name = np.logical_or.reduce(own) if own else np.zeros(len(naming), dtype=bool)
    by_other = np.logical_or.reduce(other)
    independent = in_vision & ~(by_name & ~by_other)
    with_name = int(independent[naming].sum())
    rate = independent[~naming].mean()
    return bool(with_name >= 2 and with_name / naming.sum() >= min_lift * rate)


def holds_name(term: str, names) -> bool:
    """Does the phrase ``term`` hold one of the ``names`` as a word?

    >>> holds_name("in the spirit of growth engine", ["Growth"])
    True
    >>> holds_name("growthengine", ["Growth"])
    False
    """
    words = set(_WORD.findall(term.lower()))
    return any(name.lower() in words for name in names)
