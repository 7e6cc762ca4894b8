"""Auto-arrange: a fresh layered layout of a whole model, systems kept together as groups.

Each system's children are laid out first (recursively), which fixes the system's size;
then the system takes part in its parent's layout as one meta-node, with every relation
that crosses its border lifted to it. So groups stay compact, igraph's Sugiyama layout only
ever sees one level at a time (small graphs, fast), and the whole is deterministic.
"""

from __future__ import annotations

from archstudio.layout.geometry import GROUP_PADDING, GROUP_TITLE, Box, default_size
from archstudio.layout.layered import layered_layout
from archstudio.model.elements import Model

MIN_GROUP_SIZE = (260.0, 160.0)


def auto_arrange(model: Model, direction: str = "LR") -> dict[str, Box]:
    """Lay out every element from scratch, ignoring the file's positions."""
    return _layout_children(model, None, lift_relations(model), direction)


def arrange_group(model: Model, qname: str, direction: str = "LR",
                  lifted: dict[str | None, list[tuple[str, str]]] | None = None,
                  ) -> dict[str, Box]:
    """A fresh layout of one system and everything in it, the system's box at (0, 0)."""
    if lifted is None:
        lifted = lift_relations(model)
    inner = _layout_children(model, qname, lifted, direction)
    width, height = group_size(inner)
    boxes = {qname: Box(0.0, 0.0, width, height)}
    dx, dy = GROUP_PADDING, GROUP_PADDING + GROUP_TITLE
    for name, box in inner.items():
        boxes[name] = box.shifted(dx, dy)
    return boxes


def group_size(inner: dict[str, Box]) -> tuple[float, float]:
    """Size of a system whose content (relative to its content corner) is ``inner``."""
    content_w = max((b.right for b in inner.values()), default=0.0)
    content_h = max((b.bottom for b in inner.values()), default=0.0)
    return (
        max(MIN_GROUP_SIZE[0], content_w + 2 * GROUP_PADDING),
        max(MIN_GROUP_SIZE[1], content_h + 2 * GROUP_PADDING + GROUP_TITLE),
    )


def lift_relations(model: Model) -> dict[str | None, list[tuple[str, str]]]:
    """For each system (None: the top level), its relations lifted to its direct children.

    A relation between ``A.x.y`` and ``B.z`` becomes ``A -> B`` at the top level and is
    seen nowhere deeper; one between two children of ``A.x`` stays at ``A.x``.
    """
    out: dict[str | None, list[tuple[str, str]]] = {}
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
            continue  # one end holds the other: drawn inside, no layering constraint
        level = ".".join(s_parts[:common]) if common else None
        s_rep = ".".join(s_parts[: common + 1])
        t_rep = ".".join(t_parts[: common + 1])
        out.setdefault(level, []).append((s_rep, t_rep))
    return out


def _layout_children(
    model: Model,
    parent: str | None,
    lifted: dict[str | None, list[tuple[str, str]]],
    direction: str,
) -> dict[str, Box]:
    """Boxes of ``parent``'s whole subtree, relative to the parent's content corner."""
    children = model.children_of(parent)
    sizes: list[tuple[float, float]] = []
    inner_of: dict[str, dict[str, Box]] = {}
    for child in children:
        if child.is_group:
            inner = _layout_children(model, child.qname, lifted, direction)
            inner_of[child.qname] = inner
            sizes.append(group_size(inner))
        else:
            sizes.append(default_size(child))
    index = {child.qname: i for i, child in enumerate(children)}
    edges = [
        (index[s], index[t]) for s, t in lifted.get(parent, ()) if s in index and t in index
    ]
    placement = layered_layout(sizes, edges, direction)
    boxes: dict[str, Box] = {}
    for child, (x, y), (w, h) in zip(children, placement.positions, sizes, strict=True):
        boxes[child.qname] = Box(x, y, w, h)
        inner = inner_of.get(child.qname)
        if inner:
            dx, dy = x + GROUP_PADDING, y + GROUP_PADDING + GROUP_TITLE
            for name, box in inner.items():
                boxes[name] = box.shifted(dx, dy)
    return boxes
