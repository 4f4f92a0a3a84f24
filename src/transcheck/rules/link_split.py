"""link-split: one link broken into adjacent links to the same target.

What it does
    Finds two or more links separated only by spaces (or nothing) that point to the same target:
    ``[sosiaalisen](/x) [median verkostojen](/x)``.

Why it matters
    Translation tools often cut a link's text at a word boundary and repeat the link.
    The reader sees two links (two underlines, two tab stops) for one term, and the
    version no longer has the same links as the others.

Example
    ``[sociala](/social-networking-service-sns) [medienätverk](/social-networking-service-sns)``

Correct
    ``[sociala medienätverk](/social-networking-service-sns)``

Fix
    Join the texts into one link. Links to different targets side by side (two terms,
    reordered by the translation) are not flagged.
"""

from __future__ import annotations

from typing import Iterator

from ..findings import Hit, Severity
from ..model import Version
from .base import Rule


def check(version: Version) -> Iterator[Hit]:
    for _, inline in version.inlines():
        links = [link for link in inline.links if link.kind in ("inline", "reference") and link.target]
        run = []
        for link in links:
            gap = inline.content[run[-1].c_end : link.c_start] if run else "x"
            if run and link.target == run[-1].target and (gap == "" or gap.isspace()):
                run.append(link)
                continue
            if len(run) > 1:
                yield _hit(run)
            run = [link]
        if len(run) > 1:
            yield _hit(run)


def _hit(run) -> Hit:
    parts = " ".join(f"[{link.text}]" for link in run)
    joined = " ".join(link.text.strip() for link in run)
    return Hit(run[0].start, run[-1].end,
               f"one link split in {len(run)}: {parts} all go to {run[0].target}; "
               f"make it one link: [{joined}]({run[0].target})")


RULE = Rule("TC201", "link-split", Severity.WARNING,
            "Adjacent links to the same target, separated only by spaces: one link split in two.",
            check, __doc__)
