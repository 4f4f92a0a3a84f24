"""What transcheck knows about languages: codes, names and writing conventions.

Closed, hand-written sets only (function words, abbreviations, quote styles): they are
small, fast to test against, and reviewable. Languages without an entry get the
neutral defaults, which make the language-specific checks more cautious, not noisier.
"""

from __future__ import annotations

import re

from typing import NamedTuple

ISO_639_1 = frozenset("""
aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy
da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu
hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb
lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om
or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw
ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu
""".split())

NAMES = {
    "arabic": "ar", "bulgarian": "bg", "catalan": "ca", "chinese": "zh", "croatian": "hr",
    "czech": "cs", "danish": "da", "dutch": "nl", "english": "en", "estonian": "et",
    "finnish": "fi", "french": "fr", "german": "de", "greek": "el", "hebrew": "he",
    "hindi": "hi", "hungarian": "hu", "icelandic": "is", "indonesian": "id", "irish": "ga",
    "italian": "it", "japanese": "ja", "korean": "ko", "latvian": "lv", "lithuanian": "lt",
    "norwegian": "no", "bokmal": "nb", "nynorsk": "nn", "persian": "fa", "polish": "pl",
    "portuguese": "pt", "romanian": "ro", "russian": "ru", "serbian": "sr", "slovak": "sk",
    "slovenian": "sl", "spanish": "es", "swedish": "sv", "thai": "th", "turkish": "tr",
    "ukrainian": "uk", "vietnamese": "vi", "welsh": "cy",
}


# Languages written in Cyrillic script (ISO 639-1).
CYRILLIC = frozenset({"ru", "uk", "be", "bg", "mk", "sr", "kk", "ky", "tg", "mn", "ba", "cv", "tt", "os", "ab", "av", "ce", "cu", "kv"})


_CYRILLIC_LETTER = re.compile("[\u0400-\u04ff]")
_LETTER = re.compile(r"[^\W\d_]")


def cyrillic_share(text: str) -> tuple[int, int]:
    """(Cyrillic letters, all letters) of a text."""
    return len(_CYRILLIC_LETTER.findall(text)), len(_LETTER.findall(text))


def written_in_cyrillic(lang: str | None, text: str) -> bool:
    """A version is in Cyrillic script: by its language when the code is known, else by
    the letters of (the start of) its text."""
    if lang in ISO_639_1:
        return lang in CYRILLIC
    cyrillic, letters = cyrillic_share(text[:2000])
    return cyrillic * 2 > letters


def code_of(name: str) -> str | None:
    """The language code for a path part or front matter value, or None.

    Accepts ISO 639-1 codes (``fi``), BCP 47 tags with a region or script (``pt-BR``,
    ``zh_Hant``: kept as written, normalised to a hyphen) and English names (``Finnish``).
    """
    if not name:
        return None
    value = str(name).strip()
    lowered = value.lower()
    if lowered in ISO_639_1:
        return lowered
    if lowered in NAMES:
        return NAMES[lowered]
    for sep in ("-", "_"):
        if sep in value:
            head, _, tail = value.partition(sep)
            if head.lower() in ISO_639_1 and 2 <= len(tail) <= 4 and tail.isalnum():
                return f"{head.lower()}-{tail}"
    return None


class Conventions(NamedTuple):
    """Writing conventions of one language that the punctuation rules respect."""

    function_words: frozenset[str] = frozenset()
    abbreviations: frozenset[str] = frozenset()
    # Sentences start with an uppercase letter (a period + lowercase word is suspicious).
    sentence_case: bool = True
    # Punctuation that this language writes after a space (French: « : ; ? ! »).
    space_before: frozenset[str] = frozenset()
    # Does the language put spaces inside guillemets (French « texte »)?
    spaced_guillemets: bool = False


def _words(text: str) -> frozenset[str]:
    return frozenset(word.lower() for word in text.split())


_COMMON_ABBREVIATIONS = _words("e.g. i.e. etc. vs. approx. ca. cf. al. inc. corp. co. ltd. jr. sr. "
                               "dr. mr. mrs. ms. st. no. nr. u.s. u.k. p. pp. vol. ed. eds. fig.")

CONVENTIONS: dict[str, Conventions] = {
    "en": Conventions(
        function_words=_words("a an the and or but nor of to in on at by for from with as is are was "
                              "were be it its this that these those not no so if than then without over under"),
        abbreviations=_COMMON_ABBREVIATIONS | _words("jan. feb. mar. apr. aug. sept. sep. oct. nov. dec. "
                                                     "mt. ave. est. dept. govt. min. max."),
    ),
    "fi": Conventions(
        function_words=_words("ja ei tai sekä mutta että kuin on oli ovat se ne tämä nämä jos kun "
                              "myös vaan eli joka jotka mikä mitkä niin koska ilman yli"),
        abbreviations=_COMMON_ABBREVIATIONS | _words(
            "esim. mm. ns. ym. yms. jne. ks. vrt. n. noin. engl. lyh. milj. mrd. tms. eKr. jKr. "
            "s. t. ts. v. vs. klo. puh. kpl. os. ed. tri. prof. toim. jäs. so. ko. em."),
    ),
    "sv": Conventions(
        function_words=_words("och i på av till för med som att den det de en ett är var om men "
                              "eller från har inte vid så än ur under efter utan över"),
        abbreviations=_COMMON_ABBREVIATIONS | _words(
            "t.ex. bl.a. s.k. osv. dvs. d.v.s. m.m. ca. kr. st. resp. f.d. m.fl. fr.o.m. t.o.m. "
            "jfr. ang. bl. ex. mha. p.g.a. pga. enl. inkl. exkl. ev. s. sek. milj. mdr. nr."),
    ),
    "pl": Conventions(
        function_words=_words("i w na z do o od za po przez dla że a ale lub albo czy to jest się nie "
                              "jak oraz co ze we u przy bez nad pod"),
        abbreviations=_COMMON_ABBREVIATIONS | _words(
            "tzw. proc. np. ok. itd. itp. tj. m.in. r. w. tys. mln. mld. zł. dr. prof. ul. godz. wg. "
            "ew. śr. im. por. pt. jw. ds. nt. tzn. wz. ang. łac. p.n.e. n.e. pkt. str. nr. tab. ust."),
    ),
    "is": Conventions(
        function_words=_words("og í á til að af með um fyrir frá en eða sem er var ekki við úr hjá "
                              "það þetta þá ef né án yfir undir"),
        abbreviations=_COMMON_ABBREVIATIONS | _words(
            "t.d. o.s.frv. þ.e. m.a. u.þ.b. skv. nr. kr. ma. sbr. þ.m.t. o.fl. frh. ath. bls. "
            "e.k. f.h. m.t.t. þ.á.m. s.s."),
    ),
    "ru": Conventions(
        function_words=_words("и в на с по к о от до за из для не что как а но или же ли бы это "
                              "у о об при без под над"),
        abbreviations=_COMMON_ABBREVIATIONS | _words(
            "т.е. т.д. т.п. т.н. т.к. г. гг. в. вв. млн. млрд. тыс. руб. долл. др. пр. им. см. ср. "
            "напр. ок. стр. с. ул. н.э. англ. букв. д. т. п. proc. кв. км. чел. ред. изд."),
    ),
    "de": Conventions(
        function_words=_words("und oder der die das ein eine in im zu von mit für auf ist nicht"),
        abbreviations=_COMMON_ABBREVIATIONS | _words("z.b. d.h. u.a. usw. bzw. ca. ggf. vgl. s. nr."),
    ),
    "fr": Conventions(
        function_words=_words("et ou le la les un une de du des à au aux en dans par pour sur avec est"),
        abbreviations=_COMMON_ABBREVIATIONS | _words("p.ex. c.-à-d. env. etc. cf. m. mme. av. j.-c."),
        space_before=frozenset(":;?!»"),
        spaced_guillemets=True,
    ),
}

DEFAULT = Conventions(abbreviations=_COMMON_ABBREVIATIONS, sentence_case=False)


def conventions(lang: str | None) -> Conventions:
    """Conventions for a language code (``pt-BR`` falls back to ``pt``)."""
    if not lang:
        return DEFAULT
    return CONVENTIONS.get(lang) or CONVENTIONS.get(lang.split("-")[0]) or DEFAULT
