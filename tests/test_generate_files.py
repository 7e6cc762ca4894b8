"""Kubernetes, docker-compose and OpenAPI output: valid against published schemas, in
the shapes the seeds describe, and the same bytes every time."""

from __future__ import annotations

import pytest
import yaml
from conftest import EXAMPLES
from generate_support import check_kubernetes, compose_validator, documents, generated
from openapi_spec_validator import validate as validate_openapi

from archstudio.dsl import parse
from archstudio.generate import GenerateError, find_generator, installed_generators

EXERCISE = "microservices-exercise.arch"


@pytest.mark.parametrize("example", [EXERCISE, "service-mesh.arch",
                                     "microservices-platform.arch", "microservices-dot.arch"])
def test_kubernetes_objects_validate_against_the_published_schema(example):
    docs = documents(generated("kubernetes", example))
    assert docs
    for document in docs:
        check_kubernetes(document)


def test_kubernetes_has_a_deployment_per_service_and_a_stateful_set_per_database():
    docs = documents(generated("kubernetes", EXERCISE))
    by = {(d["kind"], d["metadata"]["name"]): d for d in docs}
    for name in ("api-gateway", "user-service", "product-service", "order-service", "consul"):
        assert {("Deployment", name), ("Service", name), ("ServiceAccount", name)} <= set(by)
    for name in ("user-db", "product-db", "order-db"):
        assert {("StatefulSet", name), ("Service", name)} <= set(by)
    order = by[("Deployment", "order-service")]["spec"]
    assert order["replicas"] == 2
    pod = order["template"]["spec"]
    assert pod["serviceAccountName"] == "order-service"
    env = {e["name"]: e for e in pod["containers"][0]["env"]}
    assert env["USER_SERVICE_URL"]["value"] == "http://user-service:8080"
    assert env["DB_URL"]["value"] == "postgres://app@order-db:5432/orders"
    assert env["ORDER_DB_PASSWORD"]["valueFrom"]["secretKeyRef"]["name"] == \
        "order-db-credentials"
    database = by[("StatefulSet", "user-db")]["spec"]
    container = database["template"]["spec"]["containers"][0]
    assert container["image"] == "postgres:16"
    assert container["ports"] == [{"containerPort": 5432, "name": "main"}]
    assert database["volumeClaimTemplates"][0]["metadata"]["name"] == "data"
    assert not any("value" in e and "PASSWORD" in e["name"] for e in container["env"])


def compose_of(example: str) -> dict:
    return yaml.safe_load(generated("compose", example)["docker-compose.yml"])


@pytest.mark.parametrize("example", [EXERCISE, "service-mesh.arch",
                                     "microservices-platform.arch", "microservices-dot.arch"])
def test_compose_files_validate_against_the_compose_spec(example):
    compose_validator().validate(compose_of(example))


def test_compose_has_seed_004s_shape():
    services = compose_of(EXERCISE)["services"]
    assert set(services) == {"api-gateway", "user-service", "product-service",
                             "order-service", "user-db", "product-db", "order-db", "consul"}
    order = services["order-service"]
    assert order["build"] == "./order-service"
    assert order["ports"] == ["8083:8080"]
    assert order["environment"]["USER_SERVICE_URL"] == "http://user-service:8080"
    assert order["environment"]["PRODUCT_SERVICE_URL"] == "http://product-service:8080"
    assert order["environment"]["DB_URL"] == "postgres://app:app@order-db:5432/orders"
    assert "order-db" in order["depends_on"]
    assert "deploy" not in order  # two replicas cannot share the published host port
    gateway = services["api-gateway"]
    assert gateway["ports"] == ["8000:8000"]
    assert {"USER_SERVICE_URL", "PRODUCT_SERVICE_URL", "ORDER_SERVICE_URL"} <= set(
        gateway["environment"])
    assert services["user-db"]["image"] == "postgres:16"
    assert services["user-db"]["environment"]["POSTGRES_DB"] == "users"
    assert services["consul"]["image"].startswith("hashicorp/consul")
    assert services["consul"]["ports"] == ["8500:8500"]


def test_a_compose_file_that_breaks_the_spec_is_caught():
    document = compose_of(EXERCISE)
    document["services"]["consul"]["ports"] = [{"published": "not a port", "bogus": 1}]
    with pytest.raises(Exception, match="bogus|not valid"):
        compose_validator().validate(document)


def test_seed_001_gives_one_openapi_document_per_service():
    files = generated("openapi", "ecommerce-platform.arch")
    assert sorted(files) == ["catalog-service.openapi.yaml", "order-service.openapi.yaml",
                             "payment-service.openapi.yaml", "user-service.openapi.yaml"]
    for text in files.values():
        validate_openapi(yaml.safe_load(text))
    user = yaml.safe_load(files["user-service.openapi.yaml"])
    assert user["openapi"] == "3.1.0" and user["info"]["title"] == "User Service"
    assert sorted(user["paths"]) == ["/api/v1/auth/login", "/api/v1/auth/signup",
                                     "/api/v1/users/me"]
    assert set(user["paths"]["/api/v1/users/me"]) == {"get", "put"}
    signup = user["paths"]["/api/v1/auth/signup"]["post"]
    assert signup["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/user-account"}
    assert "201" in signup["responses"]
    order = yaml.safe_load(files["order-service.openapi.yaml"])
    cancel = order["paths"]["/api/v1/orders/{id}"]["delete"]
    assert cancel["parameters"][0] == {"name": "id", "in": "path", "required": True,
                                       "schema": {"type": "string"}}
    assert list(cancel["responses"]) == ["204"]


def test_openapi_for_seed_003_and_schema_fields():
    files = generated("openapi", "service-mesh.arch")
    assert len(files) == 4
    for text in files.values():
        validate_openapi(yaml.safe_load(text))
    inventory = yaml.safe_load(files["inventory-service.openapi.yaml"])
    update = inventory["paths"]["/inventory/{product_id}/update"]["post"]
    assert update["security"] == [{"bearerAuth": []}]
    text = ('architecture "A" {\n  service s "S"\n  operation make "Make" {\n    method POST\n'
            '    path "/things"\n  }\n  schema thing "Thing" {\n'
            '    fields "id: string", "count: integer", "tags: string[]"\n    required id\n'
            '  }\n  s -[exposes]-> make\n  make -[uses]-> thing\n}\n')
    document = yaml.safe_load(find_generator("openapi").generate(parse(text)).files[
        "s.openapi.yaml"])
    validate_openapi(document)
    thing = document["components"]["schemas"]["thing"]
    assert thing["properties"] == {"id": {"type": "string"}, "count": {"type": "integer"},
                                   "tags": {"type": "array", "items": {"type": "string"}}}
    assert thing["required"] == ["id"]


def test_openapi_refuses_an_operation_without_a_path():
    text = ('architecture "A" {\n  service s "S"\n  operation make "Make" {\n    method POST\n'
            '  }\n  s -[exposes]-> make\n}\n')
    with pytest.raises(GenerateError, match="line 3: the operation 'make' needs both"):
        find_generator("openapi").generate(parse(text))


@pytest.mark.parametrize("target", sorted(installed_generators()))
def test_output_is_the_same_bytes_every_time_and_independent_of_statement_order(target):
    example = "ecommerce-platform.arch" if target == "openapi" else EXERCISE
    first = generated(target, example)
    assert first == generated(target, example)
    lines = (EXAMPLES / example).read_text(encoding="utf-8").splitlines()
    relations = [line for line in lines if "->" in line and "{" not in line]
    others = [line for line in lines if line not in relations]
    closing = len(others) - 1 - others[::-1].index("}")
    reordered = others[:closing] + relations[::-1] + others[closing:]
    model = parse("\n".join(reordered) + "\n")
    assert not model.has_errors
    assert find_generator(target).generate(model).files == first


def test_the_file_has_errors_is_a_clear_message():
    with pytest.raises(GenerateError, match="the file has errors; first: line 2"):
        find_generator("compose").generate(parse('architecture "A" {\n  a -> nowhere\n}\n'))


def test_the_c_and_python_yaml_emitters_give_the_same_bytes(monkeypatch):
    """Output is the same whether or not PyYAML was built with libyaml."""
    import archstudio.generate.output as output

    fast = {target: generated(target, example) for target, example in
            (("istio", EXERCISE), ("linkerd", EXERCISE), ("kubernetes", EXERCISE),
             ("compose", EXERCISE), ("openapi", "ecommerce-platform.arch"))}
    monkeypatch.setitem(output._OPTIONS, "Dumper", yaml.SafeDumper)
    for target, files in fast.items():
        example = "ecommerce-platform.arch" if target == "openapi" else EXERCISE
        assert generated(target, example) == files, target


def test_a_model_with_nothing_to_deploy_says_so():
    model = parse('architecture "A" {\n  person p "P"\n  goal g "G"\n}\n')
    for target in ("compose", "istio", "kubernetes", "linkerd"):
        with pytest.raises(GenerateError, match="nothing to generate"):
            find_generator(target).generate(model)


def test_every_property_a_generator_reads_is_documented():
    import re

    from conftest import ROOT

    source = "\n".join(p.read_text(encoding="utf-8")
                       for p in sorted((ROOT / "archstudio" / "generate").glob("*.py")))
    keys = set(re.findall(r'\.(?:get|prop)\("([a-z-]+)"', source))
    keys |= set(re.findall(r'(?:duration|pool_limit|_int_property)\([a-z]+, "([a-z-]+)"', source))
    assert {"port", "image", "replicas", "timeout", "retries", "circuit-breaker", "method",
            "path", "host-port", "fields"} <= keys
    doc = (ROOT / "docs" / "generators.md").read_text(encoding="utf-8")
    missing = sorted(k for k in keys if f"`{k}`" not in doc)
    assert missing == []
