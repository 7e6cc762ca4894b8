"""The ``archstudio`` command line. Each sub-command lives in its own module and
registers itself through ``register(subparsers)``; add new ones to ``COMMANDS``."""

from __future__ import annotations

import argparse
import importlib
import sys

from archstudio import __version__

# Modules under archstudio.cli, in the order their commands appear in --help.
COMMANDS = [
    "validate",
    "info",
    "fmt",
    "export",
    "import_diagram",
    "generate",
    "open",
    "add",
    "edit",
    "lesson",
    "install_desktop",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="archstudio",
        description="ArchStudio: architecture diagrams that are also reviewable .arch text.",
    )
    parser.add_argument("--version", action="version", version=f"archstudio {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"archstudio.cli.{name}").register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
