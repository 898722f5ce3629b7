from __future__ import annotations

from typing import TYPE_CHECKING

import libcst as cst

from cdktf_fix.catalog.base import Entry, Example, Valid
from cdktf_fix.codemods.calls import replace_keyword_value
from cdktf_fix.results import Safety

if TYPE_CHECKING:
    from cdktf_fix.index import FieldInfo
    from cdktf_fix.walk import CallSite, Context


def retyped(value: cst.BaseExpression, field: FieldInfo) -> cst.BaseExpression | None:
    """Return the literal in the type the field takes, or None if it needs no change."""
    if field.primitive == "string" and isinstance(value, (cst.Integer, cst.Float)):
        return cst.SimpleString(f'"{value.value}"')
    if isinstance(value, cst.SimpleString) and isinstance(value.evaluated_value, str):
        text = value.evaluated_value.strip()
        if field.primitive == "number":
            try:
                number = float(text)
            except ValueError:
                return None
            return cst.Integer(str(int(number))) if number.is_integer() and "." not in text else cst.Float(text)
        if field.primitive == "boolean" and text.lower() in ("true", "false"):
            return cst.Name("True" if text.lower() == "true" else "False")
    return None


class ScalarType(Entry):
    code = "CDKTF018"
    slug = "scalar-type"
    title = "Literal of the wrong scalar type"
    safety = Safety.SAFE
    detects = (
        "A number literal where the provider takes a string (the scheduled action's "
        "`min_capacity`), a numeric string where it takes a number, and the strings "
        "`'true'` or `'false'` where it takes a boolean."
    )
    why = (
        "typeguard checks the constructor's arguments: `TypeError: type of argument "
        "max_capacity must be one of (str, NoneType); got int instead`. Booleans "
        "typed `bool | IResolvable` pass typeguard and fail in the jsii kernel with "
        "`Unable to deserialize value as boolean`."
    )
    fix = (
        "Writes the same value as a literal of the type the field takes: `1` as "
        '`"1"`, `"4"` as `4`, `"true"` as `True`.'
    )
    examples = (
        Example(
            "capacity as string",
            """
            from cdktf_cdktf_provider_aws.appautoscaling_scheduled_action import AppautoscalingScheduledActionScalableTargetAction

            AppautoscalingScheduledActionScalableTargetAction(min_capacity=1, max_capacity=4)
            """,
            """
            from cdktf_cdktf_provider_aws.appautoscaling_scheduled_action import AppautoscalingScheduledActionScalableTargetAction

            AppautoscalingScheduledActionScalableTargetAction(min_capacity="1", max_capacity="4")
            """,
        ),
        Example(
            "number and boolean as strings",
            """
            from cdktf_cdktf_provider_aws.appautoscaling_target import AppautoscalingTarget
            from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket

            AppautoscalingTarget(self, "t", min_capacity="1", max_capacity="4", resource_id="r", scalable_dimension="d", service_namespace="ecs")
            S3Bucket(self, "b", force_destroy="true")
            """,
            """
            from cdktf_cdktf_provider_aws.appautoscaling_target import AppautoscalingTarget
            from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket

            AppautoscalingTarget(self, "t", min_capacity=1, max_capacity=4, resource_id="r", scalable_dimension="d", service_namespace="ecs")
            S3Bucket(self, "b", force_destroy=True)
            """,
        ),
    )
    valid = (
        Valid(
            "right types and expressions",
            """
            from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
            from cdktf_cdktf_provider_aws.rds_cluster import RdsCluster

            S3Bucket(self, "b", bucket="123", force_destroy=flag)
            RdsCluster(self, "db", engine="aurora-postgresql", engine_version="15.4", port=5432)
            """,
        ),
    )

    calls = "*"

    def on_call(self, site: CallSite, updated: cst.Call, ctx: Context) -> cst.BaseExpression:
        info = site.class_info(ctx.index)
        fields = ctx.index.fields(site.name) if info else None
        if not fields:
            return updated
        for arg in site.node.args:
            field = fields.get(arg.keyword.value) if arg.keyword is not None else None
            if field is None or field.kind != "scalar":
                continue
            new_value = retyped(arg.value, field)
            if new_value is None:
                continue
            shown = cst.Module([]).code_for_node(arg.value)
            message = f"Write `{field.name}` as a {field.primitive}: `{site.name}` rejects {shown}"
            if ctx.report(self, arg, message):
                updated = replace_keyword_value(updated, field.name, new_value)
        return updated
