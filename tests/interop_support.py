"""Shared by the interop tests: where the corpus is, and a model summary that round
trips must keep."""

from __future__ import annotations

import os
from pathlib import Path

from conftest import ROOT

from archstudio.model import Model

# CI checks shared/ out beside the clone; ARCHSTUDIO_SHARED points elsewhere locally.
SHARED = Path(os.environ.get("ARCHSTUDIO_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus"
DATA = ROOT / "tests" / "data"


def summary(model: Model, rename=lambda name: name) -> tuple[dict, list]:
    """Elements (kind, label, system, technology) by id and relations (ends, label,
    technology, kind): what every round trip keeps. ``rename`` maps ids the target
    format cannot hold."""
    elements = {
        rename(e.id): (e.kind, e.label, rename(model.elements[e.parent].id) if e.parent else None,
                       e.technology)
        for e in model.elements.values()
    }
    relations = sorted(
        (rename(model.elements[r.source].id), rename(model.elements[r.target].id),
         r.label or None, r.technology, r.kind)
        for r in model.relations if r.resolved
    )
    return elements, relations
