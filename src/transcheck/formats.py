"""Output formats of ``transcheck check``: text and JSON (format version 1) here; SARIF,
GitHub annotations and JUnit XML in their own modules, all registered in ``FORMATS``."""

from __future__ import annotations

import json
import re
from collections import Counter
from json.encoder import encode_basestring as _string
from typing import TYPE_CHECKING, Iterable, Iterator

from .findings import Applicability, Finding
from .spill import tally

if TYPE_CHECKING:  # the engine (and the parser it imports) is not needed to name the formats
    from .result import Result

JSON_FORMAT_VERSION = 1

# A lone surrogate: what os.fsdecode makes of a path's bytes that are not UTF-8 (``\udcff``).
_SURROGATE = re.compile("[\ud800-\udfff]")


def escape_surrogates(text: str) -> str:
    """JSON text (``json.dumps(..., ensure_ascii=False)``, ``finding_json``) with each lone
    surrogate written as its escape (``\\udcff``), as ``ensure_ascii`` would write it: the
    document is then UTF-8, which a file or directory named with bytes that are not UTF-8
    made it not be (a SARIF or JSON reader refused it whole), and a JSON reader gives the
    surrogate back (``os.fsencode`` then gives the original bytes). Surrogates stand only
    inside JSON strings, where the escape means the same."""
    if text.isascii():
        return text
    try:
        text.encode("utf-8")  # a C pass that fails only on a surrogate: 3x faster than searching for one
        return text
    except UnicodeEncodeError:
        return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def summary(result: "Result") -> dict:
    by_rule: Counter = Counter()
    by_severity: Counter = Counter()
    for (rule, severity, _), count in tally(result.findings).items():  # no second pass over a FindingStore
        by_rule[rule] += count
        by_severity[severity.value] += count
    return {
        "files": result.files,
        "articles": result.article_total,
        "findings": len(result.findings),
        "by_rule": dict(sorted(by_rule.items())),
        "by_severity": dict(sorted(by_severity.items())),
    }


def text_line(f: Finding) -> str:
    """`path:line:column: CODE rule-name message`; `CODE [*]` when `transcheck fix` can fix
    the finding (a safe fix; unsafe fixes are counted in the summary)."""
    mark = " [*]" if f.fix is not None and f.fix.applicability is Applicability.SAFE else ""
    return f"{f.path}:{f.line}:{f.column}: {f.code}{mark} {f.rule} {f.message}"


def fixable_line(findings: Iterable[Finding]) -> str | None:
    """`[*] 14 fixable with `transcheck fix` (2 more with `--unsafe-fixes`).`, or None."""
    counts = tally(findings)
    safe = sum(n for (_, _, fix), n in counts.items() if fix is Applicability.SAFE)
    unsafe = sum(n for (_, _, fix), n in counts.items() if fix is Applicability.UNSAFE)
    if not safe and not unsafe:
        return None
    if not safe:
        return f"{unsafe} fixable with `transcheck fix --unsafe-fixes`."
    more = f" ({unsafe} more with `--unsafe-fixes`)" if unsafe else ""
    return f"[*] {safe} fixable with `transcheck fix`{more}."


def _pieces(result: Result, render) -> Iterator[str]:
    """``render`` of each finding of ``result``, in order; a ``spill.FindingStore`` made
    with the same ``render`` gives the pieces it kept (it keeps no spilled finding)."""
    findings = result.findings
    if getattr(findings, "render", None) is render:
        return findings.rendered()
    return map(render, findings)


def text_chunks(result: Result) -> Iterator[str]:
    """The text output, a line at a time (``as_text`` joins them)."""
    for line in _pieces(result, text_line):
        yield line + "\n"
    hint = fixable_line(result.findings)
    if hint:
        yield hint + "\n"
    s = summary(result)
    sev = s["by_severity"]
    counts = ", ".join(f"{sev[k]} {k}{'s' if sev[k] != 1 and k != 'info' else ''}"
                       for k in ("error", "warning", "info") if k in sev)
    total = s["findings"]
    yield (f"{total} finding{'s' if total != 1 else ''}{f' ({counts})' if counts else ''} "
           f"in {s['files']} file{'s' if s['files'] != 1 else ''}, "
           f"{s['articles']} article{'s' if s['articles'] != 1 else ''}.\n")


def as_text(result: Result) -> str:
    return "".join(text_chunks(result))


def json_chunks(result: Result) -> Iterator[str]:
    """The document ``json.dumps(doc, indent=2)`` writes, a finding at a time (``as_json``
    joins them): a corpus's findings are never all dicts, nor all text, at once."""
    yield f'{{\n  "version": {JSON_FORMAT_VERSION},\n  "findings": ['
    for i, piece in enumerate(_pieces(result, finding_json)):
        yield ("\n    " if i == 0 else ",\n    ") + piece
    yield escape_surrogates(("\n  ]" if result.findings else "]") + ',\n  "summary": '
                            + _indented(summary(result), "\n  ") + "\n}\n")


def finding_json(f: Finding) -> str:
    """``f.to_json()`` as ``_indented(f.to_json(), "\\n    ")`` writes it (a finding in the
    JSON output's list), without building the dict: a warm run of a large corpus spends
    most of its time here. Its fields are all str or int (``Finding``)."""
    s = _string
    fix = "" if f.fix is None else ',\n      "fix": ' + _fix_json(f)
    return escape_surrogates(
        f'{{\n      "path": {s(f.path)},\n      "line": {f.line:d},\n      "column": {f.column:d},'
        f'\n      "end_line": {f.end_line:d},\n      "end_column": {f.end_column:d},'
        f'\n      "rule": {s(f.rule)},\n      "code": {s(f.code)},\n      "severity": {s(f.severity.value)},'
        f'\n      "message": {s(f.message)},\n      "lang": {s(f.lang)},\n      "article": {s(f.article)}'
        f'{fix}\n    }}')


def _fix_json(f: Finding) -> str:
    """``f.fix_json()`` as ``_indented`` writes it in ``finding_json`` (most findings have a fix)."""
    edits = [f'\n          {{\n            "start": {{\n              "line": {a:d},\n              "column": {b:d},'
             f'\n              "offset": {edit.start:d}\n            }},\n            "end": {{'
             f'\n              "line": {c:d},\n              "column": {d:d},\n              "offset": {edit.end:d}'
             f'\n            }},\n            "replacement": {_string(edit.replacement)}\n          }}'
             for edit, (a, b, c, d) in zip(f.fix.edits, f.fix_positions)]
    listed = "[" + ",".join(edits) + "\n        ]" if edits else "[]"
    return f'{{\n        "applicability": {_string(f.fix.applicability.value)},\n        "edits": {listed}\n      }}'


def output_blocks(findings: list[Finding], names: tuple[str, ...]) -> tuple[list[tuple], dict]:
    """What the output writes of ``findings``, a block per path: (path, count, and for each
    format of ``names`` its block), paths in order, each path's findings in ``sort_key``
    order (as the findings store gives them) rendered as ``RENDER`` renders each and joined
    with ``JOINS``; and their tally (``spill.tally``). A worker, or an article checked in
    the process, gives its findings so (``spill.FindingStore.add_blocks``); a cache entry
    keeps the JSON and text blocks (``cache``). Here, not in ``cache``: a check without the
    cache does not import it (and its hashing, ~5 ms and 3 MB)."""
    by_path: dict[str, list[Finding]] = {}
    for f in sorted(findings, key=Finding.sort_key.fget):
        by_path.setdefault(f.path, []).append(f)
    blocks = [(path, len(found), *(JOINS[name].join(map(RENDER[name], found)) for name in names))
              for path, found in sorted(by_path.items())]
    return blocks, dict(tally(findings))


def _indented(value, newline: str) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=2)`` with each line break followed by
    ``newline``'s indentation, byte for byte. (With ``indent``, the json module encodes in
    pure Python, the costliest part of a large JSON output; scalars here go through its C
    string encoder.)"""
    if isinstance(value, dict):
        if not value:
            return "{}"
        inner = newline + "  "
        return ("{" + ",".join(f"{inner}{_string(str(k))}: {_indented(v, inner)}" for k, v in value.items())
                + newline + "}")
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        inner = newline + "  "
        return "[" + ",".join(inner + _indented(v, inner) for v in value) + newline + "]"
    if isinstance(value, str):
        return _string(value)
    if value is True or value is False or value is None:
        return {True: "true", False: "false", None: "null"}[value]
    if type(value) is int:
        return int.__repr__(value)
    return json.dumps(value, ensure_ascii=False)  # floats and anything else, as json writes them


def as_json(result: Result) -> str:
    return "".join(json_chunks(result))


def alignment_table(alignment, width: int = 30) -> str:
    """The aligned sections of one article as a text table: rows = sections, columns = languages."""
    from .align import cell_summary

    langs = alignment.langs
    header = f"{alignment.article.slug}: {len(alignment.rows)} rows, {len(langs)} versions"
    lines = [header, " | ".join(f"{lang:{width}}" for lang in langs).rstrip()]
    lines.append("-+-".join("-" * width for _ in langs))
    for row in alignment.rows:
        lines.append(" | ".join(f"{cell_summary(c, width - 10):{width}}" for c in row.cells).rstrip())
    return "\n".join(lines) + "\n"


def _sarif(result: Result) -> str:
    from .sarif import as_sarif

    return as_sarif(result)


def _github(result: Result) -> str:
    from .github import as_github

    return as_github(result)


def _junit(result: Result) -> str:
    from .junit import as_junit

    return as_junit(result)


FORMATS = {"text": as_text, "json": as_json, "sarif": _sarif, "github": _github, "junit": _junit}
# The formats written as they are made, a piece at a time (the output of a large corpus is
# never held whole); the others are written as the string FORMATS makes.
STREAMED = {"text": text_chunks, "json": json_chunks}
# What each streamed format writes for one finding (a findings store may keep that instead).
RENDER = {"text": text_line, "json": finding_json}
# What each streamed format writes between two findings' pieces: the pieces of several
# findings joined with it are written as one piece (the blocks a cache entry keeps, ``cache``).
JOINS = {"text": "\n", "json": ",\n    "}
