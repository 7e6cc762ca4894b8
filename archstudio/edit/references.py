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
    """The qualified names of a model as they will be after an edit, for resolving.

    A view over the model's own elements minus ``gone`` plus ``extra``, so nothing is
    copied: an edit touches a handful of names among thousands.
    """

    def __init__(self, model: Model, gone: Iterable[str] = (), extra: Iterable[str] = ()
                 ) -> None:
        self.elements = model.elements
        self.by_id = ids_of(model)
        self.gone = set(gone)
        self.extra: dict[str, list[str]] = {}
        for qname in extra:
            self.extra.setdefault(last_segment(qname), []).append(qname)
        self.extra_names = {q for names in self.extra.values() for q in names}

    def __contains__(self, qname: str) -> bool:
        return qname in self.extra_names or (qname in self.elements and qname not in self.gone)

    def with_id(self, element_id: str) -> list[str]:
        base = [q for q in self.by_id.get(element_id, ()) if q not in self.gone]
        return base + self.extra.get(element_id, [])

    def resolve(self, ref: str, scope: str | None) -> str | None:
        if ref in self:
            return ref
        while scope is not None:
            if f"{scope}.{ref}" in self:
                return f"{scope}.{ref}"
            scope = parent_of(scope)
        candidates = self.with_id(last_segment(ref))
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


_IDS: list = [None, {}]  # the last model indexed, and its index


def ids_of(model: Model) -> dict[str, list[str]]:
    """Qualified names by short id; remembered for the last model, which the canvas
    passes again and again between two parses."""
    if _IDS[0] is not model:
        index: dict[str, list[str]] = {}
        for qname, element in model.elements.items():
            index.setdefault(element.id, []).append(qname)
        _IDS[0], _IDS[1] = model, index
    return _IDS[1]


def forget_indexes() -> None:
    """Drop the remembered index (benchmarks measure the first call on a new model)."""
    _IDS[0], _IDS[1] = None, {}


def names_after(
    model: Model,
    renamed: dict[str, str] | None = None,
    removed: Iterable[str] = (),
    added: Iterable[str] = (),
) -> Names:
    renamed = renamed or {}
    return Names(model, gone=[*removed, *renamed], extra=[*renamed.values(), *added])


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
        scope = relation.scope
        moved_scope = scope is not None and scope in renamed
        if not moved_scope and (
            relation.source_ref.rpartition(".")[2] not in ids
            and relation.target_ref.rpartition(".")[2] not in ids
        ):
            continue
        if relation.index in skip:
            continue
        scope = renamed.get(scope, scope) if scope else None
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
