"""All architecture rules on generated models, against parsing the same text.

Rules run after every parse in the app, so the baseline is that parse: the ratio says
how much validation adds to each keystroke. Target: rules under 20 ms at 500 elements.
"""

from __future__ import annotations

from archstudio.dsl import parse
from archstudio.rules import check
from benchmarks import best_ms
from benchmarks.models import generate

SIZES = (500, 2000)
REPEAT = 7



def run() -> list[dict]:
    results = []
    for size in SIZES:
        text = generate(size)
        model = parse(text)
        parse_ms = best_ms(lambda text=text: parse(text), REPEAT)
        rules_ms = best_ms(lambda model=model: check(model), REPEAT)
        results.append({
            "name": f"rules on {size} elements",
            "elements": len(model.elements),
            "relations": len(model.relations),
            "findings": len(check(model)),
            "baseline": "parse of the same text",
            "baseline_ms": round(parse_ms, 2),
            "ms": round(rules_ms, 2),
            "ratio": round(rules_ms / parse_ms, 3),
        })
    return results


if __name__ == "__main__":
    for row in run():
        print(row)
