"""Turn simulated mail into real export bytes: RFC 822 messages, mbox, maildir, .eml,
request logs (CSV / XLSX) and org charts, all byte-reproducible.

Also the quote and forward header blocks of several mail clients and languages,
so replies and forwards look like the ones real clients write.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import html
import io
import quopri
import struct
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.header import Header
from email.utils import format_datetime, formataddr
from pathlib import Path

__all__ = [
    "Mail",
    "Person",
    "ascii_fold",
    "attachment_bytes",
    "header_block",
    "quote_lines",
    "render_message",
    "csv_bytes",
    "write_mail",
    "xlsx_bytes",
]


@dataclass
class Person:
    """One simulated person (seller, customer or outside)."""

    name: str
    email: str
    title: str
    department: str
    organization: str
    side: str
    culture: str = "english"
    client: str = "outlook"
    lang: str = "en"
    manager: str = ""
    style: dict = field(default_factory=dict)
    signature: str = ""

    @property
    def first(self) -> str:
        return self.name.split(" ", 1)[0]

    @property
    def display(self) -> str:
        """The name mail headers show: some directories list people as "Last, First"."""
        if self.style.get("last_first") and " " in self.name:
            first, last = self.name.split(" ", 1)
            return f"{last}, {first}"
        return self.name

    def public(self) -> dict:
        """The answer-key view of this person."""
        return {"name": self.name, "email": self.email, "title": self.title,
                "department": self.department, "organization": self.organization,
                "side": self.side}


@dataclass
class Mail:
    """One simulated message, plus what the answer key needs to know about it."""

    message_id: str
    sent_at: datetime
    sender: Person
    to: list[Person]
    cc: list[Person]
    subject: str
    body: str
    kind: str
    html: bool = False
    attachments: list[tuple[str, str, bytes]] = field(default_factory=list)
    in_reply_to: str = ""
    references: list[str] = field(default_factory=list)
    request: dict | None = None
    #: the new text of this message (without quoted / forwarded material)
    own_text: str = ""


# --------------------------------------------------------------------------- text helpers

_FOLD = str.maketrans({"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "ß": "ss", "æ": "ae",
                       "Æ": "AE", "ı": "i", "đ": "d", "œ": "oe"})


def ascii_fold(text: str) -> str:
    """``"Søren Ødegaard"`` → ``"Soren Odegaard"`` (for e-mail local parts)."""
    text = text.translate(_FOLD)
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c) and ord(c) < 128)


_DAYS = {
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "de": ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"),
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    "es": ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"),
    "nl": ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"),
}
_MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"),
    "de": ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August",
           "September", "Oktober", "November", "Dezember"),
    "fr": ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
           "septembre", "octobre", "novembre", "décembre"),
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
           "septiembre", "octubre", "noviembre", "diciembre"),
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
           "september", "oktober", "november", "december"),
}
#: Outlook header field names per language: from, sent, to, cc, subject.
_OUTLOOK_FIELDS = {
    "en": ("From:", "Sent:", "To:", "Cc:", "Subject:"),
    "de": ("Von:", "Gesendet:", "An:", "Cc:", "Betreff:"),
    "fr": ("De :", "Envoyé :", "À :", "Cc :", "Objet :"),
    "es": ("De:", "Enviado el:", "Para:", "CC:", "Asunto:"),
    "nl": ("Van:", "Verzonden:", "Aan:", "CC:", "Onderwerp:"),
}
_FORWARD_BANNER = {
    "en": "---------- Forwarded message ---------",
    "de": "---------- Weitergeleitete Nachricht ---------",
    "fr": "---------- Message transféré ---------",
    "es": "---------- Mensaje reenviado ---------",
    "nl": "---------- Doorgestuurd bericht ---------",
}
REPLY_PREFIX = {"en": "RE: ", "de": "AW: ", "fr": "RE : ", "es": "RE: ", "nl": "RE: "}
FORWARD_PREFIX = {"en": "FW: ", "de": "WG: ", "fr": "TR : ", "es": "RV: ", "nl": "FW: "}


def _clock12(dt: datetime, seconds: bool = False) -> str:
    hour = dt.hour % 12 or 12
    sec = f":{dt.second:02d}" if seconds else ""
    return f"{hour}:{dt.minute:02d}{sec} {'AM' if dt.hour < 12 else 'PM'}"


def outlook_date(dt: datetime, lang: str) -> str:
    """The ``Sent:`` value Outlook writes in ``lang``."""
    day, month = _DAYS[lang][dt.weekday()], _MONTHS[lang][dt.month - 1]
    hm = f"{dt.hour:02d}:{dt.minute:02d}"
    if lang == "de":
        return f"{day}, {dt.day}. {month} {dt.year} {hm}"
    if lang == "fr":
        return f"{day} {dt.day} {month} {dt.year} {hm}"
    if lang == "es":
        return f"{day}, {dt.day} de {month} de {dt.year} {hm}"
    if lang == "nl":
        return f"{day} {dt.day} {month} {dt.year} {hm}"
    return f"{day}, {month} {dt.day}, {dt.year} {_clock12(dt)}"


def _short(word: str, n: int = 3) -> str:
    return word[:n]


def gmail_attribution(dt: datetime, lang: str, name: str, email: str) -> str:
    """Gmail's reply attribution line ("On <date>, <name> <addr> wrote:") in ``lang``."""
    day, month = _DAYS[lang][dt.weekday()], _MONTHS[lang][dt.month - 1]
    hm = f"{dt.hour:02d}:{dt.minute:02d}"
    if lang == "de":
        return f"Am {_short(day, 2)}., {dt.day}. {_short(month)}. {dt.year} um {hm} Uhr " \
               f"schrieb {name} <{email}>:"
    if lang == "fr":
        return f"Le {_short(day)}. {dt.day} {_short(month, 4)}. {dt.year} à {hm}, " \
               f"{name} <{email}> a écrit :"
    if lang == "es":
        return f"El {_short(day)}, {dt.day} {_short(month)} {dt.year} a las {hm}, " \
               f"{name} (<{email}>) escribió:"
    if lang == "nl":
        return f"Op {_short(day, 2)} {dt.day} {_short(month)} {dt.year} om {hm} " \
               f"schreef {name} <{email}>:"
    return f"On {_short(day)}, {_short(month)} {dt.day}, {dt.year} at {_clock12(dt)} " \
           f"{name} <{email}> wrote:"


def _names(people: list[Person], with_addr: bool = True) -> str:
    if with_addr:
        return "; ".join(f"{p.display} <{p.email}>" for p in people)
    return "; ".join(p.display for p in people)


def header_block(*, client: str, lang: str, kind: str, author: Person, sent_at: datetime,
                 to: list[Person], cc: list[Person], subject: str,
                 relayer: Person | None = None, relayed_at: datetime | None = None,
                 rule: bool = True) -> str:
    """The lines a mail client writes above quoted (``kind="reply"``) or forwarded text.

    ``client`` is one of ``outlook`` (no dashes; a line of underscores above it unless
    ``rule=False``), ``outlook_classic`` ("-----Original Message-----"), ``gmail``,
    ``apple`` or ``lotus``.
    """
    local = sent_at
    if client in ("outlook", "outlook_classic"):
        f_from, f_sent, f_to, f_cc, f_subj = _OUTLOOK_FIELDS[lang]
        if client == "outlook":
            lines = ["________________________________"] if rule else []
        else:
            lines = ["-----Original Message-----"]
        addr = f"{author.display} <{author.email}>" if client == "outlook" \
            else f"{author.display} [mailto:{author.email}]"
        lines += [f"{f_from} {addr}", f"{f_sent} {outlook_date(local, lang)}",
                  f"{f_to} {_names(to, client == 'outlook')}"]
        if cc:
            lines.append(f"{f_cc} {_names(cc, client == 'outlook')}")
        lines.append(f"{f_subj} {subject}")
        return "\n".join(lines)
    if client == "gmail":
        if kind == "reply":
            return gmail_attribution(local, lang, author.name, author.email)
        f_from = "Von:" if lang == "de" else "From:"
        lines = [_FORWARD_BANNER[lang], f"{f_from} {author.name} <{author.email}>",
                 f"Date: {_short(_DAYS['en'][local.weekday()])}, "
                 f"{_short(_MONTHS['en'][local.month - 1])} {local.day}, {local.year} at "
                 f"{_clock12(local)}",
                 f"Subject: {subject}", f"To: {_names(to)}"]
        if cc:
            lines.append(f"Cc: {_names(cc)}")
        return "\n".join(lines)
    if client == "apple":
        if kind == "reply":
            return (f"On {local.day} {_short(_MONTHS['en'][local.month - 1])} {local.year}, at "
                    f"{local.hour:02d}:{local.minute:02d}, {author.name} <{author.email}> wrote:")
        lines = ["Begin forwarded message:", "", f"From: {author.name} <{author.email}>",
                 f"Subject: {subject}",
                 f"Date: {_MONTHS['en'][local.month - 1]} {local.day}, {local.year} at "
                 f"{_clock12(local, seconds=True)}",
                 f"To: {_names(to)}"]
        if cc:
            lines.append(f"Cc: {_names(cc)}")
        return "\n".join(lines)
    if client == "lotus":
        stamp = f"{local:%m/%d/%Y} {_clock12(local)}"
        lines = []
        if kind == "forward":
            who = relayer or author
            when = relayed_at or sent_at
            org = ascii_fold(who.organization).split(" ")[0].upper()[:8]
            dept = ascii_fold(who.department).split(" ")[0].upper()[:6]
            lines += [f"----- Forwarded by {who.name}/{dept}/{org} on "
                      f"{when:%m/%d/%Y} {_clock12(when)} -----", ""]
        lines += [f"{author.name} <{author.email}>", stamp, "",
                  f"To: {_names(to)}", f"cc: {_names(cc)}", f"Subject: {subject}"]
        return "\n".join(lines)
    raise ValueError(f"unknown mail client {client!r}")


def quote_lines(text: str, client: str) -> str:
    """Quoted text as the client writes it: ``>`` prefixes for Gmail / Apple replies."""
    if client in ("gmail", "apple"):
        return "\n".join(">" if not line else f"> {line}" for line in text.split("\n"))
    return text


# --------------------------------------------------------------------------- attachments

def _png(width: int, height: int, seed: int) -> bytes:
    raw = b"".join(
        b"\x00" + bytes(value for x in range(width)
                        for value in ((seed + x * 37 + y * 11) % 256, (seed * 3 + x) % 256,
                                      (seed * 7 + y) % 256))
        for y in range(height))

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(
            ">I", zlib.crc32(tag + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def _pdf(text: str) -> bytes:
    safe = ascii_fold(text).replace("\\", "").replace("(", "").replace(")", "")[:80]
    stream = f"BT /F1 12 Tf 72 720 Td ({safe}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream
        + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n"
              "%%EOF\n".encode())
    return out.getvalue()


def attachment_bytes(name: str, text: str, seed: int) -> tuple[str, bytes]:
    """Small but real file bytes for an attachment name: (content type, bytes)."""
    lower = name.lower()
    if lower.endswith(".pdf"):
        return "application/pdf", _pdf(text)
    if lower.endswith(".png"):
        return "image/png", _png(4, 3, seed)
    if lower.endswith(".csv"):
        rows = ["item,value"] + [f"line {i + 1},{(seed * (i + 3)) % 997}" for i in range(5)]
        return "text/csv", ("\n".join(rows) + "\n").encode()
    return "text/plain", (ascii_fold(text) + "\n").encode()


# --------------------------------------------------------------------------- RFC 822

def _address(person: Person) -> str:
    return formataddr((person.display, person.email), charset="utf-8")


def _header_value(text: str) -> str:
    if text.isascii():
        return text
    return Header(text, "utf-8").encode()


def _text_part(body: str, subtype: str) -> list[str]:
    data = body.encode("utf-8")
    if body.isascii() and max((len(line) for line in body.split("\n")), default=0) < 900:
        return [f'Content-Type: text/{subtype}; charset="us-ascii"',
                "Content-Transfer-Encoding: 7bit", "", body]
    encoded = quopri.encodestring(data).decode("ascii")
    return [f'Content-Type: text/{subtype}; charset="utf-8"',
            "Content-Transfer-Encoding: quoted-printable", "", encoded]


def _html_body(body: str) -> str:
    parts = []
    for block in body.split("\n\n"):
        lines = "<br>\n".join(html.escape(line) for line in block.split("\n"))
        parts.append(f"<p>{lines}</p>")
    return ("<html><head><meta charset=\"utf-8\"><style>p{margin:0 0 8px}</style></head>"
            "<body>\n" + "\n".join(parts) + "\n</body></html>")


_MAILERS = {"outlook": "Microsoft Outlook 16.0", "outlook_classic": "Microsoft Office Outlook 12.0",
            "gmail": "", "apple": "Apple Mail (2.3774.500.171.1.1)",
            "lotus": "Lotus Notes Release 9.0.1FP10 August 17, 2018"}


def render_message(mail: Mail) -> bytes:
    """The RFC 822 bytes of ``mail`` (LF line ends, deterministic MIME boundaries)."""
    lines = [f"From: {_address(mail.sender)}"]
    if mail.to:
        lines.append("To: " + ",\n ".join(_address(p) for p in mail.to))
    if mail.cc:
        lines.append("Cc: " + ",\n ".join(_address(p) for p in mail.cc))
    lines += [f"Subject: {_header_value(mail.subject)}",
              f"Date: {format_datetime(mail.sent_at)}",
              f"Message-ID: {mail.message_id}"]
    if mail.in_reply_to:
        lines.append(f"In-Reply-To: {mail.in_reply_to}")
    if mail.references:
        lines.append("References: " + "\n\t".join(mail.references))
    mailer = _MAILERS.get(mail.sender.client, "")
    if mailer:
        lines.append(f"X-Mailer: {mailer}")
    lines.append("MIME-Version: 1.0")
    body = mail.body if mail.body.endswith("\n") else mail.body + "\n"
    content = _text_part(_html_body(body) if mail.html else body,
                         "html" if mail.html else "plain")
    if not mail.attachments:
        lines += content
    else:
        boundary = "=_sim_" + hashlib.sha1(mail.message_id.encode()).hexdigest()[:20]
        lines += [f'Content-Type: multipart/mixed; boundary="{boundary}"', "",
                  "This is a multi-part message in MIME format.", f"--{boundary}"]
        lines += content
        for name, ctype, data in mail.attachments:
            encoded = base64.encodebytes(data).decode("ascii").rstrip("\n")
            lines += [f"--{boundary}", f'Content-Type: {ctype}; name="{name}"',
                      f'Content-Disposition: attachment; filename="{name}"',
                      "Content-Transfer-Encoding: base64", "", encoded]
        lines.append(f"--{boundary}--")
    text = "\n".join(lines)
    if not text.endswith("\n"):
        text += "\n"
    return text.encode("utf-8")


# --------------------------------------------------------------------------- files

def _mbox_escape(raw: bytes) -> bytes:
    out = []
    for line in raw.split(b"\n"):
        stripped = line.lstrip(b">")
        if stripped.startswith(b"From "):
            line = b">" + line
        out.append(line)
    return b"\n".join(out)


def write_mail(mails: list[Mail], raws: list[bytes], out_dir: Path, mail_format: str) -> Path:
    """Write the messages as ``mail_format`` under ``out_dir``; return the mail path."""
    if mail_format == "mbox":
        path = out_dir / "mailbox.mbox"
        with open(path, "wb") as handle:
            for mail, raw in zip(mails, raws, strict=True):
                stamp = mail.sent_at.astimezone(UTC).strftime("%a %b %d %H:%M:%S %Y")
                # asctime pads the day with a space, as mbox envelopes do
                stamp = stamp[:8] + f"{mail.sent_at.astimezone(UTC).day:2d}" + stamp[10:]
                handle.write(f"From {mail.sender.email} {stamp}\n".encode())
                handle.write(_mbox_escape(raw))
                handle.write(b"\n")
        return path
    if mail_format == "maildir":
        root = out_dir / "maildir"
        for sub in ("cur", "new", "tmp"):
            (root / sub).mkdir(parents=True, exist_ok=True)
        for number, (mail, raw) in enumerate(zip(mails, raws, strict=True)):
            stamp = int(mail.sent_at.timestamp())
            digest = hashlib.sha1(mail.message_id.encode()).hexdigest()[:10]
            (root / "cur" / f"{stamp}.M{number:05d}P{digest}.sim:2,S").write_bytes(raw)
        return root
    if mail_format == "eml":
        root = out_dir / "eml"
        root.mkdir(parents=True, exist_ok=True)
        for number, raw in enumerate(raws):
            (root / f"{number + 1:05d}.eml").write_bytes(raw)
        return root
    raise ValueError(
        f"mail_format must be one of 'mbox', 'maildir', 'eml'; got {mail_format!r}."
    )


def csv_bytes(header: list[str], rows: list[list]) -> bytes:
    """A UTF-8 CSV with LF line ends (byte-reproducible)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


_FIXED_ZIP_TIME = (2020, 1, 1, 0, 0, 0)
_CORE_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
    'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl'
    '.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>'
    'vision_analytics simulator</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">'
    '2020-01-01T00:00:00Z</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">'
    '2020-01-01T00:00:00Z</dcterms:modified></cp:coreProperties>'
)


def xlsx_bytes(header: list[str], rows: list[list], *, title: str) -> bytes:
    """An .xlsx request log whose bytes depend only on its content.

    openpyxl stamps the creation time into ``docProps/core.xml`` and the zip
    entries; both are rewritten with fixed values.
    """
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Requests"
    sheet.append([title])
    sheet.append([])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    raw = io.BytesIO()
    book.save(raw)
    raw.seek(0)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dest:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = _CORE_XML.encode()
            entry = zipfile.ZipInfo(info.filename, date_time=_FIXED_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            dest.writestr(entry, data)
    return out.getvalue()
