"""Re-parsing after an edit, touching only the statements the edit changed.

The desktop app re-parses on every pause in typing, and the canvas must follow within a
frame. :class:`IncrementalParser` keeps what it built last time, one *unit* per
statement of the architecture body (and per root statement). On the next text it finds
the changed range (common prefix and suffix), re-scans from the statement before the
change to the first unchanged statement after it (:func:`scanner.scan_region`), builds
only those statements, and moves the rest: units before the change are reused as they
are, units after it get copies with shifted spans. Semantic checks then run on the
whole model (they are dictionary lookups). Whenever the edit reaches outside the body
(the architecture head, its braces, a comment or block left open) it builds everything
again, and when statements interact (a name declared twice, two layout sections) the
model comes from :func:`archstudio.dsl.parse` itself, so the result is always the same.

Models share unchanged elements, properties and spans with earlier models; relations
are fresh in every model because the checks resolve them in place.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from archstudio.dsl.parser import Builder, parse
from archstudio.dsl.scanner import RawStatement, ScanProblem, scan, scan_region
from archstudio.dsl.semantics import check
from archstudio.dsl.statements import WordsHead, parse_head
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
from archstudio.model.span import LineIndex, Span

# Build diagnostics whose message names a line: a unit holding one is rebuilt, not shifted.
_LINE_IN_MESSAGE = frozenset({"E202", "W209"})


@dataclass(slots=True)
class _Unit:
    """What one statement contributed to the model, with absolute spans."""

    statement: RawStatement
    root: bool  # a root statement rather than a statement of the architecture body
    elements: list[Element]
    relations: list[Relation]
    properties: list[Property]  # the architecture's own properties
    diagnostics: list[Diagnostic]
    layout: dict[str, LayoutEntry]
    layout_span: Span | None
    layout_block: Block | None


@dataclass(slots=True)
class _State:
    text: str
    architecture: RawStatement
    before: list[_Unit]  # root statements before the architecture
    body: list[_Unit]
    after: list[_Unit]  # root statements after it
    comments: list[Comment]
    scan_diagnostics: list[Diagnostic]


class IncrementalParser:
    """``parse(text)`` gives the model of ``archstudio.dsl.parse(text)``, quickly when
    ``text`` differs a little from the text of the previous call."""

    def __init__(self) -> None:
        self._state: _State | None = None
        self.last_was_incremental = False  # for tests and benchmarks

    def parse(self, text: str) -> Model:
        state = self._state
        self.last_was_incremental = False
        if state is not None and state.text == text:
            return self._assemble(state, LineIndex(text))
        if state is not None:
            lines = LineIndex(text)
            if self._update(state, text, lines):
                self.last_was_incremental = True
                return self._assemble(state, lines)
        self._state = state = _full_state(text)
        if state is None:
            return parse(text)
        return self._assemble(state, LineIndex(text))

    # -- the edit ------------------------------------------------------------------
    def _update(self, state: _State, text: str, lines: LineIndex) -> bool:
        """Bring ``state`` up to ``text``; False (state untouched) when it cannot."""
        old = state.text
        prefix = _common_prefix(old, text)
        suffix = _common_suffix(old, text, min(len(old), len(text)) - prefix)
        old_end = len(old) - suffix
        delta = len(text) - len(old)
        architecture = state.architecture
        assert architecture.open_brace is not None and architecture.close_brace is not None
        if not (architecture.open_brace < prefix and old_end <= architecture.close_brace):
            return False
        body = state.body
        starts = [unit.statement.start for unit in body]
        first = bisect_left(starts, prefix) - 1  # the last statement starting before the edit
        while first >= 0 and _is_stray_brace(body[first].statement):
            first -= 1
        region_start = starts[first] if first >= 0 else architecture.open_brace + 1
        first = max(first, 0)
        after = bisect_left(starts, old_end)
        sync = {
            starts[k] + delta for k in range(after, len(body))
            if not _is_stray_brace(body[k].statement)
        }
        region = scan_region(text, region_start, 1, sync, architecture.close_brace + delta)
        if region is None:
            return False
        resume = len(body) if region.closed else bisect_left(starts, region.stop - delta)
        old_stop = region.stop - delta

        builder = _new_builder(text, lines)
        region_diagnostics = [_scan_diagnostic(p, lines) for p in region.problems]
        scan_diagnostics = (
            [d for d in state.scan_diagnostics if d.span.start < region_start]
            + region_diagnostics
            + [_diagnostic(d, delta, lines) for d in state.scan_diagnostics
               if d.span.start >= old_stop]
        )
        builder.unclosed_strings = [d.span.start for d in scan_diagnostics if d.code == "E102"]
        built = [_build(builder, statement, False) for statement in region.statements]
        moved = [_move(builder, unit, delta, lines) for unit in body[resume:]]
        state.after = [_move(builder, unit, delta, lines) for unit in state.after]
        state.body = body[:first] + built + moved
        state.comments = (
            [c for c in state.comments if c.span.start < region_start]
            + [Comment(text[s:e], Span(s, e, lines)) for s, e in region.comments]
            + [Comment(c.text, _span(c.span, delta, lines)) for c in state.comments
               if c.span.start >= old_stop]
        )
        state.scan_diagnostics = scan_diagnostics
        architecture.end += delta
        architecture.close_brace += delta
        state.text = text
        return True

    # -- the model -----------------------------------------------------------------
    def _assemble(self, state: _State, lines: LineIndex) -> Model:
        text = state.text
        builder = _new_builder(text, lines)
        builder.unclosed_strings = [
            d.span.start for d in state.scan_diagnostics if d.code == "E102"
        ]
        model = builder.model
        model.comments = list(state.comments)
        diagnostics = model.diagnostics
        diagnostics.extend(state.scan_diagnostics)
        elements = model.elements
        relations = model.relations
        declared = 0
        layouts = 0

        def add(unit: _Unit) -> None:
            nonlocal declared, layouts
            for element in unit.elements:
                elements[element.qname] = element
            declared += len(unit.elements)
            for relation in unit.relations:
                relations.append(_relation(relation, 0, None, len(relations)))
            model.properties.extend(unit.properties)
            diagnostics.extend(unit.diagnostics)
            if unit.layout_span is not None:
                layouts += 1
                model.layout = unit.layout
                model.layout_span = unit.layout_span
                model.layout_block = unit.layout_block

        for unit in state.before:
            add(unit)
        head = parse_head(text[state.architecture.start : state.architecture.head_end])
        assert isinstance(head, WordsHead)
        builder.seen_architecture = False
        builder.architecture(state.architecture, head, with_children=False)
        for unit in state.body:
            add(unit)
        for unit in state.after:
            add(unit)
        if declared != len(elements) or layouts > 1:
            return parse(text)  # statements interact: let the full parser sort it out
        diagnostics.extend(check(model))
        diagnostics.sort(key=sort_key)
        return model


# -- building ----------------------------------------------------------------------
def _full_state(text: str) -> _State | None:
    """Scan and build everything, unit by unit; None when there is no closed
    architecture block to work inside."""
    result = scan(text)
    lines = LineIndex(text)
    builder = _new_builder(text, lines)
    scan_diagnostics = [_scan_diagnostic(p, lines) for p in result.problems]
    builder.unclosed_strings = [d.span.start for d in scan_diagnostics if d.code == "E102"]
    architecture = None
    before: list[_Unit] = []
    after: list[_Unit] = []
    for statement in result.statements:
        if architecture is None and _is_architecture(text, statement):
            architecture = statement
        else:
            builder.seen_architecture = architecture is not None
            (before if architecture is None else after).append(_build(builder, statement, True))
    if architecture is None or architecture.close_brace is None:
        return None
    body = [_build(builder, child, False) for child in architecture.children or ()]
    comments = [Comment(text[s:e], Span(s, e, lines)) for s, e in result.comments]
    return _State(text, architecture, before, body, after, comments, scan_diagnostics)


def _new_builder(text: str, lines: LineIndex) -> Builder:
    return Builder(text, lines)


def _is_architecture(text: str, statement: RawStatement) -> bool:
    if _is_stray_brace(statement):
        return False
    head = parse_head(text[statement.start : statement.head_end])
    return isinstance(head, WordsHead) and head.word[0] == "architecture"


def _is_stray_brace(statement: RawStatement) -> bool:
    return statement.head_end == statement.start


def _build(builder: Builder, statement: RawStatement, root: bool) -> _Unit:
    model = builder.model
    model.elements = {}
    model.relations = []
    model.properties = []
    model.diagnostics = []
    model.layout = {}
    model.layout_span = model.layout_block = None
    if root:
        builder.root_statement(statement)
    else:
        builder.architecture_child(statement)
    return _Unit(
        statement, root, list(model.elements.values()), model.relations, model.properties,
        model.diagnostics, model.layout, model.layout_span, model.layout_block,
    )


def _move(builder: Builder, unit: _Unit, delta: int, lines: LineIndex) -> _Unit:
    """The unit of a statement that moved by ``delta`` but did not change."""
    _shift_statement(unit.statement, delta)
    if any(d.code in _LINE_IN_MESSAGE for d in unit.diagnostics):
        return _build(builder, unit.statement, unit.root)
    return _Unit(
        unit.statement,
        unit.root,
        [_element(e, delta, lines) for e in unit.elements],
        [_relation(r, delta, lines, r.index) for r in unit.relations],
        [_property(p, delta, lines) for p in unit.properties],
        [_diagnostic(d, delta, lines) for d in unit.diagnostics],
        {q: _layout_entry(e, delta, lines) for q, e in unit.layout.items()},
        _optional(unit.layout_span, delta, lines),
        _block(unit.layout_block, delta, lines),
    )


def _shift_statement(statement: RawStatement, delta: int) -> None:
    statement.start += delta
    statement.head_end += delta
    statement.end += delta
    if statement.open_brace is not None:
        statement.open_brace += delta
    if statement.close_brace is not None:
        statement.close_brace += delta
    for child in statement.children or ():
        _shift_statement(child, delta)


def _scan_diagnostic(problem: ScanProblem, lines: LineIndex) -> Diagnostic:
    return Diagnostic(problem.code, Severity.ERROR, problem.message,
                      Span(problem.start, problem.end, lines), {})


# -- shifted copies ------------------------------------------------------------------
def _span(span: Span, delta: int, lines: LineIndex) -> Span:
    return Span(span.start + delta, span.end + delta, lines)


def _optional(span: Span | None, delta: int, lines: LineIndex) -> Span | None:
    return None if span is None else Span(span.start + delta, span.end + delta, lines)


def _block(block: Block | None, delta: int, lines: LineIndex) -> Block | None:
    if block is None:
        return None
    return Block(_span(block.open_span, delta, lines), _optional(block.close_span, delta, lines))


def _property(prop: Property, delta: int, lines: LineIndex) -> Property:
    return Property(
        prop.key,
        prop.values,
        _span(prop.span, delta, lines),
        _span(prop.key_span, delta, lines),
        tuple(Span(s.start + delta, s.end + delta, lines) for s in prop.value_spans),
    )


def _element(element: Element, delta: int, lines: LineIndex) -> Element:
    return Element(
        element.id,
        element.qname,
        element.kind,
        element.keyword,
        element.label,
        element.parent,
        _span(element.span, delta, lines),
        _span(element.id_span, delta, lines),
        _span(element.keyword_span, delta, lines),
        _optional(element.label_span, delta, lines),
        _block(element.block, delta, lines),
        [_property(p, delta, lines) for p in element.properties],
        list(element.children),
    )


def _relation(relation: Relation, delta: int, lines: LineIndex | None, index: int) -> Relation:
    """A copy, unresolved (the checks resolve it); spans shift when ``lines`` is given."""
    if lines is None:
        return Relation(
            relation.source_ref, relation.target_ref, relation.label, relation.kind,
            relation.span, relation.source_span, relation.target_span, relation.arrow_span,
            relation.label_span, relation.technology_inline, relation.technology_span,
            relation.block, relation.properties, relation.scope, None, None, index,
        )
    return Relation(
        relation.source_ref,
        relation.target_ref,
        relation.label,
        relation.kind,
        _span(relation.span, delta, lines),
        _span(relation.source_span, delta, lines),
        _span(relation.target_span, delta, lines),
        _span(relation.arrow_span, delta, lines),
        _optional(relation.label_span, delta, lines),
        relation.technology_inline,
        _optional(relation.technology_span, delta, lines),
        _block(relation.block, delta, lines),
        [_property(p, delta, lines) for p in relation.properties],
        relation.scope,
        None,
        None,
        index,
    )


def _layout_entry(entry: LayoutEntry, delta: int, lines: LineIndex) -> LayoutEntry:
    return LayoutEntry(
        entry.qname, entry.x, entry.y, entry.width, entry.height,
        _span(entry.span, delta, lines), _span(entry.qname_span, delta, lines),
    )


def _diagnostic(diagnostic: Diagnostic, delta: int, lines: LineIndex) -> Diagnostic:
    return Diagnostic(diagnostic.code, diagnostic.severity, diagnostic.message,
                      _span(diagnostic.span, delta, lines), diagnostic.data)


# -- text comparison -------------------------------------------------------------------
def _common_prefix(a: str, b: str) -> int:
    """Length of the common prefix, by halving (string comparison runs in C)."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        if a[low:middle] == b[low:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def _common_suffix(a: str, b: str, limit: int) -> int:
    low, high = 0, limit
    len_a, len_b = len(a), len(b)
    while low < high:
        middle = (low + high + 1) // 2
        if a[len_a - middle : len_a - low] == b[len_b - middle : len_b - low]:
            low = middle
        else:
            high = middle - 1
    return low
