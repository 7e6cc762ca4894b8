"""The one place the app turns text into a model, so the parser can be swapped in one line."""

from __future__ import annotations

from archstudio.dsl.incremental import IncrementalParser
from archstudio.model import Diagnostic, Model
from archstudio.rules import check, quick_fixes

__all__ = ["TextParser", "quick_fixes", "rule_diagnostics"]


class TextParser(IncrementalParser):
    """Parses the editor's text, re-parsing only what changed since the previous call."""


def rule_diagnostics(model: Model, overrides: dict[str, str] | None = None) -> list[Diagnostic]:
    """Architecture rules on top of the parser's own diagnostics (none on syntax errors),
    with the severities the person chose in the app's settings."""
    return check(model, overrides)
