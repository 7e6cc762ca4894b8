"""Keeping references right when names change: rename, move, create and delete.

A reference resolves the way :mod:`archstudio.dsl.semantics` resolves it (exact
qualified name, then outwards from the enclosing system, then a unique suffix or short
name). After an operation changes the set of names, every reference that would now
resolve to something else is rewritten, keeping its written style where it can.
"""

from __future__ import annotations

from collections.abc import Iterable

from archstudio.dsl.textedit import TextEdit
from archstudio.model import Model


def last_segment(qname: str) -> str:
    return qname.rsplit(".", 1)[-1]


def parent_of(qname: str) -> str | None:
    return qname.rsplit(".", 1)[0] if "." in qname else None


class Names:
    """The qualified names of a model (as it will be after an edit), for resolving."""

    def __init__(self, qnames: Iterable[str]) -> None:
        self.qnames = set(qnames)
        self.by_id: dict[str, list[str]] = {}
        for qname in self.qnames:
            self.by_id.setdefault(last_segment(qname), []).append(qname)

    def resolve(self, ref: str, scope: str | None) -> str | None:
        if ref in self.qnames:
            return ref
        while scope is not None:
            if f"{scope}.{ref}" in self.qnames:
                return f"{scope}.{ref}"
            scope = parent_of(scope)
        candidates = self.by_id.get(last_segment(ref), [])
        if "." in ref:
            candidates = [q for q in candidates if q.endswith("." + ref)]
        return candidates[0] if len(candidates) == 1 else None

    def reference(self, qname: str, scope: str | None, like: str | None = None) -> str:
        """How to write a reference to ``qname`` from ``scope``: as many segments as
        ``like`` had when that still resolves, else the shortest suffix that does."""
        segments = qname.split(".")
        if like is not None:
            count = like.count(".") + 1
            if count <= len(segments):
                candidate = ".".join(segments[-count:])
                if self.resolve(candidate, scope) == qname:
                    return candidate
        for count in range(1, len(segments)):
            candidate = ".".join(segments[-count:])
            if self.resolve(candidate, scope) == qname:
                return candidate
        return qname


def names_after(
    model: Model,
    renamed: dict[str, str] | None = None,
    removed: Iterable[str] = (),
    added: Iterable[str] = (),
) -> Names:
    renamed = renamed or {}
    gone = set(removed) | set(renamed)
    kept = (q for q in model.elements if q not in gone)
    return Names([*kept, *renamed.values(), *added])


def fix_references(
    model: Model,
    names: Names,
    renamed: dict[str, str] | None = None,
    touched: Iterable[str] = (),
    skip: set[int] | frozenset[int] = frozenset(),
) -> list[TextEdit]:
    """Rewrite the references that would resolve differently among ``names``.

    ``touched`` lists every qualified name the operation adds, removes or renames (old
    and new); only references ending in one of their ids, or written inside a renamed
    element, can change meaning, so only those are looked at. Relations in ``skip``
    (being deleted) are left alone.
    """
    renamed = renamed or {}
    ids = {last_segment(q) for q in touched}
    edits: list[TextEdit] = []
    for relation in model.relations:
        if relation.index in skip:
            continue
        scope = renamed.get(relation.scope, relation.scope) if relation.scope else None
        moved_scope = scope != relation.scope
        ends = (
            (relation.source_ref, relation.source_span, relation.source),
            (relation.target_ref, relation.target_span, relation.target),
        )
        for ref, span, resolved in ends:
            if resolved is None or (not moved_scope and last_segment(ref) not in ids):
                continue
            intended = renamed.get(resolved, resolved)
            if names.resolve(ref, scope) != intended:
                edits.append(TextEdit(span.start, span.end,
                                      names.reference(intended, scope, like=ref)))
    return edits


def subtree(model: Model, qname: str) -> list[str]:
    """An element and all its descendants, in text order."""
    out = [qname]
    for child in model.elements[qname].children:
        out.extend(subtree(model, child))
    return out
