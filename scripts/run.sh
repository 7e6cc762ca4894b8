#!/usr/bin/env bash
# Set up (first time only) and run ArchStudio's main job on a bundled example.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh run
example="${1:-examples/microservices-platform.arch}"
.venv/bin/archstudio validate "$example"
.venv/bin/archstudio info "$example"
