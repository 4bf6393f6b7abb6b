"""E-mail zoning: split a body into the latest author's new text, the quoted and
forwarded blocks below it (each with its parsed inner header), and the
greeting, closing, signature and disclaimer of every block.

The zoner works line by line in one pass, so its cost grows linearly with the
body: every line gets a quote level (number of leading ``>``) and a cheap
classification; header detectors look ahead a bounded number of lines; the
greeting/closing/signature/disclaimer rules look at a bounded window at the two
ends of each block. Anything it cannot recognise stays new text — a degraded but
honest result.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from .._letters import UPPER
from .._schema import empty_frame, validate_frame
from ._headers import (
    _NAME_TO_FIELD,
    BARE_TIME,
    COLUMN_TO,
    EMAIL,
    FIELD_LINE,
    FORWARD_SEP,
    LOTUS_FORWARD_START,
    LOTUS_INLINE,
    LOTUS_ON_DATE,
    LOTUS_SKIP,
    NO_BREAK_SPACES,
    NUMERIC_DATETIME,
    ORIGINAL_SEP,
    REPLY_SEPARATOR,
    UNDERSCORE_SEP,
    WROTE_AFTER_LINE,
    WROTE_END,
    InnerHeader,
    is_forward_subject,
    match_wrote_on,
    parse_inner_header,
    strip_quote,
)

__all__ = ["KINDS", "NOTE_KINDS", "Segment", "new_text", "own_text", "segment_messages",
           "zone_body"]

#: Segment kinds, in the order a reader meets them in a typical block.
KINDS = ("greeting", "new", "quoted", "forwarded", "closing", "signature", "disclaimer")

_MAX_LINE = 2000  # longer lines are never headers, greetings or signatures
_QUOTE_PREFIX = re.compile(r"^[ \t]{0,8}(?:>[ \t]?)+")
# The first line of a two-column Lotus Notes header: indented sender name or address.
_LEFT_COLUMN = re.compile(r"^[ \t]{0,8}(?:>[ \t]?)*[ \t]{10,}\S[^\n]{0,40}\n?$")
# Every separator line starts like this; the full patterns run only on these.
_SEPARATOR_START = re.compile(
    r"^(?:[-_]{2}|begin|anfang|début|inicio|início|inizio|vidarebefordrat|videresendt|"
    r"początek)", re.IGNORECASE
)

_GREETING_WORDS = (
    r"hi|hiya|heya|hello|hey|howdy|dear|good[ \t]+(?:morning|afternoon|evening)|greetings|"
    r"hallo|moin|servus|"
    r"liebe[rs]?|sehr[ \t]+geehrte[rs]?|guten[ \t]+(?:tag|morgen|abend)|bonjour|bonsoir|salut|"
    r"chers?|chère|madame|monsieur|hola|estimad[oa]s?|querid[oa]s?|buen(?:os|as)[ \t]+"
    r"(?:días|dias|tardes)|beste|geachte|hoi|goedemorgen|goedemiddag|ciao|gentile|gentili|"
    r"buongiorno|buonasera|car[oaie]|olá|ola|prezad[oa]s?|bom[ \t]+dia|boa[ \t]+tarde|"
    r"hej|hejsan|god[ \t]+morgon|kära|dzień[ \t]+dobry|szanown[iay]|witam|cześć|"
    r"拝啓|お疲れ様です|お世話になっております|您好|你好|尊敬的"
)
GREETING = re.compile(
    rf"^(?:{_GREETING_WORDS})\b(?:[ \t]+[^\s,.!:;]{{1,30}}){{0,4}}[ \t]*[,!:.;]{{0,3}}[ \t]*$",
    re.IGNORECASE,
)
# A line that only addresses people: "Dana,", "Sue & Mary --", "Team:", "Chris/Joe".
VOCATIVE = re.compile(
    rf"{UPPER}[\w.'-]{{0,20}}(?:(?:[ \t]*(?:,|&|/|\band\b|\bund\b|\bet\b|\by\b|\ben\b|"
    rf"\be\b)[ \t]*|[ \t]+)(?:{UPPER}|\()[\w.'()-]{{0,20}}){{0,3}}[ \t]*(?:,|:|-{{1,2}}|!)"
)
_CLOSING_WORDS = (
    r"thanks|thank[ \t]+you|thx|tia|many[ \t]+thanks|cheers|best|all[ \t]+the[ \t]+best|"
    r"(?:best|kind|warm|warmest|many|with[ \t]+kind)[ \t]+(?:regards|wishes)|regards|rgds|"
    r"sincerely|yours(?:[ \t]+(?:truly|sincerely))?|respectfully|take[ \t]+care|talk[ \t]+soon|"
    r"mit[ \t]+freundlichen[ \t]+gr(?:ü|ue)(?:ß|ss)en|(?:viele|beste|liebe|freundliche)[ \t]+"
    r"gr(?:ü|ue)(?:ß|ss)e|gr(?:ü|ue)(?:ß|ss)e|gru(?:ß|ss)|danke|vielen[ \t]+dank|lg|mfg|"
    r"cordialement|bien[ \t]+cordialement|bien[ \t]+à[ \t]+vous|salutations|amitiés|merci|"
    r"saludos|un[ \t]+(?:cordial[ \t]+)?saludo|un[ \t]+abrazo|atentamente|gracias|"
    r"muchas[ \t]+gracias|"
    r"met[ \t]+vriendelijke[ \t]+groet(?:en)?|(?:vriendelijke|hartelijke)[ \t]+groet(?:en)?|"
    r"groeten|groet|"
    r"cordiali[ \t]+saluti|distinti[ \t]+saluti|cari[ \t]+saluti|saluti|"
    r"un[ \t]+(?:caro[ \t]+|cordiale[ \t]+)?saluto|cordialmente|grazie|atenciosamente|"
    r"(?:melhores[ \t]+)?cumprimentos|abraços|abs|obrigad[oa]|"
    r"(?:med[ \t]+)?vänliga[ \t]+hälsningar|hälsningar|mvh|tack|med[ \t]+venlig[ \t]+hilsen|"
    r"vennlig[ \t]+hilsen|(?:ystävällisin[ \t]+)?terveisin|(?:serdecznie[ \t]+)?pozdrawiam|"
    r"z[ \t]+poważaniem|dziękuję|pozdr\.?|s[ \t]+pozdravem|br|"
    r"よろしくお願いします|よろしくお願いいたします|宜しくお願いします|此致|谢谢|祝好"
)
CLOSING = re.compile(
    rf"^(?:{_CLOSING_WORDS})\b[^.?\n]{{0,25}}?[ \t]*[,!.]?[ \t]*$|^(?:{_CLOSING_WORDS})$",
    re.IGNORECASE,
)
MOBILE = re.compile(
    r"^(?:sent[ \t]+(?:from|via|with)[ \t]+(?:my|the)?[ \t]*\w.{0,40}|"
    r"sent[ \t]+from[ \t]+\w.{0,40}|get[ \t]+outlook[ \t]+for[ \t]+\w.{0,20}|"
    r"von[ \t]+meinem[ \t]+.{1,30}[ \t]+gesendet|envoyé[ \t]+de[ \t]+mon[ \t]+.{1,30}|"
    r"enviado[ \t]+desde[ \t]+mi[ \t]+.{1,30}|"
    r"verzonden[ \t]+(?:vanaf|met)[ \t]+(?:mijn[ \t]+)?.{1,30}|"
    r"inviato[ \t]+da[ \t]+.{1,30}|enviado[ \t]+do[ \t]+meu[ \t]+.{1,30}|.{1,20}から送信|"
    r"发自我的.{1,20}|"
    # the Outlook app's footer in any language: "Scarica Outlook per Android",
    # "Outlook für Android herunterladen", "Android 版 Outlook を入手"
    r"(?=.{0,60}$)(?=.*\boutlook\b)(?=.*(?:android|\bios\b))(?=.*(?:get|download|scarica|"
    r"obtenir|descarg|baix|hämta|pobierz|herunterladen|入手)).*)$",
    re.IGNORECASE,
)
DISCLAIMER = re.compile(
    r"confidential|privileged|intended[ \t]+(?:solely[ \t]+|only[ \t]+)?for|disclaimer|"
    r"received[ \t]+this[ \t]+(?:e-?mail|message|communication|transmission)[ \t]+in[ \t]+error|"
    r"if[ \t]+you[ \t]+are[ \t]+not[ \t]+the[ \t]+intended|addressee|unauthori[sz]ed[ \t]+"
    r"(?:use|review|disclosure|dissemination)|strictly[ \t]+prohibited|"
    r"vertraulich|irrtümlich|empfänger|confidentiel|destinataire|strictement|confidencial|"
    r"destinatario|vertrouwelijk|geadresseerde|riservat|destinatário|機密|秘密|保密|免责|"
    # Polish, Czech, Swedish, Danish and Norwegian, Finnish
    r"poufn|adresat|důvěrn|konfidentiell|konfidensiell|fortrolig|mottagare|modtager|"
    r"mottaker|luottamuksellinen",
    re.IGNORECASE,
)
# A mail gateway's warning on top of mail from outside ("[EXTERNAL] This email originated
# outside the organisation. Do not click links...", "CAUTION: ...", "[EXTERNE] Ce message
# provient d'un expéditeur externe..."): a notice, not the author's words.
BANNER_START = re.compile(
    r"^[\[(*]*[ \t]*(?:external|ext|extern|externe|externo|esterno|caution|warning|attention|"
    r"achtung|avertissement|aviso|avviso|uwaga|varning|notice)\b", re.IGNORECASE)
BANNER_WORDS = re.compile(
    r"originat|outside|external|extern|suspicious|phishing|do not click|don't click|"
    r"provient|außerhalb|fuera de|al di fuori|utanför|spoza|buiten",
    re.IGNORECASE)
BANNER_MAIL = re.compile(
    r"e-?mail|message|sender|expéditeur|absender|remitente|mittente|avsändare|nadawc|"
    r"afzender|correo|wiadomo", re.IGNORECASE)
# ... and how its further lines read ("Do not click links or open attachments unless...")
BANNER_MORE = re.compile(
    r"originat|outside|external|extern|suspicious|phishing|click|links?\b|attachments?\b|"
    r"sender|recogni[sz]e|provient|vigilant|pièces jointes|liens", re.IGNORECASE)
PHONE = re.compile(
    r"(?<![\w.])(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,4}\)[ .-]?|\d{1,4}[ .-])(?:\(0\)[ ]?)?\d{2,4}"
    r"(?:[ .-]?\d{2,4}){0,3}(?![\w.])|\b[xX][ .]?\d{4,5}\b|"
    r"\b(?:tel|phone|ph|fax|facsimile|mobile|mob|cell|direct|office|pager|voice|"
    r"telefon|téléphone|teléfono|telefoon|telefono|handy|e-?mail)\b\.?[ \t]*[:.]",
    re.IGNORECASE,
)
# Provider footers that clients append like a signature.
FOOTER = re.compile(
    r"do you yahoo|yahoo! mail|msn hotmail|msn explorer|get your (?:free|private)|"
    r"join the world's largest e-?mail|powered by \w+|free e-?mail|get more from the web|"
    r"msn messenger",
    re.IGNORECASE,
)
# A company's legal footer, mandatory in much of Europe (register court and number,
# seat, directors, tax number): "Sitz der Gesellschaft: Bremen · Registergericht:
# Amtsgericht Bremen HRB 20417", "Registered in England and Wales, company no.
# 01234567", "RCS Lyon B 123 456 789", "KvK 12345678", "Partita IVA 01234567890".
REGISTER = re.compile(
    r"sitz[ \t]+der[ \t]+gesellschaft|registergericht|amtsgericht|handelsregister|"
    r"\bhr[ab][ \t]*:?[ \t]*\d|gesch(?:ä|ae)ftsf(?:ü|ue)hr(?:er|erin|ung)[ \t]*:|"
    r"vorstand[ \t]*:|aufsichtsrat|ust-?id|"
    r"registered[ \t]+in[ \t]+(?:england|scotland|ireland|wales|the[ \t]+netherlands)|"
    r"registered[ \t]+office|(?:company|registration)[ \t]+(?:no|number)\b|"
    r"vat[ \t]+(?:reg(?:istration|\.)?[ \t]+)?(?:no|number)\b|"
    r"\brcs\b|\bsiren\b|\bsiret\b|au[ \t]+capital[ \t]+(?:social[ \t]+)?de|"
    r"\bkvk\b|kamer[ \t]+van[ \t]+koophandel|btw[- ]?(?:nummer|nr)|"
    r"partita[ \t]+iva|\bp\.?[ \t]?iva\b|registro[ \t]+(?:delle[ \t]+imprese|mercantil)|"
    r"\bcif\b|org\.?[ \t]?nr|organisationsnummer|y-tunnus|\bcvr\b|\bkrs\b|\bregon\b|"
    r"s(?:ą|a)d[ \t]+rejonowy",
    re.IGNORECASE,
)
ATTACHMENT = re.compile(
    r"^(?:-[ \t]+.{15,200}|.{0,200}\.(?:docx?|xlsx?|pptx?|pdf|wpd|txt|jpe?g|gif|png|zip|pcx|html?|"
    r"msg|csv|rtf)\b.{0,3}|<<.{0,200}>>.{0,200}|<[^<>]{1,100}>|\(see attached.{0,200}|"
    r"file:.{1,150}\)|[?*=~_\W]{1,3}|\[?attachment.{0,100})[ \t]*$",
    re.IGNORECASE,
)
FORM_LINE = re.compile(
    r"^(?:[\w .()/-]{1,40}?[ \t]{2,}:[ \t]|(?:message-id|received|return-path|mime-version|"
    r"content-[\w-]+|x-[\w-]+)[ \t]*:|<[^>]{1,40}>;)",
    re.IGNORECASE,
)
URL = re.compile(r"https?://|www\.|\b[\w-]{2,}\.(?:com|org|net|de|fr|es|nl|it|br|jp|cn)\b", re.I)


@dataclass
class Segment:
    """One zone of a body; ``text == body[start:end]``.

    Attributes
    ----------
    kind : str
        One of :data:`KINDS`.
    start, end : int
        Character offsets into the body.
    depth : int
        0 for the latest author's text, 1 for the first quoted/forwarded block, ….
    author, author_email : str
        The block's author from its inner header (``''`` when unknown; the
        latest author is not in the body, so depth 0 has none).
    sent_at : pandas.Timestamp or None
        UTC date from the block's inner header (zone-less dates taken as UTC).
    to, cc : list of str
    subject : str
    header_start, header_end : int
        Offsets of the inner header lines of this block; -1 when it has none.
    header_style : str
        See :class:`InnerHeader`; ``''`` when the block has no header, ``"pasted"`` for a
        passage pasted into the note (its author is the name it is signed with).
    text : str
    """

    kind: str
    start: int
    end: int
    depth: int = 0
    author: str = ""
    author_email: str = ""
    sent_at: pd.Timestamp | None = None
    to: list[str] = field(default_factory=list)
    cc: list[str] = field(default_factory=list)
    subject: str = ""
    header_start: int = -1
    header_end: int = -1
    header_style: str = ""
    text: str = ""


@dataclass
class _Block:
    depth: int
    kind: str
    header: InnerHeader | None = None
    header_start: int = -1
    header_end: int = -1
    header_lines: tuple[int, int] = (-1, -1)


class _Lines:
    """The body cut into lines, with offsets, quote levels and stripped content."""

    def __init__(self, text: str):
        self.text = text
        self.starts: list[int] = []
        self.ends: list[int] = []  # end including the newline
        self.levels: list[int] = []
        self.contents: list[str] = []
        pos = 0
        n = len(text)
        while pos < n:
            nl = text.find("\n", pos)
            end = n if nl < 0 else nl + 1
            line = text[pos : min(end, pos + _MAX_LINE)].rstrip("\r\n")
            # ">From " is mbox escaping of a line starting with "From ", not a quote
            m = None if line.startswith(">From ") else _QUOTE_PREFIX.match(line)
            self.starts.append(pos)
            self.ends.append(end)
            self.levels.append(m.group(0).count(">") if m else 0)
            if end - pos >= _MAX_LINE:
                content = "\x00long"
            elif m or "=" in line:
                content = strip_quote(line)
            else:
                content = line.translate(NO_BREAK_SPACES).strip()
            self.contents.append(content)
            pos = end
        self.n = len(self.starts)
        self.fields = [self._field(c) for c in self.contents]
        # cheap look-ups for the header detectors
        self.column_to = [None] * self.n
        for k, c in enumerate(self.contents):
            if "o:" in c or "c:" in c:
                m = COLUMN_TO.search(text[self.starts[k] : min(self.ends[k], self.starts[k] + 300)])
                self.column_to[k] = m["field"].lower() if m else None
        self.colon_end = [
            c.endswith((":", "：")) or c[-5:].lower() == "wrote" for c in self.contents
        ]
        self.next_to = [self.n] * self.n
        nxt = self.n
        for k in range(self.n - 1, -1, -1):
            if self.fields[k] == "to":
                nxt = k
            self.next_to[k] = nxt

    @staticmethod
    def _field(content: str) -> str | None:
        if not content or ":" not in content and "：" not in content or len(content) > 600:
            return None
        m = FIELD_LINE.match(content)
        if not m:
            return None
        return _NAME_TO_FIELD.get(re.sub(r"[ \t]+", " ", m["name"].lower()))

    def blank(self, i: int) -> bool:
        return not self.contents[i]

    def raw(self, a: int, b: int) -> str:
        return self.text[self.starts[a] : self.ends[b - 1]] if b > a else ""


# --------------------------------------------------------------------------
# Header detection.
def _field_run(lines: _Lines, k: int, limit: int = 80) -> tuple[int, set[str]]:
    """End (exclusive) of the field block starting at line ``k`` and its fields."""
    seen: set[str] = set()
    last = None
    j = k
    cont = 0
    stop = min(lines.n, k + limit)
    while j < stop:
        f = lines.fields[j]
        if f is not None:
            if f in seen and f != "sent_by":
                break
            seen.add(f)
            last = f
            cont = 0
            j += 1
            continue
        if lines.blank(j):
            # blank lines inside Lotus blocks ("cc: \n\nSubject:")
            nxt = j + 1
            while nxt < stop and nxt < j + 3 and lines.blank(nxt):
                nxt += 1
            if nxt < stop and lines.fields[nxt] is not None and lines.fields[nxt] not in seen:
                j = nxt
                continue
            break
        c = lines.contents[j]
        if last in ("to", "cc", "bcc") and cont < 60 and len(c) < 300 and (
            "@" in c or "/" in c or c.endswith((",", ";"))
            or lines.contents[j - 1].endswith((",", ";"))
        ):
            cont += 1
            j += 1
            continue
        break
    return j, seen


def _plausible(header: InnerHeader, seen: set[str]) -> bool:
    """A field block names a person and says when or about what.

    ("From: the table below…" in prose does not.)
    """
    who = header.author
    person = bool(header.author_email) or (
        0 < len(who.split()) <= 6 and not who.endswith((".", "!", "?"))
    )
    return person and bool(header.sent_raw or seen & {"subject", "cc"})


def _lotus_reply(lines: _Lines, i: int) -> int | None:
    """Start of the To: line of a Lotus Notes reply header whose name line is ``i``."""
    c = lines.contents[i]
    if len(c) > 120 or lines.fields[i] not in (None, "from") or lines.next_to[i] - i > 15:
        return None
    has_date = bool(NUMERIC_DATETIME.search(c) or LOTUS_ON_DATE.search(c))
    if not has_date and (len(c.split()) > 8 or c.endswith((".", "?", "!", ":"))):
        return None
    j = i + 1
    stop = min(lines.n, i + 16)
    while j < stop:
        f = lines.fields[j]
        cj = lines.contents[j]
        if f == "to":
            return j if has_date else None
        if f == "sent_by" or not cj or LOTUS_SKIP.match(cj) or (has_date and BARE_TIME.match(cj)):
            j += 1
            continue
        dm = NUMERIC_DATETIME.search(cj) if f is None and len(cj) < 60 else None
        if dm and not has_date and not cj[: dm.start()].strip():
            has_date = True
            j += 1
            continue
        return None
    return None


def _attribution(lines: _Lines, i: int) -> tuple[int, InnerHeader] | None:
    """An ``On … wrote:`` attribution starting at line ``i`` (wrapped over ≤ 3 lines)."""
    c = lines.contents[i]
    if len(c) > 400:
        return None
    # cheap filter: an attribution ends with a colon (or "wrote") within three lines
    if not any(lines.colon_end[i : i + 3]):
        return None
    joined = c
    for k in range(3):
        j = i + k
        if k:
            if j >= lines.n or lines.blank(j) or len(lines.contents[j]) > 200:
                return None
            joined += " " + lines.contents[j]
        tail = joined[-40:]
        if WROTE_END.search(tail) or (tail.endswith((":", "：")) and (
            "@" in joined or WROTE_AFTER_LINE.match(joined) or match_wrote_on(joined)
        )):
            header = parse_inner_header(joined)
            if header is not None and header.style == "attribution":
                return j + 1, header
            return None
        if k == 0 and not re.match(
            r"^(?:on|am|le|el|op|il|em|den|w|в|at|quoting|citando|\d|.{0,80}@|\S.{0,80}<[^>]*$|"
            r"[^\s<>]{1,80}[于於])",
            c, re.IGNORECASE,
        ):
            return None
    return None


def _detect_header(lines: _Lines, i: int) -> tuple[int, int, InnerHeader] | None:
    """A header block starting at (or just above) line ``i``: (start, end, header)."""
    c = lines.contents[i]
    if not c or len(c) > 400:
        return None
    f = lines.fields[i]
    separator = _SEPARATOR_START.match(c) is not None
    if separator and (ORIGINAL_SEP.match(c) or FORWARD_SEP.match(c) or REPLY_SEPARATOR.match(c)):
        k = i + 1
        while k < lines.n and k < i + 4 and lines.blank(k):
            k += 1
        end, seen = _field_run(lines, k) if k < lines.n else (k, set())
        if not seen:
            end = i + 1
        header = parse_inner_header(lines.raw(i, end))
        if header is None:
            return None
        return i, end, header
    if separator and UNDERSCORE_SEP.match(c):
        k = i + 1
        while k < lines.n and k < i + 3 and lines.blank(k):
            k += 1
        if k < lines.n and lines.fields[k] == "from":
            found = _detect_header(lines, k)
            if found:
                return i, found[1], found[2]
        return None
    if separator and LOTUS_FORWARD_START.match(c):
        end = i + 1
        if not re.search(r"-{2,}=?[ \t]*$", c) and end < lines.n and len(lines.contents[end]) < 80:
            end += 1
        header = parse_inner_header(lines.raw(i, end))
        return (i, end, header) if header else None
    if f in ("from", "sent", "to"):
        end, seen = _field_run(lines, i)
        if "from" in seen and seen & {"sent", "to", "subject", "cc"}:
            header = parse_inner_header(lines.raw(i, end))
            if header is not None and _plausible(header, seen):
                return i, end, header
    if f is None and lines.column_to[i] is None and _LEFT_COLUMN.match(lines.raw(i, i + 1)):
        to_line = next((k for k in range(i + 1, min(i + 4, lines.n))
                        if lines.column_to[k] == "to"), None)
        if to_line is not None:
            end = to_line + 1
            while end < lines.n and end < to_line + 12 and not lines.blank(end):
                end += 1
            header = parse_inner_header(lines.raw(i, end))
            if header is not None and header.style == "lotus_columns":
                return i, end, header
    if f is None and "ubject" in c and LOTUS_INLINE.match(c):
        header = parse_inner_header(lines.raw(i, i + 1))
        if header is not None:
            return i, i + 1, header
    to_line = _lotus_reply(lines, i)
    if to_line is not None:
        end, seen = _field_run(lines, to_line)
        if seen & {"cc", "subject"}:
            header = parse_inner_header(lines.raw(i, end))
            if header is not None and (header.author or header.author_email):
                return i, end, header
    if f is None:
        found = _attribution(lines, i)
        if found:
            return i, found[0], found[1]
    return None


# words of a job title (a signature's title line)
TITLE_WORDS = re.compile(
    r"\b(?:director|manager|president|vp|svp|evp|avp|vice|head|chief|officer|analyst|"
    r"engineer|specialist|lead|coordinator|cio|cto|cfo|ceo|coo|cdo|cmo|ciso|chro|"
    r"consultant|architect|"
    r"administrator|associate|trader|counsel|partner|principal|executive|supervisor|"
    r"assistant|secretary|controller|treasurer|scientist|developer|representative|"
    r"advisor|adviser|buyer|owner|founder)\b",
    re.IGNORECASE,
)

# a name and its title on one line: "Dana Whitfield | Director | IT" (not a comma: "Lee,
# Ann" is a name)
ONE_LINE_SPLIT = re.compile(r"\s*[|·•]\s*|\s[–—]\s")


# --------------------------------------------------------------------------
# Zones inside a block.
def _name_like(c: str, lower_ok: bool = False) -> bool:
    """A line that can be a person's name (or a sign-off like "- Rob", "--Sally")."""
    c = c.lstrip("-– ").strip()
    words = c.split()
    return (
        0 < len(words) <= 4 and len(c) <= 40 and not any(ch.isdigit() for ch in c)
        and "@" not in c and ":" not in c and not c.endswith(("?", ";", "!"))
        and (c[:1].isupper() or (lower_ok and len(words) <= 2 and c.replace(" ", "").isalpha()))
        and not (c.endswith(".") and len(words) > 2)
    )


def _register_line(c: str) -> bool:
    """A line of a company's legal footer: two of its cues (seat, register court,
    register number, directors, tax number), or one and a number of five digits or
    more; never a question.

    >>> _register_line("Sitz der Gesellschaft: Bremen · Registergericht: Amtsgericht Bremen")
    True
    >>> _register_line("Registered in England and Wales No. 04123456")
    True
    >>> _register_line("Could you send the invoice to our registered office in Leeds?")
    False
    >>> _register_line("Please send the invoice to our registered office.")
    False
    """
    if len(c) > 250 or c.rstrip().endswith("?"):
        return False
    cues = {m.group(0).lower() for m in REGISTER.finditer(c)}
    return len(cues) >= 2 or (len(cues) == 1 and bool(re.search(r"\d{5}", c)))


def _contact(c: str) -> bool:
    """A phone/fax number (7+ digits, an extension, or a labelled number), address or URL."""
    if EMAIL.search(c) or URL.search(c):
        return True
    for m in PHONE.finditer(c):
        token = m.group(0)
        digits = sum(ch.isdigit() for ch in token)
        if digits >= 7 or not token[:1].isdigit() and token[:1] != "(" or re.fullmatch(
            r"\d-\d{4}|[xX][ .]?\d{4,5}", token.strip()
        ):
            return True
    return False


def _name_and_title(c: str) -> bool:
    """A signer's name and title on one line: "Dana Whitfield | Director | IT".

    >>> _name_and_title("James Okafor | Lead Solution Architect | Digital & IT")
    True
    >>> _name_and_title("Budget | Q3 plan | Finance")
    False
    """
    parts = ONE_LINE_SPLIT.split(c, maxsplit=1)
    return (len(parts) == 2 and _name_like(parts[0]) and len(parts[0].split()) >= 2
            and bool(TITLE_WORDS.search(parts[1])))


def _signature_like(lines: _Lines, run: list[int]) -> bool:
    """Short lines with at least one contact pattern (or a name with its title) and
    no form/table layout."""
    texts = [lines.contents[p] for p in run]
    if any(FORM_LINE.match(t) or len(t) > 70 or t.count("\t") >= 2 for t in texts):
        return False
    return any(_contact(t) or _name_and_title(t) for t in texts)


def _banner(text: str) -> bool:
    """Does a line or paragraph read as a mail gateway's external-sender warning?"""
    return bool(BANNER_START.match(text) and BANNER_WORDS.search(text)
                and BANNER_MAIL.search(text))


def _subzones(lines: _Lines, a: int, b: int, at_block_start: bool) -> list[tuple[int, int, str]]:
    """Greeting/closing/signature/disclaimer line ranges in body lines ``[a, b)``."""
    out: list[tuple[int, int, str]] = []
    nonblank = [k for k in range(max(a, b - 80), b) if not lines.blank(k)]
    # trailing attachment lists stay with the body
    while nonblank and ATTACHMENT.match(lines.contents[nonblank[-1]]):
        nonblank.pop()
    if not nonblank:
        return out
    b = nonblank[-1] + 1
    end = b
    top = nonblank[0]
    if at_block_start:
        # a gateway's external-sender warning heading the block (one short paragraph)
        para = [nonblank[0]]
        while len(para) < len(nonblank) and nonblank[len(para)] == para[-1] + 1:
            para.append(nonblank[len(para)])
        if _banner(lines.contents[para[0]]):
            # the warning on its own line(s), the author's words right under it
            n = 1
            while n < len(para) and BANNER_MORE.search(lines.contents[para[n]]):
                n += 1
            para = para[:n]
        text = " ".join(lines.contents[p] for p in para)
        if len(para) <= 4 and len(text) <= 500 and _banner(text):
            # (alone in its block too: above a bottom-posted reply's quote)
            out.append((para[0], para[-1] + 1, "disclaimer"))
            if len(para) == len(nonblank):
                return out
            top = nonblank[len(para)]
    # Disclaimer: trailing paragraphs with legal vocabulary.
    disc_start = None
    k = len(nonblank) - 1
    while k >= 0:
        para = [nonblank[k]]
        while k > 0 and nonblank[k - 1] == para[0] - 1:
            k -= 1
            para.insert(0, nonblank[k])
        text = " ".join(lines.contents[p] for p in para)
        register = next((p for p in para if _register_line(lines.contents[p])), None) \
            if disc_start is None and len(text) < 600 else None
        if register is not None:
            # the company's legal footer, from its first line on, closes the message
            # as a signature does (above it, the author's name and title may sign)
            out.append((register, b, "signature"))
            b = end = register
            nonblank = [p for p in nonblank if p < register]
            if not nonblank:
                return out
            k = len(nonblank) - 1
            continue
        if FOOTER.search(text) and len(text) < 400 and disc_start is None:
            footer_start = next(p for p in para if FOOTER.search(lines.contents[p]))
            if footer_start > para[0] and FOOTER.search(
                lines.contents[footer_start - 1] + " " + lines.contents[footer_start]
            ) and not FOOTER.search(lines.contents[footer_start - 1]):
                footer_start -= 1  # a footer wrapped over two lines
            rule_above = re.fullmatch(r"[\W_]{3,}", lines.contents[footer_start - 1])
            if footer_start > para[0] and rule_above:
                footer_start -= 1
            if footer_start == para[0] and k > 0 and re.fullmatch(
                r"[\W_]{3,}", lines.contents[nonblank[k - 1]]
            ):
                footer_start = nonblank[k - 1]
            out.append((footer_start, b, "signature"))
            b = end = footer_start
            nonblank = [p for p in nonblank if p < footer_start]
            k = len(nonblank) - 1
            continue
        if DISCLAIMER.search(text) and (len(para) >= 2 or len(text) > 80) or (
            disc_start is not None and re.fullmatch(r"[\W_]{3,}", text)
        ):
            disc_start = para[0]
            k -= 1
            continue
        break
    # a run that is all legal text is a disclaimer only below the author's own text:
    # after a quote (a mail server appends it under the whole thread), not as the
    # message itself
    if disc_start is not None and (disc_start > a or not at_block_start):
        out.append((disc_start, b, "disclaimer"))
        end = disc_start
    tail = [p for p in nonblank if p < end]
    if not tail:
        return out
    # Signature after "-- ", or a mobile-client line.
    sig_start = None
    for p in reversed(tail[-15:]):
        raw = lines.contents[p]
        if raw in ("--", "-- ", "—", "__") or re.fullmatch(r"-{2,3}", raw):
            sig_start = p
            break
    if sig_start is not None:
        after = [p for p in tail if p > sig_start]
        if after and CLOSING.match(lines.contents[after[0]]) and len(after) <= 3 and all(
            _name_like(lines.contents[p], True) for p in after[1:]
        ):
            sig_start = None  # "-- \nRegards,\nName" is a closing under a separator
    if sig_start is None and MOBILE.match(lines.contents[tail[-1]]):
        sig_start = tail[-1]
    before_sig = [p for p in tail if sig_start is None or p < sig_start]
    # Closing ("Thanks,", "Mit freundlichen Grüßen") near the end, then the name.
    closing = None
    for idx in range(len(before_sig) - 1, max(-1, len(before_sig) - 9), -1):
        p = before_sig[idx]
        c = lines.contents[p]
        if len(c) <= 50 and CLOSING.match(c):
            after = before_sig[idx + 1 :]
            if len(after) <= 12 and all(len(lines.contents[q]) <= 70 for q in after):
                closing = idx
                break
        if len(c) > 70:
            break
    if closing is not None:
        c_start = before_sig[closing]
        after = before_sig[closing + 1 :]
        q = closing + 1
        first_is_name = bool(after) and _name_like(lines.contents[after[0]], True)
        if len(after) >= 3 and after[1] - after[0] > 1 and first_is_name:
            q += 1  # "Regards,\nSam\n\nSam Roe\nTitle…": the first name closes, the rest signs
        elif not (len(after) >= 2 and _signature_like(lines, after)):
            # "Thanks,\nJohn": the name belongs to the closing
            names = 0
            while (q < len(before_sig) and names < 2
                   and _name_like(lines.contents[before_sig[q]], True)):
                if before_sig[q] - before_sig[q - 1] > 2:
                    break
                names += 1
                q += 1
        c_end = before_sig[q - 1] + 1
        # a block that opens with "Thanks!" has no closing there, but may still sign
        opens_block = at_block_start and c_start == nonblank[0]
        rest = before_sig[q:]
        postscript = bool(rest) and re.match(r"^p\.?s\b", lines.contents[rest[0]], re.I)
        if rest and sig_start is None and not postscript and len(rest) <= 10 and all(
            len(lines.contents[p]) <= 70 for p in rest
        ) and (_signature_like(lines, rest) or (
            not opens_block and _name_like(lines.contents[rest[0]])
        )):
            sig_start = rest[0]
        # a closing ends the author's words: only a name, signature or P.S. may follow
        if not opens_block and (not rest or postscript or sig_start == rest[0]):
            out.append((c_start, c_end, "closing"))
    elif sig_start is None:
        # Structural signature: trailing short lines with a contact pattern, under a name.
        run: list[int] = []
        for p in reversed(before_sig[-10:]):
            c = lines.contents[p]
            if len(c) > 70 or (c.endswith(("?", "!")) and not _contact(c)):
                break
            if run and run[0] - p > 2:
                break
            run.insert(0, p)
        if len(run) >= 2 and _signature_like(lines, run):
            # start at the first name-like line of the run (the signer's name)
            start = next((p for p in run if _name_like(lines.contents[p], p == run[0])), run[0])
            if start == run[0] and start > a and not lines.blank(start - 1):
                # the run begins inside a wrapped paragraph: start after its next blank line
                start = next((p for p in run[1:] if lines.blank(p - 1)), None)
            if start is None:
                run = []
            whole = start == before_sig[0]
            rest = [p for p in run if start is not None and p >= start]
            contacts = sum(_contact(lines.contents[p]) for p in rest)
            card = len(rest) >= 3 and all(len(lines.contents[p]) <= 40 for p in rest)
            if rest and _signature_like(lines, rest) and (not whole or contacts >= 2 or card):
                sig_start = start
        elif len(before_sig) >= 2:
            last = before_sig[-1]
            short_name = _name_like(lines.contents[last], True) and len(
                lines.contents[last].split()) <= 3
            if short_name and not CLOSING.match(lines.contents[before_sig[-2]] or ""):
                prev = lines.contents[before_sig[-2]]
                if prev.endswith((".", "!", "?", ":")) or last - before_sig[-2] > 1:
                    out.append((last, last + 1, "closing"))
    if sig_start is not None and sig_start >= a:
        out.append((sig_start, end, "signature"))
    # Greeting at the top of the block.
    if at_block_start:
        g = top
        c = lines.contents[g]
        if len(c) <= 80 and (GREETING.match(c) or (VOCATIVE.fullmatch(c) and not CLOSING.match(c))
                             ) and all(g < s for s, _, _ in out if s >= top):
            out.append((g, g + 1, "greeting"))
    # Keep the ranges disjoint: a signature never reaches into a disclaimer, etc.
    out.sort()
    cleaned: list[tuple[int, int, str]] = []
    for s, e, kind in out:
        if cleaned and s < cleaned[-1][1]:
            ps, pe, pk = cleaned[-1]
            cleaned[-1] = (ps, s, pk)
            if s <= ps:
                cleaned.pop()
        if e > s:
            cleaned.append((s, e, kind))
    return cleaned


# --------------------------------------------------------------------------
def _blocks(lines: _Lines, subject: str = "") -> tuple[list[_Block], list[int]]:
    """Assign every line to a block; return the blocks and the block index per line.

    A block is ``forwarded`` when its header is a forward banner, when the
    message that encloses it has a ``FW:``-style subject (``subject`` for the
    body's own text), or when it sits right under a Lotus/Gmail forward banner.
    """
    blocks = [_Block(depth=0, kind="new")]
    owner = [0] * lines.n
    stack: list[tuple[int, int]] = [(0, 0)]  # (content quote level, block index)
    i = 0
    while i < lines.n:
        level = lines.levels[i]
        if not lines.blank(i):
            while len(stack) > 1 and stack[-1][0] > level:
                stack.pop()
            found = _detect_header(lines, i)
            if found:
                start, end, header = found
                attributed = header.style == "attribution"
                if attributed:
                    end, header = _header_under_attribution(lines, end, level, header)
                parent = blocks[stack[-1][1]]
                parent_subject = parent.header.subject if parent.header else subject
                under_banner = parent.header is not None and parent.header.style in (
                    "lotus_forward", "forward"
                ) and parent.header_lines[1] >= start - 4
                forwarded = header.forwarded or is_forward_subject(parent_subject) or under_banner
                kind = "forwarded" if forwarded else "quoted"
                block = _Block(
                    depth=parent.depth + 1, kind=kind, header=header,
                    header_start=lines.starts[start], header_end=lines.ends[end - 1],
                    header_lines=(start, end),
                )
                blocks.append(block)
                content_level = level
                nxt = end
                while nxt < lines.n and nxt < end + 4 and lines.blank(nxt):
                    nxt += 1
                if attributed and nxt < lines.n and lines.levels[nxt] > level:
                    content_level = lines.levels[nxt]
                stack.append((content_level, len(blocks) - 1))
                for k in range(start, end):
                    owner[k] = len(blocks) - 1
                i = end
                continue
            if level > stack[-1][0]:
                parent = blocks[stack[-1][1]]
                blocks.append(_Block(depth=parent.depth + 1, kind="quoted"))
                stack.append((level, len(blocks) - 1))
        owner[i] = stack[-1][1]
        i += 1
    return blocks, owner


def _header_under_attribution(lines: _Lines, end: int, level: int,
                              header: InnerHeader) -> tuple[int, InnerHeader]:
    """An attribution line right above a header block of the same message is one header.

    Lotus Notes writes '"Ann Lee" <ann@example.org> wrote on 14.06.2023 14:09:' and
    then a From:/To:/Date:/Subject: block: both introduce the same quoted message,
    which is one level down, not two. The block's fields are kept; what it lacks
    (author, date) comes from the attribution.
    """
    nxt = end
    while nxt < lines.n and nxt < end + 3 and lines.blank(nxt):
        nxt += 1
    if nxt >= lines.n or lines.levels[nxt] != level:
        return end, header
    below = _detect_header(lines, nxt)
    if below is None or below[2].style == "attribution":
        return end, header
    inner = below[2]
    inner.author = inner.author or header.author
    inner.author_email = inner.author_email or header.author_email
    if inner.sent_at is None:
        inner.sent_at, inner.sent_raw = header.sent_at, header.sent_raw
    return below[1], inner


def zone_body(text: str, *, subject: str = "") -> list[Segment]:
    """Split a body into segments that tile it in order.

    Parameters
    ----------
    text : str
        A decoded message body (``None`` or non-text is treated as empty).
    subject : str, default ""
        The message's own subject; a ``FW:``-style subject marks the first
        quoted block as ``forwarded`` rather than ``quoted``.

    Returns
    -------
    list of Segment
        Contiguous, non-overlapping, covering ``text`` from 0 to ``len(text)``;
        ``text[s.start:s.end] == s.text`` for every segment. Empty for an empty
        body.

    Examples
    --------
    >>> body = ("Hi Dana,\\n\\nPlease see below.\\n\\nThanks,\\nSam\\n\\n"
    ...         "-----Original Message-----\\nFrom: Lee, Ann [mailto:ann@example.com]\\n"
    ...         "Sent: Monday, March 03, 2025 10:15 AM\\nTo: Sam Roe\\nSubject: prices\\n\\n"
    ...         "Can you send the 5-year plan?\\n")
    >>> for s in zone_body(body):
    ...     print(s.kind, s.depth, s.author or "-")
    greeting 0 -
    new 0 -
    closing 0 -
    new 0 -
    quoted 1 Lee, Ann
    """
    if not isinstance(text, str) or not text:
        return []
    lines = _Lines(text)
    blocks, owner = _blocks(lines, subject if isinstance(subject, str) else "")
    segments: list[Segment] = []

    def emit(a_off: int, b_off: int, kind: str, block: _Block) -> None:
        if b_off <= a_off:
            return
        h = block.header
        if segments and segments[-1].kind == kind and segments[-1].depth == block.depth and (
            segments[-1].header_start == block.header_start
        ):
            segments[-1].end = b_off
            return
        segments.append(Segment(
            kind=kind, start=a_off, end=b_off, depth=block.depth,
            author=h.author if h else "", author_email=h.author_email if h else "",
            sent_at=h.sent_at if h else None, to=list(h.to) if h else [],
            cc=list(h.cc) if h else [], subject=h.subject if h else "",
            header_start=block.header_start, header_end=block.header_end,
            header_style=h.style if h else "",
        ))

    seen_blocks: set[int] = set()
    i = 0
    while i < lines.n:
        b_idx = owner[i]
        j = i
        while j < lines.n and owner[j] == b_idx:
            j += 1
        block = blocks[b_idx]
        h0, h1 = block.header_lines
        body_a = h1 if h0 <= i < h1 else i
        first_run = b_idx not in seen_blocks
        seen_blocks.add(b_idx)
        base = block.kind
        zones = _subzones(lines, body_a, j, first_run)
        pos = lines.starts[i]
        for s, e, kind in zones:
            emit(pos, lines.starts[s], base, block)
            emit(lines.starts[s], lines.ends[e - 1], kind, block)
            pos = lines.ends[e - 1]
        emit(pos, lines.ends[j - 1], base, block)
        i = j
    segments = _with_pastes(text, segments)
    for s in segments:
        s.text = text[s.start : s.end]
    return segments


# A paste is introduced in the author's own words, on a line of its own that ends in a
# colon ("Copying in the text from Sergio's note:", "A vendor sent us the following:").
_LEAD_IN = re.compile(r"^[ \t]*\S[^\n]{8,200}:[ \t]*$")
_INDENTED = re.compile(r"^(?:[ ]{2,}|\t)\S")
_OPENING_QUOTE = re.compile(r"^[ \t]*[\"“„«]")
_CLOSING_QUOTE = re.compile(r"[\"”“»][ \t]*$")
# whose words: "from Sergio's note", "Dana wrote:", "what Dana sent"
_PASTE_AUTHOR = re.compile(
    rf"\b(?:from|by)[ \t]+({UPPER}[\w-]+(?:[ \t]+{UPPER}[\w-]+)?)(?:['’]s)?\b"
    rf"|\b({UPPER}[\w-]+(?:[ \t]+{UPPER}[\w-]+)?)(?:['’]s[ \t]+(?:note|mail|e-?mail|message|"
    rf"text|words)|[ \t]+(?:wrote|sent|writes))\b")
_MIN_PASTE_WORDS = 12
# ... and a lead-in that says in so many words that it pastes ("Copying a paragraph from
# a note I received:", "Pasting the relevant part of our standards:", "Quoting what we
# were told:") may introduce a plain paragraph, set off by nothing but the lead-in; not
# "Copying Dana:", which copies a person in
_PASTING = re.compile(
    r"\b(?:past(?:e|ed|ing)|quot(?:e|ed|ing)|verbatim|excerpt|extract|"
    r"cop(?:y|ied|ying)(?:[ \t]+(?:in|out|over|below|here))?[ \t]+(?:a|an|the|this|that|"
    r"some|parts?|paragraphs?|passages?|text|sections?|lines?|bits?|what|from)\b)",
    re.IGNORECASE)
# ... of words from elsewhere: a note, a deck, what someone sent, said or showed ("paste
# it into your browser's address line:" introduces no one's words)
_FROM_ELSEWHERE = re.compile(
    r"\b(?:from|received|told|shown|showed|sent|wrote|said|says|circulat\w*|shared)\b",
    re.IGNORECASE)
# a word of prose, with the punctuation around it ("(Spark", "2.1.0)", "df.count()" are not)
_PROSE_WORD = re.compile(r"^[\"“'(-]*[^\W\d_][^\W\d_'’-]*(?:[-'’][^\W\d_]+)*[\"”'),.;:!?-]*$")
# ... and says it passes on someone's words: an indented stack trace after "Here is
# the error:" is the author's own material
_RELAYING = re.compile(
    r"\b(?:past(?:e|ed|ing)|cop(?:y|ied|ying)|forward(?:ed|ing)?|sent[ \t]+(?:me|us)|"
    r"wrote|writes|said|says|put[ \t]+it|note|message|e-?mail|mail|memo|letter|text|words|"
    r"quote|quoting|verbatim)\b", re.IGNORECASE)


def _with_pastes(text: str, segments: list[Segment]) -> list[Segment]:
    """Split pasted passages out of the latest author's new text.

    People paste what someone else wrote into their own note, introduced by a line
    that ends in a colon and says so ("pasting", "copying in", "sent me", "note") and
    set off by indentation or quotation marks. The passage
    becomes a ``quoted`` block of depth 1 whose author, when the lead-in names one
    ("from Sergio's note") or the passage is signed ("Regards,\\nSergio"), is that
    name, and its ``header_style`` is ``"pasted"``; the note around it stays ``new``.
    """
    out: list[Segment] = []
    for seg in segments:
        if seg.depth != 0 or seg.kind != "new":
            out.append(seg)
            continue
        out.extend(_split_paste(text, seg))
    return out


def _split_paste(text: str, seg: Segment) -> list[Segment]:
    body = text[seg.start:seg.end]
    lines = body.splitlines(keepends=True)
    offsets, pos = [], 0
    for line in lines:
        offsets.append(pos)
        pos += len(line)
    for i, line in enumerate(lines[:-1]):
        if not _LEAD_IN.match(line.rstrip("\r\n")) or _QUOTE_PREFIX.match(line) or \
                not _RELAYING.search(line):
            continue
        j = i + 1
        while j < len(lines) and not lines[j].strip():
            j += 1
        pastes = bool(_PASTING.search(line) and _FROM_ELSEWHERE.search(line))
        end = _paste_end(lines, j, bare=pastes)
        if end is None:
            continue
        passage = "".join(lines[j:end])
        if len(passage.split()) < _MIN_PASTE_WORDS:
            continue
        a, b = seg.start + offsets[j], seg.start + offsets[end - 1] + len(lines[end - 1])
        named = _PASTE_AUTHOR.search(line)
        author = (named.group(1) or named.group(2)) if named else _signed_by(lines[j:end])
        parts = [Segment(kind="new", start=seg.start, end=a),
                 Segment(kind="quoted", start=a, end=b, depth=1, author=author or "",
                         header_style="pasted")]
        rest = Segment(kind="new", start=b, end=seg.end)
        return parts + (_split_paste(text, rest) if rest.end > rest.start else [])
    return [seg]


def _paste_end(lines: list[str], j: int, bare: bool = False) -> int | None:
    """End (exclusive) of the indented or quoted passage starting at line ``j``; with
    ``bare`` (the lead-in says it pastes), of the one paragraph there, set off or not,
    when the note goes on after it."""
    if j >= len(lines):
        return None
    if _INDENTED.match(lines[j]):
        end = j
        k = j
        while k < len(lines) and (_INDENTED.match(lines[k]) or not lines[k].strip()):
            if lines[k].strip():
                end = k + 1
            k += 1
        return end if sum(1 for x in lines[j:end] if x.strip()) >= 2 else None
    if _OPENING_QUOTE.match(lines[j]):
        for k in range(j, min(len(lines), j + 60)):
            if _CLOSING_QUOTE.search(lines[k].rstrip("\r\n")) and (
                    k > j or len(lines[k].strip()) > 2):
                return k + 1
        return None
    if bare:
        end = j
        while end < len(lines) and lines[end].strip():
            end += 1
        # prose (a shell's output or a log is one's own material), and the note's own
        # words after it (an ask, a closing) set it off as a paste
        tokens = "".join(lines[j:end]).split()
        prose = sum(bool(_PROSE_WORD.match(t)) for t in tokens) >= 0.8 * len(tokens)
        if prose and any(line.strip() for line in lines[end:]):
            return end
    return None


def _signed_by(lines: list[str]) -> str:
    """The name a passage is signed with ("Gruß,\\nSergio", or the name alone on its
    last line), or ""."""
    filled = [x.strip().strip("\"”“»") for x in lines if x.strip()]
    if len(filled) < 2 or not _name_like(filled[-1]) or CLOSING.match(filled[-1]):
        return ""
    words = filled[-1].split()
    if CLOSING.match(filled[-2]) and len(words) <= 3:
        return filled[-1]
    if len(words) <= 2 and filled[-1][-1:].isalpha() and all(w[:1].isupper() for w in words):
        return filled[-1]
    return ""


def new_text(text: str) -> str:
    """The latest author's own words: depth-0 ``new`` segments, joined.

    Greeting, closing, signature, disclaimer and every quoted or forwarded
    block are left out; this is what text features should see.

    Examples
    --------
    >>> new_text("Hi Ann,\\nCan we meet Friday?\\nThanks,\\nBo\\n\\nOn Mon, 3 Mar 2025 at 10:15, "
    ...          "Ann Lee <ann@example.org> wrote:\\n> Agenda attached.\\n")
    'Can we meet Friday?'
    """
    return _join_zones(s.text for s in zone_body(text)
                       if s.depth == 0 and s.kind == "new").strip()


#: The segments of the author's whole note, as request detection reads it: a greeting
#: that names the reader and a closing thanks are cues, a signature is not.
NOTE_KINDS = ("greeting", "new", "closing")


def own_text(segments: pd.DataFrame, kinds=("new",), index=None) -> pd.Series:
    """Each message's depth-0 segments of ``kinds``, joined in order.

    ``kinds=("new",)`` gives the latest author's new text (what text features
    see, as :func:`new_text`); :data:`NOTE_KINDS` the note request detection
    reads. ``index`` (the messages' ``message_key``) gives "" to messages with
    no such segment.

    Examples
    --------
    >>> msgs = pd.DataFrame({"body_text": ["Hi Ann,\\nCan we meet Friday?\\nThanks,\\nBo"]},
    ...                     index=pd.Index(["m1"], name="message_key"))
    >>> segments = segment_messages(msgs)
    >>> own_text(segments)["m1"], own_text(segments, NOTE_KINDS)["m1"]
    ('Can we meet Friday?', 'Hi Ann,\\nCan we meet Friday?\\nThanks,\\nBo')
    """
    chosen = segments[(segments["depth"] == 0) & segments["kind"].isin(kinds)]
    joined = chosen.groupby("message_key", sort=False)["text"].agg(_join_zones)
    if index is not None:
        joined = joined.reindex(index).fillna("")
    return joined.astype(str)


def _join_zones(texts) -> str:
    """Zones joined by a line break, or by a blank line where one parted them."""
    out = ""
    previous = ""
    for text in texts:
        body = text.strip("\n")
        if not body.strip():
            previous += text
            continue
        if out:
            gap = previous[len(previous.rstrip("\n")):] + text[:len(text) - len(text.lstrip("\n"))]
            out += "\n\n" if gap.count("\n") >= 2 else "\n"
        out += body
        previous = text
    return out


def segment_messages(messages: pd.DataFrame) -> pd.DataFrame:
    """The ``segments`` frame for a ``messages`` frame.

    Parameters
    ----------
    messages : pandas.DataFrame
        Indexed by ``message_key``, with a ``body_text`` column. When the
        frame also has ``sender``, ``sender_name`` and ``sent_at``, depth-0
        segments take them as author, address and date.

    Returns
    -------
    pandas.DataFrame
        One row per segment, validated against the ``segments`` contract, with
        the extra columns ``depth``, ``to``, ``cc``, ``subject``,
        ``header_start``, ``header_end`` and ``header_style``.

    Raises
    ------
    ValueError
        When ``messages`` has no ``body_text`` column.
    """
    if not isinstance(messages, pd.DataFrame) or "body_text" not in messages.columns:
        got = (list(messages.columns) if isinstance(messages, pd.DataFrame)
               else type(messages).__name__)
        raise ValueError(
            "segment_messages: 'messages' must be a DataFrame with a 'body_text' column "
            f"(the messages frame from vision_analytics.ingest.load); got {got}. "
            "Pass corpus.messages."
        )
    n = len(messages)

    def column(name, default):
        # whole columns as lists: per-row pandas access cost more than the zoning
        return messages[name].tolist() if name in messages.columns else [default] * n

    bodies, subjects = column("body_text", ""), column("subject", "")
    names, senders, times = column("sender_name", ""), column("sender", ""), column(
        "sent_at", None)
    names_ = ("message_key", "kind", "start", "end", "author", "author_email", "sent_at",
              "text", "depth", "to", "cc", "subject", "header_start", "header_end",
              "header_style")
    # one list per column (not one dict per segment): a third of the transient memory
    columns: dict[str, list] = {name: [] for name in names_}
    add = {name: columns[name].append for name in names_}
    for pos, key in enumerate(messages.index):
        body = bodies[pos]
        body = body if isinstance(body, str) else ""
        key = str(key)
        for s in zone_body(body, subject=_clean(subjects[pos])):
            author, email, sent = s.author, s.author_email, s.sent_at
            if s.depth == 0:
                author, email, sent = _clean(names[pos]), _clean(senders[pos]), times[pos]
            add["message_key"](key)
            add["kind"](s.kind)
            add["start"](s.start)
            add["end"](s.end)
            add["author"](author)
            add["author_email"](email)
            add["sent_at"](sent if isinstance(sent, pd.Timestamp) and not pd.isna(sent)
                           else pd.NaT)
            add["text"](s.text)
            add["depth"](s.depth)
            add["to"](s.to)
            add["cc"](s.cc)
            add["subject"](s.subject)
            add["header_start"](s.header_start)
            add["header_end"](s.header_end)
            add["header_style"](s.header_style)
    rows = columns["message_key"]
    base = empty_frame("segments")
    extra = {"depth": "int64", "to": object, "cc": object, "subject": "str",
             "header_start": "int64", "header_end": "int64", "header_style": "str"}
    if not rows:
        for col, dtype in extra.items():
            base[col] = pd.Series([], dtype=dtype)
        return validate_frame(base, "segments")
    frame = pd.DataFrame(columns)
    del columns, add
    frame["sent_at"] = pd.to_datetime(frame["sent_at"], utc=True).astype("datetime64[us, UTC]")
    for col in ("start", "end", "depth", "header_start", "header_end"):
        frame[col] = frame[col].astype("int64")
    for col in ("message_key", "kind", "author", "author_email", "text", "subject", "header_style"):
        frame[col] = frame[col].astype("str")
    frame = frame[list(base.columns) + list(extra)]
    return validate_frame(frame, "segments")


def _clean(value: object) -> str:
    return value if isinstance(value, str) else ""
