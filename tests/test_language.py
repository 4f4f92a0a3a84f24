"""Language identification on real text, and English left in real translations.

Floors set from measurement (session 2): 4016/4017 paragraphs of ../shared/realcorpus
identified right (sv 674/675, the rest 100%), 50/50 on the seed article.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from transcheck.langid import identifier

from .conftest import ROOT, edit_line, needs_shared, original

sys.path.insert(0, str(ROOT / "tools"))
from language_accuracy import measure  # noqa: E402


def test_paragraph_accuracy_on_the_real_corpus_is_at_least_99_5_percent_per_language():
    r = measure(needs_shared("realcorpus", "Texts"))
    assert set(r["total"]) == {"en", "fi", "sv", "pl", "is", "ru"}
    for lang, total in r["total"].items():
        assert total >= 500 and r["right"][lang] / total >= 0.995, (lang, r["right"][lang], total)


def test_every_paragraph_of_the_seed_article_is_identified():
    r = measure(ROOT / "corpus")
    assert sum(r["total"].values()) >= 40
    assert r["right"] == r["total"], r["wrong"]


def test_icelandic_is_identified_although_langdetect_has_no_profile_for_it():
    ident = identifier(("en", "fi", "is", "pl", "ru", "sv"))
    lang, p = ident.detect("Hagræðing á samfélagsmiðlum er notkun samfélagsmiðlaneta til að stjórna og efla "
                           "skilaboð og viðveru fyrirtækisins á netinu.")
    assert (lang, p > 0.9) == ("is", True)


SHORT = ["Vad är det", "Sosiaalinen media", "Media społecznościowe", "Samfélagsmiðlar", "Strategia",
         "Den sociala", "Marketing", "Analiza danych", "Optimering", "Hvað er það"]


def test_identification_is_deterministic_across_processes():
    # Short, ambiguous strings flip between runs with an unseeded langdetect.
    code = ("import json, sys; from transcheck.langid import identifier; "
            "i = identifier(('en', 'fi', 'is', 'pl', 'ru', 'sv')); "
            "print(json.dumps([i.probabilities(t) for t in json.loads(sys.argv[1])], sort_keys=True))")
    import json

    runs = {subprocess.run([sys.executable, "-c", code, json.dumps(SHORT)], check=True, capture_output=True,
                           text=True).stdout for _ in range(3)}
    assert len(runs) == 1


def test_version_does_not_import_langdetect():
    code = "import sys; from transcheck.cli import main; sys.argv=['transcheck','--version']\n" \
           "try:\n main()\nexcept SystemExit:\n pass\nassert 'langdetect' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


ENGLISH = ("Regulators in several countries have since argued that the practice should be "
           "disclosed to investors before any agreement is signed.")


def _long_paragraph(lines: list[str]) -> int:
    """A long paragraph after the first sections."""
    return next(i for i, line in enumerate(lines) if i > 12 and line[:1].isalpha() and len(line) > 200)


@pytest.mark.parametrize("lang", ["fi", "sv", "pl", "is", "ru"])
def test_english_paragraph_pasted_into_a_translation_is_reported_there(mutate, lang):
    at = _long_paragraph(original("escrow", lang))
    new = mutate("escrow", lang, edit_line(at, lambda line: line + "\n\n" + ENGLISH), "untranslated-text")
    assert [(f.lang, f.line, f.column) for f in new] == [(lang, at + 3, 1)]
    assert new[0].message.startswith(f"paragraph in en, not {lang}")


@pytest.mark.parametrize("lang", ["fi", "sv", "pl", "is", "ru"])
def test_english_sentence_inside_a_translated_paragraph_is_reported_at_it(mutate, lang):
    lines = original("escrow", lang)
    at = _long_paragraph(lines)
    new = mutate("escrow", lang, edit_line(at, lambda line: line.rstrip() + " " + ENGLISH), "untranslated-text")
    assert [(f.lang, f.line, f.column) for f in new] == [(lang, at + 1, len(lines[at].rstrip()) + 2)]
    assert "sentence in en" in new[0].message


def test_no_untranslated_text_warning_on_the_clean_seeds():
    from transcheck.engine import run

    found = [f for f in run([str(ROOT / "corpus")]).findings
             if f.rule in ("untranslated-text", "language-mismatch") and f.severity.value != "info"]
    assert found == []


def test_the_languages_found_are_kept_for_one_article_only(monkeypatch):
    """language-mismatch and untranslated-text both read which versions are in another
    language (``mismatches``, identified once per article): it is kept while the article is
    checked and freed with it, not kept for every version of a run (memory stays flat)."""
    from transcheck.engine import run
    from transcheck.rules import _memo, language_mismatch

    calls = []
    real = language_mismatch.mismatched

    def counting(version, langs):
        calls.append(version.path)
        return real(version, langs)

    monkeypatch.setattr(language_mismatch, "mismatched", counting)
    result = run([str(needs_shared("realcorpus", "Texts"))])  # 35 articles, 210 files
    assert sorted(calls) == sorted(v.path for a in result.articles for v in a.versions)  # once each
    assert all(held[0] is _memo._NOTHING for held in _memo._SLOTS)  # nothing kept past its article


def test_the_paragraph_screen_of_untranslated_text_passes_every_paragraph_the_word_count_would():
    """untranslated-text screens a version's paragraphs with cheap bytes operations
    before splitting any into sentences: every paragraph where some other language has
    two function words by ``_WORD``'s count must pass, whatever stands next to the
    words (guillemets, dashes, MASK, apostrophes, digits, letters beyond Latin-1, NUL)."""
    import random

    from transcheck.model import MASK
    from transcheck.rules.untranslated_text import _Judge

    pieces = ["en", "var", "og", "on", "to", "the", "się", "że", "на", "не", "ja", "että", "þá", "En", "ten",
              "word", "ręce", "x", " ", " ", " ", "«", "»", "–", MASK, "’", "'", "-", "2", "²", "\n", ",", ".",
              "\u00a0", "\0", "ę", "и", "½"]
    rng = random.Random(8)
    for lang, others in [("sv", ("en", "fi", "is", "pl", "ru")), ("ru", ("fi", "pl", "sv")), ("fi", ("en", "is"))]:
        judge = _Judge(lang, others)
        for _ in range(300):
            texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 12))) for _ in range(rng.randint(1, 4))]
            screened = judge.may_be_foreign_each(texts)
            assert len(screened) == len(texts)
            for text, passed in zip(texts, screened):
                assert passed or not judge.may_be_foreign(text), (lang, texts, text)


def test_a_sentence_untranslated_text_calls_surely_its_own_is_plainly_its_own_by_its_words():
    """``_Judge.surely_own`` skips splitting a sentence into words when bounds on its
    function-word counts already settle ``_plainly_own``: it must never claim a sentence
    whose prose words leave a doubt (punctuation, apostrophes or letters beyond Latin-1
    next to the function words)."""
    import random

    from transcheck.rules.untranslated_text import _Judge, _plainly_own, _prose_words

    words = ["en", "var", "og", "on", "to", "the", "się", "że", "на", "ja", "että", "och", "att", "i", "på",
             "det", "En", "Och", "word", "ręce", "x", "ę", "и", "2", "²"]
    marks = [" ", " ", " ", " ", "«", "»", "–", "’", "'", "-", "\n", ",", "\u00a0", "\0", ""]
    rng = random.Random(6)
    claimed = 0
    for lang, others in [("sv", ("en", "fi", "is", "pl", "ru")), ("fi", ("en", "is", "sv"))]:
        judge = _Judge(lang, others)
        for _ in range(3000):
            sentence = "".join(rng.choice(words) + rng.choice(marks) for _ in range(rng.randint(0, 12)))
            if judge.surely_own(sentence):
                claimed += 1
                assert _plainly_own(_prose_words(sentence), judge._own, judge._other), (lang, sentence)
    assert claimed > 1000  # the bounds do settle most sentences


def _seed_copy(tmp_path, lang: str, body):
    """The seed article copied, with ``lang``'s body (after its front matter) replaced by
    ``body(own_body, bodies)``, ``bodies`` being every version's body."""
    import shutil

    article = tmp_path / "article"
    shutil.copytree(ROOT / "corpus" / "social-media-optimization-smo", article)
    texts = {p.stem: p.read_text(encoding="utf-8") for p in article.glob("*.md")}

    def split(text: str) -> tuple[str, str]:
        end = text.index("\n---\n", 3) + len("\n---\n")
        return text[:end], text[end:]

    bodies = {k: split(v)[1] for k, v in texts.items()}
    head = split(texts[lang])[0]
    (article / f"{lang}.md").write_text(head + body(bodies[lang], bodies), encoding="utf-8")
    return article


def _language_findings(path) -> list:
    from transcheck.engine import run

    return [(f.rule, f.lang, f.line) for f in run([str(path)]).findings
            if f.rule in ("untranslated-text", "language-mismatch") and f.severity.value != "info"]


def test_a_whole_file_in_another_language_is_one_language_mismatch(tmp_path):
    """The Swedish body (3,665 characters of prose, beyond what language-mismatch reads
    first) saved as the Finnish version: one finding for the file, at its first line of
    text, and none for its paragraphs (one root cause, one finding)."""
    from transcheck.engine import run
    from transcheck.rules.language_mismatch import HEAD, prose_sample

    article = _seed_copy(tmp_path, "fi", lambda own, bodies: bodies["sv"])
    found = _language_findings(article)
    assert [(rule, lang) for rule, lang, _ in found] == [("language-mismatch", "fi")]
    version = next(v for a in run([str(article)], rules=()).articles for v in a.versions if v.lang == "fi")
    assert len(prose_sample(version)) > HEAD


def test_a_file_that_turns_to_another_language_after_its_start_is_reported_by_paragraph(tmp_path):
    """The Finnish file whose last paragraphs are Swedish: its start is plainly Finnish,
    so it is not a file in the wrong language, and untranslated-text reports each
    Swedish paragraph where it is."""
    swedish = []

    def body(own: str, bodies: dict) -> str:
        # the last two long Swedish paragraphs without links, appended to the Finnish body
        swedish.extend([p for p in bodies["sv"].split("\n\n")
                        if len(p) > 150 and p[:1].isalpha() and "[" not in p][-2:])
        return "\n\n".join(own.split("\n\n") + swedish) + "\n"

    article = _seed_copy(tmp_path, "fi", body)
    lines = (article / "fi.md").read_text(encoding="utf-8").split("\n")
    swedish_lines = [lines.index(p) + 1 for p in swedish]
    assert len(swedish_lines) == 2
    found = _language_findings(article)  # each a paragraph, in one language
    assert found == [("untranslated-text", "fi", line) for line in swedish_lines]


def test_the_start_of_a_file_decides_as_the_whole_sample_would_on_real_files(monkeypatch):
    """language-mismatch reads the first ``HEAD`` characters of a file's prose and stops
    there when their function words leave no doubt; on the real corpus and the seeds, it
    decides every file as reading the whole sample did."""
    from transcheck.engine import run
    from transcheck.rules import language_mismatch

    articles = run([str(needs_shared("realcorpus", "Texts")), str(ROOT / "corpus")], rules=()).articles
    every = []
    for article in articles:
        langs = tuple(sorted({v.lang for v in article.versions}))
        for version in article.versions:
            every.append((version, langs))
            # and the same text declared in the next language: a file in the wrong language
            wrong = langs[(langs.index(version.lang) + 1) % len(langs)]
            every.append((version._replace(lang=wrong, path=version.path + ".wrong"), langs))
    first = [language_mismatch.mismatched(v, langs) for v, langs in every]
    heads = [language_mismatch._head(v) for v, _ in every]
    monkeypatch.setattr(language_mismatch, "HEAD", language_mismatch.SAMPLE)
    whole = [language_mismatch.mismatched(v, langs) for v, langs in every]
    assert first == whole
    assert sum(more for _, _, more in heads) >= len(every) // 2  # most files hold more prose than the head
    assert sum(found is not None for found in whole[1::2]) >= 0.9 * len(every) / 2  # the wrong ones found
