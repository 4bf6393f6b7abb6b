"""The ingest stage: formats, hostile input, reconciliation, real exports."""

from __future__ import annotations

import base64
import warnings
from email.mime.application import MIMEApplication
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from pathlib import Path

import pandas as pd
import pytest

import vision_analytics as va
from vision_analytics._schema import validate_frame
from vision_analytics.ingest import InputError, detect_format

SELLER = "seller.com"


def _eml(sender="Dana Whitfield <dana@customer.com>", to="sam@seller.com", subject="Pricing",
         date="Tue, 7 Jan 2020 14:22:43 -0600", body="Could you price a five-year option?",
         extra="") -> bytes:
    return (
        f"From: {sender}\nTo: {to}\nSubject: {subject}\nDate: {date}\n"
        f"Message-ID: <{abs(hash((sender, subject, date, body))) % 10**9}@customer.com>\n"
        f"{extra}\n{body}\n"
    ).encode()


def _load(paths, **kw):
    kw.setdefault("seller_domains", SELLER)
    corpus = va.load(paths, **kw)
    assert corpus.reconciled, corpus.summary()
    validate_frame(corpus.messages, "messages")
    validate_frame(corpus.errors, "load_errors")
    return corpus


# --- formats ---------------------------------------------------------------------------------

def test_eml_folder_fields(tmp_path):
    (tmp_path / "a.eml").write_bytes(_eml(
        sender="=?utf-8?q?Ren=C3=A9e_M=C3=BCller?= <Renee.Mueller@Customer.com>",
        to='"Sam Lee" <sam@seller.com>, "Lee, Pat" <pat@eu.seller.com>',
        subject="=?iso-8859-1?q?R=E9sum=E9_of_the_roadmap?=",
        extra="Cc: cfo@customer.com\nIn-Reply-To: <root@seller.com>\n"
              "References: <root@seller.com>\n"))
    corpus = _load(tmp_path)
    row = corpus.messages.iloc[0]
    assert row["sender"] == "renee.mueller@customer.com"
    assert row["sender_name"] == "Renée Müller"
    assert row["subject"] == "Résumé of the roadmap"
    assert row["to"] == ["sam@seller.com", "pat@eu.seller.com"]
    assert row["cc"] == ["cfo@customer.com"]
    assert row["sent_at"] == pd.Timestamp("2020-01-07 20:22:43", tz="UTC")
    assert row["in_reply_to"] == "<root@seller.com>"
    assert row["direction"] == "inbound"
    assert row["format"] == "eml"
    assert corpus.messages.index.name == "message_key"


def test_mbox_variants_and_from_quoting(tmp_path):
    body = "Line one\n>From the start, mboxrd quotes this line\nFrom here on, a body line\n"
    mbox = (
        b"From - Tue Nov 10 12:34:56 2020\n" + _eml(subject="Thunderbird", body=body)
        + b"\nFrom 1234567890@xxx Wed Jan 01 00:00:00 +0000 2020\n" + _eml(subject="Gmail")
        + b"\nFrom dana@customer.com  Tue Jan  7 21:22:43 2020\n" + _eml(subject="Pipermail")
    )
    path = tmp_path / "box"
    path.write_bytes(mbox)
    assert detect_format(path) == "mbox"
    corpus = _load(path)
    assert corpus.messages["subject"].tolist() == ["Thunderbird", "Gmail", "Pipermail"]
    first = corpus.messages.iloc[0]["body_text"]
    assert "From the start, mboxrd quotes this line" in first
    assert "From here on, a body line" in first  # an unquoted body line does not split
    assert corpus.messages["source"].str.contains("@").all()


def test_an_mbox_cut_short_after_a_separator_lists_the_empty_item(tmp_path):
    """An export cut off right after a ``From `` line holds an item with nothing in
    it: it is listed as empty, not dropped unseen (found by the property test below,
    a junk file holding only ``From ``)."""
    path = tmp_path / "box.mbox"
    path.write_bytes(b"From - Tue Nov 10 12:34:56 2020\n" + _eml(subject="kept")
                     + b"\nFrom - Tue Nov 10 12:40:00 2020\n")
    corpus = _load(path)
    assert corpus.messages["subject"].tolist() == ["kept"]
    summary = corpus.summary()
    assert summary.loc["total", "items"] == 2 and summary["reconciled"].all()
    assert corpus.errors["error"].tolist() == ["empty"]
    (tmp_path / "box.mbox").write_bytes(b"From ")
    assert _load(path).errors["error"].tolist() == ["empty"]


def test_maildir_tree_and_detection_by_content(tmp_path):
    for sub in ("cur", "new", "tmp"):
        (tmp_path / "INBOX" / sub).mkdir(parents=True)
    (tmp_path / "INBOX" / "cur" / "1510000000.M1P1.host:2,S").write_bytes(_eml(subject="one"))
    (tmp_path / "INBOX" / "new" / "1510000001.M2P1.host").write_bytes(_eml(subject="two"))
    (tmp_path / "deep" / "folder").mkdir(parents=True)
    (tmp_path / "deep" / "folder" / "17.").write_bytes(_eml(subject="enron style"))
    corpus = _load(tmp_path)
    assert sorted(corpus.messages["subject"]) == ["enron style", "one", "two"]
    assert set(corpus.messages["format"]) == {"maildir"}


def test_html_only_body_and_attachments(tmp_path):
    msg = MIMEMultipart()
    msg["From"] = "dana@customer.com"
    msg["To"] = "sam@seller.com"
    msg["Subject"] = "html"
    msg["Date"] = "Tue, 7 Jan 2020 14:22:43 +0000"
    msg.attach(MIMEText("<html><body><p>Please send the <b>roadmap</b>.</p>"
                        "<script>alert(1)</script></body></html>", "html"))
    attachment = MIMEApplication(b"x" * 1234, Name="deck.pdf")
    attachment["Content-Disposition"] = 'attachment; filename="deck.pdf"'
    msg.attach(attachment)
    (tmp_path / "m.eml").write_bytes(msg.as_bytes())
    row = _load(tmp_path).messages.iloc[0]
    assert row["body_text"] == "Please send the roadmap."
    assert row["body_kind"] == "html"
    assert row["attachment_names"] == ["deck.pdf"]
    assert row["attachment_sizes"] == [1234]
    assert row["has_attachments"]


def test_exact_duplicates_collapsed_and_counted(tmp_path):
    raw = _eml()
    (tmp_path / "inbox").mkdir()
    (tmp_path / "all_documents").mkdir()
    (tmp_path / "inbox" / "1.").write_bytes(raw)
    # the Enron corpus gives each folder's copy its own Message-ID and X-Folder
    (tmp_path / "all_documents" / "9.").write_bytes(
        raw.replace(b"Message-ID: <", b"X-Folder: all\nMessage-ID: <copy-"))
    corpus = _load(tmp_path)
    assert len(corpus.messages) == 1
    assert corpus.summary().loc["total", "duplicates"] == 1


def test_threads_from_references(tmp_path):
    (tmp_path / "1.eml").write_bytes(_eml(subject="a", extra="") .replace(
        b"Message-ID: <", b"Message-ID: <root-", 1))
    root_id = va.load(tmp_path, seller_domains=SELLER).messages.iloc[0]["message_id"]
    (tmp_path / "2.eml").write_bytes(_eml(subject="Re: a", extra=f"In-Reply-To: {root_id}\n"))
    (tmp_path / "3.eml").write_bytes(_eml(subject="Re: a", body="third",
                                          extra=f"References: {root_id} <other@x>\n"))
    (tmp_path / "4.eml").write_bytes(_eml(subject="unrelated", body="fourth"))
    threads = _load(tmp_path).messages.set_index("subject", append=True)["thread_id"]
    assert threads.nunique() == 2


def test_direction_with_subdomains():
    msgs = [
        _eml(sender="sam@seller.com", to="dana@customer.com", subject="out"),
        _eml(sender="sam@eu.seller.com", to="pat@seller.com", subject="internal"),
        _eml(sender="dana@customer.com", to="sam@seller.com", subject="in"),
        _eml(sender="eve@notseller.com", to="sam@seller.com", subject="lookalike"),
    ]
    import tempfile
    folder = Path(tempfile.mkdtemp())
    for i, raw in enumerate(msgs):
        (folder / f"{i}.eml").write_bytes(raw)
    got = dict(zip(*_load(folder).messages[["subject", "direction"]].T.values, strict=True))
    assert got == {"out": "outbound", "internal": "internal", "in": "inbound",
                   "lookalike": "inbound"}


def test_seller_domain_inferred_with_warning(tmp_path):
    for i in range(3):
        (tmp_path / f"{i}.eml").write_bytes(_eml(subject=f"s{i}", body=f"b{i}"))
    with pytest.warns(UserWarning, match="seller_domains not given; inferred 'seller.com'"):
        corpus = va.load(tmp_path)
    assert corpus.seller_domains == ("seller.com",)


# --- hostile input ---------------------------------------------------------------------------

def test_bad_dates_charsets_and_nul_bytes_keep_the_row(tmp_path):
    (tmp_path / "a.eml").write_bytes(_eml(date="the day after tomorrow"))
    (tmp_path / "b.eml").write_bytes(
        b"From: x@customer.com\nSubject: charset\nContent-Type: text/plain; charset=klingon\n"
        b"Date: Tue, 7 Jan 2020 14:22:43 +0000\n\ncaf\xe9 \x00 ok\n")
    (tmp_path / "c.eml").write_bytes(
        b"From: x@customer.com\nSubject: b64\nContent-Transfer-Encoding: base64\n"
        b"Date: Tue, 7 Jan 2020 14:22:43 +0000\n\n!!!not base64@@@\n")
    corpus = _load(tmp_path)
    assert len(corpus.messages) == 3
    bad_date = corpus.messages[corpus.messages["subject"] == "Pricing"].iloc[0]
    assert pd.isna(bad_date["sent_at"])
    assert any("unparseable Date" in n for n in bad_date["notes"])
    charset = corpus.messages[corpus.messages["subject"] == "charset"].iloc[0]
    assert "café" in charset["body_text"] and "\x00" not in charset["body_text"]
    assert (corpus.errors["kept"]).all() and len(corpus.errors) == 3


def test_a_date_outside_rfc_5322_is_read_from_iso_or_the_received_line(tmp_path):
    received = (b"Received: from mx.customer.com (mx.customer.com [10.0.0.1])\n"
                b"\tby mail.seller.com; Wed, 7 May 2025 09:09:12 +0200\n")
    (tmp_path / "iso.eml").write_bytes(_eml(subject="iso", date="2025-05-07 09:09"))
    (tmp_path / "received.eml").write_bytes(
        received + _eml(subject="received", date="Mittwoch 7. Mai"))
    corpus = _load(tmp_path)
    sent = dict(zip(corpus.messages["subject"], corpus.messages["sent_at"], strict=True))
    assert sent["iso"] == pd.Timestamp("2025-05-07 09:09", tz="UTC")
    assert sent["received"] == pd.Timestamp("2025-05-07 07:09:12", tz="UTC")
    # both stay listed as degraded, with how their date was read
    notes = " | ".join(corpus.errors["detail"])
    assert "read as an ISO date" in notes and "taken from the Received header" in notes
    assert corpus.errors["kept"].all()


def test_junk_truncated_and_empty_files_become_errors(tmp_path):
    (tmp_path / "junk.bin").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "empty.eml").write_bytes(b"")
    (tmp_path / "trunc.mbox").write_bytes(b"From a@b Tue Jan  7 21:22:43 2020\nFrom: a@b.com\nSubj")
    (tmp_path / "ok.eml").write_bytes(_eml())
    corpus = _load(tmp_path)
    assert len(corpus.messages) == 2  # the truncated message still has a From header
    dropped = corpus.errors[~corpus.errors["kept"]]
    # junk.bin is no format; the empty file is said to be empty
    reasons = dict(zip(dropped["source"].str.rsplit("/", n=1).str[-1], dropped["error"],
                       strict=True))
    assert reasons == {"junk.bin": "unsupported_format", "empty.eml": "empty"}


def test_deep_nesting_and_huge_message(tmp_path):
    inner = "Content-Type: text/plain\n\ndeep body\n"
    for depth in range(100):
        inner = (f'Content-Type: multipart/mixed; boundary="b{depth}"\n\n--b{depth}\n{inner}'
                 f"\n--b{depth}--\n")
    (tmp_path / "deep.eml").write_bytes(
        b"From: a@customer.com\nSubject: deep\nDate: Tue, 7 Jan 2020 14:22:43 +0000\n"
        + inner.encode())
    big = base64.encodebytes(b"\x89PNG" + b"\x00" * (20 * 1024 * 1024))
    (tmp_path / "big.eml").write_bytes(
        b"From: a@customer.com\nSubject: big\nDate: Tue, 7 Jan 2020 14:22:43 +0000\n"
        b'Content-Type: multipart/mixed; boundary="x"\n\n--x\nContent-Type: text/plain\n\nhi\n'
        b'--x\nContent-Type: image/png; name="a.png"\nContent-Transfer-Encoding: base64\n\n'
        + big + b"\n--x--\n")
    corpus = _load(tmp_path)
    assert len(corpus.messages) == 2
    deep = corpus.messages[corpus.messages["subject"] == "deep"].iloc[0]
    assert any("nesting" in n for n in deep["notes"])
    huge = corpus.messages[corpus.messages["subject"] == "big"].iloc[0]
    assert huge["body_text"].strip() == "hi" and huge["attachment_sizes"][0] > 20_000_000


def test_missing_and_unsupported_paths_name_the_file(tmp_path):
    with pytest.raises(InputError, match=r"does not exist.*formats: mbox"):
        va.load(tmp_path / "nope.mbox", seller_domains=SELLER)
    junk = tmp_path / "picture.jpg"
    junk.write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 100)
    with pytest.raises(InputError, match=r"picture\.jpg' is not a supported format"):
        va.load(junk, seller_domains=SELLER)


def test_empty_folder_gives_empty_valid_frames(tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        corpus = va.load(tmp_path, seller_domains=SELLER)
    assert corpus.messages.empty and corpus.reconciled


# --- real exports ----------------------------------------------------------------------------

@pytest.mark.real_data
def test_enron_five_mailboxes_load_and_reconcile(real_data):
    corpus = _load(real_data / "enron-5users" / "maildir", seller_domains="enron.com")
    total = corpus.summary().loc["total"]
    assert total["items"] == 11_238
    # Copies of one message across folders (inbox, all_documents, discussion_threads…) collapse.
    assert (total["messages"], total["duplicates"], total["errors"]) == (8_007, 3_231, 0)
    # One message is kept with a note: its body is over the 1,000,000-character cap.
    assert corpus.errors["error"].tolist() == ["degraded"]
    assert corpus.messages["sent_at"].notna().all()
    owners = {"kevin.presto@enron.com", "mike.grigsby@enron.com", "andrew.lewis@enron.com"}
    assert owners <= set(corpus.messages["sender"])


@pytest.mark.real_data
def test_r_mailing_list_archives(real_data):
    corpus = _load(real_data / "lists", seller_domains="r-project.org")
    total = corpus.summary().loc["total"]
    assert (total["files"], total["items"]) == (104, 2_175)
    assert (total["messages"], total["duplicates"], total["errors"]) == (2_169, 6, 0)
    # pipermail munges addresses ("x at y"); they stay distinct, non-empty keys
    assert (corpus.messages["sender"] != "").all()
    assert corpus.messages["sender"].nunique() > 300
    assert corpus.messages["thread_id"].nunique() < len(corpus.messages) * 0.5


# --- Outlook forwards as attachments, Exchange journals, byte-order marks -----------------

def _attached(outer_sender: str, note: str, inner: bytes, *, headers: str = "") -> bytes:
    """A message whose only content besides ``note`` is ``inner`` as message/rfc822."""
    boundary = f"b-{len(inner)}"  # one per level: a nested part must not close this one
    return (f"From: {outer_sender}\nTo: sam@seller.com\nSubject: FW: Pricing\n"
            "Date: Wed, 8 Jan 2020 09:00:00 +0000\nMessage-ID: <outer-" f"{len(inner)}@c.com>\n"
            f"{headers}MIME-Version: 1.0\n"
            f'Content-Type: multipart/mixed; boundary="{boundary}"\n\n'
            f"--{boundary}\nContent-Type: text/plain; charset=utf-8\n\n{note}\n"
            f"--{boundary}\nContent-Type: message/rfc822\n\n").encode() + inner + \
        f"\n--{boundary}--\n".encode()


def test_a_message_forwarded_as_an_attachment_is_read_as_a_forwarded_block(tmp_path):
    """Outlook's "forward as attachment": the attached mail's author, date and words
    are the forwarded block's, two levels deep too; the attachment is still listed."""
    inner = _eml(body="Could you price a usage-based option for 300 sites?")
    twice = _attached("Lee Park <lee@customer.com>", "From our CDO, see attached.", inner)
    (tmp_path / "fw.eml").write_bytes(_attached("Bo Chan <bo@customer.com>", "See below.",
                                                twice))
    corpus = _load(tmp_path)
    body = corpus.messages["body_text"].iloc[0]
    assert body.startswith("See below.")
    assert body.count("-----Original Message-----") == 2
    assert "From: Dana Whitfield <dana@customer.com>" in body
    assert "usage-based option" in body and "From our CDO" in body
    assert corpus.messages["attachment_names"].iloc[0] == ["FW: Pricing.eml"]
    segments = va.normalize.segment_messages(corpus.messages)
    authors = set(segments.loc[segments["depth"] >= 1, "author_email"])
    assert {"lee@customer.com", "dana@customer.com"} <= authors


def test_an_exchange_journal_report_is_read_as_the_message_it_wraps(tmp_path):
    inner = _eml(body="Could you price a five-year option?")
    report = _attached("Microsoft Exchange <journal@seller.com>",
                       "Sender: dana@customer.com\nSubject: Pricing", inner,
                       headers="X-MS-Journal-Report: \n")
    (tmp_path / "journal.mbox").write_bytes(
        b"From journal@seller.com Wed Jan  8 09:00:00 2020\n" + report + b"\n")
    corpus = _load(tmp_path)
    row = corpus.messages.iloc[0]
    assert row["sender"] == "dana@customer.com" and row["subject"] == "Pricing"
    assert row["body_text"].strip() == "Could you price a five-year option?"
    notes = corpus.errors.loc[corpus.errors["kept"], "detail"]
    assert notes.str.contains("journal report").any()


def test_a_byte_order_mark_before_the_headers_and_thunderbird_indexes(tmp_path):
    (tmp_path / "Pricing.eml").write_bytes(b"\xef\xbb\xbf" + _eml().replace(b"\n", b"\r\n"))
    (tmp_path / "Inbox.msf").write_bytes(b"// <!-- <mdb:mork:z v=\"1.4\"/> -->\n< <(a=c)> >")
    (tmp_path / "Trash").write_bytes(b"")
    corpus = _load(tmp_path)
    assert corpus.messages["sender"].tolist() == ["dana@customer.com"]
    assert corpus.messages["subject"].tolist() == ["Pricing"]
    reasons = dict(zip(corpus.errors["source"].str.rsplit("/", n=1).str[-1],
                       corpus.errors["detail"], strict=True))
    assert "Thunderbird summary index" in reasons["Inbox.msf"]
    assert reasons["Trash"] == "an empty file: nothing to read"
