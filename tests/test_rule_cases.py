"""Every rule against its own case file: tests/cases/<rule-name>.yaml.

A case file holds ``rule`` and ``cases``; each case has a ``name``, a ``lang``, the file
``text`` (front matter allowed: lines count from the first line of ``text``) and
``expect``, the list of ``"line:column"`` where the rule must report, nothing else.
An empty list is a passing case: the rule must stay silent.

Cross-version rules take ``versions`` (language -> file text) instead of ``lang``/``text``,
and ``expect`` entries are ``"lang:line:column"``; an optional ``source`` is the language
to compare with instead of the consensus.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from transcheck.engine import check_article
from transcheck.model import Article
from transcheck.rules import find_rule

from .conftest import findings_of, version_of

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
    if "versions" in case:
        versions = tuple(version_of(text, lang, f"{lang}.md") for lang, text in sorted(case["versions"].items()))
        found = check_article(Article("case", versions), (rule,), {v.path for v in versions}, case.get("source"))
        got = sorted(f"{f.lang}:{f.line}:{f.column}" for f in found)
    else:
        found = findings_of(case["text"], rule, case.get("lang", "en"))
        got = sorted(f"{f.line}:{f.column}" for f in found)
    assert got == sorted(case["expect"]), "\n".join(f"{f.line}:{f.column} {f.message}" for f in found)
    for f in found:
        assert f.rule == rule.name and f.message
