"""The shape of a catalog entry: knowledge, examples and the hooks of the walk."""

from __future__ import annotations

import textwrap
from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Literal

from cdktf_fix.results import Safety, Severity

if TYPE_CHECKING:
    import libcst as cst

    from cdktf_fix.walk import CallSite, Context, StackModel


@dataclass(frozen=True)
class Example:
    """A named before/after pair; the generic catalog test runs every one.

    `after` None means the entry only reports this case: the source must come
    out unchanged and the finding must be there.
    """

    name: str
    before: str
    after: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "before", textwrap.dedent(self.before).lstrip("\n"))
        if self.after is not None:
            object.__setattr__(self, "after", textwrap.dedent(self.after).lstrip("\n"))


@dataclass(frozen=True)
class Valid:
    """A named source that the entry must leave alone and not report."""

    name: str
    source: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "source", textwrap.dedent(self.source).lstrip("\n"))


class Entry:
    """One failure kind of the catalog.

    Subclasses set the class attributes below and override the hooks they need.
    A hook returns the node unchanged unless `ctx.report(...)` returned True,
    which is how fix safety and `--unsafe-fixes` take effect in one place.
    """

    code: ClassVar[str]
    slug: ClassVar[str]
    title: ClassVar[str]
    severity: ClassVar[Severity] = Severity.ERROR
    safety: ClassVar[Safety]
    detects: ClassVar[str]
    """The fault the entry detects."""
    why: ClassVar[str]
    """Why the stack fails: the symptom at synth, plan or apply."""
    fix: ClassVar[str]
    """The change the fix makes, or the reason there is none."""
    known_problems: ClassVar[str] = "None known."
    examples: ClassVar[tuple[Example, ...]] = ()
    valid: ClassVar[tuple[Valid, ...]] = ()

    calls: ClassVar[Collection[str] | Literal["*"]] = ()
    """Class names whose calls this entry inspects, or "*" for every resolved call."""
    handles_imports: ClassVar[bool] = False
    handles_references: ClassVar[bool] = False
    claims: ClassVar[tuple[tuple[str, str], ...]] = ()
    """(class, keyword) pairs this entry fixes, which generic entries then skip."""
    triggers: ClassVar[tuple[str, ...]] = ()
    """Words that must all occur in a file's text for `analyze` to run on it."""
    analyze_after_walk: ClassVar[bool] = False
    """Run `analyze` on what the transforming walk saw, sparing a pre-pass.

    Only for entries that report and queue no edits: the walk is over by then.
    """

    @property
    def has_fix(self) -> bool:
        return any(
            example.after is not None and example.after != example.before
            for example in self.examples
        )

    def on_import_from(
        self,
        original: cst.ImportFrom,
        updated: cst.ImportFrom,
        module: str,
        ctx: Context,
    ) -> cst.ImportFrom:
        return updated

    def on_import(self, original: cst.Import, updated: cst.Import, ctx: Context) -> cst.Import:
        """Inspect a plain `import a.b.c [as x]` statement."""
        return updated

    def on_reference(
        self,
        original: cst.Attribute,
        updated: cst.BaseExpression,
        module: str,
        name: str,
        ctx: Context,
    ) -> cst.BaseExpression:
        """Inspect `pkg.module.Name` written as an attribute chain."""
        return updated

    def on_call(self, site: CallSite, updated: cst.Call, ctx: Context) -> cst.BaseExpression:
        return updated

    def analyze(self, model: StackModel, ctx: Context) -> None:
        """Inspect the whole stack; queue edits with `ctx.edit_call` and inserts."""
