"""Combine the clues into one originator per request, with a confidence.

Each candidate's score is the sum of its clue weights (log-odds points); an
"unknown" pseudo-candidate with a fixed score stands for every originator the
mail does not show. A softmax over the best candidate, its strongest rival and
"unknown" gives the raw probability of the best one. An optional calibration
map (isotonic per kind of lead clue, fitted on accounts with known answers)
turns it into the share of such guesses that were right. Below
``min_confidence`` the originator is "unknown": low evidence never becomes a
confident guess.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

from ._stylometry import UNKNOWN

__all__ = ["Attributor", "CORROBORATING", "DEFAULT_CALIBRATION", "MIN_CONFIDENCE",
           "MIN_RAW_CONFIDENCE"]

#: Clue kinds that only corroborate: they add to a candidate another clue names,
#: but alone never outweigh the sender (a style or shared-phrase lead alone was
#: never right on the development accounts).
CORROBORATING = frozenset({"style", "vocabulary", "timing", "cc"})

#: Default lowest calibrated confidence of a decided originator.
MIN_CONFIDENCE = 0.2
#: Default lowest raw confidence of a decided originator, when there is no map.
MIN_RAW_CONFIDENCE = 0.45

#: Isotonic map fitted on simulated accounts by benchmarks/calibrate_attribution.py.
DEFAULT_CALIBRATION = Path(__file__).with_name("calibration.json")


class Attributor:
    """Pick the originator of each request from its evidence rows.

    Parameters
    ----------
    unknown_score : float
        Score of the "unknown" pseudo-candidate.
    min_confidence : float, optional
        Below this confidence the originator is "unknown". With a calibration
        map the confidence is the share of such guesses that were right, and
        the default (:data:`MIN_CONFIDENCE`) keeps a lead that is right at least
        one time in five, shown with that confidence and its evidence ("unknown"
        counts as wrong, and a lead on a shared vision's vocabulary, right about
        one time in four, is still the best lead a team has); raw scores run
        high, so without a map the default is the stricter
        :data:`MIN_RAW_CONFIDENCE`.
    calibration : path or dict, optional
        ``{"x": [...], "y": [...]}`` knots of a monotone map from raw to
        calibrated confidence (JSON file or dict).
    max_corroboration : float
        Highest score of a candidate that only :data:`CORROBORATING` clues name;
        keep it below the sender clue's weight.

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

    def __init__(self, *, unknown_score=0.5, min_confidence=None, calibration=None,
                 max_corroboration=0.9):
        self.unknown_score = unknown_score
        self.min_confidence = min_confidence
        self.calibration = calibration
        self.max_corroboration = max_corroboration

    def attribute(self, request_ids, evidence: pd.DataFrame) -> pd.DataFrame:
        """One row per request: ``originator_id``, ``originator_confidence``,
        ``raw_confidence``, ``best_guess`` (the leading candidate, also when the
        originator is "unknown"), ``top_kind`` (the strongest clue for it),
        ``runner_up``, ``explanation``.

        ``originator_confidence`` is the calibrated chance that ``best_guess`` is
        the originator; below ``min_confidence`` the originator is "unknown".
        """
        maps = self._maps()
        threshold = self.min_confidence if self.min_confidence is not None else (
            MIN_CONFIDENCE if maps else MIN_RAW_CONFIDENCE)
        # plain Python over each request's clues: per-request pandas calls cost
        # ~10 ms each, an hour for a few hundred thousand requests
        grouped: dict[str, list[tuple]] = {}
        if len(evidence):
            for clue in zip(evidence["request_id"].astype(str).tolist(),
                            evidence["candidate"].astype(str).tolist(),
                            evidence["kind"].astype(str).tolist(),
                            evidence["weight"].astype(float).tolist(),
                            evidence["excerpt"].astype(str).tolist(), strict=True):
                grouped.setdefault(clue[0], []).append(clue[1:])
        rows = []
        for request_id in request_ids:
            clues = grouped.get(str(request_id))
            if not clues:
                rows.append((request_id, UNKNOWN, 0.0, 0.0, UNKNOWN, "", "", "no evidence"))
                continue
            totals: dict[str, float] = {}
            for candidate, _, weight, _ in clues:
                totals[candidate] = totals.get(candidate, 0.0) + weight
            named = {c for c, kind, _, _ in clues if kind not in CORROBORATING}
            names = sorted(totals)
            values = np.array([totals[c] if c in named else min(totals[c],
                                                                 self.max_corroboration)
                               for c in names], dtype=float)
            order = np.argsort(-values, kind="stable")
            best = names[order[0]]
            raw = _lead_probability(values[order], self.unknown_score)
            runner = names[order[1]] if len(order) > 1 else ""
            # the best candidate's clues, strongest first (ties in evidence order)
            own = sorted((c for c in clues if c[0] == best), key=lambda c: -c[2])
            top_kind = own[0][1]
            confidence = _calibrate(raw, top_kind, maps)
            chosen = best if confidence >= threshold else UNKNOWN
            rows.append((request_id, chosen, confidence, raw, best, top_kind, runner,
                         _explain(own, chosen)))
        out = pd.DataFrame(rows, columns=["request_id", "originator_id",
                                          "originator_confidence", "raw_confidence",
                                          "best_guess", "top_kind", "runner_up", "explanation"])
        return out.set_index("request_id")

    def _maps(self):
        if self.calibration is None:
            return None
        data = self.calibration
        if isinstance(data, (str, Path)):
            data = json.loads(Path(data).read_text())
        return data


def _lead_probability(ranked: np.ndarray, unknown_score: float) -> float:
    """Chance, before calibration, that the leader is the originator.

    A softmax over the leader, its strongest rival and the "unknown"
    pseudo-candidate. Weaker rivals do not dilute it: a forward copied to
    twenty newcomers is as clearly the forwarded author's as one copied to none.
    """
    values = np.append(ranked[:2], unknown_score)
    exp = np.exp(values - values.max())
    return float(exp[0] / exp.sum())


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


def _explain(own: list[tuple], chosen: str) -> str:
    """One line: the strongest clues (``own``, strongest first) for the best candidate."""
    parts = [excerpt.split(":")[0] for _, _, _, excerpt in own[:3]]
    line = "; ".join(dict.fromkeys(parts))
    if chosen == UNKNOWN:
        return f"unknown (best guess: {line})"
    return line
