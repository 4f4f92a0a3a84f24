"""The cheap first passes of the prose rules give what the detailed passes would.

Each rule below answers the common case from a cheap summary or a plain string test
before its detailed pass; these tests hold the summary to the detailed result on the
shipped corpus, and check the cases the summary reads differently.
"""

from __future__ import annotations

import itertools
import re
import types

from transcheck.align import align
from transcheck.engine import run
from transcheck.rules import (_prose, bullet_count_mismatch, bullet_marker_invalid, link_extra, link_missing,
                              link_text_spacing, number_mismatch, paragraph_count_mismatch, space_before_punctuation,
                              stray_punctuation, unbalanced_brackets)

from .conftest import CORPUS, version_of


def _cells(path):
    for article in run([str(path)], rules=()).articles:
        for row in align(article).rows:
            yield from (cell for cell in row.cells if cell is not None)


def test_number_summary_is_the_multiset_of_the_occurrences():
    cells = list(_cells(CORPUS))
    assert cells
    for cell in cells:
        assert number_mismatch._summary(cell) == sorted(o[4] for o in number_mismatch._occurrences(cell))


def test_a_section_without_aligner_numbers_has_no_digit():
    # number-mismatch skips the digit scan of a section whose cell has no numbers
    for cell in _cells(CORPUS):
        assert bool(cell.numbers) == any(re.search(r"\d", inline.masked) for _, inline in cell.inlines)


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


def _inline_texts(path):
    for article in run([str(path)], rules=()).articles:
        for version in article.versions:
            yield from (inline.masked for _, inline in version.inlines())


TRICKY = ["a) b) c)", "(ks. a) x ja b) y)", "1) 12) 123) iv) IVXI) xiv) ж) жж)", ")a)", " a)\n b)\tc)", "a\u00a0b) c",
          "U.S., Canada", "a..,b", "1..2", "x.;.,", "...", "a,.b;.c:.d", "e.g.. x", ".;", ",,;;,;", ". .. ...",
          "osalta. ansaittu", "a.  b", "a. B. c.", "end."]


def test_enumerators_are_those_the_regex_finds():
    # the regex `_enumerators` replaces: a short word after a space or at the start, then `)`
    enumerator = re.compile(r"(?:^|(?<=\s))(?:[0-9]{1,2}|[a-zA-Zа-яА-Я]|[ivxIVX]{1,4})\)")
    texts = TRICKY + list(_inline_texts(CORPUS))
    for text in texts:
        assert unbalanced_brackets._enumerators(text) == {m.end() - 1 for m in enumerator.finditer(text)}, text
    assert unbalanced_brackets._enumerators("a) b) (c) dd) 1) 123)") == {1, 4, 15}


def test_clashes_are_those_the_regex_finds():
    texts = TRICKY + list(_inline_texts(CORPUS))
    for text in texts:
        assert ([m.span() for m in stray_punctuation._clash_matches(text)]
                == [m.span() for m in stray_punctuation._CLASH.finditer(text)]), text
    assert [m.group() for m in stray_punctuation._clash_matches("a..,b x,.y 1..2 z;;")] == ["..", ",.", ";;"]


def test_dash_led_lines_inside_a_paragraph_count_as_the_bullets_they_mean(tmp_path):
    # en writes the list with en dashes inside a paragraph: bullet-marker-invalid's finding,
    # not a bullet count mismatch as well
    listed = "## Steps\n\nDo these things:\n\n- first thing\n- second thing\n"
    dashed = "## Steps\n\nDo these things:\n– first thing\n– second thing\n"
    _article(tmp_path, {"en": dashed, "fi": listed, "sv": listed})
    found = run([str(tmp_path)], rules=(bullet_count_mismatch.RULE, bullet_marker_invalid.RULE))
    assert sorted((f.path.rsplit("/", 1)[-1], f.rule) for f in found.findings) == [
        ("en.md", "bullet-marker-invalid"), ("en.md", "bullet-marker-invalid")]


def test_links_compare_as_multisets_in_any_order(tmp_path):
    # the same targets in another order agree; one target linked twice against once does not
    agree = "## Links\n\nSee [a](/a) and [b](/b).\n"
    swapped = "## Links\n\nSee [b](/b) and [a](/a).\n"
    twice = "## Links\n\nSee [a](/a), [b](/b) and [a again](/a).\n"
    _article(tmp_path, {"en": agree, "fi": swapped, "sv": twice})
    found = run([str(tmp_path)], rules=(link_extra.RULE, link_missing.RULE))
    assert [(f.path.rsplit("/", 1)[-1], f.rule, f.message) for f in found.findings] == [
        ("sv.md", "link-extra", "extra link to /a: 2 here; 1 in en, fi")]


def test_space_mark_regex_matches_as_the_one_it_replaced():
    # the pattern before it was written to start with the space class
    before = re.compile(r"(?<![ \t\u00a0])[ \t\u00a0]+([.,;:!?])|(?<![ \t\u00a0])[ \t\u00a0]+(-)$")
    alphabet = [" ", "\t", "\u00a0", ".", "!", "-", "a", "\n"]
    for n in range(6):
        for chars in itertools.product(alphabet, repeat=n):
            text = "".join(chars)
            assert ([(m.span(), m.groups()) for m in link_text_spacing._SPACE_MARK.finditer(text)]
                    == [(m.span(), m.groups()) for m in before.finditer(text)]), repr(text)


def test_the_words_a_period_test_skips_cannot_start_lowercase():
    # `_PERIOD_SPACES` leaves out a period whose next word starts with one of these: none is lowercase
    skipped = re.compile(r"[ A-ZÀ-ÞЁА-Я0-9]")
    assert not [ch for ch in map(chr, range(0x3000)) if skipped.fullmatch(ch) and ch.islower()]
    found = [m.span() for m in stray_punctuation._PERIOD_SPACES.finditer("a. B a.  c a. 1 a. ä a. É a.")]
    assert found == [(6, 9), (17, 19)]


def test_a_paragraph_with_a_dash_led_line_is_never_skipped():
    """``may_be_dash_led`` (bullet-count-mismatch's first test) holds wherever some line of
    the content is ``dash_led``: every content of up to 4 characters from the marks' alphabet."""
    for n in range(1, 5):
        for chars in itertools.product(["–", "—", "•", " ", "\u00a0", "\n", "a"], repeat=n):
            content = "".join(chars)
            if any(bullet_marker_invalid.dash_led(line) for line in content.split("\n")):
                assert bullet_marker_invalid.may_be_dash_led(content), repr(content)


class _Prose:
    """A stand-in version for ``_prose``: only its inlines' masked texts are read."""

    def __init__(self, texts):
        self._inlines = tuple((None, types.SimpleNamespace(masked=text, links=())) for text in texts)

    def inlines(self):
        return self._inlines


def _per_inline(pattern, texts):
    return {k for k, text in enumerate(texts) if pattern.search(text)}


# space-before-punctuation's test of one inline that its version-wide parts replace: a space or
# opener next to a space or mark, which every match of its patterns holds
_SPACE_BEFORE_SUSPECT = re.compile(r"[ \t\u00a0\u202f(«][ \t\u00a0\u202f,.;:?!)»]")


def test_a_version_searched_at_once_finds_the_inlines_searched_one_by_one():
    """``_prose.candidates`` (the whole version searched at once) against the per-inline searches
    it replaces, in stray-punctuation and space-before-punctuation: every pair of inline texts of
    up to 3 characters from the patterns' alphabets (a match must not reach across the newline
    that separates two inlines, nor hide one that starts after it)."""
    cases = [
        ([",", ".", ";", ":", " ", "a", "\n"], (stray_punctuation._TWO_MARKS,),
         (stray_punctuation._COMMA_THEN, stray_punctuation._PERIOD_THEN, *stray_punctuation._RARE_THEN)),
        ([".", " ", "a", "B", ",", "\n"], (stray_punctuation._PERIOD_SPACES,), (stray_punctuation._PERIOD_SPACES,)),
        ([" ", "\t", "\u00a0", "\u202f", "(", "«", ",", ")", "»", "a"], (_SPACE_BEFORE_SUSPECT,),
         (space_before_punctuation._SPACE_THEN, *space_before_punctuation._RARE_THEN)),
    ]
    for alphabet, replaced, patterns in cases:
        words = ["".join(chars) for n in range(4) for chars in itertools.product(alphabet, repeat=n)]
        if len(alphabet) > 7:
            words = [w for w in words if len(w) < 3] + [w for w in words if len(w) == 3][::7]
        for first in words:
            for second in words:
                texts = [first, second]
                found = _prose.candidates(_Prose(texts), *patterns)
                expected = set().union(*(_per_inline(pattern, texts) for pattern in replaced))
                if patterns == (stray_punctuation._PERIOD_SPACES,):
                    # its lookahead may see the newline after an inline: a candidate for nothing
                    assert found >= expected, texts
                    assert found - expected <= {k for k, text in enumerate(texts) if text.rstrip(" ").endswith(".")}
                else:
                    assert found == expected, texts


def test_unbalanced_brackets_tests_for_the_characters_of_its_pattern():
    # its first test looks for each of `_MARK_CHARS` in turn instead of searching `_MARKS`
    chars = unbalanced_brackets._MARK_CHARS
    assert len(set(chars)) == len(chars)
    assert [ch for ch in map(chr, range(0x3000)) if unbalanced_brackets._MARKS.fullmatch(ch)] == sorted(chars)


def test_the_inlines_holding_a_character_are_those_found_one_by_one():
    # `_prose.holding` finds each character in the whole version, moving on to the next inline
    # after each find; unbalanced-brackets reads the inlines it gives
    alphabet = ["(", ")", "«", "a", "\n"]
    words = ["".join(chars) for n in range(4) for chars in itertools.product(alphabet, repeat=n)]
    for texts in itertools.chain(itertools.product(words, repeat=2), itertools.product(words[:31], repeat=3)):
        for chars in ("(", ")«", "«()"):
            assert (_prose.holding(_Prose(texts), chars)
                    == {k for k, text in enumerate(texts) if any(ch in text for ch in chars)}), (texts, chars)
    inlines = [(None, types.SimpleNamespace(masked=text, links=())) for text in _inline_texts(CORPUS)]
    version = types.SimpleNamespace(inlines=lambda: inlines)
    assert (_prose.holding(version, unbalanced_brackets._MARK_CHARS)
            == {k for k, (_, inline) in enumerate(inlines) if unbalanced_brackets._MARKS.search(inline.masked)})


def test_a_file_with_a_would_be_bullet_has_a_mark_where_a_line_can_start():
    """bullet-marker-invalid walks only a file that ``may_lead_a_line``: every file it reports
    passes that test, among all documents of up to 3 lines from these pieces (indentation,
    blockquotes, list markers of both kinds, lone `\\r` line endings) and the shipped corpus."""
    pieces = ["– a", "—\u00a0a", "• a", "> – a", "- – a", "1. – a", "2) – a", "   – a", "\t– a", ">\t– a",
              "- > – a", "* 10. – a", "+ – a", "a", "", "- a", "> a", "a.", "a:\r– b\r– c", "    – a", "[x]: /u", "| a |",
              "  –a", "\u00a0– a", "\u3000– a", "> \u2003– a", "\x0c– a"]
    reported = led = 0
    versions = [version_of("\n".join(lines) + "\n") for n in range(1, 4)
                for lines in itertools.product(pieces, repeat=n)]
    versions += [v for article in run([str(CORPUS)], rules=()).articles for v in article.versions]
    for version in versions:
        text = version.source.text
        if list(bullet_marker_invalid._scan(version.blocks, in_item=False)):
            reported += 1
            assert bullet_marker_invalid.may_lead_a_line(text), repr(text)
        # what bullet-count-mismatch and paragraph-count-mismatch rely on: a paragraph with a
        # line led by a mark (`may_be_dash_led`) is in a file that `may_lead_a_line`
        if any(block.kind == "paragraph" and bullet_marker_invalid.may_be_dash_led(block.inline.content)
               for block in version.walk()):
            led += 1
            assert bullet_marker_invalid.may_lead_a_line(text), repr(text)
    assert reported > 1000 and led > reported


def test_a_section_without_lists_or_dash_led_lines_has_the_paragraphs_the_aligner_counted():
    """paragraph-count-mismatch counts such a section's paragraphs by ``Cell.paragraphs`` and
    collects them only where the counts differ: the two agree in every section without list
    items of a file that cannot ``may_lead_a_line``, among all documents of up to 3 pieces
    (headings, would-be headings, blockquotes, lists, tables, code) and the shipped corpus."""
    from transcheck.align import _cells

    pieces = ["a", "a\nb", "", "# H", "##H", "> a", "> > a\n>\n> b", "- a", "1. a", "    code", "| a |\n|---|",
              "<div>\nx\n</div>", "a\n===", "---", "> - a", "– a", "a – b", "```\nx\n```"]
    checked = 0
    versions = [version_of("\n\n".join(parts) + "\n") for n in range(1, 4)
                for parts in itertools.product(pieces, repeat=n)]
    versions += [v for article in run([str(CORPUS)], rules=()).articles for v in article.versions]
    for version in versions:
        for cell in _cells(version):
            if paragraph_count_mismatch._counted(cell):
                checked += 1
                assert cell.paragraphs == len(paragraph_count_mismatch._paragraphs(cell)), version.source.text
    assert checked > 4000


def test_bullets_are_counted_as_before_the_file_test():
    # bullet-count-mismatch's count, with the file-level first test, against the count without it
    pieces = ["– a", "- a", "a:\n– b\n– c", "> – a\n> – b", "1. a", "- a\n  – b", "a", "## H", "a – b"]
    versions = [version_of("\n\n".join(parts) + "\n") for n in range(1, 4)
                for parts in itertools.product(pieces, repeat=n)]
    versions += [v for article in run([str(CORPUS)], rules=()).articles for v in article.versions]
    from transcheck.align import _cells

    for version in versions:
        for cell in _cells(version):
            before = cell.items
            if any(block.kind == "paragraph" and bullet_marker_invalid.may_be_dash_led(inline.content)
                   for block, inline in cell.inlines):
                before += bullet_marker_invalid.would_be_bullets(cell.section.blocks)
            assert bullet_count_mismatch._bullets(cell) == before, version.source.text


def test_the_rules_median_is_the_statistics_median():
    # length-outlier (float shares) and link-span-overextended (word counts) read it
    import statistics

    from transcheck.rules._median import median_sorted

    for values in ([0.1, 1 / 3, 2.0, 2.0, 1e9, 7.25], [0, 1, 2, 5, 5, 12]):
        for n in range(1, 6):
            for chosen in itertools.product(values, repeat=n):
                got, want = median_sorted(sorted(chosen)), statistics.median(chosen)
                assert got == want and type(got) is type(want), chosen


def test_an_alignments_target_counts_are_those_of_its_rows(tmp_path):
    # link-missing and link-extra read the counts made once per alignment (the last one's kept)
    from transcheck.rules import _links

    _article(tmp_path, {"en": "## Links\n\nSee [a](/a) and [b](/b).\n", "fi": "## Links\n\nSee [b](/b).\n",
                        "sv": "## Links\n\nSee [a](/a), [b](/b) and [a again](/a).\n"})
    alignments = [align(article) for path in (CORPUS, tmp_path) for article in run([str(path)], rules=()).articles]
    for alignment in alignments + alignments[::-1]:
        rows = [[c for c in row.cells if c is not None] for row in alignment.rows]
        assert _links.alignment_target_counts(alignment) == [(cells, _links.row_target_counts(cells)) for cells in rows]
    assert any(counts for alignment in alignments for _, counts in _links.alignment_target_counts(alignment))


def test_the_link_rules_read_every_inline_with_a_link():
    # link-split, link-text-spacing, link-text-trivial and link-malformed read Prose.linked
    linked = 0
    for article in run([str(CORPUS)], rules=()).articles:
        for version in article.versions:
            found = _prose.prose(version).linked
            assert found == [k for k, (_, inline) in enumerate(version.inlines()) if inline.links]
            linked += len(found)
    assert linked >= 20


def test_no_reference_differs_where_every_version_agrees():
    # frontmatter-mismatch does not ask for the reference of a key whose values all agree, nor
    # paragraph-count-mismatch whether a list is text where every version has one
    from transcheck.consensus import reference

    for value in ("same", True):
        for n in range(1, 6):
            langs = ["en", "fi", "is", "pl", "sv"][:n]
            for source in [None, *langs, "ru"]:
                for lang in langs:
                    ref = reference(lang, {k: value for k in langs}, source)
                    assert ref is None or ref.value == value


def test_space_before_regex_matches_as_the_one_it_replaced():
    # `_BEFORE` was written to start with its lookbehind; now with the space class
    before = re.compile(r"(?<=[^\s(\[{«„“])[ \t\u00a0\u202f]+([,.;:?!)])")
    alphabet = [" ", "\t", "\u00a0", "\u202f", "\n", "(", "«", ",", ")", "a"]
    for n in range(6):
        for chars in itertools.product(alphabet, repeat=n):
            text = "".join(chars)
            assert ([(m.span(), m.span(1)) for m in space_before_punctuation._BEFORE.finditer(text)]
                    == [(m.span(), m.span(1)) for m in before.finditer(text)]), repr(text)


def test_a_list_where_the_other_versions_have_paragraphs_counts_as_text(tmp_path):
    # paragraph-count-mismatch asks for the reference of `listed` only where some version has no
    # list in the section: here sv writes as a list what en and fi write as paragraphs
    text = "## Steps\n\nFirst we read the whole text.\n\nThen we count its words.\n\nLast we write it down.\n"
    listed = "## Steps\n\n- First we read the whole text.\n- Then we count its words.\n- Last we write it down.\n"
    _article(tmp_path, {"en": text, "fi": text, "sv": listed})
    assert run([str(tmp_path)], rules=(paragraph_count_mismatch.RULE,)).findings == []


def test_may_lead_a_line_is_linear_on_a_long_line():
    """A line of a megabyte with 40,000 dashes inside sentences (a hostile case): the test
    is one search, not a slice from the line's start per dash (5 s a call, three rules
    ask it: 16 s for `check` of that one file)."""
    import time

    text = "# T\n\n" + "Sana ,. [linkki](/x) «x» – " * 40_000 + "\n"
    start = time.process_time()
    assert not bullet_marker_invalid.may_lead_a_line(text)
    assert bullet_marker_invalid.may_lead_a_line(text + "\u00a0– kohta\n")
    assert time.process_time() - start < 1.0


def test_what_may_stand_before_a_line_led_mark():
    """``_PREFIX``: indentation and blockquote and list marks, and every character that
    ``str.strip`` takes for whitespace (markdown-it strips a paragraph's lines with it), but
    the line breaks."""
    spaces = {ch for ch in map(chr, range(0x110000)) if ch.isspace()} - {"\n", "\r"}
    assert bullet_marker_invalid._PREFIX == set(">*+-0123456789.)") | spaces
