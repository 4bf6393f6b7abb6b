"""AuthorshipModel: calibrated attribution with an "unknown" outcome."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import make_pipeline
from sklearn.svm import LinearSVC
from sklearn.utils.estimator_checks import parametrize_with_checks

from vision_analytics.attribution import (
    UNKNOWN,
    AuthorshipModel,
    expected_calibration_error,
    reliability_table,
)

from .conftest import NUMERIC_INPUT_CHECKS

# Three synthetic writers with distinct habits, and a fourth that is never trained on.
_STYLES = {
    "formal": {
        "words": "we shall review the proposal and revert with our considered analysis of the "
              "programme whilst the organisation finalises its colour scheme and behaviour "
              "guidelines accordingly furthermore".split(),
        "joiner": "; ", "end": ".", "close": "\n\nKind regards,\nEleanor"},
    "terse": {
        "words": "pls send numbers asap need them today call me re deal price ok will check "
              "thx ping me later got it no worries".split(),
        "joiner": " ", "end": " --", "close": "\n\n-Tom"},
    "listy": {
        "words": "item one is the roadmap item two is the budget then the timeline and the "
              "vendor shortlist next step is a decision by friday".split(),
        "joiner": "\n", "end": "", "close": "\n\nThanks,\nPriya", "numbered": True},
}
_SHOUTY = {"words": "URGENT!!! THIS IS NOT ACCEPTABLE!!! WHERE IS MY REFUND??? "
                     "I DEMAND ANSWERS NOW!!! UNBELIEVABLE SERVICE!!!".split()}


def _text(style: dict, rng: np.random.RandomState, n_words: int) -> str:
    words = list(rng.choice(style["words"], size=n_words))
    chunks = [" ".join(words[i:i + 8]) for i in range(0, n_words, 8)]
    if style.get("numbered"):
        chunks = [f"{k + 1}. {c}" for k, c in enumerate(chunks)]
    body = style["joiner"].join(c + style["end"] for c in chunks)
    return body + style["close"]


def corpus(n_per_author=12, n_words=60, seed=0) -> tuple[list[str], list[str]]:
    rng = np.random.RandomState(seed)
    texts, authors = [], []
    for name, style in _STYLES.items():
        for _ in range(n_per_author):
            texts.append(_text(style, rng, n_words))
            authors.append(name)
    return texts, authors


def shouty(n=3, seed=1) -> list[str]:
    rng = np.random.RandomState(seed)
    return [" ".join(rng.choice(_SHOUTY["words"], size=40)) for _ in range(n)]


FAST = {"min_words": 100, "cv": 3, "max_char_features": 5000, "max_word_features": 2000,
            "crop_lengths": (20,)}


@pytest.fixture(scope="module")
def fitted():
    texts, authors = corpus()
    return AuthorshipModel(**FAST).fit(texts, authors)


# -------------------------------------------------------------------- basics
def test_fit_predict_and_classes(fitted):
    texts, authors = corpus(n_per_author=4, seed=7)
    assert list(fitted.classes_) == ["formal", "listy", "terse"]
    assert list(fitted.predict(texts, open_set=False)) == authors
    assert fitted.score(texts, authors) >= 0.9  # sklearn's score(X, y): accuracy


def test_probabilities_sum_to_one(fitted):
    texts, _ = corpus(n_per_author=3, seed=3)
    proba = fitted.predict_proba(texts + shouty() + ["", "ok"])
    assert proba.shape == (len(texts) + 5, 3)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    assert (proba >= 0).all()


def test_unseen_author_with_a_different_style_is_unknown(fitted):
    texts, _ = corpus(n_per_author=3, seed=5)
    assert (fitted.predict(shouty()) == UNKNOWN).all()
    # ...while the known authors' new texts are still attributed
    assert (fitted.predict(texts) != UNKNOWN).mean() >= 0.8


def test_min_confidence_turns_weak_answers_into_unknown(fitted):
    texts, _ = corpus(n_per_author=2, seed=9)
    top = fitted.predict_proba(texts).max(axis=1)
    strict = fitted.predict(texts, min_confidence=float(top.max()) + 1e-9, open_set=False)
    assert (strict == UNKNOWN).all()
    lax = fitted.predict(texts, min_confidence=0.0, open_set=False)
    assert (lax != UNKNOWN).all()


def test_short_texts_get_lower_confidence(fitted):
    rng = np.random.RandomState(11)
    long = [_text(_STYLES[name], rng, 80) for name in _STYLES for _ in range(3)]
    short = [" ".join(t.split()[:5]) for t in long]
    long_top = fitted.predict_proba(long).max(axis=1).mean()
    short_top = fitted.predict_proba(short).max(axis=1).mean()
    assert short_top < long_top


def test_score_without_y_is_the_evidence_frame(fitted):
    texts = pd.Series([corpus(n_per_author=1, seed=2)[0][0], shouty(1)[0]], index=["r1", "r2"])
    frame = fitted.score(texts)
    assert list(frame.columns) == ["text_id", "candidate", "probability", "rank",
                                   "fits_profile", "n_words", "kind", "weight"]
    assert len(frame) == 2 * 3
    assert set(frame["text_id"]) == {"r1", "r2"}
    np.testing.assert_allclose(frame.groupby("text_id")["probability"].sum(), 1.0)
    first = frame[frame["text_id"] == "r1"]
    assert first["rank"].tolist() == [1, 2, 3]
    assert first["probability"].is_monotonic_decreasing
    assert first.iloc[0]["candidate"] == "formal"
    assert (frame["kind"] == "style").all()
    assert not frame.loc[frame["text_id"] == "r2", "fits_profile"].any()
    single = fitted.score("We shall revert with our considered analysis.")
    assert len(single) == 3 and set(single["text_id"]) == {0}


def test_deterministic_with_random_state():
    texts, authors = corpus(n_per_author=8)
    a = AuthorshipModel(**FAST, random_state=3).fit(texts, authors)
    b = AuthorshipModel(**FAST, random_state=3).fit(texts, authors)
    probe = corpus(n_per_author=2, seed=4)[0] + shouty(2)
    np.testing.assert_array_equal(a.predict_proba(probe), b.predict_proba(probe))
    np.testing.assert_array_equal(a.weights_, b.weights_)
    pd.testing.assert_frame_equal(a.cv_scores_, b.cv_scores_)


def test_authors_below_the_minimum_are_not_candidates():
    texts, authors = corpus(n_per_author=8)
    texts += ["A lone note from a rare writer."] * 2
    authors += ["rare", "rare"]
    with pytest.warns(UserWarning, match=r"1 author\(s\) below the minimum of 5 texts"):
        model = AuthorshipModel(**FAST).fit(texts, authors)
    assert "rare" not in model.classes_
    assert model.excluded_authors_ == {"rare": (2, 14)}


@pytest.mark.parametrize(
    ("texts", "authors", "params", "match"),
    [
        (["a b c"] * 4, ["x"] * 3, {}, r"X has 4 texts but y has 3 authors"),
        (["a b c"] * 2, ["unknown", "x"], {}, r"'unknown' is reserved"),
        (["a b c"] * 10, ["x"] * 10, {"min_words": 1},
         r"needs at least 2 candidate authors .* got 1"),
        (["a"], ["x"], {"cv": 1}, r"The 'cv' parameter of AuthorshipModel must be an int >= 2"),
        (["a"], ["x"], {"char_analyzer": "word"}, r"'char_analyzer'.*Got 'word' instead"),
        (["a"], ["x"], {"open_set_quantile": 0.7}, r"'open_set_quantile'.*\(0, 0.5\)"),
    ],
)
def test_clear_errors(texts, authors, params, match):
    with pytest.raises(ValueError, match=match):
        AuthorshipModel(**params).fit(texts, authors)


def test_clone_and_params():
    model = AuthorshipModel(C=0.5, crop_lengths=(), random_state=7)
    twin = clone(model)
    assert twin.get_params() == model.get_params()
    assert twin.get_params()["C"] == 0.5
    texts, authors = corpus(n_per_author=6)
    twin.set_params(**FAST).fit(texts, authors)
    assert not hasattr(model, "classes_")


def test_calibration_helpers():
    y = ["a", "a", "b", "b"]
    proba = np.array([[0.95, 0.05], [0.55, 0.45], [0.3, 0.7], [0.6, 0.4]])
    table = reliability_table(y, proba, ["a", "b"])
    assert table["count"].sum() == 4
    assert table.loc[table["bin"] == "[0.9, 1.0]", "accuracy"].item() == 1.0
    # one text per bin: 0.95 right, 0.55 right, 0.6 wrong (bin [0.6, 0.7)), 0.7 right
    expected = (abs(1 - 0.95) + abs(1 - 0.55) + abs(0 - 0.6) + abs(1 - 0.7)) / 4
    assert expected_calibration_error(y, proba, ["a", "b"]) == pytest.approx(expected)


def _expected_failures(estimator):
    reason = "AuthorshipModel takes a column of texts and needs >= 5 texts per author"
    return dict.fromkeys(_NUMERIC_INPUT_CHECKS, reason)


_NUMERIC_INPUT_CHECKS = NUMERIC_INPUT_CHECKS + (
    "check_classifier_data_not_an_array",
    "check_classifiers_classes",
    "check_classifiers_one_label",
    "check_classifiers_regression_target",
    "check_classifiers_train",
    "check_decision_proba_consistency",
    "check_requires_y_none",
    "check_supervised_y_2d",
)


@parametrize_with_checks([AuthorshipModel()], expected_failed_checks=_expected_failures)
def test_sklearn_compatible(estimator, check):
    check(estimator)


# ----------------------------------------------------------------- real data
_WORD = re.compile(r"[A-Za-z0-9]+(?:['\u2019][A-Za-z]+)*")


def _first_words(text: str, n: int) -> str:
    ends = [m.end() for m in _WORD.finditer(text)]
    return text if len(ends) <= n else text[: ends[n - 1]]


@pytest.mark.real_data
@pytest.mark.slow
def test_c50_subset_beats_baseline_and_is_calibrated(real_data):
    root = real_data / "authorship" / "c50-train"
    authors = sorted(p.name for p in root.iterdir() if p.is_dir())[:10]
    train_x, train_y, test_x, test_y = [], [], [], []
    for author in authors:
        files = sorted((root / author).glob("*.txt"))
        for k, path in enumerate(files):
            text = path.read_text(encoding="utf-8", errors="replace")
            (train_x if k % 10 < 6 else test_x).append(text)
            (train_y if k % 10 < 6 else test_y).append(author)
    baseline = make_pipeline(
        TfidfVectorizer(analyzer="char", ngram_range=(2, 5), sublinear_tf=True,
                        lowercase=False),
        LinearSVC(random_state=0),
    ).fit(train_x, train_y)
    model = AuthorshipModel(random_state=0).fit(train_x, train_y)
    # whole texts, and the pasted-paragraph case: their first 100 and 50 words
    x = test_x + [_first_words(t, 100) for t in test_x] + [_first_words(t, 50) for t in test_x]
    y = np.array(test_y * 3, dtype=object)
    base_acc = float(np.mean(baseline.predict(x) == y))
    proba = model.predict_proba(x)
    model_acc = float(np.mean(model.classes_[proba.argmax(axis=1)] == y))
    assert model_acc >= base_acc, (model_acc, base_acc)
    assert expected_calibration_error(y, proba, model.classes_) < 0.06
