"""The opaque PNG writer (``archstudio.io.png``): a standard PNG with exactly the pixels
and the resolution of the picture painted, as Qt's own reader sees it."""

from __future__ import annotations

import random
import zlib

import pytest
from PySide6.QtGui import QColor, QImage, QPainter

from archstudio.dsl import parse
from archstudio.io import export_png, png
from archstudio.io.export import _paint, image_size, prepare
from archstudio.io.png import encode_opaque
from archstudio.layout import arrange
from archstudio.render import LIGHT
from tests.conftest import EXAMPLES


@pytest.fixture(autouse=True)
def gui(qapp):
    return qapp


def _noise(width: int, height: int) -> QImage:
    rng = random.Random(width * 1000 + height)
    image = QImage(width, height, QImage.Format.Format_RGB32)
    for y in range(height):
        for x in range(width):
            image.setPixelColor(x, y, QColor(rng.randrange(256), rng.randrange(256),
                                             rng.randrange(256)))
    return image


@pytest.mark.parametrize("size", [(1, 1), (3, 2), (17, 5), (250, 40)])
def test_every_pixel_and_the_resolution_survive(size):
    image = _noise(*size)
    image.setDotsPerMeterX(7560)
    image.setDotsPerMeterY(3780)
    back = QImage.fromData(encode_opaque(image), "PNG")
    assert back.size() == image.size()
    assert (back.dotsPerMeterX(), back.dotsPerMeterY()) == (7560, 3780)
    assert back.convertToFormat(QImage.Format.Format_RGB32) == image


def test_chunks_are_well_formed():
    data = encode_opaque(_noise(64, 64))
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    at, kinds, stream = 8, [], b""
    while at < len(data):
        length = int.from_bytes(data[at:at + 4], "big")
        kind, body = data[at + 4:at + 8], data[at + 8:at + 8 + length]
        crc = int.from_bytes(data[at + 8 + length:at + 12 + length], "big")
        assert crc == zlib.crc32(kind + body) & 0xFFFFFFFF
        kinds.append(kind)
        if kind == b"IDAT":
            stream += body
        at += 12 + length
    assert kinds[0] == b"IHDR" and kinds[-1] == b"IEND" and b"IDAT" in kinds
    assert len(zlib.decompress(stream)) == 64 * (1 + 64 * 3)  # a filter byte per row


def test_an_exported_diagram_has_the_pixels_qt_painted(tmp_path):
    model = parse((EXAMPLES / "microservices-dot.arch").read_text(encoding="utf-8"))
    boxes = arrange(model)
    out = tmp_path / "d.png"
    export_png(model, boxes, out, scale=2)
    diagram, bounds = prepare(model, boxes, None, "orthogonal")
    painted = QImage(image_size(bounds, 2), QImage.Format.Format_RGB32)
    painted.fill(QColor(LIGHT.background))
    painter = QPainter(painted)
    _paint(painter, diagram, bounds, 2)
    painter.end()
    ours = QImage(str(out))
    assert ours.width() > 400
    assert ours.convertToFormat(QImage.Format.Format_RGB32) == painted
    assert abs(ours.dotsPerMeterX() - 2 * 3780) <= 1


@pytest.mark.parametrize("band_bytes", [1, 100, 1000])
def test_a_picture_packed_in_many_bands_is_one_valid_stream(monkeypatch, band_bytes):
    """Bands packed on several threads join into one zlib stream whose checksum holds
    (``zlib.decompress`` checks it) and whose pixels are the picture's."""
    monkeypatch.setattr(png, "BAND_BYTES", band_bytes)
    image = _noise(31, 23)
    data = encode_opaque(image)
    back = QImage.fromData(data, "PNG")
    assert back.convertToFormat(QImage.Format.Format_RGB32) == image
    at, stream = 8, b""
    while at < len(data):
        length = int.from_bytes(data[at:at + 4], "big")
        if data[at + 4:at + 8] == b"IDAT":
            stream += data[at + 8:at + 8 + length]
        at += 12 + length
    rows = zlib.decompress(stream)
    assert len(rows) == 23 * (1 + 31 * 3)
    assert rows[::1 + 31 * 3] == b"\0" * 23


def test_checksums_combine_as_over_the_joined_bytes():
    rng = random.Random(7)
    for _ in range(100):
        first = rng.randbytes(rng.randrange(0, 3000))
        second = rng.randbytes(rng.randrange(0, 70000))
        assert png.adler32_combine(zlib.adler32(first), zlib.adler32(second),
                                   len(second)) == zlib.adler32(first + second)
