"""The canvas: a Qt scene whose items follow the model, and a view to zoom and pan it."""

from archstudio.canvas.interactions import Interaction, KeyboardZoom, PanDrag, WheelZoom
from archstudio.canvas.items import ElementItem, RelationItem
from archstudio.canvas.scene import DiagramScene
from archstudio.canvas.view import DiagramView

__all__ = [
    "DiagramScene",
    "DiagramView",
    "ElementItem",
    "Interaction",
    "KeyboardZoom",
    "PanDrag",
    "RelationItem",
    "WheelZoom",
]
