"""`transcheck report`: the terminal report and the Markdown summary (the HTML page: test_html_report.py)."""

from __future__ import annotations

import re

from click.testing import CliRunner

from transcheck.cli import main
from transcheck.engine import run
from transcheck.report import markdown, terminal

from .conftest import ROOT, holding_share, quiet_cli

CORPUS = str(ROOT / "corpus")


def test_terminal_report_has_the_language_table_and_the_articles_worst_first():
    text = terminal(run([CORPUS]))
    table = text.split("\n\n")[1].splitlines()
    assert table[0].split() == ["lang", "headings", "links", "punctuation", "lists", "cross-version", "total"]
    assert [row.split()[0] for row in table[1:]] == ["fi", "is", "pl", "ru", "sv"]
    assert sum(int(row.split()[-1]) for row in table[1:]) == 21
    assert "social-media-optimization-smo: 3 errors, 18 warnings" in text


def test_each_finding_is_shown_with_a_caret_under_its_span():
    result = run([CORPUS])
    lines = terminal(result).splitlines()
    checked = 0
    for f in result.findings:
        head = next(i for i, line in enumerate(lines) if line.endswith(f"{f.path}:{f.line}:{f.column} "
                                                                        f"{f.severity.value} {f.rule}"))
        source, caret = lines[head + 1], lines[head + 2]
        assert source.startswith(f"{f.line:>5} | ")
        start = caret.index("^")
        shown = source[start : start + caret.count("^")]
        original = next(v for a in result.articles for v in a.versions if v.path == f.path)
        written = original.source.line(f.line - 1)[f.column - 1 :]
        assert written.startswith(shown), (f.rule, shown, written[:40])
        checked += 1
    assert checked == 21


def test_findings_are_grouped_by_aligned_section():
    text = terminal(run([CORPUS]))
    sections = re.findall(r"^-- section (\d+)", text, re.M)
    assert len(sections) >= 4 and sections == sorted(sections, key=int) and len(set(sections)) == len(sections)


def test_no_colours_when_piped_or_with_no_color():
    out = CliRunner().invoke(main, ["report", CORPUS], env={"NO_COLOR": "1"})
    assert out.exit_code == 0 and "\033[" not in out.output
    coloured = terminal(run([CORPUS]), color=True)
    assert "\033[31m" in coloured  # errors in red on a terminal


def test_lang_filter_keeps_only_that_language():
    text = terminal(run([CORPUS]), ("sv",))
    langs = re.findall(r"^(\w\w) \S+:\d+:\d+ ", text, re.M)
    assert len(langs) == 4 and set(langs) == {"sv"}


def test_markdown_summary_fits_one_comment_and_escapes_article_text(tmp_path):
    out = tmp_path / "summary.md"
    result = CliRunner().invoke(main, ["report", CORPUS, "--markdown", str(out)])
    assert result.exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("## transcheck report") and "| fi |" in text and "### Top findings" in text
    assert len(text) < 65536  # GitHub's comment limit

    hostile = tmp_path / "art"
    hostile.mkdir()
    for lang in ("fi", "sv"):
        (hostile / f"{lang}.md").write_text("# <script>alert(1)</script>\n\n[ x](/a) <img src=x onerror=alert(1)>\n",
                                            encoding="utf-8")
    summary = markdown(run([str(hostile)]))
    assert "<script" not in summary and "<img" not in summary


def _report_cli(*args) -> str:
    out = CliRunner().invoke(main, ["report", *map(str, args)], env={"NO_COLOR": "1"})
    assert out.exit_code == 0, out.output
    return out.output


def test_the_streamed_report_is_the_report_of_the_whole_run(synth_corpus, tmp_path, monkeypatch):
    """Without --html the report checks the articles one at a time (in --jobs processes)
    and keeps only the findings and their lines: its text is the one made from the whole
    run held in memory, also when the findings spill to disk."""
    from transcheck import spill

    whole = run([str(synth_corpus)])
    assert _report_cli(synth_corpus, "-j", "2") == terminal(whole)
    monkeypatch.setattr(spill, "HELD", 5)
    assert _report_cli(synth_corpus, "-j", "1", "--lang", "sv", "--markdown", tmp_path / "sv.md") \
        == terminal(whole, ("sv",))
    assert (tmp_path / "sv.md").read_text(encoding="utf-8") == markdown(whole, ("sv",))


def test_the_report_does_not_keep_the_articles(synth_corpus, tmp_path):
    """Memory: the report keeps the findings and the part of each finding's line it shows,
    and prints an article at a time, so its peak grows with the corpus by a small share of
    what holding the parsed articles would add (0.04-0.06 when measured; on the serial path,
    holding them made the peak 3.9 times as large on four times the articles)."""
    assert holding_share(synth_corpus, tmp_path, lambda path: quiet_cli("report", path, "-j", "1")) < 0.3


def test_the_memory_measure_sees_a_run_that_holds_its_articles(synth_corpus, tmp_path):
    # what the memory tests' threshold (0.3) is measured against: a run that keeps every
    # parsed article, with its findings, gives at least the whole cost of holding them
    assert holding_share(synth_corpus, tmp_path, lambda path: run([str(path)])) > 0.9


def test_two_articles_with_one_slug_are_shown_one_after_the_other(tmp_path):
    """A directory `x/` and a file whose front matter says `translationKey: x`: two articles
    with the slug x, under one heading; each is shown whole, under its own line, not with
    its sections interleaved with the other's."""
    for name, text in (("x/fi.md", "# Otsikko\n\nTeksti 7 ),.\n"), ("x/sv.md", "# Rubrik\n\nText 7 ),.\n"),
                       ("y/fi.md", "---\ntranslationKey: x\n---\n# Otsikko\n\nToinen 7 ),.\n")):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    text = _report_cli(tmp_path, "-j", "1")
    assert text == terminal(run([str(tmp_path)]))
    body = text.split("== x ==", 1)[1]
    heads = re.findall(r"^-- article (.*)$", body, re.M)
    assert heads == ["translationKey: x", str(tmp_path / "x")]
    first, second = body.split("-- article ")[1:]
    assert "/y/fi.md" in first and "/x/" not in first
    assert "x/fi.md" in second and "x/sv.md" in second and "y/fi.md" not in second
