"""Result values shared by the engine, the CLI and later front ends.

Everything here is plain data: the engine produces it, and every renderer (terminal
text, batch reports, the review bot) reads the same values.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from pathlib import Path


class ExitCode(enum.IntEnum):
    """Process exit codes of the `cdktf-fix` command."""

    OK = 0
    """Nothing left to report, or `fix --write` applied everything it could."""
    FINDINGS = 1
    """`check` found something, or `fix` without `--write` has a non-empty diff."""
    ERROR = 2
    """Usage, configuration or internal error."""
    INPUT = 3
    """Some input could not be read, decoded or parsed; the others were processed."""


class Safety(enum.Enum):
    """How far a fix may be trusted, as in ruff's safe and unsafe fixes."""

    SAFE = "safe"
    """The fixed stack deploys what the author evidently meant and nothing else."""
    UNSAFE = "unsafe"
    """The fix changes deployed behaviour or picks among options; opt-in only."""
    DETECT_ONLY = "detect-only"
    """No fix exists; the finding is reported."""

    @property
    def label(self) -> str:
        return self.value


class Severity(enum.Enum):
    ERROR = "error"
    """The stack fails at synth, plan or apply."""
    WARNING = "warning"
    """The stack deploys, but not what was asked for."""


@dataclass(frozen=True)
class Finding:
    """One detected fault in one file."""

    code: str
    message: str
    line: int
    column: int
    safety: Safety
    """The safety of the fix for this finding; DETECT_ONLY when there is none."""
    fixed: bool = False
    """True when the fix was applied to the output of this run."""

    def sort_key(self) -> tuple[int, int, str]:
        return (self.line, self.column, self.code)


@dataclass(frozen=True)
class InputError:
    """The reason a file could not be processed. The file is left untouched."""

    kind: str
    """A short tag: `syntax`, `binary`, `encoding`, `unreadable`, `missing`, `changed`."""
    message: str


@dataclass(frozen=True)
class FileResult:
    """The outcome of checking or fixing one file."""

    path: Path
    display_path: str
    original: str = ""
    fixed: str | None = None
    """The fixed source; None when the run did not fix, or the file did not change."""
    findings: tuple[Finding, ...] = ()
    """Every finding of the original source, with `fixed` set on those applied."""
    remaining: tuple[Finding, ...] = ()
    """Findings of the fixed source (positions refer to the fixed source)."""
    error: InputError | None = None
    notes: tuple[str, ...] = field(default=())
    """Warnings that are not findings, such as a shape a codemod did not handle."""
    encoding: str = "utf-8"
    """The codec that reproduces the file's bytes: `utf-8-sig` keeps a BOM."""

    @property
    def changed(self) -> bool:
        return self.fixed is not None and self.fixed != self.original

    @property
    def fixed_count(self) -> int:
        return sum(1 for finding in self.findings if finding.fixed)
