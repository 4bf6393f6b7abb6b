"""The stakeholder graph: who writes to whom, who originates what through whom."""

from __future__ import annotations

import networkx as nx
import pandas as pd

__all__ = ["stakeholder_graph", "stakeholders_frame"]


def stakeholder_graph(messages: pd.DataFrame, requests: pd.DataFrame, identities) -> nx.DiGraph:
    """A directed graph of people (nodes ``person_id``).

    Edges carry ``writes`` (messages from u with v as a recipient) and
    ``relays`` (requests sent by u that v originated: the edge goes
    originator → sender, the way the idea travelled). Node attributes: name,
    email, organization, department, title, side.

    Examples
    --------
    >>> import pandas as pd
    >>> from types import SimpleNamespace
    >>> people = pd.DataFrame({"person_id": ["a", "b"], "name": ["A", "B"],
    ...     "emails": [["a@x.com"], ["b@x.com"]], "organization": ["X", "X"],
    ...     "department": ["", ""], "title": ["", ""], "side": ["customer", "customer"]})
    >>> ids = SimpleNamespace(people=people, lookup={"a@x.com": "a", "b@x.com": "b"}.get)
    >>> msgs = pd.DataFrame({"sender": ["a@x.com"], "to": [["b@x.com"]], "cc": [[]]})
    >>> reqs = pd.DataFrame({"sender_id": ["a"], "originator_id": ["b"]})
    >>> g = stakeholder_graph(msgs, reqs, ids)
    >>> g["a"]["b"]["writes"], g["b"]["a"]["relays"]
    (1, 1)
    """
    graph = nx.DiGraph()
    for row in identities.people.itertuples(index=False):
        emails = row.emails if isinstance(row.emails, list) else []
        graph.add_node(row.person_id, name=row.name, email=emails[0] if emails else "",
                       organization=row.organization, department=row.department,
                       title=row.title, side=getattr(row, "side", ""))
    for sender, to, cc in zip(messages["sender"], messages["to"], messages["cc"], strict=True):
        u = identities.lookup(sender) if sender else None
        if u is None:
            continue
        for address in {*to, *cc}:
            v = identities.lookup(address)
            if v is None or v == u:
                continue
            data = graph.get_edge_data(u, v, default=None)
            if data is None:
                graph.add_edge(u, v, writes=0, relays=0)
                data = graph[u][v]
            data["writes"] += 1
    for sender_id, originator_id in zip(requests["sender_id"], requests["originator_id"],
                                        strict=True):
        if not sender_id or not originator_id or originator_id in (sender_id, "unknown"):
            continue
        if originator_id not in graph:
            graph.add_node(originator_id, name=originator_id, email="", organization="",
                           department="", title="", side="")
        if not graph.has_edge(originator_id, sender_id):
            graph.add_edge(originator_id, sender_id, writes=0, relays=0)
        graph[originator_id][sender_id]["relays"] += 1
    return graph


def stakeholders_frame(graph: nx.DiGraph, requests: pd.DataFrame, identities,
                       seller_side: set[str] | None = None) -> pd.DataFrame:
    """One row per person with their roles in the request stream.

    ``influence_without_presence`` = requests originated through others ÷
    (1 + messages the person wrote to the seller); ``messenger_load`` =
    requests the person sent that someone else originated. ``role``:
    originator / messenger / both / participant.
    """
    people = identities.people.set_index("person_id")
    sent = requests.groupby("sender_id").size()
    originated = requests[requests["originator_id"] != "unknown"].groupby("originator_id").size()
    relayed_through = requests[(requests["originator_id"] != requests["sender_id"])
                               & (requests["originator_id"] != "unknown")]
    through_others = relayed_through.groupby("originator_id").size()
    messenger = relayed_through.groupby("sender_id").size()
    seller_side = seller_side or set(people.index[people.get("side", "") == "seller"])
    to_seller = {}
    for u, v, data in graph.edges(data=True):
        if v in seller_side and data.get("writes"):
            to_seller[u] = to_seller.get(u, 0) + data["writes"]
    rows = []
    for person_id in graph.nodes:
        node = graph.nodes[person_id]
        if node.get("side") == "seller":
            continue
        n_orig = int(originated.get(person_id, 0))
        n_through = int(through_others.get(person_id, 0))
        n_msgr = int(messenger.get(person_id, 0))
        role = ("both" if n_through and n_msgr else "originator" if n_through
                else "messenger" if n_msgr else "participant")
        record = people.loc[person_id] if person_id in people.index else None
        rows.append({
            "person_id": person_id,
            "name": node.get("name", ""),
            "email": node.get("email", ""),
            "organization": node.get("organization", ""),
            "department": node.get("department", ""),
            "title": node.get("title", ""),
            "side": node.get("side", ""),
            "n_sent": int(record["n_sent"]) if record is not None else 0,
            "first_seen": record["first_seen"] if record is not None else pd.NaT,
            "last_seen": record["last_seen"] if record is not None else pd.NaT,
            "requests_sent": int(sent.get(person_id, 0)),
            "requests_originated": n_orig,
            "originated_through_others": n_through,
            "messenger_load": n_msgr,
            "messages_to_seller": int(to_seller.get(person_id, 0)),
            "influence_without_presence": round(n_through / (1 + to_seller.get(person_id, 0)),
                                                3),
            "role": role,
        })
    frame = pd.DataFrame(rows)
    if frame.empty:
        return frame
    return frame.sort_values(["requests_originated", "requests_sent", "person_id"],
                             ascending=[False, False, True], kind="stable").reset_index(drop=True)
