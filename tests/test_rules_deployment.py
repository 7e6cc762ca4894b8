"""A401 missing-port and A402 unknown-store-technology: where a generator would guess,
said in the editor with a quick fix, and only for models that describe deployment."""

from __future__ import annotations

import re

from test_rules_support import apply_fix, arch, hits, only, rules_of

from archstudio.dsl import parse
from archstudio.generate import find_generator

DEPLOYED = arch('''
    service web "Web" {
      port 8000
    }
    service api "API"
    database store "Store"
    queue events "Events" {
      technology "ActiveMQ"
    }
    web -> api "calls"
    api -> store "reads"
    api -[async]-> events "publishes"
''')


def test_a_service_without_a_port_is_told_once_deployment_is_described():
    assert hits(DEPLOYED, "A401") == ["api"]


def test_a_design_only_diagram_is_not_told_about_ports():
    text = re.sub(r"\{\n *port 8000\n *\}", "", DEPLOYED)
    assert "port" not in text
    assert hits(text, "A401") == [] and hits(text, "A402") == []
    assert hits(arch('namespace shop\nservice api "API"'), "A401") == ["api"]


def test_the_port_quick_fix_sets_the_port_the_generators_would_have_guessed():
    fixed = apply_fix(DEPLOYED, only(DEPLOYED, "A401"), "Set port 8080")
    assert '  service api "API" {\n    port "8080"\n  }\n' in fixed
    assert hits(fixed, "A401") == []
    warnings = find_generator("compose").generate(parse(fixed)).warnings
    assert warnings and not [w for w in warnings if "A401" in w]


def test_a_store_whose_technology_no_generator_knows_is_told():
    assert sorted(hits(DEPLOYED, "A402")) == ["events", "store"]
    _, found = rules_of(DEPLOYED)
    events = next(d for d in found if d.code == "A402" and "events" in d.message)
    assert "technology 'ActiveMQ'" in events.message
    fixed = apply_fix(DEPLOYED, events, "Set technology to 'RabbitMQ'")
    assert 'technology "RabbitMQ"' in fixed and "ActiveMQ" not in fixed
    assert sorted(hits(fixed, "A402")) == ["store"]
    store = next(d for d in rules_of(fixed)[1] if d.code == "A402")
    fixed = apply_fix(fixed, store, "Set technology to 'PostgreSQL'")
    assert hits(fixed, "A402") == []
    image = arch('database d "D" {\n  image "cockroachdb/cockroach:v23.2"\n}')
    assert hits(image, "A402") == []


def test_rules_can_be_switched_off_like_any_other():
    text = DEPLOYED.replace('architecture "T" {\n', 'architecture "T" {\n  rule missing-port off\n')
    assert hits(text, "A401") == [] and hits(text, "A402")
