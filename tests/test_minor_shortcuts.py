"""Shortcuts of the smaller prose rules, held to the code they replace.

Each test compares a shortcut with the longer path it stands in for, exhaustively over
short texts made of the characters that matter, and on the inlines of the shipped corpus.
"""

from __future__ import annotations

import itertools
import random
import types

from transcheck.consensus import reference
from transcheck.languages import conventions
from transcheck.model import MASK, Inline
from transcheck.rules import _memo, _prose, frontmatter_mismatch, length_outlier, link_text_trivial, stray_punctuation, unbalanced_brackets
from transcheck.rules._median import median_sorted

from .conftest import CORPUS
from .test_rule_shortcuts import _inline_texts, _Prose


def _words(alphabet, longest):
    return ["".join(chars) for n in range(longest + 1) for chars in itertools.product(alphabet, repeat=n)]


def test_one_period_scan_finds_what_the_two_did():
    # stray-punctuation's _PERIOD (one scan, split by its group) against the candidates of
    # _PERIOD_THEN and _PERIOD_SPACES searched one after the other, on every pair of inline
    # texts of up to 4 characters (`.. b`: the first must not hide the second)
    words = _words([".", ",", ";", " ", "a", "B", "\n"], 4)
    short = [w for w in words if len(w) <= 2]
    checked = 0
    for texts in itertools.chain(([w] for w in words), itertools.product(short, words)):
        version = _Prose(list(texts))
        _memo.forget()
        assert (_prose.split_candidates(version, stray_punctuation._PERIOD)
                == (_prose.candidates(version, stray_punctuation._PERIOD_THEN),
                    _prose.candidates(version, stray_punctuation._PERIOD_SPACES))), texts
        checked += 1
    assert checked > 100_000
    assert _prose.split_candidates(_Prose(["a.. b", "x.,", "y. z"]), stray_punctuation._PERIOD) == ({0, 1}, {0, 2})


def test_nested_brackets_are_what_check_finds_nothing_in():
    # unbalanced-brackets skips the texts whose marks are nested pairs (_nested): in every text of
    # up to 4 characters from all the marks, a letter and a space (for enumerators: `a)`), and
    # up to 6 from a smaller set, _check finds nothing where _nested holds
    marks = list(unbalanced_brackets._MARK_CHARS)
    texts = _words(marks + ["a", " "], 4)
    # and 100,000 longer ones: nested pairs of every kind (`“”` too), some with a mark changed
    rng = random.Random(8)
    pairs = ["()", "[]", "{}", '""', "\u00ab\u00bb", "\u201e\u201d", "\u201e\u201c", "\u201c\u201d", "\u00bb\u00ab"]
    for _ in range(100_000):
        text = ""
        for _ in range(rng.randint(1, 4)):
            pair = rng.choice(pairs)
            cut = rng.randint(0, len(text))
            end = rng.randint(cut, len(text))
            text = text[:cut] + pair[0] + text[cut:end] + pair[1] + text[end:]
        if rng.random() < 0.3:
            at = rng.randrange(len(text))
            text = text[:at] + rng.choice(marks + ["a) ", " "]) + text[at + 1 :]
        texts.append(text)
    nested = 0
    for text in texts + ["(a [b] c) {d}", "[x](y) (z)", "a) (b) c)", '(1) ((a)) [[]] "x" «y»']:
        if unbalanced_brackets._nested(text):
            nested += 1
            assert list(unbalanced_brackets._check(_inline(text))) == [], text
    assert nested > 5_000
    assert not unbalanced_brackets._nested("(a) b)") and not unbalanced_brackets._nested("»a«")
    assert not unbalanced_brackets._nested("([)]") and unbalanced_brackets._nested("x ( [ ] ) y")
    assert not unbalanced_brackets._nested("\u201e\u201c\u201d\u201d")  # `“”` is no pair of _nested


def test_nested_brackets_on_the_corpus():
    # every corpus inline _nested passes has no finding; most inlines with brackets pass
    for text in _inline_texts(CORPUS):
        if unbalanced_brackets._nested(text):
            assert list(unbalanced_brackets._check(_inline(text))) == [], text


def _inline(text):
    return Inline(text, text, 0, (0,), (0,), (), ())


def test_a_close_row_has_every_ratio_within_bounds():
    # length-outlier skips a row _close passes: every cell's ratio to the prediction from any of
    # the others (all of them, or one source) then lies within short..long, as check computes it
    rng = random.Random(8)
    close = 0
    for _ in range(20_000):
        n = rng.randint(3, 6)
        base = rng.choice([1, 50, 400, 3_000])
        spread = rng.choice([1.2, 1.5, 1.6, 1.65, 1.67, 1.7, 1.8, 1.9])  # near 1/SHORT and LONG too
        rest = rng.choice([0, 10, 2_000, 40_000])
        rows = []
        for _ in range(n):
            prose = max(1, round(base * rng.uniform(1, spread)))
            other = rest if rng.random() < 0.7 else rng.choice([0, 10, 2_000, 40_000])
            rows.append(types.SimpleNamespace(prose=prose, article_prose=prose + other))
        if not length_outlier._close(rows, length_outlier.SHORT, length_outlier.LONG):
            continue
        close += 1
        for cell in rows:
            others = [c for c in rows if c is not cell]
            for chosen in [others] + [[c] for c in others]:
                rest = cell.article_prose - cell.prose
                values = sorted(c.prose * (rest + length_outlier.SMOOTH)
                                / (c.article_prose - c.prose + length_outlier.SMOOTH) for c in chosen)
                ratio = cell.prose / median_sorted(values)
                assert length_outlier.SHORT <= ratio <= length_outlier.LONG, (rows, cell)
    assert close > 2_000
    zero = [types.SimpleNamespace(prose=p, article_prose=p + 100) for p in (0, 0, 0)]
    assert not length_outlier._close(zero, length_outlier.SHORT, length_outlier.LONG)


def test_trivial_reads_as_before():
    # link-text-trivial's first-character test before its any(): the reason for every text of up
    # to 3 characters from letters, digits, marks, spaces and MASK, with and without a # target
    alphabet = ["a", "A", "1", "٣", ".", "(", " ", "\u00a0", MASK, "ä"]
    words = conventions("en").function_words
    assert "a" in words
    for text in _words(alphabet, 3):
        for target in ("/x", "#x", ""):
            stripped = text.strip()
            expected = (None if MASK in stripped else "is empty" if not stripped
                        else f"is only punctuation (`{stripped}`)"
                        if not any(ch.isalnum() for ch in stripped) and not target.startswith("#")
                        else f"is only a number (`{stripped}`)" if stripped.isdigit() and not target.startswith("#")
                        else f"is only the function word `{stripped}`"
                        if stripped.lower() in words and not (len(stripped) > 1 and stripped.isupper()) else None)
            assert link_text_trivial.trivial(text, target, "en") == expected, (text, target)


def test_versions_that_all_differ_have_no_majority_reference():
    # frontmatter-mismatch skips a key whose versions (3 or more) all differ, without a source:
    # reference gives none of them a reference; with two versions, or one value shared, it may
    langs = ["en", "fi", "sv", "pl", "ru"]
    for n in range(1, 6):
        for values in itertools.product(range(n), repeat=n):
            mapping = dict(zip(langs, values))
            if frontmatter_mismatch._no_majority(mapping):
                assert all(reference(lang, mapping) is None for lang in mapping), mapping
    assert not frontmatter_mismatch._no_majority({"en": "a", "fi": "b"})
    assert reference("en", {"en": "a", "fi": "b"}) is not None
    assert reference("en", {"en": "a", "fi": "b", "sv": "b"}) is not None
