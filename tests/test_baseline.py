"""The baseline: recorded findings stay hidden through edits that shift lines; new ones
are reported; a baseline that cannot be used is an error (exit 2)."""

from __future__ import annotations

import os

import json
import re
import shutil

import pytest
from click.testing import CliRunner

from transcheck.cli import main
from transcheck.engine import run
from transcheck.findings import Finding, Severity
from transcheck.fingerprint import fingerprint, fingerprints

from .conftest import NAMES, SEED_DIR, needs_shared


def invoke(*args):
    try:
        runner = CliRunner(mix_stderr=False)  # click < 8.2 mixes stderr into output unless told
    except TypeError:
        runner = CliRunner()  # click >= 8.2 keeps stdout and stderr apart
    return runner.invoke(main, [str(a) for a in args])


def edit(path, change):
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")


def insert(at: int, text: str):
    """An edit inserting ``text`` (lines) above 0-based line ``at``."""
    def change(original: str) -> str:
        lines = original.split("\n")
        lines[at:at] = text.split("\n")
        return "\n".join(lines)
    return change


def findings_of(result) -> list[str]:
    """The finding lines of text output (not the summary or the fixable count), without the
    fixable mark."""
    return [line.replace(" [*] ", " ", 1) for line in result.stdout.splitlines()
            if re.match(r".+:\d+:\d+: TC\d{3} ", line)]


@pytest.fixture
def seed(tmp_path):
    article = tmp_path / "corpus" / "social-media-optimization-smo"
    shutil.copytree(SEED_DIR, article)
    return article


def test_write_then_check_reports_nothing(seed, tmp_path):
    baseline = tmp_path / "baseline.json"
    written = invoke("check", seed, "--write-baseline", baseline)
    assert written.exit_code == 0 and written.stdout == ""
    assert "recorded 21 findings in" in written.stderr
    result = invoke("check", seed, "--baseline", baseline)
    assert result.exit_code == 0, result.stdout
    assert result.stdout == "0 findings in 5 files, 1 article.\n"
    assert "21 findings recorded in" in result.stderr


def test_lines_shifted_and_blank_lines_added_keep_findings_hidden(seed, tmp_path):
    baseline = tmp_path / "baseline.json"
    invoke("check", seed, "--write-baseline", baseline)
    # Lines above every finding (a comment and blank lines after the front matter) ...
    edit(seed / "sv.md", insert(5, "\n<!-- reviewed by the Swedish desk -->\n\n"))
    edit(seed / "fi.md", insert(5, "\n\n\n"))
    # ... and blank lines between and inside the paragraphs' neighbourhood elsewhere.
    edit(seed / "pl.md", lambda text: text.replace("\n\n", "\n\n\n"))
    edit(seed / "ru.md", insert(26, "\n"))
    result = invoke("check", seed, "--baseline", baseline)
    assert result.exit_code == 0, result.stdout
    assert findings_of(result) == []


def test_a_new_defect_is_reported_alone(seed, tmp_path):
    baseline = tmp_path / "baseline.json"
    invoke("check", seed, "--write-baseline", baseline)
    edit(seed / "sv.md", insert(5, "\n"))
    edit(seed / "sv.md", lambda text: text.replace("## Strategier för", "##Strategier för"))
    result = invoke("check", seed, "--baseline", baseline)
    assert result.exit_code == 1
    new = findings_of(result)
    assert len(new) == 1 and new[0].startswith(f"{seed / 'sv.md'}:22:1: TC101 heading-missing-space")


def test_an_edit_of_the_defective_text_makes_it_new(seed, tmp_path):
    baseline = tmp_path / "baseline.json"
    invoke("check", seed, "--write-baseline", baseline)
    edit(seed / "sv.md", lambda text: text.replace("[viral marknadsföring](/viral-marketing),. försöker",
                                                   "[viral marknadsföring](/viral-marketing),. strävar"))
    new = findings_of(invoke("check", seed, "--baseline", baseline))
    assert len(new) == 1 and "TC301 stray-punctuation" in new[0]


def test_a_baseline_matches_from_another_working_directory(seed, tmp_path, monkeypatch):
    baseline = tmp_path / "baseline.json"
    monkeypatch.chdir(tmp_path)
    invoke("check", "corpus", "--write-baseline", "baseline.json")
    assert {e["path"].split("/")[0] for e in json.loads(baseline.read_text())["entries"]} == {"corpus"}
    monkeypatch.chdir(seed)
    # Named from inside the article's directory, the files still belong to the article by its name.
    assert {f.article for f in run(["."]).findings} == {"social-media-optimization-smo"}
    assert invoke("check", ".", "--baseline", baseline).exit_code == 0
    assert invoke("check", "sv.md", "--baseline", "../../baseline.json").exit_code == 0


def test_the_baseline_file_is_sorted_and_stable(seed, tmp_path):
    first, second = tmp_path / "one.json", tmp_path / "two.json"
    invoke("check", seed, "--write-baseline", first)
    invoke("check", seed, "--write-baseline", second)
    assert first.read_bytes() == second.read_bytes()
    doc = json.loads(first.read_text(encoding="utf-8"))
    assert doc["format"] == "transcheck-baseline" and doc["version"] == 1
    entries = doc["entries"]
    assert len(entries) == 21
    assert all(set(e) == {"fingerprint", "path", "rule", "lang", "article", "message"} for e in entries)
    assert [(e["path"], e["rule"], e["fingerprint"]) for e in entries] == sorted(
        (e["path"], e["rule"], e["fingerprint"]) for e in entries)


def test_identical_findings_are_counted(tmp_path):
    """Two identical findings recorded hide two; a third is new."""
    (tmp_path / "a").mkdir()
    path = tmp_path / "a" / "fi.md"
    line = "Strategia, jota kutsutaan [viraalimarkkinoinniksi](/viral-marketing),. pyritään leviämään."
    path.write_text(f"# Otsikko\n\n{line}\n\n{line}\n", encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    invoke("check", path, "--write-baseline", baseline)
    fps = [e["fingerprint"] for e in json.loads(baseline.read_text())["entries"]]
    assert len(fps) == 2 and fps[0].split(":")[0] == fps[1].split(":")[0] and fps[0] != fps[1]
    assert invoke("check", path, "--baseline", baseline).exit_code == 0
    path.write_text(f"# Otsikko\n\n{line}\n\n{line}\n\n{line}\n", encoding="utf-8")
    new = findings_of(invoke("check", path, "--baseline", baseline))
    assert len(new) == 1 and "TC301 stray-punctuation" in new[0]


BAD = [
    # id, file content (None: no file), what the message says
    ("missing", None, "cannot read the baseline {path}: No such file or directory; write one with --write-baseline"),
    ("corrupt", '{"format": "transcheck-baseline", "version": 1, "entries": [',
     "the baseline {path} is not valid JSON (line 1, column 61: Expecting value); write it again with "
     "--write-baseline"),
    ("not UTF-8", b"\xff\xfe{}", "the baseline {path} is not UTF-8 text (byte 0); write it again with --write-baseline"),
    ("foreign: check --format json output", '{"version": 1, "findings": [], "summary": {}}',
     '{path} is not a transcheck baseline (it has no "format": "transcheck-baseline"); write one with '
     "--write-baseline"),
    ("foreign: a list", "[]", '{path} is not a transcheck baseline (it has no "format": "transcheck-baseline"); '
                              "write one with --write-baseline"),
    ("a later version", '{"format": "transcheck-baseline", "version": 2, "entries": []}',
     "the baseline {path} has version 2; this transcheck reads version 1: write it again with --write-baseline"),
    ("no entries", '{"format": "transcheck-baseline", "version": 1}',
     'the baseline {path} has no list of "entries"; write it again with --write-baseline'),
    ("nested too deep", "[" * 200_000,
     "the baseline {path} is not a transcheck baseline (its JSON is nested too deep to read); write it again "
     "with --write-baseline"),
    ("a damaged entry", '{"format": "transcheck-baseline", "version": 1, "entries": [{"path": "fi.md"}]}',
     'the baseline {path} is damaged: entry 1 has no "path" or "fingerprint" string; write it again with '
     "--write-baseline"),
]


@pytest.mark.parametrize("content, message", [c[1:] for c in BAD], ids=[c[0] for c in BAD])
def test_a_baseline_that_cannot_be_used_exits_2_with_a_message(seed, tmp_path, content, message):
    path = tmp_path / "baseline.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content, encoding="utf-8")
    result = invoke("check", seed, "--baseline", path)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == "transcheck: " + message.format(path=path) + "\n"


def test_baseline_and_write_baseline_together_is_a_usage_error(seed, tmp_path):
    result = invoke("check", seed, "--baseline", tmp_path / "a.json", "--write-baseline", tmp_path / "b.json")
    assert result.exit_code == 2 and "cannot be used together" in result.stderr
    assert not (tmp_path / "b.json").exists()


def test_write_baseline_with_a_missing_path_exits_2(seed, tmp_path):
    result = invoke("check", seed, tmp_path / "nope.md", "--write-baseline", tmp_path / "b.json")
    assert result.exit_code == 2


def _finding(offset: int, end: int, **kw) -> Finding:
    fields = dict(path="fi.md", line=1, column=1, end_line=1, end_column=1, rule="stray-punctuation",
                  code="TC301", severity=Severity.WARNING, message="m", lang="fi", article="a")
    fields.update(kw)
    return Finding(offset=offset, end_offset=end, **fields)


def test_fingerprint_reads_the_text_around_the_span_not_its_position():
    text = "# T\n\nSome words before ,. and after.\n"
    at = text.index(",.")
    base = fingerprint(_finding(at, at + 2), text)
    moved = "\n\n\n" + text.replace("\n\n", "\n\n\n")
    assert fingerprint(_finding(at + 3, at + 5, line=9, column=30), moved) == base
    reflowed = text.replace("Some words", "Some  words\t")  # whitespace only
    assert fingerprint(_finding(at + 2, at + 4), reflowed) == base
    assert fingerprint(_finding(at, at + 2, message="another message"), text) == base
    assert fingerprint(_finding(at, at + 2, rule="link-split"), text) != base
    assert fingerprint(_finding(at, at + 2, lang="sv"), text) != base
    assert fingerprint(_finding(at, at + 2, article="b"), text) != base
    changed = text.replace("before", "beforehand")
    assert fingerprint(_finding(at + 4, at + 6), changed) != base
    far = "# Another title\n\nA new paragraph far above.\n" + text
    assert fingerprint(_finding(at + len(far) - len(text), at + len(far) - len(text) + 2), far) == base
    assert fingerprint(_finding(0, 0), None) == fingerprint(_finding(5, 9), None)
    assert len(base) == 16 and int(base, 16) >= 0


def test_fingerprints_number_identical_findings_in_file_order():
    text = "x ,. y\nx ,. y\n"
    a, b = _finding(2, 4, line=1, column=3), _finding(9, 11, line=2, column=3)
    other = _finding(2, 4, path="sv.md", line=1, column=3)
    fps = fingerprints([b, a, other], {"fi.md": text, "sv.md": text})
    base = fingerprint(a, text)
    assert fps == [f"{base}:1", f"{base}:0", f"{base}:0"]


def test_real_corpus_baseline_survives_shifted_lines(tmp_path):
    """One real article in six languages: record, shift lines in every version, add one defect."""
    texts = needs_shared("realcorpus", "Texts")
    slug = "a-michael-spence"
    for name in NAMES.values():
        (tmp_path / name).mkdir()
        shutil.copy(texts / name / f"{slug}.md", tmp_path / name / f"{slug}.md")
    baseline = tmp_path / "baseline.json"
    before = run([str(tmp_path)]).findings
    assert len(before) > 10
    assert invoke("check", tmp_path, "--write-baseline", baseline).exit_code == 0
    for name in NAMES.values():
        path = tmp_path / name / f"{slug}.md"
        body = path.read_text(encoding="utf-8").split("\n").index("---", 1) + 1
        edit(path, insert(body, "\n<!-- checked -->\n"))
        edit(path, lambda text: text.replace("\n\n", "\n\n\n", 3))
    assert findings_of(invoke("check", tmp_path, "--baseline", baseline)) == []
    edit(tmp_path / "Finnish" / f"{slug}.md", lambda text: text.replace("\n## ", "\n##", 1))
    new = findings_of(invoke("check", tmp_path, "--baseline", baseline))
    assert len(new) == 1 and "Finnish" in new[0] and "TC101 heading-missing-space" in new[0]


def test_sarif_and_baseline_never_reopen_a_file_the_check_could_not_read(tmp_path):
    """Fingerprints read the texts of the files with findings again; a FIFO (reported as a
    read-error) must not be opened for that, or the run would wait for a writer for ever."""
    import subprocess
    import sys

    art = tmp_path / "a"
    art.mkdir()
    (art / "fi.md").write_text("# Otsikko\n\n##Kohokohdat\n", encoding="utf-8")
    (art / "sv.md").write_text("# Rubrik\n\n## Höjdpunkter\n", encoding="utf-8")
    os.mkfifo(art / "pl.md")
    for extra in (["--format", "sarif"], ["--write-baseline", str(tmp_path / "b.json")]):
        done = subprocess.run([sys.executable, "-m", "transcheck", "check", str(art), "--no-cache", *extra],
                              capture_output=True, text=True, timeout=60)
        assert done.returncode in (0, 1), done.stderr
        assert "Traceback" not in done.stderr
    assert "pl.md" in (tmp_path / "b.json").read_text(encoding="utf-8")
