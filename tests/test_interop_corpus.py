"""Every real file from other tools (../shared/corpus) imports, or is refused with a
clear message: never a traceback. Each import is valid `.arch` text."""

from __future__ import annotations

from pathlib import Path

import pytest
from interop_support import CORPUS

from archstudio.dsl import parse
from archstudio.dsl.formatter import format_text
from archstudio.interop import ImportFailed, import_file

FOLDERS = ("graphviz", "mermaid", "structurizr", "likec4", "d2")


def _corpus_files() -> list[Path]:
    if not CORPUS.is_dir():
        return []
    return sorted(p for folder in FOLDERS for p in (CORPUS / folder).rglob("*") if p.is_file())


FILES = _corpus_files()
needs_corpus = pytest.mark.skipif(
    not FILES, reason=f"the corpus of other tools' files is not beside the checkout ({CORPUS})")

# Files that cannot become a diagram, and the words their message must hold.
REFUSED = {
    "mermaid/negative/invalid.expect-error.mmd": "sequenceDiagram",
    "structurizr/financial-risk-system/docs/images/functional-overview.png": "suffix",
}


def _name(path: Path) -> str:
    return path.relative_to(CORPUS).as_posix()


@needs_corpus
@pytest.mark.parametrize("path", FILES, ids=[_name(p) for p in FILES])
def test_every_corpus_file_imports_or_gets_a_clear_message(path: Path):
    name = _name(path)
    before = path.read_bytes()
    try:
        result = import_file(path)
    except ImportFailed as problem:
        message = str(problem)
        assert message and "Traceback" not in message
        if path.suffix in (".c4", ".d2"):
            assert "cannot be imported yet" in message and "export" in message
        elif name in REFUSED:
            assert REFUSED[name] in message
        else:
            assert path.suffix in ("", ".md", ".png"), f"{name} was refused: {message}"
        return
    finally:
        assert path.read_bytes() == before  # the corpus is read, never normalised
    assert name not in REFUSED
    model = parse(result.text)
    assert not model.errors, (name, model.errors[:3])
    assert format_text(result.text, model) == result.text  # the project's formatting
    assert model.elements, f"{name} imported no elements"
    for warning in result.warnings:
        assert warning.line >= 1 and warning.message


@needs_corpus
def test_corpus_structure_matches_the_sources():
    unix = parse(import_file(CORPUS / "graphviz/unix.gv").text)
    assert len(unix.elements) == 41 and len(unix.relations) == 49
    clusters = parse(import_file(CORPUS / "graphviz/nestedclust.gv").text)
    assert clusters.elements["ss81"].kind == "system"
    assert clusters.elements["x.y.y2"].label == "y"  # node y in cluster_y in cluster_x
    latin = parse(import_file(CORPUS / "graphviz/Latin1.gv").text)
    assert any("é" in (e.label or "") for e in latin.elements.values())
    multi = import_file(CORPUS / "graphviz/multi.gv")
    assert any("only the first" in w.message for w in multi.warnings)
    bank = parse(import_file(CORPUS / "structurizr/big-bank-plc/workspace.dsl").text)
    assert bank.elements["Big_Bank_plc.mainframe"].kind == "external"
    assert bank.elements["Big_Bank_plc.internetBankingSystem.database"].kind == "datastore"
    landscape = parse(import_file(
        CORPUS / "structurizr/big-bank-plc/system-landscape/workspace.dsl").text)
    assert landscape.name == "Big Bank plc - System Landscape"
    assert "Big_Bank_plc.internetBankingSystem" in landscape.elements  # from ../model.dsl
    micro = parse(import_file(CORPUS / "structurizr/microservices/workspace.dsl").text)
    assert micro.elements["softwareSystemA.service1"].kind == "group"
    shapes = parse(import_file(CORPUS / "mermaid/mermaid-cli/flowchart2.mmd").text)
    assert shapes.elements["initramfs.DEV"].kind == "person"  # (( )) circle
    crlf = import_file(CORPUS / "mermaid/mermaid-cli/flowchart4.mmd")
    assert '"Database:catalog\\nContainer:article"' in crlf.text  # <br/> breaks the line


@needs_corpus
def test_mermaid_markdown_imports_its_first_block_and_says_so():
    result = import_file(CORPUS / "mermaid/mermaid-docs/flowchart.md")
    assert any("mermaid blocks" in w.message for w in result.warnings)
    assert not parse(result.text).errors
