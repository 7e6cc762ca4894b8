#!/usr/bin/env bash
# Set up (first time only) and run the whole test suite, headless.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
export QT_QPA_PLATFORM=offscreen
.venv/bin/ruff check archstudio tests benchmarks
.venv/bin/python -m pytest "$@"
