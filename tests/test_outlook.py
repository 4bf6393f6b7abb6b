"""Outlook .msg and PST/OST readers: the shared sample files, RTF, junk input.

Expected counts were checked against ``outlook/SOURCES.md`` of the real data
(its "items" and "readpst -D" columns); differences are explained where they
are asserted. Only aggregate figures and the samples' own test subjects are
asserted, never message text of real people beyond a few words.
"""

from __future__ import annotations

import random
import re
import statistics
import struct
import sys
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vision_analytics.ingest import _outlook
from vision_analytics.ingest._html import html_to_text
from vision_analytics.ingest._records import LoadError, check_record

# --------------------------------------------------------------------------- no extras needed


@pytest.mark.parametrize(
    ("message_class", "is_mail"),
    [
        ("IPM.Note", True),
        ("ipm.note", True),
        ("IPM.Note.SMIME", True),
        ("IPM.Note.SMIME.MultipartSigned", True),
        ("IPM.Note.EnterpriseVault.Shortcut", True),
        ("IPM.Schedule.Meeting.Request", True),
        ("IPM.Schedule.Meeting.Canceled", True),
        ("REPORT.IPM.Note.NDR", True),
        ("REPORT.IPM.Note.NotSupportedICal.NDR", True),
        ("", True),
        ("IPM.Appointment", False),
        ("IPM.Contact", False),
        ("IPM.DistList", False),
        ("IPM.Task", False),
        ("IPM.StickyNote", False),
        ("IPM.Microsoft.ScheduleData.FreeBusy", False),
        ("IPM.Notebook", False),
        ("IPM.Schedule.MeetingX", False),
        ("IPM.Post", True),
        ("REPORT.IPM.Note.IPNRN", True),
    ],
)
def test_is_mail_class(message_class, is_mail):
    assert _outlook.is_mail_class(message_class) is is_mail


def test_rtf_to_text_reads_plain_rtf():
    rtf = (
        rb"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0\fswiss\fcharset0 Arial;}"
        rb"{\f1\fnil\fcharset134 SimSun;}}{\colortbl;\red0\green0\blue0;}"
        rb"{\*\generator Riched20 10.0;}{\info{\author Someone}}"
        rb"\viewkind4\uc1\pard\f0\fs20 Caf\'e9 pricing\par"
        rb"{\pict\wmetafile8 0123456789abcdef}"
        rb"Dana\rquote s ask: \u8364? 5\tab years\line "
        rb"\f1\'d6\'d0\'ce\'c4\f0  done\par"
        rb"{\field{\*\fldinst HYPERLINK \"http://x\"}{\fldrslt link text}}\par"
        rb"\uc2\u8212\'97\'97 end\bin2 {}\par}"
    )
    text, is_html = _outlook.rtf_to_text(rtf)
    assert not is_html
    assert text.splitlines() == [
        "Café pricing",
        "Dana’s ask: € 5\tyears",
        "中文 done",
        "link text",
        "— end",
    ]


def test_rtf_to_text_recovers_encapsulated_html():
    rtf = (
        rb"{\rtf1\ansi\ansicpg1252\fromhtml1 \deff0{\fonttbl{\f0\fswiss Arial;}}"
        rb"{\*\htmltag19 <html>}{\*\htmltag34 <head>}{\*\htmltag41 </head>}"
        rb"{\*\htmltag50 <body>}\htmlrtf \lang1033 \htmlrtf0 "
        rb"{\*\htmltag64 <p>}\htmlrtf {\htmlrtf0 Could you price {\*\htmltag84 <b>}"
        rb"\htmlrtf {\b \htmlrtf0 five years{\*\htmltag92 </b>}\htmlrtf }\htmlrtf0 ?"
        rb"{\*\htmltag72 </p>}\htmlrtf\par}\htmlrtf0 "
        rb"{\*\htmltag58 </body>}{\*\htmltag27 </html>}}"
    )
    html, is_html = _outlook.rtf_to_text(rtf)
    assert is_html
    assert "<p>" in html and "<b>" in html
    assert html_to_text(html) == "Could you price five years?"


def test_rtf_to_text_stops_at_the_end_of_the_document():
    # Exchange pads decompressed RTF with NUL bytes after the closing brace.
    text, _ = _outlook.rtf_to_text(rb"{\rtf1\ansi{\fonttbl{\f0 Arial;}}\f0 hi}" + b"\r\n\x00junk")
    assert text == "hi"


@settings(max_examples=150, derandomize=True, deadline=None)
@given(st.binary(max_size=400) | st.text(alphabet="{}\\'abcu0123456789-* \n",
                                         max_size=200).map(str.encode))
def test_rtf_to_text_never_raises(data):
    text, is_html = _outlook.rtf_to_text(data)
    assert isinstance(text, str) and isinstance(is_html, bool)


@pytest.mark.parametrize(("module", "reader"), [("extract_msg", "iter_msg"),
                                                 ("pypff", "iter_pst")])
def test_missing_library_is_one_error_naming_the_extra(monkeypatch, tmp_path, module, reader):
    monkeypatch.setitem(sys.modules, module, None)
    if module == "extract_msg":
        monkeypatch.setitem(sys.modules, "extract_msg.msg_classes", None)
    path = tmp_path / "file"
    path.write_bytes(b"whatever")
    items = list(getattr(_outlook, reader)(path))
    assert len(items) == 1
    assert items[0].error == "missing_extra"
    assert "pip install 'vision-analytics[outlook]'" in items[0].detail


@pytest.mark.parametrize(
    ("reader", "library", "head"),
    [
        ("iter_msg", "extract_msg", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"),
        ("iter_pst", "pypff", b"!BDN"),
        ("iter_msg", "extract_msg", b"From: not an OLE file\n\n"),
        ("iter_pst", "pypff", b""),
    ],
)
@pytest.mark.parametrize("seed", [0, 1])
def test_junk_file_is_one_load_error(tmp_path, reader, library, head, seed):
    pytest.importorskip(library)
    rng = random.Random(seed)
    path = tmp_path / "junk.bin"
    path.write_bytes(head + bytes(rng.getrandbits(8) for _ in range(8192)))
    items = list(getattr(_outlook, reader)(path))
    assert len(items) == 1
    assert isinstance(items[0], LoadError)
    assert items[0].error == "unreadable_file"
    assert items[0].source == str(path)


def _props_stream(header_size: int, entries) -> bytes:
    """A ``__properties_version1.0`` stream: (tag, type, value) fixed-size entries."""
    out = bytes(header_size)
    for tag, kind, value in entries:
        out += struct.pack("<HHI", kind, tag, 6) + value.ljust(8, b"\0")
    return out


def _filetime(moment: datetime) -> bytes:
    ticks = (moment - datetime(1601, 1, 1, tzinfo=UTC)) // timedelta(microseconds=1) * 10
    return struct.pack("<Q", ticks)


def _write_msg(path: Path, *, smtp_sender: bool = True) -> Path:
    """A small ANSI .msg: cp932 strings with only PR_INTERNET_CPID, RTF-only body."""
    pytest.importorskip("extract_msg")
    import compressed_rtf
    from extract_msg.ole_writer import OleWriter

    utf16 = "utf-16-le"
    sent = datetime(2020, 1, 7, 14, 22, 43, tzinfo=UTC)
    ole = OleWriter()
    ole.addEntry("__properties_version1.0", _props_stream(32, [
        (0x3FDE, 0x0003, struct.pack("<i", 50220)), (0x0039, 0x0040, _filetime(sent))]))
    ole.addEntry("__substg1.0_001A001F", "IPM.Note".encode(utf16))
    ole.addEntry("__substg1.0_0037001E", "日本語の件名".encode("cp932"))
    ole.addEntry("__substg1.0_0042001E", "Dana Reyes".encode("cp932"))
    ole.addEntry("__substg1.0_0C1F001E", b"/O=ACME/OU=EXCHANGE/CN=RECIPIENTS/CN=DANA")
    if smtp_sender:
        ole.addEntry("__substg1.0_5D01001F", "Dana@Customer.com".encode(utf16))
    ole.addEntry("__substg1.0_007D001F", (
        "Microsoft Mail Internet Headers Version 2.0\r\nMessage-ID: <a@b>\r\n"
        "In-Reply-To: <x@y>\r\nReferences: <w@y> <x@y>\r\n\r\n").encode(utf16))
    ole.addEntry("__substg1.0_10090102", compressed_rtf.compress(
        rb"{\rtf1\ansi\ansicpg932{\fonttbl{\f0 Gothic;}}\f0 \'93\'fa\'96\'7b\par "
        rb"five-year plan?}"))
    for index, (kind, name, smtp) in enumerate([(1, "Sam", "Sam@Seller.com"),
                                                 (2, "Board list", None),
                                                 (3, "Hidden", "bcc@seller.com")]):
        folder = f"__recip_version1.0_#{index:08X}"
        ole.addEntry(folder, storage=True)
        ole.addEntry(f"{folder}/__properties_version1.0",
                     _props_stream(8, [(0x0C15, 0x0003, struct.pack("<i", kind))]))
        ole.addEntry(f"{folder}/__substg1.0_3001001F", name.encode(utf16))
        if smtp:
            ole.addEntry(f"{folder}/__substg1.0_39FE001F", smtp.encode(utf16))
    ole.addEntry("__attach_version1.0_#00000000", storage=True)
    ole.addEntry("__attach_version1.0_#00000000/__substg1.0_3707001F", "plan.pdf".encode(utf16))
    ole.addEntry("__attach_version1.0_#00000000/__substg1.0_37010102", bytes(1234))
    inner = "__attach_version1.0_#00000001/__substg1.0_3701000D"
    ole.addEntry("__attach_version1.0_#00000001", storage=True)
    ole.addEntry(inner, storage=True)
    ole.addEntry(f"{inner}/__properties_version1.0", _props_stream(24, []))
    ole.addEntry(f"{inner}/__substg1.0_0037001F", "Original ask".encode(utf16))
    ole.write(path)
    return path


def test_synthetic_msg_fills_every_field(tmp_path):
    (record,) = _outlook.iter_msg(_write_msg(tmp_path / "ask.msg"))
    check_record(record)
    assert {k: record[k] for k in ("message_id", "in_reply_to", "references", "sender",
                                   "sender_name", "to", "cc", "subject", "sent_at",
                                   "body_kind", "body_text", "attachment_names",
                                   "attachment_sizes", "has_attachments", "notes")} == {
        "message_id": "<a@b>",  # from the transport headers, banner line skipped
        "in_reply_to": "<x@y>",
        "references": ["<w@y>", "<x@y>"],
        "sender": "dana@customer.com",  # the SMTP address beats the X.500 one
        "sender_name": "Dana Reyes",
        "to": ["sam@seller.com"],
        "cc": ["Board list"],  # no SMTP address: the display name; Bcc left out
        "subject": "日本語の件名",  # ANSI cp932, found from PR_INTERNET_CPID 50220
        "sent_at": datetime(2020, 1, 7, 14, 22, 43, tzinfo=UTC),
        "body_kind": "rtf",
        "body_text": "日本\nfive-year plan?",
        "attachment_names": ["plan.pdf", "Original ask.msg"],
        "attachment_sizes": [1234, 48],  # the embedded one: its streams' bytes
        "has_attachments": True,
        "notes": [],
    }


def test_synthetic_msg_with_exchange_only_sender(tmp_path):
    (record,) = _outlook.iter_msg(_write_msg(tmp_path / "x500.msg", smtp_sender=False))
    assert record["sender"] == "/o=acme/ou=exchange/cn=recipients/cn=dana"
    assert record["notes"] == ["sender has an Exchange X.500 address and no SMTP address"]


def test_ole_file_that_is_not_a_message(tmp_path):
    pytest.importorskip("extract_msg")
    from extract_msg.ole_writer import OleWriter

    ole = OleWriter()
    ole.addEntry("WordDocument", bytes(5000))
    ole.write(tmp_path / "report.msg")
    (error,) = _outlook.iter_msg(tmp_path / "report.msg")
    assert error.error == "unsupported_format"
    assert "not an Outlook .msg" in error.detail


# --------------------------------------------------------------------------- real sample files

# file: (messages loaded, errors by kind). SOURCES "items" = pypff sub_messages;
# its "readpst -D" column (mail converted to mbox) equals our message counts.
PST_EXPECTED = {
    # 14 IPM.Note; appointment, contact and the free/busy item are not mail
    "aspose__Outlook_1.pst": (14, {"not_mail": 3}),
    # 92 items = 80 IPM.Note + 6 meeting requests + 1 NDR (mail) + 5 appointments
    "aspose__SampleOstFile.ost": (87, {"not_mail": 5}),
    # SOURCES counts 49 readable items; 12 more contacts exist that pypff cannot
    # read ("unsupported value type 0x00000000"): 61 items found in all
    "aspose__Test_part1.pst": (31, {"not_mail": 18, "unreadable": 12}),
    # 11 IPM.Note + 4 DR + 2 NDR + 1 read receipt; the password is ignored
    "aspose__passwordprotectedPST.pst": (18, {}),
    "java-libpst__dist-list.pst": (0, {"not_mail": 4}),
    "pstsdk__sample1.pst": (1, {}),
    "pstsdk__sample2.pst": (1, {}),
    "pstsdk__submessage.pst": (1, {}),
    "tika__testPST.pst": (7, {}),
    "tika__testPST_variousBodyTypes.pst": (4, {}),
}
MSG_NOT_MAIL = {
    "msgreader__Friday_Lunch.msg": "IPM.Appointment",
    "poi__msgClassAppointment.msg": "IPM.Appointment",
    "poi__msgClassContact.msg": "IPM.Contact",
    "poi__msgClassTask.msg": "IPM.Task",
}


@pytest.fixture(scope="module")
def outlook_dir(real_data) -> Path:
    return real_data / "outlook"


@pytest.fixture(scope="module")
def pst_items(outlook_dir) -> dict[str, list]:
    pytest.importorskip("pypff")
    return {p.name: list(_outlook.iter_pst(p))
            for p in sorted((outlook_dir / "pst").iterdir())}


@pytest.fixture(scope="module")
def msg_items(outlook_dir) -> dict[str, list]:
    pytest.importorskip("extract_msg")
    return {p.name: list(_outlook.iter_msg(p))
            for p in sorted((outlook_dir / "msg").iterdir())}


def _records(items: list) -> list[dict]:
    return [item for item in items if isinstance(item, dict)]


def _one(msg_items, name: str) -> dict:
    (item,) = msg_items[name]
    assert isinstance(item, dict), item
    return item


def _by_subject(items: list, subject: str) -> list[dict]:
    return [r for r in _records(items) if r["subject"] == subject]


@pytest.mark.real_data
@pytest.mark.parametrize("name", sorted(PST_EXPECTED))
def test_pst_counts(pst_items, name):
    items = pst_items[name]
    n_messages, errors = PST_EXPECTED[name]
    records = _records(items)
    found = Counter(item.error for item in items if isinstance(item, LoadError))
    assert len(records) == n_messages
    assert dict(found) == errors
    assert len(records) + sum(found.values()) == len(items)
    for record in records:
        check_record(record)
        assert record["format"] == "pst"
        assert record["source"].startswith(str(Path(record["source"].split("::")[0])))
    assert len({r["source"] for r in records}) == len(records)


@pytest.mark.real_data
def test_pst_mail_total_matches_readpst(pst_items):
    # SOURCES: readpst -D converted 164 messages from the 10 stores.
    assert sum(len(_records(items)) for items in pst_items.values()) == 164


@pytest.mark.real_data
def test_msg_counts(msg_items):
    assert len(msg_items) == 55
    assert all(len(items) == 1 for items in msg_items.values())
    kinds = Counter("message" if isinstance(items[0], dict) else items[0].error
                    for items in msg_items.values())
    assert kinds == {"message": 50, "not_mail": 4, "unreadable_file": 1}
    for name, message_class in MSG_NOT_MAIL.items():
        (error,) = msg_items[name]
        assert error.error == "not_mail" and message_class in error.detail
    (error,) = msg_items["poi__unknown_properties.msg"]
    assert error.error == "unreadable_file"
    assert "double reference" in error.detail
    for items in msg_items.values():
        if isinstance(items[0], dict):
            check_record(items[0])
            assert items[0]["format"] == "msg"


@pytest.mark.real_data
@pytest.mark.parametrize(
    ("name", "field", "expected"),
    [
        # ANSI files with only PR_INTERNET_CPID: 950, 50220 (→ cp932), 1251
        ("poi__chinese-traditional.msg", "subject",
         "Alfresco MSG format testing ( MSG 格式測試 )"),
        ("poi__chinese-traditional.msg", "sender_name", "Tests Chang@FT (張毓倫)"),
        ("msgreader__nonUnicodeCP932.msg", "subject", "日本語 Non Unicode タイトル"),
        ("msgreader__nonUnicodeCP932.msg", "body_text", "日本語 Non Unicode 本文\n"),
        ("poi__ASCII_CP1251_LCID1049.msg", "subject", "Subject автоматически Subject"),
        # PR_MESSAGE_CODEPAGE = 1251, and Unicode files
        ("poi__cyrillic_message.msg", "sender", "no-reply@niips.ru"),
        ("msgreader__voteItems.msg", "subject", "3 vote items: はい;いいえ;たぶん"),
        ("bbottema__testgetmsgAttch.msg", "subject", "测试多人邮件抄送msg格式"),
        ("msgreader-cs__EmailWithSpecialCharsInSubject.msg", "sender",
         "julie.clarebots@qbere.com"),
    ],
)
def test_msg_code_pages(msg_items, name, field, expected):
    assert _one(msg_items, name)[field] == expected


@pytest.mark.real_data
def test_cyrillic_subject_decodes(msg_items):
    assert _one(msg_items, "poi__cyrillic_message.msg")["subject"].startswith(
        "Автоматический ответ подсистемы")


@pytest.mark.real_data
def test_rtf_only_body_is_readable_text(pst_items):
    (record,) = [r for r in _by_subject(pst_items["aspose__SampleOstFile.ost"],
                                        "RTF newsletter copy") if "Inbox#" in r["source"]]
    assert record["body_kind"] == "rtf"
    assert "Celebrating 10,000 customers" in record["body_text"]
    assert "\\par" not in record["body_text"] and "{\\" not in record["body_text"]
    kinds = Counter(r["body_kind"] for r in _records(pst_items["aspose__SampleOstFile.ost"]))
    # 12 of the OST's mails carry their text only as RTF; the 54 bulk
    # "message NNNN" test mails (and two others) have no body text at all
    assert kinds == {"rtf": 12, "html": 16, "plain": 1, "none": 58}


@pytest.mark.real_data
def test_rtf_converter_agrees_with_the_plain_body(outlook_dir):
    """On every .msg that stores both, RTF → text gives the words of PR_BODY."""
    pytest.importorskip("extract_msg")
    from extract_msg.msg_classes import MSGFile

    urls = re.compile(r"[\[<]?(?:https?|mailto):[^\s>\]]*[\]>]?")
    recalls, precisions = [], []
    for path in sorted((outlook_dir / "msg").iterdir()):
        try:
            msg = MSGFile(str(path), delayAttachments=True)
        except Exception:
            continue
        try:
            item = _outlook._MsgItem(msg._getOleEntry("/"))
            plain, rtf = item.props.string(0x1000), item.rtf()
        finally:
            msg.close()
        if not plain or not plain.strip() or not rtf:
            continue
        text, is_html = _outlook.rtf_to_text(rtf)
        text = html_to_text(text) if is_html else text
        # Outlook's plain body spells out link targets that the HTML hides
        want = Counter(re.findall(r"\w+", urls.sub(" ", plain.lower())))
        got = Counter(re.findall(r"\w+", text.lower()))
        if not want:
            continue
        shared = sum((want & got).values())
        recalls.append(shared / sum(want.values()))
        precisions.append(shared / max(sum(got.values()), 1))
    assert len(recalls) == 42
    assert statistics.median(recalls) == 1.0 and statistics.median(precisions) == 1.0
    assert min(recalls) > 0.85 and min(precisions) > 0.6


@pytest.mark.real_data
def test_smime(msg_items):
    encrypted = _one(msg_items, "bbottema__S_MIME_test_message_encrypted.msg")
    assert encrypted["body_text"] == "" and encrypted["body_kind"] == "none"
    assert any("S/MIME encrypted" in note for note in encrypted["notes"])
    signed = _one(msg_items, "bbottema__S_MIME_test_message_signed.msg")
    assert signed["body_text"].startswith("This is an encrypted message")
    assert signed["attachment_names"] == [
        "module_architecture.png", "03-07-2005 errata SharnErrata.pdf", "smime.p7s"]


@pytest.mark.real_data
@pytest.mark.parametrize(
    ("name", "names"),
    [
        ("aspose__WithEmbeddedMsg.msg", ["Weekly report.msg"]),
        ("msgreader__msgInMsgInMsg.msg", ["I have attachments!.msg", "blue.png"]),
        ("poi__58214_with_attachment.msg", ["Untitled Attachment.msg"]),
        ("bbottema__testgetmsgAttch.msg", ["剑来.jpg", "test mail.msg"]),
        ("aspose__failed.msg", ["details.txt", "test subj (1.42 КБ).msg"]),
        ("msgreader-cs__EmailWithMsgAttachment.msg", ["Msg Attachment Test.msg"]),
    ],
)
def test_embedded_messages_are_listed(msg_items, name, names):
    record = _one(msg_items, name)
    assert record["attachment_names"] == names
    assert record["has_attachments"]
    assert len(record["attachment_sizes"]) == len(names)
    assert all(size > 0 for size in record["attachment_sizes"])


@pytest.mark.real_data
def test_embedded_messages_in_stores_and_many_attachments(msg_items, pst_items):
    many = _one(msg_items, "msgreader__Many_entities.msg")["attachment_names"]
    assert len(many) == 22 and all(name.endswith(".msg") for name in many)
    (sub,) = _records(pst_items["pstsdk__submessage.pst"])
    assert sub["attachment_names"] == ["This is an embedded message.msg"]
    inbox = [r for r in _by_subject(pst_items["aspose__Outlook_1.pst"],
                                    "this message contains embedded MSG")
             if "/Inbox#" in r["source"]]
    assert inbox[0]["attachment_names"] == ["message 1 (2.23 KB).msg",
                                            "message 2 (2.10 KB).msg"]


@pytest.mark.real_data
def test_1321_recipients(outlook_dir, msg_items):
    record = _one(msg_items, "poi__lots-of-recipients.msg")
    # 1,321 recipient rows; 25 addresses appear twice, and to/cc hold distinct
    # addresses like the RFC 822 reader's
    assert len(record["to"]) + len(record["cc"]) == 1296
    from extract_msg.msg_classes import MSGFile

    msg = MSGFile(str(outlook_dir / "msg" / "poi__lots-of-recipients.msg"),
                  delayAttachments=True)
    try:
        rows = _outlook._MsgItem(msg._getOleEntry("/")).recipients()
        assert len(rows) == 1321
    finally:
        msg.close()


@pytest.mark.real_data
def test_senders(msg_items, pst_items):
    exchange = _one(msg_items, "msgreader-cs__sender_not_found_from_exchange.msg")
    assert exchange["sender"].startswith("/o=exchangelabs/ou=exchange administrative group")
    assert exchange["sender_name"] == "Myriam VAREME"
    assert any("X.500" in note for note in exchange["notes"])
    # X.500 sender with PR_SENDER_SMTP_ADDRESS: the SMTP address wins
    (sample,) = _records(pst_items["pstsdk__sample1.pst"])
    assert (sample["sender"], sample["sender_name"]) == ("terrymah@microsoft.com",
                                                         "Terry Mahaffey")
    # no SMTP property, but an Exchange banner line before the transport headers
    assert _one(msg_items, "poi__outlook_30_msg.msg")["sender"] == "nick.cramer@pnl.gov"
    assert len(_one(msg_items, "poi__outlook_30_msg.msg")["to"]) == 18


@pytest.mark.real_data
def test_ansi_and_unicode_stores_read_alike(pst_items):
    (unicode,) = _records(pst_items["pstsdk__sample1.pst"])
    (ansi,) = _records(pst_items["pstsdk__sample2.pst"])  # Outlook 97-2002 format
    for record in (unicode, ansi):
        assert record["subject"] == "Here is a sample message"
        assert record["body_text"].startswith("With a sample attachment. It")
        assert record["attachment_names"] == ["leah_thumper.jpg"]
        assert record["attachment_sizes"] == [93142]
    assert (ansi["sender"], ansi["sent_at"]) == (unicode["sender"], unicode["sent_at"])


@pytest.mark.real_data
def test_transport_headers_thread_the_store(pst_items):
    records = _records(pst_items["tika__testPST.pst"])
    question = _by_subject(records, "Feature Generators")[0]
    answer = _by_subject(records, "Re: Feature Generators")[0]
    assert question["message_id"].startswith("<CAJ+FrY6C_Hp_b")
    assert answer["in_reply_to"] == question["message_id"]
    assert answer["references"] == [question["message_id"]]
    assert all(r["sent_at"] is not None for r in records)


@pytest.mark.real_data
def test_non_mail_and_unreadable_items(pst_items, msg_items):
    free_busy = [e for e in pst_items["java-libpst__dist-list.pst"]
                 if "FreeBusy" in e.detail]
    assert len(free_busy) == 1 and free_busy[0].position == "Freebusy Data#0"
    unreadable = [e for e in pst_items["aspose__Test_part1.pst"]
                  if isinstance(e, LoadError) and e.error == "unreadable"]
    assert [e.position for e in unreadable] == [
        f"Top of Personal Folders/Contacts#{i}" for i in range(9, 21)]
    assert all("unsupported value type" in e.detail for e in unreadable)
    # meeting requests and delivery reports are mail
    ost = Counter(r["subject"].split(":")[0] for r in _records(
        pst_items["aspose__SampleOstFile.ost"]))
    assert ost["05 - test email - single meeting request"] == 6
    assert ost["Undeliverable"] == 1
    meeting = _one(msg_items, "aspose__Meeting_with_Recurring_Occurrences.msg")
    assert meeting["to"] == ["asposeemail.test3@aspose.com"]
    # an OLE-object attachment extract_msg cannot handle does not stop the mail
    ole = _one(msg_items, "aspose__MSG_file_with_RTF_Formatting.msg")
    assert ole["subject"] == "MSG file with RTF Formatting"
    assert ole["attachment_names"] == ["OLE Package"]


@pytest.mark.real_data
@pytest.mark.parametrize("damage", ["truncated", "flipped"])
@pytest.mark.parametrize("name", ["pst/tika__testPST.pst", "pst/aspose__Outlook_1.pst",
                                  "pst/pstsdk__sample2.pst", "msg/poi__bug66335.msg",
                                  "msg/bbottema__testgetmsgAttch.msg",
                                  "msg/msgreader__nonUnicodeCP932.msg"])
def test_damaged_files_never_raise(outlook_dir, tmp_path, name, damage):
    reader = _outlook.iter_pst if name.startswith("pst/") else _outlook.iter_msg
    pytest.importorskip("pypff" if name.startswith("pst/") else "extract_msg")
    data = bytearray((outlook_dir / name).read_bytes())
    if damage == "truncated":
        data = data[: len(data) // 2]
    else:
        rng = random.Random(name)
        for _ in range(200):  # the 512-byte header is kept so the library tries
            data[rng.randrange(512, len(data))] = rng.getrandbits(8)
    path = tmp_path / Path(name).name  # a damaged copy outside the repository
    path.write_bytes(bytes(data))
    items = list(reader(path))
    assert items
    for item in items:
        if isinstance(item, dict):
            check_record(item)
        else:
            assert isinstance(item, LoadError) and item.error and item.detail


@pytest.mark.real_data
def test_readers_are_deterministic(outlook_dir, pst_items, msg_items):
    path = outlook_dir / "pst" / "aspose__Outlook_1.pst"
    assert list(_outlook.iter_pst(path)) == pst_items[path.name]
    path = outlook_dir / "msg" / "poi__chinese-traditional.msg"
    assert list(_outlook.iter_msg(path)) == msg_items[path.name]


@pytest.mark.real_data
def test_load_reconciles_outlook_folders(outlook_dir):
    pytest.importorskip("pypff")
    pytest.importorskip("extract_msg")
    import vision_analytics

    corpus = vision_analytics.load([outlook_dir / "msg", outlook_dir / "pst"],
                                   seller_domains="example.com")
    assert corpus.reconciled
    counts = corpus.counts.loc[["msg", "pst"], ["files", "items", "messages",
                                                "duplicates", "errors"]]
    assert counts.to_dict("index") == {
        "msg": {"files": 55, "items": 55, "messages": 50, "duplicates": 0, "errors": 5},
        # Test_part1.pst's 31 sent mails are copies of Outlook_1.pst's 6 Sent
        # Items; passwordprotectedPST.pst holds one Inbox mail twice
        "pst": {"files": 10, "items": 206, "messages": 132, "duplicates": 32, "errors": 42},
    }
    lost = corpus.errors[~corpus.errors["kept"]]
    assert Counter(lost["error"]) == {"not_mail": 34, "unreadable": 12, "unreadable_file": 1}
    assert corpus.messages["format"].value_counts().to_dict() == {"pst": 132, "msg": 50}
