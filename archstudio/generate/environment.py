"""The environment a service gets for its dependencies, shared by Kubernetes and compose:
``USER_SERVICE_URL=http://user-service:8080`` per service called (seed 004's variables),
``USERS_DB_URL`` per datastore or broker, and ``DB_URL`` when it uses exactly one
datastore (the seed's own name for it)."""

from __future__ import annotations

from archstudio.generate.topology import Node, Topology

DEFAULT_USER = "app"


def credentials(node: Node) -> tuple[str, str]:
    """User and password a datastore is set up with (``user``/``password`` properties)."""
    return node.element.get("user") or DEFAULT_USER, node.element.get("password") or "app"


def dependency_url(node: Node, with_password: bool) -> str:
    """How a service reaches a dependency; a datastore's URL carries its user (and, for
    compose, its password) and database."""
    technology = node.technology
    if node.role != "backing" or technology is None:
        return node.url()
    auth = ""
    if technology.user_env:
        user, password = credentials(node)
        auth = f"{user}:{password}@" if with_password else f"{user}@"
    path = f"/{node.database}" if technology.database_env else ""
    return f"{technology.scheme}://{auth}{node.name}:{node.port}{path}"


def dependency_environment(topology: Topology, node: Node, with_password: bool) -> dict[str, str]:
    env: dict[str, str] = {}
    datastores = []
    for dependency in topology.dependencies(node):
        env[f"{dependency.env}_URL"] = dependency_url(dependency, with_password)
        if dependency.element.kind == "datastore":
            datastores.append(dependency)
    if len(datastores) == 1:
        env["DB_URL"] = dependency_url(datastores[0], with_password)
    return dict(sorted(env.items()))


def store_environment(node: Node, password: str | None) -> dict[str, str]:
    """What a datastore or broker image reads to set itself up; ``password`` None leaves
    the password out (Kubernetes takes it from a Secret)."""
    technology = node.technology
    if technology is None:
        return {}
    env = dict(technology.extra_env)
    user, default_password = credentials(node)
    if technology.database_env:
        env[technology.database_env] = node.database
    if technology.user_env:
        env[technology.user_env] = user
    if technology.password_env and password is not None:
        env[technology.password_env] = password
    return dict(sorted(env.items()))
