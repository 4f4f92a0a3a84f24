"""The check's cost in instructions, as ratios to the parse-only floor counted the same way.

Usage: python benchmarks/instructions.py [--articles N] [--more M] [--rules] [--keep DIR]

Wall time on a shared machine swings with its load (``run.py`` pairs each case with its floor
for that reason); an instruction count does not: cachegrind (valgrind, ``--cache-sim=no``)
gives the same count on every run, so a change of 1% shows as 1%. This counts, as fresh
processes:

- the parse-only floor (``parse_only.py``) and ``transcheck check --jobs 1 --no-cache`` on a
  synthetic corpus of N articles x 5 languages (``synth.py``) and on one of N + M articles
  (the first N the same): the difference between the two, per extra file, is the cost of a
  file with the start-up left out, the figure that decides a large corpus;
- the check of one article (the first one's five files) and the floor on those files;
- with ``--rules``, the check with each rule left out (``--ignore CODE``) on the N articles:
  what each rule costs (rules that share work, language-mismatch and untranslated-text, show
  only what the other does not also do).

Instructions are not time: the check's instructions run slower than the floor's (more
Python-level work per instruction, less scanning inside the regular expression engine), so
its wall-time ratio is higher than this one (see README, "Performance"). Needs valgrind.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from run import ENV as RUN_ENV  # noqa: E402  (scripts beside this one)
from synth import build  # noqa: E402

from transcheck.rules import ALL_RULES  # noqa: E402

_REFS = re.compile(r"I\s+refs:\s+([\d,]+)")
# As run.py measures (bytecode caches kept), and with one hash seed, so that sets and dicts are
# laid out alike on every run (with a random seed the count moves by about 0.01%).
ENV = {**RUN_ENV, "PYTHONHASHSEED": "0"}


def count(cmd: list[str]) -> int:
    """The instructions ``cmd`` runs (cachegrind), its output discarded."""
    done = subprocess.run(["valgrind", "--tool=cachegrind", "--cache-sim=no", "--cachegrind-out-file=/dev/null",
                           *cmd], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False, env=ENV)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} exited {done.returncode}:\n{done.stderr[-2000:]}")
    found = _REFS.search(done.stderr)
    if not found:
        raise SystemExit(f"no instruction count from valgrind for {' '.join(cmd)}:\n{done.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=100)
    ap.add_argument("--more", type=int, default=300, help="articles added for the per-file figure")
    ap.add_argument("--rules", action="store_true", help="also count the check with each rule left out")
    ap.add_argument("--keep", type=Path, default=None, help="build the corpora here and keep them")
    args = ap.parse_args()
    if not shutil.which("valgrind"):
        raise SystemExit("valgrind is not installed (Debian: apt-get install valgrind)")
    work = args.keep or Path(tempfile.mkdtemp(prefix="transcheck-ir-"))
    try:
        small, large = work / "small", work / "large"
        build(small, args.articles, seed=1)
        build(large, args.articles + args.more, seed=1)
        first = sorted(p for p in small.iterdir() if p.is_dir())[0]
        python = sys.executable
        floor = [python, str(HERE / "parse_only.py")]
        check = [python, "-m", "transcheck", "check", "--jobs", "1", "--no-cache"]
        counts = {
            "floor, one article": count(floor + [str(first)]),
            "check, one article": count(check + [str(first)]),
            "floor, N": count(floor + [str(small)]),
            "check, N": count(check + [str(small)]),
            "floor, N + M": count(floor + [str(large)]),
            "check, N + M": count(check + [str(large)]),
        }
        files = 5 * args.more
        per_floor = (counts["floor, N + M"] - counts["floor, N"]) / files
        per_check = (counts["check, N + M"] - counts["check, N"]) / files
        print(f"instructions (cachegrind); N = {args.articles} articles, M = {args.more} more, 5 files each")
        print(f"{'':34}{'check':>14}{'floor':>14}{'ratio':>8}")
        for label, key in (("one article (5 files)", "one article"), (f"{5 * args.articles} files", "N"),
                           (f"{5 * (args.articles + args.more)} files", "N + M")):
            c, f = counts[f"check, {key}"], counts[f"floor, {key}"]
            print(f"{label:34}{c / 1e6:12,.1f} M{f / 1e6:12,.1f} M{c / f:7.3f}x")
        print(f"{'per file beyond the start-up':34}{per_check / 1e6:12,.3f} M{per_floor / 1e6:12,.3f} M"
              f"{per_check / per_floor:7.3f}x")
        if args.rules:
            base = counts["check, N"]
            costs = [(base - count(check + ["--ignore", code, str(small)]), code, name)
                     for code, name in ((rule.code, rule.name) for rule in ALL_RULES)]
            print(f"\neach rule, left out of the check of {5 * args.articles} files (per file):")
            for cost, code, name in sorted(costs, reverse=True):
                print(f"  {code} {name:28}{cost / 1e6:10,.1f} M{cost / 5 / args.articles / 1e3:10,.1f} k")
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
