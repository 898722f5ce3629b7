"""Sample for CDKTF008 (acm-dns-validation), fixed: one Route53 record per name of
the certificate, an `AcmCertificateValidation` waiting for them, and the listener
taking the certificate ARN from the validation.
"""
from constructs import Construct
from cdktf import App, TerraformIterator, TerraformStack, TerraformVariable, Token
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.data_aws_route53_zone import DataAwsRoute53Zone
from cdktf_cdktf_provider_aws.acm_certificate import AcmCertificate
from cdktf_cdktf_provider_aws.acm_certificate_validation import AcmCertificateValidation
from cdktf_cdktf_provider_aws.route53_record import Route53Record
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
        options = TerraformIterator.from_complex_list(cert.domain_validation_options, "domain_name")
        records = Route53Record(
            self, "portal-cert-validation-record", for_each=options, allow_overwrite=True,
            zone_id=zone.zone_id, ttl=60,
            name=options.get_string("resource_record_name"),
            type=options.get_string("resource_record_type"),
            records=[options.get_string("resource_record_value")],
        )
        validation = AcmCertificateValidation(
            self, "portal-cert-validation", certificate_arn=cert.arn,
            validation_record_fqdns=Token.as_list(
                TerraformIterator.from_resources(records).pluck_property("fqdn")),
        )
        alb = Lb(self, "portal-alb", name="portal", load_balancer_type="application",
                 subnets=Token.as_list(subnet_ids.list_value))
        LbListener(
            self, "portal-https", load_balancer_arn=alb.arn, port=443, protocol="HTTPS",
            ssl_policy="ELBSecurityPolicy-TLS13-1-2-2021-06",
            certificate_arn=validation.certificate_arn,
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
