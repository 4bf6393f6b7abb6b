"""``analyze``: the whole pipeline, from exports to the vision finding."""

from __future__ import annotations

import os
import re
import sys
import tempfile
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import numpy as np
import pandas as pd
from tqdm.auto import tqdm

from .attribution import (
    DEFAULT_CALIBRATION,
    UNKNOWN,
    Attributor,
    EvidenceCollector,
    stakeholder_graph,
    stakeholders_frame,
)
from .ingest import Corpus, load
from .normalize import (
    combine_requests,
    link_logged_requests,
    resolve_identities,
    thread_messages,
)
from .normalize._identity import _fold, organization_from_domain, people_by_first_name
from .vision import (
    SharedSourceTest,
    VisionFinder,
    answer_questions,
    contains_term,
    effort_ledger,
    recommend,
    term_pattern,
)
from .vision._finding import change_onset, confidence_from_scores, surface_forms
from .vision._shared_source import WordProfile, names_seller, subject_and_text

__all__ = ["Analysis", "NoRequestsError", "analyze"]

#: Above this many requests, topics are fitted out of core (sample, then stream).
OUT_OF_CORE_REQUESTS = 50_000
OUT_OF_CORE_SAMPLE = 20_000
#: Inputs larger than this (bytes on disk) are loaded through a Parquet store.
STREAM_INPUT_BYTES = 1 << 30
#: Above this many messages, segments keep only what later stages read (see
#: ``_engine.slim_segments``): the full zoning of a million bodies would not fit.
SLIM_SEGMENTS_ABOVE = 200_000
#: Customer-side writers given a stylometry profile, most prolific first.
MAX_STYLE_AUTHORS = 40


class NoRequestsError(ValueError):
    """The inputs hold no inbound customer request to analyse."""


@dataclass
class Analysis:
    """Everything ``analyze`` found; the frames follow the data contract.

    Attributes
    ----------
    requests : DataFrame
        One row per request with ``topic_id``, ``topic_label``, ``originator``,
        ``originator_confidence``, ``part_of_vision`` and an ``evidence`` line.
    topics, stakeholders, evidence : DataFrame
    vision : dict
        The finding, shaped as the CLI's ``vision.json``.
    timings : dict
        Seconds spent per stage, in order.
    peak_memory : dict
        The process's peak resident memory (MB) at the end of each stage (None
        where the platform does not report it).
    """

    corpus: Corpus
    messages: pd.DataFrame
    segments: pd.DataFrame
    identities: object
    requests: pd.DataFrame
    topics: pd.DataFrame
    evidence: pd.DataFrame
    stakeholders: pd.DataFrame
    graph: nx.DiGraph
    vision: dict
    test: object
    clusterer: object = field(repr=False, default=None)
    topic_vectors: np.ndarray | None = field(repr=False, default=None)
    random_state: int = 0
    timings: dict = field(default_factory=dict)
    peak_memory: dict = field(default_factory=dict)

    @property
    def load_errors(self) -> pd.DataFrame:
        return self.corpus.errors

    def report(self, *, anonymize: bool = False):
        """The workshop brief (shows in Jupyter; ``.write_html(path)`` for a file)."""
        from .report import Brief

        return Brief(self, anonymize=anonymize)

    def __repr__(self) -> str:
        v = self.vision
        src = (v.get("source") or {}).get("name") if v.get("source") else None
        return (f"Analysis({len(self.requests)} requests in {len(self.topics)} topics; "
                f"shared source: {v['shared_source']} (p = {v['p_value']:.3f})"
                + (f", source {src}" if src else "")
                + f"; recommend {v['recommendation']['decision']})")


def analyze(inputs, *, seller_domains=None, org_chart=None, alias_table=None,
            log_columns=None, n_topics=None, alpha=0.05, random_state=0,
            progress=None, engine="pandas", scheduler=None, n_workers=None) -> Analysis:
    """Run the whole analysis on mail exports and request logs.

    Parameters
    ----------
    inputs : path, list of paths, Corpus or MessageStore
        What :func:`vision_analytics.load` reads, an already loaded Corpus, or a
        Parquet store from :func:`vision_analytics.ingest.load_to_parquet`.
    seller_domains : str or list of str, optional
        The account team's domains; inferred with a warning when omitted.
    org_chart, alias_table : path or DataFrame, optional
        Titles and departments; forced merges/splits of identities.
    n_topics : int, optional
        Override the automatic number of topics.
    alpha : float
        Level of the shared-source test.
    random_state : int
        Seed of every random step: same inputs and seed, same results.
    engine : {"pandas", "dask"}
        Where reading, zoning and request detection run: in this process, or
        partition by partition on a Dask cluster (needs the ``scale`` extra);
        both give the same results.
    scheduler : str or distributed.Client, optional
        With ``engine="dask"``: the scheduler address (``"tcp://host:8786"``) or
        a Client; by default a ``LocalCluster`` is started for the run.
    n_workers : int, optional
        Workers of that LocalCluster (default: CPUs, at most 4).

    Returns
    -------
    Analysis
    """
    from ._engine import ENGINES, dask_prepare, prepare_in_slices
    from .ingest import MessageStore, load_to_parquet

    if engine not in ENGINES:
        raise ValueError(f"The 'engine' parameter of analyze must be one of {ENGINES}; "
                         f"got {engine!r}.")
    steps = tqdm(total=6 if engine == "dask" else 7, desc="analyzing", unit="step",
                 disable=None if progress is None else not progress)
    timings: dict[str, float] = {}
    peak_memory: dict[str, float | None] = {}
    clock = time.perf_counter()

    def lap(stage: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[stage] = round(now - clock, 3)
        peak_memory[stage] = _peak_rss_mb()
        clock = now
        steps.update()

    if engine == "dask":
        if isinstance(inputs, (Corpus, MessageStore)):
            raise ValueError("engine='dask' reads the input files itself, partition by "
                             "partition: pass paths, not a Corpus or MessageStore.")
        corpus, new_text, segments, requests = dask_prepare(
            inputs, seller_domains=seller_domains, org_chart=org_chart,
            log_columns=log_columns, scheduler=scheduler, n_workers=n_workers,
            slim_above=SLIM_SEGMENTS_ABOVE)
        messages = corpus.messages.copy()
        lap("read + zone + detect requests (dask)")
    else:
        if isinstance(inputs, Corpus):
            corpus = inputs
        elif isinstance(inputs, MessageStore):
            corpus = inputs.corpus()
        elif _input_bytes(inputs) > STREAM_INPUT_BYTES and _has_pyarrow():
            # large exports are read chunk by chunk into Parquet and read back: the
            # same Corpus as load() (tested), without load()'s per-message objects
            with tempfile.TemporaryDirectory(prefix="vision-analytics-") as folder:
                corpus = load_to_parquet(inputs, folder, seller_domains=seller_domains,
                                         org_chart=org_chart, log_columns=log_columns,
                                         progress=progress).corpus()
        else:
            corpus = load(inputs, seller_domains=seller_domains, org_chart=org_chart,
                          log_columns=log_columns, progress=progress)
        messages = corpus.messages.copy()
        lap("read")
        new_text, segments, found = prepare_in_slices(
            messages, corpus.seller_domains, slim=len(messages) > SLIM_SEGMENTS_ABOVE)
        requests = combine_requests(found, corpus.request_log)
        lap("zone + detect requests")
    domains = corpus.seller_domains
    messages["new_text"] = new_text.reindex(messages.index).fillna("").astype(str)
    messages["thread_id"] = thread_messages(messages)

    identities = resolve_identities(messages, org_chart=corpus.org_chart if len(
        corpus.org_chart) else None, alias_table=alias_table, seller_domains=domains,
        segments=segments)
    if requests.empty:
        raise NoRequestsError(
            "No inbound customer requests found in the inputs "
            f"({len(messages)} messages, seller domains {list(domains)}). Check "
            "--seller-domain: inbound means sent from outside those domains."
        )
    requests = requests.copy()
    # A relayed request's content sits in the block it forwards or quotes: the
    # ask is the customer's text below, not the relay's "can you help?".
    relayed = _relayed_text(segments, identities, domains, messages["sender"])
    extra = requests["message_key"].map(relayed).fillna("")
    requests["text"] = (requests["text"].fillna("") + "\n\n" + extra).str.strip()
    # The framing a vision travels in often sits around the ask, not in it ("We are
    # moving to X. Could you come back to me on this?"): the author's whole new text
    # is the request's context, read by the shared-source test and the finder.
    requests["context"] = requests["message_key"].map(messages["new_text"]).fillna("")
    requests["thread_id"] = requests["message_key"].map(messages["thread_id"]).fillna("")
    requests["sender_id"] = [identities.lookup(s) or s for s in requests["sender"]]
    # A log row that records an e-mail request is that ask again: it is not counted
    # twice, and the two are in the vision or out of it together.
    requests["same_as"] = link_logged_requests(requests)
    lap("threads + identities")

    # What a request asks (its topic) and the framing it is asked in (a vision's
    # vocabulary) are different things: words that emerge across the whole stream
    # are kept out of the topic model, so a shared framing does not fuse unrelated
    # asks into one topic. The test below still sees them.
    framing = _framing_words(requests, random_state)
    topic_ids, topic_labels, topics, clusterer, vectors = _topics(requests, n_topics,
                                                                  random_state, framing)
    requests["topic_id"] = topic_ids
    requests["topic_label"] = topic_labels
    lap("topics")

    style = _style_model(messages, identities, random_state)
    collector = EvidenceCollector(identities, messages, segments=segments,
                                  new_texts=messages["new_text"], style_model=style)
    evidence = collector.collect(requests)
    attributed = _attributor().attribute(requests.index, evidence)
    requests = requests.join(attributed)
    people = identities.people.set_index("person_id")
    requests["originator"] = [_display_id(p, people) for p in requests["originator_id"]]
    requests["evidence"] = requests["explanation"]
    graph = stakeholder_graph(messages, requests, identities)
    stakeholders = stakeholders_frame(graph, requests, identities)
    lap("attribution")

    framed = _with_context(requests)
    test = SharedSourceTest(names=_name_words(identities.people),
                            seller=_seller_names(identities.people),
                            random_state=random_state).fit(_one_per_ask(framed))
    vision, members = _finding(test, framed, messages, segments, identities, alpha)
    requests["part_of_vision"] = members.reindex(requests.index).fillna(False).astype(bool)
    if vision["shared_source"] and vision.get("source_key"):
        evidence = _with_vision_clues(
            evidence, _vision_clues(requests.assign(text=framed["text"]), vision))
        attributed = _attributor().attribute(requests.index, evidence)
        requests.update(attributed)
        requests["originator"] = [_display_id(p, people) for p in requests["originator_id"]]
        requests["evidence"] = requests["explanation"]
        graph = stakeholder_graph(messages, requests, identities)
        stakeholders = stakeholders_frame(graph, requests, identities)
    lap("shared-source test + finding")

    answers = answer_questions(vision, requests, requests["part_of_vision"], evidence)
    effort = effort_ledger(requests, messages, requests["part_of_vision"])
    vision["answers"] = answers
    vision["effort"] = effort
    vision["recommendation"] = recommend(vision, answers, effort)
    lap("questions + effort")
    steps.close()
    return Analysis(corpus=corpus, messages=messages, segments=segments, identities=identities,
                    requests=requests, topics=topics, evidence=evidence,
                    stakeholders=stakeholders, graph=graph, vision=vision, test=test,
                    clusterer=clusterer, topic_vectors=vectors, random_state=random_state,
                    timings=timings, peak_memory=peak_memory)


# -- steps --------------------------------------------------------------------------------

def _input_bytes(inputs) -> int:
    """Bytes of the input files (folders walked); 0 when a path cannot be read."""
    paths = [inputs] if isinstance(inputs, (str, os.PathLike)) else list(inputs)
    total = 0
    for raw in paths:
        path = Path(raw)
        try:
            files = path.rglob("*") if path.is_dir() else [path]
            total += sum(f.stat().st_size for f in files if f.is_file())
        except OSError:
            continue
    return total


def _has_pyarrow() -> bool:
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        return False
    return True


def _peak_rss_mb() -> float | None:
    try:
        import resource
    except ImportError:  # Windows
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


def _with_chasers(members: pd.Series, requests: pd.DataFrame) -> pd.Series:
    """A later request of a vision request's thread, from the same sender, is in
    the vision too: a chaser ("any update on this?") or a further question on the
    same ask, whose own words no longer carry the ask it quotes."""
    if "thread_id" not in requests or not members.any():
        return members
    frame = pd.DataFrame({"thread": requests["thread_id"].fillna("").astype(str),
                          "sender": requests["sender_id"] if "sender_id" in requests
                          else requests["sender"], "at": requests["sent_at"],
                          "member": members.reindex(requests.index).fillna(False).astype(bool)})
    frame = frame[(frame["thread"] != "") & frame["at"].notna()]
    first = frame[frame["member"]].groupby(["thread", "sender"])["at"].min()
    if first.empty:
        return members
    began = first.reindex(pd.MultiIndex.from_arrays([frame["thread"], frame["sender"]]))
    began.index = frame.index
    later = began.notna() & (frame["at"] > began)
    out = members.copy()
    out.loc[later[later].index] = True
    return out


def _one_per_ask(requests: pd.DataFrame) -> pd.DataFrame:
    """The requests the shared-source test counts: an e-mail ask and the log row
    that records it (``same_as``) are one ask, counted once, as the mail.

    Counted twice, every phrase of a logged ask would rise twice as sharply at a
    split, and the permutations, which move the row and its mail apart, would not
    see that: the test would overstate its families and understate its p-value.
    A mail without a date is not in the test, so the row that records it stands
    for it.

    >>> frame = pd.DataFrame({
    ...     "sent_at": pd.to_datetime(["2024-03-01", "2024-03-02", None, "2024-03-05",
    ...                                "2024-03-06"], utc=True),
    ...     "text": ["a", "a again", "c", "c again", "b"],
    ...     "same_as": ["", "r1", "", "r2", ""]}, index=["r1", "l1", "r2", "l2", "l3"])
    >>> _one_per_ask(frame).index.tolist()
    ['r1', 'r2', 'l2', 'l3']
    """
    if "same_as" not in requests:
        return requests
    same_as = requests["same_as"].fillna("").astype(str)
    dated = requests.index[requests["sent_at"].notna()].astype(str)
    records = (same_as != "") & same_as.isin(dated)
    return requests[~records]


def _with_records(members: pd.Series, requests: pd.DataFrame) -> pd.Series:
    """An e-mail ask and the log row that records it are one request: either in
    the vision puts both there."""
    if "same_as" not in requests:
        return members
    same_as = requests["same_as"].fillna("").astype(str)
    linked = same_as[same_as != ""]
    if linked.empty:
        return members
    rows, mails = linked.index, pd.Index(linked.to_numpy())
    both = members.loc[rows].to_numpy() | members.reindex(mails).fillna(False).to_numpy(bool)
    out = members.copy()
    out.loc[rows] = both
    out.loc[mails[both]] = True
    return out


def _name_words(people: pd.DataFrame) -> set[str]:
    """The first names and surnames of everyone in the mail ("Iris de Boer": iris, boer)."""
    words = set()
    for name in people["name"].fillna("").astype(str):
        parts = [p for p in re.split(r"[^\w'-]+", name) if p.isalpha()]
        if len(parts) >= 2:
            words |= {parts[0].lower(), parts[-1].lower()}
    return words


def _framing_words(requests: pd.DataFrame, random_state, min_surprise: float = 4.0,
                   limit: int = 25, max_alike: float = 0.4) -> tuple[str, ...]:
    """Words of phrases that emerge over time across the whole request stream.

    A framing travels across asks of every kind; a new kind of ask ("we are
    preparing our five-year plan...") also emerges, but its requests read alike
    beyond the phrase. A phrase whose requests are alike once its own words are
    left out (mean cosine similarity of ``max_alike`` or more) is what those
    requests ask, and stays a topic word.
    """
    probe = SharedSourceTest(n_permutations=0, min_topic_spread=1, concepts=False,
                             set_apart=False, random_state=random_state)
    result = probe.fit(requests.assign(topic_id="all"))
    feats = result.features
    strong = feats["surprise"] >= min_surprise
    terms = feats.loc[strong & feats["feature"].str.startswith("term:"),
                      "feature"].str.slice(5).head(limit).tolist()
    # a vocabulary of many rare phrases is a framing too: every phrase of it
    for feature in feats.loc[strong, "feature"]:
        if feature.startswith("vocabulary:"):
            terms += feature.removeprefix("vocabulary:").split("|")
    terms = list(dict.fromkeys(terms))
    if not terms:
        return ()
    texts = subject_and_text(requests)
    words = WordProfile(texts)
    rng = np.random.default_rng(random_state)
    kept = []
    for term in terms:
        carriers = np.flatnonzero(contains_term(texts, term).to_numpy())
        if len(carriers) > 300:  # a sample tells how alike they are
            carriers = np.sort(rng.choice(carriers, 300, replace=False))
        if len(carriers) < 2 or words.alike(carriers, term) < max_alike:
            kept.append(term)
    return tuple(sorted({w for t in kept for w in re.findall(r"\w+", t)}))


def _topics(requests: pd.DataFrame, n_topics, random_state, framing=()):
    from .cluster import TopicClusterer, fit_out_of_core

    texts = (requests["subject"].fillna("") + "\n" + requests["text"].fillna("")).tolist()
    n = len(texts)
    if n < 6:
        ids = ["t00"] * n
        frame = pd.DataFrame({"topic_id": ["t00"], "label": ["all requests"],
                              "top_terms": [[]], "size": [n],
                              "first_seen": [requests["sent_at"].min()],
                              "last_seen": [requests["sent_at"].max()],
                              "representative_ids": [list(requests.index[:3])]})
        return ids, ["all requests"] * n, frame, None, None
    # A stream of hundreds of customer asks is not two topics: the automatic scan
    # starts at sqrt(n)/2 (5 topics for 100 requests, 8 for 250), where the most
    # stable split into "vision vs the rest" can no longer pass for the topic map.
    min_topics = int(min(max(3, np.ceil(np.sqrt(n) / 2)), 12))
    clusterer = TopicClusterer(n_topics=n_topics or "auto", min_topics=min_topics,
                               extra_stop_words=framing, random_state=random_state)
    if n > OUT_OF_CORE_REQUESTS:
        # too many for the in-memory fit (LSA of every request, resampled k scan):
        # fit on a sample, then re-estimate over all requests chunk by chunk
        fit_out_of_core(clusterer, pd.Series(texts, index=requests.index),
                        sample_size=OUT_OF_CORE_SAMPLE, n_passes=3)
    else:
        clusterer.fit(pd.DataFrame({"text": texts}, index=requests.index))
    ids = [str(t) for t in clusterer.labels_]
    topics = clusterer.topics_frame(requests.assign(topic_id=ids))
    labels = dict(zip(topics["topic_id"], topics["label"], strict=True))
    vectors = getattr(clusterer, "embedding_", None)
    return ids, [labels.get(t, t) for t in ids], topics, clusterer, vectors


def _relayed_text(segments: pd.DataFrame, identities, domains,
                  senders: pd.Series | None = None) -> pd.Series:
    """Per message: the text of quoted/forwarded blocks written outside the seller
    by someone other than the message's sender (``senders``: message key → address).

    The sender's own earlier mail quoted back under a chaser ("Any update on
    this?") is not relayed: it is the ask they already made, and reading it again
    would count that ask's words twice and tie the chaser's phrases to it.
    """
    blocks = segments[(segments["depth"] >= 1)
                      & segments["kind"].isin(["forwarded", "quoted"])]
    if blocks.empty:
        return pd.Series(dtype=str)
    seller = set(identities.people.loc[identities.people["side"] == "seller", "person_id"])
    sender_ids = {} if senders is None else {
        key: identities.lookup(str(address))
        for key, address in senders.reindex(blocks["message_key"].unique()).dropna().items()}

    def outside(author: str, email: str, pasted: bool, key) -> bool:
        if email and "@" in email:
            domain = email.rsplit("@", 1)[1].lower()
            if any(domain == d or domain.endswith("." + d) for d in domains):
                return False
        pid = identities.lookup(email) or identities.lookup(author)
        if pid and pid == sender_ids.get(key):
            return False
        # a passage the customer pasted in is theirs to relay, signed or not
        return pid not in seller if pid else bool(author or email or pasted)

    pasted = blocks["header_style"].eq("pasted") if "header_style" in blocks.columns else \
        pd.Series(False, index=blocks.index)
    keep = [outside(a, e, p, k) for a, e, p, k in zip(
        blocks["author"], blocks["author_email"], pasted, blocks["message_key"], strict=True)]
    blocks = blocks[keep]
    # the block's inner header (From:/Sent:/To:) is metadata, not the ask
    body = [text[max(0, end - start):] if end > start else text
            for text, start, end in zip(blocks["text"], blocks["start"], blocks["header_end"],
                                        strict=True)]
    return pd.Series(body, index=blocks.index).groupby(
        blocks["message_key"], sort=False).agg(lambda t: "\n\n".join(x.strip() for x in t))


def _style_model(messages: pd.DataFrame, identities, random_state):
    """A stylometry model over customer-side people with enough own text."""
    from .attribution import AuthorshipModel

    # the two columns, not the whole frame: a filtered copy of every column
    # (bodies included) would be held for nothing
    inbound = messages.loc[messages["direction"] == "inbound", ["sender", "new_text"]]
    authors = [identities.lookup(s) or "" for s in inbound["sender"]]
    frame = pd.DataFrame({"text": inbound["new_text"].to_numpy(), "author": authors})
    frame = frame[(frame["author"] != "") & (frame["text"].str.split().str.len() >= 20)]
    counts = frame["author"].value_counts()
    counts = counts[counts >= 5]
    # a linear model per author costs authors x texts: in a stream of many accounts
    # only the most prolific writers get a profile (an account has far fewer)
    ranked = sorted(zip(counts.index, counts.to_numpy(), strict=True),
                    key=lambda kv: (-kv[1], kv[0]))
    keep = [author for author, _ in ranked[:MAX_STYLE_AUTHORS]]
    frame = frame[frame["author"].isin(keep)]
    if frame["author"].nunique() < 2:
        return None
    # cap per author so one prolific sender does not drown the others
    frame = frame.groupby("author", sort=True, group_keys=False).head(60)
    model = AuthorshipModel(min_texts=5, min_words=150, cv=3, max_char_features=30_000,
                            max_word_features=10_000, random_state=random_state)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            model.fit(frame["text"].tolist(), frame["author"].tolist())
        except ValueError:
            return None
    return model


def _with_context(requests: pd.DataFrame) -> pd.DataFrame:
    """The requests with ``text`` widened to the ask plus its context."""
    if "context" not in requests:
        return requests
    text = requests["text"].fillna("").astype(str)
    context = requests["context"].fillna("").astype(str)
    return requests.assign(text=(text + "\n\n" + context).str.strip())


def _attributor() -> Attributor:
    """The combiner, with the calibration map when the package ships one."""
    return Attributor(calibration=DEFAULT_CALIBRATION if DEFAULT_CALIBRATION.exists() else None)


def _with_vision_clues(evidence: pd.DataFrame, found: pd.DataFrame) -> pd.DataFrame:
    """The evidence with the finding's clues ``found`` added.

    Whose vision a request's phrases are is the finding's answer: a clue that only
    says who first wrote them in the mail (a relay may have pasted them, unsigned,
    before anyone else) gives way on the requests the finding has a clue for.

    >>> old = pd.DataFrame({"request_id": ["r1", "r2"], "candidate": ["p_relay", "p_relay"],
    ...                     "kind": ["first_writer", "first_writer"], "weight": [1.5, 1.5]})
    >>> new = pd.DataFrame({"request_id": ["r1"], "candidate": ["org:Praxon"],
    ...                     "kind": ["vision"], "weight": [2.5]})
    >>> _with_vision_clues(old, new)[["request_id", "candidate"]].values.tolist()
    [['r2', 'p_relay'], ['r1', 'org:Praxon']]
    """
    superseded = (evidence["kind"] == "first_writer") & evidence["request_id"].isin(
        set(found["request_id"]))
    return pd.concat([evidence[~superseded], found], ignore_index=True)


def _vision_clues(requests: pd.DataFrame, vision: dict) -> pd.DataFrame:
    """Evidence that a vision request carries the vision's own vocabulary.

    Once the test has found a shared source, a request in the vision that uses
    its phrases points at that source even when no header names it (pasted or
    rephrased asks); the weight grows with the phrases it uses.
    """
    terms = [t.lower() for t in vision.get("vision_terms", [])]
    key, label = vision["source_key"], vision.get("source_label", "")
    # A department source speaks through its people: a request already traced to one
    # of them keeps that person, and the vocabulary alone points at the one carrying
    # most of the department's evidence. A department known only from its name in
    # the asks has no such person: the department itself is the originator.
    own = set(vision.get("source_people", []))
    if own:
        key = vision["source_people"][0]
    current = requests.get("originator_id", pd.Series("", index=requests.index))
    rows = []
    for request_id, text, part, message_id, originator in zip(
            requests.index, requests["text"].fillna("").str.lower(),
            requests["part_of_vision"], requests["message_id"], current, strict=True):
        if not part or originator in own:
            continue
        used = [t for t in terms if all(w in text for w in t.split())
                and re.search(term_pattern(t), text)]
        if not used:
            continue
        rows.append({"request_id": str(request_id), "candidate": key, "kind": "vision",
                     "weight": 1.0 + 0.5 * min(len(used), 4),
                     "excerpt": f"uses the vision's phrases of {label}: "
                                + ", ".join(f"“{t}”" for t in used[:4]),
                     "source": str(message_id)})
    return pd.DataFrame(rows, columns=["request_id", "candidate", "kind", "weight", "excerpt",
                                       "source"])


def _display_id(person_id: str, people: pd.DataFrame) -> str:
    if person_id in (UNKNOWN, "", None):
        return UNKNOWN
    if person_id.startswith("org:"):
        return person_id.removeprefix("org:")
    if person_id.startswith("dept:"):
        return person_id.removeprefix("dept:") + " (department)"
    if person_id in people.index:
        emails = people.loc[person_id, "emails"]
        if isinstance(emails, list) and emails:
            return emails[0]
        return str(people.loc[person_id, "name"]) or person_id
    return person_id


def _authored(messages, segments, identities) -> pd.DataFrame:
    """Text each person wrote, with when: their messages' new text (with the
    message's key), the quoted or forwarded blocks they authored (dated by the
    block's inner header), and the names of the files they attached."""
    rows = []
    for key, sender, text, sent in zip(messages.index.astype(str), messages["sender"],
                                       messages["new_text"], messages["sent_at"], strict=True):
        pid = identities.lookup(sender)
        if pid and text:
            rows.append((pid, text, sent, key))
    blocks = segments[(segments["depth"] >= 1) & (segments["kind"].isin(["forwarded",
                                                                          "quoted"]))]
    pasted = blocks["header_style"].eq("pasted").to_numpy() if "header_style" in blocks \
        else np.zeros(len(blocks), dtype=bool)
    by_first = people_by_first_name(identities.people)
    for author, email, text, sent, paste in zip(blocks["author"], blocks["author_email"],
                                                blocks["text"], blocks["sent_at"], pasted,
                                                strict=True):
        pid = identities.lookup(email) or identities.lookup(author)
        if not pid and paste and author:
            # a pasted note signed "Sergio": the one person of that first name
            found = by_first.get(_fold(author.split()[0]), [])
            pid = found[0] if len(found) == 1 else None
        if pid and text:
            rows.append((pid, text, sent, None))
    for sender, names, sent in zip(messages["sender"], messages["attachment_names"],
                                   messages["sent_at"], strict=True):
        pid = identities.lookup(sender)
        if pid and names:
            rows.append((pid, " ".join(n.rsplit(".", 1)[0].replace("_", " ").replace("-", " ")
                                       for n in names), sent, None))
    frame = pd.DataFrame(rows, columns=["author_id", "text", "sent_at", "message_key"])
    frame["sent_at"] = pd.to_datetime(frame["sent_at"], utc=True)
    return frame


def _earlier_words(messages: pd.DataFrame, onset, margin_days: int = 30) -> set[str]:
    """Every word the account wrote well before the onset: bodies, subjects, file names.

    The margin keeps the vision's own first days (the onset is estimated to within a
    few days) out of the "before". Gathered message by message: one joined text
    of a large stream's history would not fit in memory.
    """
    if onset is None:
        return set()
    from .vision._outside import _WORD

    before = messages.loc[messages["sent_at"] < onset - pd.Timedelta(days=margin_days),
                          ["subject", "body_text", "attachment_names"]]
    words: set[str] = set()
    for subject, body, files in zip(before["subject"].fillna("").astype(str),
                                    before["body_text"].fillna("").astype(str),
                                    before["attachment_names"], strict=True):
        words.update(_WORD.findall(subject))
        words.update(_WORD.findall(body))
        if isinstance(files, list):
            words.update(_WORD.findall(" ".join(files)))
    return words


def _copied(requests, messages, identities) -> pd.Series:
    """The people each e-mailed request was addressed or copied to (a log row: none)."""
    lookup = {}

    def ids(addresses) -> frozenset:
        out = set()
        for address in addresses if isinstance(addresses, list) else ():
            if address not in lookup:
                lookup[address] = identities.lookup(address)
            if lookup[address]:
                out.add(lookup[address])
        return frozenset(out)

    if "message_key" not in requests:
        return pd.Series([frozenset()] * len(requests), index=requests.index, dtype=object)
    keys = requests["message_key"]
    known = keys.isin(messages.index)
    recipients = pd.Series([frozenset()] * len(requests), index=requests.index, dtype=object)
    rows = messages.loc[keys[known].to_numpy(), ["to", "cc"]]
    recipients[known.to_numpy()] = [ids(to) | ids(cc) for to, cc in
                                    zip(rows["to"], rows["cc"], strict=True)]
    return recipients


def _seller_names(people: pd.DataFrame) -> set[str]:
    """The seller's names as its mail domains spell them ("lumentrasoft")."""
    if "side" not in people or "domain" not in people:
        return set()
    names = set()
    for domain in people.loc[people["side"] == "seller", "domain"].dropna().astype(str):
        name = organization_from_domain(domain).lower()
        if name and name != "individual":
            names.update({name.replace(" ", ""), *name.split()})
    return {n for n in names if len(n) >= 4}


def _nudge(term: str, notes: pd.Series, max_words: int = 10) -> bool:
    """Is a phrase a nudge's formula ("sorry to insist", "any news on this")?

    Follow-ups chase the asks and so rise with them, but they are a few words
    long and carry nobody's vision: a phrase most of whose ``notes`` (lower case)
    are that short is the formula, not the vision.
    """
    using = notes[contains_term(notes, term)]
    return bool(len(using)) and bool(
        (using.str.split().str.len() <= max_words).mean() >= 0.5)


_PARAGRAPH = re.compile(r"\n[\s>]*\n")


def _stock_sentence(term: str, texts: pd.Series, min_repeats: int = 3,
                    max_words: int = 15) -> bool:
    r"""Is a phrase part of a stock sentence that people send unchanged?

    A chaser ("Sorry to chase, but this is becoming urgent on our side.") comes
    back word for word, as the whole paragraph, in message after message; a
    vision is written anew each time. ``texts`` are the messages' own new text
    (lower case). The phrase is a stock sentence when, in at least half of the
    texts that write it, and in ``min_repeats`` of them at least, it sits in one
    and the same paragraph of at most ``max_words`` words.

    >>> texts = pd.Series(["hi,\n\nsorry to chase, this is urgent.\n\nthanks",
    ...                    "dear ana,\n\nsorry to chase, this is urgent.",
    ...                    "sorry to chase, this is urgent.\n\nbest",
    ...                    "no rush at all"])
    >>> _stock_sentence("sorry chase urgent", texts)
    True
    >>> _stock_sentence("sorry chase urgent", texts.iloc[:2])
    False
    """
    using = texts[contains_term(texts, term)]
    if len(using) < min_repeats:
        return False
    paragraphs = pd.Series([p for text in using for p in _PARAGRAPH.split(text)],
                           dtype=object).str.strip()
    paragraphs = paragraphs[contains_term(paragraphs, term)]
    if paragraphs.empty:
        return False
    same = paragraphs.str.split().str.join(" ").value_counts()
    return bool(same.iloc[0] >= max(min_repeats, len(using) / 2)
                and len(same.index[0].split()) <= max_words)


def _source_writing(source, authored: pd.DataFrame, messages: pd.DataFrame,
                    terms: list[str], limit: int = 3, width: int = 90) -> list[dict]:
    """The source's own messages that write the vision's phrases, earliest first:
    the mail a clue such as "uses 60% of the vision terms in their own mail" rests
    on, each with its message id, date, subject and the phrase in its sentence.

    >>> from types import SimpleNamespace
    >>> authored = pd.DataFrame({"author_id": ["p_dana", "p_dana", "p_lee"],
    ...     "text": ["Thanks.", "Our goal: zero touch provisioning everywhere.",
    ...              "zero touch provisioning"],
    ...     "sent_at": pd.to_datetime(["2024-03-01", "2024-03-04", "2024-03-02"], utc=True),
    ...     "message_key": ["m1", "m2", "m3"]})
    >>> messages = pd.DataFrame({"message_id": ["<1@c>", "<2@c>", "<3@c>"],
    ...     "subject": ["Hi", "Plans", "Re: Plans"]}, index=["m1", "m2", "m3"])
    >>> dana = SimpleNamespace(people=frozenset({"p_dana"}))
    >>> _source_writing(dana, authored, messages, ["zero touch provisioning"])[0]["excerpt"]
    'Our goal: zero touch provisioning everywhere.'
    """
    if source is None or not terms or authored.empty:
        return []
    own = authored[authored["author_id"].isin(source.people) & authored["message_key"].notna()]
    if own.empty:
        return []
    own = own.sort_values("sent_at", kind="stable")
    lower = own["text"].fillna("").astype(str).str.lower()
    # the longest phrases first: "zero touch provisioning" says more than "zero touch"
    patterns = [re.compile(term_pattern(t), re.IGNORECASE)
                for t in sorted(terms, key=lambda t: (-len(t), t))]
    written = pd.Series(False, index=own.index)
    for term in terms:
        written |= contains_term(lower, term)
    found = []
    for key, text, sent in zip(own.loc[written, "message_key"], own.loc[written, "text"],
                               own.loc[written, "sent_at"], strict=True):
        if key not in messages.index:
            continue
        flat = " ".join(str(text).split())
        hit = next((m for m in (p.search(flat) for p in patterns) if m), None)
        if hit is None:
            continue
        start, end = max(0, hit.start() - width), min(len(flat), hit.end() + width)
        # whole words at both ends
        start = flat.find(" ", start, hit.start()) + 1 if start else 0
        end = flat.rfind(" ", hit.end(), end) if end < len(flat) else end
        end = len(flat) if end < 0 else end
        excerpt = ("…" if start else "") + flat[start:end] + ("…" if end < len(flat) else "")
        row = messages.loc[key]
        message_id, subject = (row.get(c) for c in ("message_id", "subject"))
        found.append({"message_id": "" if pd.isna(message_id) else str(message_id),
                      "date": "" if pd.isna(sent) else sent.date().isoformat(),
                      "subject": "" if pd.isna(subject) else str(subject),
                      "excerpt": excerpt})
        if len(found) >= limit:
            break
    return found


def _landmarks(source, messages: pd.DataFrame, identities, requests: pd.DataFrame,
               members: pd.Series, width: int = 160) -> list[dict]:
    """Where the story of the vision starts in the mail, in date order: when the
    source was first copied in (an announcement, say), their first message, and
    the first request of the vision, each with its message id, date, subject and
    opening words."""
    def item(message_id, sent, subject, what, text) -> dict:
        flat = " ".join(str(text or "").split())
        cut = flat if len(flat) <= width else flat[:width].rsplit(" ", 1)[0] + "…"
        return {"message_id": "" if pd.isna(message_id) else str(message_id),
                "date": "" if pd.isna(sent) else pd.Timestamp(sent).date().isoformat(),
                "subject": "" if pd.isna(subject) else str(subject),
                "excerpt": f"{what}: {cut}" if cut else what}

    found = []
    people = frozenset() if source is None else source.people
    if people and len(messages):
        senders = messages["sender"].dropna().astype(str).unique()
        theirs = {s for s in senders if identities.lookup(s) in people}
        mail = messages[messages["sender"].isin(theirs) & messages["sent_at"].notna()]
        who = source.name or source.email
        if len(mail):
            first = mail.sort_values("sent_at", kind="stable").iloc[0]
            found.append(item(first.get("message_id"), first["sent_at"], first.get("subject"),
                              f"first message sent by {who}", first.get("new_text")))
            # copied in before they wrote: when they first appear
            earlier = messages[messages["sent_at"] < first["sent_at"]]
        else:
            earlier = messages[messages["sent_at"].notna()]
        emails = {e.lower() for person in identities.people.itertuples()
                  if person.person_id in people and isinstance(person.emails, list)
                  for e in person.emails}
        if emails and len(earlier) and {"to", "cc"} <= set(earlier.columns):
            copied = [bool(emails & {str(a).lower() for a in [*to, *cc]})
                      for to, cc in zip(earlier["to"], earlier["cc"], strict=True)]
            copied = earlier[np.asarray(copied, dtype=bool)]
            if len(copied):
                first = copied.sort_values("sent_at", kind="stable").iloc[0]
                found.insert(0, item(first.get("message_id"), first["sent_at"],
                                     first.get("subject"), f"{who} first copied in",
                                     first.get("new_text")))
    vision = requests[members.reindex(requests.index).fillna(False).astype(bool)
                      & requests["sent_at"].notna()]
    if len(vision):
        first = vision.sort_values("sent_at", kind="stable").iloc[0]
        found.append({"request_id": str(first.name),
                      **item(first.get("message_id"), first["sent_at"], first.get("subject"),
                             "first request of the vision", first.get("text"))})
    return sorted(found, key=lambda f: f["date"])


def _finding(test, requests, messages, segments, identities, alpha):
    from .vision import emerging_names, outside_parties, stray_names
    from .vision._outside import holds_name

    people = identities.people
    finder = VisionFinder()
    base = {
        "shared_source": False, "p_value": round(float(test.p_value), 4), "confidence": 0.0,
        "source": None, "source_kind": None, "origin_hypothesis": None, "onset": None,
        "vision_terms": [], "requests_in_vision": [], "topics_in_vision": [],
        "runner_up_sources": [], "alpha": alpha, "statistic": round(float(test.statistic), 4),
        "n_families": test.n_families,
        "null_hypothesis": ("the order in which the customer's conversations arrive is "
                            "exchangeable: no source starts pushing one set of ideas across "
                            "unrelated topics"),
        "reason": test.reason,
    }
    members = pd.Series(False, index=requests.index)
    if not test.significant(alpha):
        if not base["reason"]:
            base["reason"] = (
                f"p = {test.p_value:.3f} is not below the level {alpha}"
                if test.p_value >= alpha else
                f"only {test.n_families} independent emerging phrase(s) (a vision needs "
                f"{test.min_families}): ordinary drift, not a shared vocabulary"
                + (f"; {len(test.sellers)} more name the seller or its products and are "
                   "not counted" if test.sellers else "")
                + (f"; {len(test.bursts)} more came in a burst and are not counted"
                   if test.bursts else "")
                if test.n_families < test.min_families else
                f"{test.n_families} emerging features, but only {test.n_phrase_families} more "
                f"than a lone word (a vision needs {test.min_phrase_families}): everyday "
                "words drifting, not a shared vocabulary")
        return base, members
    # the seller's own products ("Lumentra DockSync") come up in the asks about how
    # they would fit the vision; they are the seller's words, not the source's
    seller = _seller_names(people)
    notes = requests["context"].fillna("").astype(str).str.lower()
    own = messages["new_text"].fillna("").astype(str).str.lower()

    def formula(term: str, own: pd.Series = own) -> bool:
        return _nudge(term, notes) or _stock_sentence(term, own)

    sharp = [t for t in finder.vision_terms(test, requests)
             if not names_seller(t, seller, requests["text"]) and not formula(t)]
    originator_features = [f.removeprefix("originator:") for f in test.features["feature"]
                           if f.startswith("originator:")]
    source_ids = set(originator_features[:1])
    anytime = finder.members(requests, sharp, None, source_ids)
    onset = change_onset(test, requests, anytime)
    # Who the source is rests on the sharpest phrases and their requests alone (the
    # test's own evidence); the other phrases that emerged at the onset widen which
    # requests belong to the vision.
    core = anytime if onset is None else anytime & (requests["sent_at"] >= onset)
    earlier = _earlier_words(messages, onset)
    # a name that rose with the vision but is written beside its other phrases no
    # more than beside anything else (a company programme everyone cites) is not the
    # vision's: its phrases are set aside, and the vision's requests and onset read
    # again without them
    strays = stray_names(requests, core, onset, earlier, people, sharp)
    if strays:
        sharp = [t for t in sharp if not holds_name(t, strays)]
        anytime = finder.members(requests, sharp, None, source_ids)
        onset = change_onset(test, requests, anytime)
        core = anytime if onset is None else anytime & (requests["sent_at"] >= onset)
        earlier = _earlier_words(messages, onset)
    # nor are the phrases of a name the test set aside as rising on its own
    apart = strays + (test.set_aside[0].removeprefix("term:").split() if test.set_aside
                      else [])
    terms = [t for t in finder.expand_terms(requests, sharp, onset)
             if t in sharp or not (names_seller(t, seller, requests["text"])
                                   or formula(t) or holds_name(t, apart))]
    # the lower-case copy of every message's own text is not needed past here (it is
    # as large as the mail itself)
    del formula, own
    members = _with_records(_with_chasers(finder.members(requests, terms, onset, source_ids),
                                          requests), requests)
    authored = _authored(messages, segments, identities)
    outside = emerging_names(requests, core, onset, earlier, people, terms=sharp)
    candidates = finder.candidates(requests, core, sharp, people, authored, onset,
                                   outside_names=outside,
                                   copied=_copied(requests, messages, identities))
    first = candidates[0] if candidates else None
    if finder.wants_maker(first):
        # the scan of who corresponds with the customer is needed only here
        lead = finder.maker(first, outside_parties(messages, identities),
                            people.set_index("person_id"), onset)
        if lead is not None:
            candidates = [lead, *candidates[1:]]
    source = candidates[0] if candidates else None
    writing = _source_writing(source, authored, messages, sharp)
    landmarks = _landmarks(source, messages, identities, requests, members)
    start = messages["sent_at"].min()
    origin, origin_clues = finder.origin(source, onset, start, ranked=candidates)
    base.update({
        "shared_source": True,
        "confidence": round(confidence_from_scores(candidates) * (1 - test.p_value), 3)
        if source else round(1 - test.p_value, 3),
        "source": None if source is None else {
            "name": source.name, "email": source.email, "organization": source.organization,
            "department": source.department, "title": source.title},
        "source_kind": None if source is None else source.kind,
        "source_key": None if source is None else source.key,
        "source_label": "" if source is None else (source.name or source.email),
        "source_clues": [] if source is None else source.clues,
        "source_people": [] if source is None else list(
            source.members if source.backed is None else source.backed),
        "source_writing": writing,
        "origin_messages": landmarks,
        "origin_hypothesis": origin,
        "origin_clues": origin_clues,
        "onset": None if onset is None else onset.date().isoformat(),
        "vision_terms": surface_forms(requests.loc[members, "text"], terms),
        "requests_in_vision": [str(r) for r in requests.index[members]],
        "topics_in_vision": sorted(requests.loc[members, "topic_id"].unique().tolist()),
        "runner_up_sources": [{"name": c.name, "kind": c.kind, "score": round(c.score, 3),
                               "clues": c.clues} for c in candidates[1:4]],
    })
    return base, members
