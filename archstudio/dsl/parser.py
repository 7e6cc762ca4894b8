"""Builds a :class:`~archstudio.model.Model` from `.arch` text.

The scanner finds statements and blocks, :mod:`statements` parses each head (cached by
text, so a re-parse after a keystroke only parses what changed), and this module turns
heads into elements, relations, properties and layout entries with absolute spans.
Semantic checks live in :mod:`archstudio.dsl.semantics`.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from archstudio.dsl.head_types import (
    HeadError,
    LayoutHead,
    Piece,
    RelationHead,
    Value,
    WordsHead,
)
from archstudio.dsl.scanner import RawStatement, scan
from archstudio.dsl.semantics import check
from archstudio.dsl.statements import parse_head, printable
from archstudio.model.diagnostics import Diagnostic, Severity, sort_key
from archstudio.model.elements import (
    Block,
    Comment,
    Element,
    LayoutEntry,
    Model,
    Property,
    Relation,
)
from archstudio.model.kinds import KIND_KEYWORDS
from archstudio.model.span import LineIndex, Span

# A drawing lives within these bounds (scene pixels): a far-off coordinate would make the
# canvas, the router and the exporters work over an area no one could look at.
MAX_COORDINATE = 100_000.0
MAX_SIZE = 100_000.0

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(-[A-Za-z0-9_]+)*")


def parse(text: str) -> Model:
    """Parse and check a whole text. Never raises; problems become diagnostics."""
    model = build(text)
    model.diagnostics.extend(check(model))
    model.diagnostics.sort(key=sort_key)
    return model


def derive_id(label: str) -> str:
    """An id for a label: ``Payments`` stays, ``Order Service`` → ``OrderService``,
    ``Identity API (v2)`` → ``IdentityAPIV2``; only ASCII letters, digits, - and _."""
    if _NAME.fullmatch(label):
        return label
    words = re.findall(r"[A-Za-z0-9_]+", label)
    name = "".join(w[0].upper() + w[1:] for w in words)
    if not name:
        return "element"
    return f"_{name}" if name[0].isdigit() else name


def build(text: str) -> Model:
    """Parse without the semantic checks (for callers that run their own)."""
    return Builder(text).run()


class Builder:
    """Turns scanned statements into model parts. :meth:`run` does a whole text; the
    incremental parser calls :meth:`root_statement` and :meth:`architecture_child` on
    single statements."""

    def __init__(self, text: str, lines: LineIndex | None = None) -> None:
        self.text = text
        self.lines = lines if lines is not None else LineIndex(text)
        self.model = Model(text_length=len(text))
        self.seen_architecture = False
        self._unclosed_strings: list[int] = []

    # -- helpers -------------------------------------------------------------------
    def span(self, start: int, end: int) -> Span:
        return Span(start, end, self.lines)

    def rel(self, statement: RawStatement, piece: Piece | Value) -> Span:
        base = statement.start
        if type(piece) is tuple:  # a Piece; the builder makes ~15 spans per element
            return self.span(base + piece[1], base + piece[2])
        return self.span(base + piece.start, base + piece.end)  # type: ignore[union-attr]

    def error(self, code: str, message: str, start: int, end: int, **data) -> None:
        self.model.diagnostics.append(
            Diagnostic(code, Severity.ERROR, message, self.span(start, end), data)
        )

    def block_of(self, statement: RawStatement) -> Block | None:
        if statement.open_brace is None:
            return None
        close = None
        if statement.close_brace is not None:
            close = self.span(statement.close_brace, statement.close_brace + 1)
        return Block(self.span(statement.open_brace, statement.open_brace + 1), close)

    def head(self, statement: RawStatement, code: str = "E100", hint: str = ""):
        if statement.head_end == statement.start:
            return None  # a stray '{': the scanner already reported E103
        head = parse_head(self.text[statement.start : statement.head_end])
        if isinstance(head, HeadError):
            if self.unclosed_string_in(statement.start, statement.head_end):
                return None  # the scanner already said the string is not closed
            start = statement.start + head.start
            self.error(code, head.message + hint, start, max(start, statement.start + head.end))
            return None
        return head

    @property
    def unclosed_strings(self) -> list[int]:
        """Where the scanner found strings (and comments) left open, in order."""
        return self._unclosed_strings

    @unclosed_strings.setter
    def unclosed_strings(self, starts: list[int]) -> None:
        self._unclosed_strings = sorted(starts)

    def unclosed_string_in(self, start: int, end: int) -> bool:
        """Whether the scanner reported an unclosed string within ``start..end`` (a
        binary search: a file may hold thousands of them)."""
        strings = self.unclosed_strings
        index = bisect_left(strings, start)
        return index < len(strings) and strings[index] <= end

    # -- walk ----------------------------------------------------------------------
    def run(self) -> Model:
        result = scan(self.text)
        model = self.model
        for start, end in result.comments:
            model.comments.append(Comment(self.text[start:end], self.span(start, end)))
        for problem in result.problems:
            self.error(problem.code, problem.message, problem.start, problem.end)
            if problem.code == "E102":
                self._unclosed_strings.append(problem.start)
        self.unclosed_strings = self._unclosed_strings
        for statement in result.statements:
            self.root_statement(statement)
        return model

    def root_statement(self, statement: RawStatement) -> None:
        head = self.head(statement)
        if head is None:
            return
        if isinstance(head, WordsHead) and head.word[0] == "architecture":
            self.architecture(statement, head)
        elif isinstance(head, WordsHead) and head.word[0] == "layout":
            self.layout(statement, head)
        else:
            self.body_statement(statement, head, None)

    def architecture(
        self, statement: RawStatement, head: WordsHead, with_children: bool = True
    ) -> None:
        """The architecture statement; ``with_children=False`` leaves its body to the
        caller (the incremental parser builds the body statement by statement)."""
        model = self.model
        if self.seen_architecture:
            self.error("E105", "a file holds one architecture block", statement.start,
                       statement.head_end)
            return
        self.seen_architecture = True
        model.span = self.span(statement.start, statement.end)
        model.block = self.block_of(statement)
        if head.values:
            name = head.values[0]
            if name.kind != "STRING" or len(head.values) > 1:
                self.error("E100", 'write the architecture\'s name in quotes: architecture "Name"',
                           statement.start, statement.head_end)
            model.name = name.text
            model.name_span = self.rel(statement, name)
        if with_children:
            for child in statement.children or ():
                self.architecture_child(child)

    def architecture_child(self, child: RawStatement) -> None:
        head = self.head(child)
        if head is None:
            return
        if isinstance(head, WordsHead) and head.word[0] == "layout":
            self.layout(child, head)
        elif isinstance(head, WordsHead) and head.word[0] == "architecture":
            self.error("E105", "an architecture block cannot be nested", child.start,
                       child.head_end)
        else:
            self.body_statement(child, head, None, self.model.properties)

    def body_statement(
        self,
        statement: RawStatement,
        head: WordsHead | RelationHead | LayoutHead,
        parent: Element | None,
        properties: list[Property] | None = None,
    ) -> None:
        if isinstance(head, RelationHead):
            self.relation(statement, head, parent)
        elif isinstance(head, LayoutHead):
            self.error("E105", "a position belongs in the layout section", statement.start,
                       statement.head_end)
        elif head.word[0] in KIND_KEYWORDS and self.element_head_ok(statement, head):
            self.element(statement, head, parent)
        elif head.word[0] in KIND_KEYWORDS and not head.values:
            pass  # element_head_ok reported it
        elif (head.word[0] in KIND_KEYWORDS and head.values[0].kind == "STRING"
              and (parent is None or parent.is_group)):
            self.missing_id(statement, head)
        elif properties is None:
            self.error("E105", f"'{head.word[0]}' is neither an element kind nor a relation "
                       "(properties go inside an element's { } block)", statement.start,
                       statement.head_end, word=head.word[0])
        else:
            self.property(statement, head, properties)

    def element_head_ok(self, statement: RawStatement, head: WordsHead) -> bool:
        values = head.values
        keyword = head.word[0]
        if not values:
            end = statement.head_end
            self.error("E101", f"expected a name after '{keyword}'", end, end, keyword=keyword)
            return False
        if values[0].kind != "NAME":
            return False  # a property such as `gateway "kong"`
        if len(values) > 2 or (len(values) == 2 and values[1].kind != "STRING"):
            bad = values[1] if values[1].kind != "STRING" else values[2]
            self.error("E100", f"after the name of a {KIND_KEYWORDS[keyword]} comes an optional "
                       'quoted label, then an optional { } block', statement.start + bad.start,
                       statement.start + bad.end)
        return True

    def missing_id(self, statement: RawStatement, head: WordsHead) -> None:
        """``container "Payments"`` where elements are declared: a Structurizr habit. It is
        an error (never a property of the enclosing block, where the element would
        vanish); the quick fix adds the id the message suggests."""
        keyword, label = head.word[0], head.values[0]
        derived = derive_id(label.text)
        self.error("E107", f"this {KIND_KEYWORDS[keyword]} has no id; write an id before "
                   f"its label: {keyword} {derived} \"{printable(label.text)}\"", statement.start,
                   statement.start + label.end, keyword=keyword, id=derived)

    def element(self, statement: RawStatement, head: WordsHead, parent: Element | None) -> None:
        keyword = head.word[0]
        kind = KIND_KEYWORDS[keyword]
        name = head.values[0]
        label = head.values[1] if len(head.values) > 1 and head.values[1].kind == "STRING" else None
        qname = f"{parent.qname}.{name.text}" if parent else name.text
        element = Element(
            id=name.text,
            qname=qname,
            kind=kind,
            keyword=keyword,
            label=label.text if label else None,
            parent=parent.qname if parent else None,
            span=self.span(statement.start, statement.end),
            id_span=self.rel(statement, name),
            keyword_span=self.rel(statement, head.word),
            label_span=self.rel(statement, label) if label else None,
            block=self.block_of(statement),
        )
        if parent is not None and not parent.is_group:
            self.error("E207", f"only a system can contain elements; '{parent.id}' is a "
                       f"{parent.kind}", statement.start, statement.head_end)
        existing = self.model.elements.get(qname)
        if existing is not None:
            self.error("E202", f"'{qname}' is already declared on line {existing.span.line}",
                       element.id_span.start, element.id_span.end, qname=qname)
            element = existing
        else:
            self.model.elements[qname] = element
            if parent is not None:
                parent.children.append(qname)
        for child in statement.children or ():
            child_head = self.head(child)
            if child_head is not None:
                self.body_statement(child, child_head, element, element.properties)

    def relation(self, statement: RawStatement, head: RelationHead, parent: Element | None) -> None:
        strings = head.strings
        label = strings[0] if strings else None
        technology = strings[1] if len(strings) > 1 else None
        relation = Relation(
            source_ref=head.source[0],
            target_ref=head.target[0],
            label=label.text if label else None,
            kind=head.kind[0] if head.kind else None,
            span=self.span(statement.start, statement.end),
            source_span=self.rel(statement, head.source),
            target_span=self.rel(statement, head.target),
            arrow_span=self.rel(statement, head.arrow),
            label_span=self.rel(statement, label) if label else None,
            technology_inline=technology.text if technology else None,
            technology_span=self.rel(statement, technology) if technology else None,
            block=self.block_of(statement),
            scope=parent.qname if parent else None,
            index=len(self.model.relations),
        )
        self.model.relations.append(relation)
        for child in statement.children or ():
            child_head = self.head(child)
            if child_head is None:
                continue
            if isinstance(child_head, WordsHead) and not (
                child_head.word[0] in KIND_KEYWORDS and child_head.values
                and child_head.values[0].kind == "NAME"
            ):
                self.property(child, child_head, relation.properties)
            else:
                hint = ""
                if isinstance(child_head, WordsHead) and len(child_head.values) == 1:
                    word = child_head.word[0]
                    hint = (f"; to use '{word}' as a property key, quote its value: "
                            f"{word} \"{child_head.values[0].text}\"")
                self.error("E106", f"a relation's block holds only properties{hint}",
                           child.start, child.head_end)

    def property(self, statement: RawStatement, head: WordsHead, into: list[Property]) -> None:
        if statement.open_brace is not None:
            self.error("E106", f"the property '{head.word[0]}' cannot have a {{ }} block",
                       statement.open_brace, statement.open_brace + 1)
        if not head.values:
            self.error("E100", f"expected a value after '{head.word[0]}'", statement.head_end,
                       statement.head_end, key=head.word[0])
            return
        into.append(
            Property(
                key=head.word[0],
                values=tuple(v.text for v in head.values),
                span=self.span(statement.start, statement.end),
                key_span=self.rel(statement, head.word),
                value_spans=tuple(self.rel(statement, v) for v in head.values),
            )
        )

    def layout(self, statement: RawStatement, head: WordsHead) -> None:
        model = self.model
        if model.layout_span is not None:
            self.error("E105", "a file holds one layout section", statement.start,
                       statement.head_end)
            return
        model.layout_span = self.span(statement.start, statement.end)
        model.layout_block = self.block_of(statement)
        if head.values or statement.children is None:
            self.error("E206", "write the layout section as: layout { id: x, y }",
                       statement.start, statement.head_end)
        for child in statement.children or ():
            entry = self.head(child, "E206", " (a layout entry reads 'id: x, y')")
            if entry is None:
                continue
            if child.open_brace is not None:  # its contents would be silently ignored
                self.error("E206", "a layout entry has no { } block", child.open_brace,
                           child.open_brace + 1)
                continue
            if not isinstance(entry, LayoutHead) or len(entry.numbers) not in (2, 4):
                self.error("E206", "a layout entry reads 'id: x, y' or 'id: x, y, width, height'",
                           child.start, child.end)
                continue
            numbers = [float(n.text) for n in entry.numbers]
            width, height = (numbers[2], numbers[3]) if len(numbers) == 4 else (None, None)
            if width is not None and height is not None and (width <= 0 or height <= 0):
                self.error("E206", "a size must be positive", child.start, child.end)
                continue
            numbers = self.bounded(child, entry, numbers)
            width, height = (numbers[2], numbers[3]) if len(numbers) == 4 else (None, None)
            qname = entry.ref[0]
            span = self.span(child.start, child.end)
            if qname in model.layout:
                model.diagnostics.append(Diagnostic(
                    "W209", Severity.WARNING,
                    f"'{qname}' has a position already (line {model.layout[qname].span.line}); "
                    "this one wins", span, {"qname": qname}))
            model.layout[qname] = LayoutEntry(
                qname, numbers[0], numbers[1], width, height, span, self.rel(child, entry.ref)
            )

    def bounded(self, statement: RawStatement, entry: LayoutHead,
                numbers: list[float]) -> list[float]:
        """Layout numbers within the drawable range; one out of it (or too long to be a
        number) is reported (E210) and drawn at the limit."""
        out = []
        for index, (value, token) in enumerate(zip(numbers, entry.numbers, strict=True)):
            low, high = (-MAX_COORDINATE, MAX_COORDINATE) if index < 2 else (1.0, MAX_SIZE)
            if low <= value <= high:  # False for NaN too
                out.append(value)
                continue
            what = "a coordinate" if index < 2 else "a size"
            limit = f"within \u00b1{MAX_COORDINATE:.0f}" if index < 2 else \
                f"at most {MAX_SIZE:.0f}"
            span = self.rel(statement, token)
            self.model.diagnostics.append(Diagnostic(
                "E210", Severity.ERROR, f"{what} must be {limit}; it is drawn at the limit",
                span, {"limit": high}))
            out.append(min(max(value, low), high) if value == value else low)
        return out
