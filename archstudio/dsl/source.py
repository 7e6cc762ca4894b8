"""Reading `.arch` files safely: size, encoding and binary checks with clear messages."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from archstudio.model.diagnostics import Diagnostic, Severity
from archstudio.model.span import LineIndex, Span

MAX_BYTES = 16 * 1024 * 1024  # tens of MB is not a diagram anyone drew


@dataclass(slots=True)
class Source:
    """The text of a file, or why there is none."""

    path: str
    text: str | None
    diagnostics: list[Diagnostic]

    @property
    def ok(self) -> bool:
        return self.text is not None


def _problem(code: str, message: str, start: int = 0, lines: LineIndex | None = None) -> Diagnostic:
    return Diagnostic(code, Severity.ERROR, message, Span(start, start, lines))


def decode(data: bytes, path: str = "<text>") -> Source:
    """Turn file bytes into text, or into a diagnostic that says what is wrong and where."""
    if len(data) > MAX_BYTES:
        size = len(data) / (1024 * 1024)
        return Source(path, None, [_problem(
            "E112", f"the file is too large to open ({size:.1f} MB; the limit is "
            f"{MAX_BYTES // (1024 * 1024)} MB)")])
    nul = data.find(b"\x00")  # anywhere: a NUL deep in a file is as binary as one at the top
    if nul != -1:
        return Source(path, None, [_problem(
            "E115", "this looks like a binary file, not .arch text")])
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        good = data[: exc.start].decode("utf-8", "replace")
        lines = LineIndex(good)
        line, column = lines.position(len(good))
        return Source(path, None, [_problem(
            "E111", f"the file is not valid UTF-8: byte 0x{data[exc.start]:02x} at line {line}, "
            f"column {column}; save it as UTF-8", len(good), lines)])
    diagnostics = []
    if not text.strip():
        diagnostics.append(Diagnostic("W114", Severity.WARNING,
                                      "the file is empty; start with: architecture \"Name\" { }",
                                      Span(0, 0)))
    return Source(path, text, diagnostics)


def read_source(path: str | Path) -> Source:
    """Read a file; unreadable files give a diagnostic (code E110), never an exception."""
    name = str(path)
    try:
        file_path = Path(path)
        if file_path.is_dir():
            return Source(name, None, [_problem("E110", "this is a folder, not a file")])
        size = file_path.stat().st_size
        if size > MAX_BYTES:
            mb = size / (1024 * 1024)
            return Source(name, None, [_problem(
                "E112", f"the file is too large to open ({mb:.1f} MB; the limit is "
                f"{MAX_BYTES // (1024 * 1024)} MB)")])
        data = file_path.read_bytes()
    except OSError as exc:
        return Source(name, None, [_problem("E110", f"cannot read the file: {exc.strerror}")])
    source = decode(data, name)
    return source
