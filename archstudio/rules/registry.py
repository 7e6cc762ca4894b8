"""The rule table: every architecture rule with its stable code, name and default severity.

Rule families (:mod:`layered`, :mod:`patterns`, :mod:`hygiene`) register their checks here
with :func:`rule`; :func:`archstudio.rules.check` runs whatever is registered, so the table,
the docs page and the directives all read the same list.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from archstudio.model import Diagnostic, Severity
from archstudio.rules.index import ModelIndex

# A check yields (span, message, data) findings; the runner stamps code and severity.
Finding = tuple  # (Span, str, dict)
CheckFunction = Callable[[ModelIndex], Iterator[Finding]]


@dataclass(frozen=True, slots=True)
class Rule:
    code: str  # stable: A1xx layered model, A2xx microservice patterns, A3xx hygiene
    name: str  # kebab-case, usable in `rule <name> off` directives
    severity: Severity  # the default
    summary: str  # one line, shown in settings and in docs/rules.md
    family: str
    check: CheckFunction

    def diagnostic(self, finding: Finding, severity: Severity) -> Diagnostic:
        span, message, data = finding
        return Diagnostic(self.code, severity, message, span, {"rule": self.name, **data})


RULES: dict[str, Rule] = {}
_BY_NAME: dict[str, Rule] = {}


def rule(
    code: str, name: str, severity: Severity, summary: str, family: str
) -> Callable[[CheckFunction], CheckFunction]:
    """Register a check function under a code and a name."""

    def register(check: CheckFunction) -> CheckFunction:
        if code in RULES or name in _BY_NAME:
            raise ValueError(f"rule {code} {name} is registered twice")
        entry = Rule(code, name, severity, summary, family, check)
        RULES[code] = entry
        _BY_NAME[name] = entry
        return check

    return register


def find_rule(key: str) -> Rule | None:
    """A rule by its code (``A201``, any case) or its name (``shared-datastore``)."""
    return RULES.get(key.upper()) or _BY_NAME.get(key.lower())
