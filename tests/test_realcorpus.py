"""The real corpus: recall against the dev key, and silence on the lookalikes.

The key (``realcorpus-dev-key.jsonl``) is hand-made; entries of kinds whose rule is not
implemented yet are not counted. The lookalikes list places that look wrong but are
not; no finding may cover the evidence quoted there.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from transcheck.engine import run

from .conftest import ROOT, needs_shared

sys.path.insert(0, str(ROOT / "tools"))
from evaluate_key import evaluate  # noqa: E402

NAMES = {"fi": "Finnish", "sv": "Swedish", "pl": "Polish", "is": "Icelandic", "ru": "Russian", "en": "English"}


@pytest.fixture(scope="module")
def scored():
    return evaluate(needs_shared("eval", "realcorpus-dev-key.jsonl"), needs_shared("realcorpus", "Texts"))


def test_recall_on_the_dev_key_is_at_least_90_percent(scored):
    assert scored["total"] >= 50
    missed = "\n".join(f"{e['slug']}/{e['lang']}:{e['line']} {e['kind']} {e['evidence']}" for e in scored["missed"])
    assert scored["found"] / scored["total"] >= 0.9, missed


CORE_KINDS = ("heading-missing-space", "stray-punctuation", "bullet-marker-invalid", "space-before-punctuation",
              "link-split", "link-span-overextended", "link-span-on-punctuation-or-function-word")


def test_recall_per_core_kind_and_precision(scored):
    # Floors set from measurement (session 1: every core kind >= 0.75 with 3/4 for
    # link-span-overextended, precision 1.0), not from hopes.
    for kind in CORE_KINDS:
        found, total = scored["per_kind"].get(kind, (0, 0))
        assert total and found / total >= 0.75, (kind, found, total)
    core_found = sum(scored["per_kind"][k][0] for k in CORE_KINDS)
    core_total = sum(scored["per_kind"][k][1] for k in CORE_KINDS)
    assert core_found / core_total >= 0.9
    assert scored["precision"] >= 0.95, "\n".join(
        f"{f.article}/{f.lang}:{f.line} {f.rule} {f.message}" for f in scored["unconfirmed"])


def test_few_unexplained_findings_on_the_keyed_articles(scored):
    # Findings on lines the key does not mark at all, on the keyed articles (English
    # included, which the key does not cover), judged by hand in the closing notes: 4 when
    # this floor was set (three defects of the English paraphrase, one cut sentence in pl).
    # Findings on a keyed line of another kind share that line's defect and are not
    # counted. A jump in this number means a rule became noisy.
    keyed = {(f.article, f.lang, f.line) for f in scored["extra_on_keyed_lines"]}
    unexplained = [f for f in scored["extra"] if (f.article, f.lang, f.line) not in keyed]
    assert len(unexplained) <= 6, "\n".join(f"{f.article}/{f.lang}:{f.line} {f.rule} {f.message}"
                                             for f in unexplained)


def test_no_finding_on_the_lookalikes():
    listing = needs_shared("eval", "realcorpus-lookalikes.txt").read_text(encoding="utf-8")
    texts = needs_shared("realcorpus", "Texts")
    findings = run([str(texts)]).findings
    checked = 0
    for line in listing.splitlines():
        m = re.match(r"^([\w-]+)/(\w+)\.md:(\d+)\t(.+?)\t--", line)
        if not m:
            continue
        slug, lang, number, evidence = m.group(1), m.group(2), int(m.group(3)), m.group(4).strip()
        path = Path(texts, NAMES[lang], f"{slug}.md")
        source_line = path.read_text(encoding="utf-8").splitlines()[number - 1]
        at = source_line.find(evidence)
        if at < 0:
            continue
        checked += 1
        span = range(at + 1, at + len(evidence) + 1)
        for f in findings:
            if f.article == slug and f.lang == lang and f.line == number and f.severity.value != "info":
                assert f.column not in span, f"{slug}/{lang}:{number} `{evidence}` flagged: {f.rule} {f.message}"
    assert checked >= 20
