"""``python -m sco_games`` = the ``sco-games`` command."""

import sys

from sco_games.batch.cli import main

if __name__ == "__main__":
    sys.exit(main())
