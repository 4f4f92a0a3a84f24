"""heading-lowercase: a heading or title that starts with a small letter where other versions capitalise.

What it does
    Reads the first letter of each aligned section's heading, and of the ``title`` front
    matter value, and reports one that is lowercase where another version of the article
    starts the same heading (or its title) with a capital letter. All the languages
    checked capitalise the first word of a heading, as of a sentence; translation
    sometimes lowercases a title (``# vauvalaina`` for ``# Baby Bond``).

    Not reported: a first word written with a capital inside it (``iPhone``, ``eBay``,
    ``pH``), which is a name written that way; a heading that starts with a code span, a
    digit or a symbol; a heading whose counterparts all start with small letters too (the
    article's own style).

Why it matters
    The heading or the page title reads as a fragment (``## esimerkki``), in this
    language only: the other versions show it capitalised. It is cosmetic, so it is
    reported as info: it does not fail a run (``--fail-on warning``, the default), and
    ``transcheck fix`` capitalises the headings.

Example
    ``# vauvalaina`` where en has ``# Baby Bond`` and ru ``# Бэби Бонд``.

Correct
    ``# Vauvalaina``

Fix
    Safe autofix of a heading: its first letter is replaced by its capital (nothing else
    changes; no fix where the capital is more than one letter, ``ß``). The ``title`` is
    capitalised by hand: ``transcheck fix`` never edits front matter.
"""

from __future__ import annotations

import re
from typing import Iterator, NamedTuple

from ..findings import Edit, Fix, Hit, Severity
from ..model import Version
from ._locate import front_matter_value
from .base import ArticleContext, Rule

# what may come before a heading's first letter: spaces, emphasis, a link's bracket, quotes
_OPENERS = re.compile(r"[\s*_\[\"'“”„«»‘’‚(]*")
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")  # a word of letters (a digit, code, a symbol: none)


class _Start(NamedTuple):
    """Where a heading or title starts: the file offset of its first letter, its first word."""

    offset: int
    word: str


CAPITAL = _Start(-1, "A")  # a start with a capital letter (where it is does not matter): most of them


def _first_word(text: str) -> tuple[int, str] | None:
    """(index, word) of ``text``'s first word, when only openers come before it."""
    m = _WORD.match(text, _OPENERS.match(text).end())
    return (m.start(), m.group()) if m else None


def _heading_start(section) -> _Start | None:
    heading = section.heading
    if heading is None or not section.well_formed or not heading.inlines:
        return None
    inline = heading.inlines[0]
    if inline.content[:1].isupper():
        return CAPITAL
    found = _first_word(inline.content)
    if found is None:
        return None
    k, word = found
    return _Start(inline.offset(k), word)


def _title_start(version: Version) -> _Start | None:
    fm = version.front_matter
    value = fm.data.get("title") if fm and isinstance(fm.data, dict) else None
    if not isinstance(value, str) or version.front_matter_error:
        return None
    if value[:1].isupper():
        return CAPITAL
    start, end = front_matter_value(version, "title")
    found = _first_word(version.source.text[start:end])
    if found is None:
        return None
    k, word = found
    if word[0] != value.lstrip(" \"'")[:1]:
        return None  # the raw line is not the value as written (a block scalar, an escape)
    return _Start(start + k, word)


def _capitalised(start: _Start | None) -> bool:
    return start is not None and start.word[0].isupper()


def _lowercase(start: _Start | None) -> bool:
    """A first word in small letters only (``iPhone``, ``pH``: written so on purpose)."""
    return start is not None and start.word[0].islower() and not any(ch.isupper() for ch in start.word)


def _hits(starts: list[tuple[Version, _Start | None]], what: str, fixable: bool) -> Iterator[tuple]:
    """The findings among ``starts`` (each version's start of one heading or title)."""
    if all(start is None or start is CAPITAL for _, start in starts):
        return  # (most headings)
    capitals = [version.lang for version, start in starts if _capitalised(start)]
    if not capitals:
        return
    for version, start in starts:
        if not _lowercase(start):
            continue
        upper = start.word[0].upper()
        fix = Fix.safe(Edit(start.offset, start.offset + 1, upper)) if fixable and len(upper) == 1 else None
        yield version, Hit(start.offset, start.offset + len(start.word),
                           f"{what} starts with a small letter (`{start.word}`); "
                           f"{', '.join(capitals)} start{'s' if len(capitals) == 1 else ''} it "
                           f"with a capital: write `{upper}{start.word[1:]}`", fix=fix)


def _starts_small(version: Version) -> bool:
    """Does a heading or the title of ``version`` start with a small letter? (Most versions'
    do not: the article is then left at once, without its rows.)"""
    return _lowercase(_title_start(version)) or any(
        _lowercase(_heading_start(section)) for section in version.sections if section.heading is not None)


def check(ctx: ArticleContext) -> Iterator[tuple]:
    versions = ctx.article.versions
    if len(versions) < 2 or not any(_starts_small(version) for version in versions):
        return
    yield from _hits([(version, _title_start(version)) for version in versions], "the `title`", False)
    for row in ctx.alignment.rows:
        cells = [cell for cell in row.cells if cell is not None and cell.section.heading is not None]
        if len(cells) >= 2:
            yield from _hits([(cell.version, _heading_start(cell.section)) for cell in cells], "the heading", True)


RULE = Rule("TC513", "heading-lowercase", Severity.INFO,
            "A heading or title that starts with a small letter where other versions capitalise it.",
            check, __doc__, scope="article", fixable=True)
