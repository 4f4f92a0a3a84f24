"""Exact positions: every finding points at the line and column of the original file."""

from __future__ import annotations

import itertools

import pytest

from transcheck.document import build_version
from transcheck.engine import _positions, check_version
from transcheck.rules import VERSION_RULES
from transcheck.source import SourceText

from .conftest import SEED_DIR, version_of


def _seed(lang: str) -> bytes:
    return (SEED_DIR / f"{lang}.md").read_bytes()


def _findings(data: bytes, lang: str):
    version = build_version(SourceText.from_bytes(data, f"{lang}.md"), lang)
    return check_version(version, "seed", VERSION_RULES)


def _raw_line(data: bytes, line: int) -> str:
    text = data.decode("utf-8-sig").replace("\r\n", "\n")
    return text.split("\n")[line - 1]


def test_column_of_heading_marks_in_sv_seed():
    data = _seed("sv")
    found = [f for f in _findings(data, "sv") if f.rule == "heading-missing-space"]
    assert [(f.line, f.column) for f in found] == [(30, 1)]
    assert _raw_line(data, 30)[found[0].column - 1 :].startswith("##Höjdpunkter")


@pytest.mark.parametrize("lang", ["fi", "sv", "pl", "is", "ru"])
def test_column_of_comma_period_in_every_seed(lang):
    data = _seed(lang)
    found = [f for f in _findings(data, lang) if f.rule == "stray-punctuation" and f.line == 24]
    assert len(found) == 1
    line = _raw_line(data, 24)
    assert line[found[0].column - 1 : found[0].column + 1] == ",."
    assert line[: found[0].column - 1].endswith("(/viral-marketing)")


@pytest.mark.parametrize("lang", ["fi", "sv", "pl", "is", "ru"])
def test_link_positions_point_at_the_bracket(lang):
    data = _seed(lang)
    version = build_version(SourceText.from_bytes(data, "x.md"), lang)
    links = list(version.links())
    assert len(links) >= 5
    for link in links:
        pos = version.source.position(link.start)
        line = _raw_line(data, pos.line)
        assert line[pos.column - 1] == "["
        assert line[pos.column :].startswith(link.text)
        end = version.source.position(link.end)
        assert _raw_line(data, end.line)[end.column - 2] == ")"


def _as_crlf(data: bytes) -> bytes:
    return data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


@pytest.mark.parametrize("transform", [
    pytest.param(lambda d: d, id="as-is"),
    pytest.param(lambda d: b"\xef\xbb\xbf" + d, id="bom"),
    pytest.param(_as_crlf, id="crlf"),
    pytest.param(lambda d: b"\xef\xbb\xbf" + _as_crlf(d), id="bom+crlf"),
    pytest.param(lambda d: d.replace(b"\n", b"\r"), id="cr-only"),
])
@pytest.mark.parametrize("lang", ["sv", "ru"])
def test_same_positions_with_bom_and_line_endings(lang, transform):
    data = _seed(lang)
    expected = [(f.rule, f.line, f.column, f.end_line, f.end_column) for f in _findings(data, lang)]
    got = [(f.rule, f.line, f.column, f.end_line, f.end_column) for f in _findings(transform(data), lang)]
    assert expected and got == expected


@pytest.mark.parametrize("extra", [0, 1, 5, 40])
def test_front_matter_of_any_length_is_counted(extra):
    fm = "---\ntitle: T\n" + "".join(f"k{i}: v{i}\n" for i in range(extra)) + "---\n"
    version = version_of(fm + "\n##Höjdpunkter\n\n- a\n", "sv")
    heading_line = fm.count("\n") + 2
    found = check_version(version, "x", VERSION_RULES)
    assert [(f.rule, f.line, f.column) for f in found] == [("heading-missing-space", heading_line, 1)]
    assert version.front_matter.last_line == fm.count("\n") - 1


def test_crlf_inside_paragraph_maps_each_line():
    text = "---\r\ntitle: x\r\n---\r\n\r\nFirst line\r\nsecond [a](/x) [b](/x) here\r\n"
    version = version_of(text, "en")
    (link, _) = list(version.links())
    assert version.source.position(link.start) == (6, 8)


def test_unicode_line_separator_is_not_a_line_break():
    # U+2028 and form feed are text to markdown-it; the line index must agree.
    text = "Para with \u2028 separator and \x0c feed,. end\n\n##Höjdpunkter\n"
    source = SourceText(text)
    assert source.line_count == 4
    version = version_of(text, "sv")
    rules = {f.rule: (f.line, f.column) for f in check_version(version, "x", VERSION_RULES)}
    assert rules["heading-missing-space"] == (3, 1)
    assert rules["stray-punctuation"] == (1, text.index(",.") + 1)


def test_links_in_blockquotes_and_list_items():
    text = "> quote with [a](/x) [b](/x)\n\n- item\n\n  text [c](/y) [d](/y)\n"
    version = version_of(text, "en")
    starts = [version.source.position(link.start) for link in version.links()]
    assert starts == [(1, 14), (1, 22), (5, 8), (5, 16)]


def test_tab_after_list_marker_keeps_columns():
    text = "-\tsee [a](/x) [b](/x)\n"
    version = version_of(text, "en")
    starts = [version.source.position(link.start) for link in version.links()]
    assert starts == [(1, 7), (1, 15)]  # `-`, tab, `see `


def test_a_findings_positions_are_the_source_texts():
    """engine._positions (a finding's span and edits, placed without a bisection when on the
    line of the offset before) against SourceText.position: every text of up to 5 characters
    from `a`, `\\n`, `\\r`, and every pair and triple of offsets, out of range ones included."""
    for n in range(6):
        for chars in itertools.product("a\n\r", repeat=n):
            source = SourceText("".join(chars))
            offsets = range(-1, n + 2)
            for k in (1, 2, 3):
                for place in itertools.product(offsets, repeat=k):
                    expected = [x for offset in place for x in source.position(offset)]
                    assert _positions(source, place) == expected, (source.text, place)
