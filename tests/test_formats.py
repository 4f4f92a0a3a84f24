"""The machine formats of ``check``: SARIF (against the official schema), GitHub workflow
commands, JUnit XML."""

from __future__ import annotations

import json
import os
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transcheck.engine import Result, run
from transcheck.findings import Applicability, Edit, Finding, Fix, Severity
from transcheck.formats import FORMATS
from transcheck.github import annotation, escape_data, escape_property
from transcheck.rules import ALL_RULES, CHECK_RULES
from transcheck.sarif import FINGERPRINT, artifact_location

from .conftest import CORPUS, NAMES, needs_shared


@pytest.fixture(scope="module")
def real() -> Result:
    return run([str(needs_shared("realcorpus", "Texts"))])


@pytest.fixture(scope="module")
def seed() -> Result:
    return run([str(CORPUS)])


@pytest.fixture(scope="module")
def sarif_validator():
    import jsonschema

    schema = json.loads(needs_shared("schemas", "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    return jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)


def _schema_errors(validator, doc) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
            for e in sorted(validator.iter_errors(doc), key=lambda e: list(map(str, e.absolute_path)))][:10]


# -- SARIF ---------------------------------------------------------------------------------

def test_sarif_of_the_real_corpus_is_valid_sarif_2_1_0(real, sarif_validator):
    doc = json.loads(FORMATS["sarif"](real))
    assert _schema_errors(sarif_validator, doc) == []
    assert doc["version"] == "2.1.0" and len(doc["runs"]) == 1
    assert len(doc["runs"][0]["results"]) == len(real.findings) > 500


def test_sarif_of_the_seed_corpus_and_of_a_missing_path_is_valid(sarif_validator, tmp_path):
    doc = json.loads(FORMATS["sarif"](run([str(CORPUS), str(tmp_path / "nope.md")])))
    assert _schema_errors(sarif_validator, doc) == []
    invocation = doc["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert invocation["toolExecutionNotifications"][0]["message"]["text"].endswith("nope.md: no such file or directory")


def test_sarif_describes_every_rule_and_locates_every_finding(seed):
    run_ = json.loads(FORMATS["sarif"](seed))["runs"][0]
    assert run_["columnKind"] == "unicodeCodePoints"
    driver = run_["tool"]["driver"]
    assert driver["name"] == "transcheck"
    rules = driver["rules"]
    assert [(r["id"], r["name"]) for r in rules] == [(r.code, r.name) for r in ALL_RULES]
    levels = {"error": "error", "warning": "warning", "info": "note"}
    for descriptor, rule in zip(rules, ALL_RULES):
        assert descriptor["shortDescription"]["text"] == rule.summary
        assert descriptor["fullDescription"]["text"] and descriptor["help"]["text"] == rule.doc.strip()
        assert descriptor["defaultConfiguration"]["level"] == levels[rule.severity.value]
        if rule in CHECK_RULES:
            markdown = descriptor["help"]["markdown"]
            assert "**What it does**" in markdown and "**Fix**" in markdown
            assert "\n    " not in markdown  # the docs' indentation would make code blocks
    results = run_["results"]
    assert len(results) == len(seed.findings)
    for res, f in zip(results, seed.findings):
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"] == f.code
        assert res["level"] == levels[f.severity.value] and res["message"]["text"] == f.message
        loc = res["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"] == {"uri": Path(f.path).as_uri()}  # CORPUS is absolute
        assert loc["region"] == {"startLine": f.line, "startColumn": f.column, "endLine": f.end_line,
                                 "endColumn": f.end_column}
    fingerprints = [res["partialFingerprints"][FINGERPRINT] for res in results]
    assert len(set(fingerprints)) == len(fingerprints)


def test_sarif_uris_are_relative_to_the_working_directory_or_file_uris():
    assert artifact_location("corpus/a b/ä.md") == {"uri": "corpus/a%20b/%C3%A4.md", "uriBaseId": "%SRCROOT%"}
    assert artifact_location("/srv/x/fi.md") == {"uri": "file:///srv/x/fi.md"}
    # a name from bytes that are not UTF-8 (os.fsdecode's surrogates): those bytes, quoted
    assert artifact_location(os.fsdecode(b"a\xffb/fi.md")) == {"uri": "a%FFb/fi.md", "uriBaseId": "%SRCROOT%"}
    assert artifact_location(os.fsdecode(b"/srv/a\xffb/fi.md")) == {"uri": "file:///srv/a%FFb/fi.md"}


def _keys(value) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in _keys(v)}
    return set()


def test_sarif_is_the_same_bytes_on_every_run_and_has_no_timestamps(real):
    first = FORMATS["sarif"](real)
    assert FORMATS["sarif"](run([str(needs_shared("realcorpus", "Texts"))])) == first
    assert not {k for k in _keys(json.loads(first)) if "time" in k.lower() or k.endswith("Utc")}


def test_fingerprints_survive_lines_inserted_above_a_finding(tmp_path):
    texts = needs_shared("realcorpus", "Texts")
    for name in NAMES.values():
        (tmp_path / name).mkdir()
        shutil.copy(texts / name / "183-day-rule.md", tmp_path / name)

    def fingerprints():
        results = json.loads(FORMATS["sarif"](run([str(tmp_path)])))["runs"][0]["results"]
        return {res["partialFingerprints"][FINGERPRINT]: (res["ruleId"], res["message"]["text"],
                res["locations"][0]["physicalLocation"]["region"]["startLine"]) for res in results}

    before = fingerprints()
    path = tmp_path / "Finnish" / "183-day-rule.md"
    lines = path.read_text(encoding="utf-8").split("\n")
    closing = lines.index("---", 1)
    path.write_text("\n".join(lines[: closing + 1] + ["", "", ""] + lines[closing + 1 :]), encoding="utf-8")
    after = fingerprints()
    assert set(after) == set(before)
    shifted = [fp for fp in before if after[fp][2] == before[fp][2] + 3]
    assert len(shifted) >= 3 and all(after[fp][:2] == before[fp][:2] for fp in before)


# -- GitHub workflow commands --------------------------------------------------------------

@pytest.mark.parametrize("raw, data, prop", [
    ("plain text", "plain text", "plain text"),
    ("100%", "100%25", "100%25"),
    ("%0A stays text", "%250A stays text", "%250A stays text"),
    ("a\nb", "a%0Ab", "a%0Ab"),
    ("a\r\nb", "a%0D%0Ab", "a%0D%0Ab"),
    ("key: value, more", "key: value, more", "key%3A value%2C more"),
    ("::error::", "::error::", "%3A%3Aerror%3A%3A"),
    ("50%: a,b\n", "50%25: a,b%0A", "50%25%3A a%2Cb%0A"),
    ("ääkköset «»", "ääkköset «»", "ääkköset «»"),
])
def test_github_escaping(raw, data, prop):
    assert escape_data(raw) == data
    assert escape_property(raw) == prop


def _finding(**changes) -> Finding:
    f = Finding("docs/a,b/fi.md", 3, 5, 3, 9, "link-split", "TC201", Severity.WARNING, "50% of\nit", "fi", "a")
    return f._replace(**changes)


def test_github_annotation_of_a_finding():
    assert annotation(_finding()) == ("::warning file=docs/a%2Cb/fi.md,line=3,col=5,endLine=3,endColumn=9,"
                                      "title=TC201 link-split::50%25 of%0Ait")
    assert annotation(_finding(severity=Severity.ERROR)).startswith("::error file=")
    assert annotation(_finding(severity=Severity.INFO)).startswith("::notice file=")
    # A span over several lines is annotated at its start: GitHub takes columns on one line only.
    assert annotation(_finding(end_line=4, end_column=2)).startswith("::warning file=docs/a%2Cb/fi.md,line=3,col=5,"
                                                                     "title=")


def test_github_output_has_one_command_per_finding(seed, tmp_path):
    lines = FORMATS["github"](seed).splitlines()
    assert len(lines) == len(seed.findings)
    assert all(line.startswith(("::error file=", "::warning file=", "::notice file=")) for line in lines)
    missing = FORMATS["github"](run([str(CORPUS / "nope.md"), str(CORPUS)])).splitlines()
    assert missing[0] == f"::error title=transcheck::{CORPUS / 'nope.md'}: no such file or directory"


# -- JUnit XML -----------------------------------------------------------------------------

def test_junit_has_one_test_case_per_file_and_one_failure_per_finding(seed):
    root = ET.fromstring(FORMATS["junit"](seed))
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    assert suite.get("name") == "transcheck"
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == seed.checked and len(cases) == seed.files == 5
    for case in cases:
        mine = [f for f in seed.findings if f.path == case.get("name")]
        assert case.get("classname") == "social-media-optimization-smo"
        failures = case.findall("failure")
        assert [(x.get("type"), x.get("message")) for x in failures] == [(f"{f.code} {f.rule}", f.message)
                                                                         for f in mine]
        assert all(x.text.startswith(f"{case.get('name')}:") for x in failures)
    failing = sum(1 for c in cases if c.find("failure") is not None)
    for element in (root, suite):
        assert (element.get("tests"), element.get("failures"), element.get("errors")) == ("5", str(failing), "0")


def test_junit_passes_clean_files_reports_missing_paths_and_escapes(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "fi.md").write_text("# Otsikko\n\nTeksti.\n", encoding="utf-8")
    root = ET.fromstring(FORMATS["junit"](run([str(tmp_path), str(tmp_path / "nope.md")])))
    suite = root.find("testsuite")
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("2", "0", "1")
    missing, clean = suite.findall("testcase")
    assert missing.find("error").get("message") == "no such file or directory"
    assert clean.get("name").endswith("fi.md") and list(clean) == []

    message = 'a < b & "c" \x0c\x00 ]]> \u2028'
    result = Result(findings=[_finding(message=message)], files=1, checked=["docs/a,b/fi.md"])
    failure = ET.fromstring(FORMATS["junit"](result)).find("testsuite/testcase/failure")
    assert failure.get("message") == 'a < b & "c" \ufffd\ufffd ]]> \u2028'


# -- the command line: --output, --exit-zero -------------------------------------------------

def invoke(*args):
    from click.testing import CliRunner

    from transcheck.cli import main

    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_output_writes_the_format_to_a_file_and_nothing_to_stdout(fmt, tmp_path):
    out = tmp_path / f"report.{fmt}"
    result = invoke("check", CORPUS, "--format", fmt, "--output", out)
    assert result.exit_code == 1 and result.output == ""
    assert out.read_text(encoding="utf-8") == invoke("check", CORPUS, "--format", fmt).output
    assert [p.name for p in tmp_path.iterdir()] == [out.name]  # no temporary file left


@pytest.mark.parametrize("command,option", [("check", "--output"), ("check", "--write-baseline"),
                                            ("report", "--html"), ("report", "--markdown")])
def test_a_file_to_write_in_a_directory_that_does_not_exist_exits_2_naming_it(tmp_path, command, option):
    """--write-baseline, --html and --markdown were tracebacks (only --output was caught),
    and then a message that named the temporary file, not the user's."""
    target = tmp_path / "no" / "such" / "dir" / "out"
    result = invoke(command, CORPUS, option, target)
    assert result.exit_code == 2 and f"cannot write {target}: No such file or directory" in result.output, \
        result.output
    assert "Traceback" not in result.output and ".tmp" not in result.output


def test_exit_zero_ignores_findings_but_never_hides_an_input_error(tmp_path):
    assert invoke("check", CORPUS, "--exit-zero").exit_code == 0
    assert invoke("check", CORPUS, "--exit-zero", "--fail-on", "info", "--format", "sarif").exit_code == 0
    missing = invoke("check", CORPUS, tmp_path / "nope.md", "--exit-zero")
    assert missing.exit_code == 2 and "nope.md: no such file or directory" in missing.output
    assert invoke("check", tmp_path, "--exit-zero").exit_code == 2  # no input
    assert invoke("check", "--exit-zero").exit_code == 2  # usage


json_value = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.text(), st.floats(allow_nan=False)),
                          lambda inner: st.one_of(st.lists(inner), st.dictionaries(st.text(), inner)), max_leaves=30)


@settings(max_examples=300, deadline=None)
@given(json_value)
def test_json_output_is_what_json_dumps_writes(value):
    """The JSON output is written a finding at a time by formats._indented; it must be the
    bytes json.dumps(indent=2) writes (control characters, quotes, non-ASCII text, nesting)."""
    from transcheck.formats import _indented

    assert _indented(value, "\n") == json.dumps(value, ensure_ascii=False, indent=2)


_edit = st.builds(lambda a, n, r: Edit(a, a + n, r), st.integers(0, 10**6), st.integers(0, 50), st.text(max_size=20))


@st.composite
def any_finding(draw):
    fix = draw(st.none() | st.builds(lambda app, edits: Fix(app, tuple(edits)), st.sampled_from(Applicability),
                                     st.lists(_edit, max_size=3)))
    positions = tuple(draw(st.tuples(*[st.integers(1, 10**6)] * 4)) for _ in (fix.edits if fix else ()))
    text = st.text()
    return Finding(draw(text), *draw(st.tuples(*[st.integers(0, 10**9)] * 4)), draw(text), draw(text),
                   draw(st.sampled_from(Severity)), draw(text), draw(text), draw(text), 0, 0, fix, positions)


@settings(max_examples=300, deadline=None)
@given(any_finding())
def test_a_finding_is_written_as_json_dumps_writes_its_dict(finding):
    """formats.finding_json writes a finding without building its dict; it must be the bytes
    json.dumps(indent=2) writes for ``to_json()`` at its place in the output's list."""
    from transcheck.formats import finding_json

    expected = json.dumps({"findings": [finding.to_json()]}, ensure_ascii=False, indent=2)
    assert '{\n  "findings": [\n    ' + finding_json(finding) + "\n  ]\n}" == expected
