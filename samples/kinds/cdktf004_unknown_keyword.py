"""Sample for CDKTF004 (unknown-keyword): `manages_master_user_password` on RdsCluster.

The Terraform argument is `manage_master_user_password`.
"""
from constructs import Construct
from cdktf import App, TerraformStack, TerraformOutput
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.rds_cluster import RdsCluster
from cdktf_cdktf_provider_aws.rds_cluster_instance import RdsClusterInstance


class LedgerDatabaseStack(TerraformStack):
    def __init__(self, scope: Construct, id: str):
        super().__init__(scope, id)
        AwsProvider(self, "aws", region="eu-central-1")

        cluster = RdsCluster(
            self, "ledger",
            cluster_identifier="ledger-aurora",
            engine="aurora-postgresql",
            engine_version="15.10",
            database_name="ledger",
            master_username="ledger_admin",
            manages_master_user_password=True,
            storage_encrypted=True,
            backup_retention_period=14,
            skip_final_snapshot=True,
        )
        RdsClusterInstance(
            self, "ledger-writer",
            identifier="ledger-aurora-1",
            cluster_identifier=cluster.id,
            instance_class="db.r6g.large",
            engine=cluster.engine,
            engine_version=cluster.engine_version,
        )
        TerraformOutput(self, "master_secret_arn",
                        value=cluster.master_user_secret.get(0).secret_arn)


app = App()
LedgerDatabaseStack(app, "ledger-database")
app.synth()
