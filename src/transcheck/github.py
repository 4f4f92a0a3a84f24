"""GitHub Actions output of ``transcheck check`` (``--format github``): one workflow command
per finding, which the runner turns into an annotation on the file's line.

``::error file=PATH,line=L,col=C,endLine=L,endColumn=E,title=CODE rule-name::message``;
warnings are ``::warning``, info ``::notice``. A span over several lines is annotated at its
start (GitHub takes columns only on one line). Data is escaped as the runner expects (``%``,
CR, LF), property values also ``:`` and ``,``.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .result import Result
    from .findings import Finding

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, properties: dict, message: str) -> str:
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{name}{' ' + props if props else ''}::{escape_data(message)}"


def annotation(finding: "Finding") -> str:
    props = {"file": PurePath(finding.path).as_posix(), "line": finding.line, "col": finding.column}
    if finding.end_line == finding.line:
        props.update(endLine=finding.end_line, endColumn=finding.end_column)
    props["title"] = f"{finding.code} {finding.rule}"
    return command(COMMANDS[finding.severity.value], props, finding.message)


def as_github(result: "Result") -> str:
    lines = [command("error", {"title": "transcheck"}, f"{raw}: no such file or directory")
             for raw in result.missing]
    lines.extend(annotation(f) for f in result.findings)
    return "".join(line + "\n" for line in lines)
