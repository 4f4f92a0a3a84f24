"""link-malformed: link syntax that Markdown does not read as the intended link.

What it does
    Finds ``[text] (url)`` (a space between the parts), ``[text](url`` never closed,
    ``](`` with no opening ``[``, an empty target ``[text]()``, and one-letter link
    texts that are a fragment of a word (``[t](/x)reaties``, ``[t](/x) sopimuksia``).

Why it matters
    The reader sees brackets and a raw path instead of a link, or a link that points
    nowhere, or a link on a stray letter. ``[text] (url)`` is the most common breakage
    machine translation makes in Markdown.

Example
    ``[Investopedia] (/terms/i/investopedia)``

Correct
    ``[Investopedia](/terms/i/investopedia)``

Fix
    Remove the space between ``]`` and ``(``; close the parenthesis; give the link a
    target; put the link on the whole word. No autofix: most forms need the intended
    target or word.
"""

from __future__ import annotations

import re
from typing import Iterator

from ..findings import Hit, Severity
from ..languages import conventions
from ..model import Inline, Version
from ._prose import holding, prose
from .base import Rule

_SPACED = re.compile(r"\[([^\[\]\n]+)\][ \t]+\(([^()\s]+)\)")
_URLISH = re.compile(r"(?:/|#|\.{1,2}/|[A-Za-z][A-Za-z0-9+.-]*://|mailto:|www\.)\S*$")


def check(version: Version) -> Iterator[Hit]:
    words = conventions(version.lang).function_words
    inlines = version.inlines()
    # the inlines with a `]` that is not link syntax (that one is masked), and those with links
    bracketed = holding(version, "]")
    for k in sorted(bracketed.union(prose(version).linked)):
        inline = inlines[k][1]
        if k in bracketed:  # both need a `]`
            yield from _spaced(inline)
            yield from _dangling(inline)
        for link in inline.links:
            if link.kind == "inline" and link.raw_target is not None and link.raw_target.strip() in ("", "<>"):
                yield Hit(link.start, link.end, f"link [{link.text}]() has an empty target")
            text = link.text
            if link.kind in ("inline", "reference") and len(text) == 1 and text.isalpha():
                glued = (link.c_end < len(inline.content) and inline.content[link.c_end].isalpha()) or (
                    link.c_start > 0 and inline.content[link.c_start - 1].isalpha())
                if glued or (text.islower() and text not in words):
                    yield Hit(link.start, link.end,
                              f"one-letter link text `{text}`: the link covers a fragment of a word; "
                              f"put it on the whole term")


def _spaced(inline: Inline) -> Iterator[Hit]:
    for m in _SPACED.finditer(inline.masked):
        target = inline.content[m.start(2) : m.end(2)]
        if _URLISH.match(target):
            yield Hit(inline.offset(m.start()), inline.offset(m.end()),
                      f"`[{m.group(1)}] ({target})` is not a link: remove the space between `]` and `(`")


def _dangling(inline: Inline) -> Iterator[Hit]:
    text = inline.masked
    spaced = [m.span() for m in _SPACED.finditer(text)]
    start = 0
    while True:
        at = text.find("](", start)
        if at < 0:
            return
        start = at + 2
        if any(a <= at < b for a, b in spaced) or (at and text[at - 1] == "\\"):
            continue  # reported above as `[text] (url)`, or an escaped `\]` written on purpose
        opener = text.rfind("[", 0, at)
        close = text.find(")", at)
        if opener < 0 or text.rfind("]", 0, at) > opener:
            yield Hit(inline.offset(at), inline.offset(at + 2),
                      "`](` with no opening `[`: the link text has lost its start")
        elif close < 0:
            yield Hit(inline.offset(opener), inline.offset(at + 2),
                      "link is never closed: `[...](` has no `)`")
        elif " " in text[at + 2 : close].strip():
            yield Hit(inline.offset(opener), inline.offset(close + 1),
                      "not a link: the target contains a space; encode it (%20) or wrap it in `<...>`")
        else:
            yield Hit(inline.offset(opener), inline.offset(close + 1),
                      "`[...](...)` is not read as a link here; check its brackets")


RULE = Rule("TC204", "link-malformed", Severity.ERROR,
            "Link syntax Markdown does not read as the intended link.", check, __doc__)
