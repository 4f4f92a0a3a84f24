"""untranslated-text: a paragraph, sentence, heading, bullet, title or description left in another language.

What it does
    Reads every paragraph and bullet of a version with at least ``min-words`` (4) words of
    prose (names, acronyms, code, URLs and link targets left out) and asks, of each
    sentence of four words or more, "this version's language, or one of the other
    versions' languages?". A cheap vote of function words answers most sentences (``the
    of and`` against ``ja on että``): a sentence with fewer than two function words of
    another language, or with two of its own, is its own language; only the others go
    to the language identifier (``langid``), and a sentence is reported when it is another language with
    probability ``confidence`` (0.9) or more. A paragraph whose sentences are all in one other
    language is reported once, as a paragraph; a quotation most versions keep as it is
    (``rara avis in terris``) is not reported. Short strings (headings, the ``title``),
    which no detector reads reliably, are compared across versions instead: a
    translation that copies the origin version's string (English, or the ``--source``
    language; "Bottom Line" for "The Bottom Line") while every other translation
    translates it has left it untranslated; strings of acronyms only (``FAQ``) are
    terms. A title whose term the body's paragraphs also use (``title: Escrow``) is
    reported as info (probably deliberate). A file entirely in another language is
    ``language-mismatch``'s.

Why it matters
    An English paragraph inside the Finnish article is text a Finnish reader was
    promised in Finnish; machine translation pipelines leave such holes silently.

Example
    fi ``## Bottom Line`` where en has ``## The Bottom Line`` and sv, pl, is, ru translate it.

Correct
    ``## Yhteenveto``

Fix
    Translate the text (the other versions show what it says).
    No autofix: it needs a translator.

Options
    ``min-words`` (4) and ``confidence`` (0.9), in ``[tool.transcheck.rules.untranslated-text]``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from itertools import compress
from typing import Iterator

from ..findings import Hit, Severity
from ..languages import conventions
from ..model import MASK
from ._locate import front_matter_value, line_start
from .base import ArticleContext, Rule
from .language_mismatch import mismatches

MIN_WORDS = 4  # sentences (and paragraphs) shorter than this are not judged by detection
CONFIDENT = 0.9  # probability from which a detected language is believed
ORIGIN = "en"  # the language short strings are copied from, unless --source names another
# The closing marks and spaces after a sentence's final mark (group 1): written to start
# with that mark, not a lookbehind for it, so the regex engine skips ahead to the marks
# instead of trying every position (same spans, checked exhaustively in the tests).
_SENTENCE_END = re.compile(r"[.!?…]([\"'”»)]*\s+)")
_NOT_LETTER = re.compile(r"[\W\d_]+")
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
# For ``_latin_words``: each Latin-1 byte that is not a letter, as a space; and the
# same but NUL, which separates paragraphs (``_Judge.may_be_foreign_each``).
_NOT_LETTERS = bytes(c for c in range(256) if not chr(c).isalpha())
_LATIN_SPACED = bytes.maketrans(_NOT_LETTERS, b" " * len(_NOT_LETTERS))
_LATIN_SPACED_BUT_NUL = bytes.maketrans(_NOT_LETTERS[1:], b" " * (len(_NOT_LETTERS) - 1))
_SEPARATOR = "\0"


def _prose_words(text: str) -> list[str]:
    """The common words of a text: lower-case words of two letters or more (names,
    acronyms, sentence-initial words, symbols of formulas and masked parts left out)."""
    return [w for w in _WORD.findall(text) if len(w) >= 2 and not w[0].isupper()]


def _latin_words(text: str) -> list[bytes]:
    """The text's runs of Latin-1 letters, Latin-1 encoded, as often as they occur:
    every other character, any beyond Latin-1 included, cuts.

    Every ``_WORD`` word made only of Latin-1 letters is one of them, as often as
    ``_WORD.findall`` gives it (its neighbours are not letters), and there are a few
    more ("it's" gives "it" and "s"): a count of such words here is never lower. Three
    bytes operations, several times cheaper than the regular expression."""
    return text.encode("latin-1", "replace").translate(_LATIN_SPACED).split()


def _twice(words: list[bytes], cues: list[frozenset], union: frozenset) -> list[frozenset]:
    """Of ``cues`` (a set of words per language; ``union``: all of them), those that
    occur twice or more among ``words``, each cut down to the words that occur. Two
    different words occur twice: only a set with one word that occurs is counted."""
    found = union.intersection(words)
    if not found:
        return []
    present = [cue & found for cue in cues]
    return [cue for cue in present if len(cue) >= 2 or (cue and words.count(next(iter(cue))) >= 2)]


def _twice_each(words: list[bytes], count: int, cues: list[frozenset], own: frozenset = frozenset()) -> list[bool]:
    """For each of ``count`` texts whose words, joined by `` NUL ``, are ``words``: whether
    some set of ``cues`` has words occurring twice or more among the text's, one of them
    at least not in ``own`` (the version's own function words: see ``_Judge.may_be_foreign``).
    The cues' occurrences are found with ``list.index`` and placed by the separators'
    indexes, not counted in a copy of each text's words: the sets are small (a word or
    two that two languages share, like ``en``) and most texts hold none or one."""
    ends, at, separator = [], -1, _SEPARATOR.encode()
    for _ in range(count - 1):
        at = words.index(separator, at + 1)
        ends.append(at)
    passed = [False] * count
    for cue in cues:
        tally, alien = [0] * count, [False] * count
        for word in cue:
            mine, at = word in own, -1
            while True:
                try:
                    at = words.index(word, at + 1)
                except ValueError:
                    break
                k = bisect_left(ends, at)
                tally[k] += 1
                if not mine:
                    alien[k] = True
        passed = [p or (n >= 2 and a) for p, n, a in zip(passed, tally, alien)]
    return passed


def _parts(words: list[bytes], count: int) -> list[list[bytes]]:
    """``words`` of ``count`` texts joined by `` NUL ``, cut back into each text's."""
    parts, start, separator = [], 0, _SEPARATOR.encode()
    for _ in range(count - 1):
        end = words.index(separator, start)
        parts.append(words[start:end])
        start = end + 1
    parts.append(words[start:])
    return parts


def _plainly_own(words: list[str], own_words: frozenset, other_words: list[frozenset]) -> bool:
    """The function words settle it: fewer than two of any other language's, or at least
    two of its own and no more of another's (names of another language aside)."""
    own = sum(map(own_words.__contains__, words))
    best = max((sum(map(fw.__contains__, words)) for fw in other_words), default=0)
    return best < 2 or (own >= 2 and own >= best)


def _sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a text."""
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        spans.append((start, match.start(1)))
        start = match.end(1)
    if start < len(text):
        spans.append((start, len(text)))
    return spans


@lru_cache(maxsize=None)
def _cue_words(lang: str) -> frozenset:
    """The language's function words that a prose word can be (two letters or more)."""
    return frozenset(w for w in conventions(lang).function_words if len(w) >= 2)


@lru_cache(maxsize=None)
def _latin_cues(others: tuple[str, ...]) -> tuple[list[frozenset], frozenset, str] | None:
    """The cues of ``others`` as ``_latin_words`` gives them (those made of Latin-1
    letters; one set per language), all of them, and letters beyond Latin-1 such that
    each other cue has one (a text without any of them has none of those cues: a few
    letters to look for, not all of theirs). None when some cue has a character that is
    not a letter (``_latin_words`` never gives it)."""
    cues = [_cue_words(x) for x in others]
    if not all(w.isalpha() for cue in cues for w in cue):
        return None
    latin = [frozenset(w.encode("latin-1") for w in cue if max(w) <= "\xff") for cue in cues]
    rest = {w for cue in cues for w in cue if max(w) > "\xff"}
    beyond = ""
    while rest:  # the letter in most of the cues left, until every cue has one
        letter = max(sorted({c for w in rest for c in w if c > "\xff"}), key=lambda c: sum(c in w for w in rest))
        beyond += letter
        rest = {w for w in rest if letter not in w}
    return latin, frozenset().union(*latin), beyond


@lru_cache(maxsize=None)
def _own_plain(lang: str) -> frozenset:
    """The language's function words that are prose words (``_prose_words``) as they
    stand between spaces: two letters or more, letters only, not capitalised."""
    return frozenset(w for w in conventions(lang).function_words
                     if len(w) >= 2 and w.isalpha() and not w[0].isupper())


@lru_cache(maxsize=None)
def _words_of(lang: str, others: tuple[str, ...]) -> tuple:
    """What a ``_Judge`` of ``lang`` among ``others`` reads words with (one per pair, not
    one per version): own and other function words, the others' cues, all of them,
    ``_own_plain``, ``_latin_cues``, the own function words as ``_latin_words`` gives them."""
    cues = [_cue_words(x) for x in others]
    own = conventions(lang).function_words
    own_latin = frozenset(w.encode("latin-1") for w in own if max(w) <= "\xff")
    return (own, [conventions(x).function_words for x in others], cues,
            frozenset().union(*cues), _own_plain(lang), _latin_cues(others), own_latin)


class _Judge:
    """Decides the language of one version's sentences (one identifier per article)."""

    def __init__(self, lang: str, others: tuple[str, ...], min_words: int = MIN_WORDS,
                 confidence: float = CONFIDENT):
        self.lang = lang
        self.min_words = min_words
        self.confidence = confidence
        self.others = others
        (self._own, self._other, self._cues, self._cue_words, self._own_plain, self._latin,
         self._own_latin) = _words_of(lang, others)
        self._identifier = None

    def may_be_foreign(self, text: str) -> bool:
        """Whether some sentence of a paragraph can be in another language: some other
        language has two function words in the paragraph as a whole, one of them at
        least not a function word of this version's language too. Otherwise every
        sentence is plainly its own (``_plainly_own``): one with fewer than two of each
        other language's has ``best < 2``; a word both languages have (``en`` and ``var``
        of sv and is, ``on`` of en and fi) counts for both, so where another language's
        words are all such words its count is at most the own count. The exact test, by
        ``_WORD``'s words; ``may_be_foreign_each`` answers most paragraphs without it."""
        words = _WORD.findall(text)
        found = self._cue_words.intersection(words)
        if not found:
            return False
        own = self._own
        return any(sum(words.count(w) for w in cue & found) >= 2 and not (cue & found) <= own for cue in self._cues)

    def may_be_foreign_each(self, texts: list[str]) -> list[bool]:
        """For each of a version's paragraphs, whether it is worth splitting into
        sentences: True wherever ``may_be_foreign`` is (and on a few more), answered for
        most paragraphs at once. The counts of cues in ``_latin_words`` are never lower
        than in ``_WORD``'s words, so a language with fewer than two cues in the whole
        version has fewer in every paragraph, and a paragraph where every language has
        fewer than two by that count has no sentence with two (``_plainly_own``); nor
        does one where a language's cues that occur are all the version's own function
        words too (``en`` and ``var`` of sv and is: ``may_be_foreign``). The paragraphs
        left go to the sentence check, which decides exactly as before (on /tmp/bk400,
        11 of 41,794 paragraphs; 2,810 before the own words were set aside).
        A paragraph with a letter of some cue beyond Latin-1 (Cyrillic in a Finnish
        text), which ``_latin_words`` cannot count, is asked ``may_be_foreign``."""
        if self._latin is None:
            return [self.may_be_foreign(paragraph) for paragraph in texts]
        cues, union, beyond = self._latin
        text = f" {_SEPARATOR} ".join(texts)
        data = text.encode("latin-1", "replace")  # ``_latin_words``, the separators kept
        if data.count(_SEPARATOR.encode()) != len(texts) - 1:  # some text has NUL of its own
            return [self.may_be_foreign(paragraph) for paragraph in texts]
        words = data.translate(_LATIN_SPACED_BUT_NUL).split()
        own = self._own_latin
        hot = [cue for cue in _twice(words, cues, union) if not cue <= own]  # only words of both: never foreign
        screened = _twice_each(words, len(texts), hot, own) if hot else [False] * len(texts)
        if any(c in text for c in beyond):
            screened = [self.may_be_foreign(paragraph) if any(c in paragraph for c in beyond) else passed
                        for paragraph, passed in zip(texts, screened)]
        return screened

    def surely_own(self, sentence: str) -> bool:
        """``foreign`` would find the sentence plainly its own language (``_plainly_own``),
        told from bounds on its counts of function words without splitting it into
        ``_prose_words``: at most ``_latin_words``' count of another language's, at least
        the count of its own among the words between spaces (a word with spaces on both
        sides is a ``_WORD`` word). False when unsure (a letter of some cue beyond
        Latin-1 in the sentence), and the sentence is read word by word."""
        latin = self._latin
        if latin is None or any(c in sentence for c in latin[2]):
            return False
        cues, union, _ = latin
        words = _latin_words(sentence)
        found = union.intersection(words)
        best = max(sum(map(words.count, cue & found)) for cue in cues) if found else 0
        if best < 2:
            return True
        own = sum(map(self._own_plain.__contains__, sentence.split()))
        return own >= 2 and own >= best

    def all_surely_own(self, sentences: list[str]) -> bool:
        """Whether ``surely_own`` holds for every one of a paragraph's sentences, their
        words read with one encode, translate and split (``may_be_foreign_each``'s way),
        not one per sentence: most paragraphs the screen passes have several sentences,
        all plainly their own."""
        latin = self._latin
        if latin is None or len(sentences) < 2:
            return all(map(self.surely_own, sentences))
        cues, union, beyond = latin
        text = f" {_SEPARATOR} ".join(sentences)
        data = text.encode("latin-1", "replace")
        if data.count(_SEPARATOR.encode()) != len(sentences) - 1 or any(c in text for c in beyond):
            return all(map(self.surely_own, sentences))  # NUL of their own, or a letter surely_own cannot count
        words = data.translate(_LATIN_SPACED_BUT_NUL).split()
        found = union.intersection(words)
        if not found:
            return True
        cues = [cue & found for cue in cues if not cue.isdisjoint(found)]
        for sentence, part in zip(sentences, _parts(words, len(sentences))):
            best = max(sum(map(part.count, cue)) for cue in cues)
            if best >= 2:
                own = sum(map(self._own_plain.__contains__, sentence.split()))
                if not (own >= 2 and own >= best):
                    return False
        return True

    def foreign(self, words: list[str]) -> tuple[str, float] | None:
        """(language, probability) when a sentence's common words (``_prose_words``) are
        in another of the article's languages."""
        if len(words) < self.min_words or _plainly_own(words, self._own, self._other):
            return None
        if self._identifier is None:
            from ..langid import identifier

            self._identifier = identifier(tuple(sorted((self.lang,) + self.others)))
        found, probability = self._identifier.detect(" ".join(words))
        if found is None or found == self.lang or probability < self.confidence:
            return None
        return found, probability


def _blocks(version):
    """Paragraphs and the paragraphs of list items and quotes (not headings, not code)."""
    return [block for block, inline in version.inlines() if block.kind == "paragraph" and inline is block.inlines[0]]


def letters(text: str) -> str:
    """The letters of a text, lower case (to find one text inside another, spacing and
    punctuation aside)."""
    return _NOT_LETTER.sub("", text.lower())


def _paragraph_findings(version, judge: _Judge, elsewhere) -> Iterator[Hit]:
    """``elsewhere()``: the letters of each other version's paragraphs, to recognise a
    quotation that most versions keep as it is (a Latin motto, an English book title);
    read only when some sentence is in another language."""
    blocks = _blocks(version)
    candidates = judge.may_be_foreign_each([block.inlines[0].masked for block in blocks])  # MASK: no letter
    for block in compress(blocks, candidates):
        inline = block.inline
        text = inline.masked.replace(MASK, " ")
        spans = _sentences(text)
        if judge.all_surely_own([text[a:b] for a, b in spans]):
            continue
        sentences = [(span, _prose_words(text[span[0]:span[1]])) for span in spans]
        sentences = [(span, words) for span, words in sentences if len(words) >= judge.min_words]
        if not sentences:
            continue
        spans = [span for span, _ in sentences]
        verdicts = [judge.foreign(words) for _, words in sentences]
        foreign = [(span, v) for span, v in zip(spans, verdicts) if v is not None]
        if not foreign:
            continue
        others = elsewhere()
        kept = [(span, v) for span, v in foreign
                if sum(letters(text[span[0]:span[1]]) in other for other in others) * 2 >= len(others)]
        foreign = [f for f in foreign if f not in kept]
        if not foreign:
            continue
        langs = {v[0] for _, v in foreign}
        if len(foreign) == len(spans) and len(langs) == 1:
            lang = langs.pop()
            start = inline.offset(len(text) - len(text.lstrip()))
            yield Hit(start, inline.offset(len(text.rstrip())),
                      f"paragraph in {lang}, not {version.lang}: left untranslated")
            continue
        for (a, b), (lang, _) in foreign:
            a += len(text[a:b]) - len(text[a:b].lstrip())
            yield Hit(inline.offset(a), inline.offset(b),
                      f"sentence in {lang} inside {version.lang} text: `{_short(text[a:b])}` left untranslated")


def _short(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


@lru_cache(maxsize=1024)
def _short_words(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The words of a heading or title, as they stand and lower case: each string of a
    row is compared with the origin's and the others', so it is split once (the last
    strings of a run, not all of them, are kept)."""
    words = tuple(_WORD.findall(text))
    return words, tuple(w.lower() for w in words)


def _copied(text: str, origin_text: str) -> bool:
    """The text is the origin's string, or its words are all the origin's ("Bottom Line"
    for "The Bottom Line"), case aside; one word counts only as the whole string."""
    words = _short_words(text)[1]
    theirs = _short_words(origin_text)[1]
    if not words or not theirs:
        return False
    if words == theirs:
        return True
    return len(words) >= 2 and set(words) <= set(theirs)


def _same_as(texts: dict[str, str], lang: str, origin: str) -> list[str]:
    """``[origin]`` when this translation copies the origin version's string while every
    other translation writes it differently (one copy where the rest translate). Strings
    made only of acronyms (``FAQ``, ``SMO``) are terms, not text."""
    if lang == origin or origin not in texts or len(texts) < 3:
        return []
    words = _short_words(texts[lang])[0]
    if not words or all(w.isupper() for w in words):
        return []
    if not _copied(texts[lang], texts[origin]):
        return []
    if any(_copied(v, texts[origin]) for k, v in texts.items() if k not in (lang, origin)):
        return []
    return [origin]


def _lone_copy(texts: dict[str, str], origin: str) -> list[str]:
    """The languages whose string ``_same_as`` reports, asked of one language at most:
    ``_same_as`` wants one translation that copies the origin's string where the rest
    translate it, so each string is compared with the origin's once (``_copied``), and a
    row where not exactly one copies it has none (instead of comparing every other
    string again for each translation)."""
    if origin not in texts or len(texts) < 3:
        return []
    copies = [lang for lang, text in texts.items() if lang != origin and _copied(text, texts[origin])]
    return copies if len(copies) == 1 and _same_as(texts, copies[0], origin) else []


def _heading_findings(ctx: ArticleContext, origin: str) -> Iterator[tuple]:
    """Headings copied from the origin version's (``_same_as``, ``_lone_copy``): only rows
    where the origin version has a heading are read, none in an article without that
    version."""
    if all(v.lang != origin for v in ctx.article.versions):
        return
    for row in ctx.alignment.rows:
        cells = {c.lang: c for c in row.cells if c is not None and c.section.heading is not None
                 and c.section.well_formed and c.section.heading.inline is not None}
        if len(cells) < 3 or origin not in cells:
            continue
        texts = {lang: c.section.heading.inline.content.strip() for lang, c in cells.items()}
        for lang in _lone_copy(texts, origin):
            cell = cells[lang]
            title = cell.version.front_matter.data.get("title") if cell.version.front_matter else None
            if cell.section.level == 1 and isinstance(title, str) and title.strip() == texts[lang]:
                continue  # the title's copy: reported with the title
            at = line_start(cell.version, cell.section.heading.start_line)
            yield cell.version, Hit(at, at + len(cell.version.source.line(cell.section.heading.start_line).strip()),
                                    f"heading `{texts[lang]}` is the {origin} heading, untranslated; "
                                    f"the other versions translate it")


def _title_findings(ctx: ArticleContext, origin: str) -> Iterator[tuple]:
    versions = {v.lang: v for v in ctx.article.versions if v.front_matter}
    titles = {lang: v.front_matter.data.get("title") for lang, v in versions.items()}
    titles = {lang: t for lang, t in titles.items() if isinstance(t, str) and t.strip()}
    if len(titles) < 3:
        return
    for lang in _lone_copy(titles, origin):
        title, version = titles[lang], versions[lang]
        body = " ".join(b.inline.masked.lower() for b in _blocks(version))
        kept = " ".join(_WORD.findall(title.lower())) in " ".join(_WORD.findall(body))
        a, b = front_matter_value(version, "title")
        if kept:
            yield version, Hit(a, b, f"title `{title}` is the {origin} title; the body uses the same "
                                     f"term, so it may be kept on purpose", Severity.INFO)
        else:
            yield version, Hit(a, b, f"title `{title}` is the {origin} title, untranslated: the body's "
                                     f"paragraphs never use the term, and the other versions translate it")


def check(ctx: ArticleContext, *, min_words: int = MIN_WORDS, confidence: float = CONFIDENT) -> Iterator[tuple]:
    langs = tuple(sorted({v.lang for v in ctx.article.versions if v.lang}))
    found = mismatches(ctx)
    wrong = {v.path for v in ctx.article.versions if found[v.path]}
    kept: dict[str, str] = {}

    def text_of(v) -> str:
        if v.path not in kept:
            kept[v.path] = letters(" ".join(b.inline.masked for b in _blocks(v)))
        return kept[v.path]

    for version in ctx.article.versions:
        if not version.lang or version.path in wrong:
            continue
        others = tuple(lang for lang in langs if lang != version.lang)
        if not others:
            continue
        def elsewhere(version=version) -> list[str]:
            return [text_of(v) for v in ctx.article.versions if v.path != version.path]

        judge = _Judge(version.lang, others, min_words, confidence)
        for hit in _paragraph_findings(version, judge, elsewhere):
            yield version, hit
    origin = ctx.source or ORIGIN
    for version, hit in _heading_findings(ctx, origin):
        if version.path not in wrong:
            yield version, hit
    for version, hit in _title_findings(ctx, origin):
        if version.path not in wrong:
            yield version, hit


RULE = Rule("TC601", "untranslated-text", Severity.WARNING,
            "A paragraph, sentence, heading or title left in another language.", check, __doc__, scope="article")
