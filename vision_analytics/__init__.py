"""vision_analytics: who is really behind a stream of customer requests.

The few entry points a user needs are here; each stage lives in its own
subpackage (``ingest``, ``normalize``, ``features``, ``cluster``,
``attribution``, ``vision``, ``plots``, ``report``, ``datasets``).
"""

from ._analysis import Analysis, NoRequestsError, analyze
from ._outputs import write_outputs
from .ingest import Corpus, InputError, load

__all__ = ["Analysis", "Corpus", "InputError", "NoRequestsError", "analyze", "load",
           "write_outputs"]
__version__ = "0.1.0"
