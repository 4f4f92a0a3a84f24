"""bullet-marker-invalid: a bullet written with a dash or dot that Markdown does not list.

What it does
    Finds lines that start with ``–`` (en dash), ``—`` (em dash) or ``•`` and a space
    where a list item was meant: next to a list, inside a list item, or in a run of
    such lines. Markdown only makes list items of ``-``, ``*``, ``+`` and numbers.

Why it matters
    The line renders as a paragraph with a dash, not as a bullet: the list shows fewer
    items than in the other versions, and the spacing of the list breaks.

Example
    ``– Det kan öka medvetenheten om nya produkter``

Correct
    ``- Det kan öka medvetenheten om nya produkter``

Fix
    Safe autofix: the mark becomes ``-`` (``– item`` -> ``- item``; a no-break space after
    it becomes a space), so the line is the list item it was meant to be. A bullet inside
    a paragraph (``Helstu atriði:`` then ``• Xetra ...`` on the next line) also gets the
    blank line that sets the list off from the paragraph (every Markdown renderer needs
    it, CommonMark does not); inside a list item it does not, as it joins that list.
    Not flagged: dashes inside sentences (``mål – att``, ``Вестинг — это``), and a single
    em-dash paragraph away from lists (dialogue).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Iterator

from ..findings import Edit, Fix, Hit, Severity
from ..model import Block, Version
from ..source import SourceText
from .base import Rule

_LEADS = ("–", "—", "•")
_MARKS = tuple(lead + space for lead in _LEADS for space in (" ", "\u00a0"))


def dash_led(line: str) -> bool:
    """Does the line start with an en dash, em dash or bullet and a space (`– item`)?"""
    return line.startswith(_MARKS)


def may_be_dash_led(content: str) -> bool:
    """Could some line of a paragraph's content be ``dash_led``? (Its lines start at their
    first character: markdown-it strips their indentation.) A few substring tests, far
    cheaper than walking the blocks for would-be bullets."""
    return content.startswith(_LEADS) or ("\n" in content and any("\n" + lead in content for lead in _LEADS))


def _dash_paragraph(block: Block) -> bool:
    return block.kind == "paragraph" and block.inline is not None and dash_led(block.inline.content)


def check(version: Version) -> Iterator[Hit]:
    if not may_lead_a_line(version.source.text):
        return  # no mark where a paragraph's line can start (most files): no block to walk
    yield from _scan(version.blocks, in_item=False, source=version.source)


# What can stand before a paragraph's line on its line of the file: indentation, blockquote
# marks and list markers (a paragraph can start on its list item's line: `1. – item`), and
# every character ``str.strip`` takes for whitespace (markdown-it strips a paragraph's lines
# with it: `\u00a0– item` is a paragraph whose line starts with the dash), but line breaks.
_PREFIX = frozenset(">*+-0123456789.)\t\x0b\x0c\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003"
                    "\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")


@lru_cache(maxsize=8)  # asked for each version by three rules, per section by two
def may_lead_a_line(text: str) -> bool:
    """Could a line of some paragraph start with an en dash, em dash or bullet (the first
    test of ``check``)? Some such mark must have, before it on its line of ``text``, nothing
    but indentation, blockquote marks and list markers (``_PREFIX``). Most marks are dashes
    inside sentences: a file with one is walked only if it passes this test (357 of the 1,222
    such files on /tmp/bk400, all of them with findings).

    From each mark, the characters before it are read back while they are in ``_PREFIX``:
    one or two for a dash inside a sentence, and never past the mark before it (not in
    ``_PREFIX``), so the whole text is read back at most once (a slice from each mark's line
    start was quadratic on a line of a megabyte with 40,000 dashes; one regex search of the
    text cost 25 times more on ordinary files)."""
    for lead in _LEADS:
        at = text.find(lead)
        while at >= 0:
            i = at - 1
            while i >= 0 and text[i] in _PREFIX:
                i -= 1
            if i < 0 or text[i] in "\n\r":
                return True
            at = text.find(lead, at + 1)
    return False


def _scan(blocks: tuple[Block, ...], in_item: bool, source: SourceText | None = None) -> Iterator[Hit]:
    """Dash-led paragraphs among siblings, dash-led lines inside paragraphs, recursively."""
    reported = set()  # paragraphs whose first line is already reported
    i = 0
    while i < len(blocks):
        if not _dash_paragraph(blocks[i]):
            i += 1
            continue
        j = i
        while j + 1 < len(blocks) and _dash_paragraph(blocks[j + 1]):
            j += 1
        near = [b for b in (blocks[i - 1] if i else None, blocks[j + 1] if j + 1 < len(blocks) else None)
                if b is not None and b.kind == "list"]
        run = blocks[i : j + 1]
        marks = {b.inline.content[0] for b in run}
        if near or in_item or "•" in marks or (len(run) > 1 and marks != {"—"}):
            size = len(near[0].items) if near else 0
            for block in run:
                reported.add(id(block))
                yield _hit(block, 0, size, source, in_item)
        i = j + 1
    for block in blocks:
        if block.kind == "paragraph" and block.inline is not None:
            if "\n" not in block.inline.content:
                continue  # one line: no line inside the paragraph to be a bullet
            lines = block.inline.content.split("\n")
            led = [k for k, line in enumerate(lines) if dash_led(line) and k and _bullet_like(lines, k)]
            if led and (in_item or dash_led(lines[0]) or len(led) > 1):
                if dash_led(lines[0]) and id(block) not in reported:
                    led.insert(0, 0)  # `– a` `– b` on consecutive lines: the first is a bullet too
                for k in led:
                    yield _hit(block, k, 0, source, in_item)
        elif block.kind == "list":
            for item in block.items:
                yield from _scan(item.children, in_item=True, source=source)
        elif block.kind == "blockquote":
            yield from _scan(block.children, in_item=False, source=source)


def _bullet_like(lines: list[str], k: int) -> bool:
    """A dash-led line inside a paragraph reads as a bullet, not as a parenthetical dash:
    the line before it ends a sentence, introduces a list or is a bullet, and the line
    itself does not end with a closing dash (`– as the next section shows –`)."""
    before = lines[k - 1].rstrip()
    return (before.endswith((":", ".", "!", "?", ";")) or dash_led(before)) and not lines[k].rstrip().endswith(("–", "—"))


def _hit(block: Block, k: int, size: int, source: SourceText | None, in_item: bool) -> Hit:
    inline = block.inline
    start = inline.offset(inline.line_starts[k])
    mark = inline.content[inline.line_starts[k]]
    where = (f"the list next to it has {size} item{'s' if size != 1 else ''} without it" if size
             else "it is not a list item")
    return Hit(start, start + 1, f"`{mark}` is not a Markdown list marker, so this bullet renders as "
                                 f"plain text ({where}); use `- `", fix=_fix(block, k, start, source, in_item))


def _fix(block: Block, k: int, start: int, source: SourceText | None, in_item: bool) -> Fix | None:
    """`- ` for the mark; before the first bullet of a run inside a paragraph (not inside
    a list item, where it joins the list), the blank line that sets the list off,
    written with the line's container prefix (`>`) and the previous line's line ending."""
    if source is None:
        return None
    text = source.text
    if text[start : start + 1] not in ("–", "—", "•"):
        return None
    end, marker = (start + 2, "- ") if text[start + 1 : start + 2] == "\u00a0" else (start + 1, "-")
    lines = block.inline.content.split("\n")
    if k and not in_item and not dash_led(lines[k - 1]):
        line = source.line_of(start)
        prefix = text[source.line_starts[line] : start]
        if prefix.strip(" >"):
            return None  # not a plain or blockquote line: no blank line to write
        newline = text[source.line_ends[line - 1] : source.line_starts[line]]
        start, marker = source.line_starts[line], prefix.rstrip() + newline + prefix + marker
    return Fix.safe(Edit(start, end, marker), structure=(("item", 1),))


RULE = Rule("TC401", "bullet-marker-invalid", Severity.ERROR,
            "A bullet written with –, — or • that Markdown does not make a list item.", check, __doc__,
            fixable=True)


def would_be_bullets(blocks: tuple[Block, ...]) -> int:
    """How many lines among ``blocks`` this rule reports: bullets the writer meant.

    Cross-version rules add them to the list items, so that one root cause (an en dash
    instead of ``-``) gives one finding, here, and not a bullet-count mismatch as well.
    """
    return sum(1 for _ in _scan(blocks, in_item=False))
