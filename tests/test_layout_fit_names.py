"""Names at Fit to Window: a line that enters a system runs inside it from the system's
first layer, instead of in a lane of its own beside the frame, when that makes the
drawing fit the window clearly larger (in the direction it would have anyway)."""

from __future__ import annotations

from pathlib import Path

import pytest

from archstudio.dsl import parse
from archstudio.layout import engine
from archstudio.layout.auto import auto_arrange
from archstudio.layout.quality import NAME_FONT_PX, VIEWPORT

CORPUS = Path(__file__).resolve().parents[1] / "benchmarks" / "corpus"


def names_at_fit(boxes) -> float:
    """The names' pixel size at Fit in the app's viewport (the export's 24 px margin)."""
    width = max(b.right for b in boxes.values()) - min(b.x for b in boxes.values()) + 48
    height = max(b.bottom for b in boxes.values()) - min(b.y for b in boxes.values()) + 48
    return NAME_FONT_PX * min((VIEWPORT[0] - 4) / (width - 2),
                              (VIEWPORT[1] - 4) / (height - 2))


@pytest.fixture(scope="module")
def petclinic():
    return parse((CORPUS / "petclinic.arch").read_text(encoding="utf-8"))


def test_a_person_calling_into_a_system_sits_over_it_not_beside_its_frame(petclinic):
    boxes = auto_arrange(petclinic)
    person, system = boxes["Owner"], boxes["PetClinic"]
    callee = boxes["PetClinic.api-gateway"]
    assert person.bottom < system.y  # above the system it calls, as C4 draws it
    assert system.x <= person.x and person.right <= system.right  # not out past its side
    # and over the element it calls, so its line runs straight down into the system
    assert person.x < callee.right and callee.x < person.right


def test_the_drawing_fits_the_window_larger_than_with_lanes_beside_the_frames(
        petclinic, monkeypatch):
    inside = names_at_fit(auto_arrange(petclinic))
    monkeypatch.setattr(engine, "INSIDE_LEAVES", 0)  # lines only in lanes of their own
    beside = names_at_fit(auto_arrange(petclinic))
    assert inside >= beside * engine.SHAPE_MARGIN
    assert inside > 7.8  # (7.29 px before; dot draws the same graph at 8.73)


def test_an_asked_direction_is_kept(petclinic):
    for direction in ("TB", "LR"):
        boxes = auto_arrange(petclinic, direction)
        width = max(b.right for b in boxes.values())
        height = max(b.bottom for b in boxes.values())
        # top to bottom the layers stack downwards: the person is above everything
        if direction == "TB":
            assert boxes["Owner"].bottom < min(b.y for q, b in boxes.items() if q != "Owner")
        else:
            assert boxes["Owner"].right < min(b.x for q, b in boxes.items() if q != "Owner")
        assert width > 0 and height > 0


def test_a_model_it_would_not_help_keeps_its_drawing(monkeypatch):
    """A model whose lines enter no system several layers in: the same drawing."""
    model = parse('architecture "x" {\n  person P\n  system S {\n    container a\n'
                  '    container b\n  }\n  P -> S.a "uses"\n  S.a -> S.b "calls"\n}\n')
    with_variant = auto_arrange(model)
    monkeypatch.setattr(engine, "INSIDE_LEAVES", 0)
    assert auto_arrange(model) == with_variant
