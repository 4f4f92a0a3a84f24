"""Find version files and give each a language and an article, from its path.

Layouts (autodetected per directory, or forced with ``--layout``):

- ``slug-dir``: ``<root>/<slug>/<lang>.md`` (the files of a directory are named by language);
- ``lang-dir``: ``<root>/<lang>/<slug>.md`` (the directory is named by a code or English
  language name: ``fi``, ``Finnish``);
- ``suffix``: ``<dir>/<slug>.<lang>.md``.

Front matter ``lang``/``language`` and ``translationKey``/``translation_key`` override
what the path says; that happens when the file is loaded (``engine``), since reading
it belongs there. Files named on the command line are taken whatever their extension;
directories are searched for ``*.md`` (or the ``--include`` patterns). A file none of
this names a language for is identified by its text (``grouping``).
"""

from __future__ import annotations

import os
import re
from fnmatch import translate
from pathlib import Path
from typing import NamedTuple

from .languages import code_of

LAYOUTS = ("slug-dir", "lang-dir", "suffix")


class Candidate(NamedTuple):
    """A file to load, with what its path says about it."""

    path: str
    lang: str | None
    slug: str
    group: str  # article identity: layout root + slug
    named: bool  # named by the user (report findings) or loaded as a sibling


INCLUDE = ("*.md",)  # what a directory is searched for, unless --include says otherwise


# Paths are plain strings, normalised as pathlib spells them (``str(Path(raw))``: no ``./``,
# no doubled or trailing ``/``) and joined with ``_join``; pathlib itself costs more than the
# rest of discovery on a large corpus.


def _join(parent: str, name: str) -> str:
    """``str(Path(parent) / name)`` for a normalised ``parent`` and a plain file name."""
    if parent == ".":
        return name
    return parent + name if parent.endswith("/") else f"{parent}/{name}"


def _parent(path: str) -> str:
    """``str(Path(path).parent)`` of a normalised path."""
    head = os.path.dirname(path)
    return head or "."


def _name(path: str) -> str:
    """``Path(path).name`` of a normalised path ('' for '.' and '/')."""
    return "" if path == "." else os.path.basename(path)


def _stem(name: str) -> str:
    """``Path(name).stem``: the name without its last suffix (``.x``, not a leading or trailing dot)."""
    dot = name.rfind(".")
    return name[:dot] if 0 < dot < len(name) - 1 else name


def _md_files(directory: str, include: tuple[str, ...] = INCLUDE,
              slug_dirs: dict[str, bool] | None = None) -> dict[str, tuple[str, str]]:
    """The files under ``directory`` (normalised) matching ``include``, in ``os.walk``'s
    order (a directory's files by name, then its subdirectories), each with its parent
    and name (``_parent``, ``_name``): hidden files and directories and ``node_modules``
    skipped, symlinked directories not entered, directories that cannot be listed skipped.
    Iterative: no depth limit. Each directory listed is recorded in ``slug_dirs`` as
    ``_dir_is_slug_dir`` would find it (its listing is this one: not listed again)."""
    found: dict[str, tuple[str, str]] = {}
    matches = _matcher(include)
    pending = [directory]
    while pending:
        top = pending.pop()
        try:
            with os.scandir(top) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError:
            continue
        if slug_dirs is not None:
            slug_dirs[top] = _slug_dir([entry.name for entry in entries])
        dirs = []
        for entry in entries:
            name = entry.name
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                if not name.startswith(".") and name != "node_modules" and not entry.is_symlink():
                    dirs.append(_join(top, name))
            elif not name.startswith(".") and matches(name):
                found[_join(top, name)] = (top, name)
        pending.extend(reversed(dirs))
    return found


def _matcher(include: tuple[str, ...]):
    """A function of a file name: does it match one of the ``include`` patterns, as
    ``fnmatch.fnmatch`` says (each pattern compiled once, as ``fnmatch`` compiles it)?"""
    normcase = os.path.normcase
    matchers = [re.compile(translate(normcase(pattern))).match for pattern in include]
    return lambda name: any(match(normcase(name)) for match in matchers)


def _slug_dir(names: list[str]) -> bool:
    """Are most Markdown files among a directory's entry ``names`` named by a language code?"""
    stems = [p[:-3] for p in names if p.endswith(".md")]
    langs = sum(1 for s in stems if code_of(s) and len(s) <= 7)
    return bool(stems) and langs * 2 > len(stems)


def _dir_is_slug_dir(directory: str, cache: dict[str, bool]) -> bool:
    """Are most Markdown files of this directory named by a language code?"""
    if directory not in cache:
        try:
            names = os.listdir(directory)
        except OSError:
            names = []
        cache[directory] = _slug_dir(names)
    return cache[directory]


def classify(path: str, layout: str | None, cache: dict[str, bool],
             where: tuple[str, str] | None = None) -> tuple[str | None, str, str, str]:
    """(lang, slug, group, layout) for a normalised path; lang is None when the path says
    nothing. ``where``: its ``(_parent(path), _name(path))`` when known (``_md_files``)."""
    parent, name = where if where is not None else (_parent(path), _name(path))
    stem = name[:-3] if name.endswith(".md") else _stem(name)
    if layout in (None, "suffix") and "." in stem:
        slug, _, tag = stem.rpartition(".")
        lang = code_of(tag)
        if lang and slug:
            return lang, slug, f"suffix:{_join(parent, slug)}", "suffix"
    if layout == "suffix":
        return None, stem, f"file:{path}", "suffix"
    code = code_of(stem) if layout in (None, "slug-dir") else None
    if layout == "slug-dir" or (layout is None and code and _dir_is_slug_dir(parent, cache)):
        lang = code
        # `fi.md` or `./fi.md` named from inside the article's directory: the slug is that directory's name
        return lang, _name(parent) or _name(os.path.realpath(parent)), f"slug-dir:{parent}", "slug-dir"
    if layout in (None, "lang-dir"):
        lang = code_of(_name(parent))
        if lang:
            return lang, stem, f"lang-dir:{_join(_parent(parent), stem)}", "lang-dir"
    return None, stem, f"file:{path}", layout or "unknown"


def siblings(path: str, layout: str) -> list[str]:
    """The other versions of the article ``path`` (normalised) belongs to, by its layout."""
    parent = _parent(path)
    out: list[str] = []
    try:
        if layout == "slug-dir":
            out = [_join(parent, f) for f in os.listdir(parent) if f.endswith(".md") and code_of(f[:-3])]
        elif layout == "lang-dir":
            name = _name(path)
            root = _parent(parent)
            out = [_join(_join(root, d), name) for d in os.listdir(root)
                   if code_of(d) and os.path.isfile(_join(_join(root, d), name))]
        elif layout == "suffix":
            slug = _name(path)[:-3].rpartition(".")[0]
            out = [_join(parent, f) for f in os.listdir(parent)
                   if f.startswith(slug + ".") and f.endswith(".md") and code_of(f[len(slug) + 1 : -3])]
    except OSError:
        return []
    return sorted(p for p in out if p != path)


class Discovery(NamedTuple):
    candidates: list[Candidate]
    missing: list[str]

    def groups(self) -> list[list[Candidate]]:
        """The candidates by the article their paths name (``Candidate.group``), in the order
        of the groups' names: the unit an article-at-a-time run reads and checks."""
        groups: dict[str, list[Candidate]] = {}
        for cand in self.candidates:
            groups.setdefault(cand.group, []).append(cand)
        return [groups[key] for key in sorted(groups)]


def discover(paths: list[str], layout: str | None = None, include: tuple[str, ...] = INCLUDE,
             excluded=None) -> Discovery:
    """Expand the user's paths into candidates, adding siblings of single files.
    Directories are searched for files matching ``include`` (file name patterns);
    ``excluded(path)`` (the configuration's ``exclude``) drops files, named or not."""
    cache: dict[str, bool] = {}
    named: dict[str, tuple[str, str] | None] = {}  # path -> (parent, name) when the walk gave them
    missing: list[str] = []
    searched: list[str] = []
    for raw in paths:
        path = str(Path(raw))
        if os.path.isdir(path):
            searched.append(os.path.realpath(path))
            named.update(_md_files(path, include, cache))
        elif os.path.lexists(path):
            named.setdefault(path)
        else:
            missing.append(raw)
    candidates: dict[str, Candidate] = {}
    for path, where in named.items():
        lang, slug, group, how = classify(path, layout, cache, where)
        candidates[path] = Candidate(path, lang, slug, group, True)
    inside: dict[str, bool] = {}  # a directory holding versions: is it under a searched one?
    for cand in list(candidates.values()):
        if cand.lang is None:
            continue
        how = cand.group.split(":", 1)[0]
        where = named[cand.path]
        if where is not None and how != "lang-dir":
            continue  # its scope is a directory the walk of a searched one entered: under it
        scope = _parent(_parent(cand.path)) if how == "lang-dir" else _parent(cand.path)
        if scope not in inside:
            resolved = os.path.realpath(scope)
            inside[scope] = any(resolved == d or resolved.startswith(d.rstrip("/") + "/") for d in searched)
        if inside[scope]:
            continue  # every sibling under a searched directory is a candidate already
        for sib in siblings(cand.path, how):
            if sib in candidates:
                continue
            lang, slug, group, _ = classify(sib, layout or how, cache)
            if lang:
                candidates[sib] = Candidate(sib, lang, slug, group, False)
    kept = [c for c in candidates.values() if excluded is None or not excluded(c.path)]
    return Discovery(sorted(kept, key=lambda c: c.path), missing)
