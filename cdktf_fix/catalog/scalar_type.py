from __future__ import annotations

from typing import TYPE_CHECKING

import libcst as cst

from cdktf_fix.catalog.base import Entry, Example, Valid
from cdktf_fix.codemods.calls import find_keyword, replace_keyword_value
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
            "values of a struct dict",
            """
            from cdktf_cdktf_provider_aws.instance import Instance

            Instance(self, "vm", ami="ami-1", instance_type="t3.micro", root_block_device={"volume_size": "20", "encrypted": "true"})
            """,
            """
            from cdktf_cdktf_provider_aws.instance import Instance

            Instance(self, "vm", ami="ami-1", instance_type="t3.micro", root_block_device={"volume_size": 20, "encrypted": True})
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
            if field is not None and field.kind == "struct" and isinstance(arg.value, cst.Dict):
                updated = self._struct_dict(site.name, field, arg, updated, ctx)
                continue
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

    def _struct_dict(
        self, owner: str, field: FieldInfo, arg: cst.Arg, updated: cst.Call, ctx: Context
    ) -> cst.Call:
        """Retype the values of a dict given directly for a struct field.

        Such a dict is expanded into the struct's constructor, which checks the
        types of its keywords just like the resource's.
        """
        inner = ctx.index.fields(field.struct or "") or {}
        current = find_keyword(updated, field.name)
        if current is None or not isinstance(current.value, cst.Dict):
            return updated
        if len(current.value.elements) != len(arg.value.elements):  # type: ignore[attr-defined]
            return updated
        elements = list(current.value.elements)
        for position, element in enumerate(arg.value.elements):  # type: ignore[attr-defined]
            if not isinstance(element, cst.DictElement) or not isinstance(element.key, cst.SimpleString):
                continue
            key = element.key.evaluated_value
            inner_field = inner.get(key) if isinstance(key, str) else None
            if inner_field is None or inner_field.kind != "scalar":
                continue
            new_value = retyped(element.value, inner_field)
            if new_value is None:
                continue
            shown = cst.Module([]).code_for_node(element.value)
            message = f"Write `{key}` of `{field.name}` as a {inner_field.primitive}: `{owner}` rejects {shown}"
            twin = elements[position]
            if ctx.report(self, element, message) and isinstance(twin, cst.DictElement):
                elements[position] = twin.with_changes(value=new_value)
        return replace_keyword_value(updated, field.name, current.value.with_changes(elements=elements))
