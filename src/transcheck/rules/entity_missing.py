"""entity-missing: a name, acronym, initial or code span every other version carries here.

What it does
    Reads the names (capitalised words), acronyms, initials (``A.``) and code spans of
    each aligned section, and of the ``title`` and ``description`` front matter values,
    and compares them with the other versions (at least two; with
    ``--source``, the source unless the other translations agree with this one).
    Inflected, compound and transliterated forms carry a name (``Googlen``,
    ``Nobelpriset``, ``Nobla``, ``Kanada`` for Canada, ``Яппи`` for Yuppie). It reports:

    - an initial replaced by another (``O.`` for A.), or an acronym by the same letters
      with two swapped (``CAFA`` for CFAA), at the replacement; an acronym absent or
      localised is a translation (``IRS`` -> ``verohallinto``, ``KPI`` for CPI) and is
      not reported. The majority of the other
      versions is the reference here, so two versions sharing one damaged copy are
      both reported;
    - a code span absent here;
    - a name absent here in any form, when it is a name no language translates: a
      version in another script keeps it as written (``Facebook`` in the Russian text).
      A capitalised word without such a witness may be a translatable name (Commission,
      University, Italy: ``Komisja``, ``Włochy``), and one version translating it is
      not a defect.

    Names inside a link's text are left to the link rules (``[Urząd Skarbowy](/irs)`` is
    fine; a lost link is ``link-missing``'s). Missing names at one place are reported
    together, at this version's counterpart of the place the others have them; in a
    section whose paragraph or bullet count already differs they are left to
    ``paragraph-count-mismatch`` and ``bullet-count-mismatch`` (one root cause, one
    finding).

Why it matters
    A name swapped for a word (``O. Michael Spence``, the initial ``A.`` read as a
    preposition and translated), a dropped company or an acronym replaced by a common
    word changes who or what the text is about.

Example
    pl ``description: O. Michael Spence jest ...`` where fi, sv, is and ru have
    ``A. Michael Spence``.

Correct
    ``description: A. Michael Spence jest ...``

Fix
    Restore the name as the other versions write it (inflected as the language needs).
    No autofix: the inflection is the language's.
"""

from __future__ import annotations

from typing import Iterator

from ..consensus import counts_differ, reference
from ..findings import Hit, Severity
from ..languages import written_in_cyrillic
from ..names import (Entity, Vocabulary, capitalised_key, cyrillic, entities, entity_words, kin, word_keys,
                     other_script)
from ._locate import counterpart, front_matter_value, line_hit
from .base import ArticleContext, Rule

FRONT_MATTER_KEYS = ("title", "description")


class _Unit:
    """One version's text of one row (a section or a front matter value).

    Its capitalised words and its other entity keys (``marks``: acronyms, initials, code
    spans) are read first, without places: most rows hold no entity worth checking
    (``_candidates``), and in most a name cannot be one (no version writes a word in the
    other script), so the names' keys are made only when needed (``keys``). Only the rows
    with a candidate read the entities with their blocks and links (``read``, only those of
    the candidate keys) and build the vocabulary (on first use, from ``texts``).

    A section and a front matter value each have their own subclass (one is made for every
    section of every row: methods, not closures made per unit)."""

    __slots__ = ("lang", "words", "marks", "_keys", "cyrillic", "foreign", "_vocabulary", "_forms")

    def __init__(self, lang: str, cyrillic_text: bool, words_marks: tuple):
        """``words_marks``: the unit's ``entity_words``."""
        self.lang = lang
        self.words, self.marks = words_marks
        self._keys = None
        self.cyrillic = cyrillic_text
        self.foreign: dict[str, set] = {}  # names in the other script, by their first 3 letters
        for word in other_script(self.words, cyrillic_text):
            entity = capitalised_key(word)
            if entity and entity[0] == "name":
                self.foreign.setdefault(entity[1][:3], set()).add(entity[1])
        self._vocabulary = None
        self._forms = None

    def texts(self) -> tuple:
        """(body texts, code span sources, heading texts)."""
        raise NotImplementedError

    def read(self, keys: set | None = None) -> list:
        """The entities of the unit (whose (kind, key) is in ``keys``) as (Entity, block or
        None, link target or None, inline or None), in the order of the text."""
        raise NotImplementedError

    @property
    def keys(self) -> set[tuple[str, str]]:
        """The (kind, key) of every entity of the unit (``names.entities``'s, without places)."""
        if self._keys is None:
            self._keys = self.marks | word_keys(self.words)  # the acronyms' keys are among the marks
        return self._keys

    def writes_form_of(self, key: str) -> bool:
        """Some capitalised word of the unit, a name or an acronym, is a form of the name
        ``key`` (``kin``: Google, Googlen, Googles). Such a unit never lacks that name in
        ``_missing``: its vocabulary has the word, as a name (carried) or as a plain word
        (which rules the name out)."""
        if self._forms is None:  # the name and acronym keys by their first 3 letters
            self._forms = {}
            for kind, k in self.keys:
                if kind == "name" or kind == "acronym":
                    self._forms.setdefault(k[:3], []).append(k)
        return any(kin(k, key, 3) for k in self._forms.get(key[:3], ()))

    @property
    def vocabulary(self) -> Vocabulary:
        if self._vocabulary is None:
            self._vocabulary = Vocabulary(*self.texts(), cyrillic_text=self.cyrillic)
        return self._vocabulary


class _SectionUnit(_Unit):
    """The unit of an aligned section: its keys read from the section's text as the aligner
    joined it and the words it found there (``Cell.text``, ``Cell.codes``,
    ``Cell.capitalised``), its texts one by one only when needed."""

    __slots__ = ("cell",)

    def __init__(self, cell, cyrillic_text: bool):
        self.cell = cell
        super().__init__(cell.lang, cyrillic_text,
                         entity_words(self._prose, cell.codes, joined=cell.text, words=cell.capitalised))

    def texts(self) -> tuple:
        body, headings = [], []
        heading = self.cell.section.heading
        for block, inline in self.cell.inlines:
            (headings if block is heading else body).append(inline.masked)
        return body, self.cell.codes, headings

    def _prose(self) -> list:
        body, _, headings = self.texts()
        return body + headings

    def read(self, keys: set | None = None) -> list:
        found = []
        for block, inline in self.cell.inlines:
            for entity in entities(inline.masked, inline.code_spans, inline.content, keys):
                link = inline.in_link_text(entity.start) if inline.links else None
                found.append((entity, block, link.target if link else None, inline))
        return found


class _ValueUnit(_Unit):
    """The unit of a ``title`` or ``description`` value."""

    __slots__ = ("value", "_split")

    def __init__(self, lang: str, key: str, value: str, cyrillic_text: bool):
        prose = key == "description"  # a title is heading-like: capitals there do not make names
        self.value = value
        self._split = ([value] if prose else [], (), [] if prose else [value])
        super().__init__(lang, cyrillic_text, entity_words(self._prose, ()))

    def texts(self) -> tuple:
        return self._split

    def _prose(self) -> list:
        return [*self._split[0], *self._split[2]]

    def read(self, keys: set | None = None) -> list:
        return [(e, None, None, None) for e in entities(self.value, keys=keys)]


def _carries(unit: _Unit, entity: Entity) -> bool | None:
    """Whether a unit carries the entity; None when it cannot be judged here (a name,
    acronym or initial in another script, which a version may transliterate or translate).
    An acronym or code span among the unit's marks is carried (its word, or its code span,
    is the vocabulary's): no vocabulary is built for it."""
    if (entity.kind == "acronym" or entity.kind == "code") and (entity.kind, entity.key) in unit.marks:
        return True
    same_script = unit.cyrillic == cyrillic(entity.written)
    if entity.kind == "name" and not same_script:
        return unit.vocabulary.carries(entity, as_name=True) or None
    if entity.kind != "code" and not same_script:
        return unit.vocabulary.carries(entity) or None
    return unit.vocabulary.carries(entity, as_name=entity.kind == "name")


def _kept_as_written(units: dict[str, _Unit], entity: Entity) -> bool:
    """A version in another script writes the name as it is (``Facebook`` in ru): a name
    no language translates. Without such a witness a capitalised word may be a translatable
    name (Commission, University, Italy), and one version translating it is not a defect."""
    prefix = entity.key[:3]
    return any(prefix in unit.foreign and unit.cyrillic != cyrillic(entity.written)
               and any(kin(k, entity.key, 3) for k in unit.foreign[prefix])
               and unit.vocabulary.writes(entity) for unit in units.values())


def _candidates(units: dict[str, _Unit]) -> set[tuple[str, str]]:
    """A cheap look at the entity keys alone: the (kind, key) that some version may lack
    in a way the rule reports. Most entities are in every version, and most rows have no
    candidate at all; a name every version writes in some form (``Googlen`` for Google) is
    none either (``_Unit.writes_form_of``); ``_kept_as_written`` then settles the names."""
    foreign: dict[str, set] = {}  # the names some version writes in the other script
    for unit in units.values():
        for prefix, keys in unit.foreign.items():
            foreign.setdefault(prefix, set()).update(keys)
    # without such a witness no name is worth a look (most rows): the other keys suffice
    sets = [u.keys if foreign else u.marks for u in units.values()]
    every = set.intersection(*sets)
    differ = set().union(*sets) - every
    # a name every version writes in some form (Google, Googlen) is no version's to lack
    out = {(kind, key) for kind, key in differ if kind == "name" and key[:3] in foreign
           and any(kin(k, key, 3) for k in foreign[key[:3]])
           and not all(unit.writes_form_of(key) for unit in units.values())}
    for kind, key in [entry for entry in differ if entry[0] != "name"]:
        if kind == "code":
            worth = True
        else:
            lacking = [u for u in units.values() if (kind, key) not in u.marks]
            if kind == "acronym":
                worth = any(k == "acronym" and _transposed(a, key) for u in lacking for k, a in u.marks)
            else:
                worth = any(k == "initial" for u in lacking for k, _ in u.marks)
        if worth:
            out.add((kind, key))
    return out


def _replacement(unit: _Unit, entity: Entity, units: dict[str, _Unit], langs) -> tuple | None:
    """What this version writes instead of a missing acronym or initial: one of the same
    kind that the reference versions do not have, and (for acronyms) the same letters with
    two swapped (``CAFA`` for CFAA, ``O.`` for A.). None when there is none: the entity was
    translated (``KPI`` for CPI) or left out."""
    for found in unit.read():
        other = found[0]
        if other.kind != entity.kind or not (other.kind == "initial" or _transposed(other.key, entity.key)):
            continue  # (told first: asking the reference versions is the dear part)
        if not any(units[k].vocabulary.carries(other) for k in langs):
            return found
    return None


def _transposed(a: str, b: str) -> bool:
    """Two acronyms of 3+ letters that differ by two neighbouring letters swapped (CAFA,
    CFAA): a slip, where a localised acronym substitutes letters (KPI for CPI) and a
    two-letter swap is often the language's own order (UE for EU)."""
    if len(a) != len(b) or len(a) < 3 or a == b:
        return False
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]


def _missing(units: dict[str, _Unit], source: str | None) -> Iterator[tuple]:
    """(lang, entity, reference, (entity, block, target, inline) where a reference version
    has it, what this version has instead or None) for each entity every other unit
    carries and this one lacks in any form.

    Names written inside a link's text in any version are left to the link rules (a name
    translated inside a link is fine; a link lost is ``link-missing``'s)."""
    candidates = _candidates(units)
    if not candidates:
        return
    # the candidates' entities with their places (none where a version has no candidate)
    read = {lang: [] if unit.keys.isdisjoint(candidates) else unit.read(candidates)
            for lang, unit in units.items()}
    first: dict[tuple, tuple] = {}
    in_links: set = set()
    for lang, found_here in read.items():
        for found in found_here:
            key = (found[0].kind, found[0].key)
            first.setdefault(key, (lang, found))
            if found[2]:
                in_links.add(key)
    names = {key for unit in units.values() for kind, key in unit.keys if kind == "name"}
    for key, (lang, found) in first.items():
        entity = found[0]
        if key in in_links or (key[0] == "name" and not _kept_as_written(units, entity)):
            continue
        # its other forms (kin share their first 3 letters), as names
        family = [entity._replace(key=k) for k in names if k[:3] == entity.key[:3] and k != entity.key
                  and kin(k, entity.key, 3)] if entity.kind == "name" else []
        carried, lacking = {}, []
        for other, unit in units.items():
            has = _carries(unit, entity)
            if has is None:
                continue  # not judged, and not a vote either way
            if not has:
                if any(unit.vocabulary.carries(e) for e in [entity] + family):
                    break  # written here in some form, though not as a name: not a name
                lacking.append(other)
            carried[other] = has
        else:
            for other in lacking:
                ref = reference(other, carried, source)
                if ref is None or not ref.value:
                    continue
                instead = _replacement(units[other], entity, units, ref.langs)
                if instead is None and entity.kind in ("acronym", "initial"):
                    continue  # translated (IRS: verohallinto) or left out, not damaged
                if instead is None and source is None and len(ref.langs) < len(units) - 1:
                    continue  # a name or code span absent: only when every other version has it
                where, shown = _place(read, lang, found, key, family, ref.langs)
                yield other, shown or entity, ref, where, instead


def _place(read: dict, lang: str, found: tuple, key: tuple, family: list, langs: tuple) -> tuple[tuple, object]:
    """Where a reference version has the entity (language, its reading), and the form to
    name when it is not the one read first (else None): the first version read, when it is
    a reference; else the first reference, where it is written as read first or, failing
    that, in another form (a ``--source`` that writes Nobel where the first version read
    writes Nobla: Nobel is named); else the first version read."""
    if lang in langs:
        return (lang, found), None
    here = read[langs[0]]
    at = next((f for f in here if (f[0].kind, f[0].key) == key), None)
    if at is not None:
        return (langs[0], at), None
    forms = {(e.kind, e.key) for e in family}
    at = next((f for f in here if (f[0].kind, f[0].key) in forms), None)
    return ((langs[0], at), at[0]) if at is not None else ((lang, found), None)


_NOUNS = {"name": "name", "acronym": "acronym", "initial": "initial", "code": "code span"}


def _message(names: list[Entity], langs: tuple, place: str) -> str:
    listed = ", ".join(f"{_NOUNS[e.kind]} `{e.written}`" for e in names)
    pronoun = "it" if len(names) == 1 else "them"
    return f"{listed} missing {place}: {', '.join(langs)} have {pronoun}; no form of {pronoun} here"


def _damaged(instead: Entity, entity: Entity, langs: tuple) -> str:
    return (f"{_NOUNS[entity.kind]} `{instead.written}` here; `{entity.written}` in {', '.join(langs)}, "
            f"which have no `{instead.written}`: a damaged copy of the name")


def _add(group: list, entity: Entity) -> None:
    """Add an entity unless a form of it is listed already (Harvard, Harvardin)."""
    if not any(e.kind == entity.kind and (e.key == entity.key or kin(e.key, entity.key, 3)) for e in group):
        group.append(entity)


def _sections(ctx: ArticleContext, scripts: dict) -> Iterator[tuple]:
    for row in ctx.alignment.rows:
        cells = {c.lang: c for c in row.cells if c is not None}
        if len(cells) < 3:
            continue
        units = {lang: _SectionUnit(cell, scripts[lang]) for lang, cell in cells.items()}
        grouped: dict[tuple, list] = {}
        for lang, entity, ref, (where, at), instead in _missing(units, ctx.source):
            cell = cells[lang]
            if instead is not None:
                inline = instead[3]
                yield cell.version, Hit(inline.offset(instead[0].start), inline.offset(instead[0].end),
                                        _damaged(instead[0], entity, ref.langs))
                continue
            if counts_differ(cell, list(cells.values()), ctx.source):
                continue
            line = counterpart(cell, cells[where], at[1])
            _add(grouped.setdefault((lang, line, ref.langs), []), entity)
        for (lang, line, langs), names in grouped.items():
            yield cells[lang].version, line_hit(cells[lang].version, line, _message(names, langs, "here"))


def _front_matter(ctx: ArticleContext, scripts: dict) -> Iterator[tuple]:
    versions = {v.lang: v for v in ctx.article.versions}
    for key in FRONT_MATTER_KEYS:
        values = {lang: v.front_matter.data.get(key) for lang, v in versions.items() if v.front_matter}
        values = {lang: value for lang, value in values.items() if isinstance(value, str) and value.strip()}
        if len(values) < 3:
            continue
        units = {lang: _ValueUnit(lang, key, value, scripts[lang]) for lang, value in values.items()}
        grouped: dict[tuple, list] = {}
        for lang, entity, ref, _, instead in _missing(units, ctx.source):
            a, b = front_matter_value(versions[lang], key)
            if instead is not None:
                text = versions[lang].source.text[a:b]
                at = text.find(instead[0].written)
                a, b = (a + at, a + at + len(instead[0].written)) if at >= 0 else (a, b)
                yield versions[lang], Hit(a, b, _damaged(instead[0], entity, ref.langs) + f" in `{key}`")
                continue
            _add(grouped.setdefault((lang, ref.langs), []), entity)
        for (lang, langs), names in grouped.items():
            a, b = front_matter_value(versions[lang], key)
            yield versions[lang], Hit(a, b, _message(names, langs, f"from `{key}`"))


def check(ctx: ArticleContext) -> Iterator[tuple]:
    scripts = {v.lang: written_in_cyrillic(v.lang, v.source.text) for v in ctx.article.versions}
    yield from _front_matter(ctx, scripts)
    yield from _sections(ctx, scripts)


RULE = Rule("TC510", "entity-missing", Severity.WARNING,
            "A name, acronym, initial or code span that every other version carries here and this one lacks.",
            check, __doc__, scope="article")
