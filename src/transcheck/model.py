"""The shared document model every rule reads: frozen, with exact positions.

Article -> Version -> Section -> Block (-> Block children) -> Inline -> Link.

Line numbers stored in the model are 0-based file lines (front matter counted), as in
markdown-it's token maps; offsets are offsets into ``Version.source.text``. The
``SourceText`` turns either into the 1-based line and column that users see.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate
from operator import attrgetter
from typing import TYPE_CHECKING, Iterator

if TYPE_CHECKING:  # types only: `transcheck rules` reads the model's names without a parser
    from .front_matter import FrontMatter, FrontMatterError
    from .source import SourceText

# A line CommonMark does not take as a heading but a writer meant as one: `##Höjdpunkter`.
# Levels 2-6 need a letter right after the marks; level 1 needs an uppercase letter
# (so `#hashtag` and `#1 ranking` stay text).
_WOULD_BE_HEADING = re.compile(r"(#{1,6})([^\W\d_])")

MASK = "\ue000"  # stands for characters that are not prose (code, URLs, link syntax)


def would_be_heading(line: str) -> tuple[int, str] | None:
    """(level, title) if ``line`` reads as an ATX heading missing its space, else None."""
    m = _WOULD_BE_HEADING.match(line)
    if not m:
        return None
    level = len(m.group(1))
    if level == 1 and not m.group(2).isupper():
        return None
    return level, line[level:].strip().rstrip("#").strip()


# Immutability: a record is never changed once built (``_replace`` makes another). The
# model's records (and align's Cell) are ``Record``s, read by every rule; the records of a
# run's settings and results elsewhere are NamedTuples. Neither is a dataclass, whose class
# writes and compiles its methods at start-up (~0.6-1 ms each: ~15 ms of a one-article
# check for the twenty it had).


class Record:
    """A record whose fields are its class's ``__slots__``, set by its ``__init__`` and
    then only read; records compare, hash and print field by field.

    Not a NamedTuple: Python 3.11 reads a NamedTuple's field through a descriptor it does
    not specialise, twice as slow as a slot, and the rules and the aligner read these
    fields millions of times per corpus (a check of 500 files: 2.8% fewer instructions per
    file with slots); a slotted record is also built faster (~145 ns for six fields, ~250
    for a NamedTuple's ``__new__``). Not a frozen dataclass either: it sets each field
    through ``object.__setattr__`` (~700 ns), and its class costs ~1 ms to make at start-up.
    Nothing enforces that a record is not changed."""

    __slots__ = ()

    def __eq__(self, other) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in self.__slots__)

    def __hash__(self) -> int:
        return hash(tuple(getattr(self, name) for name in self.__slots__))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{name}={getattr(self, name)!r}' for name in self.__slots__)})"

    def _replace(self, **changes):
        """A copy with ``changes`` (as a NamedTuple's ``_replace``)."""
        fields = {name: getattr(self, name) for name in self.__slots__}
        fields.update(changes)
        return type(self)(**fields)


class Link(Record):
    """A link or image as written: ``[text](target)``.

    ``start``/``end`` span the whole link (``[`` to one past ``)``), ``text_start``/
    ``text_end`` its label; all are file offsets. ``c_*`` are the same positions as
    indices into the owning ``Inline.content``. ``kind``: "inline", "reference",
    "autolink" or "image"; ``raw_target``: the destination as written, or None.
    """

    __slots__ = ("text", "target", "raw_target", "kind", "start", "end", "text_start", "text_end",
                 "c_start", "c_end", "c_text_start", "c_text_end")

    def __init__(self, text: str, target: str, raw_target: str | None, kind: str, start: int, end: int,
                 text_start: int, text_end: int, c_start: int, c_end: int, c_text_start: int, c_text_end: int):
        self.text = text
        self.target = target
        self.raw_target = raw_target
        self.kind = kind
        self.start = start
        self.end = end
        self.text_start = text_start
        self.text_end = text_end
        self.c_start = c_start
        self.c_end = c_end
        self.c_text_start = c_text_start
        self.c_text_end = c_text_end


class Inline(Record):
    """The inline content of one block (a paragraph, heading or table cell).

    ``content`` is markdown-it's inline source; ``masked`` is the same string, same
    length, with code spans, URLs, HTML and link syntax (brackets and destinations, not
    the label) replaced by ``MASK``, so prose checks can scan it with plain string
    operations and map any index back with ``offset()``. ``line_starts``: the index in
    ``content`` where each of its lines starts; ``line_offsets``: the file offset of each;
    ``text_ends``: the running maximum of the links' ``c_text_end``
    (``link_text_ends(links)``), for ``in_link_text``.
    """

    __slots__ = ("content", "masked", "line", "line_starts", "line_offsets", "links", "code_spans", "text_ends")

    def __init__(self, content: str, masked: str, line: int, line_starts: tuple[int, ...],
                 line_offsets: tuple[int, ...], links: tuple[Link, ...], code_spans: tuple[tuple[int, int], ...],
                 text_ends: tuple[int, ...] = ()):
        self.content = content
        self.masked = masked
        self.line = line
        self.line_starts = line_starts
        self.line_offsets = line_offsets
        self.links = links
        self.code_spans = code_spans
        self.text_ends = text_ends

    def offset(self, index: int) -> int:
        """File offset of ``content[index]``."""
        k = bisect_right(self.line_starts, index) - 1
        return self.line_offsets[k] + (index - self.line_starts[k])

    def in_link_text(self, index: int) -> Link | None:
        """The first link whose text holds ``content[index]``, in O(log n): the links are in
        the order of their starts, so it is the first whose running maximum end passes
        ``index``, if that one starts at or before it."""
        k = bisect_right(self.text_ends, index)
        if k < len(self.links) and self.links[k].c_text_start <= index:
            return self.links[k]
        return None


_C_TEXT_END = attrgetter("c_text_end")


def link_text_ends(links: tuple[Link, ...]) -> tuple[int, ...]:
    """``Inline.text_ends`` of these links (in the order of their starts)."""
    return tuple(accumulate(map(_C_TEXT_END, links), max)) if links else ()


class Block(Record):
    """A block: paragraph, heading, list, item, blockquote, code, table, html or hr.

    ``start_line``/``end_line`` are 0-based, end exclusive (markdown-it's map).
    ``children`` holds the blocks of a list (its items), an item or a blockquote;
    ``inlines`` the inline content of a paragraph, heading or table. ``number`` is the
    start number of an ordered list, or the number of an ordered list's item.
    """

    __slots__ = ("kind", "start_line", "end_line", "inlines", "children", "marker", "ordered", "number")

    def __init__(self, kind: str, start_line: int, end_line: int, inlines: tuple[Inline, ...] = (),
                 children: tuple["Block", ...] = (), marker: str = "", ordered: bool = False,
                 number: int | None = None):
        self.kind = kind
        self.start_line = start_line
        self.end_line = end_line
        self.inlines = inlines
        self.children = children
        self.marker = marker
        self.ordered = ordered
        self.number = number

    @property
    def inline(self) -> Inline | None:
        return self.inlines[0] if self.inlines else None

    def walk(self) -> Iterator["Block"]:
        yield self
        for child in self.children:
            yield from child.walk()

    @property
    def items(self) -> tuple["Block", ...]:
        return self.children if self.kind == "list" else ()


class Section(Record):
    """A heading and the blocks up to the next heading of any level.

    Section 0 is the preamble (``level`` 0) when text precedes the first heading. A
    section opened by a would-be heading (``##Höjdpunkter``, a paragraph to CommonMark)
    has ``well_formed=False``: it is where the writer meant a section to be.
    """

    __slots__ = ("level", "title", "start_line", "end_line", "heading", "blocks", "well_formed")

    def __init__(self, level: int, title: str, start_line: int, end_line: int, heading: Block | None,
                 blocks: tuple[Block, ...], well_formed: bool = True):
        self.level = level
        self.title = title
        self.start_line = start_line
        self.end_line = end_line
        self.heading = heading
        self.blocks = blocks
        self.well_formed = well_formed


_START_LINE = attrgetter("start_line")  # a section's, for Version.section_at


class Version(Record):
    """One language version of an article: one parsed file.

    ``references``: the link reference definitions of the file (markdown-it's
    ``env["references"]``), None when it has none: what ``parser.inline_tokens`` needs to
    parse an inline again as the file's parse did (the model keeps no parser tokens)."""

    __slots__ = ("path", "lang", "source", "front_matter", "front_matter_error", "blocks", "sections",
                 "all_inlines", "references")

    def __init__(self, path: str, lang: str, source: SourceText, front_matter: FrontMatter | None,
                 front_matter_error: FrontMatterError | None, blocks: tuple[Block, ...],
                 sections: tuple[Section, ...], all_inlines: tuple[tuple[Block, Inline], ...] = (),
                 references: dict | None = None):
        self.path = path
        self.lang = lang
        self.source = source
        self.front_matter = front_matter
        self.front_matter_error = front_matter_error
        self.blocks = blocks
        self.sections = sections
        self.all_inlines = all_inlines
        self.references = references

    def walk(self) -> Iterator[Block]:
        """Every block, depth first, in document order."""
        for block in self.blocks:
            yield from block.walk()

    def inlines(self) -> tuple[tuple[Block, Inline], ...]:
        """Every inline with the block that holds it, in document order (computed once)."""
        return self.all_inlines

    def links(self) -> Iterator[Link]:
        for _, inline in self.all_inlines:
            yield from inline.links

    def section_at(self, line: int) -> Section | None:
        """The section holding 0-based ``line`` (sections are in order and do not overlap)."""
        k = bisect_right(self.sections, line, key=_START_LINE) - 1
        if k >= 0 and line < self.sections[k].end_line:
            return self.sections[k]
        return None


class Article(Record):
    """All language versions of one article, keyed by slug. Two articles can share a slug
    (a directory ``x/`` and files whose front matter says ``translationKey: x``); ``key``,
    the group the run formed it from (``x``, ``key:x``), is unique in a run ("": the slug)."""

    __slots__ = ("slug", "versions", "key")

    def __init__(self, slug: str, versions: tuple[Version, ...], key: str = ""):
        self.slug = slug
        self.versions = versions
        self.key = key

    @property
    def langs(self) -> tuple[str, ...]:
        return tuple(v.lang for v in self.versions)

    def version(self, lang: str) -> Version | None:
        for version in self.versions:
            if version.lang == lang:
                return version
        return None
