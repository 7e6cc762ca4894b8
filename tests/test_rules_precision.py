"""Rule precision and recall on real architectures (tests/data/precision/*.arch).

Each file is written from a public system's sources (the URL is in its first comment)
and lists, in ``// expect CODE SUBJECT`` comments, the findings a reviewer expects: the
subject is ``source -> target`` for a finding on a relation, else the element's id.
docs/rules.md reports the figures this test computes; the test fails when they change,
so a regression cannot pass unnoticed and the page never lies.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from conftest import ROOT
from test_rules_support import rules_of

from archstudio.model import Diagnostic, Model, Severity

PRECISION = Path(__file__).parent / "data" / "precision"
FILES = sorted(PRECISION.glob("*.arch"))
EXPECT = re.compile(r"^// expect (A\d{3}) (\S+(?: -> \S+)?)", re.MULTILINE)


def expected(text: str) -> Counter[tuple[str, str]]:
    return Counter(EXPECT.findall(text))


def subject(model: Model, diagnostic: Diagnostic) -> str:
    index = diagnostic.data.get("relation", (diagnostic.data.get("relations") or [None])[0])
    if isinstance(index, int):
        relation = model.relations[index]
        return f"{relation.source_ref} -> {relation.target_ref}"
    qname = diagnostic.data.get("qname")
    if qname in model.elements:
        return model.elements[qname].id
    return "?"


def findings(text: str, at_least: Severity) -> Counter[tuple[str, str]]:
    model, found = rules_of(text)
    assert not model.has_errors, model.errors
    return Counter((d.code, subject(model, d)) for d in found
                   if d.severity.rank <= at_least.rank)


def score(at_least: Severity) -> tuple[int, int, int]:
    """(true positives, false positives, false negatives) over the whole set."""
    tp = fp = fn = 0
    for path in FILES:
        text = path.read_text(encoding="utf-8")
        wanted, got = expected(text), findings(text, at_least)
        tp += sum((wanted & got).values())
        fp += sum((got - wanted).values())
        fn += sum((wanted - got).values())
    return tp, fp, fn


def test_every_file_names_its_public_source_first():
    assert len(FILES) >= 5
    for path in FILES:
        first = path.read_text(encoding="utf-8").splitlines()[:4]
        assert any("https://github.com/" in line for line in first), path.name


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_no_false_alarm_at_warning_level(path):
    text = path.read_text(encoding="utf-8")
    got = findings(text, Severity.WARNING)
    assert got - expected(text) == Counter(), "false alarms"
    assert expected(text) - got == Counter(), "missed findings"


def _documented() -> dict[str, tuple[int, int, int]]:
    """The figures in docs/rules.md's precision table: level → (tp, fp, fn)."""
    doc = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (all findings|warnings and errors) \| (\d+) \| (\d+) \| (\d+) \|",
                      doc, re.MULTILINE)
    return {level: (int(tp), int(fp), int(fn)) for level, tp, fp, fn in rows}


def test_docs_report_the_precision_and_recall_measured_here():
    documented = _documented()
    assert documented["warnings and errors"] == score(Severity.WARNING)
    assert documented["all findings"] == score(Severity.ADVICE)
    doc = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    for path in FILES:
        assert f"`{path.name}`" in doc, f"docs/rules.md does not list {path.name}"
