"""E-mail zoning quality against the hand annotations of Repke & Krestel (ECIR 2018).

Run from the repository root::

    python benchmarks/zoning_eval.py              # the test splits
    python benchmarks/zoning_eval.py --split train

The data root is ``$VISION_ANALYTICS_REAL_DATA`` or ``../shared/data/real``
beside the repository. Messages are the ``text`` of each ``.ann`` file (the body
the annotations index into), from ``zoning/repke-enron/annotated/<split>`` and
``zoning/repke-asf/<split>``; messages without a ``.ann`` file are not counted.

Metrics
-------
**2-zone exact-message accuracy.** The annotated boundary between the latest
author's new text and everything quoted or forwarded below it is the start of
the first ``Header`` span (the end of the body when there is none). Ours is the
start of the first segment with ``depth > 0``. Both offsets become the number of
non-blank lines above the line that holds them; a message counts as exact when
the two numbers are equal (so blank lines around the cut never matter, and a
cut one real line off is wrong). Lines holding only ``>`` quote marks count as
blank.

**Inner-header author F1.** Gold headers are the ``Header`` spans that contain at
least one ``Header/Person/From`` span (the Lotus ``Forwarded by`` banner
counts: its person is the forwarder). A predicted header (one per block with
``header_start >= 0``) is paired with the first unpaired gold ``Header`` span it
overlaps. It is a true positive when its author name or its address equals,
after lower-casing and collapsing white space, one of the gold From spans of
that header, or the name or address inside such a span (``Name <addr>``). It is
a false positive when it names an author and is either unpaired or wrong; a
prediction paired with a gold header that has no From annotation is not
scored. False negatives are gold headers without a true positive.

The ASF annotations mark headers but not their persons, so author F1 is
reported for Enron only ("n/a" for ASF).

**Signature precision/recall, line level.** A non-blank line (lines holding
only ``>`` count as blank) is gold signature
when it overlaps a ``Body/Signature`` span (disclaimers are annotated inside
those spans); it is predicted signature when it lies in a ``signature`` or
``disclaimer`` segment, at any depth.

**Greeting and closing F1, line level**, the same way: ``greeting`` segments
against ``Body/Intro`` spans, ``closing`` segments against ``Body/Outro`` spans
(which include the sign-off name).

**Baseline** (same run, same criterion): a crude cut at the first line that
looks like a header — a ``>`` quote, a ``-----Original Message-----`` or
forward banner, a ``From:/To:/Sent:/Date:/Subject:/Cc:`` line, or a line ending
in ``wrote:``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a script from a checkout
    sys.path.insert(0, str(REPO))

from vision_analytics.normalize._headers import split_person  # noqa: E402
from vision_analytics.normalize._zoning import zone_body  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _real_data import data_root  # noqa: E402

CORPORA = {
    "enron": "zoning/repke-enron/annotated",
    "asf": "zoning/repke-asf",
}

_BASELINE = re.compile(
    r"^\s*(?:>|-{2,}\s*(?:original message|forwarded)|-{3,}.*forwarded by|"
    r"(?:from|to|sent|date|subject|cc)\s*:|.*wrote:\s*$)",
    re.IGNORECASE,
)


def load_split(root: Path, corpus: str, split: str) -> list[dict]:
    """The annotated messages of one corpus split: ``{"name", "text", "spans"}`` dicts."""
    folder = Path(root) / CORPORA[corpus] / split
    if not folder.is_dir():
        raise FileNotFoundError(
            f"zoning_eval: annotation folder {folder} not found; set VISION_ANALYTICS_REAL_DATA "
            "to the shared real-data root (the folder holding DATASETS.md)."
        )
    items = []
    for ann in sorted(folder.glob("*.ann")):
        data = json.loads(ann.read_text(encoding="utf-8"))
        items.append({"name": ann.name, "text": data["text"], "spans": data["denotations"]})
    return items


def _nonblank_before(text: str, offset: int) -> int:
    line_start = text.rfind("\n", 0, offset) + 1 if offset > 0 else 0
    return sum(1 for line in text[:line_start].split("\n") if line.strip(" \t\r>"))


def _norm(value: str) -> str:
    return re.sub(r"\s+", " ", value or "").strip(" \t\"'<>,;:()[]").lower()


def _gold_boundary(item: dict) -> int:
    starts = [s["start"] for s in item["spans"] if s["type"] == "Header"]
    return min(starts) if starts else len(item["text"])


def _baseline_boundary(text: str) -> int:
    pos = 0
    for line in text.split("\n"):
        if _BASELINE.match(line):
            return pos
        pos += len(line) + 1
    return len(text)


def _predicted_boundary(text: str, segments) -> int:
    deeper = [s.start for s in segments if s.depth > 0]
    return min(deeper) if deeper else len(text)


def _line_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the non-blank content of every non-blank line."""
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip(" \t\r>"):
            lead = len(line) - len(line.lstrip())
            out.append((pos + lead, pos + len(line.rstrip())))
        pos += len(line) + 1
    return out


def _overlaps(a: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)


def evaluate(items: list[dict], zoner=zone_body) -> dict:
    """Score ``zoner`` on annotated messages; see the module docstring for the criteria."""
    exact = base_exact = 0
    tp = fp = fn = 0
    sig_tp = sig_fp = sig_fn = 0
    zone_counts = {k: [0, 0, 0] for k in ("greeting", "closing")}  # tp, fp, fn
    n_lines = 0
    t0 = time.perf_counter()
    for item in items:
        text, spans = item["text"], item["spans"]
        segments = zoner(text)
        gold = _nonblank_before(text, _gold_boundary(item))
        exact += _nonblank_before(text, _predicted_boundary(text, segments)) == gold
        base_exact += _nonblank_before(text, _baseline_boundary(text)) == gold
        # inner-header authors
        headers = [s for s in spans if s["type"] == "Header"]
        froms = [s for s in spans if s["type"] == "Header/Person/From"]
        gold_from = []
        for h in headers:
            names = {_norm(f["text"]) for f in froms if h["start"] <= f["start"] < h["end"]}
            for f in froms:
                if h["start"] <= f["start"] < h["end"]:
                    names.update(_norm(x) for x in split_person(f["text"]) if x)
            names.discard("")
            gold_from.append(names)
        paired: set[int] = set()
        hit: set[int] = set()
        seen_blocks = set()
        for s in segments:
            if s.header_start < 0 or (s.header_start, s.header_end) in seen_blocks:
                continue
            seen_blocks.add((s.header_start, s.header_end))
            cands = {_norm(s.author), _norm(s.author_email)} - {""}
            idx = next(
                (k for k, h in enumerate(headers)
                 if k not in paired and h["start"] < s.header_end and s.header_start < h["end"]
                 and h["text"].strip()),
                None,
            )
            if idx is None:
                fp += bool(cands)
                continue
            paired.add(idx)
            if not gold_from[idx]:
                continue
            if cands & gold_from[idx]:
                tp += 1
                hit.add(idx)
            elif cands:
                fp += 1
        fn += sum(1 for k, g in enumerate(gold_from) if g and k not in hit)
        # signatures, line level
        gold_sig = [(s["start"], s["end"]) for s in spans if s["type"] == "Body/Signature"]
        pred_sig = [(s.start, s.end) for s in segments if s.kind in ("signature", "disclaimer")]
        for kind, gold_type in (("greeting", "Body/Intro"), ("closing", "Body/Outro")):
            gold_zone = [(s["start"], s["end"]) for s in spans if s["type"] == gold_type]
            pred_zone = [(s.start, s.end) for s in segments if s.kind == kind]
            counts = zone_counts[kind]
            for line in _line_spans(text):
                g, p = _overlaps(line, gold_zone), _overlaps(line, pred_zone)
                counts[0] += g and p
                counts[1] += p and not g
                counts[2] += g and not p
        for line in _line_spans(text):
            n_lines += 1
            g, p = _overlaps(line, gold_sig), _overlaps(line, pred_sig)
            sig_tp += g and p
            sig_fp += p and not g
            sig_fn += g and not p
    elapsed = time.perf_counter() - t0
    n = len(items)

    def _f1(p, r):
        return 2 * p * r / (p + r) if p + r else 0.0

    # no From annotations at all (the ASF set marks headers only): not measurable
    measurable = tp + fn > 0
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if measurable else 0.0
    sp = sig_tp / (sig_tp + sig_fp) if sig_tp + sig_fp else 0.0
    sr = sig_tp / (sig_tp + sig_fn) if sig_tp + sig_fn else 0.0
    return {
        "messages": n,
        "two_zone_exact": exact / n if n else 0.0,
        "baseline_two_zone_exact": base_exact / n if n else 0.0,
        "author_precision": prec if measurable else None,
        "author_recall": rec if measurable else None,
        "author_f1": _f1(prec, rec) if measurable else None,
        "author_tp": tp, "author_fp": fp, "author_fn": fn,
        "signature_precision": sp, "signature_recall": sr, "signature_f1": _f1(sp, sr),
        "signature_gold_lines": sig_tp + sig_fn, "lines": n_lines,
        **{
            f"{kind}_f1": _f1(tp_ / (tp_ + fp_) if tp_ + fp_ else 0.0,
                              tp_ / (tp_ + fn_) if tp_ + fn_ else 0.0)
            for kind, (tp_, fp_, fn_) in zone_counts.items()
        },
        "messages_per_second": n / elapsed if elapsed else float("inf"),
    }


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", default="test", choices=["train", "test"])
    args = parser.parse_args(argv)
    root = data_root()
    results = {}
    print(f"Zoning evaluation, split={args.split}, data={root}")
    header = (f"{'corpus':8} {'n':>4} {'2-zone':>7} {'baseline':>9} {'auth P':>7} {'auth R':>7} "
              f"{'auth F1':>8} {'sig P':>6} {'sig R':>6} {'sig F1':>7} {'greet':>6} {'close':>6} "
              f"{'msg/s':>7}")
    print(header)
    for corpus in CORPORA:
        r = evaluate(load_split(root, corpus, args.split))
        results[corpus] = r
        auth = [f"{r[k]:.3f}" if r[k] is not None else "n/a"
                for k in ("author_precision", "author_recall", "author_f1")]
        print(f"{corpus:8} {r['messages']:>4} {r['two_zone_exact']:>7.3f} "
              f"{r['baseline_two_zone_exact']:>9.3f} {auth[0]:>7} "
              f"{auth[1]:>7} {auth[2]:>8} {r['signature_precision']:>6.3f} "
              f"{r['signature_recall']:>6.3f} {r['signature_f1']:>7.3f} "
              f"{r['greeting_f1']:>6.3f} {r['closing_f1']:>6.3f} "
              f"{r['messages_per_second']:>7.0f}")
    return results


if __name__ == "__main__":
    main()
