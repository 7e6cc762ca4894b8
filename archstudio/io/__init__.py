"""Files in and out of ArchStudio. For now: export to PNG, SVG and PDF."""

from archstudio.io.export import (
    FORMATS,
    ExportError,
    export,
    export_pdf,
    export_png,
    export_svg,
)

__all__ = ["FORMATS", "ExportError", "export", "export_pdf", "export_png", "export_svg"]
