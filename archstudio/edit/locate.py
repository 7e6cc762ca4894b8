"""Finding things in a parsed text: elements, relations, blocks and where to insert.

Every place is found through the spans the parser records, never by searching the
text, so a comment or a string that looks like a statement can never be hit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from archstudio.dsl import parse
from archstudio.dsl.semantics import suggest
from archstudio.dsl.textedit import TextEdit
from archstudio.edit.result import EditError
from archstudio.edit.text import alone_on_line, indent_at, line_end, line_start, starts_line
from archstudio.model import Element, Model, Relation, Span

DEFAULT_INDENT = "  "
_RELATION_REF = re.compile(r"\s*(?P<source>[^\s#>-][^\s#]*?)\s*->\s*(?P<target>[^\s#]+)"
                           r"\s*(?:#(?P<nth>\d{1,9}))?\s*")


def editable(text: str, model: Model | None) -> Model:
    """The model of ``text``, refusing text with syntax errors (codes E1xx)."""
    if model is None:
        model = parse(text)
    for diagnostic in model.diagnostics:
        if diagnostic.is_error and diagnostic.code.startswith("E1"):
            span = diagnostic.span
            raise EditError(
                f"the text has a syntax error at line {span.line}, column {span.column} "
                f"({diagnostic.code}: {diagnostic.message}); fix it before editing"
            )
    return model


def find_element(model: Model, ref: str) -> Element:
    """The element a person means by ``ref`` (a qualified or a unique short name)."""
    candidates = model.resolve(ref)
    if len(candidates) == 1:
        return model.elements[candidates[0]]
    if candidates:
        raise EditError(f"'{ref}' is ambiguous: write one of {', '.join(sorted(candidates))}")
    hint = suggest(model, ref)
    raise EditError(f"unknown element '{ref}'" + (f"; did you mean '{hint}'?" if hint else ""))


def find_relation(model: Model, ref: str | int) -> Relation:
    """A relation by index, or by ``A->B`` (``A->B#2`` for the second between them)."""
    if isinstance(ref, int):
        if 0 <= ref < len(model.relations):
            return model.relations[ref]
        raise EditError(f"there is no relation number {ref}")
    match = _RELATION_REF.fullmatch(ref)
    if not match:
        raise EditError(f"'{ref}' is not a relation: write SOURCE->TARGET or SOURCE->TARGET#N")
    source = find_element(model, match["source"]).qname
    target = find_element(model, match["target"]).qname
    found = [r for r in model.relations if r.source == source and r.target == target]
    nth = int(match["nth"] or 1)
    if not found:
        raise EditError(f"there is no relation from '{source}' to '{target}'")
    if not 1 <= nth <= len(found):
        raise EditError(f"there are {len(found)} relations from '{source}' to '{target}'")
    if len(found) > 1 and match["nth"] is None:
        raise EditError(f"there are {len(found)} relations from '{source}' to '{target}': "
                        f"write {source}->{target}#N")
    return found[nth - 1]


def element_head_end(element: Element) -> int:
    return (element.label_span or element.id_span).end


def relation_head_end(relation: Relation) -> int:
    last = relation.technology_span or relation.label_span or relation.target_span
    return last.end


def indent_unit(text: str, model: Model) -> str:
    """One level of indentation as this file writes it (two spaces when it cannot tell)."""
    if model.span is None:
        return DEFAULT_INDENT
    outer = indent_at(text, model.span.start)
    for element in model.elements.values():
        if element.parent is None and alone_on_line(text, element.span.start, element.span.end):
            inner = indent_at(text, element.span.start)
            if inner.startswith(outer) and len(inner) > len(outer):
                return inner[len(outer) :]
            break
    return DEFAULT_INDENT


@dataclass(slots=True)
class Body:
    """The ``{ }`` block a new statement goes into, with what it already holds."""

    owner: Span  # the statement owning the block, for its indentation
    head_end: int  # where a block is opened when there is none yet
    open: int | None
    close: int | None
    properties: list[Span] = field(default_factory=list)
    elements: list[Element] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)

    def statements(self) -> list[Span]:
        """Everything in the block, properties first (not sorted: sorting thousands of
        top-level statements would cost more than the whole edit)."""
        return self.properties + [e.span for e in self.elements] + [
            r.span for r in self.relations]

    def first(self) -> Span | None:
        return min(self.statements(), key=lambda span: span.start, default=None)


def body_of(model: Model, qname: str | None) -> Body:
    """The body of an element, or the architecture block for ``None``."""
    if qname is None:
        if model.span is None or model.block is None or model.block.close_span is None:
            raise EditError('the text has no architecture block; start with: architecture '
                            '"Name" { }')
        low, high = model.block.open_span.start, model.block.close_span.start
        elements = [e for e in model.elements.values()
                    if e.parent is None and low < e.span.start < high]
        relations = [r for r in model.relations
                     if r.scope is None and low < r.span.start < high]
        return Body(model.span, model.block.open_span.start, low, high,
                    [p.span for p in model.properties], elements, relations)
    element = model.elements[qname]
    block = element.block
    open_ = block.open_span.start if block else None
    close = block.close_span.start if block and block.close_span else None
    relations = [r for r in model.relations if r.scope == qname] if element.block else []
    return Body(element.span, element_head_end(element), open_, close,
                [p.span for p in element.properties],
                [model.elements[c] for c in element.children], relations)


def relation_body(relation: Relation) -> Body:
    block = relation.block
    return Body(relation.span, relation_head_end(relation),
                block.open_span.start if block else None,
                block.close_span.start if block and block.close_span else None,
                [p.span for p in relation.properties])


def insert_statement(
    text: str,
    body: Body,
    render,
    unit: str,
    after: Span | None = None,
    before: Span | None = None,
) -> TextEdit:
    """The edit that puts a statement into ``body``: after ``after``, before ``before``
    or at the end of the block, indented like its siblings.

    ``render(indent)`` returns the statement's text for a given indentation (its first
    line without it), so multi-line statements line up too.
    """
    outer = indent_at(text, body.owner.start)
    if body.open is None:
        inner = outer + unit
        return TextEdit(body.head_end, body.head_end,
                        f" {{\n{inner}{render(inner)}\n{outer}}}")
    assert body.close is not None
    statements = body.statements()
    inner = outer + unit
    for span in statements:
        if alone_on_line(text, span.start, span.end):
            inner = indent_at(text, span.start)
            break
    if after is not None:
        if alone_on_line(text, after.start, after.end):
            at = line_end(text, after.end)
            return TextEdit(at, at, f"\n{inner}{render(inner)}")
        rest = text[after.end : line_end(text, after.end)].lstrip(" \t")
        closing = "" if not rest or rest.startswith((";", "}", "//")) else ";"
        return TextEdit(after.end, after.end, f"; {render(inner)}{closing}")
    if before is not None:
        if alone_on_line(text, before.start, before.end):
            at = line_start(text, before.start)
            return TextEdit(at, at, f"{inner}{render(inner)}\n")
        return TextEdit(before.start, before.start, f"{render(inner)}; ")
    close = body.close
    if starts_line(text, close) and line_start(text, close) > body.open:
        at = line_start(text, close)
        return TextEdit(at, at, f"{inner}{render(inner)}\n")
    at = close
    while at > body.open + 1 and text[at - 1] in " \t\r\n":
        at -= 1
    return TextEdit(at, close, f"\n{inner}{render(inner)}\n{indent_at(text, close)}")
