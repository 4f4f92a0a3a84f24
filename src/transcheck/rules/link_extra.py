"""link-extra: a link this version has in a section and the other versions do not.

What it does
    Counts the relative link targets of each aligned section (a split link counts once)
    and reports a link whose target this version has more often than the reference (the
    majority of the other versions, or the ``--source`` version). The finding points at
    the extra link itself. Absolute URLs are not compared.

Why it matters
    An extra link is usually markup that moved: a link put on the wrong term, or copied
    into a second place. Readers follow it to a page the other versions do not offer
    there.

Example
    ``[.](/mlr)`` after a sentence that already links ``/mlr`` in the other versions'
    counterpart, or a link to ``/grey-swan`` in the wrong section.

Correct
    The same links, in the same sections, as the other versions.

Fix
    Remove the extra link, or move it to the section the other versions have it in.
    No autofix: which of the links is the extra one is a reader's call.
"""

from __future__ import annotations

from typing import Iterator

from ..consensus import reference
from ..findings import Hit, Severity
from ._links import links_of, target_counts
from .link_text_trivial import trivial
from .base import ArticleContext, Rule


def check(ctx: ArticleContext) -> Iterator[tuple]:
    for cells, counts in target_counts(ctx):
        if counts is None:
            continue  # the same links everywhere
        for cell in cells:
            for target, have in counts[cell.lang].items():
                per_lang = {lang: counts[lang][target] for lang in counts}
                if len(set(per_lang.values())) == 1:
                    continue  # every version agrees
                ref = reference(cell.lang, per_lang, ctx.source)
                if ref is None or have <= ref.value:
                    continue
                links = [link for _, link in links_of(cell) if link.target == target]
                extra = links[ref.value] if ref.value < len(links) else links[-1]
                if trivial(extra.text, extra.target, cell.lang):
                    continue  # `[.](/mlr)`: link-text-trivial reports the moved link
                yield cell.version, Hit(extra.start, extra.end,
                                        f"extra link to {target}: {have} here; {ref.value} in {ref.who}")


RULE = Rule("TC506", "link-extra", Severity.WARNING,
            "A link target this version has in the aligned section more often than the other versions.",
            check, __doc__, scope="article")
