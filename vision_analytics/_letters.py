"""Regular-expression classes of capital and small letters beyond ASCII.

Python's ``re`` has no ``\\p{Lu}``: ``[A-Z]`` misses the first letter of Åsa,
Łukasz, Élodie, Özlem or Şahin, so a name pattern written with it never sees
them. These classes hold the capitals and small letters of the Latin (with its
extensions), Greek and Cyrillic blocks, built from ``str.isupper`` /
``str.islower`` once at import.

Examples
--------
>>> import re
>>> bool(re.fullmatch(f"{UPPER}{LOWER}+", "Łukasz")), bool(re.fullmatch(UPPER, "ł"))
(True, False)
"""

from __future__ import annotations

import re

__all__ = ["LOWER", "UPPER"]

_BLOCKS = ((0x41, 0x250), (0x370, 0x400), (0x400, 0x530), (0x1E00, 0x1F00))


def _letter_class(test) -> str:
    chars = "".join(chr(c) for lo, hi in _BLOCKS for c in range(lo, hi) if test(chr(c)))
    return "[" + re.escape(chars) + "]"


#: One capital letter (Latin, Latin extended, Greek, Cyrillic).
UPPER = _letter_class(str.isupper)
#: One small letter (same blocks).
LOWER = _letter_class(str.islower)
