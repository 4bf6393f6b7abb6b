"""Write an analysis as the CLI's output contract (ARCHITECTURE.md, "Output contract")."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pandas as pd

__all__ = ["OUTPUT_FILES", "REQUEST_COLUMNS", "safe_cell", "write_outputs", "vision_json"]

OUTPUT_FILES = ("report.html", "requests.csv", "topics.csv", "stakeholders.csv", "evidence.csv",
                "load_errors.csv", "vision.json")
REQUEST_COLUMNS = ["request_id", "message_id", "channel", "sent_at", "sender", "subject",
                   "topic_id", "topic_label", "originator", "originator_confidence",
                   "part_of_vision", "evidence"]
VISION_KEYS = ["shared_source", "p_value", "confidence", "source", "source_kind",
               "origin_hypothesis", "onset", "vision_terms", "requests_in_vision", "answers",
               "effort", "recommendation"]
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """Neutralise a spreadsheet formula: text starting with = + - @ gets a leading '.

    Examples
    --------
    >>> safe_cell("=HYPERLINK(\\"http://x\\")"), safe_cell("-2"), safe_cell(-2), safe_cell("ok")
    ('\\'=HYPERLINK("http://x")', "'-2", -2, 'ok')
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _csv_frame(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for column in out.columns:
        series = out[column]
        if series.dtype == object:
            series = series.map(lambda v: ";".join(map(str, v)) if isinstance(v, list) else v)
        if isinstance(series.dtype, pd.DatetimeTZDtype):
            series = series.map(lambda t: "" if pd.isna(t) else t.isoformat())
        out[column] = series.map(safe_cell) if not pd.api.types.is_numeric_dtype(
            series.dtype) else series
    return out


def write_outputs(analysis, out_dir, *, anonymize: bool = False) -> dict[str, Path]:
    """Write every file of the output contract into ``out_dir``; return their paths."""
    if anonymize:
        from .report import anonymize_analysis

        analysis = anonymize_analysis(analysis)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    requests = analysis.requests.reset_index()
    for column in REQUEST_COLUMNS:
        if column not in requests.columns:
            requests[column] = ""
    paths = {name: out / name for name in OUTPUT_FILES}
    _csv_frame(requests[REQUEST_COLUMNS]).to_csv(paths["requests.csv"], index=False)
    _csv_frame(analysis.topics).to_csv(paths["topics.csv"], index=False)
    _csv_frame(analysis.stakeholders).to_csv(paths["stakeholders.csv"], index=False)
    _csv_frame(analysis.evidence).to_csv(paths["evidence.csv"], index=False)
    _csv_frame(analysis.corpus.errors).to_csv(paths["load_errors.csv"], index=False)
    paths["vision.json"].write_text(json.dumps(vision_json(analysis.vision), indent=2,
                                               ensure_ascii=False) + "\n", encoding="utf-8")
    analysis.report().write_html(paths["report.html"])
    return paths


def vision_json(vision: dict) -> dict:
    """The contract's keys first, in order, then the extras; JSON-safe values."""
    ordered = {key: vision.get(key) for key in VISION_KEYS}
    for key, value in vision.items():
        if key not in ordered:
            ordered[key] = value
    return _jsonable(ordered)


def _jsonable(value):
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (np.floating, float)):
        value = float(value)
        return None if math.isnan(value) or math.isinf(value) else value
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, pd.Timestamp):
        return None if pd.isna(value) else value.isoformat()
    return value
