"""Files whose paths and front matter name no language: identified, and grouped into articles."""

from __future__ import annotations

import shutil

from transcheck.engine import run

from .conftest import NAMES, ROOT, needs_shared


def _key(f):
    return (f.lang, f.line, f.column, f.rule, f.severity, f.message)


def test_the_seed_txt_files_give_the_same_findings_as_the_labelled_corpus():
    seeds = sorted(str(p) for p in needs_shared("seeds").glob("*.txt"))
    unlabelled = run(seeds)
    labelled = run([str(ROOT / "corpus")])
    assert len(unlabelled.articles) == 1
    assert sorted(v.lang for v in unlabelled.articles[0].versions) == ["fi", "is", "pl", "ru", "sv"]
    assert sorted(map(_key, unlabelled.findings)) == sorted(map(_key, labelled.findings))
    assert len(unlabelled.findings) >= 19


def test_a_flat_directory_of_two_articles_in_five_languages_is_split_into_two(tmp_path):
    texts = needs_shared("realcorpus", "Texts")
    for i, slug in enumerate(("escrow", "ruleof72")):
        for lang in ("fi", "sv", "pl", "is", "ru"):
            shutil.copy(texts / NAMES[lang] / f"{slug}.md", tmp_path / f"{i}{lang[::-1]}{slug[::-1]}.txt")
    result = run(sorted(str(p) for p in tmp_path.iterdir()))
    assert len(result.articles) == 2
    for article in result.articles:
        assert sorted(v.lang for v in article.versions) == ["fi", "is", "pl", "ru", "sv"]
        origins = {v.path.split("/")[-1][0] for v in article.versions}
        assert len(origins) == 1  # all five versions of one article, none of the other
    assert not [f for f in result.findings if f.rule == "language-unknown"]


def test_a_file_too_short_to_identify_is_reported_as_unknown(tmp_path):
    path = tmp_path / "note.txt"
    path.write_text("# SMO\n\nOK.\n", encoding="utf-8")
    result = run([str(path)])
    assert [f.rule for f in result.findings] == ["language-unknown"]


def test_a_directory_is_searched_for_markdown_unless_include_says_otherwise():
    from click.testing import CliRunner

    from transcheck.cli import main

    seeds = str(needs_shared("seeds"))
    plain = CliRunner().invoke(main, ["check", seeds])
    assert plain.exit_code == 2 and "no Markdown files found" in plain.output
    included = CliRunner().invoke(main, ["check", "--include", "*.txt", "--format", "json", seeds])
    assert included.exit_code == 1
    assert '"files": 5' in included.output and '"articles": 1' in included.output
