"""A one-slot memo by identity, for what several rules read of one subject in turn.

The version rules run one version at a time, and the article rules one article at a time,
each rule after the other: what several of them read of the same subject (a version's
inline texts joined, ``_prose.prose``; an article's link targets counted row by row,
``_links.target_counts``) is made for the first that asks and kept for the next, until
another subject is asked for.

The subject is compared by identity (``is``: a Version or an Alignment compares by value,
field by field, which costs more than making the value again). ``last`` holds the subject,
so that no new subject can take its ``id`` while the value is kept: the last one stays
alive until the next is asked for. ``last_while_alive`` holds it by a weak reference
instead: an ``ArticleContext``, made by the engine for one article's rules (after its
versions') and freed when they are done. When it is freed, every slot is emptied, so that
neither the article's cells nor its last version outlive its check: with ``last`` alone
they were kept while the next article was read, parsed and aligned (one article more in
memory), and freed by the next article's link-missing, whose figure in a streaming check
was then 80-110 ms per 2,000 files instead of its own ~25. The freeing is not saved, it
happens where the article's check ends: the CPU time of a whole check --jobs 1 of /tmp/bk400
differs by less than the noise (3 alternating runs each way). Emptying a slot never changes
a result: the value is made again when asked for.
"""

from __future__ import annotations

import weakref
from functools import wraps
from typing import Callable, TypeVar

S = TypeVar("S")
V = TypeVar("V")

_NOTHING = object()  # the subject of an empty slot (no subject is it)
_SLOTS: list[list] = []  # every memo's [subject or weak reference, value]


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


def last_while_alive(make: Callable[[S], V]) -> Callable[[S], V]:
    """``last``, holding its subject (which must take weak references) by a weak reference:
    when the subject is freed, every memo's slot is emptied (``forget``)."""
    held = [_NOTHING, None]  # a weak reference to the subject, and its value
    _SLOTS.append(held)

    def dropped(ref: weakref.ref) -> None:
        if held[0] is ref:  # still this subject's slot
            forget()

    @wraps(make)
    def remembered(subject: S) -> V:
        if held[0] is _NOTHING or held[0]() is not subject:
            value = make(subject)
            held[0], held[1] = weakref.ref(subject, dropped), value
        return held[1]

    return remembered


def forget() -> None:
    """Empty every memo's slot (their subjects and values can then be freed)."""
    for held in _SLOTS:
        held[0], held[1] = _NOTHING, None
