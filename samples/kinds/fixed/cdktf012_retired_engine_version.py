"""Sample for CDKTF012 (retired-engine-version), fixed: Aurora PostgreSQL 15.10, the
15.x long-term-support minor, on the cluster and on its instances.
"""
from constructs import Construct
from cdktf import App, TerraformStack
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.rds_cluster import RdsCluster
from cdktf_cdktf_provider_aws.rds_cluster_instance import RdsClusterInstance


class RiskDatabaseStack(TerraformStack):
    def __init__(self, scope: Construct, id: str):
        super().__init__(scope, id)
        AwsProvider(self, "aws", region="us-east-1")

        cluster = RdsCluster(
            self, "risk-db",
            cluster_identifier="risk-scoring",
            engine="aurora-postgresql",
            engine_version="15.10",
            master_username="risk_admin",
            manage_master_user_password=True,
            storage_encrypted=True,
            skip_final_snapshot=True,
        )
        for i in range(2):
            RdsClusterInstance(
                self, f"risk-db-{i}",
                identifier=f"risk-scoring-{i}",
                cluster_identifier=cluster.id,
                instance_class="db.r6g.large",
                engine="aurora-postgresql",
                engine_version="15.10",
            )


app = App()
RiskDatabaseStack(app, "risk-database")
app.synth()
