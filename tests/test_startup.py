"""Start-up stays light: the CLI imports no libcst, and checking no provider."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "fintech_stack.py"


def imported_after(code: str) -> set[str]:
    script = f"{code}\nimport sys\nprint('\\n'.join(sorted(sys.modules)))"
    output = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout
    return set(output.split())


def test_cli_import_skips_libcst() -> None:
    modules = imported_after("import cdktf_fix.cli")
    assert "libcst" not in modules
    assert "cdktf_fix.engine" not in modules


def test_fix_never_imports_provider() -> None:
    code = (
        "from pathlib import Path\n"
        "from cdktf_fix.catalog import all_entries\n"
        "from cdktf_fix.engine import Engine\n"
        "from cdktf_fix.index import load_index\n"
        "from cdktf_fix.options import Options\n"
        "engine = Engine(all_entries(), Options(unsafe_fixes=True), load_index())\n"
        f"engine.fix_path(Path({str(SAMPLE)!r}))\n"
    )
    modules = imported_after(code)
    assert "cdktf_fix.engine" in modules
    assert not any(m.startswith("cdktf_cdktf_provider_aws") for m in modules)
    assert "cdktf" not in modules
    assert "jsii" not in modules
