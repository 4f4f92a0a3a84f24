"""Fingerprints: the identity of a finding that survives edits elsewhere in its file.

``fingerprint(finding, text)`` hashes the rule's name, the article, the language and the
finding's span with up to ``CONTEXT`` characters either side of it on its own line(s),
whitespace-normalized. Line and column are not part of it, so lines inserted above the
finding, blank lines added anywhere and a re-wrapped paragraph elsewhere leave it
unchanged; editing the span or the words next to it changes it (the finding is then
new). The message is not part of it either: cross-version messages name counts and
languages that change when another version is edited.

Identical findings of one file (one rule, the same text around them) have the same
fingerprint; ``fingerprints`` tells them apart with an occurrence index in file order
(``<hash>:0``, ``<hash>:1``), so two are two baseline entries and a third is new. The
baseline (``baseline.py``) and a SARIF writer's ``partialFingerprints`` use these.
"""

from __future__ import annotations

import hashlib

from .findings import Finding

CONTEXT = 40  # characters each side of the span, within its lines
VERSION = 1  # bump when the recipe changes: old baselines no longer match


def fingerprint(finding: Finding, text: str | None) -> str:
    """A stable hash (16 hex digits) of what the finding is and the text it is about.

    ``text``: the decoded text of the finding's file (``SourceText.text``), or None when
    the file could not be read (the hash then depends on rule, article and language).
    """
    around = ""
    if text:
        start = max(0, min(finding.offset, len(text)))
        end = max(start, min(finding.end_offset, len(text)))
        line_start = max(text.rfind("\n", 0, start), text.rfind("\r", 0, start)) + 1
        line_end = min((i for i in (text.find("\n", end), text.find("\r", end)) if i >= 0), default=len(text))
        around = " ".join(text[max(line_start, start - CONTEXT):min(line_end, end + CONTEXT)].split())
    key = "\x1f".join((f"v{VERSION}", finding.rule, finding.article, finding.lang, around))
    return hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()[:16]  # a path from undecodable bytes


NOT_READ = ("read-error", "file-too-large")  # the rules of files the check could not read


def texts_of(findings: list[Finding]) -> dict[str, str | None]:
    """The decoded text of each file the findings are about, read from disk (a run keeps no
    texts): None for a file the check did not read (``NOT_READ``: unreadable, not UTF-8, a
    special file, over the size limit), or that cannot be read now."""
    from .source import SourceText

    out: dict[str, str | None] = {f.path: None for f in findings if f.rule in NOT_READ}
    for finding in findings:
        if finding.path not in out:
            source = SourceText.read(finding.path, None)  # read whole by the check: under the limit
            out[finding.path] = source.text if source is not None else None
    return out


def fingerprints(findings: list[Finding], texts: dict[str, str | None] | None = None) -> list[str]:
    """The fingerprint of each finding with its occurrence index among the identical
    findings of its file (in line order): ``<hash>:<n>``. ``texts``: file text by path
    (by default read with ``texts_of``)."""
    if texts is None:
        texts = texts_of(findings)
    out = [""] * len(findings)
    seen: dict[tuple[str, str], int] = {}
    for i in sorted(range(len(findings)), key=lambda i: findings[i].sort_key):
        f = findings[i]
        base = fingerprint(f, texts.get(f.path))
        n = seen.get((f.path, base), 0)
        seen[(f.path, base)] = n + 1
        out[i] = f"{base}:{n}"
    return out
