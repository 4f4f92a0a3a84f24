"""JUnit XML output of ``transcheck check`` (``--format junit``), for CI test reports.

One ``<testsuite name="transcheck">`` with one ``<testcase>`` per checked file (classname:
the article, name: the path); a file with findings fails, with one ``<failure>`` per
finding. ``tests`` counts files, ``failures`` the files that fail (so tests - failures
passed); a path that does not exist is a test case with an ``<error>``. No timestamps or
durations: the same input gives the same bytes.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .result import Result

# Characters XML 1.0 cannot hold at all (a message quoting article text may carry one).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def as_junit(result: "Result") -> str:
    import xml.etree.ElementTree as ET

    article = dict(result.article_of)
    findings = defaultdict(list)
    for f in result.findings:
        findings[f.path].append(f)
        article.setdefault(f.path, f.article)
    paths = sorted(set(result.checked) | set(findings))
    counts = {"tests": str(len(paths) + len(result.missing)),
              "failures": str(sum(1 for p in paths if findings[p])),
              "errors": str(len(result.missing))}
    root = ET.Element("testsuites", name="transcheck", **counts)
    suite = ET.SubElement(root, "testsuite", name="transcheck", **counts, skipped="0")
    for raw in result.missing:
        case = ET.SubElement(suite, "testcase", classname="", name=xml_text(raw))
        ET.SubElement(case, "error", message="no such file or directory", type="missing")
    for path in paths:
        case = ET.SubElement(suite, "testcase", classname=xml_text(article.get(path, "")), name=xml_text(path))
        for f in findings[path]:
            failure = ET.SubElement(case, "failure", message=xml_text(f.message), type=f"{f.code} {f.rule}")
            failure.text = xml_text(f"{f.path}:{f.line}:{f.column}: {f.severity.value}: {f.code} {f.rule} "
                                    f"{f.message}")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
