"""Tests of the shipped provider index (cdktf-cdktf-provider-aws 21.22.1)."""

from __future__ import annotations

import ast
import gzip
import importlib.util
from pathlib import Path

import pytest

from cdktf_fix.index import SHIPPED_INDEX, ProviderIndex, load_index
from cdktf_fix.index.build import build_index, encode_index

PROVIDER_PACKAGE = "cdktf_cdktf_provider_aws"

# Every type that provider-aws 21.22.1 names with the generator's "A" suffix
# (read from the assembly), keyed by the name a model writes without it.
EXPECTED_SUFFIXED = {
    "S3BucketVersioning": "S3BucketVersioningA",
    "S3BucketVersioningConfig": "S3BucketVersioningAConfig",
    "S3BucketServerSideEncryptionConfiguration": (
        "S3BucketServerSideEncryptionConfigurationA"
    ),
    "S3BucketServerSideEncryptionConfigurationConfig": (
        "S3BucketServerSideEncryptionConfigurationAConfig"
    ),
    "S3BucketServerSideEncryptionConfigurationRule": (
        "S3BucketServerSideEncryptionConfigurationRuleA"
    ),
    "S3BucketServerSideEncryptionConfigurationRuleApplyServerSideEncryptionByDefault": (
        "S3BucketServerSideEncryptionConfigurationRule"
        "ApplyServerSideEncryptionByDefaultA"
    ),
    "S3BucketReplicationConfiguration": "S3BucketReplicationConfigurationA",
    "S3BucketReplicationConfigurationConfig": "S3BucketReplicationConfigurationAConfig",
    "S3BucketLogging": "S3BucketLoggingA",
    "S3BucketLoggingConfig": "S3BucketLoggingAConfig",
    "S3BucketObjectLockConfiguration": "S3BucketObjectLockConfigurationA",
    "S3BucketObjectLockConfigurationConfig": "S3BucketObjectLockConfigurationAConfig",
    "S3BucketObjectLockConfigurationRule": "S3BucketObjectLockConfigurationRuleA",
    "S3BucketObjectLockConfigurationRuleDefaultRetention": (
        "S3BucketObjectLockConfigurationRuleDefaultRetentionA"
    ),
    "AutoscalingGroupTag": "AutoscalingGroupTagA",
    "AutoscalingGroupTagConfig": "AutoscalingGroupTagAConfig",
    "DynamodbTableReplica": "DynamodbTableReplicaA",
    "DynamodbTableReplicaConfig": "DynamodbTableReplicaAConfig",
    "Ec2ManagedPrefixListEntry": "Ec2ManagedPrefixListEntryA",
    "Ec2ManagedPrefixListEntryConfig": "Ec2ManagedPrefixListEntryAConfig",
    "NetworkInterfaceAttachment": "NetworkInterfaceAttachmentA",
    "NetworkInterfaceAttachmentConfig": "NetworkInterfaceAttachmentAConfig",
    "VpcPeeringConnectionAccepter": "VpcPeeringConnectionAccepterA",
    "VpcPeeringConnectionAccepterConfig": "VpcPeeringConnectionAccepterAConfig",
    "Wafv2WebAclAssociationConfig": "Wafv2WebAclAssociationConfigA",
    "ConnectHoursOfOperationConfig": "ConnectHoursOfOperationConfigA",
    "DataAwsConnectHoursOfOperationConfig": "DataAwsConnectHoursOfOperationConfigA",
    "VpclatticeTargetGroupConfig": "VpclatticeTargetGroupConfigA",
}

META_ARGUMENTS = {
    "connection",
    "count",
    "depends_on",
    "for_each",
    "lifecycle",
    "provider",
    "provisioners",
}


@pytest.fixture(scope="module")
def index() -> ProviderIndex:
    return load_index()


def provider_folder() -> Path | None:
    """Return the installed provider package's folder, without importing it."""
    spec = importlib.util.find_spec(PROVIDER_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def cdktf_assembly() -> Path | None:
    spec = importlib.util.find_spec("cdktf")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations)))
    found = sorted((folder / "_jsii").glob("cdktf@*.jsii.tgz"))
    return found[-1] if found else None


def test_provider_facts(index: ProviderIndex) -> None:
    assert index.package == "cdktf_cdktf_provider_aws"
    assert index.npm_package == "@cdktf/provider-aws"
    assert index.version == "21.22.1"
    assert index.terraform_version == "6.25.0"
    assert index.facts["terraform_provider"] == "hashicorp/aws"
    assert index.facts["cdktf_version"] == "0.21.0"


def test_load_index_cached_per_path(index: ProviderIndex) -> None:
    assert load_index(None) is index
    assert load_index(SHIPPED_INDEX) is index


def test_s3_bucket_versioning_resource(index: ProviderIndex) -> None:
    info = index.class_info("S3BucketVersioningA")
    assert info is not None
    assert info.module == "s3_bucket_versioning"
    assert info.kind == "resource"
    assert info.terraform_type == "aws_s3_bucket_versioning"
    assert info.config == "S3BucketVersioningAConfig"


def test_s3_bucket_versioning_struct(index: ProviderIndex) -> None:
    info = index.class_info("S3BucketVersioning")
    assert info is not None
    assert info.module == "s3_bucket"
    assert info.kind == "struct"
    assert info.terraform_type is None
    assert "S3BucketVersioning" not in index.exports("s3_bucket_versioning")
    assert index.modules_exporting("S3BucketVersioning") == ("s3_bucket",)


def test_data_source_and_provider(index: ProviderIndex) -> None:
    data = index.class_info("DataAwsIamPolicyDocument")
    assert data is not None
    assert data.kind == "data_source"
    assert data.terraform_type == "aws_iam_policy_document"
    provider = index.class_info("AwsProvider")
    assert provider is not None
    assert provider.kind == "provider"
    assert provider.module == "provider"
    assert provider.terraform_type == "aws"
    assert provider.config == "AwsProviderConfig"


def test_helper_classes_are_other(index: ProviderIndex) -> None:
    name = "S3BucketVersioningVersioningConfigurationOutputReference"
    info = index.class_info(name)
    assert info is not None
    assert info.kind == "other"
    assert index.fields(name) is None


def test_unknown_names(index: ProviderIndex) -> None:
    assert index.class_info("NoSuchThing") is None
    assert index.fields("NoSuchThing") is None
    assert index.modules_exporting("NoSuchThing") == ()
    assert index.exports("no_such_module") == frozenset()
    assert index.ts_path("no_such_module") is None


def test_appautoscaling_modules(index: ProviderIndex) -> None:
    assert index.has_module("appautoscaling_target")
    assert not index.has_module("applicationautoscaling_target")
    assert index.has_module("cdktf_cdktf_provider_aws.appautoscaling_target")
    assert "AppautoscalingTarget" in index.exports("appautoscaling_target")
    assert "ApplicationAutoScalingTarget" not in index.exports("appautoscaling_target")


def test_ts_paths(index: ProviderIndex) -> None:
    assert index.ts_path("s3_bucket_versioning") == "lib/s3-bucket-versioning"
    assert index.ts_path("provider") == "lib/provider"
    module = index.module_for_ts_path("lib/s3-bucket-versioning")
    assert module == "s3_bucket_versioning"
    full = "@cdktf/provider-aws/lib/appautoscaling-target"
    assert index.module_for_ts_path(full) == "appautoscaling_target"
    assert index.module_for_ts_path("lib/applicationautoscaling-target") is None


def test_lifecycle_rule_filter_is_struct_list(index: ProviderIndex) -> None:
    fields = index.fields("S3BucketLifecycleConfigurationRule")
    assert fields is not None
    assert fields["filter"].kind == "struct_list"
    assert fields["filter"].struct == "S3BucketLifecycleConfigurationRuleFilter"
    expiration = fields["noncurrent_version_expiration"]
    assert expiration.kind == "struct_list"
    assert expiration.camel == "noncurrentVersionExpiration"
    assert fields["id"].required
    assert fields["status"].required
    assert not fields["filter"].required


def test_lifecycle_filter_keyword_and(index: ProviderIndex) -> None:
    fields = index.fields("S3BucketLifecycleConfigurationRuleFilter")
    assert fields is not None
    assert "and_" in fields
    assert "and" not in fields
    assert fields["and_"].camel == "and"
    assert fields["and_"].kind == "struct_list"


def test_waf_rule_statement_is_any(index: ProviderIndex) -> None:
    fields = index.fields("Wafv2WebAclRule")
    assert fields is not None
    assert fields["statement"].kind == "any"
    assert fields["statement"].primitive == "any"
    assert fields["override_action"].kind == "struct"
    assert fields["override_action"].struct == "Wafv2WebAclRuleOverrideAction"
    assert {"name", "priority", "visibility_config"} <= {
        name for name, field in fields.items() if field.required
    }


def test_rds_cluster_keywords(index: ProviderIndex) -> None:
    fields = index.fields("RdsCluster")
    assert fields is not None
    assert "manage_master_user_password" in fields
    assert "manages_master_user_password" not in fields
    password = fields["manage_master_user_password"]
    assert password.kind == "scalar"
    assert password.primitive == "boolean"
    # Only `engine` is required, because the Terraform schema marks every other
    # argument optional.
    assert {name for name, field in fields.items() if field.required} == {"engine"}


def test_ecs_cluster_has_no_capacity_providers(index: ProviderIndex) -> None:
    fields = index.fields("EcsCluster")
    assert fields is not None
    assert "capacity_providers" not in fields
    assert "default_capacity_provider_strategy" not in fields
    split = index.fields("EcsClusterCapacityProviders")
    assert split is not None
    assert split["capacity_providers"].kind == "list"
    assert split["capacity_providers"].primitive == "string"
    strategy = split["default_capacity_provider_strategy"]
    assert strategy.kind == "struct_list"


def test_replication_destination_is_struct(index: ProviderIndex) -> None:
    fields = index.fields("S3BucketReplicationConfigurationRule")
    assert fields is not None
    destination = fields["destination"]
    assert destination.kind == "struct"
    assert destination.struct == "S3BucketReplicationConfigurationRuleDestination"
    assert destination.required
    assert fields["filter"].kind == "struct"


def test_scalar_kinds(index: ProviderIndex) -> None:
    target = index.fields("AppautoscalingTarget")
    assert target is not None
    assert target["max_capacity"].primitive == "number"
    assert target["max_capacity"].required
    assert target["tags"].kind == "map"
    assert target["tags"].primitive == "string"
    action = index.fields("AppautoscalingScheduledActionScalableTargetAction")
    assert action is not None
    assert action["max_capacity"].primitive == "string"


def test_meta_arguments_present(index: ProviderIndex) -> None:
    for name in ("S3BucketVersioningA", "DataAwsIamPolicyDocument", "RdsCluster"):
        fields = index.fields(name)
        assert fields is not None, name
        assert META_ARGUMENTS <= set(fields), name
    fields = index.fields("S3Bucket")
    assert fields is not None
    assert fields["depends_on"].camel == "dependsOn"
    assert fields["depends_on"].kind == "list"
    assert fields["for_each"].camel == "forEach"
    assert fields["lifecycle"].kind == "struct"
    assert fields["lifecycle"].struct == "TerraformResourceLifecycle"
    assert fields["provider"].primitive == "object"
    assert not fields["depends_on"].required


def test_meta_argument_structs(index: ProviderIndex) -> None:
    lifecycle = index.fields("TerraformResourceLifecycle")
    assert lifecycle is not None
    assert lifecycle["create_before_destroy"].primitive == "boolean"
    assert "prevent_destroy" in lifecycle
    assert index.class_info("TerraformResourceLifecycle") is None


def test_provider_config_has_no_meta_arguments(index: ProviderIndex) -> None:
    fields = index.fields("AwsProvider")
    assert fields is not None
    assert "region" in fields
    assert "alias" in fields
    assert "depends_on" not in fields


def test_fields_of_class_and_config_agree(index: ProviderIndex) -> None:
    from_class = index.fields("S3BucketVersioningA")
    assert from_class == index.fields("S3BucketVersioningAConfig")


def test_fields_returns_a_copy(index: ProviderIndex) -> None:
    fields = index.fields("S3BucketVersioningA")
    assert fields is not None
    fields.clear()
    assert index.fields("S3BucketVersioningA")


def test_suffixed_classes_match_known_set(index: ProviderIndex) -> None:
    assert index.suffixed_classes() == EXPECTED_SUFFIXED


def test_suffixed_classes_real_names_exist(index: ProviderIndex) -> None:
    for written, real in index.suffixed_classes().items():
        info = index.class_info(real)
        assert info is not None, real
        assert info.kind in ("resource", "data_source", "struct"), real
        assert written != real


def test_unsuffixed_s3_resources_not_listed(index: ProviderIndex) -> None:
    suffixed = index.suffixed_classes()
    for name in (
        "S3BucketLifecycleConfiguration",
        "S3BucketCorsConfiguration",
        "S3BucketAcl",
        "S3BucketPolicy",
        "S3BucketPublicAccessBlock",
        "Wafv2WebAclAssociation",
    ):
        assert name not in suffixed, name
        info = index.class_info(name)
        assert info is not None, name
        assert info.kind == "resource", name


def test_module_and_class_counts(index: ProviderIndex) -> None:
    modules = index.modules()
    assert len(modules) == 2212
    kinds: dict[str, int] = {}
    for module in modules:
        for name in index.exports(module):
            info = index.class_info(name)
            assert info is not None, name
            assert info.module == module, name
            kinds[info.kind] = kinds.get(info.kind, 0) + 1
    assert kinds == {
        "resource": 1581,
        "data_source": 630,
        "provider": 1,
        "struct": 10196,
        "other": 12535,
    }


def test_modules_match_installed_folders(index: ProviderIndex) -> None:
    folder = provider_folder()
    if folder is None:
        pytest.skip(f"{PROVIDER_PACKAGE} is not installed")
    installed = {
        path.name
        for path in folder.iterdir()
        if path.is_dir() and (path / "__init__.py").is_file() and path.name != "_jsii"
    }
    assert index.modules() == installed


# Modules whose generated source is compared with the index on every test run.
# The synth tests compare all of them.
SAMPLED_MODULES = (
    "s3_bucket",
    "s3_bucket_versioning",
    "s3_bucket_lifecycle_configuration",
    "wafv2_web_acl",
    "rds_cluster",
    "provider",
    "data_aws_iam_policy_document",
    "medialive_channel",
    "vpc",
    "instance",
)


def generated_signatures(path: Path) -> tuple[list[str], dict[str, list[str]]]:
    """Read `__all__` and each class's keyword-only `__init__` parameters."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    exported: list[str] = []
    keywords: dict[str, list[str]] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == "__all__"
            for target in node.targets
        ):
            exported = [ast.literal_eval(element) for element in node.value.elts]
        if isinstance(node, ast.ClassDef):
            for member in node.body:
                if isinstance(member, ast.FunctionDef) and member.name == "__init__":
                    keywords[node.name] = [arg.arg for arg in member.args.kwonlyargs]
    return exported, keywords


@pytest.mark.parametrize("module", SAMPLED_MODULES)
def test_generated_source_matches(index: ProviderIndex, module: str) -> None:
    folder = provider_folder()
    if folder is None:
        pytest.skip(f"{PROVIDER_PACKAGE} is not installed")
    exported, keywords = generated_signatures(folder / module / "__init__.py")
    assert index.exports(module) == set(exported)
    for name in exported:
        fields = index.fields(name)
        if fields is not None:
            assert set(fields) == set(keywords[name]), name


def test_shipped_index_is_current(tmp_path: Path) -> None:
    folder = provider_folder()
    shipped = load_index()
    assembly = None
    if folder is not None:
        assembly = folder / "_jsii" / f"provider-aws@{shipped.version}.jsii.tgz"
    if assembly is None or not assembly.is_file():
        pytest.skip(f"pinned provider assembly not installed: {assembly}")
    cdktf = cdktf_assembly()
    if cdktf is None:
        pytest.skip("cdktf assembly not installed (needed for the meta-arguments)")
    rebuilt = encode_index(build_index(assembly, cdktf))
    shipped_bytes = SHIPPED_INDEX.read_bytes()
    assert gzip.decompress(rebuilt) == gzip.decompress(shipped_bytes), (
        "shipped index is out of date: run `python -m cdktf_fix.index.build"
        f" --jsii {assembly} --cdktf-jsii {cdktf} --out {SHIPPED_INDEX}`"
    )
    assert rebuilt == shipped_bytes, "same JSON, different gzip bytes (zlib version?)"
