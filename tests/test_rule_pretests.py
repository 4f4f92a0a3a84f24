"""Whole-file pretests of the version rules give what the rules' walks would.

A rule that first asks whether the file holds anything its pattern needs (and returns
at once when it does not) must find nothing in such a file when it walks it anyway;
these tests run the walk with the pretest let through and compare.
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from transcheck.rules import heading_missing_space

from .conftest import CORPUS, version_of

# pieces of lines: marks, letters of both cases and scripts, digits, the block markers and
# indentation markdown-it takes off a paragraph's lines, a link anchor, an escape
_PIECES = ["#", "##", "###", "#######", "a", "H", "ö", "Ж", "1", "_", " ", "  ", "\t", "\u00a0", "> ", "- ",
           "* ", "1. ", "`", "\\", "[x](#y)", "&#35;", "\n", "\n\n", "|", "---"]


def _walked(text: str) -> list:
    """heading-missing-space's hits with its pretest let through."""
    kept = heading_missing_space._MARK_LETTER
    heading_missing_space._MARK_LETTER = re.compile("")
    try:
        return list(heading_missing_space.check(version_of(text)))
    finally:
        heading_missing_space._MARK_LETTER = kept


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_PIECES), max_size=14))
def test_a_file_without_a_mark_then_a_letter_has_no_would_be_heading(pieces):
    text = "".join(pieces)
    hits = list(heading_missing_space.check(version_of(text)))
    assert hits == _walked(text), text
    if not heading_missing_space._MARK_LETTER.search(text):
        assert hits == []


def test_the_pretest_lets_every_would_be_heading_through():
    # the near misses of the pattern: each is a would-be heading the walk finds
    for text in ("##höjd", "#Höjd", "> ##Ära\n", "- ###ära\n", "1. ##Ж\n", "  ##a\n", "x\n##b\n"):
        assert _walked(text), text
        assert list(heading_missing_space.check(version_of(text))) == _walked(text), text


def test_the_shipped_corpus_is_walked_alike():
    for path in sorted(CORPUS.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        assert list(heading_missing_space.check(version_of(text))) == _walked(text), path
