"""Settings remembered between runs (window geometry, recent files, theme, rule
severities, completed lessons).

Everything lives in one INI file under :func:`config_dir`, which honours
``ARCHSTUDIO_CONFIG_DIR`` so tests (and portable installs) keep their own copy.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, QStandardPaths

ORGANISATION = "ArchStudio"
APPLICATION = "ArchStudio"
MAX_RECENT = 10


def config_dir() -> Path:
    """Where settings and recovery files go; created on first use."""
    override = os.environ.get("ARCHSTUDIO_CONFIG_DIR")
    if override:
        path = Path(override)
    else:
        location = QStandardPaths.StandardLocation.GenericConfigLocation
        base = QStandardPaths.writableLocation(location)
        path = Path(base or Path.home() / ".config") / ORGANISATION
    path.mkdir(parents=True, exist_ok=True)
    return path


class AppSettings:
    """Typed access to the few things the app remembers."""

    def __init__(self, directory: Path | None = None) -> None:
        directory = directory or config_dir()
        self._qsettings = QSettings(str(directory / "archstudio.ini"), QSettings.Format.IniFormat)

    # -- recent files ----------------------------------------------------------------
    def recent_files(self) -> list[str]:
        value = self._qsettings.value("recentFiles", [])
        if isinstance(value, str):  # QSettings returns a lone string for a one-item list
            value = [value]
        return [str(v) for v in value or []]

    def add_recent(self, path: str) -> None:
        path = str(Path(path).resolve())
        files = [p for p in self.recent_files() if p != path]
        self._set_recent([path, *files][:MAX_RECENT])

    def remove_recent(self, path: str) -> None:
        self._set_recent([p for p in self.recent_files() if p != path])

    def clear_recent(self) -> None:
        self._set_recent([])

    def _set_recent(self, files: list[str]) -> None:
        self._qsettings.setValue("recentFiles", files)
        self._qsettings.sync()

    # -- window --------------------------------------------------------------------
    def geometry(self) -> QByteArray | None:
        value = self._qsettings.value("window/geometry")
        return value if isinstance(value, QByteArray) else None

    def window_state(self) -> QByteArray | None:
        value = self._qsettings.value("window/state")
        return value if isinstance(value, QByteArray) else None

    def save_window(self, geometry: QByteArray, state: QByteArray) -> None:
        self._qsettings.setValue("window/geometry", geometry)
        self._qsettings.setValue("window/state", state)
        self._qsettings.sync()

    # -- theme ---------------------------------------------------------------------
    def theme(self) -> str:
        value = str(self._qsettings.value("ui/theme", "light"))
        return value if value in ("light", "dark") else "light"

    def set_theme(self, name: str) -> None:
        self._qsettings.setValue("ui/theme", name)
        self._qsettings.sync()

    # -- canvas --------------------------------------------------------------------
    def snap_to_grid(self) -> bool:
        return str(self._qsettings.value("canvas/snapToGrid", "true")).lower() == "true"

    def set_snap_to_grid(self, on: bool) -> None:
        self._qsettings.setValue("canvas/snapToGrid", "true" if on else "false")
        self._qsettings.sync()

    # -- architecture rules ----------------------------------------------------------
    def rule_overrides(self) -> dict[str, str]:
        """Rule code -> "error" | "warning" | "advice" | "off", for rules the person
        changed (a file's own ``rule`` directives still win over these)."""
        from archstudio.rules import RULES
        from archstudio.rules.config import LEVELS

        self._qsettings.beginGroup("rules")
        try:
            found = {code: str(self._qsettings.value(code)) for code in self._qsettings.childKeys()}
        finally:
            self._qsettings.endGroup()
        return {code: level for code, level in found.items()
                if code in RULES and level in LEVELS}  # ignore what an old version wrote

    def set_rule_overrides(self, overrides: dict[str, str]) -> None:
        self._qsettings.remove("rules")
        for code, level in sorted(overrides.items()):
            self._qsettings.setValue(f"rules/{code}", level)
        self._qsettings.sync()

    # -- lessons -------------------------------------------------------------------
    def completed_lessons(self) -> set[str]:
        value = self._qsettings.value("lessons/completed", [])
        if isinstance(value, str):  # QSettings returns a lone string for a one-item list
            value = [value]
        return {str(v) for v in value or []}

    def set_lesson_completed(self, name: str) -> None:
        self._qsettings.setValue("lessons/completed",
                                 sorted(self.completed_lessons() | {name}))
        self._qsettings.sync()
