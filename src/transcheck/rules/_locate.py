"""Where to point a cross-version finding in a version's file."""

from __future__ import annotations

from ..findings import Hit
from ..model import Block, Section, Version


def line_start(version: Version, line: int) -> int:
    """Offset of the first non-blank character of a 0-based line."""
    line = max(0, min(line, version.source.line_count - 1))
    text = version.source.line(line)
    return version.source.offset(line, len(text) - len(text.lstrip()))


def section_start(version: Version, section: Section) -> int:
    return line_start(version, section.heading.start_line if section.heading else section.start_line)


def block_start(version: Version, block: Block) -> int:
    return line_start(version, block.start_line)


def line_end(version: Version, offset: int) -> int:
    return version.source.line_ends[version.source.line_of(offset)]


def end_of_text(version: Version) -> int:
    """Offset of the last non-blank line (where a missing final section would go)."""
    for line in range(version.source.line_count - 1, -1, -1):
        if version.source.line(line).strip():
            return line_start(version, line)
    return 0


def counterpart(cell, ref_cell, ref_block: Block) -> int:
    """This version's block at the relative place where ``ref_block`` is in the reference's
    section (by order among the blocks with text): where something the reference has here
    should be. The section's start when this section has no text."""
    own = [block for block, _ in cell.inlines]
    theirs = [block for block, _ in ref_cell.inlines]
    if not own:
        return section_start(cell.version, cell.section)
    index = next((i for i, b in enumerate(theirs) if b.start_line >= ref_block.start_line), len(theirs) - 1)
    position = index / max(len(theirs), 1)
    return block_start(cell.version, own[min(int(position * len(own)), len(own) - 1)])


def front_matter_value(version: Version, key: str) -> tuple[int, int]:
    """Offsets of a front matter key's value (to the end of its line), or of the file's
    first line when the key is absent."""
    fm = version.front_matter
    line = fm.line_of(key) if fm else None
    source = version.source
    if line is None:
        return 0, len(source.line(0))
    text = source.line(line)
    colon = text.find(":")
    start = colon + 1 + (len(text[colon + 1 :]) - len(text[colon + 1 :].lstrip()))
    return source.offset(line, start), source.offset(line, len(text))


def line_hit(version: Version, at: int, message: str) -> Hit:
    """A finding that spans from ``at`` to the end of its line."""
    return Hit(at, line_end(version, at), message)
