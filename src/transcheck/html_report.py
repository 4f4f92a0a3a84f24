"""``transcheck report --html``: one self-contained page that shows the versions side by side.

The page has an overview (totals, an inline SVG chart of findings per language and rule
family, the articles worst first) and, per article, a table with one column per
language and one row per aligned section (``align.py``). Each cell is the section's
Markdown rendered with raw HTML disabled, each finding highlighted in place and
explained in a numbered note under the cell (rule, message, how to fix). A section a
version lacks is a gap cell; a would-be heading (``##Höjdpunkter``) and missing bullets
are shown as gaps inside the cell.

Safety: every piece of article text reaches the page through markdown-it with HTML
disabled (which escapes it and drops ``javascript:`` links) or through ``html.escape``;
links are rendered as inert spans, images as their alt text. A Content-Security-Policy
allows only the page's own inline script (by hash) and styles, so even a mistake in
escaping would not run article text. The filters (by language, rule, sections with
findings) are that one small script; with scripts off the page shows everything.

Highlights: before a block is rendered, each finding's start and end are written into
its source as private-use characters (one pair per finding), moved out of places where
a character would change the parse (heading marks, list markers, link destinations);
after rendering they become ``<mark>`` elements, closed before every tag and reopened
after it so that the markup stays well nested.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate

from .align import Alignment, Cell, align
from .consensus import reference
from .result import Result
from .findings import Finding, Severity
from .model import Block, Version
from .report import FAMILIES, _worst, family

_FIRST_SENTINEL = 0xF0000  # Supplementary Private Use Area-A: start/end of finding k
_SENTINELS = re.compile("[\U000f0000-\U000ffffd]")
# Highlights per block that have sentinels (two each); further findings are listed under
# the cell without a highlight (their note is not linked), never given characters outside it.
MAX_MARKS = (0xFFFFD - _FIRST_SENTINEL + 1) // 2
_TAG = re.compile(r"(<[^<>]*>)")  # not [^>]*: a run of `<` would be rescanned from each one
_CLASS_TOKEN = re.compile(r"[^A-Za-z0-9_-]")
_FAMILY_COLORS = {"input": "#7f7f7f", "headings": "#1f77b4", "links": "#ff7f0e", "punctuation": "#2ca02c",
                  "lists": "#9467bd", "cross-version": "#d62728", "language": "#8c564b", "other": "#bcbd22"}


def escape(text: str) -> str:
    return html.escape(text, quote=True)


def _token(text: str) -> str:
    """A string safe as a class name or id part."""
    return _CLASS_TOKEN.sub("_", text) or "_"


# -- Markdown rendering -------------------------------------------------------------------
@lru_cache(maxsize=1)
def _markdown():
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")

    def link_open(self, tokens, idx, options, env):
        target = tokens[idx].attrGet("href") or ""
        return f'<span class="ln" title="{escape("→ " + target)}">'

    def link_close(self, tokens, idx, options, env):
        return "</span>"

    def image(self, tokens, idx, options, env):
        alt = self.renderInlineAsText(tokens[idx].children or [], options, env)
        src = tokens[idx].attrGet("src") or ""
        return f'<span class="img" title="{escape("image: " + src)}">[{escape(alt)}]</span>'

    md.add_render_rule("link_open", link_open)
    md.add_render_rule("link_close", link_close)
    md.add_render_rule("image", image)
    return md


def _references(version: Version) -> dict:
    """Link reference definitions of the whole file, so a block rendered alone resolves them."""
    text = version.source.text
    if "]:" not in text:
        return {}
    env: dict = {}
    _markdown().parse(text, env)
    return env.get("references", {})


# -- placing findings ---------------------------------------------------------------------
class _Snap:
    """Where a finding's start or end may be marked in one block: ``snap(offset, is_start)``
    moves ``offset`` to where a character can be inserted without changing the parse,
    inside the inline content of the block and outside link destinations (None when the
    block has no inline content: code, rules). Built once per block, then O(log n) per
    call, so a block with 100,000 links and as many findings is not quadratic."""

    def __init__(self, block: Block):
        spans = []
        for node in block.walk():
            for inline in node.inlines:
                for k, content_start in enumerate(inline.line_starts):
                    content_end = (inline.line_starts[k + 1] - 1 if k + 1 < len(inline.line_starts)
                                   else len(inline.content))
                    begin = inline.line_offsets[k]
                    spans.append((begin, begin + max(0, content_end - content_start), inline))
        spans.sort(key=lambda s: s[0])
        self.begins = [begin for begin, _, _ in spans]
        self.ends = [end for _, end, _ in spans]
        self.reach = list(accumulate(self.ends, max))  # the furthest end of the spans so far
        # Inside a destination, an autolink or a reference label a character would break the
        # link: the offsets [lo, hi) each link guards. Links nest (an image in a link's text),
        # so the guards are sorted by start, outermost first, and found by their running end.
        guards = []
        for inline in {id(inline): inline for _, _, inline in spans}.values():
            for link in inline.links:
                whole = link.kind in ("autolink", "reference")
                lo, hi = (link.start + 1, link.end) if whole else (link.text_end, link.end)
                if lo < hi:
                    guards.append((lo, -hi, link))
        guards.sort(key=lambda g: (g[0], g[1]))
        self.guard_starts = [lo for lo, _, _ in guards]
        self.guard_reach = list(accumulate((-minus_hi for _, minus_hi, _ in guards), max))
        self.guard_links = [link for _, _, link in guards]

    def __call__(self, offset: int, is_start: bool) -> int | None:
        begins, ends = self.begins, self.ends
        if not begins:
            return None
        if offset < begins[0]:
            offset = begins[0]
        elif offset > ends[-1]:
            offset = ends[-1]
        else:
            i = bisect_right(begins, offset) - 1
            if self.reach[i] < offset and i + 1 < len(begins):  # indentation between lines
                offset = begins[i + 1] if is_start else ends[i]
        k = bisect_right(self.guard_reach, offset)  # the first guard that reaches past offset
        if k < len(self.guard_starts) and self.guard_starts[k] <= offset:
            link = self.guard_links[k]
            return link.start if is_start else link.end
        return offset


@dataclass
class _Note:
    number: int  # shown: notes are numbered from 1 in each article
    finding: Finding
    anchor: str  # unique in the page: the article's anchor and the number
    placed: bool = False


@dataclass
class _CellView:
    notes: list[_Note] = field(default_factory=list)
    marks: dict[int, list[tuple[int, int, _Note]]] = field(default_factory=dict)  # block index -> marks


def _with_sentinels(text: str, base: int, marks: list[tuple[int, int, _Note]]) -> str:
    """``text`` (starting at file offset ``base``) with a start/end character per mark."""
    text = _SENTINELS.sub("\ufffd", text)
    inserts = []
    for k, (start, end, _) in enumerate(marks):
        if start == end:  # a point: its start right before its end (between the ends and starts there)
            inserts.append((start - base, 0.5, 2 * k, chr(_FIRST_SENTINEL + 2 * k)))
            inserts.append((end - base, 0.5, 2 * k + 1, chr(_FIRST_SENTINEL + 2 * k + 1)))
            continue
        inserts.append((end - base, 0, k, chr(_FIRST_SENTINEL + 2 * k + 1)))
        inserts.append((start - base, 1, -k, chr(_FIRST_SENTINEL + 2 * k)))
    # Ends before starts at one offset; later findings' starts first, so earlier ones nest outside.
    # (A point's end came before its start, so it was opened and never closed: 5,000 findings
    # at the end of a file nested 5,000 <mark> elements around the rest of the block.)
    inserts.sort(key=lambda i: (i[0], i[1], i[2]))
    out, last = [], 0
    for at, _, _, char in inserts:
        at = max(0, min(at, len(text)))
        out.append(text[last:at])
        out.append(char)
        last = at
    out.append(text[last:])
    return "".join(out)


def _marked(rendered: str, marks: list[tuple[int, int, _Note]]) -> str:
    """Rendered HTML with the sentinel characters turned into nested ``<mark>`` elements."""
    out: list[str] = []
    open_: list[int] = []  # mark indices open, outermost first
    shown: list[int] = []  # marks whose <mark> elements are open in ``out`` now
    seen: set[int] = set()

    def close_shown() -> None:
        out.append("</mark>" * len(shown))
        shown.clear()

    def open_missing() -> None:
        for k in open_:
            if k not in shown:
                note = marks[k][2]
                f = note.finding
                first = k not in seen
                seen.add(k)
                # the first piece carries the id and the message; the pieces reopened after a
                # tag only the classes (a message repeated at each of 100,000 links was 1.2 GB)
                if first:
                    out.append(f'<mark id="m-{note.anchor}" class="f sev-{f.severity.value} r-{_token(f.code)}" '
                               f'title="{escape(f"{f.code} {f.rule}: {f.message}")}">')
                else:
                    out.append(f'<mark class="f sev-{f.severity.value} r-{_token(f.code)}">')
                shown.append(k)

    for part in _TAG.split(rendered):
        if not part:
            continue
        if part.startswith("<"):
            close_shown()
            out.append(_SENTINELS.sub("", part))
            continue
        text_start = 0
        for m in _SENTINELS.finditer(part):
            chunk = part[text_start:m.start()]
            if chunk:
                open_missing()
                out.append(chunk)
            text_start = m.end()
            code = ord(m.group()) - _FIRST_SENTINEL
            k, is_end = code // 2, code % 2
            if k >= len(marks):
                continue
            note = marks[k][2]
            if not is_end:
                open_.append(k)
                note.placed = True
                continue
            if k in open_:
                if k not in seen:  # an empty span: a point marker
                    close_shown()
                    open_.remove(k)
                    seen.add(k)
                    f = note.finding
                    out.append(f'<mark id="m-{note.anchor}" class="f point sev-{f.severity.value} '
                               f'r-{_token(f.code)}" title="{escape(f"{f.code} {f.rule}: {f.message}")}">⁁</mark>')
                else:
                    close_shown()
                    open_.remove(k)
                out.append(f'<a class="fref r-{_token(note.finding.code)}" href="#f-{note.anchor}">'
                           f'{note.number}</a>')
        chunk = part[text_start:]
        if chunk:
            open_missing()
            out.append(chunk)
    close_shown()
    return "".join(out)


# -- the page -----------------------------------------------------------------------------
@dataclass
class _Counter:
    value: int = 0

    def next(self) -> int:
        self.value += 1
        return self.value


def _fix_hint(code: str) -> str:
    from .rules import find_rule
    from .rules.base import doc_section

    rule = find_rule(code)
    if rule is None:
        return ""
    first = re.split(r"(?<=[.!?])\s", doc_section(rule.doc, "Fix"), maxsplit=1)[0]
    return first.replace("``", "")


def anchor(slug: str, key: str = "") -> str:
    """The article's anchor in the page (``#a-<anchor>``): its slug made a safe id and a
    digest of its ``key`` (``Article.key``: the group its run formed it from, unique where
    slugs are not: two directories' ``intro/``), the same in every report whatever order
    the articles are rendered in."""
    digest = hashlib.sha1((key or slug).encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"{_token(slug)}-{digest}"


class _Page:
    """Renders articles one at a time; keeps only what the articles share (fix hints)."""

    def __init__(self):
        self.hints: dict[str, str] = {}
        self.references: dict[str, dict] = {}  # link reference definitions by path, read once per article
        self.snaps: dict[int, _Snap] = {}  # by id() of a block of the article being placed
        self.section_blocks: dict[int, tuple] = {}  # by id() of a section of that article

    # each article --------------------------------------------------------------------
    def article(self, alignment: Alignment, findings: list[Finding]) -> str:
        """The article's ``<section>``: its versions side by side, ``findings`` (its own, in
        the languages shown) highlighted and numbered from 1."""
        article = alignment.article
        self.anchor = anchor(article.slug, article.key)
        self.numbers = _Counter()
        versions = article.versions  # one column each, in the alignment's order (two may share a language)
        by_path: dict[str, list[Finding]] = {}
        for f in findings:
            by_path.setdefault(f.path, []).append(f)
        views: dict[tuple[int, int], _CellView] = {}  # (row, column) -> view; row -1 file, -2 front matter
        row_of_section = {}
        for r, row in enumerate(alignment.rows):
            for cell in row.cells:
                if cell is not None:
                    row_of_section[id(cell.section)] = (r, cell)
        for k, version in enumerate(versions):
            for f in sorted(by_path.get(version.path, []), key=lambda f: (f.offset, f.code)):
                self._place(f, version, k, row_of_section, views)
        self.snaps.clear()
        self.section_blocks.clear()
        counts = Counter(f.severity for f in findings)
        head = "".join(f'<th class="l-{_token(lang)}" scope="col">{escape(lang)}<br>'
                       f'<small>{escape(version.path)}</small></th>' for lang, version in zip(alignment.langs, versions))
        rows = []
        for key, label in ((-1, "file"), (-2, "meta")):
            if key == -2 and not any(v.front_matter for v in versions):
                continue
            if key == -1 and not any((key, k) in views for k in range(len(versions))):
                continue
            cells = "".join(self._special_cell(key, version, views.get((key, k))) for k, version in enumerate(versions))
            rows.append(self._row(label, cells, any((key, k) in views for k in range(len(versions)))))
        for r, row in enumerate(alignment.rows):
            cells = []
            for k, (lang, cell) in enumerate(zip(alignment.langs, row.cells)):
                if cell is None:
                    have = [c.lang for c in row.cells if c is not None]
                    cells.append(f'<td class="gap l-{_token(lang)}"><div class="gapnote">no counterpart of '
                                 f'this section in {escape(lang)} (present in {escape(", ".join(have))})</div></td>')
                else:
                    cells.append(self._cell(cell, row.cells, views.get((r, k))))
            dirty = any((r, k) in views for k in range(len(versions))) or any(c is None for c in row.cells)
            rows.append(self._row(str(r + 1), "".join(cells), dirty))
        summary = ", ".join(_plural(counts[s], s.value) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)
                            if counts[s]) or "no findings"
        self.references.clear()
        return (f'<section class="article" id="a-{self.anchor}"><h2>{escape(article.slug)} '
                f'<small>{escape(summary)}</small></h2>'
                f'<div class="scroll"><table class="sbs"><thead><tr><th scope="col">§</th>{head}</tr></thead>'
                f'<tbody>{"".join(rows)}</tbody></table></div>'
                f'<p class="back"><a href="#overview">↑ overview</a></p></section>')

    @staticmethod
    def _row(label: str, cells: str, dirty: bool) -> str:
        return f'<tr class="{"dirty" if dirty else "clean"}"><th scope="row">{escape(label)}</th>{cells}</tr>'

    def _place(self, f: Finding, version: Version, column: int, row_of_section: dict, views: dict) -> None:
        number = self.numbers.next()
        note = _Note(number, f, f"{self.anchor}-{number}")
        line = version.source.line_of(f.offset) if version.source.text else 0
        matter = version.front_matter
        if matter is not None and matter.first_line <= line <= matter.last_line:
            view = views.setdefault((-2, column), _CellView())
            view.notes.append(note)
            view.marks.setdefault(0, []).append((f.offset, max(f.offset, f.end_offset), note))
            return
        section = version.section_at(line)
        if section is None or id(section) not in row_of_section:
            views.setdefault((-1, column), _CellView()).notes.append(note)
            return
        r, _ = row_of_section[id(section)]
        view = views.setdefault((r, column), _CellView())
        view.notes.append(note)
        blocks, starts = self._blocks(section)
        b = bisect_right(starts, line) - 1
        if b >= 0 and blocks[b].start_line <= line < blocks[b].end_line:
            block = blocks[b]
            snap = self.snaps.get(id(block))
            if snap is None:
                snap = self.snaps[id(block)] = _Snap(block)
            start = snap(f.offset, True)
            end = snap(max(f.offset, f.end_offset), False)
            marks = view.marks.setdefault(b, [])
            if start is not None and end is not None and len(marks) < MAX_MARKS:
                marks.append((start, max(start, end), note))

    def _blocks(self, section) -> tuple[list[Block], list[int]]:
        """The blocks of a section (heading first) and their start lines, computed once."""
        found = self.section_blocks.get(id(section))
        if found is None:
            blocks = ([section.heading] if section.heading else []) + list(section.blocks)
            found = self.section_blocks[id(section)] = (blocks, [block.start_line for block in blocks])
        return found

    def _special_cell(self, key: int, version: Version, view: _CellView | None) -> str:
        lang = _token(version.lang)
        body = ""
        if key == -2 and version.front_matter is not None:
            source = version.source
            start = source.line_starts[version.front_matter.first_line]
            end = source.line_ends[min(version.front_matter.last_line, source.line_count - 1)]
            marks = view.marks.get(0, []) if view else []
            text = _with_sentinels(source.text[start:end], start, marks)
            body = f'<pre class="fm">{_marked(escape(text), marks)}</pre>'
        return f'<td class="l-{lang}">{body}{self._notes(view)}</td>'

    def _cell(self, cell: Cell, cells, view: _CellView | None) -> str:
        section, version = cell.section, cell.version
        blocks = ([section.heading] if section.heading else []) + list(section.blocks)
        env = {"references": self._refs(version)}
        parts = []
        if not section.well_formed:
            parts.append('<div class="gap gapnote">no heading here: the line below is text, not a heading</div>')
        last_list = max((b for b, block in enumerate(blocks) if block.kind == "list"), default=len(blocks) - 1)
        missing = self._missing_items(cell, cells)
        for b, block in enumerate(blocks):
            source = version.source
            start = source.line_starts[block.start_line]
            end = source.line_ends[max(block.start_line, min(block.end_line, source.line_count) - 1)]
            marks = view.marks.get(b, []) if view else []
            text = _with_sentinels(source.text[start:end], start, marks)
            parts.append(_marked(_markdown().render(text, dict(env)), marks))
            if b == last_list and missing:
                parts.append(f'<div class="gap gapnote">{escape(missing)}</div>')
        if not blocks and missing:
            parts.append(f'<div class="gap gapnote">{escape(missing)}</div>')
        return f'<td class="cell l-{_token(version.lang)}" lang="{escape(version.lang)}">{"".join(parts)}' \
               f'{self._notes(view)}</td>'

    def _refs(self, version: Version) -> dict:
        if version.path not in self.references:
            self.references[version.path] = _references(version)
        return self.references[version.path]

    @staticmethod
    def _missing_items(cell: Cell, cells) -> str:
        values = {c.lang: c.items for c in cells if c is not None}
        ref = reference(cell.lang, values)
        if ref is None or ref.value <= cell.items:
            return ""
        n = ref.value - cell.items
        return f"{n} bullet{'s' if n != 1 else ''} fewer here: {cell.items} here; {ref.value} in {ref.who}"

    def _notes(self, view: _CellView | None) -> str:
        if not view or not view.notes:
            return ""
        items = []
        for note in view.notes:
            f = note.finding
            if f.code not in self.hints:
                self.hints[f.code] = _fix_hint(f.code)
            hint = self.hints[f.code]
            where = f"{f.line}:{f.column}"
            anchor = f'<a href="#m-{note.anchor}">{where}</a>' if note.placed else where
            items.append(f'<li id="f-{note.anchor}" class="note sev-{f.severity.value} r-{_token(f.code)}" '
                         f'value="{note.number}">{anchor} <b>{escape(f.severity.value)} {escape(f.code)} '
                         f'{escape(f.rule)}</b>: {escape(f.message)}'
                         + (f' <span class="hint">Fix: {escape(hint)}</span>' if hint else "") + "</li>")
        return f'<ol class="notes">{"".join(items)}</ol>'


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 or noun == 'info' else 's'}"


def _chart(tally: Counter) -> str:
    """Stacked bars: one per language, one colour per rule family (inline SVG), from the
    number of findings per (language, family)."""
    langs = sorted({lang for lang, _ in tally})
    present = {name for _, name in tally}
    families = [name for name in list(FAMILIES.values()) + ["other"] if name in present]
    counts = {lang: Counter({name: n for (x, name), n in tally.items() if x == lang}) for lang in langs}
    top = max((sum(c.values()) for c in counts.values()), default=1) or 1
    bar_h, gap, label_w, width = 22, 8, 48, 520
    height = len(langs) * (bar_h + gap) + 40
    parts = [f'<svg class="chart" role="img" viewBox="0 0 {label_w + width + 60} {height}" '
             f'width="{label_w + width + 60}" height="{height}" xmlns="http://www.w3.org/2000/svg">'
             f'<title>Findings per language and rule family</title>']
    for i, lang in enumerate(langs):
        y = i * (bar_h + gap)
        parts.append(f'<text x="0" y="{y + bar_h - 6}">{escape(lang)}</text>')
        x = label_w
        for name in families:
            n = counts[lang][name]
            if not n:
                continue
            w = max(1.0, n / top * width)
            parts.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar_h}" '
                         f'fill="{_FAMILY_COLORS[name]}"><title>{escape(f"{lang}: {n} {name}")}</title></rect>')
            x += w
        parts.append(f'<text x="{x + 6:.1f}" y="{y + bar_h - 6}">{sum(counts[lang].values())}</text>')
    x, y = 0, len(langs) * (bar_h + gap) + 16
    for name in families:
        parts.append(f'<rect x="{x}" y="{y - 10}" width="12" height="12" fill="{_FAMILY_COLORS[name]}"/>'
                     f'<text x="{x + 16}" y="{y}">{escape(name)}</text>')
        x += 24 + 8 * len(name)
    parts.append("</svg>")
    return "".join(parts)


_SCRIPT = """(function () {
  document.documentElement.setAttribute("data-js", "on");
  var form = document.getElementById("filters");
  if (!form) return;
  form.hidden = false;
  form.addEventListener("change", function (event) {
    var box = event.target;
    if (!box.name) return;
    var name = box.name === "only" ? "only-findings" : "hide-" + box.name + "-" + box.value;
    document.body.classList.toggle(name, box.name === "only" ? box.checked : !box.checked);
  });
})();"""

_STYLE = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 1.5rem 3rem;color:#1b1b1b;background:#fff}
h1{font-size:1.5rem;margin:1rem 0 .5rem}h2{font-size:1.2rem;margin:2rem 0 .5rem}h2 small{font-weight:normal;color:#555}
.totals{display:flex;gap:1.5rem;flex-wrap:wrap;margin:.5rem 0 1rem}.totals div{font-size:1.1rem}
.totals b{font-size:1.5rem;display:block}
.chart text{font-size:12px;fill:#222}
table{border-collapse:collapse}.articles td,.articles th{padding:.15rem .6rem;text-align:left;border-bottom:1px solid #ddd}
.articles td.n{text-align:right}
.scroll{overflow-x:auto}
.sbs{table-layout:fixed;width:100%;min-width:60rem}
.sbs th,.sbs td{border:1px solid #ccc;vertical-align:top;padding:.3rem .5rem;overflow-wrap:anywhere}
.sbs thead th{background:#f3f3f3;position:sticky;top:0}.sbs thead th small{font-weight:normal;color:#666}
.sbs th[scope=row]{width:2.6rem;color:#666;font-weight:normal;background:#fafafa}
.sbs thead th:first-child{width:2.6rem}
.sbs td h1,.sbs td h2,.sbs td h3,.sbs td h4{font-size:1rem;margin:.2rem 0}
.sbs td p{margin:.3rem 0}.sbs td ul,.sbs td ol{padding-left:1.3rem;margin:.3rem 0}
.ln{color:#0645ad;text-decoration:underline}.img{color:#666;font-style:italic}
.gap{background:repeating-linear-gradient(45deg,#fff,#fff 6px,#f1f1f1 6px,#f1f1f1 12px)}
.gapnote{color:#666;font-style:italic;font-size:.85rem;border:1px dashed #aaa;padding:.2rem .4rem;margin:.2rem 0}
mark.f{border-radius:2px;padding:0 1px}
mark.sev-error{background:#ffc9c9;box-shadow:inset 0 -2px #d00}
mark.sev-warning{background:#ffe8a3;box-shadow:inset 0 -2px #c90}
mark.sev-info{background:#d4ecff;box-shadow:inset 0 -2px #08c}
mark.point{font-weight:bold;color:#d00}
a.fref{font-size:.7rem;vertical-align:super;text-decoration:none;margin-left:1px}
ol.notes{font-size:.82rem;margin:.4rem 0 0;padding-left:1.6rem;border-top:1px solid #ddd}
ol.notes li{margin:.15rem 0}li.sev-error b{color:#b00}li.sev-warning b{color:#8a6000}li.sev-info b{color:#06c}
.hint{color:#444;font-style:italic}
pre.fm{white-space:pre-wrap;font-size:.8rem;margin:0}
#filters{border:1px solid #ddd;padding:.4rem .7rem;margin:1rem 0;font-size:.9rem}
#filters fieldset{border:0;display:inline;margin:0 1rem 0 0;padding:0}
.article{content-visibility:auto;contain-intrinsic-size:auto 60rem}
.only-findings tr.clean{display:none}
@media (prefers-color-scheme:dark){body{background:#161616;color:#ddd}.sbs thead th,.sbs th[scope=row]{background:#222}
.gap{background:repeating-linear-gradient(45deg,#161616,#161616 6px,#242424 6px,#242424 12px)}mark.f{color:#111}
.ln{color:#8ab4f8}.chart text{fill:#ddd}}
"""


def shown(findings, langs: tuple[str, ...]):
    """The findings in the languages the page shows (all when ``langs`` is empty), as an
    iterable read as often as needed (a streamed run's are on disk: not copied to a list)."""
    return _Shown(findings, langs) if langs else findings


@dataclass
class _Shown:
    findings: object
    langs: tuple[str, ...]

    def __iter__(self):
        return (f for f in self.findings if f.lang in self.langs)


def articles_html(result: Result, langs: tuple[str, ...] = (), select=None) -> list[tuple[str, str, tuple, str]]:
    """(slug, key, languages, ``<section>``) of each article of ``result``, rendered where it
    was checked (a worker of a streamed report: ``parallel.Settings.html``), so that no
    process keeps the articles; ``select``: the configuration's filter the parent applies."""
    by_path = _by_path(shown(select(result.findings) if select else result.findings, langs))
    page = _Page()
    return [(article.slug, article.key, tuple(article.langs), page.article(
                result.alignments.get(id(article)) or align(article),
                [f for v in article.versions for f in by_path.get(v.path, ())]))
            for article in result.articles]


def _by_path(findings) -> dict[str, list[Finding]]:
    """The findings of each path (a path is in one article; a slug may name two)."""
    out: dict[str, list[Finding]] = {}
    for f in findings:
        out.setdefault(f.path, []).append(f)
    return out


def html_report(result: Result, langs: tuple[str, ...] = (), progress=None) -> str:
    """The whole page as a string, from a result that kept its articles."""
    by_slug: dict[str, list] = {}
    for article in sorted(result.articles, key=lambda a: a.key):
        by_slug.setdefault(article.slug, []).append(article)
    findings = shown(result.findings, langs)
    by_path = _by_path(findings)
    page = _Page()
    order = page_order(findings, by_slug)
    done = Counter()

    def sections(slug: str) -> str:
        done["articles"] += 1
        if progress:
            progress(done["articles"], len(order))
        return "".join(page.article(result.alignments.get(id(article)) or align(article),
                                    [f for v in article.versions for f in by_path.get(v.path, ())])
                       for article in by_slug[slug])

    return "".join(page_pieces(findings, order, {slug: [(a.key, a.langs) for a in articles]
                                                 for slug, articles in by_slug.items()},
                               sections, result.files, len(result.articles)))


def page_order(findings, slugs) -> list[str]:
    """The articles in page order: worst first (``report._worst``), then the others by slug."""
    order = [slug for slug, _ in _worst(findings) if slug in slugs]
    return order + sorted(set(slugs) - set(order))


def page_pieces(findings, order: list[str], articles: dict, sections, files: int, article_count: int):
    """The page in pieces, in order: the overview of ``findings`` (those shown), then
    ``sections(slug)`` for each slug of ``order`` (one at a time, so a caller can read each
    from disk as it is written out: the sections of the articles of that slug).
    ``articles``: each slug's articles as (key, languages), in the order shown."""
    counts: Counter = Counter()
    tally: Counter = Counter()  # (language, rule family) -> findings, for the chart
    per_article: dict[str, Counter] = {}
    rules_present = set()
    for f in findings:  # once: a streamed run's findings are read back from disk
        counts[f.severity] += 1
        tally[f.lang or "?", family(f)] += 1
        per_article.setdefault(f.article, Counter())[f.severity] += 1
        rules_present.add((f.code, f.rule))
    rules_present = sorted(rules_present)
    total = sum(counts.values())
    langs_present = sorted({lang for found in articles.values() for _, langs in found for lang in langs})
    listing = []
    for slug in order:
        c = per_article.get(slug, Counter())
        first_key = articles[slug][0][0]
        versions = "; ".join(" ".join(langs) for _, langs in articles[slug])
        listing.append(f'<tr><td><a href="#a-{anchor(slug, first_key)}">{escape(slug)}</a></td>'
                       f'<td class="n">{c[Severity.ERROR]}</td><td class="n">{c[Severity.WARNING]}</td>'
                       f'<td class="n">{c[Severity.INFO]}</td><td>{escape(versions)}</td></tr>')
    style = _STYLE + "".join(f".hide-l-{_token(lang)} .l-{_token(lang)}{{display:none}}" for lang in langs_present)
    style += "".join(f".hide-r-{_token(code)} mark.r-{_token(code)}{{background:none;box-shadow:none}}"
                     f".hide-r-{_token(code)} li.r-{_token(code)},.hide-r-{_token(code)} a.r-{_token(code)}"
                     f"{{display:none}}" for code, _ in rules_present)
    digest = base64.b64encode(hashlib.sha256(_SCRIPT.encode()).digest()).decode()
    csp = (f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{digest}'; img-src data:; "
           f"base-uri 'none'; form-action 'none'")
    filters = ('<form id="filters" hidden><fieldset><legend>Languages</legend>'
               + "".join(f'<label><input type="checkbox" name="l" value="{_token(lang)}" checked> {escape(lang)}'
                         f'</label> ' for lang in langs_present)
               + '</fieldset><fieldset><legend>Rules</legend>'
               + "".join(f'<label title="{escape(rule)}"><input type="checkbox" name="r" value="{_token(code)}" '
                         f'checked> {escape(code)} {escape(rule)}</label> ' for code, rule in rules_present)
               + '</fieldset><label><input type="checkbox" name="only" value="1"> only sections with findings'
                 '</label></form>')
    totals = (f'<div class="totals"><div><b>{total}</b>findings</div>'
              f'<div><b>{counts[Severity.ERROR]}</b>errors</div><div><b>{counts[Severity.WARNING]}</b>warnings</div>'
              f'<div><b>{counts[Severity.INFO]}</b>infos</div><div><b>{article_count}</b>articles</div>'
              f'<div><b>{files}</b>files</div></div>')
    listing_table = ('<table class="articles"><thead><tr><th>article</th><th>errors</th><th>warnings</th>'
                     f'<th>infos</th><th>versions</th></tr></thead><tbody>{"".join(listing)}</tbody></table>')
    yield ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
           f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
           '<meta name="viewport" content="width=device-width, initial-scale=1">'
           f"<title>transcheck report</title><style>{style}</style></head><body>"
           f'<header id="overview"><h1>transcheck report</h1>{totals}'
           f'{_chart(tally) if total else "<p>No findings.</p>"}{filters}'
           f"<h2>Articles, worst first</h2>{listing_table}</header><main>")
    for slug in order:
        yield sections(slug)
    yield f"</main><script>{_SCRIPT}</script></body></html>\n"
