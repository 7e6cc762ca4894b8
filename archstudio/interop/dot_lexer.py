"""Tokens of the Graphviz DOT language, in one linear pass.

Handles ``//``, ``/* */`` and ``#`` line comments, quoted strings with escapes and
backslash-newline continuations (and ``"a" + "b"`` concatenation, done by the parser),
HTML strings ``<...>`` that end at their matching ``>``, and ports after ``:``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from archstudio.interop.graph import ImportFailed

ID, STRING, HTML, EDGEOP, PUNCT, EOF = "ID", "STRING", "HTML", "EDGEOP", "PUNCT", "EOF"



@dataclass(slots=True)
class Token:
    type: str
    text: str
    line: int


_STATEMENT_AHEAD = re.compile(r'("[^"\n]*"|[\w.]+)[ \t]*(\[|->|--|=)|}')


def _comment_end(text: str, pos: int, flattened: bool) -> int:
    """Where a ``//`` comment ends: the end of the line, or, in a file that lost its line
    breaks, just before the next statement on the line."""
    end = text.find("\n", pos)
    end = len(text) if end < 0 else end
    if flattened:
        ahead = _STATEMENT_AHEAD.search(text, pos + 2, end)
        if ahead:
            return ahead.start()
    return end


_MASTER = re.compile(r"""
    (?P<space>[ \t\r\f\v\ufeff]+)
  | (?P<newline>\n)
  | (?P<line_comment>//[^\n]*)
  | (?P<block_comment>/\*.*?\*/)
  | (?P<string>"(?:[^"\\]|\\.)*")
  | (?P<edge>->|--)
  | (?P<punct>[{}\[\];,=:+])
  | (?P<bare>[A-Za-z_\x80-\U0010ffff][A-Za-z0-9_\x80-\U0010ffff]*
             |-?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?))
""", re.X | re.S)
_CONTINUATION = re.compile(r"\\\r?\n")
_ESCAPED_QUOTE = re.compile(r'\\(.)', re.S)


def tokenize(text: str, flattened: bool = False) -> list[Token]:
    """Tokens of ``text``. ``flattened`` reads a file whose line breaks were lost (all on
    one line): a ``//`` comment then stops before the next statement."""
    tokens: list[Token] = []
    append = tokens.append
    pos, line, size = 0, 1, len(text)
    at_line_start = True
    match_at = _MASTER.match
    while pos < size:
        char = text[pos]
        if char == "#" and at_line_start:  # a C preprocessor line: ignored by Graphviz
            end = text.find("\n", pos)
            pos = size if end < 0 else end
            continue
        if char == "<":
            pos, line = _html(text, pos, line, tokens)
            at_line_start = False
            continue
        match = match_at(text, pos)
        if match is None:
            if text.startswith("/*", pos):
                raise ImportFailed("a /* comment is never closed", line)
            if char == '"':
                raise ImportFailed("a quoted string is never closed", line)
            raise ImportFailed(f"unexpected character {char!r}", line)
        kind = match.lastgroup
        if kind == "newline":
            line += 1
            at_line_start = True
            pos = match.end()
            continue
        if kind == "space":
            pos = match.end()
            continue
        at_line_start = False
        if kind == "line_comment":
            pos = _comment_end(text, pos, flattened) if flattened else match.end()
            continue
        value = match.group()
        if kind == "block_comment":
            line += value.count("\n")
        elif kind == "string":
            append(Token(STRING, _string_value(value[1:-1]), line))
            line += value.count("\n")
        elif kind == "edge":
            append(Token(EDGEOP, value, line))
        elif kind == "punct":
            append(Token(PUNCT, value, line))
        else:
            append(Token(ID, value, line))
        pos = match.end()
    tokens.append(Token(EOF, "", line))
    return tokens


def _string_value(raw: str) -> str:
    """A quoted string's content: backslash-newline joins lines, ``\\"`` is a quote,
    other escapes stay as written (labels give them meaning later)."""
    if "\\" not in raw:
        return raw
    raw = _CONTINUATION.sub("", raw)
    return _ESCAPED_QUOTE.sub(lambda m: '"' if m.group(1) == '"' else m.group(), raw)


_SPECIALS: dict[str, re.Pattern[str]] = {}


def _next_of(text: str, pos: int, chars: str) -> int:
    pattern = _SPECIALS.get(chars)
    if pattern is None:
        pattern = _SPECIALS[chars] = re.compile("[" + re.escape(chars) + "]")
    found = pattern.search(text, pos)
    return found.start() if found else -1


def _html(text: str, pos: int, line: int, tokens: list[Token]) -> tuple[int, int]:
    depth, start, start_line = 0, pos, line
    while True:
        end = _next_of(text, pos, "<>\n")
        if end < 0:
            raise ImportFailed("an HTML label <...> is never closed", start_line)
        char = text[end]
        pos = end + 1
        if char == "\n":
            line += 1
        elif char == "<":
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                tokens.append(Token(HTML, text[start + 1:end], start_line))
                return pos, line
