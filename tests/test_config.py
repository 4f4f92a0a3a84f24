"""Configuration, rule selection and their error messages, as tables."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from transcheck.cli import main
from transcheck.config import Config, ConfigError, find, parse
from transcheck.rules import ALL_RULES
from transcheck.selection import SelectionError, selected, validate

from .conftest import SEED_DIR, SHARED

RULE_NAMES = {rule.name for rule in ALL_RULES}


def names(rules) -> set[str]:
    return {rule.name for rule in rules}


# -- selection: the most explicit selector decides ------------------------------------------
@pytest.mark.parametrize("select, ignore, extend, runs, skipped", [
    (["ALL"], [], [], {"stray-punctuation", "link-split"}, set()),
    (["TC3"], [], [], {"stray-punctuation", "space-before-punctuation"}, {"link-split", "number-mismatch"}),
    (["TC3"], ["stray-punctuation"], [], {"space-before-punctuation"}, {"stray-punctuation"}),
    (["stray-punctuation"], ["TC3"], [], {"stray-punctuation"}, {"space-before-punctuation"}),
    (["TC301"], ["TC3"], [], {"stray-punctuation"}, {"space-before-punctuation"}),
    (["TC30"], ["TC3"], [], {"stray-punctuation", "unbalanced-brackets"}, set()),
    (["TC3"], ["TC3"], [], set(), {"stray-punctuation"}),  # equally explicit: ignore wins
    (["ALL"], ["TC5"], [], {"link-split"}, {"number-mismatch", "section-missing"}),
    (["TC2"], [], ["TC101"], {"link-split", "heading-missing-space"}, {"stray-punctuation"}),
    (["tc3"], [], [], {"stray-punctuation"}, {"link-split"}),  # codes are case-insensitive
    # Input rules run whatever is selected, unless ignored by name or code.
    (["TC2"], [], [], {"read-error", "internal-error"}, set()),
    (["ALL"], ["TC0"], [], {"read-error"}, set()),
    (["ALL"], ["read-error"], [], {"parse-error"}, {"read-error"}),
])
def test_selection(select, ignore, extend, runs, skipped):
    chosen = names(selected(ALL_RULES, select, ignore, extend))
    assert runs <= chosen and not (skipped & chosen)


@pytest.mark.parametrize("selector", ["TC999", "TC7", "stray-punctuations", "X", ""])
def test_unknown_selector_is_named(selector):
    with pytest.raises(SelectionError, match=f"unknown rule or code '{selector}' in --select"):
        validate([selector], ALL_RULES, "--select")


# -- the configuration file: every wrong key or value is named -----------------------------
@pytest.mark.parametrize("toml, message", [
    ('unknown = 1', "unknown key 'unknown'; known keys: languages, source"),
    ('fail_on = "error"', "unknown key 'fail_on' (did you mean 'fail-on'?)"),
    ('select = ["TC999"]', "unknown rule or code 'TC999' in {file}: select;"),
    ('ignore = ["no-such-rule"]', "unknown rule or code 'no-such-rule' in {file}: ignore;"),
    ('select = "TC3"\nignore = [1]', "ignore must be a list of strings, not [1]"),
    ('fail-on = "fatal"', "fail-on: 'fatal' is not one of info, warning, error"),
    ('layout = "flat"', "layout: 'flat' is not one of"),
    ('languages = ["fi", "xx"]', "languages: 'xx' is not a language code or name"),
    ('source = "Klingon"', "source: 'Klingon' is not a language code or name"),
    ('[severity]\nTC301 = "fatal"', "severity: TC301 = 'fatal' is not one of info, warning, error"),
    ('[severity]\nTC9 = "error"', "unknown rule or code 'TC9' in {file}: severity"),
    ('[per-file-ignores]\n"*/sv.md" = ["nope"]', "unknown rule or code 'nope' in {file}: per-file-ignores '*/sv.md'"),
    ('[per-file-ignores]\n"*/sv.md" = 3', "per-file-ignores: '*/sv.md' must map to a list of rules"),
    ('[rules.length-outlier]\nshrt = 0.5',
     "rules.length-outlier: unknown option 'shrt' (options of length-outlier: short, long, spread, min-chars)"),
    ('[rules.length-outlier]\nshort = "low"', "rules.length-outlier.short must be a float, not 'low'"),
    ('[rules.length-outlier]\nmin-chars = true', "rules.length-outlier.min-chars must be a int, not True"),
    ('[rules.stray-punctuation]\nx = 1', "unknown option 'x' (options of stray-punctuation: none)"),
    ('[rules.no-such-rule]\nx = 1', "rules: unknown rule 'no-such-rule'"),
    ('select = [', "not valid TOML"),
])
def test_bad_configuration_is_an_error_naming_it(tmp_path, toml, message):
    article = copy_seeds(tmp_path)
    config = tmp_path / "transcheck.toml"
    config.write_text(toml + "\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["check", str(article)])
    assert res.exit_code == 2
    assert message.format(file=config) in res.output, res.output
    assert "Traceback" not in res.output


def test_pyproject_needs_the_tool_table_and_transcheck_toml_comes_first(tmp_path):
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    (tmp_path / "pyproject.toml").write_text('[tool.transcheck]\nsource = "en"\n', encoding="utf-8")
    (tmp_path / "a" / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    path, table = find(str(deep))
    assert path == tmp_path / "pyproject.toml" and table == {"source": "en"}
    (tmp_path / "a" / "transcheck.toml").write_text('source = "fi"\n', encoding="utf-8")
    (tmp_path / "a" / "pyproject.toml").write_text('[tool.transcheck]\nsource = "sv"\n', encoding="utf-8")
    path, table = find(str(deep))
    assert path == tmp_path / "a" / "transcheck.toml" and table == {"source": "fi"}


def test_parse_defaults():
    assert parse({}) == Config()
    with pytest.raises(ConfigError):
        parse({"select": ["TC999"]})


# -- the configuration applied to real text -------------------------------------------------
def copy_seeds(tmp_path: Path) -> Path:
    article = tmp_path / "articles" / SEED_DIR.name
    shutil.copytree(SEED_DIR, article)
    return article


def findings(tmp_path: Path, toml: str | None, *args: str) -> tuple[int, list[dict]]:
    article = copy_seeds(tmp_path) if not (tmp_path / "articles").exists() else tmp_path / "articles" / SEED_DIR.name
    if toml is not None:
        (tmp_path / "transcheck.toml").write_text(toml + "\n", encoding="utf-8")
    res = CliRunner().invoke(main, ["check", str(article), "--format", "json", *args])
    assert res.exit_code in (0, 1), res.output
    return res.exit_code, json.loads(res.output)["findings"]


@pytest.mark.parametrize("toml, args, check", [
    (None, (), lambda fs: len(fs) == 21),
    ('ignore = ["TC301"]', (), lambda fs: len(fs) == 15 and all(f["rule"] != "stray-punctuation" for f in fs)),
    ('select = ["TC3"]', (), lambda fs: {f["rule"] for f in fs} == {"stray-punctuation"}),
    # The command line replaces the file's select.
    ('select = ["TC3"]', ("--select", "TC101"), lambda fs: {f["rule"] for f in fs} == {"heading-missing-space"}),
    ('select = ["TC3"]', ("--select", "TC101,link-split"),
     lambda fs: {f["rule"] for f in fs} == {"heading-missing-space", "link-split"}),
    ('', ("--ignore", "TC2", "--ignore", "TC3"), lambda fs: {f["code"][:3] for f in fs} == {"TC1", "TC4", "TC5"}),
    ('select = ["TC1"]\nextend-select = ["TC401"]', (),
     lambda fs: {f["rule"] for f in fs} == {"heading-missing-space", "bullet-marker-invalid"}),
    ('[per-file-ignores]\n"articles/*/sv.md" = ["heading-missing-space", "TC4"]', (),
     lambda fs: {(f["lang"], f["rule"]) for f in fs if f["code"] in ("TC101", "TC401")} == {("is", "heading-missing-space")}),
    ('[severity]\nTC301 = "error"\nTC3 = "info"', (),
     lambda fs: {f["severity"] for f in fs if f["code"] == "TC301"} == {"error"}),
    ('[severity]\nTC3 = "info"', (), lambda fs: {f["severity"] for f in fs if f["code"] == "TC301"} == {"info"}),
    ('exclude = ["articles/*/ru.md"]', (), lambda fs: len(fs) == 16 and "ru" not in {f["lang"] for f in fs}),
    ('languages = ["fi", "Swedish"]', (), lambda fs: {f["lang"] for f in fs} == {"fi", "sv"}),
])
def test_configuration_on_the_seeds(tmp_path, toml, args, check):
    _, found = findings(tmp_path, toml, *args)
    assert check(found), sorted((f["lang"], f["rule"], f["severity"]) for f in found)


def test_pyproject_tool_table_applies(tmp_path):
    copy_seeds(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[tool.transcheck]\nselect = ["TC1"]\n', encoding="utf-8")
    _, found = findings(tmp_path, None)
    assert {f["rule"] for f in found} == {"heading-missing-space"}


def test_fail_on_from_the_file_and_overridden_on_the_command_line(tmp_path):
    code, _ = findings(tmp_path, 'fail-on = "error"\nignore = ["TC101", "TC401", "TC504"]')
    assert code == 0  # warnings only, and the file says fail on errors
    code, _ = findings(tmp_path, None, "--fail-on", "warning")
    assert code == 1


def test_rule_options_reach_the_rule(tmp_path):
    texts = SHARED / "realcorpus" / "Texts"
    base = CliRunner().invoke(main, ["check", str(texts), "--format", "json", "--select", "length-outlier"])
    assert json.loads(base.output)["findings"] == []
    config = tmp_path / "strict.toml"
    config.write_text("[rules.length-outlier]\nshort = 0.95\nlong = 1.05\nspread = 3.0\n", encoding="utf-8")
    strict = CliRunner().invoke(main, ["check", str(texts), "--format", "json", "--select", "length-outlier",
                                       "--config", str(config)])
    found = json.loads(strict.output)["findings"]
    assert found and all(f["rule"] == "length-outlier" for f in found)


def test_rules_command_lists_options():
    res = CliRunner().invoke(main, ["rules", "untranslated-text"])
    assert "Options ([tool.transcheck.rules.untranslated-text]): min-words = 4, confidence = 0.9" in res.output


def test_fix_edits_only_what_is_reported(tmp_path):
    """Per-file ignores, --ignore and suppression directives keep fix away from a finding."""
    article = copy_seeds(tmp_path)
    (tmp_path / "transcheck.toml").write_text('[per-file-ignores]\n"articles/*/sv.md" = ["heading-missing-space"]\n',
                                              encoding="utf-8")
    is_md = article / "is.md"
    is_md.write_text(is_md.read_text(encoding="utf-8").replace(
        "##Hápunktar", "<!-- transcheck-disable-next-line heading-missing-space -->\n##Hápunktar"), encoding="utf-8")
    before = {p.name: p.read_bytes() for p in article.iterdir()}
    res = CliRunner().invoke(main, ["fix", str(article), "--ignore", "stray-punctuation"])
    assert res.exit_code in (0, 1), res.output
    after = {p.name: p.read_bytes() for p in article.iterdir()}
    assert b"##H\xc3\xb6jdpunkter" in after["sv.md"]  # per-file ignore: not fixed
    assert "##Hápunktar".encode() in after["is.md"]  # suppressed: not fixed
    assert all(b"),." in after[name] for name in after)  # ignored rule: not fixed
    assert after["fi.md"] != before["fi.md"]  # the link split is still fixed


def test_a_configuration_that_is_not_utf8_is_an_error_naming_the_byte(tmp_path):
    """tomllib raises UnicodeDecodeError, not TOMLDecodeError, on such a file: it was a
    traceback (a pyproject.toml saved as Latin-1 by an editor, say)."""
    article = copy_seeds(tmp_path)
    (tmp_path / "transcheck.toml").write_bytes('select = ["TC3"]\n# Jyväskylä\n'.encode("latin-1"))
    res = CliRunner().invoke(main, ["check", str(article)])
    assert res.exit_code == 2
    assert "not valid TOML: not UTF-8 (byte 0xe4 at offset 22)" in res.output, res.output  # the ä of Jyväskylä
