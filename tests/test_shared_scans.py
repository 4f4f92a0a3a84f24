"""Scans of a section's text made once and read by several passes give what each pass's own
scan would.

The aligner reads a section's runs of digits (``numbers.runs``) and derives its numbers
from them (``align._numbers``); number-mismatch reads its values from the same runs
(``numbers.joined_values``) instead of scanning the section's texts again. The aligner
finds its names and entity-missing's capitalised words in one scan for the chunks that can
hold them (``align._CHUNK``, ``align._chunk_names``), and in the same scan as the runs
(``align._runs_and_chunks``). Each is held to the scan it replaces
on generated texts (hypothesis, with the characters the shortcut turns on) and on the
shipped and real corpora.
"""

from __future__ import annotations

import re
import types
from collections import Counter

from hypothesis import event, given, settings
from hypothesis import strategies as st

from transcheck import numbers
from transcheck.align import (_BEYOND, _CHUNK_PATTERN, _FIRST, _NAME, _NOT_DIGITS, _NUMBER, _chunk_names, _numbers,
                              _runs_and_chunks, _stem, align)
from transcheck.align import _cells as align_cells
from transcheck.names import CAPITALISED, UPPER
from transcheck.engine import run
from transcheck.rules import number_mismatch

from .conftest import CORPUS, needs_shared

_CHUNK = re.compile(_CHUNK_PATTERN)  # align's chunks, as its one scan (``_RUN_OR_CHUNK``) finds them

# digits (ASCII and others), group and decimal separators, a space, Roman letters, a
# century suffix's letters and other letters: what decides where a number or a run ends
_ALPHABET = "0123456789٣５߁ .,\u00a0\u202f\naIVXl-uvta"
_TEXT = st.text(alphabet=_ALPHABET, max_size=16)
_PIECES = st.lists(st.sampled_from(["1900", "-luvulla", "2000", "-talet", "1980", "s", " ", "\u00a0", ",", ".", "5",
                                    "XIV", "X", "I", "12", "345", "٣", "\n", "a", "1 000", "3,5"]),
                   max_size=8).map("".join)


def _numbers_scanned(text: str) -> set[str]:
    """The aligner's numbers as it read them before: ``_NUMBER`` over the text."""
    return {m if m.isdecimal() else m.translate(_NOT_DIGITS) for m in set(_NUMBER.findall(text))}


@settings(max_examples=5000, deadline=None)
@given(st.one_of(_TEXT, _PIECES))
def test_the_numbers_of_the_runs_are_those_of_the_text(text):
    assert _numbers(numbers.runs(text)) == _numbers_scanned(text)


def test_a_run_with_separators_is_read_as_numbers():
    # `1 000 2019` is one run and two numbers (1000201 and 9, as _NUMBER reads them)
    for text in ("in 1 000 2019 and 6.12.2018", "3,5 and 3,55555", "12 345 ٣٤ 2019"):
        assert not all(run.isdecimal() for run in numbers.runs(text))
        assert _numbers(numbers.runs(text)) == _numbers_scanned(text)
    assert _numbers(numbers.runs("in 1 000 2019")) == {"1000201", "9"}


def _values_scanned(texts: list[str], lang: str) -> list[str]:
    """number-mismatch's values of texts, as it read them before: a scan of the texts
    joined by ``numbers.SEPARATOR``."""
    return sorted(numbers.values(numbers.SEPARATOR.join(texts), lang))


@settings(max_examples=5000, deadline=None)
@given(st.lists(st.one_of(_TEXT, _PIECES), min_size=1, max_size=4), st.sampled_from(["en", "fi", "sv", "pl"]))
def test_values_read_from_the_runs_of_the_space_joined_text_are_those_of_a_scan(texts, lang):
    text = " ".join(texts)  # as the aligner joins a section's texts (Cell.text)
    found = numbers.joined_values(numbers.runs(text), text, lang)
    event("from the runs" if found is not None else "scanned")
    if found is not None:
        assert sorted(found) == _values_scanned(texts, lang)
    # told where a run crosses from one text into the next (only there does a space stop it)
    found = numbers.joined_values(numbers.runs(text), text, lang, lambda: texts)
    event("from the runs, told the texts" if found is not None else "scanned, told the texts")
    if found is not None:
        assert sorted(found) == _values_scanned(texts, lang)


def test_a_run_that_crosses_two_texts_is_not_read():
    # joined with a space, `12` and `345` read as one run (12345): the texts are scanned
    for texts, lang in ((["vuonna 12", "345 euroa"], "fi"), (["in 2019", "2020 and"], "en"),
                        (["1 000", "euroa"], "fi")):
        text = " ".join(texts)
        assert numbers.joined_values(numbers.runs(text), text, lang) is None
    # a space inside one text (a group separator) is read from the runs when the texts are told
    assert numbers.joined_values(["1 000"], "1 000 euroa", "fi") is None
    assert numbers.joined_values(["1 000"], "1 000 euroa", "fi", lambda: ["1 000 euroa"]) == ["1000"]
    for texts, lang in ((["vuonna 12", "345 euroa"], "fi"), (["in 2019", "2020 and"], "en")):
        text = " ".join(texts)
        assert numbers.joined_values(numbers.runs(text), text, lang, lambda: texts) is None
    # nor a text with a century suffix, read where each run ends
    assert numbers.joined_values(["1900"], "1900-luvulla", "fi") is None
    assert sorted(numbers.joined_values(["2019", "13"], "in 2019 XIV 13 X", "en")) == ["13", "14", "2019"]


def _summary_scanned(cell) -> list[str]:
    """number-mismatch's summary of a cell as it was made before."""
    out = []
    if cell.numbers or "X" in cell.text:
        text = numbers.SEPARATOR.join([inline.masked for _, inline in cell.inlines])
        out = numbers.values(text, cell.lang)
    if cell.items:
        out += [str(item.number) for item in number_mismatch._numbered_items(cell.section.blocks, [])]
    return sorted(out)


def _summaries_are_those_of_a_scan(path) -> Counter:
    read = Counter()
    for article in run([str(path)], rules=()).articles:
        for row in align(article).rows:
            for cell in row.cells:
                if cell is None:
                    continue
                assert cell.runs == tuple(numbers.runs(cell.text))
                assert cell.numbers == _numbers_scanned(cell.text)
                assert number_mismatch._summary(cell) == _summary_scanned(cell)
                if cell.numbers:
                    read[numbers.joined_values(cell.runs, cell.text, cell.lang) is not None] += 1
    return read


def test_summaries_are_those_of_a_scan_on_the_shipped_corpus():
    _summaries_are_those_of_a_scan(CORPUS)


def test_summaries_are_those_of_a_scan_on_the_real_corpus():
    read = _summaries_are_those_of_a_scan(needs_shared("realcorpus", "Texts"))
    assert read[True] and read[False]  # both ways are taken


# capitals (ASCII, Latin-1, Cyrillic), lower-case letters, digits (ASCII and others), `_`, `&`,
# what ends a word (space, hyphen, apostrophe, period, the mask) and a letter the aligner's
# names do not take (ü): what decides where a name or a capitalised word starts and ends
_NAME_TEXT = st.text(alphabet="ABXaboüÉéБбЖ019٣_&- '.\ue000\n", max_size=16)
_NAME_PIECES = st.lists(st.sampled_from(["NASA", "Google", "McDonald", "AT&T", "R&D", "2Pac", "B2B", "_Zed", "iPhone",
                                         "Éclair", "Müller", "США", "Шварц", "x", "9", "٣", " ", "&", "-", "'s"]),
                        max_size=6).map("".join)


def _names_and_words_scanned(text: str) -> tuple[set[str], set[str]]:
    """The aligner's names and entity-missing's capitalised words, as each scanned for them."""
    return set(map(_stem, set(_NAME.findall(text)))), set(CAPITALISED.findall(text))


def _names_and_words_of_chunks(text: str) -> tuple[set[str], set[str]]:
    names, words = set(), set()
    for chunk, before in set(_CHUNK.findall(text)):
        stems, found, _ = _chunk_names(chunk, before)
        names.update(stems)
        words.update(found)
    return names, words


@settings(max_examples=5000, deadline=None)
@given(st.one_of(_NAME_TEXT, _NAME_PIECES, st.lists(st.one_of(_NAME_TEXT, _NAME_PIECES), max_size=3).map(" ".join)))
def test_the_chunks_give_the_names_and_words_of_the_text(text):
    assert _names_and_words_of_chunks(text) == _names_and_words_scanned(text)


def test_a_digit_before_a_capital_is_read_with_its_chunk():
    # `9Foo`: a capitalised word Foo, and no name (a word character precedes F)
    assert _names_and_words_of_chunks("9Foo and Bar") == ({"bar"}, {"Foo", "Bar"})
    assert _names_and_words_of_chunks("x&Foo R&Dev") == _names_and_words_scanned("x&Foo R&Dev")


def test_cells_hold_the_names_and_words_of_their_text_on_the_shipped_corpus():
    for article in run([str(CORPUS)], rules=()).articles:
        for version in article.versions:
            for cell in align_cells(version):
                names, words = _names_and_words_scanned(cell.text)
                assert cell.capitalised == words
                assert names <= cell.names  # with the code spans' contents


_DIGIT_RUN = re.compile(r"\d(?:\d|[ .,\u00a0\u202f](?=\d))*")  # numbers' run pattern as it was written first

# digits of every kind (ASCII, Arabic-Indic, fullwidth, NKo, astral: mathematical and Adlam),
# astral characters that are not digits, separators, capitals and letters, `_`, `&`
_MIXED = st.text(alphabet="0129٣５߁𝟘𞥑😀𐍈 .,\u00a0\u202f\nABÉБaü_&-\ue000", max_size=18)
_MIXED_PIECES = st.lists(st.sampled_from(["B2B", "MP3", "2019", "1 000", "R&D", "Google", "9Foo", "𝟙𝟚", "٣٤",
                                          "😀", "x", " ", ".", "Ω", "_Zed"]), max_size=6).map("".join)


@settings(max_examples=5000, deadline=None)
@given(st.one_of(_MIXED, _MIXED_PIECES))
def test_the_run_pattern_finds_what_the_digit_one_does(text):
    assert numbers.runs(text) == _DIGIT_RUN.findall(text)


@settings(max_examples=5000, deadline=None)
@given(st.one_of(_MIXED, _MIXED_PIECES, _NAME_TEXT, _NAME_PIECES,
                 st.lists(st.one_of(_MIXED, _MIXED_PIECES, _NAME_PIECES), max_size=3).map(" ".join)))
def test_one_scan_gives_the_runs_names_and_words_of_the_text(text):
    runs, names, words = _runs_and_chunks(text)
    event("a chunk with a digit" if any(c.isdecimal() for chunk, _ in _CHUNK.findall(text) for c in chunk)
          else "no chunk with a digit")
    assert runs == _DIGIT_RUN.findall(text)
    assert (names, words) == _names_and_words_scanned(text)


def test_a_chunk_with_a_digit_sends_the_text_to_the_run_scan():
    # in one scan, B2B's chunk takes the 2: the runs are read again
    runs, names, words = _runs_and_chunks("B2B 2019")
    assert runs == ["2", "2019"]
    assert (names, words) == _names_and_words_scanned("B2B 2019")


def test_runs_and_chunks_are_told_apart_by_their_first_character():
    assert all(_FIRST <= c < _BEYOND for c in UPPER)
    assert not any(_FIRST <= chr(c) < _BEYOND and chr(c).isdecimal() for c in range(0x110000))
    assert set(numbers.DIGIT_CLASS) and all(re.fullmatch(f"[{numbers.DIGIT_CLASS}]", chr(c))
                                            for c in range(0x110000) if chr(c).isdecimal())


def test_the_written_out_digits_are_those_of_their_unicode_version():
    import unicodedata

    listed = numbers._BMP_DIGITS.get(unicodedata.unidata_version)
    assert listed is not None, f"list the digits of Unicode {unicodedata.unidata_version} (numbers._BMP_DIGITS)"
    bmp = "".join(map(chr, range(0x80, 0x10000)))
    assert re.findall(f"[{listed}]", bmp) == [c for c in bmp if c.isdecimal()]


def _run_values_scanned(texts: list[str], lang: str) -> Counter:
    """The values number-mismatch reads from the runs of digits of a section's texts (a scan of
    them joined by ``numbers.SEPARATOR``, its Roman numerals aside)."""
    joined = numbers.SEPARATOR.join(texts)
    return Counter(numbers.values(joined, lang)) - Counter(numbers.roman_values(joined))


def _split(text: str, at: int) -> list[str]:
    return [text[:at], text[at:]] if 0 < at < len(text) else [text]


# the versions of a row: one text written in each of them, cut into texts at some place (a
# run crossing the cut is two runs, which the space-joined text does not show), in a language
# that reads separators and century suffixes its own way
_VERSIONS = st.tuples(st.lists(st.one_of(_TEXT, _PIECES), min_size=1, max_size=3).map(" ".join),
                      st.lists(st.tuples(st.integers(0, 20), st.sampled_from(["en", "fi", "sv", "pl"]),
                                         st.sampled_from(["", "-luvulla", "-talet", " 2019"])),
                               min_size=2, max_size=4))


@settings(max_examples=5000, deadline=None)
@given(_VERSIONS)
def test_runs_that_agree_give_the_same_values_in_every_version(versions):
    text, cuts = versions
    sections, scanned = [], []
    for at, lang, tail in cuts:
        texts = _split(text + tail, at)
        joined = " ".join(texts)  # as the aligner joins a section's texts (Cell.text)
        sections.append(types.SimpleNamespace(runs=tuple(numbers.runs(joined)), text=joined, lang=lang, texts=texts))
        scanned.append(_run_values_scanned(texts, lang))
    agree = numbers.runs_agree(sections)
    event("agree" if agree else "read")
    if agree:
        assert all(found == scanned[0] for found in scanned)
    agree = numbers.runs_agree(sections, lambda section: section.texts)
    event("agree, told the texts" if agree else "read, told the texts")
    if agree:
        assert all(found == scanned[0] for found in scanned)


def test_runs_read_differently_do_not_agree():
    def row(*versions):
        return [types.SimpleNamespace(runs=tuple(numbers.runs(text)), text=text, lang=lang) for text, lang in versions]

    assert numbers.runs_agree(row(("in 2019 and 2020", "en"), ("vuonna 2019 ja 2020", "fi")))
    assert numbers.runs_agree(row(("no digits", "en"), ("ei numeroita", "fi")))
    assert not numbers.runs_agree(row(("1,500 people", "en"), ("1,500 ihmistä", "fi")))  # 1500 and 1.5
    assert numbers.runs_agree(row(("1,500 people", "en"), ("1,500 people", "en")))
    assert not numbers.runs_agree(row(("in 1900", "en"), ("1900-luvulla", "fi")))  # a century
    assert not numbers.runs_agree(row(("12 345", "en"), ("12 345", "fi")))  # may cross two texts
    told = [types.SimpleNamespace(runs=("12 345",), text="x 12 345", lang=lang, texts=texts)
            for lang, texts in (("en", ["x 12 345"]), ("fi", ["x 12", "345"]))]
    assert not numbers.runs_agree(told, lambda section: section.texts)  # fi's crosses two texts
    assert numbers.runs_agree(told[:1] * 2, lambda section: section.texts)
    assert not numbers.runs_agree(row(("2019 and 2020", "en"), ("2020 ja 2019", "fi")))  # other order: read


def test_rows_whose_runs_agree_differ_where_their_summaries_do(tmp_path):
    # number-mismatch compares the rest of the summaries (Roman numerals, list numbers) of a
    # row whose runs agree: a row differs where the whole summaries do
    body = "## Vuosi 2019\n\nTeksti {roman} vuonna 2019.\n\n{n}. Eka\n{m}. Toka\n\n## Toinen\n\nVuonna {m}20.\n\n## Kolmas\n\nLuku {roman}.\n"
    for lang, (roman, n, m) in {"en": ("XIV", 14, 15), "fi": ("XIV", 14, 15), "sv": ("XV", 14, 16)}.items():
        (tmp_path / "case").mkdir(exist_ok=True)
        (tmp_path / "case" / f"{lang}.md").write_text("---\ntitle: Case\n---\n\n" + body.format(roman=roman, n=n, m=m),
                                                      encoding="utf-8")
    seen = Counter()
    for path in (tmp_path, CORPUS):
        for article in run([str(path)], rules=()).articles:
            for row in align(article).rows:
                cells = [cell for cell in row.cells if cell is not None]
                summaries = [number_mismatch._summary(cell) for cell in cells]
                assert number_mismatch._differ(cells) == any(s != summaries[0] for s in summaries)
                seen[numbers.runs_agree(cells), number_mismatch._differ(cells)] += 1
    assert seen[True, True] and seen[True, False] and seen[False, True]


def test_the_lookbehinds_read_the_capital_just_matched_as_any_character():
    # CAPITALISED and the aligner's scan once listed the capitals again in their lookbehinds;
    # every text of up to 5 characters of this alphabet gives the same matches both ways
    import itertools

    from transcheck.align import _RUN_OR_CHUNK
    from transcheck.numbers import DIGIT_CLASS, RUN_REST

    upper = re.escape(UPPER)
    tail = rf"(?<![^\W\d_][{upper}])[\w&]*"
    listed = {CAPITALISED: re.compile(rf"[{upper}](?<![^\W\d_][{upper}])[^\W\d_]+"),
              _RUN_OR_CHUNK: re.compile(rf"[{DIGIT_CLASS}{upper}_](?:(?<=\d){RUN_REST}(?:[{upper}]{tail})?"
                                        rf"|(?<=[{upper}]){tail}|(?<=_)[{upper}]{tail})")}
    # Latin and Cyrillic capitals and letters, digits (one astral), _, &, spaces, a capital not in UPPER (Armenian)
    alphabet = "Aa1_& \nЖж𝟙Ա."
    for size in range(1, 6):
        for chars in itertools.product(alphabet, repeat=size):
            text = "".join(chars)
            for pattern, before in listed.items():
                assert pattern.findall(text) == before.findall(text), (pattern.pattern[:20], text)
