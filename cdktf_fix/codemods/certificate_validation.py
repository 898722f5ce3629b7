"""DNS validation of ACM certificates: the records, the validation and its users.

`ValidationPlan` handles one certificate that services use before it is issued.
It picks the hosted zone of the stack that gets the validation records, or the
records the stack already builds, and the statement after which new code can
run. Then it writes the records and the `AcmCertificateValidation`, and points
the services at the validation's `certificate_arn`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import libcst as cst

from cdktf_fix.bindings import dotted_name
from cdktf_fix.codemods.calls import add_keyword
from cdktf_fix.codemods.layout import Placement, StackLayout, code_of, new_construct_id
from cdktf_fix.codemods.references import mentions, replace_in_keyword
from cdktf_fix.codemods.static_strings import (
    Resolver,
    Shape,
    is_subdomain,
    show,
    string_shape,
)
from cdktf_fix.codemods.statements import assign_call, construct_id, construct_scope, render_call

if TYPE_CHECKING:
    from cdktf_fix.walk import CallSite, Context, StackModel


@dataclass(frozen=True)
class UserKind:
    """A keyword that hands a certificate ARN to a service that serves it."""

    class_name: str
    keyword: str
    key: str | None = None
    """The key inside a dict given for `keyword`, when the ARN sits in a dict."""
    label: str = ""
    global_service: bool = False
    """True for services that take certificates only from us-east-1."""


@dataclass(frozen=True)
class CertificateUse:
    """One keyword that passes a certificate ARN to a service."""

    site: CallSite
    kind: UserKind
    reference: str
    """The ARN as written, such as `cert.arn` or `validation.certificate_arn`."""
    placement: Placement

    @property
    def certificate(self) -> str:
        """The variable the ARN is read from, such as `cert` or `self.cert`."""
        return self.reference.rsplit(".", 1)[0]


@dataclass(frozen=True)
class Zone:
    """A public hosted zone that the stack creates or reads."""

    site: CallSite
    placement: Placement
    name: Shape | None
    """None for a zone looked up by id, whose name is unknown."""


@dataclass
class Certificate:
    """One certificate that users take before it is issued, and what the fix needs."""

    site: CallSite
    target: str
    placement: Placement
    uses: list[CertificateUse]
    provider_code: str | None = None
    """The provider the validation must use, when it differs from the default."""

    @property
    def users(self) -> str:
        """The classes of the services that use the certificate, for messages."""
        labels = sorted({f"`{use.kind.label}`" for use in self.uses})
        return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + f" and {labels[-1]}"


def resolver(layout: StackLayout, where: Placement) -> Resolver:
    """Return a resolver that reads names as they are seen from `where`."""
    return lambda name: layout.assigned_value(name, where)


def point_use(ctx: Context, use: CertificateUse, new: cst.BaseExpression) -> None:
    """Replace the certificate reference of a use with `new`."""
    old = use.reference
    keyword = use.kind.keyword
    ctx.edit_call(use.site.node, lambda call: replace_in_keyword(call, keyword, old, new))


@dataclass
class ValidationPlan:
    """The zone or records and the anchor of a new validation, or why there is none."""

    certificate: Certificate
    anchor: Placement | None = None
    """The statement after which the new statements go."""
    zone: Zone | None = None
    records: list[CallSite] = field(default_factory=list)
    """Validation records the stack already builds from the certificate."""
    problem: str | None = None
    message: str = ""

    @classmethod
    def build(
        cls, certificate: Certificate, model: StackModel, layout: StackLayout
    ) -> ValidationPlan:
        plan = cls(certificate)
        name = certificate.target
        if certificate.placement.nested or certificate.placement.function is None:
            plan.problem = (
                f"Add an `AcmCertificateValidation` for certificate `{name}`: "
                f"{certificate.users} cannot use it before it is issued (not fixed "
                "because the certificate is created inside a loop or a branch)"
            )
            return plan
        records = [
            site
            for site in model.calls_of("Route53Record")
            if _built_from(site, f"{name}.domain_validation_options", layout)
        ]
        if records:
            plan._use_records(records, layout)
        else:
            plan._use_zone(model, layout)
        if plan.problem is None:
            plan._check_reach()
        return plan

    def _use_records(self, records: list[CallSite], layout: StackLayout) -> None:
        certificate = self.certificate
        anchor = certificate.placement
        for site in records:
            where = layout.placement(site.statement)
            usable = (
                site.target is not None
                and where is not None
                and where.function is anchor.function
                and not where.nested
                and site.keyword("count") is None
            )
            if not usable or where is None:
                self.problem = (
                    f"Add an `AcmCertificateValidation` over the validation records of "
                    f"certificate `{certificate.target}`: {certificate.users} cannot "
                    "use it before it is issued (not fixed because a record is not "
                    "assigned to a variable in the certificate's method)"
                )
                return
            if where.position > anchor.position:
                anchor = where
        with_each = [site for site in records if site.keyword("for_each") is not None]
        if with_each and len(records) > 1:
            self.problem = (
                f"Add an `AcmCertificateValidation` for certificate `{certificate.target}`: "
                f"{certificate.users} cannot use it before it is issued (not fixed "
                "because several record sets are built from its validation options)"
            )
            return
        self.records = records
        self.anchor = anchor
        self.message = (
            f"Add an `AcmCertificateValidation` over the validation records of "
            f"certificate `{certificate.target}`: {certificate.users} cannot use it "
            "before it is issued"
        )

    def _use_zone(self, model: StackModel, layout: StackLayout) -> None:
        certificate = self.certificate
        zone = self._choose_zone(model, layout)
        if zone is None:
            return

        where = zone.placement
        anchor = certificate.placement
        if where.runs_before(anchor):
            self.anchor = anchor
        elif zone.site.target is not None and anchor.runs_before(where):
            self.anchor = where
        if zone.site.target is None:
            self.problem = (
                f"Assign the `{zone.site.name}` of the stack to a variable: certificate "
                f"`{certificate.target}` needs DNS validation records in it before "
                f"{certificate.users} can use it"
            )
        elif self.anchor is None:
            self.problem = (
                f"Create hosted zone `{zone.site.target}` in the method that creates "
                f"certificate `{certificate.target}`: the certificate needs DNS "
                f"validation records in it before {certificate.users} can use it"
            )
        else:
            self.zone = zone
            self.message = (
                f"Add DNS validation records in `{zone.site.target}` and an "
                f"`AcmCertificateValidation` for certificate `{certificate.target}`: "
                f"{certificate.users} cannot use it before it is issued"
            )

    def _choose_zone(self, model: StackModel, layout: StackLayout) -> Zone | None:
        """Return the one zone for the records, or set `problem` and return None."""
        certificate = self.certificate
        names = self._names(layout)
        zones = self._candidate_zones(model, layout, names)
        domain = show(names[0]) if names else certificate.target
        if not zones:
            self.problem = (
                f"Add a public `Route53Zone` or `DataAwsRoute53Zone` for `{domain}` to "
                f"the stack: certificate `{certificate.target}` needs DNS validation "
                f"records before {certificate.users} can use it"
            )
            return None
        if len(zones) > 1:
            listed = ", ".join(f"`{zone.site.target or zone.site.name}`" for zone in zones)
            self.problem = (
                f"Choose the hosted zone for the validation records of certificate "
                f"`{certificate.target}`: {listed} could each contain `{domain}`"
            )
            return None
        return zones[0]

    def _names(self, layout: StackLayout) -> list[Shape]:
        """Return the shapes of the certificate's domain name and alternative names."""
        site = self.certificate.site
        resolve = resolver(layout, self.certificate.placement)
        names = []
        domain = site.keyword("domain_name")
        if domain is not None:
            names.append(string_shape(domain.value, resolve))
        alternatives = site.keyword("subject_alternative_names")
        if alternatives is not None and isinstance(alternatives.value, (cst.List, cst.Tuple)):
            for element in alternatives.value.elements:
                if isinstance(element, cst.Element):
                    names.append(string_shape(element.value, resolve))
        return names

    def _candidate_zones(
        self, model: StackModel, layout: StackLayout, names: list[Shape]
    ) -> list[Zone]:
        """Return the one zone to use, or every zone that could be it."""
        zones = _public_zones(model, layout, self.certificate.placement)
        certain, possible = [], []
        for zone in zones:
            verdicts = [
                is_subdomain(name, zone.name) if zone.name is not None else None
                for name in names
            ]
            if False in verdicts:
                continue
            if verdicts and all(verdicts):
                certain.append(zone)
            else:
                possible.append(zone)
        if certain:
            return _most_specific(certain)
        return possible

    def _check_reach(self) -> None:
        """Require every user to run after the new statements."""
        certificate = self.certificate
        anchor = self.anchor
        assert anchor is not None
        for use in certificate.uses:
            if anchor.runs_before(use.placement):
                continue
            elsewhere = use.placement.function is not anchor.function
            if elsewhere and anchor is certificate.placement and "." in certificate.target:
                # Any method that reads `self.cert` runs after the certificate was
                # created, so after the validation inserted right below it.
                continue
            self.problem = (
                f"Add an `AcmCertificateValidation` for certificate `{certificate.target}`: "
                f"`{use.kind.label}` cannot use it before it is issued (not fixed because "
                "the user comes before the hosted zone or the validation records)"
            )
            return

    def apply(self, ctx: Context, layout: StackLayout, reserved: set[str]) -> None:
        """Queue the new statements after the anchor and the edits of the users."""
        certificate = self.certificate
        anchor = self.anchor
        assert anchor is not None and self.problem is None
        names = _Names(certificate, layout, reserved)
        iterator = ctx.import_name("cdktf", "TerraformIterator")
        statements = []
        if self.zone is not None:
            statements.extend(self._records(ctx, names, iterator))
            fqdns = self._plucked(ctx, iterator, names.records)
        elif len(self.records) == 1 and self.records[0].keyword("for_each") is not None:
            fqdns = self._plucked(ctx, iterator, self.records[0].target or "")
        else:
            fqdns = "[" + ", ".join(f"{site.target}.fqdn" for site in self.records) + "]"
        statements.append(self._validation(ctx, names, fqdns))
        ctx.insert_after(anchor.statement, statements)

        node = certificate.site.node
        if certificate.site.keyword("validation_method") is None:
            dns = cst.SimpleString('"DNS"')
            ctx.edit_call(node, lambda call: add_keyword(call, "validation_method", dns))
        new = cst.parse_expression(f"{names.validation}.certificate_arn")
        for use in certificate.uses:
            point_use(ctx, use, new)

    def _records(
        self, ctx: Context, names: _Names, iterator: str
    ) -> list[cst.SimpleStatementLine]:
        """Build the iterator over the validation options and the records from it."""
        assert self.zone is not None
        options = names.options
        return [
            assign_call(
                options,
                f"{iterator}.from_complex_list",
                [f"{self.certificate.target}.domain_validation_options", '"domain_name"'],
            ),
            assign_call(
                names.records,
                ctx.provider_name("route53_record", "Route53Record"),
                [
                    names.scope,
                    names.construct_id("validation record"),
                    f"for_each={options}",
                    "allow_overwrite=True",
                    f"zone_id={self.zone.site.target}.zone_id",
                    f'name={options}.get_string("resource_record_name")',
                    f'type={options}.get_string("resource_record_type")',
                    f'records=[{options}.get_string("resource_record_value")]',
                    "ttl=60",
                ],
            ),
        ]

    def _validation(self, ctx: Context, names: _Names, fqdns: str) -> cst.SimpleStatementLine:
        """Build the validation, in the certificate's provider and region."""
        certificate = self.certificate
        arguments = [
            names.scope,
            names.construct_id("validation"),
            f"certificate_arn={certificate.target}.arn",
            f"validation_record_fqdns={fqdns}",
        ]
        provider = certificate.site.keyword("provider")
        if certificate.provider_code is not None:
            arguments.append(f"provider={certificate.provider_code}")
        elif provider is not None:
            arguments.append(f"provider={code_of(provider.value)}")
        region = certificate.site.keyword("region")
        if region is not None:
            arguments.append(f"region={code_of(region.value)}")
        callee = ctx.provider_name("acm_certificate_validation", "AcmCertificateValidation")
        return assign_call(names.validation, callee, arguments)

    @staticmethod
    def _plucked(ctx: Context, iterator: str, records: str) -> str:
        token = ctx.import_name("cdktf", "Token")
        plucked = f'{iterator}.from_resources({records}).pluck_property("fqdn")'
        return render_call(f"{token}.as_list", [plucked], indent=12)


class _Names:
    """Variable names and construct ids for the new code, derived from the certificate's."""

    def __init__(self, certificate: Certificate, layout: StackLayout, reserved: set[str]) -> None:
        klass = certificate.placement.klass
        target = certificate.target
        base = target.split(".")[-1]
        node = certificate.site.node
        self.scope = construct_scope(node) or "self"
        self.options = layout.fresh_name(f"{base}_validation_options", klass, reserved)
        self.records = layout.fresh_name(f"{base}_validation_records", klass, reserved)
        self.validation = layout.fresh_name(f"{base}_validation", klass, reserved)
        if "." in target:
            # `self.cert` gets `self.cert_validation`, reachable from other methods.
            self.validation = f"{target.rsplit('.', 1)[0]}.{self.validation}"
        self._base = base
        self._id = construct_id(node)
        self._used_ids = layout.used_strings(klass)

    def construct_id(self, suffix: str) -> str:
        """Return the code of a new id: the certificate's id followed by `suffix`."""
        if self._id is not None:
            new = new_construct_id(self._id, suffix, self._used_ids)
            if new is not None:
                return new
        fallback = new_construct_id(cst.SimpleString(f'"{self._base}"'), suffix, self._used_ids)
        assert fallback is not None
        return fallback


def _built_from(site: CallSite, options: str, layout: StackLayout) -> bool:
    """Tell whether a record reads `options`, itself or through its `for_each` iterator."""
    if mentions(site.node, options):
        return True
    for_each = site.keyword("for_each")
    where = layout.placement(site.statement)
    name = dotted_name(for_each.value) if for_each is not None else None
    if name is None or where is None:
        return False
    iterator = layout.assigned_value(name, where)
    return iterator is not None and mentions(iterator, options)


def _public_zones(model: StackModel, layout: StackLayout, near: Placement) -> list[Zone]:
    """Return the public hosted zones that the stack of `near` creates or reads."""
    zones = []
    for site in model.calls_of("Route53Zone", "DataAwsRoute53Zone"):
        where = layout.placement(site.statement)
        if where is None or not layout.same_stack(where, near):
            continue
        if site.name == "Route53Zone" and site.keyword("vpc") is not None:
            continue
        private = site.keyword("private_zone")
        if private is not None and not (
            isinstance(private.value, cst.Name) and private.value.value == "False"
        ):
            continue
        name = site.keyword("name")
        shape = string_shape(name.value, resolver(layout, where)) if name else None
        zones.append(Zone(site, where, shape))
    return zones


def _most_specific(zones: list[Zone]) -> list[Zone]:
    """Drop each zone that is a parent of another: records go in the deepest zone."""
    deepest = []
    for zone in zones:
        assert zone.name is not None
        deeper = [
            other
            for other in zones
            if other is not zone
            and other.name is not None
            and is_subdomain(other.name, zone.name)
            and not is_subdomain(zone.name, other.name)
        ]
        if not deeper:
            deepest.append(zone)
    return deepest
