"""Systems kept short along the flow, so that sibling systems can share the cross axis.

Two sibling systems that share even one layer must sit side by side across the flow in
every layer (their boxes are rectangles), so a system spread over many layers pushes all
its siblings aside for its whole length. Layering puts each element one layer after the
element that calls it; a system of datastores called from five different layers then
spans five layers although nothing inside it needs more than one. Graphviz ``dot`` ranks
each cluster on its own first (members without edges between them share one rank); this
is the same idea as a pass after layering: the elements of a system that only receive
relations (its sinks) move to the system's last layer, and those that only send (its
sources) to its first, whenever that makes the system span fewer layers. A sink moved
later, or a source earlier, keeps every relation pointing forwards.
"""

from __future__ import annotations


def shorten_system_spans(count: int, edges: list[tuple[int, int]], layer: list[int],
                         paths: list[tuple[int, ...]]) -> None:
    """Move the sinks (sources) of each system to its last (first) layer in place, when
    the system then spans fewer layers. ``paths[node]`` lists the systems holding the
    node, outermost first; elements of no system are left alone. Innermost systems go
    first, so an outer system sees its inner ones already shortened."""
    has_in = [False] * count
    has_out = [False] * count
    for source, target in edges:
        has_out[source] = True
        has_in[target] = True
    members: dict[int, list[int]] = {}
    depth: dict[int, int] = {}
    for node in range(count):
        if not (has_in[node] or has_out[node]):
            continue  # elements without relations are placed later, on their own
        for level, system in enumerate(paths[node]):
            members.setdefault(system, []).append(node)
            depth[system] = level
    for system in sorted(members, key=lambda s: (-depth[s], s)):
        nodes = members[system]
        _shorten(nodes, [n for n in nodes if has_in[n] and not has_out[n]], layer, late=True)
        _shorten(nodes, [n for n in nodes if has_out[n] and not has_in[n]], layer, late=False)


def _shorten(nodes: list[int], movable: list[int], layer: list[int], late: bool) -> None:
    if not movable:
        return
    low = min(layer[n] for n in nodes)
    high = max(layer[n] for n in nodes)
    fixed = [layer[n] for n in nodes if n not in set(movable)]
    target = high if late else low
    if late:
        new_low = min([*fixed, target])
        if new_low > low:
            for node in movable:
                layer[node] = target
    else:
        new_high = max([*fixed, target])
        if new_high < high:
            for node in movable:
                layer[node] = target


def clear_sibling_spans(count: int, edges: list[tuple[int, int]], layer: list[int],
                        paths: list[tuple[int, ...]], sinks: bool = True) -> bool:
    """A source that sits in a layer spanned by a sibling system (a person beside the
    system it calls) moves to the layer before that system, a sink (an external system it
    is called from) to the layer after it (only when ``sinks``), unless that would
    stretch the element's own system. The drawing gets a layer longer and a shape
    narrower: the person above (or left of) the system, as in a C4 context diagram.
    Layers are renumbered from 0. Returns whether a sink moved (or, without ``sinks``,
    would have)."""
    has_in = [False] * count
    has_out = [False] * count
    for source, target in edges:
        has_out[source] = True
        has_in[target] = True
    first: dict[int, int] = {}
    last: dict[int, int] = {}
    children: dict[tuple[int, ...], set[int]] = {}
    for node in range(count):
        if not (has_in[node] or has_out[node]):
            continue
        for level, system in enumerate(paths[node]):
            first[system] = min(first.get(system, layer[node]), layer[node])
            last[system] = max(last.get(system, layer[node]), layer[node])
            children.setdefault(paths[node][:level], set()).add(system)
    moved = sink_moved = False
    for node in range(count):
        if has_in[node] == has_out[node]:
            continue
        own = paths[node][-1] if paths[node] else None
        blocking = [s for s in children.get(paths[node], ())
                    if first[s] <= layer[node] <= last[s]]
        if not blocking:
            continue
        if has_out[node]:
            target = min(first[s] for s in blocking) - 1
            allowed = own is None or target >= first[own]
        else:
            target = max(last[s] for s in blocking) + 1
            allowed = own is None or target <= last[own]
        if allowed and has_in[node]:
            sink_moved = True
            if not sinks:
                continue
        if allowed:
            layer[node] = target
            moved = True
    if moved:
        low = min(layer)
        for node in range(count):
            layer[node] -= low
    return sink_moved
