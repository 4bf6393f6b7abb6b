"""The simulator, the bundled samples and the scoring of an analysis against an answer key."""

from __future__ import annotations

import json
import re
from collections import Counter
from email import message_from_bytes
from email.policy import compat32
from pathlib import Path

import pandas as pd
import pytest

import vision_analytics as va
from vision_analytics.datasets import (
    DIFFICULTIES,
    KINDS,
    SAMPLES,
    _sample,
    load_sample,
    regenerate_samples,
    score_account,
    simulate_account,
)

REPO_DATA = Path(__file__).resolve().parents[1] / "data"


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _bodies(account) -> dict[str, str]:
    """message_id → decoded text body, straight from the raw bytes."""
    out = {}
    for raw in account.messages:
        msg = message_from_bytes(raw, policy=compat32)
        for part in msg.walk():
            if part.get_content_type() in ("text/plain", "text/html") \
                    and not part.get_filename():
                out[msg["Message-ID"]] = part.get_payload(decode=True).decode("utf-8")
                break
    return out


@pytest.fixture(scope="module")
def accounts(tmp_path_factory):
    """One short account per kind x difficulty, written as mbox and loaded."""
    built = {}
    for kind in KINDS:
        for difficulty in DIFFICULTIES:
            folder = tmp_path_factory.mktemp(f"{kind}-{difficulty}")
            account = simulate_account(kind, difficulty, random_state=101, out_dir=folder,
                                       n_months=6)
            corpus = va.load(account.inputs, seller_domains=account.seller_domains)
            built[kind, difficulty] = (account, corpus)
    return built


# --------------------------------------------------------------------------- determinism

def test_same_seed_gives_identical_bytes(tmp_path):
    for run in ("a", "b"):
        simulate_account("competitor", "easy", random_state=7, out_dir=tmp_path / run,
                         n_months=6, log_format="xlsx")
    first, second = _files(tmp_path / "a"), _files(tmp_path / "b")
    assert sorted(first) == ["answer_key.json", "mailbox.mbox", "org_chart.csv",
                             "rfi_log.xlsx"]
    assert first == second


def test_different_seeds_differ():
    one = simulate_account("new_executive", "medium", random_state=1, n_months=6).answer_key
    two = simulate_account("new_executive", "medium", random_state=2, n_months=6).answer_key
    names_one = {p["name"] for p in one["people"]}
    names_two = {p["name"] for p in two["people"]}
    assert len(names_one & names_two) < len(names_one) / 2
    assert one["vision_terms"] != two["vision_terms"]
    assert (one["scenario"]["seller"], one["scenario"]["customer"]) != \
        (two["scenario"]["seller"], two["scenario"]["customer"])


# --------------------------------------------------------------------------- loading

@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("difficulty", DIFFICULTIES)
def test_every_kind_and_difficulty_loads(accounts, kind, difficulty):
    account, corpus = accounts[kind, difficulty]
    key = account.answer_key
    assert len(corpus.messages) == len(account.messages) == key["counts"]["messages"]
    assert corpus.errors.empty
    assert corpus.reconciled
    loaded = set(corpus.messages["message_id"])
    email = [r for r in key["requests"] if r["channel"] == "email"]
    assert all(r["message_id"] in loaded for r in email)
    assert set(key["non_requests"]) <= loaded
    assert len(email) + len(key["non_requests"]) == len(corpus.messages)
    assert len(corpus.request_log) == key["counts"]["log_rows"]
    assert set(corpus.request_log["message_id"]) == {
        r["log_ref"] for r in key["requests"] if r["channel"] == "rfi_log"}
    assert len(corpus.org_chart) == key["counts"]["org_chart_people"]
    json.dumps(key)  # JSON-serialisable as it is


@pytest.mark.parametrize("mail_format", ["maildir", "eml"])
def test_other_mail_formats_load(tmp_path, mail_format):
    account = simulate_account("it_organization", "medium", random_state=5, out_dir=tmp_path,
                               mail_format=mail_format, log_format="xlsx", n_months=6)
    corpus = va.load(account.inputs, seller_domains=account.seller_domains)
    assert set(corpus.messages["format"]) == {mail_format}
    assert len(corpus.messages) == len(account.messages)
    assert corpus.errors.empty
    assert len(corpus.request_log) == account.answer_key["counts"]["log_rows"]


def test_without_log_and_org_chart(tmp_path):
    account = simulate_account("null", "easy", random_state=3, out_dir=tmp_path,
                               log_format=None, org_chart=False, n_months=6)
    assert account.paths["log"] is None and account.paths["org_chart"] is None
    assert not any(r["channel"] == "rfi_log" for r in account.answer_key["requests"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["answer_key.json", "mailbox.mbox"]


# --------------------------------------------------------------------------- the answer key

@pytest.mark.parametrize("kind", KINDS)
def test_answer_key_is_consistent(accounts, kind):
    for difficulty in DIFFICULTIES:
        account, corpus = accounts[kind, difficulty]
        key = account.answer_key
        vision = [r for r in key["requests"] if r["part_of_vision"]]
        assert key["origin"] == (None if kind == "null" else kind)
        if kind == "null":
            assert key["source"] is None and not vision and key["onset"] is None
            continue
        assert len(vision) >= 10
        assert 8 <= len(key["vision_terms"]) <= 17
        onset = pd.Timestamp(key["onset"], tz="UTC")
        assert all(pd.Timestamp(r["sent_at"]).date() >= onset.date() for r in vision)
        if kind == "new_executive":
            assert {r["originator"] for r in vision} == {key["source"]["email"]}
            # the executive appears in no message before the onset
            sent = corpus.messages.set_index("message_id")["sent_at"]
            early = corpus.messages[corpus.messages["sent_at"] < onset]
            email = key["source"]["email"]
            assert not any(email in [s, *to, *cc] for s, to, cc in
                           zip(early["sender"], early["to"], early["cc"], strict=True))
            assert len(sent) == len(corpus.messages)
        elif kind == "competitor":
            assert {r["originator"] for r in vision} == {key["source"]["domain"]}
        else:
            assert {r["originator"] for r in vision} <= set(key["source"]["members"])
            assert {r["originator_department"] for r in vision} == {"IT"}
        primary = sum(r["sender"] == key["primary_contact"] for r in vision)
        assert primary / len(vision) > 0.5


@pytest.mark.parametrize("kind", ["new_executive", "competitor", "it_organization"])
def test_difficulty_controls_source_headers(accounts, kind):
    shares = {}
    for difficulty in DIFFICULTIES:
        account, _ = accounts[kind, difficulty]
        bodies = _bodies(account)
        relayed = [r for r in account.answer_key["requests"] if r["channel"] == "email"
                   and r["part_of_vision"] and r["sender"] != r["originator"]]
        shown = 0
        for request in relayed:
            target = request["originator"]
            needle = target if "@" in target else "@" + target
            shown += needle in bodies[request["message_id"]]
        shares[difficulty] = shown / len(relayed)
    assert shares["easy"] >= 0.6
    assert 0.1 <= shares["medium"] < shares["easy"]
    assert shares["hard"] == 0.0


def test_hard_new_executive_is_missing_from_the_org_chart(accounts):
    for difficulty, present in (("easy", True), ("hard", False)):
        account, corpus = accounts["new_executive", difficulty]
        email = account.answer_key["source"]["email"]
        assert (email in set(corpus.org_chart["email"])) is present


def test_mail_looks_real(accounts):
    account, corpus = accounts["new_executive", "medium"]
    raw = b"".join(account.messages)
    messages = corpus.messages
    assert b"=?utf-8?" in raw  # RFC 2047 encoded names
    assert (messages["body_kind"] == "html").any()
    assert messages["has_attachments"].any()
    assert (messages["in_reply_to"] != "").sum() > len(messages) / 4
    outbound = messages[messages["direction"] == "outbound"]
    assert (outbound["sent_at"].dt.day_of_week >= 5).any()  # weekend work
    bodies = "\n".join(messages["body_text"])
    markers = ["-----Original Message-----", "________________________________",
               "Forwarded message", "Begin forwarded message:", "Forwarded by", " wrote:",
               "Von:", "De :", "Van:", "Enviado el:", "schrieb", "a écrit"]
    assert sum(marker in bodies for marker in markers) >= 5
    requests = [r for r in account.answer_key["requests"] if r["channel"] == "email"]
    subjects = Counter(r["subject"] for r in requests)
    assert subjects.most_common(1)[0][1] / len(requests) < 0.1
    ids = {r["message_id"] for r in requests}
    asks = messages.loc[messages["message_id"].isin(ids), "body_text"]
    assert asks.nunique() == len(asks) == len(requests)


def test_phrase_bank_rarely_repeats_a_sentence(accounts):
    account, corpus = accounts["null", "medium"]
    ids = {r["message_id"] for r in account.answer_key["requests"] if r["channel"] == "email"}
    texts = corpus.messages.loc[corpus.messages["message_id"].isin(ids), "body_text"]
    questions = Counter()
    for text in texts:
        for sentence in set(re.split(r"(?<=[.?!])\s+|\n", text)):
            if len(sentence) > 30 and sentence.endswith("?"):
                questions[sentence] += 1
    assert len(questions) > 0.8 * len(texts)
    assert questions.most_common(1)[0][1] <= max(3, len(texts) // 20)


def test_parameters_are_validated():
    with pytest.raises(ValueError, match="'kind' parameter of simulate_account must be one of"):
        simulate_account("ceo")
    with pytest.raises(ValueError, match="'difficulty' .* Got 'extreme' instead"):
        simulate_account("null", "extreme")
    with pytest.raises(ValueError, match="'mail_format'"):
        simulate_account("null", mail_format="pst")
    with pytest.raises(ValueError, match="'n_months' .* in \\[3, 36\\]"):
        simulate_account("null", n_months=1)
    with pytest.raises(ValueError, match="'random_state' .* must be an int"):
        simulate_account("null", random_state="x")
    with pytest.raises(ValueError, match="not been written yet"):
        _ = simulate_account("null", n_months=3).inputs


# --------------------------------------------------------------------------- bundled samples

@pytest.mark.skipif(not (REPO_DATA / "sample").is_dir(), reason="no data/ folder in this tree")
def test_committed_samples_are_byte_identical_to_a_regeneration(tmp_path):
    regenerate_samples(tmp_path)
    for name in SAMPLES:
        assert _files(tmp_path / name) == _files(REPO_DATA / name), (
            f"data/{name} differs from its regeneration: run "
            "`python -m vision_analytics.datasets.regenerate` and commit data/")


@pytest.mark.skipif(not (REPO_DATA / "README.md").is_file(), reason="no data/ folder in this tree")
def test_data_readme_tells_the_sample_as_it_is():
    text = " ".join((REPO_DATA / "README.md").read_text(encoding="utf-8").split())
    for name in SAMPLES:
        key = load_sample(name).answer_key
        assert f"{key['counts']['messages']} messages" in text
        assert f"{key['counts']['requests']} requests" in text
        assert f"random_state={key['random_state']}" in text
    assert load_sample("sample").answer_key["onset"] in text


def test_load_sample():
    account = load_sample("sample")
    key = account.answer_key
    assert (key["kind"], key["difficulty"], key["scenario"]["team_size"]) == (
        "new_executive", "medium", 15)
    assert all(path.is_file() for path in account.paths.values())
    corpus = va.load(account.inputs, seller_domains=account.seller_domains)
    assert len(corpus.messages) == len(account.messages) == key["counts"]["messages"]
    assert corpus.errors.empty
    null = load_sample("null")
    assert null.answer_key["source"] is None
    with pytest.raises(ValueError, match="cannot be written again"):
        null.write("unused")
    with pytest.raises(ValueError, match="'name' parameter of load_sample must be one of"):
        load_sample("enron")


def test_load_sample_from_env_and_cache(tmp_path, monkeypatch):
    regenerate_samples(tmp_path / "env", names=["null"])
    monkeypatch.setenv("VISION_ANALYTICS_SAMPLE_DIR", str(tmp_path / "env"))
    assert load_sample("null").paths["mail"].parent == tmp_path / "env" / "null"
    with pytest.raises(FileNotFoundError, match="VISION_ANALYTICS_SAMPLE_DIR"):
        load_sample("sample")
    monkeypatch.delenv("VISION_ANALYTICS_SAMPLE_DIR")
    monkeypatch.setattr(_sample, "_repo_data", lambda: tmp_path / "nowhere")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    with pytest.raises(ValueError, match="no repository checkout found"):
        regenerate_samples()
    cached = load_sample("null")
    assert str(cached.paths["mail"]).startswith(str(tmp_path / "cache"))
    assert _files(cached.paths["mail"].parent) == _files(tmp_path / "env" / "null")


# --------------------------------------------------------------------------- scoring

def _key(kind="new_executive"):
    source = {"new_executive": {"name": "Dana Vale", "email": "dana@cust.com",
                                "organization": "Cust", "department": "Strategy"},
              "competitor": {"name": "Rivalco", "email": None, "organization": "Rivalco",
                             "department": None, "domain": "rivalco.com"},
              "it_organization": {"name": "IT", "email": None, "organization": "Cust",
                                  "department": "IT"},
              "null": None}[kind]
    source_kind = {"new_executive": "person", "competitor": "external",
                   "it_organization": "department", "null": None}[kind]
    origin = "dana@cust.com" if kind != "competitor" else "rivalco.com"
    vision = kind != "null"
    requests = [
        {"channel": "email", "message_id": "<1@x>", "log_ref": "", "sender": "pat@cust.com",
         "originator": "pat@cust.com", "topic": "invoice", "part_of_vision": False,
         "originator_organization": "Cust"},
        {"channel": "email", "message_id": "<2@x>", "log_ref": "", "sender": "pat@cust.com",
         "originator": origin, "topic": "roadmap", "part_of_vision": vision,
         "originator_organization": "Rivalco" if kind == "competitor" else "Cust"},
        {"channel": "email", "message_id": "<3@x>", "log_ref": "", "sender": "pat@cust.com",
         "originator": origin, "topic": "roadmap", "part_of_vision": vision,
         "originator_organization": "Rivalco" if kind == "competitor" else "Cust"},
        {"channel": "rfi_log", "message_id": "", "log_ref": "RFI-1", "sender": "lee@cust.com",
         "originator": "lee@cust.com", "topic": "invoice", "part_of_vision": False,
         "originator_organization": "Cust"},
    ]
    return {"kind": kind, "difficulty": "easy", "random_state": 0, "source": source,
            "source_kind": source_kind, "origin": None if kind == "null" else kind,
            "onset": "2025-03-01" if vision else None,
            "people": [{"name": "Dana Vale", "email": "dana@cust.com"}],
            "requests": requests, "non_requests": ["<9@x>"]}


def _frame(originators, vision, topics=("a", "b", "b", "a"), ids=("<1@x>", "<2@x>", "<3@x>",
                                                                  "RFI-1")):
    return pd.DataFrame({
        "request_id": [f"r{i}" for i in range(len(ids))], "message_id": list(ids),
        "channel": ["rfi_log" if i.startswith("RFI") else "email" for i in ids],
        "sender": ["pat@cust.com"] * len(ids),
        "topic_id": list(topics), "originator": list(originators),
        "originator_confidence": [0.9] * len(ids), "part_of_vision": list(vision),
    }).set_index("request_id")


def test_score_perfect_new_executive():
    key = _key()
    frame = _frame(["pat@cust.com", "dana@cust.com", "Dana Vale", "lee@cust.com"],
                   [False, True, True, False])
    vision = {"shared_source": True, "source": {"email": "DANA@cust.com"},
              "origin_hypothesis": "new_executive", "onset": "2025-03-04"}
    scores = score_account(key, frame, vision)
    assert scores["detection_correct"] and scores["source_correct"] and scores["origin_correct"]
    assert scores["onset_error_days"] == 3
    assert scores["originator_accuracy"] == 1.0
    assert scores["originator_accuracy_relayed"] == 1.0
    assert scores["vision_f1"] == 1.0
    assert scores["topic_ari"] == 1.0  # labels need not match, only the partition
    assert scores["request_recall"] == 1.0 and scores["false_positive"] is None


def test_score_details_per_request_feed_the_breakdown_by_relay_mode():
    import importlib.util

    key = _key()
    for request, mode in zip(key["requests"], ("direct", "pasted", "rephrased", "log_only"),
                             strict=True):
        request["relay_mode"] = mode
    # request 3 is missed: its originator is not named
    frame = _frame(["pat@cust.com", "dana@cust.com", "pat@cust.com", "lee@cust.com"],
                   [False, True, True, False])
    scores = score_account(key, frame, {"shared_source": True})
    details = scores["per_request"]
    assert [d["relay_mode"] for d in details] == ["direct", "pasted", "rephrased", "log_only"]
    assert [d["relayed"] for d in details] == [False, True, True, False]
    assert [d["correct"] for d in details] == [True, True, False, True]
    assert all(d["found"] for d in details)

    path = Path(__file__).resolve().parents[1] / "benchmarks" / "evaluate_accounts.py"
    spec = importlib.util.spec_from_file_location("evaluate_accounts", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    table = module.relayed_by_mode([scores])
    assert table.loc[("new_executive", "easy", "pasted"), "ours"] == 1.0
    assert table.loc[("new_executive", "easy", "rephrased"), "ours"] == 0.0
    # one source person: naming them on every vision request would be right each time
    assert table["one_name"].tolist() == [1.0, 1.0]
    assert table["n"].sum() == 2


def test_score_wrong_and_missing_predictions():
    key = _key()
    frame = _frame(["pat@cust.com", "pat@cust.com", "unknown"], [False, True, False],
                   topics=("a", "a", "b"), ids=("<1@x>", "<2@x>", "<9@x>"))
    vision = {"shared_source": True, "source": {"email": "pat@cust.com", "name": "Pat"},
              "origin_hypothesis": "competitor", "onset": None}
    scores = score_account(key, frame, vision)
    assert scores["source_correct"] is False and scores["origin_correct"] is False
    assert scores["onset_error_days"] is None
    assert scores["request_recall"] == 0.5
    assert scores["request_precision"] == pytest.approx(2 / 3)
    assert scores["n_false_requests"] == 1
    assert scores["originator_accuracy"] == 0.25
    assert scores["originator_accuracy_relayed"] == 0.0
    assert scores["vision_precision"] == 1.0 and scores["vision_recall"] == 0.5


def test_score_sources_by_organisation_and_department():
    competitor = score_account(
        _key("competitor"),
        _frame(["pat@cust.com", "sales@rivalco.com", "Rivalco", "lee@cust.com"],
               [False, True, True, False]),
        {"shared_source": True, "source": {"organization": "RivalCo"},
         "origin_hypothesis": "competitor", "requests_in_vision": []})
    assert competitor["source_correct"] and competitor["originator_accuracy"] == 1.0
    it = score_account(_key("it_organization"), _frame(["x"] * 4, [False] * 4),
                       {"shared_source": True, "source": {"department": "Information Technology"},
                        "origin_hypothesis": "it_organization"})
    assert it["source_correct"] and it["vision_recall"] == 0.0
    assert it["vision_precision"] is None and it["vision_f1"] == 0.0


def test_score_null_account_and_vision_ids():
    key = _key("null")
    frame = _frame(["pat@cust.com"] * 4, [None] * 4)
    quiet = score_account(key, frame, {"shared_source": False})
    assert quiet["detection_correct"] and quiet["false_positive"] is False
    assert quiet["source_correct"] is None and quiet["origin_correct"]
    alarm = score_account(key, frame, {"shared_source": True, "origin_hypothesis": "other",
                                       "requests_in_vision": ["r1"]})
    assert not alarm["detection_correct"] and alarm["false_positive"] is True
    assert alarm["vision_precision"] == 0.0


def test_score_rejects_a_frame_without_the_contract_columns():
    with pytest.raises(ValueError, match="lacks column\\(s\\) \\['channel'\\]"):
        score_account(_key(), pd.DataFrame({"message_id": ["<1@x>"]}), {})
    with pytest.raises(TypeError, match="must be a pandas DataFrame"):
        score_account(_key(), [], {})


@pytest.mark.parametrize("kind", KINDS)
def test_a_perfect_analysis_scores_perfectly(accounts, kind):
    key = accounts[kind, "medium"][0].answer_key
    frame = pd.DataFrame([{
        "request_id": f"r{i}", "channel": r["channel"],
        "message_id": r["message_id"] if r["channel"] == "email" else r["log_ref"],
        "originator": r["originator"], "topic_id": r["topic"],
        "part_of_vision": r["part_of_vision"]} for i, r in enumerate(key["requests"])])
    source = key["source"]
    vision = {"shared_source": source is not None, "source": source,
              "origin_hypothesis": key["origin"], "onset": key["onset"]}
    scores = score_account(key, frame, vision)
    assert scores["detection_correct"] and scores["origin_correct"]
    assert scores["source_correct"] in (True, None)
    assert scores["onset_error_days"] in (0, None)
    assert scores["originator_accuracy"] == scores["originator_accuracy_relayed"] == 1.0
    assert scores["topic_ari"] == 1.0 and scores["request_recall"] == 1.0
    assert scores["vision_f1"] == (None if kind == "null" else 1.0)


def test_scorer_takes_an_organisation_named_from_its_domain():
    from vision_analytics.datasets._scoring import _same_originator

    truth = {"originator": "veridiandynamics.com",
             "originator_organization": "Veridian Dynamics"}
    assert _same_originator("Veridiandynamics", truth, {})
    assert _same_originator("veridian-dynamics", truth, {})
    assert not _same_originator("Veridian Systems", truth, {})
    assert not _same_originator("unknown", truth, {})


def test_scorer_counts_a_competitor_named_by_its_product_apart():
    from vision_analytics.datasets._scoring import _source_by_product, _source_correct

    key = {"source_kind": "external",
           "source": {"name": "Veridian Dynamics", "organization": "Veridian Dynamics",
                      "domain": "veridiandynamics.com", "products": ["Summit", "OmniCore"]}}
    by_product = {"name": "Summit", "organization": "", "email": ""}
    assert not _source_correct(by_product, key)
    assert _source_by_product(by_product, key)
    assert _source_by_product({"name": "Veridian Dynamics"}, key)
    assert not _source_by_product({"name": "Halcyon"}, key)
    assert _source_by_product(by_product, {"source_kind": "person", "source": {}}) is None


def test_request_attribution_by_product_is_scored_apart(accounts):
    key = accounts["competitor", "medium"][0].answer_key
    products = key["source"]["products"]
    outside = {r["originator"] for r in key["requests"]
               if r.get("originator_organization") == key["source"]["organization"]}
    assert outside, "the simulated competitor originates no request"
    frame = pd.DataFrame([{
        "request_id": f"r{i}", "channel": r["channel"],
        "message_id": r["message_id"] if r["channel"] == "email" else r["log_ref"],
        # the competitor's requests credited to its product, every other one right
        "originator": products[0] if r["originator"] in outside else r["originator"]}
        for i, r in enumerate(key["requests"])])
    scores = score_account(key, frame, {"shared_source": True, "source": key["source"]})
    assert scores["originator_accuracy"] < 1.0
    assert scores["originator_by_product"] == 1.0
    assert scores["originator_by_product_relayed"] == 1.0
    null = accounts["null", "medium"][0].answer_key
    assert score_account(null, frame.head(0), {})["originator_by_product"] is None


@pytest.mark.parametrize("seed", [104, 332, 392])
def test_two_people_never_share_an_address(seed):
    # first-initial addresses collide (Michał and Małgorzata Wiśniewski); a mail
    # administrator numbers the second, and so does the simulator
    from vision_analytics.datasets._world import build_world

    world = build_world(seed)
    people = [*world.team, *world.stakeholders, world.executive, *world.competitor_reps]
    emails = [p.email for p in people]
    assert len(set(emails)) == len(emails)
    assert any(e.split("@")[0][-1].isdigit() for e in emails)
