"""The layout section: positions and sizes, one sorted line per element.

Every change to the section (a drag of many elements, a rename, a delete) becomes one
edit that spans only the lines that changed; untouched lines, comments and blank lines
keep their bytes. The section is created after the architecture block when missing and
removed again when its last entry goes.
"""

from __future__ import annotations

from bisect import bisect_right

from archstudio.dsl.incremental import common_ends
from archstudio.dsl.textedit import TextEdit, apply_edits
from archstudio.edit.locate import editable, find_element, indent_unit
from archstudio.edit.result import EditError, EditResult, finish
from archstudio.edit.text import (
    alone_on_line,
    format_number,
    indent_at,
    line_end,
    line_start,
    merge_ranges,
    removal_range,
)
from archstudio.model import LayoutEntry, Model

# qname -> the entry's statement text (``A.B: 10, 20``), or None to remove it
LayoutChanges = dict[str, str | None]


def entry_text(qname: str, x: float, y: float, width: float | None = None,
               height: float | None = None) -> str:
    numbers = [x, y] + ([width, height] if width is not None and height is not None else [])
    return f"{qname}: " + ", ".join(format_number(n) for n in numbers)


def renamed_entry(text: str, entry: LayoutEntry, qname: str) -> str:
    """The entry's statement with a new name and its numbers exactly as written."""
    return qname + text[entry.qname_span.end : entry.span.end]


def set_positions(
    text: str,
    positions: dict[str, tuple[float, float]],
    *,
    model: Model | None = None,
) -> EditResult:
    """Set the top-left corner of many elements in one edit; systems keep their size."""
    model = editable(text, model)
    changes: LayoutChanges = {}
    for ref, (x, y) in positions.items():
        qname = ref if ref in model.elements else find_element(model, ref).qname
        old = model.layout.get(qname)
        size = (old.width, old.height) if old is not None else (None, None)
        changes[qname] = _checked_entry(qname, x, y, *size)
    return finish(text, layout_edits(text, model, changes))


def set_size(
    text: str, ref: str, width: float, height: float, *, model: Model | None = None
) -> EditResult:
    """Set a system's size, keeping its position."""
    model = editable(text, model)
    element = find_element(model, ref)
    if not element.is_group:
        raise EditError(f"only systems have a size; '{element.qname}' is a {element.kind}")
    old = model.layout.get(element.qname)
    if old is None:
        raise EditError(f"'{element.qname}' has no position yet; set its position first")
    if not (width > 0 and height > 0):
        raise EditError("a size must be positive")
    entry = _checked_entry(element.qname, old.x, old.y, width, height)
    return finish(text, layout_edits(text, model, {element.qname: entry}), element.qname)


def _checked_entry(qname: str, x: float, y: float, width: float | None,
                   height: float | None) -> str:
    try:
        return entry_text(qname, x, y, width, height)
    except (TypeError, ValueError) as exc:
        raise EditError(f"bad position for '{qname}': {exc}") from None


def layout_edits(text: str, model: Model, changes: LayoutChanges) -> list[TextEdit]:
    """At most one edit that applies ``changes`` to the layout section.

    Only the changed entries and their sorted neighbours are looked at, so moving a few
    elements of a 2,000-entry section costs a bisection, not a pass over the section.
    """
    changes = {q: v for q, v in changes.items() if v is not None or q in model.layout}
    if not changes:
        return []
    block = model.layout_block
    if model.layout_span is None or block is None or block.close_span is None:
        return _new_section(text, model, changes, indent_unit(text, model))
    open_, close = block.open_span.start, block.close_span.start
    body_start, body_end = line_end(text, open_) + 1, line_start(text, close)
    removed = [model.layout[q].span for q in changes if q in model.layout]
    duplicated = any(d.code == "W209" and d.data.get("qname") in changes
                     for d in model.diagnostics)
    if duplicated or not _braces_alone(text, open_, close) or not all(
        alone_on_line(text, span.start, span.end) for span in removed
    ):
        return [_rewrite_section(text, model, changes, indent_unit(text, model))]
    ranges = [(line_start(text, s.start), line_end(text, s.end) + 1) for s in removed]
    new_entries = sorted(q for q, v in changes.items() if v is not None)
    if not new_entries and len(set(model.layout) - set(changes)) == 0:
        rest = apply_edits(text[body_start:body_end], [
            TextEdit(a - body_start, b - body_start, "") for a, b in merge_ranges(ranges)])
        if not rest.strip():
            return [_remove_section(text, model)]
    ordered = sorted(q for q in model.layout if q not in changes)
    first_entry = min((e.span.start for e in model.layout.values()), default=None)
    indent = indent_at(text, first_entry) if first_entry is not None else indent_unit(
        text, model)
    inserts: dict[int, list[str]] = {}
    fallback = min((a for a, _ in ranges), default=body_end)
    for qname in new_entries:
        rank = bisect_right(ordered, qname)
        if rank:
            at = line_end(text, model.layout[ordered[rank - 1]].span.end) + 1
        elif ordered:
            at = line_start(text, model.layout[ordered[0]].span.start)
        else:
            at = fallback
        inserts.setdefault(min(at, body_end), []).append(f"{indent}{changes[qname]}\n")
    edits = [TextEdit(a, b, "") for a, b in merge_ranges(ranges)]
    edits += [TextEdit(at, at, "".join(lines)) for at, lines in inserts.items()]
    low = min(e.start for e in edits)
    high = max(e.end for e in edits)
    local = [TextEdit(e.start - low, e.end - low, e.replacement) for e in edits]
    return [_trimmed_edit(text, low, high, apply_edits(text[low:high], local))]


def _braces_alone(text: str, open_: int, close: int) -> bool:
    return not (text[open_ + 1 : line_end(text, open_)].strip()
                or text[line_start(text, close) : close].strip()) and (
        line_end(text, open_) < close)


def _trimmed_edit(text: str, start: int, end: int, new: str) -> TextEdit:
    """The edit of ``text[start:end]`` into ``new`` (both whole lines), without their
    common whole lines."""
    old_lines = text[start:end].splitlines(keepends=True)
    new_lines = new.splitlines(keepends=True)
    head_lines, tail_lines = common_ends(old_lines, new_lines)  # slices compare lists too
    head = sum(map(len, old_lines[:head_lines]))
    old_tail = sum(map(len, old_lines[len(old_lines) - tail_lines :]))
    new_tail = sum(map(len, new_lines[len(new_lines) - tail_lines :]))
    return TextEdit(start + head, end - old_tail, new[head : len(new) - new_tail])


def _section(entries: dict[str, str], unit: str) -> str:
    body = "".join(f"{unit}{entries[q]}\n" for q in sorted(entries))
    return f"layout {{\n{body}}}"


def _new_section(text: str, model: Model, changes: LayoutChanges, unit: str) -> list[TextEdit]:
    entries = {q: v for q, v in changes.items() if v is not None}
    if not entries:
        return []
    if model.span is not None:
        at = _after_line_of(text, model, model.span.end)
        return [TextEdit(at, at, "\n\n" + _section(entries, unit))]
    at = len(text.rstrip())
    return [TextEdit(at, at, ("\n\n" if at else "") + _section(entries, unit) + "\n")]


def _after_line_of(text: str, model: Model, position: int) -> int:
    """The end of the line holding ``position``, past any block comment that starts on
    that line and runs onto later ones (a section written there would be inside it)."""
    at = line_end(text, position)
    for comment in sorted(model.comments, key=lambda c: c.span.start):
        if position <= comment.span.start < at and comment.span.end > at:
            at = line_end(text, comment.span.end)
    return at


def _rewrite_section(text: str, model: Model, changes: LayoutChanges, unit: str) -> TextEdit:
    """An odd-looking section (several entries on a line, an entry on a brace's line, an
    element placed twice) is rewritten in full, its comments first, each on a line of
    its own."""
    assert model.layout_span is not None
    entries = {q: renamed_entry(text, e, q) for q, e in model.layout.items()}
    for qname, entry in changes.items():
        if entry is None:
            entries.pop(qname, None)
        else:
            entries[qname] = entry
    span = model.layout_span
    comments = [c.text for c in model.comments
                if span.start <= c.span.start and c.span.end <= span.end]
    if not entries and not comments:
        return _remove_section(text, model)
    notes = "".join(f"{unit}{comment}\n" for comment in comments)
    section = _section(entries, unit)
    return TextEdit(span.start, span.end, section[: len("layout {\n")] + notes
                    + section[len("layout {\n") :])


def _remove_section(text: str, model: Model) -> TextEdit:
    """The section's lines, and one blank line before them."""
    assert model.layout_span is not None
    start, end = removal_range(text, model.layout_span.start, model.layout_span.end)
    before = line_start(text, max(0, start - 1))
    if start > 0 and not text[before:start].strip():
        start = before
    return TextEdit(start, end, "")
