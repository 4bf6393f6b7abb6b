"""TextFeatures: TF-IDF → LSA as a DataFrame-in/DataFrame-out sklearn transformer."""

from __future__ import annotations

import importlib.util

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.utils.estimator_checks import (
    check_estimator_cloneable,
    check_estimator_repr,
    check_get_params_invariance,
    check_no_attributes_set_in_init,
    check_parameters_default_constructible,
    check_set_params,
)

from vision_analytics.features import (
    EMAIL_STOP_WORDS,
    TextFeatures,
    email_stop_words,
    make_tfidf,
)

DOCS = [
    "Hi team, could you send the price of the cloud migration? Thanks, Anna",
    "Cloud migration: what would the price be for 500 seats? Regards",
    "FW: roadmap for the data platform, five year view",
    "RE: data platform roadmap - please share the five year plan",
    "Dear all, what is the licence cost if we move storage to the cloud?",
    "Good morning, security review of the data platform before Monday",
]


@pytest.fixture
def frame():
    return pd.DataFrame({"text": DOCS, "other": range(len(DOCS))},
                        index=[f"r{i}" for i in range(len(DOCS))])


# sklearn's generic checks that do not need numeric training data; the others feed
# numeric arrays, which a text transformer rightly refuses.
@pytest.mark.parametrize(
    "check",
    [
        check_parameters_default_constructible,
        check_no_attributes_set_in_init,
        check_get_params_invariance,
        check_set_params,
        check_estimator_cloneable,
        check_estimator_repr,
    ],
    ids=lambda c: c.__name__,
)
def test_sklearn_generic_checks(check):
    check("TextFeatures", TextFeatures())


def test_dataframe_in_dataframe_out(frame):
    out = TextFeatures(n_components=3, min_df=1).fit_transform(frame)
    assert isinstance(out, pd.DataFrame)
    assert list(out.index) == list(frame.index)
    assert list(out.columns) == ["text__lsa_0", "text__lsa_1", "text__lsa_2"]
    np.testing.assert_allclose(np.linalg.norm(out.to_numpy(), axis=1), 1.0)


def test_feature_names_match_columns(frame):
    model = TextFeatures(n_components=4, min_df=1).fit(frame)
    names = model.get_feature_names_out()
    assert list(names) == [f"text__lsa_{i}" for i in range(4)]
    assert list(model.transform(frame).columns) == list(names)
    assert model.n_features_in_ == 1
    assert list(model.feature_names_in_) == ["text"]


def test_missing_text_is_empty_not_error():
    series = pd.Series(DOCS + [None, np.nan], index=list("abcdefgh"))
    out = TextFeatures(n_components=2, min_df=1).fit_transform(series)
    assert list(out.index) == list("abcdefgh")
    np.testing.assert_array_equal(out.loc[["g", "h"]].to_numpy(), 0.0)


def test_list_input_and_transform_equals_fit_transform(frame):
    model = TextFeatures(n_components=3, min_df=1)
    a = model.fit_transform(DOCS)
    b = model.transform(frame)  # the DataFrame path reads column "text"
    np.testing.assert_allclose(a.to_numpy(), b.to_numpy())


def test_clone_and_pipeline(frame):
    model = TextFeatures(n_components=3, min_df=1, extra_stop_words=("anna",))
    twin = clone(model)
    assert twin.get_params() == model.get_params()
    pipe = make_pipeline(TextFeatures(n_components=3, min_df=1), StandardScaler())
    assert pipe.fit_transform(frame).shape == (len(DOCS), 3)


def test_deterministic(frame):
    a = TextFeatures(n_components=3, min_df=1, random_state=0).fit_transform(frame)
    b = TextFeatures(n_components=3, min_df=1, random_state=0).fit_transform(frame)
    pd.testing.assert_frame_equal(a, b)


def test_email_stop_words_are_not_features(frame):
    model = TextFeatures(n_components=2, min_df=1).fit(frame)
    vocabulary = set(model.vectorizer_.get_feature_names_out())
    for word in ("hi", "thanks", "regards", "fw", "re", "monday", "dear", "please", "the"):
        assert word not in vocabulary
    assert {"cloud", "migration", "roadmap", "platform"} <= vocabulary
    assert {"regards", "fw", "original", "message", "december"} <= EMAIL_STOP_WORDS


def test_tfidf_keeps_programming_names():
    vectorizer = make_tfidf(min_df=1).fit(["C++ and C# questions", "c++ compile error"])
    assert {"c++", "c#"} <= set(vectorizer.get_feature_names_out())


def test_stop_word_list_is_consistent_with_tokenizer():
    # sklearn warns (an error under our pytest config) when stop words do not
    # survive the tokenizer; fitting here proves the list and the pattern agree.
    make_tfidf(min_df=1, extra_stop_words=["Acme"]).fit(DOCS)
    assert "acme" in email_stop_words(["Acme"])


def test_n_components_capped_by_vocabulary():
    model = TextFeatures(n_components=100, min_df=1).fit(DOCS)
    assert model.svd_.n_components < 100
    assert len(model.get_feature_names_out()) == model.svd_.n_components


@pytest.mark.parametrize(
    ("params", "data", "error", "match"),
    [
        ({"n_components": 0}, DOCS, ValueError, r"'n_components' parameter .* Got 0"),
        ({"column": "body"}, pd.DataFrame({"text": DOCS}), KeyError, r"column 'body' not in"),
        ({}, ["only one"], ValueError, r"at least 2 documents"),
        ({"min_df": 1}, ["the and", "of the"], ValueError, r"no usable words"),
    ],
)
def test_clear_errors(params, data, error, match):
    with pytest.raises(error, match=match):
        TextFeatures(**params).fit(data)


def test_transform_before_fit():
    from sklearn.exceptions import NotFittedError

    with pytest.raises(NotFittedError):
        TextFeatures().transform(DOCS)


def test_embedding_model_must_be_a_local_folder(tmp_path):
    with pytest.raises(FileNotFoundError, match="never downloaded"):
        TextFeatures(embedding_model="sentence-transformers/all-MiniLM-L6-v2", min_df=1).fit(DOCS)


@pytest.mark.skipif(importlib.util.find_spec("sentence_transformers") is not None,
                    reason="sentence-transformers is installed")
def test_embedding_model_names_the_extra(tmp_path):
    with pytest.raises(ImportError, match=r"vision-analytics\[embeddings\]"):
        TextFeatures(embedding_model=tmp_path, min_df=1).fit(DOCS)
