"""Line and column of a few nodes, without positions for the whole tree.

libcst's PositionProvider records a range for every node of the module, which
costs several times a codegen pass on large files. Findings need the start of a
handful of nodes, so this runs one codegen pass that tracks the current line
and column and records only the nodes asked for.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import libcst as cst
from libcst._nodes.internal import CodegenState


@dataclass
class _LocatingState(CodegenState):
    targets: set[int] = field(default_factory=set)
    found: dict[int, tuple[int, int]] = field(default_factory=dict)
    starts: dict[int, tuple[int, int]] = field(default_factory=dict)
    line: int = 1
    column: int = 0

    def add_indent_tokens(self) -> None:
        for token in self.indent_tokens:
            self.add_token(token)

    def add_token(self, value: str) -> None:
        newlines = value.count("\n")
        if newlines:
            self.line += newlines
            self.column = len(value) - value.rfind("\n") - 1
        else:
            self.column += len(value)

    def before_codegen(self, node: cst.CSTNode) -> None:
        if id(node) in self.targets:
            self.starts[id(node)] = (self.line, self.column)

    def after_codegen(self, node: cst.CSTNode) -> None:
        # Nodes without a syntactic position (whitespace, comments) start
        # where their code starts.
        start = self.starts.pop(id(node), None)
        if start is not None:
            self.found.setdefault(id(node), start)

    @contextmanager
    def record_syntactic_position(
        self,
        node: cst.CSTNode,
        *,
        start_node: cst.CSTNode | None = None,
        end_node: cst.CSTNode | None = None,
    ) -> Iterator[None]:
        requested = id(node) in self.targets
        if requested and start_node is not None:
            # The node starts where a child starts: record the child and copy it.
            self.targets.add(id(start_node))
        elif requested:
            self.found.setdefault(id(node), (self.line, self.column))
        yield
        if requested and start_node is not None and id(start_node) in self.found:
            self.found.setdefault(id(node), self.found[id(start_node)])


def locate(module: cst.Module, nodes: Iterable[cst.CSTNode]) -> dict[int, tuple[int, int]]:
    """Return `id(node) -> (line, column)` (1-based line, 0-based column) of `nodes`.

    The position is the node's syntactic start, as PositionProvider gives it.
    Nodes not in the module are missing from the result.
    """
    state = _LocatingState(
        default_indent=module.default_indent,
        default_newline=module.default_newline,
        targets={id(node) for node in nodes},
    )
    module._codegen(state)
    return state.found
