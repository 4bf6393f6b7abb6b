"""Choosing the number of topics by stability.

A number of topics is worth reporting when the topics *come back*: cluster
several random 80% subsets of (a sample of) the documents with k topics, each
with its own seed, and measure how well every pair of clusterings agrees on the
documents both contain (adjusted Rand index: 1 = the same partition, 0 =
chance). A k that cuts a real topic in two, or merges two real topics, agrees
poorly with itself across resamples. The score is the median over pairs, so one
unlucky run does not sink a good k.

Rule (stated so users can check it): among the scanned k, keep those whose
stability is within ``tolerance`` (default 0.05, about the spread between
resamples) of the best; among those, take the one with the highest silhouette
(cosine, reduced space) — the finest split that is as stable as the most stable
one. Ties go to the smaller k.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.metrics import adjusted_rand_score, silhouette_score

from ._mixture import cluster_once

__all__ = ["candidate_ks", "choose_k", "scan_k", "stability_at"]

_GRID = (2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 14, 16, 18, 20, 22, 25, 28, 32, 36, 40,
         45, 50, 60, 70, 80, 90, 100)


def candidate_ks(n_documents: int, *, min_topics: int = 2, max_topics: int = 40) -> list[int]:
    """The k values scanned for ``n_documents``.

    At most ``sqrt(n)`` topics and at least 5 documents per topic on average,
    never more than ``max_topics``, never fewer than ``min_topics``.
    """
    upper = min(max_topics, int(np.sqrt(n_documents)), n_documents // 5)
    upper = max(upper, min_topics)
    ks = [k for k in _GRID if min_topics <= k <= upper]
    if upper not in ks:
        ks.append(upper)
    return sorted(set(ks))


def stability_at(data, reduced, k, *, kind, n_resamples, fraction, seed, cluster_kwargs):
    """Stability (median pairwise ARI), its spread and the silhouette at ``k``.

    ``n_resamples`` random ``fraction`` subsets of the documents are clustered
    with different seeds; every pair of clusterings is compared by adjusted Rand
    index on the documents both contain. The median over pairs is robust to one
    unlucky run (a poor local optimum says little about the data). The
    silhouette (cosine, reduced space) is that of the clustering that agrees
    most with the others.

    Returns
    -------
    tuple
        ``(median ARI, std of the pairwise ARIs, silhouette)``.
    """
    n = reduced.shape[0]
    if k + 1 > n:  # too few documents to resample
        return float("nan"), float("nan"), float("nan")
    kwargs = dict(cluster_kwargs)
    min_share = kwargs.pop("min_share", 0.0)
    runs = []
    for r in range(max(2, n_resamples)):
        rng = np.random.RandomState(seed + 1000 + r)
        sub = np.sort(rng.choice(n, max(k + 1, int(fraction * n)), replace=False))
        labels, _, _ = cluster_once(
            data[sub], reduced[sub], k, kind=kind, seed=seed + 1 + r,
            min_size=min_share * len(sub) / k, **kwargs,
        )
        full = np.full(n, -1)
        full[sub] = labels
        runs.append(full)
    m = len(runs)
    agreement = np.eye(m)
    pairs = []
    for i in range(m):
        for j in range(i + 1, m):
            both = (runs[i] >= 0) & (runs[j] >= 0)
            score = adjusted_rand_score(runs[i][both], runs[j][both])
            agreement[i, j] = agreement[j, i] = score
            pairs.append(score)
    medoid = int(np.argmax(agreement.sum(axis=1)))
    members = runs[medoid] >= 0
    labels = runs[medoid][members]
    if 2 <= len(np.unique(labels)) <= members.sum() - 1:
        silhouette = float(silhouette_score(reduced[members], labels, metric="cosine"))
    else:
        silhouette = float("nan")
    return float(np.median(pairs)), float(np.std(pairs)), silhouette


def scan_k(data, reduced, ks, *, kind, n_resamples=4, fraction=0.8, sample_size=4000,
           seed=0, cluster_kwargs=None, progress=None) -> pd.DataFrame:
    """Stability and silhouette for each k in ``ks`` on a sample of the documents.

    Returns a DataFrame with columns ``k``, ``stability``, ``stability_std``,
    ``silhouette``.
    """
    cluster_kwargs = dict(cluster_kwargs or {})
    n = reduced.shape[0]
    if n > sample_size:
        rng = np.random.RandomState(seed)
        idx = np.sort(rng.choice(n, sample_size, replace=False))
        data, reduced = data[idx], reduced[idx]
    rows = []
    for k in ks:
        mean, std, sil = stability_at(
            data, reduced, k, kind=kind, n_resamples=n_resamples, fraction=fraction,
            seed=seed, cluster_kwargs=cluster_kwargs,
        )
        rows.append({"k": int(k), "stability": mean, "stability_std": std, "silhouette": sil})
        if progress is not None:
            progress(k)
    return pd.DataFrame(rows, columns=["k", "stability", "stability_std", "silhouette"])


def choose_k(scan: pd.DataFrame, *, tolerance: float = 0.05) -> int:
    """The k picked by the rule in this module's docstring."""
    if scan["stability"].isna().all():
        return int(scan["k"].min())
    best = scan["stability"].max()
    near = scan[scan["stability"] >= best - tolerance]
    silhouette = near["silhouette"].fillna(-np.inf)
    # idxmax returns the first maximum: with ks sorted ascending, ties go to the smaller k.
    return int(near.loc[silhouette.idxmax(), "k"])
