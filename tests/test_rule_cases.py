"""Every rule against its own case file: tests/cases/<rule-name>.yaml.

A case file holds ``rule`` and ``cases``; each case has a ``name``, a ``lang``, the file
``text`` (front matter allowed: lines count from the first line of ``text``) and
``expect``, the list of ``"line:column"`` where the rule must report, nothing else.
An empty list is a passing case: the rule must stay silent.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from transcheck.rules import find_rule

from .conftest import findings_of

CASES = Path(__file__).parent / "cases"


def _load():
    for path in sorted(CASES.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in data["cases"]:
            yield pytest.param(data["rule"], case, id=f"{data['rule']}: {case['name']}")


@pytest.mark.parametrize("rule_name, case", list(_load()))
def test_case(rule_name, case):
    rule = find_rule(rule_name)
    assert rule is not None, f"unknown rule {rule_name}"
    found = findings_of(case["text"], rule, case.get("lang", "en"))
    got = sorted(f"{f.line}:{f.column}" for f in found)
    assert got == sorted(case["expect"]), "\n".join(f"{f.line}:{f.column} {f.message}" for f in found)
    for f in found:
        assert f.rule == rule.name and f.message
