"""Properties of the engine over samples with random changes that keep their meaning.

The changes are: consistent renames of local variables, extra blank and comment
lines, and swaps of adjacent simple statements that share no names.
"""

from __future__ import annotations

import ast
import random
from pathlib import Path

import libcst as cst
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cdktf_fix.catalog import all_entries
from cdktf_fix.engine import Engine
from cdktf_fix.index import load_index
from cdktf_fix.options import Options
from cdktf_fix.results import FileResult, Safety

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
VALID_SAMPLES = sorted((SAMPLES / "kinds" / "fixed").glob("*.py"))
BROKEN_SAMPLES = sorted((SAMPLES / "kinds").glob("*.py")) + [SAMPLES / "fintech_stack.py"]

ENGINE = Engine(all_entries(), Options(), load_index())
UNSAFE_ENGINE = Engine(all_entries(), Options(unsafe_fixes=True), ENGINE.index)

SETTINGS = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


# Mutations


def _local_names(module: ast.Module) -> set[str]:
    """Collect names bound by plain assignments inside functions."""
    names: set[str] = set()
    for function in ast.walk(module):
        if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for node in ast.walk(function):
            if isinstance(node, ast.Assign):
                names.update(t.id for t in node.targets if isinstance(t, ast.Name))
    return names


class _Rename(cst.CSTTransformer):
    """Rename variables everywhere they are used, but not keywords, attributes or imports."""

    def __init__(self, renames: dict[str, str]) -> None:
        self.renames = renames

    def leave_Name(self, original: cst.Name, updated: cst.Name) -> cst.Name:
        return updated.with_changes(value=self.renames.get(updated.value, updated.value))

    def leave_Arg(self, original: cst.Arg, updated: cst.Arg) -> cst.Arg:
        return updated.with_changes(keyword=original.keyword)

    def leave_Attribute(self, original: cst.Attribute, updated: cst.Attribute) -> cst.Attribute:
        return updated.with_changes(attr=original.attr)

    def leave_ImportAlias(self, original: cst.ImportAlias, updated: cst.ImportAlias) -> cst.ImportAlias:
        return updated.with_changes(name=original.name)


def rename_locals(source: str, rng: random.Random) -> str:
    names = sorted(_local_names(ast.parse(source)))
    chosen = [name for name in names if rng.random() < 0.5]
    renames = {name: f"renamed_{index}_{name}" for index, name in enumerate(chosen)}
    if not renames:
        return source
    return cst.parse_module(source).visit(_Rename(renames)).code


class _AddLines(cst.CSTTransformer):
    """Add blank and comment lines above random statements."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def _pad(self, node: cst.CSTNode) -> cst.CSTNode:
        extra: list[cst.EmptyLine] = []
        for _ in range(self.rng.choice((0, 0, 1, 2))):
            if self.rng.random() < 0.5:
                extra.append(cst.EmptyLine())
            else:
                extra.append(cst.EmptyLine(comment=cst.Comment(f"# note {self.rng.randrange(1000)}")))
        if not extra:
            return node
        return node.with_changes(leading_lines=(*node.leading_lines, *extra))

    def leave_SimpleStatementLine(self, original, updated):  # type: ignore[no-untyped-def]
        return self._pad(updated)

    def leave_ClassDef(self, original, updated):  # type: ignore[no-untyped-def]
        return self._pad(updated)

    def leave_FunctionDef(self, original, updated):  # type: ignore[no-untyped-def]
        return self._pad(updated)


def add_blank_and_comment_lines(source: str, rng: random.Random) -> str:
    return cst.parse_module(source).visit(_AddLines(rng)).code


def _names_used(statement: ast.stmt) -> tuple[set[str], set[str]]:
    """Return the dotted names a statement reads and writes, with their prefixes read."""
    reads: set[str] = set()
    writes: set[str] = set()
    for node in ast.walk(statement):
        if not isinstance(node, (ast.Name, ast.Attribute)):
            continue
        dotted = ast.unparse(node)
        if isinstance(node.ctx, ast.Store):
            writes.add(dotted)
        parts = dotted.split(".")
        reads.update(".".join(parts[: i + 1]) for i in range(len(parts)))
    if isinstance(statement, (ast.Import, ast.ImportFrom)):
        writes.update((alias.asname or alias.name).split(".")[0] for alias in statement.names)
    return reads, writes


def _movable(statement: cst.BaseStatement) -> ast.stmt | None:
    """Parse a simple statement that may change places, or return None."""
    if not isinstance(statement, cst.SimpleStatementLine) or len(statement.body) != 1:
        return None
    code = cst.Module(body=[statement.with_changes(leading_lines=())]).code
    parsed = ast.parse(code).body[0]
    if isinstance(parsed, ast.Expr) and isinstance(parsed.value, ast.Constant):
        return None
    if isinstance(parsed, ast.ImportFrom) and parsed.module == "__future__":
        return None
    if "super" in code or ".synth(" in code:
        return None
    return parsed


def _independent(first: ast.stmt, second: ast.stmt) -> bool:
    first_reads, first_writes = _names_used(first)
    second_reads, second_writes = _names_used(second)
    return not (
        first_writes & (second_reads | second_writes) or second_writes & first_reads
    )


class _Swap(cst.CSTTransformer):
    """Swap random adjacent simple statements that share no names."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def _shuffle(self, body: tuple[cst.BaseStatement, ...]) -> list[cst.BaseStatement]:
        statements = list(body)
        for i in range(len(statements) - 1):
            if self.rng.random() < 0.5:
                continue
            first, second = _movable(statements[i]), _movable(statements[i + 1])
            if first is None or second is None or not _independent(first, second):
                continue
            statements[i], statements[i + 1] = statements[i + 1], statements[i]
        return statements

    def leave_IndentedBlock(self, original, updated):  # type: ignore[no-untyped-def]
        return updated.with_changes(body=self._shuffle(updated.body))

    def leave_Module(self, original, updated):  # type: ignore[no-untyped-def]
        return updated.with_changes(body=self._shuffle(updated.body))


def swap_independent_statements(source: str, rng: random.Random) -> str:
    return cst.parse_module(source).visit(_Swap(rng)).code


MUTATIONS = (rename_locals, add_blank_and_comment_lines, swap_independent_statements)


@st.composite
def mutated(draw: st.DrawFn, samples: list[Path]) -> str:
    """Draw a sample and apply a random sequence of the mutations to it."""
    source = draw(st.sampled_from(samples)).read_text(encoding="utf-8")
    steps = draw(st.lists(st.sampled_from(MUTATIONS), max_size=4))
    rng = draw(st.randoms(use_true_random=False))
    for mutate in steps:
        source = mutate(source, rng)
    ast.parse(source)
    return source


def _output(result: FileResult) -> str:
    return result.fixed if result.fixed is not None else result.original


# Properties


def test_mutations_keep_samples_parsing() -> None:
    rng = random.Random(7)
    for sample in BROKEN_SAMPLES + VALID_SAMPLES:
        source = sample.read_text(encoding="utf-8")
        for mutate in MUTATIONS:
            ast.parse(mutate(source, rng))


@SETTINGS
@given(mutated(VALID_SAMPLES))
def test_valid_stack_never_changed(source: str) -> None:
    result = ENGINE.run_text(source, fixing=True)
    assert result.error is None
    assert not result.changed, _output(result)


def _check_idempotent(engine: Engine, source: str) -> None:
    first = engine.run_text(source, fixing=True)
    assert first.error is None
    fixed = _output(first)
    ast.parse(fixed)

    second = engine.run_text(fixed, fixing=True)
    assert second.error is None
    assert _output(second) == fixed
    safe_left = [f for f in second.findings if f.safety is Safety.SAFE]
    assert safe_left == []


@SETTINGS
@given(mutated(BROKEN_SAMPLES))
def test_fix_is_idempotent(source: str) -> None:
    _check_idempotent(ENGINE, source)


@SETTINGS
@given(mutated(BROKEN_SAMPLES))
def test_unsafe_fix_is_idempotent(source: str) -> None:
    _check_idempotent(UNSAFE_ENGINE, source)
