"""The simulated world of one account: companies, people, their styles, and how they write.

Everything is drawn from one ``random.Random`` seeded with a string derived from
``random_state``, so the same seed gives the same world on any machine.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from datetime import date, timedelta, timezone

from . import _phrases as P
from ._render import Person, ascii_fold

__all__ = ["World", "build_world", "fill", "style_text", "write_message"]


@dataclass
class World:
    """Companies, people and calendar of one simulated account."""

    seller_name: str
    seller_domain: str
    products: list[str]
    customer_name: str
    customer_domain: str
    industry: str
    sites: list[str]
    customer_tz: timezone
    seller_tz: timezone
    team: list[Person]
    stakeholders: list[Person]
    primary: Person
    executive: Person
    it_people: list[Person]
    competitor_name: str
    competitor_domain: str
    competitor_products: list[str]
    competitor_reps: list[Person]
    start: date
    contract_start: date
    incumbent: str
    disclaimer: dict = field(default_factory=dict)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", ascii_fold(text).lower()).strip("-")


def _email(first: str, last: str, domain: str, pattern: int) -> str:
    f, la = _slug(first).replace("-", ""), _slug(last).replace("-", "")
    local = (f"{f}.{la}", f"{f[0]}{la}", f"{f}_{la}", f"{f}.{la}")[pattern]
    return f"{local}@{domain}"


class _NamePool:
    """Unique person names drawn from several cultures."""

    def __init__(self, rng: random.Random, weights: dict[str, float]):
        self.rng = rng
        self.weights = weights
        self.used: set[str] = set()
        self.emails: set[str] = set()

    def address(self, first: str, last: str, domain: str, pattern: int) -> str:
        """A unique address: two M. Wiśniewskis with first-initial addresses get
        ``mwisniewski`` and ``mwisniewski2``, as a mail administrator would do."""
        email = _email(first, last, domain, pattern)
        local, at = email.split("@", 1)
        n = 1
        while email in self.emails:
            n += 1
            email = f"{local}{n}@{at}"
        self.emails.add(email)
        return email

    def draw(self, culture: str | None = None) -> tuple[str, str, str]:
        cultures = sorted(self.weights)
        for _ in range(200):
            chosen = culture or self.rng.choices(cultures, [self.weights[c] for c in cultures])[0]
            firsts, lasts = P.NAMES[chosen]
            first, last = self.rng.choice(firsts), self.rng.choice(lasts)
            if f"{first} {last}" not in self.used and ascii_fold(f"{first}{last}") not in self.used:
                self.used.add(f"{first} {last}")
                self.used.add(ascii_fold(f"{first}{last}"))
                return chosen, first, last
            culture = None
        raise RuntimeError("name pool exhausted")  # pragma: no cover - pools are large


def _style(rng: random.Random) -> dict:
    return {
        "greeting": rng.choice(P.GREETINGS),
        "signoff": rng.choice(P.SIGNOFFS),
        "british": rng.random() < 0.4,
        "emdash": rng.random() < 0.3,
        "numbered": rng.random() < 0.35,
        "length": rng.choice(("short", "medium", "long")),
        "habit": rng.choice(P.HABITS) if rng.random() < 0.6 else "",
        "exclaim": rng.random() < 0.2,
        "sign_name": rng.choice(("first", "first", "full", "initials")),
        "opener_rate": rng.choice((0.2, 0.5, 0.8)),
        "marker": rng.choice(("{i}. ", "{i}) ", "({i}) ")),
        # Outlook on some devices writes the From:/Sent:/To: block without the rule line
        "outlook_rule": rng.random() < 0.7,
        "last_first": rng.random() < 0.15,
        "mobile": rng.random() < 0.15,
    }


def _signature(rng: random.Random, person: Person, company: str, domain: str) -> str:
    phone = f"+{rng.choice((1, 31, 33, 44, 49, 34, 46))} {rng.randint(100, 999)} " \
            f"{rng.randint(100, 999)} {rng.randint(1000, 9999)}"
    form = rng.randrange(4)
    if form == 0:
        lines = [person.name, person.title, company, f"M: {phone}"]
    elif form == 1:
        lines = [person.name, f"{person.title} | {person.department}", company,
                 f"Tel {phone} | {person.email}"]
    elif form == 2:
        lines = [f"{person.name} | {person.title}", f"{company} | www.{domain}"]
    else:
        lines = [person.name, person.title]
    return "\n".join(lines)


def _person(rng, pool, *, title, dept, org, domain, side, pattern, culture=None,
            client_weights=None) -> Person:
    culture, first, last = pool.draw(culture)
    clients = ("outlook", "outlook_classic", "gmail", "apple", "lotus")
    weights = client_weights or (0.5, 0.15, 0.15, 0.1, 0.1)
    client = rng.choices(clients, weights)[0]
    lang = P.CULTURE_LANGUAGE[culture] if client in ("outlook", "outlook_classic", "gmail") \
        else "en"
    person = Person(name=f"{first} {last}", email=pool.address(first, last, domain, pattern),
                    title=title, department=dept, organization=org, side=side,
                    culture=culture, client=client, lang=lang, style=_style(rng))
    person.signature = _signature(rng, person, org, domain)
    return person


def build_world(random_state: int, *, team_size: int | None = None,
                n_stakeholders: int | None = None) -> World:
    """Draw the companies and people of one account from ``random_state``."""
    rng = random.Random(f"vision_analytics-world-{random_state}")
    seller_first, seller_second = rng.choice(P.SELLER_NAMES)
    seller_name = f"{seller_first} {seller_second}"
    seller_domain = rng.choice((f"{_slug(seller_name)}.com",
                                f"{_slug(seller_first)}.com",
                                f"{_slug(seller_first)}{_slug(seller_second)[:4]}.com"))
    products = [f"{seller_first} {stem}" for stem in rng.sample(P.PRODUCT_STEMS, 4)]
    cust_first, cust_second = rng.choice(P.CUSTOMER_NAMES)
    customer_name = f"{cust_first} {cust_second}"
    initials = "".join(w[0] for w in customer_name.split()).lower()
    customer_domain = rng.choice((f"{_slug(cust_first).replace('-', '')}.com",
                                  f"{_slug(customer_name)}.com", f"{initials}-group.com"))
    industry = P.INDUSTRIES[cust_second]
    sites = rng.sample(P.SITES, rng.randint(5, 8))
    customer_tz = timezone(timedelta(hours=rng.choice(P.OFFSETS)))
    seller_tz = timezone(timedelta(hours=rng.choice(P.OFFSETS)))

    cultures = sorted(P.NAMES)
    dominant = rng.sample(cultures, 3)
    weights = {c: (6.0 if c == dominant[0] else 2.0 if c in dominant else 0.6) for c in cultures}
    pool = _NamePool(rng, weights)
    seller_pattern = rng.randrange(4)
    cust_pattern = rng.randrange(4)

    n_team = team_size if team_size is not None else rng.randint(6, 15)
    roles = [P.SELLER_ROLES[0]] + rng.sample(P.SELLER_ROLES[1:], min(n_team - 1,
                                                                   len(P.SELLER_ROLES) - 1))
    while len(roles) < n_team:
        roles.append(rng.choice(P.SELLER_ROLES[1:]))
    team = [_person(rng, pool, title=t, dept=d, org=seller_name, domain=seller_domain,
                    side="seller", pattern=seller_pattern,
                    client_weights=(0.7, 0.1, 0.1, 0.1, 0.0)) for t, d in roles]

    n_cust = n_stakeholders if n_stakeholders is not None else rng.randint(8, 18)
    primary_role = rng.choice(P.PRIMARY_ROLES)
    it_roles = rng.sample(P.IT_LEADERS, 3)
    other_roles = rng.sample(P.CUSTOMER_ROLES, min(n_cust - 4, len(P.CUSTOMER_ROLES)))
    customers = [_person(rng, pool, title=t, dept=d, org=customer_name, domain=customer_domain,
                         side="customer", pattern=cust_pattern)
                 for t, d in [primary_role, *it_roles, *other_roles]]
    primary = customers[0]
    it_people = customers[1:4]
    exec_title, exec_dept = rng.choice(P.EXECUTIVE_ROLES)
    executive = _person(rng, pool, title=exec_title, dept=exec_dept, org=customer_name,
                        domain=customer_domain, side="customer", pattern=cust_pattern,
                        client_weights=(0.6, 0.1, 0.1, 0.2, 0.0))
    # managers: each department's first person leads it and reports to the first IT leader's
    # peer at the top (the head of the largest department); good enough for an org chart
    heads: dict[str, Person] = {}
    for person in customers:
        heads.setdefault(person.department, person)
    top = it_people[0]
    for person in customers:
        head = heads[person.department]
        person.manager = head.name if head is not person else (top.name if person is not top
                                                               else "")
    executive.manager = ""
    primary.manager = heads.get("Procurement", top).name if primary is not heads.get(
        primary.department) else top.name

    comp_name, comp_products = rng.choice(P.COMPETITOR_NAMES)
    comp_domain = f"{_slug(comp_name).replace('-', '')}.com"
    reps = [_person(rng, pool, title=rng.choice(P.COMPETITOR_ROLES), dept="Sales",
                    org=comp_name, domain=comp_domain, side="external", pattern=0,
                    client_weights=(0.8, 0.0, 0.0, 0.2, 0.0)) for _ in range(2)]
    incumbent = rng.choice([n for n, _ in P.COMPETITOR_NAMES if n != comp_name])

    start = date(rng.choice((2023, 2024, 2025)), rng.randint(1, 12), 1) + timedelta(
        days=rng.randint(0, 20))
    contract_start = start - timedelta(days=rng.randint(690, 760))
    disclaimer = {
        customer_name: rng.choice(P.DISCLAIMERS) if rng.random() < 0.5 else "",
        seller_name: rng.choice(P.DISCLAIMERS[:2]) if rng.random() < 0.6 else "",
    }
    for org, text in disclaimer.items():
        disclaimer[org] = text.replace("{company}", org)
    return World(
        seller_name=seller_name, seller_domain=seller_domain, products=products,
        customer_name=customer_name, customer_domain=customer_domain, industry=industry,
        sites=sites, customer_tz=customer_tz, seller_tz=seller_tz, team=team,
        stakeholders=customers, primary=primary, executive=executive, it_people=it_people,
        competitor_name=comp_name, competitor_domain=comp_domain,
        competitor_products=list(comp_products), competitor_reps=reps, start=start,
        contract_start=contract_start, incumbent=incumbent, disclaimer=disclaimer,
    )


# --------------------------------------------------------------------------- writing

_SLOT = re.compile(r"\{(\w+)\}")


def fill(template: str, slots: dict) -> str:
    """Fill ``{slot}`` markers; unknown slots are left as they are."""
    return _SLOT.sub(lambda m: str(slots.get(m.group(1), m.group(0))), template)


def _british(text: str) -> str:
    def swap(match: re.Match) -> str:
        word = match.group(0)
        british = P.SPELLING[word.lower()]
        return british.capitalize() if word[0].isupper() else british

    pattern = r"\b(" + "|".join(sorted(P.SPELLING, key=len, reverse=True)) + r")\b"
    return re.sub(pattern, swap, text, flags=re.IGNORECASE)


def _starters() -> frozenset[str]:
    """Words that open the bank's sentences; only these are lower-cased mid-sentence."""
    words = set()
    for bank in (P.BACKGROUND_TOPICS, P.VISION_TOPICS):
        for spec in bank.values():
            for template in (*spec["asks"], *spec["details"]):
                words.add(template.split()[0])
    words.update(t.split()[0] for t in P.URGENCY)
    return frozenset(w for w in words if w[:1].isalpha() and w != "I")


_STARTERS = _starters()


def _lower_first(text: str) -> str:
    first = text.split(" ", 1)[0]
    if first in _STARTERS:
        return text[0].lower() + text[1:]
    return text


def _first_clause(sentence: str) -> str:
    """A terse writer's version of a detail: its first clause only."""
    if sentence.endswith(".") and ", " in sentence:
        return sentence.split(", ", 1)[0] + "."
    return sentence


def _merge(first: str, second: str, emdash: bool) -> str:
    """Two sentences as one, keeping a question a question."""
    if second.endswith("?"):
        joiner = " — and " if emdash else ", and "
        return first.rstrip(".?!") + joiner + _lower_first(second)
    if first.endswith("?"):  # the reason first, then the ask
        joiner = " — " if emdash else ", so "
        return second.rstrip(".!") + joiner + _lower_first(first)
    joiner = " — " if emdash else ", and "
    return first.rstrip(".!") + joiner + _lower_first(second)


def style_text(person: Person, asks: list[str], details: list[str], rng: random.Random) -> str:
    """The asks and details as ``person`` would write them (their habits leak in).

    Sentence length (terse writers keep a detail's first clause, long-winded ones
    merge sentences), em-dashes, numbered lists, a verbal habit, exclamation marks
    and British spelling are the person's own.
    """
    style = person.style
    asks = list(asks)
    details = [_first_clause(d) for d in details] if style["length"] == "short" \
        else list(details)
    if style["numbered"] and len(asks) >= 2:
        block = "\n".join(style["marker"].format(i=i + 1) + a for i, a in enumerate(asks))
        text = "\n\n".join([block] + ([" ".join(details)] if details else []))
    else:
        sentences = asks + details
        if (style["length"] == "long" or style["emdash"]) and len(sentences) >= 2:
            sentences = [_merge(sentences[0], sentences[1], style["emdash"])] + sentences[2:]
        text = " ".join(sentences)
    if style["habit"] and rng.random() < 0.7:
        text = f"{style['habit']} {_lower_first(text)}"
    if style["exclaim"] and text.endswith("."):
        text = text[:-1] + "!"
    if style["british"]:
        text = _british(text)
    return text


def greeting(person: Person, addressee: Person | None) -> str:
    first = addressee.first if addressee else "all"
    text = person.style["greeting"].replace("{first}", first)
    return "Hi all," if addressee is None and "{first}" in person.style["greeting"] else text


def sign_name(person: Person) -> str:
    how = person.style["sign_name"]
    if how == "full":
        return person.name
    if how == "initials":
        return "".join(w[0] for w in person.name.split() if w[0].isupper())
    return person.first


def write_message(person: Person, addressee: Person | None, core: str, rng: random.Random, *,
                  slots: dict, opener: bool = True, closer: bool = True,
                  signature: bool = True, disclaimer: str = "") -> str:
    """A whole message body: greeting, opener, core text, closer, sign-off, signature."""
    parts = [greeting(person, addressee)]
    if opener and rng.random() < person.style["opener_rate"]:
        line = rng.choice(P.OPENERS)
        if line:
            parts.append(fill(line, slots))
    parts.append(core)
    if closer:
        line = rng.choice(P.CLOSERS)
        if line:
            parts.append(fill(line, slots))
    tail = f"{person.style['signoff']}\n{sign_name(person)}"
    if signature and person.style.get("mobile") and rng.random() < 0.3:
        tail += "\n\n" + ("Sent from my iPhone" if person.client == "apple"
                          else "Sent from my mobile device")
    elif signature and person.signature and rng.random() < 0.75:
        tail += "\n\n" + person.signature
    parts.append(tail)
    if disclaimer and rng.random() < 0.8:
        parts.append(disclaimer)
    return "\n\n".join(p for p in parts if p)
