"""Layered placement of one flat graph of sized nodes, built on igraph's Sugiyama layout.

igraph does the hard parts (cycle breaking, layering, barycentric crossing reduction) in C;
this module turns its abstract (position, layer) grid into real coordinates for boxes of
different sizes, and packs disconnected components side by side so that a group of
unrelated elements becomes a compact block rather than one very long column.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import igraph

LAYER_GAP = 90.0  # between layers, along the flow: room for arrows and their labels
NODE_GAP = 40.0  # between neighbours in one layer
COMPONENT_GAP = 60.0
# A layer with more nodes than this is wrapped into several sub-layers side by side, so a
# model with one crowded layer (fourteen API operations, say) does not become a drawing
# many screens tall and one shape wide.
MAX_LAYER_NODES = 8
SUB_LAYER_GAP = 50.0

DIRECTIONS = ("LR", "RL", "TB", "BT")


@dataclass(frozen=True, slots=True)
class Placement:
    """Top-left corners in a local frame starting at (0, 0), plus the extent used."""

    positions: list[tuple[float, float]]
    width: float
    height: float


def layered_layout(
    sizes: list[tuple[float, float]], edges: list[tuple[int, int]], direction: str = "LR"
) -> Placement:
    """Place nodes ``0..n-1`` of the given (width, height) so that edges flow along
    ``direction``; deterministic for the same input."""
    if direction not in DIRECTIONS:
        raise ValueError(f"direction must be one of {', '.join(DIRECTIONS)}, not {direction!r}")
    if not sizes:
        return Placement([], 0.0, 0.0)
    horizontal = direction in ("LR", "RL")
    # Work in (flow, cross) coordinates: flow runs along the arrows.
    extents = [(w, h) if horizontal else (h, w) for w, h in sizes]
    simple_edges = sorted({(s, t) for s, t in edges if s != t})
    blocks = []
    for members in _components(len(sizes), simple_edges):
        blocks.append(_layout_component(members, extents, simple_edges))
    local, flow_size, cross_size = _pack(blocks)
    positions: list[tuple[float, float]] = [(0.0, 0.0)] * len(sizes)
    for node, (flow, cross) in local.items():
        flow_extent, _ = extents[node]
        if direction in ("RL", "BT"):
            flow = flow_size - flow - flow_extent
        positions[node] = (flow, cross) if horizontal else (cross, flow)
    width, height = (flow_size, cross_size) if horizontal else (cross_size, flow_size)
    return Placement(positions, width, height)


def _components(count: int, edges: list[tuple[int, int]]) -> list[list[int]]:
    """Weakly connected components, biggest first, each in node order (deterministic)."""
    parent = list(range(count))

    def find(node: int) -> int:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for source, target in edges:
        root_s, root_t = find(source), find(target)
        if root_s != root_t:
            parent[max(root_s, root_t)] = min(root_s, root_t)
    groups: dict[int, list[int]] = {}
    for node in range(count):
        groups.setdefault(find(node), []).append(node)
    return sorted(groups.values(), key=lambda members: (-len(members), members[0]))


@dataclass(slots=True)
class _Block:
    """One laid-out component in (flow, cross) coordinates relative to its own corner."""

    positions: dict[int, tuple[float, float]]
    flow_size: float
    cross_size: float


def _layout_component(
    members: list[int], extents: list[tuple[float, float]], edges: list[tuple[int, int]]
) -> _Block:
    if len(members) == 1:
        flow_extent, cross_extent = extents[members[0]]
        return _Block({members[0]: (0.0, 0.0)}, flow_extent, cross_extent)
    index = {node: i for i, node in enumerate(members)}
    local_edges = [(index[s], index[t]) for s, t in edges if s in index and t in index]
    graph = igraph.Graph(n=len(members), edges=local_edges, directed=True)
    coords = graph.layout_sugiyama(maxiter=30).coords[: len(members)]
    layers: dict[int, list[tuple[float, int]]] = {}
    for i, (order, layer) in enumerate(coords):
        layers.setdefault(int(round(layer)), []).append((order, members[i]))
    # Long layers wrap into sub-layers: chunks of Sugiyama's order, side by side along the
    # flow, each stacked across it, so the order that limits crossings is kept.
    rows = {layer: _wrapped([node for _, node in sorted(row)]) for layer, row in layers.items()}
    # Along the flow: each sub-layer is as thick as its thickest node.
    flow_at: dict[tuple[int, int], float] = {}
    thickness_of: dict[tuple[int, int], float] = {}
    flow = 0.0
    for layer in sorted(rows):
        for sub, chunk in enumerate(rows[layer]):
            thickness_of[layer, sub] = max(extents[node][0] for node in chunk)
            flow_at[layer, sub] = flow
            gap = SUB_LAYER_GAP if sub < len(rows[layer]) - 1 else LAYER_GAP
            flow += thickness_of[layer, sub] + gap
    # Across: each sub-layer stacked in Sugiyama's order and centred on a common axis, so
    # the drawing stays compact whatever igraph's coordinates.
    positions: dict[int, tuple[float, float]] = {}
    for layer, chunks in rows.items():
        for sub, ordered in enumerate(chunks):
            span = sum(extents[n][1] for n in ordered) + NODE_GAP * (len(ordered) - 1)
            thickness = thickness_of[layer, sub]
            cross = -span / 2
            for node in ordered:
                flow_extent, cross_extent = extents[node]
                positions[node] = (flow_at[layer, sub] + (thickness - flow_extent) / 2, cross)
                cross += cross_extent + NODE_GAP
    lowest = min(c for _, c in positions.values())
    flow_size = flow - LAYER_GAP
    cross_size = max(positions[n][1] + extents[n][1] for n in members) - lowest
    shifted = {node: (f, c - lowest) for node, (f, c) in positions.items()}
    return _Block(shifted, flow_size, cross_size)


def _wrapped(ordered: list[int]) -> list[list[int]]:
    """Split one layer's nodes into equal chunks of at most MAX_LAYER_NODES."""
    count = math.ceil(len(ordered) / MAX_LAYER_NODES)
    size = math.ceil(len(ordered) / count)
    return [ordered[i : i + size] for i in range(0, len(ordered), size)]


def _pack(blocks: list[_Block]) -> tuple[dict[int, tuple[float, float]], float, float]:
    """Shelf-pack components: rows across the flow, aiming at a roughly square drawing."""
    total = sum((b.flow_size + COMPONENT_GAP) * (b.cross_size + COMPONENT_GAP) for b in blocks)
    shelf_limit = max(math.sqrt(total) * 1.4, max(b.flow_size for b in blocks))
    out: dict[int, tuple[float, float]] = {}
    flow = cross = shelf_depth = 0.0
    flow_size = 0.0
    for block in blocks:
        if flow > 0 and flow + block.flow_size > shelf_limit:
            flow, cross, shelf_depth = 0.0, cross + shelf_depth + COMPONENT_GAP, 0.0
        for node, (f, c) in block.positions.items():
            out[node] = (flow + f, cross + c)
        flow_size = max(flow_size, flow + block.flow_size)
        shelf_depth = max(shelf_depth, block.cross_size)
        flow += block.flow_size + COMPONENT_GAP
    return out, flow_size, cross + shelf_depth
