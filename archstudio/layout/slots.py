"""Slots for the pieces of lines that run across the flow in one gap between two layers.

In a layered drawing a line turns only in the gaps between layers: there it runs across
the flow from where it left the layer before to where it enters the layer after (a
*jog*). The jogs of one gap are given slots (positions along the flow inside the gap) as
ELK's orthogonal router orders its hyperedge segments: for every two jogs whose spans
across the flow overlap, the order that makes fewer crossings between the two wins
(cycles broken by Eades-Lin-Smyth's greedy sequence, weighted by the crossings
each preference saves), and jogs that need not be apart
share a slot (the longest path), so a gap holds as few slots as its order needs.

The router places each jog in its slot (``render.layered``); the count of slots per gap
is what ELK sizes the space between layers by (measured in docs/layout.md: here the
layout keeps its compact gaps, and the router packs the slots closer where a gap is
short). Pure Python.
"""

from __future__ import annotations

from collections.abc import Sequence
from heapq import heapify, heappop, heappush

SPACING = 10.0  # between two slots of one gap (the router's line separation)
MARGIN = 6.0  # the first slot keeps this much more from the layer before the gap
SHARED = 2  # two lines drawn as one cost as much as two crossings
SAME = 1.0  # px: two lines this close across the flow are on one line

Jog = tuple[float, float]  # across the flow: where it leaves the near layer, enters the far


def _spans(jog: Jog, cross: float) -> bool:
    a, b = (jog[0], jog[1]) if jog[0] <= jog[1] else (jog[1], jog[0])
    return a < cross < b


def _cost(left: Jog, right: Jog) -> int:
    """Crossings between two jogs when ``left`` lies nearer the gap's near side; two
    lines on one line between the jogs (``left`` arrives where ``right`` still runs)
    count as ``SHARED``."""
    shared = SHARED if abs(left[1] - right[0]) < SAME else 0
    return int(_spans(right, left[1])) + int(_spans(left, right[0])) + shared


def _overlap(a: Jog, b: Jog) -> bool:
    a0, a1 = sorted(a)
    b0, b1 = sorted(b)
    return a0 <= b1 and b0 <= a1


def slots(jogs: Sequence[Jog], ties: Sequence | None = None,
          before: list[tuple[int, int]] | None = None) -> list[int]:
    """The slot of each jog (0 nearest the gap's near side). ``ties``: a comparable key
    per jog deciding the order of jogs whose orders cost the same (by default the
    near-side coordinate, so nested jogs stay nested). ``before``, when given, receives
    the pairs (first, second) whose order changes their crossings, as ordered."""
    count = len(jogs)
    keys = list(ties) if ties is not None else [(j[0], n) for n, j in enumerate(jogs)]
    tie = [0] * count
    for position, node in enumerate(sorted(range(count), key=lambda n: keys[n])):
        tie[node] = position
    pairs: list[tuple[int, int]] = []  # every two jogs whose spans overlap
    prefer: list[tuple[int, int, int]] = []  # (first, second, crossings saved)
    lows = [a if a <= b else b for a, b in jogs]
    highs = [b if a <= b else a for a, b in jogs]
    by_low = sorted(range(count), key=lows.__getitem__)
    # a sweep by the low end: the jogs after ``a`` that start by its high end are the
    # ones whose spans overlap its own (each costed by ``_cost``'s arithmetic, inlined)
    for position, a in enumerate(by_low):
        a0, a1 = jogs[a]
        low_a, top = lows[a], highs[a]
        for later in range(position + 1, count):
            b = by_low[later]
            low_b = lows[b]
            if low_b > top:
                break
            b0, b1 = jogs[b]
            high_b = highs[b]
            pairs.append((a, b))
            ab = (low_b < a1 < high_b) + (low_a < b0 < top) + (
                SHARED if abs(a1 - b0) < SAME else 0)
            ba = (low_a < b1 < top) + (low_b < a0 < high_b) + (
                SHARED if abs(b1 - a0) < SAME else 0)
            if ab != ba:
                prefer.append((a, b, ba - ab) if ab < ba else (b, a, ab - ba))
    rank = [0] * count
    for position, node in enumerate(_weighted_sequence(count, prefer, tie)):
        rank[node] = position
    if before is not None:
        before.extend((a, b) if rank[a] < rank[b] else (b, a) for a, b, _ in prefer)
    slot = [0] * count
    for a, b in sorted(((a, b) if rank[a] < rank[b] else (b, a) for a, b in pairs),
                       key=lambda e: rank[e[0]]):
        slot[b] = max(slot[b], slot[a] + 1)
    return slot


def _weighted_sequence(count: int, edges: list[tuple[int, int, int]], tie: list[int]
                       ) -> list[int]:
    """Eades-Lin-Smyth with weights: an order of the jogs in which the preferences
    broken (edges pointing backwards) save the fewest crossings. Sources are taken
    first and sinks last, each in ``tie`` order; when neither is left, the jog whose
    preferences forward outweigh those backward most. Each jog's balance (forward less
    backward) is kept up to date as jogs are taken, and the next to take when neither
    is left comes from a heap of balances (stale entries skipped): n log n plus the
    edges, where scanning every jog left for it was quadratic."""
    outs: list[dict[int, int]] = [{} for _ in range(count)]
    ins: list[dict[int, int]] = [{} for _ in range(count)]
    for a, b, w in edges:
        outs[a][b] = outs[a].get(b, 0) + w
        ins[b][a] = ins[b].get(a, 0) + w
    balance = [sum(outs[n].values()) - sum(ins[n].values()) for n in range(count)]
    left = set(range(count))
    no_in = {n for n in range(count) if not ins[n]}
    no_out = {n for n in range(count) if not outs[n]}
    heap = [(-balance[n], tie[n], n) for n in range(count)]
    heapify(heap)
    head: list[int] = []
    tail: list[int] = []

    def take(node: int) -> None:
        left.discard(node)
        no_in.discard(node)
        no_out.discard(node)
        for other, weight in outs[node].items():
            ins[other].pop(node, None)
            balance[other] += weight
            if not ins[other]:
                no_in.add(other)
            heappush(heap, (-balance[other], tie[other], other))
        for other, weight in ins[node].items():
            outs[other].pop(node, None)
            balance[other] -= weight
            if not outs[other]:
                no_out.add(other)
            heappush(heap, (-balance[other], tie[other], other))

    while left:
        if no_in:
            for node in sorted(no_in, key=tie.__getitem__):
                head.append(node)
                take(node)
            continue
        if no_out:
            for node in sorted(no_out, key=tie.__getitem__, reverse=True):
                tail.append(node)
                take(node)
            continue
        while True:
            minus, _, node = heappop(heap)
            if node in left and minus == -balance[node]:
                break
        head.append(node)
        take(node)
    return head + tail[::-1]
