"""The dockable panels around the canvas: problems, outline, properties, palette."""

from archstudio.app.panels.outline import OutlineTree
from archstudio.app.panels.palette import KIND_MIME_TYPE, Palette
from archstudio.app.panels.problems import ProblemsList
from archstudio.app.panels.properties import PropertiesPanel

__all__ = ["KIND_MIME_TYPE", "OutlineTree", "Palette", "ProblemsList", "PropertiesPanel"]
