"""Build the Icelandic language profile for langdetect from wordfreq's Icelandic word list.

langdetect 1.0.9 ships no Icelandic profile, so Icelandic text is read as Norwegian,
Danish or Tagalog. This script makes one, reproducibly, from openly licensed data:
wordfreq's Icelandic frequency list (data CC BY-SA 4.0, see
src/transcheck/data/ATTRIBUTION.md). Each word is counted as often as wordfreq says it
occurs per 10 million words (at least once), 90% written in lower case and 10%
capitalised (sentence starts), and cut into langdetect's own 1-3 character n-grams
(``NGram``, with the word between spaces, as langdetect reads text); the rare n-grams
are dropped with langdetect's ``omit_less_freq``. The output has langdetect's profile
format, ``{"name", "freq", "n_words"}``.

Usage (wordfreq is a build-time tool only, not a dependency of transcheck):

    pip install wordfreq==3.1.1
    python tools/build_icelandic_profile.py  # writes src/transcheck/data/profiles/is
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

from langdetect.utils.lang_profile import LangProfile
from langdetect.utils.ngram import NGram

OUT = Path(__file__).resolve().parent.parent / "src" / "transcheck" / "data" / "profiles" / "is"
SCALE = 10_000_000  # word counts per this many words of running text
CAPITALISED = 0.1  # share of occurrences written with a capital (sentence starts)


def ngrams(word: str):
    gram = NGram()
    for ch in " " + word + " ":
        gram.add_char(ch)
        for n in range(1, NGram.N_GRAM + 1):
            g = gram.get(n)
            if g:
                yield g


def build(frequencies: dict[str, float]) -> LangProfile:
    profile = LangProfile("is")
    freq, n_words = defaultdict(int), [0] * NGram.N_GRAM
    for word, share in frequencies.items():
        if not any(c.isalpha() for c in word):
            continue
        count = max(1, round(share * SCALE))
        capitalised = round(count * CAPITALISED)
        for form, times in ((word, count - capitalised), (word[:1].upper() + word[1:], capitalised)):
            if times <= 0:
                continue
            for g in ngrams(form):
                freq[g] += times
                n_words[len(g) - 1] += times
    profile.freq.update(freq)
    profile.n_words = n_words
    profile.omit_less_freq()
    return profile


def main() -> None:
    import wordfreq

    profile = build(wordfreq.get_frequency_dict("is", wordlist="best"))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    data = {"freq": dict(sorted(profile.freq.items())), "n_words": profile.n_words, "name": "is"}
    OUT.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    print(f"wrote {OUT} ({len(profile.freq)} n-grams)")


if __name__ == "__main__":
    main()
