#!/usr/bin/env python3
"""Build the timeline site: `python build.py --help` for commands and options.

The same command line as the installed `chronicle` script, except that content/, layouts/ and
site/ default to the folders beside this file rather than the current folder.
"""
import os
import sys


def _run_pypa_build() -> None:
    """`python -m build` in this folder would find this file before PyPA's `build` package.

    That command means "make the sdist and wheel" everywhere else, so hand it over to the
    package (installed with `pip install build`) with this folder taken off the import path.
    """
    import runpy

    here = os.path.dirname(os.path.abspath(__file__))
    sys.path[:] = [p for p in sys.path if os.path.abspath(p or os.curdir) != here]
    sys.modules.pop("build", None)
    runpy.run_module("build", run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    if __spec__ is not None and __spec__.name == "build":  # run as `python -m build`
        _run_pypa_build()
    else:
        from chronicle.cli import main

        sys.exit(main(project=os.path.dirname(os.path.abspath(__file__)), prog="build.py"))
