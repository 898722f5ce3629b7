"""Derive the Terraform names allowed inside untyped blocks from a provider schema.

cdktf types a few deeply recursive blocks, such as the WAFv2 rule `statement`,
as `Any`, so the bindings cannot tell which keys are valid inside them. The
Terraform provider schema can. Usage, in a folder initialized with the AWS
provider (`terraform init -backend=false`):

    terraform providers schema -json > schema.json
    python scripts/derive_untyped_names.py schema.json cdktf_fix/data/untyped_names.json

The shipped file was derived from hashicorp/aws 5.100.0, the newest provider in
the offline mirror of the build machines; the 6.x statement blocks differ from
it at most by additions.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

UNTYPED = {
    "aws_wafv2_web_acl": ("rule", "statement"),
    "aws_wafv2_rule_group": ("rule", "statement"),
    "aws_quicksight_analysis": ("definition",),
    "aws_quicksight_dashboard": ("definition",),
    "aws_quicksight_template": ("definition",),
}


def names_below(block: dict[str, Any], found: set[str]) -> None:
    for name in block.get("attributes", {}):
        found.add(name)
    for name, nested in block.get("block_types", {}).items():
        found.add(name)
        names_below(nested["block"], found)


def derive(schema: dict[str, Any]) -> dict[str, Any]:
    providers = schema["provider_schemas"]
    aws = next(value for key, value in providers.items() if key.endswith("/aws"))
    result: dict[str, Any] = {}
    for resource, path in UNTYPED.items():
        if resource not in aws["resource_schemas"]:
            continue
        block = aws["resource_schemas"][resource]["block"]
        for step in path:
            block = block["block_types"][step]["block"]
        found: set[str] = set()
        names_below(block, found)
        result[f"{resource}.{'.'.join(path)}"] = sorted(found)
    return result


def main() -> int:
    source, target = Path(sys.argv[1]), Path(sys.argv[2])
    data = derive(json.loads(source.read_text()))
    data = {"source": "hashicorp/aws 5.100.0 provider schema", "blocks": data}
    target.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
