"""Text that fits: names wrap where a reader expects, the detail line wraps or shrinks."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from PySide6.QtGui import QFontMetricsF

from archstudio.cli import main
from archstudio.dsl import parse
from archstudio.render import LIGHT, ElementFace, detail_of
from archstudio.render.shapes import text_area
from archstudio.render.text import ELLIPSIS, fits, word_pieces, wrap
from tests.conftest import ROOT

SVG = "{http://www.w3.org/2000/svg}"
NAMES = ["compose-post-service", "ts-admin-basic-info-service", "UserMentionService",
         "user_timeline_mongodb", "HTTPServerGateway", "api.payments.internal/v2",
         "Order Processing and Fulfilment Service"]


@pytest.fixture(autouse=True)
def gui(qapp):
    return qapp


def bold_metrics():
    return QFontMetricsF(LIGHT.font(LIGHT.label_size, bold=True))


def test_word_pieces_follow_separators_and_camel_case():
    assert word_pieces("compose-post-service") == ["compose-", "post-", "service"]
    assert word_pieces("user_timeline_mongodb") == ["user_", "timeline_", "mongodb"]
    assert word_pieces("UserMentionService") == ["User", "Mention", "Service"]
    assert word_pieces("HTTPServerGateway") == ["HTTP", "Server", "Gateway"]
    assert word_pieces("api.v2/orders") == ["api.", "v2/", "orders"]
    assert word_pieces("plain") == ["plain"]


def test_a_hyphenated_name_breaks_after_a_hyphen_never_inside_a_word():
    metrics = bold_metrics()
    width = metrics.horizontalAdvance("compose-post-service") - 5
    lines = wrap("compose-post-service", metrics, width, 3)
    assert lines == ["compose-post-", "service"]
    narrow = metrics.horizontalAdvance("compose-post-") - 1
    assert wrap("compose-post-service", metrics, narrow, 3) == ["compose-", "post-service"]


def test_spaces_come_before_hyphens_and_letters_only_as_a_last_resort():
    metrics = bold_metrics()
    width = metrics.horizontalAdvance("ts-ui-dashboard") + 1
    assert wrap("the ts-ui-dashboard", metrics, width, 3) == ["the", "ts-ui-dashboard"]
    tiny = metrics.horizontalAdvance("Supercal")
    lines = wrap("Supercalifragilistic", metrics, tiny, 10)
    assert len(lines) > 1 and "".join(lines) == "Supercalifragilistic"
    assert fits("Supercalifragilistic", metrics, tiny, 10) is None  # broken between letters
    assert fits("compose-post-service", metrics, width, 2) == ["compose-post-", "service"]


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("kind", ["container", "datastore", "gateway", "person", "broker"])
def test_element_names_wrap_at_natural_points_inside_the_text_area(name, kind):
    element = parse(f'architecture "t" {{ {kind} x "{name}" }}').elements["x"]
    face = ElementFace.of(element, 180.0, 100.0, LIGHT)
    metrics = bold_metrics()
    area = text_area(kind, 180.0, 100.0)
    names = [text for _, text, bold in face.lines if bold]
    pieces = [p for word in name.split() for p in word_pieces(word)]
    for line in names:  # every line is whole pieces of the name
        for word in line.split():
            assert all(p in pieces for p in word_pieces(word)), (line, name)
    assert " ".join(names).replace("- ", "-").replace("_ ", "_") .replace(". ", ".") \
        .replace("/ ", "/").replace(" ", "") == name.replace(" ", "")
    for point, text, bold in face.lines:
        if bold:
            assert point.x() >= area.left() - 0.5
            assert point.x() + metrics.horizontalAdvance(text) <= area.right() + 0.5


@pytest.mark.parametrize("technology", [
    "C++, Thrift", "OpenResty, Lua", "Java, Spring Boot", "Spring Cloud Gateway, AngularJS UI",
    "nginx, static web UI", "HSQLDB or MySQL"])
def test_the_detail_line_wraps_or_shrinks_instead_of_being_cut(technology):
    element = parse(f'architecture "t" {{ gateway x "compose-post-service" '
                    f'{{ technology "{technology}" }} }}').elements["x"]
    face = ElementFace.of(element, 180.0, 80.0, LIGHT)
    details = [text for _, text, bold in face.lines if not bold]
    assert " ".join(details) == detail_of(element)
    assert not any(ELLIPSIS in text for _, text, _ in face.lines)
    metrics = QFontMetricsF(face.detail_font)
    area = text_area("gateway", 180.0, 80.0)
    assert face.detail_font.pointSizeF() >= LIGHT.detail_size - 1
    for point, text, bold in face.lines:
        if not bold:
            assert point.x() >= area.left() - 0.5
            assert point.x() + metrics.horizontalAdvance(text) <= area.right() + 0.5
            assert point.y() <= area.bottom() + 0.5


def test_a_detail_too_long_for_any_size_is_cut_last_and_stays_inside():
    element = parse('architecture "t" { container x "X" { technology "'
                    + "Kubernetes, " * 12 + '" } }').elements["x"]
    face = ElementFace.of(element, 180.0, 90.0, LIGHT)
    details = [text for _, text, bold in face.lines if not bold]
    assert details and details[-1].endswith(ELLIPSIS)
    metrics = QFontMetricsF(face.detail_font)
    assert all(metrics.horizontalAdvance(t) <= text_area("container", 180, 90).width() + 0.5
               for t in details)


def test_exported_svg_of_a_real_system_has_no_names_broken_inside_a_word(tmp_path):
    source = ROOT / "benchmarks" / "corpus" / "socialnetwork.arch"
    out = tmp_path / "s.svg"
    assert main(["export", str(source), "-o", str(out)]) == 0
    model = parse(source.read_text(encoding="utf-8"))
    texts = [(t.text or "", t.get("font-weight"), t.get("font-style"))
             for t in ET.parse(out).getroot().iter(f"{SVG}text")]
    names = [text for text, weight, _ in texts if weight == "700"]  # names are bold
    pieces = {p for e in model.elements.values() for w in e.display_name.split()
              for p in word_pieces(w)}
    assert "compose-post-" in names and "compose-post-servic" not in names
    for text in names:
        assert all(p in pieces for w in text.split() for p in word_pieces(w)), text
    details = [text for text, weight, style in texts if weight != "700" and style != "italic"
               and text.startswith("[")]
    assert details and not any(ELLIPSIS in text for text in details), "a detail was cut"
