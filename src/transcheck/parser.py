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
Nor is content whose only inline syntax is simple links (``[label](destination)``, no
code span, HTML, image or escape: nearly every paragraph with a link): ``mdfast``'s
``links_only`` reads its links, which the inline token keeps in ``meta["links"]`` as
(start, end, label end, href), children left empty (2,000 files: the parse 235 to 150 us
a file). ``inline_tokens`` parses such content on demand (the fixer counts its emphasis).

Work markdown-it would do for nothing is left out, with the same tokens as a result:
the core ``normalize`` rule does not rewrite a text that has no ``\r`` or NUL;
``text_join`` is run on the inline-parsed tokens only, in the same pass. ``mdfast``
leaves out more, whatever the text. (Block rules whose opening characters a text lacks
were once disabled for it, at the cost of eleven scans of the text; since ``mdfast``
tries a rule only at a line it can start, that saved less than the scans cost.)
"""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.rules_core.normalize import normalize
from markdown_it.rules_core.text_join import text_join
from markdown_it.token import Token

from . import mdfast

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
                    label_end = mdfast.label_end(state, label_start - 1)
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
    """markdown-it's core ``inline`` and ``text_join`` rules, for the inline tokens whose
    content is ``observable`` only (the others keep empty children, which ``text_join``
    would replace with new empty lists): one pass over the tokens, not two. ``text_join``
    turns ``text_special`` tokens into text and joins them to the text around: it runs
    on the content that can make one (an escape's backslash, an entity's ``&``) only;
    elsewhere the inline parse left no two text tokens side by side (``mdfast``'s tests
    hold the children to markdown-it's)."""
    md = state.md
    links_only = getattr(md.inline, "links_only", None)  # mdfast's, when it is in use
    parsed = []
    for token in state.tokens:
        if token.type == "inline":
            content = token.content
            if "[" in content or "`" in content or "<" in content:  # observable(content)
                if token.children is None:
                    token.children = []
                if "[" in content and links_only is not None:
                    found = links_only(content, md)
                    if found is not None:
                        token.meta["links"] = found
                        continue
                md.inline.parse(content, md, state.env, token.children)
                if "\\" in content or "&" in content:
                    parsed.append(token)
    tokens, state.tokens = state.tokens, parsed
    try:
        text_join(state)
    finally:
        state.tokens = tokens


def _normalize(state) -> None:
    """markdown-it's core ``normalize`` (line endings to ``\\n``, NUL to U+FFFD), which
    otherwise rebuilds every text with a substitution per line: only when there is
    something to change (the text transcheck parses has ``\\n`` line endings already)."""
    if "\r" in state.src or "\0" in state.src:
        normalize(state)


@lru_cache(maxsize=None)
def markdown() -> MarkdownIt:
    """The configured parser (built once per process)."""
    md = mdfast.MarkdownIt("commonmark")
    md.enable("table")
    for name in _OBSERVED:
        rule = next(r.fn for r in md.inline.ruler.__rules__ if r.name == name)
        md.inline.ruler.at(name, _observe(name, rule))
    md.core.ruler.at("normalize", _normalize)
    md.core.ruler.at("inline", _inline_where_observable)
    md.core.ruler.disable("text_join")  # done by _inline_where_observable
    return md


def inline_tokens(content: str, references: dict | None = None) -> list[Token]:
    """The inline tokens of an inline's content as the file's parse made them (or would
    have, for content it left unparsed: not ``observable``), with the file's link
    reference definitions (``Version.references``): markdown-it's inline parse, with the
    observed tokens' places (``_observe``), and its ``text_join``. The model keeps no
    tokens: the few readers of them (the fixer's structure counts, suppression
    directives in inline HTML) parse again."""
    from markdown_it.rules_core.state_core import StateCore

    md = markdown()
    env = {"references": references} if references else {}
    token = Token("inline", "", 0, content=content, children=[])
    md.inline.parse(content, md, env, token.children)
    state = StateCore(content, md, env)
    state.tokens = [token]
    text_join(state)
    return token.children


def parse(text: str, env: dict | None = None) -> list[Token]:
    """Parse Markdown text (front matter already blanked) into the block token stream;
    ``env`` gets markdown-it's environment (its link reference definitions)."""
    return markdown().parse(text, env)
