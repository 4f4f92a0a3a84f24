"""The cheap first passes of the prose rules give what the detailed passes would.

Each rule below answers the common case from a cheap summary or a plain string test
before its detailed pass; these tests hold the summary to the detailed result on the
shipped corpus, and check the cases the summary reads differently.
"""

from __future__ import annotations

from transcheck.align import align
from transcheck.engine import run
from transcheck.rules import number_mismatch

from .conftest import CORPUS


def _cells(path):
    for article in run([str(path)], rules=()).articles:
        for row in align(article).rows:
            yield from (cell for cell in row.cells if cell is not None)


def test_number_summary_is_the_multiset_of_the_occurrences():
    cells = list(_cells(CORPUS))
    assert cells
    for cell in cells:
        assert number_mismatch._summary(cell) == sorted(o[4] for o in number_mismatch._occurrences(cell))


def _article(tmp_path, texts: dict[str, str]):
    for lang, body in texts.items():
        (tmp_path / "case" / f"{lang}.md").parent.mkdir(exist_ok=True)
        (tmp_path / "case" / f"{lang}.md").write_text(f"---\ntitle: Case {lang}\n---\n\n{body}", encoding="utf-8")
    return tmp_path


def test_a_list_number_is_compared_in_a_section_without_digits(tmp_path):
    # no digit in the section's text: the list numbers alone differ, and are still reported
    body = "## Steps\n\nDo these things.\n\n{n}. First thing\n{m}. Second thing\n"
    _article(tmp_path, {"en": body.format(n=14, m=15), "fi": body.format(n=14, m=15),
                        "sv": body.format(n=14, m=16)})
    found = run([str(tmp_path)], rules=(number_mismatch.RULE,))
    assert [(f.path.rsplit("/", 1)[-1], f.message) for f in found.findings] == [
        ("sv.md", "number differs: 16 here (16); 15 in en, fi, which have no 16")]
