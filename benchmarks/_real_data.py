"""Where the benchmarks find the shared real data."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def real_data(*parts: str) -> Path:
    """``$VISION_ANALYTICS_REAL_DATA`` (or ``../shared/data/real``) / parts; exits when absent."""
    root = Path(os.environ.get("VISION_ANALYTICS_REAL_DATA",
                               Path(__file__).resolve().parents[2] / "shared" / "data" / "real"))
    folder = root.joinpath(*parts)
    if not folder.is_dir():
        sys.exit(f"real data not found at {folder}: set VISION_ANALYTICS_REAL_DATA")
    return folder
