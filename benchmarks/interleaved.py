"""The check's cost per file against the parse-only floor's, timed slice by slice in turn.

Usage: python benchmarks/interleaved.py [PATH] [--articles N] [--slice K] [--passes P] [--jobs2]

``run.py`` times each case over the whole corpus, 10-20 s a run, and pairs each with a floor
run right before or after it. On a machine shared with other work, whose pace swings within
seconds, those pairs still differ by the swing (a floor of 6.9 s then 9.2 s, two minutes
apart). Here the floor (``parse_only.parse``) and ``transcheck check --no-cache --jobs 1``
each run in a warm process of their own, fed the same slice of K articles (default 100: ~0.5
s of floor) one after the other, first one then the other in turn; so every pair of timings
is a second apart, and the ratio of their sums, over every slice of the corpus and P passes,
is the steady-state cost per file with the swings shared. Start-up is left out (each process
has started and read one slice before the timing begins): it is ``run.py``'s one-article case.

``--jobs2`` also times ``check --jobs 2`` on each slice, against the same one-process floor
(issue #8's 0.8x); each of its slices starts its two worker processes anew (forked from the
warm process), so make the slices larger (``--slice 400``) for that figure.

PATH: a corpus of article directories (as ``synth.py`` writes them); without it, one of N
articles (default 2000) is built in a temporary directory and removed at the end.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _serve(kind: str) -> None:
    """Worker: read a line of article directories from stdin, time the case on them, write
    the seconds to stdout; until stdin ends."""
    if kind == "floor":
        sys.path.insert(0, str(HERE))
        from parse_only import files, parse

        def case(dirs: list[str]) -> None:
            parse(files(dirs))
    else:
        from transcheck.cli import main

        args = ["check", "--no-cache", "--format", "json", "--jobs", "2" if kind == "check2" else "1"]

        def case(dirs: list[str]) -> None:
            with open(os.devnull, "w") as null, contextlib.redirect_stdout(null):
                try:
                    main([*args, *dirs], standalone_mode=False)
                except SystemExit:  # the exit status: 1 when there are findings
                    pass

    for line in sys.stdin:
        dirs = line.split("\t")
        dirs[-1] = dirs[-1].rstrip("\n")
        start = time.perf_counter()
        case(dirs)
        print(time.perf_counter() - start, flush=True)


class _Worker:
    def __init__(self, kind: str):
        self.proc = subprocess.Popen([sys.executable, __file__, "--serve", kind], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True)

    def time(self, dirs: list[str]) -> float:
        self.proc.stdin.write("\t".join(dirs) + "\n")
        self.proc.stdin.flush()
        answer = self.proc.stdout.readline()
        if not answer:
            raise SystemExit(f"a worker stopped (exit {self.proc.wait()})")
        return float(answer)

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait()


def measure(corpus: Path, size: int, passes: int, jobs2: bool) -> dict[str, list[tuple[float, float]]]:
    """Per case, the (floor, case) seconds of every slice of every pass."""
    dirs = sorted(str(p) for p in corpus.iterdir() if p.is_dir())
    slices = [dirs[i:i + size] for i in range(0, len(dirs), size)]
    kinds = ["floor", "check"] + (["check2"] if jobs2 else [])
    workers = {kind: _Worker(kind) for kind in kinds}
    try:
        for worker in workers.values():  # imports done, caches of the process filled
            worker.time(slices[0])
        pairs: dict[str, list[tuple[float, float]]] = {kind: [] for kind in kinds[1:]}
        turn = 0
        for _ in range(passes):
            for chunk in slices:
                order = kinds if turn % 2 == 0 else kinds[::-1]
                turn += 1
                seconds = {kind: workers[kind].time(chunk) for kind in order}
                for kind in kinds[1:]:
                    pairs[kind].append((seconds["floor"], seconds[kind]))
        return pairs
    finally:
        for worker in workers.values():
            worker.close()


def main() -> None:
    if sys.argv[1:2] == ["--serve"]:
        _serve(sys.argv[2])
        return
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", type=Path, nargs="?")
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--slice", type=int, default=100, help="articles per slice")
    ap.add_argument("--passes", type=int, default=2)
    ap.add_argument("--jobs2", action="store_true", help="also time check --jobs 2")
    args = ap.parse_args()
    work = None
    corpus = args.path
    if corpus is None:
        sys.path.insert(0, str(HERE))
        from synth import build

        work = Path(tempfile.mkdtemp(prefix="transcheck-interleaved-"))
        corpus = work / "corpus"
        build(corpus, args.articles)
    try:
        files = sum(1 for _ in corpus.rglob("*.md"))
        pairs = measure(corpus, args.slice, args.passes, args.jobs2)
    finally:
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)
    print(f"{files} files in slices of {args.slice} articles, pass count {args.passes}; "
          f"each slice timed in warm processes, the floor and the case one after the other")
    names = {"check": "check --jobs 1", "check2": "check --jobs 2"}
    for kind, got in pairs.items():
        floor = sum(f for f, _ in got)
        case = sum(c for _, c in got)
        ratios = [c / f for f, c in got]
        q1, median, q3 = statistics.quantiles(ratios, n=4) if len(ratios) > 1 else (ratios[0],) * 3
        print(f"{names[kind]:15} {case:7.2f} s against the floor's {floor:7.2f} s: {case / floor:.3f}x "
              f"(per slice: median {median:.3f}x, quartiles {q1:.3f}-{q3:.3f}, {len(ratios)} slices); "
              f"{1e3 * floor / (files * args.passes):.3f} ms per file of floor")


if __name__ == "__main__":
    main()
