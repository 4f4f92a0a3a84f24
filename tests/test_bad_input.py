"""Bad input gives a finding or a clear message, never a traceback; other files go on."""

from __future__ import annotations

import json
import os

import pytest

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from transcheck.cli import main
from transcheck.engine import check_version, run
from transcheck.rules import VERSION_RULES

from .conftest import version_of


def _article(tmp_path, files: dict[str, bytes]):
    art = tmp_path / "article"
    art.mkdir()
    for name, data in files.items():
        (art / name).write_bytes(data)
    return art


GOOD = "---\ntitle: T\n---\n\n# T\n\n##Höjdpunkter\n".encode()


def test_bytes_that_are_not_utf8_give_read_error_with_byte_offset(tmp_path):
    bad = "---\ntitle: T\n---\n\nHyvä ".encode() + b"\xe4 teksti\n"
    art = _article(tmp_path, {"fi.md": bad, "sv.md": GOOD})
    result = run([str(art)])
    errors = [f for f in result.findings if f.rule == "read-error"]
    assert len(errors) == 1
    assert errors[0].path.endswith("fi.md") and errors[0].line == 5 and errors[0].column == 6
    offset = bad.index(bytes([0xE4]))
    assert f"byte {offset}" in errors[0].message
    assert any(f.rule == "heading-missing-space" and f.path.endswith("sv.md") for f in result.findings)


def test_invalid_yaml_gives_parse_error_at_its_line(tmp_path):
    bad = b"---\ntitle: ok\ndescription: [unclosed\nkeywords: x\n---\n\n##Hapunktar\n"
    art = _article(tmp_path, {"is.md": bad, "sv.md": GOOD})
    result = run([str(art)])
    parse = [f for f in result.findings if f.rule == "parse-error"]
    assert len(parse) == 1 and parse[0].path.endswith("is.md") and 3 <= parse[0].line <= 5
    # the Markdown body is still checked, and so is the other file
    assert {f.path[-5:] for f in result.findings if f.rule == "heading-missing-space"} == {"is.md", "sv.md"}


def test_empty_file_and_file_without_front_matter(tmp_path):
    art = _article(tmp_path, {"fi.md": b"", "sv.md": b"Bara text, ingen front matter.\n\n##Rubrik\n"})
    result = run([str(art)])
    rules = {(f.path[-5:], f.rule) for f in result.findings}
    assert ("fi.md", "file-empty") in rules
    assert ("sv.md", "heading-missing-space") in rules


def test_unreadable_path_is_a_finding(tmp_path):
    art = _article(tmp_path, {"sv.md": GOOD})
    os.symlink(tmp_path / "gone.md", art / "fi.md")  # dangling: exists as a name, cannot be read
    result = run([str(art / "fi.md"), str(art / "sv.md")])
    errors = [f for f in result.findings if f.rule == "read-error"]
    assert len(errors) == 1 and "cannot read" in errors[0].message


def test_binary_garbage_through_the_cli(tmp_path):
    art = _article(tmp_path, {"fi.md": bytes(range(256)) * 4, "sv.md": GOOD})
    result = CliRunner().invoke(main, ["check", str(art), "--format", "json"])
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.exit_code == 1 and '"read-error"' in result.output


def test_unlabelled_files_are_named_and_the_rest_is_checked(tmp_path):
    (tmp_path / "notes.md").write_text("Some text,. here\n", encoding="utf-8")
    art = _article(tmp_path, {"sv.md": GOOD})
    result = run([str(tmp_path)])
    unknown = [f for f in result.findings if f.rule == "language-unknown"]
    assert [f.path for f in unknown] == [str(tmp_path / "notes.md")]
    assert any(f.rule == "stray-punctuation" and f.path.endswith("notes.md") for f in result.findings)
    assert any(f.path == str(art / "sv.md") for f in result.findings)


@settings(max_examples=int(os.environ.get("TRANSCHECK_PROPERTY_EXAMPLES") or 300), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list("#-–—•*[]()!<>`\\\"'„”«» .,;:\n\r\t\u2028aäЖ1|>~_=")), max_size=300),
       st.sampled_from(["fi", "sv", "pl", "is", "ru", "en", "fr", ""]))
def test_rules_never_raise_on_arbitrary_markdown(text, lang):
    version = version_of(text, lang)
    findings = check_version(version, "fuzz", VERSION_RULES)
    assert not [f for f in findings if f.rule == "internal-error"]
    for f in findings:
        assert 1 <= f.line <= version.source.line_count and f.column >= 1
        assert (f.line, f.column) <= (f.end_line, f.end_column)


def test_a_failing_rule_becomes_an_internal_error_finding(tmp_path):
    from transcheck.engine import check_article, check_version
    from transcheck.model import Article
    from transcheck.rules.base import Rule
    from transcheck.findings import Severity

    def boom(_):
        raise ValueError("bad state")

    version = version_of("Text.\n", "fi", str(tmp_path / "fi.md"))
    for scope, call in (("version", lambda r: check_version(version, "a", (r,))),
                        ("article", lambda r: check_article(Article("a", (version,)), (r,), {version.path}))):
        rule = Rule("TC999", "boom", Severity.WARNING, "Fails.", boom, "boom", scope=scope)
        (finding,) = call(rule)
        assert finding.rule == "internal-error" and "boom failed" in finding.message and "bad state" in finding.message


def test_a_directory_named_with_bytes_that_are_not_utf8(tmp_path):
    """Python gives such a name as surrogates (os.fsdecode): every output, fingerprint, shard
    and written file takes it without a traceback, and a written file names the original
    bytes (it was a UnicodeEncodeError in SARIF, -o, the HTML page and --shard)."""
    import subprocess
    import sys

    article = tmp_path / os.fsdecode(b"a\xffb")
    article.mkdir()
    for lang, text in (("fi", "# Otsikko\n\nTeksti x ,. y.\n"), ("sv", "# Rubrik\n\nText x, y.\n")):
        (article / f"{lang}.md").write_text(text, encoding="utf-8")
    runs = [["check", "--no-cache", "--format", fmt, "-o", str(tmp_path / f"out.{fmt}")]
            for fmt in ("text", "json", "sarif", "junit", "github")]
    runs += [["check", "--no-cache", "--shard", "1/2"], ["check", "--no-cache", "--format", "sarif"],
             ["report", "--html", str(tmp_path / "r.html"), "--markdown", str(tmp_path / "r.md")],
             ["fix", "--diff"]]
    for args in runs:
        done = subprocess.run([sys.executable, "-m", "transcheck", *args, str(tmp_path)], capture_output=True)
        assert done.returncode in (0, 1), (args, done.stderr.decode(errors="replace")[-400:])
        assert b"Traceback" not in done.stderr
    assert b"a\xffb/fi.md" in (tmp_path / "out.text").read_bytes()
    # JSON and SARIF stay UTF-8 (a reader refused the document whole): the bytes as escapes,
    # which a JSON reader gives back as the name Python made of them
    findings = json.loads((tmp_path / "out.json").read_bytes().decode("utf-8"))["findings"]
    assert os.fsencode(findings[0]["path"]) == os.fsencode(str(article / "fi.md"))
    sarif = json.loads((tmp_path / "out.sarif").read_bytes().decode("utf-8"))
    assert sarif["runs"][0]["results"][0]["properties"]["article"] == article.name
    # a relative path: SARIF quotes it itself (a UnicodeEncodeError until session 10), as its bytes
    done = subprocess.run([sys.executable, "-m", "transcheck", "check", "--no-cache", "--format", "sarif", "."],
                          capture_output=True, cwd=tmp_path)
    assert done.returncode == 1 and b"Traceback" not in done.stderr, done.stderr[-400:]
    uris = {result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for result in json.loads(done.stdout.decode("utf-8"))["runs"][0]["results"]}
    assert "a%FFb/fi.md" in uris


def test_a_baseline_and_merged_shards_of_an_undecodable_name_are_utf8_and_read_back(tmp_path):
    import subprocess
    import sys

    article = tmp_path / "c" / os.fsdecode(b"a\xffb")
    article.mkdir(parents=True)
    for lang, text in (("fi", "# Otsikko\n\nTeksti x ,. y.\n"), ("sv", "# Rubrik\n\nText x, y.\n")):
        (article / f"{lang}.md").write_text(text, encoding="utf-8")

    def transcheck(*args):
        done = subprocess.run([sys.executable, "-m", "transcheck", *args], capture_output=True, cwd=tmp_path)
        assert b"Traceback" not in done.stderr, done.stderr[-400:]
        return done

    assert transcheck("check", "--no-cache", "--write-baseline", "base.json", "c").returncode == 0
    json.loads((tmp_path / "base.json").read_bytes().decode("utf-8"))
    done = transcheck("check", "--no-cache", "--baseline", "base.json", "c")
    assert done.returncode == 0 and b"not shown" in done.stderr  # every finding known: the names matched
    for k in (1, 2):
        transcheck("check", "--no-cache", "--format", "json", "--shard", f"{k}/2", "-o", f"s{k}.json", "c")
    merged = transcheck("merge", "s1.json", "s2.json").stdout
    whole = transcheck("check", "--no-cache", "--format", "json", "c").stdout
    assert merged == whole and json.loads(merged.decode("utf-8"))["findings"]


@pytest.mark.parametrize("encoding", ["utf-8:strict", "latin-1:strict"])
def test_standard_output_with_strict_errors_takes_an_undecodable_name_and_any_text(tmp_path, encoding):
    """In a UTF-8 locale (en_US.UTF-8) Python writes standard output with ``strict`` errors,
    so printing a name that is not UTF-8 (a lone surrogate) ended check, report and fix
    --diff with a traceback halfway through; on a Latin-1 terminal so did a Polish ł. The
    name's bytes are now written back as they were and a character the encoding lacks as
    an escape (\\u0142)."""
    import subprocess
    import sys

    article = tmp_path / os.fsdecode(b"a\xffb")
    article.mkdir()
    for lang, text in (("fi", "# Otsikko\n\nTeksti x ,. y.\n"), ("pl", "# Tytuł\n\nTekst x ,. y, łódź.\n")):
        (article / f"{lang}.md").write_text(text, encoding="utf-8")
    env = dict(os.environ, PYTHONIOENCODING=encoding)
    for args, status in ((["check", "--no-cache"], 1), (["check", "--no-cache", "--format", "github"], 1),
                         (["report"], 0), (["fix", "--diff"], 0), (["align"], 0)):  # fix: nothing would remain
        done = subprocess.run([sys.executable, "-m", "transcheck", *args, "."], capture_output=True, cwd=tmp_path,
                              env=env)
        assert b"Traceback" not in done.stderr, (args, done.stderr[-400:])
        assert done.returncode == status, args
        assert b"a\xffb" in done.stdout, args
        if encoding.startswith("latin-1") and args[0] == "report":  # it quotes the Polish line
            assert b"Tekst x ,. y, \\u0142\xf3d\\u017a." in done.stdout


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (Linux)")
def test_a_full_disk_on_standard_output_is_a_message_and_status_2(tmp_path):
    """`transcheck check corpus/ > out.txt` on a full disk (here /dev/full, where every
    write fails with ENOSPC) ended in a traceback; click's own --help and --version too.
    Now: one line on standard error, status 2 (not 1: the findings were not delivered),
    and the files a `fix` was asked to fix are fixed all the same."""
    import subprocess
    import sys

    article = tmp_path / "a"
    article.mkdir()
    for lang, text in (("fi", "# Otsikko\n\nTeksti x ,. y.\n"), ("sv", "# Rubrik\n\nText x ,. y.\n")):
        (article / f"{lang}.md").write_text(text, encoding="utf-8")
    for args in (["check", "--no-cache", "a"], ["check", "--no-cache", "--format", "json", "a"],
                 ["check", "--no-cache", "--format", "sarif", "a"], ["report", "a"], ["align", "a"],
                 ["fix", "--diff", "a"], ["fix", "--check", "a"], ["rules"], ["--version"], ["--help"], ["fix", "a"]):
        with open("/dev/full", "w") as full:
            done = subprocess.run([sys.executable, "-m", "transcheck", *args], stdout=full, stderr=subprocess.PIPE,
                                  cwd=tmp_path)
        assert done.returncode == 2, (args, done.stderr[-400:])
        assert b"Traceback" not in done.stderr and b"Exception ignored" not in done.stderr, (args, done.stderr[-400:])
        assert done.stderr.decode().strip().endswith("No space left on device"), (args, done.stderr[-400:])
    assert (article / "fi.md").read_text(encoding="utf-8") != "# Otsikko\n\nTeksti x ,. y.\n"  # `fix a` fixed it
    with open("/dev/full", "w") as full:  # standard error full too: the status alone still tells
        done = subprocess.run([sys.executable, "-m", "transcheck", "check", "--no-cache", "missing"], stdout=full,
                              stderr=full, cwd=tmp_path)
    assert done.returncode == 2


def test_a_closed_standard_output_takes_nothing_and_the_status_still_tells(tmp_path):
    """`transcheck check ... >&-`: Python has no sys.stdout; the streamed formats wrote to
    it and raised AttributeError. Now the output goes nowhere, as click.echo's does, and the
    status still says whether there were findings."""
    import subprocess
    import sys

    (tmp_path / "fi.md").write_text("# Otsikko\n\nTeksti x ,. y.\n", encoding="utf-8")
    for fmt, status in (("text", 1), ("json", 1), ("sarif", 1)):
        done = subprocess.run(f'"{sys.executable}" -m transcheck check --no-cache --format {fmt} fi.md >&-',
                              shell=True, stderr=subprocess.PIPE, cwd=tmp_path)
        assert done.returncode == status and b"Traceback" not in done.stderr, (fmt, done.stderr[-400:])
