"""Files in and out of ArchStudio: export to PNG, SVG and PDF, and the drawn geometry as JSON."""

from archstudio.io.export import (
    FORMATS,
    ExportError,
    export,
    export_pdf,
    export_png,
    export_svg,
)
from archstudio.io.geometry_json import export_json, geometry

__all__ = ["FORMATS", "ExportError", "export", "export_json", "export_pdf", "export_png",
           "export_svg", "geometry"]
