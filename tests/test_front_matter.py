"""Front matter: found by line, loaded as YAML, blanked for the parser, errors located."""

from __future__ import annotations

from transcheck import front_matter as fm
from transcheck.source import SourceText

from .conftest import version_of


def test_loads_keys_and_lines():
    source = SourceText("---\ntitle: Hei\nlang: fi\ndescription: x\n---\n\n# Hei\n")
    matter = fm.load(source)
    assert matter.data == {"title": "Hei", "lang": "fi", "description": "x"}
    assert (matter.first_line, matter.last_line) == (0, 4)
    assert matter.line_of("lang") == 2


def test_no_front_matter_is_fine():
    version = version_of("# Title\n\nText.\n")
    assert version.front_matter is None and version.front_matter_error is None
    assert version.sections[0].title == "Title"


def test_invalid_yaml_reports_its_line():
    source = SourceText("---\ntitle: ok\ndescription: a: b: c\n---\n\nText\n")
    err = fm.load(source)
    assert isinstance(err, fm.FrontMatterError)
    assert err.line == 2  # 0-based: third line of the file
    assert "YAML" in err.message


def test_front_matter_that_is_not_a_mapping():
    err = fm.load(SourceText("---\n- a\n- b\n---\n\nText\n"))
    assert isinstance(err, fm.FrontMatterError) and "not a mapping" in err.message


def test_unclosed_front_matter_is_an_error_and_text_is_still_parsed():
    version = version_of("---\ntitle: x\n\n## Heading\n")
    assert version.front_matter_error is not None
    assert [s.title for s in version.sections] == ["", "Heading"]  # `---` reads as a rule


def test_blanked_lines_keep_the_line_count():
    source = SourceText("---\na: 1\n---\nbody\n")
    lines = fm.blanked_lines(source, (0, 2))
    assert lines == ["", "", "", "body", ""]


def test_dots_close_front_matter_too():
    matter = fm.load(SourceText("---\ntitle: x\n...\nbody\n"))
    assert matter.data == {"title": "x"} and matter.last_line == 2


# -- hostile front matter (issue #9): an error at its line, found quickly, never a crash ----------
import time  # noqa: E402

import pytest  # noqa: E402


def _error(text: str) -> fm.FrontMatterError:
    start = time.perf_counter()
    err = fm.load(SourceText(text))
    assert time.perf_counter() - start < 2
    assert isinstance(err, fm.FrontMatterError), err
    return err


def test_duplicate_keys_are_an_error_at_the_second_key():
    err = _error("---\ntitle: Yksi\nlang: fi\ntitle: Kaksi\n---\n\nText\n")
    assert (err.line, err.column) == (3, 0) and "duplicate key 'title'" in err.message
    nested = _error("---\nmeta:\n  a: 1\n  b: 2\n  a: 3\n---\n")
    assert (nested.line, nested.column) == (4, 2) and "duplicate key 'a'" in nested.message


def test_merge_keys_and_equal_values_under_different_keys_are_not_duplicates():
    matter = fm.load(SourceText("---\nbase: &b {x: 1, y: 2}\nitem:\n  <<: *b\n  x: 3\n---\n"))
    assert matter.data["item"] == {"x": 3, "y": 2}


@pytest.mark.parametrize("value, line, what", [
    ("date: 2021-13-45", 2, "month must be in 1..12"),         # a typo PyYAML reads as a date
    ("n: " + "9" * 5000, 1, "4300 digits"),                     # Python's int() refuses it
])
def test_a_value_pyyaml_cannot_build_is_an_error_at_its_line(value, line, what):
    err = _error(f"---\ntitle: T\n{value}\n---\n".replace("title: T\n", "title: T\n" if line == 2 else ""))
    assert err.line == line and "cannot read the value" in err.message and what in err.message
