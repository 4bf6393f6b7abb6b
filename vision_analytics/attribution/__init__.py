"""The ``attribution``stage."""

from ._attribute import DEFAULT_CALIBRATION, Attributor
from ._evidence import WEIGHTS, EvidenceCollector
from ._graph import stakeholder_graph, stakeholders_frame
from ._stylometry import (
    UNKNOWN,
    AuthorshipModel,
    expected_calibration_error,
    reliability_table,
)

__all__: list[str] = [
    "DEFAULT_CALIBRATION",
    "WEIGHTS",
    "Attributor",
    "EvidenceCollector",
    "stakeholder_graph",
    "stakeholders_frame",
    "UNKNOWN",
    "AuthorshipModel",
    "expected_calibration_error",
    "reliability_table",
]
