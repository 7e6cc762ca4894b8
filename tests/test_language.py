"""The .arch language through ``archstudio.dsl.parse``: every construct, with exact spans."""

from __future__ import annotations

import yaml
from conftest import EXAMPLES

from archstudio.dsl import parse
from archstudio.model import LAYERS
from archstudio.model.kinds import ELEMENT_KINDS, KIND_KEYWORDS

FULL = """\
// A file that uses every construct of the language.
architecture "Shop" {
  description "An online shop"
  person customer "Customer"
  system shop "Shop" {
    service api "API" {
      description "The public API"
      technology "Go"
      tags "public", edge
      criticality HIGH
      replicas 3
    }
    database db "Orders DB"
    api -> db "reads" "SQL"
  }
  /* a block
     comment */
  customer -> shop.api "buys" {
    technology "HTTPS"
    protocol http
  }
  operation order "Order" {
    method POST
    path "/orders"
  }
  api -[exposes]-> order
  container a "A"; container b "B"
  a -[sync]-> b
}

layout {
  customer: 10, 20
  shop: 100, 0, 400, 300
  shop.api: 120.5, -40
}
"""


def at(text: str, needle: str, nth: int = 0) -> int:
    """Offset of the nth occurrence of needle: spans are checked against the text itself."""
    offset = -1
    for _ in range(nth + 1):
        offset = text.index(needle, offset + 1)
    return offset


def test_full_file_parses_without_diagnostics():
    model = parse(FULL)
    assert model.diagnostics == []
    assert model.name == "Shop"
    assert [p.key for p in model.properties] == ["description"]
    assert list(model.elements) == [
        "customer", "shop", "shop.api", "shop.db", "order", "a", "b",
    ]


def test_architecture_name_span():
    model = parse(FULL)
    assert model.name_span is not None
    assert (model.name_span.line, model.name_span.column) == (2, 14)
    assert FULL[model.name_span.start : model.name_span.end] == '"Shop"'
    assert model.block is not None and model.block.close_span is not None
    assert FULL[model.block.close_span.start] == "}"
    assert model.block.close_span.line == 29


def test_element_id_keyword_and_label_spans():
    model = parse(FULL)
    api = model.elements["shop.api"]
    assert api.kind == "container" and api.keyword == "service"
    assert api.parent == "shop" and model.elements["shop"].children == ["shop.api", "shop.db"]
    assert (api.id_span.start, api.id_span.end) == (at(FULL, "api "), at(FULL, "api ") + 3)
    assert (api.id_span.line, api.id_span.column) == (6, 13)
    assert (api.keyword_span.line, api.keyword_span.column) == (6, 5)
    assert api.label == "API"
    assert api.label_span is not None
    assert FULL[api.label_span.start : api.label_span.end] == '"API"'
    assert (api.label_span.line, api.label_span.column, api.label_span.end_column) == (6, 17, 22)
    # the statement runs from its keyword to its closing brace
    assert api.span.start == at(FULL, "service api")
    assert FULL[api.span.end - 1] == "}" and api.span.end_line == 12


def test_properties_values_and_their_spans():
    api = parse(FULL).elements["shop.api"]
    assert api.description == "The public API"
    assert api.technology == "Go"
    assert api.tags == ("public", "edge")
    assert api.get("criticality") == "HIGH"
    assert api.get("replicas") == "3"
    tech = api.prop("technology")
    assert tech is not None
    (value_span,) = tech.value_spans
    assert FULL[value_span.start : value_span.end] == '"Go"'
    assert (value_span.line, value_span.column) == (8, 18)
    assert (tech.key_span.line, tech.key_span.column) == (8, 7)
    tags = api.prop("tags")
    assert tags is not None
    assert [FULL[s.start : s.end] for s in tags.value_spans] == ['"public"', "edge"]


def test_synonyms_map_to_kinds_and_layers():
    lines = [f"  {keyword} e{i}" + ' "E"' for i, keyword in enumerate(KIND_KEYWORDS)]
    text = 'architecture "K" {\n' + "\n".join(lines) + "\n}\n"
    model = parse(text)
    assert model.diagnostics == []
    for i, (keyword, kind) in enumerate(KIND_KEYWORDS.items()):
        element = model.elements[f"e{i}"]
        assert element.keyword == keyword
        assert element.kind == kind
        assert element.layer == ELEMENT_KINDS[kind].layer
    assert {e.layer for e in model.elements.values()} == set(LAYERS)


def test_relation_label_technology_and_body():
    model = parse(FULL)
    inner, outer, exposes, sync = model.relations
    assert (inner.source, inner.target, inner.scope) == ("shop.api", "shop.db", "shop")
    assert inner.label == "reads" and inner.technology == "SQL"
    assert inner.technology_span is not None
    assert FULL[inner.technology_span.start : inner.technology_span.end] == '"SQL"'
    assert outer.source_ref == "customer" and outer.target_ref == "shop.api"
    assert (outer.target_span.line, outer.target_span.column) == (18, 15)
    assert outer.technology == "HTTPS" and outer.get("protocol") == "http"
    assert outer.kind is None
    assert outer.label_span is not None and outer.label_span.start == at(FULL, '"buys"')
    assert exposes.kind == "exposes"
    assert (exposes.source, exposes.target) == ("shop.api", "order")
    assert FULL[exposes.arrow_span.start : exposes.arrow_span.end] == "-[exposes]->"
    assert sync.kind == "sync" and (sync.source, sync.target) == ("a", "b")
    assert [r.index for r in model.relations] == [0, 1, 2, 3]


def test_semicolons_separate_statements_on_one_line():
    model = parse(FULL)
    a, b = model.elements["a"], model.elements["b"]
    assert a.id_span.line == b.id_span.line == 27
    assert b.id_span.column == 30


def test_comments_are_kept_with_spans():
    model = parse(FULL)
    texts = [c.text for c in model.comments]
    assert texts == [
        "// A file that uses every construct of the language.",
        "/* a block\n     comment */",
    ]
    block = model.comments[1]
    assert block.is_block and (block.span.line, block.span.end_line) == (16, 17)


def test_layout_section_entries():
    model = parse(FULL)
    assert set(model.layout) == {"customer", "shop", "shop.api"}
    shop = model.layout["shop"]
    assert (shop.x, shop.y, shop.width, shop.height) == (100, 0, 400, 300)
    api = model.layout["shop.api"]
    assert (api.x, api.y, api.width) == (120.5, -40, None)
    assert (api.qname_span.line, api.qname_span.column) == (34, 3)
    assert FULL[api.qname_span.start : api.qname_span.end] == "shop.api"


def test_brace_on_the_next_line_and_escaped_strings():
    text = 'architecture "A" {\n  system s "S"\n  {\n    container c "Say \\"hi\\""\n  }\n}\n'
    model = parse(text)
    assert model.diagnostics == []
    assert model.elements["s.c"].label == 'Say "hi"'
    assert model.elements["s"].block is not None


def test_reference_resolution_order():
    text = """architecture "R" {
  container a "Top A"
  system s {
    container a "Inner A"
    container b "B"
    system t {
      container c "C"
      c -> b
    }
    b -> a
  }
  s.t.c -> s.b
  t.c -> a
}
"""
    model = parse(text)
    assert model.diagnostics == []
    nested, in_s, qualified, partial = model.relations
    assert (nested.source, nested.target) == ("s.t.c", "s.b")  # looked up outwards
    assert in_s.target == "a"  # an exact qualified name wins over the scope
    assert (qualified.source, qualified.target) == ("s.t.c", "s.b")
    assert partial.source == "s.t.c"  # a qualified tail is enough when unique

    # Model.resolve answers the way the checker resolved each relation.
    for relation in model.relations:
        assert model.resolve(relation.source_ref, relation.scope) == [relation.source]
        assert model.resolve(relation.target_ref, relation.scope) == [relation.target]
    assert model.resolve("a", "s.t") == ["a"]  # exact wins before walking outwards


def test_model_resolve_walks_outwards_like_the_checker():
    model = parse("""system s {
  container db "S's DB"
  system t { container api "API" }
}
system u { container db "U's DB" }
""")
    assert sorted(model.resolve("db")) == ["s.db", "u.db"]  # ambiguous without a scope
    assert model.resolve("db", "s.t") == ["s.db"]  # the system around s.t has one
    assert model.resolve("t.api", "u") == ["s.t.api"]  # a unique qualified tail


def test_elements_outside_the_architecture_block():
    model = parse('container a "A"\ncontainer b "B"\na -> b\n')
    assert model.diagnostics == [] and model.name is None
    assert model.relations[0].resolved


def _lesson() -> dict:
    return yaml.safe_load((EXAMPLES / "lessons" / "connect-service-mesh.yaml").read_text())


def test_lesson_initial_dsl_parses_verbatim_with_comments():
    initial = _lesson()["initialDsl"]
    model = parse(initial)
    assert model.errors == []
    assert model.name == "Microservices Platform"
    assert len(model.elements) == 8
    assert [(r.source, r.target, r.label) for r in model.relations] == [
        ("Customer", "ECommerce.UserService", "Logs in"),
    ]
    assert [c.text for c in model.comments] == [
        "// TODO: Connect services in order flow: UserService -> OrderService -> PaymentService",
        "// TODO: Connect each service to its database",
    ]
    assert model.comments[0].span.line == 15


def test_lesson_solution_parses_verbatim_and_satisfies_its_checks():
    lesson = _lesson()
    model = parse(lesson["solution"])
    assert model.diagnostics == []
    pairs = {(r.source_ref, r.target_ref) for r in model.relations}
    wanted = [(c["source"], c["target"]) for c in lesson["checks"] if c["type"] == "relationExists"]
    assert len(wanted) == 5 and all(pair in pairs for pair in wanted)
    assert all(r.resolved for r in model.relations)


def test_string_escapes_decode_and_unknown_ones_stay_as_written():
    from archstudio.dsl import parse

    model = parse(
        'architecture "x" {\n'
        '  container A "caf\\u00e9 \\"bar\\"\\tC:\\\\temp \\q"\n'
        "}\n"
    )
    assert model.elements["A"].label == 'café "bar"\tC:\\temp \\q'
