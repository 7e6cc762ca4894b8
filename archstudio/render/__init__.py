"""How a diagram is drawn: themes, the shape of each kind, text layout, edge routing.

Shared by the canvas (one item per face) and by export (a whole :class:`DiagramPlan`),
so an export looks exactly like the screen. QtGui only, no widgets.
"""

from archstudio.render.diagram import DiagramPlan, compute_drawing, plan
from archstudio.render.drawing import Drawing
from archstudio.render.edge_face import EdgeFace
from archstudio.render.element_face import ElementFace, detail_of
from archstudio.render.routing import STYLES as ROUTING_STYLES
from archstudio.render.routing import route
from archstudio.render.theme import DARK, LIGHT, THEMES, Theme

__all__ = [
    "DARK",
    "DiagramPlan",
    "Drawing",
    "EdgeFace",
    "ElementFace",
    "LIGHT",
    "ROUTING_STYLES",
    "THEMES",
    "Theme",
    "detail_of",
    "compute_drawing",
    "plan",
    "route",
]
