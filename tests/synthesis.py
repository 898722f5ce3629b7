"""Synthesize CDKTF Python stack files in this process and check what they produce.

A stack file is run as ``__main__``, as ``cdktf synth`` does through ``python main.py``,
so its module-level ``app = App(); ...; app.synth()`` does the work. While it runs, ``cdktf.App`` is
replaced by a subclass that forces ``outdir`` into the caller's work directory, so
every App the file creates writes there whatever ``outdir`` the file passes. The
provider bindings are imported by the first stack file and stay in ``sys.modules``,
so only the first synth in a process pays for starting the jsii kernel.

The ``assert_*`` functions take one stack's parsed ``cdk.tf.json`` and raise
``AssertionError`` when a fix that cdktf-fix should have made is missing.
``CHECKS_BY_CODE`` maps each catalog code to its check.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import runpy
import shutil
import subprocess
import sys
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

StackJson = dict[str, Any]

# jsii prints a Node.js version banner unless this variable lists the accepted majors.
os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20")

OUTDIR_NAME = "cdktf.out"
SOURCE_FILE_NAME = "main.py"


class SynthError(Exception):
    """Raised when a stack file fails to run or its Apps leave no synthesized output.

    ``stack_traceback`` contains the traceback trimmed to start at the stack file's own
    frames, and ``__cause__`` is the original exception, when there was one.
    """

    def __init__(self, path: Path, message: str, stack_traceback: str = "") -> None:
        text = f"{path}: {message}"
        if stack_traceback:
            text = f"{text}\n{stack_traceback}"
        super().__init__(text)
        self.path = path
        self.stack_traceback = stack_traceback


def synth_file(path: Path, workdir: Path) -> dict[str, StackJson]:
    """Run the stack file at ``path`` and return each stack's parsed ``cdk.tf.json``.

    The first App writes into ``workdir / "cdktf.out"``, a second one into
    ``workdir / "cdktf.out.1"`` and so on. Stack names must be unique across Apps.
    """
    path = path.resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    with _apps_writing_into(workdir.resolve()) as outdirs:
        try:
            _run_as_main(path)
        except SystemExit as error:
            if error.code not in (None, 0):
                raise _error_from_exception(path, error) from error
        except Exception as error:
            raise _error_from_exception(path, error) from error
    if not outdirs:
        raise SynthError(path, "created no cdktf App")
    stacks: dict[str, StackJson] = {}
    for outdir in outdirs:
        for name, stack_json in _read_outdir(path, outdir).items():
            if name in stacks:
                raise SynthError(path, f"two Apps synthesized a stack named {name!r}")
            stacks[name] = stack_json
    return stacks


def synth_source(source: str, workdir: Path) -> dict[str, StackJson]:
    """Write ``source`` to ``workdir / "main.py"`` and synthesize it with ``synth_file``."""
    workdir.mkdir(parents=True, exist_ok=True)
    path = workdir / SOURCE_FILE_NAME
    path.write_text(source, encoding="utf-8")
    return synth_file(path, workdir)


def stack_dir(workdir: Path, stack_name: str) -> Path:
    """Return the folder containing ``cdk.tf.json`` of a stack of the first App."""
    return workdir / OUTDIR_NAME / "stacks" / stack_name


@contextlib.contextmanager
def _apps_writing_into(workdir: Path) -> Iterator[list[Path]]:
    """Replace ``cdktf.App`` with a subclass that writes into ``workdir``.

    Yields the list of output folders, one per App created so far. Code that bound
    ``App`` before the context started, such as a module imported earlier, keeps the
    original class.
    """
    import cdktf

    original_app = cdktf.App
    outdirs: list[Path] = []

    class RedirectedApp(original_app):  # type: ignore[misc, valid-type]
        def __init__(self, **kwargs: Any) -> None:
            suffix = f".{len(outdirs)}" if outdirs else ""
            outdir = workdir / f"{OUTDIR_NAME}{suffix}"
            outdirs.append(outdir)
            kwargs["outdir"] = str(outdir)
            # HCL output writes cdk.tf instead of cdk.tf.json, which nothing here reads.
            kwargs["hcl_output"] = False
            super().__init__(**kwargs)

    RedirectedApp.__name__ = RedirectedApp.__qualname__ = "App"
    cdktf.App = RedirectedApp
    try:
        yield outdirs
    finally:
        cdktf.App = original_app


def _run_as_main(path: Path) -> None:
    saved_argv = sys.argv
    sys.argv = [str(path)]
    try:
        runpy.run_path(str(path), run_name="__main__")
    finally:
        sys.argv = saved_argv


def _error_from_exception(path: Path, error: BaseException) -> SynthError:
    """Build a ``SynthError`` whose traceback starts at the stack file's frames."""
    summary = traceback.TracebackException.from_exception(error)
    frames = list(summary.stack)
    own = [i for i, frame in enumerate(frames) if frame.filename == str(path)]
    if own:
        summary.stack = traceback.StackSummary.from_list(frames[own[0] :])
    location = ""
    if own:
        last = frames[own[-1]]
        location = f"line {last.lineno}: "
    headline = f"{location}{type(error).__name__}: {error}".splitlines()[0]
    return SynthError(path, headline, "".join(summary.format()))


def _read_outdir(path: Path, outdir: Path) -> dict[str, StackJson]:
    manifest_path = outdir / "manifest.json"
    if not manifest_path.is_file():
        raise SynthError(path, f"no {manifest_path} was written: app.synth() never ran")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    stacks: dict[str, StackJson] = {}
    for name, entry in manifest["stacks"].items():
        stack_path = outdir / entry["synthesizedStackPath"]
        stacks[name] = json.loads(stack_path.read_text(encoding="utf-8"))
    return stacks


# ---------------------------------------------------------------------------
# Offline terraform validate


def terraform_validate(stack_folder: Path, workdir: Path, mirror: Path) -> dict[str, Any]:
    """Run ``terraform init`` and ``terraform validate -json`` on a copy of a stack.

    ``mirror`` is a provider filesystem mirror root (the folder that contains
    ``registry.terraform.io``). The copy's AWS provider constraint is relaxed to
    ``>= 5.0`` so that a 5.x mirror can serve it. Returns the parsed validate output.
    Raises ``RuntimeError`` with terraform's output when ``init`` fails.
    """
    terraform = shutil.which("terraform")
    if terraform is None:
        raise RuntimeError("terraform was not found on PATH")
    copy = workdir / stack_folder.name
    shutil.copytree(stack_folder, copy, dirs_exist_ok=True)
    config_path = copy / "cdk.tf.json"
    config = json.loads(config_path.read_text(encoding="utf-8"))
    providers = config.get("terraform", {}).get("required_providers", {})
    if "aws" in providers:
        providers["aws"]["version"] = ">= 5.0"
    config_path.write_text(json.dumps(config, indent=2), encoding="utf-8")
    cli_config = workdir / "terraform.rc"
    cli_config.write_text(
        "provider_installation {\n"
        f'  filesystem_mirror {{\n    path = "{mirror}"\n  }}\n'
        "}\n",
        encoding="utf-8",
    )
    env = {**os.environ, "TF_CLI_CONFIG_FILE": str(cli_config), "TF_IN_AUTOMATION": "1"}
    init = subprocess.run(
        [terraform, "init", "-backend=false", "-input=false", "-no-color"],
        cwd=copy, env=env, capture_output=True, text=True, check=False,
    )
    if init.returncode != 0:
        raise RuntimeError(f"terraform init failed in {copy}:\n{init.stdout}{init.stderr}")
    validate = subprocess.run(
        [terraform, "validate", "-json", "-no-color"],
        cwd=copy, env=env, capture_output=True, text=True, check=False,
    )
    return json.loads(validate.stdout)


# ---------------------------------------------------------------------------
# Reading synthesized stacks

_REFERENCE = re.compile(
    r"^\$\{(?P<data>data\.)?(?P<type>[a-z0-9_]+)\.(?P<name>[A-Za-z0-9_-]+)"
    r"\.(?P<attribute>[a-z0-9_]+)\}$"
)


def resources(stack_json: StackJson, resource_type: str) -> dict[str, dict[str, Any]]:
    """Return the resources of one type, keyed by their Terraform name."""
    return stack_json.get("resource", {}).get(resource_type, {})


def data_sources(stack_json: StackJson, data_type: str) -> dict[str, dict[str, Any]]:
    """Return the data sources of one type, keyed by their Terraform name."""
    return stack_json.get("data", {}).get(data_type, {})


def reference(value: Any, resource_type: str, attribute: str | None = None) -> str | None:
    """Return the name in a ``${<type>.<name>.<attribute>}`` token, or None.

    Data sources are written with a ``data.`` prefix in ``resource_type``.
    """
    if not isinstance(value, str):
        return None
    match = _REFERENCE.match(value)
    if match is None:
        return None
    found_type = (match["data"] or "") + match["type"]
    if found_type != resource_type:
        return None
    if attribute is not None and match["attribute"] != attribute:
        return None
    return match["name"]


def _blocks(value: Any) -> list[dict[str, Any]]:
    """Return a nested block as a list, whether it was synthesized as list or object."""
    if value is None:
        return []
    if isinstance(value, list):
        return value
    return [value]


def _provider_region(stack_json: StackJson, resource: dict[str, Any]) -> str | None:
    """Return the region of the AWS provider a resource uses, None if not a literal."""
    alias = None
    provider = resource.get("provider")
    if isinstance(provider, str) and provider.startswith("aws."):
        alias = provider.removeprefix("aws.")
    for config in stack_json.get("provider", {}).get("aws", []):
        if config.get("alias") == alias:
            region = config.get("region")
            return region if isinstance(region, str) and "${" not in region else None
    return None


def _policy_text(stack_json: StackJson, value: Any) -> str:
    """Return a policy as text: the JSON string itself or the referenced document."""
    document = reference(value, "data.aws_iam_policy_document", "json")
    if document is not None:
        config = data_sources(stack_json, "aws_iam_policy_document").get(document, {})
        return json.dumps(config)
    return value if isinstance(value, str) else json.dumps(value)


def assert_resources_present(stack_json: StackJson, *resource_types: str) -> None:
    """Check that the stack has at least one resource of each given type."""
    for resource_type in resource_types:
        assert resources(stack_json, resource_type), f"no {resource_type} in the stack"


# ---------------------------------------------------------------------------
# Checks, one per catalog entry


def assert_s3_a_resources_present(stack_json: StackJson) -> None:
    """CDKTF002: the standalone S3 bucket resources were synthesized.

    The broken import fails before synth, so the fixed stack only needs to contain
    one of the resources whose Python class carries the ``A`` suffix.
    """
    a_suffixed = (
        "aws_s3_bucket_versioning",
        "aws_s3_bucket_server_side_encryption_configuration",
        "aws_s3_bucket_replication_configuration",
        "aws_s3_bucket_logging",
        "aws_s3_bucket_object_lock_configuration",
    )
    found = [kind for kind in a_suffixed if resources(stack_json, kind)]
    assert found, f"none of {', '.join(a_suffixed)} in the stack"


def assert_app_autoscaling_wired(stack_json: StackJson) -> None:
    """CDKTF003: scaling policies and scheduled actions are tied to a scalable target.

    Each one must reference a target's ``resource_id`` or depend on a target, because
    AWS rejects a policy whose target does not exist yet.
    """
    targets = resources(stack_json, "aws_appautoscaling_target")
    assert targets, "no aws_appautoscaling_target in the stack"
    for kind in ("aws_appautoscaling_policy", "aws_appautoscaling_scheduled_action"):
        for name, config in resources(stack_json, kind).items():
            target = reference(config.get("resource_id"), "aws_appautoscaling_target")
            depends_on = config.get("depends_on", [])
            waits = any(item.startswith("aws_appautoscaling_target.") for item in depends_on)
            assert target in targets or waits, (
                f"{kind}.{name} neither references nor depends on a scalable target"
            )


def assert_master_password_managed(stack_json: StackJson) -> None:
    """CDKTF004: Aurora clusters let RDS manage the master password."""
    clusters = resources(stack_json, "aws_rds_cluster")
    assert clusters, "no aws_rds_cluster in the stack"
    for name, config in clusters.items():
        assert config.get("manage_master_user_password") is True, (
            f"aws_rds_cluster.{name} lacks manage_master_user_password = true"
        )
        assert "master_password" not in config, (
            f"aws_rds_cluster.{name} sets master_password next to a managed password"
        )


def assert_ecs_capacity_providers_separate(stack_json: StackJson) -> None:
    """CDKTF005: capacity providers live in ``aws_ecs_cluster_capacity_providers``."""
    clusters = resources(stack_json, "aws_ecs_cluster")
    assert clusters, "no aws_ecs_cluster in the stack"
    for name, config in clusters.items():
        for key in ("capacity_providers", "default_capacity_provider_strategy"):
            assert key not in config, f"aws_ecs_cluster.{name} still sets {key}"
    attachments = resources(stack_json, "aws_ecs_cluster_capacity_providers")
    assert attachments, "no aws_ecs_cluster_capacity_providers in the stack"
    for name, config in attachments.items():
        cluster = reference(config.get("cluster_name"), "aws_ecs_cluster", "name")
        assert cluster in clusters, (
            f"aws_ecs_cluster_capacity_providers.{name}.cluster_name "
            f"{config.get('cluster_name')!r} is not an aws_ecs_cluster name reference"
        )
        # ECS rejects a default strategy naming a provider the cluster does not have.
        offered = config.get("capacity_providers", [])
        for strategy in config.get("default_capacity_provider_strategy", []):
            assert strategy.get("capacity_provider") in offered, (
                f"aws_ecs_cluster_capacity_providers.{name}: strategy {strategy!r} "
                f"names a provider outside {offered!r}"
            )


_GROUP_STATEMENTS = ("managed_rule_group_statement", "rule_group_reference_statement")

# Block and argument names that may appear under a web ACL rule's `statement`, read
# from `terraform providers schema -json` of the Terraform AWS provider 5.100.0.
# TODO: regenerate from the 6.25.0 schema; a name new in 6.x is reported as unknown.
WAF_STATEMENT_KEYS = frozenset(
    """
    action_to_use address_fields aggregate_key_type all all_query_arguments allow
    and_statement arn asn_list asn_match_statement aws_managed_rules_acfp_rule_set
    aws_managed_rules_atp_rule_set aws_managed_rules_bot_control_rule_set block body
    body_contains byte_match_statement captcha challenge comparison_operator cookie
    cookies count country_codes creation_path custom_key custom_request_handling
    custom_response custom_response_body_key email_field enable_machine_learning
    enable_regex_in_path evaluation_window_sec excluded_cookies excluded_headers
    failure_codes failure_strings failure_values fallback_behavior field_to_match
    forwarded_ip forwarded_ip_config geo_match_statement header header_name
    header_order headers http_method identifier identifiers included_cookies
    included_headers included_paths insert_header inspection_level
    invalid_fallback_behavior ip ip_set_forwarded_ip_config ip_set_reference_statement
    ja3_fingerprint ja4_fingerprint json json_body key label_match_statement
    label_namespace limit login_path managed_rule_group_configs
    managed_rule_group_statement match_pattern match_scope method name namespace
    not_statement or_statement oversize_handling password_field payload_type
    phone_number_fields position positional_constraint priority query_argument
    query_string rate_based_statement regex_match_statement
    regex_pattern_set_reference_statement regex_string registration_page_path
    request_inspection response_code response_header response_inspection
    rule_action_override rule_group_reference_statement scope scope_down_statement
    search_string sensitivity_level single_header single_query_argument size
    size_constraint_statement sqli_match_statement statement status_code
    success_codes success_strings success_values text_transformation type
    uri_fragment uri_path username_field value vendor_name version xss_match_statement
    """.split()
)


def _unknown_keys(value: Any, path: str) -> list[str]:
    """Return the paths of dict keys that are not WAF statement names."""
    found: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            if key not in WAF_STATEMENT_KEYS:
                found.append(f"{path}.{key}")
            found.extend(_unknown_keys(item, f"{path}.{key}"))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(_unknown_keys(item, f"{path}[{index}]"))
    return found


def assert_waf_rules_valid(stack_json: StackJson) -> None:
    """CDKTF006: rule statements use Terraform block names and actions fit the rule.

    The untyped ``statement`` is emitted verbatim, so every key in it must be a
    Terraform name (camelCase or WAF API spellings fail ``terraform validate``). A
    rule whose statement is a rule group takes ``override_action``, any other rule
    takes ``action``.
    """
    acls = resources(stack_json, "aws_wafv2_web_acl")
    assert acls, "no aws_wafv2_web_acl in the stack"
    for acl_name, acl in acls.items():
        for rule in _blocks(acl.get("rule")):
            where = f"aws_wafv2_web_acl.{acl_name} rule {rule.get('name')!r}"
            statement = rule.get("statement")
            assert statement, f"{where} has no statement"
            unknown = _unknown_keys(statement, "statement")
            assert not unknown, f"{where} has unknown statement keys: {', '.join(unknown)}"
            if any(key in statement for key in _GROUP_STATEMENTS):
                assert "override_action" in rule, f"{where} lacks override_action"
                assert "action" not in rule, f"{where} sets action on a rule group"
            else:
                assert "action" in rule, f"{where} lacks action"
                assert "override_action" not in rule, (
                    f"{where} sets override_action on a plain rule"
                )


_LIFECYCLE_LIST_BLOCKS = (
    "filter",
    "expiration",
    "transition",
    "noncurrent_version_expiration",
    "noncurrent_version_transition",
    "abort_incomplete_multipart_upload",
)


def assert_lifecycle_rules_valid(stack_json: StackJson) -> None:
    """CDKTF007: every lifecycle rule has one filter and its nested blocks are lists."""
    configs = resources(stack_json, "aws_s3_bucket_lifecycle_configuration")
    assert configs, "no aws_s3_bucket_lifecycle_configuration in the stack"
    for name, config in configs.items():
        rules = config.get("rule", [])
        assert rules, f"aws_s3_bucket_lifecycle_configuration.{name} has no rule"
        for rule in rules:
            where = f"aws_s3_bucket_lifecycle_configuration.{name} rule {rule.get('id')!r}"
            for block in _LIFECYCLE_LIST_BLOCKS:
                if block in rule:
                    assert isinstance(rule[block], list), f"{where}: {block} is not a list"
            has_filter = len(rule.get("filter", [])) == 1
            assert has_filter or "prefix" in rule, f"{where} has no filter"
            for expiration in rule.get("noncurrent_version_expiration", []):
                assert "noncurrent_days" in expiration, (
                    f"{where}: noncurrent_version_expiration lacks noncurrent_days"
                )


def assert_certificates_validated(stack_json: StackJson) -> None:
    """CDKTF008: HTTPS listeners and distributions wait for DNS-validated certificates.

    Each certificate ARN they use must come from an ``aws_acm_certificate_validation``
    whose certificate uses DNS validation and has Route53 records built from its
    ``domain_validation_options``.
    """
    users: list[tuple[str, Any]] = []
    for name, listener in resources(stack_json, "aws_lb_listener").items():
        if listener.get("protocol") == "HTTPS":
            users.append((f"aws_lb_listener.{name}", listener.get("certificate_arn")))
    for name, distribution in resources(stack_json, "aws_cloudfront_distribution").items():
        for viewer in _blocks(distribution.get("viewer_certificate")):
            if viewer.get("acm_certificate_arn"):
                where = f"aws_cloudfront_distribution.{name}"
                users.append((where, viewer["acm_certificate_arn"]))
    assert users, "no HTTPS aws_lb_listener or ACM-backed distribution in the stack"
    validations = resources(stack_json, "aws_acm_certificate_validation")
    certificates = resources(stack_json, "aws_acm_certificate")
    records = json.dumps(resources(stack_json, "aws_route53_record"))
    for where, arn in users:
        validation = reference(arn, "aws_acm_certificate_validation", "certificate_arn")
        assert validation in validations, (
            f"{where} uses {arn!r}, not an aws_acm_certificate_validation certificate_arn"
        )
        config = validations[validation]
        certificate = reference(config.get("certificate_arn"), "aws_acm_certificate", "arn")
        assert certificate in certificates, (
            f"aws_acm_certificate_validation.{validation} validates no certificate "
            "of this stack"
        )
        assert certificates[certificate].get("validation_method") == "DNS", (
            f"aws_acm_certificate.{certificate} does not use DNS validation"
        )
        assert config.get("validation_record_fqdns"), (
            f"aws_acm_certificate_validation.{validation} has no validation_record_fqdns"
        )
        options = f"aws_acm_certificate.{certificate}.domain_validation_options"
        assert options in records, f"no aws_route53_record is built from {options}"


_LOGS_PRINCIPAL = re.compile(
    r"logs\.(?P<region>[a-z]{2}(?:-gov)?-[a-z]+-\d|\$\{[^}]+\})\.amazonaws\.com"
)
_LOGS_KEY_ACTIONS = (
    "kms:Encrypt*",
    "kms:Decrypt*",
    "kms:ReEncrypt*",
    "kms:GenerateDataKey*",
    "kms:Describe*",
)


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _policy_statements(stack_json: StackJson, policy: Any) -> list[dict[str, Any]] | None:
    """Return a policy's statements with their effect, actions and principals.

    Each principal is a ``(type, identifier)`` pair such as ``("Service",
    "logs.us-east-1.amazonaws.com")``. Returns None when the policy is neither an
    ``aws_iam_policy_document`` reference nor a JSON string, e.g. ``${jsonencode(...)}``.
    """
    document = reference(policy, "data.aws_iam_policy_document", "json")
    if document is not None:
        config = data_sources(stack_json, "aws_iam_policy_document").get(document, {})
        return [
            {
                "effect": statement.get("effect", "Allow"),
                "actions": _as_list(statement.get("actions")),
                "principals": [
                    (principal.get("type"), identifier)
                    for principal in _as_list(statement.get("principals"))
                    for identifier in _as_list(principal.get("identifiers"))
                ],
            }
            for statement in _as_list(config.get("statement"))
        ]
    try:
        parsed = json.loads(policy)
    except (TypeError, ValueError):
        return None
    statements = []
    for statement in _as_list(parsed.get("Statement") if isinstance(parsed, dict) else None):
        principal = statement.get("Principal", {})
        if principal == "*":
            pairs = [("*", "*")]
        else:
            pairs = [(kind, ident) for kind, ids in principal.items() for ident in _as_list(ids)]
        statements.append({
            "effect": statement.get("Effect"),
            "actions": _as_list(statement.get("Action")),
            "principals": pairs,
        })
    return statements


def _logs_regions(statement: dict[str, Any]) -> set[str]:
    """Return the regions of the CloudWatch Logs service principals in a statement."""
    regions = set()
    for kind, identifier in statement["principals"]:
        match = _LOGS_PRINCIPAL.fullmatch(str(identifier))
        if kind == "Service" and match:
            regions.add(match["region"])
    return regions


def _assert_key_policy_allows_logs(
    stack_json: StackJson, where: str, key: dict[str, Any]
) -> None:
    statements = _policy_statements(stack_json, key["policy"])
    if statements is None:
        # NOTE: an HCL policy such as ${jsonencode(...)} is only searched as text, so
        # its actions are not tied to the logs principal.
        text = str(key["policy"])
        assert _LOGS_PRINCIPAL.search(text), f"{where}: policy names no logs principal"
        assert ":root" in text, f"{where}: policy has no statement for the account root"
        return
    allowed = [statement for statement in statements if statement["effect"] == "Allow"]
    for_logs = [statement for statement in allowed if _logs_regions(statement)]
    assert for_logs, f"{where}: no Allow statement names logs.<region>.amazonaws.com"
    regions = set().union(*(_logs_regions(statement) for statement in for_logs))
    region = _provider_region(stack_json, key)
    if region is not None:
        assert region in regions or any("${" in found for found in regions), (
            f"{where}: policy names logs principals for {sorted(regions)}, "
            f"but the key is in {region}"
        )
    granted = {action for statement in for_logs for action in statement["actions"]}
    missing = [action for action in _LOGS_KEY_ACTIONS if action not in granted]
    assert not missing or "kms:*" in granted, f"{where}: logs statement lacks {missing}"
    root_admin = any(
        kind == "AWS" and str(identifier).endswith(":root") and "kms:*" in statement["actions"]
        for statement in allowed
        for kind, identifier in statement["principals"]
    )
    assert root_admin, f"{where}: policy does not let the account root administer the key"


def assert_log_group_keys_allow_logs(stack_json: StackJson) -> None:
    """CDKTF009: KMS keys of log groups let the CloudWatch Logs service use them.

    The key policy must allow ``logs.<region>.amazonaws.com`` (the region of the
    key's provider when it is a literal) the actions CloudWatch Logs needs, and keep
    the statement that lets the account root administer the key.
    """
    keys = resources(stack_json, "aws_kms_key")
    checked = 0
    for group_name, group in resources(stack_json, "aws_cloudwatch_log_group").items():
        key_name = reference(group.get("kms_key_id"), "aws_kms_key", "arn")
        if key_name is None:
            continue
        checked += 1
        where = f"aws_kms_key.{key_name} (key of aws_cloudwatch_log_group.{group_name})"
        key = keys.get(key_name)
        assert key is not None, f"{where} is not in the stack"
        assert key.get("policy"), f"{where} has no policy"
        _assert_key_policy_allows_logs(stack_json, where, key)
    assert checked, "no aws_cloudwatch_log_group uses an aws_kms_key of the stack"


def assert_route_table_ids_are_references(stack_json: StackJson) -> None:
    """CDKTF010: gateway endpoints name route tables that the stack creates."""
    tables = resources(stack_json, "aws_route_table")
    endpoints = {
        name: config
        for name, config in resources(stack_json, "aws_vpc_endpoint").items()
        if "route_table_ids" in config
    }
    assert endpoints, "no aws_vpc_endpoint with route_table_ids in the stack"
    for name, config in endpoints.items():
        ids = config["route_table_ids"]
        assert isinstance(ids, list) and ids, (
            f"aws_vpc_endpoint.{name}.route_table_ids is {ids!r}, not a non-empty list"
        )
        for value in ids:
            table = reference(value, "aws_route_table", "id")
            assert table in tables, (
                f"aws_vpc_endpoint.{name}.route_table_ids has {value!r}, "
                "not an aws_route_table id reference"
            )


def _enabled_versioning(stack_json: StackJson, bucket: str) -> str | None:
    """Return the name of an enabled ``aws_s3_bucket_versioning`` of a bucket."""
    for name, config in resources(stack_json, "aws_s3_bucket_versioning").items():
        target = config.get("bucket")
        if reference(target, "aws_s3_bucket") != bucket:
            continue
        blocks = _blocks(config.get("versioning_configuration"))
        if [block.get("status") for block in blocks] == ["Enabled"]:
            return name
    return None


def _assert_replication_role(stack_json: StackJson, where: str, role_arn: Any) -> None:
    roles = resources(stack_json, "aws_iam_role")
    role = reference(role_arn, "aws_iam_role", "arn")
    assert role in roles, f"{where}.role {role_arn!r} is not an aws_iam_role of the stack"
    trust = _policy_text(stack_json, roles[role].get("assume_role_policy"))
    assert "s3.amazonaws.com" in trust, f"aws_iam_role.{role} is not assumable by S3"
    grants = [
        _policy_text(stack_json, config.get("policy"))
        for config in resources(stack_json, "aws_iam_role_policy").values()
        if reference(config.get("role"), "aws_iam_role") == role
    ]
    assert any("s3:ReplicateObject" in text for text in grants), (
        f"no aws_iam_role_policy of aws_iam_role.{role} grants s3:ReplicateObject"
    )


def _replica_buckets(stack_json: StackJson, where: str, config: dict[str, Any]) -> list[str]:
    """Return the destination buckets of a replication configuration's rules."""
    buckets = resources(stack_json, "aws_s3_bucket")
    replicas: list[str] = []
    for rule in config.get("rule", []):
        for destination in _blocks(rule.get("destination")):
            replica = reference(destination.get("bucket"), "aws_s3_bucket", "arn")
            assert replica in buckets, (
                f"{where}: destination {destination.get('bucket')!r} is not the "
                "arn of an aws_s3_bucket of the stack"
            )
            replicas.append(replica)
        if "filter" in rule:
            assert "delete_marker_replication" in rule, (
                f"{where} rule {rule.get('id')!r} has a filter but no "
                "delete_marker_replication"
            )
    assert replicas, f"{where} has no destination"
    return replicas


def assert_replication_prerequisites(stack_json: StackJson) -> None:
    """CDKTF011: replication has versioned buckets in two regions and its own role.

    Both buckets need enabled versioning that the replication configuration depends
    on, the destination bucket and its versioning must use an aliased provider in
    another region, and the role must be assumable by S3 and allowed to replicate.
    """
    buckets = resources(stack_json, "aws_s3_bucket")
    versionings = resources(stack_json, "aws_s3_bucket_versioning")
    configs = resources(stack_json, "aws_s3_bucket_replication_configuration")
    assert configs, "no aws_s3_bucket_replication_configuration in the stack"
    for name, config in configs.items():
        where = f"aws_s3_bucket_replication_configuration.{name}"
        source = reference(config.get("bucket"), "aws_s3_bucket")
        assert source in buckets, f"{where}.bucket is not an aws_s3_bucket of the stack"
        _assert_replication_role(stack_json, where, config.get("role"))
        replicas = _replica_buckets(stack_json, where, config)
        for bucket in [source, *replicas]:
            versioning = _enabled_versioning(stack_json, bucket)
            assert versioning, f"aws_s3_bucket.{bucket} has no enabled versioning"
            assert f"aws_s3_bucket_versioning.{versioning}" in config.get("depends_on", []), (
                f"{where} does not depend on aws_s3_bucket_versioning.{versioning}"
            )
            assert versionings[versioning].get("provider") == buckets[bucket].get("provider"), (
                f"aws_s3_bucket_versioning.{versioning} uses another provider than its bucket"
            )
        source_region = _provider_region(stack_json, buckets[source])
        for bucket in replicas:
            assert "provider" in buckets[bucket], (
                f"aws_s3_bucket.{bucket} (replica) uses the default provider"
            )
            region = _provider_region(stack_json, buckets[bucket])
            assert region != source_region, (
                f"aws_s3_bucket.{bucket} (replica) is in the source region {region}"
            )


# Engine versions that AWS no longer offers for new clusters, by engine. As of
# December 2026 Aurora PostgreSQL 15.3 was retired, and 15.10 was the long-term
# support minor of 15.x.
# TODO: add the other retired minors once an AWS source confirms each one.
RETIRED_ENGINE_VERSIONS: dict[str, frozenset[str]] = {
    "aurora-postgresql": frozenset({"15.3"}),
}


def assert_engine_versions_current(stack_json: StackJson) -> None:
    """CDKTF012: Aurora clusters and instances ask for an engine version still offered."""
    clusters = resources(stack_json, "aws_rds_cluster")
    assert clusters, "no aws_rds_cluster in the stack"
    kinds = ("aws_rds_cluster", "aws_rds_cluster_instance")
    for kind in kinds:
        for name, config in resources(stack_json, kind).items():
            retired = RETIRED_ENGINE_VERSIONS.get(config.get("engine", ""), frozenset())
            version = config.get("engine_version")
            assert version not in retired, (
                f"{kind}.{name} asks for retired {config.get('engine')} {version}"
            )


CHECKS_BY_CODE: dict[str, Callable[[StackJson], None]] = {
    "CDKTF002": assert_s3_a_resources_present,
    "CDKTF003": assert_app_autoscaling_wired,
    "CDKTF004": assert_master_password_managed,
    "CDKTF005": assert_ecs_capacity_providers_separate,
    "CDKTF006": assert_waf_rules_valid,
    "CDKTF007": assert_lifecycle_rules_valid,
    "CDKTF008": assert_certificates_validated,
    "CDKTF009": assert_log_group_keys_allow_logs,
    "CDKTF010": assert_route_table_ids_are_references,
    "CDKTF011": assert_replication_prerequisites,
    "CDKTF012": assert_engine_versions_current,
}
"""The check that proves each catalog entry's fix in a synthesized stack.

CDKTF001 has no entry: it only reports, and both of its stacks synthesize.
"""
