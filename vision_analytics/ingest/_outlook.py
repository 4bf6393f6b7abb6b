"""Outlook ``.msg`` files and ``.pst`` / ``.ost`` stores to message records.

``iter_msg`` reads one ``.msg`` file opened with ``extract_msg``; ``iter_pst``
walks every folder of one store with ``pypff`` (libpff-python). Both are
optional libraries (the ``outlook`` extra), imported only when a file needs
them. Each yields exactly one record or one :class:`LoadError` per item found,
and never raises, whatever the file holds.

Both readers expose the same small MAPI property view (``string``,
``integer``, ``time``, ``binary`` by tag), so one function fills the record
from either library. For ``.msg`` files the view reads the OLE directory that
extract_msg opened, by name index: extract_msg's own message, recipient and
attachment objects read every attachment's data, raise on some attachment
kinds, decode ANSI strings with the wrong code page when only
``PR_INTERNET_CPID`` is stored, and look streams up in time linear in the
number of siblings (seconds for a 1,321-recipient message).

What counts as mail
-------------------
An item is loaded as a message when its class (``PR_MESSAGE_CLASS``) is mail
that people send to each other: ``IPM.Note*`` (S/MIME, Enterprise Vault
shortcuts and rule templates included), meeting requests, responses and
cancellations (``IPM.Schedule.Meeting.*``), reports (``REPORT.*``: delivery,
non-delivery and read receipts), posts, task requests, sharing invitations and
recalls. An item without a class is read as mail, with a note. Everything else
(``IPM.Appointment``, ``IPM.Contact``, ``IPM.DistList``, ``IPM.Task``,
``IPM.StickyNote``, free/busy data...) is an item found but not a message: it
becomes a ``LoadError`` with error ``"not_mail"`` naming the class.

Other decisions
---------------
* Bcc recipients are not kept: the data contract has ``to`` and ``cc`` only.
  Recipients are SMTP addresses when the item has one, else display names.
* The sender is the SMTP address of the "sent representing" user, else of the
  sender, else the transport headers' ``From``; an Exchange-only sender keeps
  its X.500 address (``/o=.../cn=...``) lower-cased, with a note.
* Message-ID, In-Reply-To and References come from the transport headers when
  there are some (compat32 parser, headers only), else from MAPI properties.
* ``sent_at`` is the submit time, else the headers' ``Date``, else the
  delivery time (with a note).
* The body is the plain-text body when there is one, else the HTML body
  converted to text, else the RTF body converted to text (RTF that
  encapsulates HTML is turned back into HTML first).
* S/MIME encrypted items (class ``IPM.Note.SMIME``) get an empty body and a
  note: their body properties hold ciphertext.
* Attachment data is never read, except the MIME blob of an S/MIME signed
  message (it holds the real body and attachment names).
"""

from __future__ import annotations

import codecs
import re
import struct
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.message import Message
from email.parser import Parser
from email.policy import compat32
from pathlib import Path

from ._html import html_to_text
from ._records import LoadError, new_record
from ._rfc822 import (
    _CONTROL,
    MAX_BODY_CHARS,
    _emails,
    _first_msgid,
    decode_bytes,
    header_text,
    parse_addresses,
    parse_date,
    parse_rfc822,
)

__all__ = ["is_mail_class", "iter_msg", "iter_pst", "rtf_to_text"]

INSTALL_HINT = "pip install 'vision-analytics[outlook]'"
MAX_SIGNED_BYTES = 64 * 1024 * 1024
MAX_RTF_BYTES = 32 * 1024 * 1024
MAX_FOLDER_DEPTH = 200

_MAIL_PREFIXES = (
    "IPM.NOTE",
    "IPM.SCHEDULE.MEETING",
    "REPORT",
    "IPM.POST",
    "IPM.TASKREQUEST",
    "IPM.SHARING",
    "IPM.OUTLOOK.RECALL",
)

# MAPI property tags (ids only; the type is chosen by the reader).
_SUBJECT = 0x0037
_SUBMIT_TIME = 0x0039
_DELIVERY_TIME = 0x0E06
_CLASS = 0x001A
_SENT_REP_NAME = 0x0042
_SENT_REP_ADDRTYPE = 0x0064
_SENT_REP_EMAIL = 0x0065
_SENDER_NAME = 0x0C1A
_SENDER_ADDRTYPE = 0x0C1E
_SENDER_EMAIL = 0x0C1F
_SENDER_SMTP = 0x5D01
_SENT_REP_SMTP = 0x5D02
_HEADERS = 0x007D
_BODY = 0x1000
_HTML = 0x1013
_MESSAGE_ID = 0x1035
_REFERENCES = 0x1039
_IN_REPLY_TO = 0x1042
_DISPLAY_TO = 0x0E04
_DISPLAY_CC = 0x0E03
_INTERNET_CPID = 0x3FDE
_MESSAGE_CODEPAGE = 0x3FFD
_RECIPIENT_TYPE = 0x0C15
_DISPLAY_NAME = 0x3001
_ADDRTYPE = 0x3002
_EMAIL_ADDRESS = 0x3003
_SMTP_ADDRESS = 0x39FE
_ATTACH_FILENAME = 0x3704
_ATTACH_LONG_FILENAME = 0x3707
_ATTACH_METHOD = 0x3705
_ATTACH_EMBEDDED = 5
_RTF_COMPRESSED = 0x1009
_STGTY_STORAGE = 1  # olefile directory entry types
_STGTY_STREAM = 2

_FILETIME_EPOCH = datetime(1601, 1, 1, tzinfo=UTC)
_INTEGER_SIZES = {0x0002: 2, 0x0003: 4, 0x0014: 8, 0x000B: 1}  # PT_I2, PT_LONG, PT_I8, PT_BOOLEAN
_MAX_STREAM_BYTES = 64 * 1024 * 1024
_MSGID = re.compile(r"<[^<>\s]+>")
_HEADER_LINE = re.compile(r"[!-9;-~]{1,76}:")
_META_CHARSET = re.compile(rb"charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.I)

# Internet code pages (PR_INTERNET_CPID) that Python knows under another name.
_INTERNET_CODECS = {
    1200: "utf-16-le", 1201: "utf-16-be", 65001: "utf-8", 20127: "ascii",
    50220: "iso2022_jp", 50221: "iso2022_jp", 50222: "iso2022_jp", 51932: "euc_jp",
    20932: "euc_jp", 50225: "iso2022_kr", 51949: "euc_kr", 52936: "hz", 54936: "gb18030",
    20866: "koi8_r", 21866: "koi8_u", 10000: "mac_roman", 20936: "gb2312",
    **{28590 + n: f"iso8859_{n}" for n in range(1, 10)}, 28603: "iso8859_13",
    28605: "iso8859_15",
}
# The Windows ANSI code page that goes with an internet code page: ANSI string
# properties of a message are in the former even when only the latter is stored.
_ANSI_FOR_INTERNET = {
    50220: 932, 50221: 932, 50222: 932, 51932: 932, 20932: 932, 50225: 949,
    51949: 949, 52936: 936, 20936: 936, 54936: 936, 20866: 1251, 21866: 1251,
    28595: 1251, 28591: 1252, 28605: 1252, 20127: 1252, 28592: 1250, 28597: 1253,
    28599: 1254, 28598: 1255, 38598: 1255, 28596: 1256, 28594: 1257, 28603: 1257,
}
# RTF \fcharset values → Windows code pages.
_RTF_CHARSETS = {
    0: 1252, 77: 10000, 128: 932, 129: 949, 130: 1361, 134: 936, 136: 950, 161: 1253,
    162: 1254, 163: 1258, 177: 1255, 178: 1256, 186: 1257, 204: 1251, 222: 874, 238: 1250,
}


# --------------------------------------------------------------------------- classes


def is_mail_class(message_class: str) -> bool:
    """Whether an Outlook item class is mail (loaded as a message).

    Examples
    --------
    >>> is_mail_class("IPM.Schedule.Meeting.Request"), is_mail_class("IPM.Contact")
    (True, False)
    >>> is_mail_class("REPORT.IPM.Note.NDR"), is_mail_class("IPM.Note.SMIME")
    (True, True)
    """
    cls = (message_class or "").strip().upper()
    return cls in ("", "IPM") or any(
        cls == prefix.rstrip(".") or cls.startswith(prefix.rstrip(".") + ".")
        for prefix in _MAIL_PREFIXES)


def _is_encrypted(message_class: str) -> bool:
    return (message_class or "").strip().upper() == "IPM.NOTE.SMIME"


def _is_signed(message_class: str) -> bool:
    return (message_class or "").strip().upper().startswith("IPM.NOTE.SMIME.MULTIPARTSIGNED")


# --------------------------------------------------------------------------- code pages


def _codec(codepage: int | None) -> str | None:
    """A Python codec name for a Windows or internet code page, or None."""
    if not codepage or codepage < 0:
        return None
    name = _INTERNET_CODECS.get(codepage, f"cp{codepage}")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _ansi_codec(internet_cpid: int | None) -> str | None:
    """The ANSI codec that goes with an internet code page (PR_INTERNET_CPID)."""
    if not internet_cpid or internet_cpid in (1200, 1201, 65001):
        return None
    return _codec(_ANSI_FOR_INTERNET.get(internet_cpid, internet_cpid))


# --------------------------------------------------------------------------- RTF


_RTF_TOKEN = re.compile(
    rb"\\([a-zA-Z]{1,32})(-?\d{1,10})? ?"  # control word with its parameter
    rb"|\\'([0-9a-fA-F]{2})"  # one byte in the current code page
    rb"|\\(.)"  # control symbol
    rb"|([{}])"  # group
    rb"|[\r\n]+"  # line breaks in the source mean nothing
    rb"|([^\\{}\r\n]+)",  # text
    re.S,
)
_RTF_SKIP = frozenset(
    b"""colortbl stylesheet info pict object objdata header headerl headerr headerf
    footer footerl footerr footerf listtable listoverridetable revtbl rsidtbl generator
    xmlnstbl themedata colorschememapping latentstyles datastore fldinst filetbl
    pgdsctbl mmathPr nonshppict shppict pntext pntxtb pntxta bkmkstart bkmkend xe tc
    template userprops docvar listpicture wgrffmtfilter private factoidname pnseclvl
    falt fontemb fontfile mhtmltag atnid atnauthor annotation""".split()
)
_RTF_BREAKS = {b"par": "\n", b"line": "\n", b"sect": "\n", b"page": "\n", b"row": "\n",
               b"tab": "\t", b"cell": "\t", b"lquote": "\u2018", b"rquote": "\u2019",
               b"ldblquote": "\u201c", b"rdblquote": "\u201d", b"bullet": "\u2022",
               b"endash": "\u2013", b"emdash": "\u2014", b"emspace": " ", b"enspace": " ",
               b"qmspace": " "}
_RTF_SYMBOLS = {b"\\": "\\", b"{": "{", b"}": "}", b"~": "\xa0", b"_": "\u2011",
                b"-": "", b"\n": "\n", b"\r": "\n", b"\t": "\t"}
_MAX_RTF_DEPTH = 512


class _RtfState:
    __slots__ = ("skip", "codec", "uc", "suppress", "fonttbl", "htmltag", "star")

    def __init__(self, codec: str):
        self.skip = False
        self.codec = codec
        self.uc = 1
        self.suppress = False
        self.fonttbl = False
        self.htmltag = False
        self.star = False

    def copy(self) -> _RtfState:
        new = _RtfState(self.codec)
        for name in self.__slots__:
            setattr(new, name, getattr(self, name))
        new.star = False
        return new


def rtf_to_text(rtf: bytes) -> tuple[str, bool]:
    """The readable text of an RTF body, and whether it encapsulated HTML.

    Outlook stores many bodies as RTF only. RTF that wraps an HTML body
    (``\\fromhtml1``) is turned back into that HTML and then into text; other
    RTF is read directly: groups that are not shown (font table, pictures,
    field instructions...) are skipped, ``\\'hh`` bytes are decoded with the
    font's code page and ``\\u`` escapes are honoured.

    Examples
    --------
    >>> rtf_to_text(rb"{\\rtf1\\ansi\\ansicpg1252{\\fonttbl{\\f0 Arial;}}"
    ...             rb"\\f0 Caf\\'e9 at noon?\\par Dana\\u8217?s team}")
    ('Café at noon?\\nDana’s team', False)
    """
    head = rtf[:2048]
    from_html = b"\\fromhtml" in head
    match = re.search(rb"\\ansicpg(\d{1,5})", head)
    base = _codec(int(match.group(1)) if match else 1252) or "cp1252"
    fonts: dict[int, str] = {}
    font_in_table = -1

    out: list[str] = []
    pending = bytearray()
    pending_codec = base
    state = _RtfState(base)
    stack: list[_RtfState] = []
    to_skip = 0  # characters that stand in for the last \u character
    pos, end = 0, len(rtf)

    def flush() -> None:
        if pending:
            out.append(bytes(pending).decode(pending_codec, errors="replace"))
            pending.clear()

    while pos < end:
        match = _RTF_TOKEN.match(rtf, pos)
        if match is None:  # a lone backslash at the very end
            pos += 1
            continue
        pos = match.end()
        word, param, hexbyte, symbol, brace, text = match.groups()
        if brace is not None:
            if brace == b"{":
                if len(stack) < _MAX_RTF_DEPTH:
                    stack.append(state)
                    state = state.copy()
            elif stack:
                flush()
                state = stack.pop()
                if not stack:
                    break  # the document's group is closed; trailing bytes are padding
            continue
        emitting = not (state.skip or state.fonttbl) and (
            state.htmltag or not state.suppress)
        if word is not None:
            number = int(param) if param is not None else None
            if word == b"bin":
                pos += max(number or 0, 0)
                continue
            if state.star:
                state.star = False
                if word == b"htmltag" and not state.skip:
                    state.htmltag = True
                else:
                    state.skip = True
                continue
            if state.skip:
                continue
            if word == b"fonttbl":
                state.fonttbl = True
            elif word in _RTF_SKIP:
                state.skip = True
            elif state.fonttbl:
                if word == b"f" and number is not None:
                    font_in_table = number
                elif word == b"fcharset" and number is not None and font_in_table >= 0:
                    codec = _codec(_RTF_CHARSETS.get(number, 0))
                    if codec and number not in (0, 1, 2):
                        fonts[font_in_table] = codec
            elif word == b"f" and number is not None:
                state.codec = fonts.get(number, base)
            elif word == b"ansicpg" and number is not None:
                base = _codec(number) or base
                state.codec = base
            elif word == b"uc" and number is not None:
                state.uc = max(number, 0)
            elif word == b"htmlrtf":
                state.suppress = number != 0
            elif word == b"u" and number is not None:
                if emitting:
                    flush()
                    out.append(chr(number % 65536))
                to_skip = state.uc
            elif word in _RTF_BREAKS and emitting:
                flush()
                out.append(_RTF_BREAKS[word])
            continue
        if symbol is not None:
            if symbol == b"*":
                state.star = True
            elif symbol in _RTF_SYMBOLS and emitting and not to_skip:
                flush()
                out.append(_RTF_SYMBOLS[symbol])
            to_skip = 0 if symbol in (b"*",) else max(to_skip - 1, 0)
            continue
        if hexbyte is not None:
            if to_skip:
                to_skip -= 1
            elif emitting:
                if pending and pending_codec != state.codec:
                    flush()
                pending_codec = state.codec
                pending.append(int(hexbyte, 16))
            continue
        if text is not None:
            if to_skip:
                dropped = min(to_skip, len(text))
                text = text[dropped:]
                to_skip -= dropped
            if text and emitting:
                if pending and pending_codec != state.codec:
                    flush()
                pending_codec = state.codec
                pending.extend(text)
    flush()
    # \u escapes carry UTF-16 code units: join surrogate pairs, drop strays
    result = "".join(out).encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    if from_html:
        return result, True
    lines = [line.rstrip() for line in result.replace("\r", "").split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip(), False


# --------------------------------------------------------------------------- property views


def _filetime(data: bytes | None) -> datetime | None:
    if not data or len(data) < 8:
        return None
    ticks = int.from_bytes(data[:8], "little")
    if ticks <= 0 or ticks >= 0x7FFFFFFFFFFFFFFF:
        return None
    try:
        return _FILETIME_EPOCH + timedelta(microseconds=ticks // 10)
    except OverflowError:
        return None


def _integer(kind: int, data: bytes | None) -> int | None:
    """A MAPI integer or boolean property value (little-endian)."""
    size = _INTEGER_SIZES.get(kind)
    if size is None or not data or len(data) < size:
        return None
    return int.from_bytes(data[:size], "little", signed=kind != 0x000B)


def _clean(text: str | None) -> str:
    return (text or "").replace("\x00", "")


class _PstProps:
    """Properties of one pypff record set, read lazily by tag."""

    def __init__(self, record_set, codec: str | None = None):
        self._entries: dict[int, object] = {}
        for entry in record_set.entries:
            try:
                self._entries.setdefault(entry.entry_type, entry)
            except Exception:  # an entry pypff cannot describe is left out
                continue
        self.codec = codec or self._message_codec() or "cp1252"

    def _message_codec(self) -> str | None:
        return _codec(self.integer(_MESSAGE_CODEPAGE)) or _ansi_codec(
            self.integer(_INTERNET_CPID))

    def _raw(self, tag: int) -> tuple[int, bytes] | None:
        entry = self._entries.get(tag)
        if entry is None:
            return None
        try:
            return entry.value_type, entry.data
        except Exception:
            return None

    def string(self, tag: int) -> str | None:
        raw = self._raw(tag)
        if raw is None or raw[1] is None:
            return None
        kind, data = raw
        if kind == 0x001F:
            return _clean(data.decode("utf-16-le", errors="replace"))
        if kind == 0x001E:
            return _clean(data.decode(self.codec, errors="replace"))
        return None

    def integer(self, tag: int) -> int | None:
        raw = self._raw(tag)
        return _integer(*raw) if raw is not None else None

    def time(self, tag: int) -> datetime | None:
        raw = self._raw(tag)
        return _filetime(raw[1]) if raw and raw[0] == 0x0040 else None

    def binary(self, tag: int) -> bytes | None:
        raw = self._raw(tag)
        return raw[1] if raw and raw[0] == 0x0102 else None


class _OleProps:
    """MAPI properties of one storage of an ``.msg`` (message, recipient, attachment).

    Streams are found through the OLE directory's name index: olefile's own
    path lookup scans every sibling, which made a 1,321-recipient message take
    seconds. Only the streams asked for are read.
    """

    def __init__(self, entry, codec: str, header_size: int):
        self._ole = entry.olefile
        self._kids = entry.kids_dict
        self._header_size = header_size
        self._fixed: dict[int, tuple[int, bytes]] | None = None
        self.codec = codec

    def child(self, name: str):
        """The sub-storage ``name``, or None."""
        kid = self._kids.get(name.lower())
        return kid if kid is not None and kid.entry_type == _STGTY_STORAGE else None

    def children(self, prefix: str) -> list:
        prefix = prefix.lower()
        return sorted((kid for key, kid in self._kids.items()
                       if key.startswith(prefix) and kid.entry_type == _STGTY_STORAGE),
                      key=lambda kid: kid.name)

    def stream_size(self, name: str) -> int | None:
        kid = self._kids.get(name.lower())
        return kid.size if kid is not None and kid.entry_type == _STGTY_STREAM else None

    def stream(self, name: str) -> bytes | None:
        kid = self._kids.get(name.lower())
        if kid is None or kid.entry_type != _STGTY_STREAM:
            return None
        with self._ole._open(kid.isectStart, kid.size) as handle:
            return handle.read(_MAX_STREAM_BYTES)  # bodies are cut later anyway

    def string(self, tag: int) -> str | None:
        data = self.stream(f"__substg1.0_{tag:04X}001F")
        if data is not None:
            return _clean(data.decode("utf-16-le", errors="replace"))
        data = self.stream(f"__substg1.0_{tag:04X}001E")
        if data is not None:
            return _clean(data.decode(self.codec, errors="replace"))
        return None

    def _fixed_value(self, tag: int) -> tuple[int, bytes] | None:
        if self._fixed is None:
            self._fixed = {}
            data = self.stream("__properties_version1.0") or b""
            for offset in range(self._header_size, len(data) - 15, 16):
                kind, prop = struct.unpack_from("<HH", data, offset)
                self._fixed.setdefault(prop, (kind, data[offset + 8:offset + 16]))
        return self._fixed.get(tag)

    def integer(self, tag: int) -> int | None:
        found = self._fixed_value(tag)
        return _integer(*found) if found is not None else None

    def time(self, tag: int) -> datetime | None:
        found = self._fixed_value(tag)
        return _filetime(found[1]) if found and found[0] == 0x0040 else None

    def binary(self, tag: int) -> bytes | None:
        return self.stream(f"__substg1.0_{tag:04X}0102")


# --------------------------------------------------------------------------- record


class _Item:
    """What the shared filler needs from one item, whichever library read it."""

    props: _PstProps | _OleProps
    message_class: str

    def recipients(self) -> list:  # list of property views
        raise NotImplementedError

    def attachments(self) -> list[tuple[str, int, bool]]:  # (name, size, embedded)
        raise NotImplementedError

    def signed_mime(self) -> bytes | None:
        raise NotImplementedError

    def rtf(self) -> bytes | None:
        raise NotImplementedError


def _fill(record: dict, item: _Item) -> None:
    """Fill ``record`` from the MAPI properties of ``item``."""
    props, notes = item.props, record["notes"]
    headers = _parse_headers(props.string(_HEADERS))

    def header(name: str) -> str:
        if headers is None:
            return ""
        try:
            return header_text(headers.get(name))
        except Exception:
            return ""

    record["message_id"] = _first_msgid(header("Message-ID")) or _first_msgid(
        props.string(_MESSAGE_ID))
    record["in_reply_to"] = _first_msgid(header("In-Reply-To")) or _first_msgid(
        props.string(_IN_REPLY_TO))
    record["references"] = _MSGID.findall(header("References")) or _MSGID.findall(
        props.string(_REFERENCES) or "")

    subject = props.string(_SUBJECT)
    if subject and subject[0] == "\x01" and len(subject) >= 2:
        subject = subject[2:]  # PST subject prefix marker: 0x01, prefix length
    record["subject"] = header_text(subject) if subject is not None else header("Subject")

    _fill_sender(record, props, header("From"), notes)
    _fill_recipients(record, item, header, notes)
    _fill_date(record, props, header("Date"), notes)
    _fill_body(record, item, notes)


def _parse_headers(text: str | None) -> Message | None:
    if not text or not text.strip():
        return None
    # Exchange 5.5/2003 put a banner line first ("Microsoft Mail Internet
    # Headers Version 2.0"); the parser would take it as the end of the headers.
    lines = text.lstrip().splitlines(keepends=True)
    while lines and not _HEADER_LINE.match(lines[0]):
        lines.pop(0)
    text = "".join(lines)
    try:
        return Parser(policy=compat32).parsestr(text, headersonly=True)
    except Exception:
        return None


def _smtp(value: str | None, addrtype: str | None = None) -> str:
    """``value`` lower-cased when it is an SMTP address, else ''."""
    value = (value or "").strip().strip("<>'\" ")
    if not value or (addrtype or "SMTP").upper() not in ("SMTP", ""):
        return ""
    if value.startswith("/") or "@" not in value:
        return ""
    return value.lower()


def _fill_sender(record: dict, props, from_header: str, notes: list[str]) -> None:
    name = props.string(_SENT_REP_NAME) or props.string(_SENDER_NAME) or ""
    address = (
        _smtp(props.string(_SENT_REP_SMTP))
        or _smtp(props.string(_SENT_REP_EMAIL), props.string(_SENT_REP_ADDRTYPE))
        or _smtp(props.string(_SENDER_SMTP))
        or _smtp(props.string(_SENDER_EMAIL), props.string(_SENDER_ADDRTYPE))
    )
    if not address and from_header:
        pairs = parse_addresses([from_header])
        if pairs and "@" in pairs[0][1]:
            name = name or pairs[0][0]
            address = pairs[0][1]
    if not address:
        exchange = (props.string(_SENT_REP_EMAIL) or props.string(_SENDER_EMAIL) or "").strip()
        if exchange:
            address = exchange.lower()
            notes.append("sender has an Exchange X.500 address and no SMTP address"
                         if exchange.startswith("/") else
                         f"sender address {exchange[:60]!r} is not an SMTP address")
        elif name:
            notes.append("sender has a display name and no address")
        else:
            notes.append("no sender")
    record["sender"] = address
    record["sender_name"] = header_text(name)


def _fill_recipients(record: dict, item: _Item, header, notes: list[str]) -> None:
    to: list[tuple[str, str]] = []
    cc: list[tuple[str, str]] = []
    for recipient in item.recipients():
        kind = recipient.integer(_RECIPIENT_TYPE)
        name = header_text(recipient.string(_DISPLAY_NAME))
        email = recipient.string(_EMAIL_ADDRESS)
        address = _smtp(recipient.string(_SMTP_ADDRESS)) or _smtp(
            email, recipient.string(_ADDRTYPE))
        if not address and not name and email:
            address = email.strip().lower()  # an X.500 address with nothing better
        kind = (kind or 1) & 0x0F  # high bits flag resent / sendable entries
        if kind == 1:
            to.append((name, address))
        elif kind == 2:
            cc.append((name, address))
    if not to and not cc:
        to = parse_addresses([header("To")]) if header("To") else []
        cc = parse_addresses([header("Cc")]) if header("Cc") else []
    if not to and not cc:
        # No recipient table: the display strings are all that is left.
        to = [(n.strip(), "") for n in (item.props.string(_DISPLAY_TO) or "").split(";")]
        cc = [(n.strip(), "") for n in (item.props.string(_DISPLAY_CC) or "").split(";")]
    record["to"] = _emails(to)
    record["cc"] = _emails(cc)


def _fill_date(record: dict, props, date_header: str, notes: list[str]) -> None:
    sent_at = props.time(_SUBMIT_TIME)
    if sent_at is None and date_header:
        sent_at, note = parse_date(date_header)
        if note:
            notes.append(note)
    if sent_at is None:
        sent_at = props.time(_DELIVERY_TIME)
        if sent_at is not None:
            notes.append("no submit time; the delivery time is used")
    if sent_at is None:
        notes.append("no sent or delivery time")
    record["sent_at"] = sent_at


def _fill_body(record: dict, item: _Item, notes: list[str]) -> None:
    names, sizes = [], []
    for name, size, _embedded in item.attachments():
        names.append(name)
        sizes.append(size)
    body, kind = "", "none"
    if _is_encrypted(item.message_class):
        notes.append("S/MIME encrypted message: the body cannot be read")
    else:
        signed = None
        if _is_signed(item.message_class):
            signed = _signed_content(item, notes)
            if signed is not None:
                names, sizes = signed["attachment_names"], signed["attachment_sizes"]
        body, kind = _best_body(item, notes)
        if not body.strip() and signed is not None and signed["body_text"].strip():
            body, kind = signed["body_text"], signed["body_kind"]
    if len(body) > MAX_BODY_CHARS:
        notes.append(f"body longer than {MAX_BODY_CHARS:,} characters; truncated")
        body = body[:MAX_BODY_CHARS]
    record["body_text"] = _CONTROL.sub("", body.replace("\r\n", "\n").replace("\r", "\n"))
    record["body_kind"] = kind
    record["attachment_names"] = names
    record["attachment_sizes"] = sizes
    record["has_attachments"] = bool(names)


def _best_body(item: _Item, notes: list[str]) -> tuple[str, str]:
    props = item.props
    plain = props.string(_BODY)
    if plain and plain.strip():
        return plain, "plain"
    html = _html_body(props)
    if html and html.strip():
        try:
            text = html_to_text(html)
        except Exception as exc:  # a hostile page must not stop the load
            notes.append(f"HTML body could not be converted: {type(exc).__name__}")
        else:
            if text.strip():
                return text, "html"
    try:
        rtf = item.rtf()
    except Exception as exc:
        notes.append(f"RTF body unreadable: {_short(exc)}")
        rtf = None
    if rtf:
        if len(rtf) > MAX_RTF_BYTES:
            notes.append(f"RTF body longer than {MAX_RTF_BYTES:,} bytes; truncated")
            rtf = rtf[:MAX_RTF_BYTES]
        try:
            text, is_html = rtf_to_text(rtf)
            if is_html:
                text = html_to_text(text)
        except Exception as exc:
            notes.append(f"RTF body could not be converted: {type(exc).__name__}")
        else:
            if text.strip():
                return text, "rtf"
    return (plain or "", "plain") if plain is not None else ("", "none")


def _html_body(props) -> str | None:
    data = props.binary(_HTML)
    if data is None:
        return props.string(_HTML)
    match = _META_CHARSET.search(data[:4096])
    charset = match.group(1).decode("ascii", "replace") if match else None
    if charset is None:
        charset = _codec(props.integer(_INTERNET_CPID))
    return decode_bytes(data, charset)[0]


def _signed_content(item: _Item, notes: list[str]) -> dict | None:
    """The MIME entity inside an S/MIME signed item, parsed like an .eml."""
    try:
        blob = item.signed_mime()
    except Exception as exc:
        notes.append(f"S/MIME signed content unreadable: {_short(exc)}")
        return None
    if not blob:
        return None
    return parse_rfc822(blob, source="", fmt="")


def _short(exc: BaseException) -> str:
    """The informative part of an exception message (libpff chains many)."""
    text = str(exc).strip()
    parts = [p.strip() for p in text.split(". ") if p.strip()]
    if len(parts) > 1 and parts[0].startswith("pypff_"):
        text = parts[1]  # the first libpff frame names the cause
    return f"{type(exc).__name__}: {text[:200]}"


# --------------------------------------------------------------------------- .msg


class _MsgItem(_Item):
    def __init__(self, root):
        probe = _OleProps(root, "cp1252", 32)
        # ANSI strings are in PR_MESSAGE_CODEPAGE; many files only carry
        # PR_INTERNET_CPID, whose ANSI twin is the right code page (cp950,
        # cp932, cp1251 in the samples; extract_msg would use iso-8859-15).
        codec = (_codec(probe.integer(_MESSAGE_CODEPAGE))
                 or _ansi_codec(probe.integer(_INTERNET_CPID)) or "cp1252")
        self.props = _OleProps(root, codec, 32)
        self.message_class = self.props.string(_CLASS) or ""

    def recipients(self) -> list:
        return [_OleProps(kid, self.props.codec, 8)
                for kid in self.props.children("__recip_version1.0_#")]

    def _attachment_props(self) -> list[_OleProps]:
        return [_OleProps(kid, self.props.codec, 8)
                for kid in self.props.children("__attach_version1.0_#")]

    def attachments(self) -> list[tuple[str, int, bool]]:
        out = []
        for props in self._attachment_props():
            name = (props.string(_ATTACH_LONG_FILENAME) or props.string(_ATTACH_FILENAME)
                    or props.string(_DISPLAY_NAME) or "")
            storage = props.child("__substg1.0_3701000D")
            inner = _OleProps(storage, self.props.codec, 24) if storage is not None else None
            # an OLE object is stored the same way; a message has its own properties
            embedded = (inner is not None
                        and inner.stream_size("__properties_version1.0") is not None)
            if embedded:
                name = name or header_text(inner.string(_SUBJECT)) or "attached message"
                if not name.lower().endswith((".msg", ".eml")):
                    name += ".msg"
                size = _storage_size(storage)
            elif storage is not None:
                size = _storage_size(storage)
            else:
                size = props.stream_size("__substg1.0_37010102") or 0
            out.append((header_text(name) or "unnamed attachment", size, embedded))
        return out

    def signed_mime(self) -> bytes | None:
        for props in self._attachment_props():
            size = props.stream_size("__substg1.0_37010102")
            if size is None:
                continue
            return props.stream("__substg1.0_37010102") if size <= MAX_SIGNED_BYTES else None
        return None

    def rtf(self) -> bytes | None:
        compressed = self.props.binary(_RTF_COMPRESSED)
        if not compressed:
            return None
        import compressed_rtf  # installed with extract_msg

        return compressed_rtf.decompress(compressed)


def _storage_size(entry) -> int:
    """Bytes in every stream under an OLE storage, from the directory alone."""
    total, stack = 0, [entry]
    while stack:
        node = stack.pop()
        for kid in node.kids:
            if kid.entry_type == _STGTY_STREAM:
                total += kid.size
            elif kid.entry_type == _STGTY_STORAGE:
                stack.append(kid)
    return total


def iter_msg(path: Path) -> Iterator[dict | LoadError]:
    """The one item of an Outlook ``.msg`` file: a message record or a LoadError.

    ``extract_msg`` opens and checks the file; properties are then read from
    its OLE directory by tag (see the module docstring).

    Parameters
    ----------
    path : Path
        The ``.msg`` file.

    Yields
    ------
    dict or LoadError
        A record (``format="msg"``) for mail; else a LoadError with error
        ``"not_mail"`` (contacts, appointments, tasks...), ``"unreadable_file"``
        (damaged, not an OLE2 file), ``"unsupported_format"`` (an OLE2 file
        that is not an Outlook item), ``"unreadable"`` (the item failed while
        being read) or ``"missing_extra"``.
    """
    name = str(path)
    try:
        from extract_msg.msg_classes import MSGFile
    except ImportError as exc:
        yield LoadError(name, "", "missing_extra",
                        f"reading Outlook .msg files needs the outlook extra: "
                        f"{INSTALL_HINT} ({exc})")
        return
    try:
        # The base class: no attachment objects (they would read every
        # attachment's data, and some kinds raise FeatureNotImplemented).
        msg = MSGFile(name, delayAttachments=True)
        root = msg._getOleEntry("/")
    except Exception as exc:
        yield LoadError(name, "0", "unreadable_file",
                        f"extract_msg cannot open this file: {type(exc).__name__}: "
                        f"{str(exc)[:200]}")
        return
    try:
        yield _msg_record(root, name)
    finally:
        try:
            msg.close()
        except Exception:
            pass


def _msg_record(root, name: str) -> dict | LoadError:
    try:
        item = _MsgItem(root)
        if item.props.stream_size("__properties_version1.0") is None:
            return LoadError(name, "0", "unsupported_format",
                             "an OLE2 file without Outlook message properties "
                             "(a Word or Excel document?), not an Outlook .msg")
        if not is_mail_class(item.message_class):
            return LoadError(name, "0", "not_mail",
                             f"{item.message_class} item, not an e-mail")
        record = new_record(source=name, fmt="msg")
        if not item.message_class:
            record["notes"].append("no message class; read as IPM.Note")
        _fill(record, item)
        return record
    except Exception as exc:
        return LoadError(name, "0", "unreadable", f"{type(exc).__name__}: {str(exc)[:200]}")


# --------------------------------------------------------------------------- .pst / .ost


class _PstItem(_Item):
    def __init__(self, message, message_class: str, props: _PstProps):
        self.message = message
        self.props = props
        self.message_class = message_class

    def recipients(self) -> list:
        try:
            table = self.message.recipients
        except Exception:
            return []
        if table is None:
            return []
        out = []
        for index in range(table.number_of_record_sets):
            try:
                out.append(_PstProps(table.get_record_set(index), self.props.codec))
            except Exception:
                continue
        return out

    def _attachment_list(self) -> list:
        try:
            count = self.message.number_of_attachments
        except Exception:
            return []
        out = []
        for index in range(count):
            try:
                out.append(self.message.get_attachment(index))
            except Exception:
                out.append(None)
        return out

    def attachments(self) -> list[tuple[str, int, bool]]:
        out = []
        for attachment in self._attachment_list():
            if attachment is None:
                out.append(("unreadable attachment", 0, False))
                continue
            try:
                props = _PstProps(attachment.get_record_set(0), self.props.codec)
            except Exception:
                props = None
            name = ""
            embedded = False
            if props is not None:
                name = (props.string(_ATTACH_LONG_FILENAME) or props.string(_ATTACH_FILENAME)
                        or props.string(_DISPLAY_NAME) or "")
                embedded = props.integer(_ATTACH_METHOD) == _ATTACH_EMBEDDED
            try:
                size = int(attachment.get_size())  # the size only: no data is read
            except Exception:
                size = 0
            if embedded:
                name = name or _embedded_subject(attachment) or "attached message"
                if not name.lower().endswith((".msg", ".eml")):
                    name += ".msg"
            out.append((header_text(name) or "unnamed attachment", size, embedded))
        return out

    def signed_mime(self) -> bytes | None:
        for attachment in self._attachment_list():
            if attachment is None:
                continue
            size = int(attachment.get_size())
            if size <= 0 or size > MAX_SIGNED_BYTES:
                return None
            attachment.seek_offset(0)
            return attachment.read_buffer(size)
        return None

    def rtf(self) -> bytes | None:
        return self.message.get_rtf_body()


def _embedded_subject(attachment) -> str:
    try:
        inner = attachment.get_sub_item(0)
        return _PstProps(inner.get_record_set(0)).string(_SUBJECT) or ""
    except Exception:
        return ""


def iter_pst(path: Path) -> Iterator[dict | LoadError]:
    """Every item of an Outlook ``.pst`` / ``.ost`` store: a record or a LoadError.

    Folders are walked depth first, each folder's items before its sub-folders,
    in the store's order. ``position`` is ``"folder/path#index"``.

    Parameters
    ----------
    path : Path
        The ``.pst`` or ``.ost`` file.

    Yields
    ------
    dict or LoadError
        A record (``format="pst"``) per mail item; a LoadError per item that
        is not mail (``"not_mail"``), cannot be read (``"unreadable"``), per
        folder whose items cannot be listed (``"unreadable_folder"``), or one
        for a store that cannot be opened (``"unreadable_file"``,
        ``"missing_extra"``).
    """
    name = str(path)
    try:
        import pypff
    except ImportError as exc:
        yield LoadError(name, "", "missing_extra",
                        f"reading Outlook .pst/.ost files needs the outlook extra: "
                        f"{INSTALL_HINT} ({exc})")
        return
    store = pypff.file()
    try:
        store.open(name)
    except Exception as exc:
        yield LoadError(name, "", "unreadable_file",
                        f"pypff cannot open this store: {_short(exc)}")
        return
    try:
        try:
            root = store.get_root_folder()
        except Exception as exc:
            yield LoadError(name, "", "unreadable_file",
                            f"pypff cannot read the root folder: {_short(exc)}")
            return
        yield from _walk_store(root, name)
    finally:
        try:
            store.close()
        except Exception:
            pass


def _walk_store(root, name: str) -> Iterator[dict | LoadError]:
    stack = [(root, "", 0)]
    while stack:
        folder, folder_path, depth = stack.pop()
        try:
            count = folder.number_of_sub_messages
        except Exception as exc:
            yield LoadError(name, folder_path, "unreadable_folder",
                            f"pypff cannot list the items of this folder: {_short(exc)}")
            count = 0
        for index in range(count):
            yield _pst_item(folder, index, folder_path, name)
        try:
            n_folders = folder.number_of_sub_folders
        except Exception:
            n_folders = 0
        children = []
        for index in range(n_folders):
            try:
                child = folder.get_sub_folder(index)
                child_name = _clean(child.name) or f"folder {index}"
            except Exception as exc:
                yield LoadError(name, f"{folder_path}/[{index}]".lstrip("/"),
                                "unreadable_folder",
                                f"pypff cannot open this sub-folder: {_short(exc)}")
                continue
            child_path = f"{folder_path}/{child_name}" if folder_path else child_name
            if depth + 1 > MAX_FOLDER_DEPTH:
                yield LoadError(name, child_path, "unreadable_folder",
                                f"folders nested deeper than {MAX_FOLDER_DEPTH}; skipped")
                continue
            children.append((child, child_path, depth + 1))
        stack.extend(reversed(children))


def _pst_item(folder, index: int, folder_path: str, name: str) -> dict | LoadError:
    position = f"{folder_path}#{index}"
    source = f"{name}::{position}"
    try:
        message = folder.get_sub_message(index)
    except Exception as exc:
        return LoadError(name, position, "unreadable",
                         f"pypff cannot read this item: {_short(exc)}")
    try:
        props = _PstProps(message.get_record_set(0))
        message_class = props.string(_CLASS) or ""
        if not is_mail_class(message_class) or (
                not message_class and not hasattr(message, "subject")):
            kind = message_class or f"unknown ({type(message).__name__})"
            return LoadError(name, position, "not_mail", f"{kind} item, not an e-mail")
        record = new_record(source=source, fmt="pst")
        if not message_class:
            record["notes"].append("no message class; read as IPM.Note")
        _fill(record, _PstItem(message, message_class, props))
        return record
    except Exception as exc:
        return LoadError(name, position, "unreadable",
                         f"this item could not be read: {_short(exc)}")
