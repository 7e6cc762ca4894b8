"""Slots for the pieces of lines that run across the flow in one gap between two layers.

In a layered drawing a line turns only in the gaps between layers: there it runs across
the flow from where it left the layer before to where it enters the layer after (a
*jog*). The jogs of one gap are given slots (positions along the flow inside the gap) as
ELK's orthogonal router orders its hyperedge segments: for every two jogs whose spans
across the flow overlap, the order that makes fewer crossings between the two wins
(cycles broken by Eades-Lin-Smyth's greedy sequence), and jogs that need not be apart
share a slot (the longest path), so a gap holds as few slots as its order needs.

The layout asks how many slots each gap needs (to make the gap that wide, ELK's
spacing between layers from its slot count) and the router places each jog in its slot
(``render.layered``): both use this one ordering. Pure Python.
"""

from __future__ import annotations

from collections.abc import Sequence

from archstudio.layout.layering import greedy_sequence

SPACING = 10.0  # between two slots of one gap (the router's line separation)
MARGIN = 6.0  # the first slot keeps this much more from the layer before the gap

Jog = tuple[float, float]  # across the flow: where it leaves the near layer, enters the far


def _spans(jog: Jog, cross: float) -> bool:
    a, b = (jog[0], jog[1]) if jog[0] <= jog[1] else (jog[1], jog[0])
    return a < cross < b


def _cost(left: Jog, right: Jog) -> int:
    """Crossings between two jogs when ``left`` lies nearer the gap's near side."""
    return int(_spans(right, left[1])) + int(_spans(left, right[0]))


def _overlap(a: Jog, b: Jog) -> bool:
    a0, a1 = sorted(a)
    b0, b1 = sorted(b)
    return a0 <= b1 and b0 <= a1


def slots(jogs: Sequence[Jog], ties: Sequence | None = None) -> list[int]:
    """The slot of each jog (0 nearest the gap's near side). ``ties``: a comparable key
    per jog deciding the order of two jogs whose orders cost the same (by default the
    near-side coordinate, so nested jogs stay nested)."""
    count = len(jogs)
    tie = list(ties) if ties is not None else [(j[0], n) for n, j in enumerate(jogs)]
    edges: list[tuple[int, int]] = []
    by_low = sorted(range(count), key=lambda n: min(jogs[n]))
    for position, a in enumerate(by_low):
        top = max(jogs[a])
        for b in by_low[position + 1:]:
            if min(jogs[b]) > top:
                break
            if not _overlap(jogs[a], jogs[b]):
                continue
            ab, ba = _cost(jogs[a], jogs[b]), _cost(jogs[b], jogs[a])
            edges.append((a, b) if ab < ba or (ab == ba and tie[a] < tie[b]) else (b, a))
    rank = [0] * count
    for position, node in enumerate(greedy_sequence(count, edges)):
        rank[node] = position
    slot = [0] * count
    for a, b in sorted(((a, b) if rank[a] < rank[b] else (b, a) for a, b in edges),
                       key=lambda e: rank[e[0]]):
        slot[b] = max(slot[b], slot[a] + 1)
    return slot


def room(count: int) -> float:
    """The stretch along the flow that ``count`` slots take at the near side of a gap,
    with one spacing free after the last (0 for none)."""
    return MARGIN + (count + 1) * SPACING if count else 0.0
