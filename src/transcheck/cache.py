"""The result cache (``.transcheck_cache/``): the findings of each article, keyed by a
hash of its files (paths and bytes), transcheck's version and the settings that change
findings (rules and their options, source language, languages, shard, suppression
reporting). An entry that is missing, corrupt, truncated or written by something else is
ignored and recomputed; entries are written whole (a temporary file renamed over).

An entry is two files: ``<key>.json`` keeps each finding as a row (``finding_row``);
``<key>.out`` keeps the text and the JSON that the output writes for each of its paths'
findings (a block per path and format, ``formats.JOINS``) and their counts by rule,
severity and fix (``spill.tally``). A warm run whose output is text or JSON, with no
configuration that changes findings, reads the ``.out`` file alone and writes its blocks
as they are (``Cache.get(key, rendered)``, ``spill.FindingStore.add_blocks``) instead of
rebuilding, counting and rendering every finding: at 10,000 files (42,000 findings) that
took ~0.5 s of the warm run's 0.9 s of CPU. The two files are checked independently: a
run uses an entry when the file it reads is whole and well-formed.

A warm run would spend most of its time reading and hashing files that have not changed,
so a stat memo (``Cache.known``/``Cache.remember``) records, for an article's files as
``os.stat`` describes them (device, inode, size, modification and change times), the key
their bytes hashed to; as git's index does. The key is still the hash of the bytes: the
memo only spares computing it again. Any write to a file sets its change time to the
current time, which a user cannot set back, so a changed file is not the file the memo
describes; a file changed in the last ``RACY_NS`` is neither looked up nor recorded,
since a second change within its timestamps' granularity could leave them as they were.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import time
from functools import partial

from .atomic import write_atomically
from .reading import read_bytes
from .findings import Applicability, Edit, Finding, Fix, Severity

DIRECTORY = ".transcheck_cache"
FORMAT = 4  # 4: JSON blocks write a path's undecodable bytes as escapes (``formats.escape_surrogates``)
RACY_NS = 2_000_000_000  # a file changed this recently (ns) is read and hashed, not taken from the memo
_KEY = re.compile("[0-9a-f]{64}")  # a key as a memo records it


def salt(settings) -> str:
    """The part of every key that comes from the run's settings."""
    from . import __version__

    rules = []
    for rule in settings.rules:
        check = rule.check
        options = sorted(check.keywords.items()) if isinstance(check, partial) else []
        func = check.func if isinstance(check, partial) else check
        rules.append([rule.code, rule.name, rule.severity.value, rule.scope,
                      f"{getattr(func, '__module__', '')}.{getattr(func, '__qualname__', '')}", repr(options)])
    return json.dumps([FORMAT, __version__, rules, settings.source, list(settings.languages),
                       settings.shard, settings.report_unused], sort_keys=True)


# the types of a row's fields before its fix (path ... end_offset; the severity is its value)
_SHAPE = (str, int, int, int, int, str, str, str, str, str, str, int, int)
_SEVERITY = {severity.value: severity for severity in Severity}


def finding_row(f: Finding) -> list:
    """A finding as the compact row an entry stores: every field, its fix included."""
    fix = None
    if f.fix is not None:
        fix = [f.fix.applicability.value, [[e.start, e.end, e.replacement] for e in f.fix.edits],
               [list(s) for s in f.fix.structure]]
    return [f.path, f.line, f.column, f.end_line, f.end_column, f.rule, f.code, f.severity.value, f.message,
            f.lang, f.article, f.offset, f.end_offset, fix, [list(p) for p in f.fix_positions]]


def finding_from_row(row: list) -> Finding:
    """The finding of a stored row; ValueError/TypeError/KeyError when the row is not one.
    (A warm run rebuilds every finding of the corpus here: the common row, with no fix,
    is checked with one comparison of its fields' types.)"""
    if type(row) is not list or len(row) != 15 or tuple(map(type, row[:13])) != _SHAPE:
        raise ValueError("not a finding row")
    fix, positions = row[13], row[14]
    if fix is None and positions == []:
        positions = ()
    else:
        fix, positions = _fix_from_row(fix, positions)
    return Finding(*row[:7], _SEVERITY[row[7]], *row[8:13], fix, positions)


_POSITION = (int, int, int, int)
_APPLICABILITY = {applicability.value: applicability for applicability in Applicability}


def _fix_from_row(fix: list | None, positions: list) -> tuple[Fix | None, tuple]:
    """A row's fix and the positions of its edits, checked field by field (most findings
    have a fix: written out, it costs half of a check by comprehensions of types)."""
    if type(fix) is not list or len(fix) != 3 or type(positions) is not list:
        raise ValueError("not a finding row")
    applicability, edits, structure = fix
    if type(edits) is not list or type(structure) is not list or len(edits) != len(positions):
        raise ValueError("not a finding row")
    built = []
    for edit in edits:
        if type(edit) is not list or len(edit) != 3:
            raise ValueError("not a finding row")
        start, end, replacement = edit
        if type(start) is not int or type(end) is not int or type(replacement) is not str:
            raise ValueError("not a finding row")
        built.append(Edit(start, end, replacement))
    places = tuple(map(tuple, positions))
    for place in places:
        if len(place) != 4 or tuple(map(type, place)) != _POSITION:
            raise ValueError("not a finding row")
    kinds = tuple(map(tuple, structure))
    for kind in kinds:
        if len(kind) != 2 or type(kind[0]) is not str or type(kind[1]) is not int:
            raise ValueError("not a finding row")
    return Fix(_APPLICABILITY[applicability], tuple(built), kinds), places


class CacheError(Exception):
    """The directory cannot be removed as a cache; the message says why."""


def remove(directory: str) -> bool:
    """Remove the cache ``directory``; False when there is none. Refuses (CacheError) a
    directory without transcheck's CACHEDIR.TAG: it may be anything the user keeps."""
    import shutil

    if not os.path.lexists(directory):
        return False
    tag = os.path.join(directory, "CACHEDIR.TAG")
    try:
        with open(tag, encoding="utf-8") as handle:
            mine = handle.read().startswith(_TAG) and os.path.isdir(directory) and not os.path.islink(directory)
    except (OSError, UnicodeDecodeError):
        mine = False
    if not mine:
        raise CacheError(f"{directory} is not a transcheck cache (no CACHEDIR.TAG written by transcheck); "
                         f"not removed")
    try:
        shutil.rmtree(directory)
    except OSError as exc:
        raise CacheError(f"cannot remove {directory}: {exc.strerror or exc}") from None
    return True


class Cache:
    def __init__(self, directory: str, salt: str):
        self.directory = directory
        self.salt = salt

    def key(self, group: list, datas: list[bytes]) -> str:
        h = hashlib.sha256(self.salt.encode("utf-8"))
        for cand, data in zip(group, datas):
            h.update(json.dumps([cand.path, cand.lang, cand.slug, cand.group, cand.named]).encode("utf-8"))
            h.update(len(data).to_bytes(8, "big"))
            h.update(data)
        return h.hexdigest()

    def _path(self, key: str) -> str:
        return os.path.join(self.directory, f"v{FORMAT}", key[:2], key + ".json")

    def signatures(self, group: list, max_size: int | None) -> str | None:
        """The stat memo's key for a group's files as they are now; None when one is not a
        regular file within ``max_size`` bytes, cannot be statted, or changed too recently."""
        recent = time.time_ns() - RACY_NS
        described = []
        for cand in group:
            try:
                info = os.stat(cand.path)
            except OSError:
                return None
            if not stat.S_ISREG(info.st_mode) or (max_size is not None and info.st_size > max_size) \
                    or info.st_ctime_ns > recent or info.st_mtime_ns > recent:
                return None
            described.append((cand.path, cand.lang, cand.slug, cand.group, cand.named, info.st_dev, info.st_ino,
                              info.st_size, info.st_mtime_ns, info.st_ctime_ns))
        # repr: unambiguous (its strings quoted and escaped, surrogates too), and one call per group
        return hashlib.sha256((self.salt + repr(described)).encode("utf-8", "surrogatepass")).hexdigest()

    def _memo_path(self, signed: str) -> str:
        return os.path.join(self.directory, f"v{FORMAT}", "stat", signed[:2], signed)

    def known(self, signed: str) -> str | None:
        """The key the files ``signed`` describes hashed to when last read, if recorded."""
        try:
            key = read_bytes(self._memo_path(signed), 64).decode("ascii")
        except (OSError, UnicodeDecodeError):
            return None
        return key if _KEY.fullmatch(key) else None

    def remember(self, signed: str, key: str) -> None:
        """Record that the files ``signed`` describes hash to ``key``; skipped silently when
        the cache cannot be written."""
        _write(self.directory, self._memo_path(signed), key)

    def _out_path(self, key: str) -> str:
        return os.path.join(self.directory, f"v{FORMAT}", key[:2], key + ".out")

    def get(self, key: str, rendered: str | None = None):
        """The cached part for ``key``, or None (missing or unusable: recomputed): its
        findings rebuilt from the entry's rows, or with ``rendered`` (``"text"`` or
        ``"json"``) that format's blocks and their tally (``Part.blocks``, ``Part.tally``)
        from the entry's output file, which is read alone (``_read_output``)."""
        try:
            if rendered:
                return _read_output(self._out_path(key), key, rendered)
            doc = json.loads(read_bytes(self._path(key), None).decode("utf-8"))
            if doc.get("format") != FORMAT or doc.get("key") != key:
                return None
            return _part(doc, [finding_from_row(r) for r in doc["findings"]])
        except (OSError, ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError):
            # RecursionError: JSON nested deeper than the parser recurses (a damaged entry)
            return None

    def put(self, key: str, part) -> tuple[list, dict]:
        """Store ``part`` under ``key``: its rows and its output (``formats.output_blocks`` of
        the formats an entry keeps, ``_FORMATS``); a cache that cannot be written is skipped
        silently. The output's blocks and tally are returned."""
        meta = {"files": part.files, "checked": part.checked, "elsewhere": part.elsewhere,
                "articles": part.articles, "article_of": part.article_of}
        doc = {"format": FORMAT, "key": key, "findings": [finding_row(f) for f in part.findings], **meta}
        _write(self.directory, self._path(key), json.dumps(doc, ensure_ascii=False, separators=(",", ":")))
        from .formats import output_blocks

        blocks, counts = output_blocks(part.findings, _FORMATS)
        checked = list(part.checked)
        where = {path: index for index, path in enumerate(checked)}
        # each path once: an article's slugs beside its checked paths, and a block's path as its
        # place among them (a dict and a path when they are not those paths, as they always are)
        slugs = [part.article_of[path] for path in checked] if list(part.article_of) == checked else part.article_of
        encoded = [[text.encode("utf-8", "surrogateescape") for text in texts] for _, _, *texts in blocks]
        head = {"format": FORMAT, "key": key, "files": part.files, "elsewhere": part.elsewhere,
                "articles": part.articles, "checked": checked, "article_of": slugs,
                "tally": [[rule, severity.value, fix.value if fix is not None else None, count]
                          for (rule, severity, fix), count in counts.items()],
                "blocks": [[where.get(path, path), count, *map(len, data)]
                           for (path, count, *_), data in zip(blocks, encoded)]}
        # as bytes: lengths in bytes, no line ending translated; a path's undecodable bytes
        # (os.fsdecode's surrogates) as they were, as write_atomically writes text
        _write(self.directory, self._out_path(key),
               b"".join([json.dumps(head, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogateescape"),
                         b"\n", *(part for data in encoded for part in data)]))
        return blocks, counts


def _part(doc: dict, findings: list):
    """The part of an entry's ``doc`` (rows or output header) with ``findings``; an error
    when its counts are not counts."""
    from .parallel import Part

    checked, article_of = doc["checked"], doc["article_of"]
    if type(checked) is not list or type(article_of) is not dict:
        raise ValueError("not an entry")
    return Part(findings, int(doc["files"]), [str(p) for p in checked], int(doc["elsewhere"]),
                int(doc["articles"]), {str(k): str(v) for k, v in article_of.items()})


# The output file of an entry (``<key>.out``), UTF-8: a line of JSON, the header (the
# format, the key, the part's counts and paths, the tally, and [path (its index in
# ``checked``), count, JSON length, text length] per block), then the blocks, each path's
# JSON block then its text block, lengths in bytes. A warm run that writes text or JSON
# reads this file only: no finding row is decoded.
_FORMATS = ("json", "text")  # the order of a path's blocks in the output file


def rendered_blocks(blocks: list[tuple], rendered: str) -> list[tuple[str, int, str]]:
    """(path, count, block) of the ``rendered`` format, of an entry's blocks (``_FORMATS``)."""
    column = 2 + _FORMATS.index(rendered)
    return [(block[0], block[1], block[column]) for block in blocks]


def _read_output(path: str, key: str, rendered: str):
    """The part an output file holds, with the ``rendered`` format's blocks; None for a
    file of another format or key; an error when it is not what ``Cache.put`` writes. Only
    the header and the blocks of ``rendered`` are decoded (from the bytes read, not copied)."""
    data = read_bytes(path, None)
    end = data.index(b"\n")
    head = json.loads(data[:end].decode("utf-8"))
    if head.get("format") != FORMAT or head.get("key") != key:
        return None
    slugs = head["article_of"]
    if type(slugs) is list:  # one per checked path (``Cache.put``)
        if type(head["checked"]) is not list or len(slugs) != len(head["checked"]):
            raise ValueError("not an entry")
        head["article_of"] = dict(zip(head["checked"], slugs))
    part = _part(head, [])
    checked = part.checked
    skip = _FORMATS.index(rendered)
    view = memoryview(data)
    blocks, at, previous = [], end + 1, None
    for row in head["blocks"]:
        if type(row) is not list or len(row) != 2 + len(_FORMATS):
            raise ValueError("not a block row")
        name, count, *lengths = row
        if type(name) is int:
            name = checked[name] if name >= 0 else None
        if type(name) is not str or type(count) is not int or count < 1 or (previous is not None and name <= previous) \
                or any(type(length) is not int or length < 0 for length in lengths):
            raise ValueError("not a block row")
        start = at + sum(lengths[:skip])
        blocks.append((name, count, str(view[start:start + lengths[skip]], "utf-8")))
        at += sum(lengths)
        previous = name
    if at != len(data):
        raise ValueError("the blocks are not the file's text")
    counts = {}
    for row in head["tally"]:
        if type(row) is not list or len(row) != 4:
            raise ValueError("not a tally row")
        rule, severity, fix, count = row
        if type(rule) is not str or type(count) is not int or count < 1:
            raise ValueError("not a tally row")
        counts[rule, _SEVERITY[severity], _APPLICABILITY[fix] if fix is not None else None] = count
    if len(counts) != len(head["tally"]) or sum(counts.values()) != sum(block[1] for block in blocks):
        raise ValueError("the tally does not count the blocks' findings")
    part.blocks, part.tally = blocks, counts
    return part


def _write(directory: str, path: str, text: str | bytes) -> None:
    """Write ``text`` to ``path`` in the cache ``directory`` (``write_atomically``); a cache that
    cannot be written is skipped silently."""
    try:
        _prepare(directory)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        write_atomically(path, text)
    except OSError:
        pass


_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# This file is a cache directory tag created by transcheck.\n"


def _prepare(directory: str) -> None:
    """Create the cache directory with a ``.gitignore`` (``*``) and a ``CACHEDIR.TAG``."""
    if os.path.exists(os.path.join(directory, "CACHEDIR.TAG")):
        return
    os.makedirs(directory, exist_ok=True)
    for name, text in ((".gitignore", "# Automatically created by transcheck.\n*\n"),
                       ("CACHEDIR.TAG", _TAG + "# For information about cache directory tags see "
                                               "https://bford.info/cachedir/\n")):
        target = os.path.join(directory, name)
        if not os.path.exists(target):
            write_atomically(target, text)
