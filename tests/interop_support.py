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


def summary(model: Model, rename=lambda name: name, renamed_label: bool = False
            ) -> tuple[dict, list]:
    """Elements (kind, label, system, technology) by id and relations (ends, label,
    technology, kind): what every round trip keeps. ``rename`` maps ids the target
    format cannot hold; with ``renamed_label`` an unlabelled element whose id changed is
    expected to carry its old id as label."""
    elements = {
        rename(e.id): (
            e.kind,
            e.label or (e.id if renamed_label and rename(e.id) != e.id else None),
            rename(model.elements[e.parent].id) if e.parent else None,
            e.technology,
        )
        for e in model.elements.values()
    }
    relations = sorted((
        (rename(model.elements[r.source].id), rename(model.elements[r.target].id),
         r.label or None, r.technology, r.kind)
        for r in model.relations if r.resolved
    ), key=lambda relation: tuple(part or "" for part in relation))
    return elements, relations
