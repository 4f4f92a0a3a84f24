"""suppression-invalid: a suppression directive transcheck cannot follow.

What it does
    Reports a ``<!-- transcheck-... -->`` comment (or a ``transcheck-disable`` front
    matter entry) that names a rule transcheck does not have, names an input rule
    (``read-error``, ``parse-error``...: those report the file itself and cannot be
    disabled), is not one of ``transcheck-disable``, ``transcheck-enable`` and
    ``transcheck-disable-next-line``, or whose front matter value is not a rule list.
    The finding is at the name or directive as written; the rest of the directive still
    applies.

Why it matters
    A misspelt rule name disables nothing, so the finding it was meant to hide is still
    reported, and the comment looks as if it worked. Reporting it says why.

Example
    ``<!-- transcheck-disable lnk-split -->``

Correct
    ``<!-- transcheck-disable link-split -->`` (or the code: ``TC201``)

Fix
    Write the rule's name or code as ``transcheck rules`` lists it.
"""

from __future__ import annotations

from ..findings import Severity
from .base import Rule


def _none(version):
    return iter(())


RULE = Rule("TC005", "suppression-invalid", Severity.WARNING,
            "A suppression directive names an unknown or input rule, or is malformed.", _none, __doc__,
            scope="input")
