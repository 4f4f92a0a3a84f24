"""A progress bar on stderr for long runs: only on a terminal, never in CI logs.

Nothing is drawn until a run has lasted ``DELAY`` seconds, so short runs stay silent,
and the bar is redrawn at most every ``INTERVAL`` seconds; it is erased when done.
"""

from __future__ import annotations

import sys
import time

DELAY = 0.5
INTERVAL = 0.1
WIDTH = 30


class Progress:
    def __init__(self, stream=None, enabled: bool | None = None):
        self.stream = stream if stream is not None else sys.stderr
        if enabled is None:
            isatty = getattr(self.stream, "isatty", None)
            enabled = bool(isatty and isatty())
        self.enabled = enabled
        self.started = time.monotonic()
        self.drawn_at = 0.0
        self.drawn = False

    def __call__(self, done: int, total: int, unit: str = "articles") -> None:
        if not self.enabled or total <= 0:
            return
        now = time.monotonic()
        if now - self.started < DELAY or (now - self.drawn_at < INTERVAL and done < total):
            return
        filled = WIDTH * done // total
        self.stream.write(f"\r\033[K[{'#' * filled}{' ' * (WIDTH - filled)}] {done}/{total} {unit}")
        self.stream.flush()
        self.drawn_at, self.drawn = now, True

    def close(self) -> None:
        if self.drawn:
            self.stream.write("\r\033[K")
            self.stream.flush()
            self.drawn = False
