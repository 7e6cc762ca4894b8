"""Microservice patterns (seed 004): database per service, no synchronous call cycles,
clients through the gateway, brokers with both ends, gateways that route somewhere."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from archstudio.model import Element, Relation, Severity
from archstudio.rules.index import SYNC_KINDS, ModelIndex
from archstudio.rules.registry import Finding, rule

FAMILY = "microservice patterns"
SERVICE_KINDS = frozenset({"container"})
CALLER_KINDS = frozenset({"container", "gateway", "external"})
CLIENT_KINDS = frozenset({"person", "external"})
# A relation into a broker whose label says this reads from it.
CONSUMER_LABEL = re.compile(r"subscri|consum|listen|receiv|poll|read", re.IGNORECASE)
SERVICE_SUFFIX = re.compile(r"[-_]?(service|svc|app|api|server)$", re.IGNORECASE)
_STORE_SUFFIX = re.compile(r"[-_]?(datastore|database|store|db|repo|repository)$",
                           re.IGNORECASE)


@lru_cache(maxsize=8192)
def stem(identifier: str) -> str:
    """``OrderService``, ``order-service``, ``orders_db`` → ``order``: what a name is about."""
    bare = SERVICE_SUFFIX.sub("", identifier)
    bare = _STORE_SUFFIX.sub("", bare) or identifier
    bare = bare.lower().replace("-", "").replace("_", "")
    return bare[:-1] if len(bare) > 3 and bare.endswith("s") else bare


def service_users(index: ModelIndex, datastore: str) -> list[tuple[Element, Relation]]:
    """The services that use a datastore, each with its first relation, in text order."""
    seen: dict[str, tuple[Element, Relation]] = {}
    for relation in index.calls_to(datastore):
        assert relation.source is not None
        source = index.element(relation.source)
        if source.kind in SERVICE_KINDS and source.qname not in seen:
            seen[source.qname] = (source, relation)
    return list(seen.values())


def owner_of(index: ModelIndex, datastore: Element,
             users: list[tuple[Element, Relation]]) -> Element | None:
    """The service a datastore belongs to: its ``owner`` property, or else the one user
    whose name is about the same thing (``OrderService`` owns ``OrderDB``)."""
    declared = datastore.get("owner")
    if declared:
        for candidate in index.model.resolve(declared, datastore.parent):
            return index.element(candidate)
    if len(users) < 2:
        return users[0][0] if users else None
    matching = [s for s, _ in users if stem(s.id) == stem(datastore.id)]
    return matching[0] if len(matching) == 1 else None


def datastore_usage(
    index: ModelIndex,
) -> list[tuple[Element, list[tuple[Element, Relation]], Element | None]]:
    """(datastore, its service users, its owner) for every datastore, worked out once
    per check and shared by shared-datastore and foreign-datastore."""
    cached = index.memo.get("datastore_usage")
    if cached is None:
        cached = []
        for datastore in index.by_kind.get("datastore", ()):
            users = service_users(index, datastore.qname)
            cached.append((datastore, users, owner_of(index, datastore, users)))
        index.memo["datastore_usage"] = cached
    return cached


@rule("A201", "shared-datastore", Severity.WARNING,
      "a datastore that more than one service uses (database per service)", FAMILY)
def shared_datastore(index: ModelIndex) -> Iterator[Finding]:
    for datastore, users, owner in datastore_usage(index):
        if len(users) < 2 or owner is not None:
            continue  # with a known owner, the others are told by foreign-datastore
        names = ", ".join(s.id for s, _ in users)
        yield (datastore.id_span,
               f"the datastore '{datastore.id}' is shared by {len(users)} services "
               f"({names}); give each service its own",
               {"qname": datastore.qname, "services": [s.qname for s, _ in users]})


@rule("A202", "sync-cycle", Severity.WARNING,
      "services that call each other synchronously in a cycle", FAMILY)
def sync_cycle(index: ModelIndex) -> Iterator[Finding]:
    first: dict[tuple[str, str], Relation] = {}
    for relation in index.calls:
        source, target = relation.source, relation.target
        assert source is not None and target is not None
        if (source == target or relation.kind not in SYNC_KINDS
                or index.kind(source) not in CALLER_KINDS
                or index.kind(target) not in CALLER_KINDS):
            continue
        first.setdefault((source, target), relation)
    # only an element that is both called and calling can be on a cycle
    callers = {source for source, _ in first}
    called = {target for _, target in first}
    import networkx as nx  # here, not at import: a second or more off every launch

    graph = nx.DiGraph(edge for edge in first if edge[0] in called and edge[1] in callers)
    for component in nx.strongly_connected_components(graph):
        if len(component) < 2:
            continue
        cycle = nx.find_cycle(graph.subgraph(component))
        relations = sorted((first[edge] for edge in cycle), key=lambda r: r.index)
        names = [index.element(a).id for a, _ in cycle]
        path = " → ".join([*names, names[0]])
        yield (relations[0].span,
               f"synchronous call cycle {path}: a failure in one stalls them all; make one "
               "call async or break the cycle",
               {"cycle": [a for a, _ in cycle], "relations": [r.index for r in relations]})


def gateway_for(index: ModelIndex, service: str) -> Element | None:
    """The gateway that fronts a service: the nearest one among its enclosing scopes."""
    gateways = index.by_kind.get("gateway", ())
    for scope in index.ancestors(service):
        for gateway in gateways:
            if gateway.parent == scope:
                return gateway
    return None


@rule("A203", "gateway-bypass", Severity.WARNING,
      "a person or external system calls a service directly though a gateway exists",
      FAMILY)
def gateway_bypass(index: ModelIndex) -> Iterator[Finding]:
    if not index.by_kind.get("gateway"):
        return
    for relation in index.calls:
        assert relation.source is not None and relation.target is not None
        if (index.kind(relation.source) not in CLIENT_KINDS
                or index.kind(relation.target) not in SERVICE_KINDS):
            continue
        gateway = gateway_for(index, relation.target)
        if gateway is None:
            continue
        client, service = index.element(relation.source), index.element(relation.target)
        yield (relation.span,
               f"'{client.id}' calls '{service.id}' directly; route it through the gateway "
               f"'{gateway.id}'",
               {"relation": relation.index, "gateway": gateway.qname})


@rule("A204", "foreign-datastore", Severity.WARNING,
      "a service reaches into the datastore of another service", FAMILY)
def foreign_datastore(index: ModelIndex) -> Iterator[Finding]:
    for datastore, _, owner in datastore_usage(index):
        if owner is None:
            continue
        for relation in index.calls_to(datastore.qname):
            if relation.source != owner.qname and index.kind(relation.source) in SERVICE_KINDS:
                service = index.element(relation.source)
                yield (relation.span,
                       f"'{service.id}' reaches into '{datastore.id}', which belongs to "
                       f"'{owner.id}'; call '{owner.id}' instead",
                       {"relation": relation.index, "owner": owner.qname})


def _is_consumer_label(relation: Relation) -> bool:
    return bool(relation.label and CONSUMER_LABEL.search(relation.label))


@rule("A205", "unpublished-broker", Severity.WARNING,
      "a message broker that nobody publishes to", FAMILY)
def unpublished_broker(index: ModelIndex) -> Iterator[Finding]:
    for broker in index.by_kind.get("broker", ()):
        if not index.calls_to(broker.qname) and not index.calls_from(broker.qname):
            continue  # an unconnected broker is an orphan, told once by that rule
        if not any(not _is_consumer_label(r) for r in index.calls_to(broker.qname)):
            yield (broker.id_span, f"nobody publishes to the broker '{broker.id}'",
                   {"qname": broker.qname})


@rule("A206", "unconsumed-broker", Severity.WARNING,
      "a message broker that nobody consumes from", FAMILY)
def unconsumed_broker(index: ModelIndex) -> Iterator[Finding]:
    for broker in index.by_kind.get("broker", ()):
        into = index.calls_to(broker.qname)
        out = index.calls_from(broker.qname)
        if not into and not out:
            continue
        if not out and not any(_is_consumer_label(r) for r in into):
            yield (broker.id_span,
                   f"nobody consumes from the broker '{broker.id}' (add {broker.id} -> "
                   "<consumer>, or a relation labelled \"subscribes\")",
                   {"qname": broker.qname})


@rule("A207", "dead-end-gateway", Severity.WARNING, "a gateway that routes to nothing", FAMILY)
def dead_end_gateway(index: ModelIndex) -> Iterator[Finding]:
    for gateway in index.by_kind.get("gateway", ()):
        if not index.calls_from(gateway.qname):
            yield (gateway.id_span, f"the gateway '{gateway.id}' routes to nothing",
                   {"qname": gateway.qname})
