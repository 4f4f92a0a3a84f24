"""A 1 MB adversarial line, checked end to end: `transcheck check` within 1 s of the parse floor.

Usage: python benchmarks/bench_adversarial.py [--repeat N] [--size BYTES]

Each line is built to make a backtracking regular expression retry a long run from each
of its characters (a link text of spaces, spaces before nothing, runs of `[`, `<!--`,
`www.`, `A&` ...): before issue #9 the worst took hours (the link text of spaces in
link-text-spacing, a quadratic scan). For each, the article (the line in fi.md, a short
sv.md) is checked by `transcheck check --jobs 1 --no-cache` in a fresh process, and the
floor is `parse_only.py` on the same file (python-frontmatter + markdown-it-py, also a
fresh process); best of N. Exit status 1 when a line takes 1 s or more beyond its floor.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
MB = 1024 * 1024


def lines(size: int = MB) -> dict[str, str]:
    """The adversarial lines, each about ``size`` characters."""
    def fill(unit: str) -> str:
        return unit * (size // len(unit))

    return {
        "spaces in a link text": "[a" + fill(" ") + "b](/x) [c](/x)",
        "spaces, then a hyphen": "[a" + fill(" ") + "-](/x)",
        "spaces before nothing": "Sana" + fill(" ") + "sana",
        "tab and nbsp runs": "Sana" + fill("\t\u00a0") + "x",
        "guillemet spaces": "«" + fill(" ") + "x",
        "parenthesis spaces": "(" + fill(" ") + "x",
        "comment openers": fill("<!--"),
        "www runs": fill("www."),
        "A& runs": fill("A&"),
        "would-be headings": fill("#"),
        "cyrillic and latin": fill("Жa"),
    }


# Measured too, not held to the limit: their cost is not a regular expression's. A line of
# `[` costs markdown-it-py itself 12.8 s (the floor) and check 26.5 s; `,.` repeated is a
# million stray-punctuation findings (12 s, about 12 us each, 150 MB of output); `1 `
# repeated is 500,000 numbers for the cross-version rules (2 s beyond the floor).
OTHER = {
    "open brackets": lambda size: "[" * size,
    "comma-dot runs": lambda size: ",." * (size // 2),
    "digits and spaces": lambda size: "1 " * (size // 2),
}


TIMEOUT = 120  # seconds: a run stopped then counts as this long


def _best(argv: list[str], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        try:
            subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            return float(TIMEOUT)
        times.append(time.perf_counter() - start)
    return min(times)


def measure(name: str, line: str, root: Path, repeat: int = 1) -> tuple[float, float]:
    """(check seconds, floor seconds) for one line."""
    article = root / name.replace(" ", "-")
    article.mkdir(parents=True, exist_ok=True)
    (article / "fi.md").write_text("# Otsikko\n\n" + line + "\n", encoding="utf-8")
    (article / "sv.md").write_text("# Rubrik\n\nText [c](/x).\n", encoding="utf-8")
    check = _best([sys.executable, "-m", "transcheck", "check", "--jobs", "1", "--no-cache", str(article)], repeat)
    floor = _best([sys.executable, str(HERE / "parse_only.py"), str(article / "fi.md")], repeat)
    return check, floor


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--size", type=int, default=MB)
    parser.add_argument("--other", action="store_true", help="Also time the lines of OTHER (not held to 1 s).")
    args = parser.parse_args()
    worst = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        print(f"{'line':24} {'check s':>8} {'floor s':>8} {'beyond':>7}")
        for name, line in lines(args.size).items():
            check, floor = measure(name, line, Path(tmp), args.repeat)
            worst = max(worst, check - floor)
            print(f"{name:24} {check:8.2f} {floor:8.2f} {check - floor:7.2f}", flush=True)
        for name, make in (OTHER.items() if args.other else ()):
            check, floor = measure(name, make(args.size), Path(tmp), 1)
            print(f"{name:24} {check:8.2f} {floor:8.2f} {check - floor:7.2f}  (not held to the limit)", flush=True)
    print(f"worst: {worst:.2f} s beyond the parse floor (limit 1 s)")
    return 0 if worst < 1.0 else 1


if __name__ == "__main__":
    sys.exit(main())
