"""Disjoint sets: the one union-find that grouping stages (near-duplicates, events) share."""

from __future__ import annotations


class UnionFind:
    """Disjoint sets over ``0..n-1`` with path halving; the root of a set is its smallest member."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            if rb < ra:
                ra, rb = rb, ra
            self.parent[rb] = ra

    def groups(self) -> list[list[int]]:
        """Sets of two or more members, each sorted, ordered by their smallest member."""
        members: dict[int, list[int]] = {}
        for x in range(len(self.parent)):
            members.setdefault(self.find(x), []).append(x)
        return [m for _, m in sorted(members.items()) if len(m) > 1]
