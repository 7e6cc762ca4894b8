"""``archstudio fmt``: rewrite `.arch` files in their canonical form, comments kept."""

from __future__ import annotations

import argparse
import difflib
import sys

from archstudio.cli.common import WriteError, error, write_document
from archstudio.dsl import parse, read_source
from archstudio.dsl.formatter import FormatError, format_text
from archstudio.model import Model


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "fmt",
        help="rewrite .arch files in the canonical layout, keeping every comment",
        description="Rewrite .arch files in the canonical layout: 2-space indentation, one "
        "statement per line, double-quoted strings, at most one blank line, the layout "
        "section last with entries sorted by id. Every comment is kept. A file with syntax "
        "errors is left untouched and its errors are printed. Exit status: 0 done (or, with "
        "--check, nothing to change), 1 a file has syntax errors (or, with --check, would "
        "change), 2 a file cannot be read.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="the .arch files to format")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; list the files that would change")
    parser.add_argument("--diff", action="store_true",
                        help="print a unified diff of the changes instead of writing")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    status = 0
    for path in args.files:
        status = max(status, _format_file(path, args.check, args.diff))
    return status


def _format_file(path: str, check: bool, diff: bool) -> int:
    source = read_source(path)
    if source.text is None or source.file is None:
        for diagnostic in source.diagnostics:
            print(diagnostic.format(path), file=sys.stderr)
        return 2
    text = source.text
    model = parse(text)
    try:
        formatted = format_text(text, model)
    except FormatError as exc:
        for diagnostic in exc.diagnostics:
            print(diagnostic.format(path), file=sys.stderr)
        return 1
    if formatted == text:
        return 0
    if not _same_meaning(model, formatted):
        error(f"{path}: formatting would change the file's meaning; left untouched "
              "(please report this as a bug)")
        return 1
    if diff:
        for line in difflib.unified_diff(
            text.splitlines(keepends=True), formatted.splitlines(keepends=True),
            fromfile=f"{path} (original)", tofile=f"{path} (formatted)",
        ):
            sys.stdout.write(line if line.endswith("\n") else line + "\n")
    if check:
        print(f"would reformat {path}")
        return 1
    if not diff:
        try:
            write_document(path, source.file, formatted)
        except WriteError as exc:
            error(f"{path}: {exc}; the file was not changed")
            return 2
    return 0


def _same_meaning(before: Model, after: str) -> bool:
    """A last guard before writing: same model and the same comments."""
    new = parse(after)
    return before.same_as(new) and len(before.comments) == len(new.comments)
