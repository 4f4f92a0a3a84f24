"""The seed corpus against ../shared/eval/seeds-expected.json.

Every required defect whose rule transcheck implements is reported at its line as a
warning or error, and no other warning or error is reported (the key's ``allowed`` list
names the acceptable consequences).
"""

from __future__ import annotations

import json

import pytest

from transcheck.engine import run
from transcheck.rules import ALL_RULES

from .conftest import CORPUS, needs_shared

IMPLEMENTED = {rule.name for rule in ALL_RULES}


@pytest.fixture(scope="module")
def expected():
    return json.loads(needs_shared("eval", "seeds-expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def findings():
    return [f for f in run([str(CORPUS)]).findings if f.severity.value != "info"]


def test_corpus_files_are_the_seeds_byte_for_byte(expected):
    seeds = needs_shared("seeds")
    for name, lang in expected["files"].items():
        assert (CORPUS / "social-media-optimization-smo" / f"{lang}.md").read_bytes() == (seeds / name).read_bytes()


def test_every_required_defect_is_reported(expected, findings):
    missing = []
    for item in expected["required"]:
        if not set(item["any_of"]) & IMPLEMENTED:
            continue
        if not any(f.lang == item["lang"] and f.line == item["line"] and f.rule in item["any_of"] for f in findings):
            missing.append(f"{item['lang']}:{item['line']} {item['any_of']} {item['what']}")
    assert not missing, "\n".join(missing)


def test_no_other_warning_or_error(expected, findings):
    def allowed(f):
        for item in expected["required"]:
            if f.lang == item["lang"] and f.line == item["line"] and f.rule in item["any_of"]:
                return True
        for item in expected["allowed"]:
            if item["lang"] in ("*", f.lang) and item["lines"][0] <= f.line <= item["lines"][1]:
                if f.rule in item.get("rules", []) or f.severity.value == item.get("severity"):
                    return True
        return False

    extra = [f"{f.lang}:{f.line}:{f.column} {f.rule} {f.message}" for f in findings if not allowed(f)]
    assert not extra, "\n".join(extra)


def test_one_finding_per_root_cause_on_the_hidden_highlights(findings):
    # `##Höjdpunkter` is reported once, at its line, with the consequence in the message.
    sv30 = [f for f in findings if f.lang == "sv" and f.line == 30]
    assert [f.rule for f in sv30] == ["heading-missing-space"]
    assert "Höjdpunkter" in sv30[0].message and "missing" in sv30[0].message
