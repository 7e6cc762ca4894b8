"""Hostile text shapes, each a function of a size in characters. Every one of them once
made some check grow quadratically (see docs/reliability.md)."""

from __future__ import annotations

from collections.abc import Callable


def _repeat(head: str, line: Callable[[int], str], tail: str, size: int) -> str:
    parts = [head]
    total = len(head) + len(tail)
    index = 0
    while total < size:
        part = line(index)
        parts.append(part)
        total += len(part)
        index += 1
    parts.append(tail)
    return "".join(parts)


def unclosed_strings(size: int) -> str:
    return _repeat('architecture "A" {\n', lambda i: f'  p{i % 10} "\n', "}\n", size)


def apostrophe_prose(size: int) -> str:
    """Prose pasted into a file: each apostrophe opens a string that never closes."""
    return _repeat("", lambda i: "it's prose\n", "", size)


def unknown_names(size: int) -> str:
    """As many declared elements as relations between names that match none of them:
    each unknown name is compared with every known one for a "did you mean"."""
    return _repeat('architecture "A" {\n',
                   lambda i: f'  person Known{i} "K"\n  Missing{i} -> Absent{i}\n', "}\n", size)


def stale_layout(size: int) -> str:
    """Declared elements, and as many layout entries for elements that are gone."""
    elements = _repeat('architecture "A" {\n', lambda i: f'  person Known{i} "K"\n', "}\n",
                       size // 2)
    return elements + _repeat("layout {\n", lambda i: f"  Gone{i}: {i}, {i}\n", "}\n",
                              size - len(elements))


def long_arrow_chain(size: int) -> str:
    """One relation statement of thousands of arrows (and a relation reference of them)."""
    chain = " -> ".join(f"n{i}" for i in range(max(2, size // 7)))
    return f'architecture "A" {{\n  person n0 "N"\n  {chain}\n}}\n'


def arrow_soup(size: int) -> str:
    return _repeat('architecture "A" {\n', lambda i: "  a " + "->" * 40 + " b -[x]-> -[\n",
                   "}\n", size)


def unclosed_blocks(size: int) -> str:
    return _repeat('architecture "A" {\n', lambda i: f"  system S{i} {{\n", "", size)


def stray_braces(size: int) -> str:
    return _repeat('architecture "A" {\n', lambda i: "  } { ;; }\n", "}\n", size)


def duplicate_names(size: int) -> str:
    return _repeat('architecture "A" {\n', lambda i: '  container Same "S"\n', "}\n", size)


SHAPES: dict[str, Callable[[int], str]] = {
    "unclosed strings": unclosed_strings,
    "prose with apostrophes": apostrophe_prose,
    "relations to unknown names": unknown_names,
    "stale layout entries": stale_layout,
    "a long arrow chain": long_arrow_chain,
    "arrow soup": arrow_soup,
    "unclosed blocks": unclosed_blocks,
    "stray braces": stray_braces,
    "duplicate names": duplicate_names,
}
