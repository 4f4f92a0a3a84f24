"""Link targets of an aligned section, counted as a reader sees them.

Only relative targets are compared (``/x``, ``page.md``, ``#anchor``): absolute URLs may
be legitimately localised per language. A link split in two (``link-split``) counts
once, so that root cause is reported there and not again as an extra link. link-missing and
link-extra read the same counts of every row (``target_counts``: made once per article).
"""

from __future__ import annotations

from collections import Counter

from ..align import Cell
from ..model import Block, Link
from ._memo import last_while_alive


def comparable(link: Link) -> bool:
    target = link.target
    return bool(target) and link.kind in ("inline", "reference") and "://" not in target and not target.startswith(
        ("mailto:", "tel:"))


def links_of(cell: Cell) -> list[tuple[Block, Link]]:
    """The comparable links of a section, a split run counted as its first link."""
    out = []
    if not cell.links:
        return out
    for block, inline in cell.inlines:
        if not inline.links:
            continue
        previous = None
        for link in inline.links:
            if not comparable(link):
                previous = None
                continue
            gap = inline.content[previous.c_end : link.c_start] if previous else None
            if previous is not None and previous.target == link.target and (gap == "" or gap.isspace()):
                previous = link
                continue  # the second half of a split link
            out.append((block, link))
            previous = link
    return out


def row_target_counts(cells: list[Cell]) -> dict[str, Counter] | None:
    """How often each cell of a row links each target (``links_of``), by language, or None
    when every cell has the same targets (most rows: then no link is missing or extra).
    Compares sorted lists first, several times cheaper than a Counter per cell."""
    targets = [[link.target for _, link in links_of(cell)] for cell in cells]
    first = sorted(targets[0]) if targets else []
    if all(sorted(t) == first for t in targets):
        return None
    return {cell.lang: Counter(t) for cell, t in zip(cells, targets)}


def alignment_target_counts(alignment) -> list[tuple[list[Cell], dict[str, Counter] | None]]:
    """Each row's cells (those present) and their ``row_target_counts``, for the rows of
    ``alignment`` in order."""
    rows = []
    for row in alignment.rows:
        cells = [c for c in row.cells if c is not None]
        rows.append((cells, row_target_counts(cells)))
    return rows


@last_while_alive
def target_counts(ctx) -> list[tuple[list[Cell], dict[str, Counter] | None]]:
    """``alignment_target_counts`` of the article's alignment. link-missing and link-extra
    each read them all, one after the other: they are kept while the article's context is
    alive (``_memo.last_while_alive``), so they are counted once (the counts are only read),
    and freed with the context."""
    return alignment_target_counts(ctx.alignment)
