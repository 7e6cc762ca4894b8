"""Jogs pushed past the end of their room in a gap between layers go back into it in
their order (``render.layered._back_from_ends``): only jogs whose rooms overlap share
one, and they stand at least ``READABLE`` apart where the room allows."""

from __future__ import annotations

from archstudio.layout.slots import SPACING
from archstudio.render.layered import READABLE, _back_from_ends, _Jog


def _jog(key: str, low: float, high: float, place: float) -> _Jog:
    jog = _Jog(key, 0, 0.0, 100.0, low, high)
    jog.place = place
    return jog


def test_jogs_in_unrelated_rooms_are_not_clipped_to_one_place():
    # a and b share the room 10-20 (pushed past it, a before b); c's room is 50-60
    a, b, c = _jog("a", 10, 20, 25), _jog("b", 10, 20, 26), _jog("c", 50, 60, 65)
    _back_from_ends([a, b, c], [], SPACING, 200.0)
    assert 10 <= a.place < b.place <= 20  # in their order, inside their room...
    assert b.place - a.place >= READABLE  # ...readably apart, not both at 20
    assert c.place == 60


def test_jogs_sharing_a_room_stand_readably_apart():
    jogs = [_jog(key, 0, 100, 110 + i) for i, key in enumerate("abcd")]
    _back_from_ends(jogs, [], SPACING, 200.0)
    places = [j.place for j in jogs]
    assert places == sorted(places) and all(0 <= p <= 100 for p in places)
    assert min(b - a for a, b in zip(places, places[1:], strict=False)) >= READABLE


def test_a_room_too_short_for_readable_lines_reaches_towards_the_next_layer():
    jogs = [_jog(key, 10, 12, 20 + i) for i, key in enumerate("abc")]
    _back_from_ends(jogs, [], SPACING, 40.0)
    places = [j.place for j in jogs]
    assert places == sorted(places)
    assert min(b - a for a, b in zip(places, places[1:], strict=False)) >= READABLE
    assert places[-1] <= 40.0 - READABLE
