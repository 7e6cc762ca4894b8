"""``archstudio export``: draw a file to PNG, SVG or PDF, with or without a display."""

from __future__ import annotations

import argparse
import gc
import os

from archstudio.cli.common import error, load_valid

FORMAT_HELP = ("the suffix of OUT chooses the format: .png, .svg, .pdf, or .json for the "
               "drawn geometry (boxes, relation lines, label boxes; see docs/layout.md), or a "
               "text format for another tool: .dot/.gv, .mmd, .dsl, .d2, .c4, .puml "
               "(docs/interop.md)")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "export",
        help="draw a .arch file to PNG, SVG or PDF (or its geometry as JSON), or write it "
        "for another tool",
        description="Draw a .arch file to an image, laid out as in the file's layout "
        f"section ({FORMAT_HELP}). Works without a display. Exit status: 0 written, "
        "1 the file has errors or the export failed, 2 usage error or unreadable file.",
    )
    parser.add_argument("file", metavar="FILE")
    parser.add_argument("-o", "--output", required=True, metavar="OUT", help=FORMAT_HELP)
    parser.add_argument("--scale", type=float, default=1.0, metavar="N",
                        help="PNG pixels per scene unit: 1, 2 or 4 (default 1)")
    parser.add_argument("--transparent", action="store_true",
                        help="PNG with a transparent background")
    parser.add_argument("--only", nargs="+", metavar="ID",
                        help="export only these elements (qualified ids) and their contents")
    parser.add_argument("--routing", choices=("orthogonal", "straight"), default="orthogonal")
    parser.set_defaults(func=run)


def ensure_gui_application():
    """A QGuiApplication for fonts and painting; offscreen when there is no display."""
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance()
    if app is None:
        if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication(["archstudio"])
    return app


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from archstudio.interop import export_format_for

    if export_format_for(args.output):  # DOT, Mermaid, Structurizr, D2, LikeC4, PlantUML
        from archstudio.cli.export_text import run_text_export

        return run_text_export(args)
    # One run, then the process ends: parsing, layout, routing and painting keep nearly
    # all they build until then, so the cycle collector would only walk it again and
    # again (a tenth or more of a big export); reference counting still frees the rest.
    gc.disable()
    suffix = Path(args.output).suffix.lower()
    if suffix not in (".png", ".svg", ".pdf", ".json"):
        error(f"cannot export to '{args.output}': {FORMAT_HELP}")
        return 2
    if not 0 < args.scale <= 16:
        error(f"--scale must be between 0 and 16, not {args.scale:g}")
        return 2
    model = load_valid(args.file, "not exported")
    if isinstance(model, int):
        return model
    unknown = [q for q in args.only or () if q not in model.elements]
    if unknown:
        error(f"no element named {', '.join(unknown)} in {args.file}")
        return 2

    from archstudio.io import ExportError, export
    from archstudio.layout import arrange

    ensure_gui_application()
    try:
        export(model, arrange(model), args.output, scale=args.scale,
               transparent=args.transparent, only=args.only, routing=args.routing,
               note=error)
    except ExportError as problem:
        error(str(problem))
        return 1
    return 0
