"""What the properties panel shows for an element or a relation, and which rows edit what.

Plain data, no widgets: each :class:`Row` says its caption, its value as text, and the
field an edit of it changes (None: read-only). The field names are those of
:meth:`archstudio.app.selection_edits.SelectionEdits.change`.
"""

from __future__ import annotations

from dataclasses import dataclass

from archstudio.model import ELEMENT_KINDS, Element, Model, Relation
from archstudio.model.elements import WELL_KNOWN_PROPERTIES

KIND_FIELD = "kind"
CAPTIONS = {"description": "Description", "technology": "Technology", "tags": "Tags"}


@dataclass(frozen=True, slots=True)
class Row:
    caption: str
    value: str
    field: str | None = None  # what an edit of the value changes; None: read-only
    removable: bool = False  # a property that Delete (or an empty value) removes
    tooltip: str = ""


def element_rows(element: Element) -> list[Row]:
    """Id, label and the well-known properties always (empty ones can be filled in),
    then the free properties in the order of the text."""
    rows = [
        Row("Id", element.id, "id", tooltip="Renaming updates every reference"),
        Row("Qualified name", element.qname),
        Row("Kind", ELEMENT_KINDS[element.kind].title),
        Row("Layer", element.layer),
        Row("Label", element.label or "", "label"),
    ]
    rows += _properties(element.properties, element.get)
    rows.append(Row("Line", str(element.span.line)))
    return rows


def relation_rows(relation: Relation) -> list[Row]:
    """Ends (editable: typing another element's name reconnects), kind, label,
    technology (inline or in the block) and the other properties."""

    def end(qname: str | None, ref: str) -> str:
        return qname if qname is not None else ref

    rows = [
        Row("Source", end(relation.source, relation.source_ref), "source",
            tooltip="Type another element's name to reconnect"),
        Row("Target", end(relation.target, relation.target_ref), "target",
            tooltip="Type another element's name to reconnect"),
        Row("Kind", relation.kind or "", KIND_FIELD),
        Row("Label", relation.label or "", "label"),
    ]

    def get(key: str) -> str | None:  # inline or in the block, the engine edits either
        return relation.technology if key == "technology" else relation.get(key)

    rows += _properties(relation.properties, get)
    rows.append(Row("Line", str(relation.span.line)))
    return rows


def _properties(properties, get) -> list[Row]:
    rows = []
    for key in WELL_KNOWN_PROPERTIES:
        value = get(key)
        rows.append(Row(CAPTIONS[key], value or "", key, removable=value is not None))
    seen = set(WELL_KNOWN_PROPERTIES)
    for prop in properties:
        if prop.key not in seen:
            seen.add(prop.key)
            rows.append(Row(prop.key, prop.value, prop.key, removable=True))
    return rows


def relation_summary(model: Model, qname: str, relation: Relation) -> tuple[str, str, str]:
    """(``→ other`` or ``← other``, label and kind, tooltip) for an element's list of
    relations; an unresolved end shows as written."""
    outgoing = relation.source == qname
    other_qname, ref = ((relation.target, relation.target_ref) if outgoing
                        else (relation.source, relation.source_ref))
    other = model.elements.get(other_qname or "")
    name = other.display_name if other is not None else ref
    kind = f" ({relation.kind})" if relation.kind else ""
    return ((f"→ {name}" if outgoing else f"← {name}"), (relation.label or "") + kind,
            f"{relation.source} -> {relation.target}")
