"""Identity resolution on the Enron five-mailbox sample.

For each mailbox owner (buy-r, grigsby-m, keavey-p, lewis-a, presto-k): the
aliases merged into the owner's person; the precision of merges on the 148
custodians (no two custodians' canonical addresses may end in one person); and
the merge rules fired. Run, from the repository root::

    OMP_NUM_THREADS=1 nice -n 10 /tmp/venv/bin/python benchmarks/identity_enron.py

Enron's raw files carry ``X-From`` / ``X-To`` / ``X-cc`` headers (Exchange X.500
and Lotus display forms), which the ingest record keeps as the optional ``x_from``
/ ``x_to`` / ``x_cc`` columns (re-read here from each message's source file when a
reader did not). A run without them is printed too (``--no-x`` prints only that
one).
"""

from __future__ import annotations

import sys
import time
import warnings
from email.parser import BytesHeaderParser
from email.policy import compat32
from pathlib import Path

import pandas as pd

import vision_analytics as va
from vision_analytics.normalize import resolve_identities

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _real_data import data_root  # noqa: E402

OWNERS = ("buy-r", "grigsby-m", "keavey-p", "lewis-a", "presto-k")
ROOT = data_root()


def x_headers(messages: pd.DataFrame) -> pd.DataFrame:
    """``x_from``, ``x_to``, ``x_cc`` re-read from each message's source file."""
    parser = BytesHeaderParser(policy=compat32)
    out = {"x_from": [], "x_to": [], "x_cc": []}
    for source in messages["source"]:
        try:
            with open(source, "rb") as handle:
                head = handle.read(64 * 1024).split(b"\n\n", 1)[0]
            headers = parser.parsebytes(head)
            values = [headers.get(h, "") for h in ("X-From", "X-To", "X-cc")]
        except (OSError, ValueError):
            values = ["", "", ""]
        for key, value in zip(out, values, strict=True):
            out[key].append(" ".join(str(value).split()))
    return pd.DataFrame(out, index=messages.index)


def load_enron(root: Path = ROOT, *, with_x: bool = True) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The Enron messages (with X- headers when asked) and the custodians table."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        corpus = va.load(root / "enron-5users" / "maildir", seller_domains="enron.com")
    messages = corpus.messages
    given = [c for c in ("x_from", "x_to", "x_cc") if c in messages.columns]
    if not with_x:
        messages = messages.drop(columns=given)
    elif len(given) < 3:  # a reader that did not keep them: re-read from the files
        messages = messages.drop(columns=given).join(x_headers(messages))
    custodians = pd.read_csv(root / "enron-5users" / "custodians.tsv", sep="\t", header=None,
                             names=["maildir", "email", "name", "title"], dtype=str,
                             keep_default_na=False)
    return messages, custodians


def evaluate(messages: pd.DataFrame, custodians: pd.DataFrame) -> dict:
    """Owners' aliases, custodian-pair precision and the merge-rule table."""
    chart = custodians.rename(columns={"title": "title"})[["name", "email", "title"]].assign(
        department="")
    start = time.perf_counter()
    result = resolve_identities(messages, seller_domains="enron.com", org_chart=chart)
    seconds = time.perf_counter() - start
    owners = {}
    for owner in OWNERS:
        row = custodians.loc[custodians["maildir"] == owner].iloc[0]
        pid = result.lookup(row["email"])
        person = result.people.loc[result.people["person_id"] == pid].iloc[0]
        owners[owner] = {
            "person_id": pid,
            "name": person["name"],
            "emails": person["emails"],
            "n_aliases": len(person["aliases"]),
            "n_sent": int(person["n_sent"]),
            "title": person["title"],
        }
    seen = {a for column in ("to", "cc") for values in messages[column] for a in values}
    seen |= set(messages["sender"])
    # custodians seen in the mail (the org chart lists all 148, seen or not)
    present = [(c.email, result.lookup(c.email)) for c in custodians.itertuples()
               if c.email in seen]
    present = [(e, p) for e, p in present if p is not None]
    by_person = pd.Series([p for _, p in present]).value_counts()
    wrong = [(p, sorted(e for e, q in present if q == p)) for p in by_person[by_person > 1].index]
    n_pairs = len(present) * (len(present) - 1) // 2
    wrong_pairs = sum(len(v) * (len(v) - 1) // 2 for _, v in wrong)
    rules = result.merges["rule"].value_counts().rename("merges").to_frame()
    return {
        "result": result,
        "seconds": seconds,
        "owners": owners,
        "custodians_present": len(present),
        "custodian_pairs": n_pairs,
        "custodian_pairs_wrongly_merged": wrong_pairs,
        "wrong": wrong,
        "rules": rules,
    }


def _print(report: dict, label: str, n_messages: int) -> None:
    result = report["result"]
    print(f"\n=== {label}: {n_messages} messages → {len(result.people)} people, "
          f"{len(result.merges)} merges, {report['seconds']:.1f} s")
    for owner, info in report["owners"].items():
        print(f"  {owner:10s} {info['person_id']:28s} {info['name']!s:22s} "
              f"aliases={info['n_aliases']:3d} sent={info['n_sent']:4d} emails={info['emails']}")
    print(f"  custodians present: {report['custodians_present']}; pairs wrongly merged: "
          f"{report['custodian_pairs_wrongly_merged']} of {report['custodian_pairs']}"
          f" → pairwise precision "
          f"{1 - report['custodian_pairs_wrongly_merged'] / max(report['custodian_pairs'], 1):.4f}")
    for pid, emails in report["wrong"]:
        print(f"    merged together: {pid}: {emails}")
    print("  merge rules fired:")
    print("   " + report["rules"].to_string().replace("\n", "\n   "))


def main(argv: list[str]) -> int:
    if not (ROOT / "enron-5users").exists():
        print(f"real data not found at {ROOT}", file=sys.stderr)
        return 1
    with_x = "--no-x" not in argv
    messages, custodians = load_enron(with_x=with_x)
    if with_x:
        _print(evaluate(messages, custodians), "with X-From/X-To", len(messages))
    base = messages.drop(columns=[c for c in ("x_from", "x_to", "x_cc") if c in messages])
    _print(evaluate(base, custodians), "headers only (no X- headers)", len(base))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
