"""Entries that meet in one call must compose: each fault fixed once."""

from __future__ import annotations

import pytest

from cdktf_fix.catalog import all_entries
from cdktf_fix.engine import Engine
from cdktf_fix.index import load_index
from cdktf_fix.options import Options

CASES = [
    pytest.param(
        'from cdktf_cdktf_provider_aws.s3_bucket_lifecycle_configuration import S3BucketLifecycleConfiguration\n\n'
        'S3BucketLifecycleConfiguration(self, "lc", bucket=b.id, rule=[{"id": "all", "status": "Enabled", '
        '"filter": {"prefix": "x/"}, "expiration": {"days": 3}}])\n',
        'from cdktf_cdktf_provider_aws.s3_bucket_lifecycle_configuration import S3BucketLifecycleConfiguration\n\n'
        'S3BucketLifecycleConfiguration(self, "lc", bucket=b.id, rule=[{"id": "all", "status": "Enabled", '
        '"filter": [{"prefix": "x/"}], "expiration": [{"days": 3}]}])\n',
        id="lifecycle-dict-rule-wrapped-once",
    ),
    pytest.param(
        "from cdktf_cdktf_provider_aws.s3_bucket_versioning import S3BucketVersioning\n\n"
        'S3BucketVersioning(self, "v", bucket="b", versioning_configuration={"status": "Enabled"})\n',
        "from cdktf_cdktf_provider_aws.s3_bucket_versioning import S3BucketVersioningA\n\n"
        'S3BucketVersioningA(self, "v", bucket="b", versioning_configuration={"status": "Enabled"})\n',
        id="suffix-rename-not-moved",
    ),
    pytest.param(
        "from cdktf_cdktf_provider_aws.iam_policy_attachment_role import IamRolePolicyAttachment\n",
        "from cdktf_cdktf_provider_aws.iam_role_policy_attachment import IamRolePolicyAttachment\n",
        id="module-from-imported-class",
    ),
]


@pytest.mark.parametrize(("before", "after"), CASES)
def test_whole_catalog_fixes_once(before: str, after: str) -> None:
    engine = Engine(all_entries(), Options(unsafe_fixes=True), load_index())
    result = engine.run_text(before, fixing=True)
    assert result.fixed == after
    again = engine.run_text(after, fixing=True)
    assert not again.changed
