"""Apply the fixes of findings: edits on the original text, verified, in bounded passes.

A rule attaches a ``Fix`` (text edits on the file it checked, and an applicability) to
a finding; this module applies them, and nothing else does:

1. **Select.** In each pass, the fixes of one file are taken in the order of their
   findings; a fix whose edits overlap (or touch, where one of them inserts) the edits
   of a fix already taken waits for the next pass.
2. **Apply** the taken edits to the decoded text; bytes outside them are never touched
   (line endings, the BOM, the last newline and the front matter stay as they were).
3. **Verify** by parsing the result again (markdown-it, as ``check`` does) and comparing
   its structure (``structure``) with the original's: the difference must be exactly
   what the fixes intend (``Fix.structure``: a heading more for ``##Höjdpunkter``, a link
   fewer for a joined link), and the front matter must load as before. When the pass as a
   whole does not verify, its fixes are tried one at a time; a fix that does not verify
   is refused and reported, and is not tried again.
4. **Repeat**: the article's fixable rules run again on the fixed text (with the sibling
   versions, for the rules that compare versions), up to ``MAX_PASSES`` passes; a file
   whose text returns to an earlier state stops there.

Only files the user named (directly or inside a named directory) are fixed; siblings
loaded for comparison are read. ``write`` replaces a file atomically (a temporary file
in the same directory, its mode copied, then renamed over it) and refuses when the file
changed on disk since it was read, or when it is a symbolic link that leads out of the
named paths.
"""

from __future__ import annotations

import difflib
import os
import re
from bisect import bisect_left, insort
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from .atomic import write_atomically
from .discovery import INCLUDE, discover
from .document import build_version
from .engine import (Result, assemble, check_all, check_article, check_version, joined_elsewhere, load, load_all,
                     suppressed)
from .findings import Applicability, Edit, Finding, Fix
from .model import Article, Version
from .parser import inline_tokens
from .reading import DEFAULT_MAX_FILE_SIZE, NotRegular, TooLarge, read_bytes
from .rules import CHECK_RULES
from .rules.base import Rule
from .source import SourceText

MAX_PASSES = 10

# Block kinds counted by ``structure`` as they are; headings are counted per level and
# list items one by one (paragraphs and lists are not: a heading or an item a fix makes
# splits or joins them, and their text is all still there).
_BLOCKS = ("item", "code", "html", "hr", "table", "blockquote")
# Inline tokens counted by ``structure``, by the name a message uses.
_INLINES = {"link_open": "link", "image": "image", "code_inline": "code span", "html_inline": "inline html",
            "em_open": "emphasis", "strong_open": "strong emphasis", "hardbreak": "line break"}


def structure(version: Version) -> Counter:
    """What a fix may change only on purpose: headings by level (``heading:2``), list
    items, code blocks, HTML blocks, rules, tables, blockquotes, and links, images, code
    spans, inline HTML, emphasis and hard line breaks."""
    counts: Counter = Counter()
    for block in version.walk():
        if block.kind == "heading":
            marker = block.marker
            level = len(marker) if marker.startswith("#") else (1 if marker.startswith("=") else 2)
            counts[f"heading:{level}"] += 1
        elif block.kind in _BLOCKS:
            counts[block.kind] += 1
    for _, inline in version.inlines():
        for token in inline_tokens(inline.content, version.references):
            name = _INLINES.get(token.type)
            if name:
                counts[name] += 1
    return counts


def apply_edits(text: str, edits: list[Edit] | tuple[Edit, ...]) -> str:
    """``text`` with the (non-overlapping) edits made; everything else kept as it is."""
    out, at = [], 0
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        out.append(text[at : edit.start])
        out.append(edit.replacement)
        at = edit.end
    out.append(text[at:])
    return "".join(out)


def _clash(a: Edit, b: Edit) -> bool:
    """Do two edits overlap, or touch where one of them inserts (so that their order would
    be a guess)? Two deletions side by side do not clash."""
    low, high = max(a.start, b.start), min(a.end, b.end)
    return low < high or (low == high and (a.start == a.end or b.start == b.end))


def conflicts(a: Fix, b: Fix) -> bool:
    return any(_clash(x, y) for x in a.edits for y in b.edits)


def select(findings: list[Finding]) -> list[Finding]:
    """The findings whose fixes are applied together in this pass: in order, each one
    whose edits do not clash with those already taken (per file). The others wait.

    The edits taken so far are kept sorted (they do not overlap, so their ends are sorted
    too) and each new edit is compared only with those around it: O(log n) per fix, not
    a comparison with every fix taken (8,000 fixes on one line took 78 s)."""
    taken: dict[str, list[Finding]] = {}
    placed: dict[str, list[Edit]] = {}
    odd: dict[str, list[Edit]] = {}  # the edits of fixes whose own edits overlap (refused later): rare
    for finding in sorted(findings, key=lambda f: (f.path, f.offset, f.end_offset, f.code, f.message)):
        mine = taken.setdefault(finding.path, [])
        edits, others = placed.setdefault(finding.path, []), odd.setdefault(finding.path, [])
        if any(_clash_taken(edits, edit) or any(_clash(edit, o) for o in others) for edit in finding.fix.edits):
            continue
        mine.append(finding)
        own = sorted(finding.fix.edits, key=lambda e: (e.start, e.end))
        if any(_clash(a, b) for a, b in zip(own, own[1:])):
            others.extend(own)
        else:
            for edit in own:
                insort(edits, edit, key=lambda e: (e.start, e.end))
    return [f for path in sorted(taken) for f in taken[path]]


def _clash_taken(edits: list[Edit], edit: Edit) -> bool:
    """Does ``edit`` clash with one of ``edits`` (sorted, not overlapping one another)?"""
    k = bisect_left(edits, edit.start, key=lambda e: e.end)  # the first that ends at or after its start
    while k < len(edits) and edits[k].start <= edit.end:
        if _clash(edits[k], edit):
            return True
        k += 1
    return False


def _malformed(fix: Fix, version: Version) -> str | None:
    """Why a fix cannot be applied at all (a rule's mistake, not the text's), or None."""
    text = version.source.text
    edits = sorted(fix.edits, key=lambda e: (e.start, e.end))
    if not edits:
        return "the fix has no edits"
    for edit in edits:
        if not 0 <= edit.start <= edit.end <= len(text):
            return "an edit lies outside the file"
    if any(_clash(a, b) for a, b in zip(edits, edits[1:])):
        return "the fix's own edits overlap"
    matter = version.front_matter
    if matter is not None:
        end = version.source.line_ends[matter.last_line]
        if edits[0].start <= end:
            return "the fix would edit the front matter"
    return None


@dataclass(frozen=True)
class Refusal:
    """A fix that was not applied, and why (positions are those of the text it was
    found in)."""

    finding: Finding
    reason: str


@dataclass
class FileFix:
    """One named file: its text as read, as fixed so far, and what happened to its fixes."""

    path: str
    original: SourceText
    text: str = ""
    applied: list[Finding] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)
    # the edits made in each pass that changed the file (offsets into that pass's text)
    passes: list[tuple[Edit, ...]] = field(default_factory=list)
    note: str | None = None  # the loop stopped early for this file (a repeated state)
    real: str = ""  # the file's real path when it was checked to lie in the named paths

    def __post_init__(self) -> None:
        self.text = self.text or self.original.text

    @property
    def changed(self) -> bool:
        return self.text != self.original.text

    def encoded(self) -> bytes:
        """The fixed file's bytes: the original BOM, then the text as UTF-8."""
        return replace_text(self.original, self.text).encode()


def replace_text(source: SourceText, text: str) -> SourceText:
    """A SourceText for ``text`` keeping ``source``'s path and BOM."""
    return SourceText(text, source.path, bom=source.bom)


@dataclass
class ArticleFix:
    article: Article  # the versions as fixed
    files: dict[str, FileFix]
    passes: int = 0
    exhausted: bool = False  # still changing after MAX_PASSES passes


def fix_article(article: Article, rules: tuple[Rule, ...], targets: set[str], *, unsafe: bool = False,
                source: str | None = None, keep=None) -> ArticleFix:
    """Fix the ``targets`` (paths) of one article with the fixes of ``rules``, in passes.

    The other versions are read, never changed: the cross-version rules compare with
    them. ``unsafe``: apply unsafe fixes too. ``keep(findings, article, targets)``: the findings that are
    reported (the configuration's per-file ignores and the files' suppression
    directives applied): only those are fixed.
    """
    versions = {v.path: v for v in article.versions}
    files = {path: FileFix(path, versions[path].source) for path in sorted(targets) if path in versions}
    seen = {path: {versions[path].source.text} for path in files}
    frozen: set[str] = set()
    refused: dict[str, set[tuple]] = {path: set() for path in files}  # not tried again
    allowed = {Applicability.SAFE, Applicability.UNSAFE} if unsafe else {Applicability.SAFE}
    result = ArticleFix(article, files)
    for number in range(1, MAX_PASSES + 1):
        current = Article(article.slug, tuple(versions[v.path] for v in article.versions), article.key)
        live = set(files) - frozen
        candidates = _findings(current, rules, live, source)
        if keep is not None:
            candidates = keep(candidates, current, live)
        found = [f for f in candidates
                 if f.fix is not None and f.fix.applicability in allowed and _key(f) not in refused[f.path]]
        if not found:
            break
        result.passes = number
        changed = False
        for path, chosen in _by_path(select(found)).items():
            version = versions[path]
            fixed, accepted, rejected = verified(version, chosen)
            for refusal in rejected:
                refused[path].add(_key(refusal.finding))
                files[path].refused.append(refusal)
            if len(accepted) + len(rejected) < len(chosen):
                changed = True  # some were left undecided (verified's budget): they wait for the next pass
            if fixed is None:
                continue
            if fixed.source.text in seen[path]:
                frozen.add(path)
                files[path].note = (f"the fixes of pass {number} would bring the file back to an earlier "
                                    f"state; stopped fixing it there")
                continue
            seen[path].add(fixed.source.text)
            made = tuple(sorted((e for f in accepted for e in f.fix.edits), key=lambda e: (e.start, e.end)))
            refused[path] = {key for key in (_moved(key, made) for key in refused[path]) if key}
            versions[path] = fixed
            files[path].text = fixed.source.text
            files[path].applied.extend(accepted)
            files[path].passes.append(made)
            changed = True
        if not changed:
            break
    else:
        current = Article(article.slug, tuple(versions[v.path] for v in article.versions), article.key)
        result.exhausted = any(f.fix is not None and f.fix.applicability in allowed
                               for f in _findings(current, rules, set(files) - frozen, source))
    result.article = Article(article.slug, tuple(versions[v.path] for v in article.versions), article.key)
    return result


def _findings(article: Article, rules: tuple[Rule, ...], targets: set[str], source: str | None) -> list[Finding]:
    out = []
    for version in article.versions:
        if version.path in targets:
            out.extend(check_version(version, article.slug, rules))
    if targets and any(rule.scope == "article" for rule in rules):
        out.extend(check_article(article, rules, targets, source))
    return out


def _by_path(findings: list[Finding]) -> dict[str, list[Finding]]:
    out: dict[str, list[Finding]] = {}
    for finding in findings:
        out.setdefault(finding.path, []).append(finding)
    return out


def _key(finding: Finding) -> tuple:
    """A fix, as the edits it makes (recognised in a later pass: see ``_moved``)."""
    return (finding.code,) + tuple((e.start, e.end, e.replacement) for e in finding.fix.edits)


def _moved(key: tuple, made: tuple[Edit, ...]) -> tuple | None:
    """``key`` (a refused fix) in the text after the edits ``made``: its offsets shifted by
    the edits before it; None if one of them changed its text (it may be tried again)."""
    out = [key[0]]
    for start, end, replacement in key[1:]:
        shift = 0
        for edit in made:
            if _clash(edit, Edit(start, end, replacement)):
                return None
            if edit.end <= start:
                shift += len(edit.replacement) - (edit.end - edit.start)
        out.append((start + shift, end + shift, replacement))
    return tuple(out)


def verified(version: Version, findings: list[Finding]) -> tuple[Version | None, list[Finding], list[Refusal]]:
    """Apply the (non-clashing) fixes of ``findings`` to ``version``; return the fixed
    version (None if nothing was applied), the findings fixed and the fixes refused.

    When the fixes do not verify together, halves are tried (in order, each with those
    kept so far), down to single fixes, which are refused: O(k log n) parses of the file
    for k refusals among n fixes, not one parse per fix (4,000 fixes and one refusal took
    180 s). At most ``2 * log2(n) + 48`` parses are made; fixes not decided by then are
    neither applied nor refused: they wait for the next pass."""
    rejected = []
    usable = []
    for finding in findings:
        why = _malformed(finding.fix, version)
        if why:
            rejected.append(Refusal(finding, why))
        else:
            usable.append(finding)
    if not usable:
        return None, [], rejected
    before = structure(version)
    fixed = _rebuild(version, usable)
    why = _differs(version, before, fixed, usable)
    if why is None:
        return fixed, usable, rejected
    accepted: list[Finding] = []
    fixed = None
    budget = 2 * len(usable).bit_length() + 48

    def settle(group: list[Finding], why: str) -> None:
        """``group`` does not verify with those kept (``why``): keep the parts that do."""
        nonlocal fixed, budget
        if len(group) == 1:
            rejected.append(Refusal(group[0], why))
            return
        for half in (group[: len(group) // 2], group[len(group) // 2 :]):
            if budget <= 0:
                return
            budget -= 1
            trial = _rebuild(version, accepted + half)
            reason = _differs(version, before, trial, accepted + half)
            if reason is None:
                accepted.extend(half)
                fixed = trial
            else:
                settle(half, reason)

    settle(usable, why)
    return fixed, accepted, rejected


def _rebuild(version: Version, findings: list[Finding]) -> Version:
    edits = [edit for finding in findings for edit in finding.fix.edits]
    text = apply_edits(version.source.text, edits)
    return build_version(replace_text(version.source, text), version.lang)


def _differs(before: Version, counts: Counter, after: Version, findings: list[Finding]) -> str | None:
    """Why ``after`` does not parse as the fixes intend, or None."""
    if _front_matter(before) != _front_matter(after):
        return "the front matter would no longer load as it does"
    intended: Counter = Counter()
    for finding in findings:
        for feature, delta in finding.fix.structure:
            intended[feature] += delta
    now = structure(after)
    surprises = []
    for feature in sorted(set(counts) | set(now) | set(intended)):
        extra = now[feature] - counts[feature] - intended[feature]
        if extra:
            surprises.append(f"{abs(extra)} {_plural(feature, abs(extra))} {'more' if extra > 0 else 'fewer'}")
    if surprises:
        return "the result would parse differently than intended: " + ", ".join(surprises)
    return None


def _plural(feature: str, count: int) -> str:
    if feature.startswith("heading:"):
        name = f"level-{feature[8:]} heading"
    else:
        name = {"item": "list item", "code": "code block", "html": "HTML block", "hr": "thematic break"}.get(
            feature, feature)
    if count == 1:
        return name
    return name[:-1] + "es" if name.endswith("x") else (name if name.endswith("s") else name + "s")


def _front_matter(version: Version) -> tuple:
    source, matter, error = version.source, version.front_matter, version.front_matter_error
    if matter is not None:
        lines = tuple(source.line(i) for i in range(matter.first_line, matter.last_line + 1))
        return ("matter", matter.first_line, matter.last_line, lines, repr(matter.data))
    if error is not None:
        return ("error", error.line, error.column, error.message)
    return ("none",)


# -- files --------------------------------------------------------------------------------
@dataclass
class Outcome:
    """What ``fix`` did: the files it fixed (in memory), what remains to report, and notes."""

    result: Result  # the findings of the fixed texts, as ``check`` would report them
    files: list[FileFix]
    notes: list[str] = field(default_factory=list)  # messages for the user (stderr)

    @property
    def changed(self) -> list[FileFix]:
        return [f for f in self.files if f.changed]

    @property
    def refusals(self) -> list[Refusal]:
        return [r for f in self.files for r in f.refused]


def fixing_rules(rules: tuple[Rule, ...], unsafe: bool) -> tuple[Rule, ...]:
    """The rules whose fixes ``fix`` applies."""
    return tuple(r for r in rules if r.fixable and (unsafe or r.fix_applicability is Applicability.SAFE))


def fix(paths: list[str], layout: str | None = None, rules: tuple[Rule, ...] = CHECK_RULES, *,
        unsafe: bool = False, source: str | None = None, include: tuple[str, ...] = INCLUDE,
        select=None, **load_options) -> Outcome:
    """Fix the named files in memory (``write`` or ``diff`` the outcome) and check the
    fixed texts with ``rules``. ``select(findings)``: the findings the configuration
    reports (per-file ignores); the files' suppression directives are always applied:
    a finding that is not reported is not fixed. ``load_options``: passed to
    ``engine.load_all`` (excluded, languages, max_size). Holds every article: for a
    corpus, ``fix_each``."""
    loaded = load_all(paths, layout, include, **load_options)
    return _fixed(loaded, _roots(paths), rules, unsafe, source, select)


def fix_each(paths: list[str], layout: str | None = None, rules: tuple[Rule, ...] = CHECK_RULES, *,
             unsafe: bool = False, source: str | None = None, include: tuple[str, ...] = INCLUDE,
             select=None, excluded=None, languages: tuple[str, ...] = (),
             max_size: int | None = DEFAULT_MAX_FILE_SIZE) -> Iterator[Outcome]:
    """``fix``, one article at a time, so that memory holds one article however large the
    corpus: the outcome of each group of files that an article's path names (read,
    fixed, checked, then dropped by the caller), in the order of their names. The first
    outcome has no files and holds the paths that do not exist. Groups that front matter
    (``translationKey``) joins to other groups come last, fixed together; a file whose
    path names no language (identified by its text, against every language of the run)
    makes it one ``fix`` of everything."""
    found = discover(paths, layout, include, excluded)
    if any(cand.lang is None for cand in found.candidates):
        yield fix(paths, layout, rules, unsafe=unsafe, source=source, include=include, select=select,
                  excluded=excluded, languages=languages, max_size=max_size)
        return
    yield Outcome(Result(missing=found.missing), [])
    roots = _roots(paths)
    joined = []
    for group in found.groups():
        loaded = [(cand, *load(cand, max_size=max_size)) for cand in group]
        if joined_elsewhere(loaded, group[0].group):
            joined.extend(group)
            continue
        yield _fixed(assemble(loaded, Result(), languages=languages), roots, rules, unsafe, source, select)
    if joined:
        loaded = [(cand, *load(cand, max_size=max_size)) for cand in sorted(joined, key=lambda c: c.path)]
        yield _fixed(assemble(loaded, Result(), languages=languages), roots, rules, unsafe, source, select)


def _fixed(loaded: Result, roots: list[str], rules: tuple[Rule, ...], unsafe: bool, source: str | None,
           select) -> Outcome:
    """Fix the named files of the loaded articles, then check the fixed texts."""
    ran = frozenset(rule.name for rule in rules)

    def keep(findings: list[Finding], article: Article, targets: set[str]) -> list[Finding]:
        shown = suppressed(findings, [article], targets, ran=ran)
        return select(shown) if select is not None else shown

    fixing = fixing_rules(rules, unsafe)
    outcome = Outcome(loaded, [])
    articles = []
    for article in loaded.articles:
        targets = set()
        reals = {}
        for version in article.versions:
            if version.path not in loaded.reported:
                continue
            reals[version.path] = os.path.realpath(version.path)
            why = _unwritable(version.path, roots)
            if why:
                outcome.notes.append(f"{version.path}: not fixed: {why}")
            else:
                targets.add(version.path)
        if not targets or not fixing:
            articles.append(article)
            continue
        done = fix_article(article, fixing, targets, unsafe=unsafe, source=source, keep=keep)
        for file in done.files.values():
            file.real = reals[file.path]
        articles.append(done.article)
        outcome.files.extend(done.files.values())
        for file in done.files.values():
            if file.note:
                outcome.notes.append(f"{file.path}: {file.note}")
        if done.exhausted:
            outcome.notes.append(f"{article.slug}: still changing after {MAX_PASSES} passes; run fix again")
    loaded.articles = articles
    check_all(loaded, rules, source)
    outcome.files.sort(key=lambda f: f.path)
    return outcome


def _roots(paths: list[str]) -> list[str]:
    """The real directories the user named, and the directories of the files named:
    a fixed file (or the file a symbolic link leads to) must lie inside one of them."""
    roots = []
    for raw in paths:
        path = Path(raw)
        roots.append(os.path.realpath(path if path.is_dir() else path.parent))
    return roots


def _unwritable(path: str, roots: list[str]) -> str | None:
    real = os.path.realpath(path)
    if not any(real == root or real.startswith(root.rstrip(os.sep) + os.sep) for root in roots):
        return "it is a symbolic link that leads out of the paths given"
    return None


def write(file: FileFix) -> str | None:
    """Write a fixed file atomically; return why it was not written, or None.

    The file is re-read first, and again just before the rename: if its bytes are no
    longer those that were fixed, it changed on disk and is left alone. A symbolic link
    is kept: the file it leads to is replaced.
    """
    real = os.path.realpath(file.path)
    if file.real and real != file.real:  # a symbolic link on the way was changed since the check
        return "the file is no longer the one that was read (a symbolic link changed); not written"
    expected = file.original.encode()
    try:
        if _read(real, expected) != expected:
            return "the file changed on disk since it was read; not written (run fix again)"
        written = write_atomically(real, file.encoded(), durable=True,
                                   still_wanted=lambda: _read(real, expected) == expected)
    except OSError as exc:
        return f"cannot write the file: {exc.strerror or exc}"
    if not written:
        return "the file changed on disk since it was read; not written (run fix again)"
    return None


def _read(path: str, expected: bytes) -> bytes | None:
    """The file's bytes, or None when it holds more than ``expected`` or is no longer a
    regular file (it changed on disk either way); never blocks on a FIFO."""
    try:
        return read_bytes(path, len(expected))
    except (TooLarge, NotRegular):
        return None


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


def diff(file: FileFix) -> str:
    """A unified diff of the file's fix (``a/``, ``b/`` paths), lines split as Markdown
    splits them; a last line without a newline is marked as ``git diff`` marks it."""
    def lines(text: str) -> list[str]:
        out = _LINE.findall(text)
        if out and not out[-1].endswith(("\n", "\r")):
            out[-1] += "\n\\ No newline at end of file\n"
        return out

    name = file.path.lstrip("/")
    return "".join(difflib.unified_diff(lines(file.original.text), lines(file.text), f"a/{name}", f"b/{name}"))


__all__ = ["fix", "fix_article", "write", "diff", "structure", "apply_edits", "select", "conflicts",
           "verified", "fixing_rules", "Outcome", "FileFix", "Refusal", "MAX_PASSES"]
