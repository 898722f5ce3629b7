from __future__ import annotations

import re
from typing import TYPE_CHECKING

import libcst as cst

from cdktf_fix.catalog.base import Entry, Example, Valid
from cdktf_fix.codemods.calls import add_keyword, find_keyword, remove_keywords, replace_keyword_value
from cdktf_fix.codemods.values import LOWER_CAMEL, literal_key, rename_keys_deep, snake_case
from cdktf_fix.results import Safety
from cdktf_fix.untyped import statement_names

if TYPE_CHECKING:
    from cdktf_fix.walk import CallSite, Context, StackModel

RULE_CLASSES = {"Wafv2WebAclRule": "wafv2_web_acl", "Wafv2RuleGroupRule": "wafv2_rule_group"}
MANAGED = "managed_rule_group_statement"
OVERRIDDEN = frozenset({MANAGED, "rule_group_reference_statement"})
"""Statements that run another group's rules, so the rule takes `override_action`."""
PASCAL = re.compile(r"^[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)*$")
ACL_CLASSES = {"Wafv2WebAcl": "wafv2_web_acl", "Wafv2RuleGroup": "wafv2_rule_group"}


def terraform_key(key: str) -> str:
    """Return the Terraform spelling of a statement key.

    camelCase becomes snake_case, and a plural that only the WAF API uses
    (`ruleActionOverrides`) becomes the singular Terraform block name. Keys
    that match no known name keep the mechanical snake_case spelling.
    """
    names = statement_names()
    if key in names:
        return key
    if PASCAL.match(key):
        # The WAF API's own spelling (`ManagedRuleGroupStatement`, `Name`): only
        # names the schema lists are renamed, since a capital key may be data.
        candidate = snake_case(key)
        if candidate in names:
            return candidate
        return candidate[:-1] if candidate[:-1] in names and candidate.endswith("s") else key
    candidate = snake_case(key) if LOWER_CAMEL.match(key) else key
    if candidate not in names and candidate.endswith("s") and candidate[:-1] in names:
        return candidate[:-1]
    return candidate


def camel_keys(node: cst.BaseExpression) -> list[str]:
    """List the string keys of a dict literal, nested dicts included, to rename."""
    found: list[str] = []
    if isinstance(node, cst.Dict):
        for element in node.elements:
            key = literal_key(element)
            if key is not None and terraform_key(key) != key:
                found.append(key)
            if isinstance(element, cst.DictElement):
                found.extend(camel_keys(element.value))
    elif isinstance(node, (cst.List, cst.Tuple)):
        for item in node.elements:
            found.extend(camel_keys(item.value))
    return found


def top_keys(node: cst.BaseExpression) -> set[str]:
    if not isinstance(node, cst.Dict):
        return set()
    return {terraform_key(k) for k in (literal_key(e) for e in node.elements) if k}


def action_is_count(node: cst.BaseExpression) -> bool:
    code = cst.Module([]).code_for_node(node)
    return re.search(r"\bcount\b|Count\(", code) is not None


class Wafv2RuleStatement(Entry):
    code = "CDKTF006"
    slug = "wafv2-rule-statement"
    title = "WAFv2 rule statement in the wrong form"
    safety = Safety.SAFE
    detects = (
        "A WAFv2 rule whose untyped `statement` dict uses camelCase keys "
        "(`managedRuleGroupStatement`, `vendorName`), and a rule that runs a managed "
        "rule group with `action` instead of `override_action`, or with neither."
    )
    why = (
        "The bindings have no typed statement structs: the dict is written to the "
        "Terraform JSON verbatim, and Terraform knows only snake_case block names "
        '(`terraform validate`: "No argument or block type is named '
        '"managedRuleGroupStatement""). A managed rule group takes `override_action`; '
        "WAF rejects `action` on it when the web ACL is created, after synth and "
        "validate have passed."
    )
    fix = (
        "Renames camelCase keys of the statement to snake_case at every depth (other "
        "keys are left alone). Replaces `action` on a managed rule group with "
        "`override_action` set to `none` (the group's own actions), or `count` when "
        "the action was count; adds `override_action` none when both are missing."
    )
    known_problems = (
        "In rules written as dicts, an `action` next to a rule group statement is "
        "replaced by the camelCase `overrideAction` key, which the kernel reads."
    )
    examples = (
        Example(
            "camelCase statement and action on managed group",
            """
            from cdktf_cdktf_provider_aws.wafv2_web_acl import Wafv2WebAclRule, Wafv2WebAclRuleAction, Wafv2WebAclRuleActionBlock

            Wafv2WebAclRule(name="common", priority=1, action=Wafv2WebAclRuleAction(block=Wafv2WebAclRuleActionBlock()),
                statement={"managedRuleGroupStatement": {"name": "AWSManagedRulesCommonRuleSet", "vendorName": "AWS"}},
                visibility_config=visibility)
            """,
            """
            from cdktf_cdktf_provider_aws.wafv2_web_acl import Wafv2WebAclRule, Wafv2WebAclRuleAction, Wafv2WebAclRuleActionBlock, Wafv2WebAclRuleOverrideAction, Wafv2WebAclRuleOverrideActionNone

            Wafv2WebAclRule(name="common", priority=1,
                statement={"managed_rule_group_statement": {"name": "AWSManagedRulesCommonRuleSet", "vendor_name": "AWS"}},
                visibility_config=visibility,
                override_action=Wafv2WebAclRuleOverrideAction(none=Wafv2WebAclRuleOverrideActionNone()))
            """,
        ),
        Example(
            "count action kept as count",
            """
            from cdktf_cdktf_provider_aws.wafv2_web_acl import Wafv2WebAclRule

            Wafv2WebAclRule(name="bots", priority=2, action={"count": {}}, visibility_config=visibility,
                statement={"managed_rule_group_statement": {"name": "AWSManagedRulesBotControlRuleSet", "vendor_name": "AWS"}})
            """,
            """
            from cdktf_cdktf_provider_aws.wafv2_web_acl import Wafv2WebAclRule, Wafv2WebAclRuleOverrideAction, Wafv2WebAclRuleOverrideActionCount

            Wafv2WebAclRule(name="bots", priority=2, visibility_config=visibility,
                statement={"managed_rule_group_statement": {"name": "AWSManagedRulesBotControlRuleSet", "vendor_name": "AWS"}},
                override_action=Wafv2WebAclRuleOverrideAction(count=Wafv2WebAclRuleOverrideActionCount()))
            """,
        ),
    )
    examples = examples + (
        Example(
            "statement through a helper function",
            """
            from cdktf_cdktf_provider_aws.wafv2_web_acl import Wafv2WebAclRule

            def rule(name, priority, statement, **kwargs):
                return Wafv2WebAclRule(name=name, priority=priority, statement=statement, visibility_config=v, **kwargs)

            rules = [rule("common", 1, {"managedRuleGroupStatement": {"name": "AWSManagedRulesCommonRuleSet", "vendorName": "AWS"}}, action={"block": {}})]
            """,
            """
            from cdktf_cdktf_provider_aws.wafv2_web_acl import Wafv2WebAclRule, Wafv2WebAclRuleOverrideAction, Wafv2WebAclRuleOverrideActionNone

            def rule(name, priority, statement, **kwargs):
                return Wafv2WebAclRule(name=name, priority=priority, statement=statement, visibility_config=v, **kwargs)

            rules = [rule("common", 1, {"managed_rule_group_statement": {"name": "AWSManagedRulesCommonRuleSet", "vendor_name": "AWS"}}, override_action=Wafv2WebAclRuleOverrideAction(none=Wafv2WebAclRuleOverrideActionNone()))]
            """,
        ),
    )
    examples = examples + (
        Example(
            "statement kept in a variable",
            """
            from cdktf_cdktf_provider_aws.wafv2_web_acl import Wafv2WebAclRule

            geo = {"geoMatchStatement": {"countryCodes": ["KP"]}}
            Wafv2WebAclRule(name="geo", priority=4, action={"block": {}}, visibility_config=visibility, statement=geo)
            """,
            """
            from cdktf_cdktf_provider_aws.wafv2_web_acl import Wafv2WebAclRule

            geo = {"geo_match_statement": {"country_codes": ["KP"]}}
            Wafv2WebAclRule(name="geo", priority=4, action={"block": {}}, visibility_config=visibility, statement=geo)
            """,
        ),
        Example(
            "PascalCase statement",
            """
            from cdktf_cdktf_provider_aws.wafv2_web_acl import Wafv2WebAclRule

            Wafv2WebAclRule(name="geo", priority=4, action={"block": {}}, visibility_config=visibility,
                statement={"GeoMatchStatement": {"CountryCodes": ["KP"]}})
            """,
            """
            from cdktf_cdktf_provider_aws.wafv2_web_acl import Wafv2WebAclRule

            Wafv2WebAclRule(name="geo", priority=4, action={"block": {}}, visibility_config=visibility,
                statement={"geo_match_statement": {"country_codes": ["KP"]}})
            """,
        ),
        Example(
            "dict rules of the web ACL",
            """
            from cdktf_cdktf_provider_aws.wafv2_web_acl import Wafv2WebAcl

            Wafv2WebAcl(self, "waf", name="w", scope="REGIONAL", default_action={"allow": {}}, visibility_config=v,
                rule=[{"name": "g", "priority": 1, "action": {"block": {}}, "visibilityConfig": v,
                       "statement": {"ruleGroupReferenceStatement": {"arn": group.arn}}}])
            """,
            """
            from cdktf_cdktf_provider_aws.wafv2_web_acl import Wafv2WebAcl

            Wafv2WebAcl(self, "waf", name="w", scope="REGIONAL", default_action={"allow": {}}, visibility_config=v,
                rule=[{"name": "g", "priority": 1, "overrideAction": {"none": {}}, "visibilityConfig": v,
                       "statement": {"rule_group_reference_statement": {"arn": group.arn}}}])
            """,
        ),
    )
    valid = (
        Valid(
            "snake_case statements",
            """
            from cdktf_cdktf_provider_aws.wafv2_web_acl import Wafv2WebAclRule

            Wafv2WebAclRule(name="rate", priority=3, action={"block": {}}, visibility_config=visibility,
                statement={"rate_based_statement": {"limit": 2000, "aggregate_key_type": "IP"}})
            Wafv2WebAclRule(name="common", priority=1, override_action={"none": {}}, visibility_config=visibility,
                statement={"managed_rule_group_statement": {"name": "AWSManagedRulesCommonRuleSet", "vendor_name": "AWS"}})
            """,
        ),
    )

    calls = (*RULE_CLASSES, *ACL_CLASSES)
    triggers = ("Wafv2WebAclRule",)
    claims = tuple((name, "statement") for name in RULE_CLASSES)

    def on_call(self, site: CallSite, updated: cst.Call, ctx: Context) -> cst.BaseExpression:
        if ACL_CLASSES.get(site.name) == site.module:
            return self._dict_rules(site, updated, ctx)
        if RULE_CLASSES.get(site.name) != site.module:
            return updated
        statement = site.keyword("statement")
        if statement is None:
            return updated
        updated = self._statement_keys(site, statement, updated, ctx)
        if OVERRIDDEN & top_keys(statement.value) and site.name == "Wafv2WebAclRule":
            updated = self._override_action(site, updated, ctx)
        return updated

    def _dict_rules(self, site: CallSite, updated: cst.Call, ctx: Context) -> cst.Call:
        """Fix the statement keys and actions of rules written as dicts."""
        original = site.keyword("rule")
        current = find_keyword(updated, "rule")
        if original is None or current is None:
            return updated
        if not isinstance(original.value, cst.List) or not isinstance(current.value, cst.List):
            return updated
        if len(original.value.elements) != len(current.value.elements):
            return updated
        elements = list(current.value.elements)
        for position, element in enumerate(original.value.elements):
            twin = elements[position]
            if isinstance(element.value, cst.Dict) and isinstance(twin.value, cst.Dict):
                new_rule = self._dict_rule(site, element.value, twin.value, ctx)
                elements[position] = twin.with_changes(value=new_rule)
        return replace_keyword_value(updated, "rule", current.value.with_changes(elements=elements))

    def _dict_rule(
        self, site: CallSite, original: cst.Dict, updated: cst.Dict, ctx: Context
    ) -> cst.Dict:
        by_key = {literal_key(e): e for e in original.elements if isinstance(e, cst.DictElement)}
        statement = by_key.get("statement")
        if statement is None:
            return updated
        keys = camel_keys(statement.value)
        if keys:
            listed = ", ".join(f"`{k}`" for k in dict.fromkeys(keys))
            message = f"Rename the statement keys {listed} to Terraform's names: the statement is written verbatim"
            if ctx.report(self, statement, message):
                updated = updated.with_changes(elements=[
                    e.with_changes(value=rename_keys_deep(e.value, terraform_key))
                    if isinstance(e, cst.DictElement) and literal_key(e) == "statement"
                    and isinstance(e.value, cst.Dict)
                    else e
                    for e in updated.elements
                ])
        action = by_key.get("action")
        if site.name != "Wafv2WebAcl" or action is None or not OVERRIDDEN & top_keys(statement.value):
            return updated
        if "overrideAction" in by_key or "override_action" in by_key:
            return updated
        kind = "count" if action_is_count(action.value) else "none"
        message = f"Replace `action` with `overrideAction` ({kind}): a rule group statement takes no `action`"
        if not ctx.report(self, action, message):
            return updated
        value = cst.parse_expression(f'{{"{kind}": {{}}}}')
        return updated.with_changes(elements=[
            e.with_changes(key=cst.SimpleString('"overrideAction"'), value=value)
            if isinstance(e, cst.DictElement) and literal_key(e) == "action"
            else e
            for e in updated.elements
        ])

    def _statement_keys(
        self, site: CallSite, statement: cst.Arg, updated: cst.Call, ctx: Context
    ) -> cst.Call:
        keys = camel_keys(statement.value)
        if not keys:
            return updated
        listed = ", ".join(f"`{k}`" for k in dict.fromkeys(keys))
        message = f"Rename the statement keys {listed} to Terraform's names: the statement is written verbatim"
        current = find_keyword(updated, "statement")
        if ctx.report(self, statement, message) and current and isinstance(current.value, cst.Dict):
            return replace_keyword_value(updated, "statement", rename_keys_deep(current.value, terraform_key))
        return updated

    def _override_action(self, site: CallSite, updated: cst.Call, ctx: Context) -> cst.Call:
        action = site.keyword("action")
        if site.keyword("override_action") is not None:
            return updated
        kind = "Count" if action is not None and action_is_count(action.value) else "None"
        snapshot = ctx.snapshot_imports()
        outer = ctx.provider_name(site.module or "", "Wafv2WebAclRuleOverrideAction")
        inner = ctx.provider_name(site.module or "", f"Wafv2WebAclRuleOverrideAction{kind}")
        value = cst.parse_expression(f"{outer}({kind.lower()}={inner}())")
        if action is not None:
            message = f"Replace `action` with `override_action` ({kind.lower()}): a managed rule group takes no `action`"
            node: cst.CSTNode = action
        else:
            message = f"Add `override_action` ({kind.lower()}): a managed rule group needs one"
            node = site.node
        if ctx.report(self, node, message):
            return add_keyword(remove_keywords(updated, "action"), "override_action", value)
        ctx.restore_imports(snapshot)
        return updated

    def analyze(self, model: StackModel, ctx: Context) -> None:
        """Fix statements passed through a helper function of the stack.

        Stacks often build rules with a local `rule(name, priority, statement,
        **kwargs)` that calls `Wafv2WebAclRule(..., **kwargs)`. A dict argument of
        such a call whose top-level keys are WAF statement names is a statement.
        """
        self._statement_variables(model, ctx)
        splat = any(
            any(arg.star == "**" for arg in site.node.args)
            for site in model.calls_of("Wafv2WebAclRule")
        )
        for _name, call, _statement in model.local_calls:
            for arg in call.args:
                if not is_statement_dict(arg.value):
                    continue
                self._local_statement(call, arg, ctx)
                if splat and OVERRIDDEN & top_keys(arg.value):
                    self._local_action(call, ctx)

    def _statement_variables(self, model: StackModel, ctx: Context) -> None:
        """Fix statements kept in a variable (`stmt = {"geoMatchStatement": ...}`)."""
        if model.module is None:
            return
        lines: list[cst.SimpleStatementLine] = []

        class Finder(cst.CSTVisitor):
            def visit_SimpleStatementLine(self, node: cst.SimpleStatementLine) -> None:
                small = node.body[0] if len(node.body) == 1 else None
                if isinstance(small, cst.Assign) and is_statement_dict(small.value):
                    lines.append(node)

        model.module.visit(Finder())
        for line in lines:
            assign = line.body[0]
            assert isinstance(assign, cst.Assign)
            keys = camel_keys(assign.value)
            if not keys:
                continue
            listed = ", ".join(f"`{k}`" for k in dict.fromkeys(keys))
            message = f"Rename the statement keys {listed} to Terraform's names: the statement is written verbatim"
            if ctx.report(self, assign.value, message):
                ctx.edit_statement(line, _rename_assigned_statement)

    def _local_statement(self, call: cst.Call, arg: cst.Arg, ctx: Context) -> None:
        keys = camel_keys(arg.value)
        if not keys:
            return
        listed = ", ".join(f"`{k}`" for k in dict.fromkeys(keys))
        message = f"Rename the statement keys {listed} to Terraform's names: the statement is written verbatim"
        if not ctx.report(self, arg, message):
            return
        position = call.args.index(arg)

        def rename(updated: cst.Call) -> cst.Call:
            args = list(updated.args)
            value = args[position].value
            if isinstance(value, cst.Dict):
                args[position] = args[position].with_changes(value=rename_keys_deep(value, terraform_key))
            return updated.with_changes(args=args)

        ctx.edit_call(call, rename)

    def _local_action(self, call: cst.Call, ctx: Context) -> None:
        action = find_keyword(call, "action")
        if action is None or find_keyword(call, "override_action") is not None:
            return
        kind = "Count" if action_is_count(action.value) else "None"
        snapshot = ctx.snapshot_imports()
        outer = ctx.provider_name("wafv2_web_acl", "Wafv2WebAclRuleOverrideAction")
        inner = ctx.provider_name("wafv2_web_acl", f"Wafv2WebAclRuleOverrideAction{kind}")
        value = cst.parse_expression(f"{outer}({kind.lower()}={inner}())")
        message = f"Replace `action` with `override_action` ({kind.lower()}): a managed rule group takes no `action`"
        if not ctx.report(self, action, message):
            ctx.restore_imports(snapshot)
            return
        ctx.edit_call(call, lambda updated: add_keyword(remove_keywords(updated, "action"), "override_action", value))


def _rename_assigned_statement(line: cst.SimpleStatementLine) -> cst.SimpleStatementLine:
    assign = line.body[0]
    if not isinstance(assign, cst.Assign) or not isinstance(assign.value, cst.Dict):
        return line
    return line.with_changes(body=[assign.with_changes(value=rename_keys_deep(assign.value, terraform_key))])


def is_statement_dict(node: cst.BaseExpression) -> bool:
    """Tell whether a dict literal's keys are WAF statement types (`*_statement`)."""
    keys = top_keys(node)
    return bool(keys) and all(k.endswith("_statement") and k in statement_names() for k in keys)
