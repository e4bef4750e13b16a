"""Time and size of the build-time SVGs: the time axis with N marks, and route/places maps.

Usage: python benchmarks/bench_axis.py [--marks N] [--repeat R]

Prints the median wall time per call and the SVG size in bytes. The base map is read
once per process (lru_cache), so the first map call is reported separately.
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from chronicle.figures.axis import AxisBand, AxisMark, time_axis_svg  # noqa: E402
from chronicle.figures.maps import MapPoint, places_map_svg, route_map_svg  # noqa: E402


def timed(fn: Callable[[], str], repeat: int) -> tuple[float, int]:
    """Median milliseconds per call and output size in bytes."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), len(out.encode("utf-8"))


def main() -> None:
    """Run the benchmarks and print one line each."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--marks", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    rng = random.Random(1)
    marks = [AxisMark(f"Event {i}", f"events/{i}.html", rng.uniform(-500, 2020), None) for i in range(args.marks)]
    bands = [AxisBand("Roman Republic", -508, -26), AxisBand("Roman Empire", -26, 476)]
    places = [MapPoint(f"P{i}", None, rng.uniform(-10, 60), rng.uniform(70, 170), f"p{i}.html") for i in range(200)]
    route = places[:12]
    t0 = time.perf_counter()
    route_map_svg(route, ["train"] * 11, "warm-up")
    print(f"first map (loads base map): {(time.perf_counter() - t0) * 1000:.0f} ms")
    for name, fn in [
        (f"time axis, {args.marks:,} marks", lambda: time_axis_svg(marks, bands)),
        ("time axis, 150 marks", lambda: time_axis_svg(marks[:150], bands)),
        ("route map, 12 stops", lambda: route_map_svg(route, ["train", "plane"] * 5 + ["car"], "Route")),
        ("places map, 200 places", lambda: places_map_svg(places, "Places", highlight="P3")),
    ]:
        ms, size = timed(fn, args.repeat)
        print(f"{name}: {ms:.1f} ms, {size:,} bytes")


if __name__ == "__main__":
    main()
