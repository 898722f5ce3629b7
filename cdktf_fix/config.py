"""The `[tool.cdktf-fix]` table of pyproject.toml."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path


class ConfigError(Exception):
    """An invalid configuration; the message names the file and the key."""


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    unsafe_fixes: bool = False
    exclude: tuple[str, ...] = ()
    """Glob patterns matched against paths found when walking folders."""
    index: Path | None = None
    allow_multiple_stacks: bool = False
    """Whether several stacks in one file are intended (silences CDKTF001)."""
    source: Path | None = None


_LIST_KEYS = {"select", "ignore", "exclude"}
_BOOL_KEYS = {"unsafe-fixes", "allow-multiple-stacks"}
_PATH_KEYS = {"index"}


def find_pyproject(start: Path) -> Path | None:
    start = start.resolve()
    for folder in (start, *start.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


def load_config(path: Path | None) -> Config:
    """Read `[tool.cdktf-fix]` from `path`; a missing file or table gives defaults."""
    if path is None:
        return Config()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read: {error}") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML: {error}") from None
    table = data.get("tool", {}).get("cdktf-fix")
    if table is None:
        return Config(source=path)
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.cdktf-fix] must be a table")
    return _parse_table(path, table)


def _parse_table(path: Path, table: dict[str, object]) -> Config:
    values: dict[str, object] = {"source": path}
    for key, value in table.items():
        where = f"{path}: [tool.cdktf-fix] {key}"
        if key in _LIST_KEYS:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"{where}: expected a list of strings, got {value!r}")
            values[key] = tuple(value)
        elif key in _BOOL_KEYS:
            if not isinstance(value, bool):
                raise ConfigError(f"{where}: expected true or false, got {value!r}")
            values[key.replace("-", "_")] = value
        elif key in _PATH_KEYS:
            if not isinstance(value, str):
                raise ConfigError(f"{where}: expected a path string, got {value!r}")
            values[key] = (path.parent / value).resolve()
        else:
            known = ", ".join(sorted(_LIST_KEYS | _BOOL_KEYS | _PATH_KEYS))
            raise ConfigError(f"{where}: unknown key (known keys: {known})")
    return Config(**values)  # type: ignore[arg-type]
