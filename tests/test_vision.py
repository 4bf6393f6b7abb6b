"""The shared-source test, the finding's parts, the questions and the recommendation."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from vision_analytics.vision import (
    SharedSourceResult,
    SharedSourceTest,
    SourceCandidate,
    VisionFinder,
    answer_questions,
    effort_ledger,
    recommend,
)
from vision_analytics.vision._shared_source import Concepts, contains_term

WORDS = ("invoice order delivery renewal training security questionnaire support ticket "
         "escalation contract discount volume site region plant quality audit shipment "
         "credit note warranty spare parts forecast").split()
VISION = ["zero touch provisioning", "single pane of glass", "platform consolidation",
          "outcome based pricing", "five year roadmap"]


def _stream(seed: int, *, planted: bool, n: int = 120, n_topics: int = 8) -> pd.DataFrame:
    """Requests with topic words and threads; optionally a vision planted after day 180."""
    rng = np.random.default_rng(seed)
    days = np.sort(rng.uniform(0, 360, n))
    topics = rng.integers(0, n_topics, n)
    texts = []
    for day, topic in zip(days, topics, strict=True):
        words = list(rng.choice(WORDS, 10)) + [f"topicword{topic}", f"area{topic}"]
        if planted and day > 180 and rng.random() < 0.7:
            words += list(rng.choice(VISION, 2, replace=False))
        texts.append(" ".join(words))
    return pd.DataFrame({
        "sent_at": pd.Timestamp("2024-01-01", tz="UTC") + pd.to_timedelta(days, unit="D"),
        "text": texts,
        "topic_id": [f"t{k}" for k in topics],
        "thread_id": [f"th{i // 2}" for i in range(n)],
        "message_id": [f"<{i}@x>" for i in range(n)],
    }, index=pd.Index([f"r{i:03d}" for i in range(n)], name="request_id"))


def test_false_positive_rate_holds_on_stationary_streams():
    hits = sum(SharedSourceTest(n_permutations=49, random_state=s).fit(
        _stream(s, planted=False)).p_value < 0.05 for s in range(24))
    # at most 5% expected; allow binomial noise on 24 draws (P[X >= 5] < 1% at p = 0.05)
    assert hits <= 4


def test_planted_vision_is_found_with_its_onset_and_terms():
    requests = _stream(7, planted=True)
    result = SharedSourceTest(n_permutations=199, random_state=0).fit(requests)
    assert result.p_value < 0.01
    assert abs((result.split_time - pd.Timestamp("2024-06-29", tz="UTC")).days) <= 30
    terms = VisionFinder().vision_terms(result)
    assert sum(any(v in t or t in v for v in VISION) for t in terms[:5]) >= 4


def _quiet_phrases_case(tickets: int = 0):
    """Two sharp phrases carry most vision requests, four quieter ones a few each, an
    everyday phrase runs through the year; ``tickets`` requests after the onset paste
    one support ticket and none of the vision's phrases."""
    rng = np.random.default_rng(3)
    n = 200
    days = np.sort(rng.uniform(0, 360, n))
    quiet = ["golden configuration", "day-two operations", "closed-loop assurance",
             "touchless onboarding"]
    texts = []
    for i, day in enumerate(days):
        words = list(rng.choice(WORDS, 8))
        if rng.random() < 0.3:
            words += ["going", "forward"]
        if day > 180:
            words += ["lights-out operations" if i % 2 else "policy-driven orchestration"]
            if i % 3 == 0:
                words += [quiet[(i // 3) % len(quiet)]]
        texts.append(" ".join(words))
    ticket = ("my account has been locked after the password change and the reset link "
              "does not arrive. can you unlock it please? user u3681")
    days = np.concatenate([days, np.linspace(200, 350, tickets)])
    texts += [f"{' '.join(rng.choice(WORDS, 6))}. {ticket}" for _ in range(tickets)]
    requests = pd.DataFrame({
        "sent_at": pd.Timestamp("2024-01-01", tz="UTC") + pd.to_timedelta(days, unit="D"),
        "text": texts, "topic_id": [f"t{i % 5}" for i in range(len(texts))],
    }, index=pd.Index([f"r{i:03d}" for i in range(len(texts))], name="request_id"))
    sharp = ["lights-out operations", "policy-driven orchestration"]
    onset = pd.Timestamp("2024-06-29", tz="UTC")
    return requests, sharp, onset, quiet


def test_a_visions_quieter_phrases_join_its_sharpest():
    requests, sharp, onset, quiet = _quiet_phrases_case()
    terms = VisionFinder().expand_terms(requests, sharp, onset)
    assert terms[:2] == sharp
    assert set(quiet) <= set(terms)
    assert not any("going" in t or "forward" in t for t in terms)
    # no onset, nothing to compare against: the sharp phrases alone
    assert VisionFinder().expand_terms(requests, sharp, None) == sharp
    # and the same on a seeded sample of the stream
    sampled = VisionFinder(max_sample=150).expand_terms(requests, sharp, onset)
    assert sampled == VisionFinder(max_sample=150).expand_terms(requests, sharp, onset)


def test_phrases_that_emerge_apart_from_the_vision_do_not_join_it():
    # a support ticket pasted into six threads after the onset is new too, but it is
    # never written beside the vision's phrases; and "arrive unlock user" runs over
    # the ends of its sentences
    requests, sharp, onset, quiet = _quiet_phrases_case(tickets=6)
    terms = VisionFinder().expand_terms(requests, sharp, onset)
    assert set(quiet) <= set(terms)
    assert not any(w in t for t in terms for w in ("account", "password", "unlock", "reset"))
    untied = VisionFinder(min_tied=0.0).expand_terms(requests, sharp, onset)
    assert any("password" in t for t in untied)
    assert not any("arrive unlock" in t for t in untied)


def test_onset_is_the_change_in_the_share_of_vision_requests():
    from types import SimpleNamespace

    from vision_analytics.vision._finding import change_onset

    days = np.arange(0, 300, 2.0)
    requests = pd.DataFrame({
        "sent_at": pd.Timestamp("2024-01-01", tz="UTC") + pd.to_timedelta(days, unit="D")})
    # a stray use on day 20, then every other request from day 150 on
    members = pd.Series((days == 20) | ((days >= 150) & (days % 4 == 2)), index=requests.index)
    # the test's split came weeks later, when the phrases were sharpest
    late = SimpleNamespace(split_time=pd.Timestamp("2024-08-08", tz="UTC"))
    onset = change_onset(late, requests, members)
    assert onset == pd.Timestamp("2024-05-30", tz="UTC")  # day 150
    # a vision that starts slowly and later takes over: the later, steeper rise is
    # the likelier single change, but by the test's split the vision had begun
    slow = pd.Series(((days >= 100) & (days % 8 == 4)) | (days >= 200), index=requests.index)
    early = SimpleNamespace(split_time=pd.Timestamp("2024-04-30", tz="UTC"))  # day 120
    assert change_onset(early, requests, slow) == pd.Timestamp("2024-04-10", tz="UTC")
    assert change_onset(SimpleNamespace(split_time=None), requests, members) is None


def test_same_seed_same_answer_and_thin_data_gives_no_finding():
    requests = _stream(3, planted=True)
    a = SharedSourceTest(n_permutations=49, random_state=5).fit(requests)
    b = SharedSourceTest(n_permutations=49, random_state=5).fit(requests)
    assert a.p_value == b.p_value and np.array_equal(a.null_distribution, b.null_distribution)
    thin = SharedSourceTest().fit(requests.head(10))
    assert thin.p_value == 1.0 and "too thin" in thin.reason and not thin.significant(0.05)


def test_missing_column_is_named():
    with pytest.raises(ValueError, match="needs a 'topic_id' column"):
        SharedSourceTest().fit(pd.DataFrame({"sent_at": [], "text": []}))


def test_questions_effort_and_recommendation():
    requests = _stream(7, planted=True)
    members = pd.Series(requests["text"].str.contains("zero touch"), index=requests.index)
    funded = requests.index[members][:2]
    requests.loc[funded, "text"] += " The budget has been approved by the board."
    finding = {"shared_source": True, "p_value": 0.005, "confidence": 0.8,
               "source": {"name": "Dana Whitfield", "email": "dana@c.com", "organization": "C",
                          "department": "Strategy", "title": "Chief Digital Officer"},
               "source_kind": "person", "origin_hypothesis": "new_executive",
               "onset": "2024-06-29", "vision_terms": VISION,
               "requests_in_vision": list(requests.index[members])}
    answers = answer_questions(finding, requests, members)
    assert "Dana Whitfield" in answers["whose_vision"]["answer"]
    assert answers["approved_funded"]["status"] == "funded"
    assert answers["approved_funded"]["evidence"][0]["message_id"].startswith("<")
    messages = pd.DataFrame({
        "direction": ["outbound", "outbound"], "thread_id": ["th0", "th0"],
        "sent_at": pd.to_datetime(["2024-01-06", "2024-01-08"], utc=True),  # Sat, Mon
        "body_text": ["word " * 300, "word " * 30], "attachment_names": [["a.pdf"], []]})
    effort = effort_ledger(requests, messages, members)
    assert effort["requests"] == len(requests) and effort["replies"] >= 1
    assert 0 < effort["weekend_share"] <= 1 and effort["estimated_hours"] > 1
    assert recommend(finding, answers, effort)["decision"] == "pursue"
    silent = answer_questions({**finding}, requests.assign(text="please advise"), members)
    assert silent["approved_funded"]["status"] == "silent"
    assert recommend(finding, silent, effort)["decision"] == "qualify"
    assert recommend({"shared_source": False}, silent, effort)["decision"] == "pursue"
    # a competitor known only by its product's name is not called an organisation by it
    product = {**finding, "source": {"name": "Kestrel", "email": "", "organization": "",
                                     "department": "", "title": ""},
               "source_kind": "external", "origin_hypothesis": "competitor"}
    assert "organisation behind Kestrel" in answer_questions(
        product, requests, members)["whose_vision"]["answer"]


def test_whose_vision_points_only_at_what_names_the_source():
    """The evidence of "whose vision" is the requests whose own clues name the
    source and the source's own mail; a clue about the source is never set beside
    a request it does not rest on."""
    requests = _stream(7, planted=True)
    members = pd.Series(requests["text"].str.contains("zero touch"), index=requests.index)
    inside, outside = requests.index[members], requests.index[~members]
    finding = {"shared_source": True, "p_value": 0.005, "confidence": 0.8,
               "source": {"name": "Dana Whitfield", "email": "dana@c.com", "organization": "C",
                          "department": "Strategy", "title": "Chief Digital Officer"},
               "source_kind": "person", "source_key": "p_dana", "source_people": [],
               "source_clues": ["first appeared 27 May 2024, near the onset"],
               "origin_hypothesis": "new_executive", "onset": "2024-06-29",
               "vision_terms": VISION, "requests_in_vision": list(inside)}
    evidence = pd.DataFrame({
        "request_id": [inside[0], inside[0], inside[1], inside[2], inside[3], outside[0]],
        "candidate": ["p_lee", "p_dana", "p_dana", "p_kim", "p_dana", "p_dana"],
        "kind": ["sender", "vision", "forwarded_header", "mention", "cc", "style"],
        "weight": [1.0, 2.5, 2.5, 1.5, 0.8, 0.8],
        "excerpt": ["sent by Lee", "uses the vision's phrases", "forwarded from Dana",
                    "per Kim's note", "Dana newly copied in", "style match 0.7 with Dana"],
        "source": [""] * 6})
    answer = answer_questions(finding, requests, members, evidence)["whose_vision"]
    assert "first appeared 27 May 2024" in answer["answer"]
    shown = [(e["request_id"], e["excerpt"]) for e in answer["evidence"]]
    assert shown == [(inside[1], "forwarded from Dana"), (inside[3], "Dana newly copied in")]
    assert answer["evidence"][0]["message_id"] == requests.loc[inside[1], "message_id"]
    # the source's own mail comes after, with its message id and date
    writing = [{"message_id": "<own@c>", "date": "2024-07-01", "subject": "Plans",
                "excerpt": "zero touch provisioning everywhere"}]
    more = answer_questions({**finding, "source_writing": writing}, requests, members,
                            evidence)["whose_vision"]["evidence"]
    assert more[-1]["message_id"] == "<own@c>" and more[-1]["kind"] == "own_mail"
    # with nothing that names the source, its clues stand alone: no request id
    alone = answer_questions(finding, requests, members)["whose_vision"]["evidence"]
    assert alone == [{"excerpt": "first appeared 27 May 2024, near the onset"}]


def test_each_reply_counts_once_for_the_ask_it_answers():
    # an ask, the seller's answer, a chaser a week later, the answer to the chaser:
    # two replies in all, one for each request; a reply before any ask is no one's
    requests = pd.DataFrame({
        "sent_at": pd.to_datetime(["2024-03-04", "2024-03-11", "2024-03-05"], utc=True),
        "thread_id": ["th1", "th1", "th2"], "topic_id": ["t1", "t1", "t2"],
        "hours_spent": [np.nan, np.nan, 3.0],
    }, index=pd.Index(["ask", "chaser", "logged"], name="request_id"))
    messages = pd.DataFrame({
        "direction": ["outbound"] * 4, "thread_id": ["th1", "th1", "th1", "th2"],
        "sent_at": pd.to_datetime(["2024-03-01", "2024-03-05", "2024-03-12", "2024-03-06"],
                                  utc=True),
        "body_text": ["word " * 30, "word " * 300, "word " * 60, "word"],
        "attachment_names": [[], ["deck.pdf"], [], []]})
    members = pd.Series([True, True, False], index=requests.index)
    effort = effort_ledger(requests, messages, members)
    assert effort["replies"] == 3 and effort["vision"]["replies"] == 2
    # the ask: 0.25 h + 300 words / 300 + 1 h for the deck; the chaser: 0.25 + 60/300
    assert effort["vision"]["estimated_hours"] == round(2.25 + 0.45, 1)
    # the log's own hours stand for its row
    assert effort["estimated_hours"] == round(2.25 + 0.45 + 3.0, 1)
    undated = requests.assign(sent_at=pd.NaT)
    assert effort_ledger(undated, messages, members)["replies"] == 4
    # the log's row for the ask is the ask: counted once, the log's hours are its hours
    log_row = pd.DataFrame({"sent_at": pd.to_datetime(["2024-03-04 15:00"], utc=True),
                            "thread_id": ["th1"], "topic_id": ["t1"], "hours_spent": [5.0],
                            "same_as": ["ask"]}, index=pd.Index(["l_ask"], name="request_id"))
    with_log = pd.concat([requests.assign(same_as=""), log_row])
    effort = effort_ledger(with_log, messages, pd.concat([members, pd.Series({"l_ask": True})]))
    assert effort["requests"] == 3 and effort["logged_twice"] == 1
    assert effort["replies"] == 3
    assert effort["vision"]["estimated_hours"] == round(5.0 + 0.45, 1)


def test_a_chaser_of_a_vision_ask_is_in_the_vision():
    from vision_analytics._analysis import _with_chasers

    at = pd.to_datetime(["2024-03-01", "2024-03-08", "2024-03-09", "2024-02-20", "2024-03-10"],
                        utc=True)
    requests = pd.DataFrame({"thread_id": ["th1", "th1", "th1", "th1", "th2"],
                             "sender_id": ["pat", "pat", "kim", "pat", "pat"], "sent_at": at},
                            index=pd.Index(["ask", "chaser", "other", "before", "elsewhere"],
                                           name="request_id"))
    members = pd.Series([True, False, False, False, False], index=requests.index)
    # Pat's chaser joins; Kim's ask in the thread, Pat's earlier ask and Pat's ask in
    # another thread do not
    assert _with_chasers(members, requests).to_dict() == {
        "ask": True, "chaser": True, "other": False, "before": False, "elsewhere": False}


def test_an_ask_and_the_log_row_recording_it_are_in_the_vision_together():
    from vision_analytics._analysis import _with_records

    requests = pd.DataFrame({"same_as": ["", "", "m1", "m2", ""]},
                            index=pd.Index(["m1", "m2", "l1", "l2", "l3"], name="request_id"))
    members = pd.Series([True, False, False, True, False], index=requests.index)
    out = _with_records(members, requests)
    assert out.to_dict() == {"m1": True, "m2": True, "l1": True, "l2": True, "l3": False}
    assert _with_records(members, requests.drop(columns="same_as")).equals(members)


def test_the_test_counts_an_ask_and_the_log_row_recording_it_once():
    from tests.test_report import sample_analysis

    _, analysis = sample_analysis()
    requests = analysis.requests
    records = requests["same_as"].fillna("").astype(str) != ""
    assert records.sum() >= 10  # the sample's request log types up many of its mails
    assert analysis.test.n_requests == int(requests.loc[~records, "sent_at"].notna().sum())


def test_log_copies_counted_twice_would_pass_for_a_change_on_a_stationary_stream():
    from vision_analytics._analysis import _one_per_ask

    # every ask typed up in a log an hour later (a row of its own, in no thread):
    # counted twice, each word's rise doubles while the permutations part the copies
    hits = {"twice": 0, "once": 0}
    for seed in range(12):
        stream = _stream(seed, planted=False)
        copies = stream.assign(sent_at=stream["sent_at"] + pd.Timedelta(hours=1),
                               thread_id="", same_as=stream.index.to_numpy())
        copies.index = "log_" + stream.index
        both = pd.concat([stream.assign(same_as=""), copies])
        test = SharedSourceTest(n_permutations=49, random_state=seed)
        hits["twice"] += test.fit(both).p_value < 0.05
        once = test.fit(_one_per_ask(both))
        hits["once"] += once.p_value < 0.05
        assert once.statistic == test.fit(stream).statistic
    # measured: once 1 of 12 below 0.05, twice 11 of 12
    assert hits["once"] <= 2 and hits["twice"] >= 8


def _vision_then_name(mode: str, seed: int) -> pd.DataFrame:
    """Two hundred asks, one every two days, in four topics. From the 61st (or, with
    a product, the 101st) every other ask also writes one of seven vision phrases
    ("audit on demand", …); with a ``"product"``, beside an outside product's name
    ("Kestrel Flow offers audit on demand"). With a ``"programme"``, from the 141st
    on, seven asks in ten of every kind cite a company programme ("We need this for
    Growth Engine")."""
    rng = np.random.default_rng(seed)
    words = "invoice licence renewal report outage password export training seat upgrade"
    phrases = ["audit on demand", "portable workloads", "residency map", "kill switch clause",
               "open formats only", "region locked tenancy", "silent subprocessors"]
    start = 60 if mode == "programme" else 100
    texts = []
    for i in range(200):
        w = rng.choice(words.split(), 3, replace=False)
        text = (f"Please help with the {w[0]} and {w[1]} for site {rng.integers(50)}, "
                f"{w[2]} pending.")
        if i >= start and i % 2 == 0:
            lead = "Kestrel Flow offers" if mode == "product" else "We want"
            text += f" {lead} {phrases[(i // 2) % 7]} for this."
        if mode == "programme" and i >= 140 and rng.random() < 0.7:
            text += " We need this for Growth Engine."
        texts.append(text)
    return pd.DataFrame({
        "sent_at": pd.date_range("2024-01-01", periods=200, freq="2D", tz="UTC"),
        "text": texts, "topic_id": [f"t{(i // 2) % 4}" for i in range(200)],
        "thread_id": [f"th{i}" for i in range(200)]})


@pytest.mark.parametrize("seed", [0, 1])
def test_a_programme_everyone_cites_later_does_not_hide_the_visions_onset(seed):
    """A vision begins with the 61st ask; months later a company programme's name
    rises far more sharply, in asks of every kind. Read with it, the strongest change
    is the programme's start, where nothing else changed (not enough families: no
    finding). Set aside, the vision is read at its own onset."""
    requests = _vision_then_name("programme", seed)
    kept = SharedSourceTest(n_permutations=49, set_apart=False).fit(requests)
    assert kept.split_index >= 130 and not kept.significant(0.05)
    found = SharedSourceTest(n_permutations=49).fit(requests)
    assert found.set_aside[0] == "term:growth engine"
    assert 55 <= found.split_index <= 65 and found.significant(0.05)
    assert not found.features["feature"].str.contains("growth").any()


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_a_product_written_in_the_visions_asks_is_not_set_aside(seed):
    """The vision's asks name the product they are built on: it rose with them, at
    their split, and stays part of the finding."""
    requests = _vision_then_name("product", seed)
    found = SharedSourceTest(n_permutations=49).fit(requests)
    kept = SharedSourceTest(n_permutations=49, set_apart=False).fit(requests)
    assert found.set_aside == ()
    assert (found.split_index, found.statistic, found.n_families) == (
        kept.split_index, kept.statistic, kept.n_families)
    assert found.significant(0.05)


def _vision_requests(brand: str = "Kestrel") -> tuple[pd.DataFrame, pd.Series]:
    """Twelve asks, the last eight (the vision) naming an outside product mid-sentence."""
    texts = [f"Please send the invoice for the Rotterdam site, order {i}." for i in range(4)]
    texts += [f"How do you compare with {brand} Flow on area{i % 4}? Rotterdam needs it."
              if i % 2 else f"Our board likes what {brand} offers for area{i % 4}. "
              "Meridian Foods agrees." for i in range(8)]
    requests = pd.DataFrame({
        "text": texts,
        "sent_at": pd.date_range("2024-01-01", periods=12, freq="14D", tz="UTC"),
        "topic_id": [f"t{i % 4}" for i in range(12)],
    }, index=pd.Index([f"r{i}" for i in range(12)], name="request_id"))
    members = pd.Series([False] * 4 + [True] * 8, index=requests.index)
    return requests, members


def _people() -> pd.DataFrame:
    return pd.DataFrame({
        "person_id": ["p_ana", "p_bo", "p_rep"],
        "name": ["Ana Lima", "Bo Berg", "Cy Rep"],
        "emails": [["ana@meridian.com"], ["bo@meridian.com"], ["cy@rival.io"]],
        "organization": ["Meridian Foods", "Meridian Foods", "Rival"],
        "domain": ["meridian.com", "meridian.com", "rival.io"], "department": ["", "", ""],
        "title": ["", "", ""], "side": ["customer", "customer", "external"],
        "first_seen": pd.to_datetime(["2024-01-01"] * 3, utc=True),
    })


def test_outside_name_arriving_with_the_vision_is_found():
    from vision_analytics.vision import emerging_names

    requests, members = _vision_requests()
    onset = requests.loc[members, "sent_at"].min()
    found = emerging_names(requests, members, onset, "Rotterdam invoices as usual", _people())
    # the product, not a place the account wrote about before nor a known organisation
    assert [f.name for f in found] == ["Kestrel"]
    assert found[0].n_requests == 8 and found[0].n_topics == 4
    assert "Kestrel Flow" in found[0].variants
    # a name the account already used before the onset is not news
    assert emerging_names(requests, members, onset, "a Kestrel demo in May", _people()) == []
    # capitalised only at the start of a sentence: not a name
    requests["text"] = requests["text"].str.replace("Our board likes what Kestrel",
                                                    "Kestrel is what our board likes")
    assert emerging_names(requests, members, onset, "", _people(), min_share=0.6) == []


def _programme_and_vision(name_beside: list[int]) -> tuple:
    """Eight everyday asks, then sixteen from the onset: eight of the vision (writing
    "audit on demand" or "portable workloads") and eight everyday ones. The asks at
    ``name_beside`` (positions among the sixteen; the vision's are the even ones)
    write "for Growth Engine" too, and "growth engine" is one of the vision's
    phrases, so every ask that writes it counts as the vision's."""
    before = [f"Please send the invoice for the Rotterdam site, order {i}." for i in range(8)]
    after = []
    for i in range(16):
        text = (f"Can you describe {('audit on demand', 'portable workloads')[i // 2 % 2]} "
                f"for area{i}?" if i % 2 == 0 else f"Please renew licence {i} for Rotterdam.")
        if i in name_beside:
            text += " We need this for Growth Engine, as agreed."
        after.append(text)
    requests = pd.DataFrame({
        "text": before + after,
        "sent_at": pd.date_range("2024-01-01", periods=24, freq="7D", tz="UTC"),
        "topic_id": [f"t{i % 4}" for i in range(24)],
    }, index=pd.Index([f"r{i}" for i in range(24)], name="request_id"))
    terms = ["growth engine", "audit on demand", "portable workloads"]
    members = pd.Series([False] * 8 + [i % 2 == 0 or i in name_beside for i in range(16)],
                        index=requests.index)
    return requests, members, terms, requests["sent_at"].iloc[8]


def test_a_programme_name_cited_in_any_ask_does_not_travel_with_the_vision():
    """A company programme everyone cites from the onset on ("We need this for Growth
    Engine") in the vision's asks and in everyday ones alike: among the asks that are
    the vision's by its other phrases, it is no more common than elsewhere. It may
    have become one of the vision's phrases, and then every ask citing it counts as
    the vision's, so that all the asks writing it are the vision's: counted that
    way, it passes for an outside product. It is a stray name, not an outside one."""
    from vision_analytics.vision import emerging_names, stray_names

    requests, members, terms, onset = _programme_and_vision([0, 1, 4, 5, 8, 9])
    people = _people()
    # without the phrases that made the vision, the name looks like a product
    assert [f.name for f in emerging_names(requests, members, onset, "", people)] == ["Growth"]
    assert emerging_names(requests, members, onset, "", people, terms=terms) == []
    assert stray_names(requests, members, onset, "", people, terms) == ["Engine", "Growth"]


def test_a_product_written_beside_the_visions_phrases_travels_with_it():
    """The same asks, but the name is written in five of the vision's asks and in one
    everyday ask: it travels with the vision's other phrases, and stays an outside
    name."""
    from vision_analytics.vision import emerging_names, stray_names

    requests, members, terms, onset = _programme_and_vision([0, 2, 4, 6, 8, 9])
    people = _people()
    found = emerging_names(requests, members, onset, "", people, terms=terms)
    assert [f.name for f in found] == ["Growth"]
    assert stray_names(requests, members, onset, "", people, terms) == []
    # with no phrase of the vision free of the name, there is nothing to tell by
    found = emerging_names(requests, members, onset, "", people, terms=terms[:1])
    assert [f.name for f in found] == ["Growth"]


@pytest.mark.parametrize("note", [
    # its nouns have capitals, like every German noun, and are new with the vision,
    # but they name nothing
    "Wir stellen gerade vieles auf den Prüfstand, und das wird unser Leitbild.",
    # no article or "und": "soll", "nahezu" and "außerdem" make it German, beside one
    # "Ihr"; "Echtzeit" (real time) is a noun, not a product
    "Außerdem soll Ihr Portal die Daten nahezu in Echtzeit lesen."])
def test_a_german_noun_in_a_mixed_language_ask_is_not_an_outside_name(note):
    from vision_analytics.vision import emerging_names

    requests, members = _vision_requests()
    # the vision's asks also paste a German note
    requests.loc[members, "text"] = requests.loc[members, "text"] + " " + note
    onset = requests.loc[members, "sent_at"].min()
    found = emerging_names(requests, members, onset, "Rotterdam invoices as usual", _people())
    assert [f.name for f in found] == ["Kestrel"]


def test_a_capitalised_modifier_of_the_visions_phrase_is_no_outside_name():
    """ "GitOps-managed cluster cataloguing", "Kubernetes-native delivery": a capitalised
    word hyphened to a small one modifies the vision's phrase; it names no product and
    no maker. The product beside it ("Kestrel Flow") still does."""
    from vision_analytics.vision import emerging_names

    requests, members = _vision_requests()
    requests.loc[members, "text"] = [
        f"We want GitOps-managed cluster cataloguing for area{i}. " + text
        for i, text in enumerate(requests.loc[members, "text"])]
    onset = requests.loc[members, "sent_at"].min()
    found = emerging_names(requests, members, onset, "Rotterdam invoices as usual", _people())
    assert [f.name for f in found] == ["Kestrel"]


def test_a_question_opened_after_a_colon_is_no_outside_name():
    from vision_analytics.vision import emerging_names

    requests, members = _vision_requests()
    # a numbered questionnaire flattened into one line: "by 7 April: Does your …"
    requests.loc[members, "text"] = [
        f"Please answer by {i + 1} April: Does your platform cover area{i}? Which plan? "
        + text for i, text in enumerate(requests.loc[members, "text"])]
    onset = requests.loc[members, "sent_at"].min()
    found = emerging_names(requests, members, onset, "Rotterdam invoices as usual", _people())
    assert [f.name for f in found] == ["Kestrel"]
    # a name after a colon is still a name
    requests.loc[members, "text"] = requests.loc[members, "text"].str.replace(
        "Does your platform", "Kestrel Flow")
    found = emerging_names(requests, members, onset, "", _people())
    assert [f.name for f in found] == ["Kestrel"] and found[0].n_requests == 8


def test_function_words_of_other_languages_are_no_vision_phrases():
    times = pd.date_range("2024-01-01", periods=60, freq="5D", tz="UTC")
    texts = [f"Routine ask {i} about invoices and licences" for i in range(30)] + [
        f"Perdón por insistir, ¿cómo va esto? Necesitamos la respuesta antes del cierre {i}"
        for i in range(30)]
    requests = pd.DataFrame({"sent_at": times, "text": texts,
                             "topic_id": [f"t{i % 4}" for i in range(60)],
                             "thread_id": [f"th{i}" for i in range(60)]})
    result = SharedSourceTest(n_permutations=19, random_state=0).fit(requests)
    terms = set(result.features["feature"].str.removeprefix("term:"))
    assert {"perdón insistir", "necesitamos respuesta"} & terms
    # "cómo", "esto", "antes del" carry no idea of anyone's
    assert not {"cómo", "esto", "antes", "antes del", "cómo esto"} & terms


def test_a_log_excerpt_repeated_in_follow_ups_gives_no_vision_phrases():
    times = pd.date_range("2024-01-01", periods=60, freq="5D", tz="UTC")
    texts = [f"Routine ask {i} about invoices and licences" for i in range(30)] + [
        f"Any update? Log excerpt: java.lang.NullPointerException at ReportWriter.java:212 "
        f"on mail.acme-internal.net, case {i}" for i in range(30)]
    requests = pd.DataFrame({"sent_at": times, "text": texts,
                             "topic_id": [f"t{i % 4}" for i in range(60)],
                             "thread_id": [f"th{i}" for i in range(60)]})
    result = SharedSourceTest(n_permutations=19, random_state=0).fit(requests)
    words = {w for f in result.features["feature"] for w in f.removeprefix("term:").split()}
    assert "excerpt" in words
    # a code path, a file and a host are machine text, not anyone's words
    assert not {"java", "lang", "nullpointerexception", "reportwriter", "acme-internal"} & words


def test_outside_name_stands_for_a_competitor_that_never_wrote():
    from vision_analytics.vision import emerging_names

    requests, members = _vision_requests()
    requests["sender_id"] = "p_ana"
    requests["originator_id"] = "p_ana"
    requests["originator_confidence"] = 0.9
    onset = requests.loc[members, "sent_at"].min()
    people = _people()
    found = emerging_names(requests, members, onset, "", people)
    authored = pd.DataFrame({"author_id": ["p_ana"], "text": ["kestrel flow area1"],
                             "sent_at": [onset]})
    finder = VisionFinder()
    ranked = finder.candidates(requests, members, ["kestrel flow"], people, authored, onset,
                               outside_names=found)
    assert ranked[0].kind == "external" and ranked[0].name == "Kestrel"
    origin, clues = finder.origin(ranked[0], onset, requests["sent_at"].min())
    assert origin == "competitor" and "never wrote" in clues[0]
    # without the outside name, the messenger's own words would make her the source
    plain = finder.candidates(requests, members, ["kestrel flow"], people, authored, onset)
    assert not plain or plain[0].key != "org:Kestrel"
    # when the outside organisation's own mail names the product, it gains the evidence
    authored.loc[1] = ["p_rep", "Kestrel Flow brings it all", onset]
    ranked = finder.candidates(requests, members, ["kestrel flow"], people, authored, onset,
                               outside_names=found)
    assert ranked[0].key == "org:Rival"
    assert any("Kestrel" in clue for clue in ranked[0].clues)
    assert not any(c.key == "org:Kestrel" for c in ranked)


def test_an_outside_name_without_its_maker_goes_to_the_outsider_writing_the_vision():
    """The asks carry a name no one in the mail writes (a product, or the customer's
    own new programme word) and its maker is never named; one outside organisation's
    own mail writes the vision's phrases. That organisation is the name's likeliest
    maker. With two such organisations, the name stands alone."""
    from vision_analytics.vision import emerging_names

    requests, members = _vision_requests()
    requests["text"] = requests["text"] + " A golden path."
    requests["sender_id"] = requests["originator_id"] = "p_ana"
    requests["originator_confidence"] = 0.9
    onset = requests.loc[members, "sent_at"].min()
    people = _people()
    found = emerging_names(requests, members, onset, "", people)
    assert [f.name for f in found] == ["Kestrel"]
    terms = ["kestrel flow", "golden path"]
    authored = pd.DataFrame({"author_id": ["p_ana", "p_rep"],
                             "text": ["kestrel flow area1", "Our golden path, out of the box."],
                             "sent_at": [onset, onset + pd.Timedelta(days=90)]})
    finder = VisionFinder(relay_style=False)
    ranked = finder.candidates(requests, members, terms, people, authored, onset,
                               outside_names=found)
    assert ranked[0].key == "org:Rival"
    assert "Kestrel" in ranked[0].clues[-1] and "maker is not named" in ranked[0].clues[-1]
    assert not any(c.key == "org:Kestrel" for c in ranked)
    # a second outside organisation writing the phrases: no one maker to name
    people.loc[3] = ["p_other", "Di Other", ["di@other.io"], "Other", "other.io", "", "",
                     "external", people.loc[2, "first_seen"]]
    authored.loc[2] = ["p_other", "A golden path for all", onset + pd.Timedelta(days=95)]
    ranked = finder.candidates(requests, members, terms, people, authored, onset,
                               outside_names=found)
    assert ranked[0].key == "org:Kestrel"


def test_a_product_the_account_names_in_everyday_asks_is_not_an_outside_name():
    from vision_analytics.vision import emerging_names

    requests, members = _vision_requests()
    onset = requests.loc[members, "sent_at"].min()
    # the account starts naming its own subscription in support asks just as the
    # vision begins: as often outside the vision as in it
    everyday = pd.DataFrame({
        "text": [f"The Kestrel export fails again for site {i}." for i in range(10)],
        "sent_at": pd.date_range(onset, periods=10, freq="9D", tz="UTC"),
        "topic_id": "t9"}, index=pd.Index([f"e{i}" for i in range(10)], name="request_id"))
    both = pd.concat([requests, everyday])
    assert emerging_names(both, members.reindex(both.index, fill_value=False), onset, "",
                          _people()) == []
    # two everyday mentions beside eight in the vision: it travels with the vision
    few = pd.concat([requests, everyday.iloc[:2]])
    found = emerging_names(few, members.reindex(few.index, fill_value=False), onset, "",
                           _people())
    assert [f.name for f in found] == ["Kestrel"]


def _pitch_case():
    """Vision asks naming the outside product Kestrel beside the vision's phrases."""
    from vision_analytics.vision import emerging_names

    requests, members = _vision_requests()
    requests["text"] += " We want a flight deck and a golden path."
    requests["sender_id"] = requests["originator_id"] = "p_ana"
    requests["originator_confidence"] = 0.9
    onset = requests.loc[members, "sent_at"].min()
    people = _people()
    return requests, members, onset, people, emerging_names(requests, members, onset, "",
                                                            people)


def test_a_customer_retelling_a_pitch_does_not_own_its_words():
    requests, members, onset, people, found = _pitch_case()
    # Bo pastes the vendor's pitch, product name and all, into his own note
    authored = pd.DataFrame({
        "author_id": ["p_bo", "p_bo"],
        "text": ["Kestrel Flow gives you a flight deck and a golden path for every site.",
                 "As Kestrel puts it: a flight deck, a golden path."],
        "sent_at": [onset, onset + pd.Timedelta(days=3)]})
    terms = ["flight deck", "golden path"]
    finder = VisionFinder(relay_style=False)
    ranked = finder.candidates(requests, members, terms, people, authored, onset,
                               outside_names=found)
    assert ranked[0].key == "org:Kestrel"
    assert not any(c.key == "p_bo" for c in ranked)
    # without the outside name in sight, his writing the words first makes him a lead
    plain = finder.candidates(requests, members, terms, people, authored, onset)
    assert plain[0].key == "p_bo"


def test_asks_naming_an_outside_product_count_as_its_makers_writing():
    requests, members, onset, people, found = _pitch_case()
    # Bo writes the phrases in his own words, days after the asks naming Kestrel did
    authored = pd.DataFrame({"author_id": ["p_bo"],
                             "text": ["Our plan: a flight deck and a golden path."],
                             "sent_at": [onset + pd.Timedelta(days=3)]})
    terms = ["flight deck", "golden path"]
    finder = VisionFinder(relay_style=False)
    ranked = {c.key: c for c in finder.candidates(requests, members, terms, people, authored,
                                                  onset, outside_names=found)}
    assert any("carried the vision's phrases first" in clue
               for clue in ranked["org:Kestrel"].clues)
    assert any(clue.startswith("second to write") for clue in ranked["p_bo"].clues)
    plain = {c.key: c for c in finder.candidates(requests, members, terms, people, authored,
                                                 onset)}
    assert any(clue.startswith("first to write") for clue in plain["p_bo"].clues)


@pytest.mark.parametrize("days, credited", [(3, True), (30, False)])
def test_writing_the_phrases_after_the_asks_began_is_not_bringing_them(days, credited):
    # the relays' own asks are set aside when asking who wrote the vision's phrases
    # first; a colleague who first writes them a month after the asks began is
    # repeating words already in circulation, one who wrote them as they began may
    # have brought them
    requests, members = _vision_requests("")
    requests["text"] = requests["text"].str.replace("  ", " ") + " A flight deck, a golden path."
    requests["sender_id"] = requests["originator_id"] = "p_ana"
    requests["originator_confidence"] = 0.9
    began = requests.loc[members, "sent_at"].min()
    authored = pd.DataFrame({"author_id": ["p_bo"],
                             "text": ["Our plan: a flight deck and a golden path."],
                             "sent_at": [began + pd.Timedelta(days=days)]})
    ranked = {c.key: c for c in VisionFinder(relay_style=False).candidates(
        requests, members, ["flight deck", "golden path"], _people(), authored, began)}
    wrote = "p_bo" in ranked and any("to write the vision's phrases" in clue
                                     for clue in ranked["p_bo"].clues)
    assert wrote is credited


def test_phrases_are_found_as_they_are_written():
    requests, members = _vision_requests()
    requests["text"] = ["Invoices as usual."] * 4 + [
        "Do you support anomaly detection at scale?", "What about AI copilots for planners?",
        "anomaly-detection at scale, natively?", "Anomaly detection of the big scale"] * 2
    requests["sender_id"] = requests["originator_id"] = "p_ana"
    finder = VisionFinder()
    onset = requests.loc[members, "sent_at"].min()
    found = finder.members(requests, ["anomaly detection scale", "copilots planners"], onset,
                           set())
    # hyphenated or not, with or without the words the phrase skips; not with others
    assert found.tolist() == [False] * 4 + [True, True, True, False] * 2
    # the finding shows them that way too
    from vision_analytics.vision._finding import surface_forms

    assert surface_forms(requests["text"], ["anomaly detection scale", "copilots planners"]) \
        == ["anomaly detection at scale", "copilots for planners"]


def test_a_department_the_requests_name_is_a_source():
    requests, members, terms, people, authored, onset = _department_case([0, 0, 0])
    # the messenger writes "our IT colleagues sent me the following" above each ask
    requests.loc[members, "originator_id"] = "dept:IT"
    authored = authored[authored["author_id"] != "p_msg"]
    ranked = VisionFinder(relay_style=False).candidates(requests, members, terms, people,
                                                        authored, onset)
    assert ranked[0].kind == "department" and ranked[0].department == "IT"
    assert ranked[0].clues[0].startswith("named as the source of 7.2 of the 8")
    assert set(ranked[0].members) == {"p_it1", "p_it2", "p_it3"}
    # none of its people originates a vision request: the department speaks for itself
    assert ranked[0].backed == []
    # one of them originating a request backs it
    requests.loc[requests.index[members][0], "originator_id"] = "p_it2"
    ranked = VisionFinder(relay_style=False).candidates(requests, members, terms, people,
                                                        authored, onset)
    assert ranked[0].kind == "department" and ranked[0].backed == ["p_it2"]


def test_a_newcomer_who_wrote_the_words_first_outweighs_a_department_echoing_them():
    requests, members, terms, people, authored, onset = _department_case([3, 3, 3])
    people["first_seen"] = pd.Timestamp("2023-06-01", tz="UTC")
    # a new strategy analyst wrote the words first, days after arriving; three IT
    # people echo them later (together they weigh more) and no relayed ask is traced
    # to any of them
    people.loc[len(people)] = ["p_new", "P_NEW", ["p_new@c.com"], "C", "c.com", "Strategy",
                               "Strategy Analyst", "customer", onset - pd.Timedelta(days=5)]
    authored["sent_at"] = [onset + pd.Timedelta(days=d) for d in (5, 6, 8, 9, 10)]
    authored.loc[len(authored)] = ["p_new", "zero touch and glass pane",
                                   onset - pd.Timedelta(days=1)]
    finder = VisionFinder(relay_style=False)
    ranked = finder.candidates(requests, members, terms, people, authored, onset)
    assert ranked[0].key == "p_new"
    assert any(c.kind == "department" and c.department == "IT" for c in ranked) is False


def test_a_new_sponsor_copied_on_the_vision_asks_outweighs_the_messengers():
    requests, members, terms, people, authored, onset = _department_case([0, 0, 0])
    people["first_seen"] = pd.Timestamp("2023-06-01", tz="UTC")
    # the messenger relays every ask; a new COO, arrived a week before the onset,
    # writes none of the words (their notes were never exported) but is copied on
    # two of the vision asks and on none of the others
    people.loc[len(people)] = ["p_coo", "P_COO", ["p_coo@c.com"], "C", "c.com", "",
                               "Chief Operating Officer", "customer",
                               onset - pd.Timedelta(days=7)]
    copied = pd.Series([frozenset({"p_law"})] * len(requests), index=requests.index)
    vision = requests.index[members]
    copied[vision[2]] = copied[vision[5]] = frozenset({"p_coo", "p_law"})
    finder = VisionFinder(relay_style=False)
    ranked = finder.candidates(requests, members, terms, people, authored, onset,
                               copied=copied)
    assert ranked[0].key == "p_coo"
    assert any("copied on 2 of the 8" in clue for clue in ranked[0].clues)
    # Legal is copied on every request alike: being there is not being behind it
    assert not any(c.key == "p_law" and any("copied" in x for x in c.clues) for c in ranked)
    # copied on the other requests as often as on the vision's: no clue at all
    copied = pd.Series([frozenset({"p_coo"})] * len(requests), index=requests.index)
    ranked = finder.candidates(requests, members, terms, people, authored, onset,
                               copied=copied)
    assert ranked[0].key != "p_coo"


def _leader_sending_asks(key: str, department: str, title: str, days_before: int) -> tuple:
    """The department case with a leader, first seen ``days_before`` the onset, who
    sends three of the vision's asks (writing all its words) and has two more relayed
    from them."""
    requests, members, terms, people, authored, onset = _department_case([0, 0, 0])
    people["first_seen"] = pd.Timestamp("2023-06-01", tz="UTC")
    people.loc[len(people)] = [key, key.upper(), [f"{key}@c.com"], "C", "c.com", department,
                               title, "customer", onset - pd.Timedelta(days=days_before)]
    vision = requests.index[members]
    requests.loc[vision[[0, 3, 6]], ["sender_id", "originator_id"]] = key
    requests.loc[vision[[1, 4]], "originator_id"] = key
    asks = pd.DataFrame({"author_id": key, "text": " and ".join(terms),
                         "sent_at": requests.loc[vision[[0, 3, 6]], "sent_at"].to_numpy()})
    return requests, members, terms, people, authored, onset, asks


def test_a_newcomer_who_sends_asks_that_others_also_relay_is_no_messenger():
    """A new CDO, there since the week before the onset, writes three of the vision's
    asks and two more are relayed from them: that is writing one's own vision, not
    carrying someone's, and they lead — ahead of a colleague, new too, who passed most
    its words on first. Sending asks alone, with none traced back to them, is still
    carrying them."""
    requests, members, terms, people, authored, onset, asks = _leader_sending_asks(
        "p_cdo", "Digital", "Chief Digital Officer", days_before=7)
    vision = requests.index[members]
    # a colleague, new too, passed most of the words on the day before the CDO's first
    # ask: the first to write them
    people.loc[people["person_id"] == "p_law", "first_seen"] = onset - pd.Timedelta(days=2)
    authored = authored[authored["author_id"] != "p_law"]
    authored.loc[len(authored)] = ["p_law", " and ".join(terms[:3]),
                                   onset - pd.Timedelta(days=1)]
    finder = VisionFinder(relay_style=False)
    ranked = finder.candidates(requests, members, terms, people,
                               pd.concat([authored, asks], ignore_index=True), onset)
    assert ranked[0].key == "p_cdo"
    assert any("themselves" in clue for clue in ranked[0].clues)
    requests.loc[vision[[1, 4]], "originator_id"] = "p_msg"
    ranked = finder.candidates(requests, members, terms, people,
                               pd.concat([authored, asks], ignore_index=True), onset)
    cdo = next(c for c in ranked if c.key == "p_cdo")
    assert any("(a messenger" in clue for clue in cdo.clues)


def test_a_leader_whose_vision_took_hold_months_after_they_arrived_is_no_messenger():
    """A new CFO arrived five months before the onset the test found (the vision's
    sharpest phrases took hold late), sent none of the requests before it, writes
    three of the vision's asks and has two more relayed from them: speaking for
    themselves, not carrying someone else's vision. Had they sent requests before
    the onset, they would be one of the account's channels, carrying it."""
    requests, members, terms, people, authored, onset, asks = _leader_sending_asks(
        "p_cfo", "Finance", "Chief Financial Officer", days_before=150)
    authored = pd.concat([authored, asks], ignore_index=True)
    finder = VisionFinder(relay_style=False)
    ranked = finder.candidates(requests, members, terms, people, authored, onset)
    assert ranked[0].key == "p_cfo"
    assert any("themselves" in clue for clue in ranked[0].clues)
    # not new to the vision, and not there from the start either: the clue says which
    origin, clues = finder.origin(ranked[0], onset, onset - pd.Timedelta(days=400))
    assert origin == "other" and clues[-1].endswith("150 days before the onset: not new to it")
    requests.loc[requests.index[~members][:2], ["sender_id", "originator_id"]] = "p_cfo"
    ranked = finder.candidates(requests, members, terms, people, authored, onset)
    cfo = next(c for c in ranked if c.key == "p_cfo")
    assert any("(a messenger" in clue for clue in cfo.clues)


def test_a_colleague_first_seen_after_the_asks_began_joined_to_carry_them():
    requests, members, terms, people, authored, onset = _department_case([0, 0, 0])
    people["first_seen"] = pd.Timestamp("2023-06-01", tz="UTC")
    requests["message_key"] = [f"m{i}" for i in range(len(requests))]
    vision = requests.index[members]
    # a new COO, there a week before the onset, is copied on one vision ask; a
    # contract manager first seen two days after the first one sends three of them,
    # the vision's words in every one, and writes nothing else
    people.loc[len(people)] = ["p_coo", "P_COO", ["p_coo@c.com"], "C", "c.com", "",
                               "Chief Operating Officer", "customer",
                               onset - pd.Timedelta(days=7)]
    began = requests.loc[vision, "sent_at"].min()
    people.loc[len(people)] = ["p_cm", "P_CM", ["p_cm@c.com"], "C", "c.com", "Legal",
                               "Contract Manager", "customer", began + pd.Timedelta(days=2)]
    carried = vision[1:4]
    requests.loc[carried, "sender_id"] = requests.loc[carried, "originator_id"] = "p_cm"
    authored = authored[~authored["author_id"].isin(["p_msg", "p_law"])]
    asks = pd.DataFrame({"author_id": "p_cm", "text": " and ".join(terms),
                         "sent_at": requests.loc[carried, "sent_at"].to_numpy(),
                         "message_key": requests.loc[carried, "message_key"].to_numpy()})
    authored = pd.concat([authored.assign(message_key=[f"a{i}" for i in range(len(authored))]),
                          asks], ignore_index=True)
    copied = pd.Series([frozenset()] * len(requests), index=requests.index)
    copied[vision[5]] = frozenset({"p_coo"})
    ranked = VisionFinder(relay_style=False).candidates(requests, members, terms, people,
                                                        authored, onset, copied=copied)
    assert ranked[0].key == "p_coo"
    assert not any(c.key == "p_cm" and any("vision terms in their own mail" in clue
                                           for clue in c.clues) for c in ranked)
    # first seen the day before the first ask, the same colleague may have brought
    # it: their asks' words count as theirs
    people.loc[people["person_id"] == "p_cm", "first_seen"] = began - pd.Timedelta(days=1)
    ranked = VisionFinder(relay_style=False).candidates(requests, members, terms, people,
                                                        authored, onset, copied=copied)
    cm = next(c for c in ranked if c.key == "p_cm")
    assert "uses 100% of the vision terms in their own mail" in cm.clues


def test_a_colleague_who_carries_part_of_the_vision_is_relaying_it_too():
    requests, members, terms, people, authored, onset = _department_case([0, 0, 0])
    people["first_seen"] = pd.Timestamp("2023-06-01", tz="UTC")
    # Legal, there all along and never the account's channel before the onset,
    # sends a quarter of the vision asks and writes all of its words in them
    vision = requests.index[members]
    requests.loc[vision[[1, 4]], ["sender_id", "originator_id"]] = "p_law"
    authored.loc[authored["author_id"] == "p_law", "text"] = " and ".join(terms)
    people.loc[len(people)] = ["p_coo", "P_COO", ["p_coo@c.com"], "C", "c.com", "",
                               "Chief Operating Officer", "customer",
                               onset - pd.Timedelta(days=7)]
    copied = pd.Series([frozenset()] * len(requests), index=requests.index)
    copied[vision[2]] = copied[vision[5]] = frozenset({"p_coo"})
    ranked = VisionFinder(relay_style=False).candidates(
        requests, members, terms, people, authored, onset, copied=copied)
    law = next(c for c in ranked if c.key == "p_law")
    assert any("there long before the onset" in clue for clue in law.clues)
    # the words they relayed count for the three quarters they did not carry
    assert law.score == pytest.approx(0.75 + 0.5 * 0.75 - 1.5 * 0.25)
    assert ranked[0].key == "p_coo"


def _spread_case(relays: list[str]) -> tuple:
    """The eight vision asks sent by ``relays`` in turn, each note writing the
    vision's words, with a reply that quotes each; a new COO is copied on two."""
    requests, members, terms, people, authored, onset = _department_case([0, 0, 0])
    people["first_seen"] = pd.Timestamp("2023-06-01", tz="UTC")
    people.loc[len(people)] = ["p_coo", "P_COO", ["p_coo@c.com"], "C", "c.com", "",
                               "Chief Operating Officer", "customer",
                               onset - pd.Timedelta(days=7)]
    requests["message_key"] = [f"m{i}" for i in range(len(requests))]
    vision = requests.index[members]
    requests.loc[vision, "sender_id"] = requests.loc[vision, "originator_id"] = relays
    notes = [f"We are moving towards {terms[i % 4]} and {terms[(i + 1) % 4]}: what would "
             "that mean for your roadmap and your pricing?" for i in range(len(vision))]
    asks = pd.DataFrame({"author_id": relays, "text": notes,
                         "sent_at": requests.loc[vision, "sent_at"].to_numpy(),
                         "message_key": requests.loc[vision, "message_key"].to_numpy()})
    # the seller's reply quotes the ask under its author's name, hours later by
    # the quoted header's clock
    quotes = asks.assign(text="> " + asks["text"].str.replace(": ", ":\n> "),
                         sent_at=asks["sent_at"] + pd.Timedelta(hours=5), message_key=None)
    authored = pd.concat([authored[authored["author_id"].str.startswith("p_it")],
                          asks, quotes], ignore_index=True)
    copied = pd.Series([frozenset()] * len(requests), index=requests.index)
    copied[vision[2]] = copied[vision[5]] = frozenset({"p_coo"})
    return requests, members, terms, people, authored, onset, copied


def test_a_vision_spread_over_several_relays_has_its_source_upstream():
    # the messenger and two colleagues take turns asking: none of them wrote it
    relays = ["p_msg", "p_law", "p_it1", "p_msg", "p_law", "p_it1", "p_msg", "p_msg"]
    requests, members, terms, people, authored, onset, copied = _spread_case(relays)
    ranked = VisionFinder(relay_style=False).candidates(
        requests, members, terms, people, authored, onset, copied=copied)
    assert ranked[0].key == "p_coo"
    # the same when nothing but the asks themselves was exported
    only_asks = authored[authored["message_key"].notna()]
    assert VisionFinder(relay_style=False).candidates(
        requests, members, terms, people, only_asks, onset, copied=copied)[0].key == "p_coo"
    # neither their asks nor the replies quoting them count as the relays' writing
    assert not any(c.key in {"p_law", "p_it1"} and any("vision terms" in x or "to write"
                                                        in x for x in c.clues)
                   for c in ranked)


def test_one_messenger_with_a_few_helpers_keeps_the_usual_reading():
    # the messenger sends seven of the eight: the colleague who sent one is a
    # colleague who wrote the words in their own ask, as before
    relays = ["p_msg", "p_law", "p_msg", "p_msg", "p_msg", "p_msg", "p_msg", "p_msg"]
    requests, members, terms, people, authored, onset, copied = _spread_case(relays)
    ranked = VisionFinder(relay_style=False).candidates(
        requests, members, terms, people, authored, onset, copied=copied)
    law = next(c for c in ranked if c.key == "p_law")
    assert any("vision terms in their own mail" in clue for clue in law.clues)


def test_a_nudge_formula_is_no_vision_term():
    from vision_analytics._analysis import _nudge

    notes = pd.Series(["Perdón por insistir, ¿cómo va esto?", "Sorry to chase, any news?",
                       "Perdón por insistir: ¿hay novedades?",
                       "We are moving towards a closed-loop freight fabric and need your "
                       "roadmap for it, with a what-if price for the closed-loop freight "
                       "fabric in all sites."] * 2).str.lower()
    assert _nudge("perdón por insistir", notes)
    assert not _nudge("closed-loop freight fabric", notes)


def test_a_stock_chaser_sent_word_for_word_is_no_vision_term():
    from vision_analytics._analysis import _stock_sentence

    chaser = "Sorry to chase, but this is becoming urgent on our side."
    own = pd.Series([f"{hello},\n\n{chaser}\n\n{bye}" for hello, bye in
                     [("Hi James", "Cheers"), ("Dear Chloe", "Kind regards"),
                      ("Hello Sam", "Many thanks")]] + [
        "We are moving to a closed-loop freight fabric. Is it on your roadmap?",
        "What would the closed-loop freight fabric cost for 40 sites?",
        "Could you show how a closed-loop freight fabric fits your platform?",
        "Your view on the closed-loop freight fabric by Friday, please."]).str.lower()
    assert _stock_sentence("sorry chase urgent", own)
    # a vision is written anew each time, and a sentence sent twice is no stock
    assert not _stock_sentence("closed-loop freight fabric", own)
    assert not _stock_sentence("sorry chase urgent", own.iloc[1:])
    # the same long paragraph pasted again and again is a relayed text, not a chaser
    long = ("We are moving to a closed-loop freight fabric across every plant and "
            "need your roadmap and a what-if price for it.")
    assert not _stock_sentence("closed-loop freight fabric", pd.Series([long.lower()] * 4))


def test_a_business_partner_is_not_a_senior_title():
    from vision_analytics.vision._finding import _SENIOR

    assert _SENIOR.search("Managing Partner") and _SENIOR.search("Partner")
    assert not _SENIOR.search("HR Business Partner")
    assert not _SENIOR.search("Channel Partner Manager")


def _department_case(it_uses: list[int]) -> tuple:
    """A messenger relays every vision ask; IT people write the vision's words themselves."""
    requests, members = _vision_requests()
    requests["sender_id"] = requests["originator_id"] = "p_msg"
    requests["originator_confidence"] = 0.9
    onset = requests.loc[members, "sent_at"].min()
    terms = ["zero touch", "glass pane", "one backbone", "data mesh"]
    who = [("p_msg", "Procurement", "Vendor Manager"), ("p_law", "Legal", "Counsel"),
           ("p_it1", "IT", "Head of Cloud Platforms"), ("p_it2", "IT", "IT Strategy Lead"),
           ("p_it3", "IT", "Enterprise Architect")]
    people = pd.DataFrame({
        "person_id": [p for p, _, _ in who], "name": [p.upper() for p, _, _ in who],
        "emails": [[f"{p}@c.com"] for p, _, _ in who], "organization": "C",
        "domain": "c.com", "department": [d for _, d, _ in who],
        "title": [t for _, _, t in who], "side": "customer",
        "first_seen": pd.Timestamp("2024-01-01", tz="UTC"),
    })
    uses = [("p_msg", 4), ("p_law", 1)] + [(f"p_it{i + 1}", k) for i, k in enumerate(it_uses)]
    authored = pd.DataFrame({
        "author_id": [p for p, _ in uses],
        "text": [" and ".join(terms[:k]) for _, k in uses],
        "sent_at": [onset + pd.Timedelta(days=d) for d in range(len(uses))]})
    return requests, members, terms, people, authored, onset


def test_a_department_whose_people_share_the_evidence_is_the_source():
    requests, members, terms, people, authored, onset = _department_case([2, 1, 1])
    finder = VisionFinder()
    ranked = finder.candidates(requests, members, terms, people, authored, onset)
    # no IT person outweighs the messenger or the early Legal user alone; together they do
    assert ranked[0].kind == "department" and ranked[0].department == "IT"
    assert "P_IT1" in ranked[0].clues[0]
    assert ranked[0].members[0] == "p_it1" and set(ranked[0].members) == {
        "p_it1", "p_it2", "p_it3"}
    assert finder.origin(ranked[0], onset, requests["sent_at"].min())[0] == "it_organization"
    # one person carrying most of it stays that person
    requests, members, terms, people, authored, onset = _department_case([4, 1, 0])
    ranked = finder.candidates(requests, members, terms, people, authored, onset)
    assert ranked[0].key == "p_it1"


def test_it_people_known_by_title_who_share_the_evidence_outweigh_a_copied_newcomer():
    """Without departments (no org chart, no signature naming one) IT's people are known
    by their titles. Three of them writing the vision's words outweigh a newcomer who is
    only copied on two of its asks: the heaviest leads, the others named beside it, and
    the origin is IT. When they write none of it, the copied newcomer stays the lead."""
    def case(it_uses):
        requests, members, terms, people, authored, onset = _department_case(it_uses)
        people["department"] = ""
        people["first_seen"] = pd.Timestamp("2023-06-01", tz="UTC")
        authored = authored[authored["author_id"] != "p_law"].copy()
        # IT's people write to the seller about it weeks into the asks
        it = authored["author_id"].str.startswith("p_it")
        authored.loc[it, "sent_at"] += pd.Timedelta(days=30)
        people.loc[len(people)] = ["p_new", "P_NEW", ["p_new@c.com"], "C", "c.com", "",
                                   "Senior Process Lead", "customer",
                                   onset - pd.Timedelta(days=7)]
        copied = pd.Series([frozenset()] * len(requests), index=requests.index)
        vision = requests.index[members]
        copied[vision[2]] = copied[vision[5]] = frozenset({"p_new"})
        finder = VisionFinder(relay_style=False)
        ranked = finder.candidates(requests, members, terms, people, authored, onset,
                                   copied=copied)
        return finder, ranked, onset, requests["sent_at"].min()

    finder, ranked, onset, start = case([1, 1, 1])
    assert ranked[0].key == "p_it1"
    assert "2 more of IT" in ranked[0].clues[0] and "P_IT3 (Enterprise Architect)" in \
        ranked[0].clues[0]
    assert finder.origin(ranked[0], onset, start, ranked=ranked)[0] == "it_organization"
    finder, ranked, onset, start = case([0, 0, 0])
    assert ranked[0].key == "p_new"


def test_a_new_it_manager_is_it_not_a_new_executive():
    finder = VisionFinder()
    start, onset = pd.Timestamp("2024-01-01", tz="UTC"), pd.Timestamp("2024-05-01", tz="UTC")

    def person(title: str, department: str):
        from vision_analytics.vision import SourceCandidate

        return SourceCandidate(key="p", kind="person", name="P", email="p@c.com",
                               organization="C", department=department, title=title, score=1.0,
                               first_seen=onset + pd.Timedelta(days=3))

    assert finder.origin(person("IT Service Manager", "IT"), onset, start)[0] == \
        "it_organization"
    assert finder.origin(person("Chief Transformation Officer", "Strategy"), onset,
                         start)[0] == "new_executive"
    assert finder.origin(person("Chief Information Officer", "IT"), onset, start)[0] == \
        "new_executive"
    # an IT head who first wrote to the account ten weeks before the vision began was
    # there before it: the IT organisation's, not a newcomer's
    there = person("Head of Enterprise Architecture", "")
    there.first_seen = onset - pd.Timedelta(days=70)
    assert finder.origin(there, onset, start)[0] == "it_organization"
    # below the executive ranks a newcomer with an IT role is IT's voice, senior or
    # not, and whether the org chart gave a department or only the signature a title
    for title, department in [("Head of Infrastructure", "IT Services"),
                              ("Enterprise Architect", ""), ("Head of Integration", ""),
                              ("Cloud Platform Lead", "")]:
        assert finder.origin(person(title, department), onset, start)[0] == \
            "it_organization", title
    assert finder.origin(person("VP Digital Platforms", "Digital"), onset, start)[0] == \
        "new_executive"
    # someone there from the start with an architect's title is IT's too
    architect = person("Senior Enterprise Architect", "")
    architect.first_seen = start
    assert finder.origin(architect, onset, start)[0] == "it_organization"
    # and so is a CIO there from the start, known only by the signature's title
    cio = person("Chief Information Officer", "")
    cio.first_seen = start
    assert finder.origin(cio, onset, start)[0] == "it_organization"


def test_a_new_it_executive_whose_colleagues_share_the_vision_is_the_it_organisation():
    """A CIO first seen near the onset reads as a new executive on their own; when an
    architect and a security officer of IT carry as much of the vision's evidence (its
    words in their own mail, relayed asks traced to them), the IT organisation developed
    it. Colleagues with only a copy, an echo or far behind do not; nor do IT colleagues
    of a new COO make the COO's vision IT's."""
    from vision_analytics.vision import SourceCandidate

    finder = VisionFinder()
    start, onset = pd.Timestamp("2024-01-01", tz="UTC"), pd.Timestamp("2024-05-01", tz="UTC")

    def person(key: str, title: str, score: float, clues: list[str], use: float = 0.0,
               originated: float = 0.0):
        return SourceCandidate(key=key, kind="person", name=key.title(), email=f"{key}@c.com",
                               organization="C", department="", title=title, score=score,
                               clues=clues, first_seen=onset - pd.Timedelta(days=40),
                               use=use, originated=originated)

    cio = person("iris", "Chief Information Officer", 2.0, ["first to write the phrases"],
                 use=0.36, originated=0.02)
    architect = person("anouk", "Head of Enterprise Architecture", 1.0,
                       ["uses 29% of the vision terms in their own mail"], use=0.29)
    security = person("hester", "IT Security Officer", 0.7,
                      ["originator of 4 of the 97 requests (relayed by others)"],
                      originated=0.04)
    assert finder.origin(cio, onset, start)[0] == "new_executive"
    origin, clues = finder.origin(cio, onset, start, ranked=[cio, architect, security])
    assert origin == "it_organization"
    assert any("Anouk" in clue and "Head of Enterprise Architecture" in clue for clue in clues)
    copied = person("anouk", "Head of Enterprise Architecture", 1.0,
                    ["copied on 3 of the 97 requests without sending any"])
    faint = person("anouk", "Head of Enterprise Architecture", 0.1,
                   ["uses 5% of the vision terms in their own mail"], use=0.05)
    assert finder.origin(cio, onset, start, ranked=[cio, copied, faint])[0] == "new_executive"
    # a new Chief Digital Officer writes all of the words and is behind 44 of 59 asks;
    # an IT manager writing a seventh of them, behind one ask, echoes the officer
    cdo = person("qing", "Chief Digital Officer", 4.5, ["first to write the phrases"],
                 use=1.0, originated=0.75)
    echo = person("rahul", "IT Service Manager", 0.65,
                  ["uses 14% of the vision terms in their own mail"], use=0.14,
                  originated=0.017)
    assert finder.origin(cdo, onset, start, ranked=[cdo, echo])[0] == "new_executive"
    coo = person("marc", "Chief Operating Officer", 2.0, ["first to write the phrases"])
    assert finder.origin(coo, onset, start, ranked=[coo, architect, security])[0] == \
        "new_executive"


def test_capitals_that_are_not_names_are_not_outside_names():
    from vision_analytics.vision import emerging_names

    requests, members = _vision_requests("Élan")
    onset = requests.loc[members, "sent_at"].min()
    # a name with a non-ASCII capital is a name like any other
    assert [f.name for f in emerging_names(requests, members, onset, "", _people())] == ["Élan"]
    # acronyms (plural or not) and dates are not names
    for word in ("SLAs", "July"):
        requests2, _ = _vision_requests(word)
        assert emerging_names(requests2, members, onset, "", _people()) == []
    # a server's status line that a ticket's follow-ups quote names no product
    status = requests.assign(text=[
        f"Users at site {i} get \"HTTP 504 Gateway Timeout\" when they export, and "
        "sometimes a 503 Service Unavailable. Is this a known issue?" for i in range(12)])
    assert emerging_names(status, members, onset, "", _people()) == []
    # where capitals mark nouns (German), they say nothing about names
    german = requests.assign(text=[
        f"Können Sie uns ein Angebot für die neue Plattform und den Kontrollturm in Bereich{i} "
        "schicken? Wir brauchen die Zahlen für den Vorstand." for i in range(12)])
    assert emerging_names(german, members, onset, "", _people()) == []


def test_someone_of_the_customer_domain_is_not_an_outside_organisation():
    requests, members, terms, people, authored, onset = _department_case([4, 1, 0])
    # only ever seen in a cc line, identity resolution could not tell which side
    people.loc[people["person_id"] == "p_it1", "side"] = "external"
    ranked = VisionFinder().candidates(requests, members, terms, people, authored, onset)
    assert ranked[0].key == "p_it1" and ranked[0].kind == "person"
    assert not any(c.kind == "external" for c in ranked)


def test_a_department_source_speaks_through_its_people_request_by_request():
    from vision_analytics._analysis import _vision_clues

    requests = pd.DataFrame({
        "text": ["zero touch please", "zero touch and glass pane", "invoice"],
        "part_of_vision": [True, True, False], "message_id": ["<a>", "<b>", "<c>"],
        "originator_id": ["p_msg", "p_it2", "p_msg"]}, index=["r0", "r1", "r2"])
    vision = {"vision_terms": ["zero touch", "glass pane"], "source_key": "dept:IT",
              "source_label": "IT", "source_people": ["p_it1", "p_it2"]}
    clues = _vision_clues(requests, vision)
    # r1 is already traced to one of IT's people; r0's vocabulary points at IT's lead voice
    assert clues[["request_id", "candidate"]].values.tolist() == [["r0", "p_it1"]]
    # a person or an outside organisation as the source gets the clues itself
    clues = _vision_clues(requests, {**vision, "source_key": "p_x", "source_people": []})
    assert clues["candidate"].tolist() == ["p_x", "p_x"]
    # so does a department none of whose people is behind its evidence: no one of
    # them is picked at random
    clues = _vision_clues(requests, {**vision, "source_people": []})
    assert clues["candidate"].tolist() == ["dept:IT", "dept:IT"]


def test_approved_funded_sentence_counts_the_requests_that_say_so():
    from vision_analytics.vision import answer_questions

    texts = ["Not a formal quote, just exploring options."] * 2 + [
        "Please price the pilot for the control tower."] * 8
    requests = pd.DataFrame({"text": texts, "message_id": [f"<m{i}>" for i in range(10)],
                             "sent_at": pd.date_range("2024-01-01", periods=10, tz="UTC"),
                             "topic_id": ["t1"] * 10, "subject": ["pilot"] * 10},
                            index=pd.Index([f"r{i}" for i in range(10)], name="request_id"))
    members = pd.Series(True, index=requests.index)
    finding = {"shared_source": True, "source": None, "source_kind": None,
               "origin_hypothesis": None, "onset": None, "vision_terms": [], "p_value": 0.01,
               "confidence": 0.5, "requests_in_vision": list(requests.index)}
    answer = answer_questions(finding, requests, members)["approved_funded"]
    assert answer["status"] == "unfunded"
    assert answer["answer"].startswith("No: 2 of the 10 vision requests say")
    assert len(answer["evidence"]) == 2


#: How three people write their asks: the words change, the habits do not.
_HABITS = {
    "p_msg": "{a} and {b} pls. need {c} asap ok thx, talk later mate",
    "p_it1": "Could we, in principle, see the {a} \u2014 and the {b}? If so; what of the {c}?",
    "p_law": "1. The {a}.\n2. The {b}.\n3. The {c}.",
    "p_fin": "I would like to have the {a} and also the {b} for the {c} as soon as it is ready.",
}
_CONTENT = ("invoice order delivery renewal training security audit shipment forecast "
            "contract volume region plant quality warranty ticket budget roadmap").split()


def _relay_case(pasted_by: str) -> tuple[pd.DataFrame, pd.Series, pd.DataFrame]:
    """Own asks of four writers; then a messenger sends 20 vision asks written like
    ``pasted_by``'s (the messenger's own style when ``pasted_by`` is the messenger)."""
    rng = np.random.default_rng(0)
    rows = []
    for _ in range(12):
        for author, habit in _HABITS.items():
            a, b, c = rng.choice(_CONTENT, 3, replace=False)
            rows.append((author, habit.format(a=a, b=b, c=c), False))
    for _ in range(20):
        a, b, c = rng.choice(_CONTENT, 3, replace=False)
        rows.append(("p_msg", _HABITS[pasted_by].format(a=a, b=b, c=c), True))
    requests = pd.DataFrame({
        "sender_id": [r[0] for r in rows], "text": [r[1] for r in rows],
        "channel": "email",
        "sent_at": pd.date_range("2024-01-01", periods=len(rows), freq="D", tz="UTC"),
    }, index=pd.Index([f"r{i:03d}" for i in range(len(rows))], name="request_id"))
    members = pd.Series([r[2] for r in rows], index=requests.index)
    people = pd.DataFrame({"side": "customer"}, index=pd.Index(list(_HABITS), name="person_id"))
    return requests, members, people


def test_relays_that_read_like_someone_elses_writing_point_at_them():
    from vision_analytics.vision._finding import relay_style_shift

    found = relay_style_shift(*_relay_case("p_it1"))
    assert found.index.tolist()[:1] == ["p_it1"] and found["p_it1"] >= 2.0
    assert "p_msg" not in found.index  # the messenger is the carrier, never the writer
    # relays in the messenger's own words point at no one
    assert relay_style_shift(*_relay_case("p_msg")).empty
    # a rise no writer dominates points at no one either
    assert relay_style_shift(*_relay_case("p_it1"), min_share=1.01).empty


def test_a_senior_title_breaks_a_tie_of_evidence():
    requests, members, terms, people, authored, onset = _department_case([0, 0, 0])
    # a director and a coordinator of two departments use the same vision words
    people.loc[people["person_id"] == "p_it1", ["department", "title"]] = [
        "Operations", "Logistics Coordinator"]
    people.loc[people["person_id"] == "p_it2", ["department", "title"]] = [
        "Finance", "Finance Director"]
    authored = pd.DataFrame({
        "author_id": ["p_msg", "p_law", "p_it1", "p_it2"],
        "text": [" and ".join(terms), "zero touch", "zero touch and glass pane",
                 "zero touch and glass pane"],
        "sent_at": [onset + pd.Timedelta(days=d) for d in (0, 1, 5, 5)]})
    ranked = VisionFinder(relay_style=False).candidates(requests, members, terms, people,
                                                        authored, onset)
    pair = [c for c in ranked if c.key in ("p_it1", "p_it2")]
    assert pair[0].key == "p_it2" and "senior title (Finance Director)" in pair[0].clues
    assert pair[0].score > pair[1].score
    flat = VisionFinder(relay_style=False, authority_weight=0.0).candidates(
        requests, members, terms, people, authored, onset)
    assert [c.score for c in flat if c.key == "p_it1"] == \
        [c.score for c in flat if c.key == "p_it2"]


def test_the_first_writer_of_the_vision_is_counted_from_near_its_onset():
    requests, members, terms, people, authored, onset = _department_case([0, 0, 0])
    # the lawyer wrote one of the phrases half a year before the vision began; the
    # IT lead wrote them as it began
    authored = pd.DataFrame({
        "author_id": ["p_law", "p_it1"],
        "text": ["zero touch", "zero touch and glass pane"],
        "sent_at": [onset - pd.Timedelta(days=180), onset + pd.Timedelta(days=2)]})
    ranked = {c.key: c for c in VisionFinder(relay_style=False).candidates(
        requests, members, terms, people, authored, onset)}
    assert any(clue.startswith("first to write") for clue in ranked["p_it1"].clues)
    assert not any("to write the vision's phrases" in clue for clue in ranked["p_law"].clues)
    # within two months before the onset, an early writer still counts as the first
    authored.loc[0, "sent_at"] = onset - pd.Timedelta(days=30)
    ranked = {c.key: c for c in VisionFinder(relay_style=False).candidates(
        requests, members, terms, people, authored, onset)}
    assert any(clue.startswith("first to write") for clue in ranked["p_law"].clues)
    # two who first wrote them at the same moment share the rank
    authored.loc[1, "sent_at"] = authored.loc[0, "sent_at"]
    ranked = {c.key: c for c in VisionFinder(relay_style=False).candidates(
        requests, members, terms, people, authored, onset)}
    assert all(any(clue.startswith("first to write") for clue in ranked[p].clues)
               for p in ("p_law", "p_it1"))


def test_the_accounts_usual_channel_carrying_the_vision_is_not_its_source():
    requests, members, terms, people, authored, onset = _department_case([0, 0, 0])
    people.loc[people["person_id"] == "p_it1", "title"] = "Cloud Engineer"
    # the vendor manager, who sent every request before the onset, relays six of the
    # eight vision asks and writes all the vision's words first; a colleague relays two
    requests.loc[["r5", "r9"], "sender_id"] = "p_law"
    requests["originator_id"] = requests["sender_id"]
    authored = pd.DataFrame({
        "author_id": ["p_msg", "p_it1"], "text": [" and ".join(terms), "zero touch"],
        "sent_at": [onset, onset + pd.Timedelta(days=7)]})
    finder = VisionFinder(relay_style=False)
    ranked = finder.candidates(requests, members, terms, people, authored, onset)
    assert ranked[0].key == "p_it1"
    assert "p_msg" not in {c.key for c in ranked}
    # someone who began sending only with the vision is not the usual channel: the
    # words they wrote first stay theirs
    requests.loc[~members, "sender_id"] = "p_law"
    ranked = finder.candidates(requests, members, terms, people, authored, onset)
    assert ranked[0].key == "p_msg"
    assert "sent 75% of the" in " ".join(ranked[0].clues)


def test_a_newcomer_who_brought_the_vision_is_not_pooled_into_a_department():
    requests, members, terms, people, authored, onset = _department_case([2, 3, 2])
    people["first_seen"] = pd.Timestamp("2023-06-01", tz="UTC")
    # the head of cloud platforms joined a week before the onset, wrote the vision's
    # words first and is named behind one relayed ask; two IT colleagues echo them
    people.loc[people["person_id"] == "p_it1", "first_seen"] = onset - pd.Timedelta(days=7)
    authored["sent_at"] = [onset + pd.Timedelta(days=d) for d in (5, 6, 0, 1, 7)]
    requests.loc["r5", "originator_id"] = "p_it1"
    finder = VisionFinder(relay_style=False)
    ranked = finder.candidates(requests, members, terms, people, authored, onset)
    assert ranked[0].key == "p_it1"
    # when a colleague is named behind relayed asks too, they shaped it together
    requests.loc["r7", "originator_id"] = "p_it2"
    ranked = finder.candidates(requests, members, terms, people, authored, onset)
    assert ranked[0].kind == "department" and ranked[0].members[0] == "p_it1"
    # and someone who was there all along is one of the department's people
    requests.loc["r7", "originator_id"] = "p_msg"
    people.loc[people["person_id"] == "p_it1", "first_seen"] = pd.Timestamp("2023-06-01",
                                                                            tz="UTC")
    ranked = finder.candidates(requests, members, terms, people, authored, onset)
    assert ranked[0].kind == "department" and ranked[0].members[0] == "p_it1"


def _with_vision(texts, when, topics, asks, *, planted: bool, rng) -> pd.DataFrame:
    """Routine asks (``texts`` at ``when`` in ``topics``) and a vision's ``asks``, from
    day 120 over 132 days (planted) or on random days, across four topics: a requests
    frame in time order, each ask its own thread."""
    start = pd.Timestamp("2024-01-01", tz="UTC")
    for i, ask in enumerate(asks):
        texts.append(ask)
        day = 120 + i * 132 // len(asks) if planted else int(rng.integers(0, 280))
        when.append(start + pd.Timedelta(days=day))
        topics.append(f"t{(i + i // 8) % 4}")
    frame = pd.DataFrame({"text": texts, "sent_at": when, "topic_id": topics})
    frame["thread_id"] = [f"th{i}" for i in range(len(frame))]
    return frame.sort_values("sent_at", kind="stable").reset_index(drop=True)


def _many_phrase_stream(*, planted: bool, seed: int = 0, n_vision: int = 22) -> pd.DataFrame:
    """Routine asks, then (planted) a vision carried by eight phrases, each in only
    five or six requests, two to a request, across four topics."""
    rng = np.random.default_rng(seed)
    phrases = ["amber relay grid", "tidal ledger sync", "copper lane audit", "quiet harbour mode",
               "velvet route plan", "granite hub pricing", "lunar dock index", "saffron yard loop"]
    routine = ["invoice", "licence count", "training date", "password reset", "renewal quote",
               "support ticket", "user access", "report export"]
    texts, when, topics = [], [], []
    start = pd.Timestamp("2024-01-01", tz="UTC")
    for i in range(140):
        texts.append(f"Please help with the {routine[i % 8]} for site {rng.integers(1, 40)}.")
        when.append(start + pd.Timedelta(days=int(i * 2)))
        topics.append(f"t{i % 4}")
    asks = [f"Could you explain how the {routine[i % 4]} fits the {phrases[i % 8]} and the "
            f"{phrases[(i + 3) % 8]}?" for i in range(n_vision)]
    return _with_vision(texts, when, topics, asks, planted=planted, rng=rng)


def _test_result(rows) -> SharedSourceResult:
    """A shared-source result with these feature rows (split 1 May 2024)."""
    columns = ["feature", "surprise", "topic_spread", "family_head", "weight", "emerged",
               "holds_phrase"]
    features = pd.DataFrame(rows, columns=columns[:len(rows[0])])
    return SharedSourceResult(statistic=1.0, p_value=0.01, null_distribution=np.zeros(9),
                              n_requests=200, n_units=150, split_index=100,
                              split_time=pd.Timestamp("2024-05-01", tz="UTC"),
                              features=features)


def test_drifting_words_and_a_weak_vocabulary_are_not_a_vision():
    result = _test_result

    # six everyday words drifting at once are not a vocabulary
    drift = ("schedule", "clear", "current", "contract", "date", "days")
    words = result([(f"term:{w}", 4.0, 3, True, 1) for w in drift])
    assert words.n_families == 6 and words.n_phrase_families == 0
    assert not words.significant(0.05)
    # with two phrases (or a person behind relayed asks) among them, they may be
    mixed = result([("originator:p_new", 9.0, 4, True, 1), ("term:carbon-aware scheduling",
                                                            3.1, 3, True, 1)]
                   + [(f"term:{w}", 4.0, 3, True, 1) for w in drift[:4]])
    assert mixed.n_phrase_families == 2 and mixed.significant(0.05)
    # a word whose family holds the phrases around it ("composable", with "composable
    # revenue cockpit") is more than a lone word
    held = result([(f"term:{w}", 4.0, 3, True, 1, 0, w in drift[:2]) for w in drift])
    assert held.n_phrase_families == 2 and held.significant(0.05)
    # a vocabulary counts as its phrases only when it emerged sharply
    weak = result([("vocabulary:a b|c d|e f|g h|i j", 3.4, 7, True, 11)])
    sharp = result([("vocabulary:a b|c d|e f|g h|i j", 7.2, 7, True, 11)])
    assert weak.n_families == 1 and sharp.n_families == 11
    # ...or, weaker, as those of its phrases that emerged on their own: an everyday
    # phrase the account used before dulls the group, not its new phrases
    emerged = result([("vocabulary:a b|c d|e f|g h|i j", 3.4, 7, True, 11, 7)])
    assert emerged.n_families == 7 and emerged.n_phrase_families == 7
    assert result([("vocabulary:a b|c d|e f|g h|i j", 3.4, 7, True, 11, 0)]).n_families == 1
    assert result([("vocabulary:a b|c d|e f|g h|i j", 3.4, 7, True, 11, 20)]).n_families == 11


def test_the_contexts_of_one_new_name_are_one_piece_of_evidence():
    """A programme's name ("Lodestar") rides along in stock sentences: "relevant for
    Lodestar", "aligning everything with Lodestar", "Lodestar going live". The phrases
    holding the name, and a family holding such a phrase, are the name's family."""
    from vision_analytics.vision._shared_source import _family_score

    rows = np.zeros((40, 6))
    rows[:30, 0] = 1                      # lodestar
    rows[0:8, 1] = 1                      # relevant lodestar
    rows[10:18, 2] = 1                    # aligning lodestar moment
    rows[20:28, 3] = rows[20:28, 4] = 1   # going, lodestar going (one sentence)
    rows[32:40, 5] = 1                    # platform consolidation, a phrase of its own
    words = [frozenset(name.split()) for name in (
        "lodestar", "relevant lodestar", "aligning lodestar moment", "going",
        "lodestar going", "platform consolidation")]
    values = np.array([20.0, 6.0, 5.0, 4.5, 4.5, 4.0])
    after = np.ones(40, dtype=bool)
    _, apart, _ = _family_score(rows, after, values)
    assert apart == [0, 1, 2, 3, 5]
    holding: set = set()
    _, heads, _ = _family_score(rows, after, values, words=words, phrasal=holding)
    assert heads == [0, 5]
    # the name's family holds phrases: it stands for more than a lone word
    assert holding == {0, 5}


def _strongest_and_neighbours(names: list[str], first_context: int):
    """A test after its split over 40 requests, and their occurrences of six ``names``:
    the strongest in the first 30, a context of it in the first ``first_context``, two
    more phrases together in 10–19, and two unrelated ones in 30–35 and 33–39."""
    test = SharedSourceTest()
    test._words = [frozenset(n[5:].split()) for n in names]
    test._after_split = np.ones(40, dtype=bool)
    rows = np.zeros((40, 6))
    rows[:30, 0] = 1
    rows[0:first_context, 1] = 1
    rows[10:20, 2] = rows[10:20, 3] = 1
    rows[30:36, 4] = 1
    rows[33:40, 5] = 1
    return test, rows


def test_the_rest_of_a_new_names_stock_sentences_counts_with_it():
    """ "Lodestar going live, timing matters": "going" rises in the very requests of
    "lodestar going" and heads a family of its own; it is the name's context too."""
    names = ["term:lodestar", "term:relevant lodestar", "term:lodestar going", "term:going",
             "term:platform consolidation", "term:api rate"]
    test, rows = _strongest_and_neighbours(names, first_context=8)
    values = np.array([20.0, 6.0, 5.0, 5.0, 4.0, 3.5])
    z = (values, np.full(6, 4), [0, 3, 4, 5], {}, {})
    assert test._contexts_of_strongest(rows, z, names) == ("term:going",)
    # a result counts them as one family
    result = _test_result([(name, v, 4, j in (0, 3, 4, 5), 1)
                           for j, (name, v) in enumerate(zip(names, values, strict=True))])
    assert result.n_families == 4
    result.contexts = ("term:going",)
    assert result.n_families == 3


def test_the_stock_sentences_of_a_two_word_programme_name_count_with_it():
    """ "As part of Project Lighthouse we're reviewing every tool", "Project Lighthouse is
    asking all teams": the name written as a name ("Lighthouse"; "project" is everyone's
    word) holds its sentences. A two-word phrase nobody writes as a name ("usage-based
    billing") is no name, and its neighbours keep their families."""
    names = ["term:project lighthouse", "term:lighthouse reviewing tool", "term:asking teams",
             "term:project lighthouse asking", "term:renewal quote", "term:api rate"]
    test, rows = _strongest_and_neighbours(names, first_context=10)
    values = np.array([20.0, 6.0, 5.0, 5.0, 4.0, 3.5])
    z = (values, np.full(6, 4), [0, 1, 2, 4, 5], {}, {})
    texts = pd.Series(["As part of Project Lighthouse we're reviewing every tool we use."] * 10
                      + ["Project Lighthouse is asking all teams for this."] * 10
                      + ["The project plan is late; could you quote the renewal?"] * 20)
    assert test._contexts_of_strongest(rows, z, names, texts) == (
        "term:lighthouse reviewing tool", "term:asking teams")
    plain = texts.str.replace("Project Lighthouse", "project lighthouse")
    assert test._contexts_of_strongest(rows, z, names, plain) == ()


def test_a_vocabulary_sharper_than_every_phrase_leads_the_vision_terms():
    result = _test_result
    vocabulary = "vocabulary:amber relay grid|tidal ledger sync|copper lane audit"
    # an outage's tickets: five phrases that rose together, each once a family
    outage = [("term:invalid token code", 3.8, 3, True, 1), ("term:users error", 3.8, 3, False, 1),
              ("term:look urgently", 3.8, 3, False, 1), ("term:export reports", 3.8, 3, False, 1),
              ("term:affects users", 3.8, 3, True, 1)]
    sharp = VisionFinder().vision_terms(result([(vocabulary, 14.2, 3, True, 9)] + outage))
    assert sharp[:3] == ["amber relay grid", "tidal ledger sync", "copper lane audit"]
    # weaker than the phrases, a vocabulary does not displace them
    weak = VisionFinder().vision_terms(result(outage + [(vocabulary, 3.5, 3, True, 9)]))
    assert weak[0] == "invalid token code" and "amber relay grid" not in weak


def test_a_vocabulary_phrase_the_account_used_before_the_split_is_not_a_vision_term():
    result = _test_result(
        [("vocabulary:amber relay grid|tidal ledger sync|sorry chase urgent", 9.0, 3, True, 9)])
    split = result.split_time
    # a chaser the account always sent, and the vision's asks, chased the same way
    before = ["Sorry to chase, this is urgent: the invoice?"] * 4 + ["Invoice please."] * 16
    after = ["Sorry to chase, this is urgent. Amber relay grid, tidal ledger sync?"] * 6 + \
        ["Amber relay grid and tidal ledger sync, please."] * 4 + ["Invoice please."] * 10
    requests = pd.DataFrame({
        "text": before + after,
        "sent_at": pd.date_range(split - pd.Timedelta(days=20), periods=40, freq="D")})
    finder = VisionFinder()
    assert "sorry chase urgent" in finder.vision_terms(result)
    assert finder.vision_terms(result, requests) == ["amber relay grid", "tidal ledger sync"]


def test_a_vision_of_many_rarely_used_phrases_is_found_as_one_vocabulary():
    planted = _many_phrase_stream(planted=True)
    # eight phrases, five or six requests each: none is surprising alone
    alone = SharedSourceTest(n_permutations=99, vocabularies=False, random_state=0).fit(planted)
    assert not alone.significant(0.05)
    found = SharedSourceTest(n_permutations=99, random_state=0).fit(planted)
    assert found.significant(0.05)
    assert found.n_families >= 6
    group = found.features[found.features["feature"].str.startswith("vocabulary:")]
    assert len(group) == 1
    assert set(group["feature"].iloc[0].removeprefix("vocabulary:").split("|")) >= {
        "amber relay grid", "tidal ledger sync", "copper lane audit", "quiet harbour mode",
        "velvet route plan", "granite hub pricing", "lunar dock index", "saffron yard loop"}
    assert {"amber relay grid", "lunar dock index"} <= set(VisionFinder().vision_terms(found))
    # none of its phrases emerged on its own
    assert group["emerged"].iloc[0] == 0
    # used often enough to stand out one by one, the phrases themselves are the
    # vision's terms (the group only counts them once)
    often = SharedSourceTest(n_permutations=99, random_state=0).fit(
        _many_phrase_stream(planted=True, n_vision=48))
    assert often.significant(0.05)
    phrases = often.features[often.features["feature"].str.startswith("term:")
                             & (often.features["surprise"] > 0)]["feature"].str.slice(5)
    assert {"amber relay grid", "saffron yard loop"} <= set(phrases)
    group = often.features[often.features["feature"].str.startswith("vocabulary:")]
    assert group["emerged"].iloc[0] >= 8
    # the same phrases used all along are the account's language, not a new vision
    spread = SharedSourceTest(n_permutations=99, random_state=0).fit(
        _many_phrase_stream(planted=False))
    assert not spread.significant(0.05)


def test_a_vocabulary_of_many_phrases_stands_out_from_everyday_noise():
    """Forty everyday words, each in eight random requests, rise and fall by chance and
    fill the null; eight phrases rising together are worth more than one of them."""

    def noisy(planted: bool, seed: int) -> pd.DataFrame:
        frame = _many_phrase_stream(planted=planted, n_vision=16, seed=seed)
        rng = np.random.default_rng(seed + 100)
        texts = frame["text"].tolist()
        for k in range(40):
            word = f"word{chr(97 + k % 26)}{chr(97 + k // 26)}x"
            for i in rng.choice(len(texts), 8, replace=False):
                texts[i] += f" Also {word} matters."
        return frame.assign(text=texts)

    for seed in (0, 2):
        found = SharedSourceTest(n_permutations=99, random_state=0).fit(noisy(True, seed))
        assert found.significant(0.05), (seed, found.p_value)
        vocabulary = found.features[found.features["feature"].str.startswith("vocabulary:")]
        assert vocabulary["weight"].iloc[0] >= 8
        # the group weighs sqrt(8) of its surprise in the statistic
        assert found.statistic >= np.sqrt(8) * vocabulary["surprise"].iloc[0]
        spread = SharedSourceTest(n_permutations=99, random_state=0).fit(noisy(False, seed))
        assert not spread.significant(0.05)


_FRAMED_ASKS = ["Could you price the {} again, now that the {} is our direction?",
                "Our auditors want the {} explained; how does it fit a {}?",
                "Is there a workshop on {} topics? The team must learn the {} first.",
                "Before renewal, tell us whether the {} would survive a move to the {}.",
                "Escalating: the {} failed twice this week, and the {} depends on it.",
                "Send me the {} figures and anything you have written on the {}."]


def _framed_stream(*, planted: bool = True, new_kind: bool = False) -> pd.DataFrame:
    """Routine asks; then (``planted``, else all along) a framing of four phrases in
    asks of every kind; with ``new_kind``, also a new kind of ask worded alike."""
    rng = np.random.default_rng(3)
    routine = ["invoice", "licence count", "training date", "password reset", "renewal quote",
               "support ticket", "user access", "report export"]
    phrases = ["amber relay grid", "tidal ledger sync", "copper lane audit", "quiet harbour mode"]
    start = pd.Timestamp("2024-01-01", tz="UTC")
    rows = [(f"Please help with the {routine[i % 8]} for site {rng.integers(1, 40)}.",
             start + pd.Timedelta(days=2 * i)) for i in range(140)]
    for i in range(32):
        day = 200 + 3 * i if planted else int(rng.integers(0, 296))
        phrase = phrases[(i // 2 if new_kind else i) % 4]
        if new_kind and i % 2:  # a new kind of ask, always worded the same way
            text = ("We are preparing our five-year plan and need to understand your product "
                    f"roadmap: when will you support the {phrase}?")
        else:
            text = _FRAMED_ASKS[i % len(_FRAMED_ASKS)].format(routine[i % 8], phrase)
        rows.append((text, start + pd.Timedelta(days=day)))
    frame = pd.DataFrame(rows, columns=["text", "sent_at"]).assign(
        subject="", topic_id="all", thread_id=[f"th{i}" for i in range(len(rows))])
    return frame.sort_values("sent_at", kind="stable").reset_index(drop=True)


def test_words_of_a_framing_that_emerges_across_the_stream_are_kept_from_topics():
    from vision_analytics._analysis import _framing_words

    # a vision's phrases spread over every kind of ask would fuse unrelated asks into
    # one topic: their words are what the topic model is told to leave aside
    framing = set(_framing_words(_framed_stream(), random_state=0))
    assert {"amber", "relay", "grid", "tidal", "ledger", "quiet", "harbour"} <= framing
    # the routine asks' own words stay topic words
    assert not framing & {"invoice", "licence", "password", "renewal", "ticket", "access"}
    # the same phrases used all along are the account's language: nothing is left out
    assert not set(_framing_words(_framed_stream(planted=False), random_state=0)) & {
        "amber", "relay", "grid"}


def _one_topic_vocabulary_stream(*, asks: list[str], seed: int = 0) -> pd.DataFrame:
    """Routine asks in four topics all year; from day 160, a vocabulary of eight
    phrases, two to a request, in ``asks`` (templates with two slots) that the topic
    model has put in one topic of their own."""
    rng = np.random.default_rng(seed)
    phrases = ["amber relay grid", "tidal ledger sync", "copper lane audit", "quiet harbour mode",
               "velvet route plan", "granite hub pricing", "lunar dock index", "saffron yard loop"]
    routine = ["invoice", "licence count", "training date", "password reset"]
    start = pd.Timestamp("2024-01-01", tz="UTC")
    rows = [(f"Please help with the {routine[i % 4]} for site {rng.integers(1, 40)}.",
             start + pd.Timedelta(days=2 * i), f"t{i % 4}") for i in range(150)]
    for i in range(26):
        text = asks[i % len(asks)].format(phrases[i % 8], phrases[(i + 3) % 8])
        rows.append((text, start + pd.Timedelta(days=160 + 5 * i), "t_new"))
    frame = pd.DataFrame(rows, columns=["text", "sent_at", "topic_id"])
    frame["thread_id"] = [f"th{i}" for i in range(len(frame))]
    return frame.sort_values("sent_at", kind="stable").reset_index(drop=True)


_ASKS_OF_MANY_KINDS = [
    "Could you price a three-year term if we move to the {} and the {}?",
    "Our auditors want to know how your controls would work with the {} and a {}.",
    "Is there a training course for administrators on the {} or the {}?",
    "Before the renewal, please tell us whether the {} survives next to a {}.",
    "Your architect should comment on where the {} sits beside the {}.",
    "When will the {} and the {} be on your product roadmap?",
]


def test_a_vision_vocabulary_in_one_topic_of_its_own_is_still_found():
    """A vision's asks of many kinds (price, audit, training, renewal, architecture,
    roadmap) in one vocabulary: the topic model put them in one topic, yet they read
    unalike beyond the vision's words."""
    stream = _one_topic_vocabulary_stream(asks=_ASKS_OF_MANY_KINDS)
    found = SharedSourceTest(n_permutations=99, random_state=0).fit(stream)
    assert found.significant(0.05), (found.p_value, found.n_families)
    group = found.features[found.features["feature"].str.startswith("vocabulary:")]
    assert len(group) == 1 and group["topic_spread"].iloc[0] == 1
    # asking a vocabulary for the spread of a lone phrase loses it
    strict = SharedSourceTest(n_permutations=99, min_vocabulary_spread=3,
                              random_state=0).fit(stream)
    assert not strict.significant(0.05)


def test_the_variants_of_one_everyday_ask_in_one_topic_are_not_a_vision():
    """The same ask (where is my order?) in eight phrasings: a vocabulary too, but its
    requests read alike beyond those words, so it needs the spread of any phrase."""
    same_ask = ["Order status for PO {n}: the {} and the {} are still open, please confirm "
                "the delivery date of the order."]
    templates = [same_ask[0].replace("{n}", str(4500 + k)) for k in range(6)]
    stream = _one_topic_vocabulary_stream(asks=templates)
    result = SharedSourceTest(n_permutations=99, random_state=0).fit(stream)
    assert not result.significant(0.05)
    # the phrases did form a vocabulary; only its alike requests keep it from counting
    loose = SharedSourceTest(n_permutations=99, vocabulary_max_alike=1.01,
                             random_state=0).fit(stream)
    assert loose.significant(0.05)


def test_a_new_kind_of_ask_stays_a_topic_while_the_framing_around_it_is_left_out():
    from vision_analytics._analysis import _framing_words

    framing = set(_framing_words(_framed_stream(new_kind=True), random_state=0))
    assert {"amber", "relay", "grid", "tidal", "ledger"} <= framing
    # the roadmap asks read alike beyond any phrase: what they ask is their topic
    assert not framing & {"preparing", "roadmap", "five", "plan", "understand"}


def test_the_sellers_own_product_is_not_a_vision_term():
    from vision_analytics._analysis import _seller_names
    from vision_analytics.vision._shared_source import names_seller

    people = pd.DataFrame({"side": ["seller", "seller", "customer"],
                           "domain": ["lumentrasoft.com", "digitalworks.io", "hi-group.com"]})
    seller = _seller_names(people)
    assert {"lumentrasoft", "digitalworks"} <= seller and "higroup" not in seller
    texts = pd.Series(["Could Lumentra DockSync feed the digital twin of each plant?",
                       "How does Lumentra DockSync handle autonomous planning?",
                       "We want a digital twin and autonomous planning everywhere."])
    # the seller's product, written as a name, is the seller's word
    assert names_seller("lumentra docksync", seller, texts)
    # a phrase that merely shares a seller name's first letters is not
    assert not names_seller("digital twin", seller, texts)
    assert not names_seller("autonomous planning", seller, texts)



def _party_mail() -> pd.DataFrame:
    """A seller, its customer Meridian, a rival's rep in a workshop thread, a
    newsletter to the seller, a consultant on webmail and a Meridian colleague at a
    group domain copied once."""
    rows = [  # sender, to, cc, sent_at, subject
        ("ana@meridian.com", ["sam@seller.com"], [], "2024-01-05", "Invoices"),
        ("sam@seller.com", ["ana@meridian.com"], [], "2024-01-06", "RE: Invoices"),
        ("news@digest-mailer.net", ["sam@seller.com"], [], "2024-01-08", "Digest"),
        ("ana@meridian.com", ["sam@seller.com", "cy@rival.io"], ["lu@meridian-group.com"],
         "2024-04-02", "Joint workshop"),
        ("cy@rival.io", ["ana@meridian.com"], ["sam@seller.com"], "2024-04-03",
         "RE: Joint workshop"),
        ("ana@meridian.com", ["kim.consult@gmail.com"], [], "2024-04-09", "Notes"),
    ]
    return pd.DataFrame({
        "sender": [r[0] for r in rows], "sender_name": ["" for _ in rows],
        "to": [r[1] for r in rows], "cc": [r[2] for r in rows],
        "sent_at": pd.to_datetime([r[3] for r in rows], utc=True),
        "subject": [r[4] for r in rows]})


def test_outside_parties_are_the_organisations_in_conversation_with_the_customer():
    from vision_analytics.normalize import resolve_identities
    from vision_analytics.vision import outside_parties

    messages = _party_mail()
    identities = resolve_identities(messages, seller_domains="seller.com",
                                    customer_domains="meridian.com")
    assert identities.people["side"].value_counts()["external"] == 4
    parties = outside_parties(messages, identities)
    # the rival's rep wrote with the customer; the newsletter only reached the seller,
    # webmail is no organisation, and the group domain is the customer's own
    assert [p.organization for p in parties] == ["Rival"]
    rival = parties[0]
    assert rival.n_messages == 2 and rival.subject == "Joint workshop"
    assert rival.first_seen == pd.Timestamp("2024-04-02", tz="UTC")
    assert rival.people == [identities.lookup("cy@rival.io")]
    assert outside_parties(messages.iloc[:3], identities) == []


def _lone_product() -> SourceCandidate:
    return SourceCandidate(key="org:Kestrel", kind="external", name="Kestrel", email="",
                           organization="", department="", title="", score=1.4,
                           clues=["outside name \u201cKestrel\u201d in 6 of 9 vision requests"])


@pytest.mark.parametrize(("firsts", "maker"), [
    (["2024-04-02"], "Rival"),
    # a partner in the mail since long before the onset made nothing new
    (["2023-06-01"], None),
    # two organisations new to the mail: the product's maker is not known
    (["2024-04-02", "2024-02-20"], None),
])
def test_a_product_whose_maker_is_unnamed_is_given_to_the_one_new_outside_party(
        firsts, maker):
    from vision_analytics.vision import OutsideParty

    people = _people().set_index("person_id")
    names = ["Rival", "Partner Co"]
    parties = [OutsideParty(names[i], ["p_rep"], 2, pd.Timestamp(first, tz="UTC"),
                            "Joint workshop") for i, first in enumerate(firsts)]
    onset = pd.Timestamp("2024-03-01", tz="UTC")
    found = VisionFinder().maker(_lone_product(), parties, people, onset)
    # with nothing else pointing anywhere, the one new organisation is the only lead
    alone = VisionFinder().maker(None, parties, people, onset)
    if maker is None:
        assert found.key == "org:Kestrel" and found.organization == ""
        assert ("Partner Co" in found.clues[-1]) == (len(firsts) == 2)
        assert alone is None
        return
    assert (alone.key, alone.score) == ("org:Rival", 0.25)
    assert alone.clues[0].startswith("nobody in the account's mail is traced")
    assert (found.key, found.name, found.organization) == ("org:Rival", "Rival", "Rival")
    assert found.email == "cy@rival.io" and found.score == 1.4
    assert "Kestrel" in found.clues[0] and "Cy Rep" in found.clues[-1]
    assert VisionFinder().origin(found, onset, onset - pd.Timedelta(days=200))[0] \
        == "competitor"
    # an organisation whose own mail already made it the source stays as it was
    org = SourceCandidate(key="org:Rival", kind="external", name="Rival",
                          email="cy@rival.io", organization="Rival", department="",
                          title="", score=2.0)
    assert VisionFinder().maker(org, parties, people, onset) is org


@pytest.mark.parametrize(("newcomer_asks", "wrote_before", "kept"), [
    ([1, 2], False, True),    # asking about it from its first weeks: may have brought it
    ([10, 11], False, False),  # first writing it months into it: relaying it
    ([10, 11], True, True),   # asking late, but writing its words before it began
])
def test_a_newcomer_who_asks_months_into_the_vision_is_relaying_it(newcomer_asks,
                                                                    wrote_before, kept):
    from vision_analytics.vision._finding import _without_relayed_asks

    onset = pd.Timestamp("2024-03-01", tz="UTC")
    sent = [onset + pd.Timedelta(days=10 * i) for i in range(12)]
    senders = ["p_new" if i in newcomer_asks else "p_msg" for i in range(12)]
    requests = pd.DataFrame({"sender_id": senders, "sent_at": sent,
                             "message_key": [f"m{i}" for i in range(12)]},
                            index=[f"r{i}" for i in range(12)])
    people = pd.DataFrame({
        "side": ["customer", "customer"],
        # the messenger there for years, the newcomer since two weeks before the onset
        "first_seen": [onset - pd.Timedelta(days=700), onset - pd.Timedelta(days=14)]},
        index=["p_msg", "p_new"])
    authored = pd.DataFrame({"author_id": senders, "sent_at": sent,
                             "message_key": requests["message_key"],
                             "text": [f"ask {i} about the meter-first backbone"
                                      for i in range(12)]})
    first = {"p_new": onset - pd.Timedelta(days=10)} if wrote_before else None
    own = _without_relayed_asks(authored, requests, requests, people, onset,
                                first_writing=first)
    assert set(own["author_id"]) == ({"p_new"} if kept else set())


def test_a_newcomer_whose_late_asks_are_relaying_stays_a_candidate_for_arriving():
    requests, members, terms, people, authored, onset = _department_case([0, 0, 0])
    people.loc[len(people)] = ["p_new", "P_NEW", ["p_new@c.com"], "C", "c.com", "Finance",
                               "Controller", "customer", onset - pd.Timedelta(days=10)]
    requests["message_key"] = [f"m{i}" for i in range(len(requests))]
    late = requests.index[members][-2:]
    requests.loc[late, "sender_id"] = requests.loc[late, "originator_id"] = "p_new"
    asks = pd.DataFrame({"author_id": "p_new", "text": " and ".join(terms),
                         "sent_at": requests.loc[late, "sent_at"].to_numpy(),
                         "message_key": requests.loc[late, "message_key"].to_numpy()})
    authored = pd.concat([authored, asks], ignore_index=True)
    ranked = VisionFinder(relay_style=False).candidates(requests, members, terms, people,
                                                        authored, onset)
    new = next(c for c in ranked if c.key == "p_new")
    # the words of asks sent two months into the vision are not theirs...
    assert not any("vision terms in their own mail" in clue for clue in new.clues)
    # ...but arriving with it still counts
    assert any(clue.startswith("first appeared") for clue in new.clues)


def test_a_weak_vocabulary_joining_a_sharper_word_lends_it_only_its_emerged_phrases():
    """A vocabulary of everyday asks, partly the account's older words, rises a little
    in the very requests where a new name rises sharply, and joins the name's family.
    It emerged weakly: it stands there for its phrases that emerged on their own (none),
    as it would heading a family, not for all its phrases."""
    n = 100
    X = np.zeros((n, 7))
    X[50:, 0] = 1                          # lodestar: new after the middle
    rows = np.r_[0:50:2, 50:100]           # the vocabulary: a third of it before
    X[rows, 1] = 1
    for i in range(5):                     # its phrases, spread over its requests
        X[rows[i::5], 2 + i] = 1
    test = SharedSourceTest()
    test._members = {1: np.arange(2, 7)}
    test._weights = np.array([1, 5, 1, 1, 1, 1, 1])
    test._words = [frozenset({"lodestar"}), frozenset()] + [
        frozenset({f"w{i}", f"v{i}"}) for i in range(5)]
    test._spread_needed = np.ones(7)
    _, split, (values, _, heads, families, emerged) = test._statistic(
        X, np.arange(n) % 4, np.arange(n), weigh=True)
    assert 45 <= split <= 55 and heads == [0]
    assert 3.0 <= values[1] < 6.0 and emerged[1] == 0
    assert families[0] == 1
    # one of its phrases holds the name ("came up in the Lodestar stand-up") and rises
    # with it: the name's context, not a phrase the vocabulary brought
    X[:, 2] = 0
    X[50::2, 2] = 1
    test._words[2] = frozenset({"came", "lodestar"})
    _, _, (values, _, heads, families, emerged) = test._statistic(
        X, np.arange(n) % 4, np.arange(n), weigh=True)
    assert values[2] > 6.0 and heads == [0]
    assert emerged[1] == 0 and families[0] == 1


def test_everyday_asks_joined_only_through_one_names_stock_sentences_are_no_vocabulary():
    """ "Our board would like a reference call. Relevant for Lodestar." and "Can you set
    up an introduction training? This came up in the Lodestar stand-up.": each everyday
    ask meets a stock sentence of one name, never another ask. Without the name's
    phrases the group falls apart: it is not a vocabulary. The phrases of a vision meet
    one another, two or three to a request, and hold together without any one word."""
    from scipy import sparse

    from vision_analytics.vision._shared_source import _vocabularies

    asks = ["board talk comparable", "onsite session milano", "introduction training set",
            "api rate limits", "near real time", "licence services cost"]
    hubs = ["relevant lodestar", "aligning lodestar moment", "came lodestar standup"]
    names = [f"term:{p}" for p in asks + hubs]
    X = np.zeros((200, len(names)))
    for a in range(len(asks)):
        rows = np.arange(a * 8, a * 8 + 8)
        X[rows, a] = 1
        X[rows[:3], len(asks) + a % len(hubs)] = 1
        X[rows[3:6], len(asks) + (a + 1) % len(hubs)] = 1
    groups = _vocabularies(sparse.csc_matrix(X), names, len(X))[1]
    assert groups == []
    # the same phrases meeting one another in the requests hold together
    mesh = X.copy()
    for a in range(len(asks)):
        mesh[a * 8 + 5:a * 8 + 8, (a + 1) % len(asks)] = 1
    groups = _vocabularies(sparse.csc_matrix(mesh), names, len(mesh))[1]
    assert len(groups) == 1 and set(asks) <= set(groups[0].removeprefix("vocabulary:").split("|"))


def test_a_log_rows_reporter_is_the_sender_not_a_relay_of_their_own_asks():
    """A Jira row's reporter ("wdegraaf") names the same person as their mail address:
    a newcomer logging their own asks relays nobody's. Only an originator who is not
    the sender, as people, rises as an originator of relayed asks."""
    requests = _stream(3, planted=False)
    late = requests.index[requests["sent_at"] > pd.Timestamp("2024-07-01", tz="UTC")][::2]
    requests["sender"] = "ana@c.com"
    requests.loc[late, "sender"] = "wdegraaf"
    requests["originator"] = requests["sender"]
    requests.loc[late, "originator"] = "wouter.degraaf@c.com"
    requests["sender_id"] = requests["originator_id"] = "p_ana"
    requests.loc[late, ["sender_id", "originator_id"]] = "p_wouter"

    def originators(frame):
        result = SharedSourceTest(n_permutations=9, random_state=0).fit(frame)
        features = result.features["feature"].astype(str)
        return set(features[features.str.startswith("originator:")])

    assert originators(requests) == set()
    # the same asks relayed by Ana for Wouter are his, through her
    relayed = requests.assign(sender=requests["sender"].where(
        ~requests.index.isin(late), "ana@c.com"))
    relayed.loc[late, "sender_id"] = "p_ana"
    assert originators(relayed) == {"originator:wouter.degraaf@c.com"}


def test_a_persons_name_is_no_vocabulary():
    """A log that frames each row "Raised on a call with Wouter." makes a newcomer's name
    rise across every topic; a name is a person (an originator, resolved upstream), not
    a vision's word. A phrase holding it is still read."""
    requests = _stream(4, planted=False)
    late = requests.index[requests["sent_at"] > pd.Timestamp("2024-06-15", tz="UTC")][::2]
    framing = ["Raised on a call with Wouter. ", "Logged at a meeting, Wouter. "]
    requests.loc[late, "text"] = [framing[i % 2] + text for i, text in
                                  enumerate(requests.loc[late, "text"])]

    def words(**kwargs):
        result = SharedSourceTest(n_permutations=9, random_state=0, **kwargs).fit(requests)
        return set(result.features["feature"].astype(str))

    assert "term:wouter" in words()
    named = words(names=["Wouter", "de Graaf"])
    assert "term:wouter" not in named
    assert any(f.startswith("term:") and "wouter" in f for f in named)


def _rival_pitch_case():
    """Ana relays every ask; a rival's rep writes two of the three vision phrases in a
    pitch seen two months after the asks began; Bo, a senior newcomer, is copied on
    all the vision asks and writes nothing."""
    requests, members = _vision_requests("")
    requests["text"] = requests["text"] + " A flight deck, a golden path, a signal mesh."
    requests["sender_id"] = requests["originator_id"] = "p_ana"
    requests["originator_confidence"] = 0.9
    began = requests.loc[members, "sent_at"].min()
    people = _people()
    people.loc[1, ["title", "first_seen"]] = ["Chief Operating Officer",
                                              began - pd.Timedelta(days=5)]
    people.loc[2, "first_seen"] = began - pd.Timedelta(days=300)
    authored = pd.DataFrame({"author_id": ["p_rep"],
                             "text": ["Our flight deck and golden path work out of the box."],
                             "sent_at": [began + pd.Timedelta(days=60)]})
    terms = ["flight deck", "golden path", "signal mesh"]
    copied = pd.Series([frozenset({"p_bo"}) if m else frozenset() for m in members],
                       index=requests.index)
    return requests, members, terms, people, authored, began, copied


def test_an_outsiders_own_mail_in_the_visions_words_outweighs_a_mere_newcomer():
    """A competitor's rep writes the customer's new vocabulary in their own pitch,
    seen in the mail only months after the asks began; a senior newcomer of the
    customer's was merely there when they began. The pitch is where the words came
    from: an outsider's own use of them weighs more than a customer's would."""
    requests, members, terms, people, authored, began, copied = _rival_pitch_case()
    ranked = VisionFinder(relay_style=False).candidates(requests, members, terms, people,
                                                         authored, began, copied=copied)
    assert [c.key for c in ranked[:2]] == ["org:Rival", "p_bo"]
    # weighed like a customer's, the same two thirds of the terms would not lead a
    # newcomer who writes one of them in his own mail too
    bo_writes = pd.concat([authored, pd.DataFrame({
        "author_id": ["p_bo"], "text": ["We want a signal mesh."],
        "sent_at": [began + pd.Timedelta(days=70)]})], ignore_index=True)
    ranked = VisionFinder(relay_style=False, outside_use_weight=1.0).candidates(
        requests, members, terms, people, bo_writes, began, copied=copied)
    assert ranked[0].key == "p_bo"
    ranked = VisionFinder(relay_style=False).candidates(
        requests, members, terms, people, bo_writes, began, copied=copied)
    assert ranked[0].key == "org:Rival"


def test_an_outsiders_pitch_ranks_above_people_who_were_only_there():
    """Being new near the onset, copied on the asks and senior says someone could be
    behind a vision; a competitor's pitch in the vision's own words says where the
    words came from. However little the pitch weighs, people with nothing more than
    being there do not outrank it; a person with evidence of their own still does."""
    requests, members, terms, people, authored, began, copied = _rival_pitch_case()
    # weighed like a customer's words, the pitch scores below Bo's being there
    finder = VisionFinder(relay_style=False, outside_use_weight=1.0)
    ranked = finder.candidates(requests, members, terms, people, authored, began,
                               copied=copied)
    assert [c.key for c in ranked] == ["org:Rival", "p_bo"]
    assert ranked[0].score < ranked[1].score
    assert "only by being there" in ranked[0].clues[-1]
    # without the pitch, Bo is the only lead
    alone = finder.candidates(requests, members, terms, people, authored.iloc[:0], began,
                              copied=copied)
    assert [c.key for c in alone] == ["p_bo"]


def test_a_sender_of_vision_asks_gets_no_style_lead(monkeypatch):
    """Someone who sends some of the vision asks has relays the test did not flag among
    their own asks: the others' relays read like them by construction."""
    from vision_analytics.vision import _finding

    requests, members, terms, people, authored, onset = _department_case([1, 0, 0])
    vision = requests.index[members]
    requests.loc[vision[[1, 4]], ["sender_id", "originator_id"]] = "p_law"
    monkeypatch.setattr(_finding, "relay_style_shift",
                        lambda *a, **k: pd.Series({"p_law": 5.0, "p_it1": 5.0}))
    ranked = {c.key: c for c in VisionFinder().candidates(requests, members, terms, people,
                                                          authored, onset)}
    style = "read like their own writing"
    assert not any(style in clue for clue in ranked["p_law"].clues)
    # one who sends none of them keeps it
    assert any(style in clue for clue in ranked["p_it1"].clues)


def test_a_style_lead_needs_evidence_of_their_own_beside_it(monkeypatch):
    """The messengers' vision asks reading like someone's writing corroborates that
    person's own evidence (the vision's words in their mail, asks traced to them);
    beside mere presence (new near the onset, copied on the asks) it is no lead."""
    from vision_analytics.vision import _finding

    requests, members, terms, people, authored, began, copied = _rival_pitch_case()
    monkeypatch.setattr(_finding, "relay_style_shift",
                        lambda *a, **k: pd.Series({"p_bo": 5.0}))
    style = "read like their own writing"
    ranked = {c.key: c for c in VisionFinder().candidates(
        requests, members, terms, people, authored, began, copied=copied)}
    assert not any(style in clue for clue in ranked["p_bo"].clues)
    assert ranked["p_bo"].style == 0.0
    writes = pd.concat([authored, pd.DataFrame({
        "author_id": ["p_bo"], "text": ["We want a signal mesh."],
        "sent_at": [began + pd.Timedelta(days=70)]})], ignore_index=True)
    ranked = {c.key: c for c in VisionFinder().candidates(
        requests, members, terms, people, writes, began, copied=copied)}
    assert any(style in clue for clue in ranked["p_bo"].clues)
    assert ranked["p_bo"].style == 5.0


def test_the_sellers_name_and_products_count_as_no_family():
    """Asks across every topic about "the Marrowgate Plumbline roadmap" (the seller and
    its product) rise after the onset: they ask how the seller's offer fits, whoever's
    plan it is. With the seller's names given, no family head holding the seller's name
    or a product written after it is counted; the features stay, so the rest of the
    structure is read as before."""
    requests = _stream(4, planted=False)
    late = requests.index[requests["sent_at"] > pd.Timestamp("2024-06-15", tz="UTC")][::2]
    asks = ["What is on the Marrowgate Plumbline roadmap for next year? ",
            "Will Marrowgate Plumbline support this by Q3? "]
    requests.loc[late, "text"] = [asks[i % 2] + text for i, text in
                                  enumerate(requests.loc[late, "text"])]

    def fit(**kwargs):
        return SharedSourceTest(n_permutations=9, random_state=0, **kwargs).fit(requests)

    plain, theirs = fit(), fit(seller=["marrowgatedata", "marrowgate", "data"])
    heads = plain.features.loc[plain.features["family_head"], "feature"].tolist()
    named = [h for h in heads if "marrowgate" in h or "plumbline" in h]
    assert named and plain.sellers == ()
    assert sorted(theirs.sellers) == sorted(named)
    # (without the seller's names, the product name's own sentence is already the
    # name's context: one family, not two)
    counted = [h for h in named if h not in plain.contexts]
    assert theirs.n_families == plain.n_families - len(counted)
    # the same features and heads: only the count changes
    assert theirs.features.equals(plain.features) and theirs.p_value == plain.p_value


def test_a_burst_of_asks_counts_as_no_family():
    """A tender's questions arrive within three weeks across every topic, each quoting
    its workbook, log and portal: they emerge, but a source that keeps pushing comes
    back for months. Such a burst counts as no family, nor does one with a few echoes
    over the months after it (an outage's tickets, then three more); the same asks
    spread over the months count."""
    tender = ["tender workbook answer", "bidder clarification log",
              "procurement portal deadline"]
    phrases = {f"term:{t}" for t in tender}

    def case(shape: str):
        requests = _stream(4, planted=False, n=240)
        days = (requests["sent_at"] - requests["sent_at"].min()).dt.days
        late = requests.index[days > 200]
        chosen = {"spread": late[::len(late) // 16][:16], "burst": late[:16],
                  "echoes": late[:12].append(late[len(late) // 3::len(late) // 5][:4])}[shape]
        requests.loc[chosen, "text"] = [f"{tender[i % 3]} {tender[(i + 1) % 3]} " + text
                                        for i, text in enumerate(requests.loc[chosen, "text"])]
        when = requests.loc[chosen, "sent_at"]
        return SharedSourceTest(n_permutations=9, random_state=0).fit(requests), \
            (when.max() - when.min()).days

    def counted(result):
        heads = result.features.loc[result.features["family_head"], "feature"]
        return set(heads) - set(result.bursts) - set(result.contexts) - set(result.sellers)

    for shape in ("burst", "echoes"):
        result, days = case(shape)
        assert (days <= 28) is (shape == "burst")
        assert not counted(result) & phrases, shape
        assert result.n_families == int(result._head_weights().sum())
    spread, days = case("spread")
    assert days >= 120
    assert counted(spread) & phrases



def test_a_burst_cannot_draw_the_split_away_from_a_vision():
    """A tender's ten phrases fill six weeks of asks, three to an ask; months later a
    vision's phrases come and keep coming. The tender rises more sharply, but a burst
    counts at no split (in the observed order and every permutation alike), so the
    split is the vision's onset, not the tender's."""
    tender = ["tender workbook answer", "bidder clarification log", "procurement portal deadline",
              "evaluation matrix score", "reference site visit", "price schedule annex",
              "award criteria weighting", "compliance statement template", "lot split proposal",
              "framework agreement term"]
    requests = _stream(5, planted=False, n=240)
    rng = np.random.default_rng(5)
    days = (requests["sent_at"] - requests["sent_at"].min()).dt.days
    late = requests.index[days > 240]
    vision = late[rng.random(len(late)) < 0.3]
    requests.loc[vision, "text"] = [" ".join(rng.choice(VISION, 2, replace=False)) + " " + text
                                    for text in requests.loc[vision, "text"]]
    burst = requests.index[(days >= 150) & (days <= 195)]
    requests.loc[burst, "text"] = [" ".join(rng.choice(tender, 3, replace=False)) + " " + text
                                   for text in requests.loc[burst, "text"]]
    onset = requests.loc[vision, "sent_at"].min()

    result = SharedSourceTest(n_permutations=49, random_state=0).fit(requests)
    assert result.significant(0.05)
    assert abs((result.split_time - onset).days) <= 14
    heads = result.features.loc[result.features["family_head"], "feature"].str.slice(5)
    assert not set(heads) & set(tender)
    # with no span asked, the tender's weeks hold the split
    anywhere = SharedSourceTest(n_permutations=49, random_state=0, min_span=0.0).fit(requests)
    assert abs((anywhere.split_time - requests.loc[burst, "sent_at"].min()).days) <= 14

_IDEAS = [("pricing", "usage"), ("dispatch", "demand"), ("rostering", "weather"),
          ("approvals", "margin"), ("onboarding", "route"), ("invoicing", "region"),
          ("scheduling", "exception"), ("audits", "risk")]


def _many_forms_stream(*, planted: bool, seed: int = 0, n_vision: int = 72) -> pd.DataFrame:
    """Routine asks that use every word of the ideas all along, then (planted) a
    vision of eight ideas, each written in three forms ("usage-based pricing",
    "pricing by usage", "usage pricing") three times each: no form is used often enough
    to count, the idea is."""
    rng = np.random.default_rng(seed)
    words = [w for idea in _IDEAS for w in idea]
    routine = ["invoice", "licence count", "training date", "password reset", "renewal quote",
               "support ticket", "user access", "report export"]
    texts, when, topics = [], [], []
    start = pd.Timestamp("2024-01-01", tz="UTC")
    for i in range(140):
        first, second = rng.choice(words, 2, replace=False)
        texts.append(f"Please help with the {routine[i % 8]} for site {rng.integers(1, 40)}. "
                     f"See {first}; also {second}.")
        when.append(start + pd.Timedelta(days=int(i * 2)))
        topics.append(f"t{i % 4}")
    asks = []
    for i in range(n_vision):
        head, modifier = _IDEAS[i % 8]
        form = [f"{modifier}-based {head}", f"{head} by {modifier}",
                f"{modifier} {head}"][(i // 8) % 3]
        asks.append(f"Please help with the {routine[i % 8]} for site {1 + i % 39}. "
                    f"Next: {form}.")
    return _with_vision(texts, when, topics, asks, planted=planted, rng=rng)


def test_an_idea_written_in_many_forms_counts_as_one_concept():
    planted = _many_forms_stream(planted=True)
    # each form is in three requests: too few to count as a phrase
    alone = SharedSourceTest(n_permutations=99, concepts=False, random_state=0).fit(planted)
    assert not alone.significant(0.05)
    found = SharedSourceTest(n_permutations=99, random_state=0).fit(planted)
    assert found.significant(0.05), (found.p_value, found.n_families)
    concepts = found.features[found.features["feature"].str.startswith("concept:")
                              & found.features["family_head"]]
    assert len(concepts) >= 6
    # a concept is named by the forms its requests write it in
    forms = {f for name in concepts["feature"] for f in name[8:].split("|")}
    assert {"risk-based audits", "audits risk", "risk audits"} <= forms
    terms = VisionFinder().vision_terms(found)
    assert {"risk-based audits", "audits risk", "risk audits"} & set(terms)
    # the finding finds each form in the mail
    text = planted["text"].str.lower()
    assert all(contains_term(text, t).any() for t in terms)
    # the same ideas written all along are the account's language
    spread = SharedSourceTest(n_permutations=99, random_state=0).fit(
        _many_forms_stream(planted=False))
    assert not spread.significant(0.05)


def test_a_concept_holds_only_the_words_its_own_requests_write():
    """A concept's words decide which lone word's family it joins: "operating model"
    is written with "operating", not with the "operations" of other requests that
    shares its stem (two families of a vision were merged that way)."""
    texts = ["Our target operating model for 2026.", "The operating model review.",
             "Models operating across the sites.", "Operations report for March",
             "Weekly operations call", "Operations budget", "Invoice for April",
             "Renewal quote"]
    concepts = Concepts()
    X, names = concepts.fit_transform(texts, min_df=3)
    assert names == ["concept:model+oper"]
    assert X.toarray().ravel().tolist() == [1.0, 1.0, 1.0, 0.0, 0.0, 0.0, 0.0, 0.0]
    assert concepts.words_of(names[0]) == {"operating", "model", "models"}


def test_a_sources_own_people_are_its_backers_else_its_members_else_itself():
    def candidate(key, members=(), backed=None):
        return SourceCandidate(key=key, kind="department" if key.startswith("dept:") else "person",
                               name=key, email="", organization="", department="", title="",
                               score=1.0, members=list(members), backed=backed)

    assert candidate("p_dana").people == {"p_dana"}
    assert candidate("dept:IT", ["p_a", "p_b"]).people == {"p_a", "p_b"}
    assert candidate("dept:IT", ["p_a", "p_b"], backed=["p_b"]).people == {"p_b"}
    # a department named in the asks, with no one of its own behind them, speaks for itself
    assert candidate("dept:IT", ["p_a"], backed=[]).people == {"dept:IT"}
