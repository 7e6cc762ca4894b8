"""Positions across the flow for an ordered layered graph whose nodes sit in systems.

Every system has two variables, its near and far border, shared by all the layers it
spans; each layer's sequence (borders opened and closed around the nodes of each block)
gives separation constraints ``x[b] - x[a] >= gap`` between neighbours. Because sibling
systems keep one order in every layer, these constraints form a DAG.

Placement is a priority-style relaxation in the spirit of dot and Brandes-Koepf: each
element wants to sit at the median of its neighbours (a dummy point of a long relation at
the mean of its two, which straightens it), borders want to hug their members. A forward
pass over the DAG honours every lower bound, a backward pass every upper bound; they
alternate, and the final positions are the mean of the last forward and backward
solutions (a mean of feasible solutions is feasible), which centres what both allowed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from archstudio.layout.ordering import LayeredGraph

PASS_PAIRS = 4
LARGE = 4000  # variables; bigger graphs get two pass pairs (pure Python: keep it fast)
BOX_GAP = 34.0  # between two elements in one layer
DUMMY_GAP = 12.0  # between a relation passing through a layer and anything else
SYSTEM_GAP = 30.0  # between a system's border and its neighbours outside


@dataclass(frozen=True, slots=True)
class CrossSpec:
    """What the constraint builder needs to know about nodes and systems."""

    half: list[float]  # half extent across the flow (0 for dummies and fillers)
    is_box: list[bool]  # an element (not a dummy or a filler)
    is_dummy: list[bool]
    pad_near: float  # system padding on the near side across the flow (title included)
    pad_far: float
    # least distance between two neighbours in a layer that a labelled relation joins
    # straight across the flow (a system and an element beside it): the label's room.
    # Keyed by the sorted pair of a node's index or -(s + 1) for system s
    room: dict[tuple[int, int], float] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class CrossResult:
    centre: list[float]  # per node
    near: list[float]  # per system, its near border
    far: list[float]


def _common(first: tuple[int, ...], second: tuple[int, ...]) -> int:
    count = 0
    for a, b in zip(first, second, strict=False):
        if a != b:
            break
        count += 1
    return count


def _constraints(graph: LayeredGraph, spec: CrossSpec
                 ) -> tuple[list[float], list[dict[int, float]], list[dict[int, float]]]:
    """Half extents and the separation constraints (successors and predecessors with
    their least distance) of every variable: nodes, then each system's near and far
    border."""
    nodes = len(graph.path)
    systems = len(graph.system_parent)
    total = nodes + 2 * systems
    half = spec.half + [0.0] * (2 * systems)
    succ: list[dict[int, float]] = [{} for _ in range(total)]
    pred: list[dict[int, float]] = [{} for _ in range(total)]

    def near(s: int) -> int:
        return nodes + 2 * s

    def far(s: int) -> int:
        return nodes + 2 * s + 1

    def gap(a: int, b: int) -> float:
        if b >= nodes and (b - nodes) % 2 == 1:
            return spec.pad_far
        if a >= nodes and (a - nodes) % 2 == 0:
            return spec.pad_near
        if a >= nodes or b >= nodes:
            return SYSTEM_GAP
        if spec.is_dummy[a] or spec.is_dummy[b]:
            return DUMMY_GAP
        return BOX_GAP

    def apart(a: int, b: int, value: float) -> None:
        if succ[a].get(b, -1.0) < value:
            succ[a][b] = value
            pred[b][a] = value

    sequence: list[int] = []

    def link(a: int | None, b: int) -> int:
        if a is not None:
            apart(a, b, half[a] + half[b] + gap(a, b))
        sequence.append(b)
        return b

    for layer in graph.layers:
        previous: int | None = None
        open_path: tuple[int, ...] = ()
        sequence.clear()
        for node in layer:
            path = graph.path[node]
            common = _common(open_path, path)
            for system in reversed(open_path[common:]):
                previous = link(previous, far(system))
            for system in path[common:]:
                previous = link(previous, near(system))
            previous = link(previous, node)
            open_path = path
        for system in reversed(open_path):
            previous = link(previous, far(system))
        if spec.room:
            _label_room(sequence, spec.room, half, nodes, apart)
    return half, succ, pred


def _label_room(sequence: list[int], room: dict[tuple[int, int], float], half: list[float],
                nodes: int, apart: Callable[[int, int, float], None]) -> None:
    """Between two things of one layer's ``sequence`` that ``room`` names (a node, or a
    system by its borders), the room asked, whatever lies between them."""
    where: dict[int, list[int]] = {}
    for position, v in enumerate(sequence):
        where.setdefault(v if v < nodes else -((v - nodes) // 2 + 1), []).append(position)
    for (x, y), need in room.items():
        if x not in where or y not in where:
            continue
        first, second = (x, y) if where[x][-1] < where[y][0] else (y, x)
        if where[first][-1] >= where[second][0]:
            continue  # one inside the other
        a, b = sequence[where[first][-1]], sequence[where[second][0]]
        apart(a, b, half[a] + half[b] + need)


def _least(half: list[float], pred: list[dict[int, float]], order: list[int]) -> list[float]:
    least = [0.0] * len(half)
    for v in order:
        before = pred[v]
        least[v] = max([least[u] + s for u, s in before.items()]) if before else half[v]
    return least


def cross_extent(graph: LayeredGraph, spec: CrossSpec) -> float:
    """The drawing's extent across the flow, without placing anything: the tightest
    drawing's, which :func:`assign_cross` keeps (every position stays within the bounds
    the tightest drawings from either side allow). Cheap enough to compare directions."""
    half, succ, pred = _constraints(graph, spec)
    least = _least(half, pred, _topological(succ, pred, len(half)))
    return max((least[v] + half[v] for v in range(len(half))), default=0.0)


def assign_cross(graph: LayeredGraph, spec: CrossSpec) -> CrossResult:
    nodes = len(graph.path)
    systems = len(graph.system_parent)
    half, succ_maps, pred_maps = _constraints(graph, spec)
    total = len(half)

    def near(s: int) -> int:
        return nodes + 2 * s

    def far(s: int) -> int:
        return nodes + 2 * s + 1

    order = _topological(succ_maps, pred_maps, total)
    # The tightest drawing from each side bounds every position: the result is never
    # wider than the widest layer (plus its systems) forces, so no empty bands appear.
    least = _least(half, pred_maps, order)
    end = max((least[v] + half[v] for v in range(total)), default=0.0)
    # the constraints as tuples: the passes below run over them many times
    succ = [tuple(m.items()) for m in succ_maps]
    pred = [tuple(m.items()) for m in pred_maps]
    most = [0.0] * total
    for v in reversed(order):
        after = succ[v]
        most[v] = min([most[w] - s for w, s in after]) if after else end - half[v]
    x = list(least)
    # each element's neighbours (it wants their median); none for dummies' borders
    neighbours: list[list[int]] = [graph.up[v] + graph.down[v] for v in range(nodes)]
    neighbours += [[] for _ in range(2 * systems)]
    depth_first = sorted(range(systems), key=lambda s: -graph.system_depth(s))
    nears = [near(s) for s in depth_first]
    fars = [far(s) for s in depth_first]
    backwards = order[::-1]

    # nearly every variable has one neighbour before and one after it in its layer: that
    # one constraint, unpacked once (the passes below are most of a big layout's time)
    one_pred = [b[0] if len(b) == 1 else None for b in pred]
    one_succ = [a[0] if len(a) == 1 else None for a in succ]

    forward = backward = x
    # The backward pass mirrors the forward one; the neighbours' pull is written out in
    # both because a helper called per node per pass made the 5,000-element layout slower
    # in five of five alternating runs (2.2-2.9 s against 1.8-2.2 s of processor time).
    for _ in range(PASS_PAIRS if total < LARGE else 2):
        for v in order:
            single = one_pred[v]
            if single is not None:
                low = x[single[0]] + single[1]
            else:
                before = pred[v]
                low = max([x[u] + s for u, s in before]) if before else least[v]
            near_v = neighbours[v]
            count = len(near_v)
            if count == 0:
                x[v] = low
                continue
            if count == 2:
                want = (x[near_v[0]] + x[near_v[1]]) / 2
            elif count == 1:
                want = x[near_v[0]]
            else:
                want = _median([x[u] for u in near_v])
            # min(most[v], max(low, want)), without two calls per variable per pass
            want = low if low >= want else want
            top = most[v]
            x[v] = top if top <= want else want
        for v in nears:  # near borders hug their members
            x[v] = min([x[w] - sep for w, sep in succ[v]])
        forward = list(x)
        for v in backwards:
            single = one_succ[v]
            if single is not None:
                high = x[single[0]] - single[1]
            else:
                after = succ[v]
                high = min([x[w] - s for w, s in after]) if after else most[v]
            near_v = neighbours[v]
            count = len(near_v)
            if count == 0:
                x[v] = high
                continue
            if count == 2:
                want = (x[near_v[0]] + x[near_v[1]]) / 2
            elif count == 1:
                want = x[near_v[0]]
            else:
                want = _median([x[u] for u in near_v])
            want = high if high <= want else want  # max(least[v], min(high, want))
            bottom = least[v]
            x[v] = bottom if bottom >= want else want
        for v in fars:
            x[v] = max([x[u] + sep for u, sep in pred[v]])
        backward = list(x)
    x = [(a + b) / 2 for a, b in zip(forward, backward, strict=True)]
    for s in depth_first:
        x[near(s)] = min([x[w] - sep for w, sep in succ[near(s)]])
        x[far(s)] = max([x[u] + sep for u, sep in pred[far(s)]])
    return CrossResult(x[:nodes], [x[near(s)] for s in range(systems)],
                       [x[far(s)] for s in range(systems)])


def _median(values: list[float]) -> float:
    values.sort()
    middle = len(values) // 2
    return values[middle] if len(values) % 2 else (values[middle - 1] + values[middle]) / 2


def _topological(succ: list[dict[int, float]], pred: list[dict[int, float]],
                 total: int) -> list[int]:
    indegree = [len(p) for p in pred]
    ready = [v for v in range(total) if indegree[v] == 0]
    ready.reverse()
    order: list[int] = []
    while ready:
        v = ready.pop()
        order.append(v)
        for w in sorted(succ[v]):
            indegree[w] -= 1
            if indegree[w] == 0:
                ready.append(w)
    if len(order) != total:
        raise ValueError("inconsistent system order across layers")
    return order
