"""The check's cost in instructions, as ratios to the parse-only floor counted the same way.

Usage: python benchmarks/instructions.py [--articles N] [--more M] [--rules] [--caches] [--keep DIR]

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

With ``--caches``, the same runs also simulate the caches (cachegrind's ``--cache-sim=yes``:
32 KiB level-1 caches, and for its last level a 512 KiB 8-way cache standing for one core's
level 2) and give, per file beyond the start-up, the misses of each level: a miss in level 2
costs tens of nanoseconds where an instruction costs a fraction of one. About 2.5x slower.

Instructions are not time: the check's instructions run slower than the floor's, so its
wall-time ratio is higher than this one (see README, "Speed"): per file it misses the level-2
cache about 2.5 times as often as the floor (``--caches``). Needs valgrind.
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

import transcheck  # noqa: E402
from transcheck.rules import ALL_RULES  # noqa: E402

# valgrind's summary: "I   refs:", "I1  misses:", "LLi misses:", "D1  misses:", "LLd misses:", "LL misses:"
_EVENT = re.compile(r"==\d+== (I(?=\s+refs)|(?:I1|LLi|D1|LLd|LL)(?=\s+misses))\s+(?:refs|misses):\s+([\d,]+)")
# one core's caches, as on the 2-CPU machines issue #8 names (the simulated last level stands for
# the level-2 cache: the level 3 is shared with the other tenants of the machine)
_CACHES = ["--cache-sim=yes", "--I1=32768,8,64", "--D1=32768,8,64", "--LL=524288,8,64"]
# As run.py measures (bytecode caches kept), and with one hash seed, so that sets and dicts are
# laid out alike on every run (with a random seed the count moves by about 0.01%).
ENV = {**RUN_ENV, "PYTHONHASHSEED": "0"}


def count(cmd: list[str], caches: bool = False) -> dict[str, int]:
    """What cachegrind counts of ``cmd`` (its output discarded): its instructions ("I"), and
    with ``caches`` the misses of the simulated caches ("I1", "D1": level 1; "LL", "LLi",
    "LLd": level 2)."""
    sim = _CACHES if caches else ["--cache-sim=no"]
    done = subprocess.run(["valgrind", "--tool=cachegrind", *sim, "--cachegrind-out-file=/dev/null", *cmd],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False, env=ENV)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} exited {done.returncode}:\n{done.stderr[-2000:]}")
    found = {event: int(value.replace(",", "")) for event, value in _EVENT.findall(done.stderr)}
    if "I" not in found or (caches and "LL" not in found):
        raise SystemExit(f"no counts from valgrind for {' '.join(cmd)}:\n{done.stderr[-2000:]}")
    return found


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=100)
    ap.add_argument("--more", type=int, default=300, help="articles added for the per-file figure")
    ap.add_argument("--rules", action="store_true", help="also count the check with each rule left out")
    ap.add_argument("--caches", action="store_true", help="also simulate the caches: misses per file")
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
        # every module's bytecode written first: a module changed since (or run with
        # PYTHONDONTWRITEBYTECODE) would otherwise be compiled inside the first count (+17 M
        # instructions on one article after two rule modules had changed)
        subprocess.run([python, "-m", "compileall", "-q", str(Path(transcheck.__file__).parent)], check=True, env=ENV)
        floor = [python, str(HERE / "parse_only.py")]
        check = [python, "-m", "transcheck", "check", "--jobs", "1", "--no-cache"]
        events = {
            "floor, one article": count(floor + [str(first)]),
            "check, one article": count(check + [str(first)]),
            "floor, N": count(floor + [str(small)], args.caches),
            "check, N": count(check + [str(small)], args.caches),
            "floor, N + M": count(floor + [str(large)], args.caches),
            "check, N + M": count(check + [str(large)], args.caches),
        }
        counts = {key: found["I"] for key, found in events.items()}
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
        if args.caches:
            print("\nper file beyond the start-up, simulated caches (32 KiB level 1, 512 KiB level 2):")
            print(f"{'':34}{'check':>14}{'floor':>14}{'ratio':>8}")
            for label, event in (("instructions", "I"), ("level-1 instruction misses", "I1"),
                                 ("level-1 data misses", "D1"), ("level-2 misses", "LL"),
                                 ("  of which instructions", "LLi"), ("  of which data", "LLd")):
                c, f = ((events[f"{who}, N + M"][event] - events[f"{who}, N"][event]) / files
                        for who in ("check", "floor"))
                print(f"{label:34}{c / 1e3:12,.1f} k{f / 1e3:12,.1f} k{c / f:7.3f}x")
        if args.rules:
            base = counts["check, N"]
            costs = [(base - count(check + ["--ignore", code, str(small)])["I"], code, name)
                     for code, name in ((rule.code, rule.name) for rule in ALL_RULES)]
            print(f"\neach rule, left out of the check of {5 * args.articles} files (per file):")
            for cost, code, name in sorted(costs, reverse=True):
                print(f"  {code} {name:28}{cost / 1e6:10,.1f} M{cost / 5 / args.articles / 1e3:10,.1f} k")
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
