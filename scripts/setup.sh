#!/usr/bin/env bash
# Sets up everything ArchStudio needs on a fresh Debian machine with Python 3.11:
# the few system libraries Qt loads, and a virtual environment in .venv.
# Safe to run again: it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

SYSTEM_PACKAGES=(libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3 fonts-dejavu-core)
if [[ "${1:-run}" == "test" ]]; then
    # What the desktop-integration tests check the installed files with.
    SYSTEM_PACKAGES+=(desktop-file-utils xdg-utils shared-mime-info)
fi
if [[ "${ARCHSTUDIO_DISPLAY:-}" == "1" ]]; then
    # Qt's xcb plugin, for a real window on an X display.
    SYSTEM_PACKAGES+=(libxkbcommon-x11-0 libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0
                      libxcb-image0 libxcb-render-util0 libxcb-shape0 libxcb-randr0
                      libxcb-xinerama0 libxcb-xkb1)
fi
missing=()
for package in "${SYSTEM_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" \
        || missing+=("$package")
done
if (( ${#missing[@]} )); then
    echo "Installing system packages: ${missing[*]}"
    SUDO=""
    [[ $(id -u) -ne 0 ]] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

PYTHON="${PYTHON:-python3}"
if [[ ! -x .venv/bin/python ]]; then
    "$PYTHON" -m venv .venv
fi
stamp=".venv/.installed-$(sha1sum pyproject.toml | cut -c1-12)-${1:-run}"
if [[ ! -f "$stamp" ]]; then
    .venv/bin/python -m pip install -q --upgrade pip
    if [[ "${1:-run}" == "test" ]]; then
        .venv/bin/python -m pip install -q -e ".[test]"
    else
        .venv/bin/python -m pip install -q -e .
    fi
    touch "$stamp"
fi
