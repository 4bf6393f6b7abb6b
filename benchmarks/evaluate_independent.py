"""How ``analyze`` does on accounts from generators written by other hands.

``independent_accounts.py`` (beside this script) was written without reading the
package's own simulator, its templates or its word lists: other names, other
phrasings, other companies and header languages (English, German and French
Outlook and Gmail forms), quoted-printable bodies, a request log with other
column names, and vision phrases built per seed from word pools. It is the
closest we have to "accounts made by other hands" with known answers.

``other_hands_accounts.py`` (``--generator other_hands_accounts``) was written
the same way by another hand, later, and differs again: a Maildir and per-mailbox
``.eml`` folders instead of an mbox (some messages in both), HTML-only and
multipart bodies in several charsets, Outlook, Gmail, Apple, Thunderbird and
Lotus reply and forward grammars in four languages, staff who write in German,
French or Spanish, an Excel log with a merged title row and a German CSV log,
and broken items (a truncated .eml, a call note, an image, a bad Date).

``fourth_hand_accounts.py`` (``--generator fourth_hand_accounts``), written the same
way again, exports one customer's traffic three times over (two team members'
Thunderbird mboxes and a shared mailbox's ``.eml`` files, most messages in two or
three of them), from Outlook in Dutch, Italian and Portuguese, Gmail, Apple Mail and
phones, with a Jira CSV or a Salesforce ``.xlsx`` case log, and nulls built to fool
a detector: a company programme's name everyone starts to use, a new hire with many
ordinary asks, a seasonal burst, an outage, a writer with strong tics.

``fifth_hand_accounts.py`` (``--generator fifth_hand_accounts``), written the same way
again, exports Apple Mail ``.mbox`` bundles, Google Takeout mboxes, Maildir++ folders and
nested ``.eml`` folders from French, Spanish, Nordic, Polish, UK, US and Canadian customers
(Outlook headers with no-break spaces, gateway "[EXTERNAL]" banners), ServiceNow, Zendesk,
semicolon-CSV and two-sheet Excel logs, writes each vision idea in three or four forms
("usage-based billing", "billing by usage", "bill on usage"), and builds nulls from a mail
domain migration, a reorganisation, a tender's burst of questions, a budget season, a
programme name, an incident storm and a seller's product launch.

``sixth_hand_accounts.py`` (``--generator sixth_hand_accounts``), written the same way
again, exports Thunderbird profiles (``.msf`` indexes beside the mailboxes), mboxrd and
mboxcl2 files, Exchange journal mailboxes and Outlook-on-the-web / Windows Mail ``.eml``
files (CRLF, byte-order marks, subjects as file names), with mail forwarded as an attachment
(``message/rfc822``, nested), Dutch, German, Italian and Japanese customers, SharePoint,
Asana, Smartsheet ``.xlsx`` and tab-separated logs, and nulls with a merger that brings
colleagues from another domain.

For each account the script generates the files into a temporary folder, runs
``vision_analytics.analyze`` on the mbox and the request log (with the org chart
when ``--org-chart`` is given) and scores the finding against the answer key:

- ``detected`` (a shared source claimed on an account that has one), ``false_positive``
  (claimed on a ``null`` account);
- ``source``: the executive's address or name; for the IT department, the
  department or one of its people; for a competitor, its name or domain, or
  (``source_by_product``) one of its products;
- ``origin``, ``onset_error_days``;
- ``vision_found``: share of the vision requests (by Message-ID) found as requests,
  ``member_recall`` / ``member_precision`` of ``part_of_vision`` against them (the key
  lists only the customer's vision requests, not follow-ups quoting them, so
  precision is a lower bound); ``member_precision_repeats`` counts as right, too, a
  chaser of a vision ask and the request log's row for one (third generator);
- ``attribution`` / ``attribution_relayed``: vision requests (all / sent by someone
  other than the source) whose originator is the source (an IT person or the
  department; the competitor's organisation or name; counting a product name).

Run from the repository root (about 8 s per account)::

    OMP_NUM_THREADS=1 python benchmarks/evaluate_independent.py --seeds 1 2 3 4 5
    OMP_NUM_THREADS=1 python benchmarks/evaluate_independent.py \
        --generator other_hands_accounts --seeds 1 2 3
    OMP_NUM_THREADS=1 python benchmarks/evaluate_independent.py \
        --generator fourth_hand_accounts --seeds 1 2 3
    OMP_NUM_THREADS=1 python benchmarks/evaluate_independent.py \
        --generator fifth_hand_accounts --seeds 1 2 3
"""

from __future__ import annotations

import argparse
import importlib
import json
import re
import sys
import tempfile
import time
import warnings
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

import vision_analytics as va  # noqa: E402

#: The generators written by other hands, each beside this script with a
#: ``generate_account(kind, seed, out_dir, difficulty=...)`` and the same answer key.
GENERATORS = ("independent_accounts", "other_hands_accounts", "fourth_hand_accounts",
              "fifth_hand_accounts", "sixth_hand_accounts")

ORIGIN = {"new_exec": "new_executive", "it_dept": "it_organization",
          "competitor": "competitor", "null": None}
KINDS = ("new_exec", "it_dept", "competitor", "null")
DIFFICULTIES = ("easy", "medium", "hard")


def _norm(text) -> str:
    return re.sub(r"[^a-z0-9]+", " ", str(text or "").lower()).strip()


def _truth_ids(key: dict, details: dict) -> tuple[set[str], set[str]]:
    """Lower-case addresses and normalised names that count as the source."""
    if key["kind"] == "new_exec":
        return {key["source"]["email"].lower()}, {_norm(key["source"]["name"])}
    if key["kind"] == "it_dept":
        members = details.get("source_members") or []
        return ({m["email"].lower() for m in members},
                {_norm(m["name"]) for m in members} | {_norm(key["source"]["department"])})
    if key["kind"] == "competitor":
        return set(), {_norm(key["source"]["name"]), _norm(key["source"]["domain"])}
    return set(), set()


def _matches(name: str, email: str, key: dict, emails: set[str], names: set[str]) -> bool:
    email, name = (email or "").lower(), _norm(name)
    if email and email in emails:
        return True
    if key["kind"] == "competitor":
        domain = key["source"]["domain"].lower()
        company = _norm(key["source"]["name"])
        return bool(name) and (name in names or company.startswith(name)
                               or name.startswith(company.split()[0])) \
            or email.endswith("@" + domain) or email.endswith("." + domain) or \
            _norm(domain) == name
    return bool(name) and name in names


def _by_product(name: str, key: dict) -> bool:
    products = [_norm(p) for p in key.get("products") or []]
    name = _norm(name)
    return bool(name) and any(name == p or name in p.split() or p.startswith(name)
                              for p in products)


def score(analysis, key: dict, details: dict) -> dict:
    vision = analysis.vision
    kind = key["kind"]
    out = {"kind": kind, "shared_source": bool(vision["shared_source"]),
           "p_value": vision["p_value"]}
    if kind == "null":
        out["false_positive"] = bool(vision["shared_source"])
        return out
    emails, names = _truth_ids(key, details)
    source = vision.get("source") or {}
    found = bool(vision["shared_source"])
    out["detected"] = found
    right = found and (_matches(source.get("name"), source.get("email"), key, emails, names)
                       or (kind == "it_dept" and vision.get("source_kind") == "department"
                           and _norm(source.get("department")) in names))
    out["source"] = bool(right)
    if kind == "competitor":
        out["source_by_product"] = bool(right or (found and _by_product(source.get("name"),
                                                                        key)))
    out["origin"] = found and vision.get("origin_hypothesis") == ORIGIN[kind]
    if found and vision.get("onset") and key.get("onset"):
        out["onset_error_days"] = abs((pd.Timestamp(vision["onset"])
                                       - pd.Timestamp(key["onset"])).days)
    requests = analysis.requests
    ids = set(key["vision_message_ids"])
    is_vision = requests["message_id"].isin(ids) & (requests["channel"] == "email")
    out["vision_found"] = is_vision.sum() / max(1, len(ids))
    member = requests["part_of_vision"].astype(bool)
    out["member_recall"] = (member & is_vision).sum() / max(1, len(ids))
    out["member_precision"] = (member & is_vision).sum() / max(1, member.sum())
    # ... and counting as right what repeats a vision ask: a chaser of one, or the
    # request log's row for one (when the truth says which those are)
    chasers = {m["message_id"] for m in details.get("messages") or []
               if m.get("role") == "vision_followup"}
    logged = {str(row["case"]) for row in details.get("request_log") or [] if row.get("vision")}
    if chasers or logged:
        repeats = ((requests["channel"] == "email") & requests["message_id"].isin(chasers)) | (
            (requests["channel"] == "rfi_log") & requests["message_id"].astype(str).isin(logged))
        out["member_precision_repeats"] = (member & (is_vision | repeats)).sum() / max(
            1, member.sum())
    people = analysis.identities.people.set_index("person_id")

    def right_originator(pid: str) -> tuple[bool, bool]:
        pid = str(pid)
        if pid.startswith("dept:"):
            ok = kind == "it_dept" and _norm(pid.removeprefix("dept:")) in names
            return ok, ok
        if pid.startswith("org:"):
            name = pid.removeprefix("org:")
            ok = _matches(name, "", key, emails, names)
            return ok, ok or _by_product(name, key)
        if pid in people.index:
            person = people.loc[pid]
            mails = person["emails"] if isinstance(person["emails"], list) else []
            ok = any(_matches(person["name"], m, key, emails, names) for m in mails or [""])
            return ok, ok
        return False, False

    vision_requests = requests[is_vision]
    judged = [right_originator(p) for p in vision_requests["originator_id"]]
    senders = vision_requests["sender"].str.lower()
    relayed = ~senders.isin(emails) if emails else pd.Series(True, index=senders.index)
    if kind == "competitor":
        relayed = ~senders.str.endswith("@" + key["source"]["domain"].lower())
    right = pd.Series([j[0] for j in judged], index=vision_requests.index, dtype=bool)
    loose = pd.Series([j[1] for j in judged], index=vision_requests.index, dtype=bool)
    out["attribution"] = right.mean() if len(right) else float("nan")
    out["attribution_relayed"] = right[relayed].mean() if relayed.any() else float("nan")
    if kind == "competitor":
        out["attribution_by_product"] = loose.mean() if len(loose) else float("nan")
    out["source_found"] = source.get("name") or ""
    return out


def run(kinds, difficulties, seeds, org_chart: bool,
        generator: str = GENERATORS[0]) -> pd.DataFrame:
    generate_account = importlib.import_module(generator).generate_account
    rows = []
    for seed in seeds:
        for kind in kinds:
            for difficulty in (difficulties if kind != "null" else difficulties[:1]):
                with tempfile.TemporaryDirectory() as folder:
                    out = Path(folder)
                    key = generate_account(kind, seed, out, difficulty=difficulty)
                    details = json.loads((out / "truth_details.json").read_text())
                    start = time.perf_counter()
                    with warnings.catch_warnings():
                        warnings.simplefilter("ignore")
                        # the key names the export's parts when it is more than one
                        # mbox and a log
                        inputs = [out / p for p in key.get("inputs")
                                  or ("mail.mbox", "requests_log.csv")]
                        chart = out / key.get("org_chart", "org_chart.csv")
                        analysis = va.analyze(
                            inputs, seller_domains=[key["seller_domain"]],
                            org_chart=chart if org_chart else None, random_state=0)
                    row = score(analysis, key, details)
                row.update(seed=seed, difficulty=difficulty if kind != "null" else "-",
                           seconds=round(time.perf_counter() - start, 1))
                rows.append(row)
                print(f"{kind:10s} {row['difficulty']:6s} seed {seed}: "
                      + ", ".join(f"{k}={v:.2f}" if isinstance(v, float) else f"{k}={v}"
                                  for k, v in row.items()
                                  if k not in ("kind", "seed", "difficulty")),
                      file=sys.stderr)
    return pd.DataFrame(rows)


def summary(frame: pd.DataFrame) -> pd.DataFrame:
    cols = ["detected", "false_positive", "source", "source_by_product", "origin",
            "onset_error_days", "vision_found", "member_recall", "member_precision",
            "member_precision_repeats", "attribution", "attribution_relayed",
            "attribution_by_product"]
    cols = [c for c in cols if c in frame]
    agg = {c: ("median" if c == "onset_error_days" else "mean") for c in cols}
    table = frame.groupby(["kind", "difficulty"]).agg({**agg, "seed": "count"})
    table = table.rename(columns={"seed": "n"})
    with_source = frame[frame["kind"] != "null"]
    overall = with_source.groupby("difficulty").agg({**agg, "seed": "count"}).rename(
        columns={"seed": "n"})
    overall.index = pd.MultiIndex.from_product([["all with a source"], overall.index])
    return pd.concat([table, overall])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument("--kinds", nargs="+", choices=KINDS, default=list(KINDS))
    parser.add_argument("--difficulties", nargs="+", choices=DIFFICULTIES,
                        default=list(DIFFICULTIES))
    parser.add_argument("--org-chart", action="store_true",
                        help="also give analyze the customer's org chart")
    parser.add_argument("--generator", choices=GENERATORS, default=GENERATORS[0],
                        help="which generator beside this script makes the accounts")
    parser.add_argument("--out", help="also write the per-account scores to this CSV")
    args = parser.parse_args(argv)
    frame = run(args.kinds, args.difficulties, args.seeds, args.org_chart, args.generator)
    if args.out:
        frame.to_csv(args.out, index=False)
    with pd.option_context("display.width", 200, "display.max_columns", 30):
        print(summary(frame).to_string(float_format=lambda v: f"{v:.2f}"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
