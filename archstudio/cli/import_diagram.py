"""``archstudio import``: turn a DOT, Mermaid or Structurizr DSL file into `.arch` text."""

from __future__ import annotations

import argparse
import sys

from archstudio.cli.common import error, write_atomically
from archstudio.interop import IMPORTS, ImportFailed, import_file


def register(subparsers: argparse._SubParsersAction) -> None:
    suffixes = "; ".join(f"{title}: {', '.join(s)}" for s, title, _ in IMPORTS.values())
    parser = subparsers.add_parser(
        "import",
        help="convert a DOT, Mermaid or Structurizr DSL diagram to a .arch file",
        description="Convert another tool's diagram to .arch text. The format comes from "
        f"the suffix ({suffixes}) unless --from names it. What cannot be carried over is "
        "printed as FILE:LINE: warning: ... (docs/interop.md lists every mapping). Exit "
        "status: 0 written, 1 the file cannot be imported, 2 usage error.",
    )
    parser.add_argument("file", metavar="IN")
    parser.add_argument("-o", "--output", metavar="OUT.arch",
                        help="where to write the .arch text (default: standard output)")
    parser.add_argument("--from", dest="format", choices=sorted(IMPORTS), metavar="FORMAT",
                        help=f"the input format: {', '.join(sorted(IMPORTS))}")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        result = import_file(args.file, args.format)
    except ImportFailed as problem:
        where = f"{args.file}:{problem.line}" if problem.line else args.file
        error(f"{where}: cannot import: {problem}")
        return 1
    for warning in result.warnings:
        print(warning.format(args.file), file=sys.stderr)
    if args.output:
        try:
            write_atomically(args.output, result.text)
        except OSError as exc:
            error(f"cannot write {args.output}: {exc.strerror or exc}")
            return 2
    else:
        sys.stdout.write(result.text)
    return 0
