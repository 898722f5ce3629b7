from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import libcst as cst

from cdktf_fix.bindings import dotted_name
from cdktf_fix.catalog.base import Entry, Example, Valid
from cdktf_fix.codemods.calls import add_keyword, find_keyword, replace_keyword_value
from cdktf_fix.codemods.certificate_validation import (
    Certificate,
    CertificateUse,
    UserKind,
    ValidationPlan,
    point_use,
    resolver,
)
from cdktf_fix.codemods.layout import Placement, StackLayout, layout_of
from cdktf_fix.codemods.providers import PROVIDER_CLASS, region_source
from cdktf_fix.codemods.static_strings import literal, string_shape
from cdktf_fix.codemods.statements import construct_id
from cdktf_fix.results import Safety

if TYPE_CHECKING:
    from cdktf_fix.walk import CallSite, Context, StackModel

GLOBAL_REGION = "us-east-1"
"""The only region whose certificates CloudFront (and edge API Gateway) accept."""


USER_KINDS = (
    UserKind("LbListener", "certificate_arn", label="LbListener"),
    UserKind("AlbListener", "certificate_arn", label="AlbListener"),
    UserKind("LbListenerCertificate", "certificate_arn", label="LbListenerCertificate"),
    UserKind("AlbListenerCertificate", "certificate_arn", label="AlbListenerCertificate"),
    UserKind(
        "CloudfrontDistributionViewerCertificate",
        "acm_certificate_arn",
        label="CloudfrontDistribution",
        global_service=True,
    ),
    UserKind(
        "CloudfrontDistribution",
        "viewer_certificate",
        key="acm_certificate_arn",
        label="CloudfrontDistribution",
        global_service=True,
    ),
    UserKind(
        "ApiGatewayDomainName",
        "certificate_arn",
        label="ApiGatewayDomainName",
        global_service=True,
    ),
    UserKind("ApiGatewayDomainName", "regional_certificate_arn", label="ApiGatewayDomainName"),
    UserKind(
        "Apigatewayv2DomainNameDomainNameConfiguration",
        "certificate_arn",
        label="Apigatewayv2DomainName",
    ),
    UserKind(
        "Apigatewayv2DomainName",
        "domain_name_configuration",
        key="certificate_arn",
        label="Apigatewayv2DomainName",
    ),
)
PLAIN_PROTOCOLS = frozenset({"HTTP", "TCP", "UDP", "TCP_UDP", "GENEVE"})
"""Listener protocols that never use a certificate."""


def _argument_value(site: CallSite, kind: UserKind) -> cst.BaseExpression | None:
    arg = site.keyword(kind.keyword)
    if arg is None:
        return None
    if kind.key is None:
        return arg.value
    if not isinstance(arg.value, cst.Dict):
        return None
    for element in arg.value.elements:
        if (
            isinstance(element, cst.DictElement)
            and isinstance(element.key, cst.SimpleString)
            and element.key.evaluated_value == kind.key
        ):
            return element.value
    return None


def _uses_of(
    uses: list[CertificateUse], reference: str, where: Placement, layout: StackLayout
) -> list[CertificateUse]:
    """Return the uses of `reference`, written at `where`, that mean the same variable."""
    local = "." not in reference.rsplit(".", 1)[0]
    return [
        use
        for use in uses
        if use.reference == reference
        and layout.same_stack(use.placement, where)
        and (not local or use.placement.function is where.function)
    ]


def _is_plain_listener(site: CallSite) -> bool:
    protocol = site.keyword("protocol")
    if protocol is None or not isinstance(protocol.value, cst.SimpleString):
        return False
    value = protocol.value.evaluated_value
    return isinstance(value, str) and value.upper() in PLAIN_PROTOCOLS


class AcmDnsValidation(Entry):
    code = "CDKTF008"
    slug = "acm-dns-validation"
    title = "Certificate used before its DNS validation"
    safety = Safety.UNSAFE
    detects = (
        "An `AcmCertificate` with DNS validation whose ARN goes to an HTTPS listener, "
        "a CloudFront distribution or an API Gateway domain name, while no "
        "`AcmCertificateValidation` waits for the certificate to be issued. Also a "
        "certificate for CloudFront that the stack creates outside us-east-1."
    )
    why = (
        "ACM issues a DNS-validated certificate only after the validation records "
        "exist in the domain's hosted zone. Without the records the certificate stays "
        "pending. Even with the records, nothing makes the listener wait for the "
        "certificate, so the apply typically fails with `UnsupportedCertificate` on "
        "the listener or `InvalidViewerCertificate` on the distribution. CloudFront "
        "accepts only certificates from us-east-1."
    )
    fix = (
        "Adds one `Route53Record` per name of the certificate, built with "
        "`TerraformIterator.from_complex_list(cert.domain_validation_options, "
        '"domain_name")` and `for_each`, in the public hosted zone (`Route53Zone` or '
        "`DataAwsRoute53Zone`) of the stack that contains the names, then an "
        "`AcmCertificateValidation` over those records, and points every user at "
        "the validation's `certificate_arn`. Records already built from the "
        "certificate's options are reused. When a validation exists, only the users "
        "are pointed at it (a safe fix). A CloudFront certificate outside us-east-1 "
        "moves to the stack's aliased us-east-1 provider when there is one."
    )
    known_problems = (
        "Only stacks written as classes are fixed. When no hosted zone of the stack "
        "contains the names, or two do, the finding is reported without a fix, and so "
        "is a certificate created in a loop. The zone is matched by comparing names, "
        "and a zone whose name cannot be read is used only when it is the stack's one "
        "zone. The region check reads literals and names assigned in the class, not "
        "module-level constants, so `region=REGION` is not checked. A validation "
        "that waits for records nobody creates is not detected."
    )
    examples = (
        Example(
            "listener without validation",
            """
            from cdktf_cdktf_provider_aws.acm_certificate import AcmCertificate
            from cdktf_cdktf_provider_aws.data_aws_route53_zone import DataAwsRoute53Zone
            from cdktf_cdktf_provider_aws.lb_listener import LbListener


            class Api(TerraformStack):
                def __init__(self, scope, id):
                    super().__init__(scope, id)
                    zone = DataAwsRoute53Zone(self, "zone", name=DOMAIN)
                    cert = AcmCertificate(self, "api-cert", domain_name=f"api.{DOMAIN}")
                    LbListener(self, "https", load_balancer_arn=alb.arn, port=443, protocol="HTTPS",
                               certificate_arn=cert.arn, default_action=[forward])
            """,
            """
            from cdktf_cdktf_provider_aws.acm_certificate import AcmCertificate
            from cdktf_cdktf_provider_aws.data_aws_route53_zone import DataAwsRoute53Zone
            from cdktf_cdktf_provider_aws.lb_listener import LbListener
            from cdktf import TerraformIterator, Token
            from cdktf_cdktf_provider_aws.acm_certificate_validation import AcmCertificateValidation
            from cdktf_cdktf_provider_aws.route53_record import Route53Record


            class Api(TerraformStack):
                def __init__(self, scope, id):
                    super().__init__(scope, id)
                    zone = DataAwsRoute53Zone(self, "zone", name=DOMAIN)
                    cert = AcmCertificate(self, "api-cert", domain_name=f"api.{DOMAIN}", validation_method="DNS")
                    cert_validation_options = TerraformIterator.from_complex_list(
                        cert.domain_validation_options, "domain_name"
                    )
                    cert_validation_records = Route53Record(
                        self,
                        "api-cert-validation-record",
                        for_each=cert_validation_options,
                        allow_overwrite=True,
                        zone_id=zone.zone_id,
                        name=cert_validation_options.get_string("resource_record_name"),
                        type=cert_validation_options.get_string("resource_record_type"),
                        records=[cert_validation_options.get_string("resource_record_value")],
                        ttl=60,
                    )
                    cert_validation = AcmCertificateValidation(
                        self,
                        "api-cert-validation",
                        certificate_arn=cert.arn,
                        validation_record_fqdns=Token.as_list(
                            TerraformIterator.from_resources(cert_validation_records).pluck_property("fqdn")
                        ),
                    )
                    LbListener(self, "https", load_balancer_arn=alb.arn, port=443, protocol="HTTPS",
                               certificate_arn=cert_validation.certificate_arn, default_action=[forward])
            """,
        ),
        Example(
            "distribution certificate outside us-east-1",
            """
            from cdktf_cdktf_provider_aws.acm_certificate import AcmCertificate
            from cdktf_cdktf_provider_aws.cloudfront_distribution import (
                CloudfrontDistribution,
                CloudfrontDistributionViewerCertificate,
            )
            from cdktf_cdktf_provider_aws.provider import AwsProvider
            from cdktf_cdktf_provider_aws.route53_zone import Route53Zone


            class Cdn(TerraformStack):
                def __init__(self, scope, id):
                    super().__init__(scope, id)
                    AwsProvider(self, "aws", region="eu-west-1")
                    us_east = AwsProvider(self, "aws-us-east", region="us-east-1", alias="us_east")
                    zone = Route53Zone(self, "zone", name="example.com")
                    cert = AcmCertificate(self, "cdn-cert", domain_name="cdn.example.com", validation_method="DNS")
                    CloudfrontDistribution(self, "cdn", viewer_certificate=CloudfrontDistributionViewerCertificate(
                        acm_certificate_arn=cert.arn, ssl_support_method="sni-only"), **settings)
            """,
            """
            from cdktf_cdktf_provider_aws.acm_certificate import AcmCertificate
            from cdktf_cdktf_provider_aws.cloudfront_distribution import (
                CloudfrontDistribution,
                CloudfrontDistributionViewerCertificate,
            )
            from cdktf_cdktf_provider_aws.provider import AwsProvider
            from cdktf_cdktf_provider_aws.route53_zone import Route53Zone
            from cdktf import TerraformIterator, Token
            from cdktf_cdktf_provider_aws.acm_certificate_validation import AcmCertificateValidation
            from cdktf_cdktf_provider_aws.route53_record import Route53Record


            class Cdn(TerraformStack):
                def __init__(self, scope, id):
                    super().__init__(scope, id)
                    AwsProvider(self, "aws", region="eu-west-1")
                    us_east = AwsProvider(self, "aws-us-east", region="us-east-1", alias="us_east")
                    zone = Route53Zone(self, "zone", name="example.com")
                    cert = AcmCertificate(self, "cdn-cert", domain_name="cdn.example.com", validation_method="DNS", provider=us_east)
                    cert_validation_options = TerraformIterator.from_complex_list(
                        cert.domain_validation_options, "domain_name"
                    )
                    cert_validation_records = Route53Record(
                        self,
                        "cdn-cert-validation-record",
                        for_each=cert_validation_options,
                        allow_overwrite=True,
                        zone_id=zone.zone_id,
                        name=cert_validation_options.get_string("resource_record_name"),
                        type=cert_validation_options.get_string("resource_record_type"),
                        records=[cert_validation_options.get_string("resource_record_value")],
                        ttl=60,
                    )
                    cert_validation = AcmCertificateValidation(
                        self,
                        "cdn-cert-validation",
                        certificate_arn=cert.arn,
                        validation_record_fqdns=Token.as_list(
                            TerraformIterator.from_resources(cert_validation_records).pluck_property("fqdn")
                        ),
                        provider=us_east,
                    )
                    CloudfrontDistribution(self, "cdn", viewer_certificate=CloudfrontDistributionViewerCertificate(
                        acm_certificate_arn=cert_validation.certificate_arn, ssl_support_method="sni-only"), **settings)
            """,
        ),
        Example(
            "validation not waited for",
            """
            from cdktf_cdktf_provider_aws.acm_certificate import AcmCertificate
            from cdktf_cdktf_provider_aws.acm_certificate_validation import AcmCertificateValidation
            from cdktf_cdktf_provider_aws.lb_listener import LbListener


            class Api(TerraformStack):
                def __init__(self, scope, id):
                    super().__init__(scope, id)
                    cert = AcmCertificate(self, "cert", domain_name="api.example.com", validation_method="DNS")
                    AcmCertificateValidation(self, "cert-validation", certificate_arn=cert.arn,
                                             validation_record_fqdns=[record.fqdn])
                    LbListener(self, "https", load_balancer_arn=alb.arn, port=443, protocol="HTTPS",
                               certificate_arn=cert.arn, default_action=[forward])
            """,
            """
            from cdktf_cdktf_provider_aws.acm_certificate import AcmCertificate
            from cdktf_cdktf_provider_aws.acm_certificate_validation import AcmCertificateValidation
            from cdktf_cdktf_provider_aws.lb_listener import LbListener


            class Api(TerraformStack):
                def __init__(self, scope, id):
                    super().__init__(scope, id)
                    cert = AcmCertificate(self, "cert", domain_name="api.example.com", validation_method="DNS")
                    cert_validation = AcmCertificateValidation(self, "cert-validation", certificate_arn=cert.arn,
                                             validation_record_fqdns=[record.fqdn])
                    LbListener(self, "https", load_balancer_arn=alb.arn, port=443, protocol="HTTPS",
                               certificate_arn=cert_validation.certificate_arn, default_action=[forward])
            """,
        ),
        Example(
            "validation records without validation",
            """
            from cdktf import TerraformIterator
            from cdktf_cdktf_provider_aws.acm_certificate import AcmCertificate
            from cdktf_cdktf_provider_aws.lb_listener import LbListener
            from cdktf_cdktf_provider_aws.route53_record import Route53Record


            class Api(TerraformStack):
                def __init__(self, scope, id):
                    super().__init__(scope, id)
                    cert = AcmCertificate(self, "cert", domain_name="api.example.com", validation_method="DNS")
                    options = TerraformIterator.from_complex_list(cert.domain_validation_options, "domain_name")
                    records = Route53Record(self, "cert-records", for_each=options, zone_id=zone_id, ttl=60,
                                            name=options.get_string("resource_record_name"),
                                            type=options.get_string("resource_record_type"),
                                            records=[options.get_string("resource_record_value")])
                    LbListener(self, "https", load_balancer_arn=alb.arn, port=443, protocol="HTTPS",
                               certificate_arn=cert.arn, default_action=[forward])
            """,
            """
            from cdktf import TerraformIterator, Token
            from cdktf_cdktf_provider_aws.acm_certificate import AcmCertificate
            from cdktf_cdktf_provider_aws.lb_listener import LbListener
            from cdktf_cdktf_provider_aws.route53_record import Route53Record
            from cdktf_cdktf_provider_aws.acm_certificate_validation import AcmCertificateValidation


            class Api(TerraformStack):
                def __init__(self, scope, id):
                    super().__init__(scope, id)
                    cert = AcmCertificate(self, "cert", domain_name="api.example.com", validation_method="DNS")
                    options = TerraformIterator.from_complex_list(cert.domain_validation_options, "domain_name")
                    records = Route53Record(self, "cert-records", for_each=options, zone_id=zone_id, ttl=60,
                                            name=options.get_string("resource_record_name"),
                                            type=options.get_string("resource_record_type"),
                                            records=[options.get_string("resource_record_value")])
                    cert_validation = AcmCertificateValidation(
                        self,
                        "cert-validation",
                        certificate_arn=cert.arn,
                        validation_record_fqdns=Token.as_list(
                            TerraformIterator.from_resources(records).pluck_property("fqdn")
                        ),
                    )
                    LbListener(self, "https", load_balancer_arn=alb.arn, port=443, protocol="HTTPS",
                               certificate_arn=cert_validation.certificate_arn, default_action=[forward])
            """,
        ),
        Example(
            "no hosted zone",
            """
            from cdktf_cdktf_provider_aws.acm_certificate import AcmCertificate
            from cdktf_cdktf_provider_aws.lb_listener import LbListener


            class Api(TerraformStack):
                def __init__(self, scope, id):
                    super().__init__(scope, id)
                    cert = AcmCertificate(self, "cert", domain_name="api.example.com", validation_method="DNS")
                    LbListener(self, "https", load_balancer_arn=alb.arn, port=443, protocol="HTTPS",
                               certificate_arn=cert.arn, default_action=[forward])
            """,
        ),
        Example(
            "distribution certificate without us-east-1 provider",
            """
            from cdktf_cdktf_provider_aws.acm_certificate import AcmCertificate
            from cdktf_cdktf_provider_aws.acm_certificate_validation import AcmCertificateValidation
            from cdktf_cdktf_provider_aws.cloudfront_distribution import CloudfrontDistribution
            from cdktf_cdktf_provider_aws.provider import AwsProvider


            class Cdn(TerraformStack):
                def __init__(self, scope, id):
                    super().__init__(scope, id)
                    AwsProvider(self, "aws", region="eu-west-1")
                    cert = AcmCertificate(self, "cert", domain_name="cdn.example.com", validation_method="DNS")
                    validation = AcmCertificateValidation(self, "cert-validation", certificate_arn=cert.arn,
                                                          validation_record_fqdns=fqdns)
                    CloudfrontDistribution(self, "cdn", viewer_certificate={
                        "acm_certificate_arn": validation.certificate_arn, "ssl_support_method": "sni-only"})
            """,
        ),
    )
    valid = (
        Valid(
            "validated certificate",
            """
            from cdktf import TerraformIterator, Token
            from cdktf_cdktf_provider_aws.acm_certificate import AcmCertificate
            from cdktf_cdktf_provider_aws.acm_certificate_validation import AcmCertificateValidation
            from cdktf_cdktf_provider_aws.lb_listener import LbListener
            from cdktf_cdktf_provider_aws.route53_record import Route53Record


            class Api(TerraformStack):
                def __init__(self, scope, id):
                    super().__init__(scope, id)
                    cert = AcmCertificate(self, "cert", domain_name="api.example.com", validation_method="DNS")
                    options = TerraformIterator.from_complex_list(cert.domain_validation_options, "domain_name")
                    records = Route53Record(self, "cert-records", for_each=options, zone_id=zone.zone_id,
                                            name=options.get_string("resource_record_name"),
                                            type=options.get_string("resource_record_type"),
                                            records=[options.get_string("resource_record_value")], ttl=60)
                    validation = AcmCertificateValidation(
                        self, "cert-validation", certificate_arn=cert.arn,
                        validation_record_fqdns=Token.as_list(
                            TerraformIterator.from_resources(records).pluck_property("fqdn")))
                    LbListener(self, "https", load_balancer_arn=alb.arn, port=443, protocol="HTTPS",
                               certificate_arn=validation.certificate_arn, default_action=[forward])
            """,
        ),
        Valid(
            "issued or email-validated certificates",
            """
            from cdktf_cdktf_provider_aws.acm_certificate import AcmCertificate
            from cdktf_cdktf_provider_aws.data_aws_acm_certificate import DataAwsAcmCertificate
            from cdktf_cdktf_provider_aws.lb_listener import LbListener


            class Api(TerraformStack):
                def __init__(self, scope, id):
                    super().__init__(scope, id)
                    issued = DataAwsAcmCertificate(self, "issued", domain="api.example.com")
                    emailed = AcmCertificate(self, "emailed", domain_name="old.example.com",
                                             validation_method="EMAIL")
                    LbListener(self, "https", load_balancer_arn=alb.arn, port=443, protocol="HTTPS",
                               certificate_arn=issued.arn, default_action=[forward])
                    LbListener(self, "legacy", load_balancer_arn=alb.arn, port=8443, protocol="HTTPS",
                               certificate_arn=emailed.arn, default_action=[forward])
            """,
        ),
        Valid(
            "certificate no service uses",
            """
            from cdktf import TerraformOutput
            from cdktf_cdktf_provider_aws.acm_certificate import AcmCertificate


            class Certificates(TerraformStack):
                def __init__(self, scope, id):
                    super().__init__(scope, id)
                    cert = AcmCertificate(self, "cert", domain_name="api.example.com", validation_method="DNS")
                    TerraformOutput(self, "certificate_arn", value=cert.arn)
            """,
        ),
        Valid(
            "listener that depends on the validation",
            """
            from cdktf_cdktf_provider_aws.acm_certificate import AcmCertificate
            from cdktf_cdktf_provider_aws.acm_certificate_validation import AcmCertificateValidation
            from cdktf_cdktf_provider_aws.lb_listener import LbListener


            class Api(TerraformStack):
                def __init__(self, scope, id):
                    super().__init__(scope, id)
                    cert = AcmCertificate(self, "cert", domain_name="api.example.com",
                                          validation_method="DNS")
                    validation = AcmCertificateValidation(self, "cert-validation",
                                                          certificate_arn=cert.arn,
                                                          validation_record_fqdns=fqdns)
                    LbListener(self, "https", load_balancer_arn=alb.arn, port=443,
                               protocol="HTTPS", certificate_arn=cert.arn,
                               default_action=[forward], depends_on=[validation])
            """,
        ),
    )

    triggers = ("AcmCertificate",)

    def analyze(self, model: StackModel, ctx: Context) -> None:
        layout = layout_of(model)
        uses = self._uses(model, layout)
        reserved: set[str] = set(ctx.assigned_names)
        for site in model.calls_of("AcmCertificate"):
            where = layout.placement(site.statement)
            if site.target is None or where is None or not self._is_dns(site):
                continue
            direct = _uses_of(uses, f"{site.target}.arn", where, layout)
            certificate = Certificate(site, site.target, where, direct)
            validation = self._existing_validation(certificate, model, layout)
            waiting = []
            if validation is not None and validation.target is not None:
                place = layout.placement(validation.statement)
                assert place is not None
                reference = f"{validation.target}.certificate_arn"
                waiting = _uses_of(uses, reference, place, layout)
            self._check_region(certificate, direct + waiting, model, layout, ctx)
            if direct:
                self._check_validation(certificate, validation, model, layout, ctx, reserved)
        ctx.assigned_names.update(reserved)

    # Detection

    def _uses(self, model: StackModel, layout: StackLayout) -> list[CertificateUse]:
        """Return every place where a certificate ARN reaches a service."""
        kinds: dict[str, list[UserKind]] = {}
        for kind in USER_KINDS:
            kinds.setdefault(kind.class_name, []).append(kind)
        found = []
        for site in model.calls:
            where = layout.placement(site.statement)
            if site.module is None or where is None or site.name not in kinds:
                continue
            if site.name in ("LbListener", "AlbListener") and _is_plain_listener(site):
                continue
            for kind in kinds[site.name]:
                value = _argument_value(site, kind)
                name = dotted_name(value) if value is not None else None
                if name is not None and "." in name:
                    found.append(CertificateUse(site, kind, name, where))
        return found

    @staticmethod
    def _is_dns(site: CallSite) -> bool:
        """Tell whether the certificate is requested from ACM with DNS validation."""
        if any(site.keyword(name) for name in ("certificate_authority_arn", "private_key")):
            return False
        if site.keyword("count") or site.keyword("for_each"):
            return False
        method = site.keyword("validation_method")
        if method is None:
            # `**settings` may carry the method, or a certificate to import.
            splat = any(arg.star == "**" for arg in site.node.args)
            return site.keyword("domain_name") is not None and not splat
        value = method.value
        return isinstance(value, cst.SimpleString) and value.evaluated_value == "DNS"

    # CloudFront region

    def _check_region(
        self,
        certificate: Certificate,
        uses: list[CertificateUse],
        model: StackModel,
        layout: StackLayout,
        ctx: Context,
    ) -> None:
        if not any(use.kind.global_service for use in uses):
            return
        source = region_source(certificate.site, model, layout)
        if source is None:
            return
        region = literal(string_shape(source.expression, resolver(layout, source.placement)))
        if region is None or region == GLOBAL_REGION:
            return
        node = certificate.site.node
        name = certificate.target
        if source.provider is None or not all(use.kind.global_service for use in uses):
            message = (
                f"Create certificate `{name}` in {GLOBAL_REGION}: CloudFront takes "
                f"certificates only from {GLOBAL_REGION}, and this one is in {region}"
            )
            ctx.report(self, node, message, safety=Safety.DETECT_ONLY)
            return
        alias = self._global_provider(certificate, model, layout)
        if alias is None:
            message = (
                f"Create certificate `{name}` with an aliased `AwsProvider` for "
                f"{GLOBAL_REGION}: CloudFront takes certificates only from "
                f"{GLOBAL_REGION}, and the provider is in {region}"
            )
            ctx.report(self, node, message, safety=Safety.DETECT_ONLY)
            return
        message = (
            f"Pass `provider={alias}` to certificate `{name}`: CloudFront takes "
            f"certificates only from {GLOBAL_REGION}, and the provider is in {region}"
        )
        if ctx.report(self, node, message):
            certificate.provider_code = alias
            _set_provider(ctx, node, alias)
            validation = self._existing_validation(certificate, model, layout)
            if validation is not None:
                _set_provider(ctx, validation.node, alias)

    @staticmethod
    def _global_provider(
        certificate: Certificate, model: StackModel, layout: StackLayout
    ) -> str | None:
        """Return the variable of the one aliased us-east-1 provider above the certificate."""
        found = []
        for site in model.calls_of(PROVIDER_CLASS):
            where = layout.placement(site.statement)
            region = site.keyword("region")
            if where is None or region is None or site.keyword("alias") is None:
                continue
            shape = string_shape(region.value, resolver(layout, where))
            if literal(shape) == GLOBAL_REGION and layout.same_stack(where, certificate.placement):
                found.append((site, where))
        if len(found) != 1:
            return None
        site, where = found[0]
        if site.target is None or not where.runs_before(certificate.placement):
            return None
        return site.target

    # Validation

    def _check_validation(
        self,
        certificate: Certificate,
        validation: CallSite | None,
        model: StackModel,
        layout: StackLayout,
        ctx: Context,
        reserved: set[str],
    ) -> None:
        if validation is not None:
            self._repoint_users(certificate, validation, layout, ctx, reserved)
            return
        plan = ValidationPlan.build(certificate, model, layout)
        if plan.problem is not None:
            ctx.report(self, certificate.site.node, plan.problem, safety=Safety.DETECT_ONLY)
            return
        if ctx.report(self, certificate.site.node, plan.message):
            plan.apply(ctx, layout, reserved)

    @staticmethod
    def _existing_validation(
        certificate: Certificate, model: StackModel, layout: StackLayout
    ) -> CallSite | None:
        references = {f"{certificate.target}.arn", f"{certificate.target}.id"}
        for site in model.calls_of("AcmCertificateValidation"):
            where = layout.placement(site.statement)
            arn = site.keyword("certificate_arn")
            if where is None or arn is None or dotted_name(arn.value) not in references:
                continue
            if layout.same_stack(where, certificate.placement):
                return site
        return None

    def _repoint_users(
        self,
        certificate: Certificate,
        validation: CallSite,
        layout: StackLayout,
        ctx: Context,
        reserved: set[str],
    ) -> None:
        where = layout.placement(validation.statement)
        assert where is not None
        assignable = validation.target is not None or _is_bare_call(validation)
        for use in certificate.uses:
            if validation.target is not None and _depends_on(use, validation.target):
                continue
            message = (
                "Use the `certificate_arn` of the certificate's `AcmCertificateValidation` "
                f"in `{use.kind.label}`: `{certificate.target}.arn` does not wait for "
                "the certificate to be issued"
            )
            if not assignable or not where.runs_before(use.placement):
                ctx.report(self, use.site.node, message, safety=Safety.DETECT_ONLY)
                continue
            if not ctx.report(self, use.site.node, message, safety=Safety.SAFE):
                continue
            if validation.target is None:
                validation = _assign(validation, where, layout, ctx, reserved)
            new = cst.parse_expression(f"{validation.target}.certificate_arn")
            point_use(ctx, use, new)


def _depends_on(use: CertificateUse, target: str) -> bool:
    """Tell whether the statement of a use lists `target` in a `depends_on`."""
    for node in _depends_on_values(use.placement.statement):
        names = [node] if isinstance(node, (cst.Name, cst.Attribute)) else []
        if isinstance(node, (cst.List, cst.Tuple)):
            names = [element.value for element in node.elements]
        if any(dotted_name(name) == target for name in names):
            return True
    return False


def _depends_on_values(statement: cst.CSTNode) -> list[cst.BaseExpression]:
    found: list[cst.BaseExpression] = []

    class Finder(cst.CSTVisitor):
        def visit_Arg(self, node: cst.Arg) -> None:
            if node.keyword is not None and node.keyword.value == "depends_on":
                found.append(node.value)

    statement.visit(Finder())
    return found


def _is_bare_call(site: CallSite) -> bool:
    """Tell whether a call is a statement of its own, such as `Resource(self, "x")`."""
    statement = site.statement
    if statement is None or len(statement.body) != 1:
        return False
    small = statement.body[0]
    return isinstance(small, cst.Expr) and small.value is site.node


def _assign(
    validation: CallSite,
    where: Placement,
    layout: StackLayout,
    ctx: Context,
    reserved: set[str],
) -> CallSite:
    """Assign a bare validation call to a new variable; return the site with it."""
    id_value = construct_id(validation.node)
    base = "certificate_validation"
    if isinstance(id_value, cst.SimpleString) and isinstance(id_value.evaluated_value, str):
        base = id_value.evaluated_value.lower()
    name = layout.fresh_name(base, where.klass, reserved)

    def assign(line: cst.SimpleStatementLine) -> cst.SimpleStatementLine:
        small = line.body[0]
        if len(line.body) != 1 or not isinstance(small, cst.Expr):
            return line
        target = cst.AssignTarget(cst.Name(name))
        return line.with_changes(body=[cst.Assign(targets=[target], value=small.value)])

    assert validation.statement is not None
    ctx.edit_statement(validation.statement, assign)
    return replace(validation, target=name)


def _set_provider(ctx: Context, node: cst.Call, provider: str) -> None:
    value = cst.parse_expression(provider)
    if find_keyword(node, "provider") is not None:
        ctx.edit_call(node, lambda call: replace_keyword_value(call, "provider", value))
    else:
        ctx.edit_call(node, lambda call: add_keyword(call, "provider", value))


