"""Append to list literals in the layout the list already has."""

from __future__ import annotations

import libcst as cst


def line_indent(whitespace: cst.BaseParenthesizableWhitespace) -> str | None:
    """Return the indentation after a line break inside brackets, None on one line.

    The text is relative to the enclosing block when libcst marks the line as
    indented, which is how code parsed on its own comes out too.
    """
    if isinstance(whitespace, cst.ParenthesizedWhitespace) and whitespace.indent:
        return whitespace.last_line.value
    return None


def append_element(node: cst.List, value: cst.BaseExpression) -> cst.List:
    """Append `value` to a list literal, following its comma layout.

    The new element is separated like the existing ones: on its own line when
    they are, after `, ` otherwise, and it takes over the last element's
    trailing comma.
    """
    elements = list(node.elements)
    if not elements:
        return node.with_changes(elements=[cst.Element(value=value)])
    last = elements[-1]
    between = next(
        (e.comma for e in elements[:-1] if isinstance(e.comma, cst.Comma)),
        None,
    )
    if between is None:
        if line_indent(node.lbracket.whitespace_after) is not None:
            between = cst.Comma(whitespace_after=node.lbracket.whitespace_after)
        else:
            between = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
    trailing = last.comma if isinstance(last.comma, cst.Comma) else cst.MaybeSentinel.DEFAULT
    elements[-1] = last.with_changes(comma=between)
    elements.append(cst.Element(value=value, comma=trailing))
    return node.with_changes(elements=elements)
