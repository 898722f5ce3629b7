"""Sample for CDKTF002 (missing-a-suffix): S3 resource classes without their "A".

Three forms: a plain from-import (`S3BucketVersioning`), a from-import with an alias
(`S3BucketLogging as BucketLogging`) and module-attribute access
(`s3_bucket_server_side_encryption_configuration.S3BucketServerSideEncryptionConfiguration`).
"""
from constructs import Construct
from cdktf import App, TerraformStack
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
from cdktf_cdktf_provider_aws.s3_bucket_versioning import (
    S3BucketVersioning,
    S3BucketVersioningVersioningConfiguration,
)
from cdktf_cdktf_provider_aws.s3_bucket_logging import S3BucketLogging as BucketLogging
from cdktf_cdktf_provider_aws import s3_bucket_server_side_encryption_configuration


class AuditBucketStack(TerraformStack):
    def __init__(self, scope: Construct, id: str):
        super().__init__(scope, id)
        AwsProvider(self, "aws", region="us-east-1")

        logs = S3Bucket(self, "access-logs", bucket="acme-audit-access-logs")
        audit = S3Bucket(self, "audit", bucket="acme-audit-trail")

        S3BucketVersioning(
            self, "audit-versioning", bucket=audit.id,
            versioning_configuration=S3BucketVersioningVersioningConfiguration(status="Enabled"),
        )
        s3_bucket_server_side_encryption_configuration.S3BucketServerSideEncryptionConfiguration(
            self, "audit-sse", bucket=audit.id,
            rule=[s3_bucket_server_side_encryption_configuration.S3BucketServerSideEncryptionConfigurationRule(
                apply_server_side_encryption_by_default=s3_bucket_server_side_encryption_configuration.S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefault(
                    sse_algorithm="AES256"),
            )],
        )
        BucketLogging(self, "audit-logging", bucket=audit.id, target_bucket=logs.id,
                      target_prefix="audit/")


app = App()
AuditBucketStack(app, "audit-bucket")
app.synth()
