"""Helpers shared by the sub-commands: loading files and writing them back atomically."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from archstudio.dsl import parse, read_source
from archstudio.dsl.filetext import FileText
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


class WriteError(Exception):
    """Why a file was not written; the file is as it was."""


def write_document(path: str | Path, file: FileText, text: str) -> None:
    """Write the document ``text`` back to the file it was read from (``file``): every
    byte outside the changed stretches, the BOM and the line endings are kept. A symlink
    is followed, so the link stays and its target changes. Raises :class:`WriteError`."""
    try:
        data = file.encode(text)
    except UnicodeEncodeError as exc:
        raise WriteError(
            "the new text holds bytes that are not UTF-8 (an argument in another "
            f"encoding?): {exc.object[exc.start:exc.end]!a}") from None
    try:
        write_atomically(os.path.realpath(path), data)
    except OSError as exc:
        raise WriteError(f"cannot write the file: {exc.strerror or exc}") from None


def write_atomically(path: str | Path, data: str | bytes) -> None:
    """Write through a temporary file and rename, so a crash never leaves half a file.
    The file keeps its permissions and, where allowed (root), its owner and group."""
    target = Path(path)
    if isinstance(data, str):
        data = data.encode("utf-8")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            status = target.stat()
            os.chmod(tmp, status.st_mode & 0o777)
            if (status.st_uid, status.st_gid) != (os.getuid(), os.getgid()):
                try:
                    os.chown(tmp, status.st_uid, status.st_gid)
                except OSError:
                    pass  # only root may give a file away; the file is still written
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def error(message: str) -> None:
    print(f"archstudio: {message}", file=sys.stderr)
