"""The settings of one run, after the command line and configuration are merged."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Options:
    select: tuple[str, ...] = ()
    """Codes or code prefixes to run; empty runs every entry."""
    ignore: tuple[str, ...] = ()
    unsafe_fixes: bool = False
    allow_multiple_stacks: bool = False
    index_path: Path | None = None
