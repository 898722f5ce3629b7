"""Sample for CDKTF007 (s3-lifecycle-filter): lifecycle rule blocks that are not lists.

The first rule passes `filter` as a dict and `expiration` as a bare struct, but both
are lists in this provider. The second rule has no `filter` at all, which Terraform
accepts with a warning that it will become an error in a future provider version.
"""
from constructs import Construct
from cdktf import App, TerraformStack
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
from cdktf_cdktf_provider_aws.s3_bucket_lifecycle_configuration import (
    S3BucketLifecycleConfiguration,
    S3BucketLifecycleConfigurationRule,
    S3BucketLifecycleConfigurationRuleExpiration,
    S3BucketLifecycleConfigurationRuleNoncurrentVersionExpiration,
)


class ExportsBucketStack(TerraformStack):
    def __init__(self, scope: Construct, id: str):
        super().__init__(scope, id)
        AwsProvider(self, "aws", region="us-west-2")

        exports = S3Bucket(self, "exports", bucket="acme-report-exports")
        S3BucketLifecycleConfiguration(
            self, "exports-lifecycle", bucket=exports.id,
            rule=[
                S3BucketLifecycleConfigurationRule(
                    id="expire-daily-exports", status="Enabled",
                    filter={"prefix": "daily/"},
                    expiration=S3BucketLifecycleConfigurationRuleExpiration(days=30),
                ),
                S3BucketLifecycleConfigurationRule(
                    id="trim-old-versions", status="Enabled",
                    noncurrent_version_expiration=[
                        S3BucketLifecycleConfigurationRuleNoncurrentVersionExpiration(
                            noncurrent_days=90, newer_noncurrent_versions=3)],
                ),
            ],
        )


app = App()
ExportsBucketStack(app, "exports-bucket")
app.synth()
