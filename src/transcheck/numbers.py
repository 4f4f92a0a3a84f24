"""Numbers in prose, normalised across locales, with their positions.

``108 700``, ``108.700`` (is), ``108,700`` (en) and ``108 700`` (nbsp) are one value;
``10,3`` (fi) and ``10.3`` (en) are one value; ``6.12.2018`` is a date, read as its parts;
a Roman numeral (``XI``) is its value, 11. Lists (``1, 2 and 3``) are separate numbers. Integers below 13
are left out: translations spell them out as words as often as not. Decades (``1980s``,
``lata 80.``) compare by their last two digits; ``1900-luvulla`` (fi) and ``1900-talet``
(sv) are the 20th century.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from .model import Inline

# What follows a run's first digit: digits, and group or decimal separators between digits.
RUN_REST = r"(?:\d|[ .,\u00a0\u202f](?=\d))*"
# A class that holds every decimal digit (``\d``): ASCII, the other digits of the Basic
# Multilingual Plane, and every character beyond it. Tested against a text's characters one
# by one, it is a table lookup, where ``\d`` asks the Unicode database each time (1.2x
# faster on /tmp/bk400); a pattern that starts with it and then looks behind for ``\d``
# matches what the pattern that starts with ``\d`` does. The Basic Multilingual Plane's
# digits are written out (listing them took 3 ms at every start) for the Unicode version
# they were read from (the same in Unicode 13.0 to 15.1: Python 3.10 to 3.13); another
# version's are listed at start.
_BMP_DIGITS = dict.fromkeys(
    ("13.0.0", "14.0.0", "15.0.0", "15.1.0"),
    "\u0660-\u0669\u06f0-\u06f9\u07c0-\u07c9\u0966-\u096f\u09e6-\u09ef\u0a66-\u0a6f"
    "\u0ae6-\u0aef\u0b66-\u0b6f\u0be6-\u0bef\u0c66-\u0c6f\u0ce6-\u0cef\u0d66-\u0d6f\u0de6-\u0def"
    "\u0e50-\u0e59\u0ed0-\u0ed9\u0f20-\u0f29\u1040-\u1049\u1090-\u1099\u17e0-\u17e9\u1810-\u1819"
    "\u1946-\u194f\u19d0-\u19d9\u1a80-\u1a89\u1a90-\u1a99\u1b50-\u1b59\u1bb0-\u1bb9\u1c40-\u1c49"
    "\u1c50-\u1c59\ua620-\ua629\ua8d0-\ua8d9\ua900-\ua909\ua9d0-\ua9d9\ua9f0-\ua9f9\uaa50-\uaa59"
    "\uabf0-\uabf9\uff10-\uff19")


def _bmp_digits() -> str:
    """The decimal digits of the Basic Multilingual Plane beyond ASCII, as a class's ranges."""
    known = _BMP_DIGITS.get(unicodedata.unidata_version)
    return known or re.escape("".join(c for c in map(chr, range(0x80, 0x10000)) if c.isdecimal()))


DIGIT_CLASS = "0-9" + _bmp_digits() + "\U00010000-\U0010ffff"
_RUN = re.compile(rf"[{DIGIT_CLASS}](?<=\d){RUN_REST}")
# ``_RUN`` for a text whose digits are all ASCII (the same matches there): the engine tests
# a character against a range faster than against the Unicode digit category (1.4x).
_ASCII_RUN = re.compile(r"[0-9](?:[0-9]|[ .,\u00a0\u202f](?=[0-9]))*")
# `\b[IVX]{2,5}\b`, written to start with a letter class (the regex engine then skips
# ahead to the next I, V or X instead of trying every position: 3x faster)
_ROMAN_TOKEN = re.compile(r"[IVX](?<!\w[IVX])[IVX]{1,4}\b")
_ROMAN = re.compile(r"X{0,3}(?:IX|IV|V?I{0,3})")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}
_GROUP_SEPS = " \u00a0\u202f"


def _roman(text: str) -> int:
    total = 0
    for a, b in zip(text, text[1:] + " "):
        value = _ROMAN_VALUES[a]
        total += -value if b in _ROMAN_VALUES and _ROMAN_VALUES[b] > value else value
    return total


def _canonical(value: Decimal) -> str:
    return format(value.normalize(), "f")


def _chunks(run: str) -> list[tuple[int, str]]:
    """Split a run at spaces that do not group thousands (`0,07 7`, `2019 2020`)."""
    parts = re.split(r"([ \u00a0\u202f])", run)
    chunks: list[tuple[int, str]] = []
    index = 0
    for k in range(0, len(parts), 2):
        piece = parts[k]
        groups_ok = (re.fullmatch(r"\d{3}(?:[.,]\d+)?", piece) and chunks
                     and re.fullmatch(r"\d{1,3}(?:\d{3})*", chunks[-1][1]))
        if groups_ok:
            chunks[-1] = (chunks[-1][0], chunks[-1][1] + piece)
        else:
            chunks.append((index, piece))
        index += len(piece) + (1 if k + 1 < len(parts) else 0)
    return chunks


def parse_run(run: str, lang: str) -> tuple[tuple[int, str], ...]:
    """Values of one run of digits and separators: (index in run, canonical value)."""
    out: list[tuple[int, str]] = []
    for index, chunk in _chunks(run):
        out.extend((index + at, value) for at, value in _parse_chunk(chunk, lang))
    return tuple(out)


def _parse_chunk(chunk: str, lang: str) -> list[tuple[int, str]]:
    groups = re.split(r"([.,])", chunk)
    digits, seps = groups[0::2], groups[1::2]
    if not seps:
        return [(0, _canonical(Decimal(chunk)))]
    decimal_comma = lang != "en"
    tail3 = all(len(g) == 3 for g in digits[1:])
    if set(seps) == {"."} and not tail3 and (len(seps) >= 2 or decimal_comma):
        # a date (6.12.2018: day and year, not the month, which others write as a word)
        # or a time (17.30): its parts
        index, parts = 0, []
        for k, g in enumerate(digits):
            if not (len(seps) == 2 and k == 1):
                parts.append((index, _canonical(Decimal(g))))
            index += len(g) + 1
        return parts
    thousands, point = (".", ",") if decimal_comma else (",", ".")
    if tail3 and len(set(seps)) == 1 and seps[0] == thousands:
        text = chunk.replace(seps[0], "")
    else:
        text = chunk.replace(thousands, "").replace(point, ".")
    try:
        return [(0, _canonical(Decimal(text)))]
    except InvalidOperation:
        return [(0, _canonical(Decimal(digits[0])))]


# `1900-luvulla` (fi), `1900-talet` (sv): the century after the hundreds.
_CENTURY_SUFFIX = {"fi": ("-luv", "-luku", "-luk"), "sv": ("-tal",)}
# `80.` / `lata 80.` (pl), `80-х` (ru) and `1980s`: decades compare by their last two digits.
_DECADE = re.compile(r"^(?:1[89]|20)[0-9]0$")
SMALL = 13  # integers below this are often written as words (ten, kymmenen, tíu)


@lru_cache(maxsize=8192)
def _run_values(run: str, lang: str, century: bool) -> tuple[tuple[int, str, bool], ...]:
    """(index in run, value, soft) of the values of a run worth comparing; ``century``: a
    century suffix (``-luvulla``) follows the run. Cached: the versions of an article
    repeat the same runs (years, amounts)."""
    out = []
    for at, value in parse_run(run, lang):
        soft = False
        if century and value.endswith("00"):
            value, soft = str(int(value) // 100 + 1), True
        elif _DECADE.match(value):
            value, soft = value[2:], True
        if "." not in value and int(value) < SMALL:
            continue
        out.append((at, value, soft))
    return tuple(out)


def numbers(inline: Inline, lang: str) -> list[tuple[int, int, str, bool]]:
    """(content start, content end, canonical value, soft) of the numbers worth comparing.

    ``soft`` marks values read from a decade, a century or a Roman numeral: other
    versions often write those as words (``níunda áratugnum``), so they are compared
    but not reported on their own.
    """
    return scan(inline.masked, lang)


def scan(text: str, lang: str, ascii_digits: bool = False) -> list[tuple[int, int, str, bool]]:
    """``numbers`` of a masked text. Texts joined by ``SEPARATOR`` give the values that
    each gives, as a multiset (positions and order aside): the separator ends a run of
    digits (it is no digit and no group separator), is not part of a century suffix,
    and is no word character (a Roman numeral ends before it and starts after it as at
    a text's ends). ``ascii_digits``: the caller knows that every digit of the text is
    ASCII (then runs are found with ``_ASCII_RUN``)."""
    out = []
    suffixes = _CENTURY_SUFFIX.get(lang, ())
    for m in (_ASCII_RUN if ascii_digits else _RUN).finditer(text):
        century = bool(suffixes) and text.startswith(suffixes, m.end())
        for at, value, soft in _run_values(m.group(), lang, century):
            out.append((m.start() + at, m.end(), value, soft))
    return out + _romans(text)


def _romans(text: str) -> list[tuple[int, int, str, bool]]:
    """``scan``'s Roman numerals (soft, XIII and up)."""
    out = []
    if "X" in text:  # every Roman numeral from XIII up has an X (one memchr, not a regex scan)
        for m in _ROMAN_TOKEN.finditer(text):
            if _ROMAN.fullmatch(m.group()):
                value = _roman(m.group())
                if value >= SMALL:
                    out.append((m.start(), m.end(), str(value), True))
    return out


def values(text: str, lang: str, ascii_digits: bool = False) -> list[str]:
    """The values of ``scan(text, lang, ascii_digits)``, without their places: the runs
    of digits are read as strings (``findall``), not as match objects, except in a text
    with a century suffix (whether one follows a run depends on where the run ends)."""
    suffixes = _CENTURY_SUFFIX.get(lang, ())
    if suffixes and any(suffix in text for suffix in suffixes):
        return [value for _, _, value, _ in scan(text, lang, ascii_digits)]
    out = [value for run in (_ASCII_RUN if ascii_digits else _RUN).findall(text)
           for _, value, _ in _run_values(run, lang, False)]
    return out + roman_values(text)


SEPARATOR = "\n"  # joins texts for ``scan`` (see there)


def runs(text: str) -> list[str]:
    """The runs of digits of a text, in order: digits, and group or decimal separators
    between digits (what ``scan`` reads numbers from)."""
    return _RUN.findall(text)


def joined_values(texts_runs: list[str], text: str, lang: str, texts=None) -> list[str] | None:
    """``values`` of texts joined by ``SEPARATOR``, read from ``runs`` of the same texts
    joined by spaces (``text``; an aligned section's ``Cell.text`` and ``Cell.runs``)
    without scanning them again; None when they cannot tell.

    A run of the texts joined by spaces holds a space where it runs from one text into the
    next (``12`` ending one, ``345`` opening the next); when no run holds a space, no run
    does, and the runs are those of the texts joined by ``SEPARATOR`` (which ends a run).
    When one does (``1 000``: a group separator), ``texts`` (a callable giving the texts, if
    given) tells whether a run crosses from one text into the next (``crosses``).
    A century suffix (``-luvulla``) is read where each run ends (``scan``: None then). Roman
    numerals and century suffixes read the same in either text: the separator and the
    space are both neither word characters nor part of a suffix."""
    if " " in "".join(texts_runs) and (texts is None or crosses(texts())):
        return None
    suffixes = _CENTURY_SUFFIX.get(lang, ())
    if suffixes and any(suffix in text for suffix in suffixes):
        return None
    out = [value for run in texts_runs for _, value, _ in _run_values(run, lang, False)]
    return out + roman_values(text)


def crosses(texts: list[str]) -> bool:
    """Whether a run of digits of ``texts`` joined by spaces runs from one text into the next:
    one text ends with a digit and the next starts with one. (Inside a run a separator stands
    between two digits: a run holding a joining space holds the digits on both sides of it.)"""
    return any(a[-1:].isdecimal() and b[:1].isdecimal() for a, b in zip(texts, texts[1:]))


def runs_agree(sections, texts=None) -> bool:
    """Whether the values that ``joined_values`` reads from the runs of each of ``sections``
    (objects with ``runs``, ``text`` and ``lang``: an alignment row's cells) are certainly one
    multiset, told from the runs without reading a value: every section has the same runs
    in the same order, and they read alike in every section. A row's versions mostly write
    the same years and amounts (81% of the rows on /tmp/bk400), and number-mismatch then
    compares what else they hold (Roman numerals, list numbers) only. False is no answer:
    the values are read.

    Runs read alike when none holds a space (a run may cross two texts: ``joined_values``
    would scan them) or none crosses (``crosses`` of ``texts(section)``, when ``texts`` is
    given), no section's text holds a century suffix of its language (a run
    before it reads as a century), and either no run holds a separator or every section's
    language reads separators alike (a decimal comma or point, ``lang != "en"``: the only
    way ``parse_run`` reads the language). Runs of digits alone read the same in any
    language; no runs at all give no values."""
    first = sections[0].runs
    for section in sections:
        if section.runs != first:
            return False
    if not first:
        return True
    joined = "".join(first)
    if " " in joined and (texts is None or any(crosses(texts(section)) for section in sections)):
        return False
    if ("," in joined or "." in joined) and len({section.lang == "en" for section in sections}) > 1:
        return False
    for section in sections:
        suffixes = _CENTURY_SUFFIX.get(section.lang)
        if suffixes and any(suffix in section.text for suffix in suffixes):
            return False
    return True


def roman_values(text: str) -> list[str]:
    """The values of the Roman numerals of a text (``scan``'s, XIII and up)."""
    return [value for _, _, value, _ in _romans(text)]
