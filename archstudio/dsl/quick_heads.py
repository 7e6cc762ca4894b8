"""Reads the statement heads a `.arch` file is made of without the lark parser.

Opening a file parses every head once: with lark that is about half a millisecond a head,
over a second for a 2,000-element file, before anything can be drawn. The grammar
(``arch.lark``) is small and unambiguous, so a head is split into the same tokens lark's
lexer makes (the same terminal patterns, the same ignored whitespace) and matched against
its three forms directly. Only heads that are whole and correct are read here; anything
else (a comment inside a head, a character the grammar does not know, a head that does
not fit a form) returns ``None`` and lark reads it, so every error message still comes
from one place. ``tests/test_quick_heads.py`` checks that both readers agree.
"""

from __future__ import annotations

import re

from archstudio.dsl.head_types import (
    Head,
    LayoutHead,
    Piece,
    RelationHead,
    Value,
    WordsHead,
    unquote,
)

# The terminals of arch.lark: its patterns (the same languages, written for speed) and its
# literals, named as the grammar names them where it does, and the whitespace it ignores
# between them. tests/test_quick_heads.py checks them against the grammar itself.
PATTERNS = {
    "STRING": r"\"[^\"\\\n]*(?:\\.[^\"\\\n]*)*\"|'[^'\\\n]*(?:\\.[^'\\\n]*)*'",
    "NAME": r"[A-Za-z_][A-Za-z0-9_]*(?:-[A-Za-z0-9_]+)*",
    "NUMBER": r"-?[0-9]+(?:\.[0-9]+)?",
}
LITERALS = {"ARROW": "->", "LSQB": "-[", "RSQB": "]->", "COMMA": ",", "COLON": ":", "DOT": "."}
IGNORED = r"[ \t\r\n]"
# no two terminals match at the same place, so the order of the alternatives does not matter
_TOKEN = re.compile(IGNORED + "*(?:" + "|".join(
    [f"(?P<{name}>{pattern})" for name, pattern in PATTERNS.items()]
    + [f"(?P<{name}>{re.escape(text)})" for name, text in LITERALS.items()]) + ")")
_TRAILING = re.compile(IGNORED + "*")

Token = tuple[str, str, int, int]  # (type, text, start, end)


def _tokens(head: str) -> list[Token] | None:
    """The head's tokens, or None when a part of it is not a token of the grammar."""
    tokens: list[Token] = []
    pos, end = 0, len(head)
    match = _TOKEN.match
    while True:
        found = match(head, pos)
        if found is None:
            tail = _TRAILING.match(head, pos)
            return tokens if tail is not None and tail.end() == end else None
        kind = found.lastgroup
        assert kind is not None
        start = found.start(kind)
        pos = found.end()
        tokens.append((kind, found.group(kind), start, pos))


def _value(token: Token) -> Value:
    kind, text, start, end = token
    return Value(kind, unquote(text) if kind == "STRING" else text, start, end)


def _ref(tokens: list[Token], at: int) -> tuple[Piece, int] | None:
    """``NAME ("." NAME)*`` from ``at``: the piece and the index after it."""
    if at >= len(tokens) or tokens[at][0] != "NAME":
        return None
    names = [tokens[at]]
    at += 1
    while at + 1 < len(tokens) and tokens[at][0] == "DOT" and tokens[at + 1][0] == "NAME":
        names.append(tokens[at + 1])
        at += 2
    if at < len(tokens) and tokens[at][0] == "DOT":
        return None  # a dot not followed by a name
    piece = (".".join(t[1] for t in names), names[0][2], names[-1][3])
    return piece, at


def _words(tokens: list[Token]) -> WordsHead | None:
    """``NAME (value (","? value)*)?``."""
    values: list[Value] = []
    expect_value = True  # right after the word and after a comma a value must follow
    for token in tokens[1:]:
        kind = token[0]
        if kind in ("STRING", "NAME", "NUMBER"):
            values.append(_value(token))
            expect_value = False
        elif kind == "COMMA" and not expect_value:
            expect_value = True
        else:
            return None
    if values and expect_value:
        return None  # a trailing comma
    word = tokens[0]
    return WordsHead((word[1], word[2], word[3]), tuple(values))


def _relation(tokens: list[Token], source: Piece, at: int) -> RelationHead | None:
    """``ref arrow ref STRING? STRING?`` with ``ref`` read up to ``at``."""
    kind: Piece | None = None
    if tokens[at][0] == "ARROW":
        _, text, start, end = tokens[at]
        arrow: Piece = (text, start, end)
        at += 1
    elif (tokens[at][0] == "LSQB" and at + 2 < len(tokens) and tokens[at + 1][0] == "NAME"
          and tokens[at + 2][0] == "RSQB"):
        _, name, start, end = tokens[at + 1]
        arrow = (f"-[{name}]->", start - 2, end + 3)  # as lark's reading reports it
        kind = (name, start, end)
        at += 3
    else:
        return None
    target = _ref(tokens, at)
    if target is None:
        return None
    target_piece, at = target
    strings = tokens[at:]
    if len(strings) > 2 or any(t[0] != "STRING" for t in strings):
        return None
    return RelationHead(source, arrow, kind, target_piece, tuple(_value(t) for t in strings))


def _layout(tokens: list[Token], ref: Piece, at: int) -> LayoutHead | None:
    """``ref ":" NUMBER "," NUMBER ("," NUMBER "," NUMBER)?``."""
    rest = [t[0] for t in tokens[at:]]
    if rest not in (_TWO_NUMBERS, _FOUR_NUMBERS):
        return None
    return LayoutHead(ref, tuple(_value(t) for t in tokens[at:] if t[0] == "NUMBER"))


_TWO_NUMBERS = ["COLON", "NUMBER", "COMMA", "NUMBER"]
_FOUR_NUMBERS = [*_TWO_NUMBERS, "COMMA", "NUMBER", "COMMA", "NUMBER"]


def quick_head(head: str) -> Head | None:
    """The head as lark would read it, or None when lark must read it (an error, a
    comment, anything unusual)."""
    tokens = _tokens(head)
    if not tokens or tokens[0][0] != "NAME":
        return None
    if len(tokens) == 1 or tokens[1][0] in ("STRING", "NAME", "NUMBER", "COMMA"):
        return _words(tokens)
    ref = _ref(tokens, 0)
    if ref is None:
        return None
    piece, at = ref
    if at >= len(tokens):
        return None
    if tokens[at][0] == "COLON":
        return _layout(tokens, piece, at)
    return _relation(tokens, piece, at)
