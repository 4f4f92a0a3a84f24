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
    Keep one mark. Not flagged: ellipses, abbreviations (``tzw.``, ``ns.``, ``e.g.``,
    ``t.ex.``), ordinals and dates (``183. päivä``, ``15. toukokuuta``, ``6.12.2018``),
    initials, decimals, URLs and code.
"""

from __future__ import annotations

import re
from typing import Iterator

from ..findings import Hit, Severity
from ..languages import Conventions, conventions
from ..model import MASK, Inline, Version
from .base import Rule

_PAIRS = (",.", ".,", ";.", ".;", ",,", ";;", ";,", ",;", ":.", "..")
_CLASH = re.compile(r"[,;:]\.(?!\.)|(?<![.])\.[,;]|,,|;;|;,|,;|(?<![.\d])\.\.(?![.\d])")
_MIDSENTENCE = re.compile(r"\.[ \t]+(?=[^\W\d_])")
_ROMAN = re.compile(r"[IVXLCDM]+$")
_OPENERS = "([{\"'„“”«»‘’" + MASK


def check(version: Version) -> Iterator[Hit]:
    conv = conventions(version.lang)
    for _, inline in version.inlines():
        text = inline.masked
        if not any(pair in text for pair in _PAIRS):
            if conv.sentence_case and ". " in text:
                yield from _midsentence(inline, conv)
            continue
        for m in _CLASH.finditer(text):
            marks = m.group()
            if marks in (".,", ".;") and _abbreviation(text, m.start(), conv):
                continue
            keep = "." if marks == ".." else marks[0]
            yield Hit(inline.offset(m.start()), inline.offset(m.end()),
                      f"stray punctuation `{_context(inline.content, m.start(), m.end() + 1)}`: "
                      f"`{marks}` where one mark belongs; keep `{keep}`")
        if conv.sentence_case and ". " in text:
            yield from _midsentence(inline, conv)


def _midsentence(inline: Inline, conv: Conventions) -> Iterator[Hit]:
    text = inline.masked
    at = text.find(". ")
    while at >= 0:
        nxt = at + 2
        while nxt < len(text) and text[nxt] == " ":
            nxt += 1
        start, at = at, text.find(". ", at + 1)
        if nxt < len(text) and text[nxt].islower():
            yield from _lowercase_after(inline, conv, start, nxt)


def _lowercase_after(inline: Inline, conv: Conventions, period: int, word: int) -> Iterator[Hit]:
    text = inline.masked
    for m in _MIDSENTENCE.finditer(text, period, word + 1):
        nxt = text[m.end()]
        before = text[m.start() - 1 : m.start()]
        if not nxt.islower() or before in (",", ";", ":") or before.isspace():
            continue  # `,.` is reported above, ` .` by space-before-punctuation: once each
        if _abbreviation(text, m.start(), conv):
            continue
        end = m.end()
        while end < len(text) and text[end].isalnum():
            end += 1
        if any(ch.isupper() for ch in text[m.end() : end]):
            continue  # `iPhone`, `eBay`: a name written in lowercase starts the sentence
        yield Hit(inline.offset(m.start()), inline.offset(m.start() + 1),
                  f"period in mid-sentence: `{_context(inline.content, m.start(), end)}`: the sentence "
                  f"continues with a lowercase word; remove the period, or start the new sentence with a capital")


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
            "Doubled or clashing punctuation (`),.`), or a period inside a sentence.", check, __doc__)
