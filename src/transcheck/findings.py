"""Findings: what transcheck reports, as frozen values with exact positions."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Severity(str, Enum):
    """How serious a finding is; ordered info < warning < error."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return {"info": 0, "warning": 1, "error": 2}[self.value]


@dataclass(frozen=True, slots=True)
class Hit:
    """What a rule yields: a span of the version's text (file offsets) and a message.

    The engine turns a Hit into a Finding with the rule's name, code and severity and
    the derived line and column, so rules stay small and free of bookkeeping. A rule may
    lower its severity for one finding (``severity``), e.g. to info where a case is
    probably deliberate.
    """

    start: int
    end: int
    message: str
    severity: "Severity | None" = None


@dataclass(frozen=True, slots=True)
class Finding:
    """One reported problem at an exact place of one file (1-based line and column)."""

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

    @property
    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.code, self.message)

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
        }
