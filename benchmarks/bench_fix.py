"""Benchmark `transcheck fix` against `transcheck check` on the same files.

Usage: python benchmarks/bench_fix.py [--repeat N] [PATH]

PATH (default: ../shared/realcorpus/Texts) is copied to a temporary directory; each run is
a fresh process, alternating check and fix; before each fix run the copy is restored to
the unfixed files (outside the timing), so every fix run does the whole work. Prints the
best of N wall times of `check`, `fix --diff` (fix, nothing written) and `fix` (fix and
write), and their ratios to check.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "realcorpus" / "Texts"

# Measure as a user's install runs: with bytecode caches (PERFORMANCE.md: +70 ms without).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def wall(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=ENV)
    return time.perf_counter() - start


def restore(source: Path, copy: Path) -> None:
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(source, copy)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("path", nargs="?", default=str(DEFAULT))
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    source = Path(args.path)
    tc = [sys.executable, "-m", "transcheck"]
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / source.name
        restore(source, copy)
        files = sum(1 for _ in copy.rglob("*.md"))
        check = tc + ["check", "--format", "json", "--no-cache", str(copy)]  # fix has no cache either
        wall(check)  # warm-up: page cache, .pyc files
        times: dict[str, list[float]] = {"check": [], "fix --diff": [], "fix": []}
        for _ in range(args.repeat):
            times["check"].append(wall(check))
            times["fix --diff"].append(wall(tc + ["fix", "--diff", str(copy)]))
            times["fix"].append(wall(tc + ["fix", str(copy)]))
            restore(source, copy)
    best = {name: min(values) for name, values in times.items()}
    print(f"{source} ({files} files), best of {args.repeat} fresh processes")
    for name, value in best.items():
        print(f"  {name:12} {value:7.3f} s  {value / best['check']:5.2f}x check")


if __name__ == "__main__":
    main()
