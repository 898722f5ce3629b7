"""Sample for CDKTF005 (ecs-cluster-capacity-providers), fixed: the providers and
the default strategy move to a separate `EcsClusterCapacityProviders`.
"""
from constructs import Construct
from cdktf import App, TerraformStack
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.ecs_cluster import EcsCluster, EcsClusterSetting
from cdktf_cdktf_provider_aws.ecs_cluster_capacity_providers import (
    EcsClusterCapacityProviders,
    EcsClusterCapacityProvidersDefaultCapacityProviderStrategy,
)


class BatchClusterStack(TerraformStack):
    def __init__(self, scope: Construct, id: str):
        super().__init__(scope, id)
        AwsProvider(self, "aws", region="us-east-2")

        cluster = EcsCluster(
            self, "batch-cluster",
            name="reconciliation-batch",
            setting=[EcsClusterSetting(name="containerInsights", value="enabled")],
        )
        EcsClusterCapacityProviders(
            self, "batch-cluster-capacity-providers",
            cluster_name=cluster.name,
            capacity_providers=["FARGATE", "FARGATE_SPOT"],
            default_capacity_provider_strategy=[
                EcsClusterCapacityProvidersDefaultCapacityProviderStrategy(
                    capacity_provider="FARGATE_SPOT", weight=4),
                EcsClusterCapacityProvidersDefaultCapacityProviderStrategy(
                    capacity_provider="FARGATE", weight=1, base=1),
            ],
        )


app = App()
BatchClusterStack(app, "batch-cluster")
app.synth()
