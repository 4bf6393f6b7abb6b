"""Figures of the finding: the effort ledger and the strength of the evidence."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from ._style import (
    OTHER_COLOR,
    VISION_COLOR,
    frame,
    get_ax,
    no_data,
    require,
    safe_text,
    topic_styles,
    vision_of,
)

__all__ = ["effort_by_topic", "plot_effort", "plot_evidence_strength"]


def _effort_dict(analysis_or_effort) -> dict:
    if isinstance(analysis_or_effort, dict):
        if "effort" in analysis_or_effort and isinstance(analysis_or_effort["effort"], dict):
            return analysis_or_effort["effort"]
        return analysis_or_effort
    return vision_of(analysis_or_effort).get("effort") or {}


def effort_by_topic(analysis_or_effort) -> pd.DataFrame:
    """Hours, replies and weekend share per topic, split in / out of the vision.

    Columns: ``topic_id``, ``in_vision``, ``requests``, ``replies``,
    ``estimated_hours``, ``weekend_share``. With an Analysis, the split is
    recomputed with :func:`vision_analytics.vision.effort_ledger` (the same
    rule as ``vision["effort"]``); with only the effort dict, each topic is
    one row (``in_vision`` is None).
    """
    columns = ["topic_id", "in_vision", "requests", "replies", "estimated_hours",
               "weekend_share"]
    requests = frame(analysis_or_effort, "requests")
    messages = frame(analysis_or_effort, "messages")
    if not requests.empty and not messages.empty and {"topic_id", "part_of_vision"} <= set(
            requests.columns):
        from ..vision import effort_ledger

        members = requests["part_of_vision"].fillna(False).astype(bool)
        rows = []
        try:
            for flag in (True, False):
                subset = requests[members.to_numpy() == flag]
                if subset.empty:
                    continue
                ledger = effort_ledger(subset, messages, members)
                for item in ledger.get("per_topic", []):
                    rows.append({**{k: item.get(k) for k in columns}, "in_vision": flag})
        except (KeyError, TypeError, ValueError, AttributeError):
            rows = None
        if rows is not None:
            return pd.DataFrame(rows, columns=columns)
    effort = _effort_dict(analysis_or_effort)
    rows = [{**{k: item.get(k) for k in columns}, "in_vision": None}
            for item in effort.get("per_topic", []) or []]
    return pd.DataFrame(rows, columns=columns)


def plot_effort(analysis_or_effort, *, ax=None):
    """Estimated hours per topic, in and out of the vision, with weekend share.

    Bars are hours (bottom axis): vermillion and hatched for requests in the
    vision, blue for the rest. Diamonds are the share of the seller's replies
    sent on a weekend (top axis). The two rows at the top total the vision and
    everything else (from ``vision["effort"]``).

    Parameters
    ----------
    analysis_or_effort : Analysis or dict
        An Analysis, its ``vision`` dict, or the ``vision["effort"]`` dict.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    title = "Effort: estimated hours and weekend replies"
    if not isinstance(analysis_or_effort, dict):
        require(analysis_or_effort, "plot_effort", "vision")
    effort = _effort_dict(analysis_or_effort)
    table = effort_by_topic(analysis_or_effort)
    n_rows = len(table) + 2
    ax = get_ax(ax, figsize=(8.5, min(11.0, 1.8 + 0.32 * n_rows)))
    if not effort or (not effort.get("requests") and table.empty):
        return no_data(ax, title, "No effort recorded: no requests or no seller replies.")
    styles = topic_styles(analysis_or_effort) if not isinstance(analysis_or_effort, dict) \
        else {}
    vision = effort.get("vision") or {}
    total_replies = effort.get("replies", 0) or 0
    v_replies = vision.get("replies", 0) or 0
    outside_replies = total_replies - v_replies
    outside_weekend = ((effort.get("weekend_share", 0) * total_replies
                        - vision.get("weekend_share", 0) * v_replies) / outside_replies
                       if outside_replies > 0 else 0.0)
    rows = []
    if vision.get("requests"):
        rows.append(("all vision requests", True, vision.get("requests", 0),
                     vision.get("estimated_hours", 0.0), vision.get("weekend_share", 0.0),
                     v_replies))
    rows.append(("all other requests" if vision.get("requests") else "all requests",
                 False if vision.get("requests") else None,
                 effort.get("requests", 0) - vision.get("requests", 0),
                 round(effort.get("estimated_hours", 0.0) - vision.get("estimated_hours", 0.0),
                       1), max(0.0, outside_weekend), outside_replies))
    n_summary = len(rows)
    order = sorted(table["topic_id"].astype(str).unique(),
                   key=lambda t: (styles.get(t, {}).get("order", 0), t)) if len(table) else []
    for topic_id in order:
        label = safe_text(styles.get(topic_id, {}).get("label", topic_id), 28)
        part = table[table["topic_id"].astype(str) == topic_id]
        for item in part.sort_values("in_vision", ascending=False, kind="stable").itertuples():
            flag = None if pd.isna(item.in_vision) else bool(item.in_vision)
            rows.append((label + (" · vision" if flag else ""), flag, item.requests,
                         item.estimated_hours, item.weekend_share, item.replies))
    y = np.arange(len(rows))[::-1].astype(float)
    y[:n_summary] += 0.6  # a gap between the totals and the topics
    hours = np.array([float(r[3] or 0) for r in rows])
    top = ax.twiny()  # weekend share on its own scale; drawn above the bars
    labels = []
    for yi, row, h in zip(y, rows, hours, strict=True):
        flag = row[1]
        ax.barh(yi, h, height=0.72, color=VISION_COLOR if flag else OTHER_COLOR,
                hatch="//" if flag else None, edgecolor="white", linewidth=0.5,
                alpha=1.0 if flag is not None else 0.6)
        weekend = f" · {float(row[4] or 0):.0%} weekend" if row[5] else ""
        labels.append((h, yi, f"{h:.0f} h · {int(row[2] or 0)} req{weekend}"))
    ax.set_yticks(y, [f"{r[0]}" for r in rows], fontsize=8)
    for tick, row in zip(ax.get_yticklabels(), rows[:n_summary] + [None] * len(rows),
                         strict=False):
        if row is not None:
            tick.set_fontweight("bold")
    ax.set_xlabel("estimated hours (bars)")
    ax.set_xlim(0, max(1.0, hours.max()) * 1.3)
    ax.axhline(y[n_summary - 1] - 0.8, color="#999999", lw=0.8)
    ax.grid(axis="x", color="#DDDDDD", lw=0.6)
    ax.set_axisbelow(True)
    for h, yi, text in labels:  # on the top axes, so that no diamond hides a label
        top.annotate(text, (h, yi), xycoords=ax.transData, xytext=(3, 0),
                     textcoords="offset points", va="center", fontsize=7, zorder=6,
                     bbox={"boxstyle": "square,pad=0.1", "fc": "white", "ec": "none",
                           "alpha": 0.8})
    shares = np.array([float(r[4] or 0) for r in rows])
    shown = np.array([bool(r[5]) for r in rows]) & (shares > 0)  # 0 % is in the label
    top.scatter(100 * shares[shown], y[shown], marker="D", s=30, color="black", zorder=5)
    top.set_xlim(0, 100)
    top.set_xlabel("replies sent on a weekend, % (diamonds)")
    ax.set_ylim(y.min() - 0.7, y.max() + 0.7)
    ax.set_title(title)
    handles = [Patch(facecolor=VISION_COLOR, hatch="//", edgecolor="white",
                     label="in the vision"),
               Patch(facecolor=OTHER_COLOR, label="outside the vision"),
               Line2D([], [], ls="", marker="D", color="black", label="weekend share")]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.08), ncol=3,
              frameon=False, fontsize=8)
    return ax


def _result_of(analysis_or_result):
    if hasattr(analysis_or_result, "null_distribution"):
        return analysis_or_result
    return getattr(analysis_or_result, "test", None)


def plot_evidence_strength(analysis_or_result, *, ax=None, alpha=None):
    """The permutation test: the null distribution, the observed statistic, the p-value.

    Parameters
    ----------
    analysis_or_result : Analysis or SharedSourceResult
    ax : matplotlib Axes, optional
    alpha : float, optional
        Level drawn as the null's ``1 - alpha`` quantile; defaults to
        ``analysis.vision["alpha"]`` or 0.05.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import numpy as np
    >>> from matplotlib.figure import Figure
    >>> from vision_analytics.vision import SharedSourceResult
    >>> result = SharedSourceResult(statistic=9.5, p_value=0.01,
    ...     null_distribution=np.random.default_rng(0).normal(5, 1, 99), n_requests=40,
    ...     n_units=40, split_index=20, split_time=None, features=None)
    >>> ax = plot_evidence_strength(result, ax=Figure().add_subplot())
    >>> ax.get_title()
    'How unusual is the observed pattern?'
    """
    title = "How unusual is the observed pattern?"
    ax = get_ax(ax, figsize=(7.5, 4.5))
    if not hasattr(analysis_or_result, "null_distribution"):
        require(analysis_or_result, "plot_evidence_strength", "test")
    result = _result_of(analysis_or_result)
    if alpha is None:
        alpha = vision_of(analysis_or_result).get("alpha", 0.05) or 0.05
    null = np.asarray(getattr(result, "null_distribution", np.zeros(0)), dtype=float)
    null = null[np.isfinite(null)]
    if result is None or null.size == 0:
        reason = getattr(result, "reason", "") if result is not None else ""
        return no_data(ax, title, "The shared-source test did not run" +
                       (f":\n{safe_text(reason, 90)}" if reason else "."))
    observed = float(result.statistic)
    p_value = float(result.p_value)
    low, high = min(null.min(), observed), max(null.max(), observed)
    span = max(high - low, 1e-9)
    bins = np.linspace(low - 0.02 * span, high + 0.02 * span, 31)
    ax.hist(null, bins=bins, color="#BBBBBB", edgecolor="#666666", linewidth=0.5,
            label=f"shuffled timelines (n = {null.size})")
    threshold = float(np.quantile(null, 1 - alpha))
    ax.axvline(threshold, color="#0072B2", ls="--", lw=1.4,
               label=f"{1 - alpha:.0%} of shuffles fall below")
    ax.axvline(observed, color="#D55E00", lw=2.6, label=f"observed = {observed:.1f}")
    verdict = "unusual: a shared source is likely" if p_value < alpha else \
        "within what chance gives"
    ax.text(0.98, 0.95, f"p = {p_value:.3f}\n{verdict}", transform=ax.transAxes, ha="right",
            va="top", fontsize=9, bbox={"boxstyle": "round", "fc": "white", "ec": "#999999"})
    ax.set_xlabel("test statistic: strength of new cross-topic phrasing")
    ax.set_ylabel("number of shuffles")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title(title)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=3, frameon=False,
              fontsize=8)
    return ax
