"""Add and rename names in `from ... import ...` statements."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import libcst as cst

from cdktf_fix.bindings import dotted_name


def _import_from(statement: cst.CSTNode) -> cst.ImportFrom | None:
    if isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1:
        small = statement.body[0]
        if isinstance(small, cst.ImportFrom) and not small.relative:
            return small
    return None


def _is_import(statement: cst.CSTNode) -> bool:
    return isinstance(statement, cst.SimpleStatementLine) and any(
        isinstance(small, (cst.Import, cst.ImportFrom)) for small in statement.body
    )


def _is_docstring(statement: cst.CSTNode) -> bool:
    return (
        isinstance(statement, cst.SimpleStatementLine)
        and len(statement.body) == 1
        and isinstance(statement.body[0], cst.Expr)
        and isinstance(statement.body[0].value, (cst.SimpleString, cst.ConcatenatedString))
    )


def with_names(node: cst.ImportFrom, names: Sequence[str]) -> cst.ImportFrom:
    """Return `node` importing `names` too, keeping its layout."""
    assert not isinstance(node.names, cst.ImportStar)
    present = {
        alias.name.value for alias in node.names if isinstance(alias.name, cst.Name)
    }
    extra = [name for name in names if name not in present]
    if not extra:
        return node
    aliases = list(node.names)
    last = aliases[-1]
    space = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
    if isinstance(last.comma, cst.Comma):
        # Only a parenthesized import can end with a comma: keep that layout.
        trailing: cst.Comma | cst.MaybeSentinel = last.comma
        between = next(
            (a.comma for a in aliases[:-1] if isinstance(a.comma, cst.Comma)), last.comma
        )
    else:
        trailing, between = cst.MaybeSentinel.DEFAULT, space
    aliases[-1] = last.with_changes(comma=between)
    for position, name in enumerate(extra):
        comma = trailing if position == len(extra) - 1 else between
        aliases.append(cst.ImportAlias(name=cst.Name(name), comma=comma))
    return node.with_changes(names=aliases)


def add_imports(module: cst.Module, requested: Mapping[str, Sequence[str]]) -> cst.Module:
    """Import `requested` (module name -> names) at the top level of `module`.

    Names join an existing top-level `from module import ...` when there is one.
    Otherwise a new statement goes after the last top-level import, or after the
    docstring when the file imports nothing at top level.
    """
    body = list(module.body)
    remaining = dict(requested)
    last_import = -1
    for position, statement in enumerate(body):
        if _is_import(statement):
            last_import = position
        node = _import_from(statement)
        if node is None or node.module is None or isinstance(node.names, cst.ImportStar):
            continue
        name = dotted_name(node.module)
        if name in remaining:
            line = statement.with_changes(body=[with_names(node, remaining.pop(name))])
            body[position] = line
    if not remaining:
        return module.with_changes(body=body)
    if last_import < 0 and body and _is_docstring(body[0]):
        last_import = 0
    new_lines = [
        cst.parse_statement(import_statement(name, names))
        for name, names in sorted(remaining.items())
    ]
    body[last_import + 1 : last_import + 1] = new_lines
    return module.with_changes(body=body)


MAX_LINE = 88


def import_statement(module: str, names: Sequence[str]) -> str:
    """Return `from module import ...`, one name a line when it would exceed 88 columns."""
    ordered = sorted(names)
    line = f"from {module} import {', '.join(ordered)}\n"
    if len(line) - 1 <= MAX_LINE or len(ordered) == 1:
        return line
    body = "".join(f"    {name},\n" for name in ordered)
    return f"from {module} import (\n{body})\n"


def rename_imported(
    node: cst.ImportFrom, old: str, new: str
) -> tuple[cst.ImportFrom, bool]:
    """Rename the imported name `old` to `new`.

    Returns the node and whether the local name changed (no `as` alias kept it).
    A duplicate that the rename creates is dropped.
    """
    if isinstance(node.names, cst.ImportStar):
        return node, False
    local_changed = False
    aliases: list[cst.ImportAlias] = []
    present = {a.name.value for a in node.names if isinstance(a.name, cst.Name)}
    for alias in node.names:
        if isinstance(alias.name, cst.Name) and alias.name.value == old:
            if alias.asname is None:
                local_changed = True
                if new in present:
                    continue
            alias = alias.with_changes(name=cst.Name(new))
        aliases.append(alias)
    if not aliases:
        return node, False
    if len(aliases) < len(node.names):
        last = aliases[-1]
        aliases[-1] = last.with_changes(comma=node.names[-1].comma)
    return node.with_changes(names=aliases), local_changed
