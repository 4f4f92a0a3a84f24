"""Shards: N CI jobs that together check a corpus once, and the merge of their outputs.

An article goes to shard ``shard_of(slug, N)``, from a SHA-256 of its slug: the same on
every machine and Python run (``hash()`` is salted per process), and all versions of an
article land in the same shard, so the cross-version rules see them together.
"""

from __future__ import annotations

import hashlib
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
    digest = hashlib.sha256(slug.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % n + 1
