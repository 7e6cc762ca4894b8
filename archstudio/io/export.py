"""Export a diagram to PNG, SVG or PDF: a function of model + boxes, never of the view.

Always the light theme, no selection marks and no grid. Files are written through
QSaveFile, so a failed export never leaves half a file behind. Needs a QGuiApplication
(fonts); the CLI creates one that runs without a display.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from pathlib import Path
from xml.sax.saxutils import escape

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QRectF, QSaveFile, QSize, QSizeF, Qt
from PySide6.QtGui import QColor, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtSvg import QSvgGenerator

from archstudio.io.png import encode_opaque
from archstudio.layout.geometry import Box
from archstudio.model.elements import Model
from archstudio.render import LIGHT, Drawing, plan
from archstudio.render.diagram import with_descendants
from archstudio.render.edge_face import LABEL_LOD
from archstudio.render.element_face import DETAIL_LOD
from archstudio.render.element_face import LABEL_LOD as NAME_LOD
from archstudio.render.legend import whole_text

MARGIN = 24.0
# A PNG larger than this is written smaller (with a note), never refused: 256 MB of ARGB,
# and no side beyond what image viewers and QPainter's raster engine handle well.
MAX_PIXELS = 64_000_000
MAX_SIDE = 16_384
FORMATS = ("png", "svg", "pdf", "json")
# Qt's PNG "quality" picks zlib's level: 80 is level 1, about twice as fast to write as
# the default for a diagram's flat colours, the file about a sixth larger (transparent
# PNGs only: opaque ones go through :mod:`archstudio.io.png`).
PNG_QUALITY = 80


class ExportError(Exception):
    """A clear reason an export could not be written (shown to the person as is)."""


def prepare(model: Model, boxes: dict[str, Box], only: Iterable[str] | None,
            routing: str, drawing: Drawing | None = None, labels: bool = True):
    """The plan to draw and its bounds plus the margin: the exported picture's frame.
    ``drawing``: the canvas's computed lines and labels, so the file shows exactly what the
    canvas shows (computed afresh when not given; without labels when ``labels`` is
    False)."""
    diagram = plan(model, boxes, LIGHT, routing, only, drawing, labels)
    bounds = diagram.bounds()
    if bounds.isEmpty():
        raise ExportError("nothing to export: the diagram (or the selection) is empty")
    return diagram, bounds.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)


def _paint(painter: QPainter, diagram, bounds: QRectF, scale: float,
           lod: float = 1.0) -> None:
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.scale(scale, scale)
    painter.translate(-bounds.left(), -bounds.top())
    diagram.paint(painter, lod)


def _open(path: str | Path) -> QSaveFile:
    target = QSaveFile(str(path))
    if not target.open(QIODevice.OpenModeFlag.WriteOnly):
        raise ExportError(f"cannot write {path}: {target.errorString()}")
    return target


def _commit(target: QSaveFile, path: str | Path) -> None:
    if not target.commit():
        raise ExportError(f"cannot write {path}: {_reason(target)}")


def _reason(target: QSaveFile) -> str:
    reason = target.errorString()
    return reason if reason and reason != "Unknown error" else \
        "the data could not be written (is the disk full?)"


def _write_all(path: str | Path, data: bytes) -> None:
    """Write finished bytes atomically; a short write (a full disk) is an error, never a
    cut-off file."""
    target = _open(path)
    if target.write(data) != len(data):
        reason = _reason(target)
        target.cancelWriting()
        raise ExportError(f"cannot write {path}: {reason}")
    _commit(target, path)


def image_size(bounds: QRectF, scale: float) -> QSize:
    return QSize(math.ceil(bounds.width() * scale), math.ceil(bounds.height() * scale))


def fitting_scale(bounds: QRectF, scale: float) -> float:
    """``scale``, or the largest smaller one whose image stays within MAX_SIDE and
    MAX_PIXELS."""
    width, height = max(1.0, bounds.width() * scale), max(1.0, bounds.height() * scale)
    factor = min(1.0, MAX_SIDE / width, MAX_SIDE / height,
                 math.sqrt(MAX_PIXELS / (width * height)))
    return scale if factor >= 1.0 else scale * factor * 0.999


def shrunk_note(wanted: QSize, size: QSize, scale: float) -> str:
    """What a person is told when a PNG is written smaller than asked: how much smaller,
    which text that scale leaves out (too small to read), and how to get it readable."""
    text = (f"note: the PNG would be {wanted.width()}×{wanted.height()} pixels, more than "
            f"one image holds well; written at {size.width()}×{size.height()} "
            f"(scale {scale:.3g}) instead.")
    left_out = []
    if scale < LABEL_LOD:
        left_out.append("relation labels")
    if scale < DETAIL_LOD:
        left_out.append("kinds and technologies")
    if scale < NAME_LOD:
        left_out.append("all but the start of element names (systems' names are drawn large)")
    if left_out:
        text += (" At that scale text would be under 5 px, so these are left out: "
                 + ", ".join(left_out) + ".")
    return text + (" SVG and PDF have no such limit (they zoom), and a part of the diagram "
                   "(Export Selection, or --only ID) makes a smaller, readable PNG.")


def _labels_shown(model: Model, boxes: dict[str, Box], only: Iterable[str] | None,
                  scale: float) -> bool:
    """Whether a PNG at ``scale`` may be drawn large enough to show relation labels
    (``edge_face.LABEL_LOD``). Judged from the shapes alone: lines and labels only make
    the picture bigger and so its scale smaller, so when the shapes alone already need a
    scale too small for labels, the labels are not placed at all (most of a big
    drawing's routing) and the lines are routed without them."""
    keep = with_descendants(model, only) if only is not None else None
    frame = QRectF()
    for qname, box in boxes.items():
        if qname in model.elements and (keep is None or qname in keep):
            frame = frame.united(QRectF(box.x, box.y, box.width, box.height))
    if frame.isEmpty():
        return True
    frame.adjust(-MARGIN, -MARGIN, MARGIN, MARGIN)
    return min(1.0, fitting_scale(frame, scale)) >= LABEL_LOD


def export_png(model: Model, boxes: dict[str, Box], path: str | Path, scale: float = 1,
               transparent: bool = False, only: Iterable[str] | None = None,
               routing: str = "orthogonal",
               note: Callable[[str], None] | None = None,
               drawing: Drawing | None = None) -> QSize:
    """Write a PNG; its size is the diagram's bounds plus a margin, times ``scale``.
    A diagram too large for one image is drawn smaller instead (``note`` says so)."""
    if not 0 < scale <= 16:
        raise ExportError(f"scale {scale} is out of range (0 < scale <= 16)")
    labels = drawing is not None or _labels_shown(model, boxes, only, scale)
    diagram, bounds = prepare(model, boxes, only, routing, drawing, labels)
    wanted = image_size(bounds, scale)
    scale = fitting_scale(bounds, scale)
    size = image_size(bounds, scale)
    if size != wanted and note is not None:
        note(shrunk_note(wanted, size, scale))
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied if transparent
                   else QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.transparent if transparent else QColor(LIGHT.background))
    painter = QPainter(image)  # at 96 dpi: the fonts' points are the canvas's pixels
    _paint(painter, diagram, bounds, scale, min(1.0, scale))
    painter.end()
    image.setDotsPerMeterX(round(3780 * scale))  # a viewer shows it at the canvas's size
    image.setDotsPerMeterY(round(3780 * scale))
    if not transparent:  # three bytes a pixel, unfiltered rows, run-length zlib
        _write_all(path, encode_opaque(image))
        return size
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG", PNG_QUALITY):
        raise ExportError(f"cannot encode {path} as PNG")
    _write_all(path, bytes(buffer.data()))
    return size


def export_svg(model: Model, boxes: dict[str, Box], path: str | Path,
               only: Iterable[str] | None = None, routing: str = "orthogonal",
               title: str | None = None, drawing: Drawing | None = None,
               **_ignored) -> None:
    """Write an SVG (text stays text; Qt escapes <, & and quotes)."""
    diagram, bounds = prepare(model, boxes, only, routing, drawing)
    buffer = QBuffer()  # QSvgGenerator does not report write errors: write the bytes after
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setResolution(96)
    generator.setSize(image_size(bounds, 1))
    generator.setViewBox(QRectF(0, 0, bounds.width(), bounds.height()))
    generator.setTitle(title or model.name or "ArchStudio diagram")
    generator.setDescription("Exported by ArchStudio")
    painter = QPainter(generator)
    painter.fillRect(QRectF(0, 0, bounds.width(), bounds.height()), QColor(LIGHT.background))
    _paint(painter, diagram, bounds, 1)
    painter.end()
    _write_all(path, _with_label_titles(bytes(buffer.data()), diagram, bounds))


def _with_label_titles(svg: bytes, diagram, bounds: QRectF) -> bytes:
    """The SVG with an invisible box over each label drawn without its technology or as a
    marker (a crowded spot took its shorter shape), titled with the whole text: a browser
    shows it on hover, as the canvas does."""
    boxes = []
    for relation, edge in zip(diagram.relations, diagram.edges, strict=True):
        box = edge.label_box
        if not edge.shortened or box is None:
            continue
        text = escape(whole_text(relation))
        boxes.append(f'<rect x="{box.x - bounds.left():.2f}" y="{box.y - bounds.top():.2f}" '
                     f'width="{box.width:.2f}" height="{box.height:.2f}" fill="#000" '
                     f'fill-opacity="0"><title>{text}</title></rect>\n')
    end = svg.rfind(b"</svg>")
    if not boxes or end < 0:
        return svg
    return svg[:end] + "".join(boxes).encode("utf-8") + svg[end:]


def export_pdf(model: Model, boxes: dict[str, Box], path: str | Path,
               only: Iterable[str] | None = None, routing: str = "orthogonal",
               title: str | None = None, drawing: Drawing | None = None,
               **_ignored) -> None:
    """Write a one-page PDF whose page is the diagram (vector, text stays text)."""
    diagram, bounds = prepare(model, boxes, only, routing, drawing)
    target = _open(path)
    writer = QPdfWriter(target)
    writer.setTitle(title or model.name or "ArchStudio diagram")
    writer.setCreator("ArchStudio")
    writer.setResolution(96)
    page = QPageSize(QSizeF(bounds.width() * 0.75, bounds.height() * 0.75),
                     QPageSize.Unit.Point, "diagram", QPageSize.SizeMatchPolicy.ExactMatch)
    writer.setPageLayout(QPageLayout(page, QPageLayout.Orientation.Portrait,
                                     QMarginsF(0, 0, 0, 0)))
    painter = QPainter(writer)
    _paint(painter, diagram, bounds, 1)
    painter.end()
    _commit(target, path)


def export(model: Model, boxes: dict[str, Box], path: str | Path, **options) -> None:
    """Export by the file's suffix: .png, .svg, .pdf or .json (the drawn geometry)."""
    from archstudio.io.geometry_json import export_json

    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise ExportError(f"cannot export to '.{suffix}': use .png, .svg, .pdf or .json")
    if suffix == "png":
        options.pop("title", None)
        export_png(model, boxes, path, **options)
    else:
        options.pop("scale", None)
        options.pop("transparent", None)
        options.pop("note", None)
        writers = {"svg": export_svg, "pdf": export_pdf, "json": export_json}
        writers[suffix](model, boxes, path, **options)
