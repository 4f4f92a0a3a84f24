"""Findings: what transcheck reports, as frozen values with exact positions."""

from __future__ import annotations

from enum import Enum
from typing import NamedTuple


class Severity(str, Enum):
    """How serious a finding is; ordered info < warning < error."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return {"info": 0, "warning": 1, "error": 2}[self.value]


class Applicability(str, Enum):
    """How far a fix can be trusted: ``safe`` fixes keep the meaning and are applied by
    ``transcheck fix``; ``unsafe`` fixes may change it (they guess what the writer meant)
    and are applied only with ``--unsafe-fixes``."""

    SAFE = "safe"
    UNSAFE = "unsafe"


class Edit(NamedTuple):
    """Replace ``text[start:end]`` of the original file (offsets into ``SourceText.text``)
    with ``replacement``; ``start == end`` inserts."""

    start: int
    end: int
    replacement: str


class Fix(NamedTuple):
    """The edits that remove one finding, applied together or not at all.

    ``structure`` is the change in the parsed document the fix intends, as
    ``(feature, delta)`` pairs in the vocabulary of ``fixer.structure`` (``("heading:2", 1)``:
    one more level-2 heading; ``("link", -1)``: one link fewer). The fixer refuses a
    result whose structure changes in any other way.
    """

    applicability: Applicability
    edits: tuple[Edit, ...]
    structure: tuple[tuple[str, int], ...] = ()

    @classmethod
    def safe(cls, *edits: Edit, structure: tuple[tuple[str, int], ...] = ()) -> "Fix":
        return cls(Applicability.SAFE, tuple(sorted(edits, key=lambda e: (e.start, e.end))), structure)

    @classmethod
    def unsafe(cls, *edits: Edit, structure: tuple[tuple[str, int], ...] = ()) -> "Fix":
        return cls(Applicability.UNSAFE, tuple(sorted(edits, key=lambda e: (e.start, e.end))), structure)


class Hit(NamedTuple):
    """What a rule yields: a span of the version's text (file offsets) and a message.

    The engine turns a Hit into a Finding with the rule's name, code and severity and
    the derived line and column, so rules stay small and free of bookkeeping. A rule may
    lower its severity for one finding (``severity``), e.g. to info where a case is
    probably deliberate, and attach the ``fix`` that removes it.
    """

    start: int
    end: int
    message: str
    severity: "Severity | None" = None
    fix: Fix | None = None


class Finding(NamedTuple):
    """One reported problem at an exact place of one file (1-based line and column).

    Findings, hits, fixes and edits are NamedTuples: immutable, and built ~8x faster than a
    frozen dataclass (which sets each field through ``object.__setattr__``); a warm run of a
    large corpus rebuilds every finding from the cache. Change one with ``_replace``."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    rule: str
    code: str
    severity: Severity
    message: str
    lang: str
    article: str
    offset: int = 0
    end_offset: int = 0
    fix: Fix | None = None
    # (line, column, end_line, end_column) of each edit of ``fix``, 1-based as above
    fix_positions: tuple[tuple[int, int, int, int], ...] = ()

    @property
    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.code, self.message)

    def fix_json(self) -> dict | None:
        if self.fix is None:
            return None
        return {"applicability": self.fix.applicability.value,
                "edits": [{"start": {"line": a, "column": b, "offset": edit.start},
                           "end": {"line": c, "column": d, "offset": edit.end},
                           "replacement": edit.replacement}
                          for edit, (a, b, c, d) in zip(self.fix.edits, self.fix_positions)]}

    def to_json(self) -> dict:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "rule": self.rule,
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "lang": self.lang,
            "article": self.article,
        } | ({"fix": self.fix_json()} if self.fix is not None else {})
