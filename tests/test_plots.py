"""The figures: each draws what it says and degrades to a "no data" panel.

(That every figure is deterministic is checked once for all in ``test_report.py``:
two briefs of two separately built analyses are the same bytes.)

``toy_analysis`` builds a small, hand-made :class:`~vision_analytics._analysis.Analysis`
(real dataclasses, real stakeholder graph) that the report tests reuse.
"""

from __future__ import annotations

import dataclasses
import functools
import io

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from vision_analytics import plots  # noqa: E402
from vision_analytics._analysis import Analysis  # noqa: E402
from vision_analytics._schema import empty_frame  # noqa: E402
from vision_analytics.attribution import stakeholder_graph, stakeholders_frame  # noqa: E402
from vision_analytics.ingest import Corpus  # noqa: E402
from vision_analytics.normalize._identity import IdentityResult  # noqa: E402
from vision_analytics.vision import (  # noqa: E402
    SharedSourceResult,
    answer_questions,
    effort_ledger,
    recommend,
)

HOSTILE_NAME = 'Eve "><img src=x onerror=alert(1)>'
HOSTILE_SUBJECT = "<script>alert(1)</script> pricing for $5 and $10"
HOSTILE_EXCERPT = '"><img src=x onerror=alert(2)> see <iframe src="http://evil.example/x">'

PEOPLE = [
    # person_id, name, email, side, title, department
    ("p_dana", "Dana Whitfield", "dana.whitfield@customer.com", "customer", "VP Strategy",
     "Strategy"),
    ("p_sam", "Sam O'Hara", "sam.ohara@customer.com", "customer", "Procurement Manager",
     "Procurement"),
    ("p_lee", "Lee Park", "lee.park@customer.com", "customer", "IT Architect", "IT"),
    ("p_alex", "Alex Moreau", "alex.moreau@seller.com", "seller", "Account Manager", "Sales"),
    ("p_rita", "Rita Sousa", "rita.sousa@seller.com", "seller", "Presales Engineer", "Presales"),
]
TOPICS = [("t00", "invoice query", "invoice credit note"),
          ("t01", "security questionnaire", "security audit questionnaire"),
          ("t02", "price quote", "quote discount volume")]
VISION_TERMS = ["zero touch", "single pane"]


def toy_analysis(*, found=True, hostile=False, n_topics=3, replies=True, n_requests=30):
    """A small, complete Analysis: 3 customer people, 2 sellers, requests over 7 months.

    From April on, half the requests are the VP's vision ("zero touch", "single
    pane") relayed by the procurement manager. ``hostile`` puts markup in a
    person's name, a subject, an evidence excerpt and a load error.
    """
    people_rows = list(PEOPLE)
    if hostile:
        people_rows.append(("p_eve", HOSTILE_NAME, "eve@customer.com", "customer",
                            "Analyst <b>x</b>", "Ops"))
    people = pd.DataFrame({
        "person_id": [p[0] for p in people_rows], "name": [p[1] for p in people_rows],
        "emails": [[p[2]] for p in people_rows], "organization": [
            "Customer Corp" if p[3] == "customer" else "Seller Inc" for p in people_rows],
        "domain": [p[2].split("@")[1] for p in people_rows],
        "department": [p[5] for p in people_rows], "title": [p[4] for p in people_rows],
        "first_seen": pd.Timestamp("2024-01-02", tz="UTC"),
        "last_seen": pd.Timestamp("2024-07-30", tz="UTC"), "n_sent": 5,
        "aliases": [[p[1], p[2]] for p in people_rows], "side": [p[3] for p in people_rows],
    })
    alias_map = {}
    for p in people_rows:
        alias_map[p[2].lower()] = p[0]
        alias_map[p[1].lower()] = p[0]
    identities = IdentityResult(people=people, alias_map=alias_map, merges=pd.DataFrame())
    start = pd.Timestamp("2024-01-03 09:30", tz="UTC")
    topics_used = TOPICS[:n_topics]
    msgs, reqs = [], []
    onset = pd.Timestamp("2024-04-01", tz="UTC")
    for i in range(n_requests):
        when = start + pd.Timedelta(days=7 * i, hours=i % 5)
        topic_id, label, words = topics_used[i % len(topics_used)]
        vision = found and when >= onset and i % 2 == 0
        sender = PEOPLE[1] if (vision or i % 3 == 0) else (PEOPLE[2] if i % 3 == 1 else
                                                           PEOPLE[0])
        if hostile and i == 4:
            sender = people_rows[-1]
        text = f"Could you send the {words} details for site {i}?"
        if vision:
            text += (" Dana Whitfield wants a zero touch rollout with a single pane view "
                     "across all plants.")
        subject = f"{label.title()} #{i}"
        if hostile and i == 3:
            subject = HOSTILE_SUBJECT
        key = f"m{i:03d}"
        thread = f"th{i:03d}"
        msgs.append({"message_key": key, "message_id": f"<{key}@customer.com>",
                     "sent_at": when, "sender": sender[2], "sender_name": sender[1],
                     "to": [PEOPLE[3][2]], "cc": [PEOPLE[0][2]] if vision else [],
                     "subject": subject, "body_text": text + f"\n\nRegards,\n{sender[1]}",
                     "thread_id": thread, "direction": "inbound", "attachment_names": [],
                     "new_text": text})
        if replies and i % 2 == 1 or (replies and vision):
            reply_at = when + pd.Timedelta(days=3 if i % 4 == 1 else 1)  # Sat or Thu
            msgs.append({"message_key": f"r{i:03d}", "message_id": f"<r{i:03d}@seller.com>",
                         "sent_at": reply_at, "sender": PEOPLE[3][2],
                         "sender_name": PEOPLE[3][1], "to": [sender[2]], "cc": [],
                         "subject": "Re: " + subject, "body_text": "Here you are. " * 40,
                         "thread_id": thread, "direction": "outbound",
                         "attachment_names": ["answer.pdf"] if vision else [],
                         "new_text": "Here you are."})
        reqs.append({"request_id": f"req{i:03d}", "message_key": key,
                     "message_id": f"<{key}@customer.com>", "sent_at": when,
                     "sender": sender[2], "subject": subject, "text": text, "channel": "email",
                     "thread_id": thread, "sender_id": sender[0], "topic_id": topic_id,
                     "topic_label": label,
                     "originator_id": "p_dana" if vision else (
                         "unknown" if i % 7 == 5 else sender[0]),
                     "originator_confidence": 0.81 if vision else 0.55,
                     "part_of_vision": vision})
    messages = pd.DataFrame(msgs).set_index("message_key")
    requests = pd.DataFrame(reqs).set_index("request_id")
    names = {p[0]: p[2] for p in people_rows}
    requests["originator"] = requests["originator_id"].map(lambda p: names.get(p, "unknown"))
    requests["evidence"] = np.where(requests["part_of_vision"],
                                    "mention: Dana Whitfield wants…; cc Dana Whitfield",
                                    "sent by the sender")
    topics = pd.DataFrame([{
        "topic_id": t, "label": lab, "top_terms": words.split(),
        "size": int((requests["topic_id"] == t).sum()),
        "first_seen": requests.loc[requests["topic_id"] == t, "sent_at"].min(),
        "last_seen": requests.loc[requests["topic_id"] == t, "sent_at"].max(),
        "representative_ids": list(requests.index[requests["topic_id"] == t][:3])}
        for t, lab, words in topics_used])
    evidence = pd.DataFrame([{
        "request_id": rid, "candidate": "p_dana", "kind": "mention", "weight": 2.0,
        "excerpt": HOSTILE_EXCERPT if hostile and j == 0 else "Dana Whitfield wants a zero touch",
        "source": requests.loc[rid, "message_id"]}
        for j, rid in enumerate(requests.index[requests["part_of_vision"]])],
        columns=["request_id", "candidate", "kind", "weight", "excerpt", "source"])
    graph = stakeholder_graph(messages, requests, identities)
    stakeholders = stakeholders_frame(graph, requests, identities)
    members = requests["part_of_vision"]
    rng = np.random.default_rng(0)
    null = rng.normal(6.0, 1.5, 199)
    segments = empty_frame("segments")
    if found:
        test = SharedSourceResult(
            statistic=14.2, p_value=0.005, null_distribution=null, n_requests=n_requests,
            n_units=n_requests, split_index=n_requests // 2, split_time=onset,
            features=pd.DataFrame({"feature": ["term:zero touch", "term:single pane"],
                                   "z": [4.1, 3.7], "topic_spread": [3, 3]}))
        vision = {
            "shared_source": True, "p_value": 0.005, "confidence": 0.74,
            "source": {"name": "Dana Whitfield", "email": "dana.whitfield@customer.com",
                       "organization": "Customer Corp", "department": "Strategy",
                       "title": "VP Strategy"},
            "source_kind": "person", "origin_hypothesis": "new_executive",
            "onset": "2024-04-01", "vision_terms": VISION_TERMS + (
                ["<b>bold</b>"] if hostile else []),
            "requests_in_vision": [str(r) for r in requests.index[members]],
            "topics_in_vision": sorted(requests.loc[members, "topic_id"].unique().tolist()),
            "runner_up_sources": [{"name": "Lee Park", "kind": "person", "score": 0.4,
                                   "clues": ["uses 50% of the vision terms"]}],
            "alpha": 0.05, "statistic": 14.2,
            "null_hypothesis": "the order of the conversations is exchangeable",
            "reason": "", "source_clues": ["named in 8 relayed requests (Dana Whitfield)"],
            "origin_clues": ["first seen 2024-03-20, new title"],
        }
    else:
        test = SharedSourceResult(
            statistic=5.9, p_value=0.41, null_distribution=null, n_requests=n_requests,
            n_units=n_requests, split_index=None, split_time=None,
            features=pd.DataFrame(columns=["feature", "z", "topic_spread"]))
        vision = {"shared_source": False, "p_value": 0.41, "confidence": 0.0, "source": None,
                  "source_kind": None, "origin_hypothesis": None, "onset": None,
                  "vision_terms": [], "requests_in_vision": [], "topics_in_vision": [],
                  "runner_up_sources": [], "alpha": 0.05, "statistic": 5.9,
                  "null_hypothesis": "the order of the conversations is exchangeable",
                  "reason": "p = 0.410 is not below the level 0.05"}
    vision["answers"] = answer_questions(vision, requests, members)
    vision["effort"] = effort_ledger(requests, messages, members)
    vision["recommendation"] = recommend(vision, vision["answers"], vision["effort"])
    errors = pd.DataFrame({
        "source": ["/exports/dana.whitfield@customer.com.pst" if not hostile else
                   '<svg onload=alert(3)>.mbox'],
        "position": ["17"], "error": ["truncated"], "detail": ["message cut at 1,024 bytes"],
        "kept": [False]})
    counts = pd.DataFrame({"files": [1], "items": [len(messages) + 1],
                           "messages": [len(messages)], "duplicates": [0], "errors": [1],
                           "table_rows": [0]}, index=pd.Index(["mbox"], name="format"))
    corpus = Corpus(messages=messages, errors=errors, request_log=empty_frame("requests"),
                    org_chart=pd.DataFrame(), seller_domains=("seller.com",), counts=counts,
                    duplicates=pd.DataFrame(columns=["message_key", "source", "kept_source"]))
    return Analysis(corpus=corpus, messages=messages, segments=segments, identities=identities,
                    requests=requests, topics=topics, evidence=evidence,
                    stakeholders=stakeholders, graph=graph, vision=vision, test=test,
                    clusterer=None, topic_vectors=None, random_state=0)


def empty_requests(analysis):
    """The same analysis with no request at all."""
    return dataclasses.replace(analysis, requests=analysis.requests.iloc[:0],
                               topics=analysis.topics.iloc[:0])


ALL = [getattr(plots, name) for name in plots.__all__]


@functools.cache
def _case(case: str):
    """One analysis per edge case, built once (the plots never modify it)."""
    return {
        "no_vision": lambda: toy_analysis(found=False),
        "one_topic": lambda: toy_analysis(n_topics=1, n_requests=4),
        "no_replies": lambda: toy_analysis(replies=False),
        "no_requests": lambda: empty_requests(toy_analysis(found=False)),
        "hostile": lambda: toy_analysis(hostile=True),
        "fresh_copy": toy_analysis,
    }[case]()


def _svg(ax) -> str:
    buffer = io.BytesIO()
    with matplotlib.rc_context({"svg.hashsalt": "test"}):
        ax.figure.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue().decode()


def _texts(ax) -> str:
    """Every text drawn on the axes (titles, labels, annotations, legend, ticks)."""
    out = [ax.get_title(), ax.get_xlabel(), ax.get_ylabel()]
    out += [t.get_text() for t in ax.texts]
    out += [t.get_text() for t in ax.get_xticklabels() + ax.get_yticklabels()]
    legend = ax.get_legend()
    if legend is not None:
        out += [t.get_text() for t in legend.get_texts()]
    for child in ax.figure.axes:
        if child is not ax:
            out += [child.get_xlabel()]
    return "\n".join(out)


@pytest.fixture(scope="module")
def toy():
    return toy_analysis()


@pytest.mark.parametrize("plot", ALL, ids=lambda f: f.__name__)
def test_every_plot_draws_on_a_given_ax_and_renders(plot, toy):
    fig = Figure(figsize=(8, 5))
    ax = fig.add_subplot()
    before = plt.get_fignums()
    assert plot(toy, ax=ax) is ax
    assert plt.get_fignums() == before  # no new pyplot figure when ax is given
    assert ax.get_title()
    assert "<svg" in _svg(ax)


@pytest.mark.parametrize("plot", ALL, ids=lambda f: f.__name__)
@pytest.mark.parametrize("case", ["no_vision", "one_topic", "no_replies", "no_requests",
                                  "hostile"])
def test_every_plot_survives_thin_and_hostile_data(plot, case):
    ax = plot(_case(case))
    if case == "hostile":
        svg = _svg(ax)  # drawing is where a stray "$" in a label would fail
        assert "<script" not in svg and "<img" not in svg
    else:
        ax.figure.set_dpi(30)
        ax.figure.canvas.draw()


def test_no_data_panels_say_why():
    empty = _case("no_requests")
    for plot in (plots.plot_timeline, plots.plot_topics_over_time, plots.plot_topic_map,
                 plots.plot_attribution_flow):
        text = _texts(plot(empty))
        assert "No " in text or "Too few" in text, plot.__name__
    assert "No vision found" in _texts(plots.plot_vision_terms(_case("no_vision")))
    thin = dataclasses.replace(_case("no_vision"), test=SharedSourceResult(
        0.0, 1.0, np.zeros(0), 4, 0, None, None, pd.DataFrame(), reason="too thin: 4 requests"))
    assert "too thin: 4 requests" in _texts(plots.plot_evidence_strength(thin))


def test_plot_without_ax_makes_one_figure():
    before = len(plt.get_fignums())
    ax = plots.plot_effort(_case("fresh_copy"))
    assert len(plt.get_fignums()) == before + 1
    assert ax.figure.number in plt.get_fignums()


def test_timeline_marks_vision_replies_weekends_onset_and_source(toy):
    ax = plots.plot_timeline(toy)
    text = _texts(ax)
    assert "onset 2024-04-01" in text
    assert "source first seen 2024-01-02" in text  # the people frame's first_seen
    assert "part of the vision" in text
    replies = toy.messages[toy.messages["direction"] == "outbound"]
    weekend = int((replies["sent_at"].dt.day_of_week >= 5).sum())
    assert weekend > 0
    assert f"weekend reply ({weekend})" in text
    assert f"seller reply ({len(replies) - weekend})" in text
    # one lane per topic plus the replies lane
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["invoice query", "security questionnaire", "price quote",
                      "seller replies"]
    no_replies = _texts(plots.plot_timeline(_case("no_replies")))
    assert "seller replies (none)" in no_replies and "weekend reply" not in no_replies


def test_timeline_folds_small_topics_into_other(toy):
    ax = plots.plot_timeline(toy, max_topics=2, show_replies=False)
    assert [t.get_text() for t in ax.get_yticklabels()][-1] == "other topics"
    assert len(ax.get_yticklabels()) == 2


def test_topic_map_places_every_request_and_labels_topics(toy):
    ax = plots.plot_topic_map(toy)
    points = sum(len(c.get_offsets()) for c in ax.collections)
    n_vision = int(toy.requests["part_of_vision"].sum())
    assert points == len(toy.requests) + n_vision  # each request, plus a ring per vision one
    assert {"invoice query", "security questionnaire", "price quote"} <= set(
        _texts(ax).splitlines())
    vectors = np.random.default_rng(1).normal(size=(len(toy.requests), 5))
    with_vectors = dataclasses.replace(toy, topic_vectors=vectors)
    assert _svg(plots.plot_topic_map(with_vectors)) != _svg(plots.plot_topic_map(toy))


def test_topics_over_time_stacks_every_request(toy):
    ax = plots.plot_topics_over_time(toy)
    heights = sum(p.get_height() for p in ax.patches)
    assert heights == len(toy.requests)
    months = toy.requests["sent_at"].dt.strftime("%Y-%m").nunique()
    assert len(ax.patches) == months * 3


def test_vision_terms_heatmap_counts_requests_per_topic(toy):
    ax = plots.plot_vision_terms(toy)
    image = ax.get_images()[0].get_array()
    members = toy.requests[toy.requests["part_of_vision"]]
    expected = members.groupby("topic_id").size()
    assert image.shape == (2, len(expected))
    assert list(np.asarray(image[0])) == list(expected.to_numpy())


def test_network_shows_roles_sizes_and_the_source(toy):
    ax = plots.plot_stakeholder_network(toy)
    text = _texts(ax)
    assert "source of the vision" in text
    assert "relays: originator → messenger" in text
    assert "Dana Whitfield\n(VP Strategy)" in text or "Dana Whitfield (VP Strategy)" in text
    roles = dict(zip(toy.stakeholders["person_id"], toy.stakeholders["role"], strict=True))
    assert roles["p_dana"] in ("originator", "both") and roles["p_sam"] in ("messenger", "both")


def test_attribution_flow_accounts_for_every_request(toy):
    ax = plots.plot_attribution_flow(toy)
    text = _texts(ax)
    sent = toy.requests.groupby("sender_id").size()
    assert f"Sam O'Hara (Procurement Manager) ({sent['p_sam']})" in text
    assert f"unknown originator ({int((toy.requests['originator_id'] == 'unknown').sum())})" \
        in text
    assert "relayed for someone else" in text


def test_effort_splits_topics_in_and_out_of_the_vision(toy):
    from vision_analytics.plots._vision import effort_by_topic

    table = effort_by_topic(toy)
    assert set(table["in_vision"]) == {True, False}
    effort = toy.vision["effort"]
    assert table["requests"].sum() == effort["requests"]
    assert table["estimated_hours"].sum() == pytest.approx(effort["estimated_hours"], abs=0.2)
    text = _texts(plots.plot_effort(toy))
    assert "all vision requests" in text and "all other requests" in text
    assert _texts(plots.plot_effort(toy.vision["effort"]))  # a plain dict works too


def test_evidence_strength_shows_observed_and_p_value(toy):
    ax = plots.plot_evidence_strength(toy)
    text = _texts(ax)
    assert "p = 0.005" in text and "observed = 14.2" in text
    assert sum(p.get_height() for p in ax.patches) == 199
    assert "p = 0.005" in _texts(plots.plot_evidence_strength(toy.test))


def test_dollar_signs_in_labels_are_literal():
    from vision_analytics.plots._style import safe_text

    assert safe_text("pay $5 or $10") == r"pay \$5 or \$10"
    assert safe_text("x" * 50, width=10) == "xxxxxxxxx…"


@pytest.mark.parametrize("plot", ALL, ids=lambda f: f.__name__)
def test_a_plot_given_something_else_says_what_it_needs(plot):
    with pytest.raises(TypeError, match=rf"{plot.__name__} needs an Analysis .* got DataFrame"):
        plot(pd.DataFrame({"sent_at": []}))
