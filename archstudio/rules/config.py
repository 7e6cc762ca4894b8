"""Which rules run and how loud: defaults, then the app's settings, then the file's own
``rule <code-or-name> off|error|warning|advice`` directives (the file wins, so a team that
commits a directive gets the same result in every editor and in CI)."""

from __future__ import annotations

from collections.abc import Mapping

from archstudio.model import Diagnostic, Model, Severity
from archstudio.rules.registry import RULES, find_rule

OFF = "off"
LEVELS = (OFF, *(s.value for s in Severity))

# A rule's effective severity; None means switched off.
Levels = dict[str, Severity | None]
Override = Severity | str | None


def _level(value: Override) -> Severity | None:
    if value is None or value == OFF:
        return None
    return Severity(value)


def defaults() -> Levels:
    return {code: entry.severity for code, entry in RULES.items()}


def apply_overrides(levels: Levels, overrides: Mapping[str, Override] | None) -> Levels:
    """Settings from the app or a caller: keys are codes or names, values a Severity,
    ``"off"`` or None. A key or value that means nothing is a programming error."""
    for key, value in (overrides or {}).items():
        entry = find_rule(key)
        if entry is None:
            raise ValueError(f"unknown rule '{key}'")
        if value is not None and value not in LEVELS:
            raise ValueError(f"unknown severity '{value}' for rule '{key}' "
                             f"(one of {', '.join(LEVELS)})")
        levels[entry.code] = _level(value)
    return levels


def apply_directives(levels: Levels, model: Model) -> list[Diagnostic]:
    """Read the file's rule directives into ``levels``; return what was wrong with them.

    ``rule orphan, unlabeled-relation off`` sets several rules at once.
    """
    problems: list[Diagnostic] = []
    for prop in model.properties:
        if prop.key != "rule":
            continue
        if len(prop.values) < 2:
            problems.append(Diagnostic(
                "A002", Severity.WARNING,
                f"write a rule directive as: rule <code-or-name> {'|'.join(LEVELS)}",
                prop.span, {"directive": list(prop.values)}))
            continue
        *names, level = prop.values
        *name_spans, level_span = prop.value_spans
        if level.lower() not in LEVELS:
            problems.append(Diagnostic(
                "A002", Severity.WARNING,
                f"unknown severity '{level}' (one of {', '.join(LEVELS)})",
                level_span, {"severity": level}))
            continue
        for name, span in zip(names, name_spans, strict=True):
            entry = find_rule(name)
            if entry is None:
                suggestion = _suggest(name)
                hint = f"; did you mean '{suggestion}'?" if suggestion else ""
                data = {"ref": name, **({"suggestion": suggestion} if suggestion else {})}
                problems.append(Diagnostic("A001", Severity.WARNING,
                                           f"unknown rule '{name}'{hint}", span, data))
                continue
            levels[entry.code] = _level(level.lower())
    return problems


def _suggest(name: str) -> str | None:
    import difflib

    names = [entry.name for entry in RULES.values()]
    matches = difflib.get_close_matches(name.lower(), names, n=1, cutoff=0.6)
    return matches[0] if matches else None
