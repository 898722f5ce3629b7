"""Sample for CDKTF002 (missing-a-suffix), fixed: the S3 resource classes end in "A".

Each form keeps its shape: the from-import, the alias (`S3BucketLoggingA as
BucketLogging`) and the module-attribute access only gain the suffix.
"""
from constructs import Construct
from cdktf import App, TerraformStack
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
from cdktf_cdktf_provider_aws.s3_bucket_versioning import (
    S3BucketVersioningA,
    S3BucketVersioningVersioningConfiguration,
)
from cdktf_cdktf_provider_aws.s3_bucket_logging import S3BucketLoggingA as BucketLogging
from cdktf_cdktf_provider_aws import s3_bucket_server_side_encryption_configuration


class AuditBucketStack(TerraformStack):
    def __init__(self, scope: Construct, id: str):
        super().__init__(scope, id)
        AwsProvider(self, "aws", region="us-east-1")

        logs = S3Bucket(self, "access-logs", bucket="acme-audit-access-logs")
        audit = S3Bucket(self, "audit", bucket="acme-audit-trail")

        S3BucketVersioningA(
            self, "audit-versioning", bucket=audit.id,
            versioning_configuration=S3BucketVersioningVersioningConfiguration(status="Enabled"),
        )
        s3_bucket_server_side_encryption_configuration.S3BucketServerSideEncryptionConfigurationA(
            self, "audit-sse", bucket=audit.id,
            rule=[s3_bucket_server_side_encryption_configuration.S3BucketServerSideEncryptionConfigurationRuleA(
                apply_server_side_encryption_by_default=s3_bucket_server_side_encryption_configuration.S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultA(
                    sse_algorithm="AES256"),
            )],
        )
        BucketLogging(self, "audit-logging", bucket=audit.id, target_bucket=logs.id,
                      target_prefix="audit/")


app = App()
AuditBucketStack(app, "audit-bucket")
app.synth()
