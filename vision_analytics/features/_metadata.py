"""``MetadataFeatures``: when, to whom and in which conversation a message was sent.

Numbers from the headers alone: hour of day (UTC), weekday and weekend,
recipient and cc counts, whether the message cc's someone never seen before in
the corpus (a new stakeholder appearing), the message's position in its thread,
and the seller's response latency (time from an inbound message to the next
outbound message of the same thread).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

from ..normalize._threads import thread_messages

__all__ = ["MetadataFeatures"]

_FEATURES = ("hour", "weekday", "weekend", "n_to", "n_cc", "new_cc", "thread_depth",
             "response_hours")


class MetadataFeatures(TransformerMixin, BaseEstimator):
    """Header features of each message.

    Parameters
    ----------
    time_column : str, default "sent_at"
        Sending time (timezone-aware; naive times are read as UTC).
    thread_column : str, default "thread_id"
        Thread ids; when the input has no such column the threads are computed
        with :func:`~vision_analytics.normalize.thread_messages`.

    Attributes
    ----------
    first_seen_ : dict
        Address → first time it appeared (sender, to or cc) in the fitted
        messages; ``meta__new_cc`` counts cc'd addresses seen for the first time.
    feature_names_out_ : ndarray of str
        ``meta__hour``, ``meta__weekday``, ``meta__weekend``, ``meta__n_to``,
        ``meta__n_cc``, ``meta__new_cc``, ``meta__thread_depth`` (0 for the first
        message of its thread), ``meta__response_hours`` (inbound messages only:
        hours to the next outbound message in the thread; NaN when none).

    Examples
    --------
    >>> import pandas as pd
    >>> msgs = pd.DataFrame({
    ...     "sent_at": pd.to_datetime(["2020-01-04 09:00", "2020-01-06 11:30"], utc=True),
    ...     "to": [["sam@seller.com"], ["dana@acme.com"]], "cc": [["cio@acme.com"], []],
    ...     "thread_id": ["t1", "t1"], "direction": ["inbound", "outbound"],
    ...     "sender": ["dana@acme.com", "sam@seller.com"],
    ... }, index=pd.Index(["m1", "m2"], name="message_key"))
    >>> out = MetadataFeatures().fit_transform(msgs)
    >>> out.loc["m1", ["meta__weekend", "meta__new_cc", "meta__response_hours"]].tolist()
    [1.0, 1.0, 50.5]
    """

    def __init__(self, *, time_column="sent_at", thread_column="thread_id"):
        self.time_column = time_column
        self.thread_column = thread_column

    def fit(self, X, y=None):
        """Remember when each address first appeared."""
        frame = self._check(X)
        self.first_seen_ = _first_seen(frame, self._times(frame))
        self.feature_names_out_ = np.array([f"meta__{f}" for f in _FEATURES], dtype=object)
        self.n_features_in_ = frame.shape[1]
        return self

    def transform(self, X):
        """Header features per message.

        Returns
        -------
        DataFrame
            One row per message (index kept), columns ``meta__*`` (float; NaN
            where a date or a reply is missing).
        """
        check_is_fitted(self, "first_seen_")
        frame = self._check(X)
        n = len(frame)
        times = self._times(frame)
        out = pd.DataFrame(index=frame.index)
        out["meta__hour"] = times.dt.hour.astype("float64")
        out["meta__weekday"] = times.dt.day_of_week.astype("float64")
        out["meta__weekend"] = (times.dt.day_of_week >= 5).astype("float64").where(times.notna())
        to = _lists(frame, "to")
        cc = _lists(frame, "cc")
        out["meta__n_to"] = np.array([len(v) for v in to], dtype=float)
        out["meta__n_cc"] = np.array([len(v) for v in cc], dtype=float)

        # an address counts as new in the message where it first appears (fit data first,
        # then these messages in time order); an undated message never introduces anyone
        first = dict(self.first_seen_)
        order = np.lexsort((np.arange(n), _sortable(times)))
        first_row: dict[str, int] = {}
        senders = _strings(frame, "sender")
        for i in order:
            if pd.isna(times.iat[i]):
                continue
            for address in {senders[i], *to[i], *cc[i]} - {""}:
                if address not in first and address not in first_row:
                    first_row[address] = int(i)
        new_cc = np.zeros(n)
        for i in range(n):
            new_cc[i] = sum(1 for a in set(cc[i]) if first_row.get(a) == i
                            or (a in first and first[a] == times.iat[i]))
        out["meta__new_cc"] = new_cc

        threads = self._threads(frame)
        depth = np.zeros(n)
        response = np.full(n, np.nan)
        direction = _strings(frame, "direction")
        groups: dict[str, list[int]] = {}
        for i in order:
            groups.setdefault(threads[i], []).append(int(i))
        for members in groups.values():
            for rank, i in enumerate(members):
                depth[i] = rank
            next_out = None
            for i in reversed(members):
                if pd.isna(times.iat[i]):
                    continue
                if direction[i] == "inbound" and next_out is not None:
                    response[i] = (next_out - times.iat[i]).total_seconds() / 3600.0
                if direction[i] == "outbound":
                    next_out = times.iat[i]
        out["meta__thread_depth"] = depth
        out["meta__response_hours"] = response
        return out[self.feature_names_out_.tolist()]

    def get_feature_names_out(self, input_features=None):
        """The output column names."""
        check_is_fitted(self, "feature_names_out_")
        return self.feature_names_out_.copy()

    # -- helpers --------------------------------------------------------------------------

    def _check(self, X) -> pd.DataFrame:
        if not isinstance(X, pd.DataFrame):
            raise TypeError(f"MetadataFeatures expects the messages DataFrame (columns "
                            f"{self.time_column!r}, 'to', 'cc', 'direction'…); got "
                            f"{type(X).__name__}.")
        if self.time_column not in X.columns:
            raise KeyError(f"MetadataFeatures: column {self.time_column!r} not in the input. "
                           f"Columns in the input: {list(X.columns)[:20]}. Pass "
                           "time_column=<the sending-time column>.")
        return X

    def _times(self, frame: pd.DataFrame) -> pd.Series:
        return pd.to_datetime(frame[self.time_column], utc=True, errors="coerce")

    def _threads(self, frame: pd.DataFrame) -> list[str]:
        if self.thread_column in frame.columns:
            values = frame[self.thread_column].fillna("").astype(str).tolist()
            # messages without a thread id are threads of their own
            return [v or f"\x00{i}" for i, v in enumerate(values)]
        return thread_messages(frame).tolist()


def _lists(frame: pd.DataFrame, column: str) -> list[list[str]]:
    if column not in frame.columns:
        return [[] for _ in range(len(frame))]
    return [[str(a).lower() for a in v] if isinstance(v, (list, tuple, np.ndarray)) else []
            for v in frame[column]]


def _strings(frame: pd.DataFrame, column: str) -> list[str]:
    if column not in frame.columns:
        return [""] * len(frame)
    return frame[column].fillna("").astype(str).str.lower().tolist()


def _sortable(times: pd.Series) -> np.ndarray:
    values = times.to_numpy(dtype="datetime64[us]").astype("int64")
    return np.where(times.isna().to_numpy(), np.iinfo(np.int64).max, values)


def _first_seen(frame: pd.DataFrame, times: pd.Series) -> dict[str, pd.Timestamp]:
    first: dict[str, pd.Timestamp] = {}
    senders = _strings(frame, "sender")
    for sender, to, cc, when in zip(senders, _lists(frame, "to"), _lists(frame, "cc"), times,
                                    strict=True):
        if pd.isna(when):
            continue
        for address in {sender, *to, *cc} - {""}:
            if address not in first or when < first[address]:
                first[address] = when
    return first
