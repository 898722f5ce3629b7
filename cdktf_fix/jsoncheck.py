"""Check a synthesized `cdk.tf.json` against the provider index, offline.

`terraform validate` needs the provider binary of the right version; this check
needs only the index, so it matches the pinned provider exactly. It reports
unknown arguments and blocks, a list where one block is expected and the
reverse, missing required arguments, and unknown keys inside the untyped WAFv2
rule statements.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cdktf_fix.index import FieldInfo, ProviderIndex
from cdktf_fix.matching import closest
from cdktf_fix.untyped import statement_names

META_ARGUMENTS = frozenset(
    {"//", "depends_on", "count", "for_each", "provider", "lifecycle", "provisioner",
     "connection", "dynamic"}
)
BLOCK_SECTIONS = (("resource", "resource", ""), ("data", "data_source", "data."))


@dataclass(frozen=True)
class JsonFinding:
    address: str
    """The Terraform address, such as `aws_s3_bucket.logs` or `data.aws_iam_policy_document.x`."""
    path: str
    """The path inside the block, such as `rule[0].filter`."""
    message: str

    def render(self) -> str:
        where = f"{self.address}.{self.path}" if self.path else self.address
        return f"{where}: {self.message}"


def terraform_name(field: FieldInfo) -> str:
    """Return the name a field has in Terraform JSON (no keyword underscore)."""
    return field.name.rstrip("_") if field.name.endswith("_") else field.name


def check_document(document: dict[str, Any], index: ProviderIndex) -> list[JsonFinding]:
    findings: list[JsonFinding] = []
    for section, kind, prefix in BLOCK_SECTIONS:
        for tf_type, blocks in (document.get(section) or {}).items():
            if not isinstance(blocks, dict):
                continue
            name = index.class_for_terraform_type(tf_type, kind)
            for block_name, body in blocks.items():
                address = f"{prefix}{tf_type}.{block_name}"
                if name is None:
                    findings.append(JsonFinding(address, "", f"unknown {kind.replace('_', ' ')} type `{tf_type}`"))
                    continue
                findings.extend(_check_block(body, name, index, address, "", top=True))
    return findings


def _check_block(
    body: Any, struct: str, index: ProviderIndex, address: str, path: str, top: bool = False
) -> Iterator[JsonFinding]:
    if not isinstance(body, dict):
        return
    fields = {terraform_name(f): f for f in (index.fields(struct) or {}).values()}
    if not fields:
        return
    # The generator renames attributes that clash with its own members, such as
    # `self` to `selfAttribute`; the JSON keeps the Terraform name.
    aliases = {n.removesuffix("_attribute"): f for n, f in fields.items() if n.endswith("_attribute")}
    for key, value in body.items():
        where = f"{path}.{key}" if path else key
        if top and key in META_ARGUMENTS:
            continue
        field = fields.get(key) or aliases.get(key)
        if field is None:
            better = closest(key, fields)
            hint = f"; did you mean `{better}`?" if better else ""
            yield JsonFinding(address, where, f"unknown argument or block `{key}`{hint}")
            continue
        yield from _check_value(value, field, index, address, where, struct)
    for name, field in fields.items():
        alias = name.removesuffix("_attribute")
        if field.required and name not in body and alias not in body:
            yield JsonFinding(address, path, f"missing required argument `{name}`")


def _check_value(
    value: Any, field: FieldInfo, index: ProviderIndex, address: str, where: str, owner: str
) -> Iterator[JsonFinding]:
    if isinstance(value, str) and value.startswith("${"):
        return
    if field.kind == "struct_list" and field.struct:
        if isinstance(value, dict):
            yield JsonFinding(address, where, f"`{field.name}` takes a list of blocks, got one object")
            yield from _check_block(value, field.struct, index, address, where)
        elif isinstance(value, list):
            for number, item in enumerate(value):
                yield from _check_block(item, field.struct, index, address, f"{where}[{number}]")
    elif field.kind == "struct" and field.struct:
        if isinstance(value, list):
            yield JsonFinding(address, where, f"`{field.name}` takes one block, got a list")
        else:
            yield from _check_block(value, field.struct, index, address, where)
    elif field.kind == "any" and field.name == "statement" and owner.startswith("Wafv2"):
        yield from _check_statement(value, address, where)


def _check_statement(value: Any, address: str, where: str) -> Iterator[JsonFinding]:
    names = statement_names()
    if isinstance(value, dict):
        for key, item in value.items():
            if key not in names:
                yield JsonFinding(address, f"{where}.{key}", f"unknown statement key `{key}`")
            yield from _check_statement(item, address, f"{where}.{key}")
    elif isinstance(value, list):
        for number, item in enumerate(value):
            yield from _check_statement(item, address, f"{where}[{number}]")


def stack_files(path: Path) -> list[Path]:
    """Return `path` itself, or every `cdk.tf.json` below a folder."""
    if path.is_dir():
        return sorted(path.rglob("cdk.tf.json"))
    return [path]


def check_file(path: Path, index: ProviderIndex) -> list[JsonFinding]:
    document = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(document, dict):
        raise ValueError("not a JSON object")
    return check_document(document, index)
