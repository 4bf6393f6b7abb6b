"""StyleFeatures: the features themselves, the DataFrame contract, scikit-learn compatibility."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.utils.estimator_checks import parametrize_with_checks

from vision_analytics.features import (
    FUNCTION_WORDS,
    SPELLING_PAIRS,
    StyleFeatures,
    sign_off,
    text_column,
)

from .conftest import NUMERIC_INPUT_CHECKS


def features(*texts, **params) -> pd.DataFrame:
    return StyleFeatures(**params).fit_transform(list(texts))


def value(text, name, **params) -> float:
    return float(features(text, **params).loc[0, f"style__{name}"])


# ----------------------------------------------------------------- features
def test_em_dashes_counted_per_word():
    text = "We agreed\u2014finally\u2014on the price -- and the term."
    # 9 words, three em-dashes (two Unicode, one spaced double hyphen)
    assert value(text, "em_dash_rate") == pytest.approx(3 / 9)
    assert value("A plain sentence with no dashes at all.", "em_dash_rate") == 0.0
    assert value("Pages 10\u201312 and a well-known fact.", "en_dash_rate") > 0
    assert value("Pages 10\u201312 and a well-known fact.", "em_dash_rate") == 0.0


def test_ellipses_exclamations_semicolons():
    text = "Well... maybe\u2026 Great! Really! One; two; three."
    assert value(text, "ellipsis_rate") == pytest.approx(2 / 7)
    assert value(text, "exclamation_rate") == pytest.approx(2 / 7)
    assert value(text, "semicolon_rate") == pytest.approx(2 / 7)


@pytest.mark.parametrize(
    ("text", "british_share"),
    [
        ("The colour of the centre was organised by the neighbours.", 4.5 / 5),
        ("The color of the center was organized by the neighbors.", 0.5 / 5),
        ("Nothing to see here at all.", 0.5),
    ],
)
def test_british_and_american_spelling(text, british_share):
    assert value(text, "british_share") == pytest.approx(british_share)


def test_spelling_rates_are_per_word():
    frame = features("We analysed the behaviour.", "We analyzed the behavior.")
    assert frame["style__british_rate"].tolist() == pytest.approx([2 / 4, 0.0])
    assert frame["style__american_rate"].tolist() == pytest.approx([0.0, 2 / 4])


def test_spelling_pairs_are_general_patterns():
    pairs = dict(SPELLING_PAIRS)
    assert pairs["colour"] == "color"
    assert pairs["organisation"] == "organization"
    assert pairs["centre"] == "center"
    assert pairs["licence"] == "license"
    assert len(pairs) > 200


def test_numbered_and_bulleted_lists():
    numbered = "Steps:\n1. open the file\n2. check totals\n3) send it back"
    bulleted = "Items:\n- pricing\n* roadmap\n\u2022 support"
    prose = "No list here.\nJust two lines of prose."
    frame = features(numbered, bulleted, prose)
    assert frame["style__numbered_line_share"].tolist() == pytest.approx([3 / 4, 0, 0])
    assert frame["style__bulleted_line_share"].tolist() == pytest.approx([0, 3 / 4, 0])


def test_all_caps_double_space_and_lowercase_habits():
    text = "Call me ASAP.  The DEAL is off.  i will explain."
    assert value(text, "all_caps_rate") == pytest.approx(2 / 10)
    assert value(text, "double_space_share") == pytest.approx(1.0)
    assert value(text, "lowercase_i_rate") == pytest.approx(1 / 10)
    assert value(text, "lowercase_sentence_start_share") == pytest.approx(1 / 3)
    assert value("One. Two. Three.", "double_space_share") == 0.0


def test_sentence_word_and_line_lengths():
    text = "One two three. Four five six seven eight nine ten."
    assert value(text, "sentence_length_mean") == pytest.approx(5.0)
    assert value(text, "sentence_length_std") == pytest.approx(2.0)
    assert value("aa bbbb", "mean_word_length") == pytest.approx(3.0)
    assert value("ab\nabcd", "line_length_mean") == pytest.approx(3.0)


def test_type_token_ratio_is_not_length_bound():
    short = " ".join(f"w{i % 40}" for i in range(60))
    long = " ".join(f"w{i % 40}" for i in range(600))
    ratios = features(short, long)["style__type_token_ratio"]
    assert ratios[0] == pytest.approx(ratios[1], abs=0.05)
    assert value("the the the the", "type_token_ratio") == pytest.approx(0.25)


def test_function_word_rates():
    frame = features("The cat and the dog.", function_words=["the", "and", "of"])
    assert frame.loc[0, "style__fw_the"] == pytest.approx(2 / 5)
    assert frame.loc[0, "style__fw_and"] == pytest.approx(1 / 5)
    assert frame.loc[0, "style__fw_of"] == 0.0
    assert "style__fw_with" not in frame.columns
    assert f"style__fw_{FUNCTION_WORDS[0]}" in features("x").columns


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("Can we meet on Friday?\n\nThanks,\nDana", "thanks"),
        ("See attached.\n\nThank you\nDana", "thanks"),
        ("See attached.\n\nKind regards,\nDana Smith", "regards"),
        ("See attached.\n\nBest,\nD.", "best"),
        ("Great news.\nCheers", "cheers"),
        ("Yours sincerely,\nDana Smith", "sincerely"),
        ("Anytime after 4:00 PM.\n\n-Andy", "dash_name"),
        ("Please call me in the morning.\n\nPete", "name"),
        ("Would appreciate any feedback. Tx, Rick", "inline"),
        ("Please send the figures.", "none"),
        ("", "none"),
    ],
)
def test_sign_off_forms(text, form):
    assert sign_off(text) == form
    frame = features(text)
    assert frame.loc[0, f"style__signoff_{form}"] == 1.0
    signoff_columns = [c for c in frame.columns if c.startswith("style__signoff_")
                       and c != "style__signoff_comma"]
    assert frame.loc[0, signoff_columns].sum() == 1.0


def test_sign_off_comma():
    frame = features("Ok.\n\nThanks,\nDana", "Ok.\n\nThanks\nDana")
    assert frame["style__signoff_comma"].tolist() == [1.0, 0.0]


def test_empty_and_missing_texts_give_finite_zeros():
    frame = StyleFeatures().fit_transform(pd.Series(["", None, np.nan, "Hi."]))
    assert np.isfinite(frame.to_numpy()).all()
    assert frame.loc[0, "style__log_words"] == 0.0
    assert frame.loc[1, "style__signoff_none"] == 1.0


# ------------------------------------------------------------- frame contract
def test_dataframe_in_dataframe_out_index_kept():
    frame = pd.DataFrame({"body_text": ["Hello there.", "Bye!"], "sender": ["a", "b"]},
                         index=pd.Index(["m1", "m2"], name="message_key"))
    style = StyleFeatures(column="body_text").fit(frame)
    out = style.transform(frame)
    assert isinstance(out, pd.DataFrame)
    assert out.index.equals(frame.index)
    assert list(out.columns) == list(style.get_feature_names_out())
    assert all(c.startswith("style__") for c in out.columns)
    assert out.dtypes.map(lambda d: d == np.float64).all()


def test_series_and_list_inputs_agree():
    texts = ["Hello there.", "Thanks,\nBob"]
    from_list = StyleFeatures().fit_transform(texts)
    from_series = StyleFeatures().fit_transform(pd.Series(texts, index=[10, 20]))
    assert list(from_series.index) == [10, 20]
    np.testing.assert_array_equal(from_list.to_numpy(), from_series.to_numpy())


@pytest.mark.parametrize(
    ("X", "params", "error", "match"),
    [
        (pd.DataFrame({"a": ["x"], "b": ["y"]}), {}, ValueError,
         r"expects one text column; got a DataFrame with 2 columns \['a', 'b'\].*column="),
        (pd.DataFrame({"a": ["x"]}), {"column": "body"}, KeyError,
         r"column 'body' not in the input. Columns in the input: \['a'\]"),
        ("one text", {}, TypeError, r"got a single str. Wrap it in a list"),
        ([1.5, 2.5], {}, TypeError, r"expects text values .*got float value 1.5"),
        (np.zeros((3, 2)), {}, ValueError, r"got an array of shape \(3, 2\)"),
        (["x"], {"ngram_range": (3, 2)}, ValueError,
         r"'ngram_range' parameter of StyleFeatures must be a pair"),
        (["x"], {"function_words": "the"}, ValueError,
         r"'function_words' parameter of StyleFeatures must be a non-empty list"),
        (["x"], {"max_char_features": 0}, ValueError, r"'max_char_features'.*Got 0 instead"),
    ],
)
def test_clear_errors(X, params, error, match):
    with pytest.raises(error, match=match):
        StyleFeatures(**params).fit(X)


def test_text_column_helper_keeps_index():
    series = text_column(pd.DataFrame({"t": ["a", None]}, index=["x", "y"]), None)
    assert series.tolist() == ["a", ""]
    assert list(series.index) == ["x", "y"]


def test_char_ngram_block_is_sparse_and_named():
    texts = ["abcabc abc", "xyz xyz", "abc xyz"]
    style = StyleFeatures(char_ngrams=True, ngram_range=(2, 3), max_char_features=20)
    out = style.fit_transform(texts)
    char_cols = [c for c in out.columns if c.startswith("style__char__")]
    assert 0 < len(char_cols) <= 20
    assert "style__char__ab" in char_cols
    assert all(isinstance(out[c].dtype, pd.SparseDtype) for c in char_cols)
    assert list(out.columns) == list(style.get_feature_names_out())
    assert out.loc[1, "style__char__ab"] == 0.0
    assert out.loc[0, "style__char__ab"] > 0.0


# ------------------------------------------------------------ sklearn compat
def test_clone_get_params_and_determinism():
    style = StyleFeatures(column="t", char_ngrams=True, max_char_features=50)
    twin = clone(style)
    assert twin.get_params() == style.get_params()
    frame = pd.DataFrame({"t": ["Hello\u2014there!", "Regards,\nAl", "1. a\n2. b"]})
    first = style.fit_transform(frame)
    again = twin.fit_transform(frame)
    pd.testing.assert_frame_equal(first, again)


def test_in_a_pipeline_with_a_classifier():
    texts = [f"Thanks,\nAl {i}" if i % 2 else f"CALL ME NOW!!! {i}" for i in range(20)]
    labels = ["al" if i % 2 else "bo" for i in range(20)]
    pipe = make_pipeline(StyleFeatures(), StandardScaler(), LogisticRegression())
    pipe.fit(texts, labels)
    assert pipe.score(texts, labels) == 1.0
    assert len(pipe[:-1].get_feature_names_out()) == len(StyleFeatures().fit(["x"])
                                                         .get_feature_names_out())


def test_set_output_pandas_keeps_frame():
    style = StyleFeatures().set_output(transform="pandas")
    out = style.fit_transform(pd.Series(["Hi there.", "Bye."], index=["a", "b"]))
    assert list(out.index) == ["a", "b"]
    assert out.columns[0].startswith("style__")


def _expected_failures(estimator):
    # The checks feed numeric matrices; StyleFeatures reads one column of text and
    # says so with a TypeError / ValueError, which these checks do not expect.
    reason = "StyleFeatures takes one column of text, not a numeric matrix"
    return dict.fromkeys(_NUMERIC_INPUT_CHECKS, reason)


_NUMERIC_INPUT_CHECKS = NUMERIC_INPUT_CHECKS + (
    "check_transformer_data_not_an_array",
    "check_transformer_general",
    "check_transformer_preserve_dtypes",
)


@parametrize_with_checks([StyleFeatures()], expected_failed_checks=_expected_failures)
def test_sklearn_compatible(estimator, check):
    check(estimator)
