"""Examples and valid sources of CDKTF011 (replication-prerequisites).

The catalog test runs each example through the engine: `before` must become
`after` exactly, and each valid source must come out unchanged and unreported.
"""

from cdktf_fix.catalog.base import Example, Valid

EXAMPLES = (
    Example(
        "versioning, depends_on and the replica's provider",
        """
        from cdktf_cdktf_provider_aws.provider import AwsProvider
        from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
        from cdktf_cdktf_provider_aws.s3_bucket_replication_configuration import (
            S3BucketReplicationConfigurationA,
            S3BucketReplicationConfigurationRule,
            S3BucketReplicationConfigurationRuleDestination,
        )

        class Backup(TerraformStack):
            def __init__(self, scope, id):
                super().__init__(scope, id)
                AwsProvider(self, "aws", region="us-east-1")
                replica_provider = AwsProvider(self, "replica", region="us-west-2", alias="replica")
                source = S3Bucket(self, "source", bucket="acme-source")
                replica = S3Bucket(self, "replica-bucket", bucket="acme-replica")
                S3BucketReplicationConfigurationA(
                    self, "replication", bucket=source.id, role=role.arn,
                    rule=[S3BucketReplicationConfigurationRule(
                        id="all", status="Enabled", prefix="",
                        destination=S3BucketReplicationConfigurationRuleDestination(bucket=replica.arn),
                    )],
                )
        """,
        """
        from cdktf_cdktf_provider_aws.provider import AwsProvider
        from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
        from cdktf_cdktf_provider_aws.s3_bucket_replication_configuration import (
            S3BucketReplicationConfigurationA,
            S3BucketReplicationConfigurationRule,
            S3BucketReplicationConfigurationRuleDestination,
        )
        from cdktf_cdktf_provider_aws.s3_bucket_versioning import (
            S3BucketVersioningA,
            S3BucketVersioningVersioningConfiguration,
        )

        class Backup(TerraformStack):
            def __init__(self, scope, id):
                super().__init__(scope, id)
                AwsProvider(self, "aws", region="us-east-1")
                replica_provider = AwsProvider(self, "replica", region="us-west-2", alias="replica")
                source = S3Bucket(self, "source", bucket="acme-source")
                source_versioning = S3BucketVersioningA(
                    self, "source-versioning", bucket=source.id,
                    versioning_configuration=S3BucketVersioningVersioningConfiguration(status="Enabled"),
                )
                replica = S3Bucket(self, "replica-bucket", bucket="acme-replica", provider=replica_provider)
                replica_versioning = S3BucketVersioningA(
                    self, "replica-bucket-versioning", bucket=replica.id, provider=replica_provider,
                    versioning_configuration=S3BucketVersioningVersioningConfiguration(status="Enabled"),
                )
                S3BucketReplicationConfigurationA(
                    self, "replication", bucket=source.id, role=role.arn,
                    rule=[S3BucketReplicationConfigurationRule(
                        id="all", status="Enabled", prefix="",
                        destination=S3BucketReplicationConfigurationRuleDestination(bucket=replica.arn),
                    )],
                    depends_on=[source_versioning, replica_versioning],
                )
        """,
    ),
    Example(
        "filter without delete_marker_replication",
        """
        from cdktf_cdktf_provider_aws.s3_bucket_replication_configuration import (
            S3BucketReplicationConfigurationA,
            S3BucketReplicationConfigurationRule,
        )

        S3BucketReplicationConfigurationA(
            self, "replication", bucket=source_bucket_name, role=role.arn,
            rule=[S3BucketReplicationConfigurationRule(
                id="logs", status="Enabled", filter={"prefix": "logs/"},
                destination={"bucket": replica_arn})],
        )
        """,
        """
        from cdktf_cdktf_provider_aws.s3_bucket_replication_configuration import (
            S3BucketReplicationConfigurationA,
            S3BucketReplicationConfigurationRule,
            S3BucketReplicationConfigurationRuleDeleteMarkerReplication,
        )

        S3BucketReplicationConfigurationA(
            self, "replication", bucket=source_bucket_name, role=role.arn,
            rule=[S3BucketReplicationConfigurationRule(
                id="logs", status="Enabled", filter={"prefix": "logs/"},
                destination={"bucket": replica_arn},
                delete_marker_replication=S3BucketReplicationConfigurationRuleDeleteMarkerReplication(status="Disabled"))],
        )
        """,
    ),
    Example(
        "unassigned versioning and a destination named by id",
        """
        from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
        from cdktf_cdktf_provider_aws.s3_bucket_replication_configuration import (
            S3BucketReplicationConfigurationA,
        )
        from cdktf_cdktf_provider_aws.s3_bucket_versioning import S3BucketVersioningA

        class Backup(TerraformStack):
            def __init__(self, scope, id):
                super().__init__(scope, id)
                src = S3Bucket(self, "src", versioning={"enabled": True})
                dst = S3Bucket(self, "dst", provider=dr)
                S3BucketVersioningA(self, "dst-versioning", bucket=dst.id,
                                    versioning_configuration={"status": "Suspended"})
                S3BucketReplicationConfigurationA(
                    self, "replication", bucket=src.id, role=role.arn,
                    rule=[{"id": "all", "status": "Enabled", "prefix": "",
                           "destination": {"bucket": dst.id}}],
                )
        """,
        """
        from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
        from cdktf_cdktf_provider_aws.s3_bucket_replication_configuration import (
            S3BucketReplicationConfigurationA,
        )
        from cdktf_cdktf_provider_aws.s3_bucket_versioning import S3BucketVersioningA

        class Backup(TerraformStack):
            def __init__(self, scope, id):
                super().__init__(scope, id)
                src = S3Bucket(self, "src", versioning={"enabled": True})
                dst = S3Bucket(self, "dst", provider=dr)
                dst_versioning = S3BucketVersioningA(self, "dst-versioning", bucket=dst.id,
                                    versioning_configuration={"status": "Enabled"})
                S3BucketReplicationConfigurationA(
                    self, "replication", bucket=src.id, role=role.arn,
                    rule=[{"id": "all", "status": "Enabled", "prefix": "",
                           "destination": {"bucket": dst.arn}}],
                    depends_on=[dst_versioning],
                )
        """,
    ),
    Example(
        "no provider in another region",
        """
        from cdktf_cdktf_provider_aws.provider import AwsProvider
        from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
        from cdktf_cdktf_provider_aws.s3_bucket_replication_configuration import (
            S3BucketReplicationConfigurationA,
        )
        from cdktf_cdktf_provider_aws.s3_bucket_versioning import S3BucketVersioningA

        class Backup(TerraformStack):
            def __init__(self, scope, id):
                super().__init__(scope, id)
                AwsProvider(self, "aws", region="eu-west-2")
                logs = S3Bucket(self, "logs", versioning={"enabled": True})
                copy = S3Bucket(self, "logs-copy")
                copy_versioning = S3BucketVersioningA(self, "copy-versioning", bucket=copy.id,
                                                      versioning_configuration={"status": "Enabled"})
                S3BucketReplicationConfigurationA(
                    self, "logs-replication", bucket=logs.id, role=role.arn,
                    depends_on=[copy_versioning],
                    rule=[{"id": "all", "status": "Enabled", "prefix": "",
                           "destination": {"bucket": copy.arn}}],
                )
        """,
        """
        from cdktf_cdktf_provider_aws.provider import AwsProvider
        from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
        from cdktf_cdktf_provider_aws.s3_bucket_replication_configuration import (
            S3BucketReplicationConfigurationA,
        )
        from cdktf_cdktf_provider_aws.s3_bucket_versioning import S3BucketVersioningA

        class Backup(TerraformStack):
            def __init__(self, scope, id):
                super().__init__(scope, id)
                AwsProvider(self, "aws", region="eu-west-2")
                dr_provider = AwsProvider(self, "aws-dr", region="eu-west-1", alias="dr")
                logs = S3Bucket(self, "logs", versioning={"enabled": True})
                copy = S3Bucket(self, "logs-copy", provider=dr_provider)
                copy_versioning = S3BucketVersioningA(self, "copy-versioning", bucket=copy.id,
                                                      versioning_configuration={"status": "Enabled"},
                                                      provider=dr_provider)
                S3BucketReplicationConfigurationA(
                    self, "logs-replication", bucket=logs.id, role=role.arn,
                    depends_on=[copy_versioning],
                    rule=[{"id": "all", "status": "Enabled", "prefix": "",
                           "destination": {"bucket": copy.arn}}],
                )
        """,
    ),
    Example(
        "a placeholder role, written as policy documents",
        """
        from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
        from cdktf_cdktf_provider_aws.s3_bucket_replication_configuration import (
            S3BucketReplicationConfigurationA,
        )

        class Backup(TerraformStack):
            def __init__(self, scope, id):
                super().__init__(scope, id)
                src = S3Bucket(self, "src", versioning={"enabled": True})
                dst = S3Bucket(self, "dst", provider=dr, versioning={"enabled": True})

                S3BucketReplicationConfigurationA(
                    self, "replication", bucket=src.id,
                    role="arn:aws:iam::123456789012:role/replication",
                    rule=[{"id": "all", "status": "Enabled", "prefix": "",
                           "destination": {"bucket": dst.arn}}],
                )
        """,
        """
        from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
        from cdktf_cdktf_provider_aws.s3_bucket_replication_configuration import (
            S3BucketReplicationConfigurationA,
        )
        from cdktf_cdktf_provider_aws.data_aws_iam_policy_document import (
            DataAwsIamPolicyDocument,
            DataAwsIamPolicyDocumentStatement,
            DataAwsIamPolicyDocumentStatementPrincipals,
        )
        from cdktf_cdktf_provider_aws.iam_role import IamRole
        from cdktf_cdktf_provider_aws.iam_role_policy import IamRolePolicy

        class Backup(TerraformStack):
            def __init__(self, scope, id):
                super().__init__(scope, id)
                src = S3Bucket(self, "src", versioning={"enabled": True})
                dst = S3Bucket(self, "dst", provider=dr, versioning={"enabled": True})

                replication_trust_policy = DataAwsIamPolicyDocument(
                    self,
                    "replication-trust-policy",
                    statement=[
                        DataAwsIamPolicyDocumentStatement(
                            effect="Allow",
                            actions=["sts:AssumeRole"],
                            principals=[
                                DataAwsIamPolicyDocumentStatementPrincipals(
                                    type="Service", identifiers=["s3.amazonaws.com"]
                                ),
                            ],
                        ),
                    ],
                )
                replication_role = IamRole(
                    self,
                    "replication-role",
                    assume_role_policy=replication_trust_policy.json,
                )
                replication_permissions = DataAwsIamPolicyDocument(
                    self,
                    "replication-permissions",
                    statement=[
                        DataAwsIamPolicyDocumentStatement(
                            effect="Allow",
                            actions=["s3:GetReplicationConfiguration", "s3:ListBucket"],
                            resources=[src.arn],
                        ),
                        DataAwsIamPolicyDocumentStatement(
                            effect="Allow",
                            actions=[
                                "s3:GetObjectVersionForReplication",
                                "s3:GetObjectVersionAcl",
                                "s3:GetObjectVersionTagging",
                            ],
                            resources=[f"{src.arn}/*"],
                        ),
                        DataAwsIamPolicyDocumentStatement(
                            effect="Allow",
                            actions=[
                                "s3:ReplicateObject",
                                "s3:ReplicateDelete",
                                "s3:ReplicateTags",
                            ],
                            resources=[f"{dst.arn}/*"],
                        ),
                    ],
                )
                IamRolePolicy(
                    self,
                    "replication-role-policy",
                    role=replication_role.id,
                    policy=replication_permissions.json,
                )
                S3BucketReplicationConfigurationA(
                    self, "replication", bucket=src.id,
                    role=replication_role.arn,
                    rule=[{"id": "all", "status": "Enabled", "prefix": "",
                           "destination": {"bucket": dst.arn}}],
                )
        """,
    ),
    Example(
        "no role, written with json.dumps, and a KMS key",
        """
        import json

        from cdktf_cdktf_provider_aws.kms_key import KmsKey
        from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
        from cdktf_cdktf_provider_aws.s3_bucket_replication_configuration import (
            S3BucketReplicationConfigurationA,
        )
        from cdktf_cdktf_provider_aws.s3_bucket_server_side_encryption_configuration import (
            S3BucketServerSideEncryptionConfigurationA,
        )

        class Backup(TerraformStack):
            def __init__(self, scope, id):
                super().__init__(scope, id)
                key = KmsKey(self, "key", policy=json.dumps(KEY_POLICY))
                src = S3Bucket(self, "src", versioning={"enabled": True})
                dst = S3Bucket(self, "dst", provider=dr, versioning={"enabled": True})
                S3BucketServerSideEncryptionConfigurationA(
                    self, "src-sse", bucket=src.id,
                    rule=[{"applyServerSideEncryptionByDefault": {
                        "sseAlgorithm": "aws:kms", "kmsMasterKeyId": key.arn}}],
                )
                S3BucketReplicationConfigurationA(
                    self, "replication", bucket=src.id,
                    rule=[{"id": "all", "status": "Enabled", "prefix": "",
                           "destination": {"bucket": dst.arn}}],
                )
        """,
        """
        import json

        from cdktf_cdktf_provider_aws.kms_key import KmsKey
        from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
        from cdktf_cdktf_provider_aws.s3_bucket_replication_configuration import (
            S3BucketReplicationConfigurationA,
        )
        from cdktf_cdktf_provider_aws.s3_bucket_server_side_encryption_configuration import (
            S3BucketServerSideEncryptionConfigurationA,
        )
        from cdktf_cdktf_provider_aws.iam_role import IamRole
        from cdktf_cdktf_provider_aws.iam_role_policy import IamRolePolicy

        class Backup(TerraformStack):
            def __init__(self, scope, id):
                super().__init__(scope, id)
                key = KmsKey(self, "key", policy=json.dumps(KEY_POLICY))
                src = S3Bucket(self, "src", versioning={"enabled": True})
                dst = S3Bucket(self, "dst", provider=dr, versioning={"enabled": True})
                S3BucketServerSideEncryptionConfigurationA(
                    self, "src-sse", bucket=src.id,
                    rule=[{"applyServerSideEncryptionByDefault": {
                        "sseAlgorithm": "aws:kms", "kmsMasterKeyId": key.arn}}],
                )
                replication_role = IamRole(
                    self,
                    "replication-role",
                    assume_role_policy=json.dumps({
                        "Version": "2012-10-17",
                        "Statement": [
                            {
                                "Effect": "Allow",
                                "Principal": {"Service": "s3.amazonaws.com"},
                                "Action": "sts:AssumeRole",
                            },
                        ],
                    }),
                )
                IamRolePolicy(
                    self,
                    "replication-role-policy",
                    role=replication_role.id,
                    policy=json.dumps({
                        "Version": "2012-10-17",
                        "Statement": [
                            {
                                "Effect": "Allow",
                                "Action": ["s3:GetReplicationConfiguration", "s3:ListBucket"],
                                "Resource": [src.arn],
                            },
                            {
                                "Effect": "Allow",
                                "Action": [
                                    "s3:GetObjectVersionForReplication",
                                    "s3:GetObjectVersionAcl",
                                    "s3:GetObjectVersionTagging",
                                ],
                                "Resource": [f"{src.arn}/*"],
                            },
                            {
                                "Effect": "Allow",
                                "Action": [
                                    "s3:ReplicateObject",
                                    "s3:ReplicateDelete",
                                    "s3:ReplicateTags",
                                ],
                                "Resource": [f"{dst.arn}/*"],
                            },
                            {"Effect": "Allow", "Action": ["kms:Decrypt"], "Resource": [key.arn]},
                        ],
                    }),
                )
                S3BucketReplicationConfigurationA(
                    self, "replication", bucket=src.id,
                    rule=[{"id": "all", "status": "Enabled", "prefix": "",
                           "destination": {"bucket": dst.arn}}],
                    role=replication_role.arn,
                )
        """,
    ),
    Example(
        "a role of the stack that may replicate",
        """
        import json

        from cdktf_cdktf_provider_aws.iam_role import IamRole
        from cdktf_cdktf_provider_aws.iam_role_policy import IamRolePolicy
        from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
        from cdktf_cdktf_provider_aws.s3_bucket_replication_configuration import (
            S3BucketReplicationConfigurationA,
        )

        class Backup(TerraformStack):
            def __init__(self, scope, id):
                super().__init__(scope, id)
                src = S3Bucket(self, "src", versioning={"enabled": True})
                dst = S3Bucket(self, "dst", provider=dr, versioning={"enabled": True})
                role = IamRole(self, "role", assume_role_policy=json.dumps({
                    "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                                   "Principal": {"Service": "s3.amazonaws.com"}}],
                }))
                IamRolePolicy(self, "role-policy", role=role.id, policy=json.dumps({
                    "Statement": [{"Effect": "Allow", "Action": ["s3:Replicate*"],
                                   "Resource": [f"{dst.arn}/*"]}],
                }))
                S3BucketReplicationConfigurationA(
                    self, "replication", bucket=src.id,
                    role="arn:aws:iam::123456789012:role/replication",
                    rule=[{"id": "all", "status": "Enabled", "prefix": "",
                           "destination": {"bucket": dst.arn}}],
                )
        """,
        """
        import json

        from cdktf_cdktf_provider_aws.iam_role import IamRole
        from cdktf_cdktf_provider_aws.iam_role_policy import IamRolePolicy
        from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
        from cdktf_cdktf_provider_aws.s3_bucket_replication_configuration import (
            S3BucketReplicationConfigurationA,
        )

        class Backup(TerraformStack):
            def __init__(self, scope, id):
                super().__init__(scope, id)
                src = S3Bucket(self, "src", versioning={"enabled": True})
                dst = S3Bucket(self, "dst", provider=dr, versioning={"enabled": True})
                role = IamRole(self, "role", assume_role_policy=json.dumps({
                    "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                                   "Principal": {"Service": "s3.amazonaws.com"}}],
                }))
                IamRolePolicy(self, "role-policy", role=role.id, policy=json.dumps({
                    "Statement": [{"Effect": "Allow", "Action": ["s3:Replicate*"],
                                   "Resource": [f"{dst.arn}/*"]}],
                }))
                S3BucketReplicationConfigurationA(
                    self, "replication", bucket=src.id,
                    role=role.arn,
                    rule=[{"id": "all", "status": "Enabled", "prefix": "",
                           "destination": {"bucket": dst.arn}}],
                )
        """,
    ),
    Example(
        "a source region without a recovery region",
        """
        from cdktf_cdktf_provider_aws.provider import AwsProvider
        from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
        from cdktf_cdktf_provider_aws.s3_bucket_replication_configuration import (
            S3BucketReplicationConfigurationA,
        )

        class Backup(TerraformStack):
            def __init__(self, scope, id):
                super().__init__(scope, id)
                AwsProvider(self, "aws", region="ca-central-1")
                src = S3Bucket(self, "src", versioning={"enabled": True})
                dst = S3Bucket(self, "dst", versioning={"enabled": True})
                S3BucketReplicationConfigurationA(
                    self, "replication", bucket=src.id, role=role.arn,
                    rule=[{"id": "all", "status": "Enabled", "prefix": "",
                           "destination": {"bucket": dst.arn}}],
                )
        """,
    ),
    Example(
        "no role",
        """
        from cdktf_cdktf_provider_aws.s3_bucket_replication_configuration import (
            S3BucketReplicationConfigurationA,
        )

        S3BucketReplicationConfigurationA(
            self, "replication", bucket=source_bucket_name,
            rule=[{"id": "all", "status": "Enabled", "prefix": "", "destination": {"bucket": replica_arn}}],
        )
        """,
    ),
)

VALID = (
    Valid(
        "cross-region replication with its prerequisites",
        """
        from cdktf_cdktf_provider_aws.provider import AwsProvider
        from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
        from cdktf_cdktf_provider_aws.s3_bucket_replication_configuration import (
            S3BucketReplicationConfigurationA,
            S3BucketReplicationConfigurationRule,
            S3BucketReplicationConfigurationRuleDeleteMarkerReplication,
            S3BucketReplicationConfigurationRuleDestination,
            S3BucketReplicationConfigurationRuleFilter,
        )
        from cdktf_cdktf_provider_aws.s3_bucket_versioning import (
            S3BucketVersioningA,
            S3BucketVersioningVersioningConfiguration,
        )

        class Backup(TerraformStack):
            def __init__(self, scope, id):
                super().__init__(scope, id)
                AwsProvider(self, "aws", region="us-east-1")
                dr = AwsProvider(self, "dr", region="us-west-2", alias="dr")
                src = S3Bucket(self, "src", bucket="acme-src")
                dst = S3Bucket(self, "dst", bucket="acme-dst", provider=dr)
                enabled = S3BucketVersioningVersioningConfiguration(status="Enabled")
                src_versioning = S3BucketVersioningA(
                    self, "src-versioning", bucket=src.id, versioning_configuration=enabled)
                dst_versioning = S3BucketVersioningA(
                    self, "dst-versioning", bucket=dst.id, versioning_configuration=enabled,
                    provider=dr)
                S3BucketReplicationConfigurationA(
                    self, "replication", bucket=src.id, role=role.arn,
                    depends_on=[src_versioning, dst_versioning],
                    rule=[S3BucketReplicationConfigurationRule(
                        id="all", status="Enabled",
                        filter=S3BucketReplicationConfigurationRuleFilter(prefix=""),
                        delete_marker_replication=S3BucketReplicationConfigurationRuleDeleteMarkerReplication(
                            status="Disabled"),
                        destination=S3BucketReplicationConfigurationRuleDestination(
                            bucket=dst.arn, storage_class="STANDARD"),
                    )],
                )
        """,
    ),
    Valid(
        "inline versioning and a per-resource region",
        """
        from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket, S3BucketVersioning
        from cdktf_cdktf_provider_aws.s3_bucket_replication_configuration import (
            S3BucketReplicationConfigurationA,
        )

        class Backup(TerraformStack):
            def __init__(self, scope, id):
                super().__init__(scope, id)
                src = S3Bucket(self, "src", versioning=S3BucketVersioning(enabled=True))
                dst = S3Bucket(self, "dst", region="eu-central-1",
                               versioning={"enabled": True})
                S3BucketReplicationConfigurationA(
                    self, "replication", bucket=src.id, role=role.arn,
                    rule=[{"id": "all", "status": "Enabled", "prefix": "",
                           "destination": {"bucket": dst.arn}}],
                )
        """,
    ),
)
