"""The main window: scene follows the text, stale diagrams, selection, problems, arrange."""
# ruff: noqa: F811  (pytest fixtures imported from test_app_support are parameters here)

from __future__ import annotations

from PySide6.QtWidgets import QDockWidget, QWidget
from test_app_support import (  # noqa: F401  (fixtures)
    EXAMPLE,
    FakePrompts,
    arch_file,
    config_dir,
    insert_before_last_brace,
    make_window,
    type_at_end,
)

from archstudio.dsl import parse


def test_panels_have_their_object_names(make_window):
    window = make_window(EXAMPLE)
    for name in ("canvasView", "dslEditor", "problemsList", "outlineTree", "propertiesPanel",
                 "palette"):
        widget = window.findChild(QWidget, name)
        assert widget is not None, name
        assert widget.isVisibleTo(window) or isinstance(widget.parent(), QDockWidget) or \
            widget is window.centralWidget()
    assert window.findChild(QWidget, "canvasView") is window.centralWidget()


def test_open_shows_every_element_and_relation_of_the_model(make_window):
    window = make_window(EXAMPLE)
    model = parse(EXAMPLE.read_text(encoding="utf-8"))
    assert set(window.scene.element_items()) == set(model.elements)
    assert set(window.scene.relation_items()) == {r.key for r in model.relations}
    outline_names = {window.outline.item_for(q).text(0) for q in model.elements}
    assert outline_names == {e.display_name for e in model.elements.values()}
    system = window.outline.item_for("ECommerce")
    assert system.childCount() == 6
    assert window.editor.text() == EXAMPLE.read_text(encoding="utf-8")


def test_title_shows_file_name_and_modified_marker(make_window, arch_file, qtbot):
    window = make_window(arch_file)
    assert window.windowTitle().startswith("platform.arch")
    assert not window.isWindowModified()
    type_at_end(qtbot, window, "// note")
    assert window.isWindowModified()
    window.editor.undo()
    assert not window.isWindowModified()


def test_typing_adds_the_element_to_the_canvas(make_window, arch_file, qtbot):
    window = make_window(arch_file)
    before = dict(window.scene.element_items())
    insert_before_last_brace(window, '  container Audit "Audit Log"\n  OrderService -> Audit\n')
    qtbot.waitUntil(lambda: "Audit" in window.scene.element_items(), timeout=3000)
    assert window.scene.element_items()["Audit"].isVisible()
    assert len(window.scene.relation_items()) == 7
    # unchanged elements keep their items (incremental, no rebuild)
    for qname, item in before.items():
        assert window.scene.element_items()[qname] is item
    # the outline follows right after the canvas's frame (here unpainted: a moment later)
    qtbot.waitUntil(lambda: window.outline.item_for("Audit") is not None, timeout=3000)
    assert window.outline.item_for("Audit").text(0) == "Audit Log"


def test_invalid_edit_keeps_last_diagram_marks_it_stale_and_lists_errors(make_window, arch_file,
                                                                          qtbot):
    window = make_window(arch_file)
    insert_before_last_brace(window, '  container Broken "unclosed\n  Customer -> \n')
    qtbot.waitUntil(lambda: window.scene.is_stale, timeout=3000)
    assert set(window.scene.element_items()) == set(parse(arch_file.read_text()).elements)
    codes = [d.code for d in window.problems.diagnostics()]
    assert "E102" in codes and any(c.startswith("E1") for c in codes)
    assert "last text that parsed" in window.problems.topLevelItem(0).text(0)
    assert "1 error" in window.summary_label.text() or "errors" in window.summary_label.text()
    # the text itself is untouched: nothing is lost
    assert 'container Broken "unclosed' in window.editor.text()
    window.editor.undo()
    qtbot.waitUntil(lambda: not window.scene.is_stale, timeout=3000)
    qtbot.waitUntil(lambda: window.problems.diagnostics() == [], timeout=3000)  # at the pause


def test_diagnostics_are_wavy_underlines_with_tooltip_text(make_window, arch_file, qtbot):
    window = make_window(arch_file)
    insert_before_last_brace(window, "  Customer -> Nowhere\n")
    result = window.document.reparse_now()
    unknown = next(d for d in result.diagnostics if d.code == "E201")
    underlines = [s for s in window.editor.extraSelections()
                  if s.format.underlineStyle() == s.format.UnderlineStyle.WaveUnderline]
    assert any(s.cursor.selectionStart() == unknown.span.start for s in underlines)
    assert unknown in window.editor.diagnostics_at(unknown.span.start + 2)


def test_problem_double_click_jumps_and_selects_the_element(make_window, arch_file, qtbot):
    window = make_window(arch_file)
    insert_before_last_brace(window, '  container Lonely\n')
    window.document.reparse_now()
    diagnostic = next(d for d in window.problems.diagnostics() if d.code == "W302")
    item = window.problems.item_for(diagnostic)
    window.problems.itemActivated.emit(item, 0)
    assert window.editor.cursor_offset() == diagnostic.span.start
    assert window.scene.selected_keys() == ["Lonely"]
    assert window.outline.selected_qnames() == ["Lonely"]


def test_canvas_selection_selects_in_outline_and_highlights_statement(make_window, qtbot):
    window = make_window(EXAMPLE)
    model = parse(EXAMPLE.read_text(encoding="utf-8"))
    window.scene.element_item("ECommerce.OrderService").setSelected(True)
    assert window.outline.selected_qnames() == ["ECommerce.OrderService"]
    span = model.elements["ECommerce.OrderService"].span
    assert window.editor.highlighted_statement() == (span.start, span.end)
    assert window.properties.rows()["Label"] == "Order Processing"


def test_text_cursor_on_a_statement_selects_the_element(make_window):
    window = make_window(EXAMPLE)
    text = window.editor.text()
    qname = next(q for q in window.scene.element_items() if q.endswith("PaymentDB"))
    window.editor.go_to(text.index("PaymentDB") + 2)
    assert window.scene.selected_keys() == [qname]
    assert window.outline.selected_qnames() == [qname]
    window.editor.go_to(text.index("Customer -> UserService") + 3)
    (key,) = window.scene.selected_keys()
    assert key.startswith("Customer->")


def test_outline_selection_selects_on_canvas(make_window):
    window = make_window(EXAMPLE)
    qname = next(q for q in window.scene.element_items() if q.endswith("UserDB"))
    window.outline.item_for(qname).setSelected(True)
    assert window.scene.selected_keys() == [qname]
    assert window.properties.rows()["Kind"] == "Datastore"


def test_quick_fix_from_the_problems_list_is_one_undo_step(make_window, arch_file, qtbot):
    window = make_window(arch_file)
    insert_before_last_brace(window, "  Customer -> OrderServce\n")
    window.document.reparse_now()
    diagnostic = next(d for d in window.problems.diagnostics() if d.code == "E201")
    fixes = window.problems.fixes_for(diagnostic)
    assert fixes, "an unknown reference offers fixes"
    before = window.editor.text()
    window.problems.sig_fix_requested.emit(fixes[0])
    assert window.editor.text() != before
    assert not any(d.code == "E201" for d in window.problems.diagnostics())
    window.editor.undo()
    assert window.editor.text() == before


def test_auto_arrange_writes_the_layout_section_as_one_undo_step(make_window, arch_file, qtbot):
    window = make_window(arch_file)
    original = window.editor.text()
    window.auto_arrange()
    qtbot.waitUntil(lambda: "layout {" in window.editor.text(), timeout=5000)
    text = window.editor.text()
    assert text.startswith(original.rstrip("\n"))  # the author's part is untouched
    model = parse(text)
    assert set(model.layout) == set(model.elements)
    for qname, entry in model.layout.items():
        box = window.document.result.boxes[qname]
        assert (box.x, box.y) == (entry.x, entry.y)
    window.editor.undo()
    assert window.editor.text() == original


def test_undo_and_redo_actions_act_on_the_text(make_window, arch_file, qtbot):
    window = make_window(arch_file)
    assert not window.commands.undo.isEnabled()
    type_at_end(qtbot, window, "// x")
    assert window.commands.undo.isEnabled()
    window.commands.undo.trigger()
    assert window.editor.text() == arch_file.read_text()
    assert window.commands.redo.isEnabled()
    window.commands.redo.trigger()
    assert window.editor.text().endswith("// x")


def test_standard_shortcuts(make_window):
    window = make_window()
    shortcuts = {a.text().replace("&", ""): a.shortcut().toString() for a in window.commands.all()}
    assert shortcuts["New"] == "Ctrl+N" and shortcuts["Open…"] == "Ctrl+O"
    assert shortcuts["Save"] == "Ctrl+S" and shortcuts["Quit"] == "Ctrl+Q"
    assert shortcuts["Undo"] == "Ctrl+Z" and shortcuts["Zoom In"] == "Ctrl++"
    menus = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert menus[:3] == ["File", "Edit", "View"]


def test_zoom_and_fit_change_the_view(make_window):
    window = make_window(EXAMPLE)
    before = window.view.zoom()
    window.commands.zoom_in.trigger()
    assert window.view.zoom() > before
    window.commands.zoom_out.trigger()
    window.commands.zoom_out.trigger()
    assert window.view.zoom() < before


def test_dark_theme_is_remembered_and_export_stays_light(make_window, tmp_path, qtbot):
    from PySide6.QtGui import QImage

    window = make_window(EXAMPLE)
    window.commands.dark_theme.trigger()
    assert window.settings.theme() == "dark"
    assert window.scene.theme.name.lower().startswith("dark")
    out = tmp_path / "out.png"
    assert window.export_to(str(out))
    image = QImage(str(out))
    corner = image.pixelColor(2, 2)
    assert corner.lightness() > 200  # light diagram theme in exports
    again = make_window(EXAMPLE)
    assert again.commands.dark_theme.isChecked()
    window.commands.dark_theme.trigger()


def test_palette_offers_every_kind_for_dragging(make_window):
    from archstudio.app.panels import KIND_MIME_TYPE
    from archstudio.model import ELEMENT_KINDS

    window = make_window()
    palette = window.palette_panel
    assert sorted(palette.kinds()) == sorted(ELEMENT_KINDS)
    data = palette.mimeData([palette.item(0)])
    assert bytes(data.data(KIND_MIME_TYPE)).decode() == palette.kinds()[0]


def test_large_model_arranges_in_the_background(make_window, tmp_path, qtbot):
    from benchmarks.models import generate

    path = tmp_path / "big.arch"
    path.write_text(generate(200), encoding="utf-8")
    window = make_window(path)
    window.auto_arrange()
    assert "layout {" not in window.editor.text()  # not done on the UI thread
    qtbot.waitUntil(lambda: "layout {" in window.editor.text(), timeout=20000)
    assert set(parse(window.editor.text()).layout) == set(window.scene.element_items())
    assert window.centralWidget().objectName() == "canvasView"


def _share_order_database(window, qtbot) -> None:
    """Point PaymentService at OrderDB (a database two services share: rule A204) and wait
    for the rules to report it."""
    cursor = window.editor.textCursor()
    start = window.editor.text().index("PaymentService -> PaymentDB")
    cursor.setPosition(start + len("PaymentService -> "))
    cursor.setPosition(start + len("PaymentService -> PaymentDB"), cursor.MoveMode.KeepAnchor)
    cursor.insertText("OrderDB")
    qtbot.waitUntil(lambda: "A204" in [d.code for d in window.problems.diagnostics()],
                    timeout=3000)


def test_rule_problems_join_the_list_after_a_pause_and_move_with_the_text(make_window,
                                                                           arch_file, qtbot):
    window = make_window(arch_file)
    _share_order_database(window, qtbot)
    shared = next(d for d in window.problems.diagnostics() if d.code == "A204")
    window.editor.go_to(0)
    window.editor.insertPlainText("// moved down a line\n")
    window.document.reparse_now()  # at once: the rules have not run again yet
    moved = next(d for d in window.problems.diagnostics() if d.code == "A204")
    assert moved.span.start == shared.span.start + len("// moved down a line\n")
    assert moved.span.line == shared.span.line + 1


def test_properties_list_relations_also_with_an_unknown_end(make_window, arch_file, qtbot):
    window = make_window(arch_file)
    insert_before_last_brace(window, "  Customer -> Nowhere \"asks\"\n")
    window.document.reparse_now()
    window.outline.item_for("Customer").setSelected(True)
    rows = window.properties.rows()
    assert rows["Label"] == "Online Customer"
    group = window.properties.topLevelItem(window.properties.topLevelItemCount() - 1)
    children = {group.child(i).text(0): group.child(i).text(1) for i in range(group.childCount())}
    assert children == {"→ User Management": "Logs in", "→ Nowhere": "asks"}


def test_export_whole_diagram_or_selection(make_window, tmp_path):
    from PySide6.QtGui import QImage

    prompts = FakePrompts()
    window = make_window(EXAMPLE, prompts)
    window.outline.item_for("ECommerce.UserDB").setSelected(True)
    whole, part = tmp_path / "whole.png", tmp_path / "part.svg"
    prompts.export_answer = str(whole)
    assert window.commands.export.trigger() is None and whole.exists()
    prompts.export_answer = str(part)
    window.commands.export_selection.trigger()
    assert "User Database" in part.read_text(encoding="utf-8")
    assert "Order Database" not in part.read_text(encoding="utf-8")
    assert QImage(str(whole)).width() > 400
    window.outline.clearSelection()
    assert not window.export_to(str(tmp_path / "none.png"), selection=True)
    assert "Select elements" in prompts.errors[-1]


def test_rule_problems_move_once_when_the_edit_is_inside_the_body(make_window, arch_file,
                                                                   qtbot):
    """The incremental parser's spans follow the newest text; rule problems carried over
    an edit must still move exactly once (they agree with a fresh check)."""
    from archstudio.app.parsing import rule_diagnostics

    window = make_window(arch_file)
    _share_order_database(window, qtbot)
    body = window.editor.text().index("person Customer")
    window.editor.go_to(body)
    window.editor.insertPlainText("xy")
    window.editor.go_to(body)
    window.editor.insertPlainText("// a note\n  ")
    window.document.reparse_now()  # at once: the rules have not run again yet
    moved = sorted((d.span.start, d.span.end) for d in window.problems.diagnostics()
                   if d.code == "A204")
    fresh = sorted((d.span.start, d.span.end)
                   for d in rule_diagnostics(parse(window.editor.text())) if d.code == "A204")
    assert moved == fresh


def test_quick_fix_from_the_editors_context_menu_where_the_problem_is(make_window, arch_file):
    window = make_window(arch_file)
    insert_before_last_brace(window, "  Customer -> OrderServce\n")
    window.document.reparse_now()
    before = window.editor.text()
    offset = before.index("OrderServce") + 3
    menu = window.editor.context_menu_at(offset)
    fixes = [a for a in menu.actions() if a.text().startswith("Fix: ")]
    assert any("OrderService" in a.text() for a in fixes), [a.text() for a in fixes]
    assert any(a.text() == "&Undo\tCtrl+Z" or "Undo" in a.text() for a in menu.actions())
    next(a for a in fixes if "OrderService" in a.text()).trigger()
    assert "Customer -> OrderService\n" in window.editor.text()
    assert not any(d.code == "E201" for d in window.problems.diagnostics())
    window.editor.undo()
    assert window.editor.text() == before
    elsewhere = window.editor.context_menu_at(before.index("architecture"))
    assert not [a for a in elsewhere.actions() if a.text().startswith("Fix: ")]
