"""Lists Markdown made by accident, shared by the rules that count bullets and paragraphs.

A line that begins with a number and a period (``183. dagur``, ``7. marraskuuta``) is an
ordered list item to CommonMark. When a version has such a list starting at a number other
than 1 and the reference versions have no ordered list in that section, it is a paragraph
or a bullet that turned into a list: bullet-count-mismatch reports it, once, at the number,
and paragraph-count-mismatch counts its text as the paragraph it was meant to be.
"""

from __future__ import annotations

from ..align import Cell
from ..model import Block, Version


def ordered_lists(cell: Cell) -> list[Block]:
    """The ordered lists of the section, nested ones too, in document order."""
    return _ordered(cell.section.blocks, [])


def _ordered(blocks, out: list) -> list:
    for block in blocks:
        if block.kind == "list" and block.ordered:
            out.append(block)
        if block.children:
            _ordered(block.children, out)
    return out


def accidental_lists(cell: Cell, reference_cells: list[Cell]) -> list[Block]:
    if any(ordered_lists(c) for c in reference_cells):
        return []
    return [b for b in ordered_lists(cell) if b.number not in (None, 1)]


def number_span(version: Version, item: Block) -> tuple[int, int, str]:
    """File offsets and text of an ordered item's marker (`183.`)."""
    written = f"{item.number}{item.marker or '.'}"
    line = version.source.line(item.start_line)
    col = max(line.find(written), 0)
    at = version.source.offset(item.start_line, col)
    return at, at + len(written), written
