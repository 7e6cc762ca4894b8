"""A plain-data picture of a model, and what each edit operation should do to it.

The property tests compare the model parsed from an operation's output with the picture
these functions predict from the model before it, independently of how the engine
finds its way through the text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from archstudio.model import Model

WELL_KNOWN_INLINE = "technology"


@dataclass
class Picture:
    # qname -> [kind, label, parent, [(key, values), ...]]
    elements: dict[str, list] = field(default_factory=dict)
    # [source, target, kind, label, technology, [(key, values)] without technology, scope]
    relations: list[list] = field(default_factory=list)
    layout: dict[str, tuple] = field(default_factory=dict)

    def key(self) -> tuple:
        elements = {q: (k, lab, par, tuple(props)) for q, (k, lab, par, props) in
                    self.elements.items()}
        relations = sorted(
            (tuple(r[:5]) + (tuple(r[5]), r[6]) for r in self.relations), key=repr)
        return elements, relations, dict(self.layout)


def picture(model: Model) -> Picture:
    out = Picture()
    for qname, e in model.elements.items():
        out.elements[qname] = [e.kind, e.label, e.parent,
                               [(p.key, p.values) for p in e.properties]]
    for r in model.relations:
        props = [(p.key, p.values) for p in r.properties if p.key != WELL_KNOWN_INLINE]
        out.relations.append([r.source or "?" + r.source_ref, r.target or "?" + r.target_ref,
                              r.kind, r.label, r.technology, props, r.scope])
    out.layout = {q: (e.x, e.y, e.width, e.height) for q, e in model.layout.items()}
    return out


def subtree(pic: Picture, qname: str) -> set[str]:
    return {q for q in pic.elements if q == qname or q.startswith(qname + ".")}


def renamed(pic: Picture, mapping: dict[str, str]) -> None:
    """Apply a qname mapping to every element, relation end, scope and layout key."""
    def m(q):
        return mapping.get(q, q)
    pic.elements = {m(q): [k, lab, m(par) if par else None, props]
                    for q, (k, lab, par, props) in pic.elements.items()}
    for r in pic.relations:
        r[0], r[1] = m(r[0]), m(r[1])
        r[6] = m(r[6]) if r[6] else None
    pic.layout = {m(q): v for q, v in pic.layout.items()}


def delete(pic: Picture, qname: str, lift: bool) -> None:
    if lift and any(par == qname for _, _, par, _ in pic.elements.values()):
        parent = pic.elements[qname][2]
        del pic.elements[qname]
        pic.relations = [r for r in pic.relations if qname not in (r[0], r[1])]
        pic.layout.pop(qname, None)
        prefix = qname + "."
        mapping = {q: (f"{parent}." if parent else "") + q[len(prefix):]
                   for q in pic.elements if q.startswith(prefix)}
        mapping[qname] = parent  # the children's parent, and the scope of its relations
        renamed(pic, mapping)
        return
    gone = subtree(pic, qname)
    for q in gone:
        del pic.elements[q]
        pic.layout.pop(q, None)
    pic.relations = [r for r in pic.relations
                     if r[0] not in gone and r[1] not in gone and r[6] not in gone]


def relocate(pic: Picture, qname: str, new_qname: str) -> None:
    mapping = {q: new_qname + q[len(qname):] for q in subtree(pic, qname)}
    new_parent = new_qname.rsplit(".", 1)[0] if "." in new_qname else None
    renamed(pic, mapping)
    pic.elements[new_qname][2] = new_parent


def set_prop(props: list, key: str, values: tuple) -> None:
    for i, (k, _) in enumerate(props):
        if k == key:
            props[i] = (key, values)
            return
    props.append((key, values))
