"""Synthesize the sample stacks with the pinned cdktf and AWS provider bindings.

All tests run in one process, so the first synth pays for importing the provider
bindings (tens of seconds) and the rest take well under a second each. The
``terraform validate`` tests also need ``terraform`` on PATH and the environment
variable ``CDKTF_FIX_TF_MIRROR`` naming a provider filesystem mirror that contains
``hashicorp/aws``, and are skipped otherwise.
"""

from __future__ import annotations

import copy
import importlib.util
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from synthesis import (
    CHECKS_BY_CODE,
    StackJson,
    SynthError,
    assert_ecs_capacity_providers_separate,
    assert_log_group_keys_allow_logs,
    assert_waf_rules_valid,
    resources,
    stack_dir,
    synth_file,
    synth_source,
    terraform_validate,
)

pytestmark = [
    pytest.mark.synth,
    pytest.mark.skipif(
        importlib.util.find_spec("cdktf_cdktf_provider_aws") is None,
        reason="the synth extra (cdktf, cdktf-cdktf-provider-aws) is not installed",
    ),
]

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
KINDS = SAMPLES / "kinds"
FIXED_KINDS = KINDS / "fixed"
FINTECH = SAMPLES / "fintech_stack.py"
FINTECH_FIXED = SAMPLES / "fintech_stack_fixed.py"
FINTECH_STACKS = {"fintech-prod", "fintech-state"}

Synthesize = Callable[[Path], dict[str, StackJson]]


def kind_sample(code: str, fixed: bool = False) -> Path:
    """Return the broken or fixed sample of a catalog code such as ``CDKTF006``."""
    folder = FIXED_KINDS if fixed else KINDS
    (path,) = folder.glob(f"{code.lower()}_*.py")
    return path


def only_stack(stacks: dict[str, StackJson]) -> StackJson:
    assert len(stacks) == 1, f"expected one stack, got {sorted(stacks)}"
    return next(iter(stacks.values()))


@pytest.fixture(scope="session")
def synthesized(tmp_path_factory: pytest.TempPathFactory) -> Synthesize:
    """Synthesize each stack file once per session and return the cached result."""
    cache: dict[Path, dict[str, StackJson]] = {}

    def synthesize(path: Path) -> dict[str, StackJson]:
        if path not in cache:
            cache[path] = synth_file(path, tmp_path_factory.mktemp(path.stem))
        return cache[path]

    return synthesize


# ---------------------------------------------------------------------------
# The samples


@pytest.mark.parametrize(
    "path", sorted(FIXED_KINDS.glob("*.py")), ids=lambda path: path.stem
)
def test_fixed_kind_synthesizes(synthesized: Synthesize, path: Path) -> None:
    stacks = synthesized(path)
    assert stacks
    for name, stack_json in stacks.items():
        assert stack_json.get("resource"), f"stack {name} has no resources"


def test_fixed_fintech_synthesizes_both_stacks(synthesized: Synthesize) -> None:
    stacks = synthesized(FINTECH_FIXED)
    assert set(stacks) == FINTECH_STACKS


def test_every_kind_has_broken_and_fixed_sample() -> None:
    broken = sorted(path.name for path in KINDS.glob("cdktf*.py"))
    fixed = sorted(path.name for path in FIXED_KINDS.glob("cdktf*.py"))
    assert broken == fixed
    assert len(broken) == 12


# Samples whose fault stops the synth, the exception it raises and a fragment of
# its message.
FAILING_SAMPLES = [
    (KINDS / "cdktf002_missing_a_suffix.py", ImportError, "'S3BucketVersioning'"),
    (KINDS / "cdktf003_unknown_module.py", ModuleNotFoundError, "applicationautoscaling_"),
    (KINDS / "cdktf004_unknown_keyword.py", TypeError, "manages_master_user_password"),
    (
        KINDS / "cdktf005_ecs_cluster_capacity_providers.py",
        ImportError,
        "EcsClusterDefaultCapacityProviderStrategy",
    ),
    (KINDS / "cdktf007_s3_lifecycle_filter.py", RuntimeError, "S3BucketLifecycleConfiguration"),
    (FINTECH, ImportError, "'S3BucketVersioning'"),
]


@pytest.mark.parametrize(
    ("path", "error_type", "fragment"),
    FAILING_SAMPLES,
    ids=[path.stem for path, _, _ in FAILING_SAMPLES],
)
def test_broken_sample_raises(
    tmp_path: Path, path: Path, error_type: type[Exception], fragment: str
) -> None:
    with pytest.raises(SynthError) as raised:
        synth_file(path, tmp_path)
    assert isinstance(raised.value.__cause__, error_type)
    assert fragment in str(raised.value)
    assert f'File "{path}"' in raised.value.stack_traceback
    assert "runpy" not in raised.value.stack_traceback


def test_multiple_stacks_sample_synthesizes_two(synthesized: Synthesize) -> None:
    stacks = synthesized(kind_sample("CDKTF001"))
    assert set(stacks) == {"ledger-network", "ledger-service"}


def test_multiple_stacks_fixed_is_one_stack(synthesized: Synthesize) -> None:
    stack_json = only_stack(synthesized(kind_sample("CDKTF001", fixed=True)))
    assert resources(stack_json, "aws_security_group")


@pytest.mark.parametrize("code", sorted(CHECKS_BY_CODE))
def test_fixed_kind_passes_its_check(synthesized: Synthesize, code: str) -> None:
    stack_json = only_stack(synthesized(kind_sample(code, fixed=True)))
    CHECKS_BY_CODE[code](stack_json)


# Kinds whose broken sample still synthesizes: their check must reject it.
SYNTHESIZING_FAULTS = ["CDKTF006", "CDKTF008", "CDKTF009", "CDKTF010", "CDKTF011", "CDKTF012"]


@pytest.mark.parametrize("code", SYNTHESIZING_FAULTS)
def test_broken_kind_fails_its_check(synthesized: Synthesize, code: str) -> None:
    stack_json = only_stack(synthesized(kind_sample(code)))
    with pytest.raises(AssertionError):
        CHECKS_BY_CODE[code](stack_json)


@pytest.mark.parametrize("code", sorted(CHECKS_BY_CODE))
def test_fixed_fintech_passes_check(synthesized: Synthesize, code: str) -> None:
    CHECKS_BY_CODE[code](synthesized(FINTECH_FIXED)["fintech-prod"])


# ---------------------------------------------------------------------------
# Checks: the facts each one stands for, read directly from the fixed samples


def test_waf_group_rules_use_override_action(synthesized: Synthesize) -> None:
    stack_json = synthesized(FINTECH_FIXED)["fintech-prod"]
    rules = resources(stack_json, "aws_wafv2_web_acl")["waf"]["rule"]
    by_name = {rule["name"]: rule for rule in rules}
    bad_inputs = by_name["AWSManagedRulesKnownBadInputsRuleSet"]
    assert bad_inputs["override_action"] == {"none": {}}
    assert "action" not in bad_inputs
    assert "managed_rule_group_statement" in by_name["AWSManagedRulesCommonRuleSet"]["statement"]
    assert by_name["RateLimitPerIp"]["statement"]["rate_based_statement"] == {
        "limit": 2000,
        "aggregate_key_type": "IP",
    }


def test_logs_key_policy_names_logs_service(synthesized: Synthesize) -> None:
    stack_json = synthesized(FINTECH_FIXED)["fintech-prod"]
    key = resources(stack_json, "aws_kms_key")["logs-key"]
    assert key["policy"] == "${data.aws_iam_policy_document.logs-key-policy.json}"
    document = stack_json["data"]["aws_iam_policy_document"]["logs-key-policy"]
    principals = [
        principal["identifiers"]
        for statement in document["statement"]
        for principal in statement.get("principals", [])
        if principal["type"] == "Service"
    ]
    assert principals == [["logs.us-east-1.amazonaws.com"]]


def test_endpoint_references_private_route_tables(synthesized: Synthesize) -> None:
    stack_json = synthesized(FINTECH_FIXED)["fintech-prod"]
    endpoint = resources(stack_json, "aws_vpc_endpoint")["s3-endpoint"]
    assert endpoint["route_table_ids"] == [
        "${aws_route_table.private-rt-0.id}",
        "${aws_route_table.private-rt-1.id}",
    ]


def test_replication_buckets_are_versioned(synthesized: Synthesize) -> None:
    stack_json = synthesized(FINTECH_FIXED)["fintech-prod"]
    versioned = {
        config["bucket"] for config in resources(stack_json, "aws_s3_bucket_versioning").values()
    }
    assert versioned == {
        "${aws_s3_bucket.statements.id}",
        "${aws_s3_bucket.statements-dr.id}",
    }
    replica = resources(stack_json, "aws_s3_bucket")["statements-dr"]
    assert replica["provider"] == "aws.dr"


def test_aurora_engine_version_replaced(synthesized: Synthesize) -> None:
    stack_json = synthesized(FINTECH_FIXED)["fintech-prod"]
    cluster = resources(stack_json, "aws_rds_cluster")["ledger-db"]
    assert cluster["engine_version"] == "15.10"
    assert cluster["manage_master_user_password"] is True


def test_https_listener_waits_for_validation(synthesized: Synthesize) -> None:
    stack_json = synthesized(FINTECH_FIXED)["fintech-prod"]
    assert set(resources(stack_json, "aws_acm_certificate_validation")) == {
        "api-cert-validation",
        "cdn-cert-validation",
    }
    listener = resources(stack_json, "aws_lb_listener")["https-listener"]
    assert listener["certificate_arn"] == (
        "${aws_acm_certificate_validation.api-cert-validation.certificate_arn}"
    )


def test_capacity_strategy_keeps_provider_names(synthesized: Synthesize) -> None:
    stack_json = synthesized(FINTECH_FIXED)["fintech-prod"]
    (config,) = resources(stack_json, "aws_ecs_cluster_capacity_providers").values()
    providers = [item["capacity_provider"] for item in config["default_capacity_provider_strategy"]]
    assert providers == ["FARGATE", "FARGATE_SPOT"]


def test_lifecycle_rules_have_list_filters(synthesized: Synthesize) -> None:
    stack_json = synthesized(FINTECH_FIXED)["fintech-prod"]
    (config,) = resources(stack_json, "aws_s3_bucket_lifecycle_configuration").values()
    filters = [rule["filter"] for rule in config["rule"]]
    assert filters == [[{"prefix": "statements/"}], [{"prefix": ""}]]
    assert config["rule"][1]["noncurrent_version_expiration"] == [{"noncurrent_days": 365}]


# ---------------------------------------------------------------------------
# The harness itself

MINIMAL_STACK = """
from cdktf import App, TerraformStack
from cdktf_cdktf_provider_aws.provider import AwsProvider
from cdktf_cdktf_provider_aws.s3_bucket import S3Bucket


class Minimal(TerraformStack):
    def __init__(self, scope, id):
        super().__init__(scope, id)
        AwsProvider(self, "aws", region="us-east-1")
        S3Bucket(self, "bucket", bucket="{bucket}")

"""


def test_synth_source_returns_stack_json(tmp_path: Path) -> None:
    source = MINIMAL_STACK.format(bucket="one") + 'app = App()\nMinimal(app, "m")\napp.synth()\n'
    stacks = synth_source(source, tmp_path)
    assert resources(stacks["m"], "aws_s3_bucket")["bucket"]["bucket"] == "one"
    assert (stack_dir(tmp_path, "m") / "cdk.tf.json").is_file()


def test_app_outdir_is_redirected(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    source = MINIMAL_STACK.format(bucket="two") + (
        f'app = App(outdir="{elsewhere}")\nMinimal(app, "m")\napp.synth()\n'
    )
    synth_source(source, tmp_path / "work")
    assert not elsewhere.exists()
    assert (stack_dir(tmp_path / "work", "m") / "cdk.tf.json").is_file()


def test_second_app_writes_its_own_folder(tmp_path: Path) -> None:
    source = MINIMAL_STACK.format(bucket="three") + (
        'first = App()\nMinimal(first, "a")\nfirst.synth()\n'
        'second = App()\nMinimal(second, "b")\nsecond.synth()\n'
    )
    stacks = synth_source(source, tmp_path)
    assert set(stacks) == {"a", "b"}
    assert (tmp_path / "cdktf.out.1" / "manifest.json").is_file()


def test_error_names_line_in_stack_file(tmp_path: Path) -> None:
    source = MINIMAL_STACK.format(bucket="four") + 'app = App()\nMinimal(app, "m", 3)\n'
    with pytest.raises(SynthError) as raised:
        synth_source(source, tmp_path)
    line = source.count("\n")
    assert f"line {line}: TypeError" in str(raised.value)
    assert 'Minimal(app, "m", 3)' in raised.value.stack_traceback


def test_missing_app_synth_raises(tmp_path: Path) -> None:
    source = MINIMAL_STACK.format(bucket="five") + 'app = App()\nMinimal(app, "m")\n'
    with pytest.raises(SynthError, match="app.synth\\(\\) never ran"):
        synth_source(source, tmp_path)


def test_file_without_app_raises(tmp_path: Path) -> None:
    with pytest.raises(SynthError, match="created no cdktf App"):
        synth_source("import cdktf\n", tmp_path)


def test_app_is_restored_after_synth(tmp_path: Path) -> None:
    import cdktf

    original = cdktf.App
    with pytest.raises(SynthError):
        synth_source("from cdktf import App\nApp()\nraise ValueError('stop')\n", tmp_path)
    assert cdktf.App is original


# ---------------------------------------------------------------------------
# terraform validate with the provider mirror


def provider_mirror() -> Path:
    mirror = os.environ.get("CDKTF_FIX_TF_MIRROR")
    if not mirror or shutil.which("terraform") is None:
        pytest.skip("set CDKTF_FIX_TF_MIRROR to a provider mirror and put terraform on PATH")
    return Path(mirror)


VALIDATED_SAMPLES = [FINTECH_FIXED, *sorted(FIXED_KINDS.glob("*.py"))]


@pytest.mark.parametrize("path", VALIDATED_SAMPLES, ids=lambda path: path.stem)
def test_fixed_sample_passes_terraform_validate(tmp_path: Path, path: Path) -> None:
    mirror = provider_mirror()
    stacks = synth_file(path, tmp_path / "synth")
    for name in stacks:
        result = terraform_validate(stack_dir(tmp_path / "synth", name), tmp_path / name, mirror)
        assert result["valid"], result["diagnostics"]
        assert result["warning_count"] == 0, result["diagnostics"]


def test_camel_case_statement_fails_terraform_validate(tmp_path: Path) -> None:
    mirror = provider_mirror()
    stacks = synth_file(kind_sample("CDKTF006"), tmp_path / "synth")
    (name,) = stacks
    result = terraform_validate(stack_dir(tmp_path / "synth", name), tmp_path / name, mirror)
    assert not result["valid"]
    summaries = [diagnostic["detail"] for diagnostic in result["diagnostics"]]
    assert any("managedRuleGroupStatement" in detail for detail in summaries)


# ---------------------------------------------------------------------------
# Checks on hand-written stack JSON, for cases no sample covers

LOGS_KEY_STACK: StackJson = {
    "provider": {"aws": [{"region": "eu-west-1"}]},
    "resource": {
        "aws_cloudwatch_log_group": {"logs": {"kms_key_id": "${aws_kms_key.key.arn}"}},
        "aws_kms_key": {"key": {}},
    },
}
ROOT_STATEMENT = {
    "Effect": "Allow",
    "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
    "Action": "kms:*",
    "Resource": "*",
}


def logs_statement(region: str, actions: list[str]) -> dict[str, object]:
    return {
        "Effect": "Allow",
        "Principal": {"Service": f"logs.{region}.amazonaws.com"},
        "Action": actions,
        "Resource": "*",
    }


def with_key_policy(statements: list[dict[str, object]]) -> StackJson:
    policy = json.dumps({"Version": "2012-10-17", "Statement": statements})
    stack_json = copy.deepcopy(LOGS_KEY_STACK)
    stack_json["resource"]["aws_kms_key"]["key"]["policy"] = policy
    return stack_json


ALL_LOGS_ACTIONS = [
    "kms:Encrypt*",
    "kms:Decrypt*",
    "kms:ReEncrypt*",
    "kms:GenerateDataKey*",
    "kms:Describe*",
]


def test_logs_key_check_accepts_full_policy() -> None:
    stack_json = with_key_policy([ROOT_STATEMENT, logs_statement("eu-west-1", ALL_LOGS_ACTIONS)])
    assert_log_group_keys_allow_logs(stack_json)


def test_logs_key_check_rejects_missing_actions() -> None:
    statement = logs_statement("eu-west-1", ["kms:Decrypt*"])
    stack_json = with_key_policy([ROOT_STATEMENT, statement])
    with pytest.raises(AssertionError, match="GenerateDataKey"):
        assert_log_group_keys_allow_logs(stack_json)


def test_logs_key_check_rejects_other_region() -> None:
    statement = logs_statement("us-east-1", ALL_LOGS_ACTIONS)
    stack_json = with_key_policy([ROOT_STATEMENT, statement])
    with pytest.raises(AssertionError, match="but the key is in eu-west-1"):
        assert_log_group_keys_allow_logs(stack_json)


def test_logs_key_check_rejects_missing_root() -> None:
    stack_json = with_key_policy([logs_statement("eu-west-1", ALL_LOGS_ACTIONS)])
    with pytest.raises(AssertionError, match="account root"):
        assert_log_group_keys_allow_logs(stack_json)


def test_capacity_check_rejects_unknown_provider() -> None:
    stack_json: StackJson = {
        "resource": {
            "aws_ecs_cluster": {"c": {"name": "c"}},
            "aws_ecs_cluster_capacity_providers": {
                "cp": {
                    "cluster_name": "${aws_ecs_cluster.c.name}",
                    "capacity_providers": ["FARGATE"],
                    "default_capacity_provider_strategy": [{"capacity_provider": "FARGATE_SPOT"}],
                }
            },
        }
    }
    with pytest.raises(AssertionError, match="FARGATE_SPOT"):
        assert_ecs_capacity_providers_separate(stack_json)


def test_waf_check_rejects_api_spelling() -> None:
    rule = {
        "name": "common",
        "override_action": {"none": {}},
        "statement": {
            "managed_rule_group_statement": {
                "name": "AWSManagedRulesCommonRuleSet",
                "vendor_name": "AWS",
                "rule_action_overrides": [{"name": "x", "action_to_use": {"count": {}}}],
            }
        },
    }
    stack_json: StackJson = {"resource": {"aws_wafv2_web_acl": {"waf": {"rule": [rule]}}}}
    with pytest.raises(AssertionError, match="rule_action_overrides"):
        assert_waf_rules_valid(stack_json)


def test_exit_zero_after_synth_succeeds(tmp_path: Path) -> None:
    source = MINIMAL_STACK.format(bucket="six") + (
        'import sys\napp = App()\nMinimal(app, "m")\napp.synth()\nsys.exit(0)\n'
    )
    assert set(synth_source(source, tmp_path)) == {"m"}
