"""link-text-trivial: a link whose text is only punctuation, a number or a function word.

What it does
    Finds links whose whole text is punctuation (``[.](/mlr)``, ``[,](/industry)``), a
    lone number (``[1](/x)``), nothing at all (``[](/x)``), or one function word of the
    file's language (``[til](/x)`` in Icelandic, ``[och](/x)`` in Swedish).

Why it matters
    Machine translation moves link markup onto the wrong token. The link then points
    from a period or from "and" to a glossary page: the term it should mark is
    unlinked, and the version has a link none of the others has in that form.

Example
    ``breytunnar [.](/mlr)``

Correct
    ``[fjölbreytunnar aðhvarfs](/mlr).``

Fix
    Move the link onto the term its target names (see the same link in the other
    versions). Unsafe autofix (``--unsafe-fixes``) when the term is evident: the trivial
    link stands next to a link to the same target that names it (``[samfélagsmiðlaneta](/x)
    [til](/x)``): the trivial link is removed and its text kept (``[samfélagsmiðlaneta](/x)
    til``). Elsewhere which words the link should cover is a translator's call, so there
    is no autofix. Links to in-page anchors (``#...``) with a number are footnotes and
    are not flagged, nor are symbols linking to an anchor (``[*](#note)``) or acronyms
    that spell a function word (``[IT](/it)``).
"""

from __future__ import annotations

from typing import Iterator

from ..findings import Applicability, Edit, Fix, Hit, Severity
from ..languages import conventions
from ..model import MASK, Inline, Link, Version
from ._prose import prose
from .base import Rule


def trivial(text: str, target: str, lang: str) -> str | None:
    """Why a link text (masked as in Inline.masked) is trivial, or None."""
    text = text.strip()
    if MASK in text:  # code or an image inside the link: not trivial
        return None
    if not text:
        return "is empty"
    if not text[0].isalnum() and not any(ch.isalnum() for ch in text) and not target.startswith("#"):
        # (most texts start with a letter: no generator made for them)
        return f"is only punctuation (`{text}`)"
    if text.isdigit() and not target.startswith("#"):
        return f"is only a number (`{text}`)"
    if text.lower() in conventions(lang).function_words and not (len(text) > 1 and text.isupper()):
        return f"is only the function word `{text}`"
    return None


def check(version: Version) -> Iterator[Hit]:
    inlines = version.inlines()
    for k in prose(version).linked:
        inline = inlines[k][1]
        for link in inline.links:
            if link.kind not in ("inline", "reference"):
                continue
            why = trivial(inline.masked[link.c_text_start : link.c_text_end], link.target, version.lang)
            if why:
                yield Hit(link.start, link.end,
                          f"link text {why}: the link to {link.target or '(no target)'} should cover the term "
                          f"it names", fix=_fix(version, inline, link))


def _fix(version: Version, inline: Inline, link: Link) -> Fix | None:
    """Unlink a trivial link that stands next to a link to the same target naming the term."""
    source = version.source.text
    if not link.target or source[link.start : link.start + 1] != "[":
        return None
    index = inline.links.index(link)
    for other in inline.links[max(0, index - 1) : index] + inline.links[index + 1 : index + 2]:
        if other.target != link.target or other.kind not in ("inline", "reference"):
            continue
        gap = inline.content[min(link.c_end, other.c_end) : max(link.c_start, other.c_start)]
        if gap.strip():
            continue
        if trivial(inline.masked[other.c_text_start : other.c_text_end], other.target, version.lang):
            continue
        return Fix.unsafe(Edit(link.start, link.text_start, ""), Edit(link.text_end, link.end, ""),
                          structure=(("link", -1),))
    return None


RULE = Rule("TC203", "link-text-trivial", Severity.WARNING,
            "Link text that is only punctuation, a number or a function word.", check, __doc__,
            fixable=True, fix_applicability=Applicability.UNSAFE)
