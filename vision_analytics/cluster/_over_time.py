"""Topic volume per period and which topics are emerging or fading.

Topics keep the ids of the fitted model: requests of every period are assigned
with the same model (never re-clustered per period), so ``topic_03`` in March
is ``topic_03`` in June.

Trend rule (stated so users can check it): periods are split into the *recent*
third (at least one period) and the *earlier* rest. For each topic, compare its
share of all requests in the recent periods with its share in the earlier ones:

- ``"emerging"`` — recent share ≥ 2 × earlier share and ≥ 3 recent requests
  (a topic absent before with ≥ 3 recent requests is emerging too);
- ``"fading"`` — recent share ≤ 0.5 × earlier share and ≥ 3 earlier requests;
- ``"steady"`` otherwise; ``"too_few_periods"`` when there are fewer than 3.

The least-squares slope of the topic's per-period share is reported alongside,
for plotting and ranking; it does not decide the trend.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["trend_table", "volume_table"]

EMERGING_RATIO = 2.0
FADING_RATIO = 0.5
MIN_REQUESTS = 3


def volume_table(sent_at: pd.Series, topic_ids: np.ndarray, topics: list[str], labels: dict,
                 *, freq: str = "MS") -> pd.DataFrame:
    """Long frame: one row per (period, topic) including zero counts.

    Columns ``period`` (UTC timestamp of the period start), ``topic_id``,
    ``label``, ``count``, ``share`` (of the period's requests).
    """
    times = pd.to_datetime(sent_at, utc=True)
    known = times.notna().to_numpy()
    frame = pd.DataFrame(
        {"time": times[known].to_numpy(), "topic_id": np.asarray(topic_ids, dtype=object)[known]}
    )
    all_ids = list(topics) + ["unassigned"]
    if frame.empty:
        return pd.DataFrame(
            {"period": pd.Series([], dtype="datetime64[us, UTC]"),
             "topic_id": pd.Series([], dtype="str"), "label": pd.Series([], dtype="str"),
             "count": pd.Series([], dtype="int64"), "share": pd.Series([], dtype="float64")}
        )
    naive = frame["time"].dt.tz_convert("UTC").dt.tz_localize(None)
    alias = _period_freq(freq)
    periods = naive.dt.to_period(alias)
    frame["period"] = periods.dt.start_time.dt.tz_localize("UTC")
    full_range = pd.period_range(periods.min(), periods.max(), freq=alias)
    full_range = full_range.start_time.tz_localize("UTC")
    counts = (
        frame.groupby(["period", "topic_id"]).size()
        .unstack("topic_id", fill_value=0)
        .reindex(index=full_range, columns=all_ids, fill_value=0)
    )
    counts.index.name = "period"
    totals = counts.sum(axis=1).replace(0, np.nan)
    shares = counts.div(totals, axis=0).fillna(0.0)
    long = counts.stack().rename("count").to_frame()
    long["share"] = shares.stack()
    long = long.reset_index()
    long["topic_id"] = long["topic_id"].astype(str)
    long["label"] = long["topic_id"].map(lambda t: labels.get(t, "")).astype(str)
    long["count"] = long["count"].astype("int64")
    return long[["period", "topic_id", "label", "count", "share"]]


def trend_table(volume: pd.DataFrame) -> pd.DataFrame:
    """Per topic: earlier/recent shares, their ratio, the share slope and the trend."""
    columns = ["topic_id", "label", "earlier_share", "recent_share", "ratio", "slope", "trend"]
    if volume.empty:
        return pd.DataFrame({c: pd.Series([], dtype="str" if c in ("topic_id", "label", "trend")
                                          else "float64") for c in columns})
    counts = volume.pivot(index="period", columns="topic_id", values="count")
    counts = counts[list(dict.fromkeys(volume["topic_id"]))]  # keep the topics' order
    n_periods = len(counts)
    n_recent = max(1, n_periods // 3)
    earlier, recent = counts.iloc[:-n_recent], counts.iloc[-n_recent:]
    earlier_total = max(int(earlier.to_numpy().sum()), 1)
    recent_total = max(int(recent.to_numpy().sum()), 1)
    shares = counts.div(counts.sum(axis=1).replace(0, np.nan), axis=0).fillna(0.0)
    x = np.arange(n_periods, dtype=float)
    labels = volume.drop_duplicates("topic_id").set_index("topic_id")["label"]
    rows = []
    for topic in counts.columns:
        n_earlier, n_recent_req = int(earlier[topic].sum()), int(recent[topic].sum())
        e_share, r_share = n_earlier / earlier_total, n_recent_req / recent_total
        ratio = r_share / e_share if e_share > 0 else (np.inf if r_share > 0 else np.nan)
        slope = float(np.polyfit(x, shares[topic].to_numpy(), 1)[0]) if n_periods >= 2 else 0.0
        if n_periods < 3:
            trend = "too_few_periods"
        elif n_recent_req >= MIN_REQUESTS and (e_share == 0 or ratio >= EMERGING_RATIO):
            trend = "emerging"
        elif n_earlier >= MIN_REQUESTS and ratio <= FADING_RATIO:
            trend = "fading"
        else:
            trend = "steady"
        rows.append([topic, labels.get(topic, ""), e_share, r_share, float(ratio), slope, trend])
    out = pd.DataFrame(rows, columns=columns)
    for c in ("topic_id", "label", "trend"):
        out[c] = out[c].astype(str)
    return out


def _period_freq(freq: str) -> str:
    """Offset alias for ``date_range`` → period alias for ``to_period``."""
    aliases = {"MS": "M", "ME": "M", "M": "M", "QS": "Q", "QE": "Q", "Q": "Q", "YS": "Y",
               "YE": "Y", "Y": "Y", "W": "W", "D": "D"}
    if freq not in aliases:
        raise ValueError(
            f"topics_over_time: freq={freq!r} is not supported. Use one of "
            f"{sorted(aliases)} (e.g. 'MS' for months, 'W' for weeks)."
        )
    return aliases[freq]
