"""--jobs N: the same output as one process, byte for byte."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from transcheck import parallel
from transcheck.cli import main
from transcheck.rules import CHECK_RULES

from .conftest import CORPUS, SHARED, check_cli


@pytest.fixture
def synth(synth_corpus):
    return synth_corpus


def _corpora(synth):
    out = [CORPUS, synth]
    real = SHARED / "realcorpus" / "Texts"
    if real.exists():
        out.append(real)
    return out


@pytest.mark.parametrize("extra", [(), ("--source", "en"), ("--shard", "2/3")])
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_jobs_2_equals_jobs_1(synth, fmt, extra):
    for corpus in _corpora(synth):
        one = check_cli(corpus, "--format", fmt, "--jobs", "1", *extra)
        two = check_cli(corpus, "--format", fmt, "--jobs", "2", *extra)
        assert one == two, corpus


def test_synthetic_corpus_really_runs_in_chunks(synth):
    settings = parallel.Settings(CHECK_RULES, None, (), None, False)
    assert len(parallel._chunks([[c] for c in range(40)], 2)) > 1
    result = parallel.run_chunked([str(synth)], None, settings, jobs=2)
    assert result is not None and result.article_count == 40 and result.files == 200


def _article(root, slug, langs, extra=""):
    for lang in langs:
        directory = root / slug
        directory.mkdir(parents=True, exist_ok=True)
        (directory / f"{lang}.md").write_text(f"{extra}# Title {slug}\n\nSome text 12 here.\n\n"
                                              f"- one\n- two\n", encoding="utf-8")


def test_front_matter_moves_a_file_across_chunks(tmp_path):
    for i in range(30):
        _article(tmp_path, f"a{i:02}", ("en", "fi", "sv"))
    # two files far apart in discovery order join one article by translationKey
    for slug in ("a01", "a28"):
        (tmp_path / slug / "fi.md").write_text("---\ntranslationKey: shared\n---\n# Other\n\nText 7.\n",
                                               encoding="utf-8")
    settings = parallel.Settings(CHECK_RULES, None, (), None, False)
    result = parallel.run_chunked([str(tmp_path)], None, settings, jobs=2)
    assert result is not None
    for fmt in ("text", "json"):
        assert check_cli(tmp_path, "--format", fmt, "--jobs", "1") == check_cli(tmp_path, "--format", fmt, "--jobs", "2")


def test_unlabelled_file_takes_the_serial_path(tmp_path):
    for i in range(20):
        _article(tmp_path, f"a{i:02}", ("en", "fi"))
    (tmp_path / "a03" / "notes.md").write_text("# Notes\n\nThis is an English text about nothing.\n")
    settings = parallel.Settings(CHECK_RULES, None, (), None, False)
    assert parallel.run_chunked([str(tmp_path)], None, settings, jobs=2) is None
    assert check_cli(tmp_path, "--jobs", "1") == check_cli(tmp_path, "--jobs", "2")


def test_jobs_must_be_positive():
    result = CliRunner().invoke(main, ["check", str(CORPUS), "--jobs", "0"])
    assert result.exit_code == 2


def test_chunks_keep_the_order_and_end_small_for_the_processes_to_finish_together():
    for count in (0, 1, 7, 40, 500, 2000, 2001):
        groups = [[n] for n in range(count)]
        for jobs in (1, 2, 3):
            chunks = parallel._chunks(groups, jobs)
            assert [g for chunk in chunks for g in chunk] == groups and all(chunks)
            assert max(map(len, chunks), default=0) <= parallel.CHUNK
    chunks = parallel._chunks([[n] for n in range(2000)], 2)
    assert len(chunks[0]) == parallel.CHUNK and all(len(chunk) <= parallel.CHUNK // 4 for chunk in chunks[-8:])


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_worker_rendered_output_spilled_equals_jobs_1(synth, monkeypatch, fmt):
    # with --jobs 2, text and JSON and no configuration that changes findings, a worker
    # sends each article's findings rendered (blocks); the store spills them beyond HELD
    from transcheck import spill

    one = check_cli(synth, "--format", fmt, "--jobs", "1")
    monkeypatch.setattr(spill, "HELD", 5)
    assert check_cli(synth, "--format", fmt, "--jobs", "2") == one


def test_a_worker_sends_rendered_blocks_not_findings(synth):
    from transcheck.discovery import discover

    groups = discover([str(synth)], None).groups()[:6]
    settings = parallel.Settings(CHECK_RULES, None, (), None, False)
    plain = parallel.work(groups, settings)
    rendered = parallel.work(groups, settings._replace(rendered="json"))
    assert plain.findings and not plain.blocks
    assert rendered.blocks and not rendered.findings
    assert sum(count for _, count, _ in rendered.blocks) == len(plain.findings)
    assert {path for path, _, _ in rendered.blocks} == {f.path for f in plain.findings}
