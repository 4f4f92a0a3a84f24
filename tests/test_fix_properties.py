"""Property tests of `transcheck fix` on generated Markdown that has every fixable defect.

Documents are built from front matter (or none), headings, paragraphs, lists, quotes and
code blocks that hold the defects the safe fixes remove (`##Rubrik`, `,.`, ` .`,
`[ text](/x)`, `[a](/x) [b](/x)`, `– item`, and `2018 .` whose fix must be refused), with LF, CRLF or mixed line endings, with
or without a BOM and a final newline. Whatever the document, fixing it must keep every
byte outside the edits, the front matter, the BOM, the final newline, the code, the
reader's words and the lines; it must be idempotent; and it must leave no safe fix.
"""

from __future__ import annotations

import html
import os
import re
from collections import Counter

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from transcheck import fixer
from transcheck.document import build_version
from transcheck.engine import check_version
from transcheck.findings import Applicability
from transcheck.model import Article
from transcheck.rules import CHECK_RULES
from transcheck.source import SourceText

from .test_fix import replay

SAFE = fixer.fixing_rules(CHECK_RULES, unsafe=False)
# 200 examples keep the quick suite quick; TRANSCHECK_PROPERTY_EXAMPLES=20000 (.ci/run's fuzz
# step; TRANSCHECK_FIX_EXAMPLES is the older name) for a longer search
EXAMPLES = int(os.environ.get("TRANSCHECK_PROPERTY_EXAMPLES") or os.environ.get("TRANSCHECK_FIX_EXAMPLES") or "200")
PROPERTY = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

WORDS = ("optimering", "sociala", "medier", "kampanj", "varumärke", "kunder", "räckvidd", "Xetra", "DAX",
         "sosiaalinen", "näkyvyyttä", "społeczność", "łączy", "się", "þjónusta", "æðislegt", "ðetta",
         "маркетинг", "продвижение", "Ёлка")
word = st.sampled_from(WORDS)
target = st.sampled_from(("/x", "/social-media", "/viral-marketing"))


@st.composite
def phrase(draw, min_size=1, max_size=4):
    return " ".join(draw(st.lists(word, min_size=min_size, max_size=max_size)))


@st.composite
def defect(draw):
    """One inline defect (or a clean piece of text)."""
    a, b, t = draw(phrase()), draw(phrase()), draw(target)
    return draw(st.sampled_from([
        f"{a} [{b}]({t}),. {a}",           # stray-punctuation
        f"{a},, {b}",                       # doubled comma
        f"{a},, . {b}",                     # `,.` appears once these are fixed: a second pass
        f"{a} , {b}",                       # space-before-punctuation
        f"{a} ( {b} )",                     # spaces inside brackets
        f"{a}[ {b}]({t}) {a}",              # link-text-spacing, leading
        f"{a} [{b} ]({t}){a}",              # trailing
        f"{a} [{b} .]({t}) {a}",            # a mark spaced off inside the link
        f"{a} [{b} -]({t}) {a}",            # a compound's hyphen
        f"{a} [{a}]({t}) [{b}]({t}) {b}",   # link-split
        f"{a} [{b}]({t}) {a}",              # clean
        f"{a} `{b} ,. ##x` {a}",            # defects inside a code span stay
        f"{a} «{b}» – {a} — „{b}” {a}…",    # the five languages' quotes and dashes, clean
        f"{a} « {b} » {a}",                 # spaces inside guillemets
        f"{a} „{b}“ ,{a}",                  # a comma spaced off after a Polish quote
        f"{a} [{b}]({t}) … ({a} )",         # an ellipsis, a space before `)`
    ]))


@st.composite
def paragraph(draw):
    parts = draw(st.lists(defect(), min_size=1, max_size=3))
    text = ". ".join(parts)
    return text[0].upper() + text[1:] + "."


@st.composite
def block(draw):
    kind = draw(st.sampled_from(["para", "para", "heading", "would-be", "list", "dash-run", "intro-dashes",
                                 "quote", "fence", "year"]))
    title = draw(phrase(1, 3)).capitalize()
    if kind == "para":
        return [draw(paragraph())]
    if kind == "heading":
        return [f"## {title}"]
    if kind == "would-be":
        return [f"{'#' * draw(st.integers(2, 4))}{title}"]
    if kind == "list":
        items = [f"- {draw(paragraph())}" for _ in range(draw(st.integers(1, 3)))]
        loose = draw(st.booleans())
        dash = [f"{draw(st.sampled_from(['–', '—', '•']))} {draw(paragraph())}"] if draw(st.booleans()) else []
        lines = []
        for item in items + dash:
            lines += [item, ""] if loose or item in dash else [item]
        return lines[:-1] if lines[-1] == "" else lines
    if kind == "dash-run":
        return [line for _ in range(draw(st.integers(2, 3))) for line in (f"– {draw(paragraph())}", "")][:-1]
    if kind == "intro-dashes":
        return [f"{title}:"] + [f"• {draw(paragraph())}" for _ in range(draw(st.integers(2, 3)))]
    if kind == "year":  # removing the space would make `2018.` a list number: the fix is refused
        return [f"{draw(st.integers(2, 2030))} . {draw(paragraph())}"]
    if kind == "quote":
        return [f"> {draw(paragraph())}", f"> ##{title}"]
    return ["```", f"##{title} {draw(paragraph())}", "– kod ,. [a ](/x)", "```"]


@st.composite
def document(draw):
    lines: list[str] = []
    if draw(st.booleans()):
        lines += ["---", f"title: {draw(phrase())}", "# a comment", "keywords: [b,  a]", "---", ""]
    blocks = draw(st.lists(block(), min_size=1, max_size=6))
    for k, b in enumerate(blocks):
        lines += b + ([""] if k < len(blocks) - 1 else [])
    style = draw(st.sampled_from(["\n", "\r\n", "\r", "mixed"]))
    ends = [style] * len(lines) if style != "mixed" else [draw(st.sampled_from(["\n", "\r\n", "\r"]))
                                                           for _ in lines]
    final = draw(st.booleans())
    text = "".join(line + end for line, end in zip(lines, ends))
    if not final:
        text = text[: -len(ends[-1])]
    bom = draw(st.booleans())
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")


def fix(data: bytes) -> fixer.FileFix:
    version = build_version(SourceText.from_bytes(data, "sv.md"), "sv")
    return fixer.fix_article(Article("a", (version,)), SAFE, {"sv.md"}).files["sv.md"]


_NEWLINE = re.compile(r"\r\n|\r|\n")
_MD = MarkdownIt("commonmark").enable("table")


def _words(text: str) -> str:
    """The letters and digits a reader sees, in order (front matter and markup dropped)."""
    body = re.sub(r"\A---(?:\r\n|\r|\n).*?(?:\r\n|\r|\n)---(?:\r\n|\r|\n|\Z)", "", text, flags=re.S)
    rendered = html.unescape(re.sub(r"<[^>]+>", " ", _MD.render(body)))
    return "".join(ch for ch in rendered if ch.isalnum())


@PROPERTY
@given(document())
def test_fixing_generated_markdown(data):
    file = fix(data)
    event(f"{len(file.applied) and 'fixed' or 'nothing to fix'}, {len(file.passes)} passes"
          + (", refused" if file.refused else ""))
    _bytes_outside_the_edits_bom_front_matter_final_newline_and_code_are_kept(data, file)
    _lines_and_the_readers_words_are_kept(file)
    _the_structure_changes_only_as_the_fixes_intend(file)
    _idempotent_and_no_safe_fix_left(file)


def _bytes_outside_the_edits_bom_front_matter_final_newline_and_code_are_kept(data, file):
    out = file.encoded()
    assert replay(file) == file.text
    assert out.startswith(b"\xef\xbb\xbf") == data.startswith(b"\xef\xbb\xbf")
    assert out.endswith((b"\n", b"\r")) == data.endswith((b"\n", b"\r"))
    original = file.original.text
    if original.startswith("---"):
        end = [m.end() for m in _NEWLINE.finditer(original)][4]  # the closing `---` line
        assert file.text[:end] == original[:end]
    for fence in re.findall(r"```.*?```", original, flags=re.S):
        assert fence in file.text


def _lines_and_the_readers_words_are_kept(file):
    before, after = file.original.text, file.text
    nonblank = [line for line in _NEWLINE.split(before) if line.strip(" >")]
    assert len([line for line in _NEWLINE.split(after) if line.strip(" >")]) == len(nonblank)
    kinds_before, kinds_after = Counter(_NEWLINE.findall(before)), Counter(_NEWLINE.findall(after))
    assert all(kinds_after[k] >= n for k, n in kinds_before.items())  # only blank lines are added
    assert _words(after) == _words(before)


def _the_structure_changes_only_as_the_fixes_intend(file):
    before = fixer.structure(build_version(file.original, "sv"))
    after = fixer.structure(build_version(SourceText(file.text, bom=file.original.bom), "sv"))
    intended = Counter()
    for finding in file.applied:
        for feature, delta in finding.fix.structure:
            intended[feature] += delta
    changed = {k: after[k] - before[k] for k in set(after) | set(before) if after[k] != before[k]}
    assert changed == {k: v for k, v in intended.items() if v}


def _idempotent_and_no_safe_fix_left(file):
    again = fix(file.encoded())
    assert not again.changed and again.encoded() == file.encoded()
    if not file.refused and file.note is None:
        version = build_version(SourceText.from_bytes(file.encoded(), "sv.md"), "sv")
        left = [f for f in check_version(version, "a", SAFE)
                if f.fix is not None and f.fix.applicability is Applicability.SAFE]
        assert not left, [f.message for f in left]


# -- check: every finding lies inside the file, where it says (issue #9) ---------------------------
SIBLING = ("---\ntitle: Sociala medier\n---\n\n# Sociala medier\n\nOptimering av [sociala medier](/x) ger "
           "räckvidd «citat» – 2018.\n\n## Exempel\n\n- Kampanj\n- Varumärke [DAX](/viral-marketing)\n")


@PROPERTY
@given(document(), st.sampled_from(["fi", "sv", "pl", "is", "ru"]))
def test_findings_on_generated_markdown_lie_in_the_file(data, lang):
    from transcheck.engine import check_article
    from transcheck.rules import VERSION_RULES

    source = SourceText.from_bytes(data, f"{lang}.md")
    version = build_version(source, lang)
    other = build_version(SourceText(SIBLING, "en.md"), "en")
    findings = check_version(version, "a", VERSION_RULES)
    findings += check_article(Article("a", (version, other)), CHECK_RULES, {version.path})
    assert not [f.message for f in findings if f.rule == "internal-error"]
    text = source.text
    for f in findings:
        assert f.path == version.path
        assert 0 <= f.offset <= f.end_offset <= len(text), f
        assert source.position(f.offset) == (f.line, f.column), f
        assert source.position(f.end_offset) == (f.end_line, f.end_column), f
        assert 1 <= f.line <= source.line_count and 1 <= f.column <= len(source.line(f.line - 1)) + 1, f
        if f.fix is not None:
            for edit, (line, column, end_line, end_column) in zip(f.fix.edits, f.fix_positions):
                assert 0 <= edit.start <= edit.end <= len(text), f
                assert source.position(edit.start) == (line, column), f
                assert source.position(edit.end) == (end_line, end_column), f
