"""Real forwards: does attribution name the author of the forwarded or quoted block?

In the Enron five-mailbox data, every message whose body carries a Lotus
"Forwarded by" banner or an Outlook "-----Original Message-----" block names its
true originator in that block's inner header. For each such message (treated as a
request, whatever its direction), the originator chosen by the evidence combiner
should be the inner block's author: the deepest non-sender author of the chain.

Prints the agreement, the misses by cause, and — in the same run — the baseline a
user gets today: the sender as the originator.

    python benchmarks/enron_forwards.py
"""

from __future__ import annotations

import re
import sys
import time
import warnings
from collections import Counter
from pathlib import Path

import pandas as pd

import vision_analytics as va
from vision_analytics.attribution import Attributor, EvidenceCollector
from vision_analytics.attribution._attribute import DEFAULT_CALIBRATION
from vision_analytics.normalize import resolve_identities, segment_messages

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _real_data import real_data  # noqa: E402

BANNER = re.compile(r"-{3,}\s*Forwarded by|-{3,}\s*Original Message\s*-{3,}", re.I)


def main() -> None:
    maildir = real_data("enron-5users", "maildir")
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        corpus = va.load(maildir, seller_domains="enron.com", progress=False)
    messages = corpus.messages
    chosen = messages[messages["body_text"].str.contains(BANNER)].copy()
    segments = segment_messages(messages)
    new = segments[(segments["depth"] == 0) & (segments["kind"] == "new")]
    messages = messages.assign(new_text=new.groupby("message_key")["text"].agg("\n".join)
                               .reindex(messages.index).fillna(""))
    identities = resolve_identities(messages, seller_domains=(), segments=segments)

    # the truth: the deepest block author who is not the sender
    blocks = segments[(segments["depth"] >= 1) & segments["kind"].isin(["forwarded", "quoted"])
                      & ((segments["author"] != "") | (segments["author_email"] != ""))]
    truth = {}
    for key, group in blocks[blocks["message_key"].isin(chosen.index)].groupby("message_key"):
        sender = identities.lookup(chosen.loc[key, "sender"])
        for _, seg in group.sort_values("depth", ascending=False).iterrows():
            pid = identities.lookup(seg["author_email"]) or identities.lookup(seg["author"])
            if pid and pid != sender:
                truth[key] = pid
                break
    requests = pd.DataFrame({
        "message_key": chosen.index, "message_id": chosen["message_id"].to_numpy(),
        "sent_at": chosen["sent_at"].to_numpy(), "sender": chosen["sender"].to_numpy(),
        "subject": chosen["subject"].to_numpy(), "text": messages.loc[chosen.index, "new_text"],
        "channel": "email"}, index=pd.Index("r" + chosen.index, name="request_id"))
    collector = EvidenceCollector(identities, messages, segments=segments,
                                  new_texts=messages["new_text"])
    evidence = collector.collect(requests)
    attributed = Attributor(calibration=DEFAULT_CALIBRATION).attribute(requests.index, evidence)
    keys = [k for k in chosen.index if k in truth]
    got = attributed.loc["r" + pd.Index(keys), "originator_id"].to_numpy()
    want = [truth[k] for k in keys]
    senders = [identities.lookup(chosen.loc[k, "sender"]) for k in keys]
    agree = sum(g == w for g, w in zip(got, want, strict=True))
    base = sum(s == w for s, w in zip(senders, want, strict=True))
    by_request = dict(list(evidence.groupby("request_id", sort=False)))
    causes = Counter(
        miss_cause(by_request.get("r" + k), w, s, g, collector.weights)
        for k, g, w, s in zip(keys, got, want, senders, strict=True) if g != w)
    print(f"messages with a forward banner or Original Message block: {len(chosen):,}")
    print(f"  of them with an inner-header author other than the sender: {len(keys):,}")
    print(f"  (no such author: the block is the sender's own, or its header names nobody "
          f"resolvable: {len(chosen) - len(keys):,})")
    print(f"originator = inner block author: {agree / len(keys):.3f} ({agree:,}/{len(keys):,})")
    print(f"baseline, sender as originator:  {base / len(keys):.3f}")
    print(f"misses by cause ({sum(causes.values()):,}):")
    for cause, n in causes.most_common():
        print(f"  {n:5,}  {cause}")
    print(f"time: {time.perf_counter() - start:.0f} s")


def miss_cause(frame, truth: str, sender: str, got: str, weights: dict) -> str:
    """Why the block author was not chosen, read off the request's evidence rows."""
    if frame is None or truth not in set(frame["candidate"]):
        return "no clue names the block author (zoning or identity resolution missed it)"
    scores = frame.groupby("candidate", sort=True)["weight"].sum().sort_values(
        ascending=False, kind="stable")
    best = scores.index[0]
    own = frame[frame["candidate"] == truth]
    header = own[own["kind"].isin(["forwarded_header", "quoted_author"])]
    demoted = not header.empty and float(header["weight"].max()) < min(
        weights["forwarded_header"], weights["quoted_author"])
    if best != truth:
        who = ("the sender" if best == sender else "another chain author"
               if frame[(frame["candidate"] == best) & frame["kind"].isin(
                   ["forwarded_header", "quoted_author"])].shape[0] else "another person")
        why = " (block author weighed as a mid-chain member, not the origin)" if demoted else ""
        return f"{who} outscored the block author{why}"
    if got == "unknown":
        lead = str(own.sort_values("weight", ascending=False, kind="stable")["kind"].iloc[0])
        rivals = scores.drop(truth)
        margin = float(scores[truth] - (rivals.iloc[0] if len(rivals) else 0.0))
        if margin >= 1.0 and len(rivals) >= 2:
            return (f"declined: leads by 1+ point on a {lead} clue, but 2+ weaker rivals "
                    "(cc / chain members) dilute its share")
        return f"declined: leads on a {lead} clue, calibrated confidence below the threshold"
    return f"chose {got}"


if __name__ == "__main__":
    main()
