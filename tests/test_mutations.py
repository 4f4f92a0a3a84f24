"""Break one thing in one version of a real article: it is reported on that version, there.

Each test copies one article of ../shared/realcorpus (all six versions), deletes a bullet,
a link or a heading in one version, and checks the finding's file and line.
"""

from __future__ import annotations

import re
import shutil

import pytest

from transcheck.engine import run

from .conftest import needs_shared

NAMES = {"en": "English", "fi": "Finnish", "sv": "Swedish", "pl": "Polish", "is": "Icelandic", "ru": "Russian"}


@pytest.fixture
def article(tmp_path):
    def copy(slug: str):
        texts = needs_shared("realcorpus", "Texts")
        for name in NAMES.values():
            (tmp_path / name).mkdir(exist_ok=True)
            shutil.copy(texts / name / f"{slug}.md", tmp_path / name / f"{slug}.md")
        return tmp_path
    return copy


def _edit(path, fn):
    lines = path.read_text(encoding="utf-8").split("\n")
    path.write_text("\n".join(fn(lines)), encoding="utf-8")


def _diff(root, before, rule):
    return [f for f in run([str(root)]).findings if (f.path, f.line, f.rule) not in before and f.rule == rule]


def test_deleted_bullet_is_reported_at_the_list(article):
    root = article("vesting")
    before = {(f.path, f.line, f.rule) for f in run([str(root)]).findings}
    path = root / "Polish" / "vesting.md"
    lines = path.read_text(encoding="utf-8").split("\n")
    first_bullet = next(i for i, line in enumerate(lines) if line.startswith("- "))
    _edit(path, lambda ls: ls[:first_bullet] + ls[first_bullet + 2 :])  # the first bullet and its blank line
    new = _diff(root, before, "bullet-count-mismatch")
    assert [(f.lang, f.line) for f in new] == [("pl", first_bullet + 1)]
    assert re.search(r"\d+ bullets here .*; \d+ in (en, )?fi, is, ru, sv", new[0].message)


def test_deleted_link_is_reported_in_that_paragraph(article):
    root = article("183-day-rule")
    before = {(f.path, f.line, f.rule) for f in run([str(root)]).findings}
    path = root / "Swedish" / "183-day-rule.md"
    text = path.read_text(encoding="utf-8")
    line_no = next(i for i, line in enumerate(text.split("\n")) if "](/taxhome)" in line) + 1
    path.write_text(re.sub(r"\[([^\]]+)\]\(/taxhome\)", r"\1", text, count=1), encoding="utf-8")
    new = _diff(root, before, "link-missing")
    assert [(f.lang, f.line) for f in new] == [("sv", line_no)]
    assert "/taxhome" in new[0].message


def test_deleted_heading_is_reported_where_the_section_was(article):
    root = article("a-michael-spence")
    before = {(f.path, f.line, f.rule) for f in run([str(root)]).findings}
    path = root / "Russian" / "a-michael-spence.md"
    lines = path.read_text(encoding="utf-8").split("\n")
    heading = next(i for i, line in enumerate(lines) if line.startswith("### Экономика развития"))
    _edit(path, lambda ls: ls[:heading] + ls[heading + 2 :])  # the heading and its blank line
    new = _diff(root, before, "section-missing") + _diff(root, before, "heading-level-mismatch")
    assert new and all(f.lang == "ru" for f in new)
    assert any(abs(f.line - (heading + 1)) <= 6 for f in new), [(f.rule, f.line, f.message) for f in new]


def test_changed_number_is_reported_at_the_number(article):
    root = article("xetra")
    before = {(f.path, f.line, f.rule) for f in run([str(root)]).findings}
    path = root / "Swedish" / "xetra.md"
    text = path.read_text(encoding="utf-8")
    line_no = text[: text.index("1997")].count("\n") + 1
    path.write_text(text.replace("1997", "1979", 1), encoding="utf-8")
    new = _diff(root, before, "number-mismatch")
    assert [(f.lang, f.line) for f in new] == [("sv", line_no)]
    assert "1979" in new[0].message and "1997" in new[0].message


def test_deleted_paragraph_is_reported_in_that_section(article):
    root = article("183-day-rule")
    before = {(f.path, f.line, f.rule) for f in run([str(root)]).findings}
    path = root / "Icelandic" / "183-day-rule.md"
    lines = path.read_text(encoding="utf-8").split("\n")
    heading = next(i for i, line in enumerate(lines) if line.startswith("## IRS og 183"))
    nxt = next(i for i in range(heading + 1, len(lines)) if lines[i].startswith("#"))
    paragraphs = [i for i in range(heading + 1, nxt) if lines[i] and not lines[i].startswith(("#", "-"))]
    victim = paragraphs[1]
    _edit(path, lambda ls: ls[:victim] + ls[victim + 2 :])  # the paragraph and its blank line
    new = _diff(root, before, "paragraph-count-mismatch")
    assert [f.lang for f in new] == ["is"]
    assert heading < new[0].line <= nxt, (new[0].line, heading, nxt)
    assert "paragraph missing" in new[0].message
