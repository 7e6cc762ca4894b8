""".arch → DOT/Mermaid/Structurizr → .arch keeps elements, kinds, systems, relations,
labels and technology: over the bundled examples and generated models."""

from __future__ import annotations

import pytest
from conftest import EXAMPLES
from hypothesis import given, settings
from hypothesis import strategies as st
from interop_support import summary

from archstudio.dsl import parse
from archstudio.dsl.formatter import quote
from archstudio.interop import export_text, import_bytes
from archstudio.interop.mermaid_export import RESERVED
from archstudio.model.kinds import ELEMENT_KINDS, RELATION_KINDS

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
    return summary(model, rename, renamed_label=True), summary(back), result


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.arch")), ids=lambda p: p.stem)
def test_examples_round_trip(example, fmt):
    before, after, result = _round_trip(example.read_text(encoding="utf-8"), fmt)
    assert after == before
    assert parse(result.text).name == parse(example.read_text(encoding="utf-8")).name


KINDS = sorted(k for k in ELEMENT_KINDS if k != "system")
IDS = st.from_regex(r"[a-z][a-z0-9_]{0,5}(-[a-z0-9]{1,3})?", fullmatch=True).filter(
    lambda s: s not in RESERVED and s.lower() not in RESERVED)
WORDS = st.text(st.sampled_from("abcXYZ019 \"'\\#<>|&;:{}[]()-_.,/é日*`«"), min_size=1,
                max_size=12).map(lambda s: " ".join(s.split())).filter(bool)


@st.composite
def models(draw) -> str:
    """A random valid model: elements of every kind in nested systems, relations of
    fitting kinds, labels and technology with characters each format must escape."""
    ids = draw(st.lists(IDS, min_size=2, max_size=10, unique_by=_structurizr_id))
    lines = ['architecture "Generated" {']
    kinds: dict[str, str] = {}
    systems: list[str] = []
    depth = 0
    for name in ids:
        if systems and depth and draw(st.booleans()):
            lines.append("}")
            depth -= 1
        if draw(st.integers(0, 4)) == 0 and depth < 3:
            label = draw(st.none() | WORDS.filter(lambda s, n=name: s != n))
            lines.append(f"system {name}" + (f" {quote(label)}" if label else "") + " {")
            kinds[name] = "system"
            systems.append(name)
            depth += 1
            continue
        kind = draw(st.sampled_from(KINDS))
        kinds[name] = kind
        label = draw(st.none() | WORDS.filter(lambda s, n=name: s != n))
        technology = draw(st.none() | WORDS)
        head = f"{kind} {name}" + (f" {quote(label)}" if label else "")
        lines.append(head + (f" {{\n technology {quote(technology)}\n}}" if technology else ""))
    lines += ["}"] * depth
    names = list(kinds)
    for _ in range(draw(st.integers(0, 8))):
        source, target = draw(st.sampled_from(names)), draw(st.sampled_from(names))
        pair = (ELEMENT_KINDS[kinds[source]].layer, ELEMENT_KINDS[target and kinds[target]].layer)
        fitting = [k for k, v in RELATION_KINDS.items() if v.allowed is None or pair in v.allowed]
        kind = draw(st.none() | st.sampled_from(fitting)) if fitting else None
        arrow = f"-[{kind}]->" if kind else "->"
        label, technology = draw(st.none() | WORDS), draw(st.none() | WORDS)
        parts = [source, arrow, target]
        if label or technology:
            parts.append(quote(label or ""))
        if technology:
            parts.append(quote(technology))
        lines.append(" ".join(parts))
    lines.append("}")
    return "\n".join(lines) + "\n"


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
