"""Every bundled generator on generated models, against parsing the same text.

The app's Generate menu runs a generator on the current text before showing the
preview, so the baseline is that parse: the ratio says how long the preview takes
beyond reading the file. OpenAPI is left out: the generated models expose no operations.
"""

from __future__ import annotations

from archstudio.dsl import parse
from archstudio.generate import installed_generators
from benchmarks import best_ms
from benchmarks.models import generate

SIZES = (500, 2000)
TARGETS = ("compose", "istio", "kubernetes", "linkerd")
REPEAT = 5


def run() -> list[dict]:
    results = []
    generators = installed_generators()
    for size in SIZES:
        text = generate(size)
        model = parse(text)
        parse_ms = best_ms(lambda text=text: parse(text), REPEAT)
        for target in TARGETS:
            make = generators[target].generate
            output = make(model)
            ms = best_ms(lambda make=make, model=model: make(model), REPEAT)
            results.append({
                "name": f"{target} on {size} elements",
                "files": len(output.files),
                "baseline": "parse of the same text",
                "baseline_ms": round(parse_ms, 2),
                "ms": round(ms, 2),
                "ratio": round(ms / parse_ms, 3),
            })
    return results


if __name__ == "__main__":
    for row in run():
        print(row)
