"""`check` pauses the cyclic garbage collector while it checks an article, and only then."""

from __future__ import annotations

import gc

from transcheck import parallel
from transcheck.findings import Severity
from transcheck.rules.base import Rule

_SEEN: list[bool] = []


def _record(version):
    _SEEN.append(gc.isenabled())
    return iter(())


_RULE = Rule("TC999", "collector-probe", Severity.INFO, "records the collector's state", _record, "", "version")


def test_collector_paused_per_article_and_restored(tmp_path):
    for slug in ("a", "b"):
        for lang in ("en", "fi"):
            (tmp_path / slug).mkdir(exist_ok=True)
            (tmp_path / slug / f"{lang}.md").write_text("# Title\n\nSome text here.\n", encoding="utf-8")
    _SEEN.clear()
    assert gc.isenabled()
    settings = parallel.Settings((_RULE,), None, (), None, False)
    result = parallel.run_chunked([str(tmp_path)], None, settings, jobs=1)
    assert result is not None and result.files == 4
    assert _SEEN == [False] * 4  # paused while each article was checked
    assert gc.isenabled()  # and running again afterwards


def test_collector_stays_off_when_the_caller_turned_it_off(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "en.md").write_text("# Title\n\nSome text here.\n", encoding="utf-8")
    gc.disable()
    try:
        parallel.run_chunked([str(tmp_path)], None, parallel.Settings((_RULE,), None, (), None, False), jobs=1)
        assert not gc.isenabled()
    finally:
        gc.enable()
