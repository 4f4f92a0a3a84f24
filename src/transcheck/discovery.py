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
from fnmatch import fnmatch
from dataclasses import dataclass
from pathlib import Path

from .languages import code_of

LAYOUTS = ("slug-dir", "lang-dir", "suffix")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A file to load, with what its path says about it."""

    path: str
    lang: str | None
    slug: str
    group: str  # article identity: layout root + slug
    named: bool  # named by the user (report findings) or loaded as a sibling


INCLUDE = ("*.md",)  # what a directory is searched for, unless --include says otherwise


def _md_files(directory: Path, include: tuple[str, ...] = INCLUDE) -> list[Path]:
    found = []
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "node_modules")
        found.extend(Path(root) / f for f in sorted(files)
                     if not f.startswith(".") and any(fnmatch(f, pattern) for pattern in include))
    return found


def _dir_is_slug_dir(directory: Path, cache: dict[Path, bool]) -> bool:
    """Are most Markdown files of this directory named by a language code?"""
    if directory not in cache:
        try:
            stems = [p[:-3] for p in os.listdir(directory) if p.endswith(".md")]
        except OSError:
            stems = []
        langs = sum(1 for s in stems if code_of(s) and len(s) <= 7)
        cache[directory] = bool(stems) and langs * 2 > len(stems)
    return cache[directory]


def classify(path: Path, layout: str | None, cache: dict[Path, bool]) -> tuple[str | None, str, str, str]:
    """(lang, slug, group, layout) for a path; lang is None when the path says nothing."""
    name = path.name
    stem = name[:-3] if name.endswith(".md") else path.stem
    parent = path.parent
    if layout in (None, "suffix") and "." in stem:
        slug, _, tag = stem.rpartition(".")
        lang = code_of(tag)
        if lang and slug:
            return lang, slug, f"suffix:{parent / slug}", "suffix"
    if layout == "suffix":
        return None, stem, f"file:{path}", "suffix"
    if layout == "slug-dir" or (layout is None and code_of(stem) and _dir_is_slug_dir(parent, cache)):
        lang = code_of(stem)
        # `fi.md` or `./fi.md` named from inside the article's directory: the slug is that directory's name
        return lang, parent.name or parent.resolve().name, f"slug-dir:{parent}", "slug-dir"
    if layout in (None, "lang-dir"):
        lang = code_of(parent.name)
        if lang:
            return lang, stem, f"lang-dir:{parent.parent / stem}", "lang-dir"
    return None, stem, f"file:{path}", layout or "unknown"


def siblings(path: Path, layout: str) -> list[Path]:
    """The other versions of the article ``path`` belongs to, by its layout."""
    parent = path.parent
    out: list[Path] = []
    try:
        if layout == "slug-dir":
            out = [parent / f for f in os.listdir(parent) if f.endswith(".md") and code_of(f[:-3])]
        elif layout == "lang-dir":
            name = path.name
            root = parent.parent
            out = [root / d / name for d in os.listdir(root)
                   if code_of(d) and (root / d / name).is_file()]
        elif layout == "suffix":
            slug = path.name[:-3].rpartition(".")[0]
            out = [parent / f for f in os.listdir(parent)
                   if f.startswith(slug + ".") and f.endswith(".md") and code_of(f[len(slug) + 1 : -3])]
    except OSError:
        return []
    return sorted(p for p in out if p != path)


@dataclass
class Discovery:
    candidates: list[Candidate]
    missing: list[str]


def discover(paths: list[str], layout: str | None = None, include: tuple[str, ...] = INCLUDE,
             excluded=None) -> Discovery:
    """Expand the user's paths into candidates, adding siblings of single files.
    Directories are searched for files matching ``include`` (file name patterns);
    ``excluded(path)`` (the configuration's ``exclude``) drops files, named or not."""
    cache: dict[Path, bool] = {}
    named: dict[str, Path] = {}
    missing: list[str] = []
    searched: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            searched.append(path.resolve())
            for found in _md_files(path, include):
                named.setdefault(str(found), found)
        elif path.exists() or path.is_symlink():
            named.setdefault(str(path), path)
        else:
            missing.append(raw)
    candidates: dict[str, Candidate] = {}
    for key, path in named.items():
        lang, slug, group, how = classify(path, layout, cache)
        candidates[key] = Candidate(key, lang, slug, group, True)
    inside: dict[Path, bool] = {}  # a directory holding versions: is it under a searched one?
    for cand in list(candidates.values()):
        if cand.lang is None:
            continue
        how = cand.group.split(":", 1)[0]
        path = Path(cand.path)
        scope = path.parent.parent if how == "lang-dir" else path.parent
        if scope not in inside:
            resolved = scope.resolve()
            inside[scope] = any(resolved == d or d in resolved.parents for d in searched)
        if inside[scope]:
            continue  # every sibling under a searched directory is a candidate already
        for sib in siblings(Path(cand.path), how):
            if str(sib) in candidates:
                continue
            lang, slug, group, _ = classify(sib, layout or how, cache)
            if lang:
                candidates[str(sib)] = Candidate(str(sib), lang, slug, group, False)
    kept = [c for c in candidates.values() if excluded is None or not excluded(c.path)]
    return Discovery(sorted(kept, key=lambda c: c.path), missing)
