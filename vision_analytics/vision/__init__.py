"""The ``vision`` stage: is there a hidden source vision behind the requests?"""

from ._finding import SourceCandidate, VisionFinder
from ._outside import EmergingName, emerging_names
from ._questions import answer_questions, effort_ledger, recommend
from ._shared_source import SharedSourceResult, SharedSourceTest, contains_term, term_pattern

__all__ = [
    "EmergingName",
    "SharedSourceResult",
    "SharedSourceTest",
    "SourceCandidate",
    "VisionFinder",
    "answer_questions",
    "contains_term",
    "effort_ledger",
    "emerging_names",
    "recommend",
    "term_pattern",
]
