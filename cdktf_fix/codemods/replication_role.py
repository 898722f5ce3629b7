"""The IAM role that S3 replication assumes: which one, what it may do, its code.

S3 replicates as the role named in the replication configuration. The role must
trust `s3.amazonaws.com`, may read the source bucket's replication configuration
and object versions, may write replicas into each destination, and may use the
KMS keys that encrypt the objects on either side. `plan_role` picks the stack's
own replication role or plans a new one, and `role_statements` writes the new
role in the policy style of the stack.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

import libcst as cst

from cdktf_fix.bindings import dotted_name
from cdktf_fix.codemods.layout import new_construct_id
from cdktf_fix.codemods.placement import Place, code_of
from cdktf_fix.codemods.replication_stack import (
    REPLICATION_MODULE,
    Rule,
    Stack,
    bucket_key,
    keyword_value,
    literal,
    positional_code,
)
from cdktf_fix.codemods.statements import (
    BLOCK_INDENT,
    LINE_WIDTH,
    assign_call,
    assignment,
    render_call,
    render_list,
)
from cdktf_fix.codemods.values import snake_case

if TYPE_CHECKING:
    from cdktf_fix.walk import CallSite, Context, StackModel

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
    """The form of new policies: typed documents or `json.dumps` of dicts."""

    DOCUMENT = "DataAwsIamPolicyDocument"
    JSON = "json.dumps"


def policy_style(model: StackModel) -> PolicyStyle:
    """Return the policy style of the stack.

    A stack with a `DataAwsIamPolicyDocument` gets documents, else one that calls
    `json.dumps` gets `json.dumps`. A stack with neither gets documents, which
    need no new plain import.
    """
    names = {site.name for site in model.calls if site.module}
    if "DataAwsIamPolicyDocument" in names:
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
    for action, keys in (("kms:Decrypt", decrypt_keys), ("kms:Encrypt", encrypt_keys)):
        if keys:
            grants.append(Grant((action,), tuple(f"{key}.arn" for key in keys)))
    return tuple(grants)


def _objects_of(bucket: str) -> str:
    return 'f"{' + bucket + '.arn}/*"'


@dataclass(frozen=True)
class RoleNames:
    """The variables and the construct ids (as quoted code) of a new role's parts."""

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
    """Build the role, its trust and its permissions, importing the classes used.

    The numbers passed to the renderers are the columns where each piece starts
    inside a method body. They decide whether a piece fits on one line.
    """
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
    target: str | None,
    callee: str,
    names: RoleNames,
    construct_id: str,
    *arguments: str,
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


# Planning: which role the replication gets

S3_PRINCIPAL = re.compile(r"""["']s3\.amazonaws\.com["']""")
"""The S3 service principal as a whole string, not the tail of another service's."""
REPLICATE_ACTION = re.compile(r"""["']s3:(?:Replicate(?:Object|\*)|\*)["']""")
"""An action that lets a role write replicas: `s3:ReplicateObject` or a wildcard."""
KMS_KEY_FIELDS = ("kms_master_key_id", "kmsMasterKeyId")
"""The fields of a bucket's default encryption that name its KMS key, both spellings."""
REPLICA_KEY_FIELDS = ("replica_kms_key_id", "replicaKmsKeyId")
"""The fields of a replication rule that name the KMS key of the replicas."""


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


def plan_role(
    site: CallSite, rules: list[Rule], stack: Stack, ctx: Context
) -> NewRole | StackRole | str:
    """Pick the stack's own replication role, or plan a new one."""
    at = stack.places.of(site.statement)
    if at is None or site.statement is None:
        return "the replication does not start a line of its own"
    if at.loops:
        return "the replication is made in a loop"
    found = _stack_role(site, stack, at)
    if isinstance(found, (str, StackRole)):
        return found
    source = bucket_key(keyword_value(site, "bucket"))
    if source is None or source not in stack.buckets:
        return "the source is not an `S3Bucket` of this stack"
    destinations: list[str] = []
    written = keyword_value(site, "rule")
    count = len(written.elements) if isinstance(written, (cst.List, cst.Tuple)) else -1
    if count != len(rules):
        return "the rules are not all written out"
    for rule in rules:
        key = bucket_key(rule.bucket)
        if key is None or key not in stack.buckets:
            return f"the destination of rule {rule.label} is not a bucket of this stack"
        if key not in destinations:
            destinations.append(key)
    if not destinations:
        return "the configuration has no rules"
    keys = _replication_keys(source, destinations, rules, stack, at)
    if isinstance(keys, str):
        return keys
    return _new_role(site, source, destinations, keys, stack, ctx)


def _stack_role(site: CallSite, stack: Stack, at: Place) -> StackRole | str | None:
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
    value = keyword_value(site, keyword)
    name = dotted_name(value) if value is not None else None
    if name is not None:
        name = name.removesuffix(".json")
        texts += [code_of(other.node) for other in stack.calls if other.target == name]
    return "\n".join(texts)


def _permissions_text(role: CallSite, stack: Stack) -> str:
    """Return the code of a role and of the policies attached to it in the stack."""
    texts = [code_of(role.node)]
    for site in stack.calls:
        attached = keyword_value(site, "role")
        if attached is None or not code_of(attached).startswith(f"{role.target}."):
            continue
        if site.name == "IamRolePolicy":
            texts.append(_policy_text(site, "policy", stack))
        elif site.name == "IamRolePolicyAttachment":
            arn = keyword_value(site, "policy_arn")
            name = dotted_name(arn) if arn is not None else None
            policy = name.removesuffix(".arn") if name is not None else None
            texts += [
                _policy_text(other, "policy", stack)
                for other in stack.calls
                if policy is not None and other.target == policy
            ]
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
    """Return the call of a bucket and of each resource that names it in `bucket=`."""
    nodes: list[cst.CSTNode] = [stack.buckets[key].node]
    for site in stack.calls:
        if site.module and site.module != REPLICATION_MODULE:
            if bucket_key(keyword_value(site, "bucket")) == key:
                nodes.append(site.node)
    return nodes


def _keys_in(
    nodes: list[cst.CSTNode], fields: tuple[str, ...], keys: dict[str, CallSite]
) -> list[str]:
    """Return the keys of `keys` whose attribute, such as `key.arn`, fills `fields`."""
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
    scope = positional_code(site.node, 0)
    construct_id = positional_code(site.node, 1)
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
    reserved = set(ctx.assigned_names)

    def fresh(suffix: str) -> str:
        name = stack.places.fresh_name(f"{base}_{suffix}", reserved)
        reserved.add(name)
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
