"""``simulate_account``: a whole seller account with a known hidden source, as real exports.

The scenario: a customer sends a stream of ordinary requests to a seller's account
team. At an onset date a hidden source (a new executive, a competitor, the IT
organisation — or nothing, for ``kind="null"``) starts shaping a vision whose
requests are mostly relayed by the primary contact. How much of the source shows
in the mail depends on ``difficulty``: at ``easy`` most vision requests carry a
forwarded block or quoted header of the true source, at ``medium`` some, at
``hard`` none — only vocabulary, writing habits and timing remain.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, time, timedelta

from . import _phrases as P
from ._account import SimulatedAccount
from ._answer_key import build_account
from ._render import (
    FORWARD_PREFIX,
    REPLY_PREFIX,
    Mail,
    Person,
    attachment_bytes,
    header_block,
    quote_lines,
)
from ._world import World, build_world, fill, style_text, write_message

__all__ = ["DIFFICULTIES", "KINDS", "SimulatedAccount", "simulate_account"]

#: Kinds of hidden source the simulator can plant.
KINDS = ("new_executive", "competitor", "it_organization", "null")
#: How much of the source shows in the mail.
DIFFICULTIES = ("easy", "medium", "hard")
MAIL_FORMATS = ("mbox", "maildir", "eml")
LOG_FORMATS = ("csv", "xlsx")

#: Share of relayed vision requests written with a source header / pasted text / rephrased.
_RELAY_MODES = {"easy": (0.85, 0.10, 0.05), "medium": (0.40, 0.30, 0.30),
                "hard": (0.0, 0.55, 0.45)}
#: Chance that a relay note names who asked.
_MENTION = {"easy": 0.5, "medium": 0.3, "hard": 0.0}
#: Chance that the new executive is copied on a relayed vision request.
_EXEC_CC = {"easy": 0.5, "medium": 0.2, "hard": 0.0}
#: Chance that a competitor's brand shows in an attachment name of a header-mode request.
_BRAND_ATTACHMENT = {"easy": 0.6, "medium": 0.25, "hard": 0.0}

_PASTE_INTROS = (
    "Could you help with the following?", "I need your help with the below:",
    "Here is what we need:", "Can you answer these?", "We need a response on this:",
    "Please see the questions below.",
)
_SELLER_FOR_TOPIC = {
    "invoice_query": "Finance", "support_escalation": "Support",
    "security_questionnaire": "Presales", "training": "Customer Success",
    "onboarding": "Delivery", "contract_admin": "Legal", "price_quote": "Commercial",
    "what_if_pricing": "Commercial", "architecture_proposal": "Presales",
    "reporting": "Customer Success", "technical_question": "Presales",
}
_COMPETITOR_LINES = (
    "{cp} delivers {claim} and {claim2}.",
    "With {cp} you get {claim}, plus {term}.",
    "{cp} is the only platform with {claim} and true {term}.",
    "Our customers moved to {cp} for {term} and {claim}.",
    "{cp} brings {term} with {claim}, out of the box.",
)
_COMPETITOR_ASKS = (
    "Can you offer something comparable to {cp} with {claim}?",
    "How do you compare with {cp} on {term}?",
    "Would you match {claim} if we moved to {term}?",
    "Could you respond to the claim of {claim} made by {cp}?",
    "What is your answer to {cp} for {term}?",
)


def _check_choice(name: str, value, choices) -> None:
    if value not in choices:
        raise ValueError(
            f"The {name!r} parameter of simulate_account must be one of "
            f"{list(choices)}. Got {value!r} instead."
        )


def simulate_account(
    kind: str = "new_executive",
    difficulty: str = "medium",
    random_state: int = 0,
    out_dir=None,
    *,
    mail_format: str = "mbox",
    log_format: str | None = "csv",
    org_chart: bool = True,
    n_months: int | None = None,
    team_size: int | None = None,
) -> SimulatedAccount:
    """Simulate a whole account with a known hidden source and write it as real exports.

    Parameters
    ----------
    kind : {"new_executive", "competitor", "it_organization", "null"}
        Where the hidden vision comes from; ``"null"`` plants none.
    difficulty : {"easy", "medium", "hard"}
        How much of the source shows: forwarded/quoted headers of the true source in
        most (easy), some (medium) or no (hard) vision requests.
    random_state : int
        Seed; the same seed gives byte-identical files. Names, companies, products,
        vision vocabulary and dates all vary with it.
    out_dir : path, optional
        When given, the exports and ``answer_key.json`` are written there.
    mail_format : {"mbox", "maildir", "eml"}
        How the mail is written.
    log_format : {"csv", "xlsx"} or None
        The request / RFI log's format; None writes no log.
    org_chart : bool
        Write an org chart CSV of the customer's people.
    n_months : int, optional
        Months of traffic (6-14 drawn from the seed when omitted).
    team_size : int, optional
        People in the seller's account team (6-15 drawn when omitted).

    Returns
    -------
    SimulatedAccount

    Examples
    --------
    >>> account = simulate_account("competitor", "easy", random_state=3, n_months=6)
    >>> account.answer_key["origin"], account.answer_key["source_kind"]
    ('competitor', 'external')
    >>> len(account.messages) > 100
    True
    """
    _check_choice("kind", kind, KINDS)
    _check_choice("difficulty", difficulty, DIFFICULTIES)
    _check_choice("mail_format", mail_format, MAIL_FORMATS)
    _check_choice("log_format", log_format, (*LOG_FORMATS, None))
    if not isinstance(random_state, int) or isinstance(random_state, bool):
        raise ValueError(
            "The 'random_state' parameter of simulate_account must be an int (the seed). "
            f"Got {random_state!r} instead."
        )
    if n_months is not None and not (isinstance(n_months, int) and 3 <= n_months <= 36):
        raise ValueError(
            "The 'n_months' parameter of simulate_account must be an int in [3, 36] or None. "
            f"Got {n_months!r} instead."
        )
    if team_size is not None and not (isinstance(team_size, int) and 3 <= team_size <= 40):
        raise ValueError(
            "The 'team_size' parameter of simulate_account must be an int in [3, 40] or None. "
            f"Got {team_size!r} instead."
        )
    world = build_world(random_state, team_size=team_size)
    scenario = _Scenario(world, kind, difficulty, random_state, n_months)
    scenario.run()
    account = build_account(scenario, mail_format=mail_format, log_format=log_format,
                            org_chart=org_chart)
    if out_dir is not None:
        account.write(out_dir)
    return account


# --------------------------------------------------------------------------- the scenario

class _Scenario:
    """Builds the mail, the log rows and the answer key of one account."""

    def __init__(self, world: World, kind: str, difficulty: str, random_state: int,
                 n_months: int | None):
        self.w = world
        self.kind = kind
        self.difficulty = difficulty
        self.random_state = random_state
        self.rng = random.Random(f"vision_analytics-scenario-{random_state}-{kind}-{difficulty}")
        rng = self.rng
        self.n_months = n_months if n_months is not None else rng.randint(6, 14)
        self.start = datetime.combine(world.start, time(0, 0), tzinfo=world.customer_tz)
        self.days = int(round(self.n_months * 30.4))
        self.end = self.start + timedelta(days=self.days)
        self.mails: list[Mail] = []
        self.log_rows: list[dict] = []
        self._ids: set[str] = set()
        # who is active, and how much (the primary contact sends most)
        others = world.stakeholders[1:]
        self.activity = {p.email: rng.expovariate(1.0) + 0.2 for p in others}
        self.topic_weights = {t: rng.uniform(0.4, 2.0) for t in P.BACKGROUND_TOPICS}
        self.vision_topic_weights = {t: rng.uniform(0.5, 2.0) for t in P.VISION_TOPICS}

        self.vision_name = rng.choice(sorted(P.VISIONS))
        bank = P.VISIONS[self.vision_name]
        n_terms = rng.randint(8, 12 if kind == "competitor" else 15)
        self.vision_terms = rng.sample(bank, min(n_terms, len(bank)))
        self.bank_terms = list(self.vision_terms)
        if kind == "competitor":
            self.vision_terms += world.competitor_products[:2]
        self.claims = rng.sample(P.COMPETITOR_CLAIMS, 6)
        # onset somewhere in the first half, on a weekday
        if kind == "null":
            self.onset = None
        else:
            self.onset = self._weekday(self.start + timedelta(days=int(self.days *
                                                                     rng.uniform(0.3, 0.5))))
        self.it_originators = rng.sample(world.it_people, 3)
        self.it_weights = [rng.uniform(0.5, 2.0) for _ in self.it_originators]
        # a customer colleague who met the competitor and passes its material on
        ops = [p for p in world.stakeholders[1:] if p.department in ("Operations", "Strategy",
                                                                      "Engineering")]
        self.carrier = ops[0] if ops else world.stakeholders[-1]

    # ------------------------------------------------------------------ time
    def _weekday(self, when: datetime) -> datetime:
        while when.weekday() >= 5:
            when += timedelta(days=1)
        return when

    def _business_time(self, lo: datetime, hi: datetime, tz=None) -> datetime:
        """A weekday time between 07:00 and 18:00 (``tz``), at or after ``lo``."""
        tz = tz or self.w.customer_tz
        rng = self.rng
        span = max((hi - lo).days, 1)
        day = (lo + timedelta(days=rng.randrange(span))).astimezone(tz).date()
        lo_local = lo.astimezone(tz)
        while True:
            while day.weekday() >= 5:
                day += timedelta(days=1)
            moment = datetime.combine(day, time(rng.randint(7, 17), rng.randrange(60),
                                                rng.randrange(60)), tzinfo=tz)
            if moment > lo_local:
                return moment
            day += timedelta(days=1)

    def _later(self, when: datetime, lo_hours: float, hi_hours: float, tz, *,
               weekend: bool = False) -> datetime:
        rng = self.rng
        moment = (when + timedelta(hours=rng.uniform(lo_hours, hi_hours))).astimezone(tz)
        if weekend:
            while moment.weekday() < 5:
                moment += timedelta(days=1)
            moment = moment.replace(hour=rng.randint(8, 22), minute=rng.randrange(60))
            if moment <= when:
                moment = when + timedelta(hours=rng.uniform(1, 5))
        else:
            if moment.weekday() >= 5:
                moment = self._weekday(moment).replace(hour=rng.randint(7, 10))
            if not 7 <= moment.hour <= 19:
                moment = moment.replace(hour=rng.randint(8, 18))
                if moment <= when:
                    moment += timedelta(days=1)
                    moment = self._weekday(moment)
        return moment.replace(second=rng.randrange(60), microsecond=0)

    def _earlier(self, when: datetime, tz) -> datetime:
        """A weekday business time 1 hour to 3 days before ``when`` (never after it)."""
        rng = self.rng
        moment = (when - timedelta(hours=rng.uniform(1, 72))).astimezone(tz)
        while moment.weekday() >= 5:
            moment -= timedelta(days=1)
        if not 7 <= moment.hour <= 18:
            moment = moment.replace(hour=rng.randint(8, 17))
        if moment >= when:
            moment = when - timedelta(minutes=rng.randint(20, 90))
        return moment.replace(second=rng.randrange(60), microsecond=0)

    # ------------------------------------------------------------------ ids and slots
    def _message_id(self, person: Person) -> str:
        rng = self.rng
        while True:
            hexes = f"{rng.getrandbits(64):016x}"
            domain = person.email.rsplit("@", 1)[1]
            if person.client in ("outlook", "outlook_classic"):
                code = f"{rng.choice(('DM6PR', 'BN8PR', 'AM0PR', 'PH0PR', 'CY4PR'))}" \
                       f"{rng.randint(10, 19)}MB{rng.randint(1000, 9999)}"
                mid = f"<{code}{hexes.upper()[:12]}@{code}.namprd{rng.randint(10, 22)}." \
                      "prod.outlook.com>"
            elif person.client == "gmail":
                mid = f"<CA+{hexes}{rng.getrandbits(32):08x}@mail.gmail.com>"
            elif person.client == "apple":
                mid = f"<{hexes[:8].upper()}-{hexes[8:12].upper()}-{hexes[12:16].upper()}@" \
                      f"{domain}>"
            else:
                mid = f"<OF{hexes[:8].upper()}.{hexes[8:].upper()}-ON{rng.getrandbits(32):08X}" \
                      f"@{domain}>"
            if mid not in self._ids:
                self._ids.add(mid)
                return mid

    def _slots(self, when: datetime, person: Person | None = None) -> dict:
        rng, w = self.rng, self.w
        due = when + timedelta(days=rng.randint(3, 24))
        month = P.MONTHS_EN[(when + timedelta(days=rng.randint(0, 40))).month - 1]
        british = bool(person and person.style.get("british"))
        date_text = f"{due.day} {P.MONTHS_EN[due.month - 1]}" if british else \
            f"{P.MONTHS_EN[due.month - 1]} {due.day}"
        return {
            "product": rng.choice(w.products), "site": rng.choice(w.sites),
            "n": rng.randint(2, 40), "n2": rng.choice((3, 4, 5, 6, 8, 10, 12)),
            "pct": f"{rng.choice((12, 15, 18, 20, 25, 30, 35, 40))}%",
            "amount": f"${rng.randint(3, 480) * 100:,}", "date": date_text, "month": month,
            "quarter": f"Q{(due.month - 1) // 3 + 1}", "year": when.year + rng.randint(1, 5),
            "years": rng.choice((3, 5, 5, 7, 10)),
            "po": f"PO-{rng.randint(4500000000, 4599999999)}",
            "invoice": f"INV-{when.year}-{rng.randint(1000, 9999)}",
            "ticket": f"INC{rng.randint(100000, 999999)}", "seller": w.seller_name,
            "customer": w.customer_name, "cp": rng.choice(w.competitor_products),
            "claim": fill(self.claims[rng.randrange(3)], {"pct": "40%", "n": 6}),
            "claim2": fill(self.claims[3 + rng.randrange(3)], {"pct": "30%", "n": 8}),
            "name": rng.choice(w.stakeholders).name,
        }

    # ------------------------------------------------------------------ people
    def _seller_for(self, topic: str) -> Person:
        dept = _SELLER_FOR_TOPIC.get(topic)
        team = self.w.team
        matches = [p for p in team if p.department == dept]
        if matches and self.rng.random() < 0.6:
            return self.rng.choice(matches)
        return team[0] if self.rng.random() < 0.7 else self.rng.choice(team[:4])

    def _customer_sender(self, when: datetime) -> Person:
        w = self.w
        if self.rng.random() < 0.45:
            return w.primary
        people = w.stakeholders[1:]
        return self.rng.choices(people, [self.activity[p.email] for p in people])[0]

    def _add(self, mail: Mail) -> Mail:
        mail.sent_at = mail.sent_at.replace(microsecond=0)
        self.mails.append(mail)
        return mail

    # ------------------------------------------------------------------ composing asks
    def _asks(self, bank: dict, topic: str, slots: dict) -> tuple[list[str], list[str], str]:
        rng = self.rng
        spec = bank[topic]
        n_asks = rng.choices((1, 2, 3), (0.55, 0.3, 0.15))[0]
        asks = [fill(a, slots) for a in rng.sample(spec["asks"], n_asks)]
        details = [fill(d, slots) for d in rng.sample(spec["details"],
                                                     rng.choices((0, 1, 2), (0.3, 0.5, 0.2))[0])]
        if rng.random() < 0.3:
            details.append(fill(rng.choice(P.URGENCY), slots))
        subject = fill(rng.choice(spec["subjects"]), slots)
        return asks, details, subject

    def _vision_slots(self, when: datetime, person: Person) -> dict:
        slots = self._slots(when, person)
        # competitor product names travel through {cp}; {term} is the vision's own words
        term, term2 = self.rng.sample(self.bank_terms, 2)
        slots.update(term=term, term2=term2)
        return slots

    # ------------------------------------------------------------------ messages
    def _request_mail(self, *, sender: Person, when: datetime, topic: str, vision: bool,
                      originator: str, originator_person: Person | None, mode: str,
                      body: str, subject: str, terms: list[str], to: list[Person] | None = None,
                      cc: list[Person] | None = None, attachments=None,
                      own_text: str = "") -> Mail:
        rng = self.rng
        to = to or [self._seller_for(topic)]
        if cc is None:
            cc = []
            if rng.random() < 0.3:
                extra = [p for p in self.w.team[:5] if p not in to]
                cc.append(rng.choice(extra))
        info = {
            "topic": topic, "part_of_vision": vision, "originator": originator,
            "originator_name": originator_person.name if originator_person else
            (self.w.competitor_name if originator == self.w.competitor_domain else ""),
            "originator_organization": originator_person.organization if originator_person
            else self.w.competitor_name,
            "originator_department": originator_person.department if originator_person else "",
            "relay_mode": mode, "vision_terms_used": terms,
        }
        mail = Mail(message_id=self._message_id(sender), sent_at=when, sender=sender, to=to,
                    cc=cc, subject=subject, body=body, kind="request", request=info,
                    html=rng.random() < 0.08, attachments=attachments or [],
                    own_text=own_text or body)
        return self._add(mail)

    def _relay_header(self, relayer: Person, writer: Person, inner_body: str,
                      inner_subject: str, when: datetime, note: str, to_seller: Person,
                      slots: dict) -> tuple[str, str, str]:
        """A relay with the source's own header: forwarded (70%) or quoted reply."""
        rng = self.rng
        inner_time = self._earlier(when, _writer_tz(writer, self.w))
        forward = rng.random() < 0.7
        kind = "forward" if forward else "reply"
        block = header_block(client=relayer.client, lang=relayer.lang,
                             rule=relayer.style["outlook_rule"], kind=kind, author=writer,
                             sent_at=inner_time, to=[relayer], cc=[], subject=inner_subject,
                             relayer=relayer, relayed_at=when)
        own = write_message(relayer, to_seller, note, rng, slots=slots, opener=False,
                            closer=False, signature=rng.random() < 0.4)
        if forward:
            prefix = "Fwd: " if relayer.client in ("gmail", "apple") else \
                FORWARD_PREFIX[relayer.lang]
            body = f"{own}\n\n{block}\n\n{inner_body}"
        else:
            prefix = "Re: " if relayer.client in ("gmail", "apple") else \
                REPLY_PREFIX[relayer.lang]
            body = f"{own}\n\n{block}\n{_quoted(inner_body, relayer.client)}"
        return body, prefix + inner_subject, own

    def background_request(self, when: datetime, *, log_only: bool = False) -> None:
        rng, w = self.rng, self.w
        topics = sorted(self.topic_weights)
        topic = rng.choices(topics, [self.topic_weights[t] for t in topics])[0]
        sender = self._customer_sender(when)
        originator = sender
        mode = "direct"
        if sender is w.primary and rng.random() < 0.15:
            originator = rng.choice(w.stakeholders[4:] or w.stakeholders[1:])
            mode = "forward_header"
        slots = self._slots(when, originator)
        asks, details, subject = self._asks(P.BACKGROUND_TOPICS, topic, slots)
        if log_only:
            self._log_only(when, sender, originator, topic, False, asks, subject, [])
            return
        to_seller = self._seller_for(topic)
        core = style_text(originator, asks, details, rng)
        if mode == "direct":
            body = write_message(sender, to_seller, core, rng, slots=slots,
                                 disclaimer=w.disclaimer[w.customer_name])
            own = body
        else:
            inner = write_message(originator, w.primary, core, rng, slots=slots)
            note = rng.choice(P.RELAY_NOTES)
            body, subject, own = self._relay_header(sender, originator, inner, subject, when,
                                                    note, to_seller, slots)
        attachments = []
        if rng.random() < 0.1:
            name = rng.choice((f"{topic}_details.pdf", "site_list.csv", "screenshot.png",
                               f"{slots['po']}.pdf"))
            ctype, data = attachment_bytes(name, subject, rng.randrange(10_000))
            attachments.append((name, ctype, data))
        mail = self._request_mail(sender=sender, when=when, topic=topic, vision=False,
                                  originator=originator.email, originator_person=originator,
                                  mode=mode, body=body, subject=subject, terms=[], to=[to_seller],
                                  attachments=attachments, own_text=own)
        self._after_request(mail, asks, vision=False)

    def noise_strategy_request(self, when: datetime) -> None:
        """A visionary-sounding ask with no common source (only in ``null`` accounts)."""
        rng = self.rng
        sender = self._customer_sender(when)
        topic = rng.choice(sorted(P.VISION_TOPICS))
        bank = P.VISIONS[rng.choice(sorted(P.VISIONS))]
        slots = self._slots(when, sender)
        term, term2 = rng.sample(bank, 2)
        slots.update(term=term, term2=term2)
        asks, details, subject = self._asks(P.VISION_TOPICS, topic, slots)
        to_seller = self._seller_for(topic)
        body = write_message(sender, to_seller, style_text(sender, asks, details, rng), rng,
                             slots=slots)
        mail = self._request_mail(sender=sender, when=when, topic=topic, vision=False,
                                  originator=sender.email, originator_person=sender,
                                  mode="direct", body=body, subject=subject, terms=[],
                                  to=[to_seller])
        self._after_request(mail, asks, vision=False)

    def vision_request(self, when: datetime, *, direct: bool = False,
                       log_only: bool = False) -> None:
        rng, w, kind = self.rng, self.w, self.kind
        topics = sorted(self.vision_topic_weights)
        topic = rng.choices(topics, [self.vision_topic_weights[t] for t in topics])[0]
        # who originates, and whose words (writer) travel with the request
        if kind == "new_executive":
            source = writer = w.executive
        elif kind == "it_organization":
            source = writer = rng.choices(self.it_originators, self.it_weights)[0]
        else:
            source = None
            writer = rng.choice(w.competitor_reps)
        originator = source.email if source else w.competitor_domain
        if direct:
            sender = writer
        elif kind == "competitor" and rng.random() < 0.3:
            sender = self.carrier
        elif rng.random() < 0.85:
            sender = w.primary
        else:
            sender = rng.choice([p for p in w.stakeholders[1:] if p not in self.it_originators]
                                or w.stakeholders[1:])
        slots = self._vision_slots(when, writer)
        asks, details, subject = self._asks(P.VISION_TOPICS, topic, slots)
        if kind == "competitor":
            asks = [fill(rng.choice(_COMPETITOR_ASKS), slots)] + asks[:1]
        terms = [t for t in self.vision_terms if t in " ".join(asks + details) or
                 t in (slots["term"], slots["term2"])]
        if log_only:
            self._log_only(when, sender, source, topic, True, asks, subject, terms,
                           originator=originator)
            return
        to_seller = self._seller_for(topic)
        header_share, paste_share, _ = _RELAY_MODES[self.difficulty]
        draw = rng.random()
        mode = "direct" if direct else ("header" if draw < header_share else
                                        "pasted" if draw < header_share + paste_share
                                        else "rephrased")
        mention = rng.random() < _MENTION[self.difficulty]
        who = source.name if source else w.competitor_name
        attachments = []
        cc = None
        if kind == "new_executive" and not direct and rng.random() < _EXEC_CC[self.difficulty]:
            cc = [w.executive]
        if mode == "direct":
            core = style_text(writer, asks, details, rng)
            body = write_message(writer, to_seller, core, rng, slots=slots)
            own = body
        elif mode == "header":
            if kind == "competitor":
                pitch = " ".join(fill(line, slots) for line in rng.sample(_COMPETITOR_LINES, 2))
                inner = write_message(writer, sender, _marketing(pitch), rng,
                                      slots=slots)
                note = style_text(sender, asks, details, rng)
                if mention:
                    note = f"This came from {w.competitor_name}. " + note
                if rng.random() < _BRAND_ATTACHMENT[self.difficulty]:
                    name = f"{w.competitor_name.replace(' ', '_')}_{slots['cp'].split()[0]}_" \
                           f"{rng.choice(('Overview', 'TCO_Comparison', 'Brochure'))}.pdf"
                    ctype, data = attachment_bytes(name, pitch, rng.randrange(10_000))
                    attachments.append((name, ctype, data))
            else:
                inner = write_message(writer, sender, style_text(writer, asks, details, rng),
                                      rng, slots=slots)
                note = fill(rng.choice(P.RELAY_MENTIONS), {"name": who.split()[0]}) if mention \
                    else rng.choice(P.RELAY_NOTES)
            mode = "forward_header"
            body, subject, own = self._relay_header(sender, writer, inner, subject, when, note,
                                                    to_seller, slots)
            if subject.startswith(("Re: ", "RE: ", "AW: ", "RE : ")):
                mode = "quote_header"
        elif mode == "pasted":
            if kind == "competitor":
                pasted = _marketing(" ".join(fill(line, slots) for line in
                                             rng.sample(_COMPETITOR_LINES, 2)))
                core = style_text(sender, asks, details, rng)
                text = f"We received the material below.\n\n{core}\n\n\"{pasted}\""
            else:
                pasted = style_text(writer, asks, details, rng)
                intro = (f"{who.split()[0]} asked me to send this over:" if mention
                         else rng.choice(_PASTE_INTROS))
                text = f"{intro}\n\n{pasted}"
            body = write_message(sender, to_seller, text, rng, slots=slots,
                                 disclaimer=w.disclaimer[w.customer_name])
            own = body
        else:  # rephrased in the sender's own words: only the vocabulary travels
            core = style_text(sender, asks, details, rng)
            intro = rng.choice(P.REPHRASE_INTROS)
            if mention and kind != "competitor":
                intro = f"{who.split()[0]} has a question for you."
            body = write_message(sender, to_seller, f"{intro} {core}", rng, slots=slots)
            own = body
        mail = self._request_mail(sender=sender, when=when, topic=topic, vision=True,
                                  originator=originator, originator_person=source, mode=mode,
                                  body=body, subject=subject, terms=terms, to=[to_seller], cc=cc,
                                  attachments=attachments, own_text=own)
        self._after_request(mail, asks, vision=True)

    # ------------------------------------------------------------------ follow-ups
    def _after_request(self, mail: Mail, asks: list[str], *, vision: bool,
                       depth: int = 0) -> None:
        rng = self.rng
        replied = rng.random() < (0.9 if vision else 0.8)
        if vision and rng.random() < 0.35:
            self._seller_internal(mail)
        reply = None
        if replied:
            reply = self._seller_reply(mail, vision)
            draw = rng.random()
            if depth == 0 and draw < (0.2 if vision else 0.08):
                self._follow_up(reply, mail, vision)
            elif draw < 0.35:
                self._thanks(reply, mail.sender)
        if rng.random() < (0.45 if vision else 0.2):
            self.log_rows.append(self._log_row(mail.sent_at, mail.sender, mail.request["topic"],
                                               vision, asks, mail.subject,
                                               answered=reply is not None,
                                               same_as=mail.message_id))

    def _follow_up(self, reply: Mail, original: Mail, vision: bool) -> None:
        """The customer asks a further question in the same thread, quoting the answer."""
        rng, w = self.rng, self.w
        sender = original.sender
        when = self._later(reply.sent_at, 2, 96, w.customer_tz)
        info = dict(original.request)
        if vision:
            slots = self._vision_slots(when, sender)
            topic = info["topic"] if rng.random() < 0.5 else rng.choice(sorted(P.VISION_TOPICS))
            asks, details, _ = self._asks(P.VISION_TOPICS, topic, slots)
            if self.kind == "competitor":
                asks = [fill(rng.choice(_COMPETITOR_ASKS), slots)] + asks[:1]
            terms = [t for t in self.vision_terms if t in " ".join(asks + details)]
        else:
            slots = self._slots(when, sender)
            topic = info["topic"]
            bank = P.BACKGROUND_TOPICS
            if topic in P.VISION_TOPICS:  # a null account's visionary-sounding noise
                term, term2 = rng.sample(P.VISIONS[rng.choice(sorted(P.VISIONS))], 2)
                slots.update(term=term, term2=term2)
                bank = P.VISION_TOPICS
            asks, details, _ = self._asks(bank, topic, slots)
            terms = []
            info.update(originator=sender.email, originator_name=sender.name,
                        originator_organization=sender.organization,
                        originator_department=sender.department)
        intro = rng.choice(("Thanks for this. One more question:", "Thanks. Following on from "
                            "this:", "Helpful, thank you. A follow-up:", "Thanks, a further "
                            "question came up:", "Appreciated. Building on this:"))
        own = write_message(sender, reply.sender,
                            f"{intro} {style_text(sender, asks[:2], details[:1], rng)}", rng,
                            slots=slots, opener=False)
        block = header_block(client=sender.client, lang=sender.lang,
                             rule=sender.style["outlook_rule"], kind="reply",
                             author=reply.sender, sent_at=reply.sent_at, to=reply.to,
                             cc=reply.cc, subject=reply.subject)
        info.update(topic=topic, relay_mode="follow_up", vision_terms_used=terms)
        mail = self._add(Mail(
            message_id=self._message_id(sender), sent_at=when, sender=sender,
            to=[reply.sender], cc=[p for p in reply.cc if p.side == "customer"],
            subject=self._reply_subject(sender, reply.subject),
            body=f"{own}\n\n{block}\n{_quoted(reply.body, sender.client)}", kind="request",
            in_reply_to=reply.message_id, references=[*reply.references, reply.message_id],
            request=info, own_text=own))
        self._after_request(mail, asks, vision=vision, depth=1)

    def _reply_subject(self, person: Person, subject: str) -> str:
        if subject[:4].lower() in ("re: ", "aw: ") or subject.lower().startswith("re : "):
            return subject
        prefix = "Re: " if person.client in ("gmail", "apple") else REPLY_PREFIX[person.lang]
        return prefix + subject

    def _seller_reply(self, mail: Mail, vision: bool) -> Mail:
        rng, w = self.rng, self.w
        replier = mail.to[0] if mail.to[0].side == "seller" else w.team[0]
        weekend = rng.random() < (0.4 if vision else 0.04)
        when = self._later(mail.sent_at, 2 if vision else 1, 120 if vision else 60, w.seller_tz,
                           weekend=weekend)
        slots = self._slots(when, replier)
        slots["detail"] = fill(rng.choice(P.SELLER_DETAILS), slots).capitalize() + "."
        bank = P.SELLER_VISION_ANSWERS if vision else P.SELLER_ANSWERS
        answer = fill(rng.choice(bank), slots)
        text = fill(rng.choice(P.SELLER_REPLIES), {"answer": answer})
        own = write_message(replier, mail.sender, text, rng, slots=slots, opener=False,
                            disclaimer=w.disclaimer[w.seller_name])
        block = header_block(client=replier.client, lang=replier.lang,
                             rule=replier.style["outlook_rule"], kind="reply",
                             author=mail.sender, sent_at=mail.sent_at, to=mail.to, cc=mail.cc,
                             subject=mail.subject)
        body = f"{own}\n\n{block}\n{_quoted(mail.body, replier.client)}"
        attachments = []
        if vision and rng.random() < 0.5:
            name = rng.choice(("Response_v1.pdf", "scenarios.csv", "roadmap_overview.pdf",
                               "architecture_options.pdf", f"{w.seller_name.split()[0]}_"
                               "proposal.pdf"))
            ctype, data = attachment_bytes(name, mail.subject, rng.randrange(10_000))
            attachments.append((name, ctype, data))
        cc = [p for p in mail.cc if p.side == "customer"]
        if rng.random() < 0.3:
            cc += [p for p in w.team[:3] if p is not replier][:1]
        reply = Mail(message_id=self._message_id(replier), sent_at=when, sender=replier,
                     to=[mail.sender], cc=cc, subject=self._reply_subject(replier, mail.subject),
                     body=body, kind="seller_reply", in_reply_to=mail.message_id,
                     references=[*mail.references, mail.message_id], attachments=attachments,
                     own_text=own)
        return self._add(reply)

    def _seller_internal(self, mail: Mail) -> None:
        rng, w = self.rng, self.w
        author = w.team[0]
        weekend = rng.random() < 0.5
        when = self._later(mail.sent_at, 1, 30, w.seller_tz, weekend=weekend)
        slots = self._slots(when, author)
        slots["term_or_topic"] = mail.request["vision_terms_used"][0] \
            if mail.request["vision_terms_used"] else mail.request["topic"].replace("_", " ")
        slots["incumbent"] = w.incumbent
        text = fill(rng.choice(P.SELLER_INTERNAL), slots)
        own = write_message(author, None, text, rng, slots=slots, opener=False, closer=False,
                            signature=False)
        block = header_block(client=author.client, lang=author.lang,
                             rule=author.style["outlook_rule"], kind="forward",
                             author=mail.sender, sent_at=mail.sent_at, to=mail.to, cc=mail.cc,
                             subject=mail.subject, relayer=author, relayed_at=when)
        team = list(w.team[1:])
        to = rng.sample(team, min(len(team), rng.randint(2, 4)))
        self._add(Mail(message_id=self._message_id(author), sent_at=when, sender=author, to=to,
                       cc=[], subject=FORWARD_PREFIX["en"] + mail.subject,
                       body=f"{own}\n\n{block}\n\n{mail.body}", kind="seller_internal",
                       own_text=own))

    def _thanks(self, reply: Mail, customer: Person) -> None:
        rng = self.rng
        when = self._later(reply.sent_at, 1, 48, self.w.customer_tz)
        slots = self._slots(when, customer)
        slots["first"] = reply.sender.first
        text = fill(rng.choice(P.THANKS_BODIES), slots)
        own = write_message(customer, reply.sender, text, rng, slots=slots, opener=False,
                            closer=False, signature=False)
        body = own
        if rng.random() < 0.5:
            block = header_block(client=customer.client, lang=customer.lang,
                             rule=customer.style["outlook_rule"], kind="reply",
                                 author=reply.sender, sent_at=reply.sent_at, to=reply.to,
                                 cc=reply.cc, subject=reply.subject)
            body = f"{own}\n\n{block}\n{_quoted(reply.own_text, customer.client)}"
        self._add(Mail(message_id=self._message_id(customer), sent_at=when, sender=customer,
                       to=[reply.sender], cc=[], subject=self._reply_subject(customer,
                                                                            reply.subject),
                       body=body, kind="thanks", in_reply_to=reply.message_id,
                       references=[*reply.references, reply.message_id], own_text=own))

    def other_message(self, when: datetime, kind: str) -> None:
        """FYI, scheduling and out-of-office messages: traffic that asks nothing."""
        rng, w = self.rng, self.w
        sender = self._customer_sender(when)
        if kind == "scheduling" and rng.random() < 0.4:
            sender = rng.choice(w.team[:4])
        slots = self._slots(when, sender)
        bank = {"fyi": P.FYI_BODIES, "scheduling": P.SCHEDULING_BODIES,
                "out_of_office": P.OUT_OF_OFFICE}[kind]
        text = fill(rng.choice(bank), slots)
        if kind == "out_of_office":
            body = text
            subject = f"Automatic reply: {rng.choice(('Update', 'Open items', 'Question'))}"
        else:
            addressee = w.team[0] if sender.side == "customer" else w.primary
            body = write_message(sender, addressee, text, rng, slots=slots, opener=False,
                                 closer=False)
            subject = {"fyi": rng.choice(("FYI", "For info", "Heads-up", "Update",
                                          f"FYI - {slots['site']}")),
                       "scheduling": rng.choice(("Monthly review", "QBR", "Our call",
                                                 "Catch-up", "Ops review"))}[kind]
        to = [w.team[0]] if sender.side == "customer" else [w.primary]
        if sender.side == "customer" and rng.random() < 0.4:
            to.append(rng.choice(w.team[1:]))
        self._add(Mail(message_id=self._message_id(sender), sent_at=when, sender=sender, to=to,
                       cc=[], subject=subject, body=body, kind=kind, own_text=body))

    def announcement(self, when: datetime) -> None:
        rng, w = self.rng, self.w
        ex = w.executive
        slots = self._slots(when, w.primary)
        text = fill(rng.choice(P.ANNOUNCEMENT), {"name": ex.name, "title": ex.title,
                                                  "dept": ex.department.lower(),
                                                  "name_first": ex.first})
        body = write_message(w.primary, None, text, rng, slots=slots, opener=False)
        self._add(Mail(message_id=self._message_id(w.primary), sent_at=when, sender=w.primary,
                       to=w.team[:3], cc=[ex], subject=f"Welcome {ex.name}", body=body,
                       kind="announcement", own_text=body))

    def executive_hello(self, when: datetime) -> None:
        rng, w = self.rng, self.w
        ex = w.executive
        slots = self._vision_slots(when, ex)
        text = rng.choice(P.INTRO_DIRECT) + " " + style_text(
            ex, [fill("I am keen that we think together about {term} and {term2}.", slots)],
            [], rng)
        body = write_message(ex, w.team[0], text, rng, slots=slots, opener=False)
        self._add(Mail(message_id=self._message_id(ex), sent_at=when, sender=ex,
                       to=[w.team[0]], cc=[w.primary], subject="Introduction", body=body,
                       kind="fyi", own_text=body))

    # ------------------------------------------------------------------ the request log
    def _log_row(self, when, sender: Person, topic: str, vision: bool, asks: list[str],
                 subject: str, *, answered: bool, same_as: str = "") -> dict:
        rng = self.rng
        status = rng.choice(("Answered", "Closed", "Answered")) if answered else \
            rng.choice(("Open", "In Progress", "On Hold"))
        hours = round(rng.uniform(6, 40) if vision else rng.uniform(0.5, 6) * 2) / 2 \
            if answered else None
        return {"when": when, "sender": sender, "topic": topic, "vision": vision,
                "question": " ".join(asks), "subject": subject, "status": status,
                "hours": hours, "due": when + timedelta(days=rng.randint(5, 15)),
                "same_as": same_as}

    def _log_only(self, when, sender, source, topic, vision, asks, subject, terms,
                  originator: str | None = None) -> None:
        answered = self.rng.random() < 0.7
        row = self._log_row(when, sender, topic, vision, asks, subject, answered=answered)
        row.update(originator=originator or source.email, source=source, terms=terms)
        self.log_rows.append(row)

    # ------------------------------------------------------------------ the whole run
    def run(self) -> None:
        rng = self.rng
        months = self.n_months
        n_background = int(months * rng.uniform(12, 17))
        for _ in range(n_background):
            self.background_request(self._business_time(self.start, self.end))
        for _ in range(int(months * 1.2)):
            self.background_request(self._business_time(self.start, self.end), log_only=True)
        if self.kind == "null":
            for _ in range(max(3, int(months * 1.5))):
                self.noise_strategy_request(self._business_time(self.start, self.end))
        else:
            onset = self.onset
            if self.kind == "new_executive":
                if self.difficulty == "hard":
                    self.executive_hello(onset.replace(hour=10, minute=rng.randrange(60)))
                else:
                    self.announcement(onset.replace(hour=9, minute=rng.randrange(60)))
                    self.executive_hello(self._business_time(onset + timedelta(days=2),
                                                             onset + timedelta(days=9)))
            first = onset + timedelta(days=3)
            span = (self.end - first).days
            n_vision = max(12, int((span / 30.4) * rng.uniform(10, 15)))
            times = sorted(first + timedelta(days=span * rng.random() ** 1.3)
                           for _ in range(n_vision))
            if self.kind == "competitor":
                # the competitor's pitch lands on the onset date itself
                times[0] = onset
            for number, moment in enumerate(times):
                when = self._business_time(moment, moment + timedelta(days=1))
                if number == 0 and self.kind != "new_executive":
                    when = onset.replace(hour=11, minute=rng.randrange(60),
                                         second=rng.randrange(60))
                self.vision_request(when)
            n_direct = 2 if self.kind in ("new_executive", "it_organization") else 0
            for _ in range(n_direct):
                self.vision_request(self._business_time(first, self.end), direct=True)
            for _ in range(max(3, int(months * 1.0))):
                self.vision_request(self._business_time(first, self.end), log_only=True)
        for kind, rate in (("fyi", 2.5), ("scheduling", 2.0)):
            for _ in range(int(months * rate)):
                self.other_message(self._business_time(self.start, self.end), kind)
        for _ in range(2):
            self.other_message(self._business_time(self.start, self.end), "out_of_office")
        self.mails.sort(key=lambda m: (m.sent_at.astimezone(UTC), m.message_id))


def _quoted(text: str, client: str) -> str:
    """Quoted text below its header: ``>`` lines, or a blank line then the text."""
    quoted = quote_lines(text, client)
    return quoted if quoted.startswith(">") else "\n" + quoted


def _writer_tz(person: Person, world: World):
    """The time zone a person writes from (outsiders use the customer's)."""
    return world.seller_tz if person.side == "seller" else world.customer_tz


def _marketing(text: str) -> str:
    """A competitor's sales voice: product claims and a push for a meeting."""
    closing = "Happy to set up a deep-dive with your leadership team."
    return f"{text} {closing}"
