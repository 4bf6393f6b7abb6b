"""Shared look of the figures: palette, markers, hatches, safe labels, "no data" axes.

The palette is Okabe & Ito's (2008) colour-blind-safe set without its yellow
(too pale on white paper) and black (kept for annotations). Topics cycle
through colours *and* markers / hatches, so they stay apart in greyscale print.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

__all__ = [
    "HATCHES",
    "MARKERS",
    "PALETTE",
    "display_names",
    "get_ax",
    "no_data",
    "safe_text",
    "topic_styles",
]

#: Okabe-Ito colours (blue, orange, green, purple, sky blue, vermillion) and a grey.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#7F7F7F")
#: Marker cycle; 8 is coprime with the 7 colours, so 56 topics get distinct pairs.
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")
HATCHES = ("", "//", "\\\\", "xx", "..", "++", "oo", "--")
#: Roles in the stakeholder figures.
ROLE_STYLE = {
    "originator": {"color": "#D55E00", "marker": "^", "label": "originator (asks through others)"},
    "both": {"color": "#CC79A7", "marker": "D", "label": "originator and messenger"},
    "messenger": {"color": "#0072B2", "marker": "s", "label": "messenger (relays others' asks)"},
    "participant": {"color": "#BBBBBB", "marker": "o", "label": "participant"},
    "seller": {"color": "#FFFFFF", "marker": "h", "label": "account team (seller)"},
}
RELAY_COLOR = "#D55E00"
OWN_COLOR = "#0072B2"
UNKNOWN_COLOR = "#BBBBBB"
VISION_COLOR = "#D55E00"
OTHER_COLOR = "#0072B2"

#: Topic ids of requests that no topic fits.
UNASSIGNED_IDS = {"unassigned", "-1"}

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def safe_text(value, width: int = 40) -> str:
    """Text from mail made safe for a matplotlib label.

    ``$`` would switch matplotlib to math mode (and a stray one fails the
    drawing), so it is escaped; control characters are dropped; long text is
    cut with an ellipsis.
    """
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    text = _CONTROL.sub(" ", str(value)).strip()
    text = " ".join(text.split()) if "\n" not in text else "\n".join(
        " ".join(line.split()) for line in text.splitlines())
    if width and len(text) > width:
        text = text[: width - 1].rstrip() + "…"
    return text.replace("$", r"\$")


def get_ax(ax, figsize=(8.0, 4.5)):
    """``ax`` itself, or the Axes of a new figure (constrained layout) when None."""
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


def no_data(ax, title: str, message: str):
    """Turn ``ax`` into a readable "nothing to draw" panel and return it."""
    ax.set_title(title)
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_color("#BBBBBB")
    ax.text(0.5, 0.5, safe_text(message, width=0), ha="center", va="center",
            transform=ax.transAxes, wrap=True, fontsize=10, color="#444444")
    return ax


def topic_styles(analysis) -> dict[str, dict]:
    """``topic_id`` → label, colour, marker and hatch, the same in every figure.

    Topics keep the order of ``analysis.topics`` (then any id only found in
    the requests, sorted), so a topic has one look across the brief.
    """
    order: list[str] = []
    labels: dict[str, str] = {}
    topics = getattr(analysis, "topics", None)
    if isinstance(topics, pd.DataFrame) and "topic_id" in topics.columns:
        for topic_id, label in zip(topics["topic_id"].astype(str),
                                   topics.get("label", topics["topic_id"]).fillna("")
                                   .astype(str), strict=True):
            if topic_id not in labels:
                order.append(topic_id)
                labels[topic_id] = label or topic_id
    requests = getattr(analysis, "requests", None)
    if isinstance(requests, pd.DataFrame) and "topic_id" in requests.columns:
        extra = sorted(set(requests["topic_id"].dropna().astype(str)) - set(labels))
        for topic_id in extra:
            order.append(topic_id)
            label = ""
            if "topic_label" in requests.columns:
                found = requests.loc[requests["topic_id"].astype(str) == topic_id, "topic_label"]
                label = str(found.dropna().iloc[0]) if found.notna().any() else ""
            labels[topic_id] = label or topic_id
    styles = {}
    colored = [t for t in order if t not in UNASSIGNED_IDS]
    for i, topic_id in enumerate(colored):
        styles[topic_id] = {"label": labels[topic_id], "color": PALETTE[i % len(PALETTE)],
                            "marker": MARKERS[i % len(MARKERS)],
                            "hatch": HATCHES[i % len(HATCHES)], "order": i}
    for topic_id in order:  # requests no topic fits: grey, last
        if topic_id in UNASSIGNED_IDS:
            styles[topic_id] = {"label": labels[topic_id], "color": "#AAAAAA", "marker": ".",
                                "hatch": "..", "order": len(styles)}
    return styles


def display_names(analysis, *, two_lines: bool = False) -> dict[str, str]:
    """``person_id`` (and e-mail address) → a short display name with the title.

    "Dana Whitfield (VP Strategy)", or the title on a second line when
    ``two_lines``. Uses the stakeholder graph's node attributes, falling back to
    the people frame of identity resolution.
    """
    names: dict[str, str] = {}
    graph = getattr(analysis, "graph", None)
    rows = []
    if graph is not None:
        rows = [(node, data.get("name", ""), data.get("email", ""), data.get("title", ""))
                for node, data in graph.nodes(data=True)]
    people = getattr(getattr(analysis, "identities", None), "people", None)
    if isinstance(people, pd.DataFrame) and "person_id" in people.columns:
        for row in people.itertuples(index=False):
            emails = getattr(row, "emails", [])
            email = emails[0] if isinstance(emails, list) and emails else ""
            rows.append((row.person_id, getattr(row, "name", ""), email,
                         getattr(row, "title", "")))
    for person_id, name, email, title in rows:
        if person_id in names:
            continue
        name = str(name or "") if not pd.isna(name) else ""
        title = str(title or "") if not pd.isna(title) else ""
        shown = name or str(email or "") or str(person_id)
        if title:
            shown = f"{shown}\n({title})" if two_lines else f"{shown} ({title})"
        names[str(person_id)] = shown
        if email:
            names.setdefault(str(email), shown)
    return names


def require(analysis, function: str, attribute: str) -> None:
    """Fail clearly when a plot is given something that is not an analysis."""
    if not hasattr(analysis, attribute):
        raise TypeError(
            f"{function} needs an Analysis (from vision_analytics.analyze) with a "
            f"{attribute!r} attribute; got {type(analysis).__name__}. Pass the Analysis "
            f"itself, e.g. plots.{function}(analysis)."
        )


def frame(analysis, attribute: str) -> pd.DataFrame:
    """``analysis.<attribute>`` as a DataFrame (empty when missing)."""
    value = getattr(analysis, attribute, None)
    return value if isinstance(value, pd.DataFrame) else pd.DataFrame()


def vision_of(analysis) -> dict:
    value = getattr(analysis, "vision", None)
    return value if isinstance(value, dict) else {}


def in_vision(requests: pd.DataFrame) -> np.ndarray:
    if "part_of_vision" not in requests.columns:
        return np.zeros(len(requests), dtype=bool)
    return requests["part_of_vision"].fillna(False).astype(bool).to_numpy()


def to_utc(values) -> pd.Series:
    """Timestamps as tz-aware UTC (naive values are taken as UTC)."""
    return pd.to_datetime(pd.Series(values), errors="coerce", utc=True)


def plot_dates(values) -> np.ndarray:
    """UTC timestamps as naive ``datetime64`` values for matplotlib."""
    return to_utc(values).dt.tz_localize(None).to_numpy()


def date_axis(ax, axis: str = "x") -> None:
    """Concise date ticks (``2026``, ``Feb``, ``Mar``…) on ``axis``."""
    import matplotlib.dates as mdates

    locator = mdates.AutoDateLocator(minticks=3, maxticks=9)
    target = ax.xaxis if axis == "x" else ax.yaxis
    target.set_major_locator(locator)
    target.set_major_formatter(mdates.ConciseDateFormatter(locator))
