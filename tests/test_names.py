"""names.entity_words: the keys entity-missing compares, read from a section's joined text."""

from __future__ import annotations

from transcheck.names import entity_words


def test_the_joined_text_gives_the_keys_of_the_texts_read_one_by_one():
    # "Plan B." ending one inline and "Michael" opening the next make an initial only when
    # the two are joined with a space: the section holds no initial.
    texts = ["Plan B.", "Michael Spence, A. Michael Spence and NASA"]
    joined = " ".join(texts)
    assert entity_words(lambda: texts, joined=joined) == entity_words(lambda: texts)
    words, marks = entity_words(lambda: texts, joined=joined)
    assert ("initial", "a.") in marks and ("initial", "b.") not in marks
    assert ("acronym", "nasa") in marks and "Spence" in words


def test_a_joined_text_without_an_initial_never_reads_the_texts_again():
    def texts():
        raise AssertionError("read the texts again")

    words, marks = entity_words(texts, ["`x`"], joined="Google and Nobel. NASA")
    assert words == {"Google", "Nobel", "NASA"} and marks == {("acronym", "nasa"), ("code", "`x")}
