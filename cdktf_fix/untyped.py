"""Names allowed inside blocks that the bindings type as `Any`.

Derived from the Terraform provider schema by `scripts/derive_untyped_names.py`
and shipped as `data/untyped_names.json`, keyed by `<terraform type>.<path>`
such as `aws_wafv2_web_acl.rule.statement`.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

NAMES_PATH = Path(__file__).parent / "data" / "untyped_names.json"


@functools.cache
def _blocks() -> dict[str, frozenset[str]]:
    data = json.loads(NAMES_PATH.read_text(encoding="utf-8"))
    return {key: frozenset(names) for key, names in data["blocks"].items()}


def block_names(key: str) -> frozenset[str] | None:
    """Return the names known inside one untyped block, or None if it is not listed."""
    return _blocks().get(key)


@functools.cache
def statement_names() -> frozenset[str]:
    """Return every Terraform name that may occur inside a WAFv2 rule statement."""
    blocks = _blocks()
    return blocks["aws_wafv2_web_acl.rule.statement"] | blocks["aws_wafv2_rule_group.rule.statement"]
