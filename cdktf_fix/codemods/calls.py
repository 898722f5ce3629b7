"""Edits of a call's keyword arguments that keep the call's layout."""

from __future__ import annotations

import libcst as cst


def find_keyword(call: cst.Call, name: str) -> cst.Arg | None:
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == name:
            return arg
    return None


def rename_keyword(call: cst.Call, old: str, new: str) -> cst.Call:
    args = [
        arg.with_changes(keyword=cst.Name(new))
        if arg.keyword is not None and arg.keyword.value == old
        else arg
        for arg in call.args
    ]
    return call.with_changes(args=args)


def replace_keyword_value(call: cst.Call, name: str, value: cst.BaseExpression) -> cst.Call:
    args = [
        arg.with_changes(value=value)
        if arg.keyword is not None and arg.keyword.value == name
        else arg
        for arg in call.args
    ]
    return call.with_changes(args=args)


def remove_keywords(call: cst.Call, *names: str) -> cst.Call:
    """Remove keyword arguments; the argument before each takes over its comma.

    That keeps the line layout: removing the middle argument of a call spread
    over lines leaves the line break where it was.
    """
    kept: list[cst.Arg] = []
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value in names:
            if kept:
                kept[-1] = kept[-1].with_changes(comma=arg.comma)
            continue
        kept.append(arg)
    if len(kept) == len(call.args):
        return call
    return call.with_changes(args=kept)


def _new_arg_comma(call: cst.Call) -> tuple[cst.Comma | cst.MaybeSentinel, cst.Comma]:
    """Return (comma after the new last argument, comma between arguments).

    When the arguments are spread over lines, the comma between them carries the
    line break and indentation of an existing one, so the new argument gets a
    line of its own.
    """
    args = call.args
    last = args[-1]
    on_new_line = [
        a.comma
        for a in args[:-1]
        if isinstance(a.comma, cst.Comma)
        and isinstance(a.comma.whitespace_after, cst.ParenthesizedWhitespace)
    ]
    if on_new_line:
        between = on_new_line[-1]
    elif isinstance(call.whitespace_before_args, cst.ParenthesizedWhitespace):
        between = cst.Comma(whitespace_after=call.whitespace_before_args)
    else:
        between = next(
            (a.comma for a in args[:-1] if isinstance(a.comma, cst.Comma)),
            cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")),
        )
    if isinstance(last.comma, cst.Comma):
        return last.comma, between
    return cst.MaybeSentinel.DEFAULT, between


def add_keyword(call: cst.Call, name: str, value: cst.BaseExpression) -> cst.Call:
    """Append `name=value`, following the layout of the existing arguments."""
    new_arg = cst.Arg(
        keyword=cst.Name(name),
        value=value,
        equal=cst.AssignEqual(
            whitespace_before=cst.SimpleWhitespace(""),
            whitespace_after=cst.SimpleWhitespace(""),
        ),
    )
    if not call.args:
        return call.with_changes(args=[new_arg])
    trailing, between = _new_arg_comma(call)
    args = list(call.args)
    args[-1] = args[-1].with_changes(comma=between)
    args.append(new_arg.with_changes(comma=trailing))
    return call.with_changes(args=args)


def expression(code: str) -> cst.BaseExpression:
    return cst.parse_expression(code)
