"""Microservice-pattern rules (seed 004): each fires at its span, and stays quiet when the
architecture follows the pattern."""

from __future__ import annotations

from test_rules_support import arch, hits, only

from archstudio.model import Severity

OWN_DATABASES = """
container Orders "Orders"
container Users "Users"
datastore Primary "Primary database"
datastore Secondary "Secondary database"
Orders -> Primary "writes"
Users -> Secondary "writes"
"""


def test_a_datastore_used_by_two_services_is_shared():
    text = arch(OWN_DATABASES + 'Users -> Primary "reads"\n')
    diagnostic = only(text, "A201")
    assert text[diagnostic.span.start : diagnostic.span.end] == "Primary"
    assert diagnostic.data["services"] == ["Orders", "Users"]
    assert "2 services" in diagnostic.message
    assert hits(arch(OWN_DATABASES), "A201") == []


def test_a_person_reading_a_datastore_does_not_make_it_shared():
    text = arch(OWN_DATABASES + 'person Admin "Admin"\nAdmin -> Primary "inspects"\n')
    assert hits(text, "A201") == []


def test_a_service_reaching_into_the_datastore_of_its_owner():
    text = arch("""
        service OrderService "Orders"
        service UserService "Users"
        datastore OrderDB "Orders"
        OrderService -> OrderDB "writes"
        UserService -> OrderDB "reads"
    """)
    assert hits(text, "A204") == ['UserService -> OrderDB "reads"']
    assert hits(text, "A201") == []  # the owner is known, so the intruder is the problem


def test_an_owner_property_names_the_owner():
    text = arch("""
        service Billing "Billing"
        service Shipping "Shipping"
        datastore Ledger "Ledger" { owner Billing }
        Billing -> Ledger "writes"
        Shipping -> Ledger "reads"
    """)
    diagnostic = only(text, "A204")
    assert diagnostic.data["owner"] == "Billing"
    assert hits(text.replace('Shipping -> Ledger "reads"', ""), "A204") == []
    assert hits(text.replace('Billing -> Ledger "writes"', ""), "A204") == [
        'Shipping -> Ledger "reads"']


def test_a_cycle_of_synchronous_calls_fires_once_at_its_first_relation():
    text = arch("""
        service A "A"
        service B "B"
        service C "C"
        A -> B "asks"
        B -[sync]-> C "asks"
        C -> A "asks"
    """)
    diagnostic = only(text, "A202")
    assert text[diagnostic.span.start : diagnostic.span.end] == 'A -> B "asks"'
    assert "A → B → C → A" in diagnostic.message
    assert diagnostic.severity is Severity.WARNING


def test_an_async_link_breaks_the_cycle():
    text = arch("""
        service A "A"
        service B "B"
        A -> B "asks"
        B -[async]-> A "notifies"
    """)
    assert hits(text, "A202") == []


def test_a_person_calling_a_service_behind_a_gateway():
    text = arch("""
        person Customer "Customer"
        system Shop "Shop" {
          gateway Edge "Edge"
          service Orders "Orders"
        }
        Edge -> Orders "routes"
        Customer -> Orders "orders"
    """)
    assert hits(text, "A203") == ['Customer -> Orders "orders"']
    through = text.replace('Customer -> Orders "orders"', 'Customer -> Edge "orders"')
    assert hits(through, "A203") == []


def test_no_gateway_in_scope_means_no_bypass():
    text = arch("""
        person Customer "Customer"
        system Edge "Edge" {
          gateway Api "Api"
          service Web "Web"
        }
        system Back "Back" {
          service Orders "Orders"
        }
        Api -> Web "routes"
        Customer -> Orders "orders"
    """)
    assert hits(text, "A203") == []


def test_brokers_need_publishers_and_consumers():
    base = 'broker Bus "Bus"\nservice P "P"\nservice C "C"\n'
    only_published = arch(base + 'P -[async]-> Bus "publishes"')
    assert hits(only_published, "A206") == ["Bus"]
    assert hits(only_published, "A205") == []
    only_consumed = arch(base + 'Bus -> C "delivers"')
    assert hits(only_consumed, "A205") == ["Bus"]
    assert hits(only_consumed, "A206") == []
    both = arch(base + 'P -[async]-> Bus "publishes"\nC -[async]-> Bus "subscribes"')
    assert hits(both, "A205") == [] and hits(both, "A206") == []


def test_a_gateway_that_routes_to_nothing():
    text = arch('person U "U"\ngateway G "G"\nU -> G "calls"')
    assert hits(text, "A207") == ["G"]
    assert hits(arch('gateway G "G"\nservice S "S"\nG -> S "routes"'), "A207") == []
