"""The findings of `check` beyond a bound go to a temporary file: the same output, byte
for byte, with a bounded number of findings in memory, and no file left behind."""

from __future__ import annotations

import os
import random

import pytest

from transcheck import parallel, spill
from transcheck.rules import CHECK_RULES

from .conftest import ROOT, check_cli, needs_shared

CONFIG = """\
[per-file-ignores]
"Finnish" = ["stray-punctuation"]
"article-0003" = ["TC"]
[severity]
"link-split" = "info"
"TC2" = "error"
"""


@pytest.fixture
def slug_dirs(synth_corpus):
    return synth_corpus


@pytest.fixture
def config(tmp_path):
    path = tmp_path / "transcheck.toml"
    path.write_text(CONFIG, encoding="utf-8")
    return path


def _findings(corpus):
    settings = parallel.Settings(CHECK_RULES, None, (), None, False)
    return list(parallel.run_chunked([str(corpus)], None, settings, jobs=1).findings)


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_spilled_output_is_byte_identical(slug_dirs, config, monkeypatch, fmt, jobs):
    # the real corpus (<Language>/<slug>.md: an article's files far apart in path order)
    # and a slug-dir corpus, with severity overrides and per-file ignores
    for corpus in (needs_shared("realcorpus", "Texts"), slug_dirs):
        args = ("--format", fmt, "--jobs", jobs, "--config", str(config))
        monkeypatch.setattr(spill, "HELD", 10**9)
        held = check_cli(corpus, *args)
        monkeypatch.setattr(spill, "HELD", 5)
        spilled = check_cli(corpus, *args)
        assert spilled == held, corpus
        plain = check_cli(corpus, "--format", fmt, "--jobs", jobs)
        assert plain != held  # the configuration changed something


def test_config_is_applied_to_spilled_findings(config, monkeypatch):
    monkeypatch.setattr(spill, "HELD", 5)
    corpus = needs_shared("realcorpus", "Texts")
    _, out = check_cli(corpus, "--format", "text", "--jobs", "1", "--config", str(config))
    assert "/Finnish/" in out and not any("/Finnish/" in line and "stray-punctuation" in line
                                          for line in out.splitlines())
    _, plain = check_cli(corpus, "--format", "text", "--jobs", "1")
    assert any("/Finnish/" in line and "stray-punctuation" in line for line in plain.splitlines())


@pytest.mark.parametrize("blocks", [False, True])
def test_findings_held_never_exceed_the_bound(monkeypatch, config, blocks):
    """A check keeps at most ``HELD`` findings (``FindingStore.add``), and beyond that writes
    them out; an article checked here or in a worker comes as its files' findings rendered
    (``add_blocks``), and then at most one more file's findings are held. With a
    configuration that changes findings (``--config``), they come as findings."""
    monkeypatch.setattr(spill, "HELD", 5)
    monkeypatch.setattr(parallel, "CHUNK", 4)  # batches of 4 articles' findings
    held, spills, largest = [], [], [0]
    add, add_blocks, spill_ = spill.FindingStore.add, spill.FindingStore.add_blocks, spill.FindingStore._spill

    def counting_add(self, findings):
        add(self, findings)
        held.append(self._held_count)

    def counting_add_blocks(self, given, tally):
        given = list(given)
        largest[0] = max([largest[0], *(count for _, count, _ in given)])
        add_blocks(self, given, tally)
        held.append(self._held_count)

    def counting_spill(self):
        spills.append(self._held_count)
        spill_(self)

    monkeypatch.setattr(spill.FindingStore, "add", counting_add)
    monkeypatch.setattr(spill.FindingStore, "add_blocks", counting_add_blocks)
    monkeypatch.setattr(spill.FindingStore, "_spill", counting_spill)
    check_cli(needs_shared("realcorpus", "Texts"), "--format", "json", "--jobs", "1",
              *(() if blocks else ("--config", str(config))))
    assert (largest[0] > 0) == blocks
    assert len(held) >= 9 and max(held) <= 5 + largest[0]  # 35 articles
    if blocks:
        assert len(spills) > 50 and min(spills) >= 5
    else:
        assert len(spills) > 100 and set(spills) == {5}  # ~745 findings, written in runs of 5


def test_chunks_are_bounded():
    groups = [[i] for i in range(10_000)]
    for jobs in (1, 2, 8):
        chunks = parallel._chunks(groups, jobs)
        assert max(map(len, chunks)) <= parallel.CHUNK
        assert [g for chunk in chunks for g in chunk] == groups


def test_store_sorts_batches_in_any_order(monkeypatch):
    monkeypatch.setattr(spill, "HELD", 7)
    findings = _findings(needs_shared("realcorpus", "Texts"))
    batches = [findings[i:i + 13] for i in range(0, len(findings), 13)]
    random.Random(8).shuffle(batches)  # a path's findings in several batches, far apart
    store = spill.FindingStore()
    for batch in batches:
        store.add(batch)
    assert len(store._runs) > 50
    expected = sorted((f for batch in batches for f in batch), key=lambda f: f.sort_key)
    assert list(store) == expected == findings
    assert list(store) == expected  # as often as needed
    assert len(store) == len(findings) and spill.tally(store) == spill.tally(findings)
    store.close()


def test_equal_sort_keys_keep_the_order_they_came_in(monkeypatch):
    monkeypatch.setattr(spill, "HELD", 2)
    first = _findings(needs_shared("realcorpus", "Texts"))[0]
    twins = [first._replace(end_column=first.end_column + i) for i in range(6)]  # same sort_key
    store = spill.FindingStore()
    for twin in twins:
        store.add([twin])
    assert list(store) == twins


def test_temporary_file_is_never_seen_and_is_closed(tmp_path, monkeypatch, slug_dirs):
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(scratch))
    monkeypatch.setattr(spill, "HELD", 5)
    seen = []
    spill_ = spill.FindingStore._spill

    def watching_spill(self):
        spill_(self)
        seen.append(os.listdir(scratch))

    monkeypatch.setattr(spill.FindingStore, "_spill", watching_spill)
    check_cli(slug_dirs, "--format", "json", "--jobs", "1")
    assert seen and not any(seen)
    assert os.listdir(scratch) == []
    if os.path.isdir("/proc/self/fd"):
        targets = []
        for fd in os.listdir("/proc/self/fd"):
            try:
                targets.append(os.readlink(f"/proc/self/fd/{fd}"))
            except OSError:
                pass
        assert not [t for t in targets if t.startswith(str(scratch))]


def test_small_runs_touch_no_disk(monkeypatch):
    def no_file(*args, **kwargs):
        raise AssertionError("a temporary file for a run under the bound")

    monkeypatch.setattr("tempfile.TemporaryFile", no_file)
    assert check_cli(ROOT / "corpus", "--format", "json", "--jobs", "1")[1].startswith("{")


def test_front_matter_moves_across_in_process_chunks(tmp_path, monkeypatch):
    for i in range(30):
        for lang in ("en", "fi", "sv"):
            (tmp_path / f"a{i:02}").mkdir(exist_ok=True)
            (tmp_path / f"a{i:02}" / f"{lang}.md").write_text(f"# Title {i}\n\nSome text 12 here.\n\n- one\n- two\n",
                                                              encoding="utf-8")
    for slug in ("a01", "a28"):  # two files far apart join one article by translationKey
        (tmp_path / slug / "fi.md").write_text("---\ntranslationKey: shared\n---\n# Other\n\nText 7.\n",
                                               encoding="utf-8")
    whole = {fmt: check_cli(tmp_path, "--format", fmt, "--jobs", "1") for fmt in ("text", "json")}
    monkeypatch.setattr(parallel, "CHUNK", 4)
    monkeypatch.setattr(spill, "HELD", 5)
    for fmt in ("text", "json"):
        assert check_cli(tmp_path, "--format", fmt, "--jobs", "1") == whole[fmt]
    settings = parallel.Settings(CHECK_RULES, None, (), None, False)
    result = parallel.run_chunked([str(tmp_path)], None, settings, jobs=1)
    assert result.article_count == 31 and result.stats == {"hits": 0, "misses": 30}


def test_a_rendering_store_gives_the_pieces_in_order_and_keeps_no_spilled_finding(monkeypatch):
    """With ``render`` a store keeps what the output writes for each spilled finding: the
    same pieces in the same order as rendering the sorted findings (equal sort keys in the
    order they came), and its spilled findings cannot be asked for as findings."""
    from transcheck.formats import finding_json, text_line

    monkeypatch.setattr(spill, "HELD", 7)
    findings = _findings(needs_shared("realcorpus", "Texts"))
    twins = [findings[0]._replace(end_column=findings[0].end_column + i) for i in range(4)]  # same sort_key
    batches = [*twins, *findings]
    random.Random(5).shuffle(batches)
    expected = sorted(batches, key=lambda f: f.sort_key)
    for render in (finding_json, text_line):
        store = spill.FindingStore(render)
        for i in range(0, len(batches), 11):
            store.add(batches[i:i + 11])
        assert list(store.rendered()) == [render(f) for f in expected] == list(store.rendered())
        with pytest.raises(TypeError):
            iter(store)
        store.close()
    small = spill.FindingStore(text_line)  # nothing spilled: its findings are still findings
    small.add(findings[:3])
    assert list(small) == sorted(findings[:3], key=lambda f: f.sort_key)


def _came():
    # fix --diff: each file's diff as its article is fixed (articles come in any path order)
    return [("pl/b.md", "-b\n+B\n"), ("fi/b.md", "-ö\n+Ö\n"), ("fi/a.md", "-x\n+y\n"), ("fi/b.md", "and then\n"),
            ("fi/\udcff.md", "undecodable \udcff\n")]


def _by_key_then_arrival():
    return [text for _, text in sorted(_came(), key=lambda kt: kt[0])]


@pytest.mark.parametrize("held", [1 << 22, 10, 0])
def test_a_text_store_gives_its_texts_by_key_then_arrival(monkeypatch, held):
    monkeypatch.setattr(spill.TextStore, "HELD_CHARS", held)
    store = spill.TextStore()
    for key, text in _came():
        store.add(key, text)
    assert len(store) == 5
    assert list(store.in_order()) == _by_key_then_arrival()
    store.close()


def test_a_text_store_holds_at_most_its_bound_in_memory(monkeypatch):
    monkeypatch.setattr(spill.TextStore, "HELD_CHARS", 10)
    store = spill.TextStore()
    for key, text in _came():
        store.add(key, text)
        assert sum(len(row[2]) for row in store._where if row[2] is not None) <= 10
    assert store._file is not None
    store.close()


def test_a_text_store_under_its_bound_or_without_a_temporary_file_touches_no_disk(monkeypatch):
    def no_file(*args, **kwargs):
        raise OSError(30, "Read-only file system")

    monkeypatch.setattr("tempfile.TemporaryFile", no_file)
    for held in (1 << 22, 10):  # under the bound; past it, with no file to write: kept in memory
        monkeypatch.setattr(spill.TextStore, "HELD_CHARS", held)
        store = spill.TextStore()
        for key, text in _came():
            store.add(key, text)
        assert list(store.in_order()) == _by_key_then_arrival()
