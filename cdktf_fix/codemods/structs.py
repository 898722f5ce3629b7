"""Schema-driven rewrites of struct values: dicts into struct classes, list shapes.

The provider index says, for every keyword, whether it takes a struct, a list
of structs or something else. These transforms follow that schema down through
nested dicts and lists.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import libcst as cst

from cdktf_fix.codemods.values import dict_to_call, literal_keys

if TYPE_CHECKING:
    from cdktf_fix.index import FieldInfo
    from cdktf_fix.walk import Context


def keyword_map(fields: dict[str, FieldInfo]) -> dict[str, str]:
    """Map each accepted key spelling (Python name or camelCase) to the keyword."""
    mapping = {field.camel: name for name, field in fields.items()}
    mapping.update({name: name for name in fields})
    return mapping


def dict_to_struct(node: cst.Dict, struct: str, ctx: Context) -> cst.Call | None:
    """Return `Struct(key=value, ...)` for a dict literal, recursively, or None.

    None means a key is unknown or not a plain string: the caller reports.
    """
    fields = ctx.index.fields(struct)
    info = ctx.index.class_info(struct)
    if fields is None or info is None:
        return None
    failed = False

    def convert(keyword: str, value: cst.BaseExpression) -> cst.BaseExpression:
        nonlocal failed
        field = fields[keyword]
        converted = struct_value(value, field, ctx)
        if converted is None:
            failed = True
            return value
        return converted

    callee = ctx.provider_name(info.module, struct) if _can_convert(node, fields) else ""
    if not callee:
        return None
    call = dict_to_call(node, callee, keyword_map(fields), convert)
    if call is None or failed:
        return None
    return call


def _can_convert(node: cst.Dict, fields: dict[str, FieldInfo]) -> bool:
    keys = literal_keys(node)
    if keys is None:
        return False
    accepted = keyword_map(fields)
    return all(key in accepted for key in keys)


def struct_value(
    value: cst.BaseExpression, field: FieldInfo, ctx: Context
) -> cst.BaseExpression | None:
    """Convert the dicts of a value in the shape `field` expects, or return None."""
    if field.kind == "struct" and field.struct and isinstance(value, cst.Dict):
        return dict_to_struct(value, field.struct, ctx)
    if field.kind == "struct_list" and field.struct:
        if isinstance(value, cst.Dict):
            converted = dict_to_struct(value, field.struct, ctx)
            return None if converted is None else cst.List([cst.Element(converted)])
        if isinstance(value, cst.List):
            return list_of_structs(value, field.struct, ctx)
    return value


def list_of_structs(node: cst.List, struct: str, ctx: Context) -> cst.List | None:
    elements = []
    for element in node.elements:
        if not isinstance(element, cst.Element):
            return None
        value = element.value
        if isinstance(value, cst.Dict):
            converted = dict_to_struct(value, struct, ctx)
            if converted is None:
                return None
            value = converted
        elements.append(element.with_changes(value=value))
    return node.with_changes(elements=elements)


def loses_keys(node: cst.BaseExpression) -> bool:
    """Tell whether a list holds a dict with a multi-word snake_case key.

    The jsii kernel reads dicts inside lists by their camelCase property names,
    so such a key is dropped without an error. Single words and camelCase keys
    are read correctly.
    """
    if not isinstance(node, cst.List):
        return False
    for element in node.elements:
        if isinstance(element, cst.Element) and isinstance(element.value, cst.Dict):
            if _dict_loses_keys(element.value):
                return True
    return False


def _dict_loses_keys(node: cst.Dict) -> bool:
    for element in node.elements:
        if not isinstance(element, cst.DictElement):
            continue
        key = element.key
        if isinstance(key, cst.SimpleString):
            text = key.evaluated_value
            if isinstance(text, str) and "_" in text.strip("_"):
                return True
        value = element.value
        if isinstance(value, cst.Dict) and _dict_loses_keys(value):
            return True
        if loses_keys(value):
            return True
    return False
