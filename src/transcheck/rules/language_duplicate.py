"""language-duplicate: two versions of one article in the same language.

What it does
    Reports each version of an article whose language another version also has: front
    matter joined a file to an article that already has its language (``translationKey``),
    or gave a file the language of a sibling (``lang``). The version kept as the article's
    own is one whose language its front matter does not set (its path gives it), the first
    in path order; each other one is reported at the front matter value that made it so
    (``lang`` or ``language``, else ``translationKey``; else the first line), naming the
    kept file.

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

_LANG_KEYS = ("lang", "language")
_CAUSES = _LANG_KEYS + ("translationKey", "translation_key")


def _data(version) -> dict:
    return version.front_matter.data if version.front_matter else {}


def check(ctx: ArticleContext) -> Iterator[tuple]:
    by_lang: dict[str, list] = {}
    for version in ctx.article.versions:
        if version.lang:
            by_lang.setdefault(version.lang, []).append(version)
    for lang, versions in by_lang.items():
        if len(versions) < 2:
            continue
        # the article's own: a file whose path gives its language, before one whose front matter does
        versions.sort(key=lambda v: (any(key in _data(v) for key in _LANG_KEYS), v.path))
        kept = versions[0]
        for version in versions[1:]:
            data = _data(version)
            cause = next((key for key in _CAUSES if key in data), None)
            start, end = front_matter_value(version, cause) if cause else (0, len(version.source.line(0)))
            why = f" (its front matter `{cause}: {data[cause]}`)" if cause else ""
            yield version, Hit(start, end, f"a second {lang} version of article '{ctx.article.slug}'{why}: "
                                           f"{kept.path} is {lang} too; give this file its own article "
                                           f"or language, or remove one of the two")


RULE = Rule("TC512", "language-duplicate", Severity.ERROR,
            "Two versions of one article in the same language.", check, __doc__, scope="article")
