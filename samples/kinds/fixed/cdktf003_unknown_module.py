"""Sample for CDKTF003 (unknown-module), fixed: `appautoscaling_*` modules and
`Appautoscaling*` classes, with the module import kept as a module import.
"""
from constructs import Construct
from cdktf import App, TerraformStack
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.appautoscaling_target import AppautoscalingTarget
from cdktf_cdktf_provider_aws import appautoscaling_policy
from cdktf_cdktf_provider_aws.appautoscaling_scheduled_action import (
    AppautoscalingScheduledAction,
    AppautoscalingScheduledActionScalableTargetAction,
)


class WorkerScalingStack(TerraformStack):
    def __init__(self, scope: Construct, id: str):
        super().__init__(scope, id)
        AwsProvider(self, "aws", region="us-east-1")

        target = AppautoscalingTarget(
            self, "worker-target", min_capacity=1, max_capacity=8,
            resource_id="service/payments/settlement-worker",
            scalable_dimension="ecs:service:DesiredCount", service_namespace="ecs",
        )
        appautoscaling_policy.AppautoscalingPolicy(
            self, "worker-memory", name="settlement-worker-memory",
            policy_type="TargetTrackingScaling", resource_id=target.resource_id,
            scalable_dimension=target.scalable_dimension,
            service_namespace=target.service_namespace,
            target_tracking_scaling_policy_configuration=appautoscaling_policy.AppautoscalingPolicyTargetTrackingScalingPolicyConfiguration(
                target_value=70, scale_in_cooldown=300, scale_out_cooldown=60,
                predefined_metric_specification=appautoscaling_policy.AppautoscalingPolicyTargetTrackingScalingPolicyConfigurationPredefinedMetricSpecification(
                    predefined_metric_type="ECSServiceAverageMemoryUtilization"),
            ),
        )
        AppautoscalingScheduledAction(
            self, "worker-month-end", name="settlement-month-end",
            resource_id=target.resource_id, scalable_dimension=target.scalable_dimension,
            service_namespace=target.service_namespace,
            schedule="cron(0 18 L * ? *)", timezone="UTC",
            scalable_target_action=AppautoscalingScheduledActionScalableTargetAction(
                min_capacity="4", max_capacity="8"),
        )


app = App()
WorkerScalingStack(app, "worker-scaling")
app.synth()
