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


#: scikit-learn estimator checks that feed numeric matrices: estimators that read a
#: column of text answer them with a clear TypeError/ValueError, which the checks do not
#: expect. Test files list these (plus their own kind's checks) as expected failures.
NUMERIC_INPUT_CHECKS = (
    "check_complex_data",
    "check_dict_unchanged",
    "check_dont_overwrite_parameters",
    "check_dtype_object",
    "check_estimator_sparse_array",
    "check_estimator_sparse_matrix",
    "check_estimator_sparse_tag",
    "check_estimators_dtypes",
    "check_estimators_empty_data_messages",
    "check_estimators_fit_returns_self",
    "check_estimators_nan_inf",
    "check_estimators_overwrite_params",
    "check_estimators_pickle",
    "check_f_contiguous_array_estimator",
    "check_fit1d",
    "check_fit2d_1feature",
    "check_fit2d_1sample",
    "check_fit2d_predict1d",
    "check_fit_check_is_fitted",
    "check_fit_idempotent",
    "check_fit_score_takes_y",
    "check_methods_sample_order_invariance",
    "check_methods_subset_invariance",
    "check_n_features_in",
    "check_n_features_in_after_fitting",
    "check_pipeline_consistency",
    "check_positive_only_tag_during_fit",
    "check_readonly_memmap_input",
)
