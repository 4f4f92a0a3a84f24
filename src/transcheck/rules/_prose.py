"""A version's inlines read once, for the version rules that look at every inline.

stray-punctuation, space-before-punctuation and unbalanced-brackets look for things most
paragraphs do not hold (two marks side by side, a space before a mark, a period then a
lowercase word, a bracket or quotation mark). Searching each inline's masked text on its own
costs a call per inline and pattern (57,003 inlines on /tmp/bk400), more than the scan itself;
searching the version's masked texts joined by newlines costs one call per pattern and
version, and each match maps back to its inline by bisection.

``candidates`` gives every inline in which a pattern matches on its own text, provided the
pattern cannot match across the newline that separates two inlines (it neither matches a
newline nor looks behind itself): a match inside an inline is then found at the same place
in the joined text. A lookahead may see the separator where the inline's own text ends, and
make an inline a candidate for nothing; the rules test each candidate on its own text, as
before; ``split_candidates`` does two such searches in one. ``holding`` gives the inlines
that hold a character (unbalanced-brackets, link-malformed); ``Prose.linked`` those with
links, which four link rules read instead of every inline. tests/test_rule_shortcuts.py and
tests/test_minor_shortcuts.py hold these to the per-inline tests they replace.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate
from typing import NamedTuple

from ..model import Version
from ._memo import last


class Prose(NamedTuple):
    text: str  # the masked texts of the version's inlines, in order, joined by "\n"
    starts: list[int]  # where each inline's text starts in ``text`` (and len(text) + 1)
    linked: list[int]  # the indices of the inlines with a link (most have none), for the link rules


@last  # the version rules run one version at a time: the rules that read it share one join
def prose(version: Version) -> Prose:
    """The version's masked inline texts joined by newlines, and its inlines with links (the
    last version's are kept: ``_memo.last``)."""
    inlines = version.inlines()
    texts = [inline.masked for _, inline in inlines]
    starts = list(accumulate([len(text) + 1 for text in texts], initial=0))  # and one past the end
    linked = [k for k, (_, inline) in enumerate(inlines) if inline.links]
    return Prose("\n".join(texts), starts, linked)


def candidates(version: Version, *patterns: re.Pattern | tuple[str, re.Pattern]) -> set[int]:
    """Indices (into ``version.inlines()``) of the inlines where one of ``patterns`` may match:
    every inline where one does on its own text (see the module doc for the patterns allowed).
    A ``(mark, pattern)`` pair is searched only in a version whose prose holds ``mark`` (a rare
    character: ``in`` scans faster than a regex)."""
    text, starts, _ = prose(version)
    found = set()
    for pattern in patterns:
        if isinstance(pattern, tuple):
            mark, pattern = pattern
            if mark not in text:
                continue
        for m in pattern.finditer(text):
            found.add(bisect_right(starts, m.start()) - 1)
    return found


def split_candidates(version: Version, pattern: re.Pattern) -> tuple[set[int], set[int]]:
    """``candidates(version, pattern)`` in two sets: the inlines of the matches in which
    ``pattern``'s group 1 took no part, and those of the matches in which it did. One scan
    instead of two where two patterns start with the same character (stray-punctuation's
    period then a mark, and period then spaces: ``_PERIOD``); each alternative must consume
    no character where the other could start a match, so that the one scan finds every place
    either would."""
    text, starts, _ = prose(version)
    without, within = set(), set()
    for m in pattern.finditer(text):
        (without if m.lastindex is None else within).add(bisect_right(starts, m.start()) - 1)
    return without, within


def holding(version: Version, chars: str) -> set[int]:
    """Indices (into ``version.inlines()``) of the inlines that hold one of ``chars``.

    ``in`` and ``str.find`` skip ahead to one character far faster over one long text than
    over many short ones (a call costs more than the scan of a paragraph): each character is
    looked for in the whole prose, and after each find the search goes on from the next
    inline, so that a character costs one find per inline that holds it."""
    text, starts, _ = prose(version)
    found = set()
    for ch in chars:
        at = text.find(ch)
        while at >= 0:
            k = bisect_right(starts, at) - 1
            found.add(k)
            at = text.find(ch, starts[k + 1])
    return found
