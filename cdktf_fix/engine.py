"""Check and fix one source: parse once, walk, fix to a fixpoint, re-parse.

The engine is the only place that turns entries' raw findings into `Finding`
values with positions, decides when the fixing stops, and guarantees that what
it returns parses.
"""

from __future__ import annotations

import ast
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from cdktf_fix.options import Options
from cdktf_fix.results import FileResult, Finding, InputError
from cdktf_fix.source import Source, SourceError, decode, read_source, write_atomically
from cdktf_fix.walk import Context, Dispatch, RawFinding, run_walk

if TYPE_CHECKING:
    from cdktf_fix.catalog.base import Entry
    from cdktf_fix.index import ProviderIndex

logger = logging.getLogger("cdktf_fix")

MAX_ROUNDS = 10
"""Fixing stops when a round changes nothing; more rounds than this is a bug."""

SCREEN_WORD = "cdktf"
"""Files whose text lacks this word hold no stack and skip the libcst parse."""

_SUPPRESSION = re.compile(
    r"#\s*cdktf-fix:\s*(?P<kind>ignore-file|ignore)(?:\[(?P<codes>[^\]]*)\])?"
)


class UnknownCodeError(ValueError):
    pass


def select_entries(
    entries: Sequence[Entry], select: Iterable[str], ignore: Iterable[str]
) -> list[Entry]:
    """Filter entries by code prefix; raise UnknownCodeError on a code that matches none."""
    select, ignore = tuple(select), tuple(ignore)
    for code in (*select, *ignore):
        if not any(entry.code.startswith(code.upper()) for entry in entries):
            raise UnknownCodeError(f"unknown rule code {code!r}")
    chosen = []
    for entry in entries:
        if select and not any(entry.code.startswith(c.upper()) for c in select):
            continue
        if any(entry.code.startswith(c.upper()) for c in ignore):
            continue
        chosen.append(entry)
    return chosen


@dataclass
class _Suppressions:
    file_codes: set[str] | None = None
    """Codes ignored in the whole file; an empty set ignores every code."""
    lines: dict[int, set[str]] = field(default_factory=dict)

    @classmethod
    def scan(cls, text: str) -> _Suppressions | None:
        if "cdktf-fix:" not in text:
            return None
        found = cls()
        for number, line in enumerate(text.splitlines(), start=1):
            for match in _SUPPRESSION.finditer(line):
                codes = {c.strip().upper() for c in (match["codes"] or "").split(",")}
                codes.discard("")
                if match["kind"] == "ignore-file":
                    found.file_codes = (found.file_codes or set()) | codes
                    if not codes:
                        found.file_codes = set()
                else:
                    found.lines.setdefault(number, set()).update(codes or {"*"})
        return found

    def file_ignores(self, code: str) -> bool:
        if self.file_codes is None:
            return False
        return not self.file_codes or code in self.file_codes

    def line_ignores(self, line: int, code: str) -> bool:
        for number in (line, line - 1):
            codes = self.lines.get(number)
            if codes and ("*" in codes or code in codes):
                return True
        return False


class Engine:
    """Runs the selected catalog entries over sources."""

    def __init__(self, entries: Sequence[Entry], options: Options, index: ProviderIndex) -> None:
        self.options = options
        self.index = index
        self.entries = list(entries)
        self.dispatch = Dispatch(self.entries)

    # Public API

    def check_path(self, path: Path, display: str | None = None) -> FileResult:
        return self._run_path(path, display, fixing=False)

    def fix_path(self, path: Path, display: str | None = None) -> FileResult:
        return self._run_path(path, display, fixing=True)

    def run_source(self, source: Source, display: str, *, fixing: bool) -> FileResult:
        try:
            result = self._run(source, display, fixing=fixing)
        except SourceError as error:
            return FileResult(source.path or Path(display), display, error=error.error)
        return replace(result, encoding=source.encoding)

    def run_text(self, text: str, display: str = "-", *, fixing: bool) -> FileResult:
        """Check or fix source text given as a string."""
        source = Source(None, text.encode("utf-8"), text, "utf-8")
        return self.run_source(source, display, fixing=fixing)

    def run_bytes(self, raw: bytes, display: str = "-", *, fixing: bool) -> FileResult:
        try:
            source = decode(raw)
        except SourceError as error:
            return FileResult(Path(display), display, error=error.error)
        return self.run_source(source, display, fixing=fixing)

    @staticmethod
    def write(result: FileResult, source: Source) -> InputError | None:
        """Write a fixed result over its file; return the error if it was not written."""
        if not result.changed or result.fixed is None:
            return None
        try:
            write_atomically(source, result.fixed)
        except SourceError as error:
            return error.error
        return None

    # Internals

    def _run_path(self, path: Path, display: str | None, *, fixing: bool) -> FileResult:
        display = display or str(path)
        try:
            source = read_source(path)
        except SourceError as error:
            return FileResult(path, display, error=error.error)
        return self.run_source(source, display, fixing=fixing)

    def _run(self, source: Source, display: str, *, fixing: bool) -> FileResult:
        text = source.text
        path = source.path or Path(display)
        if SCREEN_WORD not in text:
            _check_syntax(text)
            return FileResult(path, display, original=text)
        module = _parse(text)
        suppressions = _Suppressions.scan(text)
        entries = self._entries_for(suppressions)
        if not entries:
            return FileResult(path, display, original=text)
        dispatch = Dispatch(entries) if len(entries) != len(self.entries) else self.dispatch
        findings, module, notes = self._fix_rounds(
            module, text, dispatch, source.path, suppressions, fixing
        )
        if not fixing:
            return FileResult(path, display, original=text, findings=findings, notes=notes)
        fixed = module.code
        if fixed == text:
            return FileResult(path, display, original=text, findings=findings, notes=notes)
        try:
            reparsed = cst.parse_module(fixed)
            compile(fixed, display, "exec", ast.PyCF_ONLY_AST)
        except (cst.ParserSyntaxError, SyntaxError) as error:
            logger.error("fixed output of %s does not parse: %s", display, error)
            notes = (*notes, "internal error: the fixed code did not parse; nothing changed")
            return FileResult(path, display, original=text, findings=findings, notes=notes)
        remaining, _, _ = self._fix_rounds(
            reparsed, fixed, dispatch, source.path, _Suppressions.scan(fixed), False
        )
        return FileResult(
            path,
            display,
            original=text,
            fixed=fixed,
            findings=findings,
            remaining=remaining,
            notes=notes,
        )

    def _entries_for(self, suppressions: _Suppressions | None) -> list[Entry]:
        if suppressions is None or suppressions.file_codes is None:
            return self.entries
        return [e for e in self.entries if not suppressions.file_ignores(e.code)]

    def _fix_rounds(
        self,
        module: cst.Module,
        text: str,
        dispatch: Dispatch,
        path: Path | None,
        suppressions: _Suppressions | None,
        fixing: bool,
    ) -> tuple[tuple[Finding, ...], cst.Module, tuple[str, ...]]:
        findings: list[Finding] = []
        notes: list[str] = []
        seen: set[tuple[str, str]] = set()
        for round_number in range(MAX_ROUNDS):
            ctx, positions = self._context(module, path, suppressions, fixing)
            new_module = run_walk(module, text, dispatch, ctx)
            notes.extend(n for n in ctx.notes if n not in notes)
            if ctx.findings and positions is None:
                positions = _positions(module)
            for raw in ctx.findings:
                key = (raw.entry.code, raw.message)
                if round_number and (not raw.applied or key in seen):
                    continue
                seen.add(key)
                findings.append(_finding(raw, positions))
            if not fixing:
                break
            new_text = new_module.code
            if new_text == text:
                break
            module, text = new_module, new_text
        else:
            notes.append(f"fixes did not settle after {MAX_ROUNDS} rounds")
        findings.sort(key=Finding.sort_key)
        return tuple(findings), module, tuple(notes)

    def _context(
        self,
        module: cst.Module,
        path: Path | None,
        suppressions: _Suppressions | None,
        fixing: bool,
    ) -> tuple[Context, dict[cst.CSTNode, object] | None]:
        positions = None
        is_suppressed = None
        if suppressions is not None and suppressions.lines:
            positions = _positions(module)

            def is_suppressed(node: cst.CSTNode, code: str) -> bool:
                where = positions.get(node) if positions else None
                return where is not None and suppressions.line_ignores(where.start.line, code)

        ctx = Context(
            path=path,
            index=self.index,
            fixing=fixing,
            options=self.options,
            is_suppressed=is_suppressed,
        )
        return ctx, positions


def _positions(module: cst.Module) -> dict[cst.CSTNode, object]:
    wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
    return dict(wrapper.resolve(PositionProvider))


def _finding(raw: RawFinding, positions: dict) -> Finding:
    where = positions.get(raw.node)
    line, column = (where.start.line, where.start.column + 1) if where else (1, 1)
    return Finding(
        code=raw.entry.code,
        message=raw.message,
        line=line,
        column=column,
        safety=raw.safety,
        fixed=raw.applied,
    )


def _parse(text: str) -> cst.Module:
    try:
        return cst.parse_module(text)
    except cst.ParserSyntaxError as error:
        raise SourceError(
            "syntax",
            f"syntax error at {error.raw_line}:{error.raw_column + 1}: {error.message}",
        ) from None
    except RecursionError:
        raise SourceError("syntax", "nesting too deep to parse") from None


def _check_syntax(text: str) -> None:
    try:
        compile(text, "<source>", "exec", ast.PyCF_ONLY_AST)
    except SyntaxError as error:
        raise SourceError(
            "syntax", f"syntax error at {error.lineno}:{error.offset}: {error.msg}"
        ) from None
    except (ValueError, RecursionError, MemoryError) as error:
        raise SourceError("syntax", f"cannot parse: {error}") from None
