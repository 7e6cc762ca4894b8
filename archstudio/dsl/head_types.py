"""The readings of one statement head, shared by both readers of heads.

:mod:`archstudio.dsl.quick_heads` reads the usual heads directly and
:mod:`archstudio.dsl.statements` hands the rest to the lark grammar; both return these.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# (text, relative start, relative end)
Piece = tuple[str, int, int]


@dataclass(frozen=True, slots=True)
class Value:
    kind: str  # "STRING", "NAME" or "NUMBER"
    text: str  # unquoted and unescaped for strings
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class WordsHead:
    """``NAME value*``: an element head, a property, ``architecture`` or ``layout``."""

    word: Piece
    values: tuple[Value, ...]


@dataclass(frozen=True, slots=True)
class RelationHead:
    source: Piece
    arrow: Piece
    kind: Piece | None
    target: Piece
    strings: tuple[Value, ...]


@dataclass(frozen=True, slots=True)
class LayoutHead:
    ref: Piece
    numbers: tuple[Value, ...]


@dataclass(frozen=True, slots=True)
class HeadError:
    message: str
    start: int
    end: int


Head = WordsHead | RelationHead | LayoutHead | HeadError


_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", '"': '"', "'": "'",
                   "0": "\0"}
_ESCAPE = re.compile(r"\\(?:x([0-9A-Fa-f]{2})|u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))",
                     re.DOTALL)


def _unescape(match: re.Match[str]) -> str:
    code = match.group(1) or match.group(2) or match.group(3)
    if code is not None:
        value = int(code, 16)
        return chr(value) if value <= 0x10FFFF and not 0xD800 <= value <= 0xDFFF else match[0]
    return _SIMPLE_ESCAPES.get(match.group(4), match[0])  # unknown escapes stay as written


def unquote(raw: str) -> str:
    """The value of a quoted string: \\n, \\t, \\r, \\\\, quotes, \\xHH, \\uHHHH and
    \\UHHHHHHHH are decoded; any other backslash is kept as written."""
    body = raw[1:-1]
    if "\\" not in body:
        return body
    return _ESCAPE.sub(_unescape, body)
