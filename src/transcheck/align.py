"""N-way section alignment: row k holds each version's counterpart of one section, or a gap.

Sections are compared on language-invariant evidence only (translated prose and
headings are not compared as text): heading level, link targets, numbers, Latin-script
names and acronyms, code spans, block shape (paragraphs, list items), the section's
share of its version's text (so languages that expand differently compare fairly) and
its position. Each version is aligned to a pivot (the version with the most sections)
by an order-preserving dynamic programme; sections another version has and the pivot
lacks get rows of their own, in order. When two versions have as many sections and each
section is plainly its counterpart's best match (most articles), the programme's answer
is known from the similarities and it is not run (``_diagonal_wins``).

A section's text is scanned once (``_runs_and_chunks``) for its numbers, its names and what
two rules read of it: its runs of digits (``Cell.runs``: number-mismatch's values) and its
capitalised words (``Cell.capitalised``: entity-missing's names and acronyms). What each
distinct match of that scan gives is read the first time it is met and kept (``_learn``):
names, years and common words repeat across sections and versions.

Would-be headings (``##Höjdpunkter``, a paragraph to CommonMark) open sections in the
model, so a heading lost to a syntax error still aligns with its counterparts.
"""

from __future__ import annotations

import re
from functools import lru_cache
from operator import itemgetter

from .model import Article, Block, Inline, Link, Record, Section, Version
from .names import CAPITALISED, UPPER
from .numbers import DIGIT_CLASS, RUN_REST
from .numbers import runs as digit_runs

# `\d\d*` rather than `\d+`: a pattern that starts with a character class lets the regex engine
# skip ahead to the digits instead of trying a match at every character (same matches).
_NUMBER = re.compile(r"\d\d*(?:[ .,\u00a0\u202f]\d{3})*(?:[.,]\d+)?")
# An acronym or capitalised word starting a word: `\b[A-Z]`, written `[A-Z](?<!\w[A-Z])` so the
# regex engine can skip ahead to the capitals instead of trying a word boundary at every character.
_NAME = re.compile(r"[A-Z](?<!\w[A-Z])[A-Za-z0-9&]*[A-Z0-9][A-Za-z0-9&]*\b|[A-Z](?<!\w[A-Z])[a-z]{2,}\b")
# The text is not scanned for ``_NAME`` and ``names.CAPITALISED`` (entity-missing's words) one
# after the other: both start at a capital after no letter, and both match inside one chunk of
# word characters and ``&`` only, so one scan finds the chunks that can hold them (group 1: from
# such a capital to the chunk's end) and the character before a chunk's capital when it is a
# digit or ``_`` (group 2: a word character, which ``_NAME``'s lookbehind reads); each distinct
# chunk is then read by both patterns (``_chunk_names``).
_UPPER = re.escape(UPPER)
_CHUNK_REST = rf"(?<![^\W\d_][{_UPPER}])(?:(?<=([\d_])[{_UPPER}]))?[\w&]*"
# the chunks' pattern, ``_CHUNK``, is not compiled here (1.3 ms at every start: it lists every
# capital twice): only ``_RUN_OR_CHUNK`` is scanned with; the tests compile it to hold the two equal
_CHUNK_PATTERN = rf"([{_UPPER}]{_CHUNK_REST})"
# ``_CHUNK`` and ``numbers.runs`` in one scan (``_runs_and_chunks``). It has no group: each match
# is one string (a set or dict hashes a string once; a (chunk, before) tuple is hashed at every
# use), one of three kinds, told apart by its first character:
# - a digit: a run of digits, and the chunk that starts right after its last digit, if one does
#   (``12Foo``: the digit is the character before that chunk, which ``_NAME``'s lookbehind reads);
# - ``_``: the ``_`` and the chunk right after it (``_Zed``);
# - a capital (from ``_FIRST`` to before ``_BEYOND``, where no digit is): a chunk after neither a
#   digit nor ``_``. A digit or ``_`` before a capital is in the match before it: a run's (it ends
#   at a digit, and then takes the chunk), a ``_`` match's (which takes the chunk) or a chunk's
#   (which takes every word character that follows, the capital too).
# A chunk after its capital, where no letter comes before the capital: ``(?<![^\W\d_][CAPITALS])``,
# with any character for the capital, as it is always the one just matched (each capital listed
# again cost ~0.45 ms at every start).
_TAIL = r"(?<![^\W\d_].)[\w&]*"
_RUN_OR_CHUNK = re.compile(rf"[{DIGIT_CLASS}{_UPPER}_](?:(?<=\d){RUN_REST}(?:[{_UPPER}]{_TAIL})?"
                           rf"|(?<=[{_UPPER}]){_TAIL}|(?<=_)[{_UPPER}]{_TAIL})")
_FIRST, _BEYOND = min(UPPER), chr(ord(max(UPPER)) + 1)

_NOT_DIGITS = {ord(c): None for c in " .,\u00a0\u202f"}

# A pair of sections must score above this to be aligned rather than left as gaps.
MATCH_FLOOR = 0.35
# Sections whose relative positions differ by more than this are never counterparts.
BAND = 0.4


class Cell(Record):
    """One version's section in an alignment row, with the evidence used to align it (a
    ``model.Record``: one per section of every version, read by every cross-version rule).

    ``index``: the section's, in its version; ``share``: the section's share of its
    version's prose, 0..1; ``position``: index / number of sections, 0..1; ``links``: every
    link of the section, heading included, in order; ``inlines``: every inline of the
    section, heading included, with its block; ``prose``: characters of prose in the
    section, ``article_prose`` in the whole version; ``text``: the masked text of the
    inlines, heading first, joined with spaces; ``codes``: the source of every code span
    (backticks included), in order; ``runs``: the runs of digits of ``text``
    (``numbers.runs``), in order; ``capitalised``: the words ``names.CAPITALISED`` finds in
    ``text``."""

    __slots__ = ("version", "section", "index", "targets", "numbers", "names", "paragraphs", "items", "share",
                 "position", "links", "inlines", "prose", "article_prose", "text", "codes", "runs", "capitalised")

    def __init__(self, version: Version, section: Section, index: int, targets: frozenset[str],
                 numbers: frozenset[str], names: frozenset[str], paragraphs: int, items: int, share: float,
                 position: float, links: tuple[Link, ...] = (), inlines: tuple[tuple[Block, Inline], ...] = (),
                 prose: int = 0, article_prose: int = 0, text: str = "", codes: tuple[str, ...] = (),
                 runs: tuple[str, ...] = (), capitalised: frozenset[str] = frozenset()):
        self.version = version
        self.section = section
        self.index = index
        self.targets = targets
        self.numbers = numbers
        self.names = names
        self.paragraphs = paragraphs
        self.items = items
        self.share = share
        self.position = position
        self.links = links
        self.inlines = inlines
        self.prose = prose
        self.article_prose = article_prose
        self.text = text
        self.codes = codes
        self.runs = runs
        self.capitalised = capitalised

    @property
    def lang(self) -> str:
        return self.version.lang


class Row(Record):
    """The counterpart sections of the versions: ``cells``, one per version, in
    ``Alignment.langs`` order (None where a version has none)."""

    __slots__ = ("cells",)

    def __init__(self, cells: tuple[Cell | None, ...]):
        self.cells = cells


class Alignment(Record):
    """An article's rows; ``by_section``: id(section) -> its Row."""

    __slots__ = ("article", "langs", "rows", "by_section")

    def __init__(self, article: Article, langs: tuple[str, ...], rows: tuple[Row, ...], by_section: dict = None):
        self.article = article
        self.langs = langs
        self.rows = rows
        self.by_section = by_section

    def row_of(self, lang: str, section: Section) -> Row | None:
        return (self.by_section or {}).get(id(section))


@lru_cache(maxsize=1 << 16)
def _stem(name: str) -> str:
    """The part of a name its inflections share (Google/Googlen, TikTok/TikTokin, Aaron/Aaronin);
    an acronym whole. Cached: names repeat across sections and versions."""
    return name[:5].lower() if not name.isupper() else name.lower()


def _cells(version: Version) -> list[Cell]:
    """One cell per section, with the evidence the aligner and the rules read.

    Runs for every section of every version, so the walk is written out: a block without
    children (most of them) is read without a ``walk()`` generator. A section's inlines
    (with their blocks) are its slice of the version's (``Version.inlines()``, in document
    order, as the sections hold the blocks: the walk counts them), not pairs made anew."""
    sections = version.sections
    every = version.inlines()
    shapes = []
    at = 0
    for section in sections:
        heading = section.heading
        paragraphs = items = count = 0
        for top in ((heading,) if heading else ()) + section.blocks:
            for block in top.walk() if top.children else (top,):
                kind = block.kind
                if kind == "paragraph" and block is not heading:  # the heading's text counts, not as a paragraph
                    paragraphs += 1
                elif kind == "item":
                    items += 1
                if block.inlines:
                    count += len(block.inlines)
        shapes.append((paragraphs, items, every[at:at + count]))
        at += count
    if at != len(every):  # not the sections' inlines (a version made otherwise): walk them
        shapes = [(paragraphs, items, _inlines(section)) for section, (paragraphs, items, _) in zip(sections, shapes)]
    cells = []
    total = 0
    places = max(len(sections), 1)  # a section's position is its index over this
    for i, (section, (paragraphs, items, inlines)) in enumerate(zip(sections, shapes)):
        texts, links, codes = [], [], []
        for _, inline in inlines:
            texts.append(inline.masked)
            if inline.links:
                links += inline.links
            if inline.code_spans:
                codes += [inline.content[a:b] for a, b in inline.code_spans]
        text = " ".join(texts)
        runs, names, capitalised = _runs_and_chunks(text)
        numbers = frozenset(_numbers(runs)) if runs else _NONE
        if codes:
            names.update(code.strip("`").strip().lower() for code in codes)
        targets = frozenset(link.target for link in links if link.target) if links else _NONE
        prose = len(text) - len(inlines) + 1 if inlines else 0  # the inlines' characters, joining spaces aside
        total += prose
        # the share of the version's prose and the version's prose are set below, when known
        cells.append(Cell(version, section, i, targets, numbers, frozenset(names), paragraphs, items, 0.0, i / places,
                          tuple(links), inlines, prose, 0, text, tuple(codes), tuple(runs), frozenset(capitalised)))
    whole = total or 1
    for cell in cells:
        cell.share = cell.prose / whole
        cell.article_prose = total
    return cells


def _inlines(section: Section) -> tuple[tuple[Block, Inline], ...]:
    """A section's inlines with their blocks, heading first, in document order, walked."""
    heading = section.heading
    return tuple((block, inline) for top in ((heading,) if heading else ()) + section.blocks
                 for block in top.walk() for inline in block.inlines)


_NONE: frozenset = frozenset()


def _runs_and_chunks(text: str) -> tuple[list[str], set[str], set[str]]:
    """The runs of digits of a text (``numbers.runs``), the stems of its ``_NAME`` matches and
    its capitalised words (``names.CAPITALISED``), from one scan (``_RUN_OR_CHUNK``) for the
    runs and the chunks (``_CHUNK``) that hold the names and words (``_chunk_names``).

    A run holds digits and separators (no word character but digits) and a chunk word
    characters and ``&``: they share no character but digits. Where no chunk holds a digit
    and none follows a run, the scan finds each run where ``numbers.runs`` does (a run starts
    at a digit, which no chunk took), alone in its match; each chunk is where ``_CHUNK`` finds
    it (a chunk starts at a capital, which no run takes, and the lookbehinds read the text,
    not what was matched), alone in its match or after the run or ``_`` before it. Where a
    chunk holds a digit (``B2B``, ``MP3``) or follows a run (``3D``), the runs are scanned for
    again.

    What a distinct match gives is read once in the life of the process (``_learn``) and
    looked up: a section's names and words are sets of the matches' answers."""
    found = _RUN_OR_CHUNK.findall(text)
    distinct = set(found)
    if not _KNOWN >= distinct:
        if len(_STEM) > KNOWN_MATCHES:
            _forget()
        for match in distinct:
            if match not in _STEM:
                _learn(match)
    if len(distinct) > 1:  # one look-up of the matches for both tables (itemgetter of one gives no tuple)
        known = itemgetter(*distinct)
        names, words = set(known(_STEM)), set(known(_WORD))
    else:
        names, words = set(map(_STEM.__getitem__, distinct)), set(map(_WORD.__getitem__, distinct))
    names.discard("")
    words.discard("")
    if _MANY and not _MANY.keys().isdisjoint(distinct):
        for match in _MANY.keys() & distinct:
            stems, more = _MANY[match]
            names.update(stems)
            words.update(more)
    if not _RESCAN.isdisjoint(distinct):
        runs = digit_runs(text)
    elif _RUNS.isdisjoint(distinct):
        runs = []
    else:
        runs = [run for run in found if run < _FIRST or _BEYOND <= run]
    return runs, names, words


# What each distinct match of ``_RUN_OR_CHUNK`` gives, learnt the first time it is met (``_learn``):
# the stem of its ``_NAME`` match (``_STEM``) and its ``CAPITALISED`` word (``_WORD``), "" for none
# (a run's), and both in full (``_MANY``) where either is more than one (``AT&T&Co``); the matches
# that are runs alone (``_RUNS``), and those after which the runs are scanned for again
# (``_RESCAN``: a chunk holding a digit, or a run and a chunk). Matches repeat across sections and
# versions (names, years, a language's common words); past ``KNOWN_MATCHES`` the tables start anew.
_STEM: dict[str, str] = {}
_WORD: dict[str, str] = {}
_KNOWN = _STEM.keys()
_MANY: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
_RUNS: set[str] = set()
_RESCAN: set[str] = set()
KNOWN_MATCHES = 1 << 16


def _learn(match: str) -> None:
    """Read one match of ``_RUN_OR_CHUNK`` into the tables (see there for its three kinds):
    its chunk by ``_chunk_names``, with the character before it (a run's last digit, ``_``)."""
    first = match[0]
    if _FIRST <= first < _BEYOND:  # a chunk, or _ and a chunk
        chunk, before = (match[1:], "_") if first == "_" else (match, "")
    else:
        run = digit_runs(match)[0]  # the run the match starts with (the text's run)
        if len(run) == len(match):
            _RUNS.add(match)
            _STEM[match] = _WORD[match] = ""
            return
        chunk, before = match[len(run):], run[-1]
        _RESCAN.add(match)
    stems, words, digit = _chunk_names(chunk, before)
    if digit:
        _RESCAN.add(match)
    if len(stems) > 1 or len(words) > 1:
        _MANY[match] = stems, words
    _STEM[match] = stems[0] if stems else ""
    _WORD[match] = words[0] if words else ""


def _forget() -> None:
    """Empty the tables of ``_learn``."""
    for table in (_STEM, _WORD, _MANY, _RUNS, _RESCAN):
        table.clear()


def _chunk_names(chunk: str, before: str) -> tuple[tuple[str, ...], tuple[str, ...], bool]:
    """The stems of ``_NAME``'s matches and the words of ``names.CAPITALISED`` in one chunk
    of ``_CHUNK`` (``before``: the digit or ``_`` before it, or ""), and whether the chunk
    holds a digit. ``_runs_and_chunks`` keeps the answers (``_learn``): chunks repeat.

    A text's matches of either pattern are those of its chunks, each read with the digit or
    ``_`` before it. Both patterns start at a capital after no letter (``_NAME`` after no word
    character: no letter, digit or ``_``) and take word characters and ``&`` only (``_NAME``'s
    ``[A-Za-z0-9&]``, the other's letters), so a match lies inside one run of word characters
    and ``&``, and from its first such capital on: before it the run holds no capital after a
    non-letter, where a match could start. ``_CHUNK`` takes that part of each run. Where a
    chunk ends, the text goes on with a character that is neither a word character nor ``&``,
    which either pattern reads as it reads the end of the chunk (``\\b`` holds or not the
    same way, neither can take it); where it starts, the character before is no letter and no
    ``&`` (that would be part of the chunk), as good as none for both lookbehinds unless it is
    a digit or ``_``, which ``_NAME``'s reads: ``before`` puts it back (neither pattern starts
    at it)."""
    text = before + chunk
    return tuple(map(_stem, _NAME.findall(text))), tuple(CAPITALISED.findall(text)), \
        any(c.isdecimal() for c in chunk)


def _numbers(runs: list[str]) -> set[str]:
    """The numbers of a text (``_NUMBER``'s matches, a number without separators as its own
    digits, separators dropped), from its runs of digits (``numbers.runs``).

    ``_NUMBER`` matches inside the runs only, and matches a run as it matches the text: each
    of its characters after the first is a digit or a separator that a digit follows, so a
    match never reaches past its run, and it starts at a digit, which every run starts
    with. So the matches of the text are those of its runs, in order, and a run of digits
    alone (most runs: a year, an amount) is one match, itself."""
    numbers = set()
    for run in set(runs):
        if run.isdecimal():
            numbers.add(run)
        else:
            numbers.update(m if m.isdecimal() else m.translate(_NOT_DIGITS) for m in _NUMBER.findall(run))
    return numbers


def similarity(a: Cell, b: Cell) -> float:
    """How likely two sections are counterparts, 0..1, from language-invariant evidence.

    Weighted mean of: same heading level (1), link targets (3), numbers (2), names (2),
    bullets (1), paragraphs (1), share of the text (1), position (1); evidence absent
    from both sections is left out of the mean.
    """
    return _similarities(_evidence(a), [_evidence(b)], float("inf"))[0]


def _evidence(cell: Cell) -> tuple:
    """What ``similarity`` compares, read once per cell (``_pairwise`` compares each cell with
    many): heading level, bullets + 1, paragraphs + 1, share + 0.01, position, link targets,
    numbers, names."""
    return (cell.section.level, cell.items + 1, cell.paragraphs + 1, cell.share + 0.01, cell.position,
            cell.targets, cell.numbers, cell.names)


def _similarities(a: tuple, others: list[tuple], band: float) -> list[float | None]:
    """``similarity`` of one cell's ``_evidence`` with each of ``others``, or None for a section
    further than ``band`` from it in relative position (never compared).

    Runs for every pair of sections in the band, so written out, one call per row of the
    programme: a count or share compares as min/max (1 when equal), a set as |x & y| / |x | y|
    (without building the union), and two sets with nothing in common (most pairs) add 0
    to the score, which ``isdisjoint`` tells without building the intersection."""
    level, items, paragraphs, share, position, targets, numbers, names = a
    out = []
    for level_b, items_b, paragraphs_b, share_b, position_b, targets_b, numbers_b, names_b in others:
        distance = abs(position - position_b)
        if distance > band:
            out.append(None)
            continue
        score = (level == level_b) + (1.0 if items == items_b else items / items_b if items < items_b
                                      else items_b / items)
        score += 1.0 if paragraphs == paragraphs_b else paragraphs / paragraphs_b if paragraphs < paragraphs_b \
            else paragraphs_b / paragraphs
        score += 1.0 if share == share_b else share / share_b if share < share_b else share_b / share
        score = score + 1.0 - distance
        weight = 5.0
        if targets or targets_b:
            weight += 3.0
            if not targets.isdisjoint(targets_b):
                common = len(targets & targets_b)
                score += 3.0 * common / (len(targets) + len(targets_b) - common)
        if numbers or numbers_b:
            weight += 2.0
            if not numbers.isdisjoint(numbers_b):
                common = len(numbers & numbers_b)
                score += 2.0 * common / (len(numbers) + len(numbers_b) - common)
        if names or names_b:
            weight += 2.0
            if not names.isdisjoint(names_b):
                common = len(names & names_b)
                score += 2.0 * common / (len(names) + len(names_b) - common)
        out.append(score / weight)
    return out


# Up to this many pairs of sections the programme compares every pair; beyond it (an article
# of thousands of sections), only a band around the diagonal, so the time and memory grow
# linearly with the sections rather than with their square (20,000 sections each took
# more than 5 minutes and gigabytes).
EXACT_PAIRS = 1_000_000
MIN_BAND = 50


def _band(n: int, m: int) -> list[tuple[int, int]]:
    """For each row i (0..n) of the programme, the columns (lo, hi) it computes. The pivot
    has the most sections (n >= m), so consecutive bands overlap and the path is connected."""
    if n * m <= EXACT_PAIRS or n == 0:
        return [(0, m)] * (n + 1)
    half = max(MIN_BAND, EXACT_PAIRS // (2 * n))
    return [(max(0, i * m // n - half), min(m, i * m // n + half)) for i in range(n + 1)]


# How much the diagonal must win by for ``_diagonal_wins`` to answer for the programme: far
# above the rounding of its sums (at most n * n * 1.2e-16 for n <= 1,000 sections, where it
# applies), far below any difference of similarity that means something.
MARGIN = 1e-9


def _diagonal_wins(rows: list[list[float | None]]) -> bool:
    """Whether the programme's answer is the diagonal (section k with section k, for every k)
    of two versions with as many sections, read from its similarities without running it.

    ``rows[i]``: the similarities of pivot section i with every section of the other (None
    beyond the band). It is when every diagonal pair gains (similarity above
    ``MATCH_FLOOR``) and is the best of its row (each by ``MARGIN``), as in nearly every
    article (the versions keep the same sections in the same order: 98% of the pairs of
    versions on the benchmark corpus). Proof: an alignment scores the gains of its matches
    (i, s(i)) for i in some set, s increasing; each is at most its row's diagonal gain, and
    every diagonal gain is positive, so every other alignment scores at least ``MARGIN``
    below the diagonal, far more than the rounding of the sums; so at every cell of the
    diagonal the programme takes the match. The programme's answer is then the diagonal,
    and the programme (``_programme``) is not run."""
    for i, scores in enumerate(rows):
        own = scores[i]
        if own is None or own - MATCH_FLOOR <= MARGIN:
            return False
        bar = own - MARGIN
        for k, score in enumerate(scores):
            if score is not None and score >= bar and k != i:
                return False
    return True


def _pairwise(pivot: list[Cell], other: list[Cell]) -> list[tuple[int | None, int | None]]:
    """Order-preserving alignment maximising the summed (similarity - floor) of matches."""
    return _pairwise_evidence(list(map(_evidence, pivot)), list(map(_evidence, other)))


def _pairwise_evidence(pivot: list[tuple], other: list[tuple]) -> list[tuple[int | None, int | None]]:
    """``_pairwise`` of two versions' cells' ``_evidence`` (``align`` reads the pivot's once)."""
    n, m = len(pivot), len(other)
    band = _band(n, m)
    # Sections far apart in their documents are not compared (a band around the diagonal):
    # rows[i - 1] holds the similarities of pivot[i - 1] with other[max(lo, 1) - 1:hi].
    rows = [_similarities(pivot[i - 1], other[max(lo, 1) - 1:hi], BAND) for i, (lo, hi) in enumerate(band) if i]
    if n == m and n * m <= EXACT_PAIRS and _diagonal_wins(rows):
        return [(k, k) for k in range(n)]
    return _programme(rows, band, n, m)


def _programme(rows: list[list[float | None]], band: list[tuple[int, int]], n: int, m: int
               ) -> list[tuple[int | None, int | None]]:
    """The dynamic programme of ``_pairwise`` on its similarities: the matches (i, j), and
    the sections left unmatched as (i, None) and (None, j), in order."""
    lost = float("-inf")  # outside the band
    # best[i][j - band[i][0]]: the score of the best alignment of pivot[:i] with other[:j]
    best = [[0.0] * (hi - lo + 1) for lo, hi in band]
    move = [[0] * (hi - lo + 1) for lo, hi in band]  # 0 match, 1 gap in other, 2 gap in pivot
    for j in range(1, band[0][1] + 1):
        move[0][j] = 2
    for i in range(1, n + 1):
        lo, hi = band[i]
        plo, phi = band[i - 1]
        above, row, steps = best[i - 1], best[i], move[i]
        if lo == 0:
            steps[0] = 1
        first = max(lo, 1)
        left = row[first - 1 - lo] if first > lo else lost  # the best of pivot[:i] with other[:j - 1]
        for j, score in enumerate(rows[i - 1], first):
            gain = score - MATCH_FLOOR if score is not None else -1.0
            diag = above[j - 1 - plo] + gain if plo <= j - 1 <= phi else lost
            up = above[j - plo] if plo <= j <= phi else lost
            if diag >= up and diag >= left:
                left, step = diag, 0
            elif up >= left:
                left, step = up, 1
            else:
                step = 2
            row[j - lo], steps[j - lo] = left, step
    pairs = []
    i, j = n, m
    while i or j:
        step = move[i][j - band[i][0]]
        if step == 0:
            pairs.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif step == 1:
            pairs.append((i - 1, None))
            i -= 1
        else:
            pairs.append((None, j - 1))
            j -= 1
    return pairs[::-1]


def align(article: Article) -> Alignment:
    """Align the sections of every version of ``article`` into rows."""
    versions = article.versions
    langs = tuple(v.lang for v in versions)
    cells = [_cells(v) for v in versions]
    if not versions:
        return Alignment(article, langs, (), {})
    p = max(range(len(versions)), key=lambda k: (len(cells[k]), -k))
    pivot = cells[p]
    evidence = list(map(_evidence, pivot))
    # For every pivot section: the matched cell per version; between pivot sections: inserts.
    matched: list[list[Cell | None]] = [[None] * len(versions) for _ in pivot]
    inserts: list[list[list[Cell]]] = [[[] for _ in versions] for _ in range(len(pivot) + 1)]
    for k, own in enumerate(cells):
        if k == p:
            for i, cell in enumerate(pivot):
                matched[i][k] = cell
            continue
        slot = 0
        for pi, oi in _pairwise_evidence(evidence, list(map(_evidence, own))):
            if pi is not None:
                slot = pi + 1
                if oi is not None:
                    matched[pi][k] = own[oi]
            else:
                inserts[slot][k].append(own[oi])
    rows: list[Row] = []
    for slot in range(len(pivot) + 1):
        depth = max((len(x) for x in inserts[slot]), default=0)
        for d in range(depth):
            rows.append(Row(tuple(x[d] if d < len(x) else None for x in inserts[slot])))
        if slot < len(pivot):
            rows.append(Row(tuple(matched[slot])))
    by_section = {id(cell.section): row for row in rows for cell in row.cells if cell is not None}
    return Alignment(article, langs, tuple(rows), by_section)


def cell_summary(cell: Cell | None, width: int = 22) -> str:
    """A short text for a table cell: heading (cut), paragraphs (p), bullets (b), links (l)."""
    if cell is None:
        return "—"
    s = cell.section
    marks = ("#" * s.level + (" " if s.well_formed else "")) if s.level else ""
    title = (marks + s.title) if s.level else "(preamble)"
    if len(title) > width:
        title = title[: width - 1] + "…"
    links = sum(len(i.links) for b in s.blocks for blk in b.walk() for i in blk.inlines)
    return f"{title}  {cell.paragraphs}p {cell.items}b {links}l"
