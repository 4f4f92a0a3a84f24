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
from typing import TYPE_CHECKING, Iterator, NamedTuple

if TYPE_CHECKING:  # types only: `transcheck rules` reads the model's names without a parser
    from markdown_it.token import Token

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


# Immutability: the records are NamedTuples, which a document build creates 3-4x faster
# than frozen dataclasses (those set each field through object.__setattr__), and whose
# classes cost a tenth as much to make at start-up (a dataclass writes and compiles its
# methods: ~0.6-1 ms each, ~15 ms of a one-article check for the twenty it had).


class Link(NamedTuple):
    """A link or image as written: ``[text](target)``.

    ``start``/``end`` span the whole link (``[`` to one past ``)``), ``text_start``/
    ``text_end`` its label; all are file offsets. ``c_*`` are the same positions as
    indices into the owning ``Inline.content``.
    """

    text: str
    target: str
    raw_target: str | None
    kind: str  # "inline", "reference", "autolink" or "image"
    start: int
    end: int
    text_start: int
    text_end: int
    c_start: int
    c_end: int
    c_text_start: int
    c_text_end: int


class Inline(NamedTuple):
    """The inline content of one block (a paragraph, heading or table cell).

    ``content`` is markdown-it's inline source; ``masked`` is the same string, same
    length, with code spans, URLs, HTML and link syntax (brackets and destinations, not
    the label) replaced by ``MASK``, so prose checks can scan it with plain string
    operations and map any index back with ``offset()``.
    """

    content: str
    masked: str
    line: int
    line_starts: tuple[int, ...]  # index in content where each content line starts
    line_offsets: tuple[int, ...]  # file offset of each content line start
    links: tuple[Link, ...]
    code_spans: tuple[tuple[int, int], ...]
    tokens: tuple[Token, ...]  # markdown-it's children; () unless parser.observable(content)
    # the running maximum of the links' c_text_end (``link_text_ends(links)``), for in_link_text
    text_ends: tuple[int, ...] = ()

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


class Block(NamedTuple):
    """A block: paragraph, heading, list, item, blockquote, code, table, html or hr.

    ``start_line``/``end_line`` are 0-based, end exclusive (markdown-it's map).
    ``children`` holds the blocks of a list (its items), an item or a blockquote;
    ``inlines`` the inline content of a paragraph, heading or table. ``number`` is the
    start number of an ordered list, or the number of an ordered list's item.
    """

    kind: str
    start_line: int
    end_line: int
    inlines: tuple[Inline, ...] = ()
    children: tuple["Block", ...] = ()
    marker: str = ""
    ordered: bool = False
    number: int | None = None

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


class Section(NamedTuple):
    """A heading and the blocks up to the next heading of any level.

    Section 0 is the preamble (``level`` 0) when text precedes the first heading. A
    section opened by a would-be heading (``##Höjdpunkter``, a paragraph to CommonMark)
    has ``well_formed=False``: it is where the writer meant a section to be.
    """

    level: int
    title: str
    start_line: int
    end_line: int
    heading: Block | None
    blocks: tuple[Block, ...]
    well_formed: bool = True


_START_LINE = attrgetter("start_line")  # a section's, for Version.section_at


class Version(NamedTuple):
    """One language version of an article: one parsed file."""

    path: str
    lang: str
    source: SourceText
    front_matter: FrontMatter | None
    front_matter_error: FrontMatterError | None
    blocks: tuple[Block, ...]
    sections: tuple[Section, ...]
    all_inlines: tuple[tuple[Block, Inline], ...] = ()

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


class Article(NamedTuple):
    """All language versions of one article, keyed by slug. Two articles can share a slug
    (a directory ``x/`` and files whose front matter says ``translationKey: x``); ``key``,
    the group the run formed it from (``x``, ``key:x``), is unique in a run ("": the slug)."""

    slug: str
    versions: tuple[Version, ...]
    key: str = ""

    @property
    def langs(self) -> tuple[str, ...]:
        return tuple(v.lang for v in self.versions)

    def version(self, lang: str) -> Version | None:
        for version in self.versions:
            if version.lang == lang:
                return version
        return None
