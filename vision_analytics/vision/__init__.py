"""The ``vision`` stage: is there a hidden source vision behind the requests?"""

from ._finding import SourceCandidate, VisionFinder
from ._outside import EmergingName, OutsideParty, emerging_names, outside_parties, stray_names
from ._questions import answer_questions, effort_ledger, recommend
from ._shared_source import SharedSourceResult, SharedSourceTest, contains_term, term_pattern

__all__ = [
    "EmergingName",
    "OutsideParty",
    "SharedSourceResult",
    "SharedSourceTest",
    "SourceCandidate",
    "VisionFinder",
    "answer_questions",
    "contains_term",
    "effort_ledger",
    "emerging_names",
    "outside_parties",
    "recommend",
    "stray_names",
    "term_pattern",
]
