"""`check` pauses the cyclic garbage collector while it checks a chunk of articles, and only then."""

from __future__ import annotations

import gc
import weakref

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


class _Cyclic:
    pass


_REFS: list = []
_FREED: list[bool] = []


def _leave_a_cycle(version):
    """Records whether the cycles the earlier articles left have been freed, then leaves one."""
    _FREED.append(all(ref() is None for ref in _REFS))
    obj = _Cyclic()
    obj.me = obj
    _REFS.append(weakref.ref(obj))
    return iter(())


def test_cycles_an_article_leaves_are_collected_while_the_collector_is_paused(tmp_path, monkeypatch):
    for slug in ("a", "b", "c"):
        (tmp_path / slug).mkdir()
        (tmp_path / slug / "en.md").write_text("# Title\n\nSome text here.\n", encoding="utf-8")
    monkeypatch.setattr(parallel, "_COLLECT_EVERY", 1)
    _REFS.clear()
    _FREED.clear()
    rule = Rule("TC998", "cycle-probe", Severity.INFO, "leaves a reference cycle", _leave_a_cycle, "", "version")
    parallel.run_chunked([str(tmp_path)], None, parallel.Settings((rule,), None, (), None, False), jobs=1)
    assert _FREED == [True, True, True]  # each earlier article's cycle was gone when the next was checked
