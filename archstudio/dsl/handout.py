"""The relations a new model gets from the incremental parser's units.

The semantic checks resolve a relation's ends in place, so a relation an earlier model
holds is shared with the next one only when the checks cannot change it; otherwise the
new model gets a fresh, unresolved copy (and the unit keeps that copy as its template).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from archstudio.model.elements import Element, Model, Relation


class _HasRelations(Protocol):
    relations: list[Relation]


class _Statement(Protocol):
    relations: list[Relation]
    elements: list[Element]


def hand_out_relations(units: Iterable[_HasRelations], elements: dict[str, Element]
                       ) -> list[Relation]:
    """The relations of a new model. The checks resolve relations in place, so one that
    an earlier model holds is shared only when the checks cannot change it (same index,
    ends already resolved to the exact names it gives, both declared); otherwise a fresh
    copy goes to the model and replaces the unit's template."""
    relations: list[Relation] = []
    for unit in units:
        templates = unit.relations
        if not templates:
            continue
        for position, relation in enumerate(templates):
            index = len(relations)
            source = relation.source
            if (
                relation.index == index
                and source is not None
                and source == relation.source_ref
                and relation.target == relation.target_ref
                and source in elements
                and relation.target in elements
            ):
                relations.append(relation)
            else:
                templates[position] = relation = copy_relation(relation, index)
                relations.append(relation)
    return relations


def copy_relation(relation: Relation, index: int) -> Relation:
    """A fresh, unresolved copy for a new model (the checks resolve relations in place)."""
    return Relation(
        relation.source_ref, relation.target_ref, relation.label, relation.kind,
        relation.span, relation.source_span, relation.target_span, relation.arrow_span,
        relation.label_span, relation.technology_inline, relation.technology_span,
        relation.block, relation.properties, relation.scope, None, None, index,
    )


def relations_kept(last_units: list[_Statement], last_model: Model,
                   substantive: list[_Statement], elements: dict[str, Element]
                   ) -> list[Relation] | None:
    """The last model's relations, as they are, when the statements that changed since
    give none (before or now) and every element keeps its name and kind (a label, a
    technology or a property typed): the checks resolve each relation exactly as they
    did for that model, so sharing them changes nothing (:func:`hand_out_relations`
    copies a relation only because the checks may change it). None otherwise."""
    if len(substantive) != len(last_units) or len(elements) != len(last_model.elements):
        return None
    for new, old in zip(substantive, last_units, strict=True):
        if new is old:
            continue
        if new.relations or old.relations or len(new.elements) != len(old.elements):
            return None
        for now, was in zip(new.elements, old.elements, strict=True):
            if now.qname != was.qname or now.kind != was.kind:
                return None
    return list(last_model.relations)
