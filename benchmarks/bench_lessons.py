"""A lesson's checks, judged after every parse in the app, against that parse.

Rows: the largest bundled lesson's solution (what a learner's text looks like), and
generated models with one check of every type, to show the checks stay a fraction of a
parse as a text grows. ``noErrors`` runs all the architecture rules, so the checks cost
about what the rules cost. Target: the checks add less than the parse itself.
"""

from __future__ import annotations

from archstudio.dsl import parse
from archstudio.lessons import bundled_lessons, evaluate, parse_lesson
from benchmarks import best_ms
from benchmarks.models import generate

SIZES = (500, 2000)
REPEAT = 7

EVERY_TYPE = b"""\
title: "Benchmark"
summary: "One check of every type"
difficulty: advanced
topic: benchmark
initialDsl: "architecture \\"x\\" { }"
solution: "architecture \\"x\\" { }"
checks:
  - type: noErrors
  - type: noWarnings
  - type: relationExists
    source: Svc0_0
    target: Db0_0
    label: "read"
  - type: elementExists
    id: Bus0
    kind: broker
  - type: inSystem
    element: Svc0_1
    system: Sys0
  - type: elementCount
    kind: container
    min: 4
  - type: relationCount
    min: 1
  - type: pathExists
    source: User
    target: Db1_3
  - type: noRelation
    source: Svc0_0
    target: Db0_1
  - type: propertyEquals
    element: Svc0_0
    key: technology
    value: Python
  - type: ruleClean
    rule: shared-datastore
"""


def _row(name: str, text: str, checks) -> dict:
    model = parse(text)
    parse_ms = best_ms(lambda: parse(text), REPEAT)
    checks_ms = best_ms(lambda: evaluate(checks, model), REPEAT)
    return {
        "name": name,
        "elements": len(model.elements),
        "checks": len(checks),
        "baseline": "parse of the same text",
        "baseline_ms": round(parse_ms, 3),
        "ms": round(checks_ms, 3),
        "ratio": round(checks_ms / parse_ms, 3),
    }


def run() -> list[dict]:
    largest = max(bundled_lessons(), key=lambda lesson: len(lesson.solution))
    rows = [_row(f"'{largest.name}' solution", largest.solution, largest.checks)]
    every = parse_lesson(EVERY_TYPE).checks
    for size in SIZES:
        rows.append(_row(f"every check type, {size} elements", generate(size), every))
    return rows


if __name__ == "__main__":
    for row in run():
        print(row)
