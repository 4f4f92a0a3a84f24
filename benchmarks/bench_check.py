"""Benchmark `transcheck check` as a user runs it, against the parse-only floor.

Usage: python benchmarks/bench_check.py [--repeat N] PATH [PATH ...]

For each PATH, runs (as fresh processes, alternating, N times each) the parse-only
floor (benchmarks/parse_only.py: python-frontmatter + markdown-it-py on the same files) and
`transcheck check PATH --format json` and `transcheck report PATH --html FILE` (the
translators' report with the side-by-side page), and prints the median wall times and
their ratios to the floor.
Ratios, not seconds, are what to compare between machines and runs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


# Measure as a user's install runs: with bytecode caches (PERFORMANCE.md: +70 ms without).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def wall(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=ENV)
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    floor_cmd = [sys.executable, str(HERE / "parse_only.py")]
    check_cmd = [sys.executable, "-m", "transcheck", "check", "--format", "json"]
    base = [sys.executable, "-c", "pass"]
    page = os.path.join(tempfile.mkdtemp(prefix="transcheck-bench-"), "report.html")
    report_cmd = [sys.executable, "-m", "transcheck", "report", "--html", page]
    print(f"{'path':45} {'python':>8} {'floor':>8} {'check':>8} {'report':>8} {'check/floor':>12} "
          f"{'report/floor':>13} {'page KB':>8}")
    for path in args.paths:
        py, floor, check, report = [], [], [], []
        wall(floor_cmd + [path]), wall(check_cmd + [path]), wall(report_cmd + [path])  # warm-up
        for _ in range(args.repeat):
            py.append(wall(base))
            floor.append(wall(floor_cmd + [path]))
            check.append(wall(check_cmd + [path]))
            report.append(wall(report_cmd + [path]))
        p, f, c, r = (statistics.median(x) for x in (py, floor, check, report))
        size = os.path.getsize(page) / 1024 if os.path.exists(page) else 0
        print(f"{path:45} {p:8.3f} {f:8.3f} {c:8.3f} {r:8.3f} {c / f:12.2f}x {r / f:12.2f}x {size:8.0f}")


if __name__ == "__main__":
    main()
