"""link-text-spacing: link text that starts or ends with a space, or spaces a mark off.

What it does
    Finds link texts with leading or trailing whitespace, a space before punctuation
    (``[цифрового маркетинга .](/x)``, ``[DAX :ssa](/x)``), or a trailing `` -``.

Why it matters
    The underline of the link extends over the space, and the punctuation that belongs
    to the sentence sits inside the link, apart from its word: a typical conversion
    artefact that every reader sees.

Example
    ``[цифрового маркетинга .](/digital-marketing)``

Correct
    ``[цифрового маркетинга](/digital-marketing).``

Fix
    Safe autofix: a space at the edge of the text moves out of the link (``a[ tax
    resident](/x)`` -> ``a [tax resident](/x)``); a space before a mark inside the text
    goes (``[S&P 500 :n]`` -> ``[S&P 500:n]``); marks spaced off at the end move out of
    the link, after it (``[маркетинга .](/x)`` -> ``[маркетинга](/x).``, dropped when the
    link is already followed by a mark); a spaced-off ``-`` at the end is the hyphen of a
    compound and joins the next word (``[startup -](/startup) yritykseen`` ->
    ``[startup](/startup)-yritykseen``). No fix where the space is a line break.
"""

from __future__ import annotations

import re
from typing import Iterator

from ..findings import Edit, Fix, Hit, Severity
from ..languages import conventions
from ..model import Inline, Link, Version
from ._prose import prose
from .base import Rule

# A run of spaces, then a mark (group 1) or a final dash (group 2). Each run is tried from its
# first space only (not again from each of its spaces: quadratic); written to start with the
# space class, so the regex engine skips ahead to the spaces instead of trying every position.
_SPACE_MARK = re.compile(r"[ \t\u00a0](?<![ \t\u00a0].)[ \t\u00a0]*(?:([.,;:!?])|(-)$)")


def check(version: Version) -> Iterator[Hit]:
    spaced = conventions(version.lang).space_before
    inlines = version.inlines()
    for k in prose(version).linked:
        inline = inlines[k][1]
        for link in inline.links:
            if link.kind not in ("inline", "reference") or not link.text.strip():
                continue
            text = inline.masked[link.c_text_start : link.c_text_end]
            problems = []
            first = None
            if text[:1].isspace():
                problems.append("starts with a space")
                first = link.text_start
            m = None
            if _SPACE_MARK.search(text):  # most link texts have none (328 of 15,740 on /tmp/bk400)
                m = next((m for m in _SPACE_MARK.finditer(text) if (m.group(1) or "") not in spaced), None)
            if m:
                mark = m.group(1) or m.group(2)
                problems.append(f"has a space before `{mark}`")
                first = first if first is not None else link.text_start + m.start()
            elif text[-1:].isspace():
                problems.append("ends with a space")
                first = first if first is not None else link.text_start + len(text.rstrip())
            if problems:
                yield Hit(first, link.text_end,
                          f"link text `{link.text}` {' and '.join(problems)}; "
                          f"write [{_clean(link.text)}]({link.target}) with punctuation outside the link",
                          fix=_fix(version.source.text, inline, link, spaced))


_MARKS = ".,;:!?"
_OPENERS = "([{\"'„“«‘"
_CLOSERS = ")]}\"'”»’"


def _fix(source: str, inline: Inline, link: Link, spaced: str) -> Fix | None:
    """Edits that clear every spacing problem of the link's text, or None when one of
    them cannot be fixed without guessing (a line break, a dash before no word)."""
    content, masked = inline.content, inline.masked
    a, b = link.c_text_start, link.c_text_end
    text = masked[a:b]
    edits = []

    def delete(start: int, end: int) -> bool:
        at = inline.offset(start)
        if "\n" in content[start:end] or source[at : at + end - start] != content[start:end]:
            return False
        edits.append(Edit(at, at + end - start, ""))
        return True

    before = content[link.c_start - 1] if link.c_start else ""
    after = masked[link.c_end : link.c_end + 1]
    lead = len(text) - len(text.lstrip())
    if lead:
        if not delete(a, a + lead):
            return None
        if before and not before.isspace() and before not in _OPENERS:
            edits.append(Edit(link.start, link.start, " "))
    body_end = len(text.rstrip())  # index in text where the trailing whitespace starts
    tail = None  # (index in text where the spaced-off end starts, what goes after the link)
    for m in _SPACE_MARK.finditer(text):
        mark = m.group(1) or m.group(2)
        if mark in spaced:
            continue
        rest = text[m.start() :].strip()
        if mark == "-" or all(ch in _MARKS for ch in rest.replace(" ", "")):
            tail = (m.start(), rest.replace(" ", ""))
            break
        if not delete(a + m.start(), a + m.start(1)):
            return None
    if tail is not None:
        start, marks = tail
        if not delete(a + start, b):
            return None
        if marks == "-":
            following = masked[link.c_end :]
            gap = len(following) - len(following.lstrip(" \t"))
            if not following[gap : gap + 1].isalnum():
                return None  # a dash before no word on the line: not a compound
            edits.append(Edit(link.end, link.end + gap, "-"))
        elif not (after and after in _MARKS):
            edits.append(Edit(link.end, link.end, marks))
    elif body_end < len(text) and lead < len(text):
        if not delete(a + body_end, b):
            return None
        if after and not after.isspace() and after not in _MARKS + _CLOSERS:
            edits.append(Edit(link.end, link.end, " "))
    return Fix.safe(*edits) if edits else None


def _clean(text: str) -> str:
    return re.sub(r"(?<!\s)\s+([.,;:!?])", r"\1", text.strip()).rstrip(" -.,;:")


RULE = Rule("TC202", "link-text-spacing", Severity.WARNING,
            "Link text with a leading or trailing space, or a space before punctuation.",
            check, __doc__, fixable=True)
