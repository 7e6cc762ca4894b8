"""The Generate menu: an entry per installed generator, a preview of the files (list and
text) before anything is written, Save to Folder…, and clear refusals."""
# ruff: noqa: F811  (pytest fixtures imported from the support module are parameters here)

from __future__ import annotations

import shutil

import yaml
from conftest import EXAMPLES
from test_app_support import FakePrompts, config_dir, make_window  # noqa: F401  (fixtures)

from archstudio.generate import installed_generators


class GeneratePrompts(FakePrompts):
    def __init__(self, folder: str | None) -> None:
        super().__init__()
        self.folder = folder
        self.folder_suggestions: list[str] = []

    def generate_folder(self, suggestion: str) -> str | None:
        self.folder_suggestions.append(suggestion)
        return self.folder


def window_on(make, tmp_path, prompts, name="microservices-exercise.arch"):
    path = tmp_path / name
    shutil.copy(EXAMPLES / name, path)
    return make(path, prompts=prompts), path


def generate_menu(window):
    """The Generate menu, opened (its entries are found when it first opens)."""
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Generate")
    menu.aboutToShow.emit()
    return menu


def menu_actions(window) -> dict[str, object]:
    return {a.objectName(): a for a in generate_menu(window).actions()}


def test_the_menu_lists_every_installed_generator(make_window, tmp_path):
    window, _ = window_on(make_window, tmp_path, GeneratePrompts(None))
    actions = menu_actions(window)
    assert set(actions) == {f"generate_{name}" for name in installed_generators()}
    assert actions["generate_istio"].text() == "Istio…"


def test_preview_shows_the_files_and_saves_only_when_asked(make_window, tmp_path, qtbot):
    out = tmp_path / "chosen"
    prompts = GeneratePrompts(str(out))
    window, path = window_on(make_window, tmp_path, prompts)
    menu_actions(window)["generate_istio"].trigger()
    preview = window.generate_commands.preview
    assert preview is not None and preview.isVisible()
    names = [preview.files.item(i).text() for i in range(preview.files.count())]
    assert names == sorted(names) and "mesh.yaml" in names and "user-service.yaml" in names
    assert not out.exists()  # nothing written by the preview
    preview.files.setCurrentRow(names.index("user-service.yaml"))
    shown = preview.text.toPlainText()
    assert shown == preview.output.files["user-service.yaml"]
    kinds = {d["kind"] for d in yaml.safe_load_all(shown) if d}
    assert "AuthorizationPolicy" in kinds
    assert preview.text.isReadOnly()
    preview.save_button.click()
    assert prompts.folder_suggestions == [str(path.parent / "generated" / "istio")]
    assert sorted(p.name for p in out.iterdir()) == names
    assert (out / "user-service.yaml").read_text() == shown
    assert not preview.isVisible()
    assert "Saved 9 generated files" in window.statusBar().currentMessage()


def test_cancelling_the_folder_keeps_the_preview_and_writes_nothing(make_window, tmp_path):
    window, _ = window_on(make_window, tmp_path, GeneratePrompts(None))
    menu_actions(window)["generate_compose"].trigger()
    preview = window.generate_commands.preview
    preview.save_button.click()
    assert preview.isVisible() and preview.saved_to is None
    assert not (tmp_path / "generated").exists()


def test_the_preview_follows_the_unsaved_text_and_shows_guesses(make_window, tmp_path):
    window, _ = window_on(make_window, tmp_path, GeneratePrompts(None))
    text = window.editor.text().replace("      port 8080\n      host-port 8081\n", "", 1)
    window.editor.setPlainText(text)
    preview = window.generate_commands.run(installed_generators()["compose"])
    assert "'user-service' has no port; 8080 assumed (A401)" in preview.warnings.toPlainText()
    assert not preview.warnings.isHidden()
    compose = yaml.safe_load(preview.output.files["docker-compose.yml"])
    assert "ports" not in compose["services"]["user-service"]


def test_a_text_with_errors_is_refused_with_its_line(make_window, tmp_path):
    prompts = GeneratePrompts(None)
    window, _ = window_on(make_window, tmp_path, prompts)
    window.editor.setPlainText('architecture "A" {\n  service a "A"\n  a -> ghost\n}\n')
    assert window.generate_commands.run(installed_generators()["istio"]) is None
    assert prompts.errors and "line 3" in prompts.errors[-1]


def test_a_generator_error_is_shown_not_raised(make_window, tmp_path):
    prompts = GeneratePrompts(None)
    window, _ = window_on(make_window, tmp_path, prompts, name="microservices-platform.arch")
    assert window.generate_commands.run(installed_generators()["openapi"]) is None
    assert "no service exposes an operation" in prompts.errors[-1]


def test_third_party_generators_are_in_the_menu_and_broken_ones_greyed(make_window, tmp_path,
                                                                       monkeypatch):
    from test_generate_cli import install_plugin

    site = tmp_path / "site"
    site.mkdir()
    install_plugin(site, monkeypatch)
    install_plugin(site, monkeypatch, name="archstudio_broken",
                   body="raise ImportError('needs a missing library')\n", target="broken")
    window, _ = window_on(make_window, tmp_path, GeneratePrompts(None))
    entries = {a.text(): a for a in generate_menu(window).actions()}
    assert entries["Service list…"].isEnabled()
    broken = entries["broken (did not load)"]
    assert not broken.isEnabled() and "needs a missing library" in broken.statusTip()
    entries["Service list…"].trigger()
    preview = window.generate_commands.preview
    assert preview.text.toPlainText() == "consul\norder-service\nproduct-service\nuser-service\n"


def test_a_folder_that_cannot_be_written_is_an_error_not_a_crash(make_window, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    prompts = GeneratePrompts(str(blocker))
    window, _ = window_on(make_window, tmp_path, prompts)
    preview = window.generate_commands.run(installed_generators()["compose"])
    preview.save_button.click()
    assert prompts.errors and str(blocker) in prompts.errors[-1]
    assert preview.isVisible() and preview.saved_to is None
