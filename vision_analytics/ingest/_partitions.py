"""Inputs cut into partitions that can be read apart and merged back into one Corpus.

The Dask engine reads each partition on a worker: a group of small files, or a
byte range of a large mbox (:func:`~._mbox.mbox_ranges`). Partitions keep
duplicates; :func:`merge_partitions` de-duplicates in input order, so the
merged Corpus is exactly the one :func:`~vision_analytics.load` builds in one
pass (tested), whatever the partitioning.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .._schema import MESSAGES, validate_frame
from ._load import (
    _STORED,
    Corpus,
    ThreadLinks,
    _concat,
    _counts_frame,
    _directions,
    _errors_frame,
    _FirstCopies,
    _messages_frame,
    _Reader,
    _seller_domains,
)
from ._mbox import mbox_ranges
from ._records import LoadError

__all__ = ["PartitionRead", "merge_partitions", "plan_partitions", "read_partition"]

Part = tuple[Path, str, int, "int | None"]


def plan_partitions(paths, *, org_chart=None, target_bytes: int = 64 * 2**20) -> list[list]:
    """Partitions of about ``target_bytes`` each, in input order.

    Small files are grouped; an mbox larger than ``target_bytes`` is cut into
    byte ranges at message separators. Request logs and org charts are read in
    the partition they fall in.
    """
    if not isinstance(target_bytes, int) or target_bytes < 1:
        raise ValueError(f"target_bytes must be a positive int; got {target_bytes!r}.")
    parts = _Reader(paths, org_chart=org_chart).parts
    partitions: list[list] = []
    current: list = []
    size = 0
    for path, fmt, _, _ in parts:
        nbytes = path.stat().st_size
        if fmt == "mbox" and nbytes > target_bytes:
            if current:
                partitions.append(current)
                current, size = [], 0
            partitions.extend([(path, fmt, a, b)] for a, b in mbox_ranges(path, target_bytes))
            continue
        current.append((path, fmt, 0, None))
        size += nbytes
        if size >= target_bytes:
            partitions.append(current)
            current, size = [], 0
    if current:
        partitions.append(current)
    return partitions


@dataclass
class PartitionRead:
    """What one partition holds: every record (copies included) and the rest."""

    messages: pd.DataFrame
    errors: list[LoadError]
    counts: dict[str, Counter]
    logs: list[pd.DataFrame] = field(default_factory=list)
    charts: list[pd.DataFrame] = field(default_factory=list)


def read_partition(parts: list, log_columns=None) -> PartitionRead:
    """Read one partition (runs on a worker)."""
    reader = _Reader(None, parts=list(parts), log_columns=log_columns, progress=False)
    columns: dict[str, list] = {name: [] for name in ("message_key", *_STORED)}
    for key, item in reader.records(dedupe=False):
        columns["message_key"].append(key)
        for name in _STORED:
            columns[name].append(item[name])
    frame = _messages_frame(columns)[_STORED]
    return PartitionRead(frame, reader.errors, reader.counts, reader.logs, reader.charts)


def merge_partitions(reads: list[PartitionRead], *, seller_domains=None) -> Corpus:
    """One Corpus from partitions read in input order, de-duplicated across them."""
    copies = _FirstCopies()
    frames, errors, logs, charts = [], [], [], []
    counts: dict[str, Counter] = {}
    for read in reads:
        messages = read.messages
        keep = []
        dropped: set[str] = set()
        for key, source, fmt in zip(messages.index, messages["source"], messages["format"],
                                    strict=True):
            first = copies.keep(key, source)
            keep.append(first)
            if not first:
                dropped.add(source)
                tally = read.counts[fmt]
                tally["messages"] -= 1
                tally["duplicates"] += 1
        frames.append(messages[keep])
        errors.extend(e for e in read.errors if not (e.kept and e.source in dropped))
        for fmt, tally in read.counts.items():
            counts.setdefault(fmt, Counter()).update(tally)
        logs.extend(read.logs)
        charts.extend(read.charts)
    messages = pd.concat(frames) if frames else _messages_frame(
        {name: [] for name in ("message_key", *_STORED)})[_STORED]
    domains = _seller_domains(messages, seller_domains)
    messages["direction"] = _directions(messages, domains)
    links = ThreadLinks()
    links.update(messages)
    messages["thread_id"] = links.thread_ids()
    messages = validate_frame(messages[MESSAGES.columns], "messages")
    return Corpus(
        messages=messages,
        errors=_errors_frame(errors),
        request_log=_concat(logs, "requests"),
        org_chart=pd.concat(charts, ignore_index=True) if charts else pd.DataFrame(
            columns=["name", "email", "title", "department"]),
        seller_domains=domains,
        counts=_counts_frame(counts),
        duplicates=copies.frame(),
    )
