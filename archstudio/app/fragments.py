"""Copied elements as a small `.arch` document, and pasting one back into a text.

A copy is itself a valid `.arch` text: the selected elements' statements (bodies,
children and comments as the author wrote them), the relations among them with their
ends written as names inside the copy, and a ``layout`` section with their boxes. So
the same text goes on the clipboard as ``text/plain`` and inside the custom MIME data,
pastes into another window or another program, and reads back with the parser alone.

Pasting renames every element whose id the target already has (``Api`` -> ``Api2``,
with the edit engine, so the copy's own references follow), inserts the statements
into the chosen system or the top level, the relations after the target's last
relation, and the layout entries shifted to where the paste lands. No Qt here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from archstudio import edit
from archstudio.dsl import TextEdit, parse
from archstudio.edit.layout import entry_text, layout_edits
from archstudio.edit.locate import body_of, indent_unit, insert_statement
from archstudio.edit.naming import copy_id
from archstudio.edit.references import subtree
from archstudio.edit.result import EditError, EditResult, finish
from archstudio.edit.text import (
    apply_within,
    indent_at,
    quote,
    reindent,
    removal_range,
    statement_extent,
)
from archstudio.layout import Box
from archstudio.model import Model, Relation

FRAGMENT_INDENT = "  "
NOTHING_TO_PASTE = "the clipboard holds no diagram elements"

# (text, model of that text or None) -> result: one link of a chain the app applies as
# one undo step (see archstudio.app.canvas_edits).
Operation = Callable[[str, Model | None], EditResult]


# -- copying ---------------------------------------------------------------------------
def roots_of(model: Model, keys: Iterable[str]) -> list[str]:
    """The selected elements that no other selected element holds, in text order."""
    chosen = [k for k in dict.fromkeys(keys) if k in model.elements]
    roots = [q for q in chosen if not any(q.startswith(o + ".") for o in chosen if o != q)]
    return sorted(roots, key=lambda q: model.elements[q].span.start)


def copy_fragment(text: str, model: Model, keys: Iterable[str], boxes: dict[str, Box],
                  title: str | None = None) -> str | None:
    """The selected elements (with what they hold), the relations among them and their
    boxes as a standalone `.arch` text; None when no element is selected."""
    roots = roots_of(model, keys)
    if not roots:
        return None
    names = _fragment_names(model, roots)
    statements = [_root_statement(text, model, root, names) for root in roots]
    inside = [(model.elements[r].span.start, model.elements[r].span.end) for r in roots]
    relations = [
        _relation_statement(text, relation, names)
        for relation in model.relations
        if relation.source in names and relation.target in names
        and not any(a <= relation.span.start < b for a, b in inside)
    ]
    body = statements + ([""] if relations and statements else []) + relations
    lines = [f"architecture {quote(title or 'Copied elements')} {{"]
    lines += [f"{FRAGMENT_INDENT}{line}" if line else "" for line in body]
    lines.append("}")
    entries = [_layout_entry(model, q, name, boxes[q])
               for q, name in sorted(names.items(), key=lambda pair: pair[1]) if q in boxes]
    if entries:
        lines += ["", "layout {"] + [f"{FRAGMENT_INDENT}{e}" for e in entries] + ["}"]
    return "\n".join(lines) + "\n"


def _fragment_names(model: Model, roots: list[str]) -> dict[str, str]:
    """Each copied element's name inside the copy: its path below its root's parent
    (roots with the same id get numbered, so the copy stays unambiguous)."""
    names: dict[str, str] = {}
    used: set[str] = set()
    for root in roots:
        element = model.elements[root]
        root_id, number = element.id, 1
        while root_id in used:
            number += 1
            root_id = f"{element.id}{number}"
        used.add(root_id)
        for qname in subtree(model, root):
            names[qname] = root_id + qname[len(root):]
    return names


def _root_statement(text: str, model: Model, root: str, names: dict[str, str]) -> str:
    """The root's statement as written, minus relations to elements not copied, with the
    ends of the others written as names inside the copy."""
    element = model.elements[root]
    begin, end = statement_extent(text, element.span.start, element.span.end)
    edits: list[TextEdit] = []
    if names[root] != element.id:
        edits.append(TextEdit(element.id_span.start, element.id_span.end, names[root]))
    for relation in model.relations:
        if not (begin <= relation.span.start and relation.span.end <= end):
            continue
        if relation.source in names and relation.target in names:
            edits += _end_edits(relation, names)
        else:
            start, stop = removal_range(text, relation.span.start, relation.span.end)
            edits.append(TextEdit(start, min(stop, end), ""))
    snippet = apply_within(text, begin, end, edits)
    return reindent(snippet, indent_at(text, element.span.start), FRAGMENT_INDENT)


def _end_edits(relation: Relation, names: dict[str, str]) -> list[TextEdit]:
    assert relation.source is not None and relation.target is not None
    return [TextEdit(relation.source_span.start, relation.source_span.end,
                     names[relation.source]),
            TextEdit(relation.target_span.start, relation.target_span.end,
                     names[relation.target])]


def _relation_statement(text: str, relation: Relation, names: dict[str, str]) -> str:
    start, end = relation.span.start, relation.span.end
    snippet = apply_within(text, start, end, _end_edits(relation, names))
    return reindent(snippet, indent_at(text, start), FRAGMENT_INDENT)


def _layout_entry(model: Model, qname: str, name: str, box: Box) -> str:
    if model.elements[qname].is_group:
        return entry_text(name, box.x, box.y, box.width, box.height)
    return entry_text(name, box.x, box.y)


# -- pasting ---------------------------------------------------------------------------
def as_fragment(text: str) -> str:
    """``text`` as a whole copy: a copy as it is, `.arch` statements without an
    architecture block around them (copied from a text editor) wrapped in one;
    EditError when it holds no elements."""
    for candidate in (text, f"architecture {{\n{text}\n}}\n"):
        model = parse(candidate)
        if model.elements and not any(
                d.is_error and d.code.startswith("E1") for d in model.diagnostics):
            return candidate
    raise EditError(NOTHING_TO_PASTE)


@dataclass
class Paste:
    """A paste of ``fragment`` into ``parent`` (None: the top level), its boxes moved by
    ``shift`` (None: no positions, the layout places the elements).

    :meth:`operations` are three links for the app's one-undo-step chain; afterwards
    ``pasted`` holds the new qualified names of the pasted top elements.
    """

    fragment: str
    parent: str | None = None
    shift: tuple[float, float] | None = None
    pasted: list[str] = field(default_factory=list)
    _copy: str = ""

    def operations(self) -> list[Operation]:
        return [self._insert_elements, self._insert_relations, self._place]

    def _insert_elements(self, text: str, model: Model | None) -> EditResult:
        model = edit.editable(text, model)
        if self.parent is not None:
            self.parent = edit.find_element(model, self.parent).qname
            if not model.elements[self.parent].is_group:
                raise EditError(f"only a system can contain elements; '{self.parent}' is a "
                                f"{model.elements[self.parent].kind}")
        self._copy = fresh_ids(as_fragment(self.fragment), model)
        copy = parse(self._copy)
        roots = sorted(copy.top_level(), key=lambda e: e.span.start)
        snippets = []
        for root in roots:
            begin, end = statement_extent(self._copy, root.span.start, root.span.end)
            snippets.append((self._copy[begin:end], indent_at(self._copy, root.span.start)))
        body = body_of(model, self.parent)

        def render(indent: str) -> str:
            return f"\n{indent}".join(reindent(s, old, indent) for s, old in snippets)

        last = max(body.elements, key=lambda e: e.span.start, default=None)
        change = insert_statement(text, body, render, indent_unit(text, model),
                                  after=last.span if last else None)
        prefix = f"{self.parent}." if self.parent else ""
        self.pasted = [prefix + root.id for root in roots]
        return finish(text, [change], self.pasted[0] if self.pasted else None)

    def _insert_relations(self, text: str, model: Model | None) -> EditResult:
        copy = parse(self._copy)
        relations = [r for r in copy.relations if r.scope is None]
        if not relations:
            return finish(text, [])
        model = edit.editable(text, model)
        snippets = []
        for relation in relations:
            start, end = statement_extent(self._copy, relation.span.start, relation.span.end)
            snippets.append((self._copy[start:end], indent_at(self._copy, start)))

        def render(indent: str) -> str:
            return f"\n{indent}".join(reindent(s, old, indent) for s, old in snippets)

        body = body_of(model, None)
        last = max(body.relations, key=lambda r: r.span.start, default=None)
        if last is None:
            last = max(body.elements, key=lambda e: e.span.start, default=None)
        change = insert_statement(text, body, render, indent_unit(text, model),
                                  after=last.span if last else None)
        return finish(text, [change])

    def _place(self, text: str, model: Model | None) -> EditResult:
        copy = parse(self._copy)
        if self.shift is None or not copy.layout:
            return finish(text, [])
        model = edit.editable(text, model)
        dx, dy = self.shift
        prefix = f"{self.parent}." if self.parent else ""
        changes: dict[str, str | None] = {}
        for name, entry in copy.layout.items():
            qname = prefix + name
            if qname not in model.elements:
                continue
            if model.elements[qname].is_group and entry.width and entry.height:
                changes[qname] = entry_text(qname, entry.x + dx, entry.y + dy, entry.width,
                                            entry.height)
            else:
                changes[qname] = entry_text(qname, entry.x + dx, entry.y + dy)
        return finish(text, layout_edits(text, model, changes))


def origin_of(fragment: str) -> tuple[float, float] | None:
    """The top-left corner of a copy's boxes (None when it has no layout)."""
    layout = parse(as_fragment(fragment)).layout
    if not layout:
        return None
    return min(e.x for e in layout.values()), min(e.y for e in layout.values())


def fresh_ids(fragment: str, target: Model) -> str:
    """The copy with every element whose id ``target`` already uses renamed to the
    first free ``idCopy``, ``idCopy2``, ... (innermost first, so names stay valid while
    renaming; the copy's references and layout entries follow)."""
    copy = parse(fragment)
    taken = {element.id for element in target.elements.values()}
    used = taken | {element.id for element in copy.elements.values()}
    clashing = [q for q, e in copy.elements.items() if e.id in taken]
    for qname in sorted(clashing, key=lambda q: -q.count(".")):
        new = copy_id(copy.elements[qname].id, used)
        used.add(new)
        fragment = edit.rename_element(fragment, qname, new).text
    return fragment
