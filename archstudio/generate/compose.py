"""docker-compose: seed 004's exercise shape. A service per container or gateway (built
from ``./NAME`` unless it names an ``image``), a database container per datastore and a
broker container per broker (image from the technology), ``X_SERVICE_URL`` variables and
``depends_on`` from the relations, ports from properties. Published ports: ``host-port``
when given, else the element's own port when a person or external system calls it.
"""

from __future__ import annotations

from archstudio.generate.base import Generator, Output
from archstudio.generate.environment import (
    credentials,
    dependency_environment,
    store_environment,
)
from archstudio.generate.output import header, yaml_document
from archstudio.generate.topology import DEFAULT_NAMESPACE, Node, Topology, read_topology
from archstudio.model import Model

FILE_NAME = "docker-compose.yml"


def _published(topology: Topology, node: Node) -> list[str]:
    host = node.element.get("host-port")
    if host:
        return [f"{host}:{node.port}"]
    if topology.reached_from_outside(node):
        return [f"{node.port}:{node.port}"]
    return []


def compose_service(topology: Topology, node: Node) -> tuple[dict, dict]:
    """The service entry and the named volumes it needs."""
    entry: dict = {}
    volumes: dict = {}
    if node.image:
        entry["image"] = node.image
    elif node.role == "workload":
        entry["build"] = f"./{node.name}"
    else:
        entry["image"] = f"{node.name}:latest"
    ports = _published(topology, node)
    if ports:
        entry["ports"] = ports
    if node.role == "workload":
        environment = dependency_environment(topology, node, with_password=True)
        depends = [d.name for d in topology.dependencies(node)]
        if depends:
            entry["depends_on"] = depends
    else:
        environment = store_environment(node, password=credentials(node)[1])
        if node.technology and node.technology.data_path:
            volume = f"{node.name}-data"
            entry["volumes"] = [f"{volume}:{node.technology.data_path}"]
            volumes[volume] = {}
    if environment:
        entry["environment"] = environment
    if node.element.get("replicas") and not ports:  # replicas cannot share a host port
        entry["deploy"] = {"replicas": node.replicas}
    return entry, volumes


def compose_file(topology: Topology) -> dict:
    services: dict = {}
    volumes: dict = {}
    for node in topology.by_name():
        services[node.name], needed = compose_service(topology, node)
        volumes.update(needed)
    document: dict = {"services": services}
    if topology.namespace != DEFAULT_NAMESPACE:  # the project name, when one is set
        document["name"] = topology.namespace
    if volumes:
        document["volumes"] = volumes
    return document


def generate(model: Model) -> Output:
    topology = read_topology(model)
    output = Output()
    output.add(FILE_NAME, yaml_document(compose_file(topology), header("compose",
                                                                        topology.name)))
    output.warnings += topology.guesses()
    return output


GENERATOR = Generator(
    name="compose",
    title="docker-compose",
    description="docker-compose.yml: a container per service, a database per datastore, "
                "X_SERVICE_URL variables and depends_on from the relations",
    generate=generate,
)
