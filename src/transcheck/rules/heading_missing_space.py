"""heading-missing-space: a line meant as a heading that Markdown reads as text.

What it does
    Finds lines such as ``##Höjdpunkter`` or ``###Pris och ära``: ``#`` marks followed
    directly by a letter. CommonMark requires a space after the marks, so the line is a
    paragraph, and everything under it belongs to the previous section.

Why it matters
    The heading disappears from the rendered article and from its table of contents,
    and the section it should open is merged into the one above: a reader of this
    language version sees a different structure from every other version.

Example
    ``##Höjdpunkter``

Correct
    ``## Höjdpunkter``

Fix
    Safe autofix: one space is inserted after the ``#`` marks, and the line becomes the
    heading (``transcheck fix`` checks that the file then has exactly that heading more).
    Not flagged: ``#1 ranking`` (a digit after the mark), ``#hashtag`` (one mark and a
    lowercase word), ``#`` inside a line.
"""

from __future__ import annotations

from typing import Iterator

from ..findings import Edit, Fix, Hit, Severity
from ..model import Version, would_be_heading
from .base import Rule


def _count(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _contents(blocks) -> str:
    """What a section holds, in words: `a list of 3 items and 1 paragraph`."""
    parts = []
    for block in blocks:
        if block.kind == "list":
            parts.append(f"a list of {_count(len(block.items), 'item')}")
    paragraphs = sum(1 for b in blocks if b.kind == "paragraph")
    others = sum(1 for b in blocks if b.kind not in ("list", "paragraph"))
    if paragraphs:
        parts.append(_count(paragraphs, "paragraph"))
    if others:
        parts.append(_count(others, "other block"))
    return " and ".join(parts) if parts else "no content"


def check(version: Version) -> Iterator[Hit]:
    heads = {}
    previous_title = None
    for section in version.sections:
        if not section.well_formed and section.heading is not None:
            heads[id(section.heading)] = (section, previous_title)
        if section.level:
            previous_title = section.title
    for block, inline in version.inlines():
        if "#" not in inline.content or block.kind != "paragraph":
            continue  # a would-be heading line starts with `#` (most inlines have none: tested first)
        for k, line in enumerate(inline.content.split("\n")):
            found = would_be_heading(line)
            if not found:
                continue
            level, title = found
            start = inline.offset(inline.line_starts[k])
            end = start + len(line.rstrip())
            marks = "#" * level
            if k == 0 and id(block) in heads:
                section, above = heads[id(block)]
                where = f"'{above}'" if above else "the text above it"
                consequence = (f"the section '{title}' is missing, and its content "
                               f"({_contents(section.blocks)}) reads as part of {where}")
            elif level >= 2:
                consequence = f"'{title}' renders as plain text"
            else:
                continue
            shown = line.strip() if len(line) <= 40 else line[:37] + "..."
            fix = None
            if version.source.text[start : start + level] == marks:
                fix = Fix.safe(Edit(start + level, start + level, " "), structure=((f"heading:{level}", 1),))
            yield Hit(start, end, f"`{shown}` is not a heading (Markdown needs a space "
                                  f"after `{marks}`): {consequence}; write `{marks} {title}`", fix=fix)


RULE = Rule("TC101", "heading-missing-space", Severity.ERROR,
            "A `##Heading` line without a space after the marks is not a heading.", check, __doc__,
            fixable=True)
