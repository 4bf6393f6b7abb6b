"""The ``report`` stage: the HTML workshop brief and the pseudonymisation behind ``anonymize``."""

from ._anonymize import Pseudonyms, anonymize_analysis
from ._brief import Brief, customer_questions

__all__ = ["Brief", "Pseudonyms", "anonymize_analysis", "customer_questions"]
