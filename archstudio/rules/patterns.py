"""Microservice patterns (seed 004): database per service, no synchronous call cycles,
clients through the gateway, brokers with both ends, gateways that route somewhere."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from archstudio.model import Element, Relation, Severity
from archstudio.model.kinds import READING_KINDS
from archstudio.rules.index import SYNC_KINDS, ModelIndex
from archstudio.rules.registry import Finding, rule
from archstudio.rules.roles import GATEWAY, SERVICE, WORKER, role_of

FAMILY = "microservice patterns"
SERVICE_KINDS = frozenset({"container"})
CALLER_KINDS = frozenset({"container", "gateway", "external"})
CLIENT_KINDS = frozenset({"person", "external"})
# Roles a gateway stands in front of (front ends and identity providers face users).
BEHIND_GATEWAY = frozenset({SERVICE, WORKER})
# Untyped relations into a broker whose label says they read from it, or write to it.
CONSUMER_LABEL = re.compile(r"subscri|consum|listen|receiv|poll|read", re.IGNORECASE)
PUBLISHER_LABEL = re.compile(r"publish|send|emit|produc|writ|push|enqueue", re.IGNORECASE)
WRITING_KINDS = frozenset({"publishes", "sends"})
_PUBLISH, _CONSUME = frozenset({"publish"}), frozenset({"consume"})
_BOTH = _PUBLISH | _CONSUME
SERVICE_SUFFIX = re.compile(r"[-_]?(service|svc|app|api|server)$", re.IGNORECASE)
# ``orders_db``, ``user-mongodb``, ``social-graph-redis``: the technology is no part of
# what a store is about.
_STORE_SUFFIX = re.compile(r"([-_]?(datastore|database|store|db|data|repo|repository|mongo|"
                           r"redis|memcached|mysql|postgres|postgresql|sql|cache))+$",
                           re.IGNORECASE)


@lru_cache(maxsize=8192)
def stem(identifier: str) -> str:
    """``OrderService``, ``order-service``, ``orders_db`` → ``order``: what a name is about."""
    bare = SERVICE_SUFFIX.sub("", identifier)
    bare = _STORE_SUFFIX.sub("", bare) or identifier
    bare = bare.lower().replace("-", "").replace("_", "")
    return bare[:-1] if len(bare) > 3 and bare.endswith("s") else bare


def database_of(relation: Relation) -> str | None:
    """The database a call uses on a server that hosts several (``database "x"``)."""
    return relation.get("database")


def hosted_databases(datastore: Element) -> tuple[str, ...]:
    """The databases a datastore declares it hosts (``databases orders, catalog``)."""
    prop = datastore.prop("databases")
    return prop.values if prop else ()


def service_users(index: ModelIndex, datastore: str, database: str | None = None,
                  by_database: bool = False) -> list[tuple[Element, Relation]]:
    """The services that use a datastore, each with its first relation, in text order;
    with ``by_database`` only the calls that name ``database`` (None: name none)."""
    seen: dict[str, tuple[Element, Relation]] = {}
    for relation in index.calls_to(datastore):
        assert relation.source is not None
        if by_database and database_of(relation) != database:
            continue
        source = index.element(relation.source)
        if source.kind in SERVICE_KINDS and source.qname not in seen:
            seen[source.qname] = (source, relation)
    return list(seen.values())


def owner_of(index: ModelIndex, datastore: Element, users: list[tuple[Element, Relation]],
             database: str | None = None) -> Element | None:
    """The service a datastore (or one database on it) belongs to: the ``owner``
    property, or else the one user whose name is about the same thing (``OrderService``
    owns ``OrderDB``), or else its only user."""
    declared = datastore.get("owner")
    if declared:
        for candidate in index.model.resolve(declared, datastore.parent):
            return index.element(candidate)
    if len(users) < 2:
        return users[0][0] if users else None
    name = stem(database or datastore.id)
    matching = [s for s, _ in users if stem(s.id) == name]
    return matching[0] if len(matching) == 1 else None


# (datastore, database or None, its service users, its owner)
Usage = tuple[Element, str | None, list[tuple[Element, Relation]], Element | None]


def datastore_usage(index: ModelIndex) -> list[Usage]:
    """Who uses what, worked out once per check and shared by shared-datastore and
    foreign-datastore. A server that declares ``databases`` is judged per database: two
    services on one server with a database each share a server, not a database."""
    cached = index.memo.get("datastore_usage")
    if cached is None:
        cached = []
        for datastore in index.by_kind.get("datastore", ()):
            hosted = hosted_databases(datastore)
            if not hosted:
                users = service_users(index, datastore.qname)
                cached.append((datastore, None, users, owner_of(index, datastore, users)))
                continue
            named = [database_of(r) for r in index.calls_to(datastore.qname)]
            databases = list(dict.fromkeys([*hosted, *(n for n in named if n)]))
            for database in [*databases, None]:
                users = service_users(index, datastore.qname, database, by_database=True)
                if users:
                    cached.append((datastore, database, users,
                                   owner_of(index, datastore, users, database)))
        index.memo["datastore_usage"] = cached
    return cached


@rule("A201", "shared-datastore", Severity.WARNING,
      "a datastore that more than one service uses (database per service)", FAMILY)
def shared_datastore(index: ModelIndex) -> Iterator[Finding]:
    for datastore, database, users, owner in datastore_usage(index):
        if len(users) < 2 or owner is not None:
            continue  # with a known owner, the others are told by foreign-datastore
        names = ", ".join(s.id for s, _ in users)
        what = (f"the database '{database}' on '{datastore.id}'" if database
                else f"the datastore '{datastore.id}'")
        yield (datastore.id_span,
               f"{what} is shared by {len(users)} services ({names}); give each service "
               "its own",
               {"qname": datastore.qname, "services": [s.qname for s, _ in users],
                **({"database": database} if database else {})})


# A202 reports at most this many cycles per group of services that reach each other;
# the rest are counted (up to COUNT_LIMIT) so the message can say how many there are.
CYCLE_REPORT_LIMIT = 20
COUNT_LIMIT = 1000
COUNT_STEPS = 1_000  # about a millisecond: the count is for the message only


def _sync_calls(index: ModelIndex) -> dict[tuple[str, str], Relation]:
    """The first synchronous call for each ordered pair of services, in file order."""
    first: dict[tuple[str, str], Relation] = {}
    for relation in index.calls:
        source, target = relation.source, relation.target
        assert source is not None and target is not None
        if (source == target or relation.kind not in SYNC_KINDS
                or index.kind(source) not in CALLER_KINDS
                or index.kind(target) not in CALLER_KINDS):
            continue
        first.setdefault((source, target), relation)
    return first


def _shortest_path(adjacency: dict[str, list[str]], start: str, goal: str) -> list[str]:
    """Breadth-first, neighbours in file order: the same path under any hash seed."""
    previous: dict[str, str | None] = {start: None}
    frontier = [start]
    while frontier and goal not in previous:
        following = []
        for node in frontier:
            for neighbour in adjacency.get(node, ()):
                if neighbour not in previous:
                    previous[neighbour] = node
                    following.append(neighbour)
        frontier = following
    path: list[str] = []
    node: str | None = goal
    while node is not None:
        path.append(node)
        node = previous[node]
    return path[::-1]


def _count_cycles(adjacency: dict[str, list[str]]) -> tuple[int, bool]:
    """Elementary cycles in a strongly connected group, each once (from its first node
    in file order, through later nodes only), and whether that is all of them: the walk
    stops at COUNT_LIMIT cycles or after COUNT_STEPS steps."""
    order = {node: number for number, node in enumerate(adjacency)}
    count = steps = 0
    for start in adjacency:
        first = order[start]
        path, on_path = [start], {start}
        stack = [iter(adjacency[start])]
        while stack and count < COUNT_LIMIT and steps < COUNT_STEPS:
            steps += 1
            following = next(stack[-1], None)
            if following is None:
                stack.pop()
                on_path.discard(path.pop())
            elif following == start:
                count += 1
            elif following not in on_path and order.get(following, -1) > first:
                path.append(following)
                on_path.add(following)
                stack.append(iter(adjacency.get(following, ())))
        if count >= COUNT_LIMIT or steps >= COUNT_STEPS:
            return count, False
    return count, True


def _groups(edges: list[tuple[str, str]]) -> dict[str, int]:
    """The group number of every service on a cycle: services that reach each other share
    one (the strongly connected components with more than one member, Tarjan's walk
    without recursion). Written here rather than imported: networkx took a second or more
    to import, and the first rules check after opening a file waited for it."""
    following: dict[str, list[str]] = {}
    for a, b in edges:
        following.setdefault(a, []).append(b)
        following.setdefault(b, [])
    number: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    group_of: dict[str, int] = {}
    groups = 0
    for root in following:
        if root in number:
            continue
        walk = [(root, iter(following[root]))]
        number[root] = low[root] = len(number)
        stack.append(root)
        on_stack.add(root)
        while walk:
            node, onward = walk[-1]
            nxt = next(onward, None)
            if nxt is not None:
                if nxt not in number:
                    number[nxt] = low[nxt] = len(number)
                    stack.append(nxt)
                    on_stack.add(nxt)
                    walk.append((nxt, iter(following[nxt])))
                elif nxt in on_stack:
                    low[node] = min(low[node], number[nxt])
                continue
            walk.pop()
            if walk:
                parent = walk[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == number[node]:
                members = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    members.append(member)
                    if member == node:
                        break
                if len(members) > 1:
                    group_of.update(dict.fromkeys(members, groups))
                    groups += 1
    return group_of


def sync_cycles(index: ModelIndex) -> list[tuple[list[Relation], tuple[int, bool, int] | None]]:
    """Elementary synchronous cycles, each as its relations starting with the one written
    first, in file order: for each call on a cycle, in file order, the shortest cycle
    through it, up to CYCLE_REPORT_LIMIT per group of services that reach each other.
    The first cycle of a group comes with (how many elementary cycles the group has,
    whether that count is complete, how many are reported); the others with None."""
    first = _sync_calls(index)
    # only an element that is both called and calling can be on a cycle
    callers = {source for source, _ in first}
    called = {target for _, target in first}
    group_of = _groups([edge for edge in first if edge[0] in called and edge[1] in callers])
    by_group: dict[int, list[tuple[str, str]]] = {}
    for a, b in first:  # in file order
        if a in group_of and group_of[a] == group_of.get(b):
            by_group.setdefault(group_of[a], []).append((a, b))
    found: list[tuple[list[Relation], tuple[int, bool, int] | None]] = []
    for edges in by_group.values():
        component = {a for a, _ in edges}
        adjacency: dict[str, list[str]] = {}
        for a, b in edges:
            adjacency.setdefault(a, []).append(b)
        seen: set[frozenset[tuple[str, str]]] = set()
        cycles: list[list[Relation]] = []
        for a, b in edges:
            if len(cycles) == CYCLE_REPORT_LIMIT:
                break
            nodes = [a, *_shortest_path(adjacency, b, a)[:-1]]
            pairs = list(zip(nodes, [*nodes[1:], nodes[0]], strict=True))
            key = frozenset(pairs)
            if key in seen:
                continue
            seen.add(key)
            relations = [first[p] for p in pairs]
            start = min(range(len(relations)), key=lambda i: relations[i].index)
            cycles.append(relations[start:] + relations[:start])
        cycles.sort(key=lambda rs: [r.index for r in rs])
        # a ring (as many calls as services) is one cycle
        total, complete = ((len(cycles), True) if len(edges) == len(component)
                           else _count_cycles(adjacency))
        for number, relations in enumerate(cycles):
            found.append((relations, (total, complete, len(cycles)) if number == 0 else None))
    found.sort(key=lambda item: [r.index for r in item[0]])
    return found


@rule("A202", "sync-cycle", Severity.WARNING,
      "services that call each other synchronously in a cycle", FAMILY)
def sync_cycle(index: ModelIndex) -> Iterator[Finding]:
    for relations, counted in sync_cycles(index):
        names = [index.element(r.source).id for r in relations]  # type: ignore[arg-type]
        path = " → ".join([*names, names[0]])
        more = ""
        if counted is not None and (counted[0] > 1 or not counted[1]):
            total, complete, reported = counted
            more = (f" ({total}{'' if complete else '+'} cycles run through these services; "
                    f"{reported} reported)")
        yield (relations[0].span,
               f"synchronous call cycle {path}: a failure in one stalls them all; make one "
               f"call async or break the cycle{more}",
               {"cycle": [r.source for r in relations],
                "relations": [r.index for r in relations]})


def gateways_in_front(index: ModelIndex, service: str, caller: str) -> list[Element]:
    """The gateways that front a service: those that route calls to it, in file order."""
    return [index.element(r.source) for r in index.calls_to(service)  # type: ignore[arg-type]
            if r.source != caller and role_of(index.element(r.source)) == GATEWAY]


@rule("A203", "gateway-bypass", Severity.WARNING,
      "a person or external system calls a service directly though a gateway fronts it",
      FAMILY)
def gateway_bypass(index: ModelIndex) -> Iterator[Finding]:
    """Front ends, identity providers and gateways are called by users by design; only a
    service that a gateway routes to is bypassed."""
    for relation in index.calls:
        assert relation.source is not None and relation.target is not None
        if (index.kind(relation.source) not in CLIENT_KINDS
                or index.kind(relation.target) not in SERVICE_KINDS
                or role_of(index.element(relation.target)) not in BEHIND_GATEWAY):
            continue
        gateways = gateways_in_front(index, relation.target, relation.source)
        if not gateways:
            continue
        gateway = gateways[0]
        client, service = index.element(relation.source), index.element(relation.target)
        yield (relation.span,
               f"'{client.id}' calls '{service.id}' directly, though the gateway "
               f"'{gateway.id}' fronts it; route it through the gateway",
               {"relation": relation.index, "gateway": gateway.qname})


@rule("A204", "foreign-datastore", Severity.WARNING,
      "a service reaches into the datastore of another service", FAMILY)
def foreign_datastore(index: ModelIndex) -> Iterator[Finding]:
    for datastore, database, users, owner in datastore_usage(index):
        if owner is None:
            continue
        what = f"'{datastore.id}'" + (f" (database '{database}')" if database else "")
        others = {s.qname: s for s, _ in users if s.qname != owner.qname}
        per_database = bool(hosted_databases(datastore))
        for call in index.calls_to(datastore.qname):
            service = others.get(call.source)  # type: ignore[arg-type]
            if service is None or (per_database and database_of(call) != database):
                continue
            yield (call.span,
                   f"'{service.id}' reaches into {what}, which belongs to "
                   f"'{owner.id}'; call '{owner.id}' instead",
                   {"relation": call.index, "owner": owner.qname})


def message_flow(relation: Relation) -> frozenset[str]:
    """Which way messages go along a call into a broker: {"publish"}, {"consume"} or
    both. The relation's kind says it first (``-[publishes]->``, ``-[subscribes]->``),
    then its properties (``publishes "OrderPlaced"``, ``subscribes "PaymentDone"``), and
    only a relation that says neither is read from its label's words."""
    kind = relation.kind
    if kind in READING_KINDS:
        return _CONSUME
    if kind in WRITING_KINDS:
        return _PUBLISH
    keys = {p.key for p in relation.properties}
    flow = set()
    if keys & WRITING_KINDS:
        flow.add("publish")
    if keys & READING_KINDS:
        flow.add("consume")
    if flow:
        return frozenset(flow)
    label = relation.label or ""
    if CONSUMER_LABEL.search(label):
        return _BOTH if PUBLISHER_LABEL.search(label) else _CONSUME
    return _PUBLISH


def _broker_ends(index: ModelIndex, broker: Element) -> tuple[bool, bool] | None:
    """(published to, consumed from) for a connected broker; None when unconnected (an
    orphan, told once by that rule)."""
    into, out = index.calls_to(broker.qname), index.calls_from(broker.qname)
    if not into and not out:
        return None
    flows = [message_flow(r) for r in into]
    return (any("publish" in f for f in flows),
            bool(out) or any("consume" in f for f in flows))


@rule("A205", "unpublished-broker", Severity.WARNING,
      "a message broker that nobody publishes to", FAMILY)
def unpublished_broker(index: ModelIndex) -> Iterator[Finding]:
    for broker in index.by_kind.get("broker", ()):
        ends = _broker_ends(index, broker)
        if ends is not None and not ends[0]:
            yield (broker.id_span, f"nobody publishes to the broker '{broker.id}'",
                   {"qname": broker.qname})


@rule("A206", "unconsumed-broker", Severity.WARNING,
      "a message broker that nobody consumes from", FAMILY)
def unconsumed_broker(index: ModelIndex) -> Iterator[Finding]:
    for broker in index.by_kind.get("broker", ()):
        ends = _broker_ends(index, broker)
        if ends is not None and not ends[1]:
            yield (broker.id_span,
                   f"nobody consumes from the broker '{broker.id}' (add {broker.id} -> "
                   f"<consumer>, or <consumer> -[subscribes]-> {broker.id})",
                   {"qname": broker.qname})


@rule("A207", "dead-end-gateway", Severity.WARNING, "a gateway that routes to nothing", FAMILY)
def dead_end_gateway(index: ModelIndex) -> Iterator[Finding]:
    for gateway in index.by_kind.get("gateway", ()):
        if not index.calls_from(gateway.qname):
            yield (gateway.id_span, f"the gateway '{gateway.id}' routes to nothing",
                   {"qname": gateway.qname})
