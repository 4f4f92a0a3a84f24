"""bullet-count-mismatch: a section with more or fewer bullets than in the other versions.

What it does
    Counts the list items of each aligned section (nested items included) and compares
    the count with the reference (the majority of the other versions, or the
    ``--source`` version). Lines that ``bullet-marker-invalid`` reports (``– item``) count
    as the bullets they were meant to be, so that root cause is reported once, there.

Why it matters
    A dropped or merged bullet loses a point of the article; an extra one often means a
    line that Markdown turned into a list by accident (a paragraph starting ``183.``).

Example
    ``- a`` ``- b`` in sv where fi, pl, is and ru list three highlights.

Correct
    The same number of bullets as the other versions.

Fix
    Restore the missing item, split a merged one, or escape an accidental list marker
    (``183\\.``). No autofix: which item is missing, or where a merged one splits, needs
    the text.
"""

from __future__ import annotations

from typing import Iterator

from ..consensus import disagreements
from ..findings import Hit, Severity
from ._lists import accidental_lists, number_span
from ._locate import block_start, line_hit, section_start
from .base import ArticleContext, Rule
from .bullet_marker_invalid import may_be_dash_led, may_lead_a_line, would_be_bullets


def _plural(n: int) -> str:
    return f"{n} bullet{'s' if n != 1 else ''}"


def _accidental(cell, reference_cells) -> Hit | None:
    """The number of an accidental ordered list (a line starting `183.`), as a Hit."""
    lists = accidental_lists(cell, reference_cells)
    if not lists:
        return None
    start, end, number = number_span(cell.version, lists[0].items[0])
    return Hit(start, end,
               f"`{number}` at the start of a line makes an ordered list that no other version has; "
               f"escape it (`{number[:-1]}\\{number[-1]}`) if it is a number, not a list")


def _bullets(cell) -> int:
    """The section's list items and would-be bullets (``would_be_bullets``), which need a
    paragraph with a line led by a dash or bullet: tested first, in the whole file
    (``may_lead_a_line``: most files cannot have one), then in the section's paragraphs
    (``may_be_dash_led``)."""
    if may_lead_a_line(cell.version.source.text):
        for block, inline in cell.inlines:
            if block.kind == "paragraph" and may_be_dash_led(inline.content):
                return cell.items + would_be_bullets(cell.section.blocks)
    return cell.items


def check(ctx: ArticleContext) -> Iterator[tuple]:
    for row in ctx.alignment.rows:
        cells = [c for c in row.cells if c is not None]
        counts = {c.lang: _bullets(c) for c in cells}
        if not any(counts.values()):
            continue
        for cell, ref in disagreements(cells, counts, ctx.source):
            if counts[cell.lang] > ref.value:
                accidental = _accidental(cell, [c for c in cells if c.lang in ref.langs])
                if accidental is not None:
                    yield cell.version, Hit(accidental.start, accidental.end,
                                            f"{_plural(counts[cell.lang])} here; {ref.value} in {ref.who}: "
                                            + accidental.message)
                    continue
            first_list = next((b for b in cell.section.blocks for b in b.walk() if b.kind == "list"), None)
            at = block_start(cell.version, first_list) if first_list else section_start(cell.version, cell.section)
            title = cell.section.title or "the text before the first heading"
            yield cell.version, line_hit(cell.version, at,
                                         f"{_plural(counts[cell.lang])} here in '{title}'; {ref.value} in {ref.who}")


RULE = Rule("TC503", "bullet-count-mismatch", Severity.WARNING,
            "An aligned section with more or fewer list items than the other versions.", check, __doc__,
            scope="article")
