"""heading-damaged: an aligned heading that is a damaged copy of the one the other versions share.

What it does
    Compares the text of each aligned heading with the reference (the heading most of
    the other versions write the same way, three versions or more; or the ``--source``
    version's). A heading that differs from it yet is almost the same text, as a name
    kept untranslated is (``A.Michael Spence`` for ``A. Michael Spence``), is a copy
    damaged in this version, as ``frontmatter-mismatch`` reports for the ``title``.
    A translated heading is not close enough to be one. Not reported: the same words
    with endings added (``Xetran`` for ``Xetra``: an inflection), or in other case
    (``Rule of 72`` for ``Rule Of 72``: a language's style).

Why it matters
    The heading is what a reader and a table of contents show of the section; a name in
    it with a space lost or a letter changed is misspelt in this language only.

Example
    ``# A.Michael Spence`` where en, fi and sv have ``# A. Michael Spence``.

Correct
    ``# A. Michael Spence``

Fix
    Write the heading as the versions named in the message do. No autofix: which
    version is damaged is the majority's guess.
"""

from __future__ import annotations

from typing import Iterator

from ..consensus import near_copy, reference
from ..findings import Severity
from ._locate import line_hit, section_start
from .base import ArticleContext, Rule


def _inflected(title: str, ref: str) -> bool:
    """Every word of ``ref`` begins the word of ``title`` at its place: endings added."""
    mine, theirs = title.split(), ref.split()
    return len(mine) == len(theirs) and all(a.startswith(b) for a, b in zip(mine, theirs))


def check(ctx: ArticleContext) -> Iterator[tuple]:
    for row in ctx.alignment.rows:
        cells = [cell for cell in row.cells
                 if cell is not None and cell.section.heading is not None and cell.section.well_formed]
        if len(cells) < 3 and ctx.source is None:
            continue  # two headings that differ: which one is damaged is anybody's guess
        titles = {cell.lang: cell.section.title for cell in cells}
        if len(set(titles.values())) == len(titles):
            continue  # every version its own heading (translated): no shared copy
        for cell in cells:
            title = titles[cell.lang]
            ref = reference(cell.lang, titles, ctx.source)
            if ref is None or title.casefold() == ref.value.casefold() or _inflected(title, ref.value):
                continue  # the same but for case (a language's style; a small first letter is heading-lowercase's)
            if near_copy(title, ref.value):
                yield cell.version, line_hit(cell.version, section_start(cell.version, cell.section),
                                             f"heading `{title}` here; `{ref.value}` in {ref.who}: almost the "
                                             f"same, so not a translation but a damaged copy")


RULE = Rule("TC514", "heading-damaged", Severity.WARNING,
            "An aligned heading that is a damaged copy of the heading the other versions share.",
            check, __doc__, scope="article")
