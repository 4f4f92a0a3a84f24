"""language-duplicate: two versions of one article in the same language.

What it does
    Reports a version of an article whose language a version earlier in path order also
    has: front matter joined a file to an article that already has its language
    (``translationKey``), or gave a file the language of a sibling (``lang``). The
    finding is at the front matter value that did it (``translationKey``, else ``lang``
    or ``language``; else the first line) and names the other file.

Why it matters
    An article has one text per language. With two, which one readers get depends on how
    the site is built, and every cross-version rule compares the article with itself in
    that language. One of the two files is filed under the wrong article or language.

Example
    ``a/fi.md`` and ``b/fi.md`` both with ``translationKey: smo``; or ``smo/sv.md`` with
    ``lang: fi`` beside ``smo/fi.md``.

Correct
    One ``fi`` version per article: the stray file's ``translationKey`` names its own
    article, or its ``lang`` its own language.

Fix
    Correct the stray file's front matter, or remove the copy. No autofix: only the
    author knows which of the two files is the right one.
"""

from __future__ import annotations

from typing import Iterator

from ..findings import Hit, Severity
from ._locate import front_matter_value
from .base import ArticleContext, Rule

_CAUSES = ("translationKey", "translation_key", "lang", "language")


def check(ctx: ArticleContext) -> Iterator[tuple]:
    first: dict[str, object] = {}
    for version in sorted(ctx.article.versions, key=lambda v: v.path):
        if not version.lang:
            continue
        earlier = first.setdefault(version.lang, version)
        if earlier is version:
            continue
        data = version.front_matter.data if version.front_matter else {}
        cause = next((key for key in _CAUSES if key in data), None)
        start, end = front_matter_value(version, cause) if cause else (0, len(version.source.line(0)))
        why = f" (its front matter `{cause}: {data[cause]}`)" if cause else ""
        yield version, Hit(start, end, f"a second {version.lang} version of article '{ctx.article.slug}'{why}: "
                                       f"{earlier.path} is {version.lang} too; give this file its own article "
                                       f"or language, or remove one of the two")


RULE = Rule("TC512", "language-duplicate", Severity.ERROR,
            "Two versions of one article in the same language.", check, __doc__, scope="article")
