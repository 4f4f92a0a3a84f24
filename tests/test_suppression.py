"""Inline suppression, table-driven over the seed article: each directive form, where it
applies, directives in code ignored, the messages of suppression-invalid and
suppression-unused."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner

from transcheck.cli import main
from transcheck.engine import run
from transcheck.rules import ALL_RULES, find_rule
from transcheck.rules.base import DOC_SECTIONS

from .conftest import SEED_DIR

# sv.md as shipped (0-based line: what is there), and what it is reported for:
#   9: the paragraph with the split link      -> 10:52 link-split
#  23: the paragraph with `),. försöker`      -> 24:283 stray-punctuation
#  27: the last paragraph before ##Höjdpunkter
#  29: ##Höjdpunkter                          -> 30:1 heading-missing-space
#  31, 33: `- ` bullets; 35: `– ` bullet       -> 36:1 bullet-marker-invalid
AS_SHIPPED = ["10:52 link-split", "24:283 stray-punctuation", "30:1 heading-missing-space",
              "36:1 bullet-marker-invalid"]


def write(tmp_path, edits: dict, lang: str = "sv"):
    """Copy the seed article into tmp_path and edit one version: each edit inserts lines
    above a 0-based line of the original (a string) or rewrites the line (a function)."""
    article = tmp_path / "social-media-optimization-smo"
    shutil.copytree(SEED_DIR, article)
    path = article / f"{lang}.md"
    lines = path.read_text(encoding="utf-8").split("\n")
    for at, edit in sorted(edits.items(), reverse=True):
        if callable(edit):
            lines[at] = edit(lines[at])
        else:
            lines[at:at] = edit.split("\n")
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def checked(tmp_path, edits: dict, report_unused: bool = False, lang: str = "sv"):
    path = write(tmp_path, edits, lang)
    return run([str(path)], report_unused_disables=report_unused).findings


def short(findings) -> list[str]:
    return [f"{f.line}:{f.column} {f.rule}" for f in findings]


def after(text: str):
    return lambda original: original + text


SUPPRESSED = [
    # id, edits, the findings left
    ("next-line by name", {9: "<!-- transcheck-disable-next-line link-split -->"},
     ["25:283 stray-punctuation", "31:1 heading-missing-space", "37:1 bullet-marker-invalid"]),
    ("next-line by code", {9: "<!-- transcheck-disable-next-line TC201 -->"},
     ["25:283 stray-punctuation", "31:1 heading-missing-space", "37:1 bullet-marker-invalid"]),
    ("next-line by lowercase code", {9: "<!-- transcheck-disable-next-line tc201 -->"},
     ["25:283 stray-punctuation", "31:1 heading-missing-space", "37:1 bullet-marker-invalid"]),
    ("next-line skips blank lines", {8: "<!-- transcheck-disable-next-line link-split -->"},
     ["25:283 stray-punctuation", "31:1 heading-missing-space", "37:1 bullet-marker-invalid"]),
    ("next-line of another rule hides nothing", {9: "<!-- transcheck-disable-next-line stray-punctuation -->"},
     ["11:52 link-split", "25:283 stray-punctuation", "31:1 heading-missing-space", "37:1 bullet-marker-invalid"]),
    ("next-line reaches one line only", {8: "<!-- transcheck-disable-next-line -->\n\n## Extra heading"},
     ["13:52 link-split", "27:283 stray-punctuation", "33:1 heading-missing-space", "39:1 bullet-marker-invalid"]),
    ("next-line without a rule: every rule", {29: "<!-- transcheck-disable-next-line -->"},
     ["10:52 link-split", "24:283 stray-punctuation", "37:1 bullet-marker-invalid"]),
    ("rules separated by commas", {23: "<!-- transcheck-disable-next-line link-split,stray-punctuation -->"},
     ["10:52 link-split", "31:1 heading-missing-space", "37:1 bullet-marker-invalid"]),
    ("rules separated by spaces, a name and a code", {23: "<!-- transcheck-disable-next-line TC201 TC301 -->"},
     ["10:52 link-split", "31:1 heading-missing-space", "37:1 bullet-marker-invalid"]),
    ("a reason after --", {9: "<!-- transcheck-disable-next-line link-split -- the split is deliberate -->"},
     ["25:283 stray-punctuation", "31:1 heading-missing-space", "37:1 bullet-marker-invalid"]),
    ("stacked next-line directives reach the same line",
     {29: "<!-- transcheck-disable-next-line link-split -->\n<!-- transcheck-disable-next-line TC101 -->"},
     ["10:52 link-split", "24:283 stray-punctuation", "38:1 bullet-marker-invalid"]),
    ("a comment over several lines", {9: "<!--\n  transcheck-disable-next-line\n  link-split\n-->"},
     ["28:283 stray-punctuation", "34:1 heading-missing-space", "40:1 bullet-marker-invalid"]),
    ("inline HTML at the end of a paragraph",
     {27: after(" <!-- transcheck-disable-next-line heading-missing-space -->")},
     ["10:52 link-split", "24:283 stray-punctuation", "36:1 bullet-marker-invalid"]),
    ("inline HTML inside a paragraph disables from its line",
     {9: after(" <!-- transcheck-disable link-split -->")},
     ["24:283 stray-punctuation", "30:1 heading-missing-space", "36:1 bullet-marker-invalid"]),
    ("disable ... enable", {9: "<!-- transcheck-disable link-split stray-punctuation -->",
                            25: "<!-- transcheck-enable link-split stray-punctuation -->"},
     ["32:1 heading-missing-space", "38:1 bullet-marker-invalid"]),
    ("enable turns the rule on again", {9: "<!-- transcheck-disable bullet-marker-invalid -->",
                                        27: "<!-- transcheck-enable bullet-marker-invalid -->"},
     ["11:52 link-split", "25:283 stray-punctuation", "32:1 heading-missing-space",
      "38:1 bullet-marker-invalid"]),
    ("disable without enable runs to the end", {25: "<!-- transcheck-disable bullet-marker-invalid -->"},
     ["10:52 link-split", "24:283 stray-punctuation", "31:1 heading-missing-space"]),
    ("disable all, enable one", {5: "<!-- transcheck-disable -->", 21: "<!-- transcheck-enable TC301 -->"},
     ["26:283 stray-punctuation"]),
    ("enable all ends every disable", {5: "<!-- transcheck-disable -->", 21: "<!-- transcheck-enable -->"},
     ["26:283 stray-punctuation", "32:1 heading-missing-space", "38:1 bullet-marker-invalid"]),
    ("front matter list", {1: "transcheck-disable: [link-split, TC301]"},
     ["31:1 heading-missing-space", "37:1 bullet-marker-invalid"]),
    ("front matter block list", {1: "transcheck-disable:\n  - heading-missing-space\n  - TC401"},
     ["13:52 link-split", "27:283 stray-punctuation"]),
    ("front matter string", {1: "transcheck-disable: heading-missing-space"},
     ["11:52 link-split", "25:283 stray-punctuation", "37:1 bullet-marker-invalid"]),
    ("front matter without a value: every rule", {1: "transcheck-disable:"}, []),
    ("front matter empty list: no rule", {1: "transcheck-disable: []"},
     ["11:52 link-split", "25:283 stray-punctuation", "31:1 heading-missing-space", "37:1 bullet-marker-invalid"]),
    # Directives in code are code: never read.
    ("in a fenced code block", {5: "```\n<!-- transcheck-disable -->\n```"},
     ["13:52 link-split", "27:283 stray-punctuation", "33:1 heading-missing-space", "39:1 bullet-marker-invalid"]),
    ("in an indented code block", {5: "    <!-- transcheck-disable -->\n"},
     ["12:52 link-split", "26:283 stray-punctuation", "32:1 heading-missing-space", "38:1 bullet-marker-invalid"]),
    ("in a code span", {9: after(" `<!-- transcheck-disable -->`")}, AS_SHIPPED),
    ("in a code span in a heading", {7: after(" `<!-- transcheck-disable -->`")}, AS_SHIPPED),
    ("not a comment", {5: "transcheck-disable link-split\n"},
     ["12:52 link-split", "26:283 stray-punctuation", "32:1 heading-missing-space", "38:1 bullet-marker-invalid"]),
]


@pytest.mark.parametrize("edits, left", [c[1:] for c in SUPPRESSED], ids=[c[0] for c in SUPPRESSED])
def test_directives_hide_the_findings_they_name(tmp_path, edits, left):
    assert short(checked(tmp_path, edits)) == left


def test_the_seed_is_reported_as_the_table_assumes(tmp_path):
    assert short(checked(tmp_path, {})) == AS_SHIPPED


INVALID = [
    # id, edits, the suppression-invalid findings (position and message), the other findings left
    ("unknown rule", {9: "<!-- transcheck-disable-next-line lnk-split -->"},
     [("10:35", "`transcheck-disable-next-line` names an unknown rule `lnk-split` (did you mean `link-split`?); "
                "`transcheck rules` lists them")],
     ["11:52 link-split", "25:283 stray-punctuation", "31:1 heading-missing-space", "37:1 bullet-marker-invalid"]),
    ("unknown rule without a near name", {9: "<!-- transcheck-disable-next-line TC999 -->"},
     [("10:35", "`transcheck-disable-next-line` names an unknown rule `TC999`; `transcheck rules` lists them")],
     ["11:52 link-split", "25:283 stray-punctuation", "31:1 heading-missing-space", "37:1 bullet-marker-invalid"]),
    ("unknown rule beside a known one: the known one still applies",
     {9: "<!-- transcheck-disable-next-line link-split, nope -->"},
     [("10:47", "`transcheck-disable-next-line` names an unknown rule `nope`; `transcheck rules` lists them")],
     ["25:283 stray-punctuation", "31:1 heading-missing-space", "37:1 bullet-marker-invalid"]),
    ("an unknown rule alone is not 'every rule'", {27: "<!-- transcheck-disable nope -->"},
     [("28:25", "`transcheck-disable` names an unknown rule `nope`; `transcheck rules` lists them")],
     ["10:52 link-split", "24:283 stray-punctuation", "31:1 heading-missing-space", "37:1 bullet-marker-invalid"]),
    ("input rule", {5: "<!-- transcheck-disable parse-error -->"},
     [("6:25", "`transcheck-disable` names `parse-error`, which reports a problem with the file itself "
               "(parse-error) and cannot be disabled")],
     ["11:52 link-split", "25:283 stray-punctuation", "31:1 heading-missing-space", "37:1 bullet-marker-invalid"]),
    ("input rule by code", {5: "<!-- transcheck-disable TC001 -->"},
     [("6:25", "`transcheck-disable` names `TC001`, which reports a problem with the file itself "
               "(read-error) and cannot be disabled")],
     ["11:52 link-split", "25:283 stray-punctuation", "31:1 heading-missing-space", "37:1 bullet-marker-invalid"]),
    ("unknown directive", {9: "<!-- transcheck-disabel link-split -->"},
     [("10:6", "unknown directive `transcheck-disabel` (did you mean `transcheck-disable`?): write "
               "transcheck-disable, transcheck-enable or transcheck-disable-next-line; this comment is ignored")],
     ["11:52 link-split", "25:283 stray-punctuation", "31:1 heading-missing-space", "37:1 bullet-marker-invalid"]),
    ("unknown directive inline, in a heading", {7: after(" <!-- transcheck-ignore -->")},
     [("8:49", "unknown directive `transcheck-ignore`: write transcheck-disable, transcheck-enable or "
              "transcheck-disable-next-line; this comment is ignored")],
     AS_SHIPPED),
    ("front matter unknown name, at the name", {1: "transcheck-disable: [link-split, nope]"},
     [("2:34", "`transcheck-disable` names an unknown rule `nope`; `transcheck rules` lists them")],
     ["25:283 stray-punctuation", "31:1 heading-missing-space", "37:1 bullet-marker-invalid"]),
    ("front matter block list unknown name, at the name",
     {1: "transcheck-disable:\n  - link-split\n  - stray-punctation"},
     [("4:5", "`transcheck-disable` names an unknown rule `stray-punctation` (did you mean `stray-punctuation`?); "
              "`transcheck rules` lists them")],
     ["27:283 stray-punctuation", "33:1 heading-missing-space", "39:1 bullet-marker-invalid"]),
    ("front matter value that names no rules", {1: "transcheck-disable: 3"},
     [("2:1", "front matter `transcheck-disable` must name rules: a list such as [link-split, TC301], or one "
              "string; it is ignored")],
     ["11:52 link-split", "25:283 stray-punctuation", "31:1 heading-missing-space", "37:1 bullet-marker-invalid"]),
]


@pytest.mark.parametrize("edits, problems, left", [c[1:] for c in INVALID], ids=[c[0] for c in INVALID])
def test_directives_that_cannot_be_followed_are_reported(tmp_path, edits, problems, left):
    findings = checked(tmp_path, edits)
    invalid = [f for f in findings if f.rule == "suppression-invalid"]
    assert [(f"{f.line}:{f.column}", f.message) for f in invalid] == problems
    assert all(f.code == "TC005" and f.severity.value == "warning" for f in invalid)
    assert short(f for f in findings if f.rule != "suppression-invalid") == left


UNUSED = [
    # id, edits, the suppression-unused findings (position and message), with --report-unused-disables
    ("used directives are not reported", {9: "<!-- transcheck-disable-next-line link-split -->",
                                          1: "transcheck-disable: [TC401]"}, []),
    ("next-line that hid nothing", {9: "<!-- transcheck-disable-next-line stray-punctuation -->"},
     [("10:1", "`transcheck-disable-next-line` suppressed no finding of `stray-punctuation`; remove it")]),
    ("one name of two hid nothing: at that name", {9: "<!-- transcheck-disable-next-line link-split TC301 -->"},
     [("10:46", "`transcheck-disable-next-line` suppressed no finding of `TC301`; remove `TC301` from it")]),
    ("disable of every rule that hid nothing", {5: "<!-- transcheck-disable -->",
                                                 6: "<!-- transcheck-enable -->"},
     [("6:1", "`transcheck-disable` suppressed no finding; remove it")]),
    ("enable that ends nothing", {27: "<!-- transcheck-enable link-split -->"},
     [("28:1", "`transcheck-enable` enables nothing: no disable of `link-split` is in force above it; "
               "remove it")]),
    ("front matter entry that hid nothing", {1: "transcheck-disable: [link-text-trivial]"},
     [("2:1", "front matter `transcheck-disable` suppressed no finding of `link-text-trivial`; remove it")]),
    ("a directive in code is not a directive, so not unused", {5: "```\n<!-- transcheck-disable -->\n```"}, []),
]


@pytest.mark.parametrize("edits, unused", [c[1:] for c in UNUSED], ids=[c[0] for c in UNUSED])
def test_report_unused_disables(tmp_path, edits, unused):
    findings = checked(tmp_path, edits, report_unused=True)
    reported = [(f"{f.line}:{f.column}", f.message) for f in findings if f.rule == "suppression-unused"]
    assert reported == unused
    assert all(f.code == "TC006" for f in findings if f.rule == "suppression-unused")


def test_unused_directives_are_not_reported_unless_asked(tmp_path):
    findings = checked(tmp_path, {9: "<!-- transcheck-disable-next-line stray-punctuation -->"})
    assert not [f for f in findings if f.rule.startswith("suppression-")]


def test_directives_that_hide_nothing_change_no_other_finding(tmp_path):
    """Comments are HTML blocks to the parser: the cross-version rules see the same text.
    (Between list items a comment must be indented like the item's text, or it ends the list.)"""
    comment = "<!-- transcheck-disable-next-line link-text-trivial -->"
    edits = {at: ("  " if at in (33, 35) else "") + comment for at in (7, 9, 13, 15, 17, 21, 23, 27, 33, 35)}
    for lang in ("sv", "fi", "pl", "ru"):  # is.md has a link-text-trivial finding this would hide
        plain = checked(tmp_path / f"{lang}-plain", {}, lang=lang)
        commented = checked(tmp_path / f"{lang}-commented", edits, lang=lang)
        assert sorted((f.rule, f.message) for f in commented) == sorted((f.rule, f.message) for f in plain)


def test_directives_in_a_sibling_version_hide_only_its_own_findings(tmp_path):
    path = write(tmp_path, {5: "<!-- transcheck-disable -->"}, lang="fi")
    findings = run([str(path.parent)]).findings
    assert not [f for f in findings if f.path.endswith("fi.md")]
    assert {f.path.rsplit("/", 1)[1] for f in findings} == {"is.md", "pl.md", "ru.md", "sv.md"}


def test_the_front_matter_key_is_not_front_matter_drift(tmp_path):
    """frontmatter-mismatch does not ask the other versions for `transcheck-disable`."""
    path = write(tmp_path, {1: "transcheck-disable: [link-text-trivial]"}, lang="fi")
    findings = run([str(path.parent)]).findings
    assert not [f for f in findings if "transcheck-disable" in f.message]


def test_input_findings_are_not_suppressed(tmp_path):
    (tmp_path / "a").mkdir()
    path = tmp_path / "a" / "fi.md"
    path.write_text("---\ntitle: a: b\ntranscheck-disable:\n---\n<!-- transcheck-disable -->\n\n# Otsikko\n\nTeksti.\n",
                    encoding="utf-8")
    assert short(run([str(path)]).findings) == ["2:9 parse-error"]


def test_the_new_rules_are_documented_and_listed():
    for name, code in (("suppression-invalid", "TC005"), ("suppression-unused", "TC006")):
        rule = find_rule(name)
        assert rule is find_rule(code) and rule in ALL_RULES and rule.scope == "input"
        assert rule.doc.lstrip().startswith(name + ":")
        for section in DOC_SECTIONS:
            assert f"\n{section}\n" in rule.doc, f"{name}: no '{section}' section"
    listing = CliRunner().invoke(main, ["rules"]).output
    assert "TC005  suppression-invalid" in listing and "TC006  suppression-unused" in listing
    doc = CliRunner().invoke(main, ["rules", "suppression-unused"]).output
    assert "--report-unused-disables" in doc


def test_check_report_unused_disables_flag(tmp_path):
    path = write(tmp_path, {9: "<!-- transcheck-disable-next-line link-split stray-punctuation -->"})
    plain = CliRunner().invoke(main, ["check", str(path)])
    flagged = CliRunner().invoke(main, ["check", str(path), "--report-unused-disables"])
    assert "suppression-unused" not in plain.output
    assert ":10:46: TC006 suppression-unused `transcheck-disable-next-line` suppressed no finding of " \
           "`stray-punctuation`; remove `stray-punctuation` from it" in flagged.output


def test_a_directive_for_a_rule_that_did_not_run_is_not_called_unused(tmp_path):
    path = write(tmp_path, {9: "<!-- transcheck-disable-next-line link-split stray-punctuation -->"})
    ignored = CliRunner().invoke(main, ["check", str(path), "--report-unused-disables", "--ignore", "TC3"])
    assert "link-split" not in ignored.output.split("suppression")[0]  # still hidden
    assert "suppression-unused" not in ignored.output  # stray-punctuation did not run: not judged
