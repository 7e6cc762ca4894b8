"""Everything without the mouse: focus moves between canvas, text and panels, the canvas
commands have menu entries and shortcuts, and the context-menu key opens the menu of the
selection at the selection.

Installed once per window (``install(window)``); the commands themselves are the ones
the mouse uses (create, connect and move requests, the context menus), so the keyboard
path and the mouse path give the same text edits.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, Qt
from PySide6.QtGui import QAction, QContextMenuEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QMenu, QWidget

from archstudio.app.context_menus import kinds_in_layer_order
from archstudio.canvas.gestures.connect import new_kinds
from archstudio.canvas.gestures.hits import snapped
from archstudio.canvas.gestures.requests import ConnectRequest, CreateRequest, MoveRequest
from archstudio.canvas.view import GRID
from archstudio.layout.geometry import DEFAULT_SIZES, FALLBACK_SIZE
from archstudio.model import ELEMENT_KINDS

if TYPE_CHECKING:
    from archstudio.app.main_window import MainWindow

# Alt+Shift+1..9 add these kinds, the most used first.
SHORTCUT_KINDS = ["container", "datastore", "broker", "gateway", "person", "system", "external",
                  "operation", "schema"]
FOCUS_FRAME = ("QGraphicsView#canvasView { border: 2px solid transparent; }"
               " QGraphicsView#canvasView:focus { border: 2px solid palette(highlight); }")


def focus_into(widget: QWidget) -> bool:
    """Give the focus to ``widget`` or to its first child that takes keyboard focus."""
    candidates = [widget, *widget.findChildren(QWidget)]
    for candidate in candidates:
        if candidate.isVisible() and candidate.isEnabled() and \
                candidate.focusPolicy() & Qt.FocusPolicy.TabFocus:
            candidate.setFocus(Qt.FocusReason.TabFocusReason)
            return True
    return False


class KeyboardCommands(QObject):
    """The window's keyboard paths; ``focus_order`` is canvas, text, then the panels."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.view = window.view
        redo = window.commands.redo
        redo.setShortcuts(_unique([*redo.shortcuts(), QKeySequence("Ctrl+Y"),
                                   QKeySequence("Ctrl+Shift+Z")]))
        for sequence, step in (("Ctrl+Tab", 1), ("Ctrl+Shift+Tab", -1), ("Ctrl+Backtab", -1)):
            shortcut = QShortcut(QKeySequence(sequence), window)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(lambda s=step: self.cycle_focus(s))
        self.view.setStyleSheet(FOCUS_FRAME)
        self.view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.view.installEventFilter(self)
        self.view.viewport().installEventFilter(self)
        # Enter on a palette entry adds that kind in view (as a drop would)
        window.palette_panel.itemActivated.connect(self._palette_activated)
        self.menu = self._build_menu()

    # -- focus ---------------------------------------------------------------------------
    def focus_order(self) -> list[QWidget]:
        docks = {dock.objectName(): dock for dock in self.window._docks}
        order: list[QWidget] = [self.view]
        for name in ("editorDock", "propertiesDock", "outlineDock", "paletteDock",
                     "problemsDock"):
            dock = docks.get(name)
            if dock is not None and dock.isVisible():
                order.append(self.window.editor if name == "editorDock" else dock.widget())
        return order

    def cycle_focus(self, step: int) -> None:
        """Ctrl+Tab: the next of canvas, text and the visible panels (Ctrl+Shift+Tab back)."""
        order = self.focus_order()
        focused = self.window.focusWidget()
        current = next((i for i, w in enumerate(order)
                        if focused is not None and (focused is w or w.isAncestorOf(focused))),
                       -1)
        for offset in range(1, len(order) + 1):
            if focus_into(order[(current + step * offset) % len(order)]):
                return

    # -- the context-menu key ------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.ContextMenu and isinstance(event, QContextMenuEvent) \
                and event.reason() == QContextMenuEvent.Reason.Keyboard:
            self.open_context_menu()
            return True
        return False

    def anchor_point(self) -> QPoint:
        """Where a keyboard command acts: the centre of the selection when it is in view,
        else the centre of the visible canvas (viewport coordinates)."""
        scene = self.window.scene
        keys = scene.selected_keys()
        item = scene.element_item(keys[0]) if keys else None
        if item is None and keys:
            item = scene.relation_item(keys[0])
        viewport = self.view.viewport().rect()
        if item is not None:
            point = self.view.mapFromScene(item.sceneBoundingRect().center())
            if viewport.contains(point):
                return point
        return viewport.center()

    def open_context_menu(self) -> None:
        """The menu of the selection at the selection; with nothing selected, the
        canvas's menu at the centre of the view (so "Add Element Here" lands in view)."""
        menus = self.window.canvas_commands.menus
        point = self.anchor_point()
        nothing = not self.window.scene.selected_keys()
        menus.popup(menus.menu_at(point, empty_canvas=nothing),
                    self.view.viewport().mapToGlobal(point))

    # -- canvas commands -----------------------------------------------------------------
    def _build_menu(self) -> QMenu:
        menu = QMenu("&Insert", self.window)
        menu.setObjectName("insertMenu")
        add = menu.addMenu("Add &Element")
        for name in kinds_in_layer_order():
            action = add.addAction(ELEMENT_KINDS[name].title)
            action.setData(name)
            if name in SHORTCUT_KINDS:
                action.setShortcut(QKeySequence(f"Alt+Shift+{SHORTCUT_KINDS.index(name) + 1}"))
            action.triggered.connect(lambda _=False, n=name: self.add_element(n))
        self.connected_menu = menu.addMenu("Add &Connected")
        self.connected_menu.aboutToShow.connect(self._fill_connected)
        menu.addSeparator()
        self._action(menu, "Connect &To…", "Ctrl+Shift+K", self.connect_to)
        self._action(menu, "Move &Into System…", "Ctrl+Shift+M", self.move_into)
        self._action(menu, "Context &Menu of the Selection", "Shift+F10",
                     self.open_context_menu)
        bar = self.window.menuBar()
        before = next((a for a in bar.actions() if a.text().replace("&", "") == "Arrange"),
                      None)
        if before is not None:
            bar.insertMenu(before, menu)
        else:
            bar.addMenu(menu)
        return menu

    def _action(self, menu: QMenu, text: str, shortcut: str, slot) -> QAction:
        action = menu.addAction(text)
        action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _=False: slot())
        return action

    def _palette_activated(self, item) -> None:
        self.window.palette_panel.sig_kind_armed.emit(None)  # added now, not on a click
        self.add_element(item.data(Qt.ItemDataRole.UserRole))  # the palette's kind

    def _selected_element(self) -> str | None:
        model = self.window.scene.model
        keys = self.window.scene.selected_keys()
        return keys[0] if keys and model is not None and keys[0] in model.elements else None

    def add_element(self, kind: str | None) -> str | None:
        """A new element in view: inside the selected system, else at the visible
        centre; its name editor opens as after a drop."""
        if kind is None or not self.window.canvas_commands.guard.allowed("add an element"):
            return None
        model, boxes = self.window.scene.model, self.window.scene.boxes
        selected = self._selected_element()
        parent = selected if selected and model.elements[selected].is_group else None
        if parent is not None and parent in boxes:
            box = boxes[parent]
            at = QPointF(box.x + GRID, box.bottom - GRID)
        else:
            centre = self.view.mapToScene(self.view.viewport().rect().center())
            width, height = _default_size(kind)
            at = free_spot(QPointF(centre.x() - width / 2, centre.y() - height / 2),
                           width, height, [b for q, b in boxes.items()
                                           if not model.elements[q].is_group])
        return self.window.canvas_edits.create(CreateRequest(
            kind, snapped(at.x(), GRID), snapped(at.y(), GRID), parent))

    def _fill_connected(self) -> None:
        self.connected_menu.clear()
        qname = self._selected_element()
        model = self.window.scene.model
        if qname is None:
            self.connected_menu.addAction("Select an element first").setEnabled(False)
            return
        menus = self.window.canvas_commands.menus
        for name, relation_kind in new_kinds(model.elements[qname].kind):
            action = self.connected_menu.addAction(ELEMENT_KINDS[name].title)
            action.triggered.connect(
                lambda _=False, n=name, k=relation_kind: menus._add_connected(qname, n, k))

    def connect_to(self) -> str | None:
        """A relation from the selected element to one chosen by name."""
        source = self._selected_element()
        model = self.window.scene.model
        if source is None:
            self.window.statusBar().showMessage("Select the element to connect from", 5000)
            return None
        names = [q for q, e in model.elements.items() if q != source and not e.is_group]
        target = self.window.prompts.choose("Connect To", f"Relation from {source} to:", names)
        if target is None or not self.window.canvas_commands.guard.allowed("connect"):
            return None
        return self.window.canvas_edits.connect(ConnectRequest(source, target))

    def move_into(self) -> list[str] | None:
        """Move the selected element into a system chosen by name (or to the top level)."""
        qname = self._selected_element()
        model, boxes = self.window.scene.model, self.window.scene.boxes
        if qname is None:
            self.window.statusBar().showMessage("Select the element to move", 5000)
            return None
        top = "(top level)"
        systems = [q for q, e in model.elements.items() if e.is_group and q != qname
                   and not q.startswith(qname + ".") and q != model.elements[qname].parent]
        choice = self.window.prompts.choose("Move Into System", f"Move {qname} into:",
                                            systems + [top])
        if choice is None or not self.window.canvas_commands.guard.allowed("move"):
            return None
        system = None if choice == top else choice
        if system is not None and system in boxes:
            box = boxes[system]
            x, y = box.x + GRID, box.bottom - GRID
        else:
            box = boxes[qname]
            x, y = box.x, box.y
        return self.window.canvas_edits.move(MoveRequest(
            {qname: (snapped(x, GRID), snapped(y, GRID))}, {qname: system}))


def free_spot(at: QPointF, width: float, height: float, taken: list,
              gap: float = 2 * GRID) -> QPointF:
    """``at``, or the nearest point on rings around it where a ``width`` x ``height``
    box keeps ``gap`` from every box in ``taken`` (so keyboard additions never stack)."""
    def free(x: float, y: float) -> bool:
        return not any(x < b.right + gap and b.x < x + width + gap and
                       y < b.bottom + gap and b.y < y + height + gap for b in taken)

    step = 2 * GRID
    for ring in range(0, 40):
        for dx in range(-ring, ring + 1):
            for dy in (-ring, ring) if abs(dx) != ring else range(-ring, ring + 1):
                x, y = at.x() + dx * step, at.y() + dy * step
                if free(x, y):
                    return QPointF(x, y)
    return at


def _default_size(kind: str) -> tuple[float, float]:
    return DEFAULT_SIZES.get(kind, FALLBACK_SIZE)


def _unique(sequences: list[QKeySequence]) -> list[QKeySequence]:
    seen: list[QKeySequence] = []
    for sequence in sequences:
        if not sequence.isEmpty() and sequence not in seen:
            seen.append(sequence)
    return seen


def install(window: MainWindow) -> KeyboardCommands:
    return KeyboardCommands(window)
