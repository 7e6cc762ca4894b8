#!/usr/bin/env bash
# Set up (first time only), check a bundled example and open it in the desktop app.
set -euo pipefail
cd "$(dirname "$0")/.."
# With a display, also install Qt's X11 plugin libraries (see scripts/setup.sh).
[[ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]] && export ARCHSTUDIO_DISPLAY=1
bash scripts/setup.sh run
example="${1:-examples/microservices-platform.arch}"
.venv/bin/archstudio validate "$example"
.venv/bin/archstudio info "$example"
# The desktop app on the example (needs a display; headless: xvfb-run bash scripts/run.sh).
exec .venv/bin/archstudio open "$example"
