"""Shared by the interop tests: where the corpus is, and a model summary that round
trips must keep."""

from __future__ import annotations

import os
from pathlib import Path

from conftest import ROOT
from hypothesis import strategies as st

from archstudio.dsl.formatter import quote
from archstudio.interop.mermaid_export import RESERVED
from archstudio.model import Model
from archstudio.model.kinds import ELEMENT_KINDS, RELATION_KINDS

# CI checks shared/ out beside the clone; ARCHSTUDIO_SHARED points elsewhere locally.
SHARED = Path(os.environ.get("ARCHSTUDIO_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus"
DATA = ROOT / "tests" / "data"


def summary(model: Model, rename=lambda name: name, renamed_label: bool = False
            ) -> tuple[dict, list]:
    """Elements (kind, label, system, technology) by id and relations (ends, label,
    technology, kind): what every round trip keeps. ``rename`` maps ids the target
    format cannot hold; with ``renamed_label`` an unlabelled element whose id changed is
    expected to carry its old id as label."""
    elements = {
        rename(e.id): (
            e.kind,
            e.label or (e.id if renamed_label and rename(e.id) != e.id else None),
            rename(model.elements[e.parent].id) if e.parent else None,
            e.technology,
        )
        for e in model.elements.values()
    }
    relations = sorted((
        (rename(model.elements[r.source].id), rename(model.elements[r.target].id),
         r.label or None, r.technology, r.kind)
        for r in model.relations if r.resolved
    ), key=lambda relation: tuple(part or "" for part in relation))
    return elements, relations


KINDS = sorted(k for k, v in ELEMENT_KINDS.items() if not v.is_group)
GROUP_KINDS = sorted(k for k, v in ELEMENT_KINDS.items() if v.is_group)
IDS = st.from_regex(r"[a-z][a-z0-9_]{0,5}(-[a-z0-9]{1,3})?", fullmatch=True).filter(
    lambda s: s not in RESERVED and s.lower() not in RESERVED)
WORDS = st.text(st.sampled_from("abcXYZ019 \"'\\#<>|&;:{}[]()-_.,/é日*`«"), min_size=1,
                max_size=12).map(lambda s: " ".join(s.split())).filter(bool)


@st.composite
def models(draw) -> str:
    """A random valid model: elements of every kind in nested systems, relations of
    fitting kinds, labels and technology with characters each format must escape."""
    ids = draw(st.lists(IDS, min_size=2, max_size=10, unique_by=lambda s: s.replace("-", "_")))
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
            group_kind = draw(st.sampled_from(GROUP_KINDS))
            lines.append(f"{group_kind} {name}" + (f" {quote(label)}" if label else "") + " {")
            kinds[name] = group_kind
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
