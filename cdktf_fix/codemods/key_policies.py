"""Key policies that let CloudWatch Logs use a KMS key: reading them and fixing them.

`PolicyBuilder` follows a key's `policy` to its source: a dict literal inside
`json.dumps` or `Fn.jsonencode`, a JSON string, or an inline
`DataAwsIamPolicyDocument`. It plans the fix, which is a new policy document for
a key without a policy, or one statement appended to a dict literal. It also
finds or adds the `DataAwsCallerIdentity` and `DataAwsRegion` that the statement
names.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import partial
from typing import TYPE_CHECKING

import libcst as cst

from cdktf_fix.bindings import dotted_name
from cdktf_fix.codemods.calls import add_keyword
from cdktf_fix.codemods.elements import append_element, line_indent
from cdktf_fix.codemods.layout import (
    Placement,
    StackLayout,
    code_of,
    construct_id_like,
    new_construct_id,
)
from cdktf_fix.codemods.providers import region_source
from cdktf_fix.codemods.static_strings import literal, string_shape
from cdktf_fix.codemods.statements import (
    BLOCK_INDENT,
    LINE_WIDTH,
    assign_call,
    assignment,
    construct_id,
    construct_scope,
    render_call,
    render_list,
)

if TYPE_CHECKING:
    from cdktf_fix.walk import CallSite, Context, StackModel

REGION_NAME = re.compile(r"^[a-z]{2}-[a-z]+-\d$")
"""A region of the `aws` partition. ARNs in `us-gov-*` and `cn-*` regions differ."""
LOGS_ACTIONS = (
    "kms:Encrypt*",
    "kms:Decrypt*",
    "kms:ReEncrypt*",
    "kms:GenerateDataKey*",
    "kms:Describe*",
)
JSON_ENCODERS = frozenset({"json.dumps", "cdktf.Fn.jsonencode"})


@dataclass
class KeyUse:
    """A KMS key that encrypts log groups, and where its policy comes from."""

    key: CallSite
    placement: Placement
    groups: list[CallSite] = field(default_factory=list)


@dataclass
class PolicyEdit:
    """A `Statement` list in a dict literal, and the node that edits reach it through."""

    anchor: Placement
    """The statement that contains the dict. New data sources go above it."""
    call: cst.Call | None = None
    """The `json.dumps(...)` call whose first argument is the dict."""
    statement: cst.SimpleStatementLine | None = None
    """The `name = {...}` statement whose value is the dict, when `call` is None."""


@dataclass(frozen=True)
class PolicyReading:
    """The source text of a key policy, and how to append to it if it is a dict."""

    code: str
    edit: PolicyEdit | None


@dataclass(frozen=True)
class NewDataSource:
    """A data source the fix adds above the policy: variable, class, arguments."""

    variable: str
    module: str
    class_name: str
    arguments: tuple[str, ...]
    provider: str | None
    """The code of the `provider` argument, None for the default provider."""


@dataclass(frozen=True)
class PolicyInputs:
    """The names of the region and the account that the new statement uses."""

    region: str
    """A region name, or `{expression}` to go inside an f-string."""
    account: str
    """The variable of a `DataAwsCallerIdentity`."""
    new: tuple[NewDataSource, ...]

    @property
    def principal(self) -> str:
        text = f"logs.{self.region}.amazonaws.com"
        return f'f"{text}"' if "{" in self.region else f'"{text}"'

    @property
    def log_groups(self) -> str:
        return f'f"arn:aws:logs:{self.region}:{{{self.account}.account_id}}:log-group:*"'

    @property
    def root(self) -> str:
        return f'f"arn:aws:iam::{{{self.account}.account_id}}:root"'


class PolicyBuilder:
    """A reader of key policies that plans the statements and edits of the fix."""

    def __init__(self, model: StackModel, layout: StackLayout, ctx: Context) -> None:
        self.model = model
        self.layout = layout
        self.ctx = ctx
        self.reserved: set[str] = set(ctx.assigned_names)
        self.created: dict[tuple[str, int, str | None], tuple[str, Placement]] = {}
        """Data sources added by this walk: (class, function, provider) -> variable."""

    # Reading

    def key_policy_resource(self, use: KeyUse) -> CallSite | None:
        """Return the `KmsKeyPolicy` that sets the key's policy, if the stack has one."""
        target = use.key.target
        references = {f"{target}.id", f"{target}.key_id", f"{target}.arn"}
        for site in self.model.calls_of("KmsKeyPolicy"):
            where = self.layout.placement(site.statement)
            key_id = site.keyword("key_id")
            if where is None or key_id is None or dotted_name(key_id.value) not in references:
                continue
            if self.layout.same_stack(where, use.placement):
                return site
        return None

    def read_policy(self, value: cst.BaseExpression, where: Placement) -> PolicyReading | None:
        """Follow a policy expression to its source text, or return None if unreadable."""
        for _ in range(4):
            name = dotted_name(value)
            if name is None:
                break
            if name.endswith(".json"):
                return self._document(name.removesuffix(".json"), where)
            found = self.layout.assignment(name, where)
            if found is None:
                return None
            where, value = found

        if isinstance(value, (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString)):
            return PolicyReading(code_of(value), None)
        if not isinstance(value, cst.Call) or not value.args:
            return None
        if self.model.bindings.qualify(value.func) not in JSON_ENCODERS:
            return None

        document = value.args[0].value
        if isinstance(document, cst.Dict):
            reading = _dict_reading(document, PolicyEdit(where, call=value))
            return self._with_principals(reading, document, where)

        name = dotted_name(document)
        found = self.layout.assignment(name, where) if name is not None else None
        if found is None or not isinstance(found[1], cst.Dict):
            return None
        holder, document = found
        if len(holder.statement.body) != 1:
            return None
        reading = _dict_reading(document, PolicyEdit(holder, statement=holder.statement))
        return self._with_principals(reading, document, holder)

    def _with_principals(
        self, reading: PolicyReading | None, node: cst.CSTNode, where: Placement
    ) -> PolicyReading | None:
        """Add the values of variables named as principals, or give up on unknown ones."""
        if reading is None:
            return None
        finder = _PrincipalNames()
        node.visit(finder)
        code = reading.code
        for name in finder.names:
            value = self.layout.assigned_value(name, where)
            if value is None:
                return None
            code += "\n" + code_of(value)
        return replace(reading, code=code)

    def _document(self, name: str, where: Placement) -> PolicyReading | None:
        """Read a `DataAwsIamPolicyDocument` whose statements are all written inline."""
        for site in self.model.calls_of("DataAwsIamPolicyDocument"):
            place = self.layout.placement(site.statement)
            if site.target != name or place is None or not self.layout.same_stack(place, where):
                continue
            statements = site.keyword("statement")
            merged = ("source_policy_documents", "override_policy_documents")
            if statements is None or any(site.keyword(other) for other in merged):
                return None
            if not isinstance(statements.value, cst.List):
                return None
            written = (cst.Call, cst.Dict)
            if not all(isinstance(item.value, written) for item in statements.value.elements):
                return None
            return self._with_principals(PolicyReading(code_of(site.node), None), site.node, place)
        return None

    # Planning

    def new_policy(self, use: KeyUse) -> Callable[[], None] | str:
        """Plan a policy document for a key that has none."""
        anchor = use.placement
        if anchor.nested or anchor.function is None:
            return "the key is created inside a loop or a branch"
        inputs = self._inputs(use, anchor)
        if isinstance(inputs, str):
            return inputs
        base = (use.key.target or "key").split(".")[-1]
        variable = self.layout.fresh_name(f"{base}_policy", anchor.klass, self.reserved)
        document_id = self._id(use, "policy", suffix=True)
        scope = construct_scope(use.key.node) or "self"

        def apply() -> None:
            statements = self._data_sources(inputs, anchor)
            code = self._document_code(scope, document_id, inputs)
            statements.append(assignment(variable, code))
            _insert_above(self.ctx, anchor.statement, statements)
            value = cst.parse_expression(f"{variable}.json")
            self.ctx.edit_call(use.key.node, lambda call: add_keyword(call, "policy", value))

        return apply

    def appended_statement(
        self, use: KeyUse, edit: PolicyEdit | None
    ) -> Callable[[], None] | str:
        """Plan the CloudWatch Logs statement appended to a dict literal policy."""
        if edit is None:
            return "the policy is not a dict literal with a `Statement` list"
        anchor = edit.anchor
        if anchor.nested or anchor.function is None:
            return "the policy is built inside a loop or a branch"
        inputs = self._inputs(use, anchor)
        if isinstance(inputs, str):
            return inputs

        def apply() -> None:
            _insert_above(self.ctx, anchor.statement, self._data_sources(inputs, anchor))
            if edit.call is not None:
                self.ctx.edit_call(edit.call, lambda call: _append_to_call(call, inputs))
            elif edit.statement is not None:
                self.ctx.edit_statement(
                    edit.statement, lambda line: _append_to_assignment(line, inputs)
                )

        return apply

    def _inputs(self, use: KeyUse, anchor: Placement) -> PolicyInputs | str:
        region = self._region(use, anchor)
        if isinstance(region, str):
            return region
        piece, new_region = region
        account, new_account = self._data_source(
            use, anchor, "data_aws_caller_identity", "DataAwsCallerIdentity", "caller identity"
        )
        new = tuple(source for source in (new_region, new_account) if source is not None)
        return PolicyInputs(piece, account, new)

    def _region(
        self, use: KeyUse, anchor: Placement
    ) -> tuple[str, NewDataSource | None] | str:
        """Return the region as f-string text, or why it cannot be named at `anchor`."""
        source = region_source(use.key, self.model, self.layout)
        if source is not None:
            expression = source.expression
            value = literal(string_shape(expression, partial(self._value_at, source.placement)))
            if value is not None and not REGION_NAME.match(value):
                return f"region `{value}` is outside the `aws` partition"
            if isinstance(expression, cst.SimpleString) and value is not None:
                return value, None
            if self._in_scope(expression, source.placement, anchor):
                return "{" + code_of(expression) + "}", None
            if source.provider is None:
                return "the key's own `region` cannot be named above the policy"
        variable, new = self._data_source(
            use, anchor, "data_aws_region", "DataAwsRegion", "current region"
        )
        return "{" + variable + ".region}", new

    def _value_at(self, where: Placement, name: str) -> cst.BaseExpression | None:
        return self.layout.assigned_value(name, where)

    def _in_scope(
        self, expression: cst.BaseExpression, source: Placement, anchor: Placement
    ) -> bool:
        """Tell whether `expression`, written at `source`, means the same at `anchor`."""
        name = dotted_name(expression)
        if name is None:
            return False
        head = name.split(".")[0]
        if not self.layout.binds(head, source) and not self.layout.binds(head, anchor):
            return True
        if source.statement is anchor.statement:
            return True
        return source.runs_before(anchor)

    def _data_source(
        self, use: KeyUse, anchor: Placement, module: str, class_name: str, words: str
    ) -> tuple[str, NewDataSource | None]:
        """Return the variable of a data source usable at `anchor`, new if need be."""
        provider = use.key.keyword("provider")
        provider_code = code_of(provider.value) if provider is not None else None
        for site in self.model.calls_of(class_name):
            where = self.layout.placement(site.statement)
            argument = site.keyword("provider")
            if site.target is None or where is None or site.keyword("region") is not None:
                continue
            if (code_of(argument.value) if argument else None) != provider_code:
                continue
            if where.runs_before(anchor) and self.layout.same_stack(where, anchor):
                return site.target, None
        assert anchor.function is not None
        key = (class_name, id(anchor.function), provider_code)
        if key in self.created:
            variable, place = self.created[key]
            if place.statement is anchor.statement or place.runs_before(anchor):
                return variable, None
        variable = self.layout.fresh_name(words.replace(" ", "_"), anchor.klass, self.reserved)
        arguments = [construct_scope(use.key.node) or "self", self._id(use, words)]
        if provider_code is not None:
            arguments.append(f"provider={provider_code}")
        new = NewDataSource(variable, module, class_name, tuple(arguments), provider_code)
        return variable, new

    def _id(self, use: KeyUse, words: str, *, suffix: bool = False) -> str:
        """Return a new construct id in the style of the key's own id."""
        used = self.layout.used_strings(use.placement.klass)
        key_id = construct_id(use.key.node)
        if suffix and key_id is not None:
            found = new_construct_id(key_id, words, used)
            if found is not None:
                return found
        return construct_id_like(key_id, words, used)

    # Code

    def _data_sources(
        self, inputs: PolicyInputs, anchor: Placement
    ) -> list[cst.SimpleStatementLine]:
        """Build the new data sources and remember them for later keys of the method."""
        assert anchor.function is not None
        statements = []
        for source in inputs.new:
            callee = self.ctx.provider_name(source.module, source.class_name)
            statements.append(assign_call(source.variable, callee, source.arguments))
            key = (source.class_name, id(anchor.function), source.provider)
            self.created[key] = (source.variable, anchor)
        return statements

    def _document_code(self, scope: str, document_id: str, inputs: PolicyInputs) -> str:
        module = "data_aws_iam_policy_document"
        document = self.ctx.provider_name(module, "DataAwsIamPolicyDocument")
        statement = self.ctx.provider_name(module, "DataAwsIamPolicyDocumentStatement")
        principals = self.ctx.provider_name(module, "DataAwsIamPolicyDocumentStatementPrincipals")
        condition = self.ctx.provider_name(module, "DataAwsIamPolicyDocumentStatementCondition")
        admin = render_call(statement, [
            'sid="EnableRootAccountAdmin"',
            'effect="Allow"',
            'actions=["kms:*"]',
            'resources=["*"]',
            "principals=" + render_list([render_call(
                principals, ['type="AWS"', f"identifiers=[{inputs.root}]"], 24
            )], 20),
        ], 16)
        actions = render_list([f'"{action}"' for action in LOGS_ACTIONS], 28)
        logs = render_call(statement, [
            'sid="AllowCloudWatchLogs"',
            'effect="Allow"',
            f"actions={actions}",
            'resources=["*"]',
            "principals=" + render_list([render_call(
                principals, ['type="Service"', f"identifiers=[{inputs.principal}]"], 24
            )], 20),
            "condition=" + render_list([render_call(condition, [
                'test="ArnLike"',
                'variable="kms:EncryptionContext:aws:logs:arn"',
                f"values=[{inputs.log_groups}]",
            ], 24)], 20),
        ], 16)
        statements = render_list([admin, logs], 12)
        return render_call(document, [scope, document_id, f"statement={statements}"])


def _insert_above(
    ctx: Context,
    anchor: cst.SimpleStatementLine,
    statements: list[cst.SimpleStatementLine],
) -> None:
    """Insert statements above `anchor`, moving its blank lines and comments above them."""
    if not statements:
        return
    statements[0] = statements[0].with_changes(leading_lines=anchor.leading_lines)
    ctx.insert_before(anchor, statements)
    ctx.edit_statement(anchor, lambda line: line.with_changes(leading_lines=[]))


class _PrincipalNames(cst.CSTVisitor):
    """Collect variables used as principals.

    Both `{"Principal": {"Service": name}}` and `principals=[...(identifiers=[name])]`
    count. Names inside f-strings are left out, because they fill in an account or
    a region, not the kind of principal.
    """

    PRINCIPAL_KEYS = frozenset({"Principal", "NotPrincipal"})
    PRINCIPAL_KEYWORDS = frozenset({"principals", "not_principals"})

    def __init__(self) -> None:
        self.names: list[str] = []
        self.depth = 0
        self.skipped: set[int] = set()

    def visit_DictElement(self, node: cst.DictElement) -> None:
        key = node.key
        if isinstance(key, cst.SimpleString) and key.evaluated_value in self.PRINCIPAL_KEYS:
            self.depth += 1

    def leave_DictElement(self, original_node: cst.DictElement) -> None:
        key = original_node.key
        if isinstance(key, cst.SimpleString) and key.evaluated_value in self.PRINCIPAL_KEYS:
            self.depth -= 1

    def visit_Arg(self, node: cst.Arg) -> None:
        if node.keyword is not None:
            self.skipped.add(id(node.keyword))
            if node.keyword.value in self.PRINCIPAL_KEYWORDS:
                self.depth += 1

    def leave_Arg(self, original_node: cst.Arg) -> None:
        keyword = original_node.keyword
        if keyword is not None and keyword.value in self.PRINCIPAL_KEYWORDS:
            self.depth -= 1

    def visit_Call(self, node: cst.Call) -> None:
        self.skipped.add(id(node.func))

    def visit_FormattedStringExpression(self, node: cst.FormattedStringExpression) -> bool:
        return False

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        return self._collect(node)

    def visit_Name(self, node: cst.Name) -> bool:
        return self._collect(node)

    def _collect(self, node: cst.Name | cst.Attribute) -> bool:
        if id(node) in self.skipped:
            return False
        name = dotted_name(node)
        if self.depth and name is not None and name not in ("True", "False", "None"):
            self.names.append(name)
            return False
        return name is None


def _dict_reading(document: cst.Dict, edit: PolicyEdit) -> PolicyReading | None:
    """Read a policy dict whose statements are all dict literals.

    Only a `Statement` list can take one more statement. A single statement dict
    is read, but gets no edit.
    """
    for element in document.elements:
        if (
            isinstance(element, cst.DictElement)
            and isinstance(element.key, cst.SimpleString)
            and element.key.evaluated_value == "Statement"
            and isinstance(element.value, cst.Dict)
        ):
            return PolicyReading(code_of(document), None)
    statements = _statement_list(document)
    if statements is None or not statements.elements:
        return None
    if not all(isinstance(element.value, cst.Dict) for element in statements.elements):
        return None
    return PolicyReading(code_of(document), edit)


def _statement_list(document: cst.Dict) -> cst.List | None:
    for element in document.elements:
        if (
            isinstance(element, cst.DictElement)
            and isinstance(element.key, cst.SimpleString)
            and element.key.evaluated_value == "Statement"
            and isinstance(element.value, cst.List)
        ):
            return element.value
    return None


def _with_logs_statement(document: cst.Dict, inputs: PolicyInputs) -> cst.Dict:
    """Return the policy dict with the CloudWatch Logs statement appended."""
    statements = _statement_list(document)
    if statements is None or not statements.elements:
        return document
    sibling = statements.elements[-1].value
    if not isinstance(sibling, cst.Dict):
        return document
    new = cst.parse_expression(_statement_dict_code(sibling, inputs))
    elements = [
        element.with_changes(value=append_element(statements, new))
        if isinstance(element, cst.DictElement) and element.value is statements
        else element
        for element in document.elements
    ]
    return document.with_changes(elements=elements)


def _append_to_call(call: cst.Call, inputs: PolicyInputs) -> cst.Call:
    first = call.args[0] if call.args else None
    if first is None or not isinstance(first.value, cst.Dict):
        return call
    new_first = first.with_changes(value=_with_logs_statement(first.value, inputs))
    return call.with_changes(args=[new_first, *call.args[1:]])


def _append_to_assignment(
    line: cst.SimpleStatementLine, inputs: PolicyInputs
) -> cst.SimpleStatementLine:
    small = line.body[0] if len(line.body) == 1 else None
    if not isinstance(small, cst.Assign) or not isinstance(small.value, cst.Dict):
        return line
    value = _with_logs_statement(small.value, inputs)
    return line.with_changes(body=[small.with_changes(value=value)])


def _statement_dict_code(sibling: cst.Dict, inputs: PolicyInputs) -> str:
    """Write the CloudWatch Logs statement laid out like the statement before it."""
    quote = '"'
    for element in sibling.elements:
        if isinstance(element, cst.DictElement) and isinstance(element.key, cst.SimpleString):
            quote = element.key.quote
            break

    def text(value: str) -> str:
        return f"{quote}{value}{quote}"

    actions = "[" + ", ".join(text(action) for action in LOGS_ACTIONS) + "]"
    condition = (
        "{" + text("ArnLike") + ": {" + text("kms:EncryptionContext:aws:logs:arn")
        + ": " + inputs.log_groups + "}}"
    )
    entries = [
        (text("Sid"), text("AllowCloudWatchLogs")),
        (text("Effect"), text("Allow")),
        (text("Principal"), "{" + text("Service") + ": " + inputs.principal + "}"),
        (text("Action"), actions),
        (text("Resource"), text("*")),
        (text("Condition"), condition),
    ]
    inner = line_indent(sibling.lbrace.whitespace_after)
    if inner is None:
        return "{" + ", ".join(f"{key}: {value}" for key, value in entries) + "}"
    closing = line_indent(sibling.rbrace.whitespace_before)
    last = sibling.elements[-1] if sibling.elements else None
    if closing is None and last is not None and isinstance(last.comma, cst.Comma):
        closing = line_indent(last.comma.whitespace_after)
    deeper = inner + "    "
    lines = []
    for key, value in entries:
        too_long = BLOCK_INDENT + len(inner) + len(key) + len(value) + 3 > LINE_WIDTH
        if too_long and key in (text("Action"), text("Condition")):
            value = _split_value(key, deeper, quote, inputs)
        lines.append(f"{inner}{key}: {value},\n")
    return "{\n" + "".join(lines) + (closing or "") + "}"


def _split_value(key: str, indent: str, quote: str, inputs: PolicyInputs) -> str:
    """Write the action list or the condition of the statement over several lines."""
    close = indent[:-4]
    if key == f"{quote}Action{quote}":
        items = "".join(f"{indent}{quote}{action}{quote},\n" for action in LOGS_ACTIONS)
        return "[\n" + items + close + "]"
    variable = f"{quote}kms:EncryptionContext:aws:logs:arn{quote}"
    return (
        "{\n"
        + f"{indent}{quote}ArnLike{quote}: {{\n"
        + f"{indent}    {variable}: {inputs.log_groups},\n"
        + f"{indent}}},\n"
        + close + "}"
    )
