"""Splits `.arch` text into a tree of statements and collects comments.

The language is a sequence of one-line statements and ``{ }`` blocks, so the structure
is found with one regular-expression pass, and only the statement heads go through the
lark grammar (see :mod:`archstudio.dsl.statements`). This keeps a syntax error local to
its statement (every error is reported, parsing goes on at the next statement) and lets
the parser reuse the parse of every statement whose text did not change.

A whole statement head (words and closed strings) is one regular-expression match, so
the Python loop runs about twice per line rather than once per token. :func:`scan_region`
re-scans only the part of a block that an edit touched (see
:mod:`archstudio.dsl.incremental`).
"""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass, field

MAX_DEPTH = 32

_SIGNIFICANT = re.compile(
    r"""
      (?P<content>(?:[^"'{};\n/]++|/(?![/*])|"(?:[^"\\\n]++|\\.)*+"|'(?:[^'\\\n]++|\\.)*+')++)
    | (?P<badstring>["'](?:[^"'\\\n]++|\\.)*+)
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


@dataclass(slots=True)
class RegionScan:
    """The statements of part of one block, from a statement start to a sync point."""

    statements: list[RawStatement]
    comments: list[tuple[int, int]]
    problems: list[ScanProblem]
    stop: int  # the sync position reached, or the position of the block's closing brace
    closed: bool  # True when the scan stopped at the block's closing brace


class _Frame:
    __slots__ = ("statement", "children")

    def __init__(self, statement: RawStatement | None, children: list[RawStatement]) -> None:
        self.statement = statement
        self.children = children


def _close_block(stack: list[_Frame], brace: int) -> list[RawStatement]:
    """End the innermost block at the '}' at ``brace``; the enclosing block's statements
    are the ones to add to next."""
    frame = stack.pop()
    assert frame.statement is not None
    frame.statement.close_brace = brace
    frame.statement.end = brace + 1
    return stack[-1].children


def scan(text: str) -> ScanResult:
    """Find statements, blocks and comments; never raises on any input."""
    statements, comments, problems, _, _ = _scan(text, 0, 0, None, -1)
    return ScanResult(statements, comments, problems)


def scan_region(
    text: str, start: int, depth: int, sync: Container[int], close_at: int
) -> RegionScan | None:
    """Scan ``text`` from a statement start inside a block ``depth`` levels deep.

    The scan stops where a statement would begin at one of the ``sync`` positions at
    the block's own level (from there on the text scans as before), or at the block's
    closing brace if that is at ``close_at``; at the root (``depth`` 0, ``close_at`` -1)
    at the end of the text. None when the edit changed the structure around it (the
    brace moved, a comment or block is left open): scan it all again.
    """
    statements, comments, problems, stop, closed = _scan(text, start, depth, sync, close_at)
    if stop < 0:
        return None
    return RegionScan(statements, comments, problems, stop, closed)


def _scan(
    text: str, pos: int, depth: int, sync: Container[int] | None, close_at: int
) -> tuple[list[RawStatement], list[tuple[int, int]], list[ScanProblem], int, bool]:
    """The scan loop; in a region scan (``sync`` given) the fourth item is where it
    stopped, -1 when it could not stop cleanly."""
    root: list[RawStatement] = []
    stack: list[_Frame] = [_Frame(None, root)]
    siblings = root
    comments: list[tuple[int, int]] = []
    problems: list[ScanProblem] = []
    head_start = -1
    head_end = -1
    last_terminated_by_newline = False
    skipped_depth = 0  # blocks nested past MAX_DEPTH are skipped, not parsed
    region = sync is not None

    for match in _SIGNIFICANT.finditer(text, pos):
        kind = match.lastgroup
        if kind == "content":
            chunk = match.group()
            stripped = chunk.lstrip()
            if not stripped:
                continue
            end = match.end()
            if head_start < 0:
                head_start = end - len(stripped)
                if region and len(stack) == 1 and head_start in sync and not skipped_depth:
                    return root, comments, problems, head_start, False
            head_end = end - (len(stripped) - len(stripped.rstrip()))
        elif kind == "structure":
            start = match.start()
            char = text[start]
            if char == "\n" or char == ";":
                if head_start >= 0:
                    if not skipped_depth:
                        siblings.append(RawStatement(head_start, head_end, head_end))
                    head_start = -1
                    last_terminated_by_newline = char == "\n"
            elif char == "{":
                if skipped_depth:
                    skipped_depth += 1
                    head_start = -1
                    continue
                if head_start >= 0:
                    statement = RawStatement(head_start, head_end, start + 1)
                    siblings.append(statement)
                    head_start = -1
                elif siblings and siblings[-1].open_brace is None and last_terminated_by_newline:
                    statement = siblings[-1]  # brace on the line after its head
                else:
                    problems.append(
                        ScanProblem("E103", "a block '{' must follow a statement", start, start + 1)
                    )
                    statement = RawStatement(start, start, start + 1)
                    siblings.append(statement)
                statement.open_brace = start
                statement.children = []
                if len(stack) + depth > MAX_DEPTH:
                    problems.append(
                        ScanProblem(
                            "E113",
                            f"blocks are nested more than {MAX_DEPTH} levels deep; "
                            "the inner ones are ignored",
                            start,
                            start + 1,
                        )
                    )
                    skipped_depth = 1
                    continue
                stack.append(_Frame(statement, statement.children))
                siblings = statement.children
            else:  # "}"
                if skipped_depth:
                    skipped_depth -= 1
                    head_start = -1
                    if skipped_depth:
                        continue
                    siblings = _close_block(stack, start)
                    continue
                if head_start >= 0:
                    siblings.append(RawStatement(head_start, head_end, head_end))
                    head_start = -1
                    last_terminated_by_newline = False
                if len(stack) == 1:
                    if region and close_at >= 0:
                        return root, comments, problems, start if start == close_at else -1, True
                    problems.append(
                        ScanProblem("E104", "this '}' closes no block", start, start + 1)
                    )
                    continue
                siblings = _close_block(stack, start)
                last_terminated_by_newline = False
        elif kind == "badstring":
            start, end = match.span()
            if head_start < 0:
                head_start = start
                if region and len(stack) == 1 and start in sync and not skipped_depth:
                    return root, comments, problems, start, False
            chunk = match.group()
            head_end = end - (len(chunk) - len(chunk.rstrip()))
            problems.append(ScanProblem("E102", "this string is not closed: add a \"", start, end))
        elif kind == "bad_comment":
            if region:
                return root, comments, problems, -1, False
            start = match.start()
            comments.append((start, len(text)))
            problems.append(
                ScanProblem("E102", "this comment is not closed: add */", start, start + 2)
            )
            break
        else:  # a closed comment
            comments.append(match.span())
    if region and (close_at >= 0 or len(stack) > 1 or skipped_depth):
        return root, comments, problems, -1, False
    if head_start >= 0 and not skipped_depth:
        siblings.append(RawStatement(head_start, head_end, head_end))
    while len(stack) > 1:
        frame = stack.pop()
        assert frame.statement is not None
        brace = frame.statement.open_brace or 0
        problems.append(
            ScanProblem("E103", "this block is never closed: add a '}'", brace, brace + 1)
        )
        frame.statement.end = len(text)
    return root, comments, problems, len(text), True
