"""Names, acronyms, initials and code spans, and whether another version carries them.

A name is compared across languages, so it is folded first: lower case, diacritics
removed (``Nóbels`` -> ``nobels``), Cyrillic transliterated (``Спенс`` -> ``spens``).
A version *carries* a name when one of its words is the name, starts with it (an
inflected or compound form: ``Googlen``, ``Nobelpriset``), has a close stem
(``Nobla`` for ``Nobel``, by rapidfuzz), or sounds the same once spelling conventions
are set aside (``Шварц`` for ``Swartz``: the consonant skeleton ``svrs`` of both).
Carrying is deliberately lenient: a name is only reported missing when no word comes
close, because a checker that flags inflected or transliterated names is switched off.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from functools import lru_cache
from typing import Callable, NamedTuple


_WORD = re.compile(r"[^\W\d_]{2,}")  # a word of two letters or more
UPPER = "".join(c for c in map(chr, range(0x530)) if c.isupper())
# A capitalised word of two letters or more (the first letter upper case, Latin or Cyrillic),
# not preceded by a letter. The capital comes first and the lookbehind after it (the letter
# two back is not a letter): re then scans for the capital alone, five times faster than
# testing a lookbehind at every position. The lookbehind reads the capital as any character
# (it is the one just matched): the capitals, listed again, cost ~0.5 ms at every start. The
# aligner finds an aligned section's words (``align.Cell.capitalised``) in the scan that finds
# its names.
CAPITALISED = re.compile(rf"[{re.escape(UPPER)}](?<![^\W\d_].)[^\W\d_]+")
# An initial: one capital letter (group 1, after no word character or period) and a period
# before a capitalised word (`A. Michael`, `A.Michael`). The match starts at the period and
# looks behind it for the capital: re then scans for the period alone, a fast literal search.
_INITIAL = re.compile(r"\.(?<=(?<![\w.])([A-ZА-ЯЁ])\.)\s?(?=[A-ZА-ЯЁ][a-zа-яё])")

_CYRILLIC = dict(zip(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґў",
    ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "i", "k", "l", "m", "n", "o", "p", "r", "s",
     "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya", "i", "yi", "ye", "g", "u"]))
_SPECIAL = {"ð": "d", "þ": "th", "æ": "ae", "ø": "o", "ł": "l", "ß": "ss", "œ": "oe", "đ": "d", "ı": "i"}
_FOLD = str.maketrans({**_CYRILLIC, **_SPECIAL})
_COMBINING = re.compile("[\u0300-\u036f]")

TRANSLITERATED = 70  # rapidfuzz ratio of a Latin name and a transliterated word above which they are one name


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lower case, Latin script, no diacritics (cached: words repeat across sections)."""
    text = text.lower().translate(_FOLD)
    if text.isascii():
        return text
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text))


_SOFT_C = re.compile(r"c(?=[eiy])")
_VOWELS = re.compile(r"[aeiouyhj'’-]")
_DOUBLE = re.compile(r"(.)\1+")
_HARD = str.maketrans("wzcqx", "vskkk")


@lru_cache(maxsize=1 << 16)
def skeleton(folded: str) -> str:
    """The consonants of a folded word, with spelling conventions set aside
    (``swartz`` and ``shvarts`` -> ``svrs``; ``spence`` and ``spens`` -> ``spns``)."""
    s = folded.replace("sch", "s").replace("ph", "f").replace("ch", "k").replace("ck", "k")
    s = _VOWELS.sub("", _SOFT_C.sub("s", s))
    return _DOUBLE.sub(r"\1", s.translate(_HARD).replace("ts", "s"))


class Entity(NamedTuple):
    """A name, acronym, initial or code span written in a text."""

    key: str  # folded form compared across versions; initials end with "."
    written: str
    start: int  # offsets in the text it was read from
    end: int
    kind: str  # "name" | "acronym" | "initial" | "code"


def entities(text: str, code_spans: tuple = (), code_text: str | None = None, keys: set | None = None
             ) -> list[Entity]:
    """The entities of one text: capitalised words of 3+ letters, acronyms of 2+ capitals,
    initials, and code spans (``code_spans`` are (start, end) pairs into ``code_text``,
    by default ``text``; prose may be read from a masked copy of the same length). With
    ``keys``, only the entities whose (kind, key) is in it.

    Capitalised common words are candidates too (a sentence may start with any word);
    the rule decides which candidates can be reported (``entity-missing``)."""
    out = []
    for match in CAPITALISED.finditer(text):
        word = match.group()
        kind_key = capitalised_key(word)
        if kind_key and (keys is None or kind_key in keys):
            out.append(Entity(kind_key[1], word, match.start(), match.end(), kind_key[0]))
    for match in _INITIAL.finditer(text) if "." in text else ():
        key = fold(match.group(1)) + "."
        if keys is None or ("initial", key) in keys:
            out.append(Entity(key, match.group(1) + ".", match.start(1), match.start(1) + 2, "initial"))
    code_text = text if code_text is None else code_text
    for a, b in code_spans:
        key = _code_key(code_text[a:b])
        if key and (keys is None or ("code", key) in keys):
            out.append(Entity(key, code_text[a:b], a, b, "code"))
    return out


def entity_words(texts: Callable[[], list[str]], codes: list[str] = (), joined: str | None = None,
                 words: frozenset[str] | None = None) -> tuple[set[str], set[tuple[str, str]]]:
    """What a comparison of versions needs first, at a fraction of the cost of ``entities``:
    the distinct capitalised words of the texts ``texts()`` returns (the names among them
    are in ``word_keys``; their script tells a name kept as written), and the distinct (kind,
    key) of the other entities, acronyms, initials and the code spans ``codes`` (their
    source, backticks included), without their places.

    ``joined``: the texts already joined with spaces (an aligned section's ``Cell.text``),
    read instead of joining them again; ``texts()`` is then called only when the joined
    text holds an initial (one might run across a join: ``B.`` ending one text, a
    capitalised word opening the next), which is rare. ``words``: the capitalised words of
    ``joined``, found already (``align.Cell.capitalised``): it is not scanned for them."""
    if joined is None:
        text = "\n\n".join(texts())  # a blank line: no initial or word runs from one text into the next
    else:
        text = joined  # a space: no word runs from one text into the next either
    if words is None:
        words = set(CAPITALISED.findall(text))
    marks = set(map(capitalised_key, filter(str.isupper, words)))  # the acronyms' keys, found in C
    if "." in text and (joined is None or _INITIAL.search(text)):
        if joined is not None:
            text = "\n\n".join(texts())
        marks.update(("initial", fold(letter) + ".") for letter in _INITIAL.findall(text))
    for code in codes:
        key = _code_key(code)
        if key:
            marks.add(("code", key))
    return words, marks


def word_keys(words: set[str]) -> set[tuple[str, str]]:
    """The (kind, key) of every name and acronym among capitalised words, by
    ``capitalised_key`` (remembered: words repeat across rows), looked up in C rather than
    tested word by word."""
    keys = set(map(capitalised_key, words))
    keys.discard(None)
    return keys


@lru_cache(maxsize=1 << 16)
def capitalised_key(word: str) -> tuple[str, str] | None:
    """(kind, key) of a capitalised word: an acronym (all capitals), a name (3 letters or
    more), or None (a two-letter word such as ``Le``). Cached: words repeat across rows."""
    if word.isupper():
        return "acronym", fold(word)
    return ("name", fold(word)) if len(word) >= 3 else None


def _code_key(code: str) -> str:
    """The key of a code span (its source with backticks), or "" for an empty one."""
    code = code.strip("`").strip()
    return "`" + code.lower() if code else ""


def cyrillic(word: str) -> bool:
    return "\u0400" <= word[:1] <= "\u04ff"


def other_script(words: set[str], cyrillic_text: bool) -> list[str]:
    """The words written in the other script than the text's (``cyrillic(word) !=
    cyrillic_text``). Most texts have none: then every word sorts below the Cyrillic block
    (a Latin text) or inside it (a Cyrillic text), which ``min`` and ``max`` tell without a
    test per word (a string sorts by its first character first)."""
    if not words:
        return []
    if (max(words) < "\u0400") if not cyrillic_text else ("\u0400" <= min(words) and max(words) < "\u0500"):
        return []
    return [word for word in words if cyrillic(word) != cyrillic_text]


def kin(a: str, b: str, slack: int) -> bool:
    """Two folded words (or skeletons) are forms of one stem: they share a start of at
    least 3 characters that leaves at most ``slack`` characters of ending on the shorter."""
    n = min(len(a), len(b))
    p = 0
    while p < n and a[p] == b[p]:
        p += 1
    return p >= 3 and p >= n - slack


class Vocabulary:
    """The words of one version's row, indexed to answer ``carries(entity)`` quickly.

    ``proper`` holds the words written capitalised inside a sentence of body text (not a
    heading, not after a full stop): the evidence that a word is a name in this language
    and not a capitalised common word."""

    __slots__ = ("_body", "_texts", "_words", "_sorted", "_proper", "_foreign", "_skeletons", "_initials", "codes",
                 "cyrillic")

    def __init__(self, texts: list[str], codes: list[str] = (), headings: list[str] = (),
                 cyrillic_text: bool = False):
        """``texts``: the body prose of the row; ``headings``: its heading texts;
        ``codes``: the contents of its code spans; ``cyrillic_text``: the version's script.
        What ``carries`` reads is read from them on first use: an acronym or a code span
        needs the words only, an initial the initials, a name the proper words."""
        self._body = texts
        self._texts = [*texts, *headings]
        self._words = self._sorted = self._skeletons = None
        self._proper = self._foreign = self._initials = None
        self.codes = {"`" + c.strip("`").strip().lower() for c in codes}
        self.cyrillic = cyrillic_text

    @property
    def proper(self) -> set[str]:
        """The folded words written capitalised inside a sentence of the body text."""
        if self._proper is None:
            self._read_proper()
        return self._proper

    @property
    def foreign(self) -> set[str]:
        """The proper words written in the other script (names kept as written)."""
        if self._foreign is None:
            self._read_proper()
        return self._foreign

    def _read_proper(self) -> None:
        proper, scripts = set(), {}
        for text in self._body:
            for match in CAPITALISED.finditer(text):
                if not sentence_start(text, match.start()):
                    folded = fold(match.group())
                    proper.add(folded)
                    scripts[folded] = cyrillic(match.group())
        self._proper = proper
        self._foreign = {w for w in proper if scripts[w] != self.cyrillic}

    @property
    def initials(self) -> set[str]:
        """The folded initials of the body text (``A.``)."""
        if self._initials is None:
            self._initials = set()
            for text in self._body:
                if "." in text:
                    self._initials.update(fold(m.group(1)) + "." for m in _INITIAL.finditer(text))
        return self._initials

    @property
    def words(self) -> set[str]:
        """Every word of two letters or more, folded (built on first use: a name carried
        as a name needs only ``proper``)."""
        if self._words is None:
            self._words = set(map(fold, set(_WORD.findall("\n".join(self._texts)))))
        return self._words

    @property
    def sorted(self) -> list[str]:
        """The words, sorted (to look up the forms of a key by their common start)."""
        if self._sorted is None:
            self._sorted = sorted(self.words)
        return self._sorted

    @property
    def skeletons(self) -> list[str]:
        """The sorted consonant skeletons of the words (built on first use: rarely needed)."""
        if self._skeletons is None:
            self._skeletons = sorted({skeleton(w) for w in self.words})
        return self._skeletons

    def writes(self, entity: Entity) -> bool:
        """The entity is written here as a name in its own script although this text is in
        another one (``Facebook`` in a Russian text)."""
        return any(kin(entity.key, w, 3) for w in self.foreign if w[:3] == entity.key[:3])

    def _near(self, items, key: str, slack: int) -> bool:
        """Some item is a form of ``key`` (they share all but ``slack`` characters of a start)."""
        i = bisect_left(items, key[:3])
        while i < len(items) and items[i][:3] == key[:3]:
            if kin(key, items[i], slack):
                return True
            i += 1
        return False

    def carries(self, entity: Entity, as_name: bool = False) -> bool:
        """Some word of this row is a form of the entity.

        With ``as_name`` (a name checked in a version of its own script) the word must also
        be written as a name here: capitalised inside a sentence. A version in another
        script carries a name when a word sounds close: the same consonant skeleton, or a
        rapidfuzz ratio of at least ``TRANSLITERATED`` (``Яппи`` for Yuppie)."""
        key = entity.key
        if entity.kind == "initial":
            return key in self.initials
        if entity.kind == "code":
            return key in self.codes or key[1:] in self.words
        if entity.kind == "acronym":
            i = bisect_left(self.sorted, key)
            return i < len(self.sorted) and self.sorted[i].startswith(key)
        if as_name:
            return any(kin(key, w, 3) for w in self.proper if w[:3] == key[:3])
        if key in self.words or self._near(self.sorted, key, 3):
            return True
        bones = skeleton(key)
        if len(bones) >= 3 and self._near(self.skeletons, bones, 1):
            return True  # Canada / Kanada
        if not self.cyrillic:
            return False
        from rapidfuzz import fuzz, process  # rarely reached: imported when first needed

        return process.extractOne(key, self.sorted, scorer=fuzz.ratio, score_cutoff=TRANSLITERATED) is not None


def sentence_start(text: str, index: int) -> bool:
    """Whether the word at ``index`` opens a sentence (or the text)."""
    i = index - 1
    while i >= 0 and text[i] in " \t\n\"'“”„«»‘’([*_\ue000":
        i -= 1
    return i < 0 or text[i] in ".!?:;…—–-•"
