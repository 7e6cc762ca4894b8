"""Parses one statement head with the lark grammar in ``arch.lark``.

Results carry offsets relative to the head, so a statement whose text is unchanged is
never parsed twice: :func:`parse_head` caches by text.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from archstudio.dsl.head_types import (
    Head,
    HeadError,
    LayoutHead,
    Piece,
    RelationHead,
    Value,
    WordsHead,
    unquote,
)
from archstudio.dsl.quick_heads import quick_head

if TYPE_CHECKING:
    from lark import Lark, Token
    from lark.exceptions import UnexpectedInput

__all__ = ["parse_head", "printable"]  # the head types are head_types.py's

_GRAMMAR_PATH = Path(__file__).with_name("arch.lark")


def _value(token: Token) -> Value:
    assert token.start_pos is not None and token.end_pos is not None
    text = unquote(str(token)) if token.type == "STRING" else str(token)
    return Value(token.type, text, token.start_pos, token.end_pos)


def _piece(tokens: list[Token]) -> Piece:
    start = tokens[0].start_pos
    end = tokens[-1].end_pos
    assert start is not None and end is not None
    return (".".join(str(t) for t in tokens), start, end)


class _Readings:
    """What each rule of the grammar reads as (lark's transformer, made when first needed)."""

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


_PARSER: Lark | None = None


def _lark() -> Lark:
    """The lark parser of ``arch.lark``, built on first use: the usual heads never need it
    (:func:`quick_head` reads them), so neither opening a file nor starting the app waits
    for lark's import and grammar analysis."""
    global _PARSER
    if _PARSER is None:
        from lark import Lark, Transformer

        to_head = type("ToHead", (_Readings, Transformer), {})
        _PARSER = Lark(_GRAMMAR_PATH.read_text(encoding="utf-8"), parser="lalr",
                       lexer="contextual", transformer=to_head())
    return _PARSER

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
    from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedToken

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


def _lark_head(head: str) -> Head:
    """The head as the lark grammar reads it, errors included."""
    from lark.exceptions import UnexpectedInput

    parser = _lark()
    try:
        return parser.parse(head)
    except UnexpectedInput as exc:
        return _error(head, exc)
    except RecursionError:
        return HeadError("this statement is too complex to read", 0, len(head))


def parse_head(head: str) -> Head:
    """Parse a statement head; never raises."""
    cached = _CACHE.get(head)
    if cached is not None:
        return cached
    result = quick_head(head)
    if result is None:
        result = _lark_head(head)
    if len(_CACHE) >= _CACHE_LIMIT:
        _CACHE.clear()
    _CACHE[head] = result
    return result
