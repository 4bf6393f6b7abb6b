"""Threading: header links, Thread-Index, subject fallback, inclusive messages."""

from __future__ import annotations

import base64
import warnings

import pandas as pd
import pytest

from vision_analytics.normalize import (
    fallback_new_text,
    mark_inclusive,
    normalize_subject,
    thread_details,
    thread_messages,
)


def frame(rows):
    """A small messages frame; each row a dict of the columns it sets."""
    defaults = {"message_id": "", "in_reply_to": "", "references": [], "subject": "",
                "body_text": "", "sent_at": None}
    data = [{**defaults, **r} for r in rows]
    out = pd.DataFrame(data, index=pd.Index([f"k{i}" for i in range(len(rows))],
                                            name="message_key"))
    out["sent_at"] = pd.to_datetime(out["sent_at"], utc=True)
    out["references"] = out["references"].astype(object)
    return out


@pytest.mark.parametrize(
    ("subject", "expected"),
    [
        ("RE: Budget", "budget"),
        ("Re: RE: Fwd: FW: budget", "budget"),
        ("AW: WG: Budget 2024", "budget 2024"),
        ("SV: VS: TR: RV: Antw: budget", "budget"),
        ("[R-sig-Geo] Re: [R-sig-Geo] raster help", "raster help"),
        ("Re[2]: Budget", "budget"),
        ("回复: 转发: 预算", "预算"),
        ("Budget (fwd)", "budget"),
        ("", ""),
        (None, ""),
        ("Re: " * 50 + "loop", "loop"),
    ],
)
def test_normalize_subject(subject, expected):
    assert normalize_subject(subject) == expected


def test_header_links_make_one_thread_with_depths():
    msgs = frame([
        {"message_id": "<a@x>", "subject": "Plan", "sent_at": "2020-01-01"},
        {"message_id": "<b@x>", "in_reply_to": "<a@x>", "references": ["<a@x>"],
         "subject": "Re: Plan", "sent_at": "2020-01-02"},
        {"message_id": "<c@x>", "references": ["<a@x>", "<b@x>"], "subject": "Re: Plan",
         "sent_at": "2020-01-03"},
        {"message_id": "<d@x>", "subject": "Other thing", "sent_at": "2020-01-03"},
    ])
    info = thread_details(msgs)
    assert info.loc["k0", "thread_id"] == info.loc["k2", "thread_id"]
    assert info.loc["k3", "thread_id"] != info.loc["k0", "thread_id"]
    assert info["depth"].tolist() == [0, 1, 2, 0]
    assert info.loc["k2", "parent_key"] == "k1"
    assert info.loc["k3", "linked_by"] == "none"


def test_thread_id_is_stable_when_replies_and_participants_are_added():
    base = [
        {"message_id": "<a@x>", "subject": "Plan", "sent_at": "2020-01-01"},
        {"message_id": "<b@x>", "in_reply_to": "<a@x>", "subject": "Re: Plan",
         "sent_at": "2020-01-02"},
    ]
    later = base + [{"message_id": "<000@newcomer>", "in_reply_to": "<b@x>",
                     "references": ["<a@x>", "<b@x>"], "subject": "Re: Plan",
                     "sent_at": "2020-02-01"}]
    first = thread_messages(frame(base))
    second = thread_messages(frame(later))
    assert first.nunique() == 1
    assert second.nunique() == 1
    assert first.iloc[0] == second.iloc[0]


def test_thread_id_does_not_depend_on_row_order():
    msgs = frame([
        {"message_id": "<a@x>", "subject": "Plan", "sent_at": "2020-01-01"},
        {"message_id": "<b@x>", "in_reply_to": "<a@x>", "subject": "Re: Plan",
         "sent_at": "2020-01-02"},
        {"message_id": "<z@x>", "subject": "Re: plan", "sent_at": "2020-01-05"},
    ])
    forward = thread_messages(msgs)
    backward = thread_messages(msgs.iloc[::-1])
    assert forward.to_dict() == backward.to_dict()


@pytest.mark.parametrize(
    "rows",
    [
        # a → b → a
        [{"message_id": "<a@x>", "references": ["<b@x>"], "sent_at": "2020-01-01"},
         {"message_id": "<b@x>", "references": ["<a@x>"], "sent_at": "2020-01-02"}],
        # a message referencing itself
        [{"message_id": "<a@x>", "in_reply_to": "<a@x>", "references": ["<a@x>"],
          "sent_at": "2020-01-01"}],
        # a three-cycle with a missing (phantom) parent on the side
        [{"message_id": "<a@x>", "references": ["<p@x>", "<c@x>"]},
         {"message_id": "<b@x>", "references": ["<a@x>"]},
         {"message_id": "<c@x>", "references": ["<b@x>"]}],
    ],
)
def test_reference_loops_do_not_crash_and_make_one_thread(rows):
    info = thread_details(frame(rows))
    assert info["thread_id"].nunique() == 1
    assert (info["depth"] >= 0).all()


def test_subject_fallback_joins_within_window_only():
    msgs = frame([
        {"message_id": "<a@x>", "subject": "Pricing for 2024 renewal", "sent_at": "2020-01-01"},
        {"message_id": "<b@y>", "subject": "RE: Pricing for 2024 renewal",
         "sent_at": "2020-01-20"},
        {"message_id": "<c@z>", "subject": "Re: pricing for 2024 renewal",
         "sent_at": "2020-06-01"},
    ])
    info = thread_details(msgs, window="30D")
    assert info.loc["k0", "thread_id"] == info.loc["k1", "thread_id"]
    assert info.loc["k2", "thread_id"] != info.loc["k0", "thread_id"]
    assert info.loc["k1", "linked_by"] == "subject"
    # no fallback at all when asked
    assert thread_details(msgs, use_subject=False)["thread_id"].nunique() == 3


def test_window_counts_from_the_previous_message_of_the_conversation():
    msgs = frame([
        {"message_id": f"<{i}@x>", "subject": "Re: Quarterly forecast", "sent_at": day}
        for i, day in enumerate(["2020-01-01", "2020-01-25", "2020-02-20", "2020-03-15"])
    ])
    assert thread_messages(msgs, window="30D").nunique() == 1


@pytest.mark.parametrize("subject", ["", "Question", "RE: hi", "FW: FYI", "Re: Thanks"])
def test_generic_subjects_never_merge(subject):
    msgs = frame([
        {"message_id": "<a@x>", "subject": subject, "sent_at": "2020-01-01"},
        {"message_id": "<b@y>", "subject": subject, "sent_at": "2020-01-02"},
    ])
    assert thread_messages(msgs).nunique() == 2


def test_undated_messages_are_not_merged_by_subject():
    msgs = frame([
        {"message_id": "<a@x>", "subject": "Pricing for renewal", "sent_at": None},
        {"message_id": "<b@y>", "subject": "Re: Pricing for renewal", "sent_at": None},
    ])
    assert thread_messages(msgs).nunique() == 2


def test_thread_index_joins_a_conversation():
    header = bytes(range(22))
    first = base64.b64encode(header).decode()
    reply = base64.b64encode(header + b"\x01\x02\x03\x04\x05").decode()
    other = base64.b64encode(bytes(range(1, 23))).decode()
    msgs = frame([
        {"message_id": "<a@x>", "subject": "Budget", "sent_at": "2020-01-01"},
        {"message_id": "<b@x>", "subject": "Spend plan", "sent_at": "2020-01-02"},
        {"message_id": "<c@x>", "subject": "Something else", "sent_at": "2020-01-02"},
    ])
    msgs["thread_index"] = [first, reply, other]
    info = thread_details(msgs)
    assert info.loc["k0", "thread_id"] == info.loc["k1", "thread_id"]
    assert info.loc["k2", "thread_id"] != info.loc["k0", "thread_id"]
    assert info.loc["k1", "linked_by"] == "thread_index"
    # junk Thread-Index values are ignored, not fatal
    msgs["thread_index"] = ["not base64!!", None, ""]
    assert thread_messages(msgs).nunique() == 3


def test_empty_and_minimal_frames():
    empty = thread_details(pd.DataFrame())
    assert len(empty) == 0
    assert list(empty.columns)[:2] == ["thread_id", "header_thread"]
    only_bodies = pd.DataFrame({"body_text": ["hello", "hello again"]})
    assert thread_messages(only_bodies).nunique() == 2


def test_bad_window_is_a_clear_error():
    with pytest.raises(ValueError, match="'window' parameter of thread_details"):
        thread_details(frame([{"message_id": "<a@x>"}]), window="soon")


def test_ten_thousand_message_chain():
    n = 10_000
    ids = [f"<m{i}@x>" for i in range(n)]
    msgs = pd.DataFrame({
        "message_id": ids,
        "in_reply_to": [""] + ids[:-1],
        "references": [[]] + [[ids[i - 1]] for i in range(1, n)],
        "subject": ["Re: long one"] * n,
        "body_text": [f"reply number {i} with its own words" for i in range(n)],
        "sent_at": pd.date_range("2020-01-01", periods=n, freq="min", tz="UTC"),
    }, index=pd.Index([f"k{i}" for i in range(n)], name="message_key"))
    info = thread_details(msgs, max_compare=5)
    assert info["thread_id"].nunique() == 1
    assert info["depth"].max() == n - 1
    assert info["position"].tolist() == list(range(n))


def test_inclusive_marks_the_message_that_holds_the_thread():
    a = "Could you price the five year option for the Houston office please"
    b = "We can do that by Friday, and we will add the support tier as well"
    msgs = frame([
        {"message_id": "<a@x>", "subject": "Price", "sent_at": "2020-01-01", "body_text": a},
        {"message_id": "<b@x>", "in_reply_to": "<a@x>", "subject": "Re: Price",
         "sent_at": "2020-01-02", "body_text": f"{b}\n\n> {a}"},
        {"message_id": "<c@x>", "in_reply_to": "<b@x>", "subject": "Re: Price",
         "sent_at": "2020-01-03",
         "body_text": f"Great, thanks.\n\n-----Original Message-----\n{b}\n> {a}"},
        {"message_id": "<d@x>", "subject": "Unrelated", "sent_at": "2020-01-03",
         "body_text": "A message of its own"},
    ])
    info = thread_details(msgs)
    assert info["contains_thread"].tolist() == [True, True, True, True]
    assert info["superseded"].tolist() == [True, True, False, False]
    assert info["inclusive"].tolist() == [False, False, True, True]
    assert mark_inclusive(msgs).tolist() == [False, False, True, True]
    given = mark_inclusive(msgs, thread_messages(msgs))
    assert given.tolist() == [False, False, True, True]


def test_a_reply_that_drops_the_history_is_not_inclusive():
    a = "Please send the migration roadmap and the staffing plan for next year"
    msgs = frame([
        {"message_id": "<a@x>", "subject": "Roadmap", "sent_at": "2020-01-01", "body_text": a},
        {"message_id": "<b@x>", "in_reply_to": "<a@x>", "subject": "Re: Roadmap",
         "sent_at": "2020-01-02", "body_text": "Attached, without the history."},
    ])
    info = thread_details(msgs)
    assert info["contains_thread"].tolist() == [True, False]
    assert info["inclusive"].tolist() == [True, False]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Thanks!\n\n> old text", "Thanks!"),
        ("Sure.\n-----Original Message-----\nFrom: a", "Sure."),
        ("Yes\n\nOn Tue, Jan 7, 2020 at 5:00 PM Dana <d@x.com> wrote:\n> hi", "Yes"),
        ("Will do.\n\nPeter F Keavey\n12/07/2000 07:06 AM\nTo: Jeff/HOU/ECT@ECT", "Will do."),
        ("No quotes at all\nsecond line", "No quotes at all\nsecond line"),
        (None, ""),
    ],
)
def test_fallback_new_text(body, expected):
    assert fallback_new_text(body) == expected


@pytest.mark.real_data
def test_r_mailing_lists_subject_fallback(real_data):
    import vision_analytics as va

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        corpus = va.load(real_data / "lists", seller_domains="r-project.org")
    messages = corpus.messages
    info = thread_details(messages)
    by_headers = info["header_thread"].nunique()
    after = info["thread_id"].nunique()
    joined = int((info["linked_by"] == "subject").sum())
    # header components are exactly the ingest stage's thread ids
    assert (info["header_thread"] == messages["thread_id"]).all()
    assert after < by_headers
    assert 0 < joined < len(messages) // 10
    assert info["inclusive"].any()
    # measured 2026-11-28: 742 header threads → 698 with the fallback; 83 messages join by subject
    assert 650 <= after <= 742
