"""Topic clustering quality on StackOverflow titles (20 labels, 20,000 titles).

Run from the repository root (2 cores shared: keep BLAS to one thread)::

    export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
    python benchmarks/clustering_stackoverflow.py --seeds 0 1 2
    python benchmarks/clustering_stackoverflow.py --split dev --seeds 0   # quick, 2,000 titles

The data root is ``$VISION_ANALYTICS_REAL_DATA`` or ``../shared/data/real`` beside
the repository; titles are ``clustering/stackoverflow/{train,dev,test}.tsv``
(columns ``text``, ``label``), all three together unless ``--split`` is given.

Methods, each run once per seed in the same process:

- ``sklearn LSA example``: scikit-learn's text-clustering example,
  ``TfidfVectorizer(max_df=0.5, min_df=5, stop_words="english")`` → LSA
  (``TruncatedSVD(100)`` + ``Normalizer``) → ``KMeans(k=20, max_iter=100,
  n_init=1)``.
- ``TF-IDF + KMeans``: the same vectorizer, k-means on raw TF-IDF.
- ``TopicClusterer k=20`` and ``TopicClusterer auto``: ours, defaults.

Metrics: ACC (best one-to-one cluster↔label matching, Hungarian algorithm via
``scipy.optimize.linear_sum_assignment``), NMI and ARI against the labels; wall
time of fit (vectorising included). Documents our model leaves ``"unassigned"``
count as one more cluster of their own, and their share is printed. The table
reports the median over seeds.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
from scipy.optimize import linear_sum_assignment
from sklearn.cluster import KMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import Normalizer

from vision_analytics.cluster import TopicClusterer

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _real_data import data_root  # noqa: E402

SPLITS = ("train", "dev", "test")



def read_titles(root: Path, splits=SPLITS) -> pd.DataFrame:
    folder = root / "clustering" / "stackoverflow"
    frames = []
    for split in splits:
        path = folder / f"{split}.tsv"
        if not path.is_file():
            sys.exit(f"{path} not found: set VISION_ANALYTICS_REAL_DATA to the real data folder.")
        frames.append(pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False))
    return pd.concat(frames, ignore_index=True)


def accuracy(truth, predicted) -> float:
    """Share of documents in the best one-to-one matching of clusters to labels."""
    t_codes, _ = pd.factorize(np.asarray(truth, dtype=object))
    p_codes, _ = pd.factorize(np.asarray(predicted, dtype=object))
    table = np.zeros((p_codes.max() + 1, t_codes.max() + 1))
    np.add.at(table, (p_codes, t_codes), 1)
    rows, cols = linear_sum_assignment(-table)
    return float(table[rows, cols].sum() / len(t_codes))


def scores(truth, predicted) -> dict:
    predicted = np.asarray(predicted, dtype=object).astype(str)
    return {
        "ACC": accuracy(truth, predicted),
        "NMI": normalized_mutual_info_score(truth, predicted),
        "ARI": adjusted_rand_score(truth, predicted),
    }


def sklearn_vectorizer():
    return TfidfVectorizer(max_df=0.5, min_df=5, stop_words="english")


def run_lsa_example(texts, k, seed):
    lsa = make_pipeline(TruncatedSVD(n_components=100, random_state=seed), Normalizer(copy=False))
    X = lsa.fit_transform(sklearn_vectorizer().fit_transform(texts))
    return KMeans(n_clusters=k, max_iter=100, n_init=1, random_state=seed).fit_predict(X), {}


def run_tfidf_kmeans(texts, k, seed):
    X = sklearn_vectorizer().fit_transform(texts)
    return KMeans(n_clusters=k, max_iter=100, n_init=1, random_state=seed).fit_predict(X), {}


def run_ours(texts, k, seed):
    model = TopicClusterer(n_topics=k, random_state=seed).fit(texts)
    extra = {
        "k": model.n_topics_,
        "stability": model.stability_,
        "unassigned": model.unassigned_share_,
    }
    return model.labels_, extra


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    parser.add_argument("--split", choices=SPLITS, nargs="+", default=list(SPLITS),
                        help="which files to read (default: all three = 20,000 titles)")
    parser.add_argument("--skip-auto", action="store_true", help="skip the automatic-k run")
    args = parser.parse_args(argv)

    titles = read_titles(data_root(), args.split)
    texts, truth = titles["text"].tolist(), titles["label"].to_numpy()
    k_true = len(set(truth))
    print(f"StackOverflow titles: {len(texts)} documents, {k_true} labels, "
          f"seeds {args.seeds}, OMP_NUM_THREADS={os.environ.get('OMP_NUM_THREADS', 'unset')}")

    methods = [
        ("sklearn LSA example (k=20)", lambda t, s: run_lsa_example(t, k_true, s)),
        ("TF-IDF + KMeans (k=20)", lambda t, s: run_tfidf_kmeans(t, k_true, s)),
        ("TopicClusterer k=20", lambda t, s: run_ours(t, k_true, s)),
    ]
    if not args.skip_auto:
        methods.append(("TopicClusterer auto k", lambda t, s: run_ours(t, "auto", s)))

    rows = []
    for seed in args.seeds:
        for name, run in methods:
            start = time.perf_counter()
            labels, extra = run(texts, seed)
            seconds = time.perf_counter() - start
            row = {"method": name, "seed": seed, **scores(truth, labels), "time_s": seconds,
                   **extra}
            rows.append(row)
            detail = ", ".join(f"{key}={value:.3g}" for key, value in extra.items())
            print(f"  seed {seed} {name:28s} ACC {row['ACC']:.3f} NMI {row['NMI']:.3f} "
                  f"ARI {row['ARI']:.3f} {seconds:6.1f}s {detail}", flush=True)

    table = pd.DataFrame(rows)
    order = [name for name, _ in methods]
    medians = table.groupby("method", sort=False).median(numeric_only=True).drop(columns="seed")
    medians = medians.reindex(order)
    print(f"\nMedian over seeds {args.seeds}:")
    with pd.option_context("display.float_format", "{:.3f}".format, "display.width", 140):
        print(medians.to_string(na_rep="-"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
