"""``archstudio rename|rm|move|set|unset``: scripted edits through the edit engine.

Every command reads the file once, applies one or more engine operations, and writes
the result atomically only when all of them succeeded; ``--dry-run`` prints the unified
diff instead. Errors go to stderr with exit status 1 and leave the file untouched.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from collections.abc import Callable, Sequence

from archstudio.cli.common import WriteError, error, write_document
from archstudio.dsl import parse, read_source
from archstudio.edit import (
    EditError,
    EditResult,
    delete_element,
    delete_relation,
    move_element,
    remove_property,
    rename_element,
    set_property,
    set_relation_kind,
)
from archstudio.model import Model

Step = Callable[[str, Model], EditResult]


def run_steps(path: str, steps: Sequence[Step], dry_run: bool, announce: bool = False) -> int:
    """Apply ``steps`` one after another; write (or diff) only if every one succeeded."""
    source = read_source(path)
    if source.text is None or source.file is None:
        for diagnostic in source.diagnostics:
            error(f"{path}: {diagnostic.message}")
        return 1
    original = text = source.text
    for step in steps:
        try:
            result = step(text, parse(text))
        except EditError as exc:
            error(f"{path}: {exc}; the file was not changed")
            return 1
        text = result.text
        if announce and not dry_run and result.subject is not None:
            print(result.subject)
    if dry_run:
        sys.stdout.writelines(difflib.unified_diff(
            original.splitlines(keepends=True), text.splitlines(keepends=True),
            fromfile=f"a/{path}", tofile=f"b/{path}"))
    elif text != original:
        try:
            write_document(path, source.file, text)
        except WriteError as exc:
            error(f"{path}: {exc}; the file was not changed")
            return 1
    return 0


def split_assignment(item: str) -> tuple[str, str]:
    key, sep, value = item.partition("=")
    if not sep or not key.strip():
        raise argparse.ArgumentTypeError(f"'{item}' is not key=value")
    return key.strip(), value


def property_values(key: str, value: str) -> str | tuple[str, ...]:
    """``tags=a,b`` is a list of tags; every other value is one string."""
    if key == "tags":
        return tuple(part.strip() for part in value.split(",") if part.strip())
    return value


def is_relation(ref: str) -> bool:
    return "->" in ref


def add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE")
    parser.add_argument("--dry-run", action="store_true",
                        help="print the unified diff instead of writing the file")


def register(subparsers: argparse._SubParsersAction) -> None:
    rename = subparsers.add_parser("rename", help="rename an element everywhere it is named",
                                   description="Give an element a new id; relations and "
                                   "layout entries follow.")
    add_common(rename)
    rename.add_argument("old", metavar="OLD", help="the element (short or qualified id)")
    rename.add_argument("new", metavar="NEW", help="its new id (without the system prefix)")
    rename.add_argument("--unique", action="store_true",
                        help="add a number to NEW when it is taken")
    rename.set_defaults(func=_rename)

    remove = subparsers.add_parser("rm", help="remove an element or a relation",
                                   description="Remove an element with its relations and "
                                   "layout entry, or a relation written SOURCE->TARGET[#N].")
    add_common(remove)
    remove.add_argument("target", metavar="ID")
    remove.add_argument("--lift", action="store_true",
                        help="for a system: keep its children, one level further out")
    remove.set_defaults(func=_remove)

    move = subparsers.add_parser("move", help="move an element into a system or to the top",
                                 description="Move an element (with its block and comments).")
    add_common(move)
    move.add_argument("target", metavar="ID")
    where = move.add_mutually_exclusive_group(required=True)
    where.add_argument("--into", metavar="SYSTEM")
    where.add_argument("--top", action="store_true", help="move out to the top level")
    move.add_argument("--unique", action="store_true",
                      help="add a number to the id when the destination has it already")
    move.set_defaults(func=_move)

    set_ = subparsers.add_parser("set", help="set labels and properties",
                                 description="Set label, description, technology, tags "
                                 "(comma-separated) or any property of an element or of a "
                                 "relation (SOURCE->TARGET[#N]; kind=KIND changes its kind).")
    add_common(set_)
    set_.add_argument("target", metavar="ID")
    set_.add_argument("assignments", metavar="KEY=VALUE", nargs="+", type=split_assignment)
    set_.set_defaults(func=_set)

    unset = subparsers.add_parser("unset", help="remove labels and properties",
                                  description="Remove properties (or the label) of an element "
                                  "or a relation; the block goes when it becomes empty.")
    add_common(unset)
    unset.add_argument("target", metavar="ID")
    unset.add_argument("keys", metavar="KEY", nargs="+")
    unset.set_defaults(func=_unset)


def _rename(args: argparse.Namespace) -> int:
    return run_steps(args.file, [lambda text, model: rename_element(
        text, args.old, args.new, model=model, unique=args.unique)], args.dry_run,
        announce=args.unique)


def _remove(args: argparse.Namespace) -> int:
    if is_relation(args.target):
        step: Step = lambda text, model: delete_relation(text, args.target, model=model)  # noqa: E731
    else:
        def step(text: str, model: Model) -> EditResult:
            return delete_element(text, args.target, model=model, lift_children=args.lift)
    return run_steps(args.file, [step], args.dry_run)


def _move(args: argparse.Namespace) -> int:
    into = None if args.top else args.into
    return run_steps(args.file, [lambda text, model: move_element(
        text, args.target, into, model=model, unique=args.unique)], args.dry_run,
        announce=args.unique)


def _set(args: argparse.Namespace) -> int:
    steps = [_set_step(args.target, key, value) for key, value in args.assignments]
    return run_steps(args.file, steps, args.dry_run)


def _set_step(target: str, key: str, value: str) -> Step:
    if key == "kind" and is_relation(target):
        kind = value or None
        return lambda text, model: set_relation_kind(text, target, kind, model=model)
    if key == "kind":
        def refuse(text: str, model: Model) -> EditResult:
            raise EditError("an element's kind is changed in the text (or the canvas), not "
                            "with set")
        return refuse
    values = property_values(key, value)
    return lambda text, model: set_property(text, target, key, values, model=model)


def _unset(args: argparse.Namespace) -> int:
    steps: list[Step] = [_unset_step(args.target, key) for key in args.keys]
    return run_steps(args.file, steps, args.dry_run)


def _unset_step(target: str, key: str) -> Step:
    if key == "kind" and is_relation(target):
        return lambda text, model: set_relation_kind(text, target, None, model=model)
    return lambda text, model: remove_property(text, target, key, model=model)
