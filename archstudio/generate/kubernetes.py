"""Kubernetes: per service a Deployment, a Service and a ServiceAccount; per datastore or
broker a StatefulSet (with a volume claim where its image keeps data), a headless-free
Service and a ServiceAccount. Each service's container gets an environment variable per
dependency. Passwords never appear in the manifests: they come from a Secret named
``NAME-credentials`` (key ``password``) that the cluster's operator creates.
"""

from __future__ import annotations

from archstudio.generate.base import Generator, Output
from archstudio.generate.environment import dependency_environment, store_environment
from archstudio.generate.output import header, yaml_documents
from archstudio.generate.topology import Node, Topology, read_topology
from archstudio.model import Model

MANAGED = {"app.kubernetes.io/managed-by": "archstudio"}
DEFAULT_STORAGE = "1Gi"


def _labels(node: Node) -> dict:
    return {"app": node.name, "app.kubernetes.io/name": node.name, **MANAGED}


def _metadata(topology: Topology, node: Node, name: str | None = None) -> dict:
    return {"name": name or node.name, "namespace": topology.namespace,
            "labels": _labels(node)}


def image(node: Node) -> str:
    return node.image or f"{node.name}:latest"


def secret_name(node: Node) -> str:
    return f"{node.name}-credentials"


def _env_list(values: dict[str, str]) -> list[dict]:
    return [{"name": k, "value": v} for k, v in sorted(values.items())]


def _secret_env(name: str, secret: str) -> dict:
    return {"name": name, "valueFrom": {"secretKeyRef": {"name": secret, "key": "password"}}}


def container(topology: Topology, node: Node) -> dict:
    spec: dict = {"name": node.name, "image": image(node),
                  "ports": [{"containerPort": node.port, "name": "main"}]}
    if node.role == "workload":
        env = _env_list(dependency_environment(topology, node, with_password=False))
        for dependency in topology.dependencies(node):
            if dependency.technology and dependency.technology.password_env:
                env.append(_secret_env(f"{dependency.env}_PASSWORD", secret_name(dependency)))
    else:
        env = _env_list(store_environment(node, password=None))
        if node.technology and node.technology.password_env:
            env.append(_secret_env(node.technology.password_env, secret_name(node)))
    if env:
        spec["env"] = sorted(env, key=lambda e: e["name"])
    if node.role == "backing" and node.technology and node.technology.data_path:
        spec["volumeMounts"] = [{"name": "data", "mountPath": node.technology.data_path}]
    return spec


def _pod_template(topology: Topology, node: Node) -> dict:
    return {"metadata": {"labels": _labels(node)},
            "spec": {"serviceAccountName": node.service_account,
                     "containers": [container(topology, node)]}}


def deployment(topology: Topology, node: Node) -> dict:
    return {"apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": _metadata(topology, node),
            "spec": {"replicas": node.replicas,
                     "selector": {"matchLabels": {"app": node.name}},
                     "template": _pod_template(topology, node)}}


def stateful_set(topology: Topology, node: Node) -> dict:
    spec: dict = {"replicas": node.replicas, "serviceName": node.name,
                  "selector": {"matchLabels": {"app": node.name}},
                  "template": _pod_template(topology, node)}
    if node.technology and node.technology.data_path:
        storage = node.element.get("storage") or DEFAULT_STORAGE
        spec["volumeClaimTemplates"] = [{
            "metadata": {"name": "data"},
            "spec": {"accessModes": ["ReadWriteOnce"],
                     "resources": {"requests": {"storage": storage}}}}]
    return {"apiVersion": "apps/v1", "kind": "StatefulSet",
            "metadata": _metadata(topology, node), "spec": spec}


def service(topology: Topology, node: Node) -> dict:
    port_name = "http" if node.role == "workload" else "tcp"
    return {"apiVersion": "v1", "kind": "Service", "metadata": _metadata(topology, node),
            "spec": {"selector": {"app": node.name},
                     "ports": [{"name": port_name, "port": node.port,
                                "targetPort": node.port, "protocol": "TCP"}]}}


def service_account(topology: Topology, node: Node) -> dict:
    return {"apiVersion": "v1", "kind": "ServiceAccount",
            "metadata": _metadata(topology, node, node.service_account)}


def generate(model: Model) -> Output:
    topology = read_topology(model)
    output = Output()
    comment = header("kubernetes", topology.name)
    for node in topology.by_name():
        workload = deployment if node.role == "workload" else stateful_set
        documents = [service_account(topology, node), service(topology, node),
                     workload(topology, node)]
        output.add(f"{node.name}.yaml", yaml_documents(documents, comment))
    output.warnings += topology.guesses()
    return output


GENERATOR = Generator(
    name="kubernetes",
    title="Kubernetes",
    description="Kubernetes: Deployment, Service and ServiceAccount per service; "
                "StatefulSets for datastores and brokers; dependency environment variables",
    generate=generate,
)
