"""Sample for CDKTF006 (wafv2-rule-statement), fixed: Terraform block names in the
statements (`rule_action_override` is singular), and the bot-control rule group
counts through `override_action`.
"""
from constructs import Construct
from cdktf import App, TerraformStack
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.wafv2_web_acl import (
    Wafv2WebAcl,
    Wafv2WebAclDefaultAction,
    Wafv2WebAclDefaultActionAllow,
    Wafv2WebAclRule,
    Wafv2WebAclRuleOverrideAction,
    Wafv2WebAclRuleOverrideActionCount,
    Wafv2WebAclRuleOverrideActionNone,
    Wafv2WebAclRuleVisibilityConfig,
    Wafv2WebAclVisibilityConfig,
)


def metrics(name):
    return Wafv2WebAclRuleVisibilityConfig(
        cloudwatch_metrics_enabled=True, metric_name=name, sampled_requests_enabled=True)


class ApiFirewallStack(TerraformStack):
    def __init__(self, scope: Construct, id: str):
        super().__init__(scope, id)
        AwsProvider(self, "aws", region="us-east-1")

        Wafv2WebAcl(
            self, "api-waf", name="payments-api", scope="REGIONAL",
            default_action=Wafv2WebAclDefaultAction(allow=Wafv2WebAclDefaultActionAllow()),
            visibility_config=Wafv2WebAclVisibilityConfig(
                cloudwatch_metrics_enabled=True, metric_name="payments-api",
                sampled_requests_enabled=True),
            rule=[
                Wafv2WebAclRule(
                    name="common", priority=10, visibility_config=metrics("common"),
                    override_action=Wafv2WebAclRuleOverrideAction(
                        none=Wafv2WebAclRuleOverrideActionNone()),
                    statement={"managed_rule_group_statement": {
                        "vendor_name": "AWS", "name": "AWSManagedRulesCommonRuleSet",
                        "rule_action_override": [{"name": "SizeRestrictions_BODY",
                                                  "action_to_use": {"count": {}}}],
                    }},
                ),
                Wafv2WebAclRule(
                    name="bot-control", priority=20, visibility_config=metrics("bot-control"),
                    override_action=Wafv2WebAclRuleOverrideAction(
                        count=Wafv2WebAclRuleOverrideActionCount()),
                    statement={"managed_rule_group_statement": {
                        "vendor_name": "AWS", "name": "AWSManagedRulesBotControlRuleSet"}},
                ),
            ],
        )


app = App()
ApiFirewallStack(app, "api-firewall")
app.synth()
