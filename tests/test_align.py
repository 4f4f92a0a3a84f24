"""Section alignment on the seeds and on real articles with a section deleted."""

from __future__ import annotations

import shutil

from click.testing import CliRunner

from transcheck.align import align
from transcheck.cli import main
from transcheck.engine import run

from .conftest import CORPUS, needs_shared

NAMES = {"en": "English", "fi": "Finnish", "sv": "Swedish", "pl": "Polish", "is": "Icelandic", "ru": "Russian"}


def test_seed_highlights_row_aligns_all_five_versions():
    (article,) = run([str(CORPUS)], rules=()).articles
    alignment = align(article)
    assert len(alignment.rows) == 6
    last = alignment.rows[-1]
    assert all(cell is not None for cell in last.cells)
    titles = {cell.lang: cell.section.title for cell in last.cells}
    assert titles["sv"] == "Höjdpunkter" and titles["is"] == "Hápunktar" and titles["fi"] == "Kohokohdat"
    assert all(all(c is not None for c in row.cells) for row in alignment.rows)


def test_align_command_prints_the_table():
    result = CliRunner().invoke(main, ["align", str(CORPUS)])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].startswith("social-media-optimization-smo: 6 rows, 5 versions")
    assert "##Höjdpunkter" in lines[-1] and "## Kohokohdat" in lines[-1] and "##Hápunktar" in lines[-1]


def _copy_article(tmp_path, slug):
    texts = needs_shared("realcorpus", "Texts")
    for name in NAMES.values():
        (tmp_path / name).mkdir(exist_ok=True)
        shutil.copy(texts / name / f"{slug}.md", tmp_path / name / f"{slug}.md")
    return tmp_path


def _delete_section(path, heading_start: str):
    lines = path.read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith(heading_start))
    end = next(i for i in range(start + 1, len(lines)) if lines[i].startswith("#"))
    path.write_text("\n".join(lines[:start] + lines[end:]), encoding="utf-8")


def test_a_deleted_section_leaves_a_gap_in_that_version_only(tmp_path):
    root = _copy_article(tmp_path, "183-day-rule")
    before = align(run([str(root)], rules=()).articles[0])
    _delete_section(root / "Polish" / "183-day-rule.md", "## Inne warunki IRS")
    after = align(run([str(root)], rules=()).articles[0])
    assert len(after.rows) == len(before.rows)
    k = after.langs.index("pl")
    gaps = [i for i, row in enumerate(after.rows) if row.cells[k] is None]
    assert len(gaps) == 1
    row = after.rows[gaps[0]]
    assert all(c is not None for j, c in enumerate(row.cells) if j != k)
    assert row.cells[after.langs.index("sv")].section.title == "Andra IRS-villkor"


def test_every_real_article_aligns_its_translations_one_to_one():
    # The five translations were made from one original and keep its structure (Highlights
    # headings broken in several of them, EN a paraphrase that sometimes differs): every
    # row must hold all five translations.
    texts = needs_shared("realcorpus", "Texts")
    incomplete = []
    for article in run([str(texts)], rules=()).articles:
        alignment = align(article)
        for row in alignment.rows:
            missing = [lang for lang, c in zip(alignment.langs, row.cells) if c is None and lang != "en"]
            if missing:
                incomplete.append((article.slug, missing, [c.section.title if c else None for c in row.cells]))
    assert not incomplete, incomplete
