"""space-before-punctuation: a space before a punctuation mark, or inside brackets.

What it does
    Finds a space before ``, . ; : ? ! )``, after ``(``, and inside guillemets
    (``« текст »``), outside link texts (those are ``link-text-spacing``). Languages
    that write a space there (French: before ``: ; ? !`` and inside « ») are respected.

Why it matters
    Conversion and translation tools leave spaces where a markup token stood
    (``90 päivää .``, ``[Chartalism](/chartalism) )``); readers see a mark detached from
    its word, and a line break can put it at the start of a line.

Example
    ``mer än 90 dagar där .``

Correct
    ``mer än 90 dagar där.``

Fix
    Safe autofix: the spaces are removed (only the spaces: the mark stays where it is).
    Not flagged: ellipses (`` ...``), ``.com``-like words, decimals (`` .5``), dashes,
    percent signs (``100 %``), code and URLs.
"""

from __future__ import annotations

import re
from typing import Iterator

from ..findings import Edit, Fix, Hit, Severity
from ..languages import Conventions, conventions
from ..model import MASK, Inline, Version
from ._prose import candidates
from .base import Rule

_SPACES = " \t\u00a0\u202f"
# Spaces after a word, then a mark. Written to start with the space class (its first space, then
# a look behind at the character before it), so that the regex engine skips ahead to the spaces
# instead of trying every position: the same matches as ``(?<=[^\s(\[{«„“])[ \t\u00a0\u202f]+([,.;:?!)])``.
_BEFORE = re.compile(r"[ \t\u00a0\u202f](?<=[^\s(\[{«„“].)[ \t\u00a0\u202f]*([,.;:?!)])")
# What every match of the patterns below holds, a space or opener next to a space or mark, in
# parts that each start with one character, for a whole version at once (``_prose.candidates``;
# tests/test_rule_shortcuts.py holds them to the one class-led pattern): a plain space then a
# space or mark (a regex that starts with one character scans twice as fast as one that starts
# with a class) and, where one of the rarer openers is in the version at all, that opener then
# a space or mark.
_SPACE_THEN = re.compile(r" [ \t\u00a0\u202f,.;:?!)»]")
_RARE_THEN = tuple((opener, re.compile(re.escape(opener) + r"[ \t\u00a0\u202f,.;:?!)»]"))
                   for opener in "\t\u00a0\u202f(«")
_AFTER_OPEN = re.compile(r"\([ \t\u00a0\u202f]+(?=\S)")
_GUILLEMET = re.compile(r"«[ \t]+(?=\S)|(?<=\S)[ \t]+»")


def check(version: Version) -> Iterator[Hit]:
    conv = conventions(version.lang)
    inlines = version.inlines()
    for k in sorted(candidates(version, _SPACE_THEN, *_RARE_THEN)):
        yield from _hits(inlines[k][1], conv, version.source.text)


def _hits(inline: Inline, conv: Conventions, source: str) -> Iterator[Hit]:
    """The spaces before marks, after `(` and inside « » in one inline, outside link texts."""
    text = inline.masked
    hits = []  # (start, end, what, spaces start, spaces end), indices into the content
    for m in _BEFORE.finditer(text):
        mark = m.group(1)
        if mark in conv.space_before:
            continue
        after = text[m.end() : m.end() + 1]
        if mark == "." and (after == "." or (after and (after.isalnum() or after == MASK))):
            continue  # ` ...`, ` .com`, ` .5`
        hits.append((m.start(), m.end(), f"space before `{mark}`", m.start(), m.start(1)))
    for m in _AFTER_OPEN.finditer(text):
        hits.append((m.start(), m.end(), "space after `(`", m.start() + 1, m.end()))
    if "«" in text and not conv.spaced_guillemets:
        for m in _GUILLEMET.finditer(text):
            a, b = (m.start() + 1, m.end()) if m.group().startswith("«") else (m.start(), m.end() - 1)
            hits.append((m.start(), m.end(), "space inside « »", a, b))
    for start, end, what, a, b in sorted(hits):
        if inline.in_link_text(start):
            continue
        shown_from = max(0, start - 16)
        while shown_from > 0 and not inline.content[shown_from - 1].isspace() and start - shown_from < 30:
            shown_from -= 1
        shown = inline.content[shown_from : end + 1].replace("\n", " ").strip()
        yield Hit(inline.offset(start), inline.offset(end), f"{what}: `{shown}`; remove the space",
                  fix=_removal(source, inline.offset(a), inline.content[a:b]))


def _removal(source: str, at: int, spaces: str):
    """The fix that removes ``spaces`` (on one line) at file offset ``at``, if they are there."""
    if not spaces or source[at : at + len(spaces)] != spaces:
        return None
    return Fix.safe(Edit(at, at + len(spaces), ""))


RULE = Rule("TC302", "space-before-punctuation", Severity.WARNING,
            "A space before , . ; : ? ! ) or inside brackets and guillemets.", check, __doc__,
            fixable=True)
