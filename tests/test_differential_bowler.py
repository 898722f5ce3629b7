"""Differential tests: the libcst rename codemods against bowler (lib2to3).

bowler is an independent implementation of the same renames. For generated
cases that both handle (a class imported by name and called; a keyword of a
call), both must produce the same file.
"""

from __future__ import annotations

import random
import warnings
from pathlib import Path

import pytest

from cdktf_fix.catalog import all_entries
from cdktf_fix.engine import Engine
from cdktf_fix.index import load_index
from cdktf_fix.options import Options

bowler = pytest.importorskip("bowler")
INDEX = load_index()
PACKAGE = INDEX.package


def run_bowler(path: Path, build) -> str:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        query = build(bowler.Query(str(path)))
        query.execute(write=True, interactive=False, silent=True)
    return path.read_text()


def run_ours(source: str, code: str) -> str:
    engine = Engine(all_entries(), Options(select=(code,)), INDEX)
    result = engine.run_text(source, fixing=True)
    assert result.error is None
    return result.fixed if result.fixed is not None else result.original


def suffix_cases() -> list[tuple[str, str, str]]:
    cases = []
    for wrong, right in sorted(INDEX.suffixed_classes().items()):
        info = INDEX.class_info(right)
        if info is None or info.kind != "resource" or wrong in INDEX.exports(info.module):
            continue
        cases.append((info.module, wrong, right))
    return cases


def keyword_cases(count: int = 12) -> list[tuple[str, str, str, str]]:
    rng = random.Random(5)
    modules = sorted(INDEX.modules())
    cases: list[tuple[str, str, str, str]] = []
    while len(cases) < count:
        module = rng.choice(modules)
        resources = sorted(
            c for c in INDEX.exports(module)
            if (info := INDEX.class_info(c)) and info.kind == "resource"
        )
        fields = sorted(f for f in INDEX.fields(resources[0]) or {} if "_" in f) if resources else []
        if not fields:
            continue
        right = rng.choice(fields)
        head, *rest = right.split("_")
        wrong = head + "".join(part.title() for part in rest)
        cases.append((module, resources[0], wrong, right))
    return cases


@pytest.mark.parametrize(("module", "wrong", "right"), suffix_cases(), ids=lambda v: str(v))
def test_class_rename_matches_bowler(tmp_path: Path, module: str, wrong: str, right: str) -> None:
    source = (
        f"from {PACKAGE}.{module} import {wrong}\n\n\n"
        f"def build(self):\n    {wrong}(self, \"resource\")\n"
    )
    path = tmp_path / "stack.py"
    path.write_text(source)
    theirs = run_bowler(path, lambda q: q.select_class(wrong).rename(right))
    ours = run_ours(source, "CDKTF002")
    assert ours != source
    assert ours == theirs


@pytest.mark.parametrize(
    ("module", "resource", "wrong", "right"), keyword_cases(), ids=lambda v: str(v)
)
def test_keyword_rename_matches_bowler(
    tmp_path: Path, module: str, resource: str, wrong: str, right: str
) -> None:
    source = (
        f"from {PACKAGE}.{module} import {resource}\n\n\n"
        f"def build(self, value):\n    {resource}(self, \"r\", {wrong}=value)\n"
    )
    path = tmp_path / "stack.py"
    path.write_text(source)
    theirs = run_bowler(
        path, lambda q: q.select_function(resource).modify_argument(wrong, new_name=right)
    )
    ours = run_ours(source, "CDKTF004")
    assert ours != source
    assert ours == theirs
