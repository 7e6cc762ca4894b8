"""Compact drawings shaped for the window: a crowded layer wraps into sub-layers that
keep each system's members together (the system stays one column deep instead of
spanning every sub-layer), and an external system called from inside a system sits past
that system (as C4 draws it) only when the window has room for the extra layer."""

from __future__ import annotations

from archstudio.dsl import parse
from archstudio.layout.auto import auto_arrange


def shop(stores: int, caches: int) -> str:
    lines = ['architecture "x" {', "  container api", '  system Db "Databases" {']
    lines += [f"    datastore db{n}" for n in range(stores)]
    lines += ["  }", '  system Caches "Caches" {']
    lines += [f"    datastore cache{n}" for n in range(caches)]
    lines += ["  }"]
    lines += [f"  api -> Db.db{n}" for n in range(stores)]
    lines += [f"  api -> Caches.cache{n}" for n in range(caches)]
    return "\n".join(lines + ["}"]) + "\n"


def test_a_wrapped_layer_keeps_a_systems_members_in_one_sub_layer():
    model = parse(shop(8, 6))  # 14 sinks in one layer: more than it holds, two sub-layers
    boxes = auto_arrange(model, "LR")
    stores = {boxes[f"Db.db{n}"].x for n in range(8)}
    caches = {boxes[f"Caches.cache{n}"].x for n in range(6)}
    assert len(stores) == 1  # the system is one column...
    assert len(caches) == 1 and caches != stores  # ...and the other system the other
    system = boxes["Db"]
    assert system.width < 2 * boxes["Db.db0"].width  # one element deep along the flow
    assert all(boxes[f"Db.db{n}"].x >= system.x for n in range(8))


def test_a_layer_whose_systems_do_not_fit_whole_is_dealt_out_evenly():
    model = parse(shop(12, 4))  # the system alone is more than a sub-layer holds
    boxes = auto_arrange(model, "LR")
    columns = {boxes[q].x for q in boxes if q.startswith(("Db.", "Caches."))}
    assert len(columns) == 2
    every = [q for q in boxes if q.startswith(("Db.", "Caches."))]
    counts = sorted(sum(1 for q in every if boxes[q].x == x) for x in columns)
    assert counts == [8, 8]


PAYMENTS = """architecture "x" {
  system S "Shop" {
    container a
    container b
    container c
  }
  external E "Payments"
  S.a -> S.b
  S.b -> S.c
  S.a -> E
}
"""


def test_an_external_sink_sits_past_its_callers_system_only_where_the_window_has_room():
    model = parse(PAYMENTS)
    wide = auto_arrange(model, "LR", aspect=4.0)  # room along the flow: C4's picture
    assert wide["E"].x >= wide["S"].right
    narrow = auto_arrange(model, "LR", aspect=0.5)  # no room: beside the system
    assert narrow["E"].x < narrow["S"].right and narrow["E"].right > narrow["S"].x
    assert narrow["E"].bottom <= narrow["S"].y or narrow["E"].y >= narrow["S"].bottom
    width = max(b.right for b in narrow.values())
    assert width < max(b.right for b in wide.values())  # one layer shorter


def test_the_drawing_kept_is_the_one_whose_plans_the_router_finds_again():
    """A file saved after Auto-arrange and opened again gets the engine's plans back
    for either shape of the drawing (``trace`` remembers both)."""
    from archstudio.layout import routes

    model = parse(PAYMENTS)
    links = [(f"{r.source}->{r.target}", r.source, r.target) for r in model.relations]
    for aspect in (4.0, 0.5):
        boxes = auto_arrange(model, "LR", aspect=aspect)
        routes.forget()  # as if the file were opened in a fresh window
        assert len(routes.hints_for(model, boxes, links)) == len(links)
    routes.forget()


def test_a_system_and_the_element_beside_it_leave_room_for_their_relations_label():
    """A relation from a system to an element that sits beside it across the flow is
    drawn straight across the gap between them: the gap holds its label."""
    model = parse('architecture "x" {\n  system S "Shop" {\n    container a\n'
                  '    container b\n  }\n  container X\n  S.a -> S.b\n'
                  '  S -> X "reports every sale" "HTTP"\n}\n')
    label = (100.0, 30.0)
    boxes = auto_arrange(model, "LR", measure=lambda text, tech: label)
    system, other = boxes["S"], boxes["X"]
    assert other.right > system.x and other.x < system.right  # side by side...
    assert system.y - other.bottom >= label[1] + 20  # ...with the label's room between


def test_the_labels_room_holds_whatever_runs_between_the_two():
    """An element, a relation passing through the layer, then a system: the room asked
    between the element and the system holds across the passing line."""
    from archstudio.layout.coordinates import CrossSpec, assign_cross
    from archstudio.layout.ordering import LayeredGraph

    graph = LayeredGraph(layers=[[0, 1, 2]], path=[(), (), (0,)], up=[[], [], []],
                         down=[[], [], []], system_parent=[-1])
    spec = CrossSpec(half=[45.0, 0.0, 45.0], is_box=[True, False, True],
                     is_dummy=[False, True, False], pad_near=24.0, pad_far=24.0,
                     room={(-1, 0): 120.0})
    cross = assign_cross(graph, spec)
    assert cross.near[0] - (cross.centre[0] + 45.0) >= 120.0
    plain = assign_cross(graph, CrossSpec(spec.half, spec.is_box, spec.is_dummy, 24.0, 24.0))
    assert plain.near[0] - (plain.centre[0] + 45.0) < 120.0


CROSSED = """architecture "x" {
  container e1 "orders"
  system e2 "Cart" {
    person e3 "cart"
    container e4 "payment"
    gateway e5 "search"
  }
  container e6 "review"
  datastore e7 "inventory"
  container e8 "user"
  container e9 "auth"
  person e10 "report"
  e9 -> e2.e5 "shipping cart" "gRPC"
  e10 -> e2.e5
  e10 -> e7 "cart report notification shipping auth" "HTTP"
  e2 -> e6 "shipping report" "gRPC"
  e8 -> e2.e3 "auth search user auth review" "HTTP"
  e7 -> e1 "search cart" "gRPC"
  e10 -> e2 "cart user review notification cart auth"
  e7 -> e2.e5
  e2 -> e7 "catalogue review" "JDBC"
  e2.e5 -> e1 "notification catalogue" "JDBC"
  e9 -> e2.e3 "shipping" "AMQP"
  e9 -> e1 "shipping"
  e2.e4 -> e6 "payment orders cart" "AMQP"
}
"""


def test_of_two_shapes_that_fit_the_window_alike_the_one_that_crosses_less_is_drawn():
    """Sinks kept beside the systems they are called from instead of past them: when
    that shape fits the window at least as large, it is drawn if it crosses less (the
    margin that favours the C4 picture buys nothing then)."""
    from archstudio.layout import engine
    from archstudio.layout.labels import estimate_label

    model = parse(CROSSED)
    past, beside = engine._variants(model, None, estimate_label)
    aspect = engine.DEFAULT_ASPECT

    def scale(parts) -> float:
        width, height = engine._packed_size([engine._extent(p, "TB") for p in parts], aspect)
        return min(aspect / width, 1.0 / height)

    def crossings(parts) -> int:
        return sum(p.crossings for p in parts)

    assert scale(past) <= scale(beside) < scale(past) * engine.SHAPE_MARGIN
    assert crossings(beside) < crossings(past)
    assert engine.ordering_crossings(model) == crossings(beside)
