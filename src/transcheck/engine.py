"""The pipeline: discover -> load and parse each version -> group into articles -> run rules.

Findings are reported only for the files the user named; their sibling versions are
loaded so that later cross-version rules have peers to compare with. Nothing here
raises on bad input: unreadable files, bad encodings and broken front matter become
findings, and a rule that fails on a file becomes an ``internal-error`` finding instead
of a traceback.
"""

from __future__ import annotations

from bisect import bisect_right

from .discovery import INCLUDE, Candidate, discover
from .document import build_version
from .findings import Finding, Hit
from .languages import code_of
from .model import Article, Version
from .result import Result
from .rules import CHECK_RULES, INPUT_RULES
from .rules.base import ArticleContext, Rule
from .reading import DEFAULT_MAX_FILE_SIZE, TooLarge, read_bytes
from .rules.input_errors import (FILE_EMPTY, FILE_TOO_LARGE, INTERNAL_ERROR, LANGUAGE_UNKNOWN, PARSE_ERROR,
                                 READ_ERROR)
from .source import DecodeError, SourceText


def _finding(rule: Rule, path: str, source: SourceText | None, hit: Hit, lang: str, article: str,
             line: int = 1, column: int = 1) -> Finding:
    start, end, message, severity, fix = hit
    at = ()
    if source is not None:
        if fix is None:
            line, column, end_line, end_column = _positions(source, (start, max(end, start)))
        else:
            line, column, end_line, end_column, *edits = _positions(
                source, (start, max(end, start), *(o for e in fix.edits for o in (e.start, e.end))))
            at = tuple(zip(edits[0::4], edits[1::4], edits[2::4], edits[3::4]))
    else:
        end_line, end_column = line, column
        fix = None  # an edit needs the text it edits
    return Finding(path, line, column, end_line, end_column, rule.name, rule.code, severity or rule.severity,
                   message, lang, article, start, end, fix, at)


def _positions(source: SourceText, offsets) -> list[int]:
    """``source.position`` of each offset, flattened (line, column, line, column ...): a finding's
    span and its fix's edits are mostly on one line, and an offset on the line of the one before
    is placed without a bisection (a finding costs ~4 positions: two thirds of its making)."""
    size, starts = len(source.text), source.line_starts
    out = []
    low = high = -1  # the offsets of the line last found: [low, high)
    for offset in offsets:
        offset = 0 if offset < 0 else size if offset > size else offset
        if not low <= offset < high:
            index = bisect_right(starts, offset) - 1
            low, line = starts[index], index + 1
            high = starts[index + 1] if index + 1 < len(starts) else size + 1
        out += (line, offset - low + 1)
    return out


def _override(version_fm: dict | None, cand: Candidate) -> tuple[str | None, str]:
    """Language and article identity, front matter first, then the path."""
    lang, group = cand.lang, cand.group
    if version_fm:
        for key in ("lang", "language"):
            value = version_fm.get(key)
            if isinstance(value, str) and code_of(value):
                lang = code_of(value)
                break
        for key in ("translationKey", "translation_key"):
            value = version_fm.get(key)
            if isinstance(value, (str, int)) and str(value).strip():
                group = f"key:{value}"
                break
    return lang, group


def load(cand: Candidate, data: bytes | None = None,
         max_size: int | None = DEFAULT_MAX_FILE_SIZE) -> tuple[Version | None, list[Finding]]:
    """Read (unless ``data`` holds its bytes) and parse one candidate; problems become
    findings (only for named files). A file over ``max_size`` bytes is not read."""
    path, slug = cand.path, cand.slug
    lang = cand.lang or ""
    try:
        if data is None:
            data = read_bytes(path, max_size)
    except TooLarge as exc:
        hit = Hit(0, 0, f"{exc}: not read (raise max-file-size to check it)")
        return None, [_finding(FILE_TOO_LARGE, path, None, hit, lang, slug)]
    except OSError as exc:
        reason = exc.strerror or exc.__class__.__name__
        return None, [_finding(READ_ERROR, path, None, Hit(0, 0, f"cannot read the file: {reason}"), lang, slug)]
    try:
        source = SourceText.from_bytes(data, path)
    except DecodeError as exc:
        hit = Hit(0, 0, f"the file is not valid UTF-8: byte {exc.byte_offset} ({exc.reason}); "
                        f"re-save it as UTF-8")
        return None, [_finding(READ_ERROR, path, None, hit, lang, slug, exc.line, exc.column)]
    version = build_version(source, lang)
    findings = []
    if version.front_matter_error:
        err = version.front_matter_error
        offset = source.offset(err.line, min(err.column, len(source.line(err.line))))
        findings.append(_finding(PARSE_ERROR, path, source, Hit(offset, offset, err.message), lang, slug))
    if not any(block.kind != "hr" for block in version.blocks) and not version.front_matter_error:
        findings.append(_finding(FILE_EMPTY, path, source, Hit(0, 0, "the file has no Markdown content"),
                                 lang, slug))
    return version, findings


def run(paths: list[str], layout: str | None = None, rules: tuple[Rule, ...] = CHECK_RULES,
        source: str | None = None, include: tuple[str, ...] = INCLUDE, progress=None, excluded=None,
        languages: tuple[str, ...] = (), shard: tuple[int, int] | None = None, *,
        suppress: bool = True, report_unused_disables: bool = False,
        max_size: int | None = DEFAULT_MAX_FILE_SIZE) -> Result:
    """Check the given paths; return findings for the named files, sorted.

    ``source``: compare translations with this language's version instead of the
    consensus of the others. ``progress(done, total, unit)`` is called as files are
    read and as articles are checked. ``excluded(path)``: files never read;
    ``languages``: when given, versions in other languages are left out. ``shard``:
    (K, N), check only the articles of shard K of N (``shards.shard_of``); every file
    is still read, to group the articles. ``suppress``: drop the findings that
    ``transcheck-disable`` directives hide (see ``suppression``);
    ``report_unused_disables``: report the directives that hid nothing. ``max_size``:
    files larger than this (bytes; None: no limit) are reported, not read.
    """
    result = load_all(paths, layout, include, progress=progress, excluded=excluded, languages=languages,
                      shard=shard, max_size=max_size)
    return check_all(result, rules, source, progress=progress, suppress=suppress,
                     report_unused_disables=report_unused_disables)


def load_all(paths: list[str], layout: str | None = None, include: tuple[str, ...] = INCLUDE, *,
             progress=None, excluded=None, languages: tuple[str, ...] = (),
             shard: tuple[int, int] | None = None, max_size: int | None = DEFAULT_MAX_FILE_SIZE) -> Result:
    """Discover, load and group the given paths into articles; no rule runs yet. The
    result holds the loading problems of the named files (``reported``) as findings.
    Files over ``max_size`` bytes are reported (``file-too-large``), not read."""
    found = discover(paths, layout, include, excluded)
    result = Result(missing=found.missing)
    loaded = []
    for done, cand in enumerate(found.candidates, 1):
        if progress:
            progress(done, len(found.candidates), "files read")
        loaded.append((cand, *load(cand, max_size=max_size)))
    return assemble(loaded, result, languages=languages, shard=shard)


def assemble(loaded: list, result: Result, *, languages: tuple[str, ...] = (),
             shard: tuple[int, int] | None = None) -> Result:
    """Group loaded candidates (``(candidate, version or None, problems)``, in discovery
    order) into the articles of ``result``; record the named files and their problems."""
    groups: dict[str, list[Version]] = {}
    slugs: dict[str, str] = {}
    named: list[tuple[Version, str]] = []
    named_slugs: dict[str, str] = {}
    unlabelled: list[tuple[Version, Candidate]] = []
    for cand, version, problems in loaded:
        lang = group = None
        if version is not None:
            lang, group = _override(version.front_matter.data if version.front_matter else None, cand)
            if languages and lang and lang not in languages:
                continue  # a version the configuration leaves out
        if cand.named:
            result.files += 1
            result.checked.append(cand.path)
            named_slugs[cand.path] = cand.slug
            result.findings.extend(problems)
        if version is None:
            continue
        if lang != version.lang:
            version = _relabel(version, lang or "")
        if not lang:
            unlabelled.append((version, cand))
            continue
        groups.setdefault(group, []).append(version)
        slugs.setdefault(group, cand.slug if not group.startswith("key:") else group[4:])
        if cand.named:
            named.append((version, group))
    if unlabelled:
        _place_unlabelled(unlabelled, groups, slugs, named, result)
    if shard is not None:
        groups, named = _keep_shard(shard, groups, slugs, named, named_slugs, result)
    for group, versions in sorted(groups.items()):
        result.articles.append(Article(slugs[group], tuple(sorted(versions, key=lambda v: v.lang)), group))
    result.reported = {version.path for version, _ in named}
    named_slugs.update((version.path, slugs[group]) for version, group in named)
    result.article_of = {path: named_slugs[path] for path in result.checked}
    return result


def article_key(version_fm: dict | None, cand: Candidate) -> str:
    """The article a loaded candidate belongs to (its front matter may move it)."""
    return _override(version_fm, cand)[1]


def joined_elsewhere(loaded: list, group: str) -> set[str]:
    """The article keys other than ``group`` that the front matter of a group's loaded
    candidates (``(candidate, version or None, problems)``) gives them: when there are
    some, the group cannot be checked alone (an article-at-a-time run sets it aside, to
    check it with the other groups that front matter joins)."""
    keys = {article_key(version.front_matter.data if version.front_matter else None, cand)
            for cand, version, _ in loaded if version is not None}
    return keys if keys - {group} else set()


def check_all(result: Result, rules: tuple[Rule, ...] = CHECK_RULES, source: str | None = None, *,
              progress=None, suppress: bool = True, report_unused_disables: bool = False) -> Result:
    """Run ``rules`` on the loaded articles of ``result``; add the findings of the
    reported files to it (less what their directives hide), sorted."""
    reported = result.reported
    for article in result.articles:
        for version in article.versions:
            if version.path in reported:
                result.findings.extend(check_version(version, article.slug, rules))
    if any(rule.scope == "article" for rule in rules):
        for done, article in enumerate(result.articles, 1):
            if progress:
                progress(done, len(result.articles), "articles checked")
            if any(v.path in reported for v in article.versions):
                from .align import align

                alignment = result.alignments[id(article)] = align(article)
                result.findings.extend(check_article(article, rules, reported, source, alignment))
    if suppress:
        result.findings = suppressed(result.findings, result.articles, reported, report_unused_disables,
                                     frozenset(rule.name for rule in rules))
    result.findings.sort(key=lambda f: f.sort_key)
    return result


def _keep_shard(shard: tuple[int, int], groups: dict, slugs: dict, named: list, named_slugs: dict,
                result: Result) -> tuple[dict, list]:
    """Keep the articles of one shard, and the named files (and their load findings) that
    belong to them; a file that could not be read goes by its path's slug."""
    from .shards import shard_of

    k, n = shard
    groups = {g: versions for g, versions in groups.items() if shard_of(slugs[g], n) == k}
    slug_of = dict(named_slugs)
    slug_of.update((version.path, slugs[g]) for version, g in named)
    kept = {path for path, slug in slug_of.items() if shard_of(slug, n) == k}
    result.elsewhere, result.files = result.files - len(kept), len(kept)
    result.checked = [path for path in result.checked if path in kept]
    result.findings = [f for f in result.findings if f.path in kept]
    return groups, [(version, g) for version, g in named if g in groups]


def suppressed(findings: list[Finding], articles: list[Article], reported: set[str], report_unused: bool = False,
               ran: frozenset[str] | None = None) -> list[Finding]:
    """The findings the reported files' directives do not hide, plus the problems with those
    directives (``suppression-invalid``; ``suppression-unused`` with ``report_unused``)."""
    from . import suppression
    from .rules import suppression_invalid, suppression_unused

    tables, where = {}, {}
    for article in articles:
        for version in article.versions:
            if version.path in reported:
                tables[version.path] = suppression.read(version)
                where[version.path] = (version, article.slug)
    kept, unused = suppression.apply(findings, tables, report_unused, ran)
    for path, table in tables.items():
        version, article = where[path]
        kept.extend(_finding(suppression_invalid.RULE, path, version.source, hit, version.lang, article)
                    for hit in table.problems)
    for path, hit in unused:
        version, article = where[path]
        kept.append(_finding(suppression_unused.RULE, path, version.source, hit, version.lang, article))
    return kept


def check_article(article: Article, rules: tuple[Rule, ...], reported: set[str],
                  source: str | None = None, alignment=None) -> list[Finding]:
    """Run cross-version rules on one article; keep findings for the ``reported`` paths."""
    if alignment is None:
        from .align import align

        alignment = align(article)
    ctx = ArticleContext(article, alignment, source)
    first = next((v for v in article.versions if v.path in reported), article.versions[0])
    out = []
    for rule in rules:
        if rule.scope == "article":
            hits = _guarded(rule, ctx, first, article.slug, out)
            out.extend(_finding(rule, version.path, version.source, hit, version.lang, article.slug)
                       for version, hit in hits if version.path in reported)
    return out


def check_version(version: Version, article: str, rules: tuple[Rule, ...]) -> list[Finding]:
    """Run single-version rules on one version."""
    out = []
    for rule in rules:
        if rule.scope == "version":
            hits = _guarded(rule, version, version, article, out)
            out.extend(_finding(rule, version.path, version.source, hit, version.lang, article) for hit in hits)
    return out


def _guarded(rule: Rule, subject, version: Version, article: str, out: list[Finding]) -> list:
    """The rule's hits on ``subject``; a rule that raises adds an ``internal-error`` finding
    (named, located on ``version``, not a traceback) and costs the user no other finding."""
    try:
        return list(rule.check(subject))
    except Exception as exc:
        out.append(_finding(INTERNAL_ERROR, version.path, version.source,
                            Hit(0, 0, f"rule {rule.name} failed here ({exc.__class__.__name__}: {exc}); "
                                      f"please report it"), version.lang, article))
        return []


def _place_unlabelled(unlabelled: list, groups: dict, slugs: dict, named: list, result: Result) -> None:
    """Give files without a language one from their text, and group them into articles
    (``grouping``); a file whose language cannot be identified is reported and checked alone."""
    from .grouping import CONFIDENT, group, identify

    known = tuple(sorted({v.lang for versions in groups.values() for v in versions if v.lang}))
    identified, candidates = [], {}
    for version, cand in unlabelled:
        lang, probability = identify(version, known)
        candidates[version.path] = cand
        if lang is not None and probability >= CONFIDENT:
            identified.append(_relabel(version, lang))
            continue
        if cand.named:
            result.findings.append(_finding(
                LANGUAGE_UNKNOWN, cand.path, version.source,
                Hit(0, 0, "no language for this file: its path does not name one (fi.md, fi/slug.md, "
                          "slug.fi.md), its front matter has no `lang`, and its text is too short or mixed "
                          "to identify; it is compared with no other version"), "", cand.slug))
        key = f"file:{cand.path}"
        groups[key], slugs[key] = [version], cand.slug
        if cand.named:
            named.append((version, key))
    for members in group(identified):
        first = candidates[members[0].path]
        key = f"unlabelled:{first.path}"
        groups[key], slugs[key] = members, first.slug
        named.extend((v, key) for v in members if candidates[v.path].named)


def _relabel(version: Version, lang: str) -> Version:
    return version._replace(lang=lang)


__all__ = ["run", "load", "load_all", "check_all", "check_version", "Result", "INPUT_RULES"]
