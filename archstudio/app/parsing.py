"""The one place the app turns text into a model, so the parser can be swapped in one line."""

from __future__ import annotations

from archstudio.dsl import parse
from archstudio.model import Diagnostic, Model
from archstudio.rules import check, quick_fixes

__all__ = ["TextParser", "quick_fixes", "rule_diagnostics"]


class TextParser:
    """Parses the editor's text; the incremental parser will take over behind this name."""

    def parse(self, text: str) -> Model:
        return parse(text)


def rule_diagnostics(model: Model) -> list[Diagnostic]:
    """Architecture rules on top of the parser's own diagnostics (none on syntax errors)."""
    return check(model)
