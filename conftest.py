"""Repository-level collection rules (tests/conftest.py holds the fixtures).

Notebook 6 analyses the shared real data; without it there is nothing to
re-run, so it is not collected (pytest's header says so), the way real-data
tests skip with a reason.
"""

from __future__ import annotations

import os
from pathlib import Path

_REAL = Path(os.environ.get("VISION_ANALYTICS_REAL_DATA",
                            Path(__file__).resolve().parent.parent / "shared" / "data" / "real"))
_HAS_REAL = (_REAL / "DATASETS.md").exists()

collect_ignore = ["vision_analytics/__main__.py", "notebooks/build_notebooks.py"]
if not _HAS_REAL:
    collect_ignore_glob = ["notebooks/06_*.ipynb"]


def pytest_report_header(config):
    if not _HAS_REAL:
        return (f"real data not found at {_REAL}: real-data tests skip and "
                "notebooks/06_real_mail_enron.ipynb is not collected")
    return f"real data: {_REAL}"
