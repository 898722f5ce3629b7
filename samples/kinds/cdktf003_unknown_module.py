"""Sample for CDKTF003 (unknown-module): `applicationautoscaling_*` modules.

The provider names these modules `appautoscaling_*`. The policy module is imported
as a module and used through attribute access.
"""
from constructs import Construct
from cdktf import App, TerraformStack
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.applicationautoscaling_target import ApplicationautoscalingTarget
from cdktf_cdktf_provider_aws import applicationautoscaling_policy
from cdktf_cdktf_provider_aws.applicationautoscaling_scheduled_action import (
    ApplicationautoscalingScheduledAction,
    ApplicationautoscalingScheduledActionScalableTargetAction,
)


class WorkerScalingStack(TerraformStack):
    def __init__(self, scope: Construct, id: str):
        super().__init__(scope, id)
        AwsProvider(self, "aws", region="us-east-1")

        target = ApplicationautoscalingTarget(
            self, "worker-target", min_capacity=1, max_capacity=8,
            resource_id="service/payments/settlement-worker",
            scalable_dimension="ecs:service:DesiredCount", service_namespace="ecs",
        )
        applicationautoscaling_policy.ApplicationautoscalingPolicy(
            self, "worker-memory", name="settlement-worker-memory",
            policy_type="TargetTrackingScaling", resource_id=target.resource_id,
            scalable_dimension=target.scalable_dimension,
            service_namespace=target.service_namespace,
            target_tracking_scaling_policy_configuration=applicationautoscaling_policy.ApplicationautoscalingPolicyTargetTrackingScalingPolicyConfiguration(
                target_value=70, scale_in_cooldown=300, scale_out_cooldown=60,
                predefined_metric_specification=applicationautoscaling_policy.ApplicationautoscalingPolicyTargetTrackingScalingPolicyConfigurationPredefinedMetricSpecification(
                    predefined_metric_type="ECSServiceAverageMemoryUtilization"),
            ),
        )
        ApplicationautoscalingScheduledAction(
            self, "worker-month-end", name="settlement-month-end",
            resource_id=target.resource_id, scalable_dimension=target.scalable_dimension,
            service_namespace=target.service_namespace,
            schedule="cron(0 18 L * ? *)", timezone="UTC",
            scalable_target_action=ApplicationautoscalingScheduledActionScalableTargetAction(
                min_capacity="4", max_capacity="8"),
        )


app = App()
WorkerScalingStack(app, "worker-scaling")
app.synth()
