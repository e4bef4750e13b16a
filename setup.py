"""Kept only so that `pip install .` leaves no build/ or *.egg-info/ in the checkout.

Every setting is in pyproject.toml. setuptools builds inside the source folder and keeps its
scratch folders there (pypa/setuptools#3236, no static setting can move them to a temporary
folder), so this file points them at one that is removed when the build process ends.
An sdist keeps the default: its archive must carry the egg-info from inside the tree.
"""
import atexit
import shutil
import sys
import tempfile

from setuptools import setup

SCRATCH = tempfile.mkdtemp(prefix="chronicle-build-")
atexit.register(shutil.rmtree, SCRATCH, ignore_errors=True)
OPTIONS = {"build": {"build_base": SCRATCH}}
if "sdist" not in sys.argv:
    OPTIONS["egg_info"] = {"egg_base": SCRATCH}

setup(options=OPTIONS)
