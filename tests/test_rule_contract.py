"""Every rule keeps the contract: unique code and name, full docs, cases that fail and pass."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from transcheck.rules import ALL_RULES, CHECK_RULES
from transcheck.rules.base import DOC_SECTIONS

ROOT = Path(__file__).resolve().parent.parent


def test_codes_and_names_are_unique_and_well_formed():
    codes = [r.code for r in ALL_RULES]
    names = [r.name for r in ALL_RULES]
    assert len(set(codes)) == len(codes) and len(set(names)) == len(names)
    for rule in ALL_RULES:
        assert re.fullmatch(r"TC\d{3}", rule.code)
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.name)
        assert rule.summary.endswith(".")


def test_every_check_rule_documents_all_sections():
    for rule in CHECK_RULES:
        for section in DOC_SECTIONS:
            assert f"\n{section}\n" in rule.doc, f"{rule.name}: no '{section}' section"
        assert rule.doc.lstrip().startswith(rule.name + ":")


def test_every_check_rule_has_failing_and_passing_cases():
    for rule in CHECK_RULES:
        path = ROOT / "tests" / "cases" / f"{rule.name}.yaml"
        assert path.exists(), f"no case file for {rule.name}"
        cases = yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]
        assert any(c["expect"] for c in cases), f"{rule.name}: no failing case"
        assert any(not c["expect"] for c in cases), f"{rule.name}: no passing case"


def test_readme_rule_table_lists_every_rule():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for rule in ALL_RULES:
        assert re.search(rf"\| {rule.code} \| `{rule.name}` \| {rule.severity.value} \|", readme), rule.name


def test_readme_and_docs_say_which_rules_fix():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for rule in ALL_RULES:
        fix = rule.fix_applicability.value if rule.fixable else ""
        assert re.search(rf"\| {rule.code} \| `{rule.name}` \| {rule.severity.value} \| {fix} \|", readme), rule.name
        if rule.fixable:
            section = rule.doc.split("\nFix\n", 1)[1]
            assert re.search(rf"{rule.fix_applicability.value.capitalize()}\s+autofix", section), rule.name
