"""Request detection by language, on accounts whose every message has a known role.

The labelled Enron mail of ``request_detection.py`` is English only. The accounts of
``other_hands_accounts.py`` (written by other hands, beside this script) are German,
French, Spanish and English customers, and their truth gives each message its role
and language: an ask (``ordinary``, ``vision``, ``vision_followup``,
``strategic_decoy``), a follow-up in a thread (``followup``: chasers and further
questions, counted apart), or no ask at all (``thanks``, ``ooo``, ``noise``,
``invite_reply``, ``newsletter``, ``helpdesk``). For each language the script prints
the share of asks that :func:`vision_analytics.analyze`'s request detection finds
(recall) and the share of non-asks it takes for asks, beside the question-mark
baseline of ``request_detection.py`` (a ``?`` in the note) measured on the same
messages. Run, from the repository root::

    OMP_NUM_THREADS=1 python benchmarks/request_languages.py --seeds 22 23 24

Each account takes a few seconds (reading, zoning and request detection only).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import warnings
from pathlib import Path

import pandas as pd

import vision_analytics as va
from vision_analytics._engine import prepare_in_slices
from vision_analytics.normalize import combine_requests

sys.path.insert(0, str(Path(__file__).resolve().parent))

from other_hands_accounts import generate_account  # noqa: E402

ASKS = ("ordinary", "vision", "vision_followup", "strategic_decoy")
FOLLOW_UPS = ("followup",)
NOT_ASKS = ("thanks", "ooo", "noise", "invite_reply", "newsletter", "helpdesk")
KINDS = ("new_exec", "it_dept", "competitor", "null")


def account_rows(kind: str, seed: int, difficulty: str) -> list[dict]:
    """One row per customer-side message of one account: role, language, found."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        key = generate_account(kind, seed, out, difficulty=difficulty)
        truth = json.loads((out / "truth_details.json").read_text())
        inputs = [out / p for p in key.get("inputs") or ("mail.mbox", "requests_log.csv")]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            corpus = va.load(inputs, seller_domains=[key["seller_domain"]])
    messages = corpus.messages
    new_text, _, found = prepare_in_slices(messages, corpus.seller_domains)
    requests = combine_requests(found, corpus.request_log)
    detected = set(requests.loc[requests["channel"] == "email", "message_id"].dropna()
                   .astype(str))
    note = dict(zip(messages["message_id"].astype(str),
                    new_text.reindex(messages.index).fillna("").astype(str), strict=True))
    rows = []
    for m in truth["messages"]:
        if m["role"] not in ASKS + FOLLOW_UPS + NOT_ASKS or m["message_id"] not in note:
            continue
        rows.append({"seed": seed, "kind": kind, "role": m["role"], "lang": m.get("lang"),
                     "found": m["message_id"] in detected,
                     "question_mark": "?" in note[m["message_id"]]})
    return rows


def summary(frame: pd.DataFrame) -> pd.DataFrame:
    """Per language: recall on asks and follow-ups, false detections on non-asks."""
    group = frame.assign(group=frame["role"].map(
        lambda r: "ask" if r in ASKS else "follow-up" if r in FOLLOW_UPS else "not an ask"))
    table = group.groupby(["group", "lang"]).agg(
        n=("found", "size"), detected=("found", "mean"),
        baseline_question_mark=("question_mark", "mean"))
    return table.round(3)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", nargs="+", type=int, default=[22, 23, 24])
    parser.add_argument("--difficulty", default="medium")
    parser.add_argument("--out", type=Path, help="write the per-message rows here (CSV)")
    args = parser.parse_args(argv)
    rows = []
    for seed in args.seeds:
        for kind in KINDS:
            rows += account_rows(kind, seed, args.difficulty)
            print(f"{kind} seed {seed}: {len(rows)} messages so far", file=sys.stderr)
    frame = pd.DataFrame(rows)
    if args.out:
        frame.to_csv(args.out, index=False)
    print(f"{frame['seed'].nunique()} seeds x {len(KINDS)} kinds ({args.difficulty}), "
          f"{len(frame)} customer messages with a known role")
    print("detected: the share the request detection takes for asks; baseline: '?' in "
          "the note")
    with pd.option_context("display.width", 160):
        print(summary(frame).to_string())


if __name__ == "__main__":
    main()
