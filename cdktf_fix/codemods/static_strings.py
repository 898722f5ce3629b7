"""Read string expressions statically: literals, f-strings, constants, sums.

A value such as `f"api.{DOMAIN}"` becomes a shape: literal text with opaque
pieces for what cannot be read (`("api.", Opaque("DOMAIN"))`), or all text when
every name resolves to a literal. Two shapes can then be compared even when
neither is fully known, as long as their opaque pieces are written the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import libcst as cst

from cdktf_fix.bindings import dotted_name
from cdktf_fix.codemods.layout import code_of

MAX_DEPTH = 8
"""How many names deep a value is followed before it counts as opaque."""


@dataclass(frozen=True)
class Opaque:
    """A piece of a string whose value is unknown, named by its source text."""

    code: str


Piece = str | Opaque
Shape = tuple[Piece, ...]
Resolver = Callable[[str], cst.BaseExpression | None]
"""Returns the expression a dotted name was assigned, or None."""


def string_shape(expression: cst.BaseExpression, resolve: Resolver) -> Shape:
    """Return the shape of a string expression; unknown parts become `Opaque`."""
    return _merge(_pieces(expression, resolve, 0))


def literal(shape: Shape) -> str | None:
    """Return the text of a shape that has no opaque piece."""
    if all(isinstance(piece, str) for piece in shape):
        return "".join(piece for piece in shape if isinstance(piece, str))
    return None


def show(shape: Shape) -> str:
    """Render a shape for a message: text as is, opaque pieces in braces."""
    return "".join(p if isinstance(p, str) else "{" + p.code + "}" for p in shape)


def _pieces(expression: cst.BaseExpression, resolve: Resolver, depth: int) -> list[Piece]:
    if isinstance(expression, cst.SimpleString):
        value = expression.evaluated_value
        return [value] if isinstance(value, str) else [Opaque(code_of(expression))]
    if isinstance(expression, cst.ConcatenatedString):
        return [
            *_pieces(expression.left, resolve, depth),
            *_pieces(expression.right, resolve, depth),
        ]
    if isinstance(expression, cst.FormattedString):
        return _formatted_pieces(expression, resolve, depth)
    if isinstance(expression, cst.BinaryOperation) and isinstance(
        expression.operator, cst.Add
    ):
        left = _pieces(expression.left, resolve, depth)
        right = _pieces(expression.right, resolve, depth)
        return [*left, *right]
    name = dotted_name(expression)
    if name is not None and depth < MAX_DEPTH:
        value = resolve(name)
        if value is not None:
            return _pieces(value, resolve, depth + 1)
    return [Opaque(code_of(expression))]


def _formatted_pieces(
    expression: cst.FormattedString, resolve: Resolver, depth: int
) -> list[Piece]:
    if "b" in expression.prefix.lower():
        return [Opaque(code_of(expression))]
    pieces: list[Piece] = []
    for part in expression.parts:
        if isinstance(part, cst.FormattedStringText):
            pieces.append(part.value.replace("{{", "{").replace("}}", "}"))
        elif part.conversion is None and part.format_spec is None:
            pieces.extend(_pieces(part.expression, resolve, depth))
        else:
            pieces.append(Opaque(code_of(part)))
    return pieces


def _merge(pieces: list[Piece]) -> Shape:
    merged: list[Piece] = []
    for piece in pieces:
        if piece == "":
            continue
        if isinstance(piece, str) and merged and isinstance(merged[-1], str):
            merged[-1] = merged[-1] + piece
        else:
            merged.append(piece)
    return tuple(merged)


def is_subdomain(name: Shape, zone: Shape) -> bool | None:
    """Tell whether the DNS name `name` lies in the zone `zone`.

    True when `name` equals `zone` or ends with `.` plus `zone`, False when it
    surely does not, None when opaque pieces leave it open. Case and a trailing
    dot are ignored.
    """
    rest = list(_normalized(name))
    tail = list(_normalized(zone))
    while tail:
        if not rest:
            return False if literal(tuple(tail)) is not None else None
        mine, theirs = rest[-1], tail[-1]
        if isinstance(mine, str) and isinstance(theirs, str):
            shorter = min(len(mine), len(theirs))
            if mine[len(mine) - shorter :] != theirs[len(theirs) - shorter :]:
                return False
            rest[-1], tail[-1] = mine[: len(mine) - shorter], theirs[: len(theirs) - shorter]
        elif mine == theirs:
            rest[-1] = tail[-1] = ""
        else:
            return None
        if rest[-1] == "":
            rest.pop()
        if tail[-1] == "":
            tail.pop()
    if not rest:
        return True
    if isinstance(rest[-1], str):
        return rest[-1].endswith(".")
    return None


def _normalized(shape: Shape) -> Shape:
    pieces = [p.lower() if isinstance(p, str) else p for p in shape]
    if pieces and isinstance(pieces[-1], str):
        pieces[-1] = pieces[-1].rstrip(".")
    return _merge(pieces)
