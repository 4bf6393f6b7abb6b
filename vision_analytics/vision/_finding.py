"""From a significant test to a finding: source, origin, onset, terms, members."""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer

from ..attribution import AuthorshipModel
from ..features import FUNCTION_WORDS
from ..normalize._identity import customer_domain_sides
from ._outside import _WORD, EmergingName, OutsideParty
from ._shared_source import (
    STOP_WORDS,
    TOKEN_PATTERN,
    SharedSourceResult,
    _emergence,
    contains_term,
    phrase_text,
    term_pattern,
)

__all__ = ["SourceCandidate", "VisionFinder"]

_IT_WORDS = re.compile(
    r"\b(it|i\.t\.|ict|information technology|technology|cio|cto|ciso|infrastructure|"
    r"architects?|architecture|integration|cloud|networks?|software|devops|developers?|"
    r"security|digital|data|platforms?|engineering|systems|service desk|it operations|"
    r"information (?:security )?officer)\b",
    re.I)
#: A sender of this share of the vision requests is carrying them (a messenger).
_MESSENGER_SHARE = 0.2
#: A sender of this share of the requests before the onset is the account's usual channel.
_CHANNEL_SHARE = 0.1
#: Added for being copied on the vision requests (far more than on others) without
#: sending any of them.
_COPIED_WEIGHT = 0.25
#: Senior titles. A partner of a firm is one; an "HR business partner" or a
#: "partner manager" works with partners.
_SENIOR = re.compile(
    r"\b(chief|c[a-z]o|president|vp|svp|evp|vice president|head|director|managing|general "
    r"manager|(?<!business )partner(?! manager)|executive)\b", re.I)
#: The executive ranks: a newcomer here who brings a vision is a new executive,
#: whatever the function; a new head of infrastructure or architect is IT's voice.
_EXECUTIVE = re.compile(
    r"\b(chief|c[a-z]{1,2}o|president|vp|svp|evp|vice president|managing director|"
    r"general manager)\b", re.I)


#: A vision sent by this many people of the account (two requests or more each) is
#: spreading: the words of their own vision requests are not evidence of writing it...
_SPREAD_CARRIERS = 3
#: ... unless one of them sends more than this share of them: then it is the usual
#: channel at work, helped by a colleague or two.
_SPREAD_TOP = 0.75

#: A block quoting someone's message is dated by its header, often in the writer's
#: local time without its zone: within this of one of their requests, it is that one.
_COPY_CLOCK = pd.Timedelta(hours=14)

#: the requests a source is judged on, as the clues name them
_CORE = "requests with the sharpest vision terms"


@dataclass
class SourceCandidate:
    """One candidate source of the vision and why."""

    key: str
    kind: str  # person / department / external
    name: str
    email: str
    organization: str
    department: str
    title: str
    score: float
    clues: list[str] = field(default_factory=list)
    first_seen: pd.Timestamp | None = None
    #: a department's people behind its evidence, heaviest first
    members: list[str] = field(default_factory=list)
    #: those of ``members`` whose own evidence backs the department (None: all of
    #: them); a department named in the asks may have none
    backed: list[str] | None = None
    #: share of the vision terms in their own mail, and of the vision requests
    #: traced back to them through others (a person's own evidence)
    use: float = 0.0
    originated: float = 0.0
    #: how strongly the messengers' vision requests read like their writing (z)
    style: float = 0.0

    @property
    def people(self) -> frozenset[str]:
        """Whose mail is the source's own: the members backing a department (all
        of them when none is singled out), else the candidate itself."""
        return frozenset(self.backed if self.backed is not None else self.members) \
            or frozenset({self.key})


class VisionFinder:
    """Turn the shared-source test into the finding's parts.

    Parameters
    ----------
    min_surprise : float
        Emerging phrases at least this surprising (nats) become vision terms.
    min_terms_in_request : int
        A request after the onset joins the vision with one of its phrases, or
        this many of its single-word terms (or when its originator is the source).
    relay_style : bool
        Also ask whose own writing the messengers' vision requests read like
        (:func:`relay_style_shift`); ``style_weight`` per unit of its z (capped
        at 5) is added to that person's score.
    authority_weight : float
        Added to a customer candidate with a senior title (chief, head, director,
        VP, ...) who has some evidence already.
    outside_use_weight : float
        How much more the vision terms in an outsider's own mail weigh than in a
        customer's: a customer who writes them may be carrying someone's vision; an
        outsider who writes the customer's new vocabulary in their own pitch is where
        it came from (a competitor's mail is often seen only after it planted the
        words, so it is rarely the first to write them here).
    min_tied : float
        In :meth:`expand_terms`, a phrase that emerged at the onset joins the vision
        only when at least this share of the requests using it also use one of the
        test's sharpest phrases.
    maker_lead_days : int
        In :meth:`maker`, an outside organisation that began corresponding with the
        customer at most this many days before the onset is new to the account; one
        in its mail since long before (a partner, an auditor) is not.
    party_weight : float
        In :meth:`maker`, the score of that one new organisation when nothing else
        points at a source.
    random_state : int
        Seeds the authorship model and the sampling of long relay streams.
    """

    def __init__(self, *, min_surprise=3.0, max_terms=15, min_terms_in_request=2,
                 relay_style=True, style_weight=0.25, authority_weight=0.3,
                 outside_use_weight=3.0, min_count=4, max_expanded=40, max_sample=50_000,
                 min_tied=0.1, maker_lead_days=60, party_weight=0.25, random_state=0):
        self.min_surprise = min_surprise
        self.min_tied = min_tied
        self.max_terms = max_terms
        self.min_count = min_count
        self.max_expanded = max_expanded
        self.max_sample = max_sample
        self.min_terms_in_request = min_terms_in_request
        self.relay_style = relay_style
        self.style_weight = style_weight
        self.authority_weight = authority_weight
        self.outside_use_weight = outside_use_weight
        self.maker_lead_days = maker_lead_days
        self.party_weight = party_weight
        self.random_state = random_state

    def vision_terms(self, result: SharedSourceResult,
                     requests: pd.DataFrame | None = None) -> list[str]:
        """The phrases the test's finding rests on, sharpest first.

        With ``requests`` (the texts the test read, with ``sent_at``), a vocabulary's
        phrases that did not rise at the test's split are left out: phrases travel
        together because the vision's asks are chased and quoted, and a chaser's
        "sorry to chase, this is becoming urgent" joins the group without being new.
        """
        feats = result.features
        strong = feats[feats["surprise"] >= self.min_surprise]
        terms = strong[strong["feature"].str.startswith(("term:", "concept:"))]
        names: list[str] = []
        for feature in terms["feature"]:
            # a concept stands for the forms its requests write it in
            forms = [feature[5:]] if feature.startswith("term:") else \
                feature.removeprefix("concept:").split("|")
            names.extend(f for f in forms if f not in names)
        top_term = float(terms["surprise"].max()) if len(terms) else 0.0
        vocabularies = strong[strong["feature"].str.startswith("vocabulary:")]
        # a vocabulary (phrases that travel together, each too rare to stand out)
        # speaks for the vision when its own phrases are too few to, and leads
        # when it emerged more sharply than any single phrase: the phrases then are
        # some other burst (an outage's tickets), weaker than the vision's words
        for feature, surprise in zip(vocabularies["feature"], vocabularies["surprise"],
                                     strict=True):
            phrases = feature.removeprefix("vocabulary:").split("|")
            if requests is not None:
                phrases = self._risen(requests, phrases, result.split_time)
            if surprise > top_term:
                names = phrases + [t for t in names if t not in phrases]
            elif sum(1 for t in names if " " in t or "-" in t) < 5:
                names.extend(t for t in phrases if t not in names)
        chosen: list[str] = []
        # Phrases carry a vision ("real-time control tower"); a lone word that
        # rose with the new asks ("cost", "years") is shown only to fill up.
        phrases = [t for t in names if " " in t or "-" in t]
        if len(phrases) >= 5:
            names = phrases + [t for t in names if t not in phrases][: max(0, 5 - len(phrases))]
        for term in names:
            if any(term in other or other in term for other in chosen):
                continue
            chosen.append(term)
            if len(chosen) >= self.max_terms:
                break
        return chosen

    def _risen(self, requests: pd.DataFrame, phrases: list[str], split) -> list[str]:
        """The ``phrases`` used before ``split`` less than chance allows: by half the
        surprise asked of a phrase standing alone (``min_surprise``, in nats of the
        test's emergence measure), as one of a group."""
        if split is None or "sent_at" not in requests or not phrases:
            return phrases
        dated = requests[requests["sent_at"].notna()]
        after = (dated["sent_at"] >= split).to_numpy()
        share_before = 1.0 - after.mean() if len(after) else 0.0
        if not 0.0 < share_before < 1.0:
            return phrases
        text = dated["text"].fillna("").astype(str).str.lower()
        hits = np.column_stack([contains_term(text, p).to_numpy() for p in phrases])
        surprise = _emergence(hits[~after].sum(axis=0).astype(float),
                              hits.sum(axis=0).astype(float), share_before)
        return [p for p, s in zip(phrases, surprise, strict=True)
                if s >= self.min_surprise / 2]

    def expand_terms(self, requests: pd.DataFrame, terms: list[str], onset) -> list[str]:
        """The vision terms plus the other phrases that emerged at its onset.

        The test names the phrases that emerged most sharply at its split; a vision
        has more, each used by fewer requests. A phrase joins when it is used at
        least ``min_count`` times, in at least two topics, and so rarely before the
        onset that chance would put it there with probability below
        ``exp(-min_surprise)`` (the test's own emergence measure, at the onset), and
        it is written within a sentence, beside the sharpest phrases in at least
        ``min_tied`` of its requests.
        Counted on a seeded sample of at most ``max_sample`` requests, so the cost
        does not grow with the stream.
        """
        if onset is None or len(requests) == 0:
            return list(terms)
        data = requests[requests["sent_at"].notna()]
        text = data["text"].fillna("").astype(str)
        topics = data["topic_id"].astype(str) if "topic_id" in data else \
            pd.Series("", index=data.index)
        after = (data["sent_at"] >= onset).to_numpy()
        if len(text) > self.max_sample:
            rng = np.random.default_rng(self.random_state)
            keep = np.sort(rng.choice(len(text), self.max_sample, replace=False))
            text, topics, after = text.iloc[keep], topics.iloc[keep], after[keep]
        share_before = 1.0 - after.mean()
        if not 0.0 < share_before < 1.0:
            return list(terms)
        vectorizer = CountVectorizer(binary=True, ngram_range=(1, 3), stop_words=STOP_WORDS,
                                     min_df=self.min_count, token_pattern=TOKEN_PATTERN,
                                     preprocessor=phrase_text)
        try:
            X = vectorizer.fit_transform(text.tolist()).tocsc()
        except ValueError:  # no phrase used often enough
            return list(terms)
        names = vectorizer.get_feature_names_out()
        # phrases only: several words, or one hyphenated compound
        phrase = np.array([" " in n or "-" in n for n in names])
        codes = pd.factorize(topics)[0]
        onehot = sparse.csr_matrix((np.ones(len(codes)), (codes, np.arange(len(codes)))))
        spread = np.asarray(((onehot @ X) > 0).sum(axis=0)).ravel()
        total = np.asarray(X.sum(axis=0)).ravel()
        before = np.asarray(X.T @ (~after).astype(np.float64)).ravel()
        surprise = _emergence(before, total, share_before)
        eligible = np.flatnonzero(phrase & (spread >= 2) & (surprise >= self.min_surprise))
        lowered = text.str.lower()
        occurs = {t: contains_term(lowered, t).to_numpy()
                  for t in terms}
        chosen = list(terms)
        # strongest first; of phrases used by the same requests, the longest
        for j in sorted(eligible, key=lambda j: (-surprise[j], -len(names[j]), names[j])):
            if len(chosen) >= self.max_expanded:
                break
            name = str(names[j])
            if any(name in t or t in name for t in chosen):
                continue
            rows = X[:, j].indices
            # a phrase straddling a vision term's edge ("support lights-out" before
            # "lights-out operations") and used where it is adds nothing of its own
            if any(_straddles(name, t) and occurs[t][rows].mean() >= 0.8 for t in chosen):
                continue
            if _across_sentences(name, lowered.iloc[rows]):
                continue
            # a phrase of the vision is written beside its sharpest phrases, in some of
            # its requests at least; one that never is emerged on its own (a support
            # ticket pasted into a few threads)
            if terms and np.logical_or.reduce([occurs[t][rows] for t in terms]).mean() \
                    < self.min_tied:
                continue
            chosen.append(name)
            occurs[name] = np.zeros(len(lowered), dtype=bool)
            occurs[name][rows] = True
        return chosen

    def members(self, requests: pd.DataFrame, terms: list[str], onset,
                source_ids: set[str]) -> pd.Series:
        """Boolean Series: which requests belong to the vision."""
        text = requests["text"].fillna("").astype(str).str.lower()
        hits = pd.Series(0, index=requests.index)
        phrase_hits = pd.Series(0, index=requests.index)
        for term in terms:
            found = contains_term(text, term).astype(int)
            hits += found
            if " " in term or "-" in term:
                phrase_hits += found
        after = requests["sent_at"] >= onset if onset is not None else True
        # one of the vision's own phrases is enough; lone words need company
        by_terms = (phrase_hits >= 1) | (hits >= min(self.min_terms_in_request,
                                                     max(1, len(terms))))
        by_source = requests.get("originator_id", pd.Series("", index=requests.index)).isin(
            source_ids) & (requests["originator_id"] != requests.get("sender_id"))
        return ((by_terms | by_source) & after).astype(bool)

    def candidates(self, requests: pd.DataFrame, members: pd.Series, terms: list[str],
                   people: pd.DataFrame, authored: pd.DataFrame, onset,
                   outside_names: list[EmergingName] | None = None,
                   copied: pd.Series | None = None) -> list[SourceCandidate]:
        """Rank who (or what) is behind the vision requests.

        ``members`` are the requests the candidates are judged on: in
        :func:`vision_analytics.analyze`, those carrying the test's sharpest phrases
        (the wider vision of :meth:`expand_terms` decides membership only).

        Scores: share of the vision requests attributed to the candidate (other
        than their sender), use of the vision terms in the candidate's own mail,
        first appearance near the onset, the messengers' vision requests reading
        like the candidate's own writing, and a senior title. Departments compete
        when the attributed originators are several people of one department; outside
        organisations when their own mail carries the vision terms, or when an
        outside name (``outside_names``, see :func:`emerging_names`) travels in
        the vision requests without its owner ever writing to the account.
        ``copied`` (per request, the people it was addressed or copied to) adds
        those copied on the vision requests far more often than on the others,
        who sent none of them: the sponsor looking over the messenger's shoulder.
        """
        people = customer_domain_sides(people.set_index("person_id"))
        vision = requests[members]
        n = max(1, len(vision))
        relayed = vision[(vision["originator_id"] != vision["sender_id"])
                         & (vision["originator_id"] != "unknown")]
        attributed = relayed.groupby("originator_id")["originator_confidence"].sum() / n
        # Someone of the account who writes the vision's phrases next to an outside
        # name nobody used before (the product they pitch) is retelling its maker's
        # material, not writing their own: those texts are not theirs for the terms.
        authored = _without_pitches(authored, outside_names or [], people)
        # a phrase someone wrote months before the onset was the account's vocabulary
        # before the vision: its first writer is counted from near the onset on
        # the asks that name an outside product carry its maker's words: they count
        # for it when asking who wrote the vision's phrases first
        pitched = _pitched(vision, outside_names or [])
        # the seller's people quote the vision back: they bring none of it in
        sellers = set(people.index[people["side"] == "seller"]) if "side" in people else set()

        def first_writers(texts: pd.DataFrame) -> dict[str, tuple[int, pd.Timestamp]]:
            texts = pd.concat([texts, pitched], ignore_index=True) if len(pitched) else texts
            texts = texts[~texts["author_id"].isin(sellers)]
            if onset is not None and "sent_at" in texts:
                texts = texts[texts["sent_at"] >= onset - pd.Timedelta(days=60)]
            return _first_use(texts, terms)

        # a newcomer who arrived with the vision and wrote its words first brought
        # them, even when colleagues help to carry them
        wrote = first_writers(authored)
        began = vision["sent_at"].min() if "sent_at" in vision else None
        brought = {key for key, (rank, _) in wrote.items()
                   if rank == 0 and key in people.index and _near_onset(
                       _first_seen(people.loc[key]), onset, after_days=21, before_days=21)
                   and not _came_after(_first_seen(people.loc[key]), began)}
        writing_own = _without_relayed_asks(authored, requests, vision, people, onset,
                                           keep=brought,
                                           first_writing={k: w for k, (_, w) in wrote.items()})
        term_use = _term_use(writing_own, terms)
        first_use = first_writers(writing_own)
        sent_share = vision.groupby("sender_id").size() / n
        channel = _usual_channel(requests, onset)
        relay_style = relay_style_shift(requests, members, people,
                                        random_state=self.random_state) \
            if self.relay_style else pd.Series(dtype=float)
        looking_on = _copied_on(requests, members, copied) if copied is not None \
            else pd.Series(dtype=int)
        began = vision["sent_at"].min() if "sent_at" in vision else None
        scores: dict[str, SourceCandidate] = {}
        # a newcomer who sends some of the asks stays a candidate for arriving with
        # the vision, even when their asks are not counted as their writing
        arrived = {key for key in sent_share.index if key in people.index
                   and _near_onset(_first_seen(people.loc[key]), onset, after_days=21)}
        keys = set(attributed.index) | set(term_use.index) | set(relay_style.index) \
            | set(looking_on.index[~looking_on.index.isin(sent_share.index)]) | arrived
        for key in sorted(keys):
            if key not in people.index:
                continue
            person = people.loc[key]
            side = person.get("side", "")
            if side == "seller":
                continue
            first = _first_seen(person)
            clues = []
            score = 0.0
            carried = float(sent_share.get(key, 0.0))
            share = float(attributed.get(key, 0.0))
            usual = float(channel.get(key, 0.0))
            # who speaks for themselves: a newcomer near the onset, or someone who sent
            # none of the requests before it and whose asks others relay too (the onset
            # found can come months after the vision's first relayed asks, when its
            # sharpest phrases took hold)
            voice = _near_onset(first, onset, after_days=21) or bool(share and not usual)
            # the usual channel who carries the vision writes its words in every relay
            # and is the first to send them: that is relaying, and counts only for
            # the part of the vision they did not carry; so does anyone else who
            # carries a share of it and does not speak for themselves (a newcomer who
            # sends their own vision is its likeliest source, and keeps the words)
            own = 1.0 - carried if (carried >= _MESSENGER_SHARE and (
                usual >= _CHANNEL_SHARE or not voice)) else 1.0
            if share:
                score += 2.0 * share
                clues.append(f"originator of {int(round(share * n))} of the {len(vision)} "
                             f"{_CORE} (relayed by others)")
            use = float(term_use.get(key, 0.0))
            if use:
                score += use * own * (self.outside_use_weight if side == "external" else 1.0)
                clues.append(f"uses {use:.0%} of the vision terms in their own mail")
            if _near_onset(first, onset, after_days=21):
                score += 0.5
                clues.append(f"first appeared {first:%d %b %Y}, near the onset")
            k = int(looking_on.get(key, 0))
            if k and not carried:
                score += _COPIED_WEIGHT
                clues.append(f"copied on {k} of the {len(vision)} {_CORE} without sending any")
            rank = first_use.get(key)
            # whoever first writes the phrases after the asks carrying them began is
            # writing words already in circulation (once the relays' own asks are set
            # aside), not bringing them
            if rank is not None and rank[0] < 2 and _early(rank[1], began):
                score += (1.0 if rank[0] == 0 else 0.5) * own
                clues.append(("first" if rank[0] == 0 else "second")
                             + f" to write the vision's phrases ({rank[1]:%d %b %Y})")
            z = float(relay_style.get(key, 0.0))
            style = 0.0
            if z and (share or use) and not carried:
                # style corroborates evidence of their own (the vision's words in their
                # mail, asks traced to them); a style lead beside mere presence (new,
                # copied) named the wrong person on every account of four generators
                # where it happened. Whoever sends vision asks themselves is no hidden
                # writer: their own asks hold relays the test did not flag, so the
                # others' relays read like them by construction
                style = z
                score += self.style_weight * min(z, 5.0)
                clues.append("the vision requests others sent read like their own writing "
                             f"(z = {z:.1f} against those senders' other requests)")
            if carried and share and voice:
                # a newcomer whose asks others relay, and who sends more themselves,
                # is writing their own vision, not carrying someone else's
                clues.append(f"sent {carried:.0%} of the {_CORE} themselves")
            elif carried:
                # the messenger repeats the vision in every relay: sending it is
                # evidence of carrying it, not of owning it
                score -= 1.5 * carried
                if own >= 1:
                    why = ""
                elif usual >= _CHANNEL_SHARE:
                    why = f", and {usual:.0%} of the requests before the onset"
                else:
                    why = ", there long before the onset"
                clues.append(f"sent {carried:.0%} of the {_CORE} (a messenger{why})")
            title = "" if pd.isna(person["title"]) else str(person["title"])
            if score > 0 and side != "external" and _SENIOR.search(title):
                # a vision is shaped by someone with the standing to shape it: among
                # people whose evidence is otherwise alike, the leader is likelier
                score += self.authority_weight
                clues.append(f"senior title ({title})")
            kind = "external" if side == "external" else "person"
            emails = person["emails"] if isinstance(person["emails"], list) else []
            scores[key] = SourceCandidate(
                key=key, kind=kind, name=str(person["name"]), email=emails[0] if emails else "",
                organization=str(person["organization"]), department=str(person["department"]),
                title=str(person["title"]), score=score, clues=clues, first_seen=first,
                use=use, originated=share, style=style)
        ranked = sorted(scores.values(), key=lambda c: (-c.score, c.key))
        ranked = self._merge_organizations(ranked)
        if outside_names:
            ranked = self._outside_name(ranked, outside_names[0], authored, people, len(vision),
                                        first_use.get(f"org:{outside_names[0].name}"))
        department = self._department(relayed, people, n)
        # words alone ("value", "years") are everyone's: pooling them pools headcount
        pooled = self._department_of_candidates(scores, sent_share, people) \
            if any(" " in t or "-" in t for t in terms) else None
        if pooled is not None and (department is None or pooled.score > department.score):
            department = pooled
        if department is not None and (
                _newcomer_leads(department, scores, first_use, attributed, onset)
                or _newcomer_beside(department.members, ranked, first_use, attributed, onset,
                                    also=(department.key,))):
            department = None
        if department is not None and (not ranked or department.score > ranked[0].score):
            ranked.insert(0, department)
        elif department is None:
            ranked = self._it_people_together(ranked, scores, sent_share, people, first_use,
                                              attributed, onset)
        return _writing_over_presence([c for c in ranked if c.score > 0])

    def _it_people_together(self, ranked, scores, sent_share, people, first_use, attributed,
                            onset) -> list[SourceCandidate]:
        """Several IT people, each with evidence of their own, against a lone lead.

        Without an org chart or signatures that name departments, an IT
        organisation's people are known only by their titles (architect, CIO,
        security officer). When two or more of them each carry part of the vision's
        evidence (its words in their own mail, relayed asks traced to them) and
        together outweigh a lead who is none of them, the heaviest of them leads,
        with the others named beside: the vision is theirs, not the one of a
        newcomer copied on a few asks. A newcomer who brought the phrases (first to
        write them, near the onset, none of the group traced behind a relayed ask)
        keeps the lead, as against a department.
        """
        if not ranked or ranked[0].kind != "person":
            return ranked
        # own evidence: the vision's words in their own mail (whoever wrote them first
        # did) or relayed asks traced back to them
        group = [c for c in scores.values()
                 if c.kind == "person" and c.score > 0 and not c.department
                 and people.loc[c.key].get("side", "") == "customer"
                 and float(sent_share.get(c.key, 0.0)) < _MESSENGER_SHARE
                 and _IT_WORDS.search(c.title or "") and (c.use > 0 or c.originated > 0)]
        group.sort(key=lambda c: (-c.score, c.key))
        top = ranked[0]
        total = sum(c.score for c in group)
        if len(group) < 2 or top.key in {c.key for c in group} or total <= top.score:
            return ranked
        if _newcomer_beside([c.key for c in group], ranked, first_use, attributed, onset):
            return ranked
        names = ", ".join(f"{c.name} ({c.title})" for c in group[1:4])
        lead = replace(group[0], score=total, clues=[
            f"with {len(group) - 1} more of IT who carry the vision's evidence too: {names}",
            *group[0].clues])
        return [lead, *[c for c in ranked if c.key != lead.key]]

    def _merge_organizations(self, ranked: list[SourceCandidate]) -> list[SourceCandidate]:
        """Outside people of one organisation speak for it: one candidate per org."""
        out: list[SourceCandidate] = []
        orgs: dict[str, SourceCandidate] = {}
        for cand in ranked:
            if cand.kind != "external":
                out.append(cand)
                continue
            org = cand.organization or cand.email.rsplit("@", 1)[-1]
            if org in orgs:
                orgs[org].score += 0.5 * cand.score
                orgs[org].use = max(orgs[org].use, cand.use)
                orgs[org].originated += cand.originated
                continue
            merged = SourceCandidate(
                key=f"org:{org}", kind="external", name=org, email=cand.email,
                organization=org, department="", title="", score=cand.score,
                clues=[f"{cand.name or cand.email}: " + "; ".join(cand.clues)],
                first_seen=cand.first_seen, use=cand.use, originated=cand.originated)
            orgs[org] = merged
            out.append(merged)
        return sorted(out, key=lambda c: (-c.score, c.key))

    def _outside_name(self, ranked: list[SourceCandidate], found: EmergingName,
                      authored: pd.DataFrame, people: pd.DataFrame,
                      n: int, first=None) -> list[SourceCandidate]:
        """An outside name that arrived with the vision speaks for its owner.

        When an outside organisation already competes and its own people wrote the
        name, the name is more evidence for it. When none wrote it but exactly one
        outside organisation competes on evidence of its own for the vision (its
        people's mail writes the vision's phrases, or asks are traced to them), that
        organisation is the likeliest maker of a name the asks carry without one.
        Otherwise the name itself stands for an outside source that never wrote to
        the account (its maker is not named).
        """
        score = 2.0 * found.share + 0.5
        clue = (f"outside name \u201c{found.name}\u201d ("
                + ", ".join(found.variants) + f") in {found.n_requests} of {n} vision "
                f"requests across {found.n_topics} topics, never in the account's mail "
                "before the onset")
        if first is not None and first[0] == 0:
            # the asks naming it were the first to carry the vision's phrases
            score += 1.0
            clue += f"; the asks naming it carried the vision's phrases first ({first[1]:%d %b %Y})"
        writers = set(authored.loc[_naming(authored["text"], [found]),
                                   "author_id"]) if not authored.empty else set()
        orgs = {str(people.loc[w, "organization"]) for w in writers if w in people.index}
        for cand in ranked:
            if cand.kind == "external" and (cand.key in writers or cand.organization in orgs):
                cand.score += score
                cand.clues.append(clue + "; its own mail uses it")
                return sorted(ranked, key=lambda c: (-c.score, c.key))
        makers = [c for c in ranked if _outsider_with_evidence(c)]
        if len(makers) == 1:
            maker = makers[0]
            maker.score += score
            maker.clues.append(clue + f"; its maker is not named in the asks, and {maker.name} "
                               "is the one outside organisation whose own mail writes the "
                               "vision's phrases or is behind its asks")
            return sorted(ranked, key=lambda c: (-c.score, c.key))
        ranked.append(SourceCandidate(
            key=f"org:{found.name}", kind="external", name=found.name, email="",
            organization="", department="", title="", score=score, clues=[clue],
            first_seen=found.first_seen))
        return sorted(ranked, key=lambda c: (-c.score, c.key))

    @staticmethod
    def wants_maker(source: SourceCandidate | None) -> bool:
        """Is ``source`` nothing, or an outside name standing alone (no organisation,
        no address), so that :meth:`maker` may name who is behind it?"""
        return source is None or (source.kind == "external" and not source.organization
                                  and not source.email)

    def maker(self, source: SourceCandidate | None, parties: list[OutsideParty],
              people: pd.DataFrame, onset) -> SourceCandidate | None:
        """The organisation behind an outside name whose maker the asks never name.

        When the source is an outside name standing alone (a product pasted or retold
        by the customer's people, see :meth:`candidates`) and exactly one outside
        organisation began corresponding with the customer's people around or after
        the onset (``parties``, see :func:`outside_parties`), that organisation is
        the likeliest maker: the source becomes it, with the name as its evidence.
        With none or several, the name stays the source and the clue lists them.
        When nothing at all points at a source (``source`` is None), that one new
        organisation is the only lead, with the weight of a first appearance
        (``party_weight``).

        Examples
        --------
        >>> import pandas as pd
        >>> from vision_analytics.vision import OutsideParty
        >>> product = SourceCandidate(key="org:Kestrel", kind="external", name="Kestrel",
        ...     email="", organization="", department="", title="", score=1.2,
        ...     clues=["outside name \u201cKestrel\u201d in 6 of 9 vision requests"])
        >>> party = OutsideParty("Corvina", ["p_ray"], 2,
        ...     pd.Timestamp("2024-05-02", tz="UTC"), "Joint workshop")
        >>> people = pd.DataFrame({"name": ["Ray Lo"], "emails": [["ray@corvina.io"]],
        ...     "title": ["Account Executive"]}, index=["p_ray"])
        >>> onset = pd.Timestamp("2024-03-01", tz="UTC")
        >>> found = VisionFinder().maker(product, [party], people, onset)
        >>> found.key, found.name, found.email, found.score
        ('org:Corvina', 'Corvina', 'ray@corvina.io', 1.2)
        >>> VisionFinder().maker(None, [party], people, onset).score
        0.25
        """
        if not self.wants_maker(source):
            return source
        lead = pd.Timedelta(days=self.maker_lead_days)
        new = [party for party in parties
               if onset is None or party.first_seen >= onset - lead]
        if len(new) != 1:
            if new and source is not None:
                source.clues.append("its maker is not named; outside organisations new to "
                                    "the customer's mail since the onset: "
                                    + ", ".join(party.organization for party in new))
            return source
        party = new[0]
        lead_person = party.people[0]
        known = lead_person in people.index
        name = people.loc[lead_person, "name"] if known else lead_person
        name = lead_person if pd.isna(name) or not str(name) else str(name)
        title = people.loc[lead_person, "title"] if known else ""
        title = "" if pd.isna(title) else str(title)
        emails = people.loc[lead_person, "emails"] if known else []
        email = emails[0] if isinstance(emails, list) and emails else ""
        clue = (f"{party.organization} is the only outside organisation that began "
                "corresponding with the customer's people around or after the onset: "
                f"{name}" + (f" ({title})" if title else "")
                + f", {party.n_messages} message(s) from {party.first_seen:%d %b %Y}"
                + (f" (\u201c{party.subject}\u201d)" if party.subject else ""))
        if source is None:
            clues = ["nobody in the account's mail is traced behind the vision; " + clue]
            score = self.party_weight
        else:
            clues = [*source.clues, "its maker is not named in the asks; " + clue]
            score = source.score
        return SourceCandidate(
            key=f"org:{party.organization}", kind="external", name=party.organization,
            email=email, organization=party.organization, department="", title="",
            score=score, clues=clues, first_seen=party.first_seen)

    def _department(self, relayed: pd.DataFrame, people: pd.DataFrame,
                    n: int) -> SourceCandidate | None:
        """Several people of one department originate the relayed vision requests."""
        if relayed.empty:
            return None
        by_originator = relayed.groupby("originator_id")["originator_confidence"].sum()
        named = by_originator.index.str.startswith("dept:")
        by_person = by_originator[~named]
        found = _pooled_department(by_person, people)
        best = None
        if found is not None:
            department, members, total = found
            best = (department, members, total,
                    f"{len(members)} people of {department} originate {total:.1f} of the "
                    f"{n} {_CORE}, none more than 60%", None)
        # a department the requests name as their source ("our IT colleagues sent
        # me the following"), with whatever its people originate themselves
        for key, weight in by_originator[named].items():
            department = key.removeprefix("dept:")
            own = people.index[(people["department"] == department)
                               & (people.get("side", "customer") == "customer")]
            members = sorted(own, key=lambda m: (-float(by_person.get(m, 0.0)), m))
            total = float(weight) + sum(float(by_person.get(m, 0.0)) for m in members)
            if members and (best is None or total > best[2]):
                best = (department, members, total,
                        f"named as the source of {weight:.1f} of the {n} {_CORE}"
                        + (f", its people originate {total - weight:.1f} more"
                           if total > weight else ""),
                        [m for m in members if float(by_person.get(m, 0.0)) > 0])
        if best is None:
            return None
        department, members, total, clue, backed = best
        return SourceCandidate(
            key=f"dept:{department}", kind="department", name=department, email="",
            organization=str(people.loc[members[0], "organization"]), department=department,
            title="", score=2.0 * total / n + 0.25, members=members, clues=[clue],
            backed=backed)

    def _department_of_candidates(self, scores: dict[str, SourceCandidate],
                                  sent_share: pd.Series,
                                  people: pd.DataFrame) -> SourceCandidate | None:
        """Several people of one department each carry part of the evidence.

        A vision an organisation shapes together (an IT department's) leaves a
        little with each of its people — some of its words here, an early use
        there — and no one of them stands out; together they do. Messengers (who
        sent a fifth or more of the vision requests) are left out: repeating the
        vision is what relaying it looks like.
        """
        weights = pd.Series({
            key: cand.score for key, cand in scores.items()
            if cand.kind == "person" and cand.score > 0
            and float(sent_share.get(key, 0.0)) < _MESSENGER_SHARE
            and people.loc[key].get("side", "") == "customer"}, dtype=float)
        found = _pooled_department(weights, people)
        if found is None:
            return None
        department, members, total = found
        names = ", ".join(str(people.loc[m, "name"]) for m in members[:4])
        return SourceCandidate(
            key=f"dept:{department}", kind="department", name=department, email="",
            organization=str(people.loc[members[0], "organization"]), department=department,
            title="", score=float(total), members=members,
            clues=[f"{len(members)} people of {department} ({names}) share the evidence, "
                   "none more than 60%: "
                   + "; ".join(f"{people.loc[m, 'name']}: {scores[m].clues[0]}"
                               for m in members[:3] if scores[m].clues)])

    def origin(self, source: SourceCandidate | None, onset, start,
               ranked: list[SourceCandidate] | None = None) -> tuple[str | None, list[str]]:
        """new_executive / competitor / it_organization / other, with the clues.

        ``ranked`` (the candidates, source first) lets an IT executive's colleagues
        speak: a head of IT who first writes near the onset is a new executive only
        when no one else of the IT organisation carries the vision's evidence too.
        """
        if source is None:
            return None, []
        clues = []
        if source.kind == "external":
            clues.append(f"outside organisation {source.organization}" if source.organization
                         else f"the maker of {source.name}, which never wrote to the account")
            return "competitor", clues
        text = f"{source.title} {source.department}"
        it_like = bool(_IT_WORDS.search(text))
        if source.kind == "department":
            clues.append(f"department {source.department}")
            return ("it_organization" if it_like else "other"), clues
        # new: first seen well into the mail, and near the onset (someone who wrote
        # months before the vision began was there before it)
        first = source.first_seen
        came_later = (start is not None and first is not None and not pd.isna(first)
                      and first - start > pd.Timedelta(days=30))
        new = came_later and _near_onset(first, onset, after_days=30)
        senior = bool(source.title and _SENIOR.search(source.title))
        executive = bool(source.title and _EXECUTIVE.search(source.title))
        # a newcomer of the IT organisation below the executive ranks (a new head of
        # infrastructure, an architect) is IT's voice, not a new executive's
        colleagues = _it_colleagues(source, ranked or []) if it_like else []
        if new and (executive or not it_like) and not colleagues:
            clues.append(f"first appeared {source.first_seen:%d %b %Y}, "
                         f"{(source.first_seen - start).days} days into the mail")
            if source.title:
                clues.append(f"title: {source.title}")
            return "new_executive", clues
        if it_like:
            clues.append(f"{source.title or source.department} is in the IT organisation")
            if colleagues:
                clues.append("the vision's evidence is shared in IT: " + "; ".join(
                    f"{c.name} ({c.title or c.department}): {c.clues[0]}"
                    for c in colleagues[:3]))
            return "it_organization", clues
        if senior:
            if came_later and onset is not None:
                clues.append(f"senior title ({source.title}), first appeared {first:%d %b %Y}, "
                             f"{(onset - first).days} days before the onset: not new to it")
            else:
                clues.append(f"senior title ({source.title}) but present from the start")
        return "other", clues


def _outsider_with_evidence(cand: SourceCandidate) -> bool:
    """An outside organisation whose own mail writes the vision's phrases, or
    behind some of its asks (not a name standing alone)."""
    return cand.kind == "external" and bool(cand.organization) and (
        cand.use > 0 or cand.originated > 0)


def _only_present(cand: SourceCandidate) -> bool:
    """A customer's person whose only evidence is being there: new near the onset,
    copied on the asks, a senior title; none of the vision's words are theirs, no
    ask is traced to them and the asks do not read like their writing."""
    return cand.kind == "person" and not (cand.use or cand.originated or cand.style)


def _writing_over_presence(ranked: list[SourceCandidate]) -> list[SourceCandidate]:
    """An outside organisation whose own mail writes the vision's phrases ranks
    above people of the customer who were only there.

    Arriving near the onset, being copied on the asks or holding a senior title
    says someone could be behind the vision; a competitor's pitch in the vision's
    own words (seen here only when a customer forwards it, often months after it
    planted them) says where the words came from. The outsider moves up past the
    run of such people directly above it, keeping its score; anyone above them
    with evidence of their own stays ahead.
    """
    at = next((i for i, c in enumerate(ranked) if _outsider_with_evidence(c)), None)
    if at is None:
        return ranked
    to = at
    while to > 0 and _only_present(ranked[to - 1]):
        to -= 1
    if to == at:
        return ranked
    outsider = ranked[at]
    what = ("its own mail writes the vision's phrases" if outsider.use
            else "asks of the vision are traced to it")
    outsider.clues.append(f"{what}; {at - to} ranked above it only by being there (new, "
                          "copied or senior), with no evidence of their own")
    return [*ranked[:to], outsider, *ranked[to:at], *ranked[at + 1:]]


def _it_colleagues(source: SourceCandidate, ranked: list[SourceCandidate],
                   min_share: float = 0.1) -> list[SourceCandidate]:
    """Others of the IT organisation who share the vision's evidence with its source.

    A vision an IT organisation develops leaves its words in several of its
    people's mail (an architect's, a security officer's) about as much as in its
    head's, and some of the relayed asks trace back to each of them: at least half
    the source's share of the terms or of the traced asks. Copies, a senior title or
    arriving near the onset are no evidence of shaping it, and an echo is not
    sharing it: the IT people around a new Chief Digital Officer are copied on the
    asks, and one of them writing a seventh of the words the officer writes all of
    repeats them.
    """
    return [c for c in ranked
            if c.kind == "person" and c.key != source.key and c.score >= min_share * source.score
            and _IT_WORDS.search(f"{c.title} {c.department}")
            and ((c.use > 0 and c.use >= 0.5 * source.use)
                 or (c.originated > 0 and c.originated >= 0.5 * source.originated))]


def _near_onset(first, onset, *, after_days: int, before_days: int = 60) -> bool:
    """Was someone first seen from ``before_days`` before the onset to ``after_days``
    after it (a newcomer to the vision, not someone there long before it)?"""
    if first is None or onset is None or pd.isna(first):
        return False
    return -pd.Timedelta(days=before_days) <= first - onset <= pd.Timedelta(days=after_days)


def _came_after(first, began) -> bool:
    """Was someone first seen in the mail only after the first vision request?

    Whoever brings a vision is there when it begins (a new executive's first note,
    an architect's first ticket); a colleague whose first message comes after the
    asks began joined to carry them.
    """
    if first is None or began is None or pd.isna(first) or pd.isna(began):
        return False
    return first > began


def _early(when, began, *, after_days: int = 7) -> bool:
    """Was a first use of the vision's phrases no later than ``after_days`` after
    the first vision request (or is there nothing to judge by)?"""
    if began is None or when is None or pd.isna(began) or pd.isna(when):
        return True
    return when - began <= pd.Timedelta(days=after_days)


def _copied_on(requests: pd.DataFrame, members: pd.Series, copied: pd.Series,
               lift: float = 2.0) -> pd.Series:
    """How many vision requests each person was copied on (not as their sender),
    for the people copied on them at least ``lift`` times as often as on the others."""
    senders = requests["sender_id"] if "sender_id" in requests else \
        pd.Series("", index=requests.index)
    counts = {True: {}, False: {}}
    for inside, sender, recipients in zip(members.to_numpy(), senders, copied.reindex(
            requests.index).to_numpy(), strict=True):
        if not isinstance(recipients, frozenset | set):
            continue
        bucket = counts[bool(inside)]
        for person in recipients:
            if person != sender:
                bucket[person] = bucket.get(person, 0) + 1
    n_in = max(1, int(members.sum()))
    n_out = max(1, len(members) - n_in)
    kept = {p: k for p, k in counts[True].items()
            if k / n_in > lift * counts[False].get(p, 0) / n_out}
    return pd.Series(kept, dtype=int).sort_index()


def _usual_channel(requests: pd.DataFrame, onset) -> pd.Series:
    """Each sender's share of the requests before the onset (empty without one)."""
    if onset is None or requests.empty:
        return pd.Series(dtype=float)
    before = requests.loc[requests["sent_at"] < onset, "sender_id"]
    return before.value_counts() / max(1, len(before))


def _newcomer_leads(department: SourceCandidate, scores: dict[str, SourceCandidate],
                    first_use: dict[str, tuple[int, pd.Timestamp]],
                    attributed: pd.Series, onset) -> bool:
    """Is the department's heaviest member a newcomer who brought the vision?

    Someone who appeared near the onset, was the first to write the vision's
    phrases and is the only one of the department the relayed requests are traced
    back to is that vision's source, even when colleagues echo its words. When
    several of them originate relayed requests, the department shaped it together.
    """
    if not department.members:
        return False
    lead = department.members[0]
    cand = scores.get(lead)
    rank = first_use.get(lead)
    traced = [m for m in department.members if float(attributed.get(m, 0.0)) > 0]
    return (cand is not None and rank is not None and rank[0] == 0 and traced == [lead]
            and cand.score >= max(c.score for c in scores.values())
            and _near_onset(cand.first_seen, onset, after_days=21))


def _newcomer_beside(members: list[str], ranked: list[SourceCandidate],
                     first_use: dict[str, tuple[int, pd.Timestamp]],
                     attributed: pd.Series, onset, also: tuple = ()) -> bool:
    """Is the leading person a newcomer outside a group who brought the vision?

    A department (or IT's people) pooled from its ``members``' echoes of the vision's
    words (none of them, nor ``also`` — the department itself — traced behind a
    relayed request) does not outweigh the person who arrived near the onset and
    wrote the words first.
    """
    if not ranked or not members or ranked[0].kind != "person":
        return False
    top = ranked[0]
    rank = first_use.get(top.key)
    if top.key in members or rank is None or rank[0] != 0:
        return False
    if not _near_onset(top.first_seen, onset, after_days=21):
        return False
    return not any(float(attributed.get(m, 0.0)) > 0 for m in [*also, *members])


def _pooled_department(weights: pd.Series, people: pd.DataFrame,
                       max_share: float = 0.6) -> tuple[str, list[str], float] | None:
    """The department whose people together weigh most, when at least two of them
    do and none carries more than ``max_share`` of the department's weight:
    (department, its people heaviest first, total weight)."""
    departments: dict[str, list[tuple[str, float]]] = {}
    for key, weight in weights.items():
        if key in people.index and people.loc[key, "department"]:
            departments.setdefault(str(people.loc[key, "department"]), []).append(
                (key, float(weight)))
    best = None
    for department, members in sorted(departments.items()):
        total = sum(w for _, w in members)
        if len(members) < 2 or max(w for _, w in members) > max_share * total:
            continue
        if best is None or total > best[2]:
            ranked = sorted(members, key=lambda m: (-m[1], m[0]))
            best = (department, [k for k, _ in ranked], total)
    return best


def surface_forms(texts: pd.Series, terms: list[str]) -> list[str]:
    """Each term as the requests write it: "record axle" → "record per axle".

    The test's phrases lack the stop words and short words between their words;
    shown to a reader, a phrase reads as it was written. The commonest written
    form (lower case) wins; a term no text writes stays as it is.

    Examples
    --------
    >>> import pandas as pd
    >>> texts = pd.Series(["One record per axle, please.", "one record per axle",
    ...                    "a record for each axle"])
    >>> surface_forms(texts, ["record axle", "zero-touch"])
    ['record per axle', 'zero-touch']
    """
    lowered = texts.fillna("").astype(str).str.lower()
    out = []
    for term in terms:
        found = lowered[contains_term(lowered, term)].str.extractall(
            "(" + term_pattern(term) + ")")
        if found.empty:
            out.append(term)
            continue
        written = found[0].str.split().str.join(" ").value_counts()
        best = sorted(written.items(), key=lambda kv: (-kv[1], len(kv[0]), kv[0]))[0][0]
        out.append(best if best not in out else term)
    return out


def _naming(texts: pd.Series, names: list[EmergingName]) -> pd.Series:
    """Boolean Series: which texts write one of the outside ``names`` (as a word)."""
    pattern = "|".join(r"\b" + re.escape(found.name) + r"\b" for found in names)
    return texts.fillna("").astype(str).str.contains(pattern, regex=True)


def _pitched(vision: pd.DataFrame, outside_names: list[EmergingName]) -> pd.DataFrame:
    """The vision requests naming the first outside name, as its maker's writing."""
    if vision.empty or not outside_names:
        return pd.DataFrame(columns=["author_id", "text", "sent_at"])
    name = outside_names[0].name
    naming = vision[_naming(vision["text"], outside_names[:1])]
    return pd.DataFrame({"author_id": f"org:{name}", "text": naming["text"].astype(str),
                         "sent_at": naming["sent_at"]})


def _without_pitches(authored: pd.DataFrame, outside_names: list[EmergingName],
                     people: pd.DataFrame) -> pd.DataFrame:
    """The authored texts less those where someone not outside names an outside name."""
    if authored.empty or not outside_names:
        return authored
    naming = _naming(authored["text"], outside_names)
    sides = people["side"] if "side" in people else pd.Series(dtype=str)
    outside = authored["author_id"].map(sides).eq("external")
    return authored[~naming | outside]


def _first_seen(person: pd.Series):
    first = person.get("first_seen")
    return None if first is None or pd.isna(first) else first


def _without_relayed_asks(authored: pd.DataFrame, requests: pd.DataFrame,
                          vision: pd.DataFrame, people: pd.DataFrame, onset,
                          keep=frozenset(), first_writing=None) -> pd.DataFrame:
    """The authored texts less the relays' own requests, when more than one person
    of the account carries the vision requests (sends two or more of them).

    A vision that reaches the seller through many hands — the primary contact and
    two or three colleagues, each asking in their turn, none sending three quarters
    of the asks — has its source upstream of all of them: each relay writes its
    words because they are passing it on, and whoever happened to ask first is no
    likelier its author than the others. Where one messenger sends nearly all of
    them, the colleagues there long before the onset who send two or more of the
    rest are helping to relay it too; a newcomer among them who wrote its phrases
    from its first weeks (``first_writing``: person → when they first wrote them;
    else their first vision ask) may be the one who brought it, and a colleague who
    sent one ask its source writing in person. What the relays wrote besides their
    requests still counts, and so does everyone else's writing, and so does that of
    the people in ``keep``.
    """
    first_writing = first_writing or {}
    if authored.empty or vision.empty or "message_key" not in authored \
            or "message_key" not in requests:
        return authored
    sides = people["side"] if "side" in people else pd.Series(dtype=str)
    counts = vision.groupby("sender_id").size()
    carriers = {key for key, k in counts.items()
                if k >= 2 and sides.get(key, "customer") == "customer"}
    if len(carriers) < 2:
        return authored
    if len(carriers) < _SPREAD_CARRIERS or counts.max() > _SPREAD_TOP * len(vision):
        # one messenger who sends nearly all of them is the usual channel at work;
        # the colleagues there long before the vision who help carry it relay it (one
        # who sent a single ask may as well be its source, writing once in person).
        # A newcomer who brought it wrote its words from the start (in an ask before
        # the onset, say): one who first writes them months into it is relaying it
        # like the others.
        began = vision["sent_at"].min() if "sent_at" in vision else None
        first_ask = vision.groupby("sender_id")["sent_at"].min() if "sent_at" in vision \
            else pd.Series(dtype=object)
        carriers = {key for key in carriers if key in people.index and not (
            _near_onset(_first_seen(people.loc[key]), onset, after_days=21)
            and not _came_after(_first_seen(people.loc[key]), began)
            and _early(first_writing.get(key, first_ask.get(key)), began, after_days=21))}
    else:
        # once it travels through many hands, whoever sent one of its asks passed it on
        carriers = {key for key in counts.index if sides.get(key, "customer") == "customer"}
    carriers -= set(keep)
    theirs = requests.loc[requests["sender_id"].isin(carriers), "message_key"]
    own_ask = authored["message_key"].isin(set(theirs.astype(str)))
    # the replies and follow-ups that quote an ask carry it again under its
    # author's name (its text, or its header with the subject): a copy of the ask
    # is the ask. A quoted header's time is often local, without its zone.
    starts = {_flat(text)[:_OPENING] for text in authored.loc[own_ask, "text"]}
    starts = {start for start in starts if len(start) >= _OPENING // 2}
    asked = {author: np.sort(times.dropna().to_numpy(dtype="datetime64[ns]"))
             for author, times in authored.loc[own_ask].groupby("author_id")["sent_at"]}
    by_carrier = authored["author_id"].isin(carriers) & ~own_ask
    copy = pd.Series(False, index=authored.index)
    if by_carrier.any():
        copy[by_carrier] = [
            _quotes_one_of(_flat(text), starts) or _near_any(sent, asked.get(author))
            for author, text, sent in authored.loc[
                by_carrier, ["author_id", "text", "sent_at"]].itertuples(index=False)]
    return authored[~own_ask & ~copy]


#: Characters of an ask's flattened opening that a quoted copy of it carries.
_OPENING = 80


def _quotes_one_of(flat: str, starts: set[str], reach: int = 2000) -> bool:
    """Does a flattened text carry one of the ``starts`` from a word boundary within
    its first ``reach`` characters (below a quoted header, say)?"""
    if not starts:
        return False
    bounds = [0] + [i + 1 for i, c in enumerate(flat[:reach]) if c == " "]
    return any(flat[i:i + _OPENING] in starts for i in bounds)


def _near_any(when, times) -> bool:
    """Is ``when`` within :data:`_COPY_CLOCK` of one of the sorted ``times``?"""
    if times is None or not len(times) or pd.isna(when):
        return False
    at = np.datetime64(pd.Timestamp(when).tz_convert(None).to_datetime64(), "ns")
    i = int(np.searchsorted(times, at))
    clock = _COPY_CLOCK.to_timedelta64()
    return any(abs(times[j] - at) <= clock for j in (i - 1, i) if 0 <= j < len(times))


def _flat(text) -> str:
    """A text without quote marks, line breaks, runs of spaces or case: what a
    quoted copy shares with its original.

    >>> _flat("> We are rethinking how\\n> we work") == _flat("We are rethinking how we work")
    True
    """
    return " ".join(re.sub(r"(?m)^[ \t>|]+", " ", str(text)).lower().split())


def _term_use(authored: pd.DataFrame, terms: list[str]) -> pd.Series:
    """Share of the vision terms each author uses in their own mail."""
    if authored.empty or not terms:
        return pd.Series(dtype=float)
    text = authored.groupby("author_id")["text"].agg(lambda s: " \n ".join(s)).str.lower()
    counts = pd.Series(0.0, index=text.index)
    for term in terms:
        counts += contains_term(text, term).astype(float)
    share = counts / len(terms)
    return share[share > 0].sort_values(ascending=False)


def _first_use(authored: pd.DataFrame, terms: list[str]) -> dict[str, tuple[int, pd.Timestamp]]:
    """Who wrote the vision's phrases first: author → (rank, date), earliest first.

    Authors who first wrote them at the same moment share a rank.
    """
    phrases = [t for t in terms if " " in t or "-" in t] or terms
    if authored.empty or not phrases or "sent_at" not in authored:
        return {}
    dated = authored[authored["sent_at"].notna()]
    lowered = dated["text"].str.lower()
    hits = pd.Series(False, index=dated.index)
    for term in phrases:
        hits |= contains_term(lowered, term)
    using = dated[hits]
    firsts = using.groupby("author_id")["sent_at"].min().sort_values(kind="stable")
    ranks = firsts.rank(method="min").astype(int) - 1
    return {author: (int(ranks[author]), when) for author, when in firsts.items()}


# where a sentence or a paragraph ends, inside what reads as one phrase
_SENTENCE_END = re.compile(r"[.?!;]\s|\n\s*\n")


def _across_sentences(term: str, texts: pd.Series) -> bool:
    """Is a phrase mostly the end of one sentence and the start of the next?

    Its words were counted with the punctuation between them gone; "arrive unlock
    user" stands for "… does not arrive. Can you unlock it please? User: …", a
    stretch of text no one wrote as a phrase.

    >>> texts = pd.Series(["the link does not arrive. can you unlock it? user: u1",
    ...                    "it did not arrive. please unlock it, user u2"])
    >>> _across_sentences("arrive unlock user", texts)
    True
    >>> _across_sentences("unlock user", texts)
    False
    """
    pattern = re.compile(term_pattern(term))
    spans = [m.group(0) for text in texts for m in [pattern.search(text)] if m]
    return bool(spans) and sum(bool(_SENTENCE_END.search(s)) for s in spans) > len(spans) / 2


def _straddles(a: str, b: str) -> bool:
    """Does phrase ``a`` run over an edge of phrase ``b`` (the end of one is the
    start of the other)?

    >>> _straddles("support lights-out", "lights-out operations")
    True
    >>> _straddles("day-two operations", "lights-out operations")
    False
    """
    x, y = a.split(), b.split()
    return any(x[-k:] == y[:k] or y[-k:] == x[:k] for k in range(1, min(len(x), len(y))))


def change_onset(result: SharedSourceResult, requests: pd.DataFrame,
                 members: pd.Series) -> pd.Timestamp | None:
    """When the vision began: the change point in the share of vision requests.

    ``members`` flags the requests that carry the vision's phrases, at any time.
    Over the requests in time order, the split that best divides them into two
    runs with their own share of vision requests (the two-segment Bernoulli
    likelihood) is the change; the onset is the first vision request at or after
    it. The test's own split marks when the phrases were sharpest, which can be
    weeks after they began: the change point may move the onset earlier than
    that, never later (by the split the vision had begun; a second, steeper rise
    later on is not its start). A stray early use does not move the change
    point; a steady stream of them does.
    """
    if result.split_time is None:
        return None
    flags = members.reindex(requests.index).fillna(False).astype(bool)
    dated = pd.DataFrame({"sent_at": requests["sent_at"], "member": flags})
    dated = dated[dated["sent_at"].notna()].sort_values("sent_at", kind="stable")
    times = dated.loc[dated["member"], "sent_at"]
    if times.empty:
        return result.split_time
    x = dated["member"].to_numpy(dtype=np.float64)
    n = len(x)
    k = np.arange(1, n)
    before = np.cumsum(x)[:-1]
    after = x.sum() - before

    def loglik(ones, total):
        p = ones / total
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.nan_to_num(ones * np.log(p)) + np.nan_to_num((total - ones) * np.log1p(-p))

    gain = loglik(before, k) + loglik(after, n - k)
    # the change must raise the share: a vision starts, it does not stop
    gain = np.where(after / (n - k) > before / k, gain, -np.inf)
    by_split = times[times >= result.split_time - pd.Timedelta(days=21)]
    latest = by_split.iloc[0] if len(by_split) else times.iloc[0]
    if not np.isfinite(gain).any():
        return latest.normalize()
    split = int(np.argmax(gain)) + 1
    window = times[times >= dated["sent_at"].iloc[split]]
    return min(window.iloc[0] if len(window) else latest, latest).normalize()


def confidence_from_scores(candidates: list[SourceCandidate]) -> float:
    if not candidates:
        return 0.0
    scores = np.array([c.score for c in candidates[:5]])
    exp = np.exp(2.0 * (scores - scores.max()))
    return float(exp[0] / (exp.sum() + np.exp(-2.0 * scores.max() + 0.5)))


_FUNCTION = frozenset(FUNCTION_WORDS)


def _topic_masked(text: str) -> str:
    """The text with every word but the function words masked.

    What is left — function words, punctuation, layout, sentence shape — is how
    someone writes, not what about; so a relay that asks about the vision does
    not match whoever happens to write about the same things.
    """
    return _WORD.sub(lambda m: m.group(0) if m.group(0).lower() in _FUNCTION else "x", text)


def relay_style_shift(requests: pd.DataFrame, members: pd.Series, people: pd.DataFrame,
                      *, min_z: float = 2.0, messenger_share: float = 0.2,
                      max_texts: int = 400, max_authors: int = 40, min_share: float = 0.5,
                      random_state=0) -> pd.Series:
    """Whose writing the vision requests a messenger relays read like: person → z.

    A messenger who pastes someone else's asks carries that person's way of
    writing with them. An authorship model learns how each customer writes their
    own asks (their requests outside the vision, topic words masked), the
    messengers included — so a relay in the messenger's own words is recognised as
    theirs. For each messenger (a customer who sent at least ``messenger_share``
    of the vision requests) it then scores the vision requests they sent and, as
    the control, the half of their other requests it did not learn from. A writer
    whose probability rises on the vision requests by at least ``min_z``
    standard errors, and takes at least ``min_share`` of the rise of all
    writers, is reported (the largest z over messengers): a rise spread over
    look-alikes means the relays' writer has no profile here. Empty when there
    is too little text.
    """
    empty = pd.Series(dtype=float)
    if "sender_id" not in requests or "text" not in requests:
        return empty
    email = requests["channel"].eq("email") if "channel" in requests else \
        pd.Series(True, index=requests.index)
    in_vision = members.reindex(requests.index).fillna(False).astype(bool)
    vision_senders = requests.loc[in_vision & email, "sender_id"]
    if vision_senders.empty:
        return empty
    shares = vision_senders.value_counts() / len(vision_senders)
    side = people["side"] if "side" in people else pd.Series("customer", index=people.index)
    customers = set(side.index[side == "customer"])
    messengers = sorted(m for m in shares.index[shares >= messenger_share] if m in customers)
    if not messengers:
        return empty
    own = requests.loc[email & ~in_vision & requests["sender_id"].isin(customers),
                       ["sender_id", "text", "sent_at"]]
    own = own.assign(text=own["text"].fillna("").astype(str))
    own = own[own["text"].str.count(r"\S+") >= 8].sort_values("sent_at", kind="stable")
    # a messenger's every other request is held out: the control it is scored on
    control: dict[str, list[str]] = {}
    for messenger in messengers:
        theirs = own.index[own["sender_id"] == messenger]
        control[messenger] = own.loc[theirs[1::2], "text"].tolist()
        own = own.drop(theirs[1::2])
    counts = own["sender_id"].value_counts()
    ranked = sorted(((a, c) for a, c in counts.items() if c >= 5),
                    key=lambda kv: (kv[0] not in messengers, -kv[1], kv[0]))
    keep = [a for a, _ in ranked[:max_authors]]
    if len(set(keep) - set(messengers)) < 2:
        return empty
    own = own[own["sender_id"].isin(keep)].groupby("sender_id", sort=True,
                                                   group_keys=False).head(60)
    model = AuthorshipModel(min_texts=5, min_words=60, cv=3, max_char_features=30_000,
                            max_word_features=10_000, random_state=random_state)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            model.fit([_topic_masked(t) for t in own["text"]], own["sender_id"].tolist())
        except ValueError:  # fewer than two writers with enough text
            return empty
    rng = np.random.default_rng(random_state)
    best: dict[str, float] = {}
    for messenger in messengers:
        relayed = requests.loc[email & in_vision & requests["sender_id"].eq(messenger), "text"]
        groups = []
        for texts in (relayed.fillna("").astype(str).tolist(), control[messenger]):
            if len(texts) > max_texts:
                texts = [texts[i] for i in sorted(rng.choice(len(texts), max_texts,
                                                             replace=False))]
            groups.append([_topic_masked(t) for t in texts])
        if min(len(g) for g in groups) < 5:
            continue
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            vision_p, control_p = (model.predict_proba(g) for g in groups)
        se = np.sqrt(vision_p.var(0) / len(vision_p) + control_p.var(0) / len(control_p))
        rise = vision_p.mean(0) - control_p.mean(0)
        z = rise / np.maximum(se, 1e-9)
        others = np.array([a not in messengers for a in model.classes_])
        total = float(np.clip(rise[others], 0, None).sum())
        for author, value, gain, other in zip(model.classes_, z, rise, others, strict=True):
            # the relays' writer takes most of the rise: when it spreads over
            # look-alikes, the writer has no profile here and no one is named
            if other and value >= min_z and gain >= min_share * total:
                best[str(author)] = max(best.get(str(author), 0.0), float(value))
    return pd.Series(best, dtype=float).sort_values(ascending=False)
