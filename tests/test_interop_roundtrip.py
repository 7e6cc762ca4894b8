""".arch → DOT/Mermaid/Structurizr → .arch keeps elements, kinds, systems, relations,
labels and technology: over the bundled examples and generated models."""

from __future__ import annotations

import pytest
from conftest import EXAMPLES
from hypothesis import given, settings
from interop_support import models, summary

from archstudio.dsl import parse
from archstudio.interop import export_text, import_bytes

FORMATS = ("dot", "mermaid", "structurizr")


def _structurizr_id(name: str) -> str:
    return name.replace("-", "_")  # Structurizr identifiers hold no hyphens


def _round_trip(text: str, fmt: str):
    model = parse(text)
    assert not model.errors
    result = import_bytes(export_text(model, fmt).encode(), fmt, "x")
    back = parse(result.text)
    assert not back.errors, result.text
    rename = _structurizr_id if fmt == "structurizr" else (lambda name: name)
    before, after = summary(model, rename, renamed_label=True), summary(back)
    if fmt == "structurizr":  # a system may have to become a group (docs/interop.md)
        before, after = _groups_as_one(before), _groups_as_one(after)
    return before, after, result


def _groups_as_one(summary_: tuple) -> tuple:
    elements = {key: (("system/group",) + value[1:]) if value[0] in ("system", "group")
                else value for key, value in summary_[0].items()}
    return elements, summary_[1]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.arch")), ids=lambda p: p.stem)
def test_examples_round_trip(example, fmt):
    before, after, result = _round_trip(example.read_text(encoding="utf-8"), fmt)
    assert after == before
    assert parse(result.text).name == parse(example.read_text(encoding="utf-8")).name


@pytest.mark.parametrize("fmt", FORMATS)
@settings(max_examples=60, deadline=None)
@given(text=models())
def test_generated_models_round_trip(fmt, text):
    model = parse(text)
    if model.errors:  # a relation to an empty system is fine; anything else is a bug
        pytest.fail(f"generator wrote an invalid model: {model.errors[:2]}\n{text}")
    before, after, _ = _round_trip(text, fmt)
    if fmt == "dot":  # DOT cannot draw an edge to a cluster without nodes
        empty = {e.id for e in model.elements.values()
                 if e.is_group and not any(not d.is_group for d in _descendants(model, e))}
        before = (before[0], [r for r in before[1] if not {r[0], r[1]} & empty])
    assert after == before


def _descendants(model, element):
    for child in model.children_of(element.qname):
        yield child
        yield from _descendants(model, child)


def test_line_breaks_in_labels_survive_dot_and_mermaid():
    text = 'architecture "A" {\n  container a "two\\nlines"\n  container b\n  a -> b "x\\ny"\n}\n'
    for fmt in ("dot", "mermaid"):
        before, after, _ = _round_trip(text, fmt)
        assert after == before


def test_structurizr_keeps_systems_and_groups_apart_where_it_can():
    text = ('architecture "A" {\n  system shop {\n    container api\n  }\n'
            '  group team {\n    container tool\n  }\n}\n')
    back = parse(import_bytes(export_text(parse(text), "structurizr").encode(),
                              "structurizr").text)
    assert back.elements["shop"].kind == "system" and back.elements["team"].kind == "group"
