"""Point references such as `cert.arn` at another expression."""

from __future__ import annotations

import libcst as cst

from cdktf_fix.bindings import dotted_name


class _ReferenceReplacer(cst.CSTTransformer):
    def __init__(self, old: str, new: cst.BaseExpression) -> None:
        self.old = old
        self.new = new
        self.count = 0

    def leave_Attribute(
        self, original_node: cst.Attribute, updated_node: cst.Attribute
    ) -> cst.BaseExpression:
        if dotted_name(original_node) != self.old:
            return updated_node
        self.count += 1
        return self.new.with_changes(lpar=updated_node.lpar, rpar=updated_node.rpar)


def replace_in_keyword(
    call: cst.Call, keyword: str, old: str, new: cst.BaseExpression
) -> cst.Call:
    """Replace every `old` dotted reference inside the value of `call(keyword=...)`.

    `old` must have an attribute part (`cert.arn`), so a bare name that only
    shares its spelling is never touched.
    """
    assert "." in old
    args = []
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == keyword:
            arg = arg.with_changes(value=arg.value.visit(_ReferenceReplacer(old, new)))
        args.append(arg)
    return call.with_changes(args=args)


def mentions(node: cst.CSTNode, dotted: str) -> bool:
    """Tell whether `node` contains the dotted expression `dotted` or one under it.

    `mentions(call, "cert.domain_validation_options")` is true for a call that
    reads `cert.domain_validation_options` or an attribute of it.
    """
    finder = _Finder(dotted)
    node.visit(finder)
    return finder.found


class _Finder(cst.CSTVisitor):
    def __init__(self, dotted: str) -> None:
        self.dotted = dotted
        self.found = False

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        name = dotted_name(node)
        if name is not None and (name == self.dotted or name.startswith(self.dotted + ".")):
            self.found = True
        return not self.found
