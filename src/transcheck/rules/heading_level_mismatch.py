"""heading-level-mismatch: an aligned heading at another level than in the other versions.

What it does
    Compares the level of each aligned section's heading (``##`` vs ``###``) with the
    reference (the majority of the other versions, or the ``--source`` version).

Why it matters
    A heading one level off changes the outline: a sub-section becomes a section (or
    the reverse), the table of contents differs, and so do anchors and styling.

Example
    ``### Kohokohdat`` where the other versions have ``## Höjdpunkter``, ``## Hápunktar``.

Correct
    ``## Kohokohdat``

Fix
    Use the number of ``#`` marks the other versions use. No autofix:
    a heading level changes the outline, and the consensus may be the version that drifted.
"""

from __future__ import annotations

from typing import Iterator

from ..consensus import disagreements
from ..findings import Severity
from ._locate import line_hit, section_start
from .base import ArticleContext, Rule


def check(ctx: ArticleContext) -> Iterator[tuple]:
    alignment = ctx.alignment
    for row in alignment.rows:
        levels = {c.lang: c.section.level for c in row.cells if c is not None and c.section.level}
        for cell, ref in disagreements(row.cells, levels, ctx.source):
            at = section_start(cell.version, cell.section)
            yield cell.version, line_hit(cell.version, at,
                                         f"heading level {cell.section.level} (`{'#' * cell.section.level}`) here; "
                                         f"level {ref.value} (`{'#' * ref.value}`) in {ref.who}")


RULE = Rule("TC502", "heading-level-mismatch", Severity.WARNING,
            "An aligned heading at a different level than in the other versions.", check, __doc__,
            scope="article")
