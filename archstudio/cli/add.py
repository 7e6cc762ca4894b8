"""``archstudio add element|relation``: create elements and relations from a script.

The scripting face of the edit engine, after seed 001's ``dr add ...``: the new
statement goes where a person would have typed it, and nothing else in the file moves.
"""

from __future__ import annotations

import argparse

from archstudio.cli.edit import add_common, property_values, run_steps, split_assignment
from archstudio.edit import connect, create_element
from archstudio.model.kinds import KIND_KEYWORDS, RELATION_KINDS


def register(subparsers: argparse._SubParsersAction) -> None:
    add = subparsers.add_parser("add", help="add an element or a relation to a file",
                                description="Add an element or a relation to a .arch file.")
    what = add.add_subparsers(dest="what", metavar="WHAT", required=True)

    element = what.add_parser("element", help="add an element",
                              description="Add an element at the top level or inside a "
                              "system. Prints its qualified name.")
    add_common(element)
    element.add_argument("--kind", required=True, metavar="KIND",
                         help=f"one of: {', '.join(KIND_KEYWORDS)}")
    element.add_argument("--id", required=True, dest="element_id", metavar="ID")
    element.add_argument("--label")
    element.add_argument("--in", dest="parent", metavar="SYSTEM",
                         help="the system to put it in (default: the top level)")
    element.add_argument("--set", dest="assignments", metavar="KEY=VALUE", action="append",
                         type=split_assignment, default=[],
                         help="a property (repeatable); tags=a,b sets several tags")
    element.add_argument("--unique", action="store_true",
                         help="add a number to ID when it is taken")
    element.set_defaults(func=_element)

    relation = what.add_parser("relation", help="add a relation",
                               description="Add a relation to the architecture block.")
    add_common(relation)
    relation.add_argument("--from", required=True, dest="source", metavar="A")
    relation.add_argument("--to", required=True, dest="target", metavar="B")
    relation.add_argument("--label")
    relation.add_argument("--kind", metavar="KIND", help=f"one of: {', '.join(RELATION_KINDS)}")
    relation.add_argument("--set", dest="assignments", metavar="KEY=VALUE", action="append",
                          type=split_assignment, default=[],
                          help="a property (repeatable); technology=... goes inline")
    relation.set_defaults(func=_relation)


def _properties(assignments: list[tuple[str, str]]) -> list[tuple[str, str | tuple[str, ...]]]:
    return [(key, property_values(key, value)) for key, value in assignments]


def _element(args: argparse.Namespace) -> int:
    properties = _properties(args.assignments)
    return run_steps(args.file, [lambda text, model: create_element(
        text, args.kind, args.element_id, model=model, label=args.label, parent=args.parent,
        properties=properties, unique=args.unique)], args.dry_run, announce=not args.dry_run)


def _relation(args: argparse.Namespace) -> int:
    properties = _properties(args.assignments)
    technology = next((v for k, v in properties if k == "technology"), None)
    rest = [(k, v) for k, v in properties if k != "technology"]
    return run_steps(args.file, [lambda text, model: connect(
        text, args.source, args.target, model=model, label=args.label, kind=args.kind,
        technology=technology if isinstance(technology, str) else None,
        properties=rest)], args.dry_run)
