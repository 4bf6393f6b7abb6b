"""Where the per-message stages run: in this process (pandas) or on a Dask cluster.

Reading, zoning and request detection look at one message at a time, so they
run partition by partition: on a Dask cluster each partition (a group of files,
or a byte range of a large mbox) is read on a worker, and so is each slice of
messages zoned and scored. The stages that need the whole stream —
de-duplication, threads, identities, topics, attribution, the shared-source
test — run on the merged frames, with the same code as the pandas engine, so
both engines give the same messages, requests, topics and finding (tested with
a two-worker ``LocalCluster``).
"""

from __future__ import annotations

import os
import re
import warnings
from contextlib import contextmanager

import numpy as np
import pandas as pd

from .normalize import (
    NOTE_KINDS,
    combine_requests,
    detect_requests,
    own_text,
    segment_messages,
    team_correspondents,
)
from .normalize._requests import _n_words

__all__ = ["ENGINES", "dask_prepare", "prepare_in_slices", "prepare_partition",
           "slim_segments"]

ENGINES = ("pandas", "dask")
CONNECT_TIMEOUT = 10  # seconds to reach a scheduler given by address


def prepare_partition(messages: pd.DataFrame, seller_domains, correspondents=None) -> tuple:
    """Zoning and request detection for one slice of the messages frame.

    Returns ``(new_text, segments, requests)``: each message's own new text
    (a Series on the slice's index), the segments frame, and the e-mail
    requests of the slice (no request log; see ``combine_requests``).
    ``correspondents`` are the whole stream's (see ``team_correspondents``);
    by default the slice's own.
    """
    segments = segment_messages(messages)
    new_text = own_text(segments, index=messages.index)
    # requests are read in the author's whole note (greeting and closing are cues)
    note = own_text(segments, NOTE_KINDS, index=messages.index)
    requests = detect_requests(messages.assign(new_text=note),
                               seller_domains=seller_domains, correspondents=correspondents)
    passed = _passed_on(messages, segments, new_text, requests, seller_domains)
    if len(passed):
        more = detect_requests(messages.loc[passed.index].assign(new_text=passed),
                               seller_domains=seller_domains, correspondents=correspondents)
        if len(more):
            requests = pd.concat([requests, more]).loc[lambda f: ~f.index.duplicated()]
            order = {key: i for i, key in enumerate(messages.index.astype(str))}
            requests = requests.iloc[np.argsort([order[k] for k in requests["message_key"]],
                                                kind="stable")]
    return new_text, segments, requests


#: A note this short, with no ask of its own, over a block someone else wrote,
#: passes that block's asks on ("See below.", "Over to you – please see the mail
#: below.", "下記転送いたします。").
PASS_ON_WORDS = 30
#: ... and the block it passes on is an ask's length, not an article's.
PASS_ON_BLOCK_WORDS = 200


def _passed_on(messages: pd.DataFrame, segments: pd.DataFrame, new_text: pd.Series,
               requests: pd.DataFrame, seller_domains) -> pd.Series:
    """The notes that pass on the asks of a block below them, with that block.

    A customer who forwards a colleague's mail, or replies over it, with "See
    below." relays the colleague's asks: the first block a customer (not the
    seller, and not the sender: a note over one's own mail chases it) wrote below
    it is read for asks. Messages already
    found as requests, and notes longer than :data:`PASS_ON_WORDS` words, are
    left as they were.
    """
    if segments.empty or not {"depth", "author_email", "message_key"} <= set(segments):
        return pd.Series(dtype=str)
    asked = set(requests["message_key"].astype(str)) if len(requests) else set()
    domains = [seller_domains] if isinstance(seller_domains, str) else list(seller_domains or ())
    domains = tuple(str(d).lower().lstrip("@") for d in domains if str(d).strip())

    def outside(addresses: pd.Series) -> np.ndarray:
        domain = addresses.str.rsplit("@", n=1).str[-1]
        ours = np.zeros(len(addresses), dtype=bool)
        for d in domains:
            ours |= (domain == d).to_numpy() | domain.str.endswith("." + d).to_numpy()
        return addresses.str.contains("@", regex=False).to_numpy() & ~ours

    # only the customers' notes not already found as requests are read (most of a
    # large stream is neither: its columns are touched once, on the few left)
    senders = messages["sender"].fillna("").astype(str).str.lower() if "sender" in messages \
        else pd.Series("", index=messages.index)
    keys = messages.index.astype(str)
    left = ~keys.isin(asked) & outside(senders)
    if not left.any():
        return pd.Series(dtype=str)
    notes = new_text.reindex(messages.index[left]).fillna("").astype(str)
    words = notes.str.split().str.len().to_numpy()
    # a forward, or a note that points below it: "Thanks!" over a quoted ask is a
    # thank-you, not a relay
    subjects = messages.loc[left, "subject"].fillna("").astype(str) if "subject" in messages \
        else pd.Series("", index=notes.index)
    pointing = (subjects.str.match(_FORWARD_SUBJECT).to_numpy()
                | notes.str.contains(_POINTS_BELOW).to_numpy())
    short = set(keys[left][(words <= PASS_ON_WORDS) & pointing])
    if not short:
        return pd.Series(dtype=str)
    below = segments[(segments["depth"] == 1)
                     & segments["message_key"].astype(str).isin(short)
                     & ~segments["kind"].isin(["signature", "disclaimer"])]
    email = below["author_email"].fillna("").astype(str).str.lower()
    # not the sender's own earlier mail: a note over that chases it ("gentle reminder
    # on the below"), and a chaser is not a new ask
    by_key = pd.Series(senders.to_numpy(), index=keys)
    own = email.to_numpy() == by_key.reindex(below["message_key"].astype(str)).fillna(
        "").to_numpy()
    below = below[outside(email) & ~own]
    if below.empty:
        return pd.Series(dtype=str)
    # the first block below the note: its author's own zones only
    first = below.groupby("message_key", sort=False)["author_email"].transform("first")
    block = below[below["author_email"] == first].groupby("message_key", sort=False)[
        "text"].agg(lambda t: "\n\n".join(x.strip() for x in t))
    keys = [k for k in messages.index if str(k) in set(block.index.astype(str))]
    if not keys:
        return pd.Series(dtype=str)
    block.index = block.index.astype(str)
    # the block's own words: not its header lines ("Sent: Monday, 10:12 AM" reads as
    # scheduling), nor the note ("See below" reads as an FYI); a long block is an
    # article or a report passed round, not a colleague's ask
    texts = {k: _without_header(block[str(k)]) for k in keys}
    keys = [k for k in keys if _n_words(texts[k]) <= PASS_ON_BLOCK_WORDS]
    return pd.Series([texts[k] for k in keys],
                     index=pd.Index(keys, name=messages.index.name), dtype=str)


#: A forward's subject prefix, in the languages mail clients write it.
_FORWARD_SUBJECT = re.compile(r"^\s*(?:\[?(?:fw|fwd|wg|tr|rv|enc|i|vs|vb|doorst|pd|転送)\s*:)",
                              re.IGNORECASE)
#: A note that points at what is below it ("see below", "see Simone's mail below",
#: "siehe unten", "ci-dessous", "abajo", "qui sotto", "hieronder", "下記", "以下").
_POINTS_BELOW = re.compile(r"\b(?:below|unten|unterhalb|ci-dessous|dessous|abajo|sotto|"
                           r"hieronder|onderstaand\w*|nedan|poniżej)\b|下記|以下|下の",
                           re.IGNORECASE)
_HEADER_LINE = re.compile(r"^\s*(?:[-_=*]{2,}.*|[^\W\d][\w .'-]{0,30}\s?[:：].*|.*\bwrote:\s*|"
                          r".*(?:schrieb|a écrit|escribió|ha scritto|schreef|のメッセージ).*:\s*)$")


def _without_header(text: str) -> str:
    """A quoted or forwarded block less the header lines on top of it.

    >>> _without_header("-----Original Message-----\\nFrom: Ann <a@c.com>\\n"
    ...                 "Subject: price\\n\\nCould you price it?")
    'Could you price it?'
    """
    lines = text.strip().splitlines()
    k = 0
    while k < len(lines) and (not lines[k].strip() or _HEADER_LINE.match(lines[k])):
        k += 1
    return "\n".join(lines[k:]).strip()


def prepare_in_slices(messages: pd.DataFrame, seller_domains, *, slice_rows: int = 20_000,
                      slim: bool = False) -> tuple:
    """:func:`prepare_partition` slice by slice in this process, results concatenated.

    With ``slim``, each slice's segments keep only what later stages read (the
    text of depth-0 segments other than signatures is dropped: it is the
    message's ``new_text``; inner-header recipients and subjects go too), so a
    million-message run does not hold every body twice.
    """
    texts, parts, found = [], [], []
    # who the team writes to is a fact of the whole stream, not of one slice
    correspondents = team_correspondents(messages, seller_domains)
    for start in range(0, max(len(messages), 1), slice_rows):
        new_text, segments, requests = prepare_partition(
            messages.iloc[start:start + slice_rows], seller_domains, correspondents)
        texts.append(new_text)
        parts.append(slim_segments(segments) if slim else segments)
        found.append(requests)
    segments = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
    new_text = pd.concat(texts) if len(texts) > 1 else texts[0]
    return new_text, segments, found


def slim_segments(segments: pd.DataFrame) -> pd.DataFrame:
    """The segments columns and texts that threads, identities, evidence and the
    finding read; see :func:`prepare_in_slices`.

    A message's own depth-0 segments other than its signature (new text,
    greeting, closing, disclaimer) all carry the sender as author and no text
    a later stage reads: they collapse into the first of them, whose
    ``n_segments`` says how many it stands for (identity resolution counts
    each). Every other row keeps ``n_segments`` 1.
    """
    whole = ((segments["depth"] > 0) | (segments["kind"] == "signature")).to_numpy()
    keys = segments["message_key"].to_numpy()
    counts = pd.Series(keys[~whole]).value_counts(sort=False)
    first = ~whole & ~pd.Series(np.where(whole, None, keys)).duplicated().to_numpy()
    out = segments.loc[whole | first].drop(columns=[
        c for c in ("to", "cc", "subject", "header_style", "header_start")
        if c in segments.columns])
    collapsed = first[whole | first]
    out["text"] = out["text"].where(~collapsed, "")
    out["n_segments"] = np.where(collapsed, out["message_key"].map(counts), 1).astype("int64")
    return out


def _prepare_slice(messages: pd.DataFrame, seller_domains, slim: bool = False,
                   correspondents=None) -> tuple:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        new_text, segments, requests = prepare_partition(messages, seller_domains,
                                                         correspondents)
    return new_text, slim_segments(segments) if slim else segments, requests


@contextmanager
def dask_client(scheduler=None, n_workers: int | None = None):
    """A ``distributed.Client``: to ``scheduler`` (an address or a Client), else a
    new ``LocalCluster`` of ``n_workers`` single-threaded worker processes."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise ImportError(
            "engine='dask' needs the scale extra: pip install 'vision-analytics[scale]'"
        ) from exc
    if scheduler is not None and not isinstance(scheduler, str):
        yield scheduler  # an existing Client: the caller owns it
        return
    if scheduler is not None:
        with Client(scheduler, timeout=CONNECT_TIMEOUT) as client:
            yield client
        return
    workers = n_workers or max(1, min(4, os.cpu_count() or 1))
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        yield client


def dask_prepare(inputs, *, seller_domains=None, org_chart=None, log_columns=None,
                 scheduler=None, n_workers=None, partition_bytes: int = 64 * 2**20,
                 slice_rows: int = 20_000, slim_above: int | None = None):
    """Read, zone and detect requests on a Dask cluster.

    Returns ``(corpus, new_text, segments, requests)`` exactly as the pandas
    engine computes them; with more than ``slim_above`` messages the workers
    return slim segments (see :func:`prepare_in_slices`).
    """
    from .ingest._partitions import merge_partitions, plan_partitions, read_partition

    partitions = plan_partitions(inputs, org_chart=org_chart, target_bytes=partition_bytes)
    with dask_client(scheduler, n_workers) as client:
        futures = client.map(read_partition, partitions, log_columns=log_columns,
                             pure=False)
        corpus = merge_partitions(client.gather(futures), seller_domains=seller_domains)
        messages = corpus.messages
        slices = [messages.iloc[i:i + slice_rows] for i in range(0, len(messages), slice_rows)]
        slim = slim_above is not None and len(messages) > slim_above
        correspondents = team_correspondents(messages, corpus.seller_domains)
        futures = client.map(_prepare_slice, slices, seller_domains=corpus.seller_domains,
                             slim=slim, correspondents=correspondents, pure=False)
        results = client.gather(futures)
    if results:
        new_text = pd.concat([r[0] for r in results])
        segments = pd.concat([r[1] for r in results], ignore_index=True)
    else:
        new_text, segments, _ = prepare_partition(messages, corpus.seller_domains,
                                                  correspondents)
    requests = combine_requests([r[2] for r in results], corpus.request_log)
    return corpus, new_text, segments, requests
