from __future__ import annotations

from typing import TYPE_CHECKING

import libcst as cst

from cdktf_fix.catalog.base import Entry, Example, Valid
from cdktf_fix.codemods.calls import find_keyword, replace_keyword_value
from cdktf_fix.codemods.structs import keyword_map
from cdktf_fix.codemods.values import literal_key, wrap_in_list
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
    examples = examples + (
        Example(
            "inside a rule written as a dict",
            """
            from cdktf_cdktf_provider_aws.s3_bucket_replication_configuration import S3BucketReplicationConfigurationA

            S3BucketReplicationConfigurationA(self, "r", bucket=b.id, role=role.arn, rule=[{"id": "all", "status": "Enabled", "destination": [{"bucket": dst.arn}]}])
            """,
            """
            from cdktf_cdktf_provider_aws.s3_bucket_replication_configuration import S3BucketReplicationConfigurationA

            S3BucketReplicationConfigurationA(self, "r", bucket=b.id, role=role.arn, rule=[{"id": "all", "status": "Enabled", "destination": {"bucket": dst.arn}}])
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
        current = find_keyword(updated, field.name)
        if current is None or not field.struct:
            return updated
        new_value = self._reshape(owner, field, arg.value, current.value, arg, ctx)
        if new_value is current.value:
            return updated
        return replace_keyword_value(updated, field.name, new_value)

    def _reshape(
        self,
        owner: str,
        field: FieldInfo,
        value: cst.BaseExpression,
        current: cst.BaseExpression,
        node: cst.CSTNode,
        ctx: Context,
    ) -> cst.BaseExpression:
        """Return `current` in the shape `field` takes; report on `node`."""
        if not field.struct:
            return current
        if field.kind == "struct_list" and is_struct_value(value, field.struct, ctx):
            message = f"Wrap `{field.name}` of `{owner}` in a list: it takes a list of `{field.struct}`"
            return wrap_in_list(current) if ctx.report(self, node, message) else current
        if field.kind == "struct_list" and isinstance(value, cst.List) and isinstance(current, cst.List):
            return self._inside_list(field.struct, value, current, ctx)
        if field.kind != "struct" or not isinstance(value, cst.List):
            return current
        items = [e for e in value.elements if isinstance(e, cst.Element)]
        if len(items) != len(value.elements) or not items:
            return current
        if not all(is_struct_value(item.value, field.struct, ctx) for item in items):
            return current
        if len(items) > 1:
            message = f"`{field.name}` of `{owner}` takes one `{field.struct}`, not a list of {len(items)}"
            ctx.report(self, node, message, safety=Safety.DETECT_ONLY)
            return current
        message = f"Unwrap `{field.name}` of `{owner}`: it takes a single `{field.struct}`, not a list"
        if ctx.report(self, node, message) and isinstance(current, cst.List):
            inner = current.elements[0]
            if isinstance(inner, cst.Element):
                return inner.value
        return current

    def _inside_list(
        self, struct: str, value: cst.List, current: cst.List, ctx: Context
    ) -> cst.List:
        """Reshape the entries of dicts written as elements of a list of structs."""
        if len(value.elements) != len(current.elements):
            return current
        fields = ctx.index.fields(struct) or {}
        by_key = keyword_map(fields)
        elements = list(current.elements)
        for position, element in enumerate(value.elements):
            twin = elements[position]
            if not isinstance(element.value, cst.Dict) or not isinstance(twin.value, cst.Dict):
                continue
            if len(element.value.elements) != len(twin.value.elements):
                continue
            entries = list(twin.value.elements)
            for number, entry in enumerate(element.value.elements):
                key = literal_key(entry)
                inner = fields.get(by_key.get(key, "")) if key else None
                new_entry = entries[number]
                if inner is None or not isinstance(entry, cst.DictElement):
                    continue
                if ctx.is_claimed(struct, inner.name):
                    continue
                if not isinstance(new_entry, cst.DictElement):
                    continue
                reshaped = self._reshape(struct, inner, entry.value, new_entry.value, entry, ctx)
                if reshaped is not new_entry.value:
                    entries[number] = new_entry.with_changes(value=reshaped)
            elements[position] = twin.with_changes(value=twin.value.with_changes(elements=entries))
        return current.with_changes(elements=elements)
