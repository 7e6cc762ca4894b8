"""Layers with the least total relation length: the network simplex of Gansner, Koutsofios,
North and Vo ("A technique for drawing directed graphs", 1993), as dot and dagre use it.

Every edge must go at least one layer down; the sum of the layers each edge spans is
minimal, so long relations (and the dummy points and crossings they bring) are as few as
the graph allows. Start from longest-path layers, grow a spanning tree of tight edges
(shifting the tree when no tight edge leaves it), then exchange a tree edge with a
negative cut value for the non-tree edge of least slack that reconnects the tree, until
no cut value is negative. Cut values and ranks are recomputed after each exchange
(O(V + E)), so the caller bounds the exchanges; every intermediate ranking is feasible.
Ties go to the lower edge index: deterministic.
"""

from __future__ import annotations

from collections.abc import Sequence


def simplex_layers(count: int, edges: Sequence[tuple[int, int]],
                   max_exchanges: int) -> list[int]:
    """Layer of each node for acyclic ``edges`` (every edge at least one layer down) with
    the least total edge length, or nearly so after ``max_exchanges`` exchanges."""
    weights: dict[tuple[int, int], int] = {}
    for edge in edges:
        weights[edge] = weights.get(edge, 0) + 1
    tails = [s for s, _ in weights]
    heads = [t for _, t in weights]
    weight = list(weights.values())
    incident: list[list[int]] = [[] for _ in range(count)]
    for e, (s, t) in enumerate(weights):
        incident[s].append(e)
        incident[t].append(e)
    rank = _longest_path(count, tails, heads, incident)
    seen = [False] * count
    for start in range(count):
        if seen[start] or not incident[start]:
            continue
        component = _component(start, tails, heads, incident, seen)
        _Simplex(rank, tails, heads, weight, incident, component).run(max_exchanges)
    return rank


def _longest_path(count: int, tails: list[int], heads: list[int],
                  incident: list[list[int]]) -> list[int]:
    indegree = [0] * count
    for t in heads:
        indegree[t] += 1
    rank = [0] * count
    ready = [v for v in range(count) if indegree[v] == 0]
    while ready:
        v = ready.pop()
        for e in incident[v]:
            if tails[e] == v:
                w = heads[e]
                rank[w] = max(rank[w], rank[v] + 1)
                indegree[w] -= 1
                if indegree[w] == 0:
                    ready.append(w)
    return rank


def _component(start: int, tails: list[int], heads: list[int], incident: list[list[int]],
               seen: list[bool]) -> list[int]:
    seen[start] = True
    stack, out = [start], [start]
    while stack:
        v = stack.pop()
        for e in incident[v]:
            w = heads[e] if tails[e] == v else tails[e]
            if not seen[w]:
                seen[w] = True
                stack.append(w)
                out.append(w)
    return out


class _Simplex:
    """The network simplex on one weakly connected component."""

    def __init__(self, rank: list[int], tails: list[int], heads: list[int],
                 weight: list[int], incident: list[list[int]], nodes: list[int]) -> None:
        self.rank, self.tails, self.heads, self.weight = rank, tails, heads, weight
        self.incident, self.nodes = incident, nodes
        self.edges = sorted({e for v in nodes for e in incident[v]})
        self.in_tree: dict[int, bool] = dict.fromkeys(self.edges, False)
        self.cut: dict[int, int] = {}
        self.low: dict[int, int] = {}
        self.lim: dict[int, int] = {}
        self.parent_edge: dict[int, int] = {}

    def slack(self, e: int) -> int:
        return self.rank[self.heads[e]] - self.rank[self.tails[e]] - 1

    def other(self, e: int, v: int) -> int:
        return self.heads[e] if self.tails[e] == v else self.tails[e]

    def run(self, max_exchanges: int) -> None:
        if len(self.nodes) < 2:
            return
        self._feasible_tree()
        self._refresh()
        for _ in range(max_exchanges):
            leaving = next((e for e in self.edges if self.in_tree[e] and self.cut[e] < 0),
                           None)
            if leaving is None:
                break
            entering = self._entering(leaving)
            self.in_tree[leaving] = False
            self.in_tree[entering] = True
            self._refresh()
        low = min(self.rank[v] for v in self.nodes)
        for v in self.nodes:
            self.rank[v] -= low

    def _feasible_tree(self) -> None:
        in_tree_node = dict.fromkeys(self.nodes, False)
        in_tree_node[self.nodes[0]] = True
        members = [self.nodes[0]]
        total = len(self.nodes)
        while True:
            stack = list(members)
            while stack:  # grow the tree along tight edges
                v = stack.pop()
                for e in self.incident[v]:
                    w = self.other(e, v)
                    if not in_tree_node[w] and self.slack(e) == 0:
                        in_tree_node[w] = True
                        self.in_tree[e] = True
                        members.append(w)
                        stack.append(w)
            if len(members) == total:
                return
            best, best_slack = -1, 0
            for e in self.edges:
                if in_tree_node[self.tails[e]] != in_tree_node[self.heads[e]]:
                    s = self.slack(e)
                    if best < 0 or s < best_slack:
                        best, best_slack = e, s
            delta = best_slack if in_tree_node[self.tails[best]] else -best_slack
            for v in members:
                self.rank[v] += delta

    def _refresh(self) -> None:
        """Low/lim numbers, parents, cut values and ranks from the current tree."""
        root = self.nodes[0]
        tree_adj: dict[int, list[int]] = {v: [] for v in self.nodes}
        for e in self.edges:
            if self.in_tree[e]:
                tree_adj[self.tails[e]].append(e)
                tree_adj[self.heads[e]].append(e)
        self.parent_edge = {root: -1}
        preorder = []
        postorder = []
        next_lim = 1
        stack: list[tuple[int, int]] = [(root, 0)]
        while stack:
            v, index = stack.pop()
            if index == 0:
                self.low[v] = next_lim
                preorder.append(v)
            adjacent = tree_adj[v]
            while index < len(adjacent) and adjacent[index] == self.parent_edge[v]:
                index += 1
            if index < len(adjacent):
                stack.append((v, index + 1))
                e = adjacent[index]
                w = self.other(e, v)
                self.parent_edge[w] = e
                stack.append((w, 0))
            else:
                self.lim[v] = next_lim
                next_lim += 1
                postorder.append(v)
        for v in postorder[:-1]:
            self.cut[self.parent_edge[v]] = self._cut_value(v)
        for v in preorder[1:]:
            e = self.parent_edge[v]
            parent = self.other(e, v)
            self.rank[v] = self.rank[parent] + (1 if self.heads[e] == v else -1)

    def _cut_value(self, child: int) -> int:
        tree_edge = self.parent_edge[child]
        child_is_tail = self.tails[tree_edge] == child
        value = self.weight[tree_edge]
        for e in self.incident[child]:
            if e == tree_edge:
                continue
            points_to_head = (self.tails[e] == child) == child_is_tail
            w = self.weight[e]
            value += w if points_to_head else -w
            if self.in_tree[e]:
                value += -self.cut[e] if points_to_head else self.cut[e]
        return value

    def _entering(self, leaving: int) -> int:
        tail, head = self.tails[leaving], self.heads[leaving]
        flip = self.lim[tail] > self.lim[head]
        root = head if flip else tail
        low, lim = self.low[root], self.lim[root]
        best, best_slack = -1, 0
        for e in self.edges:
            if self.in_tree[e]:
                continue
            tail_inside = low <= self.lim[self.tails[e]] <= lim
            head_inside = low <= self.lim[self.heads[e]] <= lim
            if flip == tail_inside and flip != head_inside:
                s = self.slack(e)
                if best < 0 or s < best_slack:
                    best, best_slack = e, s
        return best
