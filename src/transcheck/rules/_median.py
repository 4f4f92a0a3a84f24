"""The median of numbers already sorted: what ``statistics.median`` gives, the same arithmetic
(the middle value, or the mean of the two middle ones), without sorting them again or
importing ``statistics`` (with ``fractions``, ``decimal`` and ``random``: ~3 ms at every start,
a few percent of a one-article check)."""

from __future__ import annotations


def median_sorted(values: list) -> float:
    """The median of ``values``, sorted and not empty."""
    n = len(values)
    return values[n // 2] if n % 2 else (values[n // 2 - 1] + values[n // 2]) / 2
