"""The findings of a ``check`` run, given back sorted, in bounded memory.

``check`` reports findings in ``Finding.sort_key`` order (path first) but checks the
corpus an article at a time, and one article's files can be far apart in path order
(``<Language>/<slug>.md``): every finding has to be kept until the last article is
checked. A ``FindingStore`` keeps at most ``HELD`` of them in memory; beyond that it
writes them to an anonymous temporary file (it has no name, so it vanishes when closed
or when the process ends, however it ends) as one sorted run (a block per path, paths in
order), and keeps only where each run starts and ends. Iterating merges the runs (an
external merge sort), one block per run in memory. Below ``HELD`` nothing touches the
disk: a run of one article (pre-commit) costs nothing more.

The store also counts the findings by rule, severity and fix applicability as they come
(``tally``), so that the summary, the fixable hint and the exit status need no second
pass over findings that may be on disk.

A store made with ``render`` (a function of a finding: one piece of the output, e.g.
``formats.finding_json``) writes each finding to disk as that piece, with its sort key,
and ``rendered()`` gives the pieces in order: the output of a large corpus is then written
without rebuilding any spilled finding (which cost more than writing it).

Such a store also takes blocks (``add_blocks``): all the findings of one path, already
rendered and joined as the output writes them (``formats.JOINS``), with their tally, as
the cache keeps them (``cache.Cache.get`` with ``rendered``). A block is held, spilled and given back by
``rendered()`` as one piece: a warm run writes its cached findings without a Python step
per finding. A path given as a block can have no other finding in the store.
"""

from __future__ import annotations

import heapq
import os
from collections import Counter
from itertools import groupby
from operator import itemgetter
from typing import Callable, Iterable, Iterator

from .findings import Edit, Finding, Fix

HELD = 5000  # findings held in memory before they are written to the temporary file (~1 KB each)


class FindingStore:
    """Findings added in any order, in any number of batches (a path's findings may come
    in several), iterated in ``sort_key`` order, as often as needed. Findings with equal
    sort keys keep the order they were added in (as a stable sort of one list would)."""

    def __init__(self, render: Callable[[Finding], str] | None = None) -> None:
        self.render = render  # with it, spilled findings are kept as their rendered pieces only
        self._held: dict[str, list[Finding]] = {}  # path -> its findings not yet written
        self._blocks: dict[str, str] = {}  # path -> its block not yet written (``add_blocks``)
        self._blocked: set[str] = set()  # the paths given as blocks
        self._spilled: set[str] = set()  # the paths whose findings (not blocks) were written out
        self._held_count = 0
        self._runs: list[tuple[int, int]] = []  # (start, end) offsets of each run written, in order
        self._file = None
        self._count = 0
        self.tally: Counter = Counter()  # (rule, severity, fix applicability or None) -> count

    def add(self, findings: Iterable[Finding]) -> None:
        """Keep ``findings``; never more than ``HELD`` in memory."""
        for f in findings:
            if self._held_count >= HELD:
                self._spill()
            if f.path in self._blocked:
                raise ValueError(f"{f.path}: a finding for a path given as a block")
            self._held.setdefault(f.path, []).append(f)
            self._held_count += 1
            self._count += 1
            self.tally[tally_key(f)] += 1

    def add_blocks(self, blocks: Iterable[tuple[str, int, str]], tally: dict) -> None:
        """Keep ``blocks``, (path, count, block): all the findings of each path, already
        rendered by this store's ``render`` and joined (``formats.JOINS``), and ``tally``,
        their counts as ``tally_key`` makes them. Beyond ``HELD`` findings held, the held
        ones are written out first (so at most ``HELD`` plus one block are held). ValueError
        for a path the store already has findings for: they could not be put in order."""
        if self.render is None:
            raise TypeError("blocks are rendered findings: a store without render takes findings")
        for path, count, block in blocks:
            if path in self._blocked or path in self._held or path in self._spilled:
                raise ValueError(f"{path}: a block for a path the store already has findings for")
            if self._held_count >= HELD:
                self._spill()
            self._blocked.add(path)
            self._blocks[path] = block
            self._held_count += count
            self._count += count
        self.tally.update(tally)

    def _spill(self) -> None:
        """Write the held findings and blocks to the temporary file as one run: (path, rows)
        pairs, paths sorted (a block is one row, ``_block_row``)."""
        import pickle  # here: a run that spills nothing (one article) does not import these
        import tempfile

        if self._file is None:
            self._file = tempfile.TemporaryFile(prefix="transcheck-findings-")
        start = self._file.seek(0, os.SEEK_END)
        row = _row if self.render is None else self._rendered_row
        for path in sorted([*self._held, *self._blocks]):
            rows = [row(f) for f in self._held[path]] if path in self._held else [_block_row(self._blocks[path])]
            pickle.dump((path, rows), self._file, pickle.HIGHEST_PROTOCOL)
        self._runs.append((start, self._file.tell()))
        self._spilled.update(self._held)
        self._held, self._blocks = {}, {}
        self._held_count = 0

    def _rendered_row(self, f: Finding) -> tuple:
        return (f.line, f.column, f.code, f.message, self.render(f))

    def __iter__(self) -> Iterator[Finding]:
        """Every finding, sorted: the runs and the held findings merged by path (a path's
        blocks in the order they were written), each path's findings sorted. Not for a
        store with ``render`` that has spilled (its spilled findings are text now), nor
        one that was given blocks."""
        if self.render is not None and (self._runs or self._blocked):
            raise TypeError("the spilled findings of a rendering store are read with rendered()")
        return self._merged(lambda path, rows: [_finding(path, row) for row in rows], list, _sort_key)

    def rendered(self) -> Iterator[str]:
        """Every finding's rendered piece, in ``sort_key`` order (a store with ``render``);
        a block (``add_blocks``) is one piece."""
        held = self._rendered_row
        for row in self._merged(lambda path, rows: rows, lambda found: [held(f) for f in found], _ROW_KEY,
                                self._blocks):  # a store without blocks has none held
            yield row[4]

    def _merged(self, spilled, held, key, held_blocks: dict | None = None) -> Iterator:
        """The items of every path in order: each run's blocks through ``spilled(path,
        rows)``, the held findings through ``held(findings)``, the ``held_blocks`` as their
        rows (``_block_row``); a path's items sorted by ``key`` (stable: a merge takes equal
        paths from earlier runs first)."""
        runs = [self._read(start, end, spilled) for start, end in self._runs]
        runs.append((path, held(found)) for path, found in sorted(self._held.items()))
        if held_blocks:
            runs.append((path, [_block_row(block)]) for path, block in sorted(held_blocks.items()))
        for path, blocks in groupby(heapq.merge(*runs, key=itemgetter(0)), key=itemgetter(0)):
            found = [item for _, block in blocks for item in block]
            found.sort(key=key)
            yield from found

    def _read(self, start: int, end: int, spilled) -> Iterator[tuple[str, list]]:
        """The blocks of one run, one at a time (other runs read the same file in between)."""
        import pickle

        offset = start
        while offset < end:
            self._file.seek(offset)
            path, rows = pickle.load(self._file)
            offset = self._file.tell()
            yield path, spilled(path, rows)

    def __len__(self) -> int:
        return self._count

    def close(self) -> None:
        """Drop the temporary file (it also goes when the store is garbage)."""
        if self._file is not None:
            self._file.close()
            self._file = None
        self._held, self._runs, self._held_count = {}, [], 0
        self._blocks, self._blocked, self._spilled = {}, set(), set()


def tally_key(f: Finding) -> tuple:
    return (f.rule, f.severity, f.fix.applicability if f.fix is not None else None)


def tally(findings: Iterable[Finding]) -> Counter:
    """The counts of ``findings`` by (rule, severity, fix applicability or None): a store's
    running tally, or one pass over a list."""
    if isinstance(findings, FindingStore):
        return findings.tally
    return Counter(tally_key(f) for f in findings)


def _sort_key(f: Finding) -> tuple:
    return f.sort_key


_ROW_KEY = itemgetter(0, 1, 2, 3)  # a rendered row's sort key within its path: line, column, code, message


def _block_row(block: str) -> tuple:
    """A block (``add_blocks``) as a rendered row: the only row of its path (its sort key
    is never compared with another's)."""
    return (0, 0, "", "", block)


def _row(f: Finding) -> tuple:
    """A finding as a tuple of plain values (its path is its block's), quick to pickle."""
    fix = f.fix
    if fix is not None:
        fix = (fix.applicability, tuple((e.start, e.end, e.replacement) for e in fix.edits), fix.structure)
    return (f.line, f.column, f.end_line, f.end_column, f.rule, f.code, f.severity, f.message, f.lang, f.article,
            f.offset, f.end_offset, fix, f.fix_positions)


def _finding(path: str, row: tuple) -> Finding:
    """The finding ``_row`` wrote (the file is this process's own: nothing to validate)."""
    fix = row[12]
    if fix is not None:
        fix = Fix(fix[0], tuple(Edit(*edit) for edit in fix[1]), fix[2])
    return Finding(path, *row[:12], fix, row[13])


class _TextFile:
    """Texts written one after the other to an anonymous temporary file (made at the first
    text: a run with none touches no disk), each read back by its place."""

    def __init__(self) -> None:
        self._file = None

    def _write(self, text: str) -> tuple[int, int]:
        """Write ``text``; its (start, length) in the file."""
        if self._file is None:
            import tempfile

            self._file = tempfile.TemporaryFile()
        data = text.encode("utf-8", "surrogatepass")
        start = self._file.seek(0, os.SEEK_END)
        self._file.write(data)
        return start, len(data)

    def _read(self, start: int, length: int) -> str:
        self._file.seek(start)
        return self._file.read(length).decode("utf-8", "surrogatepass")

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None


class PageStore(_TextFile):
    """The rendered ``<section>`` of each article of a streamed ``report --html``, written
    to an anonymous temporary file as the articles are checked (in any order), then read
    back one slug at a time in the order the page wants (worst first, known only at the
    end). Memory holds each article's slug, key, languages and place in the file, never
    the page."""

    def __init__(self) -> None:
        super().__init__()
        self._where: dict[str, list[tuple]] = {}  # slug -> (key, languages, start, length) per article

    def add(self, slug: str, key: str, langs: tuple[str, ...], html: str) -> None:
        """Keep one article's section (``key``: ``Article.key``, unique where slugs are not)."""
        self._where.setdefault(slug, []).append((key, langs, *self._write(html)))

    @property
    def articles(self) -> dict[str, list[tuple[str, tuple[str, ...]]]]:
        """Each slug's articles as (key, languages), by key (as ``html_report`` orders them)."""
        return {slug: [(key, langs) for key, langs, _, _ in sorted(found)] for slug, found in self._where.items()}

    def sections(self, slug: str) -> str:
        """The sections of the articles of ``slug``, by key."""
        return "".join(self._read(start, length) for _, _, start, length in sorted(self._where[slug]))


class TextStore(_TextFile):
    """Texts given with a key as they come (in any order), given back in key order, then
    in the order they came: ``fix --diff``'s diff of each file, made an article at a time
    and printed by path. Texts stay in memory up to ``HELD_CHARS`` characters (a run of one
    article touches no disk); beyond, those held go to the temporary file, where memory
    holds only their keys and places. Where no temporary file can be made (a read-only
    file system), the texts stay in memory."""

    HELD_CHARS = 1 << 22

    def __init__(self) -> None:
        super().__init__()
        self._where: list[tuple] = []  # (key, arrival, text or None, start, length) per text
        self._held = 0  # characters of the texts in memory
        self._no_file = False

    def add(self, key, text: str) -> None:
        self._where.append((key, len(self._where), text, 0, 0))
        self._held += len(text)
        if self._held > self.HELD_CHARS and not self._no_file:
            try:
                self._where = [(k, arrival, None, *(self._write(held) if held is not None else place))
                               for k, arrival, held, *place in self._where]
                self._held = 0
            except OSError:
                self._no_file = True  # no temporary file: the texts stay in memory

    def __len__(self) -> int:
        return len(self._where)

    def in_order(self) -> Iterator[str]:
        for _, _, text, start, length in sorted(self._where, key=itemgetter(0, 1)):
            yield text if text is not None else self._read(start, length)
