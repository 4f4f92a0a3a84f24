"""Build the document model of one version from its source text.

Steps: find and load the front matter, blank its lines, parse the text with
markdown-it, turn the block token stream into Blocks (with Inlines located in the
file), then cut the top-level blocks into Sections at headings and at would-be
headings (``##Höjdpunkter``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import partial
from operator import add

from markdown_it.token import Token

from . import front_matter as fm
from .model import MASK, Block, Inline, Link, Section, Version, link_text_ends, would_be_heading
from .parser import parse
from .source import SourceText

_BARE_URL = re.compile(r"(?:https?://|ftp://|www\.)[^\s<>()\[\]]*[^\s<>()\[\].,;:!?'\"]")

_INLINE_KINDS = {"paragraph_open": "paragraph", "heading_open": "heading"}  # open, inline, close
_OPEN_KINDS = {
    "bullet_list_open": "list",
    "ordered_list_open": "list",
    "list_item_open": "item",
    "blockquote_open": "blockquote",
    "table_open": "table",
}
_LEAF_KINDS = {"fence": "code", "code_block": "code", "html_block": "html", "hr": "hr"}


def build_version(source: SourceText, lang: str) -> Version:
    """Parse ``source`` into a Version. Never raises on Markdown content."""
    loaded = fm.load(source)
    matter = loaded if isinstance(loaded, fm.FrontMatter) else None
    error = loaded if isinstance(loaded, fm.FrontMatterError) else None
    span = (matter.first_line, matter.last_line) if matter else error.span if error else None
    env: dict = {}
    tokens = parse(_parser_text(source, span), env)
    found: list[tuple[Block, Inline]] = []
    heads: list[int] = []
    blocks, _ = _blocks(tokens, 0, len(tokens), source, found, heads)
    sections = _sections(blocks, heads, source.line_count)
    return Version(source.path, lang, source, matter, error, tuple(blocks), tuple(sections), tuple(found),
                   env.get("references") or None)


def _parser_text(source: SourceText, span: tuple[int, int] | None) -> str:
    """The text markdown-it reads: the file's lines joined with ``\\n``, front matter lines emptied."""
    text = source.text
    if "\r" in text:
        return "\n".join(fm.blanked_lines(source, span))
    if span is None:  # the lines are already joined with "\n"
        return text
    first, last = span
    return text[: source.line_starts[first]] + "\n" * (last - first) + text[source.line_ends[last] :]


# -- blocks ------------------------------------------------------------------------------
def _blocks(tokens: list[Token], i: int, stop: int, source: SourceText, found: list[tuple[Block, Inline]],
            heads: list[int] | None = None) -> tuple[list[Block], int]:
    """Blocks from tokens[i:stop] up to the closing token of the current level. Each inline
    is also added to ``found`` with its block, in document order. At the top level, ``heads``
    gets the index of each block that may open a section (``_sections``): a heading, or a
    paragraph that starts with ``#``."""
    out: list[Block] = []
    cursors: dict[int, int] = {}  # per line, where the next table cell may start
    while i < stop:
        token = tokens[i]
        kind = _INLINE_KINDS.get(token.type)
        if kind is not None:  # a paragraph or heading: most blocks; open, inline, close
            inline = _inline(tokens[i + 1], source, cursors)
            start, end = token.map or (0, 0)
            block = Block(kind, start, end, (inline,), (), token.markup, False, None)
            if heads is not None and (kind == "heading" or inline.content.startswith("#")):
                heads.append(len(out))
            out.append(block)
            found.append((block, inline))
            i += 3
            continue
        if token.nesting == -1:
            return out, i + 1
        kind = _OPEN_KINDS.get(token.type)
        if kind is None:
            kind = _LEAF_KINDS.get(token.type)
            if kind:
                start, end = token.map or (0, 0)
                out.append(Block(kind, start, end, (), (), token.markup, False, None))
            i += 1  # thead/tbody/tr/th/td and anything unknown: descend transparently
            continue
        start, end = token.map or (0, 0)
        if kind == "table":
            j, inlines = i + 1, []
            depth = 1
            while j < stop and depth:
                t = tokens[j]
                depth += t.nesting
                if t.type == "inline":
                    inlines.append(_inline(t, source, cursors))
                j += 1
            block = Block("table", start, end, tuple(inlines), (), "", False, None)
            out.append(block)
            found.extend((block, inline) for inline in block.inlines)
            i = j
            continue
        children, i = _blocks(tokens, i + 1, stop, source, found)
        ordered = token.type == "ordered_list_open" or (kind == "item" and token.info.isdigit())
        number = None
        if token.type == "ordered_list_open":
            number = int(token.attrs.get("start", 1))
        elif kind == "item" and token.info.isdigit():
            number = int(token.info)
        out.append(Block(kind, start, end, (), tuple(children), token.markup, ordered, number))
    return out, i


# -- inlines -----------------------------------------------------------------------------
def _locate(line: str, part: str, last: bool, after: int) -> int:
    """Column of content line ``part`` inside source line ``line``.

    markdown-it strips block prefixes (indent, list markers, ``>``) from the start of
    a line and trailing whitespace from the last line, so a content line is a tail of
    its source line; table cells are found by search after the previous cell.
    """
    if after == 0 and line.endswith(part):
        return len(line) - len(part)
    if after == 0 and last:
        stripped = line.rstrip()
        if stripped.endswith(part):
            return len(stripped) - len(part)
    found = line.find(part, after)
    if found >= 0:
        return found
    core = part.strip()
    found = line.find(core, after) if core else -1
    if found >= 0:
        return found - (len(part) - len(part.lstrip()))
    return max(0, len(line.rstrip()) - len(part))  # tabs expanded or NULs replaced: same length


def _inline(token: Token, source: SourceText, cursors: dict[int, int]) -> Inline:
    content = token.content
    lines = token.map
    first = lines[0] if lines else 0
    if "\n" in content:
        starts, offsets = _content_lines(content, first, source, cursors)
    else:  # one line, the common case (written out here: ~57,000 inlines per 2,000 files)
        ends = source.line_ends
        line_no = first if first < len(ends) else len(ends) - 1
        start, end = source.line_starts[line_no], ends[line_no]
        # as _locate, without a slice (which tests this first too when the line's cursor is 0)
        if line_no not in cursors and source.text.endswith(content, start, end):
            offset = end - len(content)
        else:
            offset = start + _locate(source.text[start:end], content, True, cursors.get(line_no, 0))
        if lines is not None and lines[1] - lines[0] == 1:  # a one-line block, or a table row
            cursors[line_no] = offset - start + len(content)  # next cell on this table row starts after
        starts, offsets = (0,), (offset,)
    # Only content that can hold a link, image, code span, autolink or HTML
    # (``parser.observable``) was inline-parsed (has children); without children or a
    # bare URL, most paragraphs, it is all prose: nothing to mask, nothing to find.
    # Content whose only inline syntax is simple links (``mdfast``'s ``links_only``, most
    # content with a link) was not inline-parsed either: its links are in the token's meta.
    children = token.children
    found = None if children else token.meta.get("links")
    if not children and not found and not _may_hold_url(content):
        return Inline(content, content, first, starts, offsets, (), ())
    links: tuple[Link, ...] = ()
    code_spans: tuple[tuple[int, int], ...] = ()
    ranges: list[tuple[int, int]] = []  # spans of content that are not prose
    masked = content
    if children:
        links, code_spans, ranges = _observed(children, content, starts, offsets)
        masked = _masked(content, ranges)
    elif found:
        links, ranges = _simple_links(found, content, starts, offsets)
        masked = _masked(content, ranges)
    if _may_hold_url(masked):
        ranges += (m.span() for m in _BARE_URL.finditer(masked))
        masked = _masked(content, ranges)
    return Inline(content, masked, first, starts, offsets, links, code_spans, link_text_ends(links))


def _may_hold_url(text: str) -> bool:
    """Whether ``text`` holds "://" or "www.", which every bare URL (``_BARE_URL``) holds.
    Each is looked for only in a text that holds its first character: a character's search
    is several times faster than a substring's (this test was ~8% of the model build)."""
    return (":" in text and "://" in text) or ("w" in text and "www." in text)


def _content_lines(content: str, first: int, source: SourceText,
                   cursors: dict[int, int]) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Where each line of multi-line ``content`` starts: its index in ``content`` and its file offset."""
    last_line = len(source.line_starts) - 1
    parts = content.split("\n")
    starts, offsets = [], []
    index = 0
    for k, part in enumerate(parts):
        line_no = min(first + k, last_line)
        col = _locate(source.line(line_no), part, k == len(parts) - 1, cursors.get(line_no, 0))
        starts.append(index)
        offsets.append(source.line_starts[line_no] + col)
        index += len(part) + 1
    return tuple(starts), tuple(offsets)


def _offset(starts: tuple[int, ...], offsets: tuple[int, ...]):
    """The file offset of an index into content whose lines start at ``starts`` (indexes)
    and ``offsets`` (in the file)."""
    if len(starts) == 1:  # one line, the common case: the line's file offset plus the index
        return partial(add, offsets[0])

    def off(i: int) -> int:
        k = bisect_right(starts, i) - 1
        return offsets[k] + (i - starts[k])

    return off


def _simple_links(found: tuple, content: str, starts: tuple[int, ...], offsets: tuple[int, ...]):
    """The links of ``mdfast``'s ``links_only`` (start, end, label end, href of each) and the
    spans of content that are not prose, as ``_observed`` reads them from the tokens."""
    off = _offset(starts, offsets)
    links, ranges = [], []
    for a, b, le, href in found:
        ls = a + 1
        ranges.append((a, ls))
        ranges.append((le, b))
        links.append(Link(content[ls:le], href, content[le + 2 : b - 1].strip(), "inline", off(a), off(b), off(ls),
                          off(le), a, b, ls, le))
    return tuple(links), ranges


def _observed(children: list[Token], content: str, starts: tuple[int, ...], offsets: tuple[int, ...]):
    """The links and code spans among the children, and the spans of content that are not
    prose (some may be empty: ``_masked`` skips those)."""
    ranges: list[tuple[int, int]] = []
    links: list[Link] = []
    code_spans: list[tuple[int, int]] = []
    off = _offset(starts, offsets)

    for child in children:
        meta = child.meta
        if "start" not in meta:
            continue
        a, b = meta["start"], meta["end"]
        kind = child.type
        autolink = meta.get("autolink")
        if kind == "code_inline" or kind == "html_inline" or autolink:
            ranges.append((a, b))
            if kind == "code_inline":
                code_spans.append((a, b))
            if autolink:
                href = child.attrs.get("href", "")
                links.append(Link(content[a + 1 : b - 1], str(href), content[a + 1 : b - 1], "autolink",
                                  off(a), off(b), off(a + 1), off(b - 1), a, b, a + 1, b - 1))
            continue
        ls, le = meta["label_start"], meta["label_end"]
        ranges.append((a, ls))
        ranges.append((le, b))
        if kind == "image":
            href = child.attrs.get("src", "")
        else:
            href = child.attrs.get("href", "")
            kind = "inline" if "dest_start" in meta else "reference"
        raw = content[meta["dest_start"] : meta["dest_end"]].strip() if "dest_start" in meta else None
        links.append(Link(content[ls:le], str(href), raw, kind, off(a), off(b), off(ls), off(le),
                          a, b, ls, le))
    return tuple(links), tuple(code_spans), ranges


def _masked(content: str, ranges: list[tuple[int, int]]) -> str:
    """``content`` with each range replaced by MASK characters (newlines kept), same length."""
    if not ranges:
        return content
    lines = "\n" in content
    out, at = [], 0
    for a, b in sorted(ranges):
        if a < at:
            a = at
        if a >= b:
            continue
        out.append(content[at:a])
        if lines and "\n" in content[a:b]:
            out.append("\n".join(MASK * len(p) for p in content[a:b].split("\n")))
        else:
            out.append(MASK * (b - a))
        at = b
    out.append(content[at:])
    return "".join(out)


# -- sections ----------------------------------------------------------------------------
def _heading_of(block: Block) -> tuple[int, str, bool] | None:
    """(level, title, well_formed) if the block opens a section."""
    if block.kind == "heading":
        level = len(block.marker) if block.marker.startswith("#") else (1 if block.marker.startswith("=") else 2)
        return level, block.inline.content.strip() if block.inline else "", True
    if block.kind == "paragraph" and block.inlines and block.inlines[0].content.startswith("#"):
        first_line = block.inlines[0].content.split("\n", 1)[0]
        found = would_be_heading(first_line)
        if found:
            return found[0], found[1], False
    return None


def _sections(blocks: list[Block], heads: list[int], line_count: int) -> list[Section]:
    """The sections of the top-level ``blocks``: cut at each block ``_heading_of`` takes as a
    heading. Only the blocks at ``heads`` may be one (most blocks are paragraphs that do not
    start with ``#``); a section's body is the run of blocks up to the next."""
    sections: list[Section] = []
    level, title, start, heading, well_formed = 0, "", 0, None, True
    body = 0  # where the current section's body starts in blocks
    for index in heads:
        block = blocks[index]
        found = _heading_of(block)
        if found is None:
            continue
        if heading is not None or body < index:
            sections.append(Section(level, title, start, block.start_line, heading, tuple(blocks[body:index]),
                                    well_formed))
        level, title, well_formed = found
        start, heading, body = block.start_line, block, index + 1
    if heading is not None or body < len(blocks):
        sections.append(Section(level, title, start, line_count, heading, tuple(blocks[body:]), well_formed))
    return sections
