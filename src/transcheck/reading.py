"""Read a file's bytes, bounded: never more than the size limit, never from a special file.

Everything transcheck checks is read here. A file over the limit (``max-file-size``,
default ``DEFAULT_MAX_FILE_SIZE``) raises ``TooLarge`` after at most ``limit + 1`` bytes
were read (its size is known from ``fstat`` without reading it, and a file that grows
while it is read is still cut off). A FIFO, socket or device raises ``NotRegular``: the
file is opened without blocking, so a FIFO with no writer cannot hang the run, and
``/dev/zero`` is never read. Both are ``OSError``s, so a caller that only wants the
bytes or a reason can catch ``OSError``.
"""

from __future__ import annotations

import os
import re
import stat

MB = 1024 * 1024
DEFAULT_MAX_FILE_SIZE = 5 * MB

_SIZE = re.compile(r"\s*(\d+)\s*(|b|k|kb|kib|m|mb|mib|g|gb|gib)\s*", re.IGNORECASE)
_UNITS = {"": 1, "b": 1, "k": 1024, "m": MB, "g": 1024 * MB}


class TooLarge(OSError):
    """The file is larger than the limit; ``size`` is its size (or a lower bound)."""

    def __init__(self, size: int, limit: int):
        super().__init__(f"the file is {describe(size)}, over the limit of {describe(limit)}")
        self.size = size
        self.limit = limit


class NotRegular(OSError):
    """The path is a FIFO, socket or device, not a regular file."""

    def __init__(self, kind: str):
        super().__init__(f"it is a {kind}, not a regular file")
        self.strerror = str(self)


def read_bytes(path: str, limit: int | None = DEFAULT_MAX_FILE_SIZE) -> bytes:
    """The bytes of the regular file ``path``; ``TooLarge`` when it has more than ``limit``
    bytes (None: no limit), ``NotRegular`` for a special file, ``OSError`` otherwise."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotRegular(_kind(info.st_mode))
        if limit is not None and info.st_size > limit:
            raise TooLarge(info.st_size, limit)
        data = _read_to_end(fd, info.st_size, None if limit is None else limit + 1)
    finally:
        os.close(fd)
    if limit is not None and len(data) > limit:  # it grew after the fstat
        raise TooLarge(len(data), limit)
    return data


def _read_to_end(fd: int, size: int, most: int | None) -> bytes:
    """The bytes from ``fd`` up to its end, or its first ``most``. Read with ``os.read`` in
    chunks of the size ``fstat`` gave plus one, so a file that did not change is one read
    and the read that finds its end; a buffered file object's ``read(limit + 1)`` first
    allocates ``limit + 1`` bytes (5 MB by default) for every file, whatever its size."""
    chunks = []
    chunk = max(size + 1, 4096)
    while most is None or most > 0:
        data = os.read(fd, chunk if most is None else min(chunk, most))
        if not data:
            break
        chunks.append(data)
        if most is not None:
            most -= len(data)
    return b"".join(chunks)


def parse_size(value) -> int:
    """Bytes from ``value``: a positive int (bytes) or a string such as ``"5MB"``, ``"512 KB"``
    or ``"1GiB"`` (K, M and G are powers of 1024); ``ValueError`` names what is wrong."""
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a size")
    if isinstance(value, int):
        size = value
    elif isinstance(value, str):
        m = _SIZE.fullmatch(value)
        if not m:
            raise ValueError(f"{value!r} is not a size (a number of bytes, or e.g. '5MB', '512KB')")
        size = int(m.group(1)) * _UNITS[m.group(2)[:1].lower()]
    else:
        raise ValueError(f"{value!r} is not a size (a number of bytes, or e.g. '5MB', '512KB')")
    if size <= 0:
        raise ValueError(f"{value!r} is not a positive size")
    return size


def describe(size: int) -> str:
    """``5 MB`` for 5 * 2**20, ``1.5 MB``, ``12 KB``, ``900 bytes``."""
    for unit, scale in (("GB", 1024 * MB), ("MB", MB), ("KB", 1024)):
        if size >= scale:
            return f"{size / scale:.1f}".removesuffix(".0") + f" {unit} ({size:,} bytes)"
    return f"{size} byte{'s' if size != 1 else ''}"


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISDIR(mode):
        return "directory"
    return "special file"
