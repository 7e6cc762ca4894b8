"""The slots of a gap's jogs: the order found with a heap of balances and the inlined
pair costs is the one the plain Eades-Lin-Smyth sequence gives (a quadratic scan of
every jog left at each step, kept here as the reference), on random gaps."""

from __future__ import annotations

import random

from archstudio.layout.slots import SAME, SHARED, slots


def _reference_sequence(count: int, edges, tie) -> list[int]:
    outs = [{} for _ in range(count)]
    ins = [{} for _ in range(count)]
    for a, b, w in edges:
        outs[a][b] = outs[a].get(b, 0) + w
        ins[b][a] = ins[b].get(a, 0) + w
    left, head, tail = set(range(count)), [], []

    def take(node):
        left.discard(node)
        for other in outs[node]:
            ins[other].pop(node, None)
        for other in ins[node]:
            outs[other].pop(node, None)

    while left:
        sources = sorted((n for n in left if not ins[n]), key=lambda n: tie[n])
        if sources:
            for node in sources:
                head.append(node)
                take(node)
            continue
        sinks = sorted((n for n in left if not outs[n]), key=lambda n: tie[n], reverse=True)
        if sinks:
            for node in sinks:
                tail.append(node)
                take(node)
            continue
        node = max(left, key=lambda n: (sum(outs[n].values()) - sum(ins[n].values()),
                                        -tie[n]))
        head.append(node)
        take(node)
    return head + tail[::-1]


def _reference(jogs, ties=None) -> tuple[list[int], list[tuple[int, int]]]:
    def spans(jog, cross):
        return min(jog) < cross < max(jog)

    def cost(left, right):
        shared = SHARED if abs(left[1] - right[0]) < SAME else 0
        return int(spans(right, left[1])) + int(spans(left, right[0])) + shared

    count = len(jogs)
    keys = list(ties) if ties is not None else [(j[0], n) for n, j in enumerate(jogs)]
    tie = [0] * count
    for position, node in enumerate(sorted(range(count), key=lambda n: keys[n])):
        tie[node] = position
    pairs, prefer = [], []
    for a in range(count):
        for b in range(count):
            if a < b and min(jogs[a]) <= max(jogs[b]) and min(jogs[b]) <= max(jogs[a]):
                first, second = sorted((a, b), key=lambda n: (min(jogs[n]), n))
                pairs.append((first, second))
                ab, ba = cost(jogs[first], jogs[second]), cost(jogs[second], jogs[first])
                if ab != ba:
                    prefer.append((first, second, ba - ab) if ab < ba
                                  else (second, first, ab - ba))
    rank = [0] * count
    for position, node in enumerate(_reference_sequence(count, prefer, tie)):
        rank[node] = position
    slot = [0] * count
    for a, b in sorted(((a, b) if rank[a] < rank[b] else (b, a) for a, b in pairs),
                       key=lambda e: rank[e[0]]):
        slot[b] = max(slot[b], slot[a] + 1)
    before = sorted((a, b) if rank[a] < rank[b] else (b, a) for a, b, _ in prefer)
    return slot, before


def test_slots_are_those_of_the_plain_sequence_on_random_gaps():
    rng = random.Random(9)
    for _ in range(400):
        count = rng.randint(0, 30)
        spread = rng.choice([3, 12, 200])  # many shared ends, some, nearly none
        jogs = [(float(rng.randint(0, spread)), float(rng.randint(0, spread)))
                for _ in range(count)]
        ties = None if rng.random() < 0.5 else [(rng.random(), n) for n in range(count)]
        before: list[tuple[int, int]] = []
        expected, expected_before = _reference(jogs, ties)
        assert slots(jogs, ties, before) == expected, jogs
        assert sorted(before) == expected_before


def test_a_crowded_gap_orders_a_fan_without_crossings():
    """Jogs fanning out from one point to ever farther ends nest: each one's slot is
    apart from the others' and no two that would cross are put in the crossing order."""
    jogs = [(0.0, float(10 * k)) for k in range(1, 40)]
    slot = slots(jogs)
    assert len(set(slot)) == len(jogs)
    # the farther a jog goes, the nearer the gap's near side it turns (no crossings)
    assert slot == sorted(slot, reverse=True)
