from __future__ import annotations

from typing import TYPE_CHECKING

import libcst as cst

from cdktf_fix.catalog.base import Entry, Example, Valid
from cdktf_fix.catalog.missing_a_suffix import suffixed_name
from cdktf_fix.catalog.unknown_module import module_expression
from cdktf_fix.codemods.imports import rename_imported
from cdktf_fix.matching import closest
from cdktf_fix.results import Safety

if TYPE_CHECKING:
    from cdktf_fix.walk import Context


def class_candidates(ctx: Context, module: str) -> list[str]:
    return sorted(ctx.index.exports(module))


class UnknownClass(Entry):
    code = "CDKTF013"
    slug = "unknown-class"
    title = "Class that its provider module does not export"
    safety = Safety.SAFE
    detects = (
        "A class imported from, or used as an attribute of, a provider module that "
        "does not export it: `ApplicationAutoScalingTarget` for `AppautoscalingTarget`, "
        "`Cloudwatchloggroup`, a plural, an extra `A` suffix, or a typo."
    )
    why = (
        "Class names are the Terraform type in PascalCase with the provider's own "
        "word splits (`AppautoscalingTarget`, `CloudwatchLogGroup`). Any other "
        "spelling fails with `ImportError: cannot import name`."
    )
    fix = (
        "Renames the class to the one export of that module it most likely meant: "
        "the same name up to case, a plural, or a clearly closest name. When the "
        "class lives in a different module, or nothing is close, it only reports."
    )
    known_problems = (
        "A class imported from the wrong module is moved only when every name of "
        "that import lives in the same other module; otherwise it is reported."
    )
    examples = (
        Example(
            "service name spelled out",
            """
            from cdktf_cdktf_provider_aws.appautoscaling_target import ApplicationAutoScalingTarget

            ApplicationAutoScalingTarget(self, "t", max_capacity=4, min_capacity=1)
            """,
            """
            from cdktf_cdktf_provider_aws.appautoscaling_target import AppautoscalingTarget

            AppautoscalingTarget(self, "t", max_capacity=4, min_capacity=1)
            """,
        ),
        Example(
            "module attribute with wrong case",
            """
            from cdktf_cdktf_provider_aws import cloudwatch_log_group

            cloudwatch_log_group.CloudWatchLogGroup(self, "logs", name="/app")
            """,
            """
            from cdktf_cdktf_provider_aws import cloudwatch_log_group

            cloudwatch_log_group.CloudwatchLogGroup(self, "logs", name="/app")
            """,
        ),
        Example(
            "class from another module",
            """
            from cdktf_cdktf_provider_aws.iam_policy_attachment import IamRolePolicyAttachment
            """,
            """
            from cdktf_cdktf_provider_aws.iam_role_policy_attachment import IamRolePolicyAttachment
            """,
        ),
        Example(
            "names from two modules",
            """
            from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket, S3BucketPolicy
            """,
        ),
    )
    valid = (
        Valid(
            "local names that hide a module",
            """
            from cdktf_cdktf_provider_aws import subnet, vpc, vpc_endpoint

            def endpoints(scope, vpc, tables):
                vpc_endpoint.VpcEndpoint(scope, "s3", vpc_id=vpc.id, service_name="s3")

            def outputs(scope, subnets):
                ids = [subnet.id for subnet in subnets]
                for number, subnet in enumerate(subnets):
                    print(number, subnet.arn)
            """,
        ),
        Valid(
            "exports of the module",
            """
            from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket, S3BucketVersioning
            from cdktf_cdktf_provider_aws.cloudwatch_log_group import CloudwatchLogGroup
            """,
        ),
    )

    handles_imports = True
    handles_references = True

    def _replacement(self, ctx: Context, module: str, name: str) -> tuple[str | None, str]:
        """Return (new name or None, message) for an unknown `module.name`.

        A class that exists under this very name in another module was imported
        from the wrong module: renaming it to a neighbour of this module would
        swap in a different resource (`IamRolePolicyAttachment` is not
        `IamPolicyAttachment`), so that case is never a rename.
        """
        elsewhere = ctx.index.modules_exporting(name)
        if elsewhere:
            where = ", ".join(f"`{m}`" for m in elsewhere)
            return None, f"`{name}` is not in `{module}`; import it from {where}"
        better = closest(name, class_candidates(ctx, module))
        if better is None:
            return None, f"`{module}` has no class `{name}` and none is close"
        rival = closest(name, ctx.index.class_names())
        if rival is not None and rival != better:
            return None, (
                f"`{module}` has no class `{name}`; `{better}` here and `{rival}` in "
                f"`{ctx.index.modules_exporting(rival)[0]}` are both close"
            )
        return better, f"Rename `{name}` to `{better}`: `{module}` has no class `{name}`"

    def _unknown(self, ctx: Context, module: str, name: str) -> bool:
        return (
            ctx.index.has_module(module)
            and name not in ctx.index.exports(module)
            and suffixed_name(ctx, module, name) is None
        )

    def on_import_from(
        self, original: cst.ImportFrom, updated: cst.ImportFrom, module: str, ctx: Context
    ) -> cst.ImportFrom:
        submodule = module.removeprefix(ctx.package + ".")
        if submodule == module or isinstance(original.names, cst.ImportStar):
            return updated
        moved = self._moved_module(ctx, submodule, original)
        if moved is not None:
            names = ", ".join(f"`{a.name.value}`" for a in original.names if isinstance(a.name, cst.Name))
            message = f"Import {names} from `{moved}`, not `{submodule}`"
            if ctx.report(self, original.module or original, message):
                return updated.with_changes(module=module_expression(f"{ctx.package}.{moved}"))
            return updated
        for alias in original.names:
            if not isinstance(alias.name, cst.Name):
                continue
            name = alias.name.value
            if not self._unknown(ctx, submodule, name):
                continue
            better, message = self._replacement(ctx, submodule, name)
            safety = None if better else Safety.DETECT_ONLY
            if ctx.report(self, alias, message, safety=safety) and better:
                updated, local_changed = rename_imported(updated, name, better)
                if local_changed:
                    ctx.rename_local(name, better)
        return updated

    def _moved_module(
        self, ctx: Context, module: str, node: cst.ImportFrom
    ) -> str | None:
        """Return the one other module that exports every name of the import, if any."""
        if isinstance(node.names, cst.ImportStar) or not ctx.index.has_module(module):
            return None
        names = [a.name.value for a in node.names if isinstance(a.name, cst.Name)]
        if len(names) != len(node.names) or not all(self._unknown(ctx, module, n) for n in names):
            return None
        homes = {tuple(ctx.index.modules_exporting(name)) for name in names}
        if len(homes) != 1:
            return None
        (home,) = homes
        return home[0] if len(home) == 1 else None

    def on_reference(
        self,
        original: cst.Attribute,
        updated: cst.BaseExpression,
        module: str,
        name: str,
        ctx: Context,
    ) -> cst.BaseExpression:
        if not isinstance(updated, cst.Attribute) or not self._unknown(ctx, module, name):
            return updated
        better, message = self._replacement(ctx, module, name)
        safety = None if better else Safety.DETECT_ONLY
        if ctx.report(self, original, message, safety=safety) and better:
            return updated.with_changes(attr=cst.Name(better))
        return updated
