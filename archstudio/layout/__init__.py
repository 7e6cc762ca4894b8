"""Layout: where each element goes. Pure Python, no Qt."""

from archstudio.layout.arrange import arrange, auto_arrange
from archstudio.layout.geometry import Box, default_size

__all__ = ["Box", "arrange", "auto_arrange", "default_size"]
