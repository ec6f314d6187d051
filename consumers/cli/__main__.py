"""`python -m consumers.cli`: the same as the `c2n` script."""

import sys

from consumers.cli import main

sys.exit(main())
