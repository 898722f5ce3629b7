from __future__ import annotations

import json
import keyword
import re
from typing import TYPE_CHECKING

import libcst as cst

from cdktf_fix.catalog.base import Entry, Example, Valid
from cdktf_fix.codemods.calls import find_keyword, remove_keywords
from cdktf_fix.codemods.layout import code_of, new_construct_id
from cdktf_fix.codemods.statements import (
    BLOCK_INDENT,
    assign_to,
    assignment,
    construct_scope,
    construct_id as construct_id_expression,
    render_call,
    render_list,
)
from cdktf_fix.codemods.structs import struct_value
from cdktf_fix.results import Safety

if TYPE_CHECKING:
    from cdktf_fix.walk import CallSite, Context

MOVED = ("capacity_providers", "default_capacity_provider_strategy")
TARGET_MODULE = "ecs_cluster_capacity_providers"
TARGET_CLASS = "EcsClusterCapacityProviders"


def construct_id_text(call: cst.Call) -> str | None:
    """Return the construct id of a call when it is a plain string literal."""
    expression = construct_id_expression(call)
    if not isinstance(expression, cst.SimpleString):
        return None
    value = expression.evaluated_value
    return value if isinstance(value, str) else None


def _value_code(value: cst.BaseExpression) -> str:
    """Return a value's code; a list of calls is laid out afresh, one per line."""
    if isinstance(value, cst.List) and all(isinstance(e, cst.Element) for e in value.elements):
        items = [code_of(element.value) for element in value.elements]
        if all("\n" not in item for item in items):
            return render_list(items, BLOCK_INDENT + 4)
    return code_of(value)


class EcsCapacityProviders(Entry):
    code = "CDKTF005"
    slug = "ecs-cluster-capacity-providers"
    title = "Capacity providers set on `EcsCluster`"
    safety = Safety.SAFE
    detects = (
        "`EcsCluster(capacity_providers=..., default_capacity_provider_strategy=...)`, "
        "arguments that provider 5 removed from `aws_ecs_cluster`."
    )
    why = (
        "The cluster resource no longer takes them: the constructor raises "
        "`TypeError: __init__() got an unexpected keyword argument 'capacity_providers'`. "
        "They moved to the `aws_ecs_cluster_capacity_providers` resource."
    )
    fix = (
        "Removes both arguments from the cluster and adds an `EcsClusterCapacityProviders` "
        "resource for the cluster's name, carrying the same values. Strategy entries "
        "written as dicts become struct instances, since dicts inside a list lose "
        "their snake_case keys on the way to the jsii kernel."
    )
    known_problems = (
        "A cluster that is not assigned to a variable is assigned to one named after "
        "its construct id; when that name is taken, the finding is reported only."
    )
    examples = (
        Example(
            "dict strategy",
            """
            from cdktf_cdktf_provider_aws.ecs_cluster import EcsCluster

            cluster = EcsCluster(self, "cluster", name="payments",
                capacity_providers=["FARGATE", "FARGATE_SPOT"],
                default_capacity_provider_strategy=[{"capacity_provider": "FARGATE", "weight": 1, "base": 1}])
            """,
            """
            from cdktf_cdktf_provider_aws.ecs_cluster import EcsCluster
            from cdktf_cdktf_provider_aws.ecs_cluster_capacity_providers import (
                EcsClusterCapacityProviders,
                EcsClusterCapacityProvidersDefaultCapacityProviderStrategy,
            )

            cluster = EcsCluster(self, "cluster", name="payments")
            EcsClusterCapacityProviders(
                self,
                "cluster-capacity-providers",
                cluster_name=cluster.name,
                capacity_providers=["FARGATE", "FARGATE_SPOT"],
                default_capacity_provider_strategy=[
                    EcsClusterCapacityProvidersDefaultCapacityProviderStrategy(capacity_provider="FARGATE", weight=1, base=1),
                ],
            )
            """,
        ),
        Example(
            "providers only",
            """
            from cdktf_cdktf_provider_aws.ecs_cluster import EcsCluster

            self.cluster = EcsCluster(self, "app-cluster", name="app", capacity_providers=["FARGATE"])
            """,
            """
            from cdktf_cdktf_provider_aws.ecs_cluster import EcsCluster
            from cdktf_cdktf_provider_aws.ecs_cluster_capacity_providers import EcsClusterCapacityProviders

            self.cluster = EcsCluster(self, "app-cluster", name="app")
            EcsClusterCapacityProviders(
                self,
                "app-cluster-capacity-providers",
                cluster_name=self.cluster.name,
                capacity_providers=["FARGATE"],
            )
            """,
        ),
        Example(
            "cluster not assigned",
            """
            from cdktf_cdktf_provider_aws.ecs_cluster import EcsCluster, EcsClusterDefaultCapacityProviderStrategy

            EcsCluster(self, "batch-cluster", name="app", capacity_providers=["FARGATE"],
                default_capacity_provider_strategy=[EcsClusterDefaultCapacityProviderStrategy(capacity_provider="FARGATE", weight=1)])
            """,
            """
            from cdktf_cdktf_provider_aws.ecs_cluster import EcsCluster
            from cdktf_cdktf_provider_aws.ecs_cluster_capacity_providers import (
                EcsClusterCapacityProviders,
                EcsClusterCapacityProvidersDefaultCapacityProviderStrategy,
            )

            batch_cluster = EcsCluster(self, "batch-cluster", name="app")
            EcsClusterCapacityProviders(
                self,
                "batch-cluster-capacity-providers",
                cluster_name=batch_cluster.name,
                capacity_providers=["FARGATE"],
                default_capacity_provider_strategy=[
                    EcsClusterCapacityProvidersDefaultCapacityProviderStrategy(capacity_provider="FARGATE", weight=1),
                ],
            )
            """,
        ),
    )
    valid = (
        Valid(
            "separate resource",
            """
            from cdktf_cdktf_provider_aws.ecs_cluster import EcsCluster
            from cdktf_cdktf_provider_aws.ecs_cluster_capacity_providers import EcsClusterCapacityProviders

            cluster = EcsCluster(self, "cluster", name="app")
            EcsClusterCapacityProviders(self, "cp", cluster_name=cluster.name, capacity_providers=["FARGATE"])
            """,
        ),
    )

    calls = ("EcsCluster",)
    handles_imports = True
    claims = tuple(("EcsCluster", name) for name in MOVED)

    def on_call(self, site: CallSite, updated: cst.Call, ctx: Context) -> cst.BaseExpression:
        if site.module != "ecs_cluster":
            return updated
        moved = [arg for arg in site.node.args if arg.keyword and arg.keyword.value in MOVED]
        if not moved:
            return updated
        names = " and ".join(f"`{arg.keyword.value}`" for arg in moved if arg.keyword)
        statement = self._companion(site, updated, ctx)
        if statement is None:
            message = f"Move {names} to an `{TARGET_CLASS}` resource: assign the cluster to a variable first"
            ctx.report(self, moved[0], message, safety=Safety.DETECT_ONLY)
            return updated
        snapshot = ctx.snapshot_imports()
        message = f"Move {names} from `EcsCluster` to a new `{TARGET_CLASS}` resource"
        if not ctx.report(self, moved[0], message):
            ctx.restore_imports(snapshot)
            return updated
        assert site.statement is not None
        ctx.insert_after(site.statement, [statement])
        return remove_keywords(updated, *MOVED)

    def _companion(
        self, site: CallSite, updated: cst.Call, ctx: Context
    ) -> cst.SimpleStatementLine | None:
        scope = construct_scope(site.node)
        target = site.target or self._new_variable(site, ctx)
        if target is None or site.statement is None or scope is None:
            return None
        snapshot = ctx.snapshot_imports()
        fields = ctx.index.fields(TARGET_CLASS) or {}
        arguments = [f"cluster_name={target}.name"]
        for name in MOVED:
            arg = find_keyword(updated, name)
            if arg is None:
                continue
            value = arg.value
            if name in fields:
                value = self._retype_structs(value, fields[name].struct, ctx)
                converted = struct_value(value, fields[name], ctx)
                if converted is None:
                    ctx.restore_imports(snapshot)
                    return None
                value = converted
            arguments.append(f"{name}={_value_code(value)}")
        id_expression = construct_id_expression(site.node)
        identifier = (
            new_construct_id(id_expression, "capacity providers", set())
            if id_expression is not None
            else None
        ) or json.dumps(f"{target.split('.')[-1]}_capacity_providers")
        callee = ctx.provider_name(TARGET_MODULE, TARGET_CLASS)
        return assignment(None, render_call(callee, [scope, identifier, *arguments]))

    def _new_variable(self, site: CallSite, ctx: Context) -> str | None:
        """Assign an unassigned cluster to a new variable named after its id."""
        statement = site.statement
        if statement is None or len(statement.body) != 1:
            return None
        expression = statement.body[0]
        if not isinstance(expression, cst.Expr) or expression.value is not site.node:
            return None
        base = re.sub(r"\W+", "_", construct_id_text(site.node) or "cluster").strip("_").lower()
        name = base if base.isidentifier() and not keyword.iskeyword(base) else "cluster"
        if ctx.bindings.lookup(name) is not None or name in ctx.assigned_names:
            return None
        ctx.assigned_names.add(name)
        ctx.edit_statement(statement, assign_to(name))
        return name

    def _retype_structs(
        self, value: cst.BaseExpression, struct: str | None, ctx: Context
    ) -> cst.BaseExpression:
        """Point struct calls of a nonexistent strategy class at the real struct."""
        if struct is None or not isinstance(value, cst.List):
            return value
        fields = ctx.index.fields(struct) or {}
        elements = []
        for element in value.elements:
            item = element.value
            if (
                isinstance(item, cst.Call)
                and isinstance(item.func, (cst.Name, cst.Attribute))
                and all(a.keyword is not None and a.keyword.value in fields for a in item.args)
                and ctx.index.class_info(item.func.attr.value if isinstance(item.func, cst.Attribute) else item.func.value) is None
            ):
                callee = ctx.provider_name(TARGET_MODULE, struct)
                item = item.with_changes(func=cst.parse_expression(callee))
            elements.append(element.with_changes(value=item))
        return value.with_changes(elements=elements)

    def on_import_from(
        self, original: cst.ImportFrom, updated: cst.ImportFrom, module: str, ctx: Context
    ) -> cst.ImportFrom | cst.RemovalSentinel:
        """Drop strategy classes that models import from `ecs_cluster`, which has none."""
        if module != f"{ctx.package}.ecs_cluster" or isinstance(updated.names, cst.ImportStar):
            return updated
        exports = ctx.index.exports("ecs_cluster")
        stale = [
            alias
            for alias in original.names
            if isinstance(alias.name, cst.Name)
            and "CapacityProvider" in alias.name.value
            and alias.name.value not in exports
        ]
        if not stale or not ctx.fixing:
            return updated
        for alias in stale:
            message = f"Remove `{alias.name.value}`: `ecs_cluster` has no such class; the strategy struct is in `{TARGET_MODULE}`"
            ctx.report(self, alias, message)
        names = {alias.name.value for alias in stale if isinstance(alias.name, cst.Name)}
        kept = [a for a in updated.names if not (isinstance(a.name, cst.Name) and a.name.value in names)]
        if not kept:
            return cst.RemoveFromParent()
        if len(kept) < len(updated.names):
            kept[-1] = kept[-1].with_changes(comma=updated.names[-1].comma)
        return updated.with_changes(names=kept)
