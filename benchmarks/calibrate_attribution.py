"""Fit and check the calibration of attribution confidence on simulated accounts.

The raw confidence of :class:`vision_analytics.attribution.Attributor` is a
softmax over clue weights; it is not a probability of being right. This script
runs the analysis on development accounts (``--fit-seeds``), fits an isotonic
map from raw confidence to the share of correct *best guesses* (the leading
candidate, scored whether or not it cleared the "unknown" threshold: scoring the
final answer instead would count every "unknown" as wrong and teach the map that
whatever it declined is never right), writes it to
``vision_analytics/attribution/calibration.json`` (with ``--write``), then prints
reliability tables — raw and calibrated — on *other* accounts
(``--check-seeds``), with the expected calibration error (10 equal-width bins).

    python benchmarks/calibrate_attribution.py --fit-seeds 1 25 --check-seeds 2000 2024 --write

``--shipped-only`` fits nothing: it checks the map the package ships (the confidence
``analyze()`` reports) on the check seeds.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.isotonic import IsotonicRegression

import vision_analytics as va
from vision_analytics._analysis import _display_id
from vision_analytics.attribution._attribute import MIN_CONFIDENCE, _calibrate
from vision_analytics.datasets import DIFFICULTIES, KINDS, simulate_account
from vision_analytics.datasets._scoring import _same_originator

OUT = Path(__file__).resolve().parents[1] / "vision_analytics" / "attribution" / \
    "calibration.json"


def outcomes(seeds: range) -> pd.DataFrame:
    """raw and calibrated confidence, decided, best guess correct — one row per e-mail request."""
    rows = []
    for i, seed in enumerate(seeds):
        kind = KINDS[i % len(KINDS)]
        difficulty = DIFFICULTIES[(i // len(KINDS)) % len(DIFFICULTIES)]
        with tempfile.TemporaryDirectory() as folder:
            account = simulate_account(kind=kind, difficulty=difficulty, random_state=seed,
                                       out_dir=folder)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                analysis = va.analyze(account.inputs, seller_domains=account.seller_domains,
                                      random_state=0, progress=False)
        truth = {r["message_id"]: r for r in account.answer_key["requests"]
                 if r["channel"] == "email"}
        names = {p["name"].lower(): p["email"].lower() for p in account.answer_key["people"]}
        got = analysis.requests[analysis.requests["channel"] == "email"]
        got = got[got["message_id"].isin(truth)]
        people = analysis.identities.people.set_index("person_id")
        for raw, kind_, conf, best, message_id in zip(
                got["raw_confidence"], got["top_kind"], got["originator_confidence"],
                got["best_guess"], got["message_id"], strict=True):
            ok = _same_originator(_display_id(best, people), truth[message_id], names)
            rows.append({"kind": kind, "top_kind": kind_, "raw": float(raw),
                         "calibrated": float(conf), "correct": bool(ok)})
        print(f"  {kind:16s} {difficulty:6s} seed {seed}: {len(got)} e-mail requests",
              flush=True)
    return pd.DataFrame(rows)


def _fit(frame: pd.DataFrame) -> dict:
    iso = IsotonicRegression(y_min=0.02, y_max=0.98, out_of_bounds="clip")
    iso.fit(frame["raw"], frame["correct"].astype(float))
    return {"x": [round(float(x), 4) for x in iso.X_thresholds_],
            "y": [round(float(y), 4) for y in iso.y_thresholds_]}


def reliability(frame: pd.DataFrame, column: str) -> tuple[pd.DataFrame, float]:
    bins = np.linspace(0, 1, 11)
    binned = pd.cut(frame[column], bins, include_lowest=True)
    table = frame.groupby(binned, observed=True).agg(
        n=("correct", "size"), confidence=(column, "mean"), accuracy=("correct", "mean"))
    ece = float((table["n"] * (table["confidence"] - table["accuracy"]).abs()).sum()
                / max(1, table["n"].sum()))
    return table.round(3), ece


def by_lead_clue(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    """Per kind of leading clue: requests, share right, mean confidence."""
    return frame.groupby("top_kind").agg(n=("correct", "size"), right=("correct", "mean"),
                                         confidence=(column, "mean"))


def check_shipped(seeds: range) -> None:
    """Reliability of the confidence ``analyze()`` reports, with the map it ships."""
    print(f"checking the shipped map on seeds {seeds.start}..{seeds.stop - 1}")
    check = outcomes(seeds)
    decided = check["calibrated"] >= MIN_CONFIDENCE
    table, ece = reliability(check, "calibrated")
    print(f"\nshipped map, all best guesses: ECE {ece:.3f}\n{table.to_string()}")
    print(f"decided originators: ECE {reliability(check[decided], 'calibrated')[1]:.3f}; "
          f"best guesses right: {check['correct'].mean():.3f}")
    print(f"\nby lead clue:\n{by_lead_clue(check, 'calibrated').round(3).to_string()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fit-seeds", type=int, nargs=2, default=(1, 25))
    parser.add_argument("--check-seeds", type=int, nargs=2, default=(2000, 2024))
    parser.add_argument("--write", action="store_true", help=f"write {OUT.name}")
    parser.add_argument("--shipped-only", action="store_true",
                        help="fit nothing; check the shipped map on the check seeds")
    args = parser.parse_args()
    if args.shipped_only:
        check_shipped(range(*args.check_seeds))
        return

    print(f"fitting on seeds {args.fit_seeds[0]}..{args.fit_seeds[1] - 1}")
    fit = outcomes(range(*args.fit_seeds))
    knots = _fit(fit)
    knots["by_kind"] = {kind: _fit(group) for kind, group in fit.groupby("top_kind")
                        if len(group) >= 40}
    knots["fitted_on"] = (f"simulated accounts, seeds {args.fit_seeds[0]}-"
                          f"{args.fit_seeds[1] - 1}, {len(fit)} e-mail requests")
    if args.write:
        OUT.write_text(json.dumps(knots, indent=1) + "\n")
        print(f"wrote {OUT}")

    print(f"\nchecking on seeds {args.check_seeds[0]}..{args.check_seeds[1] - 1} "
          "(not used for fitting)")
    check = outcomes(range(*args.check_seeds))
    check["mapped"] = [_calibrate(r, k, knots) for r, k in zip(check["raw"],
                                                                 check["top_kind"], strict=True)]
    # what the shipped Attributor decides with this map
    check["decided"] = check["mapped"] >= MIN_CONFIDENCE
    for column, title in (("raw", "raw confidence"),
                          ("mapped", "calibrated confidence (this fit)")):
        table, ece = reliability(check[check["decided"]], column)
        print(f"\n{title}, decided originators: ECE {ece:.3f}\n{table.to_string()}")
    _, ece_all = reliability(check, "mapped")
    print(f"\ncalibrated confidence, all best guesses: ECE {ece_all:.3f}")
    by_kind = by_lead_clue(check, "mapped").join(check.groupby("top_kind")["decided"].mean())
    print(f"\nby lead clue:\n{by_kind.round(3).to_string()}")
    decided = check["decided"]
    print(f"\n'unknown' share: {1 - decided.mean():.3f}; accuracy of decided originators: "
          f"{check.loc[decided, 'correct'].mean():.3f}; of all e-mail requests "
          f"('unknown' = wrong): {(check['correct'] & decided).mean():.3f}")


if __name__ == "__main__":
    main()
