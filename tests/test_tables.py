"""Request / RFI logs and org charts from CSV and Excel: ``read_table`` and ``load``."""

from __future__ import annotations

import math
from datetime import date, datetime
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import vision_analytics
from vision_analytics._schema import validate_frame
from vision_analytics.ingest import TableResult, read_table
from vision_analytics.ingest._tables import LOG_FIELDS

UTC = "UTC"


def ts(text: str) -> pd.Timestamp:
    return pd.Timestamp(text, tz=UTC)


def write_csv(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def write_xlsx(path: Path, sheets: dict[str, list[list]]) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def codes(result: TableResult, kept: bool | None = None) -> list[str]:
    return [e.error for e in result.errors if kept is None or e.kept == kept]


def check(result: TableResult) -> TableResult:
    """Invariants every result must hold."""
    assert result.n_items == len(result.frame) + sum(not e.kept for e in result.errors)
    assert result.reconciled
    assert "internal_error" not in codes(result)
    if result.kind == "request_log":
        validate_frame(result.frame, "requests")
        assert (result.frame["channel"] == "rfi_log").all()
    return result


LOG_CSV = (
    "RFI No.,Requested By,Question,Date Received,Category,Due Date,Status,Effort (h)\n"
    "RFI-1,Dana Smith <Dana.Smith@Customer.com>,Can you price a five-year option?,"
    "2025-03-04 10:15,Pricing,2025-03-11,Open,2.5\n"
    "RFI-2,\"Lee, Kim\",What is the roadmap for the API?,2025-03-05,Roadmap,,Closed,1h30\n"
)


# ---------------------------------------------------------------- request logs


def test_request_log_basic_fields(tmp_path):
    result = check(read_table(write_csv(tmp_path / "log.csv", LOG_CSV)))
    assert result.kind == "request_log"
    assert result.n_items == 2 and result.errors == []
    frame = result.frame
    assert frame.index.name == "request_id"
    first, second = frame.iloc[0], frame.iloc[1]
    assert first["message_id"] == "RFI-1"
    assert first["sender"] == "dana.smith@customer.com"
    assert first["sender_name"] == "Dana Smith"
    assert first["text"] == "Can you price a five-year option?"
    assert first["sent_at"] == ts("2025-03-04 10:15")
    assert first["due"] == ts("2025-03-11")
    assert first["category"] == "Pricing" and first["status"] == "Open"
    assert first["hours_spent"] == 2.5
    assert first["message_key"] == ""
    assert first["source"] == f"{tmp_path / 'log.csv'}:row 1"
    # "Last, First" names stay as written; no address → the name is the sender
    assert second["sender"] == "Lee, Kim" and second["sender_name"] == "Lee, Kim"
    assert second["hours_spent"] == 1.5
    assert pd.isna(second["due"])
    assert str(frame["sent_at"].dtype) == "datetime64[us, UTC]"
    assert result.columns["Question"] == "text"


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Requester,Description,Submitted", {"sender", "text", "sent_at"}),
        ("From,Request,Date", {"sender", "text", "sent_at"}),
        ("Requestor,Details,Received,Type", {"sender", "text", "sent_at", "category"}),
        ("Submitted By,Ask,Request Date,Deadline", {"sender", "text", "sent_at", "due"}),
        ("Asked By,Requirement,Created,Needed By,State", {"sender", "text", "sent_at", "due",
                                                         "status"}),
        ("Contact,Body,Opened,Area,Hours", {"sender", "text", "sent_at", "category",
                                           "hours_spent"}),
        ("Customer Contact,Title,Summary,Date Raised,Workstream,Time Spent",
         {"sender", "subject", "text", "sent_at", "category", "hours_spent"}),
        ("raised_by,QUESTION,date-received,#", {"sender", "text", "sent_at", "request_ref"}),
        ("Ticket,Raised By,Topic,Details,Effort", {"request_ref", "sender", "subject", "text",
                                                  "hours_spent"}),
        ("Request ID,Requested By,Subject,Question", {"request_ref", "sender", "subject",
                                                     "text"}),
    ],
)
def test_header_synonyms(tmp_path, header, expected):
    width = header.count(",") + 1
    row = ",".join(["x"] * width)
    result = check(read_table(write_csv(tmp_path / "log.csv", f"{header}\n{row}\n")))
    assert result.kind == "request_log"
    assert set(result.columns.values()) == expected


def test_scoring_prefers_exact_names_and_one_field_per_column(tmp_path):
    # "Summary" is the subject when a text column exists, the text when none does
    with_text = check(read_table(write_csv(
        tmp_path / "a.csv", "Summary,Description,Requester\nshort,long ask,ann\n")))
    assert with_text.columns == {"Summary": "subject", "Description": "text",
                                 "Requester": "sender"}
    only_summary = check(read_table(write_csv(
        tmp_path / "b.csv", "Summary,Requester\nthe ask,ann\n")))
    assert only_summary.columns == {"Summary": "text", "Requester": "sender"}
    # "Request Date" is a date (exact), never the request text (partial)
    dates = check(read_table(write_csv(
        tmp_path / "c.csv", "Request Date,Request Details,Customer Question Owner\n"
        "2025-01-02,please,zed\n")))
    assert dates.columns["Request Date"] == "sent_at"
    assert dates.columns["Request Details"] == "text"
    # a "Response" or a "Closed Date" is never the ask or its date
    answer = check(read_table(write_csv(
        tmp_path / "d.csv", "Question,Response,Closed Date,Requested By\nq,a,2025-01-02,ann\n")))
    assert answer.columns == {"Question": "text", "Requested By": "sender"}
    assert answer.frame.iloc[0]["text"] == "q"


def test_sender_email_column_beside_name_column(tmp_path):
    text = "Requester,Requester Email,Question\nDana Smith,DANA@X.COM,why?\n"
    frame = check(read_table(write_csv(tmp_path / "log.csv", text))).frame
    assert frame.iloc[0]["sender"] == "dana@x.com"
    assert frame.iloc[0]["sender_name"] == "Dana Smith"


def test_title_only_log_uses_title_as_text(tmp_path):
    frame = check(read_table(write_csv(tmp_path / "log.csv", "Title,Requested By\nFive-year "
                                                               "pricing,ann\n"))).frame
    assert frame.iloc[0]["subject"] == "Five-year pricing"
    assert frame.iloc[0]["text"] == "Five-year pricing"


# ---------------------------------------------------------------- explicit mapping


def test_explicit_mapping_overrides(tmp_path):
    path = write_csv(tmp_path / "log.csv", "Who,What,When,Status\nann,price?,2025-02-03,Open\n")
    assert check(read_table(path)).kind is None
    result = check(read_table(path, columns={"who": "sender", "WHAT": "text",
                                             "When": "sent_at"}))
    assert result.kind == "request_log"
    row = result.frame.iloc[0]
    assert (row["sender"], row["text"], row["status"]) == ("ann", "price?", "Open")
    assert row["sent_at"] == ts("2025-02-03")
    # the mapping wins over recognition: "Question" becomes the subject here
    path2 = write_csv(tmp_path / "log2.csv", "Question,Notes,Requester\nq,the real ask,ann\n")
    row = check(read_table(path2, columns={"Notes": "text", "Question": "subject"})).frame.iloc[0]
    assert (row["text"], row["subject"]) == ("the real ask", "q")


def test_explicit_mapping_errors(tmp_path):
    path = write_csv(tmp_path / "log.csv", "Who,What\nann,price?\n")
    with pytest.raises(ValueError, match=r"unknown field 'txt'.*valid fields are \['text'"):
        read_table(path, columns={"What": "txt"})
    with pytest.raises(ValueError, match=r"log\.csv.*column\(s\) \['Nope'\] not found.*"
                                         r"columns in the file: \['Who', 'What'\]"):
        read_table(path, columns={"Nope": "text"})
    with pytest.raises(ValueError, match=r"column\(s\) \['Nope'\] not found"):
        read_table(path, columns={"Who": "sender", "Nope": "text"})
    with pytest.raises(ValueError, match=r"'Who' and 'What' are both mapped to field 'text'"):
        read_table(path, columns={"Who": "text", "What": "text"})
    with pytest.raises(ValueError, match=r"must be a mapping"):
        read_table(path, columns=["Who"])
    with pytest.raises(ValueError, match=r"kind=\.\.\.\) must be one of"):
        read_table(path, kind="rfi")
    assert "sender_email" in LOG_FIELDS


def test_explicit_mapping_ignored_for_org_charts(tmp_path):
    path = write_csv(tmp_path / "org.csv", "Name,Email,Title\nAnn Lee,ann@x.com,CIO\n")
    result = check(read_table(path, columns={"Who": "sender"}))
    assert result.kind == "org_chart"
    assert check(read_table(path, columns={"Who": "sender"}, kind="org_chart")).kind == \
        "org_chart"


# ---------------------------------------------------------------- delimiters, encodings


@pytest.mark.parametrize("delimiter", [";", "\t", "|", ","])
def test_delimiters(tmp_path, delimiter):
    rows = [["Requested By", "Question", "Status"],
            ["ann", "price, please; now | soon", "Open"],
            ["bob", "roadmap?", "Closed"]]
    lines = []
    for row in rows:
        cells = [f'"{c}"' if delimiter in c or "," in c else c for c in row]
        lines.append(delimiter.join(cells))
    result = check(read_table(write_csv(tmp_path / "log.txt", "\n".join(lines) + "\n")))
    assert result.kind == "request_log" and len(result.frame) == 2
    assert result.frame.iloc[0]["text"] == "price, please; now | soon"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252"])
def test_encodings(tmp_path, encoding):
    text = "Requested By;Question\nJosé Müller;Quel coût – 5 ans ?\n"
    frame = check(read_table(write_csv(tmp_path / "log.csv", text, encoding))).frame
    assert frame.iloc[0]["sender"] == "José Müller"
    assert frame.iloc[0]["text"] == "Quel coût – 5 ans ?"


def test_utf16_without_bom(tmp_path):
    text = "Requested By,Question\nann,price?\n"
    frame = check(read_table(write_csv(tmp_path / "log.csv", text, "utf-16-le"))).frame
    assert frame.iloc[0]["text"] == "price?"


def test_multiline_cells_and_crlf(tmp_path):
    text = 'Requested By,Question\r\nann,"line one\r\nline two"\r\nbob,second\r\n'
    result = check(read_table(write_csv(tmp_path / "log.csv", text)))
    assert result.frame["text"].tolist() == ["line one\nline two", "second"]
    assert result.frame["source"].str.endswith(("row 1", "row 2")).all()


def test_csv_title_rows_above_header(tmp_path):
    text = ("RFI tracker - Project Falcon\n"
            "Exported by the bid team,,\n"
            "\n"
            "Ref,Raised By,Details\n"
            "F-1,ann,price?\n")
    result = check(read_table(write_csv(tmp_path / "log.csv", text)))
    assert result.columns == {"Ref": "request_ref", "Raised By": "sender", "Details": "text"}
    assert result.frame["source"].tolist() == [f"{tmp_path / 'log.csv'}:row 1"]
    assert result.n_items == 1


def test_header_not_taken_from_title_or_data_rows_with_field_words(tmp_path):
    title = check(read_table(write_csv(tmp_path / "a.csv",
                                       "RFI Request Log\nRequested By,Question\nann,q\n")))
    assert title.columns == {"Requested By": "sender", "Question": "text"}
    data = check(read_table(write_csv(
        tmp_path / "b.csv", "Requested By,Question,Category\nann,Pricing Request,Request\n"
        "bob,Question,Status\n")))
    assert data.frame["text"].tolist() == ["Pricing Request", "Question"]
    # a one-cell title row is never the header of a wider table, even when it names a field
    only_title = check(read_table(write_csv(tmp_path / "c.csv",
                                            "Question\nRequested By,Notes\nann,call me\n")))
    assert only_title.columns == {"Requested By": "sender", "Notes": "text"}


def test_single_column_file_keeps_commas(tmp_path):
    text = "Question\nHow, and when, will it ship?\nWhy?\n"
    result = check(read_table(write_csv(tmp_path / "log.csv", text)))
    assert result.frame["text"].tolist() == ["How, and when, will it ship?", "Why?"]


def test_extra_unquoted_cells_are_noted(tmp_path):
    text = "Requested By,Question\nann,price, please\n"
    result = check(read_table(write_csv(tmp_path / "log.csv", text)))
    assert result.frame["text"].tolist() == ["price"]
    (error,) = result.errors
    assert (error.error, error.kept, error.position) == ("extra_cells", True, "row 1")


# ---------------------------------------------------------------- dates


def test_day_first_decided_from_values(tmp_path):
    text = "Requested By,Question,Date\nann,a,03/04/2025\nbob,b,13/04/2025\n"
    result = check(read_table(write_csv(tmp_path / "log.csv", text)))
    assert result.frame["sent_at"].tolist() == [ts("2025-04-03"), ts("2025-04-13")]
    assert codes(result) == []


def test_month_first_decided_from_values(tmp_path):
    text = "Requested By,Question,Date\nann,a,03/04/2025\nbob,b,04/13/2025 2:30 PM\n"
    result = check(read_table(write_csv(tmp_path / "log.csv", text)))
    assert result.frame["sent_at"].tolist() == [ts("2025-03-04"), ts("2025-04-13 14:30")]
    assert codes(result) == []


def test_undecidable_dates_are_noted(tmp_path):
    text = "Requested By,Question,Date\nann,a,03/04/2025\nbob,b,05/06/2025\n"
    result = check(read_table(write_csv(tmp_path / "log.csv", text)))
    assert result.frame["sent_at"].tolist() == [ts("2025-03-04"), ts("2025-05-06")]
    note = [e for e in result.errors if e.error == "ambiguous_dates"]
    assert len(note) == 1 and note[0].kept and note[0].position == "column 'Date'"
    assert "month/day" in note[0].detail and "dayfirst" in note[0].detail
    # the same file, told explicitly
    told = check(read_table(tmp_path / "log.csv", dayfirst=True))
    assert told.frame["sent_at"].tolist() == [ts("2025-04-03"), ts("2025-06-05")]
    assert codes(told) == []
    # a ';' file comes from a day-first locale
    semi = check(read_table(write_csv(tmp_path / "semi.csv", text.replace(",", ";"))))
    assert semi.frame["sent_at"].tolist() == [ts("2025-04-03"), ts("2025-06-05")]
    assert "day/month" in semi.errors[0].detail


def test_textual_and_zoned_dates(tmp_path):
    text = (
        "Requested By|Question|Date\n"
        "a|q1|3 Mar 2025\n"
        "b|q2|March 3, 2025 10:15\n"
        "c|q3|Tue, 7 Jan 2020 14:22:43 -0600\n"
        "d|q4|2025-03-04T10:15:00+02:00\n"
        "e|q5|45123\n"
    )
    frame = check(read_table(write_csv(tmp_path / "log.csv", text))).frame
    assert frame["sent_at"].tolist() == [
        ts("2025-03-03"), ts("2025-03-03 10:15"), ts("2020-01-07 20:22:43"),
        ts("2025-03-04 08:15"), ts("2023-07-16"),
    ]


def test_unparseable_values_kept_with_error(tmp_path):
    text = ("Requested By,Question,Date,Hours\n"
            "ann,a,soon-ish,lots\n"
            "bob,b,2025-01-02,3\n")
    result = check(read_table(write_csv(tmp_path / "log.csv", text)))
    assert len(result.frame) == 2
    assert sorted(codes(result, kept=True)) == ["bad_date", "bad_number"]
    bad = next(e for e in result.errors if e.error == "bad_date")
    assert bad.position == "row 1" and "'Date'" in bad.detail and "'soon-ish'" in bad.detail
    assert pd.isna(result.frame.iloc[0]["sent_at"])
    assert math.isnan(result.frame.iloc[0]["hours_spent"])


JIRA_CSV = (
    "Issue key,Issue id,Summary,Reporter,Created,Updated,Status,Priority,Labels,Time Spent,"
    "Description\n"
    "ACME-384,10384,What-if pricing,ismit,15/Jan/24 5:15 PM,31/Jan/24 5:15 PM,Open,Major,"
    "pricing,5400,\"h3. Request\nFrom mail thread:\n{quote}Can you price the *French* "
    "branches? See [the deck|https://example.com/d].{quote}\n\n*Requested by:* [~ismit]\"\n"
    "ACME-385,10385,Tenant advice,avanderheijden,02/Feb/24 10:10 AM,,Resolved,Minor,,,"
    "{quote}One tenant or one per region?{quote}\n"
)


def test_jira_export_dates_seconds_reporter_and_markup(tmp_path):
    # Jira's CSV export as it comes: "dd/Mon/yy h:mm AM" dates, time spent in seconds,
    # the reporter's user name, and the description in Jira's wiki markup
    result = check(read_table(write_csv(tmp_path / "jira_export.csv", JIRA_CSV)))
    frame = result.frame
    assert codes(result) == []
    assert frame["sent_at"].tolist() == [ts("2024-01-15 17:15"), ts("2024-02-02 10:10")]
    assert frame["hours_spent"].iloc[0] == pytest.approx(1.5)
    assert math.isnan(frame["hours_spent"].iloc[1])
    assert frame["sender"].tolist() == ["ismit", "avanderheijden"]
    # the template's heading and the line naming the reporter are not the ask
    assert frame["text"].iloc[0] == ("From mail thread:\nCan you price the French "
                                     "branches? See the deck.")
    assert frame["text"].iloc[1] == "One tenant or one per region?"
    assert frame["message_id"].tolist() == ["ACME-384", "ACME-385"]


def test_time_spent_outside_jira_stays_hours(tmp_path):
    text = "Requested By,Question,Time Spent\nann,q,3\n"
    frame = check(read_table(write_csv(tmp_path / "log.csv", text))).frame
    assert frame["hours_spent"].iloc[0] == pytest.approx(3.0)


# ---------------------------------------------------------------- rows


@pytest.mark.parametrize(
    ("cell", "hours"),
    [("2", 2.0), ("2.5", 2.5), ("2,5", 2.5), ("90 min", 1.5), ("1:30", 1.5), ("1h30", 1.5),
     ("3 hrs", 3.0), ("1 day", 8.0), ("", None), ("-2", "bad"), ("a lot", "bad")],
)
def test_hours_spent_forms(tmp_path, cell, hours):
    text = f"Requested By;Question;Effort (h)\nann;q;{cell}\n"
    result = check(read_table(write_csv(tmp_path / "log.csv", text)))
    value = result.frame.iloc[0]["hours_spent"]
    if hours == "bad":
        assert math.isnan(value) and codes(result) == ["bad_number"]
    elif hours is None:
        assert math.isnan(value) and codes(result) == []
    else:
        assert value == pytest.approx(hours) and codes(result) == []


def test_blank_rows_skipped_empty_requests_reported(tmp_path):
    text = ("Requested By,Question,Subject\n"
            "ann,a,\n"
            ",,\n"
            "   ,  ,\n"
            "bob,,\n"
            "cid,c,\n")
    result = check(read_table(write_csv(tmp_path / "log.csv", text)))
    assert result.n_items == 3  # blank rows are not items
    assert len(result.frame) == 2
    (error,) = result.errors
    assert (error.error, error.position, error.kept) == ("empty_request", "row 4", False)
    assert "'Question'" in error.detail
    # rows keep their numbers: "cid" is the 5th data row
    assert result.frame.iloc[1]["message_id"] == "row 5"


def test_request_ids_stable_unique_and_deterministic(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    one = check(read_table(write_csv(tmp_path / "a" / "log.csv", LOG_CSV)))
    again = check(read_table(tmp_path / "a" / "log.csv"))
    other = check(read_table(write_csv(tmp_path / "b" / "log.csv", LOG_CSV)))
    assert one.frame.index.tolist() == again.frame.index.tolist()
    assert one.frame.index.is_unique
    assert not set(one.frame.index) & set(other.frame.index)
    assert all(i.startswith("r") and len(i) == 17 for i in one.frame.index)


def test_junk_and_empty_files_do_not_raise(tmp_path):
    junk = tmp_path / "junk.csv"
    for data in (bytes(range(256)) * 40, bytes(range(1, 256)) * 40):  # with and without NULs
        junk.write_bytes(data)
        result = check(read_table(junk))
        assert result.kind is None and result.n_items == 1
        assert codes(result) == ["not_a_table"]
    empty = check(read_table(write_csv(tmp_path / "empty.csv", "")))
    assert codes(empty) == ["empty_file"] and empty.n_items == 1
    fake = tmp_path / "fake.xlsx"
    fake.write_bytes(b"PK\x03\x04 not really a zip")
    assert codes(check(read_table(fake))) == ["unreadable_xlsx"]
    header_only = check(read_table(write_csv(tmp_path / "h.csv", "Requested By,Question\n")))
    assert header_only.kind == "request_log" and header_only.n_items == 0


def test_table_that_is_neither(tmp_path):
    text = "file,repo,commit\na.pst,x/y,123\nb.pst,x/z,456\n"
    result = check(read_table(write_csv(tmp_path / "manifest.csv", text)))
    assert result.kind is None
    assert result.n_items == 2 and codes(result) == ["unrecognised_table"] * 2
    assert "'file', 'repo', 'commit'" in result.errors[0].detail


def test_prose_is_not_a_table(tmp_path):
    text = ("Dear team, thanks for the call.\nWe discussed pricing, roadmap, and the API.\n"
            "Best,\nAnn\n\nP.S. see you; soon | maybe\n")
    result = check(read_table(write_csv(tmp_path / "note.txt", text)))
    assert result.kind is None and result.n_items == 1 and codes(result) == ["not_a_table"]


def test_csv_syntax_error_row_is_reported(tmp_path):
    big = "x" * 200_000  # over the csv module's field size limit
    text = f'Requested By,Question\nann,"{big}"\nbob,ok\n'
    result = check(read_table(write_csv(tmp_path / "log.csv", text)))
    assert "bad_row" in codes(result, kept=False)
    assert "ok" in result.frame["text"].tolist()


# ---------------------------------------------------------------- Excel


def test_xlsx_title_rows_datetimes_serials_and_two_sheets(tmp_path):
    log = [
        ["RFI log — Project Falcon"],
        ["exported 2025-03-31"],
        [],
        ["#", "Requested By", "Question", "Date Received", "Due", "Hours Spent"],
        [1, "ann@x.com", "Price for five years?", datetime(2025, 3, 4, 9, 30), 45731, 2],
        [9, "eve@x.com", "Negative effort?", None, None, -1],
        [2, "bob@x.com", "Roadmap?", 45720.5, date(2025, 3, 20), None],
        [None, None, None, None, None, None],
        [3, "cid@x.com", None, "bad date", None, "2,5"],
    ]
    second = [["Requester", "Summary", "Date"], ["dee", "Security questionnaire", "4 Mar 2025"]]
    lookups = [["Statuses"], ["Open"], ["Closed"]]
    path = write_xlsx(tmp_path / "log.xlsx", {"RFIs": log, "Week 2": second,
                                              "Lookups": lookups})
    result = check(read_table(path))
    assert result.kind == "request_log"
    frame = result.frame
    assert frame["message_id"].tolist() == ["1", "9", "2", "Week 2!row 2"]
    assert frame["sent_at"].tolist() == [ts("2025-03-04 09:30"), pd.NaT, ts("2025-03-04 12:00"),
                                         ts("2025-03-04")]
    assert frame["due"].iloc[0] == ts("2025-03-15") and frame["due"].iloc[2] == ts("2025-03-20")
    assert frame["hours_spent"].iloc[0] == 2.0 and math.isnan(frame["hours_spent"].iloc[2])
    assert frame["source"].iloc[0] == f"{path}:RFIs!row 5"
    assert frame["source"].iloc[3] == f"{path}:Week 2!row 2"
    positions = {(e.error, e.position) for e in result.errors}
    assert ("bad_number", "RFIs!row 6") in positions  # negative hours
    # row 9 (Excel numbering) has no question: not kept
    assert ("empty_request", "RFIs!row 9") in positions
    # the lookup sheet's rows are items that could not be used
    assert ("unrecognised_table", "Lookups!row 2") in positions
    assert result.n_items == 4 + 1 + 2
    assert result.columns["RFIs!Question"] == "text"


def test_xlsx_org_chart(tmp_path):
    rows = [["Full Name", "E-mail", "Job Title", "Dept", "Reports To", "Office"],
            ["Lee, Kim", "Kim.Lee@Customer.com", "CIO", "IT", "Dana Smith", "Paris"],
            ["Dana Smith", "", "CEO", "Board", "", "NYC"],
            ["", "", "", "Finance", "", ""]]
    result = check(read_table(write_xlsx(tmp_path / "org.xlsx", {"People": rows})))
    assert result.kind == "org_chart"
    assert result.frame.columns.tolist() == ["name", "email", "title", "department",
                                             "manager", "location", "source"]
    assert result.frame.iloc[0].tolist()[:6] == ["Lee, Kim", "kim.lee@customer.com", "CIO",
                                                 "IT", "Dana Smith", "Paris"]
    assert result.frame.iloc[1]["email"] == ""
    assert codes(result) == ["empty_person"]


def test_org_sheet_inside_a_log_workbook_is_reported(tmp_path):
    path = write_xlsx(tmp_path / "mixed.xlsx", {
        "Log": [["Requested By", "Question"], ["ann", "price?"]],
        "People": [["Name", "Email", "Title"], ["Ann Lee", "ann@x.com", "CIO"]],
    })
    result = check(read_table(path))
    assert result.kind == "request_log" and len(result.frame) == 1
    (error,) = result.errors
    assert error.error == "org_chart_in_log" and error.position == "People!row 2"
    assert "org_chart=" in error.detail


# ---------------------------------------------------------------- org charts


@pytest.mark.parametrize(
    ("header", "kind"),
    [
        ("Name,Email,Title,Department", "org_chart"),
        ("Employee,Role,Business Unit,Manager", "org_chart"),
        ("First Name,Last Name,Email Address,Position", "org_chart"),
        ("Name,Email,Title,Question", "request_log"),  # a text column → a request log
        ("Requested By,Title,Date", "request_log"),
        ("Name,Subject,Date", "request_log"),
        ("Name,Phone", None),
    ],
)
def test_org_chart_vs_request_log_detection(tmp_path, header, kind):
    width = header.count(",") + 1
    text = f"{header}\n" + ",".join(["Ann Lee"] + ["v"] * (width - 1)) + "\n"
    assert check(read_table(write_csv(tmp_path / "t.csv", text))).kind == kind


def test_org_chart_first_last_names_and_bad_email(tmp_path):
    text = "First Name,Last Name,Email,Org\nKim,Lee,not-an-address,IT\n"
    result = check(read_table(write_csv(tmp_path / "org.csv", text)))
    assert result.frame.iloc[0][["name", "email", "department"]].tolist() == ["Kim Lee", "",
                                                                              "IT"]
    assert codes(result, kept=True) == ["bad_email"]


def test_headerless_org_chart_by_content(tmp_path):
    rows = ["allen-p\tphilip.allen@x.com\tPhilip Allen\t",
            "arnold-j\tjohn.arnold@x.com\tJohn Arnold\tVice President",
            "badeer-r\trobert.badeer@x.com\tRobert Badeer\tDirector"]
    path = write_csv(tmp_path / "custodians.tsv", "\n".join(rows) + "\n")
    assert check(read_table(path, kind="request_log")).kind == "request_log"
    for kind in (None, "org_chart"):
        result = check(read_table(path, kind=kind))
        assert result.kind == "org_chart" and result.n_items == 3
        assert result.frame["name"].tolist() == ["Philip Allen", "John Arnold", "Robert Badeer"]
        assert result.frame["title"].tolist() == ["", "Vice President", "Director"]
        assert result.frame["source"].iloc[0].endswith(":row 1")


def test_forced_org_chart(tmp_path):
    text = "Name,Notes\nAnn Lee,likes pricing\n"
    assert check(read_table(write_csv(tmp_path / "o.csv", text))).kind is None
    forced = check(read_table(tmp_path / "o.csv", kind="org_chart"))
    assert forced.kind == "org_chart" and forced.frame["name"].tolist() == ["Ann Lee"]


# ---------------------------------------------------------------- the public path


def test_load_request_log_and_org_chart(tmp_path):
    rows = [["RFI No.", "Requested By", "Question", "Date Received"],
            ["A-1", "Ann Lee <ann@customer.com>", "Five-year price?", datetime(2025, 3, 4)],
            ["A-2", "kim@customer.com", None, datetime(2025, 3, 5)]]
    write_xlsx(tmp_path / "log.xlsx", {"Log": rows})
    write_csv(tmp_path / "org.csv", "Full Name,E-mail,Job Title,Dept\nAnn Lee,ann@customer.com,"
                                    "CIO,IT\nKim Park,kim@customer.com,Buyer,Procurement\n")
    corpus = vision_analytics.load([tmp_path / "log.xlsx", tmp_path / "org.csv"],
                                   seller_domains="x.com")
    assert corpus.reconciled
    validate_frame(corpus.request_log, "requests")
    assert corpus.request_log["message_id"].tolist() == ["A-1"]
    assert corpus.request_log["sender"].tolist() == ["ann@customer.com"]
    assert corpus.org_chart["email"].tolist() == ["ann@customer.com", "kim@customer.com"]
    assert corpus.errors["error"].tolist() == ["empty_request"]
    # the explicit org_chart= path and a log mapping that only concerns the log
    again = vision_analytics.load([tmp_path / "log.xlsx"], seller_domains="x.com",
                                  org_chart=tmp_path / "org.csv",
                                  log_columns={"Question": "text"})
    assert again.reconciled and len(again.org_chart) == 2 and len(again.request_log) == 1


# ---------------------------------------------------------------- real data


@pytest.mark.real_data
def test_real_custodians_table_is_an_org_chart(real_data):
    result = check(read_table(real_data / "enron-5users" / "custodians.tsv"))
    assert result.kind == "org_chart"
    assert len(result.frame) == 148 and result.errors == []
    assert result.frame["email"].str.endswith("@enron.com").all()
    assert (result.frame["title"] != "").sum() > 50


@pytest.mark.real_data
def test_real_manifest_is_neither(real_data):
    result = check(read_table(real_data / "outlook" / "MANIFEST.tsv"))
    assert result.kind is None and result.n_items == len(result.errors) > 0


# ---------------------------------------------------------------- properties


@pytest.fixture(scope="module")
def scratch(tmp_path_factory) -> Path:
    """A folder shared by the examples of a property test (tmp_path is per test)."""
    return tmp_path_factory.mktemp("tables-properties")


_CELLS = st.sampled_from([
    "Requested By", "Question", "Date", "Name", "Email", "Title", "Hours", "#", "", " ",
    "ann@x.com", "03/04/2025", "13/13/2025", "2025-02-30", "45123", "1:30", "x,y", '"q"',
    "é", "\x00", "Lee, Kim", "\ufeff", "=SUM(A1)", "\r",
]) | st.text(max_size=12)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=600), suffix=st.sampled_from([".csv", ".xlsx", ".tsv"]))
def test_property_random_bytes_never_raise(scratch, data, suffix):
    path = scratch / f"random{suffix}"
    path.write_bytes(data)
    check(read_table(path))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=st.lists(st.lists(_CELLS, min_size=1, max_size=5), max_size=8),
       delimiter=st.sampled_from([",", ";", "\t", "|"]),
       encoding=st.sampled_from(["utf-8", "utf-16", "cp1252"]),
       kind=st.sampled_from([None, "org_chart"]))
def test_property_random_csv_never_raises_and_reconciles(scratch, rows, delimiter, encoding,
                                                         kind):
    text = "\n".join(delimiter.join(row) for row in rows)
    path = scratch / "random_table.csv"
    path.write_bytes(text.encode(encoding, errors="replace"))
    result = check(read_table(path, kind=kind))
    if result.kind == "org_chart":
        assert result.frame.columns.tolist()[-1] == "source"


# -- logs kept in other languages and by ticketing tools -------------------------------

@pytest.mark.parametrize("header, row", [
    ("Réf. demande;Date;Demandeur;E-mail;Objet;Détail;Canal;Charge (j);Responsable;Statut",
     "DEM-1;14/10/2021 13:56;Élodie Mercier;elodie.mercier@castelnor.fr;Connecteur;"
     "Can the export run nightly?;email;0,25;Mark Costa;Clôturé"),
    ("Ref.;Fecha;Solicitante;Correo;Asunto;Detalle;Canal;Esfuerzo (j);Responsable;Estado",
     "DEM-1;14/10/2021 13:56;Óscar Ruiz;oscar.ruiz@montaver.es;Conector;"
     "Can the export run nightly?;phone;0,25;Ines Verhoeven;Cerrado"),
    ("Nr zgłoszenia;Data;Zgłaszający;E-mail;Temat;Opis;Kanał;Nakład (dni);Opiekun;Status",
     "DEM-1;14/10/2021 13:56;Tomasz Woźniak;tomasz.wozniak@baltyk.pl;Eksport;"
     "Can the export run nightly?;email;0,25;Alex O'Neill;Zamknięte"),
    ("Ärende;Datum;Beställare;E-post;Rubrik;Beskrivning;Kanal;Insats (dagar);Ansvarig;Status",
     "DEM-1;14/10/2021 13:56;Maja Sandberg;maja.sandberg@vanerlund.se;Export;"
     "Can the export run nightly?;meeting;0,25;Maya Li;Stängd"),
    ("Ticket;Eingang;Kontakt;E-Mail;Betreff;Beschreibung;Aufwand (Tage);Bearbeiter;Status",
     "T-1;14.10.2021 13:56;Jörg Weber;joerg.weber@example.de;Export;"
     "Can the export run nightly?;0,25;Anna Roth;Erledigt"),
])
def test_log_headers_in_other_languages(tmp_path, header, row):
    """A French, Spanish, Polish, Swedish or German account team keeps its log with
    column names in its own language (accents or not), semicolons, day-first dates,
    decimal commas and the effort in days; the owner column is the seller's, not the
    requester."""
    result = check(read_table(write_csv(tmp_path / "suivi.csv", f"{header}\n{row}\n")))
    assert result.kind == "request_log"
    frame = result.frame
    assert frame["text"].tolist() == ["Can the export run nightly?"]
    assert frame["sender"].iloc[0].count("@") == 1 and frame["sender_name"].iloc[0]
    assert frame["sent_at"].tolist() == [ts("2021-10-14 13:56")]
    assert frame["message_id"].tolist() == [row.split(";")[0]]
    assert frame["hours_spent"].tolist() == [2.0]  # a quarter of an eight-hour day
    assert sorted(result.columns.values()).count("sender") == 1


def test_servicenow_export_reads_the_caller_not_the_agent(tmp_path):
    """ServiceNow's ``opened_by`` is the agent who logged the case; ``caller_id`` is
    the customer who asked. ``time_worked`` is hh:mm:ss."""
    text = ("number,short_description,description,opened_at,opened_by,caller_id,"
            "assignment_group,time_worked,state\n"
            "CS0040551,Liability cap,Legal would like to raise the cap. Acceptable?,"
            "2024-12-17 10:17:21,Clara Costa,François Lemaire,Account Management,01:30:00,"
            "Closed Complete\n")
    result = check(read_table(write_csv(tmp_path / "servicenow_cases.csv", text)))
    assert result.columns["caller_id"] == "sender" and "opened_by" not in result.columns
    row = result.frame.iloc[0]
    assert (row["sender"], row["subject"], row["hours_spent"]) == (
        "François Lemaire", "Liability cap", 1.5)
    assert row["sent_at"] == ts("2024-12-17 10:17:21")


def test_zendesk_minutes_and_a_logged_column(tmp_path):
    """A header that names the unit sets the unit of bare numbers: Zendesk's "Time spent
    (minutes)"; an Excel case sheet's "Logged" is when the case came in and its
    "Notes" the ask."""
    zendesk = ('"Id","Subject","Description","Requester","Requester email","Created at",'
               '"Assignee","Time spent (minutes)"\n'
               '"217191","HA set-up","Send the reference architecture?","Karine Leblanc",'
               '"karine.leblanc@mistassini.ca","2023-02-22 11:55:20 -0500","Sam Novak","90"\n')
    result = check(read_table(write_csv(tmp_path / "zendesk.csv", zendesk)))
    row = result.frame.iloc[0]
    assert (row["sender"], row["hours_spent"]) == ("karine.leblanc@mistassini.ca", 1.5)
    assert row["sent_at"] == ts("2023-02-22 16:55:20")
    book = write_xlsx(tmp_path / "log.xlsx", {"Cases": [
        ["Case #", "Logged", "Customer contact", "Contact e-mail", "Topic", "Notes", "Owner"],
        ["TIDE-1", datetime(2021, 5, 11, 9, 49), "Brian Anderson", "banderson@tide.com",
         "Sub-processors", "Please send the list of sub-processors.", "Maya Fischer"]]})
    row = check(read_table(book)).frame.iloc[0]
    assert (row["sent_at"], row["text"], row["subject"]) == (
        ts("2021-05-11 09:49"), "Please send the list of sub-processors.", "Sub-processors")


def test_notes_beside_names_alone_is_no_request_log(tmp_path):
    """"Notes" is a request text beside a date or a sender column, not in a list of
    names with remarks."""
    assert check(read_table(write_csv(tmp_path / "o.csv", "Name,Notes\nAnn,likes tea\n"))).kind \
        is None
    logged = check(read_table(write_csv(tmp_path / "l.csv",
                                        "Date,Notes\n2024-03-01,Price for 40 seats?\n")))
    assert logged.kind == "request_log" and logged.frame["text"].tolist() == [
        "Price for 40 seats?"]
