"""`transcheck fix`: each guarantee of the fixer, on the seeds, the real corpus and fixtures.

- bytes outside the edits are unchanged (LF, CRLF, mixed and CR line endings, BOM, no
  trailing newline, front matter byte for byte);
- clashing edits wait for the next pass; passes are bounded and stop on a repeated state;
- a fix whose result parses differently than intended is refused and reported;
- writes are atomic, keep the file mode, and are refused when the file changed on disk;
- fixing is idempotent, and after it `check` shows none of the fixed findings.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
from dataclasses import replace

import pytest
from click.testing import CliRunner

from transcheck import fixer
from transcheck.cli import main
from transcheck.document import build_version
from transcheck.engine import check_version, run
from transcheck.findings import Applicability, Edit, Finding, Fix, Hit, Severity
from transcheck.model import Article
from transcheck.rules import CHECK_RULES
from transcheck.rules.base import Rule
from transcheck.source import SourceText

from .conftest import CORPUS, SEED_DIR, holding_share, needs_shared, quiet_cli, version_of

SAFE_RULES = fixer.fixing_rules(CHECK_RULES, unsafe=False)


def invoke(*args):
    return CliRunner().invoke(main, list(args))


def fix_bytes(data: bytes, lang: str = "sv", rules=SAFE_RULES, unsafe: bool = False) -> fixer.FileFix:
    """Fix one file given as bytes, in memory, as `transcheck fix` would."""
    version = build_version(SourceText.from_bytes(data, f"{lang}.md"), lang)
    done = fixer.fix_article(Article("a", (version,)), rules, {version.path}, unsafe=unsafe)
    return done.files[version.path]


def replay(file: fixer.FileFix) -> str:
    """The file's final text rebuilt from its original and the edits of each pass, by
    plain slicing: so every character outside an edit is provably the original's."""
    text = file.original.text
    for edits in file.passes:
        out, at = [], 0
        for edit in edits:
            assert at <= edit.start <= edit.end <= len(text)
            out += [text[at : edit.start], edit.replacement]
            at = edit.end
        text = "".join(out) + text[at:]
    return text


# -- the seeds ---------------------------------------------------------------------------
def _copy_corpus(tmp_path):
    target = tmp_path / "corpus"
    shutil.copytree(CORPUS, target)
    return target


def test_fix_removes_every_safe_fixable_seed_finding_and_only_touches_their_lines(tmp_path):
    corpus = _copy_corpus(tmp_path)
    before = run([str(corpus)]).findings
    fixable = [f for f in before if f.fix is not None and f.fix.applicability is Applicability.SAFE]
    assert len(fixable) == 15
    assert {f.rule for f in fixable} == {"heading-missing-space", "stray-punctuation", "link-text-spacing",
                                         "link-split", "bullet-marker-invalid"}
    originals = {p.name: p.read_text(encoding="utf-8").split("\n") for p in (corpus / SEED_DIR.name).iterdir()}
    result = invoke("fix", str(corpus))
    assert result.exit_code == 1  # findings without a safe fix remain
    assert "Fixed 15 findings in 5 files." in result.stdout and result.stderr == ""
    after = run([str(corpus)]).findings
    assert not [f for f in after if f.fix is not None and f.fix.applicability is Applicability.SAFE]
    kept = {(f.path, f.rule, f.message) for f in after}
    assert not {(f.path, f.rule, f.message) for f in fixable} & kept
    # every other finding is still there (the fixes removed only what they fixed)
    untouched = [f for f in before if f not in fixable and f.rule != "link-span-overextended"]
    assert {(f.path, f.rule, f.message) for f in untouched} <= kept
    # the changed lines are exactly the lines of the fixed findings
    for path in (corpus / SEED_DIR.name).iterdir():
        now = path.read_text(encoding="utf-8").split("\n")
        assert len(now) == len(originals[path.name])
        changed = {i + 1 for i, (a, b) in enumerate(zip(originals[path.name], now)) if a != b}
        assert changed == {f.line for f in fixable if f.path == str(path)}
    # a second run changes nothing
    snapshot = {p: p.read_bytes() for p in (corpus / SEED_DIR.name).iterdir()}
    again = invoke("fix", str(corpus))
    assert "Fixed 0 findings in 0 files." in again.stdout
    assert snapshot == {p: p.read_bytes() for p in (corpus / SEED_DIR.name).iterdir()}
    assert invoke("fix", "--check", str(corpus)).exit_code == 0


def test_unsafe_fixes_shrink_the_overextended_links_and_unlink_the_trivial_one(tmp_path):
    corpus = _copy_corpus(tmp_path)
    result = invoke("fix", "--unsafe-fixes", str(corpus))
    # 15 safe and 4 unsafe fixes; in pl and ru the shrunk link wins over the spacing fix
    # inside it, and leaves a space before the comma that a second pass removes
    assert "Fixed 19 findings in 5 files." in result.stdout
    left = run([str(corpus)]).findings
    assert [(f.rule, f.line) for f in left] == [("stray-punctuation", 14)]  # the mid-sentence period: no fix
    fi = (corpus / SEED_DIR.name / "fi.md").read_text(encoding="utf-8")
    assert "[sosiaalisen median alustoja](/social-media), kuten Facebook" in fi
    is_ = (corpus / SEED_DIR.name / "is.md").read_text(encoding="utf-8")
    assert "[samfélagsmiðlaneta](/social-networking-service-sns) til að" in is_


def test_diff_prints_a_unified_diff_and_writes_nothing(tmp_path):
    corpus = _copy_corpus(tmp_path)
    snapshot = {p: p.read_bytes() for p in (corpus / SEED_DIR.name).iterdir()}
    result = invoke("fix", "--diff", str(corpus))
    assert result.exit_code == 1
    sv = str(corpus / SEED_DIR.name / "sv.md").lstrip("/")
    assert f"--- a/{sv}\n+++ b/{sv}\n" in result.stdout
    assert "\n-##Höjdpunkter\n+## Höjdpunkter\n" in result.stdout
    assert "\n-– Det kan öka" in result.stdout and "\n+- Det kan öka" in result.stdout
    assert "15 findings would be fixed in 5 files" in result.stderr
    assert snapshot == {p: p.read_bytes() for p in (corpus / SEED_DIR.name).iterdir()}


def test_check_exits_1_when_something_would_change_and_writes_nothing(tmp_path):
    corpus = _copy_corpus(tmp_path)
    snapshot = {p: p.read_bytes() for p in (corpus / SEED_DIR.name).iterdir()}
    result = invoke("fix", "--check", str(corpus))
    assert result.exit_code == 1 and "would fix 4 findings in" in result.stdout
    assert snapshot == {p: p.read_bytes() for p in (corpus / SEED_DIR.name).iterdir()}


def test_select_takes_names_and_codes_repeated_or_comma_separated(tmp_path):
    corpus = _copy_corpus(tmp_path)
    result = invoke("fix", "--select", "heading-missing-space,TC401", "--select", "tc301", str(corpus))
    assert "Fixed 8 findings in 5 files." in result.stdout
    assert {f.rule for f in run([str(corpus)]).findings if f.fix} == {"link-split", "link-text-spacing",
                                                                       "link-span-overextended",
                                                                       "link-text-trivial"}
    # only the selected rules are reported
    assert set(re.findall(r" (TC\d{3}) ", result.stdout)) <= {"TC101", "TC301", "TC401"}
    bad = invoke("fix", "--select", "no-such-rule", str(corpus))
    assert bad.exit_code == 2 and "no-such-rule" in bad.stderr


def test_exit_0_when_nothing_is_left(tmp_path):
    (tmp_path / "sv.md").write_text("# Rubrik\n\nText här ,och där.\n\n##Höjdpunkter\n\nSlut.\n", encoding="utf-8")
    result = invoke("fix", str(tmp_path))
    assert result.exit_code == 0, result.stdout
    assert (tmp_path / "sv.md").read_text(encoding="utf-8") == "# Rubrik\n\nText här,och där.\n\n## Höjdpunkter\n\nSlut.\n"


def test_check_marks_fixable_findings_in_text_and_json(tmp_path):
    text = invoke("check", str(CORPUS)).stdout
    assert re.search(r"sv\.md:30:1: TC101 \[\*\] heading-missing-space ", text)
    assert re.search(r"fi\.md:14:423: TC301 stray-punctuation ", text)  # mid-sentence period: no fix
    assert "[*] 15 fixable with `transcheck fix` (4 more with `--unsafe-fixes`)." in text
    import json

    doc = json.loads(invoke("check", "--format", "json", str(CORPUS)).stdout)
    sv = next(f for f in doc["findings"] if f["rule"] == "heading-missing-space" and f["lang"] == "sv")
    assert sv["fix"] == {"applicability": "safe", "edits": [
        {"start": {"line": 30, "column": 3, "offset": sv["fix"]["edits"][0]["start"]["offset"]},
         "end": {"line": 30, "column": 3, "offset": sv["fix"]["edits"][0]["start"]["offset"]},
         "replacement": " "}]}
    source = (SEED_DIR / "sv.md").read_text(encoding="utf-8")
    at = sv["fix"]["edits"][0]["start"]["offset"]
    assert source[at - 2 : at + 1] == "##H"
    assert not any("fix" in f for f in doc["findings"] if f["rule"] == "link-missing")


# -- bytes outside the edits ---------------------------------------------------------------
DEFECTS = ("---{n}title: Test{n}# a comment: kept{n}keywords: [b,  a]{n}---{n}{n}"
           "# Rubrik{n}{n}Denna strategi kallas [viral marknadsföring](/viral-marketing),. försöker mer.{n}{n}"
           "##Höjdpunkter{n}{n}- Ett{n}{n}- Två{n}{n}– Tre{n}")


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"], ids=["LF", "CRLF", "CR"])
@pytest.mark.parametrize("bom", [False, True], ids=["no-BOM", "BOM"])
@pytest.mark.parametrize("final", [True, False], ids=["final-newline", "no-final-newline"])
def test_bytes_outside_the_edits_are_unchanged(tmp_path, newline, bom, final):
    text = DEFECTS.format(n=newline)
    if not final:
        text = text[: -len(newline)]
    data = (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")
    path = tmp_path / "sv.md"
    path.write_bytes(data)
    assert invoke("fix", str(path)).exit_code == 0
    want = data.replace(b"),. f", b"), f").replace(b"##H", b"## H").replace("– Tre".encode(), b"- Tre")
    assert path.read_bytes() == want


def test_mixed_line_endings_are_kept_line_by_line(tmp_path):
    lines = DEFECTS.format(n="\n").split("\n")
    endings = ["\r\n", "\n", "\r"]
    text = "".join(line + endings[i % 3] for i, line in enumerate(lines[:-1]))
    path = tmp_path / "sv.md"
    path.write_bytes(text.encode("utf-8"))
    assert invoke("fix", str(path)).exit_code == 0
    assert path.read_bytes() == text.replace("##H", "## H").replace("),. f", "), f").replace(
        "– Tre", "- Tre").encode("utf-8")


def test_front_matter_is_kept_byte_for_byte(tmp_path):
    # key order, comments, quoting and spacing that python-frontmatter would rewrite
    matter = "---\nz_last: 1\n# comment\ntitle:   'Quoted'  \nlist: [b,  a]\n---\n"
    path = tmp_path / "fi.md"
    path.write_text(matter + "\nTeksti [sosiaalisen](/x) [median](/x) tässä .\n", encoding="utf-8")
    assert invoke("fix", str(path)).exit_code == 0
    assert path.read_text(encoding="utf-8") == matter + "\nTeksti [sosiaalisen median](/x) tässä.\n"


def test_a_blank_line_inserted_before_a_list_uses_the_line_ending_around_it():
    data = "Helstu atriði:\r\n• Xetra var fyrst.\r\n• Xetra skráir DAX.\r\n".encode()
    file = fix_bytes(data, "is")
    assert file.encoded() == "Helstu atriði:\r\n\r\n- Xetra var fyrst.\r\n- Xetra skráir DAX.\r\n".encode()


# -- passes: clashing edits, the bound, repeated states -----------------------------------------
def test_clashing_edits_wait_for_the_next_pass():
    # link-span-overextended (unsafe) ends the link where link-text-spacing removes a space:
    # the first finding wins, space-before-punctuation takes the space in the next pass
    versions = (
        version_of("## K\n\nLainanottaja voi saada [bruttovuokratuloista , jos tuotot ylittävät määrän.](/gr) "
                   "Lisäksi.\n", "fi", "fi.md"),
        version_of("## K\n\nThe borrower may get [gross receipts](/gr) above a level. More.\n", "en", "en.md"),
        version_of("## K\n\nLåntagaren kan få [bruttointäkter](/gr) över en nivå. Mer.\n", "sv", "sv.md"),
    )
    done = fixer.fix_article(Article("a", versions), fixer.fixing_rules(CHECK_RULES, True), {"fi.md"}, unsafe=True)
    file = done.files["fi.md"]
    assert file.text == ("## K\n\nLainanottaja voi saada [bruttovuokratuloista](/gr), jos tuotot ylittävät määrän. "
                         "Lisäksi.\n")
    assert [f.rule for f in file.applied] == ["link-span-overextended", "space-before-punctuation"]
    assert len(file.passes) == 2 and replay(file) == file.text


def _finding(path, start, end, code="TC999"):
    fix = Fix.safe(Edit(start, end, ""))
    return Finding(path, 1, start + 1, 1, end + 1, "r", code, Severity.WARNING, "m", "en", "a", start, end, fix)


def test_select_takes_the_first_of_clashing_fixes_per_file():
    a, b, c = _finding("x.md", 0, 4), _finding("x.md", 2, 6), _finding("x.md", 6, 8)
    other = _finding("y.md", 0, 4)
    assert fixer.select([c, b, a, other]) == [a, c, other]
    # an insertion touching a deletion clashes; two deletions side by side do not
    ins = Fix.safe(Edit(4, 4, "x"))
    assert fixer.conflicts(ins, a.fix) and fixer.conflicts(ins, Fix.safe(Edit(4, 5, "")))
    assert not fixer.conflicts(a.fix, Fix.safe(Edit(4, 6, "")))


def _rule(check, scope="version") -> Rule:
    return Rule("TC998", "test-rule", Severity.WARNING, "A test rule.", check, "test-rule: test", scope,
                fixable=True)


def test_a_file_whose_text_comes_back_stops_there():
    def toggle(version):  # `a` -> `b` -> `a` -> ...
        text = version.source.text
        at = text.find("word")
        if at >= 0:
            yield Hit(at, at + 4, "toggle", fix=Fix.safe(Edit(at, at + 4, "drow")))
        at = text.find("drow")
        if at >= 0:
            yield Hit(at, at + 4, "toggle", fix=Fix.safe(Edit(at, at + 4, "word")))

    version = version_of("A word here.\n", "en", "en.md")
    done = fixer.fix_article(Article("a", (version,)), (_rule(toggle),), {"en.md"})
    file = done.files["en.md"]
    assert file.text == "A drow here.\n" and "earlier state" in file.note
    assert done.passes == 2 and not done.exhausted


def test_passes_are_bounded():
    def grow(version):
        end = len(version.source.text)
        yield Hit(0, 1, "grow", fix=Fix.safe(Edit(end, end, "x")))

    version = version_of("Text\n", "en", "en.md")
    done = fixer.fix_article(Article("a", (version,)), (_rule(grow),), {"en.md"})
    assert done.passes == fixer.MAX_PASSES and done.exhausted
    assert done.files["en.md"].text == "Text\n" + "x" * fixer.MAX_PASSES


# -- refused fixes ------------------------------------------------------------------------
def test_a_fix_that_would_add_a_heading_is_refused_and_reported(tmp_path):
    def bad(version):
        at = version.source.text.find("Teksti")
        yield Hit(at, at + 1, "bad", fix=Fix.safe(Edit(at, at, "# ")))

    version = version_of("## Otsikko\n\nTeksti.\n", "fi", "fi.md")
    done = fixer.fix_article(Article("a", (version,)), (_rule(bad),), {"fi.md"})
    file = done.files["fi.md"]
    assert not file.changed and len(file.refused) == 1
    assert file.refused[0].reason == "the result would parse differently than intended: 1 level-1 heading more"


def test_a_fix_that_would_lose_a_link_is_refused_and_the_good_ones_are_kept():
    def lose(version):
        text = version.source.text
        at = text.find("](/x)")
        yield Hit(at, at + 5, "lose", fix=Fix.safe(Edit(at, at + 5, "]")))  # `[a](/x)` -> `[a]`
        at = text.find(" ,")
        if at >= 0:
            yield Hit(at, at + 1, "space", fix=Fix.safe(Edit(at, at + 1, "")))

    version = version_of("Text [a](/x) here , there.\n", "en", "en.md")
    done = fixer.fix_article(Article("a", (version,)), (_rule(lose),), {"en.md"})
    file = done.files["en.md"]
    assert file.text == "Text [a](/x) here, there.\n"
    assert [r.reason for r in file.refused] == ["the result would parse differently than intended: 1 link fewer"]


def test_a_fix_that_would_break_or_touch_the_front_matter_is_refused():
    def opener(version):  # makes the first lines front matter
        yield Hit(0, 0, "opener", fix=Fix.safe(Edit(0, 0, "---\n")))

    def inside(version):
        yield Hit(4, 5, "inside", fix=Fix.safe(Edit(4, 5, "T")))

    plain = version_of("title: x\n---\n\nBody.\n", "en", "en.md")
    done = fixer.fix_article(Article("a", (plain,)), (_rule(opener),), {"en.md"})
    assert [r.reason for r in done.files["en.md"].refused] == ["the front matter would no longer load as it does"]
    matter = version_of("---\ntitle: x\n---\n\nBody.\n", "en", "en.md")
    done = fixer.fix_article(Article("a", (matter,)), (_rule(inside),), {"en.md"})
    assert [r.reason for r in done.files["en.md"].refused] == ["the fix would edit the front matter"]


def test_refusals_are_reported_on_stderr_and_exit_1(tmp_path):
    path = tmp_path / "en.md"
    path.write_text("2018 . The year the market turned.\n", encoding="utf-8")
    result = invoke("fix", str(path))
    assert result.exit_code == 1
    assert re.search(r"en\.md:1:5: TC302 space-before-punctuation: fix refused: the result would parse "
                     r"differently than intended: 1 list item more", result.stderr)
    assert path.read_text(encoding="utf-8") == "2018 . The year the market turned.\n"


# -- writing ------------------------------------------------------------------------------
DEFECT = "# Rubrik\n\nText [sociala](/x) [medier](/x) här.\n"


def test_writes_are_atomic_and_keep_the_file_mode(tmp_path):
    path = tmp_path / "sv.md"
    path.write_text(DEFECT, encoding="utf-8")
    os.chmod(path, 0o640)
    inode = os.stat(path).st_ino
    assert invoke("fix", str(path)).exit_code == 0
    assert path.read_text(encoding="utf-8") == "# Rubrik\n\nText [sociala medier](/x) här.\n"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o640
    assert os.stat(path).st_ino != inode  # a new file renamed over the old one, not rewritten in place
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sv.md"]


def test_a_failed_rename_leaves_the_file_and_no_temporary_file(tmp_path, monkeypatch):
    path = tmp_path / "sv.md"
    path.write_text(DEFECT, encoding="utf-8")

    def fail(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(fixer.os, "replace", fail)
    result = invoke("fix", str(path))
    assert result.exit_code == 1 and "cannot write the file: No space left on device" in result.stderr
    assert path.read_text(encoding="utf-8") == DEFECT
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sv.md"]


def test_a_file_changed_on_disk_since_it_was_read_is_not_written(tmp_path):
    path = tmp_path / "sv.md"
    path.write_text(DEFECT, encoding="utf-8")
    outcome = fixer.fix([str(path)])
    path.write_text(DEFECT + "\nEn rad till.\n", encoding="utf-8")  # someone edits it meanwhile
    why = fixer.write(outcome.changed[0])
    assert why == "the file changed on disk since it was read; not written (run fix again)"
    assert path.read_text(encoding="utf-8") == DEFECT + "\nEn rad till.\n"


def test_a_change_during_the_write_is_caught_before_the_rename(tmp_path, monkeypatch):
    path = tmp_path / "sv.md"
    path.write_text(DEFECT, encoding="utf-8")
    reads = []
    real_read = fixer._read

    def read(name, *rest):  # the second read (just before the rename) sees another writer's bytes
        reads.append(name)
        return real_read(name, *rest) if len(reads) == 1 else b"changed"

    monkeypatch.setattr(fixer, "_read", read)
    result = invoke("fix", str(path))
    assert result.exit_code == 1 and "changed on disk since it was read" in result.stderr
    assert len(reads) == 2 and path.read_text(encoding="utf-8") == DEFECT
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sv.md"]


def test_only_named_files_are_written_siblings_are_read(tmp_path):
    article = tmp_path / "smo"
    shutil.copytree(SEED_DIR, article)
    sv_before = (article / "sv.md").read_bytes()
    result = invoke("fix", str(article / "fi.md"))
    assert "Fixed 2 findings in 1 file." in result.stdout
    assert (article / "sv.md").read_bytes() == sv_before
    assert (article / "fi.md").read_bytes() != (SEED_DIR / "fi.md").read_bytes()


def test_a_symlink_out_of_the_named_tree_is_not_followed(tmp_path):
    outside = tmp_path / "outside.md"
    outside.write_text(DEFECT, encoding="utf-8")
    tree = tmp_path / "tree"
    tree.mkdir()
    (tree / "sv.md").symlink_to(outside)
    inside = tree / "fi.md"
    inside.write_text("# Otsikko\n\nTeksti [sosiaalisen](/x) [median](/x) tässä.\n", encoding="utf-8")
    result = invoke("fix", str(tree))
    assert "sv.md: not fixed: it is a symbolic link that leads out of the paths given" in result.stderr
    assert outside.read_text(encoding="utf-8") == DEFECT
    assert "[sosiaalisen median](/x)" in inside.read_text(encoding="utf-8")


def test_a_symlink_inside_the_tree_is_kept_and_its_target_fixed(tmp_path):
    tree = tmp_path / "tree"
    (tree / "real").mkdir(parents=True)
    (tree / "real" / "notes.md").write_text(DEFECT, encoding="utf-8")
    (tree / "sv.md").symlink_to(tree / "real" / "notes.md")
    result = invoke("fix", str(tree / "sv.md"))
    assert result.exit_code == 0 and result.stderr == ""
    assert (tree / "sv.md").is_symlink()
    assert (tree / "real" / "notes.md").read_text(encoding="utf-8") == "# Rubrik\n\nText [sociala medier](/x) här.\n"


def test_invalid_utf8_is_reported_and_never_fixed(tmp_path):
    path = tmp_path / "sv.md"
    data = b"# Rubrik\n\nText [sociala](/x) [medier](/x) h\xe4r ,\n"
    path.write_bytes(data)
    result = invoke("fix", str(path))
    assert result.exit_code == 1 and "Traceback" not in result.stdout + result.stderr
    assert "TC001 read-error" in result.stdout
    assert path.read_bytes() == data


def test_a_second_bom_is_text_and_written_back(tmp_path):
    path = tmp_path / "sv.md"
    data = b"\xef\xbb\xbf\xef\xbb\xbf# Rubrik\n\nText ,ja.\n"
    path.write_bytes(data)
    invoke("fix", str(path))
    assert path.read_bytes() == b"\xef\xbb\xbf\xef\xbb\xbf# Rubrik\n\nText,ja.\n"


# -- idempotence and check after fix ----------------------------------------------------------
def test_fixing_a_fixed_file_changes_nothing_and_check_shows_none_of_the_fixed_findings():
    data = DEFECTS.format(n="\r\n").encode()
    file = fix_bytes(data)
    fixed = {(f.rule, f.message) for f in file.applied}
    again = fix_bytes(file.encoded())
    assert not again.changed and not again.applied
    version = build_version(SourceText.from_bytes(file.encoded(), "sv.md"), "sv")
    left = check_version(version, "a", CHECK_RULES)
    assert not {(f.rule, f.message) for f in left} & fixed
    assert replay(file) == file.text


# -- the real corpus ---------------------------------------------------------------------------
_TOKENS_FREE = {"paragraph_open", "paragraph_close", "bullet_list_open", "bullet_list_close",
                "ordered_list_open", "ordered_list_close", "inline", "text", "softbreak"}


def _token_counts(text: str, matter_lines: int):
    """markdown-it's own token counts (children included) of a file's body, closers
    dropped, for the comparison that does not go through transcheck's model."""
    from collections import Counter

    from markdown_it import MarkdownIt

    lines = re.split(r"\r\n|\r|\n", text)
    body = "\n".join([""] * matter_lines + lines[matter_lines:])
    counts = Counter()
    for token in MarkdownIt("commonmark").enable("table").parse(body):
        for t in [token] + list(token.children or []):
            if t.nesting != -1 and t.type not in _TOKENS_FREE:
                counts[t.type + (t.tag if t.type == "heading_open" else "")] += 1
    return counts


_INTENDED_TOKEN = {"link": "link_open", "item": "list_item_open"}


def test_real_corpus_fix_changes_only_the_edits_and_is_idempotent(tmp_path):
    texts = needs_shared("realcorpus", "Texts")
    copy = tmp_path / "Texts"
    shutil.copytree(texts, copy)
    outcome = fixer.fix([str(copy)])
    assert not outcome.refusals and not outcome.notes
    assert len(outcome.changed) > 100
    for file in outcome.changed:
        assert fixer.write(file) is None
    after = run([str(copy)])
    # none of the fixed kinds is left with a safe fix, and no fixed finding is left
    assert not [f for f in after.findings if f.fix is not None and f.fix.applicability is Applicability.SAFE]
    fixed = {(f.path, f.rule, f.message) for file in outcome.files for f in file.applied}
    assert not fixed & {(f.path, f.rule, f.message) for f in after.findings}
    for file in outcome.changed:
        original = (texts / os.path.relpath(file.path, copy)).read_bytes()
        now = open(file.path, "rb").read()
        # no byte outside the edits changed: the written file is the original with the
        # edits of each pass made by plain slicing
        assert original == file.original.encode()
        assert now == replace(file, text=replay(file)).encoded()
        # markdown-it parses every fixed file as the original, plus what the fixes intend
        matter = file.original.text.startswith("---")
        lines = build_version(file.original, "en").front_matter
        skip = lines.last_line + 1 if matter and lines else 0
        want = _token_counts(file.original.text, skip)
        for finding in file.applied:
            for feature, delta in finding.fix.structure:
                key = ("heading_openh" + feature[8:]) if feature.startswith("heading:") else _INTENDED_TOKEN[feature]
                want[key] += delta
        got = _token_counts(file.text, skip)
        assert +want == +got, file.path
    # idempotent: fixing the fixed corpus changes nothing
    assert not fixer.fix([str(copy)]).changed


# -- a corpus, article by article ----------------------------------------------------------
def _fix_cli(path, *args) -> tuple[int, str, str]:
    out = CliRunner().invoke(main, ["fix", str(path), *args])
    return out.exit_code, out.stdout, out.stderr


def _whole(path, *, unsafe: bool = False) -> str:
    """`fix --diff`'s diff made from one fixer.fix of the whole corpus, held in memory."""
    outcome = fixer.fix([str(path)], rules=CHECK_RULES, unsafe=unsafe)
    return "".join(fixer.diff(f) for f in outcome.changed)


def test_a_corpus_is_fixed_article_by_article_as_if_at_once(synth_corpus, tmp_path):
    """`fix` reads, fixes, writes and drops one article at a time: its diff, what it
    writes and what it reports are those of one fix of the whole corpus."""
    code, diff, _ = _fix_cli(synth_corpus, "--diff")
    assert diff == _whole(synth_corpus) and diff.count("\n+++ ") >= 10
    code, diff, _ = _fix_cli(synth_corpus, "--diff", "--unsafe-fixes")
    assert diff == _whole(synth_corpus, unsafe=True)
    copy = tmp_path / "copy"
    shutil.copytree(synth_corpus, copy)
    expected = {f.path.replace(str(synth_corpus), str(copy)): f.text
                for f in fixer.fix([str(synth_corpus)], rules=CHECK_RULES).changed}
    code, out, _ = _fix_cli(copy)
    assert {p: open(p, encoding="utf-8").read() for p in expected} == expected
    left = CliRunner().invoke(main, ["check", str(copy), "--no-cache", "--jobs", "1"]).output
    assert out.splitlines()[1:] == left.splitlines()  # after "Fixed N findings in M files."


def test_articles_that_front_matter_joins_are_fixed_together(tmp_path):
    """Two files far apart in path order join one article by translationKey: they are
    fixed with each other, as one fix of the whole corpus does."""
    for i in range(12):
        for lang in ("fi", "sv", "pl"):
            (tmp_path / f"a{i:02}").mkdir(exist_ok=True)
            (tmp_path / f"a{i:02}" / f"{lang}.md").write_text(
                f"# Otsikko {i}\n\nTeksti [a](/x) [b](/x) tässä.\n\n- yksi\n- kaksi\n", encoding="utf-8")
    for slug in ("a01", "a10"):
        (tmp_path / slug / "fi.md").write_text("---\ntranslationKey: shared\n---\n##Muu\n\nTeksti 7 ),.\n",
                                               encoding="utf-8")
    diff = _fix_cli(tmp_path, "--diff")[1]
    assert diff == _whole(tmp_path)
    assert diff.count("\n+## Muu\n") == 2  # the joined files' headings, fixed


def test_fixing_a_corpus_does_not_hold_its_articles(synth_corpus, tmp_path):
    """Memory: the peak grows with the corpus by the diff text it prints (held in memory up
    to ``spill.TextStore.HELD_CHARS``), a small share of what holding the parsed articles
    would add (0.07-0.09 when measured; holding every article made the peak 3.4 times as large
    on four times the articles)."""
    assert holding_share(synth_corpus, tmp_path, lambda path: quiet_cli("fix", path, "--diff", code=1)) < 0.3


def test_diff_gives_the_files_by_path_when_articles_interleave_in_path_order(tmp_path):
    # <Language>/<slug>.md: an article's files are far apart in path order; the diffs are made
    # an article at a time and kept in a temporary file, then printed by path
    from .conftest import needs_shared

    corpus = tmp_path / "Texts"
    shutil.copytree(needs_shared("realcorpus", "Texts"), corpus)
    snapshot = {p: p.read_bytes() for p in corpus.rglob("*.md")}
    result = invoke("fix", "--diff", str(corpus))
    headers = [line[len("--- a/"):] for line in result.stdout.splitlines() if line.startswith("--- a/")]
    assert len(headers) > 50 and len({h.split("/")[-2] for h in headers}) >= 5  # many files, every language
    assert headers == sorted(headers)
    for header in headers:  # each file's diff is whole: its own header, then its hunks
        assert result.stdout.count(f"--- a/{header}\n+++ b/{header}\n") == 1
    assert f"would be fixed in {len(headers)} files" in result.stderr
    assert snapshot == {p: p.read_bytes() for p in corpus.rglob("*.md")}


def test_diff_to_a_reader_that_leaves_early_still_prints_the_summary():
    # `fix --diff | head -1`: the diff (545 KB on the real corpus) outlasts its reader
    import subprocess
    import sys

    from .conftest import needs_shared

    proc = subprocess.Popen([sys.executable, "-m", "transcheck", "fix", "--diff", str(needs_shared("realcorpus", "Texts"))],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout.readline().startswith(b"--- a/")
    proc.stdout.close()
    stderr = proc.stderr.read()
    assert proc.wait() == 1
    assert b"Traceback" not in stderr and b"findings would be fixed in" in stderr, stderr[-400:]
