"""``archstudio generate``: targets found through the entry-point group (a third-party
generator included), files written atomically into the folder, clear errors."""

from __future__ import annotations

import textwrap

import pytest
from conftest import EXAMPLES

from archstudio.cli import main
from archstudio.generate import ENTRY_POINT_GROUP, installed_generators

EXERCISE = str(EXAMPLES / "microservices-exercise.arch")
PLUGIN = '''
from archstudio.generate import Generator, Output


def _generate(model):
    output = Output()
    names = sorted(e.id for e in model.elements.values() if e.kind == "container")
    output.add("services.txt", "\\n".join(names) + "\\n")
    return output


GENERATOR = Generator(name="service-list", title="Service list",
                      description="one line per service (a third-party example)",
                      generate=_generate)
'''


def install_plugin(folder, monkeypatch, name="archstudio_service_list", body=PLUGIN,
                   target="service-list"):
    """A distribution on sys.path, as pip would leave it: a module and a dist-info whose
    entry_points.txt registers it in the archstudio.generators group."""
    (folder / f"{name}.py").write_text(textwrap.dedent(body), encoding="utf-8")
    info = folder / f"{name}-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n",
                                   encoding="utf-8")
    (info / "entry_points.txt").write_text(
        f"[{ENTRY_POINT_GROUP}]\n{target} = {name}:GENERATOR\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(folder))


def test_list_shows_the_bundled_generators(capsys):
    assert main(["generate", "--list"]) == 0
    out = capsys.readouterr().out
    for name in ("compose", "istio", "kubernetes", "linkerd", "openapi"):
        assert any(line.startswith(name + " ") for line in out.splitlines()), name


def test_a_third_party_generator_is_listed_and_runs(tmp_path, monkeypatch, capsys):
    (tmp_path / "site").mkdir()
    install_plugin(tmp_path / "site", monkeypatch)
    assert "service-list" in installed_generators()
    assert main(["generate", "--list"]) == 0
    listed = capsys.readouterr().out
    assert "service-list" in listed and "a third-party example" in listed
    out = tmp_path / "out"
    assert main(["generate", "service-list", EXERCISE, "-o", str(out)]) == 0
    assert (out / "services.txt").read_text() == \
        "consul\norder-service\nproduct-service\nuser-service\n"


def test_a_broken_plugin_is_reported_and_the_rest_still_work(tmp_path, monkeypatch, capsys):
    (tmp_path / "site").mkdir()
    install_plugin(tmp_path / "site", monkeypatch, name="archstudio_broken",
                   body="raise ImportError('needs a missing library')\n", target="broken")
    assert main(["generate", "--list"]) == 0
    captured = capsys.readouterr()
    assert "istio" in captured.out and "broken" not in captured.out
    assert "generator 'broken' (archstudio_broken:GENERATOR) did not load: ImportError: " \
        "needs a missing library" in captured.err


def test_generate_writes_the_files_and_lists_them(tmp_path, capsys):
    out = tmp_path / "deploy" / "compose"
    assert main(["generate", "compose", EXERCISE, "-o", str(out)]) == 0
    assert capsys.readouterr().out.strip() == str(out / "docker-compose.yml")
    first = (out / "docker-compose.yml").read_bytes()
    assert main(["generate", "compose", EXERCISE, "-o", str(out)]) == 0
    assert (out / "docker-compose.yml").read_bytes() == first
    assert sorted(p.name for p in out.iterdir()) == ["docker-compose.yml"]  # no temp files


def test_guesses_are_warned_about_on_stderr(tmp_path, capsys):
    platform = str(EXAMPLES / "microservices-platform.arch")
    assert main(["generate", "kubernetes", platform, "-o", str(tmp_path)]) == 0
    err = capsys.readouterr().err
    assert "warning: line 6: 'OrderService' has no port; 8080 assumed (A401)" in err
    assert "'UserDB' names no known technology" in err


@pytest.mark.parametrize(("argv", "status", "message"), [
    (["generate", "nothing", EXERCISE, "-o", "x"], 2, "no generator named 'nothing'; "
                                                      "installed: compose, istio"),
    (["generate", "istio", EXERCISE], 2, "usage: archstudio generate TARGET FILE -o DIR"),
    (["generate", "istio", "/no/such/file.arch", "-o", "x"], 2, "file.arch"),
])
def test_usage_errors(argv, status, message, capsys):
    assert main(argv) == status
    assert message in capsys.readouterr().err


def test_a_file_with_errors_generates_nothing(tmp_path, capsys):
    broken = tmp_path / "broken.arch"
    broken.write_text('architecture "A" {\n  service a "A"\n  a -> ghost\n}\n')
    out = tmp_path / "out"
    assert main(["generate", "istio", str(broken), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "broken.arch:3:" in err and "nothing generated" in err
    assert not out.exists()


def test_a_bad_property_value_is_an_error_with_its_line(tmp_path, capsys):
    source = tmp_path / "a.arch"
    source.write_text('architecture "A" {\n  service a "A" {\n    port eighty\n  }\n}\n')
    assert main(["generate", "kubernetes", str(source), "-o", str(tmp_path / "o")]) == 1
    assert "line 2: 'a' has port 'eighty', which is not a whole number" in \
        capsys.readouterr().err


def test_the_example_plugin_in_docs_generators_md_works(tmp_path, monkeypatch, capsys):
    from conftest import ROOT

    doc = (ROOT / "docs" / "generators.md").read_text(encoding="utf-8")
    code = doc.split("```python\n", 1)[1].split("```", 1)[0]
    (tmp_path / "site").mkdir()
    install_plugin(tmp_path / "site", monkeypatch, name="archstudio_plantuml", body=code,
                   target="plantuml")
    assert main(["generate", "--list"]) == 0
    assert "plantuml    a PlantUML component diagram" in capsys.readouterr().out
    out = tmp_path / "out"
    assert main(["generate", "plantuml", EXERCISE, "-o", str(out)]) == 0
    text = (out / "architecture.puml").read_text()
    assert text.startswith("@startuml\n") and text.endswith("@enduml\n")
    assert 'component "Order Service" as order_service' in text


def test_a_generator_cannot_write_outside_the_folder(tmp_path, monkeypatch, capsys):
    from archstudio.generate import GenerateError, Output, write_output

    with pytest.raises(GenerateError, match="not a relative path"):
        Output().add("../escape.txt", "x")
    sneaky = Output(files={"../escape.txt": "x"})
    with pytest.raises(GenerateError, match="outside the folder"):
        write_output(sneaky, tmp_path / "out")
    assert not (tmp_path / "escape.txt").exists()
    (tmp_path / "site").mkdir()
    body = PLUGIN.replace('output.add("services.txt",', 'output.files["/tmp/x.txt"] = (')
    install_plugin(tmp_path / "site", monkeypatch, name="archstudio_sneaky", body=body)
    assert main(["generate", "service-list", EXERCISE, "-o", str(tmp_path / "o")]) == 1
    assert "outside the folder: /tmp/x.txt" in capsys.readouterr().err
