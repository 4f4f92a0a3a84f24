"""Findings about the input itself, reported by the loader rather than by a check.

read-error
    What it does: the file could not be read, or its bytes are not UTF-8 (the finding
    gives the byte offset of the first bad byte).
    Why it matters: nothing in the file can be checked, and the other versions have
    no counterpart for it. Example: a file saved as Latin-1. Correct: UTF-8 (with or
    without BOM). Fix: re-save the file as UTF-8.

parse-error
    What it does: the front matter is not valid YAML, is not a mapping, or is never
    closed. The line is the line of the YAML error. Why it matters: the title and other
    fields are lost for this version. Example: ``title: a: b``. Correct:
    ``title: "a: b"``. Fix: quote the value or close the block with ``---``.

language-unknown
    What it does: no language could be given to the file from its path or front
    matter, so it was not compared with any other version. Why it matters: it would
    otherwise be skipped silently. Example: ``notes.md`` in a ``<lang>/<slug>.md``
    tree. Correct: ``fi/notes.md`` or ``lang: fi`` in front matter. Fix: name or
    label the file.

file-too-large
    What it does: the file is larger than the size limit (``max-file-size``, default
    5 MB), so it was not read; the finding gives its size and the limit. Why it
    matters: nothing in it is checked. Example: a 40 MB export with embedded images.
    Correct: an article of a few hundred KB. Fix: split the file, or raise
    ``max-file-size`` (``--max-file-size``) if it really is one article.

file-empty
    What it does: the file has no content besides whitespace (and front matter). Why
    it matters: a version with no text is almost always a failed export. Example: a
    0-byte ``sv.md``. Correct: the translated article. Fix: export it again.
"""

from __future__ import annotations

from ..findings import Severity
from .base import Rule


def _none(version):
    return iter(())


_DOC = __doc__


def _doc(name: str) -> str:
    part = _DOC.split(f"\n{name}\n", 1)[1]
    body = part.split("\n\n", 1)[0]
    return f"{name}\n\n" + "\n".join(line.strip() for line in body.splitlines())


READ_ERROR = Rule("TC001", "read-error", Severity.ERROR,
                  "The file cannot be read or is not valid UTF-8.", _none, _doc("read-error"), scope="input")
PARSE_ERROR = Rule("TC002", "parse-error", Severity.ERROR,
                   "The front matter is not valid YAML, not a mapping, or never closed.", _none,
                   _doc("parse-error"), scope="input")
LANGUAGE_UNKNOWN = Rule("TC003", "language-unknown", Severity.WARNING,
                        "No language could be given to the file from its path or front matter.", _none,
                        _doc("language-unknown"), scope="input")
FILE_EMPTY = Rule("TC004", "file-empty", Severity.WARNING,
                  "The file has no content besides front matter.", _none, _doc("file-empty"), scope="input")
FILE_TOO_LARGE = Rule("TC007", "file-too-large", Severity.ERROR,
                      "The file is larger than max-file-size and was not read.", _none, _doc("file-too-large"),
                      scope="input")
INTERNAL_ERROR = Rule("TC000", "internal-error", Severity.ERROR,
                      "A rule failed on this file; the other rules still ran.", _none,
                      "internal-error\n\nA rule raised an exception on this file. The finding names the rule;"
                      " the other rules and files were still checked. Please report it with the file.",
                      scope="input")
