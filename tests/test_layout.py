"""Layout: positions that survive edits, new elements near their neighbours, auto-arrange."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from conftest import EXAMPLES
from hypothesis import given, settings
from hypothesis import strategies as st

from archstudio.dsl import parse
from archstudio.layout import Box, arrange, auto_arrange, default_size
from archstudio.layout.geometry import GROUP_PADDING, GROUP_TITLE
from archstudio.layout.metrics import (
    count_crossings,
    edge_segments,
    layout_area,
    overlapping_pairs,
    segments_cross,
)
from benchmarks.models import generate

SHOP = """architecture "Shop" {
  person Customer "Customer"
  system Shop {
    container Web "Web shop"
    container Orders "Orders"
    datastore OrderDB "Order database"
  }
  system Billing {
    container Invoices "Invoices"
  }
  Customer -> Shop.Web "browses"
  Shop.Web -> Shop.Orders "places"
  Shop.Orders -> Shop.OrderDB "stores"
  Shop.Orders -> Billing.Invoices "bills"
%s}
"""


def with_layout(text: str, entries: dict[str, tuple[float, ...]]) -> str:
    """Append a layout section just inside the architecture's closing brace."""
    lines = "".join(
        f"    {q}: {', '.join(f'{v:g}' for v in values)}\n" for q, values in sorted(entries.items())
    )
    body = text.rstrip()
    assert body.endswith("}")
    return body[:-1] + "  layout {\n" + lines + "  }\n}\n"


def shop(entries: dict[str, tuple[float, ...]] | None = None) -> str:
    text = SHOP % ""
    return with_layout(text, entries) if entries else text


def assert_well_formed(model, boxes: dict[str, Box]) -> None:
    assert set(boxes) == set(model.elements)
    assert overlapping_pairs(boxes) == []
    for qname, element in model.elements.items():
        if element.parent is not None:
            assert boxes[element.parent].contains_box(boxes[qname]), (qname, element.parent)
        if not element.is_group:
            assert (boxes[qname].width, boxes[qname].height) == default_size(element) or \
                qname in model.layout


def edges_of(model) -> list[tuple[str, str]]:
    return [(r.source, r.target) for r in model.relations if r.resolved]


# -- geometry helpers ---------------------------------------------------------------------
def test_overlapping_pairs_ignores_systems_holding_their_children() -> None:
    boxes = {
        "S": Box(0, 0, 300, 200),
        "S.a": Box(10, 40, 100, 50),
        "S.b": Box(80, 60, 100, 50),  # overlaps S.a
        "T": Box(290, 0, 100, 100),  # overlaps S
        "U": Box(500, 500, 10, 10),
    }
    assert overlapping_pairs(boxes) == [("S", "T"), ("S.a", "S.b")]


def test_segment_crossings_count_proper_crossings_only() -> None:
    assert segments_cross(((0, 0), (10, 10)), ((0, 10), (10, 0)))
    assert not segments_cross(((0, 0), (10, 0)), ((0, 5), (10, 5)))
    assert not segments_cross(((0, 0), (10, 10)), ((10, 10), (20, 0)))  # shared end
    boxes = {n: Box(x, y, 10, 10) for n, x, y in
             [("a", 0, 0), ("b", 100, 100), ("c", 0, 100), ("d", 100, 0), ("e", 300, -100)]}
    segments = edge_segments(boxes, [("a", "b"), ("c", "d"), ("a", "e"), ("x", "a")])
    assert len(segments) == 3
    assert count_crossings(segments) == 1
    assert layout_area({"a": Box(0, 0, 10, 10), "b": Box(90, 40, 10, 10)}) == 100 * 50


# -- arrange: what the file and the canvas already know is kept ---------------------------
def test_positions_from_the_file_are_kept_exactly() -> None:
    model = parse(shop({"Shop.Web": (400, 300), "Customer": (-50.5, 20),
                        "Shop": (350, 200, 900, 500)}))
    boxes = arrange(model)
    assert (boxes["Shop.Web"].x, boxes["Shop.Web"].y) == (400, 300)
    assert (boxes["Customer"].x, boxes["Customer"].y) == (-50.5, 20)
    assert boxes["Shop"] == Box(350, 200, 900, 500)
    assert_well_formed(model, boxes)


def test_a_system_with_a_size_grows_only_when_a_child_falls_outside() -> None:
    model = parse(shop({"Shop": (0, 0, 400, 300), "Shop.Web": (900, 700)}))
    boxes = arrange(model)
    shop_box = boxes["Shop"]
    assert (shop_box.x, shop_box.y) == (0, 0)
    assert shop_box.contains_box(boxes["Shop.Web"])
    assert shop_box.right >= 900 + 180 + GROUP_PADDING
    assert_well_formed(model, boxes)


def test_a_system_without_a_position_is_sized_around_its_pinned_children() -> None:
    model = parse(shop({"Shop.Web": (100, 100), "Shop.Orders": (400, 100),
                        "Shop.OrderDB": (700, 100), "Billing": (0, 600)}))
    boxes = arrange(model)
    assert boxes["Shop"].x == 100 - GROUP_PADDING
    assert boxes["Shop"].y == 100 - GROUP_PADDING - GROUP_TITLE
    assert boxes["Shop"].right == 700 + 160 + GROUP_PADDING
    assert_well_formed(model, boxes)


def test_previous_boxes_are_kept_so_nothing_jumps_while_typing() -> None:
    model = parse(shop())
    first = arrange(model)
    assert arrange(model, first) == first
    edited = parse(shop().replace('"Orders"', '"Order handling"'))
    assert arrange(edited, first) == first


def test_a_new_element_lands_inside_its_system_next_to_its_neighbour() -> None:
    before = parse(shop())
    shown = arrange(before)
    text = shop().replace(
        '    datastore OrderDB "Order database"\n',
        '    datastore OrderDB "Order database"\n    container Audit "Audit"\n',
    ).replace("  Shop.Orders -> Billing",
              '  Shop.OrderDB -> Shop.Audit "audits"\n  Shop.Orders -> Billing')
    after = parse(text)
    boxes = arrange(after, shown)
    for qname, box in shown.items():
        if qname != "Shop":
            assert boxes[qname] == box, qname  # nothing else moved
    audit, store = boxes["Shop.Audit"], boxes["Shop.OrderDB"]
    assert boxes["Shop"].contains_box(audit)
    distance = abs(audit.center[0] - store.center[0]) + abs(audit.center[1] - store.center[1])
    assert distance < 600
    assert_well_formed(after, boxes)


def test_a_new_system_is_placed_as_a_block_near_its_neighbour() -> None:
    shown = arrange(parse(shop()))
    text = shop().replace(
        "  Customer -> Shop.Web",
        '  system Mail {\n    container Sender "Sender"\n    broker Queue "Queue"\n  }\n'
        '  Mail.Sender -> Mail.Queue\n  Billing.Invoices -> Mail.Sender "mails"\n'
        "  Customer -> Shop.Web",
    )
    model = parse(text)
    boxes = arrange(model, shown)
    assert boxes["Mail"].contains_box(boxes["Mail.Sender"])
    sender, queue = boxes["Mail.Sender"], boxes["Mail.Queue"]
    # laid out along the flow (left to right or top to bottom, as auto-arrange chose)
    assert sender.right <= queue.x or sender.bottom <= queue.y
    assert boxes["Mail"].x > boxes["Billing"].x  # to the right of what sends to it
    assert_well_formed(model, boxes)


def test_unresolved_and_self_relations_do_not_disturb_layout() -> None:
    text = shop().replace("  Customer -> Shop.Web", "  Ghost -> Shop.Web\n  Shop -> Shop.Web\n"
                          "  Shop.Web -> Shop.Web\n  Customer -> Shop.Web")
    model = parse(text)
    assert_well_formed(model, arrange(model))
    assert_well_formed(model, auto_arrange(model))


def test_layout_entries_for_undeclared_elements_are_ignored() -> None:
    model = parse(shop({"Nobody": (10, 10), "Shop.Web": (0, 0)}))
    boxes = arrange(model)
    assert "Nobody" not in boxes
    assert_well_formed(model, boxes)


@settings(max_examples=60, deadline=None)
@given(
    size=st.integers(min_value=10, max_value=70),
    seed=st.integers(min_value=0, max_value=10_000),
    data=st.data(),
)
def test_property_pinned_stay_new_are_placed_inside_without_overlap(size, seed, data) -> None:
    text = generate(size, seed=seed)
    model = parse(text)
    reference = auto_arrange(model)
    names = sorted(model.elements)
    pinned = data.draw(st.sets(st.sampled_from(names)), label="pinned in the file")
    shown = data.draw(st.sets(st.sampled_from(names)), label="shown before")
    entries = {}
    for qname in pinned:
        box = reference[qname]
        if model.elements[qname].is_group and data.draw(st.booleans(), label="sized"):
            entries[qname] = (box.x, box.y, box.width, box.height)
        else:
            entries[qname] = (box.x, box.y)
    pinned_model = parse(with_layout(text, entries))
    previous = {q: reference[q] for q in shown}
    boxes = arrange(pinned_model, previous)
    assert_well_formed(pinned_model, boxes)
    for qname, values in entries.items():
        assert (boxes[qname].x, boxes[qname].y) == values[:2]
    for qname in set(shown) - set(pinned):
        if not model.elements[qname].is_group:
            assert (boxes[qname].x, boxes[qname].y) == (reference[qname].x, reference[qname].y)
    assert arrange(pinned_model, previous) == boxes  # deterministic


# -- auto-arrange -------------------------------------------------------------------------
CHAIN = """architecture "Chain" {
  container A "A"
  container B "B"
  datastore C "C"
  container D "D"
  D -> A
  A -> B
  B -> C
}
"""


@pytest.mark.parametrize("direction", ["LR", "TB", "RL", "BT"])
def test_auto_arrange_puts_sources_before_targets_in_a_chain(direction) -> None:
    boxes = auto_arrange(parse(CHAIN), direction=direction)
    order = ["D", "A", "B", "C"]
    axis = {"LR": lambda b: b.x, "RL": lambda b: -b.x, "TB": lambda b: b.y,
            "BT": lambda b: -b.y}[direction]
    positions = [axis(boxes[q]) for q in order]
    assert positions == sorted(positions) and len(set(positions)) == 4
    assert overlapping_pairs(boxes) == []


def test_auto_arrange_rejects_an_unknown_direction() -> None:
    with pytest.raises(ValueError, match="direction"):
        auto_arrange(parse(CHAIN), direction="diagonal")


def test_auto_arrange_ignores_the_files_positions_and_keeps_groups_together() -> None:
    model = parse(shop({"Shop.Web": (5000, 5000)}))
    boxes = auto_arrange(model)
    assert boxes["Shop.Web"].x != 5000
    assert_well_formed(model, boxes)
    assert boxes["Shop"].width < 1500  # a compact group, not spread over the drawing


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.arch")), ids=lambda p: p.name)
def test_examples_lay_out_without_overlaps(path) -> None:
    model = parse(path.read_text(encoding="utf-8"))
    assert_well_formed(model, auto_arrange(model))
    assert_well_formed(model, arrange(model))


def test_a_generated_500_element_model_lays_out_without_overlaps() -> None:
    model = parse(generate(500))
    boxes = auto_arrange(model)
    assert_well_formed(model, boxes)
    chain = [(s, t) for s, t in edges_of(model) if s.split(".")[0] == t.split(".")[0]]
    flowing = sum(boxes[s].x < boxes[t].x for s, t in chain)
    # Inside each system arrows run left to right; only cycles (calls both ways) cannot.
    assert flowing >= 0.95 * len(chain)
    assert auto_arrange(model) == boxes


def test_auto_arrange_is_deterministic_across_threads() -> None:
    model = parse(generate(200, seed=3))
    expected = auto_arrange(model)
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda _: auto_arrange(model), range(4)))
    assert all(result == expected for result in results)


def test_a_crowded_layer_wraps_into_sub_layers_that_still_flow_left_to_right():
    """Fourteen operations exposed by one service would be one column fourteen shapes
    tall; wrapped, no column holds more than MAX_LAYER_NODES and arrows still run right."""
    from archstudio.layout.wrapping import MAX_LAYER_NODES

    ops = "\n".join(f'  operation op{i} "Operation {i}"' for i in range(14))
    links = "\n".join(f"  api -[exposes]-> op{i}" for i in range(14))
    model = parse(f'architecture "x" {{\n  container api "API"\n{ops}\n{links}\n}}\n')
    boxes = auto_arrange(model)
    columns: dict[float, int] = {}
    for i in range(14):
        columns[boxes[f"op{i}"].x] = columns.get(boxes[f"op{i}"].x, 0) + 1
    assert len(columns) >= 2 and max(columns.values()) <= MAX_LAYER_NODES
    assert all(boxes["api"].right < boxes[f"op{i}"].x for i in range(14))
    assert not overlapping_pairs(boxes)
