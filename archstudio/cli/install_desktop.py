"""``archstudio install-desktop``: double-clicking an ``.arch`` file opens ArchStudio.

Writes the freedesktop pieces into the user's XDG folders (no root needed): the desktop
entry, pointing at the very interpreter this command runs from (so a checkout's .venv
works without anything on PATH); the MIME type for ``*.arch`` files, recognised by name
and by content; and the icon as SVG plus PNG sizes. Then it refreshes the desktop's
caches and makes ArchStudio the default for ``.arch`` files. ``--uninstall`` takes all of
it back.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from archstudio.cli.common import error

APP_ID = "archstudio"
MIME_TYPE = "text/x-archstudio"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)
ICON_SOURCE = Path(__file__).resolve().parents[1] / "resources" / "archstudio.svg"

MIME_XML = f"""<?xml version="1.0" encoding="UTF-8"?>
<mime-info xmlns="http://www.freedesktop.org/standards/shared-mime-info">
  <mime-type type="{MIME_TYPE}">
    <comment>ArchStudio architecture</comment>
    <sub-class-of type="text/plain"/>
    <glob pattern="*.arch"/>
    <magic priority="50">
      <match type="string" value="architecture " offset="0:1024"/>
    </magic>
    <icon name="{APP_ID}"/>
  </mime-type>
</mime-info>
"""


def desktop_entry(python: str) -> str:
    """The desktop entry; Exec quotes the interpreter as the spec asks (a path with
    spaces, quotes or backslashes stays one argument)."""
    quoted = '"' + "".join("\\" + c if c in '"`$\\' else c for c in python) + '"'
    return "\n".join([
        "[Desktop Entry]",
        "Type=Application",
        "Version=1.0",
        "Name=ArchStudio",
        "GenericName=Architecture Diagram Editor",
        "Comment=Edit software-architecture diagrams that are also reviewable .arch text",
        f"Exec={quoted} -m archstudio open %f",
        f"TryExec={python}",
        f"Icon={APP_ID}",
        "Terminal=false",
        "Categories=Development;Graphics;VectorGraphics;Qt;",
        f"MimeType={MIME_TYPE};",
        "Keywords=architecture;diagram;C4;microservices;DSL;",
        f"StartupWMClass={APP_ID}",
        "",
    ])


def data_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def installed_files(base: Path) -> list[Path]:
    """Every file ``install-desktop`` writes under the XDG data folder ``base``."""
    icons = base / "icons" / "hicolor"
    return [
        base / "applications" / f"{APP_ID}.desktop",
        base / "mime" / "packages" / f"{APP_ID}.xml",
        icons / "scalable" / "apps" / f"{APP_ID}.svg",
        icons / "scalable" / "mimetypes" / f"{MIME_TYPE.replace('/', '-')}.svg",
        *[icons / f"{size}x{size}" / "apps" / f"{APP_ID}.png" for size in ICON_SIZES],
    ]


def render_png(svg: Path, size: int, target: Path) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    from archstudio.cli.export import ensure_gui_application

    ensure_gui_application()
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    QSvgRenderer(str(svg)).render(painter)
    painter.end()
    if not image.save(str(target), "PNG"):
        raise OSError(f"cannot write {target}")


def _refresh(base: Path, default: bool) -> list[str]:
    """Refresh the caches the desktop reads; what could not be done, as notes."""
    notes = []
    steps = [(["update-mime-database", str(base / "mime")], "the MIME database"),
             (["update-desktop-database", str(base / "applications")], "the desktop database"),
             (["gtk-update-icon-cache", "-f", "-t", str(base / "icons" / "hicolor")],
              "the icon cache")]
    if default:
        steps.append((["xdg-mime", "default", f"{APP_ID}.desktop", MIME_TYPE],
                      "the default application for .arch files"))
    for command, what in steps:
        if shutil.which(command[0]) is None:
            notes.append(f"note: {command[0]} is not installed; {what} was not refreshed")
            continue
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            notes.append(f"note: {shlex.join(command)} failed: "
                         f"{(done.stderr or done.stdout).strip()[:200]}")
    return notes


def install(base: Path, python: str) -> list[Path]:
    files = installed_files(base)
    desktop, mime, svg, mime_svg, *pngs = files
    for path in files:
        path.parent.mkdir(parents=True, exist_ok=True)
    desktop.write_text(desktop_entry(python), encoding="utf-8")
    mime.write_text(MIME_XML, encoding="utf-8")
    shutil.copyfile(ICON_SOURCE, svg)
    shutil.copyfile(ICON_SOURCE, mime_svg)
    for size, png in zip(ICON_SIZES, pngs, strict=True):
        render_png(ICON_SOURCE, size, png)
    return files


def uninstall(base: Path) -> list[Path]:
    removed = []
    for path in installed_files(base):
        if path.exists():
            path.unlink()
            removed.append(path)
    return removed


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "install-desktop",
        help="make double-clicking .arch files open ArchStudio (Linux desktops)",
        description="Install the desktop entry, the .arch MIME type and the icon into your "
        "XDG folders ($XDG_DATA_HOME, else ~/.local/share), pointing at this Python, and make "
        "ArchStudio the default for .arch files. No root needed.",
    )
    parser.add_argument("--uninstall", action="store_true", help="remove what was installed")
    parser.add_argument("--no-default", action="store_true",
                        help="do not make ArchStudio the default application for .arch files")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    base = data_home()
    try:
        if args.uninstall:
            removed = uninstall(base)
            notes = _refresh(base, default=False)
            print(f"removed {len(removed)} files from {base}")
        else:
            files = install(base, sys.executable)
            notes = _refresh(base, default=not args.no_default)
            print(f"installed {len(files)} files under {base}")
            print(f"  {files[0]}")
    except OSError as exc:
        error(f"cannot install into {base}: {exc.strerror or exc}")
        return 1
    for note in notes:
        print(note, file=sys.stderr)
    return 0
