"""Re-parsing after an edit, touching only the statements the edit changed.

The desktop app re-parses on every pause in typing, and the canvas must follow within a
frame. :class:`IncrementalParser` keeps what it built last time, one *unit* per
statement of the architecture body (and per root statement). On the next text it finds
the changed range (common prefix and suffix), re-scans from the statement before the
change to the first unchanged statement after it (:func:`scanner.scan_region`), builds
only those statements, and moves the rest: units before the change are reused as they
are, units after it get copies with shifted spans. Semantic checks then run on the
whole model (they are dictionary lookups); a text whose statements giving elements,
relations or properties are all the very units of the last model (a drag or a resize
wrote only layout entries) gets a model made of the last one's parts and findings, its
layout checked alone. A text changed in several places far apart
(a drag that moves a statement into another block and writes its place in the layout
section) is followed one place at a time, through the texts between. Whenever an edit
reaches outside the body (the architecture head, its braces, a comment or block left
open) it builds everything again, and when statements interact (a name declared twice,
two layout sections) the model comes from :func:`archstudio.dsl.parse` itself, so the
result is always the same.

Moving a unit is one addition: its spans are
:class:`~archstudio.dsl.moving_spans.MovableSpan` objects that add the unit's offset, so
a statement after the edit costs nothing to keep. (Copying its parts with shifted spans
instead costs about as much as building them again, which made a keystroke mid-file no
faster than a full parse.) The price, and the contract:

- a model's spans refer to the *latest* text given to :meth:`IncrementalParser.parse`;
  unchanged elements, properties and build diagnostics are shared with the previous
  model and move with the text. To compare positions across parses, copy the numbers
  (``span.start``, ``span.end``) when you take them, not the span.
- the checks resolve relations in place, so a relation is shared with the previous
  model only when nothing can change it (same index, ends already resolved to the exact
  names it gives); otherwise the new model gets a copy. An earlier model keeps its
  resolved ends, labels and diagnostics codes.
"""

from __future__ import annotations

import logging
from bisect import bisect_left
from dataclasses import dataclass
from itertools import chain
from operator import is_

from archstudio.dsl.handout import hand_out_relations, relations_kept
from archstudio.dsl.head_types import WordsHead
from archstudio.dsl.moving_spans import (
    Current,
    MovableSpan,
    Place,
    scan_diagnostic,
    shift_statement,
    shifted_diagnostic,
    shifted_span,
)
from archstudio.dsl.parser import Builder, parse
from archstudio.dsl.scanner import RawStatement, RegionScan, scan, scan_region
from archstudio.dsl.semantics import Suggester, check_elements, check_layout, check_relations
from archstudio.dsl.statements import parse_head
from archstudio.dsl.text_steps import common_ends, toward
from archstudio.model.diagnostics import Diagnostic, sort_key
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

_log = logging.getLogger(__name__)

MOST_EDITS = 32  # edits a change is followed in (see _follow); more: parsed whole

# Build diagnostics whose message names a line: a unit holding one is rebuilt, not shifted.
_LINE_IN_MESSAGE = frozenset({"E202", "W209"})


class _SyncPoints:
    """Where the re-scan may stop: the new starts of the unchanged statements after the
    edit (a stray '{' is no sync point: it may join the statement before it)."""

    __slots__ = ("body", "starts", "first", "delta", "follows")

    def __init__(self, body: list[_Unit], starts: list[int], first: int, delta: int,
                 follows: int = -1) -> None:
        self.body = body
        self.starts = starts
        self.first = first
        self.delta = delta
        self.follows = follows  # the new start of the statement after the list, if any

    def __contains__(self, position: object) -> bool:
        assert isinstance(position, int)
        if position == self.follows:
            return True
        old = position - self.delta
        index = bisect_left(self.starts, old, self.first)
        return (
            index < len(self.starts)
            and self.starts[index] == old
            and not _is_stray_brace(self.body[index].statement)
        )


class _UnitBuilder(Builder):
    """The parser's builder, giving every span it makes to the unit being built."""

    place: Place

    def span(self, start: int, end: int) -> Span:
        return MovableSpan(start, end, self.place)


@dataclass(slots=True)
class _Unit:
    """What one statement contributed to the model. ``statement`` holds the offsets it
    was built at; ``place.offset`` says how far it has moved since."""

    statement: RawStatement
    place: Place
    root: bool  # a root statement rather than a statement of the architecture body
    elements: list[Element]
    relations: list[Relation]
    properties: list[Property]  # the architecture's own properties
    diagnostics: list[Diagnostic]
    layout: dict[str, LayoutEntry]
    layout_span: Span | None
    layout_block: Block | None
    sensitive: bool  # a message names a line: rebuild the unit when it moves


@dataclass(slots=True)
class _Assembled:
    """What the last model was made of: the units that gave it more than layout, in
    order, and what was found on them (their own diagnostics and the checks' findings
    on all but the layout). A next text whose such units are the very same (a drag
    wrote only layout entries) gives a model made from these, its layout checked alone."""

    model: Model
    units: list[_Unit]
    found: list[Diagnostic]
    suggester: Suggester  # as the checks of everything but the layout left it
    resolved: list[Diagnostic]  # what resolving and checking the relations found


@dataclass(slots=True)
class _State:
    text: str
    current: Current
    architecture: RawStatement
    before: list[_Unit]  # root statements before the architecture
    body: list[_Unit]
    starts: list[int]  # where each statement of the body starts now
    after: list[_Unit]  # root statements after it
    comments: list[Comment]
    scan_diagnostics: list[Diagnostic]


class IncrementalParser:
    """``parse(text)`` gives the model of ``archstudio.dsl.parse(text)``, quickly when
    ``text`` differs a little from the text of the previous call.

    A model's spans are valid for the latest text given to :meth:`parse`: the parts of a
    statement that did not change are reused by the next call and move with the text.
    """

    def __init__(self) -> None:
        self._state: _State | None = None
        self._assembled: _Assembled | None = None
        self.last_was_incremental = False  # for tests and benchmarks
        self.last_was_layout_only = False  # the model made from the last one's parts

    def parse(self, text: str) -> Model:
        """Never raises: a failure of the incremental path is logged, and the text is
        parsed whole (the person typing loses nothing)."""
        state = self._state
        self.last_was_incremental = self.last_was_layout_only = False
        try:
            if state is not None and state.text == text:
                return self._assemble(state)
            if state is not None and self._follow(state, text):
                self.last_was_incremental = True
                return self._assemble(state)
            self._state = state = _full_state(text)
            if state is not None:
                return self._assemble(state)
        except Exception:  # a bug here must not cost a keystroke; tests compare with parse
            _log.exception("incremental parse failed; parsing the whole text")
            self._state = self._assembled = None
            self.last_was_incremental = self.last_was_layout_only = False
        return parse(text)

    # -- the edit ------------------------------------------------------------------
    def _follow(self, state: _State, text: str) -> bool:
        """Bring ``state`` up to ``text`` one edit at a time: a text changed in places
        far apart (a drag that moves a statement into another block and writes its new
        place in the layout section) goes through the texts between, each one edit
        away from the last, so only the statements at each place are built again.
        False when it cannot (the state is then of no use). Each step's text gets its
        own index of lines (made lazily: one that is never asked costs nothing), since
        what is built in a step is placed in that step's text."""
        for _ in range(MOST_EDITS):
            found = _next_text(state, text)
            if found is None:
                return False
            step, prefix, suffix = found
            if not self._update(state, step, LineIndex(step), prefix, suffix):
                return False
            if step is text or state.text == text:
                return True
        return False

    def _update(self, state: _State, text: str, lines: LineIndex, prefix: int, suffix: int
                ) -> bool:
        """Bring ``state`` up to ``text`` (``prefix`` and ``suffix``: the lengths of its
        common ends with ``state.text``); False (state untouched) when it cannot."""
        old = state.text
        old_end = len(old) - suffix
        delta = len(text) - len(old)
        architecture = state.architecture
        assert architecture.open_brace is not None and architecture.close_brace is not None
        if architecture.open_brace < prefix and old_end <= architecture.close_brace:
            edit = _Edit(prefix, old_end, delta)
            body_start = architecture.open_brace + 1
            region = _rescan(text, edit, state.body, state.starts, body_start, 1,
                             architecture.close_brace + delta)
            if region is None:
                return False
            builder = self._start(state, text, lines, edit, region)
            state.body, state.starts = _splice(builder, edit, state.body, state.starts,
                                               region, False, state.current)
            state.after = _moved(builder, state.after, delta, state.current)
            architecture.end += delta
            architecture.close_brace += delta
        elif old_end <= architecture.start and prefix < architecture.start:
            # in a root statement before it (a layout section written above the body)
            if not self._update_before(state, text, lines, prefix, old_end, delta):
                return False
        elif prefix >= architecture.end:  # in a root statement after it (the layout)
            edit = _Edit(prefix, old_end, delta)
            starts = [unit.statement.start + unit.place.offset for unit in state.after]
            region = _rescan(text, edit, state.after, starts, architecture.end, 0, -1)
            if region is None:
                return False
            builder = self._start(state, text, lines, edit, region)
            builder.seen_architecture = True
            state.after, _ = _splice(builder, edit, state.after, starts, region, True,
                                     state.current)
        else:
            return False
        state.text = text
        return True

    def _update_before(self, state: _State, text: str, lines: LineIndex, prefix: int,
                       old_end: int, delta: int) -> bool:
        """An edit before the architecture statement: its root statements there are
        scanned again up to the first one (or the architecture) that scans as before, and
        everything after moves by ``delta``; False (state untouched) when the edit joins
        the architecture's head or makes another architecture."""
        architecture = state.architecture
        edit = _Edit(prefix, old_end, delta)
        starts = [unit.statement.start + unit.place.offset for unit in state.before]
        region = _rescan(text, edit, state.before, starts, 0, 0, -1,
                         follows=architecture.start + delta)
        if region is None or region.scan.closed \
                or any(_is_architecture(text, s) for s in region.scan.statements):
            return False  # the scan ran into the architecture: its head changed
        builder = self._start(state, text, lines, edit, region)
        builder.seen_architecture = False
        state.before, _ = _splice(builder, edit, state.before, starts, region, True,
                                  state.current)
        for name in ("start", "head_end", "end", "open_brace", "close_brace"):
            setattr(architecture, name, getattr(architecture, name) + delta)  # (not its
        state.body = _moved(builder, state.body, delta, state.current)  # children: they
        state.starts = [start + delta for start in state.starts]  # are the body's units)
        builder.seen_architecture = True
        state.after = _moved(builder, state.after, delta, state.current)
        return True

    @staticmethod
    def _start(
        state: _State, text: str, lines: LineIndex, edit: _Edit, region: _Region
    ) -> _UnitBuilder:
        """Carry comments and scan problems over the edit; a builder for the new text."""
        delta, start, stop = edit.delta, region.start, region.old_stop
        state.current.lines = lines
        state.scan_diagnostics = (
            [d for d in state.scan_diagnostics if d.span.start < start]
            + [scan_diagnostic(p, lines) for p in region.scan.problems]
            + [shifted_diagnostic(d, delta, lines) for d in state.scan_diagnostics
               if d.span.start >= stop]
        )
        state.comments = (
            [c for c in state.comments if c.span.start < start]
            + [Comment(text[s:e], Span(s, e, lines)) for s, e in region.scan.comments]
            + [Comment(c.text, shifted_span(c.span, delta, lines)) for c in state.comments
               if c.span.start >= stop]
        )
        builder = _UnitBuilder(text, lines)
        builder.unclosed_strings = [
            d.span.start for d in state.scan_diagnostics if d.code == "E102"
        ]
        return builder

    # -- the model -----------------------------------------------------------------
    def _assemble(self, state: _State) -> Model:
        units = state.before + state.body + state.after
        substantive = [unit for unit in units if _substantive(unit)]
        last = self._assembled
        if last is not None and len(substantive) == len(last.units) and all(
                map(is_, substantive, last.units)):
            model = self._layout_only(state, units, last)
            if model is not None:
                self.last_was_layout_only = True
                return model
        self._assembled = None
        text = state.text
        builder = _builder(state)
        model = builder.model
        diagnostics = model.diagnostics
        diagnostics.extend(state.scan_diagnostics)
        elements = model.elements
        declared = 0
        for unit in units:
            if unit.elements:
                declared += len(unit.elements)
                for element in unit.elements:
                    elements[element.qname] = element
        kept = None if last is None else relations_kept(last.units, last.model,
                                                        substantive, elements)
        model.relations = kept if kept is not None else hand_out_relations(units, elements)
        model.properties = list(chain.from_iterable(unit.properties for unit in units))
        layouts = [unit for unit in units if unit.layout_span is not None]
        if layouts:
            model.layout = layouts[0].layout
            model.layout_span = layouts[0].layout_span
            model.layout_block = layouts[0].layout_block
        for unit in state.before:
            diagnostics.extend(unit.diagnostics)
        head = parse_head(text[state.architecture.start : state.architecture.head_end])
        assert isinstance(head, WordsHead)
        builder.seen_architecture = False
        builder.architecture(state.architecture, head, with_children=False)
        diagnostics.extend(chain.from_iterable(unit.diagnostics for unit in state.body))
        diagnostics.extend(chain.from_iterable(unit.diagnostics for unit in state.after))
        if declared != len(elements) or len(layouts) > 1:
            return parse(text)  # statements interact: let the full parser sort it out
        if kept is not None:  # the relations and names of the last model: its findings
            assert last is not None
            resolved, suggester = last.resolved, last.suggester.fork()
        else:
            resolved, suggester = check_relations(model)
        found = list(resolved)
        check_elements(model, found)
        self._assembled = _Assembled(
            model, substantive,
            list(chain.from_iterable(unit.diagnostics for unit in substantive)) + found,
            suggester.fork(), resolved)
        diagnostics.extend(found)
        diagnostics.extend(check_layout(model, suggester))
        diagnostics.sort(key=sort_key)
        return model

    @staticmethod
    def _layout_only(state: _State, units: list[_Unit], last: _Assembled) -> Model | None:
        """The model of ``state`` made from ``last``'s elements, relations, properties
        and findings, when every unit that gives more than layout is the very one
        ``last`` was made of: only its layout (and the diagnostics of statements that
        give nothing) is taken from the units again. The same model as assembling anew
        (the checks read the same objects); None when there is not one layout section."""
        layouts = [unit for unit in units if unit.layout_span is not None]
        if len(layouts) > 1:
            return None
        text = state.text
        builder = _builder(state)
        model = builder.model
        model.elements = dict(last.model.elements)
        model.relations = list(last.model.relations)
        model.properties = list(last.model.properties)
        if layouts:
            model.layout = layouts[0].layout
            model.layout_span = layouts[0].layout_span
            model.layout_block = layouts[0].layout_block
        diagnostics = model.diagnostics
        diagnostics.extend(state.scan_diagnostics)
        head = parse_head(text[state.architecture.start : state.architecture.head_end])
        assert isinstance(head, WordsHead)
        builder.architecture(state.architecture, head, with_children=False)
        diagnostics.extend(last.found)
        diagnostics.extend(chain.from_iterable(
            unit.diagnostics for unit in units if not _substantive(unit)))
        diagnostics.extend(check_layout(model, last.suggester.fork()))
        diagnostics.sort(key=sort_key)
        return model


def _builder(state: _State) -> Builder:
    """A builder for ``state``'s text whose model already holds its comments."""
    builder = Builder(state.text, state.current.lines)
    builder.unclosed_strings = [
        d.span.start for d in state.scan_diagnostics if d.code == "E102"
    ]
    builder.model.comments = list(state.comments)
    return builder


def _substantive(unit: _Unit) -> bool:
    """Whether a statement gives the model more than layout entries and diagnostics."""
    return bool(unit.elements or unit.relations or unit.properties)


def _next_text(state: _State, new: str) -> tuple[str, int, int] | None:
    """A text one edit away from ``state.text`` on the way to ``new`` (``new`` itself
    when one edit gets there) and the lengths of its common prefix and suffix with
    ``state.text``; None when the way is not found (parse ``new`` whole)."""
    old = state.text
    prefix, suffix = common_ends(old, new)
    close = state.architecture.close_brace
    assert close is not None
    if prefix <= close < len(old) - suffix:  # the body and what follows it both changed
        new_close = _closing_brace(state, new)
        if new_close is None:
            return None
        body_done = new[:new_close] + old[close:]  # the body's edits first
        if body_done != old:
            new = body_done
            prefix, suffix = common_ends(old, new)
    step = toward(old, new, prefix, suffix)
    if step is not new:  # only the first of the changes made: its own ends
        prefix, suffix = common_ends(old, step)
    return step, prefix, suffix


def _closing_brace(state: _State, new: str) -> int | None:
    """Where the architecture's closing brace is in ``new``: before the head of the
    first root statement after it (the layout section), with the same text between."""
    old, close = state.text, state.architecture.close_brace
    assert close is not None
    if state.after:
        first = state.after[0]
        anchor = old[close:first.statement.head_end + first.place.offset]
    else:
        anchor = old[close:]
    found = new.rfind(anchor)
    return None if found == -1 else found


# -- building ----------------------------------------------------------------------
def _full_state(text: str) -> _State | None:
    """Scan and build everything, unit by unit; None when there is no closed
    architecture block to work inside."""
    result = scan(text)
    lines = LineIndex(text)
    current = Current(lines)
    builder = _UnitBuilder(text, lines)
    scan_diagnostics = [scan_diagnostic(p, lines) for p in result.problems]
    builder.unclosed_strings = [d.span.start for d in scan_diagnostics if d.code == "E102"]
    architecture = None
    before: list[_Unit] = []
    after: list[_Unit] = []
    for statement in result.statements:
        if architecture is None and _is_architecture(text, statement):
            architecture = statement
        else:
            builder.seen_architecture = architecture is not None
            units = before if architecture is None else after
            units.append(_build(builder, statement, True, current))
    if architecture is None or architecture.close_brace is None:
        return None
    body = [_build(builder, child, False, current) for child in architecture.children or ()]
    comments = [Comment(text[s:e], Span(s, e, lines)) for s, e in result.comments]
    starts = [unit.statement.start for unit in body]
    return _State(
        text, current, architecture, before, body, starts, after, comments, scan_diagnostics
    )


@dataclass(slots=True)
class _Edit:
    prefix: int  # unchanged characters at the start
    old_end: int  # where the unchanged end starts, in the old text
    delta: int  # new length - old length


@dataclass(slots=True)
class _Region:
    """The re-scanned stretch: from ``start`` to ``scan.stop`` (``old_stop`` before the
    edit), replacing the units ``first`` to ``resume`` of its list."""

    scan: RegionScan
    start: int
    first: int
    resume: int
    old_stop: int


def _rescan(
    text: str, edit: _Edit, units: list[_Unit], starts: list[int], block_start: int,
    depth: int, close_at: int, follows: int = -1,
) -> _Region | None:
    """Re-scan a list of statements from the one before the edit to the first one
    after it that scans as before (see :func:`scanner.scan_region`); ``follows``: where
    the statement after the list starts now (the scan may stop there too)."""
    first = bisect_left(starts, edit.prefix) - 1  # the last statement starting before it
    while first >= 0 and _is_stray_brace(units[first].statement):
        first -= 1
    start = starts[first] if first >= 0 else block_start
    sync = _SyncPoints(units, starts, bisect_left(starts, edit.old_end), edit.delta, follows)
    scan = scan_region(text, start, depth, sync, close_at)
    if scan is None:
        return None
    resume = len(units) if scan.closed else bisect_left(starts, scan.stop - edit.delta)
    return _Region(scan, start, max(first, 0), resume, scan.stop - edit.delta)


def _splice(
    builder: _UnitBuilder, edit: _Edit, units: list[_Unit], starts: list[int],
    region: _Region, root: bool, current: Current,
) -> tuple[list[_Unit], list[int]]:
    """The units with the re-scanned ones built anew and the ones after them moved."""
    statements = region.scan.statements
    built = [_build(builder, statement, root, current) for statement in statements]
    moved = _moved(builder, units[region.resume :], edit.delta, current)
    new_starts = (
        starts[: region.first]
        + [statement.start for statement in statements]
        + [start + edit.delta for start in starts[region.resume :]]
    )
    return units[: region.first] + built + moved, new_starts


def _moved(builder: _UnitBuilder, units: list[_Unit], delta: int, current: Current
           ) -> list[_Unit]:
    for unit in units:
        unit.place.offset += delta
    if any(unit.sensitive for unit in units):
        return [_refresh(builder, unit, current) for unit in units]
    return units


def _is_architecture(text: str, statement: RawStatement) -> bool:
    if _is_stray_brace(statement):
        return False
    head = parse_head(text[statement.start : statement.head_end])
    return isinstance(head, WordsHead) and head.word[0] == "architecture"


def _is_stray_brace(statement: RawStatement) -> bool:
    return statement.head_end == statement.start


def _build(builder: _UnitBuilder, statement: RawStatement, root: bool, current: Current) -> _Unit:
    model = builder.model
    model.elements = {}
    model.relations = []
    model.properties = []
    model.diagnostics = []
    model.layout = {}
    model.layout_span = model.layout_block = None
    builder.place = place = Place(current)
    if root:
        builder.root_statement(statement)
    else:
        builder.architecture_child(statement)
    return _Unit(
        statement, place, root, list(model.elements.values()), model.relations,
        model.properties, model.diagnostics, model.layout, model.layout_span,
        model.layout_block, any(d.code in _LINE_IN_MESSAGE for d in model.diagnostics),
    )


def _refresh(builder: _UnitBuilder, unit: _Unit, current: Current) -> _Unit:
    """A moved unit as it is, or rebuilt when one of its messages names a line."""
    if not unit.sensitive:
        return unit
    shift_statement(unit.statement, unit.place.offset)
    return _build(builder, unit.statement, unit.root, current)
