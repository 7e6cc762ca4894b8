"""Names that read well: an element made on the canvas takes its id from the name typed
for it, a copy is ``ApiCopy``, and an id the person chose is never changed."""
# ruff: noqa: F811  (pytest fixtures imported from support modules are parameters here)

from __future__ import annotations

from gesture_support import SHOP, shop, shop_file  # noqa: F401  (fixtures)
from PySide6.QtWidgets import QLineEdit
from selection_edit_support import type_into
from test_app_support import config_dir, make_window  # noqa: F401  (fixtures)
from test_gestures_create_connect import drop_kind

from archstudio.canvas.gestures.rename import start_rename
from archstudio.dsl import parse
from archstudio.edit.naming import copy_id, id_from_label, is_generated_id


def name_editor(window):
    editors = [e for e in window.view.findChildren(QLineEdit, "inlineLabelEditor")
               if e.isVisible()]
    assert len(editors) == 1
    return editors[0]


def test_ids_from_names():
    assert id_from_label("Payment Service", "container") == "PaymentService"
    assert id_from_label("compose-post_service", "container") == "ComposePostService"
    assert id_from_label("API gateway", "gateway") == "APIGateway"
    assert id_from_label("3D renderer", "container") == "Service3DRenderer"
    assert id_from_label("Ünïcode DB", "datastore") == "NcodeDB"
    assert id_from_label("!!!", "datastore") == "Datastore"
    assert parse(f'architecture "x" {{ container {id_from_label("a-b c", "container")} }}') \
        .elements  # every derived id is a valid id
    assert copy_id("Api", {"Api"}) == "ApiCopy"
    assert copy_id("Api", {"Api", "ApiCopy"}) == "ApiCopy2"
    assert copy_id("ApiCopy", {"Api", "ApiCopy", "ApiCopy2"}) == "ApiCopy3"


def test_only_placeholder_ids_count_as_generated():
    model = parse('architecture "x" {\n  container Service\n  container Service12\n'
                  '  container Api\n  datastore Service3\n}\n')
    generated = {q for q, e in model.elements.items() if is_generated_id(e)}
    assert generated == {"Service", "Service12"}  # a datastore called Service3 was chosen


def test_a_dropped_element_takes_its_id_from_the_name_typed(shop, qtbot):
    drop_kind(shop, "container", (900, 300))
    after_drop = shop.editor.text()
    assert "Service" in shop.document.result.model.elements
    type_into(qtbot, name_editor(shop), "Payment Service")
    model = shop.document.result.model
    assert "Service" not in model.elements
    assert model.elements["PaymentService"].label == "Payment Service"
    assert "PaymentService:" in shop.editor.text()  # the layout entry follows
    assert shop.scene.selected_keys() == ["PaymentService"]
    shop.editor.undo()  # naming is one step
    assert shop.editor.text() == after_drop


def test_f2_on_a_generated_id_renames_id_and_label_together(shop, qtbot):
    drop_kind(shop, "datastore", (900, 300))
    name_editor(shop).cancel()
    drop_kind(shop, "datastore", (900, 520))
    name_editor(shop).cancel()
    start_rename(shop.view, "Datastore2")
    type_into(qtbot, name_editor(shop), "Orders DB")
    model = shop.document.result.model
    assert model.elements["OrdersDB"].label == "Orders DB"
    assert "Datastore2" not in shop.editor.text()
    start_rename(shop.view, "Datastore")
    type_into(qtbot, name_editor(shop), "Orders DB")  # the same name: a unique id
    model = shop.document.result.model
    assert {"OrdersDB", "OrdersDB2"} <= set(model.elements)


def test_f2_on_a_chosen_id_changes_only_the_label(shop, qtbot):
    before = parse(SHOP)
    chosen = next(q for q, e in before.elements.items() if not e.is_group
                  and not is_generated_id(e))
    start_rename(shop.view, chosen)
    type_into(qtbot, name_editor(shop), "Something Else")
    model = shop.document.result.model
    assert chosen in model.elements and model.elements[chosen].label == "Something Else"


def test_relations_follow_when_a_generated_id_is_named(shop, qtbot):
    drop_kind(shop, "container", (900, 300))
    name_editor(shop).cancel()
    target = next(q for q, e in shop.document.result.model.elements.items()
                  if not e.is_group and q != "Service")
    shop.editor.appendPlainText(f"Service -> {target}\n")
    shop.document.reparse_now()
    start_rename(shop.view, "Service")
    type_into(qtbot, name_editor(shop), "Billing")
    model = parse(shop.editor.text())
    assert not model.errors
    assert any(r.source == "Billing" and r.target == target for r in model.relations)
