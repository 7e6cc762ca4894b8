"""Quick fixes: for a diagnostic, the text edits that repair it, each a small splice.

Every fix is a :class:`QuickFix` whose edits are offsets in the text the model was parsed
from; applying them (``archstudio.dsl.apply_edits``) is one undoable step in the app.
Structural changes go through the edit engine (:mod:`archstudio.edit`), so a fix places
and indents a statement exactly as a canvas gesture would.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from archstudio.dsl import TextEdit
from archstudio.dsl.head_types import WordsHead
from archstudio.dsl.scanner import scan
from archstudio.dsl.statements import parse_head
from archstudio.edit import (
    EditError,
    create_element,
    delete_relation,
    reconnect,
    set_property,
    set_relation_kind,
)
from archstudio.model import Diagnostic, Model, Relation
from archstudio.model.kinds import relation_allowed
from archstudio.rules.index import index_of
from archstudio.rules.layered import RUNTIME_ONLY
from archstudio.rules.patterns import SERVICE_SUFFIX, service_users
from archstudio.rules.safety import makes_nothing_worse


@dataclass(frozen=True)
class QuickFix:
    title: str
    edits: list[TextEdit]


# Kinds offered by "create missing element", most common first.
CREATE_KINDS = ("container", "datastore", "person", "external", "broker", "gateway",
                "capability", "goal", "policy", "operation", "schema")
_RUNTIME_CREATE = CREATE_KINDS[:6]

Fixer = Callable[[str, Model, Diagnostic], list[QuickFix]]


def quick_fixes(text: str, model: Model, diagnostic: Diagnostic) -> list[QuickFix]:
    """Fixes for one diagnostic of ``model`` (parsed from ``text``); [] when there is none
    or when the model no longer matches the text."""
    fixer = _FIXERS.get(diagnostic.code)
    if fixer is None or model.text_length != len(text):
        return []
    try:
        fixes = fixer(text, model, diagnostic)
    except EditError:  # the engine refuses what it cannot do cleanly: offer nothing
        return []
    return [fix for fix in fixes if makes_nothing_worse(text, model, diagnostic, fix.edits)]


def _relation(model: Model, diagnostic: Diagnostic) -> Relation | None:
    index = diagnostic.data.get("relation")
    if isinstance(index, int) and 0 <= index < len(model.relations):
        return model.relations[index]
    return None


def _relation_with_ref(model: Model, diagnostic: Diagnostic) -> tuple[Relation, str] | None:
    """The relation a reference diagnostic points into, and which end: source or target."""
    for relation in model.relations:
        if relation.source_span == diagnostic.span:
            return relation, "source"
        if relation.target_span == diagnostic.span:
            return relation, "target"
    return None


# -- names -------------------------------------------------------------------------------
def _replace_with_suggestion(text: str, model: Model, diagnostic: Diagnostic) -> list[QuickFix]:
    suggestion = diagnostic.data.get("suggestion")
    if not suggestion:
        return []
    span = diagnostic.span
    return [QuickFix(f"Change to '{suggestion}'", [TextEdit(span.start, span.end, suggestion)])]


def _unknown_reference(text: str, model: Model, diagnostic: Diagnostic) -> list[QuickFix]:
    fixes = _replace_with_suggestion(text, model, diagnostic)
    found = _relation_with_ref(model, diagnostic)
    ref = diagnostic.data.get("ref")
    if found is None or not ref:
        return fixes
    relation, end = found
    parent, _, name = ref.rpartition(".")
    scope = relation.scope
    if parent:
        owners = model.resolve(parent, scope)
        if len(owners) != 1 or not model.elements[owners[0]].is_group:
            return fixes
        scope = owners[0]
    other = relation.target if end == "source" else relation.source
    for kind in _kinds_for(model, relation, end, other):
        result = create_element(text, kind, name, model=model, parent=scope)
        fixes.append(QuickFix(f"Create {kind} '{name}'", result.edits))
    return fixes


def _kinds_for(model: Model, relation: Relation, end: str, other: str | None) -> list[str]:
    """Kinds a new element may have so the relation it completes is allowed."""
    if relation.kind is None or relation.kind in RUNTIME_ONLY or other is None:
        return list(_RUNTIME_CREATE)
    other_kind = model.elements[other].kind
    # a person shares the business layer with capabilities but realizes nothing
    kinds = [k for k in CREATE_KINDS if k != "person"]
    if end == "source":
        return [k for k in kinds if relation_allowed(relation.kind, k, other_kind)]
    return [k for k in kinds if relation_allowed(relation.kind, other_kind, k)]


def _add_missing_id(text: str, model: Model, diagnostic: Diagnostic) -> list[QuickFix]:
    """E107 ``container "Payments"``: insert the id; a Structurizr-style head with a
    description and a technology after the name gets them as properties in a block."""
    start = diagnostic.span.start
    line = text[start:].split("\n", 1)[0]
    statements = scan(line).statements
    head = parse_head(line[:statements[0].head_end]) if statements else None
    if not isinstance(head, WordsHead) or head.values[0].kind != "STRING":
        return []
    taken = {e.id for e in model.elements.values()}
    name = base = str(diagnostic.data.get("id") or "element")
    number = 2
    while name in taken:
        name, number = f"{base}{number}", number + 1
    label = head.values[0]
    edits = [TextEdit(start + label.start, start + label.start, f"{name} ")]
    extra = head.values[1:]
    if extra and statements[0].open_brace is None and len(extra) <= 2 and all(
            v.kind == "STRING" for v in extra):
        keys = ("description", "technology")
        body = "; ".join(f"{key} {line[v.start:v.end]}" for key, v in zip(keys, extra,
                                                                           strict=False))
        edits.append(TextEdit(start + label.end, start + extra[-1].end, f" {{ {body} }}"))
    return [QuickFix(f"Add the id '{name}'", edits)]


def _ambiguous_reference(text: str, model: Model, diagnostic: Diagnostic) -> list[QuickFix]:
    span = diagnostic.span
    return [QuickFix(f"Change to '{candidate}'", [TextEdit(span.start, span.end, candidate)])
            for candidate in diagnostic.data.get("candidates", ())]


def _unknown_relation_kind(text: str, model: Model, diagnostic: Diagnostic) -> list[QuickFix]:
    suggestion = diagnostic.data.get("suggestion")
    if not suggestion:
        return []
    span = diagnostic.span
    return [QuickFix(f"Change to '{suggestion}'",
                     [TextEdit(span.start, span.end, f"-[{suggestion}]->")])]


# -- layered model -----------------------------------------------------------------------
def _set_relation_kind(text: str, model: Model, diagnostic: Diagnostic) -> list[QuickFix]:
    relation = _relation(model, diagnostic)
    if relation is None:
        return []
    fixes = [QuickFix(f"Make it '{kind}'",
                      set_relation_kind(text, relation.index, kind, model=model).edits)
             for kind in diagnostic.data.get("kinds", ())]
    arrow, source, target = relation.arrow_span, relation.source_span, relation.target_span
    for kind in diagnostic.data.get("reverse_kinds", ()):
        fixes.append(QuickFix(f"Reverse it and make it '{kind}'", [
            TextEdit(source.start, source.end, text[target.start:target.end]),
            TextEdit(arrow.start, arrow.end, f"-[{kind}]->"),
            TextEdit(target.start, target.end, text[source.start:source.end]),
        ]))
    return fixes


# -- microservice patterns ---------------------------------------------------------------
def _own_datastores(text: str, model: Model, diagnostic: Diagnostic) -> list[QuickFix]:
    index = index_of(model)
    datastore = model.elements.get(diagnostic.data.get("qname", ""))
    if datastore is None or datastore.kind != "datastore" or "database" in diagnostic.data:
        return []
    users = service_users(index, datastore.qname)
    if len(users) < 2:
        return []
    taken = {e.id for e in model.elements.values()}
    edits: list[TextEdit] = []
    technology = datastore.technology
    properties = [("technology", technology)] if technology else []
    for service, _ in users[1:]:
        name = _datastore_name(service.id, taken)
        taken.add(name)
        created = create_element(text, "datastore", name, model=model,
                                 label=f"{service.display_name} database",
                                 parent=datastore.parent, properties=properties)
        edits += created.edits
        for relation in index.calls_to(datastore.qname):
            if relation.source == service.qname:
                prefix = relation.target_ref.rpartition(".")[0]
                span = relation.target_span
                edits.append(TextEdit(span.start, span.end, f"{prefix}.{name}" if prefix
                                      else name))
    others = ", ".join(s.id for s, _ in users[1:])
    return [QuickFix(f"Give {others} a datastore of its own", edits)]


def _datastore_name(service_id: str, taken: set[str]) -> str:
    base = SERVICE_SUFFIX.sub("", service_id) or service_id
    if "-" in service_id:
        name = f"{base}-db"
    elif "_" in service_id:
        name = f"{base}_db"
    else:
        name = f"{base}DB"
    candidate, number = name, 2
    while candidate in taken:
        candidate, number = f"{name}{number}", number + 1
    return candidate


def _route_through_gateway(text: str, model: Model, diagnostic: Diagnostic) -> list[QuickFix]:
    relation = _relation(model, diagnostic)
    gateway = model.elements.get(diagnostic.data.get("gateway", ""))
    if relation is None or gateway is None or relation.target is None:
        return []
    # A203 names only a gateway that already routes to the service: retarget the call
    edits = reconnect(text, relation.index, "target", gateway.qname, model=model).edits
    return [QuickFix(f"Route through the gateway '{gateway.id}'", edits)]


def _call_owner(text: str, model: Model, diagnostic: Diagnostic) -> list[QuickFix]:
    relation = _relation(model, diagnostic)
    owner = model.elements.get(diagnostic.data.get("owner", ""))
    if relation is None or owner is None:
        return []
    result = reconnect(text, relation.index, "target", owner.qname, model=model)
    return [QuickFix(f"Call '{owner.id}' instead", result.edits)]


# -- hygiene -----------------------------------------------------------------------------
def _remove_duplicate(text: str, model: Model, diagnostic: Diagnostic) -> list[QuickFix]:
    relation = _relation(model, diagnostic)
    if relation is None:
        return []
    result = delete_relation(text, relation.index, model=model)
    return [QuickFix("Remove the duplicate relation", result.edits)]


def _set_technology(text: str, model: Model, diagnostic: Diagnostic) -> list[QuickFix]:
    element = model.elements.get(diagnostic.data.get("qname", ""))
    suggestion = diagnostic.data.get("suggestion")
    if element is None or not suggestion:
        return []
    result = set_property(text, element.qname, "technology", suggestion, model=model)
    return [QuickFix(f"Set technology to '{suggestion}'", result.edits)]


_FIXERS: dict[str, Fixer] = {
    "E201": _unknown_reference,
    "E107": _add_missing_id,
    "E203": _ambiguous_reference,
    "E205": _unknown_relation_kind,
    "A001": _replace_with_suggestion,
    "A101": _set_relation_kind,
    "A201": _own_datastores,
    "A203": _route_through_gateway,
    "A204": _call_owner,
    "A302": _remove_duplicate,
    "A305": _set_technology,
}


def register_fixer(code: str, fixer: Fixer) -> None:
    """Rule families kept in their own modules add their quick fixes here."""
    _FIXERS[code] = fixer
