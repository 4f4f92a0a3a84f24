"""Unlabelled files: their language from their text, their article from their content.

A flat set of files whose paths and front matter say nothing (``seeds/000_…txt``) is
still a set of translations. Each file's language is identified from its prose
(``langid``, among ``DEFAULT_LANGUAGES`` and the languages of the labelled files of
the run); files of one directory are then grouped into articles by language-invariant
evidence — the link targets and numbers they share (a Jaccard index) and the shape of
their headings (level sequence, compared with rapidfuzz) — one version per language
per article. Imported only when some file is unlabelled.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from .model import MASK, Version

CONFIDENT = 0.9  # probability from which a file's identified language is taken
SAME_ARTICLE = 0.35  # similarity from which two files are versions of one article
_NUMBER = re.compile(r"\d{2,}")


def identify(version: Version, langs: tuple[str, ...]) -> tuple[str | None, float]:
    """The language of an unlabelled file's prose, and its probability."""
    from .langid import DEFAULT_LANGUAGES, identifier
    from .rules.language_mismatch import prose_sample

    sample = prose_sample(version)
    if len(sample.split()) < 8:
        return None, 0.0
    return identifier(tuple(sorted(set(DEFAULT_LANGUAGES) | set(langs)))).detect(sample)


@dataclass(frozen=True)
class _Signature:
    evidence: frozenset
    shape: str  # heading levels, one character each


def _signature(version: Version) -> _Signature:
    evidence = set()
    for _, inline in version.inlines():
        evidence.update("link:" + link.target for link in inline.links if link.target)
        evidence.update("n:" + n for n in _NUMBER.findall(inline.masked.replace(MASK, " ")))
    shape = "".join(str(s.level) for s in version.sections if s.heading is not None)
    return _Signature(frozenset(evidence), shape)


def similarity(a: _Signature, b: _Signature) -> float:
    """0..1: shared evidence (3 parts) and heading shape (1 part)."""
    from rapidfuzz import fuzz

    union = a.evidence | b.evidence
    shared = len(a.evidence & b.evidence) / len(union) if union else 0.0
    shape = fuzz.ratio(a.shape, b.shape) / 100 if (a.shape or b.shape) else 0.0
    return (3 * shared + shape) / 4


def group(versions: list[Version]) -> list[list[Version]]:
    """Unlabelled versions (with identified languages) grouped into articles: per
    directory, each file joins the most similar article that lacks its language, if the
    similarity reaches ``SAME_ARTICLE``, else starts one. Order is by path, so the result
    does not depend on the order of the command line."""
    out: list[list[Version]] = []
    by_dir: dict[str, list[Version]] = {}
    for version in sorted(versions, key=lambda v: v.path):
        by_dir.setdefault(os.path.dirname(os.path.abspath(version.path)), []).append(version)
    for members in by_dir.values():
        signatures = {v.path: _signature(v) for v in members}
        articles: list[list[Version]] = []
        for version in members:
            best, score = None, SAME_ARTICLE
            for article in articles:
                if any(v.lang == version.lang for v in article):
                    continue
                s = max(similarity(signatures[version.path], signatures[v.path]) for v in article)
                if s >= score:
                    best, score = article, s
            if best is None:
                articles.append([version])
            else:
                best.append(version)
        out.extend(articles)
    return out
