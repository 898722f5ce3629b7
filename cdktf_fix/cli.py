"""The `cdktf-fix` command line.

Exit codes: 0 means nothing is left to report. 1 means `check` found something,
`fix` would change a file, or `fix --write` left findings it cannot fix. 2 is a
usage, configuration or internal error. 3 means some input could not be read,
decoded or parsed, and the other files were still processed.
"""

from __future__ import annotations

import fnmatch
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from cdktf_fix import __version__
from cdktf_fix.results import ExitCode

if TYPE_CHECKING:
    from cdktf_fix.config import Config
    from cdktf_fix.engine import Engine
    from cdktf_fix.report import Report

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Find and fix the faults that keep model-written CDKTF stacks from deploying.",
    pretty_exceptions_enable=False,
)
index_app = typer.Typer(no_args_is_help=True, help="Build and inspect provider indexes.")
app.add_typer(index_app, name="index")

INDEX_ERRORS = (OSError, ValueError, KeyError, EOFError)
"""Errors raised when an index file is missing, truncated or of another format."""

SKIPPED_FOLDERS = {".git", ".venv", "venv", "__pycache__", "node_modules", "cdktf.out", ".tox"}

PathsArgument = Annotated[
    list[str], typer.Argument(help="Files or folders to process; `-` reads standard input.")
]
SelectOption = Annotated[
    Optional[list[str]],
    typer.Option(
        "--select", help="Run only these rule codes, code prefixes or slugs; commas allowed."
    ),
]
IgnoreOption = Annotated[
    Optional[list[str]], typer.Option("--ignore", help="Skip these rule codes, code prefixes or slugs; commas allowed.")
]
UnsafeOption = Annotated[
    Optional[bool],
    typer.Option(
        "--unsafe-fixes/--no-unsafe-fixes",
        help="Also apply fixes that change deployed behaviour or pick among options.",
    ),
]
IndexOption = Annotated[
    Optional[Path], typer.Option("--index", help="Provider index file to use instead of the shipped one.")
]
ConfigOption = Annotated[
    Optional[Path],
    typer.Option("--config", help="pyproject.toml to read; found from the current folder by default."),
]


def _fail(message: str, code: ExitCode = ExitCode.ERROR) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(int(code))


def _version_callback(value: bool) -> None:
    if not value:
        return
    from cdktf_fix.index import load_index

    try:
        index = load_index(None)
        described = f"{index.npm_package} {index.version}"
    except INDEX_ERRORS as error:
        described = f"no index ({error})"
    typer.echo(f"cdktf-fix {__version__} (provider index: {described})")
    raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version_callback, is_eager=True, help="Show the version and the provider index in use."),
    ] = False,
) -> None:
    """Find and fix the faults that keep model-written CDKTF stacks from deploying."""


def _load_config(config_path: Path | None) -> Config:
    from cdktf_fix.config import ConfigError, find_pyproject, load_config

    try:
        return load_config(config_path or find_pyproject(Path.cwd()))
    except ConfigError as error:
        raise _fail(str(error)) from None


def _engine(
    config: Config,
    select: list[str] | None,
    ignore: list[str] | None,
    unsafe_fixes: bool | None,
    index_path: Path | None,
) -> Engine:
    from cdktf_fix.catalog import all_entries
    from cdktf_fix.engine import Engine, UnknownCodeError, select_entries
    from cdktf_fix.index import load_index
    from cdktf_fix.options import Options

    options = Options(
        select=tuple(select) if select else config.select,
        ignore=(*config.ignore, *(ignore or ())),
        unsafe_fixes=config.unsafe_fixes if unsafe_fixes is None else unsafe_fixes,
        allow_multiple_stacks=config.allow_multiple_stacks,
        index_path=index_path or config.index,
    )
    try:
        entries = select_entries(all_entries(), options.select, options.ignore)
        index = load_index(options.index_path)
    except UnknownCodeError as error:
        raise _fail(str(error)) from None
    except INDEX_ERRORS as error:
        raise _fail(f"cannot load provider index {options.index_path or ''}: {error}") from None
    return Engine(entries, options, index)


def _expand(paths: list[str], exclude: tuple[str, ...], report: Report) -> list[str]:
    """Expand folders into their Python files; keep files and `-` as given."""
    expanded: list[str] = []
    for given in paths:
        path = Path(given)
        if given == "-" or not path.is_dir():
            expanded.append(given)
            continue
        found = sorted(
            str(p)
            for p in path.rglob("*.py")
            if not SKIPPED_FOLDERS.intersection(p.relative_to(path).parts[:-1])
            and not any(fnmatch.fnmatch(str(p), pattern) for pattern in exclude)
        )
        if not found:
            report.err.write(f"warning: {given}: no Python files found\n")
        expanded.extend(found)
    return expanded


def _run(
    paths: list[str],
    mode_name: str,
    select: list[str] | None,
    ignore: list[str] | None,
    unsafe_fixes: bool | None,
    index_path: Path | None,
    config_path: Path | None,
) -> None:
    from cdktf_fix.report import Mode, Report

    config = _load_config(config_path)
    engine = _engine(config, select, ignore, unsafe_fixes, index_path)
    mode = Mode(mode_name)
    report = Report(mode, sys.stdout, sys.stderr)
    fixing = mode is not Mode.CHECK
    for given in _expand(paths, config.exclude, report):
        if given == "-":
            report.add(engine.run_bytes(sys.stdin.buffer.read(), "-", fixing=fixing))
            continue
        path = Path(given)
        result = engine.fix_path(path, given) if fixing else engine.check_path(path, given)
        report.add(result)
        if mode is Mode.WRITE and result.changed:
            from cdktf_fix.source import SourceError, read_source, write_atomically

            try:
                source = read_source(path)
                if source.text != result.original:
                    raise SourceError("changed", "file changed since it was read; not written")
                assert result.fixed is not None
                write_atomically(source, result.fixed)
            except SourceError as error:
                report.add_write_error(result, error.error.message)
    sys.stdout.flush()
    typer.echo(report.summary(), err=True)
    raise typer.Exit(int(report.exit_code()))


@app.command()
def check(
    paths: PathsArgument,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    index: IndexOption = None,
    config: ConfigOption = None,
) -> None:
    """Report findings without changing anything."""
    _run(paths, "check", select, ignore, False, index, config)


@app.command()
def fix(
    paths: PathsArgument,
    write: Annotated[bool, typer.Option("--write", help="Apply the fixes to the files in place.")] = False,
    diff: Annotated[bool, typer.Option("--diff", help="Print a unified diff (the default without --write).")] = False,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    unsafe_fixes: UnsafeOption = None,
    index: IndexOption = None,
    config: ConfigOption = None,
) -> None:
    """Print the fixes as a unified diff, or apply them with --write.

    With `-`, standard input is read and the fixed source is printed; with
    --diff, the diff is printed instead.
    """
    if write and diff:
        raise _fail("--write and --diff exclude each other")
    if write and "-" in paths:
        raise _fail("--write cannot write standard input; drop --write to print the fixed source")
    if "-" in paths and len(paths) > 1:
        raise _fail("`-` cannot be combined with other paths")
    if write:
        mode = "write"
    elif "-" in paths and not diff:
        mode = "stdout"
    else:
        mode = "diff"
    _run(paths, mode, select, ignore, unsafe_fixes, index, config)


@app.command()
def rules() -> None:
    """List the catalog: code, fix safety, slug and title of every entry."""
    from cdktf_fix.catalog import all_entries

    for entry in all_entries():
        typer.echo(f"{entry.code}  {entry.safety.label:<11}  {entry.slug:<32} {entry.title}")


@app.command()
def explain(code: Annotated[str, typer.Argument(help="Rule code (CDKTF002) or slug.")]) -> None:
    """Show one catalog entry: what it detects, why it fails, examples and fix safety."""
    from cdktf_fix.catalog import entry_for
    from cdktf_fix.catalog.docs import render_entry

    entry = entry_for(code)
    if entry is None:
        raise _fail(f"unknown rule {code!r}; `cdktf-fix rules` lists them")
    typer.echo(render_entry(entry))


@app.command("check-json")
def check_json(
    paths: Annotated[list[Path], typer.Argument(help="Synthesized cdk.tf.json files, or folders to search for them.")],
    index: IndexOption = None,
) -> None:
    """Check synthesized Terraform JSON against the provider index, offline."""
    from cdktf_fix.index import load_index
    from cdktf_fix.jsoncheck import check_file, stack_files

    try:
        provider = load_index(index)
    except INDEX_ERRORS as error:
        raise _fail(f"cannot load provider index {index or ''}: {error}") from None
    status = ExitCode.OK
    for given in paths:
        files = stack_files(given)
        if not files:
            typer.echo(f"warning: {given}: no cdk.tf.json found", err=True)
        for path in files:
            try:
                findings = check_file(path, provider)
            except OSError as error:
                typer.echo(f"error: {path}: {error.strerror or error}", err=True)
                status = ExitCode.INPUT
                continue
            except ValueError as error:
                typer.echo(f"error: {path}: invalid JSON: {error}", err=True)
                status = ExitCode.INPUT
                continue
            for finding in findings:
                typer.echo(f"{path}: {finding.render()}")
            if findings and status is ExitCode.OK:
                status = ExitCode.FINDINGS
    raise typer.Exit(int(status))


@index_app.command("build")
def index_build(
    out: Annotated[Path, typer.Option("--out", help="Where to write the index (.json.gz).")],
    jsii: Annotated[Optional[Path], typer.Option("--jsii", help="The provider's .jsii.tgz assembly.")] = None,
    cdktf_jsii: Annotated[Optional[Path], typer.Option("--cdktf-jsii", help="cdktf's own .jsii.tgz, for the meta-arguments.")] = None,
) -> None:
    """Build a provider index from a jsii assembly."""
    from cdktf_fix.index.build import build_index, find_cdktf_assembly, write_index

    if jsii is None:
        raise _fail("--jsii is required: pass the provider's .jsii.tgz")
    try:
        document = build_index(jsii, cdktf_jsii or find_cdktf_assembly())
        write_index(document, out)
    except (OSError, ValueError, KeyError) as error:
        raise _fail(f"cannot build an index from {jsii}: {error}") from None
    typer.echo(f"wrote {out}", err=True)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("error: interrupted\n")
        sys.exit(int(ExitCode.ERROR))
