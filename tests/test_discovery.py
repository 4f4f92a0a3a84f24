"""Discovery and grouping: layouts, front matter overrides, siblings of single files."""

from __future__ import annotations

from pathlib import Path

from transcheck.discovery import discover
from transcheck.engine import run

from .conftest import CORPUS, needs_shared

DEFECT = "---\ntitle: T\n---\n\n##Rubrik\n"


def _write(root: Path, rel: str, text: str = DEFECT) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _groups(result):
    return sorted((a.slug, a.langs) for a in result.articles)


def test_slug_dir_layout_of_the_corpus():
    found = discover([str(CORPUS)])
    assert {(c.slug, c.lang) for c in found.candidates} == {
        ("social-media-optimization-smo", lang) for lang in ("fi", "sv", "pl", "is", "ru")}
    assert len({c.group for c in found.candidates}) == 1


def test_lang_dir_layout_with_english_names_and_codes(tmp_path):
    for lang in ("Finnish", "Swedish", "pl"):
        _write(tmp_path, f"{lang}/capm.md")
        _write(tmp_path, f"{lang}/escrow.md")
    result = run([str(tmp_path)])
    assert _groups(result) == [("capm", ("fi", "pl", "sv")), ("escrow", ("fi", "pl", "sv"))]


def test_suffix_layout(tmp_path):
    for lang in ("fi", "sv", "pt-BR"):
        _write(tmp_path, f"docs/intro.{lang}.md")
    result = run([str(tmp_path)])
    assert _groups(result) == [("intro", ("fi", "pt-BR", "sv"))]


def test_layout_can_be_forced(tmp_path):
    _write(tmp_path, "fi/sv.md")  # ambiguous: a language directory holding a language-named file
    _write(tmp_path, "sv/sv.md")
    assert _groups(run([str(tmp_path)], layout="lang-dir")) == [("sv", ("fi", "sv"))]
    assert sorted(a.langs for a in run([str(tmp_path)], layout="slug-dir").articles) == [("sv",), ("sv",)]


def test_front_matter_overrides_path(tmp_path):
    _write(tmp_path, "a/one.md", "---\nlang: fi\ntranslationKey: smo\n---\n\nTeksti.\n")
    _write(tmp_path, "b/two.md", "---\nlanguage: Swedish\ntranslation_key: smo\n---\n\nText.\n")
    result = run([str(tmp_path)])
    assert _groups(result) == [("smo", ("fi", "sv"))]
    assert not [f for f in result.findings if f.rule == "language-unknown"]


def test_front_matter_joining_a_second_version_of_a_language_is_reported(tmp_path):
    """Two Finnish files joined by translationKey: the later one (path order) is reported
    once, at the value that joined it, naming the other; -j 1 and -j 2 agree."""
    from .conftest import check_cli

    _write(tmp_path, "a/fi.md", "---\ntranslationKey: smo\n---\n\n# Otsikko\n\nTeksti.\n")
    _write(tmp_path, "a/sv.md", "---\ntranslationKey: smo\n---\n\n# Rubrik\n\nText.\n")
    _write(tmp_path, "b/fi.md", "---\ntranslationKey: smo\n---\n\n# Otsikko\n\nToinen teksti.\n")
    found = [f for f in run([str(tmp_path)]).findings if f.rule == "language-duplicate"]
    assert [(Path(f.path).parent.name, f.line, f.column) for f in found] == [("b", 2, 17)]
    assert str(tmp_path / "a" / "fi.md") in found[0].message
    assert check_cli(tmp_path, "--jobs", "1") == check_cli(tmp_path, "--jobs", "2")


def test_single_file_loads_siblings_but_reports_only_itself(tmp_path):
    for lang in ("fi", "sv", "pl"):
        _write(tmp_path, f"article/{lang}.md")
    result = run([str(tmp_path / "article" / "sv.md")])
    assert _groups(result) == [("article", ("fi", "pl", "sv"))]
    assert {Path(f.path).name for f in result.findings} == {"sv.md"}
    assert result.files == 1


def test_single_file_in_lang_dir_layout_finds_siblings(tmp_path):
    for lang in ("Finnish", "Swedish"):
        _write(tmp_path, f"Texts/{lang}/capm.md")
    _write(tmp_path, "Texts/Finnish/other.md")
    result = run([str(tmp_path / "Texts" / "Swedish" / "capm.md")])
    assert _groups(result) == [("capm", ("fi", "sv"))]


def test_named_files_are_read_whatever_their_extension(tmp_path):
    path = _write(tmp_path, "notes.txt", "---\nlang: sv\n---\n\n##Rubrik\n")
    result = run([str(path)])
    assert [(f.rule, f.lang) for f in result.findings] == [("heading-missing-space", "sv")]


def test_realcorpus_groups_by_language_directory():
    texts = needs_shared("realcorpus", "Texts")
    result = run([str(texts)])
    assert len(result.articles) == 35
    assert all(a.langs == ("en", "fi", "is", "pl", "ru", "sv") for a in result.articles)


def test_unlabelled_seed_files_are_identified_not_dropped():
    # (Session 1 reported them as language-unknown; they are identified by their text now.)
    seeds = needs_shared("seeds")
    result = run([str(p) for p in sorted(seeds.glob("*.txt"))])
    assert not [f for f in result.findings if f.rule == "language-unknown"]
    assert result.files == 5
    assert any(f.rule == "heading-missing-space" for f in result.findings)


def test_every_spelling_of_a_directory_gives_the_same_paths(tmp_path, monkeypatch):
    """Paths are reported as pathlib spells them: no `./`, no doubled or trailing `/`."""
    for lang in ("fi", "sv"):
        (tmp_path / "c" / "alpha").mkdir(parents=True, exist_ok=True)
        (tmp_path / "c" / "alpha" / f"{lang}.md").write_text("# T\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    spellings = ("c", "c/", "./c", ".//c//", "c/alpha/..")
    found = {s: [(c.path, c.group) for c in discover([s]).candidates] for s in spellings}
    assert found["c"] == [("c/alpha/fi.md", "slug-dir:c/alpha"), ("c/alpha/sv.md", "slug-dir:c/alpha")]
    assert all(found[s] == found["c"] for s in spellings[:4])
    assert [c.path for c in discover(["c/alpha/.."]).candidates] == ["c/alpha/../alpha/fi.md", "c/alpha/../alpha/sv.md"]
    monkeypatch.chdir(tmp_path / "c" / "alpha")
    assert [(c.path, c.slug, c.named) for c in discover(["./fi.md"]).candidates] == [("fi.md", "alpha", True),
                                                                                      ("sv.md", "alpha", False)]


def test_a_very_deep_directory_tree_is_searched(tmp_path):
    """The search is iterative: 1,100 nested directories are no recursion limit."""
    import os

    deep = str(tmp_path)
    for _ in range(1100):
        deep += "/d"
        os.mkdir(deep)  # not makedirs: it recurses once per level
    Path(deep, "story.fi.md").write_text("# T\n", encoding="utf-8")
    try:
        assert [c.lang for c in discover([str(tmp_path)]).candidates] == ["fi"]
    finally:  # removed here, level by level: shutil.rmtree (pytest's cleanup) recurses too
        os.unlink(Path(deep, "story.fi.md"))
        while deep != str(tmp_path):
            os.rmdir(deep)
            deep = os.path.dirname(deep)


def _tree(root: Path) -> None:
    """Directories of every layout, mixed, with what the walk skips or must not enter (a3
    is not a slug directory: half its .md entries, a directory among them, are languages)."""
    for rel in ("slugs/a1/fi.md", "slugs/a1/sv.md", "slugs/a1/notes.md", "slugs/a2/en.md", "slugs/a2/README.md",
                "slugs/a2/x.md", "slugs/a2/y.md", "Finnish/capm.md", "Swedish/capm.md", "pl/capm.md",
                "sfx/intro.fi.md", "sfx/intro.sv.md", "sfx/intro.md", "plain/one.md", "plain/two.txt",
                "plain/.hidden.md", ".hid/fi.md", "node_modules/fi.md", "deep/er/still/fi.md", "deep/er/still/sv.md",
                "fi.md", "sv.md", "Finnish/sub/fi.md", "odd name/[fi].md", "odd name/fi.md.bak",
                "slugs/a3/fi.md", "slugs/a3/sv.md", "slugs/a3/notes.md", "slugs/a3/z.md/keep.txt"):
        _write(root, rel)
    (root / "linked").symlink_to(root / "slugs")


def test_discovery_shortcuts_agree_with_the_general_path(tmp_path, monkeypatch):
    """A walked file's parent and name come from the walk (not os.path), its directory's
    slug-dir status from the walk's listing (not a second listdir), and its directory is
    taken as under a searched one (not resolved): the same candidates as without them."""
    from transcheck import discovery

    _tree(tmp_path / "c")
    runs = [[str(tmp_path / "c")], [str(tmp_path / "c" / "slugs")], [str(tmp_path / "c" / "Finnish")],
            [str(tmp_path / "c" / "linked")], [str(tmp_path / "c" / "slugs" / "a1" / "fi.md")],
            [str(tmp_path / "c" / "slugs"), str(tmp_path / "c" / "Finnish" / "capm.md"), str(tmp_path / "nothing")],
            [str(tmp_path / "c" / "sfx"), str(tmp_path / "c" / "deep")]]

    def found():
        out = []
        for paths in runs:
            for layout in (None, *discovery.LAYOUTS):
                for include in (discovery.INCLUDE, ("*.md", "*.txt"), ("[a-f]*.md",), ("*",)):
                    d = discovery.discover(paths, layout, include)
                    out.append(([(c.path, c.lang, c.slug, c.group, c.named) for c in d.candidates], d.missing))
        return out

    fast = found()
    walk = discovery._md_files
    monkeypatch.setattr(discovery, "_md_files",  # the walk's files only, as the general path finds them
                        lambda directory, include=discovery.INCLUDE, slug_dirs=None: dict.fromkeys(walk(directory, include)))
    assert found() == fast
    assert any(candidates for candidates, _ in fast)


def test_include_matcher_is_fnmatch():
    import random
    from fnmatch import fnmatch

    from transcheck.discovery import _matcher

    rng = random.Random(8)
    alphabet = "ab.*?[]!-_ Ä"
    for _ in range(3000):
        patterns = tuple("".join(rng.choice(alphabet) for _ in range(rng.randint(0, 5))) for _ in range(rng.randint(1, 2)))
        name = "".join(rng.choice("ab._ Ämd") for _ in range(rng.randint(0, 6)))
        assert _matcher(patterns)(name) == any(fnmatch(name, p) for p in patterns), (patterns, name)
