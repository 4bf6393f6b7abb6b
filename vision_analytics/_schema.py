"""The data contract between stages, as code.

Every stage speaks pandas DataFrames whose columns are listed here (see
``ARCHITECTURE.md``, "Data contract"). :func:`validate_frame` checks a frame at a
stage boundary and reports every problem at once, naming the frame, the column,
what was expected and what was found.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

__all__ = [
    "FRAMES",
    "FrameSpec",
    "SchemaError",
    "empty_frame",
    "validate_frame",
]


class SchemaError(ValueError):
    """A DataFrame does not follow the data contract."""


@dataclass(frozen=True)
class FrameSpec:
    """Columns of one contract frame.

    ``kinds`` maps a column to one of ``"str"`` (text, may be empty),
    ``"datetime"`` (timezone-aware UTC, may be missing), ``"bool"``, ``"int"``,
    ``"float"`` or ``"list"`` (a Python list per row).
    """

    name: str
    index: str | None
    kinds: dict[str, str]

    @property
    def columns(self) -> list[str]:
        return list(self.kinds)


MESSAGES = FrameSpec(
    "messages",
    index="message_key",
    kinds={
        "message_id": "str",
        "source": "str",
        "format": "str",
        "sent_at": "datetime",
        "sender": "str",
        "sender_name": "str",
        "to": "list",
        "cc": "list",
        "subject": "str",
        "body_text": "str",
        "thread_id": "str",
        "in_reply_to": "str",
        "references": "list",
        "direction": "str",
        "has_attachments": "bool",
        "attachment_names": "list",
        "attachment_sizes": "list",
        "body_kind": "str",
        "notes": "list",
        # Raw forms identity resolution uses: Enron's X-From/X-To/X-cc carry X.500
        # and Lotus names; Outlook's Thread-Index links replies without References.
        "x_from": "str",
        "x_to": "str",
        "x_cc": "str",
        "thread_index": "str",
    },
)

LOAD_ERRORS = FrameSpec(
    "load_errors",
    index=None,
    kinds={
        "source": "str",
        "position": "str",
        "error": "str",
        "detail": "str",
        # True when the item is still a (degraded) row of messages; False when it
        # could not be read at all. Reconciliation counts only the False rows.
        "kept": "bool",
    },
)

SEGMENTS = FrameSpec(
    "segments",
    index=None,
    kinds={
        "message_key": "str",
        "kind": "str",
        "start": "int",
        "end": "int",
        "author": "str",
        "author_email": "str",
        "sent_at": "datetime",
        "text": "str",
    },
)

PEOPLE = FrameSpec(
    "people",
    index=None,
    kinds={
        "person_id": "str",
        "name": "str",
        "emails": "list",
        "organization": "str",
        "domain": "str",
        "department": "str",
        "title": "str",
        "first_seen": "datetime",
        "last_seen": "datetime",
        "n_sent": "int",
    },
)

REQUESTS = FrameSpec(
    "requests",
    index="request_id",
    kinds={
        "message_key": "str",
        "message_id": "str",
        "sent_at": "datetime",
        "sender": "str",
        "subject": "str",
        "text": "str",
        "channel": "str",
    },
)

TOPICS = FrameSpec(
    "topics",
    index=None,
    kinds={
        "topic_id": "str",
        "label": "str",
        "top_terms": "list",
        "size": "int",
        "first_seen": "datetime",
        "last_seen": "datetime",
        "representative_ids": "list",
    },
)

EVIDENCE = FrameSpec(
    "evidence",
    index=None,
    kinds={
        "request_id": "str",
        "candidate": "str",
        "kind": "str",
        "weight": "float",
        "excerpt": "str",
        "source": "str",
    },
)

FRAMES = {
    spec.name: spec
    for spec in (MESSAGES, LOAD_ERRORS, SEGMENTS, PEOPLE, REQUESTS, TOPICS, EVIDENCE)
}


def empty_frame(name: str) -> pd.DataFrame:
    """An empty frame with the contract's columns and dtypes for ``name``."""
    spec = _spec(name)
    data = {}
    for column, kind in spec.kinds.items():
        if kind == "datetime":
            data[column] = pd.Series([], dtype="datetime64[us, UTC]")
        elif kind == "bool":
            data[column] = pd.Series([], dtype=bool)
        elif kind == "int":
            data[column] = pd.Series([], dtype="int64")
        elif kind == "float":
            data[column] = pd.Series([], dtype="float64")
        elif kind == "list":
            data[column] = pd.Series([], dtype=object)
        else:
            data[column] = pd.Series([], dtype="str")
    frame = pd.DataFrame(data)
    if spec.index:
        frame.index = pd.Index([], dtype="str", name=spec.index)
    return frame


def validate_frame(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    """Check ``frame`` against the contract for ``name``; return it unchanged.

    Extra columns are allowed (later stages join their own). Every problem is
    collected before raising, so one error lists them all.

    Examples
    --------
    >>> from vision_analytics._schema import empty_frame, validate_frame
    >>> validate_frame(empty_frame("evidence"), "evidence").columns[:3].tolist()
    ['request_id', 'candidate', 'kind']
    """
    spec = _spec(name)
    problems = []
    if not isinstance(frame, pd.DataFrame):
        raise SchemaError(
            f"{name}: expected a pandas DataFrame, got {type(frame).__name__}."
        )
    missing = [c for c in spec.columns if c not in frame.columns]
    if missing:
        problems.append(
            f"missing column(s) {missing}; columns in the frame: {list(frame.columns)}"
        )
    if spec.index and frame.index.name != spec.index:
        problems.append(f"index must be named {spec.index!r}, got {frame.index.name!r}")
    if spec.index and not frame.index.is_unique:
        dupes = frame.index[frame.index.duplicated()].unique()[:5].tolist()
        problems.append(f"index {spec.index!r} has duplicate values, e.g. {dupes}")
    for column, kind in spec.kinds.items():
        if column not in frame.columns:
            continue
        series = frame[column]
        if kind == "datetime":
            if not isinstance(series.dtype, pd.DatetimeTZDtype) or str(series.dt.tz) != "UTC":
                problems.append(
                    f"column {column!r} must be timezone-aware UTC datetimes, got {series.dtype}"
                )
        elif kind == "list":
            bad = series[~series.map(lambda v: isinstance(v, list))]
            if len(bad):
                problems.append(
                    f"column {column!r} must hold Python lists; {len(bad)} row(s) hold "
                    f"{type(bad.iloc[0]).__name__}"
                )
        elif kind == "bool":
            if not pd.api.types.is_bool_dtype(series.dtype):
                problems.append(f"column {column!r} must be bool, got {series.dtype}")
        elif kind in ("int", "float"):
            if not pd.api.types.is_numeric_dtype(series.dtype):
                problems.append(f"column {column!r} must be numeric, got {series.dtype}")
        elif kind == "str":
            if series.isna().any():
                problems.append(
                    f"column {column!r} must not hold missing values "
                    f"({int(series.isna().sum())} found); use '' for 'none'"
                )
    if problems:
        raise SchemaError(
            f"{name} frame does not follow the data contract:\n- " + "\n- ".join(problems)
        )
    return frame


def _spec(name: str) -> FrameSpec:
    try:
        return FRAMES[name]
    except KeyError:
        raise SchemaError(
            f"Unknown frame {name!r}; the contract defines {sorted(FRAMES)}."
        ) from None
