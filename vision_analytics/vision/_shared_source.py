"""Is there a hidden shared source? A permutation test on the request stream.

Null hypothesis (H0): the order in which the customer's conversations arrive
is exchangeable — no source starts, at some point, to push one set of ideas
across otherwise unrelated topics. Under H0, shuffling whole threads in time
(requests of one thread move together, so ordinary back-and-forth bursts stay
in the null) gives the distribution of the statistic.

Statistic: for every split point ``t`` of the time-ordered requests, each
feature — a phrase of the requests' text, or "originated by X" where the
attribution found an originator other than the sender — gets an emergence
score: the surprise (in nats) of seeing so few of its occurrences before
``t``, by the Chernoff bound of the binomial tail. A new vocabulary that was
absent before and recurs after scores high; a common word whose rate wobbles
does not. Only features whose occurrences after ``t`` reach at least
``min_topic_spread`` different topic clusters count: a new vision cuts across
topics, an ordinary topic surge does not. The split's score is the sum of the
counted surprises; the statistic is the maximum over splits.

A vision is often carried by many phrases, each used only a few times, two or
three to a request: no single one is surprising, but together they are. Groups
of phrases that travel together (they meet in the same requests and share no
word) are therefore tested as one more feature each, "any of them", chosen
blind to time. A group of k independent phrases weighs sqrt(k) times its
surprise in the statistic (its phrases agree, so they are more than one piece
of evidence, yet far from k independent ones) and counts k families. A group
whose requests read unalike beyond its own words needs no spread over topics
(``min_vocabulary_spread``): a vision's asks of many kinds often share a register
that makes one topic of their own; the phrasings of one everyday ask read alike.

People write one idea in many grammatical forms ("usage-based pricing", "pricing
by usage", "usage pricing"), each too rare to count. Two word stems written side by
side (stop words left out), in either order, are therefore a feature too, a
*concept*, named by the forms the requests write it in.

A phrase whose requests after ``t`` mostly fall within one short stretch of time
(an outage's tickets, a tender's questions, with a few echoes after), or span only
a short part of the time left, does not count at that split, in the observed order
and in every permutation alike: a source keeps coming back, a burst does not.

The p-value is ``(1 + #{null >= observed}) / (1 + n_permutations)``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import pandas as pd
import snowballstemmer
from scipy import sparse
from scipy.sparse.csgraph import connected_components
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer

from ..features._stopwords import OTHER_LANGUAGE_STOP_WORDS
from ..normalize._identity import _fold

__all__ = ["SharedSourceTest", "SharedSourceResult", "contains_term", "term_pattern"]

_EMAIL_STOP = {
    "hi", "hello", "dear", "thanks", "thank", "regards", "best", "kind", "cheers", "please",
    "pls", "fyi", "fw", "fwd", "re", "sent", "subject", "cc", "team", "email", "mail", "let",
    "know", "need", "like", "would", "could", "can", "also", "just", "get", "us", "we",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today",
    "january", "february", "march", "april", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "q1", "q2", "q3", "q4",
    "tomorrow", "week", "weeks", "month", "months", "year", "asap", "soon", "attached",
    "attachment", "see", "below", "question", "questions", "quick", "ok", "okay", "yes", "no",
}
STOP_WORDS = sorted(ENGLISH_STOP_WORDS | _EMAIL_STOP | OTHER_LANGUAGE_STOP_WORDS)
# a word: a letter, then letters, digits or hyphens ("lights-out", "day-two")
TOKEN_PATTERN = r"(?u)\b[^\W\d_][\w-]{2,}\b"
# machine text: a dotted name ("java.lang.NullPointerException", "ReportWriter.java:212",
# "mail.example.com") is a code path, file or host, not words anyone chose
_DOTTED = re.compile(r"(?:(?:[^\W_][\w$-]*\.){2,}[^\W_][\w$-]*"
                     r"|[^\W_][\w$-]*\.[a-z]{2,4}\b)(?::\d+)?")
# ... and so is a status line a server printed ("HTTP 504 Gateway Timeout", "503 Service
# Unavailable"), which a ticket's follow-ups quote again and again
MACHINE_STATUS = re.compile(
    r"\bHTTP(?:/[\d.]+)?[ \t]*[1-5]\d\d\b(?:[ \t]+[A-Z][\w-]*){0,4}"
    r"|\b[45]\d\d[ \t]+(?:[A-Z][\w-]*[ \t]+){0,3}(?:Error|Timeout|Unavailable|Unauthori[sz]ed|"
    r"Forbidden|Found|Request|Gateway|Conflict|Gone)\b")


def phrase_text(text: str) -> str:
    """A text as the test reads it: lower case, dotted names and status lines left out.

    >>> phrase_text("Log excerpt: java.lang.NullPointerException at ReportWriter.java:212.")
    'log excerpt:   at  .'
    >>> phrase_text("Is this on your roadmap? E.g. lights-out planning.It is urgent.")
    'is this on your roadmap? e.g. lights-out planning.it is urgent.'
    >>> phrase_text('Users get "HTTP 504 Gateway Timeout" and 503 Service Unavailable.')
    'users get " " and  .'
    """
    return MACHINE_STATUS.sub(" ", _DOTTED.sub(" ", text)).lower()


# What the vectorizer drops between two words of a phrase: stop words, words of one or
# two letters ("AI", "at") and numbers. "anomaly detection scale" stands for "anomaly
# detection at scale" and "copilots planners" for "AI copilots for planners".
_GAP = (r"(?:[\W_]+(?:" + "|".join(sorted((re.escape(w) for w in STOP_WORDS), key=len,
                                          reverse=True))
        + r"|[^\W\d_]{1,2}|\d[\w-]*)\b)*[\W_]+")


@lru_cache(maxsize=4096)
def term_pattern(term: str) -> str:
    """A regular expression matching a phrase of the test in the text it came from.

    The test's phrases are n-grams of the words left after stop words, short words and
    numbers are dropped; in the mail they are written with those words in between.

    Examples
    --------
    >>> import re
    >>> bool(re.search(term_pattern("anomaly detection scale"),
    ...                "Do you support anomaly detection at scale?", re.IGNORECASE))
    True
    >>> bool(re.search(term_pattern("record axle"), "one record per axle"))
    True
    >>> bool(re.search(term_pattern("record axle"), "one record for the big axle"))
    False
    """
    words = [re.escape(w) for w in term.split()]
    return r"(?<![\w-])" + _GAP.join(words) + r"(?![\w-])"


def contains_term(texts: pd.Series, term: str) -> pd.Series:
    """Boolean Series: which (lower-case) texts write ``term`` (see :func:`term_pattern`).

    The pattern runs only on texts holding every word of the term: a plain substring
    test first, so a long stream costs little more than one pass per word.

    Examples
    --------
    >>> contains_term(pd.Series(["anomaly detection at scale", "detection only"]),
    ...               "anomaly detection scale").tolist()
    [True, False]
    """
    texts = texts.fillna("").astype(str)
    candidate = pd.Series(True, index=texts.index)
    for word in term.split():
        candidate &= texts.str.contains(word, regex=False)
    found = pd.Series(False, index=texts.index)
    if candidate.any():
        found[candidate] = texts[candidate].str.contains(term_pattern(term), regex=True)
    return found


# requests × features up to which the test runs on a dense matrix (40 MB)
DENSE_CELLS = 5_000_000
# above this many requests, the phrase vocabulary is chosen on a sample of this size
VOCABULARY_SAMPLE = 50_000
# equal stretches of the stream's time (a fortieth each) in which a burst's densest
# stretch is sought
PEAK_GRID = 40
# eligible phrases considered for the family score, strongest first
MAX_FAMILY_CANDIDATES = 400
# phrases (most used first) among which vocabularies are sought
MAX_VOCABULARY_PHRASES = 5000
# two stems make a concept when written at most this many words apart (stop words
# left out) within one sentence: side by side, so that a concept is one phrase in
# its forms ("pricing by usage", "usage-based pricing"), not two phrases that met
CONCEPT_WINDOW = 1
# forms (most used first) a concept is named by
MAX_CONCEPT_FORMS = 4


_SENTENCE_END = re.compile(r"[.!?;:\n]+")


def _fit_on(vectorizer, texts: list[str], sample=None):
    """Fit ``vectorizer`` on the ``sample`` rows of ``texts`` (all of them when None)
    and transform every text; an empty vocabulary raises ValueError, as in
    scikit-learn."""
    if sample is None:
        return vectorizer.fit_transform(texts)
    vectorizer.fit([texts[i] for i in sample])
    return vectorizer.transform(texts)


class Concepts:
    """Two word stems written side by side in a sentence: one idea in any form
    ("usage-based pricing", "pricing by usage", "price on usage").

    A stem is the Snowball (Porter 2) English stem of a word; a hyphenated word
    gives the stems of its parts (which also make a concept of their own). Stop
    words are left out before the distance (``window`` words at most) is counted,
    as they are from the test's phrases. A concept is named after the
    forms the requests write it in, commonest first, as phrases of the test
    (:func:`term_pattern` finds them in the mail).

    >>> concepts = Concepts()
    >>> texts = ["We want usage-based pricing.", "Can you do pricing by usage?",
    ...          "Price on usage, please.", "Pricing: the usage of the portal.",
    ...          "Invoices for March", "The portal is slow", "Renewal quote"]
    >>> X, names = concepts.fit_transform(texts, min_df=3)
    >>> names
    ['concept:price+usag']
    >>> X.toarray().ravel().tolist()
    [1.0, 1.0, 1.0, 0.0, 0.0, 0.0, 0.0]
    >>> concepts.name(names[0], X, pd.Series(texts))
    'concept:price usage|pricing usage|usage-based pricing'
    >>> sorted(concepts.words_of(names[0]))
    ['price', 'pricing', 'usage', 'usage-based']
    """

    def __init__(self, window: int = CONCEPT_WINDOW):
        self.window = window
        self._stemmer = snowballstemmer.stemmer("english")
        self._token = re.compile(TOKEN_PATTERN)
        self._stop = frozenset(STOP_WORDS)
        self._stems: dict[str, tuple[str, ...]] = {}
        self._written: dict[str, frozenset] = {}

    def _stems_of(self, word: str) -> tuple[str, ...]:
        stems = self._stems.get(word)
        if stems is None:
            parts = [p for p in word.split("-") if len(p) >= 3 and p not in self._stop]
            stems = tuple(dict.fromkeys(self._stemmer.stemWord(p) for p in parts))
            self._stems[word] = stems
        return stems

    def _sentences(self, text: str):
        """Per sentence, its words (stop words left out) with their stems."""
        for sentence in _SENTENCE_END.split(phrase_text(text)):
            words = [w for w in self._token.findall(sentence) if w not in self._stop]
            yield [(w, stems) for w in words if (stems := self._stems_of(w))]

    def _pairs(self, words):
        """(first, last, concept) for each pair of stems ``window`` words apart at most."""
        for i, (_, first) in enumerate(words):
            for j in range(i, min(len(words), i + self.window + 1)):
                for a in first:
                    for b in words[j][1]:
                        if a != b:
                            yield i, j, "+".join(sorted((a, b)))

    def analyse(self, text: str) -> list[str]:
        """The concepts a text writes."""
        return sorted({c for words in self._sentences(text) for _, _, c in self._pairs(words)})

    def fit_transform(self, texts: list[str], sample=None, min_df: int = 3,
                      max_df: float = 0.5):
        """Binary requests × concepts (columns in CSC) and their names
        ("concept:a+b"); the concepts are chosen on the ``sample`` rows when given."""
        vectorizer = CountVectorizer(binary=True, analyzer=self.analyse, min_df=min_df,
                                     max_df=max_df, dtype=np.float64)
        try:
            X = _fit_on(vectorizer, texts, sample)
        except ValueError:  # no concept in enough texts
            return sparse.csc_matrix((len(texts), 0)), []
        X = X.tocsc()
        self._written = self._words_written(texts, np.unique(X.indices),
                                            set(vectorizer.vocabulary_))
        return X, [f"concept:{c}" for c in vectorizer.get_feature_names_out()]

    def _words_written(self, texts, rows, kept: set) -> dict[str, frozenset]:
        """Per concept in ``kept``, the words its own requests (``rows``) write it
        with: "operating model" holds "operating", not the "operations" that
        shares its stem in other requests."""
        written: dict[str, set] = {}
        for row in rows:
            for words in self._sentences(str(texts[row])):
                for i, j, c in self._pairs(words):
                    if c in kept:
                        written.setdefault(c, set()).update((words[i][0], words[j][0]))
        return {c: frozenset(w) for c, w in written.items()}

    def words_of(self, name: str) -> frozenset:
        """The words a concept's own requests write it with."""
        return self._written.get(name.removeprefix("concept:"), frozenset())

    def name(self, name: str, column, texts: pd.Series) -> str:
        """"concept:" and the forms its requests (rows of ``column``) write it in,
        commonest first, as many as cover them (at most ``MAX_CONCEPT_FORMS``)."""
        rows = sparse.csc_matrix(column).indices if sparse.issparse(column) else \
            np.flatnonzero(np.asarray(column).ravel())
        pair = name.removeprefix("concept:")
        used: dict[str, set[int]] = {}
        for row in rows:
            for words in self._sentences(str(texts.iloc[row])):
                for i, j, c in self._pairs(words):
                    if c == pair:
                        form = " ".join(w for w, _ in words[i:j + 1])
                        used.setdefault(form, set()).add(int(row))
        forms, covered = [], set()
        for form in sorted(used, key=lambda f: (-len(used[f]), f)):
            if len(forms) >= MAX_CONCEPT_FORMS or len(covered) == len(rows):
                break
            if used[form] - covered:
                forms.append(form)
                covered |= used[form]
        return "concept:" + "|".join(forms) if forms else name


@dataclass
class SharedSourceResult:
    """Outcome of :class:`SharedSourceTest`.

    ``null_distribution`` holds the permuted statistics (for the evidence
    figure); ``split_time`` is when the strongest change happened; ``features``
    the emerging features at that split with their z-scores and topic spread.
    """

    statistic: float
    p_value: float
    null_distribution: np.ndarray
    n_requests: int
    n_units: int
    split_index: int | None
    split_time: pd.Timestamp | None
    features: pd.DataFrame = field(repr=False)
    reason: str = ""
    #: Family heads that are the strongest word's contexts (the phrases holding it
    #: and the rest of their sentences): they count as one family with it.
    contexts: tuple = ()
    #: Family heads that name the seller or one of its products ("Marrowgate
    #: Plumbline roadmap"): the asks ask how the seller's offer fits, whoever's plan
    #: it is. They stay features (the structure of the others is read with them)
    #: but count as no family.
    sellers: tuple = ()
    #: Family heads whose requests after the split, on their exact dates, fall
    #: within a short stretch of it (see ``min_span`` of :class:`SharedSourceTest`):
    #: a burst — a tender's questions, an outage's tickets, a deadline everyone
    #: answers — not a source that keeps pushing. They stay features but count as
    #: no family. (The same rule, read on the test's time grid, keeps a burst out
    #: of the statistic at every split: see ``min_span`` and ``max_peak_share``.)
    bursts: tuple = ()
    #: The features of a name that rose on its own and was set aside before the
    #: split was chosen, the name first (see ``set_apart`` of
    #: :class:`SharedSourceTest`): not part of the change the result reads.
    set_aside: tuple = ()

    @property
    def n_families(self) -> int:
        """Independent emerging phrases (or originators) at the split.

        A vocabulary counts as the phrases it holds only when it emerged at least
        twice as sharply as a single feature must; a weaker one counts once.
        """
        weight = self._head_weights()
        return int(weight.sum()) if weight is not None else 0

    @property
    def n_phrase_families(self) -> int:
        """The families that are more than a lone word — phrases, originators, a
        vocabulary (as the phrases it holds). A customer's everyday asks drift in
        their words; a vision brings phrases."""
        weight = self._head_weights()
        if weight is None:
            return 0
        names = self.features.loc[weight.index, "feature"].astype(str)
        word = names.str.startswith("term:") & ~names.str.slice(5).str.contains(r"[\s-]")
        if "holds_phrase" in self.features:
            # a word whose family holds the phrases around it stands for them
            word &= ~self.features.loc[weight.index, "holds_phrase"].astype(bool)
        return int(weight[~word | (weight > 1)].sum())

    def _head_weights(self) -> pd.Series | None:
        if "family_head" not in self.features:
            return None
        heads = self.features[self.features["family_head"]]
        if self.contexts or self.sellers or self.bursts:
            heads = heads[~heads["feature"].isin(self.contexts + self.sellers + self.bursts)]
        weight = heads["weight"].astype(float) if "weight" in heads else pd.Series(
            1.0, index=heads.index)
        # a head standing for a vocabulary carries its phrases' weight; one that
        # emerged weakly as a whole (some of its phrases the account's older words)
        # stands for those of its phrases that emerged on their own
        weak = (weight > 1) & (heads["surprise"] < 2 * self.min_surprise)
        emerged = heads["emerged"].astype(float) if "emerged" in heads else pd.Series(
            0.0, index=heads.index)
        return weight.where(~weak, emerged.clip(lower=1.0).clip(upper=weight))

    min_families: int = 6
    min_surprise: float = 3.0
    min_phrase_families: int = 2

    def significant(self, alpha: float) -> bool:
        """Below the level *and* carried by enough independent phrases.

        The p-value guards against chance; the family count is an effect size:
        ordinary drift in a customer's asks moves a phrase or two (or a handful of
        everyday words), a vision brings a vocabulary.
        """
        return (self.split_index is not None and self.p_value < alpha
                and self.n_families >= self.min_families
                and self.n_phrase_families >= self.min_phrase_families)


def _written_as_name(word: str, texts: pd.Series) -> bool:
    """Is ``word`` capitalised in at least half of its uses in ``texts``?"""
    written = texts.str.extract(rf"(?i)\b({re.escape(word)})\b", expand=False).dropna()
    return bool(len(written)) and bool(written.str[0].str.isupper().mean() >= 0.5)


def names_seller(term: str, seller, texts: pd.Series) -> bool:
    """Does a phrase name the seller: a word of it that begins one of the seller's
    names ("lumentra" of "lumentrasoft") and is written as a name (capitalised in
    at least half of its uses in ``texts``)?

    >>> texts = pd.Series(["Does Lumentra DockSync scale?", "the lumen count"])
    >>> names_seller("lumentra docksync", {"lumentrasoft"}, texts)
    True
    >>> names_seller("lumen count", {"lumentrasoft"}, texts)
    False
    """
    return any(len(word) >= 4 and any(name.startswith(word) for name in seller)
               and _written_as_name(word, texts) for word in term.split())


def seller_products(brands, texts: pd.Series, min_count: int = 2) -> set[str]:
    """Words written as names right after one of the seller's names as the asks
    write them (``brands``): its products, "Plumbline" of "Marrowgate Plumbline"
    (lower case). A word the asks mostly write in lower case ("Marrowgate Data",
    but "data" elsewhere) is no product.

    >>> texts = pd.Series(["The Marrowgate Plumbline roadmap?", "Marrowgate Plumbline"
    ...                    " again", "Marrowgate Data invoices", "our data"])
    >>> sorted(seller_products({"marrowgate"}, texts))
    ['plumbline']
    """
    if not brands:
        return set()
    pattern = r"\b(?i:" + "|".join(map(re.escape, sorted(brands))) + r")\s+([A-Z][\w-]+)"
    found = Counter(w for words in texts.str.findall(pattern) for w in words)
    return {w.lower() for w, n in found.items()
            if n >= min_count and w.lower() not in brands and _written_as_name(w, texts)}


class SharedSourceTest:
    """Permutation test for a hidden source shared across request topics.

    Parameters
    ----------
    n_permutations : int
        Thread-order shuffles drawn for the null distribution.
    min_surprise : float
        A feature counts at a split when so few of its occurrences fall before
        it that the chance of it is below ``exp(-min_surprise)``.
    min_count : int
        Features seen fewer times than this never count.
    min_topic_spread : int
        Topics a feature must reach after the split to count.
    min_vocabulary_spread : int
        The same for a vocabulary (see ``vocabularies``) whose requests read unalike
        beyond its own words: one topic by default. The asks a vision brings share a
        register (one pitch pasted in; pricing, roadmap and architecture questions)
        that often makes the topic model put them all in one topic, so the spread a
        lone phrase needs would hide the very vision it is there to find.
    vocabulary_max_alike : float
        Mean TF-IDF cosine of a vocabulary's requests (its own words left out) below
        which they count as unalike. Measured on development accounts: the 22 visions
        this rule brought to light 0.08–0.18 (one more vision, still missed, 0.22);
        the variants of one everyday ask (order status, a simulated null) 0.26.
    min_families : int
        Independent emerging phrases needed for a finding (an effect size on
        top of the p-value; see :meth:`SharedSourceResult.significant`).
    min_requests : int
        Fewer requests than this gives no finding ("too thin").
    vocabularies : bool
        Also test groups of phrases that travel together (see ``_vocabularies``):
        a vision carried by many phrases, each used a few times, emerges as a
        group; a group counts as many families as it holds phrases whose
        requests differ (the phrases of one recurring sentence count once).
    concepts : bool
        Also test concepts: two word stems written side by side in a sentence (stop
        words left out), in either order ("usage-based pricing", "pricing by usage",
        "usage pricing" are one concept; see :class:`Concepts`). A concept written in
        one form only is that phrase, and is left to it.
    names : iterable of str
        People's first names and surnames. A lone word that is one of them is no
        feature: a person named in the asks is an originator, which the attribution
        stage resolves and the test counts as one, and a name in a log's own
        framing ("Raised on a call with João") is nobody's vocabulary.
    seller : iterable of str
        The seller's names as its mail domains spell them ("marrowgate",
        "marrowgatedata"). A phrase holding a word that begins one of them and is
        written as a name (see :func:`names_seller`), or a product written after
        it ("Marrowgate Plumbline", see :func:`seller_products`), counts as no
        family (:attr:`SharedSourceResult.sellers`): the asks name the seller and
        its products when asking how they fit a plan, whoever's it is.
    min_span : float
        A feature counts at a split only when its requests after it spread over at
        least this share of the time from the split to the last request (from the
        tenth to the ninetieth percentile of their dates): a vision keeps coming
        back, a burst (a tender's questions in three weeks, an outage's tickets)
        does not. Read on a grid of fortieths of the stream's time at every split of
        every arrival order, so that a burst cannot draw the split away from a
        vision's onset; and again on the exact dates of the family heads at the
        split found (:attr:`SharedSourceResult.bursts`).
    peak_window, max_peak_share : float
        A phrase (or vocabulary) whose requests after the split fall, more than
        ``max_peak_share`` of them, within one stretch of ``peak_window`` of the time
        from the split to the last request is a burst too, however far a few echoes
        reach: an outage's tickets in two days and three more over the months. (An
        originator is not: a new sponsor's first rush of asks is the signal.)
    set_apart : bool
        When the strongest change is one lone word or name and its contexts (a
        company programme everyone starts to cite, "This is for Growth Engine") and,
        after the split, the other families' features are written beside it less
        than ``min_lift`` times as often as elsewhere, the name rose on its own: its
        features are set aside (:attr:`SharedSourceResult.set_aside`) and the split
        is chosen again without them, in the observed order only — when that split
        lies a tenth of the stream or more away (at the same split, the name is part
        of what changed there) and has as many families as a finding needs. A
        vision that began months before the programme is then read at its own onset. The
        permutations still read every feature, so the p-value can only grow.
    min_lift : float
        See ``set_apart``.
    random_state : int
        Seed of the permutations.

    Examples
    --------
    >>> import pandas as pd
    >>> times = pd.date_range("2024-01-01", periods=40, freq="7D", tz="UTC")
    >>> texts = [f"routine ask number {i} about invoices" for i in range(20)] + [
    ...     f"zero touch platform vision for area {i % 4}" for i in range(20)]
    >>> requests = pd.DataFrame({"sent_at": times, "text": texts,
    ...     "topic_id": [f"t{i % 4}" for i in range(40)],
    ...     "thread_id": [f"th{i}" for i in range(40)]})
    >>> result = SharedSourceTest(n_permutations=99, random_state=0).fit(requests)
    >>> result.p_value < 0.05
    True
    """

    def __init__(self, *, n_permutations=199, min_surprise=3.0, min_count=4,
                 min_topic_spread=3, min_vocabulary_spread=1, vocabulary_max_alike=0.2,
                 min_families=6, min_requests=20, vocabularies=True, concepts=True,
                 names=(), seller=(), min_span=0.25, peak_window=0.1, max_peak_share=0.5,
                 set_apart=True, min_lift=2.0, random_state=0):
        self.min_families = min_families
        self.set_apart = set_apart
        self.min_lift = min_lift
        self.min_span = min_span
        self.peak_window = peak_window
        self.max_peak_share = max_peak_share
        self.names = frozenset(_fold(str(n)) for n in names if n)
        self.seller = frozenset(str(n).lower() for n in seller if n)
        self.min_vocabulary_spread = min_vocabulary_spread
        self.vocabulary_max_alike = vocabulary_max_alike
        self.vocabularies = vocabularies
        self.concepts = concepts
        self._members = None
        self._weights = None
        self._words: list[frozenset] | None = None
        self._wording: np.ndarray | None = None
        self._time_grid: np.ndarray | None = None
        self._after_split: np.ndarray | None = None
        self._phrasal: set = set()
        self._seller_words: frozenset = frozenset()
        self._vocabulary_weights: dict[str, int] = {}
        self._concept_forms: Concepts | None = None
        self._concept_words: dict[str, frozenset] = {}
        self.n_permutations = n_permutations
        self.min_surprise = min_surprise
        self.min_count = min_count
        self.min_topic_spread = min_topic_spread
        self.min_requests = min_requests
        self.random_state = random_state

    def fit(self, requests: pd.DataFrame) -> SharedSourceResult:
        """Run the test on a requests frame.

        Needs columns ``sent_at``, ``text`` and ``topic_id``; uses ``thread_id``
        (units moved together) and ``originator`` / ``sender`` when present.
        """
        for column in ("sent_at", "text", "topic_id"):
            if column not in requests.columns:
                raise ValueError(
                    f"SharedSourceTest needs a {column!r} column in requests; columns: "
                    f"{list(requests.columns)}"
                )
        data = requests[requests["sent_at"].notna()].sort_values(
            ["sent_at"], kind="stable")
        n = len(data)
        n_topics = data["topic_id"].nunique()
        if n < self.min_requests or n_topics < self.min_topic_spread:
            return self._empty(n, f"too thin: {n} dated requests in {n_topics} topics "
                                  f"(needs {self.min_requests} in {self.min_topic_spread})")
        X, names = self._features(data)
        if X.shape[1] == 0:
            return self._empty(n, "no feature is shared by enough requests across topics")
        topics = pd.factorize(data["topic_id"].astype(str), sort=True)[0]
        need = self._spread_needed_by(data, X, names)
        X, names, self._spread_needed = self._possible(X, names, topics, need)
        self._members = _vocabulary_members(names)
        self._weights = np.array([self._vocabulary_weights.get(name, 1) for name in names])
        # the words of each term, and those a concept is written with (each form of
        # its stems), to tell which phrases hold a word; none for other features
        self._words = [frozenset(name[5:].split()) if name.startswith("term:") else
                       self._concept_words.get(name, frozenset()) for name in names]
        self._wording = np.array([not name.startswith("originator:") for name in names])
        self._time_grid = _time_grid(data["sent_at"])
        units = self._units(data)
        observed, split, z = self._statistic(X, topics, np.arange(n), weigh=True)
        # the arrival order as it was, read again without a name that rose on its own
        # (a company programme everyone starts to cite): what is left of the account's
        # change may be a vision that began before it or after it
        seen, set_aside = X, ()
        strongest = self._strongest_name(X, z, names, data["text"]) \
            if self.set_apart else None
        if strongest is not None and self._apart(X, z, *strongest):
            keep = np.ones(X.shape[1])
            keep[sorted(strongest[1])] = 0.0
            without = sparse.csr_matrix(X) @ sparse.diags(keep)
            without.eliminate_zeros()
            # the split found with every feature, should the new one not be kept
            state = (self._after_split, self._phrasal)
            own = self._statistic(without, topics, np.arange(n), weigh=True)
            # kept only when the rest of the change lies elsewhere in time (at the
            # same split the name is still part of what changed there) and is more
            # than drift (as many families as a finding needs)
            if own[1] is not None and abs(own[1] - split) >= 0.1 * n \
                    and len(own[2][2]) >= self.min_families:
                top = strongest[0]
                set_aside = (names[top],) + tuple(
                    names[j] for j in sorted(strongest[1] - {top},
                                             key=lambda j: (-z[0][j], names[j])))
                seen, (observed, split, z) = without, own
            else:
                self._after_split, self._phrasal = state
        rng = np.random.default_rng(self.random_state)
        null = np.empty(self.n_permutations)
        unit_ids, sizes = np.unique(units, return_counts=True)
        by_unit = np.argsort(units, kind="stable")
        members = np.split(by_unit, np.cumsum(sizes)[:-1])
        for b in range(self.n_permutations):
            order = np.concatenate([members[i] for i in rng.permutation(len(members))])
            null[b] = self._statistic(X, topics, order)[0]
        # every permutation reads all the features: with a name set aside, the
        # observed statistic is measured against a null at least as strong, and the
        # p-value errs on the side of no claim
        p_value = (1 + np.sum(null >= observed - 1e-12)) / (1 + self.n_permutations)
        X = seen
        contexts = self._contexts_of_strongest(X, z, names, data["text"])
        sellers = tuple(names[j] for j in z[2] if names[j].startswith(("term:", "concept:"))
                        and self._seller_words & self._words[j])
        features = pd.DataFrame({"feature": names, "surprise": z[0], "topic_spread": z[1],
                                 "family_head": np.isin(np.arange(len(names)), z[2]),
                                 "weight": [z[3].get(j, self._vocabulary_weights.get(name, 1))
                                            for j, name in enumerate(names)],
                                 "emerged": [z[4].get(j, 0) for j in range(len(names))],
                                 "holds_phrase": np.isin(np.arange(len(names)),
                                                         sorted(self._phrasal))})
        spans = self._spans(X, data["sent_at"], z[2] if split is not None else [])
        bursts = tuple(names[j] for j, span in spans.items() if span < self.min_span)
        features["span"] = pd.Series(spans, dtype=float).reindex(range(len(names)))
        features = features[features["surprise"] > 0]
        if self._concept_forms is not None:
            # a concept is shown (and read by the finding) as the forms it is written in
            shown = set(features["feature"])
            named = {name: self._concept_forms.name(name, X[:, j], data["text"])
                     for j, name in enumerate(names)
                     if name.startswith("concept:") and name in shown}
            features = features.assign(feature=features["feature"].replace(named))
            contexts, sellers, bursts = (tuple(named.get(f, f) for f in group)
                                         for group in (contexts, sellers, bursts))
        features = features.sort_values(
            ["surprise", "feature"], ascending=[False, True], kind="stable").reset_index(drop=True)
        return SharedSourceResult(
            statistic=float(observed), p_value=float(p_value), null_distribution=null,
            n_requests=n, n_units=len(unit_ids), split_index=split,
            split_time=data["sent_at"].iloc[split] if split is not None else None,
            features=features, min_families=self.min_families, min_surprise=self.min_surprise,
            contexts=contexts, sellers=sellers, bursts=bursts, set_aside=set_aside,
        )

    # -- internals ------------------------------------------------------------------------

    def _spans(self, X, times: pd.Series, heads) -> dict[int, float]:
        """For each family head, the time its requests after the split cover (from
        the tenth to the ninetieth percentile of their dates, so that one late echo
        does not stretch a burst), as a share of the time from the split to the last
        request (0 with fewer than two of them)."""
        after = self._after_split
        if not len(heads) or after is None or not after.any():
            return {}
        stamps = times.to_numpy(dtype="datetime64[ns]").astype("int64")[after].astype(float)
        window = stamps.max() - stamps.min()
        columns = X[:, list(heads)]
        columns = sparse.csc_matrix(columns[after]) if sparse.issparse(columns) \
            else sparse.csc_matrix(np.asarray(columns)[after])
        out = {}
        for k, j in enumerate(heads):
            rows = columns.indices[columns.indptr[k]:columns.indptr[k + 1]]
            low, high = np.percentile(stamps[rows], [10, 90]) if len(rows) >= 2 else (0, 0)
            out[int(j)] = float((high - low) / window) if window > 0 else 0.0
        return out

    def _strongest_name(self, X, z, names: list[str], texts=None):
        """The strongest lone word or name and the columns of its contexts (see
        :meth:`_contexts_of_strongest`), or None."""
        values, _, heads, families, _ = z
        if not heads:
            return None
        top = max(heads, key=lambda j: (values[j], -j))
        word = self._words[top]
        if families.get(top, 1) > 1 or not names[top].startswith("term:") \
                or not 1 <= len(word) <= 2:
            return None
        if len(word) == 2:
            if texts is None or not names[top][5:].replace(" ", "").isalpha():
                return None
            # "Project Lighthouse": the words the texts write as a name ("lighthouse";
            # "project" also stands in lower case for any project)
            written = pd.Series(texts).fillna("").astype(str)
            word = frozenset(w for w in word if _written_as_name(w, written))
            if not word:
                return None
        eligible = np.flatnonzero(values > 0)
        occ = X[:, eligible]
        occ = (occ.toarray() if sparse.issparse(occ) else np.asarray(occ))[self._after_split]
        occ = (occ > 0).astype(np.float64)
        inter = occ.T @ occ
        sizes = np.diag(inter)
        jaccard = inter / np.maximum(sizes[:, None] + sizes[None, :] - inter, 1)
        out = np.array([j == top or bool(word & self._words[j]) for j in eligible])
        while True:
            grown = out | (jaccard[:, out] >= 0.5).any(axis=1)
            if (grown == out).all():
                break
            out = grown
        return top, set(eligible[out].tolist())

    def _apart(self, X, z, top: int, dropped: set) -> bool:
        """Does the strongest name stand apart from the other families at the split?

        A company programme everyone starts to cite is written in the vision's asks
        and in everyday ones alike: among the requests after the split that write
        it, the other families' phrases are no more common (``min_lift`` times, at
        least) than among those that do not — or there are no other families. A
        product the vision is built on is written beside them.
        """
        others = [h for h in z[2] if h not in dropped and z[0][h] > 0]
        after = self._after_split
        if after is None:
            return False
        if not others:
            return True  # nothing else changed with it
        def rows(columns):
            part = X[:, columns]
            part = part.toarray() if sparse.issparse(part) else np.asarray(part)
            return (part > 0).any(axis=1) & after
        named, other = rows([top]), rows(others)
        rest = after & ~named
        if not named.any() or not rest.any():
            return False
        return other[named].mean() < self.min_lift * other[rest].mean()

    def _contexts_of_strongest(self, X, z, names: list[str], texts=None) -> tuple:
        """The family heads that are the contexts of the strongest lone word or name.

        One new name everyone starts to use (a company programme's: "relevant for
        Lodestar", "Lodestar going live, timing matters", "As part of Project
        Lighthouse we're reviewing every tool") rises so sharply that it alone passes
        the test; the rest of its stock sentences ("going live") then rise as
        families of their own and fill the count. The phrases holding the word (of
        a two-word name, its words written as a name in most of their uses in
        ``texts``), and whatever rises in the same requests as one of them (Jaccard
        at least 0.5 after the split), are that name's evidence.
        """
        found = self._strongest_name(X, z, names, texts)
        if found is None:
            return ()
        top, dropped = found
        return tuple(names[j] for j in z[2] if j in dropped and j != top)

    def _empty(self, n: int, reason: str) -> SharedSourceResult:
        columns = ["feature", "surprise", "topic_spread", "family_head"]
        return SharedSourceResult(0.0, 1.0, np.zeros(0), n, 0, None, None,
                                  pd.DataFrame(columns=columns), reason=reason)

    def _features(self, data: pd.DataFrame):
        texts = data["text"].fillna("").astype(str).tolist()
        n = len(texts)
        vectorizer = CountVectorizer(
            binary=True, ngram_range=(1, 3), stop_words=STOP_WORDS, min_df=3,
            max_df=0.5, token_pattern=TOKEN_PATTERN, preprocessor=phrase_text,
        )
        sample = None
        if n > VOCABULARY_SAMPLE:
            # the phrases are chosen on a seeded sample of the texts, blind to their
            # order, so the permutation test stays exact; the full n-gram vocabulary
            # of a very large stream would not fit in memory
            rng = np.random.default_rng(self.random_state)
            sample = np.sort(rng.choice(n, VOCABULARY_SAMPLE, replace=False))
        try:
            X = _fit_on(vectorizer, texts, sample)
            names = [f"term:{t}" for t in vectorizer.get_feature_names_out()]
        except ValueError:  # empty vocabulary
            X, names = sparse.csr_matrix((n, 0)), []
        if self.names and names:
            keep = [j for j, name in enumerate(names)
                    if " " in name or _fold(name[5:]) not in self.names]
            if len(keep) < len(names):
                X, names = X.tocsc()[:, keep].tocsr(), [names[j] for j in keep]
        self._seller_words = frozenset()
        if self.seller and names:
            # the seller's name and products as the asks write them (counted out of
            # the families in fit, see SharedSourceResult.sellers)
            words = {w for name in names for w in name[5:].split()
                     if len(w) >= 4 and any(n.startswith(w) for n in self.seller)}
            written = pd.Series(texts) if words else None
            theirs = {w for w in words if _written_as_name(w, written)}
            self._seller_words = frozenset(
                theirs | (seller_products(theirs, written) if theirs else set()))
        blocks, all_names = [X], list(names)
        self._concept_forms, self._concept_words = None, {}
        if self.concepts and n:
            concepts = Concepts()
            C, concept_names = concepts.fit_transform(texts, sample)
            if concept_names:
                blocks.append(C)
                all_names += concept_names
                self._concept_forms = concepts
                self._concept_words = {name: concepts.words_of(name) for name in concept_names}
        if {"originator", "sender"} <= set(data.columns):
            # who sent and who originated are compared as people where they are
            # known: a log row's reporter ("wdegraaf") is the sender's mail address
            # under another name, not someone relaying another's ask
            ids = {"originator_id", "sender_id"} <= set(data.columns)
            said = data["sender_id" if ids else "sender"].fillna("").astype(str)
            made = data["originator_id" if ids else "originator"].fillna("").astype(str)
            relayed = (made != said) & (
                ~data["originator"].fillna("").astype(str).isin(["", "unknown"]))
            origin = data["originator"].where(relayed, "")
            values = sorted(v for v in origin.unique() if v)
            if values:
                index = {v: i for i, v in enumerate(values)}
                rows = np.flatnonzero(origin.to_numpy() != "")
                cols = [index[v] for v in origin.to_numpy()[rows]]
                blocks.append(sparse.csr_matrix((np.ones(len(rows)), (rows, cols)),
                                                shape=(n, len(values))))
                all_names += [f"originator:{v}" for v in values]
        self._vocabulary_weights = {}
        if self.vocabularies and X.shape[1]:
            union, union_names, weights = _vocabularies(X.tocsc(), list(names), n)
            self._vocabulary_weights = dict(zip(union_names, weights, strict=True))
            if union_names:
                blocks.append(union)
                all_names += union_names
        X = sparse.hstack(blocks).tocsc().astype(np.float64)
        # Collapse a feature fully nested in another with the same occurrences (the
        # trigram and its bigrams): keep the longest, so one phrase counts once.
        X, all_names = _dedupe_columns(X, all_names)
        # Small problems run faster dense (no sparse overhead per split); large ones
        # only fit in memory sparse. Both compute the same counts.
        return (X.toarray() if X.shape[0] * X.shape[1] <= DENSE_CELLS else X), all_names

    def _spread_needed_by(self, data: pd.DataFrame, X, names: list[str]) -> np.ndarray:
        """Topics each feature must reach after a split.

        A vocabulary needs only ``min_vocabulary_spread`` when its requests read
        unalike once its own words are left out (mean TF-IDF cosine below
        ``vocabulary_max_alike``): asks of many kinds in one vocabulary. The variants
        of one everyday ask ("confirm the revised ship date", "tracking number",
        "unconfirmed in the portal") read alike beyond those words and need the spread
        of any phrase. Judged on the texts alone, blind to time.
        """
        need = np.full(len(names), self.min_topic_spread)
        groups = [j for j, name in enumerate(names) if name.startswith("vocabulary:")]
        if not groups or self.min_vocabulary_spread >= self.min_topic_spread:
            return need
        words = WordProfile(subject_and_text(data))
        rng = np.random.default_rng(self.random_state)
        for j in groups:
            rows = sparse.csc_matrix(X[:, [j]]).indices if sparse.issparse(X) else \
                np.flatnonzero(X[:, j])
            if len(rows) > 300:  # a sample tells how alike they are
                rows = np.sort(rng.choice(rows, 300, replace=False))
            own = " ".join(names[j].removeprefix("vocabulary:").split("|"))
            if words.alike(rows, own) < self.vocabulary_max_alike:
                need[j] = self.min_vocabulary_spread
        return need

    def _possible(self, X, names: list[str], topics: np.ndarray, need: np.ndarray):
        """Drop features no arrival order can make eligible: too rare overall, or
        in fewer topics over the whole stream than they ``need``. They
        never add to the statistic; dropping them keeps permutations cheap."""
        n_topics = int(topics.max()) + 1
        total = np.asarray(X.sum(axis=0)).ravel()
        onehot = sparse.csr_matrix((np.ones(len(topics)), (topics, np.arange(len(topics)))),
                                   shape=(n_topics, len(topics)))
        per_topic = onehot @ X
        spread = np.asarray(((per_topic.toarray() if sparse.issparse(per_topic)
                              else per_topic) > 0).sum(axis=0)).ravel()
        keep = np.flatnonzero((total >= self.min_count) & (spread >= need))
        if len(keep) == 0 or len(keep) == len(names):
            return X, names, need
        return X[:, keep], [names[j] for j in keep], need[keep]

    def _units(self, data: pd.DataFrame) -> np.ndarray:
        if "thread_id" in data.columns:
            ids = data["thread_id"].fillna("").astype(str).to_numpy().copy()
            blank = ids == ""
            ids[blank] = [f"__single{i}" for i in np.flatnonzero(blank)]
            return pd.factorize(ids)[0]
        return np.arange(len(data))

    def _statistic(self, X, topics: np.ndarray, order: np.ndarray, weigh: bool = False):
        """The test statistic for one arrival order of the requests.

        Only counts per split matter, so the rows are binned between the
        candidate splits and each bin is summed once per feature and topic (one
        sparse product): the cost is linear in the non-zeros, not in requests ×
        features × splits. ``weigh`` (the observed order only) also counts the
        phrases each family stands for.
        """
        n, n_features = X.shape
        lo = max(5, int(0.15 * n))
        hi = min(n - 5, int(0.85 * n))
        if hi <= lo:
            return 0.0, None, (np.zeros(n_features), np.zeros(n_features), [], {}, {})
        splits = np.unique(np.linspace(lo, hi, num=min(24, hi - lo + 1)).astype(int))
        n_topics = int(topics.max()) + 1
        position = np.empty(n, dtype=np.int64)
        position[order] = np.arange(n)
        # bin k holds positions [splits[k-1], splits[k]); bin 0 is before the first split
        bins = np.searchsorted(splits, position, side="right")
        n_bins = len(splits) + 1
        cells = sparse.csr_matrix((np.ones(n), (bins * n_topics + topics, np.arange(n))),
                                  shape=(n_bins * n_topics, n))
        per_cell = cells @ X
        per_cell = (per_cell.toarray() if sparse.issparse(per_cell) else per_cell).reshape(
            n_bins, n_topics, n_features)
        per_bin = per_cell.sum(axis=1)
        total = per_bin.sum(axis=0)
        before_all = np.cumsum(per_bin, axis=0)
        after_topic = np.cumsum(per_cell[::-1], axis=0)[::-1]  # bins k.. to the end
        counted = total >= self.min_count
        running = self._running_counts(X, position)
        grid = self._time_grid
        best, best_split, best_z = -np.inf, None, None
        for k, s in enumerate(splits):
            surprise = _emergence(before_all[k], total, s / n)
            spread = (after_topic[k + 1] > 0).sum(axis=0)
            eligible = counted & (spread >= self._spread_needed) & (
                surprise >= self.min_surprise)
            if running is not None and grid is not None:
                eligible &= ~self._peaked(running, eligible, int(grid[s]))
                eligible &= ~self._brief(running, eligible, int(grid[s]))
            values = np.where(eligible, surprise, 0.0)
            scoring = values
            if self._members is not None:
                # an emerging vocabulary is counted once, as the phrases it holds;
                # its phrases are still reported with their own surprise
                scoring = values.copy()
                for u, members in self._members.items():
                    if values[u] > 0:
                        scoring[members] = 0.0
                        # k phrases rising together are more than one phrase and
                        # less than k independent ones: the group weighs sqrt(k)
                        scoring[u] *= np.sqrt(self._weights[u])
            # which families hold a phrase (a word standing for the phrases around it)
            held: set | None = set() if weigh else None
            score, heads, families = _family_score(
                X, bins > k, scoring,
                weights=self._weights if weigh and self._members is not None else None,
                words=self._words, phrasal=held)
            if score > best:
                best, best_split = score, int(s)
                best_z = (values, spread, heads, families, k, held, scoring)
        if best_z is None:
            return best, best_split, (np.zeros(n_features), np.zeros(n_features), [], {}, {})
        values, spread, heads, families, k, held, scoring = best_z
        if weigh:
            self._after_split = bins > k
            self._phrasal = held
        emerged = {}
        if weigh and self._members is not None:
            # how many of a vocabulary's phrases emerged at the split on their own,
            # each with its own requests (and not as the contexts of a word that
            # rose more sharply): what a weak vocabulary still stands for
            lone = np.array([len(w) == 1 for w in self._words])
            for u, members in self._members.items():
                if values[u] > 0 and len(members):
                    own = np.where(lone, values, 0.0)
                    own[members] = values[members]
                    holding: set = set()
                    _family_score(X, bins > k, own, words=self._words, phrasal=holding)
                    # a family headed by a lone word holds the phrase as that word's
                    # context ("came up in the Lodestar stand-up"), not on its own
                    emerged[u] = sum(1 for h in holding if not lone[h])
            weak = {u: count for u, count in emerged.items()
                    if values[u] < 2 * self.min_surprise}
            if weak:
                # a weak vocabulary stands for its own emerged phrases in whichever
                # family it joins, as it does when it heads one (see _head_weights):
                # joining a sharper word lends it no strength of its own
                weights = self._weights.copy()
                for u, count in weak.items():
                    weights[u] = min(max(count, 1), weights[u])
                families = _family_score(X, bins > k, scoring, weights=weights,
                                         words=self._words)[2]
        return best, best_split, (values, spread, heads, families, emerged)


    def _running_counts(self, X, position: np.ndarray) -> np.ndarray | None:
        """Each feature's requests in the first g/``PEAK_GRID`` of the stream's time
        in this arrival order (a request takes the date of the place it arrives at),
        for g = 0 … ``PEAK_GRID`` (see :meth:`_peaked` and :meth:`_brief`)."""
        if self._wording is None or not self._wording.any() or self.max_peak_share >= 1 \
                or self._time_grid is None:
            return None
        n = X.shape[0]
        grid = self._time_grid[position]
        cells = sparse.csr_matrix((np.ones(n), (grid, np.arange(n))), shape=(PEAK_GRID, n))
        counts = cells @ X
        counts = counts.toarray() if sparse.issparse(counts) else np.asarray(counts)
        return np.vstack([np.zeros((1, X.shape[1])), np.cumsum(counts, axis=0)])

    def _brief(self, running: np.ndarray, eligible: np.ndarray, start: int) -> np.ndarray:
        """The eligible features whose requests after a split (in time cell
        ``start`` of ``PEAK_GRID``) span, from the cell of their tenth percentile to
        that of their ninetieth (both whole), less than ``min_span`` of the cells
        left: a burst (a tender's questions over three weeks), read on each arrival
        order as on the observed one. Originators too, as
        :attr:`SharedSourceResult.bursts` judges them."""
        out = np.zeros(len(eligible), dtype=bool)
        columns = np.flatnonzero(eligible)
        if not len(columns) or start >= PEAK_GRID - 1:
            return out
        after = running[start:, columns] - running[start, columns]
        total = after[-1]
        low = np.argmax(after >= 0.1 * total, axis=0)
        high = np.argmax(after >= 0.9 * total, axis=0)
        # a cell's requests may fall anywhere in it: short only if short counted
        # generously (the exact dates judge the family heads again after)
        out[columns] = high - low + 1 < self.min_span * (PEAK_GRID - start)
        return out

    def _peaked(self, running: np.ndarray, eligible: np.ndarray, start: int) -> np.ndarray:
        """The eligible phrases whose requests after a split (in time cell ``start``
        of ``PEAK_GRID``) fall, more than ``max_peak_share`` of them, within one
        stretch of ``peak_window`` of the time left: a burst (an outage's tickets, a
        tender's questions) with a few echoes, which the split must not be drawn to.
        Read on each arrival order, so that every permutation is judged as the
        observed one is. Originators are not judged: a sponsor's first rush of asks
        is the signal."""
        out = np.zeros(len(eligible), dtype=bool)
        columns = np.flatnonzero(eligible & self._wording)
        if not len(columns):
            return out
        width = max(1, int(round(self.peak_window * (PEAK_GRID - start))))
        if start >= PEAK_GRID - width:
            return out
        part = running[:, columns]
        starts = np.arange(start, PEAK_GRID - width + 1)
        densest = (part[starts + width] - part[starts]).max(axis=0)
        after = part[PEAK_GRID] - part[start]
        out[columns] = densest > self.max_peak_share * np.maximum(after, 1)
        return out


def _time_grid(times: pd.Series) -> np.ndarray | None:
    """For each request (sorted by time), its cell of ``PEAK_GRID`` equal stretches
    of the stream's time; None when the stream has no length in time."""
    stamps = times.to_numpy(dtype="datetime64[ns]").astype("int64").astype(float)
    length = stamps.max() - stamps.min() if len(stamps) else 0.0
    if length <= 0:
        return None
    cells = ((stamps - stamps.min()) / length * PEAK_GRID).astype(np.int64)
    return np.minimum(cells, PEAK_GRID - 1)


def subject_and_text(requests: pd.DataFrame) -> pd.Series:
    """Each request's subject and text, lower-cased: what is judged for how alike
    requests read."""
    subjects = requests["subject"] if "subject" in requests else \
        pd.Series("", index=requests.index)
    return (subjects.fillna("").astype(str) + "\n"
            + requests["text"].fillna("").astype(str)).str.lower()


class WordProfile:
    """The requests' words (TF-IDF), to tell how alike some of them read.

    >>> words = WordProfile(["renew the licence for site a", "renew the licence for site b",
    ...                      "amber grid and the invoice", "amber grid for a workshop"])
    >>> words.alike([0, 1], "") > words.alike([2, 3], "amber grid")
    True
    """

    def __init__(self, texts):
        from sklearn.feature_extraction.text import TfidfVectorizer

        vectorizer = TfidfVectorizer(min_df=2, stop_words="english", sublinear_tf=True)
        try:
            self.matrix = vectorizer.fit_transform(
                pd.Series(list(texts)).fillna("").astype(str).str.lower())
            self.vocabulary = vectorizer.vocabulary_
        except ValueError:  # no word in two requests
            self.matrix, self.vocabulary = None, {}

    def alike(self, rows, leave_out: str = "") -> float:
        """Mean cosine similarity between the ``rows``, the words of ``leave_out``
        (a feature's own) not counted; 1.0 when it cannot be told (fewer than
        two rows, no words)."""
        from sklearn.preprocessing import normalize

        rows = np.asarray(rows)
        if self.matrix is None or len(rows) < 2:
            return 1.0
        mask = np.ones(self.matrix.shape[1])
        mask[[self.vocabulary[w] for w in re.findall(r"\w+", leave_out.lower())
              if w in self.vocabulary]] = 0.0
        part = normalize(self.matrix[rows].multiply(mask).tocsr())
        norms = float(part.multiply(part).sum())
        total = np.asarray(part.sum(axis=0)).ravel()
        return (float(total @ total) - norms) / (len(rows) * (len(rows) - 1))


def _family_score(X, after: np.ndarray, values: np.ndarray, max_jaccard: float = 0.5,
                  weights: np.ndarray | None = None,
                  words: list[frozenset] | None = None,
                  phrasal: set | None = None) -> tuple[float, list[int], dict[int, int]]:
    """Sum of surprises over independent pieces of evidence.

    The n-grams of one recurring sentence rise together; they are one piece of
    evidence, not ten. Eligible features whose occurrences overlap (Jaccard at
    least ``max_jaccard``) with a stronger one join its family; a family counts
    once, by its strongest member. A new vocabulary of many phrases used in
    varying combinations scores as many families.

    With ``words`` (per feature, the words of a term; empty for other features), a
    phrase holding a word that rose more sharply on its own joins that word's
    family: "relevant for Lodestar", "aligning everything with Lodestar" are the
    contexts of one new name, not new phrases of their own. ``phrasal`` (a set)
    receives the heads whose family holds a phrase.

    With ``weights`` (the phrases each feature stands for), also returns how many
    phrases each family stands for: the most of any of its members (a vocabulary
    rising with the one word all its requests share is that vocabulary's many
    phrases, not one word).
    """
    chosen = np.flatnonzero(values > 0)
    if not len(chosen):
        return 0.0, [], {}
    # the strongest MAX_FAMILY_CANDIDATES only: a real account has tens; a stream of
    # many accounts may have thousands, and the overlaps are quadratic in them
    chosen = chosen[np.argsort(-values[chosen], kind="stable")][:MAX_FAMILY_CANDIDATES]
    occ = X[:, chosen]
    if sparse.issparse(occ):
        occ_after = occ.multiply(after[:, None]).tocsc()
        inter = (occ_after.T @ occ).toarray()
    else:
        occ_after = occ * after[:, None]
        inter = occ_after.T @ occ
    sizes = np.asarray(occ_after.sum(axis=0)).ravel()
    union = sizes[:, None] + sizes[None, :] - inter
    jaccard = np.divide(inter, union, out=np.zeros_like(inter), where=union > 0)
    heads: list[int] = []
    family: dict[int, int] = {}
    lone = {}
    for j in range(len(chosen)):
        joined = next((h for h in heads if jaccard[j, h] >= max_jaccard), None)
        if joined is None and words is not None and lone:
            joined = next((lone[w] for w in sorted(words[chosen[j]]) if w in lone), None)
        if joined is None:
            heads.append(j)
            family[j] = j
            if words is not None and len(words[chosen[j]]) == 1:
                lone.setdefault(next(iter(words[chosen[j]])), j)
        else:
            family[j] = joined
    if words is not None and lone:
        # a family that holds a context of a sharper lone word ("Lodestar going live"
        # in the family of "going") is that word's too
        members_of: dict[int, list[int]] = {}
        for j, f in family.items():
            members_of.setdefault(f, []).append(j)
        for h in list(heads):
            held = set().union(*(words[chosen[j]] for j in members_of[h]))
            into = min((lone[w] for w in held if w in lone and lone[w] < h), default=None)
            if into is not None and into in heads:
                heads.remove(h)
                for j in members_of.pop(h):
                    family[j] = into
    stands_for: dict[int, int] = {}
    if weights is not None:
        for j, h in family.items():
            head = int(chosen[h])
            stands_for[head] = max(stands_for.get(head, 1), int(weights[chosen[j]]))
    if phrasal is not None and words is not None:
        for j, h in family.items():
            if len(words[chosen[j]]) > 1:
                phrasal.add(int(chosen[h]))
    return float(values[chosen[heads]].sum()), [int(chosen[h]) for h in heads], stands_for


def _emergence(before: np.ndarray, total: np.ndarray, q: float) -> np.ndarray:
    """Surprise (nats) of so few occurrences before a split that holds a share q.

    The Chernoff bound of the binomial lower tail: ``c * KL(a/c || q)`` when the
    before-share ``a/c`` is below ``q``, else 0 — cheap for every feature, split
    and permutation, and exact in its limit ``-c log(1 - q)`` for ``a = 0``.
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        p = np.where(total > 0, before / np.maximum(total, 1), q)
        kl = np.where(p > 0, p * np.log(p / q), 0.0) + np.where(
            p < 1, (1 - p) * np.log((1 - p) / (1 - q)), np.log(1 / (1 - q)) * 0)
    return np.where(p < q, total * kl, 0.0)


def _dedupe_columns(X: sparse.csc_matrix, names: list[str]):
    keep, seen = [], {}
    lengths = [len(name) for name in names]
    # a concept written in one form only (in the same requests as a phrase, or as
    # another concept of that phrase) adds nothing to it
    written = {(tuple(X[:, j].indices), X[:, j].nnz) for j, name in enumerate(names)
               if name.startswith("term:")}
    for j in sorted(range(len(names)), key=lambda j: (-lengths[j], names[j])):
        col = X[:, j]
        key = (tuple(col.indices), col.nnz)
        if names[j].startswith("concept:") and (key in written or key in seen):
            continue
        if key in seen and names[j].startswith("term:") and names[seen[key]].startswith("term:") \
                and names[j][5:] in names[seen[key]][5:]:
            continue
        seen.setdefault(key, j)
        keep.append(j)
    keep.sort()
    return X[:, keep], [names[j] for j in keep]


def _phrase_words(name: str) -> frozenset:
    return frozenset(name.removeprefix("term:").replace("-", " ").split())


def _vocabularies(X: sparse.csc_matrix, names: list[str], n: int, min_phrases: int = 5,
                  min_requests: int = 10, max_share: float = 0.3, min_together: float = 0.2,
                  max_phrases: int = MAX_VOCABULARY_PHRASES):
    """Groups of phrases that travel together: a vocabulary.

    A vision is often carried by many phrases, each used a few times, two or three
    to a request: no one of them is surprising alone, the group is. Phrases
    (two words or more, in at least three requests) are linked when they share no
    word and meet in at least two requests and in ``min_together`` of the requests
    of the commoner one; each connected group of at least
    ``min_phrases`` distinct phrases in at least ``min_requests`` requests becomes one
    feature, "any of them" (a group in fewer is one recurring ask, in more than
    ``max_share`` of the requests the account's common language). Chosen without
    looking at when the requests came, so the permutation test stays exact. A group
    that holds together only through the phrases of one word is none (see
    :func:`_holds_without_hub`).

    Returns the columns, their names ("vocabulary:a|b|c") and the independent
    phrases each stands for (phrases of one recurring sentence count once).
    """
    cols = np.array([j for j, name in enumerate(names)
                     if name.startswith("term:") and (" " in name or "-" in name)], dtype=int)
    if len(cols) < min_phrases:
        return None, [], []
    df = np.asarray(X[:, cols].sum(axis=0)).ravel()
    ok = np.flatnonzero((df >= 3) & (df <= max_share * n))
    # the most used phrases when there are very many (a stream of many accounts)
    ok = ok[np.lexsort((cols[ok], -df[ok]))][:max_phrases]
    if len(ok) < min_phrases:
        return None, [], []
    cols, df = cols[ok], df[ok]
    sub = sparse.csc_matrix(X[:, cols], dtype=np.float64)
    words = [_phrase_words(names[j]) for j in cols]
    vocabulary = {w: i for i, w in enumerate(sorted(set().union(*words)))}
    rows = [k for k, ws in enumerate(words) for _ in ws]
    incidence = sparse.csr_matrix((np.ones(len(rows)), (rows, [vocabulary[w] for ws in words
                                                              for w in ws])),
                                  shape=(len(words), len(vocabulary)))
    shared = (incidence @ incidence.T).tocsr()
    # linked: met in two requests or more, and in a fair share of the commoner
    # one's (an everyday phrase that once sat beside the vision is not of it)
    together = (sub.T @ sub).tocoo()
    bar = np.maximum(2.0, min_together * np.maximum(df[together.row], df[together.col]))
    keep = (together.data >= bar) & (together.row != together.col)
    linked = sparse.csr_matrix((np.ones(int(keep.sum()), dtype=np.int8),
                               (together.row[keep], together.col[keep])),
                               shape=together.shape)
    linked = (linked.astype(np.int8) - (shared > 0).astype(np.int8) > 0).astype(np.int8)
    n_groups, labels = connected_components(linked, directed=False)

    def distinct(members: np.ndarray) -> tuple[list[int], int]:
        # distinct phrases, most used first: the n-grams of one phrase are one phrase,
        # named by its longest form
        sets = [words[m] for m in members]
        longest = [m for m, ws in zip(members, sets, strict=True)
                   if not any(ws < other for other in sets)]
        chosen, seen = [], []
        for m in sorted(longest, key=lambda m: (-df[m], names[cols[m]])):
            if any(words[m] & ws for ws in seen):
                continue
            chosen.append(m)
            seen.append(words[m])
        # phrases of one recurring sentence come and go together: one piece of
        # evidence. Count the phrases whose requests differ (Jaccard below 0.5).
        occ = sub[:, chosen]
        inter = (occ.T @ occ).toarray()
        size = df[chosen]
        jaccard = inter / np.maximum(size[:, None] + size[None, :] - inter, 1)
        independent: list[int] = []
        for k in range(len(chosen)):
            if not any(jaccard[k, h] >= 0.5 for h in independent):
                independent.append(k)
        return chosen, len(independent)

    blocks, out_names, weights = [], [], []
    for g in np.unique(labels):
        members = np.flatnonzero(labels == g)
        if len(members) < min_phrases:
            continue
        chosen, n_independent = distinct(members)
        if n_independent < min_phrases:
            continue
        if not _holds_without_hub(members, words, linked, distinct, min_phrases):
            continue
        union = (np.asarray(sub[:, chosen].sum(axis=1)).ravel() > 0).astype(np.float64)
        if not min_requests <= union.sum() <= max_share * n:
            continue
        blocks.append(sparse.csc_matrix(union[:, None]))
        out_names.append("vocabulary:" + "|".join(names[cols[m]].removeprefix("term:")
                                                  for m in chosen))
        weights.append(n_independent)
    if not blocks:
        return None, [], []
    return sparse.hstack(blocks).tocsc(), out_names, weights


def _holds_without_hub(members: np.ndarray, words: list[frozenset], linked, distinct,
                       min_phrases: int) -> bool:
    """Whether a group of linked phrases is still a vocabulary without the phrases
    of any one word that several of them hold.

    Everyday asks that each meet a stock sentence of one name ("relevant for
    Lodestar", "came up in the Lodestar stand-up"), and never one another, are linked
    only through that name's phrases: without them the group falls apart into pieces
    of fewer than ``min_phrases`` distinct phrases. The phrases of a vision meet one
    another, two or three to a request, and hold together without any one word.
    """
    counts = Counter(w for m in members for w in words[m])
    for word, count in sorted(counts.items()):
        if count < 2:
            continue
        rest = np.array([m for m in members if word not in words[m]], dtype=int)
        if len(rest) < min_phrases:
            return False
        _, pieces = connected_components(linked[rest][:, rest], directed=False)
        sizes = np.bincount(pieces)
        if not any(distinct(rest[pieces == p])[1] >= min_phrases  # largest first
                   for p in np.argsort(-sizes, kind="stable") if sizes[p] >= min_phrases):
            return False
    return True


def _vocabulary_members(names: list[str]) -> dict[int, np.ndarray] | None:
    """For each vocabulary feature, the columns of its phrases (and their n-grams)."""
    unions = [j for j, name in enumerate(names) if name.startswith("vocabulary:")]
    if not unions:
        return None
    out = {}
    for u in unions:
        phrases = [_phrase_words(p) for p in names[u].removeprefix("vocabulary:").split("|")]
        out[u] = np.array([j for j, name in enumerate(names) if name.startswith("term:")
                           and (" " in name or "-" in name)
                           and any(_phrase_words(name) & p for p in phrases)], dtype=int)
    return out
