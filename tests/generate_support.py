"""Helpers for the generator tests: run a generator on an example, check documents
against the published schemas, and read generated authorization policies the way Istio
and Linkerd evaluate them, so a test can ask "is this caller let in?"."""

from __future__ import annotations

import functools
import os
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import EXAMPLES, ROOT

from archstudio.dsl import parse
from archstudio.generate import find_generator

# ../shared/corpus beside the checkout (as CI lays it out); ARCHSTUDIO_SHARED points
# elsewhere for a checkout that lives apart from shared/.
CORPUS = Path(os.environ.get("ARCHSTUDIO_SHARED") or ROOT.parent / "shared") / "corpus"
ISTIO_CRDS = CORPUS / "istio" / "schemas" / "customresourcedefinitions.gen.yaml"
COMPOSE_SCHEMA = CORPUS / "compose" / "compose-spec.json"
LINKERD_CRDS = ROOT / "tests" / "data" / "linkerd-crds"
KUBERNETES_VERSION = "1.30.0"
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def generated(target: str, example: str) -> dict[str, str]:
    model = parse((EXAMPLES / example).read_text(encoding="utf-8"))
    return find_generator(target).generate(model).files


def documents(files: dict[str, str]) -> list[dict]:
    return [doc for name in sorted(files) for doc in yaml.safe_load_all(files[name]) if doc]


def need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"the shared corpus is absent here ({path} not found)")
    return path


# -- schemas -----------------------------------------------------------------------------
def _crd_schemas(texts: list[str]) -> dict[tuple[str, str], dict]:
    """openAPIV3Schema by (apiVersion, kind) from CustomResourceDefinitions."""
    out = {}
    for text in texts:
        for crd in yaml.load_all(text, Loader=_LOADER):
            if not crd or crd.get("kind") != "CustomResourceDefinition":
                continue
            group, kind = crd["spec"]["group"], crd["spec"]["names"]["kind"]
            for version in crd["spec"]["versions"]:
                out[(f"{group}/{version['name']}", kind)] = version["schema"]["openAPIV3Schema"]
    return out


@functools.cache
def istio_schemas() -> dict[tuple[str, str], dict]:
    """From Istio's published CRDs in the shared corpus."""
    return _crd_schemas([need(ISTIO_CRDS).read_text(encoding="utf-8")])


@functools.cache
def linkerd_schemas() -> dict[tuple[str, str], dict]:
    """From Linkerd's CRD chart templates (tests/data/linkerd-crds/README.md); their
    template lines are chart labels and annotations, dropped here."""
    texts = ["\n".join(line for line in path.read_text(encoding="utf-8").splitlines()
                       if "{{" not in line)
             for path in sorted(LINKERD_CRDS.glob("*.yaml"))]
    return _crd_schemas(texts)


def unknown_fields(value, schema: dict, where: str = "") -> list[str]:
    """Keys a structural schema does not declare (the API server would drop them, so a
    misspelt field would silently do nothing)."""
    found: list[str] = []
    if isinstance(value, dict) and "properties" in schema:
        if schema.get("x-kubernetes-preserve-unknown-fields") or schema.get(
                "additionalProperties"):
            return found
        for key, item in value.items():
            if key not in schema["properties"]:
                if not (where == "" and key in ("apiVersion", "kind", "metadata")):
                    found.append(f"{where}.{key}")
                continue
            found += unknown_fields(item, schema["properties"][key], f"{where}.{key}")
    elif isinstance(value, list) and "items" in schema:
        for number, item in enumerate(value):
            found += unknown_fields(item, schema["items"], f"{where}[{number}]")
    return found


def check_crd(document: dict, schemas: dict[tuple[str, str], dict]) -> None:
    schema = schemas[(document["apiVersion"], document["kind"])]
    jsonschema.Draft7Validator(schema).validate(document)
    assert unknown_fields(document, schema) == [], document["metadata"]["name"]


def check_istio(document: dict) -> None:
    check_crd(document, istio_schemas())


def check_linkerd(document: dict) -> None:
    check_crd(document, linkerd_schemas())


def check_kubernetes(document: dict) -> None:
    import kubernetes_validate

    kubernetes_validate.validate(document, KUBERNETES_VERSION, strict=True)


@functools.cache
def compose_validator() -> jsonschema.Validator:
    import json

    schema = json.loads(need(COMPOSE_SCHEMA).read_text(encoding="utf-8"))
    # it says draft-07 without the '#' jsonschema looks up; draft 7 is what it is written in
    return jsonschema.Draft7Validator(schema)


# -- Istio authorization ------------------------------------------------------------------
def _path_matches(pattern: str, path: str) -> bool:
    if pattern == "*":
        return True
    if pattern.endswith("*"):
        return path.startswith(pattern[:-1])
    if pattern.startswith("*"):
        return path.endswith(pattern[1:])
    return path == pattern


def istio_allows(docs: list[dict], workload: str, principal: str, method: str,
                 path: str) -> bool:
    """Istio's ALLOW semantics: with ALLOW policies on a workload, a request passes only if
    some rule matches it; a policy without rules matches nothing."""
    policies = [d for d in docs if d["kind"] == "AuthorizationPolicy"
                and d["spec"]["selector"]["matchLabels"]["app"] == workload]
    assert policies, f"no AuthorizationPolicy selects {workload}"
    for policy in policies:
        assert policy["spec"]["action"] == "ALLOW"
        for rule in policy["spec"].get("rules", []):
            sources = [f["source"] for f in rule.get("from", [])]
            if sources and not any(principal in s.get("principals", []) for s in sources):
                continue
            operations = [t["operation"] for t in rule.get("to", [])]
            if operations and not any(
                    (not op.get("methods") or method in op["methods"])
                    and (not op.get("paths") or any(_path_matches(p, path)
                                                    for p in op["paths"]))
                    for op in operations):
                continue
            return True
    return False


# -- Linkerd authorization ----------------------------------------------------------------
def _prefix_matches(prefix: str, path: str) -> bool:
    """Gateway API PathPrefix: element-wise, so /products matches /products/1, not
    /productsX."""
    if prefix in ("", "/"):
        return True
    prefix = prefix.rstrip("/")
    return path == prefix or path.startswith(prefix + "/")


def linkerd_allows(docs: list[dict], workload: str, caller: str | None, method: str,
                   path: str) -> bool:
    """``caller`` is a service account name, or None for a client outside the mesh."""
    servers = [d for d in docs if d["kind"] == "Server"
               and d["spec"]["podSelector"]["matchLabels"]["app"] == workload]
    assert len(servers) == 1, workload
    server = servers[0]["metadata"]["name"]
    routes = [d for d in docs if d["kind"] == "HTTPRoute"
              and any(p["name"] == server for p in d["spec"]["parentRefs"])]
    if routes:
        best, best_length = None, -1
        for route in routes:
            for rule in route["spec"]["rules"]:
                for match in rule["matches"]:
                    if match.get("method") not in (None, method):
                        continue
                    prefix = match["path"]["value"]
                    length = len(prefix) * 2 + (1 if match.get("method") else 0)
                    if _prefix_matches(prefix, path) and length > best_length:
                        best, best_length = route, length
        if best is None:
            return False  # no route: Linkerd answers 404
        target = ("HTTPRoute", best["metadata"]["name"])
    else:
        target = ("Server", server)
    by_name = {(d["kind"], d["metadata"]["name"]): d for d in docs}
    for policy in docs:
        if policy["kind"] != "AuthorizationPolicy":
            continue
        ref = policy["spec"]["targetRef"]
        if (ref["kind"], ref["name"]) != target:
            continue
        for auth_ref in policy["spec"]["requiredAuthenticationRefs"]:
            auth = by_name[(auth_ref["kind"], auth_ref["name"])]
            if auth["kind"] == "NetworkAuthentication" and caller is None:
                return True
            if auth["kind"] == "MeshTLSAuthentication" and caller is not None and any(
                    r["name"] == caller for r in auth["spec"]["identityRefs"]):
                return True
    return False
