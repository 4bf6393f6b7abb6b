"""``TopicClusterer``: requests → topics, with an automatic number of topics.

What it answers, and how (see ``ANCHORS.md``, "Topic clustering", for the
complaints about BERTopic / Top2Vec each point addresses):

- **How many topics**: a bounded scan of k (2..40, at most ``sqrt(n)``) scored
  by stability — re-cluster resamples and keep the k whose topics come back —
  with the silhouette as tie-breaker (:mod:`._stability`). Never hundreds of
  topics; ``n_topics=<int>`` overrides.
- **Same result every run**: every random step is seeded from ``random_state``
  and topic ids are canonical: ``topic_01`` is the largest topic, ties broken
  by the earliest document.
- **No silent outliers**: a document whose best topic has probability below
  ``unassigned_threshold`` (or that has no known word) is ``"unassigned"``;
  the share is ``unassigned_share_``. ``top3_`` gives every document's three
  best topics with their probabilities.
- **``predict`` agrees with ``fit``**: training labels *are* the fitted
  model's predictions, so ``predict(X_train)`` equals ``labels_``.
- **Readable labels**: distinctive terms, a frequent distinctive phrase and
  the documents nearest each topic's centre (:mod:`._labels`).
- **Stable ids over time** and **save/load without pickle** (JSON + ``.npz``).

The engine is described in :mod:`._mixture`: k-means on LSA vectors, refined by
classification EM of a multinomial mixture over the full vocabulary.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.base import BaseEstimator, ClusterMixin, TransformerMixin
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.preprocessing import normalize
from sklearn.utils.validation import check_is_fitted

from .._schema import validate_frame
from ..features import TOKEN_PATTERN, TextFeatures, text_column
from ._labels import best_phrases, distinctive_terms, representatives
from ._mixture import MixtureModel, cluster_consensus
from ._over_time import trend_table, volume_table
from ._stability import candidate_ks, choose_k, scan_k, stability_at

__all__ = ["UNASSIGNED", "TopicClusterer"]

#: The topic id of documents no topic fits.
UNASSIGNED = "unassigned"
_FORMAT = "vision_analytics.TopicClusterer"
_FORMAT_VERSION = 1


class TopicClusterer(ClusterMixin, TransformerMixin, BaseEstimator):
    """Group texts (or precomputed vectors) into topics with readable labels.

    Parameters
    ----------
    n_topics : "auto" or int, default="auto"
        Number of topics. ``"auto"`` scans k between ``min_topics`` and
        ``max_topics`` (and at most ``sqrt(n_documents)``) and keeps the most
        stable one (see Notes).
    min_topics, max_topics : int, default=2, 40
        Bounds of the automatic scan.
    column : str, default="text"
        The text column when ``X`` is a DataFrame holding it. A DataFrame
        without that column whose columns are all numeric (e.g. the output of
        :class:`~vision_analytics.features.TextFeatures` or embeddings) is used
        as precomputed vectors, as is a numeric array or sparse matrix.
    n_components : int, default=100
        LSA dimensions of the reduced space (text input).
    max_features : int, default=50_000
        Vocabulary cap (text input).
    min_df : int or float, default=2
        Minimum document frequency of a term (text input).
    extra_stop_words : tuple of str, default=()
        Words to drop besides English and e-mail stop words.
    unassigned_threshold : float in [0, 1), default=0.5
        A document whose best topic probability is below this is
        ``"unassigned"``. 0.5 means "its best topic is less likely than all the
        others together". Use 0 to assign every document that has a known word.
    min_topic_share : float, default=0.1
        A topic with fewer than ``min_topic_share * n_documents / k`` documents
        is treated as degenerate during fitting: dissolved, and the largest
        topic split in two instead. 0 disables the repair.
    alpha : float, default=0.5
        Additive smoothing of the per-topic word probabilities.
    n_init : int, default=10
        k-means++ starts of each initial k-means (lowest inertia kept).
    n_consensus : int, default=5
        Independent clusterings (seeds drawn from ``random_state``) whose
        majority vote starts the final EM. 1 keeps a single run.
    n_resamples : int, default=4
        Resampled clusterings per k for the stability score (their pairwise
        agreement is the score; 0 skips the score when ``n_topics`` is an int).
    scan_sample_size : int, default=4000
        The k scan runs on a sample of this many documents (bounded time).
    n_terms : int, default=10
        Distinctive terms kept per topic.
    random_state : int, default=0
        Seed of every random step.

    Attributes
    ----------
    labels_ : ndarray of str
        Topic id of each training document (``"unassigned"`` included).
    topics_ : ndarray of str
        Topic ids in canonical order (largest first); columns of ``transform``.
    n_topics_ : int
        Number of topics found.
    top3_ : DataFrame
        Per training document: ``topic_1, score_1, topic_2, score_2, topic_3,
        score_3`` (probabilities), indexed like the input.
    unassigned_share_ : float
        Share of training documents labelled ``"unassigned"``.
    stability_ : float
        Mean adjusted Rand index between resample clusterings and the reference
        at the chosen k (1 = topics always come back; NaN when not measured).
    k_scan_ : DataFrame
        The automatic scan: ``k, stability, stability_std, silhouette, selected``
        (one row with the chosen k when ``n_topics`` is an int).
    topic_info_ : DataFrame
        Per topic: ``topic_id, label, phrase, top_terms, size,
        representative_ids, representative_texts``.
    embedding_ : ndarray of shape (n_documents, n_dims)
        Unit-length reduced vectors of the training documents (LSA for text,
        the normalised input for vectors), e.g. for a topic map. Not saved.
    vocabulary_ : list of str
        Terms of the word model (empty for vector input).
    input_kind_ : {"text", "vectors"}
        What the model was fitted on.

    Notes
    -----
    The fit: TF-IDF (e-mail stop words out) → LSA → k-means (many starts) →
    classification EM of a multinomial mixture over the full vocabulary (each
    document reassigned to its most likely topic until nothing moves), with
    degenerate topics repaired; the final fit starts from the majority vote of
    ``n_consensus`` such runs.
    On vector input the EM step uses cosine centroids (spherical k-means).

    Examples
    --------
    >>> from vision_analytics.cluster import TopicClusterer
    >>> docs = ["invoice overdue payment", "payment of the invoice late",
    ...         "late invoice payment reminder", "server outage tonight",
    ...         "outage of the mail server", "server down outage again"]
    >>> model = TopicClusterer(n_topics=2, min_df=1, random_state=0).fit(docs)
    >>> model.labels_.tolist()
    ['topic_01', 'topic_01', 'topic_01', 'topic_02', 'topic_02', 'topic_02']
    >>> model.predict(["outage on the server"]).tolist()
    ['topic_02']
    """

    def __init__(
        self,
        *,
        n_topics="auto",
        min_topics=2,
        max_topics=40,
        column="text",
        n_components=100,
        max_features=50_000,
        min_df=2,
        extra_stop_words=(),
        unassigned_threshold=0.5,
        min_topic_share=0.1,
        alpha=0.5,
        n_init=10,
        n_consensus=5,
        n_resamples=4,
        scan_sample_size=4000,
        n_terms=10,
        random_state=0,
    ):
        self.n_topics = n_topics
        self.min_topics = min_topics
        self.max_topics = max_topics
        self.column = column
        self.n_components = n_components
        self.max_features = max_features
        self.min_df = min_df
        self.extra_stop_words = extra_stop_words
        self.unassigned_threshold = unassigned_threshold
        self.min_topic_share = min_topic_share
        self.alpha = alpha
        self.n_init = n_init
        self.n_consensus = n_consensus
        self.n_resamples = n_resamples
        self.scan_sample_size = scan_sample_size
        self.n_terms = n_terms
        self.random_state = random_state

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = True  # precomputed sparse vectors are accepted
        tags.input_tags.string = True
        return tags

    # -- fitting -----------------------------------------------------------------------------

    def fit(self, X, y=None):
        """Find the topics of ``X`` (texts or vectors; ``y`` is ignored)."""
        self._validate_params()
        kind, index, texts, vectors = self._read(X, fitting=True)
        n = len(index)
        if n < 2:
            raise ValueError(
                f"TopicClusterer needs at least 2 documents to fit; got n_samples={n}."
            )
        if kind == "text":
            self.text_features_ = TextFeatures(
                column=self.column, n_components=self.n_components,
                max_features=self.max_features, min_df=self.min_df,
                extra_stop_words=self.extra_stop_words, random_state=self.random_state,
            )
            reduced = self.text_features_.fit_transform(texts).to_numpy()
            terms = self.text_features_.vectorizer_.get_feature_names_out()
            self.vocabulary_ = [str(t) for t in terms]
            data = self._binary(texts)
        else:
            self.text_features_ = None
            self.vocabulary_ = []
            data = normalize(vectors)
            reduced = data
        self.input_kind_ = kind
        model_kind = "words" if kind == "text" else "vectors"
        cluster_kwargs = {"alpha": self.alpha, "min_share": self.min_topic_share,
                          "n_init": self.n_init}

        if isinstance(self.n_topics, str):
            ks = candidate_ks(n, min_topics=self.min_topics, max_topics=self.max_topics)
            scan = scan_k(
                data, reduced, ks, kind=model_kind, n_resamples=max(self.n_resamples, 2),
                sample_size=self.scan_sample_size, seed=self.random_state,
                cluster_kwargs=cluster_kwargs,
            )
            k = choose_k(scan)
            self.stability_ = float(scan.loc[scan["k"] == k, "stability"].iloc[0])
        else:
            k = int(self.n_topics)
            if k > n:
                raise ValueError(
                    f"The 'n_topics' parameter of TopicClusterer ({k}) exceeds the number of "
                    f"documents ({n}). Pass n_topics <= {n} or n_topics='auto'."
                )
            row = {"k": k, "stability": np.nan, "stability_std": np.nan, "silhouette": np.nan}
            if self.n_resamples > 0 and 2 <= k < n:
                sample, sample_reduced = _sample(data, reduced, self.scan_sample_size,
                                                 self.random_state)
                mean, std, sil = stability_at(
                    sample, sample_reduced, k, kind=model_kind, n_resamples=self.n_resamples,
                    fraction=0.8, seed=self.random_state, cluster_kwargs=dict(cluster_kwargs),
                )
                row.update(stability=mean, stability_std=std, silhouette=sil)
            scan = pd.DataFrame([row])
            self.stability_ = float(row["stability"])
        scan["selected"] = scan["k"] == k
        self.k_scan_ = scan

        min_share = cluster_kwargs.pop("min_share")
        raw, model, _ = cluster_consensus(
            data, reduced, k, kind=model_kind, n_runs=self.n_consensus,
            seed=self.random_state, min_size=min_share * n / k, **cluster_kwargs,
        )
        self._model, raw = _canonical(model, raw)
        self.n_topics_ = int(len(self._model.log_prior if model_kind == "words"
                                 else self._model.centroids))
        width = max(2, len(str(self.n_topics_)))
        self.topics_ = np.asarray([f"topic_{i + 1:0{width}d}" for i in range(self.n_topics_)],
                                  dtype=object)

        posteriors = self._model.posteriors(data)
        self.labels_ = self._assign(posteriors, _has_content(data))
        self.top3_ = self._top3(posteriors, index)
        self.unassigned_share_ = float(np.mean(self.labels_ == UNASSIGNED))
        self.embedding_ = np.asarray(reduced, dtype=np.float64)
        self.topic_info_ = self._describe(data, raw, texts, index)
        self.n_features_in_ = 1 if kind == "text" else vectors.shape[1]
        return self

    # -- prediction --------------------------------------------------------------------------

    def predict(self, X):
        """Topic id of each document of ``X`` (``"unassigned"`` when none fits)."""
        posteriors, data = self._posteriors(X)
        return self._assign(posteriors, _has_content(data))

    def transform(self, X):
        """Topic probabilities, shape (n_documents, n_topics), columns in ``topics_`` order."""
        return self._posteriors(X)[0]

    def fit_predict(self, X, y=None):
        """Fit, then return ``labels_``."""
        return self.fit(X).labels_

    def top3(self, X) -> pd.DataFrame:
        """The three most likely topics of each document of ``X`` and their probabilities."""
        posteriors, _ = self._posteriors(X)
        return self._top3(posteriors, self._read(X)[1])

    # -- frames for the rest of the pipeline -------------------------------------------------

    def topics_frame(self, requests) -> pd.DataFrame:
        """The **topics** contract frame for ``requests`` (validated).

        Parameters
        ----------
        requests : DataFrame
            Requests with the text column (``column``) and, optionally,
            ``sent_at``; the index is the request id.

        Returns
        -------
        DataFrame
            One row per topic (and an ``"unassigned"`` row when some requests
            are): ``topic_id, label, top_terms, size, first_seen, last_seen,
            representative_ids`` — sizes and dates computed on ``requests``,
            labels and terms from the fit. Sizes add up to ``len(requests)``.
            A ``topic_id`` column in ``requests`` is used as is (e.g. the
            ``labels_`` of the fit); otherwise topics are predicted.
        """
        check_is_fitted(self, "labels_")
        kind, index, texts, vectors = self._read(requests)
        data = self._binary(texts) if kind == "text" else normalize(vectors)
        if isinstance(requests, pd.DataFrame) and "topic_id" in requests.columns:
            ids = requests["topic_id"].astype(str).to_numpy(dtype=object)
            unknown = sorted(set(ids) - set(self.topics_) - {UNASSIGNED})
            if unknown:
                raise ValueError(
                    f"topics_frame: column 'topic_id' holds ids this model does not know: "
                    f"{unknown[:5]}. Expected {list(self.topics_)[:5]}... or 'unassigned'; "
                    "drop the column to let the model assign topics."
                )
        else:
            ids = self._assign(self._model.posteriors(data), _has_content(data))
        sent = _sent_at(requests, len(index))
        info = self.topic_info_.set_index("topic_id")
        near = normalize(data)
        position = {t: i for i, t in enumerate(self.topics_)}
        codes = np.array([position.get(t, -1) for t in ids], dtype=np.int64)
        reps = representatives(near, np.asarray(codes), self.n_topics_)
        rows = []
        for pos, topic in enumerate(self.topics_):
            mask = ids == topic
            rows.append(self._topic_row(topic, info.loc[topic, "label"],
                                        list(info.loc[topic, "top_terms"]), mask, sent,
                                        [str(index[i]) for i in reps[pos]]))
        mask = ids == UNASSIGNED
        if mask.any():
            first = [str(index[i]) for i in np.flatnonzero(mask)[:3]]
            rows.append(self._topic_row(UNASSIGNED, "unassigned (no topic fits)", [], mask,
                                        sent, first))
        frame = pd.DataFrame(rows)
        frame["size"] = frame["size"].astype("int64")
        for c in ("first_seen", "last_seen"):
            frame[c] = pd.to_datetime(frame[c], utc=True)
        for c in ("topic_id", "label"):
            frame[c] = frame[c].astype(str)
        return validate_frame(frame, "topics")

    def topics_over_time(self, requests, freq="MS", *, time_column="sent_at") -> pd.DataFrame:
        """Volume of each topic per period, with the fitted (stable) topic ids.

        Parameters
        ----------
        requests : DataFrame
            Requests with the text column and ``time_column`` (timezone-aware or
            UTC-naive datetimes).
        freq : {"MS", "W", "D", "QS", "YS"}, default="MS"
            Period length (month start by default).

        Returns
        -------
        DataFrame
            One row per (period, topic), zeros included: ``period`` (UTC start of
            the period), ``topic_id``, ``label``, ``count``, ``share``. The
            emerging / fading verdict per topic is :meth:`topic_trends`.
        """
        check_is_fitted(self, "labels_")
        if not isinstance(requests, pd.DataFrame) or time_column not in requests.columns:
            got = list(requests.columns) if isinstance(requests, pd.DataFrame) else type(requests)
            raise KeyError(
                f"topics_over_time needs a DataFrame with a {time_column!r} column; got {got}. "
                "Pass the requests frame or time_column='<datetime column>'."
            )
        ids = self.predict(requests)
        labels = dict(zip(self.topic_info_["topic_id"], self.topic_info_["label"], strict=True))
        labels[UNASSIGNED] = "unassigned (no topic fits)"
        return volume_table(requests[time_column], ids, list(self.topics_), labels, freq=freq)

    def topic_trends(self, requests, freq="MS", *, time_column="sent_at") -> pd.DataFrame:
        """Which topics are emerging or fading (rule in :mod:`._over_time`).

        Returns a DataFrame with ``topic_id, label, earlier_share, recent_share,
        ratio, slope, trend`` (``"emerging"``, ``"fading"``, ``"steady"`` or
        ``"too_few_periods"``).
        """
        return trend_table(self.topics_over_time(requests, freq, time_column=time_column))

    # -- persistence -------------------------------------------------------------------------

    def save(self, path) -> tuple[Path, Path]:
        """Write the fitted model as ``<path>.json`` + ``<path>.npz`` (no pickle).

        Returns the two paths written.
        """
        check_is_fitted(self, "labels_")
        base = Path(path)
        base = base.with_suffix("") if base.suffix in (".json", ".npz") else base
        json_path, npz_path = base.with_suffix(".json"), base.with_suffix(".npz")
        params = self.get_params()
        params["extra_stop_words"] = list(params["extra_stop_words"])
        info = self.topic_info_.copy()
        meta = {
            "format": _FORMAT,
            "version": _FORMAT_VERSION,
            "params": params,
            "input_kind": self.input_kind_,
            "n_features_in": int(self.n_features_in_),
            "topics": [str(t) for t in self.topics_],
            "vocabulary": list(self.vocabulary_),
            "stability": None if np.isnan(self.stability_) else self.stability_,
            "unassigned_share": self.unassigned_share_,
            "k_scan": json.loads(self.k_scan_.to_json(orient="records")),
            "topic_info": json.loads(info.to_json(orient="records")),
        }
        json_path.write_text(json.dumps(meta, indent=1, ensure_ascii=False), encoding="utf-8")
        arrays = {"labels": np.asarray(self.labels_, dtype=str)}
        if self._model.kind == "words":
            arrays.update(log_word=self._model.log_word, log_prior=self._model.log_prior)
        else:
            arrays.update(centroids=self._model.centroids)
        np.savez_compressed(npz_path, **arrays)
        return json_path, npz_path

    @classmethod
    def load(cls, path) -> TopicClusterer:
        """Read a model written by :meth:`save`; it predicts exactly as the saved one."""
        base = Path(path)
        base = base.with_suffix("") if base.suffix in (".json", ".npz") else base
        json_path, npz_path = base.with_suffix(".json"), base.with_suffix(".npz")
        for p in (json_path, npz_path):
            if not p.is_file():
                raise FileNotFoundError(
                    f"TopicClusterer.load: {p} not found. Pass the path given to save() "
                    "(both <path>.json and <path>.npz are needed)."
                )
        meta = json.loads(json_path.read_text(encoding="utf-8"))
        if meta.get("format") != _FORMAT or meta.get("version") != _FORMAT_VERSION:
            raise ValueError(
                f"TopicClusterer.load: {json_path} is not a TopicClusterer file of version "
                f"{_FORMAT_VERSION} (format={meta.get('format')!r}, "
                f"version={meta.get('version')!r}). Re-fit and save with this version."
            )
        params = dict(meta["params"])
        params["extra_stop_words"] = tuple(params["extra_stop_words"])
        model = cls(**params)
        with np.load(npz_path, allow_pickle=False) as arrays:
            if meta["input_kind"] == "text":
                model._model = MixtureModel("words", log_word=arrays["log_word"],
                                            log_prior=arrays["log_prior"])
            else:
                model._model = MixtureModel("vectors", centroids=arrays["centroids"])
            model.labels_ = arrays["labels"].astype(object)
        model.input_kind_ = meta["input_kind"]
        model.n_features_in_ = meta["n_features_in"]
        model.topics_ = np.asarray(meta["topics"], dtype=object)
        model.n_topics_ = len(model.topics_)
        model.vocabulary_ = list(meta["vocabulary"])
        model.stability_ = np.nan if meta["stability"] is None else float(meta["stability"])
        model.unassigned_share_ = float(meta["unassigned_share"])
        model.k_scan_ = pd.DataFrame(meta["k_scan"])
        info = pd.DataFrame(meta["topic_info"])
        for c in ("top_terms", "representative_ids", "representative_texts"):
            info[c] = info[c].map(list)
        model.topic_info_ = info
        model.text_features_ = None
        return model

    # -- internals ---------------------------------------------------------------------------

    def _validate_params(self):
        n_topics = self.n_topics
        if isinstance(n_topics, str):
            if n_topics != "auto":
                raise ValueError(
                    "The 'n_topics' parameter of TopicClusterer must be 'auto' or an int >= 1. "
                    f"Got {n_topics!r} instead."
                )
        elif isinstance(n_topics, bool) or not isinstance(n_topics, (int, np.integer)) \
                or n_topics < 1:
            raise ValueError(
                "The 'n_topics' parameter of TopicClusterer must be 'auto' or an int >= 1. "
                f"Got {n_topics!r} instead."
            )
        if not (isinstance(self.min_topics, (int, np.integer)) and
                isinstance(self.max_topics, (int, np.integer)) and
                2 <= self.min_topics <= self.max_topics):
            raise ValueError(
                "The 'min_topics' and 'max_topics' parameters of TopicClusterer must be ints "
                f"with 2 <= min_topics <= max_topics. Got min_topics={self.min_topics!r}, "
                f"max_topics={self.max_topics!r}."
            )
        threshold = self.unassigned_threshold
        if not isinstance(threshold, (int, float, np.floating)) or not 0 <= threshold < 1:
            raise ValueError(
                "The 'unassigned_threshold' parameter of TopicClusterer must be a float in "
                f"[0, 1). Got {threshold!r} instead."
            )
        for name in ("n_init", "n_consensus"):
            value = getattr(self, name)
            if not isinstance(value, (int, np.integer)) or value < 1:
                raise ValueError(
                    f"The '{name}' parameter of TopicClusterer must be an int >= 1. "
                    f"Got {value!r} instead."
                )
        if not isinstance(self.n_resamples, (int, np.integer)) or self.n_resamples < 0:
            raise ValueError(
                "The 'n_resamples' parameter of TopicClusterer must be an int >= 0. "
                f"Got {self.n_resamples!r} instead."
            )
        if not isinstance(self.alpha, (int, float, np.floating)) or self.alpha <= 0:
            raise ValueError(
                "The 'alpha' parameter of TopicClusterer must be a float > 0. "
                f"Got {self.alpha!r} instead."
            )
        if not isinstance(self.min_topic_share, (int, float, np.floating)) \
                or not 0 <= self.min_topic_share < 1:
            raise ValueError(
                "The 'min_topic_share' parameter of TopicClusterer must be a float in [0, 1). "
                f"Got {self.min_topic_share!r} instead."
            )

    def _read(self, X, fitting=False):
        """(kind, index, texts Series or None, vectors ndarray or None)."""
        if isinstance(X, pd.DataFrame) and self.column not in X.columns and X.shape[1] > 0 \
                and all(pd.api.types.is_numeric_dtype(t) for t in X.dtypes):
            return "vectors", X.index, None, _vectors(X.to_numpy(dtype=np.float64))
        if sparse.issparse(X):
            return "vectors", pd.RangeIndex(X.shape[0]), None, _vectors(X)
        if not isinstance(X, (pd.DataFrame, pd.Series, str)):
            array = _numeric_or_none(X)
            if array is not None:
                if array.ndim != 2:
                    raise ValueError(
                        "TopicClusterer expects texts (list, Series, DataFrame column) or a "
                        f"2-D array of vectors; got a numeric array of shape {array.shape}. "
                        "Reshape your data to (n_documents, n_features), e.g. with "
                        "array.reshape(-1, 1) for a single feature."
                    )
                return "vectors", pd.RangeIndex(array.shape[0]), None, _vectors(array)
        column = self.column if isinstance(X, pd.DataFrame) else None
        texts = text_column(X, column, owner="TopicClusterer")
        if not fitting:
            check_is_fitted(self, "labels_")
            if self.input_kind_ != "text":
                raise ValueError(
                    "TopicClusterer was fitted on vectors; got texts. Pass vectors computed "
                    "the same way as at fit time."
                )
        return "text", texts.index, texts, None

    def _binary(self, texts: pd.Series):
        counter = CountVectorizer(
            vocabulary=self.vocabulary_, token_pattern=TOKEN_PATTERN, lowercase=True,
            binary=True, dtype=np.float64,
        )
        return counter.transform(texts.tolist()).tocsr()

    def _posteriors(self, X):
        check_is_fitted(self, "labels_")
        kind, _, texts, vectors = self._read(X)
        if kind != self.input_kind_:
            raise ValueError(
                f"TopicClusterer was fitted on {self.input_kind_}; got {kind}. Pass the same "
                "kind of input as at fit time."
            )
        if kind == "text":
            data = self._binary(texts)
        else:
            if vectors.shape[1] != self.n_features_in_:
                raise ValueError(
                    f"X has {vectors.shape[1]} features, but TopicClusterer is expecting "
                    f"{self.n_features_in_} features as input."
                )
            data = normalize(vectors)
        return self._model.posteriors(data), data

    def _assign(self, posteriors, has_content):
        best = np.argmax(posteriors, axis=1)
        score = posteriors[np.arange(len(best)), best]
        ids = np.asarray(self.topics_, dtype=object)[best]
        ids[(score < self.unassigned_threshold) | ~has_content] = UNASSIGNED
        return ids

    def _top3(self, posteriors, index) -> pd.DataFrame:
        order = np.argsort(-posteriors, axis=1, kind="stable")
        out = {}
        for rank in range(3):
            if rank < posteriors.shape[1]:
                col = order[:, rank]
                out[f"topic_{rank + 1}"] = pd.Series(self.topics_[col], index=index, dtype="str")
                out[f"score_{rank + 1}"] = pd.Series(
                    posteriors[np.arange(len(col)), col], index=index
                )
            else:
                out[f"topic_{rank + 1}"] = pd.Series("", index=index, dtype="str")
                out[f"score_{rank + 1}"] = pd.Series(np.nan, index=index)
        return pd.DataFrame(out, index=index)

    def _describe(self, data, raw, texts, index) -> pd.DataFrame:
        k = self.n_topics_
        assigned = np.where(self.labels_ == UNASSIGNED, -1, raw)
        if self.input_kind_ == "text":
            terms = distinctive_terms(data, assigned, k, self.vocabulary_, n_terms=self.n_terms)
            phrases = best_phrases(texts.tolist(), assigned, k, terms,
                                   extra_stop_words=self.extra_stop_words)
        else:
            terms, phrases = [[] for _ in range(k)], [""] * k
        reps = representatives(normalize(data), assigned, k)
        rows = []
        for c, topic in enumerate(self.topics_):
            if phrases[c]:
                label = phrases[c]
                extra = [t for t in terms[c] if t not in phrases[c].split()][:2]
                if extra:
                    label = f"{label} ({', '.join(extra)})"
            elif terms[c]:
                label = ", ".join(terms[c][:3])
            else:
                label = str(topic)
            rows.append({
                "topic_id": str(topic),
                "label": label,
                "phrase": phrases[c],
                "top_terms": terms[c],
                "size": int(np.sum(assigned == c)),
                "representative_ids": [str(index[i]) for i in reps[c]],
                "representative_texts": (
                    [texts.iloc[i][:200] for i in reps[c]] if texts is not None else []
                ),
            })
        return pd.DataFrame(rows)

    @staticmethod
    def _topic_row(topic, label, terms, mask, sent, reps):
        times = sent[mask]
        return {
            "topic_id": topic,
            "label": label,
            "top_terms": terms,
            "size": int(mask.sum()),
            "first_seen": times.min() if times.notna().any() else pd.NaT,
            "last_seen": times.max() if times.notna().any() else pd.NaT,
            "representative_ids": reps,
        }


def _vectors(X) -> np.ndarray:
    array = X.toarray() if sparse.issparse(X) else np.asarray(X, dtype=np.float64)
    array = np.asarray(array, dtype=np.float64)
    if not np.isfinite(array).all():
        raise ValueError(
            "TopicClusterer: the input vectors contain NaN or infinity. Fill or drop those "
            "rows first."
        )
    return array


def _numeric_or_none(X):
    """``X`` as a numeric array (array, nested list, array-like of numbers), else None."""
    try:
        array = np.asarray(X)
    except (TypeError, ValueError):  # ragged nested lists
        return None
    if array.dtype.kind == "c":
        raise ValueError(
            "Complex data not supported: TopicClusterer takes texts or real-valued vectors."
        )
    if array.dtype.kind == "O" and array.ndim == 2:
        try:
            array = array.astype(np.float64)
        except (TypeError, ValueError):
            return None
    return array if array.dtype.kind in "biuf" else None


def _has_content(data) -> np.ndarray:
    if sparse.issparse(data):
        return np.asarray(data.getnnz(axis=1) > 0).ravel()
    return np.abs(data).sum(axis=1) > 0


def _sample(data, reduced, size, seed):
    n = reduced.shape[0]
    if n <= size:
        return data, reduced
    idx = np.sort(np.random.RandomState(seed).choice(n, size, replace=False))
    return data[idx], reduced[idx]


def _canonical(model: MixtureModel, labels: np.ndarray):
    """Drop empty topics; order the rest by size (desc), then first document."""
    k = len(model.log_prior) if model.kind == "words" else len(model.centroids)
    sizes = np.bincount(labels, minlength=k)
    first = np.full(k, len(labels))
    for c in range(k):
        hits = np.flatnonzero(labels == c)
        if len(hits):
            first[c] = hits[0]
    order = [c for c in np.lexsort((first, -sizes)) if sizes[c] > 0]
    remap = np.full(k, -1)
    remap[order] = np.arange(len(order))
    if model.kind == "words":
        new = MixtureModel("words", log_word=model.log_word[order],
                           log_prior=model.log_prior[order])
    else:
        new = MixtureModel("vectors", centroids=model.centroids[order])
    return new, remap[labels]


def _sent_at(requests, n) -> pd.Series:
    if isinstance(requests, pd.DataFrame) and "sent_at" in requests.columns:
        return pd.Series(pd.to_datetime(requests["sent_at"], utc=True).to_numpy())
    return pd.Series(pd.NaT, index=range(n), dtype="datetime64[us, UTC]")
