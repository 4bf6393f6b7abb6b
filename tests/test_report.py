"""The workshop brief: content, escaping of hostile mail, anonymisation, API."""

from __future__ import annotations

import dataclasses
import functools
import html
import re
import warnings
from html.parser import HTMLParser

import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from tests.test_plots import (  # noqa: E402
    HOSTILE_NAME,
    PEOPLE,
    toy_analysis,
)
from vision_analytics.report import (  # noqa: E402
    Brief,
    Pseudonyms,
    anonymize_analysis,
    customer_questions,
)
from vision_analytics.report._brief import _environment  # noqa: E402

SECTIONS = ["answer", "questions", "evidence", "topics", "people", "effort", "ask", "method",
            "load"]
#: Tags the brief itself writes (HTML and matplotlib's SVG); anything else came from mail.
ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "main", "header", "nav", "ol", "ul", "li",
    "a", "strong", "em", "section", "h1", "h2", "h3", "p", "div", "span", "dl", "dt", "dd",
    "table", "thead", "tbody", "tr", "th", "td", "figure", "figcaption", "img",
    # SVG
    "svg", "defs", "g", "path", "use", "clippath", "rect", "text", "tspan", "pattern",
    "polyline", "line", "circle", "image", "lineargradient", "stop", "ellipse", "polygon",
}


class _Tags(HTMLParser):
    """Every start tag and its attributes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def _tags(page: str) -> list[tuple[str, dict]]:
    parser = _Tags()
    parser.feed(page)
    parser.close()
    return parser.tags


def assert_inert(page: str) -> None:
    """No script, no event handler, no URL but in-page anchors and data: images."""
    for tag, attrs in _tags(page):
        assert tag in ALLOWED_TAGS, f"unexpected <{tag}> in the brief"
        for name, value in attrs.items():
            assert not name.startswith("on"), f"event handler {name} on <{tag}>"
            if name in ("src", "href", "xlink:href", "action", "formaction", "srcset"):
                assert value.startswith(("#", "data:image/")), f"{name}={value!r} on <{tag}>"
    assert not re.search(r"(?i)\b(?:src|href)\s*=\s*[\"']?\s*(?:https?:|//|javascript:)", page)


@functools.cache
def _brief(**kwargs) -> str:
    anonymize = kwargs.pop("anonymize", False)
    return Brief(toy_analysis(**kwargs), anonymize=anonymize).html


@pytest.fixture(scope="module")
def toy():
    return toy_analysis()


@functools.cache
def sample_analysis():
    """The bundled sample account, analysed once per test session."""
    from threadpoolctl import threadpool_limits

    import vision_analytics as va
    from vision_analytics.datasets import load_sample

    sample = load_sample()
    # one BLAS/OpenMP thread: KMeans's threads fight over a small shared machine (5 s
    # instead of 30 s here) and results do not depend on it
    with threadpool_limits(1), warnings.catch_warnings():
        # the topic stage's own deprecation notices are its tests' business, not the brief's
        warnings.simplefilter("ignore", pd.errors.Pandas4Warning)
        analysis = va.analyze(sample.inputs, seller_domains=list(sample.seller_domains),
                              progress=False)
    return sample, analysis


def test_brief_walks_the_room_through_the_finding(toy):
    page = _brief()
    for section in SECTIONS:
        assert f'id="{section}"' in page
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())
    assert "Yes — the requests share a hidden source: Dana Whitfield (VP Strategy, Strategy)" \
        in text
    assert "2024-04-01" in text and "p = 0.005" in text and "74%" in text
    decision = toy.vision["recommendation"]["decision"]
    label = {"pursue": "Pursue", "qualify": "Qualify first", "lose_early": "Lose early"}
    assert f'class="decision {decision}">{label[decision]}<' in page
    for heading in ("Whose vision is it?", "How and where was it developed?",
                    "Is it approved and funded?"):
        assert heading in text
    for reason in toy.vision["recommendation"]["reasons"]:
        assert html.escape(reason) in page
    assert text.count("Why:") == len(customer_questions(toy)) >= 5
    assert "null hypothesis" in text and "unknown" in text
    assert toy.vision["effort"]["method"] in text
    # the load report: messages read and the error row
    assert f"{len(toy.messages)} messages read of {len(toy.messages) + 1} items found" in text
    assert "truncated" in text
    # every request of the vision is listed
    for rid in toy.vision["requests_in_vision"]:
        subject = toy.requests.loc[rid, "subject"]
        assert html.escape(subject) in page
    assert page.count("<svg") == 8


def test_brief_is_self_contained_and_inert():
    page = _brief()
    assert_inert(page)
    assert not re.search(r"https?:", page)  # not even a namespace URI: nothing to fetch
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert "<script" not in page.lower() and "<link" not in page.lower()
    assert "@import" not in page and "url(http" not in page
    assert "@media print" in page and "break-before: page" in page


def test_hostile_subjects_names_and_excerpts_render_as_text():
    page = _brief(hostile=True)
    assert_inert(page)
    assert "<script>alert(1)" not in page
    assert "<img src=x" not in page and "<iframe" not in page and "<svg onload" not in page
    assert "<b>bold</b>" not in page and "<b>x</b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # shown, as text
    assert HOSTILE_NAME not in page and HOSTILE_NAME in html.unescape(page)  # as text
    assert "&lt;svg onload=alert(3)&gt;.mbox" in page
    # a "$" in a subject is shown literally in the figures, not as matplotlib math
    assert "$5 and $10" in html.unescape(page)


def test_template_autoescapes():
    env = _environment()
    assert env.autoescape("brief.html.j2") is True
    assert "<b>" not in env.from_string("{{ x }}").render(x="<b>")


def _people_strings() -> list[str]:
    out = []
    for _, name, email, *_ in PEOPLE:
        out += [name, email, email.split("@")[0]]
        out += [part for part in re.split(r"[\s']+", name) if len(part) >= 3]
    return out


def test_anonymized_brief_shows_no_name_or_address(toy):
    page = _brief(anonymize=True)
    plain = html.unescape(page).lower()
    originals = set(_people_strings())
    originals |= set(toy.messages["sender"]) | set(toy.messages["sender_name"])
    originals |= {a for values in toy.messages["to"] for a in values}
    leaked = sorted(s for s in originals if re.search(
        r"(?<![\w])" + re.escape(s.lower()) + r"(?![\w])", plain))
    assert leaked == []
    assert "Person A" in page and "@customer.example" in page
    assert "VP Strategy" in page and "Procurement Manager" in page  # roles kept
    assert "anonymised" in page
    assert_inert(page)


def test_anonymize_analysis_reaches_every_frame_and_leaves_the_input(toy):
    before = toy.requests.copy()
    out = anonymize_analysis(toy)
    assert toy.requests.equals(before)
    assert toy.vision["source"]["name"] == "Dana Whitfield"
    source = out.vision["source"]
    assert re.fullmatch(r"Person [A-Z]+", source["name"])
    assert re.fullmatch(r"person-[a-z]+@customer\.example", source["email"])
    assert source["title"] == "VP Strategy" and source["department"] == "Strategy"
    # the same person has the same pseudonym everywhere
    row = out.stakeholders[out.stakeholders["title"] == "VP Strategy"].iloc[0]
    assert row["name"] == source["name"] and row["email"] == source["email"]
    assert row["person_id"] in out.graph
    assert set(out.requests.loc[out.requests["part_of_vision"], "originator"]) == {
        source["email"]}
    assert source["name"] in out.vision["answers"]["whose_vision"]["answer"]
    frames = {"requests": out.requests, "stakeholders": out.stakeholders,
              "evidence": out.evidence, "messages": out.messages,
              "load_errors": out.load_errors, "people": out.identities.people,
              "topics": out.topics}
    blob = " ".join(f.astype(str).to_string() for f in frames.values()).lower()
    blob += repr(out.vision).lower() + repr(list(out.graph.nodes(data=True))).lower()
    for original in _people_strings():
        assert not re.search(r"\b" + re.escape(original.lower()) + r"\b", blob), original
    assert "seller.example" in out.corpus.seller_domains
    assert anonymize_analysis(toy).vision == out.vision  # stable
    assert out.requests["sent_at"].equals(toy.requests["sent_at"])  # numbers untouched


def test_pseudonyms_cover_name_forms_and_unknown_addresses():
    from types import SimpleNamespace

    import pandas as pd

    people = pd.DataFrame({"person_id": ["p1", "p2"], "name": ["Çağlar Yılmaz", "Ana Ruiz"],
                           "emails": [["caglar.yilmaz@acme.com"], ["ana@acme.com"]],
                           "first_seen": pd.to_datetime(["2024-01-02", "2024-01-01"],
                                                        utc=True)})
    names = Pseudonyms.from_analysis(SimpleNamespace(identities=SimpleNamespace(people=people)))
    text = names.text("From CAGLAR YILMAZ <caglar.yilmaz@acme.com>, cc Ruiz, Ana and "
                      "bob@acme.com; Yılmaz wrote; msg <123@mail.acme-servers.net>")
    assert "Yılmaz" not in text and "CAGLAR" not in text and "Ruiz" not in text
    assert "bob@acme.com" not in text and "person-" in text
    assert "<123@mail.acme-servers.net>" in text  # a message id is not a person
    assert names.text("Ana Ruiz") == "Person A"  # first seen first


def test_customer_questions_follow_the_finding(toy):
    asked = " ".join(q["question"] for q in customer_questions(toy))
    assert "Dana Whitfield" in asked and "2024-04-01" in asked
    assert "budget" in asked and "Sam O'Hara" in asked
    assert "first year" in asked  # new executive
    competitor = dataclasses.replace(toy, vision={**toy.vision,
                                                  "origin_hypothesis": "competitor"})
    assert "other providers" in " ".join(q["question"] for q in customer_questions(competitor))
    funded = dict(toy.vision["answers"])
    funded["approved_funded"] = {**funded["approved_funded"], "status": "funded"}
    signed = dataclasses.replace(toy, vision={**toy.vision, "answers": funded})
    assert "signed it off" in " ".join(q["question"] for q in customer_questions(signed))
    none = customer_questions(toy_analysis(found=False))
    assert "larger initiative" in none[0]["question"] and "p = 0.410" in none[0]["why"]
    assert all(q["why"] for q in none)


def test_brief_without_a_vision_says_so():
    page = _brief(found=False)
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())
    assert "No hidden shared source found." in text
    assert "p = 0.410 is not below the level 0.05" in text
    assert "Vision terms across topics" not in text
    assert "larger initiative" in text
    assert_inert(page)


def test_brief_api(toy, tmp_path):
    brief = toy.report()
    assert isinstance(brief, Brief) and brief.anonymize is False
    page = brief.html
    assert brief.html is page  # rendered once
    assert page == _brief()  # deterministic: another analysis built the same way
    shown = brief._repr_html_()
    assert shown.startswith("<iframe") and " sandbox " in shown
    srcdoc = re.search(r'srcdoc="([^"]*)"', shown).group(1)
    assert html.unescape(srcdoc) == page
    path = brief.write_html(tmp_path / "report.html")
    assert path.read_text(encoding="utf-8") == page
    with pytest.raises(IsADirectoryError, match="needs a file path"):
        brief.write_html(tmp_path)
    with pytest.raises(ValueError, match="'figure_format' parameter of Brief must be"):
        _ = Brief(toy, figure_format="gif").html
    with pytest.raises(TypeError, match="Brief needs an Analysis"):
        _ = Brief(object()).html


def test_png_figures_and_a_test_too_thin_to_run():
    import numpy as np

    from vision_analytics.vision import SharedSourceResult

    small = toy_analysis(found=False, n_requests=6, n_topics=2)
    reason = "too thin: 6 dated requests in 2 topics (needs 20 in 3)"
    thin = dataclasses.replace(
        small, vision={**small.vision, "reason": reason},
        test=SharedSourceResult(0.0, 1.0, np.zeros(0), 6, 0, None, None, pd.DataFrame(),
                                reason=reason))
    page = Brief(thin, figure_format="png").html
    assert page.count('src="data:image/png;base64,') == 7  # no vision-terms map
    assert "<svg" not in page
    assert_inert(page)
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())
    assert f"did not run: {reason}" in text and "0 times" not in text


@pytest.mark.real_data
def test_pseudonyms_remove_every_resolved_person_from_real_mail(real_data):
    """An Enron inbox (its first 250 files, ~750 people): after pseudonymisation no resolved
    person's address or full name is left in senders, recipients, subjects or bodies (the
    test asserts on counts and lists of leaks only, never prints mail)."""
    from types import SimpleNamespace

    import vision_analytics as va
    from vision_analytics.normalize import resolve_identities

    inbox = real_data / "enron-5users" / "maildir" / "keavey-p" / "inbox"
    files = sorted(p for p in inbox.iterdir() if p.is_file())[:250]
    corpus = va.load(files, seller_domains=["enron.com"], progress=False)
    messages = corpus.messages
    identities = resolve_identities(messages, seller_domains=["enron.com"])
    names = Pseudonyms.from_analysis(SimpleNamespace(corpus=corpus, messages=messages,
                                                     identities=identities))
    out = names.apply(messages)
    emails = {e.lower() for values in identities.people["emails"] for e in values}
    # names the resolver derived from a bare domain ("Amazon Com") are not people
    full_names = {n for n in identities.people["name"] if isinstance(n, str)
                  and len(n.split()) >= 2 and n.split()[-1].lower() not in ("com", "net", "org")}
    assert len(messages) == 250 and len(emails) > 500 and len(full_names) > 300
    blob = "\n".join(out[c].fillna("").astype(str).str.cat(sep="\n")
                     for c in ("sender", "sender_name", "subject", "body_text")).lower()
    blob += "\n".join(";".join(v) for v in list(out["to"]) + list(out["cc"])).lower()
    assert [e for e in emails if e in blob] == []
    words = " " + " ".join(re.findall(r"[^\W_]+", blob)) + " "
    assert [n for n in full_names if " " + " ".join(re.findall(r"[^\W_]+", n.lower())) + " "
            in words] == []
    assert out["sent_at"].equals(messages["sent_at"]) and len(out) == len(messages)


def test_a_figure_that_fails_leaves_a_notice_and_a_warning(toy, monkeypatch):
    from vision_analytics import plots

    def broken(analysis, *, ax=None):
        raise KeyError("no such column")

    monkeypatch.setattr(plots, "plot_topic_map", broken)
    with pytest.warns(RuntimeWarning, match="plot_topic_map could not be drawn"):
        page = Brief(toy_analysis(n_requests=6, n_topics=2)).html
    assert "This figure could not be drawn: KeyError." in page
    assert page.count("<svg") == 8


@pytest.mark.slow
def test_anonymized_brief_of_the_bundled_sample():
    sample, analysis = sample_analysis()
    page = Brief(analysis, anonymize=True).html
    assert_inert(page)
    assert page.count("<svg") == (8 if analysis.vision["shared_source"] else 7)  # no terms map
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())
    if analysis.vision["shared_source"]:
        assert "Yes — the requests share a hidden source" in text
    else:
        assert "No hidden shared source found." in text
    assert f"{len(analysis.messages)} messages read" in text
    assert f"{len(analysis.requests)} requests in {len(analysis.topics)} topics" in text
    # the sample's request log repeats most e-mailed asks: each is counted once
    effort = analysis.vision["effort"]
    repeated = sum(1 for r in sample.answer_key["requests"] if r["log_ref"] and r["same_as"])
    assert 0.9 * repeated <= effort["logged_twice"] <= repeated
    assert effort["requests"] == len(analysis.requests) - effort["logged_twice"]
    assert f"{effort['logged_twice']} rows of the request log record an ask" in text
    if analysis.vision["shared_source"]:
        assert (f"({effort['vision']['requests']} of {effort['requests']} asks, once the "
                f"request log's {effort['logged_twice']} copies") in text
    plain = html.unescape(page).lower()
    people = sample.answer_key["people"] + [sample.answer_key["source"]]
    assert len(people) > 20
    leaked = [p["name"] for p in people
              if re.search(r"(?<!\w)" + re.escape(p["name"].lower()) + r"(?!\w)", plain)]
    leaked += [p["email"] for p in people if p["email"].lower() in plain]
    leaked += [p["email"].split("@")[0] for p in people if re.search(
        r"(?<![\w.])" + re.escape(p["email"].split("@")[0].lower()) + r"(?![\w])", plain)]
    # the source's first and last name, in any case (derived terms are lower-cased)
    leaked += [part for part in sample.answer_key["source"]["name"].lower().split()
               if re.search(r"(?<!\w)" + re.escape(part) + r"(?!\w)", plain)]
    assert leaked == []


def test_lower_case_names_in_topic_labels_and_terms_are_replaced(toy):
    topics = toy.topics.copy()
    topics.loc[0, "label"] = "whitfield (invoice, credit)"
    topics.at[0, "top_terms"] = ["whitfield", "invoice", "dana"]
    vision = {**toy.vision, "vision_terms": ["zero touch", "dana plan"]}
    out = anonymize_analysis(dataclasses.replace(toy, topics=topics, vision=vision))
    label, terms = out.topics.loc[0, "label"], out.topics.loc[0, "top_terms"]
    assert "whitfield" not in label and "invoice, credit" in label
    assert terms[1] == "invoice" and "whitfield" not in terms and "dana" not in terms
    assert out.vision["vision_terms"][0] == "zero touch" and "dana" not in out.vision[
        "vision_terms"][1]
    # in running text a lower-case word that happens to be a name part is left alone
    assert Pseudonyms.from_analysis(toy).text("a park nearby") == "a park nearby"


def test_whose_vision_of_the_sample_rests_on_clues_that_name_the_source():
    """Each request shown under "Whose vision is it?" carries a clue naming the source
    (not a clue of the finding set beside any vision request), and the source's own
    messages that write the vision's words are listed by their message ids."""
    sample, analysis = sample_analysis()
    vision = analysis.vision
    assert vision["shared_source"]
    people = set(vision["source_people"]) | {vision["source_key"]}
    evidence = analysis.evidence
    items = vision["answers"]["whose_vision"]["evidence"]
    linked = [e for e in items if e.get("request_id")]
    assert len(linked) >= 3
    for item in linked:
        assert item["request_id"] in vision["requests_in_vision"]
        assert item["kind"] not in ("sender", "vision")
        rows = evidence[(evidence["request_id"].astype(str) == item["request_id"])
                        & evidence["candidate"].isin(people)
                        & (evidence["kind"] == item["kind"])]
        assert item["excerpt"] in set(rows["excerpt"])
    own = [e for e in items if e.get("kind") == "own_mail"]
    assert own
    sources = {analysis.identities.lookup(s) for s in analysis.messages.loc[
        analysis.messages["message_id"].isin([e["message_id"] for e in own]), "sender"]}
    assert sources <= people
    terms = [t.lower() for t in vision["vision_terms"]]
    assert all(any(t in e["excerpt"].lower() for t in terms) for e in own)
    page = html.unescape(Brief(analysis).html)
    assert all(e["date"] in page and e["subject"] in page for e in own)


def test_how_it_developed_points_at_where_the_story_starts():
    """"How and where was it developed?" lists, in date order, the messages where the
    story starts: the source first copied in (the sample's welcome note), their
    first own message, and the first request of the vision."""
    sample, analysis = sample_analysis()
    vision = analysis.vision
    linked = [e for e in vision["answers"]["how_developed"]["evidence"] if e.get("message_id")]
    assert [e["date"] for e in linked] == sorted(e["date"] for e in linked)
    messages = analysis.messages.set_index("message_id")
    people = set(vision["source_people"]) | {vision["source_key"]}
    kinds = {e["excerpt"].split(":")[0].removeprefix(vision["source"]["name"] + " "): e
             for e in linked}
    copied = kinds["first copied in"]
    wrote = kinds[f"first message sent by {vision['source']['name']}"]
    assert copied["date"] < wrote["date"]
    assert analysis.identities.lookup(messages.loc[wrote["message_id"], "sender"]) in people
    assert "welcom" in copied["subject"].lower()
    first = kinds["first request of the vision"]
    dates = analysis.requests.loc[vision["requests_in_vision"], "sent_at"]
    assert first["request_id"] == str(dates.idxmin())
