"""The hostile-input suite: one file per class of input that once lost data, hung or
crashed. Shares the app fixtures of the main suite."""

from __future__ import annotations

import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent
if str(TESTS) not in sys.path:
    sys.path.insert(0, str(TESTS))  # test_app_support, edit_oracle, ...
