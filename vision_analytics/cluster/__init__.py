"""The ``cluster`` stage: requests grouped into topics, with an automatic number of topics."""

from ._out_of_core import fit_out_of_core
from ._stability import candidate_ks, choose_k
from ._topics import UNASSIGNED, TopicClusterer

__all__: list[str] = [
    "UNASSIGNED",
    "TopicClusterer",
    "candidate_ks",
    "choose_k",
    "fit_out_of_core",
]
