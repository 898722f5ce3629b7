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

from cdktf_fix.options import Options
from cdktf_fix.positions import locate
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


@dataclass(frozen=True)
class _Outcome:
    text: str
    findings: tuple[Finding, ...]
    remaining: tuple[Finding, ...]
    notes: tuple[str, ...]


class UnknownCodeError(ValueError):
    pass


def select_entries(
    entries: Sequence[Entry], select: Iterable[str], ignore: Iterable[str]
) -> list[Entry]:
    """Filter entries by code prefix or slug; raise UnknownCodeError on one that matches none.

    Each value may hold several, separated by commas (`CDKTF002,CDKTF004`).
    """
    select, ignore = _split_codes(select), _split_codes(ignore)
    for code in (*select, *ignore):
        if not any(_matches(entry, code) for entry in entries):
            raise UnknownCodeError(f"unknown rule code {code!r}; `cdktf-fix rules` lists them")
    return [
        entry
        for entry in entries
        if (not select or any(_matches(entry, code) for code in select))
        and not any(_matches(entry, code) for code in ignore)
    ]


def _split_codes(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def _matches(entry: Entry, code: str) -> bool:
    return entry.code.startswith(code.upper()) or entry.slug == code.lower()


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
        outcome = self._fix_rounds(module, text, dispatch, source.path, suppressions, fixing)
        result = FileResult(
            path, display, original=text, findings=outcome.findings, notes=outcome.notes
        )
        if not fixing or outcome.text == text:
            return result
        return replace(result, fixed=outcome.text, remaining=outcome.remaining)

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
    ) -> _Outcome:
        """Walk, fix and re-parse until a walk changes nothing.

        The walk that changes nothing is the check of the fixed code: what it
        still reports is what remains, with positions in the fixed code. Each
        changed text is re-parsed before the next walk, so output that does not
        parse is caught at once and the input is kept.
        """
        findings: list[Finding] = []
        notes: list[str] = []
        seen: set[tuple[str, str]] = set()
        original_text = text
        for round_number in range(MAX_ROUNDS):
            if round_number:
                suppressions = _Suppressions.scan(text)
            ctx, positions = self._context(module, path, suppressions, fixing)
            new_module = run_walk(module, text, dispatch, ctx)
            notes.extend(n for n in ctx.notes if n not in notes)
            new_text = new_module.code if fixing else text
            settled = new_text == text
            for raw in ctx.findings:
                key = (raw.entry.code, raw.message)
                if round_number and (not raw.applied or key in seen) and not settled:
                    continue
                if positions is None:
                    positions = locate(module, [r.node for r in ctx.findings])
                if not round_number or (raw.applied and key not in seen):
                    findings.append(_finding(raw, positions))
                seen.add(key)
            if settled:
                remaining = tuple(
                    sorted((_finding(raw, positions or {}) for raw in ctx.findings),
                           key=Finding.sort_key)
                )
                break
            try:
                module = cst.parse_module(new_text)
                compile(new_text, "<fixed>", "exec", ast.PyCF_ONLY_AST)
            except (cst.ParserSyntaxError, SyntaxError) as error:
                logger.error("fixed output does not parse: %s", error)
                notes.append("internal error: the fixed code did not parse; nothing changed")
                text, remaining = original_text, ()
                break
            text = new_text
        else:
            notes.append(f"fixes did not settle after {MAX_ROUNDS} rounds")
            remaining = ()
        findings.sort(key=Finding.sort_key)
        return _Outcome(text, tuple(findings), remaining, tuple(notes))

    def _context(
        self,
        module: cst.Module,
        path: Path | None,
        suppressions: _Suppressions | None,
        fixing: bool,
    ) -> tuple[Context, dict[int, tuple[int, int]] | None]:
        is_suppressed = None
        if suppressions is not None and suppressions.lines:

            def is_suppressed(node: cst.CSTNode, code: str) -> bool:
                where = locate(module, [node]).get(id(node))
                return where is not None and suppressions.line_ignores(where[0], code)

        ctx = Context(
            path=path,
            index=self.index,
            fixing=fixing,
            options=self.options,
            is_suppressed=is_suppressed,
        )
        return ctx, None


def _finding(raw: RawFinding, positions: dict[int, tuple[int, int]]) -> Finding:
    line, column = positions.get(id(raw.node), (1, 0))
    column += 1
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
        # CPython's message ("'(' was never closed") reads better than the parser's.
        _check_syntax(text)
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
