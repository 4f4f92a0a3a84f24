"""SARIF 2.1.0 output of ``transcheck check`` (``--format sarif``), for code scanning.

One run: the tool with every rule (its summary, the "What it does" part of its doc, and
the whole doc as help), and one result per finding with its region in code points
(``columnKind: unicodeCodePoints``; SARIF's default counts UTF-16 units). Results carry a
partial fingerprint that does not depend on the line number, so a finding keeps its
identity when lines are inserted above it. No timestamps, no absolute working directory:
the same input gives the same bytes.
"""

from __future__ import annotations

import json
import os
from pathlib import PurePath
from typing import TYPE_CHECKING
from urllib.parse import quote, unquote

from . import __version__
from .formats import escape_surrogates

if TYPE_CHECKING:
    from .result import Result
    from .findings import Finding
    from .rules.base import Rule

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
SRCROOT = "%SRCROOT%"
FINGERPRINT = "transcheck/context/v1"


def as_sarif(result: "Result") -> str:
    from .fingerprint import fingerprints
    from .rules import ALL_RULES

    index = {rule.code: i for i, rule in enumerate(ALL_RULES)}
    prints = fingerprints(result.findings)
    results = [_result(finding, index.get(finding.code), fp) for finding, fp in zip(result.findings, prints)]
    notifications = [{"level": "error", "message": {"text": f"{raw}: no such file or directory"}}
                     for raw in result.missing]
    return _document(driver(ALL_RULES), notifications, results)


def _document(tool_driver: dict, notifications: list[dict], results: list[dict]) -> str:
    invocation = {"executionSuccessful": not notifications}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    run = {
        "tool": {"driver": tool_driver},
        "invocations": [invocation],
        "columnKind": "unicodeCodePoints",
        "results": sorted(results, key=result_key),
    }
    return dump({"$schema": SCHEMA, "version": "2.1.0", "runs": [run]})


def merge_sarif(docs: list[dict]) -> str:
    """The SARIF outputs of shard jobs as one (``transcheck merge``): the same driver in
    all, results in ``check``'s order, missing-path notifications once each."""
    from .shards import check_disjoint

    runs = [run for doc in docs for run in doc["runs"]]
    drivers = [run["tool"]["driver"] for run in runs]
    if any(d.get("name") != "transcheck" for d in drivers) or any(d != drivers[0] for d in drivers):
        raise ValueError("the SARIF inputs are not all from the same version of transcheck")
    results = [res for run in runs for res in run.get("results", [])]
    check_disjoint([{res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                     for res in run.get("results", [])} for run in runs])
    notifications = []
    for run in runs:
        for invocation in run.get("invocations", []):
            for note in invocation.get("toolExecutionNotifications", []):
                if note not in notifications:
                    notifications.append(note)
    return _document(drivers[0], notifications, results)


def dump(doc: dict) -> str:
    return escape_surrogates(json.dumps(doc, ensure_ascii=False, indent=2)) + "\n"


def driver(rules: "tuple[Rule, ...]") -> dict:
    return {"name": "transcheck", "version": __version__, "semanticVersion": __version__,
            "rules": [_descriptor(rule) for rule in rules]}


def _descriptor(rule: "Rule") -> dict:
    from .rules.base import doc_sections

    title, sections = doc_sections(rule.doc)
    what = sections.get("What it does") or (" ".join(sections.get("", "").split()) or rule.summary)
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": " ".join(what.split())},
        "help": {"text": rule.doc.strip(), "markdown": help_markdown(title, sections)},
        "defaultConfiguration": {"level": LEVELS[rule.severity.value]},
    }


def help_markdown(title: str, sections: dict[str, str]) -> str:
    # Double backticks (the docs' code spans) are Markdown code spans too; only the
    # indentation goes (in Markdown it would make code blocks).
    parts = [title]
    for name, body in sections.items():
        parts.append(f"**{name}**\n\n{body}" if name else body)
    return "\n\n".join(parts)


def _result(finding: "Finding", rule_index: int | None, fingerprint: str) -> dict:
    out = {"ruleId": finding.code}
    if rule_index is not None:
        out["ruleIndex"] = rule_index
    out.update({
        "level": LEVELS[finding.severity.value],
        "message": {"text": finding.message},
        "locations": [{"physicalLocation": {
            "artifactLocation": artifact_location(finding.path),
            "region": {"startLine": finding.line, "startColumn": finding.column,
                       "endLine": finding.end_line, "endColumn": finding.end_column},
        }}],
        "partialFingerprints": {FINGERPRINT: fingerprint},
        "properties": {"rule": finding.rule, "article": finding.article, "lang": finding.lang},
    })
    return out


def artifact_location(path: str) -> dict:
    """A relative path as a URI relative to %SRCROOT% (the directory transcheck ran in);
    an absolute one as a file: URI."""
    pure = PurePath(path)
    if pure.is_absolute():
        from pathlib import Path

        return {"uri": Path(path).as_uri()}
    # as bytes: a name from bytes that are not UTF-8 (os.fsdecode's surrogates) is quoted as
    # those bytes (``%FF``), as ``Path.as_uri`` quotes an absolute one; any other as UTF-8
    return {"uri": quote(os.fsencode(pure.as_posix()), safe="/"), "uriBaseId": SRCROOT}


def result_key(res: dict) -> tuple:
    """The order of results: as ``check`` sorts findings (path, line, column, code, message)."""
    loc = res["locations"][0]["physicalLocation"]
    region = loc["region"]
    # surrogateescape: an undecodable name's quoted bytes (``artifact_location``) give back
    # os.fsdecode's surrogates, so such a path sorts where check sorts it
    return (unquote(loc["artifactLocation"]["uri"], errors="surrogateescape"), region["startLine"],
            region["startColumn"], res["ruleId"], res["message"]["text"])


