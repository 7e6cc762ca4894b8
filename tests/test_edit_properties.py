"""Property tests of the edit engine on generated, messy `.arch` texts.

For random texts (comments everywhere, odd indentation, blank lines, ``;``, layout
before, inside or after the architecture) and random sequences of operations: the text
after each operation parses, with no syntax error, to exactly the model the operation
describes; every edit lies inside the statements the operation touches (so every other
byte, comment and blank line is kept); and the undo edits restore the original bytes.
"""

from __future__ import annotations

import copy

import edit_oracle as oracle
from arch_strategies import arch_texts  # the shared generator of messy, valid texts
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from archstudio import edit
from archstudio.dsl import apply_edits, parse
from archstudio.edit.text import line_end, line_start, merge_ranges
from archstudio.model import Model
from archstudio.model.kinds import KIND_KEYWORDS, RELATION_KINDS, allowed_relation_kinds

# No shrinking: shrinking these texts took minutes on the shared 2-core machine; a failure
# prints the text before and after and the drawn operations, which is enough to debug.
SETTINGS = settings(max_examples=150, deadline=None,
                    phases=[Phase.explicit, Phase.reuse, Phase.generate],
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
VALUES = st.text(st.characters(blacklist_categories=("Cs",)), max_size=8)
KEYS = st.sampled_from(["description", "technology", "tags", "owner", "criticality"])


def lines_of(text: str, span) -> tuple[int, int]:
    """A statement's lines, and the blank line after them (removed with them at times)."""
    stop = line_end(text, span.end) + 1
    after = line_end(text, stop) + 1
    return line_start(text, span.start), after if not text[stop:after].strip() else stop


class Step:
    """One drawn operation: how to run it, what it should do, where it may write."""

    def __init__(self, data, text: str, model: Model) -> None:
        self.data, self.text, self.model = data, text, model
        self.regions: list[tuple[int, int]] = []

    def draw(self, strategy):
        return self.data.draw(strategy)

    def element(self):
        return self.draw(st.sampled_from(sorted(self.model.elements)))

    def groups(self):
        return sorted(q for q, e in self.model.elements.items() if e.is_group)

    def allow(self, span) -> None:
        if span is not None:
            self.regions.append(lines_of(self.text, span))

    def allow_references(self, qnames: set[str]) -> None:
        for r in self.model.relations:
            if r.source in qnames or r.target in qnames or r.scope in qnames:
                self.allow(r.span)

    def allow_container(self, qname: str | None) -> None:
        if qname is None:
            self.allow(self.model.span)
        else:
            self.allow(self.model.elements[qname].span)

    def run(self, expected: oracle.Picture):
        """Run one random operation; returns its result and updates ``expected``."""
        model, text = self.model, self.text
        if model.layout_span is not None:
            start = model.layout_span.start
            while start > 0 and text[start - 1] in " \t\r\n":
                start -= 1
            self.regions.append((start, lines_of(text, model.layout_span)[1]))
        if model.layout_span is None and model.span is not None:
            self.regions.append((model.span.end, len(text)))
        choices = ["create", "connect"]
        if model.elements:
            choices += ["delete", "rename", "move", "set", "unset", "label", "positions"]
        if model.relations:
            choices += ["relation_kind", "delete_relation", "relation_label"]
        verb = self.draw(st.sampled_from(choices))
        return getattr(self, verb)(expected)

    def create(self, expected):
        parent = self.draw(st.none() | st.sampled_from(self.groups() or [None]))
        kind = self.draw(st.sampled_from(sorted(KIND_KEYWORDS)))
        label = self.draw(st.none() | VALUES)
        props = self.draw(st.lists(st.tuples(KEYS, VALUES), max_size=2))
        result = edit.create_element(self.text, kind, "Fresh", model=self.model, label=label,
                                     parent=parent, properties=props, unique=True)
        self.allow_container(parent)
        merged: list = []
        for key, value in props:
            merged.append((key, (value,)))
        expected.elements[result.subject] = [KIND_KEYWORDS[kind], label, parent, merged]
        return result

    def connect(self, expected):
        if not self.model.elements or self.model.span is None:
            return None
        source, target = self.element(), self.element()
        kinds = allowed_relation_kinds(self.model.elements[source].kind,
                                       self.model.elements[target].kind)
        kind = self.draw(st.none() | st.sampled_from(kinds or [None]))
        label = self.draw(st.none() | VALUES)
        tech = self.draw(st.none() | VALUES.filter(bool))  # "" reads as no technology
        result = edit.connect(self.text, source, target, model=self.model, label=label,
                              kind=kind, technology=tech)
        self.allow(self.model.span)
        expected.relations.append([source, target, kind, label, tech, [], None])
        return result

    def delete(self, expected):
        qname = self.element()
        lift = self.draw(st.booleans())
        element = self.model.elements[qname]
        lifting = lift and bool(element.children)
        clash = lifting and any(
            (f"{element.parent}." if element.parent else "") + q[len(qname) + 1:]
            in self.model.elements for q in oracle.subtree(expected, qname) if q != qname)
        if clash:
            return None
        result = edit.delete_element(self.text, qname, model=self.model, lift_children=lift)
        self.allow(element.span)
        self.allow_references(oracle.subtree(expected, qname))
        oracle.delete(expected, qname, lift)
        return result

    def rename(self, expected):
        qname = self.element()
        result = edit.rename_element(self.text, qname, "Renamed", model=self.model,
                                     unique=True)
        self.allow(self.model.elements[qname].id_span)
        self.allow_references(oracle.subtree(expected, qname))
        oracle.relocate(expected, qname, result.subject)
        return result

    def move(self, expected):
        qname = self.element()
        into = self.draw(st.none() | st.sampled_from(self.groups() or [None]))
        if into is not None and (into == qname or into.startswith(qname + ".")):
            return None
        result = edit.move_element(self.text, qname, into, model=self.model, unique=True)
        self.allow(self.model.elements[qname].span)
        self.allow_container(into)
        self.allow_references(oracle.subtree(expected, qname))
        oracle.relocate(expected, qname, result.subject)
        return result

    def set(self, expected):
        qname = self.element()
        key = self.draw(KEYS)
        values = tuple(self.draw(st.lists(VALUES, min_size=1, max_size=3)))
        result = edit.set_property(self.text, qname, key, values, model=self.model)
        self.allow(self.model.elements[qname].span)
        oracle.set_prop(expected.elements[qname][3], key, values)
        return result

    def unset(self, expected):
        qname = self.element()
        keys = [p.key for p in self.model.elements[qname].properties]
        if not keys:
            return None
        key = self.draw(st.sampled_from(keys))
        result = edit.remove_property(self.text, qname, key, model=self.model)
        self.allow(self.model.elements[qname].span)
        props = expected.elements[qname][3]
        props[:] = [p for p in props if p[0] != key]
        return result

    def label(self, expected):
        qname = self.element()
        label = self.draw(st.none() | VALUES)
        element = self.model.elements[qname]
        if label is None and element.label is None:
            return None
        if label is None:
            result = edit.remove_label(self.text, qname, model=self.model)
        else:
            result = edit.set_label(self.text, qname, label, model=self.model)
        self.allow(element.span)
        expected.elements[qname][1] = label
        return result

    def positions(self, expected):
        chosen = self.draw(st.lists(st.sampled_from(sorted(self.model.elements)), min_size=1,
                                    max_size=4, unique=True))
        points = {q: (self.draw(st.integers(-999, 9999)) / 4, float(self.draw(
            st.integers(-50, 50)))) for q in chosen}
        result = edit.set_positions(self.text, points, model=self.model)
        for qname, (x, y) in points.items():
            old = expected.layout.get(qname, (0, 0, None, None))
            expected.layout[qname] = (x, y, old[2], old[3])
        return result

    def relation(self):
        index = self.draw(st.integers(0, len(self.model.relations) - 1))
        return index, self.model.relations[index]

    def relation_kind(self, expected):
        index, relation = self.relation()
        if not relation.resolved:
            return None
        kinds = allowed_relation_kinds(self.model.elements[relation.source].kind,
                                       self.model.elements[relation.target].kind)
        kind = self.draw(st.none() | st.sampled_from(kinds or [None]))
        result = edit.set_relation_kind(self.text, index, kind, model=self.model)
        self.allow(relation.span)
        expected.relations[index][2] = kind
        return result

    def delete_relation(self, expected):
        index, relation = self.relation()
        result = edit.delete_relation(self.text, index, model=self.model)
        self.allow(relation.span)
        del expected.relations[index]
        return result

    def relation_label(self, expected):
        index, relation = self.relation()
        label = self.draw(st.none() | VALUES)
        if label is None and relation.label is None:
            return None
        if label is None:
            result = edit.remove_label(self.text, index, model=self.model)
        else:
            result = edit.set_label(self.text, index, label, model=self.model)
        self.allow(relation.span)
        expected.relations[index][3] = label
        return result


def difference(got, want, before: str, after: str) -> str:
    """The parts of two pictures that differ, with the texts, for a readable failure."""
    lines = [f"--- before:\n{before}\n--- after:\n{after}"]
    for name, a, b in zip(("elements", "relations", "layout"), got, want, strict=True):
        if isinstance(a, dict):
            for key in sorted(set(a) | set(b)):
                if a.get(key) != b.get(key):
                    lines.append(f"{name} {key}: got {a.get(key)!r}, expected {b.get(key)!r}")
        elif a != b:
            lines.append(f"{name}: got {a!r}\n  expected {b!r}")
    return "\n".join(lines)


def no_syntax_errors(model: Model) -> list[str]:
    return [f"{d.code} {d.message}" for d in model.diagnostics if d.code.startswith("E1")]


@SETTINGS
@given(source=arch_texts(), data=st.data())
def test_operations_describe_the_model_keep_other_bytes_and_undo_exactly(source, data):
    text, _comments = source
    model = parse(text)
    assert not no_syntax_errors(model)
    for _ in range(data.draw(st.integers(1, 4))):
        expected = oracle.picture(model)
        step = Step(data, text, model)
        result = step.run(expected)
        if result is None:
            continue
        assert apply_edits(text, result.edits) == result.text
        assert apply_edits(result.text, result.undo) == text
        regions = merge_ranges(step.regions)
        for change in result.edits:
            assert any(a <= change.start and change.end <= b for a, b in regions), (
                f"edit {change} outside the touched statements")
        new_model = parse(result.text)
        assert not no_syntax_errors(new_model), result.text
        got, want = oracle.picture(new_model).key(), expected.key()
        assert got == want, difference(got, want, text, result.text)
        text, model = result.text, new_model


def test_relation_kinds_offered_by_the_oracle_exist():
    assert set(allowed_relation_kinds("container", "datastore")) <= set(RELATION_KINDS)
    assert copy.deepcopy(oracle.Picture()).key() == oracle.Picture().key()
