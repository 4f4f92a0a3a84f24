"""--shard K/N: N jobs check every article of a corpus exactly once."""

from __future__ import annotations

from collections import Counter

import pytest

from transcheck.engine import run
from transcheck.shards import parse_shard, shard_of

from .conftest import CORPUS, needs_shared
from .test_formats import invoke


@pytest.mark.parametrize("text, expected", [("1/1", (1, 1)), ("2/4", (2, 4)), (" 3 / 4 ", (3, 4))])
def test_parse_shard(text, expected):
    assert parse_shard(text) == expected


@pytest.mark.parametrize("text", ["0/4", "5/4", "1/0", "4", "a/b", "-1/2", "1/2/3", ""])
def test_parse_shard_refuses(text):
    with pytest.raises(ValueError):
        parse_shard(text)
    assert invoke("check", CORPUS, "--shard", text).exit_code == 2


def test_shard_of_is_a_fixed_function_of_the_slug():
    # SHA-256, not hash() (salted per process): the same shard in every job and on every machine.
    assert [shard_of("183-day-rule", n) for n in (1, 2, 3, 4, 5)] == [1, 2, 1, 2, 1]
    assert [shard_of("social-media-optimization-smo", n) for n in (2, 3, 4)] == [1, 2, 3]


@pytest.fixture(scope="module")
def whole():
    return run([str(needs_shared("realcorpus", "Texts"))])


@pytest.mark.parametrize("n", [1, 2, 3, 4])
def test_shards_cover_the_real_corpus_exactly_once(whole, n):
    texts = str(needs_shared("realcorpus", "Texts"))
    shards = [run([texts], shard=(k, n)) for k in range(1, n + 1)]
    paths = Counter(p for s in shards for p in s.checked)
    assert sorted(paths) == whole.checked and set(paths.values()) == {1}
    slugs = Counter(a.slug for s in shards for a in s.articles)
    assert sorted(slugs) == sorted(a.slug for a in whole.articles) and set(slugs.values()) == {1}
    for s in shards:  # an article is checked whole, in one shard
        assert {v.path for a in s.articles for v in a.versions} == set(s.checked)
        assert s.files == len(s.checked) and s.elsewhere == whole.files - s.files
    assert sorted((f for s in shards for f in s.findings), key=lambda f: f.sort_key) == whole.findings


def test_an_unreadable_file_goes_to_exactly_one_shard(tmp_path):
    for slug in ("alpha", "beta", "gamma", "delta"):
        (tmp_path / slug).mkdir()
        (tmp_path / slug / "fi.md").write_text("# Otsikko\n\nTeksti.\n", encoding="utf-8")
    (tmp_path / "beta" / "sv.md").write_bytes(b"# Rubrik\n\ntext \xff\n")
    shards = [run([str(tmp_path)], shard=(k, 3)) for k in (1, 2, 3)]
    assert sum(s.files for s in shards) == 5
    assert [f.rule for s in shards for f in s.findings] == ["read-error"]


def test_an_empty_shard_is_not_an_input_error(tmp_path):
    # The seed corpus is one article: shard 3 of 4 checks it, the other shards nothing.
    outcomes = [invoke("check", CORPUS, "--shard", f"{k}/4") for k in (1, 2, 3, 4)]
    assert [o.exit_code for o in outcomes] == [0, 0, 1, 0]
    assert outcomes[0].output == "0 findings in 0 files, 0 articles.\n"
    assert invoke("check", tmp_path, "--shard", "1/2").exit_code == 2  # no input at all


# -- transcheck merge ------------------------------------------------------------------------

def test_merging_the_shards_gives_the_unsharded_output(tmp_path):
    from transcheck.formats import FORMATS

    texts = str(needs_shared("realcorpus", "Texts"))
    missing = str(tmp_path / "nope.md")  # every shard reports it; the merge reports it once
    whole = run([texts, missing])
    shards = [run([texts, missing], shard=(k, 3)) for k in (1, 2, 3)]
    for fmt in ("json", "sarif"):
        files = []
        for k, shard in enumerate(shards, 1):
            files.append(tmp_path / f"shard{k}.{fmt}")
            files[-1].write_text(FORMATS[fmt](shard), encoding="utf-8")
        merged = invoke("merge", *files)
        assert merged.exit_code == 0, merged.output
        assert merged.output == FORMATS[fmt](whole), fmt
        assert invoke("merge", files[0]).output == files[0].read_text(encoding="utf-8")
        out = tmp_path / f"merged.{fmt}"
        assert invoke("merge", *reversed(files), "--output", out).output == ""
        assert out.read_text(encoding="utf-8") == FORMATS[fmt](whole)


def test_merge_refuses_what_is_not_the_outputs_of_shards(tmp_path):
    from transcheck.formats import FORMATS

    seed = run([str(CORPUS)])
    (tmp_path / "a.json").write_text(FORMATS["json"](seed), encoding="utf-8")
    (tmp_path / "a.sarif").write_text(FORMATS["sarif"](seed), encoding="utf-8")
    (tmp_path / "v2.json").write_text('{"version": 2, "findings": [], "summary": {}}', encoding="utf-8")
    (tmp_path / "other.sarif").write_text(FORMATS["sarif"](seed).replace('"name": "transcheck"', '"name": "x"', 1),
                                          encoding="utf-8")
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    (tmp_path / "deep.json").write_text("[" * 200_000, encoding="utf-8")  # deeper than the parser recurses
    for files, says in [(["a.json", "a.json"], "overlap"), (["a.sarif", "a.sarif"], "overlap"),
                        (["a.json", "a.sarif"], "must all be JSON"), (["a.json", "v2.json"], "format version 2"),
                        (["a.sarif", "other.sarif"], "same version of transcheck"),
                        (["broken.json"], "broken.json: not a JSON"), (["deep.json"], "deep.json: not a JSON"),
                        (["nope.json"], "does not exist")]:
        result = invoke("merge", *(tmp_path / f for f in files))
        assert result.exit_code == 2 and says in result.output, (files, result.output)
