#!/usr/bin/env python
"""
Fintech payments platform: VPC, ALB + ECS Fargate API with autoscaling, Aurora
PostgreSQL ledger, encrypted statement buckets with DR replication, WAF, CloudFront.
"""
import json

from constructs import Construct
from cdktf import App, TerraformIterator, TerraformStack, TerraformOutput, Token

from cdktf_cdktf_provider_aws.provider import AwsProvider, AwsProviderDefaultTags
from cdktf_cdktf_provider_aws.vpc import Vpc
from cdktf_cdktf_provider_aws.subnet import Subnet
from cdktf_cdktf_provider_aws.internet_gateway import InternetGateway
from cdktf_cdktf_provider_aws.eip import Eip
from cdktf_cdktf_provider_aws.nat_gateway import NatGateway
from cdktf_cdktf_provider_aws.route_table import RouteTable
from cdktf_cdktf_provider_aws.route import Route
from cdktf_cdktf_provider_aws.route_table_association import RouteTableAssociation
from cdktf_cdktf_provider_aws.vpc_endpoint import VpcEndpoint
from cdktf_cdktf_provider_aws.security_group import SecurityGroup, SecurityGroupIngress, SecurityGroupEgress
from cdktf_cdktf_provider_aws.data_aws_caller_identity import DataAwsCallerIdentity
from cdktf_cdktf_provider_aws.data_aws_iam_policy_document import (
    DataAwsIamPolicyDocument,
    DataAwsIamPolicyDocumentStatement,
    DataAwsIamPolicyDocumentStatementCondition,
    DataAwsIamPolicyDocumentStatementPrincipals,
)
from cdktf_cdktf_provider_aws.kms_key import KmsKey
from cdktf_cdktf_provider_aws.kms_alias import KmsAlias
from cdktf_cdktf_provider_aws.cloudwatch_log_group import CloudwatchLogGroup
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket
from cdktf_cdktf_provider_aws.s3_bucket_public_access_block import S3BucketPublicAccessBlock
from cdktf_cdktf_provider_aws.s3_bucket_versioning import (
    S3BucketVersioningA,
    S3BucketVersioningVersioningConfiguration,
)
from cdktf_cdktf_provider_aws import s3_bucket_server_side_encryption_configuration as sse
from cdktf_cdktf_provider_aws.s3_bucket_lifecycle_configuration import (
    S3BucketLifecycleConfiguration,
    S3BucketLifecycleConfigurationRule,
    S3BucketLifecycleConfigurationRuleFilter,
    S3BucketLifecycleConfigurationRuleTransition,
    S3BucketLifecycleConfigurationRuleNoncurrentVersionExpiration,
)
from cdktf_cdktf_provider_aws.s3_bucket_replication_configuration import (
    S3BucketReplicationConfigurationA as ReplicationConfiguration,
    S3BucketReplicationConfigurationRule,
    S3BucketReplicationConfigurationRuleDestination,
)
from cdktf_cdktf_provider_aws.iam_role import IamRole
from cdktf_cdktf_provider_aws.iam_role_policy import IamRolePolicy
from cdktf_cdktf_provider_aws.iam_role_policy_attachment import IamRolePolicyAttachment
from cdktf_cdktf_provider_aws.lb import Lb
from cdktf_cdktf_provider_aws.lb_target_group import LbTargetGroup, LbTargetGroupHealthCheck
from cdktf_cdktf_provider_aws.lb_listener import LbListener, LbListenerDefaultAction
from cdktf_cdktf_provider_aws.ecs_cluster import EcsCluster
from cdktf_cdktf_provider_aws.ecs_cluster_capacity_providers import (
    EcsClusterCapacityProviders,
    EcsClusterCapacityProvidersDefaultCapacityProviderStrategy,
)
from cdktf_cdktf_provider_aws.ecs_task_definition import EcsTaskDefinition
from cdktf_cdktf_provider_aws.ecs_service import (
    EcsService,
    EcsServiceLoadBalancer,
    EcsServiceNetworkConfiguration,
)
from cdktf_cdktf_provider_aws.appautoscaling_target import AppautoscalingTarget
from cdktf_cdktf_provider_aws.appautoscaling_policy import (
    AppautoscalingPolicy,
    AppautoscalingPolicyTargetTrackingScalingPolicyConfiguration,
    AppautoscalingPolicyTargetTrackingScalingPolicyConfigurationPredefinedMetricSpecification,
)
from cdktf_cdktf_provider_aws.appautoscaling_scheduled_action import (
    AppautoscalingScheduledAction,
    AppautoscalingScheduledActionScalableTargetAction,
)
from cdktf_cdktf_provider_aws.db_subnet_group import DbSubnetGroup
from cdktf_cdktf_provider_aws.rds_cluster import RdsCluster
from cdktf_cdktf_provider_aws.rds_cluster_instance import RdsClusterInstance
from cdktf_cdktf_provider_aws.wafv2_web_acl import (
    Wafv2WebAcl,
    Wafv2WebAclDefaultAction,
    Wafv2WebAclDefaultActionAllow,
    Wafv2WebAclRule,
    Wafv2WebAclRuleAction,
    Wafv2WebAclRuleActionBlock,
    Wafv2WebAclRuleOverrideAction,
    Wafv2WebAclRuleOverrideActionNone,
    Wafv2WebAclRuleVisibilityConfig,
    Wafv2WebAclVisibilityConfig,
)
from cdktf_cdktf_provider_aws.wafv2_web_acl_association import Wafv2WebAclAssociation
from cdktf_cdktf_provider_aws.acm_certificate import AcmCertificate
from cdktf_cdktf_provider_aws.acm_certificate_validation import AcmCertificateValidation
from cdktf_cdktf_provider_aws.route53_zone import Route53Zone
from cdktf_cdktf_provider_aws.route53_record import Route53Record, Route53RecordAlias
from cdktf_cdktf_provider_aws.cloudfront_distribution import (
    CloudfrontDistribution,
    CloudfrontDistributionDefaultCacheBehavior,
    CloudfrontDistributionDefaultCacheBehaviorForwardedValues,
    CloudfrontDistributionDefaultCacheBehaviorForwardedValuesCookies,
    CloudfrontDistributionOrigin,
    CloudfrontDistributionOriginCustomOriginConfig,
    CloudfrontDistributionRestrictions,
    CloudfrontDistributionRestrictionsGeoRestriction,
    CloudfrontDistributionViewerCertificate,
)
from cdktf_cdktf_provider_aws.dynamodb_table import DynamodbTable, DynamodbTableAttribute

PROJECT = "fintech"
REGION = "us-east-1"
DR_REGION = "us-west-2"
DOMAIN = "payments.example.com"
AZS = ["us-east-1a", "us-east-1b"]


def managed_rule(name, priority, statement, **kwargs):
    return Wafv2WebAclRule(
        name=name,
        priority=priority,
        statement=statement,
        visibility_config=Wafv2WebAclRuleVisibilityConfig(
            cloudwatch_metrics_enabled=True,
            metric_name=name,
            sampled_requests_enabled=True,
        ),
        **kwargs,
    )


class FintechStack(TerraformStack):
    def __init__(self, scope: Construct, id: str):
        super().__init__(scope, id)

        AwsProvider(self, "aws", region=REGION,
                    default_tags=[AwsProviderDefaultTags(tags={"Project": PROJECT, "ManagedBy": "cdktf"})])
        dr_provider = AwsProvider(self, "aws-dr", region=DR_REGION, alias="dr")

        # ---------------- Networking ----------------
        vpc = Vpc(self, "vpc", cidr_block="10.0.0.0/16", enable_dns_hostnames=True,
                  enable_dns_support=True, tags={"Name": f"{PROJECT}-vpc"})
        igw = InternetGateway(self, "igw", vpc_id=vpc.id)

        public_rt = RouteTable(self, "public-rt", vpc_id=vpc.id, tags={"Name": "public"})
        Route(self, "public-default", route_table_id=public_rt.id,
              destination_cidr_block="0.0.0.0/0", gateway_id=igw.id)

        public_subnets = []
        private_subnets = []
        private_route_tables = []
        for i, az in enumerate(AZS):
            public = Subnet(
                self, f"public-{i}", vpc_id=vpc.id, cidr_block=f"10.0.{i}.0/24",
                availability_zone=az, map_public_ip_on_launch=True,
                tags={"Name": f"{PROJECT}-public-{az}"},
            )
            private = Subnet(
                self, f"private-{i}", vpc_id=vpc.id, cidr_block=f"10.0.{10 + i}.0/24",
                availability_zone=az, tags={"Name": f"{PROJECT}-private-{az}"},
            )
            RouteTableAssociation(self, f"public-rta-{i}", subnet_id=public.id,
                                  route_table_id=public_rt.id)

            eip = Eip(self, f"nat-eip-{i}", domain="vpc")
            nat = NatGateway(self, f"nat-{i}", allocation_id=eip.id, subnet_id=public.id)
            private_rt = RouteTable(self, f"private-rt-{i}", vpc_id=vpc.id,
                                    tags={"Name": f"private-{az}"})
            Route(self, f"private-default-{i}", route_table_id=private_rt.id,
                  destination_cidr_block="0.0.0.0/0", nat_gateway_id=nat.id)
            RouteTableAssociation(self, f"private-rta-{i}", subnet_id=private.id,
                                  route_table_id=private_rt.id)
            public_subnets.append(public)
            private_subnets.append(private)
            private_route_tables.append(private_rt)

        # S3 gateway endpoint so tasks reach S3 without the NAT
        VpcEndpoint(
            self, "s3-endpoint", vpc_id=vpc.id, service_name=f"com.amazonaws.{REGION}.s3",
            vpc_endpoint_type="Gateway",
            route_table_ids=[rt.id for rt in private_route_tables],
        )

        # ---------------- Encryption keys and logs ----------------
        data_key = KmsKey(self, "data-key", description="Fintech data at rest",
                          enable_key_rotation=True, deletion_window_in_days=30)
        KmsAlias(self, "data-key-alias", name=f"alias/{PROJECT}-data", target_key_id=data_key.key_id)

        caller = DataAwsCallerIdentity(self, "caller")
        logs_key_policy = DataAwsIamPolicyDocument(
            self, "logs-key-policy",
            statement=[
                DataAwsIamPolicyDocumentStatement(
                    sid="EnableRootAccountAdmin", effect="Allow", actions=["kms:*"],
                    resources=["*"],
                    principals=[DataAwsIamPolicyDocumentStatementPrincipals(
                        type="AWS", identifiers=[f"arn:aws:iam::{caller.account_id}:root"])],
                ),
                DataAwsIamPolicyDocumentStatement(
                    sid="AllowCloudWatchLogs", effect="Allow", resources=["*"],
                    actions=["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*",
                             "kms:GenerateDataKey*", "kms:Describe*"],
                    principals=[DataAwsIamPolicyDocumentStatementPrincipals(
                        type="Service", identifiers=[f"logs.{REGION}.amazonaws.com"])],
                    condition=[DataAwsIamPolicyDocumentStatementCondition(
                        test="ArnLike", variable="kms:EncryptionContext:aws:logs:arn",
                        values=[f"arn:aws:logs:{REGION}:{caller.account_id}:log-group:*"])],
                ),
            ],
        )
        logs_key = KmsKey(self, "logs-key", description="Fintech log encryption",
                          enable_key_rotation=True, policy=logs_key_policy.json)
        app_logs = CloudwatchLogGroup(self, "app-logs", name=f"/ecs/{PROJECT}-api",
                                      retention_in_days=365, kms_key_id=logs_key.arn)

        # ---------------- S3: statements bucket + DR replica ----------------
        statements = S3Bucket(self, "statements", bucket=f"{PROJECT}-statements-prod")
        S3BucketPublicAccessBlock(self, "statements-pab", bucket=statements.id,
                                  block_public_acls=True, block_public_policy=True,
                                  ignore_public_acls=True, restrict_public_buckets=True)
        statements_versioning = S3BucketVersioningA(
            self, "statements-versioning", bucket=statements.id,
            versioning_configuration=S3BucketVersioningVersioningConfiguration(status="Enabled"),
        )
        sse.S3BucketServerSideEncryptionConfigurationA(
            self, "statements-sse", bucket=statements.id,
            rule=[sse.S3BucketServerSideEncryptionConfigurationRuleA(
                apply_server_side_encryption_by_default=sse.S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefaultA(
                    sse_algorithm="aws:kms", kms_master_key_id=data_key.arn),
                bucket_key_enabled=True,
            )],
        )
        S3BucketLifecycleConfiguration(
            self, "statements-lifecycle", bucket=statements.id,
            rule=[
                S3BucketLifecycleConfigurationRule(
                    id="archive-statements",
                    status="Enabled",
                    filter=[S3BucketLifecycleConfigurationRuleFilter(prefix="statements/")],
                    transition=[S3BucketLifecycleConfigurationRuleTransition(
                        days=90, storage_class="GLACIER")],
                ),
                S3BucketLifecycleConfigurationRule(
                    id="expire-old-versions",
                    status="Enabled",
                    filter=[S3BucketLifecycleConfigurationRuleFilter(prefix="")],
                    noncurrent_version_expiration=[S3BucketLifecycleConfigurationRuleNoncurrentVersionExpiration(
                        noncurrent_days=365)],
                ),
            ],
        )

        statements_dr = S3Bucket(self, "statements-dr", bucket=f"{PROJECT}-statements-dr",
                                 provider=dr_provider)
        statements_dr_versioning = S3BucketVersioningA(
            self, "statements-dr-versioning", bucket=statements_dr.id, provider=dr_provider,
            versioning_configuration=S3BucketVersioningVersioningConfiguration(status="Enabled"),
        )

        replication_role = IamRole(
            self, "replication-role", name=f"{PROJECT}-s3-replication",
            assume_role_policy=json.dumps({
                "Version": "2012-10-17",
                "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                               "Principal": {"Service": "s3.amazonaws.com"}}],
            }),
        )
        IamRolePolicy(
            self, "replication-policy", role=replication_role.id,
            policy=json.dumps({
                "Version": "2012-10-17",
                "Statement": [
                    {"Effect": "Allow", "Resource": [statements.arn],
                     "Action": ["s3:GetReplicationConfiguration", "s3:ListBucket"]},
                    {"Effect": "Allow", "Resource": [f"{statements.arn}/*"],
                     "Action": ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl",
                                "s3:GetObjectVersionTagging"]},
                    {"Effect": "Allow", "Resource": [f"{statements_dr.arn}/*"],
                     "Action": ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"]},
                ],
            }),
        )
        ReplicationConfiguration(
            self, "statements-replication", bucket=statements.id, role=replication_role.arn,
            depends_on=[statements_versioning, statements_dr_versioning],
            rule=[S3BucketReplicationConfigurationRule(
                id="dr-copy", status="Enabled", prefix="",
                destination=S3BucketReplicationConfigurationRuleDestination(
                    bucket=statements_dr.arn, storage_class="STANDARD_IA"),
            )],
        )

        # ---------------- Security groups ----------------
        alb_sg = SecurityGroup(
            self, "alb-sg", name=f"{PROJECT}-alb", vpc_id=vpc.id,
            ingress=[SecurityGroupIngress(from_port=443, to_port=443, protocol="tcp",
                                          cidr_blocks=["0.0.0.0/0"])],
            egress=[SecurityGroupEgress(from_port=0, to_port=0, protocol="-1", cidr_blocks=["0.0.0.0/0"])],
        )
        app_sg = SecurityGroup(
            self, "app-sg", name=f"{PROJECT}-app", vpc_id=vpc.id,
            ingress=[SecurityGroupIngress(from_port=8080, to_port=8080, protocol="tcp",
                                          security_groups=[alb_sg.id])],
            egress=[SecurityGroupEgress(from_port=0, to_port=0, protocol="-1", cidr_blocks=["0.0.0.0/0"])],
        )
        db_sg = SecurityGroup(
            self, "db-sg", name=f"{PROJECT}-db", vpc_id=vpc.id,
            ingress=[SecurityGroupIngress(from_port=5432, to_port=5432, protocol="tcp",
                                          security_groups=[app_sg.id])],
        )

        # ---------------- DNS and certificates ----------------
        zone = Route53Zone(self, "zone", name=DOMAIN)
        api_cert = AcmCertificate(self, "api-cert", domain_name=f"api.{DOMAIN}",
                                  validation_method="DNS")
        cdn_cert = AcmCertificate(self, "cdn-cert", domain_name=f"app.{DOMAIN}",
                                  validation_method="DNS")
        validated_arns = {}
        for name, cert in (("api-cert", api_cert), ("cdn-cert", cdn_cert)):
            options = TerraformIterator.from_complex_list(cert.domain_validation_options,
                                                          "domain_name")
            records = Route53Record(
                self, f"{name}-validation-record", for_each=options, allow_overwrite=True,
                zone_id=zone.zone_id, ttl=60,
                name=options.get_string("resource_record_name"),
                type=options.get_string("resource_record_type"),
                records=[options.get_string("resource_record_value")],
            )
            validation = AcmCertificateValidation(
                self, f"{name}-validation", certificate_arn=cert.arn,
                validation_record_fqdns=Token.as_list(
                    TerraformIterator.from_resources(records).pluck_property("fqdn")),
            )
            validated_arns[name] = validation.certificate_arn

        # ---------------- Load balancer ----------------
        alb = Lb(self, "alb", name=f"{PROJECT}-alb", load_balancer_type="application",
                 security_groups=[alb_sg.id], subnets=[s.id for s in public_subnets],
                 drop_invalid_header_fields=True)
        target_group = LbTargetGroup(
            self, "api-tg", name=f"{PROJECT}-api", port=8080, protocol="HTTP",
            target_type="ip", vpc_id=vpc.id,
            health_check=LbTargetGroupHealthCheck(path="/health", matcher="200"),
        )
        LbListener(
            self, "https-listener", load_balancer_arn=alb.arn, port=443, protocol="HTTPS",
            ssl_policy="ELBSecurityPolicy-TLS13-1-2-2021-06",
            certificate_arn=validated_arns["api-cert"],
            default_action=[LbListenerDefaultAction(type="forward",
                                                    target_group_arn=target_group.arn)],
        )

        # ---------------- ECS Fargate ----------------
        cluster = EcsCluster(self, "cluster", name=f"{PROJECT}-cluster")
        EcsClusterCapacityProviders(
            self, "cluster-capacity-providers", cluster_name=cluster.name,
            capacity_providers=["FARGATE", "FARGATE_SPOT"],
            default_capacity_provider_strategy=[
                EcsClusterCapacityProvidersDefaultCapacityProviderStrategy(
                    capacity_provider="FARGATE", weight=1, base=1),
                EcsClusterCapacityProvidersDefaultCapacityProviderStrategy(
                    capacity_provider="FARGATE_SPOT", weight=3),
            ],
        )
        execution_role = IamRole(
            self, "task-execution-role", name=f"{PROJECT}-task-execution",
            assume_role_policy=json.dumps({
                "Version": "2012-10-17",
                "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                               "Principal": {"Service": "ecs-tasks.amazonaws.com"}}],
            }),
        )
        IamRolePolicyAttachment(
            self, "task-execution-policy", role=execution_role.name,
            policy_arn="arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy",
        )
        task = EcsTaskDefinition(
            self, "api-task", family=f"{PROJECT}-api", cpu="512", memory="1024",
            network_mode="awsvpc", requires_compatibilities=["FARGATE"],
            execution_role_arn=execution_role.arn,
            container_definitions=json.dumps([{
                "name": "api",
                "image": "public.ecr.aws/nginx/nginx:stable",
                "essential": True,
                "portMappings": [{"containerPort": 8080, "protocol": "tcp"}],
                "logConfiguration": {
                    "logDriver": "awslogs",
                    "options": {"awslogs-group": app_logs.name, "awslogs-region": REGION,
                                "awslogs-stream-prefix": "api"},
                },
            }]),
        )
        service = EcsService(
            self, "api-service", name=f"{PROJECT}-api", cluster=cluster.id,
            task_definition=task.arn, desired_count=2, launch_type="FARGATE",
            network_configuration=EcsServiceNetworkConfiguration(
                subnets=[s.id for s in private_subnets], security_groups=[app_sg.id]),
            load_balancer=[EcsServiceLoadBalancer(container_name="api", container_port=8080,
                                                  target_group_arn=target_group.arn)],
        )

        # ---------------- Autoscaling ----------------
        scaling_target = AppautoscalingTarget(
            self, "api-scaling-target", min_capacity=2, max_capacity=10,
            resource_id=f"service/{cluster.name}/{service.name}",
            scalable_dimension="ecs:service:DesiredCount", service_namespace="ecs",
        )
        AppautoscalingPolicy(
            self, "api-cpu-scaling", name=f"{PROJECT}-api-cpu", policy_type="TargetTrackingScaling",
            resource_id=scaling_target.resource_id,
            scalable_dimension=scaling_target.scalable_dimension,
            service_namespace=scaling_target.service_namespace,
            target_tracking_scaling_policy_configuration=AppautoscalingPolicyTargetTrackingScalingPolicyConfiguration(
                target_value=60,
                predefined_metric_specification=AppautoscalingPolicyTargetTrackingScalingPolicyConfigurationPredefinedMetricSpecification(
                    predefined_metric_type="ECSServiceAverageCPUUtilization"),
            ),
        )
        AppautoscalingScheduledAction(
            self, "api-night-scale-in", name=f"{PROJECT}-api-night",
            resource_id=scaling_target.resource_id,
            scalable_dimension=scaling_target.scalable_dimension,
            service_namespace=scaling_target.service_namespace,
            schedule="cron(0 23 * * ? *)", timezone="America/New_York",
            scalable_target_action=AppautoscalingScheduledActionScalableTargetAction(
                min_capacity="2", max_capacity="4"),
        )

        # ---------------- Aurora PostgreSQL ----------------
        db_subnets = DbSubnetGroup(self, "db-subnets", name=f"{PROJECT}-db",
                                   subnet_ids=[s.id for s in private_subnets])
        ledger_db = RdsCluster(
            self, "ledger-db", cluster_identifier=f"{PROJECT}-ledger",
            engine="aurora-postgresql", engine_version="15.10",
            database_name="ledger", master_username="ledger_admin",
            manage_master_user_password=True,
            db_subnet_group_name=db_subnets.name, vpc_security_group_ids=[db_sg.id],
            storage_encrypted=True, kms_key_id=data_key.arn,
            backup_retention_period=35, deletion_protection=True,
            final_snapshot_identifier=f"{PROJECT}-ledger-final",
        )
        RdsClusterInstance(
            self, "ledger-db-writer", identifier=f"{PROJECT}-ledger-1",
            cluster_identifier=ledger_db.id, instance_class="db.r6g.large",
            engine=ledger_db.engine, engine_version=ledger_db.engine_version,
        )

        # ---------------- WAF ----------------
        waf = Wafv2WebAcl(
            self, "waf", name=f"{PROJECT}-waf", scope="REGIONAL",
            default_action=Wafv2WebAclDefaultAction(allow=Wafv2WebAclDefaultActionAllow()),
            visibility_config=Wafv2WebAclVisibilityConfig(
                cloudwatch_metrics_enabled=True, metric_name=f"{PROJECT}-waf",
                sampled_requests_enabled=True),
            rule=[
                managed_rule("AWSManagedRulesCommonRuleSet", 1,
                             {"managed_rule_group_statement": {"name": "AWSManagedRulesCommonRuleSet",
                                                               "vendor_name": "AWS"}},
                             override_action=Wafv2WebAclRuleOverrideAction(
                                 none=Wafv2WebAclRuleOverrideActionNone())),
                managed_rule("AWSManagedRulesKnownBadInputsRuleSet", 2,
                             {"managed_rule_group_statement": {"name": "AWSManagedRulesKnownBadInputsRuleSet",
                                                               "vendor_name": "AWS"}},
                             override_action=Wafv2WebAclRuleOverrideAction(
                                 none=Wafv2WebAclRuleOverrideActionNone())),
                managed_rule("RateLimitPerIp", 3,
                             {"rate_based_statement": {"limit": 2000, "aggregate_key_type": "IP"}},
                             action=Wafv2WebAclRuleAction(block=Wafv2WebAclRuleActionBlock())),
            ],
        )
        Wafv2WebAclAssociation(self, "waf-alb", resource_arn=alb.arn, web_acl_arn=waf.arn)

        # ---------------- CloudFront ----------------
        cdn = CloudfrontDistribution(
            self, "cdn", enabled=True, aliases=[f"app.{DOMAIN}"], comment="Fintech web app",
            origin=[CloudfrontDistributionOrigin(
                domain_name=alb.dns_name, origin_id="alb",
                custom_origin_config=CloudfrontDistributionOriginCustomOriginConfig(
                    http_port=80, https_port=443, origin_protocol_policy="https-only",
                    origin_ssl_protocols=["TLSv1.2"]),
            )],
            default_cache_behavior=CloudfrontDistributionDefaultCacheBehavior(
                target_origin_id="alb", viewer_protocol_policy="redirect-to-https",
                allowed_methods=["GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE"],
                cached_methods=["GET", "HEAD"],
                forwarded_values=CloudfrontDistributionDefaultCacheBehaviorForwardedValues(
                    query_string=True, headers=["Authorization", "Host"],
                    cookies=CloudfrontDistributionDefaultCacheBehaviorForwardedValuesCookies(forward="all")),
            ),
            restrictions=CloudfrontDistributionRestrictions(
                geo_restriction=CloudfrontDistributionRestrictionsGeoRestriction(restriction_type="none")),
            viewer_certificate=CloudfrontDistributionViewerCertificate(
                acm_certificate_arn=validated_arns["cdn-cert"], ssl_support_method="sni-only",
                minimum_protocol_version="TLSv1.2_2021"),
        )

        Route53Record(self, "api-record", zone_id=zone.zone_id, name=f"api.{DOMAIN}", type="A",
                      alias=Route53RecordAlias(name=alb.dns_name, zone_id=alb.zone_id,
                                               evaluate_target_health=True))
        Route53Record(self, "app-record", zone_id=zone.zone_id, name=f"app.{DOMAIN}", type="A",
                      alias=Route53RecordAlias(name=cdn.domain_name, zone_id=cdn.hosted_zone_id,
                                               evaluate_target_health=False))

        TerraformOutput(self, "alb_dns_name", value=alb.dns_name)
        TerraformOutput(self, "cdn_domain_name", value=cdn.domain_name)
        TerraformOutput(self, "ledger_endpoint", value=ledger_db.endpoint)


class StateBackendStack(TerraformStack):
    """Bucket and lock table for the Terraform remote state."""

    def __init__(self, scope: Construct, id: str):
        super().__init__(scope, id)
        AwsProvider(self, "aws", region=REGION)
        S3Bucket(self, "state-bucket", bucket=f"{PROJECT}-terraform-state")
        DynamodbTable(self, "lock-table", name=f"{PROJECT}-terraform-locks",
                      billing_mode="PAY_PER_REQUEST", hash_key="LockID",
                      attribute=[DynamodbTableAttribute(name="LockID", type="S")])


app = App()
StateBackendStack(app, "fintech-state")
FintechStack(app, "fintech-prod")
app.synth()
