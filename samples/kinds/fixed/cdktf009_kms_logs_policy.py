"""Sample for CDKTF009 (kms-logs-policy), fixed: the key policy also lets the
regional CloudWatch Logs service use the key for this account's log groups.
"""
import json

from constructs import Construct
from cdktf import App, TerraformStack
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.data_aws_caller_identity import DataAwsCallerIdentity
from cdktf_cdktf_provider_aws.kms_key import KmsKey
from cdktf_cdktf_provider_aws.cloudwatch_log_group import CloudwatchLogGroup

REGION = "ap-southeast-2"


class AuditLogsStack(TerraformStack):
    def __init__(self, scope: Construct, id: str):
        super().__init__(scope, id)
        AwsProvider(self, "aws", region=REGION)
        caller = DataAwsCallerIdentity(self, "caller")

        key = KmsKey(
            self, "audit-logs-key", description="Audit log encryption",
            enable_key_rotation=True,
            policy=json.dumps({
                "Version": "2012-10-17",
                "Statement": [{
                    "Sid": "EnableRootAccountAdmin",
                    "Effect": "Allow",
                    "Principal": {"AWS": f"arn:aws:iam::{caller.account_id}:root"},
                    "Action": "kms:*",
                    "Resource": "*",
                }, {
                    "Sid": "AllowCloudWatchLogs",
                    "Effect": "Allow",
                    "Principal": {"Service": f"logs.{REGION}.amazonaws.com"},
                    "Action": ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*",
                               "kms:GenerateDataKey*", "kms:Describe*"],
                    "Resource": "*",
                    "Condition": {"ArnLike": {
                        "kms:EncryptionContext:aws:logs:arn":
                            f"arn:aws:logs:{REGION}:{caller.account_id}:log-group:*"}},
                }],
            }),
        )
        CloudwatchLogGroup(self, "audit-logs", name="/payments/audit",
                           retention_in_days=2557, kms_key_id=key.arn)


app = App()
AuditLogsStack(app, "audit-logs")
app.synth()
