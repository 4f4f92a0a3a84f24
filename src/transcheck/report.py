"""``transcheck report``: the translators' report, in the terminal and as Markdown.

The terminal report has a summary table per language (findings by rule family), the
articles worst first, and per article its aligned sections with each finding in
context: the source line, a caret under the span, the rule and the message (which
names what the other versions have). Colours only on a terminal and without
``NO_COLOR``. The Markdown report is a summary short enough for one pull-request
comment. The side-by-side HTML page is ``html_report.py``.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Iterator, NamedTuple

from .result import Result
from .findings import Finding, Severity

# Rule families by the first digit of the code (TC1xx headings, TC2xx links, ...).
FAMILIES = {"0": "input", "1": "headings", "2": "links", "3": "punctuation", "4": "lists",
            "5": "cross-version", "6": "language"}
_COLORS = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m", Severity.INFO: "\033[36m"}
_BOLD, _RESET = "\033[1m", "\033[0m"
MARKDOWN_ARTICLES = 10  # articles listed in the Markdown summary
MARKDOWN_FINDINGS = 15  # findings listed in it
CONTEXT = 40  # characters of the line shown on each side of a finding's span
CARET_MAX = 80  # carets drawn under a long span at most


def family(f: Finding) -> str:
    return FAMILIES.get(f.code[2:3], "other")


@dataclass(frozen=True)
class _Style:
    color: bool

    def severity(self, f: Finding, text: str) -> str:
        return f"{_COLORS[f.severity]}{text}{_RESET}" if self.color else text

    def bold(self, text: str) -> str:
        return f"{_BOLD}{text}{_RESET}" if self.color else text


def _selected(result: Result, langs: tuple[str, ...]) -> list[Finding]:
    return [f for f in result.findings if not langs or f.lang in langs]


def _worst(findings: list[Finding]) -> list[tuple[str, Counter]]:
    """Articles by descending (errors, warnings, infos)."""
    per: dict[str, Counter] = {}
    for f in findings:
        per.setdefault(f.article, Counter())[f.severity] += 1
    return sorted(per.items(), key=lambda kv: (-kv[1][Severity.ERROR], -kv[1][Severity.WARNING],
                                               -kv[1][Severity.INFO], kv[0]))


def _table(findings: list[Finding]) -> tuple[list[str], list[list[str]]]:
    """Header and rows of the language x rule family table."""
    families = [name for name in FAMILIES.values() if any(family(f) == name for f in findings)]
    langs = sorted({f.lang or "?" for f in findings})
    rows = []
    for lang in langs:
        counts = Counter(family(f) for f in findings if (f.lang or "?") == lang)
        rows.append([lang] + [str(counts[name] or "") for name in families] + [str(sum(counts.values()))])
    return ["lang"] + families + ["total"], rows


def _counts(c: Counter) -> str:
    parts = [f"{c[s]} {s.value}{'s' if c[s] != 1 and s != Severity.INFO else ''}"
             for s in (Severity.ERROR, Severity.WARNING, Severity.INFO) if c[s]]
    return ", ".join(parts)


def _context(f: Finding, line: Line | None, style: _Style) -> list[str]:
    """The finding's source line (None: not known) with a caret under its span."""
    if line is None:
        return []
    start = f.column - 1
    end = (f.end_column if f.end_line == f.line and f.end_column > f.column else line.length + 1) - 1
    end = max(start + 1, min(end, line.length, start + CARET_MAX))
    left, right = max(0, start - CONTEXT), min(line.length, end + CONTEXT)
    text = line.text[left - line.start:right - line.start].replace("\t", " ")
    shown = ("…" if left else "") + text + ("…" if right < line.length else "")
    number = f"{f.line:>5} | "
    pad = start - left + (1 if left else 0)
    return [number + shown, " " * (len(number) + pad) + style.severity(f, "^" * (end - start))]


class Line(NamedTuple):
    """The part of a source line that the report shows around its findings: ``text`` starts
    at column ``start`` (0-based) of a line of ``length`` characters. A report keeps one per
    line with findings, so not the whole line: paragraphs are lines of thousands of characters."""

    text: str
    start: int
    length: int


def terminal(result: Result, langs: tuple[str, ...] = (), color: bool = False) -> str:
    return "".join(terminal_pieces(result, langs, color))


def terminal_pieces(result: Result, langs: tuple[str, ...] = (), color: bool = False) -> Iterator[str]:
    """The terminal report in pieces (the summary, then an article at a time), so that the
    command prints it as it goes instead of holding the whole text."""
    style = _Style(color)
    findings = _selected(result, langs)
    out = [style.bold(f"transcheck report: {_n(len(findings), 'finding')} in {_n(result.article_total, 'article')}")]
    if not findings:
        yield "\n".join(out + ["No findings."]) + "\n"
        return
    header, rows = _table(findings)
    widths = [max(len(r[i]) for r in [header] + rows) for i in range(len(header))]
    out.append("")
    for row in [header] + rows:
        out.append("  ".join(cell.rjust(w) if i else cell.ljust(w) for i, (cell, w) in enumerate(zip(row, widths))))
    out += ["", style.bold("Articles, worst first")]
    worst = _worst(findings)
    for slug, counts in worst:
        out.append(f"  {slug}: {_counts(counts)}")
    yield "\n".join(out) + "\n"
    where = result.contexts if result.article_count is not None else contexts(result)
    by_article: dict[str, list[Finding]] = {}
    for f in findings:
        by_article.setdefault(f.article, []).append(f)
    for slug, _ in worst:
        out = ["", style.bold(f"== {slug} ==")]
        found = by_article.pop(slug)
        # two articles can share a slug (``Article.key``): each is shown whole, one after the other
        keys = sorted({where.get((f.path, f.line), _NOWHERE)[3] for f in found} - {""})
        rank = {key: k for k, key in enumerate(keys)} if len(keys) > 1 else {}
        current = shown = None
        for f in sorted(found, key=lambda f: (rank.get(where.get((f.path, f.line), _NOWHERE)[3], 0),
                                              where.get((f.path, f.line), _NOWHERE)[0], f.lang, f.line, f.column)):
            index, title, text, key = where.get((f.path, f.line), _NOWHERE)
            if rank and rank.get(key, 0) != shown:
                shown = rank.get(key, 0)
                out.append(style.bold(f"-- article {_article_label(keys[shown])}"))
                current = None
            if index != current:
                current = index
                out.append(style.bold(f"-- section {index + 1}: {title}" if title else f"-- section {index + 1}"))
            out.append(f"{f.lang} {f.path}:{f.line}:{f.column} " + style.severity(f, f"{f.severity.value} {f.rule}"))
            out += _context(f, text, style)
            out.append(f"        {f.message}")
        yield "\n".join(out) + "\n"


# a line no aligned section holds, and whose text and article are not known
_NOWHERE = (0, "", None, "")


def _article_label(key: str) -> str:
    """An article's key as the report names it: `translationKey: x`, or its directory."""
    kind, _, rest = key.partition(":")
    return f"translationKey: {rest}" if kind == "key" else rest or key


def contexts(result: Result) -> dict[tuple[str, int], tuple[int, str, Line | None, str]]:
    """For each (path, line) of ``result``'s findings in its articles: the index of the
    aligned row (section) that holds the line, the row's heading in the first version that
    has one (cut to 60 characters), the part of the line's text the report shows, and the
    article's key. Computed where the articles are
    loaded: in a streamed run (``parallel``), per article in the worker, so the report
    keeps these lines and not the articles."""
    from .align import align

    wanted: dict[str, dict[int, tuple[int, int]]] = {}  # path -> line -> first and last start column
    for f in result.findings:
        lines = wanted.setdefault(f.path, {})
        first, last = lines.get(f.line, (f.column, f.column))
        lines[f.line] = (min(first, f.column), max(last, f.column))
    out = {}
    for article in result.articles:
        if not any(v.path in wanted for v in article.versions):
            continue
        alignment = result.alignments.get(id(article)) or align(article)
        for r, row in enumerate(alignment.rows):
            title = next((c.section.title for c in row.cells if c is not None and c.section.title), "")
            for cell in row.cells:
                if cell is None or cell.version.path not in wanted:
                    continue
                first = cell.section.heading.start_line if cell.section.heading else cell.section.start_line
                for line in wanted[cell.version.path]:
                    if first <= line - 1 <= cell.section.end_line:
                        out[(cell.version.path, line)] = (r, title[:60], None, article.key)
        for version in article.versions:
            for line, (first, last) in wanted.get(version.path, {}).items():
                index, title, _, _ = out.get((version.path, line), _NOWHERE)
                kept = None
                if 1 <= line <= version.source.line_count:
                    text = version.source.line(line - 1)
                    # what ``_context`` can show: CONTEXT before a span's start, CARET_MAX + CONTEXT after
                    a, b = max(0, first - 1 - CONTEXT), min(len(text), last - 1 + CARET_MAX + CONTEXT)
                    kept = Line(text[a:b], a, len(text))
                out[(version.path, line)] = (index, title, kept, article.key)
    return out


def markdown(result: Result, langs: tuple[str, ...] = ()) -> str:
    """A summary for a pull-request comment: totals, the table, the worst articles, top findings."""
    findings = _selected(result, langs)
    counts = Counter(f.severity for f in findings)
    out = ["## transcheck report", "",
           f"**{_n(len(findings), 'finding')}** ({_counts(counts) or 'none'}) in {_n(result.files, 'file')}, "
           f"{_n(result.article_total, 'article')}."]
    if not findings:
        return "\n".join(out) + "\n"
    header, rows = _table(findings)
    out += ["", "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(row) + " |" for row in rows]
    worst = _worst(findings)
    out += ["", "### Worst articles", ""]
    out += [f"- `{_md(slug)}`: {_counts(c)}" for slug, c in worst[:MARKDOWN_ARTICLES]]
    if len(worst) > MARKDOWN_ARTICLES:
        out.append(f"- … and {len(worst) - MARKDOWN_ARTICLES} more")
    top = sorted(findings, key=lambda f: (-f.severity.rank, f.sort_key))[:MARKDOWN_FINDINGS]
    out += ["", "### Top findings", ""]
    out += [f"- **{f.severity.value}** `{_md(f.path)}:{f.line}:{f.column}` {f.rule}: {_md(f.message)}" for f in top]
    if len(findings) > MARKDOWN_FINDINGS:
        out.append(f"- … and {len(findings) - MARKDOWN_FINDINGS} more (run `transcheck report` for all)")
    return "\n".join(out) + "\n"


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _md(text: str) -> str:
    """Text safe inside a Markdown list item (no HTML, no table breaks, one line)."""
    text = " ".join(text.split())
    return text.replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")
