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
    [ \t\r\f\v\ufeff]*
    (?:
      (?P<bare>[A-Za-z_\x80-\U0010ffff][A-Za-z0-9_\x80-\U0010ffff]*
               |-?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?))
    | (?P<punct>[{}\[\];,=:+])
    | (?P<string>"(?:[^"\\]|\\.)*")
    | (?P<newline>\n)
    | (?P<edge>->|--)
    | (?P<line_comment>//[^\n]*)
    | (?P<block_comment>/\*.*?\*/)
    | (?P<hash>\#[^\n]*)
    | (?P<html><)
    | (?P<error>.)
    | (?P<end>$)
    )""", re.X | re.S)
_CONTINUATION = re.compile(r"\\\r?\n")
_ESCAPED_QUOTE = re.compile(r'\\(.)', re.S)
_KINDS = {"string": STRING, "edge": EDGEOP, "punct": PUNCT, "bare": ID}


def tokenize(text: str, flattened: bool = False) -> list[Token]:
    """Tokens of ``text``. ``flattened`` reads a file whose line breaks were lost (all on
    one line): a ``//`` comment then stops before the next statement."""
    tokens: list[Token] = []
    append = tokens.append
    pos, line = 0, 1
    at_line_start = True
    while True:  # one pass of finditer, restarted after each HTML string
        for match in _MASTER.finditer(text, pos):
            kind = match.lastgroup
            if kind == "newline":
                line += 1
                at_line_start = True
                continue
            if kind == "end":
                append(Token(EOF, "", line))
                return tokens
            value = match.group(kind)
            if kind == "hash" and at_line_start:  # a C preprocessor line: ignored
                continue
            if kind in ("hash", "error"):
                raise ImportFailed(_unexpected(value, text, match.start(kind)), line)
            if kind == "html":
                pos, line = _html(text, match.start(kind), line, tokens)
                at_line_start = False
                break
            at_line_start = False
            if kind == "line_comment":
                if flattened:
                    pos = _comment_end(text, match.start(kind), flattened)
                    break
                continue
            if kind == "block_comment":
                line += value.count("\n")
                continue
            if kind == "string":
                append(Token(STRING, _string_value(value[1:-1]), line))
                line += value.count("\n")
                continue
            append(Token(_KINDS[kind], value, line))
        else:
            append(Token(EOF, "", line))
            return tokens


def _unexpected(char: str, text: str, pos: int) -> str:
    if text.startswith("/*", pos):
        return "a /* comment is never closed"
    if char == '"':
        return "a quoted string is never closed"
    return f"unexpected character {char!r}"


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
