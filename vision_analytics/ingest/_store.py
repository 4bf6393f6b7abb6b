"""``load_to_parquet``: stream exports of any size into columnar storage.

``load`` builds one DataFrame in memory: right for an account's mailbox, not for
a five-year shared mailbox or an e-discovery production of millions of messages.
``load_to_parquet`` reads the same inputs with the same readers, but writes the
messages to a Parquet file one chunk (row group) at a time, so memory holds one
chunk plus the small per-message keys needed for de-duplication and threading.
Later stages read only the columns they need (:meth:`MessageStore.read`) or
walk the messages chunk by chunk (:meth:`MessageStore.iter_batches`).

Needs the ``scale`` extra (pyarrow).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path

import pandas as pd

from .._schema import MESSAGES, validate_frame
from ._load import (
    _STORED,
    Corpus,
    DomainTally,
    ThreadLinks,
    _directions,
    _given_domains,
    _messages_frame,
    _Reader,
)

__all__ = ["MessageStore", "load_to_parquet"]

MESSAGES_FILE = "messages.parquet"
DERIVED_FILE = "derived.parquet"  # direction and thread_id: known only at the end
MANIFEST = "manifest.json"
_SMALL = ("errors", "duplicates", "request_log", "org_chart", "counts")


def _arrow():
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:  # pragma: no cover - the extra is installed in CI
        raise ImportError(
            "Streaming to Parquet needs pyarrow: pip install 'vision-analytics[scale]'"
        ) from exc
    return pa, pq


def _schema():
    pa, _ = _arrow()
    kinds = {"str": pa.string(), "datetime": pa.timestamp("us", tz="UTC"),
             "bool": pa.bool_(), "list": pa.list_(pa.string())}
    fields = [pa.field("message_key", pa.string())]
    for name in _STORED:
        kind = MESSAGES.kinds[name]
        kind_type = pa.list_(pa.int64()) if name == "attachment_sizes" else kinds[kind]
        fields.append(pa.field(name, kind_type))
    return pa.schema(fields)


def load_to_parquet(paths, out_dir, *, seller_domains=None, org_chart=None, log_columns=None,
                    chunk_size: int = 20_000, progress: bool | None = None) -> MessageStore:
    """Read mail exports and request logs into a Parquet message store, chunk by chunk.

    Same inputs, readers, de-duplication and error accounting as
    :func:`~vision_analytics.load`; ``MessageStore(...).corpus()`` gives the same
    Corpus ``load`` would.

    Parameters
    ----------
    paths : path or list of paths
        Files or folders, as for ``load``.
    out_dir : path
        A folder for the store (created; existing store files are replaced).
    seller_domains, org_chart, log_columns, progress
        As for ``load``.
    chunk_size : int
        Messages per Parquet row group: what memory holds at once.

    Returns
    -------
    MessageStore

    Examples
    --------
    >>> import tempfile, pathlib
    >>> exports, out = (pathlib.Path(tempfile.mkdtemp()) for _ in range(2))
    >>> for n in range(3):
    ...     _ = (exports / f"{n}.eml").write_text(
    ...         f"From: dana@customer.com\\nTo: sam@seller.com\\nSubject: ask {n}\\n\\nQuote?\\n")
    >>> store = load_to_parquet(exports, out, seller_domains="seller.com", chunk_size=2)
    >>> [list(batch["subject"]) for batch in store.iter_batches(["subject"])]
    [['ask 0', 'ask 1'], ['ask 2']]
    """
    if not isinstance(chunk_size, int) or chunk_size < 1:
        raise ValueError(f"chunk_size must be a positive int; got {chunk_size!r}.")
    pa, pq = _arrow()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    reader = _Reader(paths, org_chart=org_chart, log_columns=log_columns, progress=progress)
    schema = _schema()
    tally, links = DomainTally(), ThreadLinks()
    n = 0
    with pq.ParquetWriter(out / MESSAGES_FILE, schema, compression="zstd") as writer:

        def flush(columns):
            frame = _messages_frame(columns)
            tally.update(frame)
            links.update(frame)
            table = pa.Table.from_pandas(frame[_STORED].reset_index(), schema=schema,
                                         preserve_index=False)
            writer.write_table(table)

        columns = _empty_columns()
        for key, item in reader.records():
            columns["message_key"].append(key)
            for name in _STORED:
                columns[name].append(item[name])
            if len(columns["message_key"]) >= chunk_size:
                n += len(columns["message_key"])
                flush(columns)
                columns = _empty_columns()
        if columns["message_key"] or n == 0:
            n += len(columns["message_key"])
            flush(columns)
    domains = _given_domains(seller_domains) if seller_domains else tally.infer()
    # direction needs the seller's domains and threads need every link: a second,
    # narrow pass once all messages are in
    directions: list[str] = []
    source = pq.ParquetFile(out / MESSAGES_FILE)
    for batch in source.iter_batches(columns=["sender", "to", "cc"], batch_size=chunk_size):
        directions.extend(_directions(batch.to_pandas(), domains))
    pq.write_table(pa.table({"direction": pa.array(directions, pa.string()),
                             "thread_id": pa.array(links.thread_ids(), pa.string())}),
                   out / DERIVED_FILE, compression="zstd")
    small = reader.corpus(_messages_frame(_empty_columns()), domains)
    for name in _SMALL:
        frame = getattr(small, name)
        _write_small(frame, out / f"{name}.parquet")
    (out / MANIFEST).write_text(json.dumps({
        "format": "vision_analytics message store", "version": 1, "messages": n,
        "seller_domains": list(domains), "chunk_size": chunk_size}, indent=1))
    return MessageStore(out)


def _empty_columns() -> dict[str, list]:
    return {name: [] for name in ("message_key", *_STORED)}


def _write_small(frame: pd.DataFrame, path: Path) -> None:
    frame = frame.copy()
    for column in frame.columns:
        if frame[column].dtype == object and not frame[column].map(
                lambda v: isinstance(v, list)).any():
            frame[column] = frame[column].astype("str")
    frame.to_parquet(path, index=True)


class MessageStore:
    """Messages in Parquet, read back by column or chunk by chunk.

    Parameters
    ----------
    path : path
        A folder written by :func:`load_to_parquet`.
    """

    def __init__(self, path):
        self.path = Path(path)
        manifest = self.path / MANIFEST
        if not manifest.is_file():
            raise FileNotFoundError(
                f"{str(self.path)!r} is not a message store (no {MANIFEST}); create one with "
                "vision_analytics.ingest.load_to_parquet(inputs, out_dir)."
            )
        self.manifest = json.loads(manifest.read_text())
        self.seller_domains = tuple(self.manifest["seller_domains"])

    def __len__(self) -> int:
        return int(self.manifest["messages"])

    def __repr__(self) -> str:
        return f"MessageStore({str(self.path)!r}, {len(self):,} messages)"

    @property
    def columns(self) -> list[str]:
        return list(MESSAGES.columns)

    def _split(self, columns: Sequence[str] | None) -> tuple[list[str], list[str]]:
        wanted = list(MESSAGES.columns) if columns is None else list(columns)
        unknown = [c for c in wanted if c not in MESSAGES.columns]
        if unknown:
            raise KeyError(f"{unknown} are not messages columns; choose from "
                           f"{MESSAGES.columns}.")
        stored = ["message_key"] + [c for c in wanted if c in _STORED]
        derived = [c for c in wanted if c not in _STORED]
        return stored, derived

    def iter_batches(self, columns: Sequence[str] | None = None,
                     batch_size: int | None = None) -> Iterator[pd.DataFrame]:
        """The messages frame, ``batch_size`` rows at a time (default: one chunk)."""
        _, pq = _arrow()
        stored, derived = self._split(columns)
        size = batch_size or int(self.manifest["chunk_size"])
        extra = pq.read_table(self.path / DERIVED_FILE, columns=derived) if derived else None
        start = 0
        for batch in pq.ParquetFile(self.path / MESSAGES_FILE).iter_batches(
                columns=stored, batch_size=size):
            frame = _frame(batch.to_pandas())
            if extra is not None:
                part = extra.slice(start, len(frame)).to_pandas()
                for column in derived:
                    frame[column] = part[column].to_numpy()
            start += len(frame)
            yield frame[list(columns or MESSAGES.columns)]

    def read(self, columns: Sequence[str] | None = None) -> pd.DataFrame:
        """The messages frame with only ``columns`` (all by default)."""
        frames = list(self.iter_batches(columns, batch_size=max(1, len(self))))
        return frames[0] if len(frames) == 1 else pd.concat(frames)

    def small(self, name: str) -> pd.DataFrame:
        """One of the small frames: errors, duplicates, request_log, org_chart, counts."""
        frame = pd.read_parquet(self.path / f"{name}.parquet")
        for column in frame.columns:
            if len(frame) and frame[column].map(lambda v: hasattr(v, "tolist")
                                                and not isinstance(v, str)).all():
                frame[column] = frame[column].map(lambda v: list(v.tolist())).astype(object)
        return frame

    def corpus(self, columns: Sequence[str] | None = None) -> Corpus:
        """The Corpus ``load`` would give (messages with ``columns``, all by default)."""
        messages = self.read(columns)
        if columns is None:
            validate_frame(messages, "messages")
        errors = self.small("errors")
        if "kept" in errors.columns:
            errors["kept"] = errors["kept"].astype(bool)
        return Corpus(messages=messages, errors=errors, request_log=self.small("request_log"),
                      org_chart=self.small("org_chart"), seller_domains=self.seller_domains,
                      counts=self.small("counts"), duplicates=self.small("duplicates"))


def _frame(raw: pd.DataFrame) -> pd.DataFrame:
    """A Parquet batch back into the messages contract's Python shapes."""
    frame = raw.set_index("message_key")
    for column, kind in MESSAGES.kinds.items():
        if column not in frame.columns:
            continue
        if kind == "list":
            frame[column] = pd.Series([list(v) if v is not None else [] for v in frame[column]],
                                      index=frame.index, dtype=object)
        elif kind == "datetime":
            frame[column] = frame[column].astype("datetime64[us, UTC]")
    return frame
