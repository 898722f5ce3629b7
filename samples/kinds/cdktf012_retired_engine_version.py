"""Sample for CDKTF012 (retired-engine-version): Aurora PostgreSQL 15.3.

AWS no longer offers 15.3 for new clusters, so creating the cluster fails at apply.
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
            engine_version="15.3",
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
                engine_version="15.3",
            )


app = App()
RiskDatabaseStack(app, "risk-database")
app.synth()
