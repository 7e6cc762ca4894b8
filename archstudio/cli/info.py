"""``archstudio info``: what a model holds, layer by layer (seed 001's ``dr info``)."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass
from typing import Any

from archstudio.cli.common import load
from archstudio.cli.validate import diagnostics_of
from archstudio.model import Diagnostic, Model, Severity
from archstudio.model.kinds import ELEMENT_KINDS, LAYERS, RELATION_KINDS

# How relations without a -[kind]-> are counted.
UNTYPED = "untyped"

# Kinds listed layer by layer, from goals down to datastores, as the layers are.
KINDS_BY_LAYER = sorted(ELEMENT_KINDS, key=lambda kind: LAYERS.index(ELEMENT_KINDS[kind].layer))


@dataclass(frozen=True, slots=True)
class Summary:
    """Counts of one model. Every layer appears (zeros too) so summaries line up."""

    name: str | None
    elements_per_layer: dict[str, int]
    elements_per_kind: dict[str, int]
    relations_per_kind: dict[str, int]
    errors: int
    warnings: int

    @property
    def element_count(self) -> int:
        return sum(self.elements_per_layer.values())

    @property
    def relation_count(self) -> int:
        return sum(self.relations_per_kind.values())

    def to_json(self, path: str) -> dict[str, Any]:
        return {
            "file": path,
            "name": self.name,
            "elements_per_layer": self.elements_per_layer,
            "elements_per_kind": self.elements_per_kind,
            "relations_per_kind": self.relations_per_kind,
            "totals": {"elements": self.element_count, "relations": self.relation_count},
            "errors": self.errors,
            "warnings": self.warnings,
        }


def _in_order(counts: Counter[str], order: list[str]) -> dict[str, int]:
    """Known names in table order, then names the tables do not know, alphabetically."""
    known = [name for name in order if counts[name]]
    unknown = sorted(name for name in counts if name not in order)
    return {name: counts[name] for name in known + unknown}


def summarize(model: Model, diagnostics: list[Diagnostic] | None = None) -> Summary:
    """Counts of a model; ``diagnostics`` (the model's own by default) gives the problem
    counts, so callers can include the architecture rules' findings as validate does."""
    if diagnostics is None:
        diagnostics = model.diagnostics
    layers = Counter(element.layer for element in model.elements.values())
    kinds = Counter(element.kind for element in model.elements.values())
    relations = Counter(relation.kind or UNTYPED for relation in model.relations)
    return Summary(
        name=model.name,
        elements_per_layer={layer: layers[layer] for layer in LAYERS},
        elements_per_kind=_in_order(kinds, KINDS_BY_LAYER),
        relations_per_kind=_in_order(relations, [*RELATION_KINDS, UNTYPED]),
        errors=sum(d.is_error for d in diagnostics),
        warnings=sum(d.severity is Severity.WARNING for d in diagnostics),
    )


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def format_text(summary: Summary, path: str) -> str:
    width = max(
        [len(name) for name in LAYERS]
        + [len(name) for name in summary.elements_per_kind]
        + [len(name) for name in summary.relations_per_kind]
    ) + 2
    title = f"{summary.name}  ({path})" if summary.name else path
    lines = [title, ""]
    sections = (
        ("Elements per layer", summary.elements_per_layer),
        ("Elements per kind", summary.elements_per_kind),
        ("Relations per kind", summary.relations_per_kind),
    )
    for heading, counts in sections:
        lines.append(heading)
        lines.extend(f"  {name:<{width}}{count:>5}" for name, count in counts.items())
        if not counts:
            lines.append("  (none)")
        lines.append("")
    lines.append(
        f"Total: {_count(summary.element_count, 'element')}, "
        f"{_count(summary.relation_count, 'relation')}"
    )
    return "\n".join(lines)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "info",
        help="summarise a model: elements per layer and kind, relations per kind",
        description="Summarise one .arch file: elements in each of the seven layers "
        f"({', '.join(LAYERS)}; zeros included), elements per kind, relations per kind "
        f"(relations without a -[kind]-> count as '{UNTYPED}') and the totals. "
        "Exit status: 0 the file has no errors, 1 it has errors (the summary is still "
        "printed; run 'archstudio validate FILE' to list them), 2 usage error or "
        "unreadable file.",
        epilog="example: archstudio info examples/ecommerce-platform.arch --format json",
    )
    parser.add_argument("file", metavar="FILE", help="the .arch file to summarise")
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="text (default) for people; json for scripts, with keys file, name, "
        "elements_per_layer, elements_per_kind, relations_per_kind, totals, errors, warnings",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    _text, model, file_problems = load(args.file)
    if model is None:
        for problem in file_problems:
            print(problem.format(args.file), file=sys.stderr)
        return 2
    summary = summarize(model, [*file_problems, *diagnostics_of(model)])
    if args.format == "json":
        print(json.dumps(summary.to_json(args.file), indent=2))
    else:
        print(format_text(summary, args.file))
    if summary.errors:
        print(
            f"{args.file}: {_count(summary.errors, 'error')}; "
            f"run 'archstudio validate {args.file}' to see them",
            file=sys.stderr,
        )
        return 1
    return 0
