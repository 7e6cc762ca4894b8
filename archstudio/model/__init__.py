"""The model layer: plain Python, no Qt. See :mod:`archstudio.model.elements`."""

from archstudio.model.diagnostics import Diagnostic, Severity
from archstudio.model.elements import (
    Block,
    Comment,
    Element,
    LayoutEntry,
    Model,
    Property,
    Relation,
)
from archstudio.model.kinds import ELEMENT_KINDS, LAYERS, RELATION_KINDS
from archstudio.model.span import LineIndex, Span

__all__ = [
    "Block",
    "Comment",
    "Diagnostic",
    "ELEMENT_KINDS",
    "Element",
    "LAYERS",
    "LayoutEntry",
    "LineIndex",
    "Model",
    "Property",
    "RELATION_KINDS",
    "Relation",
    "Severity",
    "Span",
]
