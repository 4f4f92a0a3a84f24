"""Things that look wrong but are not: no rule may report them.

The forms listed in issue #2 and in the corpus' lookalikes (number and date formats,
dashes, ellipses, quote styles, Finnish suffixes, URLs), and every defect placed where
rules must not look: code spans, fenced and indented code, HTML blocks.
"""

from __future__ import annotations

import pytest

from transcheck.engine import check_version
from transcheck.rules import VERSION_RULES

from .conftest import version_of

CLEAN = {
    "sv": "Vårt mål – att växa – är tydligt... Optimering av sociala medier (SMO) kostar 1,91 kr "
          "eller 108 700 USD, ibland 100 %. Se https://example.com/a..b,.c för mer.\n\n"
          "Den 183:e dagen; t.ex. detta och ”citat” gäller.\n",
    "fi": "Vuoden 183. päivä on 15. toukokuuta 1997 tai 6.12.2018. SEC:lle ja XYZ:n sekä "
          "401(k)-järjestelmään; S&P 500 -indeksistä ns. [A-osakkeet](/a-shares) (ks. alla).\n\n"
          "Hinta on 10,3 tai 72/7 ja \"lainaus\" on »näin».\n",
    "pl": "W XI wieku tzw. jiaozi, czyli „pieniądz”, kosztował $100.000 (por. [401(k)](/401(k)_plan)). "
          "Lista: a) pierwszy, b) drugi.\n",
    "is": "Fyrirtækið græddi $100.000, t.d. „peninga“ og o.s.frv. Hann sagði: „Já“.\n",
    "ru": "Вестинг — это право… «rara avis in terris» и т. д., т.е. 1 февраля 2012 года, "
          "100 % или 3,5 млрд долл.\n",
    "en": "The fund (SMO) returned 1.5% in the U.S., e.g. on Dec. 6, 2018. Papa John's said \"yes\" "
          "- and [S&P 500](/sp500) rose.\n",
}

DEFECTS = "##Höjdpunkter [a](/x) [b](/x) text ,. here [ space ](/y) [til](/z) [t](/w)x ( unclosed « x »"


@pytest.mark.parametrize("lang", sorted(CLEAN))
def test_lookalikes_are_not_reported(lang):
    found = check_version(version_of(CLEAN[lang], lang), "clean", VERSION_RULES)
    assert not found, "\n".join(f"{f.line}:{f.column} {f.rule} {f.message}" for f in found)


@pytest.mark.parametrize("wrap", [
    pytest.param(lambda d: f"Text `{d}` end.\n", id="code-span"),
    pytest.param(lambda d: f"```\n{d}\n– bullet\n```\n", id="fenced"),
    pytest.param(lambda d: f"Para.\n\n    {d}\n    – bullet\n", id="indented"),
    pytest.param(lambda d: f"<div>\n{d}\n– bullet\n</div>\n", id="html-block"),
    pytest.param(lambda d: f"Text <span title=\"{d}\">x</span> end.\n", id="inline-html"),
])
def test_rules_do_not_look_inside_code_or_html(wrap):
    text = wrap(DEFECTS)
    assert check_version(version_of(DEFECTS + "\n", "is"), "x", VERSION_RULES)  # the defects are real
    found = check_version(version_of(text, "is"), "x", VERSION_RULES)
    assert not found, "\n".join(f"{f.line}:{f.column} {f.rule} {f.message}" for f in found)
