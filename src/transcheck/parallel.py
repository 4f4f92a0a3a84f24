"""Parallel (``--jobs N``) and cached runs of the checks, by article.

The parent discovers the candidates and groups them by the article their path names
(``Candidate.group``); it parses nothing. Chunks of those groups go to worker processes,
which read, parse and check them and send back findings only. A group whose files all
stay in it (no front matter ``translationKey`` moves one out) is checked alone, so its
findings depend on its own files only: that is the unit the cache (``cache``) stores,
and its paths have no findings from elsewhere, so that a cached article's findings can be
kept as the output its entry holds (``Part.blocks``: a block per path).
Groups with a moved file are checked together per chunk; when the articles they form
span chunks, the parent checks all those groups again in-process (in one process, they
are checked together once, at the end). The parent keeps the findings in a
``spill.FindingStore`` as the chunks come, and chunks are at most ``CHUNK`` groups, so
neither the parent's nor a worker's memory grows with the number of findings. A file whose path
names no language (identified by its text, against every language of the run) sends the
whole run to the serial path (``run_chunked`` returns None).
"""

from __future__ import annotations

import gc
import os
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Iterator, NamedTuple

from .discovery import INCLUDE, discover
from .reading import DEFAULT_MAX_FILE_SIZE


class Settings(NamedTuple):
    """What a worker needs besides its files; picklable (rules with options are
    ``functools.partial`` of module functions)."""

    rules: tuple
    source: str | None
    languages: tuple[str, ...]
    shard: tuple[int, int] | None
    report_unused: bool
    cache_dir: str | None = None
    salt: str = ""
    max_size: int | None = DEFAULT_MAX_FILE_SIZE  # bytes; larger files are reported, not read (None: no limit)
    context: bool = False  # for the report: also where each finding's line is (``report.contexts``)
    # for ``report --html``: (the languages shown, the configuration's filter) to render each
    # article's section of the page where it is checked (``html_report.articles_html``)
    html: tuple | None = None
    # "text" or "json" when the run writes that format and no configuration changes a
    # finding: cached articles are given as that format's blocks (``Part.blocks``)
    rendered: str | None = None


@dataclass
class Part:
    """What a worker returns for a set of groups."""

    findings: list = field(default_factory=list)
    files: int = 0
    checked: list = field(default_factory=list)
    elsewhere: int = 0
    articles: int = 0
    article_of: dict = field(default_factory=dict)  # checked path -> article slug
    contexts: dict = field(default_factory=dict)  # with Settings.context: (path, line) -> report.contexts
    pages: list = field(default_factory=list)  # with Settings.html: (slug, key, languages, section) per article
    hits: int = 0
    misses: int = 0
    # groups whose files moved to other articles: their path groups, and the article keys they formed
    moved: list = field(default_factory=list)
    keys: set = field(default_factory=set)
    # the findings and counts of the moved groups, kept apart: valid unless their articles span chunks
    moved_part: "Part | None" = None
    # with Settings.rendered, the cached articles' findings as output: (path, count, block) for each
    # path with findings, all that path's findings (``cache.Cache.get``), and their tally
    blocks: list = field(default_factory=list)
    tally: dict = field(default_factory=dict)

    def add(self, other: "Part") -> None:
        self.findings.extend(other.findings)
        self.files += other.files
        self.checked.extend(other.checked)
        self.elsewhere += other.elsewhere
        self.articles += other.articles
        self.article_of.update(other.article_of)
        self.contexts.update(other.contexts)
        self.pages.extend(other.pages)
        self.hits += other.hits
        self.misses += other.misses
        self.blocks.extend(other.blocks)
        for key, count in other.tally.items():
            self.tally[key] = self.tally.get(key, 0) + count


def run_chunked(paths: list[str], layout: str | None, settings: Settings, include: tuple[str, ...] = INCLUDE,
                excluded=None, jobs: int = 1, progress=None, select=None, render=None, pages=None):
    """The engine's ``run`` for ``check`` by groups of files, in ``jobs`` processes, with
    the cache when ``settings.cache_dir`` is set; the ``Result`` keeps no articles (its
    ``article_count`` says how many) and its findings are a ``spill.FindingStore``, so
    memory does not grow with the number of findings. ``select`` (e.g.
    ``Config.apply``) filters each batch of findings before it is kept; ``render``: the
    store keeps spilled findings as their output pieces (``FindingStore``), and without
    ``select`` each article's findings come as that output, rendered where the article was
    checked, or the output a cached article's entry keeps (``Settings.rendered``,
    ``FindingStore.add_blocks``); ``pages`` (a ``spill.PageStore``,
    with ``settings.html``): where each article's rendered section goes. None when a file
    needs the serial path.

    What the parent keeps per file (checked paths, their articles) grows with the corpus;
    the findings of articles that front matter joins across groups (rare) are held until
    the end, as they may have to be checked again together."""
    from .result import Result
    from .spill import FindingStore

    if settings.html is not None and settings.cache_dir:
        settings = settings._replace(cache_dir=None)  # a cached article has no rendered section
    found = discover(paths, layout, include, excluded)
    if any(cand.lang is None for cand in found.candidates):
        return None
    ordered = found.groups()
    count = len(ordered)
    total = Part()  # counts and per-file data; the findings go to the store
    findings = FindingStore(render)
    moved: list[Part] = []  # the parts with moved groups

    def take(part: Part) -> None:
        findings.add(select(part.findings) if select else part.findings)
        part.findings = []
        if part.blocks:
            findings.add_blocks(part.blocks, part.tally)
            part.blocks, part.tally = [], {}
        for page in part.pages:
            pages.add(*page)
        part.pages = []
        total.add(part)
        if part.moved:
            moved.append(part)

    chunks = _chunks(ordered, jobs, HTML_CHUNK if settings.html is not None else CHUNK)
    in_process = jobs <= 1 or len(chunks) <= 1
    rendered = None
    if render is not None and select is None:
        # cached articles come as blocks; so do a worker's, rendered there: what it sends back
        # is then a few strings, not findings to pickle and render here (~4% of the CPU); and
        # so does each article checked in this process: its findings are then kept as strings,
        # not as objects the garbage collector's passes (``work``) read, ~1% of a check
        from .formats import RENDER

        rendered = next((name for name, function in RENDER.items() if function is render), None)
    if settings.rendered != rendered:
        settings = settings._replace(rendered=rendered)
    done = 0
    if settings.cache_dir and jobs > 1:  # cached articles are read here: a warm run starts no worker
        ordered = _cached(ordered, settings, take)
        done = total.hits
        chunks = _chunks(ordered, jobs, HTML_CHUNK if settings.html is not None else CHUNK)
        in_process = len(chunks) <= 1
    if not in_process:
        from concurrent.futures import ProcessPoolExecutor

        import importlib

        importlib.import_module(f"{__package__}.engine")  # the workers fork with it: each would import it (~60 ms)

        with ProcessPoolExecutor(max_workers=min(jobs, len(chunks))) as pool:
            for chunk, part in zip(chunks, pool.map(work, chunks, [settings] * len(chunks))):
                take(part)
                done += len(chunk)
                if progress:
                    progress(done, count, "articles checked")
    else:
        for chunk in chunks:  # the moved groups are checked once, together, below
            take(work(chunk, settings, check_moved=False))
            done += len(chunk)
            if progress:
                progress(done, count, "articles checked")
    seen: set = set()
    spanning = in_process and bool(moved)
    for part in moved:
        spanning = spanning or bool(part.keys & seen)
        seen |= part.keys
    if spanning:
        # articles that front matter forms span chunks: check all the moved groups together here
        take(_check([cand for part in moved for group in part.moved for cand in group], settings))
    else:
        for part in moved:
            take(part.moved_part)
    return Result(findings=findings, missing=found.missing, files=total.files, checked=sorted(total.checked),
                  elsewhere=total.elsewhere, article_count=total.articles,
                  stats={"hits": total.hits, "misses": total.misses}, article_of=total.article_of,
                  contexts=total.contexts)


CHUNK = 64  # groups at most per chunk: what a worker holds (a chunk's findings), and sends back at once
# ... when it also renders each article's section of the HTML page (``Settings.html``), which is
# larger than its files (23 MB of page for 14 MB of Markdown): a chunk's sections stay a few MB
HTML_CHUNK = 8


def _chunks(groups: list[list], jobs: int, most: int = CHUNK) -> list[list[list]]:
    """Chunks of at most ``most`` groups, in order, so that a chunk's findings (held until
    the chunk is done) stay few however large the corpus; in processes, also about four
    chunks per process (the slow ones even out), at least 8 groups each (or ``most``),
    and the last ``jobs`` chunks' worth of groups in quarter-size chunks: the processes
    then finish within a small chunk of each other, not one whole chunk after the other
    (half a chunk on average: 64 articles, ~0.2 s, at 10,000 files with two)."""
    if jobs <= 1:
        return [groups[i:i + most] for i in range(0, len(groups), most)]
    size = min(most, max(8, -(-len(groups) // (jobs * 4))))
    tail = max(0, len(groups) - jobs * size)
    small = max(1, size // 4)
    return [groups[i:min(i + size, tail)] for i in range(0, tail, size)] + \
        [groups[i:i + small] for i in range(tail, len(groups), small)]


def _read(group: list, max_size: int | None) -> list[bytes | None]:
    """The bytes of each file; None for one that cannot be read or is over ``max_size``
    (``engine.load`` then reports why)."""
    from .reading import read_bytes

    datas = []
    for cand in group:
        try:
            datas.append(read_bytes(cand.path, max_size))
        except OSError:
            datas.append(None)
    return datas


def _lookup(groups: list[list], store, max_size: int | None,
            rendered: str | None = None) -> Iterator[tuple[list, list | None, str | None, Part | None]]:
    """Each group with its files' bytes, its cache key (None: not cached) and its cached
    part (None: to compute; ``Cache.get`` with ``rendered``), one group at a time, so a
    corpus's bytes are never all held. A group the cache's stat memo knows, with a cached
    part, is not read (bytes None)."""
    for group in groups:
        if store is None:
            yield group, _read(group, max_size), None, None
            continue
        signed = store.signatures(group, max_size)
        known = store.known(signed) if signed is not None else None
        entry = store.get(known, rendered) if known is not None else None
        if entry is not None:
            yield group, None, known, entry
            continue
        datas = _read(group, max_size)
        key = store.key(group, datas) if None not in datas else None
        if key is not None and signed is not None and key != known:
            store.remember(signed, key)
        yield group, datas, key, store.get(key, rendered) if key is not None else None


def _cached(groups: list[list], settings: Settings, take) -> list[list]:
    """In the parent: give each cached group's part to ``take``; the groups left for the workers."""
    from . import cache as cache_mod

    rest = []
    for group, _, _, entry in _lookup(groups, cache_mod.Cache(settings.cache_dir, settings.salt), settings.max_size,
                                      settings.rendered):
        if entry is None:
            rest.append(group)
        else:
            entry.hits += 1
            take(entry)
    return rest


def work(chunk: list[list], settings: Settings, check_moved: bool = True) -> Part:
    """Read, parse and check a chunk of path groups (in a worker process), one article at
    a time: its bytes and model are dropped before the next is read. The groups that
    front matter moves are checked together at the end (``check_moved``) or left to the
    caller (``Part.moved``)."""
    store = None
    if settings.cache_dir:
        from . import cache as cache_mod  # with its hashing and file writing: not without the cache

        store = cache_mod.Cache(settings.cache_dir, settings.salt)
    out = Part()
    with _collector_paused() as paused:
        computed = 0
        for group, datas, key, entry in _lookup(chunk, store, settings.max_size, settings.rendered):
            if entry is not None:
                out.add(entry)
                out.hits += 1
                continue
            _compute(group, datas, key, store, settings, out)
            computed += 1
            if paused and computed % _COLLECT_EVERY == 0:
                gc.collect(1)
    out.misses += len(out.moved)
    if out.moved and check_moved:
        out.moved_part = _check([cand for group in out.moved for cand in group], settings)
    return out


# Articles computed between two collections of the young generations (``_collector_paused``).
_COLLECT_EVERY = 64


@contextmanager
def _collector_paused():
    """Pause Python's cyclic garbage collector while a chunk is read, parsed and checked;
    yield whether it was paused (it stays off, and nothing is collected, when the caller
    turned it off). Its passes over each article's live model (tokens, blocks, findings)
    found almost nothing to free: an article's objects form few cycles, and reference
    counting frees them when the article is dropped. Paused per article, as it first was,
    the collector still ran between articles, over the young objects the article left and
    every so often over the whole heap: ~0.1 s of 2.7 s at 2,000 files. ``work`` collects
    the young generations every ``_COLLECT_EVERY`` articles instead, so the few cycles an
    article makes (a rule's exception and its traceback) are still freed; peak memory was
    unchanged when measured."""
    if not gc.isenabled():
        yield False
        return
    gc.disable()
    try:
        yield True
    finally:
        gc.enable()


def _compute(group: list, datas: list, key: str | None, store, settings: Settings, out: Part) -> None:
    """Load and check one group into ``out`` (and the cache), or set it aside in
    ``out.moved`` when front matter moves one of its files to another article."""
    from .engine import joined_elsewhere, load  # not on a warm run: every article from the cache

    loaded = [(cand, *load(cand, data, settings.max_size)) for cand, data in zip(group, datas)]
    keys = joined_elsewhere(loaded, group[0].group)
    if keys:
        out.moved.append(group)
        out.keys |= keys
        return
    part = _check_loaded(loaded, settings)
    out.misses += 1
    if key is not None:
        blocks, counts = store.put(key, part)
        if settings.rendered:  # as a warm run will give it (the blocks are made: not rendered again)
            from .cache import rendered_blocks

            part.findings = []
            part.blocks, part.tally = rendered_blocks(blocks, settings.rendered), counts
    elif settings.rendered:
        from .formats import output_blocks

        part.blocks, part.tally = output_blocks(part.findings, (settings.rendered,))
        part.findings = []
    out.add(part)


def _check(cands: list, settings: Settings) -> Part:
    from .engine import load

    return _check_loaded([(cand, *load(cand, None, settings.max_size))
                          for cand in sorted(cands, key=lambda c: c.path)], settings)


def _check_loaded(loaded: list, settings: Settings) -> Part:
    from .engine import Result, assemble, check_all

    result = assemble(loaded, Result(), languages=settings.languages, shard=settings.shard)
    check_all(result, settings.rules, settings.source, report_unused_disables=settings.report_unused)
    part = Part(result.findings, result.files, result.checked, result.elsewhere, len(result.articles),
                result.article_of)
    if settings.context:
        from .report import contexts

        part.contexts = contexts(result)
    if settings.html is not None:
        from .html_report import articles_html

        part.pages = articles_html(result, *settings.html)
    return part


def default_jobs() -> int:
    return os.cpu_count() or 1
