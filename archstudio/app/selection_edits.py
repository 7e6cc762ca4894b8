"""Rename, properties, relation edits and delete, as text edits of one undo step each.

Requests come from the canvas gestures (inline rename, reconnect, Delete) and from the
properties panel. Each becomes one edit-engine call, or a chain of them for a selection,
run through :meth:`CanvasEdits.run`: one undo step, a re-parse at once, and a status
message instead of an edit when the engine refuses.

Canvas keys name what to edit: an element's qualified name, or a relation's key
(``A->B#index``), which is turned into the relation's index in the current model.
"""

from __future__ import annotations

from collections.abc import Iterable

from archstudio import edit
from archstudio.app.canvas_edits import CanvasEdits, Operation
from archstudio.canvas.gestures.delete import DeleteRequest
from archstudio.canvas.gestures.reconnect import ReconnectRequest
from archstudio.canvas.gestures.relation_edit import RelationKindRequest
from archstudio.canvas.gestures.rename import LabelRequest
from archstudio.edit import EditError, EditResult
from archstudio.edit.naming import id_from_label, is_generated_id
from archstudio.edit.result import finish
from archstudio.model import Model

# Fields with a meaning of their own; any other key is a free property.
ID, LABEL, KIND, SOURCE, TARGET, TAGS = "id", "label", "kind", "source", "target", "tags"


def target_of(model: Model, key: str) -> str | int:
    """What the engine calls the thing a canvas key names."""
    if key in model.elements:
        return key
    for relation in model.relations:
        if relation.key == key:
            return relation.index
    raise EditError(f"'{key}' is no longer in the diagram")


def values_of(key: str, value: str) -> str | list[str]:
    """Tags are a list (``a, b``); every other property is one value, kept as typed."""
    if key == TAGS:
        return [tag.strip() for tag in value.split(",") if tag.strip()]
    return value


class SelectionEdits:
    """The app's side of the rename, properties, relation and delete gestures."""

    def __init__(self, edits: CanvasEdits) -> None:
        self.edits = edits
        self.document = edits.document

    def _run(self, operation: Operation, what: str) -> EditResult | None:
        results = self.edits.run([operation], what)
        return results[-1] if results else None

    def _key_of(self, index: int) -> str | None:
        model = self.document.reparse_now().model
        return model.relations[index].key if 0 <= index < len(model.relations) else None

    # -- labels, ids and properties --------------------------------------------------
    def label_requested(self, request: LabelRequest) -> bool:
        """A new label; an element that still has its placeholder id (``Service2``) takes
        an id from the name too (``Payment Service`` → ``PaymentService``), as one step."""
        model = self.document.reparse_now().model
        element = model.elements.get(request.target)
        label = (request.label or "").strip()
        if element is None or not label or not is_generated_id(element):
            return self.change(request.target, LABEL, request.label)
        wanted = id_from_label(label, element.kind)
        if wanted == element.id:
            return self.change(request.target, LABEL, request.label)
        qname = request.target
        results = self.edits.run([
            lambda text, model: edit.set_label(text, qname, label, model=model),
            lambda text, model: edit.rename_element(text, qname, wanted, model=model,
                                                    unique=True),
        ], "rename")
        if not results:
            return False
        self.edits.select_requested.emit([str(results[-1].subject)])
        return True

    def change(self, key: str, field: str, value: str | None) -> bool:
        """Set ``field`` of the element or relation ``key`` to ``value`` (None or blank
        removes it); ``id`` renames, ``kind``/``source``/``target`` edit a relation."""
        value = None if value is None or not value.strip() else value.strip()
        if field == ID:
            return value is not None and self.rename(key, value)
        if field == KIND:
            return self.set_relation_kind(RelationKindRequest(key, value))
        if field in (SOURCE, TARGET):
            return value is not None and self.reconnect(ReconnectRequest(key, field, value))

        def operation(text: str, model: Model | None) -> EditResult:
            model = edit.editable(text, model)
            target = target_of(model, key)
            owner = (model.elements[target] if isinstance(target, str)
                     else model.relations[target])
            if value is None:
                present = owner.label_span is not None if field == LABEL else (
                    owner.prop(field) is not None
                    or (field == "technology"
                        and getattr(owner, "technology_span", None) is not None))
                if not present:
                    return finish(text, [])
                return edit.remove_property(text, target, field, model=model)
            values = values_of(field, value)
            if field == TAGS and not values:
                return edit.remove_property(text, target, field, model=model)
            return edit.set_property(text, target, field, values, model=model)

        what = f"remove the {field}" if value is None else f"set the {field}"
        if self._run(operation, what) is None:
            return False
        if key not in self.document.reparse_now().model.elements:  # a relation: keep it
            self.edits.select_requested.emit([key])
        return True

    def rename(self, qname: str, new_id: str) -> bool:
        """A new id for an element; every reference follows and it stays selected."""
        result = self._run(lambda text, model: edit.rename_element(
            text, qname, new_id, model=model), "rename")
        if result is None:
            return False
        self.edits.select_requested.emit([str(result.subject)])
        return True

    # -- relations -------------------------------------------------------------------
    def set_relation_kind(self, request: RelationKindRequest) -> bool:
        def operation(text: str, model: Model | None) -> EditResult:
            model = edit.editable(text, model)
            return edit.set_relation_kind(text, target_of(model, request.relation),
                                          request.kind, model=model)

        return self._relation_edited(self._run(operation, "change the relation's kind"))

    def reconnect(self, request: ReconnectRequest) -> bool:
        def operation(text: str, model: Model | None) -> EditResult:
            model = edit.editable(text, model)
            return edit.reconnect(text, target_of(model, request.relation), request.end,
                                  request.element, model=model)

        return self._relation_edited(self._run(operation, "reconnect"))

    def _relation_edited(self, result: EditResult | None) -> bool:
        """Keep the edited relation selected (a reconnected one has a new key)."""
        if result is None:
            return False
        key = self._key_of(int(result.subject or 0))
        if key is not None:
            self.edits.select_requested.emit([key])
        return True

    # -- delete ----------------------------------------------------------------------
    def delete(self, request: DeleteRequest) -> bool:
        """Remove every selected element (with what it holds and its relations) and
        every selected relation, as one undo step."""
        model = self.document.reparse_now().model
        operations = deletions(model, request.keys)
        if not operations:
            return False
        if self.edits.run(operations, "delete") is None:
            return False
        self.edits.select_requested.emit([])
        return True


def deletions(model: Model, keys: Iterable[str]) -> list[Operation]:
    """The engine calls that delete ``keys``: relations first, last to first, so the
    indices of those still to go stay right; then elements, outermost only (a system
    takes its children along)."""
    keys = list(keys)
    elements = [k for k in keys if k in model.elements]
    outermost = [q for q in elements
                 if not any(q.startswith(other + ".") for other in elements)]
    wanted = set(keys)
    indices = sorted((r.index for r in model.relations if r.key in wanted), reverse=True)
    operations: list[Operation] = [
        (lambda text, model, i=i: edit.delete_relation(text, i, model=model)) for i in indices]
    operations += [(lambda text, model, q=q: edit.delete_element(text, q, model=model))
                   for q in outermost]
    return operations


def attach(window, edits: CanvasEdits) -> SelectionEdits:
    """Route the rename, relation and delete gestures of the window's view and the
    properties panel's changes through one :class:`SelectionEdits`."""
    controller = SelectionEdits(edits)
    view = window.view
    view.sig_label_requested.connect(controller.label_requested)
    view.sig_relation_kind_requested.connect(controller.set_relation_kind)
    view.sig_reconnect_requested.connect(controller.reconnect)
    view.sig_delete_requested.connect(controller.delete)
    panel = window.properties

    def change(request) -> None:
        if not controller.change(request.target, request.field, request.value):
            result = window.document.result  # refused: show what the text says again
            panel.show_element(result.shown if result else None, panel.target)

    panel.sig_change_requested.connect(change)
    return controller
