"""Names on hover where the drawing is too small to show them.

Zoomed out (to fit a large diagram, say) names and relation labels are under ~5 px and
are not drawn. Hovering a shape or a line then gives its name, kind and technology (or
a relation's ends and label) as a tooltip, so the overview can still be read without
zooming in. At a zoom where the text is drawn the tooltip stays away: it would only
repeat what is on screen, except on a label drawn without its technology (a crowded spot
took its shorter shape): hovering it or its line gives the whole text. The tooltip is set
on the hovered item alone, when hovered, so opening a large file sets none. The items
under the mouse are looked up once per move for this and the relation's trace
(:class:`Hover`).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QGraphicsItem

from archstudio.canvas.gestures.hover_trace import HoverTrace
from archstudio.canvas.interactions import Interaction
from archstudio.canvas.items import ElementItem, RelationItem, RelationLabel
from archstudio.render.edge_face import LABEL_LOD as RELATION_LABEL_LOD
from archstudio.render.element_face import LABEL_LOD as NAME_LOD
from archstudio.render.element_face import detail_of

if TYPE_CHECKING:
    from archstudio.canvas.view import DiagramView
    from archstudio.model import Model, Relation


class Hover(Interaction):
    """Never consumes an event: sets the hovered item's tooltip and traces the relation
    under the mouse, from one look-up of the items there."""

    def __init__(self, trace: HoverTrace) -> None:
        self.trace = trace
        # the relations of the model last asked about, by key (a new list: a new model)
        self._relations: tuple[list[Relation], dict[str, Relation]] | None = None

    def mouse_move(self, view: DiagramView, event: QMouseEvent) -> bool:
        point = event.position().toPoint()
        items = view.items(point)
        self.name(view, items)
        self.trace.follow(view, event, point, items)
        return False

    def name(self, view: DiagramView, items: list[QGraphicsItem]) -> None:
        item = next((i for i in items
                     if isinstance(i, ElementItem | RelationItem | RelationLabel)), None)
        if item is not None:
            item.setToolTip(self.tooltip_of(view, item))

    def tooltip_of(self, view: DiagramView,
                   item: ElementItem | RelationItem | RelationLabel) -> str:
        """The tooltip ``item`` should have at the view's zoom: empty while its text is
        drawn (a label, or its relation's line, tells what its shorter shape left out)."""
        model = view.diagram_scene.model
        if model is None:
            return ""
        if isinstance(item, RelationLabel):
            item = item.relation
        return _tooltip(model, view.zoom(), item, self._relation)

    def _relation(self, model: Model, key: str) -> Relation | None:
        """``model``'s relation with ``key`` (the first, as the model lists them), from a
        key map made once per model instead of a scan on every mouse move."""
        if self._relations is None or self._relations[0] is not model.relations:
            by_key: dict[str, Relation] = {}
            for relation in model.relations:
                by_key.setdefault(relation.key, relation)
            self._relations = (model.relations, by_key)
        return self._relations[1].get(key)


def _tooltip(model: Model, zoom: float, item: ElementItem | RelationItem,
             relation_of: Callable[[Model, str], Relation | None]) -> str:
    if isinstance(item, ElementItem):
        element = model.elements.get(item.qname)
        if element is None or zoom >= NAME_LOD:
            return ""
        return _rich(element.display_name, detail_of(element))
    if zoom >= RELATION_LABEL_LOD and not item.face.shortened:
        return ""
    relation = relation_of(model, item.key)
    if relation is None:
        return ""
    ends = f"{_name(model, relation.source)} → {_name(model, relation.target)}"
    said = " ".join(t for t in (relation.label, relation.technology and
                                f"[{relation.technology}]") if t)
    return _rich(ends, said)


def _name(model, qname: str | None) -> str:
    element = model.elements.get(qname) if qname else None
    return element.display_name if element is not None else (qname or "?")


def _rich(first: str, second: str) -> str:
    """Text from the file, escaped: a name like ``<b>`` shows as typed."""
    text = f"<b>{html.escape(first)}</b>"
    if second:
        text += f"<br>{html.escape(second)}"
    return f"<qt>{text}</qt>"
