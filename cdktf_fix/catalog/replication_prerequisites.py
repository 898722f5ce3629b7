from __future__ import annotations

import builtins
import json
import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

import libcst as cst

from cdktf_fix.bindings import dotted_name
from cdktf_fix.catalog.base import Entry, Example, Valid
from cdktf_fix.codemods.calls import find_keyword, replace_keyword_value
from cdktf_fix.codemods.layout import new_construct_id
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
from cdktf_fix.codemods.references import mentions
from cdktf_fix.codemods.replication_role import (
    Grant,
    PolicyStyle,
    RoleNames,
    policy_style,
    replication_grants,
    role_statements,
)
from cdktf_fix.codemods.statements import assign_call
from cdktf_fix.codemods.values import add_dict_entry, snake_case
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
S3_PRINCIPAL = re.compile(r"""["']s3\.amazonaws\.com["']""")
"""The S3 service principal as a whole string, not the tail of another service's."""
REPLICATE_ACTION = re.compile(r"""["']s3:(?:Replicate(?:Object|\*)|\*)["']""")
"""An action that lets a role write replicas: `s3:ReplicateObject` or a wildcard."""
KMS_KEY_FIELDS = ("kms_master_key_id", "kmsMasterKeyId")
"""Where a bucket's default encryption names its KMS key, in either spelling."""
REPLICA_KEY_FIELDS = ("replica_kms_key_id", "replicaKmsKeyId")
"""Where a replication rule names the KMS key that encrypts the replicas."""
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



@dataclass(frozen=True)
class NewProvider:
    """An aliased provider to add after the stack's only `AwsProvider`."""

    provider: Provider
    anchor: cst.SimpleStatementLine
    statement: cst.SimpleStatementLine
    description: str
    """The provider described for messages: its alias and region, and why that region."""
    construct_ids: frozenset[str]


@dataclass(frozen=True)
class StackRole:
    """A role of the stack that S3 can assume and that no other replication uses."""

    role: str


@dataclass(frozen=True)
class NewRole:
    """A replication role to add above the replication configuration."""

    names: RoleNames
    grants: tuple[Grant, ...]
    style: PolicyStyle
    source: str
    destinations: tuple[str, ...]
    keys: tuple[str, ...]
    """The KMS keys that the grants name."""
    construct_ids: frozenset[str]

    @property
    def role(self) -> str:
        return self.names.role

    @property
    def variables(self) -> set[str]:
        names = (self.names.role, self.names.trust, self.names.permissions)
        return {name for name in names if name}


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
            "no provider in another region",
            """
            from cdktf_cdktf_provider_aws.provider import AwsProvider
            from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
            from cdktf_cdktf_provider_aws.s3_bucket_replication_configuration import (
                S3BucketReplicationConfigurationA,
            )
            from cdktf_cdktf_provider_aws.s3_bucket_versioning import S3BucketVersioningA

            class Backup(TerraformStack):
                def __init__(self, scope, id):
                    super().__init__(scope, id)
                    AwsProvider(self, "aws", region="eu-west-2")
                    logs = S3Bucket(self, "logs", versioning={"enabled": True})
                    copy = S3Bucket(self, "logs-copy")
                    copy_versioning = S3BucketVersioningA(self, "copy-versioning", bucket=copy.id,
                                                          versioning_configuration={"status": "Enabled"})
                    S3BucketReplicationConfigurationA(
                        self, "logs-replication", bucket=logs.id, role=role.arn,
                        depends_on=[copy_versioning],
                        rule=[{"id": "all", "status": "Enabled", "prefix": "",
                               "destination": {"bucket": copy.arn}}],
                    )
            """,
            """
            from cdktf_cdktf_provider_aws.provider import AwsProvider
            from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
            from cdktf_cdktf_provider_aws.s3_bucket_replication_configuration import (
                S3BucketReplicationConfigurationA,
            )
            from cdktf_cdktf_provider_aws.s3_bucket_versioning import S3BucketVersioningA

            class Backup(TerraformStack):
                def __init__(self, scope, id):
                    super().__init__(scope, id)
                    AwsProvider(self, "aws", region="eu-west-2")
                    dr_provider = AwsProvider(self, "aws-dr", region="eu-west-1", alias="dr")
                    logs = S3Bucket(self, "logs", versioning={"enabled": True})
                    copy = S3Bucket(self, "logs-copy", provider=dr_provider)
                    copy_versioning = S3BucketVersioningA(self, "copy-versioning", bucket=copy.id,
                                                          versioning_configuration={"status": "Enabled"},
                                                          provider=dr_provider)
                    S3BucketReplicationConfigurationA(
                        self, "logs-replication", bucket=logs.id, role=role.arn,
                        depends_on=[copy_versioning],
                        rule=[{"id": "all", "status": "Enabled", "prefix": "",
                               "destination": {"bucket": copy.arn}}],
                    )
            """,
        ),
        Example(
            "a placeholder role, written as policy documents",
            """
            from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
            from cdktf_cdktf_provider_aws.s3_bucket_replication_configuration import (
                S3BucketReplicationConfigurationA,
            )

            class Backup(TerraformStack):
                def __init__(self, scope, id):
                    super().__init__(scope, id)
                    src = S3Bucket(self, "src", versioning={"enabled": True})
                    dst = S3Bucket(self, "dst", provider=dr, versioning={"enabled": True})

                    S3BucketReplicationConfigurationA(
                        self, "replication", bucket=src.id,
                        role="arn:aws:iam::123456789012:role/replication",
                        rule=[{"id": "all", "status": "Enabled", "prefix": "",
                               "destination": {"bucket": dst.arn}}],
                    )
            """,
            """
            from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
            from cdktf_cdktf_provider_aws.s3_bucket_replication_configuration import (
                S3BucketReplicationConfigurationA,
            )
            from cdktf_cdktf_provider_aws.data_aws_iam_policy_document import (
                DataAwsIamPolicyDocument,
                DataAwsIamPolicyDocumentStatement,
                DataAwsIamPolicyDocumentStatementPrincipals,
            )
            from cdktf_cdktf_provider_aws.iam_role import IamRole
            from cdktf_cdktf_provider_aws.iam_role_policy import IamRolePolicy

            class Backup(TerraformStack):
                def __init__(self, scope, id):
                    super().__init__(scope, id)
                    src = S3Bucket(self, "src", versioning={"enabled": True})
                    dst = S3Bucket(self, "dst", provider=dr, versioning={"enabled": True})

                    replication_trust_policy = DataAwsIamPolicyDocument(
                        self,
                        "replication-trust-policy",
                        statement=[
                            DataAwsIamPolicyDocumentStatement(
                                effect="Allow",
                                actions=["sts:AssumeRole"],
                                principals=[
                                    DataAwsIamPolicyDocumentStatementPrincipals(
                                        type="Service", identifiers=["s3.amazonaws.com"]
                                    ),
                                ],
                            ),
                        ],
                    )
                    replication_role = IamRole(
                        self,
                        "replication-role",
                        assume_role_policy=replication_trust_policy.json,
                    )
                    replication_permissions = DataAwsIamPolicyDocument(
                        self,
                        "replication-permissions",
                        statement=[
                            DataAwsIamPolicyDocumentStatement(
                                effect="Allow",
                                actions=["s3:GetReplicationConfiguration", "s3:ListBucket"],
                                resources=[src.arn],
                            ),
                            DataAwsIamPolicyDocumentStatement(
                                effect="Allow",
                                actions=[
                                    "s3:GetObjectVersionForReplication",
                                    "s3:GetObjectVersionAcl",
                                    "s3:GetObjectVersionTagging",
                                ],
                                resources=[f"{src.arn}/*"],
                            ),
                            DataAwsIamPolicyDocumentStatement(
                                effect="Allow",
                                actions=[
                                    "s3:ReplicateObject",
                                    "s3:ReplicateDelete",
                                    "s3:ReplicateTags",
                                ],
                                resources=[f"{dst.arn}/*"],
                            ),
                        ],
                    )
                    IamRolePolicy(
                        self,
                        "replication-role-policy",
                        role=replication_role.id,
                        policy=replication_permissions.json,
                    )
                    S3BucketReplicationConfigurationA(
                        self, "replication", bucket=src.id,
                        role=replication_role.arn,
                        rule=[{"id": "all", "status": "Enabled", "prefix": "",
                               "destination": {"bucket": dst.arn}}],
                    )
            """,
        ),
        Example(
            "no role, written with json.dumps, and a KMS key",
            """
            import json

            from cdktf_cdktf_provider_aws.kms_key import KmsKey
            from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
            from cdktf_cdktf_provider_aws.s3_bucket_replication_configuration import (
                S3BucketReplicationConfigurationA,
            )
            from cdktf_cdktf_provider_aws.s3_bucket_server_side_encryption_configuration import (
                S3BucketServerSideEncryptionConfigurationA,
            )

            class Backup(TerraformStack):
                def __init__(self, scope, id):
                    super().__init__(scope, id)
                    key = KmsKey(self, "key", policy=json.dumps(KEY_POLICY))
                    src = S3Bucket(self, "src", versioning={"enabled": True})
                    dst = S3Bucket(self, "dst", provider=dr, versioning={"enabled": True})
                    S3BucketServerSideEncryptionConfigurationA(
                        self, "src-sse", bucket=src.id,
                        rule=[{"applyServerSideEncryptionByDefault": {
                            "sseAlgorithm": "aws:kms", "kmsMasterKeyId": key.arn}}],
                    )
                    S3BucketReplicationConfigurationA(
                        self, "replication", bucket=src.id,
                        rule=[{"id": "all", "status": "Enabled", "prefix": "",
                               "destination": {"bucket": dst.arn}}],
                    )
            """,
            """
            import json

            from cdktf_cdktf_provider_aws.kms_key import KmsKey
            from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
            from cdktf_cdktf_provider_aws.s3_bucket_replication_configuration import (
                S3BucketReplicationConfigurationA,
            )
            from cdktf_cdktf_provider_aws.s3_bucket_server_side_encryption_configuration import (
                S3BucketServerSideEncryptionConfigurationA,
            )
            from cdktf_cdktf_provider_aws.iam_role import IamRole
            from cdktf_cdktf_provider_aws.iam_role_policy import IamRolePolicy

            class Backup(TerraformStack):
                def __init__(self, scope, id):
                    super().__init__(scope, id)
                    key = KmsKey(self, "key", policy=json.dumps(KEY_POLICY))
                    src = S3Bucket(self, "src", versioning={"enabled": True})
                    dst = S3Bucket(self, "dst", provider=dr, versioning={"enabled": True})
                    S3BucketServerSideEncryptionConfigurationA(
                        self, "src-sse", bucket=src.id,
                        rule=[{"applyServerSideEncryptionByDefault": {
                            "sseAlgorithm": "aws:kms", "kmsMasterKeyId": key.arn}}],
                    )
                    replication_role = IamRole(
                        self,
                        "replication-role",
                        assume_role_policy=json.dumps({
                            "Version": "2012-10-17",
                            "Statement": [
                                {
                                    "Effect": "Allow",
                                    "Principal": {"Service": "s3.amazonaws.com"},
                                    "Action": "sts:AssumeRole",
                                },
                            ],
                        }),
                    )
                    IamRolePolicy(
                        self,
                        "replication-role-policy",
                        role=replication_role.id,
                        policy=json.dumps({
                            "Version": "2012-10-17",
                            "Statement": [
                                {
                                    "Effect": "Allow",
                                    "Action": ["s3:GetReplicationConfiguration", "s3:ListBucket"],
                                    "Resource": [src.arn],
                                },
                                {
                                    "Effect": "Allow",
                                    "Action": [
                                        "s3:GetObjectVersionForReplication",
                                        "s3:GetObjectVersionAcl",
                                        "s3:GetObjectVersionTagging",
                                    ],
                                    "Resource": [f"{src.arn}/*"],
                                },
                                {
                                    "Effect": "Allow",
                                    "Action": [
                                        "s3:ReplicateObject",
                                        "s3:ReplicateDelete",
                                        "s3:ReplicateTags",
                                    ],
                                    "Resource": [f"{dst.arn}/*"],
                                },
                                {"Effect": "Allow", "Action": ["kms:Decrypt"], "Resource": [key.arn]},
                            ],
                        }),
                    )
                    S3BucketReplicationConfigurationA(
                        self, "replication", bucket=src.id,
                        rule=[{"id": "all", "status": "Enabled", "prefix": "",
                               "destination": {"bucket": dst.arn}}],
                        role=replication_role.arn,
                    )
            """,
        ),
        Example(
            "a role of the stack that may replicate",
            """
            import json

            from cdktf_cdktf_provider_aws.iam_role import IamRole
            from cdktf_cdktf_provider_aws.iam_role_policy import IamRolePolicy
            from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
            from cdktf_cdktf_provider_aws.s3_bucket_replication_configuration import (
                S3BucketReplicationConfigurationA,
            )

            class Backup(TerraformStack):
                def __init__(self, scope, id):
                    super().__init__(scope, id)
                    src = S3Bucket(self, "src", versioning={"enabled": True})
                    dst = S3Bucket(self, "dst", provider=dr, versioning={"enabled": True})
                    role = IamRole(self, "role", assume_role_policy=json.dumps({
                        "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                                       "Principal": {"Service": "s3.amazonaws.com"}}],
                    }))
                    IamRolePolicy(self, "role-policy", role=role.id, policy=json.dumps({
                        "Statement": [{"Effect": "Allow", "Action": ["s3:Replicate*"],
                                       "Resource": [f"{dst.arn}/*"]}],
                    }))
                    S3BucketReplicationConfigurationA(
                        self, "replication", bucket=src.id,
                        role="arn:aws:iam::123456789012:role/replication",
                        rule=[{"id": "all", "status": "Enabled", "prefix": "",
                               "destination": {"bucket": dst.arn}}],
                    )
            """,
            """
            import json

            from cdktf_cdktf_provider_aws.iam_role import IamRole
            from cdktf_cdktf_provider_aws.iam_role_policy import IamRolePolicy
            from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
            from cdktf_cdktf_provider_aws.s3_bucket_replication_configuration import (
                S3BucketReplicationConfigurationA,
            )

            class Backup(TerraformStack):
                def __init__(self, scope, id):
                    super().__init__(scope, id)
                    src = S3Bucket(self, "src", versioning={"enabled": True})
                    dst = S3Bucket(self, "dst", provider=dr, versioning={"enabled": True})
                    role = IamRole(self, "role", assume_role_policy=json.dumps({
                        "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                                       "Principal": {"Service": "s3.amazonaws.com"}}],
                    }))
                    IamRolePolicy(self, "role-policy", role=role.id, policy=json.dumps({
                        "Statement": [{"Effect": "Allow", "Action": ["s3:Replicate*"],
                                       "Resource": [f"{dst.arn}/*"]}],
                    }))
                    S3BucketReplicationConfigurationA(
                        self, "replication", bucket=src.id,
                        role=role.arn,
                        rule=[{"id": "all", "status": "Enabled", "prefix": "",
                               "destination": {"bucket": dst.arn}}],
                    )
            """,
        ),
        Example(
            "a source region without a recovery region",
            """
            from cdktf_cdktf_provider_aws.provider import AwsProvider
            from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
            from cdktf_cdktf_provider_aws.s3_bucket_replication_configuration import (
                S3BucketReplicationConfigurationA,
            )

            class Backup(TerraformStack):
                def __init__(self, scope, id):
                    super().__init__(scope, id)
                    AwsProvider(self, "aws", region="ca-central-1")
                    src = S3Bucket(self, "src", versioning={"enabled": True})
                    dst = S3Bucket(self, "dst", versioning={"enabled": True})
                    S3BucketReplicationConfigurationA(
                        self, "replication", bucket=src.id, role=role.arn,
                        rule=[{"id": "all", "status": "Enabled", "prefix": "",
                               "destination": {"bucket": dst.arn}}],
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
        rules = _rules(site, stack.model)
        self._check_role(site, rules, stack, ctx)
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

    def _check_role(
        self, site: CallSite, rules: list[Rule], stack: Stack, ctx: Context
    ) -> None:
        role = site.keyword("role")
        text = None if role is None else literal(role.value)
        if role is not None and (text is None or f":{PLACEHOLDER_ACCOUNT}:" not in text):
            return
        node: cst.CSTNode = site.node if role is None else role
        plan = self._plan_role(site, rules, stack, ctx)
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

    def _plan_role(
        self, site: CallSite, rules: list[Rule], stack: Stack, ctx: Context
    ) -> NewRole | StackRole | str:
        """Pick the stack's own replication role, or plan a new one."""
        at = stack.places.of(site.statement)
        if at is None or site.statement is None:
            return "the replication does not start a line of its own"
        if at.loops:
            return "the replication is made in a loop"
        found = _s3_roles(site, stack, at)
        if isinstance(found, (str, StackRole)):
            return found
        source = bucket_key(_keyword_value(site, "bucket"))
        if source is None or source not in stack.buckets:
            return "the source is not an `S3Bucket` of this stack"
        destinations: list[str] = []
        written = _keyword_value(site, "rule")
        if not isinstance(written, (cst.List, cst.Tuple)) or len(written.elements) != len(rules):
            return "the rules are not all written out"
        for rule in rules:
            key = bucket_key(rule.bucket)
            if key is None or key not in stack.buckets:
                return f"the destination of rule {rule.label} is not an `S3Bucket` of this stack"
            if key not in destinations:
                destinations.append(key)
        if not destinations:
            return "the configuration has no rules"
        keys = _replication_keys(source, destinations, rules, stack, at)
        if isinstance(keys, str):
            return keys
        return _new_role(site, source, destinations, keys, stack, ctx)

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
        if source_region is not None and not candidates:
            added = self._plan_provider(key, source_region, stack, ctx)
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
        companions = self._companions(key, stack)
        targets = [bucket, *companions]
        at = [stack.places.of(s.statement) for s in targets]
        where = stack.places.of(chosen.site.statement)
        keys = _other_region_keys(targets, chosen, stack)
        reason = None
        if key in stack.passed:
            reason = "the bucket is passed to a function that may add resources for it"
        elif where is None or any(
            place is None or not stack.visible(chosen.target, where, place)
            for place in at
        ):
            reason = "the provider is not defined before the bucket in the same method"
        elif keys:
            names = ", ".join(f"`{name}`" for name in keys)
            reason = f"the bucket's resources use KMS keys of another region: {names}"
        if reason is not None:
            what = f"provider `{chosen.target}`" if added is None else added.description
            message = (
                f"Put the destination bucket `{key}` under {what}: it is created in the "
                f"source bucket's region (not moved here because {reason})"
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

    def _plan_provider(
        self, key: str, source_region: str, stack: Stack, ctx: Context
    ) -> NewProvider | str:
        """Plan an aliased provider in the region paired with the stack's one region."""
        if len(stack.providers) != 1 or stack.providers[0].alias:
            count = len(stack.providers)
            return f"the stack has {count} `AwsProvider`s, not one without an alias"
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
        scope = _positional_code(default.site.node, 0)
        construct_id = _positional_code(default.site.node, 1)
        used = set(stack.construct_ids)
        new_id = None
        if construct_id is not None:
            new_id = new_construct_id(construct_id, DR_ALIAS, used)
        if scope is None or new_id is None:
            return "the construct id of its `AwsProvider` is not a string"

        name = stack.places.fresh_name(f"{DR_ALIAS}_provider", ctx.assigned_names)
        targets = [stack.buckets[key], *self._companions(key, stack)]
        functions = {id(getattr(stack.places.of(t.statement), "function", None)) for t in targets}
        if functions != {id(place.function)} and code_of(scope) == "self":
            name = f"self.{name}"
        callee = code_of(default.site.node.func)
        arguments = [code_of(scope), new_id, f'region="{paired}"', f'alias="{DR_ALIAS}"']
        statement = assign_call(name, callee, arguments)
        call = statement.body[0].value  # type: ignore[attr-defined]
        site = replace(default.site, node=call, target=name)
        provider = Provider(site, name, True, json.dumps(paired))
        description = (
            f"an `AwsProvider` aliased `{DR_ALIAS}` in {paired}, the recovery region "
            f"this fix pairs with {region}"
        )
        ids = frozenset(used - stack.construct_ids)
        return NewProvider(provider, anchor, statement, description, ids)

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
        what = (
            "the stack's one role that `s3.amazonaws.com` can assume and that may "
            "replicate objects, which no other replication uses"
        )
        if text is None:
            return f"Add `role={role}.arn` to `{site.name}`, {what}: {reason}"
        return f"Replace the role ARN `{text}` with `{role}.arn`, {what}: {reason}"
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


def _s3_roles(site: CallSite, stack: Stack, at: Place) -> StackRole | str | None:
    """Find the stack's replication role, when no other replication uses it.

    A replication role is one that S3 can assume and that is allowed to write
    replicas. Returns None when there is none, and why it cannot be used when
    the choice is unclear or the role cannot be named at `at`.
    """
    used = [
        code_of(arg.value)
        for other in stack.calls
        if other.module == REPLICATION_MODULE and other.node is not site.node
        and (arg := other.keyword("role")) is not None
    ]
    free = [
        role
        for role in stack.calls
        if role.module == "iam_role" and role.name == "IamRole" and role.target
        and S3_PRINCIPAL.search(_policy_text(role, "assume_role_policy", stack))
        and REPLICATE_ACTION.search(_permissions_text(role, stack))
        and not any(code.startswith(f"{role.target}.") for code in used)
    ]
    if not free:
        return None
    names = [role.target for role in free if role.target]
    if len(names) > 1:
        listed = ", ".join(f"`{name}`" for name in names)
        return f"the stack has several roles that may replicate objects: {listed}"
    place = stack.places.of(free[0].statement)
    if place is None or not stack.visible(names[0], place, at):
        return f"the stack's role `{names[0]}` cannot be named where the replication is"
    return StackRole(names[0])


def _policy_text(site: CallSite, keyword: str, stack: Stack) -> str:
    """Return the code of a call and of the call that builds its `keyword` policy."""
    texts = [code_of(site.node)]
    value = _keyword_value(site, keyword)
    name = dotted_name(value) if value is not None else None
    if name is not None:
        name = name.removesuffix(".json")
        texts += [code_of(other.node) for other in stack.calls if other.target == name]
    return "\n".join(texts)


def _permissions_text(role: CallSite, stack: Stack) -> str:
    """Return the code of a role and of the policies attached to it in the stack."""
    texts = [code_of(role.node)]
    for site in stack.calls:
        attached = _keyword_value(site, "role")
        if attached is None or not code_of(attached).startswith(f"{role.target}."):
            continue
        if site.name == "IamRolePolicy":
            texts.append(_policy_text(site, "policy", stack))
        elif site.name == "IamRolePolicyAttachment":
            arn = _keyword_value(site, "policy_arn")
            name = dotted_name(arn) if arn is not None else None
            policies = [p for p in stack.calls if name and p.target == name.removesuffix(".arn")]
            texts += [_policy_text(policy, "policy", stack) for policy in policies]
    return "\n".join(texts)


def _replication_keys(
    source: str, destinations: list[str], rules: list[Rule], stack: Stack, at: Place
) -> tuple[list[str], list[str]] | str:
    """Return the KMS keys of the stack that encrypt the source and the replicas.

    NOTE: only keys that the stack creates with `KmsKey` are found. A key named
    by a literal ARN, an alias or a data source gets no grant.
    """
    keys = {
        site.target: site
        for site in stack.calls
        if site.module == "kms_key" and site.name == "KmsKey" and site.target
    }
    decrypt = _keys_in(_bucket_resources(source, stack), KMS_KEY_FIELDS, keys)
    written = [node for key in destinations for node in _bucket_resources(key, stack)]
    encrypt = _keys_in(written, KMS_KEY_FIELDS, keys)
    for name in _keys_in([rule.node for rule in rules], REPLICA_KEY_FIELDS, keys):
        if name not in encrypt:
            encrypt.append(name)
    for name in [*decrypt, *encrypt]:
        place = stack.places.of(keys[name].statement)
        if place is None or not stack.visible(name, place, at):
            return f"KMS key `{name}` cannot be named where the replication is"
    return decrypt, encrypt


def _bucket_resources(key: str, stack: Stack) -> list[cst.CSTNode]:
    """Return a bucket's call and the calls of the resources that name it in `bucket=`."""
    nodes: list[cst.CSTNode] = [stack.buckets[key].node]
    for site in stack.calls:
        if site.module and site.module != REPLICATION_MODULE:
            if bucket_key(_keyword_value(site, "bucket")) == key:
                nodes.append(site.node)
    return nodes


def _keys_in(
    nodes: list[cst.CSTNode], fields: tuple[str, ...], keys: dict[str, CallSite]
) -> list[str]:
    """Return the keys of `keys` whose attribute a field of `fields` takes (`key.arn`)."""
    found: list[str] = []
    for node in nodes:
        collector = _FieldValues(fields)
        node.visit(collector)
        for value in collector.values:
            if not isinstance(value, cst.Attribute):
                continue
            name = code_of(value.value)
            if name in keys and name not in found:
                found.append(name)
    return found


class _FieldValues(cst.CSTVisitor):
    """Collect the values of some keyword arguments and dict keys, at any depth."""

    def __init__(self, fields: tuple[str, ...]) -> None:
        self.fields = fields
        self.values: list[cst.BaseExpression] = []

    def visit_Arg(self, node: cst.Arg) -> None:
        if node.keyword is not None and node.keyword.value in self.fields:
            self.values.append(node.value)

    def visit_DictElement(self, node: cst.DictElement) -> None:
        if literal(node.key) in self.fields:
            self.values.append(node.value)


def _new_role(
    site: CallSite,
    source: str,
    destinations: list[str],
    keys: tuple[list[str], list[str]],
    stack: Stack,
    ctx: Context,
) -> NewRole | str:
    """Name a new role after the replication's construct id and list its grants."""
    scope = _positional_code(site.node, 0)
    construct_id = _positional_code(site.node, 1)
    if scope is None or construct_id is None:
        return "the replication's scope or construct id is not written out"
    style = policy_style(stack.model)
    words = ["role", "role policy"]
    if style is PolicyStyle.DOCUMENT:
        words += ["trust policy", "permissions"]
    used = set(stack.construct_ids)
    ids = {word: new_construct_id(construct_id, word, used) for word in words}
    if any(value is None for value in ids.values()):
        return "the replication's construct id is not a string"

    base = _variable_base(construct_id)
    taken = set(ctx.assigned_names)

    def fresh(suffix: str) -> str:
        name = stack.places.fresh_name(f"{base}_{suffix}", taken)
        taken.add(name)
        return name

    document = style is PolicyStyle.DOCUMENT
    names = RoleNames(
        scope=code_of(scope),
        role=fresh("role"),
        role_id=ids["role"] or "",
        policy_id=ids["role policy"] or "",
        trust=fresh("trust_policy") if document else "",
        trust_id=ids.get("trust policy") or "",
        permissions=fresh("permissions") if document else "",
        permissions_id=ids.get("permissions") or "",
    )
    decrypt, encrypt = keys
    grants = replication_grants(source, destinations, decrypt, encrypt)
    every_key = tuple(dict.fromkeys([*decrypt, *encrypt]))
    added = frozenset(used - stack.construct_ids)
    return NewRole(names, grants, style, source, tuple(destinations), every_key, added)


def _variable_base(construct_id: cst.BaseExpression) -> str:
    """Return a snake_case stem for variables from a construct id's literal text."""
    text = ""
    if isinstance(construct_id, cst.SimpleString):
        text = str(construct_id.evaluated_value)
    elif isinstance(construct_id, cst.FormattedString):
        text = "".join(
            part.value
            for part in construct_id.parts
            if isinstance(part, cst.FormattedStringText)
        )
    stem = re.sub(r"\W+", "_", snake_case(text)).strip("_").lower()
    return stem if stem and not stem[0].isdigit() else "replication"


def _region_value(provider: Provider, model: StackModel) -> str | None:
    """Return a provider's region when it is a literal or a module constant of one."""
    value = _keyword_value(provider.site, "region")
    text = literal(value)
    if text is not None or not isinstance(value, cst.Name) or model.module is None:
        return text
    finder = _Bindings(value.value)
    model.module.visit(finder)
    return literal(finder.values[0]) if len(finder.values) == 1 else None


class _Bindings(cst.CSTVisitor):
    """Collect what a file binds to one name: values of assignments, or None."""

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


def _other_region_keys(targets: list[CallSite], chosen: Provider, stack: Stack) -> list[str]:
    """Return the KMS keys the resources use that are not under provider `chosen`."""
    found = []
    for site in stack.calls:
        if site.module != "kms_key" or site.name != "KmsKey" or not site.target:
            continue
        provider = _keyword_value(site, "provider")
        if provider is not None and code_of(provider) == chosen.target:
            continue
        if region_code(_keyword_value(site, "region")) == chosen.region:
            continue
        if any(mentions(target.node, site.target) for target in targets):
            found.append(site.target)
    return found


def _insert_above(
    ctx: Context, anchor: cst.SimpleStatementLine, statements: list[cst.SimpleStatementLine]
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
        kept = lines[blank:]
        ctx.edit_statement(anchor, lambda line: line.with_changes(leading_lines=kept))


def _with_keyword(call: cst.Call, name: str, value: cst.BaseExpression) -> cst.Call:
    if find_keyword(call, name) is None:
        return append_keyword(call, name, value)
    return replace_keyword_value(call, name, value)
