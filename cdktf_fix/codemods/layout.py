"""The layout of a stack class, so that generated code lands where it can run.

Fixes that add companion resources insert statements next to an existing one and
refer to variables defined elsewhere. `StackLayout` records, for every statement
inside a class, its class, its innermost function, the statement of that
function's body that contains it, and whether it sits inside a loop or another
compound statement. It also answers the questions that naming needs: which
identifiers and string literals a class already uses, and what a name was
assigned.

Only code inside class definitions is covered, because the stack model lists the
classes of a file but not its module-level statements.

TODO: read module-level constants and script-style stacks once the stack model
exposes the parsed module.
"""

from __future__ import annotations

import keyword
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import libcst as cst

from cdktf_fix.bindings import dotted_name

if TYPE_CHECKING:
    from cdktf_fix.walk import StackModel

_MODULE = cst.Module(body=[])


def code_of(node: cst.CSTNode) -> str:
    """Return the source text of a node."""
    return _MODULE.code_for_node(node)


@dataclass(frozen=True)
class Placement:
    """The position of one simple statement inside a class."""

    statement: cst.SimpleStatementLine = field(repr=False)
    klass: cst.ClassDef = field(repr=False)
    function: cst.FunctionDef | None = field(repr=False)
    """The innermost function, or None for a statement of the class body."""
    top: cst.BaseStatement = field(repr=False)
    """The statement of the function (or class) body that contains this one."""
    position: int
    """The index of `top` in that body."""
    nested: bool
    """True inside a loop, `if`, `with` or `try`: the statement may run 0 or n times."""

    def runs_before(self, other: Placement) -> bool:
        """Tell whether this statement has run whenever `other` runs.

        True only for a statement directly in the body of the same function,
        above the statement that contains `other`.
        """
        return (
            not self.nested
            and self.function is other.function
            and self.function is not None
            and self.position < other.position
        )


@dataclass
class _ClassFacts:
    names: set[str] = field(default_factory=set)
    strings: set[str] = field(default_factory=set)


class StackLayout:
    """Placements of the statements of the given classes, nested ones included."""

    def __init__(self, classes: Iterable[cst.ClassDef]) -> None:
        self._placements: dict[int, Placement] = {}
        self._facts: dict[int, _ClassFacts] = {}
        self._statements: dict[int, list[Placement]] = {}
        """Each class's own statements in source order, methods included."""
        self._locals: dict[int, set[str]] = {}
        self._outer: dict[int, cst.ClassDef] = {}
        """Each class, nested ones too, mapped to the outermost class around it."""
        for klass in classes:
            if id(klass) in self._outer:
                continue
            self._scan_class(klass, klass)

    def placement(self, statement: cst.SimpleStatementLine | None) -> Placement | None:
        if statement is None:
            return None
        return self._placements.get(id(statement))

    def used_names(self, klass: cst.ClassDef) -> set[str]:
        """Return every identifier written in the file's class around `klass`."""
        return self._facts[id(self._outer[id(klass)])].names

    def used_strings(self, klass: cst.ClassDef) -> set[str]:
        """Return every plain string literal in the class around `klass`."""
        return self._facts[id(self._outer[id(klass)])].strings

    def same_stack(self, first: Placement, second: Placement) -> bool:
        """Tell whether two statements belong to the same outermost class."""
        return self._outer[id(first.klass)] is self._outer[id(second.klass)]

    def assigned_value(self, name: str, where: Placement) -> cst.BaseExpression | None:
        """Return the value of `name` as seen from `where`, when it has one source."""
        found = self.assignment(name, where)
        return found[1] if found is not None else None

    def assignment(
        self, name: str, where: Placement
    ) -> tuple[Placement, cst.BaseExpression] | None:
        """Return the one statement that gives `name` its value at `where`, and the value.

        A local name must be assigned once in the function, directly in its body
        and above `where`. A name the function never binds is a module global,
        which the layout does not see. In a class body, a name is looked up among
        the class attributes. `self.x` must be assigned once in the methods.
        """
        parts = name.split(".")
        statements = self._statements[id(where.klass)]
        if len(parts) == 2 and where.function is not None:
            if parts[0] != _first_parameter(where.function):
                return None
            found = _bindings((p for p in statements if p.function is not None), name)
        elif len(parts) != 1:
            return None
        elif where.function is not None:
            found = _bindings((p for p in statements if p.function is where.function), name)
            if len(found) != 1 or not found[0][0].runs_before(where):
                return None
        else:
            found = _bindings((p for p in statements if p.function is None), name)
        if len(found) != 1 or found[0][1] is None:
            return None
        placement, value = found[0]
        return placement, value

    def binds(self, name: str, where: Placement) -> bool:
        """Tell whether the function around `where` binds the local name `name`.

        A name it does not bind refers to the module's global of that name.
        """
        if where.function is None:
            return False
        key = id(where.function)
        if key not in self._locals:
            collector = _LocalNames()
            where.function.visit(collector)
            self._locals[key] = collector.names
        return name in self._locals[key]

    def fresh_name(self, base: str, klass: cst.ClassDef, reserved: set[str]) -> str:
        """Return `base`, or `base_2`, `base_3`..., unused in the class and `reserved`."""
        base = re.sub(r"\W+", "_", base).strip("_") or "resource"
        if base[0].isdigit() or keyword.iskeyword(base):
            base = f"v_{base}"
        used = self.used_names(klass) | reserved
        candidate, number = base, 2
        while candidate in used:
            candidate, number = f"{base}_{number}", number + 1
        reserved.add(candidate)
        return candidate

    # Scanning

    def _scan_class(self, klass: cst.ClassDef, outer: cst.ClassDef) -> None:
        self._outer[id(klass)] = outer
        self._statements[id(klass)] = []
        if klass is outer:
            self._facts[id(klass)] = _collect_facts(klass)
        self._scan_body(klass, None, _block_statements(klass.body))

    def _scan_body(
        self,
        klass: cst.ClassDef,
        function: cst.FunctionDef | None,
        body: Sequence[cst.BaseStatement],
    ) -> None:
        for position, top in enumerate(body):
            self._scan_statement(klass, function, top, top, position, nested=False)

    def _scan_statement(
        self,
        klass: cst.ClassDef,
        function: cst.FunctionDef | None,
        node: cst.BaseStatement,
        top: cst.BaseStatement,
        position: int,
        *,
        nested: bool,
    ) -> None:
        if isinstance(node, cst.SimpleStatementLine):
            placement = Placement(node, klass, function, top, position, nested)
            self._placements[id(node)] = placement
            self._statements[id(klass)].append(placement)
        elif isinstance(node, cst.FunctionDef):
            self._scan_body(klass, node, _block_statements(node.body))
        elif isinstance(node, cst.ClassDef):
            self._scan_class(node, self._outer[id(klass)])
        else:
            for inner in _inner_statements(node):
                self._scan_statement(klass, function, inner, top, position, nested=True)


_NOT_BOUND = cst.Name("_not_bound")


def _bindings(
    placements: Iterable[Placement], name: str
) -> list[tuple[Placement, cst.BaseExpression | None]]:
    """Return the statements among `placements` that bind `name`.

    The value is None for a binding whose value cannot be read off, such as
    `name += 1` or `a = name = 1`.
    """
    found: list[tuple[Placement, cst.BaseExpression | None]] = []
    for placement in placements:
        for small in placement.statement.body:
            value = _bound_value(small, name)
            if value is not _NOT_BOUND:
                found.append((placement, value))
    return found


def _bound_value(
    small: cst.BaseSmallStatement, name: str
) -> cst.BaseExpression | None:
    """Return what `small` assigns to `name`, None if unclear, `_NOT_BOUND` if nothing."""
    if isinstance(small, cst.Assign):
        names = [dotted_name(target.target) for target in small.targets]
        if name not in names:
            return _NOT_BOUND
        return small.value if len(names) == 1 else None
    if isinstance(small, (cst.AnnAssign, cst.AugAssign)):
        if dotted_name(small.target) != name:
            return _NOT_BOUND
        return small.value if isinstance(small, cst.AnnAssign) else None
    return _NOT_BOUND


def _block_statements(body: cst.BaseSuite) -> Sequence[cst.BaseStatement]:
    return body.body if isinstance(body, cst.IndentedBlock) else ()


def _inner_statements(node: cst.CSTNode) -> Iterator[cst.BaseStatement]:
    """Yield the statements one level inside a compound statement."""
    for child in node.children:
        if isinstance(child, cst.BaseStatement):
            yield child
        elif isinstance(child, cst.CSTNode):
            yield from _inner_statements(child)


def _parameters(function: cst.FunctionDef) -> set[str]:
    params = function.params
    every = [*params.posonly_params, *params.params, *params.kwonly_params]
    for star in (params.star_arg, params.star_kwarg):
        if isinstance(star, cst.Param):
            every.append(star)
    return {param.name.value for param in every}


def _first_parameter(function: cst.FunctionDef) -> str | None:
    params = [*function.params.posonly_params, *function.params.params]
    return params[0].name.value if params else None


class _LocalNames(cst.CSTVisitor):
    """Collect the names a function binds: parameters, targets, imports, defs."""

    def __init__(self) -> None:
        self.names: set[str] = set()
        self.depth = 0

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        self.depth += 1
        if self.depth == 1:
            self.names.update(_parameters(node))
            return True
        self.names.add(node.name.value)
        return False

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self.depth -= 1

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        self.names.add(node.name.value)
        return False

    def visit_Lambda(self, node: cst.Lambda) -> bool:
        return False

    def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
        self._add_target(node.target)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        self._add_target(node.target)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        self._add_target(node.target)

    def visit_For(self, node: cst.For) -> None:
        self._add_target(node.target)

    def visit_WithItem(self, node: cst.WithItem) -> None:
        if node.asname is not None:
            self._add_target(node.asname.name)

    def visit_NamedExpr(self, node: cst.NamedExpr) -> None:
        self._add_target(node.target)

    def visit_ExceptHandler(self, node: cst.ExceptHandler) -> None:
        if node.name is not None:
            self._add_target(node.name.name)

    def visit_ImportAlias(self, node: cst.ImportAlias) -> None:
        local = node.asname.name if node.asname is not None else node.name
        name = dotted_name(local) if isinstance(local, (cst.Name, cst.Attribute)) else None
        if name is not None:
            self.names.add(name.split(".")[0])

    def _add_target(self, target: cst.BaseExpression) -> None:
        if isinstance(target, cst.Name):
            self.names.add(target.value)
        elif isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                self._add_target(element.value)
        elif isinstance(target, cst.StarredElement):
            self._add_target(target.value)


class _FactCollector(cst.CSTVisitor):
    def __init__(self, facts: _ClassFacts) -> None:
        self.facts = facts

    def visit_Name(self, node: cst.Name) -> None:
        self.facts.names.add(node.value)

    def visit_SimpleString(self, node: cst.SimpleString) -> None:
        value = node.evaluated_value
        if isinstance(value, str):
            self.facts.strings.add(value)


def _collect_facts(klass: cst.ClassDef) -> _ClassFacts:
    facts = _ClassFacts()
    klass.visit(_FactCollector(facts))
    return facts


def new_construct_id(
    id_expression: cst.BaseExpression, suffix: str, used: set[str]
) -> str | None:
    """Return the code of a construct id derived from an existing one.

    `suffix` is given in words separated by spaces ("validation record") and is
    joined in the style of the existing id: `api-cert` gives
    `api-cert-validation-record`, `api_cert` gives `api_cert_validation_record`
    and `ApiCert` gives `ApiCertValidationRecord`. An f-string id gets the suffix
    inside the f-string. Returns None for any other id expression.
    """
    if isinstance(id_expression, cst.SimpleString):
        value = id_expression.evaluated_value
        if not isinstance(value, str):
            return None
        new = _unused(value + _joined_suffix(value, suffix), used)
        quote = id_expression.quote if id_expression.quote in ('"', "'") else '"'
        return f"{quote}{new}{quote}" if quote not in new and "\\" not in new else None
    if isinstance(id_expression, cst.FormattedString):
        text = "".join(
            part.value for part in id_expression.parts if isinstance(part, cst.FormattedStringText)
        )
        code = code_of(id_expression)
        closing = code[len(code.rstrip("\"'")) :]
        return code[: -len(closing)] + _joined_suffix(text, suffix) + closing
    return None


def construct_id_like(
    like: cst.BaseExpression | None, words: str, used: set[str]
) -> str:
    """Return the quoted code of a new id made of `words`, styled like `like`.

    `caller identity` next to an id `logs-key` gives `"caller-identity"`, next to
    `logs_key` `"caller_identity"` and next to `LogsKey` `"CallerIdentity"`.
    """
    existing = ""
    if isinstance(like, cst.SimpleString) and isinstance(like.evaluated_value, str):
        existing = like.evaluated_value
    elif isinstance(like, cst.FormattedString):
        existing = "".join(
            part.value for part in like.parts if isinstance(part, cst.FormattedStringText)
        )
    joined = _joined_suffix(existing, words)
    if not joined[:1].isupper():
        joined = joined[1:]
    return '"' + _unused(joined, used) + '"'


def _joined_suffix(existing: str, suffix: str) -> str:
    words = suffix.split()
    if "-" in existing or not existing:
        return "".join(f"-{word}" for word in words)
    if "_" in existing:
        return "".join(f"_{word}" for word in words)
    if existing[:1].isupper():
        return "".join(word.capitalize() for word in words)
    return "".join(f"-{word}" for word in words)


def _unused(candidate: str, used: set[str]) -> str:
    new, number = candidate, 2
    while new in used:
        new, number = f"{candidate}-{number}", number + 1
    used.add(new)
    return new


def layout_of(model: StackModel) -> StackLayout:
    """Return the layout of the model's classes, computed once per model."""
    layout = model.cache.get("layout")
    if not isinstance(layout, StackLayout):
        layout = StackLayout(site.node for site in model.classes)
        model.cache["layout"] = layout
    return layout
