"""Front matter: found by line, loaded as YAML, blanked for the parser, errors located."""

from __future__ import annotations

from transcheck import front_matter as fm
from transcheck.source import SourceText

from .conftest import version_of


def test_loads_keys_and_lines():
    source = SourceText("---\ntitle: Hei\nlang: fi\ndescription: x\n---\n\n# Hei\n")
    matter = fm.load(source)
    assert matter.data == {"title": "Hei", "lang": "fi", "description": "x"}
    assert (matter.first_line, matter.last_line) == (0, 4)
    assert matter.line_of("lang") == 2


def test_no_front_matter_is_fine():
    version = version_of("# Title\n\nText.\n")
    assert version.front_matter is None and version.front_matter_error is None
    assert version.sections[0].title == "Title"


def test_invalid_yaml_reports_its_line():
    source = SourceText("---\ntitle: ok\ndescription: a: b: c\n---\n\nText\n")
    err = fm.load(source)
    assert isinstance(err, fm.FrontMatterError)
    assert err.line == 2  # 0-based: third line of the file
    assert "YAML" in err.message


def test_front_matter_that_is_not_a_mapping():
    err = fm.load(SourceText("---\n- a\n- b\n---\n\nText\n"))
    assert isinstance(err, fm.FrontMatterError) and "not a mapping" in err.message


def test_unclosed_front_matter_is_an_error_and_text_is_still_parsed():
    version = version_of("---\ntitle: x\n\n## Heading\n")
    assert version.front_matter_error is not None
    assert [s.title for s in version.sections] == ["", "Heading"]  # `---` reads as a rule


def test_blanked_lines_keep_the_line_count():
    source = SourceText("---\na: 1\n---\nbody\n")
    lines = fm.blanked_lines(source, (0, 2))
    assert lines == ["", "", "", "body", ""]


def test_dots_close_front_matter_too():
    matter = fm.load(SourceText("---\ntitle: x\n...\nbody\n"))
    assert matter.data == {"title": "x"} and matter.last_line == 2


# -- hostile front matter (issue #9): an error at its line, found quickly, never a crash ----------
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

import pytest  # noqa: E402


def _error(text: str) -> fm.FrontMatterError:
    start = time.perf_counter()
    err = fm.load(SourceText(text))
    assert time.perf_counter() - start < 2
    assert isinstance(err, fm.FrontMatterError), err
    return err


def test_duplicate_keys_are_an_error_at_the_second_key():
    err = _error("---\ntitle: Yksi\nlang: fi\ntitle: Kaksi\n---\n\nText\n")
    assert (err.line, err.column) == (3, 0) and "duplicate key 'title'" in err.message
    nested = _error("---\nmeta:\n  a: 1\n  b: 2\n  a: 3\n---\n")
    assert (nested.line, nested.column) == (4, 2) and "duplicate key 'a'" in nested.message


def test_merge_keys_and_equal_values_under_different_keys_are_not_duplicates():
    matter = fm.load(SourceText("---\nbase: &b {x: 1, y: 2}\nitem:\n  <<: *b\n  x: 3\n---\n"))
    assert matter.data["item"] == {"x": 3, "y": 2}


def test_a_billion_laughs_is_refused_without_expanding_it():
    lines = ["---", 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{k}: &a{k} [{','.join([f'*a{k - 1}'] * 9)}]" for k in range(1, 30)]  # 9**30 values
    err = _error("\n".join(lines + ["---", "", "Text"]))
    assert "aliases expand to more than 10,000 values" in err.message
    # a0 is 10 values, a1 91, a2 820, a3 7,381: their aliases bring 90 + 819 + 7,380; the
    # first alias of a4 (file line 6, 0-based 5) passes 10,000
    assert (err.line, err.column) == (5, 9)


def test_a_few_aliases_load():
    matter = fm.load(SourceText("---\nkw: &k [a, b]\nkeywords: *k\ntags: [*k, *k]\n---\n"))
    assert matter.data["keywords"] == ["a", "b"] and matter.data["tags"] == [["a", "b"], ["a", "b"]]


def test_an_alias_inside_its_own_node_is_refused():
    err = _error("---\ntitle: T\na: &a [1, *a]\n---\n")
    assert err.line == 2 and "refers to a node that contains it" in err.message


@pytest.mark.parametrize("depth", [64, 100_000])
def test_deep_nesting_is_refused_before_the_composer_recurses(depth):
    err = _error("---\nt: " + "[" * depth + "]" * depth + "\n---\n")  # the mapping is a level too
    assert err.line == 1 and "nested more than 64 levels deep" in err.message
    assert isinstance(fm.load(SourceText("---\nt: " + "[" * 63 + "]" * 63 + "\n---\n")), fm.FrontMatter)


def test_deep_nesting_in_block_style_is_refused_too():
    """One ``-`` per level (``- - - a``): the fewest characters that nest this deep."""
    err = _error("---\n" + "- " * 65 + "a\n---\n")
    assert err.line == 1 and "nested more than 64 levels deep" in err.message
    assert "not a mapping" in _error("---\n" + "- " * 64 + "a\n---\n").message


def test_deep_nesting_does_not_crash_the_process(tmp_path):
    """PyYAML's C composer recurses once per level: 100,000 nested `[` killed `check` with SIGSEGV."""
    art = tmp_path / "article"
    art.mkdir()
    (art / "fi.md").write_text("---\nt: " + "[" * 100_000 + "]" * 100_000 + "\n---\n\n# T\n\nText.\n")
    (art / "sv.md").write_text("---\ntitle: T\n---\n\n# T\n\nText.\n")
    done = subprocess.run([sys.executable, "-m", "transcheck", "check", "--no-cache", str(art)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done.stderr
    assert "fi.md:2:" in done.stdout and "TC002 parse-error front matter is not loaded" in done.stdout


@pytest.mark.parametrize("value, line, what", [
    ("date: 2021-13-45", 2, "month must be in 1..12"),         # a typo PyYAML reads as a date
    ("n: " + "9" * 5000, 1, "(4300"),  # Python's int() refuses it (3.11: "(4300 digits)", 3.10: "(4300)")
])
def test_a_value_pyyaml_cannot_build_is_an_error_at_its_line(value, line, what):
    err = _error(f"---\ntitle: T\n{value}\n---\n".replace("title: T\n", "title: T\n" if line == 2 else ""))
    assert err.line == line and "cannot read the value" in err.message and what in err.message


@pytest.mark.parametrize("matter", ["title: [Otsikko\ndate: 2021-01-01", "- a list\n- not keys",
                                    "title: a\ntitle: b"])
def test_broken_front_matter_is_one_finding_not_a_heading_and_paragraphs(tmp_path, matter):
    """Closed but unloadable front matter is still front matter: its lines are not read as
    Markdown (`title: [x` over the closing `---` would be a level-2 heading, and the
    comparison with the other versions would report it again as a heading, a paragraph and
    a number)."""
    from transcheck.engine import run

    body = "\n\n# Otsikko\n\nTeksti yksi.\n\n## Osa\n\nTeksti kaksi.\n"
    for lang in ("fi", "sv", "pl"):
        (tmp_path / "a").mkdir(exist_ok=True)
        (tmp_path / "a" / f"{lang}.md").write_text(f"---\ntitle: Otsikko {lang}\ndate: 2021-01-01\n---{body}",
                                                   encoding="utf-8")
    (tmp_path / "a" / "ru.md").write_text(f"---\n{matter}\n---{body}", encoding="utf-8")
    findings = run([str(tmp_path / "a")]).findings
    assert [(f.path.rsplit("/", 1)[1], f.rule) for f in findings] == [("ru.md", "parse-error")]
    assert 2 <= findings[0].line <= 3 and findings[0].message.endswith("its keys are not compared with the other "
                                                                         "versions")
