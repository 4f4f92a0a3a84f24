"""Shared test helpers: paths to the shared data, building versions from text."""

from __future__ import annotations

import ast
import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from transcheck.document import build_version
from transcheck.engine import check_version, run
from transcheck.source import SourceText

# `transcheck check` caches results in the current directory: keep the tests' cache out of the tree,
# in a temporary directory removed when the test run ends (each run left one behind)
if "TRANSCHECK_CACHE_DIR" not in os.environ:
    os.environ["TRANSCHECK_CACHE_DIR"] = tempfile.mkdtemp(prefix="transcheck-test-cache-")
    atexit.register(shutil.rmtree, os.environ["TRANSCHECK_CACHE_DIR"], ignore_errors=True)

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = ROOT / "corpus"
SEED_DIR = CORPUS / "social-media-optimization-smo"


def version_of(text: str, lang: str = "en", path: str = "case.md"):
    return build_version(SourceText(text, path), lang)


def findings_of(text: str, rule, lang: str = "en"):
    return check_version(version_of(text, lang), "case", (rule,))


def imported_by(args: list[str], modules: tuple[str, ...]) -> list[str]:
    """Which of ``modules`` a ``transcheck`` command (``main(args)``, in a fresh interpreter)
    has imported when it ends, sorted: what a start pays for."""
    import subprocess
    import sys

    probe = ("import sys\nfrom transcheck.cli import main\ntry:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
             f"print(sorted(m for m in {modules!r} if m in sys.modules), file=sys.stderr)\n")
    run = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, timeout=120)
    return ast.literal_eval(run.stderr.strip().splitlines()[-1])  # the list the probe printed


def needs_shared(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not present (../shared sits beside the repository in CI)")
    return path


# The real corpus's directories by language (mutation tests copy whole articles).
NAMES = {"en": "English", "fi": "Finnish", "sv": "Swedish", "pl": "Polish", "is": "Icelandic", "ru": "Russian"}


def original(slug: str, lang: str) -> list[str]:
    """The lines of one version of a real article, as shipped."""
    return (needs_shared("realcorpus", "Texts") / NAMES[lang] / f"{slug}.md").read_text(encoding="utf-8").split("\n")


@pytest.fixture
def mutate(tmp_path):
    """Copy all versions of an article, edit one, and return the findings the edit adds."""
    def apply(slug: str, lang: str, edit, *rules: str):
        texts = needs_shared("realcorpus", "Texts")
        for name in NAMES.values():
            (tmp_path / name).mkdir(exist_ok=True)
            shutil.copy(texts / name / f"{slug}.md", tmp_path / name / f"{slug}.md")
        # Findings are matched by file, rule and message, not line: an edit shifts the lines below it.
        before = {(f.path, f.rule, f.message) for f in run([str(tmp_path)]).findings}
        path = tmp_path / NAMES[lang] / f"{slug}.md"
        path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
        return [f for f in run([str(tmp_path)]).findings
                if f.rule in rules and (f.path, f.rule, f.message) not in before]
    return apply


def edit_line(at: int, change):
    """An edit that replaces 0-based line ``at`` by ``change(line)`` (a string, which may
    hold newlines to insert lines)."""
    def edit(text: str) -> str:
        rows = text.split("\n")
        rows[at] = change(rows[at])
        return "\n".join(rows)
    return edit


def pytest_terminal_summary(terminalreporter):
    """The hostile corpus's timings (tests/test_hostile.py), so that CI logs show them."""
    from .hostile.timing import TIMINGS, table

    if TIMINGS:
        terminalreporter.section("hostile corpus: seconds per case and command")
        for line in table():
            terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def synth_corpus(tmp_path_factory) -> Path:
    """A synthetic slug-dir corpus (benchmarks/synth.py): 40 articles x 5 languages, with
    small edits and injected defects."""
    import subprocess
    import sys

    out = tmp_path_factory.mktemp("synth") / "corpus"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "synth.py"), str(out), "--articles", "40"],
                   check=True, capture_output=True)
    return out


def check_cli(path, *args) -> tuple[int, str]:
    """`transcheck check PATH --no-cache ARGS` in-process: (exit code, output); 0 or 1 only."""
    from click.testing import CliRunner

    from transcheck.cli import main

    result = CliRunner().invoke(main, ["check", str(path), "--no-cache", *map(str, args)])
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, result.output


def quiet_cli(*args, code: int = 0) -> None:
    """`transcheck ARGS` in-process with its output thrown away, exiting with ``code``. For
    the memory measures: CliRunner keeps the whole output, twice (bytes and text), and that
    grows with the corpus like what they measure."""
    import contextlib

    from transcheck.cli import main

    with open(os.devnull, "w", encoding="utf-8") as sink, contextlib.redirect_stdout(sink), \
            contextlib.redirect_stderr(sink):
        try:
            main.main([str(arg) for arg in args], prog_name="transcheck")
        except SystemExit as stop:
            assert (stop.code or 0) == code, (args, stop.code)
            return
    assert code == 0, args


def holding_share(corpus: Path, tmp_path: Path, run) -> float:
    """How much of what holding the articles would cost shows in the peak of ``run(path)``.

    The peak of Python allocations (tracemalloc) is measured on a quarter of ``corpus``'s
    articles (10 of 40) and on all of them; its growth is divided by the growth of what
    the parsed articles take when all are held (``engine.load_all``). A run that holds its
    articles gives about 1; one that holds an article at a time gives only what it keeps
    by design (a report's findings and shown lines), a small share. The quarter holds the
    largest article, which sets the peak of a run that holds one at a time.

    A ratio of the two peaks (what this measured first) mixed the two: with a smaller model
    the same findings weighed more, and the ratio rose with no article held."""
    slugs = sorted(p.name for p in corpus.iterdir())
    largest = max(slugs, key=lambda slug: sum(f.stat().st_size for f in (corpus / slug).iterdir()))
    quarter = tmp_path / "quarter"
    for slug in [largest] + [s for s in slugs if s != largest][:9]:
        shutil.copytree(corpus / slug, quarter / slug)
    growth = _measure(corpus, run, True) - _measure(quarter, run, True)
    if corpus not in _HELD:  # the same for every test on this corpus: measured once
        _HELD[corpus] = _measure(corpus, _hold, False) - _measure(quarter, _hold, False)
    return growth / _HELD[corpus]


_HELD: dict[Path, int] = {}  # corpus -> what holding its articles adds beyond its quarter's (bytes)


def _hold(path: Path):
    from transcheck.engine import load_all

    return load_all([str(path)])


def _measure(path: Path, job, peak: bool) -> int:
    """The peak (or, with ``peak`` False, what is still allocated while ``job``'s result is
    held) of Python allocations of ``job(path)``, run once before outside the measure."""
    import tracemalloc

    job(path)  # imports and caches outside the measure
    tracemalloc.start()
    try:
        kept = job(path)
        used = tracemalloc.get_traced_memory()[1 if peak else 0]
        del kept  # measured while held
        return used
    finally:
        tracemalloc.stop()
