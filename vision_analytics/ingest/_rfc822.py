"""Parse one RFC 822 message (bytes) into a message record, defensively.

Uses the stdlib ``compat32`` policy: ``policy.default`` is about 14x slower on
bulk mail and raises on some real Exchange headers (CPython #105802). Every
header access is guarded; problems become the record's ``notes`` instead of
exceptions.
"""

from __future__ import annotations

import codecs
import re
from datetime import UTC, datetime
from email import message_from_bytes
from email.header import Header, decode_header
from email.message import Message
from email.policy import compat32
from email.utils import getaddresses, parsedate_to_datetime

from ._html import html_to_text
from ._records import new_record

__all__ = ["decode_bytes", "header_text", "parse_addresses", "parse_date", "parse_rfc822"]

MAX_BODY_CHARS = 1_000_000
MAX_PART_DEPTH = 64
MAX_PARTS = 2_000
#: How many levels of messages attached to messages are read as forwarded text.
MAX_EMBEDDED_DEPTH = 3

_BOM = b"\xef\xbb\xbf"

_WS = re.compile(r"\s+")
_MSGID = re.compile(r"<[^<>\s]+>")
_VALID_ADDR = re.compile(r"^[^@\s<>()]+@[^@\s<>()]+$")
_COMMENT = re.compile(r"\(([^()]*)\)\s*$")
_SIMPLE_ADDR = re.compile(
    r'\s*(?:"([^"\\]*)"\s*|([^",<>@:;()]*?)\s*)?<([^<>@\s",;]+@[^<>@\s",;]+)>\s*(?:,|$)'
    r'|\s*([^<>@\s",;()]+@[^<>@\s",;()]+)\s*(?:,|$)'
)
_EMPTY_GROUP = re.compile(r"^\s*[^:,<>@]*:\s*;?\s*$")
_PLAIN_OK = re.compile(r"^[ -~]*$")
_COMMENT_ANY = re.compile(r"\([^()]*\)")
_QUOTED = re.compile(r'"[^"]*"')
_ANGLE = re.compile(r"<([^<>]*)>")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def decode_bytes(data: bytes, charset: str | None) -> tuple[str, str | None]:
    """Decode ``data`` with ``charset``; fall back to UTF-8 then cp1252.

    Returns the text and a note when the declared charset could not be used.
    """
    note = None
    if charset:
        name = charset.strip().strip('"').lower()
        if name in ("unknown-8bit", "x-unknown", "unknown", "8bit", "default"):
            name = ""
        if name:
            try:
                codecs.lookup(name)
            except LookupError:
                note = f"unknown charset {charset!r}"
            else:
                try:
                    return data.decode(name), None
                except UnicodeDecodeError:
                    note = f"bytes not valid in declared charset {charset!r}"
                except Exception as exc:  # codecs may raise odd errors on junk
                    note = f"charset {charset!r} failed: {type(exc).__name__}"
    try:
        return data.decode("utf-8"), note
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), note


def header_text(value) -> str:
    """A header value as clean text: RFC 2047 words decoded, folding removed."""
    if value is None:
        return ""
    if isinstance(value, str) and "=?" not in value and value.isascii():
        if _PLAIN_OK.match(value):
            return value.strip()
        return _WS.sub(" ", _CONTROL.sub("", value)).strip()
    try:
        parts = decode_header(value if isinstance(value, (str, Header)) else str(value))
    except Exception:
        text = str(value)
    else:
        chunks = []
        for chunk, charset in parts:
            if isinstance(chunk, str):
                chunks.append(chunk)
            else:
                chunks.append(decode_bytes(chunk, charset)[0])
        text = "".join(chunks)
    text = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return _WS.sub(" ", _CONTROL.sub("", text)).strip()


def parse_addresses(values) -> list[tuple[str, str]]:
    """``(name, email)`` pairs from one or more address header values.

    Emails are lower-cased; names are decoded. An address that is not a valid
    ``local@domain`` (archives munge them: ``jo@h at gm@||@com``) is kept as its
    whitespace-collapsed raw text, so the same person still gets the same key.

    Examples
    --------
    >>> parse_addresses(['"Whitfield, Dana" <Dana.Whitfield@Example.com>, sam@x.org'])
    [('Whitfield, Dana', 'dana.whitfield@example.com'), ('', 'sam@x.org')]
    >>> parse_addresses(["jo@h@m@u|r|ch @end|ng |rom gm@||@com (Joshua Ulrich)"])
    [('Joshua Ulrich', 'jo@h@m@u|r|ch @end|ng |rom gm@||@com')]
    """
    out = []
    for value in values:
        if value is None:
            continue
        text = header_text(value) if isinstance(value, Header) else str(value)
        if _EMPTY_GROUP.match(text):
            continue  # "undisclosed-recipients:;" names nobody
        simple = _simple_addresses(text)
        if simple is not None:
            out.extend(simple)
            continue
        try:
            pairs = getaddresses([text])
        except Exception:
            pairs = [("", part) for part in text.split(",")]
        bare = _QUOTED.sub("", _COMMENT_ANY.sub("", text))
        if "," not in bare and not all(_VALID_ADDR.match(a.strip()) for _, a in pairs):
            pairs = [_raw_address(text)]
        for name, addr in pairs:
            name = header_text(name).strip("'\" ")
            addr = addr.strip().strip("<>'\"").lower()
            if not _VALID_ADDR.match(addr):
                addr = _WS.sub(" ", addr).strip()
            else:
                addr = _WS.sub("", addr)
            if not name and not addr:
                continue
            out.append((name, addr))
    return out


def _simple_addresses(text: str) -> list[tuple[str, str]] | None:
    """The common forms (``a@b``, ``Name <a@b>``, ``"Last, First" <a@b>``) without
    the stdlib's general parser, which dominates load time; None for anything else."""
    if "=?" in text or "(" in text or "\\" in text or not text.isascii():
        return None
    out = []
    for match in _SIMPLE_ADDR.finditer(text):
        name = (match.group(1) or match.group(2) or "").strip()
        addr = (match.group(3) or match.group(4)).lower()
        out.append((_WS.sub(" ", name), addr))
    if not out or _SIMPLE_ADDR.sub("", text).strip(" ,\t\r\n"):
        return None  # something was left over: let the full parser decide
    return out


def _raw_address(text: str) -> tuple[str, str]:
    """Name and address from a header getaddresses cannot read."""
    text = header_text(text)
    name = ""
    comment = _COMMENT.search(text)
    if comment:
        name = comment.group(1)
        text = _COMMENT.sub("", text)
    angle = _ANGLE.search(text)
    if angle:
        name = name or text[: angle.start()].strip()
        text = angle.group(1)
    return name, text.strip()


def parse_date(value: str) -> tuple[datetime | None, str | None]:
    """A ``Date:`` header as an aware UTC datetime, or None with a note."""
    if not value:
        return None, "no Date header"
    try:
        parsed = parsedate_to_datetime(value)
    except Exception:
        parsed = None
    note = None
    if parsed is None:
        # some clients and export tools write ISO dates ("2025-05-07 09:09")
        try:
            parsed = datetime.fromisoformat(value.strip())
        except ValueError:
            return None, f"unparseable Date header {value[:60]!r}"
        note = f"Date header not in RFC 5322 form {value[:60]!r}; read as an ISO date"
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
        note = (note + ", without a time zone: read as UTC") if note else \
            f"Date header without a time zone {value[:60]!r}; read as UTC"
    try:
        return parsed.astimezone(UTC), note
    except (OverflowError, ValueError):
        return None, f"Date header out of range {value[:60]!r}"


def _received_date(msg: Message) -> datetime | None:
    """The date of the first (newest) ``Received:`` line that has a readable one."""
    for line in msg.get_all("Received") or []:
        stamp = str(line).rsplit(";", 1)
        if len(stamp) == 2:
            parsed, _ = parse_date(" ".join(stamp[1].split()))
            if parsed is not None:
                return parsed
    return None


def parse_rfc822(raw: bytes, *, source: str, fmt: str) -> dict:
    """Parse raw message bytes into a message record (never raises on bad mail)."""
    record = new_record(source=source, fmt=fmt)
    notes = record["notes"]
    if b"\x00" in raw:
        raw = raw.replace(b"\x00", b"")
        notes.append("NUL bytes removed")
    if raw.startswith(_BOM):
        # Windows Mail and some Outlook on the web exports write a byte-order mark
        # before the first header: with it, the first header would be lost
        raw = raw[len(_BOM):]
    msg = message_from_bytes(raw, policy=compat32)
    journaled = _journaled(msg)
    if journaled is not None:
        notes.append("Exchange journal report: the journaled message inside it is read")
        msg = journaled
    fill_from_message(record, msg)
    return record


def _journaled(msg: Message) -> Message | None:
    """The message an Exchange journal report wraps (the report itself is an
    envelope: who sent what to whom, with the original attached), or None."""
    if _quiet_get(msg, "X-MS-Journal-Report") is None and _quiet_get(
            msg, "X-MS-Exchange-Organization-Journal-Report") is None:
        return None
    try:
        parts = msg.get_payload() if msg.is_multipart() else []
    except Exception:
        return None
    for part in parts if isinstance(parts, list) else []:
        try:
            if part.get_content_type() == "message/rfc822":
                inner = part.get_payload()
                if isinstance(inner, list) and inner:
                    return inner[0]
        except Exception:
            continue
    return None


def fill_from_message(record: dict, msg: Message, depth: int = 0) -> None:
    """Fill ``record`` from a parsed ``email.message.Message``.

    A message attached to it (Outlook's "forward as attachment", ``message/rfc822``)
    is read too: its text follows the body under an Outlook-style header ("From:",
    "Sent:", "To:", "Subject:"), as if it had been forwarded inline, so its author,
    date and words are the forwarded block's (nested ones too, ``depth`` levels
    down at most :data:`MAX_EMBEDDED_DEPTH`)."""
    notes = record["notes"]
    get = _safe_getter(msg, notes)

    record["message_id"] = _first_msgid(get("Message-ID"))
    record["in_reply_to"] = _first_msgid(get("In-Reply-To"))
    record["references"] = _MSGID.findall(header_text(get("References")))
    record["subject"] = header_text(get("Subject"))
    for field, name in (("x_from", "X-From"), ("x_to", "X-To"), ("x_cc", "X-cc"),
                        ("thread_index", "Thread-Index")):
        value = get(name)
        if value is not None:
            record[field] = header_text(value)

    senders = parse_addresses([get("From")]) or parse_addresses([get("Sender")])
    if senders:
        record["sender_name"], record["sender"] = senders[0]
    else:
        notes.append("no From header")
    record["to"] = _emails(parse_addresses(_all(msg, "To", notes)))
    record["cc"] = _emails(parse_addresses(_all(msg, "Cc", notes)))

    sent_at, date_note = parse_date(header_text(get("Date")))
    if sent_at is None:
        # the receiving server stamped it: the newest Received line's date
        received = _received_date(msg)
        if received is not None:
            sent_at = received
            date_note = f"{date_note}; the date is taken from the Received header"
    record["sent_at"] = sent_at
    if date_note:
        notes.append(date_note)

    _fill_body(record, msg, depth)


def _embedded_text(part: Message, notes: list[str], depth: int) -> str:
    """An attached message as a forwarded block: an Outlook-style header over its
    text (its own attached messages within it)."""
    inner = part.get_payload()
    if not (isinstance(inner, list) and inner and isinstance(inner[0], Message)):
        return ""
    if depth >= MAX_EMBEDDED_DEPTH:
        notes.append(f"messages attached more than {MAX_EMBEDDED_DEPTH} deep; the inner ones "
                     "are listed as attachments only")
        return ""
    sub = new_record(source="", fmt="")
    fill_from_message(sub, inner[0], depth + 1)
    sender = (f"{sub['sender_name']} <{sub['sender']}>" if sub["sender_name"]
              else sub["sender"])
    lines = ["-----Original Message-----", f"From: {sender}"]
    if sub["sent_at"] is not None:
        lines.append(f"Sent: {sub['sent_at']:%A, %B %d, %Y %I:%M %p}")
    for label, field in (("To", "to"), ("Cc", "cc")):
        if sub[field]:
            lines.append(f"{label}: {'; '.join(sub[field])}")
    lines.append(f"Subject: {sub['subject']}")
    return "\n".join(lines) + "\n\n" + sub["body_text"].strip()


def _fill_body(record: dict, msg: Message, depth: int = 0) -> None:
    notes = record["notes"]
    plain: str | None = None
    html: str | None = None
    names: list[str] = []
    sizes: list[int] = []
    embedded: list[str] = []
    stack = [(msg, 0)]
    n_parts = 0
    while stack:
        part, depth = stack.pop()
        n_parts += 1
        if n_parts > MAX_PARTS:
            notes.append(f"more than {MAX_PARTS} MIME parts; the rest ignored")
            break
        try:
            is_multipart = part.is_multipart()
            ctype = part.get_content_type()
        except Exception:
            notes.append("unreadable MIME part header")
            continue
        # an attached message is "multipart" to the parser (its payload is the
        # message): it is read below as one, not walked into
        if is_multipart and ctype != "message/rfc822":
            if depth >= MAX_PART_DEPTH:
                notes.append(f"MIME nesting deeper than {MAX_PART_DEPTH}; inner parts ignored")
                continue
            children = part.get_payload()
            if isinstance(children, list):
                # reversed so the stack visits parts in their document order
                stack.extend((child, depth + 1) for child in reversed(children))
            continue
        filename = _filename(part)
        disposition = _disposition(part)
        if ctype == "message/rfc822" or filename or disposition == "attachment":
            names.append(filename or _embedded_name(part, ctype))
            sizes.append(_payload_size(part))
            if ctype == "message/rfc822":
                try:
                    text = _embedded_text(part, notes, depth)
                except Exception as exc:  # a broken attached message is only a name
                    notes.append(f"attached message unreadable: {type(exc).__name__}")
                    text = ""
                if text:
                    embedded.append(text)
            continue
        if ctype == "text/plain" and plain is None:
            plain = _part_text(part, notes)
        elif ctype == "text/html" and html is None:
            html = _part_text(part, notes)
        elif not ctype.startswith("text/") and part is not msg:
            names.append(_embedded_name(part, ctype))
            sizes.append(_payload_size(part))
    if plain is not None and plain.strip():
        body, kind = plain, "plain"
    elif html is not None and html.strip():
        try:
            body, kind = html_to_text(html), "html"
        except Exception as exc:  # a hostile page must not stop the load
            body, kind = "", "none"
            notes.append(f"HTML body could not be converted: {type(exc).__name__}")
    else:
        body, kind = (plain or ""), ("plain" if plain is not None else "none")
    if embedded:
        body = "\n\n".join([body.rstrip(), *embedded]) if body.strip() else \
            "\n\n".join(embedded)
        kind = kind if kind != "none" else "plain"
    if len(body) > MAX_BODY_CHARS:
        notes.append(f"body longer than {MAX_BODY_CHARS:,} characters; truncated")
        body = body[:MAX_BODY_CHARS]
    record["body_text"] = body.replace("\r\n", "\n").replace("\r", "\n")
    record["body_kind"] = kind
    record["attachment_names"] = names
    record["attachment_sizes"] = sizes
    record["has_attachments"] = bool(names)


def _part_text(part: Message, notes: list[str]) -> str:
    try:
        data = part.get_payload(decode=True)
    except Exception as exc:
        notes.append(f"undecodable body part: {type(exc).__name__}")
        return ""
    if data is None:
        payload = part.get_payload()
        return payload if isinstance(payload, str) else ""
    if part.defects:
        kinds = sorted({type(d).__name__ for d in part.defects})
        notes.append("body part defects: " + ", ".join(kinds))
    try:
        charset = part.get_content_charset()
    except Exception:
        charset = None
    text, note = decode_bytes(data, charset)
    if note:
        notes.append(note)
    return _CONTROL.sub("", text.replace("\x00", ""))


def _payload_size(part: Message) -> int:
    try:
        data = part.get_payload(decode=True)
    except Exception:
        data = None
    if isinstance(data, bytes):
        return len(data)
    payload = part.get_payload()
    if isinstance(payload, list):
        return sum(len(str(p)) for p in payload)
    return len(payload or "")


def _filename(part: Message) -> str:
    if "Content-Disposition" not in part and "name=" not in str(part.get("Content-Type", "")):
        return ""
    try:
        name = part.get_filename()
    except Exception:
        name = None
    return header_text(name) if name else ""


def _disposition(part: Message) -> str:
    try:
        return (part.get_content_disposition() or "").lower()
    except Exception:
        return ""


def _embedded_name(part: Message, ctype: str) -> str:
    if ctype == "message/rfc822":
        inner = part.get_payload()
        if isinstance(inner, list) and inner:
            subject = header_text(_quiet_get(inner[0], "Subject"))
            return (subject or "attached message") + ".eml"
        return "attached message.eml"
    return f"unnamed ({ctype})"


def _quiet_get(msg, name):
    try:
        return msg.get(name)
    except Exception:
        return None


def _safe_getter(msg: Message, notes: list[str]):
    def get(name):
        try:
            return msg.get(name)
        except Exception as exc:
            notes.append(f"unreadable {name} header: {type(exc).__name__}")
            return None

    return get


def _all(msg: Message, name: str, notes: list[str]) -> list:
    try:
        return msg.get_all(name) or []
    except Exception as exc:
        notes.append(f"unreadable {name} header: {type(exc).__name__}")
        return []


def _first_msgid(value) -> str:
    text = header_text(value)
    match = _MSGID.search(text)
    if match:
        return match.group(0)
    return text.split()[0] if text.split() else ""


def _emails(pairs: list[tuple[str, str]]) -> list[str]:
    seen: dict[str, None] = {}
    for name, addr in pairs:
        key = addr or name
        if key:
            seen.setdefault(key, None)
    return list(seen)
