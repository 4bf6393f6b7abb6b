"""Bundled sample accounts and a scenario simulator with known answers (the ``datasets`` stage).

``simulate_account`` writes a whole account (mail, request log, org chart) whose
hidden source is known; ``load_sample`` returns the accounts bundled in ``data/``;
``score_account`` compares an analysis with an account's answer key.
"""

from ._sample import SAMPLES, load_sample, regenerate_samples
from ._scoring import score_account
from ._simulate import DIFFICULTIES, KINDS, SimulatedAccount, simulate_account

__all__ = [
    "DIFFICULTIES",
    "KINDS",
    "SAMPLES",
    "SimulatedAccount",
    "load_sample",
    "regenerate_samples",
    "score_account",
    "simulate_account",
]
