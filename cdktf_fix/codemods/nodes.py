"""Edits inside an expression: list elements, and a subtree found by equality."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

import libcst as cst

from cdktf_fix.codemods.calls import add_keyword

Node = TypeVar("Node", bound=cst.CSTNode)


def append_elements(node: cst.List, values: Sequence[cst.BaseExpression]) -> cst.List:
    """Append `values` to a list literal, following the commas it already has."""
    if not values:
        return node
    elements = list(node.elements)
    new = [cst.Element(value=value) for value in values]
    if not elements:
        space = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
        joined = [element.with_changes(comma=space) for element in new[:-1]]
        return node.with_changes(elements=[*joined, new[-1]])
    last = elements[-1]
    between = next(
        (e.comma for e in elements[:-1] if isinstance(e.comma, cst.Comma)),
        cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")),
    )
    trailing: cst.Comma | cst.MaybeSentinel = cst.MaybeSentinel.DEFAULT
    if isinstance(last.comma, cst.Comma):
        trailing = last.comma
    elements[-1] = last.with_changes(comma=between)
    for position, element in enumerate(new):
        comma = trailing if position == len(new) - 1 else between
        elements.append(element.with_changes(comma=comma))
    return node.with_changes(elements=elements)


def replace_equal(tree: Node, original: cst.CSTNode, new: cst.CSTNode) -> Node:
    """Replace the first subtree of `tree` that equals `original` in structure.

    An edit queued on an outer call gets the updated call, whose inner nodes are
    copies of the original ones, so structural equality finds them again. When
    another edit already changed the subtree, nothing matches and `tree` is
    returned unchanged.
    """

    class Replacer(cst.CSTTransformer):
        def __init__(self) -> None:
            super().__init__()
            self.done = False

        def on_visit(self, node: cst.CSTNode) -> bool:
            return not self.done

        def on_leave(
            self, original_node: cst.CSTNode, updated_node: cst.CSTNode
        ) -> cst.CSTNode:
            if not self.done and original_node.deep_equals(original):
                self.done = True
                return new
            return updated_node

    return tree.visit(Replacer())  # type: ignore[return-value]


def append_keyword(call: cst.Call, name: str, value: cst.BaseExpression) -> cst.Call:
    """Append `name=value`, on a line of its own when the last argument ends a line.

    The new argument takes the indentation of the argument lines (from a comma
    followed by a line break, or the break after the parenthesis). Other calls
    get it after a comma and a space, as `add_keyword` does.
    """
    args = list(call.args)
    if not args:
        return add_keyword(call, name, value)
    last = args[-1]
    trailing = last.comma
    if not isinstance(trailing, cst.Comma) or not isinstance(
        trailing.whitespace_after, cst.ParenthesizedWhitespace
    ):
        return add_keyword(call, name, value)
    between = next(
        (
            arg.comma
            for arg in args[:-1]
            if isinstance(arg.comma, cst.Comma)
            and isinstance(arg.comma.whitespace_after, cst.ParenthesizedWhitespace)
        ),
        None,
    )
    opening = call.whitespace_before_args
    if between is None and isinstance(opening, cst.ParenthesizedWhitespace):
        between = cst.Comma(whitespace_after=opening)
    if between is None:
        return add_keyword(call, name, value)
    new_arg = cst.Arg(
        keyword=cst.Name(name),
        value=value,
        equal=cst.AssignEqual(
            whitespace_before=cst.SimpleWhitespace(""),
            whitespace_after=cst.SimpleWhitespace(""),
        ),
        comma=trailing,
    )
    args[-1] = last.with_changes(comma=between)
    return call.with_changes(args=[*args, new_arg])
