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
    Safe autofix for inline links: one link over all the texts, the spaces between
    them kept (``[sosiaalisen](/x) [median verkostojen](/x)`` ->
    ``[sosiaalisen median verkostojen](/x)``); a compound whose hyphen was spaced off
    joins at the hyphen (``[Pareto -](/x) [periaate](/x)`` -> ``[Pareto-periaate](/x)``).
    No fix when a part is only a function word or punctuation (``[term](/x) [til](/x)``:
    the link was moved onto the wrong word, see ``link-text-trivial``), nor for reference
    links (the joined text would be a new label). Links to different targets side by side
    (two terms, reordered by the translation) are not flagged.
"""

from __future__ import annotations

import re
from typing import Iterator

from ..findings import Edit, Fix, Hit, Severity
from ..model import Inline, Version
from ._prose import prose
from .base import Rule


def check(version: Version) -> Iterator[Hit]:
    inlines = version.inlines()
    for k in prose(version).linked:
        inline = inlines[k][1]
        if len(inline.links) < 2:
            continue  # a split link has two parts at least
        links = [link for link in inline.links if link.kind in ("inline", "reference") and link.target]
        run = []
        for link in links:
            gap = inline.content[run[-1].c_end : link.c_start] if run else "x"
            if run and link.target == run[-1].target and (gap == "" or gap.isspace()):
                run.append(link)
                continue
            if len(run) > 1:
                yield _hit(run, version, inline)
            run = [link]
        if len(run) > 1:
            yield _hit(run, version, inline)


SHOWN = 6  # link texts a message quotes; a longer run shows its first and last ones


def _hit(run, version: Version, inline: Inline) -> Hit:
    shown = run if len(run) <= SHOWN else [*run[: SHOWN - 2], None, run[-1]]
    parts = " ".join("…" if link is None else f"[{link.text}]" for link in shown)
    joined = " ".join("…" if link is None else link.text.strip() for link in shown)
    return Hit(run[0].start, run[-1].end,
               f"one link split in {len(run)}: {parts} all go to {run[0].target}; "
               f"make it one link: [{joined}]({run[0].target})", fix=_fix(run, version, inline))


_COMPOUND = re.compile(r"(?<![ \t\u00a0])[ \t\u00a0]+-$")  # `[Pareto -]`: the hyphen of a compound, spaced off


def _fix(run, version: Version, inline: Inline) -> Fix | None:
    """Join the run into its last link: each `](...) [` between two texts becomes the
    spaces between them (or the compound's hyphen)."""
    from .link_text_trivial import trivial

    source = version.source.text
    if any(link.kind != "inline" or source[link.start] != "[" for link in run):
        return None
    if any(trivial(inline.masked[link.c_text_start : link.c_text_end], link.target, version.lang) for link in run):
        return None
    edits = []
    for left, right in zip(run, run[1:]):
        compound = _COMPOUND.search(inline.masked[left.c_text_start : left.c_text_end])
        if compound:
            edits.append(Edit(left.text_end - len(compound.group()), right.text_start, "-"))
            continue
        gap = source[left.end : right.start]
        if left.text[-1:].isspace() or right.text[:1].isspace():
            gap = ""
        edits.append(Edit(left.text_end, right.text_start, gap))
    return Fix.safe(*edits, structure=(("link", 1 - len(run)),))


RULE = Rule("TC201", "link-split", Severity.WARNING,
            "Adjacent links to the same target, separated only by spaces: one link split in two.",
            check, __doc__, fixable=True)
