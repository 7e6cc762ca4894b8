"""Helpers shared by the sub-commands: loading files and writing them back atomically."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from archstudio.dsl import parse, read_source
from archstudio.model import Model


def load(path: str) -> tuple[str | None, Model | None, list]:
    """Read and parse a file. Returns (text, model, file-level diagnostics)."""
    source = read_source(path)
    if source.text is None:
        return None, None, source.diagnostics
    model = parse(source.text)
    return source.text, model, source.diagnostics


def load_valid(path: str, nothing: str) -> Model | int:
    """The model of ``path`` when it reads and has no errors. Otherwise every problem is
    printed and the exit status is returned: 2 when the file cannot be read, 1 when it has
    errors. ``nothing`` says what did not happen (``"not exported"``)."""
    text, model, problems = load(path)
    if text is None or model is None:
        for problem in problems:
            error(problem.format(path))
        return 2
    if model.has_errors:
        for diagnostic in model.errors:
            error(diagnostic.format(path))
        error(f"{nothing}: {path} has {len(model.errors)} error(s); "
              "fix them first (archstudio validate lists them all)")
        return 1
    return model


def write_atomically(path: str | Path, text: str) -> None:
    """Write through a temporary file and rename, so a crash never leaves half a file."""
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            os.chmod(tmp, target.stat().st_mode & 0o777)
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def error(message: str) -> None:
    print(f"archstudio: {message}", file=sys.stderr)
