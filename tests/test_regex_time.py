"""Every regular expression transcheck runs on text it reads takes linear time (issue #9).

The compiled patterns are collected from every module of the package (a new one is
tested without being listed here); the few written inline (``re.sub(r"...", ...)``) are
listed in ``INLINE``. Each is run on adversarial strings built from its own characters
(every literal and class member it names, plus a space, a letter, a digit, a dot and a
newline): repeated (``c * n``), in pairs (``(c + d) * n``) and one character before a
run of another (``c + d * n``), the shapes that make a backtracking matcher retry a long
run from each start. Each is run the way the code runs it: scanned (``finditer``;
``findall``, ``search``, ``sub`` and ``split`` try each position the same way) or
matched at one place. At n = 20,000 a linear pattern takes a few milliseconds and a
quadratic one most of a second. The worst string of each pattern is then run at 1 MB, in
under a second.

A busy machine can slow one measurement thirty-fold (CI once took 126 ms, as the best of
three, for a scan that takes 4 ms here), so a string over a bound is not failed on its time
alone: it is timed again at twice (or fifty times) the length, and fails only if its cost
grows faster than the length does (the strings after one that does not are still tried), which a delay cannot fake for long and a quadratic
pattern always does (4x at twice the length; 2x for a linear one).
"""

from __future__ import annotations

import importlib
import itertools
import pkgutil
import re
import time

try:  # Python 3.11+
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover
    import sre_parse  # type: ignore[no-redef]

import pytest

import transcheck
import transcheck.rules

INLINE = {  # patterns passed to re.* functions as strings: (module, pattern), checked to be there
    "link_text_spacing (re.sub)": ("transcheck.rules.link_text_spacing", r"(?<!\s)\s+([.,;:!?])"),
    "numbers (re.split)": ("transcheck.numbers", r"([ \u00a0\u202f])"),
    "numbers (group)": ("transcheck.numbers", r"\d{3}(?:[.,]\d+)?"),
    "numbers (chunks)": ("transcheck.numbers", r"\d{1,3}(?:\d{3})*"),
    "numbers (re.split 2)": ("transcheck.numbers", r"([.,])"),
}
NOT_TEXT = {"transcheck.reading._SIZE", "transcheck.shards._SHARD"}  # option values, not file text
# How each pattern is used (grep `_NAME.` in src/): most scan the text (finditer, findall,
# search, sub, split: a match tried from each position); these only match at one place.
MATCH = {"transcheck.model._WOULD_BE_HEADING", "transcheck.numbers._DECADE", "transcheck.suppression._DIRECTIVE",
         "transcheck.rules.link_malformed._URLISH", "transcheck.rules.stray_punctuation._ROMAN"}
FULLMATCH = {"transcheck.numbers._ROMAN", "numbers (group)", "numbers (chunks)"}
EXTRA = " a A 1 . \n é Ж ,".split(" ") + [" "]
SCAN, FULL = 20_000, 1_000_000


def _patterns() -> dict[str, re.Pattern]:
    found = {}
    modules = [transcheck, transcheck.rules]
    for package in (transcheck, transcheck.rules):
        for info in pkgutil.iter_modules(package.__path__, package.__name__ + "."):
            if not info.name.endswith("__main__"):
                modules.append(importlib.import_module(info.name))
    for module in modules:
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern) and f"{module.__name__}.{name}" not in NOT_TEXT:
                found[f"{module.__name__}.{name}"] = value
    for name, (_, source) in INLINE.items():
        found[name] = re.compile(source)
    return found


PATTERNS = _patterns()


def _chars(pattern: re.Pattern) -> list[str]:
    """The characters a pattern names (literals, class members and range ends), and EXTRA."""
    out: dict[str, None] = {}

    def walk(items):
        for op, arg in items:
            name = str(op)
            if name == "LITERAL" or name == "NOT_LITERAL":
                out[chr(arg)] = None
            elif name == "RANGE":
                out[chr(arg[0])] = out[chr(arg[1])] = None
            elif name == "IN":
                walk(arg)
            elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
                walk(arg[2])
            elif name == "SUBPATTERN":
                walk(arg[-1])
            elif name in ("ASSERT", "ASSERT_NOT"):
                walk(arg[1])
            elif name == "BRANCH":
                for branch in arg[1]:
                    walk(branch)
            elif name == "CATEGORY":
                out.update(dict.fromkeys({"CATEGORY_DIGIT": "1", "CATEGORY_SPACE": " ", "CATEGORY_WORD": "a"}
                                         .get(str(arg), "a")))

    walk(sre_parse.parse(pattern.pattern, pattern.flags))
    out.update(dict.fromkeys(EXTRA))
    return [c for c in out if c not in "\ud800\udfff"]


def _strings(chars: list[str], n: int):
    for c in chars:
        yield c * n
    for c, d in itertools.permutations(chars, 2):
        yield (c + d) * (n // 2)
        yield c + d * n


def _cost(pattern: re.Pattern, text: str, use: str = "scan") -> float:
    start = time.perf_counter()
    if use == "match":
        pattern.match(text)
    elif use == "fullmatch":
        pattern.fullmatch(text)
    else:
        for _ in pattern.finditer(text):
            pass
    return time.perf_counter() - start


def _use(name: str) -> str:
    return "match" if name in MATCH else "fullmatch" if name in FULLMATCH else "scan"


CHARS = 16  # the pattern's own characters come first


def _nth(pattern: re.Pattern, k: int, n: int) -> str:
    return next(itertools.islice(_strings(_chars(pattern)[:CHARS], n), k, None))


def _growth(pattern: re.Pattern, short: str, long: str, use: str) -> tuple[float, float]:
    """The best of three costs of ``short`` and ``long``, timed in turn (a slow spell of
    the machine falls on both)."""
    costs = [(_cost(pattern, short, use), _cost(pattern, long, use)) for _ in range(3)]
    return min(c[0] for c in costs), min(c[1] for c in costs)


def _worst(pattern: re.Pattern, use: str) -> tuple[float, int, str | None]:
    """The cost of the slowest string, its index, and why it fails (None: it does not).
    A string over 50 ms (the best of three) is timed again at twice its length: one whose
    cost grows faster than its length fails at once; one that grows as its length does
    met a slow moment of the machine, and the strings after it are still tried."""
    worst = (0.0, 0)
    for k, text in enumerate(_strings(_chars(pattern)[:CHARS], SCAN)):
        cost = _cost(pattern, text, use)
        if cost >= 0.05:  # measured again: a busy machine delays one run, rarely the best of three
            cost = min([cost] + [_cost(pattern, text, use) for _ in range(2)])
        if cost >= 0.05:
            short, long = _growth(pattern, text, _nth(pattern, k, 2 * SCAN), use)
            if long >= 3 * short:
                return short, k, f"{short:.2f} s, and {long:.2f} s on twice as many: it grows faster than the text"
            cost = short
        worst = max(worst, (cost, k))
    return (*worst, None)


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_regex_is_linear_on_adversarial_text(name):
    pattern, use = PATTERNS[name], _use(name)
    seconds, k, why = _worst(pattern, use)
    text = _nth(pattern, k, FULL)
    assert why is None, f"{name} took {why} on {text[:10]!r}... of {SCAN:,} characters"
    full = _cost(pattern, text, use)  # only once linear at 20,000: a quadratic one would run for hours
    print(f"\n{name}: worst {SCAN:,}-character string {seconds * 1000:.1f} ms; at 1 MB {full:.3f} s "
          f"({text[:6]!r}...)")
    if full >= 1.0:  # a slow moment, or slow growth? linear: 50x the cost at 20,000 characters; quadratic: 2,500x
        short, full = _growth(pattern, _nth(pattern, k, SCAN), text, use)
        assert full < 250 * max(short, 1e-4), (f"{name} took {full:.2f} s on {text[:10]!r}... of 1 MB, "
                                               f"{full / max(short, 1e-4):.0f}x its {SCAN:,}-character cost")


def test_the_growth_check_catches_a_quadratic_pattern():
    """The check above can fail: a pattern that retries a run of spaces from each start
    (``\\s+x`` on spaces, the shape of the link-text-spacing bug of issue #9) costs four
    times as much at twice the length."""
    quadratic, linear = re.compile(r"\s+x"), re.compile(r"\s+")
    short, long = _growth(quadratic, " " * 4000, " " * 8000, "scan")
    assert long > 3 * short
    short, long = _growth(linear, " " * 400_000, " " * 800_000, "scan")
    assert long < 3 * short


def test_the_inline_patterns_are_the_ones_in_the_source():
    import inspect

    for module, source in INLINE.values():
        assert f'r"{source}"' in inspect.getsource(importlib.import_module(module)), (module, source)


@pytest.mark.parametrize("name", ["spaces in a link text", "spaces, then a hyphen", "www runs", "A& runs"])
def test_a_1_mb_adversarial_line_is_checked_within_a_second_of_the_parse_floor(name, tmp_path):
    """End to end, in fresh processes (benchmarks/bench_adversarial.py times them all): a
    link text of 1 MB of spaces made link-text-spacing's and link-split's patterns retry the
    run from each space (hours); now 0.4 s beyond the floor. The bound is wall time on a
    machine that may be busy (1.9 s was seen with other jobs running): generous, as the
    regression it guards against takes hours."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "benchmarks" / "bench_adversarial.py"
    spec = importlib.util.spec_from_file_location("bench_adversarial", path)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    check, floor = bench.measure(name, bench.lines()[name], tmp_path)
    print(f"\n{name}: check {check:.2f} s, parse floor {floor:.2f} s")
    assert check - floor < 5.0
