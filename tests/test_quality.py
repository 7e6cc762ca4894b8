"""Drawing quality figures (archstudio.layout.quality) on hand-made geometries."""

from __future__ import annotations

import pytest

from archstudio.layout import quality
from archstudio.layout.geometry import GROUP_TITLE


def element(qname, box, kind="container", system=None):
    return {"id": qname, "kind": kind, "system": system, "box": list(box)}


def relation(source, target, points, label_box=None):
    return {"from": source, "to": target, "points": [list(p) for p in points],
            "label_box": list(label_box) if label_box else None}


def drawing(elements, relations, width=1000, height=800):
    return {"version": 1, "width": width, "height": height, "elements": elements,
            "relations": relations}


def test_constants_agree_with_the_layout():
    assert quality.TITLE_BAND == GROUP_TITLE


# -- crossings -------------------------------------------------------------------------------
def test_a_plus_is_one_crossing_and_a_touch_is_none():
    plus = drawing([], [relation("a", "b", [(0, 50), (100, 50)]),
                        relation("c", "d", [(50, 0), (50, 100)])])
    assert quality.crossings(plus) == 1
    tee = drawing([], [relation("a", "b", [(0, 50), (100, 50)]),
                       relation("c", "d", [(50, 0), (50, 50)])])
    assert quality.crossings(tee) == 0
    shared_end = drawing([], [relation("a", "b", [(0, 0), (100, 100)]),
                              relation("a", "c", [(0, 0), (100, 0)])])
    assert quality.crossings(shared_end) == 0


def test_crossings_count_every_point_and_ignore_a_relation_crossing_itself():
    zigzag = relation("a", "b", [(0, 10), (100, 10), (100, 30), (0, 30)])
    vertical = relation("c", "d", [(50, 0), (50, 100)])
    assert quality.crossings(drawing([], [zigzag, vertical])) == 2
    loop = relation("a", "b", [(0, 50), (100, 50), (100, 0), (50, 0), (50, 100)])
    assert quality.crossings(drawing([], [loop])) == 0


def test_crossings_far_apart_on_a_large_drawing_are_all_found():
    relations = []
    for i in range(20):  # 20 horizontals x 20 verticals, spread over several grid cells
        relations.append(relation("h", "x", [(0, 100 * i + 50), (2000, 100 * i + 50)]))
        relations.append(relation("v", "y", [(100 * i + 50, 0), (100 * i + 50, 2000)]))
    assert quality.crossings(drawing([], relations, 2000, 2000)) == 400


# -- relations through shapes -----------------------------------------------------------------
def test_a_line_through_a_foreign_shape_counts_once_but_not_through_its_own_ends():
    elements = [element("a", (0, 0, 100, 60)), element("b", (400, 0, 100, 60)),
                element("c", (200, 0, 100, 60))]
    through = relation("a", "b", [(100, 30), (200, 30), (300, 30), (400, 30)])
    assert quality.through_shapes(drawing(elements, [through])) == 1
    around = relation("a", "b", [(100, 30), (150, 30), (150, 100), (350, 100), (350, 30),
                                 (400, 30)])
    assert quality.through_shapes(drawing(elements, [around])) == 0
    along_border = relation("a", "b", [(100, 60), (400, 60)])
    assert quality.through_shapes(drawing(elements, [along_border])) == 0


def test_system_title_band_is_a_shape_and_its_body_is_for_its_own_relations():
    system = element("S", (100, 100, 400, 300), kind="system")
    inner_a = element("S.a", (130, 160, 100, 60), system="S")
    inner_b = element("S.b", (370, 300, 100, 60), system="S")
    outer = element("o", (700, 200, 100, 60))
    top = element("t", (250, 0, 100, 40))
    elements = [system, inner_a, inner_b, outer, top]
    sibling = relation("S.a", "S.b", [(230, 190), (420, 190), (420, 300)])
    into = relation("o", "S.b", [(700, 330), (470, 330)])
    assert quality.through_shapes(drawing(elements, [sibling, into])) == 0
    # from above into S.a through the title band: counted (a child's relation too)
    via_title = relation("t", "S.a", [(300, 40), (300, 120), (180, 120), (180, 160)])
    assert quality.through_shapes(drawing(elements, [via_title])) == 1
    # straight across the body of a system holding neither end
    across = relation("t", "o", [(350, 20), (600, 20), (600, 250), (50, 250), (50, 230)])
    assert quality.through_shapes(drawing(elements, [across])) == 1
    # a relation to the system itself may end on its frame
    to_system = relation("o", "S", [(700, 230), (500, 230)])
    assert quality.through_shapes(drawing(elements, [to_system])) == 0


def test_a_system_title_tab_blocks_lines_only_where_its_text_is():
    system = element("S", (100, 100, 400, 300), kind="system")
    system["title_box"] = [100, 100, 150, 34]
    inner = element("S.a", (330, 160, 100, 60), system="S")
    top = element("t", (350, 0, 100, 40))
    elements = [system, inner, top]
    # straight down across the top border beyond the tab: fine
    beside_tab = relation("t", "S.a", [(400, 40), (400, 160)])
    assert quality.through_shapes(drawing(elements, [beside_tab])) == 0
    # down through the tab's text: counted
    via_tab = relation("t", "S.a", [(400, 40), (400, 60), (200, 60), (200, 190), (330, 190)])
    assert quality.through_shapes(drawing(elements, [via_tab])) == 1
    # a label on the top strip beside the tab covers nothing; on the tab it does
    beside_tab["label_box"] = [300, 110, 60, 16]
    assert quality.labels_on_shapes(drawing(elements, [beside_tab])) == 0
    beside_tab["label_box"] = [200, 110, 60, 16]
    assert quality.labels_on_shapes(drawing(elements, [beside_tab])) == 1
    # a drawing that does not say where its titles are: the whole top strip is the title
    del system["title_box"]
    beside_tab["label_box"] = None
    assert quality.through_shapes(drawing(elements, [beside_tab])) == 1


def test_nested_system_body_is_open_to_relations_with_an_end_inside():
    outer = element("A", (0, 0, 600, 400), kind="system")
    inner = element("A.B", (50, 60, 300, 300), kind="system", system="A")
    x = element("A.B.x", (80, 200, 100, 60), system="A.B")
    y = element("A.y", (450, 200, 100, 60), system="A")
    z = element("A.z", (450, 50, 100, 60), system="A")
    elements = [outer, inner, x, y, z]
    fine = relation("A.B.x", "A.y", [(180, 230), (450, 230)])
    assert quality.through_shapes(drawing(elements, [fine])) == 0
    across_inner = relation("A.z", "A.y", [(450, 80), (20, 80), (20, 380), (200, 380),
                                            (200, 150), (500, 150), (500, 200)])
    assert quality.through_shapes(drawing(elements, [across_inner])) == 1


# -- labels ---------------------------------------------------------------------------------
def test_labels_on_shapes_titles_and_labels():
    system = element("S", (0, 0, 500, 300), kind="system")
    shape = element("S.a", (50, 100, 100, 60), system="S")
    elements = [system, shape]
    on_body = relation("x", "y", [(0, 0), (1, 1)], label_box=(200, 150, 40, 16))
    on_shape = relation("x", "y", [(0, 0), (1, 1)], label_box=(140, 120, 40, 16))
    on_title = relation("x", "y", [(0, 0), (1, 1)], label_box=(300, 20, 40, 16))
    assert quality.labels_on_shapes(drawing(elements, [on_body])) == 0
    assert quality.labels_on_shapes(drawing(elements, [on_shape, on_title])) == 2
    touching = relation("x", "y", [(0, 0), (1, 1)], label_box=(150, 120, 40, 16))
    assert quality.labels_on_shapes(drawing(elements, [touching])) == 0
    first = relation("x", "y", [(0, 0), (1, 1)], label_box=(600, 600, 40, 16))
    second = relation("x", "y", [(0, 0), (1, 1)], label_box=(630, 610, 40, 16))
    third = relation("x", "y", [(0, 0), (1, 1)], label_box=(640, 616, 40, 16))
    assert quality.labels_on_labels(drawing([], [first, second, third])) == 2


def test_a_relation_under_another_relations_label():
    labelled = relation("a", "b", [(0, 100), (400, 100)], label_box=(180, 92, 40, 16))
    crossing = relation("c", "d", [(200, 0), (200, 300)])
    assert quality.under_labels(drawing([], [labelled, crossing])) == 1
    beside = relation("c", "d", [(250, 0), (250, 300)])
    assert quality.under_labels(drawing([], [labelled, beside])) == 0
    # the same relation twice under one label is one pair; its own label does not count
    twice = relation("c", "d", [(190, 0), (190, 300), (210, 300), (210, 0)])
    assert quality.under_labels(drawing([], [labelled, twice])) == 1


# -- shapes and shared lines --------------------------------------------------------------
def test_shape_overlaps_except_nesting():
    system = element("S", (0, 0, 400, 300), kind="system")
    child = element("S.a", (50, 50, 100, 60), system="S")
    intruder = element("b", (100, 80, 100, 60))
    touching = element("c", (400, 0, 100, 60))
    assert quality.shape_overlaps(drawing([system, child, touching], [])) == 0
    # b overlaps S.a and lies inside S without belonging to it: two overlaps
    assert quality.shape_overlaps(drawing([system, child, intruder], [])) == 2


def test_shared_segments_need_collinear_overlap_longer_than_a_few_px():
    a = relation("a", "b", [(0, 100), (300, 100)])
    b = relation("c", "d", [(200, 100), (500, 100), (500, 200)])
    assert quality.shared_segments(drawing([], [a, b])) == 1
    near_miss = relation("c", "d", [(200, 102), (500, 102)])
    assert quality.shared_segments(drawing([], [a, near_miss])) == 0
    just_touching = relation("c", "d", [(297, 100), (500, 100)])
    assert quality.shared_segments(drawing([], [a, just_touching])) == 0
    diagonal = relation("a", "b", [(0, 0), (100, 100)])
    reverse = relation("c", "d", [(80, 80), (20, 20)])
    assert quality.shared_segments(drawing([], [diagonal, reverse])) == 1
    # many segments of two relations along one line are one shared pair
    dashed = relation("c", "d", [(10, 100), (50, 100), (50, 120), (80, 120), (80, 100),
                                 (250, 100)])
    assert quality.shared_segments(drawing([], [a, dashed])) == 1


# -- size at Fit ----------------------------------------------------------------------------
def test_name_size_at_fit_and_aspect():
    small = drawing([], [], width=400, height=300)
    assert quality.fit_scale(small) == quality.MAX_FIT_ZOOM
    # the picture's 24 px margin out, the items' 3 px and Fit's 20 px in: 4,000 px wide
    wide = drawing([], [], width=4000 + 48 - 46, height=300)
    room = quality.VIEWPORT[0] - 4
    assert quality.fit_scale(wide) == pytest.approx(room / 4000)
    result = quality.measure(wide)
    assert result.name_px_at_fit == pytest.approx(quality.NAME_FONT_PX * room / 4000, abs=0.01)
    assert result.aspect == pytest.approx(4002 / 300, abs=0.001)
    tall = drawing([], [], width=300, height=2000 + 2)
    assert quality.fit_scale(tall) == pytest.approx((quality.VIEWPORT[1] - 4) / 2000)


def test_measure_and_totals_collect_every_count():
    plus = drawing([element("a", (0, 0, 10, 10))],
                   [relation("a", "b", [(0, 50), (100, 50)]),
                    relation("c", "d", [(50, 0), (50, 100)])])
    result = quality.measure(plus)
    assert (result.elements, result.relations, result.crossings) == (1, 2, 1)
    summed = quality.totals([result, result])
    assert summed["crossings"] == 2 and set(summed) == set(quality.COUNTS)
