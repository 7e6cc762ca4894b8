"""The checks a lesson asks of the learner's text, and how each is judged.

Every check type is one entry of :data:`CHECK_TYPES` (its parameters and their types)
plus one judging function. Names in a check resolve the way the language resolves a
reference (``UserService`` finds ``ECommerce.UserService``; see ``Model.resolve``), so a
teacher writes the short names a learner reads on the canvas.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from archstudio.dsl import parse
from archstudio.model import ELEMENT_KINDS, RELATION_KINDS, Diagnostic, Model, Severity
from archstudio.model.diagnostics import sort_key
from archstudio.model.kinds import KIND_KEYWORDS

_NAME = re.compile(r"[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*)*")


class ParamError(Exception):
    """A check's parameter is missing or wrong; ``key`` says which (for its line)."""

    def __init__(self, key: str | None, message: str) -> None:
        super().__init__(message)
        self.key = key
        self.message = message


# -- parameter types: each turns a YAML value into what the check uses, or says why not --
def _name(value: Any) -> str:
    if not isinstance(value, str) or not _NAME.fullmatch(value.strip()):
        raise ValueError("must be an element name such as UserService or ECommerce.UserService")
    return value.strip()


def _text(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ValueError("must be a text")
    return str(value)


def _pattern(value: Any) -> re.Pattern[str]:
    if not isinstance(value, str):
        raise ValueError("must be a text (a regular expression)")
    try:
        return re.compile(value, re.IGNORECASE)
    except re.error as exc:
        raise ValueError(f"is not a valid regular expression: {exc}") from None


def _element_kind(value: Any) -> str:
    if not isinstance(value, str) or value not in KIND_KEYWORDS:
        raise ValueError("must be an element kind: " + ", ".join(ELEMENT_KINDS))
    return KIND_KEYWORDS[value]


def _relation_kind(value: Any) -> str:
    if not isinstance(value, str) or value not in RELATION_KINDS:
        raise ValueError("must be a relation kind: " + ", ".join(RELATION_KINDS))
    return value


def _count(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError("must be a whole number, 0 or more")
    return value


def _rule(value: Any) -> str:
    from archstudio.rules import find_rule

    rule = find_rule(value) if isinstance(value, str) else None
    if rule is None:
        raise ValueError("must be an architecture rule code or name such as A201 or "
                         "shared-datastore (see docs/rules.md)")
    return rule.code


# (parameter, parse function, required); every check also takes an optional `message`.
Param = tuple[str, Callable[[Any], Any], bool]
CHECK_TYPES: dict[str, tuple[Param, ...]] = {
    "noErrors": (),
    "noWarnings": (),
    "relationExists": (("source", _name, True), ("target", _name, True),
                       ("label", _pattern, False), ("kind", _relation_kind, False)),
    "elementExists": (("id", _name, True), ("kind", _element_kind, False)),
    "inSystem": (("element", _name, True), ("system", _name, True)),
    "elementCount": (("kind", _element_kind, False), ("min", _count, False),
                     ("max", _count, False)),
    "relationCount": (("kind", _relation_kind, False), ("min", _count, False),
                      ("max", _count, False)),
    "pathExists": (("source", _name, True), ("target", _name, True)),
    "noRelation": (("source", _name, True), ("target", _name, True)),
    "propertyEquals": (("element", _name, True), ("key", _text, True), ("value", _text, True)),
    "ruleClean": (("rule", _rule, True),),
}


@dataclass(frozen=True, slots=True)
class Check:
    type: str
    params: Mapping[str, Any]
    message: str  # the teacher's words, or a sentence made from the parameters
    line: int = 0  # where the check stands in its lesson file


@dataclass(frozen=True, slots=True)
class CheckResult:
    check: Check
    passed: bool
    detail: str | None = None  # why it fails, when that helps the learner

    @property
    def message(self) -> str:
        return self.check.message


def build_check(kind: str, raw: dict[str, Any], line: int = 0) -> Check:
    """A check from its YAML mapping (without ``type``); :class:`ParamError` if wrong."""
    raw = dict(raw)
    message = raw.pop("message", None)
    if message is not None and (not isinstance(message, str) or not message.strip()):
        raise ParamError("message", "'message' must be a text")
    spec = CHECK_TYPES[kind]
    known = {name for name, _parse, _required in spec}
    for key in raw:
        if key not in known:
            allowed = ", ".join(["message", *known]) if known else "message"
            raise ParamError(key, f"unknown key '{key}' (this check takes {allowed})")
    params: dict[str, Any] = {}
    for name, parse_value, required in spec:
        if name not in raw:
            if required:
                raise ParamError(None, f"the check needs '{name}'")
            continue
        try:
            params[name] = parse_value(raw[name])
        except ValueError as exc:
            raise ParamError(name, f"'{name}' {exc}") from None
    if kind.endswith("Count"):
        if "min" not in params and "max" not in params:
            raise ParamError(None, "the check needs 'min', 'max' or both")
        if params.get("min", 0) > params.get("max", params.get("min", 0)):
            raise ParamError("max", "'max' is smaller than 'min'")
    check = Check(kind, params, "", line)
    return Check(kind, params, message.strip() if message else describe(check), line)


def describe(check: Check) -> str:
    """A plain sentence for a check without a message of its own."""
    p = check.params
    kind = check.type
    if kind == "noErrors":
        return "The text has no errors"
    if kind == "noWarnings":
        return "The text has no errors and no warnings"
    if kind == "relationExists":
        arrow = f"-[{p['kind']}]->" if "kind" in p else "->"
        label = f" with a label matching \"{p['label'].pattern}\"" if "label" in p else ""
        return f"Add a relation {p['source']} {arrow} {p['target']}{label}"
    if kind == "elementExists":
        what = ELEMENT_KINDS[p["kind"]].title.lower() if "kind" in p else "element"
        return f"Add the {what} {p['id']}"
    if kind == "inSystem":
        return f"Put {p['element']} inside the system {p['system']}"
    if kind in ("elementCount", "relationCount"):
        if kind == "elementCount":
            noun = f"{ELEMENT_KINDS[p['kind']].title.lower()}s" if "kind" in p else "elements"
        else:
            noun = f"'{p['kind']}' relations" if "kind" in p else "relations"
        if "min" in p and "max" in p:
            return f"Have between {p['min']} and {p['max']} {noun}"
        return f"Have at least {p['min']} {noun}" if "min" in p else \
            f"Have at most {p['max']} {noun}"
    if kind == "pathExists":
        return f"Connect {p['source']} to {p['target']} through a chain of relations"
    if kind == "noRelation":
        return f"{p['source']} must not have a relation to {p['target']}"
    if kind == "propertyEquals":
        return f"Set {p['key']} of {p['element']} to \"{p['value']}\""
    from archstudio.rules import RULES

    rule = RULES[p["rule"]]
    return f"Rule {rule.code} ({rule.name}) has nothing to report: {rule.summary}"


# -- judging -------------------------------------------------------------------------
class _Judge:
    """One model and what several checks share about it, computed once."""

    def __init__(self, model: Model) -> None:
        self.model = model

    @cached_property
    def by_id(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for qname, element in self.model.elements.items():
            out.setdefault(element.id, []).append(qname)
        return out

    @cached_property
    def syntax_errors(self) -> bool:
        from archstudio.rules import has_syntax_errors

        return has_syntax_errors(self.model)

    @cached_property
    def diagnostics(self) -> list[Diagnostic]:
        """The parser's diagnostics and the rules' findings, as `archstudio validate`
        reports them (the file's own rule directives apply, not the app's settings)."""
        from archstudio.rules import check

        return sorted([*self.model.diagnostics, *check(self.model)], key=sort_key)

    @cached_property
    def index(self):
        """The rules' lookup tables, shared by every ``ruleClean`` check."""
        from archstudio.rules.index import ModelIndex

        return ModelIndex(self.model)

    @cached_property
    def successors(self) -> dict[str, set[str]]:
        """Where each element's relations lead (a plain dict: building a networkx graph
        of a large model costs more than every other check together)."""
        out: dict[str, set[str]] = {}
        for relation in self.model.relations:
            if relation.resolved:
                out.setdefault(relation.source, set()).add(relation.target)
        return out

    def reaches(self, source: str, targets: set[str]) -> bool:
        """Whether a chain of one or more relations leads from ``source`` into ``targets``."""
        seen: set[str] = set()
        todo = [source]
        while todo:
            for following in self.successors.get(todo.pop(), ()):
                if following in targets:
                    return True
                if following not in seen:
                    seen.add(following)
                    todo.append(following)
        return False

    def resolve(self, ref: str) -> list[str]:
        return self.model.resolve(ref, None, self.by_id)

    def relations(self, source: str, target: str):
        sources, targets = set(self.resolve(source)), set(self.resolve(target))
        return [r for r in self.model.relations
                if r.source in sources and r.target in targets]

    def missing(self, *refs: str) -> str | None:
        """Why a check naming these elements cannot pass yet, if one is not declared."""
        for ref in refs:
            if not self.resolve(ref):
                return f"there is no element '{ref}' yet"
        return None


def _first(diagnostics: list[Diagnostic]) -> str | None:
    if not diagnostics:
        return None
    d = diagnostics[0]
    more = f" (and {len(diagnostics) - 1} more)" if len(diagnostics) > 1 else ""
    return f"line {d.span.line}: {d.code} {d.message}{more}"


def _no_errors(judge: _Judge, _p: Mapping[str, Any]) -> tuple[bool, str | None]:
    errors = [d for d in judge.diagnostics if d.severity is Severity.ERROR]
    return not errors, _first(errors)


def _no_warnings(judge: _Judge, _p: Mapping[str, Any]) -> tuple[bool, str | None]:
    bad = [d for d in judge.diagnostics if d.severity in (Severity.ERROR, Severity.WARNING)]
    return not bad, _first(bad)


def _relation_exists(judge: _Judge, p: Mapping[str, Any]) -> tuple[bool, str | None]:
    found = judge.relations(p["source"], p["target"])
    if "kind" in p:
        found = [r for r in found if r.kind == p["kind"]]
    if "label" in p:
        labelled = [r for r in found if r.label and p["label"].search(r.label)]
        if found and not labelled:
            return False, "the relation is there, but its label does not match"
        found = labelled
    return bool(found), None if found else judge.missing(p["source"], p["target"])


def _element_exists(judge: _Judge, p: Mapping[str, Any]) -> tuple[bool, str | None]:
    found = judge.resolve(p["id"])
    if "kind" in p:
        if found and not any(judge.model.elements[q].kind == p["kind"] for q in found):
            kind = judge.model.elements[found[0]].kind
            return False, f"'{p['id']}' is a {ELEMENT_KINDS[kind].title.lower()}"
    return bool(found), None


def _in_system(judge: _Judge, p: Mapping[str, Any]) -> tuple[bool, str | None]:
    elements = judge.model.elements
    systems = {q for q in judge.resolve(p["system"]) if elements[q].is_group}
    for qname in judge.resolve(p["element"]):
        parent = elements[qname].parent
        while parent is not None:
            if parent in systems:
                return True, None
            parent = elements[parent].parent if parent in elements else None
    return False, judge.missing(p["element"], p["system"])


def _count_check(judge: _Judge, p: Mapping[str, Any], count: int) -> tuple[bool, str | None]:
    ok = p.get("min", 0) <= count <= p.get("max", count)
    return ok, None if ok else f"there {'is' if count == 1 else 'are'} {count}"


def _element_count(judge: _Judge, p: Mapping[str, Any]) -> tuple[bool, str | None]:
    kind = p.get("kind")
    count = sum(1 for e in judge.model.elements.values() if kind is None or e.kind == kind)
    return _count_check(judge, p, count)


def _relation_count(judge: _Judge, p: Mapping[str, Any]) -> tuple[bool, str | None]:
    kind = p.get("kind")
    count = sum(1 for r in judge.model.relations
                if r.resolved and (kind is None or r.kind == kind))
    return _count_check(judge, p, count)


def _path_exists(judge: _Judge, p: Mapping[str, Any]) -> tuple[bool, str | None]:
    targets = set(judge.resolve(p["target"]))
    if any(judge.reaches(source, targets) for source in judge.resolve(p["source"])):
        return True, None
    return False, judge.missing(p["source"], p["target"])


def _no_relation(judge: _Judge, p: Mapping[str, Any]) -> tuple[bool, str | None]:
    found = judge.relations(p["source"], p["target"])
    if not found:
        return True, None
    return False, f"line {found[0].span.line}: {found[0].source_ref} -> {found[0].target_ref}"


def _property_equals(judge: _Judge, p: Mapping[str, Any]) -> tuple[bool, str | None]:
    wanted = p["value"].strip().casefold()
    found = judge.resolve(p["element"])
    if not found:
        return False, judge.missing(p["element"])
    seen = None
    for qname in found:
        element = judge.model.elements[qname]
        if p["key"] == "label":
            values = (element.label,) if element.label is not None else ()
        else:
            prop = element.prop(p["key"])
            values = (prop.value, *prop.values) if prop else ()
        if any(v.strip().casefold() == wanted for v in values):
            return True, None
        seen = seen or (values[0] if values else None)
    return False, f"it is \"{seen}\"" if seen is not None else f"'{p['key']}' is not set"


def _rule_clean(judge: _Judge, p: Mapping[str, Any]) -> tuple[bool, str | None]:
    from archstudio.rules import RULES

    if judge.syntax_errors:
        return False, "the text has syntax errors; fix them first"
    # the rule runs even when the file switches it off: a lesson's goal cannot be waived
    findings = list(RULES[p["rule"]].check(judge.index))
    if not findings:
        return True, None
    span, message, _data = findings[0]
    more = f" (and {len(findings) - 1} more)" if len(findings) > 1 else ""
    return False, f"line {span.line}: {message}{more}"


_JUDGES: dict[str, Callable[[_Judge, Mapping[str, Any]], tuple[bool, str | None]]] = {
    "noErrors": _no_errors,
    "noWarnings": _no_warnings,
    "relationExists": _relation_exists,
    "elementExists": _element_exists,
    "inSystem": _in_system,
    "elementCount": _element_count,
    "relationCount": _relation_count,
    "pathExists": _path_exists,
    "noRelation": _no_relation,
    "propertyEquals": _property_equals,
    "ruleClean": _rule_clean,
}
assert set(_JUDGES) == set(CHECK_TYPES)


def evaluate(checks: tuple[Check, ...] | list[Check], model: Model) -> list[CheckResult]:
    """Judge every check against one parsed model, in the lesson's order."""
    judge = _Judge(model)
    results = []
    for check in checks:
        passed, detail = _JUDGES[check.type](judge, check.params)
        results.append(CheckResult(check, passed, None if passed else detail))
    return results


def evaluate_text(checks: tuple[Check, ...] | list[Check], text: str) -> list[CheckResult]:
    return evaluate(checks, parse(text))
