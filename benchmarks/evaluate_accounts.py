"""How well does ``vision_analytics.analyze`` recover the known answers of simulated accounts?

Generates N accounts across kinds x difficulties from seeds never used in development
(default: 1000 onwards), runs ``vision_analytics.analyze(paths, seller_domains=...,
random_state=0)`` on each, scores it with ``vision_analytics.datasets.score_account``
and prints, per kind and difficulty: detection accuracy, false-positive rate on
``null`` accounts, source top-1 accuracy, origin accuracy, onset error (days),
request-level attribution accuracy (all requests, and relayed ones whose originator
is not the sender), vision-membership F1 and topic ARI.

Beside it, in the same run, two baselines that need no analysis: the naive reading a
team has today ("the sender is the originator, and there is no hidden source") and a
crude header rule ("the originator is the author of the first forwarded or quoted
header in the body that is not the seller's, else the sender").

Usage::

    python benchmarks/evaluate_accounts.py --n 60 --seed-start 1000
    python benchmarks/evaluate_accounts.py --n 12 --baseline-only   # no analyze() needed
    python benchmarks/evaluate_accounts.py --n 24 --seed-start 2000 --kinds null
    python benchmarks/evaluate_accounts.py --n 60 --by-mode   # relayed requests by relay mode
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from vision_analytics.datasets import DIFFICULTIES, KINDS, score_account, simulate_account
from vision_analytics.ingest import parse_rfc822

METRICS = {
    "detection_correct": "detect",
    "false_positive": "FP(null)",
    "source_correct": "source@1",
    "source_by_product": "src+product",
    "origin_correct": "origin",
    "onset_error_days": "onset_err_d",
    "originator_accuracy": "attr_all",
    "originator_accuracy_relayed": "attr_relayed",
    "originator_by_product": "attr+product",
    "vision_f1": "vision_F1",
    "topic_ari": "topic_ARI",
    "request_recall": "req_recall",
}


def baseline_predictions(answer_key: dict) -> tuple[pd.DataFrame, dict]:
    """The naive reading: every request is its sender's, nothing is shared."""
    rows = []
    for number, request in enumerate(answer_key["requests"]):
        email = request["channel"] == "email"
        rows.append({"request_id": f"b{number}",
                     "message_id": request["message_id"] if email else request["log_ref"],
                     "channel": request["channel"], "sender": request["sender"],
                     "topic_id": None, "originator": request["sender"],
                     "originator_confidence": 1.0, "part_of_vision": False})
    return pd.DataFrame(rows).set_index("request_id"), {"shared_source": False}


_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_AUTHOR_LINE = re.compile(
    r"^[> ]*(?:(?:From|Von|De|Van|Da)\s?:.*|.*(?:wrote|schrieb|a écrit|escribió|schreef).*:"
    r"|[^:\n]*<[^>\n]+@[^>\n]+>\s*)$",
    re.MULTILINE,
)


def header_rule_predictions(account) -> tuple[pd.DataFrame, dict]:
    """A crude rule: the first non-seller author of a forwarded / quoted header, else the sender."""
    bodies = {}
    for raw in account.messages:
        record = parse_rfc822(raw, source="", fmt="mbox")
        bodies[record["message_id"]] = record["body_text"]
    seller = tuple("@" + d for d in account.seller_domains)
    frame, vision = baseline_predictions(account.answer_key)
    originators = []
    for (_, row), request in zip(frame.iterrows(), account.answer_key["requests"], strict=True):
        guess = row["originator"]
        for line in _AUTHOR_LINE.finditer(bodies.get(request["message_id"], "")):
            found = [a.lower() for a in _ADDRESS.findall(line.group(0))]
            found = [a for a in found if not a.endswith(seller)]
            if found:
                guess = found[0]
                break
        originators.append(guess)
    return frame.assign(originator=originators), vision


def _plan(n: int, seed_start: int, kinds=KINDS,
          difficulties=DIFFICULTIES) -> list[tuple[str, str, int]]:
    combos = [(k, d) for d in difficulties for k in kinds]
    return [(*combos[i % len(combos)], seed_start + i) for i in range(n)]


def _table(scores: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    agg = {}
    for column, label in METRICS.items():
        if column not in scores:
            continue
        values = scores[column].astype("float64")
        agg[label] = values.groupby([scores[b] for b in by]).median() \
            if column == "onset_error_days" else values.groupby([scores[b] for b in by]).mean()
    table = pd.DataFrame(agg)
    table.insert(0, "n", scores.groupby(by).size())
    return table


def _print(title: str, scores: pd.DataFrame) -> None:
    print(f"\n== {title} ==")
    with pd.option_context("display.float_format", "{:.2f}".format, "display.width", 160):
        print(_table(scores, ["kind", "difficulty"]).to_string())
        print()
        print(_table(scores, ["kind"]).to_string())
        overall = scores.assign(all="all")
        print()
        print(_table(overall, ["all"]).to_string())


def relayed_by_mode(rows: list[dict]) -> pd.DataFrame:
    """Relayed requests pooled over accounts, by kind, difficulty and relay mode.

    ``ours``: share attributed to the true originator; ``+product``: an outside
    organisation also counts as named by one of its products. ``one_name``: what
    naming, for every relayed vision request of an account, its single most
    frequent originator would score: the ceiling of any rule that knows the source
    but has nothing per request (a request rephrased in the messenger's words, with
    no header, mention or cc, carries nothing else). Vision requests only.
    """
    records = []
    for result in rows:
        relayed = [r for r in result["per_request"] if r["relayed"]]
        vision = [r["originator"] for r in relayed if r["part_of_vision"]]
        top = max(set(vision), key=lambda o: (vision.count(o), o)) if vision else None
        for r in relayed:
            records.append({"kind": result["kind"], "difficulty": result["difficulty"],
                            "mode": r["relay_mode"] or "?",
                            "vision": r["part_of_vision"], "ours": r["correct"],
                            "+product": r["by_product"],
                            "one_name": (r["originator"] == top) if r["part_of_vision"]
                            else None})
    frame = pd.DataFrame(records)
    if frame.empty:
        return frame
    keys = ["kind", "difficulty", "mode"]
    table = frame.groupby(keys).agg(n=("ours", "size"), vision=("vision", "mean"),
                                    ours=("ours", "mean"), product=("+product", "mean"))
    table["one_name"] = frame.dropna(subset=["one_name"]).astype({"one_name": float}) \
        .groupby(keys)["one_name"].mean()
    return table.rename(columns={"product": "+product"})


def _print_by_mode(rows: list[dict]) -> None:
    print("\n== relayed requests by relay mode (pooled over accounts) ==")
    with pd.option_context("display.float_format", "{:.2f}".format, "display.width", 160,
                           "display.max_rows", 200):
        print(relayed_by_mode(rows).to_string())


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=60, help="number of accounts (default 60)")
    parser.add_argument("--seed-start", type=int, default=1000,
                        help="first seed (default 1000; development used seeds < 1000)")
    parser.add_argument("--n-months", type=int, default=None,
                        help="months per account (default: drawn per seed, 6-14)")
    parser.add_argument("--kinds", nargs="+", choices=KINDS, default=list(KINDS),
                        help="only these kinds (e.g. --kinds null for the false-positive rate)")
    parser.add_argument("--difficulties", nargs="+", choices=DIFFICULTIES,
                        default=list(DIFFICULTIES), help="only these difficulties")
    parser.add_argument("--baseline-only", action="store_true",
                        help="score only the naive sender baseline (no analyze() needed)")
    parser.add_argument("--out", type=Path, default=None,
                        help="also write the per-account scores to this CSV")
    parser.add_argument("--by-mode", action="store_true",
                        help="also break relayed-request attribution down by how the request "
                             "was relayed, beside the one-name ceiling")
    args = parser.parse_args(argv)

    analyze = None
    if not args.baseline_only:
        try:
            from vision_analytics import analyze
        except ImportError as exc:
            print(
                "vision_analytics.analyze is not available yet in this checkout "
                f"({exc}). The analysis stages are still being built; run with "
                "--baseline-only to score the naive baseline alone.",
                file=sys.stderr,
            )
            return 2

    os.environ.setdefault("OMP_NUM_THREADS", "1")
    rows, base_rows, rule_rows, failures = [], [], [], []
    started = time.perf_counter()
    for kind, difficulty, seed in _plan(args.n, args.seed_start, args.kinds,
                                        args.difficulties):
        with tempfile.TemporaryDirectory() as folder:
            account = simulate_account(kind, difficulty, random_state=seed, out_dir=folder,
                                       n_months=args.n_months)
            key = account.answer_key
            frame, vision = baseline_predictions(key)
            base_rows.append(score_account(key, frame, vision))
            rule_rows.append(score_account(key, *header_rule_predictions(account)))
            if analyze is not None:
                t0 = time.perf_counter()
                try:
                    analysis = analyze(account.inputs, seller_domains=account.seller_domains,
                                       random_state=0)
                except ImportError as exc:
                    print(f"vision_analytics.analyze cannot run in this checkout yet: {exc}. "
                          "Run with --baseline-only to score the naive baseline alone.",
                          file=sys.stderr)
                    return 2
                except Exception as exc:  # one broken account must not hide the others
                    failures.append((kind, difficulty, seed, f"{type(exc).__name__}: {exc}"))
                    print(f"{kind:>16} {difficulty:>6} seed {seed}: FAILED {exc!r}",
                          file=sys.stderr)
                    continue
                result = score_account(key, analysis.requests, analysis.vision)
                result["seconds"] = time.perf_counter() - t0
                rows.append(result)
                found = (analysis.vision.get("source") or {}).get("name")
                print(f"{kind:>16} {difficulty:>6} seed {seed}: detect "
                      f"{result['detection_correct']}, source {result['source_correct']} "
                      f"({found} / {(key.get('source') or {}).get('name')}), "
                      f"origin {analysis.vision.get('origin_hypothesis')}, "
                      f"attr {result['originator_accuracy'] or 0:.2f} "
                      f"({result['seconds']:.1f}s)", file=sys.stderr)
    print(f"{args.n} accounts, seeds {args.seed_start}..{args.seed_start + args.n - 1}, "
          f"{time.perf_counter() - started:.0f}s")
    _print("baseline: sender = originator, no hidden source", pd.DataFrame(base_rows))
    _print("baseline: first forwarded/quoted header author, else sender", pd.DataFrame(rule_rows))
    if failures:
        print(f"\n{len(failures)} of {args.n} analyses FAILED (not in the tables below):")
        for failure in failures:
            print("  ", *failure)
    if rows:
        scores = pd.DataFrame(rows)
        _print("vision_analytics.analyze", scores)
        if args.by_mode:
            _print_by_mode(rows)
        if args.out:
            scores.drop(columns="per_request").to_csv(args.out, index=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
