"""Turning file results into terminal text and an exit code."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import TextIO

from cdktf_fix.diffing import unified_diff
from cdktf_fix.results import ExitCode, FileResult, Finding, Safety


class Mode(enum.Enum):
    CHECK = "check"
    DIFF = "diff"
    """`fix` without `--write`: print the diff, change nothing."""
    WRITE = "write"
    STDOUT = "stdout"
    """`fix -`: print the fixed source."""


def format_finding(path: str, finding: Finding) -> str:
    if finding.fixed:
        tag = " (fixed)"
    elif finding.safety is Safety.SAFE:
        tag = " [fix available]"
    elif finding.safety is Safety.UNSAFE:
        tag = " [unsafe fix available: --unsafe-fixes]"
    else:
        tag = ""
    return f"{path}:{finding.line}:{finding.column}: {finding.code} {finding.message}{tag}"


def _where_in_original(finding: Finding, result: FileResult) -> Finding:
    """Place a remaining finding in the unchanged file that a diff is printed for.

    Remaining findings carry positions in the fixed text. The same finding in
    the original gives its position there; a finding that only the fixes
    produced is marked as placed in the fixed file.
    """
    for original in result.findings:
        if original.code == finding.code and original.message == finding.message:
            return replace(finding, line=original.line, column=original.column)
    return replace(finding, message=f"{finding.message} (line of the fixed file)")


@dataclass
class Report:
    """Counts what a run did, prints it, and owns the exit code."""

    mode: Mode
    out: TextIO
    err: TextIO
    results: list[FileResult] = field(default_factory=list)
    write_errors: int = 0

    def add(self, result: FileResult) -> None:
        self.results.append(result)
        if result.error is not None:
            self.err.write(f"error: {result.display_path}: {result.error.message}\n")
            return
        for note in result.notes:
            self.err.write(f"warning: {result.display_path}: {note}\n")
        if self.mode is Mode.CHECK:
            for finding in result.findings:
                self.out.write(format_finding(result.display_path, finding) + "\n")
            return
        if self.mode is Mode.DIFF and result.changed:
            assert result.fixed is not None
            # A BOM is part of the file's first line, so the diff carries it too.
            bom = "\ufeff" if result.encoding == "utf-8-sig" else ""
            diff = unified_diff(bom + result.original, bom + result.fixed, result.display_path)
            self._write_encoded(diff, result.encoding.replace("utf-8-sig", "utf-8"))
        if self.mode is Mode.STDOUT:
            text = result.fixed if result.fixed is not None else result.original
            self._write_encoded(text, result.encoding)
        for finding in self._unfixed(result):
            if self.mode is Mode.DIFF and result.changed:
                finding = _where_in_original(finding, result)
            self.err.write(format_finding(result.display_path, finding) + "\n")

    def _write_encoded(self, text: str, encoding: str) -> None:
        """Write in the file's own encoding, so the bytes match the file."""
        buffer = getattr(self.out, "buffer", None)
        if buffer is None:
            self.out.write(text)
            return
        self.out.flush()
        buffer.write(text.encode(encoding))
        buffer.flush()

    def add_write_error(self, result: FileResult, message: str) -> None:
        self.write_errors += 1
        self.err.write(f"error: {result.display_path}: {message}\n")

    @staticmethod
    def _unfixed(result: FileResult) -> Iterable[Finding]:
        if result.fixed is not None:
            return result.remaining
        return [f for f in result.findings if not f.fixed]

    def summary(self) -> str:
        failed = sum(1 for r in self.results if r.error is not None)
        if self.mode is Mode.CHECK:
            found = sum(len(r.findings) for r in self.results)
            fixable = sum(
                1 for r in self.results for f in r.findings if f.safety is Safety.SAFE
            )
            unsafe = sum(
                1 for r in self.results for f in r.findings if f.safety is Safety.UNSAFE
            )
            text = f"Found {found} finding(s): {fixable} fixable, {unsafe} with unsafe fixes"
        else:
            verb = "Fixed" if self.mode is Mode.WRITE else "Would fix"
            fixed = sum(r.fixed_count for r in self.results if r.changed)
            files = sum(1 for r in self.results if r.changed)
            left = sum(len(list(self._unfixed(r))) for r in self.results)
            text = f"{verb} {fixed} finding(s) in {files} file(s); {left} remaining"
        if failed:
            text += f"; {failed} file(s) could not be processed"
        return text

    def exit_code(self) -> ExitCode:
        if any(r.error is not None for r in self.results) or self.write_errors:
            return ExitCode.INPUT
        if self.mode is Mode.CHECK:
            found = any(r.findings for r in self.results)
        elif self.mode is Mode.WRITE:
            found = any(self._unfixed(r) for r in self.results)
        elif self.mode is Mode.STDOUT:
            found = any(r.changed for r in self.results)
        else:
            found = any(r.changed for r in self.results)
        return ExitCode.FINDINGS if found else ExitCode.OK
