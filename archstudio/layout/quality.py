"""How good a drawing is, counted from its drawn geometry (the JSON of ``archstudio export``).

Pure Python and no Qt, so tests, the quality benchmark and other tools (a `dot` or ELK
drawing converted to the same JSON shape) are all measured by the same functions. Every
count is of things a reader sees: lines crossing, lines running through a box or under a
label, labels covering boxes or each other, boxes overlapping, two relations drawn as one
line. Geometry is in pixels; a contact of up to ``TOUCH`` px (a line along a border, a
label touching a box) is not counted, so rounding never decides a figure.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass

Point = tuple[float, float]
Segment = tuple[float, float, float, float]
Rect = tuple[float, float, float, float]  # x, y, w, h

TOUCH = 1.0  # px of contact that does not count as overlapping
SHARED_MIN = 4.0  # px two relations must run together on one line to count as shared
COLLINEAR = 0.5  # px apart at most for two segments to lie on one line
TITLE_BAND = 34.0  # a system's title tab's height at the top of its box (geometry.GROUP_TITLE)
NAME_FONT_PX = 10.0 * 96 / 72  # element names: 10 pt at 96 dpi (render.theme.LIGHT)
WINDOW = (1920, 1080)
# The canvas viewport of ArchStudio's window maximised on a 1920x1080 screen with its
# default docks (palette and outline left, text and properties right, problems below),
# measured under Xvfb; every drawing is measured in this viewport, dot's too.
VIEWPORT = (1018.0, 848.0)
FIT_MARGIN = 20.0  # Fit to Window leaves this much around the content (canvas.view)
ITEM_MARGIN = 3.0  # canvas items reach this far beyond their shape (their selection outline)
VIEW_INSET = 2.0  # QGraphicsView.fitInView keeps this much of the viewport free on each side
EXPORT_MARGIN = 24.0  # the JSON's picture has this margin around the content
MAX_FIT_ZOOM = 1.5


@dataclass(frozen=True)
class Quality:
    """The figures of one drawing; lower is better except ``name_px_at_fit``."""

    elements: int
    relations: int
    crossings: int
    through_shapes: int
    labels_on_shapes: int
    labels_on_labels: int
    under_labels: int
    shape_overlaps: int
    shared_segments: int
    aspect: float
    name_px_at_fit: float

    def as_dict(self) -> dict:
        return asdict(self)


# -- small geometry ------------------------------------------------------------------------
def segments_of(points: list[list[float]] | list[Point]) -> list[Segment]:
    """The polyline's segments, zero-length ones dropped."""
    out = []
    for (x1, y1), (x2, y2) in zip(points, points[1:], strict=False):
        if (x1, y1) != (x2, y2):
            out.append((float(x1), float(y1), float(x2), float(y2)))
    return out


def shrink(rect: Rect, by: float) -> Rect | None:
    x, y, w, h = rect
    if w <= 2 * by or h <= 2 * by:
        return None
    return (x + by, y + by, w - 2 * by, h - 2 * by)


def rects_overlap(a: Rect, b: Rect, touch: float = TOUCH) -> bool:
    """Whether the two rectangles share more than a ``touch`` px wide strip."""
    overlap_x = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    overlap_y = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    return overlap_x > touch and overlap_y > touch


def segment_enters(segment: Segment, rect: Rect, touch: float = TOUCH) -> bool:
    """Whether the segment runs through the rectangle's inside (shrunk by ``touch``),
    by Liang-Barsky clipping: a line along a border or ending on it does not count."""
    inner = shrink(rect, touch)
    if inner is None:
        return False
    x1, y1, x2, y2 = segment
    left, top, width, height = inner
    dx, dy = x2 - x1, y2 - y1
    low, high = 0.0, 1.0
    for p, q in ((-dx, x1 - left), (dx, left + width - x1),
                 (-dy, y1 - top), (dy, top + height - y1)):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return False
    return high - low > 1e-9


def _orientation(ax: float, ay: float, bx: float, by: float, cx: float, cy: float) -> float:
    return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax)


def segments_cross(a: Segment, b: Segment) -> bool:
    """A proper crossing: each segment has the other's ends strictly on opposite sides
    (touching, ending on the other line, or running along it is not a crossing)."""
    o1 = _orientation(a[0], a[1], a[2], a[3], b[0], b[1])
    o2 = _orientation(a[0], a[1], a[2], a[3], b[2], b[3])
    o3 = _orientation(b[0], b[1], b[2], b[3], a[0], a[1])
    o4 = _orientation(b[0], b[1], b[2], b[3], a[2], a[3])
    eps = 1e-9 * (1 + abs(o1) + abs(o2) + abs(o3) + abs(o4))
    return ((o1 > eps and o2 < -eps) or (o1 < -eps and o2 > eps)) and (
        (o3 > eps and o4 < -eps) or (o3 < -eps and o4 > eps))


def shared_length(a: Segment, b: Segment, collinear: float = COLLINEAR) -> float:
    """How long the two segments run on one line (0 when not collinear)."""
    ax, ay, bx, by = a
    length = math.hypot(bx - ax, by - ay)
    if length == 0 or math.hypot(b[2] - b[0], b[3] - b[1]) == 0:
        return 0.0
    ux, uy = (bx - ax) / length, (by - ay) / length
    # both ends of b within ``collinear`` px of a's line
    for px, py in ((b[0], b[1]), (b[2], b[3])):
        if abs((px - ax) * uy - (py - ay) * ux) > collinear:
            return 0.0
    t1 = (b[0] - ax) * ux + (b[1] - ay) * uy
    t2 = (b[2] - ax) * ux + (b[3] - ay) * uy
    return max(0.0, min(length, max(t1, t2)) - max(0.0, min(t1, t2)))


# -- a grid, so large drawings are measured in near-linear time -----------------------------
class Grid:
    """Items by the grid cells their bounding rectangle covers."""

    def __init__(self, cell: float) -> None:
        self.cell = cell
        self.cells: dict[tuple[int, int], list[int]] = defaultdict(list)

    def _span(self, rect: Rect) -> Iterator[tuple[int, int]]:
        x, y, w, h = rect
        c = self.cell
        for i in range(math.floor(x / c), math.floor((x + w) / c) + 1):
            for j in range(math.floor(y / c), math.floor((y + h) / c) + 1):
                yield i, j

    def add(self, index: int, rect: Rect) -> None:
        for key in self._span(rect):
            self.cells[key].append(index)

    def near(self, rect: Rect) -> set[int]:
        found: set[int] = set()
        for key in self._span(rect):
            found.update(self.cells.get(key, ()))
        return found


def segment_rect(segment: Segment) -> Rect:
    x1, y1, x2, y2 = segment
    return (min(x1, x2), min(y1, y2), abs(x2 - x1), abs(y2 - y1))


# -- the measures ------------------------------------------------------------------------------
def _relation_segments(drawing: dict) -> list[tuple[int, Segment]]:
    return [(index, segment) for index, relation in enumerate(drawing["relations"])
            for segment in segments_of(relation["points"])]


def _segment_grid(items: list[tuple[int, Segment]], cell: float = 256.0) -> Grid:
    grid = Grid(cell)
    for position, (_, segment) in enumerate(items):
        grid.add(position, segment_rect(segment))
    return grid


def crossings(drawing: dict) -> int:
    """Proper crossings between segments of different relations."""
    items = _relation_segments(drawing)
    grid = _segment_grid(items)
    count = 0
    for position, (owner, segment) in enumerate(items):
        for other in grid.near(segment_rect(segment)):
            if other > position and items[other][0] != owner and segments_cross(
                    segment, items[other][1]):
                count += 1
    return count


def shared_segments(drawing: dict, minimum: float = SHARED_MIN) -> int:
    """Pairs of relations that run together along one line for more than ``minimum`` px."""
    items = _relation_segments(drawing)
    grid = _segment_grid(items)
    pairs: set[tuple[int, int]] = set()
    for position, (owner, segment) in enumerate(items):
        x, y, w, h = segment_rect(segment)
        for other in grid.near((x - 1, y - 1, w + 2, h + 2)):
            other_owner = items[other][0]
            if other > position and other_owner != owner and shared_length(
                    segment, items[other][1]) > minimum:
                pairs.add((min(owner, other_owner), max(owner, other_owner)))
    return len(pairs)


def _ancestors(drawing: dict) -> dict[str, set[str]]:
    parent = {e["id"]: e["system"] for e in drawing["elements"]}
    out: dict[str, set[str]] = {}
    for qname in parent:
        chain, current = set(), parent[qname]
        while current is not None and current not in chain:
            chain.add(current)
            current = parent.get(current)
        out[qname] = chain
    return out


def _systems(drawing: dict) -> set[str]:
    return {e["system"] for e in drawing["elements"] if e["system"] is not None} | {
        e["id"] for e in drawing["elements"] if e["kind"] == "system"}


def title_band(box: list[float]) -> Rect:
    """The whole top strip of a system: its title when the drawing does not say where
    the title's text is (a JSON without ``title_box``)."""
    x, y, w, h = box
    return (x, y, w, min(TITLE_BAND, h))


def title_box(element: dict) -> Rect:
    """Where a system's title is drawn: its ``title_box`` (the text's box: ArchStudio's
    tab, dot's and ELK's cluster label), else the whole top strip. Lines and labels may
    use the rest of the top strip, as in dot's drawing of a cluster."""
    box = element.get("title_box")
    return tuple(box) if box is not None else title_band(element["box"])


def _obstacles(drawing: dict) -> list[tuple[str, str, Rect]]:
    """(element, part, rect): a shape's box, a system's title and a system's body (the
    whole box: a relation holding neither end may not cross any of it)."""
    systems = _systems(drawing)
    out = []
    for element in drawing["elements"]:
        box = element["box"]
        if element["id"] in systems:
            out.append((element["id"], "title", title_box(element)))
            out.append((element["id"], "body", tuple(box)))
        else:
            out.append((element["id"], "shape", tuple(box)))
    return out


def through_shapes(drawing: dict) -> int:
    """(relation, element) pairs where the relation runs through an element it does not
    connect: a shape's box, a system's title, or a system holding neither of its ends."""
    obstacles = _obstacles(drawing)
    ancestors = _ancestors(drawing)
    grid = Grid(256.0)
    for position, (_, _, rect) in enumerate(obstacles):
        grid.add(position, rect)
    count = 0
    for relation in drawing["relations"]:
        ends = {relation["from"], relation["to"]}
        inside = set().union(*(ancestors.get(end, set()) for end in ends))
        hit: set[str] = set()
        for segment in segments_of(relation["points"]):
            for position in grid.near(segment_rect(segment)):
                qname, part, rect = obstacles[position]
                if qname in ends or qname in hit or (part == "body" and qname in inside):
                    continue
                if segment_enters(segment, rect):
                    hit.add(qname)
        count += len(hit)
    return count


def _labels(drawing: dict) -> list[tuple[int, Rect]]:
    return [(index, tuple(relation["label_box"]))
            for index, relation in enumerate(drawing["relations"])
            if relation.get("label_box") is not None]


def labels_on_shapes(drawing: dict) -> int:
    """(label, element) pairs where a label covers a shape or a system's title."""
    solid = [rect for _, part, rect in _obstacles(drawing) if part != "body"]
    grid = Grid(256.0)
    for position, rect in enumerate(solid):
        grid.add(position, rect)
    return sum(1 for _, label in _labels(drawing) for position in grid.near(label)
               if rects_overlap(label, solid[position]))


def labels_on_labels(drawing: dict) -> int:
    """Pairs of relation labels that overlap."""
    labels = _labels(drawing)
    grid = Grid(256.0)
    for position, (_, rect) in enumerate(labels):
        grid.add(position, rect)
    return sum(1 for position, (_, rect) in enumerate(labels) for other in grid.near(rect)
               if other > position and rects_overlap(rect, labels[other][1]))


def under_labels(drawing: dict) -> int:
    """(relation, label) pairs where a relation runs under another relation's label."""
    labels = _labels(drawing)
    grid = Grid(256.0)
    for position, (_, rect) in enumerate(labels):
        grid.add(position, rect)
    pairs: set[tuple[int, int]] = set()
    for owner, segment in _relation_segments(drawing):
        for position in grid.near(segment_rect(segment)):
            label_owner, rect = labels[position]
            if label_owner != owner and segment_enters(segment, rect):
                pairs.add((owner, label_owner))
    return len(pairs)


def shape_overlaps(drawing: dict) -> int:
    """Pairs of element boxes that overlap although neither holds the other."""
    elements = drawing["elements"]
    ancestors = _ancestors(drawing)
    grid = Grid(256.0)
    for position, element in enumerate(elements):
        grid.add(position, tuple(element["box"]))
    count = 0
    for position, element in enumerate(elements):
        for other in grid.near(tuple(element["box"])):
            if other <= position:
                continue
            a, b = element["id"], elements[other]["id"]
            if a in ancestors[b] or b in ancestors[a]:
                continue
            if rects_overlap(tuple(element["box"]), tuple(elements[other]["box"])):
                count += 1
    return count


def fit_scale(drawing: dict, viewport: tuple[float, float] = VIEWPORT) -> float:
    """The zoom Fit to Window chooses for this drawing in the canvas viewport (checked
    against the app: the same zoom as ``DiagramView.fit_to_window`` to 1e-3)."""
    extra = 2 * (ITEM_MARGIN + FIT_MARGIN - EXPORT_MARGIN)
    content_w = max(1.0, drawing["width"] + extra)
    content_h = max(1.0, drawing["height"] + extra)
    return min((viewport[0] - 2 * VIEW_INSET) / content_w,
               (viewport[1] - 2 * VIEW_INSET) / content_h, MAX_FIT_ZOOM)


def measure(drawing: dict, name_px: float = NAME_FONT_PX,
            viewport: tuple[float, float] = VIEWPORT) -> Quality:
    """Every figure of one drawing (a dict in the JSON export's shape)."""
    width, height = drawing["width"], drawing["height"]
    return Quality(
        elements=len(drawing["elements"]),
        relations=len(drawing["relations"]),
        crossings=crossings(drawing),
        through_shapes=through_shapes(drawing),
        labels_on_shapes=labels_on_shapes(drawing),
        labels_on_labels=labels_on_labels(drawing),
        under_labels=under_labels(drawing),
        shape_overlaps=shape_overlaps(drawing),
        shared_segments=shared_segments(drawing),
        aspect=round(width / height, 3) if height else 0.0,
        name_px_at_fit=round(name_px * fit_scale(drawing, viewport), 2),
    )


COUNTS = ("crossings", "through_shapes", "labels_on_shapes", "labels_on_labels",
          "under_labels", "shape_overlaps", "shared_segments")


def totals(qualities: Iterable[Quality]) -> dict[str, int]:
    """The counts summed over several drawings."""
    out = dict.fromkeys(COUNTS, 0)
    for quality in qualities:
        for key in COUNTS:
            out[key] += getattr(quality, key)
    return out
