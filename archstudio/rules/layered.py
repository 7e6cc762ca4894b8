"""Rules of the layered model (seed 001): goal ← capability ← service → operation → schema
← datastore, each link a typed relation, so a model can be traced from why to where."""

from __future__ import annotations

from collections.abc import Iterator

from archstudio.model import Severity
from archstudio.model.kinds import MESSAGE_KINDS, allowed_relation_kinds
from archstudio.rules.index import ModelIndex
from archstudio.rules.registry import Finding, rule

# Kinds that only make sense in the layered model; an untyped arrow touching one of them
# says nothing about how the layers relate.
LAYERED_KINDS = frozenset({"goal", "capability", "policy", "operation", "schema"})
RUNTIME_ONLY = frozenset({"sync"}) | MESSAGE_KINDS
FAMILY = "layered model"


def layer_kinds(source_kind: str, target_kind: str) -> list[str]:
    """Typed relation kinds that may join two element kinds, runtime calls left out
    (``uses`` only towards a schema: a capability does not "use" a service)."""
    return [
        k for k in allowed_relation_kinds(source_kind, target_kind)
        if k not in RUNTIME_ONLY and (k != "uses" or target_kind == "schema")
    ]


@rule("A101", "untyped-layer-relation", Severity.WARNING,
      "a relation to or from a goal, capability, policy, operation or schema says no kind",
      FAMILY)
def untyped_layer_relation(index: ModelIndex) -> Iterator[Finding]:
    for relation in index.model.relations:
        if relation.kind is not None or relation.source is None or relation.target is None:
            continue
        source, target = index.element(relation.source), index.element(relation.target)
        if source.kind not in LAYERED_KINDS and target.kind not in LAYERED_KINDS:
            continue
        if source.qname == target.qname:
            continue
        kinds = layer_kinds(source.kind, target.kind)
        reverse = [] if kinds else layer_kinds(target.kind, source.kind)
        if kinds:
            hint = f"; write it as -[{kinds[0]}]->" + (
                f" (or {', '.join(kinds[1:])})" if len(kinds) > 1 else "")
        elif reverse:
            hint = f"; the other way round it would be -[{reverse[0]}]->"
        else:
            hint = f"; no relation kind joins a {source.kind} to a {target.kind}"
        yield (relation.arrow_span,
               f"the relation from {source.kind} '{source.id}' to {target.kind} "
               f"'{target.id}' has no kind{hint}",
               {"relation": relation.index, "kinds": kinds, "reverse_kinds": reverse})


@rule("A102", "unexposed-operation", Severity.WARNING,
      "an API operation that no service exposes", FAMILY)
def unexposed_operation(index: ModelIndex) -> Iterator[Finding]:
    for operation in index.by_kind.get("operation", ()):
        if not index.typed_in(operation.qname, "exposes"):
            yield (operation.id_span,
                   f"no service exposes the operation '{operation.id}' "
                   f"(add: <service> -[exposes]-> {operation.id})",
                   {"qname": operation.qname})


@rule("A103", "unstored-schema", Severity.WARNING,
      "a data schema that no datastore stores", FAMILY)
def unstored_schema(index: ModelIndex) -> Iterator[Finding]:
    for schema in index.by_kind.get("schema", ()):
        if not index.typed_in(schema.qname, "stores"):
            yield (schema.id_span,
                   f"no datastore stores the schema '{schema.id}' "
                   f"(add: <datastore> -[stores]-> {schema.id})",
                   {"qname": schema.qname})


@rule("A104", "unsatisfied-goal", Severity.WARNING,
      "a goal that no capability satisfies", FAMILY)
def unsatisfied_goal(index: ModelIndex) -> Iterator[Finding]:
    for goal in index.by_kind.get("goal", ()):
        if not index.typed_in(goal.qname, "satisfied-by"):
            yield (goal.id_span,
                   f"nothing satisfies the goal '{goal.id}' "
                   f"(add: <capability> -[satisfied-by]-> {goal.id})",
                   {"qname": goal.qname})


@rule("A105", "traceability-gap", Severity.ADVICE,
      "a link missing in the chain goal ← capability ← service → operation → schema",
      FAMILY)
def traceability_gap(index: ModelIndex) -> Iterator[Finding]:
    """A link is only asked for when the model has the layer it would lead to: a plain
    container diagram has no capabilities and should not be told about them."""
    has = index.by_kind.get
    for capability in has("capability", ()):
        missing = []
        if has("goal") and not index.typed_out(capability.qname, "satisfied-by"):
            missing.append("satisfies no goal")
        if not index.typed_in(capability.qname, "realizes"):
            missing.append("no service realizes it")
        if missing:
            yield (capability.id_span,
                   f"the capability '{capability.id}' {' and '.join(missing)}",
                   {"qname": capability.qname})
    if has("capability"):
        for service in has("container", ()):
            if not index.typed_out(service.qname, "realizes"):
                yield (service.id_span, f"the service '{service.id}' realizes no capability",
                       {"qname": service.qname})
    if has("schema"):
        for operation in has("operation", ()):
            if not index.typed_out(operation.qname, "uses"):
                yield (operation.id_span, f"the operation '{operation.id}' uses no schema",
                       {"qname": operation.qname})
