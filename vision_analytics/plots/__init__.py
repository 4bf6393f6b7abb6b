"""The ``plots`` stage: static matplotlib figures of an analysis.

Each ``plot_x(analysis, *, ax=None)`` draws on ``ax`` (or a new figure) and
returns the Axes; none calls ``plt.show()``. Every figure degrades to a
readable "no data" panel when there is nothing to draw.
"""

from ._network import plot_attribution_flow, plot_stakeholder_network
from ._timeline import plot_timeline, plot_topics_over_time
from ._topics import plot_topic_map, plot_vision_terms
from ._vision import plot_effort, plot_evidence_strength

__all__ = [
    "plot_attribution_flow",
    "plot_effort",
    "plot_evidence_strength",
    "plot_stakeholder_network",
    "plot_timeline",
    "plot_topic_map",
    "plot_topics_over_time",
    "plot_vision_terms",
]
