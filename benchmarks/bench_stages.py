"""Cost of each stage of `transcheck check`, as ratios to the parse-only floor, in one process.

Usage: python benchmarks/bench_stages.py [PATH] [--repeat N]

Stages: the floor (python-frontmatter + markdown-it-py CommonMark on every file), building
the document model (our parse included), single-version rules, section alignment, and
cross-version rules (alignment included). Best of N runs each; the machine drifts, so
compare the ratios, which are measured in the same run.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

import frontmatter  # noqa: E402
from markdown_it import MarkdownIt  # noqa: E402

from transcheck.align import align  # noqa: E402
from transcheck.document import build_version  # noqa: E402
from transcheck.engine import check_article, check_version, run  # noqa: E402
from transcheck.rules import ARTICLE_RULES, VERSION_RULES  # noqa: E402
from transcheck.source import SourceText  # noqa: E402


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("path", nargs="?", default=str(HERE.parent.parent / "shared" / "realcorpus" / "Texts"))
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    result = run([args.path], rules=())
    versions = [v for a in result.articles for v in a.versions]
    datas = [Path(v.path).read_bytes() for v in versions]
    paths = {v.path for v in versions}
    md = MarkdownIt("commonmark")

    def floor():
        for data in datas:
            md.parse(frontmatter.loads(data.decode("utf-8")).content)

    stages = {
        "parse-only floor": floor,
        # each model dropped once built, as the floor drops its tokens and check drops an
        # article once checked (a kept corpus adds garbage-collector passes over it)
        "model (parse + build)": lambda: [build_version(SourceText.from_bytes(d, "x"), "fi") and None
                                          for d in datas],
        "single-version rules": lambda: [check_version(v, "x", VERSION_RULES) for v in versions],
        "alignment": lambda: [align(a) for a in result.articles],
        "alignment + cross-version rules": lambda: [check_article(a, ARTICLE_RULES, paths)
                                                     for a in result.articles],
    }
    times = {name: best(fn, args.repeat) for name, fn in stages.items()}
    base = times["parse-only floor"]
    print(f"{len(versions)} files, {len(result.articles)} articles")
    for name, t in times.items():
        print(f"  {name:34} {t * 1000:8.1f} ms  {t / base:5.2f}x floor")
    rules = times["single-version rules"] + times["alignment + cross-version rules"]
    print(f"  {'all rules + alignment':34} {rules * 1000:8.1f} ms  {rules / base:5.2f}x floor")


if __name__ == "__main__":
    main()
