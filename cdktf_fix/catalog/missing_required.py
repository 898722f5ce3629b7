from __future__ import annotations

from typing import TYPE_CHECKING

import libcst as cst

from cdktf_fix.catalog.base import Entry, Example, Valid
from cdktf_fix.matching import closest
from cdktf_fix.results import Safety

if TYPE_CHECKING:
    from cdktf_fix.walk import CallSite, Context


class MissingRequired(Entry):
    code = "CDKTF016"
    slug = "missing-required-argument"
    title = "Required argument missing"
    safety = Safety.DETECT_ONLY
    detects = (
        "A call of a resource, data source or struct class that leaves out an "
        "argument the provider marks as required, such as `visibility_config` of "
        "`Wafv2WebAcl`."
    )
    why = (
        "Required arguments are keyword-only parameters without a default, so the "
        "constructor raises `TypeError: __init__() missing 1 required keyword-only "
        "argument` before anything is synthesized."
    )
    fix = (
        "None: the value is the author's to choose. The finding names every missing "
        "argument."
    )
    known_problems = "Calls that pass `**kwargs` are skipped, since they may supply it."
    examples = (
        Example(
            "missing visibility config",
            """
            from cdktf_cdktf_provider_aws.wafv2_web_acl import Wafv2WebAcl

            Wafv2WebAcl(self, "waf", name="app", scope="REGIONAL", default_action={"allow": {}})
            """,
        ),
    )
    valid = (
        Valid(
            "all required present or splatted",
            """
            from cdktf_cdktf_provider_aws.rds_cluster import RdsCluster
            from cdktf_cdktf_provider_aws.s3_bucket_lifecycle_configuration import S3BucketLifecycleConfigurationRule

            RdsCluster(self, "db", engine="aurora-postgresql")
            S3BucketLifecycleConfigurationRule(**rule)
            S3BucketLifecycleConfigurationRule(id="a", status="Enabled", prefix="")
            S3BucketLifecycleConfigurationRule(id="b", Status="Enabled", prefix="")
            """,
        ),
    )

    calls = "*"

    def on_call(self, site: CallSite, updated: cst.Call, ctx: Context) -> cst.BaseExpression:
        info = site.class_info(ctx.index)
        fields = ctx.index.fields(site.name) if info else None
        if info is None or fields is None or any(arg.star for arg in site.node.args):
            return updated
        if info.kind == "struct" and any(arg.keyword is None for arg in site.node.args):
            return updated
        given = {arg.keyword.value for arg in site.node.args if arg.keyword is not None}
        # A misspelled keyword that CDKTF004 renames supplies its argument.
        unknown = sorted(given - set(fields))
        given |= {closest(name, sorted(fields)) for name in unknown} - {None}
        missing = [
            name
            for name, field in fields.items()
            if field.required and name not in given and not ctx.is_claimed(site.name, name)
        ]
        if missing:
            names = ", ".join(f"`{name}`" for name in missing)
            ctx.report(self, site.node, f"Add {names}: `{site.name}` requires it")
        return updated
