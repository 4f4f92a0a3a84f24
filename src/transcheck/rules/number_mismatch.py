"""number-mismatch: a number that differs from the other versions of the section.

What it does
    Reads the numbers of each aligned section after locale normalisation (decimal comma
    or point, space, dot or comma thousands separators, ``100 %``, currency words and
    codes around the number, ordinals ``183.``/``183:e``/``183-й``, dates ``6.12.2018``,
    Roman numerals ``XI``) and compares them, as multisets, with the reference (the
    majority of the other versions, or the ``--source`` version). A number changed in
    one version is reported once, at the number, naming what the others have. Integers
    below 13 are not compared (they are often written as words: ten, twelve, kymmenen).

Why it matters
    A wrong amount, year or percentage changes what the article says, and is invisible
    to anyone who reads only one language.

Example
    ``vuonna 2019`` in fi where sv, pl, is and ru have 2018.

Correct
    ``vuonna 2018``

Fix
    Copy the number from the other versions, in this language's format. No autofix:
    the other versions may be the ones that are wrong.
"""

from __future__ import annotations

from collections import Counter
from typing import Iterator

from ..consensus import reference
from ..findings import Hit, Severity
from ..numbers import SEPARATOR, SMALL, joined_values, numbers, roman_values, runs_agree, values
from ._lists import number_span
from ._locate import counterpart, line_hit, section_start
from .base import ArticleContext, Rule


def _occurrences(cell) -> list[tuple]:
    """(block, inline or None, start, end, value, soft) of every number of the section.

    Numbers of ordered-list markers count too (as file offsets, inline None): a reader
    sees `183.` whether it is text or a list number.
    """
    out = []
    lang = cell.lang
    for block, inline in cell.inlines:
        for start, end, value, soft in numbers(inline, lang):
            out.append((block, inline, start, end, value, soft))
    for item in _numbered_items(cell.section.blocks, []):
        start, _, _ = number_span(cell.version, item)
        digits = str(item.number)
        out.append((item, None, start, start + len(digits), digits, False))
    return out


def _summary(cell) -> list[str]:
    """The values of ``_occurrences(cell)``, sorted, without their places: what the versions
    of a row are compared on first (most rows agree, and then nothing is reported).

    The section's inlines are read in one scan of their texts joined (``numbers.values``),
    and only when the aligner found a digit in them (``cell.numbers``) or an X (every
    Roman numeral from XIII up has one); list numbers only when the section has items.
    The aligner's numbers hold every digit of the section (each starts a match of its
    ``\\d`` pattern or is inside one; only separators are dropped): when they are
    ASCII, so are the section's digits."""
    out = []
    if cell.numbers or "X" in cell.text:
        out = joined_values(cell.runs, cell.text, cell.lang, lambda: _texts(cell))
        if out is None:
            text = SEPARATOR.join([inline.masked for _, inline in cell.inlines])
            out = values(text, cell.lang, "".join(cell.numbers).isascii())
    if cell.items:
        out += [str(item.number) for item in _numbered_items(cell.section.blocks, [])]
    out.sort()
    return out


def _differ(cells) -> bool:
    """Whether the cells' ``_summary`` differ. Where their runs agree (``numbers.runs_agree``:
    most rows), the values read from the runs are one multiset in every cell, and two
    summaries then differ where the rest of them does (Roman numerals, list numbers): a
    multiset sum with one part in common is equal where the other parts are."""
    if runs_agree(cells, _texts):
        if not any(c.items or "X" in c.text for c in cells):
            return False  # no list item, no Roman numeral (every one from XIII up has an X): no rest
        summaries = [_rest(c) for c in cells]
    else:
        summaries = [_summary(c) for c in cells]
    return any(summary != summaries[0] for summary in summaries)


def _texts(cell) -> list[str]:
    """The texts of a section's inlines (joined by spaces, its ``Cell.text``)."""
    return [inline.masked for _, inline in cell.inlines]


def _rest(cell) -> list[str]:
    """``_summary`` without the values of the section's runs of digits, sorted."""
    out = roman_values(cell.text)
    if cell.items:
        out += [str(item.number) for item in _numbered_items(cell.section.blocks, [])]
    out.sort()
    return out


def _numbered_items(blocks, out: list) -> list:
    """The ordered-list items among ``blocks`` and their descendants numbered ``SMALL`` or
    more, in document order, appended to ``out``."""
    for block in blocks:
        if block.kind == "item" and block.number is not None and block.number >= SMALL:
            out.append(block)
        if block.children:
            _numbered_items(block.children, out)
    return out


def _span(occurrence) -> tuple[int, int, str]:
    """File offsets and written text of an occurrence."""
    block, inline, start, end = occurrence[:4]
    if inline is None:
        return start, end, occurrence[4]
    return inline.offset(start), inline.offset(end), inline.content[start:end]


def check(ctx: ArticleContext) -> Iterator[tuple]:
    for row in ctx.alignment.rows:
        cells = [c for c in row.cells if c is not None]
        if not _differ(cells):
            continue  # the same numbers everywhere (most rows): nothing differs, nothing to place
        found = {c.lang: _occurrences(c) for c in cells}
        counts = {lang: Counter(o[4] for o in occ) for lang, occ in found.items()}
        soft = {o[4] for occ in found.values() for o in occ if o[5]}
        values = sorted(set().union(*counts.values()) - soft) if counts else []
        per_value = {value: {lang: counts[lang][value] for lang in counts} for value in values}
        per_value = {value: per for value, per in per_value.items() if len(set(per.values())) > 1}
        for cell in cells:
            missing, extra = [], []
            for value, per in per_value.items():
                ref = reference(cell.lang, per, ctx.source)
                if ref is None:
                    continue
                have = counts[cell.lang][value]
                if have < ref.value:
                    missing.append((value, ref))
                elif have > ref.value:
                    extra.append((value, ref))
            occurrences = found[cell.lang]
            for value, ref in extra:
                start, end, written = _span([o for o in occurrences if o[4] == value][ref.value])
                if missing:
                    other, other_ref = missing.pop(0)
                    message = f"{written} here ({value}); {other} in {other_ref.who}, which have no {value}"
                else:
                    message = f"{written} here ({value}); not in {ref.who}"
                yield cell.version, Hit(start, end, f"number differs: {message}")
            for value, ref in missing:
                first = next((c for c in cells if c.lang in ref.langs), None)
                at = _where(cell, first, found[first.lang] if first else [], value)
                yield cell.version, line_hit(cell.version, at,
                                             f"number missing: {value} appears in {ref.who} in this section, not here")


def _where(cell, ref_cell, ref_occurrences: list[tuple], value: str) -> int:
    """This version's block at the place the reference version (its ``_occurrences``) has the number."""
    block = next((o[0] for o in ref_occurrences if o[4] == value), None) if ref_cell else None
    if block is not None:
        return counterpart(cell, ref_cell, block)
    return section_start(cell.version, cell.section)


RULE = Rule("TC507", "number-mismatch", Severity.WARNING,
            "A number in an aligned section that differs from the other versions.", check, __doc__,
            scope="article")
