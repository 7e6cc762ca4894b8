"""Entry point of the one-folder bundle: the ``archstudio`` command, and the window when
started without arguments (a double-click on the bundle's executable)."""

import sys

from archstudio.cli import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["open"]))
