"""Shared test set-up. Qt runs offscreen so CI needs no display."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SEEDS = ROOT.parent / "shared" / "seeds"
sys.path.insert(0, str(ROOT))  # lets tests import benchmarks.models
