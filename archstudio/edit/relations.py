"""Relations: connect, reconnect one end, change kind, delete.

New relations go after the last relation of the architecture block and name their ends
by the shortest reference that resolves to them.
"""

from __future__ import annotations

from archstudio.dsl.textedit import TextEdit
from archstudio.edit.locate import (
    body_of,
    editable,
    find_element,
    find_relation,
    indent_unit,
    insert_statement,
)
from archstudio.edit.references import Names
from archstudio.edit.result import EditError, EditResult, finish
from archstudio.edit.text import quote, removal_range
from archstudio.edit.values import Properties, check_properties, with_block
from archstudio.model import Element, Model, Relation
from archstudio.model.kinds import RELATION_KINDS, allowed_relation_kinds, relation_allowed


def check_kind(kind: str | None, source: Element, target: Element) -> None:
    """Refuse what the parser would report as E205 or E204."""
    if kind is None:
        return
    if kind not in RELATION_KINDS:
        raise EditError(f"unknown relation kind '{kind}' (kinds: {', '.join(RELATION_KINDS)})")
    if not relation_allowed(kind, source.kind, target.kind):
        allowed = allowed_relation_kinds(source.kind, target.kind)
        raise EditError(
            f"a {source.kind} ({source.layer}) cannot '{kind}' a {target.kind} ({target.layer})"
            + (f"; allowed here: {', '.join(allowed)}" if allowed else "")
        )


def arrow(kind: str | None) -> str:
    return "->" if kind is None else f"-[{kind}]->"


def connect(
    text: str,
    source: str,
    target: str,
    *,
    model: Model | None = None,
    label: str | None = None,
    kind: str | None = None,
    technology: str | None = None,
    properties: Properties = (),
) -> EditResult:
    """Add ``source -[kind]-> target "label" "technology" { properties }`` to the
    architecture block. The result's ``subject`` is the new relation's index."""
    model = editable(text, model)
    start, end = find_element(model, source), find_element(model, target)
    check_kind(kind, start, end)
    check_properties(properties)
    names = Names(model)
    head = f"{names.reference(start.qname, None)} {arrow(kind)} {names.reference(end.qname, None)}"
    extra = list(properties)
    if label is not None:
        head += f" {quote(label)}"
        if technology is not None:
            head += f" {quote(technology)}"
    elif technology is not None:
        extra.insert(0, ("technology", technology))
    unit = indent_unit(text, model)

    def render(indent: str) -> str:
        return with_block(head, extra, indent, unit)

    body = body_of(model, None)
    after = body.relations[-1].span if body.relations else (
        body.elements[-1].span if body.elements else None)
    edit = insert_statement(text, body, render, unit, after=after)
    index = sum(1 for r in model.relations if r.span.start < edit.start)
    return finish(text, [edit], index)


def reconnect(
    text: str, relation: str | int, end: str, element: str, *, model: Model | None = None
) -> EditResult:
    """Point one end (``"source"`` or ``"target"``) of a relation at another element."""
    model = editable(text, model)
    found = find_relation(model, relation)
    new = find_element(model, element)
    if end not in ("source", "target"):
        raise EditError(f"a relation's end is 'source' or 'target', not '{end}'")
    source = new if end == "source" else _end(model, found, "source")
    target = new if end == "target" else _end(model, found, "target")
    check_kind(found.kind, source, target)
    span = found.source_span if end == "source" else found.target_span
    ref = Names(model).reference(new.qname, found.scope)
    return finish(text, [TextEdit(span.start, span.end, ref)], found.index)


def _end(model: Model, relation: Relation, end: str) -> Element:
    qname = relation.source if end == "source" else relation.target
    if qname is None:
        ref = relation.source_ref if end == "source" else relation.target_ref
        raise EditError(f"the relation's {end} '{ref}' is not a known element")
    return model.elements[qname]


def set_relation_kind(
    text: str, relation: str | int, kind: str | None, *, model: Model | None = None
) -> EditResult:
    """Change a relation's kind (``None`` for a plain ``->``)."""
    model = editable(text, model)
    found = find_relation(model, relation)
    check_kind(kind, _end(model, found, "source"), _end(model, found, "target"))
    span = found.arrow_span
    return finish(text, [TextEdit(span.start, span.end, arrow(kind))], found.index)


def delete_relation(
    text: str, relation: str | int, *, model: Model | None = None
) -> EditResult:
    model = editable(text, model)
    found = find_relation(model, relation)
    start, end = removal_range(text, found.span.start, found.span.end)
    return finish(text, [TextEdit(start, end, "")], found.index)
