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


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command, or of the ``only`` module's (``archstudio open`` starts
    the window without loading the other commands' modules)."""
    parser = argparse.ArgumentParser(
        prog="archstudio",
        description="ArchStudio: architecture diagrams that are also reviewable .arch text.",
    )
    parser.add_argument("--version", action="version", version=f"archstudio {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS if only is None else [only]:
        importlib.import_module(f"archstudio.cli.{name}").register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):  # a name from the file or the command line
        if hasattr(stream, "reconfigure"):   # that is not UTF-8 prints escaped, not a crash
            stream.reconfigure(errors="backslashreplace")
    argv = sys.argv[1:] if argv is None else argv
    # a command named as its module loads only that module (``archstudio export`` then
    # spends nothing on importing the rules, lessons and editing the others need)
    parser = build_parser(argv[0] if argv[:1] and argv[0] in COMMANDS else None)
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
