"""Dummy points for long relations and fillers for systems: the layered graph the
ordering works on (step 2 of ``engine``).

A long relation becomes a chain of dummy points, one per layer it crosses, held by the
innermost system holding both ends (or by the systems of its target it has entered, or in
a wrapped layer by its end's system); a system gets a filler in every layer it spans but
has no member in, so it is an honest interval in every layer. Pure Python.
"""

from __future__ import annotations

from archstudio.layout.ordering import LayeredGraph
from archstudio.layout.wrapping import held_path


def layered_graph(edges: dict[tuple[int, int], tuple[float, float]],
                   oriented: list[tuple[int, int]], layer: list[int],
                   paths: list[tuple[int, ...]], system_parent: list[int],
                   leaf_order: list[int], system_order: list[int],
                   chains: list[tuple[int, int, list[int]]] | None = None,
                   wrapped: list[range] | None = None, inside: bool = False) -> LayeredGraph:
    """Dummy points for long relations, fillers for systems, and a first order;
    ``chains`` gets each relation's dummy points (source, target, dummies) as layered.
    A dummy point belongs to the systems holding both ends, or with ``inside`` to those
    of the target's that span its layer (``_holder``); points in the sub-layers of a
    ``wrapped`` layer are held by their end's system (``wrapping.held_path``)."""
    count = len(paths)
    path: list[tuple[int, ...]] = list(paths)
    layer_of = list(layer)
    up: list[list[int]] = [[] for _ in range(count)]
    down: list[list[int]] = [[] for _ in range(count)]

    def add_node(node_path: tuple[int, ...], node_layer: int) -> int:
        path.append(node_path)
        layer_of.append(node_layer)
        up.append([])
        down.append([])
        return len(path) - 1

    present = ({(system, layer[node]) for node in range(count) for system in paths[node]}
               if wrapped else set())
    spans: dict[int, tuple[int, int]] = {}
    for node in range(count if inside else 0):
        for system in paths[node]:
            low, high = spans.get(system, (layer[node], layer[node]))
            spans[system] = (min(low, layer[node]), max(high, layer[node]))
    for source, target in oriented:
        common = _lca(paths[source], paths[target])
        previous = source
        chain: list[int] = []
        for between in range(layer[source] + 1, layer[target]):
            if wrapped:
                holder = held_path(common, paths, source, target, layer, between, wrapped,
                                   present)
            else:
                holder = (_holder(paths[target], len(common), between, spans) if inside
                          else common)
            dummy = len(path)  # (add_node written out: one call per dummy point was a
            path.append(holder)  # tenth of this function's time at 2,000 elements)
            layer_of.append(between)
            up.append([previous])
            down.append([])
            down[previous].append(dummy)
            previous = dummy
            chain.append(dummy)
        down[previous].append(target)
        up[target].append(previous)
        if chains is not None:
            chains.append((source, target, chain))
    dummies_end = len(path)
    _add_fillers(system_parent, path, layer_of, add_node)

    top = max(layer_of) + 1
    layers: list[list[int]] = [[] for _ in range(top)]
    # A first order: systems in model order, then the model order of elements (dummies
    # and fillers follow the element they start from or sit after).
    order_key = [float(v) for v in leaf_order]
    last = float(max(leaf_order, default=0) + 1)
    for node in range(count, len(path)):
        order_key.append(order_key[up[node][0]] + 0.5 if up[node] and node < dummies_end
                         else last)
    # (each distinct path's key made once: the dummy points of a level-by-level root,
    # 16,000 at 2,000 elements, all share the empty one)
    path_key: dict[tuple[int, ...], tuple[int, ...]] = {}
    for node_path in path:
        if node_path not in path_key:
            path_key[node_path] = tuple(system_order[s] for s in node_path)
    for node in sorted(range(len(path)), key=lambda n: (path_key[path[n]], order_key[n], n)):
        layers[layer_of[node]].append(node)
    return LayeredGraph(layers, path, up, down, system_parent,
                        [float(v) for v in system_order], count)


def _holder(target: tuple[int, ...], common: int, layer: int,
            spans: dict[int, tuple[int, int]]) -> tuple[int, ...]:
    """The systems holding a long relation's dummy point in ``layer``: those of its
    target's that already span that layer (the line has entered them), beyond the
    ``common`` ones holding both ends. A line from outside a system to a member several
    layers in then runs inside the system from its first layer on, not in a lane of its
    own beside the system's frame (which widens the drawing by a lane and pushes the
    caller, a person above the system, out to its side)."""
    depth = common
    while depth < len(target) and spans[target[depth]][0] <= layer:
        depth += 1
    return target[:depth]


def _lca(first: tuple[int, ...], second: tuple[int, ...]) -> tuple[int, ...]:
    common = 0
    for a, b in zip(first, second, strict=False):
        if a != b:
            break
        common += 1
    return first[:common]


def _add_fillers(system_parent: list[int], path: list[tuple[int, ...]], layer_of: list[int],
                 add_node) -> None:
    """A zero-size node in every layer a system spans but has no member in."""
    present: dict[int, set[int]] = {}
    for node in range(len(path)):
        for system in path[node]:
            present.setdefault(system, set()).add(layer_of[node])
    depth = {}
    for system in range(len(system_parent)):
        d, s = 0, system
        while system_parent[s] >= 0:
            s, d = system_parent[s], d + 1
        depth[system] = d
    chain: dict[int, tuple[int, ...]] = {}
    for node_path in path:
        for i, system in enumerate(node_path):
            chain.setdefault(system, node_path[: i + 1])
    for system in sorted(present, key=lambda s: -depth[s]):
        layers = present[system]
        for missing in range(min(layers), max(layers) + 1):
            if missing not in layers:
                add_node(chain[system], missing)
                for holder in chain[system]:
                    present[holder].add(missing)
