"""``TextFeatures``: what a text is about, as a few dense numbers.

TF-IDF over words (English and e-mail stop words removed, sublinear term
frequency, a capped vocabulary) reduced by latent semantic analysis (truncated
SVD) and normalised to unit length, so that dot products are cosine
similarities. Optionally, sentence embeddings from a model stored on disk are
appended; nothing is ever downloaded.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize
from sklearn.utils.validation import check_is_fitted

from ._stopwords import email_stop_words
from ._style import text_column

__all__ = ["TOKEN_PATTERN", "TextFeatures", "make_tfidf"]

#: Words of two or more characters, keeping ``+`` and ``#`` inside a word so that
#: names such as ``c++``, ``c#`` or ``f#`` survive; digits-only tokens are kept
#: (versions and years often name a product generation).
TOKEN_PATTERN = r"(?u)\b\w[\w+#]*"


def make_tfidf(*, max_features=50_000, min_df=2, max_df=1.0, extra_stop_words=()):
    """The TF-IDF vectorizer shared by :class:`TextFeatures` and the topic clusterer.

    Lower-cased words, English and e-mail stop words removed, sublinear tf,
    l2-normalised rows.

    Parameters
    ----------
    max_features : int or None, default=50_000
        Keep the most frequent terms only.
    min_df : int or float, default=2
        Drop terms in fewer documents (int) or a smaller share of documents (float).
    max_df : float or int, default=1.0
        Drop terms in more documents than this.
    extra_stop_words : iterable of str, default=()
        More words to drop (names of your own company, products...).

    Returns
    -------
    sklearn.feature_extraction.text.TfidfVectorizer
    """
    return TfidfVectorizer(
        lowercase=True,
        token_pattern=TOKEN_PATTERN,
        stop_words=email_stop_words(extra_stop_words),
        sublinear_tf=True,
        max_features=max_features,
        min_df=min_df,
        max_df=max_df,
        dtype=np.float64,
    )


class TextFeatures(TransformerMixin, BaseEstimator):
    """TF-IDF → LSA features of a text column (DataFrame in, DataFrame out).

    Parameters
    ----------
    column : str, default="text"
        The text column when ``X`` is a DataFrame. A Series or a list of
        strings is used as is. Missing values are read as ``""``.
    n_components : int, default=100
        LSA dimensions (capped at the vocabulary size minus one and the number
        of documents minus one).
    max_features : int, default=50_000
        Vocabulary cap (the most frequent terms).
    min_df : int or float, default=2
        Minimum document frequency of a term.
    extra_stop_words : tuple of str, default=()
        Words to drop in addition to English and e-mail stop words.
    embedding_model : str or path-like, default=None
        Path to a sentence-transformers model **on disk**. When given, its
        embeddings are appended as ``text__emb_0..``. Requires the optional
        ``sentence-transformers`` package; never downloads.
    random_state : int, default=0
        Seed of the truncated SVD.

    Attributes
    ----------
    vectorizer_ : TfidfVectorizer
        The fitted TF-IDF step.
    svd_ : TruncatedSVD
        The fitted LSA step.
    n_features_in_ : int
        Always 1 (one text column).
    feature_names_in_ : ndarray of str
        ``[column]`` when fitted on a DataFrame.

    Examples
    --------
    >>> import pandas as pd
    >>> from vision_analytics.features import TextFeatures
    >>> docs = pd.DataFrame({"text": ["Hi team, price of the cloud migration?",
    ...                               "Cloud migration price, thanks",
    ...                               "Roadmap for the data platform",
    ...                               "Data platform roadmap, regards"]},
    ...                     index=["r1", "r2", "r3", "r4"])
    >>> out = TextFeatures(n_components=2, min_df=1).fit_transform(docs)
    >>> list(out.columns), list(out.index)
    (['text__lsa_0', 'text__lsa_1'], ['r1', 'r2', 'r3', 'r4'])
    """

    def __init__(
        self,
        *,
        column="text",
        n_components=100,
        max_features=50_000,
        min_df=2,
        extra_stop_words=(),
        embedding_model=None,
        random_state=0,
    ):
        self.column = column
        self.n_components = n_components
        self.max_features = max_features
        self.min_df = min_df
        self.extra_stop_words = extra_stop_words
        self.embedding_model = embedding_model
        self.random_state = random_state

    def fit(self, X, y=None):
        """Learn the vocabulary, IDF weights and LSA axes from the texts of ``X``."""
        self._fit(X)
        return self

    def fit_transform(self, X, y=None):
        """Fit, then return the features of ``X`` (same index)."""
        series = self._fit(X)
        return self._frame(series)

    def transform(self, X):
        """Features of ``X`` as a DataFrame with ``X``'s index.

        Columns are ``text__lsa_0..`` (unit-length rows), then ``text__emb_0..``
        when an embedding model is set.
        """
        check_is_fitted(self, "svd_")
        return self._frame(text_column(X, self._column_for(X), owner="TextFeatures"))

    def get_feature_names_out(self, input_features=None):
        """``text__lsa_i`` for each LSA dimension, then ``text__emb_i``."""
        check_is_fitted(self, "svd_")
        names = [f"text__lsa_{i}" for i in range(self.svd_.n_components)]
        names += [f"text__emb_{i}" for i in range(self.n_embedding_dims_)]
        return np.asarray(names, dtype=object)

    # -- internals ---------------------------------------------------------------------------

    def _column_for(self, X):
        return self.column if isinstance(X, pd.DataFrame) else None

    def _fit(self, X) -> pd.Series:
        if not isinstance(self.n_components, (int, np.integer)) or self.n_components < 1:
            raise ValueError(
                "The 'n_components' parameter of TextFeatures must be an int >= 1. "
                f"Got {self.n_components!r} instead."
            )
        series = text_column(X, self._column_for(X), owner="TextFeatures")
        if len(series) < 2:
            raise ValueError(
                f"TextFeatures needs at least 2 documents to fit; got {len(series)}."
            )
        self.vectorizer_ = make_tfidf(
            max_features=self.max_features,
            min_df=self.min_df,
            extra_stop_words=self.extra_stop_words,
        )
        try:
            tfidf = self.vectorizer_.fit_transform(series.tolist())
        except ValueError as exc:  # empty vocabulary
            raise ValueError(
                f"TextFeatures found no usable words in {len(series)} documents with "
                f"min_df={self.min_df!r} after removing stop words ({exc}). Pass more "
                "documents or a lower min_df."
            ) from None
        n_terms = tfidf.shape[1]
        n_components = max(1, min(self.n_components, n_terms - 1, len(series) - 1))
        self.svd_ = TruncatedSVD(
            n_components=n_components, algorithm="arpack", random_state=self.random_state
        )
        if n_terms > 1:
            # explained_variance_ratio_ divides by the total variance, which is 0
            # when all documents are the same: harmless for the axes we use.
            with np.errstate(divide="ignore", invalid="ignore"):
                self.svd_.fit(tfidf)
        else:  # a one-word vocabulary: the only axis is that word
            self.svd_.components_ = np.ones((1, 1))
        self._flip = _sign_convention(self.svd_.components_)
        self.n_embedding_dims_ = 0
        self._encoder = None
        if self.embedding_model is not None:
            self._encoder = _load_sentence_model(self.embedding_model)
            self.n_embedding_dims_ = int(self._encoder.get_sentence_embedding_dimension())
        self.n_features_in_ = 1
        if isinstance(X, pd.DataFrame):
            self.feature_names_in_ = np.asarray([series.name], dtype=object)
        return series

    def _frame(self, series: pd.Series) -> pd.DataFrame:
        tfidf = self.vectorizer_.transform(series.tolist())
        # ARPACK's start vector leaves ~1e-13 noise that differs between processes;
        # rounded, near-ties in the clustering break the same way on every run.
        lsa = np.round(normalize(np.asarray(tfidf @ self.svd_.components_.T) * self._flip), 8)
        blocks = [lsa]
        if self._encoder is not None:
            emb = self._encoder.encode(series.tolist(), normalize_embeddings=True)
            blocks.append(np.asarray(emb, dtype=np.float64))
        return pd.DataFrame(
            np.hstack(blocks), index=series.index, columns=self.get_feature_names_out()
        )


def _sign_convention(components: np.ndarray) -> np.ndarray:
    """+1/-1 per SVD axis so its largest-magnitude loading is positive.

    SVD axes are defined up to sign; fixing it makes features identical across
    machines and library versions.
    """
    idx = np.abs(components).argmax(axis=1)
    signs = np.sign(components[np.arange(len(components)), idx])
    signs[signs == 0] = 1.0
    return signs


def _load_sentence_model(path):
    """A sentence-transformers model from a local folder; never downloads."""
    folder = Path(path)
    if not folder.is_dir():
        raise FileNotFoundError(
            f"TextFeatures: embedding_model={str(path)!r} is not a folder on this machine. "
            "Pass the path of a sentence-transformers model saved locally "
            "(model.save(path)); models are never downloaded."
        )
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError:
        raise ImportError(
            "TextFeatures(embedding_model=...) needs the optional package "
            "'sentence-transformers'. Install it with: pip install "
            "'vision-analytics[embeddings]' (or pip install sentence-transformers)."
        ) from None
    return SentenceTransformer(str(folder), device="cpu", local_files_only=True)
