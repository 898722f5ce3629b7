from __future__ import annotations

from typing import TYPE_CHECKING

import libcst as cst

from cdktf_fix.bindings import dotted_name
from cdktf_fix.catalog.base import Entry, Example, Valid
from cdktf_fix.codemods.imports import rename_imported
from cdktf_fix.matching import closest
from cdktf_fix.results import Safety

if TYPE_CHECKING:
    from cdktf_fix.walk import Context


def module_expression(dotted: str) -> cst.Attribute | cst.Name:
    expression = cst.parse_expression(dotted)
    assert isinstance(expression, (cst.Attribute, cst.Name))
    return expression


def home_of_names(node: cst.ImportFrom, ctx: Context) -> str | None:
    """Return the one module that exports every imported name, if there is one.

    The classes a model imports are often spelled right while the module is not
    (`iam_policy_attachment_role` for `IamRolePolicyAttachment`), and the class
    names are the stronger evidence.
    """
    if isinstance(node.names, cst.ImportStar):
        return None
    homes = set()
    for alias in node.names:
        if not isinstance(alias.name, cst.Name):
            return None
        found = ctx.index.modules_exporting(alias.name.value)
        if len(found) != 1:
            return None
        homes.add(found[0])
    return homes.pop() if len(homes) == 1 else None


class UnknownModule(Entry):
    code = "CDKTF003"
    slug = "unknown-module"
    title = "Provider module that does not exist"
    safety = Safety.SAFE
    detects = (
        "An import of a provider submodule that the provider does not have, such as "
        "`applicationautoscaling_target`, whose resources live in `appautoscaling_target`."
    )
    why = (
        "Module names follow the Terraform resource type, not the AWS service name "
        "(`aws_appautoscaling_target`). The import fails with `ModuleNotFoundError`."
    )
    fix = (
        "Rewrites the import to the one existing module it most likely meant: the "
        "same name up to underscores and case, a known service alias (Application "
        "Auto Scaling is `appautoscaling`), or a clearly closest name. Class names "
        "imported from it are then checked against the new module by `CDKTF013`."
    )
    known_problems = (
        "A plain `import cdktf_cdktf_provider_aws.<module>` without `as` is reported "
        "but not renamed, because its uses spell out the whole dotted path."
    )
    examples = (
        Example(
            "service alias",
            """
            from cdktf_cdktf_provider_aws.applicationautoscaling_target import AppautoscalingTarget
            """,
            """
            from cdktf_cdktf_provider_aws.appautoscaling_target import AppautoscalingTarget
            """,
        ),
        Example(
            "module imported by name",
            """
            from cdktf_cdktf_provider_aws import cloudwatch_loggroup

            cloudwatch_loggroup.CloudwatchLogGroup(self, "logs", name="/app")
            """,
            """
            from cdktf_cdktf_provider_aws import cloudwatch_log_group

            cloudwatch_log_group.CloudwatchLogGroup(self, "logs", name="/app")
            """,
        ),
        Example(
            "plain import with alias",
            """
            import cdktf_cdktf_provider_aws.applicationautoscaling_policy as scaling

            scaling.AppautoscalingPolicy(self, "p", name="cpu")
            """,
            """
            import cdktf_cdktf_provider_aws.appautoscaling_policy as scaling

            scaling.AppautoscalingPolicy(self, "p", name="cpu")
            """,
        ),
        Example(
            "class imported from the package root",
            """
            from cdktf_cdktf_provider_aws import AwsProvider, AwsProviderDefaultTags
            """,
            """
            from cdktf_cdktf_provider_aws.provider import AwsProvider, AwsProviderDefaultTags
            """,
        ),
        Example(
            "nothing close",
            """
            from cdktf_cdktf_provider_aws.quantum_ledger import QuantumLedger
            """,
        ),
    )
    valid = (
        Valid(
            "existing modules",
            """
            from cdktf_cdktf_provider_aws import provider, s3_bucket
            from cdktf_cdktf_provider_aws.appautoscaling_policy import AppautoscalingPolicy
            """,
        ),
    )

    handles_imports = True

    def on_import_from(
        self, original: cst.ImportFrom, updated: cst.ImportFrom, module: str, ctx: Context
    ) -> cst.ImportFrom:
        if module == ctx.package:
            return self._check_module_names(original, updated, ctx)
        submodule = module.removeprefix(ctx.package + ".").split(".")[0]
        if ctx.index.has_module(submodule):
            return updated
        better = home_of_names(original, ctx) or closest(submodule, ctx.index.modules())
        assert original.module is not None
        if better is None:
            message = f"Module `{submodule}` does not exist in `{ctx.package}` and none is close"
            ctx.report(self, original.module, message, safety=Safety.DETECT_ONLY)
            return updated
        message = f"Rename module `{submodule}` to `{better}`: `{submodule}` does not exist"
        if ctx.report(self, original.module, message):
            return updated.with_changes(module=module_expression(f"{ctx.package}.{better}"))
        return updated

    def on_import(self, original: cst.Import, updated: cst.Import, ctx: Context) -> cst.Import:
        aliases = list(updated.names)
        for position, alias in enumerate(original.names):
            dotted = dotted_name(alias.name)
            if dotted is None or not dotted.startswith(ctx.package + "."):
                continue
            submodule = dotted.removeprefix(ctx.package + ".").split(".")[0]
            if ctx.index.has_module(submodule):
                continue
            better = closest(submodule, ctx.index.modules())
            if better is None or alias.asname is None:
                hint = f"; did you mean `{better}`?" if better else " and none is close"
                message = f"Module `{submodule}` does not exist in `{ctx.package}`{hint}"
                ctx.report(self, alias, message, safety=Safety.DETECT_ONLY)
                continue
            message = f"Rename module `{submodule}` to `{better}`: `{submodule}` does not exist"
            if ctx.report(self, alias, message):
                new_name = module_expression(f"{ctx.package}.{better}")
                aliases[position] = aliases[position].with_changes(name=new_name)
        return updated.with_changes(names=aliases)

    def _check_module_names(
        self, original: cst.ImportFrom, updated: cst.ImportFrom, ctx: Context
    ) -> cst.ImportFrom:
        if isinstance(original.names, cst.ImportStar):
            return updated
        home = home_of_names(original, ctx)
        if home is not None:
            names = ", ".join(
                f"`{a.name.value}`" for a in original.names if isinstance(a.name, cst.Name)
            )
            message = f"Import {names} from `{ctx.package}.{home}`: the package root exports no classes"
            if ctx.report(self, original.module or original, message):
                return updated.with_changes(module=module_expression(f"{ctx.package}.{home}"))
            return updated
        for alias in original.names:
            if not isinstance(alias.name, cst.Name):
                continue
            name = alias.name.value
            if ctx.index.has_module(name):
                continue
            better = closest(name, ctx.index.modules())
            if better is None:
                message = f"Module `{name}` does not exist in `{ctx.package}` and none is close"
                ctx.report(self, alias, message, safety=Safety.DETECT_ONLY)
                continue
            message = f"Rename module `{name}` to `{better}`: `{name}` does not exist"
            if ctx.report(self, alias, message):
                updated, local_changed = rename_imported(updated, name, better)
                if local_changed:
                    ctx.rename_local(name, better)
        return updated
