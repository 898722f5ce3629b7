from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import libcst as cst

from cdktf_fix.catalog.base import Entry, Example, Valid
from cdktf_fix.codemods.placement import places_of, Places, code_of, model_roots
from cdktf_fix.results import Safety

if TYPE_CHECKING:
    from cdktf_fix.walk import Context, StackModel

STACK_BASE = "cdktf.TerraformStack"


def stack_classes(model: StackModel) -> dict[str, cst.ClassDef]:
    """Return the classes of the file that derive from `TerraformStack`, by name."""
    found: dict[str, cst.ClassDef] = {}
    changed = True
    while changed:
        changed = False
        for site in model.classes:
            name = site.node.name.value
            if name in found:
                continue
            if any(base == STACK_BASE or base in found for base in site.bases):
                found[name] = site.node
                changed = True
    return found


def _label(name: str, call: cst.Call) -> str:
    positional = [arg for arg in call.args if arg.keyword is None and not arg.star]
    construct_id = positional[1].value if len(positional) > 1 else None
    if isinstance(construct_id, cst.SimpleString):
        return f"`{name}` ({code_of(construct_id)})"
    return f"`{name}`"


def _joined(items: list[str]) -> str:
    """Join `a`, `b` and `c` as English does."""
    if len(items) < 3:
        return " and ".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def _sibling_module(directory: Path, qualified: str) -> str | None:
    """Return the top-level module of `qualified` if `directory` contains it."""
    head = qualified.split(".", 1)[0]
    if (directory / f"{head}.py").is_file() or (directory / head).is_dir():
        return head
    return None


class MultipleStacks(Entry):
    code = "CDKTF001"
    slug = "multiple-stacks"
    title = "Several stacks in one app, or a stack spread over several files"
    safety = Safety.DETECT_ONLY
    detects = (
        "A file that defines more than one `TerraformStack` subclass, that "
        "instantiates several stacks (or one stack in a loop) on an `App`, or whose "
        "stack imports its constructs from modules of the project: relative imports "
        "and modules that sit next to the stack file."
    )
    why = (
        "A single-file stack is synthesized and deployed on its own. With several "
        "stacks, `cdktf deploy` stops and asks which stack to deploy, and references "
        "between stacks turn into outputs and remote state that the other stack must "
        "deploy first. A relative import fails when the file runs as a script "
        "(`ImportError: attempted relative import with no known parent package`), and "
        "a sibling module is missing wherever the file is deployed alone."
    )
    fix = (
        "None: merging stacks or inlining modules changes the design, so it only "
        "reports. Set `allow-multiple-stacks = true` under `[tool.cdktf-fix]` when "
        "several stacks are intended; imports are still reported."
    )
    known_problems = (
        "Modules next to the stack file are found only when the file is read from "
        "disk, not from standard input. A sibling module counts only when the stack "
        "calls something from it: importing settings such as a region is fine. "
        "Stacks per environment on one app are reported too; set "
        "`allow-multiple-stacks = true` when that is the intent."
    )
    examples = (
        Example(
            "two stack classes on one app",
            """
            from cdktf import App, TerraformStack

            class NetworkStack(TerraformStack):
                pass

            class ServiceStack(TerraformStack):
                pass

            app = App()
            network = NetworkStack(app, "network")
            ServiceStack(app, "service")
            app.synth()
            """,
        ),
        Example(
            "one class instantiated twice",
            """
            import cdktf

            class AppStack(cdktf.TerraformStack):
                pass

            app = cdktf.App()
            AppStack(app, "dev")
            AppStack(app, "prod")
            app.synth()
            """,
        ),
        Example(
            "stack classes without an app",
            """
            from cdktf import TerraformStack

            class NetworkStack(TerraformStack):
                pass

            class DataStack(TerraformStack):
                pass
            """,
        ),
    )
    valid = (
        Valid(
            "one stack",
            """
            from cdktf import App, TerraformStack

            class AppStack(TerraformStack):
                pass

            app = App()
            AppStack(app, "app")
            app.synth()
            """,
        ),
        Valid(
            "a base class and one concrete stack",
            """
            from cdktf import App, TerraformStack

            class TaggedStack(TerraformStack):
                pass

            class AppStack(TaggedStack):
                pass

            app = App()
            AppStack(app, "app")
            app.synth()
            """,
        ),
    )

    triggers = ("TerraformStack",)
    analyze_after_walk = True

    def analyze(self, model: StackModel, ctx: Context) -> None:
        classes = stack_classes(model)
        places = places_of(model)
        if not ctx.options.allow_multiple_stacks:
            if not self._check_instances(model, classes, places, ctx):
                self._check_definitions(model, classes, ctx)
        self._check_relative_imports(model, ctx)
        self._check_sibling_imports(model, ctx)

    def _check_instances(
        self,
        model: StackModel,
        classes: dict[str, cst.ClassDef],
        places: Places,
        ctx: Context,
    ) -> bool:
        """Report apps with several stacks; return whether the file makes any stack."""
        by_app: dict[str, list[tuple[str, cst.Call, bool]]] = {}
        for name, call, statement in model.local_calls:
            if name not in classes:
                continue
            place = places.of(statement)
            repeated = place is not None and bool(place.loops)
            repeated = repeated or places.comprehension_of(call) is not None
            positional = [a for a in call.args if a.keyword is None and not a.star]
            app = code_of(positional[0].value) if positional else "?"
            by_app.setdefault(app, []).append((name, call, repeated))
        for app, made in by_app.items():
            if len(made) < 2 and not any(repeated for _, _, repeated in made):
                continue
            labels = [
                _label(name, call) + (" in a loop" if repeated else "")
                for name, call, repeated in made
            ]
            message = (
                f"Keep one stack per app: `{app}` gets {_joined(labels)}, so "
                "`cdktf deploy` must be told which one to deploy"
            )
            node = made[1][1] if len(made) > 1 else made[0][1]
            ctx.report(self, node, message)
        return bool(by_app)

    def _check_definitions(
        self, model: StackModel, classes: dict[str, cst.ClassDef], ctx: Context
    ) -> None:
        bases = {base for site in model.classes for base in site.bases}
        concrete = [node for name, node in classes.items() if name not in bases]
        if len(concrete) < 2:
            return
        names = _joined([f"`{node.name.value}`" for node in concrete])
        message = (
            f"Keep one stack per file: {names} are `TerraformStack` subclasses, and "
            "a file is synthesized and deployed as one stack"
        )
        ctx.report(self, concrete[1].name, message)

    def _check_relative_imports(self, model: StackModel, ctx: Context) -> None:
        for root in model_roots(model):
            if not isinstance(root, cst.Module):
                continue
            for statement in root.body:
                if not isinstance(statement, cst.SimpleStatementLine):
                    continue
                for small in statement.body:
                    if isinstance(small, cst.ImportFrom) and small.relative:
                        module = "." * len(small.relative)
                        if small.module is not None:
                            module += code_of(small.module)
                        message = (
                            f"Move what the stack imports from `{module}` into the stack "
                            "file: a relative import fails when the file runs as a script"
                        )
                        ctx.report(self, small, message)

    def _check_sibling_imports(self, model: StackModel, ctx: Context) -> None:
        if ctx.path is None:
            return
        directory = ctx.path.resolve().parent
        own = ctx.path.stem
        reported: set[str] = set()
        for _, qualified in model.bindings.items():
            module = _sibling_module(directory, qualified)
            if module is None or module == own or module in reported:
                continue
            use = _use_of(model, module)
            if use is None:
                continue
            reported.add(module)
            message = (
                f"Move what the stack imports from `{module}` into the stack file: "
                f"`{module}` is a module of this project next to `{ctx.path.name}`, so "
                "the file does not deploy on its own"
            )
            ctx.report(self, use, message)


def _use_of(model: StackModel, module: str) -> cst.CSTNode | None:
    """Return a call of something the module provides, or None if nothing is called.

    A module whose names are only read (constants, settings) adds no resources.
    TODO: report at the import statement once the model keeps import statements.
    """
    for site in model.calls:
        if site.qualname == module or site.qualname.startswith(f"{module}."):
            return site.node
    return None
