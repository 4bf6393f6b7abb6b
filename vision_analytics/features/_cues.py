"""``RequestCueFeatures``: what kind of ask a text makes, as counts of cue phrases.

Six families of cues, each a list of general regular expressions (not tied to
any one sender's wording): questions asked, what-if / pricing scenarios,
long-horizon vision language, urgency, budget / approval / sponsorship, and
references to someone else behind the ask ("my boss", "leadership wants",
"per Dana's note"). Each is counted per sentence, or as a rate per 100 words,
over the first ``MAX_SCAN_CHARS`` characters of the text.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

from ..normalize._requests import is_question, split_sentences
from ..normalize._threads import fallback_new_text
from ._style import text_column

__all__ = ["CUE_PATTERNS", "RequestCueFeatures"]

_ROLE = (r"(?:ceo|cio|cto|cfo|coo|cmo|ciso|vp|svp|evp|president|chair(?:man|woman)?|director|"
         r"head of [a-z]+|chief [a-z]+ officer|manager|boss|leadership|management|board|"
         r"executives?|exec team|executive team|steering committee|sponsor|owner|architects?|"
         r"it (?:team|department|group|organi[sz]ation)|procurement|finance|legal)")

#: Cue family → regular expressions (case-insensitive), counted once per sentence.
CUE_PATTERNS: dict[str, tuple[str, ...]] = {
    "what_if": (
        r"\bwhat if\b",
        r"\bwhat (?:would|will|does|did) (?:it|this|that|the \w+) (?:cost|look like|take|mean|"
        r"save|change)\b",
        r"\bhow much (?:would|will|does|could|is|are)\b",
        r"\bscenarios?\b",
        r"\b(?:price|cost|quote|estimate)s? (?:it |this |that |them )?(?:out |for |of |if |to )",
        r"\bpricing (?:for|on|options?|model|scenario)\b",
        r"\bif we (?:were to|went|increase|increased|double|doubled|add|added|move|moved|"
        r"extend|extended|switch|switched|cut|drop|dropped|expand|expanded)\b",
        r"\b(?:suppose|supposing|assuming|hypothetically)\b",
        r"\bsensitivity\b",
        r"\b(?:alternatives?|options?) (?:for|to|with)\b",
        r"\bwould (?:it|that|this) be (?:cheaper|possible|feasible|more expensive)\b",
    ),
    "vision": (
        r"\b(?:two|three|four|five|ten|\d{1,2})[- ](?:year|yr)s?\b",
        r"\bmulti-?year\b",
        r"\blong[- ](?:term|range|horizon)\b",
        r"\broad ?maps?\b",
        r"\b(?:future|target|end|desired) state\b",
        r"\btransform(?:ation|ational|ing)?\b",
        r"\bstrateg(?:y|ies|ic|ically)\b",
        r"\bvision\b",
        r"\bnext[- ]generation\b|\bnext[- ]gen\b",
        r"\bmoderni[sz](?:e|ation|ing)\b",
        r"\bblueprint\b|\bnorth star\b|\bjourney\b",
        r"\bover the (?:next|coming) (?:few |several |\d+ )?years\b",
        r"\bby (?:20[2-9]\d|fy ?\d{2,4})\b",
        r"\benterprise[- ]wide\b|\bcompany[- ]wide\b|\bglobal (?:rollout|standard)\b",
    ),
    "urgency": (
        r"\burgent(?:ly)?\b|\basap\b|\bas soon as (?:possible|you can)\b",
        r"\bimmediate(?:ly)?\b|\bright away\b|\bat your earliest\b",
        r"\bdeadline\b|\bno later than\b|\btime[- ]sensitive\b|\btime[- ]critical\b",
        r"\bby (?:today|tonight|tomorrow|eod|cob|end of (?:the )?(?:day|week|month)|"
        r"close of business|monday|tuesday|wednesday|thursday|friday|noon)\b",
        r"\b(?:top|high(?:est)?) priority\b|\bcritical\b|\brush\b",
        r"\bthis (?:morning|afternoon|week)\b",
    ),
    "budget": (
        r"\bbudget(?:s|ed|ing|ary)?\b",
        r"\bapprov(?:e|ed|al|als|ing)\b",
        r"\bsponsor(?:s|ed|ship|ing)?\b",
        r"\bbusiness case\b|\bcost[- ]benefit\b|\broi\b|\breturn on investment\b",
        r"\bsteering (?:committee|group)\b|\binvestment committee\b|\bboard (?:approval|meeting)\b",
        r"\b(?:un)?fund(?:ed|ing|s)?\b",
        r"\bcapex\b|\bopex\b|\bfiscal (?:year|quarter)\b|\bfy ?\d{2,4}\b",
        r"\bpurchase order\b|\bprocurement\b|\bsign[- ]off\b|\ballocat(?:e|ed|ion)\b",
    ),
    "third_party": (
        rf"\b(?:my|our|the|their|his|her) (?:new )?{_ROLE}\b.{{0,40}}\b(?:wants?|asked|asks|"
        r"is asking|would like|requested|requests|needs?|insists?|expects?|told|suggested)\b",
        rf"\b{_ROLE} (?:wants?|asked|asks|is asking|would like|requested|needs?|expects?)\b",
        r"\bper (?:\w+'s|his|her|their|the \w+'s) (?:note|e-?mail|request|ask|direction|"
        r"instructions?|comments?|call)\b",
        r"\bon behalf of\b|\bat the request of\b|\bat (?:\w+'s|his|her|their) request\b",
        r"\b(?:i|we)(?:'ve| have)? been asked\b|\b(?:i|we) was asked\b|\b(?:i|we) were asked\b",
        r"\basked (?:me|us) to\b|\binstructed (?:me|us)\b|\bwants (?:me|us) to\b",
        r"\b(?:he|she|they) (?:asked|wants?|would like|requested|is asking|are asking)\b",
    ),
}

#: Characters of each text scanned for cues (the word count uses the whole text).
MAX_SCAN_CHARS = 20_000


class RequestCueFeatures(TransformerMixin, BaseEstimator):
    """Counts (or rates) of request cues in each text.

    Parameters
    ----------
    column : str, optional
        The text column. By default: ``new_text`` when the input has it, else
        the new text cut from ``body_text`` with
        :func:`~vision_analytics.normalize.fallback_new_text`, else the only
        column.
    rates : bool, default False
        Report each family per 100 words instead of as a count.
    patterns : dict, optional
        Family name → list of regular expressions, replacing
        :data:`CUE_PATTERNS` (families not given keep theirs; a new name adds a
        family).

    Attributes
    ----------
    feature_names_out_ : ndarray of str
        ``cue__questions``, ``cue__what_if``, ``cue__vision``, ``cue__urgency``,
        ``cue__budget``, ``cue__third_party`` (plus added families) and
        ``cue__words``.

    Examples
    --------
    >>> import pandas as pd
    >>> texts = pd.DataFrame({"new_text": [
    ...     "Our new CIO asked for a five-year roadmap. What would it cost if we doubled users?",
    ...     "Thanks, see you Tuesday."]})
    >>> out = RequestCueFeatures().fit_transform(texts)
    >>> out[["cue__questions", "cue__vision", "cue__third_party"]].iloc[0].tolist()
    [1.0, 1.0, 1.0]
    """

    def __init__(self, *, column=None, rates=False, patterns=None):
        self.column = column
        self.rates = rates
        self.patterns = patterns

    def fit(self, X, y=None):
        """Check the parameters and compile the cue patterns."""
        if not isinstance(self.rates, (bool, np.bool_)):
            raise TypeError(f"The 'rates' parameter of RequestCueFeatures must be a bool. Got "
                            f"{self.rates!r} instead.")
        merged = dict(CUE_PATTERNS)
        if self.patterns is not None:
            if not isinstance(self.patterns, dict):
                raise TypeError(
                    "The 'patterns' parameter of RequestCueFeatures must be a dict "
                    "{family: [regex, ...]}. Got " f"{type(self.patterns).__name__} instead.")
            for name, values in self.patterns.items():
                if isinstance(values, str) or not all(isinstance(v, str) for v in values):
                    raise TypeError(f"RequestCueFeatures: patterns[{name!r}] must be a list of "
                                    f"regex strings. Got {values!r} instead.")
                merged[str(name)] = tuple(values)
        compiled = {}
        for name, values in merged.items():
            try:
                for value in values:
                    re.compile(value)
                # one alternation per family: one regex call per sentence and family
                compiled[name] = re.compile("|".join(f"(?:{v})" for v in values) or r"(?!)",
                                            re.IGNORECASE)
            except re.error as exc:
                raise ValueError(f"RequestCueFeatures: pattern of family {name!r} does not "
                                 f"compile: {exc}.") from None
        self.patterns_ = compiled
        self._texts(X)  # validates the input shape early
        self.feature_names_out_ = np.array(
            [f"cue__{n}" for n in ("questions", *compiled)] + ["cue__words"], dtype=object)
        self.n_features_in_ = X.shape[1] if hasattr(X, "shape") and len(X.shape) == 2 else 1
        return self

    def transform(self, X):
        """Cue counts per text.

        Returns
        -------
        DataFrame
            One row per text (index kept), columns ``cue__*`` (float).
        """
        check_is_fitted(self, "patterns_")
        texts = self._texts(X)
        rows = []
        for text in texts:
            sentences = split_sentences(text[:MAX_SCAN_CHARS])
            words = len(text.split())
            row = [float(sum(1 for s in sentences if is_question(s)))]
            for pattern in self.patterns_.values():
                row.append(float(sum(1 for s in sentences if pattern.search(s))))
            if self.rates:
                scale = 100.0 / words if words else 0.0
                row = [v * scale for v in row]
            row.append(float(words))
            rows.append(row)
        data = np.asarray(rows, dtype=float).reshape(len(texts), len(self.feature_names_out_))
        return pd.DataFrame(data, index=texts.index, columns=self.feature_names_out_.tolist())

    def get_feature_names_out(self, input_features=None):
        """The output column names."""
        check_is_fitted(self, "feature_names_out_")
        return self.feature_names_out_.copy()

    def _texts(self, X) -> pd.Series:
        if isinstance(X, pd.DataFrame) and self.column is None:
            if "new_text" in X.columns:
                return X["new_text"].fillna("").astype(str)
            if "body_text" in X.columns:
                return X["body_text"].fillna("").astype(str).map(fallback_new_text)
        return text_column(X, self.column, owner="RequestCueFeatures").astype(str)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True
        tags.input_tags.two_d_array = False
        return tags
