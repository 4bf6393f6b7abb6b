"""``AuthorshipModel``: who wrote a text, with a calibrated confidence or "unknown".

The model is the strong, well-understood baseline of authorship attribution
(character n-gram TF-IDF and a linear SVM) with three additions:

* more evidence per text: word n-grams and the dense :class:`StyleFeatures`
  beside the character n-grams;
* training on short excerpts as well as whole texts (random windows of
  ``crop_lengths`` words), so that a pasted paragraph is a case the model has seen;
* honesty: the SVM scores are turned into probabilities by a temperature that
  depends on the text's length, fitted on held-out folds (short texts get flatter
  probabilities because held-out short texts were less often right), and an
  open-set check compares the best author's score with what that author's own
  held-out texts of the same length usually get. A text that fits nobody comes
  back ``"unknown"``.
"""

from __future__ import annotations

import math
import re
import warnings

import numpy as np
import pandas as pd
from scipy import optimize, sparse, special, stats
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.model_selection import StratifiedKFold
from sklearn.preprocessing import StandardScaler
from sklearn.svm import LinearSVC
from sklearn.utils import check_random_state
from sklearn.utils.validation import check_is_fitted

from ..features import StyleFeatures, text_column

__all__ = ["UNKNOWN", "AuthorshipModel", "expected_calibration_error", "reliability_table"]

#: The label :meth:`AuthorshipModel.predict` gives a text that fits no candidate.
UNKNOWN = "unknown"

_WORD = re.compile(r"[A-Za-z0-9]+(?:['\u2019][A-Za-z]+)*")


def _word_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _WORD.finditer(text)]


def _n_words(texts) -> np.ndarray:
    return np.asarray([len(_WORD.findall(t)) for t in texts], dtype=np.float64)


class AuthorshipModel(ClassifierMixin, BaseEstimator):
    """Calibrated authorship attribution with an "unknown / none of these" outcome.

    Features: character n-gram TF-IDF (sublinear, capped), word n-gram TF-IDF and
    the standardised dense :class:`~vision_analytics.features.StyleFeatures`,
    side by side; classifier: one-vs-rest :class:`~sklearn.svm.LinearSVC`.

    **Candidates.** An author is a candidate only with at least ``min_texts``
    texts *and* ``min_words`` words in total (defaults 5 and 300: below that a
    style profile is noise). Other authors are left out with a warning and listed
    in ``excluded_authors_``; their texts are not used.

    **Calibration.** ``cv`` stratified folds of the training texts give held-out
    SVM scores for every text and for its excerpts. Probabilities are
    ``softmax(t(n) * scores)`` with ``log t(n) = a + b * log(n_words)``, ``a`` and
    ``b`` chosen to minimise the held-out log-loss. The argmax is the SVM's, so
    calibration never changes the closed-set answer.

    **Open set.** For each candidate the held-out score of its own texts is
    modelled as ``alpha + beta * log(n_words) + offset[author] + noise``. A text
    "fits" its best candidate when that candidate's score is above the
    ``open_set_quantile`` quantile of that model at the text's length.

    Parameters
    ----------
    min_texts : int, default=5
        Minimum number of texts for an author to be a candidate.
    min_words : int, default=300
        Minimum total number of words for an author to be a candidate.
    char_analyzer : {"char", "char_wb"}, default="char"
        Character n-grams across word boundaries (``"char"``) or within words.
    char_ngram_range : tuple of int, default=(2, 5)
    max_char_features : int, default=100_000
        Cap on the character vocabulary (most frequent kept).
    word_ngram_range : tuple of int, default=(1, 2)
    max_word_features : int, default=30_000
    style_weight : float, default=1.0
        Weight of the dense style block (0 leaves it out).
    C : float, default=1.0
        Regularisation of the LinearSVC.
    cv : int, default=5
        Folds for the held-out scores (lowered to the smallest candidate's count).
    crop_lengths : tuple of int, default=(50, 150)
        Lengths in words of the random excerpts added per training text (only
        for texts longer than the excerpt); ``()`` trains on whole texts only.
    min_confidence : float, default=0.0
        Default threshold of :meth:`predict`: below it the answer is ``"unknown"``.
    open_set : bool, default=True
        Default of :meth:`predict`: also answer ``"unknown"`` when the text does
        not fit its best candidate's profile.
    open_set_quantile : float, default=0.05
        Share of a candidate's own texts the open-set check would reject.
    random_state : int, RandomState or None, default=0
        Seeds the folds and the excerpts.

    Attributes
    ----------
    classes_ : ndarray of str
        The candidates.
    excluded_authors_ : dict
        Authors below the minimum: ``{author: (n_texts, n_words)}``.
    temperature_ : tuple of float
        ``(a, b)`` of the length-dependent temperature.
    open_set_ : dict
        ``alpha``, ``beta``, ``sigma`` and ``offsets`` (one per class) of the
        open-set model.
    cv_scores_ : DataFrame
        The held-out rows used for calibration: ``author``, ``n_words``,
        ``predicted``, ``probability`` (calibrated), ``crop``.

    Examples
    --------
    >>> texts = ["Thanks for the note; I'll revert shortly. Cheers, Alex"] * 6 + [
    ...          "pls call me asap!! need the numbers -- Sam"] * 6
    >>> authors = ["alex"] * 6 + ["sam"] * 6
    >>> model = AuthorshipModel(min_words=10, cv=3).fit(texts, authors)
    >>> model.predict(["Thanks; I'll revert. Cheers, Alex"], open_set=False)
    array(['alex'], dtype=object)
    """

    def __init__(self, *, min_texts=5, min_words=300, char_analyzer="char",
                 char_ngram_range=(2, 5), max_char_features=100_000,
                 word_ngram_range=(1, 2), max_word_features=30_000, style_weight=1.0,
                 C=1.0, cv=5, crop_lengths=(50, 150), min_confidence=0.0, open_set=True,
                 open_set_quantile=0.05, random_state=0):
        self.min_texts = min_texts
        self.min_words = min_words
        self.char_analyzer = char_analyzer
        self.char_ngram_range = char_ngram_range
        self.max_char_features = max_char_features
        self.word_ngram_range = word_ngram_range
        self.max_word_features = max_word_features
        self.style_weight = style_weight
        self.C = C
        self.cv = cv
        self.crop_lengths = crop_lengths
        self.min_confidence = min_confidence
        self.open_set = open_set
        self.open_set_quantile = open_set_quantile
        self.random_state = random_state

    # ------------------------------------------------------------------ fit
    def fit(self, X, y):
        """Learn the candidates' styles, the calibration and the open-set profiles.

        Parameters
        ----------
        X : list of str, Series or one-column DataFrame
            The training texts (new text only: strip quoted and forwarded parts).
        y : array-like of str
            The author of each text.

        Returns
        -------
        self
        """
        self._check_params()
        texts = text_column(X, None, owner="AuthorshipModel").tolist()
        authors = self._check_authors(y, len(texts))
        n_words = _n_words(texts)
        texts, authors, n_words = self._keep_candidates(texts, authors, n_words)
        rng = check_random_state(self.random_state)

        rows, labels, groups, crops = self._augment(texts, authors, rng)
        self.classes_ = np.asarray(sorted(set(authors)), dtype=object)
        y_index = np.searchsorted(self.classes_, np.asarray(labels, dtype=object))
        self._fit_features(texts, rows)
        features = self._features(rows)
        row_words = _n_words(rows)

        folds = min(self.cv, int(np.bincount(np.searchsorted(self.classes_, authors)).min()))
        splitter = StratifiedKFold(n_splits=folds, shuffle=True,
                                   random_state=rng.randint(np.iinfo(np.int32).max))
        held_out = np.zeros((len(rows), len(self.classes_)))
        groups = np.asarray(groups)
        for train_texts, _ in splitter.split(np.zeros(len(authors)), authors):
            in_train = np.isin(groups, train_texts)
            svm = self._svm().fit(features[in_train], y_index[in_train])
            held_out[~in_train] = self._decision(svm, features[~in_train])

        self.temperature_ = _fit_temperature(held_out, y_index, row_words)
        self.open_set_ = self._fit_open_set(held_out, y_index, row_words)
        self.svm_ = self._svm().fit(features, y_index)

        proba = _softmax(held_out, row_words, self.temperature_)
        self.cv_scores_ = pd.DataFrame({
            "author": np.asarray(labels, dtype=object),
            "n_words": row_words.astype(int),
            "predicted": self.classes_[proba.argmax(axis=1)],
            "probability": proba.max(axis=1),
            "crop": np.asarray(crops, dtype=bool),
        })
        self.n_features_in_ = 1
        return self

    # -------------------------------------------------------------- predict
    def decision_function(self, X) -> np.ndarray:
        """The SVM scores, one column per candidate (uncalibrated)."""
        check_is_fitted(self, "svm_")
        texts = text_column(X, None, owner="AuthorshipModel").tolist()
        return self._decision(self.svm_, self._features(texts))

    def predict_proba(self, X) -> np.ndarray:
        """Calibrated probability of each candidate (columns follow ``classes_``)."""
        check_is_fitted(self, "svm_")
        texts = text_column(X, None, owner="AuthorshipModel").tolist()
        scores = self._decision(self.svm_, self._features(texts))
        return _softmax(scores, _n_words(texts), self.temperature_)

    def predict(self, X, *, min_confidence=None, open_set=None) -> np.ndarray:
        """The most probable candidate, or ``"unknown"``.

        Parameters
        ----------
        X : list of str, Series or one-column DataFrame
        min_confidence : float, optional
            Answer ``"unknown"`` when the top probability is below it
            (default: the ``min_confidence`` parameter).
        open_set : bool, optional
            Answer ``"unknown"`` when the text does not fit its best candidate's
            profile (default: the ``open_set`` parameter).

        Returns
        -------
        ndarray of str
        """
        table = self._assess(X)
        threshold = self.min_confidence if min_confidence is None else min_confidence
        check_open = self.open_set if open_set is None else open_set
        unknown = table["probability"].to_numpy() < threshold
        if check_open:
            unknown |= ~table["fits_profile"].to_numpy()
        return np.where(unknown, UNKNOWN, table["candidate"].to_numpy()).astype(object)

    def score(self, X, y=None, sample_weight=None):
        """Candidates × probability for each text; with ``y``, the accuracy.

        Parameters
        ----------
        X : str, list of str, Series or one-column DataFrame
            Texts (a single str is one text). With a Series, its index names the
            texts in ``text_id`` (e.g. request ids).
        y : array-like, optional
            True authors: then, as for any scikit-learn classifier, return the mean
            accuracy of :meth:`predict` (so ``cross_val_score`` and grid searches work).
        sample_weight : array-like, optional
            Only with ``y``.

        Returns
        -------
        DataFrame or float
            Without ``y``: one row per (text, candidate), best first within a text:
            ``text_id``, ``candidate``, ``probability``, ``rank`` (1 = best),
            ``fits_profile`` (the open-set check for that candidate), ``n_words``,
            ``kind`` (``"style"``) and ``weight`` (= probability), ready to be
            joined to the evidence frame.
        """
        if y is not None:
            return super().score(X, y, sample_weight=sample_weight)
        if isinstance(X, str):
            X = [X]
        texts = text_column(X, None, owner="AuthorshipModel")
        proba = self.predict_proba(texts.tolist())
        scores = self._decision(self.svm_, self._features(texts.tolist()))
        n_words = _n_words(texts.tolist())
        fits = scores >= self._profile_floor(n_words)
        n, k = proba.shape
        order = np.argsort(-proba, axis=1, kind="stable")
        rows = np.repeat(np.arange(n), k)
        cols = order.ravel()
        frame = pd.DataFrame({
            "text_id": np.asarray(texts.index, dtype=object)[rows],
            "candidate": self.classes_[cols],
            "probability": proba[rows, cols],
            "rank": np.tile(np.arange(1, k + 1), n),
            "fits_profile": fits[rows, cols],
            "n_words": n_words[rows].astype(int),
            "kind": "style",
        })
        frame["weight"] = frame["probability"]
        return frame

    # ------------------------------------------------------------ internals
    def _assess(self, X) -> pd.DataFrame:
        check_is_fitted(self, "svm_")
        texts = text_column(X, None, owner="AuthorshipModel").tolist()
        scores = self._decision(self.svm_, self._features(texts))
        n_words = _n_words(texts)
        proba = _softmax(scores, n_words, self.temperature_)
        best = proba.argmax(axis=1)
        top = scores[np.arange(len(texts)), best]
        floor = self._profile_floor(n_words)[np.arange(len(texts)), best]
        return pd.DataFrame({
            "candidate": self.classes_[best],
            "probability": proba[np.arange(len(texts)), best],
            "fits_profile": top >= floor,
        })

    def _profile_floor(self, n_words: np.ndarray) -> np.ndarray:
        """Lowest score a candidate's own text of this length usually gets."""
        p = self.open_set_
        z = stats.norm.ppf(1.0 - self.open_set_quantile)
        base = p["alpha"] + p["beta"] * np.log1p(n_words)
        return base[:, None] + p["offsets"][None, :] - z * p["sigma"]

    def _fit_open_set(self, scores, y_index, n_words) -> dict:
        own = scores[np.arange(len(y_index)), y_index]
        design = np.column_stack([np.ones_like(n_words), np.log1p(n_words)])
        (alpha, beta), *_ = np.linalg.lstsq(design, own, rcond=None)
        residual = own - design @ np.array([alpha, beta])
        k = len(self.classes_)
        sums = np.bincount(y_index, weights=residual, minlength=k)
        counts = np.bincount(y_index, minlength=k)
        # Shrink each author's offset towards 0: few texts, little trust.
        offsets = sums / (counts + 5.0)
        spread = residual - offsets[y_index]
        sigma = float(np.sqrt(np.mean(spread ** 2))) if len(spread) else 1.0
        return {"alpha": float(alpha), "beta": float(beta), "sigma": sigma, "offsets": offsets}

    def _svm(self) -> LinearSVC:
        return LinearSVC(C=self.C, random_state=0, max_iter=5000)

    def _decision(self, svm, features) -> np.ndarray:
        scores = svm.decision_function(features)
        if scores.ndim == 1:  # two candidates
            scores = np.column_stack([-scores, scores]) / 2.0
        return scores

    def _fit_features(self, texts, rows) -> None:
        self.char_vectorizer_ = TfidfVectorizer(
            analyzer=self.char_analyzer, ngram_range=tuple(self.char_ngram_range),
            sublinear_tf=True, max_features=self.max_char_features, lowercase=False,
            dtype=np.float32,
        ).fit(texts)
        self.word_vectorizer_ = TfidfVectorizer(
            ngram_range=tuple(self.word_ngram_range), sublinear_tf=True,
            max_features=self.max_word_features, token_pattern=r"(?u)\b\w+\b",
            dtype=np.float32,
        ).fit(texts)
        self.style_ = None
        if self.style_weight:
            self.style_ = StyleFeatures().fit(texts)
            dense = self.style_.transform_dense(rows)
            self.style_scaler_ = StandardScaler().fit(dense)

    def _features(self, texts) -> sparse.csr_matrix:
        blocks = [self.char_vectorizer_.transform(texts), self.word_vectorizer_.transform(texts)]
        if self.style_ is not None:
            dense = self.style_scaler_.transform(self.style_.transform_dense(texts))
            # Each block has unit-ish norm per row; keep the style block comparable.
            dense *= self.style_weight / math.sqrt(dense.shape[1])
            blocks.append(sparse.csr_matrix(np.clip(dense, -5, 5).astype(np.float32)))
        return sparse.hstack(blocks, format="csr")

    def _augment(self, texts, authors, rng):
        rows, labels, groups, crops = list(texts), list(authors), list(range(len(texts))), [
            False] * len(texts)
        for length in self.crop_lengths:
            for i, text in enumerate(texts):
                spans = _word_spans(text)
                if len(spans) <= length * 1.5:
                    continue
                start = rng.randint(0, len(spans) - length + 1)
                rows.append(text[spans[start][0]: spans[start + length - 1][1]])
                labels.append(authors[i])
                groups.append(i)
                crops.append(True)
        return rows, labels, groups, crops

    def _keep_candidates(self, texts, authors, n_words):
        frame = pd.DataFrame({"author": authors, "words": n_words})
        totals = frame.groupby("author")["words"].agg(["size", "sum"])
        keep = (totals["size"] >= self.min_texts) & (totals["sum"] >= self.min_words)
        self.excluded_authors_ = {
            str(a): (int(r["size"]), int(r["sum"])) for a, r in totals[~keep].iterrows()
        }
        if keep.sum() < 2:
            raise ValueError(
                f"AuthorshipModel needs at least 2 candidate authors with >= {self.min_texts} "
                f"texts and >= {self.min_words} words each; got {int(keep.sum())} "
                f"(per author: {totals.astype(int).to_dict('index')}). Give more texts per "
                "author or lower min_texts / min_words."
            )
        if self.excluded_authors_:
            warnings.warn(
                f"AuthorshipModel: {len(self.excluded_authors_)} author(s) below the minimum "
                f"of {self.min_texts} texts / {self.min_words} words are not candidates: "
                f"{sorted(self.excluded_authors_)[:10]}.",
                UserWarning, stacklevel=3,
            )
        mask = frame["author"].isin(totals.index[keep]).to_numpy()
        return ([t for t, m in zip(texts, mask, strict=True) if m],
                [a for a, m in zip(authors, mask, strict=True) if m], n_words[mask])

    @staticmethod
    def _check_authors(y, n: int) -> list[str]:
        if y is None:
            raise ValueError("AuthorshipModel.fit needs y, the author of each text; got None.")
        values = list(np.asarray(y, dtype=object).ravel())
        if len(values) != n:
            raise ValueError(
                f"AuthorshipModel.fit: X has {n} texts but y has {len(values)} authors; "
                "give one author per text."
            )
        if any(_missing(v) for v in values):
            raise ValueError(
                "AuthorshipModel.fit: y contains missing authors; drop those texts first."
            )
        authors = [str(v) for v in values]
        if UNKNOWN in authors:
            raise ValueError(
                f"AuthorshipModel.fit: {UNKNOWN!r} is reserved for texts that fit no "
                "candidate and cannot be an author label; rename it."
            )
        return authors

    def _check_params(self) -> None:
        def fail(name, expected):
            raise ValueError(
                f"The {name!r} parameter of AuthorshipModel must be {expected}. "
                f"Got {getattr(self, name)!r} instead."
            )

        for name in ("min_texts", "min_words", "max_char_features", "max_word_features"):
            value = getattr(self, name)
            if not isinstance(value, int | np.integer) or value < (1 if "max" in name else 0):
                fail(name, "a positive int" if "max" in name else "an int >= 0")
        if not isinstance(self.cv, int | np.integer) or self.cv < 2:
            fail("cv", "an int >= 2")
        if self.char_analyzer not in ("char", "char_wb"):
            fail("char_analyzer", "one of 'char', 'char_wb'")
        for name in ("char_ngram_range", "word_ngram_range"):
            value = getattr(self, name)
            if not (isinstance(value, tuple | list) and len(value) == 2
                    and all(isinstance(v, int | np.integer) for v in value)
                    and 1 <= value[0] <= value[1]):
                fail(name, "a pair (min_n, max_n) with 1 <= min_n <= max_n")
        if not isinstance(self.C, int | float) or self.C <= 0:
            fail("C", "a float > 0")
        if not isinstance(self.style_weight, int | float) or self.style_weight < 0:
            fail("style_weight", "a float >= 0")
        if not all(isinstance(v, int | np.integer) and v > 0 for v in self.crop_lengths):
            fail("crop_lengths", "a tuple of positive ints (or ())")
        if not 0.0 <= self.min_confidence <= 1.0:
            fail("min_confidence", "a float in [0, 1]")
        if not 0.0 < self.open_set_quantile < 0.5:
            fail("open_set_quantile", "a float in (0, 0.5)")

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True
        tags.input_tags.one_d_array = True
        return tags


def _missing(value) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _softmax(scores: np.ndarray, n_words: np.ndarray, temperature) -> np.ndarray:
    a, b = temperature
    scale = np.exp(a + b * np.log1p(n_words))
    return special.softmax(scores * scale[:, None], axis=1)


def _fit_temperature(scores: np.ndarray, y_index: np.ndarray, n_words: np.ndarray):
    """``(a, b)`` minimising the log-loss of ``softmax(exp(a + b log(1+n)) * scores)``."""
    log_n = np.log1p(n_words)
    centre = float(log_n.mean())
    rows = np.arange(len(y_index))

    def loss(params):
        scale = np.exp(params[0] + params[1] * (log_n - centre))
        logits = scores * scale[:, None]
        return float(np.mean(special.logsumexp(logits, axis=1) - logits[rows, y_index]))

    best = optimize.minimize(loss, x0=np.array([1.0, 0.0]), method="Nelder-Mead",
                             options={"xatol": 1e-4, "fatol": 1e-7, "maxiter": 2000})
    a, b = best.x
    return (float(a - b * centre), float(b))


def expected_calibration_error(y_true, proba, classes, n_bins: int = 10) -> float:
    """Expected calibration error of the top-class probability (equal-width bins).

    Parameters
    ----------
    y_true : array-like of str
    proba : ndarray of shape (n_texts, n_classes)
    classes : array-like of str
        Column labels of ``proba``.
    n_bins : int, default=10

    Returns
    -------
    float
        ``sum_b |accuracy_b - confidence_b| * n_b / n``.

    Examples
    --------
    >>> expected_calibration_error(["a", "b"], np.array([[0.9, 0.1], [0.8, 0.2]]), ["a", "b"])
    0.35
    """
    table = reliability_table(y_true, proba, classes, n_bins=n_bins)
    n = table["count"].sum()
    if n == 0:
        return float("nan")
    gap = (table["accuracy"] - table["confidence"]).abs() * table["count"]
    return round(float(gap.sum() / n), 12)


def reliability_table(y_true, proba, classes, n_bins: int = 10) -> pd.DataFrame:
    """Per confidence bin: ``count``, mean ``confidence`` and ``accuracy`` of the top class.

    Bins are ``[0, 0.1), [0.1, 0.2), …, [0.9, 1.0]`` for ``n_bins=10``; empty bins are kept
    with ``count`` 0.
    """
    proba = np.asarray(proba, dtype=float)
    classes = np.asarray(classes, dtype=object)
    top = proba.max(axis=1)
    correct = classes[proba.argmax(axis=1)] == np.asarray(y_true, dtype=object)
    edges = np.linspace(0.0, 1.0, n_bins + 1)
    which = np.clip(np.digitize(top, edges[1:-1], right=False), 0, n_bins - 1)
    rows = []
    for b in range(n_bins):
        mask = which == b
        rows.append({
            "bin": f"[{edges[b]:.1f}, {edges[b + 1]:.1f}{']' if b == n_bins - 1 else ')'}",
            "count": int(mask.sum()),
            "confidence": float(top[mask].mean()) if mask.any() else float("nan"),
            "accuracy": float(correct[mask].mean()) if mask.any() else float("nan"),
        })
    return pd.DataFrame(rows).fillna({"confidence": 0.0, "accuracy": 0.0})
