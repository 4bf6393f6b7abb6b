"""Figures over time: the request timeline and the monthly volume per topic."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from ._style import (
    PALETTE,
    date_axis,
    frame,
    get_ax,
    in_vision,
    no_data,
    plot_dates,
    require,
    safe_text,
    to_utc,
    topic_styles,
    vision_of,
)

__all__ = ["plot_timeline", "plot_topics_over_time", "source_first_seen"]

_OTHER = "__other__"


def source_first_seen(analysis) -> pd.Timestamp | None:
    """When the vision's source first shows in the mail, or None.

    The earliest of: the source's ``first_seen`` in the people frame, a message
    the source sent or was copied on, and a quoted / forwarded block the source
    wrote (dated by the block's own header).
    """
    source = vision_of(analysis).get("source") or {}
    email = str(source.get("email") or "").strip().lower()
    if not email:
        return None
    times = []
    people = getattr(getattr(analysis, "identities", None), "people", None)
    if isinstance(people, pd.DataFrame) and {"emails", "first_seen"} <= set(people.columns):
        mine = people["emails"].map(lambda e: isinstance(e, list) and email in
                                    [str(x).lower() for x in e])
        times.extend(to_utc(people.loc[mine, "first_seen"]).dropna().tolist())
    messages = frame(analysis, "messages")
    if {"sender", "sent_at"} <= set(messages.columns):
        seen = messages["sender"].fillna("").astype(str).str.lower() == email
        for column in ("to", "cc"):
            if column in messages.columns:
                seen |= messages[column].map(lambda v: isinstance(v, list) and email in
                                             [str(x).lower() for x in v]).astype(bool)
        times.extend(to_utc(messages.loc[seen, "sent_at"]).dropna().tolist())
    segments = frame(analysis, "segments")
    if {"author_email", "sent_at"} <= set(segments.columns):
        seen = segments["author_email"].fillna("").astype(str).str.lower() == email
        times.extend(to_utc(segments.loc[seen, "sent_at"]).dropna().tolist())
    return min(times) if times else None


def _lanes(requests: pd.DataFrame, styles: dict, max_topics: int):
    """Topic of each request, with the smallest topics folded into "other topics"."""
    topic = requests["topic_id"].astype(str) if "topic_id" in requests.columns else \
        pd.Series("all", index=requests.index)
    counts = topic.value_counts()
    ordered = sorted(counts.index, key=lambda t: (styles.get(t, {}).get("order", 10**6), t))
    if len(ordered) > max_topics:
        by_size = counts.rename_axis("topic").reset_index().sort_values(
            ["count", "topic"], ascending=[False, True], kind="stable")
        keep = set(by_size["topic"].iloc[: max_topics - 1])
        ordered = [t for t in ordered if t in keep] + [_OTHER]
        topic = topic.where(topic.isin(keep), _OTHER)
    return topic, ordered


def _style_for(topic_id: str, styles: dict) -> dict:
    if topic_id == _OTHER:
        return {"label": "other topics", "color": PALETTE[-1], "marker": ".", "hatch": ".."}
    return styles.get(topic_id, {"label": topic_id, "color": PALETTE[0], "marker": "o",
                                 "hatch": ""})


def plot_timeline(analysis, *, ax=None, max_topics=12, show_replies=True):
    """Requests over time, one lane per topic, with the seller's replies below.

    Requests that are part of the vision are circled; seller replies in request
    threads are ticks, weekend replies triangles; dashed and dotted vertical
    lines mark the vision's onset and the source's first appearance.

    Parameters
    ----------
    analysis : Analysis
        Uses ``requests``, ``messages``, ``topics``, ``vision``.
    ax : matplotlib Axes, optional
        Where to draw; a new figure is made when None.
    max_topics : int
        Lanes shown; smaller topics are folded into "other topics".
    show_replies : bool
        Draw the seller-replies lane.

    Returns
    -------
    matplotlib.axes.Axes
    """
    title = "Requests over time by topic"
    require(analysis, "plot_timeline", "requests")
    requests = frame(analysis, "requests")
    ax = get_ax(ax, figsize=(9.0, 5.0))
    if requests.empty or "sent_at" not in requests.columns or \
            to_utc(requests["sent_at"]).notna().sum() == 0:
        return no_data(ax, title, "No dated requests to show.")
    requests = requests[to_utc(requests["sent_at"]).notna().to_numpy()]
    styles = topic_styles(analysis)
    topic, lanes = _lanes(requests, styles, max_topics)
    y_of = {t: len(lanes) - i for i, t in enumerate(lanes)}
    when = plot_dates(requests["sent_at"])
    ys = topic.map(y_of).to_numpy(dtype=float)
    for t in lanes:
        mask = (topic == t).to_numpy()
        style = _style_for(t, styles)
        ax.scatter(when[mask], ys[mask], s=28, color=style["color"], marker=style["marker"],
                   alpha=0.85, linewidths=0, zorder=3)
    handles = []
    vision = in_vision(requests)
    if vision.any():
        ax.scatter(when[vision], ys[vision], s=110, facecolors="none", edgecolors="black",
                   linewidths=1.1, zorder=4)
        handles.append(Line2D([], [], ls="", marker="o", markersize=10, markerfacecolor="none",
                              markeredgecolor="black", label="part of the vision"))
    ticks = [y_of[t] for t in lanes]
    labels = [safe_text(_style_for(t, styles)["label"], 30) for t in lanes]
    if show_replies:
        replies = _replies(analysis, requests)
        if len(replies):
            r_when = plot_dates(replies["sent_at"])
            weekend = to_utc(replies["sent_at"]).dt.day_of_week.to_numpy() >= 5
            ax.scatter(r_when[~weekend], np.zeros((~weekend).sum()), marker="|", s=90,
                       color="#555555", linewidths=1.0, zorder=3)
            ax.scatter(r_when[weekend], np.zeros(weekend.sum()), marker="v", s=45,
                       color="#D55E00", edgecolors="black", linewidths=0.5, zorder=4)
            handles.append(Line2D([], [], ls="", marker="|", markersize=10, color="#555555",
                                  label=f"seller reply ({int((~weekend).sum())})"))
            handles.append(Line2D([], [], ls="", marker="v", markersize=7,
                                  markerfacecolor="#D55E00", markeredgecolor="black",
                                  label=f"weekend reply ({int(weekend.sum())})"))
        ticks.append(0)
        labels.append("seller replies" if len(replies) else "seller replies (none)")
    finding = vision_of(analysis)
    onset = finding.get("onset")
    if onset:
        x = plot_dates([onset])[0]
        ax.axvline(x, color="black", ls="--", lw=1.4, zorder=2)
        handles.append(Line2D([], [], color="black", ls="--", lw=1.4,
                              label=f"onset {to_utc([onset])[0]:%Y-%m-%d}"))
    first = source_first_seen(analysis)
    if first is not None:
        x = plot_dates([first])[0]
        ax.axvline(x, color="#CC79A7", ls=":", lw=2.0, zorder=2)
        handles.append(Line2D([], [], color="#CC79A7", ls=":", lw=2.0,
                              label=f"source first seen {first:%Y-%m-%d}"))
    ax.set_yticks(ticks, labels)
    ax.set_ylim(min(ticks) - 0.7, max(ticks) + 0.7)
    ax.grid(axis="x", color="#DDDDDD", lw=0.6)
    ax.set_axisbelow(True)
    date_axis(ax)
    ax.set_xlabel("date (UTC)")
    ax.set_title(title)
    if handles:
        ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.14),
                  ncol=min(3, len(handles)), frameon=False, fontsize=8)
    return ax


def _replies(analysis, requests: pd.DataFrame) -> pd.DataFrame:
    """Outbound messages in the threads of the requests."""
    messages = frame(analysis, "messages")
    needed = {"direction", "thread_id", "sent_at"}
    if messages.empty or not needed <= set(messages.columns) or \
            "thread_id" not in requests.columns:
        return pd.DataFrame(columns=["sent_at"])
    threads = set(requests["thread_id"].dropna().astype(str)) - {""}
    out = messages[(messages["direction"] == "outbound")
                   & messages["thread_id"].astype(str).isin(threads)]
    return out[to_utc(out["sent_at"]).notna().to_numpy()]


def plot_topics_over_time(analysis, *, ax=None, max_topics=8):
    """Stacked monthly request volume per topic.

    Parameters
    ----------
    analysis : Analysis
        Uses ``requests`` (``sent_at``, ``topic_id``) and ``topics`` labels.
    ax : matplotlib Axes, optional
    max_topics : int
        Topics drawn; the rest are stacked as "other topics".

    Returns
    -------
    matplotlib.axes.Axes
    """
    title = "Request volume per topic per month"
    require(analysis, "plot_topics_over_time", "requests")
    requests = frame(analysis, "requests")
    ax = get_ax(ax, figsize=(9.0, 4.5))
    if requests.empty or "sent_at" not in requests.columns:
        return no_data(ax, title, "No dated requests to count.")
    when = to_utc(requests["sent_at"])
    requests = requests[when.notna().to_numpy()]
    if requests.empty:
        return no_data(ax, title, "No dated requests to count.")
    styles = topic_styles(analysis)
    topic, lanes = _lanes(requests, styles, max_topics)
    naive = to_utc(requests["sent_at"]).dt.tz_localize(None)
    month = naive.dt.to_period("M")
    months = pd.period_range(month.min(), month.max(), freq="M")
    table = pd.crosstab(month.to_numpy(), topic.to_numpy())
    table = table.reindex(index=months, columns=lanes, fill_value=0)
    x = np.arange(len(months))
    bottom = np.zeros(len(months))
    handles = []
    for t in lanes:
        style = _style_for(t, styles)
        values = table[t].to_numpy(dtype=float)
        ax.bar(x, values, bottom=bottom, width=0.8, color=style["color"],
               hatch=style["hatch"], edgecolor="white", linewidth=0.6)
        bottom += values
        handles.append(Patch(facecolor=style["color"], hatch=style["hatch"], edgecolor="white",
                             label=safe_text(style["label"], 30)))
    step = max(1, int(np.ceil(len(months) / 12)))
    ax.set_xticks(x[::step], [f"{m:%b %Y}" for m in months[::step]],
                  rotation=45 if len(months) > 6 else 0, ha="right" if len(months) > 6
                  else "center")
    ax.set_ylabel("requests per month")
    ax.set_xlabel("month (UTC)")
    ax.set_title(title)
    ax.grid(axis="y", color="#DDDDDD", lw=0.6)
    ax.set_axisbelow(True)
    ax.legend(handles=handles[::-1], loc="upper left", bbox_to_anchor=(1.01, 1.0),
              frameon=False, fontsize=8, title="topic", title_fontsize=8)
    return ax
