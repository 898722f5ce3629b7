"""Sample for CDKTF005 (ecs-cluster-capacity-providers): capacity providers on EcsCluster.

`capacity_providers` and `default_capacity_provider_strategy` are no longer
arguments of `aws_ecs_cluster`, so `EcsClusterDefaultCapacityProviderStrategy` is
gone from these bindings too. Both belong to `aws_ecs_cluster_capacity_providers`.
"""
from constructs import Construct
from cdktf import App, TerraformStack
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.ecs_cluster import (
    EcsCluster,
    EcsClusterDefaultCapacityProviderStrategy,
    EcsClusterSetting,
)


class BatchClusterStack(TerraformStack):
    def __init__(self, scope: Construct, id: str):
        super().__init__(scope, id)
        AwsProvider(self, "aws", region="us-east-2")

        EcsCluster(
            self, "batch-cluster",
            name="reconciliation-batch",
            setting=[EcsClusterSetting(name="containerInsights", value="enabled")],
            capacity_providers=["FARGATE", "FARGATE_SPOT"],
            default_capacity_provider_strategy=[
                EcsClusterDefaultCapacityProviderStrategy(
                    capacity_provider="FARGATE_SPOT", weight=4),
                EcsClusterDefaultCapacityProviderStrategy(
                    capacity_provider="FARGATE", weight=1, base=1),
            ],
        )


app = App()
BatchClusterStack(app, "batch-cluster")
app.synth()
