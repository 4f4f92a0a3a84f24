"""language-mismatch: a file whose text is not in the language it is declared in.

What it does
    Identifies the language of the file's prose as a whole (its paragraphs, names, code
    and URLs left out, up to ``SAMPLE`` characters) among the article's languages and
    the declared one, and reports the file when another language wins with probability
    ``CONFIDENT`` or more: a Swedish text saved as ``fi.md``, or the English source
    copied over a translation. Its paragraphs are then not reported one by one by
    ``untranslated-text`` (one root cause, one finding). A file whose first ``HEAD``
    characters of prose are plainly its language by their function words (most files)
    is not read further: a file that starts in its language and then changes is a
    partial translation, whose paragraphs ``untranslated-text`` reports one by one.

Why it matters
    Every cross-version comparison assumes each file is the language it says; a file
    in the wrong language is a whole missing translation.

Example
    ``fi.md`` whose text is the Swedish version.

Correct
    The Finnish text in ``fi.md``.

Fix
    Put the right translation in the file, or correct its language (file name, directory
    or front matter ``lang``). No autofix: it needs a translator.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from typing import Iterator

from ..findings import Hit, Severity
from ..languages import conventions
from ..model import MASK
from ._memo import last_while_alive
from .base import ArticleContext, Rule

SAMPLE = 3000  # characters of prose read
# characters of prose read first: where their function words leave no doubt (``_plainly``),
# the file is its language and the rest of the sample is not read (on the benchmark corpus,
# all but 21 of 2,000 files; at 3,000 characters all but 11)
HEAD = 1000
CONFIDENT = 0.9


def prose_sample(version, limit: int = SAMPLE) -> str:
    """The start of the version's paragraph text (headings, code and URLs left out), up to
    ``limit`` characters."""
    parts, size = [], 0
    for block, inline in version.inlines():
        if block.kind == "paragraph" and inline is block.inline:
            text = inline.masked.replace(MASK, " ").strip()
            parts.append(text)
            size += len(text)
            if size >= limit:
                break
    return " ".join(parts)[:limit]


def _head(version) -> tuple[str, list[str], bool]:
    """The first ``HEAD`` characters of the version's prose, their lower-case words (a word
    the cut splits left out), and whether there is more prose than that."""
    head = prose_sample(version, HEAD + 1)  # one more: is there more?
    if len(head) <= HEAD:
        return head, head.lower().split(), False
    words = head[:HEAD].lower().split()
    if words and not head[HEAD].isspace() and not head[HEAD - 1].isspace():
        words.pop()  # a word cut in two
    return head[:HEAD], words, True


@lru_cache(maxsize=16)
def _function_words(langs: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """Each function word of ``langs`` with the languages it belongs to (one lookup per word)."""
    table: dict[str, list[str]] = {}
    for lang in langs:
        for word in conventions(lang).function_words:
            table.setdefault(word, []).append(lang)
    return {word: tuple(owners) for word, owners in table.items()}


@lru_cache(maxsize=64)
def _languages(lang: str, langs: tuple[str, ...]) -> tuple[str, ...]:
    """``lang`` and the article's ``langs``, sorted (one per pair, not one per version)."""
    return tuple(sorted(set(langs) | {lang}))


def _plainly(words: list[str], lang: str, langs: tuple[str, ...]) -> bool:
    """The function words leave no doubt that the sample's ``words`` (lower case) are in
    ``lang``: at least ten of its own and three times as many as of any other of the
    article's languages."""
    every = _languages(lang, langs)
    table = _function_words(every)
    counts = dict.fromkeys(every, 0)
    seen = Counter(filter(table.__contains__, words))  # the function words, kept and counted in C
    for word, n in seen.items():
        for x in table[word]:
            counts[x] += n
    own = counts.pop(lang)
    return own >= 10 and all(own >= 3 * n for n in counts.values())


def mismatched(version, langs: tuple[str, ...]) -> tuple[str, float] | None:
    """(detected language, probability) when the version is confidently not in its own."""
    if not version.lang:
        return None
    sample, words, more = _head(version)
    plain = len(words) >= 8 and _plainly(words, version.lang, langs)
    if not plain and more:  # in doubt: the whole sample decides
        sample = prose_sample(version)
        words = sample.lower().split()
        plain = len(words) >= 8 and _plainly(words, version.lang, langs)
    if len(words) >= 8 and not plain:
        from ..langid import available, identifier  # loads langdetect: only for a text in doubt

        if available(version.lang):
            lang, probability = identifier(_languages(version.lang, langs)).detect(sample)
            if lang is not None and lang != version.lang and probability >= CONFIDENT:
                return lang, probability
    return None


@last_while_alive
def mismatches(ctx: ArticleContext) -> dict[str, tuple[str, float] | None]:
    """``mismatched`` of each version of the article, by path, among the article's languages:
    language-mismatch and untranslated-text both read it, for the article being checked
    (``_memo.last_while_alive``: made once, freed with the article's context)."""
    langs = tuple(sorted({v.lang for v in ctx.article.versions if v.lang}))
    return {version.path: mismatched(version, langs) for version in ctx.article.versions}


def check(ctx: ArticleContext) -> Iterator[tuple]:
    found_in = mismatches(ctx)
    for version in ctx.article.versions:
        found = found_in[version.path]
        if found is None:
            continue
        lang, probability = found
        first = version.front_matter.last_line + 1 if version.front_matter else 0
        start = next((b.start_line for b in version.blocks if b.start_line >= first), first)
        at = version.source.offset(min(start, version.source.line_count - 1), 0)
        yield version, Hit(at, at + len(version.source.line(min(start, version.source.line_count - 1))),
                           f"this file is declared {version.lang} but its text is {lang} "
                           f"(probability {probability:.2f}); put the {version.lang} translation here, "
                           f"or correct the file's language")


RULE = Rule("TC602", "language-mismatch", Severity.ERROR,
            "A file whose text is not in the language it is declared in.", check, __doc__, scope="article")
