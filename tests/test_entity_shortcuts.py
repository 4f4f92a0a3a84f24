"""entity-missing's cheap first passes give what the detailed passes would.

- ``names.other_script`` answers "no word in the other script" from the smallest and
  largest word; it must list exactly the words the per-word test lists.
- ``_candidates`` drops a name that every version writes in some form
  (``_Unit.writes_form_of``: Google, Googlen, Googles) before any vocabulary is built:
  ``_missing`` would find no version lacking it. The findings must be those of the rule
  without that shortcut, on the shipped and real corpora and on generated articles; the
  lemma it rests on is checked on its own.
"""

from __future__ import annotations

import itertools
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from transcheck.align import align
from transcheck.engine import run
from transcheck.model import Article
from transcheck import names
from transcheck.names import cyrillic, other_script
from transcheck.rules import entity_missing
from transcheck.rules.base import ArticleContext

from .conftest import CORPUS, needs_shared, version_of

EXAMPLES = int(os.environ.get("TRANSCHECK_PROPERTY_EXAMPLES") or 200)
PROPERTY = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# first letters on both sides of the bounds other_script reads (the Cyrillic block is U+0400-U+04FF)
_EDGES = ["A", "z", "\u00c4", "\u03a9", "\u03ff", "\u0400", "\u0416", "\u04ff", "\u0500", "\u0531", "\u1e9e", "\uffff"]


def _per_word(words, cyrillic_text):
    return [word for word in words if cyrillic(word) != cyrillic_text]


def test_other_script_lists_the_words_the_per_word_test_lists():
    words = [first + rest for first in _EDGES for rest in ("", "a", "\u0430", "\uffff")]
    for size in range(4):
        for chosen in itertools.combinations(words, size):
            for cyrillic_text in (False, True):
                assert sorted(other_script(set(chosen), cyrillic_text)) == sorted(_per_word(chosen, cyrillic_text))


@PROPERTY
@given(st.sets(st.text(st.sampled_from(_EDGES + ["b", "\u0431"]), min_size=1, max_size=3), max_size=6), st.booleans())
def test_other_script_on_generated_words(words, cyrillic_text):
    assert sorted(other_script(words, cyrillic_text)) == sorted(_per_word(words, cyrillic_text))


def _hits(article: Article, source: str | None, shortcut: bool) -> list:
    with pytest.MonkeyPatch.context() as patch:
        if not shortcut:  # every name candidate goes through _missing, as before the shortcut
            patch.setattr(entity_missing._Unit, "writes_form_of", lambda self, key: False)
        try:
            return list(entity_missing.check(ArticleContext(article, align(article), source)))
        except RuntimeError as error:  # a failure (reported as internal-error) must be the same too
            return [repr(error)]


def _same_on(path) -> int:
    articles = run([str(path)], rules=()).articles
    found = 0
    for article in articles:
        for source in (None, article.versions[0].lang):
            hits = _hits(article, source, True)
            assert hits == _hits(article, source, False), article.slug
            found += len(hits)
    return found


def test_the_form_shortcut_keeps_the_findings_of_the_shipped_corpus():
    _same_on(CORPUS)


def test_the_form_shortcut_keeps_the_findings_of_the_real_corpus():
    assert _same_on(needs_shared("realcorpus", "Texts"))


# Forms of a few names as the versions write them: inflected, in the other script, lower
# case (a plain word), as an acronym, or absent.
_FORMS = {
    "Google": ["Google", "Googlen", "Googles", "Googlea", "google", "Гугл", "Google", "GOOGLE", ""],
    "Nobel": ["Nobel", "Nobla", "Nobelpriset", "Нобель", "nobel", ""],
    "Spence": ["Spence", "Spencen", "Спенс", "Spens", ""],
    "Facebook": ["Facebook", "Facebookin", "Фейсбук", ""],
}
_LANGS = ("en", "fi", "sv", "pl", "ru")
_FILLER = {"en": "the report said", "fi": "raportin mukaan", "sv": "enligt rapporten", "pl": "według raportu",
           "ru": "согласно отчёту"}


@st.composite
def _article(draw):
    names = draw(st.lists(st.sampled_from(sorted(_FORMS)), min_size=1, max_size=3, unique=True))
    versions = []
    for lang in _LANGS:
        parts = []
        for name in names:
            form = draw(st.sampled_from(_FORMS[name]))
            if form:
                at_start = draw(st.booleans())
                parts.append(f"{form} {_FILLER[lang]}." if at_start else f"{_FILLER[lang]} {form} here.")
        if draw(st.booleans()):  # a word sharing a name's first letters without being a form of it
            parts.append(f"{_FILLER[lang]} Faculty here.")
        heading = draw(st.sampled_from(["Overview", "Google", "Обзор", "Nobel"]))
        body = " ".join(parts) or _FILLER[lang]
        text = f"---\ntitle: {draw(st.sampled_from(_FORMS['Google']))} {lang}\n---\n\n## {heading}\n\n{body}\n"
        versions.append(version_of(text, lang, f"case/{lang}.md"))
    return Article("case", tuple(versions))


@PROPERTY
@given(_article(), st.sampled_from([None, "en", "ru"]))
def test_the_form_shortcut_keeps_the_findings_of_generated_articles(article, source):
    assert _hits(article, source, True) == _hits(article, source, False)


def test_generated_articles_do_report_missing_names():
    # the comparison above means something only if the generated articles reach findings
    texts = {"en": "the report said Facebook here.", "fi": "raportin mukaan Facebookin here.",
             "sv": "enligt rapporten Facebook here.", "pl": "według raportu here.",
             "ru": "согласно отчёту Facebook here."}
    article = Article("case", tuple(version_of(f"## Overview\n\n{text}\n", lang, f"case/{lang}.md")
                                    for lang, text in texts.items()))
    hits = _hits(article, None, True)
    assert [(v.lang, h.message.split(" missing")[0]) for v, h in hits] == [("pl", "name `Facebook`")]
    assert hits == _hits(article, None, False)


@PROPERTY
@given(_article())
def test_a_unit_writing_a_form_of_a_name_never_lacks_it(article):
    # the lemma of the shortcut: a version whose capitalised words include a form of the
    # name carries it as a name, or writes it as a plain word (which rules the name out)
    alignment = align(article)
    for row in alignment.rows:
        cells = [c for c in row.cells if c is not None]
        units = [entity_missing._SectionUnit(c, c.lang == "ru") for c in cells]
        for unit in units:
            for entity, *_ in unit.read():
                if entity.kind != "name":
                    continue
                for other in units:
                    if other.writes_form_of(entity.key) and other.cyrillic == cyrillic(entity.written):
                        assert other.vocabulary.carries(entity, as_name=True) or other.vocabulary.carries(entity)


# The rows with a candidate read further (``_missing``): the passes below answer without a
# vocabulary where the unit's marks or the entity alone tell, and build what a vocabulary
# reads only when it is read.

def _units(article: Article):
    """The units of each row of an article, and of its title and description."""
    for row in align(article).rows:
        cells = [c for c in row.cells if c is not None]
        yield [entity_missing._SectionUnit(c, c.lang == "ru") for c in cells]
    for key in entity_missing.FRONT_MATTER_KEYS:
        yield [entity_missing._ValueUnit(v.lang, key, v.front_matter.data[key], v.lang == "ru")
               for v in article.versions if v.front_matter and isinstance(v.front_matter.data.get(key), str)]


def _articles():
    yield from run([str(CORPUS)], rules=()).articles
    yield _acronyms_and_codes()


def _acronyms_and_codes() -> Article:
    # CAFA replaces CFAA in fi (a damaged copy); KBG, which the others write too, is no replacement of KGB
    titles = {"en": "The NASA and CFAA case", "fi": "NASAn ja CAFA tapaus", "ru": "Дело NASA"}
    texts = {"en": "## The NASA `Tool`\n\nNASA and CFAA said: `x y`, A. Smith.\n\n## A. Heading\n\nText."
                   "\n\n## Agencies\n\nThe KGB and the KBG.",
             "fi": "## NASA:n `tool`\n\nNASAn ja CAFA mukaan `X Y`, O. Smith.\n\n## A. Otsikko\n\nTeksti."
                   "\n\n## Virastot\n\nVain KBG.",
             "ru": "## NASA `tool`\n\nNASA и CFAA `x y`, А. Смит.\n\n## Заголовок\n\nТекст."
                   "\n\n## Агентства\n\nKGB и KBG."}
    return Article("case", tuple(version_of(f"---\ntitle: {titles[lang]}\ndescription: {titles[lang]}, A. Smith\n---\n\n"
                                            + text, lang, f"case/{lang}.md") for lang, text in texts.items()))


def _carries_by_vocabulary(unit, entity):
    """``entity_missing._carries`` as it was written: every answer from the vocabulary."""
    same_script = unit.cyrillic == cyrillic(entity.written)
    if entity.kind == "name" and not same_script:
        return unit.vocabulary.carries(entity, as_name=True) or None
    if entity.kind != "code" and not same_script:
        return unit.vocabulary.carries(entity) or None
    return unit.vocabulary.carries(entity, as_name=entity.kind == "name")


def test_a_unit_carries_what_its_vocabulary_carries():
    # _carries answers an acronym or code span among the unit's marks without a vocabulary
    kinds = set()
    for article in _articles():
        for units in _units(article):
            entities = [found[0] for unit in units for found in unit.read()]
            for unit in units:
                for entity in entities:
                    assert entity_missing._carries(unit, entity) == _carries_by_vocabulary(unit, entity), entity
                    if (entity.kind, entity.key) in unit.marks:
                        kinds.add(entity.kind)
    assert kinds == {"acronym", "code", "initial"}


def test_an_initial_among_a_units_marks_may_not_be_carried():
    # why _carries reads no initial from the marks: an initial in a heading is a mark, and
    # the vocabulary reads initials from the body only
    units = [unit for units in _units(_acronyms_and_codes()) for unit in units if unit.lang == "fi"]
    assert any(("initial", "a.") in unit.marks and not unit.vocabulary.initials for unit in units)


def _eager(vocabulary) -> tuple:
    """``Vocabulary``'s proper words, foreign words and initials, read as its constructor read them."""
    proper, initials, scripts = set(), set(), {}
    for text in vocabulary._body:
        for match in names.CAPITALISED.finditer(text):
            if not names.sentence_start(text, match.start()):
                folded = names.fold(match.group())
                proper.add(folded)
                scripts[folded] = cyrillic(match.group())
        if "." in text:
            initials.update(names.fold(m.group(1)) + "." for m in names._INITIAL.finditer(text))
    return proper, {w for w in proper if scripts[w] != vocabulary.cyrillic}, initials


def test_a_vocabulary_reads_on_first_use_what_it_read_at_once():
    for article in _articles():
        for units in _units(article):
            for unit in units:
                vocabulary = unit.vocabulary
                assert (vocabulary.proper, vocabulary.foreign, vocabulary.initials) == _eager(vocabulary)


def _replacement_asking_first(unit, entity, units, langs):
    """``entity_missing._replacement`` as it was written: the reference versions asked first."""
    for found in unit.read():
        other = found[0]
        if other.kind != entity.kind or any(units[k].vocabulary.carries(other) for k in langs):
            continue
        if other.kind == "initial" or entity_missing._transposed(other.key, entity.key):
            return found
    return None


def _findings(article: Article, source, replacement) -> list:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(entity_missing, "_replacement", replacement)
        return list(entity_missing.check(ArticleContext(article, align(article), source)))


def test_a_replacement_is_the_one_found_asking_the_reference_versions_first():
    found = 0
    for article in _articles():
        for source in (None, article.versions[0].lang):
            hits = _findings(article, source, entity_missing._replacement)
            assert hits == _findings(article, source, _replacement_asking_first), article.slug
            found += sum("damaged copy" in hit.message for _, hit in hits)
    assert found
