"""Inline content is parsed only where the model reads its tokens (``parser.observable``);
what reads the other inlines' tokens (the fixer's structure count) still sees them."""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt

from transcheck import fixer
from transcheck.document import build_version
from transcheck.parser import inline_tokens, observable
from transcheck.source import SourceText

_PLAIN = [
    "Plain *emphasis* and **strong** text  \nafter a hard break.",
    "Escapes \\* and entities &amp; &#35; stay text; _under_ and ***both***.",
    "A backslash break\\\nand a soft one\nhere.",
    "",
]


def _types(tokens) -> list[str]:
    return [t.type for t in tokens if t.type != "text"]


@pytest.mark.parametrize("content", _PLAIN)
def test_unparsed_content_gets_the_tokens_markdown_it_gives_it(content):
    assert not observable(content)
    full = MarkdownIt("commonmark").parseInline(content)[0].children
    assert _types(inline_tokens(content)) == _types(full)
    assert "".join(t.content for t in inline_tokens(content) if t.type == "text") == \
        "".join(t.content for t in full if t.type == "text")


def test_fix_structure_counts_emphasis_and_breaks_in_paragraphs_without_links():
    text = "# Title\n\nPlain *emphasis* and **strong** text  \nafter a break.\n\nA [link](x) and *one more*.\n"
    counts = fixer.structure(build_version(SourceText(text, "x.md"), "en"))
    assert counts["emphasis"] == 2
    assert counts["strong emphasis"] == 1
    assert counts["line break"] == 1
    assert counts["link"] == 1


def test_the_model_keeps_links_code_and_html_of_observable_inlines():
    text = "Text with [a link](https://x.example), `code`, <b>html</b> and <https://auto.example>.\n"
    version = build_version(SourceText(text, "x.md"), "en")
    (_, inline), = version.inlines()
    assert [link.kind for link in inline.links] == ["inline", "autolink"]
    assert len(inline.code_spans) == 1
    assert "html_inline" in _types(inline_tokens(inline.content, version.references))


def test_an_inline_parsed_again_resolves_the_files_reference_links():
    # the model keeps no tokens: the fixer and the suppression reader parse an inline again,
    # with the file's reference definitions, and must see the links its parse saw
    text = "See [the guide][g] and [plain](/x).\n\n[g]: /guide\n"
    version = build_version(SourceText(text, "x.md"), "en")
    (_, inline), = version.inlines()
    assert version.references
    again = _types(inline_tokens(inline.content, version.references))
    assert again.count("link_open") == 2 == len(inline.links)
    assert _types(inline_tokens(inline.content)).count("link_open") == 1  # without them, [g] is text
