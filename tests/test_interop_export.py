"""Exporters write text each tool accepts: DOT checked with Graphviz when installed,
the others against their own grammar rules (string, id and block syntax), with the
characters each format must escape."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from conftest import EXAMPLES
from hypothesis import given, settings
from interop_support import models

from archstudio.dsl import parse
from archstudio.interop import export_text, import_bytes
from archstudio.interop.d2_export import RESERVED as D2_RESERVED
from archstudio.interop.likec4_export import RESERVED as LIKEC4_RESERVED

TRICKY = r'''architecture "Shop \"A\"" {
  person user "The \"user\" \\ x"
  system shop "Shop" {
    container api "API {v2}" {
      technology "Go"
      description "Line1\nLine2"
      criticality HIGH
    }
    datastore db "DB's #1"
  }
  external pay-provider "Pay & Co <b>"
  user -> api "calls \"it\"" "HTTPS"
  api -[async]-> db "writes"
  api -> pay-provider
  user -> shop "visits"
}
'''
DOT = shutil.which("dot")


def _export(text: str, fmt: str) -> str:
    model = parse(text)
    assert not model.errors
    return export_text(model, fmt)


@pytest.mark.skipif(DOT is None, reason="Graphviz 'dot' is not installed")
@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.arch")) + ["tricky"],
                         ids=lambda p: getattr(p, "stem", p))
def test_graphviz_accepts_the_dot_export(path):
    text = TRICKY if path == "tricky" else path.read_text(encoding="utf-8")
    out = subprocess.run([DOT, "-Tcanon"], input=_export(text, "dot"), capture_output=True,
                         text=True, timeout=60)
    assert out.returncode == 0 and not out.stderr, out.stderr


def test_dot_escaping_reads_back():
    out = _export(TRICKY, "dot")
    assert '"user" [label="The \\"user\\" \\\\ x"' in out
    assert 'label="Pay &amp; Co <b>"' in out
    assert 'description="Line1\\nLine2"' in out and '"prop:criticality"="HIGH"' in out
    assert '"user" -> "api" [label="visits", lhead="cluster_shop"]' in out
    back = parse(import_bytes(out.encode(), "dot").text)
    assert back.elements["user"].label == 'The "user" \\ x'
    assert back.elements["pay-provider"].label == "Pay & Co <b>"
    assert back.elements["shop.api"].get("criticality") == "HIGH"
    assert back.elements["shop.api"].description == "Line1\nLine2"
    assert [(r.source, r.target) for r in back.relations][-1] == ("user", "shop")


def test_mermaid_escaping():
    out = _export(TRICKY, "mermaid")
    assert 'title: "Shop \\"A\\""' in out
    assert 'user(("The #quot;user#quot; \\ x")):::person' in out
    assert 'api["API {v2}<br/>[Go]"]:::container' in out
    assert 'db[("DB\'s #35;1")]:::datastore' in out
    assert 'pay-provider[["Pay #38; Co #lt;b#gt;"]]:::external' in out
    assert 'user -->|"calls #quot;it#quot; [HTTPS]"| api' in out
    assert "api -.->|\"writes\"| db" in out
    back = parse(import_bytes(out.encode(), "mermaid").text)
    assert back.name == 'Shop "A"'
    assert back.elements["pay-provider"].label == "Pay & Co <b>"


def test_structurizr_escaping():
    out = _export(TRICKY, "structurizr")
    assert 'workspace "Shop \\"A\\"" {' in out
    assert 'user = person "The \\"user\\" \\\\ x"' in out
    assert 'api = container "API {v2}" "Line1 Line2" "Go" {' in out
    assert 'pay_provider = softwareSystem "Pay & Co <b>" "" "External"' in out
    assert 'api -> db "writes" "" "async"' in out


def test_d2_structure_and_escaping():
    out = _export(TRICKY, "d2")
    assert '"user": "The \\"user\\" \\\\ x" {\n  shape: person\n}' in out
    assert '"shop": "Shop" {\n  "api": "API {v2}\\n[Go]" {' in out
    assert '  tooltip: "Line1\\nLine2"' in out
    assert '"user" -> "shop"."api": "calls \\"it\\"\\n[HTTPS]"' in out
    assert '"shop"."api" -> "shop"."db": "writes" {style.stroke-dash: 5}' in out
    assert '"user" -> "shop": "visits"' in out


def test_likec4_structure_and_strings():
    out = _export(TRICKY, "likec4")
    assert "user = person 'The \"user\" \\ x'" in out
    assert '    db = datastore "DB\'s #1"' in out
    assert "  shop.api -[async]-> shop.db 'writes'" in out
    assert "  relationship async" in out
    assert "  user -> shop.api 'calls \"it\"' {\n    technology 'HTTPS'\n  }" in out


def test_plantuml_structure_and_strings():
    out = _export(TRICKY, "plantuml")
    assert out.startswith("@startuml\n!include <C4/C4_Container>\n")
    assert out.endswith("SHOW_LEGEND()\n@enduml\n")
    assert 'Person(user, "The &#34;user&#34; &#92; x", "")' in out
    assert 'Container(api, "API {v2}", "Go", "Line1\\nLine2")' in out
    assert 'ContainerDb(db, "DB\'s #1", "", "")' in out
    assert 'System_Ext(pay_provider, "Pay & Co <b>", "")' in out
    assert 'Rel(api, db, "writes", "", $tags="async")' in out


# -- grammar rules of the three formats without a re-import, over generated models --------
_D2_STRING = r'"(?:[^"\\\n]|\\.)*"'
_LIKEC4_STRING = r'"[^"]*"|\'[^\']*\''
_LIKEC4_ID = re.compile(r"_*[A-Za-z][-\w]*")


def _balanced(text: str, strings: str) -> bool:
    depth = 0
    for char in re.sub(strings, "", text):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def _check_d2(out: str) -> None:
    assert _balanced(out, _D2_STRING)
    for line in out.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#") or stripped == "}":
            continue
        rest = re.sub(_D2_STRING, "S", stripped)
        assert re.fullmatch(
            r"S: S \{|S(\.S)* -> S(\.S)*(: S)?( \{style\.stroke-dash: 5\})?|direction: right|"
            r"shape: [a-z_]+|tooltip: S|style\.stroke-dash: 3", rest), line
    for key in re.findall(r'^\s*"((?:[^"\\]|\\.)*)": ', out, re.M):
        assert key.lower() not in D2_RESERVED


def _check_likec4(out: str) -> None:
    assert _balanced(out, _LIKEC4_STRING)
    kinds = set(re.findall(r"^  element (\S+)", out, re.M))
    relation_kinds = set(re.findall(r"^  relationship (\S+)", out, re.M))
    declared = set()
    for ident, kind in re.findall(r"^\s*(\S+) = (\S+) ", out, re.M):
        assert _LIKEC4_ID.fullmatch(ident) and ident not in LIKEC4_RESERVED
        assert kind in kinds
        declared.add(ident)
    for source, kind, target in re.findall(
            r"^  (\S+) (?:-\[([\w-]+)\]->|->) (\S+)", out, re.M):
        assert source.split(".")[-1] in declared and target.split(".")[-1] in declared
        assert not kind or kind in relation_kinds
    for string in re.findall(r"'[^']*'|\"[^\"]*\"", out):
        assert string  # every quote closes within the grammar's string rule


def _check_plantuml(out: str) -> None:
    aliases = set()
    for line in out.splitlines():
        stripped = line.strip()
        call = re.fullmatch(r"(\w+)\((.*)\)( \{)?", stripped)
        if call is None:
            continue
        arguments = re.sub(r'"[^"]*"', "S", call.group(2))
        parts = [p.strip() for p in arguments.split(",")] if arguments else []
        assert all(re.fullmatch(r'S|[A-Za-z_]\w*|\$\w+ ?= ?(S|\w+\(\))', p) for p in parts), line
        if call.group(1) == "Rel":
            assert parts[0] in aliases and parts[1] in aliases, line
        elif call.group(1) not in ("AddRelTag", "SHOW_LEGEND"):
            assert parts[0] not in aliases
            aliases.add(parts[0])


@settings(max_examples=60, deadline=None)
@given(text=models())
def test_generated_models_follow_each_grammar(text):
    _check_d2(_export(text, "d2"))
    _check_likec4(_export(text, "likec4"))
    _check_plantuml(_export(text, "plantuml"))


def test_tricky_model_follows_each_grammar():
    _check_d2(_export(TRICKY, "d2"))
    _check_likec4(_export(TRICKY, "likec4"))
    _check_plantuml(_export(TRICKY, "plantuml"))
