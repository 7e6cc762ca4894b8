"""The vocabulary of the language: element kinds, layers and relation kinds.

Kept as data so the parser, the palette, the rules and the docs all read one table.
"""

from __future__ import annotations

from dataclasses import dataclass

LAYERS: tuple[str, ...] = (
    "motivation",
    "business",
    "security",
    "application",
    "api",
    "data-model",
    "data-store",
)


@dataclass(frozen=True, slots=True)
class ElementKind:
    name: str
    layer: str
    title: str
    synonyms: tuple[str, ...] = ()
    is_group: bool = False


ELEMENT_KINDS: dict[str, ElementKind] = {
    kind.name: kind
    for kind in (
        ElementKind("person", "business", "Person", ("actor", "user")),
        ElementKind("system", "application", "System", ("boundary",), is_group=True),
        # a lightweight boundary: drawn as a plain frame, owns nothing as far as rules go
        ElementKind("group", "application", "Group", (), is_group=True),
        ElementKind("container", "application", "Service", ("service", "app", "component")),
        ElementKind("datastore", "data-store", "Datastore", ("database", "db", "store")),
        ElementKind("broker", "application", "Broker", ("queue", "topic")),
        ElementKind("gateway", "application", "Gateway", ()),
        ElementKind("external", "application", "External system", ("external-system",)),
        ElementKind("goal", "motivation", "Goal", ()),
        ElementKind("capability", "business", "Capability", ()),
        ElementKind("policy", "security", "Policy", ()),
        ElementKind("operation", "api", "Operation", ("endpoint",)),
        ElementKind("schema", "data-model", "Schema", ("object-schema", "entity")),
    )
}

KIND_KEYWORDS: dict[str, str] = {}
for _kind in ELEMENT_KINDS.values():
    KIND_KEYWORDS[_kind.name] = _kind.name
    for _synonym in _kind.synonyms:
        KIND_KEYWORDS[_synonym] = _kind.name

# Roles the rules understand, and the values of a `role` property that mean each.
FRONTEND = "frontend"
IDENTITY = "identity"
GATEWAY = "gateway"
WORKER = "worker"
SERVICE = "service"
ROLES = (FRONTEND, IDENTITY, GATEWAY, WORKER, SERVICE)
ROLE_VALUES: dict[str, str] = {
    "frontend": FRONTEND, "front-end": FRONTEND, "web": FRONTEND, "webapp": FRONTEND,
    "web-app": FRONTEND, "spa": FRONTEND, "bff": FRONTEND, "ui": FRONTEND,
    "identity": IDENTITY, "identity-provider": IDENTITY, "idp": IDENTITY, "auth": IDENTITY,
    "gateway": GATEWAY, "api-gateway": GATEWAY, "proxy": GATEWAY,
    "worker": WORKER, "job": WORKER, "background": WORKER,
    "service": SERVICE, "backend": SERVICE,
}

POLICY_TYPES: tuple[str, ...] = ("authentication", "authorization", "data-protection")
HTTP_METHODS: tuple[str, ...] = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")

# Elements that exist at run time and call each other (seed 004's world).
RUNTIME_LAYERS = frozenset({"business", "application", "data-store"})


@dataclass(frozen=True, slots=True)
class RelationKind:
    name: str
    description: str
    # (source layer, target layer) pairs it may join; None means any pair.
    allowed: frozenset[tuple[str, str]] | None


def _pairs(sources: tuple[str, ...], targets: tuple[str, ...]) -> frozenset[tuple[str, str]]:
    return frozenset((s, t) for s in sources for t in targets)


_RUNTIME = tuple(sorted(RUNTIME_LAYERS))

RELATION_KINDS: dict[str, RelationKind] = {
    kind.name: kind
    for kind in (
        RelationKind("sync", "a synchronous call (request/response)", _pairs(_RUNTIME, _RUNTIME)),
        RelationKind("async", "an asynchronous message or event", _pairs(_RUNTIME, _RUNTIME)),
        RelationKind("publishes", "publishes messages or events to a broker or service",
                     _pairs(_RUNTIME, _RUNTIME)),
        RelationKind("sends", "sends a message (a command) to a broker or service",
                     _pairs(_RUNTIME, _RUNTIME)),
        RelationKind("subscribes", "subscribes to a broker's messages (reads from it)",
                     _pairs(_RUNTIME, _RUNTIME)),
        RelationKind("consumes", "consumes messages from a broker or queue (reads from it)",
                     _pairs(_RUNTIME, _RUNTIME)),
        RelationKind(
            "satisfied-by",
            "a capability serves a goal",
            _pairs(("business",), ("motivation",)),
        ),
        RelationKind(
            "realizes",
            "a service realizes a business capability",
            _pairs(("application",), ("business",)),
        ),
        RelationKind(
            "protected-by",
            "an element is protected by a security policy",
            _pairs(("application", "api", "data-store"), ("security",)),
        ),
        RelationKind(
            "complies-with",
            "an element complies with a security policy",
            _pairs(("application", "api", "data-store"), ("security",)),
        ),
        RelationKind(
            "exposes",
            "a service exposes an API operation",
            _pairs(("application",), ("api",)),
        ),
        RelationKind(
            "uses",
            "an operation or service uses a data model, or one runtime element uses another",
            _pairs(("api", "application"), ("data-model",)) | _pairs(_RUNTIME, _RUNTIME),
        ),
        RelationKind(
            "stores",
            "a datastore stores a data model",
            _pairs(("data-store",), ("data-model",)),
        ),
    )
}


# Asynchronous relation kinds, and which way the messages flow along them.
MESSAGE_KINDS = frozenset({"async", "publishes", "sends", "subscribes", "consumes"})
# ``a -[subscribes]-> broker``: the arrow points at the broker, the messages at ``a``.
READING_KINDS = frozenset({"subscribes", "consumes"})


def layer_of(kind: str) -> str:
    return ELEMENT_KINDS[kind].layer


def relation_allowed(kind: str | None, source_kind: str, target_kind: str) -> bool:
    """Whether a relation kind may join two element kinds (untyped relations always may)."""
    if kind is None:
        return True
    relation_kind = RELATION_KINDS.get(kind)
    if relation_kind is None or relation_kind.allowed is None:
        return True
    return (layer_of(source_kind), layer_of(target_kind)) in relation_kind.allowed


def allowed_relation_kinds(source_kind: str, target_kind: str) -> list[str]:
    """The relation kinds a canvas may offer between two elements, in table order."""
    return [name for name in RELATION_KINDS if relation_allowed(name, source_kind, target_kind)]
