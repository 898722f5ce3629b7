"""The IAM role that S3 replication assumes: what it must allow, and the code adding it.

S3 replicates as the role named in the replication configuration. The role must
trust `s3.amazonaws.com`, may read the source bucket's replication configuration
and object versions, may write replicas into each destination, and may use the
KMS keys that encrypt the objects on either side.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

import libcst as cst

from cdktf_fix.codemods.statements import (
    BLOCK_INDENT,
    LINE_WIDTH,
    assign_call,
    assignment,
    render_call,
    render_list,
)

if TYPE_CHECKING:
    from cdktf_fix.walk import Context, StackModel

SERVICE = "s3.amazonaws.com"
SOURCE_BUCKET_ACTIONS = ("s3:GetReplicationConfiguration", "s3:ListBucket")
SOURCE_OBJECT_ACTIONS = (
    "s3:GetObjectVersionForReplication",
    "s3:GetObjectVersionAcl",
    "s3:GetObjectVersionTagging",
)
DESTINATION_ACTIONS = ("s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags")
DOCUMENT_MODULE = "data_aws_iam_policy_document"


class PolicyStyle(Enum):
    """How the new policies are written: typed documents or `json.dumps` of dicts."""

    DOCUMENT = "DataAwsIamPolicyDocument"
    JSON = "json.dumps"


def policy_style(model: StackModel) -> PolicyStyle:
    """Follow the stack: documents if it has any, else `json.dumps` if it calls it.

    A stack with neither gets documents, which need no new plain import.
    """
    if any(site.module and site.name == "DataAwsIamPolicyDocument" for site in model.calls):
        return PolicyStyle.DOCUMENT
    if any(site.qualname == "json.dumps" for site in model.calls):
        return PolicyStyle.JSON
    return PolicyStyle.DOCUMENT


@dataclass(frozen=True)
class Grant:
    """Actions allowed on resources, each resource written as Python code."""

    actions: tuple[str, ...]
    resources: tuple[str, ...]


def replication_grants(
    source: str,
    destinations: Sequence[str],
    decrypt_keys: Sequence[str] = (),
    encrypt_keys: Sequence[str] = (),
) -> tuple[Grant, ...]:
    """Return the grants of a role replicating from bucket `source` to `destinations`.

    Buckets and keys are the code of their variables (`source`, `self.key`).
    Objects are read with the keys in `decrypt_keys` and written with the keys in
    `encrypt_keys`.
    """
    grants = [
        Grant(SOURCE_BUCKET_ACTIONS, (f"{source}.arn",)),
        Grant(SOURCE_OBJECT_ACTIONS, (_objects_of(source),)),
        Grant(DESTINATION_ACTIONS, tuple(_objects_of(d) for d in destinations)),
    ]
    if decrypt_keys:
        grants.append(Grant(("kms:Decrypt",), tuple(f"{key}.arn" for key in decrypt_keys)))
    if encrypt_keys:
        grants.append(Grant(("kms:Encrypt",), tuple(f"{key}.arn" for key in encrypt_keys)))
    return tuple(grants)


def _objects_of(bucket: str) -> str:
    return 'f"{' + bucket + '.arn}/*"'


@dataclass(frozen=True)
class RoleNames:
    """The variables and construct ids (quoted code) of the new role and its policies."""

    scope: str
    role: str
    role_id: str
    policy_id: str
    """The id of the `IamRolePolicy`, which is assigned to no variable."""
    trust: str
    trust_id: str
    permissions: str
    permissions_id: str
    """The trust and permission documents: used only in the document style."""


def role_statements(
    names: RoleNames, grants: Sequence[Grant], style: PolicyStyle, ctx: Context
) -> list[cst.SimpleStatementLine]:
    """Build the role, its trust and its permissions, importing the classes used."""
    role_class = ctx.provider_name("iam_role", "IamRole")
    policy_class = ctx.provider_name("iam_role_policy", "IamRolePolicy")
    if style is PolicyStyle.JSON:
        dumps = ctx.import_name("json", "dumps")
        trust = f"{dumps}({_trust_dict()})"
        permissions = f"{dumps}({_permissions_dict(grants)})"
        return [
            _construct(names.role, role_class, names, names.role_id,
                       f"assume_role_policy={trust}"),
            _construct(None, policy_class, names, names.policy_id,
                       f"role={names.role}.id", f"policy={permissions}"),
        ]
    document = ctx.provider_name(DOCUMENT_MODULE, "DataAwsIamPolicyDocument")
    statement = ctx.provider_name(DOCUMENT_MODULE, "DataAwsIamPolicyDocumentStatement")
    principals = ctx.provider_name(
        DOCUMENT_MODULE, "DataAwsIamPolicyDocumentStatementPrincipals"
    )
    trust_statement = render_call(statement, [
        'effect="Allow"',
        'actions=["sts:AssumeRole"]',
        "principals=" + render_list([render_call(
            principals, ['type="Service"', f'identifiers=["{SERVICE}"]'], 24
        )], 20),
    ], 16)
    permission_statements = [
        render_call(statement, [
            'effect="Allow"',
            "actions=" + render_list([f'"{action}"' for action in grant.actions], 28),
            "resources=" + render_list(list(grant.resources), 30),
        ], 16)
        for grant in grants
    ]
    return [
        _construct(names.trust, document, names, names.trust_id,
                   "statement=" + render_list([trust_statement], 12)),
        _construct(names.role, role_class, names, names.role_id,
                   f"assume_role_policy={names.trust}.json"),
        _construct(names.permissions, document, names, names.permissions_id,
                   "statement=" + render_list(permission_statements, 12)),
        _construct(None, policy_class, names, names.policy_id,
                   f"role={names.role}.id", f"policy={names.permissions}.json"),
    ]


def _construct(
    target: str | None, callee: str, names: RoleNames, construct_id: str, *arguments: str
) -> cst.SimpleStatementLine:
    every = [names.scope, construct_id, *arguments]
    if target is None:
        return assignment(None, render_call(callee, every))
    return assign_call(target, callee, every)


def _trust_dict() -> str:
    statement = render_dict([
        ('"Effect"', '"Allow"'),
        ('"Principal"', f'{{"Service": "{SERVICE}"}}'),
        ('"Action"', '"sts:AssumeRole"'),
    ], 16)
    return render_dict([
        ('"Version"', '"2012-10-17"'),
        ('"Statement"', render_list([statement], 12)),
    ], 8)


def _permissions_dict(grants: Sequence[Grant]) -> str:
    statements = [
        render_dict([
            ('"Effect"', '"Allow"'),
            ('"Action"', render_list([f'"{action}"' for action in grant.actions], 30)),
            ('"Resource"', render_list(list(grant.resources), 32)),
        ], 16)
        for grant in grants
    ]
    return render_dict([
        ('"Version"', '"2012-10-17"'),
        ('"Statement"', render_list(statements, 12)),
    ], 8)


def render_dict(entries: Sequence[tuple[str, str]], indent: int = BLOCK_INDENT) -> str:
    """Lay out a dict literal of `(key code, value code)` pairs like `render_list`."""
    items = [f"{key}: {value}" for key, value in entries]
    one_line = "{" + ", ".join(items) + "}"
    if indent + len(one_line) <= LINE_WIDTH and "\n" not in one_line:
        return one_line
    inner = "".join("    " + item.replace("\n", "\n    ") + ",\n" for item in items)
    return "{\n" + inner + "}"
