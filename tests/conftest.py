"""Shared test helpers: paths to the shared data, building versions from text."""

from __future__ import annotations

from pathlib import Path

import pytest

from transcheck.document import build_version
from transcheck.engine import check_version
from transcheck.source import SourceText

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = ROOT / "corpus"
SEED_DIR = CORPUS / "social-media-optimization-smo"


def version_of(text: str, lang: str = "en", path: str = "case.md"):
    return build_version(SourceText(text, path), lang)


def findings_of(text: str, rule, lang: str = "en"):
    return check_version(version_of(text, lang), "case", (rule,))


def needs_shared(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not present (../shared sits beside the repository in CI)")
    return path
