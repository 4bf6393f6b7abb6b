"""Combine the clues into one originator per request, with a confidence.

Each candidate's score is the sum of its clue weights (log-odds points); an
"unknown" pseudo-candidate with a fixed score stands for every originator the
mail does not show. A softmax over candidates and "unknown" gives the
probability of the best one. When that probability is below
``min_confidence`` the originator is "unknown": low evidence never becomes a
confident guess. An optional calibration map (isotonic, fitted on accounts
with known answers) turns raw probabilities into calibrated confidences.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

from ._stylometry import UNKNOWN

__all__ = ["Attributor", "DEFAULT_CALIBRATION"]

#: Isotonic map fitted on simulated accounts by benchmarks/calibrate_attribution.py.
DEFAULT_CALIBRATION = Path(__file__).with_name("calibration.json")


class Attributor:
    """Pick the originator of each request from its evidence rows.

    Parameters
    ----------
    unknown_score : float
        Score of the "unknown" pseudo-candidate.
    min_confidence : float
        Below this confidence the originator is "unknown".
    calibration : path or dict, optional
        ``{"x": [...], "y": [...]}`` knots of a monotone map from raw to
        calibrated confidence (JSON file or dict).

    Examples
    --------
    >>> import pandas as pd
    >>> ev = pd.DataFrame({"request_id": ["r1", "r1"], "candidate": ["p_a", "p_b"],
    ...     "kind": ["sender", "forwarded_header"], "weight": [1.0, 3.5],
    ...     "excerpt": ["sent by A", "forwarded from B"], "source": ["<m1>", "<m1>"]})
    >>> out = Attributor().attribute(pd.Index(["r1"], name="request_id"), ev)
    >>> out.loc["r1", "originator_id"], round(float(out.loc["r1", "originator_confidence"]), 2)
    ('p_b', 0.88)
    """

    def __init__(self, *, unknown_score=0.5, min_confidence=0.45, calibration=None):
        self.unknown_score = unknown_score
        self.min_confidence = min_confidence
        self.calibration = calibration

    def attribute(self, request_ids, evidence: pd.DataFrame) -> pd.DataFrame:
        """One row per request: ``originator_id``, ``originator_confidence``,
        ``raw_confidence``, ``top_kind`` (the strongest clue for the chosen
        candidate), ``runner_up``, ``explanation``."""
        maps = self._maps()
        grouped = dict(list(evidence.groupby("request_id", sort=False))) if len(evidence) else {}
        rows = []
        for request_id in request_ids:
            frame = grouped.get(str(request_id))
            if frame is None or frame.empty:
                rows.append((request_id, UNKNOWN, 0.0, 0.0, "", "", "no evidence"))
                continue
            scores = frame.groupby("candidate", sort=True)["weight"].sum()
            names = list(scores.index)
            values = np.append(scores.to_numpy(dtype=float), self.unknown_score)
            exp = np.exp(values - values.max())
            proba = exp / exp.sum()
            order = np.argsort(-proba[:-1], kind="stable")
            best = names[order[0]]
            raw = float(proba[order[0]])
            runner = names[order[1]] if len(order) > 1 else ""
            own = frame[frame["candidate"] == best]
            top_kind = str(own.sort_values("weight", ascending=False, kind="stable")
                           ["kind"].iloc[0])
            confidence = _calibrate(raw, top_kind, maps)
            chosen = best if confidence >= self.min_confidence else UNKNOWN
            rows.append((request_id, chosen, confidence, raw, top_kind, runner,
                         _explain(frame, best, chosen)))
        out = pd.DataFrame(rows, columns=["request_id", "originator_id",
                                          "originator_confidence", "raw_confidence",
                                          "top_kind", "runner_up", "explanation"])
        return out.set_index("request_id")

    def _maps(self):
        if self.calibration is None:
            return None
        data = self.calibration
        if isinstance(data, (str, Path)):
            data = json.loads(Path(data).read_text())
        return data


def _calibrate(raw: float, kind: str, maps) -> float:
    """Raw softmax confidence → share of originators right, for this kind of lead clue.

    The same raw value means different things when a sender prior stands alone
    and when a style match narrowly leads: one monotone map per lead-clue kind
    (``by_kind``), the pooled map (``x``/``y``) for kinds seen too rarely.
    """
    if not maps:
        return raw
    table = maps.get("by_kind", {}).get(kind, maps)
    return float(np.interp(raw, table["x"], table["y"]))


def _explain(frame: pd.DataFrame, best: str, chosen: str) -> str:
    """One line: the strongest clues for the chosen candidate."""
    own = frame[frame["candidate"] == best].sort_values("weight", ascending=False,
                                                        kind="stable")
    parts = [e.split(":")[0] for e in own["excerpt"].head(3)]
    line = "; ".join(dict.fromkeys(parts))
    if chosen == UNKNOWN:
        return f"unknown (best guess: {line})"
    return line
