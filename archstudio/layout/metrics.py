"""How good a layout is: overlaps, edge crossings and area, for tests and benchmarks.

Edges are measured as straight segments between box centres, the same way for every
layout engine compared, so the counts are comparable even where a renderer curves them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from archstudio.layout.geometry import Box, bounding_box, is_ancestor

Point = tuple[float, float]
Segment = tuple[Point, Point]


def overlapping_pairs(boxes: Mapping[str, Box]) -> list[tuple[str, str]]:
    """Pairs of boxes that share area although neither holds the other.

    A system legitimately contains its children (qualified names ``S`` and ``S.x``);
    everything else that intersects is an overlap. Sweeps along x, so large layouts
    cost about n log n plus the pairs that really share a column.
    """
    items = sorted(boxes.items(), key=lambda item: (item[1].x, item[0]))
    active: list[tuple[str, Box]] = []
    found: list[tuple[str, str]] = []
    for name, box in items:
        active = [(n, b) for n, b in active if b.right > box.x]
        for other_name, other in active:
            if is_ancestor(name, other_name) or is_ancestor(other_name, name):
                continue
            if box.intersects(other):
                found.append(tuple(sorted((other_name, name))))  # type: ignore[arg-type]
        active.append((name, box))
    return sorted(found)


def _orientation(a: Point, b: Point, c: Point) -> float:
    return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])


def segments_cross(first: Segment, second: Segment) -> bool:
    """Whether two segments cross properly (touching ends and collinear runs do not count)."""
    (a, b), (c, d) = first, second
    o1, o2 = _orientation(a, b, c), _orientation(a, b, d)
    o3, o4 = _orientation(c, d, a), _orientation(c, d, b)
    return o1 * o2 < 0 and o3 * o4 < 0


def count_crossings(segments: Iterable[Segment]) -> int:
    """Proper crossings between segments; pairs sharing an end point are skipped."""
    ordered = sorted(
        ((min(a[0], b[0]), max(a[0], b[0]), (a, b)) for a, b in segments),
        key=lambda item: item[0],
    )
    crossings = 0
    active: list[tuple[float, float, Segment]] = []
    for left, right, segment in ordered:
        active = [item for item in active if item[1] >= left]
        low, high = sorted((segment[0][1], segment[1][1]))
        for _, _, other in active:
            if segment[0] in other or segment[1] in other:
                continue
            other_low, other_high = sorted((other[0][1], other[1][1]))
            if other_high < low or high < other_low:
                continue
            if segments_cross(segment, other):
                crossings += 1
        active.append((left, right, segment))
    return crossings


def edge_segments(boxes: Mapping[str, Box], edges: Iterable[tuple[str, str]]) -> list[Segment]:
    """Centre-to-centre segments of the edges whose ends both have a box (no self-loops)."""
    out: list[Segment] = []
    for source, target in edges:
        if source == target or source not in boxes or target not in boxes:
            continue
        out.append((boxes[source].center, boxes[target].center))
    return out


def layout_area(boxes: Mapping[str, Box]) -> float:
    """Area of the bounding box of the whole drawing, in square scene units."""
    if not boxes:
        return 0.0
    whole = bounding_box(list(boxes.values()))
    return whole.width * whole.height
