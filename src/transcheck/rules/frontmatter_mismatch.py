"""frontmatter-mismatch: front matter that drifted from the other versions.

What it does
    Compares the front matter of the versions of an article and reports, on a version:
    a key the reference (the majority of the other versions, or the ``--source``
    version) has and this version lacks; a value that must be the same in every language
    (``keywords``, ``tags``, ``categories``, ``date``, ``slug``, ``translationKey``...)
    and differs; a value that is almost the reference's but not quite (``A.Michael
    Spence`` for ``A. Michael Spence``: a name or term damaged, not translated); an empty
    ``title`` or ``description``; and doubly escaped HTML entities (``&amp;quot;``).

Why it matters
    Front matter feeds titles, search, feeds and listings: drift there is seen before
    the article is even opened, and no Markdown renderer reports it.

Example
    ``title: A.Michael Spence`` where en, fi and sv have ``title: A. Michael Spence``.

Correct
    ``title: A. Michael Spence``

Fix
    Copy the value (or the key) from the versions named in the message.
    No autofix: transcheck never rewrites front matter.
"""

from __future__ import annotations

from typing import Iterator

from ..consensus import near_copy, reference
from ..findings import Hit, Severity
from ._locate import front_matter_value
from .base import ArticleContext, Rule

SHARED_KEYS = frozenset({"keywords", "tags", "categories", "category", "date", "slug", "translationKey",
                         "translation_key", "author", "image", "layout", "weight", "draft", "type"})
TEXT_KEYS = ("title", "description")
DOUBLE_ESCAPES = ("&amp;quot;", "&amp;#39;", "&amp;amp;", "&amp;lt;", "&amp;gt;", "&amp;#")


def _text(value) -> str:
    if isinstance(value, (list, tuple)):
        return ",".join(str(v) for v in value)
    return "" if value is None else str(value)


def _no_majority(values: dict) -> bool:
    """Do three or more versions hold as many different values? Then ``reference`` (by the
    majority of the others, no source) has none for any of them: the others, two or more,
    each hold their own value (tests/test_minor_shortcuts.py holds this to ``reference``)."""
    return len(values) >= 3 and len(set(values.values())) == len(values)


def check(ctx: ArticleContext) -> Iterator[tuple]:
    versions = ctx.article.versions
    matters = {v.lang: (v.front_matter.data if v.front_matter else None) for v in versions}
    present = [v for v in versions if matters[v.lang] is not None]
    # Keys named transcheck-... are settings for this tool (transcheck-disable), not content.
    keys = sorted({k for d in matters.values() if d for k in d if not str(k).startswith("transcheck-")}, key=str)
    # each key's value (as text) in the versions that have it
    texts = {key: {v.lang: _text(matters[v.lang][key]) for v in present if key in matters[v.lang]} for key in keys}
    # the keys whose versions all hold the same value (most), and without a source those whose
    # versions, three or more, each hold another (a translated title: ``_no_majority``): no
    # reference differs from a version's value
    settled = {key for key, values in texts.items()
               if len(set(values.values())) == 1 or (ctx.source is None and _no_majority(values))}
    for version in versions:
        own = matters[version.lang]
        if own is None:
            has = {lang: d is not None for lang, d in matters.items()}
            ref = reference(version.lang, has, ctx.source)
            if ref is not None and ref.value and not version.front_matter_error:
                yield version, Hit(0, len(version.source.line(0)),
                                   f"no front matter here; {ref.who} have it (keys: {', '.join(map(str, keys))})")
            continue
        for key in keys:
            if key not in own:
                has = {v.lang: key in matters[v.lang] for v in present}
                ref = reference(version.lang, has, ctx.source)
                if ref is not None and ref.value:
                    a, b = front_matter_value(version, key)
                    yield version, Hit(a, b, f"front matter key `{key}` missing; {ref.who} have it")
                continue
            value = texts[key][version.lang]
            if key in TEXT_KEYS and not value.strip():
                yield version, Hit(*front_matter_value(version, key), f"`{key}` is empty")
                continue
            escaped = next((e for e in DOUBLE_ESCAPES if e in value), None)
            if escaped:
                yield version, Hit(*front_matter_value(version, key),
                                   f"`{key}` has a doubly escaped entity `{escaped}`: write it once "
                                   f"(`{escaped.replace('&amp;', '&', 1)}`) or as the character")
                continue
            if key in settled:
                continue
            ref = reference(version.lang, texts[key], ctx.source)
            if ref is None or ref.value == value or any(e in str(ref.value) for e in DOUBLE_ESCAPES):
                continue  # the same, or the others are the damaged ones (reported on them)
            if key in SHARED_KEYS:
                yield version, Hit(*front_matter_value(version, key),
                                   f"`{key}` is `{value}` here; `{ref.value}` in {ref.who} "
                                   f"(the same in every language)")
            elif near_copy(value, str(ref.value)):
                yield version, Hit(*front_matter_value(version, key),
                                   f"`{key}` is `{value}` here; `{ref.value}` in {ref.who}: "
                                   f"almost the same, so not a translation but a damaged copy")


RULE = Rule("TC509", "frontmatter-mismatch", Severity.WARNING,
            "Front matter that drifted from the other versions (missing keys, shared values, damaged copies).",
            check, __doc__, scope="article")
