"""Schema-driven rewrites of struct values: dicts into struct classes, list shapes.

The provider index records, for every keyword, whether it takes a struct, a list
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
        if isinstance(value, (cst.List, cst.ListComp)):
            return list_of_structs(value, field.struct, ctx)
    return value


def list_of_structs(
    node: cst.List | cst.ListComp, struct: str, ctx: Context
) -> cst.List | cst.ListComp | None:
    """Convert the dict literals of a list, or the dict a comprehension builds."""
    if isinstance(node, cst.ListComp):
        if not isinstance(node.elt, cst.Dict):
            return node
        converted = dict_to_struct(node.elt, struct, ctx)
        return None if converted is None else node.with_changes(elt=converted)
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


def loses_keys(node: cst.BaseExpression, struct: str, ctx: Context) -> bool:
    """Tell whether a list of dicts for `struct` contains a key the kernel drops.

    The jsii kernel reads dicts inside lists by their camelCase property names,
    so a multi-word snake_case field name is dropped without an error. Single
    words and camelCase keys are read correctly, and keys inside map fields
    (`tags`) are data, not field names.
    """
    if isinstance(node, cst.ListComp):
        return isinstance(node.elt, cst.Dict) and _dict_loses_keys(node.elt, struct, ctx)
    if not isinstance(node, cst.List):
        return False
    return any(
        isinstance(element, cst.Element)
        and isinstance(element.value, cst.Dict)
        and _dict_loses_keys(element.value, struct, ctx)
        for element in node.elements
    )


def _dict_loses_keys(node: cst.Dict, struct: str, ctx: Context) -> bool:
    fields = ctx.index.fields(struct) or {}
    accepted = keyword_map(fields)
    for element in node.elements:
        if not isinstance(element, cst.DictElement) or not isinstance(element.key, cst.SimpleString):
            continue
        key = element.key.evaluated_value
        keyword = accepted.get(key) if isinstance(key, str) else None
        if keyword is None:
            continue
        field = fields[keyword]
        if key != field.camel:
            return True
        value = element.value
        if field.kind == "struct" and field.struct and isinstance(value, cst.Dict):
            if _dict_loses_keys(value, field.struct, ctx):
                return True
        if field.kind == "struct_list" and field.struct and loses_keys(value, field.struct, ctx):
            return True
    return False
