"""``parser.parse`` leaves out work markdown-it would do for nothing (``mdfast``'s rules
tried only where they can match, a ``normalize`` pass with nothing to change, normalizing
a link destination seen before, ...): the token stream must be the one markdown-it gives."""

from __future__ import annotations

import dataclasses
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.helpers import parseLinkDestination, parseLinkLabel

from transcheck import mdfast, parser
from transcheck.mdfast import parse_link_destination
from transcheck.parser import observable, parse

_FULL = MarkdownIt("commonmark").enable("table")

_TEXTS = [
    "# Title\n\n> a quote\n> more\n\nA paragraph.\n",
    "Text\n```\ncode\n```\n\n~~~ py\nx\n~~~\n",
    "<div>\nhtml\n</div>\n\nText with <b>inline</b> HTML.\n",
    "[ref]: https://x.example/a b\n\nA [ref], a [link](https://y.example/ä ö) and [ref] again.\n",
    "> [ref]:\n> https://x.example\n\n- [multi\n  line]: /y\n\n[ref] [multi line]\n",
    "Links [a](b) and [c] but no definition: [c]\n: x\n\n[d]:/no-space\n\n[d]\n",
    "| a | b |\n|---|---|\n| [x](y) | 2 |\n",
    "One\r\nTwo\rThree\n\0 NUL\n",
    "Plain text\n- item\n- item\n\n1. one\n2. two\n",
    "> quote with a [link](u)\n\n    indented code\n\n***\n",
    "[a](b(c)d) [e](f\\)g) [h](<i j>) [k](l m) [n](o\x01p) [q](r)s) [t]( u ) [v](w\\ x) ![y](z\t)\n",
    "[a]: b(c)d\n[e]: <f g>\n[h]: i\\)j\n\n[a] [e] [h]\n",
    "*a [b* c](d) e* _x [y_](z)_ **[a](b)** [*a*](b) *[a](b)\n",
    # links mdfast reads without markdown-it's rule (simple_link), and their near misses
    "[a](b) [a]( b) [a](b \"t\") [a](<b>) [](b) [a]() [a](javascript:x) [a\\]](b) [`a]`](b)\n"
    "[<a>](b) [a&amp;b](c&amp;d) [a\nb](c) ![a](b) [a *b*](c) [a](b)c) [a-b: c!](/d#e?f=g)\n",
    "[a\\](b)](c) [`](b)`](c) [<http://a](b)>](c) [<b x=\"](y)\">](c) ![a\\](b)](c) ![`](b)`](c)\n",
    # nesting at markdown-it's limit: a label skipped to the end is remembered (too_deep)
    "\u00a0text\u00a0\n\n\x0ctext\x0b\n\n\x1ctext\x85\n\n- item\n\n  para\n\n  > quote\n  lazy\n\n    code\n",
    # ATX headings (mdfast._heading_line) and their near misses
    "####### seven\n###### six ##\n#\tt #\n# a #b\n##\n# x ###  \n#a\n    # code\n",
    "# a | b\n--|--\n# c\n-: x\n\n# d\n| e\n\n# f | g\n:-|-\n\n# h | i\n|--|--\n",
    # one-line paragraphs before a line a terminator rule takes (mdfast._ends_paragraph):
    # tight lists, and near misses: a table's header before a delimiter row that is also
    # a table's header, a quote's lazy line (sCount -1) before a delimiter row, underlines
    "- a\n- b\n* c\n1. d\n2. e\n\nf\n# g\nh\n> i\nj\n```\nk\n```\nl\n---\nm\n- \nn\n-\n",
    "a | b\n|--|--|\n|--|--|\n\n- a\n  b\n- c\n      d\n- e\n===\n",
    "> text\na | b\n> --|--\n",
    # simple bullet lists (mdfast._dash_list) at markdown-it's nesting limit and past it
    "> " * 17 + "- a\n- b\n\n" + "> " * 18 + "- a\n\n- b\n\n" + "> " * 19 + "- a\n",
    # one-line quotes (mdfast._quote_line) at the nesting limit and past it
    # (each at the end of the text: within, a nested tokenize ends before the text's end)
    "> " * 19 + "a\n",
    "> " * 20 + "a\n",
    "> " * 21 + "a\n",
    "[" * 21 + "[a](b)] [a](b)\n",
    "[" * 21 + "a](b)]](c) [a](b)\n",
    "[z](w) " + "[" * 20 + "[a](b)]" + "](q)" * 20 + "\n",
]


def _tokens(tokens) -> list[tuple]:
    """What the model reads of a token stream: every block token, and the children of the
    inlines ``parse`` inline-parses (``observable``)."""
    out = []
    for t in tokens:
        out.append((t.type, t.map, t.markup, t.info, t.content, t.level, t.attrs))
        if t.type == "inline" and observable(t.content):
            out.append([(c.type, c.content, c.markup, c.attrs) for c in t.children or ()])
    return out


_OURS = {"start", "end", "label_start", "label_end", "dest_start", "dest_end", "autolink", "links"}  # parser's meta


def _links_only_read(tokens, env: dict) -> None:
    """Where ``parse`` read an inline's links without parsing it (``mdfast``'s ``links_only``,
    in its meta): they must be the links the inline parse finds, and it must find no other
    token the model reads (code span, HTML, autolink, image); the children are then that
    parse's, to be held to markdown-it's like the others."""
    for token in tokens:
        if token.type == "inline" and "links" in token.meta:
            assert token.children == []
            children = parser.inline_tokens(token.content, env.get("references"))
            observed = [c for c in children if "start" in c.meta]
            assert all(c.type == "link_open" and "dest_start" in c.meta for c in observed)
            assert token.meta["links"] == tuple((c.meta["start"], c.meta["end"], c.meta["label_end"], c.attrs["href"])
                                                for c in observed)
            token.children = children


def _whole(token) -> dict:
    """Every field of a token (children the same way), without the meta parser adds."""
    out = {f.name: getattr(token, f.name) for f in dataclasses.fields(token)}
    out["meta"] = {k: v for k, v in token.meta.items() if k not in _OURS}
    out["children"] = None if token.children is None else [_whole(c) for c in token.children]
    return out


def _check(text: str) -> None:
    env: dict = {}
    ours, theirs = parse(text, env), _FULL.parse(text)
    _links_only_read(ours, env)
    assert _tokens(ours) == _tokens(theirs)
    # all of every token: the same Token class and fields (parser's block state builds
    # its tokens itself), children but where parse leaves them out (not observable)
    assert [type(t) for t in ours] == [type(t) for t in theirs]
    for a, b in zip(ours, theirs):
        whole_a, whole_b = _whole(a), _whole(b)
        if a.type == "inline" and not observable(a.content):
            assert a.children == []
            whole_a["children"] = whole_b["children"]
        assert whole_a == whole_b


@pytest.mark.parametrize("text", _TEXTS)
def test_parse_gives_markdown_its_tokens(text):
    _check(text)
    _check(text)  # again: the link destinations are now normalized from memory


@settings(max_examples=int(os.environ.get("TRANSCHECK_PROPERTY_EXAMPLES") or 300), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(["# ", "> ", ">", "<", "``", "```", "~~~", "<div>", "<b>", "[a]", "[a]: u", "]", ":", "(u)", "|", "---",
                                 "- ", "1. ", "    ", "*", "_", "`", "\\", "\r", "\0", "\n", "\n\n", "text", " ",
                                 "+ ", "2) ", "\t", "#", "=", "-", "~", "***", "___", "<!-- ", "[x] ", "](", "(", ")", "x",
                                 "\x01", "\u00a0", "\x0b", "\x0c", "\x1c", "\x85", "- a\n\n  b\n"]),
                max_size=40).map("".join))
def test_parse_gives_markdown_its_tokens_on_any_text(text):
    _check(text)


def _block_state(text: str, md, state_class) -> dict:
    """Every field of the block state after ``md``'s block parser tokenized text (but md)."""
    state = state_class(text.replace("\r\n", "\n").replace("\r", "\n").replace("\0", "\ufffd"), md, {}, [])
    md.block.tokenize(state, state.line, state.lineMax)
    fields = dict(vars(state))
    fields["tokens"] = [_whole(t) for t in fields.pop("tokens")]
    del fields["md"]
    return fields


def _check_block_state(text: str) -> None:
    """``mdfast``'s block parser leaves its state as markdown-it's does (``parentType``
    too, which ``_paragraph_line`` sets as the rules it stands for do)."""
    md = parser.markdown()
    assert _block_state(text, md, md.block._State) == _block_state(text, _FULL, mdfast.StateBlock)


@pytest.mark.parametrize("text", _TEXTS)
def test_block_state_is_markdown_its(text):
    _check_block_state(text)


@settings(max_examples=int(os.environ.get("TRANSCHECK_PROPERTY_EXAMPLES") or 300), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(["text", "\n", "\n\n", " ", "    ", "- ", "> ", "# ", "=", "-", "|", "\u00a0", "\x1c", "\t"]),
                max_size=30).map("".join))
def test_block_state_is_markdown_its_on_any_text(text):
    _check_block_state(text)


@settings(max_examples=int(os.environ.get("TRANSCHECK_PROPERTY_EXAMPLES") or 300), deadline=None)
@given(st.text(alphabet="ab<>()\\ \n\t\x01\x7f&;#", max_size=12), st.integers(0, 13), st.integers(0, 14))
def test_link_destination_as_markdown_its(string, pos, maximum):
    """``mdfast.parse_link_destination`` reads what markdown-it's ``parseLinkDestination`` reads."""
    ours = parse_link_destination(string, pos, maximum)
    theirs = parseLinkDestination(string, pos, maximum)
    assert (ours.ok, ours.pos, ours.str) == (theirs.ok, theirs.pos, theirs.str)


def test_tokens_are_built_by_the_states_of_mdfast():
    """The installed markdown-it-py is the version ``mdfast`` follows, and Token has the
    fields its states set: they build the tokens (else markdown-it's own parsers would, and
    the shortcut would be gone without a word: a new version needs mdfast read again)."""
    assert mdfast.FAST, f"markdown-it-py {mdfast.markdown_it.__version__}: mdfast follows {mdfast.TESTED}"
    assert mdfast._FIELDS_KNOWN
    assert isinstance(parser.markdown().block, mdfast._ParserBlock)
    assert mdfast._ParserBlock._State is mdfast._StateBlock and mdfast._ParserInline._State is mdfast._StateInline
    md = parser.markdown()
    md.parse("# a\n\nb [c](d)\n")
    assert md.block._table[2:] == (True, True)  # one-line paragraphs and headings made by the block loop
    assert md.inline._pairs_only()  # delimiter pairs post-processed only where there can be some


def test_under_another_version_markdown_its_own_parsers_are_used(monkeypatch):
    monkeypatch.setattr(mdfast, "FAST", False)
    md = mdfast.MarkdownIt("commonmark")
    assert type(md.block) is mdfast.ParserBlock and type(md.inline) is mdfast.ParserInline
    assert md.helpers is mdfast.markdown_it.MarkdownIt("commonmark").helpers


_BEFORE_4_3 = """\
import markdown_it.common.utils as utils
del utils.mdTrim  # as in markdown-it-py 3.0 to 4.2 (the rules of 4.3 imported theirs already)
from markdown_it import MarkdownIt
from transcheck import mdfast, parser
assert not mdfast.FAST
full = MarkdownIt("commonmark").enable("table")
for text in {texts!r}:
    ours = [(t.type, t.map, t.content, t.markup, t.level) for t in parser.parse(text)]
    theirs = [(t.type, t.map, t.content, t.markup, t.level) for t in full.parse(text)]
    assert ours == theirs, text
"""


def test_mdfast_imports_and_steps_aside_before_markdown_it_py_4_3():
    """pyproject allows markdown-it-py 3.0 on; ``mdfast`` reads ``mdTrim``, ``terminator_re``
    and ``StateInline.append_pending``, which 4.3 brought: on an earlier version (simulated
    here, in a process of its own, by taking ``mdTrim`` away: the other two the installed
    rules need) it must import, leave FAST off and parse as markdown-it does. (With the
    wheels of 3.0.0, 4.0.0, 4.1.0 and 4.2.0, importing ``mdTrim`` failed: every command
    ended in an ImportError.)"""
    import subprocess
    import sys

    code = _BEFORE_4_3.format(texts=_TEXTS[:3] + _TEXTS[-5:])
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr


def test_mdfast_steps_aside_under_a_later_minor_version():
    """The simple lists and quotes follow markdown-it-py 4.3's rules, which a 4.4 may
    change: under any version but the one it follows, the shortcuts are off (simulated
    here, in a process of its own, by the version markdown-it says it is)."""
    import subprocess
    import sys

    code = "import markdown_it\nmarkdown_it.__version__ = '4.4.0'\n" + _BEFORE_4_3.split("\n", 2)[2].format(
        texts=_TEXTS[:3] + _TEXTS[-5:])
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr


@pytest.mark.parametrize("text", _TEXTS)
def test_markdown_its_own_states_give_the_same_tokens(text, monkeypatch):
    """As when Token's fields change: ``mdfast``'s parsers on markdown-it's own states."""
    monkeypatch.setattr(mdfast._ParserBlock, "_State", mdfast.StateBlock)
    monkeypatch.setattr(mdfast._ParserInline, "_State", mdfast.StateInline)
    _check(text)


_INLINE_PIECES = ["[", "]", "(", ")", "](", "[a](b)", "[a](/u v)", "![", "a", " ", "\\", "`", "<", ">", "<b>",
                  "<http://x.y>", "&amp;", "&", "*", "_", "~", ":", "-", "#", "\n", "  \n", "javascript:x",
                  "\"t\"", "é", "\x01", "](b)", "\\]", "`]`", "<a]>", "<a x=\"]\">"]


@settings(max_examples=int(os.environ.get("TRANSCHECK_PROPERTY_EXAMPLES") or 300), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_INLINE_PIECES), max_size=30).map("".join))
def test_inline_tokens_are_markdown_its(content):
    """The inline parser (rules chosen per character, simple links read by mdfast) gives
    markdown-it's children, field by field, in a paragraph or alone."""
    ours, theirs = parser.inline_tokens(content), _FULL.parseInline(content)[0].children
    assert [_whole(t) for t in ours] == [_whole(t) for t in theirs]
    _check(content + "\n")


def _metas(text: str) -> list:
    """The meta of every token ``parse`` gives for text, children included."""
    return [(t.type, t.meta, [(c.type, c.meta) for c in t.children or ()]) for t in parse(text)]


def _check_label_ends(text: str) -> None:
    """The spans parser notes on links and images (``mdfast.label_end`` for the label's end)
    are those it noted with markdown-it's ``parseLinkLabel``."""
    ours = _metas(text)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(mdfast, "label_end", lambda state, start: parseLinkLabel(state, start, True))
        theirs = _metas(text)
    assert ours == theirs


@pytest.mark.parametrize("text", _TEXTS)
def test_label_end_is_parse_link_label(text):
    _check_label_ends(text)


@settings(max_examples=int(os.environ.get("TRANSCHECK_PROPERTY_EXAMPLES") or 300), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_INLINE_PIECES + ["[" * 20, "]" * 3]), max_size=30).map("".join))
def test_label_end_is_parse_link_label_on_any_text(content):
    _check_label_ends(content)


def test_rules_at_stays_small():
    """The inline parser's rules per character are kept for a bounded number of characters
    (a text of 20,000 distinct ones, each after a terminator, cannot grow it past that)."""
    text = "[a](b) " + "-".join(chr(c) for c in range(0x4E00, 0x4E00 + 20_000)) + "\n"
    _check(text)
    assert len(parser.markdown().inline.rules_at()) <= mdfast._MOST_CHARACTERS


# pieces of block structure: tight and loose lists, quotes, fences, tables, headings and
# underlines, lazy continuations, HTML, references
_BLOCK_PIECES = ["text", "\n", "\n\n", " ", "  ", "    ", "\t", "- ", "* ", "+ ", "1. ", "2) ", "> ", ">", "# ",
                 "#", "=", "==", "-", "---", "***", "|", "| a |", "|-|", ":-", "-:", "```", "~~~", "<div>",
                 "<!-- ", "[a]: u", "\u00a0", "\x1c"]


@settings(max_examples=int(os.environ.get("TRANSCHECK_PROPERTY_EXAMPLES") or 300), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_BLOCK_PIECES), max_size=40).map("".join))
def test_block_state_is_markdown_its_on_block_structures(text):
    """A paragraph line made by the block loop before a line that ends it (an empty one,
    or one a terminator rule takes: ``mdfast._ends_paragraph``), in tight lists and
    quotes too, and the rest, leave the block state as markdown-it's rules do."""
    _check_block_state(text)
    _check(text)


def _inline_state(src: str, end: int, md, state_class) -> dict:
    """Every field of the inline state after ``md``'s inline parser tokenized src up to
    ``end`` (but md, and the memos: ``cache``, which markdown-it's ``parseLinkLabel``
    fills and ``mdfast.label_end`` does not need, and ``simple_label``)."""
    state = state_class(src, md, {}, [])
    state.posMax = end
    md.inline.tokenize(state)
    fields = dict(vars(state), pending=state.pending)  # the pending text, joined
    fields["tokens"] = [_whole(t) for t in fields.pop("tokens")]
    for name in ("md", "cache", "simple_label", "_pending", "_pending_buffer"):
        fields.pop(name, None)
    return fields


@settings(max_examples=int(os.environ.get("TRANSCHECK_PROPERTY_EXAMPLES") or 300), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_INLINE_PIECES + ["%", "a-b", "[a]", "[a *b*](c)", "[a\nb](c)", "[](c)"]),
                max_size=30).map("".join), st.integers(0, 60))
def test_inline_state_is_markdown_its(src, end):
    """``mdfast``'s inline tokenize (runs of characters only ``text`` reads added as
    pending text at once, simple links pushed by ``_StateInline.push_link``) leaves the
    state as markdown-it's: tokens, delimiters, the link_open's meta, levels, pending
    text; up to an end within the text too, at a character ``text`` reads past."""
    md = parser.markdown()
    end = min(end, len(src))
    assert _inline_state(src, end, md, md.inline._State) == _inline_state(src, end, _FULL, mdfast.StateInline)


def test_one_line_less_its_indent_is_get_lines():
    """``mdfast._line`` (a one-line paragraph's text less the block's indent) is
    ``getLines`` of the line, whatever its leading spaces and tabs, indent, ``tShift`` (as
    a list item or a quote sets it) and ``bsCount``: every line of up to 5 characters."""
    import itertools

    md = parser.markdown()
    for size in range(6):
        for chars in itertools.product(" \t-a", repeat=size):
            state = md.block._State("".join(chars) + "\n", md, {}, [])
            for indent, shift, bs in itertools.product(range(7), range(size + 1), range(4)):
                state.blkIndent, state.tShift[0], state.bsCount[0] = indent, shift, bs
                assert mdfast._line(state, 0) == state.getLines(0, 1, indent, False), (chars, indent, shift, bs)


def test_hr_is_tried_where_it_can_match():
    """``mdfast._hr`` returns False where markdown-it's ``hr`` does (at a line not
    ``_HR_LINE``), and what it returns elsewhere: every line of up to 6 characters of
    marks, spaces, tabs and a letter, indented or not."""
    import itertools

    from markdown_it.rules_block import hr

    md = parser.markdown()
    guarded = mdfast._hr(hr)
    for size in range(7):
        for chars in itertools.product("*-_ \ta", repeat=size):
            for indent in ("", "    "):
                state = md.block._State(indent + "".join(chars) + "\n", md, {}, [])
                assert guarded(state, 0, 1, True) == hr(state, 0, 1, True), chars


def _marks(text: str, state_class) -> dict:
    state = state_class(text, _FULL, {}, [])
    return {name: value for name, value in vars(state).items() if name != "md"}


def test_block_state_marks_are_markdown_its():
    """``mdfast._StateBlock`` computes a text's line marks as markdown-it's ``StateBlock``
    (every field): every text of up to 7 characters of space, tab, newline and a letter
    (a last line of spaces and tabs without a newline has no marks, tabs expand to the
    next multiple of 4 columns), and longer texts of block marks."""
    import itertools

    for size in range(8):
        for chars in itertools.product(" \t\na", repeat=size):
            text = "".join(chars)
            assert _marks(text, mdfast._StateBlock) == _marks(text, mdfast.StateBlock), text


@settings(max_examples=int(os.environ.get("TRANSCHECK_PROPERTY_EXAMPLES") or 300), deadline=None)
@given(st.text(alphabet=" \t\na#>-\u00a0\x0b\r", max_size=80))
def test_block_state_marks_are_markdown_its_on_any_text(text):
    assert _marks(text, mdfast._StateBlock) == _marks(text, mdfast.StateBlock)


_LIST_PIECES = ["- a", "- b c", "-", "- ", "-a", "- -", "- #", "- >", "- [x](y)", "- \ta", "-  a", "* a", "+ a", "1. a",
                " ", "  ", "   ", "    ", "\t", "text", "\n", "\n", "\n\n", "> ", "# h", "---", "|-|", "a | b", "==",
                ">\t", ">"]


@settings(max_examples=int(os.environ.get("TRANSCHECK_PROPERTY_EXAMPLES") or 300), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_LIST_PIECES), max_size=40).map("".join))
def test_block_state_is_markdown_its_on_lists(text):
    """A bullet list of simple items made by the block loop (``mdfast._dash_list``: tight
    and loose, ended by a line of another kind, or left to the rules: lazy lines, items
    continued or of another form, other markers, nested in quotes and items) leaves the
    block state and the tokens as markdown-it's rules do."""
    _check_block_state(text)
    _check(text)


_QUOTE_PIECES = ["> a", "> b c", "> ", ">", ">  a", ">\ta", "> #", "> - a", "> [x](y)", ">> a", "> > a", "a", " ", "   ",
                 "    ", "\t", "\n", "\n", "\n\n", "- a", "---", "|-|"]


@settings(max_examples=int(os.environ.get("TRANSCHECK_PROPERTY_EXAMPLES") or 300), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_QUOTE_PIECES), max_size=30).map("".join))
def test_block_state_is_markdown_its_on_quotes(text):
    """A one-line quote of prose made by the block loop (``mdfast._quote_line``), or left
    to the rules (lazy lines, quotes of several lines, of other blocks, nested, in lists),
    leaves the block state and the tokens as markdown-it's rules do."""
    _check_block_state(text)
    _check(text)


@pytest.mark.parametrize("shortcut, tried, text", [
    ("_dash_list", "_dashes", "Text:\n\n- one\n\n- two\n\nText:\n- one\n- two\n"),  # a loose and a tight list
    ("_quote_line", "_quotes", "Text:\n\n> a quote.\n\n> another\n"),  # two one-line quotes
])
def test_lists_and_quotes_of_prose_are_made_by_the_block_loop(monkeypatch, shortcut, tried, text):
    """The rules tried at a "-" (a ">") line are those ``_dash_list`` (``_quote_line``)
    stands for, and it makes the text's lists (quotes) of prose: else the shortcut would be
    gone without a word."""
    made = []
    function = getattr(mdfast, shortcut)
    monkeypatch.setattr(mdfast, shortcut, lambda *args: made.append(function(*args)) or made[-1])
    _check(text)
    assert getattr(parser.markdown().block, tried)
    assert made == [True, True]


@pytest.mark.parametrize("text", [">\t>\t- a\n", ">   >\t- a\n", "> 1. >\t- a\n", "> - >\t- a\n", ">\t> \t- a\n",
                                  ">\t>\t- a\n# h\n", ">\t>\t- a\n>\t>\t- b\n", "   \t- a\n   \t- b\n"])
def test_a_list_line_after_a_partly_used_tab_is_the_rules(text):
    """A "-" item whose line starts inside a tab a quote's marker has partly used: the list
    rule reads its text from another column than the block loop's shortcut would (found by
    review: the item's text lost its "- "), so the shortcut leaves it to the rules."""
    _check_block_state(text)


@pytest.mark.parametrize("content, links", [
    ("See [the terms](/terms/a) and [b](https://x.example/c?d=e#f).",
     ((4, 25, 14, "/terms/a"), (30, 60, 32, "https://x.example/c?d=e#f"))),
    ("*Emphasis*, _more_, a line\nbreak, &amp; an entity, wow! [a](/b)", ((56, 63, 58, "/b"),)),
    ("[a](/b%20c) [ä](/ä)", ((0, 11, 2, "/b%20c"), (12, 19, 14, "/%C3%A4"))),
    ("No link at all, only *emphasis*.", ()),
    ("An image ![a](/b) is not a link", None),
    ("A code span `x` and [a](/b)", None),
    ("Inline <b>HTML</b> and [a](/b)", None),
    ("An escape \\* and [a](/b)", None),
    ("A title [a](/b \"t\")", None),
    ("A reference [a] or [a][b]", None),
    ("A nested [a [b](/c)](/d)", None),
    ("A destination refused [a](javascript:x)", None),
])
def test_links_only_reads_a_text_whose_only_syntax_is_simple_links(content, links):
    """``links_only``: (start, end, label end, href) of each link where simple links are all
    the syntax the model reads (what else is there only emphasis, line breaks, entities and
    a ``!`` before no ``[``); None, so that the text is inline-parsed, where it holds more."""
    md = parser.markdown()
    assert md.inline.links_only(content, md) == links
    if links is not None:
        observed = [c for c in parser.inline_tokens(content) if "start" in c.meta]
        assert [(c.meta["start"], c.meta["end"], c.meta["label_end"], c.attrs["href"]) for c in observed] \
            == list(links)
