"""Sample for CDKTF007 (s3-lifecycle-filter), fixed: every rule has a one-element
`filter` list (an empty prefix matches all objects) and `expiration` is a list.
"""
from constructs import Construct
from cdktf import App, TerraformStack
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
from cdktf_cdktf_provider_aws.s3_bucket_lifecycle_configuration import (
    S3BucketLifecycleConfiguration,
    S3BucketLifecycleConfigurationRule,
    S3BucketLifecycleConfigurationRuleExpiration,
    S3BucketLifecycleConfigurationRuleFilter,
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
                    filter=[S3BucketLifecycleConfigurationRuleFilter(prefix="daily/")],
                    expiration=[S3BucketLifecycleConfigurationRuleExpiration(days=30)],
                ),
                S3BucketLifecycleConfigurationRule(
                    id="trim-old-versions", status="Enabled",
                    filter=[S3BucketLifecycleConfigurationRuleFilter(prefix="")],
                    noncurrent_version_expiration=[
                        S3BucketLifecycleConfigurationRuleNoncurrentVersionExpiration(
                            noncurrent_days=90, newer_noncurrent_versions=3)],
                ),
            ],
        )


app = App()
ExportsBucketStack(app, "exports-bucket")
app.synth()
