"""Every catalog entry's examples, run through the real engine."""

from __future__ import annotations

import pytest

from cdktf_fix.catalog import all_entries
from cdktf_fix.catalog.base import Entry, Example, Valid
from cdktf_fix.catalog.docs import HEADINGS, render_entry
from cdktf_fix.engine import Engine
from cdktf_fix.index import load_index
from cdktf_fix.options import Options
from cdktf_fix.results import Safety

ENTRIES = all_entries()


def engine_for(entry: Entry, *, unsafe: bool = True) -> Engine:
    options = Options(select=(entry.code,), unsafe_fixes=unsafe)
    return Engine([entry], options, load_index())


def example_cases() -> list:
    return [
        pytest.param(entry, example, id=f"{entry.code}-{example.name}")
        for entry in ENTRIES
        for example in entry.examples
    ]


def valid_cases() -> list:
    return [
        pytest.param(entry, valid, id=f"{entry.code}-{valid.name}")
        for entry in ENTRIES
        for valid in entry.valid
    ]


@pytest.mark.parametrize(("entry", "example"), example_cases())
def test_example_before_becomes_after(entry: Entry, example: Example) -> None:
    result = engine_for(entry).run_text(example.before, fixing=True)
    assert result.error is None
    codes = {finding.code for finding in result.findings}
    assert entry.code in codes
    expected = example.after if example.after is not None else example.before
    output = result.fixed if result.fixed is not None else result.original
    assert output == expected


@pytest.mark.parametrize(("entry", "example"), example_cases())
def test_example_after_is_stable(entry: Entry, example: Example) -> None:
    if example.after is None:
        pytest.skip("reported only: the before text is the after text")
    result = engine_for(entry).run_text(example.after, fixing=True)
    assert not result.changed
    fixable = [f for f in result.findings if f.safety is not Safety.DETECT_ONLY]
    assert fixable == []


@pytest.mark.parametrize(("entry", "example"), example_cases())
def test_example_not_applied_without_permission(entry: Entry, example: Example) -> None:
    result = engine_for(entry, unsafe=False).run_text(example.before, fixing=True)
    unsafe_applied = [f for f in result.findings if f.fixed and f.safety is Safety.UNSAFE]
    assert unsafe_applied == []


@pytest.mark.parametrize(("entry", "valid"), valid_cases())
def test_valid_source_unchanged(entry: Entry, valid: Valid) -> None:
    result = engine_for(entry).run_text(valid.source, fixing=True)
    assert result.findings == ()
    assert not result.changed


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.code)
def test_entry_documents_itself(entry: Entry) -> None:
    assert entry.code.startswith("CDKTF")
    assert len(entry.code) == 8
    assert entry.slug
    assert entry.title
    assert entry.detects
    assert entry.why
    assert entry.fix
    assert entry.examples, "every entry needs at least one example"
    assert entry.valid, "every entry needs at least one valid source"
    text = render_entry(entry)
    for heading in HEADINGS:
        assert f"\n{heading}\n" in text


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.code)
def test_fix_safety_matches_examples(entry: Entry) -> None:
    if entry.safety is Safety.DETECT_ONLY:
        assert not entry.has_fix
    else:
        assert entry.has_fix


def test_codes_and_slugs_unique() -> None:
    codes = [entry.code for entry in ENTRIES]
    slugs = [entry.slug for entry in ENTRIES]
    assert len(set(codes)) == len(codes)
    assert len(set(slugs)) == len(slugs)


def test_renamed_arguments_match_index() -> None:
    from cdktf_fix.catalog.unknown_keyword import renamed_arguments

    index = load_index()
    renamed, replaced = renamed_arguments()
    pairs = [(owner, old, new) for (owner, old), new in renamed.items()]
    pairs += [(owner, old, item["new"]) for (owner, old), item in replaced.items()]
    assert pairs
    for owner, old, new in pairs:
        fields = index.fields(owner)
        assert fields is not None, owner
        assert old not in fields, f"{owner}.{old} still exists"
        assert new in fields, f"{owner}.{new} does not exist"
