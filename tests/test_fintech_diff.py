"""The fintech sample's expected diff, kept as a reviewed snapshot.

Regenerate after an intended change with
`CDKTF_FIX_UPDATE_SNAPSHOTS=1 .venv/bin/python -m pytest tests/test_fintech_diff.py`
and review the change in `tests/fixtures/fintech_stack.diff`.
"""

from __future__ import annotations

import os
from pathlib import Path

from cdktf_fix.catalog import all_entries
from cdktf_fix.diffing import unified_diff
from cdktf_fix.engine import Engine
from cdktf_fix.index import load_index
from cdktf_fix.options import Options

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "fintech_stack.py"
SNAPSHOT = Path(__file__).parent / "fixtures" / "fintech_stack.diff"


def fintech_diff() -> str:
    engine = Engine(all_entries(), Options(unsafe_fixes=True), load_index())
    result = engine.fix_path(SAMPLE, "samples/fintech_stack.py")
    assert result.fixed is not None
    return unified_diff(result.original, result.fixed, "samples/fintech_stack.py")


def test_fintech_diff_matches_snapshot() -> None:
    diff = fintech_diff()
    if os.environ.get("CDKTF_FIX_UPDATE_SNAPSHOTS"):
        SNAPSHOT.write_text(diff)
    assert diff == SNAPSHOT.read_text()


def test_fintech_fix_reports_every_kind() -> None:
    engine = Engine(all_entries(), Options(unsafe_fixes=True), load_index())
    result = engine.fix_path(SAMPLE)
    codes = {finding.code for finding in result.findings}
    expected = {f"CDKTF{number:03d}" for number in range(1, 13)}
    assert expected <= codes, f"missing: {sorted(expected - codes)}"


def test_fixed_fintech_has_no_fixable_findings_left() -> None:
    engine = Engine(all_entries(), Options(unsafe_fixes=True), load_index())
    result = engine.fix_path(SAMPLE)
    assert result.fixed is not None
    again = engine.run_text(result.fixed, fixing=True)
    assert not again.changed
    assert all(f.safety.value == "detect-only" for f in again.findings)
