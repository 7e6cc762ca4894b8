"""Layers for elements without relations: each goes to the least crowded layer its
system spans, so a system's loose members fill its short columns instead of making it
longer (or, when the system holds nothing else, a square-ish grid). Pure Python.
"""

from __future__ import annotations

import math


def place_isolated(count: int, edges: list[tuple[int, int]], layer: list[int],
                    paths: list[tuple[int, ...]]) -> None:
    """Elements without relations go to the least crowded layer their system spans (or a
    square-ish grid when their system has nothing else)."""
    linked = [False] * count
    for s, t in edges:
        linked[s] = linked[t] = True
    span: dict[int, tuple[int, int]] = {}
    crowd: dict[tuple[int, int], int] = {}
    for node in range(count):
        if linked[node]:
            for system in paths[node]:
                low, high = span.get(system, (layer[node], layer[node]))
                span[system] = (min(low, layer[node]), max(high, layer[node]))
                crowd[system, layer[node]] = crowd.get((system, layer[node]), 0) + 1
    loose = [n for n in range(count) if not linked[n]]
    by_system: dict[tuple[int, ...], list[int]] = {}
    for node in loose:
        by_system.setdefault(paths[node], []).append(node)
    for node_path, nodes in by_system.items():
        holder = next((s for s in reversed(node_path) if s in span), None)
        if holder is None:
            columns = max(1, round(math.sqrt(len(nodes) / 2)))
            for i, node in enumerate(nodes):
                layer[node] = i % columns
            continue
        low, high = span[holder]
        for node in nodes:
            best = min(range(low, high + 1), key=lambda lay: (crowd.get((holder, lay), 0), lay))
            layer[node] = best
            crowd[holder, best] = crowd.get((holder, best), 0) + 1
