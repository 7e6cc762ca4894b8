"""The quality benchmark's Graphviz side: the same graph in, the same JSON shape out."""

from __future__ import annotations

import shutil

import pytest

from archstudio.dsl import parse
from archstudio.io import geometry
from archstudio.layout import arrange
from archstudio.layout.quality import measure, rects_overlap
from benchmarks.bench_quality import CORPUS, sources
from benchmarks.dot_drawing import dot_drawing, to_dot

TEXT = '''architecture "Dot" {
  person User "User"
  system Shop "Shop" {
    container Api "API"
    system Back "Back" {
      datastore Db "DB"
    }
  }
  User -> Shop.Api "buys" "HTTPS"
  Shop.Api -> Shop.Back.Db "stores"
  User -> Shop "knows"
}
'''


@pytest.fixture(autouse=True)
def gui(qapp):
    return qapp


def drawing_of(text: str) -> dict:
    model = parse(text)
    return geometry(model, arrange(model))


def test_dot_input_has_clusters_fixed_sizes_and_label_sizes():
    drawing = drawing_of(TEXT)
    text = to_dot(drawing, lambda qname: 80.0)
    assert 'subgraph "cluster_Shop"' in text and 'subgraph "cluster_Shop.Back"' in text
    api = next(e for e in drawing["elements"] if e["id"] == "Shop.Api")
    assert f'"Shop.Api" [width={api["box"][2] / 72:.4f}, height={api["box"][3] / 72:.4f}]' \
        in text
    label = drawing["relations"][0]["label_box"]
    assert f'WIDTH="{round(label[2])}" HEIGHT="{round(label[3])}"' in text
    assert 'lhead="cluster_Shop"' in text  # a relation to a system ends on its frame


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz dot is not installed")
def test_dot_drawing_converts_to_the_same_shape_with_the_same_boxes():
    drawing = drawing_of(TEXT)
    theirs = dot_drawing(drawing, lambda qname: 80.0, timeout=60)
    assert isinstance(theirs, dict), theirs
    ours_by_id = {e["id"]: e for e in drawing["elements"]}
    by_id = {e["id"]: e for e in theirs["elements"]}
    assert set(by_id) == set(ours_by_id)
    for qname, element in by_id.items():
        assert element["system"] == ours_by_id[qname]["system"]
        x, y, w, h = element["box"]
        assert 0 <= x and 0 <= y and x + w <= theirs["width"] and y + h <= theirs["height"]
        if ours_by_id[qname]["kind"] != "system":
            assert (w, h) == pytest.approx(ours_by_id[qname]["box"][2:], abs=0.5)
        if element["system"]:
            assert rects_overlap(by_id[element["system"]]["box"], element["box"])
    assert [(r["from"], r["to"]) for r in theirs["relations"]] == [
        (r["from"], r["to"]) for r in drawing["relations"]]
    for relation in theirs["relations"]:
        source = by_id[relation["from"]]["box"]
        first = relation["points"][0]  # the line starts on its source's outline
        assert source[0] - 1 <= first[0] <= source[0] + source[2] + 1
        assert source[1] - 1 <= first[1] <= source[1] + source[3] + 1
    labelled = theirs["relations"][0]["label_box"]
    assert labelled[2:] == drawing["relations"][0]["label_box"][2:]
    assert measure(theirs).shape_overlaps == 0
    for qname in ("Shop", "Shop.Back"):  # each cluster's title: its label, top left
        x, y, w, h = by_id[qname]["title_box"]
        box = by_id[qname]["box"]
        assert (w, h) == pytest.approx((80, 34), abs=0.5)
        assert box[0] <= x < box[0] + 20 and box[1] <= y < box[1] + 20


def test_the_corpus_is_real_sized_and_cites_its_sources():
    corpus = [(name, text) for group, name, text in sources() if group == "corpus"]
    assert len(corpus) >= 8
    relations = []
    for name, text in corpus:
        model = parse(text)
        assert not model.has_errors, name
        assert 8 <= len(model.elements) <= 70, name
        assert "https://" in text.splitlines()[1] or "https://" in text.splitlines()[0], name
        relations.append(len(model.relations))
    assert max(relations) >= 150
    assert (CORPUS / "trainticket.arch").exists()


def test_elk_input_nests_systems_and_keeps_sizes():
    from benchmarks.elk_drawing import to_elk

    drawing = drawing_of(TEXT)
    graph = to_elk(drawing)
    assert graph["layoutOptions"]["elk.hierarchyHandling"] == "INCLUDE_CHILDREN"
    shop = next(n for n in graph["children"] if n["id"] == "Shop")
    back = next(n for n in shop["children"] if n["id"] == "Shop.Back")
    assert [n["id"] for n in back["children"]] == ["Shop.Back.Db"]
    db = next(e for e in drawing["elements"] if e["id"] == "Shop.Back.Db")
    assert (back["children"][0]["width"], back["children"][0]["height"]) == tuple(db["box"][2:])
    first = graph["edges"][0]
    assert (first["sources"], first["targets"]) == (["User"], ["Shop.Api"])
    assert first["labels"][0]["width"] == drawing["relations"][0]["label_box"][2]


def _elk_missing() -> str | None:
    from benchmarks.elk_drawing import available

    return available()


@pytest.mark.skipif(_elk_missing() is not None,
                    reason="ELK needs node and elkjs in benchmarks/.elk (optional tools)")
def test_elk_drawing_converts_to_absolute_coordinates():
    from benchmarks.elk_drawing import elk_drawing

    drawing = drawing_of(TEXT)
    theirs = elk_drawing(drawing, timeout=60)
    assert isinstance(theirs, dict), theirs
    by_id = {e["id"]: e for e in theirs["elements"]}
    for element in theirs["elements"]:
        if element["system"]:  # absolute: a child lies inside its system
            px, py, pw, ph = by_id[element["system"]]["box"]
            x, y, w, h = element["box"]
            assert px <= x and py <= y and x + w <= px + pw and y + h <= py + ph
    ours = {e["id"]: e for e in drawing["elements"]}
    for qname in ("Shop", "Shop.Back"):  # titles as large as ArchStudio's tabs, top left
        x, y, w, h = by_id[qname]["title_box"]
        assert (x, y) == tuple(by_id[qname]["box"][:2])
        assert (w, h) == tuple(ours[qname]["title_box"][2:])
    for relation in theirs["relations"]:
        if relation["to"] == "Shop.Back.Db":
            x, y, w, h = by_id["Shop.Back.Db"]["box"]
            end = relation["points"][-1]
            assert x - 1 <= end[0] <= x + w + 1 and y - 1 <= end[1] <= y + h + 1
    assert measure(theirs).shape_overlaps == 0


def test_changes_against_the_stored_state_are_reported(tmp_path, monkeypatch):
    import json

    from benchmarks import bench_quality

    figures = dict.fromkeys(bench_quality.SHORT.values(), 0)
    stored = [{"set": "corpus", "file": "a", "engine": "ArchStudio", **figures},
              {"set": "corpus", "file": "b", "engine": "ArchStudio", **figures},
              {"set": "corpus", "file": "TOTAL (2 files)", "engine": "ArchStudio", **figures}]
    state = tmp_path / "state.json"
    state.write_text(json.dumps({"rows": stored}), encoding="utf-8")
    monkeypatch.setattr(bench_quality, "STATE", state)
    now = [dict(row) for row in stored]
    now[0]["cross"] = 5
    now[2]["cross"] = 5
    changes = bench_quality._compare_with_state(now)
    assert [(c["file"], c["cross"]) for c in changes] == [("a: change", 5),
                                                          ("CHANGE vs stored state", 5)]
