"""markdown-it-py's parser, doing less for the same tokens.

``MarkdownIt`` here is markdown-it's, with work left out whose result is known without
it; every token it makes is equal, field by field, to the one markdown-it makes
(tests/test_parser_shortcuts.py holds the two to each other with hypothesis):

- a block rule is not called at a line that cannot start what it matches (``_LEADS``:
  a heading's ``#``, a list's marker, ...; ``code``: a line indented less than 4 columns
  past the block's indent), where it would return False having changed nothing, after a
  debug-log call and tests of its own. A paragraph line is tried by every block rule,
  and by the paragraph's terminator rules at each of its following lines. The block
  parser's loop (``_ParserBlock.tokenize``, markdown-it's with the rules chosen per line)
  does not even call those: it tries only the rules that can match at the line's first
  character (``_by_lead``);
- a one-line paragraph (a line no rule leads, before an empty line or a line a
  terminator rule takes: ``_ends_paragraph``, a tight list's item) and an ATX heading
  are made by the block loop itself (``_paragraph_line``, ``_heading_line``), as the
  rules it would try there in turn make them (the others returning False), their three
  tokens pushed at once (``_push_leaf``); the loop tests for empty lines inline;
- a bullet list of "-" items that are each a one-line paragraph (most lists of prose),
  tight or loose, is made by the block loop itself (``_dash_list``), not through the
  list rule's bookkeeping and a nested tokenize per item; so is a one-line quote of
  prose before an empty line (``_quote_line``);
- ``hr`` is not called at a line that is not a thematic break (``_HR_LINE``: a list
  item led by ``-`` or ``*``, where it is tried before ``list``);
- likewise an inline rule is not called at a character it cannot start at: the inline
  parser's ``tokenize`` and ``skipToken`` try at a character only the rules that can
  match at it (``_RulesAt``): ``text`` alone at most characters of prose, none at a
  terminator no rule takes (``-``, ``:``, ``#``...), where markdown-it tries all ten;
  ``tokenize`` adds a run of characters where no rule but ``text`` can match as pending
  text at once (``_RulesAt.special``), where ``text`` stops at each terminator;
- a link ``[label](destination)`` whose label has no ``[``, ``]``, backslash, backtick
  or ``<`` and whose destination is plain and followed by ``)`` (most links) is read with
  a regex (``_link``, ``label_end``): its label ends at its first ``]`` without a silent
  tokenize of every character of it (``parseLinkLabel``), and there are no spaces or
  title to look for; a label of text only is pushed with the link's tokens at once
  (``_StateInline.push_link``), not tokenized, and ``label_end`` finds its end where the
  rule left it;
- where an inline text's only syntax is such links (its other characters some rule but
  ``text`` may start at are emphasis delimiters, line breaks, entities' ``&``),
  ``_ParserInline.links_only`` gives the links' places and hrefs without tokens: what
  ``transcheck.parser`` reads of the text (held to the parse's tokens by the tests);
- the post-processing of delimiter pairs (emphasis) is left out of an inline text
  without ``*``, ``_`` or ``~`` (``_ParserInline._pairs_only``);
- the optional features the rules read with ``options.get(name, False)`` are in the
  options, False: on markdown-it's ``OptionsDict`` a missing one raises and catches a
  KeyError (the list rule asks at every list item);
- tokens are built without the dataclass's ``__post_init__`` (which replaces the new
  empty ``attrs`` dict with another): ``_StateBlock`` and ``_StateInline`` push them
  as markdown-it's states do, with the same fields and values (half the cost of the
  ~140 tokens of a file). Only while ``Token`` has the fields they set
  (``_TOKEN_FIELDS``); otherwise markdown-it's own states are used;
- a link destination not in ``<>``, with no backslash or ``(`` before its end (most),
  is read with a regex instead of markdown-it's loop over its characters
  (``parse_link_destination``);
- a link destination already normalized (the versions of an article share their links)
  is not normalized or validated again.

None of markdown-it's files or module globals are changed: the parsers, states and
helpers are this instance's own. The block loop and the states' ``push`` are written
after markdown-it-py 4.3's (``TESTED``), and the simple lists and quotes after its list and
blockquote rules; under another version, whose internals and rules may differ (a 4.x
before 4.3 lacks some of those they read), markdown-it's own parsers are used as they are
(``FAST``; only ``normalizeLink`` is remembered), and the test that FAST is on says that
this module must be read again against that version before it is.
"""

from __future__ import annotations

import re
from dataclasses import fields
from functools import lru_cache
from types import SimpleNamespace

import markdown_it
from markdown_it import helpers
from markdown_it.common.utils import unescapeAll
from markdown_it.helpers.parse_link_destination import _Result
from markdown_it.parser_block import ParserBlock
from markdown_it.parser_inline import ParserInline
from markdown_it.rules_block import StateBlock
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

try:  # markdown-it-py 4.3's: its rules trim a paragraph's and a heading's content with it
    from markdown_it.common.utils import mdTrim
except ImportError:  # an earlier version (pyproject allows 3.0 on): FAST is off, below
    mdTrim = None

# block rule -> the characters a line must start with (after its indent) for the rule to
# match at it (each rule's own first test)
_LEADS = {
    "fence": "`~",
    "blockquote": ">",
    "hr": "*-_",
    "list": "*-+0123456789",
    "reference": "[",
    "html_block": "<",
    "heading": "#",
}

# the optional features markdown-it's rules read with ``options.get(name, False)``
_OFF = ("tasklists", "store_labels", "alerts", "inline_definitions", "strikethrough_single_tilde")


def _led(rule, leads: str):
    """``rule``, not called at a line whose first character (after its indent) is not one
    of ``leads``; past the end of the text it is called, to do what it does there."""
    leads = frozenset(leads)

    def led(state, line: int, end: int, silent: bool) -> bool:
        pos = state.bMarks[line] + state.tShift[line]
        first = state.src[pos : pos + 1]
        if first and first not in leads:
            return False
        return rule(state, line, end, silent)

    led.rule, led.leads = rule, leads
    return led


def _by_lead(rules: list) -> dict:
    """first character of a line -> the rules of ``rules`` (in their order) that can match
    at it: the rules without leads, and the led rules themselves (unguarded) whose leads
    hold it. Under None: the rules without leads, for a character no rule leads with."""
    table: dict = {None: [rule for rule in rules if not hasattr(rule, "leads")]}
    for char in set().union(*(rule.leads for rule in rules if hasattr(rule, "leads"))):
        table[char] = [rule.rule if char in getattr(rule, "leads", ()) else rule
                       for rule in rules if not hasattr(rule, "leads") or char in rule.leads]
    return table


def _code(rule):
    """The ``code`` rule, not called at a line indented less than 4 columns past the
    block's indent (its own first test, ``state.is_code_block``)."""

    def code(state, line: int, end: int, silent: bool) -> bool:
        if state.sCount[line] - state.blkIndent < 4:
            return False
        return rule(state, line, end, silent)

    return code


# a thematic break's line (after its indent): three or more of one of its marks, spaces and
# tabs between and after them; ``hr`` returns False at any other line
_HR_LINE = re.compile(r"(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,}")


def _hr(rule):
    """The ``hr`` rule, not called at a line that is not ``_HR_LINE`` (a list item led by
    ``-`` or ``*``, where it is tried first, and as a terminator of lists and paragraphs)."""

    def hr(state, line: int, end: int, silent: bool) -> bool:
        if _HR_LINE.fullmatch(state.src, state.bMarks[line] + state.tShift[line], state.eMarks[line]) is None:
            return False
        return rule(state, line, end, silent)

    return hr


# -- tokens ------------------------------------------------------------------------------
# Token's fields, all set by _StateBlock.push and _token
_TOKEN_FIELDS = {"type", "tag", "nesting", "attrs", "map", "level", "children", "content", "markup",
                 "info", "meta", "block", "hidden"}
_FIELDS_KNOWN = {f.name for f in fields(Token)} == _TOKEN_FIELDS
_new = object.__new__


def _token(ttype: str, tag: str, nesting: int, level: int, block: bool = False) -> Token:
    """``Token(ttype, tag, nesting)`` with ``level`` and ``block`` set, without the
    dataclass's ``__post_init__``."""
    token = _new(Token)
    token.type = ttype
    token.tag = tag
    token.nesting = nesting
    token.attrs = {}
    token.map = None
    token.level = level
    token.children = None
    token.content = ""
    token.markup = ""
    token.info = ""
    token.meta = {}
    token.block = block
    token.hidden = False
    return token


class _StateBlock(StateBlock):
    """markdown-it's block state, its ``push`` building the Token itself, its line marks
    computed with fewer Python steps."""

    def __init__(self, src: str, md, env, tokens: list) -> None:
        """markdown-it's (which sets every other field as for an empty text), with the
        same marks: a line's begin and end, its leading spaces and tabs and their columns
        (tabs to the next multiple of 4), measured only at a line that starts with one,
        and ``bsCount`` all 0. A last line of spaces and tabs without a ``\n`` has none;
        a last entry stands past the end."""
        super().__init__("", md, env, tokens)
        self.src = src
        bMarks: list[int] = []
        eMarks: list[int] = []
        tShift: list[int] = []
        sCount: list[int] = []
        length = len(src)
        find = src.find
        start = 0
        while start < length:
            end = find("\n", start)
            if end < 0:
                end = length
            if src[start] in " \t":
                pos = start
                offset = 0
                while pos < end:
                    char = src[pos]
                    if char == " ":
                        offset += 1
                    elif char == "\t":
                        offset += 4 - offset % 4
                    else:
                        break
                    pos += 1
                if pos == end == length:
                    break
                indent = pos - start
            else:
                indent = offset = 0
            bMarks.append(start)
            eMarks.append(end)
            tShift.append(indent)
            sCount.append(offset)
            start = end + 1
        bMarks.append(length)
        eMarks.append(length)
        tShift.append(0)
        sCount.append(0)
        self.bMarks, self.eMarks, self.tShift, self.sCount = bMarks, eMarks, tShift, sCount
        self.bsCount = [0] * len(bMarks)
        self.lineMax = len(bMarks) - 1

    def push(self, ttype: str, tag: str, nesting: int) -> Token:
        if nesting < 0:
            self.level -= 1  # a closing tag
        token = _token(ttype, tag, nesting, self.level, True)
        if nesting > 0:
            self.level += 1  # an opening tag
        self.tokens.append(token)
        return token


def _push_leaf(state, opening: str, closing: str, tag: str, markup: str, line: int, content: str) -> None:
    """Push the three tokens of a one-line leaf block at ``line``: ``opening`` (with the
    line's map), an inline of ``content`` (with the map and empty children) and
    ``closing``, both tagged ``tag``, with ``markup``, as three ``state.push`` calls and
    the rules' field settings would. On a ``_StateBlock`` built here, without the calls."""
    if type(state) is _StateBlock:
        level = state.level
        token = _token(opening, tag, 1, level, True)
        token.map = [line, line + 1]
        token.markup = markup
        inline = _token("inline", "", 0, level + 1, True)
        inline.content = content
        inline.map = [line, line + 1]
        inline.children = []
        close = _token(closing, tag, -1, level, True)
        close.markup = markup
        tokens = state.tokens
        tokens.append(token)
        tokens.append(inline)
        tokens.append(close)
        return
    token = state.push(opening, tag, 1)
    token.map = [line, line + 1]
    token.markup = markup
    token = state.push("inline", "", 0)
    token.content = content
    token.map = [line, line + 1]
    token.children = []
    token = state.push(closing, tag, -1)
    token.markup = markup


class _StateInline(StateInline):
    """markdown-it's inline state, its ``push`` and ``pushPending`` building the Token
    themselves (otherwise as markdown-it's, delimiters and all)."""

    def pushPending(self) -> Token:
        token = _token("text", "", 0, self.pendingLevel)
        token.content = self.pending
        self.tokens.append(token)
        self.pending = ""
        return token

    def push(self, ttype: str, tag: str, nesting: int) -> Token:
        if self.pending:
            self.pushPending()
        token_meta = None
        if nesting < 0:  # a closing tag
            self.level -= 1
            self.delimiters = self._prev_delimiters.pop()
        token = _token(ttype, tag, nesting, self.level)
        if nesting > 0:  # an opening tag
            self.level += 1
            self._prev_delimiters.append(self.delimiters)
            self.delimiters = []
            token_meta = {"delimiters": self.delimiters}
        self.pendingLevel = self.level
        self.tokens.append(token)
        self.tokens_meta.append(token_meta)
        return token

    def push_link(self, href: str, label: str) -> None:
        """What ``push("link_open", "a", 1)`` (its ``attrs`` set to ``href``), a label
        read as pending text and ``push("link_close", "a", -1)`` do: a text token for
        the pending text if any, the link_open, the label's text token (at the level
        within) if the label is not empty, the link_close; the link_open's meta holds
        the delimiters of the label, none; the level, pending level and delimiters
        afterwards are those before."""
        level = self.level
        tokens = self.tokens
        pending = self.pending
        if pending:  # pushPending, the pending text read once
            token = _token("text", "", 0, self.pendingLevel)
            token.content = pending
            tokens.append(token)
            self.pending = ""
        token = _token("link_open", "a", 1, level)
        token.attrs = {"href": href}
        tokens.append(token)
        self.tokens_meta.append({"delimiters": []})
        if label:
            token = _token("text", "", 0, level + 1)
            token.content = label
            tokens.append(token)
        tokens.append(_token("link_close", "a", -1, level))
        self.tokens_meta.append(None)
        self.pendingLevel = level


# the names of the rules tried at a line no rule of ``_LEADS`` leads, for which
# ``_paragraph_line`` stands
_PARAGRAPH_RULES = (["code", "lheading", "paragraph"], ["table", "code", "lheading", "paragraph"])


def _paragraph_line(state, line: int) -> None:
    """What the rules ``table``, ``code``, ``lheading`` and ``paragraph`` do at a line
    indented less than code, whose next line is empty (or past the end): the first three
    return False (``lheading`` having set ``parentType`` to "paragraph", which it does
    not restore), ``paragraph`` makes the line a paragraph."""
    state.parentType = "paragraph"
    content = _line(state, line)
    state.line = line + 1
    _push_leaf(state, "paragraph_open", "paragraph_close", "p", "", line, mdTrim(content))


def _line(state, line: int) -> str:
    """``state.getLines(line, line + 1, state.blkIndent, False)``: one line less the
    block's indent. Without a tab there, the indent taken off is the line's first
    ``blkIndent`` characters, or its ``tShift`` leading ones if fewer (as each counts
    one column) and a space or a tab does not follow them (getLines goes on over those)."""
    indent = state.blkIndent
    start = state.bMarks[line]
    end = state.eMarks[line]
    if not indent:
        return state.src[start:end]
    src = state.src
    cut = min(indent, state.tShift[line])
    if "\t" not in src[start : start + cut] and (cut == indent or start + cut >= end or src[start + cut] not in " \t"):
        return src[start + cut : end]
    return state.getLines(line, line + 1, indent, False)


# the names of the rules tried at a line led by "#", for which ``_heading_line`` stands
_HEADING_RULES = (["code", "heading", "lheading", "paragraph"], ["table", "code", "heading", "lheading", "paragraph"])
_HASHES = re.compile(r"#{1,6}")
_H = ["", "h1", "h2", "h3", "h4", "h5", "h6"]


def _heading_line(state, line: int) -> bool:
    """What the rules ``table``, ``code`` and ``heading`` do at a line led by "#",
    indented less than code, before a line that cannot be a table's delimiter row: the
    first two return False; ``heading`` makes an ATX heading of it, if it is one (else
    False, and nothing done). Its level is the run of one to six "#" (then a space, a
    tab or the line's end); its content what follows, less trailing spaces and tabs, and
    a closing run of "#" after a space or a tab, trimmed (``skipSpacesBack``,
    ``skipCharsStrBack``, ``mdTrim``)."""
    src = state.src
    pos = state.bMarks[line] + state.tShift[line]
    maximum = state.eMarks[line]
    m = _HASHES.match(src, pos, maximum)
    after = m.end()
    if after < maximum and src[after] not in " \t":
        return False
    level = after - pos
    content = src[after:maximum].rstrip(" \t")
    unclosed = content.rstrip("#")
    if unclosed and unclosed[-1] in " \t":
        content = unclosed
    state.line = line + 1
    _push_leaf(state, "heading_open", "heading_close", _H[level], "#" * level, line, mdTrim(content))
    return True


# what a table's delimiter row starts with (after its indent): the table rule at the line
# before returns False at once at a line that does not start so (a "-" then a space or a
# tab is a list item's marker, not a delimiter row's)
_DELIMITER_START = re.compile(r"[|:][-|: \t]|-[-|:]")


def _may_be_delimiter_row(state, line: int) -> bool:
    """Whether ``line`` could be a table's delimiter row: unless its first two characters
    (on the line) are as ``_DELIMITER_START``'s, the table rule at the line before returns
    False after its first tests."""
    pos = state.bMarks[line] + state.tShift[line]
    return _DELIMITER_START.match(state.src, pos, state.eMarks[line]) is not None


# a line of "-" or "=" then spaces or tabs: a setext heading's underline (``lheading``)
_UNDERLINE = re.compile(r"(?:-+|=+)[ \t]*")


def _ends_paragraph(state, line: int, endLine: int, terminators: dict) -> bool:
    """Whether a paragraph line before ``line`` (a line no rule leads, indented less than
    code) is a one-line paragraph: what ``table``, ``code``, ``lheading`` and
    ``paragraph`` do there is then ``_paragraph_line``'s. So it is before an empty line
    (or the end). Before another line, within ``endLine``, the end of the text (as
    ``paragraph`` looks beyond ``endLine``, and passes the end to its terminators), it is
    when the line is not a lazy continuation (indented 4 columns or more past the
    block's indent, or in a blockquote's quirk, ``sCount`` < 0), not an underline that
    ``lheading`` would take, cannot be a delimiter row that ``table`` would take
    (``_may_be_delimiter_row``), and a terminator rule of paragraphs matches at it
    (``terminators``: by the line's first character, ``_by_lead``), with ``parentType``
    "paragraph", as ``lheading`` and ``paragraph`` both call them (this leaves it so if
    one does, as the rules it stands for do; else as it was)."""
    pos = state.bMarks[line] + state.tShift[line]
    maximum = state.eMarks[line]
    if pos >= maximum:
        return True  # an empty line, or the end
    if line >= endLine or endLine != state.lineMax:
        return False
    count = state.sCount[line]
    if count < 0 or count - state.blkIndent > 3:
        return False
    src = state.src
    if _UNDERLINE.fullmatch(src, pos, maximum) is not None or _may_be_delimiter_row(state, line):
        return False
    parentType, state.parentType = state.parentType, "paragraph"
    for rule in terminators.get(src[pos], terminators[None]):
        if rule(state, line, endLine, True):
            return True
    state.parentType = parentType  # the rules run as if this had not (lheading restores it)
    return False


# the names of the rules tried at a line led by "-", for which ``_dash_list`` stands
_DASH_RULES = (["code", "hr", "list", "lheading", "paragraph"], ["table", "code", "hr", "list", "lheading", "paragraph"])


def _dash_item(state, line: int, shift: int, count: int, others: list, table: dict) -> bool:
    """Whether ``line`` is a simple list item: indented as the list's first (``shift``
    characters, ``count`` columns) with no tab, not even one a quote's marker has partly
    used (``bsCount``: the list rule reads such a line's text from another column),
    "-", one space, then a character no block rule leads (not a space or a tab: its
    paragraph's first)."""
    if state.tShift[line] != shift or state.sCount[line] != count or state.bsCount[line]:
        return False
    src = state.src
    pos = state.bMarks[line] + shift
    if shift and "\t" in src[pos - shift:pos]:
        return False
    return (pos + 2 < state.eMarks[line] and src[pos] == "-" and src[pos + 1] == " "
            and src[pos + 2] not in " \t" and table.get(src[pos + 2], others) is others)


def _dash_list(state, start: int, endLine: int, others: list, table: dict) -> bool:
    """What the rules tried at a line led by "-" (``table``, ``code``, ``hr``, ``list``...)
    do at a bullet list of simple items (``_dash_item``), each a one-line paragraph
    followed by the next item (tight) or by empty lines: ``table`` (the next line empty
    or an item, "-" then a space: not a delimiter row), ``code`` (indented less than
    code) and ``hr`` (a character no rule leads after the marker) return False, ``list``
    makes the list. The list ends after an item's empty lines at a line indented less
    than its content and not led by "-" (the list rule breaks there: another marker, a
    terminator, no marker), or at the end; anything else (a lazy line, a continued item,
    an item of another form, nesting at the limit, a nested tokenize that ends before the
    text) is left to the rules (False, nothing done). The tokens are the list rule's, its
    item's and ``_paragraph_line``'s (hidden in a tight list: ``markTightParagraphs``);
    the state afterwards is the one the rule restores (``line`` after the list). In a
    tight list each item's paragraph ends at the next item as ``_ends_paragraph`` finds
    (the list rule, silent, takes it)."""
    if endLine != state.lineMax or state.level + 2 >= state.md.options.maxNesting:
        return False
    bMarks, eMarks, tShift, sCount = state.bMarks, state.eMarks, state.tShift, state.sCount
    shift, count = tShift[start], sCount[start]
    if not _dash_item(state, start, shift, count, others, table):
        return False
    items = []  # (line, the line after the item, whether empty lines end it)
    line = start
    while True:
        after = line + 1
        if after < endLine and bMarks[after] + tShift[after] < eMarks[after]:  # tight
            if not _dash_item(state, after, shift, count, others, table):
                return False  # a lazy line, another marker...: left to the rules
            items.append((line, after, False))
            line = after
            continue
        if after < endLine:  # an empty line: the item ends at the next line that is not
            after += 1
            while after < endLine and bMarks[after] + tShift[after] >= eMarks[after]:
                after += 1
        items.append((line, after, after - line > 1))
        if after >= endLine:
            break
        pos = bMarks[after] + tShift[after]
        if sCount[after] >= count + 2 or state.src[pos] == "-":  # the item goes on, or
            if not _dash_item(state, after, shift, count, others, table):  # another item
                return False
            line = after
            continue
        break  # a line that is not a "-" item ends the list (another marker too)
    tight = not any(empty for _, _, empty in items[:-1])
    level = state.level
    src = state.src
    tokens = state.tokens
    token = _token("bullet_list_open", "ul", 1, level, True)
    token.markup = "-"
    token.map = [start, items[-1][1]]
    tokens.append(token)
    for line, after, _ in items:
        token = _token("list_item_open", "li", 1, level + 1, True)
        token.markup = "-"
        token.map = [line, after]
        tokens.append(token)
        token = _token("paragraph_open", "p", 1, level + 2, True)
        token.map = [line, line + 1]
        token.hidden = tight
        tokens.append(token)
        token = _token("inline", "", 0, level + 3, True)
        token.content = mdTrim(src[bMarks[line] + shift + 2 : eMarks[line]])
        token.map = [line, line + 1]
        token.children = []
        tokens.append(token)
        token = _token("paragraph_close", "p", -1, level + 2, True)
        token.hidden = tight
        tokens.append(token)
        token = _token("list_item_close", "li", -1, level + 1, True)
        token.markup = "-"
        tokens.append(token)
    token = _token("bullet_list_close", "ul", -1, level, True)
    token.markup = "-"
    tokens.append(token)
    state.line = items[-1][1]
    return True


# the names of the rules tried at a line led by ">", for which ``_quote_line`` stands
_QUOTE_RULES = (["code", "blockquote", "lheading", "paragraph"], ["table", "code", "blockquote", "lheading", "paragraph"])


def _quote_line(state, line: int, endLine: int, others: list, table: dict) -> bool:
    """What the rules tried at a line led by ">" (``table``, ``code``, ``blockquote``)
    do at a one-line quote of prose, "> " then a character no block rule leads, before
    an empty line or the end, indented less than code: ``table`` and ``code`` return
    False, ``blockquote`` makes a quote of one one-line paragraph (its nested tokenize:
    ``_paragraph_line``), restores the line's marks, ``parentType`` and ``blkIndent``,
    and leaves ``line`` after the quote (and ``tight`` True, which the block loop sets
    after every rule). Anything else (nesting at the limit, a tokenize that ends before
    the text) is left to the rules (False)."""
    after = line + 1
    if endLine != state.lineMax or state.level + 1 >= state.md.options.maxNesting \
            or state.bMarks[after] + state.tShift[after] < state.eMarks[after]:
        return False
    src = state.src
    pos = state.bMarks[line] + state.tShift[line]
    end = state.eMarks[line]
    if not (pos + 2 < end and src[pos + 1] == " " and src[pos + 2] not in " \t"
            and table.get(src[pos + 2], others) is others):
        return False
    level = state.level
    token = _token("blockquote_open", "blockquote", 1, level, True)
    token.markup = ">"
    token.map = [line, after]
    state.tokens.append(token)
    state.level = level + 1
    _push_leaf(state, "paragraph_open", "paragraph_close", "p", "", line, mdTrim(src[pos + 2 : end]))
    state.level = level
    token = _token("blockquote_close", "blockquote", -1, level, True)
    token.markup = ">"
    state.tokens.append(token)
    state.line = after
    return True


class _ParserBlock(ParserBlock):
    """markdown-it's block parser, on a ``_StateBlock`` (while ``_FIELDS_KNOWN``); its
    ``tokenize`` tries at a line only the rules that can match at its first character
    (``_by_lead``), and makes a one-line paragraph, most paragraphs of prose, itself
    (``_paragraph_line``): not through four rules, two of which look for its end; and an
    ATX heading (``_heading_line``), not through three."""

    _State = _StateBlock if _FIELDS_KNOWN else StateBlock

    _table: tuple[list, dict, bool, bool] = ([], {}, False, False)
    _terminators: tuple[list | None, dict] = (None, {})
    _dashes = False
    _quotes = False

    def tokenize(self, state, startLine: int, endLine: int) -> None:
        """markdown-it's ``ParserBlock.tokenize``, with the rules chosen per line."""
        rules = self.ruler.getRules("")
        if self._table[0] is not rules:
            table = _by_lead(rules)
            names = {id(rule.fn): rule.name for rule in self.ruler.__rules__}
            names.update((id(rule.fn.rule), rule.name) for rule in self.ruler.__rules__ if hasattr(rule.fn, "rule"))
            paragraphs = [names.get(id(rule)) for rule in table[None]] in _PARAGRAPH_RULES
            self._table = (rules, table, paragraphs,
                           [names.get(id(rule)) for rule in table.get("#", ())] in _HEADING_RULES)
            self._dashes = paragraphs and [names.get(id(rule)) for rule in table.get("-", ())] in _DASH_RULES
            self._quotes = paragraphs and [names.get(id(rule)) for rule in table.get(">", ())] in _QUOTE_RULES
        _, table, paragraphs, headings = self._table
        dashes = self._dashes and type(state) is _StateBlock
        quotes = self._quotes and type(state) is _StateBlock
        chain = self.ruler.getRules("paragraph")
        if self._terminators[0] is not chain:
            self._terminators = (chain, _by_lead(chain))
        terminators = self._terminators[1]
        others = table[None]
        line = startLine
        maxNesting = state.md.options.maxNesting
        hasEmptyLines = False

        while line < endLine:
            # markdown-it's state.skipEmptyLines(line) and isEmpty tests, inline (they
            # are methods: the lists are read where they are, the rules change them)
            bMarks, eMarks, tShift = state.bMarks, state.eMarks, state.tShift
            lineMax = state.lineMax
            while line < lineMax and bMarks[line] + tShift[line] >= eMarks[line]:
                line += 1
            state.line = line
            if line >= endLine:
                break
            count = state.sCount[line] - state.blkIndent
            if count < 0:
                # Termination condition for nested calls.
                break
            if state.level >= maxNesting:
                state.line = endLine
                break

            pos = bMarks[line] + tShift[line]
            first = state.src[pos : pos + 1]
            here = table.get(first, others) if first else rules
            if here is others and paragraphs and count < 4 \
                    and (bMarks[line + 1] + tShift[line + 1] >= eMarks[line + 1]
                         or _ends_paragraph(state, line + 1, endLine, terminators)):
                _paragraph_line(state, line)
            elif first == "#" and headings and count < 4 \
                    and not _may_be_delimiter_row(state, line + 1) and _heading_line(state, line):
                pass
            elif first == "-" and dashes and count < 4 and _dash_list(state, line, endLine, others, table):
                pass
            elif first == ">" and quotes and count < 4 and _quote_line(state, line, endLine, others, table):
                pass
            else:
                ok = False
                for rule in here:
                    ok = rule(state, line, endLine, False)
                    if ok:
                        if state.line <= line:
                            raise RuntimeError("block rule didn't increment state.line")
                        break
                if not ok:
                    raise RuntimeError("none of the block rules matched")

            # set state.tight if we had an empty line before current tag
            state.tight = not hasEmptyLines
            line = state.line
            bMarks, eMarks, tShift = state.bMarks, state.eMarks, state.tShift
            # paragraph might "eat" one newline after it in nested lists
            if (line - 1) < endLine and bMarks[line - 1] + tShift[line - 1] >= eMarks[line - 1]:
                hasEmptyLines = True
            if line < endLine and bMarks[line] + tShift[line] >= eMarks[line]:
                hasEmptyLines = True
                line += 1
                state.line = line

    def parse(self, src, md, env, outTokens):
        if not src:
            return None
        state = self._State(src, md, env, outTokens)
        self.tokenize(state, state.line, state.lineMax)
        return state.tokens


# inline rule -> the characters it can match at (each rule's own first test; ``text``
# matches at any character its ``terminator_re`` does not, and at no other)
_INLINE_LEADS = {
    "newline": "\n",
    "escape": "\\",
    "backticks": "`",
    "emphasis": "_*",
    "strikethrough": "~",
    "link": "[",
    "image": "!",
    "autolink": "<",
    "html_inline": "<",
    "entity": "&",
}


class _RulesAt(dict):
    """character -> the inline rules (in the ruler's order) that can match at it: a rule
    of ``_INLINE_LEADS`` if it leads with the character, ``text`` if the character is
    not a terminator, any other rule always. Filled in as characters are met (up to
    ``_MOST_CHARACTERS`` of them, then anew)."""

    def __init__(self, ruler, terminator_re) -> None:
        super().__init__()
        self.rules = ruler.getRules("")
        self.terminator_re = terminator_re
        names = {id(rule.fn): rule.name for rule in ruler.__rules__}
        self.named = [(rule, names.get(id(rule))) for rule in self.rules]
        leads = [_INLINE_LEADS.get(name) for _, name in self.named if name != "text"]
        # the characters some rule but ``text`` can match at (None: any character, a rule
        # not in _INLINE_LEADS being there): a text without any is read as one pending
        # text (by ``text`` up to a terminator, then one character at a time by none)
        self.special = None if None in leads else re.compile(f"[{re.escape(''.join(leads))}]" if leads else "(?!)")

    def __missing__(self, char: str) -> list:
        rules = [rule for rule, name in self.named
                 if (name == "text" and self.terminator_re.match(char) is None)
                 or (name != "text" and char in _INLINE_LEADS.get(name, char))]
        if len(self) >= _MOST_CHARACTERS:  # a text of thousands of distinct characters
            self.clear()
        self[char] = rules
        return rules


_MOST_CHARACTERS = 4096  # kept by a _RulesAt: a few alphabets, not all of Unicode


class _ParserInline(ParserInline):
    """markdown-it's inline parser, on a ``_StateInline`` (while ``_FIELDS_KNOWN``); its
    ``tokenize`` and ``skipToken`` try at a character only the rules that can match at it
    (``_RulesAt``): in prose most characters are read by ``text`` alone, and at a
    terminator no rule takes (``-``, ``:``, ``#``...) none is called. The post-processing
    of delimiter pairs is left out where there can be none (``_pairs_only``)."""

    _State = _StateInline if _FIELDS_KNOWN else StateInline

    _rules_at: _RulesAt | None = None

    def rules_at(self) -> _RulesAt:
        """The ``_RulesAt`` of the ruler's rules as they are now."""
        rules_at = self._rules_at
        if rules_at is None or rules_at.rules is not self.ruler.getRules("") \
                or rules_at.terminator_re is not self.terminator_re:
            rules_at = self._rules_at = _RulesAt(self.ruler, self.terminator_re)
        return rules_at

    def skipToken(self, state) -> None:
        """markdown-it's ``ParserInline.skipToken``, with the rules chosen per character."""
        pos = state.pos
        cache = state.cache
        if pos in cache:
            state.pos = cache[pos]
            return
        ok = False
        if state.level < state.md.options["maxNesting"]:
            for rule in self.rules_at()[state.src[pos]]:
                # increment state.level and decrement it later to limit recursion
                state.level += 1
                ok = rule(state, True)
                state.level -= 1
                if ok:
                    if state.pos <= pos:
                        raise RuntimeError("inline rule didn't increment state.pos")
                    break
        else:
            state.pos = state.posMax  # too much nesting: skip to the end of the paragraph
            state.too_deep = True  # remembered in the cache: see _simple
        if not ok:
            state.pos += 1
        cache[pos] = state.pos

    def tokenize(self, state) -> None:
        """markdown-it's ``ParserInline.tokenize``, with the rules chosen per character,
        and a run of characters no rule but ``text`` can match at read as pending text
        at once (``_RulesAt.special``): ``text`` would read it up to each terminator,
        and then the terminator, at which no rule matches, would be added alone. (Only
        where ``text`` stops at the end too: it looks for a terminator past it.)"""
        rules_at = self.rules_at()
        end = state.posMax
        maxNesting = state.md.options["maxNesting"]
        src = state.src
        special = rules_at.special
        if end < len(src) and self.terminator_re.match(src, end) is None:
            special = None
        while state.pos < end:
            pos = state.pos
            if special is not None:
                m = special.search(src, pos, end)
                after = m.start() if m is not None else end
                if after > pos:
                    state.append_pending(src[pos:after])
                    state.pos = after
                    continue
            ok = False
            if state.level < maxNesting:
                for rule in rules_at[src[pos]]:
                    ok = rule(state, False)
                    if ok:
                        if state.pos <= pos:
                            raise RuntimeError("inline rule didn't increment state.pos")
                        break
            if ok:
                if state.pos >= end:
                    break
                continue
            state.append_pending(src[state.pos])
            state.pos += 1
        if state.pending:
            state.pushPending()

    def parse(self, src, md, env, tokens):
        state = self._State(src, md, env, tokens)
        self.tokenize(state)
        if "*" in src or "_" in src or "~" in src or not self._pairs_only():
            for rule in self.ruler2.getRules(""):
                rule(state)
        return state.tokens

    def links_only(self, src: str, md) -> tuple[tuple[int, int, int, str], ...] | None:
        """The links ``parse`` would find in inline content ``src`` when they are its only
        inline syntax a rule reads, each as (start: its ``[``, end: past its ``)``, the end
        of its label, its href): ``[label](destination)`` links that ``_link`` reads
        without markdown-it's rule (``_SIMPLE_LINK``), in a text whose other characters
        where some rule but ``text`` can match (``_RulesAt.special``) are emphasis and
        strikethrough delimiters, line breaks, ``&`` and a ``!`` not before a ``[``
        (``_INERT``). None where it holds anything else a rule reads: a backslash, a
        backtick, a ``<``, an image, any other ``[``, a destination markdown-it refuses.

        Those rules take only their own characters (a run of delimiters, a line break and
        the spaces after it, an entity's letters and digits), never a ``[``; ``text`` stops
        at every such character; so each ``[`` is met by ``tokenize`` at the top level,
        where ``_link`` reads it as the link ``_SIMPLE_LINK`` matches, and goes on past its
        ``)``. ``transcheck.parser`` reads a paragraph's links so, without tokens: nearly
        every paragraph with a link has no other inline syntax."""
        special = self.rules_at().special
        if special is None or md.options["maxNesting"] < 1:
            return None
        found = []
        search = special.search
        match = _SIMPLE_LINK.match
        at = 0
        while True:
            m = search(src, at)
            if m is None:
                return tuple(found)
            at = m.start()
            char = src[at]
            if char == "[":
                link = match(src, at)
                if link is None:
                    return None
                href = link.group(2)  # as _link reads it
                href = md.normalizeLink(unescapeAll(href) if "&" in href else href)
                if not md.validateLink(href):
                    return None
                found.append((at, link.end(), link.end(1), href))
                at = link.end()
            elif char in _INERT or (char == "!" and src[at + 1 : at + 2] != "["):
                at += 1
            else:
                return None

    _pairs: tuple[list | None, bool] = (None, False)

    def _pairs_only(self) -> bool:
        """Whether the post-processing rules are markdown-it's for delimiter pairs only
        (``_PAIRS``): in a text without ``*``, ``_`` or ``~`` they change nothing. Only
        the emphasis and strikethrough rules make delimiters, at those characters, and the
        text tokens for their runs that ``fragments_join`` joins again (no other rule
        pushes a text token next to another); the levels it sets again are the ones
        ``push`` gave."""
        rules = self.ruler2.getRules("")
        if self._pairs[0] is not rules:
            names = {id(rule.fn): rule.name for rule in self.ruler2.__rules__}
            self._pairs = (rules, all(names.get(id(rule)) in _PAIRS for rule in rules))
        return self._pairs[1]


_PAIRS = {"balance_pairs", "strikethrough", "emphasis", "fragments_join"}

# The characters of ``_INLINE_LEADS`` whose rules never take a ``[`` (``links_only``): emphasis
# and strikethrough delimiters (a run of one of them), a line break (with the spaces after it), an
# entity (``&`` and letters, digits, ``#``, ``;``); and ``!``, an image's, where no ``[`` follows.
_INERT = "*_~\n&"


# -- link destinations -------------------------------------------------------------------
_PLAIN_DESTINATION = re.compile(r"[^\x00-\x20\x7f\\()]*")


def parse_link_destination(string: str, pos: int, maximum: int) -> _Result:
    """markdown-it's ``parseLinkDestination``. A destination not in ``<>`` ends at a space,
    a control character or a ``)`` outside parentheses; without a backslash or ``(``
    before that end, it is the run of other characters the regex finds, and markdown-it's
    loop over them would do nothing but step on."""
    if string[pos : pos + 1] != "<":
        m = _PLAIN_DESTINATION.match(string, pos, maximum)
        if m is not None:
            end = m.end()
            if end == maximum or string[end : end + 1] not in ("\\", "("):
                result = _Result()
                if end > pos:
                    result.str = unescapeAll(string[pos:end])
                    result.pos = end
                    result.ok = True
                return result
    return helpers.parseLinkDestination(string, pos, maximum)


# -- links -------------------------------------------------------------------------------
# ``[label](destination)``: a label with no ``[``, ``]``, backslash, backtick or ``<`` (no
# token a rule would skip over its ``]`` with, no nested bracket), a destination as
# ``_PLAIN_DESTINATION`` reads it, not in ``<>``, then ``)`` at once (no space, no title)
_SIMPLE_LINK = re.compile(r"\[([^\[\]\\`<]*)\]\((?!<)([^\x00-\x20\x7f\\()]+)\)")


_SIMPLE_LABEL = re.compile(r"\[[^\[\]\\`<]*\]")


def _simple(state) -> bool:
    """Whether ``parseLinkLabel`` at the state's position would find the end of a label
    like ``_SIMPLE_LABEL``'s at its first ``]`` (every character read by a ``skipToken``
    on this ``_ParserInline``, none skipped to the end for nesting too deep: not now, and
    no such ``skipToken`` result remembered in ``state.cache``)."""
    return (state.level < state.md.options["maxNesting"] and not getattr(state, "too_deep", False)
            and isinstance(state.md.inline, _ParserInline))


def label_end(state, start: int) -> int:
    """``helpers.parseLinkLabel(state, start, True)``: where the label opened by the ``[``
    at ``start`` ends, or -1. A label without ``[``, ``]``, backslash, backtick or ``<``
    ends at its first ``]``: no inline rule reads past one from the other characters."""
    if _simple(state):
        known = getattr(state, "simple_label", None)
        if known is not None and known[0] == start and known[1] == state.posMax:
            return known[2]  # _link read it at start, as the regex below would
        m = _SIMPLE_LABEL.match(state.src, start, state.posMax)
        if m is not None:
            return m.end() - 1
    return helpers.parseLinkLabel(state, start, True)


def _link(rule):
    """markdown-it's ``link`` rule, with a ``simple_link`` read without it: no
    ``parseLinkLabel`` (a silent tokenize of the label), no loops over spaces, no title
    parse. What follows is the rule's own end: the same tokens, the label tokenized.
    Anything else (a reference, a title, spaces, a destination ``validateLink`` refuses,
    nesting at its limit) is left to the rule."""

    def link(state, silent: bool) -> bool:
        start = state.pos
        maximum = state.posMax
        if state.src[start] != "[" or not _simple(state):
            return rule(state, silent)
        m = _SIMPLE_LINK.match(state.src, start, maximum)
        if m is None:
            return rule(state, silent)
        href = m.group(2)  # unescapeAll: no backslash there; an entity needs a "&"
        href = state.md.normalizeLink(unescapeAll(href) if "&" in href else href)
        if not state.md.validateLink(href):
            return rule(state, silent)
        if not silent:
            label = m.group(1)
            special = state.md.inline.rules_at().special
            if special is not None and special.search(label) is None and type(state) is _StateInline:
                state.push_link(href, label)  # the label as tokenize would leave it: text
            else:
                token = state.push("link_open", "a", 1)
                token.attrs = {"href": href}
                state.pos = start + 1
                state.posMax = m.end(1)
                state.linkLevel += 1
                state.md.inline.tokenize(state)
                state.linkLevel -= 1
                state.push("link_close", "a", -1)
            state.simple_label = (start, maximum, m.end(1))  # for label_end
        state.pos = m.end()
        state.posMax = maximum
        return True

    link.rule = rule
    return link


# -- the parser --------------------------------------------------------------------------
TESTED = "4.3"  # the version of markdown-it-py (major.minor) whose internals and rules this module follows
# ... a minor version, not only the major: the simple lists and quotes follow the list and
# blockquote rules of 4.3, which a 4.4 may change without a word. (4.0 to 4.2 also lack
# ``mdTrim``, ``terminator_re`` and ``StateInline.append_pending``, which it reads.)
FAST = (markdown_it.__version__.split(".")[:2] == TESTED.split(".") and mdTrim is not None
        and hasattr(StateInline, "append_pending") and hasattr(ParserInline(), "terminator_re"))


class MarkdownIt(markdown_it.MarkdownIt):
    """markdown-it's parser (see the module's docstring for what it leaves out)."""

    def __init__(self, config: str = "commonmark") -> None:
        super().__init__(config)
        if not FAST:
            return
        for name in _OFF:
            self.options.setdefault(name, False)
        self.block.__class__ = _ParserBlock  # the same parsers (their rules), as above
        self.inline.__class__ = _ParserInline
        self.helpers = SimpleNamespace(**{name: getattr(helpers, name) for name in helpers.__all__})
        self.helpers.parseLinkDestination = parse_link_destination
        inline = self.inline.ruler
        for rule in inline.__rules__:
            if rule.name == "link":
                inline.at(rule.name, _link(rule.fn), {"alt": rule.alt})
        ruler = self.block.ruler
        for rule in ruler.__rules__:
            if rule.name in _LEADS:
                fn = _hr(rule.fn) if rule.name == "hr" else rule.fn
                ruler.at(rule.name, _led(fn, _LEADS[rule.name]), {"alt": rule.alt})
            elif rule.name == "code":
                ruler.at(rule.name, _code(rule.fn), {"alt": rule.alt})

    @lru_cache(maxsize=4096)
    def validateLink(self, url: str) -> bool:
        """markdown-it's (a pure function of ``url``), remembered, as ``normalizeLink``."""
        return super().validateLink(url)

    @lru_cache(maxsize=4096)
    def normalizeLink(self, url: str) -> str:
        """markdown-it's (a pure function of ``url``), remembered: it parses, percent-encodes
        and formats the URL again at each of the thousands of links that repeat one."""
        return super().normalizeLink(url)
