"""link-missing: a link the other versions have in this section and this version lacks.

What it does
    Counts the relative link targets of each aligned section (a split link counts once)
    and reports a target that the reference (the majority of the other versions, or the
    ``--source`` version) links more often than this version does. The finding points
    at the block where the other versions have the link (by its place in the section).
    Absolute URLs are not compared: they may be localised per language.

Why it matters
    A lost link removes a way into the rest of the site, and usually signals markup lost
    in translation (the term is there, its link is not).

Example
    fi, sv, pl and is link ``[verosopimukset](/taxtreaty)`` in "Tax treaties"; ru has the
    sentence without a link.

Correct
    ``[налоговые соглашения](/taxtreaty)``

Fix
    Restore the link on the term the other versions link. No autofix: which words
    name the term in this language is a translator's call.
"""

from __future__ import annotations

from typing import Iterator

from ..consensus import reference
from ..findings import Severity
from ._links import links_of, target_counts
from ._locate import counterpart, line_hit, section_start
from .base import ArticleContext, Rule


def check(ctx: ArticleContext) -> Iterator[tuple]:
    for cells, counts in target_counts(ctx):
        if counts is None:
            continue  # the same links everywhere
        targets = sorted(set().union(*counts.values())) if counts else []
        for target in targets:
            per_lang = {lang: counts[lang][target] for lang in counts}
            if len(set(per_lang.values())) == 1:
                continue  # every version agrees
            for cell in cells:
                ref = reference(cell.lang, per_lang, ctx.source)
                if ref is None or ref.value <= per_lang[cell.lang]:
                    continue
                at = _where(cell, [c for c in cells if c.lang in ref.langs], target)
                have = per_lang[cell.lang]
                here = "no link" if not have else f"{have} link{'s' if have != 1 else ''}"
                yield cell.version, line_hit(cell.version, at,
                                             f"link to {target} missing: {here} to it here; {ref.value} in {ref.who}")


def _where(cell, ref_cells, target: str) -> int:
    """This version's block at the place the reference version has the link."""
    for ref in ref_cells:
        block = next((b for b, link in links_of(ref) if link.target == target), None)
        if block is not None:
            return counterpart(cell, ref, block)
    return section_start(cell.version, cell.section)


RULE = Rule("TC505", "link-missing", Severity.WARNING,
            "A link target the other versions have in the aligned section and this version lacks.",
            check, __doc__, scope="article")
