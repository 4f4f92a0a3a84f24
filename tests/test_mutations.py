"""Break one thing in one version of a real article: it is reported on that version, there.

Each test copies one article of ../shared/realcorpus (all six versions), deletes a bullet,
a link, a heading or a paragraph, or changes a number, in one version, and checks the new
finding's file and line.
"""

from __future__ import annotations

import re

from .conftest import edit_line, original


def without_lines(first: int, count: int):
    """An edit that removes ``count`` lines from 0-based line ``first``."""
    return lambda text: "\n".join((lines := text.split("\n"))[:first] + lines[first + count :])


def test_deleted_bullet_is_reported_at_the_list(mutate):
    first_bullet = next(i for i, line in enumerate(original("vesting", "pl")) if line.startswith("- "))
    # the first bullet and its blank line
    new = mutate("vesting", "pl", without_lines(first_bullet, 2), "bullet-count-mismatch")
    assert [(f.lang, f.line) for f in new] == [("pl", first_bullet + 1)]
    assert re.search(r"\d+ bullets here .*; \d+ in (en, )?fi, is, ru, sv", new[0].message)


def test_deleted_link_is_reported_in_that_paragraph(mutate):
    line_no = next(i for i, line in enumerate(original("183-day-rule", "sv")) if "](/taxhome)" in line) + 1
    unlink = lambda text: re.sub(r"\[([^\]]+)\]\(/taxhome\)", r"\1", text, count=1)  # noqa: E731
    new = mutate("183-day-rule", "sv", unlink, "link-missing")
    assert [(f.lang, f.line) for f in new] == [("sv", line_no)]
    assert "/taxhome" in new[0].message


def test_deleted_heading_is_reported_where_the_section_was(mutate):
    lines = original("a-michael-spence", "ru")
    heading = next(i for i, line in enumerate(lines) if line.startswith("### Экономика развития"))
    # the heading and its blank line
    new = mutate("a-michael-spence", "ru", without_lines(heading, 2), "section-missing", "heading-level-mismatch")
    assert new and all(f.lang == "ru" for f in new)
    assert any(abs(f.line - (heading + 1)) <= 6 for f in new), [(f.rule, f.line, f.message) for f in new]


def test_changed_number_is_reported_at_the_number(mutate):
    text = "\n".join(original("xetra", "sv"))
    line_no = text[: text.index("1997")].count("\n") + 1
    new = mutate("xetra", "sv", lambda t: t.replace("1997", "1979", 1), "number-mismatch")
    assert [(f.lang, f.line) for f in new] == [("sv", line_no)]
    assert "1979" in new[0].message and "1997" in new[0].message


def test_deleted_paragraph_is_reported_in_that_section(mutate):
    lines = original("183-day-rule", "is")
    heading = next(i for i, line in enumerate(lines) if line.startswith("## IRS og 183"))
    nxt = next(i for i in range(heading + 1, len(lines)) if lines[i].startswith("#"))
    paragraphs = [i for i in range(heading + 1, nxt) if lines[i] and not lines[i].startswith(("#", "-"))]
    # the paragraph and its blank line
    new = mutate("183-day-rule", "is", without_lines(paragraphs[1], 2), "paragraph-count-mismatch")
    assert [f.lang for f in new] == ["is"]
    assert heading < new[0].line <= nxt, (new[0].line, heading, nxt)
    assert "paragraph missing" in new[0].message


def _longest_paragraph(slug: str, lang: str) -> int:
    lines = original(slug, lang)
    return max((i for i, line in enumerate(lines) if line and line[0].isalpha()), key=lambda i: len(lines[i]))


def test_paragraph_cut_off_mid_sentence_is_reported_at_its_section(mutate):
    # The longest paragraph loses three quarters of its text: the structure is intact, so
    # only the section's length shows the loss.
    at = _longest_paragraph("unicorn", "fi")
    lines = original("unicorn", "fi")
    heading = max(i for i in range(at) if lines[i].startswith("#"))

    new = mutate("unicorn", "fi", edit_line(at, lambda line: line[: len(line) // 4]), "length-outlier")
    assert [(f.lang, f.line) for f in new] == [("fi", heading + 1)]
    assert "shorter" in new[0].message and re.search(r"expected from (\w\w, ){3,}\w\w", new[0].message)


def test_paragraph_pasted_twice_into_itself_is_reported(mutate):
    at = _longest_paragraph("escrow", "sv")
    lines = original("escrow", "sv")
    heading = max(i for i in range(at) if lines[i].startswith("#"))

    new = mutate("escrow", "sv", edit_line(at, lambda line: " ".join([line] * 3)), "length-outlier")
    assert [(f.lang, f.line) for f in new] == [("sv", heading + 1)]
    assert "longer" in new[0].message
