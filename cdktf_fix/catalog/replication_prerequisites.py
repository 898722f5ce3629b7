from __future__ import annotations

import re

from typing import TYPE_CHECKING

import libcst as cst

from cdktf_fix.catalog.base import Entry
from cdktf_fix.catalog.replication_examples import EXAMPLES, VALID
from cdktf_fix.codemods.calls import find_keyword, replace_keyword_value
from cdktf_fix.codemods.nodes import append_elements, append_keyword, replace_equal
from cdktf_fix.codemods.placement import (
    Place,
    code_of,
    derived_construct_id,
    places_of,
)
from cdktf_fix.codemods.replication_regions import (
    NewProvider,
    other_region_keys,
    plan_provider,
)
from cdktf_fix.codemods.replication_role import (
    NewRole,
    StackRole,
    plan_role,
    role_statements,
)
from cdktf_fix.codemods.replication_stack import (
    REPLICATION_CLASSES,
    REPLICATION_MODULE,
    VERSIONING_MODULE,
    Provider,
    Rule,
    Stack,
    bucket_key,
    companions,
    field_value,
    keyword_value,
    literal,
    positional_code,
    read_rules,
)
from cdktf_fix.codemods.statements import assign_to
from cdktf_fix.codemods.values import add_dict_entry
from cdktf_fix.results import Safety

if TYPE_CHECKING:
    from cdktf_fix.walk import CallSite, Context, StackModel

DELETE_MARKER_STRUCT = "S3BucketReplicationConfigurationRuleDeleteMarkerReplication"
PLACEHOLDER_ACCOUNT = "123456789012"
"""The account id of AWS's documentation examples, never a real account."""


class ReplicationPrerequisites(Entry):
    code = "CDKTF011"
    slug = "replication-prerequisites"
    title = "S3 replication without what it needs"
    safety = Safety.UNSAFE
    detects = (
        "An `S3BucketReplicationConfigurationA` whose buckets lack enabled versioning, "
        "that does not depend on their versioning resources, whose rules use `filter` "
        "without `delete_marker_replication` or name the destination by id, whose "
        "destination bucket is in the source region, or whose IAM role is missing or "
        "an ARN in the placeholder account of AWS examples."
    )
    why = (
        "Synth and `terraform validate` accept all of these. At apply, S3 rejects a "
        "replication configuration unless both buckets have versioning enabled, and "
        "Terraform may create the configuration before the versioning unless "
        "`depends_on` orders them. Rules with `filter` need "
        "`delete_marker_replication`, the destination is named by its ARN, and "
        "cross-region replication needs the replica under a provider of another "
        "region. S3 replicates as the role that the configuration names, so the role "
        "must exist in the account and be allowed to read and write the objects."
    )
    fix = (
        "Safe: adds the versioning resources that exist to `depends_on` (assigning "
        "an unassigned one to a variable), adds "
        "`delete_marker_replication` with status `Disabled` (what S3 does without "
        "one in the older rule schema), and names the destination by `.arn`. Unsafe, "
        "because they change what is deployed: adds `S3BucketVersioningA` with status "
        "`Enabled` for a bucket without versioning (under the bucket's provider), "
        "enables a suspended versioning, and moves a destination bucket and its "
        "companion resources to the one aliased provider of another region. A stack "
        "whose only `AwsProvider` has a literal region and no alias gets a provider "
        "aliased `dr` in a paired region first (us-east-1 and us-west-2, us-east-2 "
        "and us-west-1, eu-west-1 and eu-central-1, eu-west-2 to eu-west-1, "
        "ap-southeast-1 and ap-southeast-2, ap-northeast-1 and ap-northeast-3). A "
        "missing role or a role ARN in the placeholder account 123456789012 becomes "
        "the stack's one unused role that S3 can assume and that may replicate, or "
        "else a new `IamRole` that trusts `s3.amazonaws.com` with an `IamRolePolicy` "
        "that allows reading the source and its object versions, replicating into "
        "each destination, and `kms:Decrypt` and `kms:Encrypt` on the `KmsKey`s of "
        "the stack that encrypt either side. The policies are "
        "`DataAwsIamPolicyDocument`s unless the stack writes `json.dumps` and no "
        "document."
    )
    known_problems = (
        "Only buckets created in the stack and assigned to variables are followed; "
        "a bucket named by a literal is not checked. Same-region replication is "
        "valid in S3 but reported, because stacks rarely mean it: suppress the "
        "finding where it is intended. Statements outside classes and in loops "
        "are reported, not fixed. Other regions than those paired above, and "
        "regions that are not literals, get no provider. A destination whose "
        "resources use a KMS key of the source region is not moved, because its "
        "key must be in its own region. KMS keys named by ARN, alias or data source "
        "get no grant in a new role. A role of the stack that S3 can assume but "
        "that lacks replication permissions is left alone, and a new role is added."
    )
    examples = EXAMPLES
    valid = VALID

    triggers = ("S3BucketReplicationConfiguration",)
    claims = (("S3BucketReplicationConfigurationA", "role"),)

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
        rules = read_rules(site, stack.model)
        self._check_role(site, rules, stack, ctx)
        self._check_rules(site, rules, stack, ctx)
        source = bucket_key(keyword_value(site, "bucket"))
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

    def _check_role(
        self, site: CallSite, rules: list[Rule], stack: Stack, ctx: Context
    ) -> None:
        role = site.keyword("role")
        text = None if role is None else literal(role.value)
        placeholder = text is not None and f":{PLACEHOLDER_ACCOUNT}:" in text
        if role is not None and not placeholder:
            return
        node: cst.CSTNode = site.node if role is None else role
        plan = plan_role(site, rules, stack, ctx)
        message = _role_message(site, text, plan)
        if isinstance(plan, str):
            ctx.report(self, node, message, safety=Safety.DETECT_ONLY)
            return
        if not ctx.report(self, node, message):
            return
        if isinstance(plan, NewRole):
            assert site.statement is not None
            statements = role_statements(plan.names, plan.grants, plan.style, ctx)
            _insert_above(ctx, site.statement, statements)
            ctx.assigned_names.update(plan.variables)
            stack.construct_ids.update(plan.construct_ids)
        value = cst.parse_expression(f"{plan.role}.arn")
        ctx.edit_call(site.node, lambda call: _with_keyword(call, "role", value))

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
        provider = keyword_value(bucket, "provider")
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
        if source_region is not None and not candidates:
            added = plan_provider(key, source_region, stack, ctx)
            if isinstance(added, NewProvider):
                return self._move(key, added.provider, added, stack, ctx)
            found = (
                "the stack has no aliased `AwsProvider` in another region (none is "
                f"added because {added})"
            )
        elif source_region is None:
            found = "the stack does not say which region the source bucket is in"
        elif len(candidates) > 1:
            names = ", ".join(f"`{p.target}`" for p in candidates)
            found = f"the stack has several aliased providers elsewhere: {names}"
        else:
            return self._move(key, candidates[0], None, stack, ctx)
        message = (
            f"Put the destination bucket `{key}` under a provider alias in another "
            f"region than the source: it is created in the source bucket's region, "
            f"and {found}"
        )
        ctx.report(self, bucket.node, message, safety=Safety.DETECT_ONLY)
        return None

    def _move(
        self,
        key: str,
        chosen: Provider,
        added: NewProvider | None,
        stack: Stack,
        ctx: Context,
    ) -> str | None:
        """Put a destination bucket and its companions under `chosen`, if they can be.

        `added` is the provider statement to add first, when `chosen` is new.
        Returns the provider code, or None when nothing moves.
        """
        bucket = stack.buckets[key]
        assert chosen.target is not None
        targets = [bucket, *companions(key, stack)]
        at = [stack.places.of(s.statement) for s in targets]
        where = stack.places.of(chosen.site.statement)
        keys = other_region_keys(targets, chosen, stack)
        reason = None
        if key in stack.passed:
            reason = "the bucket is passed to a function that may add resources for it"
        elif in_collection(key, stack):
            reason = "the bucket is kept in a list or tuple, whose resources are not followed"
        elif where is None or any(
            place is None or not stack.visible(chosen.target, where, place)
            for place in at
        ):
            reason = "the provider is not defined before the bucket in the same method"
        elif keys:
            names = ", ".join(f"`{name}`" for name in keys)
            reason = f"the bucket's resources use KMS keys of another region: {names}"
        if reason is not None:
            named = added.description if added else f"provider `{chosen.target}`"
            message = (
                f"Put the destination bucket `{key}` under {named}: it is created in "
                f"the source bucket's region (not moved here because {reason})"
            )
            ctx.report(self, bucket.node, message, safety=Safety.DETECT_ONLY)
            return None
        if added is None:
            message = (
                f"Put the destination bucket `{key}` and its companion resources under "
                f"provider `{chosen.target}` ({chosen.region}): it is created in the "
                "source bucket's region"
            )
        else:
            message = (
                f"Add `{chosen.target}`, {added.description}, and put the destination "
                f"bucket `{key}` and its companion resources under it: it is created "
                "in the source bucket's region"
            )
        if not ctx.report(self, bucket.node, message):
            return None
        if added is not None:
            ctx.insert_after(added.anchor, [added.statement])
            ctx.assigned_names.add(chosen.target.removeprefix("self."))
            stack.construct_ids.update(added.construct_ids)
            stack.providers.append(chosen)
        value = cst.parse_expression(chosen.target)
        for target in targets:
            ctx.edit_call(
                target.node, lambda call: append_keyword(call, "provider", value)
            )
        return chosen.target

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
        inline = keyword_value(bucket, "versioning")
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
        configuration = keyword_value(versioning, "versioning_configuration")
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
            ctx.edit_statement(versioning.statement, assign_to(name))
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

        scope = positional_code(bucket.node, 0)
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
        scope = positional_code(bucket.node, 0)
        construct_id = positional_code(bucket.node, 1)
        new_id = None
        if construct_id is not None:
            new_id = derived_construct_id(construct_id, "versioning", stack.separator)
        if scope is None or new_id is None:
            return "the bucket's scope or construct id is not written out"
        if literal(new_id) in stack.construct_ids:
            return f"the construct id {code_of(new_id)} is taken"
        region = keyword_value(bucket, "region")
        region_text = None if region is None else code_of(region)
        if place.function is at.function and place.order < at.order:
            return bucket.statement, True, new_id, region_text
        names = [key, code_of(scope), provider or "self", region_text or "self"]
        if place.order < at.order and all(n.startswith("self") for n in names):
            return site.statement, False, new_id, region_text
        return "the bucket is not defined before the replication in the same method"


def in_collection(key: str, stack: Stack) -> bool:
    """Tell whether a bucket variable is an element of a list, tuple or set literal.

    Resources made for such elements (`for b in [src, dst]: ...`) cannot be
    followed, so a move would leave them in the old region.
    """
    if stack.model.module is None:
        return True
    code = stack.model.module.code
    return re.search(rf"[\[(,{{]\s*{re.escape(key)}\s*[,\])}}]", code) is not None


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


# The role and the provider: helpers


def _role_message(
    site: CallSite, text: str | None, plan: NewRole | StackRole | str
) -> str:
    """Word the finding of a missing role (`text` None) or of a placeholder ARN."""
    if text is None:
        reason = "S3 replicates as the IAM role that the configuration names"
    else:
        reason = f"{PLACEHOLDER_ACCOUNT} is the placeholder account of AWS examples"
    if isinstance(plan, str):
        if text is None:
            return (
                f"Add `role=` to `{site.name}`: {reason}, and it needs a role that "
                "`s3.amazonaws.com` can assume, allowed to read the source bucket and "
                f"replicate into the destination (not added because {plan})"
            )
        return (
            f"Replace the role ARN `{text}` with a role of this account: {reason} "
            f"(not replaced because {plan})"
        )
    role = plan.role
    if isinstance(plan, StackRole):
        described = (
            "the stack's one role that `s3.amazonaws.com` can assume and that may "
            "replicate objects, which no other replication uses"
        )
        if text is None:
            return f"Add `role={role}.arn` to `{site.name}`, {described}: {reason}"
        return f"Replace the role ARN `{text}` with `{role}.arn`, {described}: {reason}"
    destinations = ", ".join(f"`{key}`" for key in plan.destinations)
    allowed = f"allowed to replicate from `{plan.source}` to {destinations}"
    if plan.keys:
        allowed += " with KMS keys " + ", ".join(f"`{key}`" for key in plan.keys)
    if text is None:
        return (
            f"Add `{role}`, an IAM role that `s3.amazonaws.com` can assume, {allowed}, "
            f"and pass `{role}.arn` as `role=`: {reason}"
        )
    return (
        f"Replace the role ARN `{text}` with `{role}.arn` of a new IAM role that "
        f"`s3.amazonaws.com` can assume, {allowed}: {reason}"
    )


def _insert_above(
    ctx: Context,
    anchor: cst.SimpleStatementLine,
    statements: list[cst.SimpleStatementLine],
) -> None:
    """Insert statements above `anchor`, which hands its blank lines up.

    Comments stay with `anchor`, because they describe it.
    """
    lines = list(anchor.leading_lines)
    blank = 0
    while blank < len(lines) and lines[blank].comment is None:
        blank += 1
    statements[0] = statements[0].with_changes(leading_lines=lines[:blank])
    ctx.insert_before(anchor, statements)
    if blank:
        comments = lines[blank:]
        ctx.edit_statement(
            anchor, lambda line: line.with_changes(leading_lines=comments)
        )


def _with_keyword(call: cst.Call, name: str, value: cst.BaseExpression) -> cst.Call:
    if find_keyword(call, name) is None:
        return append_keyword(call, name, value)
    return replace_keyword_value(call, name, value)
