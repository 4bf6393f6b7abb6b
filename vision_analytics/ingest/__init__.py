"""Readers for mail exports and request logs (the ``ingest`` stage)."""

from ._detect import FORMATS, detect_format
from ._load import Corpus, InputError, load
from ._records import LoadError, new_record
from ._rfc822 import parse_rfc822
from ._store import MessageStore, load_to_parquet
from ._tables import TableResult, read_table

__all__ = [
    "FORMATS",
    "Corpus",
    "InputError",
    "LoadError",
    "MessageStore",
    "TableResult",
    "detect_format",
    "load",
    "load_to_parquet",
    "new_record",
    "parse_rfc822",
    "read_table",
]
