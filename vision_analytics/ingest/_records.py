"""What every reader yields: one message record or one load error per item found."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

__all__ = ["LoadError", "new_record"]


@dataclass(frozen=True)
class LoadError:
    """An item that could not be read in full.

    ``kept`` is True when the item still became a (degraded) message row, False
    when nothing of it could be used. ``position`` says where in ``source`` the
    item is (a byte offset, a folder path inside a PST, a row number...).
    """

    source: str
    position: str
    error: str
    detail: str
    kept: bool = False


def new_record(*, source: str, fmt: str) -> dict:
    """A message record with every contract column at its empty value.

    Readers fill what they find; ``notes`` collects problems with the item that
    did not stop it from loading (an unparseable date, an unknown charset...).
    """
    return {
        "message_id": "",
        "source": source,
        "format": fmt,
        "sent_at": None,
        "sender": "",
        "sender_name": "",
        "to": [],
        "cc": [],
        "subject": "",
        "body_text": "",
        "in_reply_to": "",
        "references": [],
        "has_attachments": False,
        "attachment_names": [],
        "attachment_sizes": [],
        "body_kind": "none",
        "notes": [],
        "x_from": "",
        "x_to": "",
        "x_cc": "",
        "thread_index": "",
    }


def check_record(record: dict) -> None:
    """Raise ``TypeError`` when a reader built a record with the wrong shapes."""
    sent_at = record["sent_at"]
    if sent_at is not None and (
        not isinstance(sent_at, datetime) or sent_at.tzinfo is None
    ):
        raise TypeError(f"sent_at must be an aware datetime or None, got {sent_at!r}")
    for key in ("to", "cc", "references", "attachment_names", "attachment_sizes", "notes"):
        if not isinstance(record[key], list):
            raise TypeError(f"{key} must be a list, got {type(record[key]).__name__}")
