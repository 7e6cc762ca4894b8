"""Which relation items may need a new face after the scene's drawing changed.

After a move most relations keep the very same route and label objects, so only those
whose route or label is another object than their items were last given are looked at;
anything else (other relations, items hidden) means all of them. This keeps showing a
drawing in proportion to what changed.
"""

from __future__ import annotations

from operator import is_

from archstudio.model import Relation
from archstudio.render.drawing import Drawing, Link

# (routes, labels, relations) the relation items were last brought up to date with
Shown = tuple[dict, dict, list[Relation]]


def lines_to_look_at(shown: Shown | None, relations: list[Relation], links: list[Link],
                     item_count: int, drawing: Drawing, numbered: set[str]
                     ) -> tuple[list[tuple[Relation, Link]], Shown | None]:
    """(relation, link) pairs whose item may need a new face, and what is then shown:
    all pairs (and None: look at every relation next time), or after a move (the very
    same relations, one item each) only those whose route or label changed object and
    the ``numbered`` ones (labels drawn as markers now or before)."""
    if shown is None or len(shown[2]) != len(relations) or len(relations) != item_count \
            or not all(map(is_, relations, shown[2])):
        return list(zip(relations, links, strict=True)), None
    routes, labels, was_routes, was_labels = (drawing.routes, drawing.labels,
                                              shown[0], shown[1])
    keys = {k for k, points in routes.items() if was_routes.get(k) is not points}
    keys.update(k for k, box in labels.items() if was_labels.get(k) is not box)
    keys.update(was_labels.keys() - labels.keys())
    keys.update(numbered)
    positions = {k: i for i, (k, _, _) in enumerate(links)}
    return [(relations[i], links[i]) for i in sorted(positions[k] for k in keys
                                                     if k in positions)], (
        shown[0], shown[1], relations)
