"""The aligner's shortcut gives what its dynamic programme would.

``_pairwise`` answers two versions with as many sections from the similarities alone when
the diagonal wins every row (``_diagonal_wins``), without running ``_programme``. These
tests hold that answer to the programme's on the shipped and real corpora, on generated
articles (mostly the same section count, sections moved, dropped or added), and on generated
similarity tables with ties and near-ties, and check that the tables do reach the
shortcut and cases it must refuse.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from transcheck import align as aligner
from transcheck.engine import run
from transcheck.model import Article

from .conftest import CORPUS, needs_shared, version_of

EXAMPLES = int(os.environ.get("TRANSCHECK_PROPERTY_EXAMPLES") or 300)
PROPERTY = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _programme_of(pivot, other):
    """What the programme answers for two versions' cells, the shortcut aside."""
    n, m = len(pivot), len(other)
    band = aligner._band(n, m)
    a, b = list(map(aligner._evidence, pivot)), list(map(aligner._evidence, other))
    rows = [aligner._similarities(a[i - 1], b[max(lo, 1) - 1:hi], aligner.BAND) for i, (lo, hi) in enumerate(band) if i]
    return aligner._programme(rows, band, n, m)


def _pairs_of(articles):
    for article in articles:
        cells = [aligner._cells(v) for v in article.versions]
        for pivot in cells:
            for other in cells:
                if len(pivot) >= len(other):
                    yield pivot, other


def _same_on(articles) -> int:
    shortcut = 0
    for pivot, other in _pairs_of(articles):
        assert aligner._pairwise(pivot, other) == _programme_of(pivot, other)
        shortcut += len(pivot) == len(other)
    return shortcut


def test_the_shortcut_answers_as_the_programme_on_the_shipped_corpus():
    assert _same_on(run([str(CORPUS)], rules=()).articles)


def test_the_shortcut_answers_as_the_programme_on_the_real_corpus():
    assert _same_on(run([str(needs_shared("realcorpus", "Texts"))], rules=()).articles)


_SECTIONS = [
    "## Taxes\n\nThe [IRS](https://irs.gov) took 183 days in 2021.\n",
    "## Rules\n\nNASA and Google agreed on 12 points.\n\n- one\n- two\n",
    "## Money\n\nAbout 1,500 dollars, see [the form](https://example.com/form).\n",
    "## Notes\n\nNothing here but words.\n\nAnd a second paragraph.\n",
    "## History\n\nIn 1999 Microsoft bought 3 companies.\n",
    "### Detail\n\nA [link](https://example.com/a) and a [second](https://example.com/b).\n",
]


@st.composite
def _versions(draw):
    count = draw(st.integers(1, 5))
    versions = []
    for lang in ("en", "fi", "sv"):
        own = count + draw(st.sampled_from([0, 0, 0, 1]))  # mostly as many sections, some one more
        chosen = draw(st.lists(st.sampled_from(range(len(_SECTIONS))), min_size=own, max_size=own))
        text = "".join(_SECTIONS[k] for k in chosen)
        versions.append(version_of(text, lang, f"case/{lang}.md"))
    return Article("case", tuple(versions))


@PROPERTY
@given(_versions())
def test_the_shortcut_answers_as_the_programme_on_generated_articles(article):
    for pivot, other in _pairs_of([article]):
        found = aligner._pairwise(pivot, other)
        event("diagonal" if found == [(k, k) for k in range(len(pivot))] else "not diagonal")
        assert found == _programme_of(pivot, other)


# similarities with exact ties, near-ties (within and beyond the margin) and gaps
_VALUES = [None, 0.1, 0.35, 0.35 + 1e-10, 0.35 + 2e-9, 0.6, 0.6 + 1e-10, 0.6 + 2e-9, 0.6 - 1e-10, 0.9, 1.0]


@st.composite
def _table(draw):
    n = draw(st.integers(0, 6))
    rows = [[draw(st.sampled_from(_VALUES)) for _ in range(n)] for _ in range(n)]
    if draw(st.booleans()):  # a strong diagonal, as in most articles
        for k in range(n):
            rows[k][k] = draw(st.sampled_from([0.6 + 2e-9, 0.9, 1.0]))
    return rows


@PROPERTY
@given(_table())
def test_a_diagonal_that_wins_is_the_programmes_answer(rows):
    n = len(rows)
    wins = aligner._diagonal_wins(rows)
    event(f"diagonal wins: {wins}")
    if wins:
        assert aligner._programme(rows, aligner._band(n, n), n, n) == [(k, k) for k in range(n)]


def test_the_shortcut_refuses_a_diagonal_that_does_not_gain_or_is_beaten():
    assert aligner._diagonal_wins([[0.9, 0.2], [0.2, 0.8]])
    assert not aligner._diagonal_wins([[0.9, 0.2], [0.2, 0.35]])  # no gain: the programme leaves gaps
    assert not aligner._diagonal_wins([[0.9, 0.2], [0.8, 0.8]])  # a tie in its row
    assert not aligner._diagonal_wins([[0.9, 0.2], [0.2 + 1e-10 + 0.6, 0.8]])  # within the margin
    # a section moved: the programme matches across the diagonal
    rows = [[0.3, 0.9, None], [0.2, 0.3, 0.9], [None, 0.2, 0.3]]
    assert not aligner._diagonal_wins(rows)
    assert aligner._programme(rows, aligner._band(3, 3), 3, 3) == [(None, 0), (0, 1), (1, 2), (2, None)]
