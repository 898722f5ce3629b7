"""Sample for CDKTF011 (replication-prerequisites): replication with nothing it needs.

Neither bucket is versioned, the replica sits in the source region under the
default provider, and the role is an ARN of a role that this stack never creates.
"""
from constructs import Construct
from cdktf import App, TerraformStack
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
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

        source = S3Bucket(self, "ledger-exports", bucket="acme-ledger-exports")
        replica = S3Bucket(self, "ledger-exports-replica", bucket="acme-ledger-exports-replica")

        S3BucketReplicationConfigurationA(
            self, "ledger-exports-replication",
            bucket=source.id,
            role="arn:aws:iam::123456789012:role/s3-replication",
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
