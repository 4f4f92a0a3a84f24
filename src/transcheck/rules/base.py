"""The rule contract: frozen metadata plus a stateless check function.

A rule module holds a docstring with the sections ``What it does``, ``Why it
matters``, ``Example``, ``Correct`` and ``Fix``, a ``check(version)`` generator that
yields ``Hit`` values, and ``RULE = Rule(...)``. Rules read the document model
(``Version``) and never keep state between calls. A fixable rule builds each Hit's
``Fix`` next to its detection, from the same span, and says in its ``Fix`` section what
the autofix does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, NamedTuple

from ..findings import Applicability, Severity
from ..model import Article

if TYPE_CHECKING:
    from ..align import Alignment

DOC_SECTIONS = ("What it does", "Why it matters", "Example", "Correct", "Fix")


class ArticleContext:
    """What an article-scope rule reads: all versions, their alignment, the reference mode.
    A plain class, not a NamedTuple: the rules' memos hold it by a weak reference
    (``_memo.last_while_alive``), and it compares by identity."""

    __slots__ = ("article", "alignment", "source", "__weakref__")

    def __init__(self, article: Article, alignment: "Alignment", source: str | None = None):
        self.article = article
        self.alignment = alignment
        self.source = source  # compare with this language instead of the consensus


class Rule(NamedTuple):
    code: str
    name: str
    severity: Severity
    summary: str
    # scope "version": check(Version) -> Iterator[Hit];
    # scope "article": check(ArticleContext) -> Iterator[tuple[Version, Hit]]
    check: Callable
    doc: str
    scope: str = "version"  # "version": reads one file; "article": reads all versions; "input": loader
    fixable: bool = False  # some of its findings carry a Fix
    # the applicability of its fixes: `transcheck fix` runs an unsafe-fixing rule only
    # with --unsafe-fixes (a rule's fixes share one applicability)
    fix_applicability: Applicability = Applicability.SAFE


OPTIONAL_SECTIONS = ("Options",)  # documented only by rules that have options


def doc_sections(doc: str) -> tuple[str, dict[str, str]]:
    """A rule doc as (title line, {section name: body}); each body dedented, its paragraphs
    and list indentation kept. A doc without the named sections (the input rules) has one
    section, ``""``."""
    import textwrap

    names = DOC_SECTIONS + OPTIONAL_SECTIONS
    lines = doc.strip().splitlines()
    title = lines[0].strip() if lines else ""
    sections: dict[str, list[str]] = {}
    current = ""
    for line in lines[1:]:
        if line.strip() in names and not line[:1].isspace():
            current = line.strip()
            sections[current] = []
        else:
            sections.setdefault(current, []).append(line)
    bodies = {name: textwrap.dedent("\n".join(body)).strip() for name, body in sections.items()}
    return title, {name: body for name, body in bodies.items() if body}


def doc_section(doc: str, name: str) -> str:
    """The text of one section of a rule's docstring (``Fix``, ``Example`` ...), unwrapped."""
    return " ".join(doc_sections(doc)[1].get(name, "").split())
