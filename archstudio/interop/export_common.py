"""What every exporter needs from a model: the element tree in file order, the
relations between resolved elements, and ids that suit a target's rules."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator

from archstudio.model.elements import Element, Model, Relation


def children(model: Model, qname: str | None) -> list[Element]:
    return model.children_of(qname)


def walk(model: Model, qname: str | None = None,
         depth: int = 0) -> Iterator[tuple[Element, int]]:
    """Every element under ``qname`` in file order, with its depth."""
    for element in children(model, qname):
        yield element, depth
        yield from walk(model, element.qname, depth + 1)


def relations(model: Model) -> list[Relation]:
    """Relations whose ends both resolved (a model with errors may hold others)."""
    return [r for r in model.relations if r.resolved and r.source in model.elements
            and r.target in model.elements]


def extra_properties(element: Element) -> list[tuple[str, str]]:
    return [(p.key, p.value) for p in element.properties
            if p.key not in ("description", "technology", "tags")]


def target_ids(model: Model, allowed: str = r"[A-Za-z0-9_-]",
               reserved: frozenset[str] = frozenset(),
               fix: Callable[[str], str] | None = None) -> dict[str, str]:
    """Qualified name -> an id unique in the target: the short id when it is unique and
    allowed, else the qualified name; characters outside ``allowed`` become ``_``,
    reserved words get a ``_`` at the end."""
    counts = Counter(e.id for e in model.elements.values())
    bad = re.compile(f"(?!{allowed}).")
    out: dict[str, str] = {}
    taken: set[str] = set()
    for qname, element in model.elements.items():
        base = element.id if counts[element.id] == 1 else qname
        base = bad.sub("_", fix(base) if fix else base)
        if base in reserved:
            base += "_"
        name, number = base, 2
        while name in taken:
            name, number = f"{base}_{number}", number + 1
        taken.add(name)
        out[qname] = name
    return out
