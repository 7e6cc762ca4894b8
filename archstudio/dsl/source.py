"""Reading `.arch` files safely: size, encoding and binary checks with clear messages.

Only regular files are read (a FIFO would block forever, a device such as /dev/zero never
ends), and the size is checked while reading, not trusted from ``stat``.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from archstudio.dsl.filetext import FileText
from archstudio.model.diagnostics import Diagnostic, Severity
from archstudio.model.span import LineIndex, Span

MAX_BYTES = 16 * 1024 * 1024  # tens of MB is not a diagram anyone drew
_CHUNK = 1024 * 1024


@dataclass(slots=True)
class Source:
    """The text of a file, or why there is none. ``file`` keeps the exact decoded file so
    a writer can give back every byte it did not change."""

    path: str
    text: str | None
    diagnostics: list[Diagnostic]
    file: FileText | None = None

    @property
    def ok(self) -> bool:
        return self.text is not None


def _problem(code: str, message: str, start: int = 0, lines: LineIndex | None = None) -> Diagnostic:
    return Diagnostic(code, Severity.ERROR, message, Span(start, start, lines))


def _too_large(size: int) -> Diagnostic:
    shown = f"{size / (1024 * 1024):.1f} MB" if size > MAX_BYTES else "more than that"
    return _problem("E112", f"the file is too large to open ({shown}; the limit is "
                    f"{MAX_BYTES // (1024 * 1024)} MB)")


def decode(data: bytes, path: str = "<text>") -> Source:
    """Turn file bytes into text, or into a diagnostic that says what is wrong and where."""
    if len(data) > MAX_BYTES:
        return Source(path, None, [_too_large(len(data))])
    nul = data.find(b"\x00")  # anywhere: a NUL deep in a file is as binary as one at the top
    if nul != -1:
        return Source(path, None, [_problem(
            "E115", "this looks like a binary file, not .arch text")])
    bom = data.startswith(b"\xef\xbb\xbf")
    if bom:
        data = data[3:]
    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        good = data[: exc.start].decode("utf-8", "replace")
        lines = LineIndex(good)
        line, column = lines.position(len(good))
        return Source(path, None, [_problem(
            "E111", f"the file is not valid UTF-8: byte 0x{data[exc.start]:02x} at line {line}, "
            f"column {column}; save it as UTF-8", len(good), lines)])
    file = FileText.from_raw(raw, bom)
    text = file.text
    diagnostics = []
    if not text.strip():
        diagnostics.append(Diagnostic("W114", Severity.WARNING,
                                      "the file is empty; start with: architecture \"Name\" { }",
                                      Span(0, 0)))
    return Source(path, text, diagnostics, file)


def read_bytes(path: str | Path) -> bytes:
    """The bytes of a regular file, at most ``MAX_BYTES + 1`` of them. Raises OSError, or
    :class:`NotRegularFile` for a folder, device, FIFO or socket."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)  # non-blocking: opening a FIFO with no writer returns at once
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegularFile(mode)
        chunks: list[bytes] = []
        total = 0
        while total <= MAX_BYTES:
            chunk = os.read(fd, _CHUNK)
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


class NotRegularFile(OSError):
    def __init__(self, mode: int) -> None:
        what = "a folder" if stat.S_ISDIR(mode) else (
            "a pipe" if stat.S_ISFIFO(mode) else (
                "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "a special file"))
        super().__init__(f"this is {what}, not a file")
        self.what = what


def read_source(path: str | Path) -> Source:
    """Read a file; unreadable files give a diagnostic (code E110), never an exception."""
    name = str(path)
    try:
        data = read_bytes(path)
    except NotRegularFile as exc:
        return Source(name, None, [_problem("E110", f"this is {exc.what}, not a file")])
    except OSError as exc:
        return Source(name, None, [_problem(
            "E110", f"cannot read the file: {exc.strerror or exc}")])
    except ValueError as exc:  # a NUL in the path
        return Source(name, None, [_problem("E110", f"cannot read the file: {exc}")])
    if len(data) > MAX_BYTES:
        return Source(name, None, [_too_large(len(data))])
    return decode(data, name)
