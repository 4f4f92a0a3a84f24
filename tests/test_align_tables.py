"""The aligner's one scan of a section's text (``align._runs_and_chunks``) keeps what each of
its distinct matches gives in tables (``align._learn``): a match is one string, a run of digits
alone, a run and the chunk right after it (``3Dee``), ``_`` and a chunk (``_Zed``), or a chunk.
These tests hold the answers read from the tables to the scans they replace (runs as
``numbers.runs`` finds them, names and words as ``_NAME`` and ``names.CAPITALISED`` do) when
the tables are full, when they start anew at every section and when they start anew in the
middle of a corpus, and check that each kind of match is met.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from transcheck import align as aligner
from transcheck import numbers
from transcheck.engine import run
from transcheck.names import CAPITALISED

from .conftest import CORPUS, version_of

_DIGIT_RUN = re.compile(r"\d(?:\d|[ .,\u00a0\u202f](?=\d))*")  # numbers' run pattern as it was written first

# what decides the kind of a match and where it ends: digits (ASCII, another script's, astral),
# separators, capitals (ASCII, Latin-1, Cyrillic), small letters, `_`, `&`, a space and the mask
_TEXT = st.text(alphabet="019٣𝟘 .,\u00a0ABÉБabü_&-\ue000", max_size=18)
_PIECES = st.lists(st.sampled_from(["3D", "12Foo", "1 000Bar", "_Zed", "x_Zed", "__Ab", "9_Foo", "B2B", "MP3",
                                    "2019", "Ab&Cd", "AT&T", "Google", "NASA", "Шварц", "x", " ", "&", "_", "1.5"]),
                   max_size=6).map("".join)


def _scanned(text: str) -> tuple[list[str], set[str], set[str]]:
    """The runs, the stems of the names and the words of a text, each from its own scan."""
    return (_DIGIT_RUN.findall(text), set(map(aligner._stem, set(aligner._NAME.findall(text)))),
            set(CAPITALISED.findall(text)))


def _kind(match: str) -> str:
    if match[0] == "_":
        return "_ and a chunk"
    if aligner._FIRST <= match[0] < aligner._BEYOND:
        return "a chunk"
    return "a run alone" if numbers.runs(match) == [match] else "a run and a chunk"


@settings(max_examples=3000, deadline=None)
@given(st.one_of(_TEXT, _PIECES, st.lists(st.one_of(_TEXT, _PIECES), max_size=3).map(" ".join)))
def test_the_tables_answer_as_the_scans(text):
    for match in set(aligner._RUN_OR_CHUNK.findall(text)):
        event(_kind(match))
    assert aligner._runs_and_chunks(text) == _scanned(text)  # the tables as the examples filled them
    aligner._forget()
    assert aligner._runs_and_chunks(text) == _scanned(text)  # every match learnt now


def test_every_kind_of_match_is_read(monkeypatch):
    monkeypatch.setattr(aligner, "KNOWN_MATCHES", 0)  # the tables start anew at every new match
    text = "3D and 12Foo, 1 000Bar: _Zed, x_Zed, 9_Foo, B2B, MP3 in 2019; Ab&Cd AT&T Google NASA"
    assert sorted(map(_kind, set(aligner._RUN_OR_CHUNK.findall(text)))) == sorted(
        ["a run and a chunk"] * 3 + ["_ and a chunk"] * 2 + ["a run alone"] * 2 + ["a chunk"] * 6)
    for _ in range(2):  # learnt, then known
        assert aligner._runs_and_chunks(text) == _scanned(text)
    assert aligner._MANY  # Ab&Cd: two words in one chunk


def test_tables_that_start_anew_in_a_corpus_answer_as_the_scans(monkeypatch):
    articles = run([str(CORPUS)], rules=()).articles
    texts = [cell.text for article in articles for version in article.versions for cell in aligner._cells(version)]
    assert texts
    monkeypatch.setattr(aligner, "KNOWN_MATCHES", 50)
    aligner._forget()
    for text in texts:
        assert aligner._runs_and_chunks(text) == _scanned(text)
        assert len(aligner._STEM) <= 50 + len(text)  # at most the bound and one section's


@pytest.fixture(autouse=True)
def _fresh_tables():
    """Each test starts from empty tables and leaves them empty for the others."""
    aligner._forget()
    yield
    aligner._forget()


def test_a_sections_inlines_are_its_walked_ones():
    """``_cells`` takes a section's inlines from the version's (``Version.inlines()``), counted
    by its walk; they are the section's blocks' inlines, walked, and a version whose inlines
    are not its sections' is walked instead."""
    table = version_of("Intro A.\n\n## One\n\n| a | b |\n|---|---|\n| c | d |\n\n- x\n  - y\n\n  z\n\n"
                       "> q\n\n##Two\n\ntext\n", "en", "t/en.md")
    versions = [table] + [v for article in run([str(CORPUS)], rules=()).articles for v in article.versions]
    for version in versions:
        cells = aligner._cells(version)
        for cell in cells:
            assert cell.inlines == aligner._inlines(cell.section)
        # the version's own pairs (not walked anew)
        assert [pair for cell in cells for pair in cell.inlines] == list(version.inlines())
        assert all(a is b for a, b in zip([pair for cell in cells for pair in cell.inlines], version.inlines()))
        if version.inlines():
            walked = aligner._cells(version._replace(all_inlines=version.all_inlines[1:]))
            assert [c._replace(version=None) for c in walked] == [c._replace(version=None) for c in cells]
    assert len(aligner._cells(table)) == 3 and len(table.blocks[2].inlines) == 4  # preamble, One, Two; a table
