"""Unified diffs that `patch` and `git apply` accept."""

from __future__ import annotations

import difflib

NO_NEWLINE = "\\ No newline at end of file\n"


def _lines(text: str) -> list[str]:
    # Split at "\n" only, as patch does; str.splitlines would also split at
    # form feeds and Unicode line separators inside the text.
    lines = [line + "\n" for line in text.split("\n")]
    lines[-1] = lines[-1][:-1]
    if not lines[-1]:
        lines.pop()
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n" + NO_NEWLINE
    return lines


def unified_diff(before: str, after: str, path: str, context: int = 3) -> str:
    """Return the diff from `before` to `after`, with `a/` and `b/` path prefixes.

    difflib omits the marker for a last line without a newline. It is added here,
    so applying the diff reproduces the file byte for byte.
    """
    if before == after:
        return ""
    lines = difflib.unified_diff(
        _lines(before),
        _lines(after),
        fromfile=f"a/{path.lstrip('/')}",
        tofile=f"b/{path.lstrip('/')}",
        n=context,
    )
    return "".join(lines)
