"""The source text of one file: decoded once, one line index, exact positions.

Every position transcheck reports is an offset into ``SourceText.text`` (the decoded
file, without its byte-order mark); its 1-based line and column are derived here and
nowhere else. Lines are split exactly as markdown-it splits them (``\\r\\n``, ``\\r``
or ``\\n``), not with ``str.splitlines()``, which also breaks on U+2028, form feeds and
other characters that Markdown treats as ordinary text. Columns count Unicode code
points, starting at 1.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate, repeat
from operator import add
from typing import NamedTuple

BOM = "\ufeff"
_NEWLINE = re.compile(r"\r\n?|\n")


class Position(NamedTuple):
    """A 1-based line and column."""

    line: int
    column: int


class DecodeError(ValueError):
    """The file is not valid UTF-8; carries the exact byte offset and its position."""

    def __init__(self, byte_offset: int, line: int, column: int, reason: str):
        super().__init__(f"not valid UTF-8 at byte {byte_offset} (line {line}, column {column}): {reason}")
        self.byte_offset = byte_offset
        self.line = line
        self.column = column
        self.reason = reason


class SourceText:
    """A decoded file with one line index.

    ``line_starts[i]`` is the offset of line ``i`` (0-based); ``line_ends[i]`` is the
    offset of its terminator (or the end of the text). Instances are read-only.
    """

    __slots__ = ("path", "text", "bom", "line_starts", "line_ends", "newline")

    def __init__(self, text: str, path: str = "<string>", *, bom: bool = False):
        if text.startswith(BOM) and not bom:
            text = text[1:]
            bom = True
        self.path = path
        self.text = text
        self.bom = bom
        if "\r" in text:
            starts = [0]
            ends = []
            newline = None
            for m in _NEWLINE.finditer(text):
                ends.append(m.start())
                starts.append(m.end())
                if newline is None:
                    newline = m.group()
            ends.append(len(text))
            starts, ends = tuple(starts), tuple(ends)
        else:  # the common case: every terminator is "\n": split, then add up the lengths, all in C
            lengths = list(map(len, text.split("\n")))
            starts = tuple(accumulate(map(add, lengths, repeat(1)), initial=0))[:-1]  # each line's, plus its "\n"
            ends = tuple(map(add, starts, lengths))
            newline = None
        self.line_starts: tuple[int, ...] = starts
        self.line_ends: tuple[int, ...] = ends
        self.newline: str = newline or "\n"

    @classmethod
    def from_bytes(cls, data: bytes, path: str = "<bytes>") -> "SourceText":
        """Decode UTF-8 (with or without BOM); raise DecodeError with the exact byte offset.
        ``encode()`` gives ``data`` back exactly (one BOM is stripped, a second one is text)."""
        bom = data.startswith(b"\xef\xbb\xbf")
        body = data[3:] if bom else data
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError as exc:
            offset = exc.start + (3 if bom else 0)
            before = data[3 if bom else 0 : offset].decode("utf-8", errors="replace")
            lines = _NEWLINE.split(before)
            raise DecodeError(offset, len(lines), len(lines[-1]) + 1, exc.reason) from None
        return cls(text, path, bom=bom)

    @classmethod
    def read(cls, path: str, limit: int | None) -> "SourceText | None":
        """The file at ``path`` decoded, or None when it cannot be read (``reading``: not a
        regular file, over ``limit`` bytes) or is not UTF-8."""
        from .reading import read_bytes

        try:
            return cls.from_bytes(read_bytes(path, limit), path)
        except (OSError, DecodeError):
            return None

    def encode(self) -> bytes:
        """The file's bytes: the BOM if it had one, then the text as UTF-8."""
        return (b"\xef\xbb\xbf" if self.bom else b"") + self.text.encode("utf-8")

    # -- lines -------------------------------------------------------------------------
    @property
    def line_count(self) -> int:
        return len(self.line_starts)

    def line(self, index: int) -> str:
        """The text of line ``index`` (0-based), without its terminator."""
        return self.text[self.line_starts[index] : self.line_ends[index]]

    def lines(self) -> list[str]:
        return [self.text[s:e] for s, e in zip(self.line_starts, self.line_ends)]

    # -- positions ---------------------------------------------------------------------
    def line_of(self, offset: int) -> int:
        """0-based line index holding ``offset``."""
        return bisect_right(self.line_starts, offset) - 1

    def position(self, offset: int) -> Position:
        """1-based line and column of ``offset``."""
        offset = max(0, min(offset, len(self.text)))
        index = self.line_of(offset)
        return Position(index + 1, offset - self.line_starts[index] + 1)

    def offset(self, line: int, column: int = 0) -> int:
        """Offset of a 0-based line and 0-based column."""
        return self.line_starts[line] + column
