"""Prints the canonical form of a `.arch` text, keeping every comment.

The formatter works from the scanner's statement tree and the parsed statement heads,
never from the model, so nothing the author wrote is lost: each comment is placed by
:mod:`archstudio.dsl.format_items` next to the statement it was written beside, and
each statement is re-printed from its tokens. A text with syntax errors (codes E1xx) is
refused with :class:`FormatError`, because guessing what a broken text means could lose
work.
"""

from __future__ import annotations

from archstudio.dsl.format_items import Comment, Item, Levels, split_trailing
from archstudio.dsl.head_types import (
    HeadError,
    LayoutHead,
    RelationHead,
    Value,
    WordsHead,
)
from archstudio.dsl.parser import parse
from archstudio.dsl.scanner import RawStatement, scan
from archstudio.dsl.statements import parse_head
from archstudio.model.diagnostics import Diagnostic
from archstudio.model.elements import Model
from archstudio.model.kinds import KIND_KEYWORDS

INDENT = "  "

# Where a statement stands decides what it means (``layout`` is a section at the top,
# a property inside an element).
ROOT, ARCHITECTURE, BODY, RELATION, LAYOUT, VERBATIM = (
    "root", "architecture", "body", "relation", "layout", "verbatim"
)


class FormatError(ValueError):
    """The text has syntax errors; ``diagnostics`` lists them (codes E1xx)."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = diagnostics
        first = diagnostics[0]
        more = f" (and {len(diagnostics) - 1} more)" if len(diagnostics) > 1 else ""
        super().__init__(
            f"cannot format a text with syntax errors: line {first.span.line}, column "
            f"{first.span.column}: {first.code} {first.message}{more}"
        )


def syntax_errors(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    return [d for d in diagnostics if d.is_error and d.code.startswith("E1")]


def format_text(text: str, model: Model | None = None) -> str:
    """The canonical form of ``text``; raises :class:`FormatError` on syntax errors.
    ``model`` is ``text`` parsed already, when the caller has it."""
    errors = syntax_errors((model or parse(text)).diagnostics)
    if errors:
        raise FormatError(errors)
    return _Printer(text).run()


def quote(value: str) -> str:
    """A double-quoted string that the parser reads back as exactly ``value``."""
    out = []
    for char in value:
        if char == "\\" or char == '"':
            out.append("\\" + char)
        elif char == "\n":
            out.append("\\n")
        elif char == "\t":
            out.append("\\t")
        elif char == "\r":
            out.append("\\r")
        elif ord(char) < 0x20 or char == "\x7f":
            out.append(f"\\x{ord(char):02x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def number(text: str) -> str:
    """``120.0`` -> ``120``, ``-007.50`` -> ``-7.5``: the same value, written one way."""
    sign = "-" if text.startswith("-") else ""
    whole, _, fraction = text.lstrip("-").partition(".")
    whole = whole.lstrip("0") or "0"
    fraction = fraction.rstrip("0")
    if whole == "0" and not fraction:
        sign = ""
    return sign + whole + ("." + fraction if fraction else "")


def _value(value: Value) -> str:
    return quote(value.text) if value.kind == "STRING" else value.text


class _Printer:
    def __init__(self, text: str) -> None:
        self.text = text
        scanned = scan(text)
        self.levels = Levels(text, scanned.comments)
        self.statements = scanned.statements
        self.layout_unit: list[Item] = []

    def run(self) -> str:
        items = self.levels.items(self.statements, 0, len(self.text), opener=False)[1]
        items, root_layout = self.take_layout(items, ROOT)
        lines = self.render(items, ROOT, 0)
        layout = root_layout or self.layout_unit
        if layout:
            layout[0].blank_before = True
            lines.extend(self.render(layout, ROOT, 0, first=not lines))
        return "\n".join(lines) + "\n" if lines else ""

    # -- items -----------------------------------------------------------------------
    def render(self, items: list[Item], context: str, depth: int, first: bool = True) -> list[str]:
        lines: list[str] = []
        indent = INDENT * depth
        if context == LAYOUT:
            items = self.sorted_entries(items)
        for item in items:
            if item.blank_before and (lines or not first):
                lines.append("")
            if item.statement is None:
                assert item.comment is not None
                lines.extend(self.comment_lines(item.comment, indent))
                open_line_comment = False
            else:
                open_line_comment = self.statement_lines(item.statement, context, depth, lines)
            if item.trailing and open_line_comment:  # nothing can follow a // comment
                lines.append(indent)
            if item.trailing:
                lines[-1] += (" " if lines[-1].strip() else "") + " ".join(
                    c.text for c in item.trailing)
        return lines

    def comment_lines(self, comment: Comment, indent: str) -> list[str]:
        first, *rest = comment.text.split("\n")
        return [indent + first, *rest]

    def take_layout(self, items: list[Item], context: str) -> tuple[list[Item], list[Item]]:
        """Cut the layout section, with the comments just above it, out of a level."""
        for index, item in enumerate(items):
            if item.statement is not None and self.is_layout(item.statement, context):
                start = index
                while (
                    start > 0
                    and not items[start].blank_before
                    and items[start - 1].statement is None
                    and not items[start - 1].trailing
                ):
                    start -= 1
                return items[:start] + items[index + 1 :], items[start : index + 1]
        return items, []

    def is_layout(self, statement: RawStatement, context: str) -> bool:
        if context not in (ROOT, ARCHITECTURE):
            return False
        head = self.head(statement)
        return isinstance(head, WordsHead) and head.word[0] == "layout"

    def sorted_entries(self, items: list[Item]) -> list[Item]:
        """Entries sorted by id; each carries the comments written above it."""
        units: list[tuple[str, list[Item]]] = []
        pending: list[Item] = []
        for item in items:
            pending.append(item)
            if item.statement is not None:
                units.append((self.entry_key(item.statement), pending))
                pending = []
        units.sort(key=lambda unit: unit[0])
        ordered = [item for _, unit in units for item in unit]
        return ordered + pending

    def entry_key(self, statement: RawStatement) -> str:
        head = self.head(statement)
        if isinstance(head, LayoutHead):
            return head.ref[0]
        return self.head_text(statement)

    # -- statements ------------------------------------------------------------------
    def head(self, statement: RawStatement):
        return parse_head(self.head_text(statement))

    def head_text(self, statement: RawStatement) -> str:
        return self.text[statement.start : statement.head_end]

    def statement_lines(
        self, statement: RawStatement, context: str, depth: int, lines: list[str]
    ) -> bool:
        """Print a statement into ``lines``; true when it ends in a // comment."""
        indent = INDENT * depth
        printed, inner, keep_empty = self.print_head(statement, context)
        verbatim = printed is None
        if printed is None:
            printed = self.head_text(statement)
        brace = statement.open_brace
        own_from = statement.head_end if verbatim else statement.start
        own = self.levels.comments_in(own_from, brace if brace is not None else statement.end)
        if brace is None:
            lines.extend((indent + printed + "".join(" " + c.text for c in own)).split("\n"))
            return False
        assert statement.close_brace is not None and statement.children is not None
        opener, items = self.levels.items(statement.children, brace + 1, statement.close_brace)
        on_line, spilled = split_trailing(own + opener)
        items = spilled + items
        if not items and not opener and not keep_empty:  # an empty block says nothing
            lines.extend((indent + printed + "".join(" " + c.text for c in on_line)).split("\n"))
            return bool(on_line) and on_line[-1].is_line
        if inner == ARCHITECTURE:
            items, self.layout_unit = self.take_layout(items, ARCHITECTURE)
        first = indent + printed + " {" + "".join(" " + c.text for c in on_line)
        lines.extend(first.split("\n"))
        lines.extend(self.render(items, inner, depth + 1))
        lines.append(indent + "}")
        return False

    def print_head(self, statement: RawStatement, context: str) -> tuple[str | None, str, bool]:
        """(canonical head or None to keep it as written, context of its block, keep {})."""
        head = self.head(statement)
        if isinstance(head, HeadError) or context in (VERBATIM,):
            return None, VERBATIM, True
        if context == LAYOUT:
            if not isinstance(head, LayoutHead):
                return None, VERBATIM, True
            numbers = ", ".join(number(n.text) for n in head.numbers)
            return f"{head.ref[0]}: {numbers}", VERBATIM, True
        if isinstance(head, LayoutHead):
            return None, VERBATIM, True
        if isinstance(head, RelationHead):
            parts = [head.source[0], head.arrow[0], head.target[0]]
            parts += [quote(s.text) for s in head.strings]
            return " ".join(parts), RELATION, False
        word = head.word[0]
        if context in (ROOT, ARCHITECTURE) and word == "layout":
            return self.words(head, ", "), LAYOUT, True
        if context == ROOT and word == "architecture":
            return self.words(head, " "), ARCHITECTURE, True
        values = head.values
        if context != RELATION and word in KIND_KEYWORDS and values and values[0].kind == "NAME":
            return self.words(head, " "), BODY, False
        return self.words(head, ", "), VERBATIM, True

    def words(self, head: WordsHead, separator: str) -> str:
        if not head.values:
            return head.word[0]
        return head.word[0] + " " + separator.join(_value(v) for v in head.values)
