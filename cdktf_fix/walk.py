"""The single libcst walk that dispatches to catalog entries.

One transformer visits the tree once. It keeps the import bindings as it goes,
resolves each call's callee to a dotted name with a dict lookup, and hands the
node to the entries registered for that class name only. Entries that reason
about the whole stack (which key a log group uses, which route tables exist)
get a `StackModel` from a read-only pre-pass, run only on files whose text
mentions what they look for. Their edits are keyed by original node, so the
same transforming walk applies them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import libcst as cst

from cdktf_fix.bindings import Bindings, dotted_name
from cdktf_fix.codemods.placement import Places
from cdktf_fix.options import Options
from cdktf_fix.results import Safety

if TYPE_CHECKING:
    from cdktf_fix.catalog.base import Entry
    from cdktf_fix.index import ClassInfo, ProviderIndex


@dataclass(frozen=True)
class CallSite:
    """A call whose callee resolves through the imports to a dotted name."""

    node: cst.Call
    """The original node, the key for edits and positions."""
    qualname: str
    module: str | None
    """The provider submodule (`s3_bucket`) for provider classes, else None."""
    name: str
    """The last part of the dotted name: the class or function called."""
    statement: cst.SimpleStatementLine | None
    target: str | None
    """The variable the call is assigned to (`bucket`, `self.bucket`), if any."""

    def class_info(self, index: ProviderIndex) -> ClassInfo | None:
        """Describe the called provider class, if the module called exports it."""
        if self.module is None:
            return None
        info = index.class_info(self.name)
        return info if info is not None and info.module == self.module else None

    def keyword(self, name: str) -> cst.Arg | None:
        for arg in self.node.args:
            if arg.keyword is not None and arg.keyword.value == name:
                return arg
        return None


@dataclass(frozen=True)
class ClassSite:
    node: cst.ClassDef
    bases: tuple[str, ...]
    """Each base as a dotted name, resolved through the imports where possible."""


@dataclass
class StackModel:
    """The calls, class definitions and bindings that a pass over one file collected."""

    calls: list[CallSite] = field(default_factory=list)
    local_calls: list[tuple[str, cst.Call, cst.SimpleStatementLine | None]] = field(
        default_factory=list
    )
    """Calls of names no import binds: `(name, node, statement)`."""
    classes: list[ClassSite] = field(default_factory=list)
    bindings: Bindings = field(default_factory=Bindings)
    module: cst.Module | None = None
    places: Places | None = None
    """The place of each statement (class, function, loops, block), from the same pass."""
    cache: dict[str, object] = field(default_factory=dict)
    """Derived views that several analyzers share, computed once per pass."""

    def calls_of(self, *names: str) -> list[CallSite]:
        return [site for site in self.calls if site.name in names and site.module]


@dataclass(frozen=True)
class RawFinding:
    entry: Entry
    node: cst.CSTNode
    message: str
    safety: Safety
    applied: bool


CallEdit = Callable[[cst.Call], cst.Call]
StatementEdit = Callable[[cst.SimpleStatementLine], cst.SimpleStatementLine]


class Context:
    """The services of the walk of one file to entries, and the sink of their findings."""

    def __init__(
        self,
        *,
        path: Path | None,
        index: ProviderIndex,
        fixing: bool,
        options: Options,
        is_suppressed: Callable[[cst.CSTNode, str], bool] | None = None,
    ) -> None:
        self.path = path
        self.index = index
        self.fixing = fixing
        self.options = options
        self.unsafe_fixes = options.unsafe_fixes
        self.bindings = Bindings()
        self.model_bindings: Bindings | None = None
        """The complete import table, when a pre-pass has read the whole file."""
        self.findings: list[RawFinding] = []
        self.notes: list[str] = []
        self._is_suppressed = is_suppressed
        self.call_edits: dict[int, list[CallEdit]] = defaultdict(list)
        self.statement_edits: dict[int, list[StatementEdit]] = defaultdict(list)
        self.before: dict[int, list[cst.BaseStatement]] = defaultdict(list)
        self.after: dict[int, list[cst.BaseStatement]] = defaultdict(list)
        self.imports: dict[str, list[str]] = {}
        self.renamed_locals: dict[str, str] = {}
        self.claimed: frozenset[tuple[str, str]] = frozenset()
        self.shared: dict[str, object] = {}
        """What an entry's `analyze` left for its own hooks in the same walk."""
        self.assigned_names: set[str] = set()
        """Variable names that fixes of this walk introduced."""

    def is_claimed(self, owner: str, keyword: str) -> bool:
        """Tell whether an entry handles `owner(keyword=...)` as a known fault."""
        return (owner, keyword) in self.claimed

    @property
    def package(self) -> str:
        return self.index.package

    def report(
        self,
        entry: Entry,
        node: cst.CSTNode,
        message: str,
        *,
        safety: Safety | None = None,
    ) -> bool:
        """Record a finding; return True when the caller should apply its fix."""
        safety = entry.safety if safety is None else safety
        if self._is_suppressed is not None and self._is_suppressed(node, entry.code):
            return False
        applied = self.fixing and (
            safety is Safety.SAFE or (safety is Safety.UNSAFE and self.unsafe_fixes)
        )
        self.findings.append(RawFinding(entry, node, message, safety, applied))
        return applied

    def note(self, message: str) -> None:
        self.notes.append(message)

    def edit_call(self, original: cst.Call, edit: CallEdit) -> None:
        """Apply `edit` to the updated form of `original` when the walk leaves it."""
        self.call_edits[id(original)].append(edit)

    def edit_statement(self, original: cst.SimpleStatementLine, edit: StatementEdit) -> None:
        """Apply `edit` to the updated form of a statement when the walk leaves it."""
        self.statement_edits[id(original)].append(edit)

    def insert_before(
        self, statement: cst.SimpleStatementLine, new: Iterable[cst.BaseStatement]
    ) -> None:
        self.before[id(statement)].extend(new)

    def insert_after(
        self, statement: cst.SimpleStatementLine, new: Iterable[cst.BaseStatement]
    ) -> None:
        self.after[id(statement)].extend(new)

    def rename_local(self, old: str, new: str) -> None:
        """Rename every later load of the local name `old` to `new`."""
        self.renamed_locals[old] = new

    def provider_name(self, module: str, name: str) -> str:
        """Return the text that names a provider class here, importing it if needed."""
        return self.import_name(f"{self.package}.{module}", name)

    def snapshot_imports(self) -> dict[str, list[str]]:
        return {module: list(names) for module, names in self.imports.items()}

    def restore_imports(self, snapshot: dict[str, list[str]]) -> None:
        """Drop the imports requested since `snapshot`, for a fix not applied."""
        self.imports = snapshot

    def import_name(self, module: str, name: str) -> str:
        """Return the local name of `module.name`, importing it if needed."""
        for table in (self.model_bindings, self.bindings):
            local = table.local_name_for(f"{module}.{name}") if table else None
            if local is not None:
                return local
        names = self.imports.setdefault(module, [])
        if name not in names:
            names.append(name)
        return name


class Dispatch:
    """The entries of one run, indexed by what they react to."""

    def __init__(self, entries: Sequence[Entry]) -> None:
        self.entries = tuple(entries)
        self.by_class: dict[str, list[Entry]] = defaultdict(list)
        self.any_call: list[Entry] = []
        self.imports: list[Entry] = []
        self.references: list[Entry] = []
        self.analyzers: list[Entry] = []
        self.claimed = frozenset(pair for e in self.entries for pair in e.claims)
        for entry in self.entries:
            if entry.calls == "*":
                self.any_call.append(entry)
            else:
                for name in entry.calls:
                    self.by_class[name].append(entry)
            if entry.handles_imports:
                self.imports.append(entry)
            if entry.handles_references:
                self.references.append(entry)
            if entry.triggers:
                self.analyzers.append(entry)

    def analyzers_for(self, source: str) -> list[Entry]:
        return [
            entry
            for entry in self.analyzers
            if all(word in source for word in entry.triggers)
        ]


class _Tracker:
    """Import bindings and the enclosing statement, shared by both passes."""

    ctx_bindings: Bindings

    def _init_tracking(self, bindings: Bindings, package: str) -> None:
        self.ctx_bindings = bindings
        self.package_prefix = package + "."
        self.statements: list[cst.SimpleStatementLine] = []
        self.pending_target: list[str | None] = []
        self.shadowed: list[set[str]] = [set()]
        """Local names that hide an import, innermost scope last."""

    def qualify(self, node: cst.BaseExpression) -> str | None:
        """Resolve a name through the imports, unless a local name hides the import."""
        head = node
        while isinstance(head, cst.Attribute):
            head = head.value
        if isinstance(head, cst.Name) and any(head.value in scope for scope in self.shadowed):
            return None
        return self.ctx_bindings.qualify(node)

    def enter_scope(self, names: set[str]) -> None:
        self.shadowed.append(names)

    def leave_scope(self) -> None:
        self.shadowed.pop()

    def shadow(self, target: cst.BaseExpression) -> None:
        """Record the names an assignment or loop target binds in the current scope."""
        self.shadowed[-1].update(_target_names(target))

    def track_import(self, node: cst.Import) -> None:
        self.ctx_bindings.add_import(node)

    def track_import_from(self, node: cst.ImportFrom) -> None:
        self.ctx_bindings.add_import_from(node)

    def current_statement(self) -> cst.SimpleStatementLine | None:
        return self.statements[-1] if self.statements else None

    def assignment_target(self, call: cst.Call) -> str | None:
        statement = self.current_statement()
        if statement is None or len(statement.body) != 1:
            return None
        small = statement.body[0]
        if isinstance(small, (cst.Assign, cst.AnnAssign)) and small.value is call:
            targets = (
                [small.target]
                if isinstance(small, cst.AnnAssign)
                else [t.target for t in small.targets]
            )
            if len(targets) == 1:
                return dotted_name(targets[0])
        return None

    def call_site(self, call: cst.Call) -> CallSite | None:
        qualname = self.qualify(call.func)
        if qualname is None:
            return None
        module: str | None = None
        name = qualname.rsplit(".", 1)[-1]
        if qualname.startswith(self.package_prefix):
            parts = qualname[len(self.package_prefix) :].split(".")
            if len(parts) == 2:
                module = parts[0]
        return CallSite(
            node=call,
            qualname=qualname,
            module=module,
            name=name,
            statement=self.current_statement(),
            target=self.assignment_target(call),
        )


def _target_names(target: cst.CSTNode) -> set[str]:
    if isinstance(target, cst.Name):
        return {target.value}
    if isinstance(target, (cst.Tuple, cst.List)):
        return {name for element in target.elements for name in _target_names(element.value)}
    if isinstance(target, cst.StarredElement):
        return _target_names(target.value)
    return set()


def _parameter_names(parameters: cst.Parameters) -> set[str]:
    every = [*parameters.posonly_params, *parameters.params, *parameters.kwonly_params]
    for star in (parameters.star_arg, parameters.star_kwarg):
        if isinstance(star, cst.Param):
            every.append(star)
    return {param.name.value for param in every}


def _comprehension_names(node: cst.BaseComp | cst.DictComp) -> set[str]:
    names: set[str] = set()
    clause: cst.CompFor | None = node.for_in
    while clause is not None:
        names |= _target_names(clause.target)
        clause = clause.inner_for_in
    return names


class _Scopes:
    """Visitor hooks that track local names hiding imports; shared by both passes."""

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self.enter_scope(_parameter_names(node.params))  # type: ignore[attr-defined]

    def visit_Lambda(self, node: cst.Lambda) -> None:
        self.enter_scope(_parameter_names(node.params))  # type: ignore[attr-defined]

    def visit_ListComp(self, node: cst.ListComp) -> None:
        self.enter_scope(_comprehension_names(node))  # type: ignore[attr-defined]

    def visit_SetComp(self, node: cst.SetComp) -> None:
        self.enter_scope(_comprehension_names(node))  # type: ignore[attr-defined]

    def visit_GeneratorExp(self, node: cst.GeneratorExp) -> None:
        self.enter_scope(_comprehension_names(node))  # type: ignore[attr-defined]

    def visit_DictComp(self, node: cst.DictComp) -> None:
        self.enter_scope(_comprehension_names(node))  # type: ignore[attr-defined]

    def visit_For(self, node: cst.For) -> None:
        self.shadow(node.target)  # type: ignore[attr-defined]


def _class_site(node: cst.ClassDef, bindings: Bindings) -> ClassSite:
    bases = []
    for arg in node.bases:
        qualified = bindings.qualify(arg.value) or dotted_name(arg.value)
        if qualified:
            bases.append(qualified)
    return ClassSite(node, tuple(bases))


def _record_call(
    model: StackModel,
    site: CallSite | None,
    node: cst.Call,
    statement: cst.SimpleStatementLine | None,
) -> None:
    if site is not None:
        model.calls.append(site)
    elif isinstance(node.func, cst.Name):
        model.local_calls.append((node.func.value, node, statement))


class ModelCollector(_Scopes, _Tracker, cst.CSTVisitor):
    """The read-only pre-pass that fills a `StackModel`."""

    def __init__(self, package: str) -> None:
        super().__init__()
        self.model = StackModel()
        self.model.places = Places(())
        self._places = self.model.places.collector()
        self._init_tracking(self.model.bindings, package)

    def on_visit(self, node: cst.CSTNode) -> bool:
        self._places.on_visit(node)
        return super().on_visit(node)

    def on_leave(self, original_node: cst.CSTNode) -> None:
        super().on_leave(original_node)
        self._places.on_leave(original_node)

    def visit_Import(self, node: cst.Import) -> None:
        self.track_import(node)

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        self.track_import_from(node)

    def visit_SimpleStatementLine(self, node: cst.SimpleStatementLine) -> None:
        self.statements.append(node)

    def leave_SimpleStatementLine(self, original_node: cst.SimpleStatementLine) -> None:
        self.statements.pop()

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        self.model.classes.append(_class_site(node, self.ctx_bindings))

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self.leave_scope()

    def leave_Lambda(self, original_node: cst.Lambda) -> None:
        self.leave_scope()

    def leave_ListComp(self, original_node: cst.ListComp) -> None:
        self.leave_scope()

    def leave_SetComp(self, original_node: cst.SetComp) -> None:
        self.leave_scope()

    def leave_GeneratorExp(self, original_node: cst.GeneratorExp) -> None:
        self.leave_scope()

    def leave_DictComp(self, original_node: cst.DictComp) -> None:
        self.leave_scope()

    def leave_Assign(self, original_node: cst.Assign) -> None:
        for target in original_node.targets:
            self.shadow(target.target)

    def visit_Call(self, node: cst.Call) -> None:
        _record_call(self.model, self.call_site(node), node, self.current_statement())


class Walker(_Scopes, _Tracker, cst.CSTTransformer):
    """The transforming walk: local fixes, queued edits, insertions, imports."""

    def __init__(self, dispatch: Dispatch, ctx: Context, model: StackModel | None = None) -> None:
        super().__init__()
        self.dispatch = dispatch
        self.ctx = ctx
        self._init_tracking(ctx.bindings, ctx.package)
        self._skip_names: set[int] = set()
        self.model = model
        """When set, the walk also fills this model, for analyzers run after it."""
        self._places = model.places.collector() if model and model.places else None

    def on_visit(self, node: cst.CSTNode) -> bool:
        if self._places is not None:
            self._places.on_visit(node)
        return super().on_visit(node)

    def on_leave(self, original_node: cst.CSTNode, updated_node: cst.CSTNode):  # type: ignore[no-untyped-def]
        result = super().on_leave(original_node, updated_node)
        if self._places is not None:
            self._places.on_leave(original_node)
        return result

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        if self.model is not None:
            self.model.classes.append(_class_site(node, self.ctx_bindings))

    def leave_FunctionDef(
        self, original_node: cst.FunctionDef, updated_node: cst.FunctionDef
    ) -> cst.FunctionDef:
        self.leave_scope()
        return updated_node

    def leave_Lambda(self, original_node: cst.Lambda, updated_node: cst.Lambda) -> cst.Lambda:
        self.leave_scope()
        return updated_node

    def leave_ListComp(self, original_node: cst.ListComp, updated_node: cst.ListComp) -> cst.ListComp:
        self.leave_scope()
        return updated_node

    def leave_SetComp(self, original_node: cst.SetComp, updated_node: cst.SetComp) -> cst.SetComp:
        self.leave_scope()
        return updated_node

    def leave_GeneratorExp(
        self, original_node: cst.GeneratorExp, updated_node: cst.GeneratorExp
    ) -> cst.GeneratorExp:
        self.leave_scope()
        return updated_node

    def leave_DictComp(self, original_node: cst.DictComp, updated_node: cst.DictComp) -> cst.DictComp:
        self.leave_scope()
        return updated_node

    def leave_Assign(self, original_node: cst.Assign, updated_node: cst.Assign) -> cst.Assign:
        for target in original_node.targets:
            self.shadow(target.target)
        return updated_node

    # Imports

    def visit_Import(self, node: cst.Import) -> None:
        self.track_import(node)

    def leave_Import(self, original_node: cst.Import, updated_node: cst.Import) -> cst.Import:
        for entry in self.dispatch.imports:
            updated_node = entry.on_import(original_node, updated_node, self.ctx)
        return updated_node

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        self.track_import_from(node)
        for alias in () if isinstance(node.names, cst.ImportStar) else node.names:
            self._skip_names.add(id(alias.name))
            if alias.asname is not None:
                self._skip_names.add(id(alias.asname.name))

    def leave_ImportFrom(
        self, original_node: cst.ImportFrom, updated_node: cst.ImportFrom
    ) -> cst.ImportFrom | cst.RemovalSentinel:
        module = dotted_name(original_node.module) if original_node.module else None
        if original_node.relative or module is None:
            return updated_node
        if module != self.ctx.package and not module.startswith(self.package_prefix):
            return updated_node
        for entry in self.dispatch.imports:
            result = entry.on_import_from(original_node, updated_node, module, self.ctx)
            if isinstance(result, cst.RemovalSentinel):
                return result
            updated_node = result
        return updated_node

    # Statements and insertions

    def visit_SimpleStatementLine(self, node: cst.SimpleStatementLine) -> None:
        self.statements.append(node)

    def leave_SimpleStatementLine(
        self, original_node: cst.SimpleStatementLine, updated_node: cst.SimpleStatementLine
    ) -> cst.BaseStatement | cst.FlattenSentinel[cst.BaseStatement]:
        self.statements.pop()
        for edit in self.ctx.statement_edits.pop(id(original_node), ()):
            updated_node = edit(updated_node)
        before = self.ctx.before.pop(id(original_node), [])
        after = self.ctx.after.pop(id(original_node), [])
        if not before and not after:
            return updated_node
        return cst.FlattenSentinel([*before, updated_node, *after])

    # Names renamed with their import

    # Renames are registered at the import, before the uses, so the bookkeeping
    # below only starts once there is something to rename.

    def visit_Attribute(self, node: cst.Attribute) -> None:
        if self.ctx.renamed_locals:
            self._skip_names.add(id(node.attr))

    def visit_Arg(self, node: cst.Arg) -> None:
        if node.keyword is not None and self.ctx.renamed_locals:
            self._skip_names.add(id(node.keyword))

    def leave_Name(self, original_node: cst.Name, updated_node: cst.Name) -> cst.Name:
        if not self.ctx.renamed_locals:
            return updated_node
        new = self.ctx.renamed_locals.get(original_node.value)
        if new is None or id(original_node) in self._skip_names:
            return updated_node
        return updated_node.with_changes(value=new)

    def leave_Attribute(
        self, original_node: cst.Attribute, updated_node: cst.Attribute
    ) -> cst.BaseExpression:
        if not self.dispatch.references:
            return updated_node
        qualname = self.qualify(original_node)
        if qualname is None or not qualname.startswith(self.package_prefix):
            return updated_node
        parts = qualname[len(self.package_prefix) :].split(".")
        if len(parts) != 2:
            return updated_node
        result: cst.BaseExpression = updated_node
        for entry in self.dispatch.references:
            result = entry.on_reference(original_node, result, parts[0], parts[1], self.ctx)
        return result

    # Calls

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        for edit in self.ctx.call_edits.pop(id(original_node), ()):
            updated_node = edit(updated_node)
        site = self.call_site(original_node)
        if self.model is not None:
            _record_call(self.model, site, original_node, self.current_statement())
        if site is None:
            return updated_node
        result: cst.BaseExpression = updated_node
        for entry in (*self.dispatch.by_class.get(site.name, ()), *self.dispatch.any_call):
            if not isinstance(result, cst.Call):
                break
            result = entry.on_call(site, result, self.ctx)
        return result

    # Module end: imports the fixes need

    def leave_Module(self, original_node: cst.Module, updated_node: cst.Module) -> cst.Module:
        if not self.ctx.imports:
            return updated_node
        from cdktf_fix.codemods.imports import add_imports

        return add_imports(updated_node, self.ctx.imports)


def collect_model(module: cst.Module, package: str) -> StackModel:
    collector = ModelCollector(package)
    module.visit(collector)
    collector.model.module = module
    return collector.model


def run_walk(
    module: cst.Module,
    source: str,
    dispatch: Dispatch,
    ctx: Context,
) -> cst.Module:
    """Run the analyzers that the source triggers, then the transforming walk."""
    ctx.claimed = dispatch.claimed
    analyzers = dispatch.analyzers_for(source)
    before = [entry for entry in analyzers if not entry.analyze_after_walk]
    after = [entry for entry in analyzers if entry.analyze_after_walk]
    if before:
        model = collect_model(module, ctx.package)
        ctx.model_bindings = model.bindings
        for entry in analyzers:
            entry.analyze(model, ctx)
        return module.visit(Walker(dispatch, ctx))
    if not after:
        return module.visit(Walker(dispatch, ctx))
    model = StackModel(module=module, places=Places(()))
    result = module.visit(Walker(dispatch, ctx, model))
    model.bindings = ctx.bindings
    for entry in after:
        entry.analyze(model, ctx)
    return result

