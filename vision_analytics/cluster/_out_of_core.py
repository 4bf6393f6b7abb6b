"""Topics of more requests than the in-memory fit can hold: sample, then stream.

The in-memory :class:`TopicClusterer` keeps an LSA embedding and a term
matrix of every document, and its automatic k re-clusters resamples: fine for
tens of thousands of requests, not for millions. :func:`fit_out_of_core`

1. fits the clusterer on a seeded random sample (``sample_size`` documents):
   that fixes k, the vocabulary and a first word model;
2. runs ``n_passes`` passes of classification EM over *all* documents, chunk by
   chunk: each chunk is vectorised, assigned to its most likely topic, and adds
   its per-topic word counts — the model's sufficient statistics, which add up
   across chunks — so the final word model is estimated from every document,
   with memory bounded by one chunk plus the k × vocabulary counts;
3. assigns every document with the final model, chunk by chunk.

How close this comes to the in-memory fit is measured, not assumed:
``benchmarks/scale.py --topics`` prints the ARI between the two on 20,000
StackOverflow titles.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import sparse

from ._mixture import MixtureModel, _argmax
from ._topics import UNASSIGNED, TopicClusterer, _has_content

__all__ = ["fit_out_of_core"]


def fit_out_of_core(clusterer: TopicClusterer, texts, *, sample_size: int = 20_000,
                    chunk_size: int = 20_000, n_passes: int = 2) -> TopicClusterer:
    """Fit ``clusterer`` on a sample of ``texts``, then refine it over all of them in chunks.

    Parameters
    ----------
    clusterer : TopicClusterer
        Unfitted; its parameters (``n_topics``, ``random_state``…) apply.
    texts : Series or sequence of str
        The documents; the Series index names them (request ids).
    sample_size, chunk_size : int
        Documents in the fitting sample, and per streamed chunk.
    n_passes : int
        Classification-EM passes over all documents.

    Returns
    -------
    TopicClusterer
        Fitted: ``labels_`` and ``top3_`` cover every document; ``embedding_``
        is None (no embedding of all documents is kept).

    Examples
    --------
    >>> texts = [f"invoice {i} copy please" for i in range(30)] + [
    ...     f"server outage {i} again" for i in range(30)]
    >>> model = fit_out_of_core(TopicClusterer(n_topics=2, random_state=0), texts,
    ...                         sample_size=20, chunk_size=16)
    >>> len(model.labels_), len(set(model.labels_[:30])), len(set(model.labels_[30:]))
    (60, 1, 1)
    """
    for name, value in (("sample_size", sample_size), ("chunk_size", chunk_size)):
        if not isinstance(value, int) or value < 2:
            raise ValueError(f"The {name!r} parameter of fit_out_of_core must be an int >= 2; "
                             f"got {value!r}.")
    if not isinstance(n_passes, int) or n_passes < 0:
        raise ValueError(f"The 'n_passes' parameter of fit_out_of_core must be an int >= 0; "
                         f"got {n_passes!r}.")
    series = texts if isinstance(texts, pd.Series) else pd.Series(list(texts))
    series = series.fillna("").astype(str)
    n = len(series)
    rng = np.random.RandomState(clusterer.random_state)
    sample = np.sort(rng.choice(n, sample_size, replace=False)) if n > sample_size \
        else np.arange(n)
    clusterer.fit(series.iloc[sample])
    if clusterer.input_kind_ != "text":  # pragma: no cover - texts in, texts fitted
        raise ValueError("fit_out_of_core needs texts.")
    model = clusterer._model
    k = len(model.log_prior)
    for _ in range(n_passes):
        counts = np.zeros_like(model.log_word)
        sizes = np.zeros(k)
        for data in _chunks(clusterer, series, chunk_size):
            labels = _argmax(model.log_scores(data))
            member = sparse.csr_matrix((np.ones(len(labels)), (labels, np.arange(len(labels)))),
                                       shape=(k, len(labels)))
            counts += np.asarray((member @ data).todense())
            sizes += np.bincount(labels, minlength=k)
        smoothed = counts + clusterer.alpha
        model = MixtureModel(
            "words", log_word=np.log(smoothed) - np.log(smoothed.sum(axis=1, keepdims=True)),
            log_prior=np.log(sizes + 1.0) - np.log(n + k))
    clusterer._model = model
    labels, top3 = [], []
    start = 0
    for data in _chunks(clusterer, series, chunk_size):
        posteriors = model.posteriors(data)
        labels.append(clusterer._assign(posteriors, _has_content(data)))
        top3.append(clusterer._top3(posteriors, series.index[start:start + data.shape[0]]))
        start += data.shape[0]
    clusterer.labels_ = np.concatenate(labels) if labels else np.array([], dtype=object)
    clusterer.top3_ = pd.concat(top3) if top3 else clusterer.top3_.iloc[:0]
    clusterer.unassigned_share_ = float(np.mean(clusterer.labels_ == UNASSIGNED))
    clusterer.embedding_ = None
    clusterer.fit_sample_ = series.index[sample]
    return clusterer


def _chunks(clusterer: TopicClusterer, series: pd.Series, chunk_size: int):
    for start in range(0, len(series), chunk_size):
        yield clusterer._binary(series.iloc[start:start + chunk_size])
