"""``archstudio validate``: report every problem of one or more files: the language's own
diagnostics, then the architecture rules (``archstudio.rules``)."""

from __future__ import annotations

import argparse
import json

from archstudio.cli.common import load
from archstudio.model import Diagnostic, Model, Severity
from archstudio.model.diagnostics import sort_key
from archstudio.rules import check, quick_fixes


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "validate",
        help="check .arch files and list every problem",
        description="Check .arch files against the language and the architecture rules "
        "(docs/rules.md). Prints FILE:LINE:COL: severity CODE message per problem. Exit "
        "status: 0 no errors, 1 errors (or warnings with --strict), 2 usage error or "
        "unreadable file.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--strict", action="store_true",
                        help="treat warnings as failures (exit 1), for CI")
    parser.add_argument("--fixes", action="store_true",
                        help="list the quick fixes offered for each problem")
    parser.set_defaults(func=run)


def diagnostics_of(model: Model) -> list[Diagnostic]:
    """The parser's diagnostics and the rules' findings, in text order."""
    return sorted([*model.diagnostics, *check(model)], key=sort_key)


def _fails(diagnostic: Diagnostic, strict: bool) -> bool:
    return diagnostic.is_error or (strict and diagnostic.severity is Severity.WARNING)


def run(args: argparse.Namespace) -> int:
    status = 0
    report = []
    for path in args.files:
        text, model, file_problems = load(path)
        diagnostics = list(file_problems) + (diagnostics_of(model) if model else [])
        if text is None:
            status = 2
        elif any(_fails(d, args.strict) for d in diagnostics):
            status = max(status, 1)
        fixes = {
            id(d): quick_fixes(text, model, d) if args.fixes and model and text else []
            for d in diagnostics
        }
        if args.format == "json":
            entries = []
            for diagnostic in diagnostics:
                entry = diagnostic.to_json()
                if args.fixes:
                    entry["fixes"] = [
                        {"title": fix.title,
                         "edits": [{"start": e.start, "end": e.end,
                                    "replacement": e.replacement} for e in fix.edits]}
                        for fix in fixes[id(diagnostic)]
                    ]
                entries.append(entry)
            report.append({
                "file": path,
                "readable": text is not None,
                "errors": sum(d.is_error for d in diagnostics),
                "warnings": sum(d.severity is Severity.WARNING for d in diagnostics),
                "diagnostics": entries,
            })
        else:
            for diagnostic in diagnostics:
                print(diagnostic.format(path))
                for fix in fixes[id(diagnostic)]:
                    print(f"    fix: {fix.title}")
    if args.format == "json":
        print(json.dumps({"files": report}, indent=2))
    return status
