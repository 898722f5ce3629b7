"""Sample for CDKTF008 (acm-dns-validation): an HTTPS listener on an unvalidated certificate.

The certificate uses DNS validation, but no Route53 records or
`AcmCertificateValidation` exist, so the listener is created with a certificate
that is still pending validation and the apply fails.
"""
from constructs import Construct
from cdktf import App, TerraformStack, TerraformVariable, Token
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.data_aws_route53_zone import DataAwsRoute53Zone
from cdktf_cdktf_provider_aws.acm_certificate import AcmCertificate
from cdktf_cdktf_provider_aws.lb import Lb
from cdktf_cdktf_provider_aws.lb_listener import (
    LbListener,
    LbListenerDefaultAction,
    LbListenerDefaultActionFixedResponse,
)


class PortalLoadBalancerStack(TerraformStack):
    def __init__(self, scope: Construct, id: str):
        super().__init__(scope, id)
        AwsProvider(self, "aws", region="eu-west-2")
        subnet_ids = TerraformVariable(self, "public_subnet_ids", type="list(string)")

        zone = DataAwsRoute53Zone(self, "zone", name="bank.example.com")
        cert = AcmCertificate(
            self, "portal-cert", domain_name="portal.bank.example.com",
            subject_alternative_names=["www.portal.bank.example.com"],
            validation_method="DNS",
        )
        alb = Lb(self, "portal-alb", name="portal", load_balancer_type="application",
                 subnets=Token.as_list(subnet_ids.list_value))
        LbListener(
            self, "portal-https", load_balancer_arn=alb.arn, port=443, protocol="HTTPS",
            ssl_policy="ELBSecurityPolicy-TLS13-1-2-2021-06",
            certificate_arn=cert.arn,
            default_action=[LbListenerDefaultAction(
                type="fixed-response",
                fixed_response=LbListenerDefaultActionFixedResponse(
                    content_type="text/plain", status_code="503",
                    message_body="maintenance"),
            )],
        )


app = App()
PortalLoadBalancerStack(app, "portal-lb")
app.synth()
