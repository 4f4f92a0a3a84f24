"""The Markdown parser: markdown-it-py (CommonMark, plus GFM tables) with inline positions.

markdown-it block tokens carry a line map, inline tokens carry none. To report exact
columns, the inline rules whose tokens transcheck reads (links, images, code spans,
autolinks, inline HTML) are wrapped: each wrapper notes ``state.pos`` before and after
the original rule runs and stores the span, as offsets into the inline token's
``content``, in ``token.meta``:

- ``link_open``: ``start`` (the ``[``), ``end`` (one past the closing ``)`` or label),
  ``label_start``/``label_end`` (the label text) and, for inline links, ``dest_start``/
  ``dest_end`` (everything between the parentheses);
- ``image``, ``code_inline``, ``html_inline`` and autolink ``link_open``: ``start``, ``end``.

The wrappers only observe; they change nothing the original rule does.

Inline content is parsed only where it can hold what the model reads from the inline
tokens (links, images, code spans, autolinks, inline HTML: ``observable``); the others,
most paragraphs, keep no children (their inline parse was 15% of a check's parse).
``inline_tokens`` parses those on demand (the fixer counts their emphasis).

Work markdown-it would do for nothing is left out, with the same tokens as a result:
a block rule that cannot match in a text, for it lacks the characters the rule's syntax
needs (``_NEEDS``: tables, fences, HTML blocks, blockquotes, reference definitions), is
not tried at every line of it; the core ``normalize`` rule does not rewrite a text that
has no ``\r`` or NUL; a link destination already normalized (the versions of an article
share their links) is not normalized again; a block rule is not called at a line that
cannot start what it matches (``_LEADS``: a heading's ``#``, a list's marker, ...), where
it would return False after a debug-log call and tests of its own; the list rule finds
the ``tasklists`` option it reads (False, its default) instead of a KeyError; block
tokens are built without the dataclass's ``__post_init__`` (``_StateBlock``).
"""

from __future__ import annotations

from dataclasses import fields
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.helpers import parseLinkLabel
from markdown_it.parser_block import ParserBlock
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core.normalize import normalize
from markdown_it.token import Token

# rule name -> (the token types it makes that are observed, the character it must start at)
_OBSERVED = {
    "link": (("link_open",), "["),
    "image": (("image",), "!"),
    "backticks": (("code_inline",), "`"),
    "autolink": (("link_open",), "<"),
    "html_inline": (("html_inline",), "<"),
}


def _observe(name: str, rule):
    kinds, first = _OBSERVED[name]

    def observed(state, silent: bool) -> bool:
        start = state.pos
        if state.src[start] != first:  # the rule's own first test, without a second call
            return False
        count = len(state.tokens)
        if not rule(state, silent):
            return False
        if silent:
            return True
        for token in state.tokens[count:]:
            if token.type in kinds:
                meta = token.meta
                meta["start"] = start
                meta["end"] = state.pos
                if name in ("link", "image"):
                    label_start = start + (2 if name == "image" else 1)
                    label_end = parseLinkLabel(state, label_start - 1, True)
                    meta["label_start"] = label_start
                    meta["label_end"] = max(label_end, label_start)
                    if 0 <= label_end and label_end + 1 < state.pos and state.src[label_end + 1] == "(":
                        meta["dest_start"] = label_end + 2
                        meta["dest_end"] = state.pos - 1
                elif name == "autolink":
                    meta["autolink"] = True
                break
        return True

    return observed


def observable(content: str) -> bool:
    """Whether inline content can hold a token the model reads: every link and image
    has a ``[``, every code span a backtick, every autolink and inline HTML a ``<``."""
    return "[" in content or "`" in content or "<" in content


def _inline_where_observable(state) -> None:
    """markdown-it's core ``inline`` rule, for the inline tokens whose content is
    ``observable`` only (the others keep empty children)."""
    md = state.md
    for token in state.tokens:
        if token.type == "inline" and observable(token.content):
            if token.children is None:
                token.children = []
            md.inline.parse(token.content, md, state.env, token.children)


# block rule -> what a text must contain for the rule to match anywhere in it: a table
# row's ``|``, a fence's three backticks or tildes, a blockquote's ``>``, the ``]:`` that
# ends a reference definition's label, an HTML block's ``<``
_NEEDS = {
    "table": ("|",),
    "fence": ("```", "~~~"),
    "blockquote": (">",),
    "reference": ("]:",),
    "html_block": ("<",),
}


# block rule -> the characters a line must start with (after its indent) for the rule to
# match at it: each of these rules returns False, having changed nothing, at a line that
# starts otherwise, but only after a debug-log call and tests of its own (a paragraph
# line is tried by every rule, and again by the terminator rules at each of its lines)
_LEADS = {
    "fence": "`~",
    "blockquote": ">",
    "hr": "*-_",
    "list": "*-+0123456789",
    "reference": "[",
    "html_block": "<",
    "heading": "#",
}


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

    return led


def _code(rule):
    """The ``code`` rule, not called at a line indented less than 4 columns past the
    block's indent (its own first test, ``state.is_code_block``)."""

    def code(state, line: int, end: int, silent: bool) -> bool:
        if state.sCount[line] - state.blkIndent < 4:
            return False
        return rule(state, line, end, silent)

    return code


def _normalize(state) -> None:
    """markdown-it's core ``normalize`` (line endings to ``\\n``, NUL to U+FFFD), which
    otherwise rebuilds every text with a substitution per line: only when there is
    something to change (the text transcheck parses has ``\\n`` line endings already)."""
    if "\r" in state.src or "\0" in state.src:
        normalize(state)


# Token's fields, all set by _StateBlock.push (its defaults but for level and block)
_TOKEN_FIELDS = {"type", "tag", "nesting", "attrs", "map", "level", "children", "content", "markup",
                 "info", "meta", "block", "hidden"}
_new = object.__new__


class _StateBlock(StateBlock):
    """markdown-it's block state with a ``push`` that builds the Token itself, as the
    dataclass's ``__init__`` and markdown-it's ``push`` do (the same fields, the same
    values), without the ``__post_init__`` that replaces the new empty ``attrs`` dict
    with another: half the cost of the ~100 block tokens of every file."""

    def push(self, ttype: str, tag: str, nesting: int) -> Token:
        if nesting < 0:
            self.level -= 1  # a closing tag
        token = _new(Token)
        token.type = ttype
        token.tag = tag
        token.nesting = nesting
        token.attrs = {}
        token.map = None
        token.level = self.level
        token.children = None
        token.content = ""
        token.markup = ""
        token.info = ""
        token.meta = {}
        token.block = True
        token.hidden = False
        if nesting > 0:
            self.level += 1  # an opening tag
        self.tokens.append(token)
        return token


class _ParserBlock(ParserBlock):
    """markdown-it's block parser, on a ``_StateBlock`` (as long as Token has the fields
    ``_StateBlock.push`` sets: else on markdown-it's own state)."""

    _State = _StateBlock if {f.name for f in fields(Token)} == _TOKEN_FIELDS else StateBlock

    def parse(self, src, md, env, outTokens):
        if not src:
            return None
        state = self._State(src, md, env, outTokens)
        self.tokenize(state, state.line, state.lineMax)
        return state.tokens


class _MarkdownIt(MarkdownIt):
    def __init__(self, config: str) -> None:
        super().__init__(config)
        block = _ParserBlock()
        block.ruler = self.block.ruler
        self.block = block

    @lru_cache(maxsize=4096)
    def normalizeLink(self, url: str) -> str:
        """markdown-it's (a pure function of ``url``), remembered: it parses, percent-encodes
        and formats the URL again at each of the thousands of links that repeat one."""
        return super().normalizeLink(url)


@lru_cache(maxsize=None)
def markdown(without: tuple[str, ...] = ()) -> MarkdownIt:
    """The configured parser (built once per process) without the block rules in
    ``without`` (names from ``_NEEDS``; ``parse`` leaves out those that cannot match)."""
    md = _MarkdownIt("commonmark")
    md.enable("table")
    md.options["tasklists"] = False  # the default the list rule reads with options.get,
    # which on markdown-it's OptionsDict raises and catches a KeyError at every list item
    if without:
        md.block.ruler.disable(list(without))
    for rule in md.block.ruler.__rules__:
        if rule.name in _LEADS:
            md.block.ruler.at(rule.name, _led(rule.fn, _LEADS[rule.name]), {"alt": rule.alt})
        elif rule.name == "code":
            md.block.ruler.at(rule.name, _code(rule.fn), {"alt": rule.alt})
    for name in _OBSERVED:
        rule = next(r.fn for r in md.inline.ruler.__rules__ if r.name == name)
        md.inline.ruler.at(name, _observe(name, rule))
    md.core.ruler.at("normalize", _normalize)
    md.core.ruler.at("inline", _inline_where_observable)
    return md


def inline_tokens(content: str) -> list[Token]:
    """The inline tokens of content that ``parse`` left unparsed (not ``observable``), as
    the document would have them (without a ``[`` the content uses no reference
    definition): markdown-it's inline parse and its ``text_join``."""
    from markdown_it.rules_core import text_join
    from markdown_it.rules_core.state_core import StateCore

    md = markdown()
    token = Token("inline", "", 0, content=content, children=[])
    md.inline.parse(content, md, {}, token.children)
    state = StateCore(content, md, {})
    state.tokens = [token]
    text_join(state)
    return token.children


def parse(text: str) -> list[Token]:
    """Parse Markdown text (front matter already blanked) into the block token stream,
    without the block rules that cannot match in it (``_NEEDS``)."""
    return markdown(tuple(name for name, needs in _NEEDS.items()
                          if not any(opening in text for opening in needs))).parse(text)
