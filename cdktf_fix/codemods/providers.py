"""The `AwsProvider` that a resource uses, and the region it is created in."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import libcst as cst

from cdktf_fix.bindings import dotted_name

if TYPE_CHECKING:
    from cdktf_fix.codemods.layout import Placement, StackLayout
    from cdktf_fix.walk import CallSite, StackModel

PROVIDER_CLASS = "AwsProvider"


@dataclass(frozen=True)
class RegionSource:
    """The expression that sets a resource's region, and the statement holding it."""

    expression: cst.BaseExpression
    placement: Placement
    provider: CallSite | None
    """The provider whose `region` it is; None for the resource's own `region`."""


def provider_of(
    site: CallSite, model: StackModel, layout: StackLayout
) -> CallSite | None:
    """Return the `AwsProvider` call that `site` uses, when the stack shows it.

    `provider=<variable>` names an aliased provider assigned to that variable;
    without it the resource uses the stack's one provider without an alias.
    """
    where = layout.placement(site.statement)
    if where is None:
        return None
    providers = [
        other
        for other in model.calls_of(PROVIDER_CLASS)
        if (place := layout.placement(other.statement)) and layout.same_stack(place, where)
    ]
    chosen = site.keyword("provider")
    if chosen is not None:
        name = dotted_name(chosen.value)
        matches = [p for p in providers if name is not None and p.target == name]
    else:
        matches = [p for p in providers if p.keyword("alias") is None]
    return matches[0] if len(matches) == 1 else None


def region_source(
    site: CallSite, model: StackModel, layout: StackLayout
) -> RegionSource | None:
    """Return what sets the region of `site`: its own `region` or its provider's."""
    where = layout.placement(site.statement)
    if where is None:
        return None
    own = site.keyword("region")
    if own is not None:
        return RegionSource(own.value, where, None)
    provider = provider_of(site, model, layout)
    if provider is None:
        return None
    region = provider.keyword("region")
    place = layout.placement(provider.statement)
    if region is None or place is None:
        return None
    return RegionSource(region.value, place, provider)
