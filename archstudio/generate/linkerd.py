"""Linkerd: the same least-privilege reading of the relations as Istio, in Linkerd's
policy resources. Once a Server exists for a port, Linkerd denies what no
AuthorizationPolicy allows; so each service gets a Server, and each drawn caller a
MeshTLSAuthentication (its service account) allowed on the routes its relation names.

When any caller of a service is limited to methods or paths, every caller gets an
HTTPRoute (an unrestricted caller one for ``/``), and each route's authentication lists
the callers allowed there; otherwise one policy on the Server allows all drawn callers.
Persons and external systems reach the mesh from outside, through a NetworkAuthentication.
"""

from __future__ import annotations

from archstudio.generate.base import Generator, Output
from archstudio.generate.output import header, yaml_documents
from archstudio.generate.topology import Call, Node, Topology, read_topology
from archstudio.model import Model

POLICY_BETA = "policy.linkerd.io/v1beta3"
POLICY_ALPHA = "policy.linkerd.io/v1alpha1"
MANAGED = {"app.kubernetes.io/managed-by": "archstudio"}
ANY_NETWORK = [{"cidr": "0.0.0.0/0"}, {"cidr": "::/0"}]


def _metadata(topology: Topology, name: str) -> dict:
    return {"name": name, "namespace": topology.namespace, "labels": dict(MANAGED)}


def server(topology: Topology, node: Node) -> dict:
    protocol = "HTTP/1" if node.role == "workload" else "opaque"
    return {"apiVersion": POLICY_BETA, "kind": "Server",
            "metadata": _metadata(topology, node.name),
            "spec": {"podSelector": {"matchLabels": {"app": node.name}},
                     "port": node.port, "proxyProtocol": protocol}}


Restriction = tuple[tuple[str, ...], tuple[str, ...]]  # methods, paths


def _restriction(node: Node, call: Call) -> Restriction:
    return (call.methods, call.paths) if node.role == "workload" else ((), ())


def _route_name(node: Node, restriction: Restriction, number: int) -> str:
    return node.name if restriction == ((), ()) else f"{node.name}-route-{number}"


def _matches(restriction: Restriction) -> list[dict]:
    methods, paths = restriction
    paths_or_root = paths or ("/",)
    matches = []
    for path in paths_or_root:
        for method in methods or (None,):
            # Istio's "/orders/*" is the prefix "/orders" (Gateway API prefixes match whole
            # path segments, so it does not let in "/ordersX")
            prefix = path.rstrip("*").rstrip("/") or "/"
            match: dict = {"path": {"type": "PathPrefix", "value": prefix}}
            if method:
                match["method"] = method
            matches.append(match)
    return matches


def http_route(topology: Topology, node: Node, name: str, restriction: Restriction) -> dict:
    return {"apiVersion": POLICY_BETA, "kind": "HTTPRoute",
            "metadata": _metadata(topology, name),
            "spec": {"parentRefs": [{"group": "policy.linkerd.io", "kind": "Server",
                                     "name": node.name}],
                     "rules": [{"matches": _matches(restriction)}]}}


def mesh_authentication(topology: Topology, name: str, callers: list[Node]) -> dict:
    refs = [{"kind": "ServiceAccount", "name": c.service_account,
             "namespace": topology.namespace} for c in callers]
    refs = sorted({(r["name"]): r for r in refs}.values(), key=lambda r: r["name"])
    return {"apiVersion": POLICY_ALPHA, "kind": "MeshTLSAuthentication",
            "metadata": _metadata(topology, name), "spec": {"identityRefs": refs}}


def network_authentication(topology: Topology, name: str) -> dict:
    return {"apiVersion": POLICY_ALPHA, "kind": "NetworkAuthentication",
            "metadata": _metadata(topology, name), "spec": {"networks": ANY_NETWORK}}


def authorization_policy(topology: Topology, name: str, target: dict, auth: dict) -> dict:
    return {"apiVersion": POLICY_ALPHA, "kind": "AuthorizationPolicy",
            "metadata": _metadata(topology, name),
            "spec": {"targetRef": target,
                     "requiredAuthenticationRefs": [{"group": "policy.linkerd.io",
                                                     "kind": auth["kind"],
                                                     "name": auth["metadata"]["name"]}]}}


def _allowed(calls: list[Call], node: Node, restriction: Restriction) -> list[Call]:
    """Callers allowed on a route: those whose own restriction is this one, and those
    with no restriction at all (they may call anything the service serves)."""
    return [c for c in calls if _restriction(node, c) in (restriction, ((), ()))]


def policies(topology: Topology, node: Node) -> list[dict]:
    calls = topology.calls_to(node)
    documents: list[dict] = [server(topology, node)]
    restrictions = sorted({_restriction(node, c) for c in calls})
    routed = restrictions != [((), ())] and bool(restrictions)
    for number, restriction in enumerate(restrictions, start=1):
        allowed = _allowed(calls, node, restriction) if routed else calls
        name = _route_name(node, restriction, number)
        if routed:
            documents.append(http_route(topology, node, name, restriction))
            target = {"group": "policy.linkerd.io", "kind": "HTTPRoute", "name": name}
        else:
            target = {"group": "policy.linkerd.io", "kind": "Server", "name": node.name}
        meshed = [c.source for c in allowed if c.source is not None]
        if meshed:
            auth = mesh_authentication(topology, f"{name}-callers", meshed)
            documents += [auth, authorization_policy(topology, f"{name}-callers", target, auth)]
        if any(c.source is None for c in allowed):
            auth = network_authentication(topology, f"{name}-outside")
            documents += [auth, authorization_policy(topology, f"{name}-outside", target, auth)]
    return documents


def generate(model: Model) -> Output:
    topology = read_topology(model)
    output = Output()
    comment = header("linkerd", topology.name)
    for node in topology.by_name():
        output.add(f"{node.name}.yaml", yaml_documents(policies(topology, node), comment))
    output.warnings += topology.guesses()
    return output


GENERATOR = Generator(
    name="linkerd",
    title="Linkerd",
    description="Linkerd policy: Server, HTTPRoute, AuthorizationPolicy with "
                "MeshTLSAuthentication for exactly the callers drawn",
    generate=generate,
)
