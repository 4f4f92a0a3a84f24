"""A warm run that writes text or JSON writes each cached article's findings as the output
its entry keeps (``formats.output_blocks``: a block per path, ``spill.FindingStore.add_blocks``):
the same bytes as rebuilding and rendering every finding, spilled or not, in one process or
two; an entry whose output file is damaged is recomputed, never fatal."""

from __future__ import annotations

import json
import random

import pytest
from click.testing import CliRunner

from transcheck import cache as cache_mod
from transcheck import parallel, spill
from transcheck.cli import main
from transcheck.formats import JOINS, RENDER, output_blocks
from transcheck.rules import CHECK_RULES

from .conftest import CORPUS, SHARED, check_cli
from .test_cache import _corpus, _settings


def _check(corpus, cache, *args) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", str(corpus), "--cache-dir", str(cache), *map(str, args)])
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, result.output


def _corpora(synth):
    real = SHARED / "realcorpus" / "Texts"  # <Language>/<slug>.md: an article's paths far apart
    return [CORPUS, synth] + ([real] if real.exists() else [])


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_warm_output_is_the_computed_output(synth_corpus, tmp_path, monkeypatch, fmt, jobs):
    given = []
    add_blocks = spill.FindingStore.add_blocks

    def counting(self, blocks, tally):
        given.extend(blocks)
        add_blocks(self, blocks, tally)

    monkeypatch.setattr(spill.FindingStore, "add_blocks", counting)
    for held in (10**9, 5):
        monkeypatch.setattr(spill, "HELD", held)
        for number, corpus in enumerate(_corpora(synth_corpus)):
            cache = tmp_path / f"cache-{held}-{number}"
            plain = check_cli(corpus, "--format", fmt, "--jobs", jobs)
            cold = _check(corpus, cache, "--format", fmt, "--jobs", jobs)
            del given[:]
            warm = _check(corpus, cache, "--format", fmt, "--jobs", jobs)
            assert plain == cold == warm, (corpus, held)
            assert sum(count for _, count, _ in given) == json.loads(check_cli(corpus, "--format", "json")[1])[
                "summary"]["findings"] > 0  # every finding came as a block


def test_a_configuration_that_changes_findings_reads_the_rows(tmp_path):
    corpus, cache = _corpus(tmp_path), tmp_path / "cache"
    config = tmp_path / "transcheck.toml"
    config.write_text('[severity]\n"heading-missing-space" = "info"\n', encoding="utf-8")
    for fmt in ("text", "json"):
        plain = check_cli(corpus, "--format", fmt, "--config", config)
        assert "info" in plain[1]
        assert _check(corpus, cache, "--format", fmt, "--config", config) == plain  # cold
        assert _check(corpus, cache, "--format", fmt, "--config", config) == plain  # warm
    assert _check(corpus, cache, "--format", "json") == check_cli(corpus, "--format", "json")


def test_damaged_output_files_are_recomputed(tmp_path):
    corpus, cache = _corpus(tmp_path), tmp_path / "cache"
    good = {fmt: _check(corpus, cache, "--format", fmt) for fmt in ("json", "text")}
    outs = sorted(cache.rglob("*.out"))
    assert len(outs) == 12

    def edited(head_edit=None, body_edit=None):
        def edit(text):
            line, _, body = text.partition("\n")
            head = json.loads(line)
            if head_edit:
                head_edit(head)
            return json.dumps(head, ensure_ascii=False) + "\n" + (body_edit(body) if body_edit else body)
        return edit

    def first_length(delta):
        def change(head):
            head["blocks"][0][2] += delta
        return change

    damages = [
        lambda text: "{not json",
        lambda text: text[:-3],  # truncated
        lambda text: "",
        edited(lambda head: head.update(key="someone else")),
        edited(lambda head: head.update(format=cache_mod.FORMAT - 1)),
        edited(first_length(1)),  # the lengths do not add up to the text
        edited(lambda head: head["tally"][0].__setitem__(3, head["tally"][0][3] + 1)),
        edited(lambda head: head["tally"][0].__setitem__(1, "fatal")),
        edited(lambda head: head["tally"].append(list(head["tally"][0]))),  # a rule counted twice
        edited(lambda head: head["blocks"][0].__setitem__(1, "3")),
        edited(lambda head: head["blocks"][0].__setitem__(1, 0)),
        edited(lambda head: head["blocks"].insert(0, head["blocks"][-1])),  # paths out of order
        edited(lambda head: head.__setitem__("checked", "not a list of paths")),
    ]
    for number, damage in enumerate(damages):
        target = outs[number % 12]
        before = target.read_bytes()
        text = before.decode("utf-8")
        assert json.loads(text.partition("\n")[0])["blocks"]  # every article has findings to damage
        target.write_bytes(damage(text).encode("utf-8"))
        settings = _settings(cache)
        result = parallel.run_chunked([str(corpus)], None, settings, jobs=1, render=RENDER["json"])
        assert result.stats == {"hits": 11, "misses": 1}, number
        assert target.read_bytes() == before  # written again, as it was
    target = outs[0]
    target.write_bytes(b"\xff\xfe" + target.read_bytes())  # not UTF-8
    assert _check(corpus, cache, "--format", "text") == good["text"]
    for fmt in ("json", "text"):
        assert _check(corpus, cache, "--format", fmt) == good[fmt]


def test_output_blocks_render_the_findings_in_order():
    """``formats.output_blocks`` of the formats a cache entry keeps, of any list of findings (shuffled, several paths, equal sort keys)
    is, per path, the pieces a store gives for those findings."""
    settings = parallel.Settings(CHECK_RULES, None, (), None, False)
    findings = list(parallel.run_chunked([str(CORPUS)], None, settings, jobs=1).findings)
    twins = [findings[0]._replace(end_column=findings[0].end_column + i) for i in range(3)]  # same sort_key
    mixed = twins + findings
    random.Random(3).shuffle(mixed)
    blocks, counts = output_blocks(mixed, cache_mod._FORMATS)
    assert counts == dict(spill.tally(mixed))
    for name, render in RENDER.items():
        store = spill.FindingStore(render)
        store.add(mixed)
        expected = list(store.rendered())
        got = [block for _, _, block in cache_mod.rendered_blocks(blocks, name)]
        assert JOINS[name].join(got) == JOINS[name].join(expected)
        assert sum(block[1] for block in blocks) == len(expected)


@pytest.mark.parametrize("held", [10**9, 7, 1])
def test_a_store_of_blocks_and_findings_gives_the_pieces_in_order(monkeypatch, held):
    monkeypatch.setattr(spill, "HELD", held)
    settings = parallel.Settings(CHECK_RULES, None, (), None, False)
    findings = list(parallel.run_chunked([str(CORPUS)], None, settings, jobs=1).findings)
    paths = sorted({f.path for f in findings})
    as_blocks = set(paths[::2])
    for name, render in RENDER.items():
        store = spill.FindingStore(render)
        loose = [f for f in findings if f.path not in as_blocks]
        random.Random(4).shuffle(loose)
        blocks, counts = output_blocks([f for f in findings if f.path in as_blocks], cache_mod._FORMATS)
        given = cache_mod.rendered_blocks(blocks, name)
        random.Random(5).shuffle(given)
        for i in range(max(len(loose), len(given))):  # findings and blocks interleaved
            store.add(loose[i:i + 1])
            if i < len(given):
                store.add_blocks([given[i]], {})
        store.tally.update(counts)
        expected = [render(f) for f in findings]
        assert JOINS[name].join(store.rendered()) == JOINS[name].join(expected)
        assert len(store) == len(findings) and store.tally == spill.tally(findings)
        with pytest.raises(TypeError):
            iter(store)
        store.close()


def test_a_block_for_a_path_with_findings_is_refused(monkeypatch):
    settings = parallel.Settings(CHECK_RULES, None, (), None, False)
    findings = list(parallel.run_chunked([str(CORPUS)], None, settings, jobs=1).findings)
    first = findings[0]
    for held in (10**9, 1):
        monkeypatch.setattr(spill, "HELD", held)
        store = spill.FindingStore(RENDER["text"])
        store.add([first])
        store.add(findings[1:3])  # spills `first` when held is 1
        with pytest.raises(ValueError):
            store.add_blocks([(first.path, 1, "x")], {})
        other = spill.FindingStore(RENDER["text"])
        other.add_blocks([(first.path, 1, "x")], {})
        other.add_blocks([("z.md", 1, "y")], {})
        with pytest.raises(ValueError):
            other.add([first])
        with pytest.raises(ValueError):
            other.add_blocks([(first.path, 1, "x")], {})
    with pytest.raises(TypeError):
        spill.FindingStore().add_blocks([(first.path, 1, "x")], {})
