"""ArchStudio: architecture diagrams that are also reviewable text."""

__version__ = "0.1.0"
