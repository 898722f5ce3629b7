"""Compare the shipped index with the real provider bindings (slow: `-m synth`).

Importing the bindings starts the jsii kernel in node, which takes 15-60 s once
per process. Reading every generated module's source takes about 25 s of CPU.
"""

from __future__ import annotations

import importlib
import inspect
import os
from pathlib import Path

import pytest

from cdktf_fix.index import ProviderIndex, load_index
from test_index import generated_signatures, provider_folder

pytestmark = pytest.mark.synth

# jsii prints a Node.js version banner unless this variable lists the accepted majors.
os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20")

# Every 25th module in sorted order plus the modules the fixers rely on most.
_FOCUS = (
    "s3_bucket",
    "s3_bucket_versioning",
    "s3_bucket_server_side_encryption_configuration",
    "s3_bucket_lifecycle_configuration",
    "s3_bucket_replication_configuration",
    "wafv2_web_acl",
    "wafv2_web_acl_association",
    "rds_cluster",
    "ecs_cluster",
    "ecs_cluster_capacity_providers",
    "appautoscaling_policy",
    "connect_hours_of_operation",
    "provider",
    "data_aws_iam_policy_document",
)


@pytest.fixture(scope="module")
def index() -> ProviderIndex:
    return load_index()


def sampled_modules() -> list[str]:
    modules = sorted(load_index().modules())
    return sorted(set(modules[::25]) | set(_FOCUS))


def keyword_parameters(cls: type) -> tuple[set[str], set[str]]:
    """Return the keyword-only parameters of `cls` and the required ones among them."""
    parameters = inspect.signature(cls.__init__).parameters.values()
    keywords = [p for p in parameters if p.kind is inspect.Parameter.KEYWORD_ONLY]
    required = {p.name for p in keywords if p.default is inspect.Parameter.empty}
    return {p.name for p in keywords}, required


@pytest.mark.parametrize("module", sampled_modules())
def test_keywords_match_bindings(index: ProviderIndex, module: str) -> None:
    bindings = importlib.import_module(f"{index.package}.{module}")
    checked = 0
    for name in sorted(index.exports(module)):
        info = index.class_info(name)
        assert info is not None, name
        if info.kind == "other":
            continue
        fields = index.fields(name)
        assert fields is not None, name
        keywords, required = keyword_parameters(getattr(bindings, name))
        assert set(fields) == keywords, name
        assert {k for k, field in fields.items() if field.required} == required, name
        checked += 1
    assert checked > 0


def test_every_generated_module_matches(index: ProviderIndex) -> None:
    folder = provider_folder()
    if folder is None:
        pytest.skip(f"{index.package} is not installed")
    mismatches = []
    for module in sorted(index.modules()):
        source = Path(folder, *module.split("."), "__init__.py")
        exported, keywords = generated_signatures(source)
        if index.exports(module) != set(exported):
            mismatches.append(f"{module}: exports differ")
        for name in exported:
            fields = index.fields(name)
            if fields is not None and set(fields) != set(keywords[name]):
                mismatches.append(f"{module}.{name}: keywords differ")
    assert mismatches == []
