"""The layers' dependencies point one way (docs/architecture.md); this keeps them so."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "archstudio"

# What each layer may import besides itself.
ALLOWED: dict[str, set[str]] = {
    "model": set(),
    "dsl": {"model"},
    "edit": {"dsl", "model"},
    "rules": {"edit", "dsl", "model"},
    "layout": {"model"},
    "lessons": {"rules", "dsl", "model"},
    "render": {"layout", "model", "PySide6"},
    "io": {"render", "layout", "model", "PySide6"},
    "interop": {"dsl", "model"},
    "generate": {"dsl", "model"},
    "canvas": {"render", "rules", "layout", "edit", "dsl", "model", "PySide6"},
    "app": {"canvas", "io", "interop", "generate", "lessons", "render", "rules", "layout",
            "edit", "dsl", "model", "PySide6"},
    "cli": {"app", "io", "interop", "generate", "lessons", "render", "rules", "layout",
            "edit", "dsl", "model", "PySide6"},
}


def imported_layers(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        for name in names:
            parts = name.split(".")
            if parts[0] == "archstudio" and len(parts) > 1:
                found.add(parts[1])
            elif parts[0] == "PySide6":
                found.add("PySide6")
    return found


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_layer_imports_only_what_lies_below_it(layer):
    for path in sorted((PACKAGE / layer).rglob("*.py")):
        extra = imported_layers(path) - ALLOWED[layer] - {layer}
        assert not extra, f"{path.relative_to(PACKAGE)} imports {sorted(extra)}"
