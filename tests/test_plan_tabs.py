"""Jogs of one gap whose room is shorter (a system's title tab lies across the start of
the gap) keep the order that avoids their crossings: the jogs that must come after them
go after them, and they do not all meet at the end of that room."""

from __future__ import annotations

import itertools
import random

import pytest

from archstudio.render.layered import _Jog, _order


def _crossings(jogs: list[_Jog]) -> int:
    """Crossings between jogs at their places (lower place: nearer the gap's start)."""
    count = 0
    for a in jogs:
        for b in jogs:
            if a.place >= b.place:
                continue
            low, high = sorted((b.first, b.second))
            count += low < a.second < high
            low, high = sorted((a.first, a.second))
            count += low < b.first < high
    return count


def test_a_jog_that_must_follow_a_squeezed_one_goes_after_it():
    # Two lines from one source going the same way (a social network's service calling
    # two datastores): A from 673 to 351 must turn before B from 713 to 560, but A's room
    # starts under a title tab, near the gap's end.
    a = _Jog("a", 0, 673.0, 351.0, 1400.0, 1413.0)
    b = _Jog("b", 0, 713.0, 560.0, 1250.0, 1413.0)
    _order([a, b], 1244.0, 1419.0)
    assert a.place < b.place <= 1413.0
    assert _crossings([a, b]) == 0


def _fewest_crossings(jogs: list[_Jog]) -> int:
    """The crossings of the best order of ``jogs`` along the gap, by trying every one."""
    kept = [jog.place for jog in jogs]
    best = None
    for order in itertools.permutations(range(len(jogs))):
        for rank, n in enumerate(order):
            jogs[n].place = float(rank)
        count = _crossings(jogs)
        best = count if best is None else min(best, count)
    for jog, place in zip(jogs, kept, strict=True):
        jog.place = place
    return best


@pytest.mark.parametrize("seed", range(20))
def test_jogs_stay_in_their_rooms_and_squeezed_ones_do_not_collide(seed):
    rng = random.Random(seed)
    near, far = 0.0, 200.0
    jogs = []
    for n in range(rng.randint(2, 12)):
        first, second = rng.uniform(0, 500), rng.uniform(0, 500)
        low = rng.choice([6.0, 6.0, 150.0])  # some start under a tab
        jogs.append(_Jog(str(n), 0, first, second, low, 194.0))
    _order(jogs, near, far)
    for jog in jogs:
        assert jog.low <= jog.place <= jog.high
    squeezed = [j.place for j in jogs if j.low == 150.0]
    # jogs under the tab get places of their own; only where the room is used up do
    # they meet, at its end
    inside = [place for place in squeezed if place != 194.0]
    assert len(set(inside)) == len(inside)


def test_jogs_pushed_past_a_short_room_keep_their_order_and_stay_apart():
    # Two services each calling two datastores under a storage system's title tab, and
    # three more lines into the same row (a social network's storage): the two jogs under
    # the tab have 6 px of room, the five that must follow them are pushed past it. Met
    # at one place, they were spread apart later in any order and crossed 10 times more
    # than they must (one crossing is in the plan: a line from the user service passes
    # the mention service's port).
    specs = [("mention-memcached", 673.0, 351.0, 1404.0),
             ("user-memcached", 887.0, 397.0, 1404.0),
             ("mention-mongodb", 713.0, 560.0, 1250.0),
             ("user-mongodb", 927.0, 599.0, 1250.0),
             ("post-memcached", 1259.0, 762.0, 1250.0),
             ("graph-redis", 1282.0, 956.0, 1250.0),
             ("graph-mongodb", 1336.0, 1163.0, 1250.0)]
    jogs = [_Jog(key, 0, first, second, low, 1410.0) for key, first, second, low in specs]
    _order(jogs, 1244.0, 1419.0)
    assert _crossings(jogs) == _fewest_crossings(jogs) == 1
    places = sorted(jog.place for jog in jogs)
    assert all(b - a >= 1.5 for a, b in zip(places, places[1:], strict=False))  # apart
    assert places[-1] <= 1419.0 - 3.0  # clear of the row of datastores
    for jog in jogs:
        assert jog.place >= jog.low  # none under the tab
