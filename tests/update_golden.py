"""Regenerate tests/fixtures/demo-expected from tests/fixtures/demo (run after an intended change)."""
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from chronicle.cli import main  # noqa: E402

if __name__ == "__main__":
    os.environ.pop("SOURCE_DATE_EPOCH", None)
    os.chdir(ROOT / "tests" / "fixtures")
    sys.exit(main(["--content", "demo", "--output", "demo-expected"]))
