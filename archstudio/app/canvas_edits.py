"""The app's side of canvas editing: a request from a gesture becomes one text edit.

Each request is a chain of edit-engine operations (create, then place; reparent, then
place; ...). They run on the text one after the other, and their edits go into the
editor's document as ONE undo step, so Ctrl+Z in the editor undoes a drag and Ctrl+Z on
the canvas undoes typing. The document is re-parsed at once, so the scene follows the
text before the next frame. A refused edit (``EditError``) leaves the text untouched and
says why in the status bar.

Rename, relation editing, the clipboard and the context menus reuse
:meth:`CanvasEdits.run` for their requests.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Signal

from archstudio import edit
from archstudio.app.documents import Document
from archstudio.app.dsl_editor import DslEditor
from archstudio.canvas.gestures import EditingGestures, install_editing
from archstudio.canvas.gestures.connect import relation_kinds
from archstudio.canvas.gestures.rename import start_rename
from archstudio.canvas.gestures.requests import (
    ConnectRequest,
    CreateRequest,
    MoveRequest,
    ResizeRequest,
)
from archstudio.dsl import TextEdit
from archstudio.dsl.incremental import IncrementalParser
from archstudio.edit import EditError, EditResult
from archstudio.edit.layout import entry_text, layout_edits
from archstudio.edit.naming import placeholder_id
from archstudio.edit.result import finish
from archstudio.layout import Box
from archstudio.layout.arrange import padded
from archstudio.layout.collector import collector_paused
from archstudio.layout.geometry import union
from archstudio.model import Model
from archstudio.model.kinds import ELEMENT_KINDS

# One operation of a chain: (text, model of that text or None) -> result.
Operation = Callable[[str, Model | None], EditResult]


def new_id_for(kind: str) -> str:
    """The placeholder id a new element of ``kind`` starts with (``Service``)."""
    return placeholder_id(kind)


class CanvasEdits(QObject):
    """Turns canvas requests into edits of the editor's document.

    ``select_requested`` carries the keys to select after an edit (the new element, the
    new relation, the moved elements under their new names); ``created`` names a new
    element, so the inline label editor can start; ``status`` carries a message.
    """

    select_requested = Signal(object)  # list[str]
    created = Signal(object)  # str, the new element's qualified name
    status = Signal(str)

    def __init__(self, editor: DslEditor, document: Document,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.document = document
        self._parser = IncrementalParser()  # for the texts between chained operations

    # -- the one way in ----------------------------------------------------------------
    def run(self, operations: Sequence[Operation], what: str) -> list[EditResult] | None:
        """Run ``operations`` one after another on the current text and apply all their
        edits as one undo step; None (and a status message) when one is refused."""
        with collector_paused(keep=True):  # the edit, the parse and the canvas keep what
            # they make: frozen after it, later collections do not walk it again
            return self._run(operations, what)

    def _run(self, operations: Sequence[Operation], what: str) -> list[EditResult] | None:
        result = self.document.reparse_now()
        if result.stale:
            self.status.emit(f"Cannot {what}: the text has syntax errors (see Problems)")
            return None
        text, model = self.editor.text(), result.model
        results: list[EditResult] = []
        try:
            for operation in operations:
                if model is None:  # the text a previous operation left
                    model = self._parser.parse(text)
                step = operation(text, model)
                results.append(step)
                text, model = step.text, None
        except EditError as exc:
            self.status.emit(f"Cannot {what}: {exc}")
            return None
        self.apply_steps([step.edits for step in results])
        self.document.reparse_now()
        return results

    def apply_steps(self, steps: Sequence[list[TextEdit]]) -> None:
        """Apply edit lists, each in offsets of the text the previous one left, as one
        undo step (the later ones join the first one's edit block)."""
        steps = [edits for edits in steps if edits]
        if not steps:
            return
        self.editor.apply_edits(steps[0])
        for edits in steps[1:]:
            self.editor.apply_edits(edits, join_previous=True)

    # -- requests --------------------------------------------------------------------
    def create(self, request: CreateRequest) -> str | None:
        """A new element with a fresh unique id where it was dropped (and related to
        ``connect_from``); returns its qualified name."""
        title = ELEMENT_KINDS[request.kind].title if request.kind in ELEMENT_KINDS else None
        made: list[str] = []

        def create(text: str, model: Model | None) -> EditResult:
            step = edit.create_element(text, request.kind, new_id_for(request.kind),
                                       label=title, parent=request.parent, unique=True,
                                       model=model)
            made.append(str(step.subject))
            return step

        operations: list[Operation] = [
            create,
            lambda text, model: edit.set_positions(text, {made[0]: (request.x, request.y)},
                                                   model=model),
        ]
        if request.connect_from is not None:
            operations.append(lambda text, model: edit.connect(
                text, request.connect_from, made[0], kind=request.relation_kind, model=model))
        if self.run(operations, f"add a {title or request.kind}") is None:
            return None
        self.select_requested.emit([made[0]])
        self.created.emit(made[0])
        return made[0]

    def connect(self, request: ConnectRequest) -> str | None:
        """A relation between two elements; returns its key."""
        model = self.document.reparse_now().model
        ends = [model.elements.get(request.source), model.elements.get(request.target)]
        if request.kind is None and None not in ends:
            source, target = (end.kind for end in ends)
            if not relation_kinds(source, target):
                self.status.emit(f"Cannot connect: no relation kind joins a {source} "
                                 f"to a {target}")
                return None
        results = self.run([lambda text, model: edit.connect(
            text, request.source, request.target, kind=request.kind, model=model)],
            "connect")
        if results is None:
            return None
        model = self.document.reparse_now().model
        index = results[-1].subject
        key = model.relations[index].key if isinstance(index, int) and index < len(
            model.relations) else None
        if key is not None:
            self.select_requested.emit([key])
        return key

    def move(self, request: MoveRequest) -> list[str] | None:
        """Reparent what changed system, then write the new positions (and the sizes of
        systems that must grow to hold them); returns the moved elements' new names."""
        boxes = self.document.reparse_now().boxes
        renamed = {qname: qname for qname in request.positions}
        operations = [self._reparent(q, into, renamed) for q, into in request.parents.items()]
        operations.append(lambda text, model: _placed(text, model, boxes, request, renamed))
        if self.run(operations, "move") is None:
            return None
        names = list(renamed.values())
        self.select_requested.emit(names)
        return names

    @staticmethod
    def _reparent(qname: str, into: str | None, renamed: dict[str, str]) -> Operation:
        def operation(text: str, model: Model | None) -> EditResult:
            current = renamed.get(qname, qname)
            target = renamed.get(into, into) if into is not None else None
            try:  # keep the id; only a clash inside the new system earns a number
                step = edit.move_element(text, current, target, model=model)
            except EditError:
                step = edit.move_element(text, current, target, unique=True, model=model)
            new = str(step.subject) if step.subject else current
            for old, name in list(renamed.items()):  # the moved one and what it holds
                if name == current or name.startswith(current + "."):
                    renamed[old] = new + name[len(current):]
            return step
        return operation

    def resize(self, request: ResizeRequest) -> bool:
        """A system's new box (its corner moves too when dragged by a left or top edge)."""
        box = Box(request.x, request.y, request.width, request.height)
        if not (box.width > 0 and box.height > 0):
            self.status.emit("Cannot resize: a size must be positive")
            return False
        if self.run([lambda text, model: _boxes_written(text, model, {request.qname: box})],
                    "resize") is None:
            return False
        self.select_requested.emit([request.qname])
        return True


def _boxes_written(text: str, model: Model | None, boxes: dict[str, Box]) -> EditResult:
    """Positions and sizes of systems in one edit of the layout section."""
    model = edit.editable(text, model)
    for qname in boxes:
        element = edit.find_element(model, qname)
        if not element.is_group:
            raise EditError(f"only systems have a size; '{qname}' is a {element.kind}")
    return finish(text, layout_edits(text, model, {
        q: entry_text(q, b.x, b.y, b.width, b.height) for q, b in boxes.items()}))


def _placed(text: str, model: Model | None, boxes: dict[str, Box], request: MoveRequest,
            renamed: dict[str, str]) -> EditResult:
    """The moved elements' new corners (a size in the file is kept), and the systems with
    a size in the file that a moved child would overflow, grown to hold it."""
    model = edit.editable(text, model)
    changes: dict[str, str | None] = {}
    grown: dict[str, Box] = {}
    for old, (x, y) in request.positions.items():
        qname = renamed[old]
        entry = model.layout.get(qname)
        if entry is not None and entry.width and entry.height:
            changes[qname] = entry_text(qname, x, y, entry.width, entry.height)
        else:
            changes[qname] = entry_text(qname, x, y)
        size = boxes.get(old)
        if size is None or qname not in model.elements:
            continue
        need = padded(Box(x, y, size.width, size.height))
        parent = model.elements[qname].parent
        while parent is not None and parent not in changes:
            entry = model.layout.get(parent)
            if entry is not None and entry.width and entry.height:
                current = grown.get(parent, Box(entry.x, entry.y, entry.width, entry.height))
                grown[parent] = union(current, need)
                need = padded(grown[parent])
            parent = model.elements[parent].parent
    for qname, box in grown.items():
        entry = model.layout[qname]
        if (box.x, box.y, box.width, box.height) != (entry.x, entry.y, entry.width,
                                                     entry.height):
            changes[qname] = entry_text(qname, box.x, box.y, box.width, box.height)
    return finish(text, layout_edits(text, model, changes))


def attach(window) -> tuple[CanvasEdits, EditingGestures]:
    """Install the create/connect/move/resize/select gestures on the window's view and
    route their requests through one :class:`CanvasEdits` (``window`` is the MainWindow:
    its view, editor, document, palette, status bar and selection)."""
    view = window.view
    edits = CanvasEdits(window.editor, window.document, window)
    gestures = install_editing(view)
    view.sig_create_requested.connect(edits.create)
    view.sig_connect_requested.connect(edits.connect)
    held = window.after_frame.held  # a drop's frame first, the panels right after

    def move(request: MoveRequest) -> None:
        with held():
            edits.move(request)

    def resize(request: ResizeRequest) -> None:
        with held():
            edits.resize(request)

    view.sig_move_requested.connect(move)
    view.sig_resize_requested.connect(resize)
    edits.status.connect(lambda text: window.statusBar().showMessage(text, 6000))
    edits.select_requested.connect(window.select_keys)
    edits.created.connect(lambda qname: start_rename(view, qname))
    palette = window.palette_panel
    palette.sig_kind_armed.connect(gestures.palette.arm)
    gestures.palette.disarmed = palette.clearSelection
    gestures.set_snap(window.settings.snap_to_grid())
    return edits, gestures
