"""Reshape values: dicts into struct calls, single values into lists, key spelling."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

import libcst as cst

LOWER_CAMEL = re.compile(r"^[a-z][a-z0-9]*(?:[A-Z][a-z0-9]*)+$")
"""A lower camelCase name with at least two words, such as `vendorName`."""

_CAMEL_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


def snake_case(name: str) -> str:
    """Return `managedRuleGroupStatement` as `managed_rule_group_statement`."""
    return _CAMEL_BOUNDARY.sub("_", name).lower()


def literal_key(element: cst.BaseDictElement) -> str | None:
    """Return the string key of a dict element, or None for any other key."""
    if isinstance(element, cst.DictElement) and isinstance(element.key, cst.SimpleString):
        value = element.key.evaluated_value
        return value if isinstance(value, str) else None
    return None


def literal_keys(node: cst.Dict) -> list[str] | None:
    """Return every key of a dict literal, or None unless all are plain strings."""
    keys = [literal_key(element) for element in node.elements]
    if any(key is None for key in keys):
        return None
    return keys  # type: ignore[return-value]


def with_key(element: cst.DictElement, key: str) -> cst.DictElement:
    assert isinstance(element.key, cst.SimpleString)
    quote = element.key.quote
    return element.with_changes(key=cst.SimpleString(f"{quote}{key}{quote}"))


def rename_keys_deep(node: cst.Dict, rename: Callable[[str], str]) -> cst.Dict:
    """Rename the string keys of a dict literal and of every dict nested in it."""
    elements = []
    for element in node.elements:
        key = literal_key(element)
        if isinstance(element, cst.DictElement):
            value = _rename_in_value(element.value, rename)
            element = element.with_changes(value=value)
            if key is not None and rename(key) != key:
                element = with_key(element, rename(key))
        elements.append(element)
    return node.with_changes(elements=elements)


def _rename_in_value(value: cst.BaseExpression, rename: Callable[[str], str]) -> cst.BaseExpression:
    if isinstance(value, cst.Dict):
        return rename_keys_deep(value, rename)
    if isinstance(value, (cst.List, cst.Tuple)):
        items = [
            item.with_changes(value=_rename_in_value(item.value, rename))
            for item in value.elements
        ]
        return value.with_changes(elements=items)
    return value


def dict_to_call(
    node: cst.Dict,
    callee: str,
    keyword_for: Mapping[str, str],
    convert_value: Callable[[str, cst.BaseExpression], cst.BaseExpression] | None = None,
) -> cst.Call | None:
    """Turn `{"key": value, ...}` into `callee(keyword=value, ...)`.

    `keyword_for` maps each accepted dict key (Python or camelCase spelling) to
    the struct's keyword. Returns None when a key is unknown or not a plain
    string, so the caller reports instead of guessing.
    """
    keys = literal_keys(node)
    if keys is None:
        return None
    args = []
    for key, element in zip(keys, node.elements):
        keyword = keyword_for.get(key)
        if keyword is None:
            return None
        assert isinstance(element, cst.DictElement)
        value = element.value
        if convert_value is not None:
            value = convert_value(keyword, value)
        args.append(
            cst.Arg(
                keyword=cst.Name(keyword),
                value=value,
                equal=cst.AssignEqual(
                    whitespace_before=cst.SimpleWhitespace(""),
                    whitespace_after=cst.SimpleWhitespace(""),
                ),
                comma=_comma_from(element),
            )
        )
    if args:
        args[-1] = args[-1].with_changes(
            comma=_comma_from(node.elements[-1]),
            whitespace_after_arg=node.rbrace.whitespace_before,
        )
    return cst.Call(
        func=cst.parse_expression(callee),
        args=args,
        lpar=node.lpar,
        rpar=node.rpar,
        whitespace_before_args=_space_after_brace(node),
    )


def _comma_from(element: cst.BaseDictElement) -> cst.Comma | cst.MaybeSentinel:
    return element.comma


def _space_after_brace(node: cst.Dict) -> cst.BaseParenthesizableWhitespace:
    return node.lbrace.whitespace_after


def wrap_in_list(value: cst.BaseExpression) -> cst.List:
    return cst.List(elements=[cst.Element(value=value)])


def add_dict_entry(node: cst.Dict, key: str, value: cst.BaseExpression) -> cst.Dict:
    """Append `"key": value` to a dict literal, following its comma layout."""
    quote = '"'
    for element in node.elements:
        if isinstance(element, cst.DictElement) and isinstance(element.key, cst.SimpleString):
            quote = element.key.quote
            break
    new = cst.DictElement(key=cst.SimpleString(f"{quote}{key}{quote}"), value=value)
    elements = list(node.elements)
    if not elements:
        return node.with_changes(elements=[new])
    last = elements[-1]
    between = next(
        (e.comma for e in elements[:-1] if isinstance(e.comma, cst.Comma)),
        cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")),
    )
    trailing = last.comma if isinstance(last.comma, cst.Comma) else cst.MaybeSentinel.DEFAULT
    elements[-1] = last.with_changes(comma=between)
    elements.append(new.with_changes(comma=trailing))
    return node.with_changes(elements=elements)
