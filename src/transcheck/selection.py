"""Which rules run: ``select``, ``extend-select`` and ``ignore``, as ruff and flake8 decide.

A selector is a rule name (``stray-punctuation``), a code (``TC301``), a code prefix
(``TC3``, ``TC``) or ``ALL``. For each rule, every selector that matches it is weighed by
how explicit it is: a name or a full code beats a longer prefix, which beats a shorter
one, which beats ``ALL``. The most explicit match decides; between a ``select`` and an
``ignore`` equally explicit, ``ignore`` wins. A rule no ``select`` matches does not run.

Input rules (unreadable file, broken front matter, a rule that crashed) report problems
the other rules cannot see past; they run unless ignored by name or full code.
"""

from __future__ import annotations

from typing import Iterable

from .rules.base import Rule

EXPLICIT = 100  # weight of a rule name or a full code


class SelectionError(ValueError):
    """A selector that names no rule: the message names it and where it came from."""


def weight(selector: str, rule: Rule) -> int | None:
    """How explicitly ``selector`` names ``rule`` (None: it does not)."""
    if selector == rule.name or selector.upper() == rule.code:
        return EXPLICIT
    if selector.upper() == "ALL":
        return 0
    if selector.upper().startswith("TC") and rule.code.startswith(selector.upper()):
        return len(selector)
    return None


def validate(selectors: Iterable[str], rules: tuple[Rule, ...], where: str) -> None:
    for selector in selectors:
        if not any(weight(selector, rule) is not None for rule in rules):
            raise SelectionError(f"unknown rule or code {selector!r} in {where}; `transcheck rules` lists them")


def selected(rules: tuple[Rule, ...], select: Iterable[str] = ("ALL",), ignore: Iterable[str] = (),
             extend_select: Iterable[str] = ()) -> tuple[Rule, ...]:
    """The rules that run, in their usual order."""
    chosen = list(select) + list(extend_select)
    ignore = list(ignore)
    out = []
    for rule in rules:
        best_select = max((w for s in chosen if (w := weight(s, rule)) is not None), default=None)
        best_ignore = max((w for s in ignore if (w := weight(s, rule)) is not None), default=None)
        if rule.scope == "input":
            if best_ignore != EXPLICIT:
                out.append(rule)
            continue
        if best_select is None:
            continue
        if best_ignore is not None and best_ignore >= best_select:
            continue
        out.append(rule)
    return tuple(out)


def most_explicit(table: dict, rule: Rule):
    """The value of the most explicit key of ``table`` that names ``rule`` (None if none does):
    for severity overrides, ``{"TC5": "info", "number-mismatch": "error"}``."""
    best, value = None, None
    for selector, v in table.items():
        w = weight(selector, rule)
        if w is not None and (best is None or w > best):
            best, value = w, v
    return value
