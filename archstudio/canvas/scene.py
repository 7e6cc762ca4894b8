"""The diagram scene: items that follow the model, updated incrementally.

``show_model`` diffs the new model against the items it already has, keyed by qualified
name and relation key plus a signature of what each item shows, and touches only what
differs: typing one character re-lays out one label, not the diagram.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable

from PySide6.QtCore import QRectF, QTimer, Signal
from PySide6.QtWidgets import QGraphicsScene

from archstudio.canvas.background import background_router
from archstudio.canvas.batches import RelationBatch, ShapeBatch
from archstudio.canvas.changed_lines import Shown, lines_to_look_at
from archstudio.canvas.items import BATCH_LOD, ElementItem, RelationItem
from archstudio.layout.arrange import refit_systems
from archstudio.layout.collector import collector_paused
from archstudio.layout.geometry import Box, bounding_box, default_size
from archstudio.layout.routes import hints_for
from archstudio.model.elements import Model, Relation
from archstudio.render.diagram import depth, routing_inputs
from archstudio.render.drawing import Drawing, Link, wants_plans
from archstudio.render.edge_face import LABEL_LOD, EdgeFace
from archstudio.render.edge_face import label_size as edge_label_size
from archstudio.render.edge_face import signature_of as relation_signature
from archstudio.render.element_face import SHAPE_LOD, ElementFace, title_clearances
from archstudio.render.element_face import signature_of as element_signature
from archstudio.render.legend import marker_numbers
from archstudio.render.redraw import route_ahead
from archstudio.render.routing import STYLES
from archstudio.render.routing_memo import RoutingMemo
from archstudio.render.theme import LIGHT, Theme

SCENE_MARGIN = 400.0
BACKGROUND_FROM = 300  # relations: below this a whole routing takes a moment at most
UNSENT = -1  # the job of a whole routing that waits for the shapes to paint before it goes
UNPAINTED_SEND_MS = 250  # it goes this long after it was asked for if no view is shown
# Qt's item index (a BSP tree) gets its depth from the item count when it first indexes
# (the shapes alone, before the lines come) and keeps it. About 16 items to a leaf
# (2 ** 4) made moving a long line's item about 3x cheaper than Qt's depth at 2,000
# elements, frames at 100 % and Fit no slower (docs/performance.md, "Release").
ITEMS_PER_LEAF_LOG2 = 4
MIN_INDEX_DEPTH = 5  # Qt's own least depth




class DiagramScene(QGraphicsScene):
    """Shows a model. Emits ``selection_changed`` with the selected keys (qualified names
    and relation keys) when the person selects on the canvas; ``select`` does not echo."""

    selection_changed = Signal(object)
    stale_changed = Signal(bool)
    routing_changed = Signal(bool)  # True: lines are being routed in the background

    def __init__(self, parent=None, theme: Theme = LIGHT, routing: str = "orthogonal") -> None:
        super().__init__(parent)
        self.theme = theme
        self.routing = routing
        self.model: Model | None = None
        self.boxes: dict[str, Box] = {}
        self._elements: dict[str, ElementItem] = {}
        self._relations: dict[str, RelationItem] = {}
        # The relations' lines and labels, kept so a move re-routes only what it touches;
        # export reads the same drawing (see ``drawing``).
        self.drawing: Drawing | None = None
        self._routing_memo = RoutingMemo()  # the router's inputs, kept across changes
        # per relation key, the (relation, route, label box) its item shows
        self._line_sources: dict[str, tuple[Relation, list[tuple[float, float]], Box | None,
                                            int | None]] = {}
        self._numbered: set[str] = set()  # relations whose label was drawn as a marker
        self._lines_shown_of: object = None  # the routing job whose lines came early
        # (routes, labels, relations) the relation items were last brought up to date
        # with, every one of them shown (None: look at every relation next time)
        self._shown_lines: Shown | None = None
        # from this many relations a whole routing runs in the helper process
        self.background_from = BACKGROUND_FROM
        self._job: int | None = None
        self._router = None
        # a whole routing not yet sent to the helper: it goes once the shapes painted
        # (the request's pickle and the helper's start cost a tenth of a second at 2,000
        # elements, which the shapes need not wait for)
        self._unsent: Callable[[], int] | None = None
        self._zoomed_out = False
        self._labels_shown = True
        self._shapes_batched = False
        self._batch = RelationBatch()
        self.addItem(self._batch)
        self._shape_batches = (ShapeBatch(systems=True), ShapeBatch(systems=False))
        for batch in self._shape_batches:
            self.addItem(batch)
        self._stale = False
        self._quiet = False
        # qname -> (element, width, height, face) made by ``prepare`` for the next show
        self._prepared_faces: dict[str, tuple] = {}
        self._last_selection: list[str] = []
        self.selectionChanged.connect(self._on_selection_changed)

    # -- what is shown ---------------------------------------------------------------
    def element_item(self, qname: str) -> ElementItem | None:
        return self._elements.get(qname)

    def relation_item(self, key: str) -> RelationItem | None:
        return self._relations.get(key)

    def element_items(self) -> dict[str, ElementItem]:
        return dict(self._elements)

    def relation_items(self) -> dict[str, RelationItem]:
        return dict(self._relations)

    def content_rect(self) -> QRectF:
        """The drawn diagram, without the room around it for panning."""
        rect = QRectF()
        for item in (*self._elements.values(), *self._relations.values()):
            rect = rect.united(item.sceneBoundingRect())
        return rect

    # -- updating --------------------------------------------------------------------
    def prepare(self, model: Model) -> None:
        """Measure now what showing ``model`` will need whatever its boxes (relation
        labels, and the text of elements at the size the layout gives them): called
        while its layout is being made on the other core, so that showing it after
        does less (at 2,000 elements about a quarter of ``show_model``)."""
        memo = self._routing_memo.for_theme(self.theme)
        theme = self.theme
        for relation in model.relations:
            memo.label_size(relation, lambda r: edge_label_size(r, theme))
        faces = self._prepared_faces = {}
        for qname, element in model.elements.items():
            if not element.children:  # a system's size comes from its members
                width, height = default_size(element)
                faces[qname] = (element, width, height,
                                ElementFace.of(element, width, height, theme))

    def _new_face(self, qname: str, element, box: Box) -> ElementFace:
        """The face :meth:`prepare` made for this very element at this size, or a new one."""
        prepared = self._prepared_faces.pop(qname, None)
        if prepared is not None and prepared[0] is element and prepared[1] == box.width \
                and prepared[2] == box.height and prepared[3].theme is self.theme:
            return prepared[3]
        return ElementFace.of(element, box.width, box.height, self.theme)

    def show_model(self, model: Model, boxes: dict[str, Box]) -> None:
        """Make the items match ``model`` laid out in ``boxes``, touching only changes."""
        if model is self.model and boxes is self.boxes:
            return  # announced again (the pause after typing): nothing to do
        self._show(model, boxes, self.model)

    def _show(self, model: Model, boxes: dict[str, Box], previous: Model | None) -> None:
        """``previous`` is the model the items show (None: compare every item). Elements
        and relations the incremental parser shared with it are skipped at a glance, so a
        keystroke costs in proportion to what it changed."""
        shown = self.boxes
        if boxes is shown:
            moved: set[str] = set()
        else:
            moved = {q for q, b in boxes.items() if shown.get(q) is not b and shown.get(q) != b}
            moved |= shown.keys() - boxes.keys()
            # first: new items must not move what is on screen (the rect only grows and
            # holds every box shown so far: only boxes that moved or came can reach out)
            self._grow_scene_rect({q: boxes[q] for q in moved if q in boxes} if shown
                                  and self._elements else boxes)
        self.model, self.boxes = model, boxes
        changed = self._sync_elements(model, boxes, previous, moved)
        if changed or previous is None:
            self._clear_system_names(model, boxes)
        elif moved:  # a drag: only the systems it moved, or moved something in
            self._clear_system_names(model, boxes, {
                q for m in moved if m in model.elements
                for q in (m, model.elements[m].parent) if q is not None})
        if changed or previous is None:
            for batch in self._shape_batches:
                batch.set_items(list(self._elements.values()))
        elif moved:  # only boxes changed: the batches look at those alone
            shifted = [self._elements[q] for q in moved if q in self._elements]
            for batch in self._shape_batches:
                batch.items_changed(shifted, [])
        self._prepared_faces = {}
        if not self._relations_unchanged(previous, model, moved, changed):
            self._sync_relations(model, boxes, moved)

    def _clear_system_names(self, model: Model, boxes: dict[str, Box],
                            only: set[str] | None = None) -> None:
        """Tell each system's zoomed-out name (or those in ``only``) where its members
        start: the name keeps above them."""
        if only is None:
            clearances = title_clearances(model, boxes)
            for qname, item in self._elements.items():
                if item.name_item is not None:
                    item.name_item.set_clear(clearances.get(qname, math.inf))
            return
        for qname in only:
            item = self._elements.get(qname)
            if item is not None and item.name_item is not None and qname in boxes:
                top = boxes[qname].y
                item.name_item.set_clear(min(
                    (boxes[c].y - top for c in model.elements[qname].children if c in boxes),
                    default=math.inf))

    @staticmethod
    def _relations_unchanged(previous: Model | None, model: Model, moved: set[str],
                             changed: set[str]) -> bool:
        """The same relation objects between ends that neither moved nor changed kind."""
        if previous is None or moved or len(previous.relations) != len(model.relations):
            return False
        if any(a is not b for a, b in zip(previous.relations, model.relations, strict=True)):
            return False
        return not changed or not any(r.source in changed or r.target in changed
                                      for r in model.relations)

    def _sync_elements(self, model: Model, boxes: dict[str, Box], previous: Model | None,
                       moved: set[str]) -> set[str]:
        """Update the element items; the names of those that are new, gone or of another
        kind (what relations drawn to them depend on besides their boxes)."""
        items, theme = self._elements, self.theme
        before = previous.elements if previous is not None else {}
        changed: set[str] = set()
        for qname, element in model.elements.items():
            box = boxes.get(qname)
            if box is None:
                continue
            was = before.get(qname)
            if was is element and qname not in moved and qname in items:
                continue  # shared with the model shown: the very same face and box
            if was is None or was.kind != element.kind:
                changed.add(qname)  # relations to it look different
            face_key = (element_signature(element), box.width, box.height)
            item = items.get(qname)
            if item is None:
                item = ElementItem(qname, self._new_face(qname, element, box), box,
                                   depth(qname))
                item.face_key = face_key
                items[qname] = item
                item.set_batched(self._shapes_batched)
                self.addItem(item)
                if item.name_item is not None:
                    self.addItem(item.name_item)
                continue
            if item.face_key != face_key:
                item.set_face(ElementFace.of(element, box.width, box.height, theme))
                item.face_key = face_key
            if item.box != box:
                item.move_to(box)
        if moved or before.keys() != model.elements.keys():
            for qname in [q for q in items if q not in model.elements or q not in boxes]:
                changed.add(qname)
                item = items.pop(qname)
                if item.name_item is not None:
                    self.removeItem(item.name_item)
                self.removeItem(item)
        return changed

    def _sync_relations(self, model: Model, boxes: dict[str, Box],
                        moved: set[str] | None = None) -> None:
        """Lines and labels from the drawing, updated for what changed; items whose line
        and label stayed the same are not touched. A big diagram routed from scratch (an
        open, a theme, most shapes moved) is routed in the helper process: its shapes
        paint at once and its lines come with :meth:`_routed`."""
        if self._job is not None:  # a whole routing is under way: its answer brings these
            return
        relations, shapes, links, sizes, outline = routing_inputs(model, boxes, self.theme,
                                                                  memo=self._routing_memo)
        fresh = self.drawing is None or self.drawing.style != self.routing
        most_moved = moved is not None and len(moved) * 3 > len(shapes)
        # a whole routing's plans, looked up once (finding them may lay the model out)
        plans = self._plans(model, boxes, links) if fresh or most_moved else None
        if (fresh or most_moved) and self._route_in_background(
                shapes, links, sizes, outline, plans):
            return
        if fresh:
            self.drawing = Drawing.compute(shapes, links, sizes, outline, self.routing, plans)
        else:  # plans of a layout just made (Auto-arrange), from what the engine remembers
            planned = self.routing == "orthogonal" and wants_plans(links)
            hints = (hints_for(model, boxes, links, recompute=False) or None
                     if planned and moved else None)
            self.drawing = self.drawing.update(shapes, links, sizes, outline, hints)
        self._show_lines(relations, links)

    def route_ahead(self, positions: dict[str, tuple[float, float]]) -> None:
        """Route now the lines for elements dropped at ``positions`` (top-left corners,
        sizes kept), while a drag rests over that place: when the drop lands there the
        lines are ready (``render.redraw.route_ahead``); any other change ignores them."""
        if self.model is None or self.drawing is None or self._job is not None \
                or not positions:
            return
        boxes = dict(self.boxes)
        for qname, (x, y) in positions.items():
            box = boxes.get(qname)
            if box is None:
                return
            boxes[qname] = Box(x, y, box.width, box.height)
        boxes = refit_systems(self.model, boxes, list(positions), set(positions),
                              floors=self.boxes)
        with collector_paused(keep=True):  # the drawing ahead is kept (a drop takes it)
            _, shapes, links, sizes, outline = routing_inputs(
                self.model, boxes, self.theme, memo=self._routing_memo)
            route_ahead(self.drawing, shapes, links, sizes, outline)

    def _plans(self, model: Model, boxes: dict[str, Box], links) -> dict | None:
        """The layout's plans for a whole routing (None where lines are only searched)."""
        if self.routing != "orthogonal" or not wants_plans(links):
            return None
        return hints_for(model, boxes, links)

    def _route_in_background(self, shapes, links, sizes, outline, hints=None) -> bool:
        """Send a big orthogonal drawing to the helper; False to route here and now."""
        if self.routing != "orthogonal" or len(links) < self.background_from:
            return False
        router = background_router()
        if not router.available:
            return False
        if self._router is None:
            self._router = router
            router.finished.connect(self._routed)
            router.lines_arrived.connect(self._lines_arrived)
        style = self.routing

        def send() -> int:
            outlines = {q: outline(q) for q, shape in shapes.items() if not shape.is_group}
            return router.submit(shapes, links, sizes, outlines, style, hints, early=True)

        if self.views():  # (a window about to show: its first paint sends it)
            self._job, self._unsent = UNSENT, send  # sent after the next paint
            QTimer.singleShot(UNPAINTED_SEND_MS, self, self._send_unless_shown)
        else:
            self._job, self._unsent = send(), None
        self._shown_lines = None  # hidden until the answer: all are looked at then
        for item in self._relations.values():  # lines of the old places would mislead
            item.hide()
            item.label_item.hide()
        self._batch.set_lines([])
        self.routing_changed.emit(True)
        return True

    def painted(self) -> None:
        """A view painted: a whole routing waiting for that is sent once the event loop
        is back (the frame on screen first)."""
        if self._unsent is not None:
            QTimer.singleShot(0, self, self.send_routing)

    def _send_unless_shown(self) -> None:
        """A routing still waiting for a paint goes now unless a view is shown (its
        paint, on its way, sends it)."""
        if not any(view.isVisible() for view in self.views()):
            self.send_routing()

    def send_routing(self) -> None:
        """Send the whole routing that waits for a paint (``UNPAINTED_SEND_MS`` after it
        was asked for if no view is shown then)."""
        send, self._unsent = self._unsent, None
        if send is not None and self._job == UNSENT:
            self._job = send()

    @property
    def routing_pending(self) -> bool:
        """Whether the lines are being routed in the background (shapes already shown)."""
        return self._job is not None

    @property
    def labels_pending(self) -> bool:
        """Whether the background routing's lines are shown and only its labels are still
        to come."""
        return self._job is not None and self._lines_shown_of == self._job

    def _lines_arrived(self, answer: tuple) -> None:
        """The lines of the whole routing under way, before its labels (more than half
        of a big drawing's routing): shown meanwhile if nothing changed since it was
        sent; the labels, and the few lines they move, come with :meth:`_routed`."""
        job, lines = answer
        if job != self._job or self.model is None or lines.style != self.routing:
            return
        relations, shapes, links, _, _ = routing_inputs(
            self.model, self.boxes, self.theme, memo=self._routing_memo)
        if lines.shapes != shapes or any(key not in lines.routes for key, _, _ in links):
            return  # moved or typed meanwhile: the answer routes that again
        self._show_lines(relations, links, lines)
        self._lines_shown_of = job
        self.routing_changed.emit(True)  # (the canvas's note now speaks of the labels)

    def _routed(self, answer: tuple) -> None:
        job, drawing = answer
        if job != self._job:
            return
        self._job = None
        if self.model is None:
            return
        relations, shapes, links, sizes, outline = routing_inputs(
            self.model, self.boxes, self.theme, memo=self._routing_memo)
        if drawing is not None and drawing.style == self.routing and 3 * sum(
                drawing.shapes.get(q) != s for q, s in shapes.items()) > len(shapes):
            self.drawing = None  # most shapes moved meanwhile (an auto-arrange): again
            hints = self._plans(self.model, self.boxes, links)
            if self._route_in_background(shapes, links, sizes, outline, hints):
                return
            drawing = None
        if drawing is None or drawing.style != self.routing:  # no helper: route here
            hints = self._plans(self.model, self.boxes, links)
            self.drawing = Drawing.compute(shapes, links, sizes, outline, self.routing, hints)
        else:  # typed, moved or themed meanwhile: only that is routed again, here
            self.drawing = drawing.update(shapes, links, sizes, outline)
        self._show_lines(relations, links)
        self.routing_changed.emit(False)

    def _show_lines(self, relations: list[Relation], links: list[Link],
                    drawing: Drawing | None = None) -> None:
        """Relation items for the drawing's lines and labels (``drawing``, else the
        scene's). A relation shown from the very same relation, route and label box as
        before is passed over at a glance (after a move most are), so this costs in
        proportion to what changed."""
        drawing = self.drawing if drawing is None else drawing
        items = self._relations
        sources = self._line_sources
        changed = []
        # labels drawn as markers: one appearing renumbers the others, so all are looked at
        numbers = marker_numbers(drawing.labels, self.theme)
        numbered, self._numbered = self._numbered | numbers.keys(), set(numbers)
        pairs, self._shown_lines = lines_to_look_at(self._shown_lines, relations, links,
                                                    len(self._relations), drawing, numbered)
        for relation, (key, _, _) in pairs:
            points, label_box = drawing.routes[key], drawing.labels.get(key)
            number = numbers.get(key)
            item = items.get(key)
            if item is not None:
                source = sources.get(key)
                if source is not None and source[0] is relation and source[1] is points \
                        and source[2] is label_box and source[3] == number \
                        and item.isVisible():
                    continue
                if not item.isVisible():
                    item.show()
                    item.label_item.show()
            sources[key] = (relation, points, label_box, number)
            changed.append(key)
            route_key = (relation_signature(relation), label_box, number)
            if item is not None and item.route_key == route_key and (
                    item.face.points is points or item.face.points == points):
                continue
            face = EdgeFace.of(relation, points, self.theme, label_box, number)
            if item is None:
                item = RelationItem(key, face)
                items[key] = item
                self.addItem(item)
                self.addItem(item.label_item)
            else:
                item.set_face(face)
            item.route_key = route_key
        if len(items) != len(relations) or len(sources) != len(relations):
            wanted = set(drawing.routes)
            for key in [k for k in items if k not in wanted]:
                item = items.pop(key)
                self.removeItem(item.label_item)
                self.removeItem(item)
            for key in [k for k in sources if k not in wanted]:
                del sources[key]
        if self._zoomed_out or not self._labels_shown:
            for key in changed:
                if key in items:
                    self._set_drawn(items[key])
        self._batch.theme_edge, self._batch.theme_background = (self.theme.edge,
                                                                self.theme.background)
        if self._shown_lines is not None and self._shown_lines[2] is relations:
            self._batch.lines_changed([items[k] for k in changed if k in items], [])
        else:
            self._batch.set_lines(list(items.values()))
        self._shown_lines = (drawing.routes, drawing.labels, relations)
        self._fit_index()

    def _fit_index(self) -> None:
        """The item index's depth for the items shown now (see ITEMS_PER_LEAF_LOG2): set
        again only when a leaf would hold less than half or more than 2.5 times that (it
        rebuilds the index: a relation typed and taken back must not do it each time).
        An element has an item and often a name; a relation an item, a label, a head and
        pieces of line."""
        count = 2 * len(self._elements) + 4 * len(self._relations)
        depth = self.bspTreeDepth()
        if depth and 0.5 <= count / 2 ** (depth + ITEMS_PER_LEAF_LOG2) <= 2.5:
            return
        depth = max(MIN_INDEX_DEPTH, math.ceil(math.log2(max(count, 1))) - ITEMS_PER_LEAF_LOG2)
        if depth != self.bspTreeDepth():
            self.setBspTreeDepth(depth)

    # -- zoomed out: batches draw the lines and boxes -------------------------------
    def set_zoom(self, zoom: float) -> None:
        """Below ``BATCH_LOD`` the batch draws the lines and the relation items draw
        nothing; a selected relation still draws itself, above the batch. Below the
        labels' ``LABEL_LOD`` (unreadable) the labels are hidden, and below ``SHAPE_LOD``
        one :class:`ShapeBatch` draws every element as a filled box. Hidden or empty
        items cost a frame next to nothing; the view calls this before each paint."""
        zoomed_out, labels = zoom < BATCH_LOD, zoom >= LABEL_LOD
        if zoomed_out != self._zoomed_out or labels != self._labels_shown:
            self._zoomed_out, self._labels_shown = zoomed_out, labels
            for item in self._relations.values():
                self._set_drawn(item)
        batched = zoom < SHAPE_LOD
        if batched != self._shapes_batched:
            self._shapes_batched = batched
            for element in self._elements.values():
                element.set_batched(batched)

    def _set_drawn(self, item: RelationItem) -> None:
        item.show_line(self._zoomed_out)
        item.label_item.setVisible(self._labels_shown and item.isVisible())

    def _grow_scene_rect(self, boxes: dict[str, Box]) -> None:
        """Only ever grow the scene rect while editing, so the view never jumps."""
        if not boxes:
            return
        whole = bounding_box(list(boxes.values()))
        rect = QRectF(whole.x, whole.y, whole.width, whole.height).adjusted(
            -SCENE_MARGIN, -SCENE_MARGIN, SCENE_MARGIN, SCENE_MARGIN)
        current = self.sceneRect() if self._elements else QRectF()
        for view in self.views():  # what is on screen stays put (no jump on the first drop)
            current = current.united(view.mapToScene(view.viewport().rect()).boundingRect())
        if not current.contains(rect):
            self.setSceneRect(current.united(rect) if not current.isEmpty() else rect)

    def _rebuild(self) -> None:
        self.drawing = None
        dropped, self._job, self._unsent = self._job, None, None  # (of the old theme)
        if dropped is not None:  # (a routing for the new one says so again if it starts)
            self.routing_changed.emit(False)
        for item in self._elements.values():
            item.face_key = ()
        for item in self._relations.values():
            item.route_key = ()
        self._line_sources.clear()
        self._shown_lines = None
        if self.model is not None:
            self._show(self.model, self.boxes, None)

    def set_theme(self, theme: Theme) -> None:
        if theme is not self.theme:
            self.theme = theme
            self._rebuild()
            self.update()

    def set_routing(self, style: str) -> None:
        if style not in STYLES:
            raise ValueError(f"routing is one of {', '.join(STYLES)}, not {style!r}")
        if style != self.routing:
            self.routing = style
            self._rebuild()

    # -- stale -----------------------------------------------------------------------
    @property
    def is_stale(self) -> bool:
        return self._stale

    def set_stale(self, stale: bool) -> None:
        """Mark the diagram as the last good one while the text does not parse."""
        if stale != self._stale:
            self._stale = stale
            self.stale_changed.emit(stale)

    # -- selection -------------------------------------------------------------------
    def selected_keys(self) -> list[str]:
        selected = self.selectedItems()
        elements = sorted(i.qname for i in selected if isinstance(i, ElementItem))
        return elements + sorted(i.key for i in selected if isinstance(i, RelationItem))

    def select(self, keys: Iterable[str]) -> None:
        """Select elements or relations by key without emitting ``selection_changed``."""
        wanted = set(keys)
        self._quiet = True
        try:  # only what was or will be selected: not a call per item of the diagram
            for item in self.selectedItems():
                key = item.qname if isinstance(item, ElementItem) else \
                    item.key if isinstance(item, RelationItem) else None
                if key not in wanted:
                    item.setSelected(False)
            for key in wanted:
                item = self._elements.get(key) or self._relations.get(key)
                if item is not None:
                    item.setSelected(True)
        finally:
            self._quiet = False
            self._last_selection = self.selected_keys()

    def _on_selection_changed(self) -> None:
        keys = self.selected_keys()
        for key in set(keys).symmetric_difference(self._last_selection):
            if key in self._elements and self._shapes_batched:  # drawn by itself while
                item = self._elements[key]  # selected: its frame comes and goes with it
                item.set_batched(True)
                self.update(item.sceneBoundingRect())
            if key in self._relations:  # its label, a separate item, shows selection too
                self._relations[key].label_item.update()
                self._set_drawn(self._relations[key])  # zoomed out: drawn over the batch
        if self._quiet:
            return
        if keys != self._last_selection:
            self._last_selection = keys
            self.selection_changed.emit(keys)
