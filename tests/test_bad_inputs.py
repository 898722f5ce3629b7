"""Bad and unusual inputs, run through the real command in a subprocess.

Each case builds its input in `tmp_path`, runs `python -m cdktf_fix`, and checks the
exit code, a fragment of standard error, and every file in `tmp_path` afterwards:
unchanged unless the case lists the bytes it must hold, with links still links.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

BROKEN_STACK = """\
# Names the café bucket.
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
"""A stack with one safe fix: CDKTF002 renames both uses of `S3BucketVersioning`."""

FIXED_STACK = BROKEN_STACK.replace("S3BucketVersioning", "S3BucketVersioningA")

LATIN1_COOKIE = "# -*- coding: latin-1 -*-\n"

BIG_STACK_LINES = 50_000


@dataclass
class Prepared:
    """The arguments a case runs and the files it expects to change."""

    args: list[str]
    changed: dict[str, bytes] = field(default_factory=dict)
    """Bytes that files (relative to `tmp_path`) must hold after the run."""
    stdout: str = ""
    """A fragment standard output must contain."""


@dataclass(frozen=True)
class Case:
    id: str
    make: Callable[[Path], Prepared]
    exit_code: int
    stderr: str
    """A fragment standard error must contain."""


def _write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def _fix_keeping(name: str, encode: Callable[[str], bytes]) -> Callable[[Path], Prepared]:
    """Build a case that fixes BROKEN_STACK written with `encode` and expects the same form."""

    def make(tmp: Path) -> Prepared:
        _write(tmp, name, encode(BROKEN_STACK))
        return Prepared(["fix", "--write", name], changed={name: encode(FIXED_STACK)})

    return make


def _one_file(name: str, data: bytes | str, *args: str) -> Callable[[Path], Prepared]:
    """Build a case that writes one file and runs `args` followed by its name."""

    def make(tmp: Path) -> Prepared:
        _write(tmp, name, data)
        return Prepared([*args, name])

    return make


def _unreadable(tmp: Path) -> Prepared:
    path = _write(tmp, "locked.py", BROKEN_STACK)
    path.chmod(0)
    try:
        path.read_bytes()
    except PermissionError:
        return Prepared(["check", "locked.py"])
    path.chmod(0o644)
    pytest.skip("mode 000 does not stop this user from reading (root bypasses it)")


def _dangling_link(tmp: Path) -> Prepared:
    (tmp / "gone.py").symlink_to(tmp / "missing-target.py")
    return Prepared(["fix", "--write", "gone.py"])


def _empty_folder(tmp: Path) -> Prepared:
    (tmp / "docs").mkdir()
    _write(tmp / "docs", "notes.txt", "not Python\n")
    return Prepared(["check", "docs"])


def _big_stack(tmp: Path) -> Prepared:
    lines = BROKEN_STACK.splitlines()
    lines.insert(4, "from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket")
    call_at = lines.index('        S3BucketVersioning(self, "v", bucket="b", versioning_configuration={"status": "Enabled"})') + 1
    count = BIG_STACK_LINES - len(lines)
    buckets = [f'        S3Bucket(self, "b{i}", bucket="bucket-{i}")' for i in range(count)]
    lines[call_at:call_at] = buckets
    assert len(lines) == BIG_STACK_LINES
    _write(tmp, "big.py", "\n".join(lines) + "\n")
    return Prepared(["check", "big.py"], stdout="big.py:4:59: CDKTF002 Rename")


def _write_through_link(tmp: Path) -> Prepared:
    (tmp / "real").mkdir()
    _write(tmp / "real", "stack.py", BROKEN_STACK)
    (tmp / "link.py").symlink_to(Path("real") / "stack.py")
    return Prepared(["fix", "--write", "link.py"], changed={"real/stack.py": FIXED_STACK.encode()})


def _read_only(tmp: Path) -> Prepared:
    _write(tmp, "frozen.py", BROKEN_STACK).chmod(0o444)
    return Prepared(["fix", "--write", "frozen.py"])


def _one_fails_others_run(tmp: Path) -> Prepared:
    _write(tmp, "a_broken.py", "import cdktf\ndef (:\n")
    _write(tmp, "b_stack.py", BROKEN_STACK)
    return Prepared(
        ["fix", "--write", "a_broken.py", "missing.py", "b_stack.py"],
        changed={"b_stack.py": FIXED_STACK.encode()},
    )


def _bad_config(tmp: Path) -> Prepared:
    _write(tmp, "pyproject.toml", '[tool.cdktf-fix]\nselct = ["CDKTF002"]\n')
    _write(tmp, "stack.py", BROKEN_STACK)
    return Prepared(["check", "stack.py"])


CASES = [
    Case(
        "syntax-error",
        _one_file("bad.py", "import cdktf\ndef (:\n", "check"),
        3,
        "error: bad.py: syntax error at 2:",
    ),
    Case(
        "binary-file",
        _one_file("blob.py", b"cdktf\x00\x01\xff", "fix", "--write"),
        3,
        "error: blob.py: binary file",
    ),
    Case(
        "latin1-without-declaration",
        _one_file("latin.py", BROKEN_STACK.encode("latin-1"), "fix", "--write"),
        3,
        "error: latin.py: cannot decode as utf-8 at byte 15",
    ),
    Case("unreadable-file", _unreadable, 3, "error: locked.py: permission denied"),
    Case("dangling-symlink", _dangling_link, 3, "error: gone.py: dangling symbolic link"),
    Case(
        "missing-path",
        lambda tmp: Prepared(["check", "nowhere.py"]),
        3,
        "error: nowhere.py: no such file",
    ),
    Case("folder-without-python", _empty_folder, 0, "warning: docs: no Python files found"),
    Case(
        "crlf-kept",
        _fix_keeping("crlf.py", lambda text: text.replace("\n", "\r\n").encode()),
        0,
        "Fixed 1 finding(s) in 1 file(s)",
    ),
    Case(
        "tabs-kept",
        _fix_keeping("tabs.py", lambda text: text.replace("    ", "\t").encode()),
        0,
        "Fixed 1 finding(s) in 1 file(s)",
    ),
    Case(
        "bom-kept",
        _fix_keeping("bom.py", lambda text: text.encode("utf-8-sig")),
        0,
        "Fixed 1 finding(s) in 1 file(s)",
    ),
    Case(
        "latin1-declaration-kept",
        _fix_keeping("cookie.py", lambda text: (LATIN1_COOKIE + text).encode("latin-1")),
        0,
        "Fixed 1 finding(s) in 1 file(s)",
    ),
    Case(
        "empty-file",
        _one_file("empty.py", b"", "fix", "--write"),
        0,
        "Fixed 0 finding(s) in 0 file(s); 0 remaining",
    ),
    Case(
        "not-a-stack",
        _one_file("plain.py", "import os\n\nprint(os.getcwd())\n", "fix", "--write"),
        0,
        "Fixed 0 finding(s) in 0 file(s); 0 remaining",
    ),
    Case("stack-of-50000-lines", _big_stack, 1, "Found 1 finding(s): 1 fixable"),
    Case("write-through-symlink", _write_through_link, 0, "Fixed 1 finding(s) in 1 file(s)"),
    Case("write-read-only-file", _read_only, 3, "error: frozen.py: file is read-only; not written"),
    Case(
        "other-files-still-processed",
        _one_fails_others_run,
        3,
        "Fixed 1 finding(s) in 1 file(s); 0 remaining; 2 file(s) could not be processed",
    ),
    Case("bad-configuration", _bad_config, 2, "[tool.cdktf-fix] selct: unknown key"),
]


def _snapshot(folder: Path) -> dict[str, tuple[str, object, int]]:
    """Record every entry under `folder`: links by target, files by bytes and mode."""
    entries: dict[str, tuple[str, object, int]] = {}
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        info = path.lstat()
        if path.is_symlink():
            entries[name] = ("link", os.readlink(path), 0)
        elif path.is_dir():
            entries[name] = ("folder", None, 0)
        else:
            entries[name] = ("file", path.read_bytes(), stat.S_IMODE(info.st_mode))
    return entries


def _run_cli(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION": "20"}
    return subprocess.run(
        [sys.executable, "-m", "cdktf_fix", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_bad_input(case: Case, tmp_path: Path) -> None:
    prepared = case.make(tmp_path)
    before = _snapshot(tmp_path)
    expected = dict(before)
    for name, data in prepared.changed.items():
        kind, _, mode = before[name]
        expected[name] = (kind, data, mode)

    result = _run_cli(prepared.args, tmp_path)

    assert result.returncode == case.exit_code, result.stderr
    assert case.stderr in result.stderr
    assert prepared.stdout in result.stdout
    assert "Traceback" not in result.stderr
    after = _snapshot(tmp_path)
    assert sorted(after) == sorted(expected), "files were added or removed"
    for name, entry in expected.items():
        assert after[name] == entry, f"{name} is not as expected"
