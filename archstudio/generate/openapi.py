"""OpenAPI 3.1: one document per service, from the operations it exposes (method, path,
description) and the schemas those operations use, as in seed 001's tutorial, whose last
step is "export OpenAPI specs for each service".

A schema element may list its fields (``fields "id: string", "total: number"``) and the
required ones (``required id``); without fields it is an object with its description.
"""

from __future__ import annotations

import re

from archstudio.generate.base import GenerateError, Generator, Output
from archstudio.generate.output import header, yaml_document
from archstudio.generate.topology import read_topology
from archstudio.model import Element, Model

OPENAPI_VERSION = "3.1.0"
_PARAMETER = re.compile(r"\{([^{}/]+)\}")
_TYPES = {"string", "integer", "number", "boolean", "object"}
_WITH_BODY = frozenset({"POST", "PUT", "PATCH"})
_SUCCESS = {"POST": "201", "DELETE": "204"}


def _schema_name(element: Element) -> str:
    """A components key: letters, digits, ``.``, ``-`` and ``_`` only."""
    return re.sub(r"[^A-Za-z0-9._-]", "_", element.id)


def _field_schema(element: Element, text: str) -> tuple[str, dict]:
    name, _, kind = (part.strip() for part in text.partition(":"))
    kind = kind or "string"
    array = kind.endswith("[]")
    base = kind[:-2] if array else kind
    if not name or base not in _TYPES:
        raise GenerateError(f"line {element.span.line}: the field '{text}' of '{element.id}' "
                            "is not 'name: type' with a type among "
                            f"{', '.join(sorted(_TYPES))} (add [] for a list)")
    schema: dict = {"type": base}
    return name, {"type": "array", "items": schema} if array else schema


def component_schema(element: Element) -> dict:
    schema: dict = {"type": "object", "title": element.display_name}
    if element.description:
        schema["description"] = element.description
    fields = element.prop("fields")
    if fields:
        schema["properties"] = dict(_field_schema(element, f) for f in fields.values)
    required = element.prop("required")
    if required:
        schema["required"] = sorted(required.values)
    return schema


def _operation_id(element: Element) -> str:
    head, *rest = re.split(r"[-_\s]+", element.id)
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def _json(schema_ref: str | None) -> dict:
    schema = {"$ref": f"#/components/schemas/{schema_ref}"} if schema_ref else {"type": "object"}
    return {"application/json": {"schema": schema}}


def operation_object(operation: Element, method: str, path: str,
                     schema: str | None) -> dict:
    item: dict = {"operationId": _operation_id(operation), "summary": operation.display_name}
    if operation.description:
        item["description"] = operation.description
    parameters = [{"name": name, "in": "path", "required": True, "schema": {"type": "string"}}
                  for name in _PARAMETER.findall(path)]
    if parameters:
        item["parameters"] = parameters
    if method in _WITH_BODY and schema:
        item["requestBody"] = {"required": True, "content": _json(schema)}
    status = _SUCCESS.get(method, "200")
    response: dict = {"description": "Success"}
    if status != "204":
        response["content"] = _json(schema)
    item["responses"] = {status: response}
    if operation.get("authentication") == "required":
        item["security"] = [{"bearerAuth": []}]
    return item


def service_document(model: Model, service: Element, host: str, port: int) -> dict | None:
    """The document of one service, or None when it exposes no operation."""
    exposed = sorted((r.target for r in model.relations
                      if r.kind == "exposes" and r.source == service.qname and r.target),
                     key=lambda q: q)
    paths: dict = {}
    schemas: dict = {}
    secured = False
    for qname in exposed:
        operation = model.elements[qname]
        method, path = (operation.get("method") or "").upper(), operation.get("path")
        if not method or not path:
            raise GenerateError(f"line {operation.span.line}: the operation '{operation.id}' "
                                "needs both a method and a path")
        used = sorted(r.target for r in model.relations
                      if r.kind == "uses" and r.source == qname and r.target
                      and model.elements[r.target].kind == "schema")
        schema_name = None
        for schema_qname in used:
            element = model.elements[schema_qname]
            schemas[_schema_name(element)] = component_schema(element)
            schema_name = schema_name or _schema_name(element)
        methods = paths.setdefault(path, {})
        if method.lower() in methods:
            raise GenerateError(f"line {operation.span.line}: {method} {path} is exposed twice "
                                f"by '{service.id}'")
        methods[method.lower()] = operation_object(operation, method, path, schema_name)
        secured = secured or "security" in methods[method.lower()]
    if not paths:
        return None
    info: dict = {"title": service.display_name, "version": service.get("version") or "1.0.0"}
    if service.description:
        info["description"] = service.description
    document: dict = {"openapi": OPENAPI_VERSION, "info": info,
                      "servers": [{"url": f"http://{host}:{port}"}],
                      "paths": {p: paths[p] for p in sorted(paths)}}
    components: dict = {}
    if schemas:
        components["schemas"] = dict(sorted(schemas.items()))
    if secured:
        components["securitySchemes"] = {"bearerAuth": {"type": "http", "scheme": "bearer"}}
    if components:
        document["components"] = components
    return document


def generate(model: Model) -> Output:
    topology = read_topology(model)
    output = Output()
    comment = header("openapi", topology.name)
    for node in topology.workloads():
        document = service_document(model, node.element, node.name, node.port)
        if document is not None:
            output.add(f"{node.name}.openapi.yaml", yaml_document(document, comment))
    if not output.files:
        raise GenerateError("no service exposes an operation: draw "
                            "'SERVICE -[exposes]-> OPERATION' with a method and a path")
    return output


GENERATOR = Generator(
    name="openapi",
    title="OpenAPI",
    description="OpenAPI 3.1: one document per service from the operations it exposes "
                "and the schemas they use",
    generate=generate,
)
