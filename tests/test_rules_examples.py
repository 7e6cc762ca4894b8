"""The bundled examples are clean, or produce exactly the problems they should."""

from __future__ import annotations

from collections import Counter

import pytest
import yaml
from conftest import EXAMPLES
from test_rules_support import rules_of

from archstudio.rules import RULES

# What each example should be told, and why (see docs/rules.md, "The bundled examples").
EXPECTED = {
    # seed 000's solution: every service has its own database, every call is labelled
    "microservices-platform.arch": {},
    # seed 001 as the tutorial writes it: 'scale-platform' is satisfied by nothing, no
    # service realizes 'customer-support', two policies protect nothing, and nine of the
    # fifteen operations use no schema
    "ecommerce-platform.arch": {"A104": 1, "A105": 10, "A301": 2},
    # seed 002: the Redis cache is shared by two services; one gateway names a technology
    "microservices-dot.arch": {"A201": 1, "A305": 1},
    # seed 003: operations without schemas are fine when the model has no schemas
    "service-mesh.arch": {},
    # seed 004's exercise, described for the generators: every port and technology given
    "microservices-exercise.arch": {},
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bundled_example_gets_exactly_the_expected_problems(name):
    model, found = rules_of((EXAMPLES / name).read_text(encoding="utf-8"))
    assert not model.has_errors
    assert Counter(d.code for d in found) == Counter(EXPECTED[name])


def test_every_other_example_is_checked_without_surprises():
    for path in sorted(EXAMPLES.glob("*.arch")):
        text = path.read_text(encoding="utf-8")
        _, found = rules_of(text)
        for diagnostic in found:
            assert diagnostic.code in RULES, (path.name, diagnostic)
            assert 0 <= diagnostic.span.start <= diagnostic.span.end <= len(text)


def lesson() -> dict:
    return yaml.safe_load((EXAMPLES / "lessons" / "connect-service-mesh.yaml").read_text())


def test_seed_000_initial_dsl_has_exactly_its_unconnected_services_and_databases():
    text = lesson()["initialDsl"]
    model, found = rules_of(text)
    assert not model.diagnostics
    orphans = sorted(text[d.span.start : d.span.end] for d in found)
    assert [d.code for d in found] == ["A301"] * 5
    assert orphans == ["OrderDB", "OrderService", "PaymentDB", "PaymentService", "UserDB"]


def test_seed_000_solution_is_clean():
    model, found = rules_of(lesson()["solution"])
    assert not model.diagnostics and found == []
