"""``archstudio export`` to another tool's text format (DOT, Mermaid, Structurizr DSL,
D2, LikeC4, PlantUML C4), chosen by the output's suffix; see docs/interop.md."""

from __future__ import annotations

import argparse

from archstudio.cli.common import error, load, write_atomically
from archstudio.interop import EXPORTS, export_format_for, export_text

SUFFIXES = ", ".join(s for suffixes, _, _ in EXPORTS.values() for s in suffixes)


def run_text_export(args: argparse.Namespace) -> int:
    fmt = export_format_for(args.output)
    if args.only:
        error(f"--only draws part of a diagram; it does not apply to {fmt} export")
        return 2
    text, model, problems = load(args.file)
    if text is None or model is None:
        for problem in problems:
            error(problem.format(args.file))
        return 2
    if model.has_errors:
        for diagnostic in model.errors:
            error(diagnostic.format(args.file))
        error(f"not exported: {args.file} has {len(model.errors)} error(s); "
              "fix them first (archstudio validate lists them all)")
        return 1
    try:
        write_atomically(args.output, export_text(model, fmt))
    except OSError as exc:
        error(f"cannot write {args.output}: {exc.strerror or exc}")
        return 1
    return 0
