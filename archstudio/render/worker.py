"""The routing helper process: ``python -m archstudio.render.worker``.

Routing a big diagram takes seconds of pure Python. Done in the app's own process it
would freeze the window, and a thread would not help (the interpreter runs one thread at
a time, and every item the canvas paints needs it). So the canvas hands whole drawings to
this process, which runs on another core, and paints the lines when they come back.

The protocol is frames on stdin and stdout: an 8-byte big-endian length, then a pickle.
A request is ``(job, shapes, links, sizes, outlines, style)`` (``outlines``: each
shape's outline points, box-relative, as :meth:`Drawing.compute` asks for them); the
answer is ``(job, drawing, None)`` or ``(job, None, message)``. A request may end with
``hints`` and ``early``; with ``early`` true, the lines alone come first, as ``(job,
lines, LINES)`` (a drawing without labels, :meth:`Drawing.lines_only`), before the whole
drawing: placing the labels is more than half of a big drawing's routing, and the lines
are worth showing meanwhile. Only the app that started the process writes to it. End of
input ends the process.
"""

from __future__ import annotations

import copyreg
import gc
import io
import os
import pickle
import struct
import sys
import traceback
from collections.abc import Callable
from typing import BinaryIO

HEADER = struct.Struct(">Q")
LINES = "lines"  # the third field of an answer that holds the lines alone (see above)


def _reducers() -> dict:
    """Boxes and ports rebuilt by their constructors: several times faster to load than
    the generic way (field by field) for the thousands a drawing holds."""
    from archstudio.layout.geometry import Box
    from archstudio.render.ports import Port
    from archstudio.render.scope import Shape

    return {**copyreg.dispatch_table,
            Box: lambda b: (Box, (b.x, b.y, b.width, b.height)),
            Port: lambda p: (Port, (p.point, p.direction, p.side)),
            Shape: lambda s: (Shape, (s.box, s.parent, s.is_group, s.title))}


def write_frame(stream: BinaryIO, value: object) -> None:
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _reducers()
    pickler.dump(value)
    data = buffer.getvalue()
    stream.write(HEADER.pack(len(data)) + data)
    stream.flush()


def read_frame(stream: BinaryIO) -> object | None:
    """The next value, or None at the end of input."""
    header = _read_exactly(stream, HEADER.size)
    if header is None:
        return None
    data = _read_exactly(stream, HEADER.unpack(header)[0])
    return None if data is None else pickle.loads(data)  # noqa: S301 (our own parent)


def _read_exactly(stream: BinaryIO, size: int) -> bytes | None:
    chunks, left = [], size
    while left:
        chunk = stream.read(left)
        if not chunk:
            return None
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def answer(request: tuple, early: Callable[[tuple], None] | None = None) -> tuple:
    """Route one request: ``(job, drawing, None)`` or ``(job, None, what went wrong)``.
    ``early``: given ``(job, lines, LINES)`` first when the request asks for its lines
    early."""
    from archstudio.render.drawing import Drawing

    job, shapes, links, sizes, outlines, style, *rest = request
    hints = rest[0] if rest else None
    lines_done = None
    if early is not None and len(rest) > 1 and rest[1]:
        def lines_done(lines: Drawing) -> None:
            early((job, lines, LINES))
    gc.disable()  # routing keeps nearly all it builds: collections would only cost time
    try:
        drawing = Drawing.compute(shapes, links, sizes, outlines.get, style, hints,
                                  lines_done=lines_done)
    except Exception:  # noqa: BLE001 (the app falls back to routing itself)
        return job, None, traceback.format_exc(limit=5)
    finally:
        gc.enable()
    # the asker has these already: not sent back (see :func:`restore`)
    drawing.shapes, drawing.links, drawing.sizes = {}, [], {}
    return job, drawing, None


def restore(drawing, shapes, links, sizes):
    """An answer's drawing made whole again with the inputs its request sent."""
    drawing.shapes, drawing.links, drawing.sizes = dict(shapes), list(links), dict(sizes)
    return drawing


def serve(source: BinaryIO, sink: BinaryIO) -> None:
    try:
        while (request := read_frame(source)) is not None:
            write_frame(sink, answer(request, lambda lines: write_frame(sink, lines)))
    except BrokenPipeError:  # the app ended while a drawing was on its way: nothing to do
        try:
            sink.close()
        except OSError:
            pass


def main() -> None:
    sink = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    sys.stdout = sys.stderr  # a stray print must not break the frames
    import archstudio.render.drawing  # noqa: F401  (loaded before the first request)

    serve(sys.stdin.buffer, sink)


if __name__ == "__main__":
    main()
