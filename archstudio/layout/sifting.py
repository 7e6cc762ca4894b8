"""Exact local search on an ordered layered graph: after the sweeps have found a good
ordering, every move here is counted exactly and kept only when it removes crossings.

* **Sifting** (Matuszewski, Schoenfeld and Molitor): a node is taken out of its block and
  put back at the slot where it crosses least with both adjacent layers. The units it moves
  among are the nodes directly in its block and its sub-systems (each a contiguous run),
  so a system's members stay together; then each sub-system moves the same way as one
  unit, between its sibling systems. Each unit has a prefix count of its neighbours over
  the adjacent layer, so the crossings of two units cost one look-up per edge and trying
  every slot costs about one look-up per unit of the block.
* **System swaps**: two sibling systems next to each other in their global order change
  places in every layer where both are present (sibling systems keep one order in all
  layers, else their boxes would overlap); kept when the total count drops.

Ties always keep the current order, so the result depends only on the input.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import accumulate
from operator import add, sub

from archstudio.layout.layered import LayeredGraph, count_crossings


def _rows(layer: list[int], side: list[list[int]], pos: list[int], size: int,
          graph: LayeredGraph) -> tuple:
    """For each node of ``layer`` with neighbours on ``side``, and each system holding
    such nodes: row[p] = how many of its (their) neighbours sit before position p of that
    layer (p = 0..size); also the neighbour positions of each node and of each system's
    members. Returns (node rows, system rows, node positions, system positions, size)."""
    rows: dict[int, list[int]] = {}
    systems: dict[int, list[int]] = {}
    mine: dict[int, list[int]] = {}
    system_mine: dict[int, list[int]] = {}
    for node in layer:
        near = side[node]
        if not near:
            continue
        xs = [pos[v] for v in near]
        mine[node] = xs
        row = [0] * (size + 1)
        for x in xs:
            row[x + 1] += 1
        for system in graph.path[node]:
            total = systems.get(system)
            if total is None:
                systems[system] = list(row)
                system_mine[system] = list(xs)
            else:
                for x in xs:
                    total[x + 1] += 1
                system_mine[system].extend(xs)
        rows[node] = row
    for table in (rows, systems):
        for row in table.values():
            total = 0
            for p in range(size + 1):
                total += row[p]
                row[p] = total
    return rows, systems, mine, system_mine, size


def _blocks(graph: LayeredGraph, layer: list[int]) -> dict[tuple[int, ...], list[int]]:
    """The layer as a tree: for each block (a path of systems), its units in order, a
    node as itself and a sub-system s as -1 - s."""
    blocks: dict[tuple[int, ...], list[int]] = {(): []}
    for node in layer:
        path = graph.path[node]
        for depth, system in enumerate(path):
            units = blocks.setdefault(path[:depth], [])
            if not units or units[-1] != -1 - system:
                units.append(-1 - system)
        blocks.setdefault(path, []).append(node)
    return blocks


def _flatten(blocks: dict[tuple[int, ...], list[int]], path: tuple[int, ...],
             out: list[int]) -> None:
    for unit in blocks.get(path, ()):
        if unit >= 0:
            out.append(unit)
        else:
            _flatten(blocks, (*path, -1 - unit), out)


def _move(units: list[int], unit_rows: list[list[list[int]]], own: int,
          xs_per_side: list[list[int] | None], low: int, high: int) -> int:
    """Move ``units[own]`` (with its rows) to the slot in ``low..high`` (counted among the
    other units) where it crosses least; returns the crossings removed."""
    left_costs: list[int] | None = None
    right_costs: list[int] = []
    for xs, rows in zip(xs_per_side, unit_rows, strict=True):
        if not xs:
            continue
        others = rows[:own] + rows[own + 1:]
        if len(xs) == 1:
            x = xs[0]
            left = [r[x] for r in others]  # their neighbours before mine
            right = [r[-1] - r[x + 1] for r in others]
        else:
            left = [sum([r[x] for x in xs]) for r in others]
            right = [r[-1] * len(xs) - sum([r[x + 1] for x in xs]) for r in others]
        if left_costs is None:
            left_costs, right_costs = left, right
        else:
            left_costs = list(map(add, left_costs, left))
            right_costs = list(map(add, right_costs, right))
    if left_costs is None:
        return 0
    # Slot j: the unit sits after the first j other units.
    costs = list(accumulate(map(sub, right_costs, left_costs), initial=sum(left_costs)))
    current = costs[own]
    best_cost = min(costs[low:high + 1])
    if best_cost >= current:
        return 0
    best_slot = costs.index(best_cost, low)
    units.insert(best_slot, units.pop(own))
    for rows in unit_rows:
        rows.insert(best_slot, rows.pop(own))
    return current - best_cost


def _sift_layer(graph: LayeredGraph, layer: list[int], sides: list[tuple]) -> int:
    """Move each node of ``layer`` in turn to its best slot among its block's units, then
    each sub-system as a whole between its sibling systems; returns the crossings
    removed. ``layer`` is reordered in place."""
    blocks = _blocks(graph, layer)
    # Per block and side, the rows of its units in unit order (a zero row when a unit
    # has no neighbours there), moved along with the units.
    aligned: dict[tuple[int, ...], list[list[list[int]]]] = {}
    for path, units in blocks.items():
        if len(units) < 2:
            continue
        per_side = []
        for rows, systems, _, _, size in sides:
            zero = [0] * (size + 1)
            per_side.append([rows.get(u, zero) if u >= 0 else systems.get(-1 - u, zero)
                             for u in units])
        aligned[path] = per_side
    gained = 0
    for node in list(layer):
        path = graph.path[node]
        if path in aligned:
            units = blocks[path]
            gained += _move(units, aligned[path], units.index(node),
                            [side[2].get(node) for side in sides], 0, len(units) - 1)
    for path, units in blocks.items():
        if path not in aligned:
            continue
        for system in [-1 - u for u in units if u < 0]:
            own = units.index(-1 - system)
            before = [i for i in range(own) if units[i] < 0]
            after = [i for i in range(own + 1, len(units)) if units[i] < 0]
            low = before[-1] + 1 if before else 0
            high = after[0] - 1 if after else len(units) - 1
            if high > low:
                gained += _move(units, aligned[path], own,
                                [side[3].get(system) for side in sides], low, high)
    if gained:
        ordered: list[int] = []
        _flatten(blocks, (), ordered)
        layer[:] = ordered
    return gained


def sift(graph: LayeredGraph, crossings: int, passes: int) -> int:
    """Sift every node, layer by layer down and then up, until a pass gains nothing;
    returns the new crossing count."""
    pos = graph.positions()
    layers = graph.layers
    count = len(layers)
    for number in range(passes):
        if crossings == 0:
            break
        gained = 0
        order = range(count) if number % 2 == 0 else range(count - 1, -1, -1)
        for layer_index in order:
            layer = layers[layer_index]
            sides = []
            if layer_index > 0:
                size = len(layers[layer_index - 1])
                sides.append(_rows(layer, graph.up, pos, size, graph))
            if layer_index + 1 < count:
                size = len(layers[layer_index + 1])
                sides.append(_rows(layer, graph.down, pos, size, graph))
            won = _sift_layer(graph, layer, sides)
            if won:
                gained += won
                for i, node in enumerate(layer):
                    pos[node] = i
        crossings -= gained
        if not gained:
            break
    return crossings


def _segment(graph: LayeredGraph, layer: list[int], system: int, depth: int
             ) -> tuple[int, int] | None:
    start = None
    for i, node in enumerate(layer):
        path = graph.path[node]
        inside = len(path) > depth and path[depth] == system
        if inside and start is None:
            start = i
        elif not inside and start is not None:
            return start, i
    return None if start is None else (start, len(layer))


def _swap_segments(graph: LayeredGraph, first: int, second: int, depth: int) -> None:
    for index, layer in enumerate(graph.layers):
        a = _segment(graph, layer, first, depth)
        b = _segment(graph, layer, second, depth)
        if a is None or b is None:
            continue
        if a[0] > b[0]:
            a, b = b, a
        graph.layers[index] = (layer[:a[0]] + layer[b[0]:b[1]] + layer[a[1]:b[0]]
                               + layer[a[0]:a[1]] + layer[b[1]:])


def swap_systems(graph: LayeredGraph, crossings: int, passes: int,
                 counter: Callable[[LayeredGraph], int] | None = None) -> int:
    """Swap sibling systems adjacent in their global order while that removes crossings;
    returns the new crossing count."""
    counter = counter or (lambda g: count_crossings(g, g.positions()))
    depth = [0] * len(graph.system_parent)
    for system, parent in enumerate(graph.system_parent):
        while parent >= 0:
            depth[system] += 1
            parent = graph.system_parent[parent]
    siblings: dict[int, list[int]] = {}
    for system, parent in enumerate(graph.system_parent):
        siblings.setdefault(parent, []).append(system)
    groups = [group for group in siblings.values() if len(group) > 1]
    for _ in range(passes):
        improved = False
        for group in groups:
            group.sort(key=lambda s: graph.system_rank[s])
            for i in range(len(group) - 1):
                if crossings == 0:
                    return 0
                a, b = group[i], group[i + 1]
                _swap_segments(graph, a, b, depth[a])
                after = counter(graph)
                if after < crossings:
                    rank = graph.system_rank
                    rank[a], rank[b] = rank[b], rank[a]
                    group[i], group[i + 1] = b, a
                    crossings, improved = after, True
                else:
                    _swap_segments(graph, a, b, depth[a])
        if not improved:
            break
    return crossings
