"""A one-slot memo by identity, for what several rules read of one subject in turn.

The version rules run one version at a time, and the article rules one article at a time,
each rule after the other: what several of them read of the same subject (a version's
inline texts joined, ``_prose.prose``; an alignment's link targets counted row by row,
``_links.alignment_target_counts``) is made for the first that asks and kept for the next,
until another subject is asked for.

The subject is compared by identity (``is``: a Version or an Alignment compares by value,
field by field, which costs more than making the value again) and held by the slot, so
that no new subject can take its ``id`` while the value is kept. The slot thus keeps the
last subject alive until the next one is asked for: the previous article's model is freed
when the first rule that reads the next one replaces it (~50 ms of link-missing's time per
2,000 files in a streaming check; not saved by freeing it sooner: ``forget``, called after
every article, left the CPU time of a check unchanged).
"""

from __future__ import annotations

from functools import wraps
from typing import Callable, TypeVar

S = TypeVar("S")
V = TypeVar("V")

_NOTHING = object()  # the subject of an empty slot (no subject is it)
_SLOTS: list[list] = []  # every memo's [subject, value]


def last(make: Callable[[S], V]) -> Callable[[S], V]:
    """``make``, a function of one subject, remembering the value it made for the last
    subject it was asked for (one slot: asked for another subject, it makes that one's)."""
    held = [_NOTHING, None]
    _SLOTS.append(held)

    @wraps(make)
    def remembered(subject: S) -> V:
        if held[0] is not subject:
            value = make(subject)
            held[0], held[1] = subject, value
        return held[1]

    return remembered


def forget() -> None:
    """Empty every memo's slot (their subjects and values can then be freed)."""
    for held in _SLOTS:
        held[0], held[1] = _NOTHING, None
