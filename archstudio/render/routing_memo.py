"""What the router is given for a diagram, kept from one change to the next.

After a drag or a keystroke most elements keep their box and most relations are the
very objects the incremental parser shared with the previous model. Remembering the
router's :class:`Shape` of each element (while its box and nesting stay) and the label
size of each relation (while it is the same object) means the next
:func:`routing_inputs` hands over the same objects: comparing the inputs with the last
drawing's (``Drawing.update``) is then mostly identity checks, not a comparison and a
text measurement per element and relation of the diagram.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import is_

from archstudio.layout.geometry import Box
from archstudio.model.elements import Element, Model, Relation
from archstudio.render.labels import LabelSize
from archstudio.render.scope import Shape


class RoutingMemo:
    """Shapes by element and label sizes by relation, for one theme."""

    def __init__(self) -> None:
        self._shapes: dict[str, tuple[Shape, Element]] = {}
        self._sizes: dict[str, tuple[Relation, LabelSize | None]] = {}
        self._theme: object = None
        # the whole inputs last handed out: (relations of the model, elements, boxes,
        # relations drawn, shapes, links, label sizes)
        self._last: tuple | None = None

    def for_theme(self, theme: object) -> RoutingMemo:
        """This memo, emptied when the theme changed (sizes are measured in its fonts)."""
        if theme is not self._theme:
            self._theme = theme
            self._shapes.clear()
            self._sizes.clear()
            self._last = None
        return self

    def only_moved(self, model: Model, boxes: dict[str, Box]) -> list[str] | None:
        """The elements whose box changed, when that is all that changed since the last
        inputs (the very same relation and element objects, the same names boxed: a
        drag); None when anything else did. Comparisons, no measuring or building."""
        last = self._last
        if last is None:
            return None
        relations, elements, was = last[0], last[1], last[2]
        now = model.relations
        if len(now) != len(relations) or not all(map(is_, now, relations)):
            return None
        if len(model.elements) != len(elements) or boxes.keys() != was.keys() or any(
                elements.get(q) is not e for q, e in model.elements.items()):
            return None
        return [q for q, b in boxes.items() if was[q] is not b and was[q] != b]

    def last_inputs(self) -> tuple[list, dict, list, dict]:
        """Copies of the relations, shapes, links and label sizes last handed out."""
        assert self._last is not None
        _, _, _, relations, shapes, links, sizes = self._last
        return list(relations), dict(shapes), list(links), dict(sizes)

    def remember(self, model: Model, boxes: dict[str, Box], relations: list, shapes: dict,
                 links: list, sizes: dict) -> None:
        """The inputs just handed out for ``model`` in ``boxes``."""
        self._last = (list(model.relations), dict(model.elements), dict(boxes), relations,
                      shapes, links, sizes)

    def shape(self, qname: str, element: Element, box: Box, parent: str | None,
              title_of: Callable[[Element], float]) -> Shape:
        """The router's shape of an element (``title_of``: a system's tab width), the
        same object while the element, its box and its holder are."""
        kept = self._shapes.get(qname)
        if kept is not None:
            shape, was = kept
            if was is element and shape.box is box and shape.parent == parent:
                return shape
        shape = Shape(box, parent, True, title_of(element)) if element.is_group \
            else Shape(box, parent, False)
        self._shapes[qname] = (shape, element)
        return shape

    def label_size(self, relation: Relation, measure: Callable[[Relation], LabelSize | None]
                   ) -> LabelSize | None:
        """``measure(relation)``, measured again only for another relation object."""
        key = relation.key
        kept = self._sizes.get(key)
        if kept is not None and kept[0] is relation:
            return kept[1]
        size = measure(relation)
        self._sizes[key] = (relation, size)
        return size

    def trim(self, elements: int, relations: int) -> None:
        """Forget everything once it holds far more than the diagram shown (``elements``
        and ``relations``): names gone by renames and deletions are not kept for ever."""
        if len(self._shapes) > 2 * elements + 64 or len(self._sizes) > 2 * relations + 64:
            self._shapes.clear()
            self._sizes.clear()
