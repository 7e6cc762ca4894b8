"""Plain-text helpers of the edit engine: lines, indentation, quoting, removal ranges.

Everything here works on offsets of the original text, so the operations can collect
non-overlapping :class:`TextEdit` lists and leave applying them to one place.
"""

from __future__ import annotations

import math
import re

from archstudio.dsl.scanner import scan
from archstudio.dsl.textedit import TextEdit, apply_edits

NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(-[A-Za-z0-9_]+)*")
_SEPARATOR_AFTER = re.compile(r"[ \t]*;[ \t]*")
_BLOCK_COMMENT = re.compile(r"/\*.*?\*/")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def is_name(word: str) -> bool:
    return NAME.fullmatch(word) is not None


def quote(value: str) -> str:
    """A double-quoted `.arch` string that reads back as ``value``."""
    return '"' + "".join(_ESCAPES.get(char, char) for char in value) + '"'


def format_number(value: float) -> str:
    """Layout numbers: at most two decimals, never a trailing ``.0`` (``120``, ``40.5``)."""
    if not math.isfinite(value):
        raise ValueError(f"not a finite number: {value}")
    if value == int(value):
        return str(int(value))
    out = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if out == "-0" else out


def line_start(text: str, offset: int) -> int:
    return text.rfind("\n", 0, offset) + 1


def line_end(text: str, offset: int) -> int:
    """Offset of the newline that ends the line holding ``offset`` (or the text's end)."""
    end = text.find("\n", offset)
    return len(text) if end == -1 else end


def indent_at(text: str, offset: int) -> str:
    """The leading whitespace of the line holding ``offset``."""
    start = line_start(text, offset)
    end = start
    while end < len(text) and text[end] in " \t":
        end += 1
    return text[start:end]


def starts_line(text: str, offset: int) -> bool:
    """Whether only blanks (or ``/* */`` comments) come between the line's start and
    ``offset``."""
    before = text[line_start(text, offset) : offset]
    if "/*" in before:
        before = _BLOCK_COMMENT.sub("", before)
    return not before.strip(" \t")


def ends_line(text: str, offset: int) -> bool:
    """Whether the rest of the line after ``offset`` is blank or a ``//`` comment."""
    rest = text[offset : line_end(text, offset)].strip(" \t\r")
    return not rest or rest.startswith("//")


def ends_in_line_comment(text: str) -> bool:
    """Whether ``text`` ends inside a ``//`` comment: whatever is put after it on the same
    line would be commented out, so it needs a line break first."""
    comments = scan(text).comments
    if not comments:
        return False
    start, end = comments[-1]
    return text.startswith("//", start) and not text[end:].strip(" \t\r")


def alone_on_line(text: str, start: int, end: int) -> bool:
    return starts_line(text, start) and ends_line(text, end)


def removal_range(text: str, start: int, end: int) -> tuple[int, int]:
    """What to delete to remove the statement ``[start, end)`` cleanly.

    A statement on lines of its own goes with those whole lines (and the comments on
    them, which are about it), and with one of the two blank lines it leaves between
    its neighbours; one that shares its line loses only itself and the ``;`` or spaces
    that joined it to them.
    """
    if alone_on_line(text, start, end):
        first = line_start(text, start)
        stop = min(len(text), line_end(text, end) + 1)
        after = min(len(text), line_end(text, stop) + 1)
        if first > 0 and stop < len(text) and not text[stop:after].strip() and not text[
            line_start(text, first - 1) : first
        ].strip():
            stop = after
        return first, stop
    after = _SEPARATOR_AFTER.match(text, end)
    if after:
        return start, after.end()
    begin = start
    while begin > 0 and text[begin - 1] in " \t":
        begin -= 1
    if begin > 0 and text[begin - 1] == ";" and _nothing_follows(text, end):
        begin -= 1
        while begin > 0 and text[begin - 1] in " \t":
            begin -= 1
    if begin > 0 and text[begin - 1] == "\n":  # keep the indentation of a shared line
        begin = start
    return begin, end


def _nothing_follows(text: str, end: int) -> bool:
    """Whether no statement follows on the line after ``end``: the ``;`` before a removed
    statement may go with it only then, else it still parts its two neighbours."""
    rest = text[end:].lstrip(" \t\r")
    return not rest or rest[0] in "\n}" or rest.startswith("//")


def blanks_before(text: str, offset: int) -> int:
    """Where the spaces and tabs just before ``offset`` begin."""
    while offset > 0 and text[offset - 1] in " \t":
        offset -= 1
    return offset


def merge_ranges(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Union of overlapping or touching ranges, sorted."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def inside(ranges: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in ranges)


def removal_edits(ranges: list[tuple[int, int]]) -> list[TextEdit]:
    return [TextEdit(start, end, "") for start, end in merge_ranges(ranges)]


def apply_within(text: str, start: int, end: int, edits: list[TextEdit]) -> str:
    """``text[start:end]`` with those ``edits`` that fall inside it applied."""
    local = [
        TextEdit(e.start - start, e.end - start, e.replacement)
        for e in edits
        if start <= e.start and e.end <= end
    ]
    return apply_edits(text[start:end], local)


def reindent(snippet: str, old: str, new: str) -> str:
    """Move every line after the first from indentation ``old`` to ``new``."""
    if old == new or "\n" not in snippet:
        return snippet
    first, *rest = snippet.split("\n")
    lines = [first]
    for line in rest:
        if line.startswith(old):
            lines.append(new + line[len(old) :])
        elif not line.strip():
            lines.append(line)
        else:
            lines.append(new + line.lstrip(" \t"))
    return "\n".join(lines)


def statement_extent(text: str, start: int, end: int) -> tuple[int, int]:
    """A statement with the comments on its lines, when it has them to itself."""
    if not alone_on_line(text, start, end):
        return start, end
    begin = line_start(text, start)
    stop = line_end(text, end)
    while begin < start and text[begin] in " \t":
        begin += 1
    while stop > end and text[stop - 1] in " \t\r":
        stop -= 1
    return begin, stop
