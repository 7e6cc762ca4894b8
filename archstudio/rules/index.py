"""One pass over a model that every rule shares: relations by end, elements by kind.

Rules run after every parse in the app, so the model is walked once here and each rule
reads the tables instead of scanning all relations again.
"""

from __future__ import annotations

from collections import defaultdict

from archstudio.model import Element, Model, Relation
from archstudio.model.kinds import MESSAGE_KINDS

# Elements that exist at run time and talk to each other (seed 004's world).
RUNTIME_KINDS = frozenset({"person", "container", "datastore", "broker", "gateway", "external"})
# Relation kinds that mean "talks to" between runtime elements; None is an untyped arrow.
CALL_KINDS = frozenset({None, "sync", "uses"}) | MESSAGE_KINDS
# The ones that wait for an answer.
SYNC_KINDS = frozenset({None, "sync", "uses"})


class ModelIndex:
    """Read-only lookup tables over one model; build once per check."""

    __slots__ = ("model", "outgoing", "incoming", "calls_out", "calls_in", "calls", "by_kind",
                 "memo")

    def __init__(self, model: Model) -> None:
        self.model = model
        self.outgoing: dict[str, list[Relation]] = defaultdict(list)
        self.incoming: dict[str, list[Relation]] = defaultdict(list)
        self.by_kind: dict[str, list[Element]] = defaultdict(list)
        self.memo: dict[str, object] = {}  # results several rules share
        for element in model.elements.values():
            self.by_kind[element.kind].append(element)
        self.calls_out: dict[str, list[Relation]] = defaultdict(list)
        self.calls_in: dict[str, list[Relation]] = defaultdict(list)
        self.calls: list[Relation] = []
        elements = model.elements
        for relation in model.relations:
            source, target = relation.source, relation.target
            if source is None or target is None:
                continue
            self.outgoing[source].append(relation)
            self.incoming[target].append(relation)
            if (relation.kind in CALL_KINDS and elements[source].kind in RUNTIME_KINDS
                    and elements[target].kind in RUNTIME_KINDS):
                self.calls.append(relation)
                self.calls_out[source].append(relation)
                self.calls_in[target].append(relation)

    def element(self, qname: str) -> Element:
        return self.model.elements[qname]

    def kind(self, qname: str) -> str:
        return self.model.elements[qname].kind

    def calls_from(self, qname: str) -> list[Relation]:
        """Runtime interactions (see CALL_KINDS) leaving an element; never a layered
        relation such as realizes or stores."""
        return self.calls_out.get(qname, [])

    def calls_to(self, qname: str) -> list[Relation]:
        return self.calls_in.get(qname, [])

    def typed_in(self, qname: str, kind: str) -> list[Relation]:
        return [r for r in self.incoming.get(qname, ()) if r.kind == kind]

    def typed_out(self, qname: str, kind: str) -> list[Relation]:
        return [r for r in self.outgoing.get(qname, ()) if r.kind == kind]

    def ancestors(self, qname: str) -> list[str | None]:
        """The enclosing systems from the nearest outwards, ending with None (the root)."""
        chain: list[str | None] = []
        parent = self.model.elements[qname].parent
        while parent is not None:
            chain.append(parent)
            parent = self.model.elements[parent].parent if parent in self.model.elements else None
        chain.append(None)
        return chain


    def owning_system(self, qname: str) -> str | None:
        """The nearest enclosing system; a ``group`` is a drawing aid that owns nothing,
        so rules look through it."""
        elements = self.model.elements
        parent = elements[qname].parent
        while parent is not None and parent in elements and elements[parent].kind == "group":
            parent = elements[parent].parent
        return parent


_LAST: list = [None, None]  # the last model indexed by index_of, and its index


def index_of(model: Model) -> ModelIndex:
    """The index of ``model``, remembered for the last model: quick fixes ask for one
    diagnostic at a time, all of the same model."""
    if _LAST[0] is not model:
        _LAST[0], _LAST[1] = model, ModelIndex(model)
    return _LAST[1]
