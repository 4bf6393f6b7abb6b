"""Shared fixtures: where the real data lives, and figures closed after each test."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

_DEFAULT_REAL = Path(__file__).resolve().parents[2] / "shared" / "data" / "real"


def real_data_root() -> Path:
    """``$VISION_ANALYTICS_REAL_DATA`` or ``../shared/data/real`` beside the repo."""
    return Path(os.environ.get("VISION_ANALYTICS_REAL_DATA", _DEFAULT_REAL))


@pytest.fixture(scope="session")
def real_data() -> Path:
    """The shared real data folder (read-only); skips the test when it is absent."""
    root = real_data_root()
    if not (root / "DATASETS.md").exists():
        pytest.skip(
            f"real data not found at {root}: set VISION_ANALYTICS_REAL_DATA or place "
            "the shared data at ../shared/data/real"
        )
    return root


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    import sys

    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")
