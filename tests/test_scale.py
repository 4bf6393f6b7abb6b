"""The scale paths give the same answers as the in-memory ones."""

from __future__ import annotations

from pathlib import Path

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


# -- partitions and the Dask engine ------------------------------------------------------

from vision_analytics.ingest._mbox import iter_mbox, mbox_ranges  # noqa: E402
from vision_analytics.ingest._partitions import (  # noqa: E402
    merge_partitions,
    plan_partitions,
    read_partition,
)


def test_mbox_ranges_read_back_the_whole_file(real_data):
    files = sorted(p for p in (real_data / "lists").rglob("*") if p.is_file())[:12]
    for path in files:
        whole = list(iter_mbox(path))
        for target in (2_000, 60_000):
            ranges = mbox_ranges(path, target)
            assert [m for a, b in ranges for m in iter_mbox(path, a, b)] == whole


@pytest.mark.parametrize("target_bytes", [30_000, 2**22])
def test_partitions_merge_into_the_corpus_load_gives(real_data, target_bytes):
    maildir = real_data / "enron-5users" / "maildir" / "presto-k"
    mem = load(maildir, seller_domains="enron.com", progress=False)
    parts = plan_partitions(maildir, target_bytes=target_bytes)
    merged = merge_partitions([read_partition(p) for p in parts], seller_domains="enron.com")
    assert len(mem.duplicates) > 0  # copies across folders: the merge must find them
    _assert_same_corpus(mem, merged)
    pd.testing.assert_frame_equal(mem.errors, merged.errors)
    pd.testing.assert_frame_equal(mem.duplicates, merged.duplicates)


@pytest.fixture(scope="module")
def dask_client():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        yield client


@pytest.mark.slow
def test_dask_engine_matches_pandas_on_the_sample(dask_client):
    from sklearn.metrics import adjusted_rand_score

    from vision_analytics import analyze

    account = load_sample()
    mem = analyze(account.inputs, seller_domains=account.seller_domains, progress=False)
    dist = analyze(account.inputs, seller_domains=account.seller_domains, progress=False,
                   engine="dask", scheduler=dask_client)
    assert len(dask_client.scheduler_info()["workers"]) == 2
    pd.testing.assert_frame_equal(mem.messages, dist.messages)
    pd.testing.assert_frame_equal(mem.requests, dist.requests)
    assert adjusted_rand_score(mem.requests["topic_id"], dist.requests["topic_id"]) == 1.0
    pd.testing.assert_frame_equal(mem.topics, dist.topics)
    assert mem.vision == dist.vision
    assert mem.vision["shared_source"]
    assert list(dist.timings)[0].endswith("(dask)")


def test_dask_engine_reads_a_large_mbox_in_byte_ranges(dask_client, tmp_path):
    from vision_analytics._engine import dask_prepare, prepare_in_slices, prepare_partition
    from vision_analytics.normalize import combine_requests

    account = load_sample()
    corpus, new_text, segments, requests = dask_prepare(
        account.inputs, seller_domains=account.seller_domains, scheduler=dask_client,
        partition_bytes=40_000, slice_rows=150)
    assert len(plan_partitions(account.inputs, target_bytes=40_000)) > 10
    mem = load(account.inputs, seller_domains=account.seller_domains, progress=False)
    _assert_same_corpus(mem, corpus)
    want_text, want_segments, want_requests = prepare_partition(mem.messages,
                                                                mem.seller_domains)
    pd.testing.assert_series_equal(want_text, new_text)
    pd.testing.assert_frame_equal(want_segments, segments)
    pd.testing.assert_frame_equal(combine_requests([want_requests], mem.request_log), requests)
    # above the slim threshold the workers slim their segments as the pandas engine does
    slim = dask_prepare(account.inputs, seller_domains=account.seller_domains,
                        scheduler=dask_client, partition_bytes=40_000, slice_rows=150,
                        slim_above=0)[2]
    want = prepare_in_slices(mem.messages, mem.seller_domains, slice_rows=150, slim=True)[1]
    assert "n_segments" in slim.columns and len(slim) < len(segments)
    pd.testing.assert_frame_equal(want, slim)


def test_analyze_rejects_unknown_engine_and_a_corpus_for_dask():
    from vision_analytics import analyze

    account = load_sample()
    with pytest.raises(ValueError, match="engine"):
        analyze(account.inputs, engine="spark")
    corpus = load(account.inputs, seller_domains=account.seller_domains, progress=False)
    with pytest.raises(ValueError, match="pass paths"):
        analyze(corpus, engine="dask")


@pytest.mark.slow
def test_cli_dask_engine_writes_the_same_outputs(tmp_path):
    import json

    from vision_analytics.cli import main

    account = load_sample()
    args = [str(p) for p in account.inputs]
    for domain in account.seller_domains:
        args += ["--seller-domain", domain]
    assert main(["analyze", *args, "--out", str(tmp_path / "p"), "--quiet"]) == 0
    assert main(["analyze", *args, "--out", str(tmp_path / "d"), "--quiet",
                 "--engine", "dask", "--workers", "2"]) == 0
    for name in ("vision.json", "requests.csv", "topics.csv", "evidence.csv"):
        assert (tmp_path / "p" / name).read_bytes() == (tmp_path / "d" / name).read_bytes()
    assert json.loads((tmp_path / "d" / "vision.json").read_text())["shared_source"]


def test_cli_dask_options_need_the_dask_engine_and_a_reachable_scheduler(tmp_path, capsys):
    from vision_analytics.cli import main

    account = load_sample()
    args = [str(p) for p in account.inputs] + ["--out", str(tmp_path / "o"), "--quiet"]
    assert main(["analyze", *args, "--workers", "2"]) == 2
    assert "--engine dask" in capsys.readouterr().err
    assert main(["analyze", *args, "--engine", "dask", "--workers", "0"]) == 2
    # nothing listens on port 9 (discard) of the loopback interface
    assert main(["analyze", *args, "--engine", "dask", "--scheduler",
                 "tcp://127.0.0.1:9"]) == 6
    assert "cannot reach the Dask scheduler" in capsys.readouterr().err


def test_analyze_fits_topics_out_of_core_above_the_threshold(monkeypatch):
    from vision_analytics import _analysis, analyze

    account = load_sample()
    mem = analyze(account.inputs, seller_domains=account.seller_domains, progress=False)
    monkeypatch.setattr(_analysis, "OUT_OF_CORE_REQUESTS", 100)
    monkeypatch.setattr(_analysis, "OUT_OF_CORE_SAMPLE", 150)
    ooc = analyze(account.inputs, seller_domains=account.seller_domains, progress=False)
    assert len(ooc.requests) > 150
    assert ooc.topic_vectors is None and len(ooc.clusterer.fit_sample_) == 150
    assert ooc.requests["topic_id"].notna().all()
    from sklearn.metrics import adjusted_rand_score

    # the sample-then-stream fit finds much the same topics on the sample account
    assert adjusted_rand_score(mem.requests["topic_id"], ooc.requests["topic_id"]) > 0.5
    assert ooc.vision["shared_source"] == mem.vision["shared_source"]


def test_slim_segments_change_no_result(monkeypatch):
    from vision_analytics import _analysis, analyze

    account = load_sample()
    full = analyze(account.inputs, seller_domains=account.seller_domains, progress=False)
    monkeypatch.setattr(_analysis, "SLIM_SEGMENTS_ABOVE", 0)
    slim = analyze(account.inputs, seller_domains=account.seller_domains, progress=False)
    assert "to" not in slim.segments.columns
    assert slim.segments["text"].str.len().sum() < 0.8 * full.segments["text"].str.len().sum()
    # a message's own depth-0 rows collapse into one that counts them all
    assert len(slim.segments) < 0.8 * len(full.segments)
    assert slim.segments["n_segments"].sum() == len(full.segments)
    pd.testing.assert_frame_equal(full.identities.people, slim.identities.people)
    pd.testing.assert_frame_equal(full.requests, slim.requests)
    pd.testing.assert_frame_equal(full.evidence, slim.evidence)
    pd.testing.assert_frame_equal(full.stakeholders, slim.stakeholders)
    assert full.vision == slim.vision


def test_large_inputs_are_read_through_a_parquet_store(monkeypatch):
    from vision_analytics import _analysis, analyze

    account = load_sample()
    direct = analyze(account.inputs, seller_domains=account.seller_domains, progress=False)
    monkeypatch.setattr(_analysis, "STREAM_INPUT_BYTES", 0)
    calls = []
    import vision_analytics.ingest as ingest

    original = ingest.load_to_parquet

    def spy(*args, **kwargs):
        calls.append(args[1])
        return original(*args, **kwargs)

    monkeypatch.setattr(ingest, "load_to_parquet", spy)
    streamed = analyze(account.inputs, seller_domains=account.seller_domains, progress=False)
    assert len(calls) == 1
    assert not Path(calls[0]).exists()  # the temporary store is removed
    pd.testing.assert_frame_equal(direct.messages, streamed.messages)
    pd.testing.assert_frame_equal(direct.requests, streamed.requests)
    assert direct.vision == streamed.vision


def test_shared_source_vocabulary_from_a_sample_keeps_the_finding(monkeypatch):
    requests = _drifting_requests(n=240)
    full = SharedSourceTest(n_permutations=49, random_state=1).fit(requests)
    monkeypatch.setattr(_shared_source, "VOCABULARY_SAMPLE", 120)
    sampled = SharedSourceTest(n_permutations=49, random_state=1).fit(requests)
    assert full.p_value < 0.05 and sampled.p_value < 0.05
    heads = set(sampled.features.loc[sampled.features["family_head"], "feature"])
    assert heads & set(full.features.loc[full.features["family_head"], "feature"])


def test_request_detection_in_slices_matches_one_pass():
    # who the team writes to is a fact of the whole stream: a slice without the
    # team's replies must not lose the requests of the people they answer
    from vision_analytics._engine import prepare_in_slices
    from vision_analytics.normalize import combine_requests

    mem = load(load_sample().inputs, seller_domains=load_sample().seller_domains, progress=False)
    whole = prepare_in_slices(mem.messages, mem.seller_domains, slice_rows=10**6)[2]
    sliced = prepare_in_slices(mem.messages, mem.seller_domains, slice_rows=40)[2]
    assert len(sliced) > 5
    pd.testing.assert_frame_equal(combine_requests(whole), combine_requests(sliced))
    cued = combine_requests(sliced)["cues"].map(lambda cues: "correspondent" in cues)
    assert cued.mean() > 0.9  # the sample's customers are in conversation with the team
