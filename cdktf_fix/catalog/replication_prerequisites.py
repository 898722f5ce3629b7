from __future__ import annotations

import builtins
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import libcst as cst

from cdktf_fix.catalog.base import Entry, Example, Valid
from cdktf_fix.codemods.calls import find_keyword, replace_keyword_value
from cdktf_fix.codemods.nodes import append_elements, append_keyword, replace_equal
from cdktf_fix.codemods.placement import (
    places_of,
    Place,
    Places,
    code_of,
    derived_construct_id,
    id_separator,
    model_roots,
)
from cdktf_fix.codemods.values import add_dict_entry
from cdktf_fix.results import Safety

if TYPE_CHECKING:
    from cdktf_fix.walk import CallSite, Context, StackModel

REPLICATION_MODULE = "s3_bucket_replication_configuration"
REPLICATION_CLASSES = (
    "S3BucketReplicationConfigurationA",
    "S3BucketReplicationConfiguration",
)
VERSIONING_MODULE = "s3_bucket_versioning"
VERSIONING_CLASSES = ("S3BucketVersioningA", "S3BucketVersioning")
RULE_STRUCT = "S3BucketReplicationConfigurationRule"
DELETE_MARKER_STRUCT = "S3BucketReplicationConfigurationRuleDeleteMarkerReplication"
LIBRARIES = frozenset({"cdktf", "constructs", "json", "os", "typing"})
"""Packages whose functions take buckets without creating resources for them."""
PLACEHOLDER_ACCOUNT = "123456789012"
"""The account id of AWS's documentation examples, never a real account."""


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
                key = bucket_key(_keyword_value(site, "bucket"))
                if key is None:
                    stack.unmatched_versioning = True
                else:
                    stack.versionings.setdefault(key, []).append(site)
            elif site.module == "provider" and site.name == "AwsProvider":
                alias = site.keyword("alias") is not None
                region = region_code(_keyword_value(site, "region"))
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
        region = _keyword_value(site, "region")
        if region is not None:
            return region_code(region)
        provider = _keyword_value(site, "provider")
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


def _keyword_value(site: CallSite, name: str) -> cst.BaseExpression | None:
    arg = site.keyword(name)
    return None if arg is None else arg.value


def _positional_code(call: cst.Call, position: int) -> cst.BaseExpression | None:
    positional = [a for a in call.args if a.keyword is None and not a.star]
    return positional[position].value if len(positional) > position else None


@dataclass(frozen=True)
class Rule:
    node: cst.Call | cst.Dict
    label: str
    bucket: cst.BaseExpression | None
    """The destination bucket expression, which S3 needs as an ARN."""


def _rules(site: CallSite, model: StackModel) -> list[Rule]:
    value = _keyword_value(site, "rule")
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


class ReplicationPrerequisites(Entry):
    code = "CDKTF011"
    slug = "replication-prerequisites"
    title = "S3 replication without what it needs"
    safety = Safety.UNSAFE
    detects = (
        "An `S3BucketReplicationConfigurationA` whose buckets lack enabled versioning, "
        "that does not depend on their versioning resources, whose rules use `filter` "
        "without `delete_marker_replication` or name the destination by id, whose "
        "destination bucket is in the source region, or that has no IAM role."
    )
    why = (
        "Synth and `terraform validate` accept all of these. At apply, S3 rejects a "
        "replication configuration unless both buckets have versioning enabled, and "
        "Terraform may create the configuration before the versioning unless "
        "`depends_on` orders them. Rules with `filter` need "
        "`delete_marker_replication`, the destination is named by its ARN, and "
        "cross-region replication needs the replica under a provider of another region."
    )
    fix = (
        "Safe: adds the versioning resources that exist to `depends_on` (assigning "
        "an unassigned one to a variable), adds "
        "`delete_marker_replication` with status `Disabled` (what S3 does without "
        "one in the older rule schema), and names the destination by `.arn`. Unsafe, "
        "because they change what is deployed: adds `S3BucketVersioningA` with status "
        "`Enabled` for a bucket without versioning (under the bucket's provider), "
        "enables a suspended versioning, and moves a destination bucket and its "
        "companion resources to the one aliased provider of another region. A missing "
        "role, a placeholder role ARN, and a destination without such a provider "
        "are reported only, because they need choices the stack does not make."
    )
    known_problems = (
        "Only buckets created in the stack and assigned to variables are followed; "
        "a bucket named by a literal is not checked. Same-region replication is "
        "valid in S3 but reported, because stacks rarely mean it: suppress the "
        "finding where it is intended. Statements outside classes and in loops "
        "are reported, not fixed."
    )
    examples = (
        Example(
            "versioning, depends_on and the replica's provider",
            """
            from cdktf_cdktf_provider_aws.provider import AwsProvider
            from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
            from cdktf_cdktf_provider_aws.s3_bucket_replication_configuration import (
                S3BucketReplicationConfigurationA,
                S3BucketReplicationConfigurationRule,
                S3BucketReplicationConfigurationRuleDestination,
            )

            class Backup(TerraformStack):
                def __init__(self, scope, id):
                    super().__init__(scope, id)
                    AwsProvider(self, "aws", region="us-east-1")
                    replica_provider = AwsProvider(self, "replica", region="us-west-2", alias="replica")
                    source = S3Bucket(self, "source", bucket="acme-source")
                    replica = S3Bucket(self, "replica-bucket", bucket="acme-replica")
                    S3BucketReplicationConfigurationA(
                        self, "replication", bucket=source.id, role=role.arn,
                        rule=[S3BucketReplicationConfigurationRule(
                            id="all", status="Enabled", prefix="",
                            destination=S3BucketReplicationConfigurationRuleDestination(bucket=replica.arn),
                        )],
                    )
            """,
            """
            from cdktf_cdktf_provider_aws.provider import AwsProvider
            from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
            from cdktf_cdktf_provider_aws.s3_bucket_replication_configuration import (
                S3BucketReplicationConfigurationA,
                S3BucketReplicationConfigurationRule,
                S3BucketReplicationConfigurationRuleDestination,
            )
            from cdktf_cdktf_provider_aws.s3_bucket_versioning import (
                S3BucketVersioningA,
                S3BucketVersioningVersioningConfiguration,
            )

            class Backup(TerraformStack):
                def __init__(self, scope, id):
                    super().__init__(scope, id)
                    AwsProvider(self, "aws", region="us-east-1")
                    replica_provider = AwsProvider(self, "replica", region="us-west-2", alias="replica")
                    source = S3Bucket(self, "source", bucket="acme-source")
                    source_versioning = S3BucketVersioningA(
                        self, "source-versioning", bucket=source.id,
                        versioning_configuration=S3BucketVersioningVersioningConfiguration(status="Enabled"),
                    )
                    replica = S3Bucket(self, "replica-bucket", bucket="acme-replica", provider=replica_provider)
                    replica_versioning = S3BucketVersioningA(
                        self, "replica-bucket-versioning", bucket=replica.id, provider=replica_provider,
                        versioning_configuration=S3BucketVersioningVersioningConfiguration(status="Enabled"),
                    )
                    S3BucketReplicationConfigurationA(
                        self, "replication", bucket=source.id, role=role.arn,
                        rule=[S3BucketReplicationConfigurationRule(
                            id="all", status="Enabled", prefix="",
                            destination=S3BucketReplicationConfigurationRuleDestination(bucket=replica.arn),
                        )],
                        depends_on=[source_versioning, replica_versioning],
                    )
            """,
        ),
        Example(
            "filter without delete_marker_replication",
            """
            from cdktf_cdktf_provider_aws.s3_bucket_replication_configuration import (
                S3BucketReplicationConfigurationA,
                S3BucketReplicationConfigurationRule,
            )

            S3BucketReplicationConfigurationA(
                self, "replication", bucket=source_bucket_name, role=role.arn,
                rule=[S3BucketReplicationConfigurationRule(
                    id="logs", status="Enabled", filter={"prefix": "logs/"},
                    destination={"bucket": replica_arn})],
            )
            """,
            """
            from cdktf_cdktf_provider_aws.s3_bucket_replication_configuration import (
                S3BucketReplicationConfigurationA,
                S3BucketReplicationConfigurationRule,
                S3BucketReplicationConfigurationRuleDeleteMarkerReplication,
            )

            S3BucketReplicationConfigurationA(
                self, "replication", bucket=source_bucket_name, role=role.arn,
                rule=[S3BucketReplicationConfigurationRule(
                    id="logs", status="Enabled", filter={"prefix": "logs/"},
                    destination={"bucket": replica_arn},
                    delete_marker_replication=S3BucketReplicationConfigurationRuleDeleteMarkerReplication(status="Disabled"))],
            )
            """,
        ),
        Example(
            "unassigned versioning and a destination named by id",
            """
            from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
            from cdktf_cdktf_provider_aws.s3_bucket_replication_configuration import (
                S3BucketReplicationConfigurationA,
            )
            from cdktf_cdktf_provider_aws.s3_bucket_versioning import S3BucketVersioningA

            class Backup(TerraformStack):
                def __init__(self, scope, id):
                    super().__init__(scope, id)
                    src = S3Bucket(self, "src", versioning={"enabled": True})
                    dst = S3Bucket(self, "dst", provider=dr)
                    S3BucketVersioningA(self, "dst-versioning", bucket=dst.id,
                                        versioning_configuration={"status": "Suspended"})
                    S3BucketReplicationConfigurationA(
                        self, "replication", bucket=src.id, role=role.arn,
                        rule=[{"id": "all", "status": "Enabled", "prefix": "",
                               "destination": {"bucket": dst.id}}],
                    )
            """,
            """
            from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
            from cdktf_cdktf_provider_aws.s3_bucket_replication_configuration import (
                S3BucketReplicationConfigurationA,
            )
            from cdktf_cdktf_provider_aws.s3_bucket_versioning import S3BucketVersioningA

            class Backup(TerraformStack):
                def __init__(self, scope, id):
                    super().__init__(scope, id)
                    src = S3Bucket(self, "src", versioning={"enabled": True})
                    dst = S3Bucket(self, "dst", provider=dr)
                    dst_versioning = S3BucketVersioningA(self, "dst-versioning", bucket=dst.id,
                                        versioning_configuration={"status": "Enabled"})
                    S3BucketReplicationConfigurationA(
                        self, "replication", bucket=src.id, role=role.arn,
                        rule=[{"id": "all", "status": "Enabled", "prefix": "",
                               "destination": {"bucket": dst.arn}}],
                        depends_on=[dst_versioning],
                    )
            """,
        ),
        Example(
            "no role",
            """
            from cdktf_cdktf_provider_aws.s3_bucket_replication_configuration import (
                S3BucketReplicationConfigurationA,
            )

            S3BucketReplicationConfigurationA(
                self, "replication", bucket=source_bucket_name,
                rule=[{"id": "all", "status": "Enabled", "prefix": "", "destination": {"bucket": replica_arn}}],
            )
            """,
        ),
    )
    valid = (
        Valid(
            "cross-region replication with its prerequisites",
            """
            from cdktf_cdktf_provider_aws.provider import AwsProvider
            from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
            from cdktf_cdktf_provider_aws.s3_bucket_replication_configuration import (
                S3BucketReplicationConfigurationA,
                S3BucketReplicationConfigurationRule,
                S3BucketReplicationConfigurationRuleDeleteMarkerReplication,
                S3BucketReplicationConfigurationRuleDestination,
                S3BucketReplicationConfigurationRuleFilter,
            )
            from cdktf_cdktf_provider_aws.s3_bucket_versioning import (
                S3BucketVersioningA,
                S3BucketVersioningVersioningConfiguration,
            )

            class Backup(TerraformStack):
                def __init__(self, scope, id):
                    super().__init__(scope, id)
                    AwsProvider(self, "aws", region="us-east-1")
                    dr = AwsProvider(self, "dr", region="us-west-2", alias="dr")
                    src = S3Bucket(self, "src", bucket="acme-src")
                    dst = S3Bucket(self, "dst", bucket="acme-dst", provider=dr)
                    enabled = S3BucketVersioningVersioningConfiguration(status="Enabled")
                    src_versioning = S3BucketVersioningA(
                        self, "src-versioning", bucket=src.id, versioning_configuration=enabled)
                    dst_versioning = S3BucketVersioningA(
                        self, "dst-versioning", bucket=dst.id, versioning_configuration=enabled,
                        provider=dr)
                    S3BucketReplicationConfigurationA(
                        self, "replication", bucket=src.id, role=role.arn,
                        depends_on=[src_versioning, dst_versioning],
                        rule=[S3BucketReplicationConfigurationRule(
                            id="all", status="Enabled",
                            filter=S3BucketReplicationConfigurationRuleFilter(prefix=""),
                            delete_marker_replication=S3BucketReplicationConfigurationRuleDeleteMarkerReplication(
                                status="Disabled"),
                            destination=S3BucketReplicationConfigurationRuleDestination(
                                bucket=dst.arn, storage_class="STANDARD"),
                        )],
                    )
            """,
        ),
        Valid(
            "inline versioning and a per-resource region",
            """
            from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket, S3BucketVersioning
            from cdktf_cdktf_provider_aws.s3_bucket_replication_configuration import (
                S3BucketReplicationConfigurationA,
            )

            class Backup(TerraformStack):
                def __init__(self, scope, id):
                    super().__init__(scope, id)
                    src = S3Bucket(self, "src", versioning=S3BucketVersioning(enabled=True))
                    dst = S3Bucket(self, "dst", region="eu-central-1",
                                   versioning={"enabled": True})
                    S3BucketReplicationConfigurationA(
                        self, "replication", bucket=src.id, role=role.arn,
                        rule=[{"id": "all", "status": "Enabled", "prefix": "",
                               "destination": {"bucket": dst.arn}}],
                    )
            """,
        ),
    )

    triggers = ("S3BucketReplicationConfiguration",)

    def analyze(self, model: StackModel, ctx: Context) -> None:
        sites = [
            site
            for site in model.calls
            if site.module == REPLICATION_MODULE and site.name in REPLICATION_CLASSES
        ]
        if not sites:
            return
        places = places_of(model)
        stacks: dict[int, Stack] = {}
        for site in sites:
            place = places.of(site.statement)
            owner = place.owner if place is not None else None
            if id(owner) not in stacks:
                stacks[id(owner)] = Stack.read(model, places, owner)
            self._check(site, stacks[id(owner)], ctx)

    def _check(self, site: CallSite, stack: Stack, ctx: Context) -> None:
        if any(arg.star == "**" for arg in site.node.args):
            return  # `**settings` may hold the role, the rules or `depends_on`
        self._check_role(site, ctx)
        rules = _rules(site, stack.model)
        self._check_rules(site, rules, stack, ctx)
        source = bucket_key(_keyword_value(site, "bucket"))
        destinations: list[str] = []
        for rule in rules:
            key = bucket_key(rule.bucket)
            if key is not None and key in stack.buckets and key not in destinations:
                destinations.append(key)
        for key in destinations:
            if key not in stack.regions:
                stack.regions[key] = self._check_region(site, source, key, stack, ctx)
        depends = _DependsOn(site)
        for key in [source, *destinations]:
            if key is not None and key in stack.buckets:
                provider = stack.regions.get(key)
                self._check_versioning(site, key, provider, depends, stack, ctx)
        if depends.added:
            added = [cst.parse_expression(name) for name in depends.added]
            ctx.edit_call(site.node, lambda call: _add_depends_on(call, added))

    # The role

    def _check_role(self, site: CallSite, ctx: Context) -> None:
        role = site.keyword("role")
        if role is None:
            message = (
                f"Add `role=` to `{site.name}`: replication needs an IAM role that "
                "`s3.amazonaws.com` can assume, allowed to read the source bucket and "
                "replicate into the destination"
            )
            ctx.report(self, site.node, message, safety=Safety.DETECT_ONLY)
            return
        text = literal(role.value)
        if text is not None and f":{PLACEHOLDER_ACCOUNT}:" in text:
            message = (
                f"Replace the role ARN `{text}` with a role of this account: "
                f"{PLACEHOLDER_ACCOUNT} is the placeholder account of AWS examples"
            )
            ctx.report(self, role, message, safety=Safety.DETECT_ONLY)

    # Rules: delete marker replication and the destination ARN

    def _check_rules(
        self, site: CallSite, rules: list[Rule], stack: Stack, ctx: Context
    ) -> None:
        for rule in rules:
            has_filter = field_value(rule.node, "filter") is not None
            marker = field_value(
                rule.node, "delete_marker_replication", "deleteMarkerReplication"
            )
            if has_filter and marker is None:
                message = (
                    f"Add `delete_marker_replication` with status `Disabled` to rule "
                    f"{rule.label}: S3 rejects a rule with `filter` that lacks it"
                )
                if ctx.report(self, rule.node, message, safety=Safety.SAFE):
                    self._add_delete_marker(site, rule, ctx)
            bucket = rule.bucket
            key = bucket_key(bucket)
            if (
                isinstance(bucket, cst.Attribute)
                and bucket.attr.value != "arn"
                and key in stack.buckets
            ):
                message = (
                    f"Replace `{code_of(bucket)}` with `{key}.arn`: the destination "
                    "of a replication rule is named by the bucket's ARN"
                )
                if ctx.report(self, bucket, message, safety=Safety.SAFE):
                    arn = bucket.with_changes(attr=cst.Name("arn"))
                    ctx.edit_call(
                        site.node, lambda call, b=bucket: replace_equal(call, b, arn)
                    )

    def _add_delete_marker(self, site: CallSite, rule: Rule, ctx: Context) -> None:
        if isinstance(rule.node, cst.Call):
            struct = ctx.provider_name(REPLICATION_MODULE, DELETE_MARKER_STRUCT)
            value = cst.parse_expression(f'{struct}(status="Disabled")')
            ctx.edit_call(
                rule.node,
                lambda call: append_keyword(call, "delete_marker_replication", value),
            )
            return
        # A dict inside the rule list reaches jsii as a plain map, read by the
        # camelCase property names, so the key is spelled that way.
        original = rule.node
        entry = add_dict_entry(
            original,
            "deleteMarkerReplication",
            cst.parse_expression('{"status": "Disabled"}'),
        )
        ctx.edit_call(site.node, lambda call: replace_equal(call, original, entry))

    # The destination's region

    def _check_region(
        self, site: CallSite, source: str | None, key: str, stack: Stack, ctx: Context
    ) -> str | None:
        """Check that a destination bucket is in another region than the source.

        Returns the provider code the destination's new companions must use.
        """
        bucket = stack.buckets[key]
        source_site = stack.buckets.get(source or "")
        source_region = stack.region_of(source_site or site)
        provider = _keyword_value(bucket, "provider")
        if provider is not None or bucket.keyword("region") is not None:
            region = stack.region_of(bucket)
            if region is not None and region == source_region:
                message = (
                    f"Put the destination bucket `{key}` in another region than the "
                    f"source (both are in {region}): a replica in the same region does "
                    "not survive a regional outage. Ignore this where same-region "
                    "replication is intended"
                )
                ctx.report(self, bucket.node, message, safety=Safety.DETECT_ONLY)
            return None if provider is None else code_of(provider)
        candidates = [
            p
            for p in stack.providers
            if p.alias and p.target and p.region not in (None, source_region)
        ]
        if source_region is None or len(candidates) != 1:
            if source_region is None:
                found = "the stack does not say which region the source bucket is in"
            elif candidates:
                names = ", ".join(f"`{p.target}`" for p in candidates)
                found = f"the stack has several aliased providers elsewhere: {names}"
            else:
                found = "the stack has no aliased `AwsProvider` in another region"
            message = (
                f"Put the destination bucket `{key}` under a provider alias in another "
                f"region than the source: it is created in the source bucket's region, "
                f"and {found}"
            )
            ctx.report(self, bucket.node, message, safety=Safety.DETECT_ONLY)
            return None
        chosen = candidates[0]
        assert chosen.target is not None
        if key in stack.passed:
            message = (
                f"Put the destination bucket `{key}` under provider `{chosen.target}`: "
                "it is created in the source bucket's region (not moved here because "
                "the bucket is passed to a function that may add resources for it)"
            )
            ctx.report(self, bucket.node, message, safety=Safety.DETECT_ONLY)
            return None
        companions = self._companions(key, stack)
        at = [stack.places.of(s.statement) for s in [bucket, *companions]]
        where = stack.places.of(chosen.site.statement)
        if where is None or any(
            place is None or not stack.visible(chosen.target, where, place)
            for place in at
        ):
            message = (
                f"Put the destination bucket `{key}` under provider `{chosen.target}`: "
                "it is created in the source bucket's region, and the provider is not "
                "defined before the bucket in the same method"
            )
            ctx.report(self, bucket.node, message, safety=Safety.DETECT_ONLY)
            return None
        message = (
            f"Put the destination bucket `{key}` and its companion resources under "
            f"provider `{chosen.target}` ({chosen.region}): it is created in the "
            "source bucket's region"
        )
        if not ctx.report(self, bucket.node, message):
            return None
        value = cst.parse_expression(chosen.target)
        for target in [bucket, *companions]:
            ctx.edit_call(
                target.node, lambda call: append_keyword(call, "provider", value)
            )
        return chosen.target

    @staticmethod
    def _companions(key: str, stack: Stack) -> list[CallSite]:
        """Return the resources of a bucket (`bucket=key.id`) that set no region."""
        return [
            site
            for site in stack.calls
            if site.module
            and site.module != REPLICATION_MODULE
            and bucket_key(_keyword_value(site, "bucket")) == key
            and site.keyword("provider") is None
            and site.keyword("region") is None
        ]

    # Versioning and depends_on

    def _check_versioning(
        self,
        site: CallSite,
        key: str,
        provider: str | None,
        depends: _DependsOn,
        stack: Stack,
        ctx: Context,
    ) -> None:
        bucket = stack.buckets[key]
        inline = _keyword_value(bucket, "versioning")
        if inline is not None:
            enabled = field_value(inline, "enabled")
            if isinstance(enabled, cst.Name) and enabled.value == "False":
                message = (
                    f"Enable versioning on bucket `{key}`: S3 replicates only between "
                    "versioned buckets"
                )
                ctx.report(self, bucket.node, message, safety=Safety.DETECT_ONLY)
            return
        versionings = stack.versionings.get(key, [])
        if key in stack.unversioned:
            return
        if key in stack.added:
            name, where = stack.added[key]
            at = stack.places.of(site.statement)
            if at is not None and stack.visible(name, where, at) and depends.editable:
                depends.add(name)
            return
        if not versionings:
            # A function given the bucket, or a versioning whose bucket is not
            # followed, may version it, so add no second one and report nothing.
            if key not in stack.passed and not stack.unmatched_versioning:
                self._add_versioning(site, key, provider, depends, stack, ctx)
            return
        for versioning in versionings:
            self._check_status(key, versioning, ctx)
        self._depend_on(site, key, versionings[0], depends, stack, ctx)

    def _check_status(self, key: str, versioning: CallSite, ctx: Context) -> None:
        configuration = _keyword_value(versioning, "versioning_configuration")
        if configuration is None:
            return
        status = field_value(configuration, "status")
        text = literal(status)
        if status is None or text is None or text == "Enabled":
            return
        message = (
            f"Set the versioning status of bucket `{key}` to `Enabled`: S3 "
            f"replicates only from and to buckets with versioning enabled, not {text}"
        )
        if ctx.report(self, status, message):
            enabled = cst.SimpleString('"Enabled"')
            ctx.edit_call(
                versioning.node, lambda call, s=status: replace_equal(call, s, enabled)
            )

    def _depend_on(
        self,
        site: CallSite,
        key: str,
        versioning: CallSite,
        depends: _DependsOn,
        stack: Stack,
        ctx: Context,
    ) -> None:
        name = versioning.target
        if name is not None and name in depends.listed:
            return

        where = stack.places.of(versioning.statement)
        at = stack.places.of(site.statement)
        assign = name is None and _is_bare(versioning)
        if assign and where is not None and at is not None:
            name = self._new_versioning_name(key, where, at, stack, ctx)
        visible = (
            where is not None and at is not None and stack.visible(name or "", where, at)
        )
        if not depends.editable or not visible or name is None:
            if not depends.editable:
                reason = "`depends_on` is not a list literal"
            elif where is not None and at is not None and where.order > at.order:
                reason = "move the versioning before the replication first"
            else:
                reason = "the versioning cannot be named where the replication is"
            message = (
                f"Add the versioning of bucket `{key}` to `depends_on` of `{site.name}`: "
                "Terraform may create the replication before versioning is enabled "
                f"({reason})"
            )
            ctx.report(self, site.node, message, safety=Safety.DETECT_ONLY)
            return

        if assign:
            message = (
                f"Assign the versioning of bucket `{key}` to `{name}` and add it to "
                f"`depends_on`: Terraform may create the replication before "
                "versioning is enabled"
            )
        else:
            message = (
                f"Add `{name}` to `depends_on`: Terraform may create the replication "
                "before versioning is enabled"
            )
        if not ctx.report(self, site.node, message, safety=Safety.SAFE):
            return
        if assign:
            ctx.assigned_names.add(name.removeprefix("self."))
            assert versioning.statement is not None
            ctx.edit_statement(versioning.statement, _assign_to(name))
        depends.add(name)

    @staticmethod
    def _new_versioning_name(
        key: str, where: Place, at: Place, stack: Stack, ctx: Context
    ) -> str:
        """Name an unassigned versioning: a local, or an attribute in another method."""
        base = _versioning_name(key, stack, ctx)
        return base if where.function is at.function else f"self.{base}"

    def _add_versioning(
        self,
        site: CallSite,
        key: str,
        provider: str | None,
        depends: _DependsOn,
        stack: Stack,
        ctx: Context,
    ) -> None:
        bucket = stack.buckets[key]
        stack.unversioned.add(key)
        plan = self._plan_versioning(site, bucket, key, provider, stack)
        if isinstance(plan, str):
            message = (
                f"Add an `S3BucketVersioningA` with status `Enabled` for bucket `{key}`: "
                f"S3 replicates only between versioned buckets ({plan})"
            )
            ctx.report(self, bucket.node, message, safety=Safety.DETECT_ONLY)
            return
        anchor, after, construct_id, region = plan
        name = _versioning_name(key, stack, ctx)
        under = f" under `{provider}`" if provider else ""
        message = (
            f"Add `{name}`, an `S3BucketVersioningA` with status `Enabled` for bucket "
            f"`{key}`{under}, and list it in `depends_on`: S3 replicates only between "
            "versioned buckets"
        )
        if not ctx.report(self, bucket.node, message):
            return
        stack.unversioned.discard(key)
        ctx.assigned_names.add(name)

        scope = _positional_code(bucket.node, 0)
        assert scope is not None
        callee = ctx.provider_name(VERSIONING_MODULE, "S3BucketVersioningA")
        configuration = ctx.provider_name(
            VERSIONING_MODULE, "S3BucketVersioningVersioningConfiguration"
        )
        extra = "".join(
            f", {keyword}={value}"
            for keyword, value in (("provider", provider), ("region", region))
            if value
        )
        statement = cst.parse_statement(
            f"{name} = {callee}(\n"
            f"    {code_of(scope)}, {code_of(construct_id)}, bucket={key}.id{extra},\n"
            f'    versioning_configuration={configuration}(status="Enabled"),\n'
            ")\n"
        )

        if after:
            ctx.insert_after(anchor, [statement])
        else:
            ctx.insert_before(anchor, [statement])
        anchor_place = stack.places.of(anchor)
        if anchor_place is not None:
            stack.added[key] = (name, anchor_place)
        if depends.editable:
            depends.add(name)

    def _plan_versioning(
        self,
        site: CallSite,
        bucket: CallSite,
        key: str,
        provider: str | None,
        stack: Stack,
    ) -> tuple[cst.SimpleStatementLine, bool, cst.BaseExpression, str | None] | str:
        """Decide where a new versioning goes, or return why it cannot go anywhere."""
        place = stack.places.of(bucket.statement)
        at = stack.places.of(site.statement)
        if place is None or at is None or not (bucket.statement and site.statement):
            return "the bucket or the replication is outside a class"
        if place.loops or at.loops:
            return "the bucket or the replication is made in a loop"
        scope = _positional_code(bucket.node, 0)
        construct_id = _positional_code(bucket.node, 1)
        new_id = None
        if construct_id is not None:
            new_id = derived_construct_id(construct_id, "versioning", stack.separator)
        if scope is None or new_id is None:
            return "the bucket's scope or construct id is not written out"
        if literal(new_id) in stack.construct_ids:
            return f"the construct id {code_of(new_id)} is taken"
        region = _keyword_value(bucket, "region")
        region_text = None if region is None else code_of(region)
        if place.function is at.function and place.order < at.order:
            return bucket.statement, True, new_id, region_text
        names = [key, code_of(scope), provider or "self", region_text or "self"]
        if place.order < at.order and all(n.startswith("self") for n in names):
            return site.statement, False, new_id, region_text
        return "the bucket is not defined before the replication in the same method"


def _versioning_name(key: str, stack: Stack, ctx: Context) -> str:
    base = f"{key.split('.')[-1]}_versioning"
    return stack.places.fresh_name(base, ctx.assigned_names)


def _is_bare(site: CallSite) -> bool:
    """Tell whether a call is a statement of its own, assigned to nothing."""
    statement = site.statement
    if statement is None or len(statement.body) != 1:
        return False
    small = statement.body[0]
    return isinstance(small, cst.Expr) and small.value is site.node


def _assign_to(name: str):  # noqa: ANN202 - a statement edit
    def assign(line: cst.SimpleStatementLine) -> cst.SimpleStatementLine:
        small = line.body[0]
        if not isinstance(small, cst.Expr):
            return line
        target = cst.AssignTarget(cst.parse_expression(name))
        return line.with_changes(body=[cst.Assign(targets=[target], value=small.value)])

    return assign


class _DependsOn:
    """The `depends_on` of one replication configuration and the names to add."""

    def __init__(self, site: CallSite) -> None:
        arg = site.keyword("depends_on")
        self.editable = arg is None or isinstance(arg.value, cst.List)
        self.listed: set[str] = set()
        if arg is not None and isinstance(arg.value, cst.List):
            self.listed = {code_of(element.value) for element in arg.value.elements}
        self.added: list[str] = []

    def add(self, name: str) -> None:
        if name not in self.listed and name not in self.added:
            self.added.append(name)


def _add_depends_on(call: cst.Call, names: list[cst.BaseExpression]) -> cst.Call:
    arg = find_keyword(call, "depends_on")
    if arg is None:
        return append_keyword(call, "depends_on", append_elements(cst.List([]), names))
    if isinstance(arg.value, cst.List):
        present = {code_of(element.value) for element in arg.value.elements}
        missing = [name for name in names if code_of(name) not in present]
        value = append_elements(arg.value, missing)
        return replace_keyword_value(call, "depends_on", value)
    return call
