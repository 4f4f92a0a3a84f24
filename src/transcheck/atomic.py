"""Write a file whole or not at all: the one way transcheck writes a file.

The content goes to a temporary file beside the target, which is then renamed over it
(``os.replace``, atomic on POSIX and Windows): a reader never sees half a file, and a
failure leaves the target as it was and no temporary file behind. Used for the fixes
(the user's Markdown), the output and report files, the baseline and the cache.
"""

from __future__ import annotations

import os
import tempfile
from typing import Callable, Iterable


def default_mode(path: str) -> int:
    """The permission bits ``path`` has, or the ones ``open()`` would give a new file
    (``mkstemp`` makes its file 0600, which a report or fixed file must not inherit)."""
    try:
        return os.stat(path).st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomically(path: str, content: str | bytes | Iterable[str], *, durable: bool = False,
                     still_wanted: Callable[[], bool] | None = None) -> bool:
    """Replace ``path`` with ``content`` (bytes, a string, or string pieces in order),
    keeping its permission bits. ``durable``: the data is flushed to the disk before the
    rename (the user's files). ``still_wanted``: asked just before the rename; when it
    says no, nothing is written and False is returned. OSError when it cannot write."""
    mode = default_mode(path)
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(os.path.abspath(path)), prefix=".transcheck-", suffix=".tmp")
    try:
        binary = isinstance(content, bytes)
        # a path from undecodable bytes (os.fsdecode's surrogates) is written as those bytes
        with os.fdopen(fd, "wb" if binary else "w", encoding=None if binary else "utf-8",
                       errors=None if binary else "surrogateescape") as handle:
            if binary or isinstance(content, str):
                handle.write(content)
            else:
                handle.writelines(content)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        if still_wanted is not None and not still_wanted():
            os.unlink(tmp)
            return False
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return True
