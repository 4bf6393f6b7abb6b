"""TopicClusterer: automatic k by stability, determinism, unassigned share, labels, time, I/O."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.metrics import adjusted_rand_score
from sklearn.utils.estimator_checks import parametrize_with_checks

from vision_analytics._schema import validate_frame
from vision_analytics.cluster import UNASSIGNED, TopicClusterer, candidate_ks, choose_k
from vision_analytics.features import TextFeatures, email_stop_words

_STRING_LABELS = (
    "labels_ and predict() are topic-id strings ('topic_01', 'unassigned'), never ints or "
    "a silent -1; this check compares them numerically or requires an int dtype. The same "
    "properties are tested in this file on strings."
)


@parametrize_with_checks(
    [TopicClusterer(n_topics=3, n_resamples=0, n_init=1, n_consensus=1)],
    expected_failed_checks=lambda est: {
        "check_clustering": _STRING_LABELS,
        "check_estimators_pickle": _STRING_LABELS,
        "check_methods_sample_order_invariance": _STRING_LABELS,
        "check_methods_subset_invariance": _STRING_LABELS,
        "check_fit_idempotent": _STRING_LABELS,
    },
)
def test_sklearn_compatible(estimator, check):
    check(estimator)


TOPIC_WORDS = {
    "billing": "invoice payment overdue billing refund credit receipt ledger vat remittance",
    "outage": "server outage network latency firewall router backup datacenter dns failover",
    "hiring": "hiring interview candidate recruiter salary onboarding resume offer contract role",
    "vision": "roadmap strategy platform architecture cloud migration modernisation target "
              "blueprint transformation",
    "security": "audit compliance encryption password phishing breach certificate access "
                "token vulnerability",
    "office": "desk parking badge canteen printer meeting room lease furniture cleaning",
}
BOILERPLATE = ["Hi team,", "Dear all,", "Thanks, regards", "Please advise. Best regards",
               "FW:", "RE:", "Good morning,", "Kind regards, sent Monday"]
GENERIC = "update status issue help info request need check".split()


def synthetic(n_topics=4, per_topic=30, seed=0):
    """Clearly separated topics wrapped in e-mail boilerplate, with monthly dates.

    Topic 0 is spread over the whole year; the last topic only appears in the
    last months (an emerging topic).
    """
    rng = np.random.RandomState(seed)
    names = list(TOPIC_WORDS)[:n_topics]
    rows = []
    for t, name in enumerate(names):
        words = TOPIC_WORDS[name].split()
        for i in range(per_topic):
            body = list(rng.choice(words, 5, replace=False)) + list(rng.choice(GENERIC, 2))
            rng.shuffle(body)
            text = f"{rng.choice(BOILERPLATE)} {' '.join(body)} {rng.choice(BOILERPLATE)}"
            month = 9 + i % 4 if t == n_topics - 1 else 1 + i % 12
            rows.append({"text": text, "truth": name,
                         "sent_at": pd.Timestamp(2025, month, 1 + i % 27, tz="UTC")})
    frame = pd.DataFrame(rows).sample(frac=1.0, random_state=seed)
    frame.index = pd.Index([f"req-{i:04d}" for i in range(len(frame))], name="request_id")
    return frame


@pytest.fixture(scope="module")
def corpus():
    return synthetic()


@pytest.fixture(scope="module")
def fitted(corpus):
    return TopicClusterer(n_topics=4, random_state=0).fit(corpus)


def test_recovers_known_topics(corpus, fitted):
    assert adjusted_rand_score(corpus["truth"], fitted.labels_) == pytest.approx(1.0)
    assert list(fitted.topics_) == ["topic_01", "topic_02", "topic_03", "topic_04"]


@pytest.mark.parametrize("n_topics", [3, 5])
def test_stability_picks_the_right_k(n_topics):
    frame = synthetic(n_topics=n_topics, per_topic=25, seed=n_topics)
    model = TopicClusterer(random_state=0).fit(frame)
    assert model.n_topics_ == n_topics
    scan = model.k_scan_.set_index("k")
    assert scan.loc[n_topics, "selected"]
    assert scan.loc[n_topics, "stability"] > 0.95
    assert model.stability_ == pytest.approx(scan.loc[n_topics, "stability"])
    assert scan.index.max() <= 40


def test_k_scan_is_bounded():
    assert candidate_ks(20_000) == [2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 14, 16, 18, 20, 22, 25, 28,
                                    32, 36, 40]
    assert max(candidate_ks(100)) == 10
    assert max(candidate_ks(12)) == 2
    scan = pd.DataFrame({"k": [2, 3, 4], "stability": [0.99, 0.97, 0.6],
                         "silhouette": [0.1, 0.3, 0.4]})
    assert choose_k(scan) == 3  # as stable as the best (within 0.05) and better separated


def test_n_topics_override(corpus):
    model = TopicClusterer(n_topics=3, random_state=0).fit(corpus)
    assert model.n_topics_ == 3
    assert model.transform(corpus).shape == (len(corpus), 3)
    assert model.k_scan_["k"].tolist() == [3]


@pytest.mark.parametrize("seed", [0, 1])
def test_same_seed_same_topics(seed):
    frame = synthetic(n_topics=5, per_topic=20, seed=3)
    # noisy documents so that the result depends on the seed's path
    frame.loc[frame.index[:15], "text"] = [" ".join(GENERIC[i % 8:] + GENERIC[:i % 8])
                                           for i in range(15)]
    a = TopicClusterer(random_state=seed).fit(frame)
    b = TopicClusterer(random_state=seed).fit(frame)
    np.testing.assert_array_equal(a.labels_, b.labels_)
    np.testing.assert_array_equal(a.topics_, b.topics_)
    np.testing.assert_array_equal(a.transform(frame), b.transform(frame))
    pd.testing.assert_frame_equal(a.topic_info_, b.topic_info_)
    pd.testing.assert_frame_equal(a.k_scan_, b.k_scan_)


def test_topic_ids_are_canonical(corpus):
    model = TopicClusterer(n_topics=4, random_state=3).fit(corpus)
    sizes = model.topic_info_["size"].tolist()
    assert sizes == sorted(sizes, reverse=True)
    # ties in size go to the topic of the earliest document
    first = [int(np.flatnonzero(model.labels_ == t)[0]) for t in model.topics_]
    for i in range(len(sizes) - 1):
        if sizes[i] == sizes[i + 1]:
            assert first[i] < first[i + 1]


def test_predict_on_training_data_equals_labels(corpus, fitted):
    np.testing.assert_array_equal(fitted.predict(corpus), fitted.labels_)
    np.testing.assert_array_equal(fitted.fit_predict(corpus), fitted.labels_)
    noisy = synthetic(n_topics=5, per_topic=20, seed=7)
    noisy.loc[noisy.index[::7], "text"] = "help update"
    model = TopicClusterer(n_topics=5, random_state=0).fit(noisy)
    np.testing.assert_array_equal(model.predict(noisy), model.labels_)
    np.testing.assert_array_equal(model.predict(noisy["text"].tolist()), model.labels_)


def test_transform_and_top3(corpus, fitted):
    proba = fitted.transform(corpus)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    top3 = fitted.top3_
    assert list(top3.columns) == ["topic_1", "score_1", "topic_2", "score_2", "topic_3",
                                  "score_3"]
    assert list(top3.index) == list(corpus.index)
    assigned = fitted.labels_ != UNASSIGNED
    np.testing.assert_array_equal(top3["topic_1"].to_numpy()[assigned], fitted.labels_[assigned])
    assert (top3["score_1"] >= top3["score_2"]).all()
    assert (top3["score_2"] >= top3["score_3"]).all()
    pd.testing.assert_frame_equal(fitted.top3(corpus), top3)


def test_unassigned_is_explicit(corpus):
    frame = corpus.copy()
    frame.loc[frame.index[:3], "text"] = ["", "thanks, regards", None]
    # a document half billing, half outage: no topic dominates
    frame.loc[frame.index[3], "text"] = "invoice payment refund server outage firewall"
    shares = []
    for threshold in (0.0, 0.5, 0.99):
        model = TopicClusterer(n_topics=4, unassigned_threshold=threshold).fit(frame)
        labels = model.labels_
        assert set(labels[:3]) == {UNASSIGNED}  # no known word: never forced into a topic
        assert model.unassigned_share_ == pytest.approx(np.mean(labels == UNASSIGNED))
        assert not any(str(v) == "-1" for v in labels)
        shares.append(model.unassigned_share_)
        # the rule: unassigned exactly when the best topic's probability is below the threshold
        best = model.transform(frame).max(axis=1)
        expected = (best < threshold) | (np.arange(len(frame)) < 3)
        np.testing.assert_array_equal(labels == UNASSIGNED, expected)
        np.testing.assert_array_equal(model.predict(frame), labels)
    assert shares[0] == pytest.approx(3 / len(frame))
    assert shares == sorted(shares)
    # the mixed document is the least certain of the real ones
    best = model.transform(frame).max(axis=1)
    assert best[3] == pytest.approx(best[3:].min())
    strict = TopicClusterer(n_topics=4, unassigned_threshold=float(best[3]) + 1e-9).fit(frame)
    assert strict.labels_[3] == UNASSIGNED


def test_labels_are_readable_and_stop_word_free(corpus, fitted):
    stop = set(email_stop_words())
    info = fitted.topic_info_
    for _, row in info.iterrows():
        assert row["top_terms"], row
        assert not stop & set(row["top_terms"])
        words = row["label"].replace("(", " ").replace(")", " ").replace(",", " ").split()
        assert words and not stop & set(words)
        if row["phrase"]:
            phrase = row["phrase"].split()
            assert phrase[0] not in stop and phrase[-1] not in stop
    # each topic's terms come from its own vocabulary
    for topic, terms in zip(info["topic_id"], info["top_terms"], strict=True):
        truth = corpus.loc[fitted.labels_ == topic, "truth"].mode()[0]
        assert set(terms[:5]) <= set(TOPIC_WORDS[truth].split())
    assert all(len(r) == 3 for r in info["representative_ids"])


def test_topics_frame_follows_the_contract(corpus, fitted):
    frame = fitted.topics_frame(corpus)
    validate_frame(frame, "topics")
    assert frame["size"].sum() == len(corpus)
    assert frame["topic_id"].tolist()[:4] == list(fitted.topics_)
    for ids in frame["representative_ids"]:
        assert set(ids) <= set(corpus.index)
    first = frame.set_index("topic_id")["first_seen"]
    assert str(first.dt.tz) == "UTC"
    # ids given by the caller are used as is; unknown ids are refused
    given = fitted.topics_frame(corpus.assign(topic_id=fitted.labels_))
    pd.testing.assert_frame_equal(given, frame)
    with pytest.raises(ValueError, match="ids this model does not know"):
        fitted.topics_frame(corpus.assign(topic_id="t99"))
    assert fitted.embedding_.shape[0] == len(corpus)


def test_topics_over_time_keeps_ids(corpus, fitted):
    volume = fitted.topics_over_time(corpus, freq="MS")
    assert set(volume["topic_id"]) == set(fitted.topics_) | {UNASSIGNED}
    assert volume["count"].sum() == len(corpus)
    assert volume["period"].nunique() == 12
    assert str(volume["period"].dt.tz) == "UTC"
    # ids over time are the fitted ids: per-topic totals equal the training labels
    totals = volume.groupby("topic_id")["count"].sum()
    for topic in fitted.topics_:
        assert totals[topic] == np.sum(fitted.labels_ == topic)
    # a later batch keeps the same ids (no re-clustering per period)
    late = corpus[corpus["sent_at"] >= pd.Timestamp(2025, 9, 1, tz="UTC")]
    np.testing.assert_array_equal(fitted.predict(late),
                                  fitted.labels_[(corpus["sent_at"] >=
                                                  pd.Timestamp(2025, 9, 1, tz="UTC")).to_numpy()])
    trends = fitted.topic_trends(corpus).set_index("topic_id")
    emerging_topic = pd.Series(fitted.labels_[corpus["truth"].to_numpy() == "vision"]).mode()[0]
    assert trends.loc[emerging_topic, "trend"] == "emerging"
    assert (trends.drop(index=[emerging_topic, UNASSIGNED])["trend"] != "emerging").all()


def test_topics_over_time_needs_dates(fitted):
    with pytest.raises(KeyError, match="'sent_at' column"):
        fitted.topics_over_time(pd.DataFrame({"text": ["a b"]}))


def test_save_load_round_trip_without_pickle(tmp_path, corpus, fitted):
    json_path, npz_path = fitted.save(tmp_path / "topics")
    assert json_path.name == "topics.json" and npz_path.name == "topics.npz"
    meta = json.loads(json_path.read_text(encoding="utf-8"))
    assert meta["topics"] == list(fitted.topics_)
    with np.load(npz_path, allow_pickle=False) as arrays:  # raises if anything is pickled
        assert set(arrays.files) == {"labels", "log_word", "log_prior"}
    loaded = TopicClusterer.load(tmp_path / "topics")
    new_docs = synthetic(seed=11)
    np.testing.assert_array_equal(loaded.predict(new_docs), fitted.predict(new_docs))
    np.testing.assert_array_equal(loaded.transform(new_docs), fitted.transform(new_docs))
    np.testing.assert_array_equal(loaded.labels_, fitted.labels_)
    assert loaded.get_params() == fitted.get_params()
    pd.testing.assert_frame_equal(loaded.topics_frame(corpus), fitted.topics_frame(corpus))


def test_load_rejects_other_files(tmp_path):
    (tmp_path / "x.json").write_text('{"format": "other"}', encoding="utf-8")
    np.savez(tmp_path / "x.npz", a=np.zeros(1))
    with pytest.raises(ValueError, match="not a TopicClusterer file"):
        TopicClusterer.load(tmp_path / "x")
    with pytest.raises(FileNotFoundError, match="both <path>.json and <path>.npz"):
        TopicClusterer.load(tmp_path / "missing")


def test_precomputed_vectors(corpus, tmp_path):
    vectors = TextFeatures(n_components=20).fit_transform(corpus)
    model = TopicClusterer(n_topics=4, random_state=0).fit(vectors)
    assert model.input_kind_ == "vectors"
    assert adjusted_rand_score(corpus["truth"], model.labels_) > 0.9
    np.testing.assert_array_equal(model.predict(vectors), model.labels_)
    model.save(tmp_path / "vec")
    loaded = TopicClusterer.load(tmp_path / "vec")
    np.testing.assert_array_equal(loaded.predict(vectors.to_numpy()), model.labels_)
    with pytest.raises(ValueError, match="fitted on vectors; got texts"):
        model.predict(["invoice payment"])


def test_clone_keeps_params():
    model = TopicClusterer(n_topics=7, unassigned_threshold=0.3, extra_stop_words=("acme",))
    assert clone(model).get_params() == model.get_params()


@pytest.mark.parametrize(
    ("params", "match"),
    [
        ({"n_topics": "many"}, r"'n_topics' parameter .* 'auto' or an int >= 1. Got 'many'"),
        ({"n_topics": 0}, r"'n_topics' parameter .* Got 0"),
        ({"n_topics": 500}, r"exceeds the number of documents"),
        ({"unassigned_threshold": 1.5}, r"'unassigned_threshold' .* \[0, 1\). Got 1.5"),
        ({"min_topics": 5, "max_topics": 3}, r"2 <= min_topics <= max_topics"),
    ],
)
def test_clear_errors(corpus, params, match):
    with pytest.raises(ValueError, match=match):
        TopicClusterer(**params).fit(corpus)


@pytest.mark.real_data
def test_stackoverflow_subset_beats_lsa_baseline(real_data):
    from sklearn.cluster import KMeans
    from sklearn.decomposition import TruncatedSVD
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics import normalized_mutual_info_score
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import Normalizer

    folder = real_data / "clustering" / "stackoverflow"
    titles = pd.concat(
        [pd.read_csv(folder / f"{s}.tsv", sep="\t", dtype=str, keep_default_na=False)
         for s in ("train", "dev", "test")],
        ignore_index=True,
    ).sample(2000, random_state=0)
    texts, truth = titles["text"].tolist(), titles["label"].to_numpy()
    # scikit-learn's text-clustering example, same seed
    lsa = make_pipeline(TfidfVectorizer(max_df=0.5, min_df=5, stop_words="english"),
                        TruncatedSVD(100, random_state=0), Normalizer(copy=False))
    baseline = KMeans(20, max_iter=100, n_init=1, random_state=0).fit_predict(
        lsa.fit_transform(texts))
    model = TopicClusterer(n_topics=20, n_resamples=0, random_state=0).fit(texts)
    ours = normalized_mutual_info_score(truth, model.labels_)  # "unassigned" = a cluster
    theirs = normalized_mutual_info_score(truth, baseline)
    assert ours > theirs + 0.03, (ours, theirs)
    assert model.unassigned_share_ < 0.15
    np.testing.assert_array_equal(model.predict(texts), model.labels_)


@pytest.mark.parametrize(
    "docs",
    [["cloud price", "cloud price again"], ["same words here"] * 12],
    ids=["two-documents", "all-duplicates"],
)
def test_tiny_or_degenerate_input_gives_an_honest_answer(docs):
    model = TopicClusterer(min_df=1).fit(docs)
    assert model.n_topics_ == 1  # fewer distinct documents than topics: one topic, no crash
    assert set(model.labels_) == {"topic_01"}
    np.testing.assert_array_equal(model.predict(docs), model.labels_)


def test_long_mixed_email_is_not_overconfident(corpus, fitted):
    # 10 billing words + 10 outage words: naive Bayes alone would be near-certain
    mixed = TOPIC_WORDS["billing"] + " " + TOPIC_WORDS["outage"]
    top = fitted.top3([mixed]).iloc[0]
    billing = fitted.predict([TOPIC_WORDS["billing"]])[0]
    outage = fitted.predict([TOPIC_WORDS["outage"]])[0]
    assert {top["topic_1"], top["topic_2"]} == {billing, outage}
    assert top["score_1"] < 0.8
    # the evidence cap rescales scores per document: the best topic never changes
    raw = fitted._model.log_scores(fitted._binary(corpus["text"]))
    np.testing.assert_array_equal(raw.argmax(axis=1), fitted.transform(corpus).argmax(axis=1))
