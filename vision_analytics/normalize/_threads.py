"""Threading: which messages belong to one conversation.

Three kinds of evidence are combined, strongest first:

1. ``Message-ID`` / ``In-Reply-To`` / ``References`` links (JWZ / RFC 5256).
   The connected components come from the ingest stage's own function
   (:func:`vision_analytics.ingest._load._thread_ids`), so both stages agree.
2. Outlook's ``Thread-Index`` (column ``thread_index``, optional): its first 22
   bytes name the conversation.
3. A normalised subject ("RE: AW: [list] Budget" → "budget") within a time
   window of the previous message of the same subject, never for generic
   subjects ("", "question", "hi"…) and never for undated messages.

A thread's id derives from its root (the earliest message's top-most ancestor,
a missing "phantom" parent included), so it does not change when new
participants join or new replies arrive later.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from collections.abc import Callable

import numpy as np
import pandas as pd

from .._unionfind import UnionFind
from ..ingest._load import _thread_ids as _header_components

__all__ = [
    "GENERIC_SUBJECTS",
    "fallback_new_text",
    "mark_inclusive",
    "normalize_subject",
    "thread_details",
    "thread_messages",
]

# Reply / forward prefixes in the languages mail clients write them in.
_PREFIX = re.compile(
    r"^\s*(?:(?:"
    r"\[[^\]]{1,40}\]"  # [list-tag]
    r"|(?:re|aw|fw|fwd|tr|sv|wg|rv|antw|vs|vl|ref|rif|réf|odp|pd|ynt|ilt|"
    r"r|enc|res|doorst|továbbítás|vá|atb|trs|fs)"
    r"(?:\s*\[\d+\]|\s*\(\d+\))?\s*[:：]"  # RE[2]: / Re(3):
    r"|回复\s*[:：]|回覆\s*[:：]|答复\s*[:：]|转发\s*[:：]|轉寄\s*[:：]|返信\s*[:：]|転送\s*[:：]"
    r")\s*)+",
    re.IGNORECASE,
)
_TRAILER = re.compile(r"\s*\((?:fwd|fw)\)\s*$", re.IGNORECASE)
_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)

#: Subjects too common to join two conversations on their own.
GENERIC_SUBJECTS = frozenset({
    "", "question", "questions", "quick question", "hi", "hello", "hey", "help",
    "fyi", "update", "updates", "thanks", "thank you", "follow up", "followup",
    "meeting", "call", "info", "information", "test", "request", "no subject",
    "untitled", "urgent", "important", "re", "fw", "fwd", "hi there", "status",
    "reminder", "news", "newsletter", "your message", "message", "document",
    "documents", "attachment", "attached", "scan", "files", "lunch", "notes",
})

_ORIGINAL = re.compile(
    r"^\s*(?:-{2,}\s*(?:original message|forwarded by|forwarded message|"
    r"ursprüngliche nachricht|message d'origine|mensaje original)"
    r"|>|on .{0,200} wrote:\s*$|from:\s.+|_{10,}"
    # Lotus Notes reply headers: "Name  04/30/2001 08:18 AM" and "… From: Name  04/30/2001"
    r"|.{0,80}\bfrom:\s.{0,80}\d{1,2}/\d{1,2}/\d{2,4}"
    r"|[^\n]{2,80}?\s\d{1,2}/\d{1,2}/\d{2,4}\s+\d{1,2}:\d{2}(?::\d{2})?\s*(?:am|pm)?\s*$"
    r"|to:\s.{0,200}(?:@|/[a-z]{2,5}/)"
    r"|\d{1,2}/\d{1,2}/\d{2,4}\s+\d{1,2}:\d{2}(?::\d{2})?\s*(?:am|pm)?\s*$)",
    re.IGNORECASE,
)
# every pattern of _ORIGINAL needs one of these somewhere in the line
_TRIGGER = re.compile(r">|--|__|wrote|from:|to:|\d/\d", re.IGNORECASE)
_BARE_DATE = re.compile(r"^\s*\d{1,2}/\d{1,2}/\d{2,4}\s+\d{1,2}:\d{2}", re.IGNORECASE)


def normalize_subject(subject) -> str:
    """Subject without reply/forward prefixes, list tags, case and punctuation.

    Examples
    --------
    >>> normalize_subject("RE: AW: [R-sig-Geo] Fwd: Five-year  Roadmap (fwd)")
    'five year roadmap'
    >>> normalize_subject("回复: 预算")
    '预算'
    """
    if not isinstance(subject, str):
        return ""
    text = subject
    for _ in range(20):  # bounded: hostile subjects may repeat prefixes forever
        stripped = _PREFIX.sub("", text, count=1)
        if stripped == text:
            break
        text = stripped
    text = _TRAILER.sub("", text)
    return " ".join(_NON_WORD.sub(" ", text.lower()).split())


def fallback_new_text(body) -> str:
    """The text before the first quoted line, quote header or forward banner.

    A deliberately simple stand-in for the zoning stage
    (``normalize.new_text``): everything before the first line starting with
    ``>``, "-----Original Message", "---- Forwarded by", "On … wrote:", an
    inner ``From:`` / ``To:`` header, a Lotus Notes reply header ("Name
    04/30/2001 08:18 AM") or a long underscore rule.
    """
    if not isinstance(body, str) or not body:
        return ""
    lines = body.splitlines()
    for i, line in enumerate(lines):
        if not _TRIGGER.search(line):
            continue  # cheap pre-check: most lines cannot start a quote
        if _ORIGINAL.match(line):
            if _BARE_DATE.match(line):
                # Lotus puts the author's name on the line above the date
                j = i - 1
                while j >= 0 and not lines[j].strip():
                    j -= 1
                if j >= 0 and len(lines[j].strip()) <= 60:
                    i = j
            return "\n".join(lines[:i]).strip()
    return body.strip()


def thread_messages(messages: pd.DataFrame, **kwargs) -> pd.Series:
    """The thread id of every message (index ``message_key``).

    Parameters
    ----------
    messages : DataFrame
        The messages frame (``message_id``, ``in_reply_to``, ``references``,
        ``subject``, ``sent_at``; ``thread_index`` is used when present).
    **kwargs
        Passed to :func:`thread_details` (``window``, ``use_subject``,
        ``generic_subjects``).

    Returns
    -------
    Series of str named ``thread_id``.

    Examples
    --------
    >>> import pandas as pd
    >>> msgs = pd.DataFrame({
    ...     "message_id": ["<a@x>", "<b@x>", "<c@x>"],
    ...     "in_reply_to": ["", "<a@x>", ""],
    ...     "references": [[], ["<a@x>"], []],
    ...     "subject": ["Budget", "Re: Budget", "RE: budget"],
    ...     "sent_at": pd.to_datetime(["2020-01-01", "2020-01-02", "2020-01-03"], utc=True),
    ... }, index=pd.Index(["k1", "k2", "k3"], name="message_key"))
    >>> thread_messages(msgs).nunique()
    1
    """
    return thread_details(messages, **kwargs)["thread_id"]


def thread_details(
    messages: pd.DataFrame,
    *,
    window="30D",
    use_subject: bool = True,
    generic_subjects=GENERIC_SUBJECTS,
    new_text: Callable[[str], str] | None = None,
    max_compare: int = 50,
) -> pd.DataFrame:
    """Threads with how each message joined, its depth and the inclusive flags.

    Parameters
    ----------
    messages : DataFrame
        The messages frame. Missing optional columns are treated as empty.
    window : Timedelta or str, default "30D"
        A message joins a same-subject conversation only when sent at most this
        long after the conversation's previous message.
    use_subject : bool, default True
        Apply the subject fallback at all.
    generic_subjects : collection of str
        Normalised subjects never used for joining.
    new_text : callable, optional
        ``body -> latest author's text``, used by the inclusive test; defaults
        to :func:`fallback_new_text`.
    max_compare : int, default 50
        The inclusive test compares a message with at most this many earlier
        messages of its thread (bounds the cost on huge threads).

    Returns
    -------
    DataFrame, index ``message_key``, columns:
        ``thread_id``; ``header_thread`` (the component by headers alone);
        ``linked_by`` (how the message's header component joined the thread:
        "headers" — a header-linked component; "thread_index" / "subject" — it
        joined through that fallback; "root" — a lone message others joined;
        "none" — a thread of its own); ``parent_key`` (the nearest ancestor present in the frame, or
        ""); ``depth`` (number of ancestors by headers, phantoms included);
        ``position`` (0-based rank by date within the thread);
        ``contains_thread`` (its body contains the new text of every earlier
        message of its thread); ``superseded`` (a later message of the thread
        contains its text); ``inclusive`` (``contains_thread`` and not
        ``superseded``: the messages a reviewer must read).
    """
    window = _check_window(window)
    frame = _prepare(messages)
    n = len(frame)
    columns = ["thread_id", "header_thread", "linked_by", "parent_key", "depth",
               "position", "contains_thread", "superseded", "inclusive"]
    if n == 0:
        out = pd.DataFrame({c: pd.Series([], dtype="str") for c in columns[:4]})
        for c in ("depth", "position"):
            out[c] = pd.Series([], dtype="int64")
        for c in columns[6:]:
            out[c] = pd.Series([], dtype=bool)
        out.index = pd.Index([], dtype="str", name="message_key")
        return out

    keys = frame.index.tolist()
    own_ids = [mid or f"key:{k}" for k, mid in zip(keys, frame["message_id"], strict=True)]
    header = pd.Series(_header_components(frame), index=frame.index)
    parents = [_parent_of(r, refs) for r, refs in zip(frame["in_reply_to"], frame["references"],
                                                       strict=True)]
    depth, top = _depth_and_top(own_ids, parents)

    # -- union header components by Thread-Index and subject ---------------------------
    comp_codes, comp_labels = pd.factorize(header, sort=True)
    uf = UnionFind(range(len(comp_labels)))
    linked = np.full(len(comp_labels), "", dtype=object)
    if "thread_index" in frame.columns:
        by_conversation: dict[bytes, int] = {}
        for code, value in zip(comp_codes, frame["thread_index"], strict=True):
            conv = _conversation(value)
            if conv is None:
                continue
            first = by_conversation.setdefault(conv, code)
            if uf.union(first, code):
                linked[code] = linked[code] or "thread_index"
    if use_subject and window is not None:
        generic = {normalize_subject(s) for s in generic_subjects} | set(generic_subjects)
        subj = frame["subject"].map(normalize_subject)
        times = frame["sent_at"]
        order = np.lexsort((np.arange(n), _sort_time(times)))
        last_seen: dict[str, tuple[pd.Timestamp, int]] = {}
        for i in order:
            s, t = subj.iat[i], times.iat[i]
            if pd.isna(t) or s in generic or len(s) < 3:
                continue
            code = comp_codes[i]
            prev = last_seen.get(s)
            if prev is not None and t - prev[0] <= window and uf.find(prev[1]) != uf.find(code):
                uf.union(prev[1], code)
                linked[code] = linked[code] or "subject"
            last_seen[s] = (t, code)
    groups = np.array([uf.find(c) for c in comp_codes])

    # -- root, id and position ------------------------------------------------------------
    sort_time = _sort_time(frame["sent_at"])
    order = np.lexsort((np.array(own_ids, dtype=object).astype(str), sort_time, groups))
    thread_of_group: dict[int, str] = {}
    position = np.zeros(n, dtype=np.int64)
    counter: dict[int, int] = {}
    for i in order:
        g = groups[i]
        if g not in thread_of_group:
            digest = hashlib.sha1(top[i].encode("utf-8", "replace")).hexdigest()
            thread_of_group[g] = "t" + digest[:12]
        position[i] = counter.get(g, 0)
        counter[g] = position[i] + 1
    thread_id = [thread_of_group[g] for g in groups]

    id_to_key: dict[str, str] = {}
    for k, own in zip(keys, own_ids, strict=True):
        id_to_key.setdefault(own, k)
    parent_key = [id_to_key.get(p, "") if p else "" for p in parents]
    group_size = np.bincount(groups, minlength=len(comp_labels))
    comp_size = np.bincount(comp_codes, minlength=len(comp_labels))
    linked_by = [
        linked[code] or ("headers" if comp_size[code] > 1
                         else "none" if group_size[g] == 1 else "root")
        for code, g in zip(comp_codes, groups, strict=True)
    ]
    out = pd.DataFrame(
        {
            "thread_id": pd.array(thread_id, dtype="str"),
            "header_thread": pd.array(header.tolist(), dtype="str"),
            "linked_by": pd.array(linked_by, dtype="str"),
            "parent_key": pd.array(parent_key, dtype="str"),
            "depth": np.asarray(depth, dtype=np.int64),
            "position": position,
        },
        index=frame.index,
    )
    contains, superseded = _inclusive_flags(frame, out, new_text or fallback_new_text,
                                            max_compare)
    out["contains_thread"] = contains
    out["superseded"] = superseded
    out["inclusive"] = contains & ~superseded
    return out


def mark_inclusive(messages: pd.DataFrame, thread_id: pd.Series | None = None, *,
                   new_text: Callable[[str], str] | None = None,
                   max_compare: int = 50) -> pd.Series:
    """Which messages are "inclusive" (e-discovery): they hold the whole thread so far.

    A message is inclusive when its body contains the new text of every earlier
    message of its thread and no later message of the thread contains its own
    text: reading the inclusive messages covers the conversation.

    Parameters
    ----------
    messages : DataFrame
        The messages frame (``body_text``, ``sent_at``).
    thread_id : Series, optional
        Thread ids aligned on ``messages``; computed with :func:`thread_messages`
        when omitted (or taken from the ``thread_id`` column when ``thread_id="column"``).
    new_text, max_compare
        See :func:`thread_details`.

    Returns
    -------
    Series of bool named ``inclusive``.
    """
    frame = _prepare(messages)
    if thread_id is None:
        info = thread_details(frame, new_text=new_text, max_compare=max_compare)
        return info["inclusive"]
    if isinstance(thread_id, str) and thread_id == "column":
        thread_id = frame["thread_id"] if "thread_id" in frame.columns else None
        if thread_id is None:
            raise ValueError("mark_inclusive(thread_id='column'): messages has no 'thread_id' "
                             "column; pass thread_id=None to compute threads.")
    thread_id = pd.Series(thread_id, index=frame.index) if not isinstance(thread_id, pd.Series) \
        else thread_id.reindex(frame.index)
    labels = thread_id.fillna("").astype(str).to_numpy()
    info = pd.DataFrame({"thread_id": labels}, index=frame.index)
    order = np.lexsort((np.arange(len(frame)), _sort_time(frame["sent_at"]), labels))
    position = np.zeros(len(frame), dtype=np.int64)
    sorted_labels = labels[order]
    for rank, (i, label) in enumerate(zip(order, sorted_labels, strict=True)):
        position[i] = 0 if rank == 0 or sorted_labels[rank - 1] != label \
            else position[order[rank - 1]] + 1
    info["position"] = position
    contains, superseded = _inclusive_flags(frame, info, new_text or fallback_new_text,
                                            max_compare)
    return pd.Series(contains & ~superseded, index=frame.index, name="inclusive")


# ---------------------------------------------------------------------------- helpers


def _check_window(window):
    if window is None:
        return None
    try:
        value = pd.Timedelta(window)
    except (TypeError, ValueError):
        raise ValueError(
            f"The 'window' parameter of thread_details must be a duration such as '30D' or "
            f"pd.Timedelta(days=30). Got {window!r} instead."
        ) from None
    if pd.isna(value) or value < pd.Timedelta(0):
        raise ValueError(
            f"The 'window' parameter of thread_details must be a non-negative duration. "
            f"Got {window!r} instead."
        )
    return value


def _prepare(messages: pd.DataFrame) -> pd.DataFrame:
    """A copy with every column threading reads, filled with empty values."""
    if not isinstance(messages, pd.DataFrame):
        raise TypeError(
            f"messages must be a pandas DataFrame (the messages frame), got "
            f"{type(messages).__name__}."
        )
    frame = messages.copy()
    frame.index = frame.index.astype(str)
    if frame.index.name is None:
        frame.index.name = "message_key"
    for col in ("message_id", "in_reply_to", "subject", "body_text"):
        if col not in frame.columns:
            frame[col] = ""
        frame[col] = frame[col].fillna("").astype(str)
    if "references" not in frame.columns:
        frame["references"] = [[] for _ in range(len(frame))]
    frame["references"] = [
        [str(r) for r in v if isinstance(r, str) and r] if isinstance(v, (list, tuple, np.ndarray))
        else (str(v).split() if isinstance(v, str) else [])
        for v in frame["references"]
    ]
    if "sent_at" not in frame.columns:
        frame["sent_at"] = pd.Series(pd.NaT, index=frame.index, dtype="datetime64[us, UTC]")
    else:
        frame["sent_at"] = pd.to_datetime(frame["sent_at"], utc=True, errors="coerce")
    return frame


def _sort_time(sent: pd.Series) -> np.ndarray:
    """Sortable integers for dates; undated messages sort last."""
    values = sent.to_numpy(dtype="datetime64[us]").astype("int64")
    return np.where(sent.isna().to_numpy(), np.iinfo(np.int64).max, values)


def _parent_of(in_reply_to: str, references: list[str]) -> str:
    # RFC 5322: the last reference is the direct parent; In-Reply-To when absent.
    if references:
        return references[-1]
    return in_reply_to or ""


def _depth_and_top(own_ids: list[str], parents: list[str]) -> tuple[list[int], list[str]]:
    """Ancestors count and top-most ancestor of each message, cycles broken."""
    parent_of: dict[str, str] = {}
    for own, parent in zip(own_ids, parents, strict=True):
        if parent and parent != own:
            parent_of.setdefault(own, parent)
    depth: dict[str, int] = {}
    top: dict[str, str] = {}
    for start in own_ids:
        if start in depth:
            continue
        path: list[str] = []
        on_path: set[str] = set()
        node = start
        while node not in depth and node not in on_path:
            path.append(node)
            on_path.add(node)
            nxt = parent_of.get(node)
            if nxt is None:
                break
            node = nxt
        if node in depth:
            base, root = depth[node] + 1, top[node]
        else:
            # reached a node without parent, or a loop: the last path node is the root
            base, root = 0, path[-1]
        for offset, item in enumerate(reversed(path)):
            depth[item] = base + offset
            top[item] = root
    return [depth[o] for o in own_ids], [top[o] for o in own_ids]


def _conversation(value) -> bytes | None:
    """The 22-byte conversation header of an Outlook Thread-Index, or None."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, (bytes, bytearray)):
        raw = bytes(value)
    else:
        text = str(value).strip()
        if not text:
            return None
        try:
            raw = base64.b64decode(text + "=" * (-len(text) % 4), validate=False)
        except (binascii.Error, ValueError):
            return None
    return raw[:22] if len(raw) >= 22 else None


_SQUASH = re.compile(r"[\W_]+", re.UNICODE)
_QUOTE_MARK = re.compile(r"^[ \t]*(?:>[ \t]?)+", re.MULTILINE)


def _squash(text: str) -> str:
    return _SQUASH.sub(" ", _QUOTE_MARK.sub("", text).lower()).strip()


def _inclusive_flags(frame, info, new_text, max_compare, batch_rows: int = 8192):
    n = len(frame)
    contains = np.ones(n, dtype=bool)
    superseded = np.zeros(n, dtype=bool)
    if n == 0:
        return contains, superseded
    order = pd.DataFrame({"t": info["thread_id"].to_numpy(), "p": info["position"].to_numpy(),
                          "i": np.arange(n)}).sort_values(["t", "p", "i"])
    threads = [idx for idx in order.groupby("t", sort=False)["i"].agg(list) if len(idx) > 1]
    # bodies are taken a batch of threads at a time: a list of every body as Python
    # strings would hold a second copy of a large stream, and one take per thread
    # costs too much on a column assembled from many chunks (the Dask engine's)
    bodies = frame["body_text"].array
    start = 0
    while start < len(threads):
        stop, rows = start, 0
        while stop < len(threads) and rows < batch_rows:
            rows += len(threads[stop])
            stop += 1
        flat = np.fromiter((i for idx in threads[start:stop] for i in idx), dtype=np.int64)
        texts = iter(list(bodies[flat]))
        for idx in threads[start:stop]:
            _compare_thread(idx, [next(texts) for _ in idx], new_text, max_compare,
                            contains, superseded)
        start = stop
    return contains, superseded


def _compare_thread(idx, texts, new_text, max_compare, contains, superseded) -> None:
    """Within one thread: flag a message that a later one quotes (superseded), and
    a message that does not quote the ones before it (not inclusive)."""
    # quoted history beyond the first 100k characters is not compared (bounded cost)
    whole = [_squash(text[:100_000]) for text in texts]
    # a snippet of each message's own text: its first 300 squashed characters
    own = [_squash(new_text(text) or "")[:300] for text in texts]
    for j in range(1, len(idx)):
        for k in range(max(0, j - max_compare), j):
            if len(own[k]) < 20:  # too short to tell
                continue
            if own[k] in whole[j]:
                superseded[idx[k]] = True
            else:
                contains[idx[j]] = False
