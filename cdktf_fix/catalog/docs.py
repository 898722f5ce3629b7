"""Render a catalog entry under the same headings for `explain` and the docs."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cdktf_fix.catalog.base import Entry

HEADINGS = (
    "What it detects",
    "Why it fails",
    "Example",
    "Fixed example",
    "Fix safety",
    "Known problems",
)


def _indent(code: str) -> str:
    return "\n".join(f"    {line}" if line else "" for line in code.rstrip().splitlines())


def render_entry(entry: Entry) -> str:
    """Return the entry's documentation as plain text with fixed headings."""
    example = entry.examples[0] if entry.examples else None
    fixed = (
        _indent(example.after)
        if example is not None and example.after is not None
        else "    (reported only; no automatic fix)"
    )
    sections = {
        "What it detects": entry.detects,
        "Why it fails": entry.why,
        "Example": _indent(example.before) if example else "",
        "Fixed example": fixed,
        "Fix safety": f"{entry.safety.label}. {entry.fix}",
        "Known problems": entry.known_problems,
    }
    parts = [f"{entry.code} {entry.slug}: {entry.title} ({entry.severity.value})"]
    for heading in HEADINGS:
        parts.append(f"\n{heading}\n{sections[heading]}")
    return "\n".join(parts) + "\n"
