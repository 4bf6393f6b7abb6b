"""The grammar of inner headers: the blocks mail clients write above a quoted or
forwarded message, in the languages of the clients that write them.

Three families cover what real clients produce:

* **field blocks** (Outlook, Exchange, Lotus Notes, Apple Mail forwards): lines
  ``Field: value`` whose field names are localised (``From:``/``Von:``/``De :``/
  ``差出人:`` …), optionally under a separator (``-----Original Message-----``,
  ``---------- Forwarded message ---------``, a line of underscores, Lotus Notes'
  ``----- Forwarded by Name/ORG on date -----`` banner);
* **attribution lines** (Gmail, Apple Mail, Thunderbird replies): ``On <date>,
  <name> <addr> wrote:`` and its translations, possibly wrapped over three lines;
* **Lotus Notes reply headers**: a name line, a date line, then ``To:``/``cc:``/
  ``Subject:`` lines — or all of it on one line, or in two columns (sender and
  date on the left, recipients and subject on the right).

This module holds the vocabulary and the parsers of single pieces (a date, a
person, a recipient list, a header block); :mod:`._zoning` finds the blocks in a
body. Every pattern is anchored and uses bounded repetition so that hostile
input (very long lines, thousands of ``>``) costs linear time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import pandas as pd

__all__ = ["InnerHeader", "parse_date", "parse_inner_header", "split_person"]

# --------------------------------------------------------------------------
# Field names. Keys are the canonical fields; values the localised names that
# clients write before the colon (compared case-insensitively).
FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "from": (
        "from", "von", "de", "van", "da", "差出人", "送信者", "发件人", "寄件者", "寄件人",
        "author", "absender", "expéditeur", "remitente", "mittente", "remetente", "afzender",
        # Swedish, Danish and Norwegian, Finnish, Polish and Czech, Russian
        "från", "fra", "lähettäjä", "od", "от",
    ),
    "sent": (
        "sent", "date", "gesendet", "datum", "envoyé", "envoyé le", "enviado", "enviado el",
        "fecha", "verzonden", "verstuurd", "inviato", "data", "enviada em", "enviado em",
        "送信日時", "日付", "日時", "发送时间", "發送時間", "日期", "时间", "時間", "sent at",
        "skickat", "sendt", "lähetetty", "wysłano", "odesláno", "отправлено",
    ),
    "to": (
        "to", "an", "à", "a", "para", "aan", "宛先", "收件人", "收件者", "destinataire",
        "destinatario", "destinatário", "till", "til", "vastaanottaja", "do", "komu", "кому",
    ),
    "cc": ("cc", "kopie", "copie à", "cópia", "copia", "抄送", "副本", "kopia", "kopi",
           "kopio", "dw", "копия"),
    "bcc": ("bcc", "cci", "cco", "blindkopie", "密送"),
    "subject": (
        "subject", "betreff", "objet", "asunto", "onderwerp", "oggetto", "assunto", "件名",
        "主题", "主旨", "標題", "ämne", "emne", "aihe", "temat", "předmět", "тема",
    ),
    "sent_by": ("sent by",),
}
_NAME_TO_FIELD = {n: f for f, names in FIELD_NAMES.items() for n in names}
_FIELD_ALT = "|".join(
    re.escape(n).replace(r"\ ", r"[ \t]+") for n in sorted(_NAME_TO_FIELD, key=len, reverse=True)
)
# A field line: optional indentation, the name, optional spaces (French puts one
# before the colon, Outlook sometimes a tab after), an ASCII or full-width colon.
FIELD_LINE = re.compile(
    rf"^[ \t*]{{0,40}}(?P<name>{_FIELD_ALT})[ \t*]{{0,3}}[:：](?P<value>.*)$", re.IGNORECASE
)

# Separators written on their own line above a field block.
ORIGINAL_SEP = re.compile(
    r"^[ \t]*-{2,}[ \t]*(?:original message|original nachricht|ursprüngliche nachricht|"
    r"message d'origine|message original|mensaje original|oorspronkelijk bericht|"
    r"origineel bericht|messaggio originale|mensagem original|元のメッセージ|原始邮件|"
    r"ursprungligt meddelande|oprindelig meddelelse|opprinnelig melding|alkuperäinen viesti|"
    r"wiadomość oryginalna|původní zpráva|исходное сообщение|"
    r"原始郵件|reply message)[ \t]*-{2,}[ \t]*$",
    re.IGNORECASE,
)
FORWARD_SEP = re.compile(
    r"^[ \t]*(?:-{2,}[ \t]*(?:forwarded message|weitergeleitete nachricht|"
    r"message transféré|mensaje reenviado|doorgestuurd bericht|messaggio inoltrato|"
    r"mensagem encaminhada|転送されたメッセージ|转发的邮件|已转发邮件|forwarded e-?mail|"
    r"vidarebefordrat meddelande|videresendt meddelelse|videresendt melding|"
    r"välitetty viesti|wiadomość przekazana dalej|přeposlaná zpráva|"
    r"пересылаемое сообщение|inline attachment follows)"
    r"[ \t]*-{0,}[ \t]*|(?:begin forwarded message|anfang der weitergeleiteten nachricht|"
    r"début du message (?:réexpédié|transféré)|inicio del mensaje reenviado|"
    r"begin doorgestuurd bericht|inizio messaggio inoltrato|início da mensagem reencaminhada|"
    r"início da mensagem encaminhada|vidarebefordrat brev|videresendt brev|"
    r"początek przekazywanej wiadomości)[ \t]*:?)[ \t]*$",
    re.IGNORECASE,
)
UNDERSCORE_SEP = re.compile(r"^[ \t]*_{10,}[ \t]*$")
REPLY_SEPARATOR = re.compile(r"^[ \t]*_{3,}[ \t]*reply separator[ \t]*_{3,}[ \t]*$", re.I)
# Lotus Notes: "----- Forwarded by Name/ORG on 01/02/2001 09:15 AM -----", often
# wrapped so that the time or the trailing dashes fall on the next line.
LOTUS_FORWARD = re.compile(
    r"^[ \t]*-{3,}[ \t]*forwarded by[ \t]+(?P<who>[^\n]{1,120}?)[ \t]+on[ \t]+"
    r"(?P<date>[^\n]{0,60}?)[ \t]*(?:-{2,}=?)?[ \t]*$",
    re.IGNORECASE,
)
LOTUS_FORWARD_START = re.compile(r"^[ \t]*-{3,}[ \t]*forwarded by\b", re.IGNORECASE)

# Attribution lines ("On <date>, <who> wrote:"). The verb is what matters; the
# language decides whether the author comes before or after it.
_VERB_WHO_BEFORE = (
    r"wrote|writes|a[ \t]+écrit|escribió|escribio|ha[ \t]+scritto|escreveu|skrev|kirjoitti|"
    r"napisał(?:\(a\)|a)?|napsal(?:\(a\)|a)?|написал(?:\(а\)|а)?|写道|寫道"
)
_VERB_WHO_AFTER = r"schrieb|schreef|skrev"
WROTE_END = re.compile(
    rf"(?:(?:{_VERB_WHO_BEFORE})[ \t]*[:：]?|(?:het volgende|folgendes)[ \t]*:)[ \t]*$",
    re.IGNORECASE,
)
_LEADS = (
    r"on|am|le|el|op|il(?:[ \t]+giorno)?|em|den|dne|w[ \t]+dniu|в|at|quoting|citando|zitat"
)
WROTE_LINE = re.compile(
    rf"^(?:(?P<lead>{_LEADS})\b[ \t,]*(?P<body>.{{0,400}}?)|(?P<bare>.{{1,200}}?))[ \t]*"
    rf"(?P<verb>{_VERB_WHO_BEFORE})[ \t]*[:：]?[ \t]*$",
    re.IGNORECASE,
)
WROTE_AFTER_LINE = re.compile(
    rf"^(?P<lead>{_LEADS})\b[ \t,]*(?P<date>.{{0,200}}?)[ \t]*(?:{_VERB_WHO_AFTER})[ \t]+"
    r"(?P<who>.{1,200}?)[ \t]*(?:het volgende|folgendes)?[ \t]*[:：][ \t]*$",
    re.IGNORECASE,
)
# Lotus Notes 8+ and some webmail: the author first, then the verb and the date
# ('"Ann Lee" <ann@example.org> wrote on 14.06.2023 14:09:', "Ann Lee/ACME schrieb am
# 14.06.2023 14:09:", "… a écrit le …", "… escribió el …").
WROTE_ON_LINE = re.compile(
    r"^(?P<who>.{1,200}?)[ \t]+(?:wrote[ \t]+on|schrieb[ \t]+am|a[ \t]+écrit[ \t]+le|"
    r"escribió[ \t]+el|escribio[ \t]+el|ha[ \t]+scritto[ \t]+il|escreveu[ \t]+em|"
    r"schreef[ \t]+op)[ \t]+(?P<date>[^:\n]{0,20}\d[^\n]{2,60}?)[ \t]*[:：][ \t]*$",
    re.IGNORECASE,
)
# Chinese Gmail: "张三 <a@b.cn> 于2025年3月3日周一 10:15写道："
WROTE_ZH = re.compile(
    r"^(?P<who>.{1,200}?)[ \t]*[于於][ \t]*(?P<date>.{1,80}?)[ \t]*[写寫]道[ \t]*[:：]?[ \t]*$"
)
# "2017-03-02 15:57 GMT+02:00 Name <addr>:" and Japanese Gmail
# "2025年3月3日(月) 10:15 山田太郎 <taro@example.jp>:" — a date, a person, a colon.
DATE_WHO_COLON = re.compile(
    r"^(?P<pre>[^<>\n]{6,160}?)[ \t]*<(?P<email>[^<>@\s]{1,80}@[^<>\s]{1,120})>[ \t]*[:：][ \t]*$"
)

# Dates that Lotus Notes and other clients write on their own or after a name.
NUMERIC_DATETIME = re.compile(
    r"(?<![\d/.])\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}[ \t,]{1,6}\d{1,2}[:.]\d{2}(?::\d{2})?"
    r"(?:[ \t]*[AaPp]\.?[Mm]\.?)?"
)

# "Name <addr> on 04/19/2001" whose time wrapped to the next line.
LOTUS_ON_DATE = re.compile(r"(?<=[ \t])(?:on[ \t]+)?\d{1,2}/\d{1,2}/\d{2,4}(?:[ \t]|$)", re.I)
# Lotus Notes on one line: "Name/ORG@ORG 05/30/01 09:20 AM   To: …  cc: …  Subject: …"
LOTUS_INLINE = re.compile(
    r"^(?P<who>[^\t]{1,80}?)[ \t]+(?P<date>\d{1,2}/\d{1,2}/\d{2,4}[ \t]+\d{1,2}:\d{2}"
    r"(?:[ \t]*[AaPp][Mm])?)[ \t]+to:[ \t]*(?P<to>.{0,1500}?)[ \t]+cc:[ \t]*(?P<cc>.{0,1500}?)"
    r"[ \t]+subject:[ \t]*(?P<subject>.{0,300}?)[ \t]*$",
    re.IGNORECASE,
)
# Lotus Notes in two columns: sender and date on the left, To/cc/Subject on the right.
COLUMN_TO = re.compile(r"(?:\S[ \t]{3,}|^[ \t]{10,})(?P<field>to|cc|subject):[ \t]", re.IGNORECASE)
# A time alone on a line (the wrapped end of "… on 04/19/2001").
BARE_TIME = re.compile(r"^\d{1,2}:\d{2}(?::\d{2})?[ \t]*(?:[AaPp][Mm])?$")
# Lines Lotus Notes writes between the name/date lines and To:.
LOTUS_SKIP = re.compile(r"^(?:sent by|please respond to|respond to)\b", re.IGNORECASE)

# --------------------------------------------------------------------------
# Dates.
_MONTHS = {
    # English, German, French, Spanish, Dutch, Italian, Portuguese (full and short);
    # Polish (genitive, nominative, short), Czech genitive, Swedish and Danish forms
    1: ("january jan januar jän janvier janv janv. enero ene januari gennaio gen janeiro "
        "stycznia styczeń sty ledna"),
    2: ("february feb februar février févr fevrier févr. febrero februari febbraio "
        "fevereiro fev lutego luty lut února"),
    3: "march mar märz maerz mrz mars marzo maart mrt março marco marca marzec marts března",
    4: "april apr avril avr abril kwietnia kwiecień kwi dubna",
    5: "may mai mayo mei maggio mag maio maja maj května",
    6: "june jun juni juin junio giugno giu junho czerwca czerwiec cze června",
    7: "july jul juli juillet juil julio luglio lug julho lipca lipiec lip července",
    8: "august aug août aout agosto ago augustus sierpnia sierpień sie augusti srpna",
    9: "september sep sept septembre septiembre settembre set setembro września wrzesień wrz září",
    10: ("october oct oktober okt octobre octubre ottobre ott outubro out października "
        "październik paź října"),
    11: "november nov novembre noviembre novembro listopada listopad lis listopadu",
    12: ("december dec dez dezember décembre déc diciembre dic dicembre dezembro grudnia "
        "grudzień gru desember prosince"),
}
MONTH_NAMES = {name: month for month, names in _MONTHS.items() for name in names.split()}
_MONTH_ALT = "|".join(re.escape(m) for m in sorted(MONTH_NAMES, key=len, reverse=True))
_TZ_ABBREV = {
    "UTC": 0, "GMT": 0, "UT": 0, "Z": 0, "WET": 0, "BST": 60, "IST": 330,
    "CET": 60, "CEST": 120, "MEZ": 60, "MESZ": 120, "EET": 120, "EEST": 180,
    "EST": -300, "EDT": -240, "CST": -360, "CDT": -300, "MST": -420, "MDT": -360,
    "PST": -480, "PDT": -420, "AKST": -540, "HST": -600, "JST": 540, "KST": 540,
    "AEST": 600, "AEDT": 660, "SGT": 480, "HKT": 480,
}
_TIME = re.compile(
    r"(?P<ampm1>午前|午後|上午|下午|早上|晚上)?[ \t]*(?<!\d)(?P<h>\d{1,2})[:.h时時](?P<m>\d{2})"
    r"(?:[:.](?P<s>\d{2}))?(?:[ \t]*(?P<ampm>[AaPp]\.?[ \t]?[Mm]\.?))?"
    r"(?![\d/])"
)
_TZ = re.compile(
    r"(?:(?:GMT|UTC)[ \t]*)?(?P<sign>[+-])(?P<tzh>\d{2}):?(?P<tzm>\d{2})\b|"
    r"\b(?:GMT|UTC)(?P<gsign>[+-])(?P<gh>\d{1,2})\b|"
    r"\b(?P<abbr>" + "|".join(sorted(_TZ_ABBREV, key=len, reverse=True)) + r")\b"
)
_YMD = re.compile(r"(?<!\d)(?P<y>\d{4})[-/.](?P<mo>\d{1,2})[-/.](?P<d>\d{1,2})(?!\d)")
_CJK_DATE = re.compile(
    r"(?P<y>\d{4})[ \t]*年[ \t]*(?P<mo>\d{1,2})[ \t]*月[ \t]*(?P<d>\d{1,2})[ \t]*日"
)
_NUMERIC = re.compile(
    r"(?<![\d:])(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{2,4})(?!\d)"
)
_DAY_MONTH_YEAR = re.compile(
    rf"(?<![\w])(?P<d>\d{{1,2}})\.?(?:[ \t]+de)?[ \t]*(?P<mon>{_MONTH_ALT})\.?(?:[ \t]+de)?"
    r"[ \t,]*(?P<y>\d{4})(?!\d)",
    re.IGNORECASE,
)
_MONTH_DAY_YEAR = re.compile(
    rf"(?<![\w])(?P<mon>{_MONTH_ALT})\.?[ \t]+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?[ \t]+"
    r"(?P<y>\d{4})(?!\d)",
    re.IGNORECASE,
)


def parse_date(text: str, *, dayfirst: bool | None = None) -> pd.Timestamp | None:
    """Parse a date as clients write it in inner headers, in any of the supported languages.

    Understands numeric dates (``01/02/2001``, ``21.11.2000``, ``2025-03-03``),
    month names in English, German, French, Spanish, Dutch, Italian and
    Portuguese (``Montag, 3. März 2025``, ``mardi 4 mars 2025``, ``3 de marzo de
    2025``, ``Nov 12, 2001``), Japanese/Chinese ``2025年3月3日``, a time with
    optional seconds and AM/PM (``午後``/``下午`` too), and a zone as an offset
    (``-0800``, ``GMT+02:00``) or a common abbreviation (``PST``, ``CET``, ``MEZ``).

    A slash date ``a/b/yyyy`` is read month-first (the US convention of the
    clients that write it) unless ``a`` exceeds 12 or ``dayfirst=True``; dotted
    dates are day-first. **A date without a zone is taken as UTC** — the header
    does not say which zone the writer's clock was in, so the result may be off
    by the writer's UTC offset.

    Parameters
    ----------
    text : str
        The date text (extra words around it are ignored).
    dayfirst : bool or None, default None
        Force the reading of ambiguous slash dates.

    Returns
    -------
    pandas.Timestamp or None
        Timezone-aware UTC, or None when no complete date (day, month, year)
        is found.

    Examples
    --------
    >>> parse_date("Friday, November 02, 2001 10:00 AM")
    Timestamp('2001-11-02 10:00:00+0000', tz='UTC')
    >>> parse_date("Montag, 3. März 2025 10:15")
    Timestamp('2025-03-03 10:15:00+0000', tz='UTC')
    >>> parse_date("Fri, 2 Nov 2001 10:24:17 -0800 (PST)")
    Timestamp('2001-11-02 18:24:17+0000', tz='UTC')
    >>> parse_date("2025年3月3日 10:15") is not None
    True
    """
    if not text or not isinstance(text, str):
        return None
    text = text[:200]
    date_end = 0
    year = month = day = None
    m = _CJK_DATE.search(text) or _YMD.search(text)
    if m:
        year, month, day = int(m["y"]), int(m["mo"]), int(m["d"])
        date_end = m.end()
    else:
        m = _DAY_MONTH_YEAR.search(text)
        m2 = _MONTH_DAY_YEAR.search(text)
        if m2 and (not m or m2.start() < m.start()):
            m = m2
        if m:
            month = MONTH_NAMES[m["mon"].lower().rstrip(".")]
            day, year = int(m["d"]), int(m["y"])
            date_end = m.end()
        else:
            m = _NUMERIC.search(text)
            if m:
                a, b, year = int(m["a"]), int(m["b"]), int(m["y"])
                first_is_day = m["sep"] in ".-" if dayfirst is None else dayfirst
                if a > 12:
                    first_is_day = True
                elif b > 12:
                    first_is_day = False
                day, month = (a, b) if first_is_day else (b, a)
                date_end = m.end()
    if year is None:
        return None
    if year < 100:
        year += 2000 if year < 70 else 1900
    hour = minute = second = 0
    rest = text[date_end:] if date_end else text
    tm = _TIME.search(rest) or _TIME.search(text[: m.start()] if m else "")
    if tm:
        hour, minute = int(tm["h"]), int(tm["m"])
        second = int(tm["s"]) if tm["s"] else 0
        ampm = (tm["ampm"] or "").lower().replace(".", "").replace(" ", "")
        pm = ampm == "pm" or tm["ampm1"] in ("午後", "下午", "晚上")
        am = ampm == "am" or tm["ampm1"] in ("午前", "上午", "早上")
        if pm and hour < 12:
            hour += 12
        elif am and hour == 12:
            hour = 0
    offset = 0
    tz_text = rest[tm.end() :] if tm and tm.string is rest else rest
    z = _TZ.search(tz_text)
    if z:
        if z["sign"]:
            offset = int(z["tzh"]) * 60 + int(z["tzm"])
            offset = -offset if z["sign"] == "-" else offset
        elif z["gsign"]:
            offset = int(z["gh"]) * 60 * (-1 if z["gsign"] == "-" else 1)
        else:
            offset = _TZ_ABBREV[z["abbr"].upper()]
    try:
        local = datetime(year, month, day, hour, minute, second)
    except ValueError:
        return None
    if not 1970 <= year <= 2100 or abs(offset) > 14 * 60:
        return None
    utc = (local - timedelta(minutes=offset)).replace(tzinfo=UTC)
    return pd.Timestamp(utc).as_unit("us")


# --------------------------------------------------------------------------
# People and recipient lists.
EMAIL = re.compile(r"[\w.+'=-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}", re.UNICODE)
_BRACKETS = re.compile(r"[<\[(]\s*(?:mailto:|smtp:)?[^<>\[\]()]{0,200}[>\])]", re.IGNORECASE)
# "Name/HOU/ECT@ECT", "Jeff Dasovich@ENRON": Lotus Notes hierarchical names.
_LOTUS_TAIL = re.compile(
    r"[ \t]*(?:/[^/@,;]{1,40}){1,4}(?:@[\w .-]{1,40})?$|[ \t]*@[ \t]*[A-Za-z][\w-]{1,30}$"
)


def split_person(value: str) -> tuple[str, str]:
    """Split a header person into ``(name, email)``; either may be ``''``.

    Handles ``Name <addr>``, ``"Last, First" <addr>``, ``Last, First
    [mailto:addr]``, bare addresses, and Lotus Notes names (``Jane Doe/HOU/ECT@ECT``,
    ``Jane Doe@ECT``) whose organisation path is dropped.

    Examples
    --------
    >>> split_person('"Doe, Jane" <jane.doe@example.com>')
    ('Doe, Jane', 'jane.doe@example.com')
    >>> split_person("Brent A Price/HOU/ECT@ECT")
    ('Brent A Price', '')
    """
    value = (value or "").strip()[:300]
    emails = EMAIL.findall(value)
    email = emails[0].strip(".'=") if emails else ""
    name = _BRACKETS.sub(" ", value)
    if email:
        name = name.replace(email, " ")
    name = re.sub(r"\((?:e-?mail)\)", " ", name, flags=re.I)
    name = name.strip().strip("\"'").strip()
    name = re.sub(r"^(?:mailto|smtp):", "", name, flags=re.I)
    if "@" not in name or not email:
        tail = _LOTUS_TAIL.search(name)
        if tail and tail.start() > 0:
            name = name[: tail.start()]
    name = re.sub(r"\(\s*\)", " ", name)
    name = re.sub(r"\s+", " ", name).strip(" \t\"'<>,;:()-")
    if "@" in name and EMAIL.fullmatch(name):
        email = email or name
        name = ""
    return name, email


def split_recipients(value: str) -> list[str]:
    """Split a To/Cc value into one string per recipient.

    Semicolons separate when present (Outlook writes ``Last, First; …``);
    otherwise commas do, except a single ``Last, First`` pair.
    """
    value = (value or "").strip()[:5000]
    if not value:
        return []
    parts = value.split(";") if ";" in value else None
    if parts is None:
        pieces = value.split(",")
        if len(pieces) == 2 and "@" not in value and "/" not in value and all(
            0 < len(p.split()) <= 2 for p in pieces
        ):
            parts = [value]
        else:
            parts = pieces
    return [re.sub(r"\s+", " ", p).strip() for p in parts if p.strip()]


# --------------------------------------------------------------------------
@dataclass
class InnerHeader:
    """An inner header: who wrote the block below it, when, to whom.

    Attributes
    ----------
    style : str
        How the client wrote it: ``"original_message"``, ``"outlook"`` (field
        block without a separator), ``"forward"``, ``"lotus_forward"``,
        ``"lotus"``, ``"lotus_columns"``, ``"attribution"`` (``On … wrote:``),
        ``"reply_separator"``.
    author, author_email : str
        Display name (Lotus organisation path dropped) and address; ``''`` when
        absent.
    sent_at : pandas.Timestamp or None
        UTC; a header date without a zone is taken as UTC (see :func:`parse_date`).
    sent_raw : str
        The date text as written.
    to, cc : list of str
        Recipients as written (one string per recipient).
    subject : str
    forwarded : bool
        True when the header itself says the message below was forwarded
        (a forward banner); a reply header under a ``FW:`` subject is told
        apart by :func:`is_forward_subject` on the enclosing subject.
    """

    style: str
    author: str = ""
    author_email: str = ""
    sent_at: pd.Timestamp | None = None
    sent_raw: str = ""
    to: list[str] = field(default_factory=list)
    cc: list[str] = field(default_factory=list)
    subject: str = ""
    forwarded: bool = False


_FORWARD_SUBJECT = re.compile(
    r"^\s*(?:fw|fwd|wg|tr|rv|doorst|i|enc|转发|轉寄|転送)\s*[:：]", re.IGNORECASE
)


def is_forward_subject(subject: str) -> bool:
    """True when ``subject`` starts with a forward prefix (``FW:``, ``WG:``, ``TR:``, ``RV:``, …).

    Only the first prefix counts: ``RE: FW: x`` is a reply.
    """
    return bool(_FORWARD_SUBJECT.match(subject or ""))
_FROM_ON_DATE = re.compile(r"^(?P<who>.{1,150}?)[ \t]+on[ \t]+(?P<date>\d[^\n]{4,60})$", re.I)
_FROM_SPACES_DATE = re.compile(
    r"^(?P<who>.{1,150}?)[ \t]{2,}(?P<date>\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}.{0,30})$"
)


_QP = re.compile(r"=(09|20|3D)")
_QUOTE = re.compile(r"^[ \t]{0,8}(?:>[ \t]?)+")
#: No-break spaces as blanks: French Outlook writes "De\u00a0:" and "Envoy\u00e9\u00a0:"
#: (a no-break space before the colon), and so do other clients' localised headers.
NO_BREAK_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2007": " "})


def strip_quote(line: str) -> str:
    """``line`` without its ``>`` quote prefix and surrounding blanks.

    Quoted-printable tabs and spaces left undecoded by some exporters (``=09``,
    ``=20``) become blanks and a trailing soft-break ``=`` is dropped.
    """
    line = line[:2000].translate(NO_BREAK_SPACES)
    m = None if line.startswith(">From ") else _QUOTE.match(line)
    if m:
        line = line[m.end() :]
    if "=" in line:
        line = _QP.sub(lambda q: "=" if q.group(1) == "3D" else " ", line).rstrip().rstrip("=")
    return line.strip()


def _person_and_date(value: str) -> tuple[str, str, str]:
    """From a Lotus/Outlook ``From:`` value, the person and an embedded date."""
    value = value.strip()
    for pattern in (_FROM_ON_DATE, _FROM_SPACES_DATE):
        m = pattern.match(value)
        if m:
            name, email = split_person(m["who"])
            return name, email, m["date"].strip()
    name, email = split_person(value)
    return name, email, ""


def parse_field_block(lines: list[str], style: str) -> InnerHeader:
    """Parse ``Field: value`` lines (continuation lines appended to the previous field)."""
    values: dict[str, str] = {}
    current = None
    for raw in lines:
        line = strip_quote(raw).replace("=09", "\t").replace("=20", " ")
        if not line:
            continue
        m = FIELD_LINE.match(line)
        if m:
            current = _NAME_TO_FIELD.get(re.sub(r"[ \t]+", " ", m["name"].lower()))
            if current and current not in values:
                values[current] = m["value"].strip()
            elif current:
                current = None
        elif current in ("to", "cc", "bcc") and values.get(current) is not None:
            values[current] += " " + line
    header = InnerHeader(style=style)
    who = values.get("from", "")
    header.author, header.author_email, embedded_date = _person_and_date(who)
    header.sent_raw = values.get("sent", "") or embedded_date
    header.sent_at = parse_date(header.sent_raw)
    header.to = split_recipients(values.get("to", ""))
    header.cc = split_recipients(values.get("cc", ""))
    header.subject = values.get("subject", "").strip()
    return header


def _who_from_attribution(rest: str) -> tuple[str, str]:
    """Split ``<date>, <who>`` (the part of an attribution line before the verb)."""
    rest = rest.strip().rstrip(",")
    cut = 0
    for tm in _TIME.finditer(rest):
        cut = tm.end()
    if cut:
        tail = rest[cut:]
        z = re.match(r"^[ \t]*(?:(?:GMT|UTC)?[+-]\d{1,2}:?\d{0,2}|[A-Z]{2,5}\b)?", tail)
        if z and z.group(0).strip() and "<" not in z.group(0) and "@" not in z.group(0):
            # a zone abbreviation, unless it is really the first word of a name
            word = z.group(0).strip()
            if not word.isalpha() or word.upper() in _TZ_ABBREV:
                cut += z.end()
    else:
        for ym in re.finditer(r"(?<!\d)(?:19|20)\d{2}(?!\d)", rest):
            cut = ym.end()
    who = rest[cut:] if cut else rest.rsplit(",", 1)[-1]
    who = re.sub(r"^[ \t,]*(?:uhr|h|hrs|horas|heures|ore|u)?\b[ \t,]*", "", who, flags=re.I)
    who = who.strip(" \t,()")
    date = rest[:cut] if cut else ""
    return who, date


_NOT_A_NAME = frozenset("as i we you they he she it this that what then and so".split())


def match_wrote_on(line: str) -> re.Match | None:
    """``<who> wrote on <date>:`` where the who is an address or a name, not prose
    ("As I wrote on 3 March:" is not an attribution).

    >>> match_wrote_on('"Ann Lee" <ann@example.org> wrote on 14.06.2023 14:09:')["who"]
    '"Ann Lee" <ann@example.org>'
    >>> match_wrote_on("Ann Lee/ACME wrote on 06/14/2023 02:09:35 PM:")["who"]
    'Ann Lee/ACME'
    >>> match_wrote_on("As I wrote on 3 March:") is None
    True
    """
    m = WROTE_ON_LINE.match(line)
    if m is None or EMAIL.search(m["who"]):
        return m
    words = re.sub(r"/\S*", "", m["who"]).strip(' "').replace(",", " ").split()
    named = 2 <= len(words) <= 5 and all(w[:1].isupper() for w in words)
    return m if named and not _NOT_A_NAME & {w.lower() for w in words} else None


def parse_attribution(line: str) -> InnerHeader | None:
    """Parse an attribution line (``On <date>, <who> wrote:`` and translations).

    ``line`` is the attribution with wrapped lines already joined by spaces.
    """
    line = re.sub(r"\s+", " ", strip_quote(line))[:600]
    who = date = ""
    m = WROTE_AFTER_LINE.match(line) or match_wrote_on(line)
    if m:
        who, date = m["who"], m["date"]
    else:
        m = WROTE_ZH.match(line)
        if m:
            who, date = m["who"], m["date"]
        else:
            m = WROTE_LINE.match(line)
            if not m:
                m2 = DATE_WHO_COLON.match(line)
                if not m2:
                    return None
                who, date = _who_from_attribution(m2["pre"])
                if parse_date(date) is None:
                    return None
                who = f"{who} <{m2['email']}>"
            elif m["lead"] is not None:
                who, date = _who_from_attribution(m["body"])
            else:
                who = m["bare"].strip()
                # "<who> wrote:" without a date: the who must look like a person
                if len(who.split()) > 6 and not EMAIL.search(who):
                    return None
    header = InnerHeader(style="attribution")
    header.author, header.author_email = split_person(who)
    header.sent_raw = date.strip(" ,")
    header.sent_at = parse_date(date)
    if not header.author and not header.author_email:
        return None
    return header


def _unquote_keep_columns(line: str) -> str:
    m = None if line.startswith(">From ") else _QUOTE.match(line)
    return (line[m.end() :] if m else line).expandtabs(8)


def parse_lotus_columns(raw: list[str]) -> InnerHeader | None:
    """Parse a two-column Lotus Notes header (sender/date left, To/cc/Subject right).

    The right column starts where ``To:`` starts on its line; lines that do not
    reach that column (wrapped recipients) continue the right column.
    """
    lines = [_unquote_keep_columns(ln) for ln in raw[:40]]
    col = None
    for ln in lines:
        m = COLUMN_TO.search(ln)
        if m and m["field"].lower() == "to":
            col = m.start("field")
            break
    if col is None or col < 8:
        return None
    left: list[str] = []
    right: list[str] = []
    for ln in lines:
        indent = len(ln) - len(ln.lstrip())
        if indent >= 8 or COLUMN_TO.search(ln):
            left.append(ln[:col].strip())
            right.append(ln[col:].strip())
        else:  # a wrapped right-column value that fell back to column 0
            right.append(ln.strip())
    # the sender: left-column text above the date, re-joining split addresses
    who, date_parts = "", []
    for part in (p for p in left if p):
        starts_date = re.match(r"^\d{1,2}/\d{1,2}/\d{2,4}", part)
        if date_parts or starts_date or NUMERIC_DATETIME.search(part):
            date_parts.append(part)
        elif who and ("<" in who and ">" not in who or who.endswith(("@", ".", "-"))):
            who += part
        else:
            who = f"{who} {part}".strip()
    if not who:
        return None
    header = parse_field_block(right, "lotus_columns")
    header.author, header.author_email = split_person(who)
    header.sent_raw = " ".join(date_parts)
    header.sent_at = parse_date(header.sent_raw)
    if not header.author and not header.author_email:
        return None
    return header


def parse_inner_header(lines: str) -> InnerHeader | None:
    """Parse one inner header block into its fields.

    Parameters
    ----------
    lines : str
        The header lines as they appear in the body (``>`` quote prefixes are
        allowed): a field block with or without a separator line, a Lotus
        Notes banner or reply header, or an attribution line.

    Returns
    -------
    InnerHeader or None
        None when the lines are not a recognisable header.

    Examples
    --------
    >>> h = parse_inner_header(
    ...     "-----Original Message-----\\n"
    ...     "From: Doe, Jane [mailto:jane.doe@example.com]\\n"
    ...     "Sent: Friday, November 02, 2001 10:00 AM\\n"
    ...     "To: Roe, Rick; Poe, Paula\\n"
    ...     "Subject: Q3 numbers"
    ... )
    >>> h.author, h.author_email, str(h.sent_at)
    ('Doe, Jane', 'jane.doe@example.com', '2001-11-02 10:00:00+00:00')
    >>> h.to, h.subject
    (['Roe, Rick', 'Poe, Paula'], 'Q3 numbers')
    >>> line = "On Mon, Nov 12, 2001 at 1:28 PM, Ann Lee <ann@example.org> wrote:"
    >>> parse_inner_header(line).author
    'Ann Lee'
    """
    if not isinstance(lines, str) or not lines.strip():
        return None
    raw = [ln.rstrip("\r") for ln in lines[:20000].split("\n")]
    content = [strip_quote(ln) for ln in raw]
    nonblank = [c for c in content if c]
    if nonblank and UNDERSCORE_SEP.match(nonblank[0]):
        nonblank = nonblank[1:]  # Outlook's rule above a "From:" block
        raw = raw[next(k for k, c in enumerate(content) if c) + 1 :]
    if not nonblank:
        return None
    first = nonblank[0]
    if ORIGINAL_SEP.match(first) or REPLY_SEPARATOR.match(first) or FORWARD_SEP.match(first):
        style = (
            "forward" if FORWARD_SEP.match(first)
            else "reply_separator" if REPLY_SEPARATOR.match(first) else "original_message"
        )
        header = parse_field_block(raw, style)
        header.forwarded = style == "forward"
        return header
    if LOTUS_FORWARD_START.match(first):
        joined = " ".join(nonblank[:2]) if not re.search(r"-{2,}=?\s*$", first) else first
        joined = re.sub(r"-{2,}=?\s*$", "", joined.replace("=", "")).strip()
        m = re.match(r"^[ \t]*-{3,}[ \t]*forwarded by[ \t]+(.{1,150}?)[ \t]+on[ \t]+(.{1,60})$",
                     joined, re.I)
        if not m:
            return None
        header = InnerHeader(style="lotus_forward", forwarded=True)
        header.author, header.author_email = split_person(m.group(1))
        header.sent_raw = m.group(2).strip(" -")
        header.sent_at = parse_date(header.sent_raw, dayfirst=None)
        return header
    if any("o:" in ln and COLUMN_TO.search(ln) for ln in raw[:6]) and not FIELD_LINE.match(first):
        header = parse_lotus_columns(raw)
        if header is not None:
            return header
    inline = LOTUS_INLINE.match(first)
    if inline and len(nonblank) == 1:
        header = InnerHeader(style="lotus")
        header.author, header.author_email = split_person(inline["who"])
        header.sent_raw = inline["date"]
        header.sent_at = parse_date(inline["date"])
        header.to = split_recipients(inline["to"])
        header.cc = split_recipients(inline["cc"])
        header.subject = inline["subject"].strip()
        return header
    fields = [FIELD_LINE.match(c) for c in nonblank]
    if fields[0] is not None:
        kinds = {_NAME_TO_FIELD.get(re.sub(r"[ \t]+", " ", f["name"].lower())) for f in fields if f}
        if len(kinds) >= 2 and kinds & {"from", "sent", "to"}:
            style = "outlook"
            header = parse_field_block(raw, style)
            return header
    # Lotus Notes reply header: name (and date) lines, then To:/cc:/Subject:.
    first_field = next(
        (i for i, f in enumerate(fields)
         if f and _NAME_TO_FIELD.get(re.sub(r"[ \t]+", " ", f["name"].lower())) != "sent_by"),
        None,
    )
    if first_field is not None and 1 <= first_field <= 5:
        pre = [c for c in nonblank[:first_field] if not LOTUS_SKIP.match(c)]
        date_raw = ""
        name_part = ""
        for c in pre:
            if BARE_TIME.match(c):
                continue
            dm = NUMERIC_DATETIME.search(c) or LOTUS_ON_DATE.search(c)
            if dm:
                date_raw = " ".join(pre[pre.index(c):])[dm.start():]
                if dm.start() > 0 and not name_part:
                    name_part = c[: dm.start()]
            elif not name_part:
                name_part = c
        if date_raw and name_part:
            name_part = re.sub(r"^(?:from|von|de|van)\s*:\s*", "", name_part.strip(), flags=re.I)
            name_part = re.sub(r"\s+on\s*$", "", name_part.strip(), flags=re.I)
            header = parse_field_block(raw, "lotus")
            header.style = "lotus"
            header.author, header.author_email = split_person(name_part)
            header.sent_raw = date_raw.strip()
            header.sent_at = parse_date(date_raw)
            return header
    return parse_attribution(" ".join(nonblank[:3]))
