"""What a run found: the findings of the named files and what was read to get them.

Kept apart from ``engine`` so that a run answered from the cache (``parallel``,
``cache``) builds its result without importing the parser and the rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .findings import Finding
    from .model import Article
    from .spill import FindingStore


@dataclass
class Result:
    # Sorted by ``Finding.sort_key``. A list, or for ``check`` (``parallel.run_chunked``) a
    # ``spill.FindingStore``: iterable (as often as needed) and sized, not indexable; who
    # needs a list makes one (``list(result.findings)``), and holds every finding then.
    findings: list[Finding] | FindingStore = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    # The alignment of each article the cross-version rules read, by id(article), so
    # that the report shows the same rows without aligning again.
    alignments: dict = field(default_factory=dict)
    files: int = 0
    missing: list[str] = field(default_factory=list)
    # The files findings are reported for (the files the user named), sorted; len == files.
    checked: list[str] = field(default_factory=list)
    # With a shard: the named files left to the other shards.
    elsewhere: int = 0
    # the paths of the files named by the user (directly or inside a named directory):
    # findings are reported, and fixes written, only for these
    reported: set[str] = field(default_factory=set)
    # Set when ``articles`` is not kept (a parallel or cached run): how many there were.
    article_count: int | None = None
    # A parallel or cached run: {"hits": articles from the cache, "misses": checked}.
    stats: dict = field(default_factory=dict)
    # The slug of the article each checked file belongs to (its path's, or its front matter's).
    article_of: dict = field(default_factory=dict)
    # A streamed run for the report (``parallel``, ``Settings.context``): where each finding's
    # line is, ``report.contexts``, as the articles are not kept.
    contexts: dict = field(default_factory=dict)

    @property
    def article_total(self) -> int:
        return len(self.articles) if self.article_count is None else self.article_count
