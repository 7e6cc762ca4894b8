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

_BARE = re.compile(r"[A-Za-z_\x80-\U0010ffff][A-Za-z0-9_\x80-\U0010ffff]*"
                   r"|-?(\.[0-9]+|[0-9]+(\.[0-9]*)?)")
_SPACE = re.compile(r"[ \t\r\f\v\ufeff]+")


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


def tokenize(text: str, flattened: bool = False) -> list[Token]:
    """Tokens of ``text``. ``flattened`` reads a file whose line breaks were lost (all on
    one line): a ``//`` comment then stops before the next statement."""
    tokens: list[Token] = []
    pos, line, size = 0, 1, len(text)
    at_line_start = True
    while pos < size:
        char = text[pos]
        if char == "\n":
            line += 1
            pos += 1
            at_line_start = True
            continue
        space = _SPACE.match(text, pos)
        if space:
            pos = space.end()
            continue
        if char == "#" and at_line_start:  # a C preprocessor line: ignored by Graphviz
            end = text.find("\n", pos)
            pos = size if end < 0 else end
            continue
        at_line_start = False
        if text.startswith("//", pos):
            pos = _comment_end(text, pos, flattened)
            continue
        if text.startswith("/*", pos):
            end = text.find("*/", pos + 2)
            if end < 0:
                raise ImportFailed("a /* comment is never closed", line)
            line += text.count("\n", pos, end)
            pos = end + 2
            continue
        if char == '"':
            pos, line = _string(text, pos, line, tokens)
            continue
        if char == "<":
            pos, line = _html(text, pos, line, tokens)
            continue
        if text.startswith("->", pos) or text.startswith("--", pos):
            tokens.append(Token(EDGEOP, text[pos:pos + 2], line))
            pos += 2
            continue
        if char in "{}[];,=:+":
            tokens.append(Token(PUNCT, char, line))
            pos += 1
            continue
        bare = _BARE.match(text, pos)
        if bare is None:
            raise ImportFailed(f"unexpected character {char!r}", line)
        tokens.append(Token(ID, bare.group(), line))
        pos = bare.end()
    tokens.append(Token(EOF, "", line))
    return tokens


def _string(text: str, pos: int, line: int, tokens: list[Token]) -> tuple[int, int]:
    start_line, parts, pos = line, [], pos + 1
    chunk = pos
    while True:
        end = _next_of(text, pos, '"\\\n')
        if end < 0:
            raise ImportFailed("a quoted string is never closed", start_line)
        char = text[end]
        if char == '"':
            parts.append(text[chunk:end])
            tokens.append(Token(STRING, "".join(parts), start_line))
            return end + 1, line
        if char == "\n":
            line += 1
            pos = end + 1
            continue
        # a backslash: \" is a quote, backslash-newline joins lines, others stay as written
        parts.append(text[chunk:end])
        following = text[end + 1:end + 2]
        if following == '"':
            parts.append('"')
            pos = chunk = end + 2
        elif following in ("\n", "\r"):
            skip = 3 if text[end + 1:end + 3] == "\r\n" else 2
            line += 1
            pos = chunk = end + skip
        else:
            parts.append("\\" + following)
            pos = chunk = end + 2


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
