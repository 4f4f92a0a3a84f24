"""Language identification: langdetect, restricted to the languages asked for, Icelandic included.

Imported only by the rules and steps that need it (``transcheck --version`` and the
rules that do not read languages never load langdetect). One ``Identifier`` per set of
languages, built once per process: langdetect's stock profiles for those languages plus
the Icelandic profile shipped in ``data/profiles`` (langdetect has none; built by
``tools/build_icelandic_profile.py`` from wordfreq's list, CC BY-SA 4.0, see
``data/ATTRIBUTION.md``). Loading only what is needed costs milliseconds, where all 55
stock profiles cost 0.2-0.45 s, and extra near neighbours (no, da) make short Swedish
worse. Results are deterministic (a factory of our own, seeded 0) and cached by text
within a run.

The statistical answer is checked against script cues: Cyrillic letters, ``þ ð`` (is),
``ą ę ł ń ś ź ż`` (pl), ``å`` (sv): a text whose letters rule a language out is not
given that language.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable

from .languages import CYRILLIC, cyrillic_share

# The languages tried for a file whose path and front matter name none.
DEFAULT_LANGUAGES = ("en", "fi", "sv", "pl", "is", "ru", "de", "fr")

# Letters that only some languages use: a text with several of them is in one of those.
_MARKS = {
    "is": ("þðÞÐ", {"is"}),
    "pl": ("ąęłńśźżĄĘŁŃŚŹŻ", {"pl"}),
    "å": ("åÅ", {"sv", "no", "nb", "nn", "da", "fi"}),
}


@lru_cache(maxsize=None)
def _stock_profile(lang: str) -> str | None:
    import langdetect

    path = Path(langdetect.__file__).parent / "profiles" / lang
    return path.read_text(encoding="utf-8") if path.is_file() else None


@lru_cache(maxsize=None)
def _own_profile(lang: str) -> str | None:
    try:
        return resources.files("transcheck").joinpath("data", "profiles", lang).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return None


def available(lang: str) -> bool:
    return _own_profile(lang) is not None or _stock_profile(lang) is not None


def script_allows(text: str) -> set[str] | None:
    """The languages the text's letters allow, or None when its letters allow any."""
    cyrillic, letters = cyrillic_share(text)
    if not letters:
        return None
    if cyrillic * 2 > letters:
        return set(CYRILLIC)
    if cyrillic * 20 > letters:
        return None  # mixed scripts (Latin names in a Russian text): no cue
    allowed = None
    for chars, langs in _MARKS.values():
        if sum(text.count(c) for c in chars) >= 2:
            allowed = set(langs) if allowed is None else allowed & langs
    if allowed is not None:
        return allowed
    return {"*latin*"}


class Identifier:
    """Language identification over a fixed set of languages."""

    def __init__(self, langs: Iterable[str]):
        from langdetect.detector_factory import DetectorFactory

        profiles = []
        for lang in sorted(set(langs)):
            text = _own_profile(lang) or _stock_profile(lang)
            if text is not None:
                profiles.append(text)
        self.langs = tuple(json.loads(p)["name"] for p in profiles)
        self._factory = None
        if len(profiles) >= 2:  # langdetect needs two
            factory = DetectorFactory()
            factory.load_json_profile(profiles)
            factory.set_seed(0)
            self._factory = factory
        self._cache: dict[str, dict[str, float]] = {}

    def probabilities(self, text: str) -> dict[str, float]:
        """Language -> probability for a text (empty when nothing can be said)."""
        if text in self._cache:
            return self._cache[text]
        result: dict[str, float] = {}
        if self._factory is not None and any(c.isalpha() for c in text):
            from langdetect.lang_detect_exception import LangDetectException

            detector = self._factory.create()
            detector.append(text)
            try:
                result = {p.lang: p.prob for p in detector.get_probabilities()}
            except LangDetectException:
                result = {}
        allowed = script_allows(text)
        if result and allowed is not None:
            if "*latin*" in allowed:
                kept = {k: v for k, v in result.items() if k not in CYRILLIC}
            else:
                kept = {k: v for k, v in result.items() if k in allowed}
            if kept != result:
                total = sum(kept.values())
                result = {k: v / total for k, v in kept.items()} if total else {}
        if not result and allowed and "*latin*" not in allowed:
            inside = [lang for lang in self.langs if lang in allowed]
            if len(inside) == 1:
                result = {inside[0]: 1.0}
        self._cache[text] = result
        return result

    def detect(self, text: str) -> tuple[str | None, float]:
        """The likeliest language and its probability."""
        probs = self.probabilities(text)
        if not probs:
            return None, 0.0
        lang = max(probs, key=probs.get)
        return lang, probs[lang]


@lru_cache(maxsize=16)
def identifier(langs: tuple[str, ...]) -> Identifier:
    """The shared identifier for a set of languages (profiles are loaded once per set)."""
    return Identifier(langs)
