"""Import bindings: which dotted name each local name of a file stands for.

libcst's QualifiedNameProvider answers the same question through a full scope
analysis, which costs several times a parse on large files. Stacks bind provider
names only through imports, so a table filled while walking the imports in source
order resolves `S3BucketVersioning`, `sbv.S3BucketVersioning` and
`aws.s3_bucket_versioning.S3BucketVersioning` alike at the price of a dict lookup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import libcst as cst


def dotted_name(node: cst.BaseExpression) -> str | None:
    """Return `a.b.c` for a Name or an Attribute chain of Names, else None."""
    import libcst as cst

    parts: list[str] = []
    while isinstance(node, cst.Attribute):
        parts.append(node.attr.value)
        node = node.value
    if not isinstance(node, cst.Name):
        return None
    parts.append(node.value)
    return ".".join(reversed(parts))


class Bindings:
    """Local names bound by imports, mapped to the dotted names they stand for.

    Local names that hide an import (parameters, loop variables, assignments) are
    tracked by the walk, which queries this table only for names no scope hides.
    """

    def __init__(self) -> None:
        self._names: dict[str, str] = {}

    def bind(self, local: str, qualified: str) -> None:
        self._names[local] = qualified

    def lookup(self, local: str) -> str | None:
        return self._names.get(local)

    def items(self) -> list[tuple[str, str]]:
        return list(self._names.items())

    def add_import(self, node: cst.Import) -> None:
        import libcst as cst

        if isinstance(node.names, cst.ImportStar):
            return
        for alias in node.names:
            full = dotted_name(alias.name)
            if full is None:
                continue
            if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                self.bind(alias.asname.name.value, full)
            else:
                head = full.split(".", 1)[0]
                self.bind(head, head)

    def add_import_from(self, node: cst.ImportFrom) -> None:
        import libcst as cst

        if node.relative or node.module is None:
            return
        module = dotted_name(node.module)
        if module is None or isinstance(node.names, cst.ImportStar):
            return
        for alias in node.names:
            if not isinstance(alias.name, cst.Name):
                continue
            local = alias.name.value
            if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                local = alias.asname.name.value
            self.bind(local, f"{module}.{alias.name.value}")

    def qualify(self, node: cst.BaseExpression) -> str | None:
        """Return the dotted name an expression stands for, or None."""
        dotted = dotted_name(node)
        if dotted is None:
            return None
        head, _, rest = dotted.partition(".")
        bound = self._names.get(head)
        if bound is None:
            return None
        return f"{bound}.{rest}" if rest else bound

    def local_name_for(self, qualified: str) -> str | None:
        """Return an expression text that refers to `qualified`, if one is bound."""
        module, _, name = qualified.rpartition(".")
        for local, bound in self._names.items():
            if bound == qualified:
                return local
        for local, bound in self._names.items():
            if bound == module:
                return f"{local}.{name}"
        return None
