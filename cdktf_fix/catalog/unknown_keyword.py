from __future__ import annotations

import functools
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING

import libcst as cst

from cdktf_fix.catalog.base import Entry, Example, Valid
from cdktf_fix.codemods.calls import rename_keyword, replace_keyword_value
from cdktf_fix.codemods.values import literal_key, with_key
from cdktf_fix.matching import closest
from cdktf_fix.results import Safety

if TYPE_CHECKING:
    from cdktf_fix.index import FieldInfo
    from cdktf_fix.walk import CallSite, Context

CONSTRUCT_PARAMETERS = ("scope", "id_")
"""Positional parameters of every resource, data source and provider class."""

RENAMED_PATH = Path(__file__).parent.parent / "data" / "renamed_arguments.toml"


@functools.cache
def renamed_arguments() -> tuple[dict[tuple[str, str], str], dict[tuple[str, str], dict[str, str]]]:
    """Return the provider's renamed arguments and the replaced (argument, value) pairs."""
    data = tomllib.loads(RENAMED_PATH.read_text(encoding="utf-8"))
    renamed = {(item["class"], item["old"]): item["new"] for item in data.get("renamed", [])}
    replaced = {(item["class"], item["old"]): item for item in data.get("replaced", [])}
    return renamed, replaced


class UnknownKeyword(Entry):
    code = "CDKTF004"
    slug = "unknown-keyword"
    title = "Keyword argument or struct key the provider does not have"
    safety = Safety.SAFE
    detects = (
        "A keyword argument that the resource, data source or struct class does not "
        "take, such as `manages_master_user_password` on `RdsCluster`, and an "
        "unknown key of a dict passed where a struct is expected."
    )
    why = (
        "The Python bindings take keyword-only arguments, so the constructor raises "
        "`TypeError: __init__() got an unexpected keyword argument`. A dict given for "
        "a struct is expanded into the struct's constructor and fails the same way."
    )
    fix = (
        "Renames the argument or key to the one valid name it most likely meant: the "
        "same name up to case and underscores, a plural, or a clearly closest name. "
        "When no name is close, or two are equally close, it only reports."
    )
    known_problems = (
        "Arguments that the provider removed, rather than misspelled, have no close "
        "name and are only reported, unless another entry (such as the ECS capacity "
        "providers) knows where they went."
    )
    examples = (
        Example(
            "misspelled argument",
            """
            from cdktf_cdktf_provider_aws.rds_cluster import RdsCluster

            RdsCluster(self, "db", engine="aurora-postgresql", manages_master_user_password=True)
            """,
            """
            from cdktf_cdktf_provider_aws.rds_cluster import RdsCluster

            RdsCluster(self, "db", engine="aurora-postgresql", manage_master_user_password=True)
            """,
        ),
        Example(
            "camelCase argument",
            """
            from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket

            S3Bucket(self, "b", bucket="logs", forceDestroy=True)
            """,
            """
            from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket

            S3Bucket(self, "b", bucket="logs", force_destroy=True)
            """,
        ),
        Example(
            "dict key of a struct",
            """
            from cdktf_cdktf_provider_aws.s3_bucket_versioning import S3BucketVersioningA

            S3BucketVersioningA(self, "v", bucket=b.id, versioning_configuration={"Status": "Enabled"})
            """,
            """
            from cdktf_cdktf_provider_aws.s3_bucket_versioning import S3BucketVersioningA

            S3BucketVersioningA(self, "v", bucket=b.id, versioning_configuration={"status": "Enabled"})
            """,
        ),
        Example(
            "argument the provider renamed",
            """
            from cdktf_cdktf_provider_aws.db_instance import DbInstance
            from cdktf_cdktf_provider_aws.eip import Eip

            DbInstance(self, "db", engine="postgres", instance_class="db.t4g.micro", name="ledger")
            Eip(self, "nat", vpc=True)
            """,
            """
            from cdktf_cdktf_provider_aws.db_instance import DbInstance
            from cdktf_cdktf_provider_aws.eip import Eip

            DbInstance(self, "db", engine="postgres", instance_class="db.t4g.micro", db_name="ledger")
            Eip(self, "nat", domain="vpc")
            """,
        ),
        Example(
            "no close name",
            """
            from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket

            S3Bucket(self, "b", bucket="logs", colour="blue")
            """,
        ),
    )
    valid = (
        Valid(
            "construct parameters and meta-arguments",
            """
            from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket

            S3Bucket(scope=self, id_="b", bucket="logs", depends_on=[key], provider=replica)
            """,
        ),
        Valid(
            "splat arguments",
            """
            from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket

            S3Bucket(self, "b", **settings)
            """,
        ),
    )

    calls = "*"

    def on_call(self, site: CallSite, updated: cst.Call, ctx: Context) -> cst.BaseExpression:
        info = site.class_info(ctx.index)
        fields = ctx.index.fields(site.name) if info else None
        if info is None or fields is None:
            return updated
        positional = any(a.keyword is None and not a.star for a in site.node.args)
        if info.kind == "struct" and positional:
            return updated  # a struct called like a resource: CDKTF002's case
        allowed = set(fields)
        if info.kind != "struct":
            allowed.update(CONSTRUCT_PARAMETERS)
            if "scope" in fields:
                allowed.add("scope_")
        present = {a.keyword.value for a in site.node.args if a.keyword is not None}
        for arg in site.node.args:
            if arg.keyword is None:
                continue
            name = arg.keyword.value
            if name in allowed:
                updated = self._check_value(site.name, fields.get(name), arg, updated, ctx)
                continue
            if ctx.is_claimed(site.name, name):
                continue
            updated = self._rename(site.name, name, allowed - present, arg, updated, ctx)
        return updated

    def _rename(
        self,
        owner: str,
        name: str,
        choices: set[str],
        arg: cst.Arg,
        updated: cst.Call,
        ctx: Context,
    ) -> cst.Call:
        renamed, replaced = renamed_arguments()
        swap = replaced.get((owner, name))
        if swap is not None and cst.Module([]).code_for_node(arg.value) == swap["when"]:
            message = f"Replace `{name}={swap['when']}` with `{swap['new']}={swap['value']}`: the provider removed `{name}`"
            if ctx.report(self, arg, message):
                value = cst.parse_expression(swap["value"])
                return replace_keyword_value(rename_keyword(updated, name, swap["new"]), swap["new"], value)
            return updated
        better = renamed.get((owner, name))
        if better is not None and better in choices:
            message = f"Rename `{name}` to `{better}`: the provider renamed this argument of `{owner}`"
            if ctx.report(self, arg, message):
                return rename_keyword(updated, name, better)
            return updated
        better = closest(name, sorted(choices - set(CONSTRUCT_PARAMETERS)))
        if better is None:
            message = f"`{owner}` has no argument `{name}` and none is close"
            ctx.report(self, arg, message, safety=Safety.DETECT_ONLY)
            return updated
        message = f"Rename `{name}` to `{better}`: `{owner}` has no argument `{name}`"
        if ctx.report(self, arg, message):
            return rename_keyword(updated, name, better)
        return updated

    def _check_value(
        self,
        owner: str,
        field: FieldInfo | None,
        arg: cst.Arg,
        updated: cst.Call,
        ctx: Context,
    ) -> cst.Call:
        """Check the keys of a dict literal given directly for a struct field."""
        if field is None or field.kind != "struct" or not isinstance(arg.value, cst.Dict):
            return updated
        assert arg.keyword is not None
        keyword = arg.keyword.value
        args = list(updated.args)
        for position, new_arg in enumerate(args):
            if new_arg.keyword is None or new_arg.keyword.value != keyword:
                continue
            if not isinstance(new_arg.value, cst.Dict):
                return updated
            new_dict = self._check_dict(field.struct or "", arg.value, new_arg.value, ctx)
            if new_dict is new_arg.value:
                return updated
            args[position] = new_arg.with_changes(value=new_dict)
            return updated.with_changes(args=args)
        return updated

    def _check_dict(
        self, struct: str, original: cst.Dict, updated: cst.Dict, ctx: Context
    ) -> cst.Dict:
        """Rename unknown keys; report on `original`, edit its updated twin."""
        fields = ctx.index.fields(struct)
        if fields is None or len(original.elements) != len(updated.elements):
            return updated
        keys = [literal_key(e) for e in original.elements]
        if None in keys:
            return updated
        elements = list(updated.elements)
        for position, (element, key) in enumerate(zip(original.elements, keys)):
            assert isinstance(element, cst.DictElement) and key is not None
            field = fields.get(key)
            twin = elements[position]
            if field is not None:
                if (
                    field.kind == "struct"
                    and isinstance(element.value, cst.Dict)
                    and isinstance(twin, cst.DictElement)
                    and isinstance(twin.value, cst.Dict)
                ):
                    inner = self._check_dict(field.struct or "", element.value, twin.value, ctx)
                    elements[position] = twin.with_changes(value=inner)
                continue
            better = closest(key, sorted(set(fields) - set(keys)))
            if better is None:
                message = f"`{struct}` has no key `{key}` and none is close"
                ctx.report(self, element, message, safety=Safety.DETECT_ONLY)
                continue
            message = f"Rename key `{key}` to `{better}`: `{struct}` has no field `{key}`"
            if ctx.report(self, element, message) and isinstance(twin, cst.DictElement):
                elements[position] = with_key(twin, better)
        if all(a is b for a, b in zip(elements, updated.elements)):
            return updated
        return updated.with_changes(elements=elements)
