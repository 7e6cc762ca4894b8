"""The line index a drawing keeps (``render.incremental.LineIndex``): whatever the segments'
lengths (a few pixels to far across a huge drawing, coordinates up to 1e15) and however
keys are replaced and removed, a region query answers exactly the rectangles touching
it, each once."""

from __future__ import annotations

import random

from archstudio.render.incremental import LineIndex


def _touching(rects: dict[str, list[tuple[int, tuple]]], region) -> set:
    left, top, right, bottom = region
    return {(key, index, r) for key, entries in rects.items() for index, r in entries
            if r[0] <= right and r[2] >= left and r[1] <= bottom and r[3] >= top}


def _segment(rng: random.Random, extent: float) -> tuple:
    x, y = rng.uniform(-extent, extent), rng.uniform(-extent, extent)
    length = rng.choice([0.0, rng.uniform(1, 60), rng.uniform(60, 3000),
                         rng.uniform(3000, 400_000), extent * rng.uniform(0.5, 2)])
    if rng.random() < 0.1:  # a label box
        return (x, y, x + rng.uniform(1, 300), y + rng.uniform(1, 300))
    if rng.random() < 0.5:
        return (x, y, x + length, y)
    return (x, y, x, y + length)


def test_queries_answer_exactly_the_touching_rectangles() -> None:
    rng = random.Random(13)
    for extent in (500.0, 50_000.0, 1e7, 1e15):
        rects: dict[str, list[tuple[int, tuple]]] = {}
        index = LineIndex()
        for step in range(600):
            key = f"r{rng.randrange(120)}"
            if rng.random() < 0.15:
                index.remove(key)
                rects.pop(key, None)
            else:
                rects[key] = [(n, _segment(rng, extent)) for n in range(rng.randint(1, 4))]
                index.put(key, rects[key])
            if step % 5:
                continue
            x, y = rng.uniform(-extent, extent), rng.uniform(-extent, extent)
            w = rng.choice([5.0, 200.0, 5000.0, extent * 3])
            h = rng.choice([5.0, 20.0, 2000.0, extent * 3])
            region = (x, y, x + w, y + h)
            for vertical in (None, True, False):
                found = index.query(*region, vertical)
                assert len(found) == len(set(found))  # each once
                want = _touching(rects, region)
                if vertical is True:
                    want = {e for e in want if e[2][0] == e[2][2] and e[2][1] != e[2][3]}
                elif vertical is False:
                    want = {e for e in want if not (e[2][0] == e[2][2] and e[2][1] != e[2][3])}
                assert set(found) == want, (extent, region, vertical)
