from __future__ import annotations

from typing import TYPE_CHECKING

import libcst as cst

from cdktf_fix.catalog.base import Entry, Example, Valid
from cdktf_fix.codemods.calls import replace_keyword_value
from cdktf_fix.codemods.values import wrap_in_list
from cdktf_fix.results import Safety

if TYPE_CHECKING:
    from cdktf_fix.index import FieldInfo
    from cdktf_fix.walk import CallSite, Context


def is_struct_value(value: cst.BaseExpression, struct: str, ctx: Context) -> bool:
    """Tell whether a value is a dict literal or a call of the struct class."""
    if isinstance(value, cst.Dict):
        return True
    if isinstance(value, cst.Call):
        qualified = ctx.bindings.qualify(value.func)
        return qualified is not None and qualified.rsplit(".", 1)[-1] == struct
    return False


class StructShape(Entry):
    code = "CDKTF014"
    slug = "struct-shape"
    title = "Single struct where a list of structs is expected, or the reverse"
    safety = Safety.SAFE
    detects = (
        "A dict or struct instance passed for an argument that takes a list of "
        "structs (most nested blocks in provider 6, such as lifecycle `expiration`), "
        "and a one-element list passed where a single struct is expected (S3 "
        "replication `destination`)."
    )
    why = (
        "The struct's own constructor accepts either shape because its type includes "
        "`IResolvable`, so the error surfaces later in the jsii kernel: "
        "`RuntimeError: ... Unable to deserialize value as ...`."
    )
    fix = (
        "Wraps the single value in a list, or unwraps a one-element list. A list of "
        "several values where one struct is expected is reported only."
    )
    examples = (
        Example(
            "dict for a list of structs",
            """
            from cdktf_cdktf_provider_aws.s3_bucket_lifecycle_configuration import S3BucketLifecycleConfigurationRule

            S3BucketLifecycleConfigurationRule(id="old", status="Enabled", expiration={"days": 90})
            """,
            """
            from cdktf_cdktf_provider_aws.s3_bucket_lifecycle_configuration import S3BucketLifecycleConfigurationRule

            S3BucketLifecycleConfigurationRule(id="old", status="Enabled", expiration=[{"days": 90}])
            """,
        ),
        Example(
            "list for a single struct",
            """
            from cdktf_cdktf_provider_aws.s3_bucket_replication_configuration import S3BucketReplicationConfigurationRule

            S3BucketReplicationConfigurationRule(id="all", status="Enabled", destination=[{"bucket": replica.arn}])
            """,
            """
            from cdktf_cdktf_provider_aws.s3_bucket_replication_configuration import S3BucketReplicationConfigurationRule

            S3BucketReplicationConfigurationRule(id="all", status="Enabled", destination={"bucket": replica.arn})
            """,
        ),
    )
    valid = (
        Valid(
            "right shapes",
            """
            from cdktf_cdktf_provider_aws.s3_bucket_lifecycle_configuration import S3BucketLifecycleConfigurationRule
            from cdktf_cdktf_provider_aws.s3_bucket_replication_configuration import S3BucketReplicationConfigurationRule

            S3BucketLifecycleConfigurationRule(id="old", status="Enabled", expiration=[{"days": 90}])
            S3BucketReplicationConfigurationRule(id="all", status="Enabled", destination={"bucket": replica.arn})
            S3BucketLifecycleConfigurationRule(id="new", status="Enabled", expiration=rules)
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
            if ctx.is_claimed(site.name, arg.keyword.value):
                continue
            updated = self._check(site.name, fields[arg.keyword.value], arg, updated, ctx)
        return updated

    def _check(
        self, owner: str, field: FieldInfo, arg: cst.Arg, updated: cst.Call, ctx: Context
    ) -> cst.Call:
        current = next(
            (a for a in updated.args if a.keyword and a.keyword.value == field.name), None
        )
        if current is None or not field.struct:
            return updated
        value = arg.value
        if field.kind == "struct_list" and is_struct_value(value, field.struct, ctx):
            message = f"Wrap `{field.name}` of `{owner}` in a list: it takes a list of `{field.struct}`"
            if ctx.report(self, arg, message):
                return replace_keyword_value(updated, field.name, wrap_in_list(current.value))
            return updated
        if field.kind == "struct" and isinstance(value, cst.List):
            items = [e for e in value.elements if isinstance(e, cst.Element)]
            if len(items) != len(value.elements) or not items:
                return updated
            if not all(is_struct_value(item.value, field.struct, ctx) for item in items):
                return updated
            if len(items) > 1:
                message = f"`{field.name}` of `{owner}` takes one `{field.struct}`, not a list of {len(items)}"
                ctx.report(self, arg, message, safety=Safety.DETECT_ONLY)
                return updated
            message = f"Unwrap `{field.name}` of `{owner}`: it takes a single `{field.struct}`, not a list"
            if ctx.report(self, arg, message) and isinstance(current.value, cst.List):
                inner = current.value.elements[0]
                assert isinstance(inner, cst.Element)
                return replace_keyword_value(updated, field.name, inner.value)
        return updated
