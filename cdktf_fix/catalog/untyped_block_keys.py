from __future__ import annotations

import re
from typing import TYPE_CHECKING

import libcst as cst

from cdktf_fix.catalog.base import Entry, Example, Valid
from cdktf_fix.codemods.calls import find_keyword, replace_keyword_value
from cdktf_fix.codemods.values import LOWER_CAMEL, literal_key, rename_keys_deep, snake_case
from cdktf_fix.matching import closest
from cdktf_fix.results import Safety
from cdktf_fix.untyped import block_names

if TYPE_CHECKING:
    from cdktf_fix.walk import CallSite, Context



def terraform_name(key: str, names: frozenset[str]) -> str | None:
    """Return the block name a camelCase key stands for, or None.

    The AWS API and Terraform sometimes differ by more than case
    (`DataSetIdentifierDeclarations` is `data_set_identifiers_declarations`), so
    an unambiguous close name is taken too.
    """
    if not LOWER_CAMEL.match(key):
        return None
    snake = snake_case(key)
    return snake if snake in names else closest(snake, names)


def keys_to_rename(node: cst.BaseExpression, names: frozenset[str]) -> list[str]:
    """List camelCase keys, at any depth, that stand for a known block name."""
    found: list[str] = []
    if isinstance(node, cst.Dict):
        for element in node.elements:
            key = literal_key(element)
            if key and terraform_name(key, names):
                found.append(key)
            if isinstance(element, cst.DictElement):
                found.extend(keys_to_rename(element.value, names))
    elif isinstance(node, (cst.List, cst.Tuple)):
        for item in node.elements:
            found.extend(keys_to_rename(item.value, names))
    return found


class UntypedBlockKeys(Entry):
    code = "CDKTF017"
    slug = "untyped-block-keys"
    title = "camelCase keys in a block the bindings pass through untyped"
    safety = Safety.SAFE
    detects = (
        "A dict literal given for a resource argument typed `Any` (the QuickSight "
        "`definition`) whose keys are camelCase spellings of Terraform block names, "
        "such as `dataSetIdentifierDeclarations`."
    )
    why = (
        "The bindings write an untyped value to the Terraform JSON verbatim, so its "
        "keys must be Terraform's snake_case names. A camelCase key passes synth "
        "and fails `terraform validate` with `No argument or block type is named`."
    )
    fix = (
        "Renames each camelCase key to the name of that block in the provider schema: "
        "its snake_case form, or an unambiguous close name (the API's "
        "`DataSetIdentifierDeclarations` is Terraform's "
        "`data_set_identifiers_declarations`). Other keys are left alone. The WAFv2 "
        "rule statement has its own entry, CDKTF006."
    )
    known_problems = (
        "The names come from the Terraform AWS provider 5.100 schema; a block added "
        "in 6.x is not renamed."
    )
    examples = (
        Example(
            "quicksight definition",
            """
            from cdktf_cdktf_provider_aws.quicksight_analysis import QuicksightAnalysis

            QuicksightAnalysis(self, "a", analysis_id="a", name="a",
                definition={"dataSetIdentifierDeclarations": [{"dataSetArn": ds.arn, "identifier": "ds"}]})
            """,
            """
            from cdktf_cdktf_provider_aws.quicksight_analysis import QuicksightAnalysis

            QuicksightAnalysis(self, "a", analysis_id="a", name="a",
                definition={"data_set_identifiers_declarations": [{"data_set_arn": ds.arn, "identifier": "ds"}]})
            """,
        ),
    )
    valid = (
        Valid(
            "snake_case definition",
            """
            from cdktf_cdktf_provider_aws.quicksight_analysis import QuicksightAnalysis

            QuicksightAnalysis(self, "a", analysis_id="a", name="a",
                definition={"data_set_identifiers_declarations": [{"data_set_arn": ds.arn, "identifier": "ds"}]})
            """,
        ),
    )

    calls = "*"

    def on_call(self, site: CallSite, updated: cst.Call, ctx: Context) -> cst.BaseExpression:
        info = site.class_info(ctx.index)
        if info is None or info.terraform_type is None:
            return updated
        fields = ctx.index.fields(site.name) or {}
        for arg in site.node.args:
            if arg.keyword is None or not isinstance(arg.value, cst.Dict):
                continue
            field = fields.get(arg.keyword.value)
            if field is None or field.kind != "any" or field.primitive not in ("any", "json"):
                continue
            names = block_names(f"{info.terraform_type}.{field.name}")
            if names is None:
                continue
            keys = keys_to_rename(arg.value, names)
            current = find_keyword(updated, field.name)
            if not keys or current is None or not isinstance(current.value, cst.Dict):
                continue
            listed = ", ".join(f"`{k}`" for k in dict.fromkeys(keys))
            message = f"Rename the `{field.name}` keys {listed} to snake_case: the block is written verbatim"
            if ctx.report(self, arg, message):

                def rename(key: str) -> str:
                    return terraform_name(key, names) or key

                new_value = rename_keys_deep(current.value, rename)
                updated = replace_keyword_value(updated, field.name, new_value)
        return updated
