"""Sample for CDKTF011 (replication-prerequisites), fixed: both buckets versioned, the
replica under an aliased provider in us-west-2, and a role that S3 can assume with
the permissions replication needs. The configuration waits for both versionings.
"""
import json

from constructs import Construct
from cdktf import App, TerraformStack
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.iam_role import IamRole
from cdktf_cdktf_provider_aws.iam_role_policy import IamRolePolicy
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
from cdktf_cdktf_provider_aws.s3_bucket_versioning import (
    S3BucketVersioningA,
    S3BucketVersioningVersioningConfiguration,
)
from cdktf_cdktf_provider_aws.s3_bucket_replication_configuration import (
    S3BucketReplicationConfigurationA,
    S3BucketReplicationConfigurationRule,
    S3BucketReplicationConfigurationRuleDeleteMarkerReplication,
    S3BucketReplicationConfigurationRuleDestination,
    S3BucketReplicationConfigurationRuleFilter,
)


class BackupReplicationStack(TerraformStack):
    def __init__(self, scope: Construct, id: str):
        super().__init__(scope, id)
        AwsProvider(self, "aws", region="us-east-1")
        replica_provider = AwsProvider(self, "aws-replica", region="us-west-2", alias="replica")

        source = S3Bucket(self, "ledger-exports", bucket="acme-ledger-exports")
        replica = S3Bucket(self, "ledger-exports-replica", bucket="acme-ledger-exports-replica",
                           provider=replica_provider)
        enabled = S3BucketVersioningVersioningConfiguration(status="Enabled")
        source_versioning = S3BucketVersioningA(
            self, "ledger-exports-versioning", bucket=source.id,
            versioning_configuration=enabled)
        replica_versioning = S3BucketVersioningA(
            self, "ledger-exports-replica-versioning", bucket=replica.id,
            versioning_configuration=enabled, provider=replica_provider)

        role = IamRole(
            self, "replication-role", name="ledger-exports-replication",
            assume_role_policy=json.dumps({"Version": "2012-10-17", "Statement": [{
                "Effect": "Allow", "Action": "sts:AssumeRole",
                "Principal": {"Service": "s3.amazonaws.com"}}]}),
        )
        IamRolePolicy(self, "replication-policy", role=role.id, policy=json.dumps({
            "Version": "2012-10-17",
            "Statement": [
                {"Effect": "Allow", "Resource": [source.arn],
                 "Action": ["s3:GetReplicationConfiguration", "s3:ListBucket"]},
                {"Effect": "Allow", "Resource": [f"{source.arn}/*"],
                 "Action": ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl",
                            "s3:GetObjectVersionTagging"]},
                {"Effect": "Allow", "Resource": [f"{replica.arn}/*"],
                 "Action": ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"]},
            ],
        }))

        S3BucketReplicationConfigurationA(
            self, "ledger-exports-replication",
            bucket=source.id,
            role=role.arn,
            depends_on=[source_versioning, replica_versioning],
            rule=[S3BucketReplicationConfigurationRule(
                id="all-objects", status="Enabled",
                filter=S3BucketReplicationConfigurationRuleFilter(prefix=""),
                delete_marker_replication=S3BucketReplicationConfigurationRuleDeleteMarkerReplication(
                    status="Enabled"),
                destination=S3BucketReplicationConfigurationRuleDestination(
                    bucket=replica.arn, storage_class="STANDARD_IA"),
            )],
        )


app = App()
BackupReplicationStack(app, "backup-replication")
app.synth()
