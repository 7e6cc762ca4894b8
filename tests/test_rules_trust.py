"""Rules a reviewer can trust: every cycle named, roles, messaging direction, databases on
a shared server, and quick fixes that never make things worse."""

from __future__ import annotations

import re

import pytest
import yaml
from test_rules_support import apply_fix, arch, hits, only, rules_of

from archstudio.dsl import parse
from archstudio.rules import quick_fixes
from archstudio.rules.roles import FRONTEND, GATEWAY, IDENTITY, SERVICE, WORKER, role_of


def test_each_elementary_cycle_is_reported_and_names_every_service():
    text = arch("""
        service seat "Seat"
        service travel "Travel"
        service travel2 "Travel 2"
        seat -> travel "checks"
        travel -> seat "books"
        seat -> travel2 "checks"
        travel2 -> seat "books"
    """)
    _, found = rules_of(text)
    messages = [d.message for d in found if d.code == "A202"]
    assert len(messages) == 2
    assert "seat → travel → seat" in messages[0]
    assert "seat → travel2 → seat" in messages[1]
    assert all("(2 cycles run through these services; 2 reported)" in m for m in messages[:1])
    assert hits(text, "A202") == ['seat -> travel "checks"', 'seat -> travel2 "checks"']


def test_a_cycle_is_told_from_its_first_written_call_whatever_the_declaration_order():
    text = arch("""
        service b "B"
        service a "A"
        b -> a "asks"
        a -> b "answers"
    """)
    assert "b → a → b" in only(text, "A202").message


def test_a_dense_group_reports_a_bounded_number_of_cycles_with_the_full_count():
    names = [f"s{i}" for i in range(7)]
    lines = [f'service {n} "{n}"' for n in names]
    lines += [f'{a} -> {b} "calls"' for a in names for b in names if a != b]
    _, found = rules_of(arch("\n".join(lines)))
    cycles = [d for d in found if d.code == "A202"]
    assert 1 < len(cycles) <= 20
    assert re.search(r"\(\d{3,}\+ cycles run through these services; 20 reported\)",
                     cycles[0].message)


def role(declaration: str) -> str:
    model = parse(arch(declaration))
    return role_of(next(iter(model.elements.values())))


@pytest.mark.parametrize(("declaration", "expected"), [
    ('container webmvc "Web MVC" { technology "ASP.NET Core MVC" }', FRONTEND),
    ('container webspa "Web SPA"', FRONTEND),
    ('container shop "Shop" { technology "Angular" }', FRONTEND),
    ('container identity-api "Identity API"', IDENTITY),
    ('container auth-service "Auth service"', IDENTITY),
    ('container kc "Login" { technology "Keycloak" }', IDENTITY),
    ('container webshoppingapigw "Web shopping API gateway" { technology "Envoy" }', GATEWAY),
    ('container edge "Edge" { technology "Spring Cloud Gateway" }', GATEWAY),
    ('gateway edge "Edge"', GATEWAY),
    ('container dispatch "Dispatch"', WORKER),
    ('container orders "Orders" { technology "Java" }', SERVICE),
    ('container webmvc "Web MVC" { role service }', SERVICE),
    ('container orders "Orders" { role "front-end" }', FRONTEND),
])
def test_roles_are_declared_or_inferred(declaration, expected):
    assert role(declaration) == expected


ESHOP = """
    person shopper "Shopper"
    container webmvc "Web MVC" { technology "ASP.NET Core MVC" }
    container webspa "Web SPA" { technology "Angular" }
    container identity-api "Identity API"
    container webshoppingapigw "Web shopping API gateway" { technology "Envoy" }
    container catalog-api "Catalog API"
    container basket-api "Basket API"
    shopper -> webmvc "browses"
    shopper -> webspa "browses"
    shopper -> identity-api "signs in"
    webmvc -> webshoppingapigw "calls"
    webspa -> webshoppingapigw "calls"
    webshoppingapigw -> catalog-api "routes"
    webshoppingapigw -> webmvc "routes"
"""


def test_front_ends_and_identity_providers_are_called_directly_by_design():
    assert hits(arch(ESHOP), "A203") == []


def test_only_a_service_that_a_gateway_fronts_is_bypassed():
    text = arch(ESHOP + 'shopper -> catalog-api "reads"\nshopper -> basket-api "fills"')
    # the gateway routes to catalog-api, not to basket-api
    assert hits(text, "A203") == ['shopper -> catalog-api "reads"']
    fixed = apply_fix(text, only(text, "A203"),
                      "Route through the gateway 'webshoppingapigw'")
    assert 'shopper -> webshoppingapigw "reads"' in fixed
    assert hits(fixed, "A203") == [] and hits(fixed, "A202") == hits(text, "A202")


def test_a_fix_that_would_close_a_cycle_is_not_offered():
    text = arch("""
        external partner "Partner"
        gateway edge "Edge"
        service orders "Orders"
        edge -> orders "routes"
        edge -> partner "notifies"
        partner -> orders "orders"
    """)
    diagnostic = only(text, "A203")
    assert quick_fixes(text, parse(text), diagnostic) == []  # partner → edge → partner


def test_a_relation_that_publishes_and_subscribes_counts_both_ways():
    base = 'broker bus "Bus"\nservice ordering "Ordering"\n'
    by_properties = arch(base + 'ordering -> bus "events" {\n'
                         '  publishes "OrderStarted"\n  subscribes "PaymentSucceeded"\n}')
    assert hits(by_properties, "A205") == [] and hits(by_properties, "A206") == []
    by_label = arch(base + 'ordering -> bus "Publishes OrderStarted; subscribes PaymentDone"')
    assert hits(by_label, "A205") == [] and hits(by_label, "A206") == []


def test_the_relation_kind_decides_the_direction_before_the_label():
    base = 'broker bus "Bus"\nservice a "A"\nservice b "B"\n'
    typed = arch(base + 'a -[publishes]-> bus "reads the order"\n'
                 'b -[subscribes]-> bus "order events"')
    assert hits(typed, "A205") == [] and hits(typed, "A206") == []
    only_reading = arch(base + 'a -[consumes]-> bus "publishes nothing"')
    assert hits(only_reading, "A205") == ["bus"]
    sends = arch(base + 'a -[sends]-> bus "commands"')
    assert hits(sends, "A206") == ["bus"] and hits(sends, "A205") == []


def test_messaging_kinds_are_asynchronous():
    text = arch("""
        service a "A"
        service b "B"
        a -> b "asks"
        b -[publishes]-> a "answers later"
    """)
    assert hits(text, "A202") == []


SQL_SERVER = """
    datastore sqldata "SQL Server" {
      technology "SQL Server"
      databases "CatalogDb", "OrderingDb", "IdentityDb", "WebhooksDb"
    }
    service catalog-api "Catalog"
    service ordering-api "Ordering"
    service ordering-backgroundtasks "Ordering background tasks"
    service identity-api "Identity"
    service webhooks-api "Webhooks"
    service reports "Reports"
    catalog-api -> sqldata "reads" { database "CatalogDb" }
    ordering-api -> sqldata "reads" { database "OrderingDb" }
    ordering-backgroundtasks -> sqldata "reads" { database "OrderingDb" }
    identity-api -> sqldata "reads" { database "IdentityDb" }
    webhooks-api -> sqldata "reads" { database "WebhooksDb" }
"""


def test_a_shared_server_is_told_from_a_shared_database():
    text = arch(SQL_SERVER)
    # ordering-api owns OrderingDb by name; the background tasks reach into it
    assert hits(text, "A201") == []
    assert hits(text, "A204") == [
        'ordering-backgroundtasks -> sqldata "reads" { database "OrderingDb" }']
    unowned = arch(SQL_SERVER.replace('"OrderingDb"', '"Orders"'))
    (shared,) = [d for d in rules_of(unowned)[1] if d.code == "A201"]
    assert shared.message.startswith("the database 'Orders' on 'sqldata' is shared by 2 "
                                     "services (ordering-api, ordering-backgroundtasks)")
    assert quick_fixes(unowned, parse(unowned), shared) == []


def test_a_kind_keyword_as_a_relation_property_key_needs_a_quoted_value():
    text = arch('datastore d "D"\nservice s "S"\ns -> d "reads" {\n  database orders\n}')
    (problem,) = parse(text).diagnostics
    assert problem.code == "E106" and 'database "orders"' in problem.message


def test_a_group_owns_nothing_for_the_rules():
    text = arch("""
        system shop "Shop" {
          service a "A" { technology "Go" }
          service b "B" { technology "Go" }
          group team "Team" {
            service c "C"
          }
        }
        a -> b "x"
        b -> c "y"
    """)
    assert hits(text, "A305") == ["c"]  # its siblings are a and b, through the group


def test_the_count_of_cycles_is_exact_for_a_small_group():
    names = ["a", "b", "c", "d"]
    lines = [f'service {n} "{n}"' for n in names]
    lines += [f'{x} -> {y} "calls"' for x in names for y in names if x != y]
    _, found = rules_of(arch("\n".join(lines)))
    cycles = [d.message for d in found if d.code == "A202"]
    # four services calling each other: 6 two-service, 8 three- and 6 four-service cycles;
    # the shortest through each call is one of the 6 pairs
    assert len(cycles) == 6
    assert "(20 cycles run through these services; 6 reported)" in cycles[0]


def test_generators_connect_both_ends_of_the_messaging_kinds(tmp_path):
    from archstudio.cli import main

    source = tmp_path / "m.arch"
    source.write_text(arch("""
        container orders "Orders" { port 8080; image "orders:1" }
        container mailer "Mailer" { port 8081; image "mailer:1" }
        broker bus "Bus" { technology "RabbitMQ" }
        orders -[publishes]-> bus "order events"
        mailer -[subscribes]-> bus "order events"
    """), encoding="utf-8")
    assert main(["generate", "compose", str(source), "-o", str(tmp_path / "out")]) == 0
    compose = yaml.safe_load((tmp_path / "out" / "docker-compose.yml").read_text("utf-8"))
    for service in ("orders", "mailer"):
        assert compose["services"][service]["depends_on"] == ["bus"], service
