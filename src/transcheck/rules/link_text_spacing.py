"""link-text-spacing: link text that starts or ends with a space, or spaces a mark off.

What it does
    Finds link texts with leading or trailing whitespace, a space before punctuation
    (``[цифрового маркетинга .](/x)``, ``[DAX :ssa](/x)``), or a trailing `` -``.

Why it matters
    The underline of the link extends over the space, and the punctuation that belongs
    to the sentence sits inside the link, apart from its word: a typical conversion
    artefact that every reader sees.

Example
    ``[цифрового маркетинга .](/digital-marketing)``

Correct
    ``[цифрового маркетинга](/digital-marketing).``

Fix
    Remove the space; move sentence punctuation out of the link.
"""

from __future__ import annotations

import re
from typing import Iterator

from ..findings import Hit, Severity
from ..languages import conventions
from ..model import Version
from .base import Rule

_SPACE_MARK = re.compile(r"[ \t\u00a0]+([.,;:!?])|[ \t\u00a0]+(-)$")


def check(version: Version) -> Iterator[Hit]:
    spaced = conventions(version.lang).space_before
    for _, inline in version.inlines():
        for link in inline.links:
            if link.kind not in ("inline", "reference") or not link.text.strip():
                continue
            text = inline.masked[link.c_text_start : link.c_text_end]
            problems = []
            first = None
            if text[:1].isspace():
                problems.append("starts with a space")
                first = link.text_start
            m = next((m for m in _SPACE_MARK.finditer(text) if (m.group(1) or "") not in spaced), None)
            if m:
                mark = m.group(1) or m.group(2)
                problems.append(f"has a space before `{mark}`")
                first = first if first is not None else link.text_start + m.start()
            elif text[-1:].isspace():
                problems.append("ends with a space")
                first = first if first is not None else link.text_start + len(text.rstrip())
            if problems:
                yield Hit(first, link.text_end,
                          f"link text `{link.text}` {' and '.join(problems)}; "
                          f"write [{_clean(link.text)}]({link.target}) with punctuation outside the link")


def _clean(text: str) -> str:
    return re.sub(r"\s+([.,;:!?])", r"\1", text.strip()).rstrip(" -.,;:")


RULE = Rule("TC202", "link-text-spacing", Severity.WARNING,
            "Link text with a leading or trailing space, or a space before punctuation.",
            check, __doc__)
