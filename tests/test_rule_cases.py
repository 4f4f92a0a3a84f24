"""Every rule against its own case file: tests/cases/<rule-name>.yaml.

A case file holds ``rule`` and ``cases``; each case has a ``name``, a ``lang``, the file
``text`` (front matter allowed: lines count from the first line of ``text``) and
``expect``, the list of ``"line:column"`` where the rule must report, nothing else.
An empty list is a passing case: the rule must stay silent.

Cross-version rules take ``versions`` (language -> file text) instead of ``lang``/``text``,
and ``expect`` entries are ``"lang:line:column"``; an optional ``source`` is the language
to compare with instead of the consensus. Two versions in one language are keyed
``lang/name`` (the file ``name/lang.md``; ``expect`` entries then ``"lang/name:line:column"``).

For a fixable rule, ``fixed`` is the text after ``transcheck fix --unsafe-fixes`` with only
this rule (for cross-version cases: language -> fixed text, for the versions that change).
The harness also checks that fixing the fixed text changes nothing (idempotence), that no
fixable finding of the rule is left, and that a case without ``fixed`` is left untouched.
``refused`` lists the ``"line:column"`` of findings whose fix the fixer must refuse.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from transcheck.engine import check_article
from transcheck.fixer import fix_article
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
        versions = _versions(case)
        key_of = {_path(key): key for key in case["versions"]}
        found = check_article(Article("case", versions), (rule,), {v.path for v in versions}, case.get("source"))
        got = sorted(f"{key_of[f.path]}:{f.line}:{f.column}" for f in found)
    else:
        found = findings_of(case["text"], rule, case.get("lang", "en"))
        got = sorted(f"{f.line}:{f.column}" for f in found)
    assert got == sorted(case["expect"]), "\n".join(f"{f.line}:{f.column} {f.message}" for f in found)
    for f in found:
        assert f.rule == rule.name and f.message


def _fixable_cases():
    for rule_name, case in (p.values for p in _load()):
        if find_rule(rule_name).fixable:
            yield pytest.param(rule_name, case, id=f"{rule_name}: {case['name']}")


def _path(key: str) -> str:
    """The file of a version's key: ``fi`` -> ``fi.md``, ``fi/b`` -> ``b/fi.md``."""
    lang, _, name = key.partition("/")
    return f"{name}/{lang}.md" if name else f"{lang}.md"


def _versions(case):
    if "versions" in case:
        return tuple(version_of(text, key.partition("/")[0], _path(key))
                     for key, text in sorted(case["versions"].items()))
    return (version_of(case["text"], case.get("lang", "en")),)


def _fix(rule, versions, source=None):
    article = Article("case", versions)
    return fix_article(article, (rule,), {v.path for v in versions}, unsafe=True, source=source)


@pytest.mark.parametrize("rule_name, case", list(_fixable_cases()))
def test_fix_case(rule_name, case):
    rule = find_rule(rule_name)
    versions = _versions(case)
    done = _fix(rule, versions, case.get("source"))
    got = {v.path: done.files[v.path].text for v in versions}
    if "versions" in case:
        want = {_path(key): text for key, text in case["versions"].items()} | {
            _path(key): text for key, text in (case.get("fixed") or {}).items()}
    else:
        want = {"case.md": case.get("fixed", case["text"])}
    assert got == want
    refused = sorted(f"{r.finding.line}:{r.finding.column}" for f in done.files.values() for r in f.refused)
    assert refused == sorted(case.get("refused", [])), [r.reason for f in done.files.values() for r in f.refused]
    # idempotent, and nothing the rule could fix is left
    again = _fix(rule, done.article.versions, case.get("source"))
    assert all(not f.changed for f in again.files.values())
    if not refused:
        left = _findings(rule, done.article.versions, case.get("source"))
        assert not [f for f in left if f.fix is not None], [f.message for f in left]


def _findings(rule, versions, source=None):
    from transcheck.engine import check_version

    if rule.scope == "article":
        return check_article(Article("case", versions), (rule,), {v.path for v in versions}, source)
    return [f for v in versions for f in check_version(v, "case", (rule,))]


def test_a_long_split_link_is_quoted_in_part_and_fixed_whole():
    """A run of 40 links to one target (converted text can have hundreds) is one finding
    whose message quotes the first and the last texts, not all 40; its fix joins them all."""
    from transcheck.engine import check_version
    from transcheck.fixer import apply_edits

    from .conftest import version_of

    text = "Katso " + " ".join(f"[sana{i}](/x)" for i in range(40)) + " tästä.\n"
    version = version_of(text, "fi")
    [found] = check_version(version, "a", (find_rule("link-split"),))
    assert found.message == ("one link split in 40: [sana0] [sana1] [sana2] [sana3] … [sana39] all go to /x; "
                             "make it one link: [sana0 sana1 sana2 sana3 … sana39](/x)")
    assert apply_edits(text, found.fix.edits) == "Katso [" + " ".join(f"sana{i}" for i in range(40)) + "](/x) tästä.\n"


def test_a_source_names_its_own_form_of_a_missing_name():
    """entity-missing with --source fi, where the version read first writes a name in another
    form than the source (Nobla, Nobel; fi: Нобель): the message names the source's form."""
    data = yaml.safe_load((CASES / "entity-missing.yaml").read_text(encoding="utf-8"))
    case = next(c for c in data["cases"] if c["name"].startswith("with a source whose name is in another script"))
    versions = _versions(case)
    found = check_article(Article("case", versions), (find_rule("entity-missing"),), {v.path for v in versions}, "fi")
    [sv] = [f for f in found if f.lang == "sv"]
    assert sv.message.startswith("name `Нобель` missing from `description`: fi have it")
