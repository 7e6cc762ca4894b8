"""``archstudio open FILE``: open a file in the desktop app."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from archstudio.cli.common import error
from archstudio.dsl import read_source


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "open",
        help="open a .arch file in the desktop app",
        description="Open a .arch file in the ArchStudio window (an empty document without "
        "FILE). Exit status: 0 after the window closes, 2 if FILE does not exist or cannot "
        "be read.",
    )
    parser.add_argument("file", nargs="?", metavar="FILE")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    path = args.file
    if path is not None and Path(path).exists():
        source = read_source(path)
        if source.text is None:
            error(f"{path}: {source.diagnostics[0].message}")
            return 2
    elif path is not None:
        error(f"{path}: no such file")
        return 2
    if not has_display():
        error("no display to open a window on: set DISPLAY (or run under xvfb-run), or "
              "QT_QPA_PLATFORM=offscreen for a window nobody sees")
        return 2
    from archstudio.app import ahead

    ahead.pause_collector()  # until the file is shown
    if path is not None and source.text is not None:
        ahead.start(source.text)  # the layout on the second core while Qt loads
    from archstudio.app import run as run_app

    try:
        return run_app(path)
    finally:
        ahead.resume_collector()  # (when no file was opened to resume it)


def has_display() -> bool:
    """Qt aborts without a display; say so instead (macOS and Windows always have one)."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
