"""A system's title is a tab at its top left, as wide as its name and kind tag: the face
draws it, the router keeps lines and labels off it (and nowhere else on the top border),
and the JSON export says where it is."""

from __future__ import annotations

from archstudio.layout.geometry import Box


def test_a_system_title_is_a_tab_as_wide_as_its_name_and_kind(qapp):
    """The tab holds the name and then the kind tag, whole; a system too narrow for its
    title cuts the tab at its width and elides the text; the router's title box is the
    tab the face draws."""
    from archstudio.dsl import parse
    from archstudio.render import LIGHT, ElementFace
    from archstudio.render.diagram import shapes_of
    from archstudio.render.element_face import title_width_of
    from archstudio.render.scope import title_rect

    model = parse('architecture "A" {\n system S "Train Ticket" {\n  container A\n }\n'
                  ' group G "Ops" {\n  container B\n }\n}\n')
    system, group = model.elements["S"], model.elements["G"]
    wide = ElementFace.of(system, 600, 300, LIGHT)
    assert wide.tab is not None and 100 < wide.tab_width < 600
    assert wide.tab_width == title_width_of(system, LIGHT)
    texts = [(text, bold) for _, text, bold in wide.lines]
    assert texts == [("Train Ticket", True), ("[System]", False)]
    name, kind = wide.lines[0][0], wide.lines[1][0]
    assert name.x() < kind.x() < wide.tab_width and abs(name.y() - kind.y()) < 3
    narrow = ElementFace.of(system, 90, 300, LIGHT)
    assert narrow.tab_width == 90
    assert all(text.endswith("…") or len(text) < 12 for _, text, _ in narrow.lines)
    tab = ElementFace.of(group, 600, 300, LIGHT)
    assert [text for _, text, _ in tab.lines] == ["Ops"]
    assert tab.tab_width == title_width_of(group, LIGHT) < wide.tab_width
    shapes = shapes_of(model, {"S": Box(0, 0, 600, 300), "S.A": Box(50, 80, 180, 90),
                               "G": Box(700, 0, 600, 300), "G.B": Box(750, 80, 180, 90)})
    assert title_rect(shapes["S"]) == (0, 0, wide.tab_width, 34)
    assert title_rect(shapes["G"]) == (700, 0, 700 + tab.tab_width, 34)
