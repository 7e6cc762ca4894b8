"""Placement that survives edits: keep every known position, place only what is new.

Three kinds of element meet here:

* pinned: a position in the file's ``layout`` section (kept exactly), or a box the canvas
  showed before (``previous``: automatically placed elements must not jump while the
  person types);
* systems that hold pinned elements: sized around them (padding and a title band), and
  at least as big as a size the file gives them, or else as the box automatic placement
  gave them (a drag inside a system moves nothing else; one dragged over its edge grows
  it, and undoing the drag gives the old box back);
* new: everything else. A new system with nothing pinned inside is laid out as a block
  by :func:`arrange_group`; then each new block or element is put near its related
  neighbours, inside its system, on the free spot that needs the least growth.

When nothing is new, this is one pass over the elements (a few milliseconds for
thousands); otherwise the cost grows with what is new, thanks to a spatial index.
"""

from __future__ import annotations

from archstudio.layout.auto import MIN_GROUP_SIZE, arrange_group, auto_arrange
from archstudio.layout.geometry import (
    DEFAULT_SIZES,
    FALLBACK_SIZE,
    GROUP_PADDING,
    GROUP_TITLE,
    Box,
    bounding_box,
    default_size,
    is_ancestor,
    union,
)
from archstudio.layout.placement import SpatialIndex, best_spot, edge_spots, search_spot
from archstudio.model.elements import Model
from archstudio.model.kinds import ELEMENT_KINDS

__all__ = ["arrange", "auto_arrange", "rearranged", "refit_systems"]

PLACE_GAP = 20.0  # free space kept around a newly placed element or a grown system
FLOW_GAP = 80.0  # distance from a related neighbour, along the arrow
GROUP_KINDS = frozenset(name for name, kind in ELEMENT_KINDS.items() if kind.is_group)
GROWTH_COST = 150.0  # a spot that makes a system grow counts as this much farther away


def padded(box: Box) -> Box:
    """The part of a system that a child at ``box`` needs: padding and the title band."""
    return Box(box.x - GROUP_PADDING, box.y - GROUP_PADDING - GROUP_TITLE,
               box.width + 2 * GROUP_PADDING, box.height + 2 * GROUP_PADDING + GROUP_TITLE)


def _fit_group(base: Box | None, children: list[Box]) -> Box | None:
    if not children:
        return base
    content = padded(bounding_box(children))
    if base is not None:
        return union(base, content)
    return content  # sized around its members, as the layered layout draws it


def arrange(model: Model, previous: dict[str, Box] | None = None) -> dict[str, Box]:
    """A box for every element: pinned ones where they are, new ones near their neighbours."""
    previous = previous or {}
    elements, layout = model.elements, model.layout
    if not layout and not previous:
        return auto_arrange(model)  # nothing to keep: the layered layout, in one go
    boxes: dict[str, Box] = {}
    pinned_origin: set[str] = set()  # systems whose top-left corner must not move
    whole: dict[str, Box] | None = None  # auto-arrange's drawing, for new systems' blocks
    sizes = DEFAULT_SIZES
    # Children come after their parent in the model, so reversed order sees them first.
    for qname in reversed(elements):
        element = elements[qname]
        entry = layout.get(qname)
        if element.kind in GROUP_KINDS:
            inner = [boxes[c] for c in element.children if c in boxes]
            base = None
            if entry is not None:
                base = Box(entry.x, entry.y, entry.width or MIN_GROUP_SIZE[0],
                           entry.height or MIN_GROUP_SIZE[1])
            elif not inner and qname in previous and not element.children:
                # (A system shown before whose members are all new is placed as a new
                # block: its fresh layout may not fit where the old one was.)
                seen = previous[qname]
                base = Box(seen.x, seen.y, *MIN_GROUP_SIZE)
            elif inner and qname in previous:
                # Shown before: its box is the least it keeps (the layout's own margins
                # stay; a system never jumps while nothing inside it left that box).
                boxes[qname] = _fit_group(previous[qname], inner)
                continue
            if base is not None and not inner and element.children:
                # Pinned, but everything inside is new: lay it out whole.
                whole = whole if whole is not None else auto_arrange(model)
                block = arrange_group(model, qname, whole)
                for name, box in block.items():
                    boxes[name] = box.shifted(base.x, base.y)
                inner = [boxes[c] for c in element.children]
            fitted = _fit_group(base, inner)
            if fitted is not None:
                boxes[qname] = fitted
                if base is not None:
                    pinned_origin.add(qname)
            continue
        if entry is not None:
            width, height = default_size(element)
            boxes[qname] = Box(entry.x, entry.y, entry.width or width, entry.height or height)
        else:
            seen = previous.get(qname)
            if seen is not None:
                size = sizes.get(element.kind, FALLBACK_SIZE)
                same = seen.width == size[0] and seen.height == size[1]
                boxes[qname] = seen if same else Box(seen.x, seen.y, *size)
    new_items = [
        q for q, e in elements.items()
        if q not in boxes and (e.parent is None or e.parent in boxes)
    ]
    if new_items:
        # Greedy placement can paint itself into a corner when pins leave exact holes;
        # then biggest-first (the bin-packing rule) usually fits everything.
        best: _Placer | None = None
        for biggest_first in (False, True):
            placer = _Placer(model, dict(boxes), pinned_origin)
            placer.place(new_items, biggest_first)
            if best is None or placer.forced < best.forced:
                best = placer
            if not best.forced:
                break
        return best.boxes
    return boxes


def refit_systems(model: Model, boxes: dict[str, Box], moved: list[str],
                  given: frozenset[str] | set[str] = frozenset(),
                  floors: dict[str, Box] | None = None) -> dict[str, Box]:
    """``boxes`` with the systems holding the ``moved`` elements (and moved systems
    themselves) sized again around their members, innermost first, as :func:`arrange`
    sizes them (a system without a size in the file never smaller than its box in
    ``floors``, what automatic placement gave it); the ``given`` ones keep the box they
    have in ``boxes``. Where a drop would leave the diagram, worked out before the drop,
    or after a drag from the last boxes (:func:`rearranged`)."""
    floors = floors or {}
    elements, layout = model.elements, model.layout
    holders: set[str] = set()
    for qname in moved:
        element = elements.get(qname)
        if element is None:
            continue
        if element.children:
            holders.add(qname)
        parent = element.parent
        while parent is not None and parent not in holders:
            holders.add(parent)
            parent = elements[parent].parent
    out = dict(boxes)
    for qname in sorted(holders - set(given), key=lambda q: -q.count(".")):
        entry = layout.get(qname)
        base = floors.get(qname) if entry is None else Box(entry.x, entry.y,
                                                           entry.width or MIN_GROUP_SIZE[0],
                                                           entry.height or MIN_GROUP_SIZE[1])
        fitted = _fit_group(base, [out[c] for c in elements[qname].children if c in out])
        if fitted is not None:
            out[qname] = fitted
    return out


def rearranged(model: Model, before: Model, boxes: dict[str, Box],
               previous: dict[str, Box]) -> dict[str, Box] | None:
    """``arrange(model, previous)``, worked out from ``boxes`` (what arrange gave
    ``before``) in proportion to the change, when the two models have the very same
    elements and differ only in layout entries (a drag, a resize, an undo of one).
    None when anything else changed or something would be placed anew: arrange whole."""
    elements = model.elements
    if len(elements) != len(before.elements) or len(boxes) != len(elements) or any(
            before.elements.get(q) is not e for q, e in elements.items()):
        return None
    old, new = before.layout, model.layout
    changed = [q for q, e in new.items() if _numbers(old.get(q)) != _numbers(e)]
    changed += [q for q in old.keys() - new.keys()]
    out = dict(boxes)
    for qname in changed:
        element = elements.get(qname)
        if element is None:
            if qname in old and qname not in new:
                continue  # an entry of no element went: nothing was placed by it
            return None
        if element.kind in GROUP_KINDS:
            if not element.children:
                return None  # an empty system's own rules: arrange decides
            continue  # sized with its members below
        entry = new.get(qname)
        if entry is not None:
            width, height = default_size(element)
            out[qname] = Box(entry.x, entry.y, entry.width or width, entry.height or height)
            continue
        seen = previous.get(qname)
        if seen is None:
            return None  # placed anew
        size = DEFAULT_SIZES.get(element.kind, FALLBACK_SIZE)
        out[qname] = seen if (seen.width, seen.height) == tuple(size) \
            else Box(seen.x, seen.y, *size)
    return refit_systems(model, out, changed, floors=previous)


def _numbers(entry) -> tuple | None:
    return None if entry is None else (entry.x, entry.y, entry.width, entry.height)


class _Placer:
    """Places new elements and new blocks one at a time into a growing set of boxes."""

    def __init__(self, model: Model, boxes: dict[str, Box], pinned_origin: set[str]) -> None:
        self.model = model
        self.boxes = boxes
        self.pinned_origin = pinned_origin
        self.index = SpatialIndex()
        self.forced = 0  # items that found no free spot (a pinned neighbour was in the way)
        for qname, box in boxes.items():
            self.index.put(qname, box)

    def place(self, items: list[str], biggest_first: bool = False) -> None:
        elements = self.model.elements
        blocks: dict[str, dict[str, Box]] = {}
        if any(elements[q].is_group for q in items):
            whole = auto_arrange(self.model)
            for qname in items:
                if elements[qname].is_group:
                    blocks[qname] = arrange_group(self.model, qname, whole)
        links = self._links(items)
        loose_spot = self._loose_spot()
        sizes = {item: (blocks[item][item].width, blocks[item][item].height) if item in blocks
                 else default_size(elements[item]) for item in items}
        order = self._order(items, links)
        if biggest_first:
            order.sort(key=lambda item: (-item.count("."), -sizes[item][0] * sizes[item][1]))
        for item in order:
            block = blocks.get(item)
            size = sizes[item]
            spot = self._find_spot(item, size, links[item], loose_spot)
            if block:
                for name, box in block.items():
                    self.boxes[name] = box.shifted(spot.x, spot.y)
            else:
                self.boxes[item] = spot
            self.index.put(item, spot)
            self._grow_systems(item, spot)

    # -- who is related to whom ------------------------------------------------------
    def _links(self, items: list[str]) -> dict[str, list[tuple[str, bool]]]:
        """For each new item: (other element, whether the item is the relation's target)."""
        elements = self.model.elements
        item_of: dict[str, str] = {}
        item_set = set(items)
        for qname, element in elements.items():
            if qname in item_set:
                item_of[qname] = qname
            elif qname not in self.boxes and element.parent in item_of:
                item_of[qname] = item_of[element.parent]
        links: dict[str, list[tuple[str, bool]]] = {item: [] for item in items}
        for relation in self.model.relations:
            source, target = relation.source, relation.target
            if source is None or target is None:
                continue
            s_item, t_item = item_of.get(source), item_of.get(target)
            if s_item is not None and s_item != t_item and not is_ancestor(target, s_item):
                links[s_item].append((target, False))
            if t_item is not None and t_item != s_item and not is_ancestor(source, t_item):
                links[t_item].append((source, True))
        return links

    def _order(self, items: list[str], links: dict[str, list[tuple[str, bool]]]) -> list[str]:
        """Deepest first, so systems reach their size before their neighbours are placed;
        at each depth, members of systems with a pinned corner first, and then items next
        to placed elements first, then outwards (breadth first)."""
        ordered: list[str] = []
        done: set[str] = set()
        queue = [i for i in items if any(other in self.boxes for other, _ in links[i])]
        for seed in [*queue, *items]:
            if seed in done:
                continue
            frontier = [seed]
            done.add(seed)
            while frontier:
                current = frontier.pop(0)
                ordered.append(current)
                for other, _ in links[current]:
                    owner = self._owning_item(other)
                    if owner is not None and owner not in done:
                        done.add(owner)
                        frontier.append(owner)
        # Members of a system whose corner is pinned go first at their depth: that system
        # can only grow right and down, so its room must not be taken by the growth of
        # a free system placed before it.
        elements = self.model.elements
        return sorted(ordered, key=lambda item: (
            -item.count("."), elements[item].parent not in self.pinned_origin))

    def _owning_item(self, qname: str) -> str | None:
        """The new item (element or block) that holds ``qname``; None once placed."""
        if qname in self.boxes:
            return None
        parts = qname.split(".")
        for cut in range(1, len(parts) + 1):
            candidate = ".".join(parts[:cut])
            if candidate not in self.boxes and candidate in self.model.elements:
                return candidate
        return None

    # -- where it goes ---------------------------------------------------------------
    def _loose_spot(self) -> tuple[float, float]:
        """Where unrelated new top-level elements gather: right of the whole drawing."""
        top_level = [b for q, b in self.boxes.items() if "." not in q]
        if not top_level:
            return (0.0, 0.0)
        whole = bounding_box(top_level)
        return (whole.right + 2 * FLOW_GAP, whole.y)

    def _ideal(self, item: str, size: tuple[float, float], links: list[tuple[str, bool]],
               loose_spot: tuple[float, float]) -> tuple[float, float]:
        width, height = size
        parent = self.model.elements[item].parent
        placed = [(o, t) for o, t in links if o in self.boxes]
        if parent is not None:  # neighbours in the same system pull hardest
            placed = [(o, t) for o, t in placed if is_ancestor(parent, o)] or placed
        if placed:
            xs = [self.boxes[o].right + FLOW_GAP if t else self.boxes[o].x - FLOW_GAP - width
                  for o, t in placed]
            ys = [self.boxes[o].center[1] - height / 2 for o, _ in placed]
            x, y = sum(xs) / len(xs), sum(ys) / len(ys)
        elif parent is None:
            x, y = loose_spot
        else:
            system = self.boxes[parent]
            x, y = system.x + GROUP_PADDING, system.y + GROUP_PADDING + GROUP_TITLE
        if parent is not None:  # far-away neighbours must not drag it out of its system
            system = self.boxes[parent]
            x = min(max(x, system.x + GROUP_PADDING), system.right - GROUP_PADDING)
            y = min(max(y, system.y + GROUP_PADDING + GROUP_TITLE),
                    system.bottom - GROUP_PADDING)
        return (round(x / 10) * 10, round(y / 10) * 10)

    def _find_spot(self, item: str, size: tuple[float, float],
                   links: list[tuple[str, bool]], loose_spot: tuple[float, float]) -> Box:
        ideal = self._ideal(item, size, links, loose_spot)
        accept = self._acceptor(item)
        parent = self.model.elements[item].parent
        container = self.boxes[parent] if parent is not None else None
        spot = best_spot(edge_spots(self.index, ideal, size, PLACE_GAP, container), ideal, size,
                         accept)
        if spot is None:
            spot = search_spot(ideal, size, accept)
        if spot is None and parent is not None:  # anywhere in its system, holes included
            system = self.boxes[parent]
            reach = max(system.width, system.height) / 2 + max(size)
            spot = search_spot((system.center[0] - size[0] / 2, system.center[1] - size[1] / 2),
                               size, accept, radius_steps=min(150, int(reach / 20) + 1))
        if spot is None:  # crowded: look farther, in coarser steps
            spot = search_spot(ideal, size, accept, radius_steps=30, step=160.0)
        if spot is None:
            self.forced += 1
            spot = self._last_resort(item, size)
        return spot

    def _acceptor(self, item: str):
        parent = self.model.elements[item].parent
        index, boxes = self.index, self.boxes

        def accept(box: Box) -> float | None:
            if parent is not None and parent in self.pinned_origin:
                system = boxes[parent]
                if box.x < system.x + GROUP_PADDING or \
                        box.y < system.y + GROUP_PADDING + GROUP_TITLE:
                    return None
            if index.collides(item, box, PLACE_GAP):
                return None
            cost = 0.0
            child, system_name = box, parent
            while system_name is not None:
                system = boxes[system_name]
                needed = padded(child)
                if system.contains_box(needed):
                    break
                grown = union(system, needed)
                if system_name in self.pinned_origin and (grown.x, grown.y) != (system.x,
                                                                               system.y):
                    return None
                if index.collides(system_name, grown, PLACE_GAP):
                    return None
                cost += GROWTH_COST + (grown.width * grown.height
                                       - system.width * system.height) / 2000
                child, system_name = grown, self.model.elements[system_name].parent
            return cost

        return accept

    def _last_resort(self, item: str, size: tuple[float, float]) -> Box:
        """No free spot nearby: below everything else in the system (which then grows,
        and may touch a pinned neighbour: nothing pinned is ever moved)."""
        parent = self.model.elements[item].parent
        siblings = [self.boxes[c] for c in
                    (self.model.elements[parent].children if parent else
                     [e.qname for e in self.model.top_level()]) if c in self.boxes]
        if parent is None:
            whole = bounding_box(siblings) if siblings else Box(0, 0, 0, 0)
            return Box(whole.x, whole.bottom + 2 * FLOW_GAP, *size)
        system = self.boxes[parent]
        bottom = max((b.bottom for b in siblings), default=system.y + GROUP_TITLE)
        return Box(system.x + GROUP_PADDING, bottom + PLACE_GAP, *size)

    def _grow_systems(self, item: str, box: Box) -> None:
        child, system_name = box, self.model.elements[item].parent
        while system_name is not None:
            system = self.boxes[system_name]
            needed = padded(child)
            if system.contains_box(needed):
                return
            grown = union(system, needed)
            self.boxes[system_name] = grown
            self.index.put(system_name, grown)
            child, system_name = grown, self.model.elements[system_name].parent
