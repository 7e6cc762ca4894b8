"""Parsing speed: full parses and keystrokes through the IncrementalParser.

Sizes 100, 500 and 2,000 elements (``benchmarks.models.generate``). The baseline,
measured in the same run, is a plain lark LALR parse of the same text with a minimal
grammar (statements, blocks, relations; no spans, no checks, no model): what a
textbook parser costs before doing anything useful. Measured against it:

- cold: ``archstudio.dsl.parse`` with the statement-head cache emptied first;
- warm: ``parse`` again (every head already cached, as after the first parse);
- keystroke in a label: one character typed into a label mid-file, re-parsed with one
  ``IncrementalParser`` (median of the keystrokes);
- keystroke on a new relation: a relation line typed character by character among
  the relations (median);
- keystroke in the layout: a digit typed into a position of the layout section that
  follows the architecture block (every element placed, as the edit engine writes it).

Every keystroke model is checked against a fresh ``parse`` once, outside the timing.
"""

from __future__ import annotations

import statistics
import time

from lark import Lark

from archstudio.dsl import parse, statements
from archstudio.dsl.incremental import IncrementalParser
from archstudio.model.elements import summary_of
from benchmarks import best_ms
from benchmarks.models import generate

SIZES = (100, 500, 2000)
FRAME_MS = 16.0

BASELINE_GRAMMAR = r"""
start: _NL* (stmt _NL*)*
stmt: ref ARROW ref STRING* block?   -> relation
    | NAME value* block?             -> words
block: "{" _NL* (stmt _NL*)* "}"
value: STRING | NAME | NUMBER
ref: NAME ("." NAME)*
ARROW: "->" | /-\[[A-Za-z_-]+\]->/
NAME: /[A-Za-z_][A-Za-z0-9_]*/
NUMBER: /-?[0-9]+(\.[0-9]+)?/
STRING: /"(?:[^"\\\n]|\\.)*"/
_NL: /\n/
%ignore /[ \t]+/
"""

_BASELINE = Lark(BASELINE_GRAMMAR, parser="lalr")


def _cold_parse(text: str) -> None:
    statements._CACHE.clear()  # a dict clear: microseconds against a parse
    parse(text)


def _with_layout(text: str) -> str:
    qnames = sorted(parse(text).elements)
    entries = "".join(f"  {q}: {i % 40 * 200}, {i // 40 * 120}\n" for i, q in enumerate(qnames))
    return f"{text}\nlayout {{\n{entries}}}\n"


def _keystrokes_ms(text: str, at: int, typed: str) -> tuple[float, int]:
    """Median ms per keystroke typing ``typed`` at ``at``; and how many were incremental."""
    parser = IncrementalParser()
    parser.parse(text)
    times = []
    incremental = 0
    for char in typed:
        text = text[:at] + char + text[at:]
        at += 1
        start = time.perf_counter()
        model = parser.parse(text)
        times.append(time.perf_counter() - start)
        incremental += parser.last_was_incremental
    assert summary_of(model) == summary_of(parse(text))
    assert [d.code for d in model.diagnostics] == [d.code for d in parse(text).diagnostics]
    return statistics.median(times) * 1000, incremental


def run() -> list[dict]:
    rows = []
    for size in SIZES:
        text = generate(size)
        model = parse(text)
        baseline = best_ms(lambda text=text: _BASELINE.parse(text), 3)
        label_at = text.index(f'"Service {size // 20}.1"') + 4  # the middle system
        relation_at = text.index("\n", text.index(" -[sync]-> ")) + 1
        relation = '  Sys1.Svc1_0 -[async]-> Sys2.Bus2 "emits"\n'
        label_ms, label_incremental = _keystrokes_ms(text, label_at, "Orders ")
        relation_ms, relation_incremental = _keystrokes_ms(text, relation_at, relation)
        laid_out = _with_layout(text)
        layout_at = laid_out.index(": ", laid_out.index("\nlayout {") + len(model.elements) * 8)
        layout_ms, layout_incremental = _keystrokes_ms(laid_out, layout_at + 2, "12345")
        cases = [
            ("lark baseline (minimal grammar)", baseline, None),
            ("full parse, cold", best_ms(lambda text=text: _cold_parse(text), 3), None),
            ("full parse, warm", best_ms(lambda text=text: parse(text), 5), None),
            ("keystroke in a label", label_ms, f"{label_incremental}/7"),
            ("keystroke on a new relation", relation_ms,
             f"{relation_incremental}/{len(relation)}"),
            ("keystroke in the layout section", layout_ms, f"{layout_incremental}/5"),
        ]
        for name, ms, incremental in cases:
            rows.append({
                "case": name,
                "elements": len(model.elements),
                "relations": len(model.relations),
                "baseline_ms": round(baseline, 2),
                "ms": round(ms, 3),
                "ratio": round(ms / baseline, 4),
                "frames": round(ms / FRAME_MS, 3),
                "incremental": incremental,
            })
    return rows


if __name__ == "__main__":
    from benchmarks.__main__ import format_table

    print(format_table(run()))
