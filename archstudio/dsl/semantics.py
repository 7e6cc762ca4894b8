"""The language's own semantic checks: references, layers, layout, obvious slips.

Architecture rules (shared databases, gateways, ...) are not here; they live in
``archstudio.rules`` and run on top of these.
"""

from __future__ import annotations

import difflib

from archstudio.model.diagnostics import Diagnostic, Severity
from archstudio.model.elements import Element, Model, Property, Relation
from archstudio.model.kinds import (
    HTTP_METHODS,
    POLICY_TYPES,
    RELATION_KINDS,
    ROLE_VALUES,
    allowed_relation_kinds,
    relation_allowed,
)
from archstudio.model.span import Span

# Keys that may repeat: a list of directives rather than a value.
REPEATABLE_KEYS = frozenset({"rule"})
# "Did you mean" compares a name with every known one; a file with thousands of unknown
# names gets suggestions for this many of them, so a check stays linear in the file.
SUGGESTION_BUDGET = 25


class Suggester:
    """Close known names for mistyped references, for one model: the candidate list is
    built once, each distinct reference is looked up once, and at most ``budget`` lookups
    are made."""

    def __init__(self, model: Model, budget: int = SUGGESTION_BUDGET) -> None:
        self.model = model
        self.budget = budget
        self._candidates: list[str] | None = None
        self._lowered: dict[str, str] | None = None
        self._found: dict[str, str | None] = {}

    def __call__(self, ref: str) -> str | None:
        if ref in self._found:
            return self._found[ref]
        if self.budget <= 0:
            return None
        self.budget -= 1
        if self._candidates is None:
            elements = self.model.elements
            self._candidates = list(elements) + sorted({e.id for e in elements.values()})
            self._lowered = {c.lower(): c for c in self._candidates}
        assert self._lowered is not None
        matches = difflib.get_close_matches(ref, self._candidates, n=1, cutoff=0.6)
        found = matches[0] if matches else self._lowered.get(ref.lower())
        self._found[ref] = found
        return found


    def fork(self) -> Suggester:
        """A copy that goes on from here without changing this one (its budget and what
        it found so far): checks run again on a model differing only in its layout."""
        other = Suggester(self.model, self.budget)
        other._candidates, other._lowered = self._candidates, self._lowered
        other._found = dict(self._found)
        return other


def check(model: Model) -> list[Diagnostic]:
    """Run on every keystroke, so the common case is a few dictionary lookups: a
    relation between two exact qualified names of an allowed kind is settled at once."""
    out, suggester = check_statements(model)
    out.extend(check_layout(model, suggester))
    return out


def check_statements(model: Model) -> tuple[list[Diagnostic], Suggester]:
    """Everything :func:`check` looks at but the layout section, and the suggester as
    it is afterwards (for :func:`check_layout`): a model that differs from an earlier
    one only in its layout keeps these findings and checks its layout alone."""
    out, suggester = check_relations(model)
    check_elements(model, out)
    return out, suggester


def check_relations(model: Model) -> tuple[list[Diagnostic], Suggester]:
    """The first part of :func:`check_statements`: every relation's ends resolved (in
    place) and checked, and the suggester as that left it. It reads only the relations
    and the elements' names and kinds, so a model whose relations and names are those
    of an earlier one (a label typed) may keep the earlier findings."""
    out: list[Diagnostic] = []
    elements = model.elements
    short_names: dict[str, list[str]] | None = None
    suggester = Suggester(model)
    allowed: dict[tuple[str, str, str], bool] = {}
    for relation in model.relations:
        source, target, kind = relation.source_ref, relation.target_ref, relation.kind
        if source != target and source in elements and target in elements:
            if kind is None:
                relation.source, relation.target = source, target
                continue
            key = (kind, elements[source].kind, elements[target].kind)
            ok = allowed.get(key)
            if ok is None and kind in RELATION_KINDS:
                ok = allowed[key] = relation_allowed(*key)
            if ok:
                relation.source, relation.target = source, target
                continue
        if short_names is None:
            short_names = {}
            for qname, element in elements.items():
                short_names.setdefault(element.id, []).append(qname)
        _resolve_relation(model, relation, short_names, suggester, out)
    return out, suggester


def check_elements(model: Model, out: list[Diagnostic]) -> None:
    """The rest of :func:`check_statements`: properties, and elements with neither a
    label nor relations (the relations resolved already)."""
    _check_properties(model, out)
    _check_lonely_elements(model, out)


def check_layout(model: Model, suggester: Suggester) -> list[Diagnostic]:
    """The layout section's findings (names it gives that are not declared, sizes of
    what is not a system); ``suggester`` as :func:`check_statements` left it."""
    out: list[Diagnostic] = []
    _check_layout(model, suggester, out)
    return out


def suggest(model: Model, ref: str) -> str | None:
    """The closest known name to a mistyped reference, or None."""
    return Suggester(model, budget=1)(ref)


def _resolve(
    model: Model,
    ref: str,
    scope: str | None,
    span: Span,
    short_names: dict[str, list[str]],
    suggester: Suggester,
    out: list[Diagnostic],
) -> str | None:
    candidates = model.resolve(ref, scope, short_names)
    if len(candidates) == 1:
        return candidates[0]
    if candidates:
        out.append(Diagnostic(
            "E203", Severity.ERROR,
            f"'{ref}' is ambiguous: write one of {', '.join(sorted(candidates))}",
            span, {"ref": ref, "candidates": sorted(candidates)}))
        return None
    suggestion = suggester(ref)
    hint = f"; did you mean '{suggestion}'?" if suggestion else ""
    data = {"ref": ref}
    if suggestion:
        data["suggestion"] = suggestion
    out.append(Diagnostic("E201", Severity.ERROR, f"unknown element '{ref}'{hint}", span, data))
    return None


def _resolve_relation(
    model: Model, relation: Relation, short_names: dict[str, list[str]],
    suggester: Suggester, out: list[Diagnostic],
) -> None:
    relation.source = _resolve(model, relation.source_ref, relation.scope,
                               relation.source_span, short_names, suggester, out)
    relation.target = _resolve(model, relation.target_ref, relation.scope,
                               relation.target_span, short_names, suggester, out)
    kind = relation.kind
    if kind is not None and kind not in RELATION_KINDS:
        close = difflib.get_close_matches(kind, list(RELATION_KINDS), n=1)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        out.append(Diagnostic(
            "E205", Severity.ERROR,
            f"unknown relation kind '{kind}'{hint} (kinds: {', '.join(RELATION_KINDS)})",
            relation.arrow_span, {"kind": kind, **({"suggestion": close[0]} if close else {})}))
    if not relation.resolved:
        return
    assert relation.source is not None and relation.target is not None
    source = model.elements[relation.source]
    target = model.elements[relation.target]
    if relation.source == relation.target:
        out.append(Diagnostic("W301", Severity.WARNING,
                              f"'{source.id}' has a relation to itself", relation.span))
    if kind in RELATION_KINDS and not relation_allowed(kind, source.kind, target.kind):
        allowed = allowed_relation_kinds(source.kind, target.kind)
        hint = f"; allowed here: {', '.join(allowed)}" if allowed else ""
        out.append(Diagnostic(
            "E204", Severity.ERROR,
            f"a {source.kind} ({source.layer}) cannot '{kind}' a {target.kind} "
            f"({target.layer}){hint}",
            relation.arrow_span, {"kind": kind, "allowed": allowed}))


def _check_layout(model: Model, suggester: Suggester, out: list[Diagnostic]) -> None:
    for qname, entry in model.layout.items():
        if qname not in model.elements:
            suggestion = suggester(qname)
            hint = f"; did you mean '{suggestion}'?" if suggestion else ""
            out.append(Diagnostic("W208", Severity.WARNING,
                                  f"the layout names '{qname}', which is not declared{hint}",
                                  entry.qname_span, {"qname": qname}))
        elif entry.width is not None and not model.elements[qname].is_group:
            out.append(Diagnostic("E206", Severity.ERROR,
                                  f"only systems have a size; '{qname}' is a "
                                  f"{model.elements[qname].kind}", entry.span))


def _check_properties(model: Model, out: list[Diagnostic]) -> None:
    _check_repeated_keys(model.properties, out)
    for element in model.elements.values():
        if len(element.properties) > 1:
            _check_repeated_keys(element.properties, out)
        if element.kind == "policy" or element.kind == "operation":
            _check_property_values(element, out)
        elif element.properties and (role := element.prop("role")) is not None:
            _check_role(role, out)
    for relation in model.relations:
        if len(relation.properties) > 1:
            _check_repeated_keys(relation.properties, out)


def _check_repeated_keys(properties: list[Property], out: list[Diagnostic]) -> None:
    seen: set[str] = set()
    for prop in properties:
        if prop.key in seen and prop.key not in REPEATABLE_KEYS:
            out.append(Diagnostic("W303", Severity.WARNING,
                                  f"'{prop.key}' is set twice; the first one counts",
                                  prop.key_span, {"key": prop.key}))
        seen.add(prop.key)


def _check_property_values(element: Element, out: list[Diagnostic]) -> None:
    policy_type = element.prop("type") if element.kind == "policy" else None
    if policy_type and policy_type.value not in POLICY_TYPES:
        out.append(Diagnostic("W304", Severity.WARNING,
                              f"a policy's type is one of {', '.join(POLICY_TYPES)}",
                              policy_type.value_spans[0]))
    method = element.prop("method") if element.kind == "operation" else None
    if method and method.value.upper() not in HTTP_METHODS:
        out.append(Diagnostic("W305", Severity.WARNING,
                              f"'{method.value}' is not an HTTP method "
                              f"({', '.join(HTTP_METHODS)})", method.value_spans[0]))


def _check_role(role: Property, out: list[Diagnostic]) -> None:
    if role.value.strip().lower() not in ROLE_VALUES:
        out.append(Diagnostic("W306", Severity.WARNING,
                              f"'{role.value}' is not a role the rules know (frontend, "
                              "identity, gateway, worker, service); it counts as service",
                              role.value_spans[0], {"role": role.value}))


def _check_lonely_elements(model: Model, out: list[Diagnostic]) -> None:
    unlabelled = [
        (qname, element) for qname, element in model.elements.items()
        if element.label is None and not element.children
    ]
    if not unlabelled:
        return
    connected: set[str] = set()
    for relation in model.relations:
        if relation.source:
            connected.add(relation.source)
        if relation.target:
            connected.add(relation.target)
    for qname, element in unlabelled:
        if qname not in connected:
            out.append(Diagnostic("W302", Severity.WARNING,
                                  f"'{element.id}' has neither a label nor relations",
                                  element.id_span, {"qname": qname}))
