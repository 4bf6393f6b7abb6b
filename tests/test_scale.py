"""The scale paths give the same answers as the in-memory ones."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from vision_analytics.vision import _shared_source
from vision_analytics.vision._shared_source import SharedSourceTest


def _drifting_requests(n: int = 160, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    times = pd.date_range("2024-01-01", periods=n, freq="2D", tz="UTC")
    routine = ["invoice copy", "renewal date", "support ticket", "licence count", "training"]
    vision = ["zero touch platform", "single pane operations", "autonomous network", "intent model"]
    texts = []
    for i in range(n):
        words = [routine[rng.integers(len(routine))]]
        if i > n // 2:
            words += list(rng.choice(vision, size=2, replace=False))
        texts.append("please send the " + " and the ".join(words))
    return pd.DataFrame({"sent_at": times, "text": texts,
                         "topic_id": [f"t{i % 5}" for i in range(n)],
                         "thread_id": [f"th{i // 2}" for i in range(n)]})


def test_shared_source_sparse_and_dense_statistics_agree(monkeypatch):
    requests = _drifting_requests()
    dense = SharedSourceTest(n_permutations=49, random_state=3).fit(requests)
    monkeypatch.setattr(_shared_source, "DENSE_CELLS", 0)
    sparse_ = SharedSourceTest(n_permutations=49, random_state=3).fit(requests)
    assert dense.p_value < 0.05
    assert dense.p_value == sparse_.p_value
    assert dense.split_index == sparse_.split_index
    np.testing.assert_array_equal(dense.null_distribution, sparse_.null_distribution)
    pd.testing.assert_frame_equal(dense.features, sparse_.features)


@pytest.mark.parametrize("seed", [1, 2])
def test_shared_source_null_stream_is_not_significant_either_way(monkeypatch, seed):
    requests = _drifting_requests(seed=seed)
    rng = np.random.default_rng(seed)
    requests["text"] = rng.permutation(requests["text"].to_numpy())  # no drift left
    monkeypatch.setattr(_shared_source, "DENSE_CELLS", 0)
    result = SharedSourceTest(n_permutations=49, random_state=0).fit(requests)
    assert not result.significant(0.05)
