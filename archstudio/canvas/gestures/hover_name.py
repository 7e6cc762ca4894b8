"""Names on hover where the drawing is too small to show them.

Zoomed out (to fit a large diagram, say) names and relation labels are under ~5 px and
are not drawn. Hovering a shape or a line then gives its name, kind and technology (or
a relation's ends and label) as a tooltip, so the overview can still be read without
zooming in. At a zoom where the text is drawn the tooltip stays away: it would only
repeat what is on screen. The tooltip is set on the hovered item alone, when hovered,
so opening a large file sets none.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtGui import QMouseEvent

from archstudio.canvas.interactions import Interaction
from archstudio.canvas.items import ElementItem, RelationItem
from archstudio.render.edge_face import LABEL_LOD as RELATION_LABEL_LOD
from archstudio.render.element_face import LABEL_LOD as NAME_LOD
from archstudio.render.element_face import detail_of

if TYPE_CHECKING:
    from archstudio.canvas.view import DiagramView


class HoverName(Interaction):
    """Never consumes an event: it only sets the hovered item's tooltip."""

    def mouse_move(self, view: DiagramView, event: QMouseEvent) -> bool:
        item = next((i for i in view.items(event.position().toPoint())
                     if isinstance(i, ElementItem | RelationItem)), None)
        if item is not None:
            item.setToolTip(tooltip_of(view, item))
        return False


def tooltip_of(view: DiagramView, item: ElementItem | RelationItem) -> str:
    """The tooltip ``item`` should have at the view's zoom: empty while its text is drawn."""
    model = view.diagram_scene.model
    if model is None:
        return ""
    zoom = view.zoom()
    if isinstance(item, ElementItem):
        element = model.elements.get(item.qname)
        if element is None or zoom >= NAME_LOD:
            return ""
        return _rich(element.display_name, detail_of(element))
    if zoom >= RELATION_LABEL_LOD:
        return ""
    relation = next((r for r in model.relations if r.key == item.key), None)
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
