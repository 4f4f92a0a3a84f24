"""Inline suppression: directives in Markdown comments and front matter, applied to findings.

- ``<!-- transcheck-disable [RULE ...] -->``: the rules are off from this line to a
  ``transcheck-enable`` of them, or to the end of the file;
- ``<!-- transcheck-enable [RULE ...] -->``: they are on again from this line;
- ``<!-- transcheck-disable-next-line [RULE ...] -->``: off on the next non-blank line
  (lines holding only directives are skipped, so such comments stack);
- front matter ``transcheck-disable: [RULE, ...]`` (or one string): off in the whole file.

A RULE is a name or a code (``link-split``, ``TC201``); several are separated by spaces or
commas; none means every rule (a null front matter value too). Text after `` -- `` is a
reason and is not read. Input rules (``read-error``, ``parse-error``...) report the file
itself and are never suppressed.

Directives are read from the parsed model, never by a regex over the raw file: from the
source lines of HTML blocks and from inline HTML tokens. A comment inside a fenced or
indented code block or a code span is code, not a directive, by construction.

Suppression is a filter on findings after the rules ran (rules stay pure): a finding is
hidden when the line it starts on is off for its rule. A directive that cannot be
followed (an unknown rule, an unknown directive) is a ``suppression-invalid`` finding;
with ``report_unused``, one that hid nothing is a ``suppression-unused`` finding.
"""

from __future__ import annotations

import re
from typing import Callable, Iterable, NamedTuple

from .findings import Finding, Hit
from .model import Version
from .rules import ALL_RULES, CHECK_RULES, find_rule

DISABLE_KEY = "transcheck-disable"  # the front matter key
KINDS = ("disable", "enable", "disable-next-line")
SUPPRESSIBLE: tuple[str, ...] = tuple(rule.name for rule in CHECK_RULES)

_COMMENT = re.compile(r"<!--(.*?)-->", re.S)
_DIRECTIVE = re.compile(r"\s*transcheck-([A-Za-z][\w-]*)")
_REASON = re.compile(r"(?:^|\s)--(?:\s|$)")
_NAME = re.compile(r"[^\s,]+")


class Name(NamedTuple):
    """A rule as a directive names it; ``rule`` is its kebab name, or None if invalid."""

    text: str
    rule: str | None
    start: int  # file offsets of the name as written
    end: int


class Directive(NamedTuple):
    """One directive: ``kind`` is ``disable``, ``enable``, ``disable-next-line`` or
    ``front-matter``; ``every`` when it names no rule (all rules)."""

    kind: str
    names: tuple[Name, ...]
    every: bool
    start: int  # file offsets of the comment (or the front matter line)
    end: int
    line: int  # 0-based lines of its start and end
    last_line: int

    @property
    def rules(self) -> tuple[str, ...]:
        """The rules it turns off or on (valid names only, each once)."""
        if self.every:
            return SUPPRESSIBLE
        return tuple(dict.fromkeys(n.rule for n in self.names if n.rule))

    @property
    def label(self) -> str:
        if self.kind == "front-matter":
            return f"front matter `{DISABLE_KEY}`"
        return f"`transcheck-{self.kind}`"


class Span(NamedTuple):
    """Lines (0-based, inclusive) where ``rule`` is off, and the directive that said so."""

    directive: int
    rule: str
    first: int
    last: int


class Suppressions(NamedTuple):
    """The directives of one file, the ranges they turn off, and the problems found in them."""

    directives: tuple[Directive, ...]
    spans: dict  # rule -> tuple[Span, ...]
    problems: tuple[Hit, ...]  # suppression-invalid
    dangling: tuple[int, ...]  # enable directives that ended no disabled range

    def covering(self, finding: Finding) -> list[Span]:
        line = finding.line - 1
        return [s for s in self.spans.get(finding.rule, ()) if s.first <= line <= s.last]

    def unused(self, used: set[tuple[int, str]], ran: frozenset[str] | None = None) -> list[Hit]:
        """A hit for each directive (or rule named in one) that hid no finding; a rule that
        did not run (``ran``: the names of those that did) cannot have hidden one, so a
        directive naming it is not judged (it may serve another configuration)."""
        hits = []
        for i, d in enumerate(self.directives):
            if d.kind == "enable":
                if i in self.dangling:
                    what = "any rule" if d.every else ", ".join(f"`{r}`" for r in d.rules)
                    hits.append(Hit(d.start, d.end, f"{d.label} enables nothing: no disable of {what} is "
                                                    f"in force above it; remove it"))
                continue
            if d.every:
                if not any(j == i for j, _ in used):
                    hits.append(Hit(d.start, d.end, f"{d.label} suppressed no finding; remove it"))
                continue
            idle = [n for n in _first_of_each(d.names)
                    if n.rule and (i, n.rule) not in used and (ran is None or n.rule in ran)]
            if not idle:
                continue
            names = ", ".join(f"`{n.text}`" for n in idle)
            if len(idle) == len(d.rules):
                hits.append(Hit(d.start, d.end, f"{d.label} suppressed no finding of {names}; remove it"))
            else:
                hits.append(Hit(idle[0].start, idle[0].end,
                                f"{d.label} suppressed no finding of {names}; remove {names} from it"))
        return hits


NONE = Suppressions((), {}, (), ())


def read(version: Version) -> Suppressions:
    """The suppression directives of one version, from its front matter, HTML blocks and
    inline HTML (never its code)."""
    source = version.source
    if "transcheck-" not in source.text:  # the common case: nothing to parse
        return NONE
    found: list[Directive] = []
    problems: list[Hit] = []
    directive_lines: set[int] = set()
    matter = _front_matter(version, problems)
    if matter is not None:
        found.append(matter)
    for block in version.walk():
        if block.kind == "html" and block.end_line > block.start_line:
            found.extend(_html_block(version, block, problems, directive_lines))
    from .parser import inline_tokens

    for _, inline in version.all_inlines:
        if "<!--" not in inline.content:
            continue  # (the model keeps no tokens: parsed again where a comment may be)
        for token in inline_tokens(inline.content, version.references):
            if token.type == "html_inline" and "start" in token.meta and token.content.startswith("<!--"):
                at = token.meta["start"]
                directive = _directive(token.content, lambda i, at=at: inline.offset(at + i), version, problems)
                if directive:
                    found.append(directive)
    found.sort(key=lambda d: d.start)
    spans, dangling = _spans(found, version, directive_lines)
    return Suppressions(tuple(found), spans, tuple(problems), dangling)


def apply(findings: Iterable[Finding], tables: dict[str, Suppressions],
          report_unused: bool = False, ran: frozenset[str] | None = None) -> tuple[list[Finding], list[tuple[str, Hit]]]:
    """The findings no directive hides, and (with ``report_unused``) a ``(path, hit)`` for
    each directive that hid nothing. ``tables``: the Suppressions of each reported path.

    A directive is judged on the findings passed in; a rule that did not run (not in
    ``ran``, the names of the rules that did) is not judged."""
    kept: list[Finding] = []
    used: dict[str, set[tuple[int, str]]] = {}
    for finding in findings:
        table = tables.get(finding.path)
        spans = table.covering(finding) if table is not None and table.spans else ()
        if not spans:
            kept.append(finding)
            continue
        used.setdefault(finding.path, set()).update((s.directive, s.rule) for s in spans)
    unused = []
    if report_unused:
        for path, table in tables.items():
            unused.extend((path, hit) for hit in table.unused(used.get(path, set()), ran))
    return kept, unused


# -- reading directives ------------------------------------------------------------------
def _html_block(version: Version, block, problems: list[Hit], directive_lines: set[int]) -> list[Directive]:
    """The directives of the comments in an HTML block (read from its source lines); its
    lines join ``directive_lines`` when it holds nothing else."""
    source = version.source
    base = source.line_starts[block.start_line]
    text = source.text[base:source.line_ends[block.end_line - 1]]
    directives = []
    for m in _COMMENT.finditer(text):
        directive = _directive(m.group(0), lambda i, at=base + m.start(): at + i, version, problems)
        if directive:
            directives.append(directive)
    rest = _COMMENT.sub(lambda m: "" if _DIRECTIVE.match(m.group(1)) else m.group(0), text)
    if directives and not rest.strip():
        directive_lines.update(range(block.start_line, block.end_line))
    return directives


def _directive(comment: str, offset: Callable[[int], int], version: Version,
               problems: list[Hit]) -> Directive | None:
    """The directive an HTML comment holds, if any; ``offset(i)`` is the file offset of
    ``comment[i]``. Problems with it are appended to ``problems``."""
    m = _DIRECTIVE.match(comment, 4)
    if not m:
        return None
    start, end = offset(0), offset(len(comment) - 1) + 1
    kind = m.group(1)
    if kind not in KINDS:
        from difflib import get_close_matches  # only for a directive in error

        near = get_close_matches(kind, KINDS, n=1)
        hint = f" (did you mean `transcheck-{near[0]}`?)" if near else ""
        problems.append(Hit(offset(m.start(1)) - len("transcheck-"), offset(m.end(1)),
                            f"unknown directive `transcheck-{kind}`{hint}: write transcheck-disable, "
                            f"transcheck-enable or transcheck-disable-next-line; this comment is ignored"))
        return None
    rest_end = len(comment) - 3
    reason = _REASON.search(comment, m.end(), rest_end)
    if reason:
        rest_end = reason.start()
    names = tuple(_name(n.group(), offset(n.start()), offset(n.end() - 1) + 1, f"transcheck-{kind}", problems)
                  for n in _NAME.finditer(comment, m.end(), rest_end))
    source = version.source
    return Directive(kind, names, not names, start, end, source.line_of(start), source.line_of(max(start, end - 1)))


def _name(text: str, start: int, end: int, where: str, problems: list[Hit]) -> Name:
    """A rule name as written; an unknown or input rule is a problem (and disables nothing)."""
    rule = find_rule(text)
    if rule is None:
        from difflib import get_close_matches  # only for a directive in error

        near = get_close_matches(text, [r.name for r in ALL_RULES], n=1)
        hint = f" (did you mean `{near[0]}`?)" if near else ""
        problems.append(Hit(start, end, f"`{where}` names an unknown rule `{text}`{hint}; "
                                        f"`transcheck rules` lists them"))
        return Name(text, None, start, end)
    if rule.name not in SUPPRESSIBLE:
        problems.append(Hit(start, end, f"`{where}` names `{text}`, which reports a problem with the file "
                                        f"itself ({rule.name}) and cannot be disabled"))
        return Name(text, None, start, end)
    return Name(text, rule.name, start, end)


def _front_matter(version: Version, problems: list[Hit]) -> Directive | None:
    """The front matter ``transcheck-disable`` entry, as a directive for the whole file."""
    matter, source = version.front_matter, version.source
    if matter is None or DISABLE_KEY not in matter.data:
        return None
    line = matter.line_of(DISABLE_KEY)
    if line is None:  # a quoted key: point at the first front matter line
        line = matter.first_line + 1
    start, end = source.line_starts[line], source.line_ends[line]
    value = matter.data[DISABLE_KEY]
    if value is None or value == "":
        return Directive("front-matter", (), True, start, end, line, line)
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        problems.append(Hit(start, end, f"front matter `{DISABLE_KEY}` must name rules: a list such as "
                                        f"[link-split, TC301], or one string; it is ignored"))
        return None
    # Each name is pointed at where it is written: in the key's line or the list lines below it.
    stop = min([k for _, k in matter.key_lines if k > line] + [matter.last_line])
    lines = [(k, source.line(k)) for k in range(line, stop)]
    names, cursor = [], (line, source.line(line).find(":") + 1)
    for text in (n for item in value for n in _NAME.findall(item)):
        at = _locate(lines, text, cursor)
        if at is None:
            a, b = start, end
        else:
            cursor = (at[0], at[1] + len(text))
            a = source.offset(*at)
            b = a + len(text)
        names.append(_name(text, a, b, f"{DISABLE_KEY}", problems))
    return Directive("front-matter", tuple(names), False, start, end, line, line)


def _locate(lines: list[tuple[int, str]], text: str, cursor: tuple[int, int]) -> tuple[int, int] | None:
    """(line, column) of ``text`` as a whole word at or after ``cursor``."""
    word = re.compile(rf"(?<![\w-]){re.escape(text)}(?![\w-])")
    for k, line in lines:
        if k < cursor[0]:
            continue
        m = word.search(line, cursor[1] if k == cursor[0] else 0)
        if m:
            return k, m.start()
    return None


# -- ranges ------------------------------------------------------------------------------
def _spans(directives: list[Directive], version: Version,
           directive_lines: set[int]) -> tuple[dict, tuple[int, ...]]:
    """The lines each directive turns off, per rule; and the enables that ended nothing."""
    last = version.source.line_count - 1
    spans: list[Span] = []
    open_: dict[str, list[tuple[int, int]]] = {}  # rule -> [(directive, first line)]
    dangling = []
    for i, d in enumerate(directives):
        if d.kind == "front-matter":
            spans.extend(Span(i, rule, 0, last) for rule in d.rules)
        elif d.kind == "disable-next-line":
            target = _next_line(version, d.last_line, directive_lines)
            if target is not None:
                spans.extend(Span(i, rule, target, target) for rule in d.rules)
        elif d.kind == "disable":
            for rule in d.rules:
                open_.setdefault(rule, []).append((i, d.line))
        else:
            ended = False
            for rule in d.rules:
                for j, first in open_.pop(rule, ()):
                    spans.append(Span(j, rule, first, d.line - 1))
                    ended = True
            if not ended and all(n.rule for n in d.names):
                dangling.append(i)
    for rule, opened in open_.items():
        spans.extend(Span(j, rule, first, last) for j, first in opened)
    by_rule: dict[str, list[Span]] = {}
    for span in spans:
        if span.first <= span.last:
            by_rule.setdefault(span.rule, []).append(span)
    return {rule: tuple(s) for rule, s in by_rule.items()}, tuple(dangling)


def _next_line(version: Version, after: int, directive_lines: set[int]) -> int | None:
    source = version.source
    for line in range(after + 1, source.line_count):
        if line not in directive_lines and source.line(line).strip():
            return line
    return None


def _first_of_each(names: tuple[Name, ...]) -> list[Name]:
    seen, out = set(), []
    for name in names:
        if name.rule and name.rule not in seen:
            seen.add(name.rule)
            out.append(name)
    return out
