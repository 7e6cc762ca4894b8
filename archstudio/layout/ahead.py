"""A big file laid out ahead, in another process, while the app is still starting.

Launching the app on a 2,000-element file spent about a second importing Qt and
building the window, and then about as long again laying the file out, one after the
other. ``archstudio open FILE`` therefore starts ``python -m archstudio.layout.ahead
FILE`` first (a second core is usually idle then): it reads and parses the file and
lays it out exactly as the document would (``arrange(model)`` with nothing placed yet),
and writes the boxes and the engine's plans for the lines as one pickle to its standard
output. When the document first lays out that file it takes the answer instead of
computing it, provided the text is the very text the helper read (compared by digest);
otherwise, or when the helper failed, it lays the file out itself as before. No Qt.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import subprocess
import sys
from pathlib import Path

from archstudio.layout.collector import collector_paused
from archstudio.layout.geometry import Box

BIG_FILE = 20_000  # bytes: about 150 elements; smaller files lay out in a moment
WAIT_S = 120.0  # at most this long for an answer; then the document lays out itself

_helpers: dict[str, subprocess.Popen] = {}


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _key(path: str) -> str:
    return str(Path(path).resolve())


def lay_out_ahead(path: str | None) -> None:
    """Start laying out ``path`` in a helper process when it is big enough to pay."""
    if path is None or getattr(sys, "frozen", False) or _key(path) in _helpers:
        return
    try:
        if os.path.getsize(path) < BIG_FILE:
            return
        _helpers[_key(path)] = subprocess.Popen(  # noqa: S603 (this interpreter, this module)
            [sys.executable, "-m", "archstudio.layout.ahead", str(path)],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    except OSError:
        return  # no helper: the document lays the file out itself


def laid_out_ahead(path: str | None, text: str) -> dict[str, Box] | None:
    """The boxes the helper found for ``path`` if it read exactly ``text`` (its plans
    for the lines are remembered as the engine's own); None otherwise. Each helper's
    answer is taken once."""
    helper = _helpers.pop(_key(path), None) if path else None
    if helper is None:
        return None
    try:
        out, _ = helper.communicate(timeout=WAIT_S)
    except subprocess.TimeoutExpired:
        helper.kill()
        helper.communicate()
        return None
    if helper.returncode != 0 or not out:
        return None
    from archstudio.layout.routes import remember

    with collector_paused():  # thousands of boxes and plans, all kept
        read, boxes, hints = pickle.loads(out)  # noqa: S301 (our own child process)
    if read != digest(text):
        return None
    if hints:
        remember(hints)
    return boxes


def forget() -> None:
    """Stop every helper still running (tests, and a window closed before it opened)."""
    for helper in _helpers.values():
        helper.kill()
        helper.communicate()
    _helpers.clear()


def main(argv: list[str]) -> int:
    from archstudio.dsl import parse, read_source
    from archstudio.layout.arrange import arrange
    from archstudio.layout.routes import newest

    source = read_source(argv[0])
    if source.text is None:
        return 2
    with collector_paused():
        model = parse(source.text)
        boxes = arrange(model)
    data = pickle.dumps((digest(source.text), boxes, newest()), pickle.HIGHEST_PROTOCOL)
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
