"""The workshop brief: one self-contained, printable HTML file built from an analysis."""

from __future__ import annotations

import base64
import io
import re
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from ..plots._style import display_names, in_vision, no_data, topic_styles
from ..plots._timeline import source_first_seen

__all__ = ["Brief", "customer_questions"]

_DECISIONS = {
    "pursue": ("Pursue", "Engage: the work is worth doing."),
    "qualify": ("Qualify first", "Confirm who owns and funds it before investing more."),
    "lose_early": ("Lose early", "Stop investing unless a sponsor commits."),
}
_ORIGINS = {
    "new_executive": "a newly arrived executive",
    "competitor": "an outside organisation (a competitor's framing)",
    "it_organization": "the IT organisation",
    "other": "an existing stakeholder",
}
_FIGURES = (
    ("evidence", "plot_evidence_strength", (7.0, 3.6),
     "The permutation test: the grey bars are what chance gives; the vermillion line is what "
     "the mail shows."),
    ("timeline", "plot_timeline", (10.0, 5.6),
     "Each mark is a request, one lane per topic; circled requests carry the vision. Ticks at "
     "the bottom are the team's replies, triangles the weekend ones."),
    ("topic_map", "plot_topic_map", (8.0, 6.0),
     "Requests that read alike sit close together; labels mark the middle of each topic."),
    ("topics_over_time", "plot_topics_over_time", (10.0, 4.2),
     "How many requests each topic brought per month."),
    ("vision_terms", "plot_vision_terms", (9.0, 4.6),
     "The vision's words and the topics they turn up in: a vision cuts across topics."),
    ("network", "plot_stakeholder_network", (9.0, 7.5),
     "People on the customer side. Arrows run from the person who originated a request to the "
     "person who sent it."),
    ("flow", "plot_attribution_flow", (9.5, 6.0),
     "Left, who sent the requests; right, whose requests they really were."),
    ("effort", "plot_effort", (9.0, 6.5),
     "Estimated hours per topic, in and out of the vision; diamonds give the share of replies "
     "sent on a weekend."),
)


def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("vision_analytics.report", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html", "j2"), default=True),
        undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
    )


def _str(value, default: str = "") -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NaT:
        return default
    try:
        if pd.isna(value):
            return default
    except (TypeError, ValueError):
        pass
    return str(value)


def _date(value) -> str:
    stamp = pd.to_datetime(value, utc=True, errors="coerce") if value is not None else pd.NaT
    return "" if pd.isna(stamp) else f"{stamp:%Y-%m-%d}"


def _cut(text, width: int = 160) -> str:
    text = " ".join(_str(text).split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _pct(value) -> str:
    try:
        return f"{float(value):.0%}"
    except (TypeError, ValueError):
        return "–"


def _frame(analysis, name: str) -> pd.DataFrame:
    value = getattr(analysis, name, None)
    return value if isinstance(value, pd.DataFrame) else pd.DataFrame()


def _describe_source(vision: dict) -> str:
    source = vision.get("source") or {}
    kind = vision.get("source_kind")
    if not source:
        return "an unidentified source"
    if kind == "department":
        return (f"the {_str(source.get('department')) or 'unnamed'} department"
                + (f" of {source['organization']}" if source.get("organization") else ""))
    if kind == "external":
        return f"the outside organisation {_str(source.get('organization') or source.get('name'))}"
    who = _str(source.get("name")) or _str(source.get("email")) or "an unnamed person"
    role = ", ".join(_str(source.get(k)) for k in ("title", "department") if source.get(k))
    return f"{who} ({role})" if role else who


def _vision_phrase(vision: dict, n: int = 3) -> str:
    terms = [str(t) for t in (vision.get("vision_terms") or [])[:n]]
    if not terms:
        return "this initiative"
    return "the work on " + ", ".join(f"“{t}”" for t in terms)


def customer_questions(analysis) -> list[dict]:
    """Questions to ask the customer to confirm (or refute) the finding.

    Derived from the finding's fields — source, origin, onset, funding status,
    messengers, topics, effort — never from a fixed script of one account.

    Parameters
    ----------
    analysis : Analysis

    Returns
    -------
    list of dict
        Each with ``question`` and ``why`` (the evidence it checks).
    """
    vision = getattr(analysis, "vision", None) or {}
    answers = vision.get("answers") or {}
    effort = vision.get("effort") or {}
    stakeholders = _frame(analysis, "stakeholders")
    names = display_names(analysis)
    topics = _frame(analysis, "topics")
    styles = topic_styles(analysis)
    out: list[dict] = []

    def ask(question: str, why: str) -> None:
        out.append({"question": question, "why": why})

    messengers: list[str] = []
    if {"role", "messenger_load", "person_id"} <= set(stakeholders.columns):
        relays = stakeholders[stakeholders["role"].isin(["messenger", "both"])].sort_values(
            ["messenger_load", "person_id"], ascending=[False, True], kind="stable")
        messengers = [names.get(str(p), _str(n)) for p, n in
                      zip(relays["person_id"], relays.get("name", relays["person_id"]),
                          strict=True)][:2]
    vision_hours = (effort.get("vision") or {}).get("estimated_hours", 0) or 0
    # the asks, each once: a log row that records an e-mail ask is not another request
    n_vision = (effort.get("vision") or {}).get("requests") or len(
        vision.get("requests_in_vision") or [])
    if vision.get("shared_source"):
        phrase = _vision_phrase(vision)
        who = _describe_source(vision)
        if vision.get("source"):
            ask(f"We understand {phrase} is driven by {who}. Is that the sponsor, and who else "
                "has to agree before it goes ahead?",
                f"The analysis names {who} as the likely source (confidence "
                f"{_pct(vision.get('confidence'))}); the customer can confirm it in one sentence.")
        else:
            ask(f"Who is driving {phrase}, and who sponsors it?",
                "The requests share a source, but the mail does not show who it is.")
        status = (answers.get("approved_funded") or {}).get("status", "silent")
        budget = {
            "funded": (f"Which budget funds {phrase}, how large is it, and who signed it off?",
                       "Some requests mention budget, sponsorship or sign-off."),
            "unfunded": (f"Is there a budget for {phrase} yet? When, and by whom, will it be "
                         "decided?", "The requests themselves say it is not yet approved."),
            "mixed": ("We read both “approved” and “not yet approved” in your requests: where "
                      "does the budget stand, and who holds it?",
                      "The requests carry both funding and not-yet-approved language."),
        }.get(status, (f"Is there a budget for {phrase}, and who holds it?",
                       "Nothing in the requests mentions budget, sponsor or approval."))
        ask(*budget)
        onset = vision.get("onset")
        if onset:
            ask(f"Since around {onset} we have received {n_vision} requests about {phrase}. "
                "What started it then, and by when do you need to decide?",
                f"The change in the request stream is dated to about {onset} (an estimate).")
        else:
            ask(f"What is your timeline for {phrase}?",
                "The start of the vision could not be dated from the mail.")
        if messengers:
            ask(f"Requests reach us through {' and '.join(messengers)}. Who else is involved "
                "— which departments, which leaders — and should they join the workshop?",
                "These people relay requests that others originated.")
        else:
            ask("Who else is involved on your side, and should they join the workshop?",
                "The mail shows few relays; the people behind the requests may not write "
                "to us at all.")
        origin = vision.get("origin_hypothesis")
        first_term = (vision.get("vision_terms") or ["this approach"])[0]
        if origin == "competitor":
            ask(f"Are you evaluating other providers? Where does the “{first_term}” framing "
                "come from?", "The vision's vocabulary appears to come from an outside "
                "organisation.")
        elif origin == "new_executive":
            ask(f"What does {who} want to achieve in the first year, and how will success be "
                "measured?", "The vision appeared with a newly arrived executive.")
        elif origin == "it_organization":
            ask("Is IT leading this programme? How do the business units take part in the "
                "decision?", "The vision appears to have been developed inside IT.")
        else:
            labels = [styles.get(t, {}).get("label", t) for t in
                      vision.get("topics_in_vision") or []][:4]
            ask(f"The requests span {', '.join(labels) or 'several topics'}: is this one "
                "programme or several separate needs?",
                "The vision's requests arrive under different topics.")
        if vision_hours:
            ask(f"We have spent about {vision_hours:.0f} hours on {n_vision} related requests. "
                "Can we agree one owner on your side and scope the work together?",
                f"Effort ledger: {vision_hours:.0f} estimated hours, "
                f"{_pct((effort.get('vision') or {}).get('weekend_share', 0))} of replies on "
                "weekends.")
    else:
        reason = _str(vision.get("reason")) or (
            f"p = {float(vision.get('p_value', 1.0)):.2f}")
        ask("Are any of your recent requests part of a larger initiative or a new strategy?",
            f"The analysis found no hidden shared source ({reason}); the customer can confirm "
            "nothing is being shaped out of sight.")
        ask("Are changes coming — new leaders, a reorganisation, a tender — that we should "
            "know about?", "A vision usually starts with one of these; the mail so far shows "
            "none.")
        if len(topics):
            biggest = topics.sort_values("size", ascending=False, kind="stable").head(3) \
                if "size" in topics.columns else topics.head(3)
            labels = ", ".join(_str(x) for x in biggest.get("label", biggest["topic_id"]))
            ask(f"Who decides on priorities between {labels}?",
                "These topics bring the most requests.")
        if effort.get("estimated_hours"):
            ask("Which requests matter most to you, so that we focus our effort?",
                f"The team has spent about {float(effort['estimated_hours']):.0f} estimated "
                f"hours answering {effort.get('requests', 0)} requests.")
        if messengers:
            ask(f"{' and '.join(messengers)} pass on requests from colleagues: who are they, "
                "and what do they need?", "Some requests are relayed for others.")
    return out


class Brief:
    """The workshop brief of an analysis: one self-contained HTML page.

    Shows in Jupyter (``_repr_html_``) and writes to a file (``write_html``).
    Figures are inline SVG (or PNG); nothing is loaded from the network, and
    everything that comes from the mail is escaped. Rendering happens on first
    use of :attr:`html`, not at construction.

    Parameters
    ----------
    analysis : Analysis
        What :func:`vision_analytics.analyze` returned.
    anonymize : bool
        Replace people's names and addresses with stable pseudonyms
        ("Person A", ``person-a@customer.example``) everywhere, figures included.
    title : str, optional
        Heading of the brief.
    figure_format : {"svg", "png"}
        How figures are embedded.
    max_requests_per_topic : int
        Requests listed under each topic.

    Examples
    --------
    >>> brief = analysis.report(anonymize=True)  # doctest: +SKIP
    >>> brief.write_html("brief.html")  # doctest: +SKIP
    """

    def __init__(self, analysis, *, anonymize=False, title=None, figure_format="svg",
                 max_requests_per_topic=8):
        self.analysis = analysis
        self.anonymize = anonymize
        self.title = title
        self.figure_format = figure_format
        self.max_requests_per_topic = max_requests_per_topic
        self._html = None

    # -- public ---------------------------------------------------------------------------

    @property
    def html(self) -> str:
        """The whole brief as one HTML string."""
        if self._html is None:
            self._html = self._render()
        return self._html

    def _repr_html_(self) -> str:
        # In a notebook the brief sits in a sandboxed iframe: its page styles stay out of
        # the notebook's, and the sandbox (no scripts) backs up the escaping.
        frame = Markup('<iframe title="{}" sandbox srcdoc="{}" style="width: 100%; '
                       'height: 900px; border: 1px solid #ccc;"></iframe>')
        return str(frame.format(self.title or "Account workshop brief", self.html))

    def write_html(self, path) -> Path:
        """Write the brief to ``path`` (UTF-8) and return the path."""
        path = Path(path)
        if path.exists() and path.is_dir():
            raise IsADirectoryError(
                f"Brief.write_html needs a file path; {str(path)!r} is a directory. Pass e.g. "
                f"{str(path / 'report.html')!r}."
            )
        path.write_text(self.html, encoding="utf-8")
        return path

    def __repr__(self) -> str:
        return (f"Brief({self.analysis!r}, anonymize={self.anonymize}) — call .write_html(path) "
                "or display it in Jupyter")

    # -- rendering ------------------------------------------------------------------------

    def _check(self) -> None:
        if self.figure_format not in ("svg", "png"):
            raise ValueError(
                "The 'figure_format' parameter of Brief must be 'svg' or 'png'. "
                f"Got {self.figure_format!r} instead."
            )
        if not isinstance(self.anonymize, bool):
            raise ValueError(
                "The 'anonymize' parameter of Brief must be True or False. "
                f"Got {self.anonymize!r} instead."
            )
        if not (isinstance(self.max_requests_per_topic, int)
                and self.max_requests_per_topic >= 0):
            raise ValueError(
                "The 'max_requests_per_topic' parameter of Brief must be an int >= 0. "
                f"Got {self.max_requests_per_topic!r} instead."
            )
        for name in ("requests", "vision"):
            if not hasattr(self.analysis, name):
                raise TypeError(
                    f"Brief needs an Analysis (from vision_analytics.analyze); the object "
                    f"given has no {name!r} attribute: {type(self.analysis).__name__}."
                )

    def _render(self) -> str:
        self._check()
        analysis = self.analysis
        if self.anonymize:
            from ._anonymize import anonymize_analysis

            analysis = anonymize_analysis(analysis)
        context = build_context(analysis, anonymized=self.anonymize, title=self.title,
                                max_requests_per_topic=self.max_requests_per_topic)
        context["figures"] = render_figures(analysis, self.figure_format)
        template = _environment().get_template("brief.html.j2")
        return template.render(**context)


# -- figures ----------------------------------------------------------------------------

def render_figures(analysis, figure_format: str = "svg") -> dict[str, dict]:
    """Every figure of the brief as embeddable markup (inline SVG or base64 PNG).

    Figures are drawn on standalone matplotlib Figures (no pyplot state), so
    building a brief leaves no open figure behind.
    """
    import matplotlib as mpl
    from matplotlib.figure import Figure

    from .. import plots

    out = {}
    with mpl.rc_context({"svg.fonttype": "none", "svg.hashsalt": "vision-analytics",
                         "font.family": "sans-serif",
                         "font.sans-serif": ["DejaVu Sans", "Arial", "Helvetica"],
                         "font.size": 9, "axes.titlesize": 11, "axes.titleweight": "bold"}):
        for i, (key, name, size, caption) in enumerate(_FIGURES):
            fig = Figure(figsize=size, layout="constrained")
            ax = fig.add_subplot()
            try:
                getattr(plots, name)(analysis, ax=ax)
            except Exception as error:  # noqa: BLE001 - one figure must not sink the brief
                warnings.warn(f"The brief's figure {name} could not be drawn "
                              f"({type(error).__name__}: {error}); it shows a notice instead.",
                              RuntimeWarning, stacklevel=2)
                fig.clear()
                ax = fig.add_subplot()
                no_data(ax, name.removeprefix("plot_").replace("_", " ").capitalize(),
                        f"This figure could not be drawn: {type(error).__name__}.")
            title = ax.get_title()
            buffer = io.BytesIO()
            if figure_format == "png":
                fig.savefig(buffer, format="png", dpi=110, metadata={"Software": None})
                data = base64.b64encode(buffer.getvalue()).decode("ascii")
                markup = Markup('<img alt="{}" src="data:image/png;base64,{}">').format(
                    title, data)
            else:
                fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
                markup = Markup(_inline_svg(buffer.getvalue().decode("utf-8"), f"f{i}", title))
            out[key] = {"markup": markup, "caption": caption, "title": title}
    return out


_XML_PROLOG = re.compile(r"<\?xml[^>]*\?>\s*|<!DOCTYPE[^>]*>\s*", re.S)
_METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.S)
_XMLNS = re.compile(r'\s+xmlns(?::\w+)?="[^"]*"')
_ID = re.compile(r'\bid="([^"]+)"')


def _inline_svg(svg: str, prefix: str, label: str = "") -> str:
    """Matplotlib's SVG made fit to sit inside HTML.

    Drops the XML prolog, DOCTYPE, metadata and namespace declarations (HTML
    parsers supply them; they are the only ``http`` strings in the file) and
    prefixes every id, so that several figures in one page cannot collide.
    Text from the mail was escaped by matplotlib's SVG writer.
    """
    svg = _XML_PROLOG.sub("", svg)
    svg = _METADATA.sub("", svg)
    svg = _XMLNS.sub("", svg, count=0)
    ids = set(_ID.findall(svg))
    if ids:
        pattern = re.compile(r'(\bid="|#)(' + "|".join(re.escape(i) for i in
                                                       sorted(ids, key=len, reverse=True))
                             + r')(?=["\)])')
        svg = pattern.sub(lambda m: f"{m.group(1)}{prefix}-{m.group(2)}", svg)
    opening = Markup('<svg role="img" aria-label="{}" class="figure-svg"').format(label)
    svg = re.sub(r"<svg\b", lambda _: str(opening), svg, count=1)
    return svg.strip()


# -- context ----------------------------------------------------------------------------

def build_context(analysis, *, anonymized=False, title=None, max_requests_per_topic=8) -> dict:
    """Everything the template shows, as plain Python values (text is escaped later)."""
    vision = getattr(analysis, "vision", None) or {}
    requests = _frame(analysis, "requests")
    messages = _frame(analysis, "messages")
    names = display_names(analysis)
    styles = topic_styles(analysis)

    def person(key) -> str:
        key = _str(key)
        if not key:
            return "—"
        if key == "unknown":
            return "unknown"
        return names.get(key, names.get(key.lower(), key))

    dates = pd.to_datetime(requests["sent_at"], utc=True, errors="coerce") \
        if "sent_at" in requests.columns else pd.Series(dtype="datetime64[ns, UTC]")
    period = (f"{_date(dates.min())} to {_date(dates.max())}" if dates.notna().any()
              else "no dated requests")
    decision = (vision.get("recommendation") or {}).get("decision", "")
    label, gist = _DECISIONS.get(decision, (decision or "—", ""))
    first = source_first_seen(analysis)
    members = in_vision(requests) if len(requests) else np.zeros(0, dtype=bool)
    headline = {
        "found": bool(vision.get("shared_source")),
        "who": _describe_source(vision) if vision.get("shared_source") else "",
        "kind": _str(vision.get("source_kind")),
        "origin": _ORIGINS.get(vision.get("origin_hypothesis"), "unclear"),
        "onset": _str(vision.get("onset")),
        "first_seen": _date(first) if first is not None else "",
        "p_value": f"{float(vision.get('p_value', 1.0)):.3f}",
        "p_share": f"{float(vision.get('p_value', 1.0)):.1%}",
        "alpha": f"{float(vision.get('alpha', 0.05)):g}",
        "confidence": _pct(vision.get("confidence", 0.0)),
        "n_vision": int(members.sum()),
        "n_requests": len(requests),
        # the asks once each, when the request log repeats some e-mailed ones
        "logged_twice": int((vision.get("effort") or {}).get("logged_twice", 0) or 0),
        "n_asks": int((vision.get("effort") or {}).get("requests", 0) or 0),
        "n_vision_asks": int(((vision.get("effort") or {}).get("vision") or {}).get(
            "requests", 0) or 0),
        "n_topics_in_vision": len(vision.get("topics_in_vision") or []),
        "terms": [str(t) for t in (vision.get("vision_terms") or [])[:10]],
        "decision": decision, "decision_label": label, "decision_gist": gist,
        "reasons": [str(r) for r in (vision.get("recommendation") or {}).get("reasons", [])],
        "reason": _str(vision.get("reason")),
        "runners_up": [{"name": _str(r.get("name")), "kind": _str(r.get("kind")),
                        "clues": [str(c) for c in r.get("clues", [])]}
                       for r in vision.get("runner_up_sources") or []],
        "source_clues": [str(c) for c in vision.get("source_clues") or []],
        "origin_clues": [str(c) for c in vision.get("origin_clues") or []],
    }
    by_id = requests.index.astype(str) if len(requests) else pd.Index([])
    lookup = dict(zip(by_id, requests.to_dict("records"), strict=True))

    def request_row(rid, row) -> dict:
        text = _str(row.get("subject")) or _str(row.get("text"))
        return {"id": rid, "date": _date(row.get("sent_at")), "sender": person(
            row.get("sender_id") or row.get("sender")), "subject": _cut(text, 110),
            "originator": person(row.get("originator_id") or row.get("originator")),
            "confidence": _pct(row.get("originator_confidence")) if row.get(
                "originator_confidence") is not None else "–",
            "channel": _str(row.get("channel")), "in_vision": bool(row.get("part_of_vision")),
            "message_id": _str(row.get("message_id")),
            "topic": _str(styles.get(_str(row.get("topic_id")), {}).get("label"))}

    questions = []
    for key, heading in (("whose_vision", "Whose vision is it?"),
                         ("how_developed", "How and where was it developed?"),
                         ("approved_funded", "Is it approved and funded?")):
        item = (vision.get("answers") or {}).get(key) or {}
        evidence = []
        for clue in item.get("evidence") or []:
            rid = _str(clue.get("request_id"))
            row = lookup.get(rid, {})
            excerpt = _str(clue.get("excerpt"))
            if not excerpt and not row:
                continue
            # a message that is no request (the source's own mail) brings its own
            # date and subject
            evidence.append({"request_id": rid,
                             "date": _date(row.get("sent_at")) or _str(clue.get("date")),
                             "subject": _cut(_str(row.get("subject"))
                                             or _str(clue.get("subject")), 90),
                             "message_id": _str(clue.get("message_id")) or _str(
                                 row.get("message_id")),
                             "excerpt": _cut(excerpt, 240)})
        questions.append({"key": key, "heading": heading,
                          "answer": _str(item.get("answer"), "Not answered."),
                          "status": _str(item.get("status")), "evidence": evidence})
    topics = []
    topic_frame = _frame(analysis, "topics")
    topic_col = requests["topic_id"].astype(str) if "topic_id" in requests.columns else \
        pd.Series("", index=requests.index)
    for topic_id, style in sorted(styles.items(), key=lambda kv: kv[1]["order"]):
        mask = (topic_col == topic_id).to_numpy()
        info = topic_frame[topic_frame["topic_id"].astype(str) == topic_id] if len(
            topic_frame) and "topic_id" in topic_frame.columns else pd.DataFrame()
        info_row = info.iloc[0].to_dict() if len(info) else {}
        members_here = requests[mask]
        order = members_here.assign(_t=pd.to_datetime(members_here.get("sent_at"), utc=True,
                                                      errors="coerce")).sort_values(
            "_t", kind="stable") if len(members_here) else members_here
        rows = [request_row(str(rid), row) for rid, row in
                zip(order.index, order.to_dict("records"), strict=True)]
        vision_rows = [r for r in rows if r["in_vision"]]
        shown = (vision_rows + [r for r in rows if not r["in_vision"]])[:max_requests_per_topic]
        shown.sort(key=lambda r: (r["date"], r["id"]))
        terms = info_row.get("top_terms")
        topics.append({
            "id": topic_id, "label": style["label"], "color": style["color"],
            "size": int(mask.sum()),
            "first": _date(info_row.get("first_seen")) or (rows[0]["date"] if rows else ""),
            "last": _date(info_row.get("last_seen")) or (rows[-1]["date"] if rows else ""),
            "terms": ", ".join(str(t) for t in terms[:8]) if isinstance(terms, list) else "",
            "n_vision": len(vision_rows), "requests": shown,
            "more": max(0, len(rows) - len(shown)),
        })
    vision_requests = [request_row(rid, lookup[rid]) for rid in
                       [str(r) for r in vision.get("requests_in_vision") or []] if rid in lookup]
    vision_requests.sort(key=lambda r: (r["date"], r["id"]))
    stakeholders = []
    frame = _frame(analysis, "stakeholders")
    for row in frame.to_dict("records")[:30]:
        stakeholders.append({
            "name": _str(row.get("name")) or _str(row.get("email")) or _str(row.get("person_id")),
            "title": _str(row.get("title")), "department": _str(row.get("department")),
            "organization": _str(row.get("organization")), "role": _str(row.get("role")),
            "sent": int(row.get("requests_sent") or 0),
            "originated": int(row.get("requests_originated") or 0),
            "through_others": int(row.get("originated_through_others") or 0),
            "messenger_load": int(row.get("messenger_load") or 0),
        })
    effort = vision.get("effort") or {}
    effort_rows = []
    for item in effort.get("per_topic") or []:
        tid = _str(item.get("topic_id"))
        effort_rows.append({"label": styles.get(tid, {}).get("label", tid),
                            "in_vision": tid in (vision.get("topics_in_vision") or []),
                            "requests": int(item.get("requests", 0)),
                            "replies": int(item.get("replies", 0)),
                            "hours": f"{float(item.get('estimated_hours', 0)):.1f}",
                            "weekend": _pct(item.get("weekend_share", 0))})
    v_effort = effort.get("vision") or {}
    effort_summary = {
        "requests": int(effort.get("requests", 0) or 0),
        "replies": int(effort.get("replies", 0) or 0),
        "hours": f"{float(effort.get('estimated_hours', 0) or 0):.0f}",
        "weekend": _pct(effort.get("weekend_share", 0)),
        "v_requests": int(v_effort.get("requests", 0) or 0),
        "v_replies": int(v_effort.get("replies", 0) or 0),
        "v_hours": f"{float(v_effort.get('estimated_hours', 0) or 0):.0f}",
        "v_weekend": _pct(v_effort.get("weekend_share", 0)),
        "from_log": int(effort.get("hours_from_log", 0) or 0),
        "logged_twice": int(effort.get("logged_twice", 0) or 0),
        "method": _str(effort.get("method")),
    }
    test = getattr(analysis, "test", None)
    null = np.asarray(getattr(test, "null_distribution", np.zeros(0)))
    method = {
        "null": _str(vision.get("null_hypothesis")) or (
            "the order in which the customer's conversations arrive is exchangeable"),
        "n_permutations": int(null.size),
        "statistic": f"{float(getattr(test, 'statistic', vision.get('statistic', 0)) or 0):.2f}",
        "p_value": headline["p_value"], "alpha": headline["alpha"],
        "n_requests": len(requests),
        "n_unknown": int((requests.get("originator", pd.Series(dtype=str)).astype(str)
                          == "unknown").sum()) if len(requests) else 0,
    }
    context = {
        "title": title or _default_title(analysis),
        "anonymized": anonymized,
        "period": period,
        "n_messages": len(messages),
        "headline": headline,
        "questions": questions,
        "topics": topics,
        "vision_requests": vision_requests[:60],
        "n_vision_requests_more": max(0, len(vision_requests) - 60),
        "stakeholders": stakeholders,
        "n_stakeholders_more": max(0, len(frame) - 30),
        "effort": effort_summary,
        "effort_rows": effort_rows,
        "customer_questions": customer_questions(analysis),
        "method": method,
        "load": _load_report(analysis),
    }
    return context


def _default_title(analysis) -> str:
    """"Account workshop brief — <customer>", the customer being the organisation most of
    the customer-side stakeholders belong to."""
    stakeholders = _frame(analysis, "stakeholders")
    if "organization" in stakeholders.columns:
        side = stakeholders.get("side", pd.Series("", index=stakeholders.index)).astype(str)
        orgs = stakeholders.loc[side != "seller", "organization"].dropna().astype(str)
        orgs = orgs[orgs.str.strip() != ""]
        if len(orgs):
            counts = orgs.value_counts()
            best = sorted(counts.index, key=lambda o: (-counts[o], o))[0]
            return f"Account workshop brief — {best}"
    return "Account workshop brief"


def _load_report(analysis) -> dict:
    corpus = getattr(analysis, "corpus", None)
    errors = _frame(analysis, "load_errors") if hasattr(analysis, "load_errors") else \
        pd.DataFrame()
    if errors.empty and corpus is not None:
        errors = getattr(corpus, "errors", pd.DataFrame())
    counts = []
    totals = {"messages": len(_frame(analysis, "messages")), "duplicates": 0, "errors": 0,
              "items": None, "reconciled": None}
    summary = None
    if corpus is not None and hasattr(corpus, "summary"):
        try:
            summary = corpus.summary()
        except (AttributeError, KeyError, TypeError, ValueError):
            summary = None
    if isinstance(summary, pd.DataFrame) and len(summary):
        for fmt, row in summary.iterrows():
            counts.append({"format": _str(fmt), **{k: (int(row[k]) if k in row and not
                                                       pd.isna(row[k]) else 0) for k in
                                                   ("files", "items", "messages", "duplicates",
                                                    "errors", "table_rows")},
                           "reconciled": bool(row.get("reconciled", True))})
        total = counts[-1]
        totals.update({"messages": total["messages"], "duplicates": total["duplicates"],
                       "errors": total["errors"], "items": total["items"],
                       "reconciled": all(c["reconciled"] for c in counts)})
    rows = []
    for row in errors.to_dict("records")[:25]:
        rows.append({"source": _cut(row.get("source"), 80), "position": _str(row.get("position")),
                     "error": _str(row.get("error")), "detail": _cut(row.get("detail"), 160),
                     "kept": bool(row.get("kept", False))})
    return {"counts": counts, "totals": totals, "errors": rows,
            "n_error_rows": len(errors), "errors_more": max(0, len(errors) - 25),
            "seller_domains": list(getattr(corpus, "seller_domains", ()) or ()),
            "request_log_rows": len(_frame(corpus, "request_log"))}
