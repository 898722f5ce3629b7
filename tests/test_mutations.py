"""Names from the index, mutated as models do, must be restored or reported."""

from __future__ import annotations

import random

import pytest

from cdktf_fix.catalog import all_entries
from cdktf_fix.engine import Engine
from cdktf_fix.index import load_index
from cdktf_fix.options import Options

CASES = 40


def mutate(name: str, rng: random.Random) -> str:
    head, *rest = name.split("_")
    choices = [
        head + "".join(part.title() for part in rest),
        name[:-1] if name.endswith("s") else name + "s",
    ]
    return rng.choice([c for c in choices if c != name] or [name + "s"])


def keyword_cases() -> list[tuple[str, str, str, str]]:
    rng = random.Random(11)
    index = load_index()
    modules = sorted(index.modules())
    cases: list[tuple[str, str, str, str]] = []
    while len(cases) < CASES:
        module = rng.choice(modules)
        resources = sorted(
            c for c in index.exports(module)
            if (info := index.class_info(c)) and info.kind == "resource"
        )
        if not resources:
            continue
        resource = rng.choice(resources)
        fields = sorted(f for f in index.fields(resource) or {} if f not in {"id", "count"})
        if not fields:
            continue
        name = rng.choice(fields)
        wrong = mutate(name, rng)
        if wrong not in (index.fields(resource) or {}):
            cases.append((module, resource, name, wrong))
    return cases


def test_mutated_keywords_restored_or_reported() -> None:
    engine = Engine(all_entries(), Options(select=("CDKTF004",)), load_index())
    restored = reported = 0
    for module, resource, name, wrong in keyword_cases():
        source = (
            f"from cdktf_cdktf_provider_aws.{module} import {resource}\n\n"
            f"{resource}(self, \"r\", {wrong}=value)\n"
        )
        result = engine.run_text(source, fixing=True)
        assert result.error is None
        if result.changed:
            assert result.fixed == source.replace(f"{wrong}=", f"{name}="), (resource, wrong)
            restored += 1
        else:
            assert result.findings, f"{resource}({wrong}=...) was neither fixed nor reported"
            reported += 1
    assert restored >= 0.9 * CASES, f"only {restored} of {CASES} restored"


@pytest.mark.parametrize(
    ("wrong", "right"),
    [("S3BucketVersioning", "S3BucketVersioningA"), ("S3BucketLogging", "S3BucketLoggingA")],
)
def test_missing_suffix_restored(wrong: str, right: str) -> None:
    module = load_index().class_info(right).module
    engine = Engine(all_entries(), Options(), load_index())
    source = f"from cdktf_cdktf_provider_aws.{module} import {wrong}\n"
    result = engine.run_text(source, fixing=True)
    assert result.fixed == source.replace(wrong, right)
