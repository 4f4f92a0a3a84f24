"""The rules' one-slot memos (``rules._memo``): by identity, one subject at a time."""

from __future__ import annotations

import gc

from transcheck.rules import _links, _memo, _prose
from transcheck.rules.base import ArticleContext


def test_the_last_subject_is_made_once_and_by_identity():
    made = []

    @_memo.last
    def size(subject):
        """The subject's length."""
        made.append(subject)
        return len(subject or ())

    a, b = [1, 2], [1, 2]  # equal, not the same
    assert size(a) == size(a) == 2 and made == [a]
    assert size(b) == 2 and made == [a, b] and made[1] is b  # another subject: made again
    assert size(a) == 2 and len(made) == 3  # one slot: a was replaced by b
    assert size.__doc__ == "The subject's length." and size.__name__ == "size"
    _memo.forget()
    assert size(a) == 2 and len(made) == 4  # forgotten: made again
    _memo.forget()
    assert size(None) == size(None) == 0 and len(made) == 5  # no subject is an empty slot's


class _Subject:
    def __init__(self, n):
        self.n = n


def test_a_memo_while_alive_empties_every_slot_when_its_subject_is_freed():
    made = []

    @_memo.last_while_alive
    def double(subject):
        made.append(subject.n)
        return [subject.n * 2]

    @_memo.last
    def kept(subject):
        return object()

    one = _Subject(1)
    assert double(one) == [2] and double(one) is double(one) and made == [1]
    held = kept("x")
    assert kept("x") is held
    two = _Subject(2)
    assert double(two) == [4] and made == [1, 2]  # another subject: made again
    del one  # the replaced subject's freeing empties nothing
    gc.collect()
    assert kept("x") is held and double(two) == [4] and made == [1, 2]
    value = double(two)
    del two  # the subject freed: every slot emptied, its value freed with it
    assert all(slot == [_memo._NOTHING, None] for slot in _memo._SLOTS)
    assert kept("x") is not held
    assert value == [4]  # a caller's value stays its own
    three = _Subject(3)
    assert double(three) == [6] and made == [1, 2, 3]


def test_the_rules_memos_are_these():
    # a version's prose is kept until another version is asked for, or the article's context is freed;
    # the article's link target counts while its context is alive
    version = type("V", (), {"inlines": lambda self: ()})()
    first = _prose.prose(version)
    assert _prose.prose(version) is first
    _memo.forget()
    assert _prose.prose(version) is not first and _prose.prose(version) == first
    again = _prose.prose(version)
    alignment = type("A", (), {"rows": ()})()
    ctx = ArticleContext(None, alignment)
    counts = _links.target_counts(ctx)
    assert counts == _links.alignment_target_counts(alignment) == [] and _links.target_counts(ctx) is counts
    assert _prose.prose(version) is again
    del ctx
    assert _prose.prose(version) is not again  # the context freed: the prose slot emptied too
