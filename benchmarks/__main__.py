"""Run benchmarks and print their rows as tables.

    python -m benchmarks              # every benchmarks/bench_*.py
    python -m benchmarks parse edit   # bench_parse.py and bench_edit.py
    python -m benchmarks --json parse # rows as JSON, for scripts
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def available() -> list[str]:
    """The benchmark names: ``bench_parse.py`` is ``parse``."""
    return sorted(path.stem.removeprefix("bench_") for path in HERE.glob("bench_*.py"))


def format_table(rows: list[dict]) -> str:
    """A plain-text table; columns in the order the rows first name them."""
    columns: list[str] = []
    for row in rows:
        columns.extend(key for key in row if key not in columns)
    cells = [[_cell(row.get(column)) for column in columns] for row in rows]
    widths = [max([len(column)] + [len(line[i]) for line in cells]) for i, column in
              enumerate(columns)]
    lines = ["  ".join(column.ljust(width) for column, width in zip(columns, widths, strict=True))]
    lines.append("  ".join("-" * width for width in widths))
    for line in cells:
        lines.append("  ".join(
            value.rjust(width) if _is_number(value) else value.ljust(width)
            for value, width in zip(line, widths, strict=True)
        ))
    return "\n".join(lines)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.3f}" if abs(value) < 100 else f"{value:.1f}"
    return str(value)


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("names", nargs="*", help=f"benchmarks to run (of: "
                        f"{', '.join(available())}); all when none is given")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    args = parser.parse_args(argv)
    names = args.names or available()
    unknown = [name for name in names if name not in available()]
    if unknown:
        print(f"unknown benchmark: {', '.join(unknown)} (available: {', '.join(available())})",
              file=sys.stderr)
        return 2
    results: dict[str, list[dict]] = {}
    failed = []
    for name in names:
        started = time.perf_counter()
        try:
            rows = importlib.import_module(f"benchmarks.bench_{name}").run()
        except Exception as exc:  # one broken benchmark does not stop the others
            print(f"== {name}: failed: {type(exc).__name__}: {exc}", file=sys.stderr)
            failed.append(name)
            continue
        results[name] = rows
        if not args.json:
            print(f"== {name} ({time.perf_counter() - started:.1f} s)")
            print(format_table(rows) if rows else "(no rows)")
            print()
    if args.json:
        print(json.dumps(results, indent=2))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
