#!/usr/bin/env bash
# Build a one-folder bundle of ArchStudio with PyInstaller: dist/ArchStudio/archstudio.
# Usage: bash packaging/build_bundle.sh [OUT_DIR]   (needs: .venv/bin/pip install pyinstaller)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-dist}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python="${PYTHON:-.venv/bin/python}"
"$python" -m PyInstaller --noconfirm --clean --onedir --name ArchStudio \
    --distpath "$out" --workpath "$work/build" --specpath "$work" \
    --collect-data archstudio --collect-submodules archstudio --copy-metadata archstudio \
    --hidden-import PySide6.QtSvg --hidden-import PySide6.QtNetwork \
    --add-data "$PWD/docs:docs" --add-data "$PWD/examples:examples" \
    --add-data "$PWD/LICENSE:." \
    packaging/bundle_main.py >"$work/log" 2>&1 || { tail -40 "$work/log"; exit 1; }
# The executable takes the command's name.
mv "$out/ArchStudio/ArchStudio" "$out/ArchStudio/archstudio" 2>/dev/null || true
echo "built $out/ArchStudio/archstudio"
