"""Write a file whole or not at all: the one way transcheck writes a file.

The content goes to a temporary file beside the target, which is then renamed over it
(``os.replace``, atomic on POSIX and Windows): a reader never sees half a file, and a
failure leaves the target as it was and no temporary file behind. Used for the fixes
(the user's Markdown), the output and report files, the baseline and the cache.

An output file the user names (``output=True``: ``-o``, ``--html``, ``--markdown``, the
baseline) that is not a regular file (``-o /dev/null``, ``-o /dev/stdout``, a named pipe)
is written in place, as a shell's redirection would: a file renamed over it would replace
the device or pipe itself (as root, ``-o /dev/null`` made /dev/null a regular file); a
symbolic link there is kept, and the file it points to replaced. ``/dev/stdout``,
``/dev/stderr`` and ``/dev/fd/N`` (``/proc/self/fd/N``) are written to that descriptor as
it is open, as a shell does: not reopened, which would truncate a file that ``>>`` appends to. The user's Markdown and
the cache are never written through a link or into anything but a regular file: the
fixer resolves and checks its target first, and a link put there since is replaced,
not followed.
"""

from __future__ import annotations

import os
import stat
from typing import Callable, Iterable


def default_mode(path: str) -> int:
    """The permission bits ``path`` has, or the ones ``open()`` would give a new file
    (``_temporary`` makes its file 0600, which a report or fixed file must not inherit)."""
    try:
        return os.stat(path).st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


# How ``_temporary`` opens its file: created here or not at all, never through a link, not
# inherited by a child process (``tempfile.mkstemp``'s flags).
_CREATE = (os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
           | getattr(os, "O_BINARY", 0))
_ATTEMPTS = 100


def _temporary(directory: str) -> tuple[int, str]:
    """A new file in ``directory`` named ``.transcheck-<random>.tmp``, open for writing and
    readable by its owner only: (descriptor, path). What ``tempfile.mkstemp`` does, written
    here because importing ``tempfile`` (with ``shutil``, ``random`` and the compression
    modules) cost ~4 ms at every start of a run that writes its cache: a few percent of a
    one-article check. FileExistsError when ``_ATTEMPTS`` random names are all taken."""
    for _ in range(_ATTEMPTS):
        path = os.path.join(directory, f".transcheck-{os.urandom(8).hex()}.tmp")
        try:
            return os.open(path, _CREATE, 0o600), path
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary file name in {directory}")


def write_atomically(path: str, content: str | bytes | Iterable[str], *, durable: bool = False,
                     still_wanted: Callable[[], bool] | None = None, output: bool = False) -> bool:
    """Replace ``path`` with ``content`` (bytes, a string, or string pieces in order),
    keeping its permission bits. ``durable``: the data is flushed to the disk before the
    rename (the user's files). ``still_wanted``: asked just before the rename; when it
    says no, nothing is written and False is returned. ``output``: a file the user names
    for a run's output (see the module's doc). OSError when it cannot write."""
    if output:
        descriptor = _descriptor(path)
        if descriptor is not None:
            return _write_to(descriptor, content, still_wanted)
        try:
            kind = os.stat(path).st_mode
        except OSError:
            kind = None
        if kind is not None and not stat.S_ISREG(kind) and not stat.S_ISDIR(kind):
            return _write_in_place(path, content, still_wanted)
        if kind is not None and os.path.islink(path):
            path = os.path.realpath(path)  # the link stays; the file it points to is replaced
    mode = default_mode(path)
    fd, tmp = _temporary(os.path.dirname(os.path.abspath(path)))
    try:
        binary = isinstance(content, bytes)
        # a path from undecodable bytes (os.fsdecode's surrogates) is written as those bytes
        with os.fdopen(fd, "wb" if binary else "w", encoding=None if binary else "utf-8",
                       errors=None if binary else "surrogateescape") as handle:
            _put(handle, content)
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


def _write_in_place(path: str, content: str | bytes | Iterable[str],
                    still_wanted: Callable[[], bool] | None) -> bool:
    """Write ``content`` into a device, pipe or socket as it is (``write_atomically``)."""
    if still_wanted is not None and not still_wanted():
        return False
    binary = isinstance(content, bytes)
    with open(path, "wb" if binary else "w", encoding=None if binary else "utf-8",
              errors=None if binary else "surrogateescape") as handle:
        _put(handle, content)
    return True


_DESCRIPTORS = {"/dev/stdin": 0, "/dev/stdout": 1, "/dev/stderr": 2}


def _descriptor(path: str) -> int | None:
    """The open descriptor ``path`` names (``/dev/stdout``, ``/dev/fd/3``,
    ``/proc/self/fd/3``), or None."""
    path = os.path.abspath(path)
    if path in _DESCRIPTORS:
        return _DESCRIPTORS[path]
    for prefix in ("/dev/fd/", "/proc/self/fd/"):
        if path.startswith(prefix) and path[len(prefix):].isdigit():
            return int(path[len(prefix):])
    return None


def _write_to(descriptor: int, content: str | bytes | Iterable[str],
              still_wanted: Callable[[], bool] | None) -> bool:
    """Write ``content`` to an open ``descriptor`` where it stands (``_descriptor``); the
    descriptor stays open."""
    if still_wanted is not None and not still_wanted():
        return False
    binary = isinstance(content, bytes)
    with os.fdopen(os.dup(descriptor), "wb" if binary else "w", encoding=None if binary else "utf-8",
                   errors=None if binary else "surrogateescape") as handle:
        _put(handle, content)
    return True


def _put(handle, content: str | bytes | Iterable[str]) -> None:
    if isinstance(content, (bytes, str)):
        handle.write(content)
    else:
        handle.writelines(content)
