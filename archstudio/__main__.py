"""Allow ``python -m archstudio``."""

from archstudio.cli import main

raise SystemExit(main())
