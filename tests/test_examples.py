"""The bundled examples: they validate, and they say what their seed documents say."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from conftest import EXAMPLES, ROOT, SEEDS

from archstudio.cli import main
from archstudio.dsl import parse
from archstudio.model import Model

DATA = Path(__file__).parent / "data"


def load(name: str) -> Model:
    return parse((EXAMPLES / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.arch")), ids=lambda p: p.name)
def test_every_example_validates_without_errors(path: Path, capsys):
    assert main(["validate", str(path)]) == 0
    assert " error " not in capsys.readouterr().out


@pytest.mark.parametrize(
    "name",
    ["ecommerce-platform.arch", "microservices-dot.arch", "service-mesh.arch",
     "microservices-platform.arch"],
)
def test_examples_have_no_warnings_either(name: str):
    assert load(name).diagnostics == []


def test_ecommerce_info_counts(capsys):
    path = str(EXAMPLES / "ecommerce-platform.arch")
    assert main(["info", path, "--format", "json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["elements_per_layer"] == {
        "motivation": 4, "business": 5, "security": 4, "application": 4,
        "api": 14, "data-model": 4, "data-store": 4,
    }
    assert summary["relations_per_kind"] == {
        "satisfied-by": 4, "realizes": 4, "protected-by": 3, "complies-with": 1,
        "exposes": 14, "uses": 5, "stores": 4,
    }
    assert summary["totals"] == {"elements": 39, "relations": 35}
    assert main(["info", path]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "Total: 39 elements, 35 relations"


def test_ecommerce_follows_the_tutorial_steps_in_order():
    model = load("ecommerce-platform.arch")
    steps = [int(m) for c in model.comments for m in re.findall(r"Step (\d+):", c.text)]
    assert steps == list(range(1, 19))
    service = model.elements["payment-service"]
    assert service.keyword == "service" and service.technology == "Go/Gin"
    assert service.get("criticality") == "CRITICAL"
    oauth = model.elements["oauth2"]
    assert (oauth.get("type"), oauth.get("mechanism")) == ("authentication", "OAuth2 Bearer Tokens")
    refund = model.elements["refund-payment"]
    assert (refund.get("method"), refund.get("path")) == ("POST", "/api/v1/payments/{id}/refund")
    exposed = {r.target for r in model.relations if r.kind == "exposes"}
    assert exposed == {q for q, e in model.elements.items() if e.kind == "operation"}


def _dot_graph() -> tuple[dict[str, str], list[tuple[str, str, str]]]:
    dot = (DATA / "seed-002-microservices.dot").read_text(encoding="utf-8")
    nodes = dict(re.findall(r'(\w+) \[label="([^"]+)", type', dot))
    edges = re.findall(r'(\w+) -> (\w+) \[label="([^"]+)"\]', dot)
    return nodes, edges


def test_dot_example_has_every_node_and_labelled_edge():
    model = load("microservices-dot.arch")
    nodes, edges = _dot_graph()
    assert len(nodes) == 17 and len(edges) == 29
    declared = {e.id: e.label for e in model.elements.values() if e.kind != "system"}
    assert declared == nodes
    relations = [(r.source_ref, r.target_ref, r.label) for r in model.relations]
    assert sorted(relations) == sorted(edges)
    kinds = {e.id: e.kind for e in model.elements.values()}
    assert kinds["api_gateway"] == "gateway" and kinds["message_broker"] == "broker"
    assert kinds["user_db"] == kinds["cache"] == "datastore"
    assert kinds["payment_provider"] == kinds["email_service"] == "external"
    assert model.elements["edge.load_balancer"].technology == "load balancer"


def test_service_mesh_example():
    model = load("service-mesh.arch")
    infrastructure = model.elements["infrastructure"]
    assert infrastructure.label == "Infrastructure" and len(infrastructure.children) == 5
    assert model.elements["user_side"].label == "User"
    assert model.elements["user_side.user"].kind == "person"
    exposes = {}
    for relation in model.relations:
        if relation.kind == "exposes":
            exposes.setdefault(relation.source, []).append(relation.target)
    assert {service: len(ops) for service, ops in exposes.items()} == {
        "infrastructure.product_catalog_service": 2,
        "infrastructure.inventory_service": 2,
        "infrastructure.order_service": 3,
        "infrastructure.payment_service": 2,
    }
    paths = {model.elements[op].get("path") for ops in exposes.values() for op in ops}
    assert "/inventory/{product_id}/update" in paths and "/payment/{payment_id}" in paths
    calls = {(r.source, r.target) for r in model.relations if r.kind is None}
    assert ("infrastructure.order_service", "infrastructure.inventory_service") in calls


def _lesson_text() -> str:
    return (EXAMPLES / "lessons" / "connect-service-mesh.yaml").read_text(encoding="utf-8")


def test_lesson_example_is_byte_identical_to_its_solution():
    lesson = yaml.safe_load(_lesson_text())
    solution = (EXAMPLES / "microservices-platform.arch").read_text(encoding="utf-8")
    assert lesson["solution"] == solution
    assert lesson["checks"][0] == {"type": "noErrors", "message": "DSL parsed successfully"}


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed documents live outside the repository")
def test_lesson_yaml_is_a_verbatim_copy_of_seed_000():
    (seed,) = SEEDS.glob("000_*.txt")
    assert seed.read_text(encoding="utf-8") == f"---\n{_lesson_text()}---\n"


def test_whole_file_examples_in_the_language_docs_parse():
    docs = (ROOT / "docs" / "language.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```arch\n(.*?)```", docs, re.DOTALL)
    whole = [b for b in blocks if b.lstrip().startswith(("architecture \"", "// "))]
    assert len(whole) >= 1
    for block in whole:
        assert parse(block).errors == [], block
