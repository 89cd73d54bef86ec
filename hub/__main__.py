"""`python -m hub` runs the bastion command line."""

import sys

from hub.cli import main

sys.exit(main())
