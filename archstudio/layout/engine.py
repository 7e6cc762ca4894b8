"""The layered layout of a model with nested systems (a compound graph), end to end.

Relations are laid out between the real elements, however deeply nested; a relation that
ends on a system that has members is attached to its first member. Steps, per connected
part of the model (parts are packed side by side at the end):

1. cycles broken and layers assigned on the elements (``layering``); elements without
   relations go to the least crowded layer their system spans;
2. long relations become chains of dummy points, one per layer crossed, held by the
   innermost system holding both ends; a system gets a filler in every layer it spans but
   has no member in, so it is an honest interval in every layer;
3. crossings minimised across the nesting (``ordering``);
4. positions across the flow (``coordinates``), then along it: each layer as thick as its
   thickest element, each gap between layers wide enough for the borders of the systems
   that start or end there, the widest relation label whose middle falls in it, and a
   track per relation passing (capped);
5. the drawing turned to the direction asked for; ``auto`` tries left-to-right and
   top-to-bottom and keeps the one that fits the target aspect ratio at the larger scale.
   When step 1 moved an external sink past the systems beside it (a layer of its own),
   the part is also laid out with its sinks kept beside them, and that drawing is kept
   when it fits the window clearly larger (``_variants``, ``_pick``).
"""

from __future__ import annotations

import math
from collections.abc import Callable

from archstudio.layout.collector import collector_paused
from archstudio.layout.geometry import GROUP_PADDING, GROUP_TITLE, Box, default_size
from archstudio.layout.isolated import place_isolated
from archstudio.layout.label_fit import labelled_extent
from archstudio.layout.labels import Measure, estimate_label
from archstudio.layout.layered_graph import layered_graph
from archstudio.layout.layering import greedy_sequence, layer_candidates
from archstudio.layout.ordering import LayeredGraph, minimise_crossings
from archstudio.layout.part_drawing import Part as _Part
from archstudio.layout.part_drawing import draw as _draw
from archstudio.layout.part_drawing import extent as _extent
from archstudio.layout.part_drawing import pack as _pack
from archstudio.layout.part_drawing import packed_size as _packed_size
from archstudio.layout.routes import Hints, packed, remember
from archstudio.layout.spans import clear_sibling_spans, shorten_system_spans
from archstudio.layout.wrapping import wrap_crowded_layers
from archstudio.model.elements import Model

DIRECTIONS = ("LR", "RL", "TB", "BT")
# The drawing a file opens with is first seen at Fit in the canvas of the window maximised
# on a 1920x1080 screen (1018 x 848 px with the default docks); an export without a window
# is the same drawing, so the picture on screen and the exported file agree.
DEFAULT_ASPECT = 1018 / 848
FULLY_ORDERED = 2  # layering candidates ordered with the full effort, the best first
PREFER_MARGIN = 1.03  # the other direction must fit 3 % larger to beat left-to-right
SHAPE_MARGIN = 1.05  # sinks kept beside the systems must fit 5 % larger to be drawn so
# Up to this many elements a model is also laid out with lines that enter a system running
# inside it (``_variants``): beyond, names at Fit are a few pixels whatever the layout,
# and a second layout would slow the open of a big file.
INSIDE_LEAVES = 150
# Above this many nodes (elements plus the dummy points of long relations) one compound
# graph costs too much in pure Python; then each system's members are laid out on their
# own and the system takes part in its parent's layout as one block (as ELK does when
# hierarchy is not included): faster, at the price of crossings across the nesting.
COMPOUND_BUDGET = 7000


class _OverBudget(Exception):
    """The compound graph would be too big to lay out in time."""


def layout_model(model: Model, direction: str = "LR", root: str | None = None,
                 aspect: float = DEFAULT_ASPECT, measure: Measure | None = None
                 ) -> dict[str, Box]:
    """Boxes for every element (or for ``root`` and everything in it) from scratch; the
    drawing's top-left corner is (0, 0)."""
    if direction not in (*DIRECTIONS, "auto"):
        raise ValueError(f"direction must be one of {', '.join(DIRECTIONS)} or auto, "
                         f"not {direction!r}")
    with collector_paused():
        return _layout(model, direction, root, aspect, measure or estimate_label)


def _layout(model: Model, direction: str, root: str | None, aspect: float,
            measure: Measure) -> dict[str, Box]:
    try:
        parts, direction = _chosen_parts(model, root, measure, direction, aspect)
    except _OverBudget:
        # Too big to read at Fit in any direction (names well under a pixel): auto keeps
        # left to right, where the router does best with long chains of blocks.
        return _by_level(model, "LR" if direction == "auto" else direction, root, aspect,
                         measure)
    if not parts:
        return {}
    hints: list[Hints] = []
    offsets: list[tuple[float, float]] = []
    boxes = _pack([_draw(part, direction, hints) for part in parts], aspect, offsets)
    remember(packed(hints, offsets))  # the plan of each relation, for the router
    return boxes


def trace(model: Model, aspect: float = DEFAULT_ASPECT) -> None:
    """Draw ``model`` in every direction (each shape of it ``_variants`` may keep) only to
    remember each drawing's plans for the router (``routes.hints_for`` asks, when boxes
    it is given match no drawing it knows)."""
    try:
        variants = _variants(model, None, estimate_label)
    except _OverBudget:
        return
    for parts, direction in ((p, d) for p in variants for d in DIRECTIONS):
        hints: list[Hints] = []
        offsets: list[tuple[float, float]] = []
        _pack([_draw(part, direction, hints) for part in parts], aspect, offsets)
        remember(packed(hints, offsets))


def ordering_crossings(model: Model, root: str | None = None,
                       measure: Measure | None = None) -> int:
    """The crossings of the orderings ``layout_model`` draws from, summed over its parts:
    straight segments between adjacent layers, dummy points of long relations included,
    before any routing (what ``ordering.minimise_crossings`` keeps)."""
    measure = measure or estimate_label
    try:
        parts, _ = _chosen_parts(model, root, measure, "auto", DEFAULT_ASPECT)
        return sum(part.crossings for part in parts)
    except _OverBudget:
        tally: list[int] = []
        _by_level(model, "LR", root, DEFAULT_ASPECT, measure, tally)
        return sum(tally)


def _better(size_of, aspect: float) -> str:
    """``LR`` or ``TB``: the one whose (width, height) fits a window of ``aspect`` at the
    larger scale; ``TB`` must win by ``PREFER_MARGIN``."""
    scales = {}
    for candidate in ("LR", "TB"):
        width, height = size_of(candidate)
        scales[candidate] = min(aspect / max(width, 1.0), 1.0 / max(height, 1.0))
    return "TB" if scales["TB"] > scales["LR"] * PREFER_MARGIN else "LR"


def _chosen_parts(model: Model, root: str | None, measure: Measure, direction: str,
                  aspect: float) -> tuple[list[_Part], str]:
    """The parts to draw and the direction (``auto`` resolved)."""
    return _pick(_variants(model, root, measure, direction, aspect), direction, aspect)


def _variants(model: Model, root: str | None, measure: Measure, direction: str = "auto",
              aspect: float = DEFAULT_ASPECT) -> list[list[_Part]]:
    """The parts as C4 draws them (external sinks past the systems beside them), and,
    when that moved a sink in a drawing of one connected part, the part with every sink
    kept beside those systems. A model of up to ``INSIDE_LEAVES`` elements is also laid
    out with the lines that enter a system running inside it (``layered_graph``); when that
    fits the window ``SHAPE_MARGIN`` larger than the drawing ``_pick`` keeps of the
    others, in the same direction, and its ordering crosses at most that much more
    (its crossings per unit of size at Fit no more), it comes first (and is kept: the
    others would have to fit larger still). Compared in one direction, so that it never
    turns a drawing: a wide drawing turned top to bottom for a few percent routes its
    fans worse."""
    parts = _build_parts(model, root, measure)
    variants = [parts]
    if len(parts) == 1 and parts[0].sinks_cleared:
        variants.append(_build_parts(model, root, measure, sinks=False))
    if 0 < sum(len(part.leaves) for part in parts) <= INSIDE_LEAVES:
        kept, chosen = _pick(variants, direction, aspect)
        scale = _fit_scale(kept, chosen, aspect)
        # screened with a quick ordering first: most models gain nothing from it
        if _fit_scale(_build_parts(model, root, measure, sinks=kept is parts, inside=True,
                                   effort=0.0), chosen, aspect) >= scale * SHAPE_MARGIN:
            inside = _build_parts(model, root, measure, sinks=kept is parts, inside=True)
            gain = _fit_scale(inside, chosen, aspect) / scale
            if gain >= SHAPE_MARGIN and sum(p.crossings for p in inside) <= math.ceil(
                    sum(p.crossings for p in kept) * gain):
                variants.insert(0, inside)
    return variants


def _fit_scale(parts: list[_Part], direction: str, aspect: float) -> float:
    """The scale at which the parts' drawing in ``direction`` fits a window of
    ``aspect`` (and height 1)."""
    width, height = _size(parts, direction, aspect)
    return min(aspect / max(width, 1.0), 1.0 / max(height, 1.0))


def _size(parts: list[_Part], direction: str, aspect: float, labelled: bool = False
          ) -> tuple[float, float]:
    """(width, height) of the parts' drawing in ``direction``: drawn, for a model of up to
    ``INSIDE_LEAVES`` elements (a few milliseconds), else estimated (``extent``: without
    placing anything across the flow, which takes a big model a while). The estimate's
    width is the narrowest the layers allow; a drawing is wider where elements line up
    with their neighbours, enough to choose the wrong direction or variant. With
    ``labelled`` each part is as large as its labels need beside their lines
    (``label_fit``): how directions are compared."""
    if sum(len(part.leaves) for part in parts) > INSIDE_LEAVES:
        sizes = [_extent(part, direction) for part in parts]
    else:
        sizes = []
        for part in parts:
            boxes = _draw(part, direction).values()
            sizes.append((max(box.right for box in boxes), max(box.bottom for box in boxes)))
    if labelled:
        sizes = [labelled_extent(part, direction, size) for part, size in zip(
            parts, sizes, strict=True)]
    return _packed_size(sizes, aspect)


def _pick(variants: list[list[_Part]], direction: str, aspect: float
          ) -> tuple[list[_Part], str]:
    """The variant (and the direction, for ``auto``) whose drawing fits a window of
    ``aspect`` at the largest scale; another than the first must win by ``SHAPE_MARGIN``
    (a layer for one external system is worth little, a readable drawing much), or fit
    at least as large with fewer crossings (its ordering's count: sinks moved past the
    systems beside them that cost no size can still cost their lines' crossings)."""
    if not variants[0]:  # nothing to draw
        return variants[0], "LR" if direction == "auto" else direction
    if len(variants) == 1 and direction != "auto":
        return variants[0], direction  # nothing to choose: no sizes to compare
    # (rank: the scale, a later variant's less the margin; the scale itself; ...)
    best: tuple[float, float, list[_Part], str, int] | None = None
    for index, parts in enumerate(variants):
        if direction == "auto":  # compare the sizes, then draw only the direction kept
            chosen = _better(lambda d, p=parts: _size(p, d, aspect, labelled=True), aspect)
        else:
            chosen = direction
        size = _size(parts, chosen, aspect)
        scale = min(aspect / max(size[0], 1.0), 1.0 / max(size[1], 1.0))
        crossings = sum(p.crossings for p in parts)
        if best is not None and scale >= best[1] and crossings < best[4]:
            # as large at Fit and fewer crossings: the margin buys nothing here
            best = (best[0], scale, parts, chosen, crossings)
            continue
        rank = scale / SHAPE_MARGIN if index else scale
        if best is None or rank > best[0]:
            best = (rank, scale, parts, chosen, crossings)
    assert best is not None
    return best[2], best[3]


# -- building the parts -----------------------------------------------------------------

def _scope(model: Model, root: str | None) -> list[str]:
    if root is None:
        return list(model.elements)
    prefix = root + "."
    return [q for q in model.elements if q == root or q.startswith(prefix)]


def _build_parts(model: Model, root: str | None, measure: Measure, sinks: bool = True,
                 inside: bool = False, effort: float = 1.0) -> list[_Part]:
    names = _scope(model, root)
    if not names:
        return []
    in_scope = set(names)
    elements = model.elements
    leaves = [q for q in names if not elements[q].children]
    leaf_index = {q: i for i, q in enumerate(leaves)}
    first_leaf: dict[str, int] = {}
    for qname in leaves:
        parent = elements[qname].parent
        while parent is not None and parent in in_scope:
            first_leaf.setdefault(parent, leaf_index[qname])
            parent = elements[parent].parent

    def unit(q: str) -> str:
        parent = elements[q].parent
        while parent is not None and parent in in_scope:
            q, parent = parent, elements[parent].parent
        return q

    edges: dict[tuple[int, int], tuple[float, float]] = {}
    beside: list[tuple[str, str, tuple[float, float]]] = []  # a system at one end
    for relation in model.relations:
        source, target = relation.source, relation.target
        if source not in in_scope or target not in in_scope or source == target:
            continue
        if target.startswith(source + ".") or source.startswith(target + "."):
            continue
        s = leaf_index.get(source, first_leaf.get(source))
        t = leaf_index.get(target, first_leaf.get(target))
        if s is None or t is None or s == t:
            continue
        label = measure(relation.label or "", relation.technology or "")
        _add_edge(edges, s, t, label)
        if label[0] and (source not in leaf_index or target not in leaf_index):
            beside.append((source, target, label))
    sizes = [default_size(elements[q]) for q in leaves]
    parts = _parts(model, leaves, sizes, edges, [unit(q) for q in leaves], in_scope,
                   _model_order(model), effort, sinks=sinks, inside=inside)
    for part in parts if beside else ():
        names = {*part.leaves, *part.systems}
        part.beside = [link for link in beside if link[0] in names and link[1] in names]
    return parts


def _model_order(model: Model) -> dict[str, int]:
    """Each element's index in the file, for first orders and ties; built once per
    layout and handed to every part (a part of a level-by-level layout is small, the
    model is not)."""
    return {q: i for i, q in enumerate(model.elements)}


def _add_edge(edges: dict[tuple[int, int], tuple[float, float]], source: int, target: int,
              label: tuple[float, float]) -> None:
    old = edges.get((source, target), (0.0, 0.0))
    edges[(source, target)] = (max(old[0], label[0]), max(old[1], label[1]))


def _parts(model: Model, leaves: list[str], sizes: list[tuple[float, float]],
           edges: dict[tuple[int, int], tuple[float, float]], units: list[str],
           in_scope: set[str] | None, model_order: dict[str, int], effort: float = 1.0,
           sinks: bool = True, inside: bool = False) -> list[_Part]:
    """Connected parts (through relations or a shared top-level system), each layered and
    ordered. ``in_scope`` None: the leaves are laid out flat, systems not looked into.
    ``effort`` scales the work spent on crossings (``ordering.minimise_crossings``)."""
    group = {q: i for i, q in enumerate(dict.fromkeys(units))}
    parent = list(range(len(group)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    leaf_group = [group[u] for u in units]
    for s, t in edges:
        a, b = find(leaf_group[s]), find(leaf_group[t])
        if a != b:
            parent[max(a, b)] = min(a, b)
    members: dict[int, list[int]] = {}
    for i, g in enumerate(leaf_group):
        members.setdefault(find(g), []).append(i)
    # each part's relations in one pass over all of them (not one pass per part)
    part_of = [0] * len(leaves)
    for root, part_leaves in members.items():
        for i in part_leaves:
            part_of[i] = root
    local = [0] * len(leaves)
    for part_leaves in members.values():
        for new, old in enumerate(part_leaves):
            local[old] = new
    edges_of: dict[int, dict[tuple[int, int], tuple[float, float]]] = {
        root: {} for root in members}
    for (s, t), size in edges.items():
        edges_of[part_of[s]][(local[s], local[t])] = size
    parts = []
    for root, part_leaves in members.items():
        parts.append(_layer_part(model, [leaves[i] for i in part_leaves],
                                 [sizes[i] for i in part_leaves], edges_of[root], in_scope,
                                 model_order, effort, sinks, inside))
    return parts


def _layer_part(model: Model, leaves: list[str], sizes: list[tuple[float, float]],
                edges: dict[tuple[int, int], tuple[float, float]],
                in_scope: set[str] | None, model_order: dict[str, int], effort: float,
                sinks: bool = True, inside: bool = False) -> _Part:
    elements = model.elements
    count = len(leaves)
    # Systems of this part, outermost first, in model order.
    system_names: list[str] = []
    seen: set[str] = set()
    paths_q: list[list[str]] = []
    for qname in leaves:
        chain: list[str] = []
        parent = elements[qname].parent
        while parent is not None and in_scope is not None and parent in in_scope:
            chain.append(parent)
            parent = elements[parent].parent
        chain.reverse()
        paths_q.append(chain)
        for system in chain:
            if system not in seen:
                seen.add(system)
                system_names.append(system)
    system_names.sort(key=lambda q: model_order[q])
    system_index = {q: i for i, q in enumerate(system_names)}
    system_parent = [system_index.get(elements[q].parent or "", -1) for q in system_names]
    paths = [tuple(system_index[s] for s in chain) for chain in paths_q]

    rank = [0] * count
    edge_list = list(edges)
    for position, node in enumerate(greedy_sequence(count, edge_list)):
        rank[node] = position
    oriented = [(s, t) if rank[s] < rank[t] else (t, s) for s, t in edge_list]
    candidates: list[_Part] = []
    cleared = False
    layering_of: list[int] = []  # per candidate: the layering it deals
    leaf_order = [model_order[q] for q in leaves]
    system_order = [model_order[q] for q in system_names]
    # A level-by-level layout (effort 0) is for speed: the balanced layering alone.
    for number, layering in enumerate(layer_candidates(count, oriented,
                                                       shortest=effort > 0.0)):
        shorten_system_spans(count, oriented, layering, paths)
        cleared |= clear_sibling_spans(count, oriented, layering, paths, sinks)
        place_isolated(count, oriented, layering, paths)
        for layer, wrapped in _deals(count, oriented, layering, paths, effort, lambda lay:
                                     layered_graph(edges, oriented, lay, paths,
                                                    system_parent, leaf_order, system_order,
                                                    inside=inside)):
            if in_scope is not None and count + sum(
                    layer[t] - layer[s] - 1 for s, t in oriented) > COMPOUND_BUDGET:
                raise _OverBudget
            chains: list[tuple[int, int, list[int]]] = []
            layering_of.append(number)
            candidates.append(_Part(
                layered_graph(edges, oriented, layer, paths, system_parent, leaf_order,
                               system_order, chains, wrapped, inside),
                leaves, sizes, system_names, [], [], -1,
                [(s, t, chain if a == s else chain[::-1])
                 for (s, t), (a, _, chain) in zip(edge_list, chains, strict=True)]))
    best = _fewest_crossings(candidates, effort, layering_of)
    best.sinks_cleared = cleared
    best.layer_of = [0] * len(best.graph.path)
    for index, nodes in enumerate(best.graph.layers):
        for node in nodes:
            best.layer_of[node] = index
    best.labels = _labels(edges, oriented, best.layer_of)
    return best


def _deals(count: int, oriented: list[tuple[int, int]], layer: list[int],
           paths: list[tuple[int, ...]], effort: float,
           unwrapped: Callable[[list[int]], LayeredGraph]
           ) -> list[tuple[list[int], list[range] | None]]:
    """The layering with its crowded layers wrapped (``wrapping``), each with the
    wrapped layers whose lines are held in the systems they cut (None: round them). A
    layer dealt out evenly is dealt in the order of the unwrapped layers (``unwrapped``
    builds their graph, ordered quickly here) and also as before (lines round the cut
    system): the ordering keeps the candidate with fewer crossings, since a quick order
    to deal by can miss what the full ordering of the plain deal finds."""
    plain = list(layer)
    asked: list[bool] = []

    def places() -> list[int]:
        asked.append(True)
        graph = unwrapped(plain)
        minimise_crossings(graph, effort=0.0)
        return graph.positions()

    wrapped = wrap_crowded_layers(count, oriented, layer, paths,
                                  places if effort > 0.0 else None)
    if not asked:
        return [(layer, None)]
    wrap_crowded_layers(count, oriented, plain, paths)
    return [(layer, wrapped), (plain, None)]


def _fewest_crossings(candidates: list[_Part], effort: float,
                      layering: list[int] | None = None) -> _Part:
    """The candidate (a layering) that orders with the fewest crossings, ordered: each is
    ordered quickly (one start), the best ``FULLY_ORDERED`` then again from their first
    orders with the full ``effort``, and the fewest kept (ties: the better quick count).
    A quick count ranks layerings only roughly: the one that starts behind can end
    ahead once both are ordered with the full effort. Candidates of one ``layering``
    (its crowded layers dealt two ways: ``_deals``) count as one: all of them go on
    (a quick count ranks the deals only roughly too)."""
    if len(candidates) == 1:
        only = candidates[0]
        only.crossings = minimise_crossings(only.graph, effort=effort)
        return only
    first_orders = []
    for part in candidates:
        first_orders.append(([list(nodes) for nodes in part.graph.layers],
                             list(part.graph.system_rank)))
        part.crossings = minimise_crossings(part.graph, effort=0.0)
    ranked = sorted(range(len(candidates)), key=lambda i: (candidates[i].crossings, i))
    layering = layering or list(range(len(candidates)))
    best_layerings = list(dict.fromkeys(layering[i] for i in ranked))[:FULLY_ORDERED]
    ranked = [i for i in ranked if layering[i] in best_layerings]
    if effort > 0.0:
        for index in ranked:
            part = candidates[index]
            screened = part.graph.layers, part.graph.system_rank
            part.graph.layers, part.graph.system_rank = first_orders[index]
            crossings = minimise_crossings(part.graph, effort=effort)
            if crossings > part.crossings:  # never worse than the quick ordering
                part.graph.layers, part.graph.system_rank = screened
            else:
                part.crossings = crossings
        # ties: the quick ordering's rank (stable sort)
        ranked = sorted(ranked, key=lambda i: candidates[i].crossings)
    return candidates[ranked[0]]


def _labels(edges: dict[tuple[int, int], tuple[float, float]],
            oriented: list[tuple[int, int]], layer_of: list[int]
            ) -> list[tuple[int, int, float, float]]:
    """(first layer, last layer, width, height) of each labelled relation."""
    labels = []
    for (label_w, label_h), (source, target) in zip(edges.values(), oriented, strict=True):
        if label_w:
            labels.append((layer_of[source], layer_of[target], label_w, label_h))
    return labels


def _by_level(model: Model, direction: str, root: str | None, aspect: float,
              measure: Measure, tally: list[int] | None = None) -> dict[str, Box]:
    """Level by level: each system's members laid out flat, the system then one block.
    ``tally`` collects each part's crossings."""
    lifted: dict[str | None, list[tuple[str, str, tuple[float, float]]]] = {}
    for relation in model.relations:
        source, target = relation.source, relation.target
        if source is None or target is None or source == target:
            continue
        s_parts, t_parts = source.split("."), target.split(".")
        common = 0
        while (common < len(s_parts) - 1 and common < len(t_parts) - 1
               and s_parts[common] == t_parts[common]):
            common += 1
        if s_parts[: common + 1] == t_parts[: common + 1]:
            continue  # one end holds the other
        level = ".".join(s_parts[:common]) if common else None
        label = measure(relation.label or "", relation.technology or "")
        lifted.setdefault(level, []).append(
            (".".join(s_parts[: common + 1]), ".".join(t_parts[: common + 1]), label))

    model_order = _model_order(model)

    def block(parent: str | None) -> dict[str, Box]:
        """Boxes of ``parent``'s subtree relative to its content corner."""
        children = model.children_of(parent)
        sizes: list[tuple[float, float]] = []
        inner: dict[str, dict[str, Box]] = {}
        for child in children:
            if child.children:
                sub = block(child.qname)
                inner[child.qname] = sub
                sizes.append((max(b.right for b in sub.values()) + 2 * GROUP_PADDING,
                              max(b.bottom for b in sub.values()) + 2 * GROUP_PADDING
                              + GROUP_TITLE))
            else:
                sizes.append(default_size(child))
        names = [c.qname for c in children]
        index = {q: i for i, q in enumerate(names)}
        edges: dict[tuple[int, int], tuple[float, float]] = {}
        for source, target, label in lifted.get(parent, ()):
            if source in index and target in index:
                _add_edge(edges, index[source], index[target], label)
        parts = _parts(model, names, sizes, edges, names, None, model_order, effort=0.0)
        if tally is not None:
            tally.extend(part.crossings for part in parts)
        placed = _pack([_draw(part, direction) for part in parts], aspect)
        boxes: dict[str, Box] = {}
        for qname, box in placed.items():
            boxes[qname] = box
            for name, sub_box in inner.get(qname, {}).items():
                boxes[name] = sub_box.shifted(box.x + GROUP_PADDING,
                                              box.y + GROUP_PADDING + GROUP_TITLE)
        return boxes

    if root is None:
        return block(None)
    if not model.elements[root].children:
        width, height = default_size(model.elements[root])
        return {root: Box(0.0, 0.0, width, height)}
    sub = block(root)
    boxes = {name: box.shifted(GROUP_PADDING, GROUP_PADDING + GROUP_TITLE)
             for name, box in sub.items()}
    boxes[root] = Box(0.0, 0.0, max(b.right for b in sub.values()) + 2 * GROUP_PADDING,
                      max(b.bottom for b in sub.values()) + 2 * GROUP_PADDING + GROUP_TITLE)
    return boxes
