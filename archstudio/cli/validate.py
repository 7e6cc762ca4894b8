"""``archstudio validate``: report every problem of one or more files."""

from __future__ import annotations

import argparse
import json

from archstudio.cli.common import load


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "validate",
        help="check .arch files and list every problem",
        description="Check .arch files. Prints FILE:LINE:COL: severity CODE message per "
        "problem. Exit status: 0 no errors, 1 errors, 2 usage error or unreadable file.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    status = 0
    report = []
    for path in args.files:
        text, model, file_problems = load(path)
        diagnostics = list(file_problems) + (model.diagnostics if model else [])
        if text is None:
            status = 2
        elif any(d.is_error for d in diagnostics):
            status = max(status, 1)
        if args.format == "json":
            report.append({
                "file": path,
                "readable": text is not None,
                "errors": sum(d.is_error for d in diagnostics),
                "diagnostics": [d.to_json() for d in diagnostics],
            })
        else:
            for diagnostic in diagnostics:
                print(diagnostic.format(path))
    if args.format == "json":
        print(json.dumps({"files": report}, indent=2))
    return status
