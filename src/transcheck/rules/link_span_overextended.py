"""link-span-overextended: link text that runs over a list, a clause or the sentence's end.

What it does
    Reports a link whose text swallows more than the term it names: text of two words or
    more ending with the sentence's period, comma, semicolon or colon (not in headings,
    and not ``?``/``!``, which often belong to a linked title; a colon only where some
    other version ends the same link before it) (``[... aiheuttavat.](/mbs)``,
    ``[... herättää edelleen keskustelua:](/dotcom-bubble)``), text holding a list
    (two or more commas) that the same link in other versions does not hold, or text far
    longer than the same link (same target) in the other versions of the section.

Why it matters
    The whole clause is underlined and clickable, the sentence's punctuation sits in the
    link, and the term the link stands for is no longer marked: a reader sees a
    different article from the other versions.

Example
    ``[sosiaalisen median alustoja, kuten Facebook, Twitter, ... ja TikTok.](/social-media)``
    where sv has ``[sociala medieplattformar](/social-media)``.

Correct
    ``[sosiaalisen median alustoja](/social-media), kuten Facebook, Twitter, ... ja TikTok.``

Fix
    End the link after the term; move the list and the punctuation outside it. Unsafe
    autofix (``--unsafe-fixes``) when the span is clear: the link ends before the
    sentence's final mark (``[teorii gier,](/x)`` -> ``[teorii gier](/x),``) when that
    text is no longer overextended, or before the first comma, semicolon, colon, bracket
    or dash (not a bracket that ends the text: ``Commission (SEC)``) when that text is
    not overextended either and has as many words as the same
    link in the other versions (those not overextended themselves: their fewest to their
    most, plus one). When both ends qualify and both have such a length, or neither does,
    which words name the term is a translator's call, and there is no autofix.
"""

from __future__ import annotations

import re
from typing import Iterator

from ..findings import Applicability, Edit, Fix, Hit, Severity
from ..languages import conventions
from ..model import Inline, Link, Version
from ._median import median_sorted
from .base import ArticleContext, Rule


def _words(text: str) -> int:
    return len(text.split())


def _counterparts(ctx: ArticleContext, version: Version, link: Link) -> list[tuple[str, Link]]:
    """The same-target links of the other versions, in the aligned section when possible."""
    alignment = ctx.alignment
    section = version.section_at(version.source.line_of(link.start))
    row = alignment.row_of(version.lang, section) if section else None
    found: list[tuple[str, Link]] = []
    if row is not None:
        for cell in row.cells:
            if cell is not None and cell.version is not version:
                found.extend((cell.lang, other) for other in cell.links if other.target == link.target)
    return found


# The marks that end a sentence or a clause, which a link text should not take in (not ``?``
# or ``!``: they often belong to a linked title); the fix ends the link before one.
_FINAL_MARKS = ".,;:"


def _ends_sentence(text: str, lang: str) -> str | None:
    stripped = text.rstrip()
    if not stripped or stripped[-1] not in _FINAL_MARKS or _words(stripped) < 2:
        return None
    if stripped[-2:-1].isspace():
        return None  # `[... маркетинга .]`: a spacing defect, link-text-spacing reports it
    last = stripped.split()[-1].lower()
    if stripped[-1] == "." and (last.count(".") > 1 or last in conventions(lang).abbreviations):
        return None  # `[U.S.]`, `[Inc.]`
    return stripped[-1]


def _reasons(text: str, others: list[tuple[str, Link]], lang: str, in_heading: bool) -> list[str]:
    """Why a link text (masked) runs past its term, compared with its counterparts."""
    words = _words(text)
    other_words = [_words(o.text) for _, o in others]
    reasons = []
    mark = _ends_sentence(text, lang) if not in_heading else None
    if mark == ":" and all(o.text.rstrip().endswith(":") for _, o in others):
        mark = None  # `[Key term:](/x)` in every version (a glossary's style), or no version to compare
    if mark:
        reasons.append(f"ends with the sentence's `{mark}`")
    commas = text.count(",")
    if commas >= 2 and not any(o.text.count(",") >= 2 for _, o in others):
        reasons.append(f"holds a list ({commas} commas)")
    if other_words and words >= 5 and words >= 2 * median_sorted(sorted(other_words)) + 2:
        reasons.append("is far longer than in the other versions")
    return reasons


def _may_run_past(text: str, lang: str, in_heading: bool) -> bool:
    """Can ``_reasons`` find a reason, whatever the counterparts? Each of its reasons needs one of these."""
    return (text.count(",") >= 2 or _words(text) >= 5
            or (not in_heading and _ends_sentence(text, lang) is not None))


def check(ctx: ArticleContext) -> Iterator[tuple]:
    for version in ctx.article.versions:
        for block, inline in version.inlines():
            for link in inline.links:
                if link.kind not in ("inline", "reference") or not link.target:
                    continue
                text = inline.masked[link.c_text_start : link.c_text_end]
                if not _may_run_past(text, version.lang, block.kind == "heading"):
                    continue  # most links: short, no list, no final mark, so no counterparts to look up
                others = _counterparts(ctx, version, link)
                reasons = _reasons(text, others, version.lang, block.kind == "heading")
                if not reasons:
                    continue
                compare = ""
                if others:
                    shortest: dict[str, int] = {}
                    for lang, o in others:
                        shortest[lang] = min(_words(o.text), shortest.get(lang, 10**6))
                    by_count = sorted((n, lang) for lang, n in shortest.items())
                    parts = [f"{n} in {lang}" for n, lang in by_count]
                    first_n = by_count[0][0]
                    parts[0] = f"{first_n} word{'s' if first_n != 1 else ''} in {by_count[0][1]}"
                    compare = f"; the {link.target} link has " + ", ".join(parts)
                fix = _fix(version, inline, link, others, block.kind == "heading")
                yield version, Hit(link.start, link.end,
                                   f"link text runs past its term: {_words(text)} words, {' and '.join(reasons)}"
                                   f"{compare}", fix=fix)


# Where a clause or a list starts inside a link text: the term is before it.
_BOUNDARY = re.compile(r"[,;:]| \(| [–—-] ")


def _names_it(text: str, boundary: re.Match) -> bool:
    """Is this bracket the last part of the name (`Commission (SEC)`), not a clause?"""
    if boundary.group() != " (":
        return False
    close = text.find(")", boundary.end())
    return close >= 0 and not text[close + 1 :].strip(" .,;:!?")


def _fix(version: Version, inline: Inline, link: Link, others: list[tuple[str, Link]], in_heading: bool) -> Fix | None:
    """End the link where the span its counterparts cover is clear (see the docs).

    Two ends are tried: before the sentence's final mark, and before the first clause
    boundary. An end qualifies when the rule no longer reports the shorter text; the
    boundary also needs as many words as the counterparts that are not overextended
    themselves (their fewest to their most, plus one). When both qualify and the final
    mark's end is also within that range, which one is meant is not clear: no fix.
    """
    text = inline.masked[link.c_text_start : link.c_text_end]
    clean = [_words(o.text) for _, o in others
             if not _ends_sentence(o.text, version.lang) and o.text.count(",") < 2]

    def fits(n: int) -> bool:
        return bool(clean) and min(clean) <= n <= max(clean) + 1

    def qualifies(candidate: str) -> bool:
        return _words(candidate) > 0 and not _reasons(candidate, others, version.lang, in_heading)

    stripped = text.rstrip()
    at_mark = stripped[:-1].rstrip() if stripped and stripped[-1] in _FINAL_MARKS else None
    boundary = next((m for m in _BOUNDARY.finditer(text) if not _names_it(text, m)), None)
    at_boundary = text[: boundary.start()].rstrip() if boundary else None
    if at_mark is not None and not qualifies(at_mark):
        at_mark = None
    if at_boundary is not None and not (qualifies(at_boundary) and fits(_words(at_boundary))):
        at_boundary = None
    if at_mark is not None and at_boundary is not None and at_mark != at_boundary:
        if fits(_words(at_mark)):
            return None  # both ends are plausible
        at_mark = None
    chosen = at_mark if at_mark is not None else at_boundary
    if not chosen:
        return None
    cut = len(chosen)
    source = version.source.text
    at = inline.offset(link.c_text_start + cut)
    if source[at - 1 : at] != inline.content[link.c_text_start + cut - 1]:
        return None
    return Fix.unsafe(Edit(at, at, source[link.text_end : link.end]), Edit(link.text_end, link.end, ""))


RULE = Rule("TC504", "link-span-overextended", Severity.WARNING,
            "Link text that runs over a list, a clause or the sentence's end.", check, __doc__,
            scope="article", fixable=True, fix_applicability=Applicability.UNSAFE)
