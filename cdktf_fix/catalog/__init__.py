"""The catalog: one entry per failure kind, in code order."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cdktf_fix.catalog.base import Entry

ENTRY_PATHS = (
    "cdktf_fix.catalog.multiple_stacks:MultipleStacks",
    "cdktf_fix.catalog.missing_a_suffix:MissingASuffix",
    "cdktf_fix.catalog.unknown_module:UnknownModule",
    "cdktf_fix.catalog.unknown_keyword:UnknownKeyword",
    "cdktf_fix.catalog.ecs_capacity_providers:EcsCapacityProviders",
    "cdktf_fix.catalog.wafv2_rule_statement:Wafv2RuleStatement",
    "cdktf_fix.catalog.s3_lifecycle_filter:S3LifecycleFilter",
    "cdktf_fix.catalog.retired_engine_version:RetiredEngineVersion",
    "cdktf_fix.catalog.unknown_class:UnknownClass",
    "cdktf_fix.catalog.struct_shape:StructShape",
    "cdktf_fix.catalog.dropped_dict_keys:DroppedDictKeys",
    "cdktf_fix.catalog.missing_required:MissingRequired",
    "cdktf_fix.catalog.untyped_block_keys:UntypedBlockKeys",
    "cdktf_fix.catalog.scalar_type:ScalarType",
    "cdktf_fix.catalog.acm_dns_validation:AcmDnsValidation",
    "cdktf_fix.catalog.kms_logs_policy:KmsLogsPolicy",
    "cdktf_fix.catalog.hardcoded_route_table_ids:HardcodedRouteTableIds",
    "cdktf_fix.catalog.replication_prerequisites:ReplicationPrerequisites",
)


def all_entries() -> list[Entry]:
    """Instantiate every entry, sorted by code."""
    entries = []
    for path in ENTRY_PATHS:
        module_name, _, class_name = path.partition(":")
        entries.append(getattr(import_module(module_name), class_name)())
    return sorted(entries, key=lambda entry: entry.code)


def entry_for(code: str) -> Entry | None:
    code = code.upper()
    return next((e for e in all_entries() if e.code == code or e.slug == code.lower()), None)
