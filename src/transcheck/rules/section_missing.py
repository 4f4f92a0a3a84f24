"""section-missing: a section the other versions have and this one lacks.

What it does
    Aligns the sections of all versions of an article and reports a row where this
    version has no section while the reference (the majority of the other versions, or
    the ``--source`` version) has one. The finding points where the section should be:
    at the heading of the next section this version has, or at the end of the file.

Why it matters
    A dropped section is the largest loss a translation can have, and no single-file
    linter can see it. A heading lost to a syntax error (``##Höjdpunkter``) is not a
    missing section: the aligner keeps it, and ``heading-missing-space`` reports it.

Example
    fi, sv, pl and is have ``## Strategiat`` between ``## Tausta`` and ``## Esimerkki``;
    ru goes from ``## История`` straight to ``## Пример``.

Correct
    The section translated, in the same place as in the other versions.

Fix
    Translate the missing section (see the versions named in the message).
    No autofix: it needs a translator.
"""

from __future__ import annotations

from typing import Iterator

from ..consensus import reference
from ..findings import Hit, Severity
from ._locate import end_of_text, section_start
from .base import ArticleContext, Rule


def check(ctx: ArticleContext) -> Iterator[tuple]:
    alignment = ctx.alignment
    rows = alignment.rows
    for k, lang in enumerate(alignment.langs):
        version = alignment.article.versions[k]
        for r, row in enumerate(rows):
            if row.cells[k] is not None:
                continue
            present = {lang2: cell is not None for lang2, cell in zip(alignment.langs, row.cells)}
            ref = reference(lang, present, ctx.source)
            if ref is None or not ref.value:
                continue
            example = next(c for c in row.cells if c is not None and c.lang in ref.langs)
            title = example.section.title or "(untitled)"
            marks = "#" * example.section.level
            following = next((rw.cells[k] for rw in rows[r + 1 :] if rw.cells[k] is not None), None)
            if following is not None:
                at = section_start(version, following.section)
                where = f"before '{following.section.title}'"
            else:
                at = end_of_text(version)
                where = "at the end"
            yield version, Hit(at, at, f"section missing {where}: {ref.who} have `{marks} {title}` "
                                       f"({example.paragraphs} paragraphs, {example.items} bullets) here; "
                                       f"this version has no counterpart")


RULE = Rule("TC501", "section-missing", Severity.WARNING,
            "A section the other versions have and this version lacks.", check, __doc__, scope="article")
