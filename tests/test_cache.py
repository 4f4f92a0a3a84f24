"""The result cache: same output cold and warm, invalidation, corrupt entries ignored."""

from __future__ import annotations

import json
import os
from pathlib import Path

from click.testing import CliRunner

from transcheck import parallel
from transcheck.cache import FORMAT, Cache, finding_from_row, finding_row, salt
from transcheck.cli import main
from transcheck.findings import Applicability, Edit, Finding, Fix, Severity
from transcheck.rules import CHECK_RULES

from .conftest import ROOT, imported_by


def _corpus(root: Path, n: int = 12) -> Path:
    for i in range(n):
        for lang in ("en", "fi", "sv"):
            d = root / "c" / f"a{i:02}"
            d.mkdir(parents=True, exist_ok=True)
            text = ("# Title\n\n##Part\n\nText 13.\n" if lang == "fi" else
                    f"# Title\n\n## Part\n\nText {i} and [link](https://x.org).\n\n- a\n- b\n")
            (d / f"{lang}.md").write_text(text, encoding="utf-8")
    return root / "c"


def _run(corpus, cache, *extra, jobs="1"):
    result = CliRunner().invoke(main, ["check", str(corpus), "--format", "json", "--jobs", jobs,
                                       "--cache-dir", str(cache), *extra])
    assert result.exit_code in (0, 1), result.output
    return result.output


def _settings(cache, rules=None):
    from transcheck.config import load

    s = parallel.Settings(rules or load((str(cache),), None).rules(), None, (), None, False, str(cache))
    return s._replace(salt=salt(s))


def test_round_trip():
    f = Finding("a.md", 1, 2, 3, 4, "r", "TC1", Severity.WARNING, "m ü", "fi", "art", 5, 9,
                Fix(Applicability.UNSAFE, (Edit(5, 9, "x"), Edit(10, 10, "")), (("link", -1),)), ((1, 2, 1, 6), (1, 7, 1, 7)))
    assert finding_from_row(finding_row(f)) == f
    plain = Finding("b.md", 1, 1, 1, 1, "r", "TC2", Severity.INFO, "m", "en", "x")
    assert finding_from_row(finding_row(plain)) == plain


def test_cold_warm_equal_and_warm_skips_parsing(tmp_path, monkeypatch):
    corpus, cache = _corpus(tmp_path), tmp_path / "cache"
    plain = _run(corpus, cache, "--no-cache")
    assert not cache.exists()
    cold = _run(corpus, cache)
    assert (cache / "CACHEDIR.TAG").exists() and (cache / ".gitignore").read_text().strip().endswith("*")
    import transcheck.engine as engine

    def no_parse(*a, **k):
        raise AssertionError("parsed on a warm run")

    monkeypatch.setattr(engine, "load", no_parse)
    warm = _run(corpus, cache)
    assert plain == cold == warm
    assert _run(corpus, cache, jobs="2") == cold
    result = parallel.run_chunked([str(corpus)], None, _settings(cache), jobs=1)
    assert result.stats == {"hits": 12, "misses": 0}


def test_one_changed_version_recomputes_its_article_only(tmp_path):
    corpus, cache = _corpus(tmp_path), tmp_path / "cache"
    parallel.run_chunked([str(corpus)], None, _settings(cache), jobs=1)
    (corpus / "a03" / "fi.md").write_text("# Title\n\n## Part\n\nText 3.\n", encoding="utf-8")
    result = parallel.run_chunked([str(corpus)], None, _settings(cache), jobs=1)
    assert result.stats == {"hits": 11, "misses": 1}
    assert _run(corpus, cache) == _run(corpus, cache, "--no-cache")


def test_config_change_invalidates(tmp_path):
    corpus, cache = _corpus(tmp_path), tmp_path / "cache"
    parallel.run_chunked([str(corpus)], None, _settings(cache), jobs=1)
    fewer = parallel.run_chunked([str(corpus)], None, _settings(cache, CHECK_RULES[:3]), jobs=1)
    assert fewer.stats == {"hits": 0, "misses": 12}
    before = _run(corpus, cache)
    (tmp_path / "transcheck.toml").write_text('ignore = ["heading-missing-space"]\n')
    after = _run(corpus, cache)
    assert after != before and after == _run(corpus, cache, "--no-cache")
    (tmp_path / "transcheck.toml").unlink()
    assert _run(corpus, cache) == before
    assert _run(corpus, cache, "--source", "en") == _run(corpus, cache, "--source", "en", "--no-cache")


def test_corrupt_truncated_foreign_entries_are_ignored(tmp_path):
    corpus, cache = _corpus(tmp_path), tmp_path / "cache"
    good = _run(corpus, cache)
    entries = sorted(p for p in cache.rglob("*.json"))
    assert len(entries) == 12
    entries[0].write_text("{not json")
    entries[1].write_bytes(entries[1].read_bytes()[:20])
    entries[2].write_text('{"format": %d, "key": "someone else", "findings": []}' % FORMAT)
    row = json.loads(entries[3].read_text())["findings"][0]
    for number, damaged in enumerate((row[:5], [*row[:1], str(row[1]), *row[2:]], [{"path": 1}]), 3):
        doc = json.loads(entries[number].read_text())
        doc["findings"] = [damaged]
        entries[number].write_text(json.dumps(doc))
    result = parallel.run_chunked([str(corpus)], None, _settings(cache), jobs=1)
    assert result.stats == {"hits": 6, "misses": 6}
    assert _run(corpus, cache) == good


def test_unwritable_cache_is_not_fatal(tmp_path):
    corpus = _corpus(tmp_path)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert _run(corpus, blocker / "cache") == _run(corpus, blocker / "cache", "--no-cache")
    assert os.path.isfile(blocker)
    assert Cache(str(blocker / "c"), "").get("00" * 32) is None


def test_clean_removes_the_cache_and_nothing_else(tmp_path):
    corpus, cache = _corpus(tmp_path), tmp_path / "cache"
    _run(corpus, cache)
    assert any(cache.rglob("*.json"))
    runner = CliRunner()
    done = runner.invoke(main, ["clean", "--cache-dir", str(cache)])
    assert done.exit_code == 0 and not cache.exists() and corpus.is_dir()
    assert runner.invoke(main, ["clean", "--cache-dir", str(cache)]).exit_code == 0  # nothing to remove
    mine = tmp_path / "notes"  # a directory the user keeps, not a cache
    mine.mkdir()
    (mine / "todo.md").write_text("keep me")
    done = runner.invoke(main, ["clean", "--cache-dir", str(mine)])
    assert done.exit_code == 2 and "not a transcheck cache" in done.output
    assert (mine / "todo.md").read_text() == "keep me"
    (mine / "CACHEDIR.TAG").write_text("Signature: 8a477f597d28d172789f06886806bc55\n# made by another tool\n")
    assert runner.invoke(main, ["clean", "--cache-dir", str(mine)]).exit_code == 2 and mine.is_dir()


def test_stat_memo_spares_reading_unchanged_files(tmp_path, monkeypatch):
    """A warm run takes each unchanged article's key from the stat memo: no file is read."""
    from transcheck import cache as cache_mod

    monkeypatch.setattr(cache_mod, "RACY_NS", 0)  # the files were written just now
    corpus, cache = _corpus(tmp_path), tmp_path / "cache"
    cold = _run(corpus, cache)
    assert len(list((cache / f"v{FORMAT}" / "stat").rglob("*"))) > 12  # 12 memos in their directories

    def no_read(*a, **k):
        raise AssertionError("read on a warm run")

    monkeypatch.setattr(parallel, "_read", no_read)
    assert _run(corpus, cache) == cold
    monkeypatch.undo()
    monkeypatch.setattr(cache_mod, "RACY_NS", 0)
    next(iter(sorted(cache.rglob("*.json")))).unlink()  # an entry gone: its article is read and checked again
    result = parallel.run_chunked([str(corpus)], None, _settings(cache), jobs=1)
    assert result.stats == {"hits": 11, "misses": 1}


def test_a_file_changed_with_its_size_and_mtime_kept_is_read_again(tmp_path, monkeypatch):
    """The memo compares the change time too, which a write always sets and `touch` cannot."""
    import time

    from transcheck import cache as cache_mod

    monkeypatch.setattr(cache_mod, "RACY_NS", 0)
    corpus, cache = _corpus(tmp_path), tmp_path / "cache"
    before = _run(corpus, cache)
    target = corpus / "a03" / "fi.md"
    info = target.stat()
    time.sleep(0.05)  # past the file system's timestamp granularity
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("Text 13.", "Text 31."), encoding="utf-8")
    os.utime(target, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert target.stat().st_size == info.st_size and target.stat().st_mtime_ns == info.st_mtime_ns
    after = _run(corpus, cache)
    assert after != before and after == _run(corpus, cache, "--no-cache")


def test_files_changed_just_now_are_not_memoized(tmp_path):
    """Within RACY_NS of a change a second change could leave the times as they are: such
    files are read and hashed, and nothing is recorded for them."""
    corpus, cache = _corpus(tmp_path), tmp_path / "cache"
    _run(corpus, cache)
    assert any(cache.rglob("*.json")) and not (cache / f"v{FORMAT}" / "stat").exists()


def test_damaged_fix_rows_are_refused():
    """A row whose fix is not what finding_row writes raises (its entry is then ignored)."""
    import pytest

    f = Finding("a.md", 1, 2, 3, 4, "r", "TC1", Severity.WARNING, "m", "fi", "art", 5, 9,
                Fix(Applicability.SAFE, (Edit(5, 9, "x"),), (("link", -1),)), ((1, 2, 1, 6),))
    good = finding_row(f)
    assert finding_from_row(good) == f
    damaged = []
    for path, value in (((13, 1, 0), [5, "9", "x"]), ((13, 1, 0), [5, 9]), ((14, 0), [1, 2, 1]),
                        ((14,), []), ((13, 2, 0), ["link", "-1"]), ((13, 0), "maybe"), ((13,), None),
                        ((13, 1), "edits"), ((14, 0), "abcd"), ((13, 2, 0), "ab"),
                        ((13, 1, 0), {"a": 5, "b": 9, "c": "x"}), ((14, 0), [1, 2, 1, True])):
        row = json.loads(json.dumps(good))
        target = row
        for index in path[:-1]:
            target = target[index]
        target[path[-1]] = value
        damaged.append(row)
    for row in damaged:
        with pytest.raises((ValueError, TypeError, KeyError)):
            finding_from_row(row)


def test_entries_nested_deeper_than_json_reads_are_ignored(tmp_path):
    """A damaged entry whose JSON nests deeper than the parser recurses (RecursionError, not a
    ValueError) is recomputed like any other damaged entry, in both of an entry's files."""
    corpus, cache = _corpus(tmp_path), tmp_path / "cache"
    good = _run(corpus, cache)
    entries = sorted(p for p in cache.rglob("*") if p.suffix in (".json", ".out"))
    assert entries
    for entry in entries:
        entry.write_text("[" * 200_000 + "\n")
    for fmt in ("json", "text", "sarif"):  # sarif reads the rows (.json), the others the output (.out)
        assert _run(corpus, cache, "--format", fmt) == _run(corpus, cache, "--format", fmt, "--no-cache")
    assert _run(corpus, cache) == good


def test_a_check_without_the_cache_does_not_import_it(tmp_path):
    """``check --no-cache`` (and the pre-commit hook's one article) does not import the
    cache module and its hashing (~5 ms and 3 MB of a start): an article's findings are
    rendered as output blocks by ``formats``; with the cache, it is imported."""
    article = str(ROOT / "corpus" / "social-media-optimization-smo")
    modules = ("transcheck.cache", "hashlib")
    assert imported_by(["check", "--no-cache", "--format", "json", article], modules) == []
    assert imported_by(["check", "--cache-dir", str(tmp_path), article], modules) == ["hashlib", "transcheck.cache"]
