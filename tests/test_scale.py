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


# -- the Parquet message store ------------------------------------------------------------

pytest.importorskip("pyarrow")

from vision_analytics import load  # noqa: E402
from vision_analytics.datasets import load_sample  # noqa: E402
from vision_analytics.ingest import MessageStore, load_to_parquet  # noqa: E402


def _assert_same_corpus(mem, store_corpus):
    pd.testing.assert_frame_equal(mem.messages, store_corpus.messages)
    assert mem.seller_domains == store_corpus.seller_domains
    for name in ("errors", "request_log", "org_chart", "counts", "duplicates"):
        pd.testing.assert_frame_equal(getattr(mem, name), getattr(store_corpus, name),
                                      check_dtype=False, check_index_type=False)


def test_store_gives_the_corpus_load_gives(tmp_path):
    account = load_sample()
    mem = load(account.inputs, seller_domains=account.seller_domains, progress=False)
    store = load_to_parquet(account.inputs, tmp_path / "store",
                            seller_domains=account.seller_domains, chunk_size=97)
    assert len(store) == len(mem.messages)
    _assert_same_corpus(mem, store.corpus())
    # reopened from disk, in chunks, and by column
    again = MessageStore(tmp_path / "store")
    batches = list(again.iter_batches(["sender", "direction", "thread_id"]))
    assert [len(b) for b in batches[:-1]] == [97] * (len(batches) - 1)
    joined = pd.concat(batches)
    pd.testing.assert_frame_equal(joined, mem.messages[["sender", "direction", "thread_id"]])


def test_store_infers_the_seller_domain_like_load(tmp_path, real_data):
    lists = real_data / "lists"
    with pytest.warns(UserWarning, match="seller_domains not given"):
        mem = load(lists, progress=False)
    with pytest.warns(UserWarning, match="seller_domains not given"):
        store = load_to_parquet(lists, tmp_path / "s", chunk_size=500)
    _assert_same_corpus(mem, store.corpus())


def test_store_keeps_every_outlook_item_accounted(tmp_path, real_data):
    pytest.importorskip("pypff")
    outlook = real_data / "outlook"
    with pytest.warns(UserWarning):
        mem = load(outlook, progress=False)
    with pytest.warns(UserWarning):
        corpus = load_to_parquet(outlook, tmp_path / "s", chunk_size=40).corpus()
    _assert_same_corpus(mem, corpus)
    assert corpus.reconciled


def test_store_errors_name_the_fix(tmp_path):
    with pytest.raises(FileNotFoundError, match="load_to_parquet"):
        MessageStore(tmp_path)
    with pytest.raises(ValueError, match="chunk_size"):
        load_to_parquet(tmp_path, tmp_path / "s", chunk_size=0)
    account = load_sample()
    store = load_to_parquet(account.inputs, tmp_path / "s2",
                            seller_domains=account.seller_domains)
    with pytest.raises(KeyError, match="not messages columns"):
        store.read(["body"])
