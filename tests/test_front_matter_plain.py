"""``front_matter._plain`` reads front matter whose every line is ``key: value`` without
the YAML loader: whatever it reads must be what the loader reads, and it must read the
common case (else it is a shortcut never taken)."""

from __future__ import annotations

import os

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from transcheck import front_matter as fm

from .conftest import imported_by

_KEYS = st.sampled_from(["title", "description", "keywords", "lang", "translation_key", "a-b", "_x", "yes", "No",
                         "on", "y", "null", "Null", "true", "x1", "e", "t", "a" * 128, "a" * 129])
_VALUE_PARTS = st.sampled_from([
    "a", "Word", "ä", "ö", "日本", "\U0001F600", " ", "  ", ":", ": ", "#", " #", "-", "- ", "?", ",", "[", "]", "{", "}",
    "&", "*", "!", "|", ">", "'", '"', "%", "@", "`", "\t", "\u2028", "\u2029", "\x85", "\xa0", "\ufeff", "\x00",
    "\x7f", "\u3000", "1", "0", "12", "3.5", "1e3", ".", ".inf", "~", "=", "<<", "<", "2021-01-02", "2021-13-45",
    "0x1F", "0o7", "1_000", "12:30", "yes", "no", "true", "null", "http://x.example/a", "C#", "a:b", "\\", "\r",
])


def _loader(lines):
    return yaml.load("\n".join(lines), Loader=fm._yaml().Loader)


@settings(max_examples=int(os.environ.get("TRANSCHECK_PROPERTY_EXAMPLES") or 1000), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(_KEYS, st.lists(_VALUE_PARTS, min_size=1, max_size=5).map("".join)), min_size=1, max_size=4))
def test_plain_front_matter_reads_as_the_loader_reads_it(pairs):
    lines = [f"{key}: {value}" for key, value in pairs]
    data = fm._plain(lines)
    if data is not None:
        loaded = _loader(lines)
        assert data == loaded and list(data) == list(loaded)
        assert all(type(value) is str for value in loaded.values())


def test_plain_front_matter_is_read_without_the_loader():
    lines = ["keywords: Economy,Fiscal Policy,Tax Laws", "title: 183-Day Rule",
             "description: The 183-day rule is one criteria used to decide whether a non-resident is viewed "
             "as a resident for tax purposes.", "title_fi: 183 päivän sääntö, C# ja [x] {y} 'z' \"w\" 50%",
             "date_text: 2021-01-02 at 12:30", "url: https://x.example/a?b=c&d#e"]
    assert fm._plain(lines) == _loader(lines)
    assert fm._plain(["title: yes"]) is None and fm._plain(["title: 12"]) is None  # not strings
    assert fm._plain(["a: b", "a: c"]) is None  # a duplicate key: the loader reports it
    for broken in ("a: b:", "a: b: c", "a: b #c", "a: b ", "a: - b", "a: &b", "a: b\u2028c", "a:b", "a:  b"):
        assert fm._plain([broken]) is None, broken


def test_the_text_of_a_plain_value_is_what_yaml_reads_as_text():
    """A plain value holds printable characters only: no C0 or C1 control character, no
    U+2028/U+2029 line break, no surrogate, no byte-order mark, no noncharacter U+FFFE/FFFF
    (every code point, against the class written the other way round)."""
    import re

    from transcheck import front_matter

    allowed = re.compile("[\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
    ours = re.compile(f"[^{front_matter._NOT_TEXT}]")
    assert [c for c in range(0x110000) if bool(allowed.fullmatch(chr(c))) != bool(ours.fullmatch(chr(c)))] == []


def _resolved_typed(text: str) -> bool:
    """PyYAML's own answer: does a resolver of the loader read ``text`` as other than a string?"""
    resolvers = fm._yaml().resolvers
    return any(regexp.match(text) for _, regexp in resolvers.get(text[:1], []) + resolvers.get(None, []))


_TYPED_PARTS = st.sampled_from([
    "0", "1", "7", "9", "_", ":", ".", "+", "-", "e", "E", "x", "X", "o", "O", "b", "B", "a", "f", "F", "inf", "Inf",
    "INF", "nan", "NaN", "NAN", "t", "T", "Z", "z", " ", "\t", "2001-12-14", "21:59:43", "yes", "Yes", "YES", "no",
    "NO", "true", "True", "false", "FALSE", "on", "On", "OFF", "off", "null", "Null", "NULL", "~", "!", "&", "*",
    "<<", "=", "<", "y", "n", "ä", "Word", "1e3", "0x1F", "0o7", "0b101", "190:20:30", "1_000",
])


@settings(max_examples=int(os.environ.get("TRANSCHECK_PROPERTY_EXAMPLES") or 3000), deadline=None)
@given(st.lists(_TYPED_PARTS, min_size=1, max_size=6).map("".join))
def test_a_text_said_to_be_a_string_without_asking_the_resolvers_is_one(text):
    """``_may_be_typed`` is False only for texts no resolver reads as typed, so the
    resolvers (and PyYAML's import) are skipped only where they would say "a string"."""
    if _resolved_typed(text):
        assert fm._may_be_typed(text), text


def test_every_text_a_resolver_reads_as_typed_starts_as_may_be_typed_says():
    """What each resolver of the installed PyYAML matches, by its first character: the
    characters ``_may_be_typed`` lets through (a new resolver in PyYAML fails here)."""
    firsts = {key for key in fm._yaml().resolvers if key}
    words = set("yYnNtTfFoO~")  # the bool and null words' first letters
    assert firsts <= set(fm._NUMBER_LEADS) | words | set("!&*<=")
    for text in ("yes", "Off", "NULL", "~", "", "12", "-1.5", ".inf", ".NaN", "0x1F", "2001-12-14 21:59:43.10 -5",
                 "190:20:30", "<<", "=", "!", "&", "*", "TRUE", "n" * 0):
        assert _resolved_typed(text) and fm._may_be_typed(text), text
    for text in ("183 päivän sääntö", "title", "Tax Laws", "notes", "onion", "Economy,Fiscal Policy", "12 apples"):
        assert not fm._may_be_typed(text) or not _resolved_typed(text), text


def test_plain_front_matter_loads_without_importing_yaml(tmp_path):
    """A one-article run over front matter that is all text does not import PyYAML or
    python-frontmatter (10-20 ms of its start); front matter the loader must read does."""
    art = tmp_path / "a"
    art.mkdir()
    (art / "fi.md").write_text("---\ntitle: 183 päivän sääntö\nkeywords: Talous, Verot\n---\n\n# Otsikko\n\nTeksti.\n",
                               encoding="utf-8")
    (art / "sv.md").write_text("---\ntitle: 183-dagarsregeln\nkeywords: Ekonomi, Skatter\n---\n\n# Rubrik\n\nText.\n",
                               encoding="utf-8")
    assert imported_by(["check", "--no-cache", str(art)], ("yaml", "frontmatter")) == []
    (art / "sv.md").write_text("---\ntitle: 183-dagarsregeln\ndate: 2021-01-02\n---\n\n# Rubrik\n\nText.\n",
                               encoding="utf-8")
    assert imported_by(["check", "--no-cache", str(art)], ("yaml", "frontmatter")) == ["frontmatter", "yaml"]
