"""Splits `.arch` text into a tree of statements and collects comments.

The language is a sequence of one-line statements and ``{ }`` blocks, so the structure
is found with one regular-expression pass, and only the statement heads go through the
lark grammar (see :mod:`archstudio.dsl.statements`). This keeps a syntax error local to
its statement (every error is reported, parsing goes on at the next statement) and lets
the parser reuse the parse of every statement whose text did not change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MAX_DEPTH = 32

_SIGNIFICANT = re.compile(
    r"""
      (?P<string>"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
    | (?P<badstring>["'](?:[^"'\\\n]|\\.)*)
    | (?P<line_comment>//[^\n]*)
    | (?P<block_comment>/\*.*?\*/)
    | (?P<bad_comment>/\*)
    | (?P<structure>[{};\n])
    """,
    re.VERBOSE | re.DOTALL,
)


@dataclass(slots=True)
class RawStatement:
    """One statement: its head (``container Api "API"``) and, maybe, a block."""

    start: int
    head_end: int
    end: int
    open_brace: int | None = None
    close_brace: int | None = None
    children: list[RawStatement] | None = None


@dataclass(slots=True)
class ScanProblem:
    code: str
    message: str
    start: int
    end: int


@dataclass(slots=True)
class ScanResult:
    statements: list[RawStatement]
    comments: list[tuple[int, int]]
    problems: list[ScanProblem] = field(default_factory=list)


class _Frame:
    __slots__ = ("statement", "children")

    def __init__(self, statement: RawStatement | None, children: list[RawStatement]) -> None:
        self.statement = statement
        self.children = children


def scan(text: str) -> ScanResult:
    """Find statements, blocks and comments; never raises on any input."""
    root: list[RawStatement] = []
    stack: list[_Frame] = [_Frame(None, root)]
    comments: list[tuple[int, int]] = []
    problems: list[ScanProblem] = []
    head_start = -1
    head_end = -1
    last_terminated_by_newline = False
    skipped_depth = 0  # blocks nested past MAX_DEPTH are skipped, not parsed
    pos = 0

    def note_content(start: int, end: int) -> None:
        nonlocal head_start, head_end
        chunk = text[start:end]
        stripped = chunk.lstrip()
        if not stripped:
            return
        first = end - len(stripped)
        if head_start < 0:
            head_start = first
        head_end = end - (len(chunk) - len(chunk.rstrip()))

    def flush(newline: bool) -> None:
        nonlocal head_start, last_terminated_by_newline
        if head_start >= 0:
            if skipped_depth == 0:
                stack[-1].children.append(RawStatement(head_start, head_end, head_end))
            head_start = -1
            last_terminated_by_newline = newline

    for match in _SIGNIFICANT.finditer(text):
        kind = match.lastgroup
        start, end = match.span()
        if start > pos:
            note_content(pos, start)
        pos = end
        if kind == "string":
            note_content(start, end)
        elif kind == "line_comment" or kind == "block_comment":
            comments.append((start, end))
        elif kind == "badstring":
            note_content(start, end)
            problems.append(ScanProblem("E102", "this string is not closed: add a \"", start, end))
        elif kind == "bad_comment":
            comments.append((start, len(text)))
            problems.append(
                ScanProblem("E102", "this comment is not closed: add */", start, start + 2)
            )
            pos = len(text)
            break
        else:
            char = text[start]
            if char == "\n" or char == ";":
                flush(char == "\n")
            elif char == "{":
                if skipped_depth:
                    skipped_depth += 1
                    head_start = -1
                    continue
                if head_start >= 0:
                    statement = RawStatement(head_start, head_end, end)
                    stack[-1].children.append(statement)
                    head_start = -1
                else:
                    siblings = stack[-1].children
                    if (
                        siblings
                        and siblings[-1].open_brace is None
                        and last_terminated_by_newline
                    ):
                        statement = siblings[-1]  # brace on the line after its head
                    else:
                        problems.append(
                            ScanProblem("E103", "a block '{' must follow a statement", start, end)
                        )
                        statement = RawStatement(start, start, end)
                        siblings.append(statement)
                statement.open_brace = start
                statement.children = []
                if len(stack) > MAX_DEPTH:
                    problems.append(
                        ScanProblem(
                            "E113",
                            f"blocks are nested more than {MAX_DEPTH} levels deep; "
                            "the inner ones are ignored",
                            start,
                            end,
                        )
                    )
                    skipped_depth = 1
                    continue
                stack.append(_Frame(statement, statement.children))
            else:  # "}"
                if skipped_depth:
                    skipped_depth -= 1
                    head_start = -1
                    if skipped_depth:
                        continue
                    frame = stack.pop()
                    assert frame.statement is not None
                    frame.statement.close_brace = start
                    frame.statement.end = end
                    continue
                flush(False)
                if len(stack) == 1:
                    problems.append(
                        ScanProblem("E104", "this '}' closes no block", start, end)
                    )
                    continue
                frame = stack.pop()
                assert frame.statement is not None
                frame.statement.close_brace = start
                frame.statement.end = end
                last_terminated_by_newline = False
    if pos < len(text):
        note_content(pos, len(text))
    flush(False)
    while len(stack) > 1:
        frame = stack.pop()
        assert frame.statement is not None
        brace = frame.statement.open_brace or 0
        problems.append(
            ScanProblem("E103", "this block is never closed: add a '}'", brace, brace + 1)
        )
        frame.statement.end = len(text)
    return ScanResult(root, comments, problems)
