"""Compact drawings: shaped for the window they open in, short systems, exact label
channels, persons and externals clear of the systems they call."""

from __future__ import annotations

import json

import pytest

from archstudio.cli import main
from archstudio.dsl import parse
from archstudio.layout import auto_arrange, engine, part_drawing
from archstudio.layout.quality import VIEWPORT, measure
from benchmarks.models import generate


@pytest.fixture(autouse=True)
def gui(qapp):
    """The export needs a GUI application; the suite's is a QApplication (made first)."""
    return qapp


# A gateway behind a person calls eight services; each keeps its data in a datastore of
# a separate "Data" system; an external payment provider is called by one service; a
# scheduler inside the shop starts work as early as the person does.
SERVICES = [f"S{i}" for i in range(8)]
SHOP = "\n".join([
    'architecture "Shop" {',
    '  person Buyer "Buyer"',
    '  external Pay "Payment provider"',
    '  system Shop "Shop" {',
    '    gateway Gate "Gateway"',
    '    container Cron "Scheduler"',
    '    system Core "Core" {',
    *[f'      container {s} "Service {s}"' for s in SERVICES],
    "    }",
    '    system Data "Data" {',
    *[f'      datastore {s}Db "{s} store"' for s in SERVICES],
    "    }",
    "  }",
    '  Buyer -> Shop.Gate "uses"',
    *[f'  Shop.Gate -> Shop.Core.{s} "calls"' for s in SERVICES[:4]],
    *[f'  Shop.Core.{a} -> Shop.Core.{b} "asks"' for a, b in zip(SERVICES[:4], SERVICES[4:],
                                                                strict=True)],
    *[f'  Shop.Core.{s} -> Shop.Data.{s}Db "reads and writes"' for s in SERVICES],
    '  Shop.Core.S3 -> Pay "charges"',
    '  Shop.Cron -> Shop.Gate "triggers"',
    "}",
    "",
])


@pytest.fixture()
def exported(tmp_path) -> dict:
    source = tmp_path / "shop.arch"
    source.write_text(SHOP, encoding="utf-8")
    out = tmp_path / "shop.json"
    assert main(["export", str(source), "-o", str(out)]) == 0
    return json.loads(out.read_text(encoding="utf-8"))


def _boxes(drawing: dict) -> dict[str, list[float]]:
    return {element["id"]: element["box"] for element in drawing["elements"]}


def test_the_exported_drawing_is_shaped_for_the_window_it_opens_in(exported):
    window = VIEWPORT[0] / VIEWPORT[1]
    aspect = exported["width"] / exported["height"]
    assert window / 1.6 <= aspect <= window * 1.6
    quality = measure(exported)
    assert quality.shape_overlaps == 0
    assert quality.through_shapes == 0
    assert quality.labels_on_shapes == 0


def test_a_system_of_datastores_called_from_several_layers_takes_one(exported):
    boxes = _boxes(exported)
    stores = [boxes[f"Shop.Data.{s}Db"] for s in SERVICES]
    # The services that call them sit in two layers; the datastores share one row or
    # one column all the same, so the Data system is one layer deep.
    same_column = len({round(x + w / 2) for x, _, w, _ in stores}) == 1
    same_row = len({round(y + h / 2) for _, y, _, h in stores}) == 1
    assert same_column or same_row


def test_a_person_sits_before_the_system_it_calls_and_an_external_after_it(exported):
    boxes = _boxes(exported)
    gate, data = boxes["Shop.Gate"], boxes["Shop.Data"]
    along = 0 if data[0] >= gate[0] + gate[2] else 1  # the flow: left to right or down
    buyer, shop, pay = boxes["Buyer"], boxes["Shop"], boxes["Pay"]
    # Before and after the system along the flow, not beside it (where the scheduler
    # that starts as early as the person would push the person aside).
    assert buyer[along] + buyer[along + 2] <= shop[along]
    assert pay[along] >= shop[along] + shop[along + 2]


def test_the_default_direction_follows_the_window():
    model = parse(SHOP)
    assert auto_arrange(model) == auto_arrange(model, "auto", aspect=engine.DEFAULT_ASPECT)
    wide = auto_arrange(model, "auto", aspect=4.0)
    tall = auto_arrange(model, "auto", aspect=0.3)

    def aspect(boxes) -> float:
        return (max(b.right for b in boxes.values()) / max(b.bottom for b in boxes.values()))

    assert aspect(wide) > aspect(tall)


@pytest.mark.parametrize("direction", ["LR", "TB"])
def test_a_label_channel_is_exactly_as_wide_as_its_label_needs(direction):
    model = parse('architecture "x" {\n  container A "A"\n  container B "B"\n'
                  '  A -> B "sends"\n}\n')

    def channel(label_size: tuple[float, float]) -> float:
        boxes = auto_arrange(model, direction, measure=lambda label, tech: label_size)
        a, b = boxes["A"], boxes["B"]
        return b.x - a.right if direction == "LR" else b.y - a.bottom

    along = 0 if direction == "LR" else 1
    big = (230.0, 90.0)  # the one line runs straight across: no track for a turn
    assert channel(big) == big[along] + 2 * part_drawing.LABEL_MARGIN
    # A small label leaves the plain gap between layers, no wider.
    assert channel((12.0, 12.0)) == part_drawing.LAYER_GAP


@pytest.mark.parametrize("direction", ["LR", "TB"])
def test_a_gap_has_room_only_for_the_lines_that_turn_in_it(direction):
    """A fan of three relations turns in its gap (a track each); a chain runs straight
    across its gaps (none): only the fan's gap is wider than the plain gap."""
    fan = parse('architecture "x" {\n  container A\n  container B\n  container C\n'
                '  container D\n  A -> B\n  A -> C\n  A -> D\n}\n')
    chain = parse('architecture "x" {\n  container A\n  container B\n  container C\n'
                  '  A -> B\n  B -> C\n}\n')

    def gaps(model, pairs):
        boxes = auto_arrange(model, direction)
        if direction == "LR":
            return [boxes[b].x - boxes[a].right for a, b in pairs]
        return [boxes[b].y - boxes[a].bottom for a, b in pairs]

    assert gaps(chain, [("A", "B"), ("B", "C")]) == [part_drawing.LAYER_GAP] * 2
    turning = gaps(fan, [("A", "B")])[0]
    assert turning == part_drawing.LAYER_GAP + 3 * part_drawing.TRACK


def test_auto_lays_a_model_too_big_for_one_compound_graph_out_left_to_right(monkeypatch):
    model = parse(SHOP)
    monkeypatch.setattr(engine, "COMPOUND_BUDGET", 5)
    assert auto_arrange(model, "auto") == auto_arrange(model, "LR")
    assert auto_arrange(model, "auto") != auto_arrange(model, "TB")


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_auto_keeps_the_direction_whose_drawing_fits_the_window_larger(seed):
    # auto compares the directions' sizes before drawing; they must be the drawn sizes.
    model = parse(generate(40, seed=seed))
    for aspect in (0.5, engine.DEFAULT_ASPECT, 2.5):
        drawn = {d: auto_arrange(model, d, aspect=aspect) for d in ("LR", "TB")}

        scale = {d: min(aspect / max(b.right for b in boxes.values()),
                        1.0 / max(b.bottom for b in boxes.values()))
                 for d, boxes in drawn.items()}
        best = "TB" if scale["TB"] > scale["LR"] * engine.PREFER_MARGIN else "LR"
        assert auto_arrange(model, "auto", aspect=aspect) == drawn[best]
