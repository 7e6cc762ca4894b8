"""Istio: the Service Mesh Configurator of seed 003.

Per service a VirtualService (timeouts and retries per caller, from relation properties),
a DestinationRule (mutual TLS, connection pool, outlier detection where a relation asks
for a circuit breaker), a ServiceAccount and an AuthorizationPolicy that allows exactly the
callers drawn (their service-account principals, with the relation's methods and paths)
and nothing else. The namespace gets PeerAuthentication STRICT; gateway elements get a
Gateway on the ingress gateway and a VirtualService into the gateway's workload.
"""

from __future__ import annotations

from archstudio.generate.base import Generator, Output
from archstudio.generate.kubernetes import service_account
from archstudio.generate.output import header, yaml_documents
from archstudio.generate.resilience import (
    DEFAULT_MAX_CONNECTIONS,
    DEFAULT_MAX_PENDING,
    circuit_breaker,
    duration,
    pool_limit,
    retries,
)
from archstudio.generate.topology import Call, Node, Topology, read_topology
from archstudio.model import Model

NETWORKING = "networking.istio.io/v1"
SECURITY = "security.istio.io/v1"
INGRESS_PRINCIPAL = "cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account"
RETRY_ON = "5xx,connect-failure,refused-stream,reset"
MANAGED = {"app.kubernetes.io/managed-by": "archstudio"}


def principal(topology: Topology, node: Node) -> str:
    return f"cluster.local/ns/{topology.namespace}/sa/{node.service_account}"


def caller_principal(topology: Topology, call: Call) -> str:
    """Who a call comes from: the caller's service account, or the ingress gateway for a
    person or external system (they reach the mesh only through it)."""
    return INGRESS_PRINCIPAL if call.source is None else principal(topology, call.source)


def _metadata(topology: Topology, name: str) -> dict:
    return {"name": name, "namespace": topology.namespace, "labels": dict(MANAGED)}


def authorization_policy(topology: Topology, node: Node) -> dict:
    """ALLOW rules, one per distinct (callers, methods, paths); with no callers drawn the
    policy has no rules, which Istio reads as: allow nothing."""
    grouped: dict[tuple[tuple[str, ...], tuple[str, ...]], set[str]] = {}
    for call in topology.calls_to(node):
        restriction = (call.methods, call.paths) if node.role == "workload" else ((), ())
        grouped.setdefault(restriction, set()).add(caller_principal(topology, call))
    rules = []
    for (methods, paths), principals in sorted(grouped.items()):
        rule: dict = {"from": [{"source": {"principals": sorted(principals)}}]}
        operation = {}
        if methods:
            operation["methods"] = list(methods)
        if paths:
            operation["paths"] = list(paths)
        if operation:
            rule["to"] = [{"operation": operation}]
        rules.append(rule)
    spec: dict = {"action": "ALLOW", "selector": {"matchLabels": {"app": node.name}}}
    if rules:
        spec["rules"] = rules
    return {"apiVersion": SECURITY, "kind": "AuthorizationPolicy",
            "metadata": _metadata(topology, node.name), "spec": spec}


def _route(node: Node) -> list[dict]:
    return [{"destination": {"host": node.name, "port": {"number": node.port}}}]


def virtual_service(topology: Topology, node: Node) -> dict:
    routes: list[dict] = []
    tuned: set[str] = set()
    for call in sorted(topology.calls_to(node), key=lambda c: c.relation.index):
        if call.source is None or call.source.name in tuned:
            continue
        timeout, attempts = duration(call, "timeout"), retries(call)
        if timeout is None and attempts is None:
            continue
        tuned.add(call.source.name)
        route: dict = {"name": f"from-{call.source.name}",
                       "match": [{"sourceLabels": {"app": call.source.name}}],
                       "route": _route(node)}
        if timeout:
            route["timeout"] = timeout
        if attempts is not None:
            policy: dict = {"attempts": attempts}
            if attempts:
                policy["retryOn"] = RETRY_ON
                per_try = duration(call, "per-try-timeout")
                if per_try:
                    policy["perTryTimeout"] = per_try
            route["retries"] = policy
        routes.append(route)
    routes.sort(key=lambda r: r["name"])
    routes.append({"name": "default", "route": _route(node)})
    return {"apiVersion": NETWORKING, "kind": "VirtualService",
            "metadata": _metadata(topology, node.name),
            "spec": {"hosts": [node.name], "http": routes}}


def destination_rule(topology: Topology, node: Node) -> dict:
    policy: dict = {
        "tls": {"mode": "ISTIO_MUTUAL"},
        "connectionPool": {
            "tcp": {"maxConnections": pool_limit(node, "max-connections",
                                                 DEFAULT_MAX_CONNECTIONS)},
            "http": {"http1MaxPendingRequests": pool_limit(node, "max-pending-requests",
                                                           DEFAULT_MAX_PENDING)},
        },
    }
    breakers = [b for b in (circuit_breaker(c) for c in topology.calls_to(node)) if b]
    if breakers:
        policy["outlierDetection"] = {"consecutive5xxErrors": min(breakers), "interval": "30s",
                                      "baseEjectionTime": "30s", "maxEjectionPercent": 50}
    return {"apiVersion": NETWORKING, "kind": "DestinationRule",
            "metadata": _metadata(topology, node.name),
            "spec": {"host": node.name, "trafficPolicy": policy}}


def peer_authentication(topology: Topology) -> dict:
    return {"apiVersion": SECURITY, "kind": "PeerAuthentication",
            "metadata": _metadata(topology, "default"),
            "spec": {"mtls": {"mode": "STRICT"}}}


def ingress(topology: Topology, node: Node) -> list[dict]:
    """A gateway element: an Istio Gateway on the ingress gateway, and a VirtualService
    bound to it that sends outside traffic to the gateway's own workload."""
    hosts = list(node.element.prop("host").values) if node.element.prop("host") else ["*"]
    gateway = {"apiVersion": NETWORKING, "kind": "Gateway",
               "metadata": _metadata(topology, node.name),
               "spec": {"selector": {"istio": "ingressgateway"},
                        "servers": [{"hosts": hosts,
                                     "port": {"name": "http", "number": 80,
                                              "protocol": "HTTP"}}]}}
    route = {"apiVersion": NETWORKING, "kind": "VirtualService",
             "metadata": _metadata(topology, f"{node.name}-ingress"),
             "spec": {"gateways": [node.name], "hosts": hosts,
                      "http": [{"name": "ingress", "route": _route(node)}]}}
    return [gateway, route]


def generate(model: Model) -> Output:
    topology = read_topology(model)
    output = Output()
    comment = header("istio", topology.name)
    output.add("mesh.yaml", yaml_documents([peer_authentication(topology)], comment))
    for node in topology.by_name():
        documents = [service_account(topology, node), authorization_policy(topology, node)]
        if node.role == "workload":
            documents += [virtual_service(topology, node), destination_rule(topology, node)]
        if node.element.kind == "gateway":
            documents += ingress(topology, node)
        output.add(f"{node.name}.yaml", yaml_documents(documents, comment))
    output.warnings += topology.guesses()
    return output


GENERATOR = Generator(
    name="istio",
    title="Istio",
    description="Istio service mesh: VirtualService, DestinationRule, least-privilege "
                "AuthorizationPolicy per service, PeerAuthentication STRICT, Gateways",
    generate=generate,
)
