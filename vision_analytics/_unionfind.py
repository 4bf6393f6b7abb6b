"""Union-find whose roots do not depend on the order of unions (the smaller key wins).

Threads (ingest, normalize) and identities (normalize) all group by it, and all
need the same answer for the same links in any order.
"""

from __future__ import annotations

from collections.abc import Hashable

__all__ = ["UnionFind"]


class UnionFind:
    """Disjoint sets over comparable keys, with path compression.

    Examples
    --------
    >>> uf = UnionFind()
    >>> uf.union("b", "c"), uf.union("c", "a")
    (('b', 'c'), ('a', 'b'))
    >>> uf.find("c")
    'a'
    """

    def __init__(self, keys=()):
        self.parent: dict[Hashable, Hashable] = {k: k for k in keys}

    def add(self, key) -> None:
        self.parent.setdefault(key, key)

    def find(self, key):
        self.add(key)
        root = key
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[key] != root:
            self.parent[key], key = root, self.parent[key]
        return root

    def union(self, a, b) -> tuple | None:
        """Join the sets of ``a`` and ``b``; ``(kept_root, merged_root)`` or None."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return None
        keep, gone = min(ra, rb), max(ra, rb)
        self.parent[gone] = keep
        return keep, gone
