"""Which formats exist, which suffixes name them, and the two entry points.

Importers and exporters are looked up by format name; modules load lazily so the CLI
starts fast. LikeC4 and D2 files have no importer: they get a message that says what to
do instead, never a crash.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path

from archstudio.dsl.source import MAX_BYTES
from archstudio.interop.graph import ImportedGraph, ImportFailed, ImportWarning
from archstudio.interop.writer import to_arch
from archstudio.model.elements import Model

# format -> (suffixes, title, module:function)
IMPORTS: dict[str, tuple[tuple[str, ...], str, str]] = {
    "dot": ((".dot", ".gv"), "Graphviz DOT", "dot_import:import_dot"),
    "mermaid": ((".mmd", ".mermaid", ".md"), "Mermaid flowchart", "mermaid_import:import_mermaid"),
    "structurizr": ((".dsl",), "Structurizr DSL", "structurizr_import:import_structurizr"),
}
EXPORTS: dict[str, tuple[tuple[str, ...], str, str]] = {
    "dot": ((".dot", ".gv"), "Graphviz DOT", "dot_export:export_dot"),
    "mermaid": ((".mmd",), "Mermaid flowchart", "mermaid_export:export_mermaid"),
    "structurizr": ((".dsl",), "Structurizr DSL", "structurizr_export:export_structurizr"),
    "d2": ((".d2",), "D2", "d2_export:export_d2"),
    "likec4": ((".c4",), "LikeC4", "likec4_export:export_likec4"),
    "plantuml": ((".puml",), "PlantUML C4", "plantuml_export:export_plantuml"),
}
UNSUPPORTED = {
    ".c4": "LikeC4 files cannot be imported yet. Export the model from LikeC4 to "
           "Structurizr DSL or Mermaid ('likec4 gen' / its export menu) and import that, or "
           "write the .arch file by hand; ArchStudio can export to LikeC4 (.c4)",
    ".likec4": "LikeC4 files cannot be imported yet. Export the model from LikeC4 to "
               "Mermaid and import that; ArchStudio can export to LikeC4 (.c4)",
    ".d2": "D2 files cannot be imported yet. Re-draw the diagram in ArchStudio, or export it "
           "from a tool that writes DOT, Mermaid or Structurizr DSL and import that; "
           "ArchStudio can export to D2 (.d2)",
}


@dataclass(slots=True)
class ImportResult:
    text: str  # the `.arch` text
    warnings: list[ImportWarning]
    format: str


def import_format_for(path: str | Path) -> str | None:
    suffix = Path(path).suffix.lower()
    return next((name for name, (suffixes, _, _) in IMPORTS.items() if suffix in suffixes),
                None)


def export_format_for(path: str | Path) -> str | None:
    suffix = Path(path).suffix.lower()
    return next((name for name, (suffixes, _, _) in EXPORTS.items() if suffix in suffixes),
                None)


def _function(spec: str):
    module, name = spec.split(":")
    return getattr(importlib.import_module(f"archstudio.interop.{module}"), name)


def import_bytes(data: bytes, fmt: str, name: str = "imported",
                 base: Path | None = None) -> ImportResult:
    """Convert file bytes of format ``fmt``; raises :class:`ImportFailed` with a message
    (and line) when the whole file cannot be read. ``base`` is the file's folder, for
    formats that refer to other files."""
    if fmt not in IMPORTS:
        raise ImportFailed(f"unknown import format '{fmt}'; use one of {', '.join(IMPORTS)}")
    if len(data) > MAX_BYTES:
        raise ImportFailed(f"the file is too large to import (limit {MAX_BYTES >> 20} MB)")
    if b"\x00" in data:
        raise ImportFailed("this looks like a binary file, not a diagram")
    importer = _function(IMPORTS[fmt][2])
    origin = f"Imported from {name} ({IMPORTS[fmt][1]})."
    try:
        graph: ImportedGraph = (importer(data, base) if fmt == "structurizr"
                                else importer(data))
        text = to_arch(graph, default_name=Path(name).stem or "Imported", origin=origin)
    except UnicodeDecodeError as exc:
        raise ImportFailed(f"the file is not valid UTF-8 (byte 0x{data[exc.start]:02x} at "
                           f"offset {exc.start}); save it as UTF-8") from None
    except RecursionError:
        raise ImportFailed("the file nests too deeply to import") from None
    warnings = sorted(graph.warnings, key=lambda w: w.line)
    return ImportResult(text, warnings, fmt)


def import_file(path: str | Path, fmt: str | None = None) -> ImportResult:
    """Import a file; the format comes from its suffix unless given."""
    path = Path(path)
    if fmt is None:
        fmt = import_format_for(path)
        if fmt is None:
            hint = UNSUPPORTED.get(path.suffix.lower())
            raise ImportFailed(hint or f"cannot tell the format of '{path.name}' from its "
                               "suffix; use .dot/.gv, .mmd/.md or .dsl, or name the format")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportFailed(f"cannot read the file: {exc.strerror or exc}") from None
    return import_bytes(data, fmt, path.name, path.parent)


def export_text(model: Model, fmt: str) -> str:
    """The text of ``model`` in another tool's format."""
    if fmt not in EXPORTS:
        raise ValueError(f"unknown export format '{fmt}'")
    return _function(EXPORTS[fmt][2])(model)
