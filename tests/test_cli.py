"""The command line: formats, exit codes, rules listing, version."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from transcheck import __version__
from transcheck.cli import main
from transcheck.rules import ALL_RULES

from .conftest import CORPUS, ROOT, SHARED


def invoke(*args):
    return CliRunner().invoke(main, list(args))


def test_text_output_is_sorted_and_ends_with_a_summary():
    result = invoke("check", str(CORPUS))
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    body, hint, summary = lines[:-2], lines[-2], lines[-1]
    assert re.match(r"^\[\*\] \d+ fixable with `transcheck fix` \(\d+ more with `--unsafe-fixes`\)\.$", hint)
    pattern = re.compile(r"^(.+\.md):(\d+):(\d+): (TC\d{3})(?: \[\*\])? ([a-z-]+) (.+)$")
    keys = []
    for line in body:
        m = pattern.match(line)
        assert m, line
        keys.append((m.group(1), int(m.group(2)), int(m.group(3))))
    assert keys == sorted(keys)
    assert re.match(r"^\d+ findings \(\d+ errors, \d+ warnings\) in 5 files, 1 article\.$", summary)


def test_json_output_has_the_documented_shape():
    result = invoke("check", str(CORPUS), "--format", "json")
    assert result.exit_code == 1
    doc = json.loads(result.output)
    assert doc["version"] == 1
    keys = {"path", "line", "column", "end_line", "end_column", "rule", "code", "severity", "message", "lang",
            "article"}
    assert doc["findings"] and all(set(f) - {"fix"} == keys for f in doc["findings"])
    fixes = [f["fix"] for f in doc["findings"] if "fix" in f]
    assert fixes and all(set(fix) == {"applicability", "edits"} and fix["edits"] for fix in fixes)
    for fix in fixes:
        assert fix["applicability"] in ("safe", "unsafe")
        for edit in fix["edits"]:
            assert set(edit) == {"start", "end", "replacement"}
            assert set(edit["start"]) == set(edit["end"]) == {"line", "column", "offset"}
    summary = doc["summary"]
    assert set(summary) == {"files", "articles", "findings", "by_rule", "by_severity"}
    assert summary["files"] == 5 and summary["articles"] == 1
    assert summary["findings"] == len(doc["findings"]) == sum(summary["by_rule"].values())
    assert {f["article"] for f in doc["findings"]} == {"social-media-optimization-smo"}
    assert {f["lang"] for f in doc["findings"]} == {"fi", "sv", "pl", "is", "ru"}


def test_fail_on_sets_the_exit_code(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "fi.md").write_text("# Otsikko\n\nTeksti [sosiaalisen](/x) [median](/x) tässä.\n", encoding="utf-8")
    assert invoke("check", str(tmp_path)).exit_code == 1  # a warning, default --fail-on warning
    assert invoke("check", str(tmp_path), "--fail-on", "error").exit_code == 0
    (tmp_path / "a" / "fi.md").write_text("# Otsikko\n\nTeksti.\n", encoding="utf-8")
    result = invoke("check", str(tmp_path))
    assert result.exit_code == 0 and result.output.strip() == "0 findings in 1 file, 1 article."


def test_no_input_exits_2(tmp_path):
    result = invoke("check", str(tmp_path))
    assert result.exit_code == 2 and "no input" in result.output


def test_missing_path_is_reported_and_exits_2(tmp_path):
    (tmp_path / "fi.md").write_text("# Hei\n", encoding="utf-8")
    result = invoke("check", str(tmp_path / "fi.md"), str(tmp_path / "nope.md"))
    assert result.exit_code == 2
    assert "nope.md: no such file or directory" in result.output


def test_usage_error_exits_2():
    assert invoke("check").exit_code == 2
    assert invoke("check", str(CORPUS), "--format", "xml").exit_code == 2


def test_version():
    result = invoke("--version")
    assert result.exit_code == 0 and __version__ in result.output


def test_rules_lists_every_rule_and_prints_docs():
    result = invoke("rules")
    assert result.exit_code == 0
    for rule in ALL_RULES:
        assert rule.code in result.output and rule.name in result.output
    doc = invoke("rules", "heading-missing-space")
    assert doc.exit_code == 0 and "Why it matters" in doc.output and "## Höjdpunkter" in doc.output
    assert invoke("rules", "TC201").exit_code == 0
    assert invoke("rules", "no-such-rule").exit_code == 2


def test_console_script_runs_as_installed():
    out = subprocess.run([sys.executable, "-m", "transcheck", "check", "corpus/", "--format", "json"],
                         cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 1, out.stderr
    assert json.loads(out.stdout)["summary"]["files"] == 5


def _buffered() -> dict[str, str]:
    """The environment less PYTHONUNBUFFERED: a child's output buffered, as it usually is."""
    return {name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"}


def test_the_command_writes_all_its_output_before_it_ends(tmp_path):
    """The command ends without the interpreter's teardown (``cli.entry``): output written
    to a file, which Python buffers in full, is all there, the same as the in-process run
    gives, and the status is kept; for the installed script and for ``python -m``."""
    texts = SHARED / "realcorpus" / "Texts"
    args = ["check", "--no-cache", "--format", "json", str(texts)]
    expected = json.loads(CliRunner().invoke(main, args).output)
    assert len(expected["findings"]) > 100  # far more output than one buffer holds
    script = Path(sys.executable).with_name("transcheck")
    for command in ([sys.executable, "-m", "transcheck"], [str(script)]):
        target = tmp_path / "out.json"
        with target.open("w") as out:
            done = subprocess.run(command + args, stdout=out, stderr=subprocess.PIPE, text=True, env=_buffered())
        assert done.returncode == 1, done.stderr
        assert done.stderr == ""
        assert json.loads(target.read_text(encoding="utf-8")) == expected


def test_the_quick_end_flushes_what_the_command_left_in_the_buffers(tmp_path):
    """``entry`` flushes standard output and error before it ends the process (the command's
    own writes flush as they go; this holds for any that would not) and keeps the status."""
    code = ("import sys, transcheck.cli as cli\n"
            "def main():\n"
            "    sys.stdout.write('x' * 100)\n"
            "    sys.stderr.write('done')\n"
            "    sys.exit(3)\n"
            "cli.main = main\n"
            "cli.entry()\n")
    out, err = tmp_path / "out", tmp_path / "err"
    with out.open("w") as stdout, err.open("w") as stderr:
        status = subprocess.run([sys.executable, "-c", code], stdout=stdout, stderr=stderr, env=_buffered()).returncode
    assert status == 3
    assert out.read_text() == "x" * 100
    assert err.read_text() == "done"
