"""The Service Mesh Configurator (seed 003): Istio and Linkerd files for seed 003's and
seed 004's architectures are valid, and their policies let in exactly the callers drawn."""

from __future__ import annotations

import itertools

import pytest
from generate_support import (
    check_istio,
    check_kubernetes,
    check_linkerd,
    documents,
    generated,
    istio_allows,
    linkerd_allows,
)

from archstudio.dsl import parse
from archstudio.generate import GenerateError, find_generator
from archstudio.generate.istio import INGRESS_PRINCIPAL

MESH = "service-mesh.arch"  # seed 003
EXERCISE = "microservices-exercise.arch"  # seed 004
SEED_003_CALLS = {  # callee: its drawn callers (None: from outside, through the ingress)
    "load-balancer": {None},
    "order-service": {"load-balancer"},
    "product-catalog-service": {"order-service"},
    "inventory-service": {"order-service"},
    "payment-service": {"order-service"},
}
SEED_004_CALLS = {
    "api-gateway": {None},
    "user-service": {"api-gateway", "order-service"},
    "product-service": {"api-gateway", "order-service"},
    "order-service": {"api-gateway"},
    "consul": {"api-gateway", "user-service", "product-service", "order-service"},
    "user-db": {"user-service"},
    "product-db": {"product-service"},
    "order-db": {"order-service"},
}
CASES = [(MESH, "default", SEED_003_CALLS), (EXERCISE, "shop", SEED_004_CALLS)]


def principal(namespace: str, caller: str | None) -> str:
    return INGRESS_PRINCIPAL if caller is None else f"cluster.local/ns/{namespace}/sa/{caller}"


@pytest.mark.parametrize("example", [MESH, EXERCISE])
def test_istio_resources_validate_against_istios_crd_schemas(example):
    docs = documents(generated("istio", example))
    kinds = {d["kind"] for d in docs}
    assert {"VirtualService", "DestinationRule", "AuthorizationPolicy", "PeerAuthentication",
            "ServiceAccount", "Gateway"} <= kinds
    for document in docs:
        if document["kind"] == "ServiceAccount":
            check_kubernetes(document)
        else:
            check_istio(document)


def test_a_misspelt_field_fails_the_crd_check():
    docs = documents(generated("istio", MESH))
    rule = next(d for d in docs if d["kind"] == "DestinationRule")
    rule["spec"]["trafficPolicy"]["conectionPool"] = {}
    with pytest.raises(AssertionError):
        check_istio(rule)
    rule["spec"]["trafficPolicy"].pop("conectionPool")
    rule["spec"]["trafficPolicy"]["tls"]["mode"] = "SOMETIMES"
    with pytest.raises(Exception, match="SOMETIMES"):
        check_istio(rule)


@pytest.mark.parametrize(("example", "namespace", "calls"), CASES)
def test_istio_allows_exactly_the_drawn_callers(example, namespace, calls):
    docs = documents(generated("istio", example))
    everyone = sorted({c for callers in calls.values() for c in callers if c}
                      | set(calls), key=str)
    assert {d["metadata"]["name"] for d in docs if d["kind"] == "AuthorizationPolicy"} \
        == set(calls)
    for callee, callers in calls.items():
        policy = next(d for d in docs if d["kind"] == "AuthorizationPolicy"
                      and d["metadata"]["name"] == callee)
        allowed = {p for r in policy["spec"]["rules"] for f in r["from"]
                   for p in f["source"]["principals"]}
        assert allowed == {principal(namespace, c) for c in callers}
        for stranger in [c for c in everyone if c not in callers] + ["intruder"]:
            for method, path in itertools.product(("GET", "POST"), ("/", "/orders", "/x")):
                assert not istio_allows(docs, callee, principal(namespace, stranger), method,
                                        path), (stranger, callee)


def test_istio_methods_and_paths_come_from_the_relation():
    docs = documents(generated("istio", MESH))
    order = principal("default", "order-service")
    assert istio_allows(docs, "product-catalog-service", order, "GET", "/products")
    assert istio_allows(docs, "product-catalog-service", order, "GET", "/products/42")
    assert not istio_allows(docs, "product-catalog-service", order, "DELETE", "/products/42")
    assert not istio_allows(docs, "product-catalog-service", order, "GET", "/admin")
    assert istio_allows(docs, "payment-service", order, "POST", "/payment")
    # a caller with no method or path on its relation may call anything (seed 003's user)
    assert istio_allows(docs, "load-balancer", INGRESS_PRINCIPAL, "DELETE", "/anything")


def test_istio_traffic_settings_follow_the_relation_properties():
    docs = documents(generated("istio", MESH))
    by = {(d["kind"], d["metadata"]["name"]): d for d in docs}
    catalog = by[("VirtualService", "product-catalog-service")]["spec"]["http"]
    assert catalog[0]["match"] == [{"sourceLabels": {"app": "order-service"}}]
    assert catalog[0]["timeout"] == "2s"
    assert catalog[0]["retries"]["attempts"] == 3
    assert catalog[-1]["name"] == "default" and "timeout" not in catalog[-1]
    payment = by[("DestinationRule", "payment-service")]["spec"]["trafficPolicy"]
    assert payment["outlierDetection"]["consecutive5xxErrors"] == 5
    assert payment["tls"] == {"mode": "ISTIO_MUTUAL"}
    assert "outlierDetection" not in by[("DestinationRule", "inventory-service")]["spec"][
        "trafficPolicy"]
    assert by[("PeerAuthentication", "default")]["spec"]["mtls"]["mode"] == "STRICT"
    gateway = by[("Gateway", "load-balancer")]["spec"]
    assert gateway["selector"] == {"istio": "ingressgateway"}
    ingress = by[("VirtualService", "load-balancer-ingress")]["spec"]
    assert ingress["gateways"] == ["load-balancer"]


def test_a_service_nobody_calls_admits_nobody():
    text = 'architecture "A" {\n  service lonely "Lonely"\n  service other "Other"\n}\n'
    files = find_generator("istio").generate(parse(text)).files
    docs = documents(files)
    policy = next(d for d in docs if d["kind"] == "AuthorizationPolicy"
                  and d["metadata"]["name"] == "lonely")
    assert "rules" not in policy["spec"]  # ALLOW with no rules: Istio allows nothing
    assert not istio_allows(docs, "lonely", principal("default", "other"), "GET", "/")


@pytest.mark.parametrize("example", [MESH, EXERCISE])
def test_linkerd_resources_validate_against_linkerds_crd_schemas(example):
    docs = documents(generated("linkerd", example))
    assert {d["kind"] for d in docs} == {"Server", "HTTPRoute", "AuthorizationPolicy",
                                        "MeshTLSAuthentication", "NetworkAuthentication"}
    for document in docs:
        check_linkerd(document)
    route = next(d for d in docs if d["kind"] == "HTTPRoute")
    route["spec"]["rules"][0]["matches"][0]["method"] = "FETCH"
    with pytest.raises(Exception, match="FETCH"):
        check_linkerd(route)


@pytest.mark.parametrize(("example", "namespace", "calls"), CASES)
def test_linkerd_allows_exactly_the_drawn_callers(example, namespace, calls):
    docs = documents(generated("linkerd", example))
    assert {d["kind"] for d in docs} >= {"Server", "AuthorizationPolicy",
                                        "MeshTLSAuthentication"}
    everyone = sorted({c for callers in calls.values() for c in callers if c} | set(calls))
    for callee, callers in calls.items():
        for stranger in [c for c in everyone if c not in callers] + ["intruder"]:
            for method, path in itertools.product(("GET", "POST"), ("/", "/orders", "/x")):
                assert not linkerd_allows(docs, callee, stranger, method, path), (stranger,
                                                                                 callee)
        if None not in callers:
            assert not linkerd_allows(docs, callee, None, "GET", "/")
        for auth in docs:
            if auth["kind"] == "MeshTLSAuthentication" and auth["metadata"]["name"].startswith(
                    callee + "-"):
                names = {r["name"] for r in auth["spec"]["identityRefs"]}
                assert names <= callers
                assert {r["namespace"] for r in auth["spec"]["identityRefs"]} == {namespace}


def test_linkerd_routes_carry_the_methods_and_paths_of_each_caller():
    docs = documents(generated("linkerd", EXERCISE))
    assert linkerd_allows(docs, "user-service", "api-gateway", "POST", "/auth/login")
    assert linkerd_allows(docs, "user-service", "order-service", "GET", "/users/7")
    assert not linkerd_allows(docs, "user-service", "order-service", "POST", "/auth/login")
    assert not linkerd_allows(docs, "user-service", "order-service", "PUT", "/users/7")
    assert linkerd_allows(docs, "api-gateway", None, "GET", "/anything")
    assert linkerd_allows(docs, "user-db", "user-service", "GET", "/")
    server = next(d for d in docs if d["kind"] == "Server" and d["metadata"]["name"] == "user-db")
    assert server["spec"]["proxyProtocol"] == "opaque" and server["spec"]["port"] == 5432


@pytest.mark.parametrize("target", ["istio", "linkerd"])
def test_a_bad_relation_property_is_a_clear_error(target):
    text = ('architecture "A" {\n  service a "A"\n  service b "B"\n'
            '  a -> b "calls" {\n    timeout soon\n  }\n}\n')
    model = parse(text)
    if target == "linkerd":  # Linkerd has no timeouts: the same file generates
        assert find_generator(target).generate(model).files
        return
    with pytest.raises(GenerateError, match=r"line 4: a -> b: timeout 'soon'"):
        find_generator(target).generate(model)


def test_a_broker_delivering_to_a_consumer_is_the_consumer_connecting():
    text = ('architecture "A" {\n  service shop "Shop" {\n    port 80\n  }\n'
            '  service mailer "Mailer"\n  queue events "Events" {\n    technology "RabbitMQ"\n'
            '  }\n  shop -[async]-> events "publishes orders"\n'
            '  events -[async]-> mailer "delivers orders"\n}\n')
    docs = documents(find_generator("istio").generate(parse(text)).files)
    broker = principal("default", "events")
    for caller in ("shop", "mailer"):
        assert istio_allows(docs, "events", principal("default", caller), "GET", "/")
    assert not istio_allows(docs, "mailer", broker, "GET", "/")
    k8s = documents(find_generator("kubernetes").generate(parse(text)).files)
    mailer = next(d for d in k8s if d["kind"] == "Deployment"
                  and d["metadata"]["name"] == "mailer")
    env = {e["name"]: e.get("value") for e in
           mailer["spec"]["template"]["spec"]["containers"][0]["env"]}
    assert env["EVENTS_URL"] == "amqp://app@events:5672"
