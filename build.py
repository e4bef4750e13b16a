#!/usr/bin/env python3
"""Build the timeline site: `python build.py --help` for commands and options.

The same command line as the installed `chronicle` script, except that content/, layouts/ and
site/ default to the folders beside this file rather than the current folder.
"""
import os
import sys

from chronicle.cli import main

if __name__ == "__main__":
    sys.exit(main(project=os.path.dirname(os.path.abspath(__file__)), prog="build.py"))
