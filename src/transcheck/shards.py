"""Shards: N CI jobs that together check a corpus once, and the merge of their outputs.

An article goes to shard ``shard_of(slug, N)``, from a SHA-256 of its slug: the same on
every machine and Python run (``hash()`` is salted per process), and all versions of an
article land in the same shard, so the cross-version rules see them together.
"""

from __future__ import annotations

import re

_SHARD = re.compile(r"\s*(\d+)\s*/\s*(\d+)\s*")


def parse_shard(text: str) -> tuple[int, int]:
    """``"K/N"`` -> (K, N), 1 <= K <= N; ValueError otherwise."""
    m = _SHARD.fullmatch(text)
    if not m:
        raise ValueError(f"{text!r} is not K/N (e.g. 2/4)")
    k, n = int(m.group(1)), int(m.group(2))
    if not 1 <= k <= n:
        raise ValueError(f"{text!r}: K must be between 1 and N")
    return k, n


def shard_of(slug: str, n: int) -> int:
    """The shard (1..n) that checks the article ``slug``."""
    import hashlib  # here: a run without ``--shard`` does not need it (~3 ms to import)

    digest = hashlib.sha256(slug.encode("utf-8", "surrogateescape")).digest()  # a slug from undecodable bytes
    return int.from_bytes(digest[:8], "big") % n + 1


def merge(docs: list[dict]) -> str:
    """The outputs of shard jobs (all JSON format 1, or all SARIF) as one document, equal to
    what one unsharded run writes: findings in ``check``'s order, summaries recomputed.
    ValueError when they are of other or mixed formats, or overlap (a file in two)."""
    kinds = {_kind(doc) for doc in docs}
    if kinds == {"json"}:
        return merge_json(docs)
    if kinds == {"sarif"}:
        from .sarif import merge_sarif

        return merge_sarif(docs)
    raise ValueError("the inputs must all be JSON (--format json) or all SARIF (--format sarif) outputs "
                     f"of transcheck check; got {', '.join(sorted(kinds))}")


def _kind(doc) -> str:
    if isinstance(doc, dict) and doc.get("version") == "2.1.0" and isinstance(doc.get("runs"), list):
        return "sarif"
    if isinstance(doc, dict) and isinstance(doc.get("findings"), list) and isinstance(doc.get("summary"), dict):
        from .formats import JSON_FORMAT_VERSION

        if doc.get("version") == JSON_FORMAT_VERSION:
            return "json"
        return f"JSON format version {doc.get('version')!r}"
    return "something else"


def check_disjoint(paths_per_doc: list[set[str]]) -> None:
    seen: set[str] = set()
    for paths in paths_per_doc:
        both = seen & paths
        if both:
            raise ValueError(f"the inputs overlap: {sorted(both)[0]} has findings in two of them "
                             f"(the same shard twice, or runs that were not shards of one corpus?)")
        seen |= paths


def merge_json(docs: list[dict]) -> str:
    import json
    from collections import Counter

    from .formats import JSON_FORMAT_VERSION, escape_surrogates

    check_disjoint([{f["path"] for f in doc["findings"]} for doc in docs])
    findings = sorted((f for doc in docs for f in doc["findings"]),
                      key=lambda f: (f["path"], f["line"], f["column"], f["code"], f["message"]))
    summary = {
        "files": sum(doc["summary"]["files"] for doc in docs),
        "articles": sum(doc["summary"]["articles"] for doc in docs),
        "findings": len(findings),
        "by_rule": dict(sorted(Counter(f["rule"] for f in findings).items())),
        "by_severity": dict(sorted(Counter(f["severity"] for f in findings).items())),
    }
    doc = {"version": JSON_FORMAT_VERSION, "findings": findings, "summary": summary}
    return escape_surrogates(json.dumps(doc, ensure_ascii=False, indent=2)) + "\n"
