"""Request / RFI logs and org charts from CSV, TSV and Excel files.

People keep request logs in spreadsheets with their own column names, date
formats, encodings and title rows. :func:`read_table` finds the header row,
recognises the columns from the many names in use, tells a request log from an
org chart, and returns contract frames plus one :class:`LoadError` per row that
could not be read in full.

Conventions (documented once, used everywhere below):

- *Positions*: in a CSV file ``"row N"`` is the N-th data row below the header
  (blank rows count, so numbers match what a user counts); in an Excel file
  ``"Sheet!row N"`` is the row number Excel shows at the left of the sheet.
- *Times* are timezone-aware UTC. A time written without a zone (and every Excel
  date cell, which has none) is taken as UTC.
- *Numeric dates* such as ``03/04/2025`` are read day-first or month-first per
  column, from the values: a first field above 12 means day-first, a second
  field above 12 means month-first. When no value decides, the column is read
  month-first, or day-first for ``;``-delimited files (the export format of
  Excel in day-first locales), and a ``kept=True`` note says so.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import math
import re
import unicodedata
import warnings
import zipfile
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pandas as pd

from .._letters import UPPER
from .._schema import empty_frame, validate_frame
from ._records import LoadError

__all__ = ["LOG_FIELDS", "ORG_FIELDS", "TableResult", "read_table"]

#: Largest table file read (bytes); larger files become one ``too_large`` error.
MAX_TABLE_BYTES = 512 * 1024 * 1024
#: Largest total uncompressed size of an .xlsx archive (guards against zip bombs).
MAX_XLSX_UNCOMPRESSED = 2 * 1024 * 1024 * 1024
#: How many non-blank rows from the top may hold the header (title rows above it).
HEADER_SEARCH_ROWS = 10
#: Columns of a header row that are matched against the vocabularies.
MAX_HEADER_COLUMNS = 256

# --------------------------------------------------------------------------
# Column vocabularies. Each field lists (synonym, weight): weight 1 for the
# usual names, lower for names that only fit when nothing better is there.
# ``_AVOID`` lists header words that veto a *partial* match for a field (a
# "Closed Date" is not when the request was sent; a "Response" is not the ask).
# --------------------------------------------------------------------------

_LOG_SYNONYMS: dict[str, list[tuple[str, float]]] = {
    "text": [
        ("Question", 1.0), ("Description", 1.0), ("Request", 1.0), ("Details", 1.0),
        ("Ask", 1.0), ("Requirement", 1.0), ("Body", 1.0), ("Request Text", 1.0),
        ("Request Details", 1.0), ("Request Description", 1.0), ("Question Text", 1.0),
        ("Text", 0.8), ("Message", 0.8), ("Query", 0.8), ("Inquiry", 0.8), ("Enquiry", 0.8),
        ("Summary", 0.55), ("Notes", 0.5),
        # French, Spanish, Portuguese, Italian, German, Dutch, Nordic, Polish
        ("Détail", 1.0), ("Détails", 1.0), ("Demande", 0.9), ("Détail de la demande", 1.0),
        ("Detalle", 1.0), ("Descripción", 1.0), ("Solicitud", 0.9), ("Pregunta", 1.0),
        ("Consulta", 0.9), ("Descrição", 1.0), ("Detalhe", 1.0), ("Pedido", 0.9),
        ("Pergunta", 1.0), ("Descrizione", 1.0), ("Dettaglio", 1.0), ("Richiesta", 0.9),
        ("Domanda", 1.0), ("Beschreibung", 1.0), ("Anfrage", 0.9), ("Frage", 1.0),
        ("Anliegen", 1.0), ("Omschrijving", 1.0), ("Beschrijving", 1.0), ("Vraag", 1.0),
        ("Verzoek", 0.9), ("Beskrivning", 1.0), ("Beskrivelse", 1.0), ("Fråga", 1.0),
        ("Spørgsmål", 1.0), ("Spørsmål", 1.0), ("Opis", 1.0), ("Pytanie", 1.0),
        ("Treść", 1.0), ("Zapytanie", 0.9), ("Szczegóły", 1.0),
    ],
    "subject": [
        ("Title", 1.0), ("Subject", 1.0), ("Topic", 1.0), ("Summary", 0.9),
        ("Headline", 0.8), ("Short Description", 0.9),
        ("Objet", 1.0), ("Sujet", 1.0), ("Titre", 1.0), ("Asunto", 1.0), ("Título", 1.0),
        ("Tema", 0.9), ("Assunto", 1.0), ("Oggetto", 1.0), ("Titolo", 1.0),
        ("Betreff", 1.0), ("Titel", 1.0), ("Thema", 0.9), ("Onderwerp", 1.0),
        ("Rubrik", 1.0), ("Ämne", 1.0), ("Emne", 1.0), ("Tittel", 1.0), ("Temat", 1.0),
        ("Tytuł", 1.0),
    ],
    "sender": [
        ("Requested By", 1.0), ("Requester", 1.0), ("From", 1.0), ("Requestor", 1.0),
        ("Submitted By", 1.0), ("Asked By", 1.0), ("Contact", 1.0),
        ("Customer Contact", 1.0), ("Raised By", 1.0), ("Created By", 0.85),
        ("Opened By", 0.85), ("Reported By", 0.9), ("Sender", 1.0), ("Originator", 0.9),
        ("Requester Name", 1.0), ("Reporter", 1.0), ("Customer", 0.7), ("Name", 0.5),
        # ServiceNow: the caller is who asked; "opened_by" is the agent who logged it
        ("Caller", 1.0), ("Caller ID", 1.0), ("Contact Name", 1.0),
        ("Demandeur", 1.0), ("Demandé par", 1.0), ("Émetteur", 0.9), ("Solicitante", 1.0),
        ("Solicitado por", 1.0), ("Contacto", 1.0), ("Remitente", 0.9), ("Requerente", 1.0),
        ("Contato", 1.0), ("Richiedente", 1.0), ("Mittente", 0.9), ("Contatto", 1.0),
        ("Anfragender", 1.0), ("Antragsteller", 1.0), ("Ansprechpartner", 1.0),
        ("Absender", 0.9), ("Kontakt", 1.0), ("Melder", 1.0), ("Aanvrager", 1.0),
        ("Afzender", 0.9), ("Contactpersoon", 1.0), ("Beställare", 1.0),
        ("Avsändare", 0.9), ("Kontaktperson", 1.0), ("Anmälare", 1.0), ("Anmoder", 1.0),
        ("Afsender", 0.9), ("Bestiller", 1.0), ("Avsender", 0.9), ("Innmelder", 1.0),
        ("Zgłaszający", 1.0), ("Wnioskodawca", 1.0), ("Nadawca", 0.9),
        ("Osoba kontaktowa", 1.0),
    ],
    "sender_email": [
        ("Email", 0.9), ("E-mail", 0.9), ("Email Address", 0.9), ("Requester Email", 1.0),
        ("Contact Email", 1.0), ("From Email", 1.0), ("Sender Email", 1.0),
        ("Courriel", 0.9), ("Adresse e-mail", 0.9), ("Correo", 0.9),
        ("Correo electrónico", 0.9), ("E-Mail-Adresse", 0.9), ("E-mailadres", 0.9),
        ("E-post", 0.9), ("E-postadress", 0.9), ("Adres e-mail", 0.9),
    ],
    "sent_at": [
        ("Date Received", 1.0), ("Submitted", 1.0), ("Date", 1.0), ("Received", 1.0),
        ("Request Date", 1.0), ("Created", 1.0), ("Opened", 1.0), ("Date Raised", 1.0),
        ("Date Submitted", 1.0), ("Created At", 1.0), ("Created On", 1.0),
        ("Date Opened", 1.0), ("Sent", 0.9), ("Timestamp", 0.9), ("Raised", 0.9),
        ("Received Date", 1.0), ("Submitted On", 1.0), ("Date Created", 1.0),
        ("Logged", 1.0), ("Logged On", 1.0), ("Logged At", 1.0), ("Date Logged", 1.0),
        ("Date de création", 1.0), ("Date de la demande", 1.0), ("Créé le", 1.0),
        ("Ouvert le", 1.0), ("Reçu le", 1.0), ("Fecha", 1.0), ("Fecha de creación", 1.0),
        ("Fecha de solicitud", 1.0), ("Creado", 1.0), ("Data", 0.9), ("Data de criação", 1.0),
        ("Criado em", 1.0), ("Data apertura", 1.0), ("Data richiesta", 1.0),
        ("Datum", 1.0), ("Erstellt", 1.0), ("Erstellt am", 1.0), ("Eingang", 1.0),
        ("Eingangsdatum", 1.0), ("Aangemaakt", 1.0), ("Aangemaakt op", 1.0),
        ("Ontvangen", 1.0), ("Skapad", 1.0), ("Inkommen", 1.0), ("Registrerad", 1.0),
        ("Dato", 1.0), ("Oprettet", 1.0), ("Opprettet", 1.0), ("Modtaget", 1.0),
        ("Mottatt", 1.0), ("Data zgłoszenia", 1.0), ("Data utworzenia", 1.0),
        ("Utworzono", 1.0),
    ],
    "category": [
        ("Category", 1.0), ("Type", 1.0), ("Area", 1.0), ("Workstream", 1.0),
        ("Request Type", 1.0), ("Label", 0.7), ("Tag", 0.7), ("Theme", 0.8),
        ("Catégorie", 1.0), ("Categoría", 1.0), ("Categoria", 1.0), ("Tipo", 1.0),
        ("Kategorie", 1.0), ("Typ", 1.0), ("Categorie", 1.0), ("Kategori", 1.0),
        ("Kategoria", 1.0), ("Rodzaj", 1.0),
    ],
    "due": [
        ("Due", 1.0), ("Due Date", 1.0), ("Deadline", 1.0), ("Needed By", 1.0),
        ("Due By", 1.0), ("Required By", 0.9), ("Target Date", 0.8),
        ("Échéance", 1.0), ("Fecha límite", 1.0), ("Vencimento", 1.0), ("Scadenza", 1.0),
        ("Fällig", 1.0), ("Fällig am", 1.0), ("Frist", 1.0),
    ],
    "status": [("Status", 1.0), ("State", 1.0), ("Stage", 0.7), ("Statut", 1.0),
               ("État", 1.0), ("Estado", 1.0), ("Stato", 1.0), ("Situação", 1.0)],
    "hours_spent": [
        ("Hours Spent", 1.0), ("Effort (h)", 1.0), ("Hours", 1.0), ("Time Spent", 1.0),
        ("Effort", 1.0), ("Effort Hours", 1.0), ("Hrs", 0.9), ("Time (h)", 0.9),
        ("Time Worked", 1.0),
        ("Charge (h)", 1.0), ("Charge (j)", 1.0), ("Charge (jours)", 1.0),
        ("Charge de travail", 1.0), ("Temps passé", 1.0), ("Esfuerzo", 1.0),
        ("Tiempo dedicado", 1.0), ("Horas", 1.0), ("Esforço", 1.0), ("Impegno", 1.0),
        ("Ore", 0.9), ("Aufwand", 1.0),
        ("Zeitaufwand", 1.0), ("Stunden", 1.0), ("Uren", 1.0), ("Bestede tijd", 1.0),
        ("Insats", 1.0), ("Nedlagd tid", 1.0), ("Timmar", 1.0), ("Timer", 1.0),
        ("Tidsforbrug", 1.0), ("Tidsbruk", 1.0), ("Nakład", 1.0), ("Godziny", 1.0),
        ("Czas pracy", 1.0),
    ],
    "request_ref": [
        ("ID", 1.0), ("Request ID", 1.0), ("Ref", 1.0), ("#", 1.0), ("Ticket", 1.0),
        ("RFI No.", 1.0), ("RFI", 0.9), ("RFI ID", 1.0), ("Reference", 1.0), ("No.", 0.9),
        ("Number", 0.8), ("Ticket ID", 1.0), ("Request Number", 1.0), ("Key", 0.7),
        ("Issue Key", 1.0), ("Case Number", 1.0), ("Case", 0.9),
        ("Réf. demande", 1.0), ("Référence", 1.0), ("Numéro", 0.9),
        ("Referencia", 1.0), ("Número", 0.9), ("Riferimento", 1.0),
        ("Nr.", 0.9), ("Nummer", 0.8), ("Ticketnummer", 1.0), ("Vorgang", 0.9),
        ("Referentie", 1.0), ("Ärende", 0.9), ("Ärendenummer", 1.0), ("Sagsnummer", 1.0),
        ("Saksnummer", 1.0), ("Nr zgłoszenia", 1.0), ("Numer", 0.8),
    ],
}

_ORG_SYNONYMS: dict[str, list[tuple[str, float]]] = {
    "name": [
        ("Full Name", 1.0), ("Name", 1.0), ("Employee", 1.0), ("Employee Name", 1.0),
        ("Display Name", 1.0), ("Person", 0.9), ("Staff", 0.8), ("Contact Name", 0.9),
    ],
    "first_name": [("First Name", 1.0), ("Given Name", 1.0), ("First", 0.8), ("Forename", 1.0)],
    "last_name": [("Last Name", 1.0), ("Surname", 1.0), ("Family Name", 1.0), ("Last", 0.8)],
    "email": [
        ("E-mail", 1.0), ("Email", 1.0), ("Email Address", 1.0), ("Mail", 0.9),
        ("Work Email", 1.0), ("SMTP Address", 0.9),
    ],
    "title": [
        ("Job Title", 1.0), ("Title", 1.0), ("Role", 1.0), ("Position", 1.0),
        ("Designation", 0.9), ("Job", 0.8),
    ],
    "department": [
        ("Dept", 1.0), ("Department", 1.0), ("Business Unit", 1.0), ("Org", 1.0),
        ("Organization", 1.0), ("Organisation", 1.0), ("Division", 1.0), ("Team", 0.9),
        ("Function", 0.8), ("Group", 0.8), ("Unit", 0.8),
    ],
    "manager": [
        ("Reports To", 1.0), ("Manager", 1.0), ("Line Manager", 1.0), ("Supervisor", 1.0),
        ("Manager Name", 1.0), ("Boss", 0.8), ("Reporting To", 1.0),
    ],
    "location": [
        ("Office", 1.0), ("Location", 1.0), ("Site", 1.0), ("City", 0.9), ("Country", 0.7),
        ("Work Location", 1.0),
    ],
}

_AVOID: dict[str, set[str]] = {
    "sent_at": {"due", "closed", "close", "resolved", "answered", "completed", "updated",
                "modified", "response", "responded", "target", "needed", "deadline", "by",
                "end", "last"},
    "sender": {"assigned", "assignee", "owner", "responder", "answered", "resolved",
               "closed", "approved", "email", "mail", "id", "date", "phone", "agent",
               "assignment", "responsable", "ansvarig", "opiekun", "verantwortlich",
               "bearbeiter", "handlaggare", "behandler", "eigenaar"},
    "text": {"response", "responses", "answer", "answers", "reply", "resolution", "date",
             "internal", "id", "status", "type", "by", "no", "number", "ref", "count"},
    "subject": {"id", "date", "job"},
    "request_ref": {"customer", "employee", "contract", "po", "invoice"},
    "name": {"id", "email", "mail", "manager", "company", "file", "project", "first",
             "last", "user"},
    "title": {"request", "rfi", "question", "document"},
    "email": {"manager", "cc"},
    "department": {"id", "code"},
}

#: Fields of a request-log mapping (``columns=`` values).
LOG_FIELDS: tuple[str, ...] = tuple(_LOG_SYNONYMS)
#: Fields of an org-chart table (recognised automatically).
ORG_FIELDS: tuple[str, ...] = tuple(_ORG_SYNONYMS)

_KINDS = ("request_log", "org_chart")
_LOG_EXTRA = ["sender_name", "category", "due", "status", "hours_spent", "source"]
_ORG_COLUMNS = ["name", "email", "title", "department", "manager", "location", "source"]

_EMAIL = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


@dataclass
class TableResult:
    """What :func:`read_table` found in one file.

    Attributes
    ----------
    kind : {"request_log", "org_chart"} or None
        None when the file is neither (all its rows are then load errors).
    frame : DataFrame
        The requests frame (index ``request_id``) for a request log, the people
        (``name``, ``email``, ``title``, ``department``, ``manager``,
        ``location``, ``source``) for an org chart, empty otherwise.
    errors : list of LoadError
        One per row not read in full; ``kept=True`` when the row is still in
        ``frame``, plus ``kept=True`` notes about whole columns (ambiguous dates).
    n_items : int
        Data rows found (1 for a file that cannot be parsed at all). Always
        ``n_items == len(frame) + sum(not e.kept for e in errors)``.
    columns : dict
        The mapping used, ``{column in the file: field}``, per sheet for Excel
        (keys ``"Sheet!column"``).
    """

    kind: str | None
    frame: pd.DataFrame
    errors: list[LoadError] = field(default_factory=list)
    n_items: int = 0
    columns: dict[str, str] = field(default_factory=dict)

    @property
    def reconciled(self) -> bool:
        """Whether every item is a frame row or a ``kept=False`` error."""
        return self.n_items == len(self.frame) + sum(not e.kept for e in self.errors)


def read_table(
    path,
    *,
    columns: Mapping[str, str] | None = None,
    kind: str | None = None,
    dayfirst: bool | None = None,
) -> TableResult:
    """Read a request / RFI log or an org chart from a CSV, TSV or .xlsx file.

    Parameters
    ----------
    path : str or Path
        A delimited text file (``,`` ``;`` tab or ``|``, sniffed; UTF-8 with or
        without BOM, UTF-16 with BOM, else cp1252) or an Excel .xlsx workbook
        (every sheet whose header maps to a request log is read).
    columns : mapping, optional
        Explicit request-log mapping ``{"their column": "field"}`` that
        overrides recognition for the columns it names (fields: see
        :data:`LOG_FIELDS`; ``sender_email`` is a column of addresses beside a
        name column). Ignored for org charts.
    kind : {"request_log", "org_chart"}, optional
        Force the reading; by default the kind is told from the header (a table
        with neither a request text nor a sender column is not a request log).
    dayfirst : bool, optional
        How to read numeric dates such as ``03/04/2025`` when the values do not
        decide it (see the module notes). By default: decided from the values.

    Returns
    -------
    TableResult

    Raises
    ------
    ValueError
        For an invalid ``kind``, or a ``columns`` mapping naming an unknown
        field or a column the file does not have. A file that cannot be read is
        not an exception: it is reported in ``errors``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "rfi.csv"
    >>> _ = path.write_text("RFI No.;Requested By;Question;Date Received\\n"
    ...                     "7;Dana <Dana@Customer.com>;Can you price 5 years?;13/01/2025\\n")
    >>> result = read_table(path)
    >>> result.kind, result.n_items, len(result.errors)
    ('request_log', 1, 0)
    >>> row = result.frame.iloc[0]
    >>> row["message_id"], row["sender"], row["sender_name"], str(row["sent_at"])
    ('7', 'dana@customer.com', 'Dana', '2025-01-13 00:00:00+00:00')
    """
    path = Path(path)
    if kind not in (None, *_KINDS):
        raise ValueError(
            f"read_table(kind=...) must be one of {list(_KINDS)} or None, got {kind!r}."
        )
    mapping = _check_mapping(path, columns)
    if dayfirst not in (None, True, False):
        raise ValueError(
            f"read_table(dayfirst=...) must be True, False or None, got {dayfirst!r}."
        )
    try:
        return _read(path, mapping, kind, dayfirst)
    except _MappingError as exc:
        raise ValueError(str(exc)) from None
    except Exception as exc:  # noqa: BLE001 - hostile input must not stop a load
        return _unreadable(path, kind, "internal_error",
                           f"{type(exc).__name__}: {exc} (please report this file's shape)")


# --------------------------------------------------------------------------
# Reading files into sheets of raw rows
# --------------------------------------------------------------------------


@dataclass
class _Sheet:
    """Raw rows of one CSV file or one worksheet."""

    name: str | None  # worksheet title; None for a delimited text file
    rows: list[list]
    delimiter: str = ","
    regular: bool = True  # the delimiter splits most lines into the same number of cells
    epoch: datetime = datetime(1899, 12, 30)
    errors: list[tuple[int, str, str]] = field(default_factory=list)  # (row idx, code, detail)

    def position(self, index: int, header: int | None) -> str:
        """Position string of raw row ``index`` (0-based) given the header row index."""
        if self.name is not None:
            return f"{self.name}!row {index + 1}"
        base = -1 if header is None else header
        return f"row {index - base}"


class _Unreadable(Exception):
    def __init__(self, code: str, detail: str):
        super().__init__(detail)
        self.code = code
        self.detail = detail


class _MappingError(Exception):
    pass


def _read(path: Path, mapping, kind, dayfirst) -> TableResult:
    try:
        sheets = _read_sheets(path)
    except _Unreadable as exc:
        return _unreadable(path, kind, exc.code, exc.detail)
    except OSError as exc:
        return _unreadable(path, kind, "unreadable_file", f"{type(exc).__name__}: {exc}")
    return _Builder(path, mapping, kind, dayfirst).build(sheets)


def _unreadable(path: Path, kind, code: str, detail: str) -> TableResult:
    return TableResult(
        kind=None,
        frame=_empty(kind or "request_log"),
        errors=[LoadError(str(path), "", code, detail, kept=False)],
        n_items=1,
    )


def _read_sheets(path: Path) -> list[_Sheet]:
    size = path.stat().st_size
    if size > MAX_TABLE_BYTES:
        raise _Unreadable("too_large", f"file of {size:,} bytes exceeds the "
                          f"{MAX_TABLE_BYTES:,}-byte limit for tables; split it or export "
                          "only the needed columns")
    with open(path, "rb") as handle:
        head = handle.read(8)
    if head.startswith(b"PK\x03\x04"):
        return _read_xlsx(path)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise _Unreadable("unsupported_format", "an old binary Excel (.xls) or Outlook file, "
                          "not a table this tool reads; save it as .xlsx or CSV")
    raw = path.read_bytes()
    if not raw.strip():
        raise _Unreadable("empty_file", "the file is empty; nothing to read")
    text, encoding = _decode(raw)
    sample = text[:20000]
    bad = len(_CONTROL.findall(sample))
    if "\x00" in sample or bad > max(2, len(sample) // 200):
        raise _Unreadable("not_a_table", f"binary content ({bad} control characters in the "
                          f"first {len(sample):,} characters read as {encoding}); not a "
                          "CSV/TSV table — export the log as CSV or .xlsx")
    delimiter, regular = _sniff_delimiter(sample)
    sheet = _parse_delimited(text, delimiter)
    sheet.regular = regular
    return [sheet]


def _decode(raw: bytes) -> tuple[str, str]:
    """Text of ``raw``: BOMs first, then UTF-16 without BOM, UTF-8, cp1252, latin-1."""
    for bom, encoding in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                          (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if raw.startswith(bom):
            return raw.decode(encoding, errors="replace"), encoding
    head = raw[:4000]
    if len(head) >= 4:
        even, odd = head[0::2].count(0), head[1::2].count(0)
        if odd > 0.4 * len(head) / 2 and even == 0:
            return raw.decode("utf-16-le", errors="replace"), "utf-16-le"
        if even > 0.4 * len(head) / 2 and odd == 0:
            return raw.decode("utf-16-be", errors="replace"), "utf-16-be"
    for encoding in ("utf-8", "cp1252"):
        try:
            return raw.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1"), "latin-1"


def _sniff_delimiter(sample: str) -> tuple[str, bool]:
    """The delimiter whose field count is most consistent over the first lines.

    When none splits the lines consistently the file is one column: the unit
    separator (never in ordinary text) is returned so commas in text stay put.
    The flag says whether most lines have the same number of cells (prose does not).
    """
    cut = sample.rfind("\n")
    sample = sample[: cut if cut > 0 else len(sample)]
    best, best_score, regular = "\x1f", 0.0, False
    for delimiter in (",", "\t", ";", "|"):
        if delimiter not in sample:
            continue
        counts = []
        try:
            for i, row in enumerate(csv.reader(io.StringIO(sample, newline=""),
                                               delimiter=delimiter)):
                if i >= 40:
                    break
                if any(cell.strip() for cell in row):
                    counts.append(len(row))
        except csv.Error:
            continue
        if not counts:
            continue
        tally = Counter(counts)
        mode, n = max(tally.items(), key=lambda kv: (kv[1], kv[0]))
        if mode < 2:
            continue
        score = n + 0.001 * mode
        if score > best_score:
            best, best_score, regular = delimiter, score, n >= 0.6 * len(counts)
    return best, regular


def _parse_delimited(text: str, delimiter: str) -> _Sheet:
    sheet = _Sheet(name=None, rows=[], delimiter=delimiter)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            sheet.errors.append((len(sheet.rows), "bad_row", f"CSV syntax error: {exc}"))
            sheet.rows.append(None)  # placeholder keeps row numbering
            continue
        sheet.rows.append(row)
    return sheet


def _read_xlsx(path: Path) -> list[_Sheet]:
    try:
        with zipfile.ZipFile(path) as archive:
            total = sum(info.file_size for info in archive.infolist())
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise _Unreadable("unreadable_xlsx", f"not a readable .xlsx archive ({exc}); "
                          "re-save it from Excel") from None
    if "xl/workbook.xml" not in names:
        raise _Unreadable("unsupported_format", "a ZIP archive that is not an Excel .xlsx "
                          "workbook (no xl/workbook.xml)")
    if total > MAX_XLSX_UNCOMPRESSED:
        raise _Unreadable("too_large", f"workbook unpacks to {total:,} bytes, over the "
                          f"{MAX_XLSX_UNCOMPRESSED:,}-byte limit; export the log as CSV")
    import openpyxl

    with warnings.catch_warnings():
        # openpyxl warns about styles, data validation, etc. it does not read
        warnings.simplefilter("ignore")
        try:
            book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # noqa: BLE001 - openpyxl raises many types on bad files
            raise _Unreadable("unreadable_xlsx", f"openpyxl cannot open it "
                              f"({type(exc).__name__}: {exc}); re-save it from Excel") from None
        try:
            epoch = datetime(1904, 1, 1) if book.epoch.year == 1904 else datetime(1899, 12, 30)
            sheets = []
            for sheet in book.worksheets:
                sheet.reset_dimensions()  # some writers store a wrong dimension
                rows = [list(row) for row in sheet.iter_rows(values_only=True)]
                sheets.append(_Sheet(name=sheet.title, rows=rows, epoch=epoch))
        except Exception as exc:  # noqa: BLE001
            raise _Unreadable("unreadable_xlsx", f"openpyxl failed reading a sheet "
                              f"({type(exc).__name__}: {exc}); re-save it from Excel") from None
        finally:
            book.close()
    return sheets


# --------------------------------------------------------------------------
# Column recognition
# --------------------------------------------------------------------------


def _tokens(name) -> list[str]:
    """A header's words, lower case and without accents ("Réf. demande" → ref, demande).

    >>> _tokens("Zgłaszający"), _tokens("caller_id"), _tokens("createdAt")
    (['zglaszajacy'], ['caller', 'id'], ['created', 'at'])
    """
    text = unicodedata.normalize("NFKC", str(name))
    text = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", text).casefold()  # camelCase → words
    text = "".join(c for c in unicodedata.normalize("NFKD", text)
                   if not unicodedata.combining(c)).translate(_UNACCENTED)
    text = text.replace("e-mail", "email").replace("e mail", "email")
    words = re.findall(r"[^\W_]+", text)
    if not words and text.strip():
        return [text.strip()]  # "#" stays "#"
    return words


# letters NFKD does not take apart
_UNACCENTED = str.maketrans({"ł": "l", "ø": "o", "æ": "ae", "đ": "d", "ð": "d", "þ": "th"})


def _key(name) -> str:
    return "".join(_tokens(name))


def _prepare(vocabulary):
    return {
        field_: [(_key(s), _tokens(s), w) for s, w in synonyms]
        for field_, synonyms in vocabulary.items()
    }


_LOG_VOCAB = _prepare(_LOG_SYNONYMS)
_ORG_VOCAB = _prepare(_ORG_SYNONYMS)


def _match_score(header_tokens: list[str], field_: str, synonyms) -> float:
    """How well one header names one field: exact name → weight, partial → less."""
    if not header_tokens:
        return 0.0
    key = "".join(header_tokens)
    best = 0.0
    avoid = _AVOID.get(field_, set())
    vetoed = bool(avoid.intersection(header_tokens))
    for syn_key, syn_tokens, weight in synonyms:
        if key == syn_key:
            best = max(best, weight)
        elif not vetoed and _contains(header_tokens, syn_tokens):
            coverage = len(syn_tokens) / len(header_tokens)
            best = max(best, weight * (0.45 + 0.3 * coverage))
    return best


def _contains(tokens: list[str], part: list[str]) -> bool:
    n = len(part)
    return any(tokens[i:i + n] == part for i in range(len(tokens) - n + 1))


def _assign(header: Sequence, vocabulary, threshold: float = 0.3) -> dict[int, tuple[str, float]]:
    """Map header cells to fields, best score first, one field per column and vice versa."""
    pairs = []
    for col, cell in enumerate(header[:MAX_HEADER_COLUMNS]):
        if not _is_header_cell(cell):
            continue
        tokens = _tokens(cell)
        for order, (field_, synonyms) in enumerate(vocabulary.items()):
            score = _match_score(tokens, field_, synonyms)
            if score >= threshold:
                pairs.append((-score, col, order, field_))
    pairs.sort()
    taken_cols: dict[int, tuple[str, float]] = {}
    taken_fields: set[str] = set()
    for neg, col, _, field_ in pairs:
        if col in taken_cols or field_ in taken_fields:
            continue
        taken_cols[col] = (field_, -neg)
        taken_fields.add(field_)
    return taken_cols


def _is_text_cell(cell) -> bool:
    return isinstance(cell, str) and bool(cell.strip())


def _is_header_cell(cell) -> bool:
    """Could this cell be a column name? (Short text; not a path, address or sentence.)"""
    if not _is_text_cell(cell):
        return False
    text = cell.strip()
    return (len(text) <= 50 and len(text.split()) <= 6
            and not any(c in text for c in ("@", "\\", "://"))
            and not re.search(r"\w\.[A-Za-z]\w{1,3}$", text))  # a file name


_ALL_KEYS = {key for vocab in (_LOG_VOCAB, _ORG_VOCAB) for syns in vocab.values()
             for key, _, _ in syns}


@dataclass
class _Layout:
    """How one sheet is read: its kind, header row and column → field map."""

    kind: str | None
    header: int | None  # raw row index of the header, None when headerless
    fields: dict[int, str]  # column index → field
    names: list[str]  # header cells as written (for messages)


def _fields_of(assigned: dict[int, tuple[str, float]]) -> dict[str, float]:
    return dict(assigned.values())


def _classify(header: Sequence) -> tuple[str | None, dict, dict, float]:
    """Kind of a header row and its two candidate mappings, with a header score."""
    log = _assign(header, _LOG_VOCAB)
    org = _assign(header, _ORG_VOCAB)
    log_f, org_f = _fields_of(log), _fields_of(org)
    has_name = "name" in org_f or {"first_name", "last_name"} <= set(org_f)
    strong_text = log_f.get("text", 0.0) >= 0.8
    is_org = has_name and bool({"email", "title", "department", "manager"} & set(org_f)) \
        and not strong_text
    # a bare "Name" is a sender only beside a subject, and "Notes" a request text only
    # beside a date: a list of names with notes is no request log
    is_log = log_f.get("text", 0.0) > 0.5 or log_f.get("sender", 0.0) >= 0.7 or (
        "sender" in log_f and "subject" in log_f) or ("text" in log_f and "sent_at" in log_f)
    kind = "org_chart" if is_org else "request_log" if is_log else None
    score = max(sum(log_f.values()), sum(org_f.values()))
    return kind, log, org, score


# --------------------------------------------------------------------------
# Building the frames
# --------------------------------------------------------------------------


class _Builder:
    def __init__(self, path: Path, mapping: dict[str, str] | None, kind, dayfirst):
        self.path = path
        self.source = str(path)
        self.mapping = mapping
        self.forced = kind
        self.dayfirst = dayfirst
        self.errors: list[LoadError] = []
        self.n_items = 0
        self.used: dict[str, str] = {}
        self.explicit_found = False
        self._dates: dict[tuple, datetime | None] = {}
        # request ids hash the file's folder and name (not the absolute path, so
        # they are the same on every machine) with the sheet and row
        self.id_base = f"{path.parent.name}/{path.name}"

    # -- layout --------------------------------------------------------------

    def build(self, sheets: list[_Sheet]) -> TableResult:
        layouts = [self._layout(sheet) for sheet in sheets]
        if self.mapping is not None and self.forced != "org_chart" and not self.explicit_found \
                and "org_chart" not in {layout.kind for layout in layouts}:
            # an org chart read beside logs is not what the mapping is for
            sheet = sheets[0] if sheets else None
            header = layouts[0].header if layouts else None
            raise _MappingError(self._missing_message(sheet, header, list(self.mapping)))
        kinds = {layout.kind for layout in layouts}
        if self.forced:
            kind = self.forced
        elif "request_log" in kinds:
            kind = "request_log"
        elif "org_chart" in kinds:
            kind = "org_chart"
        else:
            kind = None
        if kind is None and all(sheet.name is None and not sheet.regular for sheet in sheets):
            # text that no delimiter splits regularly (prose, a note) is not a table: one item
            return TableResult(kind=None, frame=_empty("request_log"), n_items=1, errors=[
                LoadError(self.source, "", "not_a_table",
                          "text without a regular delimiter (',' ';' tab '|') and no header "
                          "recognised: not a request log or org chart table; export the log "
                          "as CSV or .xlsx with a header row")])
        rows: list[dict] = []
        for sheet, layout in zip(sheets, layouts, strict=True):
            for index, code, detail in sheet.errors:
                self._error(sheet, index, layout.header, code, detail, kept=False)
                self.n_items += 1
            if kind is not None and layout.kind == kind:
                self._remember(sheet, layout)
                reader = self._log_rows if kind == "request_log" else self._org_rows
                rows.extend(reader(sheet, layout))
            else:
                self._unused(sheet, layout, kind)
        frame = self._log_frame(rows) if kind == "request_log" else \
            self._org_frame(rows) if kind == "org_chart" else _empty("request_log")
        if kind is None and self.n_items == 0:
            self.n_items = 1
            self.errors.append(LoadError(
                self.source, "", "not_a_table",
                "no header row recognised as a request log (needs a request text or sender "
                "column such as 'Question' or 'Requested By') or an org chart (a name column "
                "and an e-mail, title, department or manager column), and no data rows; "
                "rename the columns or pass columns={'their column': 'field'}"))
        return TableResult(kind=kind, frame=frame, errors=self.errors,
                           n_items=self.n_items, columns=self.used)

    def _layout(self, sheet: _Sheet) -> _Layout:
        candidates = [i for i, row in enumerate(sheet.rows) if row is not None and not _blank(row)]
        candidates = candidates[:HEADER_SEARCH_ROWS]
        if not candidates:
            return _Layout(self.forced, None, {}, [])
        if self.mapping is not None and self.forced != "org_chart":
            explicit = self._explicit_layout(sheet, candidates)
            if explicit is not None:
                return explicit
        best = None
        wide = any(_filled(sheet.rows[i]) > 1 for i in candidates)
        for index in candidates:
            row = sheet.rows[index]
            if wide and _filled(row) < 2:
                continue  # a title row ("RFI Request Log") above a wider table
            if index != candidates[0] and not any(
                    _is_header_cell(c) and _key(c) in _ALL_KEYS for c in row):
                continue  # below the first row, a header must name at least one field exactly
            kind, log, org, score = _classify(row)
            # a later row must be clearly better: data rows can hold words like "Request"
            if kind is not None and (best is None or score > best[0] + 0.5):
                best = (score, index, kind, log, org)
        if self.forced != "request_log" and (
                best is None or (self.forced == "org_chart" and best[2] != "org_chart")):
            inferred = self._infer_org(sheet, candidates[0])
            if inferred is not None:
                return inferred
        if best is None:
            header = candidates[0]
            if self.forced:
                kind, log, org, _ = _classify(sheet.rows[header])
                chosen = log if self.forced == "request_log" else org
                return self._make_layout(sheet, header, self.forced, chosen)
            return _Layout(None, header, {}, _names(sheet.rows[header]))
        _, index, kind, log, org = best
        if self.forced and self.forced != kind:
            kind = self.forced
        return self._make_layout(sheet, index, kind, log if kind == "request_log" else org)

    def _make_layout(self, sheet, header, kind, assigned) -> _Layout:
        fields = {col: f for col, (f, _) in assigned.items()}
        if kind == "request_log":
            fields = _prefer_summary_as_text(fields, sheet.rows[header])
        return _Layout(kind, header, fields, _names(sheet.rows[header]))

    def _explicit_layout(self, sheet: _Sheet, candidates: list[int]) -> _Layout | None:
        wanted = {_key(c) for c in self.mapping}
        best = None
        for index in candidates:
            keys = [_key(c) if _is_text_cell(c) else None for c in sheet.rows[index]]
            found = sum(k in wanted for k in set(keys) if k)
            if found and (best is None or found > best[0]):
                best = (found, index, keys)
        if best is None:
            return None
        _, index, keys = best
        missing = [c for c, _ in self.mapping.items() if _key(c) not in keys]
        if missing:
            raise _MappingError(self._missing_message(sheet, index, missing))
        fields = {keys.index(_key(c)): f for c, f in self.mapping.items()}
        # columns the mapping leaves out are still recognised automatically
        auto = _assign(sheet.rows[index], _LOG_VOCAB)
        for col, (f, _) in sorted(auto.items(), key=lambda kv: -kv[1][1]):
            if col not in fields and f not in fields.values():
                fields[col] = f
        self.explicit_found = True
        return _Layout("request_log", index, fields, _names(sheet.rows[index]))

    def _missing_message(self, sheet, header, missing) -> str:
        where = f" of sheet {sheet.name!r}" if sheet is not None and sheet.name else ""
        found = [] if sheet is None or header is None else _names(sheet.rows[header])
        return (
            f"read_table(columns=...) for {str(self.path)!r}: column(s) {missing} not found "
            f"in the header{where}; columns in the file: {[c for c in found if c]}. "
            "Use the names as written in the file's header row (case, spaces and "
            "punctuation are ignored), or drop those entries."
        )

    def _infer_org(self, sheet: _Sheet, first: int) -> _Layout | None:
        """A headerless (or unrecognised-header) org chart: name and e-mail by content."""
        body = [r for r in sheet.rows[first + 1:first + 201] if r is not None and not _blank(r)]
        if len(body) < 2:
            return None
        width = max(len(r) for r in body)
        share_email, share_name, share_title = [], [], []
        for col in range(width):
            values = [_text(r[col]) if col < len(r) else "" for r in body]
            filled = [v for v in values if v]
            share_email.append(sum(bool(_EMAIL.fullmatch(v)) for v in values) / len(values))
            share_name.append(sum(_looks_like_name(v) for v in values) / len(values))
            share_title.append(
                sum(bool(_TITLE_WORDS.search(v)) for v in filled) / len(filled) if filled else 0
            )
        email_col = max(range(width), key=lambda c: (share_email[c], -c))
        rest = [c for c in range(width) if c != email_col]
        if share_email[email_col] < 0.8 or not rest:
            return None
        name_col = max(rest, key=lambda c: (share_name[c], -c))
        if share_name[name_col] < 0.8:
            return None
        fields = {email_col: "email", name_col: "name"}
        others = [c for c in rest if c != name_col and share_title[c] >= 0.5]
        if others:
            fields[max(others, key=lambda c: (share_title[c], -c))] = "title"
        top = sheet.rows[first]
        headerless = email_col < len(top) and bool(_EMAIL.fullmatch(_text(top[email_col])))
        header = None if headerless else first
        names = [f"column {c + 1}" for c in range(width)] if headerless else _names(top)
        if headerless and first > 0:
            header = first - 1  # title rows above the data: number rows from the first data row
        return _Layout("org_chart", header, fields, names)

    def _remember(self, sheet: _Sheet, layout: _Layout) -> None:
        prefix = f"{sheet.name}!" if sheet.name is not None else ""
        for col, f in sorted(layout.fields.items()):
            name = layout.names[col] if col < len(layout.names) else f"column {col + 1}"
            self.used[f"{prefix}{name}"] = f

    def _unused(self, sheet: _Sheet, layout: _Layout, kind) -> None:
        """Rows of a sheet that is not read: every non-blank data row is an error."""
        start = 0 if layout.header is None else layout.header + 1
        what = "a request log" if kind == "request_log" else "an org chart" \
            if kind == "org_chart" else "a request log or an org chart"
        sheet_note = f"sheet {sheet.name!r} " if sheet.name is not None else ""
        if layout.kind == "org_chart" and kind == "request_log":
            code = "org_chart_in_log"
            detail = (f"{sheet_note}looks like an org chart, but this workbook is read as a "
                      "request log; save the org chart as its own file and pass it as "
                      "load(..., org_chart=path)")
        else:
            code = "unrecognised_table"
            detail = (
                f"{sheet_note}not recognised as {what}: header {_short(layout.names)} has no "
                "request text/sender columns (e.g. 'Question', 'Requested By') nor name + "
                "e-mail/title/department columns; rename the columns or pass "
                "columns={'their column': 'field'}"
            )
        for index in range(start, len(sheet.rows)):
            row = sheet.rows[index]
            if row is None or _blank(row):
                continue
            self.n_items += 1
            self._error(sheet, index, layout.header, code, detail, kept=False)

    # -- rows ----------------------------------------------------------------

    def _data(self, sheet: _Sheet, layout: _Layout):
        start = 0 if layout.header is None else layout.header + 1
        for index in range(start, len(sheet.rows)):
            row = sheet.rows[index]
            if row is None or _blank(row):
                continue  # CSV syntax errors are counted already; blank rows are not items
            self.n_items += 1
            yield index, row

    def _log_rows(self, sheet: _Sheet, layout: _Layout) -> list[dict]:
        by_field = {f: col for col, f in layout.fields.items()}
        data = list(self._data(sheet, layout))
        dates = {}
        for f in ("sent_at", "due"):
            if f in by_field:
                col = by_field[f]
                values = [row[col] if col < len(row) else None for _, row in data]
                dates[f] = self._date_order(sheet, layout, col, values)
        jira = _is_jira(layout, by_field)
        hours_col = by_field.get("hours_spent")
        per_unit = 1.0 if jira or hours_col is None or hours_col >= len(layout.names) \
            else _header_hours(layout.names[hours_col])
        out = []
        for index, row in data:
            def cell(f, row=row):
                col = by_field.get(f)
                return row[col] if col is not None and col < len(row) else None

            where = sheet.position(index, layout.header)
            text, subject = _text(cell("text")), _text(cell("subject"))
            if jira:
                text = jira_plain_text(text)
            if "text" not in by_field:
                text = subject  # a log with only titles: the title is the ask
            if not text and not subject:
                self._error(sheet, index, layout.header, "empty_request",
                            f"no request text or subject in this row (columns "
                            f"{_cols(layout, by_field, 'text', 'subject')}); fill one in or "
                            "delete the row", kept=False)
                continue
            problems: list[tuple[str, str]] = []
            sender, sender_name = _sender(_text(cell("sender")), _text(cell("sender_email")))
            sent_at = self._date(cell("sent_at"), dates.get("sent_at"), sheet, "sent_at",
                                 layout, by_field, problems)
            due = self._date(cell("due"), dates.get("due"), sheet, "due", layout, by_field,
                             problems)
            hours = _hours(cell("hours_spent"), per_unit)
            if jira and _plain_number(cell("hours_spent")):
                hours /= 3600  # Jira writes time tracking in seconds
            if hours is None:
                raw = _text(cell("hours_spent"))
                problems.append(("bad_number", f"column {_col(layout, by_field, 'hours_spent')}"
                                 f" value {raw[:40]!r} is not a number of hours; left empty — "
                                 "write it like 2.5, 2h or 1:30"))
                hours = math.nan
            if sheet.name is None and len(row) > len(layout.names) and not _blank(
                    row[len(layout.names):]):
                problems.append(("extra_cells", f"{len(row)} cells but the header has "
                                 f"{len(layout.names)}; the extra cells were ignored — a text "
                                 f"with an unquoted {sheet.delimiter!r}? Quote such cells"))
            for code, detail in problems:
                self._error(sheet, index, layout.header, code, detail, kept=True)
            ref = _text(cell("request_ref"))
            out.append({
                "request_id": self._request_id(sheet, index),
                "message_key": "",
                "message_id": ref or where,
                "sent_at": sent_at,
                "sender": sender,
                "subject": subject,
                "text": text,
                "channel": "rfi_log",
                "sender_name": sender_name,
                "category": _text(cell("category")),
                "due": due,
                "status": _text(cell("status")),
                "hours_spent": hours,
                "source": f"{self.source}:{where}",
            })
        return out

    def _org_rows(self, sheet: _Sheet, layout: _Layout) -> list[dict]:
        by_field = {f: col for col, f in layout.fields.items()}
        out = []
        for index, row in self._data(sheet, layout):
            def cell(f, row=row):
                col = by_field.get(f)
                return _text(row[col]) if col is not None and col < len(row) else ""

            name = cell("name") or " ".join(p for p in (cell("first_name"), cell("last_name"))
                                            if p)
            raw_email = cell("email")
            found = _EMAIL.search(raw_email)
            email = found.group(0).lower() if found else ""
            if not name and not email:
                self._error(sheet, index, layout.header, "empty_person",
                            f"no name or e-mail in this row (columns "
                            f"{_cols(layout, by_field, 'name', 'email')}); fill one in or "
                            "delete the row", kept=False)
                continue
            if raw_email and not found:
                self._error(sheet, index, layout.header, "bad_email",
                            f"column {_col(layout, by_field, 'email')} value "
                            f"{raw_email[:60]!r} is not an e-mail address; left empty",
                            kept=True)
            out.append({
                "name": name,
                "email": email,
                "title": cell("title"),
                "department": cell("department"),
                "manager": cell("manager"),
                "location": cell("location"),
                "source": f"{self.source}:{sheet.position(index, layout.header)}",
            })
        return out

    # -- dates ---------------------------------------------------------------

    def _date_order(self, sheet, layout, col, values) -> bool:
        """Day-first for this column? Decided from the values; a note when they cannot."""
        first = second = ambiguous = 0
        example = ""
        for value in values:
            if not isinstance(value, str):
                continue
            match = _NUMERIC_DATE.match(value.strip())
            if not match or len(match.group(1)) > 2:
                continue
            a, b = int(match.group(1)), int(match.group(2))
            first += a > 12
            second += b > 12
            if a != b and a <= 12 and b <= 12:
                ambiguous += 1
                example = example or value.strip()
        name = layout.names[col] if col < len(layout.names) else f"column {col + 1}"
        where = f"{sheet.name}!column {name!r}" if sheet.name else f"column {name!r}"
        if first and second:
            self.errors.append(LoadError(
                self.source, where, "mixed_date_order",
                f"column {name!r} mixes day-first ({first} values with a first field above 12) "
                f"and month-first ({second} with a second field above 12) dates; each value "
                "that only fits one order is read that way, the others as "
                f"{'day-first' if first >= second else 'month-first'}. Prefer ISO dates "
                "(2025-03-04).", kept=True))
            return first >= second
        if first or second:
            return bool(first)
        default = self.dayfirst if self.dayfirst is not None else sheet.delimiter == ";"
        if ambiguous and self.dayfirst is None:
            order = "day/month" if default else "month/day"
            why = "a ';'-delimited file (day-first locale)" if default else "the default"
            self.errors.append(LoadError(
                self.source, where, "ambiguous_dates",
                f"column {name!r}: {ambiguous} date(s) such as {example!r} read either way and "
                f"no value has a day above 12; read as {order} ({why}). If that is wrong, "
                "pass read_table(..., dayfirst=True/False) or export ISO dates (2025-03-04).",
                kept=True))
        return default

    def _date(self, value, dayfirst, sheet, f, layout, by_field, problems):
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        key = (value, bool(dayfirst), sheet.epoch) if isinstance(value, str) else None
        if key is not None and key in self._dates:
            parsed = self._dates[key]  # logs repeat the same dates many times
        else:
            parsed = _parse_date(value, bool(dayfirst), sheet.epoch)
            if key is not None and len(self._dates) < 100_000:
                self._dates[key] = parsed
        if parsed is None:
            problems.append(("bad_date", f"column {_col(layout, by_field, f)} value "
                             f"{_text(value)[:40]!r} is not a date this reader knows; left "
                             "empty — write it like 2025-03-04 or 4 Mar 2025 10:15"))
        return parsed

    # -- helpers -------------------------------------------------------------

    def _request_id(self, sheet: _Sheet, index: int) -> str:
        key = f"{self.id_base}\x1f{sheet.name or ''}\x1f{index}"
        return "r" + hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]

    def _error(self, sheet, index, header, code, detail, *, kept) -> None:
        self.errors.append(LoadError(self.source, sheet.position(index, header), code, detail,
                                     kept=kept))

    def _log_frame(self, rows: list[dict]) -> pd.DataFrame:
        if not rows:
            return _empty("request_log")
        frame = pd.DataFrame(rows)
        for column in ("sent_at", "due"):
            frame[column] = pd.to_datetime(frame[column], utc=True).astype("datetime64[us, UTC]")
        frame["hours_spent"] = frame["hours_spent"].astype("float64")
        frame = frame.set_index("request_id")
        frame.index = frame.index.astype("str")
        frame = frame[_empty("request_log").columns]
        return validate_frame(frame, "requests")

    def _org_frame(self, rows: list[dict]) -> pd.DataFrame:
        if not rows:
            return _empty("org_chart")
        return pd.DataFrame(rows, columns=_ORG_COLUMNS).astype("str")


def _empty(kind: str) -> pd.DataFrame:
    if kind == "org_chart":
        return pd.DataFrame({c: pd.Series([], dtype="str") for c in _ORG_COLUMNS})
    frame = empty_frame("requests")
    for column in _LOG_EXTRA:
        if column == "due":
            frame[column] = pd.Series([], dtype="datetime64[us, UTC]")
        elif column == "hours_spent":
            frame[column] = pd.Series([], dtype="float64")
        else:
            frame[column] = pd.Series([], dtype="str")
    return frame


def _check_mapping(path: Path, columns) -> dict[str, str] | None:
    if columns is None:
        return None
    if not isinstance(columns, Mapping):
        raise ValueError(
            f"read_table(columns=...) for {str(path)!r} must be a mapping "
            f"{{'their column': 'field'}}, got {type(columns).__name__}."
        )
    mapping: dict[str, str] = {}
    for column, target in columns.items():
        if target not in LOG_FIELDS:
            raise ValueError(
                f"read_table(columns=...) for {str(path)!r}: {column!r} is mapped to unknown "
                f"field {target!r}; valid fields are {list(LOG_FIELDS)}."
            )
        if not isinstance(column, str) or not column.strip():
            raise ValueError(
                f"read_table(columns=...) for {str(path)!r}: column names must be non-empty "
                f"strings as written in the header, got {column!r} (for field {target!r})."
            )
        if target in mapping.values():
            other = next(c for c, t in mapping.items() if t == target)
            raise ValueError(
                f"read_table(columns=...) for {str(path)!r}: columns {other!r} and {column!r} "
                f"are both mapped to field {target!r}; map each field from one column only."
            )
        mapping[column] = target
    return mapping or None


def _prefer_summary_as_text(fields: dict[int, str], header) -> dict[int, str]:
    """No text column but a subject that could be the ask ("Summary"): make it the text."""
    if "text" in fields.values():
        return fields
    for col, f in fields.items():
        if f == "subject" and _match_score(_tokens(header[col]), "text",
                                           _LOG_VOCAB["text"]) > 0:
            fields = dict(fields)
            fields[col] = "text"
            break
    return fields


# --------------------------------------------------------------------------
# Cell values
# --------------------------------------------------------------------------


def _filled(row) -> int:
    return sum(not (v is None or (isinstance(v, str) and not v.strip())) for v in row)


def _blank(row) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in row)


def _text(value) -> str:
    """A cell as clean text: numbers without a spurious '.0', dates as ISO."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.replace("\r\n", "\n").replace("\r", "\n").strip()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    return str(value).strip()


def _names(row) -> list[str]:
    return [_text(c) for c in row]


def _short(names: list[str]) -> str:
    shown = [n for n in names if n][:8]
    return repr(shown) + ("…" if len([n for n in names if n]) > 8 else "")


def _col(layout: _Layout, by_field: dict[str, int], f: str) -> str:
    col = by_field.get(f)
    if col is None:
        return f"<{f}>"
    return repr(layout.names[col]) if col < len(layout.names) else f"{col + 1}"


def _cols(layout, by_field, *fields) -> str:
    return "/".join(_col(layout, by_field, f) for f in fields if f in by_field) or "none mapped"


def _sender(raw: str, raw_email: str) -> tuple[str, str]:
    """(sender, sender_name): the lower-case address when there is one, else the name."""
    found = _EMAIL.search(raw_email) or _EMAIL.search(raw)
    name = raw
    if raw and _EMAIL.search(raw):
        match = _EMAIL.search(raw)
        name = (raw[:match.start()] + raw[match.end():])
        name = name.replace("mailto:", "").strip(" \t<>()[]\"',;")
    if "@" in name:
        name = ""  # several addresses in one cell: no name to keep
    if found:
        return found.group(0).lower(), name
    return raw, raw


_TITLE_WORDS = re.compile(
    r"\b(president|director|manager|vp|chief|head|officer|analyst|trader|engineer|lead|"
    r"specialist|associate|counsel|assistant|consultant|executive|coordinator|partner|"
    r"architect|administrator|developer|representative|ceo|cfo|cto|cio|coo)\b", re.I)
_NAME_WORD = re.compile(rf"^{UPPER}[A-Za-z'\u00c0-\u024f.-]*$")


def _looks_like_name(value: str) -> bool:
    words = value.replace(",", " ").split()
    return 2 <= len(words) <= 5 and all(_NAME_WORD.match(w) for w in words)


# Jira's CSV export: its key columns, and its time-tracking columns (in seconds)
_JIRA_KEYS = {"issuekey", "issueid"}
_JIRA_TIME = {"timespent", "σtimespent", "originalestimate", "remainingestimate",
              "σoriginalestimate", "σremainingestimate"}


def _is_jira(layout: _Layout, by_field: dict[str, int]) -> bool:
    """A Jira issue export: "Issue key" / "Issue id" columns, and its hours column (if
    any) is one of Jira's time-tracking fields, written in seconds."""
    keys = {_key(name) for name in layout.names}
    if not keys & _JIRA_KEYS:
        return False
    col = by_field.get("hours_spent")
    return col is None or _key(layout.names[col]) in _JIRA_TIME


def _plain_number(value) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, (int, float)):
        return math.isfinite(value)
    return bool(re.fullmatch(r"\s*\d+(?:\.\d+)?\s*", _text(value)))


# Jira's wiki markup, as its CSV export writes an issue's description
_JIRA_BLOCK = re.compile(r"\{(?:quote|noformat|code|panel|color)(?::[^{}\n]*)?\}", re.I)
# a heading names a section of the template ("h3. Request"), not anything asked; a line
# that only names a user ("*Requested by:* [~ismit]") repeats the reporter column
_JIRA_FORM_LINE = re.compile(r"^[ \t]*(?:h[1-6]\.[ \t][^\n]*|\*?[^\n:*]{1,40}:\*?[ \t]*"
                             r"\[~[^\[\]\n]+\][ \t]*)(?:\n|$)", re.M)
_JIRA_QUOTE_LINE = re.compile(r"^[ \t]*bq\.[ \t]+", re.M)
_JIRA_USER = re.compile(r"\[~(?:accountid:)?([^\[\]\n]+)\]")
_JIRA_LINK = re.compile(r"\[([^\[\]|\n]+)\|[^\[\]\n]+\]")
_JIRA_EMPHASIS = re.compile(r"(?<![\w*])([*_+]|\{\{)(\S(?:[^\n]*?\S)?)(?:\1|\}\})(?![\w*])")


def jira_plain_text(text: str) -> str:
    """An issue description without Jira's wiki markup: the words as the person wrote
    them, so its headings and block tags are not read as anyone's phrases.

    >>> jira_plain_text("h3. Request\\n{quote}Can you *quote* the [API|https://x.io] "
    ...                 "for [~dana]?{quote}\\n*Requested by:* [~ismit]")
    'Can you quote the API for dana?'
    """
    text = _JIRA_FORM_LINE.sub("", text)
    text = _JIRA_BLOCK.sub("", text)
    text = _JIRA_QUOTE_LINE.sub("", text)
    text = _JIRA_USER.sub(r"\1", text)
    text = _JIRA_LINK.sub(r"\1", text)
    return _JIRA_EMPHASIS.sub(r"\2", text).strip()


def _hours(value, per_unit: float = 1.0) -> float | None:
    """Hours as a float; NaN for an empty cell, None when unreadable.

    ``per_unit`` is the hours in one unit of a bare number, as the column's header
    names it (see :func:`_header_hours`): "Effort (days)" 0,5 is 4 hours. A unit
    written in the cell ("30 min", "1:30", "2 d") wins.

    >>> _hours("0,5", per_unit=8.0), _hours("08:30:00"), _hours(45, per_unit=1 / 60)
    (4.0, 8.5, 0.75)
    """
    if value is None:
        return math.nan
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value) * per_unit if math.isfinite(value) and value >= 0 else None
    if isinstance(value, timedelta):
        return value.total_seconds() / 3600
    if isinstance(value, time):
        return value.hour + value.minute / 60 + value.second / 3600
    text = _text(value).lower()
    if not text:
        return math.nan
    match = _HOURS.fullmatch(text)
    if not match:
        return None
    if match.group("hh") is not None:
        return (int(match.group("hh")) + int(match.group("mm")) / 60
                + int(match.group("ss") or 0) / 3600)
    number = float(match.group("num").replace(",", "."))
    unit = match.group("unit") or ""
    if unit.startswith("m"):
        return number / 60
    if unit.startswith("d"):
        return number * 8  # a working day
    if unit.startswith("h"):
        return number
    return number * per_unit


# a header's word for the unit of its numbers, in the languages of the column names
_MINUTE_WORDS = {"m", "min", "mins", "minute", "minutes", "minuten", "minuter", "minutter",
                 "minutos", "minuti", "minuty", "minut"}
_DAY_WORDS = {"d", "day", "days", "j", "jour", "jours", "jh", "pd", "md", "mandays",
              "dia", "dias", "giorni", "giorno", "tag", "tage", "dag", "dagen", "dagar",
              "dage", "dager", "dni", "dzien", "osobodni", "pt"}


def _header_hours(name: str) -> float:
    """Hours in one unit of a bare number in the column ``name``: 1/60 for
    "Time spent (minutes)", 8 (a working day) for "Effort (days)" or "Charge (j)",
    else 1.

    >>> _header_hours("Time spent (minutes)"), _header_hours("Nakład (dni)"), _header_hours("Hours")
    (0.016666666666666666, 8.0, 1.0)
    """
    words = set(_tokens(name))
    if words & _MINUTE_WORDS:
        return 1 / 60
    if words & _DAY_WORDS:
        return 8.0
    return 1.0


_HOURS = re.compile(
    r"\s*(?:(?P<hh>\d{1,4})\s*(?::|h)\s*(?P<mm>[0-5]\d)(?::(?P<ss>[0-5]\d))?\s*(?:m|min)?"
    r"|(?P<num>\d+(?:[.,]\d+)?)\s*(?P<unit>h|hr|hrs|hour|hours|m|min|mins|minutes|d|day|days)?)\s*"
)

_MONTHS = {
    name: i + 1 for i, names in enumerate([
        ("jan", "january", "janv", "januar"), ("feb", "february", "fev", "februar"),
        ("mar", "march", "mars", "marz", "märz"), ("apr", "april", "avr"),
        ("may", "mai"), ("jun", "june", "juin", "juni"), ("jul", "july", "juil", "juli"),
        ("aug", "august", "aout"), ("sep", "sept", "september"),
        ("oct", "october", "okt", "oktober"), ("nov", "november"),
        ("dec", "december", "dez", "dezember"),
    ]) for name in names
}
_ZONES = {"z": 0, "utc": 0, "gmt": 0, "ut": 0, "est": -5, "edt": -4, "cst": -6, "cdt": -5,
          "mst": -7, "mdt": -6, "pst": -8, "pdt": -7, "cet": 1, "cest": 2, "bst": 1}
_TIME = (r"(?:[ T,]+(?:at\s+)?(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,]\d+)?)?"
         r"\s*(?P<ampm>[ap]\.?m\.?)?)?"
         r"\s*(?P<tz>z|utc|gmt|ut|[ecmp][sd]t|cet|cest|bst|(?:utc|gmt)?[+-]\d{2}:?\d{2})?")
_NUMERIC_DATE = re.compile(r"(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})" + _TIME + r"$", re.I)
# "4 Mar 2025", "04-Mar-25" and Jira's default "15/Jan/24 5:15 PM"
_DAY_MONTH = re.compile(r"(?P<d>\d{1,2})(?:st|nd|rd|th)?[\s/-]+(?P<mon>[a-zä]{3,9})\.?,?[\s/-]+"
                        r"(?P<y>\d{2,4})" + _TIME + r"$", re.I)
_MONTH_DAY = re.compile(r"(?P<mon>[a-zä]{3,9})\.?[\s-]+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?[\s-]+"
                        r"(?P<y>\d{4})" + _TIME + r"$", re.I)
_WEEKDAY = re.compile(r"^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+", re.I)


def _parse_date(value, dayfirst: bool, epoch: datetime) -> datetime | None:
    """A UTC-aware datetime, or None when ``value`` is not a date."""
    if isinstance(value, datetime):
        return _utc(value)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _serial(float(value), epoch)
    text = _text(value)
    if not text:
        return None
    if re.fullmatch(r"\d{5}(?:\.\d+)?", text):
        return _serial(float(text), epoch)
    if re.match(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return _utc(datetime.fromisoformat(text.replace(" UTC", "Z").replace("z", "Z")))
        except ValueError:
            pass
    text = _WEEKDAY.sub("", text)
    match = _NUMERIC_DATE.match(text)
    if match:
        a, b, c = match.group(1), match.group(2), match.group(3)
        if len(a) == 4:
            orders, written = [(int(a), int(b), int(c))], a
        elif len(a) <= 2 and len(c) in (2, 4):
            written = c
            orders = [(int(c), int(b), int(a)), (int(c), int(a), int(b))]
            if not dayfirst:
                orders.reverse()
        else:
            return None
        for y, m, d in orders:  # the column's order first; the other only if it must be
            found = _build(_year(y, written), m, d, match)
            if found is not None:
                return found
        return None
    for pattern in (_DAY_MONTH, _MONTH_DAY):
        match = pattern.match(text)
        if match:
            month = _MONTHS.get(match.group("mon").lower())
            if month is None:
                return None
            year = _year(int(match.group("y")), match.group("y"))
            return _build(year, month, int(match.group("d")), match)
    return None


def _year(y: int, written: str) -> int:
    if len(written) <= 2:
        return 2000 + y if y < 70 else 1900 + y
    return y


def _build(year: int, month: int, day: int, match: re.Match) -> datetime | None:
    hour = int(match.group("H") or 0)
    minute = int(match.group("M") or 0)
    second = int(match.group("S") or 0)
    ampm = (match.group("ampm") or "").replace(".", "").lower()
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    if not 1900 <= year <= 2200:
        return None
    try:
        naive = datetime(year, month, day, hour, minute, second)
    except ValueError:
        return None
    offset = _offset(match.group("tz"))
    if offset is None:
        return None
    return (naive - offset).replace(tzinfo=UTC)


def _offset(zone: str | None) -> timedelta | None:
    if not zone:
        return timedelta(0)
    zone = zone.lower()
    if zone in _ZONES:
        return timedelta(hours=_ZONES[zone])
    match = re.fullmatch(r"(?:utc|gmt)?([+-])(\d{2}):?(\d{2})", zone)
    if not match:
        return None
    sign = 1 if match.group(1) == "+" else -1
    hours, minutes = int(match.group(2)), int(match.group(3))
    if hours > 14 or minutes > 59:
        return None
    return sign * timedelta(hours=hours, minutes=minutes)


def _serial(number: float, epoch: datetime) -> datetime | None:
    """An Excel serial day number (1954–2119 only: other numbers are not dates)."""
    if not math.isfinite(number) or not 20000 <= number <= 80000:
        return None
    moment = epoch + timedelta(days=number)
    return moment.replace(microsecond=0, tzinfo=UTC)


def _utc(moment: datetime) -> datetime | None:
    if not 1900 <= moment.year <= 2200:
        return None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)
