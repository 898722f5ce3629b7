"""Build the provider index from a prebuilt provider's jsii assembly.

The assembly is the JSON document (`package/.jsii`) inside the `.jsii.tgz` that
ships in the provider's Python package under `_jsii/`. Reading it takes a few
seconds and needs neither node nor the Python bindings.

Run `python -m cdktf_fix.index.build --jsii PATH --out PATH` to index another
provider or version. The layout of the output is described in
`cdktf_fix/index/__init__.py`.
"""

from __future__ import annotations

import argparse
import collections
import gzip
import importlib.util
import json
import logging
import re
import sys
import tarfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from cdktf_fix.index import FORMAT_VERSION
from cdktf_fix.index.names import python_module, python_name

log = logging.getLogger("cdktf_fix")

_PRIMITIVE_CODES = {
    "string": "s",
    "number": "n",
    "boolean": "b",
    "any": "a",
    "json": "j",
    "date": "d",
}
_CLASS_KINDS = {
    "cdktf.TerraformResource": "resource",
    "cdktf.TerraformDataSource": "data_source",
    "cdktf.TerraformProvider": "provider",
}
_KIND_CODES = {"resource": "r", "data_source": "d", "provider": "p"}
_IRESOLVABLE = "cdktf.IResolvable"

# `{@link https://registry.terraform.io/providers/hashicorp/aws/6.25.0/docs/...
# aws_s3_bucket_versioning}` in the summary of every generated class.
_REGISTRY_LINK = re.compile(
    r"\{@link https://registry\.terraform\.io/providers/"
    r"(?P<namespace>[^/\s]+)/(?P<name>[^/\s]+)/(?P<version>[^/\s]+)/docs\S*"
    r" (?P<label>[^}\s]+)\}"
)


@dataclass
class Assembly:
    """One parsed jsii assembly and the output folder of its compiled modules."""

    spec: dict[str, Any]
    out_dir: str | None = None

    @property
    def types(self) -> dict[str, dict[str, Any]]:
        return self.spec.get("types", {})


def read_assembly(path: Path) -> Assembly:
    """Read a jsii assembly from a `.jsii.tgz` package or a bare `.jsii` file."""
    if not path.is_file():
        raise FileNotFoundError(f"jsii assembly not found: {path}")
    if not tarfile.is_tarfile(path):
        return Assembly(_resolve_redirect(json.loads(path.read_bytes()), path.parent))
    with tarfile.open(path, "r:*") as tar:
        spec = json.loads(_tar_member(tar, "package/.jsii"))
        if spec.get("schema") == "jsii/file-redirect":
            target = spec["filename"]
            spec = _decompress(spec, _tar_member(tar, f"package/{target}"))
        package_json = _tar_member(tar, "package/package.json", required=False)
    out_dir = None
    if package_json is not None:
        main = json.loads(package_json).get("main")
        if main:
            out_dir = str(PurePosixPath(main).parent)
    return Assembly(spec, out_dir)


def _tar_member(
    tar: tarfile.TarFile, name: str, required: bool = True
) -> bytes | None:
    try:
        member = tar.extractfile(name)
    except KeyError:
        member = None
    if member is None:
        if required:
            raise ValueError(f"{tar.name}: missing `{name}`")
        return None
    return member.read()


def _resolve_redirect(spec: dict[str, Any], folder: Path) -> dict[str, Any]:
    if spec.get("schema") != "jsii/file-redirect":
        return spec
    return _decompress(spec, (folder / spec["filename"]).read_bytes())


def _decompress(redirect: dict[str, Any], data: bytes) -> dict[str, Any]:
    if redirect.get("compression") == "gzip":
        data = gzip.decompress(data)
    return json.loads(data)


def find_cdktf_assembly() -> Path | None:
    """Locate the assembly of the installed `cdktf` package without importing it."""
    spec = importlib.util.find_spec("cdktf")
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        found = sorted(Path(folder, "_jsii").glob("cdktf@*.jsii.tgz"))
        if found:
            return found[-1]
    return None


@dataclass
class _Builder:
    """Turns the types of one provider assembly into the index sections."""

    provider: Assembly
    dependencies: list[Assembly]
    prefix: str = ""
    external: dict[str, dict[str, str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.prefix = self.provider.spec["name"] + "."

    def lookup(self, fqn: str) -> dict[str, Any] | None:
        found = self.provider.types.get(fqn)
        if found is not None:
            return found
        for assembly in self.dependencies:
            found = assembly.types.get(fqn)
            if found is not None:
                return found
        return None

    def is_own(self, fqn: str) -> bool:
        return fqn in self.provider.types

    def type_code(self, spec: dict[str, Any]) -> str:
        """Encode a jsii type reference in the compact grammar of the index."""
        if "primitive" in spec:
            return _PRIMITIVE_CODES[spec["primitive"]]
        if "fqn" in spec:
            return self.reference_code(spec["fqn"])
        if "collection" in spec:
            collection = spec["collection"]
            letter = "L" if collection["kind"] == "array" else "M"
            return f"{letter}({self.type_code(collection['elementtype'])})"
        if "union" in spec:
            members = [self.type_code(member) for member in spec["union"]["types"]]
            return f"U({'|'.join(members)})"
        raise ValueError(f"unsupported jsii type reference: {spec!r}")

    def reference_code(self, fqn: str) -> str:
        if fqn == _IRESOLVABLE:
            return "R"
        target = self.lookup(fqn)
        if target is None:
            return f"O:{fqn}"
        if target.get("datatype"):
            if not self.is_own(fqn):
                self.add_external_struct(fqn, target)
            return f"S:{target['name']}"
        if target["kind"] == "enum":
            return f"E:{fqn}"
        return f"O:{fqn}"

    def add_external_struct(self, fqn: str, spec: dict[str, Any]) -> None:
        """Index a dependency's struct that a provider field refers to."""
        module = self.external_module(fqn)
        structs = self.external.setdefault(module, {})
        if spec["name"] in structs:
            return
        # Reserve the name first, so a struct that refers to itself ends the recursion.
        structs[spec["name"]] = ""
        structs[spec["name"]] = self.field_spec(spec)

    def external_module(self, fqn: str) -> str:
        assembly_name = fqn.split(".", 1)[0]
        for assembly in self.dependencies:
            if assembly.spec["name"] == assembly_name:
                return python_package(assembly.spec)
        return assembly_name

    def struct_properties(self, spec: dict[str, Any]) -> Iterator[dict[str, Any]]:
        """Yield a struct's own properties, then those it inherits."""
        seen: set[str] = set()
        pending = [spec]
        while pending:
            current = pending.pop(0)
            for prop in current.get("properties", []):
                if prop["name"] not in seen:
                    seen.add(prop["name"])
                    yield prop
            for parent_fqn in current.get("interfaces", []):
                parent = self.lookup(parent_fqn)
                if parent is None:
                    raise ValueError(
                        f"struct `{current['fqn']}` extends `{parent_fqn}`, which is"
                        " in no loaded assembly. Pass the cdktf assembly with"
                        " --cdktf-jsii"
                    )
                pending.append(parent)

    def field_spec(self, spec: dict[str, Any]) -> str:
        """Encode a struct's fields as `python[=camel][!]:type` joined by `;`."""
        encoded = []
        for prop in self.struct_properties(spec):
            camel = prop["name"]
            name = python_name(camel)
            text = name if name == camel else f"{name}={camel}"
            if not prop.get("optional"):
                text += "!"
            encoded.append(f"{text}:{self.type_code(prop['type'])}")
        return ";".join(encoded)

    def class_kind(self, spec: dict[str, Any]) -> str:
        if spec.get("datatype"):
            return "struct"
        base = spec.get("base")
        while base is not None and self.is_own(base):
            base = self.provider.types[base].get("base")
        return _CLASS_KINDS.get(base or "", "other")


def python_package(spec: dict[str, Any]) -> str:
    """Return the Python package named in an assembly's `targets`."""
    try:
        return spec["targets"]["python"]["module"]
    except KeyError:
        raise ValueError(
            f"assembly `{spec.get('name')}` has no Python target"
            " (targets.python.module)"
        ) from None


def build_index(jsii_tgz: Path, cdktf_tgz: Path | None = None) -> dict[str, Any]:
    """Build the index document for the provider assembly in `jsii_tgz`.

    `cdktf_tgz` is the assembly of the `cdktf` package, which defines the
    meta-arguments (`depends_on`, `provider`, `lifecycle`, ...) that every
    resource Config inherits. Without it, the installed `cdktf` package is used.
    """
    provider = read_assembly(jsii_tgz)
    if cdktf_tgz is None:
        cdktf_tgz = find_cdktf_assembly()
    dependencies = [read_assembly(cdktf_tgz)] if cdktf_tgz is not None else []
    builder = _Builder(provider, dependencies)
    modules = _modules(builder)
    classes, structs = _classes_and_structs(builder)
    return {
        "format": FORMAT_VERSION,
        "provider": _provider_facts(provider, dependencies),
        "modules": modules,
        "classes": classes,
        "structs": structs,
        "external_structs": builder.external,
        "suffixed": derive_suffixed(provider.types, builder),
    }


def _provider_facts(
    provider: Assembly, dependencies: list[Assembly]
) -> dict[str, Any]:
    spec = provider.spec
    targets = spec.get("targets", {})
    registry = _registry_facts(provider.types)
    facts = {
        "jsii_package": spec["name"],
        "version": spec["version"],
        "fingerprint": spec.get("fingerprint"),
        "python_package": python_package(spec),
        "python_distribution": targets.get("python", {}).get("distName"),
        "npm_package": targets.get("js", {}).get("npm", spec["name"]),
        "terraform_provider": registry[0],
        "terraform_version": registry[1],
    }
    for dependency in dependencies:
        facts[f"{dependency.spec['name']}_version"] = dependency.spec["version"]
    return facts


def _registry_facts(types: dict[str, Any]) -> tuple[str | None, str | None]:
    """Find the Terraform provider source and version named in the docs links."""
    counts: collections.Counter[tuple[str, str]] = collections.Counter()
    for spec in types.values():
        match = _REGISTRY_LINK.search(spec.get("docs", {}).get("summary", ""))
        if match:
            source = f"{match['namespace']}/{match['name']}"
            counts[(source, match["version"])] += 1
    if not counts:
        return None, None
    if len(counts) > 1:
        log.warning("docs links name several provider versions: %s", dict(counts))
    return counts.most_common(1)[0][0]


def _ts_path(symbol_id: str, root_dir: str | None, out_dir: str) -> str:
    """Turn `src/s3-bucket-versioning/index:` into `lib/s3-bucket-versioning`."""
    path = PurePosixPath(symbol_id.split(":", 1)[0])
    if path.name == "index":
        path = path.parent
    if root_dir and path.parts[:1] == (root_dir,):
        path = PurePosixPath(out_dir, *path.parts[1:])
    return str(path)


def _modules(builder: _Builder) -> dict[str, dict[str, str]]:
    provider = builder.provider
    root_dir = provider.spec.get("metadata", {}).get("tscRootDir")
    # NOTE: a bare `.jsii` file comes without package.json, so the output folder
    # is assumed to be `lib`, where projen-built providers compile `src`.
    out_dir = provider.out_dir or "lib"
    names: dict[str, list[str]] = collections.defaultdict(list)
    symbols: dict[str, str] = {}
    for spec in provider.types.values():
        namespace = spec.get("namespace", "")
        names[namespace].append(spec["name"])
        symbols.setdefault(namespace, spec.get("symbolId", ""))
    for fqn, submodule in provider.spec.get("submodules", {}).items():
        namespace = fqn[len(builder.prefix) :]
        names.setdefault(namespace, [])
        if submodule.get("symbolId"):
            symbols[namespace] = submodule["symbolId"]
    modules = {}
    for namespace, type_names in names.items():
        module = python_module(namespace) if namespace else ""
        modules[module] = {
            "ts": _ts_path(symbols.get(namespace, ""), root_dir, out_dir),
            "types": " ".join(sorted(type_names)),
        }
    return modules


def _classes_and_structs(
    builder: _Builder,
) -> tuple[dict[str, str], dict[str, str]]:
    """Encode classes as `kind|terraform type|config` and structs as field specs."""
    classes: dict[str, str] = {}
    structs: dict[str, str] = {}
    owners: dict[str, str] = {}
    for fqn, spec in builder.provider.types.items():
        name = spec["name"]
        if name in owners:
            raise ValueError(
                f"type name `{name}` is defined twice (`{owners[name]}`, `{fqn}`)."
                " The index needs names that are unique across the provider"
            )
        owners[name] = fqn
        kind = builder.class_kind(spec)
        if kind == "struct":
            structs[name] = builder.field_spec(spec)
        elif kind in _KIND_CODES:
            classes[name] = _class_entry(builder, spec, kind)
    clashes = {n for module in builder.external.values() for n in module} & set(owners)
    if clashes:
        raise ValueError(
            f"dependency structs share names with provider types: {sorted(clashes)}"
        )
    return classes, structs


def _class_entry(builder: _Builder, spec: dict[str, Any], kind: str) -> str:
    match = _REGISTRY_LINK.search(spec.get("docs", {}).get("summary", ""))
    terraform_type = match["label"] if match else ""
    config = _config_name(builder, spec) or ""
    return f"{_KIND_CODES[kind]}|{terraform_type}|{config}"


def _config_name(builder: _Builder, spec: dict[str, Any]) -> str | None:
    """Return the struct of a class's `config` constructor parameter, if any."""
    for parameter in spec.get("initializer", {}).get("parameters", []):
        target = builder.lookup(parameter["type"].get("fqn", ""))
        if parameter["name"] == "config" and target and target.get("datatype"):
            return target["name"]
    return None


def derive_suffixed(types: dict[str, Any], builder: _Builder) -> dict[str, str]:
    """Map each name the provider generator suffixed with `A` to its real name.

    The generator keeps type names unique across the provider: when a name is
    taken (the resource `aws_s3_bucket_versioning` versus the struct of the
    `versioning` block of `aws_s3_bucket`), it appends `A` to the later one.
    A type `NA` therefore pairs with `N` when a type `N` exists, in any module.
    A suffixed resource or data source also passes the suffix on to the name of
    its Config struct (`S3BucketVersioningAConfig`), so `NConfig` pairs with it.
    List and OutputReference classes are left out: stacks do not name them.
    """
    names = {spec["name"] for spec in types.values()}
    suffixed: dict[str, str] = {}
    for spec in types.values():
        name = spec["name"]
        kind = builder.class_kind(spec)
        if kind == "other" or not name.endswith("A") or name[:-1] not in names:
            continue
        # NOTE: a provider could name a type `NA` for its own reasons while a
        # type `N` exists. No such pair occurs in provider-aws 21.22.1.
        suffixed[name[:-1]] = name
        config = _config_name(builder, spec)
        if config == f"{name}Config" and f"{name[:-1]}Config" not in names:
            suffixed[f"{name[:-1]}Config"] = config
    return suffixed


def encode_index(index: dict[str, Any]) -> bytes:
    """Serialize the index as gzip-compressed JSON that rebuilds byte for byte."""
    text = json.dumps(index, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return gzip.compress(text.encode("ascii"), compresslevel=9, mtime=0)


def write_index(index: dict[str, Any], out: Path) -> int:
    """Write the encoded index to `out` and return its size in bytes."""
    data = encode_index(index)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    return len(data)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m cdktf_fix.index.build",
        description="Build a provider index from a prebuilt provider's jsii assembly.",
    )
    parser.add_argument(
        "--jsii",
        type=Path,
        required=True,
        help="provider assembly: the .jsii.tgz from the package's _jsii folder,"
        " or an unpacked .jsii file",
    )
    parser.add_argument(
        "--cdktf-jsii",
        type=Path,
        help="cdktf assembly (cdktf@VERSION.jsii.tgz); default: the one of the"
        " installed cdktf package",
    )
    parser.add_argument(
        "--out", type=Path, required=True, help="output file, e.g. aws.json.gz"
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s: %(message)s")
    try:
        index = build_index(args.jsii, args.cdktf_jsii)
    except (OSError, ValueError) as error:
        log.error("failed to build the index from %s: %s", args.jsii, error)
        return 1
    size = write_index(index, args.out)
    facts = index["provider"]
    log.info(
        "wrote %s: %s %s, %d modules, %d bytes",
        args.out,
        facts["jsii_package"],
        facts["version"],
        len(index["modules"]),
        size,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
