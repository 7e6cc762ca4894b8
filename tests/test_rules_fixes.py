"""Quick fixes: applied, the problem is gone, and the rest of the text is unchanged."""

from __future__ import annotations

from test_rules_support import apply_fix, arch, only, rules_of

from archstudio.dsl import parse
from archstudio.rules import quick_fixes


def parser_diagnostic(text: str, code: str):
    (diagnostic,) = [d for d in parse(text).diagnostics if d.code == code]
    return diagnostic


def test_unknown_reference_replaced_by_the_suggestion():
    text = arch('service Orders "O"\nservice Users "U"\nUsers -> Ordres "calls"')
    fixed = apply_fix(text, parser_diagnostic(text, "E201"), "Change to 'Orders'")
    assert fixed == text.replace("-> Ordres", "-> Orders")
    assert not parse(fixed).diagnostics


def test_create_missing_element_offers_kinds_and_takes_the_siblings_indentation():
    text = arch('system Shop "Shop" {\n    service Users "U"\n    Users -> Payments "pays"\n}')
    diagnostic = parser_diagnostic(text, "E201")
    titles = [f.title for f in quick_fixes(text, parse(text), diagnostic)]
    assert titles[:3] == ["Create container 'Payments'", "Create datastore 'Payments'",
                          "Create person 'Payments'"]
    fixed = apply_fix(text, diagnostic, "Create datastore 'Payments'")
    assert fixed == text.replace('service Users "U"\n',
                                 'service Users "U"\n      datastore Payments\n')
    assert not parse(fixed).has_errors
    assert parse(fixed).elements["Shop.Payments"].kind == "datastore"


def test_create_missing_element_of_a_typed_relation_offers_only_kinds_that_fit():
    text = arch('service S "S"\nS -[realizes]-> Billing')
    titles = [f.title for f in quick_fixes(text, parse(text), parser_diagnostic(text, "E201"))]
    assert titles == ["Create capability 'Billing'"]


def test_create_into_an_empty_system_opens_its_braces():
    text = arch('system Shop "Shop" { }\nservice A "A"\nA -> Shop.Cart "x"')
    fixed = apply_fix(text, parser_diagnostic(text, "E201"), "Create container 'Cart'")
    assert fixed == text.replace('system Shop "Shop" { }',
                                 'system Shop "Shop" {\n    container Cart\n  }')
    assert "Shop.Cart" in parse(fixed).elements and not parse(fixed).has_errors


def test_ambiguous_reference_offers_each_candidate():
    text = arch('system A "A" {\n  service X "X"\n}\nsystem B "B" {\n  service X "X"\n}\n'
                'service C "C"\nC -> X "x"')
    fixed = apply_fix(text, parser_diagnostic(text, "E203"), "Change to 'B.X'")
    assert fixed == text.replace('C -> X "x"', 'C -> B.X "x"')
    assert not parse(fixed).has_errors


def test_unknown_relation_kind_and_unknown_rule_name():
    text = arch('rule orphn off\nservice S "S"\ncapability C "C"\nS -[realises]-> C')
    fixed = apply_fix(text, parser_diagnostic(text, "E205"), "Change to 'realizes'")
    assert fixed == text.replace("-[realises]->", "-[realizes]->")
    fixed_rule = apply_fix(fixed, only(fixed, "A001"), "Change to 'orphan'")
    assert fixed_rule == fixed.replace("orphn", "orphan")
    assert not [d for d in rules_of(fixed_rule)[1] if d.code == "A001"]


def test_set_the_kind_of_an_untyped_layer_relation_or_reverse_it():
    text = arch('service S "S"\ncapability C "C"\nS -> C')
    fixed = apply_fix(text, only(text, "A101"), "Make it 'realizes'")
    assert fixed == text.replace("S -> C", "S -[realizes]-> C")
    backwards = arch('service S "S"\ncapability C "C"\nC -> S')
    fixed = apply_fix(backwards, only(backwards, "A101"), "Reverse it and make it 'realizes'")
    assert fixed == backwards.replace("C -> S", "S -[realizes]-> C")
    assert not [d for d in rules_of(fixed)[1] if d.code == "A101"]


def test_a_datastore_per_service_for_a_shared_one():
    text = arch("""
        system Shop "Shop" {
          service Orders "Orders"
          service user-api "Users"
          datastore Main "Main" { technology "PostgreSQL" }
        }
        Orders -> Main "writes"
        user-api -> Shop.Main "reads"   // legacy
    """)
    fixed = apply_fix(text, only(text, "A201"), "Give user-api a datastore of its own")
    assert fixed == text.replace(
        '    datastore Main "Main" { technology "PostgreSQL" }\n',
        '    datastore Main "Main" { technology "PostgreSQL" }\n'
        '    datastore user-db "Users database" {\n'
        '      technology "PostgreSQL"\n'
        '    }\n',
    ).replace('user-api -> Shop.Main "reads"', 'user-api -> Shop.user-db "reads"')
    model, found = rules_of(fixed)
    assert not model.diagnostics and "A201" not in [d.code for d in found]


def test_route_a_direct_call_through_the_gateway():
    text = arch("""
        person Customer "Customer"
        gateway Edge "Edge"
        service Orders "Orders"
        service Users "Users"
        Edge -> Users "routes"
        Edge -[sync]-> Orders "routes"
        Customer -[sync]-> Orders "orders" // checkout
    """)
    fixed = apply_fix(text, only(text, "A203"), "Route through the gateway 'Edge'")
    assert fixed == text.replace(
        'Customer -[sync]-> Orders "orders" // checkout',
        'Customer -[sync]-> Edge "orders" // checkout',
    )
    assert "A203" not in [d.code for d in rules_of(fixed)[1]]


def test_route_through_a_gateway_that_already_routes_there_only_retargets():
    text = arch('person P "P"\ngateway G "G"\nservice S "S"\nG -> S "routes"\nP -> S "uses"')
    fixed = apply_fix(text, only(text, "A203"), "Route through the gateway 'G'")
    assert fixed == text.replace('P -> S "uses"', 'P -> G "uses"')


def test_call_the_owner_instead_of_its_datastore():
    text = arch('service OrderService "O"\nservice UserService "U"\ndatastore OrderDB "D"\n'
                'OrderService -> OrderDB "writes"\nUserService -> OrderDB "reads"')
    fixed = apply_fix(text, only(text, "A204"), "Call 'OrderService' instead")
    assert fixed == text.replace('UserService -> OrderDB', 'UserService -> OrderService')
    assert "A204" not in [d.code for d in rules_of(fixed)[1]]


def test_remove_a_duplicate_relation_takes_its_line():
    text = arch('service A "A"\nservice B "B"\nA -> B "x"\nA -> B "x"  // again\n'
                'B -> A "y"')
    fixed = apply_fix(text, only(text, "A302"), "Remove the duplicate relation")
    assert fixed == text.replace('  A -> B "x"  // again\n', "")


def test_set_technology_from_agreeing_siblings():
    text = arch('service A "A" { technology "Go" }\nservice B "B" { technology "Go" }\n'
                'service C "C"\nA -> B "x"\nB -> C "x"')
    fixed = apply_fix(text, only(text, "A305"), "Set technology to 'Go'")
    assert fixed == text.replace('service C "C"',
                                 'service C "C" {\n    technology "Go"\n  }')


def test_no_fixes_for_a_stale_model():
    text = arch('service A "A"\nA -> Bb "x"')
    diagnostic = parser_diagnostic(text, "E201")
    assert quick_fixes(text + "\n", parse(text), diagnostic) == []
