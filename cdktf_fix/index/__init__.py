"""The provider index: modules, classes and struct fields of a prebuilt provider.

The index is built from the provider's jsii assembly by `cdktf_fix.index.build`
and ships as `data/aws.json.gz` (cdktf-cdktf-provider-aws 21.22.1). Loading it
imports neither the provider bindings nor libcst.

Layout of the JSON document (format 1):

- `provider`: package names, versions, the Terraform provider source and version.
- `modules`: Python submodule -> `{"ts": "lib/<kebab>", "types": "Name Name ..."}`
  with every type the submodule exports, of every kind.
- `classes`: resource, data source and provider classes ->
  `"<r|d|p>|<terraform type>|<Config struct>"`.
- `structs`: struct -> fields joined by `;`, each `python[=camel][!]:<type>`,
  where `=camel` appears when it differs from the Python name and `!` marks a
  required field. Resource Config structs include the cdktf meta-arguments.
- `external_structs`: Python module of a dependency -> its structs that
  provider fields refer to (`cdktf.TerraformResourceLifecycle`, ...), encoded
  like `structs`.
- `suffixed`: name without the generator's `A` suffix -> real name.

A `<type>` is `s`, `n`, `b`, `a`, `j` or `d` (string, number, boolean, any,
json, date), `R` (cdktf.IResolvable), `S:<struct>`, `O:<fqn>` (another object
such as a provider or an iterator), `E:<fqn>` (an enum), `L(<type>)` (list),
`M(<type>)` (map) or `U(<type>|<type>...)` (union).
"""

from __future__ import annotations

import functools
import gzip
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = [
    "FORMAT_VERSION",
    "SHIPPED_INDEX",
    "ClassInfo",
    "FieldInfo",
    "ProviderIndex",
    "load_index",
    "read_index",
]

FORMAT_VERSION = 1
SHIPPED_INDEX = Path(__file__).parent / "data" / "aws.json.gz"

_PRIMITIVES = {
    "s": "string",
    "n": "number",
    "b": "boolean",
    "a": "any",
    "j": "json",
    "d": "date",
}
_CLASS_KINDS = {"r": "resource", "d": "data_source", "p": "provider"}


@dataclass(frozen=True)
class FieldInfo:
    """One keyword argument of a struct or of a resource constructor.

    `kind` is "scalar", "struct", "struct_list", "list", "map" or "any".
    `struct` names the struct of a "struct" or "struct_list" field, and of a
    "map" whose values are structs. `primitive` is the element type of a
    "scalar", "list" or "map" ("string", "number", "boolean", "date"). It is
    "object" for a reference to an object such as a provider or an iterator and
    "enum" for an enum. An untyped "any" field has the primitive "any" or
    "json", and its value is emitted verbatim. A union of several typed shapes
    (the meta-arguments `count`, number or TerraformCount, and `connection`) is
    an "any" field without a primitive. A "list" or "map" whose elements are
    neither structs nor scalars (`provisioners`, lists of lists) has none either.
    """

    name: str
    camel: str
    required: bool
    kind: str
    struct: str | None
    primitive: str | None


@dataclass(frozen=True)
class ClassInfo:
    """One type exported by the provider.

    `kind` is "resource", "data_source", "provider", "struct" or "other"
    (List, OutputReference and other helper classes). `terraform_type` and
    `config` are set for resources, data sources and the provider class.
    """

    name: str
    module: str
    kind: str
    terraform_type: str | None
    config: str | None


class ProviderIndex:
    """Queries over one loaded index document, whose parts are parsed on first use."""

    def __init__(self, document: dict[str, Any]) -> None:
        if not isinstance(document, dict):
            raise ValueError("provider index is not a JSON object")
        found = document.get("format")
        if found != FORMAT_VERSION:
            raise ValueError(
                f"provider index has format {found!r}, expected {FORMAT_VERSION}."
                " Rebuild it with `python -m cdktf_fix.index.build`"
            )
        facts = document["provider"]
        self.package: str = facts["python_package"]
        self.npm_package: str = facts["npm_package"]
        self.version: str = facts["version"]
        self.terraform_version: str | None = facts.get("terraform_version")
        self.facts: dict[str, Any] = dict(facts)
        self._modules: dict[str, dict[str, str]] = document["modules"]
        self._classes: dict[str, str] = document["classes"]
        self._structs: dict[str, str] = document["structs"]
        self._external: dict[str, str] = {}
        for structs in document["external_structs"].values():
            self._external.update(structs)
        self._suffixed: dict[str, str] = document["suffixed"]
        self._exports: dict[str, frozenset[str]] = {}
        self._fields: dict[str, dict[str, FieldInfo]] = {}
        self._owners: dict[str, tuple[str, ...]] | None = None
        self._ts_modules: dict[str, str] | None = None
        self._terraform_types: dict[tuple[str, str], str] | None = None
        self._class_names: list[str] | None = None

    def modules(self) -> frozenset[str]:
        """Return every Python submodule name, such as `s3_bucket_versioning`."""
        return frozenset(self._modules)

    def has_module(self, module: str) -> bool:
        """Tell whether a submodule exists (`cdktf_cdktf_provider_aws.` optional)."""
        return self._submodule(module) in self._modules

    def ts_path(self, module: str) -> str | None:
        """Return a submodule's TypeScript path, e.g. `lib/s3-bucket-versioning`."""
        entry = self._modules.get(self._submodule(module))
        return entry["ts"] if entry else None

    def module_for_ts_path(self, ts_path: str) -> str | None:
        """Return the Python submodule for a TypeScript import path.

        Accepts `lib/s3-bucket-versioning`, the full specifier
        `@cdktf/provider-aws/lib/s3-bucket-versioning` and a trailing `/index`.
        """
        if self._ts_modules is None:
            self._ts_modules = {
                entry["ts"]: module for module, entry in self._modules.items()
            }
        path = ts_path.strip().rstrip("/")
        if path.startswith(f"{self.npm_package}/"):
            path = path[len(self.npm_package) + 1 :]
        path = path.removeprefix("./").removesuffix("/index")
        return self._ts_modules.get(path)

    def exports(self, module: str) -> frozenset[str]:
        """Return every type name a submodule exports, or an empty set if unknown."""
        module = self._submodule(module)
        cached = self._exports.get(module)
        if cached is None:
            entry = self._modules.get(module)
            cached = frozenset(entry["types"].split()) if entry else frozenset()
            self._exports[module] = cached
        return cached

    def class_info(self, name: str) -> ClassInfo | None:
        """Describe a provider type by its class name, or return None if unknown.

        Structs of cdktf itself (`TerraformResourceLifecycle`) have fields in
        the index but no ClassInfo, because no provider module exports them.
        """
        owners = self._owner_modules().get(name)
        if not owners:
            return None
        entry = self._classes.get(name)
        if entry is not None:
            code, terraform_type, config = entry.split("|")
            kind = _CLASS_KINDS[code]
            return ClassInfo(
                name, owners[0], kind, terraform_type or None, config or None
            )
        kind = "struct" if name in self._structs else "other"
        return ClassInfo(name, owners[0], kind, None, None)

    def modules_exporting(self, name: str) -> tuple[str, ...]:
        """Return the submodules that export a type name (at most one in 21.22.1)."""
        return self._owner_modules().get(name, ())

    def fields(self, struct_or_class: str) -> dict[str, FieldInfo] | None:
        """Return the keyword arguments of a struct, keyed by Python name.

        For a resource, data source or provider class, return the fields of its
        Config struct: the keywords its constructor takes after `scope` and
        `id`, meta-arguments included. None for any other name.
        """
        entry = self._classes.get(struct_or_class)
        name = entry.split("|")[2] if entry is not None else struct_or_class
        cached = self._fields.get(name)
        if cached is None:
            spec = self._structs.get(name)
            if spec is None:
                spec = self._external.get(name)
            if spec is None:
                return None
            cached = _parse_fields(spec)
            self._fields[name] = cached
        return dict(cached)

    def class_names(self) -> list[str]:
        """Return every exported type name except List, Map and OutputReference helpers."""
        if self._class_names is None:
            self._class_names = sorted(
                name
                for module in self._modules
                for name in self.exports(module)
                if not name.endswith(("OutputReference", "List", "Map"))
            )
        return self._class_names

    def class_for_terraform_type(self, terraform_type: str, kind: str) -> str | None:
        """Return the class of a Terraform resource or data source type.

        `kind` is "resource" or "data_source"; `aws_s3_bucket` is both.
        """
        if self._terraform_types is None:
            table: dict[tuple[str, str], str] = {}
            for name, entry in self._classes.items():
                code, tf_type, _config = entry.split("|")
                if tf_type:
                    table[(_CLASS_KINDS[code], tf_type)] = name
            self._terraform_types = table
        return self._terraform_types.get((kind, terraform_type))

    def suffixed_classes(self) -> dict[str, str]:
        """Map each name without the generator's `A` suffix to the real name.

        `S3BucketVersioning` -> `S3BucketVersioningA`, `S3BucketVersioningConfig`
        -> `S3BucketVersioningAConfig`, `Wafv2WebAclAssociationConfig` ->
        `Wafv2WebAclAssociationConfigA`. The name without the suffix is often a
        valid type elsewhere: `s3_bucket.S3BucketVersioning` is a struct, and
        `ConnectHoursOfOperationConfig` is the resource Config in the module
        whose nested block became `ConnectHoursOfOperationConfigA`. So rename a
        name only when the imported module does not export it.
        """
        return dict(self._suffixed)

    def _submodule(self, module: str) -> str:
        return module.removeprefix(f"{self.package}.")

    def _owner_modules(self) -> dict[str, tuple[str, ...]]:
        if self._owners is None:
            owners: dict[str, tuple[str, ...]] = {}
            for module in sorted(self._modules):
                for name in self._modules[module]["types"].split():
                    owners[name] = owners.get(name, ()) + (module,)
            self._owners = owners
        return self._owners


def _parse_fields(spec: str) -> dict[str, FieldInfo]:
    fields: dict[str, FieldInfo] = {}
    if not spec:
        return fields
    for encoded in spec.split(";"):
        names, code = encoded.split(":", 1)
        required = names.endswith("!")
        name, _, camel = names.rstrip("!").partition("=")
        kind, struct, primitive = _classify(_parse_type(code))
        fields[name] = FieldInfo(name, camel or name, required, kind, struct, primitive)
    return fields


_TypeNode = tuple[Any, ...]


def _parse_type(code: str) -> _TypeNode:
    node, end = _parse_type_at(code, 0)
    if end != len(code):
        raise ValueError(f"invalid type code in provider index: {code!r}")
    return node


def _parse_type_at(code: str, pos: int) -> tuple[_TypeNode, int]:
    """Parse the type at `pos` and return it with the position after it."""
    head = code[pos]
    if code.startswith("(", pos + 1):
        members = []
        pos += 2
        while True:
            member, pos = _parse_type_at(code, pos)
            members.append(member)
            pos += 1
            if code[pos - 1] == ")":
                return (head, tuple(members)), pos
    if code.startswith(":", pos + 1):
        end = pos + 2
        while end < len(code) and code[end] not in "|)":
            end += 1
        return (head, code[pos + 2 : end]), end
    return (head,), pos + 1


def _without_resolvable(node: _TypeNode) -> _TypeNode:
    """Drop `cdktf.IResolvable` from a union and unwrap a union left with one member."""
    if node[0] != "U":
        return node
    members = tuple(member for member in node[1] if member[0] != "R")
    if len(members) == 1:
        return _without_resolvable(members[0])
    return ("U", members)


def _classify(node: _TypeNode) -> tuple[str, str | None, str | None]:
    """Return the (kind, struct, primitive) of a FieldInfo for a parsed type."""
    node = _without_resolvable(node)
    head = node[0]
    if head == "S":
        return "struct", node[1], None
    if head in _PRIMITIVES:
        primitive = _PRIMITIVES[head]
        return ("any" if head in "aj" else "scalar"), None, primitive
    if head in ("L", "M"):
        element = _classify(node[1][0])
        if head == "L" and element[0] == "struct":
            return "struct_list", element[1], None
        if head == "M" and element[0] == "struct":
            return "map", element[1], None
        primitive = element[2] if element[0] in ("scalar", "any") else None
        return ("list" if head == "L" else "map"), None, primitive
    if head == "U":
        return "any", None, None
    return "scalar", None, "enum" if head == "E" else "object"


def read_index(path: Path) -> ProviderIndex:
    """Read an index file written by `cdktf_fix.index.build`, without caching."""
    document = json.loads(gzip.decompress(path.read_bytes()))
    return ProviderIndex(document)


@functools.lru_cache(maxsize=8)
def _load_cached(path: Path) -> ProviderIndex:
    return read_index(path)


def load_index(path: Path | None = None) -> ProviderIndex:
    """Load an index once per path. None loads the shipped provider-aws index."""
    return _load_cached(Path(path or SHIPPED_INDEX).resolve())
