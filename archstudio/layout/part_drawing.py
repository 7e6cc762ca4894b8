"""One layered, ordered part of a model drawn in a direction, and parts packed together.

Along the flow each layer is as thick as its thickest element, and the gap after it is
only as wide as what runs there: the borders of nested systems that end or start there,
a channel as wide as the widest relation label whose middle falls in it (plus
``LABEL_MARGIN`` on each side), never less than ``LAYER_GAP``, and ``TRACK`` per relation
leaving the layer (at most ``MAX_TRACKS``) when any line turns in the gap (none where
every line runs straight across: ``turning_gaps``). Across the flow, ``coordinates``.
``extent`` gives a part's size without placing anything across the flow, so that
``auto`` can compare directions and draw only the one it keeps.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from archstudio.layout.coordinates import CrossSpec, assign_cross, cross_extent
from archstudio.layout.geometry import GROUP_PADDING, GROUP_TITLE, Box
from archstudio.layout.ordering import LayeredGraph
from archstudio.layout.routes import Hints, plans
from archstudio.layout.slots import SAME

LAYER_GAP = 40.0  # between layers when no label runs through
LABEL_MARGIN = 10.0  # free space on each side of a label in its channel
TRACK = 3.0  # extra channel width per relation leaving a layer, where lines turn
MAX_TRACKS = 12
COMPONENT_GAP = 60.0  # between parts that no relation connects


@dataclass(slots=True)
class Part:
    """One connected part, layered and ordered (direction-independent)."""

    graph: LayeredGraph
    leaves: list[str]  # qnames of nodes 0..len-1; the rest are dummies and fillers
    sizes: list[tuple[float, float]]  # (width, height) of each leaf
    systems: list[str]
    layer_of: list[int]
    labels: list[tuple[int, int, float, float]]  # (first layer, last layer, w, h)
    crossings: int
    # per relation between leaves (source, target as in the model): its dummy points from
    # source to target, so the router can follow the slots the layout reserved
    chains: list[tuple[int, int, list[int]]] = field(default_factory=list)
    # whether a sink was (or, when sinks were kept beside them, would have been) moved
    # past the sibling systems spanning its layer (``spans.clear_sibling_spans``)
    sinks_cleared: bool = False
    # relations with a system at one end (qnames and label size): drawn straight across
    # the flow when the two sit side by side in a layer, so they need their label's room
    beside: list[tuple[str, str, tuple[float, float]]] = field(default_factory=list)



def _axes(part: Part, direction: str
          ) -> tuple[list[float], list[float], CrossSpec, float, float]:
    """Each node's extent along and across the flow, the cross constraints' spec, and the
    title band's share of a system's margin before and after its layers."""
    graph = part.graph
    horizontal = direction in ("LR", "RL")
    leaf_count = len(part.leaves)
    node_count = len(graph.path)
    flow_ext = [0.0] * node_count
    cross_ext = [0.0] * node_count
    for i, (w, h) in enumerate(part.sizes):
        flow_ext[i], cross_ext[i] = (w, h) if horizontal else (h, w)
    title_cross = GROUP_TITLE if horizontal else 0.0
    spec = CrossSpec(
        half=[c / 2 for c in cross_ext],
        is_box=[i < leaf_count for i in range(node_count)],
        is_dummy=[i >= leaf_count and bool(graph.up[i]) for i in range(node_count)],
        pad_near=GROUP_PADDING + title_cross,
        pad_far=GROUP_PADDING,
        room=_label_room(part, horizontal),
    )
    return (flow_ext, cross_ext, spec, GROUP_TITLE if direction == "TB" else 0.0,
            GROUP_TITLE if direction == "BT" else 0.0)


def _label_room(part: Part, horizontal: bool) -> dict[tuple[int, int], float]:
    """The room across the flow for the label of each relation with a system at one end,
    should its two ends sit side by side (``CrossSpec.room``): the label's extent along
    a line across the flow (its height when the flow runs left to right) and
    ``LABEL_MARGIN`` either side."""
    if not part.beside:
        return {}
    ident = {q: i for i, q in enumerate(part.leaves)}
    ident.update({q: -(s + 1) for s, q in enumerate(part.systems)})
    room: dict[tuple[int, int], float] = {}
    for a, b, (width, height) in part.beside:
        if a in ident and b in ident:
            key = (min(ident[a], ident[b]), max(ident[a], ident[b]))
            need = (height if horizontal else width) + 2 * LABEL_MARGIN
            room[key] = max(room.get(key, 0.0), need)
    return room


def _along(part: Part, flow_ext: list[float], horizontal: bool, title_near: float,
           title_far: float, turning: list[bool] | None = None
           ) -> tuple[list[float], list[float], list[float]]:
    """Where each leaf starts along the flow, and each system's near and far border."""
    graph = part.graph
    flow_at = _flow_positions(part, flow_ext, horizontal, title_near, title_far, turning)
    systems = len(part.systems)
    near = [math.inf] * systems
    far = [-math.inf] * systems
    starts = []
    for i in range(len(part.leaves)):
        lay = part.layer_of[i]
        start = flow_at[lay][0] + (flow_at[lay][1] - flow_ext[i]) / 2
        starts.append(start)
        for system in graph.path[i]:
            near[system] = min(near[system], start)
            far[system] = max(far[system], start + flow_ext[i])
    for system in sorted(range(systems), key=lambda s: -len(_chain(graph.system_parent, s))):
        near[system] -= GROUP_PADDING + title_near
        far[system] += GROUP_PADDING + title_far
        holder = graph.system_parent[system]
        if holder >= 0:
            near[holder] = min(near[holder], near[system])
            far[holder] = max(far[holder], far[system])
    return starts, near, far


def extent(part: Part, direction: str) -> tuple[float, float]:
    """(width, height) that ``draw`` gives this part, without placing anything across
    the flow: what ``auto`` compares before drawing only the direction it keeps. Along
    the flow it is an upper bound by a few pixels: every gap is given its track room,
    where ``draw`` gives none to gaps whose lines all run straight (knowing which needs
    the placement across the flow this saves)."""
    horizontal = direction in ("LR", "RL")
    flow_ext, _, spec, title_near, title_far = _axes(part, direction)
    starts, near, far = _along(part, flow_ext, horizontal, title_near, title_far)
    low = min([*starts, *near])
    high = max([*(s + flow_ext[i] for i, s in enumerate(starts)), *far])
    across = cross_extent(part.graph, spec)
    return (high - low, across) if horizontal else (across, high - low)


def turning_gaps(graph: LayeredGraph, centre: list[float]) -> list[bool]:
    """Whether any line turns in each gap between layers (its two ends do not sit level
    across the flow): a gap whose lines all run straight across needs no tracks."""
    return [any(abs(centre[a] - centre[b]) > SAME for a in nodes for b in graph.down[a])
            for nodes in graph.layers[:-1]]


def draw(part: Part, direction: str, hints: list[Hints] | None = None) -> dict[str, Box]:
    """Boxes of one part, top-left at (0, 0); ``hints`` gets the plan of each relation
    (``routes.Hint``: its dummy points and the stretch of each layer it passes)."""
    graph = part.graph
    horizontal = direction in ("LR", "RL")
    flow_ext, cross_ext, spec, title_near, title_far = _axes(part, direction)
    cross = assign_cross(graph, spec)
    turning = turning_gaps(graph, cross.centre)
    starts, near, far = _along(part, flow_ext, horizontal, title_near, title_far, turning)
    boxes: dict[str, tuple[float, float, float, float]] = {}  # flow, cross, flow_w, cross_w
    for i, qname in enumerate(part.leaves):
        boxes[qname] = (starts[i], cross.centre[i] - cross_ext[i] / 2, flow_ext[i],
                        cross_ext[i])
    for system, qname in enumerate(part.systems):
        boxes[qname] = (near[system], cross.near[system], far[system] - near[system],
                        cross.far[system] - cross.near[system])
    low_flow = min(b[0] for b in boxes.values())
    low_cross = min(b[1] for b in boxes.values())
    high_flow = max(b[0] + b[2] for b in boxes.values())
    out: dict[str, Box] = {}
    for qname, (f, c, fw, cw) in boxes.items():
        f, c = f - low_flow, c - low_cross
        if direction in ("RL", "BT"):
            f = (high_flow - low_flow) - f - fw
        x, y, w, h = (f, c, fw, cw) if horizontal else (c, f, cw, fw)
        left, top = round(x), round(y)
        out[qname] = Box(float(left), float(top), float(round(x + w) - left),
                         float(round(y + h) - top))
    if hints is not None:
        flow_at = _flow_positions(part, flow_ext, horizontal, title_near, title_far, turning)
        span = high_flow - low_flow

        def flow(f: float) -> float:
            f -= low_flow
            return span - f if direction in ("RL", "BT") else f

        def point(node: int) -> tuple[float, float]:
            start, thick = flow_at[part.layer_of[node]]
            f, c = flow(start + thick / 2), cross.centre[node] - low_cross
            return (f, c) if horizontal else (c, f)

        def layer(node: int) -> tuple[float, float]:
            start, thick = flow_at[part.layer_of[node]]
            a, b = flow(start), flow(start + thick)
            return (min(a, b), max(a, b))

        hints.append(plans(part.chains, part.leaves, out, point, layer,
                           0 if horizontal else 1))
    return out


def _chain(parents: list[int], system: int) -> list[int]:
    chain = [system]
    while parents[chain[-1]] >= 0:
        chain.append(parents[chain[-1]])
    return chain


def _flow_positions(part: Part, flow_ext: list[float], horizontal: bool,
                    title_near: float, title_far: float, turning: list[bool] | None = None
                    ) -> list[tuple[float, float]]:
    """(start, thickness) of every layer along the flow."""
    graph = part.graph
    count = len(graph.layers)
    thickness = [0.0] * count
    for i in range(len(part.leaves)):
        lay = part.layer_of[i]
        thickness[lay] = max(thickness[lay], flow_ext[i])
    # Nested systems that start (end) at one layer stack their borders in the gap before
    # (after) it.
    systems = len(part.systems)
    first = [count] * systems
    last = [-1] * systems
    for node, node_path in enumerate(graph.path):
        for system in node_path:
            first[system] = min(first[system], part.layer_of[node])
            last[system] = max(last[system], part.layer_of[node])
    margin_near = [0.0] * systems
    margin_far = [0.0] * systems
    for system in sorted(range(systems), key=lambda s: -len(_chain(graph.system_parent, s))):
        margin_near[system] += GROUP_PADDING + title_near
        margin_far[system] += GROUP_PADDING + title_far
        holder = graph.system_parent[system]
        if holder >= 0 and first[holder] == first[system]:
            margin_near[holder] = max(margin_near[holder], margin_near[system])
        if holder >= 0 and last[holder] == last[system]:
            margin_far[holder] = max(margin_far[holder], margin_far[system])
    need_before = [0.0] * (count + 1)
    need_after = [0.0] * (count + 1)
    for system in range(systems):
        need_before[first[system]] = max(need_before[first[system]], margin_near[system])
        need_after[last[system]] = max(need_after[last[system]], margin_far[system])
    label_need = [0.0] * count
    tracks = [0] * count
    for first_layer, last_layer, width, height in part.labels:
        gap = first_layer + (last_layer - first_layer - 1) // 2
        size = width if horizontal else height
        label_need[gap] = max(label_need[gap], size + 2 * LABEL_MARGIN)
    for node in range(len(graph.path)):
        tracks[part.layer_of[node]] += len(graph.down[node])
    out: list[tuple[float, float]] = []
    position = need_before[0]
    for lay in range(count):
        out.append((position, thickness[lay]))
        room = min(tracks[lay], MAX_TRACKS) * TRACK
        if turning is not None and lay < len(turning) and not turning[lay]:
            room = 0.0
        gap = max(LAYER_GAP, label_need[lay]) + room
        position += thickness[lay] + need_after[lay] + gap + need_before[lay + 1]
    return out


def _rows(sizes: list[tuple[float, float]], aspect: float) -> list[tuple[float, float]]:
    """Top-left corner of each block packed in rows, biggest first, aiming at the target
    aspect ratio."""
    order = sorted(range(len(sizes)), key=lambda i: (-sizes[i][0] * sizes[i][1], i))
    area = sum((w + COMPONENT_GAP) * (h + COMPONENT_GAP) for w, h in sizes)
    row_limit = max(math.sqrt(area * aspect), max(w for w, _ in sizes))
    corners = [(0.0, 0.0)] * len(sizes)
    x = y = row_height = 0.0
    for index in order:
        width, height = sizes[index]
        if x > 0 and x + width > row_limit:
            x, y, row_height = 0.0, y + row_height + COMPONENT_GAP, 0.0
        corners[index] = (x, y)
        x += width + COMPONENT_GAP
        row_height = max(row_height, height)
    return corners


def packed_size(sizes: list[tuple[float, float]], aspect: float) -> tuple[float, float]:
    corners = _rows(sizes, aspect)
    return (max(x + w for (x, _), (w, _) in zip(corners, sizes, strict=True)),
            max(y + h for (_, y), (_, h) in zip(corners, sizes, strict=True)))


def pack(blocks: list[dict[str, Box]], aspect: float,
         offsets: list[tuple[float, float]] | None = None) -> dict[str, Box]:
    """Parts side by side in rows (``_rows``); ``offsets`` gets each block's move."""
    sizes = [(max(b.right for b in boxes.values()), max(b.bottom for b in boxes.values()))
             for boxes in blocks]
    out: dict[str, Box] = {}
    corners = _rows(sizes, aspect)
    if offsets is not None:
        offsets[:] = corners
    for (x, y), boxes in zip(corners, blocks, strict=True):
        for qname, box in boxes.items():
            out[qname] = box.shifted(x, y)
    return out
