"""The reference a version is compared with: the consensus of the other versions.

By default each version is compared with the majority of the others in the same row;
with a source language, translations are compared with that version instead (and the
source itself is not judged), except where the other translations clearly agree with
this one against the source: then the source is the likelier one to be off (a machine
paraphrase, an outdated original), and the translation is not flooded with findings. A finding names who agrees: "2 bullets here; 3 in fi, pl".
"""

from __future__ import annotations

from typing import Hashable, Iterator, Mapping, NamedTuple


NEAR = 88  # rapidfuzz ratio from which two different texts are one text, damaged in one of them


def near_copy(value: str, other: str) -> bool:
    """Almost the same text: ``value`` is a copy of ``other`` (or the reverse) damaged, not a
    translation of it (rapidfuzz, imported only when it is asked, where two texts differ)."""
    from rapidfuzz import fuzz

    return fuzz.ratio(value, other) >= NEAR


class Reference(NamedTuple):
    value: Hashable
    langs: tuple[str, ...]  # the versions that hold it

    @property
    def who(self) -> str:
        return ", ".join(self.langs)


def reference(lang: str, values: Mapping[str, Hashable], source: str | None = None) -> Reference | None:
    """What ``lang`` should have, by the source version or by the majority of the others.

    The majority must be held by more than half of the other versions, so one odd version
    among two is not taken as the truth, and by more versions than agree with this one
    (a 2-2 split has no reference). With only two versions each is compared with the
    other. None when there is no clear reference.
    """
    if source is not None:
        if lang == source or source not in values:
            return None
        if values[lang] != values[source]:
            peers = {k: v for k, v in values.items() if k not in (lang, source)}
            agree = sum(1 for v in peers.values() if v == values[lang])
            if len(peers) >= 2 and agree * 2 > len(peers):
                return None  # the translations agree with this one: the source is the odd one out
        return Reference(values[source], (source,))
    others = {k: v for k, v in values.items() if k != lang}
    if not others:
        return None
    tally: dict = {}
    for v in others.values():
        tally[v] = tally.get(v, 0) + 1
    value = max(tally, key=tally.__getitem__)  # the first of the most common (Counter.most_common)
    count = tally[value]
    if count * 2 <= len(others) and len(others) > 1:
        return None
    own = sum(1 for v in values.values() if v == values[lang])
    if len(values) > 2 and own >= count:
        return None  # a tie (2 against 2): no side is the reference
    return Reference(value, tuple(k for k, v in others.items() if v == value))


def _unanimous(values: Mapping[str, Hashable]) -> bool:
    """Every version has the same value (the common case: then nobody's reference differs)."""
    first = next(iter(values.values()), None)
    return all(v == first for v in values.values())


def disagreements(cells, values: Mapping[str, Hashable], source: str | None = None) -> Iterator[tuple]:
    """(cell, reference) for each cell whose value differs from its reference.

    ``cells`` are aligned cells (anything with ``.lang``) of one row; ``values`` maps the
    languages to compare (cells whose language is absent are skipped).
    """
    if _unanimous(values):
        return  # no value differs from any reference
    for cell in cells:
        if cell is None or cell.lang not in values:
            continue
        ref = reference(cell.lang, values, source)
        if ref is not None and ref.value != values[cell.lang]:
            yield cell, ref


def counts_differ(cell, cells, source: str | None = None, attrs=("paragraphs", "items")) -> bool:
    """Whether the cell's paragraph or bullet count (or other ``attrs`` of the aligned
    cells) differs from its reference: the count rules then explain what else differs
    in that section (one root cause, one finding)."""
    for attr in attrs:
        values = {c.lang: getattr(c, attr) for c in cells}
        if _unanimous(values):
            continue
        ref = reference(cell.lang, values, source)
        if ref is not None and ref.value != values[cell.lang]:
            return True
    return False
