"""``StyleFeatures``: how a text is written, as numbers (stylometry).

Content words say *what* a message is about; the habits measured here say *who*
tends to write it that way: function-word frequencies, punctuation and layout,
British or American spelling, sentence and word length, vocabulary richness and
the form of the closing line. Every rate is normalised by the text's length so
that a 60-word note and a 600-word memo are on the same scale.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.utils.validation import check_is_fitted

from .._letters import LOWER, UPPER

__all__ = ["FUNCTION_WORDS", "SPELLING_PAIRS", "StyleFeatures", "sign_off", "text_column"]

#: Common English function words (articles, pronouns, auxiliaries, prepositions,
#: conjunctions, frequent adverbs). Their rates are largely independent of topic.
FUNCTION_WORDS: tuple[str, ...] = (
    "a", "about", "above", "after", "again", "all", "also", "although", "am", "an",
    "and", "any", "are", "as", "at", "be", "because", "been", "before", "being",
    "but", "by", "can", "could", "did", "do", "does", "down", "each", "either",
    "even", "every", "for", "from", "had", "has", "have", "he", "her", "here",
    "him", "his", "how", "however", "i", "if", "in", "into", "is", "it", "its",
    "just", "may", "me", "might", "more", "most", "much", "must", "my", "no",
    "nor", "not", "now", "of", "off", "on", "once", "only", "or", "other", "our",
    "out", "over", "per", "please", "quite", "rather", "same", "shall", "she",
    "should", "since", "so", "some", "such", "than", "that", "the", "their",
    "them", "then", "there", "these", "they", "this", "those", "though", "through",
    "thus", "to", "too", "under", "until", "up", "upon", "us", "very", "was", "we",
    "were", "what", "when", "where", "whether", "which", "while", "who", "whom",
    "why", "will", "with", "within", "would", "yet", "you", "your",
)


def _spelling_pairs() -> tuple[tuple[str, str], ...]:
    """British/American word pairs, generated from general spelling patterns."""
    pairs: list[tuple[str, str]] = []
    # -our / -or
    for stem in ("colo", "favo", "hono", "labo", "behavio", "neighbo", "humo", "flavo",
                 "harbo", "rumo", "vapo", "endeavo", "savo", "armo", "odo", "vigo"):
        for suffix in ("ur", "urs", "ured", "uring", "urable", "urite", "urites"):
            american = stem + suffix[1:]
            pairs.append((stem + suffix, american))
    # -ise / -ize (and -isation / -ization)
    for stem in ("organ", "real", "recogn", "apolog", "priorit", "emphas", "final",
                 "summar", "util", "minim", "maxim", "optim", "author", "critic",
                 "standard", "special", "custom", "capital", "categor", "stabil",
                 "central", "normal", "modern", "character", "visual", "synchron",
                 "priorit", "familiar", "memor", "monet", "global", "legal"):
        for brit, amer in (("ise", "ize"), ("ised", "ized"), ("ises", "izes"),
                           ("ising", "izing"), ("isation", "ization"),
                           ("isations", "izations")):
            pairs.append((stem + brit, stem + amer))
    for brit, amer in (("analyse", "analyze"), ("analysed", "analyzed"),
                       ("analysing", "analyzing"), ("paralyse", "paralyze")):
        pairs.append((brit, amer))
    # -re / -er
    for stem in ("cent", "met", "theat", "lit", "fib", "calib", "spect", "somb", "lust"):
        for brit, amer in (("re", "er"), ("res", "ers"), ("red", "ered")):
            pairs.append((stem + brit, stem + amer))
    # -ence / -ense, doubled consonants, and common one-offs
    pairs += [
        ("defence", "defense"), ("licence", "license"), ("offence", "offense"),
        ("pretence", "pretense"), ("travelled", "traveled"), ("travelling", "traveling"),
        ("traveller", "traveler"), ("cancelled", "canceled"), ("cancelling", "canceling"),
        ("modelling", "modeling"), ("modelled", "modeled"), ("labelled", "labeled"),
        ("labelling", "labeling"), ("signalled", "signaled"), ("fuelled", "fueled"),
        ("fulfil", "fulfill"), ("enrol", "enroll"), ("enrolment", "enrollment"),
        ("grey", "gray"), ("catalogue", "catalog"), ("dialogue", "dialog"),
        ("analogue", "analog"), ("aluminium", "aluminum"), ("judgement", "judgment"),
        ("ageing", "aging"), ("manoeuvre", "maneuver"), ("paediatric", "pediatric"),
        ("programme", "program"), ("programmes", "programs"), ("cheque", "check"),
        ("jewellery", "jewelry"), ("plough", "plow"), ("sceptical", "skeptical"),
        ("whilst", "while"), ("amongst", "among"), ("learnt", "learned"),
        ("spelt", "spelled"), ("towards", "toward"), ("afterwards", "afterward"),
    ]
    return tuple(dict.fromkeys(pairs))


#: (British, American) spelling pairs. ``programme``/``program`` and
#: ``cheque``/``check`` count only their British side: the American forms are
#: ordinary words in British text too.
SPELLING_PAIRS: tuple[tuple[str, str], ...] = _spelling_pairs()
_BRITISH = frozenset(b for b, _ in SPELLING_PAIRS)
_AMBIGUOUS_AMERICAN = frozenset({"program", "programs", "check", "while", "among",
                                 "learned", "spelled", "toward", "afterward"})
_AMERICAN = frozenset(a for _, a in SPELLING_PAIRS) - _AMBIGUOUS_AMERICAN - _BRITISH

_WORD = re.compile(r"[A-Za-z]+(?:['\u2019][A-Za-z]+)*")
_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)")
_EM_DASH = re.compile(r"\u2014|(?<=\S) ?--- ?(?=\S)|(?<=\w) -- (?=\w)|(?<=\w)--(?=\w)")
_EN_DASH = re.compile("\u2013")
_ELLIPSIS = re.compile(r"\u2026|\.{3,}|(?:\. ){2,}\.")
_NUMBERED = re.compile(r"^\s*(?:\(?\d{1,3}[.)]|\(\d{1,3}\)|\(?[a-hA-H][.)])\s+\S")
_BULLET = re.compile(r"^\s*[-*\u2022\u00b7\u25aa\u2023>o]\s+\S")
_DOUBLE_SPACE = re.compile(r"(?<=\w[.!?]) {2}(?=\S)")
_SINGLE_SPACE = re.compile(r"(?<=\w[.!?]) (?=[A-Z])")

_SIGN_OFF_FORMS = (
    ("thanks", re.compile(r"^(?:many\s+)?(?:thanks|thank\s+you|thx|tx|tks|ty|ta)\b", re.I)),
    ("regards", re.compile(r"^(?:(?:best|kind|warm|warmest|many)\s+)?(?:regards|rgds)\b", re.I)),
    ("best", re.compile(r"^(?:best|all\s+the\s+best|best\s+wishes|bw)\b", re.I)),
    ("cheers", re.compile(r"^cheers\b", re.I)),
    ("sincerely", re.compile(r"^(?:yours\s+)?(?:sincerely|truly|faithfully)\b", re.I)),
)
#: The forms :func:`sign_off` returns, in the order of the ``style__signoff_*`` columns.
SIGN_OFF_FORMS: tuple[str, ...] = (
    *(name for name, _ in _SIGN_OFF_FORMS), "dash_name", "name", "inline", "none",
)
# a name's letters: capitals and small letters beyond ASCII (Łukasz, Zoë, Øystein)
_LETTER = f"(?:{UPPER}|{LOWER})"
_NAME_WORD = f"{UPPER}(?:{_LETTER}|['.\\-]){{0,19}}"
_NAME_LINE = re.compile(f"^{_NAME_WORD}(?: {_NAME_WORD})?$|^{UPPER}{{1,3}}$")
_DASH_NAME = re.compile(f"^[-\u2013\u2014~]+\\s*{UPPER}(?:{_LETTER}|['.]){{0,19}}$")
_INLINE = re.compile(
    r"[.!?,]\s+(?:many\s+)?(?:thanks|thank\s+you|thx|tx|regards|cheers|best)"
    f"[,.!]?\\s*(?:-\\s*)?{UPPER}(?:{_LETTER}|['.]){{0,19}}\\.?$",
    re.I,
)

_DENSE_NAMES: tuple[str, ...] = (
    "log_words", "mean_word_length", "type_token_ratio", "sentence_length_mean",
    "sentence_length_std", "line_length_mean", "line_length_std",
    "comma_rate", "period_rate", "question_rate", "exclamation_rate", "semicolon_rate",
    "colon_rate", "em_dash_rate", "en_dash_rate", "hyphen_rate", "ellipsis_rate",
    "parenthesis_rate", "quote_rate", "apostrophe_rate", "digit_rate",
    "numbered_line_share", "bulleted_line_share", "all_caps_rate", "capitalised_rate",
    "lowercase_i_rate", "lowercase_sentence_start_share", "double_space_share",
    "blank_line_share", "british_rate", "american_rate", "british_share",
    "signoff_comma",
)


def text_column(X, column: str | None, owner: str = "StyleFeatures") -> pd.Series:
    """The texts of ``X`` as a string Series, keeping the index.

    ``X`` may be a DataFrame (one text column, or pick one with ``column``), a
    Series, or a list / 1-D array of strings. Missing values become ``""``.
    """
    if isinstance(X, pd.DataFrame):
        if column is not None:
            if column not in X.columns:
                raise KeyError(
                    f"{owner}: column {column!r} not in the input. Columns in the input: "
                    f"{list(X.columns)}. Pass column=<the text column>."
                )
            series = X[column]
        elif X.shape[1] == 1:
            series = X.iloc[:, 0]
        else:
            raise ValueError(
                f"{owner} expects one text column; got a DataFrame with {X.shape[1]} "
                f"columns {list(X.columns)[:10]}. Pass column='<name>' (e.g. "
                "column='body_text') or select the column first."
            )
    elif isinstance(X, pd.Series):
        series = X
    elif isinstance(X, str):
        raise TypeError(
            f"{owner} expects a collection of texts (list, Series, DataFrame column); "
            "got a single str. Wrap it in a list: [text]."
        )
    else:
        array = np.asarray(X, dtype=object)
        if array.ndim == 2 and array.shape[1] == 1:
            array = array[:, 0]
        if array.ndim != 1:
            raise ValueError(
                f"{owner} expects a 1-D collection of texts or a DataFrame with one text "
                f"column; got an array of shape {array.shape}. Pass a list of strings "
                "or a DataFrame with column='<name>'."
            )
        series = pd.Series(array, dtype=object)
    bad = [v for v in series.head(1000) if not (isinstance(v, str) or _is_missing(v))]
    if bad:
        raise TypeError(
            f"{owner} expects text values (str, or missing); got {type(bad[0]).__name__} "
            f"value {bad[0]!r}. Convert the column to strings or pass the text column."
        )
    return series.astype(object).where(series.notna(), "").astype(str)


def _is_missing(value) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def sign_off(text: str) -> str:
    """The form of a text's closing line.

    Returns one of ``"thanks"``, ``"regards"``, ``"best"``, ``"cheers"``,
    ``"sincerely"`` (a closing word on its own line, perhaps followed by a
    name), ``"dash_name"`` (``-Andy``), ``"name"`` (only a name or initials),
    ``"inline"`` (the closing word ends the last sentence: ``… improve. Tx, Rick``)
    or ``"none"``.

    Examples
    --------
    >>> sign_off("Can we meet on Friday?\\n\\nThanks,\\nDana")
    'thanks'
    >>> sign_off("Anytime after 4:00 PM.\\n\\n-Andy")
    'dash_name'
    >>> sign_off("Anytime after 4:00 PM.\\n\\n-Øystein"), sign_off("Done.\\n\\nŁukasz Wójcik")
    ('dash_name', 'name')
    >>> sign_off("Please send the figures.")
    'none'
    """
    return _sign_off(text)[0]


def _sign_off(text: str) -> tuple[str, bool]:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    if not lines:
        return "none", False
    tail = lines[-3:]
    for line in reversed(tail):
        for name, pattern in _SIGN_OFF_FORMS:
            match = pattern.match(line)
            if match and len(line) <= 40:
                rest = line[match.end():]
                return name, rest.lstrip().startswith(",")
    last = lines[-1]
    if _DASH_NAME.match(last):
        return "dash_name", False
    if len(lines) > 1 and _NAME_LINE.match(last):
        return "name", False
    if _INLINE.search(last):
        return "inline", "," in last[-25:]
    return "none", False


def _style_row(text: str, function_words: tuple[str, ...]) -> list[float]:
    words = _WORD.findall(text)
    n_words = len(words)
    per_word = 1.0 / max(n_words, 1)
    n_chars = max(len(text), 1)
    lower = [w.lower() for w in words]
    counts = Counter(lower)

    sentences = [s for s in _SENTENCE_END.split(text) if _WORD.search(s)]
    sentence_lengths = [len(_WORD.findall(s)) for s in sentences] or [0]
    raw_lines = text.splitlines()
    lines = [line for line in raw_lines if line.strip()]
    line_lengths = [len(line.rstrip()) for line in lines] or [0]

    starts = [s.strip()[:1] for s in sentences if s.strip()]
    letter_starts = [c for c in starts if c.isalpha()]
    double = len(_DOUBLE_SPACE.findall(text))
    single = len(_SINGLE_SPACE.findall(text))
    british = sum(counts[w] for w in _BRITISH if w in counts)
    american = sum(counts[w] for w in _AMERICAN if w in counts)
    form, comma = _sign_off(text)

    dense = [
        math.log1p(n_words),
        float(np.mean([len(w) for w in words])) if words else 0.0,
        _mattr(lower),
        float(np.mean(sentence_lengths)),
        float(np.std(sentence_lengths)),
        float(np.mean(line_lengths)),
        float(np.std(line_lengths)),
        text.count(",") * per_word,
        text.count(".") * per_word,
        text.count("?") * per_word,
        text.count("!") * per_word,
        text.count(";") * per_word,
        text.count(":") * per_word,
        len(_EM_DASH.findall(text)) * per_word,
        len(_EN_DASH.findall(text)) * per_word,
        len(re.findall(r"(?<=\w)-(?=\w)", text)) * per_word,
        len(_ELLIPSIS.findall(text)) * per_word,
        text.count("(") * per_word,
        (text.count('"') + text.count("\u201c") + text.count("\u201d")) * per_word,
        (text.count("'") + text.count("\u2019")) * per_word,
        sum(c.isdigit() for c in text) / n_chars,
        sum(bool(_NUMBERED.match(line)) for line in lines) / max(len(lines), 1),
        sum(bool(_BULLET.match(line)) for line in lines) / max(len(lines), 1),
        sum(len(w) >= 2 and w.isupper() for w in words) * per_word,
        sum(w[:1].isupper() for w in words) * per_word,
        sum(w == "i" for w in words) * per_word,
        sum(c.islower() for c in letter_starts) / max(len(letter_starts), 1),
        double / max(double + single, 1),
        sum(not line.strip() for line in raw_lines) / max(len(raw_lines), 1),
        british * per_word,
        american * per_word,
        (british + 0.5) / (british + american + 1.0),
        float(comma),
    ]
    signoff = [float(form == name) for name in SIGN_OFF_FORMS]
    fw = [counts[w] * per_word for w in function_words]
    return dense + signoff + fw


def _mattr(tokens: list[str], window: int = 50) -> float:
    """Moving-average type/token ratio: unlike the plain ratio, not length-bound."""
    if not tokens:
        return 0.0
    if len(tokens) <= window:
        return len(set(tokens)) / len(tokens)
    window_counts = Counter(tokens[:window])
    total = len(window_counts)
    for i in range(window, len(tokens)):
        window_counts[tokens[i]] += 1
        old = tokens[i - window]
        window_counts[old] -= 1
        if window_counts[old] == 0:
            del window_counts[old]
        total += len(window_counts)
    return total / (len(tokens) - window + 1) / window


class StyleFeatures(TransformerMixin, BaseEstimator):
    """Stylometric features of texts: DataFrame in, DataFrame out.

    Columns are named ``style__{feature}``; the index of the input is kept.

    * layout and punctuation, per word: ``comma_rate``, ``em_dash_rate``
      (``—`` or a spaced/joined ``--``), ``en_dash_rate``, ``ellipsis_rate``,
      ``exclamation_rate``, ``semicolon_rate``, ``all_caps_rate`` (words of two or
      more capitals), …; per line: ``numbered_line_share``,
      ``bulleted_line_share``, ``line_length_mean``/``std``; per sentence end:
      ``double_space_share`` (two spaces after a full stop).
    * spelling: ``british_rate``/``american_rate`` per word over
      :data:`SPELLING_PAIRS` (-our/-or, -ise/-ize, -re/-er, …) and
      ``british_share`` (0.5 when neither occurs).
    * length and vocabulary: ``log_words``, ``mean_word_length``,
      ``sentence_length_mean``/``std`` (words), ``type_token_ratio`` (moving
      average over 50-word windows, so it does not shrink with length).
    * sign-off: one-hot ``signoff_{form}`` for the forms of :func:`sign_off`, and
      ``signoff_comma`` (``Thanks,`` rather than ``Thanks``).
    * function words: ``fw_{word}``, the rate per word of each function word.
    * optionally (``char_ngrams=True``) a sparse block ``char__{ngram}`` of
      character n-gram TF-IDF weights (sparse pandas columns).

    Parameters
    ----------
    column : str, optional
        The text column when a DataFrame with several columns is given.
    function_words : list of str, optional
        Function words to count; by default :data:`FUNCTION_WORDS`.
    char_ngrams : bool, default=False
        Add the character n-gram TF-IDF block.
    ngram_range : tuple of int, default=(2, 4)
        n-gram lengths of the character block.
    max_char_features : int, default=2000
        The most frequent n-grams kept in the character block.

    Attributes
    ----------
    feature_names_out_ : ndarray of str
        The output column names.
    char_vectorizer_ : TfidfVectorizer or None
        The fitted character n-gram vectoriser (``char_ngrams=True``).

    Examples
    --------
    >>> import pandas as pd
    >>> texts = pd.Series(["Thanks for the colour chart\u2014lovely!\\n\\nCheers,\\nAlex",
    ...                    "Please see the color chart.\\n\\nThanks,\\nSam"], index=["m1", "m2"])
    >>> out = StyleFeatures().fit_transform(texts)
    >>> columns = ["style__em_dash_rate", "style__british_share", "style__signoff_cheers"]
    >>> out[columns].round(2)
        style__em_dash_rate  style__british_share  style__signoff_cheers
    m1                 0.12                  0.75                    1.0
    m2                 0.00                  0.25                    0.0
    """

    def __init__(self, *, column=None, function_words=None, char_ngrams=False,
                 ngram_range=(2, 4), max_char_features=2000):
        self.column = column
        self.function_words = function_words
        self.char_ngrams = char_ngrams
        self.ngram_range = ngram_range
        self.max_char_features = max_char_features

    def fit(self, X, y=None):
        """Check the parameters and, with ``char_ngrams``, learn the n-gram vocabulary.

        Parameters
        ----------
        X : DataFrame, Series or list of str
            The texts.
        y : None
            Ignored.

        Returns
        -------
        self
        """
        self._check_params()
        texts = text_column(X, self.column)
        words = self._function_words()
        names = [f"style__{n}" for n in _DENSE_NAMES]
        names += [f"style__signoff_{form}" for form in SIGN_OFF_FORMS]
        names += [f"style__fw_{w}" for w in words]
        self.char_vectorizer_ = None
        if self.char_ngrams:
            self.char_vectorizer_ = TfidfVectorizer(
                analyzer="char", ngram_range=tuple(self.ngram_range), sublinear_tf=True,
                max_features=self.max_char_features, lowercase=False, dtype=np.float64,
            ).fit(texts.tolist())
            names += [f"style__char__{g}" for g in self.char_vectorizer_.get_feature_names_out()]
        self.n_features_in_ = 1
        self.feature_names_out_ = np.asarray(names, dtype=object)
        return self

    def transform(self, X):
        """Compute the features.

        Parameters
        ----------
        X : DataFrame, Series or list of str
            The texts.

        Returns
        -------
        DataFrame
            One row per text (index kept), columns ``style__*``.
        """
        check_is_fitted(self, "feature_names_out_")
        texts = text_column(X, self.column)
        dense = self.transform_dense(texts)
        frame = pd.DataFrame(dense, index=texts.index,
                             columns=self.feature_names_out_[: dense.shape[1]].tolist())
        if self.char_vectorizer_ is not None:
            block = self.char_vectorizer_.transform(texts.tolist())
            sparse = pd.DataFrame.sparse.from_spmatrix(
                block, index=texts.index,
                columns=self.feature_names_out_[dense.shape[1]:].tolist(),
            )
            frame = pd.concat([frame, sparse], axis=1)
        return frame

    def transform_dense(self, texts: Iterable[str]) -> np.ndarray:
        """The dense features (no character block) as a float array, for models."""
        check_is_fitted(self, "feature_names_out_")
        words = self._function_words()
        rows = [_style_row(t, words) for t in texts]
        width = len(_DENSE_NAMES) + len(SIGN_OFF_FORMS) + len(words)
        return np.asarray(rows, dtype=np.float64).reshape(len(rows), width)

    def get_feature_names_out(self, input_features=None):
        """The output column names, ``style__{feature}``."""
        check_is_fitted(self, "feature_names_out_")
        return self.feature_names_out_.copy()

    def _function_words(self) -> tuple[str, ...]:
        if self.function_words is None:
            return FUNCTION_WORDS
        return tuple(dict.fromkeys(str(w).lower() for w in self.function_words))

    def _check_params(self) -> None:
        if self.function_words is not None and (
            isinstance(self.function_words, str) or not len(self.function_words)
        ):
            raise ValueError(
                "The 'function_words' parameter of StyleFeatures must be a non-empty list "
                f"of words or None. Got {self.function_words!r} instead."
            )
        if not isinstance(self.char_ngrams, bool | np.bool_):
            raise TypeError(
                "The 'char_ngrams' parameter of StyleFeatures must be a bool. "
                f"Got {self.char_ngrams!r} instead."
            )
        rng = self.ngram_range
        if not (isinstance(rng, tuple | list) and len(rng) == 2
                and all(isinstance(v, int | np.integer) for v in rng) and 1 <= rng[0] <= rng[1]):
            raise ValueError(
                "The 'ngram_range' parameter of StyleFeatures must be a pair (min_n, max_n) "
                f"with 1 <= min_n <= max_n. Got {rng!r} instead."
            )
        if not isinstance(self.max_char_features, int | np.integer) or self.max_char_features < 1:
            raise ValueError(
                "The 'max_char_features' parameter of StyleFeatures must be a positive "
                f"int. Got {self.max_char_features!r} instead."
            )

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True
        tags.input_tags.one_d_array = True
        tags.requires_fit = True
        return tags
