"""The properties panel: what the model says about the selected element (read-only here)."""

from __future__ import annotations

from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

from archstudio.model import ELEMENT_KINDS, Model


class PropertiesPanel(QTreeWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("propertiesPanel")
        self.setHeaderLabels(["Property", "Value"])
        self.setColumnWidth(0, 150)
        self.setRootIsDecorated(True)
        self.setUniformRowHeights(True)
        self.show_element(None, None)

    def show_element(self, model: Model | None, qname: str | None) -> None:
        self.clear()
        element = model.elements.get(qname) if model is not None and qname else None
        if element is None or model is None:
            hint = QTreeWidgetItem(["Select an element to see its properties."])
            hint.setForeground(0, self.palette().placeholderText())
            self.addTopLevelItem(hint)
            hint.setFirstColumnSpanned(True)
            return
        rows = [
            ("Id", element.id), ("Qualified name", element.qname),
            ("Kind", ELEMENT_KINDS[element.kind].title), ("Layer", element.layer),
            ("Label", element.label or ""), ("Line", str(element.span.line)),
        ]
        for key, value in rows:
            self.addTopLevelItem(QTreeWidgetItem([key, value]))
        for prop in element.properties:
            self.addTopLevelItem(QTreeWidgetItem([prop.key, prop.value]))
        relations = model.relations_of(element.qname)
        if relations:
            group = QTreeWidgetItem(["Relations", str(len(relations))])
            for relation in relations:
                outgoing = relation.source == element.qname
                end = (relation.target, relation.target_ref) if outgoing else (
                    relation.source, relation.source_ref)
                other = model.elements.get(end[0] or "")
                name = other.display_name if other is not None else end[1]  # unresolved
                arrow = f"→ {name}" if outgoing else f"← {name}"
                kind = f" ({relation.kind})" if relation.kind else ""
                row = QTreeWidgetItem([arrow, (relation.label or "") + kind])
                row.setToolTip(0, f"{relation.source} -> {relation.target}")
                group.addChild(row)
            self.addTopLevelItem(group)
            group.setExpanded(True)

    def rows(self) -> dict[str, str]:
        return {self.topLevelItem(i).text(0): self.topLevelItem(i).text(1)
                for i in range(self.topLevelItemCount())}
