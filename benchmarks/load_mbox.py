"""Speed and peak memory of ``load()`` against a bare stdlib loop, on one synthetic mbox.

Builds an mbox of N realistic messages (multi-line headers, quoted replies,
HTML alternatives, base64 attachments, non-ASCII names) in a temporary folder,
then runs, each in a fresh subprocess so peak RSS is its own, several times:

- baseline: ``mailbox.mbox`` + ``email.policy.compat32``, one dict per message with
  the decoded text/plain body, into a DataFrame (what a notebook author writes);
- ``vision_analytics.load``: content detection, defensive header decoding, HTML
  to text, attachments, duplicates, threads, direction, contract validation.

Prints medians of messages/s and peak RSS, and the ratio load/baseline. Target:
ratio >= 0.7 and peak memory under 2 GB at 100,000 messages.

    python benchmarks/load_mbox.py --n 100000 --repeat 3
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

FIRST = ["Dana", "Sam", "Renée", "Jürgen", "Aiko", "Priya", "Luis", "Chen", "Olga", "Kwame",
         "Fatima", "Tomás", "Ingrid", "Mehmet", "Grace", "Noah"]
LAST = ["Whitfield", "Okafor", "Müller", "Tanaka", "Sharma", "García", "Wang", "Ivanova",
        "Mensah", "Haddad", "Novak", "Larsen", "Yilmaz", "Brown", "Dubois", "Rossi"]
WORDS = ("pricing roadmap architecture proposal migration renewal invoice delivery schedule "
         "security questionnaire capacity forecast platform consolidation integration support "
         "escalation contract amendment training onboarding budget approval steering committee "
         "five-year option scenario volume discount service level availability region").split()


def build_mbox(path: Path, n: int, seed: int = 0) -> int:
    rng = random.Random(seed)
    with open(path, "wb") as out:
        for i in range(n):
            first, last = rng.choice(FIRST), rng.choice(LAST)
            ascii_first = first.encode("ascii", "ignore").decode().lower()
            domain = rng.choice(["customer.com", "seller.com", "eu.seller.com", "partner.org"])
            name = f"{first} {last}"
            encoded = (f"=?utf-8?q?{name.encode().hex()}?=" if not name.isascii() else name)
            subject = " ".join(rng.choices(WORDS, k=rng.randint(3, 8)))
            body = "\n".join(
                textwrap.wrap(" ".join(rng.choices(WORDS, k=rng.randint(30, 220))), 72))
            day = 1 + i % 28
            headers = (
                # stdlib mailbox raises on a non-ASCII envelope line: keep it ASCII
                f"From {ascii_first}@{domain} Tue Jan {day:2d} 10:{i % 60:02d}:00 2024\n"
                f"Return-Path: <{ascii_first}@{domain}>\n"
                f"Received: from mx{i % 7}.{domain} (mx{i % 7}.{domain} [10.0.0.{i % 250}])\n"
                f"\tby mail.seller.com with ESMTPS id {i:08x}\n\tfor <team@seller.com>; "
                f"Tue, {day} Jan 2024 10:{i % 60:02d}:00 +0000\n"
                f"From: \"{encoded}\" <{ascii_first}.{last.lower()}@{domain}>\n"
                f"To: team@seller.com, {rng.choice(FIRST).lower()}@customer.com\n"
                f"Subject: {'RE: ' if i % 3 else ''}{subject}\n"
                f"Date: Tue, {day} Jan 2024 10:{i % 60:02d}:00 +0100\n"
                f"Message-ID: <{i}.{seed}@{domain}>\n"
                + (f"In-Reply-To: <{i - 1}.{seed}@{domain}>\n" if i % 3 else "")
                + "MIME-Version: 1.0\n"
            )
            kind = i % 10
            if kind < 6:
                msg = headers + "Content-Type: text/plain; charset=utf-8\n\n" + body
                if i % 3:
                    msg += "\n\n-----Original Message-----\nFrom: x\n\n> " + body[:400]
            elif kind < 9:
                msg = (headers + 'Content-Type: multipart/alternative; boundary="b"\n\n--b\n'
                       "Content-Type: text/plain; charset=utf-8\n\n" + body
                       + "\n--b\nContent-Type: text/html; charset=utf-8\n\n<html><body><p>"
                       + body.replace("\n", "</p><p>") + "</p></body></html>\n--b--\n")
            else:
                blob = "QUJD" * rng.randint(50, 2000)
                msg = (headers + 'Content-Type: multipart/mixed; boundary="m"\n\n--m\n'
                       "Content-Type: text/html; charset=utf-8\n\n<div>" + body + "</div>\n--m\n"
                       'Content-Type: application/pdf; name="deck.pdf"\n'
                       "Content-Transfer-Encoding: base64\n"
                       'Content-Disposition: attachment; filename="deck.pdf"\n\n'
                       + "\n".join(textwrap.wrap(blob, 76)) + "\n--m--\n")
            out.write(msg.replace("\nFrom ", "\n>From ").encode() + b"\n\n")
    return n


BASELINE = """
import mailbox, resource, sys, time
from email.policy import compat32
import pandas as pd
t = time.perf_counter()
rows = []
for msg in mailbox.mbox(sys.argv[1], factory=None, create=False):
    body = ""
    for part in msg.walk():
        if part.get_content_type() == "text/plain":
            payload = part.get_payload(decode=True) or b""
            body = payload.decode(part.get_content_charset() or "utf-8", "replace")
            break
    rows.append({"message_id": msg.get("Message-ID", ""), "from": str(msg.get("From", "")),
                 "to": str(msg.get("To", "")), "subject": str(msg.get("Subject", "")),
                 "date": msg.get("Date", ""), "body": body})
frame = pd.DataFrame(rows)
frame["date"] = pd.to_datetime(frame["date"], utc=True, errors="coerce", format="mixed")
elapsed = time.perf_counter() - t
print(len(frame), elapsed, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""

OURS = """
import resource, sys, time
import vision_analytics as va
t = time.perf_counter()
corpus = va.load(sys.argv[1], seller_domains="seller.com", progress=False)
elapsed = time.perf_counter() - t
assert corpus.reconciled
print(len(corpus.messages) + int(corpus.summary().loc["total", "duplicates"]), elapsed,
      resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def run(code: str, path: Path) -> tuple[int, float, float]:
    proc = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True,
                          text=True)
    if proc.returncode:
        raise SystemExit(f"benchmark subprocess failed:\n{proc.stderr}")
    out = proc.stdout.split()
    return int(out[0]), float(out[1]), float(out[2])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "synthetic.mbox"
        build_mbox(path, args.n)
        size_mb = path.stat().st_size / 1e6
        print(f"synthetic mbox: {args.n:,} messages, {size_mb:,.0f} MB")
        results = {"baseline (mailbox.mbox + compat32 → DataFrame)": [],
                   "vision_analytics.load": []}
        for _ in range(args.repeat):  # interleaved, so drift on a noisy machine hits both
            for label, code in zip(results, (BASELINE, OURS), strict=True):
                results[label].append(run(code, path))
        print(f"{'':50s} {'msgs/s':>10s} {'MB/s':>8s} {'peak RSS MB':>12s}")
        rates = {}
        for label, runs in results.items():
            n = runs[0][0]
            rate = statistics.median(n / r[1] for r in runs)
            rss = statistics.median(r[2] for r in runs)
            rates[label] = rate
            print(f"{label:50s} {rate:10,.0f} {rate * size_mb / n:8.1f} {rss:12,.0f}")
        base, ours = rates.values()
        print(f"ratio load / baseline (median of {args.repeat}): {ours / base:.2f}  (target ≥ 0.7)")


if __name__ == "__main__":
    main()
