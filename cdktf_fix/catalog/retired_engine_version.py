from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import libcst as cst

from cdktf_fix.catalog.base import Entry, Example, Valid
from cdktf_fix.results import Safety

if TYPE_CHECKING:
    from cdktf_fix.walk import CallSite, Context, StackModel

TABLE_PATH = Path(__file__).parent.parent / "data" / "engine_versions.toml"
OFFERED = {"offered", "lts"}


@dataclass(frozen=True)
class VersionTable:
    date: str
    engines: dict[str, dict[str, str]]
    complete_majors: dict[str, frozenset[str]]

    def replacement(self, engine: str, version: str) -> str | None:
        """Return the nearest newer offered minor of the same major."""
        major = version.split(".")[0]
        newer = [
            candidate
            for candidate, status in self.engines.get(engine, {}).items()
            if status in OFFERED
            and candidate.split(".")[0] == major
            and _key(candidate) > _key(version)
        ]
        return min(newer, key=_key) if newer else None


def _key(version: str) -> tuple[int, ...]:
    return tuple(int(part) if part.isdigit() else 0 for part in version.split("."))


@functools.cache
def load_table(path: Path = TABLE_PATH) -> VersionTable:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    engines: dict[str, dict[str, str]] = {}
    complete: dict[str, frozenset[str]] = {}
    for engine, versions in data["engines"].items():
        complete[engine] = frozenset(versions.pop("complete-majors", ()))
        engines[engine] = dict(versions)
    return VersionTable(str(data["date"]), engines, complete)


def string_value(arg: cst.Arg | None) -> str | None:
    if arg is None or not isinstance(arg.value, cst.SimpleString):
        return None
    value = arg.value.evaluated_value
    return value if isinstance(value, str) else None


def module_constants(model: StackModel) -> dict[str, tuple[str, cst.SimpleStatementLine]]:
    """Return the module-level names bound once to a string literal, with their line."""
    if model.module is None:
        return {}
    found: dict[str, tuple[str, cst.SimpleStatementLine]] = {}
    seen: set[str] = set()
    for line in model.module.body:
        if not isinstance(line, cst.SimpleStatementLine) or len(line.body) != 1:
            continue
        assign = line.body[0]
        if not isinstance(assign, cst.Assign) or len(assign.targets) != 1:
            continue
        target = assign.targets[0].target
        if not isinstance(target, cst.Name):
            continue
        name = target.value
        value = assign.value
        if name in seen:
            found.pop(name, None)
            continue
        seen.add(name)
        if isinstance(value, cst.SimpleString) and isinstance(value.evaluated_value, str):
            found[name] = (value.evaluated_value, line)
    return found


def _with_constant(version: str):  # noqa: ANN202 - a statement edit
    def edit(line: cst.SimpleStatementLine) -> cst.SimpleStatementLine:
        assign = line.body[0]
        if not isinstance(assign, cst.Assign) or not isinstance(assign.value, cst.SimpleString):
            return line
        quote = assign.value.quote
        new = assign.with_changes(value=cst.SimpleString(f"{quote}{version}{quote}"))
        return line.with_changes(body=[new])

    return edit


class RetiredEngineVersion(Entry):
    code = "CDKTF012"
    slug = "retired-engine-version"
    title = "Database engine version AWS no longer offers"
    safety = Safety.UNSAFE
    detects = (
        "An `engine_version` literal that the dated engine version table lists as "
        "retired for the literal `engine`, such as Aurora PostgreSQL 15.3, or a "
        "version of a fully listed major that was never released (15.9)."
    )
    why = (
        "Synth and `terraform validate` do not check engine versions. Creating a "
        "cluster with a retired minor fails at apply time, when AWS rejects the "
        "version."
    )
    fix = (
        "Moves a retired version to the nearest newer minor of the same major that "
        "the table lists as offered, and names the table's date. It is unsafe: it "
        "changes the deployed engine version. Versions never released are reported."
    )
    known_problems = (
        "The table is dated and needs rechecking as AWS retires versions; a version "
        "offered after that date is left alone unless its major is marked complete."
    )
    examples = (
        Example(
            "version in a module constant",
            """
            from cdktf_cdktf_provider_aws.rds_cluster import RdsCluster

            PG_VERSION = "15.3"

            RdsCluster(self, "db", engine="aurora-postgresql", engine_version=PG_VERSION)
            """,
            """
            from cdktf_cdktf_provider_aws.rds_cluster import RdsCluster

            PG_VERSION = "15.4"

            RdsCluster(self, "db", engine="aurora-postgresql", engine_version=PG_VERSION)
            """,
        ),
        Example(
            "retired aurora minor",
            """
            from cdktf_cdktf_provider_aws.rds_cluster import RdsCluster

            RdsCluster(self, "db", engine="aurora-postgresql", engine_version="15.3")
            """,
            """
            from cdktf_cdktf_provider_aws.rds_cluster import RdsCluster

            RdsCluster(self, "db", engine="aurora-postgresql", engine_version="15.4")
            """,
        ),
        Example(
            "instance that takes the cluster's engine",
            """
            from cdktf_cdktf_provider_aws.rds_cluster import RdsCluster
            from cdktf_cdktf_provider_aws.rds_cluster_instance import RdsClusterInstance

            db = RdsCluster(self, "db", engine="aurora-postgresql", engine_version="15.3")
            RdsClusterInstance(self, "i", cluster_identifier=db.id, instance_class="db.r6g.large", engine=db.engine, engine_version="15.3")
            """,
            """
            from cdktf_cdktf_provider_aws.rds_cluster import RdsCluster
            from cdktf_cdktf_provider_aws.rds_cluster_instance import RdsClusterInstance

            db = RdsCluster(self, "db", engine="aurora-postgresql", engine_version="15.4")
            RdsClusterInstance(self, "i", cluster_identifier=db.id, instance_class="db.r6g.large", engine=db.engine, engine_version="15.4")
            """,
        ),
        Example(
            "never released",
            """
            from cdktf_cdktf_provider_aws.rds_cluster import RdsCluster

            RdsCluster(self, "db", engine="aurora-postgresql", engine_version="15.9")
            """,
        ),
    )
    valid = (
        Valid(
            "offered and unlisted versions",
            """
            from cdktf_cdktf_provider_aws.rds_cluster import RdsCluster
            from cdktf_cdktf_provider_aws.db_instance import DbInstance

            RdsCluster(self, "a", engine="aurora-postgresql", engine_version="15.10")
            RdsCluster(self, "b", engine="aurora-postgresql", engine_version="16.4")
            RdsCluster(self, "c", engine="aurora-postgresql", engine_version=version)
            RdsCluster(self, "e", engine="aurora-postgresql", engine_version="15")
            DbInstance(self, "d", engine="postgres", engine_version="15.3", instance_class="db.t4g.micro")
            """,
        ),
    )

    calls = ("RdsCluster", "RdsClusterInstance", "DbInstance", "RdsGlobalCluster")
    triggers = ("engine=",)

    def analyze(self, model: StackModel, ctx: Context) -> None:
        """Note the literal engine of each cluster variable, for `engine=db.engine`."""
        engines: dict[str, str] = {}
        for site in model.calls_of(*self.calls):
            engine = string_value(site.keyword("engine"))
            if site.target is not None and engine is not None:
                engines[site.target] = engine
        ctx.shared[self.code] = engines
        constants = module_constants(model)
        for site in model.calls_of(*self.calls):
            arg = site.keyword("engine_version")
            if arg is not None and isinstance(arg.value, cst.Name) and site.module:
                # The constant's line comes before the call, so its edit is queued now.
                self._constant_version(self._engine(site, ctx), arg, constants, ctx)

    def _engine(self, site: CallSite, ctx: Context) -> str | None:
        arg = site.keyword("engine")
        literal = string_value(arg)
        if literal is not None or arg is None:
            return literal
        value = arg.value
        if isinstance(value, cst.Attribute) and value.attr.value == "engine":
            owner = cst.Module([]).code_for_node(value.value)
            engines = ctx.shared.get(self.code)
            if isinstance(engines, dict):
                return engines.get(owner)
        return None

    def on_call(self, site: CallSite, updated: cst.Call, ctx: Context) -> cst.BaseExpression:
        if site.module is None:
            return updated
        engine = self._engine(site, ctx)
        version_arg = site.keyword("engine_version")
        version = string_value(version_arg)
        table = load_table()
        if engine is None or version is None or engine not in table.engines:
            return updated
        assert version_arg is not None
        status = table.engines[engine].get(version)
        if status == "retired":
            return self._retired(engine, version, version_arg, updated, ctx)
        major = version.split(".")[0]
        # A major alone ("15") lets AWS pick the minor: it is not a release name.
        if status is None and "." in version and major in table.complete_majors.get(engine, ()):
            message = (
                f"`{engine}` {version} was never released (engine version table of "
                f"{table.date}); choose an offered {major}.x version"
            )
            ctx.report(self, version_arg, message, safety=Safety.DETECT_ONLY)
        return updated

    def _constant_version(
        self,
        engine: str | None,
        arg: cst.Arg,
        constants: dict[str, tuple[str, cst.SimpleStatementLine]],
        ctx: Context,
    ) -> None:
        """Move a retired version that a module constant contains (`VERSION = "15.3"`)."""
        assert isinstance(arg.value, cst.Name)
        if engine is None or arg.value.value not in constants:
            return
        name = arg.value.value
        version, line = constants[name]
        table = load_table()
        newer = table.replacement(engine, version)
        if table.engines.get(engine, {}).get(version) != "retired" or newer is None:
            return
        message = (
            f"Change `{name}` from {version} to {newer}: `{engine}` {version} is retired, "
            f"{newer} is the nearest newer offered minor (engine version table of {table.date})"
        )
        edited = ctx.shared.setdefault(f"{self.code}:edited", set())
        if ctx.report(self, arg, message) and isinstance(edited, set) and name not in edited:
            edited.add(name)
            ctx.edit_statement(line, _with_constant(newer))

    def _retired(
        self, engine: str, version: str, arg: cst.Arg, updated: cst.Call, ctx: Context
    ) -> cst.Call:
        table = load_table()
        newer = table.replacement(engine, version)
        if newer is None:
            message = f"`{engine}` {version} is retired (table of {table.date}) and no newer minor is listed"
            ctx.report(self, arg, message, safety=Safety.DETECT_ONLY)
            return updated
        message = (
            f"Change `{engine}` {version} to {newer}: {version} is retired, {newer} is "
            f"the nearest newer offered minor (engine version table of {table.date})"
        )
        if not ctx.report(self, arg, message):
            return updated
        assert isinstance(arg.value, cst.SimpleString)
        quote = arg.value.quote
        args = [
            a.with_changes(value=cst.SimpleString(f"{quote}{newer}{quote}"))
            if a.keyword is not None and a.keyword.value == "engine_version"
            else a
            for a in updated.args
        ]
        return updated.with_changes(args=args)
