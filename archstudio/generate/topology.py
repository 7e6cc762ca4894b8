"""The deployable reading of a model, shared by every generator: which elements run
(workloads, backing stores), their DNS names, ports and images, and who calls whom with
what relation properties. Generators format this; they never re-read the model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from archstudio.generate.base import GenerateError
from archstudio.model import Element, Model, Relation
from archstudio.model.kinds import MESSAGE_KINDS
from archstudio.model.technologies import DEFAULT_SERVICE_PORT, Technology, technology_for

DEFAULT_NAMESPACE = "default"
# Kinds that become a running workload, and kinds that only ever call in from outside.
WORKLOAD_KINDS = frozenset({"container", "gateway"})
BACKING_KINDS = frozenset({"datastore", "broker"})
OUTSIDE_KINDS = frozenset({"person", "external"})
# every messaging kind (publishes, subscribes, ...) connects its source to its target too
CALL_KINDS = frozenset({None, "sync", "uses"}) | MESSAGE_KINDS
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_NOT_DNS = re.compile(r"[^a-z0-9-]+")


def dns_name(text: str) -> str:
    """A DNS-1123 label: ``UserService`` and ``user_service`` both give ``user-service``."""
    name = _NOT_DNS.sub("-", _CAMEL.sub("-", text).lower())
    name = re.sub(r"-{2,}", "-", name).strip("-")[:63].strip("-")
    return name or "unnamed"


def env_name(name: str) -> str:
    """``user-service`` → ``USER_SERVICE``."""
    return re.sub(r"[^A-Z0-9]+", "_", name.upper()).strip("_")


def _int_property(element: Element | Relation, key: str, where: str) -> int | None:
    value = element.get(key)
    if value is None:
        return None
    try:
        number = int(value)
    except ValueError:
        raise GenerateError(f"line {element.span.line}: {where} has {key} '{value}', "
                            "which is not a whole number") from None
    if number <= 0:
        raise GenerateError(f"line {element.span.line}: {where} has {key} {number}; "
                            "it must be positive")
    return number


@dataclass(slots=True)
class Node:
    """One element that runs: a workload (service, gateway) or a backing store."""

    element: Element
    name: str  # DNS name, unique in the namespace
    role: str  # "workload" or "backing"
    port: int
    port_guessed: bool
    technology: Technology | None
    image: str | None  # None: compose builds ./NAME, Kubernetes uses NAME:latest
    replicas: int
    service_account: str

    @property
    def qname(self) -> str:
        return self.element.qname

    @property
    def env(self) -> str:
        return env_name(self.name)

    def url(self) -> str:
        scheme = self.technology.scheme if self.technology and self.role == "backing" \
            else "http"
        return f"{scheme}://{self.name}:{self.port}"

    @property
    def database(self) -> str:
        """The database name inside a datastore: its ``db-name`` property, else its name
        without a trailing ``db`` (``users-db`` → ``users``)."""
        explicit = self.element.get("db-name")
        if explicit:
            return explicit
        stripped = re.sub(r"[-_]?db$", "", self.name)
        return (stripped or self.name).replace("-", "_")


@dataclass(frozen=True, slots=True)
class Call:
    """A drawn call between two nodes, or from outside (a person or external system)."""

    relation: Relation
    source: Node | None  # None: from outside the cluster
    source_name: str  # the caller's id as drawn, for messages
    target: Node

    @property
    def methods(self) -> tuple[str, ...]:
        prop = self.relation.prop("method")
        return tuple(sorted({v.upper() for v in prop.values})) if prop else ()

    @property
    def paths(self) -> tuple[str, ...]:
        prop = self.relation.prop("path")
        return tuple(sorted(set(prop.values))) if prop else ()

    @property
    def is_async(self) -> bool:
        return self.relation.kind in MESSAGE_KINDS


@dataclass(slots=True)
class Topology:
    name: str | None
    namespace: str
    nodes: dict[str, Node] = field(default_factory=dict)  # by qualified name
    calls: list[Call] = field(default_factory=list)
    # calls by target and by source name, filled by read_topology (large models)
    _in: dict[str, list[Call]] = field(default_factory=dict)
    _out: dict[str, list[Call]] = field(default_factory=dict)

    def by_name(self) -> list[Node]:
        return sorted(self.nodes.values(), key=lambda n: n.name)

    def workloads(self) -> list[Node]:
        return [n for n in self.by_name() if n.role == "workload"]

    def backing(self) -> list[Node]:
        return [n for n in self.by_name() if n.role == "backing"]

    def calls_to(self, node: Node) -> list[Call]:
        return self._in.get(node.name, [])

    def calls_from(self, node: Node) -> list[Call]:
        return self._out.get(node.name, [])

    def dependencies(self, node: Node) -> list[Node]:
        """What a node calls, each once, by name."""
        seen = {c.target.name: c.target for c in self.calls_from(node)}
        return [seen[k] for k in sorted(seen)]

    def reached_from_outside(self, node: Node) -> bool:
        return any(c.source is None for c in self.calls_to(node))

    def guesses(self) -> list[str]:
        """What the generators had to assume, as rules A401/A402 report it in the editor."""
        out = []
        for node in self.by_name():
            element = node.element
            if node.role == "workload" and node.port_guessed:
                out.append(f"line {element.span.line}: '{element.id}' has no port; "
                           f"{node.port} assumed (A401)")
            if node.role == "backing" and node.technology is None and not element.get("image"):
                out.append(f"line {element.span.line}: '{element.id}' names no known "
                           "technology; its image and port are guesses (A402)")
        return out


def read_topology(model: Model) -> Topology:
    """Raises :class:`GenerateError` on a model a generator cannot read (errors, bad
    numbers); a missing port or technology is a guess, warned about by rule A401/A402."""
    if model.has_errors:
        first = model.errors[0]
        raise GenerateError(f"the file has errors; first: line {first.span.line}: "
                            f"{first.code} {first.message}")
    architecture_ns = next((p.value for p in model.properties if p.key == "namespace"), None)
    topology = Topology(model.name, dns_name(architecture_ns or DEFAULT_NAMESPACE))
    taken: set[str] = set()
    for qname in sorted(model.elements):
        element = model.elements[qname]
        if element.kind in WORKLOAD_KINDS or element.kind in BACKING_KINDS:
            node = _node(element, taken)
            taken.add(node.name)
            topology.nodes[qname] = node
    if not topology.nodes:
        raise GenerateError("nothing to generate: the architecture has no service "
                            "(container), gateway, datastore or broker")
    for relation in model.relations:
        if relation.kind not in CALL_KINDS or not relation.resolved:
            continue
        assert relation.source is not None and relation.target is not None
        target = topology.nodes.get(relation.target)
        if target is None:
            continue
        source_element = model.elements[relation.source]
        source = topology.nodes.get(relation.source)
        if source is None and source_element.kind not in OUTSIDE_KINDS:
            continue
        if source is not None and source_element.kind == "broker" and target.role == "workload":
            # a broker delivering to a consumer: the consumer is the one that connects
            source, target, source_element = target, source, target.element
        call = Call(relation, source, source_element.id, target)
        topology.calls.append(call)
        topology._in.setdefault(target.name, []).append(call)
        if source is not None:
            topology._out.setdefault(source.name, []).append(call)
    return topology


def _node(element: Element, taken: set[str]) -> Node:
    where = f"'{element.id}'"
    base = dns_name(element.get("name") or element.id)
    name, number = base, 2
    while name in taken:
        name, number = f"{base}-{number}", number + 1
    technology = technology_for(element.technology)
    role = "backing" if element.kind in BACKING_KINDS else "workload"
    port = _int_property(element, "port", where)
    guessed = port is None
    if port is None:
        port = technology.port if technology else DEFAULT_SERVICE_PORT
        guessed = technology is None
    image = element.get("image") or (technology.image if technology else None)
    replicas = _int_property(element, "replicas", where) or 1
    account = dns_name(element.get("service-account") or name)
    return Node(element, name, role, port, guessed, technology, image, replicas, account)
