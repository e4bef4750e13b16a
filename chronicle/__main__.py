"""`python -m chronicle`: the same command line as the installed `chronicle` script."""
import sys

from chronicle.cli import run

sys.exit(run())
