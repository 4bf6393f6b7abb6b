"""How cost grows with size: end-to-end analysis and streaming ingestion, 10k → 1M messages.

Synthetic corpora of N messages are generated on the fly (``_scale_corpus.py``:
whole simulated accounts of every kind concatenated into mbox files of 50,000
messages), then each measurement runs in a fresh subprocess so its peak RSS is
its own:

- ``analyze``: ``vision_analytics.analyze`` end to end (load → zoning →
  requests → identities → topics → attribution → shared-source test →
  questions), with the seconds of each stage;
- ``load`` (baseline) vs ``load_to_parquet``: the in-memory reader against the
  streaming one on the same files — peak memory is the point;
- ``--engine dask``: the same analysis with reading, zoning and request
  detection on a two-worker ``LocalCluster``.

Prints a table with seconds, messages/s, per-message cost relative to the
first size (the named baseline: cost at the smallest N, same run) and peak RSS.

    python benchmarks/scale.py --sizes 10000 100000 --analyze
    python benchmarks/scale.py --sizes 100000 1000000 --ingest
    python benchmarks/scale.py --topics       # out-of-core vs in-memory topics (ARI)
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _real_data import real_data  # noqa: E402
from _scale_corpus import build_corpus  # noqa: E402

ANALYZE = """
import json, resource, sys, time, warnings
import vision_analytics as va
warnings.simplefilter("ignore")
files, domains, engine = json.loads(sys.argv[1])
t = time.perf_counter()
a = va.analyze(files, seller_domains=domains, progress=False, engine=engine,
               **({"n_workers": 2} if engine == "dask" else {}))
elapsed = time.perf_counter() - t
print(json.dumps({"messages": len(a.messages), "requests": len(a.requests),
                  "topics": len(a.topics), "seconds": elapsed, "timings": a.timings,
                  "peak_memory": a.peak_memory,
                  "shared_source": a.vision["shared_source"],
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

INGEST = """
import json, resource, sys, tempfile, time, warnings
import vision_analytics as va
from vision_analytics.ingest import load_to_parquet
warnings.simplefilter("ignore")
files, domains, how = json.loads(sys.argv[1])
t = time.perf_counter()
if how == "load":
    n = len(va.load(files, seller_domains=domains, progress=False).messages)
else:
    with tempfile.TemporaryDirectory() as out:
        n = len(load_to_parquet(files, out, seller_domains=domains, chunk_size=20_000))
elapsed = time.perf_counter() - t
print(json.dumps({"messages": n, "seconds": elapsed,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def run(code: str, payload) -> dict:
    env = dict(os.environ, OMP_NUM_THREADS=os.environ.get("OMP_NUM_THREADS", "1"))
    proc = subprocess.run([sys.executable, "-c", code, json.dumps(payload)],
                          capture_output=True, text=True, env=env)
    if proc.returncode:
        raise SystemExit(f"benchmark subprocess failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def table(rows: list[dict], label: str) -> None:
    base = rows[0]["seconds"] / rows[0]["messages"]
    print(f"\n{label}")
    print(f"{'N':>10s} {'messages':>10s} {'seconds':>9s} {'msgs/s':>8s} "
          f"{'ms/msg':>7s} {'× first':>8s} {'peak RSS MB':>12s}")
    for r in rows:
        cost = r["seconds"] / r["messages"]
        print(f"{r['n']:>10,d} {r['messages']:>10,d} {r['seconds']:>9.1f} "
              f"{r['messages'] / r['seconds']:>8.0f} {1000 * cost:>7.2f} {cost / base:>8.2f} "
              f"{r['rss_mb']:>12,.0f}")


def topics_ari() -> None:
    import numpy as np
    import pandas as pd
    from sklearn.metrics import adjusted_rand_score

    from vision_analytics.cluster import TopicClusterer, fit_out_of_core

    folder = real_data("clustering", "stackoverflow")
    frame = pd.concat([pd.read_csv(folder / f"{s}.tsv", sep="\t") for s in
                       ("train", "dev", "test")], ignore_index=True)
    texts, truth = frame["text"].astype(str), frame["label"]
    print(f"StackOverflow titles: {len(texts):,}, 20 labels, k = 20, seeds 0 1 2")
    print(f"{'fit':34s} {'ARI vs in-memory':>17s} {'ARI vs labels':>14s} {'seconds':>8s}")
    rows = {}
    for seed in (0, 1, 2):
        t = time.perf_counter()
        full = TopicClusterer(n_topics=20, random_state=seed).fit(texts)
        rows.setdefault("in-memory (all 20,000)", []).append(
            (1.0, adjusted_rand_score(truth, full.labels_), time.perf_counter() - t))
        for sample, passes in ((5000, 0), (5000, 3), (10000, 3)):
            t = time.perf_counter()
            model = fit_out_of_core(TopicClusterer(n_topics=20, random_state=seed), texts,
                                    sample_size=sample, chunk_size=4000, n_passes=passes)
            rows.setdefault(f"out-of-core: {sample:,} sample, {passes} passes", []).append(
                (adjusted_rand_score(full.labels_, model.labels_),
                 adjusted_rand_score(truth, model.labels_), time.perf_counter() - t))
    for name, values in rows.items():
        a, b, s = np.median(np.asarray(values), axis=0)
        print(f"{name:34s} {a:>17.3f} {b:>14.3f} {s:>8.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--analyze", action="store_true", help="end-to-end analysis")
    parser.add_argument("--ingest", action="store_true", help="load vs load_to_parquet")
    parser.add_argument("--engine", choices=["pandas", "dask"], nargs="+",
                        default=["pandas"])
    parser.add_argument("--topics", action="store_true",
                        help="out-of-core vs in-memory topics on StackOverflow titles")
    args = parser.parse_args()
    if args.topics:
        topics_ari()
    if not (args.analyze or args.ingest):
        return
    results: dict[str, list[dict]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            t = time.perf_counter()
            files, domains = build_corpus(Path(tmp) / f"c{n}", n)
            size = sum(f.stat().st_size for f in files) / 1e6
            print(f"corpus of {n:,} messages: {len(files)} mbox files, {size:,.0f} MB, "
                  f"{len(domains)} seller domains, built in {time.perf_counter() - t:.0f} s",
                  flush=True)
            payload = [[str(f) for f in files], domains]
            if args.ingest:
                for how in ("load", "load_to_parquet"):
                    r = run(INGEST, [*payload, how]) | {"n": n}
                    results.setdefault(f"ingest: {how}", []).append(r)
                    print(f"  {how}: {r['seconds']:.0f} s, peak {r['rss_mb']:,.0f} MB",
                          flush=True)
            if args.analyze:
                for engine in args.engine:
                    r = run(ANALYZE, [*payload, engine]) | {"n": n}
                    results.setdefault(f"analyze, engine={engine}", []).append(r)
                    stages = ", ".join(f"{k} {v:.0f}" for k, v in r["timings"].items())
                    memory = ", ".join(f"{k} {v:,.0f}" for k, v in r["peak_memory"].items()
                                       if v is not None)
                    print(f"  analyze ({engine}): {r['seconds']:.0f} s, {r['requests']:,} "
                          f"requests, {r['topics']} topics, peak {r['rss_mb']:,.0f} MB; "
                          f"stages (s): {stages}; peak MB after each stage: {memory}",
                          flush=True)
            for f in files:
                f.unlink()
    for label, rows in results.items():
        table(rows, label)


if __name__ == "__main__":
    main()
