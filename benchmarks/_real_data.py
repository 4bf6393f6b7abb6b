"""Where the benchmarks find the shared real data."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def data_root() -> Path:
    """``$VISION_ANALYTICS_REAL_DATA``, else ``../shared/data/real`` beside the repository."""
    return Path(os.environ.get("VISION_ANALYTICS_REAL_DATA",
                               Path(__file__).resolve().parents[2] / "shared" / "data" / "real"))


def real_data(*parts: str) -> Path:
    """``data_root() / parts``; exits with the variable to set when it is absent."""
    folder = data_root().joinpath(*parts)
    if not folder.is_dir():
        sys.exit(f"real data not found at {folder}: set VISION_ANALYTICS_REAL_DATA")
    return folder
