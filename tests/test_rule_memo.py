"""The rules' one-slot memo (``rules._memo``): by identity, one subject at a time."""

from __future__ import annotations

from transcheck.rules import _links, _memo, _prose


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
    _memo.forget()
    assert size(()) == size(()) == 0 and len(made) == 6


def test_the_rules_memos_are_this_one():
    # the two memos the version and article rules share are made by _memo.last (forget empties them)
    for memo in (_prose.prose, _links.alignment_target_counts):
        assert memo.__wrapped__ is not memo
    version = type("V", (), {"inlines": lambda self: ()})()
    first = _prose.prose(version)
    assert _prose.prose(version) is first
    _memo.forget()
    assert _prose.prose(version) is not first and _prose.prose(version) == first
