"""Reading source files faithfully and replacing them safely."""

from __future__ import annotations

import io
import os
import stat
import tempfile
import tokenize
from dataclasses import dataclass
from pathlib import Path

from cdktf_fix.results import InputError


class SourceError(Exception):
    """A file that cannot be processed; carries the `InputError` to report."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.error = InputError(kind, message)


@dataclass(frozen=True)
class Source:
    """A decoded source file and what is needed to write it back byte-faithfully."""

    path: Path | None
    raw: bytes
    text: str
    encoding: str
    """The codec that reproduces the file: `utf-8-sig` keeps a byte-order mark."""

    def encode(self, text: str) -> bytes:
        return text.encode(self.encoding)


def decode(raw: bytes, path: Path | None = None) -> Source:
    """Decode Python source as the interpreter would: BOM, then PEP 263 cookie."""
    if b"\x00" in raw:
        raise SourceError("binary", "binary file (contains NUL bytes), not Python source")
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(raw).readline)
    except SyntaxError as error:
        # tokenize raises this when the first two lines are not UTF-8 and contain no
        # declaration, so decoding as UTF-8 below reports the offending byte.
        if "invalid or missing encoding declaration" not in str(error):
            raise SourceError("encoding", f"invalid coding declaration: {error}") from None
        encoding = "utf-8"
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as error:
        hint = " (add a PEP 263 coding declaration)" if encoding == "utf-8" else ""
        raise SourceError(
            "encoding",
            f"cannot decode as {encoding} at byte {error.start}{hint}",
        ) from None
    except LookupError:
        raise SourceError("encoding", f"unknown encoding {encoding!r}") from None
    return Source(path, raw, text, encoding)


def read_source(path: Path) -> Source:
    """Read and decode a file; raise SourceError with a one-line reason."""
    if path.is_symlink() and not path.exists():
        raise SourceError("missing", "dangling symbolic link")
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise SourceError("missing", "no such file") from None
    except IsADirectoryError:
        raise SourceError("unreadable", "is a directory") from None
    except PermissionError:
        raise SourceError("unreadable", "permission denied") from None
    except OSError as error:
        raise SourceError("unreadable", error.strerror or str(error)) from None
    return decode(raw, path)


def write_atomically(source: Source, new_text: str) -> None:
    """Replace the file with `new_text`, or leave it exactly as it was.

    The bytes go to a temporary file in the same folder, which then replaces the
    target in one rename, so a crash never leaves half a file. The file's mode is
    kept. A symbolic link is followed, so the link stays and its target changes.
    If the file changed since it was read, nothing is written.
    """
    assert source.path is not None
    target = Path(os.path.realpath(source.path))
    try:
        current = target.read_bytes()
    except OSError as error:
        raise SourceError("unreadable", error.strerror or str(error)) from None
    if current != source.raw:
        raise SourceError("changed", "file changed since it was read; not written")
    mode = stat.S_IMODE(target.stat().st_mode)
    # Root may write anything, so the mode bits decide what "read-only" means.
    if not mode & stat.S_IWUSR or not os.access(target, os.W_OK):
        raise SourceError("unwritable", "file is read-only; not written")
    data = source.encode(new_text)
    try:
        handle, temp_name = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".cdktf-fix", dir=target.parent
        )
    except OSError as error:
        raise SourceError("unwritable", f"cannot create a file beside it: {error.strerror}") from None
    try:
        with os.fdopen(handle, "wb") as temp:
            temp.write(data)
            temp.flush()
            os.fsync(temp.fileno())
        os.chmod(temp_name, mode)
        os.replace(temp_name, target)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
