from __future__ import annotations

import re
from functools import partial
from typing import TYPE_CHECKING

import libcst as cst

from cdktf_fix.bindings import dotted_name
from cdktf_fix.catalog.base import Entry, Example, Valid
from cdktf_fix.codemods.calls import replace_keyword_value
from cdktf_fix.codemods.key_policies import KeyUse, PolicyBuilder
from cdktf_fix.codemods.layout import Placement, StackLayout, layout_of
from cdktf_fix.codemods.statements import construct_id
from cdktf_fix.results import Safety

if TYPE_CHECKING:
    from cdktf_fix.walk import CallSite, Context, StackModel

LOGS_PRINCIPAL = re.compile(
    r"""logs\.(?:[^\s"',]|\{[^}]*\})*amazonaws\.com  # logs.<region>.amazonaws.com
    |logs\.["']\s*\+                                  # "logs." + region + ...
    """,
    re.VERBOSE,
)
"""A CloudWatch Logs service principal, written out or built from the region."""
# NOTE: the global `logs.amazonaws.com` matches too and counts as allowed. Whether
# CloudWatch Logs accepts it in a key policy is unverified, so it is not reported.
ANY_PRINCIPAL = re.compile(
    r"""["'](?:Principal|AWS)["']\s*:\s*["']\*["']
    |identifiers\s*=\s*\[\s*["']\*["']\s*\]
    """,
    re.VERBOSE,
)
"""A statement for every principal, which lets CloudWatch Logs in as well."""


def allows_logs(code: str) -> bool:
    """Tell whether policy source text lets the CloudWatch Logs service use the key."""
    return bool(LOGS_PRINCIPAL.search(code) or ANY_PRINCIPAL.search(code))


class KmsLogsPolicy(Entry):
    code = "CDKTF009"
    slug = "kms-logs-policy"
    title = "Log group key that CloudWatch Logs may not use"
    safety = Safety.UNSAFE
    detects = (
        "A `KmsKey` given as `kms_key_id` of a `CloudwatchLogGroup` whose key policy "
        "is missing, or is a literal without the `logs.<region>.amazonaws.com` "
        "service principal. A `KmsKeyPolicy` of the key counts as its policy. Also a "
        "log group given the key's `key_id` or `id`, where CloudWatch Logs takes only "
        "the key ARN."
    )
    why = (
        "Without a policy a key gets the default one, which lets only the account's "
        "IAM principals use it. CloudWatch Logs uses the key as its regional service "
        "principal, so creating or updating the log group fails at apply with an "
        "`AccessDeniedException` on the key. Nothing fails at synth or validate. "
        "A key id in `kms_key_id` fails at apply too, because the API takes an ARN."
    )
    fix = (
        "For a key without a policy, adds a `DataAwsIamPolicyDocument` that keeps the "
        "account root as key administrator and lets `logs.<region>.amazonaws.com` "
        "use the key for the account's log groups, and passes its `json` as `policy`. "
        "For a `json.dumps` (or `Fn.jsonencode`) of a dict literal with a "
        "`Statement` list, appends the CloudWatch Logs statement to the list. The "
        "region comes from the key's provider when it is a literal or a module "
        "constant, else from a `DataAwsRegion`. The account comes from a "
        "`DataAwsCallerIdentity`. Existing data sources are reused. The fix is "
        "unsafe because it changes who may use the key. A `key_id` or `id` in "
        "`kms_key_id` becomes `arn` (a safe fix)."
    )
    known_problems = (
        "A policy that is not a dict literal (a JSON string, a variable the stack "
        "does not assign, a `DataAwsIamPolicyDocument`) is only reported, and only "
        "when its source can be read. Only stacks written as classes are fixed. The "
        "check reads source text, so a principal built in an unusual way may be "
        "missed and reported. The statement uses `aws` partition ARNs, so keys in "
        "China or GovCloud regions are only reported when the region is a literal, "
        "and not noticed otherwise. A new `DataAwsRegion` is read through its "
        "`region` attribute, which provider 6 has and provider 5 lacks."
    )
    examples = (
        Example(
            "key without policy",
            """
            from cdktf_cdktf_provider_aws.cloudwatch_log_group import CloudwatchLogGroup
            from cdktf_cdktf_provider_aws.kms_key import KmsKey
            from cdktf_cdktf_provider_aws.provider import AwsProvider


            class Logs(TerraformStack):
                def __init__(self, scope, id):
                    super().__init__(scope, id)
                    AwsProvider(self, "aws", region="eu-west-1")

                    key = KmsKey(self, "logs-key", enable_key_rotation=True)
                    CloudwatchLogGroup(self, "app-logs", name="/app", kms_key_id=key.arn)
            """,
            """
            from cdktf_cdktf_provider_aws.cloudwatch_log_group import CloudwatchLogGroup
            from cdktf_cdktf_provider_aws.kms_key import KmsKey
            from cdktf_cdktf_provider_aws.provider import AwsProvider
            from cdktf_cdktf_provider_aws.data_aws_caller_identity import DataAwsCallerIdentity
            from cdktf_cdktf_provider_aws.data_aws_iam_policy_document import (
                DataAwsIamPolicyDocument,
                DataAwsIamPolicyDocumentStatement,
                DataAwsIamPolicyDocumentStatementCondition,
                DataAwsIamPolicyDocumentStatementPrincipals,
            )


            class Logs(TerraformStack):
                def __init__(self, scope, id):
                    super().__init__(scope, id)
                    AwsProvider(self, "aws", region="eu-west-1")

                    caller_identity = DataAwsCallerIdentity(self, "caller-identity")
                    key_policy = DataAwsIamPolicyDocument(
                        self,
                        "logs-key-policy",
                        statement=[
                            DataAwsIamPolicyDocumentStatement(
                                sid="EnableRootAccountAdmin",
                                effect="Allow",
                                actions=["kms:*"],
                                resources=["*"],
                                principals=[
                                    DataAwsIamPolicyDocumentStatementPrincipals(
                                        type="AWS",
                                        identifiers=[f"arn:aws:iam::{caller_identity.account_id}:root"],
                                    ),
                                ],
                            ),
                            DataAwsIamPolicyDocumentStatement(
                                sid="AllowCloudWatchLogs",
                                effect="Allow",
                                actions=[
                                    "kms:Encrypt*",
                                    "kms:Decrypt*",
                                    "kms:ReEncrypt*",
                                    "kms:GenerateDataKey*",
                                    "kms:Describe*",
                                ],
                                resources=["*"],
                                principals=[
                                    DataAwsIamPolicyDocumentStatementPrincipals(
                                        type="Service", identifiers=["logs.eu-west-1.amazonaws.com"]
                                    ),
                                ],
                                condition=[
                                    DataAwsIamPolicyDocumentStatementCondition(
                                        test="ArnLike",
                                        variable="kms:EncryptionContext:aws:logs:arn",
                                        values=[f"arn:aws:logs:eu-west-1:{caller_identity.account_id}:log-group:*"],
                                    ),
                                ],
                            ),
                        ],
                    )
                    key = KmsKey(self, "logs-key", enable_key_rotation=True, policy=key_policy.json)
                    CloudwatchLogGroup(self, "app-logs", name="/app", kms_key_id=key.arn)
            """,
        ),
        Example(
            "policy without logs statement",
            """
            import json

            from cdktf_cdktf_provider_aws.cloudwatch_log_group import CloudwatchLogGroup
            from cdktf_cdktf_provider_aws.data_aws_caller_identity import DataAwsCallerIdentity
            from cdktf_cdktf_provider_aws.kms_key import KmsKey
            from cdktf_cdktf_provider_aws.provider import AwsProvider


            class Logs(TerraformStack):
                def __init__(self, scope, id):
                    super().__init__(scope, id)
                    AwsProvider(self, "aws", region=REGION)
                    caller = DataAwsCallerIdentity(self, "caller")
                    key = KmsKey(self, "logs-key", policy=json.dumps({
                        "Version": "2012-10-17",
                        "Statement": [
                            {
                                "Effect": "Allow",
                                "Principal": {"AWS": f"arn:aws:iam::{caller.account_id}:root"},
                                "Action": "kms:*",
                                "Resource": "*",
                            },
                        ],
                    }))
                    CloudwatchLogGroup(self, "app-logs", name="/app", kms_key_id=key.arn)
            """,
            """
            import json

            from cdktf_cdktf_provider_aws.cloudwatch_log_group import CloudwatchLogGroup
            from cdktf_cdktf_provider_aws.data_aws_caller_identity import DataAwsCallerIdentity
            from cdktf_cdktf_provider_aws.kms_key import KmsKey
            from cdktf_cdktf_provider_aws.provider import AwsProvider


            class Logs(TerraformStack):
                def __init__(self, scope, id):
                    super().__init__(scope, id)
                    AwsProvider(self, "aws", region=REGION)
                    caller = DataAwsCallerIdentity(self, "caller")
                    key = KmsKey(self, "logs-key", policy=json.dumps({
                        "Version": "2012-10-17",
                        "Statement": [
                            {
                                "Effect": "Allow",
                                "Principal": {"AWS": f"arn:aws:iam::{caller.account_id}:root"},
                                "Action": "kms:*",
                                "Resource": "*",
                            },
                            {
                                "Sid": "AllowCloudWatchLogs",
                                "Effect": "Allow",
                                "Principal": {"Service": f"logs.{REGION}.amazonaws.com"},
                                "Action": [
                                    "kms:Encrypt*",
                                    "kms:Decrypt*",
                                    "kms:ReEncrypt*",
                                    "kms:GenerateDataKey*",
                                    "kms:Describe*",
                                ],
                                "Resource": "*",
                                "Condition": {
                                    "ArnLike": {
                                        "kms:EncryptionContext:aws:logs:arn": f"arn:aws:logs:{REGION}:{caller.account_id}:log-group:*",
                                    },
                                },
                            },
                        ],
                    }))
                    CloudwatchLogGroup(self, "app-logs", name="/app", kms_key_id=key.arn)
            """,
        ),
        Example(
            "key id instead of ARN",
            """
            from cdktf_cdktf_provider_aws.cloudwatch_log_group import CloudwatchLogGroup
            from cdktf_cdktf_provider_aws.kms_key import KmsKey


            class Logs(TerraformStack):
                def __init__(self, scope, id):
                    super().__init__(scope, id)
                    key = KmsKey(self, "logs-key", policy=logs_key_policy.json)
                    CloudwatchLogGroup(self, "app-logs", name="/app", kms_key_id=key.key_id)
            """,
            """
            from cdktf_cdktf_provider_aws.cloudwatch_log_group import CloudwatchLogGroup
            from cdktf_cdktf_provider_aws.kms_key import KmsKey


            class Logs(TerraformStack):
                def __init__(self, scope, id):
                    super().__init__(scope, id)
                    key = KmsKey(self, "logs-key", policy=logs_key_policy.json)
                    CloudwatchLogGroup(self, "app-logs", name="/app", kms_key_id=key.arn)
            """,
        ),
        Example(
            "policy document without logs statement",
            """
            from cdktf_cdktf_provider_aws.cloudwatch_log_group import CloudwatchLogGroup
            from cdktf_cdktf_provider_aws.data_aws_iam_policy_document import (
                DataAwsIamPolicyDocument,
                DataAwsIamPolicyDocumentStatement,
                DataAwsIamPolicyDocumentStatementPrincipals,
            )
            from cdktf_cdktf_provider_aws.kms_key import KmsKey


            class Logs(TerraformStack):
                def __init__(self, scope, id):
                    super().__init__(scope, id)
                    root = DataAwsIamPolicyDocumentStatementPrincipals(
                        type="AWS", identifiers=[f"arn:aws:iam::{account}:root"])
                    document = DataAwsIamPolicyDocument(self, "key-policy", statement=[
                        DataAwsIamPolicyDocumentStatement(actions=["kms:*"], resources=["*"],
                                                          principals=[root])])
                    key = KmsKey(self, "logs-key", policy=document.json)
                    CloudwatchLogGroup(self, "app-logs", name="/app", kms_key_id=key.arn)
            """,
        ),
    )
    valid = (
        Valid(
            "policy with logs statement",
            """
            import json

            from cdktf_cdktf_provider_aws.cloudwatch_log_group import CloudwatchLogGroup
            from cdktf_cdktf_provider_aws.kms_key import KmsKey


            class Logs(TerraformStack):
                def __init__(self, scope, id):
                    super().__init__(scope, id)
                    key = KmsKey(self, "logs-key", policy=json.dumps({
                        "Version": "2012-10-17",
                        "Statement": [
                            {"Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{account}:root"},
                             "Action": "kms:*", "Resource": "*"},
                            {"Effect": "Allow", "Principal": {"Service": f"logs.{REGION}.amazonaws.com"},
                             "Action": ["kms:Encrypt*", "kms:Decrypt*", "kms:GenerateDataKey*"],
                             "Resource": "*"},
                        ],
                    }))
                    CloudwatchLogGroup(self, "app-logs", name="/app", kms_key_id=key.arn)
            """,
        ),
        Valid(
            "keys without a readable policy or log group",
            """
            from cdktf_cdktf_provider_aws.cloudwatch_log_group import CloudwatchLogGroup
            from cdktf_cdktf_provider_aws.kms_key import KmsKey
            from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket


            class Logs(TerraformStack):
                def __init__(self, scope, id):
                    super().__init__(scope, id)
                    data_key = KmsKey(self, "data-key", enable_key_rotation=True)
                    shared_key = KmsKey(self, "shared-key", policy=build_key_policy(self))
                    CloudwatchLogGroup(self, "app-logs", name="/app", kms_key_id=shared_key.arn)
                    CloudwatchLogGroup(self, "plain-logs", name="/plain", retention_in_days=7)
            """,
        ),
        Valid(
            "principal from a module constant",
            """
            import json

            from cdktf_cdktf_provider_aws.cloudwatch_log_group import CloudwatchLogGroup
            from cdktf_cdktf_provider_aws.kms_key import KmsKey


            class Logs(TerraformStack):
                def __init__(self, scope, id):
                    super().__init__(scope, id)
                    key = KmsKey(self, "logs-key", policy=json.dumps({"Statement": [
                        {"Effect": "Allow", "Principal": {"Service": LOGS_PRINCIPAL},
                         "Action": "kms:*", "Resource": "*"},
                    ]}))
                    CloudwatchLogGroup(self, "app-logs", name="/app", kms_key_id=key.arn)
            """,
        ),
    )

    triggers = ("KmsKey", "CloudwatchLogGroup")

    def analyze(self, model: StackModel, ctx: Context) -> None:
        layout = layout_of(model)
        builder = PolicyBuilder(model, layout, ctx)
        for use in self._key_uses(model, layout, ctx):
            self._check_policy(use, builder, ctx)
        ctx.assigned_names.update(builder.reserved)

    def _key_uses(self, model: StackModel, layout: StackLayout, ctx: Context) -> list[KeyUse]:
        """Return the stack's keys that log groups use, fixing key ids on the way."""
        uses: dict[int, KeyUse] = {}
        keys = [site for site in model.calls_of("KmsKey") if site.target is not None]
        for group in model.calls_of("CloudwatchLogGroup"):
            where = layout.placement(group.statement)
            arg = group.keyword("kms_key_id")
            name = dotted_name(arg.value) if arg is not None else None
            if where is None or name is None or "." not in name:
                continue
            base, _, attribute = name.rpartition(".")
            key = _find_key(keys, base, where, layout)
            if key is None or attribute not in ("arn", "key_id", "id"):
                continue
            if attribute != "arn":
                message = (
                    f"Use `{base}.arn` as `kms_key_id`: CloudWatch Logs takes the key "
                    f"ARN, and `{name}` is the bare key id"
                )
                if ctx.report(self, arg, message, safety=Safety.SAFE):
                    arn = cst.parse_expression(f"{base}.arn")
                    ctx.edit_call(group.node, partial(_use_arn, arn=arn))
            placement = layout.placement(key.statement)
            assert placement is not None
            uses.setdefault(id(key.node), KeyUse(key, placement)).groups.append(group)
        return sorted(uses.values(), key=lambda use: model.calls.index(use.key))

    def _check_policy(self, use: KeyUse, builder: PolicyBuilder, ctx: Context) -> None:
        holder = builder.key_policy_resource(use) or use.key
        policy = holder.keyword("policy")
        key = use.key.target
        group = _group_label(use.groups[0])
        if policy is None:
            if holder is not use.key or _has_splat(holder.node):
                return
            message = (
                f"Add a key policy to `{key}` that lets CloudWatch Logs use the key: "
                f"the default policy leaves out the logs service, so log group "
                f"{group} fails at apply"
            )
            plan = builder.new_policy(use)
        else:
            where = builder.layout.placement(holder.statement)
            assert where is not None
            reading = builder.read_policy(policy.value, where)
            if reading is None or allows_logs(reading.code):
                return
            message = (
                f"Add a statement for the CloudWatch Logs service to the policy of key "
                f"`{key}`: without it log group {group} fails at apply"
            )
            plan = builder.appended_statement(use, reading.edit)
        if isinstance(plan, str):
            message = f"{message} (not fixed because {plan})"
            ctx.report(self, use.key.node, message, safety=Safety.DETECT_ONLY)
        elif ctx.report(self, use.key.node, message):
            plan()


def _find_key(
    keys: list[CallSite], name: str, where: Placement, layout: StackLayout
) -> CallSite | None:
    for key in keys:
        place = layout.placement(key.statement)
        if key.target != name or place is None or not layout.same_stack(place, where):
            continue
        if "." in name or place.function is where.function:
            return key
    return None


def _has_splat(call: cst.Call) -> bool:
    """Tell whether a call passes `**arguments`, which may hold the missing keyword."""
    return any(arg.star == "**" for arg in call.args)


def _use_arn(call: cst.Call, arn: cst.BaseExpression) -> cst.Call:
    return replace_keyword_value(call, "kms_key_id", arn)


def _group_label(group: CallSite) -> str:
    found = construct_id(group.node)
    if isinstance(found, cst.SimpleString) and isinstance(found.evaluated_value, str):
        return f"`{found.evaluated_value}`"
    return f"`{group.target}`" if group.target else "`CloudwatchLogGroup`"
