"""Placement of generated statements, and the names and construct ids they take.

Entries that add companion resources need to know, for a statement of the
stack, which function and loops enclose it, which statements precede it in its
block, and whether a call is the element of a list comprehension. `Places`
collects that in one read-only pass over the class definitions of a file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import libcst as cst

if TYPE_CHECKING:
    from cdktf_fix.walk import StackModel

Loop = cst.For | cst.While


def model_roots(model: StackModel) -> list[cst.CSTNode]:
    """Return the parsed module when the model carries one, else its class definitions."""
    if model.module is not None:
        return [model.module]
    return [site.node for site in model.classes]


def places_of(model: StackModel) -> Places:
    """Return the places the model's own pass collected, or collect them now."""
    if model.places is None:
        model.places = Places(model_roots(model))
    return model.places


@dataclass(frozen=True)
class Place:
    """The position of a statement: its class, function, loops and block."""

    owner: cst.ClassDef | None
    """The innermost class around the statement."""
    function: cst.FunctionDef | None
    loops: tuple[Loop, ...]
    """The loops around the statement inside its function, outermost first."""
    block: tuple[cst.BaseStatement, ...]
    """The statements of the block that holds the statement, in order."""
    index: int
    order: int
    """The position in a pre-order walk: earlier in the file is smaller."""


class _PlaceCollector(cst.CSTVisitor):
    def __init__(self, places: Places) -> None:
        super().__init__()
        self.places = places
        self.classes: list[cst.ClassDef] = []
        self.functions: list[cst.FunctionDef] = []
        self.loops: list[list[Loop]] = [[]]

    def on_visit(self, node: cst.CSTNode) -> bool:
        if isinstance(node, cst.BaseStatement):
            self.places._order.setdefault(id(node), len(self.places._order))
        if isinstance(node, cst.Name):
            self.places.names.add(node.value)
        return super().on_visit(node)

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.classes.append(node)

    def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
        self.classes.pop()

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.functions.append(node)
        self.loops.append([])

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self.functions.pop()
        self.loops.pop()

    def visit_For(self, node: cst.For) -> None:
        self.loops[-1].append(node)

    def leave_For(self, original_node: cst.For) -> None:
        self.loops[-1].pop()

    def visit_While(self, node: cst.While) -> None:
        self.loops[-1].append(node)

    def leave_While(self, original_node: cst.While) -> None:
        self.loops[-1].pop()

    def visit_IndentedBlock(self, node: cst.IndentedBlock) -> None:
        self._record(node.body)

    def visit_Module(self, node: cst.Module) -> None:
        self._record(node.body)

    def visit_ListComp(self, node: cst.ListComp) -> None:
        self.places._comprehensions.setdefault(id(node.elt), node)

    def _record(self, body: Sequence[cst.BaseStatement]) -> None:
        owner = self.classes[-1] if self.classes else None
        function = self.functions[-1] if self.functions else None
        loops = tuple(self.loops[-1])
        block = tuple(body)
        for index, statement in enumerate(block):
            found = (owner, function, loops, block, index)
            self.places._pending.setdefault(id(statement), found)


class Places:
    """The place of every statement under some roots (a module or class definitions).

    A root nested in another root (an inner class) keeps the place that the outer
    walk gave it, so passing every class of a file is safe.
    """

    def __init__(self, roots: Iterable[cst.CSTNode]) -> None:
        self.names: set[str] = set()
        """Every identifier that occurs under the roots."""
        self._order: dict[int, int] = {}
        self._pending: dict[int, tuple] = {}
        self._comprehensions: dict[int, cst.ListComp] = {}
        for root in roots:
            root.visit(_PlaceCollector(self))

    def collector(self) -> cst.CSTVisitor:
        """Return a visitor that fills these places, for a walk run elsewhere."""
        return _PlaceCollector(self)

    def of(self, statement: cst.BaseStatement | None) -> Place | None:
        if statement is None:
            return None
        found = self._pending.get(id(statement))
        if found is None:
            return None
        owner, function, loops, block, index = found
        return Place(owner, function, loops, block, index, self._order[id(statement)])

    def comprehension_of(self, element: cst.BaseExpression) -> cst.ListComp | None:
        """Return the list comprehension whose element expression is `element`."""
        return self._comprehensions.get(id(element))

    def simple_statement_before(
        self, statement: cst.BaseStatement
    ) -> cst.SimpleStatementLine | None:
        """Return the nearest simple statement that precedes `statement` in its block.

        New statements inserted after it run before `statement`, and once per run
        of the enclosing block.
        """
        place = self.of(statement)
        if place is None:
            return None
        for earlier in reversed(place.block[: place.index]):
            if isinstance(earlier, cst.SimpleStatementLine):
                return earlier
        return None

    def fresh_name(self, base: str, taken: Iterable[str] = ()) -> str:
        """Return `base`, or `base_2`, `base_3`... when the name is already used."""
        used = self.names | set(taken)
        name, number = base, 1
        while name in used:
            number += 1
            name = f"{base}_{number}"
        return name


def code_of(node: cst.CSTNode) -> str:
    """Return the source text of a node, without its surrounding whitespace."""
    return cst.Module(body=[]).code_for_node(node).strip()


_WORD_BOUNDARY = re.compile(r"[-_]")


def id_separator(construct_ids: Iterable[str]) -> str:
    """Return the separator most construct ids of a stack use: `-`, `_` or ``."""
    counts = {"-": 0, "_": 0, "": 0}
    for value in construct_ids:
        if "-" in value:
            counts["-"] += 1
        elif "_" in value:
            counts["_"] += 1
        elif any(char.isupper() for char in value[1:]):
            counts[""] += 1
    return max(counts, key=lambda key: (counts[key], key == "-"))


def _join(text: str, suffix: str, default_separator: str) -> str:
    if "-" in text:
        separator = "-"
    elif "_" in text:
        separator = "_"
    elif any(char.isupper() for char in text[1:]):
        separator = ""
    else:
        separator = default_separator
    if separator == "":
        return text + suffix[:1].upper() + suffix[1:]
    return text + separator + _WORD_BOUNDARY.sub(separator, suffix)


def derived_construct_id(
    construct_id: cst.BaseExpression, suffix: str, default_separator: str = "-"
) -> cst.BaseExpression | None:
    """Return the id of a companion construct: `"logs"` gives `"logs-versioning"`.

    The separator follows the id itself (`-`, `_` or camelCase), else the stack's
    `default_separator`. An f-string keeps its placeholders. Any other expression
    returns None, because its value is unknown here.
    """
    if isinstance(construct_id, cst.SimpleString):
        value = construct_id.evaluated_value
        if not isinstance(value, str) or construct_id.prefix.lower() not in ("", "u"):
            return None
        quote = construct_id.quote
        if len(quote) != 1 or quote in value or "\\" in value:
            return None
        text = _join(value, suffix, default_separator)
        return cst.SimpleString(f"{construct_id.prefix}{quote}{text}{quote}")
    if isinstance(construct_id, cst.FormattedString):
        texts = [
            part.value
            for part in construct_id.parts
            if isinstance(part, cst.FormattedStringText)
        ]
        text = "".join(texts)
        added = _join(text, suffix, default_separator)[len(text) :]
        parts = [*construct_id.parts, cst.FormattedStringText(added)]
        return construct_id.with_changes(parts=parts)
    return None
