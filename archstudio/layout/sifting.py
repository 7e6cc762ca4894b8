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

from bisect import bisect_left
from collections.abc import Callable
from itertools import accumulate
from operator import add, itemgetter, sub

from archstudio.layout.layered import LayeredGraph, count_crossings
from archstudio.layout.passes import system_intervals, system_run


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
        for key, row in table.items():
            table[key] = list(accumulate(row))
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
          xs_per_side: list[list[int] | None], low: int, high: int,
          extra: list[int] | None = None, plateau: int = 0) -> int:
    """Move ``units[own]`` (with its rows) to the slot in ``low..high`` (counted among the
    other units) where it crosses least, ``extra[slot]`` added (passes over systems);
    returns the objective removed. ``plateau`` 1 (2): on a tie, move to the first (last)
    other slot of the same cost, which lets the sweeps leave a plateau (dot's transpose
    does the same)."""
    left_costs: list[int] | None = None
    right_costs: list[int] = []
    for xs, rows in zip(xs_per_side, unit_rows, strict=True):
        if not xs:
            continue
        if len(xs) == 1:
            x = xs[0]
            left = [r[x] for r in rows]  # their neighbours before mine
            right = [r[-1] - r[x + 1] for r in rows]
        else:
            before, beyond, many = itemgetter(*xs), itemgetter(*[x + 1 for x in xs]), len(xs)
            left = [sum(before(r)) for r in rows]
            right = [r[-1] * many - sum(beyond(r)) for r in rows]
        del left[own], right[own]  # the other units only
        if left_costs is None:
            left_costs, right_costs = left, right
        else:
            left_costs = list(map(add, left_costs, left))
            right_costs = list(map(add, right_costs, right))
    if left_costs is None:
        if extra is None:
            return 0
        left_costs, right_costs = [0] * (len(units) - 1), [0] * (len(units) - 1)
    # Slot j: the unit sits after the first j other units.
    costs = list(accumulate(map(sub, right_costs, left_costs), initial=sum(left_costs)))
    if extra is not None:
        costs = list(map(add, costs, extra))
    current = costs[own]
    best_cost = min(costs[low:high + 1])
    if best_cost > current or (best_cost == current and not plateau):
        return 0
    best_slot = costs.index(best_cost, low)
    if best_cost == current:
        ties = [j for j in range(low, high + 1) if costs[j] == best_cost and j != own]
        if not ties:
            return 0
        best_slot = ties[0] if plateau == 1 else ties[-1]
    units.insert(best_slot, units.pop(own))
    for rows in unit_rows:
        rows.insert(best_slot, rows.pop(own))
    return current - best_cost


def _subtrees(graph: LayeredGraph, layer: list[int]) -> dict[int, set[int]]:
    """For each system present in ``layer``: the systems present there inside it (itself
    included)."""
    out: dict[int, set[int]] = {}
    for node in layer:
        path = graph.path[node]
        for depth, system in enumerate(path):
            out.setdefault(system, set()).update(path[depth:])
    return out


def _walls(units: list[int], subtrees: dict[int, set[int]],
           spans: dict[int, tuple[int, int]]) -> dict[int, list[tuple[int, int]]]:
    """For each sub-system unit: the intervals, in the other layer, of the systems in it
    that are present in both layers (the blocks a segment may pass over)."""
    out: dict[int, list[tuple[int, int]]] = {}
    for unit in units:
        if unit < 0:
            walls = [spans[s] for s in subtrees[-1 - unit] if s in spans]
            if walls:
                out[unit] = walls
    return out


def _node_passes(units: list[int], own: int, xs_per_side: list[list[int] | None],
                 walls_per_side: list[dict[int, list[tuple[int, int]]]], weight: int
                 ) -> list[int] | None:
    """Per slot of node ``units[own]``: ``weight`` times its segments' passes over the
    sibling systems of its block (its neighbours beyond a system's block in the other
    layer while it sits on this side of it)."""
    delta = [0] * (len(units) + 1)
    base = 0
    found = False
    for xs, walls in zip(xs_per_side, walls_per_side, strict=True):
        if not xs or not walls:
            continue
        ordered = sorted(xs)
        for index, unit in enumerate(units):
            if index == own or unit not in walls:
                continue
            slot = index if index < own else index - 1
            for start, end in walls[unit]:
                before = bisect_left(ordered, start)
                after = len(ordered) - bisect_left(ordered, end)
                base += before  # the node after the system
                delta[0] += after - before  # the node before it: slots 0..slot
                delta[slot + 1] -= after - before
                found = True
    if not found:
        return None
    return [weight * (base + value) for value in accumulate(delta[:-1])]


def _system_passes(units: list[int], own: int, node_xs: list[dict[int, list[int]]],
                   walls_per_side: list[dict[int, list[tuple[int, int]]]], weight: int,
                   low: int, high: int) -> list[int] | None:
    """Per slot of sub-system ``units[own]`` (it moves among slots ``low..high``, past
    nodes only): ``weight`` times the passes over it (and the systems inside it) by the
    segments of the nodes it moves past."""
    delta = [0] * (len(units) + 1)
    found = False
    for xs_of, walls in zip(node_xs, walls_per_side, strict=True):
        mine = walls.get(units[own])
        if not mine:
            continue
        for index in range(low, min(high + 1, len(units) - 1) + 1):
            if index == own:
                continue
            unit = units[index]
            xs = xs_of.get(unit) if unit >= 0 else None
            if not xs:
                continue
            slot = index if index < own else index - 1
            ordered = sorted(xs)
            change = 0
            for start, end in mine:
                # the system before the node: its neighbours before the block pass;
                # after it: those beyond the block
                change += (bisect_left(ordered, start)
                           - (len(ordered) - bisect_left(ordered, end)))
            delta[0] += change
            delta[slot + 1] -= change
            found = True
    if not found:
        return None
    return [weight * value for value in accumulate(delta[:-1])]


def _sift_layer(graph: LayeredGraph, layer: list[int], sides: list[tuple],
                weight: int = 0, plateau: int = 0) -> int:
    """Move each node of ``layer`` in turn to its best slot among its block's units, then
    each sub-system as a whole between its sibling systems; returns the objective removed
    (crossings, plus ``weight`` per pass over a system). ``layer`` is reordered in place."""
    blocks = _blocks(graph, layer)
    # Per block and side, the rows of its units in unit order (a zero row when a unit
    # has no neighbours there), moved along with the units.
    aligned: dict[tuple[int, ...], list[list[list[int]]]] = {}
    for path, units in blocks.items():
        if len(units) < 2:
            continue
        per_side = []
        for rows, systems, _, _, size, _ in sides:
            zero = [0] * (size + 1)
            per_side.append([rows.get(u, zero) if u >= 0 else systems.get(-1 - u, zero)
                             for u in units])
        aligned[path] = per_side
    subtrees = _subtrees(graph, layer) if weight else {}
    walls: dict[tuple[int, ...], list[dict[int, list[tuple[int, int]]]]] = {}
    if weight:
        for path, units in blocks.items():
            if path in aligned and any(u < 0 for u in units):
                walls[path] = [_walls(units, subtrees, side[5]) for side in sides]
    gained = 0
    for node in list(layer):
        path = graph.path[node]
        if path in aligned:
            units = blocks[path]
            own = units.index(node)
            xs = [side[2].get(node) for side in sides]
            extra = (_node_passes(units, own, xs, walls[path], weight) if path in walls
                     else None)
            gained += _move(units, aligned[path], own, xs, 0, len(units) - 1, extra,
                            plateau)
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
                extra = (_system_passes(units, own, [side[2] for side in sides],
                                        walls[path], weight, low, high)
                         if path in walls else None)
                gained += _move(units, aligned[path], own,
                                [side[3].get(system) for side in sides], low, high, extra,
                                plateau)
    if gained or plateau:
        ordered: list[int] = []
        _flatten(blocks, (), ordered)
        layer[:] = ordered
    return gained


def sift(graph: LayeredGraph, crossings: int, passes: int, weight: int = 0,
         plateau: int = 0) -> int:
    """Sift every node, layer by layer down and then up, until a pass gains nothing;
    ``crossings`` is the current objective (crossings plus ``weight`` per pass over a
    system), the new one is returned. ``plateau``: see ``_move``."""
    pos = graph.positions()
    layers = graph.layers
    count = len(layers)
    weight = weight if graph.system_parent else 0
    spans = ([system_intervals(graph, layer) for layer in layers] if weight
             else [{}] * count)
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
                sides.append((*_rows(layer, graph.up, pos, size, graph),
                              spans[layer_index - 1]))
            if layer_index + 1 < count:
                size = len(layers[layer_index + 1])
                sides.append((*_rows(layer, graph.down, pos, size, graph),
                              spans[layer_index + 1]))
            won = _sift_layer(graph, layer, sides, weight, plateau)
            if won or plateau:
                gained += won
                for i, node in enumerate(layer):
                    pos[node] = i
                if weight:
                    spans[layer_index] = system_intervals(graph, layer)
        crossings -= gained
        if not gained:
            break
    return crossings


def _swap_segments(graph: LayeredGraph, first: int, second: int, depth: int) -> None:
    for index, layer in enumerate(graph.layers):
        a = system_run(graph, layer, first, depth)
        b = system_run(graph, layer, second, depth)
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
    depth = [graph.system_depth(system) for system in range(len(graph.system_parent))]
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
