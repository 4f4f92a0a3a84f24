"""length-outlier: a section far shorter or longer than the other versions predict.

What it does
    Measures the prose of each aligned section (characters of text, code and URLs left
    out) and predicts it from each other version: that version's section scaled by the
    ratio of the two versions' prose in the rest of the article, which calibrates the
    comparison per language pair and per article (Finnish runs longer than Swedish; a
    paraphrase may be shorter overall) without letting the section judge itself. The
    ratio is smoothed (``SMOOTH`` characters added to both sides), so an article with
    little other text compares the section about one to one. The prediction is the median of the others, and it counts only when they
    agree with each other (within ``spread``). A section below ``short`` or above
    ``long`` times the prediction is reported at its heading. Sections of fewer than
    ``min-chars`` predicted characters are not judged (one sentence more or less is
    normal), and a section whose paragraph or bullet count already differs, or whose
    row holds a heading lost to a syntax error, is left to the rules that explain it
    (one root cause, one finding).

Why it matters
    A translation cut off mid-section, or a paragraph pasted twice, keeps the section's
    structure and so escapes the count rules; only its length gives it away.

Example
    The fi section "Historia" has 310 characters where sv, pl, is and ru predict 1,200.

Correct
    A section whose length is in line with the other versions.

Fix
    Compare the section with the versions named in the message: translate what was cut,
    remove what was duplicated. No autofix: it needs a translator.

Options
    ``short`` (0.6), ``long`` (1.8), ``spread`` (1.5), ``min-chars`` (300), in
    ``[tool.transcheck.rules.length-outlier]``. On the real corpus the ratios of 1,306
    judged sections lie between 0.78 and 1.63.
"""

from __future__ import annotations

from typing import Iterator

from ..consensus import counts_differ
from ..findings import Severity
from ._locate import line_hit, section_start
from ._median import median_sorted
from .base import ArticleContext, Rule

SHORT = 0.6  # below this share of the prediction a section is truncated (real corpus: 0.78 lowest)
LONG = 1.8  # above this multiple it is duplicated or padded (real corpus: 1.63 highest)
SPREAD = 1.5  # the other versions' scaled lengths must agree within this ratio (real corpus: 1.31 at the 99th percentile)
MIN_CHARS = 300  # predictions below this are not judged
SMOOTH = 500  # characters added to both sides of a length ratio, so little text elsewhere means "about 1"


def _explained(cell, cells, source) -> bool:
    """The count rules or heading-missing-space already account for this row."""
    return any(not c.section.well_formed for c in cells) or counts_differ(cell, cells, source)


# _close's margin: far above the rounding of the few float operations that give a ratio
# (~1e-16 each), far below any difference the thresholds mean
_MARGIN = 1e-9


def _close(cells, short: float, long: float) -> bool:
    """Is no cell of the row out of bounds, whatever the others it is compared with? A
    cell's prediction from another is ``c.prose * d / d_c`` (``d``, ``d_c``: the rest of
    the article, smoothed, here and there), so its ratio ``cell.prose / predicted`` is
    ``r / median(r_c)`` of the densities ``r = prose / d``: between the smallest density's
    share of the largest and the reverse. When those lie within ``short``..``long`` (with a
    margin for rounding), every cell of the row passes ``check``'s test, and the row is
    skipped without a prediction per cell (most rows: their versions are of like length)."""
    densities = [c.prose / (c.article_prose - c.prose + SMOOTH) for c in cells]
    lo, hi = min(densities), max(densities)
    return lo > 0 and hi < lo * long * (1 - _MARGIN) and lo > hi * short * (1 + _MARGIN)


def check(ctx: ArticleContext, *, short: float = SHORT, long: float = LONG, spread: float = SPREAD,
          min_chars: int = MIN_CHARS) -> Iterator[tuple]:
    for row in ctx.alignment.rows:
        cells = [c for c in row.cells if c is not None and c.article_prose]
        if len(cells) < 3 or _close(cells, short, long):
            continue
        for cell in cells:
            if ctx.source is not None and cell.lang == ctx.source:
                continue
            others = [c for c in cells if c is not cell and (ctx.source is None or c.lang == ctx.source)]
            if not others:
                continue
            rest = cell.article_prose - cell.prose
            scaled = {c.lang: c.prose * (rest + SMOOTH) / (c.article_prose - c.prose + SMOOTH) for c in others}
            values = sorted(scaled.values())
            predicted = median_sorted(values)
            if predicted < min_chars or values[0] * spread < values[-1]:
                continue
            ratio = cell.prose / predicted
            if short <= ratio <= long or _explained(cell, cells, ctx.source):
                continue
            what = "shorter" if ratio < short else "longer"
            yield cell.version, line_hit(
                cell.version, section_start(cell.version, cell.section),
                f"section {what} than the other versions predict: {cell.prose:,} characters of text here; "
                f"{predicted:,.0f} expected from {', '.join(scaled)} (each scaled by the rest of the article); "
                f"{'cut off' if ratio < short else 'duplicated or padded'}?")


RULE = Rule("TC511", "length-outlier", Severity.WARNING,
            "A section far shorter or longer than the other versions predict (truncated or duplicated).",
            check, __doc__, scope="article")
