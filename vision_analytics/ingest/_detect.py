"""Tell a file's format from its first bytes, not only from its name."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

__all__ = ["FORMATS", "detect_format"]

#: Formats ``load`` reads, with what each one is.
FORMATS = {
    "mbox": "mbox mailbox (Thunderbird, Apple Mail, Gmail Takeout, mboxrd/mboxo, pipermail)",
    "maildir": "one RFC 822 message per file in a folder tree (maildir, Enron-style)",
    "eml": ".eml message files",
    "msg": "Outlook .msg files (extra: pip install 'vision-analytics[outlook]')",
    "pst": "Outlook .pst / .ost stores (extra: pip install 'vision-analytics[outlook]')",
    "csv": "request / RFI logs and org charts as CSV or TSV",
    "xlsx": "request / RFI logs and org charts as Excel .xlsx",
}

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HEADER_LINE = re.compile(rb"^[!-9;-~]{1,76}:[ \t]?")
_TABLE_SUFFIXES = {".csv", ".tsv", ".txt", ".tab"}


def detect_format(path: Path) -> str | None:
    """The format of ``path`` (a key of :data:`FORMATS`), or None if unrecognised.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "1."
    >>> _ = p.write_bytes(b"From: a@b.com\\nSubject: hi\\n\\nbody\\n")
    >>> detect_format(p)
    'maildir'
    """
    try:
        with open(path, "rb") as handle:
            head = handle.read(8192)
    except OSError:
        return None
    suffix = path.suffix.lower()
    if head.startswith(b"!BDN"):
        return "pst"
    if head.startswith(_OLE):
        return "msg"
    if head.startswith(b"PK\x03\x04"):
        return "xlsx" if _is_xlsx(path) else None
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "csv" if suffix in _TABLE_SUFFIXES else None  # UTF-16 text: only tables use it
    text = head.lstrip(b"\xef\xbb\xbf")
    if text.startswith(b"From "):
        return "mbox"
    if _looks_rfc822(text) and suffix not in _TABLE_SUFFIXES:
        return "eml" if suffix == ".eml" else "maildir"
    if not _is_text(head):
        return None
    if suffix in _TABLE_SUFFIXES and _looks_tabular(text):
        return "csv"
    if _looks_rfc822(text):
        return "eml" if suffix == ".eml" else "maildir"
    if suffix in {".csv", ".tsv", ".tab"}:
        return "csv"
    if _looks_tabular(text):
        return "csv"
    return None


def _is_text(head: bytes) -> bool:
    """No NUL bytes and at most 5% control characters: text, not binary."""
    if not head or b"\x00" in head:
        return False
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return control <= 0.05 * len(head)


def _is_xlsx(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError):
        return False


def _looks_rfc822(head: bytes) -> bool:
    lines = head.splitlines()[:30]
    if not lines or not _HEADER_LINE.match(lines[0]):
        return False
    headers = 0
    for line in lines:
        if not line.strip():
            break
        if line[:1] in (b" ", b"\t"):
            continue
        if not _HEADER_LINE.match(line):
            return False
        headers += 1
    return headers >= 2 or head.count(b"\n") <= 2


def _looks_tabular(head: bytes) -> bool:
    """A header line and rows with the same number of delimiters (prose rarely has)."""
    lines = [line for line in head.splitlines()[:8] if line.strip()]
    if len(lines) < 2:
        return False
    first = lines[0]
    for delimiter in (b"\t", b";", b",", b"|"):
        n = first.count(delimiter)
        # one comma per line is prose; a .csv name is trusted without this test
        if n < (2 if delimiter == b"," else 1) or b":" in first.split(delimiter)[0]:
            continue
        rows = lines[1:6] if len(lines) > 2 else lines[1:]
        same = sum(line.count(delimiter) == n for line in rows)
        if same >= max(1, (len(rows) + 1) // 2):
            return True
    return False
