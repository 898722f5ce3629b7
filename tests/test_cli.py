"""The `cdktf-fix` command, run in a subprocess so exit codes and streams are real."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from cdktf_fix import __version__
from cdktf_fix.catalog import all_entries

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
BROKEN_SAMPLES = sorted((SAMPLES / "kinds").glob("*.py")) + [SAMPLES / "fintech_stack.py"]
CLEAN_SAMPLE = SAMPLES / "kinds" / "fixed" / "cdktf002_missing_a_suffix.py"
UNSAFE_ONLY_SAMPLE = SAMPLES / "kinds" / "cdktf012_retired_engine_version.py"
"""A stack whose only findings have unsafe fixes, so `fix --write` leaves them."""

BROKEN_STACK = """\
from constructs import Construct
from cdktf import App, TerraformStack
from cdktf_cdktf_provider_aws.s3_bucket_versioning import S3BucketVersioning


class Demo(TerraformStack):
    def __init__(self, scope: Construct, id: str):
        super().__init__(scope, id)
        S3BucketVersioning(self, "v", bucket="b", versioning_configuration={"status": "Enabled"})


app = App()
Demo(app, "demo")
app.synth()
"""
"""One CDKTF002 finding with a safe fix, reported at the import on line 3."""

FIXED_STACK = BROKEN_STACK.replace("S3BucketVersioning", "S3BucketVersioningA")

IMPORT_LINE = "from cdktf_cdktf_provider_aws.s3_bucket_versioning import S3BucketVersioning\n"


def run_cli(
    *args: str | Path, cwd: Path = ROOT, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION": "20"}
    return subprocess.run(
        [sys.executable, "-m", "cdktf_fix", *map(str, args)],
        cwd=cwd,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    path = tmp_path / "stack.py"
    path.write_text(BROKEN_STACK, encoding="utf-8")
    return path


# Exit codes


def test_check_clean_exits_0() -> None:
    result = run_cli("check", CLEAN_SAMPLE)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""


def test_check_findings_exits_1(broken: Path) -> None:
    result = run_cli("check", broken)
    assert result.returncode == 1, result.stderr
    assert f"{broken}:3:59: CDKTF002 Rename `S3BucketVersioning`" in result.stdout
    assert "[fix available]" in result.stdout
    assert broken.read_text(encoding="utf-8") == BROKEN_STACK


def test_check_unknown_option_exits_2(broken: Path) -> None:
    result = run_cli("check", "--no-such-option", broken)
    assert result.returncode == 2
    assert "No such option" in result.stderr


def test_check_missing_file_exits_3(tmp_path: Path) -> None:
    result = run_cli("check", tmp_path / "absent.py")
    assert result.returncode == 3
    assert f"error: {tmp_path / 'absent.py'}: no such file" in result.stderr


def test_fix_clean_exits_0() -> None:
    result = run_cli("fix", CLEAN_SAMPLE)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""


def test_fix_diff_exits_1(broken: Path) -> None:
    result = run_cli("fix", broken)
    assert result.returncode == 1, result.stderr
    assert "-from cdktf_cdktf_provider_aws.s3_bucket_versioning import S3BucketVersioning\n" in result.stdout
    assert "+        S3BucketVersioningA(self" in result.stdout
    assert "Would fix 1 finding(s) in 1 file(s); 0 remaining" in result.stderr
    assert broken.read_text(encoding="utf-8") == BROKEN_STACK


def test_fix_write_exits_0(broken: Path) -> None:
    result = run_cli("fix", "--write", broken)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert "Fixed 1 finding(s) in 1 file(s); 0 remaining" in result.stderr
    assert broken.read_text(encoding="utf-8") == FIXED_STACK


def test_fix_write_leaving_unsafe_exits_1(tmp_path: Path) -> None:
    path = tmp_path / "engines.py"
    shutil.copyfile(UNSAFE_ONLY_SAMPLE, path)
    result = run_cli("fix", "--write", path)
    assert result.returncode == 1, result.stderr
    assert "CDKTF012" in result.stderr
    assert "[unsafe fix available: --unsafe-fixes]" in result.stderr
    assert path.read_bytes() == UNSAFE_ONLY_SAMPLE.read_bytes()


def test_fix_write_with_unsafe_fixes_exits_0(tmp_path: Path) -> None:
    path = tmp_path / "engines.py"
    shutil.copyfile(UNSAFE_ONLY_SAMPLE, path)
    result = run_cli("fix", "--write", "--unsafe-fixes", path)
    assert result.returncode == 0, result.stderr
    assert path.read_bytes() != UNSAFE_ONLY_SAMPLE.read_bytes()


def test_fix_write_and_diff_exits_2(broken: Path) -> None:
    result = run_cli("fix", "--write", "--diff", broken)
    assert result.returncode == 2
    assert "error: --write and --diff exclude each other" in result.stderr
    assert broken.read_text(encoding="utf-8") == BROKEN_STACK


def test_fix_unparsable_exits_3(tmp_path: Path, broken: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("import cdktf\nclass (:\n", encoding="utf-8")
    result = run_cli("fix", bad, broken)
    assert result.returncode == 3
    assert f"error: {bad}: syntax error at 2:" in result.stderr
    assert "+        S3BucketVersioningA(self" in result.stdout


# Rule selection


@pytest.mark.parametrize(
    ("flags", "exit_code"),
    [
        pytest.param(["--select", "CDKTF002"], 1, id="select-the-rule"),
        pytest.param(["--select", "cdktf00"], 1, id="select-lowercase-prefix"),
        pytest.param(["--select", "CDKTF003"], 0, id="select-another-rule"),
        pytest.param(["--ignore", "CDKTF002"], 0, id="ignore-the-rule"),
        pytest.param(["--select", "CDKTF00", "--ignore", "CDKTF002"], 0, id="select-then-ignore"),
    ],
)
def test_check_select_ignore(broken: Path, flags: list[str], exit_code: int) -> None:
    result = run_cli("check", *flags, broken)
    assert result.returncode == exit_code, result.stderr


@pytest.mark.parametrize("flag", ["--select", "--ignore"])
def test_unknown_code_exits_2(broken: Path, flag: str) -> None:
    result = run_cli("check", flag, "CDKTF999", broken)
    assert result.returncode == 2
    assert "error: unknown rule code 'CDKTF999'" in result.stderr


# Standard input


def test_fix_stdin_prints_fixed_source() -> None:
    result = run_cli("fix", "-", stdin=BROKEN_STACK)
    assert result.returncode == 1, result.stderr
    assert result.stdout == FIXED_STACK


def test_fix_stdin_clean_prints_source() -> None:
    result = run_cli("fix", "-", stdin=FIXED_STACK)
    assert result.returncode == 0, result.stderr
    assert result.stdout == FIXED_STACK


def test_fix_diff_stdin_prints_diff() -> None:
    result = run_cli("fix", "--diff", "-", stdin=BROKEN_STACK)
    assert result.returncode == 1, result.stderr
    assert result.stdout.startswith("--- a/-\n+++ b/-\n@@ ")
    assert "+from cdktf_cdktf_provider_aws.s3_bucket_versioning import S3BucketVersioningA\n" in result.stdout


@pytest.mark.parametrize(
    "encode",
    [
        pytest.param(lambda text: text.replace("\n", "\r\n").encode(), id="crlf"),
        pytest.param(lambda text: text.encode("utf-8-sig"), id="bom"),
        pytest.param(
            lambda text: ("# -*- coding: latin-1 -*-\n# café\n" + text).encode("latin-1"),
            id="latin1-declaration",
        ),
    ],
)
def test_fix_stdin_keeps_encoding(encode: Callable[[str], bytes]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "cdktf_fix", "fix", "-"],
        input=encode(BROKEN_STACK),
        capture_output=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 1, result.stderr.decode()
    assert result.stdout == encode(FIXED_STACK)


def test_fix_write_stdin_exits_2() -> None:
    result = run_cli("fix", "--write", "-", stdin=BROKEN_STACK)
    assert result.returncode == 2
    assert "--write cannot write standard input" in result.stderr


# Information commands


def test_rules_lists_every_entry() -> None:
    result = run_cli("rules")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    entries = all_entries()
    assert len(lines) == len(entries)
    for line, entry in zip(lines, entries):
        assert line.startswith(f"{entry.code}  {entry.safety.label}")
        assert entry.slug in line


def test_explain_known_code() -> None:
    result = run_cli("explain", "CDKTF002")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("CDKTF002 missing-a-suffix:")
    for heading in ("What it detects", "Why it fails", "Example"):
        assert f"\n{heading}\n" in result.stdout


def test_explain_unknown_code_exits_2() -> None:
    result = run_cli("explain", "CDKTF999")
    assert result.returncode == 2
    assert "unknown rule 'CDKTF999'" in result.stderr


def test_version() -> None:
    result = run_cli("--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"cdktf-fix {__version__} (provider index: ")


# Suppression comments


@pytest.mark.parametrize(
    ("source", "exit_code"),
    [
        pytest.param(
            BROKEN_STACK.replace(IMPORT_LINE, IMPORT_LINE[:-1] + "  # cdktf-fix: ignore[CDKTF002]\n"),
            0,
            id="same-line",
        ),
        pytest.param(
            BROKEN_STACK.replace(IMPORT_LINE, "# cdktf-fix: ignore[CDKTF002]\n" + IMPORT_LINE),
            0,
            id="line-above",
        ),
        pytest.param(
            BROKEN_STACK.replace(IMPORT_LINE, "# cdktf-fix: ignore\n" + IMPORT_LINE),
            0,
            id="line-above-every-code",
        ),
        pytest.param(
            BROKEN_STACK.replace(IMPORT_LINE, "# cdktf-fix: ignore[CDKTF004]\n" + IMPORT_LINE),
            1,
            id="line-above-other-code",
        ),
        pytest.param(
            BROKEN_STACK.replace(IMPORT_LINE, "\n# cdktf-fix: ignore[CDKTF002]\n\n" + IMPORT_LINE),
            1,
            id="two-lines-above",
        ),
        pytest.param(BROKEN_STACK + "# cdktf-fix: ignore-file[CDKTF002]\n", 0, id="file"),
        pytest.param(BROKEN_STACK + "# cdktf-fix: ignore-file[CDKTF004]\n", 1, id="file-other-code"),
    ],
)
def test_suppression_comment(tmp_path: Path, source: str, exit_code: int) -> None:
    path = tmp_path / "stack.py"
    path.write_text(source, encoding="utf-8")
    check = run_cli("check", path)
    assert check.returncode == exit_code, check.stdout + check.stderr
    fix = run_cli("fix", "--write", path)
    assert fix.returncode == 0, fix.stderr
    expected = source if exit_code == 0 else source.replace("S3BucketVersioning", "S3BucketVersioningA")
    assert path.read_text(encoding="utf-8") == expected


# The printed diff and --write agree

LATIN1_STACK = "# -*- coding: latin-1 -*-\n# Names the café bucket.\n" + BROKEN_STACK
ODD_BREAKS_STACK = BROKEN_STACK.replace("\n\napp = App()", '\n\f\nNOTE = "a\u2028b"\napp = App()')
"""A form feed line and a U+2028 inside a string: line breaks to `str.splitlines`, not to patch."""

PATCH_CASES = [
    pytest.param({"crlf.py": BROKEN_STACK.replace("\n", "\r\n").encode()}, id="crlf"),
    pytest.param({"no_final_newline.py": BROKEN_STACK.rstrip("\n").encode()}, id="no-final-newline"),
    pytest.param({"bom.py": BROKEN_STACK.encode("utf-8-sig")}, id="bom"),
    pytest.param({"latin1.py": LATIN1_STACK.encode("latin-1")}, id="latin1-declaration"),
    pytest.param({"odd_breaks.py": ODD_BREAKS_STACK.encode()}, id="form-feed-and-u2028"),
]


def _sample_files() -> dict[str, bytes]:
    return {sample.name: sample.read_bytes() for sample in BROKEN_SAMPLES}


@pytest.mark.parametrize(
    "files", [pytest.param(_sample_files(), id="samples"), *PATCH_CASES]
)
def test_patch_of_diff_equals_write(tmp_path: Path, files: dict[str, bytes]) -> None:
    written = tmp_path / "written"
    written.mkdir()
    for name, data in files.items():
        (written / name).write_bytes(data)
    patched = tmp_path / "patched"
    shutil.copytree(written, patched)

    # Bytes, not text, so that carriage returns in the diff reach `patch` unchanged.
    diff = subprocess.run(
        [sys.executable, "-m", "cdktf_fix", "fix", "--unsafe-fixes", "."],
        cwd=written,
        capture_output=True,
        timeout=300,
        check=False,
    )
    assert diff.returncode == 1, diff.stderr.decode()
    applied = subprocess.run(
        ["patch", "-p1", "--batch", "--fuzz=0", "--no-backup-if-mismatch"],
        cwd=patched,
        input=diff.stdout,
        capture_output=True,
        check=False,
    )
    assert applied.returncode == 0, applied.stdout.decode() + applied.stderr.decode()
    write = run_cli("fix", "--write", "--unsafe-fixes", ".", cwd=written)
    assert write.returncode in (0, 1), write.stderr

    assert sorted(p.name for p in patched.iterdir()) == sorted(files)
    assert any((written / name).read_bytes() != data for name, data in files.items())
    for name in files:
        assert (patched / name).read_bytes() == (written / name).read_bytes(), name
