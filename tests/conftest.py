"""Shared test set-up. Qt runs offscreen so CI needs no display."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Every launch of the app in a test is its own process: never hand a file over to another
# ArchStudio running on the machine (tests/test_instance.py tests the hand-over itself).
os.environ["ARCHSTUDIO_SINGLE_INSTANCE"] = "0"
# Laying a big file out ahead in a forked copy depends on the load average; tests that
# open big files lay them out in the window unless a test asks for the copy.
os.environ.setdefault("ARCHSTUDIO_LAYOUT_AHEAD", "0")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SEEDS = ROOT.parent / "shared" / "seeds"
sys.path.insert(0, str(ROOT))  # lets tests import benchmarks.models
sys.path.insert(0, str(ROOT / "tests"))  # and tests/hostile import the shared test helpers

# CI runs the property tests on fixed seeds, so a landing never hangs on a lucky draw;
# local runs keep exploring new examples.
from hypothesis import HealthCheck, settings  # noqa: E402

settings.register_profile(
    "ci",
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
if os.environ.get("CI"):
    settings.load_profile("ci")
