"""Parses one statement head with the lark grammar in ``arch.lark``.

Results carry offsets relative to the head, so a statement whose text is unchanged is
never parsed twice: :func:`parse_head` caches by text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from lark import Lark, Token, Transformer
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

_GRAMMAR = (Path(__file__).with_name("arch.lark")).read_text(encoding="utf-8")

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


def _value(token: Token) -> Value:
    assert token.start_pos is not None and token.end_pos is not None
    text = unquote(str(token)) if token.type == "STRING" else str(token)
    return Value(token.type, text, token.start_pos, token.end_pos)


def _piece(tokens: list[Token]) -> Piece:
    start = tokens[0].start_pos
    end = tokens[-1].end_pos
    assert start is not None and end is not None
    return (".".join(str(t) for t in tokens), start, end)


class _ToHead(Transformer):
    def start(self, children):
        return children[0]

    def ref(self, tokens):
        return _piece(tokens)

    def arrow(self, children):
        (token,) = children
        return (_piece([token]), None)

    def typed_arrow(self, children):
        (token,) = children
        arrow = (f"-[{token}]->", token.start_pos - 2, token.end_pos + 3)
        return (arrow, _piece([token]))

    def value(self, children):
        return _value(children[0])

    def words(self, children):
        return WordsHead(_piece([children[0]]), tuple(children[1:]))

    def relation(self, children):
        source, (arrow, kind), target, *strings = children
        return RelationHead(source, arrow, kind, target, tuple(_value(s) for s in strings))

    def layout_entry(self, children):
        ref, *numbers = children
        return LayoutHead(ref, tuple(_value(n) for n in numbers))


_PARSER = Lark(_GRAMMAR, parser="lalr", lexer="contextual", transformer=_ToHead())

_TOKEN_NAMES = {
    "NAME": "a name",
    "STRING": "a quoted string",
    "NUMBER": "a number",
    "ARROW": "'->'",
    "COMMA": "','",
    "COLON": "':'",
    "DOT": "'.'",
    "MINUS_LSQB": "'-['",
    "RSQB_MINUS_MORETHAN": "']->'",
    "$END": "the end of the statement",
}


def _describe_expected(expected: set[str]) -> str:
    names = sorted({_TOKEN_NAMES.get(name, name.lower()) for name in expected})
    if not names:
        return "something else"
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " or " + names[-1]


def printable(text: str) -> str:
    """Invisible and control characters spelled out, so a message is safe in a terminal."""
    return "".join(c if c.isprintable() else ascii(c)[1:-1] for c in text)


def _describe_token(token: Token) -> str:
    if token.type == "$END":
        return "the end of the statement"
    if token.type == "STRING":
        return f"the string {printable(str(token))}"
    return f"'{printable(str(token))}'"


def _error(head: str, exc: UnexpectedInput) -> HeadError:
    if isinstance(exc, UnexpectedCharacters):
        pos = exc.pos_in_stream or 0
        char = head[pos] if pos < len(head) else "?"
        shown = f"'{char}'" if char.isprintable() else f"U+{ord(char):04X}"  # no raw controls
        return HeadError(f"unexpected character {shown}", pos, pos + 1)
    if isinstance(exc, UnexpectedEOF) or (
        isinstance(exc, UnexpectedToken) and exc.token.type == "$END"
    ):
        end = len(head)
        if head.rstrip().endswith("->"):
            return HeadError("expected a target name after '->'", end, end)
        expected = _describe_expected(set(exc.expected))
        return HeadError(f"the statement ends too early: expected {expected}", end, end)
    assert isinstance(exc, UnexpectedToken)
    token = exc.token
    start = token.start_pos if token.start_pos is not None else len(head)
    end = token.end_pos if token.end_pos is not None else start
    before = head[:start].rstrip()
    if before.endswith("->"):
        return HeadError(f"expected a target name after '->', found {_describe_token(token)}",
                         start, end)
    return HeadError(
        f"unexpected {_describe_token(token)}: expected {_describe_expected(exc.expected)}",
        start,
        end,
    )


_CACHE: dict[str, Head] = {}
_CACHE_LIMIT = 200_000


def parse_head(head: str) -> Head:
    """Parse a statement head; never raises."""
    cached = _CACHE.get(head)
    if cached is not None:
        return cached
    try:
        result: Head = _PARSER.parse(head)
    except UnexpectedInput as exc:
        result = _error(head, exc)
    except RecursionError:
        result = HeadError("this statement is too complex to read", 0, len(head))
    if len(_CACHE) >= _CACHE_LIMIT:
        _CACHE.clear()
    _CACHE[head] = result
    return result
