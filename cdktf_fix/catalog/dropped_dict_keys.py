from __future__ import annotations

from typing import TYPE_CHECKING

import libcst as cst

from cdktf_fix.catalog.base import Entry, Example, Valid
from cdktf_fix.codemods.calls import find_keyword, replace_keyword_value
from cdktf_fix.codemods.structs import keyword_map, list_of_structs, loses_keys
from cdktf_fix.codemods.values import literal_key
from cdktf_fix.results import Safety

if TYPE_CHECKING:
    from cdktf_fix.index import FieldInfo
    from cdktf_fix.walk import CallSite, Context


class DroppedDictKeys(Entry):
    code = "CDKTF015"
    slug = "dropped-dict-keys"
    title = "Dicts in a list of structs whose snake_case keys are dropped"
    safety = Safety.SAFE
    detects = (
        "A list of dicts passed where the provider takes a list of structs, where a "
        "dict holds a multi-word snake_case key such as `noncurrent_version_expiration`."
    )
    why = (
        "Dicts inside a list reach the jsii kernel as plain maps and are read by the "
        "camelCase property names. A `noncurrent_days` key matches nothing and is "
        "dropped without an error, so the block silently disappears from the "
        "synthesized configuration. Single-word keys work, which hides the fault."
    )
    fix = (
        "Replaces each dict of the list with an instance of the struct class, keyword "
        "for keyword, and imports the class. Nested dicts are converted the same way. "
        "When a key is not a field of the struct, it reports instead."
    )
    examples = (
        Example(
            "lifecycle rule",
            """
            from cdktf_cdktf_provider_aws.s3_bucket_lifecycle_configuration import S3BucketLifecycleConfiguration

            S3BucketLifecycleConfiguration(self, "lc", bucket=b.id, rule=[{"id": "old", "status": "Enabled", "noncurrent_version_expiration": [{"noncurrent_days": 30}]}])
            """,
            """
            from cdktf_cdktf_provider_aws.s3_bucket_lifecycle_configuration import S3BucketLifecycleConfiguration, S3BucketLifecycleConfigurationRule, S3BucketLifecycleConfigurationRuleNoncurrentVersionExpiration

            S3BucketLifecycleConfiguration(self, "lc", bucket=b.id, rule=[S3BucketLifecycleConfigurationRule(id="old", status="Enabled", noncurrent_version_expiration=[S3BucketLifecycleConfigurationRuleNoncurrentVersionExpiration(noncurrent_days=30)])])
            """,
        ),
        Example(
            "unknown key",
            """
            from cdktf_cdktf_provider_aws.ecs_cluster_capacity_providers import EcsClusterCapacityProviders

            EcsClusterCapacityProviders(self, "cp", cluster_name="c", default_capacity_provider_strategy=[{"capacity_provider": "FARGATE", "priority_weight": 1}])
            """,
        ),
    )
    examples = examples + (
        Example(
            "dicts built in a comprehension",
            """
            from cdktf_cdktf_provider_aws.security_group import SecurityGroup

            SecurityGroup(self, "web", ingress=[{"from_port": p, "to_port": p, "protocol": "tcp"} for p in (80, 443)])
            """,
            """
            from cdktf_cdktf_provider_aws.security_group import SecurityGroup, SecurityGroupIngress

            SecurityGroup(self, "web", ingress=[SecurityGroupIngress(from_port=p, to_port=p, protocol="tcp") for p in (80, 443)])
            """,
        ),
    )
    valid = (
        Valid(
            "keys of a map field",
            """
            from cdktf_cdktf_provider_aws.provider import AwsProvider

            AwsProvider(self, "aws", region="us-east-1", default_tags=[{"tags": {"cost_center": "cc-42"}}])
            """,
        ),
        Valid(
            "camelCase and single-word keys",
            """
            from cdktf_cdktf_provider_aws.ecs_cluster_capacity_providers import EcsClusterCapacityProviders

            EcsClusterCapacityProviders(self, "cp", cluster_name="c", default_capacity_provider_strategy=[{"capacityProvider": "FARGATE", "weight": 1}])
            """,
        ),
    )

    calls = "*"

    def on_call(self, site: CallSite, updated: cst.Call, ctx: Context) -> cst.BaseExpression:
        fields = ctx.index.fields(site.name) if site.class_info(ctx.index) else None
        if fields is None:
            return updated
        for arg in site.node.args:
            if arg.keyword is None or arg.keyword.value not in fields:
                continue
            field = fields[arg.keyword.value]
            if field.kind != "struct_list" or not field.struct:
                continue
            if not loses_keys(arg.value, field.struct, ctx):
                continue
            updated = self._convert(site.name, field, arg, updated, ctx)
        return updated

    def _convert(
        self, owner: str, field: FieldInfo, arg: cst.Arg, updated: cst.Call, ctx: Context
    ) -> cst.Call:
        current = find_keyword(updated, field.name)
        if current is None or not isinstance(current.value, (cst.List, cst.ListComp)) or not field.struct:
            return updated
        snapshot = ctx.snapshot_imports()
        converted = list_of_structs(current.value, field.struct, ctx)
        if converted is None:
            ctx.restore_imports(snapshot)
            unknown = self._unknown_keys(arg.value, field.struct, ctx)
            message = (
                f"Dicts in `{field.name}` of `{owner}` lose their snake_case keys; "
                f"use `{field.struct}` instances (unknown keys: {unknown})"
            )
            ctx.report(self, arg, message, safety=Safety.DETECT_ONLY)
            return updated
        message = (
            f"Replace the dicts in `{field.name}` of `{owner}` with `{field.struct}`: "
            "their snake_case keys are dropped"
        )
        if ctx.report(self, arg, message):
            return replace_keyword_value(updated, field.name, converted)
        ctx.restore_imports(snapshot)
        return updated

    @staticmethod
    def _unknown_keys(value: cst.BaseExpression, struct: str, ctx: Context) -> str:
        accepted = keyword_map(ctx.index.fields(struct) or {})
        unknown: list[str] = []
        if isinstance(value, cst.List):
            for element in value.elements:
                if isinstance(element.value, cst.Dict):
                    for item in element.value.elements:
                        key = literal_key(item)
                        if key is not None and key not in accepted and key not in unknown:
                            unknown.append(key)
        return ", ".join(f"`{k}`" for k in unknown) or "none at the top level"
