"""stray-punctuation: punctuation marks that do not belong where they are.

What it does
    Finds doubled or clashing marks (``),.``  ``,.``  ``.,``  ``;.``  ``,,``  and ``..``
    that is not an ellipsis), and a period inside a sentence: a period followed by a
    lowercase word (``osalta. ansaittu``) in languages that start sentences with a
    capital letter.

Why it matters
    These are segmentation artefacts of translation and conversion: a sentence is cut
    in two, or two marks stand where the original has one. Readers notice them at once.

Example
    ``[viral marknadsföring](/viral-marketing),. försöker``

Correct
    ``[viral marknadsföring](/viral-marketing), försöker``

Fix
    Safe autofix for doubled or clashing marks: one mark is kept, the period when the
    other mark is a comma, semicolon or colon (``),.`` -> ``),``, ``.,`` -> ``,``), else
    the first (``..`` -> ``.``, ``,,`` -> ``,``). A period inside a sentence has no
    autofix: either the period goes or the next word takes a capital, and only a reader
    can tell which. Not flagged: ellipses, abbreviations (``tzw.``, ``ns.``, ``e.g.``,
    ``t.ex.``), ordinals and dates (``183. päivä``, ``15. toukokuuta``, ``6.12.2018``),
    initials, decimals, URLs and code.
"""

from __future__ import annotations

import re
from typing import Iterator

from ..findings import Edit, Fix, Hit, Severity
from ..languages import Conventions, conventions
from ..model import MASK, Inline, Version
from ._prose import candidates, split_candidates
from .base import Rule

# Two marks side by side: a cheap test (one scan in C) that every _CLASH match passes.
_TWO_MARKS = re.compile(r"[,.;:][,.;]")
# The same test in parts that each start with one character, for a whole version at once
# (``_prose.candidates``): the regex engine skips ahead to a character ~4x faster than to a class.
_COMMA_THEN = re.compile(r",[,.;]")
_PERIOD_THEN = re.compile(r"\.[,.;]")
_RARE_THEN = ((";", re.compile(r";[,.;]")), (":", re.compile(r":[,.;]")))  # only where the mark is
# A period then a mark (``_PERIOD_THEN``), or then spaces (``_PERIOD_SPACES``: group 1), in one
# scan of the version (``_prose.split_candidates``); the first consumes only the period, so that
# neither hides a match of the other (where ``..`` is followed by spaces).
_PERIOD = re.compile(r"\.(?:(?=[,.;])|( +)(?=[^ A-ZÀ-ÞЁА-Я0-9]))")
_CLASH = re.compile(r"[,;:]\.(?!\.)|(?<![.])\.[,;]|,,|;;|;,|,;|(?<![.\d])\.\.(?![.\d])")
# A period and the spaces to the next word, unless that word starts with a capital or a digit
# (most do, and none of these is lowercase): the rest is tested with str.islower().
_PERIOD_SPACES = re.compile(r"\. +(?=[^ A-ZÀ-ÞЁА-Я0-9])")
_ROMAN = re.compile(r"[IVXLCDM]+$")
_OPENERS = "([{\"'„“”«»‘’" + MASK


def check(version: Version) -> Iterator[Hit]:
    conv = conventions(version.lang)
    # the inlines with two marks side by side, and those with a period then spaces (searched
    # in the whole version at once: ``_prose``); each is then read on its own text
    clashing = candidates(version, _COMMA_THEN, *_RARE_THEN)
    if conv.sentence_case:
        period_then, periods = split_candidates(version, _PERIOD)
        clashing |= period_then
    else:
        clashing |= candidates(version, _PERIOD_THEN)
        periods = set()
    inlines = version.inlines()
    for k in sorted(clashing | periods):
        inline = inlines[k][1]
        if k in clashing:
            yield from _clashes(inline, conv, version.source.text)
        if k in periods:
            yield from _midsentence(inline, conv)


def _clashes(inline: Inline, conv: Conventions, source: str) -> Iterator[Hit]:
    text = inline.masked
    for m in _clash_matches(text):
        marks = m.group()
        if marks in (".,", ".;") and _abbreviation(text, m.start(), conv):
            continue  # `U.S., Canada`, `Inc.; and`
        drop = m.start() if marks[0] == "." and marks[1] != "." else m.start() + 1  # the period goes
        keep = marks[1] if drop == m.start() else marks[0]
        at = inline.offset(drop)
        yield Hit(inline.offset(m.start()), inline.offset(m.end()),
                  f"stray punctuation `{_context(inline.content, m.start(), m.end() + 1)}`: "
                  f"`{marks}` where one mark belongs; keep `{keep}`",
                  fix=Fix.safe(Edit(at, at + 1, "")) if source[at : at + 1] == marks[drop - m.start()] else None)


def _clash_matches(text: str) -> Iterator[re.Match]:
    """The matches of ``_CLASH.finditer(text)``, trying ``_CLASH`` only where two marks stand
    side by side (every match starts there): ``_CLASH`` has no first character for the regex
    engine to skip ahead to, and would be tried at every position of the paragraph."""
    at = 0
    while pair := _TWO_MARKS.search(text, at):
        m = _CLASH.match(text, pair.start())
        if m:
            yield m
            at = m.end()
        else:
            at = pair.start() + 1


def _midsentence(inline: Inline, conv: Conventions) -> Iterator[Hit]:
    """A period, spaces, then a lowercase word: the sentence goes on after the period."""
    text = inline.masked
    for m in _PERIOD_SPACES.finditer(text):
        period, word = m.start(), m.end()
        if word < len(text) and text[word].islower():
            end = word
            while end < len(text) and text[end].isalnum():
                end += 1
            before = text[period - 1 : period]
            if (before not in (",", ";", ":") and not before.isspace()  # `,.` / ` .`: reported elsewhere
                    and not any(ch.isupper() for ch in text[word:end])  # `iPhone`, `eBay` start sentences
                    and not _abbreviation(text, period, conv)):
                yield Hit(inline.offset(period), inline.offset(period + 1),
                          f"period in mid-sentence: `{_context(inline.content, period, end)}`: the sentence "
                          f"continues with a lowercase word; remove the period, or start the new sentence with a "
                          f"capital")


def _word_before(text: str, at: int) -> str:
    start = at
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return text[start:at].lstrip(_OPENERS)


def _abbreviation(text: str, at: int, conv: Conventions) -> bool:
    """Is the period at ``at`` part of an abbreviation, ordinal, date, initial or ellipsis?"""
    word = _word_before(text, at).replace(MASK, "")
    if not word:
        return False
    if word.endswith("."):
        return True  # ellipsis or abbreviation with its own period
    core = word.rstrip(")]\"'”»’")
    if core != word:
        return False  # `(SMO). next`: a sentence ended after the bracket
    if any(ch.isdigit() for ch in word) and not any(ch.isalpha() for ch in word):
        return True  # ordinal, date, number: `183.`, `6.12.`
    if _ROMAN.match(word) or len(word) == 1:
        return True  # `XI.`, initials `A.`
    if "." in word:
        return True  # `t.ex`, `m.in`, `U.S`
    return (word.lower() + ".") in conv.abbreviations


def _context(text: str, start: int, end: int) -> str:
    """The words around ``text[start:end]`` as written, for the message."""
    a = max(0, start - 12)
    while a > 0 and not text[a - 1].isspace() and start - a < 30:
        a -= 1
    while end < len(text) and not text[end].isspace() and end - start < 30:
        end += 1
    return text[a:end].replace("\n", " ").strip()


RULE = Rule("TC301", "stray-punctuation", Severity.WARNING,
            "Doubled or clashing punctuation (`),.`), or a period inside a sentence.", check, __doc__,
            fixable=True)
