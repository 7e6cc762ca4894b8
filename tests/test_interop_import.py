"""Importers through their public surface: source text in, `.arch` text and warnings out."""

from __future__ import annotations

import pytest
from interop_support import DATA

from archstudio.dsl import parse
from archstudio.dsl.formatter import format_text
from archstudio.interop import ImportFailed, import_bytes, import_file


def _import(text: str | bytes, fmt: str):
    data = text.encode() if isinstance(text, str) else text
    result = import_bytes(data, fmt, "test")
    model = parse(result.text)
    assert not model.errors, (result.text, model.errors)
    assert format_text(result.text) == result.text  # the project's own formatting
    return model, result


def _kinds(model) -> dict[str, str]:
    return {q: e.kind for q, e in model.elements.items()}


def test_seed_002_verbatim_becomes_the_microservice_model():
    result = import_file(DATA / "seed-002-microservices.dot")
    model = parse(result.text)
    assert not model.errors
    assert len(model.elements) == 17 and len(model.relations) == 29
    kinds = _kinds(model)
    assert kinds["user_db"] == kinds["cache"] == "datastore"
    assert kinds["message_broker"] == "broker"
    assert kinds["load_balancer"] == kinds["api_gateway"] == "gateway"
    assert kinds["payment_provider"] == "external"
    assert kinds["user_service"] == "container"
    assert model.elements["user_db"].label == "User Database"
    assert [r.label for r in model.relations][:2] == ["routes to", "routes to"]
    assert list(model.elements)[:3] == ["api_gateway", "user_service", "product_service"]
    assert result.warnings[0].line == 1 and "one line" in result.warnings[0].message


def test_seed_003_markdown_with_a_mermaid_block():
    result = import_file(DATA / "seed-003-service-mesh.md")
    model = parse(result.text)
    assert _kinds(model) == {
        "User": "system", "User.A": "person", "User.B": "gateway",  # the labels name them
        "Infrastructure": "system", "Infrastructure.C": "container",
        "Infrastructure.D": "container", "Infrastructure.E": "container",
        "Infrastructure.F": "container",
    }
    assert model.elements["User.B"].label == "Load Balancer"
    assert [(r.source, r.target) for r in model.relations][:2] == [
        ("User.A", "User.B"), ("User.B", "Infrastructure.C")]
    assert any(w.line == 31 and "style" in w.message for w in result.warnings)


def test_dot_constructs():
    model, result = _import(r'''
/* block */ strict digraph "My Graph" {
  # a preprocessor line
  node [shape=cylinder]
  db1; db2 [label="Orders\nDB", technology="Postgres"]
  node [shape=box]
  subgraph cluster_shop { label="Shop"; subgraph cluster_pay { api [label=<<b>Pay</b> API>] } }
  api:port:n -> {db1 db2} -> "quoted id" [label="writes \"all\"", kind=async]
  rec [shape=record, label="<f0> left|{mid|<f1> right}"]
  "long" [label="one \
two"]
  a -- b
}''', "dot")
    assert model.name == "My Graph"
    assert model.elements["db1"].kind == "datastore"
    assert model.elements["db2"].label == "Orders\nDB"
    assert model.elements["db2"].technology == "Postgres"
    assert model.elements["shop.pay.api"].label == "Pay API"
    assert model.elements["shop"].label == "Shop"
    assert model.elements["rec"].label == "left mid right"
    assert model.elements["long"].label == "one two"
    edges = [(r.source_ref, r.target_ref, r.label, r.kind) for r in model.relations]
    assert ("api", "db1", 'writes "all"', "async") in edges
    assert ("db2", "quoted_id", 'writes "all"', "async") in edges
    assert len(edges) == 5
    assert model.elements["quoted_id"].label == "quoted id"
    assert any("drawing attributes" in w.message and "shape" not in w.message
               for w in result.warnings) is False  # shape and label are read, not dropped


@pytest.mark.parametrize("text, message", [
    ("digraph { a -> }", "expected a node"),
    ("digraph { a [label=\"x]\n }", "never closed"),
    ("flowchart { }", "not a DOT graph"),
    ("digraph { a -> b", "never closed"),
])
def test_dot_errors_are_messages_with_lines(text, message):
    with pytest.raises(ImportFailed) as caught:
        import_bytes(text.encode(), "dot")
    assert message in str(caught.value)
    assert caught.value.line is not None


def test_mermaid_constructs():
    model, result = _import('''---
title: Shop
---
%%{init: {"theme": "dark"}}%%
flowchart TB
  %% a comment --> not an edge
  subgraph shop [The Shop]
    direction LR
    api["API<br/>[Go]"] --> db[(Orders)]
    q>Events] & cache{{Edge}} -.-> ext[[Stripe]]
  end
  u((Customer)) -- "logs in" --> api
  api ==>|pays| ext
  api --o db
  a --- b ~~~ c
  classDef hot fill:#f00
  class api hot
  click api "https://example.com"
  style api fill:#fff
  linkStyle 0 stroke:#f00
''', "mermaid")
    assert model.name == "Shop"
    kinds = _kinds(model)
    assert kinds["shop"] == "system" and kinds["shop.db"] == "datastore"
    assert kinds["shop.q"] == "broker" and kinds["shop.cache"] == "gateway"
    assert kinds["shop.ext"] == "external" and kinds["u"] == "person"
    assert model.elements["shop"].label == "The Shop"
    assert model.elements["shop.api"].technology == "Go"
    relations = [(r.source_ref, r.target_ref, r.label, r.kind) for r in model.relations]
    assert ("q", "ext", None, "async") in relations and ("cache", "ext", None, "async") in relations
    assert ("u", "api", "logs in", None) in relations
    assert ("api", "ext", "pays", None) in relations
    assert ("a", "b", None, None) in relations
    assert not any(r[1] == "c" for r in relations)  # ~~~ is invisible
    messages = " ".join(w.message for w in result.warnings)
    for word in ("classDef", "click", "style", "linkStyle", "~~~", "without an arrow"):
        assert word in messages


def test_mermaid_c4_context():
    model, _ = _import('''C4Container
title Internet Banking
Person(customer, "Customer", "A bank customer")
System_Ext(mail, "E-mail", "Sends mail")
System_Boundary(bank, "Bank") {
  Container(web, "Web App", "Java", "Serves pages")
  ContainerDb(db, "Database", "Oracle", "Stores data")
  ContainerQueue(q, "Events", "Kafka")
}
Rel(customer, web, "Uses", "HTTPS")
Rel_Back(db, web, "Reads")
UpdateRelStyle(customer, web, $textColor="red")
''', "mermaid")
    assert model.name == "Internet Banking"
    assert _kinds(model) == {"customer": "person", "mail": "external", "bank": "system",
                             "bank.web": "container", "bank.db": "datastore",
                             "bank.q": "broker"}
    assert model.elements["bank.web"].technology == "Java"
    assert model.elements["bank.web"].description == "Serves pages"
    relations = [(r.source_ref, r.target_ref, r.label, r.technology) for r in model.relations]
    assert relations == [("customer", "web", "Uses", "HTTPS"), ("web", "db", "Reads", None)]


def test_unreadable_mermaid_statements_are_warnings_with_lines():
    model, result = _import("graph LR\n  a --> b\n  a -->\n  c[unclosed\n", "mermaid")
    assert [w.line for w in result.warnings] == [3, 4]
    assert len(model.relations) == 1


def test_structurizr_constructs():
    model, result = _import('''workspace "W" "About" {
  !identifiers hierarchical
  model {
    u = person "User"
    s = softwareSystem "Shop" "Sells" {
      web = container "Web" "Pages" "React" "Frontend"
      db = container "DB" {
        technology "Postgres"
        tags "Database"
      }
      web -> db "reads" "JDBC" "async"
      api = container "API" {
        -> db "writes"
      }
    }
    u -> s.web "uses"
    u -> nowhere "x"
  }
  views {
    systemContext s { include * }
  }
}''', "structurizr")
    assert model.name == "W"
    assert _kinds(model) == {"u": "person", "s": "system", "s.web": "container",
                             "s.db": "datastore", "s.api": "container"}
    assert model.elements["s.web"].technology == "React"
    assert model.elements["s.web"].description == "Pages"
    assert model.elements["s.db"].technology == "Postgres"
    relations = [(r.source, r.target, r.label, r.technology, r.kind) for r in model.relations]
    assert relations == [("s.web", "s.db", "reads", "JDBC", "async"),
                         ("s.api", "s.db", "writes", None, None),
                         ("u", "s.web", "uses", None, None)]
    assert any(w.line == 17 and "nowhere" in w.message for w in result.warnings)
    assert any(w.line == 19 and "views" in w.message for w in result.warnings)


def test_ids_are_made_valid_and_unique_and_keep_the_source_name():
    model, _ = _import('digraph { "user service" -> "user-service" -> user_service -> "1st"'
                       ' -> "日本" }', "dot")
    assert {q: e.label for q, e in model.elements.items()} == {
        "user_service": "user service", "user-service": None, "user_service2": "user_service",
        "n1st": "1st", "node": "日本"}


def test_unsupported_and_odd_files_get_messages(tmp_path):
    for name, data, words in [
        ("x.d2", b"a -> b", "D2 files cannot be imported"),
        ("x.c4", b"model {}", "LikeC4 files cannot be imported"),
        ("x.txt", b"graph LR", "cannot tell the format"),
        ("x.dot", b"\x00\x01", "binary"),
        ("x.mmd", b"\xff\xfe", "not valid UTF-8"),
        ("x.dsl", b"model {", "never closed"),
        ("x.mmd", b"sequenceDiagram\n A->>B: hi", "sequenceDiagram"),
    ]:
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises(ImportFailed) as caught:
            import_file(path)
        assert words in str(caught.value)


def test_deep_nesting_is_a_message_not_a_crash():
    text = "digraph {" + "subgraph cluster_a {" * 2000 + "x" + "}" * 2001
    with pytest.raises(ImportFailed):
        import_bytes(text.encode(), "dot")


def test_structurizr_extends_reads_the_base_and_names_it_in_warnings(tmp_path):
    (tmp_path / "base.dsl").write_text(
        'workspace "Base" {\n  model {\n    u = person "User"\n    u -> ghost\n  }\n}\n',
        encoding="utf-8")
    (tmp_path / "ext").mkdir()
    child = tmp_path / "ext" / "workspace.dsl"
    child.write_text('workspace extends ../base.dsl {\n  model {\n    s = softwareSystem "S"\n'
                     '    u -> s "uses"\n  }\n}\n', encoding="utf-8")
    result = import_file(child)
    model = parse(result.text)
    assert [(r.source, r.target) for r in model.relations] == [("u", "s")]
    assert [(w.line, w.message.split(": ")[0]) for w in result.warnings] == [
        (1, "../base.dsl:4")]
