"""Front matter: find its lines, load them as YAML, and blank them for the Markdown parser.

The lines are found here rather than by ``frontmatter.loads`` because that returns the
body stripped, which loses the offset of every line after it. The YAML is loaded with
python-frontmatter's YAML handler and a safe loader (``_Loader``: PyYAML's safe loader,
the C one when PyYAML has it), after a pass over its events (``_unsafe``) that rejects,
without building anything, what would hang or crash a run: collections nested more than
``MAX_DEPTH`` levels (PyYAML's C composer recurses per level: 100,000 nested ``[``
crash the process), an alias to a node that contains it, and aliases that would expand
the document to more than ``MAX_EXPANSION`` values (a "billion laughs": PyYAML shares
the aliased objects, but printing or comparing them walks every copy). Duplicate keys
(YAML forbids them; PyYAML keeps the last silently) and values PyYAML cannot build
(``date: 2021-13-45``) are errors at their line. Files are never written back through
python-frontmatter: it reorders keys and drops comments.

Most front matter is a few ``key: text`` lines; ``_plain`` reads those itself, the
mapping the loader would give (a test holds it to the loader), for a quarter of the
loader's cost; anything else goes to the loader. PyYAML and python-frontmatter are
imported only when the loader or its resolvers are needed (``_yaml``): 10-20 ms of a
one-article run's ~130 ms, for front matter that is all text.
"""

from __future__ import annotations

import re
from functools import lru_cache
from types import SimpleNamespace
from typing import NamedTuple

from .source import SourceText

_OPEN = "---"
MAX_DEPTH = 64
MAX_EXPANSION = 10_000
_CLOSE = ("---", "...")


class FrontMatter(NamedTuple):
    """Where the front matter is (0-based lines, closing delimiter included) and what it holds."""

    first_line: int
    last_line: int
    data: dict
    key_lines: tuple[tuple[str, int], ...] = ()

    def line_of(self, key: str) -> int | None:
        """0-based file line of a top-level key, if present."""
        for name, line in self.key_lines:
            if name == key:
                return line
        return None


class FrontMatterError(NamedTuple):
    """Front matter that could not be loaded; ``line``/``column`` are 0-based file positions.
    ``span``: its (first, last) lines when the block is closed: they are still front matter,
    not Markdown (read as Markdown, a broken ``title:`` line and the closing ``---`` make a
    heading, and every version comparison would report the one broken line again)."""

    line: int
    column: int
    message: str
    span: tuple[int, int] | None = None


_SKIPPED = "; the block is skipped, so its keys are not compared with the other versions"


def find(source: SourceText) -> tuple[int, int] | None | FrontMatterError:
    """Return (first, last) 0-based lines of the front matter block, None, or an error."""
    if source.line_count < 2 or source.line(0).rstrip() != _OPEN:
        return None
    text, starts, ends = source.text, source.line_starts, source.line_ends
    for index in range(1, len(starts)):
        if text[starts[index] : ends[index]].rstrip() in _CLOSE:
            return (0, index)
    return FrontMatterError(0, 0, "front matter opened with '---' on line 1 is never closed; "
                            "the file is read as Markdown")


def load(source: SourceText) -> FrontMatter | FrontMatterError | None:
    """Find and load the front matter of ``source``."""
    span = find(source)
    if span is None or isinstance(span, FrontMatterError):
        return span
    first, last = span
    lines = [source.line(i) for i in range(first + 1, last)]
    data = _plain(lines) if lines else None
    if data is not None:  # what the loader would give, with no unsafe construct
        # each line is a key (``_PLAIN_LINE``), once: as ``_key_lines`` reads them
        return FrontMatter(first, last, data, tuple(zip(data, range(first + 1, last))))
    body = "\n".join(lines)
    lib = _yaml()
    yaml = lib.yaml
    try:
        unsafe = _unsafe(body)
        if unsafe is not None:
            mark, problem = unsafe
            return FrontMatterError(first + 1 + mark.line, mark.column, f"front matter is not loaded: {problem}{_SKIPPED}",
                                    span)
        data = lib.handler.load(body, Loader=lib.Loader) if body.strip() else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = first + 1 + (mark.line if mark else 0)
        column = mark.column if mark else 0
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return FrontMatterError(line, column, f"front matter is not valid YAML: {problem}{_SKIPPED}", span)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return FrontMatterError(first + 1, 0, f"front matter is a YAML {type(data).__name__}, not a mapping of keys{_SKIPPED}",
                                span)
    return FrontMatter(first, last, data, _key_lines(source, first, last))


def _key_lines(source: SourceText, first: int, last: int) -> tuple[tuple[str, int], ...]:
    """(key, file line) of each top-level key of the front matter between lines first and last."""
    key_lines = []
    for index in range(first + 1, last):
        text = source.line(index)
        if text and not text[0].isspace() and ":" in text and not text.startswith("#"):
            key_lines.append((text.split(":", 1)[0].strip(), index))
    return tuple(key_lines)


@lru_cache(maxsize=None)
def _yaml() -> SimpleNamespace:
    """PyYAML (``yaml``), the loader (``Loader``: ``_loader_class``), python-frontmatter's YAML
    handler (``handler``) and the loader's implicit resolvers (``resolvers``: first
    character -> [(tag, regex)]), imported and built on first use."""
    import yaml
    from frontmatter.default_handlers import YAMLHandler

    loader = _loader_class(yaml)
    return SimpleNamespace(yaml=yaml, Loader=loader, handler=YAMLHandler(), resolvers=loader.yaml_implicit_resolvers)


def _loader_class(yaml):
    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class _Loader(base):  # type: ignore[misc, valid-type]
        """PyYAML's safe loader that refuses duplicate keys and turns a value it cannot build
        (``ValueError``: ``2021-13-45``, an integer of 5,000 digits) into a located YAML error."""

        def construct_object(self, node, deep=False):
            try:
                return super().construct_object(node, deep)
            except (ValueError, OverflowError) as exc:
                raise yaml.constructor.ConstructorError(None, None, f"cannot read the value: {exc}",
                                                        node.start_mark) from None

        def construct_mapping(self, node, deep=False):
            if isinstance(node, yaml.MappingNode):
                seen = set()
                for key_node, _ in node.value:
                    if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                        continue
                    key = self.construct_object(key_node)
                    try:
                        duplicate = key in seen
                        seen.add(key)
                    except TypeError:  # unhashable: the base class reports it
                        continue
                    if duplicate:
                        raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}",
                                                                key_node.start_mark)
            return super().construct_mapping(node, deep)

    return _Loader


# ``key: value`` with a key of letters, digits, ``_`` and ``-`` and a one-line plain value:
# one that starts with no YAML indicator and holds only characters YAML reads as text
# (no control character, no line break such as U+2028 or NEL, no byte-order mark). It is
# only fullmatched; the lookbehind keeps a scan of it linear too (a key starts where no
# key character is before it: not again at each character of a long run)
# (what is not text is listed: the class of what is, \x20-\x7e \xa0-\u2027 \u202a-\ud7ff
# \ue000-\ufefe \uff00-\ufffd \U00010000-\U0010ffff, took 1.6 ms to compile at every start)
_NOT_TEXT = "\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff"
_PLAIN_LINE = re.compile(rf"(?<![A-Za-z0-9_-])([A-Za-z_][A-Za-z0-9_-]{{0,127}}): (?![-?:,\[\]{{}}#&*!|>'\"%@` ])([^{_NOT_TEXT}]+)")
# A plain scalar PyYAML's implicit resolvers may read as other than a string: a bool or null
# word (``yes``, ``Off``, ``NULL``: compared lower-cased, a superset of PyYAML's lists), one of
# ``~ ! & * << =`` or the empty text, or a number or timestamp, which starts with a sign, a dot
# or a digit and holds no character but these (``0x1F``, ``1_000``, ``12:30``, ``.inf``,
# ``2001-12-14t21:59:43.10Z``). Any other text is a string without asking the resolvers (and
# without importing PyYAML): ``title: 183 päivän sääntö``. A test holds this to the resolvers.
_WORDS = frozenset({"yes", "no", "true", "false", "on", "off", "null"})
_MARKS = frozenset({"", "~", "!", "&", "*", "<<", "="})
_NUMBER_LEADS = frozenset("+-.0123456789")
_NUMBER_CHARS = frozenset("0123456789abcdefABCDEFxXoObBtTzZiInN_:.+- \t")


def _plain(lines: list[str]) -> dict | None:
    """The mapping the loader reads from front matter whose every line is ``key: value``
    (``_PLAIN_LINE``), each value a string, each key once: most front matter. None for
    anything else, which the loader reads. Without the loader's C parser, the events and
    the Python constructors of every node (the YAML load was most of ``load``)."""
    data = {}
    for line in lines:
        m = _PLAIN_LINE.fullmatch(line)
        if m is None:
            return None
        key, value = m.groups()
        # a value ends before ': ' or ' #' (a comment), and YAML drops its trailing spaces
        if ": " in value or " #" in value or value.endswith((" ", ":")) or key in data:
            return None
        # a key of _PLAIN_LINE's characters may be typed only as a bool or null word
        if (key.lower() in _WORDS and _typed(key)) or _typed(value):
            return None
        data[key] = value
    return data


def _typed(text: str) -> bool:
    """Whether YAML's resolver reads the plain scalar ``text`` as other than a string
    (a bool, int, float, null, timestamp, ...): PyYAML's ``Resolver.resolve``, asked only
    for a text that may be one (``_may_be_typed``)."""
    if not _may_be_typed(text):
        return False
    resolvers = _yaml().resolvers
    for _, regexp in resolvers.get(text[:1], []) + resolvers.get(None, []):
        if regexp.match(text):
            return True
    return False


def _may_be_typed(text: str) -> bool:
    """Whether a resolver of PyYAML's may read ``text`` as other than a string (see
    ``_WORDS``): False is certain, True is to be asked."""
    if text in _MARKS or text.lower() in _WORDS:
        return True
    return text[0] in _NUMBER_LEADS and _NUMBER_CHARS.issuperset(text)


def _unsafe(body: str):
    """(mark, problem) for front matter too deep, self-referring or expanding too far
    through aliases; None when it is safe to load (or is broken in a way the loader
    reports). One pass over the parser's events, nothing built; none when the text cannot
    hold any of these: every alias is written with a ``*``, and every collection opens
    with one of ``[{-?:``: ``MAX_DEPTH`` of them or fewer cannot nest deeper than that."""
    if "*" not in body and sum(map(body.count, "[{-?:")) <= MAX_DEPTH:
        return None  # the common case: no alias, a few keys
    yaml = _yaml().yaml
    open_: list[list] = []  # per open collection: [anchor, values so far]
    sizes: dict[str, int] = {}  # anchor -> the values its node expands to
    expanded = 0  # values brought in by aliases
    try:
        for event in yaml.parse(body, Loader=_yaml().Loader):
            if isinstance(event, yaml.CollectionStartEvent):
                if len(open_) >= MAX_DEPTH:
                    return event.start_mark, f"it is nested more than {MAX_DEPTH} levels deep"
                open_.append([event.anchor, 1])
                continue
            if isinstance(event, yaml.CollectionEndEvent):
                anchor, size = open_.pop()
            elif isinstance(event, yaml.ScalarEvent):
                anchor, size = event.anchor, 1
            elif isinstance(event, yaml.AliasEvent):
                if any(entry[0] == event.anchor for entry in open_):
                    return event.start_mark, f"the alias *{event.anchor} refers to a node that contains it"
                anchor, size = None, sizes.get(event.anchor, 1)
                expanded += size
                if expanded > MAX_EXPANSION:
                    return event.start_mark, (f"its aliases expand to more than {MAX_EXPANSION:,} values "
                                              f"(a \"billion laughs\" document)")
            else:
                continue
            if anchor is not None:
                sizes[anchor] = size
            if open_:
                open_[-1][1] += size
    except yaml.YAMLError:
        return None  # the loader reports it, at its line
    return None


def blanked_lines(source: SourceText, span: tuple[int, int] | None) -> list[str]:
    """The file's lines with the front matter lines emptied (not removed), for the parser."""
    lines = source.lines()
    if span:
        for index in range(span[0], span[1] + 1):
            lines[index] = ""
    return lines
