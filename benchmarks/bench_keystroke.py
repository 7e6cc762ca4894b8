"""The desktop app: keystroke-to-canvas latency and open time at 100/500/2,000 elements.

A keystroke is measured in-process without waiting for the debounce timer: a character
goes into the editor's QTextDocument (highlighting runs), then the window's pipeline runs
at once (incremental parse, rules, arrange from the previous boxes, scene.show_model,
outline, problems list and underlines). Open is ``open_path`` on a window: read, editor
text and highlighting, parse, arrange, scene. The baseline, measured in the same run, is
``archstudio.dsl.parse`` of the same text (warm statement cache): what parsing alone costs.
Graphviz ``dot -Tplain`` on the same graph is given too when it is installed (stopped
after a minute; the figure is then a lower bound).
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import time

from PySide6.QtGui import QTextCursor

from archstudio.dsl import parse
from benchmarks import best_ms
from benchmarks.models import generate
from benchmarks.window import app_window, model_file

SIZES = (100, 500, 2000)
KEYSTROKES = 21
DOT_TIMEOUT_S = 60  # dot needs over 10 minutes for the 2,000-element graph on this machine


def _ms(action) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def _median_ms(action, repeat: int) -> float:
    return statistics.median(_ms(action) for _ in range(repeat))


def _dot_ms(text: str) -> float | None:
    if shutil.which("dot") is None:
        return None
    model = parse(text)
    lines = ["digraph G {"] + [f'  "{q}";' for q in model.elements] + [
        f'  "{r.source}" -> "{r.target}";' for r in model.relations if r.resolved] + ["}"]
    dot = "\n".join(lines)
    start = time.perf_counter()
    try:
        subprocess.run(["dot", "-Tplain"], input=dot.encode(), capture_output=True,
                       timeout=DOT_TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired:
        pass  # the figure is then a lower bound ("dot_ms" >= the timeout)
    return (time.perf_counter() - start) * 1000


def _typing(window, text: str) -> tuple[float, float]:
    """Median ms of a character typed into a label mid-file, and of a pasted relation line."""
    editor, document = window.editor, window.document
    label_at = editor.offsets().to_qt(text.rfind('"Service', 0, len(text) // 2) + 1)
    cursor = QTextCursor(editor.document())
    state = {"typed": False}

    def keystroke() -> None:
        if state["typed"]:
            cursor.setPosition(label_at)
            cursor.setPosition(label_at + 1, QTextCursor.MoveMode.KeepAnchor)
            cursor.removeSelectedText()
        else:
            cursor.setPosition(label_at)
            cursor.insertText("x")
        state["typed"] = not state["typed"]
        document.reparse_now()

    keystroke_ms = _median_ms(keystroke, KEYSTROKES)
    line_at = editor.offsets().to_qt(editor.text().rstrip().rfind("}"))
    line = "  User -> Sys0.Svc0_1 \"checks\"\n"

    def new_line() -> None:
        if state["typed"]:
            cursor.setPosition(line_at)
            cursor.setPosition(line_at + len(line), QTextCursor.MoveMode.KeepAnchor)
            cursor.removeSelectedText()
        else:
            cursor.setPosition(line_at)
            cursor.insertText(line)
        state["typed"] = not state["typed"]
        document.reparse_now()

    state["typed"] = False
    return keystroke_ms, _median_ms(new_line, KEYSTROKES - 1)


def run() -> list[dict]:
    results: list[dict] = []
    for size in SIZES:
        text = generate(size)
        path = model_file(text, size)
        parse(text)  # warm the statement cache, as a running app has it
        parse_ms = _median_ms(lambda t=text: parse(t), 5)
        with app_window() as window:
            open_ms = best_ms(lambda w=window, p=path: w.open_path(str(p)), 3)
            keystroke_ms, line_ms = _typing(window, text)
        elements = len(parse(text).elements)
        common = {"elements": elements, "baseline": "archstudio.dsl.parse, same text (warm)",
                  "baseline_ms": round(parse_ms, 2)}
        results.append({"name": f"keystroke in a label → canvas, {size}", **common,
                        "ms": round(keystroke_ms, 2), "ratio": round(keystroke_ms / parse_ms, 3)})
        results.append({"name": f"relation line pasted → canvas, {size}", **common,
                        "ms": round(line_ms, 2), "ratio": round(line_ms / parse_ms, 3)})
        dot_ms = _dot_ms(text)
        row = {"name": f"open (read, editor, parse, arrange, scene), {size}", **common,
               "ms": round(open_ms, 2), "ratio": round(open_ms / parse_ms, 2)}
        if dot_ms is not None:
            row["dot_ms"] = round(dot_ms, 1)
            row["dot_timed_out"] = dot_ms >= DOT_TIMEOUT_S * 1000
            row["vs_dot"] = round(open_ms / dot_ms, 3)
        results.append(row)
    return results


if __name__ == "__main__":
    for result in run():
        print(result)
