#!/usr/bin/env python3
"""Build the timeline site: `python build.py --help` for commands and options."""
import sys

from chronicle.cli import main

if __name__ == "__main__":
    sys.exit(main())
