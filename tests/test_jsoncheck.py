"""The offline check of synthesized Terraform JSON against the index."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from cdktf_fix.index import load_index
from cdktf_fix.jsoncheck import check_document

INDEX = load_index()

VALID = {
    "resource": {
        "aws_s3_bucket": {"logs": {"bucket": "logs", "force_destroy": True, "depends_on": []}},
        "aws_s3_bucket_lifecycle_configuration": {
            "lc": {
                "bucket": "${aws_s3_bucket.logs.id}",
                "rule": [{"id": "r", "status": "Enabled", "filter": [{"prefix": ""}]}],
            }
        },
        "aws_security_group": {"sg": {"ingress": [{"self": True, "from_port": 0}]}},
        "aws_wafv2_web_acl": {
            "waf": {
                "name": "w",
                "scope": "REGIONAL",
                "default_action": {"allow": {}},
                "visibility_config": {
                    "cloudwatch_metrics_enabled": True,
                    "metric_name": "m",
                    "sampled_requests_enabled": True,
                },
                "rule": [
                    {
                        "name": "common",
                        "priority": 1,
                        "override_action": {"none": {}},
                        "statement": {
                            "managed_rule_group_statement": {"name": "X", "vendor_name": "AWS"}
                        },
                        "visibility_config": {
                            "cloudwatch_metrics_enabled": True,
                            "metric_name": "c",
                            "sampled_requests_enabled": True,
                        },
                    }
                ],
            }
        },
    },
    "data": {"aws_caller_identity": {"me": {}}},
}


def messages(document: dict) -> list[str]:
    return [finding.render() for finding in check_document(document, INDEX)]


def test_valid_document_has_no_findings() -> None:
    assert messages(VALID) == []


def test_camel_statement_key_reported() -> None:
    document = json.loads(json.dumps(VALID))
    rule = document["resource"]["aws_wafv2_web_acl"]["waf"]["rule"][0]
    rule["statement"] = {"managedRuleGroupStatement": {"name": "X", "vendorName": "AWS"}}
    found = messages(document)
    assert any("managedRuleGroupStatement" in m for m in found)
    assert any("vendorName" in m for m in found)


def test_object_where_list_expected_reported() -> None:
    document = json.loads(json.dumps(VALID))
    rule = document["resource"]["aws_s3_bucket_lifecycle_configuration"]["lc"]["rule"][0]
    rule["filter"] = {"prefix": ""}
    assert messages(document) == [
        "aws_s3_bucket_lifecycle_configuration.lc.rule[0].filter: "
        "`filter` takes a list of blocks, got one object"
    ]


def test_unknown_and_missing_arguments_reported() -> None:
    document = {"resource": {"aws_rds_cluster": {"db": {"engin": "aurora-postgresql"}}}}
    found = messages(document)
    assert "aws_rds_cluster.db.engin: unknown argument or block `engin`; did you mean `engine`?" in found
    assert "aws_rds_cluster.db: missing required argument `engine`" in found


def test_unknown_resource_type_reported() -> None:
    found = messages({"resource": {"aws_s3_bukket": {"b": {}}}})
    assert found == ["aws_s3_bukket.b: unknown resource type `aws_s3_bukket`"]


def test_cli_exit_codes(tmp_path: Path) -> None:
    good = tmp_path / "good" / "cdk.tf.json"
    good.parent.mkdir()
    good.write_text(json.dumps(VALID))
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"resource": {"aws_s3_bukket": {"b": {}}}}))
    run = [sys.executable, "-m", "cdktf_fix", "check-json"]
    assert subprocess.run([*run, str(tmp_path / "good")], capture_output=True).returncode == 0
    result = subprocess.run([*run, str(bad)], capture_output=True, text=True)
    assert result.returncode == 1
    assert "aws_s3_bukket" in result.stdout
    broken = tmp_path / "broken.json"
    broken.write_text("{")
    assert subprocess.run([*run, str(broken)], capture_output=True).returncode == 3
