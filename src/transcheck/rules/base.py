"""The rule contract: frozen metadata plus a stateless check function.

A rule module holds a docstring with the sections ``What it does``, ``Why it
matters``, ``Example``, ``Correct`` and ``Fix``, a ``check(version)`` generator that
yields ``Hit`` values, and ``RULE = Rule(...)``. Rules read the document model
(``Version``) and never keep state between calls.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from ..findings import Severity
from ..model import Article

if TYPE_CHECKING:
    from ..align import Alignment

DOC_SECTIONS = ("What it does", "Why it matters", "Example", "Correct", "Fix")


@dataclass(frozen=True)
class ArticleContext:
    """What an article-scope rule reads: all versions, their alignment, the reference mode."""

    article: Article
    alignment: "Alignment"
    source: str | None = None  # compare with this language instead of the consensus


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    summary: str
    # scope "version": check(Version) -> Iterator[Hit];
    # scope "article": check(ArticleContext) -> Iterator[tuple[Version, Hit]]
    check: Callable
    doc: str
    scope: str = "version"  # "version": reads one file; "article": reads all versions; "input": loader
    fixable: bool = False


def doc_section(doc: str, name: str) -> str:
    """The text of one section of a rule's docstring (``Fix``, ``Example`` ...), unwrapped."""
    lines = doc.splitlines()
    try:
        start = lines.index(name) + 1
    except ValueError:
        return ""
    body = []
    for line in lines[start:]:
        if line and not line.startswith(" ") and line.strip() in DOC_SECTIONS + ("Options",):
            break
        body.append(line.strip())
    return " ".join(" ".join(body).split())
