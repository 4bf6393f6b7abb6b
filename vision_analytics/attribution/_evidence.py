"""Clues about who originated each request, as rows of the evidence frame.

Every clue names a candidate (a ``person_id`` from identity resolution,
``org:<domain>`` for an outside organisation or ``dept:<name>`` for a department
the text names), a kind, a weight (log-odds
points in favour of the candidate), the excerpt it rests on and the message it
came from. The clue kinds and their default weights are general properties of
mail — a forwarded block's inner header, a quoted author, a named mention, a
style match — not phrases of any particular account.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer

from .._letters import UPPER
from .._schema import empty_frame
from ..normalize._identity import _fold, outside_organizations, people_by_first_name
from ..normalize._logged import link_logged_requests

__all__ = ["EvidenceCollector", "WEIGHTS"]

#: Default weight of each clue kind (log-odds points).
WEIGHTS = {
    "sender": 1.0,
    "forwarded_header": 2.5,
    "chain_origin": 1.0,  # extra for the deepest outside author of a quoted chain
    "chain_member": 0.7,  # an outside author quoted above the chain's origin
    "quoted_author": 2.0,
    "mention": 2.0,
    "mention_role": 1.5,
    "mention_team": 1.5,  # "our IT colleagues sent me the following": a department
    "mention_organization": 2.0,  # "Orrin showed us …": an outside organisation
    "attachment_organization": 1.5,  # "Orrin - overview.pdf" attached: its material
    "first_writer": 1.5,  # an unsigned pasted passage: who wrote its phrases first
    "cc": 0.5,
    "style": 0.8,  # corroboration: a style lead alone was right 2% of the time (calibration)
    "vocabulary": 0.15,  # corroboration only: shared phrases alone never beat the sender
    "timing": 0.4,
}

#: a name as mail writes it: one or two capitalised words
_NAME = rf"{UPPER}[\w-]+(?:\s+{UPPER}[\w-]+)?"
_ROLE = (
    r"(?:chief [a-z]+ officer|c[etiofm]o|cdo|ciso|svp|evp|vp|vice president|president|"
    r"managing director|director|head of [a-z ]{2,30}?|general manager|partner|"
    r"(?:new )?boss|manager)"
)
_MENTION_ROLE = re.compile(
    rf"\b(?:our|the|my)\s+(?:new|incoming|recently appointed|interim)\s+({_ROLE})\b", re.I)
#: "the Office of the CTO": a role's office
_MENTION_OFFICE = re.compile(rf"\b(?:the\s+)?office\s+of\s+(?:the\s+|our\s+)?({_ROLE})\b", re.I)
#: "on behalf of Dana", "Dana asked": the same relays in German, French, Spanish,
#: Dutch, Italian and Portuguese mail ("im Auftrag von", "à la demande de", "Dana a demandé")
_ON_BEHALF = (
    r"per|from|on behalf of|at the request of|as requested by|as asked by|for|via|"
    r"according to|with|im auftrag von|auf wunsch von|auf bitte von|laut|de la part de|"
    r"à la demande de|a la demande de|selon|en nombre de|de parte de|a petición de|"
    r"a pedido de|namens|op verzoek van|volgens|per conto di|su richiesta di|secondo|"
    r"em nome de|segundo")
_ASKED = (
    r"has asked|asked|wants|would like|requested|is asking|suggested|mentioned|raised|needs|"
    r"expects|note|notes|request|team|"
    r"is (?:very |really |particularly |quite )?keen (?:on|to|that)|"
    r"is (?:pushing|driving|championing|sponsoring|behind)|has (?:been )?(?:pushing|driving)|"
    r"has made [^.!?\n]{1,80}?(?:a|the|one of (?:the|our|his|her|their))\s+(?:top\s+|key\s+)?"
    r"priorit(?:y|ies)|hat gebeten|bittet|möchte|fragt|hat gefragt|"
    r"a demandé|demande|souhaite|voudrait|pidió|pide|quiere|solicitó|heeft gevraagd|vraagt|"
    r"wil|ha chiesto|chiede|vuole|pediu|quer|solicitou")
_MENTION_NAME = re.compile(
    rf"(?i:\b(?:{_ON_BEHALF}))\s+({UPPER}[\w-]+(?:\s+{UPPER}[\w-]+)?)(?:['’]s)?\b"
    rf"|\b({UPPER}[\w-]+(?:\s+{UPPER}[\w-]+)?)(?:['’]s)?\s+(?:{_ASKED})\b"
)
#: "Forwarding Carlos's note", "see Dana's e-mail below", "(Copying Carlos, who is
#: driving this.)", "since Carlos joined as CDO, ...": the person whose words, drive or
#: arrival the note passes on
_MENTION_RELAYED = re.compile(
    rf"(?i:\b(?:forwarding|forwarded|see|per|attached(?: is)?|below is|here is|here's|"
    rf"sharing|passing on|pasting|quoting(?: from)?)\s+)({_NAME})['’]s?\s+"
    r"(?i:note|notes|e-?mail|mail|message|memo|deck|slides|request|questions?|list|"
    r"document|doc|paper|draft|comments|ask|summary|brief|requirements)\b"
    rf"|(?i:\b(?:copying|cc['’]?ing|adding|looping in|including)\s+(?:in\s+)?)"
    rf"({_NAME})\s*(?:\([^()\n]{{1,40}}\))?\s*,?\s*(?i:who(?:['’]s| is| has been)?|"
    r"as (?:she|he|they)(?:['’]s| is| are)?)\s+(?i:driving|leading|behind|running|sponsoring|"
    r"pushing|championing|owns|owning)\b"
    rf"|(?i:\b(?:since|now that|ever since)\s+)({_NAME})\s+(?i:joined|arrived|took over|"
    r"started|came on board)\b")
#: "Amelia suggested I reach out directly", "Dana recommended that we contact you": the
#: person named suggested whom to write to, not what to ask. (A relay reads "Dana
#: asked me to reach out about this": asked, not suggested.)
_INTRODUCTION = re.compile(
    r"(?i:suggested|recommended|advised|proposed|mentioned)\s*,?\s+(?:that\s+)?"
    r"(?i:I|we)\s+(?:should\s+|might\s+|could\s+)?(?:directly\s+)?"
    r"(?i:reach\s+out|contact|get\s+in\s+touch|write|e-?mail|speak|talk|connect|drop)\b")
#: "Fiona from IT asked me", "Dana Whitfield, who joined us as COO, would like",
#: "notre nouveau CDO, Marie Dupont, m'a demandé", "colleagues in IT (Fiona Walker)
#: asked": a name qualified by where they sit or who they are, then the verb (an
#: object pronoun and an auxiliary may come between, in the order each language uses)
_QUALIFIER = (
    r"\s+(?:from|of|in|at|aus|von|de|du|del|da|di)(?:\s+(?:the|der|dem|la|le|los|las))?"
    r"\s+(?:l['’])?[\w&-]+(?:\s+[\w&-]+){0,3}|\s*\([^()\n]{1,60}\)|\s*,[^,\n]{1,80},")
_PRONOUN = r"(?:me|us|mich|uns|nous|mi|ci|m['’])"
_AUXILIARY = r"(?:has|have|had|hat|haben|ha|han|hanno|a|ont|heeft|hebben)"
_VERB = (rf"(?:{_PRONOUN}\s*)?(?:{_AUXILIARY}\s+)?(?:{_PRONOUN}\s*)?"
         rf"(?:{_ASKED}|demandé|pedido|gebeten|chiesto|gevraagd|pediu)")
# a lookahead, so that "our new CDO, Marie Dupont, asked" finds Marie Dupont as well
# as the "CDO" that starts earlier
_MENTION_QUALIFIED = re.compile(
    rf"(?=\b({_NAME})(?:['’]s)?(?:{_QUALIFIER})?\s*,?\s*(?i:{_VERB})\b"
    rf"|\(\s*({_NAME})\s*\)\s*,?\s*(?i:{_VERB})\b)")
#: "our IT colleagues", "the architecture team": the words before a team noun, resolved
#: against the account's known departments; "our colleagues in IT", "nos collègues de
#: la DSI", "unsere Kollegen aus der IT", "per the Office of the CTO": the words after
#: it. (A board or committee is no department: "the architecture board" may sit
#: above several.)
_MENTION_TEAM = re.compile(
    r"\b(?:our|the|my)\s+([\w&-]+(?:\s+[\w&-]+)?)\s+(?:colleagues|team|teams|department|"
    r"dept|folks|people|guys|group|organi[sz]ation|org)\b"
    r"|(?:\b(?:colleagues|team|Kollegen|Team|collègues|équipe|compañeros|equipo|colleghi|"
    r"collega['’]s|colegas)\s+(?:in|from|of|at|aus|von|de|du|del|da|di|en|van|bij)"
    r"(?:\s+(?:the|der|dem|la|le|los|las|het))?"
    r"|\b(?:per|according to|as requested by|at the request of|on behalf of)\s+the)"
    r"\s+(?:l['’])?([\w&-]+(?:\s+[\w&-]+){0,3})",
    re.IGNORECASE)
#: "our IT colleagues" speak when a verb of asking, wanting or deciding follows ("…
#: sent me the following", "… (three architects) has decided") or a word of source
#: comes before ("from the IT team", "per the architecture team")
_TEAM_SPEAKS = re.compile(
    rf"\s*(?:\([^)\n]{{0,60}}\)\s*)?,?\s*(?:(?:has|have|had|is|are|was|were|also|now|all)\s+)*"
    rf"(?:{_ASKED}|decided|agreed|requires?|required|mandated|told|says|said|sent|shared|"
    rf"insists?|insisted|believes?|thinks?|asks?|want)\b", re.IGNORECASE)
_TEAM_AS_SOURCE = re.compile(
    r"\b(?:from|per|by|according to|on behalf of|at the request of|as requested by|via)"
    r"\s+$", re.IGNORECASE)
#: the words after a named person that place them: "(Linnéa) from Architecture & Standards"
_FROM_TEAM = re.compile(r"\s*,?\s*(?:from|in|of|at)\s+(?:the\s+)?([\w&-]+(?:\s+[\w&-]+){0,3})",
                        re.IGNORECASE)
#: Words of a department's name that do not tell one department from another.
_DEPARTMENT_FILLERS = frozenset(
    "team teams group department dept unit division office corporate global central "
    "shared services service business management leadership & and of the for new whole "
    "entire own local wider extended core".split())
_STOP_NAMES = {"I", "We", "You", "The", "This", "That", "Our", "Please", "Thanks", "Hi",
               "Hello", "Dear", "Could", "Can", "Would", "Kind", "Best", "Regards", "Also",
               "If", "As", "In", "On", "For", "From", "With", "Per", "Via", "Re", "Fw", "Fwd",
               "Team", "Leadership", "Management", "Monday", "Tuesday", "Wednesday",
               "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March",
               "April", "May", "June", "July", "August", "September", "October", "November",
               "December", "It", "They", "He", "She", "Everyone", "All"}
#: "Head of Architecture & Standards", "Director of Digital": the department headed
_HEADS = re.compile(r"(?i:head|director|vice president|vp|lead)\s+(?:of|for)\s+"
                    r"(?:the\s+)?(.{3,60}?)\s*$")
#: Words beside a name that say nothing of who among namesakes is meant
_HINT_FILLERS = frozenset(
    "from the who our new has have had asked wants would like team and with for".split())
#: "Orrin showed us", "Kestrel Digital told us", "a demo of Orrin Loom", "Parvana's
#: proposal": an organisation (one to three capitalised words) that showed or proposed
_MENTION_ORGANIZATION = re.compile(
    rf"\b({UPPER}[\w&-]+(?:\s+{UPPER}[\w&-]+){{0,2}})(?:['’]s)?\s+(?i:showed|has shown|"
    r"told|pitched|demoed|demonstrated|presented|proposed|recommended|claims|says|said|offered|"
    r"promised|quoted|sent us|gave us|demo|deck|proposal|pitch|presentation|slides|"
    r"team showed)\b"
    r"|(?i:\b(?:demo|demonstration|presentation|pitch|proposal|deck|slides|webinar|workshop|"
    r"brochure|whitepaper|white paper)\s+(?:of|from|by)\s+)"
    rf"({UPPER}[\w&-]+(?:\s+{UPPER}[\w&-]+){{0,2}})")
#: Clue kinds that name the author of a forwarded or quoted block
_HEADER_KINDS = frozenset({"forwarded_header", "quoted_author"})
#: "Orrin", "Kestrel Digital", "Kestrel-Digital-Northstar": capitalised words in a file name
_CAPITALISED_RUN = re.compile(rf"{UPPER}[\w&]+(?:[ -]{UPPER}[\w&]+){{0,2}}")
#: an organisation's name and its product's in a file name: "Kestrel Digital One Live"
_PRODUCT_RUN = re.compile(rf"{UPPER}[\w&]+(?:[ -]{UPPER}[\w&]+){{1,5}}")
_FORWARD_SUBJECT = re.compile(
    r"^\s*(?:\[[^\]]*\]\s*)?(?:fw|fwd|wg|tr|rv|doorst|vs|i|enc|fs|転送|转发)\s*[:：]", re.I)
_PARAGRAPH = re.compile(r"\n\s*\n")


@dataclass
class _Person:
    person_id: str
    email: str
    name: str
    side: str
    title: str
    department: str
    first_seen: pd.Timestamp | None
    organization: str = ""


class EvidenceCollector:
    """Collect originator clues for requests.

    Parameters
    ----------
    identities : IdentityResult
        From :func:`vision_analytics.normalize.resolve_identities`.
    messages : DataFrame
        The messages frame (index ``message_key``).
    segments : DataFrame, optional
        The segments frame; without it, no header or quote clues.
    new_texts : Series, optional
        The latest author's text per ``message_key``.
    style_model : fitted AuthorshipModel, optional
        Scores pasted paragraphs against the writing of known people.
    weights : dict, optional
        Overrides of :data:`WEIGHTS`.
    """

    def __init__(self, identities, messages, *, segments=None, new_texts=None,
                 style_model=None, weights=None, min_style_words=25):
        self.identities = identities
        self.messages = messages
        self.segments = segments
        self.new_texts = new_texts if new_texts is not None else messages["body_text"]
        self.style_model = style_model
        self.weights = {**WEIGHTS, **(weights or {})}
        self.min_style_words = min_style_words
        self._people = self._index_people(identities.people)
        self._departments = {p.department.casefold(): p.department
                             for p in self._people.values()
                             if p.department and p.side == "customer"}
        # a "Head of Architecture & Standards" heads a department of that name
        for person in self._people.values():
            headed = _HEADS.match(person.title) if person.side == "customer" else None
            if headed:
                self._departments.setdefault(headed.group(1).casefold(), headed.group(1))
        self._first_seen = self._first_appearances()
        self._first_order = {p: i for i, p in enumerate(self._first_seen)}
        self._vocab = None

    # -- public -------------------------------------------------------------------------

    def collect(self, requests: pd.DataFrame) -> pd.DataFrame:
        """The evidence frame for ``requests`` (index ``request_id``)."""
        rows: list[_Clue] = []
        segs = self._segments_by_message(
            requests["message_key"] if "message_key" in requests.columns else None)
        vocab = self._vocabulary_index(requests)
        style = self._style_scores(requests)
        writers = self._first_writers(segs)
        for request_id, req in requests.iterrows():
            key = req.get("message_key", "") or ""
            message = self.messages.loc[key] if key in self.messages.index else None
            source = (message["message_id"] if message is not None else "") or str(
                req.get("message_id", ""))
            text = str(req.get("text", "") or "")
            sender = self._person(req.get("sender", ""))
            add = _adder(rows, str(request_id), source)
            first_row = len(rows)
            if sender is not None:
                add(sender.person_id, "sender", self.weights["sender"],
                    f"sent by {sender.name or sender.email}")
            forward = bool(message is not None and _FORWARD_SUBJECT.match(message["subject"]))
            self._header_clues(add, segs.get(key, []), sender, forward)
            if writers is not None and message is not None:
                self._first_writer_clues(add, segs.get(key, []), sender,
                                         message["sent_at"], writers)
            # a first name two people share is the one the message is addressed or copied to
            copied = self._recipients(message)
            self._mention_clues(add, text, sender, copied=copied)
            # "Copying in Sergio's note:" sits beside the ask, not in it
            context = req.get("context", "")
            if isinstance(context, str) and context:
                self._mention_clues(add, context, sender, copied=copied,
                                    skip={r.candidate for r in rows[first_row:]})
            # an organisation whose person a header already names speaks through them
            voices = {self._people[r.candidate].organization: r.candidate
                      for r in rows[first_row:] if r.kind in _HEADER_KINDS
                      and r.candidate in self._people}
            self._organization_clues(add, text, context if isinstance(context, str) else "",
                                     message, voices)
            if message is not None:
                self._cc_clues(add, message, sender)
            self._style_clues(add, style.get(str(request_id)), sender)
            # the phrases a first writer is found by are the shared-phrase evidence:
            # one clue, not two
            self._vocabulary_clues(add, vocab, str(request_id), sender,
                                   skip={r.candidate for r in rows[first_row:]
                                         if r.kind == "first_writer"})
            # timing alone points at everyone who arrived lately: it only
            # corroborates a candidate that another clue already names
            named = {r.candidate for r in rows[first_row:]
                     if r.kind not in ("sender", "cc", "vocabulary")}
            self._timing_clues(add, req.get("sent_at"), sender, named)
        self._logged_copy_clues(rows, requests)
        if not rows:
            return empty_frame("evidence")
        frame = pd.DataFrame(rows)
        frame["weight"] = frame["weight"].astype(float)
        return frame

    # -- clue kinds ---------------------------------------------------------------------

    def _logged_copy_clues(self, rows: list[_Clue], requests: pd.DataFrame) -> None:
        """A log entry that transcribes an e-mailed request inherits that mail's clues.

        Request logs are often typed up from the mail that brought the ask; the
        log row keeps the words but loses the forwarded block and its header. The
        copied clues keep their kind and weight (the same request, the same
        evidence), and name the mail they come from.
        """
        links = self._logged_copies(requests)
        if not links:
            return
        by_request: dict[str, list[_Clue]] = defaultdict(list)
        for row in rows:
            by_request[row.request_id].append(row)
        for log_id, mail_id in links.items():
            own = {(r.candidate, r.kind) for r in by_request.get(log_id, [])}
            sender = next((r.candidate for r in by_request.get(log_id, [])
                           if r.kind == "sender"), None)
            for row in by_request.get(mail_id, []):
                if row.kind == "sender" or row.candidate == sender or (
                        row.candidate, row.kind) in own:
                    continue
                rows.append(row._replace(
                    request_id=log_id,
                    excerpt=f"logged from e-mail {row.source}: {row.excerpt}"[:240]))

    def _logged_copies(self, requests: pd.DataFrame) -> dict[str, str]:
        """Log request → the e-mail request it was typed up from: ``same_as`` as
        :func:`~vision_analytics.normalize.link_logged_requests` finds it (computed
        here when the requests do not carry it)."""
        if "channel" not in requests or "sent_at" not in requests:
            return {}
        if "same_as" in requests:
            same_as = requests["same_as"]
        else:
            with_ids = requests
            if "sender_id" not in requests:
                with_ids = requests.assign(sender_id=[
                    p.person_id if (p := self._person(s)) is not None else str(s or "")
                    for s in requests["sender"]])
            same_as = link_logged_requests(with_ids)
        same_as = same_as.fillna("").astype(str)
        return {str(rid): mail for rid, mail in same_as.items() if mail}

    def _header_clues(self, add, segments: list[dict], sender, forward: bool) -> None:
        # Outlook writes the same "Original Message" block for replies and forwards:
        # under a forward's subject, the top quoted block is what was forwarded.
        if forward:
            top = min((s["depth"] for s in segments if s["depth"] >= 1), default=None)
            segments = [{**s, "kind": "forwarded"} if s["depth"] == top and s["kind"] == "quoted"
                        else s for s in segments]
        blocks = [s for s in segments if s["depth"] >= 1 and s["kind"] in ("forwarded", "quoted")
                  and (s["author"] or s["author_email"])]
        # One clue per person, from their deepest block: in a back-and-forth
        # (A wrote, B answered, A answered again) A's first words started it,
        # and a shallower reappearance must not hide that.
        deepest: dict[str, tuple[dict, _Person]] = {}
        for seg in sorted(blocks, key=lambda s: s["depth"]):
            person = self._person(seg["author_email"]) or self._person(seg["author"])
            if person is None and seg.get("header_style") == "pasted" and seg["author"]:
                # a pasted passage signed "Sergio": the one customer person so named
                person = self._by_name(seg["author"], sender)
            if person is None or person.side == "seller":
                continue  # the seller's own words quoted back originate nothing
            if sender is not None and person.person_id == sender.person_id:
                continue  # the sender quoting themselves: the sender clue covers it
            deepest[person.person_id] = (seg, person)
        if not deepest:
            return
        authors = sorted(deepest.values(), key=lambda a: a[0]["depth"])
        # The deepest outside-the-seller author started the chain the request
        # builds on: that is where an idea relayed through replies comes from.
        origin_depth = authors[-1][0]["depth"]
        for seg, person in authors:
            kind = "forwarded_header" if seg["kind"] == "forwarded" else "quoted_author"
            if seg["depth"] == origin_depth:
                weight = self.weights[kind] + self.weights["chain_origin"]
            else:
                # people in the middle of a chain took part in it; they did not start it
                weight = self.weights["chain_member"]
            when = ""
            if seg.get("sent_at") is not None and not pd.isna(seg["sent_at"]):
                when = f" on {pd.Timestamp(seg['sent_at']):%d %b %Y}"
            label = "forwarded from" if kind == "forwarded_header" else "quotes"
            add(person.person_id, kind, weight,
                f"{label} {person.name or person.email}{when}: " + _excerpt(seg["text"]))

    def _mention_clues(self, add, text: str, sender, skip=frozenset(),
                       copied=frozenset()) -> None:
        """Clues for the people and roles ``text`` names; ``skip``: already named;
        ``copied``: the ``person_id`` of the message's recipients."""
        for match in _MENTION_ROLE.finditer(text):
            role = match.group(1)
            person = self._by_role(role, sender)
            if person is not None and person.person_id not in skip:
                add(person.person_id, "mention_role", self.weights["mention_role"],
                    _window(text, match.start(), match.end()))
        for match in _MENTION_OFFICE.finditer(text):
            # "per the Office of the CTO": the CTO's office, when no department of that
            # name is known, speaks for the CTO
            if not _asks(text, match.start(), match.end()):
                continue
            if self._departments.get(match.group(0).casefold().removeprefix("the ")):
                continue  # a known department: the team clue below names it
            person = self._by_role(match.group(1), sender)
            if person is not None and person.person_id not in skip:
                add(person.person_id, "mention_role", self.weights["mention_role"],
                    _window(text, match.start(), match.end()))
                skip = {*skip, person.person_id}
        for match in _MENTION_TEAM.finditer(text):
            if match.group(1) and not _asks(text, match.start(), match.end()):
                continue  # "moving the planning team onto X": the team is what is asked about
            if match.group(1):
                department = self._department_named(match.group(1))
            else:  # the words after "colleagues in": the longest that names a department
                department = self._department_leading(match.group(2))
            key = f"dept:{department}" if department else ""
            if key and key not in skip:
                add(key, "mention_team", self.weights["mention_team"],
                    _window(text, match.start(), match.end()))
                skip = {*skip, key}
        for match in [*_MENTION_RELAYED.finditer(text), *_MENTION_NAME.finditer(text),
                      *_MENTION_QUALIFIED.finditer(text)]:
            group = next((g for g in range(1, len(match.groups()) + 1) if match.group(g)), 0)
            name = match.group(group) if group else ""
            if not name or name.split()[0] in _STOP_NAMES:
                continue
            named = match.end(group)
            end = max(match.end(), named)
            intro = _INTRODUCTION.search(text, named, named + 100)
            if intro and not re.search(r"[.!?\n]", text[named:intro.start()]):
                continue  # an introduction: the sender writes on their own account
            # the words after the name, to its sentence's end: "from Architecture & Standards"
            hint = re.split(r"[.!?\n]", text[named:named + 80], maxsplit=1)[0]
            person = self._by_name(name, sender, copied, hint=hint)
            if person is not None and person.person_id not in skip:
                add(person.person_id, "mention", self.weights["mention"],
                    _window(text, match.start(), end))
                skip = {*skip, person.person_id}
            elif person is None and (team := _FROM_TEAM.match(hint)):
                # "Linnéa from Architecture & Standards asked me": someone the mail
                # does not know, of a department it does
                department = self._department_leading(team.group(1))
                key = f"dept:{department}" if department else ""
                if key and key not in skip:
                    add(key, "mention_team", self.weights["mention_team"],
                        _window(text, match.start(), end))
                    skip = {*skip, key}

    def _organization_clues(self, add, text: str, context: str, message=None,
                            voices=None) -> None:
        """A clue for an outside organisation (one whose people are in the mail) that
        the ask or its context says showed, told or proposed it ("Orrin showed us …",
        "… in a demo of Kestrel Digital Northstar"), or whose name a file attached to
        the request carries ("Orrin - one catalogue overview.pdf": its material).

        ``voices``: organisation → the ``person_id`` of its person a forwarded or
        quoted header of the request names; the clue is theirs (Chloe of Orrin
        forwarded, "Orrin showed us …" in her words), not a rival's.
        """
        voices = voices or {}
        organizations = self._outside_organizations()
        if not organizations:
            return

        products = self._organization_products()

        def named_by(words: list[str]) -> str | None:
            # "Kestrel Digital Northstar": the organisation, then its product's name;
            # "Edge 360" alone: a product a file of the organisation's is named after
            keys = [_folded_name(words[:size]) for size in range(len(words), 0, -1)]
            return next((organizations[k] for k in keys if k in organizations), None) or \
                next((products[k] for k in keys if k in products), None)

        named: set[str] = set()
        files = message["attachment_names"] if message is not None else None
        for file in files if isinstance(files, list) else []:
            stem = re.sub(r"[_\s]+", " ", str(file).rsplit(".", 1)[0])
            for run in _CAPITALISED_RUN.finditer(stem):
                found = named_by(re.split(r"[ -]", run.group(0)))
                if found and found not in named:
                    named.add(found)
                    add(voices.get(found, f"org:{found}"), "attachment_organization",
                        self.weights["attachment_organization"], f"attached “{file}”")
        for part in (text, context):
            for match in _MENTION_ORGANIZATION.finditer(part):
                found = named_by((match.group(1) or match.group(2)).split())
                if found and found not in named:
                    named.add(found)
                    add(voices.get(found, f"org:{found}"), "mention_organization",
                        self.weights["mention_organization"],
                        _window(part, match.start(), match.end()))

    def _outside_organizations(self) -> dict[str, str]:
        """Folded name → organisation, for outside organisations whose people are in
        the mail ("kestreldigital" → Kestreldigital for kestreldigital.io; "quorra",
        most of its name, → Quorrahq for quorrahq.com), built once."""
        if getattr(self, "_organizations", None) is None:
            found: dict[str, str] = {}
            for org in outside_organizations(self.identities.people).values():
                found.setdefault(_folded_name(org.split()), org)
            # a name the mail shortens: "Quorra" for quorrahq.com, most of the name
            for key, org in list(found.items()):
                for size in range(max(4, int(0.6 * len(key) + 0.5)), len(key)):
                    found.setdefault(key[:size], org)
            self._organizations = found
        return self._organizations

    def _first_writers(self, segs: _BlocksByMessage) -> tuple | None:
        """Who first wrote each phrase of the requests' unsigned passages.

        A passage set off in a note with no header or signature to say whose it is
        ("Copying a paragraph from a note I received:" above a quoted or ``>``
        block) is someone else's words, but the sender does not say whose. Whoever
        wrote its phrases first, in their own mail or in a block they signed, is
        where it most likely comes from. Only the passages' own phrases (2-3 words)
        are looked up, so the index stays small however large the stream.

        Returns the vectorizer, its phrases, each phrase's earliest writer and time,
        how many texts use it and how many texts there are; None when no request
        carries such a passage.
        """
        frame = segs.frame
        if frame.empty:
            return None
        unsigned = frame[frame["kind"].eq("quoted")
                         & frame["author"].fillna("").eq("")
                         & frame["author_email"].fillna("").eq("")]
        passages = unsigned["text"].fillna("").astype(str)
        passages = passages[passages.str.strip().ne("")]
        if passages.empty:
            return None
        vectorizer = CountVectorizer(ngram_range=(2, 3), binary=True, stop_words="english",
                                     token_pattern=r"(?u)\b[^\W\d_][\w-]{2,}\b")
        try:
            vectorizer.fit(passages.tolist())
        except ValueError:  # nothing but stop words
            return None
        texts, writers, times = [], [], []
        for key, sender, sent in zip(self.messages.index, self.messages["sender"],
                                     self.messages["sent_at"], strict=True):
            person = self._person(sender)
            text = self.new_texts.get(key, "")
            if person is not None and person.side != "seller" and not pd.isna(sent) \
                    and isinstance(text, str) and text.strip():
                texts.append(text)
                writers.append(person.person_id)
                times.append(pd.Timestamp(sent))
        if self.segments is not None and not self.segments.empty:
            signed = self.segments[(self.segments["depth"] >= 1)
                                   & self.segments["kind"].isin(["forwarded", "quoted"])]
            for author, email, text, sent in zip(signed["author"], signed["author_email"],
                                                 signed["text"], signed["sent_at"],
                                                 strict=True):
                if not text or pd.isna(sent) or not (author or email):
                    continue
                person = self._person(email) or self._person(author)
                if person is not None and person.side != "seller":
                    texts.append(str(text))
                    writers.append(person.person_id)
                    times.append(pd.Timestamp(sent))
        if not texts:
            return None
        order = np.argsort(np.array([t.value for t in times]), kind="stable")
        used = vectorizer.transform([texts[i] for i in order]).tocsc()
        if not used.nnz:
            return None
        used.sort_indices()
        uses = np.diff(used.indptr)
        # the first text (in time) to use each phrase: its column's first row
        first = np.where(uses > 0, used.indices[np.minimum(used.indptr[:-1], used.nnz - 1)],
                         -1)
        earliest_writer = [writers[order[r]] if r >= 0 else "" for r in first]
        earliest_time = [times[order[r]] if r >= 0 else None for r in first]
        return (vectorizer, vectorizer.get_feature_names_out(), earliest_writer,
                earliest_time, uses, len(texts))

    def _first_writer_clues(self, add, segments: list[dict], sender, sent_at, writers,
                            min_phrases: int = 2, max_share: float = 0.05) -> None:
        if pd.isna(sent_at):
            return
        vectorizer, names, earliest_writer, earliest_time, uses, n_texts = writers
        rare = uses <= max(3, max_share * n_texts)
        for seg in segments:
            if seg["kind"] != "quoted" or seg["author"] or seg["author_email"] \
                    or not str(seg["text"] or "").strip():
                continue
            cols = vectorizer.transform([str(seg["text"])]).indices
            by_writer: dict[str, list[str]] = defaultdict(list)
            for j in cols:
                who, when = earliest_writer[j], earliest_time[j]
                if not who or not rare[j] or when is None or when >= sent_at:
                    continue
                if sender is not None and who == sender.person_id:
                    continue
                by_writer[who].append(str(names[j]))
            found = []
            for who, phrases in by_writer.items():
                # a trigram and its bigrams are one phrase
                words = [frozenset(p.split()) for p in phrases]
                distinct = [p for p, w in zip(phrases, words, strict=True)
                            if not any(w < other for other in words)]
                if len(distinct) >= min_phrases:
                    found.append((-len(distinct), who, sorted(distinct)))
            if not found:
                continue
            _, who, distinct = min(found)
            person = self._people.get(who)
            label = (person.name or person.email) if person is not None else who
            add(who, "first_writer", self.weights["first_writer"],
                f"unsigned passage in words {label} wrote first: "
                + ", ".join(f"“{p}”" for p in distinct[:3]))

    def _organization_products(self) -> dict[str, str]:
        """Folded product name → organisation, from file names that carry an outside
        organisation's name and then the product's ("Kestrel Digital_Edge_360_overview.pdf"
        → "edge" for Kestreldigital; "Orrin - Loom Live.pdf" → "loomlive", and "loom"
        for short), built once. A name two organisations' files carry is neither's."""
        if getattr(self, "_products", None) is None:
            organizations = self._outside_organizations()
            found: dict[str, set[str]] = defaultdict(set)
            if organizations and "attachment_names" in self.messages:
                stems = {re.sub(r"[_\s-]+", " ", str(name).rsplit(".", 1)[0])
                         for names in self.messages["attachment_names"]
                         if isinstance(names, list) for name in names}
                for stem in sorted(stems):
                    for run in _PRODUCT_RUN.finditer(stem):
                        words = re.split(r"[ -]", run.group(0))
                        for size in range(len(words) - 1, 0, -1):
                            org = organizations.get(_folded_name(words[:size]))
                            if org:
                                # "Loom Live", and "Loom" for short
                                rest = words[size:]
                                for k in range(len(rest), 0, -1):
                                    product = _folded_name(rest[:k])
                                    if len(product) >= (3 if k == len(rest) else 4) \
                                            and product not in organizations:
                                        found[product].add(org)
                                break
            # a product name two organisations' files carry says neither
            self._products = {p: orgs.pop() for p, orgs in found.items() if len(orgs) == 1}
        return self._products

    def _cc_clues(self, add, message, sender) -> None:
        sent_at = message["sent_at"]
        if pd.isna(sent_at):
            return
        for address in [*message["to"], *message["cc"]]:
            person = self._person(address)
            if person is None or person.side == "seller" or (
                    sender is not None and person.person_id == sender.person_id):
                continue
            first = self._first_seen.get(person.person_id)
            if first is not None and pd.Timedelta(0) <= sent_at - first <= pd.Timedelta(days=30):
                add(person.person_id, "cc", self.weights["cc"],
                    f"{person.name or person.email} newly copied in (first seen "
                    f"{first:%d %b %Y})")

    def _paragraphs(self, text: str) -> list[str]:
        return [p.strip() for p in _PARAGRAPH.split(text)
                if len(p.split()) >= self.min_style_words]

    def _style_scores(self, requests: pd.DataFrame, batch: int = 2000) -> dict:
        """Style probabilities of every request's paragraphs, scored in batches
        (one model call per request cost more than the scoring itself)."""
        if self.style_model is None:
            return {}
        owners, paragraphs = [], []
        texts = requests["text"] if "text" in requests.columns else [""] * len(requests)
        for request_id, text in zip(requests.index, texts, strict=True):
            for paragraph in self._paragraphs(str(text or "") if isinstance(text, str)
                                              else ""):
                owners.append(str(request_id))
                paragraphs.append(paragraph)
        scores: dict[str, tuple[list[str], list[np.ndarray]]] = {}
        for start in range(0, len(paragraphs), batch):
            part = paragraphs[start:start + batch]
            try:
                proba = self.style_model.predict_proba(part)
            except Exception:  # a model that cannot score these texts is no evidence
                continue
            for owner, paragraph, row in zip(owners[start:start + batch], part, proba,
                                             strict=True):
                texts, rows = scores.setdefault(owner, ([], []))
                texts.append(paragraph)
                rows.append(row)
        return scores

    def _style_clues(self, add, scored, sender) -> None:
        if self.style_model is None or not scored:
            return
        paragraphs, proba = scored
        classes = list(self.style_model.classes_)
        best: dict[str, tuple[float, str]] = {}
        for paragraph, row in zip(paragraphs, proba, strict=True):
            j = int(np.argmax(row))
            candidate, p = classes[j], float(row[j])
            if candidate == "unknown" or p < 0.5:
                continue
            if p > best.get(candidate, (0.0, ""))[0]:
                best[candidate] = (p, paragraph)
        for candidate, (p, paragraph) in sorted(best.items()):
            person = self._people.get(candidate)
            if person is None or (sender is not None and candidate == sender.person_id):
                # The sender's own style is what their mail is trained on, pasted
                # paragraphs included: it cannot speak for the sender.
                continue
            add(candidate, "style", self.weights["style"] * (p - 0.4) / 0.6,
                f"style match {p:.2f} with {person.name or person.email}: " + _excerpt(paragraph))

    def _vocabulary_clues(self, add, vocab, request_id: str, sender,
                          skip=frozenset()) -> None:
        if vocab is None:
            return
        shared = vocab.get(request_id, {})
        for candidate, phrases in sorted(shared.items()):
            if (sender is not None and candidate == sender.person_id) or candidate in skip:
                continue
            person = self._people.get(candidate)
            name = (person.name or person.email) if person else candidate.removeprefix("org:")
            weight = self.weights["vocabulary"] * min(len(phrases), 4)
            add(candidate, "vocabulary", weight,
                f"shares {len(phrases)} rare phrase(s) with {name}'s own mail: "
                + ", ".join(f"“{p}”" for p in phrases[:4]))

    def _timing_clues(self, add, sent_at, sender, named: set[str]) -> None:
        if sent_at is None or pd.isna(sent_at):
            return
        # only the candidates other clues name, in order of first appearance (a scan
        # of everyone per request is quadratic in a large stream)
        order = self._first_order
        for person_id in sorted((p for p in named if p in order), key=order.__getitem__):
            first = self._first_seen[person_id]
            person = self._people[person_id]
            if person.side != "customer" or (sender is not None and person_id == sender.person_id):
                continue
            lag = sent_at - first
            if pd.Timedelta(0) <= lag <= pd.Timedelta(days=21) and first > self._start + \
                    pd.Timedelta(days=30):
                add(person_id, "timing", self.weights["timing"],
                    f"{lag.days} days after {person.name or person.email} first appeared "
                    f"({first:%d %b %Y})")

    # -- indexes ------------------------------------------------------------------------

    def _index_people(self, people: pd.DataFrame) -> dict[str, _Person]:
        out = {}
        for row in people.itertuples(index=False):
            emails = list(row.emails) if isinstance(row.emails, list) else []
            first = row.first_seen if not pd.isna(row.first_seen) else None
            organization = getattr(row, "organization", "")
            out[row.person_id] = _Person(row.person_id, emails[0] if emails else "",
                                         str(row.name or ""), str(getattr(row, "side", "")),
                                         str(row.title or ""), str(row.department or ""), first,
                                         "" if pd.isna(organization) else str(organization))
        return out

    def _first_appearances(self) -> dict[str, pd.Timestamp]:
        first: dict[str, pd.Timestamp] = {}
        frame = self.messages[self.messages["sent_at"].notna()].sort_values("sent_at",
                                                                            kind="stable")
        self._start = frame["sent_at"].iloc[0] if len(frame) else pd.Timestamp(0, tz="UTC")
        for sent_at, sender, to, cc in zip(frame["sent_at"], frame["sender"], frame["to"],
                                           frame["cc"], strict=True):
            for address in (sender, *to, *cc):
                person = self._person(address)
                if person is not None and person.person_id not in first:
                    first[person.person_id] = sent_at
        return first

    def _segments_by_message(self, keys=None) -> _BlocksByMessage:
        """The quoted/forwarded blocks of the messages ``keys`` (all when None).

        Rows become dicts only when a request asks for its message's blocks: a
        dict per block of a million-message stream would not fit in memory.
        """
        if self.segments is None or self.segments.empty:
            return _BlocksByMessage(pd.DataFrame(columns=_BLOCK_COLUMNS))
        frame = self.segments[self.segments["depth"] >= 1]
        if keys is not None:
            frame = frame[frame["message_key"].isin(set(keys))]
        # header_style ("pasted": a passage pasted into the note) when the zoner gave it
        return _BlocksByMessage(frame[_BLOCK_COLUMNS + [
            c for c in ("header_style",) if c in frame.columns]])

    def _vocabulary_index(self, requests: pd.DataFrame):
        """Characteristic phrases each request shares with a candidate's own writing.

        A phrase (2-3 words) is characteristic of a candidate when it appears in
        at least two of their own messages, is used by at most two people, and
        occurs in at most 5% of all messages: habits and pet terms, not the
        account's everyday vocabulary. The request's own message is left out of
        its candidates' writing, so a request never matches itself.
        """
        keys, owners_of, docs = [], [], []
        for key, sender in zip(self.messages.index, self.messages["sender"], strict=True):
            person = self._person(sender)
            if person is None or person.side == "seller":
                continue
            text = self.new_texts.get(key, "")
            if isinstance(text, str) and text.strip():
                keys.append(str(key))
                owners_of.append(person.person_id)
                docs.append(text)
        for names, candidate in self._attachment_owners():
            keys.append("")
            owners_of.append(candidate)
            docs.append(names)
        if len(set(owners_of)) < 2:
            return None
        vectorizer = CountVectorizer(ngram_range=(2, 3), binary=True, min_df=2,
                                     token_pattern=r"(?u)\b[^\W\d_][\w-]{2,}\b",
                                     stop_words="english")
        try:
            by_doc = vectorizer.fit_transform(docs).tocsc()
        except ValueError:
            return None
        candidates = sorted(set(owners_of))
        owner_index = np.array([candidates.index(o) for o in owners_of])
        membership = sparse.csr_matrix(
            (np.ones(len(owners_of)), (owner_index, np.arange(len(owners_of)))),
            shape=(len(candidates), len(owners_of)))
        # documents per candidate and phrase; sparse: thousands of people times
        # millions of phrases in a large stream
        per_owner = (membership @ by_doc).tocsr()
        n_users = np.asarray((per_owner > 0).sum(axis=0)).ravel()
        df = np.asarray(by_doc.sum(axis=0)).ravel()
        rare = (n_users <= 2) & (df <= max(3, 0.05 * len(docs)))
        characteristic = ((per_owner >= 2).multiply(rare[None, :])).tocsc()  # candidate x phrase
        by_doc_rows = by_doc.tocsr()
        names = vectorizer.get_feature_names_out()
        doc_of_key = {k: i for i, k in enumerate(keys) if k}
        asked = vectorizer.transform(requests["text"].fillna("").astype(str).tolist()).tocsr()
        out: dict[str, dict[str, list[str]]] = {}
        for i, (request_id, key) in enumerate(zip(requests.index, requests.get(
                "message_key", pd.Series("", index=requests.index)), strict=True)):
            cols = asked.indices[asked.indptr[i]: asked.indptr[i + 1]]
            if not len(cols):
                continue
            own = doc_of_key.get(str(key))
            per: dict[str, list[str]] = {}
            hits = np.asarray(characteristic[:, cols].sum(axis=1)).ravel() > 0
            for c_index in np.flatnonzero(hits):
                counts = per_owner[c_index][:, cols].toarray().ravel()
                if own is not None and owners_of[own] == candidates[c_index]:
                    counts -= by_doc_rows[own][:, cols].toarray().ravel()  # not the request
                shared = cols[(counts >= 2) & rare[cols]]
                if len(shared) >= 2:
                    per[candidates[c_index]] = sorted(names[shared])
            if per:
                out[str(request_id)] = per
        return out

    def _attachment_owners(self):
        """Attachment names of outside organisations' mail, as their vocabulary."""
        for sender, names in zip(self.messages["sender"], self.messages["attachment_names"],
                                 strict=True):
            person = self._person(sender)
            if person is not None and person.side == "external" and names:
                yield " \n ".join(n.rsplit(".", 1)[0].replace("_", " ").replace("-", " ")
                                  for n in names), person.person_id

    def _person(self, text) -> _Person | None:
        person_id = self.identities.lookup(text) if isinstance(text, str) and text else None
        return self._people.get(person_id) if person_id else None

    def _by_first_name(self) -> dict[str, list[_Person]]:
        """Outside-the-seller people by folded first name, in people order (built once)."""
        if getattr(self, "_first_names", None) is None:
            self._first_names: dict[str, list[_Person]] = {
                first: [self._people[pid] for pid in ids]
                for first, ids in people_by_first_name(self.identities.people).items()}
        return self._first_names

    def _titled(self) -> list[_Person]:
        """Customer people with a title, in people order (built once)."""
        if getattr(self, "_titled_people", None) is None:
            self._titled_people = [p for p in self._people.values()
                                   if p.side == "customer" and p.title]
        return self._titled_people

    def _by_name(self, name: str, sender, copied=frozenset(), hint: str = "") -> _Person | None:
        """The one outside-the-seller person ``name`` (a full or first name) can mean.

        Of several who share a first name: the one among ``copied`` (person ids), or
        the one whose title or department has a word of ``hint`` (the words beside the
        name: "Nathan from Architecture & Standards").
        """
        person = self._person(name)
        if person is not None:
            return None if person.side == "seller" else person
        first = _fold(name.split()[0])  # "Åsa" in the text, "Asa" in a plain-ASCII header
        matches = [p for p in self._by_first_name().get(first, ())
                   if sender is None or p.person_id != sender.person_id]
        if len(matches) > 1 and copied:
            matches = [p for p in matches if p.person_id in copied] or matches
        hinted = set(re.findall(r"\w{3,}", hint.casefold())) - _HINT_FILLERS
        if len(matches) > 1 and hinted:
            matches = [p for p in matches if hinted & set(
                re.findall(r"\w{3,}", f"{p.title} {p.department}".casefold()))]
        return matches[0] if len(matches) == 1 else None

    def _recipients(self, message) -> frozenset[str]:
        if message is None:
            return frozenset()
        found = (self._person(a) for a in (*message["to"], *message["cc"]))
        return frozenset(p.person_id for p in found if p is not None)

    def _department_leading(self, words: str) -> str:
        """The department the longest leading run of ``words`` names, or "":
        "Architecture & Standards asked me" names Architecture & Standards."""
        parts = words.split()
        return next((d for d in (self._department_named(" ".join(parts[:k]))
                                 for k in range(len(parts), 0, -1)) if d), "")

    def _department_named(self, words: str) -> str:
        """The customer department ``words`` names ("IT", "security"), or "".

        The longest run of the words that is a department's name: "IT leadership"
        names IT, as "data platform" names Platform when only that is known. Failing
        that, a word that is the distinctive word of exactly one department's name,
        or its initials: "the IT leadership team" names Corporate IT (or Information
        Technology) when no other department's name has "IT" in it.
        """
        words = words.casefold().split()
        for size in range(len(words), 0, -1):
            for start in range(len(words) - size + 1):
                found = self._departments.get(" ".join(words[start:start + size]))
                if found:
                    return found
        for word in words:
            if word in _DEPARTMENT_FILLERS or len(word) < 2:
                continue
            found = {name for key, name in self._departments.items()
                     if word in key.split() or (
                         len(key.split()) > 1
                         and "".join(w[0] for w in key.split()
                                     if w not in _DEPARTMENT_FILLERS) == word)}
            if len(found) == 1:
                return found.pop()
        return ""

    def _by_role(self, role: str, sender) -> _Person | None:
        role = role.lower()
        words = set(re.findall(r"[a-z]+", role)) - {"of", "new", "the"}
        acronym = role.replace(" ", "") if len(role) <= 4 else ""
        matches = []
        for p in self._titled():
            if sender is not None and p.person_id == sender.person_id:
                continue
            title = p.title.lower()
            title_words = set(re.findall(r"[a-z]+", title))
            initials = "".join(w[0] for w in re.findall(r"[a-z]+", title) if w not in {"of",
                                                                                       "and"})
            if (acronym and (acronym in title_words or initials == acronym)) or (
                    words and words <= title_words):
                matches.append(p)
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:  # "our new X": the most recent arrival with that title
            dated = [p for p in matches if p.person_id in self._first_seen]
            if dated:
                return max(dated, key=lambda p: self._first_seen[p.person_id])
        return None


_BLOCK_COLUMNS = ["message_key", "kind", "depth", "author", "author_email", "sent_at", "text"]


class _BlocksByMessage:
    """``get(message_key, default)`` → that message's block rows as dicts, in order."""

    def __init__(self, frame: pd.DataFrame):
        self.frame = frame.reset_index(drop=True)
        self.rows: dict[str, list[int]] = defaultdict(list)
        for position, key in enumerate(self.frame["message_key"].tolist()):
            self.rows[key].append(position)

    def get(self, key, default=None):
        positions = self.rows.get(key)
        if not positions:
            return default
        return self.frame.iloc[positions].to_dict("records")


class _Clue(NamedTuple):
    """One evidence row (a tuple: a dict per clue would not fit a large stream)."""

    request_id: str
    candidate: str
    kind: str
    weight: float
    excerpt: str
    source: str


def _adder(rows: list[_Clue], request_id: str, source: str):
    def add(candidate: str, kind: str, weight: float, excerpt: str) -> None:
        rows.append(_Clue(request_id, candidate, kind, round(float(weight), 4),
                          excerpt[:240], source))
    return add


def _folded_name(words) -> str:
    """"Kestrel Digital" → "kestreldigital": the letters of a name, without accents."""
    return re.sub(r"[\W_]+", "", _fold(" ".join(words)).casefold())


def _asks(text: str, start: int, end: int) -> bool:
    """Whether the team or office named at ``text[start:end]`` is the one who asks: a
    verb of asking, wanting or deciding follows, or a word of source comes before."""
    return bool(_TEAM_SPEAKS.match(text, end)
                or _TEAM_AS_SOURCE.search(text, max(0, start - 40), start))


def _excerpt(text: str, limit: int = 120) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _window(text: str, start: int, end: int, pad: int = 50) -> str:
    return "…" + _excerpt(text[max(0, start - pad): end + pad], 160) + "…"
