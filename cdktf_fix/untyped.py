"""Names allowed inside blocks that the bindings type as `Any`.

Derived from the Terraform provider schema by `scripts/derive_untyped_names.py`
and shipped as `data/untyped_names.json`.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

NAMES_PATH = Path(__file__).parent / "data" / "untyped_names.json"


@functools.cache
def statement_names() -> frozenset[str]:
    """Every Terraform name that may occur inside a WAFv2 rule statement."""
    data = json.loads(NAMES_PATH.read_text(encoding="utf-8"))
    return frozenset(name for names in data["blocks"].values() for name in names)
