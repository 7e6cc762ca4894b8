"""Architecture rules: the layered model of seed 001, the microservice patterns of seed
004 and diagram hygiene, each with a stable code, plus quick fixes. No Qt here.

``check(model)`` runs every switched-on rule and returns diagnostics; the parser's own
diagnostics stay in ``model.diagnostics``. ``quick_fixes(text, model, diagnostic)`` offers
text edits that repair a diagnostic (the parser's or a rule's).
"""

from __future__ import annotations

from collections.abc import Mapping

from archstudio.model import Diagnostic, Model
from archstudio.model.diagnostics import sort_key
from archstudio.rules import deployment, hygiene, layered, patterns  # noqa: F401  (they register rules)
from archstudio.rules.config import Override, apply_directives, apply_overrides, defaults
from archstudio.rules.fixes import QuickFix, quick_fixes
from archstudio.rules.index import ModelIndex
from archstudio.rules.registry import RULES, Rule, find_rule

# the families register in import order; the table reads best by code
for _code, _rule in sorted(RULES.items()):
    del RULES[_code]
    RULES[_code] = _rule

__all__ = ["RULES", "QuickFix", "Rule", "check", "find_rule", "has_syntax_errors",
           "quick_fixes"]


def has_syntax_errors(model: Model) -> bool:
    """E1xx errors mean the text was not understood; rules would only add noise."""
    return any(d.is_error and d.code.startswith("E1") for d in model.diagnostics)


def check(model: Model, overrides: Mapping[str, Override] | None = None) -> list[Diagnostic]:
    """Run the rules on a parsed model. ``overrides`` maps rule codes or names to a
    Severity, ``"off"`` or None (the app's settings); the file's directives win over it."""
    if has_syntax_errors(model):
        return []
    levels = apply_overrides(defaults(), overrides)
    out = apply_directives(levels, model)
    index = ModelIndex(model)
    for code, level in levels.items():
        if level is not None:
            entry = RULES[code]
            out.extend(entry.diagnostic(finding, level) for finding in entry.check(index))
    out.sort(key=sort_key)
    return out
