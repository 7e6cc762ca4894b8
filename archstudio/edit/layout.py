"""The layout section: positions and sizes, one sorted line per element.

Every change to the section (a drag of many elements, a rename, a delete) becomes one
edit that spans only the lines that changed; untouched lines, comments and blank lines
keep their bytes. The section is created after the architecture block when missing and
removed again when its last entry goes.
"""

from __future__ import annotations

from bisect import bisect_right

from archstudio.dsl.textedit import TextEdit
from archstudio.edit.locate import editable, find_element, indent_unit
from archstudio.edit.result import EditError, EditResult, finish
from archstudio.edit.text import (
    alone_on_line,
    format_number,
    line_end,
    line_start,
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
        qname = find_element(model, ref).qname
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
    """At most one edit that applies ``changes`` to the layout section."""
    changes = {q: v for q, v in changes.items() if v is not None or q in model.layout}
    if not changes:
        return []
    unit = indent_unit(text, model)
    block = model.layout_block
    if model.layout_span is None or block is None or block.close_span is None:
        return _new_section(text, model, changes, unit)
    open_, close = block.open_span.start, block.close_span.start
    body_start = line_end(text, open_) + 1
    body_end = line_start(text, close)
    if not _well_formed(text, model, open_, close):
        return [_rewrite_section(text, model, changes, unit)]
    lines = text[body_start:body_end].splitlines(keepends=True)
    names: list[str | None] = [None] * len(lines)
    offset = body_start
    starts: dict[int, int] = {}
    for index, line in enumerate(lines):
        starts[offset] = index
        offset += len(line)
    indent = unit
    for qname, entry in _entries(model):
        index = starts[line_start(text, entry.span.start)]
        names[index] = qname
        indent = text[line_start(text, entry.span.start) : entry.span.start]
    kept_lines: list[str] = []
    kept_names: list[str | None] = []
    for line, name in zip(lines, names, strict=True):
        if name is None or name not in changes:
            kept_lines.append(line)
            kept_names.append(name)
    if not any(kept_names) and not any(v is not None for v in changes.values()) and not any(
        line.strip() for line in kept_lines
    ):
        return [_remove_section(text, model)]
    new_lines = _merge(kept_lines, kept_names, changes, indent)
    return [_trimmed_edit(text, body_start, lines, new_lines)]


def _entries(model: Model) -> list[tuple[str, LayoutEntry]]:
    """Every entry statement, including the ones a later duplicate overrides."""
    return [(e.qname, e) for e in model.layout.values()] + [
        (d.data["qname"], _Shadow(d.span)) for d in model.diagnostics if d.code == "W209"
    ]


class _Shadow:
    """A duplicate layout entry (W209): only its span matters, to remove it too."""

    __slots__ = ("span",)

    def __init__(self, span) -> None:
        self.span = span


def _well_formed(text: str, model: Model, open_: int, close: int) -> bool:
    """One entry per line, the braces on lines of their own."""
    if text[open_ + 1 : line_end(text, open_)].strip() or text[
        line_start(text, close) : close
    ].strip():
        return False
    seen: set[int] = set()
    for _, entry in _entries(model):
        start = line_start(text, entry.span.start)
        if start in seen or not alone_on_line(text, entry.span.start, entry.span.end):
            return False
        seen.add(start)
    return True


def _merge(lines: list[str], names: list[str | None], changes: LayoutChanges,
           indent: str) -> list[str]:
    """Insert the new entries where they sort, after the last smaller name."""
    positions = [i for i, name in enumerate(names) if name is not None]
    ordered = [names[i] for i in positions]
    inserts: dict[int, list[str]] = {}
    for qname in sorted(q for q, v in changes.items() if v is not None):
        rank = bisect_right(ordered, qname)  # type: ignore[arg-type]
        if rank:
            at = positions[rank - 1] + 1
        elif positions:
            at = positions[0]
        else:
            at = len(lines)
        inserts.setdefault(at, []).append(f"{indent}{changes[qname]}\n")
    out: list[str] = []
    for index in range(len(lines) + 1):
        out.extend(inserts.get(index, ()))
        if index < len(lines):
            out.append(lines[index])
    return out


def _trimmed_edit(text: str, start: int, old: list[str], new: list[str]) -> TextEdit:
    head = 0
    while head < min(len(old), len(new)) and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    begin = start + sum(len(line) for line in old[:head])
    end = begin + sum(len(line) for line in old[head : len(old) - tail])
    return TextEdit(begin, end, "".join(new[head : len(new) - tail]))


def _section(entries: dict[str, str], unit: str) -> str:
    body = "".join(f"{unit}{entries[q]}\n" for q in sorted(entries))
    return f"layout {{\n{body}}}"


def _new_section(text: str, model: Model, changes: LayoutChanges, unit: str) -> list[TextEdit]:
    entries = {q: v for q, v in changes.items() if v is not None}
    if not entries:
        return []
    if model.span is not None:
        at = line_end(text, model.span.end)
        return [TextEdit(at, at, "\n\n" + _section(entries, unit))]
    at = len(text.rstrip())
    return [TextEdit(at, at, ("\n\n" if at else "") + _section(entries, unit) + "\n")]


def _rewrite_section(text: str, model: Model, changes: LayoutChanges, unit: str) -> TextEdit:
    """An odd-looking section (several entries on a line, an entry on a brace's line) is
    rewritten in full, its comments first, each on a line of its own."""
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
