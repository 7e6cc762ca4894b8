"""The search for a label's spot along a track: the least harm, and the centre nearest the
track's middle with it, found however the scan is shortened."""

from __future__ import annotations

import random

from archstudio.render.label_tracks import _best, _Track


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
