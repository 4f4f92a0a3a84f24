"""paragraph-count-mismatch: a paragraph dropped or added in an aligned section.

What it does
    Aligns the paragraphs of each aligned section with those of the reference version
    (the closest to the majority of the other versions, or the ``--source`` version) by
    their lengths, each as a share of its article: a monotone alignment that may match
    two paragraphs, split one into two, merge two into one, or skip one. A skipped
    paragraph is a dropped (or added) one; splits and merges keep the text and are not
    reported. Bullets are ``bullet-count-mismatch``'s, and lines ``bullet-marker-invalid``
    reports are not paragraphs here; a section next to a section this version lacks is
    left to ``section-missing``.

Why it matters
    A dropped paragraph is lost content that no single-file check can notice; an added
    one is often a duplicated or untranslated block.

Example
    fi, sv, pl and is have "Those days count as:" before the list; ru goes straight
    from the paragraph above to the list.

Correct
    The same paragraphs, or the same text split differently.

Fix
    Translate the missing paragraph (see the versions named), or remove the extra one.
    No autofix: it needs a translator.
"""

from __future__ import annotations

from typing import Iterator

from ..consensus import disagreements, reference
from ..findings import Severity
from ._locate import block_start, end_of_text, line_hit, line_start
from .base import ArticleContext, Rule
from ._lists import accidental_lists, ordered_lists
from .bullet_marker_invalid import dash_led, may_lead_a_line

SKIP = 0.6  # cost of a paragraph with no counterpart
JOIN = 0.5  # extra cost of a split or a merge: above SKIP minus a close match, so a short
# dropped paragraph is not explained away as merged into its neighbour
MAX_JOIN = 12  # at most this many paragraphs written as one (single newlines in the source)
def _paragraphs(cell, lists_are_text: bool = False, accidental: tuple = ()) -> list:
    """Top-level paragraphs (and those of blockquotes and of ``accidental`` lists), not
    bullets nor would-be bullets: bullets are bullet-count-mismatch's. With
    ``lists_are_text`` (the other versions have no list here) every list counts as text."""
    out: list = []
    _collect(cell.section.blocks, lists_are_text, accidental, out)
    return out


def _collect(blocks, lists_are_text: bool, accidental: tuple, out: list) -> None:
    """``_paragraphs`` of ``blocks``, in document order, appended to ``out``."""
    for block in blocks:
        kind = block.kind
        if kind == "paragraph":
            if block.inline and not dash_led(block.inline.content):
                out.append(block)
        elif kind == "blockquote" or kind == "item" or (kind == "list" and (
                lists_are_text or any(block is a for a in accidental))):
            _collect(block.children, lists_are_text, accidental, out)


def _counted(cell) -> bool:
    """Are the cell's paragraphs here those the aligner counted (``Cell.paragraphs``: every
    paragraph of the section)? When the section has no list (no list item) and no line of the
    version's paragraphs can start with a dash or bullet (``may_lead_a_line``),
    ``_paragraphs`` keeps every paragraph."""
    return not cell.items and not may_lead_a_line(cell.version.source.text)


def _shares(cell, paragraphs) -> list[float]:
    """Paragraph lengths scaled by the rest of the article (outside this section), so that
    languages that expand differently compare, and a drop here does not rescale the rest.
    When the section is most of the article, raw lengths (in thousands of characters)."""
    rest = cell.article_prose - cell.prose
    scale = rest if rest >= 0.3 * cell.article_prose and rest > 0 else 1000
    return [len(b.inline.masked) / scale for b in paragraphs]


def _diff(a: float, b: float) -> float:
    return abs(a - b) / max(a, b, 1e-9)


def skipped(own: list[float], ref: list[float]) -> tuple[list[int], list[int]]:
    """Indices of own paragraphs with no counterpart, and of reference ones, at least cost."""
    n, m = len(own), len(ref)
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back = [[None] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            c = cost[i][j]
            if c == inf:
                continue
            steps = []
            if i < n and j < m:
                steps.append((i + 1, j + 1, _diff(own[i], ref[j])))
                joined = own[i]
                for t in range(2, min(MAX_JOIN, n - i) + 1):  # own i..i+t-1 written as ref j
                    joined += own[i + t - 1]
                    steps.append((i + t, j + 1, 2 * _diff(joined, ref[j]) + JOIN))
                joined = ref[j]
                for t in range(2, min(MAX_JOIN, m - j) + 1):  # ref j..j+t-1 written as own i
                    joined += ref[j + t - 1]
                    steps.append((i + 1, j + t, 2 * _diff(own[i], joined) + JOIN))
            if i < n:
                steps.append((i + 1, j, SKIP))
            if j < m:
                steps.append((i, j + 1, SKIP))
            for a, b, w in steps:
                if c + w < cost[a][b]:
                    cost[a][b] = c + w
                    back[a][b] = (i, j)
    own_skips, ref_skips = [], []
    i, j = n, m
    while (i, j) != (0, 0):
        pi, pj = back[i][j]
        if pj == j:
            own_skips.append(pi)
        elif pi == i:
            ref_skips.append(pj)
        i, j = pi, pj
    return own_skips[::-1], ref_skips[::-1]


def _after(cell, paragraphs) -> int:
    """Where a paragraph dropped after the last one would be: the next block, or the end."""
    last = paragraphs[-1].end_line if paragraphs else -1
    following = [b for b in cell.section.blocks if b.start_line >= last]
    if following:
        return block_start(cell.version, following[0])
    if cell.section.end_line < cell.version.source.line_count:
        return line_start(cell.version, cell.section.end_line)  # the next section's heading
    return end_of_text(cell.version)


def _n(count: int) -> str:
    return f"{count} paragraph{'s' if count != 1 else ''}"


def check(ctx: ArticleContext) -> Iterator[tuple]:
    rows = ctx.alignment.rows
    for r, row in enumerate(rows):
        cells = [c for c in row.cells if c is not None]
        listed = {c.lang: c.items > 0 for c in cells}
        everywhere = all(listed.values())  # every version has a list here: none is text by its reference
        # only these can have accidental lists (a list has items: no items, no list to walk for)
        ordered = {c.lang for c in cells if c.items and ordered_lists(c)}
        paragraphs = {}
        counts = {}
        for c in cells:
            if _counted(c):
                counts[c.lang] = c.paragraphs  # the paragraphs are collected only if the count differs
                continue
            as_text = False
            if listed[c.lang] and not everywhere:
                ref_listed = reference(c.lang, listed, ctx.source)
                as_text = ref_listed is not None and not ref_listed.value
            accidental = ()
            if c.lang in ordered:
                accidental = tuple(accidental_lists(c, [o for o in cells if o is not c]))
            paragraphs[c.lang] = _paragraphs(c, as_text, accidental)
            counts[c.lang] = len(paragraphs[c.lang])
        for cell, ref in disagreements(cells, counts, ctx.source):
            k = ctx.alignment.langs.index(cell.lang)
            if any(0 <= x < len(rows) and rows[x].cells[k] is None for x in (r - 1, r + 1)):
                continue  # next to a section this version lacks: section-missing reports that
            ref_cell = next(c for c in cells if c.lang in ref.langs)
            for c in (cell, ref_cell):
                if c.lang not in paragraphs:
                    paragraphs[c.lang] = _paragraphs(c)  # no list in it: nothing counts as text or accidental
            own_p, ref_p = paragraphs[cell.lang], paragraphs[ref_cell.lang]
            own_skips, ref_skips = skipped(_shares(cell, own_p), _shares(ref_cell, ref_p))
            places = set()
            for j in ref_skips:
                # dropped here: point at the paragraph that follows where it should be
                before = j - sum(1 for x in ref_skips if x < j) + sum(1 for x in own_skips if x <= j)
                at = block_start(cell.version, own_p[before]) if before < len(own_p) else _after(cell, own_p)
                if at in places:
                    continue
                places.add(at)
                yield cell.version, line_hit(cell.version, at,
                                             f"paragraph missing before this line: {_n(counts[cell.lang])} here "
                                             f"in '{cell.section.title}'; {ref.value} in {ref.who} (a split or merge "
                                             f"would keep the text; this does not)")
            for i in own_skips:
                at = block_start(cell.version, own_p[i])
                yield cell.version, line_hit(cell.version, at,
                                             f"paragraph with no counterpart: {_n(counts[cell.lang])} here in "
                                             f"'{cell.section.title}'; {ref.value} in {ref.who}")


RULE = Rule("TC508", "paragraph-count-mismatch", Severity.WARNING,
            "A paragraph dropped or added in an aligned section (splits and merges allowed).", check, __doc__,
            scope="article")
