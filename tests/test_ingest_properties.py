"""Property tests: whatever bytes arrive, load() never raises and always reconciles."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import vision_analytics as va
from vision_analytics.ingest import parse_rfc822

from .conftest import real_data_root

SEEDS = [
    b"From: =?utf-8?b?w4lsb2RpZQ==?= <elodie@customer.com>\nTo: sam@seller.com\n"
    b"Subject: =?iso-8859-1?q?Pr=E9vision?=\nDate: Tue, 7 Jan 2020 14:22:43 -0600\n"
    b"Message-ID: <a@b>\nContent-Type: multipart/alternative; boundary=\"zz\"\n\n--zz\n"
    b"Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n"
    b"Could you price =C3=A9 option?\n--zz\nContent-Type: text/html\n\n<p>x</p>\n--zz--\n",
    b"From: dana@customer.com\nTo: sam@seller.com\nSubject: FW: roadmap\n"
    b"Date: Mon, 12 Nov 2001 11:29:45 -0800 (PST)\n\nPlease see below.\n\n"
    b" -----Original Message-----\nFrom: \tWhitfield, Dana\nSent:\tMonday, November 12, 2001 "
    b"1:28 PM\nSubject:\troadmap\n\nWhat would a five-year plan cost?\n",
]


def _real_seeds(limit: int = 20) -> list[bytes]:
    root = real_data_root() / "enron-5users" / "maildir" / "presto-k" / "inbox"
    if not root.is_dir():
        return []
    return [p.read_bytes() for p in sorted(root.iterdir())[:limit] if p.is_file()]


ALL_SEEDS = SEEDS + _real_seeds()


@st.composite
def mutated_message(draw) -> bytes:
    raw = bytearray(draw(st.sampled_from(ALL_SEEDS)))
    for _ in range(draw(st.integers(0, 8))):
        op = draw(st.sampled_from(["flip", "insert", "delete", "truncate"]))
        if not raw:
            break
        at = draw(st.integers(0, len(raw) - 1))
        if op == "flip":
            raw[at] = draw(st.integers(0, 255))
        elif op == "insert":
            raw[at:at] = draw(st.binary(min_size=1, max_size=40))
        elif op == "delete":
            del raw[at: at + draw(st.integers(1, 40))]
        else:
            del raw[at:]
    return bytes(raw)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_message())
def test_parser_never_raises_on_mutated_mail(raw):
    record = parse_rfc822(raw, source="x", fmt="eml")
    assert isinstance(record["body_text"], str)
    assert record["sent_at"] is None or record["sent_at"].tzinfo is not None


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(mutated_message(), min_size=1, max_size=5),
    st.lists(st.binary(max_size=300), max_size=3),
    st.booleans(),
)
def test_load_reconciles_on_hostile_folders(messages, junk, as_mbox):
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        if as_mbox:
            box = b"".join(b"From x@y Tue Jan  7 21:22:43 2020\n" + m + b"\n" for m in messages)
            (folder / "box.mbox").write_bytes(box)
        else:
            for i, message in enumerate(messages):
                (folder / f"{i}.eml").write_bytes(message)
        for i, blob in enumerate(junk):
            (folder / f"junk{i}.dat").write_bytes(blob)
        corpus = va.load(folder, seller_domains="seller.com")
        summary = corpus.summary()
        assert summary["reconciled"].all(), summary
        found = int(summary.loc["total", "items"])
        assert found >= len(junk)
        assert len(corpus.messages) + int(summary.loc["total", "duplicates"]) + int(
            (~corpus.errors["kept"]).sum()) == found
