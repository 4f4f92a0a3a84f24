"""unbalanced-brackets: a bracket or quotation mark that does not close in its paragraph.

What it does
    Checks ``( )``, ``[ ]``, ``{ }`` and quotation marks in each paragraph, heading and
    table cell, with the quote styles of each language: ``"…"``, „…” and „…“ (pl, is,
    de), «…» (ru, pl), ”…” and »…» (sv, fi), “…” (en).

Why it matters
    A lost closing mark changes what is quoted or parenthesised, and often signals a
    word or a link lost in translation.

Example
    ``kansainvälisen kaupan (ks. alla``

Correct
    ``kansainvälisen kaupan (ks. alla)``

Fix
    Add the missing mark or remove the stray one; compare with the other versions.
    No autofix: where the missing mark goes is not known.
    Not flagged: enumerators such as ``a)`` and ``1)``, apostrophes, link syntax, code
    and URLs (``401(k)`` balances).
"""

from __future__ import annotations

import re
from typing import Iterator

from ..findings import Hit, Severity
from ..model import Inline, Version
from ._prose import holding
from .base import Rule

_PAIRS = {"](": ")", "(": ")", "»": "«", "[": "]", "{": "}", "«": "»", "„": "”“", "“": "”"}
_CLOSERS = {")": "(", "]": "[", "}": "{"}
_TOGGLES = ('"', "”", "»")  # the same mark opens and closes (straight quotes, sv ”…”, fi »…»)
# An enumerator is a whole word (after a space or at the start) of this form, then `)`.
_ENUMERATOR = re.compile(r"[0-9]{1,2}|[a-zA-Zа-яА-Я]|[ivxIVX]{1,4}")
_MARKS = re.compile(r'[()\[\]{}«»„“”"]')
_MARK_CHARS = '()"«»„”“[]{}'  # the characters of ``_MARKS``


def check(version: Version) -> Iterator[Hit]:
    # most paragraphs have no mark at all: each mark is looked for in the version's whole
    # prose (``_prose.holding``), which is much faster than ``_MARKS`` (a class) on each
    inlines = version.inlines()
    for k in sorted(holding(version, _MARK_CHARS)):
        if not _nested(inlines[k][1].masked):
            yield from _check(inlines[k][1])


# The pairs ``_nested`` removes: each is closed by ``_check`` when its opener is on top of the
# stack. Not `“”`: with `„“` it would make `„“””` nested (`„` `“` close first, and `”` closes nothing)
_NESTED_PAIRS = ("()", "[]", "{}", '""', "«»", "„”", "„“")


def _nested(text: str) -> bool:
    """Are the text's marks nested pairs only, each closed by its kind in order (`(a [b] c)`,
    `"d"`, `«e»`, `„f”`)? Then ``_check`` finds nothing there: each closer finds its opener on
    top of the stack and pops it (a `(` after `]`, taken as a link Markdown did not parse, is
    closed by `)` as well; no closer is ever pushed, so none of ``_check``'s other pairings,
    `»«` or `»»`, can happen). Most paragraphs with marks are such (on /tmp/bk400, 7,195 of the
    7,250 that hold one): the marks alone, their pairs removed until none is left (no two pairs
    overlap but a run of straight quotes, so the order of removal does not matter), cost a fraction of
    ``_check``'s walk (tests/test_minor_shortcuts.py holds this to ``_check``)."""
    marks = "".join(_MARKS.findall(text))
    while True:
        rest = marks
        for pair in _NESTED_PAIRS:
            rest = rest.replace(pair, "")
        if rest == marks:
            return not rest
        marks = rest


def _check(inline: Inline) -> Iterator[Hit]:
    text = inline.masked
    enumerators = _enumerators(text)
    if enumerators and text.count("(") == text.count(")") - len(enumerators):
        skip = enumerators  # `(ks. a) x ja b) y)`: the enumerators close nothing
    else:
        skip = set()  # `a)`, `2)`: no opener
    stack: list[tuple[str, int]] = []
    for m in _MARKS.finditer(text):
        i, ch = m.start(), m.group()
        if i in skip:
            continue
        if ch == "(" and i and text[i - 1] == "]":
            stack.append(("](", i))  # a link Markdown did not parse: link-malformed reports it
            continue
        if stack and ch in _PAIRS.get(stack[-1][0], ""):
            stack.pop()
        elif ch in _TOGGLES:
            if stack and stack[-1][0] == ch:
                stack.pop()
            elif ch == "»" and "«" in text[i:]:
                stack.append((ch, i))  # »…« (a Polish and German style)
            elif ch == "»" and "«" in text:
                yield _hit(inline, i, "`»` closes nothing in this paragraph")
            elif ch == "”" and ("„" in text or "“" in text):
                yield _hit(inline, i, "`”` closes nothing in this paragraph")
            else:
                stack.append((ch, i))
        elif ch in _PAIRS:
            stack.append((ch, i))
        elif ch in _CLOSERS:
            opener = _CLOSERS[ch]
            if ch == ")" and any(o == "](" for o, _ in stack):
                opener = "]("
            if any(o == opener for o, _ in stack):
                while stack and stack[-1][0] != opener:
                    o, at = stack.pop()
                    if o != "](":
                        yield _hit(inline, at, f"`{o}` is never closed in this paragraph")
                stack.pop()
            elif i not in enumerators:
                yield _hit(inline, i, f"`{ch}` closes nothing in this paragraph")
    for o, at in stack:
        if o != "](":
            yield _hit(inline, at, f"`{o}` is never closed in this paragraph")


def _enumerators(text: str) -> set[int]:
    """Indices of the `)` that end enumerators (`a)`, `2)`, `iv)`: a short word then `)`).

    Walks back from each `)` (str.find): a regex searching for the enumerators would try
    every position of the paragraph, having no first character to skip ahead to."""
    found = set()
    at = text.find(")")
    while at >= 0:
        start = at
        while start > 0 and at - start < 5 and not text[start - 1].isspace():
            start -= 1
        if (start == 0 or text[start - 1].isspace()) and _ENUMERATOR.fullmatch(text, start, at):
            found.add(at)
        at = text.find(")", at + 1)
    return found


def _hit(inline: Inline, at: int, message: str) -> Hit:
    return Hit(inline.offset(at), inline.offset(at + 1), message)


RULE = Rule("TC303", "unbalanced-brackets", Severity.WARNING,
            "A bracket or quotation mark that does not close within its paragraph.", check, __doc__)
