"""The parts of a stack that S3 replication needs, read from its source.

`Stack` collects, for one stack class, its buckets, their versioning resources,
its `AwsProvider` calls and the construct ids in use. `read_rules` reads the
rules of a replication configuration, written as structs or dicts.
"""

from __future__ import annotations

import builtins
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import libcst as cst

from cdktf_fix.codemods.calls import find_keyword
from cdktf_fix.codemods.placement import Place, Places, code_of, id_separator

if TYPE_CHECKING:
    from cdktf_fix.walk import CallSite, StackModel

REPLICATION_MODULE = "s3_bucket_replication_configuration"
REPLICATION_CLASSES = (
    "S3BucketReplicationConfigurationA",
    "S3BucketReplicationConfiguration",
)
VERSIONING_MODULE = "s3_bucket_versioning"
VERSIONING_CLASSES = ("S3BucketVersioningA", "S3BucketVersioning")
RULE_STRUCT = "S3BucketReplicationConfigurationRule"
LIBRARIES = frozenset({"cdktf", "constructs", "json", "os", "typing"})
"""Packages whose functions take buckets without creating resources for them."""
ID_ATTRIBUTES = ("id", "bucket")
"""Attributes of `S3Bucket` that give its name, which `bucket=` arguments take."""


def bucket_key(value: cst.BaseExpression | None) -> str | None:
    """Return `src` for `src.id`, `src.bucket` or `src.arn`."""
    if isinstance(value, cst.Attribute) and value.attr.value in (*ID_ATTRIBUTES, "arn"):
        return code_of(value.value)
    return None


def literal(value: cst.BaseExpression | None) -> str | None:
    if isinstance(value, (cst.SimpleString, cst.ConcatenatedString)):
        text = value.evaluated_value
        return text if isinstance(text, str) else None
    return None


def field_value(
    node: cst.BaseExpression, name: str, camel: str | None = None
) -> cst.BaseExpression | None:
    """Return a field of a struct call or of a dict literal (either key spelling)."""
    if isinstance(node, cst.Call):
        arg = find_keyword(node, name)
        return None if arg is None else arg.value
    if isinstance(node, cst.Dict):
        for element in node.elements:
            if not isinstance(element, cst.DictElement):
                continue
            if literal(element.key) in (name, camel):
                return element.value
    return None


def single(value: cst.BaseExpression | None) -> cst.BaseExpression | None:
    """Look through a one-element list, the shape of another entry's fault."""
    if isinstance(value, (cst.List, cst.Tuple)) and len(value.elements) == 1:
        return value.elements[0].value
    return value


def region_code(value: cst.BaseExpression | None) -> str | None:
    if value is None:
        return None
    text = literal(value)
    return json.dumps(text) if text is not None else code_of(value)


@dataclass(frozen=True)
class Provider:
    site: CallSite
    target: str | None
    alias: bool
    region: str | None
    """The region as code: a quoted literal or an expression such as `DR_REGION`."""


@dataclass
class Stack:
    """The resources of one stack class that the checks read."""

    model: StackModel
    places: Places
    owner: cst.ClassDef | None
    calls: list[CallSite] = field(default_factory=list)
    """The calls of the stack class whose callee an import binds."""
    buckets: dict[str, CallSite] = field(default_factory=dict)
    versionings: dict[str, list[CallSite]] = field(default_factory=dict)
    providers: list[Provider] = field(default_factory=list)
    construct_ids: set[str] = field(default_factory=set)
    separator: str = "-"
    unmatched_versioning: bool = False
    """Whether some versioning resource names its bucket in a way not followed here."""
    passed: set[str] = field(default_factory=set)
    """Buckets (or their `.id`) passed to functions of the project, which may add
    versioning or companion resources of their own."""
    regions: dict[str, str | None] = field(default_factory=dict)
    """The provider each checked destination bucket ends up under, by bucket."""
    added: dict[str, tuple[str, Place]] = field(default_factory=dict)
    """The versioning variable added for a bucket, with the place it is visible from."""
    unversioned: set[str] = field(default_factory=set)
    """Buckets already reported without versioning, so one finding covers them."""

    @classmethod
    def read(
        cls, model: StackModel, places: Places, owner: cst.ClassDef | None
    ) -> Stack:
        """Collect the resources of the stack class `owner` (None: outside classes)."""
        stack = cls(model, places, owner)
        for site in model.calls:
            place = places.of(site.statement)
            if (place.owner if place is not None else None) is not owner:
                continue
            stack.calls.append(site)
            positional = [a for a in site.node.args if a.keyword is None and not a.star]
            if site.module and len(positional) > 1:
                value = literal(positional[1].value)
                if value is not None:
                    stack.construct_ids.add(value)
            if site.module == "s3_bucket" and site.name == "S3Bucket" and site.target:
                stack.buckets.setdefault(site.target, site)
            elif site.module == VERSIONING_MODULE and site.name in VERSIONING_CLASSES:
                key = bucket_key(keyword_value(site, "bucket"))
                if key is None:
                    stack.unmatched_versioning = True
                else:
                    stack.versionings.setdefault(key, []).append(site)
            elif site.module == "provider" and site.name == "AwsProvider":
                alias = site.keyword("alias") is not None
                region = region_code(keyword_value(site, "region"))
                stack.providers.append(Provider(site, site.target, alias, region))
        stack.separator = id_separator(stack.construct_ids)
        unmatched = any(key not in stack.buckets for key in stack.versionings)
        stack.unmatched_versioning |= unmatched
        calls = [c for name, c, _ in model.local_calls if not hasattr(builtins, name)]
        calls += [
            site.node
            for site in model.calls
            if site.module is None and site.qualname.split(".")[0] not in LIBRARIES
        ]
        for call in calls:
            for arg in call.args:
                value = arg.value
                if isinstance(value, cst.Attribute) and value.attr.value in ID_ATTRIBUTES:
                    value = value.value
                stack.passed.add(code_of(value))
        return stack

    def provider(self, code: str) -> Provider | None:
        return next((p for p in self.providers if p.target == code), None)

    def region_of(self, site: CallSite) -> str | None:
        """Return the region a resource is created in, as code, if the stack sets it."""
        region = keyword_value(site, "region")
        if region is not None:
            return region_code(region)
        provider = keyword_value(site, "provider")
        if provider is not None:
            found = self.provider(code_of(provider))
            return None if found is None else found.region
        defaults = [p for p in self.providers if not p.alias]
        return defaults[0].region if len(defaults) == 1 else None

    def visible(self, code: str, place: Place, at: Place) -> bool:
        """Tell whether a variable assigned at `place` can be read at `at`."""
        if place.order >= at.order or place.loops or place.owner is not at.owner:
            return False
        return place.function is at.function or code.startswith("self.")


def keyword_value(site: CallSite, name: str) -> cst.BaseExpression | None:
    arg = site.keyword(name)
    return None if arg is None else arg.value


def positional_code(call: cst.Call, position: int) -> cst.BaseExpression | None:
    positional = [a for a in call.args if a.keyword is None and not a.star]
    return positional[position].value if len(positional) > position else None


@dataclass(frozen=True)
class Rule:
    node: cst.Call | cst.Dict
    label: str
    bucket: cst.BaseExpression | None
    """The destination bucket expression, which S3 needs as an ARN."""


def read_rules(site: CallSite, model: StackModel) -> list[Rule]:
    value = keyword_value(site, "rule")
    if not isinstance(value, (cst.List, cst.Tuple)):
        return []
    rules = []
    for position, element in enumerate(value.elements):
        node = element.value
        if isinstance(node, cst.Call):
            qualified = model.bindings.qualify(node.func) or ""
            if qualified.rsplit(".", 1)[-1] != RULE_STRUCT:
                continue
        elif not isinstance(node, cst.Dict):
            continue
        label = literal(field_value(node, "id"))
        label = f"`{label}`" if label is not None else f"{position + 1}"
        destination = single(field_value(node, "destination"))
        if not isinstance(destination, (cst.Call, cst.Dict)):
            destination = None
        bucket = None if destination is None else field_value(destination, "bucket")
        rules.append(Rule(node, label, bucket))
    return rules


def companions(key: str, stack: Stack) -> list[CallSite]:
    """Return the resources of a bucket (`bucket=key.id`) that set no region."""
    return [
        site
        for site in stack.calls
        if site.module
        and site.module != REPLICATION_MODULE
        and bucket_key(keyword_value(site, "bucket")) == key
        and site.keyword("provider") is None
        and site.keyword("region") is None
    ]
