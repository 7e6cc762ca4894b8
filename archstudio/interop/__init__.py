"""Diagrams in and out: importers from DOT, Mermaid and Structurizr DSL, exporters to
DOT, Mermaid, Structurizr DSL, D2, LikeC4 and PlantUML C4. No Qt.

``import_file``/``import_bytes`` give `.arch` text and warnings; ``export_text`` gives
another tool's text for a model. The format is chosen from a suffix (see ``IMPORTS`` and
``EXPORTS``) or given by name. docs/interop.md describes every mapping.
"""

from __future__ import annotations

from archstudio.interop.formats import (
    EXPORTS,
    IMPORTS,
    ImportResult,
    export_format_for,
    export_text,
    import_bytes,
    import_file,
    import_format_for,
)
from archstudio.interop.graph import ImportFailed, ImportWarning

__all__ = [
    "EXPORTS",
    "IMPORTS",
    "ImportFailed",
    "ImportResult",
    "ImportWarning",
    "export_format_for",
    "export_text",
    "import_bytes",
    "import_file",
    "import_format_for",
]
