"""``--changed-since REF``: the articles a pull request touches, from git.

A file counts as changed when it differs between the merge base of REF and HEAD and the
working tree (committed on the branch, staged or not), or is new and not ignored.
Deleted files are left out. Every version of an article with a changed version is then
checked, so a change in one language is seen beside the others and the others are
reported too.
"""

from __future__ import annotations

import os
import subprocess
from fnmatch import fnmatch
from pathlib import Path

from .discovery import INCLUDE, discover


class ChangesError(RuntimeError):
    """git could not answer (not a repository, unknown REF): the message says why."""


def _git(cwd: str, *args: str) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    except OSError as exc:
        raise ChangesError(f"cannot run git: {exc.strerror or exc}") from None
    if done.returncode != 0:
        message = (done.stderr.strip().splitlines() or ["git failed"])[-1]
        raise ChangesError(f"git {' '.join(args[:2])}: {message}")
    return done.stdout


def changed_files(ref: str, paths: list[str], include: tuple[str, ...] = INCLUDE) -> list[str]:
    """Files under ``paths`` changed since ``ref`` (as paths the user would write)."""
    first = Path(paths[0]) if paths else Path(".")
    cwd = str(first if first.is_dir() else first.parent or Path("."))
    top = _git(cwd, "rev-parse", "--show-toplevel").strip()
    base = _git(top, "merge-base", ref, "HEAD").strip()
    names = _git(top, "diff", "--name-only", "--no-renames", "--diff-filter=d", "-z", base, "--").split("\0")
    names += _git(top, "ls-files", "--others", "--exclude-standard", "-z").split("\0")
    roots = [os.path.abspath(p) for p in paths]
    out = set()
    for name in filter(None, names):
        absolute = os.path.join(top, name)
        if not os.path.isfile(absolute):
            continue
        inside = any(absolute == root or absolute.startswith(root.rstrip(os.sep) + os.sep) for root in roots)
        named = any(absolute == root for root in roots)
        if inside and (named or any(fnmatch(os.path.basename(name), pattern) for pattern in include)):
            out.add(os.path.relpath(absolute))
    return sorted(out)


def with_siblings(files: list[str], layout: str | None, include: tuple[str, ...] = INCLUDE) -> list[str]:
    """The changed files and every other version of their articles."""
    return sorted({cand.path for cand in discover(files, layout, include).candidates})
