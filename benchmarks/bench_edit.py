"""Each edit-engine operation on a 2,000-element file, against parsing the same text.

The canvas calls the engine on every gesture with the model it already has, so an
operation must stay well inside a 16 ms frame; the baseline is the parse that follows
every edit anyway (the ratio says how much the edit adds to it). The file has a layout
section with every element in it, as a laid-out diagram does.
"""

from __future__ import annotations

from archstudio import edit
from archstudio.dsl import parse
from archstudio.edit.references import forget_indexes
from benchmarks import best_ms
from benchmarks.models import generate

SIZE = 2000
REPEAT = 7


def laid_out(size: int) -> str:
    text = generate(size)
    model = parse(text)
    grid = {q: (i % 40 * 150.0, i // 40 * 90.0) for i, q in enumerate(model.elements)}
    return edit.set_positions(text, grid, model=model).text


def operations(model) -> dict:
    """Name -> operation(text, model), on elements the generated model always has."""
    every = {q: (i * 7.5, i * 3.0) for i, q in enumerate(model.elements)}
    return {
        "create element (top level)": lambda t, m: edit.create_element(
            t, "container", "Fresh", model=m, label="Fresh", unique=True),
        "create element (in a system)": lambda t, m: edit.create_element(
            t, "container", "Fresh", model=m, parent="Sys7", properties=[("technology", "Go")],
            unique=True),
        "delete element (with relations)": lambda t, m: edit.delete_element(
            t, "Sys3.Svc3_1", model=m),
        "delete system (with children)": lambda t, m: edit.delete_element(t, "Sys5", model=m),
        "delete system (lift children)": lambda t, m: edit.delete_element(
            t, "Sys5", model=m, lift_children=True),
        "rename element": lambda t, m: edit.rename_element(t, "Sys0.Svc0_0", "Entry", model=m),
        "rename system": lambda t, m: edit.rename_element(t, "Sys9", "Billing", model=m),
        "move element to the top": lambda t, m: edit.move_element(t, "Sys4.Svc4_2", None,
                                                                  model=m),
        "set property (existing)": lambda t, m: edit.set_property(
            t, "Sys6.Svc6_1", "technology", "Rust", model=m),
        "set property (new block)": lambda t, m: edit.set_property(
            t, "Sys6.Db6_1", "technology", "Postgres", model=m),
        "remove property (block goes)": lambda t, m: edit.remove_property(
            t, "Sys6.Svc6_1", "technology", model=m),
        "set label": lambda t, m: edit.set_label(t, "Sys8.Db8_0", "Orders", model=m),
        "connect": lambda t, m: edit.connect(t, "User", "Sys2.Svc2_3", model=m, kind="sync",
                                             label="calls"),
        "reconnect": lambda t, m: edit.reconnect(t, 5, "target", "Sys1.Db1_1", model=m),
        "set relation kind": lambda t, m: edit.set_relation_kind(t, 5, "sync", model=m),
        "delete relation": lambda t, m: edit.delete_relation(t, 5, model=m),
        "set 10 positions": lambda t, m: edit.set_positions(
            t, dict(list(every.items())[100:110]), model=m),
        f"set all {len(every)} positions": lambda t, m: edit.set_positions(t, every, model=m),
        "set a system's size": lambda t, m: edit.set_size(t, "Sys3", 640, 480, model=m),
    }



def run() -> list[dict]:
    text = laid_out(SIZE)
    model = parse(text)
    parse_ms = best_ms(lambda: parse(text), REPEAT)
    results = []
    for name, operation in operations(model).items():
        result = operation(text, model)
        assert result.edits, name
        ms = best_ms(lambda operation=operation: (forget_indexes(), operation(text, model)),
                     REPEAT)
        results.append({
            "name": name,
            "elements": len(model.elements),
            "relations": len(model.relations),
            "baseline": "parse of the same text",
            "baseline_ms": round(parse_ms, 2),
            "ms": round(ms, 3),
            "ratio": round(ms / parse_ms, 4),
            "frames": round(ms / 16.0, 3),
        })
    return results


if __name__ == "__main__":
    for row in run():
        print(f"{row['name']:32} {row['ms']:8.3f} ms  {row['ratio']:.4f}x parse "
              f"({row['baseline_ms']} ms)")
