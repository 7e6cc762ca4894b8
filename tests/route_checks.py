"""Geometric checks of a computed drawing, counted the way a reader sees the picture."""

from __future__ import annotations

from collections import defaultdict
from itertools import pairwise

from archstudio.layout.geometry import Box
from archstudio.render.drawing import Drawing
from archstudio.render.scope import title_rect
from archstudio.render.spatial import RTree


def _ancestors(drawing: Drawing, qname: str) -> list[str]:
    out, parent = [], drawing.shapes[qname].parent
    while parent is not None:
        out.append(parent)
        parent = drawing.shapes[parent].parent
    return out


def _inside(a: tuple, b: tuple, rect: tuple) -> bool:
    x0, x1 = sorted((a[0], b[0]))
    y0, y1 = sorted((a[1], b[1]))
    return x0 < rect[2] - 0.5 and x1 > rect[0] + 0.5 and y0 < rect[3] - 0.5 and y1 > rect[1] + 0.5


def through_shapes(drawing: Drawing) -> list[tuple[str, str]]:
    """(relation, shape) for every segment inside a shape it does not connect, a system's
    title tab, or the body of a system that holds neither end."""
    index = RTree(((s.box.x, s.box.y, s.box.right, s.box.bottom), q)
                  for q, s in drawing.shapes.items())
    found = []
    for key, source, target in drawing.links:
        if source == target:
            continue
        opened = set(_ancestors(drawing, source)) | set(_ancestors(drawing, target))
        hit = set()
        for p, q in pairwise(drawing.routes[key]):
            near = index.query(min(p[0], q[0]), min(p[1], q[1]), max(p[0], q[0]),
                               max(p[1], q[1]))
            for qname in near:
                if qname in (source, target) or qname in hit:
                    continue
                b = drawing.shapes[qname].box
                rect = (title_rect(drawing.shapes[qname]) if qname in opened
                        else (b.x, b.y, b.right, b.bottom))
                if _inside(p, q, rect):
                    hit.add(qname)
        found += [(key, qname) for qname in sorted(hit)]
    return found


def shared_segments(drawing: Drawing) -> list[tuple[str, str]]:
    """Pairs of relations with collinear segments overlapping by more than a pixel."""
    lines = defaultdict(list)
    for key, points in drawing.routes.items():
        for a, b in pairwise(points):
            if a[0] == b[0]:
                lines[("v", round(a[0], 3))].append((key, min(a[1], b[1]), max(a[1], b[1])))
            elif a[1] == b[1]:
                lines[("h", round(a[1], 3))].append((key, min(a[0], b[0]), max(a[0], b[0])))
    pairs = set()
    for members in lines.values():
        for i, (k1, lo1, hi1) in enumerate(members):
            for k2, lo2, hi2 in members[i + 1:]:
                if k1 != k2 and min(hi1, hi2) - max(lo1, lo2) > 1:
                    pairs.add(tuple(sorted((k1, k2))))
    return sorted(pairs)


def _overlap(a: Box, b: Box) -> bool:
    return a.intersects(b, -0.5)


def label_problems(drawing: Drawing) -> list[str]:
    """Labels on a shape or a system's title tab, and labels on other labels."""
    problems = []
    shapes = []
    for qname, shape in drawing.shapes.items():
        if shape.is_group:
            x0, y0, x1, y1 = title_rect(shape)
            shapes.append((qname, Box(x0, y0, x1 - x0, y1 - y0)))
        else:
            shapes.append((qname, shape.box))
    labels = sorted(drawing.labels.items())
    for n, (key, box) in enumerate(labels):
        problems += [f"{key} on {q}" for q, b in shapes if _overlap(box, b)]
        problems += [f"{key} on {other}" for other, b in labels[n + 1:] if _overlap(box, b)]
    return problems


def outside_frame(drawing: Drawing) -> list[str]:
    """Relations between elements of one system whose line leaves that system."""
    found = []
    for key, source, target in drawing.links:
        common = [q for q in _ancestors(drawing, source) if q in _ancestors(drawing, target)]
        if not common:
            continue
        frame = drawing.shapes[common[0]].box
        if any(not (frame.x <= x <= frame.right and frame.y <= y <= frame.bottom)
               for x, y in drawing.routes[key]):
            found.append(key)
    return found


def loose_ends(drawing: Drawing) -> list[str]:
    """Relations whose ends are not on their shapes (or whose lines are not orthogonal)."""
    found = []
    for key, source, target in drawing.links:
        points = drawing.routes[key]
        if source == target:
            continue
        if any(a[0] != b[0] and a[1] != b[1] for a, b in pairwise(points)):
            found.append(f"{key}: not orthogonal")
        for end, qname in ((points[0], source), (points[-1], target)):
            b = drawing.shapes[qname].box
            if not (b.x - 0.5 <= end[0] <= b.right + 0.5 and b.y - 0.5 <= end[1] <= b.bottom + 0.5):
                found.append(f"{key}: end {end} off {qname}")
    return found


def all_problems(drawing: Drawing) -> dict[str, list]:
    return {"through": through_shapes(drawing), "shared": shared_segments(drawing),
            "labels": label_problems(drawing), "frame": outside_frame(drawing),
            "ends": loose_ends(drawing)}
