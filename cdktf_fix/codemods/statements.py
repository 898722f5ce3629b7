"""Build the statements that fixes insert: construct calls laid out like black."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import libcst as cst

from cdktf_fix.codemods.layout import code_of

LINE_WIDTH = 88
BLOCK_INDENT = 8
"""Columns assumed before an inserted statement: a method body inside a class."""


def _argument(call: cst.Call, position: int, keyword: str) -> cst.Arg | None:
    positional = [arg for arg in call.args if arg.keyword is None and not arg.star]
    if len(positional) > position:
        return positional[position]
    return next(
        (arg for arg in call.args if arg.keyword is not None and arg.keyword.value == keyword),
        None,
    )


def construct_scope(call: cst.Call) -> str | None:
    """Return the code of a construct call's scope argument (`self` mostly)."""
    scope = _argument(call, 0, "scope") or _argument(call, 0, "scope_")
    return code_of(scope.value) if scope is not None else None


def construct_id(call: cst.Call) -> cst.BaseExpression | None:
    """Return the expression of a construct call's id argument."""
    found = _argument(call, 1, "id_")
    return found.value if found is not None else None


def render_call(callee: str, arguments: Sequence[str], indent: int = BLOCK_INDENT) -> str:
    """Lay out `callee(arguments)` the way black would.

    `indent` is the column where the call starts. The call stays on one line when
    it fits, else its arguments go on one indented line, else one per line with
    a trailing comma.
    """
    joined = ", ".join(arguments)
    one_line = f"{callee}({joined})"
    if indent + len(one_line) <= LINE_WIDTH and "\n" not in one_line:
        return one_line
    block_start = indent - indent % 4
    fits = block_start + 4 + len(joined) <= LINE_WIDTH
    if (fits or len(arguments) == 1) and "\n" not in joined:
        return f"{callee}(\n    {joined}\n)"
    inner = "".join(f"    {_indented(argument)},\n" for argument in arguments)
    return f"{callee}(\n{inner})"


def _indented(text: str) -> str:
    return text.replace("\n", "\n    ")


def assign_call(target: str, callee: str, arguments: Sequence[str]) -> cst.SimpleStatementLine:
    """Build `target = callee(arguments)` laid out by `render_call`."""
    start = BLOCK_INDENT + len(target) + 3
    return assignment(target, render_call(callee, arguments, start))


def assignment(target: str | None, value: str) -> cst.SimpleStatementLine:
    """Parse `target = value` (or `value` alone) as a statement."""
    code = f"{target} = {value}\n" if target else f"{value}\n"
    statement = cst.parse_statement(code)
    assert isinstance(statement, cst.SimpleStatementLine)
    return statement


def render_list(items: Sequence[str], indent: int = BLOCK_INDENT) -> str:
    """Lay out a list literal on one line, or one item per line."""
    one_line = f"[{', '.join(items)}]"
    if indent + len(one_line) <= LINE_WIDTH and "\n" not in one_line:
        return one_line
    inner = "".join(f"    {_indented(item)},\n" for item in items)
    return f"[\n{inner}]"


def assign_to(name: str) -> Callable[[cst.SimpleStatementLine], cst.SimpleStatementLine]:
    """Return a statement edit that turns `call(...)` into `name = call(...)`."""

    def assign(line: cst.SimpleStatementLine) -> cst.SimpleStatementLine:
        small = line.body[0]
        if not isinstance(small, cst.Expr):
            return line
        target = cst.AssignTarget(cst.parse_expression(name))
        return line.with_changes(body=[cst.Assign(targets=[target], value=small.value)])

    return assign
