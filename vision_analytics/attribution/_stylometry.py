"""``AuthorshipModel``: who wrote a text, with a calibrated confidence or "unknown".

The core is the strong, well-understood baseline of authorship attribution,
character n-gram TF-IDF and a linear SVM, with three additions:

* more evidence: a word n-gram SVM and an SVM on the dense
  :class:`~vision_analytics.features.StyleFeatures` beside the character SVM,
  stacked with weights learned on held-out folds. Each weight depends on the
  text's length, because the blocks are not equally reliable on a pasted
  paragraph and on a whole memo (style statistics of 50 words are noisy);
* calibration: the stacked scores are the logits of a softmax fitted by
  held-out log-loss, on whole held-out texts *and* on their openings
  (``crop_lengths`` words), so a short text gets the flatter probabilities that
  held-out short texts earned;
* an open set: the best candidate's logit is compared with what that
  candidate's own held-out texts of the same length usually get. A text that
  fits nobody comes back ``"unknown"``.
"""

from __future__ import annotations

import re
import warnings

import numpy as np
import pandas as pd
from scipy import optimize, special, stats
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

    Three one-vs-rest :class:`~sklearn.svm.LinearSVC` blocks — character n-gram
    TF-IDF (sublinear, capped), word n-gram TF-IDF and the standardised dense
    :class:`~vision_analytics.features.StyleFeatures` — whose scores are combined
    as ``logit_k = sum_b exp(a_b + c_b * log(1 + n_words)) * score_bk`` and turned
    into probabilities by a softmax. The six numbers ``(a_b, c_b)`` are fitted by
    minimising the log-loss on held-out folds, so they both weigh the blocks and
    calibrate the probabilities, differently for short and long texts.

    **Candidates.** An author is a candidate only with at least ``min_texts``
    texts *and* ``min_words`` words in total (defaults 5 and 300: below that a
    style profile is noise, and about 20 texts of ~100 words are needed for a
    reliable one). Other authors are left out with a warning and listed in
    ``excluded_authors_``; their texts are not used.

    **Calibration rows.** ``cv`` stratified folds over the training texts; each
    held-out text is scored whole and as its opening excerpt of each length in
    ``crop_lengths`` (texts at least 1.5 times that long). The n-gram blocks are
    trained on whole texts only (training on excerpts made them worse); the
    style block also on the excerpts, so it learns how style looks in short text.

    **Open set.** The held-out logit of each text's own author is modelled as
    ``alpha + beta * log(1 + n_words) + offset[author] + noise``, the noise's
    spread also linear in ``log(1 + n_words)``. A text fits its best candidate
    when that candidate's logit is above the ``open_set_quantile`` quantile of
    this (normal) model at the text's length; otherwise :meth:`predict` says
    ``"unknown"`` (when ``open_set``). A candidate whose held-out texts all scored
    high therefore needs a high score, and vice versa.

    Parameters
    ----------
    min_texts : int, default=5
        Minimum number of texts for an author to be a candidate.
    min_words : int, default=300
        Minimum total number of words for an author to be a candidate.
    char_analyzer : {"char", "char_wb"}, default="char"
        Character n-grams across word boundaries (``"char"``) or within words.
    char_ngram_range : tuple of int, default=(2, 5)
    max_char_features : int, default=300_000
        Cap on the character vocabulary (most frequent kept).
    word_ngram_range : tuple of int, default=(1, 2)
    max_word_features : int, default=50_000
    style : bool, default=True
        Include the style block.
    C : float, default=1.0
        Regularisation of the LinearSVCs.
    cv : int, default=3
        Folds for the held-out scores (lowered to the smallest candidate's count).
    crop_lengths : tuple of int, default=(50, 150)
        Lengths in words of the opening excerpts used for calibration (and that the
        style block trains on); ``()`` uses whole texts only.
    min_confidence : float, default=0.0
        Default threshold of :meth:`predict`: below it the answer is ``"unknown"``.
    open_set : bool, default=True
        Default of :meth:`predict`: also answer ``"unknown"`` when the text does
        not fit its best candidate's profile.
    open_set_quantile : float, default=0.05
        Share of a candidate's own texts the open-set check is meant to reject.
    random_state : int, RandomState or None, default=0
        Seeds the folds.

    Attributes
    ----------
    classes_ : ndarray of str
        The candidates.
    excluded_authors_ : dict
        Authors below the minimum: ``{author: (n_texts, n_words)}``.
    blocks_ : tuple of str
        The blocks used: ``"char"``, ``"word"``, ``"style"``.
    weights_ : ndarray of shape (n_blocks, 2)
        ``(a_b, c_b)`` per block.
    top_label_ : tuple of float
        ``(A, B)``: the top probability is finally mapped through
        ``sigmoid(A * logit(p) + B)`` (fitted on the held-out rows; the ranking is
        unchanged) and the other candidates rescaled to sum to one.
    open_set_ : dict
        ``alpha``, ``beta``, ``sigma`` (intercept, slope) and ``offsets`` (one per
        class) of the open-set model.
    cv_scores_ : DataFrame
        The held-out rows: ``author``, ``n_words``, ``predicted``,
        ``probability`` (calibrated), ``crop``.

    Examples
    --------
    >>> texts = ["Thanks for the note; I'll revert shortly. Cheers, Alex"] * 6 + [
    ...          "pls call me asap!! need the numbers -- Sam"] * 6
    >>> authors = ["alex"] * 6 + ["sam"] * 6
    >>> model = AuthorshipModel(min_words=10).fit(texts, authors)
    >>> model.predict(["Thanks; I'll revert. Cheers, Alex"], open_set=False)
    array(['alex'], dtype=object)
    """

    def __init__(self, *, min_texts=5, min_words=300, char_analyzer="char",
                 char_ngram_range=(2, 5), max_char_features=300_000,
                 word_ngram_range=(1, 2), max_word_features=50_000, style=True,
                 C=1.0, cv=3, crop_lengths=(50, 150), min_confidence=0.0, open_set=True,
                 open_set_quantile=0.05, random_state=0):
        self.min_texts = min_texts
        self.min_words = min_words
        self.char_analyzer = char_analyzer
        self.char_ngram_range = char_ngram_range
        self.max_char_features = max_char_features
        self.word_ngram_range = word_ngram_range
        self.max_word_features = max_word_features
        self.style = style
        self.C = C
        self.cv = cv
        self.crop_lengths = crop_lengths
        self.min_confidence = min_confidence
        self.open_set = open_set
        self.open_set_quantile = open_set_quantile
        self.random_state = random_state

    # ------------------------------------------------------------------ fit
    def fit(self, X, y):
        """Learn the candidates' styles, the stacking/calibration and the profiles.

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
        rows, labels, groups, crops = self._augment(texts, authors)
        groups, crops = np.asarray(groups), np.asarray(crops, dtype=bool)
        self.classes_ = np.asarray(sorted(set(authors)), dtype=object)
        y_index = np.searchsorted(self.classes_, np.asarray(labels, dtype=object))
        self._fit_features(texts, rows)
        features = self._features(rows)
        row_words = _n_words(rows)

        folds = min(self.cv, int(np.bincount(np.searchsorted(self.classes_, authors)).min()))
        splitter = StratifiedKFold(n_splits=folds, shuffle=True,
                                   random_state=rng.randint(np.iinfo(np.int32).max))
        held_out = np.zeros((len(self.blocks_), len(rows), len(self.classes_)))
        for train_texts, _ in splitter.split(np.zeros(len(authors)), authors):
            in_train = np.isin(groups, train_texts)
            svms = self._fit_svms(features, y_index, in_train, crops)
            held_out[:, ~in_train] = self._block_scores(
                svms, {b: m[~in_train] for b, m in features.items()})

        self.weights_ = _fit_weights(held_out, y_index, row_words)
        logits = _combine(held_out, row_words, self.weights_)
        self.open_set_ = self._fit_open_set(logits, y_index, row_words)
        self.svms_ = self._fit_svms(features, y_index, np.ones(len(rows), dtype=bool), crops)

        self.top_label_ = _fit_top_label(special.softmax(logits, axis=1), y_index)
        proba = self._proba(logits)
        self.cv_scores_ = pd.DataFrame({
            "author": np.asarray(labels, dtype=object),
            "n_words": row_words.astype(int),
            "predicted": self.classes_[proba.argmax(axis=1)],
            "probability": proba.max(axis=1),
            "crop": crops,
        })
        self.n_features_in_ = 1
        return self

    # -------------------------------------------------------------- predict
    def decision_function(self, X) -> np.ndarray:
        """The stacked logits, one column per candidate (softmax gives the probabilities)."""
        check_is_fitted(self, "svms_")
        texts = text_column(X, None, owner="AuthorshipModel").tolist()
        return self._logits(texts)

    def predict_proba(self, X) -> np.ndarray:
        """Calibrated probability of each candidate (columns follow ``classes_``)."""
        return self._proba(self.decision_function(X))

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
        check_is_fitted(self, "svms_")
        texts = text_column(X, None, owner="AuthorshipModel")
        logits = self._logits(texts.tolist())
        proba = self._proba(logits)
        n_words = _n_words(texts.tolist())
        fits = logits >= self._profile_floor(n_words)
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
    def _proba(self, logits: np.ndarray) -> np.ndarray:
        return _recalibrate_top(special.softmax(logits, axis=1), self.top_label_)

    def _logits(self, texts: list[str]) -> np.ndarray:
        scores = self._block_scores(self.svms_, self._features(texts))
        return _combine(scores, _n_words(texts), self.weights_)

    def _assess(self, X) -> pd.DataFrame:
        check_is_fitted(self, "svms_")
        texts = text_column(X, None, owner="AuthorshipModel").tolist()
        logits = self._logits(texts)
        proba = self._proba(logits)
        best = proba.argmax(axis=1)
        at = np.arange(len(texts))
        floor = self._profile_floor(_n_words(texts))[at, best]
        return pd.DataFrame({
            "candidate": self.classes_[best],
            "probability": proba[at, best],
            "fits_profile": logits[at, best] >= floor,
        })

    def _profile_floor(self, n_words: np.ndarray) -> np.ndarray:
        """Lowest logit a candidate's own text of this length usually gets."""
        p = self.open_set_
        z = stats.norm.ppf(1.0 - self.open_set_quantile)
        log_n = np.log1p(n_words)
        base = p["alpha"] + p["beta"] * log_n
        sigma = np.maximum(p["sigma"][0] + p["sigma"][1] * log_n, 1e-6)
        return (base - z * sigma)[:, None] + p["offsets"][None, :]

    def _fit_open_set(self, logits, y_index, n_words) -> dict:
        own = logits[np.arange(len(y_index)), y_index]
        design = np.column_stack([np.ones_like(n_words), np.log1p(n_words)])
        (alpha, beta), *_ = np.linalg.lstsq(design, own, rcond=None)
        residual = own - design @ np.array([alpha, beta])
        k = len(self.classes_)
        sums = np.bincount(y_index, weights=residual, minlength=k)
        counts = np.bincount(y_index, minlength=k)
        # Shrink each author's offset towards 0: few texts, little trust.
        offsets = sums / (counts + 5.0)
        spread = np.abs(residual - offsets[y_index])
        # The spread depends on length too (short texts scatter more):
        # sigma(n) = sqrt(pi / 2) * E|residual| given log(1 + n), fitted linearly.
        (s0, s1), *_ = np.linalg.lstsq(design, spread * np.sqrt(np.pi / 2), rcond=None)
        return {"alpha": float(alpha), "beta": float(beta),
                "sigma": (float(s0), float(s1)), "offsets": offsets}

    def _fit_svms(self, features, y_index, in_train, crops) -> dict:
        svms = {}
        for block, matrix in features.items():
            # n-gram blocks learn from whole texts only; style also from excerpts
            rows = in_train if block == "style" else in_train & ~crops
            svms[block] = LinearSVC(
                C=self.C, tol=0.1, random_state=0, max_iter=2000,
            ).fit(matrix[rows], y_index[rows])
        return svms

    def _block_scores(self, svms, features) -> np.ndarray:
        out = []
        for block in self.blocks_:
            scores = svms[block].decision_function(features[block])
            if scores.ndim == 1:  # two candidates
                scores = np.column_stack([-scores, scores]) / 2.0
            out.append(scores)
        return np.stack(out)

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
        self.blocks_ = ("char", "word", "style") if self.style else ("char", "word")
        if self.style:
            self.style_ = StyleFeatures().fit(texts)
            self.style_scaler_ = StandardScaler().fit(self.style_.transform_dense(rows))

    def _features(self, texts) -> dict:
        features = {"char": self.char_vectorizer_.transform(texts),
                    "word": self.word_vectorizer_.transform(texts)}
        if self.style:
            dense = self.style_scaler_.transform(self.style_.transform_dense(texts))
            features["style"] = np.clip(dense, -5.0, 5.0)
        return features

    def _augment(self, texts, authors):
        """Whole texts, then the opening ``length`` words of each long-enough text.

        Openings rather than random windows: a text's opening (greeting, lead
        sentence) is its most formulaic and hardest-to-attribute part, so the
        confidence learned on it is the cautious one.
        """
        rows, labels, groups = list(texts), list(authors), list(range(len(texts)))
        crops = [False] * len(texts)
        for length in self.crop_lengths:
            for i, text in enumerate(texts):
                spans = _word_spans(text)
                if len(spans) < length * 1.5:
                    continue
                rows.append(text[: spans[length - 1][1]])
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
        if not isinstance(self.style, bool | np.bool_):
            fail("style", "a bool")
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

def _combine(scores: np.ndarray, n_words: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """``sum_b exp(a_b + c_b * log(1 + n)) * scores_b`` — the stacked logits."""
    log_n = np.log1p(n_words)
    scale = np.exp(weights[:, :1] + weights[:, 1:] * log_n[None, :])  # (blocks, n)
    return np.einsum("bn,bnk->nk", scale, scores)


def _fit_weights(scores: np.ndarray, y_index: np.ndarray, n_words: np.ndarray) -> np.ndarray:
    """Block weights ``(a_b, c_b)`` minimising the held-out log-loss."""
    n_blocks = scores.shape[0]
    log_n = np.log1p(n_words)
    centre = float(log_n.mean())
    rows = np.arange(len(y_index))

    def loss(flat):
        params = flat.reshape(n_blocks, 2)
        scale = np.exp(params[:, :1] + params[:, 1:] * (log_n[None, :] - centre))
        logits = np.einsum("bn,bnk->nk", scale, scores)
        nll = np.mean(special.logsumexp(logits, axis=1) - logits[rows, y_index])
        return float(nll + 1e-4 * np.sum(flat ** 2))  # keeps a useless block's weight finite

    start = np.zeros(2 * n_blocks)
    best = optimize.minimize(loss, start, method="L-BFGS-B")
    params = best.x.reshape(n_blocks, 2)
    params[:, 0] -= params[:, 1] * centre
    return params


def _fit_top_label(proba: np.ndarray, y_index: np.ndarray) -> tuple[float, float]:
    """``(A, B)`` of ``P(top is right) = sigmoid(A * logit(p_top) + B)`` on held-out rows.

    The softmax fitted by log-loss spreads the top probability too far (too sure
    near 1, too shy in the middle); this monotone map on the top label fixes the
    shape without changing the ranking.
    """
    top = proba.max(axis=1)
    right = (proba.argmax(axis=1) == y_index).astype(float)
    if right.min() == right.max():
        return (1.0, 0.0)
    z = special.logit(np.clip(top, 1e-6, 1 - 1e-6))

    def loss(params):
        q = special.expit(params[0] * z + params[1])
        q = np.clip(q, 1e-12, 1 - 1e-12)
        return float(-np.mean(right * np.log(q) + (1 - right) * np.log(1 - q)))

    best = optimize.minimize(loss, np.array([1.0, 0.0]), method="L-BFGS-B",
                             bounds=[(0.05, 20.0), (-20.0, 20.0)])
    return (float(best.x[0]), float(best.x[1]))


def _recalibrate_top(proba: np.ndarray, params: tuple[float, float]) -> np.ndarray:
    """Map the top probability through the top-label calibration; rescale the rest."""
    a, b = params
    at = np.arange(len(proba))
    best = proba.argmax(axis=1)
    top = proba[at, best]
    new_top = special.expit(a * special.logit(np.clip(top, 1e-6, 1 - 1e-6)) + b)
    rest = np.clip(1.0 - top, 1e-12, None)
    second = np.sort(proba, axis=1)[:, -2] if proba.shape[1] > 1 else np.zeros(len(proba))
    # the top class stays on top: new_top >= second * (1 - new_top) / rest
    new_top = np.maximum(new_top, second / (rest + second))
    out = proba * ((1.0 - new_top) / rest)[:, None]
    out[at, best] = new_top
    return out / out.sum(axis=1, keepdims=True)


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
    0.45
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
    edges = np.arange(n_bins + 1) / n_bins
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
