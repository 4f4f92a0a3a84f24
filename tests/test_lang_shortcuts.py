"""The cheap passes of number-mismatch, untranslated-text and language-mismatch give what
the passes they stand for would.

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


def _values(found) -> Counter:
    return Counter(value for _, _, value, _ in found)


@settings(max_examples=3000, deadline=None)
@given(st.lists(_NUMBER_TEXT, min_size=1, max_size=4), st.sampled_from(["en", "fi", "sv", "pl"]))
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
