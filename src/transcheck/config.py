"""Configuration: ``[tool.transcheck]`` in ``pyproject.toml`` or a ``transcheck.toml``.

Found upward from the first checked path (in each directory ``transcheck.toml`` first,
then a ``pyproject.toml`` that has a ``[tool.transcheck]`` table), or named with
``--config``. Command-line options override the file, key by key. Every key is checked:
an unknown key, rule, option or value is a ``ConfigError`` naming it and the file.

Keys (kebab-case)::

    languages = ["fi", "sv"]          # check only these versions (codes or English names)
    source = "en"                     # compare with this version instead of the consensus
    layout = "slug-dir"               # slug-dir | lang-dir | suffix
    include = ["*.md"]                # file name patterns searched for in directories
    exclude = ["drafts/**"]           # paths (relative to the config file) never read
    select = ["ALL"]                  # rules that run: names, codes, code prefixes
    extend-select = []
    ignore = ["TC511"]
    fail-on = "warning"               # error | warning | info
    max-file-size = "5MB"             # larger files are reported (file-too-large), not read
    [per-file-ignores]                # glob (relative to the config file) -> rules
    "legacy/**" = ["untranslated-text"]
    [severity]                        # rule, code or prefix -> error | warning | info
    "TC5" = "info"
    [rules.length-outlier]            # rule options (see `transcheck rules NAME`)
    short = 0.5
"""

from __future__ import annotations

import inspect
import os
import sys
from fnmatch import fnmatch
from functools import partial
from pathlib import Path
from typing import NamedTuple

from .discovery import INCLUDE, LAYOUTS
from .findings import Finding, Severity
from .languages import code_of
from .reading import DEFAULT_MAX_FILE_SIZE, parse_size
from .rules import ALL_RULES, find_rule
from .rules.base import Rule
from .selection import SelectionError, most_explicit, selected, validate

KEYS = ("languages", "source", "layout", "include", "exclude", "select", "extend-select", "ignore",
        "per-file-ignores", "severity", "rules", "fail-on", "max-file-size")
SEVERITIES = tuple(s.value for s in Severity)


class ConfigError(ValueError):
    """A configuration that cannot be used; the message names the file and the key."""


class Config(NamedTuple):
    path: Path | None = None  # the file it came from (None: defaults)
    languages: tuple[str, ...] = ()
    source: str | None = None
    layout: str | None = None
    include: tuple[str, ...] = INCLUDE
    exclude: tuple[str, ...] = ()
    select: tuple[str, ...] = ("ALL",)
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # read, never changed (the defaults are one dict shared by every Config: a Config changes
    # by ``_replace``, into another)
    severity: dict = {}  # selector -> Severity
    options: dict = {}  # rule name -> {option: value}
    fail_on: Severity = Severity.WARNING
    max_file_size: int = DEFAULT_MAX_FILE_SIZE  # bytes

    @property
    def root(self) -> Path:
        """The directory relative paths in the configuration are read from."""
        return self.path.parent if self.path else Path.cwd()

    # -- what the configuration decides ----------------------------------------------------
    def rules(self) -> tuple[Rule, ...]:
        """The rules that run, each with its configured options bound."""
        out = []
        for rule in selected(ALL_RULES, self.select, self.ignore, self.extend_select):
            options = self.options.get(rule.name)
            out.append(rule._replace(check=partial(rule.check, **options)) if options else rule)
        return tuple(out)

    def excluded(self, path: str) -> bool:
        return _matches_any(path, self.exclude, self.root)

    def apply(self, findings: list[Finding]) -> list[Finding]:
        """Per-file ignores and severity overrides, applied to the findings of a run."""
        if not self.per_file_ignores and not self.severity:
            return findings
        out = []
        for f in findings:
            rule = find_rule(f.code)
            if rule is not None and self.per_file_ignores:
                ignored = [sel for glob, sels in self.per_file_ignores if _matches_any(f.path, (glob,), self.root)
                           for sel in sels]
                if ignored and rule.scope != "input" and selected((rule,), ("ALL",), ignored) == ():
                    continue
            if rule is not None and self.severity:
                level = most_explicit(self.severity, rule)
                if level is not None and level != f.severity:
                    f = f._replace(severity=level)
            out.append(f)
        return out


def _matches_any(path: str, patterns: tuple[str, ...], root: Path) -> bool:
    """Whether ``path`` (or a directory above it), relative to ``root``, matches a glob."""
    if not patterns:
        return False
    absolute = Path(os.path.abspath(path))
    try:
        rel = absolute.relative_to(os.path.abspath(root)).as_posix()
    except ValueError:
        rel = absolute.as_posix()
    parts = rel.split("/")
    candidates = {rel} | {"/".join(parts[:i]) for i in range(1, len(parts))} | set(parts)
    for pattern in patterns:
        pattern = pattern.rstrip("/")
        if pattern.endswith("/**"):
            if any(fnmatch(c, pattern[:-3]) for c in candidates if c != rel):
                return True
        if any(fnmatch(c, pattern) for c in candidates):
            return True
    return False


# -- finding and reading the file ----------------------------------------------------------
def _toml(path: Path) -> dict:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read it: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    except UnicodeDecodeError as exc:  # tomllib reads UTF-8 and lets this through
        raise ConfigError(f"{path}: not valid TOML: not UTF-8 (byte {exc.object[exc.start]:#04x} "
                          f"at offset {exc.start})") from None


def find(start: str) -> tuple[Path, dict] | None:
    """The nearest configuration above ``start`` and its transcheck table."""
    here = Path(os.path.abspath(start))
    if not here.is_dir():
        here = here.parent
    for directory in (here, *here.parents):
        own = directory / "transcheck.toml"
        if own.is_file():
            return own, _toml(own)
        project = directory / "pyproject.toml"
        if project.is_file():
            table = _toml(project).get("tool", {}).get("transcheck")
            if table is not None:
                return project, table
    return None


def load(paths: tuple[str, ...], explicit: str | None = None) -> Config:
    """The configuration for a run: ``explicit`` (``--config``) or the nearest file."""
    if explicit:
        path = Path(explicit)
        data = _toml(path)
        if path.name == "pyproject.toml":
            data = data.get("tool", {}).get("transcheck", {})
        return parse(data, path)
    found = find(paths[0]) if paths else None
    return parse(found[1], found[0]) if found else Config()


def parse(data: dict, path: Path | None = None) -> Config:
    """A Config from a transcheck table; raises ConfigError naming what is wrong."""
    where = f"{path}" if path else "the configuration"
    if not isinstance(data, dict):
        raise ConfigError(f"{where}: the transcheck settings must be a table")
    for key in data:
        if key not in KEYS:
            hint = f" (did you mean {key.replace('_', '-')!r}?)" if key.replace("_", "-") in KEYS else ""
            raise ConfigError(f"{where}: unknown key {key!r}{hint}; known keys: {', '.join(KEYS)}")
    get = _Reader(data, where)
    values: dict = {"path": path}
    langs = get.strings("languages")
    if langs is not None:
        bad = [lang for lang in langs if code_of(lang) is None]
        if bad:
            raise ConfigError(f"{where}: languages: {bad[0]!r} is not a language code or name")
        values["languages"] = tuple(code_of(lang) for lang in langs)
    source = get.string("source")
    if source is not None:
        if code_of(source) is None:
            raise ConfigError(f"{where}: source: {source!r} is not a language code or name")
        values["source"] = code_of(source)
    layout = get.string("layout")
    if layout is not None:
        if layout not in LAYOUTS:
            raise ConfigError(f"{where}: layout: {layout!r} is not one of {', '.join(LAYOUTS)}")
        values["layout"] = layout
    for key in ("include", "exclude", "select", "extend-select", "ignore"):
        items = get.strings(key)
        if items is not None:
            if key in ("select", "extend-select", "ignore"):
                _validate(items, f"{where}: {key}")
            values[key.replace("-", "_")] = tuple(items)
    fail_on = get.string("fail-on")
    if fail_on is not None:
        if fail_on not in SEVERITIES:
            raise ConfigError(f"{where}: fail-on: {fail_on!r} is not one of {', '.join(SEVERITIES)}")
        values["fail_on"] = Severity(fail_on)
    if data.get("max-file-size") is not None:
        try:
            values["max_file_size"] = parse_size(data["max-file-size"])
        except ValueError as exc:
            raise ConfigError(f"{where}: max-file-size: {exc}") from None
    ignores = get.table("per-file-ignores")
    if ignores is not None:
        pairs = []
        for glob, sels in ignores.items():
            sels = [sels] if isinstance(sels, str) else sels
            if not isinstance(sels, list) or not all(isinstance(s, str) for s in sels):
                raise ConfigError(f"{where}: per-file-ignores: {glob!r} must map to a list of rules")
            _validate(sels, f"{where}: per-file-ignores {glob!r}")
            pairs.append((glob, tuple(sels)))
        values["per_file_ignores"] = tuple(pairs)
    severity = get.table("severity")
    if severity is not None:
        out = {}
        for sel, level in severity.items():
            _validate([sel], f"{where}: severity")
            if level not in SEVERITIES:
                raise ConfigError(f"{where}: severity: {sel} = {level!r} is not one of {', '.join(SEVERITIES)}")
            out[sel] = Severity(level)
        values["severity"] = out
    rules = get.table("rules")
    if rules is not None:
        values["options"] = {name: opts for name, opts in
                             (_options(key, value, where) for key, value in rules.items())}
    return Config(**values)


def _validate(selectors, where: str) -> None:
    try:
        validate(selectors, ALL_RULES, where)
    except SelectionError as exc:
        raise ConfigError(str(exc)) from None


def options_of(rule: Rule) -> dict:
    """A rule's options: the keyword-only parameters of its check, with their defaults."""
    check = rule.check.func if isinstance(rule.check, partial) else rule.check
    return {name.replace("_", "-"): p.default for name, p in inspect.signature(check).parameters.items()
            if p.kind is inspect.Parameter.KEYWORD_ONLY}


def _options(key: str, table, where: str) -> tuple[str, dict]:
    rule = find_rule(key)
    if rule is None:
        raise ConfigError(f"{where}: rules: unknown rule {key!r}; `transcheck rules` lists them")
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: rules.{key} must be a table of options")
    known = options_of(rule)
    out = {}
    for name, value in table.items():
        if name not in known:
            listed = ", ".join(known) if known else "none"
            raise ConfigError(f"{where}: rules.{key}: unknown option {name!r} (options of {rule.name}: {listed})")
        default = known[name]
        ok = isinstance(value, type(default)) or (isinstance(default, float) and isinstance(value, int))
        if not ok or isinstance(value, bool) != isinstance(default, bool):
            raise ConfigError(f"{where}: rules.{key}.{name} must be a {type(default).__name__}, not {value!r}")
        out[name.replace("-", "_")] = type(default)(value)
    return rule.name, out


class _Reader:
    def __init__(self, data: dict, where: str):
        self.data, self.where = data, where

    def string(self, key: str) -> str | None:
        value = self.data.get(key)
        if value is not None and not isinstance(value, str):
            raise ConfigError(f"{self.where}: {key} must be a string, not {value!r}")
        return value

    def strings(self, key: str) -> list[str] | None:
        value = self.data.get(key)
        if isinstance(value, str):
            value = [value]
        if value is not None and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            raise ConfigError(f"{self.where}: {key} must be a list of strings, not {value!r}")
        return value

    def table(self, key: str) -> dict | None:
        value = self.data.get(key)
        if value is not None and not isinstance(value, dict):
            raise ConfigError(f"{self.where}: {key} must be a table, not {value!r}")
        return value
