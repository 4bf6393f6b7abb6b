"""Readable topic labels: distinctive terms, a phrase, representative documents.

Terms are ranked by class-based distinctiveness: for a topic ``c`` and a term
``t``, ``share(t, c) * log(share(t, c) / share(t, all))`` where ``share`` is the
fraction of documents containing ``t`` (the term's contribution to the
divergence between the topic and the whole collection). Frequent-but-everywhere
words score ~0 and rare-but-everywhere words score little, so labels are words
that are both common in the topic and unusual elsewhere. Stop words (English and
e-mail) never reach this point: they are not in the vocabulary, and phrases may
neither start nor end with one.
"""

from __future__ import annotations

import re

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer

from ..features import TOKEN_PATTERN, email_stop_words

__all__ = ["best_phrases", "distinctive_terms", "representatives"]

_DIGITS = re.compile(r"^[\d_]+$")
#: Texts are cut to this many characters before phrase counting (memory bound).
_PHRASE_CHARS = 2000


def _membership(labels: np.ndarray, k: int) -> sparse.csr_matrix:
    n = len(labels)
    keep = labels >= 0
    return sparse.csr_matrix(
        (np.ones(int(keep.sum())), (labels[keep], np.flatnonzero(keep))), shape=(k, n)
    )


def _distinctiveness(binary, labels, k, *, min_count=2):
    """(k × V) distinctiveness scores and the in-topic document counts."""
    member = _membership(labels, k)
    counts = np.asarray((member @ binary).todense())
    sizes = np.maximum(np.asarray(member.sum(axis=1)).ravel(), 1.0)
    overall = (np.asarray(binary.sum(axis=0)).ravel() + 1.0) / (binary.shape[0] + 1.0)
    share = counts / sizes[:, None]
    with np.errstate(divide="ignore", invalid="ignore"):
        score = share * np.log(np.where(share > 0, share / overall, 1.0))
    score[(counts < min(min_count, sizes.max())) | (score <= 0)] = 0.0
    return score, counts


def _ranked(score_row: np.ndarray, names: np.ndarray, n: int) -> list[str]:
    # Stable sort on (-score, term) so equal scores come out in alphabetical order.
    order = np.lexsort((names, -score_row))
    out = []
    for j in order:
        if score_row[j] <= 0:
            break
        if _DIGITS.match(names[j]):
            continue
        out.append(str(names[j]))
        if len(out) == n:
            break
    return out


def distinctive_terms(binary, labels, k, vocabulary, *, n_terms=10) -> list[list[str]]:
    """The ``n_terms`` most distinctive vocabulary terms of each topic 0..k-1."""
    names = np.asarray(vocabulary, dtype=object).astype(str)
    score, _ = _distinctiveness(binary, labels, k)
    return [_ranked(score[c], names, n_terms) for c in range(k)]


def best_phrases(texts, labels, k, top_terms, *, extra_stop_words=(), min_share=0.03):
    """One frequent distinctive 2-3-word phrase per topic ('' when none qualifies).

    A phrase qualifies when it occurs in at least 2 documents and ``min_share``
    of the topic's documents, neither starts nor ends with a stop word, starts
    and ends with one of the topic's distinctive terms (so "using excel" gives
    way to "excel vba") and does not repeat a word.
    """
    stop = set(email_stop_words(extra_stop_words))
    token = re.compile(TOKEN_PATTERN)

    def analyzer(text):
        words = token.findall(text[:_PHRASE_CHARS].lower())
        grams = set()
        for size in (2, 3):
            for i in range(len(words) - size + 1):
                gram = words[i : i + size]
                if gram[0] in stop or gram[-1] in stop or len(set(gram)) < size:
                    continue
                if any(_DIGITS.match(w) for w in (gram[0], gram[-1])):
                    continue
                grams.add(" ".join(gram))
        return sorted(grams)

    vectorizer = CountVectorizer(analyzer=analyzer, binary=True, min_df=2)
    try:
        binary = vectorizer.fit_transform(list(texts)).tocsr()
    except ValueError:  # no phrase occurs twice
        return [""] * k
    names = vectorizer.get_feature_names_out().astype(str)
    score, counts = _distinctiveness(binary, labels, k)
    sizes = np.bincount(labels[labels >= 0], minlength=k)
    phrases = []
    for c in range(k):
        terms = set(top_terms[c])
        chosen = ""
        for phrase in _ranked(score[c], names, 50):
            j = vectorizer.vocabulary_[phrase]
            if counts[c, j] < max(2, min_share * sizes[c]):
                continue
            words = phrase.split()
            if words[0] not in terms or words[-1] not in terms:
                continue
            chosen = phrase
            break
        phrases.append(chosen)
    return phrases


def representatives(vectors, labels, k, *, n=3) -> list[list[int]]:
    """Row positions of the ``n`` members nearest each topic's centroid.

    ``vectors`` are unit-length rows (TF-IDF or embeddings); the centroid is
    the normalised mean of the members. Ties go to the earlier document.
    """
    out = []
    for c in range(k):
        idx = np.flatnonzero(labels == c)
        if len(idx) == 0:
            out.append([])
            continue
        members = vectors[idx]
        centroid = np.asarray(members.mean(axis=0)).ravel()
        norm = np.linalg.norm(centroid)
        centroid = centroid / norm if norm > 0 else centroid
        sims = np.asarray(members @ centroid).ravel()
        order = np.lexsort((idx, -np.round(sims, 12)))[:n]
        out.append([int(i) for i in idx[order]])
    return out
