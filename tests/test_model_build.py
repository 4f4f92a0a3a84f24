"""The document model is built with shortcuts (``document``: one-line content located
without a call, sections cut only at the blocks
``_blocks`` marks as possible headings; ``source``: line tables added up in C;
``front_matter``: the key lines of plain front matter from its keys): the model must be the
one the straightforward code below (the code they replaced) builds, field for field and
type for type, on the shipped corpus, hand-written texts and generated ones."""

from __future__ import annotations

import os
import re
from bisect import bisect_right
from itertools import accumulate
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from transcheck import document
from transcheck import front_matter as fm
from transcheck.document import _BARE_URL, _LEAF_KINDS, _heading_of, _locate
from transcheck.model import MASK, Block, Inline, Link, Record, Section, Version
from transcheck.parser import inline_tokens
from transcheck.source import SourceText

# -- the reference: the model built without the shortcuts -------------------------------
_REF_OPEN_KINDS = {"paragraph_open": "paragraph", "heading_open": "heading", "bullet_list_open": "list",
                   "ordered_list_open": "list", "list_item_open": "item", "blockquote_open": "blockquote",
                   "table_open": "table"}


def _ref_blocks(tokens, i, stop, source, found):
    out, cursors = [], {}
    while i < stop:
        token = tokens[i]
        if token.nesting == -1:
            return out, i + 1
        kind = _REF_OPEN_KINDS.get(token.type)
        if kind is None:
            kind = _LEAF_KINDS.get(token.type)
            if kind:
                start, end = token.map or (0, 0)
                out.append(Block(kind, start, end, (), (), token.markup, False, None))
            i += 1
            continue
        start, end = token.map or (0, 0)
        if kind in ("paragraph", "heading"):
            inline = _ref_inline(tokens[i + 1], source, cursors)
            block = Block(kind, start, end, (inline,), (), token.markup, False, None)
            out.append(block)
            found.append((block, inline))
            i += 3
            continue
        if kind == "table":
            j, inlines, depth = i + 1, [], 1
            while j < stop and depth:
                depth += tokens[j].nesting
                if tokens[j].type == "inline":
                    inlines.append(_ref_inline(tokens[j], source, cursors))
                j += 1
            block = Block("table", start, end, tuple(inlines), (), "", False, None)
            out.append(block)
            found.extend((block, inline) for inline in block.inlines)
            i = j
            continue
        children, i = _ref_blocks(tokens, i + 1, stop, source, found)
        ordered = token.type == "ordered_list_open" or (kind == "item" and token.info.isdigit())
        number = None
        if token.type == "ordered_list_open":
            number = int(token.attrs.get("start", 1))
        elif kind == "item" and token.info.isdigit():
            number = int(token.info)
        out.append(Block(kind, start, end, (), tuple(children), token.markup, ordered, number))
    return out, i


def _ref_inline(token, source, cursors):
    content = token.content
    first = token.map[0] if token.map else 0
    last_line = len(source.line_starts) - 1
    parts = content.split("\n")
    starts, offsets, index = [], [], 0
    for k, part in enumerate(parts):
        line_no = min(first + k, last_line)
        col = _locate(source.line(line_no), part, k == len(parts) - 1, cursors.get(line_no, 0))
        if len(parts) == 1 and token.map is not None and token.map[1] - token.map[0] == 1:
            cursors[line_no] = col + len(content)
        starts.append(index)
        offsets.append(source.line_starts[line_no] + col)
        index += len(part) + 1
    starts, offsets = tuple(starts), tuple(offsets)

    def off(i):
        k = bisect_right(starts, i) - 1
        return offsets[k] + (i - starts[k])

    links, code_spans, ranges = [], [], []
    for child in token.children or ():
        meta = child.meta
        if "start" not in meta:
            continue
        a, b = meta["start"], meta["end"]
        if child.type in ("code_inline", "html_inline") or meta.get("autolink"):
            ranges.append((a, b))
            if child.type == "code_inline":
                code_spans.append((a, b))
            if meta.get("autolink"):
                text = content[a + 1 : b - 1]
                links.append(Link(text, str(child.attrs.get("href", "")), text, "autolink", off(a), off(b),
                                  off(a + 1), off(b - 1), a, b, a + 1, b - 1))
            continue
        ls, le = meta["label_start"], meta["label_end"]
        ranges += [(a, ls), (le, b)]
        if child.type == "image":
            kind, href = "image", child.attrs.get("src", "")
        else:
            kind, href = "inline" if "dest_start" in meta else "reference", child.attrs.get("href", "")
        raw = content[meta["dest_start"] : meta["dest_end"]].strip() if "dest_start" in meta else None
        links.append(Link(content[ls:le], str(href), raw, kind, off(a), off(b), off(ls), off(le), a, b, ls, le))
    masked = _ref_masked(content, ranges)
    if "://" in masked or "www." in masked:
        ranges += (m.span() for m in _BARE_URL.finditer(masked))
        masked = _ref_masked(content, ranges)
    ends = tuple(accumulate((link.c_text_end for link in links), max))
    return Inline(content, masked, first, starts, offsets, tuple(links), tuple(code_spans), ends)


def _ref_masked(content, ranges):
    out, at = [], 0
    for a, b in sorted(ranges):
        a = max(a, at)
        if a >= b:
            continue
        out.append(content[at:a])
        out.append("\n".join(MASK * len(p) for p in content[a:b].split("\n")))
        at = b
    out.append(content[at:])
    return "".join(out)


def _ref_sections(blocks, line_count):
    sections, body = [], []
    level, title, start, heading, well_formed = 0, "", 0, None, True
    for block in blocks + [None]:
        found = _heading_of(block) if block is not None else None
        if block is not None and found is None:
            body.append(block)
            continue
        if heading is not None or body:
            end = block.start_line if block is not None else line_count
            sections.append(Section(level, title, start, end, heading, tuple(body), well_formed))
        if block is not None:
            (level, title, well_formed), start, heading, body = found, block.start_line, block, []
    return sections


def _ref_lines(text):
    starts, ends = [0], []
    for m in re.finditer(r"\r\n?|\n", text):
        ends.append(m.start())
        starts.append(m.end())
    ends.append(len(text))
    return tuple(starts), tuple(ends)


def _ref_key_lines(source, first, last):
    out = []
    for index in range(first + 1, last):
        text = source.line(index)
        if text and not text[0].isspace() and ":" in text and not text.startswith("#"):
            out.append((text.split(":", 1)[0].strip(), index))
    return tuple(out)


def _reference(source: SourceText, tokens) -> tuple:
    found = []
    blocks, _ = _ref_blocks(tokens, 0, len(tokens), source, found)
    return tuple(blocks), tuple(_ref_sections(blocks, source.line_count)), tuple(found)


def _same(a, b) -> bool:
    """Equal, and of the same types all the way down (a tuple of Blocks is not a list)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, tuple):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(a, Record):
        return all(_same(getattr(a, name), getattr(b, name)) for name in a.__slots__)
    return a == b


def _check(text: str) -> None:
    source = SourceText(text, "x.md")
    assert (source.line_starts, source.line_ends) == _ref_lines(source.text)
    tokens: list = []
    real_parse = document.parse

    envs: list = []

    def keep(parser_text, env=None):
        tokens.extend(real_parse(parser_text, env))
        envs.append(env or {})
        return tokens

    document.parse = keep
    try:
        version = document.build_version(source, "en")
    finally:
        document.parse = real_parse
    assert isinstance(version, Version)
    # the reference reads every observable inline's tokens, also where the parse read its
    # links without them (``mdfast``'s ``links_only``: the model was built from the meta)
    for token in tokens:
        if token.type == "inline" and token.meta.get("links") is not None:
            assert token.children == []
            token.children = inline_tokens(token.content, envs[0].get("references"))
    blocks, sections, found = _reference(source, tokens)
    assert _same(version.blocks, blocks)
    assert _same(version.sections, sections)
    assert _same(version.all_inlines, found)
    matter = version.front_matter
    if matter is not None:
        assert matter.key_lines == _ref_key_lines(source, matter.first_line, matter.last_line)


# -- the texts ---------------------------------------------------------------------------
_TEXTS = [
    "---\ntitle: A\ndescription: b c\n---\n# Title\n\nText [a](http://x.example) `c` <b>d</b> <http://e.example>.\n",
    "---\ntitle: yes\nlist: [1, 2]\n---\n\n##Höjdpunkter\n\n#hashtag\n\n#Top\n\nText\n===\n\nMore\n---\n",
    "Preamble\n\n# One\n\n- a\n- b [x](y)\n\n1. one\n2. two\n\n> quote www.example.com\n> lazy\n\n## Two\n",
    "| a | b | a |\n|---|---|---|\n| [x](y) | `c` | a |\n| a | a | a |\n\n# after\n",
    "Line one\r\nline [two](u)\r\n\r\n# H\r\n\r\ntext\rmore\n",
    "  indented text  \n\n    code\n\n```\nfence\n```\n\n<div>\nhtml\n</div>\n\n***\n",
    "[ref] and ![img](src \"t\") and [multi\nline](dest) and `code\nspan` end\n\n[ref]: /u\n",
    "\tTab\tpara\t\n\n- # heading in item\n\n> # heading in quote\n\n#\n\n# \n",
    "Text http://a.example/b?c=d, [x](http://y.example) www.z.example.\n\nNUL \0 here\n",
    "",
    "\n\n",
    "# only\n",
]


def test_the_model_is_the_reference_model_on_the_texts():
    for text in _TEXTS:
        _check(text)


def test_the_model_is_the_reference_model_on_the_shipped_corpus():
    root = Path(__file__).resolve().parent.parent / "corpus"
    paths = sorted(root.rglob("*.md"))
    assert paths
    for path in paths:
        _check(SourceText.from_bytes(path.read_bytes()).text)


_PIECES = st.sampled_from([
    "# Title", "## Sub ##", "##Höjdpunkter", "#hashtag", "#Top", "#", "Title", "===", "---", "- item", "* item",
    "1. one", "2) two", "> quote", ">", "| a | b |", "|---|---|", "| [x](y) | `c` |", "a | a", "    code", "```",
    "~~~", "<div>", "</div>", "***", "", "", "", "text", "text  ", " text", "\ttab", "[link](http://x.example)",
    "![img](s)", "[ref]", "[ref]: /u", "`code`", "<b>b</b>", "<http://auto.example>", "www.example.com",
    "http://a.example/x", "a [b](c) d [e](f)", "[a](b)[c](d)", "ä ö 日本", "\0", "title: x", "a: b: c",
])
_NEWLINES = st.sampled_from(["\n", "\n", "\n", "\r\n", "\r"])


@settings(max_examples=int(os.environ.get("TRANSCHECK_PROPERTY_EXAMPLES") or 1500), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(_PIECES, _PIECES, _NEWLINES), max_size=12), st.booleans())
def test_the_model_is_the_reference_model_on_generated_texts(lines, matter):
    text = "".join(a + (" " + b if b and a else b) + newline for a, b, newline in lines)
    if matter:
        text = "---\ntitle: T\nyes: x\ndescription: d e\n---\n" + text
    _check(text)


@settings(max_examples=int(os.environ.get("TRANSCHECK_PROPERTY_EXAMPLES") or 1000), deadline=None)
@given(st.text(st.sampled_from("ab \n\r\u2028\x0c\ufeff"), max_size=20))
def test_the_line_tables_are_the_lines_markdown_it_reads(text):
    source = SourceText(text)
    assert (source.line_starts, source.line_ends) == _ref_lines(source.text)


@pytest.mark.parametrize("keys", [["title", "description"], ["a-b", "_x", "yes_no"], ["x"]])
def test_plain_front_matter_keeps_the_key_lines_of_its_text(keys):
    text = "---\n" + "".join(f"{key}: value {n}\n" for n, key in enumerate(keys)) + "---\nText\n"
    source = SourceText(text)
    matter = fm.load(source)
    assert isinstance(matter, fm.FrontMatter) and fm._plain([source.line(i) for i in range(1, len(keys) + 1)])
    assert matter.key_lines == _ref_key_lines(source, matter.first_line, matter.last_line)
