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

from archstudio.layout.geometry import Box
from archstudio.model.elements import Element, Relation
from archstudio.render.labels import LabelSize
from archstudio.render.scope import Shape


class RoutingMemo:
    """Shapes by element and label sizes by relation, for one theme."""

    def __init__(self) -> None:
        self._shapes: dict[str, tuple[Shape, Element]] = {}
        self._sizes: dict[str, tuple[Relation, LabelSize | None]] = {}
        self._theme: object = None

    def for_theme(self, theme: object) -> RoutingMemo:
        """This memo, emptied when the theme changed (sizes are measured in its fonts)."""
        if theme is not self._theme:
            self._theme = theme
            self._shapes.clear()
            self._sizes.clear()
        return self

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
