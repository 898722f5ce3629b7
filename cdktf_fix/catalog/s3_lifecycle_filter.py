from __future__ import annotations

from typing import TYPE_CHECKING

import libcst as cst

from cdktf_fix.catalog.base import Entry, Example, Valid
from cdktf_fix.catalog.struct_shape import is_struct_value
from cdktf_fix.codemods.calls import add_keyword, find_keyword, replace_keyword_value
from cdktf_fix.codemods.values import add_dict_entry, literal_key, wrap_in_list
from cdktf_fix.results import Safety

if TYPE_CHECKING:
    from cdktf_fix.walk import CallSite, Context

MODULE = "s3_bucket_lifecycle_configuration"
RULE = "S3BucketLifecycleConfigurationRule"
FILTER = "S3BucketLifecycleConfigurationRuleFilter"


class S3LifecycleFilter(Entry):
    code = "CDKTF007"
    slug = "s3-lifecycle-filter"
    title = "S3 lifecycle rule without a filter, or with a filter that is not a list"
    safety = Safety.SAFE
    detects = (
        "A rule of `S3BucketLifecycleConfiguration` that has neither `filter` nor "
        "`prefix`, or whose `filter` is a dict or a struct instead of a list."
    )
    why = (
        "In provider 6 every nested block of a lifecycle rule is a list. A single "
        "filter fails in the jsii kernel with `Unable to deserialize value`. A rule "
        "with no filter and no prefix draws the provider's warning that exactly one "
        "of them is required, which its authors announce will become an error."
    )
    fix = (
        'Wraps a single filter in a list. Adds `filter=[...Filter(prefix="")]` to '
        "a rule with neither filter nor prefix: an empty prefix selects every object, "
        "as the rule did before, so what the rule does is unchanged."
    )
    examples = (
        Example(
            "missing filter",
            """
            from cdktf_cdktf_provider_aws.s3_bucket_lifecycle_configuration import S3BucketLifecycleConfigurationRule

            S3BucketLifecycleConfigurationRule(id="expire", status="Enabled", expiration=[{"days": 365}])
            """,
            """
            from cdktf_cdktf_provider_aws.s3_bucket_lifecycle_configuration import S3BucketLifecycleConfigurationRule, S3BucketLifecycleConfigurationRuleFilter

            S3BucketLifecycleConfigurationRule(id="expire", status="Enabled", expiration=[{"days": 365}], filter=[S3BucketLifecycleConfigurationRuleFilter(prefix="")])
            """,
        ),
        Example(
            "filter not a list",
            """
            from cdktf_cdktf_provider_aws.s3_bucket_lifecycle_configuration import S3BucketLifecycleConfigurationRule

            S3BucketLifecycleConfigurationRule(id="logs", status="Enabled", filter={"prefix": "logs/"})
            """,
            """
            from cdktf_cdktf_provider_aws.s3_bucket_lifecycle_configuration import S3BucketLifecycleConfigurationRule

            S3BucketLifecycleConfigurationRule(id="logs", status="Enabled", filter=[{"prefix": "logs/"}])
            """,
        ),
        Example(
            "rule as a dict",
            """
            from cdktf_cdktf_provider_aws.s3_bucket_lifecycle_configuration import S3BucketLifecycleConfiguration

            S3BucketLifecycleConfiguration(self, "lc", bucket=b.id, rule=[{"id": "all", "status": "Enabled"}])
            """,
            """
            from cdktf_cdktf_provider_aws.s3_bucket_lifecycle_configuration import S3BucketLifecycleConfiguration

            S3BucketLifecycleConfiguration(self, "lc", bucket=b.id, rule=[{"id": "all", "status": "Enabled", "filter": [{"prefix": ""}]}])
            """,
        ),
    )
    valid = (
        Valid(
            "filter list and legacy prefix",
            """
            from cdktf_cdktf_provider_aws.s3_bucket_lifecycle_configuration import S3BucketLifecycleConfigurationRule

            S3BucketLifecycleConfigurationRule(id="a", status="Enabled", filter=[{"prefix": "a/"}])
            S3BucketLifecycleConfigurationRule(id="b", status="Enabled", prefix="b/")
            S3BucketLifecycleConfigurationRule(id="c", status="Enabled", **extra)
            """,
        ),
    )

    calls = ("S3BucketLifecycleConfiguration", RULE)
    claims = ((RULE, "filter"),)

    def on_call(self, site: CallSite, updated: cst.Call, ctx: Context) -> cst.BaseExpression:
        if site.module != MODULE:
            return updated
        if site.name == RULE:
            return self._check_rule_call(site.node, updated, ctx)
        return self._check_rule_dicts(site, updated, ctx)

    def _check_rule_call(self, original: cst.Call, updated: cst.Call, ctx: Context) -> cst.Call:
        if any(arg.star for arg in original.args):
            return updated
        filter_arg = find_keyword(original, "filter")
        if filter_arg is None:
            if find_keyword(original, "prefix") is not None:
                return updated
            snapshot = ctx.snapshot_imports()
            name = ctx.provider_name(MODULE, FILTER)
            message = 'Add `filter=[...(prefix="")]`: a lifecycle rule needs a filter or a prefix'
            if ctx.report(self, original, message):
                return add_keyword(updated, "filter", cst.parse_expression(f'[{name}(prefix="")]'))
            ctx.restore_imports(snapshot)
            return updated
        if is_struct_value(filter_arg.value, FILTER, ctx):
            current = find_keyword(updated, "filter")
            message = "Wrap the lifecycle rule's `filter` in a list: every rule block is a list"
            if current is not None and ctx.report(self, filter_arg, message):
                return replace_keyword_value(updated, "filter", wrap_in_list(current.value))
        return updated

    def _check_rule_dicts(self, site: CallSite, updated: cst.Call, ctx: Context) -> cst.Call:
        original_rule = site.keyword("rule")
        current_rule = find_keyword(updated, "rule")
        if original_rule is None or current_rule is None:
            return updated
        original_list, current_list = original_rule.value, current_rule.value
        if not isinstance(original_list, cst.List) or not isinstance(current_list, cst.List):
            return updated
        if len(original_list.elements) != len(current_list.elements):
            return updated
        elements = list(current_list.elements)
        for position, element in enumerate(original_list.elements):
            twin = elements[position]
            if not isinstance(element.value, cst.Dict) or not isinstance(twin.value, cst.Dict):
                continue
            fixed = self._check_rule_dict(element.value, twin.value, ctx)
            elements[position] = twin.with_changes(value=fixed)
        new_list = current_list.with_changes(elements=elements)
        return replace_keyword_value(updated, "rule", new_list)

    def _check_rule_dict(self, original: cst.Dict, updated: cst.Dict, ctx: Context) -> cst.Dict:
        keys = {literal_key(element): element for element in original.elements}
        if None in keys or any(not isinstance(e, cst.DictElement) for e in original.elements):
            return updated
        if "filter" not in keys:
            if "prefix" in keys:
                return updated
            message = 'Add `"filter": [{"prefix": ""}]`: a lifecycle rule needs a filter or a prefix'
            if ctx.report(self, original, message):
                return add_dict_entry(updated, "filter", cst.parse_expression('[{"prefix": ""}]'))
            return updated
        element = keys["filter"]
        assert isinstance(element, cst.DictElement)
        if not is_struct_value(element.value, FILTER, ctx):
            return updated
        message = "Wrap the lifecycle rule's `filter` in a list: every rule block is a list"
        if not ctx.report(self, element, message):
            return updated
        new_elements = [
            e.with_changes(value=wrap_in_list(e.value))
            if isinstance(e, cst.DictElement) and literal_key(e) == "filter"
            else e
            for e in updated.elements
        ]
        return updated.with_changes(elements=new_elements)
