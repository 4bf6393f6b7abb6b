"""Figures of the topics: the 2-D topic map and the vision-terms heatmap."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from scipy import sparse

from ..vision._shared_source import contains_term
from ._style import (
    frame,
    get_ax,
    in_vision,
    no_data,
    require,
    safe_text,
    topic_styles,
    vision_of,
)

__all__ = ["plot_topic_map", "plot_vision_terms", "project_2d", "term_counts"]


def _request_texts(requests: pd.DataFrame) -> list[str]:
    subject = requests["subject"] if "subject" in requests.columns else pd.Series(
        "", index=requests.index)
    text = requests["text"] if "text" in requests.columns else pd.Series("", index=requests.index)
    return (subject.fillna("").astype(str) + "\n" + text.fillna("").astype(str)).tolist()


def project_2d(analysis, random_state=0) -> np.ndarray | None:
    # Degenerate inputs (identical texts) make sklearn divide 0 by 0 in its
    # explained-variance ratio, which the map does not use.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        coords = _project_2d(analysis, random_state)
    if coords is None or not np.isfinite(coords).all():
        return None
    return coords


def _project_2d(analysis, random_state=0) -> np.ndarray | None:
    """2-D coordinates of the requests, or None when there are too few to project.

    ``analysis.topic_vectors`` (one row per request) is reduced with PCA (or
    TruncatedSVD when sparse); without it a TF-IDF of subject and text is
    reduced with TruncatedSVD. Both are seeded, so the map is the same every run.
    """
    from sklearn.decomposition import PCA, TruncatedSVD
    from sklearn.feature_extraction.text import TfidfVectorizer

    requests = frame(analysis, "requests")
    n = len(requests)
    if n < 3:
        return None
    vectors = getattr(analysis, "topic_vectors", None)
    if vectors is not None and getattr(vectors, "shape", (0,))[0] == n:
        if sparse.issparse(vectors):
            matrix = sparse.csr_matrix(vectors, dtype=np.float64)
            if matrix.shape[1] < 3:
                coords = matrix.toarray()
            else:
                coords = TruncatedSVD(2, random_state=random_state).fit_transform(matrix)
        else:
            matrix = np.nan_to_num(np.asarray(vectors, dtype=np.float64))
            if matrix.ndim != 2:
                return None
            coords = matrix if matrix.shape[1] <= 2 else PCA(
                2, svd_solver="full", random_state=random_state).fit_transform(matrix)
    else:
        try:
            tfidf = TfidfVectorizer(sublinear_tf=True, max_features=20_000,
                                    stop_words="english").fit_transform(_request_texts(requests))
        except ValueError:  # empty vocabulary
            return None
        if tfidf.shape[1] < 3:
            return None
        coords = TruncatedSVD(2, random_state=random_state).fit_transform(tfidf)
    if coords.shape[1] == 1:
        coords = np.column_stack([coords[:, 0], np.zeros(n)])
    return coords[:, :2]


def plot_topic_map(analysis, *, ax=None, random_state=None):
    """Requests in 2-D, coloured and shaped by topic, labelled at topic centroids.

    Parameters
    ----------
    analysis : Analysis
        Uses ``requests``, ``topics``, ``topic_vectors`` (optional).
    ax : matplotlib Axes, optional
    random_state : int, optional
        Seed of the projection; defaults to ``analysis.random_state``.

    Returns
    -------
    matplotlib.axes.Axes
    """
    title = "Requests by topic (2-D projection)"
    require(analysis, "plot_topic_map", "requests")
    ax = get_ax(ax, figsize=(7.5, 6.0))
    requests = frame(analysis, "requests")
    seed = getattr(analysis, "random_state", 0) if random_state is None else random_state
    coords = project_2d(analysis, random_state=seed)
    if coords is None:
        return no_data(ax, title, "Too few requests (or words) to draw a topic map.")
    styles = topic_styles(analysis)
    topic = requests["topic_id"].astype(str) if "topic_id" in requests.columns else \
        pd.Series("all", index=requests.index)
    centroids = []
    for topic_id in sorted(topic.unique(), key=lambda t: (styles.get(t, {}).get("order", 0), t)):
        mask = (topic == topic_id).to_numpy()
        style = styles.get(topic_id, {"color": "#0072B2", "marker": "o", "label": topic_id})
        ax.scatter(coords[mask, 0], coords[mask, 1], s=26, color=style["color"],
                   marker=style["marker"], alpha=0.8, linewidths=0, zorder=3)
        centroids.append((np.median(coords[mask, 0]), np.median(coords[mask, 1]),
                          safe_text(style["label"], 24), style["color"]))
    _place_labels(ax, coords, centroids)
    vision = in_vision(requests)
    handles = [Line2D([], [], ls="", marker="o", color="#777777", label="request "
                      "(colour and shape: topic)")]
    if vision.any():
        ax.scatter(coords[vision, 0], coords[vision, 1], s=100, facecolors="none",
                   edgecolors="black", linewidths=1.1, zorder=4)
        handles.append(Line2D([], [], ls="", marker="o", markersize=10, markerfacecolor="none",
                              markeredgecolor="black", label="part of the vision"))
    ax.set_xlabel("component 1")
    ax.set_ylabel("component 2")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_title(title)
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.06), ncol=2,
              frameon=False, fontsize=8)
    return ax


def _place_labels(ax, coords: np.ndarray, centroids: list) -> None:
    """Topic labels at their centroids, nudged apart so that none hides another.

    Positions are worked out in axes fractions (label box ≈ 1.1 % of the width
    per character, 4.5 % of the height), moving a label up or down in growing
    steps until it clears the ones already placed; a thin line joins a moved
    label to its centroid.
    """
    lo, hi = coords.min(axis=0), coords.max(axis=0)
    span = np.where(hi - lo > 0, hi - lo, 1.0)
    ax.set_xlim(lo[0] - 0.08 * span[0], hi[0] + 0.08 * span[0])
    ax.set_ylim(lo[1] - 0.08 * span[1], hi[1] + 0.08 * span[1])
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    placed: list[tuple[float, float, float]] = []
    height = 0.045
    for cx, cy, label, color in sorted(centroids, key=lambda c: (-c[1], c[0], c[2])):
        fx, fy = (cx - x0) / (x1 - x0), (cy - y0) / (y1 - y0)
        half = 0.0055 * len(label) + 0.01
        fx = min(max(fx, half), 1 - half)
        for step in range(60):
            offset = (step + 1) // 2 * height * (1 if step % 2 else -1)
            ty = fy + offset
            if not 0.02 <= ty <= 0.98:
                continue
            if all(abs(ty - py) >= height or abs(fx - px) >= half + ph for px, py, ph in placed):
                break
        else:
            ty = fy
        placed.append((fx, ty, half))
        moved = abs(ty - (cy - y0) / (y1 - y0)) > 1e-9
        ax.annotate(label, (cx, cy), xytext=(fx, ty), textcoords="axes fraction", ha="center",
                    va="center", fontsize=8, zorder=5,
                    arrowprops={"arrowstyle": "-", "color": color, "lw": 0.8} if moved else None,
                    bbox={"boxstyle": "round,pad=0.25", "fc": "white", "ec": color,
                          "alpha": 0.9, "lw": 1.0})


def term_counts(analysis, max_terms=15) -> pd.DataFrame:
    """Requests per topic containing each vision term (terms × topic ids)."""
    requests = frame(analysis, "requests")
    terms = [str(t) for t in vision_of(analysis).get("vision_terms") or [] if str(t).strip()]
    terms = terms[:max_terms]
    if not terms or requests.empty:
        return pd.DataFrame()
    text = pd.Series(_request_texts(requests), index=requests.index)
    if "context" in requests.columns:  # the framing around the ask, as the test read it
        text = text + "\n" + requests["context"].fillna("").astype(str)
    text = text.str.lower()
    topic = requests["topic_id"].astype(str) if "topic_id" in requests.columns else \
        pd.Series("all", index=requests.index)
    rows = {}
    for term in terms:
        hit = contains_term(text, term.lower())
        rows[term] = hit.groupby(topic).sum()
    table = pd.DataFrame(rows).T.fillna(0).astype(int)
    return table.loc[:, table.sum(axis=0) > 0]


def plot_vision_terms(analysis, *, ax=None, max_terms=15):
    """Heatmap: how many requests of each topic use each vision term.

    A vision cuts across topics: its terms show up in several columns, where an
    ordinary topic's own words stay in one.

    Parameters
    ----------
    analysis : Analysis
        Uses ``vision["vision_terms"]``, ``requests`` and ``topics``.
    ax : matplotlib Axes, optional
    max_terms : int

    Returns
    -------
    matplotlib.axes.Axes
    """
    title = "Vision terms across topics"
    require(analysis, "plot_vision_terms", "vision")
    ax = get_ax(ax, figsize=(8.0, 5.0))
    table = term_counts(analysis, max_terms=max_terms)
    if table.empty:
        return no_data(ax, title, "No vision found, so no vision terms to place in topics.")
    styles = topic_styles(analysis)
    columns = sorted(table.columns, key=lambda t: (styles.get(t, {}).get("order", 0), t))
    table = table[columns]
    values = table.to_numpy(dtype=float)
    # white for zero (little ink on paper), dark blue for many: a single-hue map whose
    # lightness is monotone reads the same to colour-blind eyes and in greyscale.
    image = ax.imshow(values, cmap="Blues", aspect="auto", vmin=0,
                      vmax=max(1.0, values.max()))
    for (i, j), v in np.ndenumerate(values):
        shade = image.cmap(image.norm(v))
        light = 0.299 * shade[0] + 0.587 * shade[1] + 0.114 * shade[2] > 0.55
        ax.text(j, i, f"{int(v)}" if v else "·", ha="center", va="center", fontsize=8,
                color="black" if light else "white")
    ax.set_xticks(range(len(columns)),
                  [safe_text(styles.get(t, {}).get("label", t), 22) for t in columns],
                  rotation=35, ha="right", fontsize=8)
    ax.set_yticks(range(len(table.index)), [safe_text(t, 30) for t in table.index], fontsize=8)
    ax.set_xlabel("topic")
    ax.set_ylabel("vision term")
    ax.set_title(title + " (requests containing the term)")
    return ax
