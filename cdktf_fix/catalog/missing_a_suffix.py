from __future__ import annotations

from typing import TYPE_CHECKING

import libcst as cst

from cdktf_fix.catalog.base import Entry, Example, Valid
from cdktf_fix.codemods.imports import rename_imported
from cdktf_fix.results import Safety

if TYPE_CHECKING:
    from cdktf_fix.walk import CallSite, Context


def suffixed_name(ctx: Context, module: str, name: str) -> str | None:
    """Return the `A`-suffixed class that `name` stands for in `module`, if any."""
    if not ctx.index.has_module(module) or name in ctx.index.exports(module):
        return None
    real = ctx.index.suffixed_classes().get(name)
    if real is None or real not in ctx.index.exports(module):
        return None
    return real


class MissingASuffix(Entry):
    code = "CDKTF002"
    slug = "missing-a-suffix"
    title = "Resource class needs the `A` suffix"
    safety = Safety.SAFE
    detects = (
        "A class taken from its own provider module under the name of a struct of "
        "another module, such as `S3BucketVersioning` from `s3_bucket_versioning`, "
        "in a `from ... import`, with an alias, or as a module attribute."
    )
    why = (
        "The provider keeps class names unique across all modules. When a resource "
        "collides with the struct of an older inline block (`s3_bucket` has a "
        "`S3BucketVersioning` struct), the generator appends `A` to the resource and "
        "its structs. The import fails with `ImportError: cannot import name`."
    )
    fix = (
        "Renames the class to its suffixed name in the import and in every use. An "
        "alias keeps its local name. The same name imported from the module where "
        "it is a struct is valid and stays."
    )
    examples = (
        Example(
            "from import",
            """
            from cdktf_cdktf_provider_aws.s3_bucket_versioning import S3BucketVersioning

            S3BucketVersioning(self, "versioning", bucket=bucket.id)
            """,
            """
            from cdktf_cdktf_provider_aws.s3_bucket_versioning import S3BucketVersioningA

            S3BucketVersioningA(self, "versioning", bucket=bucket.id)
            """,
        ),
        Example(
            "alias keeps local name",
            """
            from cdktf_cdktf_provider_aws.s3_bucket_logging import S3BucketLogging as Logging

            Logging(self, "logging", bucket=bucket.id, target_bucket=logs.id, target_prefix="s3/")
            """,
            """
            from cdktf_cdktf_provider_aws.s3_bucket_logging import S3BucketLoggingA as Logging

            Logging(self, "logging", bucket=bucket.id, target_bucket=logs.id, target_prefix="s3/")
            """,
        ),
        Example(
            "module attribute",
            """
            from cdktf_cdktf_provider_aws import s3_bucket_server_side_encryption_configuration as sse

            sse.S3BucketServerSideEncryptionConfiguration(self, "sse", bucket=bucket.id, rule=[
                sse.S3BucketServerSideEncryptionConfigurationRule(bucket_key_enabled=True)])
            """,
            """
            from cdktf_cdktf_provider_aws import s3_bucket_server_side_encryption_configuration as sse

            sse.S3BucketServerSideEncryptionConfigurationA(self, "sse", bucket=bucket.id, rule=[
                sse.S3BucketServerSideEncryptionConfigurationRuleA(bucket_key_enabled=True)])
            """,
        ),
    )
    examples = examples + (
        Example(
            "struct called as a resource",
            """
            from cdktf_cdktf_provider_aws.s3_bucket import S3BucketVersioning

            S3BucketVersioning(self, "versioning", bucket=bucket.id, versioning_configuration={"status": "Enabled"})
            """,
            """
            from cdktf_cdktf_provider_aws.s3_bucket import S3BucketVersioning
            from cdktf_cdktf_provider_aws.s3_bucket_versioning import S3BucketVersioningA

            S3BucketVersioningA(self, "versioning", bucket=bucket.id, versioning_configuration={"status": "Enabled"})
            """,
        ),
    )
    valid = (
        Valid(
            "struct of the inline block",
            """
            from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket, S3BucketVersioning

            S3Bucket(self, "b", versioning=S3BucketVersioning(enabled=True))
            """,
        ),
        Valid(
            "unsuffixed classes",
            """
            from cdktf_cdktf_provider_aws.s3_bucket_lifecycle_configuration import (
                S3BucketLifecycleConfiguration,
            )
            from cdktf_cdktf_provider_aws.s3_bucket_versioning import S3BucketVersioningA
            """,
        ),
    )

    handles_imports = True
    handles_references = True
    calls = "*"

    def on_call(self, site: CallSite, updated: cst.Call, ctx: Context) -> cst.BaseExpression:
        """Point a struct called like a resource (with scope and id) at the resource."""
        real = ctx.index.suffixed_classes().get(site.name) if site.module else None
        if real is None or not any(a.keyword is None and not a.star for a in site.node.args):
            return updated
        info = ctx.index.class_info(real)
        if info is None or info.kind != "resource" or site.module == info.module:
            return updated
        snapshot = ctx.snapshot_imports()
        callee = ctx.provider_name(info.module, real)
        message = (
            f"Use `{real}` from `{info.module}`: `{site.module}.{site.name}` is the "
            "struct of an inline block, not a resource"
        )
        if ctx.report(self, site.node.func, message):
            return updated.with_changes(func=cst.parse_expression(callee))
        ctx.restore_imports(snapshot)
        return updated

    def on_import_from(
        self, original: cst.ImportFrom, updated: cst.ImportFrom, module: str, ctx: Context
    ) -> cst.ImportFrom:
        submodule = module.removeprefix(ctx.package + ".")
        if submodule == module or isinstance(original.names, cst.ImportStar):
            return updated
        for alias in original.names:
            if not isinstance(alias.name, cst.Name):
                continue
            name = alias.name.value
            real = suffixed_name(ctx, submodule, name)
            if real is None:
                continue
            message = f"Rename `{name}` to `{real}`: `{submodule}` has no class `{name}`"
            if ctx.report(self, alias, message):
                updated, local_changed = rename_imported(updated, name, real)
                if local_changed:
                    ctx.rename_local(name, real)
        return updated

    def on_reference(
        self,
        original: cst.Attribute,
        updated: cst.BaseExpression,
        module: str,
        name: str,
        ctx: Context,
    ) -> cst.BaseExpression:
        real = suffixed_name(ctx, module, name)
        if real is None or not isinstance(updated, cst.Attribute):
            return updated
        message = f"Rename `{name}` to `{real}`: `{module}` has no class `{name}`"
        if ctx.report(self, original, message):
            return updated.with_changes(attr=cst.Name(real))
        return updated
