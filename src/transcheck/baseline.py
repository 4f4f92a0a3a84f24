"""The baseline: findings recorded once, so that later runs report only new ones.

``transcheck check --write-baseline FILE`` records the current findings; ``--baseline
FILE`` drops the findings it records. A finding is matched by its file and its
fingerprint (``fingerprint.py``: rule, article, language and the text around it, with
an occurrence index among identical findings), never by line, so edits that shift lines
keep it matched. Paths are stored relative to the baseline file's directory, so the
baseline matches from any working directory.

The file is JSON, sorted and without timestamps, so it diffs well under version control::

    {"format": "transcheck-baseline", "version": 1,
     "entries": [{"path": "fi.md", "fingerprint": "9c0e...:0", "rule": "link-split",
                  "lang": "fi", "article": "...", "message": "..."}]}

Only ``path`` and ``fingerprint`` are read back; the rest is for the people reading it.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

from .findings import Finding
from .fingerprint import fingerprints
from .formats import escape_surrogates

FORMAT = "transcheck-baseline"
VERSION = 1


class BaselineError(Exception):
    """The baseline file cannot be used; the message says why and what to do."""


def _relative(path: str, base_dir: str) -> str:
    absolute = os.path.abspath(path)
    try:
        return Path(os.path.relpath(absolute, base_dir)).as_posix()
    except ValueError:  # another drive (Windows): keep it absolute
        return Path(absolute).as_posix()


def _keys(findings: list[Finding], base_dir: str) -> list[tuple[str, str]]:
    return [(_relative(f.path, base_dir), fp) for f, fp in zip(findings, fingerprints(findings))]


def dumps(findings: list[Finding], baseline_path: str) -> str:
    """The baseline recording ``findings``, as the text of the file at ``baseline_path``."""
    base_dir = os.path.dirname(os.path.abspath(baseline_path))
    entries = [{"path": path, "fingerprint": fp, "rule": f.rule, "lang": f.lang, "article": f.article,
                "message": f.message}
               for f, (path, fp) in zip(findings, _keys(findings, base_dir))]
    entries.sort(key=lambda e: (e["path"], e["rule"], e["fingerprint"]))
    doc = {"format": FORMAT, "version": VERSION, "entries": entries}
    return escape_surrogates(json.dumps(doc, ensure_ascii=False, indent=2)) + "\n"


def load(baseline_path: str) -> Counter:
    """The recorded (path, fingerprint) pairs, counted; BaselineError if the file is
    missing, not JSON, or not a transcheck baseline of a version this code reads."""
    try:
        raw = Path(baseline_path).read_bytes()
    except OSError as exc:
        raise BaselineError(f"cannot read the baseline {baseline_path}: {exc.strerror or exc}; "
                            f"write one with --write-baseline") from None
    try:
        doc = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise BaselineError(f"the baseline {baseline_path} is not UTF-8 text (byte {exc.start}); "
                            f"write it again with --write-baseline") from None
    except json.JSONDecodeError as exc:
        raise BaselineError(f"the baseline {baseline_path} is not valid JSON (line {exc.lineno}, column "
                            f"{exc.colno}: {exc.msg}); write it again with --write-baseline") from None
    except RecursionError:
        raise BaselineError(f"the baseline {baseline_path} is not a transcheck baseline (its JSON is nested "
                            f"too deep to read); write it again with --write-baseline") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise BaselineError(f"{baseline_path} is not a transcheck baseline (it has no \"format\": \"{FORMAT}\"); "
                            f"write one with --write-baseline")
    if doc.get("version") != VERSION:
        raise BaselineError(f"the baseline {baseline_path} has version {doc.get('version')!r}; this transcheck "
                            f"reads version {VERSION}: write it again with --write-baseline")
    entries = doc.get("entries")
    if not isinstance(entries, list):
        raise BaselineError(f"the baseline {baseline_path} has no list of \"entries\"; "
                            f"write it again with --write-baseline")
    counts: Counter = Counter()
    for number, entry in enumerate(entries, 1):
        if not (isinstance(entry, dict) and isinstance(entry.get("path"), str)
                and isinstance(entry.get("fingerprint"), str)):
            raise BaselineError(f"the baseline {baseline_path} is damaged: entry {number} has no \"path\" or "
                                f"\"fingerprint\" string; write it again with --write-baseline")
        counts[(entry["path"], entry["fingerprint"])] += 1
    return counts


def new_findings(findings: list[Finding], known: Counter, baseline_path: str) -> tuple[list[Finding], int]:
    """The findings the baseline does not record, and how many it hid. Matched by
    counts: a baseline recording two identical findings hides two; a third is new."""
    base_dir = os.path.dirname(os.path.abspath(baseline_path))
    left = Counter(known)
    kept, hidden = [], 0
    for finding, key in zip(findings, _keys(findings, base_dir)):
        if left[key] > 0:
            left[key] -= 1
            hidden += 1
        else:
            kept.append(finding)
    return kept, hidden
