"""Creating, deleting, renaming and moving elements.

Each operation edits the element's own statement, the relations that name it and its
layout entries, and nothing else.
"""

from __future__ import annotations

from collections.abc import Iterable

from archstudio.dsl.textedit import TextEdit
from archstudio.edit.layout import LayoutChanges, layout_edits, renamed_entry
from archstudio.edit.locate import body_of, editable, find_element, indent_unit, insert_statement
from archstudio.edit.references import (
    Names,
    fix_references,
    ids_of,
    last_segment,
    names_after,
    subtree,
)
from archstudio.edit.result import EditError, EditResult, finish
from archstudio.edit.text import (
    alone_on_line,
    apply_within,
    ends_in_line_comment,
    ends_line,
    indent_at,
    inside,
    merge_ranges,
    quote,
    reindent,
    removal_edits,
    removal_range,
    statement_extent,
)
from archstudio.edit.values import (
    Properties,
    check_id,
    check_properties,
    with_block,
)
from archstudio.model import Element, Model
from archstudio.model.kinds import KIND_KEYWORDS


def free_id(model: Model, parent: str | None, wanted: str, unique: bool,
            taken: Iterable[str] = ()) -> str:
    """``wanted``, or with ``unique`` the first of ``wanted2``, ``wanted3``, ... that
    clashes with no qualified name in ``parent`` and no short name anywhere."""
    prefix = f"{parent}." if parent else ""
    blocked = set(taken)
    if not unique:
        if f"{prefix}{wanted}" in model.elements or f"{prefix}{wanted}" in blocked:
            raise EditError(f"'{prefix}{wanted}' already exists")
        return wanted
    short = ids_of(model)
    blocked_ids = {last_segment(q) for q in blocked}
    candidate, number = wanted, 1
    while candidate in short or candidate in blocked_ids or f"{prefix}{candidate}" in \
            model.elements:
        number += 1
        candidate = f"{wanted}{number}"
    return candidate


def create_element(
    text: str,
    kind: str,
    element_id: str,
    *,
    model: Model | None = None,
    label: str | None = None,
    parent: str | None = None,
    properties: Properties = (),
    unique: bool = False,
) -> EditResult:
    """Add ``kind element_id "label" { properties }`` at the top level or in ``parent``,
    after the last sibling of the same kind (or the last element, or at the block's end).
    The result's ``subject`` is the new qualified name."""
    model = editable(text, model)
    if kind not in KIND_KEYWORDS:
        raise EditError(f"unknown element kind '{kind}' (kinds: {', '.join(KIND_KEYWORDS)})")
    check_id(element_id)
    check_properties(properties)
    owner = None
    if parent is not None:
        owner = find_element(model, parent)
        if not owner.is_group:
            raise EditError(f"only a system can contain elements; '{owner.qname}' is a "
                            f"{owner.kind}")
    parent_qname = owner.qname if owner else None
    element_id = free_id(model, parent_qname, element_id, unique)
    qname = f"{parent_qname}.{element_id}" if parent_qname else element_id
    unit = indent_unit(text, model)

    head = f"{kind} {element_id}" + (f" {quote(label)}" if label is not None else "")

    def render(indent: str) -> str:
        return with_block(head, properties, indent, unit)

    body = body_of(model, parent_qname)
    edits = [insert_statement(text, body, render, unit, after=_sibling_after(body, kind))]
    names = names_after(model, added=[qname])
    edits += fix_references(model, names, touched=[qname])
    return finish(text, edits, qname)


def _sibling_after(body, kind: str):
    canonical = KIND_KEYWORDS[kind]
    same = [e for e in body.elements if e.kind == canonical]
    if same:
        return same[-1].span
    if body.elements:
        return body.elements[-1].span
    return None


def delete_element(
    text: str, ref: str, *, model: Model | None = None, lift_children: bool = False
) -> EditResult:
    """Remove an element with its relations and layout entries; a system takes its
    children along, or with ``lift_children`` leaves them (and the relations inside it)
    in its place."""
    model = editable(text, model)
    element = find_element(model, ref)
    if lift_children and element.children:
        return _dissolve(text, model, element)
    removed = set(subtree(model, element.qname))
    ranges = [removal_range(text, element.span.start, element.span.end)]
    dropped = {r.index for r in model.relations if r.source in removed or r.target in removed}
    dropped |= {r.index for r in model.relations if r.scope in removed}
    ranges += [removal_range(text, model.relations[i].span.start, model.relations[i].span.end)
               for i in dropped]
    ranges = merge_ranges(ranges)
    names = names_after(model, removed=removed)
    edits = [e for e in fix_references(model, names, touched=removed, skip=dropped)
             if not inside(ranges, e.start, e.end)]
    edits += removal_edits(ranges)
    edits += layout_edits(text, model, dict.fromkeys(removed))
    return finish(text, edits, element.qname)


def _dissolve(text: str, model: Model, system: Element) -> EditResult:
    """Delete a system but keep what it holds, one level further out."""
    qname = system.qname
    outer = system.parent
    renamed = {}
    for child in system.children:
        for old in subtree(model, child):
            renamed[old] = f"{outer}.{old[len(qname) + 1 :]}" if outer else old[len(qname) + 1:]
    clash = [new for new in renamed.values() if new in model.elements and new not in renamed]
    if clash:
        raise EditError(f"cannot lift the children of '{qname}': '{clash[0]}' already exists")
    inner_ranges = [removal_range(text, p.span.start, p.span.end) for p in system.properties]
    dropped = {r.index for r in model.relations if qname in (r.source, r.target)}
    ranges = [removal_range(text, model.relations[i].span.start, model.relations[i].span.end)
              for i in dropped]
    names = names_after(model, renamed=renamed, removed=[qname])
    fixes = fix_references(model, names, renamed=renamed,
                           touched=[qname, *renamed, *renamed.values()], skip=dropped)
    assert system.block is not None and system.block.close_span is not None
    open_, close = system.block.open_span.start, system.block.close_span.start
    inner = [r for r in ranges if open_ < r[0] and r[1] <= close]
    outside = [r for r in ranges if r not in inner]
    inner_edits = removal_edits(inner_ranges + inner) + [
        e for e in fixes
        if open_ < e.start and e.end <= close and not inside(inner + inner_ranges, e.start, e.end)
    ]
    content = apply_within(text, open_ + 1, close, inner_edits).strip()
    indent = indent_at(text, system.span.start)
    first = model.elements[system.children[0]].span.start
    content = reindent(content, indent_at(text, first), indent)
    start, end = removal_range(text, system.span.start, system.span.end)
    if alone_on_line(text, system.span.start, system.span.end):
        replacement = f"{indent}{content}\n" if content else ""
    elif ends_in_line_comment(content) and not ends_line(text, end):
        replacement = f"{content}\n{indent}"  # what followed on the line stays code
    else:
        replacement = content
    edits = [TextEdit(start, end, replacement), *removal_edits(outside)]
    edits += [e for e in fixes if not (start <= e.start and e.end <= end)
              and not inside(outside, e.start, e.end)]
    changes: LayoutChanges = {qname: None}
    for old, new in renamed.items():
        if old in model.layout:
            changes[old] = None
            changes[new] = renamed_entry(text, model.layout[old], new)
    edits += layout_edits(text, model, changes)
    return finish(text, edits, qname)


def rename_element(
    text: str, ref: str, new_id: str, *, model: Model | None = None, unique: bool = False
) -> EditResult:
    """Give an element a new id; every reference and layout entry follows (children's
    qualified names included). The result's ``subject`` is the new qualified name."""
    model = editable(text, model)
    element = find_element(model, ref)
    check_id(new_id)
    if new_id == element.id:
        return finish(text, [], element.qname)
    new_id = free_id(model, element.parent, new_id, unique)
    return _relocate(text, model, element, element.parent, new_id, [
        TextEdit(element.id_span.start, element.id_span.end, new_id)])


def move_element(
    text: str, ref: str, into: str | None, *, model: Model | None = None, unique: bool = False
) -> EditResult:
    """Move an element (with its block, children and comments) into the system ``into``
    or, for ``None``, out to the top level. The result's ``subject`` is its new name."""
    model = editable(text, model)
    element = find_element(model, ref)
    target = find_element(model, into) if into is not None else None
    if target is not None:
        if not target.is_group:
            raise EditError(f"only a system can contain elements; '{target.qname}' is a "
                            f"{target.kind}")
        if target.qname == element.qname or target.qname.startswith(element.qname + "."):
            raise EditError(f"cannot move '{element.qname}' into itself")
    new_parent = target.qname if target else None
    if new_parent == element.parent:
        return finish(text, [], element.qname)
    new_id = free_id(model, new_parent, element.id, unique)
    id_edits = [] if new_id == element.id else [
        TextEdit(element.id_span.start, element.id_span.end, new_id)]
    return _relocate(text, model, element, new_parent, new_id, id_edits)


def _relocate(text: str, model: Model, element: Element, new_parent: str | None, new_id: str,
              own_edits: list[TextEdit]) -> EditResult:
    """Rename and/or move: the shared part of both."""
    prefix = f"{new_parent}." if new_parent else ""
    renamed = {old: prefix + new_id + old[len(element.qname):]
               for old in subtree(model, element.qname)}
    names: Names = names_after(model, renamed=renamed)
    fixes = own_edits + fix_references(model, names, renamed=renamed,
                                       touched=[*renamed, *renamed.values()])
    edits = fixes
    if new_parent != element.parent:
        edits = _move_statement(text, model, element, new_parent, fixes)
    changes: LayoutChanges = {}
    for old, new in renamed.items():
        if old in model.layout:
            changes[old] = None
            changes[new] = renamed_entry(text, model.layout[old], new)
    edits += layout_edits(text, model, changes)
    return finish(text, edits, renamed[element.qname])


def _move_statement(text: str, model: Model, element: Element, new_parent: str | None,
                    fixes: list[TextEdit]) -> list[TextEdit]:
    start, end = element.span.start, element.span.end
    begin, stop = statement_extent(text, start, end)
    snippet = apply_within(text, begin, stop, fixes)
    old_indent = indent_at(text, start)
    unit = indent_unit(text, model)
    body = body_of(model, new_parent)
    cut_start, cut_end = removal_range(text, start, end)
    if body.open is not None and cut_start <= body.open < cut_end:
        raise EditError(f"cannot move '{element.qname}' into itself")
    insertion = insert_statement(text, body, lambda indent: reindent(snippet, old_indent, indent),
                                 unit, after=_sibling_after(body, element.keyword))
    outside = [e for e in fixes if not (begin <= e.start and e.end <= stop)]
    return [insertion, _cut(text, model, element.parent, cut_start, cut_end), *outside]


def _cut(text: str, model: Model, parent: str | None, cut_start: int, cut_end: int) -> TextEdit:
    """Take out ``[cut_start, cut_end)``; when that leaves the parent's ``{ }`` with
    nothing but blanks, the braces go too (``system Shop { }`` reads as ``system Shop``)."""
    if parent is None:
        return TextEdit(cut_start, cut_end, "")
    body = body_of(model, parent)
    if body.open is None or body.close is None:
        return TextEdit(cut_start, cut_end, "")
    left, right = text[body.open + 1:cut_start], text[cut_end:body.close]
    if left.strip() or right.strip():
        return TextEdit(cut_start, cut_end, "")
    start = body.open
    while start > 0 and text[start - 1] in " \t":
        start -= 1
    return TextEdit(start, body.close + 1, "")
