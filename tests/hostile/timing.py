"""Timings of the hostile-corpus runs, printed at the end of the pytest run (``conftest``)."""

from __future__ import annotations

TIMINGS: list[tuple[str, str, float, float, object]] = []  # (case, command, MB, seconds, exit status)


def record(case: str, command: str, mb: float, seconds: float, status) -> None:
    TIMINGS.append((case, command, mb, seconds, status))


def table() -> list[str]:
    """One line per run, slowest first, and the total."""
    lines = [f"{'case':24} {'command':7} {'MB':>6} {'seconds':>8} {'exit':>4}"]
    for case, command, mb, seconds, status in sorted(TIMINGS, key=lambda t: -t[3]):
        lines.append(f"{case:24} {command:7} {mb:6.2f} {seconds:8.2f} {status!s:>4}")
    lines.append(f"{len(TIMINGS)} runs, {sum(t[3] for t in TIMINGS):.1f} s in all")
    return lines
