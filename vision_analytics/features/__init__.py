"""The ``features``stage."""

from ._cues import CUE_PATTERNS, RequestCueFeatures
from ._metadata import MetadataFeatures
from ._stopwords import EMAIL_STOP_WORDS, email_stop_words
from ._style import FUNCTION_WORDS, SPELLING_PAIRS, StyleFeatures, sign_off, text_column
from ._text import TOKEN_PATTERN, TextFeatures, make_tfidf

__all__: list[str] = [
    "CUE_PATTERNS",
    "MetadataFeatures",
    "RequestCueFeatures",
    "EMAIL_STOP_WORDS",
    "TOKEN_PATTERN",
    "TextFeatures",
    "email_stop_words",
    "make_tfidf",
    "FUNCTION_WORDS",
    "SPELLING_PAIRS",
    "StyleFeatures",
    "sign_off",
    "text_column",
]
