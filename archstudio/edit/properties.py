"""Labels and properties of elements and relations.

A target is an element reference (``"Shop.Api"``) or a relation (its index, or
``"A->B"``). Setting a property that exists rewrites its values only; a new one goes
after the last property (opening a ``{ }`` block when there is none); removing the last
statement of a block removes the block, unless a comment still lives in it.
"""

from __future__ import annotations

from archstudio.dsl.textedit import TextEdit
from archstudio.edit.locate import (
    Body,
    body_of,
    editable,
    find_element,
    find_relation,
    indent_unit,
    relation_body,
)
from archstudio.edit.locate import insert_statement as insert
from archstudio.edit.result import EditError, EditResult, finish
from archstudio.edit.text import apply_within, blanks_before, merge_ranges, quote, removal_range
from archstudio.edit.values import PropertyValues, check_key, values_text
from archstudio.model import Element, Model, Property, Relation

Target = str | int


def _target(model: Model, target: Target) -> Element | Relation:
    if isinstance(target, int) or "->" in target:
        return find_relation(model, target)
    return find_element(model, target)


def _name(owner: Element | Relation) -> str | int:
    return owner.qname if isinstance(owner, Element) else owner.index


def set_label(text: str, target: Target, label: str, *, model: Model | None = None
              ) -> EditResult:
    model = editable(text, model)
    owner = _target(model, target)
    if owner.label_span is not None:
        edit = TextEdit(owner.label_span.start, owner.label_span.end, quote(label))
    else:
        at = owner.id_span.end if isinstance(owner, Element) else owner.target_span.end
        edit = TextEdit(at, at, f" {quote(label)}")
    return finish(text, [edit], _name(owner))


def remove_label(text: str, target: Target, *, model: Model | None = None) -> EditResult:
    """Remove a label; a relation's inline technology moves into its block."""
    model = editable(text, model)
    owner = _target(model, target)
    if owner.label_span is None:
        raise EditError(f"'{_describe(owner)}' has no label")
    start = blanks_before(text, owner.label_span.start)
    if isinstance(owner, Element) or owner.technology_span is None:
        edits = [TextEdit(start, owner.label_span.end, "")]
    else:
        technology = owner.technology_inline or ""
        edits = [TextEdit(start, owner.label_span.end, ""),
                 TextEdit(blanks_before(text, owner.technology_span.start),
                          owner.technology_span.end, "")]
        if technology:  # an empty one meant nothing; it is not worth a block
            edits += _set(text, model, owner, "technology", technology,
                          head_end=owner.target_span.end)
    return finish(text, edits, _name(owner))


def set_property(
    text: str, target: Target, key: str, values: PropertyValues, *, model: Model | None = None
) -> EditResult:
    """Set ``key`` (``label`` included) to one value or a list (tags)."""
    model = editable(text, model)
    owner = _target(model, target)
    if key == "label":
        label = values if isinstance(values, str) else ", ".join(values)
        return set_label(text, target, label, model=model)
    check_key(key)
    values_text(values)
    if isinstance(owner, Relation) and key == "technology":
        value = values if isinstance(values, str) else ", ".join(values)
        if owner.technology_span is not None:
            span = owner.technology_span
            return finish(text, [TextEdit(span.start, span.end, quote(value))], owner.index)
        if owner.label_span is not None and owner.prop("technology") is None:
            at = owner.label_span.end
            return finish(text, [TextEdit(at, at, f" {quote(value)}")], owner.index)
    return finish(text, _set(text, model, owner, key, values), _name(owner))


def _set(text: str, model: Model, owner: Element | Relation, key: str,
         values: PropertyValues, head_end: int | None = None) -> list[TextEdit]:
    existing = owner.prop(key)
    if existing is not None:
        first, last = existing.value_spans[0], existing.value_spans[-1]
        return [TextEdit(first.start, last.end, values_text(values))]
    body = _body(model, owner)
    if head_end is not None and body.open is None:
        body.head_end = head_end
    after = body.properties[-1] if body.properties else None
    before = body.first() if after is None else None
    line = f"{key} {values_text(values)}"
    return [insert(text, body, lambda _indent: line, indent_unit(text, model), after, before)]


def _body(model: Model, owner: Element | Relation) -> Body:
    if isinstance(owner, Element):
        return body_of(model, owner.qname)
    return relation_body(owner)


def remove_property(text: str, target: Target, key: str, *, model: Model | None = None
                    ) -> EditResult:
    """Remove every ``key`` statement of the target (``label`` removes the label)."""
    model = editable(text, model)
    owner = _target(model, target)
    if key == "label":
        return remove_label(text, target, model=model)
    found: list[Property] = [p for p in owner.properties if p.key == key]
    edits: list[TextEdit] = []
    if isinstance(owner, Relation) and key == "technology" and owner.technology_span:
        assert owner.label_span is not None
        span = owner.technology_span
        edits.append(TextEdit(blanks_before(text, span.start), span.end, ""))
    elif not found:
        raise EditError(f"'{_describe(owner)}' has no property '{key}'")
    ranges = merge_ranges([removal_range(text, p.span.start, p.span.end) for p in found])
    removals = [TextEdit(start, end, "") for start, end in ranges]
    block = owner.block
    if found and block is not None and block.close_span is not None:
        open_, close = block.open_span.start, block.close_span.start
        head_end = _body(model, owner).head_end
        if not (apply_within(text, open_ + 1, close, removals).strip()
                or text[head_end:open_].strip()):
            removals = [TextEdit(head_end, close + 1, "")]
    return finish(text, edits + removals, _name(owner))


def _describe(owner: Element | Relation) -> str:
    if isinstance(owner, Element):
        return owner.qname
    return f"{owner.source or owner.source_ref}->{owner.target or owner.target_ref}"
