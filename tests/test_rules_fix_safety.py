"""Every quick fix offered on every bundled example and every real architecture in the
precision set repairs its problem and brings no new problem as severe as it or worse."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from conftest import EXAMPLES

from archstudio.dsl import apply_edits, parse
from archstudio.model import Model
from archstudio.rules import check, quick_fixes

PRECISION = Path(__file__).parent / "data" / "precision"
SOURCES = sorted([*EXAMPLES.glob("*.arch"), *PRECISION.glob("*.arch")])
_LINE = re.compile(r"\bline \d+")


def problems(model: Model) -> Counter[tuple[int, str, str]]:
    return Counter((d.severity.rank, d.code, _LINE.sub("line N", d.message))
                   for d in [*model.diagnostics, *check(model)])


def variants(text: str) -> list[str]:
    """The file as it is, and with its first datastore and its first person left out
    (their whole statement), so every relation to them offers its 'Create ...' fixes."""
    out = [text]
    model = parse(text)
    for kind in ("datastore", "person"):
        element = next((e for e in model.elements.values() if e.kind == kind), None)
        if element is not None:
            out.append(text[:element.span.start] + text[element.span.end:])
    return out


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.name)
def test_every_offered_fix_repairs_and_makes_nothing_worse(path):
    offered = 0
    for text in variants(path.read_text(encoding="utf-8")):
        model = parse(text)
        before = problems(model)
        for diagnostic in [*model.diagnostics, *check(model)]:
            for fix in quick_fixes(text, model, diagnostic):
                offered += 1
                after = problems(parse(apply_edits(text, list(fix.edits))))
                key = (diagnostic.severity.rank, diagnostic.code,
                       _LINE.sub("line N", diagnostic.message))
                assert after[key] < before[key], f"{fix.title} did not repair {key}"
                worse = [p for p in after - before if p[0] <= diagnostic.severity.rank]
                assert worse == [], f"{fix.title} for {key} brought {worse}"
    if path.name in ("robot-shop.arch", "eshoponcontainers.arch", "ecommerce-platform.arch"):
        assert offered, "these files are told of problems that have fixes"
