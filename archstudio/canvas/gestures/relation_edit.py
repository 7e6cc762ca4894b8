"""Relations on the canvas: select one by its label, change its kind from a menu.

A relation's label is drawn above the shapes and lets clicks through, so a click on it
would select the element below; :class:`RelationLabelSelect` makes it select the
relation instead (Ctrl/Shift toggle, as on items). :func:`relation_kind_menu` offers the
kinds the two ends' layers allow (``archstudio.model.kinds``); choosing one asks for it
with ``sig_relation_kind_requested``. The context menu reuses it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QActionGroup, QMouseEvent
from PySide6.QtWidgets import QMenu, QWidget

from archstudio.canvas.interactions import Interaction
from archstudio.canvas.items import RelationLabel
from archstudio.model import Model, Relation
from archstudio.model.kinds import RELATION_KINDS, allowed_relation_kinds

if TYPE_CHECKING:
    from archstudio.canvas.view import DiagramView

PLAIN = "plain ->"
TOGGLE = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@dataclass(frozen=True, slots=True)
class RelationKindRequest:
    """Give the relation ``relation`` (its key) the kind ``kind`` (None: plain ``->``)."""

    relation: str
    kind: str | None


def relation_by_key(model: Model | None, key: str) -> Relation | None:
    if model is None:
        return None
    return next((r for r in model.relations if r.key == key), None)


def kinds_for(model: Model, relation: Relation) -> list[str]:
    """The kinds this relation may take: those its ends' layers allow (every kind while
    an end is unresolved, so a typo never hides the menu)."""
    if relation.source is None or relation.target is None:
        return list(RELATION_KINDS)
    source, target = model.elements[relation.source], model.elements[relation.target]
    return allowed_relation_kinds(source.kind, target.kind)


def relation_kind_menu(view: DiagramView, key: str, parent: QWidget | None = None
                       ) -> QMenu | None:
    """A "Kind" menu for the relation ``key``: plain plus the allowed kinds, the current
    one checked; None when the key names no relation."""
    model = view.diagram_scene.model
    relation = relation_by_key(model, key)
    if model is None or relation is None:
        return None
    menu = QMenu("Relation &Kind", parent or view)
    menu.setObjectName("relationKindMenu")
    group = QActionGroup(menu)
    for kind in (None, *kinds_for(model, relation)):
        action = menu.addAction(PLAIN if kind is None else kind)
        action.setCheckable(True)
        action.setChecked(kind == relation.kind)
        action.setData(kind)
        if kind is not None:
            action.setToolTip(RELATION_KINDS[kind].description)
        group.addAction(action)
        action.triggered.connect(lambda _=False, k=kind: _ask(view, key, relation.kind, k))
    return menu


def _ask(view: DiagramView, key: str, current: str | None, kind: str | None) -> None:
    if kind != current:
        view.sig_relation_kind_requested.emit(RelationKindRequest(key, kind))


class RelationLabelSelect(Interaction):
    """A left click on a relation's label selects the relation."""

    def mouse_press(self, view: DiagramView, event: QMouseEvent) -> bool:
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        label = next((i for i in view.items(event.position().toPoint())
                      if isinstance(i, RelationLabel)), None)
        if label is None or not label.isVisible():
            return False
        relation = label.relation
        if event.modifiers() & TOGGLE:
            relation.setSelected(not relation.isSelected())
        elif not relation.isSelected() or len(view.diagram_scene.selectedItems()) > 1:
            view.diagram_scene.clearSelection()
            relation.setSelected(True)
        return True
