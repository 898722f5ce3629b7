"""Tests of the index builder on small hand-written assemblies of another provider."""

from __future__ import annotations

import copy
import gzip
import io
import json
import tarfile
from pathlib import Path
from typing import Any

import pytest

from cdktf_fix.index import build as build_module
from cdktf_fix.index import load_index, read_index
from cdktf_fix.index.build import build_index, encode_index, main, write_index

NAME = "@cdktf/provider-google"
REGISTRY = "https://registry.terraform.io/providers/hashicorp/google/7.1.0/docs"


def prop(name: str, type_: dict[str, Any], optional: bool = True) -> dict[str, Any]:
    spec: dict[str, Any] = {"name": name, "type": type_}
    if optional:
        spec["optional"] = True
    return spec


def struct(
    namespace: str, name: str, *properties: dict[str, Any], **extra: Any
) -> dict[str, Any]:
    spec = {
        "assembly": NAME,
        "datatype": True,
        "fqn": f"{NAME}.{namespace}.{name}",
        "kind": "interface",
        "name": name,
        "namespace": namespace,
        "properties": list(properties),
        "symbolId": f"src/{namespace}/index:{name}",
        "docs": {},
    }
    spec.update(extra)
    return spec


def construct(
    namespace: str, name: str, base: str, link: str, config: str
) -> dict[str, Any]:
    return {
        "assembly": NAME,
        "base": base,
        "docs": {"summary": f"Represents a {{@link {link}}}."},
        "fqn": f"{NAME}.{namespace}.{name}",
        "initializer": {
            "parameters": [
                {"name": "scope", "type": {"fqn": "constructs.Construct"}},
                {"name": "id", "type": {"primitive": "string"}},
                {"name": "config", "type": {"fqn": f"{NAME}.{namespace}.{config}"}},
            ]
        },
        "kind": "class",
        "name": name,
        "namespace": namespace,
        "symbolId": f"src/{namespace}/index:{name}",
    }


def provider_assembly() -> dict[str, Any]:
    """A provider with one resource whose name collides with a nested struct."""
    meta = ["cdktf.TerraformMetaArguments"]
    resolvable_list = {
        "union": {
            "types": [
                {"fqn": "cdktf.IResolvable"},
                {
                    "collection": {
                        "kind": "array",
                        "elementtype": {
                            "fqn": f"{NAME}.computeInstance.ComputeInstanceBootDisk"
                        },
                    }
                },
            ]
        }
    }
    types = [
        construct(
            "computeInstance",
            "ComputeInstance",
            "cdktf.TerraformResource",
            f"{REGISTRY}/resources/compute_instance google_compute_instance",
            "ComputeInstanceConfig",
        ),
        struct(
            "computeInstance",
            "ComputeInstanceConfig",
            prop("machineType", {"primitive": "string"}, optional=False),
            prop("bootDisk", resolvable_list),
            prop("lambda", {"primitive": "any"}),
            prop(
                "labels",
                {"collection": {"kind": "map", "elementtype": {"primitive": "string"}}},
            ),
            interfaces=meta,
        ),
        struct(
            "computeInstance",
            "ComputeInstanceBootDisk",
            prop("autoDelete", {"union": {"types": [
                {"primitive": "boolean"}, {"fqn": "cdktf.IResolvable"}]}}),
        ),
        {
            "assembly": NAME,
            "base": "cdktf.ComplexObject",
            "docs": {},
            "fqn": f"{NAME}.computeInstance.ComputeInstanceBootDiskOutputReference",
            "kind": "class",
            "name": "ComputeInstanceBootDiskOutputReference",
            "namespace": "computeInstance",
            "symbolId": (
                "src/compute-instance/index:ComputeInstanceBootDiskOutputReference"
            ),
        },
        construct(
            "computeInstanceBootDisk",
            "ComputeInstanceBootDiskA",
            "cdktf.TerraformResource",
            f"{REGISTRY}/resources/compute_instance_boot_disk"
            " google_compute_instance_boot_disk",
            "ComputeInstanceBootDiskAConfig",
        ),
        struct(
            "computeInstanceBootDisk",
            "ComputeInstanceBootDiskAConfig",
            prop("instance", {"primitive": "string"}, optional=False),
            interfaces=meta,
        ),
        construct(
            "provider",
            "GoogleProvider",
            "cdktf.TerraformProvider",
            f"{REGISTRY} google",
            "GoogleProviderConfig",
        ),
        struct(
            "provider",
            "GoogleProviderConfig",
            prop("project", {"primitive": "string"}),
        ),
    ]
    submodules = {
        f"{NAME}.computeInstance": {"symbolId": "src/compute-instance/index:"},
        f"{NAME}.computeInstanceBootDisk": {
            "symbolId": "src/compute-instance-boot-disk/index:"
        },
        f"{NAME}.provider": {"symbolId": "src/provider/index:"},
    }
    return {
        "name": NAME,
        "version": "16.2.0",
        "fingerprint": "test",
        "metadata": {"tscRootDir": "src"},
        "submodules": submodules,
        "targets": {
            "js": {"npm": NAME},
            "python": {
                "distName": "cdktf-cdktf-provider-google",
                "module": "cdktf_cdktf_provider_google",
            },
        },
        "types": {spec["fqn"]: spec for spec in types},
    }


def cdktf_assembly() -> dict[str, Any]:
    lifecycle = {
        "datatype": True,
        "fqn": "cdktf.TerraformResourceLifecycle",
        "kind": "interface",
        "name": "TerraformResourceLifecycle",
        "properties": [prop("createBeforeDestroy", {"primitive": "boolean"})],
    }
    meta = {
        "datatype": True,
        "fqn": "cdktf.TerraformMetaArguments",
        "kind": "interface",
        "name": "TerraformMetaArguments",
        "properties": [
            prop(
                "dependsOn",
                {
                    "collection": {
                        "kind": "array",
                        "elementtype": {"fqn": "cdktf.ITerraformDependable"},
                    }
                },
            ),
            prop("lifecycle", {"fqn": "cdktf.TerraformResourceLifecycle"}),
        ],
    }
    dependable = {
        "fqn": "cdktf.ITerraformDependable",
        "kind": "interface",
        "name": "ITerraformDependable",
    }
    types = [lifecycle, meta, dependable]
    return {
        "name": "cdktf",
        "version": "0.21.0",
        "targets": {"python": {"module": "cdktf"}},
        "types": {spec["fqn"]: spec for spec in types},
    }


def write_tgz(path: Path, members: dict[str, bytes]) -> Path:
    with tarfile.open(path, "w:gz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(f"package/{name}")
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


def assembly_tgz(path: Path, spec: dict[str, Any], main: str = "lib/index.js") -> Path:
    package = json.dumps({"name": spec["name"], "main": main}).encode()
    members = {".jsii": json.dumps(spec).encode(), "package.json": package}
    return write_tgz(path, members)


@pytest.fixture
def assemblies(tmp_path: Path) -> tuple[Path, Path]:
    provider = assembly_tgz(tmp_path / "provider.jsii.tgz", provider_assembly())
    cdktf = assembly_tgz(tmp_path / "cdktf.jsii.tgz", cdktf_assembly())
    return provider, cdktf


def test_facts_come_from_targets(assemblies: tuple[Path, Path]) -> None:
    facts = build_index(*assemblies)["provider"]
    assert facts["python_package"] == "cdktf_cdktf_provider_google"
    assert facts["python_distribution"] == "cdktf-cdktf-provider-google"
    assert facts["npm_package"] == NAME
    assert facts["version"] == "16.2.0"
    assert facts["terraform_provider"] == "hashicorp/google"
    assert facts["terraform_version"] == "7.1.0"
    assert facts["cdktf_version"] == "0.21.0"


def test_index_queries(tmp_path: Path, assemblies: tuple[Path, Path]) -> None:
    out = tmp_path / "google.json.gz"
    write_index(build_index(*assemblies), out)
    index = read_index(out)
    assert index.package == "cdktf_cdktf_provider_google"
    assert index.modules() == {
        "compute_instance",
        "compute_instance_boot_disk",
        "provider",
    }
    ts_path = index.ts_path("compute_instance_boot_disk")
    assert ts_path == "lib/compute-instance-boot-disk"
    assert index.module_for_ts_path("lib/compute-instance") == "compute_instance"
    assert index.exports("compute_instance") == {
        "ComputeInstance",
        "ComputeInstanceConfig",
        "ComputeInstanceBootDisk",
        "ComputeInstanceBootDiskOutputReference",
    }
    info = index.class_info("ComputeInstanceBootDiskA")
    assert info is not None
    assert info.kind == "resource"
    assert info.terraform_type == "google_compute_instance_boot_disk"
    assert info.config == "ComputeInstanceBootDiskAConfig"
    provider = index.class_info("GoogleProvider")
    assert provider is not None
    assert provider.kind == "provider"
    assert provider.terraform_type == "google"


def test_field_codes(tmp_path: Path, assemblies: tuple[Path, Path]) -> None:
    out = tmp_path / "google.json.gz"
    write_index(build_index(*assemblies), out)
    index = read_index(out)

    fields = index.fields("ComputeInstance")
    assert fields is not None
    assert list(fields) == [
        "machine_type",
        "boot_disk",
        "lambda_",
        "labels",
        "depends_on",
        "lifecycle",
    ]
    assert fields["machine_type"].required
    assert fields["machine_type"].camel == "machineType"
    assert fields["boot_disk"].kind == "struct_list"
    assert fields["boot_disk"].struct == "ComputeInstanceBootDisk"
    assert fields["lambda_"].camel == "lambda"
    assert fields["lambda_"].kind == "any"
    assert fields["labels"].kind == "map"
    assert fields["labels"].primitive == "string"
    assert fields["depends_on"].primitive == "object"
    assert fields["lifecycle"].struct == "TerraformResourceLifecycle"

    lifecycle = index.fields("TerraformResourceLifecycle")
    assert lifecycle is not None
    assert lifecycle["create_before_destroy"].primitive == "boolean"

    disk = index.fields("ComputeInstanceBootDisk")
    assert disk is not None
    assert disk["auto_delete"].kind == "scalar"
    assert disk["auto_delete"].primitive == "boolean"


def test_suffixed_pairs(assemblies: tuple[Path, Path]) -> None:
    assert build_index(*assemblies)["suffixed"] == {
        "ComputeInstanceBootDisk": "ComputeInstanceBootDiskA",
        "ComputeInstanceBootDiskConfig": "ComputeInstanceBootDiskAConfig",
    }


def test_rebuild_is_byte_identical(assemblies: tuple[Path, Path]) -> None:
    first = encode_index(build_index(*assemblies))
    second = encode_index(build_index(*assemblies))
    assert first == second
    assert first[4:8] == b"\0\0\0\0"  # gzip header mtime


def test_bare_and_redirected_assembly(tmp_path: Path) -> None:
    spec = provider_assembly()
    cdktf = tmp_path / "cdktf.jsii"
    cdktf.write_text(json.dumps(cdktf_assembly()))
    bare = tmp_path / "bare.jsii"
    bare.write_text(json.dumps(spec))
    redirect = {"schema": "jsii/file-redirect", "compression": "gzip",
                "filename": ".jsii.gz"}
    packed = write_tgz(
        tmp_path / "redirect.jsii.tgz",
        {".jsii": json.dumps(redirect).encode(),
         ".jsii.gz": gzip.compress(json.dumps(spec).encode())},
    )
    from_bare = build_index(bare, cdktf)
    from_redirect = build_index(packed, cdktf)
    assert from_bare == from_redirect
    assert from_bare["modules"]["provider"]["ts"] == "lib/provider"


def test_missing_cdktf_assembly(
    monkeypatch: pytest.MonkeyPatch, assemblies: tuple[Path, Path]
) -> None:
    monkeypatch.setattr(build_module, "find_cdktf_assembly", lambda: None)
    with pytest.raises(ValueError, match="cdktf.TerraformMetaArguments"):
        build_index(assemblies[0], None)


def test_duplicate_type_names(tmp_path: Path, assemblies: tuple[Path, Path]) -> None:
    spec = provider_assembly()
    duplicate = copy.deepcopy(spec["types"][f"{NAME}.provider.GoogleProviderConfig"])
    duplicate["namespace"] = "computeInstance"
    duplicate["fqn"] = f"{NAME}.computeInstance.GoogleProviderConfig"
    spec["types"][duplicate["fqn"]] = duplicate
    broken = assembly_tgz(tmp_path / "duplicate.jsii.tgz", spec)
    with pytest.raises(ValueError, match="defined twice"):
        build_index(broken, assemblies[1])


def test_missing_assembly_file(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        build_index(tmp_path / "absent.jsii.tgz", None)


def test_foreign_format_rejected(tmp_path: Path) -> None:
    path = tmp_path / "old.json.gz"
    path.write_bytes(gzip.compress(json.dumps({"format": 0}).encode()))
    with pytest.raises(ValueError, match="format"):
        load_index(path)


def test_command_line(tmp_path: Path, assemblies: tuple[Path, Path]) -> None:
    out = tmp_path / "out" / "google.json.gz"
    provider, cdktf = assemblies
    argv = ["--jsii", str(provider), "--cdktf-jsii", str(cdktf), "--out", str(out)]
    assert main(argv) == 0
    assert load_index(out).version == "16.2.0"
    assert main(["--jsii", str(tmp_path / "absent.tgz"), "--out", str(out)]) == 1
