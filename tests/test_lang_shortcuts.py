"""The cheap passes of number-mismatch and untranslated-text give what the passes they
stand for would.

Each shortcut is held to the code it replaces on generated texts (hypothesis, with the
characters the shortcut's argument turns on) and on the shipped corpus.
"""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from transcheck import numbers

# digits, the group and decimal separators, Roman letters, a century suffix's letters, word
# characters and the separator itself: what decides where a run of digits or a numeral ends
_NUMBER_TEXT = st.text(alphabet="0123456789 .,\u00a0\u202f\nIVXl-uvta", max_size=14)
# pieces that make centuries, decades, Roman numerals and grouped numbers likely
_PIECES = st.lists(st.sampled_from(["1900", "-luvulla", "2000", "-talet", "1980", "s", " ", "\u00a0", ",", ".", "5",
                                    "XIV", "X", "I", "12", "345", "\n", "a"]), max_size=8).map("".join)


def _values(found) -> Counter:
    return Counter(value for _, _, value, _ in found)


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.one_of(_NUMBER_TEXT, _PIECES), min_size=1, max_size=4), st.sampled_from(["en", "fi", "sv", "pl"]))
def test_joined_texts_give_the_numbers_of_each(texts, lang):
    # number-mismatch reads a section's inlines in one scan of their texts joined
    each = Counter()
    for text in texts:
        each += _values(numbers.scan(text, lang))
    assert _values(numbers.scan(numbers.SEPARATOR.join(texts), lang)) == each


def test_a_run_of_digits_ends_at_the_separator():
    # joined with a space, `12` and `345` would read as 12345, `XI` and `V` as XIV
    for texts, lang in ((["vuonna 12", "345 euroa"], "fi"), (["in 2019", "2020 and"], "en"),
                        (["XI", "V"], "en"), (["1900", "-luvulla"], "fi")):
        each = Counter()
        for text in texts:
            each += _values(numbers.scan(text, lang))
        assert _values(numbers.scan(numbers.SEPARATOR.join(texts), lang)) == each


def test_a_paragraph_is_surely_its_own_when_each_of_its_sentences_is():
    # untranslated-text asks once per paragraph, with one split of its sentences' words
    import random

    from transcheck.rules.untranslated_text import _Judge

    words = ["en", "var", "og", "on", "to", "the", "się", "że", "на", "ja", "että", "och", "att", "i", "på",
             "det", "En", "Och", "word", "ręce", "x", "ę", "и", "2", "²", "\0"]
    marks = [" ", " ", " ", " ", "«", "»", "–", "’", "'", "-", "\n", ",", "\u00a0", ""]
    rng = random.Random(7)
    seen = set()
    for lang, others in [("sv", ("en", "fi", "is", "pl", "ru")), ("fi", ("en", "is", "sv")), ("is", ("en", "sv")),
                         ("ru", ("en", "pl")), ("xx", ("en", "yy"))]:
        judge = _Judge(lang, others)
        for _ in range(2000):
            sentences = ["".join(rng.choice(words) + rng.choice(marks) for _ in range(rng.randint(0, 8)))
                         for _ in range(rng.randint(0, 4))]
            expected = all(judge.surely_own(sentence) for sentence in sentences)
            assert judge.all_surely_own(sentences) == expected, (lang, sentences)
            seen.add(expected)
    assert seen == {True, False}


_CUE_PIECES = [b"en", b"var", b"se", b"ne", b"on", b"och", b"word", b"x"]


def _joined_texts_and_cues(seed: int):
    """3,000 random cases of ``_twice_each``'s input: (texts, their words joined by the
    separator, how many texts, cue sets), from ``_CUE_PIECES``."""
    import random

    from transcheck.rules.untranslated_text import _SEPARATOR

    rng = random.Random(seed)
    for _ in range(3000):
        count = rng.randint(1, 5)
        texts = [[rng.choice(_CUE_PIECES) for _ in range(rng.randint(0, 6))] for _ in range(count)]
        words = [w for text in texts for w in text + [_SEPARATOR.encode()]][:-1]
        cues = [frozenset(rng.sample(_CUE_PIECES, rng.randint(1, 3))) for _ in range(rng.randint(1, 3))]
        yield texts, words, count, cues, rng


def test_the_texts_where_cues_occur_twice_are_those_their_word_lists_give():
    # untranslated-text places the cues' occurrences by the separators' indexes instead of
    # counting them in each text's words
    from transcheck.rules.untranslated_text import _parts, _twice_each

    for texts, words, count, cues, _ in _joined_texts_and_cues(9):
        expected = [any(sum(map(part.count, cue)) >= 2 for cue in cues) for part in _parts(words, count)]
        assert _twice_each(words, count, cues) == expected, (texts, cues)


def test_sentence_ends_are_those_the_lookbehind_regex_finds():
    # untranslated-text's sentence-end regex starts with the final mark instead of a lookbehind
    import itertools
    import re

    from transcheck.rules.untranslated_text import _SENTENCE_END

    lookbehind = re.compile(r"(?<=[.!?…])[\"'”»)]*\s+")
    for size in range(7):
        for chars in itertools.product("a.?…\"» \n", repeat=size):
            text = "".join(chars)
            assert ([m.span(1) for m in _SENTENCE_END.finditer(text)]
                    == [m.span() for m in lookbehind.finditer(text)]), text


def test_the_cues_that_occur_twice_are_those_their_counts_give():
    # two different words of a set occur twice without counting them
    import random

    from transcheck.rules.untranslated_text import _twice

    pieces = [b"en", b"var", b"se", b"ne", b"on", b"och", b"word", b"x"]
    rng = random.Random(10)
    for _ in range(3000):
        words = [rng.choice(pieces) for _ in range(rng.randint(0, 8))]
        cues = [frozenset(rng.sample(pieces, rng.randint(1, 3))) for _ in range(rng.randint(1, 4))]
        union = frozenset().union(*cues)
        found = union.intersection(words)
        expected = [cue & found for cue in cues if sum(map(words.count, cue & found)) >= 2] if found else []
        assert _twice(words, cues, union) == expected, (words, cues)


_DIGIT_TEXT = st.text(alphabet="0123456789٣５߁ .,\u00a0\u202f\naX-", max_size=16)


@settings(max_examples=3000, deadline=None)
@given(_DIGIT_TEXT)
def test_the_aligner_numbers_hold_every_digit_of_the_text(text):
    # number-mismatch scans for ASCII digits only where the aligner's numbers are ASCII
    import re

    from transcheck.align import _NOT_DIGITS, _NUMBER

    found = {m if m.isdecimal() else m.translate(_NOT_DIGITS) for m in set(_NUMBER.findall(text))}
    assert set(re.findall(r"\d", text)) <= set("".join(found))


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet="0123456789 .,\u00a0\u202f\naX-", max_size=16))
def test_the_ascii_run_regex_finds_what_the_digit_one_does_among_ascii_digits(text):
    assert ([m.span() for m in numbers._ASCII_RUN.finditer(text)]
            == [m.span() for m in numbers._RUN.finditer(text)])
    for lang in ("en", "fi"):
        assert numbers.scan(text, lang, True) == numbers.scan(text, lang)


def test_a_section_with_digits_beyond_ascii_is_summarised_as_its_occurrences(tmp_path):
    from transcheck.align import align
    from transcheck.engine import run
    from transcheck.rules import number_mismatch

    bodies = {"en": "## Year\n\nIn 2018 and ٢٠١٩ it grew by 15 %.\n",
              "fi": "## Vuosi\n\nVuonna ٢٠١٨ ja 2019 se kasvoi ١٥ %.\n",
              "sv": "## År\n\nÅr 2018 och 2019 växte den med 15 %.\n"}
    for lang, body in bodies.items():
        (tmp_path / "case").mkdir(exist_ok=True)
        (tmp_path / "case" / f"{lang}.md").write_text(f"---\ntitle: Case {lang}\n---\n\n{body}", encoding="utf-8")
    cells = [cell for article in run([str(tmp_path)], rules=()).articles
             for row in align(article).rows for cell in row.cells if cell is not None]
    assert any(not "".join(cell.numbers).isascii() for cell in cells)
    for cell in cells:
        summary = number_mismatch._summary(cell)
        assert summary == sorted(o[4] for o in number_mismatch._occurrences(cell)), cell.lang
        if cell.section.heading is not None:
            assert summary == ["15", "2018", "2019"], cell.lang


@settings(max_examples=3000, deadline=None)
@given(st.one_of(_NUMBER_TEXT, _PIECES), st.sampled_from(["en", "fi", "sv", "pl"]), st.booleans())
def test_values_are_those_scan_places(text, lang, ascii_digits):
    # number-mismatch's summaries read values without their places
    assert sorted(numbers.values(text, lang, ascii_digits)) == sorted(_values(numbers.scan(text, lang, ascii_digits)).elements())


def test_a_paragraph_the_screen_lets_through_has_every_sentence_plainly_its_own():
    # untranslated-text skips a paragraph where no other language has two function words,
    # one of them not the version's own too (sv and is share en and var, fi and en on):
    # every sentence of it must be plainly its own by its prose words, as the sentence
    # check would find; and the screen must keep some paragraphs the shared words alone
    # would not (else the test proves nothing about them)
    import random

    from transcheck.model import MASK
    from transcheck.rules.untranslated_text import _Judge, _plainly_own, _prose_words, _sentences

    words = ["en", "var", "on", "to", "de", "i", "og", "um", "the", "och", "att", "ja", "että", "się", "że",
             "на", "и", "En", "Var", "word", "x", "ę", "2"]
    marks = [" ", " ", " ", " ", ". ", "! ", ", ", "«", "»", "’", "'", "-", "\n", "\u00a0", MASK, ""]
    rng = random.Random(11)
    let_through = shared_only = 0
    for lang, others in [("sv", ("en", "fi", "is", "pl", "ru")), ("is", ("en", "sv")), ("fi", ("en", "sv")),
                         ("pl", ("en", "ru")), ("en", ("fi", "pl", "sv"))]:
        judge = _Judge(lang, others)
        for _ in range(3000):
            text = "".join(rng.choice(words) + rng.choice(marks) for _ in range(rng.randint(0, 14)))
            screened = judge.may_be_foreign_each([text])[0]
            assert screened or not judge.may_be_foreign(text), (lang, text)
            if judge.may_be_foreign(text):
                continue
            let_through += 1
            plain = text.replace(MASK, " ")
            for a, b in _sentences(plain):
                assert _plainly_own(_prose_words(plain[a:b]), judge._own, judge._other), (lang, text, plain[a:b])
            shared_only += any(sum(map(_prose_words(plain).count, other & judge._own)) >= 2
                               for other in judge._other)
    assert let_through > 5000 and shared_only > 100


def test_the_texts_where_foreign_cues_occur_twice_are_those_their_word_lists_give():
    # _twice_each with the version's own words: a set's words twice, one not the version's own
    from transcheck.rules.untranslated_text import _parts, _twice_each

    for texts, words, count, cues, rng in _joined_texts_and_cues(12):
        own = frozenset(rng.sample(_CUE_PIECES, rng.randint(0, 4)))
        expected = [any(sum(map(part.count, cue)) >= 2 and any(map(part.count, cue - own)) for cue in cues)
                    for part in _parts(words, count)]
        assert _twice_each(words, count, cues, own) == expected, (texts, cues, own)


def test_the_lone_copy_is_the_string_same_as_reports():
    # untranslated-text compares each heading or title with the origin's once and asks
    # _same_as only of a row's one copy
    import random

    from transcheck.rules.untranslated_text import _lone_copy, _same_as

    strings = ["The Bottom Line", "Bottom Line", "bottom line", "Line Bottom", "Yhteenveto", "Sammanfattning",
               "FAQ", "SMO", "The", "Line", "Bottom Line!", "", "Podsumowanie", "The Line"]
    rng = random.Random(13)
    reported = 0
    for _ in range(20000):
        langs = rng.sample(["en", "fi", "sv", "pl", "is", "ru"], rng.randint(1, 6))
        texts = {lang: rng.choice(strings) for lang in langs}
        expected = [lang for lang in texts if _same_as(texts, lang, "en")]
        assert _lone_copy(texts, "en") == expected, texts
        reported += bool(expected)
    assert reported > 1000
