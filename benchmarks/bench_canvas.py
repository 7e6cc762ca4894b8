"""Canvas and export: show_model on generated models, and drawing a whole scene.

Baselines measured in the same run: the same number of Qt's stock items (a
QGraphicsRectItem per element, a QGraphicsLineItem per relation) for building and for
drawing, and parsing the text for the one-label edit (the keystroke budget is 16 ms at
500 elements, of which parsing takes about 5 ms).
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QLineF, QRectF  # noqa: E402
from PySide6.QtGui import QColor, QImage, QPainter  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QApplication,
    QGraphicsLineItem,
    QGraphicsRectItem,
    QGraphicsScene,
)

from archstudio.canvas import DiagramScene  # noqa: E402
from archstudio.dsl import parse  # noqa: E402
from archstudio.layout import arrange  # noqa: E402
from benchmarks import best_ms
from benchmarks.models import generate  # noqa: E402

SIZES = (100, 500, 2000)
REPEAT = 5
IMAGE_SIDE = 2000  # the scene is drawn scaled into an image this wide


def _stock_scene(boxes, model) -> QGraphicsScene:
    scene = QGraphicsScene()
    for box in boxes.values():
        scene.addItem(QGraphicsRectItem(box.x, box.y, box.width, box.height))
    for relation in model.relations:
        if relation.source in boxes and relation.target in boxes:
            (sx, sy), (tx, ty) = boxes[relation.source].center, boxes[relation.target].center
            scene.addItem(QGraphicsLineItem(QLineF(sx, sy, tx, ty)))
    return scene


def _render_ms(scene: QGraphicsScene, source: QRectF) -> float:
    height = max(1, round(IMAGE_SIDE * source.height() / max(source.width(), 1)))
    image = QImage(IMAGE_SIDE, height, QImage.Format.Format_ARGB32_Premultiplied)

    def draw():
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        scene.render(painter, QRectF(image.rect()), source)
        painter.end()

    return best_ms(draw, 3)



def run() -> list[dict]:
    app = QApplication.instance() or QApplication([])  # noqa: F841 (keeps Qt alive)
    results = []
    for size in SIZES:
        text = generate(size)
        model = parse(text)
        boxes = arrange(model)
        edited_text = text.replace('"Service 0.1"', '"Service zero point one"', 1)
        edited = parse(edited_text)
        items = len(model.elements) + len(model.relations)

        stock_ms = best_ms(lambda b=boxes, m=model: _stock_scene(b, m), REPEAT)
        first_ms = best_ms(lambda m=model, b=boxes: DiagramScene().show_model(m, b),
                           REPEAT)
        results.append({
            "name": f"show_model, first show, {size} elements",
            "items": items,
            "baseline": "as many stock rect/line items",
            "baseline_ms": round(stock_ms, 2),
            "ms": round(first_ms, 2),
            "ratio": round(first_ms / stock_ms, 2),
        })

        scene = DiagramScene()
        scene.show_model(model, boxes)
        flip = [edited, model]

        def one_label(scene=scene, flip=flip, boxes=boxes):
            scene.show_model(flip[0], boxes)
            flip.reverse()

        edit_ms = best_ms(one_label, 9)
        parse_ms = best_ms(lambda t=edited_text: parse(t), REPEAT)
        results.append({
            "name": f"show_model, one label changed, {size} elements",
            "baseline": "parse of the same text",
            "baseline_ms": round(parse_ms, 2),
            "ms": round(edit_ms, 2),
            "ratio": round(edit_ms / parse_ms, 3),
            "vs_first_show": round(edit_ms / first_ms, 3),
        })

        stock = _stock_scene(boxes, model)
        source = scene.content_rect()
        stock_render = _render_ms(stock, source)
        ours_render = _render_ms(scene, source)
        results.append({
            "name": f"render scene to a {IMAGE_SIDE}px image, {size} elements",
            "baseline": "the stock-item scene, same image",
            "baseline_ms": round(stock_render, 2),
            "ms": round(ours_render, 2),
            "ratio": round(ours_render / stock_render, 2),
        })
        stock.clear()
        scene.clear()
    return results


if __name__ == "__main__":
    for row in run():
        print(row)
