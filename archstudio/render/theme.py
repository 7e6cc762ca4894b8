"""Themes: every colour and font the diagram uses, so canvas and export agree.

Exports always use :data:`LIGHT`; the dark theme is for the screen only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtGui import QColor, QFont

# Named first so a machine without DejaVu still gets a sans font; Qt falls back to the
# system sans (style hint) when none of these is installed.
FONT_FAMILIES = ("DejaVu Sans", "Noto Sans", "Liberation Sans", "Arial", "Helvetica")


@dataclass(frozen=True)
class KindStyle:
    fill: str
    stroke: str
    dashed: bool = False


@dataclass(frozen=True, eq=False)  # hashed by identity: caches key on the theme
class Theme:
    name: str
    background: str  # export background and the canvas behind the grid
    grid: str
    text: str  # labels
    muted: str  # kind and technology lines
    edge: str
    edge_label_background: str
    selection: str
    stale_banner: str
    stale_text: str
    kinds: dict[str, KindStyle] = field(default_factory=dict)
    font_families: tuple[str, ...] = FONT_FAMILIES
    label_size: float = 10.0  # points; 13 px at 96 dpi
    detail_size: float = 8.0
    edge_label_size: float = 8.0

    def style(self, kind: str) -> KindStyle:
        return self.kinds.get(kind, self.kinds["container"])

    def color(self, name: str) -> QColor:
        return QColor(getattr(self, name))

    def font(self, size: float, bold: bool = False, italic: bool = False) -> QFont:
        font = QFont()
        font.setFamilies(list(self.font_families))
        font.setStyleHint(QFont.StyleHint.SansSerif)
        font.setPointSizeF(size)
        font.setBold(bold)
        font.setItalic(italic)
        return font


# kind: (light fill, light stroke, dark fill, dark stroke); one row, so a new kind gets both.
KIND_COLOURS = {
    "person": ("#e3eefb", "#2b5c9e", "#1f3550", "#6fa3e6"),
    "system": ("#f7f9fc", "#8a97a8", "#23282f", "#6b7685"),
    "group": ("#f7f9fc", "#8a97a8", "#23282f", "#6b7685"),
    "container": ("#e8f1fb", "#3b78c3", "#1f3147", "#6aa1e0"),
    "datastore": ("#e6f4ec", "#2f8a55", "#1d3a2b", "#5cc28a"),
    "broker": ("#fff1e0", "#d07a1f", "#3e2e1a", "#f0a050"),
    "gateway": ("#efe8fb", "#6b46c1", "#2f2645", "#a58ae8"),
    "external": ("#eef0f2", "#8b949e", "#2b2f35", "#8b949e"),
    "goal": ("#f5e9fb", "#8a4fbf", "#35263f", "#c190e8"),
    "capability": ("#fff6d5", "#b58a0b", "#3b3418", "#e0c050"),
    "policy": ("#fdeaea", "#c0392b", "#402222", "#ef7b6f"),
    "operation": ("#e0f4f1", "#15897c", "#173a36", "#4cc3b4"),
    "schema": ("#eceffd", "#5a67d8", "#262b4a", "#8f9bf0"),
}
DASHED_KINDS = frozenset({"external"})


def _kinds(dark: bool) -> dict[str, KindStyle]:
    first = 2 if dark else 0
    return {kind: KindStyle(colours[first], colours[first + 1], dashed=kind in DASHED_KINDS)
            for kind, colours in KIND_COLOURS.items()}


LIGHT = Theme(
    name="light",
    background="#ffffff",
    grid="#eef1f5",
    text="#1f2933",
    muted="#52606d",
    edge="#5f6b7a",
    edge_label_background="#e6ffffff",  # Qt reads 8 hex digits as #AARRGGBB
    selection="#2f80ed",
    stale_banner="#fff4d6",
    stale_text="#7a5b00",
    kinds=_kinds(dark=False),
)

DARK = Theme(
    name="dark",
    background="#1e2227",
    grid="#2a2f36",
    text="#e6e9ee",
    muted="#a7b0bc",
    edge="#9aa5b4",
    edge_label_background="#e61e2227",
    selection="#5aa2ff",
    stale_banner="#4a3f1c",
    stale_text="#ffe08a",
    kinds=_kinds(dark=True),
)

THEMES = {theme.name: theme for theme in (LIGHT, DARK)}
