"""suppression-unused: a suppression directive that suppressed nothing.

What it does
    With ``transcheck check --report-unused-disables``, reports a ``transcheck-disable``
    or ``transcheck-disable-next-line`` comment, or a ``transcheck-disable`` front matter
    entry, that hid no finding in this run (for a directive naming several rules, the
    names that hid nothing), and a ``transcheck-enable`` that ends no disabled range.

Why it matters
    A directive outlives the defect it was written for: once the text is fixed it
    silently hides the next real defect of that rule in the same place.

Example
    ``<!-- transcheck-disable-next-line link-split -->`` above a line whose links are
    whole.

Correct
    The line without the comment.

Fix
    Remove the directive, or the rule names the message lists from it.
"""

from __future__ import annotations

from ..findings import Severity
from .base import Rule


def _none(version):
    return iter(())


RULE = Rule("TC006", "suppression-unused", Severity.WARNING,
            "A suppression directive hid no finding (with --report-unused-disables).", _none, __doc__,
            scope="input")
