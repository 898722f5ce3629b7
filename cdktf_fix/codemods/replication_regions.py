"""An aliased provider for the replicas, in a region paired with the source's.

A stack that names only its own region gets an `AwsProvider` in the region
that `DR_REGIONS` pairs with it, and the destination bucket moves under it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import libcst as cst

from cdktf_fix.codemods.layout import new_construct_id
from cdktf_fix.codemods.placement import code_of
from cdktf_fix.codemods.references import mentions
from cdktf_fix.codemods.replication_stack import (
    Provider,
    Stack,
    companions,
    keyword_value,
    literal,
    positional_code,
    region_code,
)
from cdktf_fix.codemods.statements import assign_call

if TYPE_CHECKING:
    from cdktf_fix.walk import CallSite, Context, StackModel

DR_ALIAS = "dr"
DR_REGIONS = {
    "us-east-1": "us-west-2",
    "us-west-2": "us-east-1",
    "us-east-2": "us-west-1",
    "us-west-1": "us-east-2",
    "eu-west-1": "eu-central-1",
    "eu-central-1": "eu-west-1",
    "eu-west-2": "eu-west-1",
    "ap-southeast-1": "ap-southeast-2",
    "ap-southeast-2": "ap-southeast-1",
    "ap-northeast-1": "ap-northeast-3",
    "ap-northeast-3": "ap-northeast-1",
}
"""The region that gets the replicas when the stack names only the source region.

A choice of this fix, not an AWS pairing: each region maps to a nearby region of
the same partition and continent. Other regions are reported only.
"""


@dataclass(frozen=True)
class NewProvider:
    """An aliased provider to add after the stack's only `AwsProvider`."""

    provider: Provider
    anchor: cst.SimpleStatementLine
    statement: cst.SimpleStatementLine
    description: str
    """The provider in words, for messages: its alias, its region and why that one."""
    construct_ids: frozenset[str]


def plan_provider(
    key: str, source_region: str, stack: Stack, ctx: Context
) -> NewProvider | str:
    """Plan an aliased provider in the region paired with the stack's one region."""
    if len(stack.providers) != 1 or stack.providers[0].alias:
        return "the stack does not have exactly one `AwsProvider`, without an alias"
    default = stack.providers[0]
    region = _region_value(default, stack.model)
    if region is None:
        return "the region of its `AwsProvider` is not a literal"
    if default.region != source_region:
        return "the source bucket sets a region of its own"
    paired = DR_REGIONS.get(region)
    if paired is None:
        return f"this fix pairs no recovery region with {region}"
    anchor = default.site.statement
    place = stack.places.of(anchor)
    if anchor is None or place is None or place.loops:
        return "its `AwsProvider` is made in a loop or shares a line"
    scope = positional_code(default.site.node, 0)
    construct_id = positional_code(default.site.node, 1)
    used = set(stack.construct_ids)
    new_id = None
    if construct_id is not None:
        new_id = new_construct_id(construct_id, DR_ALIAS, used)
    if scope is None or new_id is None:
        return "the construct id of its `AwsProvider` is not a string"

    name = stack.places.fresh_name(f"{DR_ALIAS}_provider", ctx.assigned_names)
    targets = [stack.buckets[key], *companions(key, stack)]
    target_places = [stack.places.of(target.statement) for target in targets]
    if code_of(scope) == "self" and any(
        other is None or other.function is not place.function for other in target_places
    ):
        name = f"self.{name}"
    callee = code_of(default.site.node.func)
    arguments = [code_of(scope), new_id, f'region="{paired}"', f'alias="{DR_ALIAS}"']
    statement = assign_call(name, callee, arguments)
    assignment = statement.body[0]
    assert isinstance(assignment, cst.Assign) and isinstance(assignment.value, cst.Call)
    site = replace(default.site, node=assignment.value, target=name)
    provider = Provider(site, name, True, json.dumps(paired))
    description = (
        f"an `AwsProvider` aliased `{DR_ALIAS}` in {paired}, the recovery region "
        f"this fix pairs with {region}"
    )
    ids = frozenset(used - stack.construct_ids)
    return NewProvider(provider, anchor, statement, description, ids)


def _region_value(provider: Provider, model: StackModel) -> str | None:
    """Return a provider's region when it is a literal, or a name bound once to one.

    The name must have no other binding anywhere in the file, such as a
    parameter or a loop variable of the same name.
    """
    value = keyword_value(provider.site, "region")
    text = literal(value)
    if text is not None or not isinstance(value, cst.Name) or model.module is None:
        return text
    finder = _NameValues(value.value)
    model.module.visit(finder)
    return literal(finder.values[0]) if len(finder.values) == 1 else None


class _NameValues(cst.CSTVisitor):
    """Collect what a file binds to one name: assigned values, or None for others."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.values: list[cst.BaseExpression | None] = []

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            if isinstance(target.target, cst.Name) and target.target.value == self.name:
                self.values.append(node.value)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if isinstance(node.target, cst.Name) and node.target.value == self.name:
            self.values.append(node.value)

    def visit_Param(self, node: cst.Param) -> None:
        if node.name.value == self.name:
            self.values.append(None)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        if isinstance(node.target, cst.Name) and node.target.value == self.name:
            self.values.append(None)

    def visit_For(self, node: cst.For) -> None:
        if isinstance(node.target, cst.Name) and node.target.value == self.name:
            self.values.append(None)


def other_region_keys(
    targets: list[CallSite], chosen: Provider, stack: Stack
) -> list[str]:
    """Return the KMS keys the resources use that are not under provider `chosen`."""
    found = []
    for site in stack.calls:
        if site.module != "kms_key" or site.name != "KmsKey" or not site.target:
            continue
        provider = keyword_value(site, "provider")
        if provider is not None and code_of(provider) == chosen.target:
            continue
        if region_code(keyword_value(site, "region")) == chosen.region:
            continue
        if any(mentions(target.node, site.target) for target in targets):
            found.append(site.target)
    return found
