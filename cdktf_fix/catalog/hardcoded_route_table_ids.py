from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import libcst as cst

from cdktf_fix.catalog.base import Entry, Example, Valid
from cdktf_fix.codemods.calls import replace_keyword_value
from cdktf_fix.codemods.placement import places_of, Place, Places, code_of, model_roots
from cdktf_fix.results import Safety

if TYPE_CHECKING:
    from cdktf_fix.walk import CallSite, Context, StackModel

ROUTE_TABLE_PREFIX = "rtb-"


@dataclass(frozen=True)
class Tables:
    """Route tables of the stack that one expression can reference."""

    label: str
    """The name the message uses: a variable or a list."""
    single: bool
    """True for `name.id`, False for a list or dict to iterate."""
    iterable: str
    """The variable (`public_rt`) or the iterable (`tables`, `by_zone.values()`)."""
    vpc: str | None
    words: str
    """Lowercase text whose words mark private and public tables."""
    place: Place
    new_list: tuple[cst.SimpleStatementLine, cst.SimpleStatementLine, str] | None = None
    """For tables made in a loop and kept nowhere: the statement to insert a new
    list after, the table's statement, and the table's variable."""

    @property
    def described(self) -> str:
        if self.new_list is None:
            return f"`{self.label}`"
        variable = self.new_list[2]
        return f"`{self.label}` (a new list of the `{variable}` tables of the loop)"

    @property
    def kind(self) -> str:
        if "private" in self.words:
            return "private"
        if "public" in self.words:
            return "public"
        return "other"


def literal_route_table_ids(value: cst.BaseExpression) -> bool | None:
    """Tell whether a list holds only literal `rtb-` ids (True), some (None) or none."""
    if not isinstance(value, (cst.List, cst.Tuple)) or not value.elements:
        return False
    literal = 0
    for element in value.elements:
        item = element.value
        if isinstance(item, (cst.SimpleString, cst.ConcatenatedString)):
            text = item.evaluated_value
            if isinstance(text, str) and text.startswith(ROUTE_TABLE_PREFIX):
                literal += 1
    if literal == 0:
        return False
    return True if literal == len(value.elements) else None


def keyword_code(site: CallSite, name: str) -> str | None:
    arg = site.keyword(name)
    return None if arg is None else code_of(arg.value)


def construct_id_code(call: cst.Call) -> str:
    positional = [arg for arg in call.args if arg.keyword is None and not arg.star]
    return code_of(positional[1].value) if len(positional) > 1 else ""


def _append_target(statement: cst.BaseStatement, value: str) -> str | None:
    """Return `rts` for a statement `rts.append(<value>)`."""
    if not isinstance(statement, cst.SimpleStatementLine) or len(statement.body) != 1:
        return None
    small = statement.body[0]
    if not isinstance(small, cst.Expr) or not isinstance(small.value, cst.Call):
        return None
    call = small.value
    if (
        not isinstance(call.func, cst.Attribute)
        or call.func.attr.value != "append"
        or len(call.args) != 1
        or code_of(call.args[0].value) != value
    ):
        return None
    return code_of(call.func.value)


def _subscript_target(statement: cst.BaseStatement, value: str) -> str | None:
    """Return `by_zone` for a statement `by_zone[key] = <value>`."""
    if not isinstance(statement, cst.SimpleStatementLine) or len(statement.body) != 1:
        return None
    small = statement.body[0]
    if not isinstance(small, cst.Assign) or len(small.targets) != 1:
        return None
    target = small.targets[0].target
    if not isinstance(target, cst.Subscript) or code_of(small.value) != value:
        return None
    return code_of(target.value)


def _collection_in(loop: cst.CSTNode, value: str) -> tuple[str, str] | None:
    """Find where a loop keeps `value`: (label, iterable) such as ("rts", "rts")."""
    found: list[tuple[str, str]] = []

    class Finder(cst.CSTVisitor):
        def visit_SimpleStatementLine(self, node: cst.SimpleStatementLine) -> None:
            appended = _append_target(node, value)
            if appended is not None:
                found.append((appended, appended))
            stored = _subscript_target(node, value)
            if stored is not None:
                found.append((stored, f"{stored}.values()"))

    loop.visit(Finder())
    return found[0] if len(found) == 1 else None


class HardcodedRouteTableIds(Entry):
    code = "CDKTF010"
    slug = "hardcoded-route-table-ids"
    title = "Gateway endpoint on hard-coded route table ids"
    safety = Safety.UNSAFE
    detects = (
        "A `VpcEndpoint` in a VPC that the stack creates whose `route_table_ids` "
        "lists literal `rtb-...` ids."
    )
    why = (
        "A VPC created by the stack cannot hold route tables whose ids are known in "
        "advance, so the ids name tables of some other deployment. Synth and "
        "`terraform validate` accept any string, and the endpoint fails only at "
        "apply, with a route table that does not exist or belongs to another VPC."
    )
    fix = (
        "Replaces the list with references to the route tables the stack creates: "
        "those of the endpoint's VPC, and of those the private ones when the stack "
        "has private and public tables. Tables made in a loop are referenced "
        "through their list (`[rt.id for rt in tables]`), and a loop that keeps "
        "its tables nowhere gets a list. It is unsafe because it chooses the tables: "
        "the message names them. Without route tables in the stack it only reports."
    )
    known_problems = (
        "Tables are told apart by the words `private` and `public` in their "
        "variables, construct ids and tags, not by their routes. Ids kept in a "
        "constant list, or in a variable, are not followed."
    )
    examples = (
        Example(
            "private tables preferred",
            """
            from cdktf_cdktf_provider_aws.route_table import RouteTable
            from cdktf_cdktf_provider_aws.vpc_endpoint import VpcEndpoint

            class Network(TerraformStack):
                def __init__(self, scope, id):
                    super().__init__(scope, id)
                    public_rt = RouteTable(self, "public-rt", vpc_id=vpc.id)
                    private_rt = RouteTable(self, "private-rt", vpc_id=vpc.id)
                    VpcEndpoint(self, "s3", vpc_id=vpc.id, service_name="com.amazonaws.eu-west-1.s3",
                                route_table_ids=["rtb-0a1b2c3d4e5f60718"])
            """,
            """
            from cdktf_cdktf_provider_aws.route_table import RouteTable
            from cdktf_cdktf_provider_aws.vpc_endpoint import VpcEndpoint

            class Network(TerraformStack):
                def __init__(self, scope, id):
                    super().__init__(scope, id)
                    public_rt = RouteTable(self, "public-rt", vpc_id=vpc.id)
                    private_rt = RouteTable(self, "private-rt", vpc_id=vpc.id)
                    VpcEndpoint(self, "s3", vpc_id=vpc.id, service_name="com.amazonaws.eu-west-1.s3",
                                route_table_ids=[private_rt.id])
            """,
        ),
        Example(
            "list comprehension",
            """
            from cdktf_cdktf_provider_aws.route_table import RouteTable
            from cdktf_cdktf_provider_aws.vpc_endpoint import VpcEndpoint

            class Network(TerraformStack):
                def __init__(self, scope, id):
                    super().__init__(scope, id)
                    rts = [RouteTable(self, f"private_rt_{i}", vpc_id=vpc.id) for i in range(2)]
                    VpcEndpoint(self, "s3", vpc_id=vpc.id, service_name="com.amazonaws.eu-west-1.s3",
                                route_table_ids=["rtb-0a1b2c3d4e5f60718", "rtb-0f9e8d7c6b5a40312"])
            """,
            """
            from cdktf_cdktf_provider_aws.route_table import RouteTable
            from cdktf_cdktf_provider_aws.vpc_endpoint import VpcEndpoint

            class Network(TerraformStack):
                def __init__(self, scope, id):
                    super().__init__(scope, id)
                    rts = [RouteTable(self, f"private_rt_{i}", vpc_id=vpc.id) for i in range(2)]
                    VpcEndpoint(self, "s3", vpc_id=vpc.id, service_name="com.amazonaws.eu-west-1.s3",
                                route_table_ids=[rt.id for rt in rts])
            """,
        ),
        Example(
            "loop without a list",
            """
            from cdktf_cdktf_provider_aws.route_table import RouteTable
            from cdktf_cdktf_provider_aws.vpc_endpoint import VpcEndpoint

            class Network(TerraformStack):
                def __init__(self, scope, id):
                    super().__init__(scope, id)
                    vpc = Vpc(self, "vpc", cidr_block="10.0.0.0/16")
                    for az in ["a", "b"]:
                        table = RouteTable(self, f"private-rt-{az}", vpc_id=vpc.id)
                        RouteTableAssociation(self, f"rta-{az}", route_table_id=table.id)
                    VpcEndpoint(self, "s3", vpc_id=vpc.id, service_name="com.amazonaws.eu-west-1.s3",
                                route_table_ids=["rtb-0a1b2c3d4e5f60718"])
            """,
            """
            from cdktf_cdktf_provider_aws.route_table import RouteTable
            from cdktf_cdktf_provider_aws.vpc_endpoint import VpcEndpoint

            class Network(TerraformStack):
                def __init__(self, scope, id):
                    super().__init__(scope, id)
                    vpc = Vpc(self, "vpc", cidr_block="10.0.0.0/16")
                    tables = []
                    for az in ["a", "b"]:
                        table = RouteTable(self, f"private-rt-{az}", vpc_id=vpc.id)
                        tables.append(table)
                        RouteTableAssociation(self, f"rta-{az}", route_table_id=table.id)
                    VpcEndpoint(self, "s3", vpc_id=vpc.id, service_name="com.amazonaws.eu-west-1.s3",
                                route_table_ids=[table.id for table in tables])
            """,
        ),
        Example(
            "no route tables in the stack",
            """
            from cdktf_cdktf_provider_aws.vpc import Vpc
            from cdktf_cdktf_provider_aws.vpc_endpoint import VpcEndpoint

            vpc = Vpc(self, "vpc", cidr_block="10.0.0.0/16")
            VpcEndpoint(self, "s3", vpc_id=vpc.id, service_name="com.amazonaws.eu-west-1.s3",
                        route_table_ids=["rtb-0a1b2c3d4e5f60718"])
            """,
        ),
    )
    valid = (
        Valid(
            "references to created tables",
            """
            from cdktf_cdktf_provider_aws.route_table import RouteTable
            from cdktf_cdktf_provider_aws.vpc_endpoint import VpcEndpoint

            rt = RouteTable(self, "rt", vpc_id=vpc.id)
            VpcEndpoint(self, "s3", vpc_id=vpc.id, service_name="com.amazonaws.eu-west-1.s3",
                        route_table_ids=[rt.id])
            """,
        ),
        Valid(
            "endpoint in a VPC the stack does not create",
            """
            from cdktf_cdktf_provider_aws.route_table import RouteTable
            from cdktf_cdktf_provider_aws.vpc_endpoint import VpcEndpoint

            rt = RouteTable(self, "rt", vpc_id=vpc.id)
            VpcEndpoint(self, "s3", vpc_id="vpc-0a1b2c3d", service_name="com.amazonaws.eu-west-1.s3",
                        route_table_ids=["rtb-0a1b2c3d4e5f60718"])
            """,
        ),
        Valid(
            "interface endpoint",
            """
            from cdktf_cdktf_provider_aws.vpc_endpoint import VpcEndpoint

            VpcEndpoint(self, "ssm", vpc_id=vpc.id, service_name="com.amazonaws.eu-west-1.ssm",
                        vpc_endpoint_type="Interface", subnet_ids=["subnet-0a1b2c3d"])
            """,
        ),
    )

    triggers = ("VpcEndpoint", ROUTE_TABLE_PREFIX)

    def analyze(self, model: StackModel, ctx: Context) -> None:
        endpoints = model.calls_of("VpcEndpoint")
        if not endpoints:
            return
        places = places_of(model)
        tables = self._tables(model, places, ctx)
        vpcs = model.calls_of("Vpc")
        created_vpcs = {f"{site.target}.id" for site in vpcs if site.target}
        created_vpcs |= {group.vpc for group in tables if group.vpc}
        any_tables = bool(model.calls_of("RouteTable"))
        new_lists: dict[int, str] = {}
        for endpoint in endpoints:
            arg = endpoint.keyword("route_table_ids")
            if arg is None or endpoint.module != "vpc_endpoint":
                continue
            literal = literal_route_table_ids(arg.value)
            # Literal ids fit an endpoint in a VPC the stack does not create.
            if literal is False or keyword_code(endpoint, "vpc_id") not in created_vpcs:
                continue
            self._check(
                endpoint,
                arg,
                literal is True,
                any_tables,
                len(vpcs),
                tables,
                places,
                new_lists,
                ctx,
            )

    def _check(
        self,
        endpoint: CallSite,
        arg: cst.Arg,
        all_literal: bool,
        any_tables: bool,
        vpc_count: int,
        tables: list[Tables],
        places: Places,
        new_lists: dict[int, str],
        ctx: Context,
    ) -> None:
        if not tables and not any_tables:
            message = (
                "Replace the hard-coded route table ids with tables the stack creates: "
                "`rtb-` ids from another deployment fail at apply, and this stack "
                "creates no `RouteTable` to reference"
            )
            ctx.report(self, arg, message, safety=Safety.DETECT_ONLY)
            return
        chosen, why = self._choose(endpoint, tables, vpc_count, places)
        if not chosen or not all_literal:
            reason = why if all_literal else "the list mixes literal ids and references"
            message = (
                "Replace the hard-coded route table ids with tables the stack creates: "
                f"`rtb-` ids from another deployment fail at apply ({reason})"
            )
            ctx.report(self, arg, message, safety=Safety.DETECT_ONLY)
            return
        names = ", ".join(group.described for group in chosen)
        message = (
            f"Replace the hard-coded route table ids with {names}{why}: `rtb-` ids "
            "from another deployment fail at apply"
        )
        if not ctx.report(self, arg, message):
            return
        value = cst.parse_expression(self._expression(chosen, places, new_lists, ctx))
        ctx.edit_call(
            endpoint.node,
            lambda call: replace_keyword_value(call, "route_table_ids", value),
        )

    def _choose(
        self, endpoint: CallSite, tables: list[Tables], vpc_count: int, places: Places
    ) -> tuple[list[Tables], str]:
        """Return the tables to reference and why, or no tables and why not."""
        place = places.of(endpoint.statement)
        if place is None:
            return [], "the endpoint is not inside a class"
        vpc = keyword_code(endpoint, "vpc_id")
        same_vpc = [group for group in tables if group.vpc == vpc]
        # `vpc.id` and `self.vpc.id` may name the same VPC: with one VPC in the
        # stack, tables written against another expression are still in it.
        one_vpc = vpc_count <= 1 and len({group.vpc for group in tables}) == 1
        if not same_vpc and one_vpc:
            same_vpc = tables
        if not same_vpc:
            return [], f"no route table is in the endpoint's VPC `{vpc}`"
        usable = [group for group in same_vpc if self._visible(group, place)]
        if not usable:
            return [], "no route table of its VPC is assigned to a variable before it"
        kinds = {group.kind for group in usable}
        if "private" in kinds and len(kinds) > 1:
            skipped = ", ".join(g.described for g in usable if g.kind != "private")
            chosen = [g for g in usable if g.kind == "private"]
            return chosen, f" (the private ones, not {skipped})"
        if "public" in kinds and "other" in kinds:
            skipped = ", ".join(g.described for g in usable if g.kind == "public")
            chosen = [g for g in usable if g.kind != "public"]
            return chosen, f" (not the public {skipped})"
        return usable, ""

    @staticmethod
    def _visible(group: Tables, endpoint: Place) -> bool:
        """Tell whether the endpoint's statement can name the tables."""
        if group.place.owner is not endpoint.owner:
            return False
        if group.place.order >= endpoint.order:
            return False
        if group.place.function is endpoint.function:
            return not (group.single and group.place.loops)
        return group.iterable.startswith("self.") and not group.new_list

    def _expression(
        self,
        chosen: list[Tables],
        places: Places,
        new_lists: dict[int, str],
        ctx: Context,
    ) -> str:
        singles = [f"{group.iterable}.id" for group in chosen if group.single]
        groups = [
            self._iterable(group, places, new_lists, ctx)
            for group in chosen
            if not group.single
        ]
        parts = []
        if singles or not groups:
            parts.append(f"[{', '.join(singles)}]")
        for iterable in groups:
            item = self._item_name(iterable)
            parts.append(f"[{item}.id for {item} in {iterable}]")
        return " + ".join(parts)

    @staticmethod
    def _item_name(iterable: str) -> str:
        """Name the variable of a comprehension after its list: `tables`, `table`."""
        base = iterable.removesuffix(".values()").split(".")[-1]
        if len(base) > 1 and base.endswith("s") and base[:-1].isidentifier():
            return base[:-1]
        return "rt"

    def _iterable(
        self, group: Tables, places: Places, new_lists: dict[int, str], ctx: Context
    ) -> str:
        """Return the iterable of a group, queueing the list a bare loop needs."""
        if group.new_list is None:
            return group.iterable
        anchor, statement, variable = group.new_list
        if id(statement) in new_lists:
            return new_lists[id(statement)]
        name = places.fresh_name(group.iterable, ctx.assigned_names)
        ctx.assigned_names.add(name)
        new_lists[id(statement)] = name
        ctx.insert_after(anchor, [cst.parse_statement(f"{name} = []\n")])
        append = cst.parse_statement(f"{name}.append({variable})\n")
        ctx.insert_after(statement, [append])
        return name

    def _tables(self, model: StackModel, places: Places, ctx: Context) -> list[Tables]:
        """Collect the route tables of the stack, grouped as they can be referenced."""
        groups: dict[str, Tables] = {}
        for site in model.calls_of("RouteTable"):
            if site.module != "route_table":
                continue
            group = self._group(site, places)
            if group is not None and group.label not in groups:
                groups[group.label] = group
        return list(groups.values())

    def _group(self, site: CallSite, places: Places) -> Tables | None:
        place = places.of(site.statement)
        if place is None or site.statement is None:
            return None
        # `.id` of a resource with `count` or `for_each` names no single table.
        if site.keyword("count") is not None or site.keyword("for_each") is not None:
            return None
        vpc = keyword_code(site, "vpc_id")
        words = " ".join(
            [construct_id_code(site.node), keyword_code(site, "tags") or ""]
        ).lower()
        comprehension = places.comprehension_of(site.node)
        if comprehension is not None:
            target = _assigned_name(site.statement, comprehension)
            if target is None:
                return None
            words = f"{target} {words}".lower()
            return Tables(target, False, target, vpc, words, place)
        if not place.loops:
            if site.target is None:
                return None
            words = f"{site.target} {words}".lower()
            return Tables(site.target, True, site.target, vpc, words, place)
        return self._group_in_loop(site, place, vpc, words, places)

    def _group_in_loop(
        self, site: CallSite, place: Place, vpc: str | None, words: str, places: Places
    ) -> Tables | None:
        statement = site.statement
        assert statement is not None
        value = code_of(site.node)
        kept = _append_target(statement, value) or _subscript_target(statement, value)
        if kept is not None:
            iterable = kept if _append_target(statement, value) else f"{kept}.values()"
            return Tables(kept, False, iterable, vpc, f"{kept} {words}", place)
        if site.target is None:
            return None
        collection = _collection_in(place.loops[-1], site.target)
        if collection is not None:
            label, iterable = collection
            return Tables(label, False, iterable, vpc, f"{label} {words}", place)
        if "." in site.target:
            return None
        anchor = places.simple_statement_before(place.loops[0])
        if anchor is None:
            return None
        name = places.fresh_name(f"{site.target}s")
        new_list = (anchor, statement, site.target)
        loop_place = places.of(place.loops[0])
        assert loop_place is not None
        words = f"{site.target} {words}"
        return Tables(name, False, name, vpc, words, loop_place, new_list)


def _assigned_name(
    statement: cst.SimpleStatementLine, value: cst.CSTNode
) -> str | None:
    """Return the single variable that `statement` assigns `value` to."""
    if len(statement.body) != 1:
        return None
    small = statement.body[0]
    single_target = isinstance(small, cst.Assign) and len(small.targets) == 1
    if single_target and small.value is value:
        target = small.targets[0].target
    elif isinstance(small, cst.AnnAssign) and small.value is value:
        target = small.target
    else:
        return None
    if isinstance(target, (cst.Name, cst.Attribute)):
        return code_of(target)
    return None
