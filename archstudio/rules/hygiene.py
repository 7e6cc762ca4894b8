"""Hygiene: slips that make a diagram harder to read whatever the architecture."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from archstudio.model import Element, Relation, Severity
from archstudio.model.kinds import MESSAGE_KINDS
from archstudio.rules.index import RUNTIME_KINDS, ModelIndex
from archstudio.rules.registry import Finding, rule

FAMILY = "hygiene"
# These have rules of their own when unconnected (unexposed-operation, ...).
_TOLD_ELSEWHERE = frozenset({"goal", "capability", "operation", "schema"})
# Elements that run on some technology worth naming.
_TECHNICAL_KINDS = frozenset({"container", "datastore", "broker", "gateway"})
# Relations whose kind alone does not say what happens along them.
_NEEDS_LABEL = frozenset({None, "sync", "uses"}) | MESSAGE_KINDS


@rule("A301", "orphan", Severity.ADVICE, "an element with no relations at all", FAMILY)
def orphan(index: ModelIndex) -> Iterator[Finding]:
    """Systems are judged by their children; unlabelled orphans already get W302; an end
    of a relation whose other end is still unresolved is connected all the same."""
    connected = {r.source for r in index.model.relations}
    connected.update(r.target for r in index.model.relations)
    for element in index.model.elements.values():
        qname = element.qname
        if (element.is_group or element.kind in _TOLD_ELSEWHERE or element.label is None
                or qname in connected):
            continue
        yield (element.id_span, f"'{element.id}' has no relations", {"qname": qname})


def _relation_signature(relation: Relation) -> tuple:
    label = (relation.label or "").strip().lower()
    return (relation.source, relation.target, relation.kind, label)


@rule("A302", "duplicate-relation", Severity.WARNING,
      "the same relation (ends, kind and label) written twice", FAMILY)
def duplicate_relation(index: ModelIndex) -> Iterator[Finding]:
    first: dict[tuple, Relation] = {}
    for relation in index.model.relations:
        if not relation.resolved:
            continue
        original = first.setdefault(_relation_signature(relation), relation)
        if original is not relation:
            yield (relation.span,
                   f"this relation repeats the one on line {original.span.line}",
                   {"relation": relation.index, "original": original.index})


@rule("A303", "unlabeled-relation", Severity.ADVICE,
      "a call between runtime elements with no label saying what it is for", FAMILY)
def unlabeled_relation(index: ModelIndex) -> Iterator[Finding]:
    for relation in index.model.relations:
        if relation.label or relation.kind not in _NEEDS_LABEL or not relation.resolved:
            continue
        assert relation.source is not None and relation.target is not None
        if (index.kind(relation.source) in RUNTIME_KINDS
                and index.kind(relation.target) in RUNTIME_KINDS):
            yield (relation.span,
                   f"the relation {relation.source_ref} → {relation.target_ref} has no label",
                   {"relation": relation.index})


@rule("A304", "empty-system", Severity.WARNING, "a system with nothing inside", FAMILY)
def empty_system(index: ModelIndex) -> Iterator[Finding]:
    for element in index.by_kind.get("system", ()):
        if not element.children:
            yield (element.id_span, f"the system '{element.id}' is empty",
                   {"qname": element.qname})


@rule("A305", "missing-technology", Severity.ADVICE,
      "an element without a technology when most siblings of its kind name one", FAMILY)
def missing_technology(index: ModelIndex) -> Iterator[Finding]:
    """Siblings are elements of the same kind in the same system (groups inside it
    do not count as boundaries). One datastore with a
    technology among four without is the exception, not the rule, so most must name one;
    a fix is only suggested when at least two of them agree and none disagrees."""
    groups: dict[tuple[str | None, str], list[tuple[Element, str | None]]] = {}
    for element in index.model.elements.values():
        if element.kind in _TECHNICAL_KINDS:
            key = (index.owning_system(element.qname), element.kind)
            groups.setdefault(key, []).append((element, element.technology))
    for (_, kind), siblings in groups.items():
        technologies = Counter(tech for _, tech in siblings if tech)
        named = sum(technologies.values())
        if not named or named * 2 <= len(siblings) - 1 or named == len(siblings):
            continue
        common = ", ".join(sorted(technologies))
        data = {}
        if len(technologies) == 1 and named >= 2:
            data["suggestion"] = next(iter(technologies))
        for element, technology in siblings:
            if not technology:
                yield (element.id_span,
                       f"'{element.id}' names no technology; its sibling {kind}s do "
                       f"({common})",
                       {"qname": element.qname, **data})
