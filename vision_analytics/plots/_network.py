"""Figures of people: the stakeholder network and the sender → originator flow."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import PathPatch, Rectangle
from matplotlib.path import Path as MplPath

from ._style import (
    OWN_COLOR,
    RELAY_COLOR,
    ROLE_STYLE,
    UNKNOWN_COLOR,
    display_names,
    frame,
    get_ax,
    no_data,
    require,
    safe_text,
    vision_of,
)

__all__ = ["plot_attribution_flow", "plot_stakeholder_network"]

_SELLER_NODE = "__account_team__"
#: Bands differ by hatch as well as colour, so they stay apart in greyscale print.
_FLOW_HATCH = {"own": None, "relayed": "\\\\", "unknown": ".."}
_UNKNOWN = "unknown"


def _roles(analysis) -> dict[str, str]:
    stakeholders = frame(analysis, "stakeholders")
    if {"person_id", "role"} <= set(stakeholders.columns):
        return dict(zip(stakeholders["person_id"].astype(str),
                        stakeholders["role"].fillna("participant").astype(str), strict=True))
    return {}


def _originated(analysis) -> dict[str, int]:
    stakeholders = frame(analysis, "stakeholders")
    if {"person_id", "requests_originated"} <= set(stakeholders.columns):
        return dict(zip(stakeholders["person_id"].astype(str),
                        stakeholders["requests_originated"].fillna(0).astype(int), strict=True))
    requests = frame(analysis, "requests")
    if "originator_id" in requests.columns:
        counts = requests["originator_id"].astype(str).value_counts()
        return {k: int(v) for k, v in counts.items() if k != _UNKNOWN}
    return {}


def _source_node(analysis, graph) -> str | None:
    source = vision_of(analysis).get("source") or {}
    email = str(source.get("email") or "").lower()
    name = str(source.get("name") or "")
    for node, data in graph.nodes(data=True):
        if email and str(data.get("email", "")).lower() == email:
            return node
    for node, data in graph.nodes(data=True):
        if name and data.get("name") == name:
            return node
    return None


def plot_stakeholder_network(analysis, *, ax=None, random_state=None, max_people=25):
    """People of the customer side: who writes, who relays whose requests.

    Node size follows requests originated; shape and colour give the role
    (originator, messenger, both, participant); thick arrows are relays
    (originator → the messenger who sent it), thin grey lines ordinary mail.
    The account team is one hexagon. The vision's source, when found, is ringed.

    Parameters
    ----------
    analysis : Analysis
        Uses ``graph`` (networkx DiGraph), ``stakeholders``, ``vision``.
    ax : matplotlib Axes, optional
    random_state : int, optional
        Seed of the spring layout; defaults to ``analysis.random_state``.
    max_people : int
        The most active customer-side people shown.

    Returns
    -------
    matplotlib.axes.Axes
    """
    title = "Stakeholders: who originates, who relays"
    require(analysis, "plot_stakeholder_network", "graph")
    ax = get_ax(ax, figsize=(8.5, 7.0))
    graph = getattr(analysis, "graph", None)
    if graph is None or graph.number_of_nodes() == 0:
        return no_data(ax, title, "No people found in the mail.")
    seed = getattr(analysis, "random_state", 0) if random_state is None else random_state
    roles = _roles(analysis)
    originated = _originated(analysis)
    seller = {n for n, d in graph.nodes(data=True) if d.get("side") == "seller"}
    activity: dict[str, float] = {}
    for u, v, data in graph.edges(data=True):
        weight = data.get("writes", 0) + 3 * data.get("relays", 0)
        for node in (u, v):
            if node not in seller:
                activity[node] = activity.get(node, 0) + weight
    for node, count in originated.items():
        if node in graph and node not in seller:
            activity[node] = activity.get(node, 0) + 3 * count
    people = sorted((n for n in activity if activity[n] > 0),
                    key=lambda n: (-activity[n], str(n)))[:max_people]
    if not people:
        return no_data(ax, title, "No customer-side person writes or is relayed in the mail.")
    shown = set(people)
    view = nx.DiGraph()
    view.add_nodes_from(sorted(people, key=str))
    writes_to_team: dict[str, int] = {}
    for u, v, data in sorted(graph.edges(data=True), key=lambda e: (str(e[0]), str(e[1]))):
        writes, relays = data.get("writes", 0), data.get("relays", 0)
        if u in shown and v in shown:
            view.add_edge(u, v, writes=writes, relays=relays)
        elif u in shown and v in seller and writes:
            writes_to_team[u] = writes_to_team.get(u, 0) + writes
        elif v in shown and u in seller and writes:
            writes_to_team[v] = writes_to_team.get(v, 0) + writes
    if seller:
        view.add_node(_SELLER_NODE)
        for node, writes in sorted(writes_to_team.items(), key=lambda kv: str(kv[0])):
            view.add_edge(node, _SELLER_NODE, writes=writes, relays=0)
    layout_graph = nx.Graph()
    layout_graph.add_nodes_from(view.nodes)
    for u, v, data in view.edges(data=True):
        w = 1.0 + np.log1p(data["writes"]) + 2.0 * data["relays"]
        if layout_graph.has_edge(u, v):
            layout_graph[u][v]["weight"] += w
        else:
            layout_graph.add_edge(u, v, weight=w)
    pos = nx.spring_layout(layout_graph, seed=seed, weight="weight",
                           k=1.6 / np.sqrt(max(1, layout_graph.number_of_nodes())),
                           iterations=200)
    largest = max([originated.get(n, 0) for n in people] + [1])

    def size(node):
        if node == _SELLER_NODE:
            return 700.0
        return 120.0 + 1100.0 * originated.get(node, 0) / largest

    writes_edges = [(u, v) for u, v, d in view.edges(data=True) if d["writes"] and not
                    d["relays"]]
    relay_edges = [(u, v) for u, v, d in view.edges(data=True) if d["relays"]]
    sizes = {n: size(n) for n in view.nodes}
    if writes_edges:
        nx.draw_networkx_edges(
            view, pos, edgelist=writes_edges, ax=ax, edge_color="#AAAAAA", arrows=False,
            width=[0.5 + 0.4 * np.log1p(view[u][v]["writes"]) for u, v in writes_edges])
    if relay_edges:
        nx.draw_networkx_edges(
            view, pos, edgelist=relay_edges, ax=ax, edge_color=RELAY_COLOR, arrows=True,
            arrowstyle="-|>", arrowsize=14, connectionstyle="arc3,rad=0.12",
            nodelist=list(view.nodes), node_size=[sizes[n] for n in view.nodes],
            width=[1.2 + 1.2 * np.log1p(view[u][v]["relays"]) for u, v in relay_edges])
    handles = []
    groups: dict[str, list] = {}
    for node in view.nodes:
        role = "seller" if node == _SELLER_NODE else roles.get(str(node), "participant")
        groups.setdefault(role if role in ROLE_STYLE else "participant", []).append(node)
    for role in ("participant", "messenger", "both", "originator", "seller"):
        nodes = groups.get(role)
        if not nodes:
            continue
        style = ROLE_STYLE[role]
        nx.draw_networkx_nodes(view, pos, nodelist=nodes, ax=ax, node_shape=style["marker"],
                               node_color=style["color"], edgecolors="black", linewidths=0.8,
                               node_size=[sizes[n] for n in nodes])
        handles.append(Line2D([], [], ls="", marker=style["marker"], markersize=9,
                              markerfacecolor=style["color"], markeredgecolor="black",
                              label=style["label"]))
    source = _source_node(analysis, graph)
    if source in pos:
        ax.scatter([pos[source][0]], [pos[source][1]], s=sizes[source] * 2.2 + 200,
                   facecolors="none", edgecolors="black", linewidths=2.0, zorder=4)
        handles.append(Line2D([], [], ls="", marker="o", markersize=13, markerfacecolor="none",
                              markeredgecolor="black", markeredgewidth=2,
                              label="source of the vision"))
    names = display_names(analysis, two_lines=True)
    for node, (x, y) in pos.items():
        label = "Account team" if node == _SELLER_NODE else names.get(str(node), str(node))
        label = "\n".join(safe_text(line, 28) for line in label.split("\n"))
        ax.annotate(label, (x, y), xytext=(0, -np.sqrt(sizes[node]) / 2 - 3),
                    textcoords="offset points", ha="center", va="top", fontsize=7, zorder=6,
                    bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none",
                          "alpha": 0.75})
    if relay_edges:
        handles.append(Line2D([], [], color=RELAY_COLOR, lw=2.2,
                              label="relays: originator → messenger"))
    if writes_edges:
        handles.append(Line2D([], [], color="#AAAAAA", lw=1.0, label="writes to"))
    xs = np.array([p[0] for p in pos.values()])
    ys = np.array([p[1] for p in pos.values()])
    pad_x = 0.15 * max(np.ptp(xs), 0.5)
    pad_y = 0.15 * max(np.ptp(ys), 0.5)
    ax.set_xlim(xs.min() - pad_x, xs.max() + pad_x)
    ax.set_ylim(ys.min() - pad_y - 0.08, ys.max() + pad_y)
    ax.set_axis_off()
    ax.set_title(title)
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=3,
              frameon=False, fontsize=8)
    return ax


def _flow_table(analysis) -> pd.DataFrame:
    requests = frame(analysis, "requests")
    if requests.empty:
        return pd.DataFrame(columns=["sender", "originator", "n"])
    sender = requests["sender_id"] if "sender_id" in requests.columns else requests.get(
        "sender", pd.Series("", index=requests.index))
    sender = sender.fillna("").astype(str)
    if "sender" in requests.columns:
        sender = sender.where(sender != "", requests["sender"].fillna("").astype(str))
    if "originator_id" in requests.columns:
        originator = requests["originator_id"]
    elif "originator" in requests.columns:
        originator = requests["originator"]
    else:
        return pd.DataFrame(columns=["sender", "originator", "n"])
    originator = originator.fillna(_UNKNOWN).astype(str).replace("", _UNKNOWN)
    table = pd.DataFrame({"sender": sender.replace("", "(no sender)").to_numpy(),
                          "originator": originator.to_numpy()})
    return table.groupby(["sender", "originator"], sort=True).size().rename("n").reset_index()


def _fold(counts: pd.Series, limit: int) -> dict[str, str]:
    """Keep the ``limit`` - 1 largest keys, map the rest to "others"."""
    ordered = sorted(counts.index, key=lambda k: (-counts[k], k))
    if len(ordered) <= limit:
        return {k: k for k in ordered}
    keep = set(ordered[: limit - 1])
    return {k: (k if k in keep else "__others__") for k in ordered}


def plot_attribution_flow(analysis, *, ax=None, max_people=10):
    """Who sent the requests (left) and who originated them (right).

    Each band is a sender → originator pair, as thick as its number of
    requests: vermillion when the sender relayed someone else's request, blue
    for their own, grey (hatched) when the originator is unknown.

    Parameters
    ----------
    analysis : Analysis
        Uses ``requests`` (``sender_id``/``sender``, ``originator_id``/``originator``).
    ax : matplotlib Axes, optional
    max_people : int
        Rows per side; the rest are grouped as "others".

    Returns
    -------
    matplotlib.axes.Axes
    """
    title = "Who sent the requests → who originated them"
    require(analysis, "plot_attribution_flow", "requests")
    ax = get_ax(ax, figsize=(9.0, 6.0))
    table = _flow_table(analysis)
    if table.empty:
        return no_data(ax, title, "No requests with a sender and an originator to draw.")
    left_map = _fold(table.groupby("sender")["n"].sum(), max_people)
    right_map = _fold(table.groupby("originator")["n"].sum(), max_people)
    table = table.assign(left=table["sender"].map(left_map),
                         right=table["originator"].map(right_map))
    relayed = (table["sender"] != table["originator"]) & (table["originator"] != _UNKNOWN)
    table = table.assign(kind=np.where(table["originator"] == _UNKNOWN, "unknown",
                                       np.where(relayed, "relayed", "own")))
    flows = table.groupby(["left", "right", "kind"], sort=True)["n"].sum().reset_index()
    total = float(flows["n"].sum())
    gap = 0.02 * total

    def stack(side):
        sums = flows.groupby(side)["n"].sum()
        order = sorted(sums.index, key=lambda k: (k == "__others__", k == _UNKNOWN,
                                                  -sums[k], k))
        tops, y = {}, total + gap * (len(order) - 1)
        for key in order:
            tops[key] = y
            y -= sums[key] + gap
        return order, sums, tops

    left_order, left_sums, left_tops = stack("left")
    right_order, right_sums, right_tops = stack("right")
    names = display_names(analysis)

    def label(key):
        if key == "__others__":
            return "others"
        if key == _UNKNOWN:
            return "unknown originator"
        return names.get(key, key)

    x0, x1, width = 0.0, 1.0, 0.04
    colors = {"own": OWN_COLOR, "relayed": RELAY_COLOR, "unknown": UNKNOWN_COLOR}
    left_cursor = dict(left_tops)
    right_cursor = dict(right_tops)
    rank_r = {k: i for i, k in enumerate(right_order)}
    rank_l = {k: i for i, k in enumerate(left_order)}
    ordered = flows.assign(rl=flows["left"].map(rank_l), rr=flows["right"].map(rank_r))
    for row in ordered.sort_values(["rl", "rr", "kind"], kind="stable").itertuples():
        ly0 = left_cursor[row.left]
        left_cursor[row.left] -= row.n
        ordered.loc[row.Index, "ly"] = ly0
    for row in ordered.sort_values(["rr", "rl", "kind"], kind="stable").itertuples():
        ry0 = right_cursor[row.right]
        right_cursor[row.right] -= row.n
        ordered.loc[row.Index, "ry"] = ry0
    for row in ordered.sort_values(["rl", "rr", "kind"], kind="stable").itertuples():
        a0, a1 = row.ly, row.ly - row.n
        b0, b1 = row.ry, row.ry - row.n
        xa, xb = x0 + width, x1 - width
        mid = (xa + xb) / 2
        path = MplPath(
            [(xa, a0), (mid, a0), (mid, b0), (xb, b0), (xb, b1), (mid, b1), (mid, a1), (xa, a1),
             (xa, a0)],
            [MplPath.MOVETO, MplPath.CURVE4, MplPath.CURVE4, MplPath.CURVE4, MplPath.LINETO,
             MplPath.CURVE4, MplPath.CURVE4, MplPath.CURVE4, MplPath.CLOSEPOLY])
        ax.add_patch(PathPatch(path, facecolor=colors[row.kind], alpha=0.55, lw=0.3,
                               edgecolor="white", hatch=_FLOW_HATCH[row.kind]))
    for order, sums, tops, x, ha, dx in ((left_order, left_sums, left_tops, x0, "right", -0.01),
                                         (right_order, right_sums, right_tops, x1 - width,
                                          "left", width + 0.01)):
        for key in order:
            ax.add_patch(Rectangle((x, tops[key] - sums[key]), width, sums[key],
                                   facecolor="#333333", edgecolor="none"))
            ax.text(x + dx, tops[key] - sums[key] / 2, f"{safe_text(label(key), 34)} "
                    f"({int(sums[key])})", ha=ha, va="center", fontsize=8)
    ax.set_xlim(-0.55, 1.55)
    ax.set_ylim(-gap, total + gap * max(len(left_order), len(right_order)))
    ax.text(x0 + width / 2, ax.get_ylim()[1], "sender", ha="center", va="bottom",
            fontsize=9, fontweight="bold")
    ax.text(x1 - width / 2, ax.get_ylim()[1], "originator", ha="center", va="bottom",
            fontsize=9, fontweight="bold")
    ax.set_axis_off()
    ax.set_title(title, pad=16)
    kinds = set(flows["kind"])
    handles = [Rectangle((0, 0), 1, 1, facecolor=colors[k], alpha=0.55,
                         hatch=_FLOW_HATCH[k], edgecolor="white", label=text)
               for k, text in (("own", "own request"), ("relayed", "relayed for someone else"),
                               ("unknown", "originator unknown")) if k in kinds]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=3,
              frameon=False, fontsize=8)
    return ax
