"""Work that grows with the input grows linearly: many links, many findings, long lines.

Each bound is generous (several times the time measured on 2 CPUs) but far below what the
quadratic code it replaced took, so it fails when that comes back.
"""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from transcheck.engine import check_version
from transcheck.rules import VERSION_RULES

from .conftest import version_of


def _seconds(call) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["[a](/x)", "[b ![i](/i) c](/y)", "![j](/j)", "<http://u.fi>", "[[z]](/z)",
                                 " ", "t", "[", "]", "(", ")", "`c`", "\n"]), max_size=40))
def test_in_link_text_is_the_first_link_holding_the_index(parts):
    version = version_of("".join(parts) or "x", "fi")
    for _, inline in version.inlines():
        for index in range(len(inline.content) + 1):
            first = next((link for link in inline.links if link.c_text_start <= index < link.c_text_end), None)
            assert inline.in_link_text(index) is first


def test_a_finding_after_each_of_many_links_is_linear():
    """space-before-punctuation asked, for each hit, which link holds it by scanning all the
    links of the paragraph: a 1 MB line of 33,825 links and hits took 156 s; now 3 s."""
    line = "Sana [linkki](/x) , " * 40_000
    version = version_of(f"# T\n\n{line}\n", "fi")
    took = _seconds(lambda: check_version(version, "a", VERSION_RULES))
    print(f"\n40,000 links each followed by a finding: version rules {took:.2f} s")
    assert took < 10  # measured 0.8 s; the quadratic scan took 10.8 s for half as many


def _sections(count: int, lang: str, words: tuple[str, str], skip: int = 0) -> str:
    heading, text = words
    return "# T\n\n" + "".join(f"## {heading} {k}\n\n{text} [{text}](/x{k % 7}) {k * 37}.\n\n"
                                for k in range(count) if not (skip and k % skip == 0))


def _article(texts: dict[str, str]):
    from transcheck.model import Article

    return Article("a", tuple(version_of(text, lang, f"{lang}.md") for lang, text in texts.items()))


def test_aligning_thousands_of_sections_is_linear_in_their_number():
    """The aligner compared every pair of sections: 20,000 sections per version took more than
    5 minutes (and gigabytes); beyond EXACT_PAIRS pairs it now computes a band around the diagonal."""
    from transcheck.align import align

    article = _article({"fi": _sections(8000, "fi", ("Osa", "Teksti")),
                        "sv": _sections(8000, "sv", ("Del", "Text"), skip=500)})
    took = _seconds(lambda: align(article))
    print(f"\naligning 8,000 sections with 7,984: {took:.2f} s")
    assert took < 30  # measured 2.5 s; every pair (64 million) took about 2 minutes


def test_the_band_finds_what_comparing_every_pair_finds(monkeypatch):
    from transcheck import align as align_mod

    article = _article({"fi": _sections(1100, "fi", ("Osa", "Teksti")),
                        "sv": _sections(1100, "sv", ("Del", "Text"), skip=90),
                        "pl": _sections(1100, "pl", ("Część", "Tekst"), skip=250)})
    banded = align_mod.align(article)
    monkeypatch.setattr(align_mod, "EXACT_PAIRS", 10 ** 9)
    exact = align_mod.align(article)
    assert len(banded.rows) == len(exact.rows) > 1100
    assert [[c and c.index for c in row.cells] for row in banded.rows] == \
        [[c and c.index for c in row.cells] for row in exact.rows]


def test_section_at_is_the_section_holding_the_line():
    version = version_of(_sections(300, "fi", ("Osa", "Teksti"), skip=7) + "Loppu.\n", "fi")
    for line in range(version.source.line_count + 2):
        expected = next((s for s in version.sections if s.start_line <= line < s.end_line), None)
        assert version.section_at(line) is expected


def _finding(path: str, edits):
    from transcheck.findings import Applicability, Edit, Finding, Fix, Severity

    edits = tuple(Edit(a, b, r) for a, b, r in edits)
    start = min(e.start for e in edits)
    return Finding(path, 1, 1, 1, 1, "r", "TC999", Severity.WARNING, f"m{edits}", "fi", "a", start,
                   max(e.end for e in edits), Fix(Applicability.SAFE, edits), ())


edit = st.tuples(st.integers(0, 40), st.integers(0, 6), st.sampled_from(["", " ", "x"])).map(
    lambda t: (t[0], t[0] + t[1], t[2]))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["a.md", "b.md"]), st.lists(edit, min_size=1, max_size=3)), max_size=25))
def test_select_takes_what_comparing_with_every_taken_fix_took(specs):
    from transcheck import fixer

    findings = [_finding(path, edits) for path, edits in specs]
    taken: dict[str, list] = {}
    for finding in sorted(findings, key=lambda f: (f.path, f.offset, f.end_offset, f.code, f.message)):
        mine = taken.setdefault(finding.path, [])
        if not any(fixer.conflicts(finding.fix, other.fix) for other in mine):
            mine.append(finding)
    assert fixer.select(findings) == [f for path in sorted(taken) for f in taken[path]]


def test_select_is_linear_in_the_fixes():
    """select compared each fix with every fix taken: 8,000 fixes on one line took 78 s in fix."""
    from transcheck import fixer

    findings = [_finding("a.md", [(k * 3, k * 3 + 1, "")]) for k in range(100_000)]
    took = _seconds(lambda: fixer.select(findings))
    print(f"\nselect over 100,000 fixes: {took:.2f} s")
    assert took < 10  # measured 0.8 s; every pair (5 * 10**9 comparisons) would take hours


def _fix(text: str):
    from transcheck import fixer
    from transcheck.model import Article
    from transcheck.rules import CHECK_RULES

    version = version_of(text, "fi", "fi.md")
    return fixer.fix_article(Article("a", (version,)), fixer.fixing_rules(CHECK_RULES, False), {"fi.md"})


def test_one_refused_fix_among_thousands_costs_a_few_parses():
    """When a pass's fixes did not verify together, each was tried alone on the file: 4,000
    fixes and one refusal took 180 s (a parse per fix); halves are tried now."""
    text = "# T\n\n" + "Sana ,. [linkki](/x) – " * 2000 + "\n\n2018 . Vuosi oli hyvä.\n"
    done = {}
    took = _seconds(lambda: done.setdefault("fix", _fix(text)))
    file = done["fix"].files["fi.md"]
    print(f"\nfix: 4,000 fixes and 1 refusal: {took:.2f} s")
    assert len(file.applied) == 4000 and [r.finding.line for r in file.refused] == [5]
    assert took < 20  # measured 1.0 s; one parse per fix took about 45 s


def test_many_refusals_are_all_reported_and_the_good_fixes_all_made():
    """More refusals than one pass's budget of parses: the undecided fixes wait for the next pass."""
    lines = [f"{1900 + k} . Vuosi {k} ,. oli hyvä." for k in range(30)]
    done = _fix("# T\n\n" + "\n\n".join(lines) + "\n")
    file = done.files["fi.md"]
    assert len(file.refused) == 30 and len(file.applied) == 60  # each line: ` ,` and `,.` fixed, ` .` refused
    assert ",." not in file.text and file.text.count(" . ") == 30 and 1 < done.passes < 10


def test_a_file_of_refusals_stops_after_the_passes_with_nothing_lost():
    lines = [f"{1900 + k} . Vuosi {k} ,. oli hyvä." for k in range(400)]
    done = {}
    took = _seconds(lambda: done.setdefault("fix", _fix("# T\n\n" + "\n\n".join(lines) + "\n")))
    file = done["fix"].files["fi.md"]
    print(f"\nfix: 400 refusals among 1,200 fixes: {took:.2f} s, {done['fix'].passes} passes")
    assert took < 60  # measured 9 s; a parse per fix: 1,200 parses of a growing file
    assert done["fix"].passes == 10 and done["fix"].exhausted  # reported: "run fix again"
    decided = {r.finding.line for r in file.refused}
    assert len(decided) == len(file.refused) > 100 and len(file.applied) > 200
