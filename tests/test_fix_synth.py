"""Fix every broken sample with cdktf-fix, then synthesize the result for real.

This is the ground truth of the catalog: a fix is right only when the fixed
stack synthesizes with the pinned cdktf and AWS provider bindings, and the
synthesized JSON carries the intended change. All synths share this process,
so the provider import is paid once.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from synthesis import CHECKS_BY_CODE, synth_source

from cdktf_fix.catalog import all_entries
from cdktf_fix.engine import Engine
from cdktf_fix.index import load_index
from cdktf_fix.options import Options

pytestmark = [
    pytest.mark.synth,
    pytest.mark.skipif(
        importlib.util.find_spec("cdktf_cdktf_provider_aws") is None,
        reason="the synth extra (cdktf, cdktf-cdktf-provider-aws) is not installed",
    ),
]

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
BROKEN_KINDS = sorted((SAMPLES / "kinds").glob("cdktf*.py"))


def fix_unsafe(path: Path) -> str:
    engine = Engine(all_entries(), Options(unsafe_fixes=True), load_index())
    result = engine.fix_path(path)
    assert result.error is None
    assert result.changed, "the broken sample came out unchanged"
    assert result.fixed is not None
    return result.fixed


@pytest.mark.parametrize("path", BROKEN_KINDS, ids=lambda p: p.stem)
def test_fixed_kind_sample_synthesizes(path: Path, tmp_path: Path) -> None:
    code = path.stem[:8].upper()
    if code == "CDKTF001":
        pytest.skip("several stacks are reported, not fixed")
    stacks = synth_source(fix_unsafe(path), tmp_path)
    assert stacks
    check = CHECKS_BY_CODE.get(code)
    for stack_json in stacks.values():
        if check is not None:
            check(stack_json)


def test_fixed_fintech_stack_synthesizes(tmp_path: Path) -> None:
    stacks = synth_source(fix_unsafe(SAMPLES / "fintech_stack.py"), tmp_path)
    main = max(stacks.values(), key=lambda stack: len(stack.get("resource", {})))
    for code, check in sorted(CHECKS_BY_CODE.items()):
        check(main)


def test_fixed_fintech_stack_is_a_fixpoint() -> None:
    fixed = fix_unsafe(SAMPLES / "fintech_stack.py")
    engine = Engine(all_entries(), Options(unsafe_fixes=True), load_index())
    again = engine.run_text(fixed, fixing=True)
    assert not again.changed
