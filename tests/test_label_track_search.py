"""The search for a label's spot along a track: the least harm, and the centre nearest the
track's middle with it, found however the scan is shortened."""

from __future__ import annotations

import random

from archstudio.render.label_tracks import _best, _spots, _Track


def _reference(track: _Track, intervals: list[tuple[float, float, int]]
               ) -> tuple[int, float]:
    """Every piece between interval ends looked at, none skipped: the definition."""
    low, high = track.low, track.high
    inside = [iv for iv in intervals if iv[1] > low and iv[0] < high]
    if not inside:
        return 0, min(max(track.mid, low), high)
    cuts = sorted({low, high, *(a for a, _, _ in inside if low < a < high),
                   *(b for _, b, _ in inside if low < b < high)})
    if len(cuts) == 1:
        return sum(h for a, b, h in inside if a < low < b), low
    best = None
    for p, q in zip(cuts, cuts[1:], strict=False):
        m = (p + q) / 2
        harm = sum(h for a, b, h in inside if a < m < b)
        t = min(max(track.mid, p), q)
        if best is None or (harm, abs(t - track.mid)) < (best[0], best[1]):
            best = (harm, abs(t - track.mid), t)
    return best[0], best[2]


def _reference_spots(track: _Track, solid: list[tuple[float, float, int]],
                     lines: list[tuple[float, float, int]], limit: int) -> list[float]:
    """Every piece between interval ends tested against every interval: the definition."""
    low, high = track.low, track.high
    ends = [x for a, b, _ in solid + lines for x in (a, b) if low < x < high]
    cuts = sorted({low, high, *ends})
    found = []
    for p, q in list(zip(cuts, cuts[1:], strict=False)) or [(low, low)]:
        m = (p + q) / 2
        if any(a < m < b for a, b, _ in solid):
            continue
        t = min(max(track.mid, p), q)
        found.append((sum(1 for a, b, _ in lines if a < m < b), abs(t - track.mid), t))
    return [t for _, _, t in sorted(found)[:limit]]


def _random_intervals(rng: random.Random, low: float, high: float
                      ) -> list[tuple[float, float, int]]:
    out = []
    for _ in range(rng.randint(0, 12)):
        a = round(rng.uniform(low - 60, high + 60))  # whole numbers: shared ends
        out.append((a, a + round(rng.uniform(1, 80)), rng.choice([1, 2, 3, 4])))
    return out


def test_spots_sweep_matches_a_full_scan_on_random_tracks() -> None:
    rng = random.Random(11)
    kinds = set()
    for _ in range(3000):
        low = rng.uniform(-50, 50)
        high = low + rng.choice([0.0, rng.uniform(0, 300)])
        mid = rng.uniform(low - 40, high + 40)
        track = _Track(0.0, rng.random() < 0.5, 0.0, low, high, mid, 100.0, 40.0, 12.0)
        solid = _random_intervals(rng, low, high)[: rng.randint(0, 4)]
        lines = _random_intervals(rng, low, high)
        spots = _spots(track, solid, lines, 3)
        assert spots == _reference_spots(track, solid, lines, 3), (low, high, mid, solid,
                                                                   lines)
        kinds.add(len(spots))
    assert kinds == {0, 1, 2, 3}  # blocked tracks, short ones and the limit all met


def test_spots_on_a_hand_built_track() -> None:
    # centre from 0 to 100, middle 50; a shape blocks (40, 60), lines cross at (10, 20)
    # and (70, 90): the free pieces are [0, 10], [20, 40], [60, 70], [90, 100], and
    # (10, 20), (70, 90) with one line each
    track = _Track(0.0, False, 0.0, 0.0, 100.0, 50.0, 100.0, 40.0, 12.0)
    spots = _spots(track, [(40.0, 60.0, 4)], [(10.0, 20.0, 1), (70.0, 90.0, 1)], 6)
    assert spots == [40.0, 60.0, 10.0, 90.0, 70.0, 20.0]  # the nearer one-line piece first


def test_best_spot_matches_a_full_scan_on_random_tracks() -> None:
    rng = random.Random(7)
    for _ in range(3000):
        low = rng.uniform(-50, 50)
        high = low + rng.choice([0.0, rng.uniform(0, 300)])
        mid = rng.uniform(low - 40, high + 40)  # the middle may lie beyond a clipped end
        track = _Track(0.0, rng.random() < 0.5, 0.0, low, high, mid, 100.0, 40.0, 12.0)
        intervals = []
        for _ in range(rng.randint(0, 12)):
            a = round(rng.uniform(low - 60, high + 60))  # whole numbers: shared ends
            intervals.append((a, a + round(rng.uniform(1, 80)), rng.choice([1, 2, 3, 4])))
        if rng.random() < 0.1:
            intervals.append((float("-inf"), low + rng.uniform(0, 50), 3))
        assert _best(track, intervals) == _reference(track, intervals), (track.low,
                                                                        track.high, mid,
                                                                        intervals)
