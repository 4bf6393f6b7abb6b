"""Which request-log rows record an e-mail ask: links found against the truth.

An account team's request log repeats many of the asks that also came by mail;
counted twice, they double the requests received and the hours spent.
:func:`vision_analytics.normalize.link_logged_requests` (run by ``analyze()``)
links such a row to its mail (``requests["same_as"]``). This script scores those
links on generated accounts whose truth says which log row records which mail:

- the simulator (``vision_analytics.datasets``; its answer key's ``same_as``),
- the third generator (``benchmarks/other_hands_accounts.py``, written without
  reading the package; its ``truth_details.json`` gives each Excel log row's mail;
  the rows of its CSV help-desk export have no such truth and are not scored),
- the fifth generator (``benchmarks/fifth_hand_accounts.py``, likewise: ServiceNow,
  Zendesk, semicolon and Excel logs in the customer's language; every row's mail).

Beside it, in the same run, the baseline a spreadsheet user would write: the
same sender's e-mail ask nearest in time within the same window (each mail
linked once). Printed: link precision and recall, and the requests counted
(every row, as before) against the distinct asks. Run from the repository root::

    OMP_NUM_THREADS=1 python benchmarks/log_links.py --seeds 5000 5001 5002

Each account is analysed in full (about 10 s).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

import vision_analytics as va
from vision_analytics.datasets import simulate_account

sys.path.insert(0, str(Path(__file__).resolve().parent))

import fifth_hand_accounts  # noqa: E402
from other_hands_accounts import generate_account  # noqa: E402

SIM_KINDS = ("new_executive", "competitor", "it_organization", "null")
OTHER_KINDS = ("new_exec", "it_dept", "competitor", "null")


def nearest_in_time(requests: pd.DataFrame, days_before: float = 2.0,
                    days_after: float = 14.0) -> pd.Series:
    """The baseline: the same sender's e-mail ask nearest in time, each mail once."""
    out = pd.Series("", index=requests.index, dtype=object)
    when = pd.to_datetime(requests["sent_at"], utc=True)
    who = requests["sender_id"].fillna("").astype(str).str.lower()
    mails = requests[(requests["channel"] == "email") & when.notna()]
    pairs = []
    for rid in requests.index[(requests["channel"] == "rfi_log") & when.notna()]:
        same = mails.index[who.loc[mails.index] == who[rid]]
        lag = (when[rid] - when.loc[same]).dt.total_seconds() / 86400
        near = lag[(lag >= -days_before) & (lag <= days_after)]
        pairs += [(abs(v), rid, m) for m, v in near.items()]
    taken = set()
    for _, rid, mail in sorted(pairs, key=lambda p: (p[0], str(p[1]), str(p[2]))):
        if out[rid] or mail in taken:
            continue
        out[rid] = mail
        taken.add(mail)
    return out


def _score(requests: pd.DataFrame, links: pd.Series, truth: dict[str, str]) -> dict:
    """``truth``: log row id (as the log names it) -> the mail's Message-ID or ""."""
    message_id = requests["message_id"].astype(str)
    logs = requests[(requests["channel"] == "rfi_log")
                    & requests["message_id"].astype(str).isin(set(truth))]
    found = right = 0
    for rid, row in logs.iterrows():
        got = message_id.get(links[rid], "") if links[rid] else ""
        want = truth.get(str(row["message_id"]), "")
        found += bool(got)
        right += bool(got) and got == want
    return {"links": found, "right": right,
            "truth_links": sum(1 for v in truth.values() if v),
            "rows": len(logs)}


def simulator_account(kind: str, difficulty: str, seed: int) -> tuple[pd.DataFrame, dict]:
    with tempfile.TemporaryDirectory() as folder, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        account = simulate_account(kind, difficulty, random_state=seed, out_dir=folder)
        analysis = va.analyze(account.inputs, seller_domains=account.seller_domains,
                              random_state=0)
    key = account.answer_key
    # a log entry's ``same_as`` is the Message-ID of the mail it repeats
    truth = {r["log_ref"]: r["same_as"] or "" for r in key["requests"] if r["log_ref"]}
    return analysis.requests, truth


def other_hands_account(kind: str, difficulty: str, seed: int) -> tuple[pd.DataFrame, dict]:
    with tempfile.TemporaryDirectory() as folder, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        out = Path(folder)
        key = generate_account(kind, seed, out, difficulty=difficulty)
        details = json.loads((out / "truth_details.json").read_text())
        inputs = [out / p for p in key.get("inputs") or ()]
        analysis = va.analyze(inputs, seller_domains=[key["seller_domain"]], random_state=0)
    mails = set(analysis.requests.loc[analysis.requests["channel"] == "email",
                                      "message_id"].astype(str))
    truth = {}
    # the Excel log's rows (the German CSV export of help-desk tickets has no truth
    # per row, so its rows are not scored)
    for log in details.get("request_log") or []:
        mail = log.get("message_id") or ""
        # a row can only record a mail the reading found as an ask
        truth[str(log["case"])] = mail if mail in mails else ""
    return analysis.requests, truth


def fifth_hand_account(kind: str, difficulty: str, seed: int) -> tuple[pd.DataFrame, dict]:
    with tempfile.TemporaryDirectory() as folder, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        out = Path(folder)
        key = fifth_hand_accounts.generate_account(kind, seed, out, difficulty=difficulty)
        details = json.loads((out / "truth_details.json").read_text())
        inputs = [out / p for p in key["inputs"]]
        analysis = va.analyze(inputs, seller_domains=[key["seller_domain"]], random_state=0)
    mails = set(analysis.requests.loc[analysis.requests["channel"] == "email",
                                      "message_id"].astype(str))
    truth = {}
    for log in details.get("request_log") or []:
        mail = (log.get("message_id") or "") if log.get("channel") == "email" else ""
        truth[str(log["case"])] = mail if mail in mails else ""
    return analysis.requests, truth


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[5000, 5001, 5002])
    parser.add_argument("--difficulty", default="medium", choices=("easy", "medium", "hard"))
    args = parser.parse_args(argv)
    rows = []
    for seed in args.seeds:
        for generator, kinds, run in (("simulator", SIM_KINDS, simulator_account),
                                      ("third generator", OTHER_KINDS, other_hands_account),
                                      ("fifth generator", OTHER_KINDS, fifth_hand_account)):
            for kind in kinds:
                requests, truth = run(kind, args.difficulty, seed)
                for method, links in (("same_as (ours)", requests["same_as"]),
                                      ("nearest in time", nearest_in_time(requests))):
                    rows.append({"generator": generator, "kind": kind, "seed": seed,
                                 "method": method, "requests": len(requests),
                                 "distinct": len(requests) - int((links != "").sum()),
                                 **_score(requests, links, truth)})
                print(f"{generator:15s} {kind:15s} seed {seed}: {rows[-2]['right']}/"
                      f"{rows[-2]['links']} links right, {rows[-2]['truth_links']} in truth",
                      flush=True)
    frame = pd.DataFrame(rows)
    table = frame.groupby(["generator", "method"]).agg(
        accounts=("seed", "size"), log_rows=("rows", "sum"), truth_links=("truth_links", "sum"),
        links=("links", "sum"), right=("right", "sum"), requests=("requests", "sum"),
        distinct=("distinct", "sum"))
    table["precision"] = table["right"] / table["links"].where(table["links"] > 0, np.nan)
    table["recall"] = table["right"] / table["truth_links"].where(table["truth_links"] > 0,
                                                                   np.nan)
    with pd.option_context("display.float_format", "{:.3f}".format, "display.width", 160):
        print()
        print(table.to_string())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
