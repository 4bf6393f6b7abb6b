"""``load``: every supported export in, the messages and load-errors frames out."""

from __future__ import annotations

import hashlib
import os
import warnings
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from tqdm.auto import tqdm

from .._schema import MESSAGES, empty_frame, validate_frame
from .._unionfind import UnionFind
from ._detect import FORMATS, detect_format
from ._mbox import iter_mbox
from ._records import LoadError, check_record
from ._rfc822 import parse_rfc822

__all__ = ["Corpus", "InputError", "load"]

MAX_FILE_MESSAGE_BYTES = 64 * 1024 * 1024


class InputError(ValueError):
    """A path given to ``load`` cannot be read at all (missing, unsupported)."""


@dataclass
class Corpus:
    """What ``load`` found.

    Attributes
    ----------
    messages : DataFrame
        One row per distinct message (index ``message_key``), see the data contract.
    errors : DataFrame
        One row per item that could not be read in full: ``source``, ``position``,
        ``error``, ``detail``, ``kept`` (True when the item is still a degraded row).
    request_log : DataFrame
        Rows of request / RFI logs as requests (``channel == "rfi_log"``).
    org_chart : DataFrame
        People from org-chart tables: ``name``, ``email``, ``title``, ``department``…
    seller_domains : tuple of str
        The seller's own domains, given or inferred.
    counts : DataFrame
        Per format: files, items found, messages, duplicates, errors.
    """

    messages: pd.DataFrame
    errors: pd.DataFrame
    request_log: pd.DataFrame
    org_chart: pd.DataFrame
    seller_domains: tuple[str, ...]
    counts: pd.DataFrame
    duplicates: pd.DataFrame = field(repr=False)

    def summary(self) -> pd.DataFrame:
        """Reconciliation per format: items found = messages + duplicates + errors.

        ``errors`` counts only items that were not kept; degraded rows that were
        kept are counted as messages and listed in ``errors`` with ``kept=True``.
        """
        table = self.counts.copy()
        total = table.sum(numeric_only=True).to_frame().T
        total.index = ["total"]
        table = pd.concat([table, total])
        table["reconciled"] = table["items"] == (
            table["messages"] + table["duplicates"] + table["errors"]
        ) + table["table_rows"]
        return table

    @property
    def reconciled(self) -> bool:
        return bool(self.summary()["reconciled"].all())

    def __repr__(self) -> str:
        total = self.summary().loc["total"]
        return (
            f"Corpus({int(total['messages'])} messages, {int(total['duplicates'])} duplicates, "
            f"{int(total['errors'])} errors, {len(self.request_log)} request-log rows, "
            f"{len(self.org_chart)} org-chart people; seller domains {list(self.seller_domains)})"
        )


def load(
    paths,
    *,
    seller_domains: Iterable[str] | str | None = None,
    org_chart=None,
    log_columns: Mapping[str, str] | None = None,
    progress: bool | None = None,
) -> Corpus:
    """Read mail exports and request logs into the messages and load-errors frames.

    Parameters
    ----------
    paths : path or list of paths
        Files or folders, mixed: mbox, maildir trees, ``.eml``, Outlook ``.msg``,
        ``.pst``/``.ost``, CSV/XLSX request logs and org charts. Formats are told
        from content. Folders are walked recursively in sorted order.
    seller_domains : str or list of str, optional
        The account team's own mail domains (subdomains included). When omitted,
        the most frequent domain is taken, with a warning.
    org_chart : path, optional
        An org chart table (CSV/XLSX: name, e-mail, title, department…).
    log_columns : mapping, optional
        Explicit request-log column mapping, ``{"their column": "our field"}``,
        overriding automatic recognition (fields: ``sender``, ``text``,
        ``subject``, ``sent_at``, ``category``, ``due``, ``status``,
        ``hours_spent``, ``request_ref``).
    progress : bool, optional
        Show a progress bar; by default only on a terminal.

    Returns
    -------
    Corpus

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.eml").write_bytes(
    ...     b"From: Dana <dana@customer.com>\\nTo: sam@seller.com\\n"
    ...     b"Subject: pricing\\nDate: Tue, 7 Jan 2020 14:22:43 -0600\\n\\n"
    ...     b"Could you price a five-year option?\\n")
    >>> corpus = load(folder, seller_domains="seller.com")
    >>> corpus.messages[["sender", "direction"]].to_dict("records")
    [{'sender': 'dana@customer.com', 'direction': 'inbound'}]
    """
    reader = _Reader(paths, org_chart=org_chart, log_columns=log_columns, progress=progress)
    columns: dict[str, list] = {name: [] for name in ("message_key", *_STORED)}
    for key, item in reader.records():
        columns["message_key"].append(key)
        for name in _STORED:
            columns[name].append(item[name])
    messages = _messages_frame(columns)
    domains = _seller_domains(messages, seller_domains)
    messages["direction"] = _directions(messages, domains)
    messages["thread_id"] = _thread_ids(messages)
    validate_frame(messages, "messages")
    return reader.corpus(messages, domains)


# every messages column a record carries; direction and thread need the whole corpus
_STORED = [c for c in MESSAGES.columns if c not in ("thread_id", "direction")]


class _FirstCopies:
    """The de-duplication rule of :func:`load` and of a partitioned read's merge: the
    first copy of a message in input order is kept, each later one is listed with
    the source of the copy kept."""

    def __init__(self):
        self.kept: dict[str, str] = {}
        self.rows: list[tuple[str, str, str]] = []  # (message_key, source, kept_source)

    def keep(self, key: str, source: str) -> bool:
        if key in self.kept:
            self.rows.append((key, source, self.kept[key]))
            return False
        self.kept[key] = source
        return True

    def frame(self) -> pd.DataFrame:
        return pd.DataFrame(self.rows, columns=["message_key", "source", "kept_source"])


class _Reader:
    """One pass over the inputs: distinct message records out, the rest tallied.

    ``records()`` yields ``(message_key, record)`` for each new message; errors,
    duplicates, per-format counts, request logs and org charts are kept on the
    reader, so every item found is accounted for.
    """

    def __init__(self, paths, *, org_chart=None, log_columns=None, progress=None,
                 parts=None):
        if parts is None:
            chart_files = _expand(org_chart) if org_chart is not None else []
            parts = [(p, f, 0, None) for p, f in _expand(paths)] + [
                (p, "org_chart", 0, None) for p, _ in chart_files]
        self.parts: list[tuple[Path, str, int, int | None]] = parts
        self.log_columns = log_columns
        self.progress = progress
        self.errors: list[LoadError] = []
        self.copies = _FirstCopies()
        self.counts: dict[str, Counter] = {}
        self.logs: list[pd.DataFrame] = []
        self.charts: list[pd.DataFrame] = []

    def records(self, *, dedupe: bool = True) -> Iterator[tuple[str, dict]]:
        """``(message_key, record)`` per message; with ``dedupe=False`` copies are
        yielded too (and counted as messages), for a merge to de-duplicate later."""
        bar = tqdm(total=len(self.parts), unit="file", disable=_quiet(self.progress),
                   desc="loading")
        for path, fmt, start, end in self.parts:
            bar.update(1)
            tally = self.counts.setdefault(fmt if fmt != "org_chart" else "csv", Counter())
            tally["files"] += start == 0  # a file read in byte ranges counts once
            if fmt in ("csv", "xlsx", "org_chart"):
                _read_table(path, fmt, self.log_columns, tally, self.logs, self.charts,
                            self.errors)
                continue
            for item in _items(path, fmt, start, end):
                tally["items"] += 1
                if isinstance(item, LoadError):
                    self.errors.append(item)
                    tally["errors"] += 1
                    continue
                check_record(item)
                key = _content_key(item)
                if dedupe and not self.copies.keep(key, item["source"]):
                    tally["duplicates"] += 1
                    continue
                tally["messages"] += 1
                if item["notes"]:
                    self.errors.append(
                        LoadError(item["source"], _position(item["source"]), "degraded",
                                  "; ".join(item["notes"]), kept=True)
                    )
                yield key, item
        bar.close()

    def corpus(self, messages: pd.DataFrame, domains: tuple[str, ...]) -> Corpus:
        return Corpus(
            messages=messages,
            errors=_errors_frame(self.errors),
            request_log=_concat(self.logs, "requests"),
            org_chart=pd.concat(self.charts, ignore_index=True) if self.charts else
            pd.DataFrame(columns=["name", "email", "title", "department"]),
            seller_domains=domains,
            counts=_counts_frame(self.counts),
            duplicates=self.copies.frame(),
        )


def _items(path: Path, fmt: str, start: int = 0,
           end: int | None = None) -> Iterator[dict | LoadError]:
    """Every item in one file (or byte range of an mbox): a record, or a LoadError."""
    name = str(path)
    try:
        if fmt == "mbox":
            for offset, raw, size in iter_mbox(path, start, end):
                where = f"{name}@{offset}"
                if raw is None:
                    yield LoadError(name, str(offset), "too_large",
                                    f"message of {size:,} bytes exceeds the "
                                    f"{MAX_FILE_MESSAGE_BYTES:,}-byte limit; skipped")
                    continue
                yield _parse_or_error(raw, where, name, str(offset), fmt)
        elif fmt in ("maildir", "eml"):
            size = path.stat().st_size
            if size > MAX_FILE_MESSAGE_BYTES:
                yield LoadError(name, "0", "too_large",
                                f"file of {size:,} bytes exceeds the "
                                f"{MAX_FILE_MESSAGE_BYTES:,}-byte limit; skipped")
                return
            yield _parse_or_error(path.read_bytes(), name, name, "0", fmt)
        elif fmt in ("msg", "pst"):
            yield from _outlook_items(path, fmt)
        elif path.stat().st_size == 0:
            # Thunderbird keeps an empty file for every folder it has (Drafts, Trash)
            yield LoadError(name, "", "empty", "an empty file: nothing to read")
        elif path.suffix.lower() == ".msf":
            yield LoadError(name, "", "unsupported_format",
                            "a Thunderbird summary index (.msf), not mail: the mailbox "
                            "file of the same name beside it holds the messages")
        else:
            yield LoadError(name, "", "unsupported_format",
                            "not a mail export or request log this tool reads; "
                            f"supported: {', '.join(FORMATS)}")
    except OSError as exc:
        yield LoadError(name, "", "unreadable_file", f"{type(exc).__name__}: {exc}")


def _parse_or_error(raw: bytes, where: str, name: str, position: str, fmt: str):
    if not raw.strip():
        return LoadError(name, position, "empty", "no bytes in this message")
    try:
        record = parse_rfc822(raw, source=where, fmt=fmt)
    except Exception as exc:  # the parser is defensive; this is a last resort
        return LoadError(name, position, "parse_failed", f"{type(exc).__name__}: {exc}")
    if not (record["sender"] or record["sent_at"] or record["subject"] or record["message_id"]
            or record["to"]):
        first = raw.lstrip().split(b"\n", 1)[0][:60].decode("utf-8", "replace")
        return LoadError(name, position, "no_headers",
                         f"no From, To, Date, Subject or Message-ID header (a fragment?); "
                         f"first line {first!r}")
    return record


def _outlook_items(path: Path, fmt: str) -> Iterator[dict | LoadError]:
    try:
        from . import _outlook
    except ImportError as exc:
        yield LoadError(str(path), "", "missing_extra",
                        f"reading {fmt} files needs the outlook extra: "
                        f"pip install 'vision-analytics[outlook]' ({exc})")
        return
    reader = _outlook.iter_msg if fmt == "msg" else _outlook.iter_pst
    yield from reader(path)


def _read_table(path, fmt, log_columns, tally, logs, charts, errors):
    try:
        from ._tables import read_table
    except ImportError as exc:
        errors.append(LoadError(str(path), "", "missing_extra", str(exc)))
        tally["items"] += 1
        tally["errors"] += 1
        return
    kind = "org_chart" if fmt == "org_chart" else None
    result = read_table(path, columns=log_columns, kind=kind)
    tally["items"] += result.n_items
    # Table rows (requests or people) are items too: items = messages +
    # duplicates + errors + table_rows reconciles for every format.
    tally["table_rows"] += len(result.frame)
    errors.extend(result.errors)
    tally["errors"] += sum(not e.kept for e in result.errors)
    if result.kind == "request_log":
        logs.append(result.frame)
    elif result.kind == "org_chart":
        charts.append(result.frame)


def _expand(paths) -> list[tuple[Path, str]]:
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    out: list[tuple[Path, str]] = []
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise InputError(
                f"Input {str(path)!r} does not exist. Give a mail export file or folder "
                f"(formats: {', '.join(FORMATS)})."
            )
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file())
            for file in found:
                out.append((file, detect_format(file) or "unknown"))
            continue
        fmt = detect_format(path)
        if fmt is None:
            raise InputError(
                f"Input {str(path)!r} is not a supported format. Supported: "
                + "; ".join(f"{k} ({v})" for k, v in FORMATS.items())
            )
        out.append((path, fmt))
    return out


def _content_key(record: dict) -> str:
    """Same message (sender, date, recipients, subject, text) → same key.

    The Message-ID is left out on purpose: exporters rewrite it (the Enron
    corpus gives each folder's copy its own), so it cannot tell copies apart.
    """
    sent = record["sent_at"].isoformat() if record["sent_at"] else ""
    body = " ".join(record["body_text"].split())
    parts = [record["sender"], sent, ",".join(sorted(record["to"])), record["subject"], body]
    if not sent and not record["sender"]:
        # header-poor items are only duplicates when they are byte-identical in source
        parts.append(record["message_id"] or record["source"])
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8", "surrogatepass"))
    return "m" + digest.hexdigest()[:16]


def _position(source: str) -> str:
    return source.rsplit("@", 1)[1] if "@" in source and source.rsplit("@", 1)[1].isdigit() \
        else "0"


def _messages_frame(columns: dict[str, list]) -> pd.DataFrame:
    if not columns["message_key"]:
        return empty_frame("messages")
    data = {k: v for k, v in columns.items() if k not in ("thread_id", "direction")}
    frame = pd.DataFrame(data)
    frame["sent_at"] = pd.to_datetime(frame["sent_at"], utc=True).astype("datetime64[us, UTC]")
    for column in ("to", "cc", "references", "attachment_names", "attachment_sizes", "notes"):
        frame[column] = frame[column].astype(object)
    frame["has_attachments"] = frame["has_attachments"].astype(bool)
    frame = frame.set_index("message_key")
    frame["thread_id"] = ""
    frame["direction"] = ""
    return frame[MESSAGES.columns]


def _domain(address: str) -> str:
    return address.rsplit("@", 1)[1].strip(".> ") if "@" in address else ""


def _in_domains(address: str, domains: tuple[str, ...]) -> bool:
    domain = _domain(address)
    return bool(domain) and any(domain == d or domain.endswith("." + d) for d in domains)


def _seller_domains(messages: pd.DataFrame, given) -> tuple[str, ...]:
    if given:
        return _given_domains(given)
    tally = DomainTally()
    tally.update(messages)
    return tally.infer()


def _given_domains(given) -> tuple[str, ...]:
    if isinstance(given, str):
        given = [given]
    return tuple(sorted({d.lower().lstrip("@").strip() for d in given}))


class DomainTally:
    """Counts, chunk by chunk, the domains taking part in messages, to infer the seller's.

    An exported mailbox is the team's own: its domain takes part in (nearly)
    every message, and mostly as a recipient. Ties on the first go to the second.
    """

    def __init__(self):
        self.tally: Counter = Counter()
        self.received: Counter = Counter()
        self.n = 0

    def update(self, messages: pd.DataFrame) -> None:
        for sender, to, cc in zip(messages["sender"], messages["to"], messages["cc"],
                                  strict=True):
            recipients = {_domain(a) for a in [*to, *cc]} - {""}
            self.tally.update(recipients | ({_domain(sender)} - {""}))
            self.received.update(recipients)
        self.n += len(messages)

    def infer(self) -> tuple[str, ...]:
        if not self.tally:
            return ()
        domain, n = min(self.tally.items(), key=lambda kv: (-kv[1], -self.received[kv[0]],
                                                            kv[0]))
        warnings.warn(
            f"seller_domains not given; inferred {domain!r} (it takes part in {n} of "
            f"{self.n} messages). Pass seller_domains=[...] (CLI: --seller-domain) "
            "to set it.",
            UserWarning,
            stacklevel=4,
        )
        return (domain,)


def _directions(messages: pd.DataFrame, domains: tuple[str, ...]) -> list[str]:
    out = []
    for sender, to, cc in zip(messages["sender"], messages["to"], messages["cc"], strict=True):
        if not _in_domains(sender, domains):
            out.append("inbound")
        elif all(_in_domains(a, domains) for a in [*to, *cc] if "@" in a):
            out.append("internal")
        else:
            out.append("outbound")
    return out


def _thread_ids(messages: pd.DataFrame) -> list[str]:
    """Connected components of Message-ID / In-Reply-To / References links."""
    links = ThreadLinks()
    links.update(messages)
    return links.thread_ids()


class ThreadLinks:
    """Message-ID / In-Reply-To / References links, gathered chunk by chunk."""

    def __init__(self):
        # the smaller id wins, so roots do not depend on input order
        self.groups = UnionFind()
        self.nodes: list[str] = []

    def update(self, messages: pd.DataFrame) -> None:
        for key, mid, reply, refs in zip(messages.index, messages["message_id"],
                                         messages["in_reply_to"], messages["references"],
                                         strict=True):
            own = mid or f"key:{key}"
            self.nodes.append(own)
            self.groups.add(own)
            for other in [reply, *refs]:
                if other:
                    self.groups.union(own, other)

    def thread_ids(self) -> list[str]:
        """One id per message, in the order the messages were added."""
        find = self.groups.find
        return ["t" + hashlib.sha1(find(n).encode()).hexdigest()[:12] for n in self.nodes]


def _errors_frame(errors: list[LoadError]) -> pd.DataFrame:
    if not errors:
        return empty_frame("load_errors")
    frame = pd.DataFrame([e.__dict__ for e in errors])
    frame["kept"] = frame["kept"].astype(bool)
    return frame[["source", "position", "error", "detail", "kept"]]


def _counts_frame(counts: dict[str, Counter]) -> pd.DataFrame:
    cols = ["files", "items", "messages", "duplicates", "errors", "table_rows"]
    rows = {fmt: [tally.get(c, 0) for c in cols] for fmt, tally in sorted(counts.items())}
    frame = pd.DataFrame.from_dict(rows, orient="index", columns=cols)
    frame.index.name = "format"
    return frame.astype("int64")


def _concat(frames: list[pd.DataFrame], name: str) -> pd.DataFrame:
    if not frames:
        return empty_frame(name)
    return pd.concat(frames)


def _quiet(progress: bool | None) -> bool | None:
    if progress is None:
        return None  # tqdm decides: off when not on a terminal
    return not progress
