"""Request logs read field by field: requester, date and ask against the truth.

A request log is kept in whatever tool and language the account team uses: a
ServiceNow or Zendesk export, a French, Spanish, Polish or Swedish spreadsheet
with semicolons and decimal commas, an Excel workbook whose first sheet is a
summary. :func:`vision_analytics.ingest.read_table` must find in each who asked,
when, and what. This script reads the logs of accounts made by
``benchmarks/fifth_hand_accounts.py`` (written without reading this package; its
``truth_details.json`` gives every log row's case number, requester and date) and
prints, per log format: the share of the truth's rows found (by case number, or
by position when the case column is not recognised and the counts agree), the share
whose requester is right (the address, or the requester's name as the log writes
it), whose date is the right day, and whose ask is more than its title. Run from
the repository root::

    OMP_NUM_THREADS=1 python benchmarks/log_fields.py --seeds 1 2 3 4 5 6 7 8

Only the logs are read (no analysis): a second per account.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import unicodedata
import warnings
from pathlib import Path

import pandas as pd

from vision_analytics.ingest import read_table

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fifth_hand_accounts import generate_account  # noqa: E402

KINDS = ("new_exec", "it_dept", "competitor", "null")


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", str(text))
    return "".join(c for c in text if not unicodedata.combining(c)).lower().strip()


def account_rows(kind: str, seed: int, difficulty: str) -> list[dict]:
    """One row per log row in the truth: what the reading made of it."""
    with tempfile.TemporaryDirectory() as folder, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        out = Path(folder)
        key = generate_account(kind, seed, out, difficulty=difficulty)
        truth = json.loads((out / "truth_details.json").read_text())
        results = [read_table(out / p) for p in key["inputs"] if p.startswith("logs")]
    # a log taken for an org chart (or for nothing) gives no request rows
    frames = [r.frame for r in results if r.kind == "request_log"]
    read = pd.concat(frames) if frames else pd.DataFrame()
    by_case = read.set_index(read["message_id"].astype(str)) if len(read) else read
    names = {p["email"]: p["name"] for p in truth.get("customer_people", [])}
    names.update({p["old_email"]: p["name"] for p in truth.get("customer_people", [])
                  if p.get("old_email")})
    rows = []
    entries = truth.get("request_log") or []
    for i, entry in enumerate(entries):
        case = str(entry["case"])
        row = by_case.loc[case] if len(by_case) and case in by_case.index else None
        if row is None and len(read) == len(entries):
            # the case column not recognised: the rows in the order the log lists them
            row = read.iloc[i]
        if isinstance(row, pd.DataFrame):
            row = row.iloc[0]
        requester = entry.get("requester") or ""
        found = row is not None
        said = f"{row['sender']} {row['sender_name']}" if found else ""
        opened = pd.Timestamp(entry["opened"]).tz_convert("UTC") if entry.get("opened") \
            else None
        rows.append({
            "format": truth.get("request_log_format", "?"), "kind": kind, "seed": seed,
            "read": found,
            "requester": found and bool(requester) and (
                _fold(requester) in _fold(said)
                or _fold(names.get(requester, "\0")) in _fold(said)),
            # a log keeps the local day (a spreadsheet's date has no zone): a day apart
            # at most
            "date": found and opened is not None and pd.notna(row["sent_at"])
            and abs((row["sent_at"] - opened).total_seconds()) <= 86400,
            "ask": found and bool(str(row["text"]).strip())
            and str(row["text"]) != str(row["subject"]),
        })
    return rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3, 4, 5, 6, 7, 8])
    parser.add_argument("--difficulty", default="easy", choices=("easy", "medium", "hard"))
    args = parser.parse_args(argv)
    rows = [r for seed in args.seeds for kind in KINDS
            for r in account_rows(kind, seed, args.difficulty)]
    frame = pd.DataFrame(rows)
    table = frame.groupby("format").agg(
        accounts=("seed", lambda s: len(set(zip(frame.loc[s.index, "kind"], s, strict=True)))),
        rows=("read", "size"), read=("read", "mean"), requester=("requester", "mean"),
        date=("date", "mean"), ask=("ask", "mean"))
    table.loc["all"] = [table["accounts"].sum(), len(frame), frame["read"].mean(),
                        frame["requester"].mean(), frame["date"].mean(), frame["ask"].mean()]
    with pd.option_context("display.float_format", "{:.3f}".format, "display.width", 160):
        print(table.to_string())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
