"""RequestCueFeatures and MetadataFeatures: values, names, scikit-learn compatibility."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline, make_union
from sklearn.preprocessing import FunctionTransformer, StandardScaler

from vision_analytics.features import CUE_PATTERNS, MetadataFeatures, RequestCueFeatures

CUE_COLUMNS = ["cue__questions", "cue__what_if", "cue__vision", "cue__urgency", "cue__budget",
               "cue__third_party", "cue__words"]


def texts(values, column="new_text"):
    return pd.DataFrame({column: values}, index=pd.Index([f"m{i}" for i in range(len(values))],
                                                         name="message_key"))


@pytest.mark.parametrize(
    ("text", "family"),
    [
        ("What would it cost if we doubled the number of users?", "what_if"),
        ("Could you price out a scenario with 300 seats.", "what_if"),
        ("We are building a five-year roadmap for the platform.", "vision"),
        ("This is part of our digital transformation strategy.", "vision"),
        ("We need this by end of day, it is urgent.", "urgency"),
        ("Please reply ASAP.", "urgency"),
        ("The steering committee approved the budget for next year.", "budget"),
        ("Is this funded, or do we still need a business case?", "budget"),
        ("Our new CIO asked for the architecture.", "third_party"),
        ("Per Dana's note, please include the Berlin site.", "third_party"),
        ("My boss wants the numbers before Monday's call.", "third_party"),
        ("Leadership wants a comparison with the competitor.", "third_party"),
    ],
)
def test_each_cue_family_fires(text, family):
    out = RequestCueFeatures().fit_transform(texts([text]))
    assert out.loc["m0", f"cue__{family}"] >= 1
    others = [f for f in CUE_PATTERNS if f != family]
    # a plain thank-you fires none of them
    plain = RequestCueFeatures().fit_transform(texts(["Thanks, talk soon."]))
    assert plain[[f"cue__{f}" for f in others]].to_numpy().sum() == 0


def test_counts_rates_and_index():
    frame = texts(["What if we add two sites? How much would that be? Thanks.", ""])
    counts = RequestCueFeatures().fit_transform(frame)
    assert counts.columns.tolist() == CUE_COLUMNS
    assert counts.index.tolist() == ["m0", "m1"]
    assert counts.loc["m0", "cue__questions"] == 2
    assert counts.loc["m0", "cue__what_if"] == 2
    assert counts.loc["m0", "cue__words"] == 12
    assert (counts.loc["m1"] == 0).all()
    rates = RequestCueFeatures(rates=True).fit_transform(frame)
    assert rates.loc["m0", "cue__questions"] == pytest.approx(200 / 12)
    assert rates.loc["m0", "cue__words"] == 12
    assert (rates.loc["m1"] == 0).all()


def test_default_text_comes_from_body_without_quotes():
    frame = pd.DataFrame({"body_text": [
        "Sounds good.\n\n-----Original Message-----\nWhat would it cost if we doubled it?"],
        "subject": ["Re: price"]})
    out = RequestCueFeatures().fit_transform(frame)
    assert out.loc[0, "cue__questions"] == 0 and out.loc[0, "cue__what_if"] == 0
    explicit = RequestCueFeatures(column="body_text").fit_transform(frame)
    assert explicit.loc[0, "cue__what_if"] == 1
    # a list of strings works too
    assert RequestCueFeatures().fit_transform(["Is it urgent? yes, asap"]).shape == (1, 7)


def test_custom_patterns_add_a_family():
    model = RequestCueFeatures(patterns={"competitor": [r"\bcompetitor\b", r"\bglobex\b"]})
    out = model.fit_transform(texts(["Globex offered a lower price than our competitor."]))
    assert out.loc["m0", "cue__competitor"] == 1
    assert model.get_feature_names_out().tolist() == [*CUE_COLUMNS[:-1], "cue__competitor",
                                                      "cue__words"]


@pytest.mark.parametrize(
    ("params", "error", "match"),
    [
        ({"rates": "yes"}, TypeError, "'rates' parameter of RequestCueFeatures must be a bool"),
        ({"patterns": ["x"]}, TypeError, "'patterns' parameter of RequestCueFeatures"),
        ({"patterns": {"x": "abc"}}, TypeError, r"patterns\['x'\] must be a list"),
        ({"patterns": {"x": ["("]}}, ValueError, "does not compile"),
        ({"column": "nope"}, KeyError, "column 'nope' not in the input"),
    ],
)
def test_cue_parameter_errors(params, error, match):
    with pytest.raises(error, match=match):
        RequestCueFeatures(**params).fit(texts(["x"]))


def test_cue_features_are_sklearn_estimators():
    model = RequestCueFeatures(rates=True)
    assert model.get_params() == {"column": None, "rates": True, "patterns": None}
    twin = clone(model)
    assert twin.get_params() == model.get_params() and not hasattr(twin, "patterns_")
    frame = texts(["Could you price a five-year option? Our CFO wants it by Friday.",
                   "Thanks, see you Tuesday.", "FYI attached", "How much would 3 sites cost?"])
    y = [1, 0, 0, 1]
    pipe = make_pipeline(RequestCueFeatures(), StandardScaler(), LogisticRegression())
    pipe.fit(frame, y)
    assert pipe.predict(frame).shape == (4,)
    pipe.set_params(requestcuefeatures__rates=True).fit(frame, y)
    assert pipe.named_steps["requestcuefeatures"].rates is True
    with pytest.raises(Exception, match="not fitted"):
        RequestCueFeatures().transform(frame)


def messages():
    """Inbound / outbound conversation with a new cc, weekend mail and an undated row."""
    return pd.DataFrame({
        "sent_at": pd.to_datetime([
            "2021-03-06 09:15",  # Saturday, inbound
            "2021-03-08 11:45",  # Monday, outbound reply (50.5 h later)
            "2021-03-09 08:00",  # inbound, cc's the CIO for the first time
            "2021-03-09 10:00",  # inbound in another thread, never answered
            None,
        ], utc=True),
        "sender": ["dana@acme.com", "sam@seller.com", "dana@acme.com", "lee@acme.com",
                   "dana@acme.com"],
        "to": [["sam@seller.com"], ["dana@acme.com"], ["sam@seller.com"], ["sam@seller.com"],
               ["sam@seller.com"]],
        "cc": [[], [], ["cio@acme.com", "sam@seller.com"], [], ["ghost@acme.com"]],
        "thread_id": ["t1", "t1", "t1", "t2", "t3"],
        "direction": ["inbound", "outbound", "inbound", "inbound", "inbound"],
    }, index=pd.Index([f"m{i}" for i in range(5)], name="message_key"))


def test_metadata_values():
    out = MetadataFeatures().fit_transform(messages())
    assert out.columns.tolist() == ["meta__hour", "meta__weekday", "meta__weekend", "meta__n_to",
                                    "meta__n_cc", "meta__new_cc", "meta__thread_depth",
                                    "meta__response_hours"]
    assert out.index.tolist() == [f"m{i}" for i in range(5)]
    assert out["meta__hour"].tolist()[:4] == [9, 11, 8, 10]
    assert out["meta__weekend"].tolist()[:4] == [1, 0, 0, 0]
    assert out["meta__n_cc"].tolist() == [0, 0, 2, 0, 1]
    # sam@seller.com was already seen; the CIO is new; an undated message introduces nobody
    assert out["meta__new_cc"].tolist() == [0, 0, 1, 0, 0]
    assert out["meta__thread_depth"].tolist() == [0, 1, 2, 0, 0]
    assert out.loc["m0", "meta__response_hours"] == pytest.approx(50.5)
    assert np.isnan(out.loc[["m1", "m2", "m3", "m4"], "meta__response_hours"]).all()
    assert np.isnan(out.loc["m4", ["meta__hour", "meta__weekday", "meta__weekend"]]).all()


def test_new_cc_is_relative_to_the_fitted_corpus():
    history, later = messages().iloc[:2], messages().iloc[2:4]
    model = MetadataFeatures().fit(history)
    assert model.transform(later)["meta__new_cc"].tolist() == [1, 0]
    model.fit(messages())  # the CIO is now known from the fit data and first seen in m2
    assert model.transform(later)["meta__new_cc"].tolist() == [1, 0]
    assert model.transform(messages().iloc[[3]])["meta__new_cc"].tolist() == [0]


def test_metadata_computes_threads_when_absent_and_handles_empty():
    frame = messages().drop(columns="thread_id")
    frame["message_id"] = ["<a@x>", "<b@x>", "<c@x>", "<d@x>", "<e@x>"]
    frame["in_reply_to"] = ["", "<a@x>", "<b@x>", "", ""]
    out = MetadataFeatures().fit_transform(frame)
    assert out["meta__thread_depth"].tolist() == [0, 1, 2, 0, 0]
    assert out.loc["m0", "meta__response_hours"] == pytest.approx(50.5)
    empty = messages().iloc[:0]
    result = MetadataFeatures().fit_transform(empty)
    assert result.shape == (0, 8)


def test_metadata_errors_and_sklearn_compatibility():
    with pytest.raises(TypeError, match="MetadataFeatures expects the messages DataFrame"):
        MetadataFeatures().fit([[1, 2]])
    with pytest.raises(KeyError, match="column 'when' not in the input"):
        MetadataFeatures(time_column="when").fit(messages())
    model = MetadataFeatures(thread_column="conversation")
    assert clone(model).get_params() == {"time_column": "sent_at",
                                         "thread_column": "conversation"}
    assert MetadataFeatures().fit(messages()).get_feature_names_out()[0] == "meta__hour"
    union = make_union(
        MetadataFeatures(),
        make_pipeline(FunctionTransformer(lambda df: df[["body_text"]]), RequestCueFeatures()),
    )
    frame = messages().assign(body_text=["Could you send it?", "Sure", "Also the budget?",
                                         "Hi", ""])
    features = union.fit_transform(frame)
    assert features.shape == (5, 15)
    pipe = make_pipeline(MetadataFeatures(), FunctionTransformer(lambda df: df.fillna(0)),
                         LogisticRegression())
    pipe.fit(frame, [1, 0, 1, 0, 0])
    assert pipe.predict(frame).shape == (5,)
